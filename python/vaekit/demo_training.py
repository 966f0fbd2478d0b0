"""Demo step of the training area: plan the year's 16 professionalisation days.

Reads the shipped programme (40 topic proposals ranked by the 36 members, 30 speakers with their
availabilities, 4 venues) and rules from ``examples/data/training/`` (or the copies installed with
the package), solves the schedule exactly with CBC, writes the plan and prints the calendar.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import _vaekit
from .training import format_calendar

_DATA_NAMES = ("programme-2025.json", "constraints-2025.json")


def _data_dir() -> Path:
    here = Path(__file__).resolve()
    candidates = [here.parent / "data" / "training"]
    candidates += [p / "examples" / "data" / "training" for p in here.parents]
    for base in candidates:
        if all((base / n).is_file() for n in _DATA_NAMES):
            return base
    raise FileNotFoundError("examples/data/training/ not found")


def run(out_dir: Path) -> list[str]:
    """Plan the shipped programme, write ``out_dir/training-plan-2025.json``, return the lines."""
    data = _data_dir()
    programme = _vaekit.Programme.from_json((data / _DATA_NAMES[0]).read_text(encoding="utf-8"))
    constraints = _vaekit.ScheduleConstraints.from_json(
        (data / _DATA_NAMES[1]).read_text(encoding="utf-8")
    )
    plan = _vaekit.schedule(programme, constraints)
    path = out_dir / "training-plan-2025.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(json.loads(plan.to_json()), ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")
    tmp.replace(path)
    top = sorted(programme.priorities(), key=lambda p: (p.rank, p.topic))[:3]
    lines = [
        f"{len(programme.proposals)} topic proposals, {len(programme.ballots)} ballots "
        f"(modified Borda); top 3: " + ", ".join(f"{p.topic} ({p.score} pts)" for p in top),
        f"Plan: {len(plan.sessions)} days, status {plan.status}, objective {plan.objective:.3f}, "
        f"bound {plan.bound:.3f}, solved in {plan.solve_seconds:.2f} s (CBC)",
    ]
    lines += format_calendar(plan)
    problems = _vaekit.validate_plan(plan)
    lines.append(f"Hard constraints violated: {len(problems)}  -> {path}")
    return lines
