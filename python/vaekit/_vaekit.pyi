"""
vaekit's compiled core; use the public package `vaekit` instead.
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import numpy.typing
import os
import pathlib
import typing
import vaekit
from vaekit import ConflictError
from vaekit import DoubleBookingError
from vaekit import Error
from vaekit import InfeasibleError
from vaekit import InvalidArgument
from vaekit import IoError
from vaekit import NotFound
from vaekit import OutOfRange
from vaekit import ParseError
from vaekit import SchemaError
from vaekit import TransientError
from vaekit import TransitionError
__all__: list[str] = ['AccessRoute', 'ActivityReport', 'AdmissibilityRequest', 'AggregationRule', 'Antenne', 'AppointmentBook', 'AttendanceEntry', 'AttendanceRecord', 'AttendanceReport', 'AttendanceTotals', 'Audience', 'AudienceAttendance', 'Ballot', 'BallotWeighting', 'BlockCorrespondence', 'Booking', 'CalendarRegion', 'CalibrationTarget', 'Candidate', 'Case', 'CaseImpact', 'CaseStates', 'CaseStore', 'CaseSummary', 'CellSystem', 'Certification', 'CertificationChange', 'CertificationSuggestion', 'Certifier', 'Closure', 'CodeLabel', 'Community', 'CommunityDigest', 'CommunityMember', 'CommunityPost', 'CommunityRole', 'CommunityThread', 'CompletionCertificate', 'ConflictError', 'CounsellorLoad', 'Date', 'DateRange', 'DigestChange', 'Diploma', 'DoubleBookingError', 'DueItem', 'EligibilityResult', 'EmploymentIndicators', 'Error', 'EvaluationAggregate', 'EvaluationGrouping', 'EvaluationQuestion', 'EvaluationRecord', 'EvaluationResponse', 'EvaluationTiming', 'Event', 'EventLog', 'EventRecords', 'EvidenceItem', 'EvidenceKind', 'Experience', 'FieldChange', 'FrenchCalendar', 'FundingReport', 'HalfDay', 'Holiday', 'ImportReport', 'IndicatorEvidence', 'InfeasibleError', 'InvalidArgument', 'IoError', 'IssueSeverity', 'KeyFigures', 'LinkIssue', 'Member', 'MigrateReport', 'MissingEvidence', 'NotFound', 'OrganisationKind', 'OrientationAdvice', 'OrientationSuggestion', 'OutOfRange', 'PTable', 'ParseError', 'PersonAttendance', 'Plan', 'PlanChange', 'PlanStatus', 'Presence', 'Profile', 'Programme', 'PromotionStats', 'PseudonymKey', 'PublishedReport', 'QualificationCheck', 'QualificationGap', 'QualificationRequirements', 'QualityEvidenceIndex', 'QuestionKind', 'QueueStats', 'ReadMode', 'Reason', 'RecordIssue', 'Regime', 'RegimeSet', 'Registry', 'RegistryChanges', 'RegistryKind', 'Reject', 'Replacement', 'ReportSummary', 'Respondent', 'RomeCatalog', 'RomeJob', 'Scenario', 'ScheduleConstraints', 'SchemaError', 'Session', 'SessionAttendance', 'SessionFormat', 'SimulationResult', 'SkillBlock', 'Slot', 'Speaker', 'StaffProfile', 'StaffRegister', 'StaffRole', 'StaffTrainingRecord', 'Succession', 'SuggestionExclusion', 'SuggestionResult', 'Table', 'TargetCheck', 'ThreadHit', 'TopicPriority', 'TopicProposal', 'TransientError', 'TransitionError', 'Utilisation', 'Venue', 'VenueKind', 'Violation', 'WaitingEntry', 'Weekday', 'YearMonth', 'age_on', 'aggregate_ballots', 'aggregate_evaluations', 'aggregates_table', 'attendance_report', 'audit_publications', 'build_admissibility_request', 'case_impacts', 'cell_key', 'check_attendance', 'check_evaluations', 'check_qualification', 'check_staff', 'completion_certificates', 'counts_as_attended', 'covered_days', 'eligibility', 'employment_cases', 'employment_indicators', 'event_vocabulary', 'event_vocabulary_markdown', 'evidence_suffices', 'export_data_fields', 'free_text_fields', 'funding_body_label', 'funding_by_case', 'funding_report', 'make_plan', 'normalize_words', 'orientation_event', 'parse_case_states', 'parse_event_log', 'quality_evidence_index', 'read_case_states', 'read_event_log', 'record_key', 'registry_changes', 'replan', 'schedule', 'schedule_model', 'simulate', 'simulation_metric_names', 'staff_training_records', 'suggest_certifications', 'suggest_orientation', 'topic_priorities', 'training_hours', 'training_indicators', 'transition_table', 'union_of', 'validate_plan', 'what_is_due', 'write_event_log', 'write_file_atomic']
class Table:
    """
    A published table (funnel, durations, monthly, workload, variants...): typed columns with nulls.
    Hands itself to pandas (to_pandas()), and to pyarrow, polars and DuckDB without a copy through the
    Arrow PyCapsule interface (`pyarrow.table(t)`, `polars.from_arrow(t)`).
    """
    @staticmethod
    def _repr_html_(table: Table, *, max_rows: int = 20) -> str:
        """
        The notebook view of a :class:`vaekit.Table`: labelled headers, at most ``max_rows`` rows.
        
            A Table alone cannot tell a withheld cell from a missing value: both are empty here (the
            view of the published report shows « s »).
            
        """
    def __arrow_c_schema__(self) -> typing.Any:
        """
        The Arrow C schema PyCapsule of this table.
        """
    def __arrow_c_stream__(self, requested_schema: typing.Any = None) -> typing.Any:
        """
        The Arrow C stream PyCapsule of this table (zero-copy export).
        """
    def __len__(self) -> int:
        """
        Number of rows.
        """
    def __repr__(self) -> str:
        """
        Name and size.
        """
    def to_csv(self, path: os.PathLike | str | bytes | None = None) -> typing.Any:
        """
        CSV text (header line, empty fields for nulls); written atomically to `path` if given.
        """
    def to_dict(self) -> dict:
        """
        The columns as {name: list of values} (None for nulls).
        """
    def to_pandas(self) -> typing.Any:
        """
        A pandas DataFrame with typed columns: int64 (nullable Int64 with nulls, e.g. suppressed cells), float64, object strings, bool (nullable boolean with nulls), datetime64 dates (NaT for nulls), categoricals for codes (every declared code a category), Python lists for string lists.
        """
    def to_records(self) -> list:
        """
        The rows as a list of dicts (None for nulls).
        """
    @property
    def columns(self) -> list[str]:
        """
        Column names, in order.
        """
    @property
    def name(self) -> str:
        """
        The table's name, e.g. 'funnel'.
        """
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
class YearMonth:
    """
    A month of a year (years 1-9999); a small immutable value, ordered in time.
    
    ``YearMonth(2025, 3)`` or ``YearMonth("2025-03")`` (ISO 8601); functions of vaekit that take a
    month also accept the string ``"2025-03"``. Arithmetic is in whole months: ``ym + 2``,
    ``ym - 1``, ``later - earlier`` (an int, the months between).
    """
    @staticmethod
    def from_string(text: str) -> YearMonth:
        """
        The month written `YYYY-MM`; raises vaekit.InvalidArgument.
        """
    @staticmethod
    def of(date: vaekit.Date | datetime.date | str) -> YearMonth:
        """
        The month that contains `date`.
        """
    def __add__(self, months: typing.SupportsInt | typing.SupportsIndex) -> YearMonth:
        """
        The month `months` months later.
        """
    def __contains__(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether the date falls in this month.
        """
    def __eq__(self, arg0: YearMonth) -> bool:
        """
        Same month.
        """
    def __ge__(self, arg0: YearMonth) -> bool:
        """
        Later or same.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __gt__(self, arg0: YearMonth) -> bool:
        """
        Later.
        """
    def __hash__(self) -> int:
        """
        Hash by month.
        """
    @typing.overload
    def __init__(self, year: typing.SupportsInt | typing.SupportsIndex, month: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        The month `month` (1-12) of `year`; raises vaekit.InvalidArgument otherwise.
        """
    @typing.overload
    def __init__(self, text: str) -> None:
        """
        The month written `YYYY-MM`; raises vaekit.InvalidArgument.
        """
    def __le__(self, arg0: YearMonth) -> bool:
        """
        Earlier or same.
        """
    def __lt__(self, arg0: YearMonth) -> bool:
        """
        Earlier.
        """
    def __ne__(self, arg0: YearMonth) -> bool:
        """
        Different months.
        """
    def __radd__(self, months: typing.SupportsInt | typing.SupportsIndex) -> YearMonth:
        """
        The month `months` months later.
        """
    def __repr__(self) -> str:
        """
        `vaekit.YearMonth(y, m)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        """
        ISO 8601 text, `YYYY-MM`.
        """
    @typing.overload
    def __sub__(self, other: YearMonth) -> int:
        """
        The number of months from `other` to this month.
        """
    @typing.overload
    def __sub__(self, months: typing.SupportsInt | typing.SupportsIndex) -> YearMonth:
        """
        The month `months` months earlier.
        """
    def isoformat(self) -> str:
        """
        ISO 8601 text, `YYYY-MM`.
        """
    def months_until(self, later: YearMonth) -> int:
        """
        The number of months from this month to `later` (negative if earlier).
        """
    def plus_months(self, months: typing.SupportsInt | typing.SupportsIndex) -> YearMonth:
        """
        The month `months` months later (earlier when negative).
        """
    @property
    def days(self) -> int:
        """
        The number of days of the month.
        """
    @property
    def first_day(self) -> Date:
        """
        The first day (a vaekit.Date).
        """
    @property
    def index(self) -> int:
        """
        The month index `year * 12 + month - 1`.
        """
    @property
    def last_day(self) -> Date:
        """
        The last day (a vaekit.Date).
        """
    @property
    def month(self) -> int:
        """
        The month of the year (1-12).
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
class ReadMode:
    """
    How a reader treats a bad record.
    
    Members:
    
      STRICT : The first bad record raises vaekit.ParseError.
    
      LENIENT : Bad records go to a rejects list; reading goes on.
    """
    LENIENT: typing.ClassVar[ReadMode]
    STRICT: typing.ClassVar[ReadMode]
    __members__: typing.ClassVar[dict[str, ReadMode]]
    @typing.overload
    def __eq__(self, other: ReadMode) -> bool:
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
    def __ne__(self, other: ReadMode) -> bool:
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
class Reject:
    """
    A record a lenient reader set aside, and why (every reader of vaekit uses this type):
    ``source``, ``line``, ``field``, ``reason`` and ``record`` (the record's identifier when known,
    e.g. a fiche code). Readers keep ``read == accepted + rejected``.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Reject) -> bool:
        """
        Same fields.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Reject('source:line', field='...')`.
        """
    def __str__(self) -> str:
        """
        `source:line: field: [record] reason`.
        """
    @property
    def field(self) -> str:
        """
        The offending field, column or element path, or ''.
        """
    @property
    def line(self) -> int:
        """
        1-based line; 0 for a whole-file problem.
        """
    @property
    def reason(self) -> str:
        """
        Why (never personal data).
        """
    @property
    def record(self) -> str:
        """
        The record's identifier when known, else ''.
        """
    @property
    def source(self) -> str:
        """
        File (and zip entry) name, or '<string>'.
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
    def from_json(text: str, source: str = '<string>') -> FrenchCalendar:
        """
        Reads a FrenchCalendar from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
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
class RegistryKind:
    """
    The registry a certification belongs to.
    
    Members:
    
      RNCP : Répertoire national des certifications professionnelles.
    
      RS : Répertoire spécifique (skills certifications).
    """
    RNCP: typing.ClassVar[RegistryKind]
    RS: typing.ClassVar[RegistryKind]
    __members__: typing.ClassVar[dict[str, RegistryKind]]
    @typing.overload
    def __eq__(self, other: RegistryKind) -> bool:
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
    def __ne__(self, other: RegistryKind) -> bool:
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
class AccessRoute:
    """
    How a certification may be obtained (Si_Jury).
    
    Members:
    
      INITIAL_TRAINING : Après un parcours de formation sous statut d'élève ou d'étudiant.
    
      APPRENTICESHIP : En contrat d'apprentissage.
    
      CONTINUING_TRAINING : Après un parcours de formation continue.
    
      PROFESSIONALISATION_CONTRACT : En contrat de professionnalisation.
    
      INDIVIDUAL_APPLICATION : Par candidature individuelle.
    
      VAE : Par expérience (validation des acquis de l'expérience).
    """
    APPRENTICESHIP: typing.ClassVar[AccessRoute]
    CONTINUING_TRAINING: typing.ClassVar[AccessRoute]
    INDIVIDUAL_APPLICATION: typing.ClassVar[AccessRoute]
    INITIAL_TRAINING: typing.ClassVar[AccessRoute]
    PROFESSIONALISATION_CONTRACT: typing.ClassVar[AccessRoute]
    VAE: typing.ClassVar[AccessRoute]
    __members__: typing.ClassVar[dict[str, AccessRoute]]
    @typing.overload
    def __eq__(self, other: AccessRoute) -> bool:
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
    def __ne__(self, other: AccessRoute) -> bool:
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
class CodeLabel:
    """
    A code with its label (ROME, NSF, Formacode, short type).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: CodeLabel) -> bool:
        """
        Equality.
        """
    def __init__(self, code: str, label: str = '') -> None:
        """
        A code and its label.
        """
    def __repr__(self) -> str:
        """
        `vaekit.CodeLabel(code, label)`.
        """
    @property
    def code(self) -> str:
        """
        The code.
        """
    @property
    def label(self) -> str:
        """
        The label.
        """
class Certifier:
    """
    A body owning a certification.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Certifier) -> bool:
        """
        Equality.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Certifier(siret, name)`.
        """
    @property
    def active(self) -> bool | None:
        """
        XML ETAT_CERTIFICATEUR; None in the CSV.
        """
    @property
    def name(self) -> str:
        """
        The name as exported.
        """
    @property
    def siret(self) -> str:
        """
        The SIRET (14 digits).
        """
class SkillBlock:
    """
    A skill block (bloc de compétences).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: SkillBlock) -> bool:
        """
        Equality.
        """
    def __repr__(self) -> str:
        """
        `vaekit.SkillBlock(code, title)`.
        """
    @property
    def code(self) -> str:
        """
        The block code, e.g. RNCP34762BC01.
        """
    @property
    def title(self) -> str:
        """
        The block title.
        """
class PromotionStats:
    """
    Outcome statistics of one year's cohort.
    """
    def __repr__(self) -> str:
        """
        `vaekit.PromotionStats(year)`.
        """
    @property
    def certified(self) -> int | None:
        """
        NOMBRE_CERTIFIES.
        """
    @property
    def certified_by_vae(self) -> int | None:
        """
        NOMBRE_CERTIFIES_VAE.
        """
    @property
    def employment_rate_6_months(self) -> int | None:
        """
        TAUX_INSERTION_GLOBAL_6MOIS, percent.
        """
    @property
    def job_rate_2_years(self) -> int | None:
        """
        TAUX_INSERTION_METIER_2ANS, percent.
        """
    @property
    def year(self) -> int:
        """
        ANNEE.
        """
class BlockCorrespondence:
    """
    A skill-block equivalence (XML CORRESPONDANCE), read generically.
    """
    def __repr__(self) -> str:
        """
        `vaekit.BlockCorrespondence()`.
        """
    @property
    def block_codes(self) -> list[str]:
        """
        Block codes named.
        """
    @property
    def fields(self) -> dict[str, str]:
        """
        Every leaf element, name → text.
        """
class Certification:
    """
    One fiche of the RNCP or RS registry: level, certifiers, skill blocks, ROME/NSF/Formacode codes,
    access routes (``vae_accessible``), dates, replacement links and outcome statistics.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Certification:
        """
        Reads a Certification from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: Certification) -> bool:
        """
        Equality of every field.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        `vaekit.Certification(code, title)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def registered_on(self, day: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether it is registered on `day` (effect date to end of registration).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Certification, as text.
        """
    @property
    def access_routes(self) -> list[AccessRoute]:
        """
        Access routes (sorted).
        """
    @property
    def active(self) -> bool:
        """
        Active in this snapshot.
        """
    @property
    def blocks(self) -> list[SkillBlock]:
        """
        Skill blocks, in export order.
        """
    @property
    def certifiers(self) -> list[Certifier]:
        """
        Certifiers, in export order.
        """
    @property
    def code(self) -> str:
        """
        RNCP or RS + number, e.g. 'RNCP37488'.
        """
    @property
    def correspondences(self) -> list[BlockCorrespondence]:
        """
        Skill-block equivalences.
        """
    @property
    def decision_date(self) -> Date | None:
        """
        Date_Decision.
        """
    @property
    def delivery_deadline(self) -> Date | None:
        """
        DATE_LIMITE_DELIVRANCE.
        """
    @property
    def effect_date(self) -> Date | None:
        """
        Date_Effet.
        """
    @property
    def fiche_id(self) -> int | None:
        """
        The export's internal id.
        """
    @property
    def formacode(self) -> list[CodeLabel]:
        """
        Formacode codes with labels.
        """
    @property
    def kind(self) -> RegistryKind:
        """
        RegistryKind.RNCP or RegistryKind.RS.
        """
    @property
    def last_official_journal(self) -> Date | None:
        """
        Date_dernier_jo.
        """
    @property
    def level(self) -> int | None:
        """
        EU level 1-8, or None.
        """
    @property
    def level_label(self) -> str:
        """
        The export's level label.
        """
    @property
    def nsf(self) -> list[CodeLabel]:
        """
        NSF codes with labels.
        """
    @property
    def old_level(self) -> str:
        """
        The old French level ('V'…'I'), '' when none.
        """
    @property
    def partial_validation(self) -> bool | None:
        """
        Validation_Partielle (None if blank).
        """
    @property
    def publication_date(self) -> Date | None:
        """
        DATE_DE_PUBLICATION.
        """
    @property
    def registration_end(self) -> Date | None:
        """
        Date_Fin_Enregistrement.
        """
    @property
    def registration_type(self) -> str:
        """
        Type_Enregistrement.
        """
    @property
    def registration_years(self) -> int | None:
        """
        DUREE_ENREGISTREMENT, years.
        """
    @property
    def replaced_by(self) -> list[str]:
        """
        Newer certifications replacing it.
        """
    @property
    def replaces(self) -> list[str]:
        """
        Older certifications it replaces.
        """
    @property
    def rome(self) -> list[CodeLabel]:
        """
        ROME codes with labels.
        """
    @property
    def rome_codes(self) -> list[str]:
        """
        The ROME codes.
        """
    @property
    def short_type(self) -> CodeLabel:
        """
        ABREGE (code, label).
        """
    @property
    def statistics(self) -> list[PromotionStats]:
        """
        Per-year outcome statistics.
        """
    @property
    def status(self) -> str:
        """
        ETAT_FICHE.
        """
    @property
    def title(self) -> str:
        """
        Intitulé.
        """
    @property
    def url(self) -> str:
        """
        LIEN_URL_DESCRIPTION.
        """
    @property
    def vae_accessible(self) -> bool:
        """
        Whether it can be obtained through VAE.
        """
class LinkIssue:
    """
    A dangling link or a cycle in the replacement links.
    """
    def __repr__(self) -> str:
        """
        `vaekit.LinkIssue(kind, source -> target)`.
        """
    @property
    def kind(self) -> str:
        """
        'dangling' or 'cycle'.
        """
    @property
    def source(self) -> str:
        """
        The certification holding the link.
        """
    @property
    def target(self) -> str:
        """
        The certification it names.
        """
class Succession:
    """
    The walk along replacement chains from one certification.
    """
    def __repr__(self) -> str:
        """
        `vaekit.Succession(code)`.
        """
    @property
    def chain(self) -> list[str]:
        """
        Every certification visited after it.
        """
    @property
    def code(self) -> str:
        """
        Where the walk started.
        """
    @property
    def issues(self) -> list[LinkIssue]:
        """
        Dangling links and cycles met.
        """
    @property
    def successors(self) -> list[str]:
        """
        Ends of the chains.
        """
class RomeJob:
    """
    One ROME v4 job code.
    """
    def __repr__(self) -> str:
        """
        `vaekit.RomeJob(code, label)`.
        """
    @property
    def code(self) -> str:
        """
        code_rome.
        """
    @property
    def label(self) -> str:
        """
        libelle_rome.
        """
    @property
    def parent_code(self) -> str:
        """
        code_rome_parent (the v3 code).
        """
class RomeCatalog:
    """
    The ROME v4 list, by code and by v3 parent.
    """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> RomeCatalog:
        """
        Reads France Travail's referentiel_code_rome CSV.
        """
    def __contains__(self, code: str) -> bool:
        """
        Whether `code` is in the list.
        """
    def __getitem__(self, code: str) -> RomeJob:
        """
        The job `code`; raises vaekit.NotFound (a KeyError).
        """
    def __len__(self) -> int:
        """
        The number of codes.
        """
    def __repr__(self) -> str:
        """
        `vaekit.RomeCatalog(n codes)`.
        """
    def siblings(self, code: str) -> list[str]:
        """
        The codes sharing `code`'s v3 parent (itself included), sorted.
        """
    @property
    def jobs(self) -> list[RomeJob]:
        """
        Every job, in file order.
        """
class Registry:
    """
    The certifications of one registry snapshot, indexed by code.
    
    ``Registry.load(path, strict=True)`` reads the CSV export zip, the XML export v4.1 (plain or
    zipped) or vaekit's JSON; in lenient mode (``strict=False``) bad records go to ``rejects``.
    ``reg["RNCP37488"]`` raises KeyError (vaekit.NotFound) when absent.
    """
    @staticmethod
    def from_bytes(data: bytes, source: str = '<bytes>', strict: bool = True) -> Registry:
        """
        Reads an export held in memory.
        """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Registry:
        """
        Reads a Registry from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes, strict: bool = True, *, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Registry:
        """
        Reads an export (CSV zip, XML, zipped XML) or a vaekit JSON file. `threads`: threads parsing a large XML export (0: one per core, 1: sequential; same result either way).
        """
    def __contains__(self, code: str) -> bool:
        """
        Whether `code` is present.
        """
    def __getitem__(self, code: str) -> Certification:
        """
        The certification `code`; raises KeyError (vaekit.NotFound) with the code.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    @typing.overload
    def __init__(self) -> None:
        """
        An empty registry.
        """
    @typing.overload
    def __init__(self, certifications: collections.abc.Sequence[Certification]) -> None:
        """
        A registry of `certifications` (links mirrored).
        """
    def __iter__(self) -> collections.abc.Iterator[Certification]:
        """
        Iterates over the certifications.
        """
    def __len__(self) -> int:
        """
        The number of certifications.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Registry(n certifications)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def active_successors(self, code: str, vae_only: bool = False) -> list[str]:
        """
        The successors still active (and VAE-accessible).
        """
    def add(self, certification: Certification) -> None:
        """
        Adds a certification.
        """
    def filter(self, *, min_level: typing.SupportsInt | typing.SupportsIndex | None = None, max_level: typing.SupportsInt | typing.SupportsIndex | None = None, certifier: str | None = None, rome: str | None = None, vae_accessible: bool | None = None, active: bool | None = None, registered_on: vaekit.Date | datetime.date | str | None = None, kind: RegistryKind | None = None) -> list:
        """
        Certifications matching every given criterion.
        """
    def for_rome(self, code: str, catalog: RomeCatalog = None) -> list:
        """
        Certifications listing ROME `code` (and, with a catalog, codes of the same v3 parent).
        """
    def get(self, code: str) -> Certification | None:
        """
        The certification `code`, or None.
        """
    def link_issues(self) -> list[LinkIssue]:
        """
        Every dangling link and cycle.
        """
    def merge(self, other: Registry) -> None:
        """
        Adds every certification of `other` (e.g. the RS export).
        """
    def predecessors(self, code: str) -> list[str]:
        """
        Every certification `code` replaces, directly or not.
        """
    def rejects_table(self) -> Table:
        """
        The rejects as a vaekit.Table: source, line, field, code (the fiche), reason.
        """
    def save(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the registry as a Registry.1 JSON file (atomically).
        """
    def search(self, text: str, limit: typing.SupportsInt | typing.SupportsIndex = 10) -> list:
        """
        Ranked accent-insensitive word search with prefixes; the best certifications first.
        """
    def search_scores(self, text: str, limit: typing.SupportsInt | typing.SupportsIndex = 10) -> list[tuple[str, float]]:
        """
        Like search(), as (code, score) pairs.
        """
    def succession(self, code: str) -> Succession:
        """
        The full walk: chain, ends, dangling links and cycles.
        """
    def successors(self, code: str) -> list[str]:
        """
        The certifications at the end of every replacement chain from `code`.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Registry, as text.
        """
    def to_pandas(self) -> pd.DataFrame:
        """
        The registry as a pandas DataFrame (see :func:`vaekit.registry.registry_to_pandas`).
        """
    def to_table(self) -> Table:
        """
        One row per certification as a vaekit.Table (typed columns: kind and codes as categories, dates, lists of codes); to_pandas() is to_table().to_pandas().
        """
    @property
    def accepted(self) -> int:
        """
        Records kept.
        """
    @property
    def codes(self) -> list[str]:
        """
        Every code, in import order.
        """
    @property
    def read(self) -> int:
        """
        Records read (== accepted + rejected).
        """
    @property
    def rejected(self) -> int:
        """
        Records rejected.
        """
    @property
    def rejects(self) -> list[Reject]:
        """
        Records left out by a lenient import.
        """
    @property
    def source_format(self) -> str:
        """
        'csv_zip', 'xml', 'json' or 'automatic' (built in memory).
        """
