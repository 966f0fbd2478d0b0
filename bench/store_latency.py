"""Single-case save latency under concurrent writers, on SQLite and PostgreSQL (issue 16).

Each of ``--writers`` processes (default 8) saves ``--saves`` times: load a case, record one
event, ``store.save(case)``, with the retry loop of docs/store.md on a conflict. A save goes to
the writer's own case (``--shared 0``, the default: no conflicts, the writers contend only for
the database) or, with probability ``--shared``, to one of three shared cases. Stores are
durable (SQLite ``synchronous=FULL``; PostgreSQL ``synchronous_commit=on``, ``fsync=on``).

Printed per backend: saves per second overall, and the latency percentiles (p50, p90, p99,
max, in milliseconds) of ``save()`` alone and of a whole acknowledged change (load + record +
save, retries included).

    cmake --build build/ci --target _vaekit vaekit_python_files
    PYTHONPATH=build/ci/python .venv/bin/python bench/store_latency.py sqlite postgresql

``postgresql`` starts a throw-away local server (tests/python/pg_harness.py: initdb + pg_ctl in
a temporary folder); ``--url postgresql://...`` uses an existing database instead.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import vaekit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))
import pg_harness  # noqa: E402


def _writer(url: str, proc: int, saves: int, shared: float, start: Any, out: Any) -> None:
    store = vaekit.CaseStore(url)
    rng = random.Random(proc)
    own = f"W{proc}"
    case = vaekit.Case(own)
    case.record("received", "2021-01-04", "assistant", antenne="IDF-75A")
    store.save(case)
    save_ms: list[float] = []
    change_ms: list[float] = []
    conflicts = 0
    start.wait()
    for _ in range(saves):
        case_id = f"S{rng.randrange(3)}" if rng.random() < shared else own
        t0 = time.perf_counter()
        while True:
            case = store.load(case_id)
            case.record("informed", "2021-01-05", "assistant")
            t1 = time.perf_counter()
            try:
                store.save(case)
            except vaekit.ConflictError:
                conflicts += 1
                continue
            finally:
                save_ms.append((time.perf_counter() - t1) * 1e3)
            break
        change_ms.append((time.perf_counter() - t0) * 1e3)
    out.put((save_ms, change_ms, conflicts))


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(p * 10) - 1]


def run(url: str, writers: int, saves: int, shared: float) -> dict[str, Any]:
    """Runs the writers against the store at @p url; returns the figures."""
    store = vaekit.CaseStore(url)
    for i in range(3):
        c = vaekit.Case(f"S{i}")
        c.record("received", "2021-01-04", "assistant", antenne="IDF-75A")
        store.save(c)
    del store
    ctx = multiprocessing.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(url, p, saves, shared, start, out))
        for p in range(writers)
    ]
    for p in procs:
        p.start()
    time.sleep(1.0)  # every writer has opened its store and created its case
    t0 = time.perf_counter()
    start.set()
    results = [out.get(timeout=3600) for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    save_ms = [v for r in results for v in r[0]]
    change_ms = [v for r in results for v in r[1]]
    return {
        "saves/s": writers * saves / wall,
        "conflicts": sum(r[2] for r in results),
        "save": [_pct(save_ms, p) for p in (50, 90, 99)] + [max(save_ms)],
        "change": [_pct(change_ms, p) for p in (50, 90, 99)] + [max(change_ms)],
    }


def main() -> None:
    """Command line: the backends to measure."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("backends", nargs="+", choices=["sqlite", "postgresql"])
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--saves", type=int, default=200, help="saves per writer")
    ap.add_argument("--shared", type=float, default=0.0, help="share of saves on shared cases")
    ap.add_argument("--url", help="an existing empty PostgreSQL database instead of a new server")
    args = ap.parse_args()
    for backend in args.backends:
        server = None
        with tempfile.TemporaryDirectory(prefix="vaekit-lat-") as tmp:
            if backend == "sqlite":
                url = str(Path(tmp) / "lat.db")
            elif args.url:
                url = args.url
            else:
                server = pg_harness.PgServer()
                server.start()
                url = server.create_database("latency")
            try:
                r = run(url, args.writers, args.saves, args.shared)
            finally:
                if server is not None:
                    server.cleanup()
        print(
            f"{backend}: {args.writers} writers x {args.saves} saves, shared {args.shared}: "
            f"{r['saves/s']:.0f} saves/s, {r['conflicts']} conflicts; "
            "save() p50/p90/p99/max ms " + "/".join(f"{v:.1f}" for v in r["save"]) + "; "
            "change p50/p90/p99/max ms " + "/".join(f"{v:.1f}" for v in r["change"]),
            flush=True,
        )


if __name__ == "__main__":
    main()
