"""The case store from Python: appends, conflicts, queries, export; the contract tests run over
both backends (the ``store_url`` fixture of conftest.py: SQLite, and PostgreSQL on a throwaway
server, skipped when PostgreSQL is absent)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit
from vaekit import cli


def test_store_round_trip_and_conflict(tmp_path: Path, store_url: str) -> None:
    store = vaekit.CaseStore(store_url)
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
    # Inactive 60 days after 2019-01-21, counted from 2025-08-01 when the France VAE inactivity
    # rule came into force (issue 12).
    assert store.query(due_by="2025-09-29") == []
    assert store.query(due_by="2025-09-30")[0].case_id == "S1"
    assert store.export_event_log(tmp_path / "out.jsonl") == 4
    assert len(vaekit.read_event_log(tmp_path / "out.jsonl")) == 4
    assert store.integrity_check() == "ok"


def test_batch_is_atomic(store_url: str) -> None:
    store = vaekit.CaseStore(store_url, durable=False)
    good = [vaekit.Event("A", "received", "2020-01-06", "assistant")]
    bad = [vaekit.Event("B", "informed", "2020-01-06", "assistant")]  # no reception first
    try:
        store.append_batch([("A", 0, good), ("B", 0, bad)])
        raise AssertionError("accepted")
    except vaekit.TransitionError:
        pass
    assert store.case_count == 0
    assert store.append_batch([("A", 0, good)]) == [1]


# ---------------------------------------------------------------- the concurrency contract
# Issue 11: two handles that both load a case and both save lost the first writer's event; a
# longer but different history was glued onto the stored one. save() now appends only onto
# exactly the history the case was loaded with.


def _opened(case_id: str, day: str = "2021-03-01") -> vaekit.Case:
    c = vaekit.Case(case_id)
    c.record("received", day, "assistant", antenne="IDF-75A")
    c.record("informed", day, "assistant")
    return c


def test_two_handles_both_save_second_is_refused(store_url: str) -> None:
    a = vaekit.CaseStore(store_url)
    b = vaekit.CaseStore(store_url)
    new = _opened("C1")
    assert new.loaded_version == 0
    assert a.save(new) == 2 and new.loaded_version == 2
    ca, cb = a.load("C1"), b.load("C1")
    assert ca.loaded_version == cb.loaded_version == 2
    ca.record("appointment_missed", "2021-03-08", "assistant", staff="first")
    cb.record("informed", "2021-03-09", "assistant", staff="second")
    assert a.save(ca) == 3
    with pytest.raises(vaekit.ConflictError) as err:
        b.save(cb)
    assert (err.value.case_id, err.value.expected, err.value.actual) == ("C1", 2, 3)
    # The old docs' pattern (expected = the store's current version) is refused as well.
    with pytest.raises(vaekit.ConflictError):
        b.save(cb, expected_version=b.version("C1"))
    # Reload, redo, save: both writers' events are there.
    again = b.load("C1")
    again.record("informed", "2021-03-09", "assistant", staff="second")
    assert b.save(again) == 4
    assert [e.staff for e in a.load("C1").events][2:] == ["first", "second"]


def test_divergent_longer_history_is_never_appended(store_url: str) -> None:
    store = vaekit.CaseStore(store_url)
    stored = _opened("C1")
    store.save(stored)
    other = _opened("C1", "2021-04-01")
    other.record("appointment_missed", "2021-04-08", "assistant")
    other.record("appointment_missed", "2021-04-15", "assistant")
    with pytest.raises(vaekit.ConflictError):
        store.save(other)  # loaded version 0, stored 2
    with pytest.raises(vaekit.ConflictError, match="differ"):
        store.save(other, expected_version=2)  # same count, other events
    assert store.load("C1") == stored


_example = [0]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(["load", "save"]), st.integers(0, 2)), max_size=30))
def test_saves_succeed_exactly_on_the_loaded_history(store_url: str, ops: list) -> None:  # type: ignore[type-arg]
    """Law: a save succeeds iff no save happened since its case was loaded; the stored history
    is then that case's events; every acknowledged event is stored, none twice."""
    _example[0] += 1
    cid = f"H{_example[0]}"  # one store per test, a case per example
    stores = [vaekit.CaseStore(store_url, durable=False) for _ in range(3)]
    stores[0].save(_opened(cid))
    model: list[str] = ["", ""]  # staff of the stored events
    held: list[tuple[vaekit.Case, int]] = [(s.load(cid), len(model)) for s in stores]
    acknowledged: list[str] = []
    for n, (op, h) in enumerate(ops):
        if op == "load":
            held[h] = (stores[h].load(cid), len(model))
            continue
        case, base = held[h]
        case.record("informed", "2021-03-02", "assistant", staff=f"s{n}")
        if base == len(model):
            assert stores[h].save(case) == len(model) + 1
            model.append(f"s{n}")
            acknowledged.append(f"s{n}")
            held[h] = (case, len(model))
        else:
            with pytest.raises(vaekit.ConflictError):
                stores[h].save(case)
            held[h] = (stores[h].load(cid), len(model))
    found = [e.staff for e in stores[0].load(cid).events]
    assert found == model
    assert sorted(found[2:]) == sorted(acknowledged)


