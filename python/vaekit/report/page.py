"""The report page of any event log: what a network manager and the Region look for, in French.

:func:`page` builds one self-contained HTML page (inline SVG charts, inline styles, no network)
from any :class:`vaekit.EventLog` — a network's imported log as well as the demo's simulated year.
Every section is a chart and a table, present when its data is: the funnel with the rate of each
step per antenne (small multiples), the waiting time to the first appointment per antenne, the
reception by channel, the durations, the outcomes by certification and certifier (with a registry),
the drop-outs by reason, the public by profile, employment after the jury, funding, the backlog and
what is due, the same period of the previous year (when the log covers it), the monthly activity
and workload, and the optional simulation, programme, training and registry sections.

The page reads one :class:`vaekit.PublishedReport` (published once: cell-key noise and
suppression under the threshold by default): the reception by channel and the drop-outs by reason
are its ``by_channel`` and ``dropout_reasons`` tables, protected with the funnel in one cell
system (one protection, one audit); a withheld cell is « s », never 0. The backlog ("what is
due") is computed from the cases replayed from the log.

Every word comes from the message catalog (French by default, ``lang="en"`` for English);
numbers, percentages and dates are formatted by Babel's rules for the language.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _vaekit, i18n
from .._vaekit import PublishedReport
from ..i18n import _
from . import annex_sections
from .html import Chart, CountRate, Rate, Section, Table, figure_svg, render_page, write_page
from .plots import FUNNEL_STAGES

if TYPE_CHECKING:
    from .._vaekit import ActivityReport, EventLog

__all__ = ["build_page", "cross_rows", "key_figures", "page"]

#: The stages of a case still in progress (the others: validated, redirected elsewhere, not
#: admissible, refused by the jury — closed unless a new request reopens them).
OPEN_STAGES = frozenset({"reception", "counselling", "oriented", "admissibility_preparation",
                         "admissibility_sent", "admissible", "support", "validation_file_sent",
                         "jury_scheduled", "partially_validated"})  # fmt: skip

#: Logs up to this many events are replayed into cases for "what is due" (C++ replay).
DUE_MAX_EVENTS = 500_000

_FUNNEL_COLUMNS = ("received", "counselled", "oriented_vae", "oriented_vap", "oriented_training",
                   "oriented_skills_assessment", "oriented_other", "admissibility_sent",
                   "admissible", "jury_held", "jury_full", "jury_partial", "jury_refused",
                   "jury_absent", "dropped_out")  # fmt: skip


def _chart(title: str, fig: Any, caption: str = "") -> Chart:
    return Chart(title=title, svg=figure_svg(fig), caption=caption)


def _col_labels(keys: Sequence[str], kind: str = "column") -> dict[str, str]:
    return {k: i18n.label(kind, k) for k in keys}


def key_figures(report: PublishedReport) -> dict[str, int | None]:
    """The page's key figures of ``report``, from its one disclosure-aware summary.

    Sums over the cohort years, read from :attr:`vaekit.PublishedReport.summary` (computed in
    C++): a figure whose cell is suppressed in any cohort is ``None`` (shown as « s »), never 0.
    The keys are stable English names ("people received", ...); the page shows them in its
    language.
    """
    figures = report.summary.all
    return {
        "people received": figures.received,
        "admissible requests": figures.admissible,
        "juries held": figures.jury_held,
        "full validations": figures.jury_full,
    }


def _key_label(key: str) -> str:
    """The label of a key figure in the current language."""
    labels = {
        "people received": _("people received"),
        "admissible requests": _("admissible requests"),
        "juries held": _("juries held"),
        "full validations": _("full validations"),
    }
    return labels.get(key, key)


# ------------------------------------------------------------------- the report's cross tables
def _vocabulary_order(kind: str) -> list[str]:
    """The codes of the vocabulary field ``kind`` in their table order (vaekit.event_vocabulary)."""
    for field in _vaekit.event_vocabulary():
        if field["name"] == kind:
            return [str(v) for v in field["values"]]
    return []


def cross_rows(
    report: PublishedReport, table: str, funnel_column: str, kind: str, absent: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """The rows of the page's cross table ``table`` ("by_channel" or "dropout_reasons").

    One row per funnel row (cohort year, antenne; the totals row of each year last, antenne
    ``None``), one column per value present (vocabulary order, ``absent`` last) and ``total``:
    every cell is a published cell of the report (``None``: withheld, shown « s »), the total
    being the funnel's own ``funnel_column`` cell. Nothing is summed here: a sum of published
    cells would be noisy twice and withheld as soon as one term is. When the report does not
    publish the table (no value stated or coded in the log), the one column ``absent`` is the
    funnel's column itself. Returns (value codes, rows).
    """
    records = report.table(table).to_records()
    funnel = report.funnel.to_records()
    cells: dict[tuple[int, str | None], dict[str, int | None]] = {}
    if records:
        for r in records:
            cells.setdefault((int(r["year"]), r["antenne"]), {})[str(r["value"])] = r["cases"]
    else:
        for f in funnel:
            cells[(int(f["year"]), f["antenne"])] = {absent: f[funnel_column]}
    present = {v for row in cells.values() for v in row}
    order = [*_vocabulary_order(kind), absent]
    values = [v for v in order if v in present] + sorted(present - set(order))
    rows: list[dict[str, Any]] = []
    for f in sorted(funnel, key=lambda f: (f["year"], f["antenne"] is None, f["antenne"] or "")):
        key = (int(f["year"]), f["antenne"])
        row: dict[str, Any] = {"year": key[0], "antenne": key[1]}
        row.update({v: cells.get(key, {}).get(v) for v in values})
        row["total"] = f[funnel_column]
        rows.append(row)
    return values, rows


def _cross_section(
    report: PublishedReport,
    *,
    id_: str,
    title: str,
    intro: str,
    table: str,
    funnel_column: str,
    kind: str,
    absent: str,
    xlabel: str,
) -> Section | None:
    """A section of the report's cross table ``table`` by cohort year and antenne (cross_rows)."""
    from . import plots

    values, rows = cross_rows(report, table, funnel_column, kind, absent)
    if not rows:
        return None
    label = {v: i18n.label(kind, v) for v in values}
    total = _("Total")
    shown = [
        {**r, "antenne": total if r["antenne"] is None else r["antenne"], "year": str(r["year"])}
        for r in rows
    ]
    # The chart: the shares of the latest cohort year's totals row (published cells only).
    latest = max(r["year"] for r in rows)
    totals = next(r for r in rows if r["year"] == latest and r["antenne"] is None)
    grand = totals["total"]
    share = [
        None if totals[v] is None or not grand else min(1.0, totals[v] / grand) for v in values
    ]
    fig = plots.plot_bars([label[v] for v in values], share, xlabel=xlabel, percent=True)
    labels = {"year": _("cohort year"), "antenne": _("antenne"), "total": total, **label}
    uncoded = []
    if values == [absent]:
        uncoded.append(
            _("No value is coded in this log: every one is « {missing} ».").format(
                missing=label[absent]
            )
        )
    caption = _("Cohort {year}, all antennes.").format(year=latest)
    return Section(
        id=id_,
        title=title,
        paragraphs=[intro, *uncoded],
        charts=[_chart(title, fig, caption)],
        tables=[Table(title, shown, ["year", "antenne", *values, "total"], labels=labels)],
    )


