"""The words of the workbook, the CSV for Excel and the notebook views, from the catalog.

Every word comes from :mod:`vaekit.i18n` (the ``workbook`` area of the catalog, context
``workbook``; column and code labels from :func:`vaekit.i18n.label`), in the language in use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..i18n import format_month, label, pgettext
from .cells import period

if TYPE_CHECKING:
    from .._vaekit import PublishedReport

__all__ = [
    "about_rows",
    "total_text",
    "cell_text",
    "header",
    "legend_rows",
    "method_text",
    "month_text",
    "sheet_title",
]


def total_text() -> str:
    """The name of a totals row (« Total »)."""
    return pgettext("workbook", "Total")


def header(column: str) -> str:
    """The header of a column code, capitalised (``received`` → « Accueillis »)."""
    text = label("column", column)
    return text[:1].upper() + text[1:]


def sheet_title(name: str) -> str:
    """The title of a table or sheet (at most 31 characters: Excel's limit for a sheet name)."""
    titles = {
        "summary": pgettext("workbook", "Key figures"),
        "funnel": pgettext("workbook", "Funnel"),
        "durations": pgettext("workbook", "Durations"),
        "monthly": pgettext("workbook", "Monthly activity"),
        "workload": pgettext("workbook", "Counsellor workload"),
        "by_profile": pgettext("workbook", "By profile"),
        "by_channel": pgettext("workbook", "Reception by channel"),
        "dropout_reasons": pgettext("workbook", "Drop-outs by reason"),
        "employment": pgettext("workbook", "Employment after the jury"),
        "funding_mix": pgettext("workbook", "Funding mix"),
        "funding_cost": pgettext("workbook", "Cost per certification"),
        "outcomes_by_certification": pgettext("workbook", "Outcomes by certification"),
        "outcomes_by_level": pgettext("workbook", "Outcomes by level"),
        "outcomes_by_certifier": pgettext("workbook", "Outcomes by certifier"),
        "legend": pgettext("workbook", "Legend"),
        "about": pgettext("workbook", "Period and method"),
    }
    return titles[name][:31]


#: The vocabulary kind of the ``value`` column of the tables by channel and by reason.
_VALUE_KINDS = {"by_channel": "channel", "dropout_reasons": "reason_code"}


def cell_text(table: str, column: str, value: Any, row: Mapping[str, Any] | None = None) -> str:
    """The text of a cell holding a code or a name: codes are labelled, names kept.

    Measure codes, profile attributes and their values (``row`` gives the attribute or the
    grouping of a ``value``), jury outcomes, funders and funding kinds are labelled from the
    catalog; antennes, staff pseudonyms, certification and département codes are kept.
    """
    text = str(value)
    if column == "measure":
        return label("measure", text)
    if column == "attribute":
        return label("attribute", text)
    if column in ("funding", "funding_kind"):
        return label(column, text)
    if column == "by":
        return label("attribute", text) if text not in ("all", "outcome") else label("by", text)
    if column == "value" and table in _VALUE_KINDS:
        return label(_VALUE_KINDS[table], text)
    if column == "value" and row is not None:
        kind = str(row.get("attribute") or row.get("by") or "")
        if text in ("not_recorded", "no_jury", "unknown"):
            return label("value", text)
        if kind == "outcome":
            return label("result", text)
        if kind and kind not in ("certification", "departement"):
            return label(kind, text)
    return text


def month_text(month: str) -> str:
    """A ``YYYY-MM`` month in words (« janvier 2024 »)."""
    return format_month(month)


def method_text(method: str) -> str:
    """The disclosure method in words."""
    if method == "cell-key":
        return pgettext(
            "workbook",
            "cell-key method: counts under the threshold suppressed, the others carry a small "
            "random noise (the same for the same records)",
        )
    if method == "suppression":
        return pgettext(
            "workbook",
            "suppression: counts under the threshold suppressed, and the counts that would let "
            "them be recomputed",
        )
    return pgettext("workbook", "none: exact figures, for internal use only")


def legend_rows() -> list[tuple[str, Any]]:
    """The legend sheet: what « s », an empty cell, « Total » and the cohort year mean."""
    return [
        (
            "s",
            pgettext(
                "workbook",
                "statistical secrecy: the count is under the disclosure threshold, or would "
                "let a count under it be recomputed; it is withheld, it is not zero",
            ),
        ),
        (
            pgettext("workbook", "(empty cell)"),
            pgettext("workbook", "no value (for example, no waiting time measured that month)"),
        ),
        (pgettext("workbook", "Total"), pgettext("workbook", "all antennes together")),
        (
            header("year"),
            pgettext(
                "workbook",
                "cohort year: the year a person was first received; each step is counted in it",
            ),
        ),
        (
            pgettext("workbook", "Durations"),
            pgettext(
                "workbook", "whole days, over the cases that reached both ends of the measure"
            ),
        ),
    ]


def about_rows(published: PublishedReport) -> list[tuple[str, Any]]:
    """The period and method sheet: months covered, cohorts, method, threshold, cells withheld."""
    from .. import __version__

    years, first, last = period(published)
    protection = published.protection
    rows: list[tuple[str, Any]] = []
    if first is not None and last is not None:
        rows.append(
            (pgettext("workbook", "Period covered"), f"{month_text(first)} – {month_text(last)}")
        )
    rows.append((pgettext("workbook", "Cohort years"), ", ".join(str(y) for y in years)))
    rows.append((pgettext("workbook", "Disclosure method"), method_text(published.method)))
    rows.append((pgettext("workbook", "Disclosure threshold"), int(published.threshold)))
    rows.append(
        (pgettext("workbook", "Cells withheld (« s »)"), int(published.summary.suppressed_cells))
    )
    if published.method == "cell-key":
        rows.append(
            (
                pgettext("workbook", "Publication key"),
                pgettext("workbook", "secret")
                if published.keyed
                else pgettext("workbook", "public: anyone could compute the noise"),
            )
        )
        rows.append(
            (
                pgettext("workbook", "Noise: maximum deviation"),
                int(protection.get("max_deviation", 0)),
            )
        )
        rows.append(
            (pgettext("workbook", "Noise: variance"), float(protection.get("variance", 0.0)))
        )
    rows.append((pgettext("workbook", "Written by"), f"vaekit {__version__}"))
    return rows
