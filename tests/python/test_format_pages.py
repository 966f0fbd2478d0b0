"""The project's format pages (docs/formats/) against the code, as OpenTimelineIO's
tests/test_serialized_schema.py keeps its schema document true: the event-log page holds the
tables generated from the vocabulary table, and the activity-report page names the tables and
columns the report really writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import vaekit

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "formats"
EVENTLOG = ROOT / "examples" / "data" / "analytics" / "eventlog.jsonl"


def test_event_log_page_holds_the_generated_tables() -> None:
    text = (PAGES / "event-log.md").read_text(encoding="utf-8")
    begin = "<!-- generated:event-vocabulary begin -->\n"
    end = "<!-- generated:event-vocabulary end -->"
    assert begin in text and end in text
    generated = text[text.index(begin) + len(begin) : text.index(end)]
    assert generated == vaekit.event_vocabulary_markdown(), (
        "docs/formats/event-log.md is out of date: paste vaekit.event_vocabulary_markdown() "
        "between its markers"
    )


def test_event_vocabulary_lists_every_data_field() -> None:
    fields = vaekit.event_vocabulary()
    names = [f["name"] for f in fields]
    # The payload columns the columnar EventLog exports (issue 13) are all in the table.
    for name in ("channel", "to", "decision", "result", "minutes", "hours", "funding", "date"):
        assert name in names
    by_name = {f["name"]: f for f in fields}
    assert by_name["to"]["required"] == ["oriented"]
    assert by_name["to"]["values"] == ["vae", "vap", "training", "skills_assessment", "other"]
    assert by_name["minutes"]["min"] == 0 and by_name["minutes"]["max"] == 1440
    assert by_name["reason"]["personal"] is True and by_name["reason"]["payload"] == "none"
    assert by_name["implicit"]["payload"] == "flag"
    # Every field of the table is accepted by vaekit.Event on an event that carries it.
    assert vaekit.Event("C1", "received", "2020-01-06", "assistant", channel="phone").data == {
        "channel": "phone"
    }
    for f in fields:
        assert f["events"], f["name"]
        assert f["name"] in (vaekit.Event.__doc__ or "")


def _page_section() -> str:
    text = (PAGES / "activity-report.md").read_text(encoding="utf-8")
    return text[text.index("## Tables and columns") :]


def _page_tables() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for line in _page_section().splitlines():
        m = re.match(r"\| `(\w+)` \| (.*) \|$", line)
        if m and m.group(2).count("|") == 0:
            # The column names are the first code span of each comma-separated item.
            items = re.split(r",\s*(?![^()]*\))", m.group(2))
            names = [re.match(r"`(\w+)`", i.strip()) for i in items]
            tables[m.group(1)] = [n.group(1) for n in names if n]
    return tables


def _page_protection() -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for line in _page_section().splitlines():
        m = re.match(r"\| `(\w+)` \| ((?:`[\w-]+`(?:, )?)+) \| .* \|$", line)
        if m:
            keys[m.group(1)] = set(re.findall(r"`([\w-]+)`", m.group(2)))
    return keys


def test_activity_report_page_names_the_real_tables_and_columns() -> None:
    report = vaekit.EventLog.read(str(EVENTLOG)).report(threshold=11)
    tables = _page_tables()
    protection = _page_protection()
    assert set(tables) == {"funnel", "durations", "monthly", "workload", "suppressed"}
    for method in ("none", "suppression", "cell-key"):
        doc = json.loads(
            report.publish(method=method, threshold=0 if method == "none" else 11).to_json()
        )
        assert doc["schema"] == "ActivityReport.1"
        optional = {"by_profile", "by_channel", "dropout_reasons"}  # issue 15, when coded
        assert [k for k in doc if k not in optional] == [
            "schema",
            "threshold",
            "protection",
            *tables,
        ]
        assert doc["protection"]["method"] == method
        assert set(doc["protection"]) == {k for k, ms in protection.items() if method in ms}
        for name, columns in tables.items():
            if name != "suppressed" or method != "none":
                assert doc[name], f"{name} is empty on the example log"
            for record in doc[name]:
                assert list(record) == columns, (name, list(record), columns)
