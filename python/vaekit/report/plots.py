"""matplotlib charts of the report page: funnel, rates per antenne, durations, lines, bars.

The plotting functions take already-published figures (a :class:`vaekit.PublishedReport` or the
rows the page computes from it) and return a ``matplotlib.figure.Figure``. Every label comes from
the message catalog (:mod:`vaekit.i18n`, French by default) and carries its unit; numbers on the
axes follow the language's rules (Babel). A suppressed cell (``None``) is never drawn as 0: its
bar is a hatched grey band annotated « s » (the legend of the page explains it).

Many antennes are drawn as small multiples (one small panel per antenne, same scales) rather than
as many overlapping lines.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..i18n import _

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .._vaekit import ActivityReport, PublishedReport

__all__ = [
    "SUPPRESSED_MARK",
    "plot_bars",
    "plot_durations",
    "plot_funnel",
    "plot_lines_by_antenne",
    "plot_monthly",
    "plot_rates_by_antenne",
    "plot_workload",
]

#: The mark of a suppressed cell, in charts and tables (« s », secret statistique).
SUPPRESSED_MARK = "s"

FUNNEL_STAGES = ("received", "counselled", "oriented_vae", "admissibility_sent", "admissible",
                 "jury_held", "jury_full")  # fmt: skip

_BLUE = "#2171b5"
_LIGHT = "#9ecae1"
_HATCH_FACE = "#f0f0f0"
_HATCH_EDGE = "#8c8c8c"


def _figure(**kw: Any) -> Figure:
    from .figure import NotebookFigure  # shows itself in Jupyter (no pyplot needed)

    return NotebookFigure(**kw)


def _published(report: PublishedReport | ActivityReport) -> PublishedReport:
    from .._vaekit import PublishedReport

    return report if isinstance(report, PublishedReport) else report.publish()


def _number_axis(ax: Axes, axis: str = "x", percent: bool = False) -> None:
    """Tick labels formatted by the language's rules (« 1 000 », « 50 % »)."""
    from matplotlib.ticker import FuncFormatter

    if percent:  # fixed ticks: cheaper than a formatter on every panel of small multiples
        ticks = [0.0, 0.5, 1.0]
        labels = [i18n.format_percent(t, decimals=0) for t in ticks]
        (ax.set_xticks if axis == "x" else ax.set_yticks)(ticks, labels)
        return

    def fmt(value: float, _pos: int) -> str:
        if float(value).is_integer():
            return i18n.format_decimal(int(value))
        return i18n.format_decimal(value, 1)

    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(FuncFormatter(fmt))


def _suppressed_barh(ax: Axes, y: float, height: float, extent: float) -> None:
    """A hatched band over the whole axis at ``y``, annotated « s »: a suppressed value."""
    ax.barh(
        y, extent, height=height, color=_HATCH_FACE, edgecolor=_HATCH_EDGE, hatch="///",
        linewidth=0.5,
    )  # fmt: skip
    ax.text(
        extent * 0.02, y, SUPPRESSED_MARK, va="center", ha="left", fontsize=8,
        fontweight="bold", color="#444444",
    )  # fmt: skip


def _hbars(
    ax: Axes,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    *,
    percent: bool = False,
) -> None:
    """Horizontal bars, one group per label, one bar per series; None: suppressed (hatched, s)."""
    known = [v for _name, values, _c in series for v in values if v is not None]
    extent = 1.0 if percent else (max(known) if known else 1.0) or 1.0
    n = max(1, len(series))
    height = 0.8 / n
    for i, (name, values, color) in enumerate(series):
        ys = [k + (i - (n - 1) / 2) * height for k in range(len(labels))]
        for y, v in zip(ys, values, strict=True):
            if v is None:
                _suppressed_barh(ax, y, height, extent)
        ax.barh(
            ys,
            [math.nan if v is None else float(v) for v in values],
            height=height,
            color=color,
            label=name,
        )
    ax.set_yticks(range(len(labels)), list(labels))
    ax.set_ylim(max(len(labels), 3) - 0.5, -0.5)  # top to bottom; a few bars stay thin
    if percent:
        ax.set_xlim(0, 1)
    _number_axis(ax, "x", percent=percent)


