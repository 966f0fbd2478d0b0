"""The report a user reads: the self-contained HTML page, its charts and its template.

:func:`vaekit.report.page` builds the page of any event log (``from vaekit.report import page``;
the module of the same name holds it), :mod:`vaekit.report.html` renders a page
from sections (jinja2, inline SVG), :mod:`vaekit.report.plots` draws the charts (matplotlib),
:func:`workbook` writes the Excel workbook (XlsxWriter) and :func:`excel_csv` the CSV files for
French Excel. They import pandas, matplotlib, jinja2 and XlsxWriter where used
(``pip install vaekit[report]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import format_days, format_decimal, pgettext
from .excel import excel_csv
from .page import page
from .workbook import workbook

if TYPE_CHECKING:
    from .._vaekit import KeyFigures, PublishedReport

__all__ = ["excel_csv", "figures_line", "page", "summary_lines", "workbook"]


def _count(value: int | None) -> str:
    """A published count in the current language, or the word for a suppressed cell."""
    return pgettext("report", "suppressed") if value is None else format_decimal(value)


def figures_line(figures: KeyFigures) -> str:
    """One line of key figures (a cohort year, or all years); a suppressed figure says so.

    In the current language of :mod:`vaekit.i18n` (French by default), counts grouped by its
    number format.
    """
    label = (
        pgettext("report", "all years")
        if figures.year is None
        else pgettext("report", "cohort {year}").format(year=figures.year)
    )
    return pgettext(
        "report",
        "{label}: received {received}, counselled {counselled}, admissible {admissible}, "
        "jury held {jury_held}, full validations {full}, partial {partial}",
    ).format(
        label=label,
        received=_count(figures.received),
        counselled=_count(figures.counselled),
        admissible=_count(figures.admissible),
        jury_held=_count(figures.jury_held),
        full=_count(figures.jury_full),
        partial=_count(figures.jury_partial),
    )


def summary_lines(report: PublishedReport) -> list[str]:
    """The headline lines of a published report, shared by the command and the demo steps.

    Read from :attr:`vaekit.PublishedReport.summary` (computed once in C++): the method and
    threshold, the withheld cells, one line per cohort year and the whole-pathway duration; in
    the current language of :mod:`vaekit.i18n`.
    """
    s = report.summary
    method = str(report.method).split(".")[-1].lower().replace("_", "-")
    lines = [
        pgettext(
            "report", "protection {method}, threshold {threshold}: {cells} cells suppressed"
        ).format(
            method=pgettext("protection", method),
            threshold=report.threshold,
            cells=format_decimal(s.suppressed_cells),
        )
    ]
    lines += [f"  {figures_line(k)}" for k in s.cohorts]
    if s.whole_median is not None:
        lines.append(
            pgettext(
                "report", "  whole pathway: median {median}, p90 {p90} over {count} cases"
            ).format(
                median=format_days(s.whole_median),
                p90=format_days(s.whole_p90),
                count=_count(s.whole_count),
            )
        )
    else:
        lines.append(pgettext("report", "  whole pathway: suppressed"))
    return lines
