"""Demo step of the simulation: the two eras of the network, each checked against its targets.

``idf-2014`` (the 2017 pathway, seed 2014) and ``idf-2025`` (the France VAE era, seed 2025) are
run and compared with their calibration targets. ``run(out_dir)`` writes
``simulated-events.jsonl`` (the event log v1, every data field); ``simulate()``,
``simulate_2025()``, ``describe(result)`` and ``compare_eras(r2014, r2025)`` are the parts the main
demo uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import _vaekit

SCENARIO = "idf-2014"
SEED = 2014
SCENARIO_2025 = "idf-2025"
SEED_2025 = 2025


def simulate(training_days: Sequence[Any] | None = None) -> _vaekit.SimulationResult:
    """Simulate ``idf-2014`` with seed 2014.

    ``training_days`` (dates) replaces the scenario's professionalisation days, e.g. the dates of
    the year's training plan.
    """
    scenario = _vaekit.Scenario.builtin(SCENARIO)
    days = list(training_days) if training_days is not None else None
    return _vaekit.simulate(scenario, seed=SEED, training_days=days)


def simulate_2025() -> _vaekit.SimulationResult:
    """Simulate ``idf-2025`` (the same network in the France VAE era) with seed 2025."""
    return _vaekit.simulate(_vaekit.Scenario.builtin(SCENARIO_2025), seed=SEED_2025)


def _is_france_vae(result: _vaekit.SimulationResult) -> bool:
    """Whether the run followed the France VAE pathway (candidacies, some of them accompanied)."""
    return result.metrics["accompanied_share"] > 0 or result.metrics["pathways_confirmed"] > 0


def describe(result: _vaekit.SimulationResult) -> list[str]:
    """The lines that present a run: volumes, the first-appointment queue, the targets."""
    q = result.queue
    m = result.metrics
    reform = _is_france_vae(result)
    people = "candidacies submitted" if reform else "people received"
    first = "Taken charge by an AAP" if reform else "First appointment"
    lines = [
        f"Simulated {result.scenario.name} (seed {result.seed}): {int(m['received']):,} {people}, "
        f"{len(result.log):,} events, {int(m['validated']):,} full validations",
        f"{first}: mean wait {q.mean_wait:.1f} days, 90th percentile "
        f"{q.quantile(0.9):.0f} days, counsellors' utilisation {q.mean_utilisation:.0%} "
        f"({result.scenario.counsellors} counsellors, "
        f"{len(result.scenario.training_days)} training days)",
    ]
    checks = result.check_targets()
    for t in checks:
        mark = "ok" if t.ok else "MISSED"
        lines.append(
            f"  {t.metric:<30} {t.measured:10.3f}  target {t.target:g} ± {t.tolerance:g}  {mark}"
        )
    missed = sum(1 for t in checks if not t.ok)
    lines.append(f"Calibration: {len(checks) - missed} of {len(checks)} targets within tolerance")
    return lines


# The figures shown side by side: (label, metric, format).
ERA_FIGURES: list[tuple[str, str, str]] = [
    ("people received / candidacies", "received", "{:,.0f}"),
    ("accompanied (AAP) share", "accompanied_share", "{:.0%}"),
    ("first appointment / taking charge, mean wait (days)", "wait_mean_days", "{:.1f}"),
    ("admissibility / feasibility files sent", "admissibility_sent", "{:,.0f}"),
    ("admissible", "admissible", "{:,.0f}"),
    ("admissible without a jury", "admissible_without_jury_share", "{:.0%}"),
    ("first jury: full validation", "jury_full_share", "{:.1%}"),
    ("first jury: partial certification", "jury_partial_certification_share", "{:.1%}"),
    ("months to the first jury", "months_to_first_jury", "{:.1f}"),
    ("full validations", "validated", "{:,.0f}"),
    ("caducités (lapsed)", "lapsed", "{:,.0f}"),
    ("funding granted (euros)", "funding_granted_euros", "{:,.0f}"),
    ("cost per certification (euros)", "cost_per_certification", "{:,.0f}"),
    ("women (profile)", "women_share", "{:.0%}"),
    ("in a job 12 months after a certification", "employed_12_certified_share", "{:.0%}"),
]


def compare_eras(r2014: _vaekit.SimulationResult, r2025: _vaekit.SimulationResult) -> list[str]:
    """The two eras side by side: one line per figure, ``-`` where an era does not have it."""

    def cell(result: _vaekit.SimulationResult, metric: str, fmt: str) -> str:
        value = result.metrics[metric]
        return fmt.format(value) if value else "-"

    width = max(len(label) for label, _, _ in ERA_FIGURES)
    lines = [f"  {'':<{width}}  {r2014.scenario.name:>12}  {r2025.scenario.name:>12}"]
    for label, metric, fmt in ERA_FIGURES:
        lines.append(
            f"  {label:<{width}}  {cell(r2014, metric, fmt):>12}  {cell(r2025, metric, fmt):>12}"
        )
    return lines


def run(out_dir: Path, training_days: Sequence[Any] | None = None) -> list[str]:
    """Simulate, write ``simulated-events.jsonl`` under ``out_dir``; return the lines to print."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = simulate(training_days)
    path = out_dir / "simulated-events.jsonl"
    result.write_jsonl(path)
    return [*describe(result), f"Event log written to {path.name}"]