class FieldChange:
    """
    A field whose value differs between snapshots.
    """
    def __repr__(self) -> str:
        """
        `vaekit.FieldChange(code.field)`.
        """
    @property
    def code(self) -> str:
        """
        The certification.
        """
    @property
    def field(self) -> str:
        """
        The JSON field name.
        """
    @property
    def new_value(self) -> str:
        """
        The new value (compact JSON).
        """
    @property
    def old_value(self) -> str:
        """
        The old value (compact JSON).
        """
class Replacement:
    """
    A certification newly replaced.
    """
    def __repr__(self) -> str:
        """
        `vaekit.Replacement(code)`.
        """
    @property
    def code(self) -> str:
        """
        The replaced certification.
        """
    @property
    def replaced_by(self) -> list[str]:
        """
        Its direct replacements.
        """
    @property
    def successors(self) -> list[str]:
        """
        Ends of its chains.
        """
class RegistryChanges:
    """
    What changed between two snapshots.
    """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> RegistryChanges:
        """
        Reads a RegistryChanges from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __bool__(self) -> bool:
        """
        Whether anything changed.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Counts of each kind of change.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this RegistryChanges, as text.
        """
    def to_table(self) -> Table:
        """
        One row per change as a vaekit.Table: code, change (category), field, old, new.
        """
    @property
    def added(self) -> list[str]:
        """
        In the new snapshot only.
        """
    @property
    def changed(self) -> list[FieldChange]:
        """
        Field changes.
        """
    @property
    def deactivated(self) -> list[str]:
        """
        Active before, inactive now.
        """
    @property
    def reactivated(self) -> list[str]:
        """
        Inactive before, active now.
        """
    @property
    def replaced(self) -> list[Replacement]:
        """
        Newly replaced certifications.
        """
    @property
    def withdrawn(self) -> list[str]:
        """
        In the old snapshot only.
        """
class CaseImpact:
    """
    A case whose target certification is not available.
    """
    def __repr__(self) -> str:
        """
        `vaekit.CaseImpact(case, code, status)`.
        """
    @property
    def case_id(self) -> str:
        """
        The case.
        """
    @property
    def code(self) -> str:
        """
        Its target.
        """
    @property
    def offers(self) -> list[str]:
        """
        What to offer instead.
        """
    @property
    def status(self) -> str:
        """
        'withdrawn', 'inactive', 'replaced' or 'not_vae'.
        """
class StaffRole:
    """
    The staff role of a programme member.
    
    Members:
    
      COUNSELLOR : conseiller VAE
    
      ASSISTANT : reception and information assistant
    """
    ASSISTANT: typing.ClassVar[StaffRole]
    COUNSELLOR: typing.ClassVar[StaffRole]
    __members__: typing.ClassVar[dict[str, StaffRole]]
    @typing.overload
    def __eq__(self, other: StaffRole) -> bool:
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
    def __ne__(self, other: StaffRole) -> bool:
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
class Audience:
    """
    Who a session or topic is for.
    
    Members:
    
      COUNSELLORS : The counsellors only.
    
      ASSISTANTS : The assistants only.
    
      BOTH : Counsellors and assistants together.
    """
    ASSISTANTS: typing.ClassVar[Audience]
    BOTH: typing.ClassVar[Audience]
    COUNSELLORS: typing.ClassVar[Audience]
    __members__: typing.ClassVar[dict[str, Audience]]
    @typing.overload
    def __eq__(self, other: Audience) -> bool:
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
    def __ne__(self, other: Audience) -> bool:
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
class SessionFormat:
    """
    How a session is run.
    
    Members:
    
      SPEAKER_MEETING : A meeting with an outside speaker.
    
      PEER_EXCHANGE : Exchange or debate between peers.
    
      SITE_VISIT : A visit off site.
    
      PHONE_MEETING : A collective phone meeting.
    
      WORKSHOP : A hands-on workshop.
    """
    PEER_EXCHANGE: typing.ClassVar[SessionFormat]
    PHONE_MEETING: typing.ClassVar[SessionFormat]
    SITE_VISIT: typing.ClassVar[SessionFormat]
    SPEAKER_MEETING: typing.ClassVar[SessionFormat]
    WORKSHOP: typing.ClassVar[SessionFormat]
    __members__: typing.ClassVar[dict[str, SessionFormat]]
    @typing.overload
    def __eq__(self, other: SessionFormat) -> bool:
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
    def __ne__(self, other: SessionFormat) -> bool:
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
class OrganisationKind:
    """
    The kind of organisation a speaker comes from.
    
    Members:
    
      CERTIFIER : A body owning certifications.
    
      FUNDING_BODY : OPCA until 31 March 2019, OPCO from 1 April 2019.
    
      ACADEMIC : A researcher or teacher.
    
      PUBLIC_BODY : A public administration.
    
      PEER : A counsellor or assistant of the network.
    """
    ACADEMIC: typing.ClassVar[OrganisationKind]
    CERTIFIER: typing.ClassVar[OrganisationKind]
    FUNDING_BODY: typing.ClassVar[OrganisationKind]
    PEER: typing.ClassVar[OrganisationKind]
    PUBLIC_BODY: typing.ClassVar[OrganisationKind]
    __members__: typing.ClassVar[dict[str, OrganisationKind]]
    @typing.overload
    def __eq__(self, other: OrganisationKind) -> bool:
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
    def __ne__(self, other: OrganisationKind) -> bool:
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
class VenueKind:
    """
    Whether a venue is the organiser's premises or elsewhere.
    
    Members:
    
      ORGANISER_PREMISES : The organiser's own rooms.
    
      OFF_SITE : Somewhere else.
    """
    OFF_SITE: typing.ClassVar[VenueKind]
    ORGANISER_PREMISES: typing.ClassVar[VenueKind]
    __members__: typing.ClassVar[dict[str, VenueKind]]
    @typing.overload
    def __eq__(self, other: VenueKind) -> bool:
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
    def __ne__(self, other: VenueKind) -> bool:
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
class AggregationRule:
    """
    How ballots become topic priorities.
    
    Members:
    
      BORDA : Modified Borda count: k ranked topics get k, k-1, ..., 1 points; unranked 0.
    
      APPROVAL : Every listed topic gets 1 point.
    """
    APPROVAL: typing.ClassVar[AggregationRule]
    BORDA: typing.ClassVar[AggregationRule]
    __members__: typing.ClassVar[dict[str, AggregationRule]]
    @typing.overload
    def __eq__(self, other: AggregationRule) -> bool:
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
    def __ne__(self, other: AggregationRule) -> bool:
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
class BallotWeighting:
    """
    How the members' ballots weigh.
    
    Members:
    
      PER_AUDIENCE : Each audience (counsellors, assistants) weighs as a group, not by head count.
    
      PER_HEAD : One ballot, one voice.
    """
    PER_AUDIENCE: typing.ClassVar[BallotWeighting]
    PER_HEAD: typing.ClassVar[BallotWeighting]
    __members__: typing.ClassVar[dict[str, BallotWeighting]]
    @typing.overload
    def __eq__(self, other: BallotWeighting) -> bool:
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
    def __ne__(self, other: BallotWeighting) -> bool:
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
class PlanStatus:
    """
    How a plan came to be.
    
    Members:
    
      OPTIMAL : Solved and proven optimal.
    
      FEASIBLE : Valid, not proven optimal (time limit).
    
      HAND_MADE : Sessions given by hand.
    """
    FEASIBLE: typing.ClassVar[PlanStatus]
    HAND_MADE: typing.ClassVar[PlanStatus]
    OPTIMAL: typing.ClassVar[PlanStatus]
    __members__: typing.ClassVar[dict[str, PlanStatus]]
    @typing.overload
    def __eq__(self, other: PlanStatus) -> bool:
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
    def __ne__(self, other: PlanStatus) -> bool:
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
class Member:
    """
    A member of the programme's audiences.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Member) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, name: str = '', role: StaffRole = ..., antenne: str = '') -> None:
        """
        A member.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def antenne(self) -> str:
        """
        The antenne they work in.
        """
    @antenne.setter
    def antenne(self, arg0: str) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Display name (personal data).
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def role(self) -> StaffRole:
        """
        Counsellor or assistant.
        """
    @role.setter
    def role(self, arg0: StaffRole) -> None:
        ...
class Speaker:
    """
    An outside (or peer) speaker, with the days they can come.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Speaker) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, kind: OrganisationKind, name: str = '', organisation: str = '', availability: collections.abc.Sequence[DateRange] = []) -> None:
        """
        A speaker; an empty availability means always available.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def available_on(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether the speaker can come on the date.
        """
    def kind_label(self, date: vaekit.Date | datetime.date | str) -> str:
        """
        The kind's label on the date ('OPCA'/'OPCO' for a funding body).
        """
    @property
    def availability(self) -> list[DateRange]:
        """
        Available periods (empty: always).
        """
    @availability.setter
    def availability(self, arg0: collections.abc.Sequence[DateRange]) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def kind(self) -> OrganisationKind:
        """
        The kind of organisation.
        """
    @kind.setter
    def kind(self, arg0: OrganisationKind) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Display name (personal data).
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        The organisation's name.
        """
    @organisation.setter
    def organisation(self, arg0: str) -> None:
        ...
class Venue:
    """
    A room or place sessions can be held in.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Venue) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, capacity: typing.SupportsInt | typing.SupportsIndex, kind: VenueKind = ..., name: str = '', availability: collections.abc.Sequence[DateRange] = [], closures: collections.abc.Sequence[DateRange] = []) -> None:
        """
        A venue; empty availability means always.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def available_on(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether the venue can host a session on the date.
        """
    @property
    def availability(self) -> list[DateRange]:
        """
        Bookable periods (empty: always).
        """
    @availability.setter
    def availability(self, arg0: collections.abc.Sequence[DateRange]) -> None:
        ...
    @property
    def capacity(self) -> int:
        """
        Seats.
        """
    @capacity.setter
    def capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def closures(self) -> list[DateRange]:
        """
        Closed periods.
        """
    @closures.setter
    def closures(self, arg0: collections.abc.Sequence[DateRange]) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def kind(self) -> VenueKind:
        """
        Organiser's premises or off site.
        """
    @kind.setter
    def kind(self, arg0: VenueKind) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Display name.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