# --------------------------------------------------------------------------------- sections
def _period(report: PublishedReport) -> tuple[str, str] | None:
    months = sorted({str(r["month"]) for r in report.monthly.to_records()})
    return (months[0], months[-1]) if months else None


def _month_date(month: str, last: bool = False) -> dt.date:
    year, m = (int(x) for x in month.split("-")[:2])
    if not last:
        return dt.date(year, m, 1)
    nxt = dt.date(year + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _funnel_section(report: PublishedReport) -> Section:
    from . import plots

    records = report.funnel.to_records()
    years = sorted({r["year"] for r in records})
    year = years[-1] if years else None
    prev = years[-2] if len(years) > 1 else None

    def rates(row: Mapping[str, Any]) -> list[float | None]:
        base = row["received"]
        return [None if row[s] is None or not base else row[s] / base for s in FUNNEL_STAGES]

    def panels(y: int | None) -> dict[str, list[float | None]]:
        out: dict[str, list[float | None]] = {}
        for r in records:
            if r["year"] == y:
                out[r["antenne"] or _("all antennes")] = rates(r)
        return dict(sorted(out.items(), key=lambda kv: (kv[0] == _("all antennes"), kv[0])))

    current = panels(year)
    fig = plots.plot_rates_by_antenne(
        current,
        FUNNEL_STAGES,
        previous=panels(prev) if prev is not None else None,
        current_label=str(year),
        previous_label=str(prev),
    )
    shown = [r for r in records if r["year"] in (year, prev)]  # the CSV tables hold every year
    rows: list[dict[str, Any]] = []
    for r in shown:
        row: dict[str, Any] = {
            "year": r["year"],
            "antenne": r["antenne"] or _("Total"),
        }
        base = r["received"]
        row["received"] = base
        for s in FUNNEL_STAGES[1:]:
            row[s] = None if r[s] is None else CountRate(r[s], r[s] / base if base else None)
        rows.append(row)
    rate_cols = list(FUNNEL_STAGES[1:])
    labels = {
        "year": _("cohort"),
        "antenne": _("antenne"),
        **{s: _("{step} (rate)").format(step=i18n.label("column", s)) for s in FUNNEL_STAGES},
        "received": i18n.label("column", "received"),
    }
    counts = [
        {
            "year": r["year"],
            "antenne": r["antenne"] or _("Total"),
            **{c: r[c] for c in _FUNNEL_COLUMNS},
        }
        for r in shown
    ]
    count_labels = {"year": _("cohort"), "antenne": _("antenne"), **_col_labels(_FUNNEL_COLUMNS)}
    split = _FUNNEL_COLUMNS.index("admissibility_sent")
    return Section(
        id="funnel",
        title=_("Funnel and rate of each step"),
        paragraphs=[
            _(
                "Distinct people per cohort (year of their first reception) reaching each step of "
                "the pathway, and the rate of each step: the share of the people received who "
                "reached it. One panel per antenne; the previous cohort in light blue beside."
            )
        ],
        charts=[_chart(_("Rate of each step per antenne"), fig)],
        tables=[
            Table(
                _("Funnel and rates per antenne"),
                rows,
                ["year", "antenne", "received", *rate_cols],
                labels=labels,
            ),
            Table(
                _("Funnel: reception and orientation"),
                counts,
                ["year", "antenne", *_FUNNEL_COLUMNS[:split]],
                labels=count_labels,
            ),
            Table(
                _("Funnel: admissibility, jury and drop-outs"),
                counts,
                ["year", "antenne", *_FUNNEL_COLUMNS[split:]],
                labels=count_labels,
            ),
        ],
    )


def _wait_section(report: PublishedReport) -> Section | None:
    from . import plots

    records = report.monthly.to_records()
    if not records or "median_wait" not in report.monthly.columns:
        return None
    series: dict[str, list[tuple[str, float | None]]] = {}
    for r in records:
        series.setdefault(str(r["antenne"]), []).append((str(r["month"]), r["median_wait"]))
    series = dict(sorted(series.items()))
    fig = plots.plot_lines_by_antenne(series, ylabel=_("median wait (days)"))
    rows = []
    for a, points in series.items():
        known = sorted(v for _m, v in points if v is not None)
        rows.append(
            {
                "antenne": a,
                "months": len(points),
                "withheld": sum(1 for _m, v in points if v is None),
                "lowest": known[0] if known else None,
                "middle": known[len(known) // 2] if known else None,
                "highest": known[-1] if known else None,
                "last": points[-1][1] if points else None,
            }
        )
    labels = {
        "antenne": _("antenne"),
        "months": _("months"),
        "withheld": _("months withheld"),
        "lowest": _("lowest monthly median (days)"),
        "middle": _("median of the monthly medians (days)"),
        "highest": _("highest monthly median (days)"),
        "last": _("last month (days)"),
    }
    return Section(
        id="wait",
        title=_("Waiting time to the first appointment"),
        paragraphs=[
            _(
                "Median number of days between the reception and the first appointment held, per "
                "month of reception and antenne."
            )
        ],
        charts=[_chart(_("Median wait per month, one panel per antenne"), fig)],
        tables=[Table(_("Waiting time per antenne"), rows, list(labels), labels=labels)],
    )


def _durations_section(report: PublishedReport) -> Section:
    from . import plots

    rows = [
        {**r, "measure": i18n.label("measure", r["measure"])} for r in report.durations.to_records()
    ]
    labels = {
        "measure": _("measure"),
        "count": _("cases"),
        "mean": _("mean (days)"),
        "median": _("median (days)"),
        "p90": _("90th percentile (days)"),
    }
    return Section(
        id="durations",
        title=_("Durations"),
        paragraphs=[_("Whole days per case, over the cases that have both ends of a measure.")],
        charts=[_chart(_("Median and 90th percentile"), plots.plot_durations(report))],
        tables=[Table(_("Durations (days)"), rows, list(labels), labels=labels)],
    )


def _last_months(records: Sequence[Mapping[str, Any]], n: int = 12) -> list[Mapping[str, Any]]:
    months = sorted({str(r["month"]) for r in records})[-n:]
    keep = set(months)
    return [r for r in records if str(r["month"]) in keep]


def _monthly_section(report: PublishedReport) -> Section:
    from . import plots

    cols = report.monthly.columns
    labels = {c: i18n.label("column", c) for c in cols}
    labels.update({"month": _("month"), "antenne": _("antenne")})
    return Section(
        id="monthly",
        title=_("Monthly activity"),
        paragraphs=[_("The table shows the last 12 months; every month is in monthly.csv.")],
        charts=[
            _chart(
                _("People received per month, one panel per antenne"), plots.plot_monthly(report)
            )
        ],
        tables=[
            Table(
                _("Monthly activity per antenne"),
                _last_months(report.monthly.to_records()),
                cols,
                labels=labels,
            )
        ],
    )


def _workload_section(report: PublishedReport, pseudonym_note: str) -> Section:
    from . import plots

    per_staff: dict[str, dict[str, Any]] = {}
    for r in _last_months(report.workload.to_records()):
        row = per_staff.setdefault(
            str(r["staff"]), {"staff": r["staff"], "months": 0, "held": 0, "withheld": 0}
        )
        row["months"] += 1
        if r["appointment_held"] is None:
            row["withheld"] += 1
        else:
            row["held"] += r["appointment_held"]
    labels = {
        "staff": _("staff member"),
        "months": _("months"),
        "held": _("appointments held (published months)"),
        "withheld": _("months withheld"),
    }
    paragraphs = [pseudonym_note[:1].upper() + pseudonym_note[1:]] if pseudonym_note else []
    paragraphs.append(
        _(
            "The table sums the last 12 months per staff member; every month is in workload.csv. "
            "The chart shows the 40 busiest."
        )
    )
    return Section(
        id="workload",
        title=_("Counsellor workload"),
        paragraphs=paragraphs,
        charts=[_chart(_("Appointments held per counsellor"), plots.plot_workload(report))],
        tables=[
            Table(
                _("Appointments held per staff member, last 12 months"),
                sorted(per_staff.values(), key=lambda r: str(r["staff"])),
                list(labels),
                labels=labels,
            )
        ],
    )


def _previous_year_section(report: PublishedReport) -> Section | None:
    """The same months of the previous year beside the last year covered (monthly table)."""
    from . import plots

    records = report.monthly.to_records()
    months = sorted({str(r["month"]) for r in records})
    if not months:
        return None
    # This period: the months of the latest year with at least 3 months (the tail of a log, a
    # month or two of late events, is no period); the same months of the year before beside.
    covered = set(months)
    year, this = 0, []
    for y in sorted({int(m[:4]) for m in months}, reverse=True):
        this = [m for m in months if m.startswith(f"{y}-")]
        if len(this) >= 3:
            year = y
            break
    before = {f"{year - 1}-{m[5:]}" for m in this}
    if not year or not before <= covered:
        return None
    measures = [c for c in ("received", "appointment_held") if c in report.monthly.columns]

    def sums(which: set[str]) -> dict[str, dict[str, int | None]]:
        out: dict[str, dict[str, int | None]] = {}
        for r in records:
            if str(r["month"]) in which:
                row = out.setdefault(str(r["antenne"]), dict.fromkeys(measures, 0))
                for c in measures:
                    v, acc = r[c], row[c]
                    row[c] = None if v is None or acc is None else acc + v
        return out

    now, then = sums(set(this)), sums(before)
    antennes = sorted(set(now) | set(then))
    first, last = this[0], this[-1]
    rows = []
    for a in antennes:
        row: dict[str, Any] = {"antenne": a}
        for c in measures:
            p = then.get(a, {}).get(c)
            n = now.get(a, {}).get(c)
            row[f"{c}_before"] = p
            row[f"{c}_now"] = n
            row[f"{c}_change"] = None if p is None or n is None or p == 0 else Rate((n - p) / p)
        rows.append(row)
    span = _("{first} to {last}").format(
        first=i18n.format_month(first), last=i18n.format_month(last)
    )
    fig = plots.plot_bars(
        antennes,
        [now.get(a, {}).get("received") for a in antennes],
        previous=[then.get(a, {}).get("received") for a in antennes],
        current_label=str(year),
        previous_label=str(year - 1),
        xlabel=_("people received (number)"),
    )
    labels = {"antenne": _("antenne")}
    for c in measures:
        name = i18n.label("column", c)
        labels[f"{c}_before"] = f"{name} {year - 1}"
        labels[f"{c}_now"] = f"{name} {year}"
        labels[f"{c}_change"] = _("change")
    return Section(
        id="previous-year",
        title=_("Compared with the previous year"),
        paragraphs=[
            _(
                "From {span}, beside the same months of {previous}, per antenne: people received "
                "and appointments held. A change is withheld when either count is."
            ).format(span=span, previous=year - 1)
        ],
        charts=[_chart(_("People received, same months of two years"), fig)],
        tables=[Table(_("Same period, two years"), rows, list(labels), labels=labels)],
    )


def _columns_of(table: Any, by: str) -> list[str]:
    """The columns of an outcome table as the page shows them (with the title by certification)."""
    columns = [c for c in table.columns if not c.endswith("_rate")]
    if by == "certification":
        columns.insert(1, "title")
    return columns


def _outcomes_section(report: PublishedReport, registry: Any) -> Section | None:
    """The outcome tables published with the report (its one disclosure system)."""
    from . import plots

    tables = []
    charts = []
    for by, title in (
        ("certification", _("Outcomes by certification")),
        ("certifier", _("Outcomes by certifier")),
    ):
        t = report.table(f"outcomes_by_{by}")
        records = t.to_records()
        if not records:
            continue
        rows = []
        for r in records:
            row = dict(r)
            if row.get(by) == "unknown":
                row[by] = _("unknown (not in the registry)")
            elif by == "certification" and registry is not None:
                with contextlib.suppress(Exception):
                    row["title"] = registry[r[by]].title
            for c in ("title", "level", "certifiers"):
                if c in _columns_of(t, by) and row.get(c) is None:
                    row[c] = "—"  # no value (not in the registry), not a withheld count
            for c in ("admissible", "full", "partial", "refused"):
                if row.get(c) is not None:
                    row[c] = CountRate(row[c], r.get(f"{c}_rate"))
            for c in t.columns:
                if isinstance(row[c], list):
                    row[c] = ", ".join(str(x) for x in row[c])
            rows.append(row)
        labels = {
            **_col_labels(t.columns),
            "certification": _("certification"),
            "certifier": _("certifier"),
            "title": _("title"),
            "level": _("level"),
            "certifiers": _("certifiers"),
            "admissible": _("admissible (% of requests sent)"),
            "full": _("full validations (% of juries held)"),
            "partial": _("partial validations (% of juries held)"),
            "refused": _("refusals (% of juries held)"),
            "absent": _("absent from the jury"),
        }
        columns = _columns_of(t, by)
        tables.append(Table(title, rows, columns, labels=labels))
        if by == "certification":
            top = sorted(records, key=lambda r: -(r.get("admissibility_sent") or 0))[:15]
            charts.append(
                _chart(
                    _("Full validations among the juries held, by certification"),
                    plots.plot_bars(
                        [
                            _("unknown (not in the registry)") if r[by] == "unknown" else str(r[by])
                            for r in top
                        ],
                        [r.get("full_rate") for r in top],
                        xlabel=_("full validations (% of juries held)"),
                        percent=True,
                    ),
                )
            )
    if not tables:
        return None
    return Section(
        id="outcomes",
        title=_("Outcomes by certification and certifier"),
        paragraphs=[
            _(
                "Admissibility and jury outcomes of the cases per certification (its level and "
                "certifiers from the registry) and per certifier; cases whose certification is "
                "not in the registry form the « unknown » group."
            )
        ],
        charts=charts,
        tables=tables,
    )


def _due_section(log: EventLog, cases: Sequence[Any] | None, as_of: dt.date) -> Section | None:
    from . import plots

    if cases is None:
        if len(log) > DUE_MAX_EVENTS:
            return Section(
                id="backlog",
                title=_("Backlog and what is due"),
                paragraphs=[
                    _(
                        "Not computed for a log of more than {n} events: give the cases "
                        "(vaekit.report.page(..., cases=...))."
                    ).format(n=i18n.format_decimal(DUE_MAX_EVENTS))
                ],
            )
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "log.jsonl")
            log.write(path)
            cases, _rejects = _vaekit.read_event_log(path).cases(strict=False)
    open_: dict[str, int] = {}
    left: dict[str, int] = {}
    for c in cases:
        stage = str(c.stage)
        where = open_ if c.side_state == "active" and stage in OPEN_STAGES else left
        where[stage] = where.get(stage, 0) + 1
    due = _vaekit.what_is_due(list(cases), as_of)
    kinds: dict[str, int] = {}
    for d in due:
        kinds[d.kind] = kinds.get(d.kind, 0) + 1
    order = sorted(set(open_) | set(left), key=lambda k: (-open_.get(k, 0), -left.get(k, 0), k))
    stage_rows: list[dict[str, Any]] = [
        {"stage": i18n.label("stage", s), "open": open_.get(s, 0), "left": left.get(s, 0)}
        for s in order
    ]
    due_rows: list[dict[str, Any]] = [
        {"kind": i18n.label("due", k), "cases": n}
        for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])
    ]
    charts = [
        _chart(
            _("Cases in progress by stage"),
            plots.plot_bars(
                [r["stage"] for r in stage_rows if r["open"]],
                [r["open"] for r in stage_rows if r["open"]],
                xlabel=_("cases in progress (number)"),
            ),
        )
    ]
    if due_rows:
        charts.append(
            _chart(
                _("What is due"),
                plots.plot_bars(
                    [r["kind"] for r in due_rows],
                    [r["cases"] for r in due_rows],
                    xlabel=_("cases (number)"),
                ),
            )
        )
    return Section(
        id="backlog",
        title=_("Backlog and what is due"),
        paragraphs=[
            _(
                "Cases by stage at the end of the log, and what is due on {date} under the pathway "
                "rules (decisions overdue, juries to schedule, inactive cases...). Internal "
                "working figures: not protected by disclosure control, not for publication."
            ).format(date=i18n.format_date(as_of))
        ],
        charts=charts,
        tables=[
            Table(
                _("Cases by stage"),
                stage_rows,
                ["stage", "open", "left"],
                labels={
                    "stage": _("stage"),
                    "open": _("in progress"),
                    "left": _("closed, dropped out or archived"),
                },
            ),
            Table(
                _("What is due"),
                due_rows,
                ["kind", "cases"],
                labels={"kind": _("what is due"), "cases": _("cases")},
            ),  # fmt: skip
        ],
    )


