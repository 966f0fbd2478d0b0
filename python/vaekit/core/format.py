"""French number formatting, written once for every text vaekit prints.

The decimal separator is a comma (``1,5``), digits are grouped by three with a narrow no-break
space (U+202F, ``1\u202f607``) where asked, and a percentage is followed by `` %``. Hand-written:
the standard library's ``locale`` depends on the locales installed on the machine and is
process-wide; Babel (which a later change may adopt) is not a dependency of the core package.
"""

from __future__ import annotations

__all__ = ["NARROW_NO_BREAK_SPACE", "format_number", "format_percent"]

NARROW_NO_BREAK_SPACE = "\u202f"
"""The digit group separator of French typography."""


def format_number(
    value: float, decimals: int = 2, *, trim: bool = False, grouping: bool = False
) -> str:
    """``value`` written the French way: a decimal comma and ``decimals`` decimals.

    ``trim`` drops trailing zeros and a bare comma (``7`` rather than ``7,00``; ``0,25``);
    ``grouping`` separates thousands with a narrow no-break space (``1\u202f234,50``). An ``int``
    is written without decimals, exactly, however large.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}" if grouping else str(value)
    else:
        text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
        if trim and "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(",", NARROW_NO_BREAK_SPACE).replace(".", ",")


def format_percent(ratio: float, decimals: int = 1) -> str:
    """The ratio ``ratio`` (0.875) as a French percentage with ``decimals`` decimals: ``87,5 %``."""
    return f"{format_number(100.0 * ratio, decimals)} %"
