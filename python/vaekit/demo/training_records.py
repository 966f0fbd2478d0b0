"""Demo step of the training records: attendance, satisfaction and the Qualiopi evidence.

Reads the shipped plan of the 2025 programme and its records of the first half-year from
``examples/data/training/records/`` (or the copies installed with the package): attendance per
half-day with its evidence, à-chaud and à-froid evaluations, the staff register. Prints the
attendance rates, the satisfaction per session format and the Qualiopi evidence index (as of
30 June 2025), and writes the certificates and the index as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import _vaekit
from ..i18n import format_date, format_decimal, pgettext
from ..training.records import format_attendance, format_evidence_index, format_satisfaction

_DATA_NAMES = ("plan-2025.json", "attendance-2025.json", "evaluations-2025.json", "staff-2025.json")
AS_OF = "2025-06-30"


def _data_dir() -> Path:
    here = Path(__file__).resolve()
    candidates = [here.parent / "data" / "training" / "records"]
    candidates += [p / "examples" / "data" / "training" / "records" for p in here.parents]
    for base in candidates:
        if all((base / n).is_file() for n in _DATA_NAMES):
            return base
    raise FileNotFoundError("examples/data/training/records/ not found")


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def run(out_dir: Path) -> list[str]:
    """Summarise the shipped records; write certificates and the evidence index under out_dir."""
    data = _data_dir()

    def read(name: str) -> str:
        return (data / name).read_text(encoding="utf-8")

    plan = _vaekit.Plan.from_json(read(_DATA_NAMES[0]))
    attendance = _vaekit.AttendanceRecord.from_json(read(_DATA_NAMES[1]))
    evaluations = _vaekit.EvaluationRecord.from_json(read(_DATA_NAMES[2]))
    staff = _vaekit.StaffRegister.from_json(read(_DATA_NAMES[3]))

    report = _vaekit.attendance_report(plan, attendance, as_of=AS_OF)
    held = [s for s in plan.sessions if s.date <= _vaekit.Date(AS_OF)]
    by_format = _vaekit.aggregate_evaluations(
        plan, evaluations, _vaekit.EvaluationGrouping.FORMAT, attendance=attendance, sessions=held
    )
    index = _vaekit.quality_evidence_index(
        plan, 2025, attendance=attendance, evaluations=evaluations, staff=staff, as_of=AS_OF
    )
    certificates = _vaekit.completion_certificates(plan, attendance, as_of=AS_OF, issued=AS_OF)

    out_dir.mkdir(parents=True, exist_ok=True)
    _write(
        out_dir / "training-certificates-2025.json",
        json.dumps([json.loads(c.to_json()) for c in certificates], ensure_ascii=False, indent=2)
        + "\n",
    )
    _write(out_dir / "training-qualiopi-2025.json", index.to_json() + "\n")

    lines = [
        pgettext("demo", "Attendance of the days as of {date} ({count} sessions held)").format(
            date=format_date(_vaekit.Date(AS_OF)), count=format_decimal(len(report.sessions))
        )
    ]
    lines += format_attendance(report)
    lines.append(pgettext("demo", "Satisfaction right after the day, per session format"))
    lines += format_satisfaction(by_format, "satisfaction")
    lines.append(
        pgettext("demo", "{count} completion certificates -> {path}").format(
            count=format_decimal(len(certificates)), path="training-certificates-2025.json"
        )
    )
    lines += format_evidence_index(index)
    return lines
