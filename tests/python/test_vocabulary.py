"""The event vocabulary as data (vaekit.event_vocabulary()): every reader agrees on every field
the table describes, and the columnar EventLog keeps exactly the fields the table says it keeps
(issue 13)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit

FIELDS = vaekit.event_vocabulary()
REQUIRED = {
    event: {
        f["name"]: f["values"][0] if f["values"] else int(f["min"])
        for f in FIELDS
        if event in f["required"]
    }
    for f0 in FIELDS
    for event in f0["events"]
}


def _value(field: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = field["type"]
    if kind == "enumeration":
        return st.sampled_from(field["values"])
    if kind == "date":
        return st.dates().map(lambda d: d.isoformat())
    if kind == "integer":
        return st.builds(
            lambda k: int(field["min"]) + k * field["step"],
            st.integers(0, (int(field["max"]) - int(field["min"])) // field["step"]),
        )
    if kind == "number":
        return st.floats(field["min"], field["max"], allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "text":
        return st.text(min_size=1, max_size=20)
    return st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=3, unique=True)


@st.composite
def _line(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(st.sampled_from(FIELDS))
    event = draw(st.sampled_from(field["events"]))
    data = dict(REQUIRED[event])
    data[field["name"]] = draw(_value(field))
    line: dict[str, Any] = {"case": "C1", "at": "2020-01-06", "event": event, "role": "system"}
    if event == "certification_chosen":
        line["certification"] = "RNCP1"
    line["data"] = data
    return line


@settings(max_examples=300, deadline=None)
@given(_line())
def test_fast_and_full_readers_agree_on_every_field_of_the_table(line: dict[str, Any]) -> None:
    text = json.dumps(line)
    full = vaekit.Event.from_json(text)  # the reference reader (nlohmann)
    scanned = vaekit.parse_event_log(text + "\n").events  # the scanner (simdjson fast path)
    assert [e.to_dict() for e in scanned] == [full.to_dict()]
    assert full.data == {k: v for k, v in line["data"].items() if v is not False}


@settings(max_examples=200, deadline=None)
@given(_line())
def test_the_columnar_log_keeps_the_payload_fields_only(line: dict[str, Any]) -> None:
    text = json.dumps(line)
    full = vaekit.Event.from_json(text)
    log = vaekit.EventLog.parse(text + "\n")
    (kept,) = log.events()
    payload = {f["name"] for f in FIELDS if f["payload"] != "none" and line["event"] in f["events"]}
    assert kept.data == {k: v for k, v in full.data.items() if k in payload}