class TopicProposal:
    """
    A topic proposed by a member, with its scheduling requirements.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: TopicProposal) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, title: str = '', audience: Audience = ..., format: SessionFormat = ..., speaker_kind: OrganisationKind | None = None, after: collections.abc.Sequence[str] = [], proposed_by: str = '', not_before: vaekit.Date | datetime.date | str | None = None, deadline: vaekit.Date | datetime.date | str | None = None, tags: collections.abc.Sequence[str] = []) -> None:
        """
        A proposal; `after` lists the topics that must be held before it.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def after(self) -> list[str]:
        """
        Topics that must come before this one.
        """
    @after.setter
    def after(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def audience(self) -> Audience:
        """
        Who the day is for.
        """
    @audience.setter
    def audience(self, arg0: Audience) -> None:
        ...
    @property
    def deadline(self) -> Date | None:
        """
        Latest date (included), or None.
        """
    @deadline.setter
    def deadline(self, arg0: Date | None) -> None:
        ...
    @property
    def format(self) -> SessionFormat:
        """
        How it would be run.
        """
    @format.setter
    def format(self, arg0: SessionFormat) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def not_before(self) -> Date | None:
        """
        Earliest date, or None.
        """
    @not_before.setter
    def not_before(self, arg0: Date | None) -> None:
        ...
    @property
    def proposed_by(self) -> str:
        """
        Proposer's member id.
        """
    @proposed_by.setter
    def proposed_by(self, arg0: str) -> None:
        ...
    @property
    def speaker_kind(self) -> OrganisationKind | None:
        """
        Required speaker kind, or None.
        """
    @speaker_kind.setter
    def speaker_kind(self, arg0: OrganisationKind | None) -> None:
        ...
    @property
    def tags(self) -> list[str]:
        """
        Free tags (e.g. certification codes).
        """
    @tags.setter
    def tags(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def title(self) -> str:
        """
        The topic.
        """
    @title.setter
    def title(self, arg0: str) -> None:
        ...
class Ballot:
    """
    One member's ranking of topic ids, most wanted first.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Ballot) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, member: str, ranking: collections.abc.Sequence[str]) -> None:
        """
        A ballot.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def member(self) -> str:
        """
        The voter's member id.
        """
    @member.setter
    def member(self, arg0: str) -> None:
        ...
    @property
    def ranking(self) -> list[str]:
        """
        Topic ids, best first.
        """
    @ranking.setter
    def ranking(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class TopicPriority:
    """
    The aggregated priority of a topic.
    """
    def __repr__(self) -> str:
        """
        Short form.
        """
    @property
    def ballots(self) -> int:
        """
        Ballots listing the topic.
        """
    @property
    def rank(self) -> int:
        """
        1 for the highest score; ties share a rank.
        """
    @property
    def score(self) -> int:
        """
        Points under the rule.
        """
    @property
    def topic(self) -> str:
        """
        The topic id.
        """
class Session:
    """
    A professionalisation day (or half-day) as held or planned.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Session) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, date: vaekit.Date | datetime.date | str, topics: collections.abc.Sequence[str] = [], audience: Audience = ..., format: SessionFormat = ..., venue: str = '', speakers: collections.abc.Sequence[str] = [], half_days: typing.SupportsInt | typing.SupportsIndex = 2, phone_bridge: bool = False) -> None:
        """
        A session.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def audience(self) -> Audience:
        """
        Who it is for.
        """
    @audience.setter
    def audience(self, arg0: Audience) -> None:
        ...
    @property
    def date(self) -> Date:
        """
        The day.
        """
    @date.setter
    def date(self, arg0: Date) -> None:
        ...
    @property
    def format(self) -> SessionFormat:
        """
        How it is run.
        """
    @format.setter
    def format(self, arg0: SessionFormat) -> None:
        ...
    @property
    def half_days(self) -> int:
        """
        1 or 2.
        """
    @half_days.setter
    def half_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def phone_bridge(self) -> bool:
        """
        Held over a phone bridge.
        """
    @phone_bridge.setter
    def phone_bridge(self, arg0: bool) -> None:
        ...
    @property
    def speakers(self) -> list[str]:
        """
        Speaker ids.
        """
    @speakers.setter
    def speakers(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def topics(self) -> list[str]:
        """
        Topic ids.
        """
    @topics.setter
    def topics(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def venue(self) -> str:
        """
        Venue id ('' for a phone meeting).
        """
    @venue.setter
    def venue(self, arg0: str) -> None:
        ...
class Programme:
    """
    A year's professionalisation programme: members, speakers, venues, topic proposals, the members'
    ballots and sessions. ``Programme(id, period, commissioned_days=16)``; fill the lists, then
    ``vaekit.schedule(programme, constraints)``. Ids are checked by ``check()`` and on reading.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Programme:
        """
        Reads a Programme from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def reference(year: typing.SupportsInt | typing.SupportsIndex = 2025, seed: typing.SupportsInt | typing.SupportsIndex = 1, topics: typing.SupportsInt | typing.SupportsIndex = 40, speakers: typing.SupportsInt | typing.SupportsIndex = 30, commissioned_days: typing.SupportsInt | typing.SupportsIndex = 16) -> Programme:
        """
        The seeded reference instance (28 counsellors, 8 assistants, 4 venues).
        """
    def __eq__(self, arg0: Programme) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, period: DateRange, commissioned_days: typing.SupportsInt | typing.SupportsIndex = 16, title: str = '') -> None:
        """
        An empty programme over the period.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def audience_size(self, audience: Audience) -> int:
        """
        Members in the audience.
        """
    def check(self) -> None:
        """
        Raises vaekit.InvalidArgument on a duplicate id, a dangling reference or a cycle.
        """
    def priorities(self, rule: AggregationRule = ...) -> list[TopicPriority]:
        """
        Aggregated priorities of every proposal, in proposal order.
        """
    def priorities_table(self, rule: AggregationRule = ...) -> Table:
        """
        The aggregated priorities as a vaekit.Table, best first: topic, title, score, rank, ballots.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Programme, as text.
        """
    @property
    def ballots(self) -> list[Ballot]:
        """
        Ballots (a list copy; assign to change).
        """
    @ballots.setter
    def ballots(self, arg0: collections.abc.Sequence[Ballot]) -> None:
        ...
    @property
    def commissioned_days(self) -> int:
        """
        Days commissioned (16).
        """
    @commissioned_days.setter
    def commissioned_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def members(self) -> list[Member]:
        """
        Members (a list copy; assign to change).
        """
    @members.setter
    def members(self, arg0: collections.abc.Sequence[Member]) -> None:
        ...
    @property
    def period(self) -> DateRange:
        """
        The days sessions may be held.
        """
    @period.setter
    def period(self, arg0: DateRange) -> None:
        ...
    @property
    def proposals(self) -> list[TopicProposal]:
        """
        Topic proposals (a list copy; assign to change).
        """
    @proposals.setter
    def proposals(self, arg0: collections.abc.Sequence[TopicProposal]) -> None:
        ...
    @property
    def sessions(self) -> list[Session]:
        """
        Sessions (a list copy; assign to change).
        """
    @sessions.setter
    def sessions(self, arg0: collections.abc.Sequence[Session]) -> None:
        ...
    @property
    def speakers(self) -> list[Speaker]:
        """
        Speakers (a list copy; assign to change).
        """
    @speakers.setter
    def speakers(self, arg0: collections.abc.Sequence[Speaker]) -> None:
        ...
    @property
    def title(self) -> str:
        """
        Title.
        """
    @title.setter
    def title(self, arg0: str) -> None:
        ...
    @property
    def venues(self) -> list[Venue]:
        """
        Venues (a list copy; assign to change).
        """
    @venues.setter
    def venues(self, arg0: collections.abc.Sequence[Venue]) -> None:
        ...
class ScheduleConstraints:
    """
    The scheduling rules: hard constraints and soft weights (see docs/training.md).
    ``ScheduleConstraints(blackouts=[(range, reason)], min_spacing_days=14, max_days_per_month=2, ...)``.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> ScheduleConstraints:
        """
        Reads a ScheduleConstraints from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def reference(year: typing.SupportsInt | typing.SupportsIndex = 2025) -> ScheduleConstraints:
        """
        The reference rules: August and Christmas blacked out, 14 days' spacing, 2 a month, 4 assistant days, ballots per head (the benchmark's rules).
        """
    def __eq__(self, arg0: ScheduleConstraints) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, calendar: FrenchCalendar = ..., blackouts: collections.abc.Sequence[tuple[DateRange, str]] = [], min_spacing_days: typing.SupportsInt | typing.SupportsIndex = 14, max_days_per_month: typing.SupportsInt | typing.SupportsIndex = 2, min_counsellor_days: typing.SupportsInt | typing.SupportsIndex = 0, min_assistant_days: typing.SupportsInt | typing.SupportsIndex = 0, rule: AggregationRule = ..., priority_weight: typing.SupportsFloat | typing.SupportsIndex = 1.0, spread_weight: typing.SupportsFloat | typing.SupportsIndex = 1.0, weekday_weights: collections.abc.Mapping[Weekday, typing.SupportsFloat | typing.SupportsIndex] | None = None, time_limit_seconds: typing.SupportsFloat | typing.SupportsIndex = 60.0, min_counsellor_own_days: typing.SupportsInt | typing.SupportsIndex = 0, min_assistant_own_days: typing.SupportsInt | typing.SupportsIndex = 0, assistant_formats: collections.abc.Sequence[SessionFormat] = [], ballot_weighting: BallotWeighting = ...) -> None:
        """
        Rules; weekday_weights maps vaekit.Weekday to points (default Tue 2, Wed 1, Thu 2).
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this ScheduleConstraints, as text.
        """
    @property
    def assistant_formats(self) -> list[SessionFormat]:
        """
        Formats the assistants' own sessions must include (list of SessionFormat).
        """
    @assistant_formats.setter
    def assistant_formats(self, arg0: collections.abc.Sequence[SessionFormat]) -> None:
        ...
    @property
    def ballot_weighting(self) -> BallotWeighting:
        """
        Per audience (default) or per head.
        """
    @ballot_weighting.setter
    def ballot_weighting(self, arg0: BallotWeighting) -> None:
        ...
    @property
    def blackouts(self) -> list[Closure]:
        """
        Blackout periods (vaekit.Closure); assign a list of (DateRange, reason).
        """
    @blackouts.setter
    def blackouts(self, arg1: collections.abc.Sequence[tuple[DateRange, str]]) -> None:
        ...
    @property
    def calendar(self) -> FrenchCalendar:
        """
        Working-day calendar.
        """
    @calendar.setter
    def calendar(self, arg0: FrenchCalendar) -> None:
        ...
    @property
    def max_days_per_month(self) -> int:
        """
        At most this many days a month.
        """
    @max_days_per_month.setter
    def max_days_per_month(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_assistant_days(self) -> int:
        """
        Minimum days for the assistants.
        """
    @min_assistant_days.setter
    def min_assistant_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_assistant_own_days(self) -> int:
        """
        Minimum days for the assistants alone (not 'both').
        """
    @min_assistant_own_days.setter
    def min_assistant_own_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_counsellor_days(self) -> int:
        """
        Minimum days for the counsellors.
        """
    @min_counsellor_days.setter
    def min_counsellor_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_counsellor_own_days(self) -> int:
        """
        Minimum days for the counsellors alone (not 'both').
        """
    @min_counsellor_own_days.setter
    def min_counsellor_own_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_spacing_days(self) -> int:
        """
        Minimum days between two days of an audience.
        """
    @min_spacing_days.setter
    def min_spacing_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def priority_weight(self) -> float:
        """
        Weight of topic priorities.
        """
    @priority_weight.setter
    def priority_weight(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def rule(self) -> AggregationRule:
        """
        Ballot aggregation rule.
        """
    @rule.setter
    def rule(self, arg0: AggregationRule) -> None:
        ...
    @property
    def spread_weight(self) -> float:
        """
        Weight of the spread penalty.
        """
    @spread_weight.setter
    def spread_weight(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def time_limit_seconds(self) -> float:
        """
        CBC time limit.
        """
    @time_limit_seconds.setter
    def time_limit_seconds(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def weekday_weights(self) -> dict[Weekday, float]:
        """
        Points per session on each weekday (a dict).
        """
    @weekday_weights.setter
    def weekday_weights(self, arg1: collections.abc.Mapping[Weekday, typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
class Violation:
    """
    A broken hard constraint found by validate_plan().
    """
    def __repr__(self) -> str:
        """
        Short form.
        """
    @property
    def constraint(self) -> str:
        """
        The constraint's name, e.g. 'spacing'.
        """
    @property
    def message(self) -> str:
        """
        What is wrong.
        """
    @property
    def session(self) -> str:
        """
        The session concerned ('' if plan-wide).
        """
class PlanChange:
    """
    A change replan() must absorb: a speaker cancels or a venue closes.
    """
    @staticmethod
    def speaker_cancelled(speaker: str, period: DateRange, as_of: vaekit.Date | datetime.date | str | None = None) -> PlanChange:
        """
        The speaker cannot come during the period; sessions before as_of are frozen.
        """
    @staticmethod
    def venue_closed(venue: str, period: DateRange, as_of: vaekit.Date | datetime.date | str | None = None) -> PlanChange:
        """
        The venue is closed during the period; sessions before as_of are frozen.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def as_of(self) -> Date | None:
        """
        Sessions before this date are frozen (or None).
        """
    @property
    def id(self) -> str:
        """
        The speaker or venue id.
        """
    @property
    def kind(self) -> str:
        """
        'speaker_cancelled' or 'venue_closed'.
        """
    @property
    def period(self) -> DateRange:
        """
        The days affected.
        """
class Plan:
    """
    A schedule: ``sessions`` (in date order), ``objective``, ``bound`` (proven upper bound), ``status``,
    ``solve_seconds``, and the programme and constraints it was made from. ``to_pandas()`` gives one
    row per session.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def _repr_html_(plan: Plan, *, max_rows: int = 20) -> str:
        """
        The notebook view of a :class:`vaekit.Plan`: objective, proven bound, its sessions.
        """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Plan:
        """
        Reads a Plan from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: Plan) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __len__(self) -> int:
        """
        Number of sessions.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Plan, as text.
        """
    def to_pandas(self) -> pd.DataFrame:
        """
        One row per session (see :func:`vaekit.training.plan_to_pandas`).
        """
    def to_table(self) -> Table:
        """
        One row per session as a vaekit.Table (date, weekday, topics and titles, audience, format, speakers and their kinds, venue, phone bridge, half-days, priority).
        """
    @property
    def bound(self) -> float:
        """
        Proven upper bound on the objective.
        """
    @property
    def constraints(self) -> ScheduleConstraints:
        """
        The rules used.
        """
    @property
    def moved(self) -> list[str]:
        """
        After replan(): ids of the moved or dropped sessions.
        """
    @property
    def notes(self) -> list[str]:
        """
        Pre-check remarks (topics that cannot be scheduled and why).
        """
    @property
    def objective(self) -> float:
        """
        Objective value.
        """
    @property
    def programme(self) -> Programme:
        """
        The programme planned.
        """
    @property
    def sessions(self) -> list[Session]:
        """
        The sessions, in date order.
        """
    @property
    def solve_seconds(self) -> float:
        """
        Wall time of the solve.
        """
    @property
    def status(self) -> str:
        """
        'optimal', 'feasible' or 'hand_made'.
        """
    @property
    def terms(self) -> dict:
        """
        The objective term by term: priority, weekdays, spread (subtracted).
        """
class HalfDay:
    """
    The half of a day an attendance entry is for.
    
    Members:
    
      MORNING : The morning (matin).
    
      AFTERNOON : The afternoon (après-midi).
    """
    AFTERNOON: typing.ClassVar[HalfDay]
    MORNING: typing.ClassVar[HalfDay]
    __members__: typing.ClassVar[dict[str, HalfDay]]
    @typing.overload
    def __eq__(self, other: HalfDay) -> bool:
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
    def __ne__(self, other: HalfDay) -> bool:
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
class Presence:
    """
    A participant's attendance on one half-day.
    
    Members:
    
      PRESENT : In person (needs a signed sheet, R6332-26).
    
      REMOTE : Remotely (needs a call or connection log, R6313-3).
    
      ABSENT : Absent without excuse.
    
      EXCUSED : Absent with an excuse.
    """
    ABSENT: typing.ClassVar[Presence]
    EXCUSED: typing.ClassVar[Presence]
    PRESENT: typing.ClassVar[Presence]
    REMOTE: typing.ClassVar[Presence]
    __members__: typing.ClassVar[dict[str, Presence]]
    @typing.overload
    def __eq__(self, other: Presence) -> bool:
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
    def __ne__(self, other: Presence) -> bool:
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
class EvidenceKind:
    """
    The kind of proof behind an attendance entry.
    
    Members:
    
      NONE : No proof recorded.
    
      SIGNED_SHEET : A signed sheet per half-day (R6332-26).
    
      CALL_LOG : A phone bridge's call log (R6313-3).
    
      CONNECTION_LOG : A platform's connection log (R6313-3).
    """
    CALL_LOG: typing.ClassVar[EvidenceKind]
    CONNECTION_LOG: typing.ClassVar[EvidenceKind]
    NONE: typing.ClassVar[EvidenceKind]
    SIGNED_SHEET: typing.ClassVar[EvidenceKind]
    __members__: typing.ClassVar[dict[str, EvidenceKind]]
    @typing.overload
    def __eq__(self, other: EvidenceKind) -> bool:
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
    def __ne__(self, other: EvidenceKind) -> bool:
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
class IssueSeverity:
    """
    How serious a record issue is.
    
    Members:
    
      ERROR : Wrong or unprovable: an auditor would reject it.
    
      WARNING : Worth a look.
    """
    ERROR: typing.ClassVar[IssueSeverity]
    WARNING: typing.ClassVar[IssueSeverity]
    __members__: typing.ClassVar[dict[str, IssueSeverity]]
    @typing.overload
    def __eq__(self, other: IssueSeverity) -> bool:
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
    def __ne__(self, other: IssueSeverity) -> bool:
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
class EvaluationTiming:
    """
    When a questionnaire is answered.
    
    Members:
    
      HOT : À chaud: at the end of the session.
    
      COLD : À froid: weeks later (6 by default).
    """
    COLD: typing.ClassVar[EvaluationTiming]
    HOT: typing.ClassVar[EvaluationTiming]
    __members__: typing.ClassVar[dict[str, EvaluationTiming]]
    @typing.overload
    def __eq__(self, other: EvaluationTiming) -> bool:
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
    def __ne__(self, other: EvaluationTiming) -> bool:
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
class Respondent:
    """
    Who answers a questionnaire.
    
    Members:
    
      TRAINEE : A participant; the only ones aggregated.
    
      FUNDER : The funder (Qualiopi indicator 30).
    
      SPEAKER : A speaker or trainer (Qualiopi indicator 30).
    """
    FUNDER: typing.ClassVar[Respondent]
    SPEAKER: typing.ClassVar[Respondent]
    TRAINEE: typing.ClassVar[Respondent]
    __members__: typing.ClassVar[dict[str, Respondent]]
    @typing.overload
    def __eq__(self, other: Respondent) -> bool:
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
    def __ne__(self, other: Respondent) -> bool:
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
class QuestionKind:
    """
    The kind of answer a question takes.
    
    Members:
    
      SCALE : An integer from 1 (worst) to 5 (best).
    
      FREE_TEXT : Free text, never aggregated.
    """
    FREE_TEXT: typing.ClassVar[QuestionKind]
    SCALE: typing.ClassVar[QuestionKind]
    __members__: typing.ClassVar[dict[str, QuestionKind]]
    @typing.overload
    def __eq__(self, other: QuestionKind) -> bool:
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
    def __ne__(self, other: QuestionKind) -> bool:
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
class EvaluationGrouping:
    """
    How evaluation aggregates are grouped.
    
    Members:
    
      SESSION : Per session id.
    
      TOPIC : Per topic id.
    
      FORMAT : Per session format.
    
      SPEAKER_KIND : Per kind of the session's speakers ('none' without speaker).
    """
    FORMAT: typing.ClassVar[EvaluationGrouping]
    SESSION: typing.ClassVar[EvaluationGrouping]
    SPEAKER_KIND: typing.ClassVar[EvaluationGrouping]
    TOPIC: typing.ClassVar[EvaluationGrouping]
    __members__: typing.ClassVar[dict[str, EvaluationGrouping]]
    @typing.overload
    def __eq__(self, other: EvaluationGrouping) -> bool:
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
    def __ne__(self, other: EvaluationGrouping) -> bool:
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
class CommunityRole:
    """
    A community member's role.
    
    Members:
    
      COUNSELLOR : A counsellor of an antenne.
    
      ASSISTANT : An assistant of an antenne.
    
      CERTIFIER : A certifier's representative.
    
      FUNDING_BODY : A funding body's representative.
    
      ORGANISER : The organiser (Défi métiers).
    
      OTHER : Anyone else.
    """
    ASSISTANT: typing.ClassVar[CommunityRole]
    CERTIFIER: typing.ClassVar[CommunityRole]
    COUNSELLOR: typing.ClassVar[CommunityRole]
    FUNDING_BODY: typing.ClassVar[CommunityRole]
    ORGANISER: typing.ClassVar[CommunityRole]
    OTHER: typing.ClassVar[CommunityRole]
    __members__: typing.ClassVar[dict[str, CommunityRole]]
    @typing.overload
    def __eq__(self, other: CommunityRole) -> bool:
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
    def __ne__(self, other: CommunityRole) -> bool:
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
class AttendanceEntry:
    """
    One participant's attendance on one half-day of a session.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: AttendanceEntry) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, session: str, date: vaekit.Date | datetime.date | str, member: str, presence: Presence = ..., half_day: HalfDay = ..., evidence: EvidenceKind = ..., evidence_ref: str = '', hours: typing.SupportsFloat | typing.SupportsIndex | None = None) -> None:
        """
        An entry; hours=None means the whole half-day for a presence, 0 for an absence.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def date(self) -> Date:
        """
        The day the evidence is for.
        """
    @date.setter
    def date(self, arg0: Date) -> None:
        ...
    @property
    def evidence(self) -> EvidenceKind:
        """
        The kind of proof.
        """
    @evidence.setter
    def evidence(self, arg0: EvidenceKind) -> None:
        ...
    @property
    def evidence_ref(self) -> str:
        """
        A reference to the proof.
        """
    @evidence_ref.setter
    def evidence_ref(self, arg0: str) -> None:
        ...
    @property
    def half_day(self) -> HalfDay:
        """
        Morning or afternoon.
        """
    @half_day.setter
    def half_day(self, arg0: HalfDay) -> None:
        ...
    @property
    def hours(self) -> float | None:
        """
        Hours attended, or None (whole half-day).
        """
    @hours.setter
    def hours(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def member(self) -> str:
        """
        The participant's member id.
        """
    @member.setter
    def member(self, arg0: str) -> None:
        ...
    @property
    def presence(self) -> Presence:
        """
        Present, remote, absent or excused.
        """
    @presence.setter
    def presence(self, arg0: Presence) -> None:
        ...
    @property
    def session(self) -> str:
        """
        The session id.
        """
    @session.setter
    def session(self, arg0: str) -> None:
        ...
class AttendanceRecord:
    """
    The attendance records of a programme: one entry per participant and half-day
    (``Attendance.1`` documents). ``AttendanceRecord(programme="", hours_per_half_day=3.5, entries=[])``.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> AttendanceRecord:
        """
        Reads a AttendanceRecord from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: AttendanceRecord) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, programme: str = '', hours_per_half_day: typing.SupportsFloat | typing.SupportsIndex = 3.5, entries: collections.abc.Sequence[AttendanceEntry] = []) -> None:
        """
        A record.
        """
    def __len__(self) -> int:
        """
        Number of entries.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def hours_of(self, entry: AttendanceEntry) -> float:
        """
        The hours an entry attended (its hours, the whole half-day, or 0 for an absence).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this AttendanceRecord, as text.
        """
    def to_pandas(self) -> pd.DataFrame:
        """
        One row per entry (see :func:`vaekit.training_records.attendance_to_pandas`).
        """
    def to_table(self) -> Table:
        """
        One row per entry as a vaekit.Table: session, date, half_day, member, presence, evidence, evidence_ref, hours (attended).
        """
    @property
    def entries(self) -> list[AttendanceEntry]:
        """
        The entries (a list copy; assign to change).
        """
    @entries.setter
    def entries(self, arg0: collections.abc.Sequence[AttendanceEntry]) -> None:
        ...
    @property
    def hours_per_half_day(self) -> float:
        """
        Planned hours of a half-day (3.5).
        """
    @hours_per_half_day.setter
    def hours_per_half_day(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def programme(self) -> str:
        """
        The programme id.
        """
    @programme.setter
    def programme(self, arg0: str) -> None:
        ...
class RecordIssue:
    """
    A problem found in attendance or evaluation records.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: RecordIssue) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def code(self) -> str:
        """
        What is wrong, e.g. 'remote_without_log'.
        """
    @property
    def date(self) -> Date | None:
        """
        The date concerned, or None.
        """
    @property
    def member(self) -> str:
        """
        The member id concerned ('' if none).
        """
    @property
    def message(self) -> str:
        """
        What is wrong, in words (ids only).
        """
    @property
    def session(self) -> str:
        """
        The session concerned ('' if none).
        """
    @property
    def severity(self) -> IssueSeverity:
        """
        vaekit.IssueSeverity.ERROR or WARNING.
        """
class AttendanceTotals:
    """
    Hours of a person, session or audience, by outcome.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: AttendanceTotals) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def absent(self) -> float:
        """
        Hours of unexcused absences (and missing parts).
        """
    @property
    def attended(self) -> float:
        """
        Hours attended (present or remote).
        """
    @property
    def excused(self) -> float:
        """
        Hours of excused absences.
        """
    @property
    def planned(self) -> float:
        """
        Hours planned.
        """
    @property
    def rate(self) -> float:
        """
        attended / planned (0 when nothing is planned).
        """
    @property
    def remote(self) -> float:
        """
        Of which remotely.
        """
    @property
    def unproven(self) -> float:
        """
        Attended hours without the required evidence.
        """
    @property
    def unrecorded(self) -> float:
        """
        Planned hours without any entry.
        """
class PersonAttendance:
    """
    A person's attendance over the sessions of their audience.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: PersonAttendance) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def member(self) -> str:
        """
        The member id.
        """
    @property
    def rate(self) -> float:
        """
        Attendance rate.
        """
    @property
    def role(self) -> StaffRole:
        """
        Their role.
        """
    @property
    def sessions_attended(self) -> int:
        """
        Sessions with a half-day attended.
        """
    @property
    def sessions_planned(self) -> int:
        """
        Sessions of their audience.
        """
    @property
    def totals(self) -> AttendanceTotals:
        """
        Their hours.
        """
class SessionAttendance:
    """
    A session's attendance over its audience.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: SessionAttendance) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def attendees(self) -> int:
        """
        Members who attended a half-day.
        """
    @property
    def audience(self) -> Audience:
        """
        Its audience.
        """
    @property
    def date(self) -> Date:
        """
        Its date.
        """
    @property
    def expected(self) -> int:
        """
        Members of the audience.
        """
    @property
    def rate(self) -> float:
        """
        Attendance rate.
        """
    @property
    def session(self) -> str:
        """
        The session id.
        """
    @property
    def totals(self) -> AttendanceTotals:
        """
        The hours of its audience.
        """
class AudienceAttendance:
    """
    An audience's attendance (counsellors, assistants, both = everyone).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: AudienceAttendance) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def audience(self) -> Audience:
        """
        The group.
        """
    @property
    def members(self) -> int:
        """
        Members in the group.
        """
    @property
    def rate(self) -> float:
        """
        Attendance rate.
        """
    @property
    def totals(self) -> AttendanceTotals:
        """
        Their hours.
        """
class AttendanceReport:
    """
    Attendance rates per person, session and audience, with the issues found.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: AttendanceReport) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_pandas(self, level: typing.Literal['person', 'session', 'audience'] = 'person') -> pd.DataFrame:
        """
        The rates at one level (see :func:`vaekit.training_records.attendance_report_to_pandas`).
        """
    def to_table(self, level: str = 'person') -> Table:
        """
        The rates at one level ('person', 'session' or 'audience') as a vaekit.Table; raises vaekit.InvalidArgument (a ValueError) for another level.
        """
    @property
    def audiences(self) -> list[AudienceAttendance]:
        """
        counsellors, assistants, both (everyone).
        """
    @property
    def issues(self) -> list[RecordIssue]:
        """
        Everything check_attendance() finds.
        """
    @property
    def persons(self) -> list[PersonAttendance]:
        """
        One row per member, in programme order.
        """
    @property
    def sessions(self) -> list[SessionAttendance]:
        """
        One row per session, in date order.
        """
class CompletionCertificate:
    """
    The data of a certificat de réalisation (completion certificate): organisation, trainee, action,
    nature (Code du travail L6313-1), dates and duration (attended hours with evidence).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> CompletionCertificate:
        """
        Reads a CompletionCertificate from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: CompletionCertificate) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this CompletionCertificate, as text.
        """
    @property
    def action(self) -> str:
        """
        The action's title.
        """
    @property
    def action_id(self) -> str:
        """
        The programme id.
        """
    @property
    def dates(self) -> DateRange:
        """
        First to last day attended.
        """
    @property
    def days(self) -> list[Date]:
        """
        Every day attended.
        """
    @property
    def hours(self) -> float:
        """
        Duration achieved (proven hours).
        """
    @property
    def issued(self) -> Date | None:
        """
        Issue date, or None.
        """
    @property
    def nature(self) -> str:
        """
        The nature of the action.
        """
    @property
    def organisation(self) -> str:
        """
        The training organisation.
        """
    @property
    def planned_hours(self) -> float:
        """
        Hours planned.
        """
    @property
    def remote_hours(self) -> float:
        """
        Of which remotely.
        """
    @property
    def trainee(self) -> str:
        """
        The trainee's member id.
        """
    @property
    def trainee_name(self) -> str:
        """
        The trainee's name.
        """
class EvaluationQuestion:
    """
    A question of the à-chaud or à-froid questionnaire.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: EvaluationQuestion) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, text: str = '', kind: QuestionKind = ..., timing: EvaluationTiming = ...) -> None:
        """
        A question.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def kind(self) -> QuestionKind:
        """
        Scale (1-5) or free text.
        """
    @kind.setter
    def kind(self, arg0: QuestionKind) -> None:
        ...
    @property
    def text(self) -> str:
        """
        The question as asked.
        """
    @text.setter
    def text(self, arg0: str) -> None:
        ...
    @property
    def timing(self) -> EvaluationTiming:
        """
        The questionnaire it belongs to.
        """
    @timing.setter
    def timing(self, arg0: EvaluationTiming) -> None:
        ...
class EvaluationResponse:
    """
    One filled questionnaire.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: EvaluationResponse) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, session: str, timing: EvaluationTiming, date: vaekit.Date | datetime.date | str, scores: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex] = {}, comments: collections.abc.Mapping[str, str] = {}, member: str = '', respondent: Respondent = ...) -> None:
        """
        A response; scores map question ids to 1-5, comments to free text.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def comments(self) -> dict[str, str]:
        """
        Free text: question id -> text (never aggregated).
        """
    @comments.setter
    def comments(self, arg0: collections.abc.Mapping[str, str]) -> None:
        ...
    @property
    def date(self) -> Date:
        """
        The day it was answered.
        """
    @date.setter
    def date(self, arg0: Date) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def member(self) -> str:
        """
        The respondent's member id ('' anonymous).
        """
    @member.setter
    def member(self, arg0: str) -> None:
        ...
    @property
    def respondent(self) -> Respondent:
        """
        Trainee, funder or speaker.
        """
    @respondent.setter
    def respondent(self, arg0: Respondent) -> None:
        ...
    @property
    def scores(self) -> dict[str, int]:
        """
        Scale answers: question id -> 1..5.
        """
    @scores.setter
    def scores(self, arg0: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def session(self) -> str:
        """
        The session ('' for overall feedback).
        """
    @session.setter
    def session(self, arg0: str) -> None:
        ...
    @property
    def timing(self) -> EvaluationTiming:
        """
        À chaud or à froid.
        """
    @timing.setter
    def timing(self, arg0: EvaluationTiming) -> None:
        ...
class EvaluationRecord:
    """
    The questionnaires and responses of a programme (``Evaluations.1``).
    ``EvaluationRecord(programme="", questions=[], responses=[], cold_delay_weeks=6, hot_window_days=0)``.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> EvaluationRecord:
        """
        Reads a EvaluationRecord from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: EvaluationRecord) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, programme: str = '', questions: collections.abc.Sequence[EvaluationQuestion] = [], responses: collections.abc.Sequence[EvaluationResponse] = [], cold_delay_weeks: typing.SupportsInt | typing.SupportsIndex = 6, hot_window_days: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        A record.
        """
    def __len__(self) -> int:
        """
        Number of responses.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def cold_due(self, session_date: vaekit.Date | datetime.date | str) -> Date:
        """
        The first day an à-froid answer is expected.
        """
    def question(self, id: str) -> EvaluationQuestion:
        """
        The question with this id (KeyError).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this EvaluationRecord, as text.
        """
    def to_pandas(self, comments: bool = False) -> pd.DataFrame:
        """
        The responses in long form (see :func:`vaekit.training_records.evaluations_to_pandas`).
        """
    def to_table(self, comments: bool = False) -> Table:
        """
        The responses in long form as a vaekit.Table, one row per (response, question): the scores, or with comments=True the free-text answers (kept apart).
        """
    @property
    def cold_delay_weeks(self) -> int:
        """
        Weeks before the à-froid questionnaire (6).
        """
    @cold_delay_weeks.setter
    def cold_delay_weeks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def hot_window_days(self) -> int:
        """
        Days an à-chaud answer may be late (0).
        """
    @hot_window_days.setter
    def hot_window_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def programme(self) -> str:
        """
        The programme id.
        """
    @programme.setter
    def programme(self, arg0: str) -> None:
        ...
    @property
    def questions(self) -> list[EvaluationQuestion]:
        """
        Questions (a list copy; assign to change).
        """
    @questions.setter
    def questions(self, arg0: collections.abc.Sequence[EvaluationQuestion]) -> None:
        ...
    @property
    def responses(self) -> list[EvaluationResponse]:
        """
        Responses (a list copy; assign to change).
        """
    @responses.setter
    def responses(self, arg0: collections.abc.Sequence[EvaluationResponse]) -> None:
        ...
