"""Training indicators (vaekit.training.indicators) on a hand-worked example.

Attendance (3.5 h a half-day):
  S1 2025-03-11 morning: C1 present, C2 present, C3 absent
  S1 2025-03-11 afternoon: C1 present 2.5 h, C2 excused (1 h, not attended), C3 absent
  S2 2025-03-25 morning: C1 remote (counts), C2 absent, C3 present
  S3 2025-04-08 morning: C1 present, C2 present
  -> C1 13.0 h over 3 days; C2 7.0 h, 2 days; C3 3.5 h, 1 day; C4 (staff register only) 0.
  Staff C1..C4: 23.5 h, 5.875 h a person; at least 2 of 3 days: C1, C2 -> 0.5.
Evaluations: hot R1 (C1) satisfaction 5, utility 4; hot R2 (C2) 3, 2; cold R3 (C1) applied 4.
  -> hot mean (5+4+3+2)/4 = 3.5, cold 4.0; satisfaction only: hot 4.0, cold none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import vaekit
from vaekit.training.indicators import training_hours, training_indicators

RECORDS = Path(__file__).resolve().parents[2] / "tests" / "data" / "training" / "records"


def entry(
    session: str, date: str, half: str, member: str, presence: str, hours: float | None = None
) -> dict[str, Any]:
    return {
        "session": session,
        "date": date,
        "half_day": half,
        "member": member,
        "presence": presence,
        "evidence": "signed_sheet" if presence == "present" else "none",
        "evidence_ref": "",
        "hours": hours,
    }


@pytest.fixture
def attendance() -> vaekit.AttendanceRecord:
    entries = [
        entry("S1", "2025-03-11", "morning", "C1", "present"),
        entry("S1", "2025-03-11", "morning", "C2", "present"),
        entry("S1", "2025-03-11", "morning", "C3", "absent"),
        entry("S1", "2025-03-11", "afternoon", "C1", "present", 2.5),
        entry("S1", "2025-03-11", "afternoon", "C2", "excused", 1.0),
        entry("S1", "2025-03-11", "afternoon", "C3", "absent"),
        entry("S2", "2025-03-25", "morning", "C1", "remote"),
        entry("S2", "2025-03-25", "morning", "C2", "absent"),
        entry("S2", "2025-03-25", "morning", "C3", "present"),
        entry("S3", "2025-04-08", "morning", "C1", "present"),
        entry("S3", "2025-04-08", "morning", "C2", "present"),
    ]
    doc = {
        "schema": "Attendance.1",
        "programme": "pro-test",
        "hours_per_half_day": 3.5,
        "entries": entries,
    }
    return vaekit.AttendanceRecord.from_json(json.dumps(doc))


@pytest.fixture
def evaluations() -> vaekit.EvaluationRecord:
    doc = json.loads((RECORDS / "evaluations.json").read_text(encoding="utf-8"))

    def resp(
        rid: str, member: str, timing: str, date: str, scores: dict[str, int]
    ) -> dict[str, Any]:
        return {
            "id": rid,
            "session": "S1",
            "member": member,
            "respondent": "trainee",
            "timing": timing,
            "date": date,
            "scores": scores,
            "comments": {},
        }

    doc["responses"] = [
        resp("R1", "C1", "hot", "2025-03-11", {"satisfaction": 5, "utility": 4}),
        resp("R2", "C2", "hot", "2025-03-11", {"satisfaction": 3, "utility": 2}),
        resp("R3", "C1", "cold", "2025-04-22", {"applied": 4}),
    ]
    return vaekit.EvaluationRecord.from_json(json.dumps(doc))


@pytest.fixture
def staff() -> vaekit.StaffRegister:
    return vaekit.StaffRegister(
        profiles=[vaekit.StaffProfile(member=m) for m in ["C1", "C2", "C3", "C4"]]
    )


def test_hours_per_person(attendance: vaekit.AttendanceRecord) -> None:
    df = training_hours(attendance)
    assert df.to_dict("list") == {
        "member": ["C1", "C2", "C3"],
        "hours": [13.0, 7.0, 3.5],
        "days": [3, 2, 1],
    }


def test_indicators(
    attendance: vaekit.AttendanceRecord,
    evaluations: vaekit.EvaluationRecord,
    staff: vaekit.StaffRegister,
) -> None:
    df = training_indicators(attendance, evaluations, staff, min_days=2, of_days=3)
    got = dict(zip(df["indicator"], df["value"]))
    assert got == {
        "staff": 4,
        "hours": 23.5,
        "hours_per_person": 5.875,
        "share_at_least_2_of_3_days": 0.5,
        "satisfaction_hot": 3.5,
        "satisfaction_cold": 4.0,
        "responses_hot": 2,
        "responses_cold": 1,
    }
    only = training_indicators(attendance, evaluations, question="satisfaction")
    got = dict(zip(only["indicator"], only["value"]))
    assert got["staff"] == 3 and got["satisfaction_hot"] == 4.0 and got["satisfaction_cold"] is None
    # Default 12 of 16 days: nobody here.
    assert (
        dict(zip(*training_indicators(attendance).to_dict("list").values()))[
            "share_at_least_12_of_16_days"
        ]
        == 0.0
    )
    with pytest.raises(ValueError):
        training_indicators(attendance, min_days=17)
