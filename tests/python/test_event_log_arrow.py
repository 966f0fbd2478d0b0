"""The event log across the Arrow boundary: EventLog.__arrow_c_stream__, EventLog.from_arrow,
to_pandas with typed columns and from_pandas back (issue 13, "One columnar boundary").

The event-log format is ../shared/formats/event-log.md: ``at`` is a date or a date-time with an
offset; the payload fields are those of its event table.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit
from vaekit.analytics.frames import iso_at

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "analytics" / "eventlog.jsonl"

FOUR = "\n".join(
    json.dumps(r)
    for r in [
        {
            "case": "C1",
            "at": "2017-01-09",
            "event": "received",
            "role": "assistant",
            "antenne": "A1",
            "data": {"channel": "phone"},
        },
        {
            "case": "C1",
            "at": "2017-01-23T10:30:00+01:00",
            "event": "appointment_held",
            "role": "counsellor",
            "data": {"minutes": 60},
        },
        {
            "case": "C1",
            "at": "2017-01-23",
            "event": "oriented",
            "role": "counsellor",
            "data": {"to": "vae"},
        },
        {
            "case": "C2",
            "at": "2017-02-01",
            "event": "admissibility_decided",
            "role": "system",
            "data": {"decision": "admissible", "implicit": True},
        },
    ]
)


def test_to_pandas_typed_columns() -> None:
    df = vaekit.EventLog.parse(FOUR).to_pandas()
    assert list(df.columns) == [
        "case",
        "at",
        "utc_offset",
        "event",
        "role",
        "antenne",
        "staff",
        "certification",
        "channel",
        "minutes",
        "to",
        "decision",
        "implicit",
        "funding",
        "result",
        # The payload fields of the France VAE era (issue 15).
        "accompaniment",
        "funding_kind",
        "granted",
        "reason_code",
        "lifted",
        "sex",
        "age_band",
        "employment",
        "qualification",
        "departement",  # since the payload has 32 bits
        "qpv",
        "rqth",
        "months",
        "situation",
    ]
    assert str(df["at"].dtype) == "datetime64[ms]"
    for name in ("case", "event", "role", "antenne", "staff", "channel", "to", "decision"):
        assert isinstance(df[name].dtype, pd.CategoricalDtype), name
    assert str(df["utc_offset"].dtype) == "Int16"
    assert str(df["minutes"].dtype) == "Int32"
    assert str(df["implicit"].dtype) == "boolean"
    # Worked from the lines above: local wall time, offset only on the date-time.
    assert df["at"][0] == pd.Timestamp("2017-01-09")
    assert df["at"][1] == pd.Timestamp("2017-01-23 10:30")
    assert pd.isna(df["utc_offset"][0]) and df["utc_offset"][1] == 60
    assert df["channel"][0] == "phone" and pd.isna(df["channel"][1])
    assert df["minutes"][1] == 60 and pd.isna(df["minutes"][0])
    assert df["to"][2] == "vae"
    assert df["decision"][3] == "admissible" and bool(df["implicit"][3]) is True
    assert pd.isna(df["implicit"][0]) and pd.isna(df["antenne"][1])
    # The categories are the vocabulary's, so that a filter on an absent value is no error.
    assert "walk_in" in df["channel"].cat.categories
    assert list(df["role"].cat.categories)[:2] == ["candidate", "assistant"]


def test_from_pandas_round_trip_on_the_example_log() -> None:
    # Before: to_pandas dropped the data fields, and from_pandas refused the first `oriented`.
    log = vaekit.EventLog.read(EXAMPLE)
    back = vaekit.EventLog.from_pandas(log.to_pandas())
    assert len(back) == len(log) and back.rejects == []
    assert back.events() == log.events()
    assert back.report(threshold=0) == log.report(threshold=0)
    # The old name is the same function.
    assert vaekit.event_log_to_pandas(log).equals(log.to_pandas())


def test_arrow_stream_pyarrow_and_polars() -> None:
    log = vaekit.EventLog.parse(FOUR)
    t = pa.table(log)
    assert t.num_rows == 4
    assert t.schema.field("at").type == pa.timestamp("ms")
    assert pa.types.is_dictionary(t.schema.field("event").type)
    assert vaekit.EventLog.from_arrow(t).events() == log.events()
    assert vaekit.EventLog.from_arrow(log).events() == log.events()  # its own export
    pl = pytest.importorskip("polars")
    assert vaekit.EventLog.from_arrow(pl.from_arrow(t)).events() == log.events()


def test_from_arrow_slices_batches_and_string_types() -> None:
    # Offsets of sliced arrays, several record batches, plain and large strings, string views.
    log = vaekit.EventLog.parse(FOUR)
    t = pa.table(log)
    events = log.events()
    assert vaekit.EventLog.from_arrow(t.slice(1, 2)).events() == events[1:3]
    chunked = pa.concat_tables([t.slice(0, 1), t.slice(1, 2), t.slice(3)])
    assert chunked.to_batches().__len__() == 3
    assert vaekit.EventLog.from_arrow(chunked).events() == events
    for string_type in (pa.string(), pa.large_string(), pa.string_view()):
        plain = pa.table(
            {
                name: col.cast(pa.string()).cast(string_type)
                if pa.types.is_dictionary(col.type)
                else col
                for name, col in zip(t.column_names, t.columns, strict=True)
            }
        )
        back = vaekit.EventLog.from_arrow(plain)
        assert back.events() == events, string_type


def test_from_arrow_refuses_what_has_no_stream() -> None:
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.EventLog.from_arrow([1, 2, 3])
    bad = pa.table({"case": ["C1"], "at": [17175], "event": ["informed"], "role": ["assistant"]})
    with pytest.raises(vaekit.InvalidArgument, match="'at'"):
        vaekit.EventLog.from_arrow(bad)


def test_from_pandas_rejects_like_the_reader() -> None:
    df = pd.DataFrame(
        {
            "case": ["C1", "C1", "C1", ""],
            "at": ["2017-01-23", "2017-01-24", "2017-13-01", "2017-01-26"],
            "event": ["oriented", "oriented", "informed", "informed"],
            "role": ["counsellor", "counsellor", "assistant", "assistant"],
            "to": ["vae", None, None, None],
        }
    )
    with pytest.raises(vaekit.ParseError) as err:
        vaekit.EventLog.from_pandas(df)
    assert err.value.line == 2 and err.value.field == "data.to"
    log = vaekit.EventLog.from_pandas(df, strict=False)
    assert len(log) == 1 and log.records_read == 4
    assert [(r.line, r.field) for r in log.rejects] == [(2, "data.to"), (3, "at"), (4, "case")]
    lines = "\n".join(
        [
            '{"case":"C1","at":"2017-01-23","event":"oriented","role":"counsellor",'
            '"data":{"to":"vae"}}',
            '{"case":"C1","at":"2017-01-24","event":"oriented","role":"counsellor"}',
            '{"case":"C1","at":"2017-13-01","event":"informed","role":"assistant"}',
            '{"case":"","at":"2017-01-26","event":"informed","role":"assistant"}',
        ]
    )
    reader = vaekit.EventLog.parse(lines, strict=False)
    assert [(r.line, r.field, r.reason) for r in reader.rejects] == [
        (r.line, r.field, r.reason) for r in log.rejects
    ]


def test_from_pandas_time_zones() -> None:
    # A zone-aware column is an instant: written in UTC without utc_offset, at its offset with one.
    paris = pd.Series([pd.Timestamp("2017-01-23 10:30", tz="Europe/Paris")])
    base = {"case": ["C1"], "event": ["informed"], "role": ["assistant"]}
    log = vaekit.EventLog.from_pandas(pd.DataFrame({**base, "at": paris}))
    assert log.events()[0].at == "2017-01-23T09:30:00Z"
    log = vaekit.EventLog.from_pandas(pd.DataFrame({**base, "at": paris, "utc_offset": [60]}))
    assert log.events()[0].at == "2017-01-23T10:30:00+01:00"
    # A naive date-time other than midnight needs its offset; a naive midnight is a plain date.
    naive = pd.DataFrame({**base, "at": [pd.Timestamp("2017-01-23 10:30")]})
    with pytest.raises(vaekit.ParseError, match="utc_offset"):
        vaekit.EventLog.from_pandas(naive)
    dates = pd.DataFrame({**base, "at": [dt.date(2017, 1, 23)]})
    assert vaekit.EventLog.from_pandas(dates).events()[0].at == "2017-01-23"


def test_from_pandas_older_shape_with_data_dicts() -> None:
    records = [json.loads(line) for line in FOUR.splitlines()]
    log = vaekit.EventLog.from_pandas(pd.DataFrame(records))
    assert log.events() == vaekit.EventLog.parse(FOUR).events()


# ---- Property: the round trip is the identity on generated logs.

_PAYLOAD: dict[str, tuple[str, list[Any], bool]] = {
    "received": ("channel", ["walk_in", "phone", "online", "info_session"], False),
    "appointment_held": ("minutes", list(range(0, 1441, 7)), False),
    "oriented": ("to", ["vae", "vap", "training", "skills_assessment", "other"], True),
    "support_started": (
        "funding",
        ["cpf", "opca", "opco", "region", "employer", "self", "none"],
        False,
    ),
    "jury_held": ("result", ["full", "partial", "refused", "absent"], True),
}
_EVENTS = [
    "received",
    "informed",
    "appointment_held",
    "oriented",
    "admissibility_decided",
    "support_started",
    "jury_held",
    "dropped_out",
    "archived",
]
_ROLES = ["candidate", "assistant", "counsellor", "certifier", "jury", "funder", "system"]


@st.composite
def _event(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
    if draw(st.booleans()):
        at = day.isoformat()
    else:
        ms = draw(st.integers(0, 86_399_999))
        off = draw(st.integers(-14 * 60, 14 * 60))
        sign = "-" if off < 0 else "+"
        at = (
            f"{day.isoformat()}T{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:"
            f"{ms // 1000 % 60:02d}.{ms % 1000:03d}{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
        )
    event = draw(st.sampled_from(_EVENTS))
    rec: dict[str, Any] = {
        "case": draw(st.sampled_from(["C1", "C2", "C3", "ç-é"])),
        "at": at,
        "event": event,
        "role": draw(st.sampled_from(_ROLES)),
    }
    for field in ("antenne", "staff", "certification"):
        if draw(st.booleans()):
            rec[field] = draw(st.sampled_from(["X1", "X2", "RNCP1"]))
    data: dict[str, Any] = {}
    if event in _PAYLOAD:
        name, values, required = _PAYLOAD[event]
        if required or draw(st.booleans()):
            data[name] = draw(st.sampled_from(values))
    if event == "admissibility_decided":
        data["decision"] = draw(st.sampled_from(["admissible", "not_admissible", "incomplete"]))
        data["implicit"] = draw(st.booleans())
    if data:
        rec["data"] = data
    return rec


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_event(), min_size=0, max_size=40))
def test_round_trip_property(records: list[dict[str, Any]]) -> None:
    log = vaekit.EventLog.parse("\n".join(json.dumps(r) for r in records))
    df = log.to_pandas()
    back = vaekit.EventLog.from_pandas(df)
    assert back.events() == log.events()
    assert vaekit.EventLog.from_arrow(log).events() == log.events()
    # The CSV export's `at`: the text the JSON Lines log holds.
    assert list(iso_at(df)) == [e.at for e in log.events()]


def test_from_arrow_with_invalid_utf8_is_a_reject_not_a_crash():
    # Binary columns carrying bytes that are not UTF-8 (as a hostile producer may send): every
    # row is read or rejected, and no message carries the raw bytes.
    import pyarrow as pa

    table = pa.table(
        {
            "case": pa.array([b"C1", b"C\xff2"], pa.binary()),
            "at": pa.array(["2024-01-02", "2024-01-03"]),
            "event": pa.array(["received", "received"]),
            "role": pa.array(["assistant", "assistant"]),
        }
    )
    try:
        log = vaekit.EventLog.from_arrow(table, strict=False)
    except vaekit.Error as e:
        str(e).encode("utf-8")
        return
    assert len(log) + len(log.rejects) == 2
    for r in log.rejects:
        r.reason.encode("utf-8")
