"""Demo step: the activity report of the shipped example event log, with disclosure control.

Writes ``out_dir/report.json`` and the four tables as CSV; prints the headline figures.
"""

from __future__ import annotations

import json
import pathlib

from ._data import example_data
from ._vaekit import EventLog


def _example_log() -> pathlib.Path:
    """The shipped example event log (see :func:`vaekit._data.example_data`)."""
    return example_data("analytics") / "eventlog.jsonl"


def run(out_dir: pathlib.Path) -> list[str]:
    """Computes the report of the example log, writes it under ``out_dir``; returns the lines."""
    log = EventLog.read(_example_log())
    report = log.report(threshold=11).publish()  # cell-key noise + suppression under 11
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
