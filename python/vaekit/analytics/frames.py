"""Analytics helpers in Python: event logs from pandas or records, the event log as a DataFrame.

The columnar event log (:class:`vaekit.EventLog`), the activity report
(:class:`vaekit.ActivityReport`) and the tables (:class:`vaekit.Table`) are compiled; this module
adds the conversions that need pandas.
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


def event_log_from_pandas(
    df: pd.DataFrame, *, source: str = "<DataFrame>", strict: bool = True
) -> EventLog:
    """An :class:`EventLog` from a DataFrame with the event-log columns.

    Columns: ``case``, ``at`` (ISO text, dates or timestamps), ``event``, ``role`` and optionally
    ``antenne``, ``staff``, ``certification`` and ``data`` (dicts); other columns are ignored.
    Missing values (None, NaN, NA) mean "absent". Rows are validated like JSON Lines records.
    """
    cols = [c for c in _FIELDS if c in df.columns]
    records = [{str(k): v for k, v in r.items()} for r in df[cols].to_dict(orient="records")]
    return event_log_from_records(records, source=source, strict=strict)


def event_log_to_pandas(log: EventLog) -> pd.DataFrame:
    """The events of ``log`` as a DataFrame.

    Columns: case, at (ISO text), event, role, antenne, staff, certification (None when absent).
    """
    import pandas as pd

    rows = []
    for e in log.events():
        d = e.to_dict()
        rows.append({k: d.get(k) for k in _FIELDS[:-1]})
    return pd.DataFrame(rows, columns=list(_FIELDS[:-1]))


def _from_pandas(df: pd.DataFrame, strict: bool = True) -> EventLog:
    """An EventLog from a DataFrame (see event_log_from_pandas)."""
    return event_log_from_pandas(df, strict=strict)


def _to_pandas(self: EventLog) -> pd.DataFrame:
    """The events as a DataFrame (see event_log_to_pandas)."""
    return event_log_to_pandas(self)


EventLog.from_pandas = staticmethod(_from_pandas)  # type: ignore[method-assign]
EventLog.from_records = staticmethod(event_log_from_records)  # type: ignore[method-assign]
EventLog.to_pandas = _to_pandas  # type: ignore[method-assign]
