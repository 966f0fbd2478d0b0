"""Tests of the simulation bindings: scenarios, simulate(), the log as an analytics EventLog,
queue statistics, pickling, GIL release."""

from __future__ import annotations

import json
import math
import pickle
import threading
import time
from pathlib import Path

import pytest

import vaekit


def small(test_data: Path) -> vaekit.Scenario:
    return vaekit.Scenario.load(test_data / "schemas" / "Scenario.1.json")


def erlang_c(a: float, c: int) -> float:
    """Erlang C probability of waiting (Kleinrock, Queueing Systems I, eq. 3.40)."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def test_builtin_scenario_and_edits() -> None:
    s = vaekit.Scenario.builtin("idf-2014")
    assert "idf-2014" in vaekit.Scenario.builtin_names()
    assert s.counsellors == 28 and s.assistants == 8
    assert s.yearly_volume == 10357
    assert [a.id for a in s.antennes][:2] == ["IDF-75A", "IDF-77A"]
    assert {t.metric for t in s.targets} >= {"received", "jury_full_share", "months_to_first_jury"}
    s.counsellors = 56
    assert [a.counsellors for a in s.antennes] == [12, 6, 6, 6, 6, 8, 6, 6]
    s.yearly_volume = 12000
    s.training_days = ["2014-03-04", vaekit.Date(2014, 5, 6)]
    assert s.training_days == [vaekit.Date(2014, 3, 4), vaekit.Date(2014, 5, 6)]
    ants = s.antennes
    ants[0].counsellors = 7
    s.antennes = ants
    assert s.antennes[0].counsellors == 7
    with pytest.raises(vaekit.NotFound):
        vaekit.Scenario.builtin("atlantis")


def test_scenario_json_is_strict_and_names_the_field(test_data: Path) -> None:
    s = small(test_data)
    assert vaekit.Scenario.from_json(s.to_json()) == s
    doc = json.loads(s.to_json())
    doc["jury"]["outcomes"]["full"] = 0.9
    with pytest.raises(vaekit.ParseError) as e:
        vaekit.Scenario.from_json(json.dumps(doc))
    assert e.value.field == "jury.outcomes"
    doc = json.loads(s.to_json())
    doc["dropout"]["typo"] = 0.1
    with pytest.raises(vaekit.ParseError) as e:
        vaekit.Scenario.from_json(json.dumps(doc))
    assert e.value.field == "dropout.typo"
    u = s.updated({"jury.wait_days.min": 30, "antennes.1.counsellors": 4})
    assert u.antennes[1].counsellors == 4 and u != s
    with pytest.raises(vaekit.ParseError):
        s.updated({"jury.notice_day": 3})


def test_simulate_returns_the_analytics_event_log(test_data: Path, tmp_path: Path) -> None:
    r = vaekit.simulate(small(test_data), seed=3)
    assert isinstance(r.log, vaekit.EventLog)
    assert len(r.log) == len(r) > 500
    assert r.log.case_count == r.metrics["received"]
    # Every event is valid under the pathway's transition table (strict replay through the reader).
    path = tmp_path / "sim.jsonl"
    r.write_jsonl(path)
    log = vaekit.read_event_log(path)
    cases, rejects = log.cases(strict=True)  # raises vaekit.TransitionError on any refusal
    assert rejects == [] and len(cases) == r.log.case_count
    assert vaekit.EventLog.read(path).records_read == len(r.log)
    booked = [e for e in (r.event(i) for i in range(200)) if e.event == "appointment_booked"]
    assert booked and all(str(e.data["date"]) >= str(e.date) for e in booked)


def test_same_seed_same_log_other_seed_other_log(test_data: Path) -> None:
    s = small(test_data)
    a, b = vaekit.simulate(s, seed=11), vaekit.simulate(s, seed=11)
    assert a == b and a.to_jsonl() == b.to_jsonl()
    assert vaekit.simulate(s, seed=12).to_jsonl() != a.to_jsonl()


def test_queue_stats_and_pandas(test_data: Path) -> None:
    r = vaekit.simulate(vaekit.Scenario.builtin("idf-2014"), seed=1, record_log=False)
    assert len(r.log) == 0
    q = r.queue
    assert q.served == len(q.waits) == len(q.wait_case)
    assert q.mean_wait == pytest.approx(float(q.waits.mean()))
    assert 0 < q.mean_utilisation < 1
    df = q.to_pandas()
    assert list(df.columns) == [
        "staff",
        "antenne",
        "appointments",
        "busy_hours",
        "available_hours",
        "utilisation",
    ]
    assert len(df) == 28 and df["appointments"].sum() > 9000
    assert q.quantile(0.9) >= q.quantile(0.5)
    assert len(q.waits_to_pandas()) == q.served
    t = r.targets_to_pandas()
    assert t["ok"].all(), t[["metric", "target", "measured"]]


def test_mmc_matches_erlang_c(test_data: Path) -> None:
    s = vaekit.Scenario.load(test_data / "simulation" / "mmc.json")
    r = vaekit.simulate(s, seed=2024, record_log=False)
    pw = erlang_c(76.8 / 24, 4)
    wq = pw / (4 * 24 - 76.8)
    assert r.queue.probability_of_wait() == pytest.approx(pw, rel=0.02)
    assert r.queue.mean_wait == pytest.approx(wq, rel=0.03)


def test_training_days_argument_replaces_the_scenarios(test_data: Path) -> None:
    s = vaekit.Scenario.builtin("idf-2014")
    s.scope = "first_appointment"
    tuesdays = [vaekit.Date(2014, 1, 7) + 7 * k for k in range(50)]
    busy = vaekit.simulate(s, seed=5, training_days=tuesdays, record_log=False)
    free = vaekit.simulate(s, seed=5, training_days=[], record_log=False)
    assert busy.scenario.training_days == tuesdays
    assert busy.queue.mean_wait > free.queue.mean_wait


def test_everything_pickles(test_data: Path) -> None:
    s = small(test_data)
    r = vaekit.simulate(s, seed=9)
    assert pickle.loads(pickle.dumps(s)) == s
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.to_jsonl() == r.to_jsonl()
    assert pickle.loads(pickle.dumps(r.queue)) == r.queue
    assert pickle.loads(pickle.dumps(s.antennes)) == s.antennes
    first = r.queue.counsellors[0]
    load = pickle.loads(pickle.dumps(first))
    assert (load.staff, load.busy_hours) == (first.staff, first.busy_hours)
    checks = pickle.loads(pickle.dumps(r.check_targets()))
    assert [(c.metric, c.measured, c.ok) for c in checks] == [
        (c.metric, c.measured, c.ok) for c in r.check_targets()
    ]
    target = pickle.loads(pickle.dumps(s.targets[0]))
    assert (target.metric, target.value) == (s.targets[0].metric, s.targets[0].value)
    assert vaekit.SimulationResult.from_json(r.to_json()) == r


def test_simulate_releases_the_gil() -> None:
    s = vaekit.Scenario.builtin("idf-2014")
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    vaekit.simulate(s, seed=1, record_log=False)
    elapsed = time.perf_counter() - start
    done.set()
    t.join()
    # The ticking thread ran during the call (it could not if the GIL were held throughout).
    assert ticks >= max(1, int(elapsed / 0.001) // 10)


def test_metric_names() -> None:
    assert "jury_full_share" in vaekit.simulation_metric_names()
    r = vaekit.simulate(vaekit.Scenario.builtin("idf-2014"), seed=1, record_log=False)
    assert set(r.metrics) == set(vaekit.simulation_metric_names())
    with pytest.raises(vaekit.NotFound):
        r.metric("happiness")
