"""The message catalog: every word a user reads, in French by default, in English on request.

Messages are gettext ``.po`` files, one per area, under ``vaekit/i18n/locale/<lang>/LC_MESSAGES/``
(``core.po``, ``codes.po``, ``page.po``, ``cli.po``...). For each language the loader reads every
``.po`` file of the language with Babel, merges them into one catalog and compiles it with Babel
into a :class:`gettext.GNUTranslations` (in memory, once per process and language). ``msgid`` s are
English; the French catalog translates every one (tested, with Babel's extractor over the package),
the English catalog holds only what differs from the ``msgid`` (the labels of codes).

The language is ``"fr"`` unless set: by :func:`set_language`, for a block by :func:`use_language`
(a context variable, so threads and tasks do not see each other's choice), or for a process by the
environment variable ``VAEKIT_LANG``. Numbers, percentages, dates and durations are written with
Babel's CLDR rules for ``fr_FR`` and ``en_GB`` (« 10 357 », « 93,0 % », « 14 janvier 2025 »,
« 2,1 jours »). Babel is imported when a message or a format is first needed, not by
``import vaekit``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import io
import math
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from gettext import GNUTranslations

__all__ = [
    "LANGUAGES",
    "format_date",
    "format_days",
    "format_decimal",
    "format_month",
    "format_number",
    "format_percent",
    "gettext",
    "label",
    "language",
    "messages",
    "ngettext",
    "pgettext",
    "set_language",
    "use_language",
    "_",
]

LANGUAGES = ("fr", "en")
"""The languages of the catalog; the first is the default."""

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "en": "nplurals=2; plural=(n != 1);"}
_LOCALE_DIR = Path(__file__).with_name("locale")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("vaekit_lang", default=None)
_process_language: str | None = None


def _checked(lang: str) -> str:
    code = str(lang).strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        from .._vaekit import InvalidArgument

        raise InvalidArgument(
            f"language {lang!r} is not in the catalog; the languages are: {', '.join(LANGUAGES)}"
        )
    return code


def language() -> str:
    """The language of what vaekit writes now: ``"fr"`` (default) or ``"en"``.

    Set for a block by :func:`use_language`, for the process by :func:`set_language` or the
    environment variable ``VAEKIT_LANG``; French otherwise.
    """
    lang = _current.get()
    if lang is not None:
        return lang
    if _process_language is not None:
        return _process_language
    env = os.environ.get("VAEKIT_LANG")
    if env:
        with contextlib.suppress(Exception):
            return _checked(env)
    return LANGUAGES[0]


def set_language(lang: str) -> None:
    """Make ``lang`` (``"fr"`` or ``"en"``) the language of the process.

    A block inside :func:`use_language` still uses its own. Raises :class:`vaekit.InvalidArgument`
    for a language the catalog does not have.
    """
    global _process_language
    _process_language = _checked(lang)


@contextlib.contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Within the block, write in ``lang`` (``None``: keep the current language); yields it."""
    if lang is None:
        yield language()
        return
    token = _current.set(_checked(lang))
    try:
        yield language()
    finally:
        _current.reset(token)


