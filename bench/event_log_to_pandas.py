"""Side by side: EventLog.to_pandas() through Arrow against the Python loop it replaced, and the
way back (EventLog.from_pandas), on the same generated log; the round trip checked equal.

    python bench/gen_eventlog.py --events 1000000 --out /tmp/ev-1M.jsonl
    PYTHONPATH=build/<you>/python python bench/event_log_to_pandas.py /tmp/ev-1M.jsonl

The old loop (vaekit <= round 3: one vaekit.Event and one dict per event, untyped columns) is
timed on the first --old-events events (all by default) and reported per event.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa

import vaekit

_OLD_FIELDS = ("case", "at", "event", "role", "antenne", "staff", "certification")


def old_to_pandas(events: list[vaekit.Event]) -> pd.DataFrame:
    """The Python loop of event_log_to_pandas before the Arrow export (kept here to compare)."""
    rows = []
    for e in events:
        d = e.to_dict()
        rows.append({k: d.get(k) for k in _OLD_FIELDS})
    return pd.DataFrame(rows, columns=list(_OLD_FIELDS))


def best_of(n: int, f):  # type: ignore[no-untyped-def]
    """The fastest of n runs of f: (wall seconds, CPU seconds of the process), last result.

    Both are printed: on a shared machine the wall time counts the waits for a core.
    """
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        out = f()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return (wall, cpu), out


def rate(n: int, t: tuple[float, float]) -> str:
    """Wall and CPU time and events per second."""
    return (
        f"wall {t[0] * 1e3:.0f} ms ({n / t[0] / 1e6:.1f} M events/s), "
        f"CPU {t[1] * 1e3:.0f} ms ({n / t[1] / 1e6:.1f} M events/s)"
    )


def main() -> int:
    """Times the conversions and prints events per second."""
    default = Path(__file__).resolve().parents[1] / "examples/data/analytics/eventlog.jsonl"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log", nargs="?", default=str(default))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--old-events", type=int, default=0, help="events for the old loop (0: all)")
    args = ap.parse_args()

    log = vaekit.EventLog.read(args.log)
    n = len(log)
    t_arrow, table = best_of(args.repeat, lambda: pa.table(log))
    t_new, df = best_of(args.repeat, log.to_pandas)
    t_back, back = best_of(1, lambda: vaekit.EventLog.from_pandas(df))
    assert back.records_read == n and not back.rejects
    # Every column the log holds, compared as Arrow (identifiers interned in the same order).
    same = pa.table(back).equals(table)
    assert same, "the round trip differs"

    events = log.events()
    if args.old_events:
        events = events[: args.old_events]
    t_old, _ = best_of(1, lambda: old_to_pandas(events))

    print(f"{n} events, {table.num_columns} columns ({', '.join(table.column_names)})")
    print(f"Arrow stream -> pyarrow.Table: {rate(n, t_arrow)}")
    print(f"to_pandas (Arrow):            {rate(n, t_new)}")
    per_old = (t_old[0] / len(events), t_old[1] / len(events))
    print(
        f"old Python loop ({len(events)} events timed): {rate(n, (per_old[0] * n, per_old[1] * n))}"
    )
    print(
        f"ratio old / new: wall {per_old[0] * n / t_new[0]:.0f}x, "
        f"CPU {per_old[1] * n / t_new[1]:.0f}x"
    )
    print(f"from_pandas (Arrow, rows validated): {rate(n, t_back)}")
    print(f"round trip equal (every column): {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