class EvaluationAggregate:
    """
    The aggregate of one scale question over a group and a timing.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: EvaluationAggregate) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def count(self) -> int:
        """
        Answers.
        """
    @property
    def distribution(self) -> list[int]:
        """
        Answers scoring 1, 2, 3, 4, 5.
        """
    @property
    def expected(self) -> int:
        """
        Expected respondents.
        """
    @property
    def grouping(self) -> EvaluationGrouping:
        """
        How sessions are grouped.
        """
    @property
    def key(self) -> str:
        """
        The group: session, topic, format or speaker kind.
        """
    @property
    def mean(self) -> float:
        """
        Their mean.
        """
    @property
    def question(self) -> str:
        """
        The question id.
        """
    @property
    def respondents(self) -> int:
        """
        Trainee responses for the group.
        """
    @property
    def response_rate(self) -> float:
        """
        respondents / expected.
        """
    @property
    def timing(self) -> EvaluationTiming:
        """
        À chaud or à froid.
        """
class Diploma:
    """
    A diploma held, with its EU level (1-8).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Diploma) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, title: str, eu_level: typing.SupportsInt | typing.SupportsIndex, year: typing.SupportsInt | typing.SupportsIndex | None = None) -> None:
        """
        A diploma.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def eu_level(self) -> int:
        """
        EU level 1-8.
        """
    @eu_level.setter
    def eu_level(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def title(self) -> str:
        """
        Title.
        """
    @title.setter
    def title(self, arg0: str) -> None:
        ...
    @property
    def year(self) -> int | None:
        """
        Year obtained, or None.
        """
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
class StaffProfile:
    """
    A staff member's qualification profile.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: StaffProfile) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, member: str, diplomas: collections.abc.Sequence[Diploma] = [], support_experience_years: typing.SupportsFloat | typing.SupportsIndex = 0.0, vae_experience_years: typing.SupportsFloat | typing.SupportsIndex = 0.0, other_training_hours: collections.abc.Mapping[typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex] = {}, vae_knowledge: collections.abc.Sequence[str] = []) -> None:
        """
        A profile.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def diplomas(self) -> list[Diploma]:
        """
        Diplomas held.
        """
    @diplomas.setter
    def diplomas(self, arg0: collections.abc.Sequence[Diploma]) -> None:
        ...
    @property
    def highest_level(self) -> int:
        """
        Highest EU level (0 without diploma).
        """
    @property
    def member(self) -> str:
        """
        The programme member id.
        """
    @member.setter
    def member(self, arg0: str) -> None:
        ...
    @property
    def other_training_hours(self) -> dict[int, float]:
        """
        Training hours outside the programme: year -> hours.
        """
    @other_training_hours.setter
    def other_training_hours(self, arg0: collections.abc.Mapping[typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def support_experience_years(self) -> float:
        """
        Years supporting people.
        """
    @support_experience_years.setter
    def support_experience_years(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def vae_experience_years(self) -> float:
        """
        Years supporting VAE candidates.
        """
    @vae_experience_years.setter
    def vae_experience_years(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def vae_knowledge(self) -> list[str]:
        """
        Evidence of knowledge of VAE (trainings, attestations); empty: none.
        """
    @vae_knowledge.setter
    def vae_knowledge(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class QualificationRequirements:
    """
    The network's requirements on its staff. Defaults (domain.md §1): for counsellors, an EU level 7
    diploma, at least 1 year of support experience (uncertain: the source gives no duration), some
    experience of VAE support and evidence of knowledge of VAE.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: QualificationRequirements) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, roles: collections.abc.Sequence[StaffRole] = ..., min_diploma_level: typing.SupportsInt | typing.SupportsIndex = 7, min_support_years: typing.SupportsFloat | typing.SupportsIndex = 1.0, min_vae_years: typing.SupportsFloat | typing.SupportsIndex = 0.0, min_training_hours_per_year: typing.SupportsFloat | typing.SupportsIndex = 0.0, require_vae_experience: bool = True, require_vae_knowledge: bool = True) -> None:
        """
        Requirements.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def applies_to(self, role: StaffRole) -> bool:
        """
        Whether they apply to the role.
        """
    @property
    def min_diploma_level(self) -> int:
        """
        Minimum EU level (7).
        """
    @min_diploma_level.setter
    def min_diploma_level(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_support_years(self) -> float:
        """
        Minimum support years (1).
        """
    @min_support_years.setter
    def min_support_years(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_training_hours_per_year(self) -> float:
        """
        Minimum training hours a year (0).
        """
    @min_training_hours_per_year.setter
    def min_training_hours_per_year(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_vae_years(self) -> float:
        """
        Minimum VAE years (0).
        """
    @min_vae_years.setter
    def min_vae_years(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def require_vae_experience(self) -> bool:
        """
        Whether some experience of VAE support is required (True).
        """
    @require_vae_experience.setter
    def require_vae_experience(self, arg0: bool) -> None:
        ...
    @property
    def require_vae_knowledge(self) -> bool:
        """
        Whether evidence of knowledge of VAE is required (True).
        """
    @require_vae_knowledge.setter
    def require_vae_knowledge(self, arg0: bool) -> None:
        ...
    @property
    def roles(self) -> list[StaffRole]:
        """
        Roles they apply to.
        """
    @roles.setter
    def roles(self, arg0: collections.abc.Sequence[StaffRole]) -> None:
        ...
class StaffRegister:
    """
    The staff register: requirements and profiles (StaffRegister.1).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> StaffRegister:
        """
        Reads a StaffRegister from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: StaffRegister) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, profiles: collections.abc.Sequence[StaffProfile] = [], requirements: QualificationRequirements = ...) -> None:
        """
        A register.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def profile(self, member: str) -> StaffProfile | None:
        """
        The member's profile, or None.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this StaffRegister, as text.
        """
    @property
    def profiles(self) -> list[StaffProfile]:
        """
        Profiles (a list copy; assign to change).
        """
    @profiles.setter
    def profiles(self, arg0: collections.abc.Sequence[StaffProfile]) -> None:
        ...
    @property
    def requirements(self) -> QualificationRequirements:
        """
        The network's requirements.
        """
    @requirements.setter
    def requirements(self, arg0: QualificationRequirements) -> None:
        ...
class QualificationGap:
    """
    A requirement a person does not meet.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: QualificationGap) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def code(self) -> str:
        """
        E.g. 'diploma_level', 'support_experience'.
        """
    @property
    def message(self) -> str:
        """
        The gap in French.
        """
class QualificationCheck:
    """
    The check of one member against the requirements.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: QualificationCheck) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def applies(self) -> bool:
        """
        Whether the requirements apply to the role.
        """
    @property
    def gaps(self) -> list[QualificationGap]:
        """
        The gaps.
        """
    @property
    def meets(self) -> bool:
        """
        Whether every requirement is met.
        """
    @property
    def member(self) -> str:
        """
        The member id.
        """
    @property
    def role(self) -> StaffRole:
        """
        Their role.
        """
class StaffTrainingRecord:
    """
    A person's training over a calendar year.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: StaffTrainingRecord) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def member(self) -> str:
        """
        The member id.
        """
    @property
    def other_hours(self) -> float:
        """
        Other hours declared in the profile.
        """
    @property
    def programme_hours(self) -> float:
        """
        Hours at the professionalisation days.
        """
    @property
    def sessions(self) -> list[str]:
        """
        Sessions attended.
        """
    @property
    def total(self) -> float:
        """
        programme_hours + other_hours.
        """
    @property
    def year(self) -> int:
        """
        The year.
        """
class CommunityMember:
    """
    A member of the online community.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: CommunityMember) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, role: CommunityRole = ..., name: str = '', organisation: str = '') -> None:
        """
        A member.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Display name (personal data).
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        Antenne or organisation.
        """
    @organisation.setter
    def organisation(self, arg0: str) -> None:
        ...
    @property
    def role(self) -> CommunityRole:
        """
        Their role.
        """
    @role.setter
    def role(self, arg0: CommunityRole) -> None:
        ...
class CommunityPost:
    """
    A message in a community thread.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: CommunityPost) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, author: str, date: vaekit.Date | datetime.date | str, text: str = '') -> None:
        """
        A post.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def author(self) -> str:
        """
        The author's member id.
        """
    @author.setter
    def author(self, arg0: str) -> None:
        ...
    @property
    def date(self) -> Date:
        """
        The day it was posted.
        """
    @date.setter
    def date(self, arg0: Date) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def text(self) -> str:
        """
        The message.
        """
    @text.setter
    def text(self, arg0: str) -> None:
        ...
class CommunityThread:
    """
    A discussion: its first post opens it, the others reply.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: CommunityThread) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, title: str, posts: collections.abc.Sequence[CommunityPost], tags: collections.abc.Sequence[str] = [], certifications: collections.abc.Sequence[str] = [], question: bool = True, accepted: str | None = None) -> None:
        """
        A thread.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def answered_by(self, date: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether someone other than the author replied on or before the date.
        """
    @property
    def accepted(self) -> str | None:
        """
        The accepted answer's post id, or None.
        """
    @accepted.setter
    def accepted(self, arg0: str | None) -> None:
        ...
    @property
    def author(self) -> str:
        """
        The opening post's author.
        """
    @property
    def certifications(self) -> list[str]:
        """
        Certification codes it is about.
        """
    @certifications.setter
    def certifications(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Stable identifier.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def opened(self) -> Date:
        """
        The opening post's date.
        """
    @property
    def posts(self) -> list[CommunityPost]:
        """
        The posts, the opening one first.
        """
    @posts.setter
    def posts(self, arg0: collections.abc.Sequence[CommunityPost]) -> None:
        ...
    @property
    def question(self) -> bool:
        """
        Whether it asks a question.
        """
    @question.setter
    def question(self, arg0: bool) -> None:
        ...
    @property
    def tags(self) -> list[str]:
        """
        Free tags.
        """
    @tags.setter
    def tags(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def title(self) -> str:
        """
        Title.
        """
    @title.setter
    def title(self, arg0: str) -> None:
        ...
class ThreadHit:
    """
    A thread found by Community.search().
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: ThreadHit) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def score(self) -> float:
        """
        Relevance: higher is better.
        """
    @property
    def thread(self) -> str:
        """
        The thread id.
        """
class CertificationChange:
    """
    A registry change as plain data: code, kind, successors.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: CertificationChange) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, code: str, kind: str = '', successors: collections.abc.Sequence[str] = []) -> None:
        """
        A change.
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def code(self) -> str:
        """
        The certification code.
        """
    @code.setter
    def code(self, arg0: str) -> None:
        ...
    @property
    def kind(self) -> str:
        """
        What changed ('closed', 'replaced'...).
        """
    @kind.setter
    def kind(self, arg0: str) -> None:
        ...
    @property
    def successors(self) -> list[str]:
        """
        Codes of its successors.
        """
    @successors.setter
    def successors(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class DigestChange:
    """
    A registry change concerning the network, with its threads.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: DigestChange) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def change(self) -> CertificationChange:
        """
        The change.
        """
    @property
    def targeted(self) -> list[str]:
        """
        The targeted codes it concerns.
        """
    @property
    def threads(self) -> list[str]:
        """
        Threads about those codes.
        """
class CommunityDigest:
    """
    What happened in the community over a period.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> CommunityDigest:
        """
        Reads a CommunityDigest from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: CommunityDigest) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this CommunityDigest, as text.
        """
    @property
    def changes(self) -> list[DigestChange]:
        """
        Registry changes concerning the targeted codes.
        """
    @property
    def new_threads(self) -> list[str]:
        """
        Threads opened in the period.
        """
    @property
    def period(self) -> DateRange:
        """
        The period covered.
        """
    @property
    def resolved(self) -> list[str]:
        """
        Questions whose accepted answer came in the period.
        """
    @property
    def unanswered(self) -> list[str]:
        """
        Questions without a reply by the period's end.
        """
    @property
    def unresolved(self) -> list[str]:
        """
        Questions with replies but no accepted answer.
        """
class Community:
    """
    The online community: members and threads (``Community.1``). ``search(query)`` is accent- and
    case-insensitive (prefix matching); ``digest(period, changes, targeted)`` summarises a period.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Community:
        """
        Reads a Community from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: Community) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, members: collections.abc.Sequence[CommunityMember] = [], threads: collections.abc.Sequence[CommunityThread] = []) -> None:
        """
        A community (checked).
        """
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def accepted_answer(self, thread: str) -> CommunityPost | None:
        """
        The accepted answer of the thread (by id), or None.
        """
    def check(self) -> None:
        """
        Raises vaekit.InvalidArgument on duplicate ids, unknown authors, bad answers.
        """
    def digest(self, period: DateRange, changes: collections.abc.Sequence[CertificationChange] = [], targeted: collections.abc.Sequence[str] = []) -> CommunityDigest:
        """
        New threads, open questions, and the changes concerning the targeted codes (or their successors).
        """
    def member(self, id: str) -> CommunityMember:
        """
        The member with this id (KeyError).
        """
    def search(self, query: str, limit: typing.SupportsInt | typing.SupportsIndex = 20) -> list[ThreadHit]:
        """
        Threads matching every query word (prefixes, accent-insensitive), best first.
        """
    def thread(self, id: str) -> CommunityThread:
        """
        The thread with this id (KeyError).
        """
    def threads_about(self, code: str) -> list[str]:
        """
        Threads linked to the certification code.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Community, as text.
        """
    @property
    def members(self) -> list[CommunityMember]:
        """
        Members (a list copy; assign to change).
        """
    @members.setter
    def members(self, arg0: collections.abc.Sequence[CommunityMember]) -> None:
        ...
    @property
    def threads(self) -> list[CommunityThread]:
        """
        Threads (a list copy; assign to change).
        """
    @threads.setter
    def threads(self, arg0: collections.abc.Sequence[CommunityThread]) -> None:
        ...
class EvidenceItem:
    """
    A record kept that serves as Qualiopi evidence.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: EvidenceItem) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def count(self) -> int:
        """
        How many records.
        """
    @property
    def description(self) -> str:
        """
        What they show, in French.
        """
    @property
    def record(self) -> str:
        """
        The record kind, e.g. 'hot_evaluations'.
        """
class MissingEvidence:
    """
    A missing or insufficient piece of evidence.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: MissingEvidence) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def code(self) -> str:
        """
        E.g. 'no_cold_evaluations'.
        """
    @property
    def message(self) -> str:
        """
        What is missing, in French.
        """
class IndicatorEvidence:
    """
    The evidence of one Qualiopi indicator.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: IndicatorEvidence) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def covered(self) -> bool:
        """
        Whether nothing is missing.
        """
    @property
    def indicator(self) -> int:
        """
        2, 11, 12, 22 or 30.
        """
    @property
    def missing(self) -> list[MissingEvidence]:
        """
        What is missing.
        """
    @property
    def present(self) -> list[EvidenceItem]:
        """
        The evidence present.
        """
    @property
    def title(self) -> str:
        """
        Its subject, in French.
        """
class QualityEvidenceIndex:
    """
    The Qualiopi evidence index of a programme year (QualityEvidenceIndex.1).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> QualityEvidenceIndex:
        """
        Reads a QualityEvidenceIndex from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: QualityEvidenceIndex) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short form.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def indicator(self, number: typing.SupportsInt | typing.SupportsIndex) -> IndicatorEvidence:
        """
        One indicator's entry (KeyError).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this QualityEvidenceIndex, as text.
        """
    @property
    def indicators(self) -> list[IndicatorEvidence]:
        """
        Indicators 2, 11, 12, 22, 30.
        """
    @property
    def programme(self) -> str:
        """
        The programme id.
        """
    @property
    def year(self) -> int:
        """
        The year indexed.
        """
class Event:
    """
    One event of a case, as a line of the event log v1.
    
    ``Event(case, event, at, role, **fields)``: top-level fields ``antenne``, ``staff``, ``certification``; any other keyword goes to ``data``: the fields of vaekit.event_vocabulary() (``channel``, ``date``, ``minutes``, ``to``, ``certifier``, ``decision``, ``implicit``, ``funding``, ``hours``, ``result``, ``reason``, ``blocks`` (a list of strings), ``jury`` (a list of strings), ``accompaniment``, ``individual_hours``, ``collective_hours``, ``training_hours``, ``funding_kind``, ``amount``, ``granted``, ``reason_code``, ``lifted``, ``sex``, ``age_band``, ``employment``, ``qualification``, ``departement``, ``qpv``, ``rqth``, ``months``, ``situation``), checked as in a log line; a keyword unknown to v1 is kept as an extra data field.
    ``at`` is a date (vaekit.Date, datetime.date, ISO string) or an aware datetime.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(line: str) -> Event:
        """
        An event from one log line.
        """
    def __eq__(self, other: Event) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, case: str, event: str, at: typing.Any, role: str, **kwargs) -> None:
        """
        An event, validated like a line of the log (raises vaekit.ParseError naming the field).
        """
    def __repr__(self) -> str:
        """
        `vaekit.Event(case, event, at, role)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> typing.Any:
        """
        The log line as a dict.
        """
    def to_json(self) -> str:
        """
        The log line as JSON text.
        """
    @property
    def antenne(self) -> str:
        """
        Antenne identifier or ''.
        """
    @property
    def at(self) -> str:
        """
        When, as ISO 8601 text (a date or a date-time with offset).
        """
    @property
    def case(self) -> str:
        """
        The case identifier.
        """
    @property
    def certification(self) -> str:
        """
        RNCP/RS code or ''.
        """
    @property
    def data(self) -> typing.Any:
        """
        The event-specific fields, as a dict.
        """
    @property
    def date(self) -> Date:
        """
        The (local) date.
        """
    @property
    def event(self) -> str:
        """
        The event name, e.g. 'admissibility_sent'.
        """
    @property
    def role(self) -> str:
        """
        Who recorded it, e.g. 'counsellor'.
        """
    @property
    def staff(self) -> str:
        """
        Staff identifier or ''.
        """
class Regime:
    """
    A rule set of VAE in force over a period: ``Regime.on(date)`` picks the built-in one
    ("vae-2002" until 30 Sep 2017, "vae-2017" from 1 Oct 2017, "vae-2024" from 1 Jan 2024).
    Every threshold is a property; ``sources`` gives the legal source of each.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def builtin() -> list[Regime]:
        """
        The three built-in regimes, in date order.
        """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Regime:
        """
        Reads a Regime from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def on(date: vaekit.Date | datetime.date | str) -> Regime:
        """
        The built-in regime in force on the date.
        """
    def __eq__(self, other: Regime) -> bool:
        """
        Same values.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        `vaekit.Regime('name')`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def counts(self, kind: str) -> bool:
        """
        Whether experiences of this kind count.
        """
    def decision_due(self, sent: vaekit.Date | datetime.date | str) -> Date:
        """
        The day the decision on a request sent that day is due.
        """
    def silence_means_acceptance(self, sent: vaekit.Date | datetime.date | str) -> bool:
        """
        Whether silence on a request sent that day means acceptance.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Regime, as text.
        """
    @property
    def any_related_experience(self) -> bool:
        """
        True from 2024: any related experience is enough.
        """
    @property
    def certifications_per_year(self) -> int:
        """
        Different certifications per calendar year (3).
        """
    @property
    def counted_kinds(self) -> list[str]:
        """
        Activity kinds that count.
        """
    @property
    def days_per_year(self) -> int:
        """
        Calendar days of a full-time year (365).
        """
    @property
    def decision_deadline_months(self) -> int:
        """
        Months to decide (2).
        """
    @property
    def effective_from(self) -> Date:
        """
        First day in force.
        """
    @property
    def effective_until(self) -> Date | None:
        """
        Last day in force, or None.
        """
    @property
    def france_vae_from(self) -> Date | None:
        """
        First day a pathway may start as a France VAE candidacy (2024-01-01 for vae-2024), or None.
        """
    @property
    def hours_per_year(self) -> int:
        """
        Hours of a full-time year (1607).
        """
    @property
    def inactive_days_after_admissibility(self) -> int:
        """
        Inactivity delay after admissibility, in days (165).
        """
    @property
    def inactive_days_before_admissibility(self) -> int:
        """
        Inactivity delay before admissibility, in days (60).
        """
    @property
    def inactivity_confirmation_days(self) -> int:
        """
        Days after which inactivity is confirmed (180).
        """
    @property
    def inactivity_rule_from(self) -> Date | None:
        """
        First day of the inactivity rule (France VAE, 2025-08-01), or None: no case is inactive before it and older idle cases count their delay from it.
        """
    @property
    def jury_min_members(self) -> int | None:
        """
        Members a jury has at least, its composition recorded on the jury events (2 from 2024), or None.
        """
    @property
    def lapse_days(self) -> int:
        """
        Days without an event after which an admissible France VAE candidacy lapses (caducité, 183).
        """
    @property
    def minimum_hours(self) -> typing.Any:
        """
        The minimum in hours: years × hours_per_year (a Fraction).
        """
    @property
    def minimum_years(self) -> typing.Any:
        """
        Minimum related experience in years (a Fraction).
        """
    @property
    def name(self) -> str:
        """
        Stable identifier, e.g. 'vae-2017'.
        """
    @property
    def requests_per_certification_per_year(self) -> int:
        """
        Requests per certification per calendar year (1).
        """
    @property
    def silence_acceptance_from(self) -> Date:
        """
        From this date the certifier's silence means acceptance (2014-11-12).
        """
    @property
    def sources(self) -> dict[str, str]:
        """
        Legal source of each threshold, by field name.
        """
    @property
    def start_deadline_months(self) -> int | None:
        """
        Months to start the pathway after admissibility (6 from 2024), or None.
        """
    @property
    def title(self) -> str:
        """
        French description.
        """
    @property
    def training(self) -> str:
        """
        'capped' (at the other activities' hours) or 'not_counted'.
        """
class RegimeSet:
    """
    Regimes chosen by date: the built-in ones overlaid by user-defined ones.
    """
    def __init__(self) -> None:
        """
        The built-in regimes.
        """
    def __repr__(self) -> str:
        """
        Number of regimes.
        """
    def add(self, regime: Regime) -> None:
        """
        Overlays a regime (later ones win on their days).
        """
    def load(self, path: os.PathLike | str | bytes) -> None:
        """
        Adds the Regime.1 document(s) of a JSON file.
        """
    def named(self, name: str) -> Regime:
        """
        The regime with that name (vaekit.NotFound otherwise).
        """
    def on(self, date: vaekit.Date | datetime.date | str) -> Regime:
        """
        The regime in force on the date.
        """
    @property
    def all(self) -> list[Regime]:
        """
        All regimes, in the order added.
        """
class Case:
    """
    A VAE case: its append-only list of events, folded into a stage.
    
    ``case.record(event, at, role, **fields)`` checks the event against the transition table and
    appends it (raises vaekit.TransitionError naming the stage, the event and the role). The side
    state (dropped out, archived) is kept apart from the stage; ``reactivated`` restores it.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def _repr_html_(case: Case, *, max_rows: int = 20) -> str:
        """
        The notebook view of a :class:`vaekit.Case`: its stage and its dated events.
        
            The events' data (which may hold free text) are left out.
            
        """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Case:
        """
        Reads a Case from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, other: Case) -> bool:
        """
        Same id and events.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, case_id: str) -> None:
        """
        An empty case (stage 'none').
        """
    def __len__(self) -> int:
        """
        Number of events.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Case('id', stage=..., n events)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def activity(self, on: vaekit.Date | datetime.date | str) -> str:
        """
        'active', 'inactive' or 'confirmed_inactive' on that date.
        """
    def allowed_events(self, role: str, on: vaekit.Date | datetime.date | str) -> list[str]:
        """
        The events the role may record on that date.
        """
    def record(self, event: str, at: typing.Any, role: str, **kwargs) -> None:
        """
        Records an event: keywords antenne, staff, certification, and data fields.
        """
    def record_event(self, event: Event) -> None:
        """
        Records a vaekit.Event (its case must be this one or empty).
        """
    def stage_history(self) -> list[tuple[str, str]]:
        """
        (at, stage) after each event.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Case, as text.
        """
    def what_is_due(self, on: vaekit.Date | datetime.date | str) -> list[...]:
        """
        What is due on this case on that date (a list of vaekit.DueItem).
        """
    @property
    def certification(self) -> str:
        """
        The certification chosen, or ''.
        """
    @property
    def decision_reasons(self) -> str:
        """
        The certifier's reasons of the last admissibility decision, or ''.
        """
    @property
    def drop_reason(self) -> str:
        """
        Reason of the last drop-out, or ''.
        """
    @property
    def events(self) -> list[Event]:
        """
        The events, in order (a list of vaekit.Event).
        """
    @property
    def id(self) -> str:
        """
        The case identifier.
        """
    @property
    def loaded_version(self) -> int:
        """
        The store version the case was loaded or last saved at (0: never stored); CaseStore.save checks the store still holds exactly that.
        """
    @property
    def side_state(self) -> str:
        """
        'active', 'dropped_out' or 'archived' (apart from the stage).
        """
    @property
    def stage(self) -> str:
        """
        The current stage, e.g. 'admissibility_sent'.
        """
    @property
    def version(self) -> int:
        """
        Number of events (the version used by CaseStore).
        """
