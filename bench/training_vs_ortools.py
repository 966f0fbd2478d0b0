"""Side by side: vaekit.schedule (COIN-OR CBC, exact MIP) vs OR-Tools CP-SAT on the same instance.

Both solve the reference programme (16 days, 40 topics, 30 speakers, 4 venues, 2025). The
eligibility of (topic, date) pairs comes from ``vaekit.schedule_model`` (the same pre-processing
for both); CP-SAT then gets its own model of every hard constraint and of the objective, scaled to
integers (x M, the number of usable months, so the spread term |count - D/M| is integral).
The script checks the two optimal objectives are equal and prints both times.

    PYTHONPATH=build/<dir>/python .venv/bin/python bench/training_vs_ortools.py [--seeds 1 2 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from ortools.sat.python import cp_model

import vaekit


def solve_cpsat(model_data: dict, workers: int) -> tuple[float, float, str]:
    days = [dt.date.fromisoformat(d) for d in model_data["days"]]
    origin = days[0]
    n_months = len(model_data["months"])
    scale = n_months
    D = model_data["commissioned_days"]
    spread_weight = model_data["spread_weight"]
    assert float(spread_weight).is_integer(), "CP-SAT needs integer weights"
    m = cp_model.CpModel()
    y: dict[tuple[int, int], cp_model.IntVar] = {}
    obj = []
    for t, topic in enumerate(model_data["topics"]):
        for d, coef in topic["candidates"]:
            assert float(coef).is_integer(), "CP-SAT needs integer coefficients"
            v = m.NewBoolVar(f"y_{t}_{d}")
            y[t, d] = v
            obj.append(int(coef) * scale * v)
    by_topic: dict[int, list] = {}
    by_day: dict[int, list] = {}
    by_month: dict[int, list] = {}
    for (t, d), v in y.items():
        by_topic.setdefault(t, []).append((d, v))
        by_day.setdefault(d, []).append((t, v))
        by_month.setdefault(model_data["day_month"][d], []).append(v)
    for vs in by_topic.values():
        m.Add(sum(v for _, v in vs) <= 1)
    for vs in by_day.values():
        m.Add(sum(v for _, v in vs) <= model_data["max_sessions_per_date"])
    m.Add(sum(y.values()) == D)
    for mi in range(n_months):
        vs = by_month.get(mi, [])
        top = min(len(vs), model_data["max_days_per_month"], D)
        if len(vs) > model_data["max_days_per_month"]:
            m.Add(sum(vs) <= model_data["max_days_per_month"])
        z = [m.NewBoolVar(f"z_{mi}_{k}") for k in range(top + 1)]
        m.AddExactlyOne(z)
        m.Add(sum(vs) == sum(k * zk for k, zk in enumerate(z)))
        obj.extend(-int(spread_weight) * abs(scale * k - D) * zk for k, zk in enumerate(z))
    audience = [t["audience"] for t in model_data["topics"]]
    roles = {"counsellor": ("counsellors", "both"), "assistant": ("assistants", "both")}
    spacing = model_data["min_spacing_days"]
    if spacing > 1:
        for aud in roles.values():
            for i, first in enumerate(days):
                window = []
                j = i
                while j < len(days) and (days[j] - first).days < spacing:
                    window += [v for t, v in by_day.get(j, []) if audience[t] in aud]
                    j += 1
                if len(window) > 1:
                    m.Add(sum(window) <= 1)
    for t, topic in enumerate(model_data["topics"]):
        if t not in by_topic:
            continue
        for pre in topic["after"]:
            sel_t = sum(v for _, v in by_topic[t])
            sel_p = sum(v for _, v in by_topic.get(pre, []))
            m.Add(sel_t <= sel_p)
            b = m.NewBoolVar(f"sel_{t}_{pre}")
            m.Add(sel_t == b)
            date_t = sum((days[d] - origin).days * v for d, v in by_topic[t])
            date_p = sum((days[d] - origin).days * v for d, v in by_topic.get(pre, []))
            m.Add(date_t >= date_p + 1).OnlyEnforceIf(b)
    for key, aud in (
        ("min_counsellor_days", roles["counsellor"]),
        ("min_assistant_days", roles["assistant"]),
    ):
        if model_data[key] > 0:
            m.Add(sum(v for (t, _), v in y.items() if audience[t] in aud) >= model_data[key])
    m.Maximize(sum(obj))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.linearization_level = 2  # the LP relaxation is what closes this model
    solver.parameters.max_time_in_seconds = 300
    start = time.perf_counter()
    status = solver.Solve(m)
    seconds = time.perf_counter() - start
    return solver.ObjectiveValue() / scale, seconds, solver.StatusName(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    constraints = vaekit.ScheduleConstraints.reference()
    print(
        f"{'seed':>4} {'CBC obj':>10} {'CBC s':>7} {'CP-SAT obj':>11} {'1 worker s':>10} "
        f"{'8 workers s':>11}  same"
    )
    for seed in args.seeds:
        programme = vaekit.Programme.reference(seed=seed)
        start = time.perf_counter()
        plan = vaekit.schedule(programme, constraints)
        cbc_seconds = time.perf_counter() - start
        data = vaekit.schedule_model(programme, constraints)
        obj1, s1, st1 = solve_cpsat(data, 1)
        obj2, s2, st2 = solve_cpsat(data, 8)
        same = abs(obj1 - plan.objective) < 1e-6 and abs(obj2 - plan.objective) < 1e-6
        print(
            f"{seed:>4} {plan.objective:>10.4f} {cbc_seconds:>7.2f} {obj1:>11.4f} {s1:>10.2f} "
            f"{s2:>11.2f}  {same} ({plan.status}, {st1}, {st2})"
        )
        if not same:
            raise SystemExit("objectives differ")


if __name__ == "__main__":
    main()
