"""Side by side: the same M/M/c queue simulated by vaekit and by SimPy.

The model of tests/data/simulation/mmc.json: Poisson arrivals (76.8 a day), exponential service
(mean 60 min), 4 servers, first come first served, no calendar. Both runs simulate about the same
number of customers; the script prints the probability of waiting and the mean wait of each
against Erlang C, and the customers per second of each.

    PYTHONPATH=build/simulation-release/python \
        .venv/bin/python bench/simulation_vs_simpy.py [customers]
"""

from __future__ import annotations

import json
import math
import random
import sys
import time

import simpy

import vaekit

LAMBDA = 76.8  # arrivals a day
MU = 24.0  # services a day (60 min)
C = 4


def erlang_c(a: float, c: int) -> float:
    """Probability of waiting in M/M/c (Kleinrock, Queueing Systems I, eq. 3.40)."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def run_simpy(customers: int, seed: int) -> tuple[float, float, float]:
    """(P(wait > 0), mean wait in days, seconds) of SimPy's M/M/c with ``customers`` arrivals."""
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=C)
    waits: list[float] = []

    def customer(env: simpy.Environment) -> simpy.events.ProcessGenerator:
        arrived = env.now
        with servers.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(MU))

    def source(env: simpy.Environment) -> simpy.events.ProcessGenerator:
        for _ in range(customers):
            yield env.timeout(rng.expovariate(LAMBDA))
            env.process(customer(env))

    start = time.perf_counter()
    env.process(source(env))
    env.run()
    elapsed = time.perf_counter() - start
    return sum(1 for w in waits if w > 0) / len(waits), sum(waits) / len(waits), elapsed


def mmc_scenario(customers: int) -> vaekit.Scenario:
    """The M/M/4 scenario over as many days as ``customers`` arrivals take on average."""
    days = customers / LAMBDA
    first = vaekit.Date(1990, 1, 1)
    last = first + max(1, int(days) - 1)
    doc = {
        "schema": "Scenario.1",
        "name": "mmc-4",
        "period": {"first": str(first), "last": str(last)},
        "horizon": str(last + 365),
        "calendar": None,
        "case_prefix": "MMC",
        "scope": "first_appointment",
        "arrivals": {"process": "exponential", "yearly_volume": LAMBDA * 365.25},
        "antennes": [{"id": "Q", "share": 1, "counsellors": C, "assistants": 1}],
        "reception": {"per_assistant_per_day": 0},
        "first_appointment": {
            "lead_days": 0,
            "hours_per_day": 24,
            "minutes": {"dist": "exponential", "mean": 60},
            "no_show": 0,
        },
    }
    return vaekit.Scenario.from_json(json.dumps(doc))


def run_vaekit(customers: int, seed: int, record_log: bool) -> tuple[float, float, float, int]:
    """(P(wait > 0), mean wait in days, seconds, customers) of vaekit's simulation."""
    s = mmc_scenario(customers)
    start = time.perf_counter()
    r = vaekit.simulate(s, seed=seed, record_log=record_log)
    elapsed = time.perf_counter() - start
    q = r.queue
    return q.probability_of_wait(), q.mean_wait, elapsed, q.served


def main() -> None:
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    pw = erlang_c(LAMBDA / MU, C)
    wq = pw / (C * MU - LAMBDA)
    rho = LAMBDA / (C * MU)
    print(f"M/M/{C}, rho = {rho:.2f}: Erlang C P(wait) = {pw:.4f}, Wq = {wq * 1440:.2f} min")
    s_pw, s_wq, s_t = run_simpy(customers, seed=1)
    print(
        f"SimPy  {customers:>9} customers: P(wait) {s_pw:.4f}, Wq {s_wq * 1440:6.2f} min, "
        f"{s_t:7.3f} s, {customers / s_t:12,.0f} customers/s"
    )
    big = customers * 10
    for label, log in (("stats only", False), ("with log", True)):
        v_pw, v_wq, v_t, n = run_vaekit(big, seed=1, record_log=log)
        rate = n / v_t
        print(
            f"vaekit {n:>9} customers ({label}): P(wait) {v_pw:.4f}, Wq {v_wq * 1440:6.2f} min, "
            f"{v_t:7.3f} s, {rate:12,.0f} customers/s, {rate / (customers / s_t):6.0f}x SimPy"
        )
    # Same number of customers as SimPy, for the statistics side by side.
    v_pw, v_wq, _, n = run_vaekit(customers, seed=1, record_log=False)
    print(
        f"vaekit {n:>9} customers: P(wait) {v_pw:.4f}, Wq {v_wq * 1440:6.2f} min "
        f"(SimPy {s_pw:.4f}, {s_wq * 1440:.2f} min; Erlang C {pw:.4f}, {wq * 1440:.2f} min)"
    )


if __name__ == "__main__":
    main()
