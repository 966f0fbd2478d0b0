"""Side by side: the activity report with vaekit and with pandas (tests/python/reference_report.py)
on the same JSON Lines file, end to end (read + report), checked equal.

    python bench/gen_eventlog.py --events 1000000 --out /tmp/eventlog-1M.jsonl
    PYTHONPATH=build/<you>/python python bench/analytics_vs_pandas.py /tmp/eventlog-1M.jsonl
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))

from reference_report import load_events, reference_report  # noqa: E402

import vaekit  # noqa: E402


def main() -> int:
    path = (
        sys.argv[1]
        if len(sys.argv) > 1
        else str(
            Path(__file__).resolve().parents[1]
            / "examples"
            / "data"
            / "analytics"
            / "eventlog.jsonl"
        )
    )
    t0 = time.perf_counter()
    log = vaekit.EventLog.read(path)
    t1 = time.perf_counter()
    mine = json.loads(log.report(threshold=0).to_json())
    assert mine.pop("protection")["method"] == "none"  # exact figures, compared as such
    t2 = time.perf_counter()
    df = load_events(path)
    t3 = time.perf_counter()
    theirs = reference_report(df)
    t4 = time.perf_counter()
    assert mine == theirs, "vaekit and pandas disagree"
    print(f"{len(log)} events")
    print(f"vaekit: read {t1 - t0:.3f} s, report {t2 - t1:.3f} s, total {t2 - t0:.3f} s")
    print(f"pandas: read {t3 - t2:.3f} s, report {t4 - t3:.3f} s, total {t4 - t2:.3f} s")
    print(f"ratio (pandas / vaekit, end to end): {(t4 - t2) / (t2 - t0):.1f}x; equal: True")
    return 0


if __name__ == "__main__":
    sys.exit(main())
