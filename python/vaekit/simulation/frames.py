"""Pure-Python helpers of the simulation: pandas tables and scenario edits.

Adds to the compiled classes:

- ``QueueStats.to_pandas()``: one row per counsellor (staff, antenne, appointments, busy_hours,
  available_hours, utilisation);
- ``QueueStats.waits_to_pandas()``: one row per person given a first appointment (case index, wait);
- ``SimulationResult.targets_to_pandas()``: the calibration targets against the measured values;
- ``Scenario.to_dict()`` and ``Scenario.updated(changes)``: edit any field by its dotted JSON path,
  e.g. ``scenario.updated({"jury.wait_days.median": 90, "first_appointment.hours_per_day": 3})``,
  with the strict reader checking the result (handy for parameter sweeps).

pandas is imported lazily, so vaekit works without it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._vaekit import QueueStats, Scenario, SimulationResult

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "counsellor_rows",
    "queue_to_pandas",
    "scenario_to_dict",
    "scenario_updated",
    "targets_to_pandas",
    "waits_to_pandas",
]

COUNSELLOR_COLUMNS = (
    "staff",
    "antenne",
    "appointments",
    "busy_hours",
    "available_hours",
    "utilisation",
)


def counsellor_rows(queue: QueueStats) -> list[dict[str, Any]]:
    """One dict per counsellor with the columns of :func:`queue_to_pandas`."""
    return [
        {
            "staff": c.staff,
            "antenne": c.antenne,
            "appointments": c.appointments,
            "busy_hours": c.busy_hours,
            "available_hours": c.available_hours,
            "utilisation": c.utilisation,
        }
        for c in queue.counsellors
    ]


def queue_to_pandas(queue: QueueStats) -> pd.DataFrame:
    """The counsellors' first-appointment workload, one row per counsellor."""
    import pandas as pd

    return pd.DataFrame(counsellor_rows(queue), columns=list(COUNSELLOR_COLUMNS))


def waits_to_pandas(queue: QueueStats) -> pd.DataFrame:
    """One row per person given a first appointment: ``case`` and ``wait_days``.

    ``case`` is the index of the case in the log's cases.
    """
    import pandas as pd

    return pd.DataFrame({"case": queue.wait_case, "wait_days": queue.waits})


def targets_to_pandas(result: SimulationResult) -> pd.DataFrame:
    """The scenario's calibration targets with the measured values, one row per target."""
    import pandas as pd

    rows = [
        {
            "metric": t.metric,
            "target": t.target,
            "tolerance": t.tolerance,
            "measured": t.measured,
            "ok": t.ok,
            "source": t.source,
        }
        for t in result.check_targets()
    ]
    return pd.DataFrame(rows, columns=["metric", "target", "tolerance", "measured", "ok", "source"])


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario's JSON document as a dict (``schema`` included)."""
    doc: dict[str, Any] = json.loads(scenario.to_json(indent=-1))
    return doc


def scenario_updated(scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """A copy of ``scenario`` with ``changes`` applied, checked strictly.

    Keys are dotted paths into the JSON document (``"jury.outcomes.full"``,
    ``"antennes.0.counsellors"``); values replace what is there. The result is read strictly, so
    a misspelt path raises :class:`vaekit.ParseError` naming the field, and shares that no longer
    sum to 1 are refused.
    """
    doc = scenario_to_dict(scenario)
    for path, value in changes.items():
        parts = path.split(".")
        node: Any = doc
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, list):
                index = int(part)
                if last:
                    node[index] = value
                else:
                    node = node[index]
            elif isinstance(node, dict):
                if last:
                    node[part] = value
                else:
                    node = node.setdefault(part, {})
            else:
                raise KeyError(f"{path}: {'.'.join(parts[:i])} is not an object or a list")
    return Scenario.from_json(json.dumps(doc))


def _queue_to_pandas(self: QueueStats) -> pd.DataFrame:
    """The counsellors' first-appointment workload, one row per counsellor."""
    return queue_to_pandas(self)


def _waits_to_pandas(self: QueueStats) -> pd.DataFrame:
    """One row per person given a first appointment: case index and wait in days."""
    return waits_to_pandas(self)


def _targets_to_pandas(self: SimulationResult) -> pd.DataFrame:
    """The calibration targets against the measured values, one row per target."""
    return targets_to_pandas(self)


def _to_dict(self: Scenario) -> dict[str, Any]:
    """The scenario's JSON document as a dict."""
    return scenario_to_dict(self)


def _updated(self: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """A copy with ``changes`` (dotted JSON paths → values) applied and checked strictly."""
    return scenario_updated(self, changes)


setattr(QueueStats, "to_pandas", _queue_to_pandas)  # noqa: B010 (methods added to compiled classes)
setattr(QueueStats, "waits_to_pandas", _waits_to_pandas)  # noqa: B010
setattr(SimulationResult, "targets_to_pandas", _targets_to_pandas)  # noqa: B010
setattr(Scenario, "to_dict", _to_dict)  # noqa: B010
setattr(Scenario, "updated", _updated)  # noqa: B010