ERA_STEPS = ("counselled", "admissible", "jury_held", "jury_full")
"""The funnel steps compared between eras (:func:`_eras_section`)."""


def _eras_section(eras: Sequence[tuple[str, PublishedReport]]) -> Section | None:
    """Reports of eras (e.g. idf-2014 and idf-2025) side by side: key figures and rates.

    The table has a column per era; the chart draws the first era beside the last.

    Read from each publication's disclosure-aware summary: a suppressed figure stays « s » and
    a rate over a suppressed figure is not computed.
    """
    from . import plots

    if len(eras) < 2:
        return None
    names = [name for name, _report in eras]
    figures = [report.summary.all for _name, report in eras]
    steps = ("received", *ERA_STEPS, "jury_partial")

    def rate(f: Any, step: str) -> float | None:
        n, d = getattr(f, step), f.received
        return None if n is None or not d else n / d

    rows: list[dict[str, Any]] = []
    for step in steps:
        row: dict[str, Any] = {"figure": i18n.label("column", step)}
        for name, f in zip(names, figures):
            value = getattr(f, step)
            r = rate(f, step)
            row[name] = (
                None
                if value is None
                else i18n.format_decimal(value)
                + ("" if step == "received" or r is None else f" ({i18n.format_percent(r)})")
            )
        rows.append(row)
    durations = {_name: report.summary for _name, report in eras}
    row = {"figure": i18n.label("measure", "whole") + " — " + i18n.label("column", "median")}
    for name in names:
        median = durations[name].whole_median
        row[name] = None if median is None else i18n.format_days(median)
    rows.append(row)
    labels = {"figure": _("figure"), **{n: n for n in names}}
    chart = plots.plot_bars(  # the first era beside the last, as a period beside the previous
        [i18n.label("column", s) for s in ERA_STEPS],
        [rate(figures[-1], s) for s in ERA_STEPS],
        xlabel=_("share of the people received (%)"),
        percent=True,
        previous=[rate(figures[0], s) for s in ERA_STEPS],
        current_label=names[-1],
        previous_label=names[0],
    )
    return Section(
        id="eras",
        title=_("The two eras side by side"),
        paragraphs=[
            _(
                "The same network before the reform (the 2017 pathway: admissibility request, "
                "support, jury) and in the France VAE era (candidacy, feasibility file, jury): "
                "people reaching each step, with their share of the people received. The "
                "France VAE era's feasibility decision counts as the admissibility step."
            )
        ],
        charts=[_chart(_("Share of the people received reaching each step"), chart)],
        tables=[Table(_("Key figures of each era"), rows, list(labels), labels=labels)],
    )


