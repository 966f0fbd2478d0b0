"""The page of the main job: the activity report, the simulation, the programme, on one page.

:func:`build_page` assembles the sections (matplotlib charts inlined as SVG, tables of records)
and writes ``report.html`` with :mod:`vaekit.html_report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .html import Chart, Section, Table, figure_svg, render_page, write_page

__all__ = ["build_page"]


def _chart(title: str, fig: Any, caption: str = "") -> Chart:
    svg = figure_svg(fig)
    return Chart(title=title, svg=svg, caption=caption)


def _calendar_rows(programme: Any, plan: Any) -> list[dict[str, Any]]:
    titles = {t.id: t.title for t in programme.proposals}
    venues = {v.id: v.name for v in programme.venues}
    rows = []
    for s in plan.sessions:
        rows.append(
            {
                "date": str(s.date),
                "day": s.date.weekday.name.lower(),
                "audience": s.audience.name.lower(),
                "format": s.format.name.lower().replace("_", " "),
                "topics": " / ".join(titles.get(t, t) for t in s.topics),
                "where": "phone bridge" if s.phone_bridge else venues.get(s.venue, s.venue),
            }
        )
    return rows


def _lines_section(id_: str, title: str, lines: Sequence[str]) -> Section:
    return Section(id=id_, title=title, paragraphs=[line.strip() for line in lines if line.strip()])


def build_page(
    path: Path,
    *,
    report: Any,
    result: Any,
    programme: Any,
    plan: Any,
    registry_lines: Sequence[str] = (),
    records_lines: Sequence[str] = (),
    pseudonym_note: str = "",
) -> Path:
    """Write the main job's self-contained HTML page to ``path``; return the path.

    ``pseudonym_note`` says how the workload names staff (e.g. by keyed pseudonym, and where the
    key comes from); it is shown above the workload table.
    """
    from . import plots

    doc = report.to_dict()
    totals = [r for r in doc["funnel"] if r["antenne"] is None]
    received = sum(r["received"] or 0 for r in totals)
    summary: dict[str, Any] = {
        "people received": received,
        "admissible requests": sum(r["admissible"] or 0 for r in totals),
        "juries held": sum(r["jury_held"] or 0 for r in totals),
        "full validations": sum(r["jury_full"] or 0 for r in totals),
        "mean wait for a first appointment (days)": float(result.queue.mean_wait),
        "professionalisation days planned": len(plan.sessions),
    }
    funnel_cols = [
        "year", "antenne", "received", "counselled", "oriented_vae", "oriented_vap",
        "oriented_training", "oriented_skills_assessment", "oriented_other",
        "admissibility_sent", "admissible", "jury_held", "jury_full", "jury_partial",
        "jury_refused", "jury_absent", "dropped_out",
    ]  # fmt: skip
    method = doc.get("protection", {}).get("method", "suppression")
    suppressed_note = (
        f"Protection: {method}. Cells under {report.threshold} and the cells that would let "
        f"them be narrowed down are suppressed (—); {len(doc['suppressed'])} cells withheld in all."
        + (" Other counts carry a small cell-key noise." if method == "cell-key" else "")
    )
    sections = [
        Section(
            id="funnel",
            title="Funnel",
            paragraphs=[
                "Distinct cases per cohort (year of the first reception) reaching each step of "
                "the pathway; rows with no antenne are the totals."
            ],
            charts=[_chart("Funnel by cohort year", plots.plot_funnel(report))],
            tables=[Table("Funnel", doc["funnel"], funnel_cols, suppressed_note)],
        ),
        Section(
            id="durations",
            title="Durations",
            paragraphs=["Whole days per case, over the cases that have both ends of a measure."],
            charts=[_chart("Median and 90th percentile", plots.plot_durations(report))],
            tables=[Table("Durations (days)", doc["durations"])],
        ),
        Section(
            id="monthly",
            title="Monthly activity",
            charts=[_chart("People received per month and antenne", plots.plot_monthly(report))],
            tables=[Table("Monthly activity per antenne", doc["monthly"])],
        ),
        Section(
            id="workload",
            title="Counsellor workload",
            paragraphs=[pseudonym_note[:1].upper() + pseudonym_note[1:]] if pseudonym_note else [],
            charts=[_chart("Appointments held per counsellor", plots.plot_workload(report))],
            tables=[Table("Appointments held per counsellor and month", doc["workload"])],
        ),
    ]
    checks = [
        {
            "metric": c.metric,
            "measured": float(c.measured),
            "target": float(c.target),
            "tolerance": float(c.tolerance),
            "within": "yes" if c.ok else "no",
            "source": c.source,
        }
        for c in result.check_targets()
    ]
    sections.append(
        Section(
            id="simulation",
            title="Simulation and calibration",
            paragraphs=[
                f"Scenario {result.scenario.name}, seed {result.seed}: {len(result.log):,} events. "
                "The figures above are computed on this simulated year, in the same event-log "
                "format as real data."
            ],
            tables=[Table("Calibration targets", checks)],
        )
    )
    sections.append(
        Section(
            id="programme",
            title="Professionalisation days",
            paragraphs=[
                f"{len(plan.sessions)} days planned exactly with CBC (objective "
                f"{plan.objective:.3f}, proven bound {plan.bound:.3f}), from "
                f"{len(programme.proposals)} topics ranked by the members."
            ],
            tables=[Table("Programme calendar", _calendar_rows(programme, plan))],
        )
    )
    if records_lines:
        sections.append(_lines_section("training", "Training indicators", records_lines))
    if registry_lines:
        sections.append(_lines_section("registry", "Certifications that changed", registry_lines))
    html = render_page(
        f"VAE counselling network — {result.scenario.name}", sections, summary=summary
    )
    return write_page(path, html)
