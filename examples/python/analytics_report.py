"""Activity report of the shipped example event log.

Reads examples/data/analytics/eventlog.jsonl (relative to the repository root), computes the
reference activity report with the default disclosure threshold (11), prints the funnel with
pandas and writes the log as XES to $VAEKIT_EXAMPLE_OUT (default: a new temporary directory).

Run from the repository root: ``python examples/python/analytics_report.py``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import vaekit

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "examples" / "data" / "analytics" / "eventlog.jsonl"


def main() -> None:
    log = vaekit.EventLog.read(LOG)
    print(f"{len(log)} events, {log.case_count} cases read from {LOG.relative_to(ROOT)}")
    report = log.report(threshold=11)
    funnel = report.funnel.to_pandas()
    print("Funnel (cells under 11 suppressed: shown as <NA>):")
    print(funnel.to_string(index=False))
    print(report.durations.to_pandas().to_string(index=False))
    out = Path(os.environ.get("VAEKIT_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="vaekit-analytics-"))
    out.mkdir(parents=True, exist_ok=True)
    xes = out / "eventlog.xes"
    log.to_xes(xes)
    print(f"XES written to {xes}")


if __name__ == "__main__":
    main()