def _simulation_section(simulation: Any) -> Section:
    checks = [
        {
            "metric": c.metric,
            "measured": float(c.measured),
            "target": float(c.target),
            "tolerance": float(c.tolerance),
            "within": bool(c.ok),
            # The scenario's citation, in the page's language when the catalog has it.
            "source": i18n.pgettext("calibration source", c.source),
        }
        for c in simulation.check_targets()
    ]
    labels = {
        "measured": _("measured"),
        "target": _("target"),
        "tolerance": _("tolerance"),
        "within": _("within"),
        "source": _("source"),
    }
    return Section(
        id="simulation",
        title=_("Simulation and calibration"),
        paragraphs=[
            _(
                "Scenario {name}, seed {seed}: {events} events. The figures above are computed on "
                "this simulated year, in the same event-log format as real data."
            ).format(
                name=simulation.scenario.name,
                seed=simulation.seed,
                events=i18n.format_decimal(len(simulation.log)),
            )
        ],
        tables=[
            Table(
                _("Calibration targets"),
                checks,
                ["metric", *labels],
                labels={"metric": _("metric"), **labels},
                codes=("metric",),
            )
        ],
    )


def _programme_section(programme: Any, plan: Any) -> Section:
    titles = {t.id: t.title for t in programme.proposals}
    venues = {v.id: v.name for v in programme.venues}
    rows = [
        {
            "date": i18n.format_date(dt.date.fromisoformat(str(s.date))),
            "audience": i18n.label("audience", s.audience.name.lower()),
            "format": i18n.label("session_format", s.format.name.lower()),
            "topics": " / ".join(titles.get(t, t) for t in s.topics),
            "where": _("phone bridge") if s.phone_bridge else venues.get(s.venue, s.venue),
        }
        for s in plan.sessions
    ]
    labels = {
        "date": _("date"),
        "audience": _("audience"),
        "format": _("format"),
        "topics": _("topics"),
        "where": _("where"),
    }
    return Section(
        id="programme",
        title=_("Professionalisation days"),
        paragraphs=[
            _(
                "{days} days planned exactly with CBC (objective {objective}, proven bound "
                "{bound}), from {topics} topics ranked by the members."
            ).format(
                days=len(plan.sessions),
                objective=i18n.format_decimal(plan.objective, 3),
                bound=i18n.format_decimal(plan.bound, 3),
                topics=len(programme.proposals),
            )
        ],
        tables=[Table(_("Programme calendar"), rows, list(labels), labels=labels)],
    )


