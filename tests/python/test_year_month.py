"""vaekit.YearMonth: the year-month value type of core, and "2025-03" where a month is taken."""

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vaekit
from vaekit import YearMonth

months = st.builds(YearMonth.from_string, st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"))


def test_fields_text_and_days() -> None:
    m = YearMonth(2024, 2)
    assert (m.year, m.month, m.days) == (2024, 2, 29)
    assert str(m) == "2024-02" and repr(m) == "vaekit.YearMonth(2024, 2)"
    assert m.first_day == vaekit.Date(2024, 2, 1) and m.last_day == vaekit.Date(2024, 2, 29)
    assert YearMonth("2025-03") == YearMonth(2025, 3)
    assert YearMonth.of(dt.date(2025, 3, 31)) == YearMonth(2025, 3)
    assert "2025-03-15" in YearMonth(2025, 3)
    assert YearMonth(2024, 12) + 1 == YearMonth(2025, 1)
    assert YearMonth(2025, 1) - 1 == YearMonth(2024, 12)
    assert YearMonth(2025, 2) - YearMonth(2024, 11) == 3
    assert pickle.loads(pickle.dumps(m)) == m
    assert len({YearMonth(2025, 3), YearMonth("2025-03")}) == 1


def test_a_string_is_accepted_where_a_month_is_taken() -> None:
    assert YearMonth(2025, 1).months_until("2025-03") == 2


@pytest.mark.parametrize("bad", ["2025-3", "2025-13", "0000-01", "2025/03", ""])
def test_bad_text_raises_invalid_argument(bad: str) -> None:
    with pytest.raises(vaekit.InvalidArgument, match="YYYY-MM"):
        YearMonth.from_string(bad)


def test_bad_fields_raise() -> None:
    with pytest.raises(vaekit.InvalidArgument):
        YearMonth(2025, 13)
    with pytest.raises(vaekit.OutOfRange):
        YearMonth(9999, 12) + 1


@given(months, months)
def test_laws(a: YearMonth, b: YearMonth) -> None:
    assert YearMonth.from_string(str(a)) == a
    assert a.plus_months(a.months_until(b)) == b
    assert (a < b) == (a.first_day < b.first_day)
