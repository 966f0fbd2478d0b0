"""The PostgreSQL store under faults (issue 16): a writer killed with SIGKILL mid-batch, the
server restarted under running writers, a statement timeout. Each comes back as a typed
``vaekit.Error`` (``vaekit.TransientError`` where a retry is right) and loses nothing that was
acknowledged. The tests start their own server (tests/python/pg_harness.py)."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_harness import INSTALL_HINT, PgServer, find_bindir, fresh_database, running_server
from store_writers import check_store, collect, writer

import vaekit


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    """A server of this module's own: one test restarts it."""
    if find_bindir() is None:
        pytest.skip(INSTALL_HINT)
    with running_server() as s:
        yield s


@pytest.fixture
def url(server: PgServer) -> str:
    """A fresh database; skipped when this build has no PostgreSQL backend."""
    u = fresh_database(server, "f")
    try:
        vaekit.CaseStore(u)
    except vaekit.Error as e:
        pytest.skip(f"this build cannot open a PostgreSQL store: {type(e).__name__}")
    return u


# ------------------------------------------------------------------ SIGKILL mid-batch

BATCH_CASES = 150


def _batch(b: int) -> list[tuple[str, int | None, list[vaekit.Event]]]:
    """Batch @p b: one event on the shared case K (at version b + 1) and 150 new cases of two
    events each."""
    day = "2021-02-01"
    k = [vaekit.Event("K", "received" if b == 0 else "informed", day, "assistant", staff=f"b{b}")]
    out: list[tuple[str, int | None, list[vaekit.Event]]] = [("K", b, k)]
    for i in range(BATCH_CASES):
        cid = f"B{b}-{i}"
        evs = [
            vaekit.Event(cid, "received", day, "assistant", antenne="IDF-75A"),
            vaekit.Event(cid, "informed", day, "assistant"),
        ]
        out.append((cid, 0, evs))
    return out


def _batch_writer(url: str, ack_fd: int) -> None:
    """Appends batch after batch, writing each acknowledged batch number to @p ack_fd."""
    store = vaekit.CaseStore(url)
    b = store.version("K")
    while True:
        store.append_batch(_batch(b))
        os.write(ack_fd, f"{b}\n".encode())
        b += 1


def _wait_for_sessions_to_end(server: PgServer, db: str) -> None:
    """Waits until the killed client's server session is gone: the server may still be
    committing what the client sent before it died (a COMMIT already sent is carried out), and
    the checks must see the outcome, not a moment before it."""
    for _ in range(600):
        if (
            server.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()",
                db=db,
            )
            == "0"
        ):
            return
        time.sleep(0.05)
    raise AssertionError("the killed writer's session did not end")


def test_writer_killed_mid_batch_leaves_no_partial_batch(url: str, server: PgServer) -> None:
    """Each acknowledged batch is there whole; a batch is there whole or not at all; the shared
    case's version is the number of committed batches. (The SQLite half is the C++ kill test,
    tests/cpp/store/test_case_store.cpp.)"""
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(16)
    acked: set[int] = set()
    for _ in range(6):
        r, w = os.pipe()
        child = ctx.Process(target=_batch_writer, args=(url, w))
        child.start()
        os.close(w)
        want = rng.randrange(1, 4)
        seen = 0
        with os.fdopen(r) as acks:
            while seen < want:
                line = acks.readline()
                assert line, "the writer died on its own"
                acked.add(int(line))
                seen += 1
            time.sleep(rng.uniform(0.0, 0.05))  # somewhere inside the next batch
            os.kill(child.pid or 0, signal.SIGKILL)
            child.join(timeout=30)
            acked.update(int(x) for x in acks.read().split())
        assert child.exitcode == -signal.SIGKILL
        _wait_for_sessions_to_end(server, url.rsplit("/", 1)[1])
        store = vaekit.CaseStore(url, read_only=True)
        committed = store.version("K")
        assert set(range(committed)) >= acked  # nothing acknowledged lost
        assert committed <= max(acked) + 2  # at most the batch in flight
        # No partial batch: the batches committed are whole, the next one absent.
        for b in range(committed):
            assert store.version(f"B{b}-0") == 2 and store.version(f"B{b}-{BATCH_CASES - 1}") == 2
        assert f"B{committed}-0" not in store
        assert store.case_count == 1 + committed * BATCH_CASES
        assert store.event_count == committed * (1 + 2 * BATCH_CASES)
        assert store.integrity_check() == "ok"
        del store  # its session would keep _wait_for_sessions_to_end waiting


# ------------------------------------------------------------------ server restart


def test_server_restart_under_writers_loses_nothing_acknowledged(
    url: str, server: PgServer, tmp_path: Path
) -> None:
    """Four durable writers run while the server is restarted twice (``pg_ctl -m fast``, which
    terminates the sessions, then ``-m immediate``, a crash and recovery). The writers get
    vaekit.TransientError (any other exception fails them), reconnect and retry; a retry whose
    first attempt was committed is recognised by its tag. Events acknowledged = events found."""
    ctx = multiprocessing.get_context("fork")
    out, stop = ctx.Queue(), ctx.Event()
    procs = [
        ctx.Process(target=writer, args=(url, p, 20, out, stop, True), daemon=True)
        for p in range(4)
    ]
    for p in procs:
        p.start()
    time.sleep(1.5)
    server.restart("fast", down_for=0.5)
    time.sleep(1.5)
    server.restart("immediate", down_for=0.5)
    time.sleep(1.5)
    stop.set()
    acknowledged, _, retries = collect(procs, out)
    assert retries > 0  # the writers did see the restarts, as typed errors
    check_store(url, acknowledged, 4, tmp_path / "all.jsonl")


# ------------------------------------------------------------------ statement timeout


def _opened(case_id: str) -> vaekit.Case:
    c = vaekit.Case(case_id)
    c.record("received", "2021-03-01", "assistant", antenne="IDF-75A")
    return c


def _locked(server: PgServer, db: str) -> object:
    """A psql session holding an ACCESS EXCLUSIVE lock on ``cases`` until its stdin closes."""
    session = server.psql_session(db)
    assert session.stdin is not None and session.stdout is not None
    session.stdin.write("BEGIN;\nLOCK TABLE cases IN ACCESS EXCLUSIVE MODE;\n\\echo locked\n")
    session.stdin.flush()
    assert session.stdout.readline().strip() == "locked"
    return session


@pytest.mark.parametrize("how", ["url", "option"])
def test_statement_timeout_comes_back_typed(url: str, server: PgServer, how: str) -> None:
    """A save blocked behind a lock is cancelled by the statement timeout (SQLSTATE 57014):
    vaekit.TransientError, nothing written, the store usable once the lock is gone."""
    vaekit.CaseStore(url).save(_opened("T1"))
    if how == "url":
        store = vaekit.CaseStore(url + "?options=" + "-c%20statement_timeout%3D300")
    else:
        store = vaekit.CaseStore(url, statement_timeout_ms=300)
    case = store.load("T1")
    case.record("informed", "2021-03-02", "assistant")
    session = _locked(server, url.rsplit("/", 1)[1])
    try:
        t0 = time.monotonic()
        with pytest.raises(vaekit.TransientError) as err:
            store.save(case)
        elapsed = time.monotonic() - t0
    finally:
        session.communicate("ROLLBACK;\n", timeout=30)  # type: ignore[attr-defined]
    assert err.value.sqlstate == "57014", str(err.value)
    assert 0.2 < elapsed < 5
    assert store.version("T1") == 1  # nothing written
    assert store.save(case) == 2  # the same case saves once the lock is gone
