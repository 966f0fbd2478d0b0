"""Time of the report page (vaekit.report.page) of a large event log, after reading it.

    python bench/gen_eventlog.py --events 10000000 --out /tmp/ev-10M.jsonl
    PYTHONPATH=build/ci/python python bench/report_page.py /tmp/ev-10M.jsonl

Prints the time to read the log, to compute and publish the report (C++), and to build and
write the page (the page's own tables over the Arrow columns, the charts, the HTML), wall and
CPU time (on a loaded machine the CPU time is the steadier). The imports of matplotlib,
pyarrow, jinja2 and Babel are done first, not counted (once a process).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

import babel  # noqa: F401
import jinja2  # noqa: F401
import matplotlib  # noqa: F401
import pyarrow  # noqa: F401

import vaekit
from vaekit.report import page


def main(path: str) -> None:
    """Read ``path``, publish its report, write its page; print the three times."""
    t = time.perf_counter()
    log = vaekit.EventLog.read(path)
    print(f"read {len(log):,} events in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    published = log.report(threshold=11).publish()
    print(f"report + publish {time.perf_counter() - t:.1f} s", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        t, cpu = time.perf_counter(), time.process_time()
        out = page(log, out=os.path.join(tmp, "report.html"), published=published)
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        size = os.path.getsize(out)
        print(f"page {wall:.1f} s wall, {cpu:.1f} s CPU, {size:,} bytes", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