def _indicator_label(name: str) -> str:
    m = re.fullmatch(r"share_at_least_(\d+)_of_(\d+)_days", name)
    if m:
        return _("share of the staff trained at least {min} of {of} days").format(
            min=m.group(1), of=m.group(2)
        )
    return i18n.label("indicator", name)


def _training_section(training: Any) -> Section:
    if hasattr(training, "to_records"):
        rows = []
        for r in training.to_records():
            value = r["value"]
            if r["unit"] == "share" and value is not None:
                value = Rate(value)
            rows.append(
                {
                    "indicator": _indicator_label(r["indicator"]),
                    "value": value,
                    "unit": i18n.label("unit", r["unit"]),
                }
            )
        labels = {"indicator": _("indicator"), "value": _("value"), "unit": _("unit")}
        return Section(
            id="training",
            title=_("Training indicators"),
            tables=[Table(_("Training indicators"), rows, list(labels), labels=labels)],
        )
    return Section(
        id="training",
        title=_("Training indicators"),
        paragraphs=[str(line).strip() for line in training if str(line).strip()],
    )


def _registry_value(text: str) -> str:
    value = text.strip()
    if value in ("true", "false"):
        return _("yes") if value == "true" else _("no")
    if value in ("[]", "null", '""'):
        return "—"
    return value.strip("[]").replace('"', "").replace(",", ", ")


