"""The SQLite case store from Python: appends, conflicts, queries, export."""

from __future__ import annotations

import vaekit


def test_store_round_trip_and_conflict(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = vaekit.CaseStore(tmp_path / "cases.db")
    c = vaekit.Case("S1")
    c.record("received", "2019-01-07", "assistant", antenne="IDF-94C")
    c.record("appointment_held", "2019-01-14", "counsellor")
    assert store.save(c, expected_version=0) == 2
    assert "S1" in store and store.version("S1") == 2
    loaded = store.load("S1")
    assert loaded == c and loaded.stage == "counselling"
    stale = store.load("S1")
    loaded.record("certification_chosen", "2019-01-14", "counsellor", certification="RNCP36004")
    store.save(loaded, expected_version=2)
    stale.record("appointment_missed", "2019-01-20", "assistant")
    try:
        store.save(stale, expected_version=2)
        raise AssertionError("no conflict")
    except vaekit.ConflictError as e:
        assert (e.case_id, e.expected, e.actual) == ("S1", 2, 3)
    ev = vaekit.Event("S1", "appointment_missed", "2019-01-21", "assistant")
    assert store.append("S1", [ev], expected_version=3) == 4
    bad = vaekit.Event("S1", "jury_held", "2019-01-22", "jury", result="full")
    try:
        store.append("S1", [bad])
        raise AssertionError("accepted")
    except vaekit.TransitionError:
        pass
    assert store.version("S1") == 4
    rows = store.query(antenne="IDF-94C")
    assert [r.case_id for r in rows] == ["S1"] and rows[0].stage == "counselling"
    assert store.query(stage="support") == []
    assert store.query(due_by="2019-03-21") == []
    assert store.query(due_by="2019-03-22")[0].case_id == "S1"  # inactive 60 days after 2019-01-21
    assert store.export_event_log(tmp_path / "out.jsonl") == 4
    assert len(vaekit.read_event_log(tmp_path / "out.jsonl")) == 4
    assert store.integrity_check() == "ok"


def test_batch_is_atomic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = vaekit.CaseStore(tmp_path / "b.db", durable=False)
    good = [vaekit.Event("A", "received", "2020-01-06", "assistant")]
    bad = [vaekit.Event("B", "informed", "2020-01-06", "assistant")]  # no reception first
    try:
        store.append_batch([("A", 0, good), ("B", 0, bad)])
        raise AssertionError("accepted")
    except vaekit.TransitionError:
        pass
    assert store.case_count == 0
    assert store.append_batch([("A", 0, good)]) == [1]