def plot_funnel(report: PublishedReport | ActivityReport) -> Figure:
    """Horizontal bars of the funnel totals (all antennes), one bar per cohort year.

    A suppressed stage is a hatched band annotated « s », never a bar of length 0.
    """
    report = _published(report)
    fig = _figure(figsize=(7, 4))
    ax = fig.add_subplot()
    rows = [r for r in report.funnel.to_records() if r["antenne"] is None]
    palette = [_LIGHT, _BLUE, "#08519c", "#6baed6"]
    series = [
        (str(r["year"]), [r[s] for s in FUNNEL_STAGES], palette[i % len(palette)])
        for i, r in enumerate(rows)
    ]
    _hbars(ax, [i18n.label("column", s) for s in FUNNEL_STAGES], series)
    ax.set_xlabel(_("cases (number of people)"))
    ax.set_title(_("Funnel by cohort year"))
    if series:
        ax.legend(title=_("cohort"), fontsize=8)
    return fig


def plot_rates_by_antenne(
    panels: Mapping[str, Sequence[float | None]],
    stages: Sequence[str],
    *,
    previous: Mapping[str, Sequence[float | None]] | None = None,
    current_label: str = "",
    previous_label: str = "",
    columns: int = 4,
) -> Figure:
    """Small multiples: one panel per antenne, the rate of each step (share of the people received).

    ``panels`` maps an antenne to one rate per stage (None: suppressed, drawn hatched « s »);
    ``previous`` (optional) gives the same rates for the previous year, drawn beside in a lighter
    colour. Every panel shares the 0–100 % scale, so antennes compare at a glance.
    """
    names = list(panels)
    cols = max(1, min(columns, len(names)))
    nrows = max(1, math.ceil(len(names) / cols))
    # Fixed margins in inches (no layout engine: a layout pass over many panels is slow).
    width, panel = 2.2 * cols + 2.3, 0.2 * len(stages) + 0.55
    height = panel * nrows + 0.95
    fig = _figure(figsize=(width, height))
    fig.subplots_adjust(
        left=2.2 / width, right=1 - 0.25 / width, top=1 - 0.45 / height, bottom=0.5 / height,
        wspace=0.2, hspace=0.5 / (panel - 0.5),
    )  # fmt: skip
    labels = [i18n.label("column", s) for s in stages]
    axes = fig.subplots(nrows, cols, squeeze=False, sharex=True, sharey=True)
    for k, ax in enumerate(axes.flat):
        if k >= len(names):
            ax.set_visible(False)
            continue
        name = names[k]
        series = []
        if previous is not None and name in previous:
            series.append((previous_label, previous[name], _LIGHT))
        series.append((current_label, panels[name], _BLUE))
        _hbars(ax, labels, series, percent=True)
        ax.set_title(name, fontsize=9)
        ax.tick_params(labelsize=7)
        if k % cols == 0:
            ax.set_yticks(range(len(labels)), labels)
    fig.supxlabel(_("share of the people received (%)"), fontsize=9, y=0.1 / height)
    if previous:
        handles, texts = axes.flat[0].get_legend_handles_labels()
        fig.legend(
            handles, texts, loc="upper center", bbox_to_anchor=(0.5, 1.0), fontsize=8, ncols=2,
            frameon=False,
        )  # fmt: skip
    return fig


