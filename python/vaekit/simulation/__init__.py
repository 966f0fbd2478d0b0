"""The simulation area: scenarios, the simulator, queue statistics and calibration.

The calibrated simulation of a network: scenarios, the simulator, queue statistics and
calibration targets; tables for pandas (:mod:`vaekit.simulation.frames`).

The compiled classes and functions of the area are re-exported here and at the top level
(``vaekit.Antenne`` is ``vaekit.simulation.Antenne``).
"""

from __future__ import annotations

from .._vaekit import (
    Antenne,
    CalibrationTarget,
    CounsellorLoad,
    QueueStats,
    Scenario,
    SimulationResult,
    TargetCheck,
    simulate,
    simulation_metric_names,
)
from .frames import (
    counsellor_rows,
    queue_to_pandas,
    scenario_to_dict,
    scenario_updated,
    targets_to_pandas,
    waits_to_pandas,
)

__all__ = [
    "Antenne",
    "CalibrationTarget",
    "counsellor_rows",
    "CounsellorLoad",
    "queue_to_pandas",
    "QueueStats",
    "Scenario",
    "scenario_to_dict",
    "scenario_updated",
    "simulate",
    "simulation_metric_names",
    "SimulationResult",
    "TargetCheck",
    "targets_to_pandas",
    "waits_to_pandas",
]