@functools.cache
def _translations(lang: str) -> GNUTranslations:
    """Every .po file of ``lang``, merged and compiled with Babel (cached per language)."""
    import gettext as _gettext

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged = Catalog(locale=_LOCALES[lang], domain="vaekit")
    merged.mime_headers = [("Plural-Forms", _PLURAL_FORMS[lang])]
    folder = _LOCALE_DIR / lang / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=_LOCALES[lang])
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                merged.add(message.id, message.string, context=message.context)
    buf = io.BytesIO()
    write_mo(buf, merged, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def messages(lang: str | None = None) -> dict[tuple[str | None, str], str]:
    """Every message of the catalog of ``lang`` (default: the current language).

    A mapping ``(context, msgid) -> translation``; ``context`` is ``None`` for a message without
    msgctxt and a plural message is keyed by its singular. For tests and tools that check the
    catalog (a label present for every code, every message of the package translated).
    """
    catalog = _translations(_checked(lang) if lang else language())._catalog  # type: ignore[attr-defined]
    out: dict[tuple[str | None, str], str] = {}
    for key, text in catalog.items():
        if isinstance(key, tuple):  # plural: (msgid, index)
            msgid, index = key
            if index != 0:
                continue
        else:
            msgid = key
        if not msgid:
            continue  # the header
        context, sep, rest = msgid.partition("\x04")
        out[(context, rest) if sep else (None, msgid)] = text
    return out


def gettext(message: str) -> str:
    """``message`` (an English msgid) in the current language."""
    return _translations(language()).gettext(message)


_ = gettext


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, in ``context`` (msgctxt) to tell homonyms apart."""
    return _translations(language()).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for ``n``, by the rules of the current language."""
    return _translations(language()).ngettext(singular, plural, n)


def label(kind: str, code: str) -> str:
    """The label a user reads for the vocabulary ``code`` of ``kind``.

    ``kind`` is the catalog context: ``"event"``, ``"role"``, ``"stage"``, ``"state"``,
    ``"channel"``, ``"to"``, ``"decision"``, ``"funding"``, ``"result"``, ``"column"``,
    ``"measure"``... (e.g. ``label("column", "oriented_skills_assessment")`` is « orientés vers un
    bilan de compétences »). A code the catalog does not know is returned as it is in French and
    with its underscores as spaces in English (a test checks every code of the vocabulary has a
    French label).
    """
    text = pgettext(kind, code)
    if text == code and language() == "en":
        return code.replace("_", " ")
    return text


def _locale() -> str:
    return _LOCALES[language()]


Number = Union[int, float, Decimal]


def format_decimal(
    value: Number, decimals: int = 2, *, trim: bool = False, grouping: bool = True
) -> str:
    """``value`` with ``decimals`` decimals by the current language's rules (Babel, CLDR).

    French: a decimal comma and digits grouped by three with a narrow no-break space
    (« 1 234,50 »). ``trim`` drops trailing zeros (« 7 », « 0,25 »); ``grouping=False`` writes
    no group separator. An ``int`` is written exactly, without decimals, however large.
    """
    from babel.numbers import format_decimal as babel_format_decimal

    integral = "#,##0" if grouping else "0"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(babel_format_decimal(Decimal(value), format=integral, locale=_locale()))
    if decimals > 0:
        integral += "." + ("#" if trim else "0") * decimals
    if isinstance(value, float) and math.isfinite(value):
        # The float's exact binary value, so that rounding agrees with Python's own ("%.2f"):
        # Babel would otherwise round its shortest repr (549755813888.315 -> ,32; the value is
        # below ...,315: ,31).
        value = Decimal(value)
    return str(
        babel_format_decimal(
            value,
            format=integral,
            locale=_locale(),
            decimal_quantization=True,
            group_separator=grouping,
        )
    )


def format_number(
    value: Number, decimals: int = 2, *, trim: bool = False, grouping: bool = False
) -> str:
    """As :func:`format_decimal`, without digit grouping unless asked (text lines, CSV cells)."""
    return format_decimal(value, decimals, trim=trim, grouping=grouping)


def format_percent(ratio: Number, decimals: int = 1) -> str:
    """The ratio ``ratio`` (0.93) as a percentage with ``decimals`` decimals (« 93,0 % »)."""
    from babel import Locale
    from babel.numbers import format_percent as babel_format_percent

    pattern = Locale.parse(_locale()).percent_formats[None].pattern
    if decimals > 0:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return str(babel_format_percent(ratio, format=pattern, locale=_locale()))


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])  # vaekit.Date, YearMonth's first day, ISO text


def format_date(value: Any, style: str = "long") -> str:
    """A date (``datetime.date``, :class:`vaekit.Date` or ISO text) in words: « 14 janvier 2025 ».

    ``style`` is Babel's: ``"long"`` (default), ``"medium"``, ``"short"`` (« 14/01/2025 ») or
    ``"full"`` (with the weekday).
    """
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(_as_date(value), format=style, locale=_locale()))


def format_month(value: Any) -> str:
    """A month (:class:`vaekit.YearMonth`, a date, ``YYYY-MM`` text) in words: « janvier 2025 »."""
    from babel.dates import format_date as babel_format_date

    text = str(value)
    day = _as_date(text + "-01" if len(text) == 7 else text)
    return str(babel_format_date(day, format="LLLL y", locale=_locale()))


def format_days(days: Number, decimals: int = 1) -> str:
    """A duration in days with its unit, by the plural rules of the language (« 2,1 jours »)."""
    x = float(days)
    if math.isfinite(x) and x == int(x):
        text, n = format_decimal(int(x)), abs(int(x))
    else:
        text = format_decimal(x, decimals, trim=True)
        # French: a quantity under 2 is singular (« 1,5 jour »); English: a fraction is plural.
        n = int(abs(x)) if language() == "fr" else 2
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": text}
