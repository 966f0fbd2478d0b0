"""The report a user reads: the self-contained HTML page, its charts and its template.

:mod:`vaekit.report.page` builds the page of the main job, :mod:`vaekit.report.html` renders a page
from sections (jinja2, inline SVG), :mod:`vaekit.report.plots` draws the charts (matplotlib),
:func:`workbook` writes the Excel workbook (XlsxWriter) and :func:`excel_csv` the CSV files for
French Excel. They import pandas, matplotlib, jinja2 and XlsxWriter where used
(``pip install vaekit[report]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .excel import excel_csv
from .workbook import workbook

if TYPE_CHECKING:
    from .._vaekit import KeyFigures, PublishedReport

__all__ = ["excel_csv", "figures_line", "summary_lines", "workbook"]


def _count(value: int | None) -> str:
    return "suppressed" if value is None else f"{value:,}"


def figures_line(figures: KeyFigures) -> str:
    """One line of key figures (a cohort year, or all years); a suppressed figure says so."""
    label = "all years" if figures.year is None else f"cohort {figures.year}"
    return (
        f"{label}: received {_count(figures.received)}, counselled "
        f"{_count(figures.counselled)}, admissible {_count(figures.admissible)}, jury held "
        f"{_count(figures.jury_held)}, full validations {_count(figures.jury_full)}, partial "
        f"{_count(figures.jury_partial)}"
    )


def summary_lines(report: PublishedReport) -> list[str]:
    """The headline lines of a published report, shared by the command and the demo steps.

    Read from :attr:`vaekit.PublishedReport.summary` (computed once in C++): the method and
    threshold, the withheld cells, one line per cohort year and the whole-pathway duration.
    """
    s = report.summary
    lines = [
        f"protection {report.method}, threshold {report.threshold}: "
        f"{s.suppressed_cells} cells suppressed"
    ]
    lines += [f"  {figures_line(k)}" for k in s.cohorts]
    if s.whole_median is not None:
        lines.append(
            f"  whole pathway: median {s.whole_median:g} days, p90 {s.whole_p90:g} days over "
            f"{_count(s.whole_count)} cases"
        )
    else:
        lines.append("  whole pathway: suppressed")
    return lines
