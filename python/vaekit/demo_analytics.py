"""Demo step: the activity report of the shipped example event log, with disclosure control.

Writes ``out_dir/report.json`` and the four tables as CSV; prints the headline figures.
"""

from __future__ import annotations

import json
import pathlib

from ._vaekit import EventLog

EXAMPLE = (
    pathlib.Path(__file__).resolve().parents[2]
    / "examples"
    / "data"
    / "analytics"
    / "eventlog.jsonl"
)


def _example_log() -> pathlib.Path:
    """The example event log, in the source tree or beside an installed package."""
    if EXAMPLE.exists():
        return EXAMPLE
    here = pathlib.Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "data" / "analytics" / "eventlog.jsonl"
        if candidate.exists():
            return candidate
    raise FileNotFoundError("examples/data/analytics/eventlog.jsonl not found")


def run(out_dir: pathlib.Path) -> list[str]:
    """Computes the report of the example log, writes it under ``out_dir``; returns the lines."""
    log = EventLog.read(_example_log())
    report = log.report(threshold=11)
    out_dir.mkdir(parents=True, exist_ok=True)
    report.write(out_dir)
    doc = json.loads(report.to_json())
    totals = [r for r in doc["funnel"] if r["antenne"] is None]
    lines = [f"analytics: {len(log)} events, {log.case_count} cases -> {out_dir / 'report.json'}"]
    for row in totals:
        lines.append(
            f"  {row['year']}: received {row['received']}, counselled {row['counselled']}, "
            f"admissible {row['admissible']}, jury {row['jury_held']} (full {row['jury_full']})"
        )
    whole = next(d for d in doc["durations"] if d["measure"] == "whole")
    lines.append(
        f"  whole pathway: median {whole['median']} days, p90 {whole['p90']} days "
        f"over {whole['count']} cases; {len(doc['suppressed'])} cells suppressed (threshold 11)"
    )
    return lines
