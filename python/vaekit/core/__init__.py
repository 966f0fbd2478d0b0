"""Core of vaekit: dates, the French calendar, read modes, rejects and the error classes.

Core values every area uses: dates, months (``YearMonth``) and ranges, the French calendar,
read modes and rejects, the error classes (``vaekit.Error`` and its subclasses).

The compiled classes and functions of the area are re-exported here and at the top level
(``vaekit.CalendarRegion`` is ``vaekit.core.CalendarRegion``).
"""

from __future__ import annotations

from .._vaekit import (
    CalendarRegion,
    Closure,
    Date,
    DateRange,
    Error,
    FrenchCalendar,
    Holiday,
    InvalidArgument,
    IoError,
    NotFound,
    OutOfRange,
    ParseError,
    ReadMode,
    Reject,
    SchemaError,
    Weekday,
    YearMonth,
    covered_days,
    normalize_words,
    union_of,
    write_file_atomic,
)

__all__ = [
    "CalendarRegion",
    "Closure",
    "covered_days",
    "Date",
    "DateRange",
    "Error",
    "FrenchCalendar",
    "Holiday",
    "InvalidArgument",
    "IoError",
    "normalize_words",
    "NotFound",
    "OutOfRange",
    "ParseError",
    "ReadMode",
    "Reject",
    "SchemaError",
    "union_of",
    "Weekday",
    "write_file_atomic",
    "YearMonth",
]

from . import notebook as _notebook  # noqa: E402,F401  (attaches _repr_html_ for Jupyter)
