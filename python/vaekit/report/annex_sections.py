"""The page's sections on the public's profile, employment after the jury and funding (issue 15).

Each reads one :class:`vaekit.PublishedReport`: its ``by_profile`` table, and the ``employment``,
``funding_mix`` and ``funding_cost`` tables published with it in its one disclosure system
(:meth:`vaekit.ActivityReport.publish` with ``events=``). Nothing is counted here: a withheld
cell is « s », a cell with no value (a rate over nothing, a sum no event gave) is « — ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..i18n import _
from .html import Chart, CountRate, Section, Table, figure_svg

if TYPE_CHECKING:
    from .._vaekit import PublishedReport

__all__ = ["employment_section", "funding_section", "profile_section"]

#: A cell with no value (not a withheld count): shown as a dash.
NO_VALUE = "—"

#: The profile attributes shown in the chart of the profile section (two or three values each).
_CHART_ATTRIBUTES = ("sex", "qpv", "rqth")


def _chart(title: str, fig: Any) -> Chart:
    return Chart(title=title, svg=figure_svg(fig))


def _withheld(report: PublishedReport, table: str) -> set[tuple[tuple[tuple[str, Any], ...], str]]:
    """The (row, column) of the cells of ``table`` the report lists as withheld."""
    out: set[tuple[tuple[tuple[str, Any], ...], str]] = set()
    for cell in report.suppressed:
        if cell["table"] == table:
            row = cell["row"] if isinstance(cell["row"], dict) else {}
            out.add((tuple(sorted(row.items())), str(cell["column"])))
    return out


def _rate(count: Any, rate: Any) -> CountRate | None:
    return None if count is None else CountRate(int(count), rate)


def _suffix(name: str | None) -> str:
    return "" if name is None else f" — {name}"


def _value_label(by: str, value: str | None) -> str:
    """The label of a group of the employment or profile tables."""
    if value is None:
        return _("all")
    if value == "not_recorded":
        return _("profile not recorded")
    if by == "outcome":
        return _("no jury") if value == "no_jury" else i18n.label("result", value)
    if by == "certification":
        return _("unknown (not in the registry)") if value == "unknown" else value
    if by == "departement":
        return i18n.label("departement", value)
    return i18n.label(by, value)


def _grouping_label(by: str) -> str:
    if by == "all":
        return _("all")
    if by == "outcome":
        return _("outcome of the last jury")
    return i18n.label("attribute", by)


def profile_section(reports: Sequence[tuple[str | None, PublishedReport]]) -> Section | None:
    """The funnel and its rates by profile attribute, for the last cohort year of each report."""
    from . import plots

    tables: list[Table] = []
    charts: list[Chart] = []
    for name, report in reports:
        records = report.by_profile.to_records()
        if not records:
            continue
        year = max(int(r["year"]) for r in records)
        rows: list[dict[str, Any]] = []
        for r in (r for r in records if int(r["year"]) == year):
            rows.append(
                {
                    "attribute": i18n.label("attribute", r["attribute"]),
                    "value": _value_label(r["attribute"], r["value"]),
                    "received": r["received"],
                    "counselled": _rate(r["counselled"], r["counselled_rate"]),
                    "admissible": _rate(r["admissible"], r["admissible_rate"]),
                    "jury_held": _rate(r["jury_held"], r["jury_rate"]),
                    "jury_full": _rate(r["jury_full"], r["full_rate"]),
                    "dropped_out": _rate(r["dropped_out"], r["dropout_rate"]),
                }
            )
        labels = {
            "attribute": _("attribute"),
            "value": _("value"),
            "received": i18n.label("column", "received"),
            "counselled": _("counselled (% of people received)"),
            "admissible": _("admissible (% of requests sent)"),
            "jury_held": _("before a jury (% of people received)"),
            "jury_full": _("full validations (% of juries held)"),
            "dropped_out": _("drop-outs (% of people received)"),
        }
        title = _("Funnel by profile, cohort {year}").format(year=year) + _suffix(name)
        tables.append(Table(title, rows, list(labels), labels=labels))
        shown = [
            r
            for r in records
            if int(r["year"]) == year
            and r["attribute"] in _CHART_ATTRIBUTES
            and r["value"] not in ("not_stated", "not_recorded")
        ]
        if shown:
            charts.append(
                _chart(
                    _("Reaching a jury, by profile") + _suffix(name),
                    plots.plot_bars(
                        [
                            f"{i18n.label('attribute', r['attribute'])} : "
                            f"{_value_label(r['attribute'], r['value'])}"
                            for r in shown
                        ],
                        [r["jury_rate"] for r in shown],
                        xlabel=_("before a jury (% of people received)"),
                        percent=True,
                    ),
                )
            )
    if not tables:
        return None
    return Section(
        id="profile",
        title=_("The public by profile"),
        paragraphs=[
            _(
                "People received in the cohort year by sex, age band at reception, employment "
                "situation, highest qualification, département, priority neighbourhood (QPV) and "
                "recognised disability (RQTH), from the pseudonymous profile (no name, no birth "
                "date), and how far they went. Protected with the funnel in one system: a "
                "withheld figure cannot be recomputed from another table."
            )
        ],
        charts=charts,
        tables=tables,
    )


def employment_section(reports: Sequence[tuple[str | None, PublishedReport]]) -> Section | None:
    """Employment 6 and 12 months after the jury: response, access and retention rates."""
    from . import plots

    tables: list[Table] = []
    charts: list[Chart] = []
    for name, report in reports:
        records = report.employment.to_records()
        if not records:
            continue
        rows: list[dict[str, Any]] = []
        for r in records:
            rows.append(
                {
                    "by": _grouping_label(r["by"]),
                    "value": _value_label(r["by"], r["value"]),
                    "months": i18n.ngettext("{n} month", "{n} months", int(r["months"])).format(
                        n=r["months"]
                    ),
                    "followups_due": r["followups_due"],
                    "answered": _rate(r["answered"], r["response_rate"]),
                    "employed": _rate(r["employed"], r["employment_rate"]),
                    "retained": _rate(r["retained"], r["retention_rate"]),
                }
            )
        labels = {
            "by": _("group"),
            "value": _("value"),
            "months": _("after the jury"),
            "followups_due": i18n.label("column", "followups_due"),
            "answered": _("answered (response rate)"),
            "employed": _("in employment (% of answers)"),
            "retained": _("kept their employment (% of those employed before)"),
        }
        tables.append(
            Table(_("Employment after the jury") + _suffix(name), rows, list(labels), labels=labels)
        )
        twelve = [r for r in records if r["by"] == "outcome" and int(r["months"]) == 12]
        if twelve:
            charts.append(
                _chart(
                    _("In employment 12 months after the jury, by outcome") + _suffix(name),
                    plots.plot_bars(
                        [_value_label("outcome", r["value"]) for r in twelve],
                        [r["employment_rate"] for r in twelve],
                        xlabel=_("in employment (% of answers)"),
                        percent=True,
                    ),
                )
            )
    if not tables:
        return None
    return Section(
        id="employment",
        title=_("Employment after the jury"),
        paragraphs=[
            _(
                "Follow-up surveys 6 and 12 months after the last jury: the follow-ups due, the "
                "answers (response rate), the people in employment among those who answered "
                "(same job, promotion or new job) and, among those in employment before the "
                "pathway, those who kept it (same job or promotion). Published with the funnel "
                "in one disclosure system."
            )
        ],
        charts=charts,
        tables=tables,
    )


def _sum_cell(
    value: Any,
    withheld: set[tuple[tuple[tuple[str, Any], ...], str]],
    key: Mapping[str, Any],
    col: str,
) -> Any:
    if value is not None:
        return i18n.format_decimal(value, 0)
    return None if (tuple(sorted(key.items())), col) in withheld else NO_VALUE


def funding_section(reports: Sequence[tuple[str | None, PublishedReport]]) -> Section | None:
    """The funding mix by funder and kind, and the cost per certification obtained."""
    tables: list[Table] = []
    paragraphs = [
        _(
            "Funding requested and granted by funder and kind (cases, hours, euros), and the "
            "euros granted per certification obtained (full validation, or success on a partial "
            "certification). A sum is shown beside a published count of cases; « — »: no amount "
            "in the log."
        )
    ]
    for name, report in reports:
        mix = report.funding_mix.to_records()
        if not mix:
            continue
        withheld = _withheld(report, "funding_mix") | _withheld(report, "funding_cost")
        sums = ("requested_hours", "requested_amount", "granted_hours", "granted_amount")
        given = [c for c in sums if any(r[c] is not None for r in mix)]
        rows: list[dict[str, Any]] = []
        for r in mix:
            key = {"funding": r["funding"], "funding_kind": r["funding_kind"]}
            row: dict[str, Any] = {
                "funding": _("all")
                if r["funding"] is None
                else i18n.label("funding", r["funding"]),
                "funding_kind": ""
                if r["funding_kind"] is None
                else i18n.label("funding_kind", r["funding_kind"]),
                "cases_requested": r["cases_requested"],
                "cases_granted": r["cases_granted"],
            }
            for c in given:
                row[c] = _sum_cell(r[c], withheld, key, c)
            rows.append(row)
        columns = ["funding", "funding_kind", "cases_requested", "cases_granted", *given]
        labels = {c: i18n.label("column", c) for c in columns}
        tables.append(Table(_("Funding mix") + _suffix(name), rows, columns, labels=labels))
        cost_rows: list[dict[str, Any]] = []
        for r in report.funding_cost.to_records():
            key = {"certification": r["certification"]}
            amount = _sum_cell(r["granted_amount"], withheld, key, "granted_amount")
            cost = r["cost_per_certification"]
            if cost is not None:
                cost_cell: Any = i18n.format_decimal(cost, 0)
            elif amount == NO_VALUE or r["certified"] == 0:
                cost_cell = NO_VALUE  # nothing to divide: no amount, or no certification
            else:
                cost_cell = None  # over a withheld figure: withheld
            cost_rows.append(
                {
                    "certification": _("all")
                    if r["certification"] is None
                    else _value_label("certification", r["certification"]),
                    "certified": r["certified"],
                    "cases_granted": r["cases_granted"],
                    "granted_amount": amount,
                    "cost_per_certification": cost_cell,
                }
            )
        cost_columns = [
            "certification",
            "certified",
            "cases_granted",
            "granted_amount",
            "cost_per_certification",
        ]
        tables.append(
            Table(
                _("Cost per certification obtained") + _suffix(name),
                cost_rows,
                cost_columns,
                labels={c: i18n.label("column", c) for c in cost_columns},
            )
        )
        if not given:
            paragraphs.append(
                _(
                    "{name}: the log carries no amount or hours (a simulated log, or the columnar "
                    "log): cases only."
                ).format(name=name or _("this report"))
            )
    if not tables:
        return None
    return Section(id="funding", title=_("Funding"), paragraphs=paragraphs, tables=tables)