class Candidate:
    """
    The personal data of a candidate, kept apart from cases (analytics and exports never see it).
    Its repr shows only the identifier.
    """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Candidate:
        """
        Reads a Candidate from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, case_ids: collections.abc.Sequence[str] = []) -> None:
        """
        A candidate record.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Candidate('id')` (no personal data).
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this Candidate, as text.
        """
    @property
    def address(self) -> str:
        """
        Adresse.
        """
    @address.setter
    def address(self, arg0: str) -> None:
        ...
    @property
    def birth_date(self) -> Date | None:
        """
        Date de naissance, or None.
        """
    @birth_date.setter
    def birth_date(self, arg0: Date | None) -> None:
        ...
    @property
    def birth_place(self) -> str:
        """
        Lieu de naissance.
        """
    @birth_place.setter
    def birth_place(self, arg0: str) -> None:
        ...
    @property
    def case_ids(self) -> list[str]:
        """
        The candidate's cases.
        """
    @case_ids.setter
    def case_ids(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def certifications_held(self) -> list[str]:
        """
        Certifications held.
        """
    @certifications_held.setter
    def certifications_held(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def civility(self) -> str:
        """
        Civilité ('madame', 'monsieur') or ''.
        """
    @civility.setter
    def civility(self, arg0: str) -> None:
        ...
    @property
    def email(self) -> str:
        """
        Courriel.
        """
    @email.setter
    def email(self, arg0: str) -> None:
        ...
    @property
    def family_name(self) -> str:
        """
        Nom de naissance.
        """
    @family_name.setter
    def family_name(self, arg0: str) -> None:
        ...
    @property
    def given_names(self) -> str:
        """
        Prénoms.
        """
    @given_names.setter
    def given_names(self, arg0: str) -> None:
        ...
    @property
    def goals(self) -> str:
        """
        The person's project.
        """
    @goals.setter
    def goals(self, arg0: str) -> None:
        ...
    @property
    def highest_level(self) -> int | None:
        """
        Highest EU level held (1-8), or None.
        """
    @highest_level.setter
    def highest_level(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Candidate identifier (not personal).
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def left_initial_education_on(self) -> Date | None:
        """
        End of initial studies, or None.
        """
    @left_initial_education_on.setter
    def left_initial_education_on(self, arg0: Date | None) -> None:
        ...
    @property
    def nationality(self) -> str:
        """
        Nationalité.
        """
    @nationality.setter
    def nationality(self, arg0: str) -> None:
        ...
    @property
    def phone(self) -> str:
        """
        Téléphone.
        """
    @phone.setter
    def phone(self, arg0: str) -> None:
        ...
    @property
    def situation(self) -> str:
        """
        employee, jobseeker, ...
        """
    @situation.setter
    def situation(self, arg0: str) -> None:
        ...
    @property
    def socio_professional_category(self) -> str:
        """
        Catégorie socio-professionnelle (the status is `situation`).
        """
    @socio_professional_category.setter
    def socio_professional_category(self, arg0: str) -> None:
        ...
    @property
    def usage_name(self) -> str:
        """
        Nom d'usage, or ''.
        """
    @usage_name.setter
    def usage_name(self, arg0: str) -> None:
        ...
class Experience:
    """
    One experience: ``Experience(kind, period=None, hours=None, hours_per_week=35, rome=None,
    related=None, text='', employer='', job_title='')``. Kinds: salaried, self_employed, volunteer, elected, union, athlete,
    training, caregiver. Give a ``period`` (a DateRange, counted pro rata: 1,607 h per 365 days at
    35 h a week) or ``hours`` (a total). Numbers may be int, float, Fraction or "n/d".
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, other: Experience) -> bool:
        """
        Same fields.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, kind: str, period: DateRange | None = None, hours: typing.Any = None, hours_per_week: typing.Any = 35, rome: str | None = None, related: bool | None = None, text: str = '', employer: str = '', job_title: str = '') -> None:
        """
        An experience.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Experience(kind, period or hours)`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def employer(self) -> str:
        """
        Employer or organisation, or ''.
        """
    @property
    def hours(self) -> typing.Any:
        """
        Total hours (a Fraction), or None.
        """
    @property
    def hours_per_week(self) -> typing.Any:
        """
        Weekly hours (a Fraction).
        """
    @property
    def job_title(self) -> str:
        """
        Job title held, or ''.
        """
    @property
    def kind(self) -> str:
        """
        The kind.
        """
    @property
    def period(self) -> DateRange | None:
        """
        The period, or None.
        """
    @property
    def related(self) -> bool | None:
        """
        Declared relevance, or None.
        """
    @property
    def rome(self) -> str:
        """
        ROME code or ''.
        """
    @property
    def text(self) -> str:
        """
        Free description.
        """
class Reason:
    """
    A reason of a verdict: a stable `code` and a French `message`.
    """
    def __repr__(self) -> str:
        """
        `vaekit.Reason('code')`.
        """
    @property
    def code(self) -> str:
        """
        Stable machine code, e.g. 'minimum_not_met'.
        """
    @property
    def message(self) -> str:
        """
        The explanation in French.
        """
class EligibilityResult:
    """
    The verdict on eligibility with its figures and reasons.
    """
    def __bool__(self) -> bool:
        """
        The verdict.
        """
    def __repr__(self) -> str:
        """
        Verdict, hours and regime.
        """
    @property
    def codes(self) -> list[str]:
        """
        The reason codes.
        """
    @property
    def counted_hours(self) -> list[typing.Any]:
        """
        Per experience, the hours counted (0 for a duplicate, after the 48 h weekly cap).
        """
    @property
    def days(self) -> int:
        """
        Calendar days of counted experience (overlaps once).
        """
    @property
    def eligible(self) -> bool:
        """
        The verdict.
        """
    @property
    def hours(self) -> typing.Any:
        """
        Hours counted, exactly (a Fraction).
        """
    @property
    def links(self) -> list[str]:
        """
        Per experience, the relevance link that decided (declared, exact_rome, rome_parent, successor, not_checked, declared_unrelated, no_rome, unrelated).
        """
    @property
    def minimum_hours(self) -> typing.Any:
        """
        The regime's minimum in hours (a Fraction).
        """
    @property
    def on(self) -> Date:
        """
        Date of the assessment.
        """
    @property
    def reasons(self) -> list[Reason]:
        """
        The reasons (vaekit.Reason).
        """
    @property
    def regime(self) -> str:
        """
        Name of the regime applied.
        """
    @property
    def training_counted(self) -> typing.Any:
        """
        Training hours after the cap.
        """
    @property
    def training_hours(self) -> typing.Any:
        """
        Training hours before the cap.
        """
class DueItem:
    """
    Something due on a case: kind, since when, message in French.
    """
    def __repr__(self) -> str:
        """
        `vaekit.DueItem(case, kind, due)`.
        """
    @property
    def case_id(self) -> str:
        """
        The case.
        """
    @property
    def due(self) -> Date:
        """
        Since when it is due.
        """
    @property
    def implied_decision(self) -> typing.Any:
        """
        For decision_overdue: the decision by silence ('admissible' or 'not_admissible').
        """
    @property
    def kind(self) -> str:
        """
        decision_overdue, jury_to_schedule, jury_result_missing, start_overdue, inactive, confirmed_inactive, quota_conflict, lapse_due or followup_due.
        """
    @property
    def message(self) -> str:
        """
        In French, without personal data.
        """
class EventRecords:
    """
    An event log v1 as read row by row: header, events, rejects (read == accepted + rejected).
    
    For analytics use vaekit.EventLog (columnar) instead.
    """
    def __len__(self) -> int:
        """
        Number of accepted events.
        """
    def __repr__(self) -> str:
        """
        Counts.
        """
    def cases(self, strict: bool = True) -> tuple[list[Case], list[Reject]]:
        """
        Replays the events into cases: (cases, rejects); strict raises vaekit.TransitionError.
        """
    @property
    def events(self) -> list[Event]:
        """
        Accepted events, in file order.
        """
    @property
    def header(self) -> dict:
        """
        The header fields (empty dict when the log has none).
        """
    @property
    def lines(self) -> list[int]:
        """
        Line number of each accepted event.
        """
    @property
    def records_read(self) -> int:
        """
        Records read (header and blank lines excluded).
        """
    @property
    def rejects(self) -> list[Reject]:
        """
        Records set aside (lenient mode).
        """
class CaseStates:
    """
    The cases of a whole event log folded through the transition table, without their events.
    
    What ``vaekit.read_case_states(path)`` gives: the current stage and side state of every case of a
    log (a million cases in about a second), for when the events themselves are not needed. The states
    equal those of ``vaekit.read_event_log(path).cases()`` case for case.
    """
    def __contains__(self, case_id: str) -> bool:
        """
        Whether the log has case `case_id`.
        """
    def __len__(self) -> int:
        """
        Number of cases.
        """
    def __repr__(self) -> str:
        """
        Counts.
        """
    def side_state(self, case_id: str) -> str:
        """
        The side state of case `case_id` (raises vaekit.NotFound).
        """
    def stage(self, case_id: str) -> str:
        """
        The stage of case `case_id` (raises vaekit.NotFound).
        """
    def stage_counts(self) -> dict[str, int]:
        """
        Number of cases in each stage.
        """
    @property
    def events_applied(self) -> int:
        """
        Events accepted by the transition table.
        """
    @property
    def events_refused(self) -> int:
        """
        Events refused by the transition table (lenient mode; among the rejects).
        """
    @property
    def ids(self) -> list[str]:
        """
        Case identifiers, in order of first appearance.
        """
    @property
    def records_read(self) -> int:
        """
        Records read (header and blank lines excluded).
        """
    @property
    def rejects(self) -> list[Reject]:
        """
        Records and refused events set aside (lenient mode).
        """
class SuggestionExclusion:
    """
    A certification matching the person's jobs but not suggested, and why.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, other: SuggestionExclusion) -> bool:
        """
        Same fields.
        """
    def __repr__(self) -> str:
        """
        `vaekit.SuggestionExclusion(code, reason code)`.
        """
    def to_dict(self) -> typing.Any:
        """
        As a dict: code, reason {code, message}.
        """
    @property
    def code(self) -> str:
        """
        The certification code.
        """
    @property
    def reason(self) -> Reason:
        """
        Why (vaekit.Reason: not_active, not_vae_accessible, not_registered, level_out_of_range, without_level, no_active_successor).
        """
class CertificationSuggestion:
    """
    A suggested certification with its ranking data and reasons.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, other: CertificationSuggestion) -> bool:
        """
        Same fields.
        """
    def __repr__(self) -> str:
        """
        `vaekit.CertificationSuggestion(code, match, hours)`.
        """
    def has_reason(self, code: str) -> bool:
        """
        Whether a reason has this code.
        """
    def to_dict(self) -> typing.Any:
        """
        As a dict, the form of one entry of the Suggestions.1 document: code, title, level, match, exact_rome, parent_rome, hours (exact, 'n' or 'n/d'), enough_experience, replaces, reasons.
        """
    @property
    def code(self) -> str:
        """
        The certification to offer (a successor when replaced).
        """
    @property
    def codes(self) -> list[str]:
        """
        The reason codes.
        """
    @property
    def enough_experience(self) -> bool:
        """
        Whether the hours meet the regime's minimum (> 0 h from 2024).
        """
    @property
    def exact_rome(self) -> list[str]:
        """
        The person's ROME codes the fiche lists.
        """
    @property
    def hours(self) -> typing.Any:
        """
        Hours of matching experience (a Fraction).
        """
    @property
    def level(self) -> int | None:
        """
        Its EU level (1-8), or None.
        """
    @property
    def match(self) -> str:
        """
        'exact' (a ROME code of the person is the fiche's) or 'shared_parent' (same ROME v3 parent).
        """
    @property
    def parent_rome(self) -> list[str]:
        """
        The person's ROME codes sharing only a v3 parent with the fiche's.
        """
    @property
    def reasons(self) -> list[Reason]:
        """
        Why (vaekit.Reason, codes and French text).
        """
    @property
    def replaces(self) -> list[str]:
        """
        Closed certifications it is offered in place of.
        """
    @property
    def title(self) -> str:
        """
        Its title.
        """
class SuggestionResult:
    """
    The ranked suggestions, the matching certifications left out, and notes on the input. Its JSON document form is Suggestions.1 (to_json, to_dict, save; no personal data).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> SuggestionResult:
        """
        Reads a SuggestionResult from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> SuggestionResult:
        """
        Reads a Suggestions.1 JSON document written by save().
        """
    def __eq__(self, other: SuggestionResult) -> bool:
        """
        Same date, level, rules, suggestions, exclusions and notes.
        """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> CertificationSuggestion:
        """
        The suggestion at this rank.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __len__(self) -> int:
        """
        Number of suggestions.
        """
    def __repr__(self) -> str:
        """
        Counts.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def save(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the Suggestions.1 JSON document atomically.
        """
    def to_dict(self) -> typing.Any:
        """
        The schema-tagged Suggestions.1 document as a dict.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this SuggestionResult, as text.
        """
    @property
    def codes(self) -> list[str]:
        """
        The suggested certification codes, best first.
        """
    @property
    def diploma_level(self) -> int | None:
        """
        The diploma level given (EU 1-8), or None.
        """
    @property
    def excluded(self) -> list[SuggestionExclusion]:
        """
        Matching certifications left out, by code.
        """
    @property
    def minimum_hours(self) -> typing.Any:
        """
        The regime's minimum in hours (0 from 2024), a Fraction.
        """
    @property
    def notes(self) -> list[Reason]:
        """
        Notes on the input (experience_without_rome, level_unknown).
        """
    @property
    def on(self) -> Date:
        """
        The assessment date.
        """
    @property
    def regime(self) -> str:
        """
        The regime used to count the hours.
        """
    @property
    def rules(self) -> typing.Any:
        """
        The rules applied, as a dict (levels_below, levels_above, include_without_level, follow_replacements, use_rome_parent, require_registered_on_date, limit).
        """
    @property
    def suggestions(self) -> list[CertificationSuggestion]:
        """
        Suggestions, best first.
        """
class OrientationSuggestion:
    """
    An orientation suggested or ruled out, with its reasons.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, other: OrientationSuggestion) -> bool:
        """
        Same target and reasons.
        """
    def __repr__(self) -> str:
        """
        `vaekit.OrientationSuggestion(target, [codes])`.
        """
    def has_reason(self, code: str) -> bool:
        """
        Whether a reason has this code.
        """
    def to_dict(self) -> typing.Any:
        """
        As a dict: target, reasons [{code, message}].
        """
    @property
    def codes(self) -> list[str]:
        """
        The reason codes.
        """
    @property
    def reasons(self) -> list[Reason]:
        """
        Why (vaekit.Reason).
        """
    @property
    def target(self) -> str:
        """
        'vae', 'vap', 'training', 'skills_assessment' or 'other' (as in oriented.to).
        """
class OrientationAdvice:
    """
    Orientation suggestions (best first), the options ruled out, and the eligibility they rest on. Its JSON document form is Orientation.1 (to_json, to_dict, save; no personal data).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> OrientationAdvice:
        """
        Reads a OrientationAdvice from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> OrientationAdvice:
        """
        Reads an Orientation.1 JSON document written by save().
        """
    def __eq__(self, other: OrientationAdvice) -> bool:
        """
        Same suggestions, options ruled out and eligibility.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        `vaekit.OrientationAdvice([targets])`.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def save(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the Orientation.1 JSON document atomically.
        """
    def suggests(self, target: str) -> bool:
        """
        Whether this target is among the suggestions.
        """
    def to_dict(self) -> typing.Any:
        """
        The schema-tagged Orientation.1 document as a dict.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this OrientationAdvice, as text.
        """
    @property
    def eligibility(self) -> EligibilityResult:
        """
        The VAE eligibility on the date.
        """
    @property
    def first(self) -> str:
        """
        The first suggestion's target: what the counsellor would record in oriented.to.
        """
    @property
    def ruled_out(self) -> list[OrientationSuggestion]:
        """
        Orientations considered and ruled out, with why.
        """
    @property
    def suggestions(self) -> list[OrientationSuggestion]:
        """
        Suggested orientations, best first (never empty).
        """
    @property
    def targets(self) -> list[str]:
        """
        The suggested targets, best first.
        """
class AdmissibilityRequest:
    """
    The admissibility request of a case (Cerfa 12818 sections: ``certification``, ``civil_status``,
    ``situation``, ``education``, ``experiences``), built with vaekit.build_admissibility_request.
    
    It holds personal data because it is the document sent to the certifier; analytics and exports
    never read it, and its repr shows only identifiers.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> AdmissibilityRequest:
        """
        Reads a AdmissibilityRequest from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> AdmissibilityRequest:
        """
        Reads a JSON document written by save().
        """
    def __eq__(self, other: AdmissibilityRequest) -> bool:
        """
        Same content.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        `vaekit.AdmissibilityRequest(case, certification, complete=...)` (no personal data).
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def missing(self) -> list[Reason]:
        """
        What is missing before sending (vaekit.Reason list, stable codes and French text, no personal data).
        """
    def save(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the JSON document atomically.
        """
    def to_dict(self) -> typing.Any:
        """
        The schema-tagged document as a dict.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this AdmissibilityRequest, as text.
        """
    @property
    def candidate_id(self) -> str:
        """
        The candidate record.
        """
    @property
    def case_id(self) -> str:
        """
        The case.
        """
    @property
    def certification(self) -> typing.Any:
        """
        Section 1, the certification sought (dict: code, title, level, certifier, partial, blocks...).
        """
    @property
    def civil_status(self) -> typing.Any:
        """
        Section 2, civil status (dict; personal data).
        """
    @property
    def complete(self) -> bool:
        """
        Whether nothing is missing.
        """
    @property
    def education(self) -> typing.Any:
        """
        Section 4, education level and certifications held (dict).
        """
    @property
    def experiences(self) -> typing.Any:
        """
        Section 5, the experiences with related_to_certification and counted_hours (list of dicts).
        """
    @property
    def prepared_on(self) -> Date:
        """
        When it was built.
        """
    @property
    def related_hours(self) -> typing.Any:
        """
        Hours of the experiences related to the certification (a Fraction).
        """
    @property
    def situation(self) -> typing.Any:
        """
        Section 3, situation and goals (dict).
        """
    @property
    def supporting_documents(self) -> list[str]:
        """
        The supporting documents attached.
        """
    @property
    def sworn_statement(self) -> bool:
        """
        The sworn statement on the quotas (R335-7) is signed.
        """