# ---------------------------------------------------------------- files and formats


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(vaekit.SchemaError, match="not a vaekit case store"):
        vaekit.CaseStore(path)
    with pytest.raises(vaekit.SchemaError):
        vaekit.CaseStore(path, read_only=True)
    assert path.read_bytes() == before


def test_case_store_1_file_is_read_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = vaekit.CaseStore(path)
    store.save(_opened("C1"))
    del store
    con = sqlite3.connect(path)  # make it what the old code wrote: no application_id
    con.execute("PRAGMA application_id=0")
    con.execute("PRAGMA user_version=0")
    con.execute("UPDATE meta SET value='CaseStore.1' WHERE key='schema'")
    con.commit()
    con.close()
    assert vaekit.CaseStore(path, read_only=True).version("C1") == 2
    upgraded = vaekit.CaseStore(path)
    assert upgraded.load("C1").stage == "reception"
    del upgraded
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x5641454B
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2
    assert con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == "CaseStore.2"
    # Every query column is indexed, the side state too (added with the PostgreSQL backend).
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"cases_antenne", "cases_stage", "cases_side", "cases_due"} <= indexes
    con.close()


def test_export_refuses_a_corrupt_stored_line(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store = vaekit.CaseStore(path)
    store.save(_opened("C1"))
    con = sqlite3.connect(path)
    con.execute("""UPDATE events SET line='{"case":"C1","at":"2021-03-01",' WHERE seq=2""")
    con.commit()
    con.close()
    out = tmp_path / "out.jsonl"
    with pytest.raises(vaekit.ParseError, match='case "C1" seq 2'):
        store.export_event_log(out)
    assert not out.exists()


def _log(path: Path, lines: list[str]) -> Path:
    path.write_text('{"schema":"EventLog.1","source":"test"}\n' + "".join(lines), "utf-8")
    return path


def _ev(case: str, at: str, event: str, role: str = "assistant") -> str:
    return json.dumps({"case": case, "at": at, "event": event, "role": role}) + "\n"


def test_cli_import_reports_every_conflict_and_never_merges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_url: str
) -> None:
    db = store_url
    first = _log(
        tmp_path / "one.jsonl",
        [_ev("C1", "2021-01-04", "received"), _ev("C2", "2021-01-04", "received")]
        + [_ev("C1", "2021-01-05", "informed")],
    )
    assert cli.main(["cases", "import", str(first), "--store", db]) == 0
    assert "2 dossiers créés" in capsys.readouterr().out  # French by default (issue 14)
    # C1 with three different events (issue 11: one was glued onto the old history, exit 0).
    second = _log(
        tmp_path / "two.jsonl",
        [_ev("C1", "2022-05-02", "received"), _ev("C1", "2022-05-03", "informed")]
        + [_ev("C1", "2022-05-10", "appointment_missed"), _ev("C3", "2022-05-02", "received")]
        + [_ev("C2", "2022-05-02", "received"), _ev("C2", "2022-05-03", "informed")],
    )
    assert cli.main(["cases", "import", str(second), "--store", db, "--batch-cases", "1"]) == 1
    out = capsys.readouterr().out
    assert "2 en conflit" in out and "    C1\n" in out and "    C2\n" in out
    store = vaekit.CaseStore(db, read_only=True)
    assert str(store.load("C1").events[0].at).startswith("2021-01-04")  # the stored history
    assert store.version("C1") == 2 and store.version("C2") == 1 and store.version("C3") == 1
    with pytest.raises(SystemExit):
        cli.main(["cases", "import", str(second), "--store", db, "--batch-cases", "0"])
