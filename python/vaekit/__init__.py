"""vaekit: a model of France's VAE counselling networks.

The certification registry, the VAE pathway with the rules in force on each date, the
professionalisation cycle of the staff, the analytics a network publishes, and a calibrated
simulation. The compiled core is C++20; this package re-exports it with a Pythonic surface.
"""

from ._vaekit import (
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
    SchemaError,
    Weekday,
    __version__,
    covered_days,
    union_of,
)

__all__ = [
    "CalendarRegion",
    "Closure",
    "Date",
    "DateRange",
    "Error",
    "FrenchCalendar",
    "Holiday",
    "InvalidArgument",
    "IoError",
    "NotFound",
    "OutOfRange",
    "ParseError",
    "SchemaError",
    "Weekday",
    "__version__",
    "covered_days",
    "union_of",
]
