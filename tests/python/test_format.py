"""French number formatting, written once (vaekit.core.format; issue #13)."""

from hypothesis import given
from hypothesis import strategies as st

from vaekit.core.format import NARROW_NO_BREAK_SPACE as NNBSP
from vaekit.core.format import format_number, format_percent


def test_hand_worked_cases() -> None:
    # French typography: decimal comma, thousands grouped by a narrow no-break space.
    assert format_number(1.5) == "1,50"
    assert format_number(1.5, trim=True) == "1,5"
    assert format_number(7.0, trim=True) == "7"
    assert format_number(0.25, trim=True) == "0,25"
    assert format_number(1234.5, grouping=True) == f"1{NNBSP}234,50"
    assert format_number(1607, grouping=True) == f"1{NNBSP}607"
    assert format_number(10**20, grouping=True).count(NNBSP) == 6
    assert format_percent(0.875) == "87,5 %"
    assert format_percent(6 / 7) == "85,7 %"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_reads_back_as_the_rounded_number(x: float) -> None:
    text = format_number(x, 2, grouping=True, trim=True)
    assert "." not in text
    assert float(text.replace(NNBSP, "").replace(",", ".")) == float(f"{x:.2f}")
