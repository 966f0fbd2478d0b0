"""Analytics helpers in Python: event logs from pandas or records, the event log as a DataFrame.

The columnar event log (:class:`vaekit.EventLog`), the activity report
(:class:`vaekit.ActivityReport`) and the tables (:class:`vaekit.Table`) are compiled; this module
adds the conversions that need pandas. The event log crosses as Arrow columns both ways
(``EventLog.__arrow_c_stream__`` and ``EventLog.from_arrow``): pandas and pyarrow are imported
where used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._vaekit import Error, EventLog

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["event_log_from_pandas", "event_log_from_records", "event_log_to_pandas"]

_FIELDS = ("case", "at", "event", "role", "antenne", "staff", "certification", "data")


def _clean(value: Any) -> Any:
    """None for missing values (None, NaN, pandas NA/NaT), ISO text for dates, plain scalars."""
    if value is None or isinstance(value, (dict, list, str, bool, int)):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (ImportError, TypeError, ValueError):
        pass
    iso = getattr(value, "isoformat", None)
    if iso is not None:
        text = str(iso())
        # Timestamps at midnight without a zone are plain dates in the event log.
        return text[:10] if text.endswith("T00:00:00") else text
    item = getattr(value, "item", None)  # numpy scalars
    if item is not None:
        return item()
    return value


def event_log_from_records(
    records: Iterable[Mapping[str, Any]], *, source: str = "<records>", strict: bool = True
) -> EventLog:
    """An :class:`EventLog` from event-log objects (dicts with ``case``, ``at``, ``event``...).

    Each record goes through the same validation as a line of a JSON Lines file; the rejects of a
    lenient read name the 1-based position of the record.
    """
    lines = []
    for i, rec in enumerate(records):
        line = _record_line(rec)
        if i == 0 and line != "null" and "schema" in rec:
            # A first record with "schema" would be read as the file's header: one that is not a
            # valid header is a bad record (refused or rejected), never a failed read.
            try:
                EventLog.parse(line, source=source, strict=True)
            except Error:
                line = "null"
        lines.append(line)
    return EventLog.parse("\n".join(lines), source=source, strict=strict)


def _record_line(rec: Any) -> str:
    """The JSON line of one record, or ``null`` when it is not a mapping of JSON values.

    A ``null`` line is refused by the reader like any line that is not an object: a
    vaekit.ParseError naming the record's position (strict), or a reject (lenient), so that
    records in = accepted + rejected. ASCII escapes keep lone surrogates as JSON escapes, which
    the reader refuses, instead of failing to encode.
    """
    if not isinstance(rec, Mapping):
        return "null"
    try:
        obj = {}
        for k, v in rec.items():
            value = _clean(v)
            if value is not None:
                obj[k] = value
        return json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return "null"


# The columns EventLog.from_arrow reads (the others are ignored), in the order of the export.
_ARROW_COLUMNS = (
    "case",
    "at",
    "utc_offset",
    "event",
    "role",
    "antenne",
    "staff",
    "certification",
    "channel",
    "date",
    "minutes",
    "to",
    "certifier",
    "decision",
    "implicit",
    "funding",
    "hours",
    "result",
    "reason",
    # The France VAE era (issue 15): the profile (the département included), funding, follow-ups.
    "accompaniment",
    "individual_hours",
    "collective_hours",
    "training_hours",
    "funding_kind",
    "amount",
    "granted",
    "reason_code",
    "lifted",
    "sex",
    "age_band",
    "employment",
    "qualification",
    "departement",
    "qpv",
    "rqth",
    "months",
    "situation",
)
_DATA_COLUMNS = _ARROW_COLUMNS[8:]


def event_log_from_pandas(
    df: pd.DataFrame, *, source: str = "<DataFrame>", strict: bool = True
) -> EventLog:
    """An :class:`EventLog` from a DataFrame with the event-log columns.

    The shape :meth:`EventLog.to_pandas` gives, so that ``EventLog.from_pandas(log.to_pandas())``
    is the same log: ``case``, ``at``, ``event``, ``role`` and optionally ``utc_offset``,
    ``antenne``, ``staff``, ``certification`` and the payload fields (``channel``, ``date``,
    ``minutes``, ``to``, ``certifier``, ``decision``, ``implicit``, ``funding``, ``hours``,
    ``result``, ``reason`` and the fields of the France VAE era: ``accompaniment``,
    ``funding_kind``, ``granted``, ``reason_code``, ``lifted``, the profile's ``sex``,
    ``age_band``, ``employment``, ``qualification``, ``departement``, ``qpv``, ``rqth``, the
    follow-up's ``months``, ``situation``, and the hours and amounts) as columns; ``at`` as
    datetime64 (the local wall time, with ``utc_offset`` in minutes for a date-time; a
    time-zone-aware column is an instant), as dates or as ISO text. Other columns are ignored;
    missing values (None, NaN, NA, NaT) mean "absent". The columns cross to C++ through Arrow
    (:meth:`EventLog.from_arrow`), where each row is validated like a JSON Lines record (rejects
    name the row's 1-based position).

    The older shape, a ``data`` column of dicts, is still read (record by record).
    """
    if "data" in df.columns:
        return event_log_from_records(_records(df), source=source, strict=strict)
    import pyarrow as pa

    cols = [c for c in _ARROW_COLUMNS if c in df.columns]
    try:
        table = pa.Table.from_pandas(df[cols], preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        # A column Arrow cannot type (mixed Python objects): record by record, so that each bad
        # value is refused or rejected with its row like any other.
        return event_log_from_records(_records(df), source=source, strict=strict)
    log: EventLog = EventLog.from_arrow(table, source=source, strict=strict)
    return log


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``df`` as event-log objects (payload columns gathered under ``data``)."""
    top = [c for c in _FIELDS if c in df.columns]
    flat = [c for c in _DATA_COLUMNS if c in df.columns and c not in top]
    records = []
    for r in df[top + flat].to_dict(orient="records"):
        rec = {str(k): r[k] for k in top}
        data = {k: v for k in flat if (v := _clean(r[k])) is not None}
        if data:
            base = _clean(rec.get("data"))
            rec["data"] = {**base, **data} if isinstance(base, dict) else data
        records.append(rec)
    return records


def event_log_to_pandas(log: EventLog) -> pd.DataFrame:
    """The events of ``log`` as a typed DataFrame, through Arrow (no Python loop per event).

    Columns, in order: ``case``; ``at``, datetime64[ms] of the local wall time (a plain date is
    its midnight); ``utc_offset``, the offset in minutes of a date-time (Int16, <NA> for a plain
    date); ``event``, ``role``, ``antenne``, ``staff``, ``certification`` and the enumerated
    payload fields ``channel``, ``to``, ``decision``, ``funding``, ``result`` as categoricals;
    ``minutes`` (Int32) and ``implicit`` (boolean); then the coded fields of the France VAE era
    (``accompaniment``, ``funding_kind``, ``granted``, ``reason_code``, ``lifted``, ``sex``,
    ``age_band``, ``employment``, ``qualification``, ``departement`` as its code, e.g. "2A",
    ``qpv``, ``rqth``, ``months``, ``situation``). A field an event does not carry is missing
    (NaN or <NA>). The columnar log keeps no free text (``reason``, ``certifier``) nor ``date``,
    ``hours``: read the file with :func:`vaekit.read_event_log` for those.
    ``EventLog.from_pandas(log.to_pandas())`` gives the same events back.
    """
    import pandas as pd
    import pyarrow as pa

    nullable = {
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    frame: pd.DataFrame = pa.table(log).to_pandas(types_mapper=nullable.get)
    return frame


def iso_at(frame: pd.DataFrame) -> pd.Series:
    """The ``at`` of a frame from :func:`event_log_to_pandas` as the event log's ISO text.

    A plain date (no ``utc_offset``) as ``YYYY-MM-DD``; a date-time as
    ``YYYY-MM-DDTHH:MM:SS[.fff]`` with its offset (``Z`` for zero), as the JSON Lines log writes
    it: for text exports (CSV) that keep the offset in ``at``.
    """
    import pandas as pd

    at = frame["at"]
    offsets = frame["utc_offset"] if "utc_offset" in frame.columns else None
    out = at.dt.strftime("%Y-%m-%d").astype(object)
    if offsets is not None:
        for i in offsets.index[offsets.notna()]:
            t, off = at[i], int(offsets[i])
            text = t.strftime("%Y-%m-%dT%H:%M:%S")
            if t.microsecond // 1000:
                text += f".{t.microsecond // 1000:03d}"
            sign = "-" if off < 0 else "+"
            text += "Z" if off == 0 else f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
            out[i] = text
    return pd.Series(out, index=frame.index, name="at", dtype=object)


def _from_pandas(df: pd.DataFrame, strict: bool = True) -> EventLog:
    """An EventLog from a DataFrame (see event_log_from_pandas)."""
    return event_log_from_pandas(df, strict=strict)


def _to_pandas(self: EventLog) -> pd.DataFrame:
    """The events as a DataFrame (see event_log_to_pandas)."""
    return event_log_to_pandas(self)


EventLog.from_pandas = staticmethod(_from_pandas)  # type: ignore[method-assign]
EventLog.from_records = staticmethod(event_log_from_records)  # type: ignore[method-assign]
EventLog.to_pandas = _to_pandas  # type: ignore[method-assign]
