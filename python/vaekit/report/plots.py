"""matplotlib plots of the activity report: funnel, durations, monthly activity, workload.

Each function takes the :class:`vaekit.PublishedReport` of the run (publish once, plot its tables;
an ActivityReport also works but publishes again at each call) and returns a
``matplotlib.figure.Figure`` (suppressed cells are left out, never drawn as zero).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .._vaekit import PublishedReport

__all__ = ["plot_durations", "plot_funnel", "plot_monthly", "plot_workload"]

_STAGES = ["received", "counselled", "oriented_vae", "admissibility_sent", "admissible",
           "jury_held", "jury_full"]  # fmt: skip


def _figure(**kw: Any) -> Figure:
    from .figure import NotebookFigure  # shows itself in Jupyter (no pyplot needed)

    return NotebookFigure(**kw)


def plot_funnel(report: PublishedReport) -> Figure:
    """Horizontal bars of the funnel totals (all antennes) per cohort year.

    A suppressed stage has no bar (NaN), not a bar of length 0.
    """
    fig = _figure(figsize=(7, 4))
    ax = fig.add_subplot()
    rows = [r for r in report.funnel.to_records() if r["antenne"] is None]
    height = 0.8 / max(1, len(rows))
    for i, row in enumerate(rows):
        values = [float(row[s]) if row[s] is not None else math.nan for s in _STAGES]
        ax.barh(
            [k + i * height for k in range(len(_STAGES))],
            values,
            height=height,
            label=str(row["year"]),
        )
    ax.set_yticks(range(len(_STAGES)), _STAGES)
    ax.invert_yaxis()
    ax.set_xlabel("cases")
    ax.set_title("VAE funnel by cohort year")
    ax.legend()
    return fig


def plot_durations(report: PublishedReport) -> Figure:
    """Median and 90th percentile of each duration measure, in days."""
    fig = _figure(figsize=(7, 4))
    ax = fig.add_subplot()
    rows = [r for r in report.durations.to_records() if r["median"] is not None]
    names = [r["measure"] for r in rows]
    ax.bar(names, [r["p90"] for r in rows], color="#c6dbef", label="p90")
    ax.bar(names, [r["median"] for r in rows], color="#2171b5", label="median")
    ax.set_ylabel("days")
    ax.set_title("Durations of the pathway")
    ax.legend()
    return fig


def plot_monthly(report: PublishedReport) -> Figure:
    """Cases received per month, one line per antenne."""
    fig = _figure(figsize=(9, 4))
    ax = fig.add_subplot()
    by_antenne: dict[str, list[tuple[str, int]]] = {}
    for r in report.monthly.to_records():
        if r["received"] is not None:
            by_antenne.setdefault(r["antenne"], []).append((r["month"], r["received"]))
    for antenne, points in sorted(by_antenne.items()):
        ax.plot([p[0] for p in points], [p[1] for p in points], marker=".", label=antenne)
    ax.set_ylabel("received")
    ax.set_title("Monthly activity")
    ax.tick_params(axis="x", labelrotation=90, labelsize=6)
    ax.legend(fontsize=7)
    return fig


def plot_workload(report: PublishedReport) -> Figure:
    """Appointments held per staff member (sum over the published months)."""
    fig = _figure(figsize=(7, 4))
    ax = fig.add_subplot()
    totals: dict[str, int] = {}
    for r in report.workload.to_records():
        if r["appointment_held"] is not None:
            totals[r["staff"]] = totals.get(r["staff"], 0) + r["appointment_held"]
    names = sorted(totals)
    ax.bar(names, [totals[n] for n in names])
    ax.set_ylabel("appointments held (published months)")
    ax.set_title("Counsellor workload")
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    return fig
