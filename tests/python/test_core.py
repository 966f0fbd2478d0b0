"""Core value types: Date, DateRange, FrenchCalendar, errors, JSON documents, pickling."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import pickle
import re
from pathlib import Path

import pytest
from dateutil.easter import EASTER_WESTERN, easter
from hypothesis import given
from hypothesis import strategies as st

import vaekit

ROOT = Path(__file__).resolve().parents[2]

dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def oracle_holidays(year: int, alsace: bool) -> list[dt.date]:
    """Independent oracle: python-dateutil's Easter plus the fixed dates of domain.md §4."""
    e = easter(year, EASTER_WESTERN)
    days = [
        dt.date(year, 1, 1),
        e + dt.timedelta(days=1),
        dt.date(year, 5, 1),
        dt.date(year, 5, 8),
        e + dt.timedelta(days=39),
        dt.date(year, 7, 14),
        dt.date(year, 8, 15),
        dt.date(year, 11, 1),
        dt.date(year, 11, 11),
        dt.date(year, 12, 25),
    ]
    if not 2005 <= year <= 2007:
        days.append(e + dt.timedelta(days=50))
    if alsace:
        days += [e - dt.timedelta(days=2), dt.date(year, 12, 26)]
    return sorted(days)


@pytest.mark.parametrize("region", ["metropolitan", "alsace_moselle"])
def test_holidays_match_dateutil_oracle_1982_to_2200(region: str) -> None:
    cal = vaekit.FrenchCalendar(region)
    for year in range(1982, 2201):
        got = [h.date.to_date() for h in cal.holidays(year)]
        assert got == oracle_holidays(year, region == "alsace_moselle"), year
        for d in got:
            assert cal.is_holiday(d)
            assert not cal.is_working_day(d)
        assert cal.easter_sunday(year).to_date() == easter(year, EASTER_WESTERN)


def test_before_1982_is_refused() -> None:
    cal = vaekit.FrenchCalendar()
    with pytest.raises(vaekit.OutOfRange):
        cal.holidays(1981)
    with pytest.raises(ValueError):  # OutOfRange is also a ValueError
        cal.is_working_day("1975-06-02")


@given(dates)
def test_parse_format_round_trip(d: dt.date) -> None:
    v = vaekit.Date(d)
    assert vaekit.Date.parse(str(v)) == v
    assert str(v) == d.isoformat()
    assert v.to_date() == d
    assert v.weekday.value == d.isoweekday()


@given(dates, st.integers(min_value=-100_000, max_value=100_000))
def test_add_then_subtract(d: dt.date, n: int) -> None:
    v = vaekit.Date(d)
    try:
        w = v + n
    except vaekit.OutOfRange:
        return
    assert w - v == n
    assert w - n == v


@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.integers(0, 90)),
        max_size=15,
    )
)
def test_union_length_is_the_number_of_distinct_days(spans: list[tuple[int, int]]) -> None:
    base = vaekit.Date(2020, 1, 1)
    ranges = [vaekit.DateRange(base + a, base + a + n) for a, n in spans]
    days = {base + a + k for a, n in spans for k in range(n + 1)}
    union = vaekit.union_of(ranges)
    assert vaekit.covered_days(ranges) == len(days) == sum(r.days for r in union)
    for left, right in zip(union, union[1:]):
        assert right.first - left.last > 1


@pytest.mark.parametrize(
    "text",
    ["2017-02-30", "2017-13-01", "17-1-1", "", "2017/01/01", "2017-1-01", "9" * (10 * 1024 * 1024)],
)
def test_malformed_dates_raise_parse_error_naming_the_input(text: str) -> None:
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.Date.parse(text, "candidats.csv")
    err = info.value
    assert isinstance(err, vaekit.Error)
    assert err.code == "parse"
    assert err.source == "candidats.csv"
    assert "candidats.csv" in str(err)
    assert len(str(err)) < 200
    if text and len(text) < 50:
        assert text in str(err)


def test_parse_error_reports_the_column() -> None:
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.Date.parse("2017-13-01")
    assert info.value.column == 6
    assert info.value.line is None


def test_invalid_fields_raise_invalid_argument() -> None:
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.Date(2017, 2, 29)
    with pytest.raises(ValueError):
        vaekit.DateRange("2017-02-01", "2017-01-01")


