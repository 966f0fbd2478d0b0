"""Side by side: working days per month, 1990-2100, with vaekit and with numpy.busday_count.

numpy.busday_count is what a data analyst would otherwise use; it needs the holiday list, built
here with python-dateutil's Easter (as a user would), and the time to build it is counted.
Both must give the same counts. Run (after pip install .): .venv/bin/python bench/core_vs_numpy.py
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
from dateutil.easter import easter

import vaekit


def month_bounds() -> list[tuple[dt.date, dt.date]]:
    out = []
    for y in range(1990, 2101):
        for m in range(1, 13):
            first = dt.date(y, m, 1)
            nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
            out.append((first, nxt))
    return out


def with_numpy(bounds: list[tuple[dt.date, dt.date]]) -> list[int]:
    hol = []
    for y in range(1990, 2101):
        e = easter(y)
        hol += [dt.date(y, 1, 1), e + dt.timedelta(1), dt.date(y, 5, 1), dt.date(y, 5, 8)]
        hol += [e + dt.timedelta(39), dt.date(y, 7, 14), dt.date(y, 8, 15), dt.date(y, 11, 1)]
        hol += [dt.date(y, 11, 11), dt.date(y, 12, 25)]
        if not 2005 <= y <= 2007:
            hol.append(e + dt.timedelta(50))
    cal = np.busdaycalendar(holidays=np.array(hol, dtype="datetime64[D]"))
    starts = np.array([a for a, _ in bounds], dtype="datetime64[D]")
    ends = np.array([b for _, b in bounds], dtype="datetime64[D]")
    return [int(x) for x in np.busday_count(starts, ends, busdaycal=cal)]


def with_vaekit(bounds: list[tuple[dt.date, dt.date]]) -> list[int]:
    cal = vaekit.FrenchCalendar()
    # working days in [first, next) == working days in (first - 1, next - 1]
    return [cal.working_days_between(vaekit.Date(a) - 1, vaekit.Date(b) - 1) for a, b in bounds]


def with_vaekit_vectorised(bounds: list[tuple[dt.date, dt.date]]) -> list[int]:
    cal = vaekit.FrenchCalendar()
    starts = np.array([a for a, _ in bounds], dtype="datetime64[D]")
    ends = np.array([b for _, b in bounds], dtype="datetime64[D]")
    return [int(x) for x in cal.count_working_days(starts, ends)]


def best_of(fn, arg, n: int = 5) -> tuple[float, list[int]]:  # type: ignore[no-untyped-def]
    best = float("inf")
    res: list[int] = []
    for _ in range(n):
        t = time.perf_counter()
        res = fn(arg)
        best = min(best, time.perf_counter() - t)
    return best, res


if __name__ == "__main__":
    bounds = month_bounds()
    tv, rv = best_of(with_vaekit, bounds)
    tw, rw = best_of(with_vaekit_vectorised, bounds)
    tn, rn = best_of(with_numpy, bounds)
    assert rv == rn == rw, "vaekit and numpy disagree"
    print(f"{len(bounds)} months, best of 5:")
    print(f"  vaekit count_working_days (arrays)       {tw * 1e3:7.2f} ms")
    print(f"  vaekit working_days_between (per month)  {tv * 1e3:7.2f} ms")
    print(f"  numpy.busday_count + dateutil holidays   {tn * 1e3:7.2f} ms")
    print(f"ratio numpy/vaekit (arrays): {tn / tw:.2f}")
