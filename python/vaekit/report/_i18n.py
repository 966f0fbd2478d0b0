"""Temporary stand-in for :mod:`vaekit.i18n` until the message catalog lands (identity messages).

Numbers, percentages and dates are formatted with Babel like the catalog will do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

_LANG = ["fr"]


def language() -> str:
    """The current language."""
    return _LANG[-1]


@contextlib.contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Use ``lang`` inside the block."""
    _LANG.append(lang)
    try:
        yield
    finally:
        _LANG.pop()


def _(msgid: str) -> str:
    """The message (untranslated stand-in)."""
    return msgid


def label(kind: str, code: str) -> str:
    """The label of a code (stand-in: the code)."""
    return str(code).replace("_", " ")


def _locale() -> str:
    return "fr_FR" if language() == "fr" else "en_GB"


def format_number(value: float) -> str:
    """An integer with grouping."""
    from babel.numbers import format_decimal as f

    return f(value, format="#,##0", locale=_locale())


def format_decimal(value: float, decimals: int = 1) -> str:
    """A decimal number."""
    from babel.numbers import format_decimal as f

    return f(value, format="#,##0." + "0" * decimals, locale=_locale())


def format_percent(value: float, decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage."""
    from babel.numbers import format_percent as f

    return f(value, format="#,##0" + ("." + "0" * decimals if decimals else "") + " %", locale=_locale())


def format_date(value: dt.date) -> str:
    """A date, long form."""
    from babel.dates import format_date as f

    return f(value, format="long", locale=_locale())


def format_days(value: float) -> str:
    """A number of days."""
    return f"{format_decimal(value, 1)} " + ("jours" if language() == "fr" else "days")
