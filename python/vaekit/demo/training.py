"""Demo step of the training area: plan the year's 16 professionalisation days.

Reads the shipped programme (40 topic proposals ranked by the 36 members, 30 speakers with their
availabilities, 4 venues) and rules from ``examples/data/training/`` (or the copies installed with
the package), solves the schedule exactly with CBC, writes the plan and prints the calendar.
"""

from __future__ import annotations

from pathlib import Path

from .. import _vaekit
from .._data import example_data
from ..i18n import _, format_decimal, pgettext
from ..training import format_calendar

_DATA_NAMES = ("programme-2025.json", "constraints-2025.json")


def plan_year() -> tuple[_vaekit.Programme, _vaekit.Plan]:
    """Solve the shipped programme of the year exactly (CBC); return the programme and its plan."""
    data = example_data("training")
    programme = _vaekit.Programme.from_json((data / _DATA_NAMES[0]).read_text(encoding="utf-8"))
    constraints = _vaekit.ScheduleConstraints.from_json(
        (data / _DATA_NAMES[1]).read_text(encoding="utf-8")
    )
    return programme, _vaekit.schedule(programme, constraints)


def describe(programme: _vaekit.Programme, plan: _vaekit.Plan) -> list[str]:
    """The lines that present a plan: priorities, solver figures, the calendar, violations."""
    weights = _vaekit.topic_priorities(programme, plan.constraints)
    top = sorted(zip(programme.proposals, weights), key=lambda x: (-x[1], x[0].id))[:3]
    own = [s for s in plan.sessions if s.audience == _vaekit.Audience.ASSISTANTS]
    lines = [
        _(
            "{proposals} topic proposals, {ballots} ballots (modified Borda, each audience "
            "weighing as a group); top 3: {top}"
        ).format(
            proposals=format_decimal(len(programme.proposals)),
            ballots=format_decimal(len(programme.ballots)),
            top=", ".join(
                _("{topic} ({points} pts)").format(topic=t.id, points=format_decimal(w, 1))
                for t, w in top
            ),
        ),
        _(
            "Plan: {days} days, status {status}, objective {objective}, bound {bound}, "
            "solved in {seconds} s (CBC)"
        ).format(
            days=format_decimal(len(plan.sessions)),
            status=pgettext("plan status", str(plan.status).split(".")[-1].lower()),
            objective=format_decimal(plan.objective, 3),
            bound=format_decimal(plan.bound, 3),
            seconds=format_decimal(plan.solve_seconds, 2),
        ),
    ]
    formats = sorted(str(s.format).split(".")[-1].lower() for s in own)
    lines.append(
        _("Assistants' own days: {count} ({formats})").format(
            count=format_decimal(len(own)),
            formats=", ".join(pgettext("session format", f) for f in formats),
        )
    )
    lines += format_calendar(plan)
    lines.append(
        _("Hard constraints violated: {count}").format(
            count=format_decimal(len(_vaekit.validate_plan(plan)))
        )
    )
    return lines


def run(out_dir: Path) -> list[str]:
    """Plan the shipped programme, write ``out_dir/training-plan-2025.json``, return the lines."""
    programme, plan = plan_year()
    path = out_dir / "training-plan-2025.json"
    _vaekit.write_file_atomic(str(path), plan.to_json(indent=2) + "\n")
    return [*describe(programme, plan), f"  -> {path}"]
