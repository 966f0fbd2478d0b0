"""
vaekit's compiled core; use the public package `vaekit` instead.
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import typing
import vaekit
from vaekit import Error
from vaekit import InvalidArgument
from vaekit import IoError
from vaekit import NotFound
from vaekit import OutOfRange
from vaekit import ParseError
from vaekit import SchemaError
__all__: list[str] = ['CalendarRegion', 'Closure', 'Date', 'DateRange', 'Error', 'FrenchCalendar', 'Holiday', 'InvalidArgument', 'IoError', 'NotFound', 'OutOfRange', 'ParseError', 'SchemaError', 'Weekday', 'covered_days', 'union_of']
class Weekday:
    """
    Day of the week, numbered as ISO 8601 (MONDAY = 1).
    
    Members:
    
      MONDAY : lundi
    
      TUESDAY : mardi
    
      WEDNESDAY : mercredi
    
      THURSDAY : jeudi
    
      FRIDAY : vendredi
    
      SATURDAY : samedi
    
      SUNDAY : dimanche
    """
    FRIDAY: typing.ClassVar[Weekday]
    MONDAY: typing.ClassVar[Weekday]
    SATURDAY: typing.ClassVar[Weekday]
    SUNDAY: typing.ClassVar[Weekday]
    THURSDAY: typing.ClassVar[Weekday]
    TUESDAY: typing.ClassVar[Weekday]
    WEDNESDAY: typing.ClassVar[Weekday]
    __members__: typing.ClassVar[dict[str, Weekday]]
    @typing.overload
    def __eq__(self, other: Weekday) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Weekday) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Date:
    """
    A civil date (proleptic Gregorian, years 1-9999); a small immutable value.
    
    ``Date(2017, 10, 1)``, ``Date("2017-10-01")`` or ``Date(datetime.date(2017, 10, 1))``.
    Arithmetic is in whole days: ``d + 30``, ``d - 1``, ``d2 - d1`` (an int). Functions of
    vaekit that take a date also accept a ``datetime.date`` or an ISO string.
    """
    @staticmethod
    def from_days(days: typing.SupportsInt | typing.SupportsIndex) -> Date:
        """
        The date `days` days after 1970-01-01.
        """
    @staticmethod
    def parse(text: str, source: str = '') -> Date:
        """
        Parses exactly `YYYY-MM-DD`; raises vaekit.ParseError naming the input and column.
        """
    @staticmethod
    def today() -> Date:
        """
        Today's date (local time).
        """
    def __add__(self, days: typing.SupportsInt | typing.SupportsIndex) -> Date:
        """
        The date `days` days later.
        """
    def __eq__(self, arg0: Date) -> bool:
        """
        Same day.
        """
    def __ge__(self, arg0: Date) -> bool:
        """
        Later or same.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __gt__(self, arg0: Date) -> bool:
        """
        Later.
        """
    def __hash__(self) -> int:
        """
        Hash by day.
        """
    @typing.overload
    def __init__(self, year: typing.SupportsInt | typing.SupportsIndex, month: typing.SupportsInt | typing.SupportsIndex, day: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        The date year-month-day; raises vaekit.InvalidArgument if it does not exist.
        """
    @typing.overload
    def __init__(self, value: vaekit.Date | datetime.date | str) -> None:
        """
        A date from an ISO string `YYYY-MM-DD` or a datetime.date.
        """
    def __le__(self, arg0: Date) -> bool:
        """
        Earlier or same.
        """
    def __lt__(self, arg0: Date) -> bool:
        """
        Earlier.
        """
    def __ne__(self, arg0: Date) -> bool:
        """
        Different days.
        """
    def __radd__(self, days: typing.SupportsInt | typing.SupportsIndex) -> Date:
        """
        The date `days` days later.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Date(y, m, d)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        """
        ISO 8601 text, `YYYY-MM-DD`.
        """
    @typing.overload
    def __sub__(self, other: Date) -> int:
        """
        The number of days from `other` to this date.
        """
    @typing.overload
    def __sub__(self, days: typing.SupportsInt | typing.SupportsIndex) -> Date:
        """
        The date `days` days earlier.
        """
    def isoformat(self) -> str:
        """
        ISO 8601 text, `YYYY-MM-DD`.
        """
    def to_date(self) -> typing.Any:
        """
        The same date as a datetime.date.
        """
    @property
    def day(self) -> int:
        """
        The day of the month.
        """
    @property
    def day_of_year(self) -> int:
        """
        1 for 1 January.
        """
    @property
    def days_since_epoch(self) -> int:
        """
        Days since 1970-01-01 (the serial number).
        """
    @property
    def month(self) -> int:
        """
        The month (1-12).
        """
    @property
    def weekday(self) -> Weekday:
        """
        The day of the week (a Weekday).
        """
    @property
    def year(self) -> int:
        """
        The year (1-9999).
        """
class DateRange:
    """
    A closed range of dates, both ends included: ``DateRange("2017-01-01", "2017-12-31")`` has
    365 days. Never empty. Iterating yields every date of the range.
    """
    @staticmethod
    def parse(text: str) -> DateRange:
        """
        Parses `YYYY-MM-DD/YYYY-MM-DD`.
        """
    @staticmethod
    def single(date: Date) -> DateRange:
        """
        The one-day range [date, date].
        """
    def __contains__(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether the date lies within the range.
        """
    def __eq__(self, arg0: DateRange) -> bool:
        """
        Same first and last day.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __hash__(self) -> int:
        """
        Hash.
        """
    def __init__(self, first: vaekit.Date | datetime.date | str, last: vaekit.Date | datetime.date | str) -> None:
        """
        The range first..last; raises vaekit.InvalidArgument if last < first.
        """
    def __iter__(self) -> collections.abc.Iterator:
        """
        Every date of the range, in order.
        """
    def __len__(self) -> int:
        """
        Number of days, both ends included.
        """
    def __lt__(self, arg0: DateRange) -> bool:
        """
        Ordered by first day, then last day.
        """
    def __ne__(self, arg0: DateRange) -> bool:
        """
        Different ranges.
        """
    def __repr__(self) -> str:
        """
        `vaekit.DateRange('first', 'last')`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        """
        `YYYY-MM-DD/YYYY-MM-DD`.
        """
    def covers(self, other: DateRange) -> bool:
        """
        Whether `other` lies entirely within this range.
        """
    def intersection(self, other: DateRange) -> DateRange | None:
        """
        The days common to both ranges, or None.
        """
    def overlaps(self, other: DateRange) -> bool:
        """
        Whether the two ranges share at least one day.
        """
    @property
    def days(self) -> int:
        """
        Number of days, both ends included.
        """
    @property
    def first(self) -> Date:
        """
        The first day.
        """
    @property
    def last(self) -> Date:
        """
        The last day (included).
        """
class CalendarRegion:
    """
    Which French public-holiday list applies.
    
    Members:
    
      METROPOLITAN : Metropolitan France.
    
      ALSACE_MOSELLE : Bas-Rhin, Haut-Rhin, Moselle: adds Good Friday and 26 December.
    """
    ALSACE_MOSELLE: typing.ClassVar[CalendarRegion]
    METROPOLITAN: typing.ClassVar[CalendarRegion]
    __members__: typing.ClassVar[dict[str, CalendarRegion]]
    @typing.overload
    def __eq__(self, other: CalendarRegion) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: CalendarRegion) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Holiday:
    """
    A public holiday: its date and French name.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Holiday) -> bool:
        """
        Same date and name.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Holiday(date, 'name')`.
        """
    @property
    def date(self) -> Date:
        """
        The day.
        """
    @property
    def name(self) -> str:
        """
        Its French name, e.g. 'Lundi de Pâques'.
        """
class Closure:
    """
    A period when an office is closed, with the reason.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Closure) -> bool:
        """
        Same period and reason.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Closure(period, 'reason')`.
        """
    @property
    def period(self) -> DateRange:
        """
        The closed days (a DateRange).
        """
    @property
    def reason(self) -> str:
        """
        Why.
        """
class FrenchCalendar:
    """
    French working-day calendar: public holidays by rule (Easter computed), weekends, and closures.
    
    Holidays: 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday (not 2005-2007),
    14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec; ``region="alsace_moselle"`` adds Good Friday and
    26 Dec. The list holds from 1982 (8 May restored); earlier dates raise vaekit.OutOfRange.
    Working days are Monday-Friday that are neither holidays nor closures.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def easter_sunday(year: typing.SupportsInt | typing.SupportsIndex) -> Date:
        """
        Easter Sunday of the year (Gregorian computus, 1583-9999).
        """
    @staticmethod
    def from_json(text: str) -> FrenchCalendar:
        """
        Reads a FrenchCalendar from its JSON document (older schema versions are upgraded).
        """
    def __eq__(self, arg0: FrenchCalendar) -> bool:
        """
        Same region and closures.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    @typing.overload
    def __init__(self, region: CalendarRegion = ...) -> None:
        """
        A calendar for the region, with no closures.
        """
    @typing.overload
    def __init__(self, region: str) -> None:
        """
        A calendar for 'metropolitan' or 'alsace_moselle'.
        """
    def __repr__(self) -> str:
        """
        Region and number of closures.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def add_closure(self, period: DateRange, reason: str = '') -> None:
        """
        Adds a closure period (an overlay on the holiday rules).
        """
    def add_working_days(self, date: vaekit.Date | datetime.date | str, n: typing.SupportsInt | typing.SupportsIndex) -> Date:
        """
        The working day n working days after the date (before if n < 0); n = 0 returns it.
        """
    def count_working_days(self, begin: typing.Any, end: typing.Any) -> numpy.ndarray:
        """
        Working days in [begin, end) for arrays of dates (numpy.busday_count's convention);
        accepts anything numpy converts to datetime64[D]; returns an int64 array.
        """
    def holiday_name(self, date: vaekit.Date | datetime.date | str) -> str | None:
        """
        The French name of the holiday on that date, or None.
        """
    def holidays(self, year: typing.SupportsInt | typing.SupportsIndex) -> list[Holiday]:
        """
        The public holidays of the year, in date order.
        """
    def is_closed(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether the date falls in a closure.
        """
    def is_holiday(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether the date is a public holiday.
        """
    def is_working_day(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Monday-Friday, not a holiday, not closed.
        """
    def next_working_day(self, date: vaekit.Date | datetime.date | str) -> Date:
        """
        The first working day on or after the date.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this FrenchCalendar, as text.
        """
    def working_days(self, period: DateRange) -> list[Date]:
        """
        Every working day of the period, in order.
        """
    def working_days_between(self, start: vaekit.Date | datetime.date | str, end: vaekit.Date | datetime.date | str) -> int:
        """
        Working days in (start, end]; negative if end < start.
        """
    def working_days_in(self, period: DateRange) -> int:
        """
        The number of working days in the period (both ends included).
        """
    @property
    def closures(self) -> list[Closure]:
        """
        The closures added.
        """
    @property
    def region(self) -> CalendarRegion:
        """
        The holiday list in use.
        """
def covered_days(ranges: collections.abc.Sequence[DateRange]) -> int:
    """
    The number of distinct days the ranges cover, each day counted once.
    """
def union_of(ranges: collections.abc.Sequence[DateRange]) -> list[DateRange]:
    """
    The union of date ranges as sorted, disjoint ranges (touching ranges merge).
    """
__version__: str = '0.1.0'
