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
from ..i18n import _, format_decimal, format_percent

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


def N_(message: str) -> str:  # noqa: N802 (gettext's marker name)
    """Mark ``message`` for translation where it is defined; it is translated where shown."""
    return message


def describe(result: _vaekit.SimulationResult) -> list[str]:
    """The lines that present a run: volumes, the first-appointment queue, the targets."""
    q = result.queue
    m = result.metrics
    reform = _is_france_vae(result)
    if reform:
        head = _(
            "Simulated {name} (seed {seed}): {people} candidacies submitted, {events} events, "
            "{validated} full validations"
        )
        first = _("Taken charge by an AAP")
    else:
        head = _(
            "Simulated {name} (seed {seed}): {people} people received, {events} events, "
            "{validated} full validations"
        )
        first = _("First appointment")
    lines = [
        head.format(
            name=result.scenario.name,
            seed=result.seed,
            people=format_decimal(int(m["received"])),
            events=format_decimal(len(result.log)),
            validated=format_decimal(int(m["validated"])),
        ),
        _(
            "{first}: mean wait {wait} days, 90th percentile {p90} days, counsellors' utilisation "
            "{utilisation} ({counsellors} counsellors, {training} training days)"
        ).format(
            first=first,
            wait=format_decimal(q.mean_wait, 1),
            p90=format_decimal(q.quantile(0.9), 0),
            utilisation=format_percent(q.mean_utilisation, 0),
            counsellors=result.scenario.counsellors,
            training=len(result.scenario.training_days),
        ),
    ]
    checks = result.check_targets()
    for t in checks:
        mark = _("ok") if t.ok else _("MISSED")
        target = _("target {value} ± {tolerance}").format(
            value=format_decimal(t.target, 3, trim=True),
            tolerance=format_decimal(t.tolerance, 3, trim=True),
        )
        lines.append(f"  {t.metric:<30} {format_decimal(t.measured, 3):>10}  {target}  {mark}")
    missed = sum(1 for t in checks if not t.ok)
    lines.append(
        _("Calibration: {ok} of {n} targets within tolerance").format(
            ok=len(checks) - missed, n=len(checks)
        )
    )
    return lines


# The figures shown side by side: (label, metric, how it is written: count, percent, decimal).
ERA_FIGURES: list[tuple[str, str, str]] = [
    (N_("people received / candidacies"), "received", "count"),
    (N_("accompanied (AAP) share"), "accompanied_share", "percent"),
    (N_("first appointment / taking charge, mean wait (days)"), "wait_mean_days", "decimal"),
    (N_("admissibility / feasibility files sent"), "admissibility_sent", "count"),
    (N_("admissible"), "admissible", "count"),
    (N_("admissible without a jury"), "admissible_without_jury_share", "percent"),
    (N_("first jury: full validation"), "jury_full_share", "percent"),
    (N_("first jury: partial certification"), "jury_partial_certification_share", "percent"),
    (N_("months to the first jury"), "months_to_first_jury", "decimal"),
    (N_("full validations"), "validated", "count"),
    (N_("caducités (lapsed)"), "lapsed", "count"),
    (N_("funding granted (euros)"), "funding_granted_euros", "count"),
    (N_("cost per certification (euros)"), "cost_per_certification", "count"),
    (N_("women (profile)"), "women_share", "percent"),
    (N_("in a job 12 months after a certification"), "employed_12_certified_share", "percent"),
]


def _figure(value: float, how: str) -> str:
    """One figure as the language writes it; ``-`` where the era has none (0)."""
    if not value:
        return "-"
    if how == "count":
        return format_decimal(round(value))
    if how == "percent":
        return format_percent(value, 1)
    return format_decimal(value, 1)


def compare_eras(r2014: _vaekit.SimulationResult, r2025: _vaekit.SimulationResult) -> list[str]:
    """The two eras side by side: a title, then one line per figure, ``-`` where an era lacks it."""
    labels = [_(label) for label, _metric, _how in ERA_FIGURES]
    width = max(len(label) for label in labels)
    lines = [
        _("The two eras side by side:"),
        f"  {'':<{width}}  {r2014.scenario.name:>12}  {r2025.scenario.name:>12}",
    ]
    for label, (_label, metric, how) in zip(labels, ERA_FIGURES, strict=True):
        a = _figure(r2014.metrics[metric], how)
        b = _figure(r2025.metrics[metric], how)
        lines.append(f"  {label:<{width}}  {a:>12}  {b:>12}")
    return lines


def run(out_dir: Path, training_days: Sequence[Any] | None = None) -> list[str]:
    """Simulate, write ``simulated-events.jsonl`` under ``out_dir``; return the lines to print."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = simulate(training_days)
    path = out_dir / "simulated-events.jsonl"
    result.write_jsonl(path)
    return [*describe(result), _("Event log written to {name}").format(name=path.name)]
