"""Demo step of the simulation: simulate ``idf-2014`` (seeded) and check its targets.

The shipped scenario is run with seed 2014 and compared with its calibration targets.
``run(out_dir)`` writes ``simulated-events.jsonl`` (the event log v1, every data field);
``simulate()`` and ``describe(result)`` are the two halves, for the main demo.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import _vaekit

SCENARIO = "idf-2014"
SEED = 2014


def simulate(training_days: Sequence[Any] | None = None) -> _vaekit.SimulationResult:
    """Simulate ``idf-2014`` with seed 2014.

    ``training_days`` (dates) replaces the scenario's professionalisation days, e.g. the dates of
    the year's training plan.
    """
    scenario = _vaekit.Scenario.builtin(SCENARIO)
    days = list(training_days) if training_days is not None else None
    return _vaekit.simulate(scenario, seed=SEED, training_days=days)


def describe(result: _vaekit.SimulationResult) -> list[str]:
    """The lines that present a run: volumes, the first-appointment queue, the targets."""
    q = result.queue
    m = result.metrics
    lines = [
        f"Simulated {result.scenario.name} (seed {result.seed}): {int(m['received']):,} people "
        f"received, {len(result.log):,} events, {int(m['validated']):,} full validations",
        f"First appointment: mean wait {q.mean_wait:.1f} days, 90th percentile "
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


def run(out_dir: Path, training_days: Sequence[Any] | None = None) -> list[str]:
    """Simulate, write ``simulated-events.jsonl`` under ``out_dir``; return the lines to print."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = simulate(training_days)
    path = out_dir / "simulated-events.jsonl"
    result.write_jsonl(path)
    return [*describe(result), f"Event log written to {path.name}"]
