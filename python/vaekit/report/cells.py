"""The cells of a published report as its readers see them: values, « s » and « Total ».

A :class:`vaekit.Table` of a published report holds ``None`` both for a suppressed cell and for
a cell with no value (no wait measured in a month, the antenne of a totals row). The workbook,
the CSV for French Excel and the notebook view must tell them apart: this module reads the
report's list of withheld cells (:attr:`vaekit.PublishedReport.suppressed`) and gives each cell
as a value, :data:`SUPPRESSED` or ``None`` (no value), and marks the totals rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, TypeAlias

if TYPE_CHECKING:
    from .._vaekit import ActivityReport, PublishedReport

__all__ = [
    "OPTIONAL_TABLES",
    "SUPPRESSED",
    "TABLES",
    "as_published",
    "Cell",
    "PublishedTable",
    "Suppressed",
    "month_date",
    "period",
    "published_tables",
]


class Suppressed:
    """The mark of a withheld cell (statistical secrecy): shown « s », never 0, never blank."""

    _instance: Suppressed | None = None

    def __new__(cls) -> Suppressed:
        """The one instance (:data:`SUPPRESSED`)."""
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        """``SUPPRESSED``."""
        return "SUPPRESSED"


#: The one mark of a withheld cell.
SUPPRESSED: Final = Suppressed()

#: A cell as read: a number, a text, SUPPRESSED, or None (no value).
Cell: TypeAlias = int | float | str | Suppressed | None

#: The tables of a published report, in reading order, with their key columns.
TABLES: Final[dict[str, tuple[str, ...]]] = {
    "summary": ("year",),
    "funnel": ("year", "antenne"),
    "durations": ("measure",),
    "monthly": ("antenne", "month"),
    "workload": ("staff", "month"),
    "by_profile": ("year", "attribute", "value"),
    "by_channel": ("year", "antenne", "value"),
    "dropout_reasons": ("year", "antenne", "value"),
    "employment": ("by", "value", "months"),
    "funding_mix": ("funding", "funding_kind"),
    "funding_cost": ("certification",),
    "outcomes_by_certification": ("certification",),
    "outcomes_by_level": ("level",),
    "outcomes_by_certifier": ("certifier",),
}

#: The tables present only when they have rows (the profile, and the annexes published with the
#: report: employment after the jury, funding), and the column naming their totals rows.
OPTIONAL_TABLES: Final[dict[str, str | None]] = {
    "by_profile": None,
    "by_channel": "antenne",
    "dropout_reasons": "antenne",
    "employment": "value",
    "funding_mix": "funding",
    "funding_cost": "certification",
    "outcomes_by_certification": None,
    "outcomes_by_level": None,
    "outcomes_by_certifier": None,
}


@dataclass
class PublishedTable:
    """One table of a published report: its code name, column codes, rows of cells.

    ``totals`` holds the indexes of the totals rows (the funnel's rows of all antennes, the
    summary's all-years row): their key cell is ``None`` in ``rows`` and is shown « Total ».
    """

    name: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    totals: set[int] = field(default_factory=set)
    #: Index of the column naming the totals rows (the antenne, or the year of the summary).
    total_column: int | None = None


def _suppressed_keys(published: PublishedReport) -> set[tuple[str, tuple[object, ...], str]]:
    out: set[tuple[str, tuple[object, ...], str]] = set()
    for cell in published.suppressed:
        table = str(cell["table"])
        keys = TABLES.get(table, ())
        row = cell["row"] if isinstance(cell["row"], dict) else {}
        out.add((table, tuple(row.get(k) for k in keys), str(cell["column"])))
    return out


def as_published(report: PublishedReport | ActivityReport) -> PublishedReport:
    """``report`` itself when published, else its publication at its threshold (cell-key)."""
    from .._vaekit import PublishedReport

    return report if isinstance(report, PublishedReport) else report.publish()


def published_tables(published: PublishedReport) -> list[PublishedTable]:
    """The key figures and the published tables of ``published``, cells told apart.

    The four tables of every report, then those present when they have rows
    (:data:`OPTIONAL_TABLES`: by profile, by channel, drop-out reasons, employment after the jury,
    funding, outcome rates).

    In the key figures (:meth:`vaekit.ReportSummary.table`) every missing count is suppressed
    (the summary says nothing the tables withhold); in the four tables a cell is
    :data:`SUPPRESSED` exactly when the report lists it among its withheld cells.
    """
    withheld = _suppressed_keys(published)
    out: list[PublishedTable] = []
    for name, keys in TABLES.items():
        table = published.summary.table() if name == "summary" else published.table(name)
        if name in OPTIONAL_TABLES and len(table) == 0:
            continue
        columns = list(table.columns)
        data = table.to_dict()
        key_index = [columns.index(k) for k in keys]
        named_total = OPTIONAL_TABLES.get(name)
        total_column = (
            columns.index("antenne")
            if name == "funnel"
            else columns.index("year")
            if name == "summary"
            else columns.index(named_total)
            if named_total is not None
            else None
        )
        result = PublishedTable(name, columns, total_column=total_column)
        for i, values in enumerate(zip(*(data[c] for c in columns), strict=True)):
            key = tuple(values[k] for k in key_index)
            row: list[Cell] = []
            for j, (column, value) in enumerate(zip(columns, values, strict=True)):
                if value is not None or j in key_index:
                    row.append(value)
                elif name == "summary" or (name, key, column) in withheld:
                    row.append(SUPPRESSED)
                else:
                    row.append(None)
            if total_column is not None and values[total_column] is None:
                result.totals.add(i)
            result.rows.append(row)
        out.append(result)
    return out


def month_date(month: str) -> dt.date:
    """The first day of a ``YYYY-MM`` month."""
    year, m = month.split("-")
    return dt.date(int(year), int(m), 1)


def period(published: PublishedReport) -> tuple[list[int], str | None, str | None]:
    """The cohort years of the funnel and the first and last month of activity (``YYYY-MM``)."""
    years = sorted({int(y) for y in published.funnel.to_dict()["year"] if y is not None})
    months = sorted({str(m) for m in published.monthly.to_dict()["month"] if m is not None})
    return years, (months[0] if months else None), (months[-1] if months else None)
