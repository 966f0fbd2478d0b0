"""Generates a realistic event log v1 (JSON Lines) for benchmarks and examples.

Cases follow the VAE pathway with drop-outs at each stage (rates loosely after the IGAS 2016
report quoted in ../shared/domain.md: about 16 months end to end, 20-30 % of admissible
candidates never reach a jury); cases are interleaved by date like a real export.

    python bench/gen_eventlog.py --events 10000000 --out /tmp/eventlog-10M.jsonl
(never commit a large output).
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import random
import sys
from collections.abc import Iterator


def case_events(
    rnd: random.Random,
    case: str,
    start: dt.date,
    antenne: str,
    assistants: list[str],
    counsellors: list[str],
) -> list[tuple[dt.date, str]]:
    """The events of one case as (date, JSON line) pairs, in time order."""
    day = start
    staff_a = rnd.choice(assistants)
    staff_c = rnd.choice(counsellors)
    out: list[tuple[dt.date, str]] = []

    def emit(
        kind: str,
        role: str,
        staff: str | None = None,
        data: dict | None = None,
        certification: str | None = None,
    ) -> None:
        obj: dict = {
            "case": case,
            "at": day.isoformat(),
            "event": kind,
            "role": role,
            "antenne": antenne,
        }
        if staff:
            obj["staff"] = staff
        if certification:
            obj["certification"] = certification
        if data:
            obj["data"] = data
        out.append((day, json.dumps(obj, separators=(",", ":"))))

    def wait(mean: float) -> None:
        nonlocal day
        day += dt.timedelta(days=max(0, int(rnd.expovariate(1 / mean))))

    emit(
        "received",
        "assistant",
        staff_a,
        {"channel": rnd.choice(["walk_in", "phone", "online", "info_session"])},
    )
    emit("informed", "assistant", staff_a)
    wait(10)
    emit(
        "appointment_booked",
        "assistant",
        staff_a,
        {"date": (day + dt.timedelta(days=12)).isoformat()},
    )
    wait(12)
    if rnd.random() < 0.12:
        emit("appointment_missed", "counsellor", staff_c)
        wait(7)
    if rnd.random() < 0.15:
        emit("dropped_out", "candidate", None, {"reason": "no_show"})
        return out
    emit("appointment_held", "counsellor", staff_c, {"minutes": rnd.choice([45, 60, 60, 90])})
    cert = rnd.choice(["RNCP25467", "RNCP36004", "RNCP4505", "RS6117", "RNCP34825", "RNCP31677"])
    to = rnd.choices(["vae", "vap", "training", "skills_assessment", "other"], [62, 7, 5, 6, 20])[0]
    if to == "vae":
        emit("certification_chosen", "counsellor", staff_c, certification=cert)
    emit("oriented", "counsellor", staff_c, {"to": to})
    if to != "vae":
        return out
    wait(30)
    emit("admissibility_started", "counsellor", staff_c)
    wait(40)
    if rnd.random() < 0.15:
        emit("dropped_out", "candidate", None, {"reason": "personal"})
        return out
    emit("admissibility_sent", "counsellor", staff_c, {"certifier": "MEN"})
    wait(45)
    decision = rnd.choices(["admissible", "not_admissible", "incomplete"], [85, 8, 7])[0]
    emit("admissibility_decided", "certifier", None, {"decision": decision})
    if decision != "admissible":
        return out
    wait(20)
    emit(
        "support_started",
        "counsellor",
        staff_c,
        {"funding": rnd.choice(["cpf", "opco", "region", "employer", "self"])},
    )
    for _ in range(rnd.randint(2, 6)):
        wait(25)
        emit("support_session", "counsellor", staff_c, {"hours": rnd.choice([1.5, 2, 3])})
    if rnd.random() < 0.25:
        emit("dropped_out", "candidate", None, {"reason": "abandon"})
        return out
    wait(20)
    emit("validation_file_sent", "candidate")
    wait(30)
    jury_date = day + dt.timedelta(days=60)
    emit("jury_scheduled", "certifier", None, {"date": jury_date.isoformat()})
    day = jury_date  # the jury sits on the date it was scheduled for (the transition guard)
    emit(
        "jury_held",
        "jury",
        None,
        {"result": rnd.choices(["full", "partial", "refused", "absent"], [56, 29, 12, 3])[0]},
    )
    return out


def generate(
    events: int, seed: int, antennes: int, start_year: int, years: int = 10
) -> Iterator[str]:
    """JSON Lines (header first) with about `events` events, interleaved by date."""
    rnd = random.Random(seed)
    ants = [f"IDF-{75 + i % 21:02d}{chr(65 + i // 21)}" for i in range(antennes)]
    assistants = {a: [f"AS{i:02d}-{a[-3:]}" for i in range(2)] for a in ants}
    counsellors = {a: [f"CO{i:02d}-{a[-3:]}" for i in range(rnd.randint(2, 5))] for a in ants}
    yield json.dumps(
        {"schema": "EventLog.1", "source": "bench/gen_eventlog.py", "pseudonymised": False}
    )
    heap: list[tuple[dt.date, int, int, list[tuple[dt.date, str]]]] = []
    produced = 0
    case_no = 0
    day0 = dt.date(start_year, 1, 1)
    # Arrivals: cases start over the years; events are merged by date across open cases.
    while produced < events or heap:
        if produced < events and (not heap or len(heap) < 2000):
            a = rnd.choice(ants)
            start = day0 + dt.timedelta(days=case_no * 365 * years // max(1, events // 9))
            ev = case_events(rnd, f"C{case_no:08d}", start, a, assistants[a], counsellors[a])
            produced += len(ev)
            heapq.heappush(heap, (ev[0][0], case_no, 0, ev))
            case_no += 1
            continue
        d, c, i, ev = heapq.heappop(heap)
        yield ev[i][1]
        if i + 1 < len(ev):
            heapq.heappush(heap, (ev[i + 1][0], c, i + 1, ev))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--antennes", type=int, default=24)
    p.add_argument("--start-year", type=int, default=2015)
    p.add_argument("--years", type=int, default=10, help="years over which cases arrive")
    p.add_argument("--out", default="-")
    a = p.parse_args()
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")  # noqa: SIM115
    with out:
        for line in generate(a.events, a.seed, a.antennes, a.start_year, a.years):
            out.write(line)
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