def _registry_section(changes: Any) -> Section:
    rows: list[dict[str, Any]] = []
    for code in changes.added:
        rows.append({"code": code, "change": _("added"), "field": "", "old": "", "new": ""})
    for code in changes.deactivated:
        rows.append({"code": code, "change": _("deactivated"), "field": "", "old": "", "new": ""})
    for c in changes.changed:
        rows.append(
            {
                "code": c.code,
                "change": _("changed"),
                "field": i18n.label("registry_field", c.field),
                "old": _registry_value(c.old_value),
                "new": _registry_value(c.new_value),
            }
        )
    labels = {
        "code": _("certification"),
        "change": _("change"),
        "field": _("field"),
        "old": _("before"),
        "new": _("after"),
    }
    return Section(
        id="registry",
        title=_("Certifications that changed"),
        paragraphs=[
            _(
                "Between the two snapshots of the registry: {added} added, {deactivated} "
                "deactivated, {changed} changes of a field."
            ).format(
                added=len(changes.added),
                deactivated=len(changes.deactivated),
                changed=len(changes.changed),
            )
        ],
        tables=[Table(_("Changes of the registry"), rows, list(labels), labels=labels)],
    )


def _publish(
    log: EventLog,
    published: PublishedReport | ActivityReport | None,
    threshold: int,
    key: Any,
    events: Any = None,
    registry: Any = None,
) -> PublishedReport:
    if published is None:
        # The employment and funding tables in the report's one disclosure system, from the
        # events with their data when given, else from the columnar log (no amount or hours).
        return log.report(threshold=threshold, key=key).publish(
            events=log if events is None else events, registry=registry
        )
    if isinstance(published, PublishedReport):
        return published
    return published.publish()


