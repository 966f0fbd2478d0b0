"""The outputs of `vaekit report` for a large log, timed after reading (issue 14: ≤ 10 s for 10M
events): the report (one pass), its publication, the HTML page (when vaekit.report.page is there),
the workbook, the CSV files for French Excel and the machine CSV files.

    python bench/gen_eventlog.py --events 10000000 --out /tmp/ev-10M.jsonl
    PYTHONPATH=build/ci/python python bench/report_outputs.py /tmp/ev-10M.jsonl

Reading the log is timed apart (it is the import's and EventLog.read's benchmark, not this one).
Each step prints its wall time and the CPU time of the process (on a machine shared with other
jobs, the CPU time is what the step costs; the wall time what a user waited).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vaekit
from vaekit import report as vreport


def _timed(label: str, fn: Callable[[], Any], times: dict[str, tuple[float, float]]) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    times[label] = (time.perf_counter() - start, time.process_time() - cpu)
    wall, used = times[label]
    print(f"  {label:<34} {wall:7.2f} s wall {used:7.2f} s CPU", flush=True)
    return value


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("log", help="an event log (JSON Lines), e.g. from bench/gen_eventlog.py")
    p.add_argument("--threshold", type=int, default=11)
    p.add_argument("--lang", default="fr")
    args = p.parse_args()

    start = time.perf_counter()
    log = vaekit.EventLog.read(args.log)
    read = time.perf_counter() - start
    print(f"{args.log}: {len(log):,} events read in {read:.1f} s (not counted)")

    times: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rep = _timed(
            "report (one pass over the log)", lambda: log.report(threshold=args.threshold), times
        )
        pub = _timed("publish (cell-key, audit)", lambda: rep.publish(), times)
        page = getattr(vreport, "page", None)
        if page is not None:
            _timed(
                "HTML page",
                lambda: page(log, out=out / "report.html", published=pub, lang=args.lang),
                times,
            )
        _timed(
            "workbook (xlsx)", lambda: vreport.workbook(pub, out / "r.xlsx", lang=args.lang), times
        )
        _timed(
            "CSV for French Excel",
            lambda: vreport.excel_csv(pub, out / "excel", lang=args.lang),
            times,
        )
        _timed("machine CSV + report.json", lambda: pub.write(str(out / "machine")), times)
        sizes = {t: len(pub.table(t)) for t in ("funnel", "durations", "monthly", "workload")}
    wall = sum(t[0] for t in times.values())
    used = sum(t[1] for t in times.values())
    print(f"  {'total after reading':<34} {wall:7.2f} s wall {used:7.2f} s CPU (target 10 s)")
    print(f"  table rows: {sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
