"""Demo step of the pathway: replay example cases, store them, assess eligibility, show what is due.

Runs on the shipped example data (``examples/data/pathway/``): a small event log v1 of four
fictitious cases and their declared experiences.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import _vaekit
from .._data import example_data
from ..i18n import _, format_date, format_decimal, label, pgettext

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
        _(
            "Event log: {read} events read, {refused} refused; {cases} cases stored in {name}, "
            "{exported} events exported"
        ).format(
            read=format_decimal(log.records_read),
            refused=format_decimal(len(rejects)),
            cases=format_decimal(len(cases)),
            name=db.name,
            exported=format_decimal(exported),
        )
    ]
    for case in cases:
        stage = label("stage", str(case.stage).split(".")[-1].lower())
        side = pgettext("side state", str(case.side_state).split(".")[-1].lower())
        events = _("{count} events").format(count=format_decimal(len(case)))
        lines.append(f"  {case.id}  {stage:34} {side:10} {events}")

    experiences = json.loads((data_dir / "experiences.json").read_text(encoding="utf-8"))
    on = format_date(_vaekit.Date(ON))
    lines.append(
        _("Eligibility on {date} (regime {regime}):").format(
            date=on, regime=_vaekit.Regime.on(ON).name
        )
    )
    for case_id, docs in experiences.items():
        result = _vaekit.eligibility([_experience(d) for d in docs], ON)
        verdict = (
            pgettext("demo", "eligible") if result.eligible else pgettext("demo", "not eligible")
        )
        codes = ", ".join(result.codes)
        hours = format_decimal(float(result.hours), 1)
        lines.append(f"  {case_id}  {verdict:14} {hours:>8} h  {codes}")

    due = _vaekit.what_is_due(cases, ON)
    lines.append(
        _("What is due on {date}: {count} item(s)").format(date=on, count=format_decimal(len(due)))
    )
    for item in due:
        lines.append(f"  {item.due}  {item.case_id}  {item.kind:18} {item.message}")
    by_stage = {s.case_id: s.due for s in store.query(due_by=ON)}
    lines.append(
        _("Store index: {count} case(s) due by {date}: {cases}").format(
            count=format_decimal(len(by_stage)), date=on, cases=", ".join(sorted(by_stage))
        )
    )
    return lines
