"""The published report as CSV files for French Excel (``vaekit report --excel``).

What French Excel opens with a double click: a ``;`` separator, a decimal comma, UTF-8 with a
byte-order mark (without it Excel reads Windows-1252 and garbles « é »), headers and codes in
the reader's language, every withheld cell written « s » (never blank: a blank cell means no
value), the totals rows named « Total », a text that Excel would run as a formula (an antenne
named « =1+1 ») quoted with a leading « ' ». Numbers carry no thousands separator, so that Excel and
``pandas.read_csv(sep=";", decimal=",")`` read them as numbers.

The CSV tables of :meth:`vaekit.PublishedReport.write` stay the machine format (comma, decimal
point, English codes, empty for None, a ``# protection:`` line): scripts read those.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import pgettext
from .cells import SUPPRESSED, Cell, PublishedTable, as_published, published_tables
from .words import about_rows, cell_text, header, legend_rows, sheet_title, total_text

if TYPE_CHECKING:
    from .._vaekit import ActivityReport, PublishedReport

__all__ = ["excel_csv", "file_name"]


def _decimal(value: float) -> str:
    from babel.numbers import format_decimal

    # French Excel's number format whatever the language of the words: decimal comma, no
    # grouping (a grouped « 10 357 » would be read as text).
    return format_decimal(value, format="0.######", locale="fr_FR")


def _cell(
    table: PublishedTable,
    column: str,
    value: Cell,
    total: bool,
    j: int,
    row: Mapping[str, Cell] | None = None,
) -> str:
    if value is SUPPRESSED:
        return "s"
    if value is None:
        return total_text() if total and j == table.total_column else ""
    if isinstance(value, bool):
        return pgettext("workbook", "yes") if value else pgettext("workbook", "no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _decimal(value)
    return _text(cell_text(table.name, column, value, row))


#: First characters that make Excel read a cell as a formula (CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _text(text: str) -> str:
    """A text cell that Excel shows as text: one starting like a formula gets a leading « ' »."""
    return "'" + text if text.startswith(_FORMULA) else text


def file_name(name: str) -> str:
    """The file name of a table or sheet: its title in the language in use, as a slug."""
    import unicodedata

    title = unicodedata.normalize("NFKD", sheet_title(name)).encode("ascii", "ignore").decode()
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{slug}.csv"


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    from .._vaekit import write_file_atomic

    write_file_atomic(str(path), ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def excel_csv(
    published: PublishedReport | ActivityReport, folder: str | os.PathLike[str], *, lang: str = "fr"
) -> dict[str, Path]:
    """Write ``published`` as CSV files for French Excel in ``folder``; return them by table.

    One file per table (``summary``, ``funnel``, ``durations``, ``monthly``, ``workload``), plus
    ``legend`` and ``about`` (the period and the disclosure method), named after their titles in
    ``lang`` (« entonnoir.csv »...). Each is ``;``-separated, decimal comma, UTF-8 with BOM,
    CRLF line ends; withheld cells are « s », the totals rows « Total ».
    """
    from ..i18n import use_language

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    published = as_published(published)
    with use_language(lang):
        for table in published_tables(published):
            rows = [[header(c) for c in table.columns]]
            for i, row in enumerate(table.rows):
                total = i in table.totals
                named = dict(zip(table.columns, row, strict=True))
                rows.append(
                    [
                        _cell(table, c, v, total, j, named)
                        for j, (c, v) in enumerate(zip(table.columns, row, strict=True))
                    ]
                )
            path = out / file_name(table.name)
            _write(path, rows)
            written[table.name] = path
        for name, pairs in (("legend", legend_rows()), ("about", about_rows(published))):
            rows = [[pgettext("workbook", "Item"), pgettext("workbook", "Value")]]
            for key, value in pairs:
                text = _decimal(value) if isinstance(value, float) else str(value)
                rows.append([_text(key), _text(text)])
            path = out / file_name(name)
            _write(path, rows)
            written[name] = path
    return written
