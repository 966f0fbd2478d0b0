"""The published report as an Excel workbook (``.xlsx``, XlsxWriter), in French by default.

One sheet per table (key figures, funnel, durations, monthly activity, workload) with the
headers and codes in the reader's language, numbers written as numbers (months as dates shown
« janvier 2024 »), every withheld cell as « s », the totals rows named « Total »; then a legend
sheet and a sheet stating the period covered and the disclosure method.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import pgettext
from .cells import SUPPRESSED, PublishedTable, as_published, month_date, published_tables
from .words import about_rows, cell_text, header, legend_rows, sheet_title, total_text

if TYPE_CHECKING:
    from .._vaekit import ActivityReport, PublishedReport

__all__ = ["workbook"]

#: Day 0 of Excel's serial dates (the 1900 date system, after its 29 February 1900).
_EXCEL_EPOCH = dt.date(1899, 12, 30)

#: The text of a suppressed cell, in every language (« s » for secret statistique).
SUPPRESSED_TEXT = "s"


def _write_table(book: Any, sheet: Any, table: PublishedTable, fmt: dict[str, Any]) -> None:
    headers = [header(c) for c in table.columns]
    widths = [max(8, len(h) + 2) for h in headers]
    months: dict[str, int] = {}
    for j, h in enumerate(headers):
        sheet.write_string(0, j, h, fmt["header"])
    for i, row in enumerate(table.rows, start=1):
        total = (i - 1) in table.totals
        named = dict(zip(table.columns, row, strict=True))
        for j, (column, value) in enumerate(zip(table.columns, row, strict=True)):
            if value is SUPPRESSED:
                sheet.write_string(i, j, SUPPRESSED_TEXT, fmt["suppressed"])
            elif value is None:
                if total and j == table.total_column:
                    sheet.write_string(i, j, total_text(), fmt["total"])
                continue
            elif column == "month" and isinstance(value, str):
                # A date cell: Excel's serial day number, shown « janvier 2024 ».
                serial = months.get(value)
                if serial is None:
                    serial = months[value] = (month_date(value) - _EXCEL_EPOCH).days
                sheet.write_number(i, j, serial, fmt["month"])
                widths[j] = max(widths[j], 16)
            elif isinstance(value, bool):
                sheet.write_boolean(i, j, value)
            elif isinstance(value, int):
                sheet.write_number(i, j, value, fmt["total_int" if total else "int"])
            elif isinstance(value, float):
                sheet.write_number(i, j, value, fmt["total_float" if total else "float"])
            else:
                text = cell_text(table.name, column, value, named)
                sheet.write_string(i, j, text, fmt["total"] if total else None)
                widths[j] = max(widths[j], min(40, len(text) + 2))
    for j, width in enumerate(widths):
        sheet.set_column(j, j, width)
    sheet.freeze_panes(1, 0)
    if table.rows:
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)


def _write_pairs(sheet: Any, rows: list[tuple[str, Any]], fmt: dict[str, Any], title: str) -> None:
    sheet.write_string(0, 0, title, fmt["title"])
    for i, (name, value) in enumerate(rows, start=2):
        sheet.write_string(i, 0, name, fmt["header"])
        if isinstance(value, bool) or value is None:
            sheet.write_string(i, 1, "" if value is None else str(value))
        elif isinstance(value, int | float):
            sheet.write_number(i, 1, value)
        else:
            sheet.write_string(i, 1, str(value), fmt["wrap"])
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 90)


def workbook(
    published: PublishedReport | ActivityReport, path: str | os.PathLike[str], *, lang: str = "fr"
) -> Path:
    """Write ``published`` as an Excel workbook at ``path`` (atomically); return the path.

    Sheets: the key figures, the funnel, the durations, the monthly activity and the workload
    (headers and codes in ``lang``, « fr » by default or « en »; numbers as numbers; withheld
    cells « s »; the totals rows « Total »), then the legend and the sheet describing the period
    and the disclosure method (method, threshold, cells withheld). Needs XlsxWriter
    (``pip install vaekit[report]``).
    """
    import xlsxwriter

    from ..i18n import use_language

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    published = as_published(published)
    with use_language(lang):
        tables = published_tables(published)
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=target.parent)
        os.close(fd)
        try:
            book = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False})
            fmt = {
                "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True}),
                "title": book.add_format({"bold": True, "font_size": 14}),
                "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
                "int": book.add_format({"num_format": "#,##0"}),
                "float": book.add_format({"num_format": "#,##0.0"}),
                "total": book.add_format({"bold": True}),
                "total_int": book.add_format({"bold": True, "num_format": "#,##0"}),
                "total_float": book.add_format({"bold": True, "num_format": "#,##0.0"}),
                "month": book.add_format({"num_format": "mmmm yyyy", "align": "left"}),
                "suppressed": book.add_format(
                    {"italic": True, "align": "right", "font_color": "#7F7F7F"}
                ),
            }
            for table in tables:
                sheet = book.add_worksheet(sheet_title(table.name))
                _write_table(book, sheet, table, fmt)
            legend = book.add_worksheet(sheet_title("legend"))
            _write_pairs(legend, legend_rows(), fmt, sheet_title("legend"))
            about = book.add_worksheet(sheet_title("about"))
            _write_pairs(
                about, about_rows(published), fmt, pgettext("workbook", "VAE activity report")
            )
            book.set_properties(
                {"title": pgettext("workbook", "VAE activity report"), "comments": "vaekit"}
            )
            book.close()
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target
