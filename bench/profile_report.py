"""The cost of the report by profile (issue 15): report computation and publication of the same
generated log with and without its profile_recorded events.

Usage: PYTHONPATH=build/ci/python python bench/profile_report.py [CASES ...]
(the log generator is the seeded one of tests/python/test_profile.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))
from test_profile import generate_log, to_jsonl  # noqa: E402

import vaekit  # noqa: E402


def main(sizes: list[int]) -> None:
    """Prints one line per size and variant: events, best-of-7 compute, publish times."""
    for cases in sizes:
        records = generate_log(1, cases)
        plain = [r for r in records if r["event"] != "profile_recorded"]
        for name, rows in (("with profiles", records), ("without", plain)):
            log = vaekit.EventLog.parse(to_jsonl(rows))
            best = float("inf")
            for _ in range(7):
                t = time.perf_counter()
                report = log.report(threshold=11)
                best = min(best, time.perf_counter() - t)
            line = [f"{cases} cases {name}: {len(log)} events, compute {best * 1000:.1f} ms"]
            for method in ("suppression", "cell-key"):
                t = time.perf_counter()
                p = report.publish(method=method, key=b"k" * 32)
                spent = time.perf_counter() - t
                line.append(
                    f"{method} {spent:.2f} s ({len(p.suppressed)} withheld, "
                    f"{p.protection['unsafe_cells']} unsafe)"
                )
            print("; ".join(line), flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [3000, 10000, 30000])