class Slot:
    """
    A counsellor's appointment slot on a working day.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, other: Slot) -> bool:
        """
        Same fields.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Slot(id, counsellor, date start-end)`.
        """
    @property
    def counsellor(self) -> str:
        """
        Counsellor identifier.
        """
    @property
    def date(self) -> Date:
        """
        The day.
        """
    @property
    def end(self) -> str:
        """
        End, 'HH:MM'.
        """
    @property
    def id(self) -> int:
        """
        Identifier.
        """
    @property
    def minutes(self) -> int:
        """
        Duration in minutes.
        """
    @property
    def start(self) -> str:
        """
        Start, 'HH:MM'.
        """
    @property
    def start_minute(self) -> int:
        """
        Start in minutes after midnight.
        """
    @property
    def withdrawn(self) -> bool:
        """
        Withdrawn (no longer offered).
        """
class Booking:
    """
    A booking of a slot for a case (kept after cancellation).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, other: Booking) -> bool:
        """
        Same fields.
        """
    def __repr__(self) -> str:
        """
        `vaekit.Booking(id, slot, case, status)`.
        """
    @property
    def booked_by(self) -> str:
        """
        Staff who booked.
        """
    @property
    def booked_on(self) -> Date:
        """
        When it was booked.
        """
    @property
    def cancelled_by(self) -> str:
        """
        Staff who cancelled, or ''.
        """
    @property
    def cancelled_on(self) -> Date | None:
        """
        When it was cancelled, or None.
        """
    @property
    def case_id(self) -> str:
        """
        The case.
        """
    @property
    def closed_at(self) -> str | None:
        """
        When the outcome (held, no-show) was observed, ISO 8601, or None.
        """
    @property
    def from_waiting_list(self) -> bool:
        """
        Made by serving the waiting list.
        """
    @property
    def id(self) -> int:
        """
        Identifier.
        """
    @property
    def slot(self) -> int:
        """
        The slot's id.
        """
    @property
    def status(self) -> str:
        """
        'booked', 'held', 'no_show' or 'cancelled'.
        """
class WaitingEntry:
    """
    A case waiting for a slot (first come, first served).
    """
    def __repr__(self) -> str:
        """
        `vaekit.WaitingEntry(ticket, case, counsellor)`.
        """
    @property
    def added_by(self) -> str:
        """
        Staff who added it.
        """
    @property
    def case_id(self) -> str:
        """
        The case.
        """
    @property
    def counsellor(self) -> str:
        """
        The counsellor wanted, or '' for any.
        """
    @property
    def since(self) -> Date:
        """
        When it joined.
        """
    @property
    def ticket(self) -> int:
        """
        Arrival order.
        """
class Utilisation:
    """
    The use of a counsellor's slots over a period.
    """
    def __repr__(self) -> str:
        """
        `vaekit.Utilisation(counsellor, booked/slots)`.
        """
    @property
    def booked(self) -> int:
        """
        Slots occupied (booked, held or no-show).
        """
    @property
    def counsellor(self) -> str:
        """
        The counsellor.
        """
    @property
    def held(self) -> int:
        """
        Appointments held.
        """
    @property
    def minutes_booked(self) -> int:
        """
        Minutes occupied.
        """
    @property
    def minutes_offered(self) -> int:
        """
        Minutes offered.
        """
    @property
    def no_show_rate(self) -> float:
        """
        No-shows / (held + no-shows).
        """
    @property
    def no_shows(self) -> int:
        """
        No-shows.
        """
    @property
    def rate(self) -> float:
        """
        Occupied / offered slots (0 when none).
        """
    @property
    def slots(self) -> int:
        """
        Slots offered.
        """
class AppointmentBook:
    """
    The appointment book of an antenne: counsellors' slots on working days (a vaekit.FrenchCalendar
    with the antenne's closures), bookings and cancellations by assistants, no double booking
    (vaekit.DoubleBookingError), a first-come-first-served waiting list served on cancellation and on a
    new slot, first available slot, no-shows (a cancellation after the start is one) and utilisation
    per counsellor. The book is the source of the case log's appointment events (events()).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> AppointmentBook:
        """
        Reads a AppointmentBook from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> AppointmentBook:
        """
        Reads a JSON document written by save() (checked).
        """
    def __eq__(self, other: AppointmentBook) -> bool:
        """
        Same calendar, slots, bookings and waiting list.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, calendar: FrenchCalendar | None = None) -> None:
        """
        An empty book (metropolitan calendar without closures by default).
        """
    def __repr__(self) -> str:
        """
        Counts.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def add_slot(self, counsellor: str, date: vaekit.Date | datetime.date | str, start: typing.Any, minutes: typing.SupportsInt | typing.SupportsIndex = 60, on: typing.Any = None, by: str = '') -> int:
        """
        Adds a slot ('HH:MM' or minutes after midnight), added at ``on`` by ``by``, and serves the waiting list with it (the booking is made at ``on``; see occupant()); refuses non-working days, overlaps, and a slot a waiting case fits when ``on`` is not given. Returns its id.
        """
    def add_slots(self, counsellor: str, period: DateRange, start: typing.Any, minutes: typing.SupportsInt | typing.SupportsIndex = 60, weekdays: collections.abc.Sequence[str] = [], per_day: typing.SupportsInt | typing.SupportsIndex = 1, on: typing.Any = None, by: str = '') -> list[int]:
        """
        Adds per_day consecutive slots on every working day of the period (weekdays: names, all when empty), then serves the waiting list with them in time order as add_slot(); all or nothing. Returns the ids.
        """
    def book(self, slot: typing.SupportsInt | typing.SupportsIndex, case_id: str, by: str, on: vaekit.Date | datetime.date | str) -> int:
        """
        Books a slot for a case; raises vaekit.DoubleBookingError when taken or the case is busy then. Returns the booking id.
        """
    def booking(self, id: typing.SupportsInt | typing.SupportsIndex) -> Booking:
        """
        The booking with this id.
        """
    def booking_event(self, booking: typing.SupportsInt | typing.SupportsIndex) -> Event:
        """
        The appointment_booked event of a booking (for Case.record_event).
        """
    def bookings_of(self, case_id: str) -> list[int]:
        """
        The booking ids of a case.
        """
    def cancel(self, booking: typing.SupportsInt | typing.SupportsIndex, by: str, on: typing.Any) -> int | None:
        """
        Cancels a booking at ``on`` (a date, or a date-time on the appointment's day). Before the start the slot is freed and serves the waiting list: returns the booking id made for the waiting case, or None. From the start on it is a no-show (status 'no_show', counted in the utilisation) and None is returned.
        """
    def events(self, case_id: str | None = None) -> list[Event]:
        """
        The appointment events (EventLog.1) of a case, or of every case, in time order: the book is their one source.
        """
    def events_of(self, booking: typing.SupportsInt | typing.SupportsIndex) -> list[Event]:
        """
        The events of a booking: appointment_booked, then its outcome event if any.
        """
    def first_available(self, from_date: vaekit.Date | datetime.date | str, counsellor: str | None = None) -> Slot | None:
        """
        The first free slot on or after the date (of a counsellor, or any), or None.
        """
    def free_slots(self, period: DateRange, counsellor: str | None = None) -> list[Slot]:
        """
        Free slots of the period, by day and time.
        """
    def join_waiting_list(self, case_id: str, on: vaekit.Date | datetime.date | str, counsellor: str | None = None, by: str = '') -> int:
        """
        Puts a case on the waiting list (for a counsellor, or any); returns its ticket.
        """
    def leave_waiting_list(self, ticket: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Removes a waiting entry.
        """
    def mark_held(self, booking: typing.SupportsInt | typing.SupportsIndex, at: typing.Any) -> None:
        """
        Records that the appointment took place, observed at ``at`` (a date-time, or a date after its day); refuses an appointment that has not started.
        """
    def mark_no_show(self, booking: typing.SupportsInt | typing.SupportsIndex, at: typing.Any) -> None:
        """
        Records a no-show observed at ``at``; refuses an appointment that has not started.
        """
    def occupant(self, slot: typing.SupportsInt | typing.SupportsIndex) -> int | None:
        """
        The booking id occupying a slot, or None.
        """
    def outcome_event(self, booking: typing.SupportsInt | typing.SupportsIndex) -> Event | None:
        """
        The appointment_held or appointment_missed event of a booking, or None (booked, cancelled).
        """
    def save(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the JSON document atomically.
        """
    def slot(self, id: typing.SupportsInt | typing.SupportsIndex) -> Slot:
        """
        The slot with this id.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this AppointmentBook, as text.
        """
    def utilisation(self, period: DateRange, counsellor: str | None = None) -> typing.Any:
        """
        Utilisation on the period: of one counsellor (a vaekit.Utilisation), or of each (a list).
        """
    def withdraw_slot(self, slot: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Withdraws a free slot.
        """
    @property
    def bookings(self) -> list[Booking]:
        """
        Every booking (cancelled ones included), by id.
        """
    @property
    def calendar(self) -> FrenchCalendar:
        """
        The calendar.
        """
    @property
    def counsellors(self) -> list[str]:
        """
        Counsellors having slots, sorted.
        """
    @property
    def slots(self) -> list[Slot]:
        """
        Every slot, by id.
        """
    @property
    def waiting_list(self) -> list[WaitingEntry]:
        """
        The waiting list, in arrival order.
        """
class CaseSummary:
    """
    A case's folded summary in the store (no personal data).
    """
    def __repr__(self) -> str:
        """
        Case, stage, version.
        """
    @property
    def antenne(self) -> str:
        """
        Antenne.
        """
    @property
    def case_id(self) -> str:
        """
        The case.
        """
    @property
    def certification(self) -> str:
        """
        Certification chosen.
        """
    @property
    def due(self) -> Date | None:
        """
        Next due date, or None.
        """
    @property
    def last_activity(self) -> Date:
        """
        Date of the last event.
        """
    @property
    def side_state(self) -> str:
        """
        Side state.
        """
    @property
    def stage(self) -> str:
        """
        Stage.
        """
    @property
    def version(self) -> int:
        """
        Number of events stored.
        """
class ImportReport:
    """
    What CaseStore.import_event_log did: every case of the log is created, extended, unchanged or in conflicts.
    """
    def __repr__(self) -> str:
        """
        Counts of each outcome.
        """
    @property
    def cases_created(self) -> int:
        """
        Cases new to the store.
        """
    @property
    def cases_extended(self) -> int:
        """
        Stored cases whose history was a strict prefix of the log's (extended).
        """
    @property
    def cases_unchanged(self) -> int:
        """
        Stored cases whose history equals the log's.
        """
    @property
    def conflicts(self) -> list[str]:
        """
        Stored cases whose history is not a prefix of the log's (left untouched).
        """
    @property
    def events_written(self) -> int:
        """
        Events written.
        """
    @property
    def records_read(self) -> int:
        """
        Records read.
        """
    @property
    def rejects(self) -> list[Reject]:
        """
        Records and refused events set aside (lenient mode).
        """
class MigrateReport:
    """
    What CaseStore.migrate copied; its counts were checked against the source.
    """
    def __repr__(self) -> str:
        """
        Counts.
        """
    @property
    def cases(self) -> int:
        """
        Cases in the source.
        """
    @property
    def events(self) -> int:
        """
        Events in the source.
        """
    @property
    def import_report(self) -> ImportReport:
        """
        Into a non-empty destination (allow_non_empty): what the import did, conflicts included; otherwise every case created.
        """
    @property
    def versions(self) -> int:
        """
        Sum of the source's case versions (= events).
        """
class CaseStore:
    """
    The durable case store: ``CaseStore(url_or_path)``, a SQLite file (a plain path or
    ``sqlite:///abs/path.db``, WAL mode) or a PostgreSQL database
    (``postgresql://user:password@host:port/db?sslmode=verify-full``). Same contract on both.
    
    ``append(case_id, events, expected_version=None)`` writes events in one transaction after
    checking them against the transition table; a stale ``expected_version`` raises
    vaekit.ConflictError and writes nothing. ``save(case)`` appends the events recorded since the
    case was loaded, only if the store still holds exactly the events it was loaded with (else
    vaekit.ConflictError: reload, redo, save again). Survives kill -9: no committed event lost, no
    half batch. ``read_only=True`` works in a read-only folder (SQLite). A failure that may pass
    (server restart, timeout, serialization failure) raises vaekit.TransientError: retry. A password
    in the URL is never shown (``url``, ``repr`` and messages redact it).
    """
    @staticmethod
    def migrate(src: str, dst: str, allow_non_empty: bool = False) -> MigrateReport:
        """
        Copies the store at `src` into `dst` (URLs or paths) in one transaction, in commit order (both then export the same bytes), every event checked, the counts checked; a non-empty destination is refused unless allow_non_empty (then merged as an import). Returns a vaekit.MigrateReport.
        """
    def __contains__(self, case_id: str) -> bool:
        """
        Whether the case exists.
        """
    def __init__(self, url_or_path: os.PathLike | str | bytes, durable: bool = True, read_only: bool = False, statement_timeout_ms: typing.SupportsInt | typing.SupportsIndex = 0, busy_timeout_ms: typing.SupportsInt | typing.SupportsIndex = 10000, connect_timeout_s: typing.SupportsInt | typing.SupportsIndex = 10) -> None:
        """
        Opens (creating) the store; durable=False trades power-loss safety for speed; busy_timeout_ms: how long to wait for another writer's lock; statement_timeout_ms and connect_timeout_s: PostgreSQL only.
        """
    def __len__(self) -> int:
        """
        Number of cases.
        """
    def __repr__(self) -> str:
        """
        `vaekit.CaseStore('path or redacted URL')`.
        """
    def append(self, case_id: str, events: collections.abc.Sequence[Event], expected_version: typing.SupportsInt | typing.SupportsIndex | None = None) -> int:
        """
        Appends events in one transaction; returns the new version.
        """
    def append_batch(self, batch: collections.abc.Sequence[tuple[str, typing.SupportsInt | typing.SupportsIndex | None, collections.abc.Sequence[Event]]]) -> list[int]:
        """
        Appends (case_id, expected_version, events) tuples in ONE transaction (all or nothing).
        """
    def export_event_log(self, path: os.PathLike | str | bytes) -> int:
        """
        Writes every event as an event log v1; returns the count.
        """
    def import_event_log(self, log: os.PathLike | str | bytes, strict: bool = True, batch_cases: typing.SupportsInt | typing.SupportsIndex = 20000) -> ImportReport:
        """
        Imports an event-log file, `batch_cases` cases per transaction; never merges histories: returns a vaekit.ImportReport listing the conflicting cases.
        """
    def integrity_check(self) -> str:
        """
        'ok', or the problems found (SQLite's integrity check; every case's version equal to its number of events).
        """
    def load(self, case_id: str) -> Case:
        """
        The case with all its events (vaekit.NotFound if absent).
        """
    def query(self, antenne: str | None = None, stage: str | None = None, side_state: str | None = None, due_by: vaekit.Date | datetime.date | str | None = None, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> list[CaseSummary]:
        """
        Case summaries filtered by antenne, stage, side state and due date.
        """
    def save(self, case: Case, expected_version: typing.SupportsInt | typing.SupportsIndex | None = None) -> int:
        """
        Appends the case's events past its loaded version (or `expected_version`) if the store still holds exactly its first events; else vaekit.ConflictError, nothing written. Returns the new version, which becomes the case's `loaded_version`.
        """
    def summary(self, case_id: str) -> CaseSummary:
        """
        The summary of one case.
        """
    def version(self, case_id: str) -> int:
        """
        Number of events of the case (0 if absent).
        """
    @property
    def backend(self) -> str:
        """
        'sqlite' or 'postgresql'.
        """
    @property
    def case_count(self) -> int:
        """
        Number of cases.
        """
    @property
    def event_count(self) -> int:
        """
        Number of events.
        """
    @property
    def path(self) -> pathlib.Path:
        """
        The database file (SQLite), or the redacted URL (PostgreSQL).
        """
    @property
    def url(self) -> str:
        """
        Where the store is, any password replaced by ***.
        """
class Profile:
    """
    The pseudonymous profile of one case (issue 15), apart from the personal Candidate record: sex,
    age band at reception, employment situation, highest qualification level, département, priority
    neighbourhood (qpv) and recognised disability (rqth), each with an explicit "not_stated". It has
    no name, birth date or address: the age is banded on entry (Profile.from_age,
    Profile.from_birth_date keep the band only). It is what a `profile_recorded` event carries
    (to_event, from_event). Values are the vocabulary's codes, e.g. Profile(sex="woman",
    age_band="35_44", employment="job_seeker", qualification="level_4", departement="93",
    qpv="yes", rqth="no").
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def age_band_of(age: typing.SupportsInt | typing.SupportsIndex) -> str:
        """
        The age band code of `age` full years: under_26, 26_34, 35_44, 45_54, 55_plus.
        """
    @staticmethod
    def departements() -> list[str]:
        """
        The valid département codes in official order (01..19, 2A, 2B, 21..95, 971..976).
        """
    @staticmethod
    def from_age(age: typing.SupportsInt | typing.SupportsIndex, *, sex: str = 'not_stated', employment: str = 'not_stated', qualification: str = 'not_stated', departement: str = 'not_stated', qpv: str = 'not_stated', rqth: str = 'not_stated') -> Profile:
        """
        A profile whose age band is that of `age` full years at reception; the age itself is not kept.
        """
    @staticmethod
    def from_birth_date(birth: vaekit.Date | datetime.date | str, reception: vaekit.Date | datetime.date | str, *, sex: str = 'not_stated', employment: str = 'not_stated', qualification: str = 'not_stated', departement: str = 'not_stated', qpv: str = 'not_stated', rqth: str = 'not_stated') -> Profile:
        """
        A profile whose age band is that of a person born on `birth` at `reception` (a 29 February birthday is reached on 1 March in a common year); neither date is kept.
        """
    @staticmethod
    def from_candidate(candidate: Candidate, reception: vaekit.Date | datetime.date | str) -> Profile:
        """
        The profile derived from the personal vaekit.Candidate record at `reception`, keeping none of its personal fields: the age band from the birth date, the sex from the civility ('madame', 'monsieur'), the qualification from the highest EU level (1-2: 'none'), the employment where the situation is unambiguous ('jobseeker', 'self_employed'); everything else not stated.
        """
    @staticmethod
    def from_event(event: Event) -> Profile:
        """
        The profile carried by a `profile_recorded` vaekit.Event (absent fields: not_stated).
        """
    @staticmethod
    def values(attribute: str) -> list[str]:
        """
        The codes of `attribute` (e.g. 'sex'), 'not_stated' last.
        """
    def __eq__(self, arg0: Profile) -> bool:
        """
        Same attributes.
        """
    def __init__(self, *, sex: str = 'not_stated', age_band: str = 'not_stated', employment: str = 'not_stated', qualification: str = 'not_stated', departement: str = 'not_stated', qpv: str = 'not_stated', rqth: str = 'not_stated') -> None:
        """
        A profile from the codes of its attributes (each 'not_stated' by default); vaekit.InvalidArgument for an unknown code or département.
        """
    def __repr__(self) -> str:
        """
        The codes of the attributes.
        """
    def to_dict(self) -> typing.Any:
        """
        The attributes as a dict of codes.
        """
    def to_event(self, case_id: str, at: typing.Any, role: str = 'counsellor') -> Event:
        """
        The `profile_recorded` vaekit.Event of case `case_id` at `at` (a date, or an ISO date or date-time string), recorded by `role`.
        """
    @property
    def age_band(self) -> str:
        """
        The age band at reception: 'under_26', '26_34', '35_44', '45_54', '55_plus' or 'not_stated'.
        """
    @property
    def departement(self) -> str:
        """
        The département code ('75', '2A', '971') or 'not_stated'.
        """
    @property
    def employment(self) -> str:
        """
        The employment situation (France VAE's CandidateTypology), e.g. 'job_seeker'.
        """
    @property
    def qpv(self) -> str:
        """
        Lives in a priority neighbourhood (QPV): 'yes', 'no' or 'not_stated'.
        """
    @property
    def qualification(self) -> str:
        """
        The highest qualification level held: 'none', 'level_3' .. 'level_8' or 'not_stated'.
        """
    @property
    def rqth(self) -> str:
        """
        Recognised disabled worker (RQTH): 'yes', 'no' or 'not_stated'.
        """
    @property
    def sex(self) -> str:
        """
        'woman', 'man' or 'not_stated'.
        """
class KeyFigures:
    """
    The key figures of one cohort year (year None: all years) as published: each count is the
    published one, or None when that cell is suppressed (never 0 for a withheld count).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: KeyFigures) -> bool:
        """
        Same figures.
        """
    def __repr__(self) -> str:
        """
        Year and main figures.
        """
    def to_dict(self) -> dict:
        """
        The figures as a dict (None: suppressed).
        """
    @property
    def admissible(self) -> typing.Any:
        """
        Cases declared admissible, or None (suppressed).
        """
    @property
    def counselled(self) -> typing.Any:
        """
        Cases with an appointment held, or None (suppressed).
        """
    @property
    def jury_full(self) -> typing.Any:
        """
        Full validations, or None (suppressed).
        """
    @property
    def jury_held(self) -> typing.Any:
        """
        Cases that went before a jury, or None (suppressed).
        """
    @property
    def jury_partial(self) -> typing.Any:
        """
        Partial validations, or None (suppressed).
        """
    @property
    def received(self) -> typing.Any:
        """
        People received, or None (suppressed).
        """
    @property
    def year(self) -> typing.Any:
        """
        The cohort year, or None for the sums over all years.
        """
class ReportSummary:
    """
    The headline figures of a published report, computed once in C++ from its published tables: the
    key figures per cohort year and summed over all years (a sum with a suppressed term is None), the
    whole-pathway duration and the number of withheld cells.
    """
    def __repr__(self) -> str:
        """
        Size.
        """
    def table(self) -> Table:
        """
        The key figures as a vaekit.Table 'summary': year (None: all years), received, counselled, admissible, jury_held, jury_full, jury_partial (None: suppressed).
        """
    @property
    def all(self) -> KeyFigures:
        """
        The key figures summed over the cohort years (None where a term is suppressed).
        """
    @property
    def cohorts(self) -> list[KeyFigures]:
        """
        The key figures of each cohort year (vaekit.KeyFigures), in year order.
        """
    @property
    def suppressed_cells(self) -> int:
        """
        Cells withheld in the whole report.
        """
    @property
    def whole_count(self) -> typing.Any:
        """
        Cases with a whole-pathway duration (received to jury), or None (suppressed).
        """
    @property
    def whole_median(self) -> typing.Any:
        """
        Median whole-pathway duration in days, or None (suppressed or no case).
        """
    @property
    def whole_p90(self) -> typing.Any:
        """
        90th percentile of the whole-pathway duration in days, or None.
        """
class PublishedReport:
    """
    An activity report as published, computed once by ActivityReport.publish(): its tables
    (vaekit.Table, sharing its memory) protected by the method it names (cell-key noise and
    suppression under the threshold, suppression alone, or none for exact internal figures), the
    withheld cells, the headline summary, and the audit of the intervals an attacker can derive for
    the withheld cells. Plots, the page, the CSV and JSON files all read this one object.
    """
    @staticmethod
    def _repr_html_(published: PublishedReport, *, max_rows: int = 20) -> str:
        """
        The notebook view of a :class:`vaekit.PublishedReport`: period and method, then each table.
        
            Withheld cells show « s », the totals rows « Total » (from :mod:`vaekit.report.cells`).
            
        """
    def __repr__(self) -> str:
        """
        Method, threshold and cells withheld.
        """
    def audit(self, protection: typing.SupportsFloat | typing.SupportsIndex | None = None) -> list:
        """
        For each withheld count: the interval [lower, upper] an attacker derives from every published cell and every true relation (linear programming, COIN-OR Clp), its true value (internal: never publish it) and whether the interval covers value - min(value, p) .. value + p. Dicts {table, row, column, lower, upper, value, safe}.
        """
    def table(self, name: str) -> Table:
        """
        The published table called `name` ('funnel', 'durations', 'monthly', 'workload', 'by_profile', 'by_channel', 'dropout_reasons', 'employment', 'funding_mix', 'funding_cost', 'outcomes_by_certification', 'outcomes_by_level', 'outcomes_by_certifier'); vaekit.NotFound otherwise.
        """
    def to_dict(self) -> typing.Any:
        """
        The `ActivityReport.1` document, as a dict.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The `ActivityReport.1` document, as text.
        """
    def write(self, directory: os.PathLike | str | bytes) -> None:
        """
        Writes report.json and the four tables as CSV into `directory`, atomically.
        """
    @property
    def by_channel(self) -> Table:
        """
        Reception by channel (issue 15): year, antenne (None: totals), value (a channel, or 'not_stated'), cases — the funnel's received cases by the channel of their first reception, so per funnel row the values add up to its received; no row when no case states a channel (a vaekit.Table; suppressed cells are None).
        """
    @property
    def by_profile(self) -> Table:
        """
        The funnel, outcomes and rates by profile attribute (issue 15): year, attribute, value (a code, or 'not_recorded'), the funnel's counts, then counselled_rate, admissible_rate, jury_rate, full_rate, partial_rate, dropout_rate from the published counts; no row when the log records no profile (a vaekit.Table; suppressed cells are None).
        """
    @property
    def dropout_reasons(self) -> Table:
        """
        Drop-outs by reason (issue 15): year, antenne (None: totals), value (a reason_code, or 'not_coded'), cases — the funnel's dropped_out cases by the reason code of their last drop-out; no row when no drop-out is coded (a vaekit.Table; suppressed cells are None).
        """
    @property
    def durations(self) -> Table:
        """
        Durations in days: count, mean, median, p90 per measure (a vaekit.Table; suppressed cells are None).
        """
    @property
    def employment(self) -> Table:
        """
        Employment after the jury, published with the report (publish(events=...)): by, value, months, followups_due, answered, the situations, no_answer, employed, employed_before, retained, response_rate, employment_rate, retention_rate; no row when not asked for or without data (a vaekit.Table; withheld cells are None).
        """
    @property
    def funding_cost(self) -> Table:
        """
        The cost per certification obtained, published with the report (publish(events=...)): certification (None: overall), certified, cases_granted, granted_amount, cost_per_certification; no row when not asked for or without data (a vaekit.Table; withheld cells are None).
        """
    @property
    def funding_mix(self) -> Table:
        """
        The funding mix, published with the report (publish(events=...)): funding, funding_kind (None on the overall row), cases_requested, cases_granted, requested_hours, requested_amount, granted_hours, granted_amount (None: withheld, or no number given); no row when not asked for or without data (a vaekit.Table; withheld cells are None).
        """
    @property
    def funnel(self) -> Table:
        """
        Funnel per cohort year and antenne (antenne None: totals) (a vaekit.Table; suppressed cells are None).
        """
    @property
    def keyed(self) -> bool:
        """
        Whether a secret publication key was used (cell-key method).
        """
    @property
    def method(self) -> str:
        """
        'cell-key', 'suppression' or 'none'.
        """
    @property
    def monthly(self) -> Table:
        """
        Monthly activity per antenne (a vaekit.Table; suppressed cells are None).
        """
    @property
    def outcomes_by_certification(self) -> Table:
        """
        The outcome rates by certification, published with the report (publish(events=..., registry=...)): certification, level, certifiers, the counts and rates of vaekit.outcome_rates; no row when not asked for or without data (a vaekit.Table; withheld cells are None).
        """
    @property
    def outcomes_by_certifier(self) -> Table:
        """
        The outcome rates by certifier, published with the report (publish(events=..., registry=...)); no row when not asked for or without data (a vaekit.Table; withheld cells are None).
        """
    @property
    def outcomes_by_level(self) -> Table:
        """
        The outcome rates by EU level, published with the report (publish(events=..., registry=..., outcomes_by=[..., 'level'])); no row when not asked for or without data (a vaekit.Table; withheld cells are None).
        """
    @property
    def protection(self) -> typing.Any:
        """
        The `protection` object of the document: method, threshold, noise, audit summary.
        """
    @property
    def summary(self) -> ReportSummary:
        """
        The headline figures (a vaekit.ReportSummary): a suppressed cell is None, never 0.
        """
    @property
    def suppressed(self) -> list:
        """
        The withheld cells: dicts {table, row, column}.
        """
    @property
    def tables(self) -> dict:
        """
        The published tables by name: the four of every report, 'by_profile' when the log records profiles, 'by_channel' and 'dropout_reasons' when it codes a channel or a drop-out reason, and the annexes published with it (employment, funding_mix, funding_cost, the outcome tables) when they have rows.
        """
    @property
    def threshold(self) -> int:
        """
        The threshold applied.
        """
    @property
    def workload(self) -> Table:
        """
        appointment_held per staff member and month (a vaekit.Table; suppressed cells are None).
        """
class ActivityReport:
    """
    The reference activity report (funnel, durations, monthly activity, workload), exact and mergeable:
    reports of logs holding different cases merge into the report of their union. publish() protects
    it once for publication (cell-key noise and suppression under the threshold by default) and returns
    the vaekit.PublishedReport that every output reads. The tables and documents read from the report
    itself are shortcuts publishing again that default way at `threshold` on each call (suppressed
    cells are None; threshold 0: exact figures, for internal use): publish once and read the
    PublishedReport instead when several are needed.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_state_json(text: str) -> ActivityReport:
        """
        A report from its state document (state_json()).
        """
    def __eq__(self, arg0: ActivityReport) -> bool:
        """
        Same aggregates and threshold.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self) -> None:
        """
        An empty report (the neutral element of merge).
        """
    def __repr__(self) -> str:
        """
        Threshold and size.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def merge(self, other: ActivityReport) -> ActivityReport:
        """
        A new report: this one merged with `other` (a report on other cases).
        """
    def pseudonymised(self, key: typing.Any) -> ActivityReport:
        """
        A new report whose workload names each staff member by keyed pseudonym (key: bytes, str or PseudonymKey): what a published report carries.
        """
    def publish(self, method: str = 'cell-key', threshold: typing.SupportsInt | typing.SupportsIndex | None = None, key: typing.Any = None, max_deviation: typing.SupportsInt | typing.SupportsIndex = 2, variance: typing.SupportsFloat | typing.SupportsIndex = 1.0, protection: typing.SupportsFloat | typing.SupportsIndex = 2.0, *, events: typing.Any = None, employment_by: collections.abc.Sequence[str] = ['outcome'], as_of: vaekit.Date | datetime.date | str | None = None, registry: typing.Any = None, outcomes_by: collections.abc.Sequence[str] = ['certification', 'certifier']) -> PublishedReport:
        """
        The report as published (a vaekit.PublishedReport): method 'cell-key' (default: suppression under the threshold and cell-key noise, keyed by the secret publication `key`, bytes or str), 'suppression' or 'none'; threshold defaults to the report's (0: exact figures, method none). max_deviation and variance shape the perturbation table; protection is the audit's protection level. With `events` (the same log's events: vaekit.read_event_log(path), its .events, or the columnar vaekit.EventLog, which keeps no amount or hours), the employment table (grouped by `employment_by`, follow-ups due by `as_of`) and the funding tables are published too, and with a `registry` (a vaekit.Registry) the outcome rates by each grouping of `outcomes_by` ('certification', 'level', 'certifier'), all in the report's one disclosure system: one protection and one audit over every table.
        """
    def state_json(self) -> str:
        """
        The exact mergeable state (`ActivityState.1`), as text.
        """
    def table(self, name: str) -> Table:
        """
        The published table called `name` ('funnel', 'durations', 'monthly', 'workload', 'by_profile', 'by_channel', 'dropout_reasons', 'employment', 'funding_mix', 'funding_cost', 'outcomes_by_certification', 'outcomes_by_level', 'outcomes_by_certifier'), published at the default method and threshold on each call; vaekit.NotFound otherwise.
        """
    def to_dict(self) -> typing.Any:
        """
        The `ActivityReport.1` document, as a dict, published at the default method and threshold on each call.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The `ActivityReport.1` document, as text, published at the default method and threshold on each call.
        """
    def write(self, directory: os.PathLike | str | bytes) -> None:
        """
        Writes report.json and the four tables as CSV into `directory`, atomically, published at the default method and threshold on each call.
        """
    @property
    def by_channel(self) -> Table:
        """
        Reception by channel (issue 15): year, antenne (None: totals), value (a channel, or 'not_stated'), cases — the funnel's received cases by the channel of their first reception, so per funnel row the values add up to its received; no row when no case states a channel, published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
    @property
    def by_profile(self) -> Table:
        """
        The funnel, outcomes and rates by profile attribute (issue 15): year, attribute, value (a code, or 'not_recorded'), the funnel's counts, then counselled_rate, admissible_rate, jury_rate, full_rate, partial_rate, dropout_rate from the published counts; no row when the log records no profile, published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
    @property
    def dropout_reasons(self) -> Table:
        """
        Drop-outs by reason (issue 15): year, antenne (None: totals), value (a reason_code, or 'not_coded'), cases — the funnel's dropped_out cases by the reason code of their last drop-out; no row when no drop-out is coded, published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
    @property
    def durations(self) -> Table:
        """
        Durations in days: count, mean, median, p90 per measure, published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
    @property
    def funnel(self) -> Table:
        """
        Funnel per cohort year and antenne (antenne None: totals), published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
    @property
    def monthly(self) -> Table:
        """
        Monthly activity per antenne, published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
    @property
    def summary(self) -> ReportSummary:
        """
        The headline figures (a vaekit.ReportSummary), published at the default method and threshold on each call: a suppressed cell is None, never 0.
        """
    @property
    def suppressed(self) -> list:
        """
        The withheld cells: dicts {table, row, column}, published at the default method and threshold on each call.
        """
    @property
    def tables(self) -> dict:
        """
        The published tables by name: the four of every report, 'by_profile' when the log records profiles, 'by_channel' and 'dropout_reasons' when it codes a channel or a drop-out reason, and the annexes published with it (employment, funding_mix, funding_cost, the outcome tables) when they have rows, published at the default method and threshold on each call.
        """
    @property
    def threshold(self) -> int:
        """
        The disclosure threshold (counts below it are suppressed; 0: none).
        """
    @threshold.setter
    def threshold(self, arg1: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def workload(self) -> Table:
        """
        appointment_held per staff member and month, published at the default method and threshold on each call (a vaekit.Table; suppressed cells are None).
        """
class PseudonymKey:
    """
    A secret key for keyed pseudonyms (HMAC-SHA-256; at least 32 bytes, else vaekit.InvalidArgument).
    Never printed nor pickled.
    The pseudonym of `id` of kind `kind` is hmac.new(key, f"{kind}:{id}".encode(), "sha256").hexdigest()[:32].
    """
    @staticmethod
    def from_env(name: str = 'VAEKIT_PSEUDONYM_KEY') -> PseudonymKey:
        """
        The key held in an environment variable.
        """
    @staticmethod
    def from_file(path: os.PathLike | str | bytes) -> PseudonymKey:
        """
        The key held in a file (trailing newline removed).
        """
    def __init__(self, key: bytes) -> None:
        """
        A key from its bytes.
        """
    def __repr__(self) -> str:
        """
        Never shows the key.
        """
    def pseudonym(self, kind: str, id: str) -> str:
        """
        The pseudonym of `id` of kind `kind` ('case' or 'staff').
        """
class CellSystem:
    """
    Counts with the additive relations an attacker knows (totals), for disclosure control: protect()
    suppresses cells under a threshold and then enough others; recomputable() lists the suppressed
    cells whose value the published cells still determine (empty: safe).
    """
    def __init__(self) -> None:
        """
        An empty system.
        """
    def __len__(self) -> int:
        """
        Number of cells.
        """
    def __repr__(self) -> str:
        """
        Size.
        """
    def add_cell(self, value: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Adds a published cell; returns its index.
        """
    def add_hidden_cell(self, value: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Adds an unpublished intermediate sum (needs no protection); returns its index.
        """
    def add_relation(self, total: typing.SupportsInt | typing.SupportsIndex, parts: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], at_least: bool = False) -> None:
        """
        Adds the relation cell `total` = sum of cells `parts` (at_least: total >= the sum).
        """
    def audit(self, bounds: collections.abc.Sequence[tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], protection: typing.SupportsFloat | typing.SupportsIndex) -> list:
        """
        For each suppressed cell, the interval an attacker derives by linear programming from `bounds` (one (lower, upper) per cell, upper may be inf) and the relations: dicts {cell, lower, upper, safe}.
        """
    def protect(self, threshold: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Primary then secondary suppression; returns the number of secondary suppressions.
        """
    def recomputable(self) -> list[int]:
        """
        Suppressed cells whose value can still be recomputed.
        """
    def suppress(self, cell: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Suppresses a cell.
        """
    def suppressed(self, cell: typing.SupportsInt | typing.SupportsIndex) -> bool:
        """
        Whether a cell is suppressed.
        """
class PTable:
    """
    A perturbation table of the cell-key method, built like Destatis' ptable: for each true count, the
    maximum-entropy distribution of the published count over [i - D, i + D], unbiased, of variance V,
    never negative nor positive below min_output.
    """
    def __init__(self, max_deviation: typing.SupportsInt | typing.SupportsIndex = 2, variance: typing.SupportsFloat | typing.SupportsIndex = 1.0, min_output: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Builds the table.
        """
    def perturb(self, count: typing.SupportsInt | typing.SupportsIndex, cell_key: typing.SupportsFloat | typing.SupportsIndex) -> int:
        """
        The published count of a true count for a cell key in [0, 1).
        """
    def preimage(self, published: typing.SupportsInt | typing.SupportsIndex) -> tuple[int, int]:
        """
        The (lowest, highest) true counts that can give a published count.
        """
    def row(self, count: typing.SupportsInt | typing.SupportsIndex) -> list[tuple[int, float]]:
        """
        The (published count, probability) pairs of a true count.
        """
class EventLog:
    """
    The event log v1 as columns with interned strings, read fast with simdjson. Same validation,
    rejects and messages as vaekit.read_event_log; holds no free-text or unknown field.
    """
    @staticmethod
    def from_arrow(data: typing.Any, source: str = '<arrow>', strict: bool = True) -> EventLog:
        """
        A log from any object with __arrow_c_stream__ (pyarrow Table, polars DataFrame, pandas DataFrame with pyarrow, vaekit.EventLog) holding the columns of __arrow_c_stream__, by name (case, at, event, role required; utc_offset, antenne, staff, certification and the payload fields channel, date, minutes, to, certifier, decision, implicit, funding, hours, result, reason and those of the France VAE era, the profile's departement included, optional; others ignored). Each row is validated like a JSON Lines record: strict raises vaekit.ParseError naming the row (1-based) and field, lenient keeps the rejects. A column of an unreadable type raises vaekit.InvalidArgument.
        """
    @staticmethod
    def from_cases(cases: collections.abc.Sequence[Case]) -> EventLog:
        """
        A log of the events of pathway cases (vaekit.Case).
        """
    @staticmethod
    def from_events(events: collections.abc.Sequence[Event]) -> EventLog:
        """
        A log of pathway events (vaekit.Event), in order.
        """
    @staticmethod
    def from_pandas(df: pd.DataFrame, strict: bool = True) -> EventLog:
        """
        An EventLog from a DataFrame (see event_log_from_pandas).
        """
    @staticmethod
    def from_records(records: typing.Iterable[Mapping[str, typing.Any]], *, source: str = '<records>', strict: bool = True) -> EventLog:
        """
        An :class:`EventLog` from event-log objects (dicts with ``case``, ``at``, ``event``...).
        
            Each record goes through the same validation as a line of a JSON Lines file; the rejects of a
            lenient read name the 1-based position of the record.
            
        """
    @staticmethod
    def from_table(source: typing.Any, mapping: ImportMapping | Mapping[str, typing.Any] | str | Path, strict: bool = False) -> EventLog:
        """
        An EventLog from a network's table (see vaekit.analytics.import_table).
        
            In lenient mode the rejected rows are left out (use import_table to list them).
            
        """
    @staticmethod
    def parse(text: str, source: str = '<string>', strict: bool = True) -> EventLog:
        """
        Parses JSON Lines text (see read).
        """
    @staticmethod
    def read(path: os.PathLike | str | bytes, strict: bool = True) -> EventLog:
        """
        Reads a JSON Lines event log; strict raises vaekit.ParseError at the first bad line, lenient keeps the rejects.
        """
    def __arrow_c_stream__(self, requested_schema: typing.Any = None) -> typing.Any:
        """
        The Arrow C stream PyCapsule of the events, one record batch: case, event, role, antenne, staff, certification dictionary-encoded; at, a timestamp[ms] of the local wall time (a plain date at midnight) with utc_offset (minutes, null for a plain date); the payload fields channel, minutes, to, decision, implicit, funding, result then those of the France VAE era (accompaniment, funding_kind, granted, reason_code, lifted, sex, age_band, employment, qualification, departement, qpv, rqth, months, situation), null where an event does not carry them. The stream holds a copy of the columns.
        """
    def __init__(self) -> None:
        """
        An empty log.
        """
    def __len__(self) -> int:
        """
        Number of events.
        """
    def __repr__(self) -> str:
        """
        Size.
        """
    def conformance(self) -> Table:
        """
        Conformance of each case to the reference pathway (skipped and reordered milestones).
        """
    def directly_follows(self) -> Table:
        """
        The directly-follows graph: from, to, count, mean_days, median_days.
        """
    def event_counts(self) -> dict:
        """
        The number of events of each kind present in the log: a dict {event name: count}, in vocabulary order (one pass over the one-byte kind column).
        """
    def events(self) -> list[Event]:
        """
        The events as vaekit.Event objects (payload fields only).
        """
    def outcome_rates(self, registry: Registry, threshold: typing.SupportsInt | typing.SupportsIndex = 11, by: str = 'certification') -> Table:
        """
        Outcome counts and rates (admissibility_sent, admissible, jury_held, full, partial, refused, absent; admissible_rate, full_rate, partial_rate, refused_rate) by 'certification' (with its level and certifiers from the vaekit.Registry), 'level' or 'certifier'; cases whose code is missing or not in the registry form the 'unknown' group; counts under threshold suppressed (None), with secondary suppression, and their rates withheld.
        """
    def pseudonymised(self, key: typing.Any) -> EventLog:
        """
        The log with keyed pseudonyms for case and staff ids (key: bytes, str or PseudonymKey).
        """
    def report(self, threshold: typing.SupportsInt | typing.SupportsIndex = 11, key: typing.Any = None) -> ActivityReport:
        """
        The activity report (see vaekit.ActivityReport); with `key` (bytes, str or PseudonymKey) its workload names staff by keyed pseudonym, as a published report must.
        """
    def to_ocel(self, path: os.PathLike | str | bytes, *, include_free_text: bool = False, events: collections.abc.Sequence[Event] | None = None) -> None:
        """
        Writes the log as OCEL 2.0 JSON, atomically. Only the event vocabulary's fields; include_free_text and events as in to_xes.
        """
    def to_pandas(self) -> pd.DataFrame:
        """
        The events as a DataFrame (see event_log_to_pandas).
        """
    def to_xes(self, path: os.PathLike | str | bytes, *, include_free_text: bool = False, events: collections.abc.Sequence[Event] | None = None) -> None:
        """
        Writes the log as XES (IEEE 1849), atomically, named by its header's source unless that is a path ('vaekit event log'). Only the event vocabulary's fields; include_free_text=True adds certifier, reason and unknown fields taken from `events` (the same log read with vaekit.read_event_log(...).events).
        """
    def variants(self) -> Table:
        """
        Variants (event sequences of cases) with counts, most frequent first.
        """
    def write(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the log as JSON Lines (event log v1, with a header), atomically.
        """
    @property
    def case_count(self) -> int:
        """
        Number of distinct cases.
        """
    @property
    def is_pseudonymised(self) -> bool:
        """
        Whether the identifiers are keyed pseudonyms.
        """
    @property
    def memory_bytes(self) -> int:
        """
        Bytes held by the columns and string pools.
        """
    @property
    def records_read(self) -> int:
        """
        Records read: len(log) + len(log.rejects).
        """
    @property
    def rejects(self) -> list[Reject]:
        """
        Lines set aside by a lenient read.
        """
class EmploymentIndicators:
    """
    Access to and retention in employment 6 and 12 months after the jury, as published
    (vaekit.employment_indicators): the table and the disclosure control behind it.
    """
    def __repr__(self) -> str:
        """
        Rows and cells withheld.
        """
    def audit(self, protection: typing.SupportsFloat | typing.SupportsIndex | None = None) -> list:
        """
        For each withheld count: the interval an attacker derives from every published cell and relation, its true value (internal) and whether it is safe; dicts {table, row, column, lower, upper, value, safe}.
        """
    @property
    def suppressed(self) -> list:
        """
        The withheld cells as dicts {table, row, column}.
        """
    @property
    def table(self) -> Table:
        """
        The employment table (vaekit.Table): by, value, months, the counts (None: withheld) and response_rate, employment_rate, retention_rate.
        """
class FundingReport:
    """
    The funding mix and the cost per certification obtained, as published (vaekit.funding_report).
    """
    def __repr__(self) -> str:
        """
        Rows.
        """
    def audit(self, protection: typing.SupportsFloat | typing.SupportsIndex | None = None) -> list:
        """
        The interval audit of the withheld counts (see EmploymentIndicators.audit).
        """
    @property
    def cost(self) -> Table:
        """
        The cost per certification obtained (vaekit.Table): certification (None: overall), certified, cases_granted, granted_amount, cost_per_certification.
        """
    @property
    def mix(self) -> Table:
        """
        The funding mix (vaekit.Table): funding, funding_kind (both None on the overall row), cases_requested, cases_granted, requested_hours, requested_amount, granted_hours, granted_amount.
        """
    @property
    def suppressed(self) -> list:
        """
        The withheld cells as dicts {table, row, column}: the counts, then the sums of hours and euros withheld beside them or as complements.
        """
class Antenne:
    """
    One antenne of a simulated network: its id, its share of the arrivals, its counsellors and
    assistants. Scenario.antennes returns copies: assign the edited list back.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Antenne) -> bool:
        """
        Field-wise equality.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __init__(self, id: str, share: typing.SupportsFloat | typing.SupportsIndex, counsellors: typing.SupportsInt | typing.SupportsIndex, assistants: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
        """
        An antenne (share of arrivals in [0, 1]; at least one counsellor and one assistant).
        """
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def assistants(self) -> int:
        """
        Number of assistants.
        """
    @assistants.setter
    def assistants(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def counsellors(self) -> int:
        """
        Number of counsellors.
        """
    @counsellors.setter
    def counsellors(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        Identifier, e.g. 'IDF-75A'.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def share(self) -> float:
        """
        Share of the network's arrivals.
        """
    @share.setter
    def share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class CalibrationTarget:
    """
    A calibration target of a scenario: metric, value, tolerance, source.
    """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def metric(self) -> str:
        """
        Metric name (see simulation_metric_names()).
        """
    @property
    def source(self) -> str:
        """
        Where the value comes from.
        """
    @property
    def tolerance(self) -> float:
        """
        Accepted absolute difference.
        """
    @property
    def value(self) -> float:
        """
        Target value.
        """
class Scenario:
    """
    Every parameter of a simulated counselling network (schema-tagged JSON `Scenario.1`, read
    strictly: an unknown field, a wrong type or shares not summing to 1 raise vaekit.ParseError naming
    the field). Scenario.builtin("idf-2014") is the shipped calibrated scenario. The common knobs are
    properties; any other field can be changed with updated({"jury.wait_days.median": 90}) or through
    to_json()/from_json().
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def builtin(name: str) -> Scenario:
        """
        A shipped scenario by name, e.g. 'idf-2014'; raises vaekit.NotFound.
        """
    @staticmethod
    def builtin_names() -> list[str]:
        """
        The names of the shipped scenarios.
        """
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> Scenario:
        """
        Reads a scenario from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> Scenario:
        """
        Reads a scenario file (JSON, `Scenario.1`).
        """
    def __eq__(self, arg0: Scenario) -> bool:
        """
        Field-wise equality.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def to_dict(self) -> dict[str, typing.Any]:
        """
        The scenario's JSON document as a dict.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this scenario, as text.
        """
    def updated(self, changes: Mapping[str, typing.Any]) -> Scenario:
        """
        A copy with ``changes`` (dotted JSON paths → values) applied and checked strictly.
        """
    def validate(self) -> None:
        """
        Checks every constraint; raises vaekit.InvalidArgument naming the field.
        """
    @property
    def antennes(self) -> list[Antenne]:
        """
        The antennes (copies: assign the edited list back).
        """
    @antennes.setter
    def antennes(self, arg0: collections.abc.Sequence[Antenne]) -> None:
        ...
    @property
    def arrival_process(self) -> str:
        """
        'fixed' (exact monthly counts), 'poisson' (daily Poisson counts) or 'exponential' (homogeneous, for queueing checks).
        """
    @arrival_process.setter
    def arrival_process(self, arg1: str) -> None:
        ...
    @property
    def assistants(self) -> int:
        """
        Assistants of the network.
        """
    @property
    def booking_lead_days(self) -> int:
        """
        Earliest first appointment, in days after reception.
        """
    @booking_lead_days.setter
    def booking_lead_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def calendar(self) -> FrenchCalendar | None:
        """
        Working days (vaekit.FrenchCalendar), or None for a calendar-free queue.
        """
    @calendar.setter
    def calendar(self, arg0: FrenchCalendar | None) -> None:
        ...
    @property
    def case_prefix(self) -> str:
        """
        Prefix of the case ids.
        """
    @case_prefix.setter
    def case_prefix(self, arg0: str) -> None:
        ...
    @property
    def counsellors(self) -> int:
        """
        Counsellors of the network; setting it spreads them over the antennes in proportion.
        """
    @counsellors.setter
    def counsellors(self, arg1: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def first_appointment_hours_per_day(self) -> float:
        """
        Hours a working day each counsellor gives to first appointments.
        """
    @first_appointment_hours_per_day.setter
    def first_appointment_hours_per_day(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def horizon(self) -> Date:
        """
        Last day simulated: later events are cut.
        """
    @horizon.setter
    def horizon(self, arg1: vaekit.Date | datetime.date | str) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Stable identifier.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def no_show(self) -> float:
        """
        Probability of missing the first appointment.
        """
    @no_show.setter
    def no_show(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def period(self) -> DateRange:
        """
        Arrival period (vaekit.DateRange).
        """
    @period.setter
    def period(self, arg0: DateRange) -> None:
        ...
    @property
    def receptions_per_assistant_per_day(self) -> float:
        """
        People one assistant receives a working day (0: unlimited).
        """
    @receptions_per_assistant_per_day.setter
    def receptions_per_assistant_per_day(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def scope(self) -> str:
        """
        'pathway' (reception to jury) or 'first_appointment' (the queue only).
        """
    @scope.setter
    def scope(self, arg1: str) -> None:
        ...
    @property
    def seasonality(self) -> list[float]:
        """
        12 monthly weights of the arrivals.
        """
    @seasonality.setter
    def seasonality(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def targets(self) -> list[CalibrationTarget]:
        """
        Calibration targets.
        """
    @property
    def title(self) -> str:
        """
        Description.
        """
    @title.setter
    def title(self, arg0: str) -> None:
        ...
    @property
    def training_days(self) -> list[Date]:
        """
        Counsellors' professionalisation days (no appointment on these dates).
        """
    @training_days.setter
    def training_days(self, arg1: collections.abc.Sequence[vaekit.Date | datetime.date | str]) -> None:
        ...
    @property
    def yearly_volume(self) -> float:
        """
        Expected people received per year (network).
        """
    @yearly_volume.setter
    def yearly_volume(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class CounsellorLoad:
    """
    First-appointment workload of one counsellor over the arrival period.
    """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def antenne(self) -> str:
        """
        Antenne id.
        """
    @property
    def appointments(self) -> int:
        """
        First appointments started in the period.
        """
    @property
    def available_hours(self) -> float:
        """
        Hours offered for first appointments.
        """
    @property
    def busy_hours(self) -> float:
        """
        Hours of those appointments.
        """
    @property
    def staff(self) -> str:
        """
        Staff id, e.g. 'CO07'.
        """
    @property
    def utilisation(self) -> float:
        """
        busy_hours / available_hours.
        """
class QueueStats:
    """
    Statistics of the first-appointment queue: the wait of each person (days), per-counsellor
    utilisation. to_pandas() gives the counsellors' table, waits_to_pandas() one row per person.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: QueueStats) -> bool:
        """
        Field-wise equality.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def probability_of_wait(self, threshold: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> float:
        """
        Share of people whose wait exceeds threshold days.
        """
    def quantile(self, q: typing.SupportsFloat | typing.SupportsIndex) -> float:
        """
        The q quantile of the waits (linear interpolation).
        """
    def to_pandas(self) -> pd.DataFrame:
        """
        The counsellors' first-appointment workload, one row per counsellor.
        """
    def to_table(self) -> Table:
        """
        The counsellors' first-appointment workload as a vaekit.Table, one row per counsellor.
        """
    def waits_table(self) -> Table:
        """
        One row per person given a first appointment (case, wait_days) as a vaekit.Table.
        """
    def waits_to_pandas(self) -> pd.DataFrame:
        """
        One row per person given a first appointment: case index and wait in days.
        """
    @property
    def arrivals(self) -> int:
        """
        People who came (received or not).
        """
    @property
    def counsellors(self) -> list[CounsellorLoad]:
        """
        Per counsellor (vaekit.CounsellorLoad).
        """
    @property
    def mean_reception_delay(self) -> float:
        """
        Mean days between contact and reception (assistants' backlog).
        """
    @property
    def mean_utilisation(self) -> float:
        """
        Mean utilisation of the counsellors.
        """
    @property
    def mean_wait(self) -> float:
        """
        Mean wait in days.
        """
    @property
    def served(self) -> int:
        """
        Number of waits.
        """
    @property
    def unserved(self) -> int:
        """
        People without an appointment before the horizon.
        """
    @property
    def wait_case(self) -> numpy.typing.NDArray[numpy.uint32]:
        """
        Case index (into the log's cases) of each wait (numpy array).
        """
    @property
    def waits(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Wait of each person given an appointment, in days (numpy array, case order).
        """
class TargetCheck:
    """
    A calibration target checked against a run.
    """
    def __getstate__(self) -> tuple[str]:
        ...
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def measured(self) -> float:
        """
        The value measured on the run.
        """
    @property
    def metric(self) -> str:
        """
        Metric name.
        """
    @property
    def ok(self) -> bool:
        """
        Whether |measured - target| <= tolerance.
        """
    @property
    def source(self) -> str:
        """
        Source of the target.
        """
    @property
    def target(self) -> float:
        """
        Target value.
        """
    @property
    def tolerance(self) -> float:
        """
        Tolerance.
        """
class SimulationResult:
    """
    The outcome of vaekit.simulate(): .log (a vaekit.EventLog, the event log v1 as columns, ready for
    every report), .queue (vaekit.QueueStats), .metrics (dict), check_targets(), write_jsonl(path).
    Pickles through its JSON form (scenario, seed, log columns, queue, metrics).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(text: str, source: str = '<string>') -> SimulationResult:
        """
        Reads a simulation result from its JSON document (older schema versions are upgraded); `source` names the input in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).
        """
    def __eq__(self, arg0: SimulationResult) -> bool:
        """
        Field-wise equality.
        """
    def __getstate__(self) -> tuple[str]:
        ...
    def __len__(self) -> int:
        """
        Number of events.
        """
    def __repr__(self) -> str:
        """
        Short description.
        """
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def check_targets(self) -> list[TargetCheck]:
        """
        The scenario's calibration targets checked against this run.
        """
    def event(self, i: typing.SupportsInt | typing.SupportsIndex) -> Event:
        """
        Event i with every data field (vaekit.Event).
        """
    def metric(self, name: str) -> float:
        """
        One metric; raises vaekit.NotFound.
        """
    def targets_table(self) -> Table:
        """
        The calibration targets with the measured values as a vaekit.Table (metric, target, tolerance, measured, ok, source).
        """
    def targets_to_pandas(self) -> pd.DataFrame:
        """
        The calibration targets against the measured values, one row per target.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The schema-tagged JSON document of this simulation result, as text.
        """
    def to_jsonl(self) -> str:
        """
        The log as JSON Lines text (event log v1 with a header).
        """
    def write_jsonl(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the log as JSON Lines (event log v1, every data field), atomically.
        """
    @property
    def log(self) -> EventLog:
        """
        The event log (vaekit.EventLog; empty when record_log=False).
        """
    @property
    def metrics(self) -> dict[str, float]:
        """
        The run's metrics by name.
        """
    @property
    def queue(self) -> QueueStats:
        """
        The first-appointment queue statistics.
        """
    @property
    def scenario(self) -> Scenario:
        """
        The scenario run (with the training days used).
        """
    @property
    def seed(self) -> int:
        """
        The seed.
        """
def age_on(birth: vaekit.Date | datetime.date | str, on: vaekit.Date | datetime.date | str) -> int:
    """
    Age in full years on a date of a person born on ``birth``.
    """
def aggregate_ballots(topics: collections.abc.Sequence[str], ballots: collections.abc.Sequence[Ballot], rule: AggregationRule = ...) -> list[TopicPriority]:
    """
    Priorities of the topics (ids) under the rule.
    """
def aggregate_evaluations(source: typing.Any, evaluations: EvaluationRecord, grouping: EvaluationGrouping = ..., *, attendance: AttendanceRecord | None = None, sessions: collections.abc.Sequence[Session] | None = None) -> list[EvaluationAggregate]:
    """
    Count, mean, distribution and response rate of the trainees' scale answers per group, timing and question; free text never enters. With attendance, the expected respondents are the attendees. ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given.
    """
def aggregates_table(aggregates: collections.abc.Sequence[EvaluationAggregate]) -> Table:
    """
    Evaluation aggregates as a vaekit.Table; the distribution split into n1..n5.
    """
def attendance_report(source: typing.Any, attendance: AttendanceRecord, *, sessions: collections.abc.Sequence[Session] | None = None, as_of: vaekit.Date | datetime.date | str | None = None) -> AttendanceReport:
    """
    Attendance rates (attended / planned hours) per person, session and audience. ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given. Only sessions on or before as_of are planned.
    """
def audit_publications(earlier: PublishedReport, later: PublishedReport, protection: typing.SupportsFloat | typing.SupportsIndex = 2.0) -> list:
    """
    Audits two publications of nested logs (e.g. November and December year-to-date): the interval an attacker derives for every small increase between them (label with 'increase': True) and every withheld cell, as PublishedReport.audit.
    """
def build_admissibility_request(case: Case, candidate: Candidate, experiences: collections.abc.Sequence[Experience], on: vaekit.Date | datetime.date | str, registry: Registry = None, partial: bool = False, blocks: collections.abc.Sequence[str] = [], rome: RomeCatalog = None, sworn_statement: bool = False, supporting_documents: collections.abc.Sequence[str] = []) -> AdmissibilityRequest:
    """
    Builds the admissibility request (Cerfa 12818) of ``case`` from the ``candidate`` record
    (which must list the case) and the experiences. With ``registry`` the certification's title, level,
    certifier, blocks and ROME codes come from the fiche and the relevance of each experience is
    checked (vaekit.relevance; ``rome`` a vaekit.RomeCatalog for the ROME v3 parent), with the
    registration on ``on`` and the regime's minimum of experience (both part of completeness);
    ``partial=True`` with ``blocks`` seeks only those skill blocks. ``sworn_statement=True`` records
    the signed sworn statement on the quotas (R335-7: required, else ``sworn_statement_missing``);
    ``supporting_documents`` lists the documents attached.
    """
def case_impacts(registry: Registry, pairs: collections.abc.Sequence[tuple[str, str]]) -> list[CaseImpact]:
    """
    The (case_id, code) pairs whose target is not available in `registry`, with offers.
    """
def cell_key(key: typing.Any, key_sum: typing.SupportsInt | typing.SupportsIndex) -> float:
    """
    The cell key in [0, 1) of a cell whose record keys sum to key_sum (mod 2**64), under a publication key (bytes, str or None).
    """
def check_attendance(source: typing.Any, attendance: AttendanceRecord, *, sessions: collections.abc.Sequence[Session] | None = None, as_of: vaekit.Date | datetime.date | str | None = None) -> list[RecordIssue]:
    """
    Every issue of the attendance record (errors and warnings). ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given. Missing entries are warned for sessions on or before as_of.
    """
def check_evaluations(source: typing.Any, evaluations: EvaluationRecord, *, sessions: collections.abc.Sequence[Session] | None = None) -> list[RecordIssue]:
    """
    Every issue of the evaluation record. ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given.
    """
def check_qualification(member: str, role: StaffRole, profile: StaffProfile | None, requirements: QualificationRequirements = ..., training_hours: typing.SupportsFloat | typing.SupportsIndex | None = None) -> QualificationCheck:
    """
    One member's profile (or None) checked against the requirements.
    """
def check_staff(source: typing.Any, staff: StaffRegister, records: collections.abc.Sequence[StaffTrainingRecord] = []) -> list[QualificationCheck]:
    """
    Every programme member checked against the register's requirements, with the gaps in French.
    """
def completion_certificates(source: typing.Any, attendance: AttendanceRecord, *, sessions: collections.abc.Sequence[Session] | None = None, organisation: str = 'Défi métiers', action: str = '', nature: str = 'action de formation', issued: vaekit.Date | datetime.date | str | None = None, as_of: vaekit.Date | datetime.date | str | None = None) -> list[CompletionCertificate]:
    """
    One certificat de réalisation per member with proven hours (action defaults to the programme's title). ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given.
    """
def counts_as_attended(presence: Presence) -> bool:
    """
    Whether a half-day with this presence is attended: present or remote (Code du travail R6313-3: remote attendance counts); absent and excused are not.
    """
def covered_days(ranges: collections.abc.Sequence[DateRange]) -> int:
    """
    The number of distinct days the ranges cover, each day counted once.
    """
def eligibility(experiences: collections.abc.Sequence[Experience], on: vaekit.Date | datetime.date | str, certification: typing.Any = None, registry: typing.Any = None, regimes: RegimeSet = None, rome: RomeCatalog = None) -> EligibilityResult:
    """
    Eligibility to VAE on a date under the regime in force, counted exactly.
    
    Relevance (vaekit's one rule, shared with suggestions, orientation and the admissibility request):
    ``related`` where given, else the experience's ROME code is one of the certification's, or shares
    its ROME v3 parent (with a ``rome`` vaekit.RomeCatalog), or is one of a certification it replaces
    (with ``registry``); each count's ``link`` says which. Without a certification relevance is not
    checked. Concurrent activities count at most 48 h a week (Code du travail L3121-20); the same
    period entered twice counts once. Returns a vaekit.EligibilityResult.
    """
def employment_cases(events: typing.Any, as_of: vaekit.Date | datetime.date | str | None = None) -> Table:
    """
    The per-case facts behind vaekit.employment_indicators (internal: names cases): case, outcome, certification, jury_date, employed_before, due_6m, situation_6m, due_12m, situation_12m.
    """
def employment_indicators(events: typing.Any, by: collections.abc.Sequence[str] = ['outcome'], as_of: vaekit.Date | datetime.date | str | None = None, *, method: str = 'cell-key', threshold: typing.SupportsInt | typing.SupportsIndex = 11, key: typing.Any = None, max_deviation: typing.SupportsInt | typing.SupportsIndex = 2, variance: typing.SupportsFloat | typing.SupportsIndex = 1.0, protection: typing.SupportsFloat | typing.SupportsIndex = 2.0) -> EmploymentIndicators:
    """
    Employment 6 and 12 months after the jury (a vaekit.EmploymentIndicators) from `events` (vaekit.read_event_log(path), its .events, or a columnar vaekit.EventLog, which keeps the follow-ups and the coded profile), grouped by each name of `by` ('outcome', 'certification' or a profile attribute: sex, age_band, employment, qualification, departement, qpv, rqth) beside the overall rows; follow-ups are due by `as_of` (default: the latest event date). Published like vaekit.ActivityReport.publish: method 'cell-key' (default), 'suppression' or 'none' (threshold 0: exact figures), the secret publication `key` (bytes or str), max_deviation and variance of the perturbation table, protection level of the audit.
    """
def event_vocabulary() -> list:
    """
    The data fields of the event log v1 (the vocabulary table, one dict per field, in the order of the columns): name, type ('enumeration', 'date', 'integer', 'number', 'boolean', 'text', 'text_list'), values (the allowed names of an enumeration), events (that carry it), required (events that require it), only_on_events (refused on other events), min and max (integer and number, else None), step (integer: the value is min plus a multiple of it, else None), free_text, personal, payload (how the columnar EventLog keeps it: 'none', 'value', 'flag') and meaning.
    """
def event_vocabulary_markdown() -> str:
    """
    The Markdown tables of docs/formats/event-log.md (events and data fields), generated from the vocabulary table.
    """
def evidence_suffices(presence: Presence, evidence: EvidenceKind) -> bool:
    """
    Whether the evidence proves the presence: a signed sheet in person, a call or connection log remotely.
    """
def free_text_fields(event: Event) -> list[tuple[str, str]]:
    """
    The free-text and unknown fields of a vaekit.Event as (name, value) strings: certifier, reason, data.NAME for unknown data fields, NAME for unknown top-level fields. Analysis exports leave them out unless include_free_text is asked.
    """
def funding_body_label(date: vaekit.Date | datetime.date | str) -> str:
    """
    'OPCA' before 1 April 2019, 'OPCO' from that day.
    """
def funding_by_case(events: typing.Any) -> Table:
    """
    Per case, funder and funding kind (internal: names cases): requests, decisions, granted, requested_hours, requested_amount, granted_hours, granted_amount, from `events` (vaekit.read_event_log(path) or its .events: amounts are not in the columnar log).
    """
def funding_report(events: typing.Any, *, method: str = 'cell-key', threshold: typing.SupportsInt | typing.SupportsIndex = 11, key: typing.Any = None, max_deviation: typing.SupportsInt | typing.SupportsIndex = 2, variance: typing.SupportsFloat | typing.SupportsIndex = 1.0, protection: typing.SupportsFloat | typing.SupportsIndex = 2.0) -> FundingReport:
    """
    The funding mix by funder and kind and the cost per certification obtained (a vaekit.FundingReport) from `events` (vaekit.read_event_log(path) or its .events). Published like vaekit.ActivityReport.publish: method 'cell-key' (default), 'suppression' or 'none' (threshold 0: exact figures), the secret publication `key` (bytes or str), max_deviation and variance of the perturbation table, protection level of the audit.
    """
def make_plan(programme: Programme, sessions: collections.abc.Sequence[Session], constraints: ScheduleConstraints = ...) -> Plan:
    """
    A hand-made plan, with its objective evaluated.
    """
def normalize_words(text: str) -> list[str]:
    """
    The search normalisation of every vaekit search (registry, community): NFKD, case
    folding, marks removed, oe/ae ligatures spelt out, punctuation as separators.
    """
def orientation_event(to: str, at: vaekit.Date | datetime.date | str, staff: str = '') -> Event:
    """
    The ``oriented`` event recording the counsellor's decision (role counsellor), for Case.record_event.
    """
def parse_case_states(text: str, strict: bool = True, source: str = '<string>') -> CaseStates:
    """
    Replays an event log v1 given as text into case states (see read_case_states).
    """
def parse_event_log(text: str, strict: bool = True, source: str = '<string>') -> EventRecords:
    """
    Parses an event log v1 from text.
    """
def quality_evidence_index(source: typing.Any, year: typing.SupportsInt | typing.SupportsIndex, *, attendance: AttendanceRecord | None = None, evaluations: EvaluationRecord | None = None, staff: StaffRegister | None = None, sessions: collections.abc.Sequence[Session] | None = None, as_of: vaekit.Date | datetime.date | str | None = None) -> QualityEvidenceIndex:
    """
    Per Qualiopi indicator (2, 11, 12, 22, 30), the evidence records present for the year (sessions held on or before as_of) and what is missing. ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given.
    """
def read_case_states(path: os.PathLike | str | bytes, strict: bool = True) -> CaseStates:
    """
    Replays an event-log file into case states (vaekit.CaseStates) without keeping the events; strict raises vaekit.ParseError or vaekit.TransitionError at the first bad line, lenient collects rejects.
    """
def read_event_log(path: os.PathLike | str | bytes, strict: bool = True) -> EventRecords:
    """
    Reads an event log v1 (JSON Lines); strict raises vaekit.ParseError at the first bad line, lenient collects rejects.
    """
def record_key(id: str) -> int:
    """
    The fixed 64-bit record key of a record identifier (the cell-key method).
    """
def registry_changes(old: Registry, new: Registry) -> RegistryChanges:
    """
    What changed from snapshot `old` to snapshot `new`.
    """
def replan(plan: Plan, change: PlanChange) -> Plan:
    """
    Re-plans after the change with the fewest moved sessions.
    """
def schedule(programme: Programme, constraints: ScheduleConstraints = ...) -> Plan:
    """
    Plans the commissioned days exactly (CBC MIP); raises vaekit.InfeasibleError with explanations.
    """
def schedule_model(programme: Programme, constraints: ScheduleConstraints = ...) -> typing.Any:
    """
    The MIP's data (candidates, months, constraint numbers) as a dict, for peer solvers.
    """
def simulate(scenario: Scenario, *, seed: typing.SupportsInt | typing.SupportsIndex = 1, training_days: collections.abc.Sequence[vaekit.Date | datetime.date | str] | None = None, record_log: bool = True) -> SimulationResult:
    """
    Runs a scenario (the GIL is released). Same scenario and seed, same log bit for bit.
    training_days (dates) replaces the scenario's professionalisation days, e.g. a training Plan's
    dates; record_log=False skips the event log (statistics only, faster).
    """
def simulation_metric_names() -> list[str]:
    """
    The metric names a run reports and targets may name.
    """
def staff_training_records(source: typing.Any, attendance: AttendanceRecord, staff: StaffRegister, year: typing.SupportsInt | typing.SupportsIndex, *, sessions: collections.abc.Sequence[Session] | None = None) -> list[StaffTrainingRecord]:
    """
    Each member's training hours in the year (attendance + declared). ``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its sessions); ``sessions`` replaces the sessions when given.
    """
def suggest_certifications(experiences: collections.abc.Sequence[Experience], registry: Registry, on: vaekit.Date | datetime.date | str, diploma_level: typing.SupportsInt | typing.SupportsIndex | None = None, rome: RomeCatalog = None, levels_below: typing.SupportsInt | typing.SupportsIndex = 0, levels_above: typing.SupportsInt | typing.SupportsIndex = 2, include_without_level: bool = True, follow_replacements: bool = True, use_rome_parent: bool = True, require_registered_on_date: bool = False, limit: typing.SupportsInt | typing.SupportsIndex = 0, regimes: RegimeSet = None, level_filter: bool = False) -> SuggestionResult:
    """
    Ranks the active, VAE-accessible certifications of ``registry`` for a person.
    
    ``experiences``: vaekit.Experience with ROME codes (hours counted as eligibility counts them on
    ``on``); ``diploma_level``: the highest EU level held (1-8; None: no level filter; 2 for no
    diploma). A certification matches when it lists one of the person's ROME codes (exact) or, with a
    ``rome`` vaekit.RomeCatalog, a code of the same ROME v3 parent (shared_parent). Closed
    certifications (not registered on ``on`` or closed to VAE) are replaced by their successors open to
    VAE on ``on``. Relevance and hours are those of vaekit.eligibility with the certification's target.
    Preferred levels: [diploma_level - levels_below, diploma_level + levels_above], closest first;
    levels outside come after them (VAE has no level condition) unless ``level_filter=True`` leaves
    them out. Ranking: exact before shared parent, then level (preferred first, closest first; no level
    last), then more hours, then code. Returns a
    vaekit.SuggestionResult.
    """
def suggest_orientation(experiences: collections.abc.Sequence[Experience], on: vaekit.Date | datetime.date | str, certification: typing.Any = None, registry: typing.Any = None, wants_higher_education: bool = False, project_clear: bool = True, age: typing.SupportsInt | typing.SupportsIndex | None = None, birth_date: typing.Any = None, left_initial_education_on: typing.Any = None, vap_min_age: typing.SupportsInt | typing.SupportsIndex = 20, vap_min_years_out_of_studies: typing.SupportsInt | typing.SupportsIndex = 2, skills_assessment_max_hours: typing.SupportsInt | typing.SupportsIndex = 24, regimes: RegimeSet = None, rome: RomeCatalog = None) -> OrientationAdvice:
    """
    Suggests orientations on ``on``: bilan de compétences first when the project is unclear
    (L6313-4, at most 24 h); VAP 85 when entering higher education, if at least 20 years old and out
    of initial studies for at least 2 years (décret of 23 Aug 1985); VAE when eligible, else training
    (experience too short or unrelated). Relevance and the registration on the date are those of
    vaekit.certification_target (a code with ``registry``; ``rome`` a vaekit.RomeCatalog for the ROME
    v3 parent): a certification closed on the date is no VAE target unless a successor open to VAE is
    offered. Age and dates are inputs only (``age`` or ``birth_date``),
    never stored. The counsellor's decision is then recorded as the ``oriented`` event. Returns a
    vaekit.OrientationAdvice.
    """
def topic_priorities(programme: Programme, constraints: ScheduleConstraints) -> list[float]:
    """
    The priority of every proposal (proposal order) the scheduler's objective uses: the ballots' aggregate, weighted per audience unless the constraints say per head.
    """
def training_hours(attendance: AttendanceRecord) -> Table:
    """
    Hours and distinct days attended per member (present or remote half-days), sorted by member: a vaekit.Table 'training_hours' (member, hours, days).
    """
def training_indicators(attendance: AttendanceRecord, evaluations: EvaluationRecord = None, staff: StaffRegister = None, *, min_days: typing.SupportsInt | typing.SupportsIndex = 12, of_days: typing.SupportsInt | typing.SupportsIndex = 16, question: str | None = None) -> Table:
    """
    The training indicators as a vaekit.Table 'training_indicators' (indicator, value, unit; value None when undefined): staff (the staff register's members when given, else those found in attendance), hours, hours_per_person, share_at_least_{min_days}_of_{of_days}_days; with evaluations also satisfaction_hot, satisfaction_cold (mean scale score, of `question` only when given), responses_hot, responses_cold. vaekit.InvalidArgument unless 0 <= min_days <= of_days and of_days > 0.
    """
def transition_table() -> list:
    """
    The transition table as a list of dicts (from, event, when, to, roles, guard, note, era: 'any', 'vae_2017' or 'france_vae').
    """
def union_of(ranges: collections.abc.Sequence[DateRange]) -> list[DateRange]:
    """
    The union of date ranges as sorted, disjoint ranges (touching ranges merge).
    """
def validate_plan(plan: Plan, constraints: ScheduleConstraints | None = None) -> list[Violation]:
    """
    Every violated hard constraint (under the plan's own rules unless others are given).
    """
def what_is_due(cases: collections.abc.Sequence[Case], on: vaekit.Date | datetime.date | str, candidates: collections.abc.Sequence[Candidate] = []) -> list[DueItem]:
    """
    What is due over a network of cases on a date (candidates link cases for the quota checks).
    """
def write_event_log(path: os.PathLike | str | bytes, events: collections.abc.Sequence[Event], source: str | None = None) -> None:
    """
    Writes events as an event log v1, atomically (with a header when source is given).
    """
def write_file_atomic(path: str, content: typing.Any) -> None:
    """
    Writes text (UTF-8) or bytes to path atomically: a temporary file beside it is written,
    fsync'ed and renamed over it; readers never see a partial file.
    """
__version__: str = '0.1.0'
export_data_fields: tuple = ('channel', 'date', 'minutes', 'to', 'decision', 'implicit', 'funding', 'hours', 'result', 'accompaniment', 'individual_hours', 'collective_hours', 'training_hours', 'funding_kind', 'amount', 'granted', 'reason_code', 'lifted', 'sex', 'age_band', 'employment', 'qualification', 'departement', 'qpv', 'rqth', 'months', 'situation')