def page(
    log: EventLog,
    *,
    out: str | os.PathLike[str],
    published: PublishedReport | ActivityReport | None = None,
    threshold: int = 11,
    key: Any = None,
    lang: str | None = None,
    registry: Any = None,
    plan: Any = None,
    programme: Any = None,
    training: Any = None,
    simulation: Any = None,
    as_of: dt.date | str | None = None,
    cases: Sequence[Any] | None = None,
    title: str | None = None,
    pseudonym_note: str = "",
    registry_lines: Sequence[str] = (),
    registry_changes: Any = None,
    eras: Sequence[tuple[str, PublishedReport]] = (),
    events: Any = None,
) -> Path:
    """Write the report page of ``log`` to ``out`` (one self-contained HTML file); return its path.

    ``published`` is the report published once (:meth:`vaekit.ActivityReport.publish`); without
    it the log's report is published here at ``threshold`` (cell-key noise and suppression),
    its workload naming staff by keyed pseudonym when ``key`` is given. Each optional section is
    present when its data is: ``registry`` (a :class:`vaekit.Registry`: outcomes by
    certification and certifier, published with the report; a report given as ``published``
    shows the outcome tables it was published with, ``publish(events=..., registry=...)``),
    ``programme`` and ``plan`` (professionalisation days),
    ``training`` (a training-indicators :class:`vaekit.Table` or lines of text), ``simulation``
    (a :class:`vaekit.SimulationResult`: a banner says the data is simulated, and the
    calibration table), ``registry_changes`` (a :class:`vaekit.RegistryChanges`: the
    certifications that changed; ``registry_lines``, lines of text, otherwise), ``eras`` (two
    or more (name, published report) pairs, e.g. the network before the reform and in the
    France VAE era: shown side by side; their profile, employment and funding tables are shown
    too). Without ``published``, the report is published with its employment and funding tables
    from ``events`` (the same log read with its data, :func:`vaekit.read_event_log`: the amounts
    and hours of funding), else from the columnar ``log`` (cases only). ``as_of`` is the
    date of "what is due" (default: the last day of the log's last month); ``cases`` the replayed
    cases when already at hand. ``lang`` is "fr" or "en" (default: the current language of
    :mod:`vaekit.i18n`, French unless set).
    """
    with i18n.use_language(lang):
        report = _publish(log, published, threshold, key, events, registry)
        return write_page(
            out,
            _render(
                log,
                report,
                registry=registry,
                plan=plan,
                programme=programme,
                training=training,
                simulation=simulation,
                as_of=as_of,
                cases=cases,
                title=title,
                pseudonym_note=pseudonym_note,
                registry_lines=registry_lines,
                registry_changes=registry_changes,
                eras=eras,
            ),
        )


