"""Demo step of the simulation: simulate ``idf-2014`` (seeded) and check its targets.

The shipped scenario is run with seed 2014 and compared with its calibration targets.

Writes ``simulated-events.jsonl`` (the event log v1, every data field) under the output folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import _vaekit

SCENARIO = "idf-2014"
SEED = 2014


def run(out_dir: Path, training_days: Sequence[Any] | None = None) -> list[str]:
    """Simulate ``idf-2014`` with seed 2014 and return the lines to print.

    ``training_days`` (dates) replaces the scenario's professionalisation days, e.g. the dates of
    the year's training plan.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    scenario = _vaekit.Scenario.builtin(SCENARIO)
    days = list(training_days) if training_days is not None else None
    result = _vaekit.simulate(scenario, seed=SEED, training_days=days)
    path = out_dir / "simulated-events.jsonl"
    result.write_jsonl(path)
    q = result.queue
    m = result.metrics
    lines = [
        f"Simulated {SCENARIO} (seed {SEED}): {int(m['received']):,} people received, "
        f"{len(result.log):,} events in {path.name}",
        f"First appointment: mean wait {q.mean_wait:.1f} days, 90th percentile "
        f"{q.quantile(0.9):.0f} days, counsellors' utilisation {q.mean_utilisation:.0%} "
        f"({scenario.counsellors} counsellors, {len(result.scenario.training_days)} training days)",
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