def test_pickling_of_every_value_type() -> None:
    d = vaekit.Date(2017, 10, 1)
    assert pickle.loads(pickle.dumps(d)) == d
    r = vaekit.DateRange("2017-01-01", "2017-12-31")
    assert pickle.loads(pickle.dumps(r)) == r
    cal = vaekit.FrenchCalendar("alsace_moselle")
    cal.add_closure(vaekit.DateRange("2024-08-05", "2024-08-23"), "fermeture estivale")
    again = pickle.loads(pickle.dumps(cal))
    assert again == cal
    assert again.is_closed("2024-08-12")


def test_dates_accepted_in_three_forms() -> None:
    cal = vaekit.FrenchCalendar()
    for d in (vaekit.Date(2024, 5, 1), dt.date(2024, 5, 1), "2024-05-01"):
        assert cal.is_holiday(d)
        assert cal.holiday_name(d) == "Fête du Travail"
    assert vaekit.DateRange(dt.date(2024, 1, 1), "2024-12-31").days == 366
    with pytest.raises(TypeError):
        cal.is_holiday(dt.datetime(2024, 5, 1, 12, 0))  # a date-time is not silently truncated


def test_date_range_behaviour() -> None:
    r = vaekit.DateRange("2017-01-01", "2017-12-31")
    assert len(r) == 365 == r.days
    assert "2017-06-30" in r
    assert vaekit.Date(2018, 1, 1) not in r
    b = vaekit.DateRange("2017-12-31", "2018-02-01")
    assert r.overlaps(b)
    assert r.intersection(b) == vaekit.DateRange.single(vaekit.Date(2017, 12, 31))
    assert r.intersection(vaekit.DateRange("2018-01-01", "2018-01-01")) is None
    assert list(vaekit.DateRange("2024-02-28", "2024-03-01")) == [
        vaekit.Date(2024, 2, 28),
        vaekit.Date(2024, 2, 29),
        vaekit.Date(2024, 3, 1),
    ]
    assert repr(r) == "vaekit.DateRange('2017-01-01', '2017-12-31')"


def test_working_days() -> None:
    cal = vaekit.FrenchCalendar()
    may = cal.working_days(vaekit.DateRange("2024-05-01", "2024-05-31"))
    assert len(may) == 19
    assert cal.add_working_days("2024-05-03", 3) == vaekit.Date(2024, 5, 10)
    assert cal.working_days_between("2024-05-03", "2024-05-10") == 3
    cal.add_closure(vaekit.DateRange("2024-12-23", "2024-12-31"), "fermeture")
    assert cal.next_working_day("2024-12-21") == vaekit.Date(2025, 1, 2)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2150, 12, 31)), st.integers(-300, 300))
def test_working_days_between_inverts_add(d: dt.date, n: int) -> None:
    cal = vaekit.FrenchCalendar()
    target = cal.add_working_days(d, n)
    assert cal.working_days_between(d, target) == n


def test_calendar_document_round_trip_and_schema_errors(test_data: Path) -> None:
    cal = vaekit.FrenchCalendar.from_json(
        (test_data / "schemas" / "FrenchCalendar.1.json").read_text(encoding="utf-8")
    )
    assert cal.closures[0].reason == "fermeture de fin d'année"
    assert vaekit.FrenchCalendar.from_json(cal.to_json()) == cal
    with pytest.raises(vaekit.SchemaError) as info:
        vaekit.FrenchCalendar.from_json('{"schema": "FrenchCalendar.9", "region": "metropolitan"}')
    assert "upgrade vaekit" in str(info.value)
    assert info.value.field == "schema"
    with pytest.raises(vaekit.ParseError) as info2:
        vaekit.FrenchCalendar.from_json('{"schema": "FrenchCalendar.1",\n "region": }')
    assert info2.value.line == 2


def test_version_is_the_cmake_project_version() -> None:
    cmake = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(vaekit VERSION ([0-9.]+)", cmake)
    assert m is not None
    assert vaekit.__version__ == m.group(1) == importlib.metadata.version("vaekit")


def test_errors_are_one_hierarchy() -> None:
    for name in (
        "ParseError",
        "SchemaError",
        "InvalidArgument",
        "OutOfRange",
        "NotFound",
        "IoError",
    ):
        assert issubclass(getattr(vaekit, name), vaekit.Error)
    assert issubclass(vaekit.SchemaError, vaekit.ParseError)
    assert issubclass(vaekit.NotFound, KeyError)
    assert issubclass(vaekit.IoError, OSError)
