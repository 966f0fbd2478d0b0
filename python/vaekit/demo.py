"""The main job of the README: run every area's demo step on the embedded example data.

Each area contributes a module ``vaekit.demo_<area>`` with ``run(out_dir) -> list[str]``; the steps
run in dependency order and their lines are printed. Outputs are written under ``out_dir``.
"""

from __future__ import annotations

import importlib
import json
import time
from pathlib import Path

from . import _vaekit

STEPS = ("calendar", "registry", "pathway", "training", "analytics", "simulation")


def run_calendar(out_dir: Path, year: int = 2024) -> list[str]:
    """Write the French working-day calendar of ``year`` to ``out_dir/calendar-<year>.json``."""
    cal = _vaekit.FrenchCalendar()
    months: list[dict[str, object]] = []
    total = 0
    for month in range(1, 13):
        first = _vaekit.Date(year, month, 1)
        last = (
            _vaekit.Date(year + 1, 1, 1) if month == 12 else _vaekit.Date(year, month + 1, 1)
        ) - 1
        n = len(cal.working_days(_vaekit.DateRange(first, last)))
        total += n
        months.append({"month": f"{year}-{month:02d}", "working_days": n})
    doc = {
        "schema": "WorkingCalendar.1",
        "year": year,
        "region": "metropolitan",
        "holidays": [{"date": str(h.date), "name": h.name} for h in cal.holidays(year)],
        "months": months,
        "working_days": total,
    }
    path = out_dir / f"calendar-{year}.json"
    _write_json(path, doc)
    lines = [f"French public holidays {year} (metropolitan):"]
    lines += [f"  {h.date}  {h.date.weekday.name.lower():9}  {h.name}" for h in cal.holidays(year)]
    lines.append(f"Working days in {year}: {doc['working_days']}  -> {path}")
    return lines


def _write_json(path: Path, doc: object) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def run(out_dir: Path) -> int:
    """Run every available step, print their lines, and return 0 on success."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for step in STEPS:
        start = time.perf_counter()
        if step == "calendar":
            lines = run_calendar(out_dir)
        else:
            try:
                module = importlib.import_module(f"vaekit.demo_{step}")
            except ModuleNotFoundError as exc:
                if exc.name != f"vaekit.demo_{step}":
                    raise
                continue
            lines = module.run(out_dir)
        print(f"== {step} ({time.perf_counter() - start:.2f} s)")
        for line in lines:
            print(line)
        print()
    print(f"Outputs written to {out_dir}/")
    return 0