def _render(
    log: EventLog,
    report: PublishedReport,
    *,
    registry: Any,
    plan: Any,
    programme: Any,
    training: Any,
    simulation: Any,
    as_of: dt.date | str | None,
    cases: Sequence[Any] | None,
    title: str | None,
    pseudonym_note: str,
    registry_lines: Sequence[str],
    registry_changes: Any = None,
    eras: Sequence[tuple[str, PublishedReport]] = (),
) -> str:
    period = _period(report)
    if as_of is None:
        as_of = _month_date(period[1], last=True) if period else dt.date.today()
    elif isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    threshold = report.threshold

    sections: list[Section | None] = [_funnel_section(report), _wait_section(report)]
    sections.append(
        _cross_section(
            report,
            id_="reception",
            title=_("Reception by channel"),
            intro=_(
                "People received per cohort year, antenne and channel of their first reception "
                "(walk-in, phone, online, information session), published with the funnel: the "
                "total is the funnel's count; counts under {threshold} withheld, with the cells "
                "that would let them be recomputed from any table of the report."
            ).format(threshold=threshold),
            table="by_channel",
            funnel_column="received",
            kind="channel",
            absent="not_stated",
            xlabel=_("share of the people received (%)"),
        )
    )
    sections.append(_durations_section(report))
    sections.append(_outcomes_section(report, registry))
    sections.append(
        _cross_section(
            report,
            id_="dropouts",
            title=_("Drop-outs by reason"),
            intro=_(
                "People who dropped out, per cohort year, antenne and coded reason of their last "
                "drop-out, published with the funnel (the total is its count); a drop-out without "
                "a coded reason is « not coded ». Counts under {threshold} withheld."
            ).format(threshold=threshold),
            table="dropout_reasons",
            funnel_column="dropped_out",
            kind="reason_code",
            absent="not_coded",
            xlabel=_("share of the drop-outs (%)"),
        )
    )
    # The public's profile, employment after the jury and funding: of this report, and of the
    # eras shown beside it.
    annexed: list[tuple[str | None, PublishedReport]] = [(None, report)]
    annexed += [(name, r) for name, r in eras if r is not report]
    sections.append(annex_sections.profile_section(annexed))
    sections.append(annex_sections.employment_section(annexed))
    sections.append(annex_sections.funding_section(annexed))
    if len(log):
        sections.append(_due_section(log, cases, as_of))
    sections.append(_previous_year_section(report))
    sections.append(_monthly_section(report))
    sections.append(_workload_section(report, pseudonym_note))
    sections.append(_eras_section(eras))
    if simulation is not None:
        sections.append(_simulation_section(simulation))
    if programme is not None and plan is not None:
        sections.append(_programme_section(programme, plan))
    if training is not None:
        sections.append(_training_section(training))
    if registry_changes is not None:
        sections.append(_registry_section(registry_changes))
    elif registry_lines:
        sections.append(
            Section(
                id="registry",
                title=_("Certifications that changed"),
                paragraphs=[line.strip() for line in registry_lines if line.strip()],
            )
        )

    summary: dict[str, Any] = {_key_label(k): v for k, v in key_figures(report).items()}
    if simulation is not None and hasattr(simulation, "queue"):
        summary[_("mean wait for a first appointment (days)")] = float(simulation.queue.mean_wait)
    if plan is not None:
        summary[_("professionalisation days planned")] = len(plan.sessions)

    method = report.method
    if method == "none":
        protection = _("Exact figures (no disclosure control): for internal use only.")
    else:
        protection = _(
            "Disclosure control: {method}, threshold {threshold}; {cells} cells withheld (« s »)."
        ).format(
            method=i18n.label("method", method),
            threshold=threshold,
            cells=i18n.format_decimal(report.summary.suppressed_cells),
        )
    header = []
    if period:
        header.append(
            _("Period covered: {start} to {end}; {events} events, {cases} cases.").format(
                start=i18n.format_date(_month_date(period[0])),
                end=i18n.format_date(_month_date(period[1], last=True)),
                events=i18n.format_decimal(len(log)),
                cases=i18n.format_decimal(log.case_count),
            )
        )
    header.append(protection)
    banner = ""
    if simulation is not None:
        banner = _(
            "Simulated data: these figures describe a simulated year ({name}), not a real network."
        ).format(name=simulation.scenario.name)
    if title is None:
        title = _("VAE counselling network: activity report")
    return render_page(
        title,
        [s for s in sections if s is not None],
        summary=summary,
        header_lines=header,
        banner=banner,
    )


def build_page(
    path: Path,
    *,
    report: PublishedReport | ActivityReport,
    result: Any,
    programme: Any,
    plan: Any,
    registry_lines: Sequence[str] = (),
    records_lines: Sequence[str] = (),
    pseudonym_note: str = "",
) -> Path:
    """The page of a simulated year (the earlier API, kept for its callers).

    :func:`page` of ``result.log`` with its simulation, programme and plan sections.
    """
    return page(
        result.log,
        out=path,
        published=report,
        simulation=result,
        programme=programme,
        plan=plan,
        training=list(records_lines) or None,
        registry_lines=registry_lines,
        pseudonym_note=pseudonym_note,
    )
