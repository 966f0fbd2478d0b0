"""Durable import of a large event log into a PostgreSQL case store (issue 16: the 10M-event,
1M-case log in <= 120 s, server local).

Starts a throw-away local server (tests/python/pg_harness.py: initdb + pg_ctl in a temporary
folder, ``fsync=on``, ``synchronous_commit=on``), creates an empty database and times, as
``vaekit cases import LOG --store URL`` does, opening the store and ``import_event_log`` (the
C++ import: one scan and fold, then COPY batches of ``--batch-cases`` cases per transaction).
Prints the wall time, the CPU time of this process (the scan, fold and COPY encoding) and of the
server's processes (the inserts, index builds, WAL), the counts and the database's size.

    python bench/gen_eventlog.py --events 10000000 --out /tmp/ev-10M.jsonl
    cmake --build build/ci --target _vaekit vaekit_python_files
    PYTHONPATH=build/ci/python .venv/bin/python bench/store_pg_import.py /tmp/ev-10M.jsonl

``--setting max_wal_size=8GB`` (repeatable) adds server settings; ``--url`` imports into an
existing empty database instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import vaekit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))
import pg_harness  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(server: pg_harness.PgServer) -> float:
    """CPU seconds (user + system) of the server's processes so far, children included."""
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ppid = int(fields[1])
        if int(entry.name) == pid or ppid == pid:
            total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / TICK
    return total


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("log", type=Path)
    ap.add_argument("--batch-cases", type=int, default=20_000)
    ap.add_argument("--setting", action="append", default=[], help="server setting KEY=VALUE")
    ap.add_argument("--url", help="an existing empty database instead of a new server")
    args = ap.parse_args()
    server = None
    if args.url:
        url = args.url
    else:
        settings = dict(s.split("=", 1) for s in args.setting)
        server = pg_harness.PgServer(settings=settings)
        server.start()
        url = server.create_database("bench")
    try:
        cpu0 = server_cpu(server) if server else 0.0
        ru0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        store = vaekit.CaseStore(url)
        report = store.import_event_log(args.log, batch_cases=args.batch_cases)
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu1 = server_cpu(server) if server else 0.0
        size = server.psql("SELECT pg_database_size('bench')", db="bench") if server else "?"
        print(
            f"{args.log.name}: {report.events_written} events, {report.cases_created} cases, "
            f"{len(report.rejects)} rejects in {wall:.1f} s wall "
            f"({report.events_written / wall:,.0f} events/s); "
            f"client CPU {ru1.ru_utime - ru0.ru_utime:.1f} + {ru1.ru_stime - ru0.ru_stime:.1f} s, "
            f"server CPU {cpu1 - cpu0:.1f} s; database {int(size) / 1e9:.2f} GB"
            if size != "?"
            else "",
            flush=True,
        )
        assert store.event_count == report.events_written
    finally:
        if server is not None:
            server.cleanup()


if __name__ == "__main__":
    main()
