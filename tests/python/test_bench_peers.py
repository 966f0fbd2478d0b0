"""The peer implementations of the activity report in bench/ (polars, DuckDB) give vaekit's
ActivityReport.1 document (threshold 0), so that the side-by-side benchmarks time the same
computation. Keys, order, rows, strings, integers and nulls must be equal; floats too, or within
math.isclose(rel_tol=1e-12) (the peers' built-in linear quantile rounds the 90th percentile a few
ulps away from numpy's at times; see the bench scripts' docstrings), through each script's
``compare``. Logs: on the shipped example log, on a log from bench/gen_eventlog.py, on an
adversarial log (ties on the first reception, several receptions, missing antennes and staff,
cases without a reception, date-times with an offset) and on a log with a header only."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import vaekit

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
EXAMPLE = ROOT / "examples" / "data" / "analytics" / "eventlog.jsonl"


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PEER_REPORT = _bench_module("peer_report")


def _polars_report(path: Path) -> dict[str, Any]:
    pytest.importorskip("polars")
    m = _bench_module("analytics_vs_polars")
    return m.polars_report(m.read_events(path))


def _duckdb_report(path: Path) -> dict[str, Any]:
    pytest.importorskip("duckdb")
    m = _bench_module("analytics_vs_duckdb")
    con = m.connect()
    try:
        m.read_events(con, path)
        return m.duckdb_report(con)
    finally:
        con.close()


Peer = Callable[[Path], dict[str, Any]]
PEERS = [pytest.param(_polars_report, id="polars"), pytest.param(_duckdb_report, id="duckdb")]


def _vaekit_report(path: Path) -> dict[str, Any]:
    doc = json.loads(vaekit.EventLog.read(str(path)).report(threshold=0).to_json())
    assert doc.pop("protection")["method"] == "none"  # exact figures, compared as such
    for extension in ("by_channel", "dropout_reasons"):  # vaekit's own tables (issue 15)
        doc.pop(extension, None)
    return doc


def _check(peer: Peer, path: Path) -> dict[str, Any]:
    """The peer's report of ``path``, checked equal to vaekit's by the bench scripts' compare."""
    theirs = peer(path)
    inexact = PEER_REPORT.compare(_vaekit_report(path), theirs)
    assert all(".p90 " in d for d in inexact), inexact  # means and medians are bit-equal
    return theirs


REQUIRED_DATA = {"oriented", "admissibility_decided", "jury_held"}


def _adversarial_log(seed: int, cases: int) -> list[dict[str, Any]]:
    """Cases interleaved at random, each in time order, with the cohort rule's hard cases."""
    import datetime as dt

    rnd = random.Random(seed)
    antennes = ["IDF-75A", "IDF-93B", "IDF-94C", None]
    staff = ["CO01", "CO02", "AS01", None]
    kinds = [
        "received", "appointment_held", "oriented", "admissibility_sent", "admissibility_decided",
        "jury_held", "dropped_out", "informed", "support_session",
    ]  # fmt: skip
    data: dict[str, Callable[[], dict[str, Any]]] = {
        "oriented": lambda: {"to": rnd.choice(["vae", "vap", "training", "skills_assessment"])},
        "admissibility_decided": lambda: {
            "decision": rnd.choice(["admissible", "not_admissible", "incomplete"])
        },
        "jury_held": lambda: {"result": rnd.choice(["full", "partial", "refused", "absent"])},
        "received": lambda: {"channel": "phone"},
        "appointment_held": lambda: {"minutes": 60},
        "support_session": lambda: {"hours": 1.5},
    }
    per_case = []
    for c in range(cases):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rnd.randint(0, 1200))
        events = []
        for k in rnd.choices(kinds, k=rnd.randint(1, 9)):
            day += dt.timedelta(days=rnd.choice([0, 0, 1, 5, 30, 200]))
            at = day.isoformat()
            if rnd.random() < 0.1:
                at += rnd.choice(["T23:30:00+02:00", "T00:15:00-05:00", "T12:00:00Z"])
            role = "assistant" if k == "received" else "counsellor"
            e: dict[str, Any] = {"case": f"C{c:04d}", "at": at, "event": k, "role": role}
            if (ant := rnd.choice(antennes)) is not None:
                e["antenne"] = ant
            if (st := rnd.choice(staff)) is not None:
                e["staff"] = st
            if k in data and (k in REQUIRED_DATA or rnd.random() < 0.7):
                e["data"] = data[k]()
            events.append(e)
            if k == "received" and rnd.random() < 0.3:  # a tie: received again the same day
                events.append({**e, "antenne": rnd.choice(antennes[:3])})
        per_case.append(events)
    out: list[dict[str, Any]] = []
    queues = [list(reversed(e)) for e in per_case]
    while any(queues):
        out.append(rnd.choice([q for q in queues if q]).pop())
    return out


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    lines = ['{"schema":"EventLog.1","source":"test","pseudonymised":false}']
    lines += [json.dumps(r, separators=(",", ":")) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("peer", PEERS)
def test_peer_equals_vaekit_on_the_example_log(peer: Peer) -> None:
    _check(peer, EXAMPLE)


@pytest.mark.parametrize("peer", PEERS)
def test_peer_equals_vaekit_on_a_generated_log(peer: Peer, tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from gen_eventlog import generate
    finally:
        sys.path.remove(str(BENCH))
    path = tmp_path / "gen.jsonl"
    path.write_text("".join(f"{line}\n" for line in generate(30_000, 7, 6, 2016, 3)), "utf-8")
    theirs = _check(peer, path)
    assert len(theirs["funnel"]) > 6 and theirs["durations"][-1]["count"] > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("peer", PEERS)
def test_peer_equals_vaekit_on_an_adversarial_log(peer: Peer, seed: int, tmp_path: Path) -> None:
    path = _write(tmp_path / "chaos.jsonl", _adversarial_log(seed, 300))
    _check(peer, path)


@pytest.mark.parametrize("peer", PEERS)
def test_peer_breaks_ties_on_the_first_reception_by_file_order(peer: Peer, tmp_path: Path) -> None:
    # C1 is received twice on 2017-03-02, at B first in the file, then at A: its cohort is 2017
    # at B (A has no 2017 row); C2 is received at A in 2018.
    records = [
        {
            "case": "C1",
            "at": "2017-03-02",
            "event": "received",
            "role": "assistant",
            "antenne": "B",
        },
        {
            "case": "C1",
            "at": "2017-03-02",
            "event": "received",
            "role": "assistant",
            "antenne": "A",
        },
        {
            "case": "C2",
            "at": "2018-01-05",
            "event": "received",
            "role": "assistant",
            "antenne": "A",
        },
        {"case": "C1", "at": "2017-03-09", "event": "appointment_held", "role": "counsellor"},
    ]
    path = _write(tmp_path / "ties.jsonl", records)
    theirs = _check(peer, path)
    assert [(r["year"], r["antenne"], r["counselled"]) for r in theirs["funnel"]] == [
        (2017, None, 1),
        (2017, "B", 1),
        (2018, None, 0),
        (2018, "A", 0),
    ]


@pytest.mark.parametrize("peer", PEERS)
def test_peer_equals_vaekit_on_a_header_only_log(peer: Peer, tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.jsonl", [])
    theirs = _check(peer, path)
    assert theirs["funnel"] == [] and theirs["durations"][0]["count"] == 0
