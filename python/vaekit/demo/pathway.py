"""Demo step of the pathway: replay example cases, store them, assess eligibility, show what is due.

Runs on the shipped example data (``examples/data/pathway/``): a small event log v1 of four
fictitious cases and their declared experiences.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import _vaekit
from .._data import example_data

ON = "2023-11-15"


def example_dir() -> Path:
    """The folder of the example pathway data (see :func:`vaekit._data.example_data`)."""
    return example_data("pathway")


def _experience(doc: dict[str, object]) -> _vaekit.Experience:
    period = doc.get("period")
    rng = None
    if isinstance(period, dict):
        rng = _vaekit.DateRange(str(period["first"]), str(period["last"]))
    hours = doc.get("hours")
    return _vaekit.Experience(
        str(doc["kind"]),
        period=rng,
        hours=str(hours) if hours is not None else None,
        hours_per_week=str(doc.get("hours_per_week", "35")),
        rome=str(doc["rome"]) if "rome" in doc else None,
    )


def run(out_dir: Path, data_dir: Path | None = None) -> list[str]:
    """Replay the example log into a CaseStore under ``out_dir`` and return the lines to print."""
    data_dir = data_dir if data_dir is not None else example_dir()
    log = _vaekit.read_event_log(data_dir / "cases.jsonl")
    cases, rejects = log.cases(strict=False)
    db = out_dir / "pathway-cases.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = _vaekit.CaseStore(db)
    for case in cases:
        store.save(case, expected_version=0)
    exported = store.export_event_log(out_dir / "pathway-events.jsonl")

    lines = [
        f"Event log: {log.records_read} events read, {len(rejects)} refused; "
        f"{len(cases)} cases stored in {db.name}, {exported} events exported"
    ]
    for case in cases:
        lines.append(f"  {case.id}  {case.stage:26} {case.side_state:8} {len(case)} events")

    experiences = json.loads((data_dir / "experiences.json").read_text(encoding="utf-8"))
    lines.append(f"Eligibility on {ON} (regime {_vaekit.Regime.on(ON).name}):")
    for case_id, docs in experiences.items():
        result = _vaekit.eligibility([_experience(d) for d in docs], ON)
        verdict = "eligible" if result.eligible else "not eligible"
        codes = ", ".join(result.codes)
        lines.append(f"  {case_id}  {verdict:12} {float(result.hours):8.1f} h  {codes}")

    due = _vaekit.what_is_due(cases, ON)
    lines.append(f"What is due on {ON}: {len(due)} item(s)")
    for item in due:
        lines.append(f"  {item.due}  {item.case_id}  {item.kind:18} {item.message}")
    by_stage = {s.case_id: s.due for s in store.query(due_by=ON)}
    lines.append(f"Store index: {len(by_stage)} case(s) due by {ON}: {', '.join(sorted(by_stage))}")
    return lines