def plot_lines_by_antenne(
    series: Mapping[str, Sequence[tuple[str, float | None]]],
    *,
    ylabel: str,
    columns: int = 4,
) -> Figure:
    """Small multiples of a monthly measure: one panel per antenne, the same scales.

    ``series`` maps an antenne to (month, value) points; a suppressed month (None) is marked « s »
    on the axis, never drawn as 0, and breaks the line.
    """
    names = list(series)
    cols = max(1, min(columns, len(names)))
    nrows = max(1, math.ceil(len(names) / cols))
    width, panel = 2.4 * cols + 0.9, 1.75
    height = panel * nrows + 0.75
    fig = _figure(figsize=(width, height))
    fig.subplots_adjust(
        left=0.8 / width, right=1 - 0.15 / width, top=1 - 0.3 / height, bottom=0.6 / height,
        wspace=0.1, hspace=0.45 / (panel - 0.45),
    )  # fmt: skip
    axes = fig.subplots(nrows, cols, squeeze=False, sharex=True, sharey=True)
    months = sorted({m for points in series.values() for m, _v in points})
    where = {m: i for i, m in enumerate(months)}
    for k, ax in enumerate(axes.flat):
        if k >= len(names):
            ax.set_visible(False)
            continue
        points = series[names[k]]
        xs = [where[m] for m, _v in points]
        ys = [math.nan if v is None else float(v) for _m, v in points]
        ax.plot(xs, ys, marker=".", color=_BLUE, linewidth=1.2)
        for x, (_m, v) in zip(xs, points, strict=True):
            if v is None:
                ax.annotate(
                    SUPPRESSED_MARK, (x, 0), xycoords=("data", "axes fraction"),
                    xytext=(0, 2), textcoords="offset points", ha="center", fontsize=7,
                    color="#444444",
                )  # fmt: skip
        ax.set_title(names[k], fontsize=9)
        ax.tick_params(labelsize=7)
        _number_axis(ax, "y")
    if months:
        step = max(1, len(months) // 4)
        ticks = list(range(0, len(months), step))
        for ax in axes[-1]:
            ax.set_xticks(ticks, [months[t] for t in ticks], rotation=45, fontsize=6)
    fig.supylabel(ylabel, fontsize=9, x=0.1 / width)
    return fig


def plot_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    xlabel: str,
    title: str = "",
    percent: bool = False,
    previous: Sequence[float | None] | None = None,
    current_label: str = "",
    previous_label: str = "",
) -> Figure:
    """Horizontal bars of one measure per category (None: suppressed, hatched « s »).

    ``previous`` (optional) draws the previous period's value beside each bar.
    """
    fig = _figure(figsize=(7, 0.35 * max(3, len(labels)) + 1.2))
    ax = fig.add_subplot()
    series: list[tuple[str, Sequence[float | None], str]] = []
    if previous is not None:
        series.append((previous_label, previous, _LIGHT))
    series.append((current_label, values, _BLUE))
    _hbars(ax, labels, series, percent=percent)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    if previous is not None:
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_durations(report: PublishedReport | ActivityReport) -> Figure:
    """Median and 90th percentile of each duration measure, in days (suppressed: hatched « s »)."""
    report = _published(report)
    fig = _figure(figsize=(7, 3.6))
    ax = fig.add_subplot()
    rows = report.durations.to_records()
    labels = [i18n.label("measure", r["measure"]) for r in rows]
    _hbars(
        ax,
        labels,
        [
            (_("90th percentile"), [r["p90"] for r in rows], _LIGHT),
            (_("median"), [r["median"] for r in rows], _BLUE),
        ],
    )
    ax.set_xlabel(_("days"))
    ax.set_title(_("Durations of the pathway"))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_monthly(report: PublishedReport | ActivityReport) -> Figure:
    """People received per month, one small panel per antenne (suppressed months marked « s »)."""
    report = _published(report)
    by_antenne: dict[str, list[tuple[str, float | None]]] = {}
    for r in report.monthly.to_records():
        by_antenne.setdefault(str(r["antenne"]), []).append((str(r["month"]), r["received"]))
    return plot_lines_by_antenne(
        dict(sorted(by_antenne.items())), ylabel=_("people received (per month)")
    )


def plot_workload(report: PublishedReport | ActivityReport, top: int = 40) -> Figure:
    """Appointments held per staff member (sum over the published months; suppressed left out).

    With more than ``top`` staff members, the ``top`` busiest.
    """
    report = _published(report)
    totals: dict[str, int] = {}
    for r in report.workload.to_records():
        if r["appointment_held"] is not None:
            totals[r["staff"]] = totals.get(r["staff"], 0) + r["appointment_held"]
    names = sorted(sorted(totals, key=lambda n: -totals[n])[:top])
    fig = plot_bars(
        [n[:12] for n in names],
        [totals[n] for n in names],
        xlabel=_("appointments held (published months)"),
        title=_("Counsellor workload"),
    )
    return fig
