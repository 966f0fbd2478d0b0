"""The cost of the annexes (issue 15): publishing the activity report alone, and with its
employment, funding and outcome tables in the same cell system (publish(events=..., registry=...)),
against the previous way (the report, then employment_indicators, funding_report and
outcome_rates each in a system of its own).

Usage: PYTHONPATH=build/ci/python python bench/report_annexes.py [CASES ...]
(the logs are the seeded generators of tests/python/test_employment.py and test_funding.py,
plus a certification for every case, joined with tests/data/analytics/outcomes_registry.json).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import test_employment as emp  # noqa: E402
import test_funding as fund  # noqa: E402

import vaekit  # noqa: E402


def best_of(n: int, f: object) -> float:
    """The best wall time of ``n`` calls of ``f``, in seconds."""
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        f()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return best


def measure(cases: int, registry: vaekit.Registry) -> None:
    """Prints one line: events, then the best of 3 of each way (cell-key, threshold 11)."""
    records = emp.generate(1, cases) + fund.generate(1, cases // 2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "log.jsonl"
        lines = [json.dumps({"schema": "EventLog.1"}), *(json.dumps(r) for r in records)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        log = vaekit.EventLog.read(str(path))
        events = vaekit.read_event_log(path)
    report = log.report(threshold=11)
    key = b"k" * 32
    alone = best_of(3, lambda: report.publish(key=key))
    together = best_of(3, lambda: report.publish(key=key, events=events, registry=registry))
    columnar = best_of(3, lambda: report.publish(key=key, events=log, registry=registry))

    def apart() -> None:
        report.publish(key=key)
        vaekit.employment_indicators(events, ["outcome"], key=key)
        vaekit.funding_report(events, key=key)
        for by in ("certification", "certifier"):
            log.outcome_rates(registry, threshold=11, by=by)

    separate = best_of(3, apart)
    print(
        f"{cases} cases, {len(log)} events: report alone {alone:.3f} s; report + annexes in "
        f"one system {together:.3f} s (events read with their data), {columnar:.3f} s (from "
        f"the columnar log); each in its own system {separate:.3f} s; "
        f"one system / own systems = {together / separate:.2f}x"
    )


def main(sizes: list[int]) -> None:
    """One line per size."""
    registry = vaekit.Registry.load(str(ROOT / "tests/data/analytics/outcomes_registry.json"))
    for cases in sizes:
        measure(cases, registry)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 20000])
