"""Writer processes and the final check shared by the store's concurrency and fault tests.

A writer saves one event per round onto a case it loads, reloading and redoing on a conflict
(docs/store.md, "The retry loop"), and reopening the store after a retryable error (a lost
connection, a server restart). Every event carries a unique tag in ``staff``, so that a retry
whose first attempt was committed before its acknowledgement was lost is recognised on reload
and not written twice (an *ambiguous commit*: the client cannot know, it must look).
"""

from __future__ import annotations

import random
import time
import traceback
from typing import Any

import vaekit

SHARED_CASES = 3


def open_store(url: str, **options: Any) -> vaekit.CaseStore:
    """The store at @p url (a SQLite path or a ``postgresql://`` URL)."""
    return vaekit.CaseStore(url, **options)


def is_retryable(error: BaseException) -> bool:
    """Whether a writer should reopen the store and try again after @p error."""
    return isinstance(error, vaekit.TransientError)


def writer(
    url: str,
    proc: int,
    rounds: int,
    out: Any,
    stop: Any = None,
    durable: bool = False,
) -> None:
    """One process: @p rounds saves (or until @p stop is set, at least @p rounds), each on a
    shared case (``S0``..``S2``) or the process's own (``W<proc>``); puts
    ``(proc, acknowledged tags, conflicts, retries, error)`` on @p out."""
    rng = random.Random(proc)
    acknowledged: list[str] = []
    conflicts = retries = 0
    store: vaekit.CaseStore | None = None
    r = 0
    try:
        while r < rounds or (stop is not None and not stop.is_set()):
            if stop is not None and stop.is_set() and r >= rounds:
                break
            case_id = f"S{rng.randrange(SHARED_CASES)}" if rng.random() < 0.6 else f"W{proc}"
            tag = f"w{proc}-{r}"
            while True:
                try:
                    if store is None:
                        store = open_store(url, durable=durable)
                    try:
                        case = store.load(case_id)
                    except KeyError:
                        case = vaekit.Case(case_id)
                        case.record("received", "2021-01-04", "assistant", staff=tag)
                    else:
                        if any(e.staff == tag for e in case.events):
                            break  # the earlier attempt was committed, its answer lost
                        case.record("informed", "2021-01-05", "assistant", staff=tag)
                    store.save(case)
                except vaekit.ConflictError:
                    conflicts += 1
                    continue
                except vaekit.Error as e:
                    if not is_retryable(e):
                        raise
                    retries += 1
                    store = None  # reconnect
                    time.sleep(0.05)
                    continue
                break
            acknowledged.append(tag)
            r += 1
        out.put((proc, acknowledged, conflicts, retries, None))
    except BaseException:  # reported to the parent, which fails the test with it
        out.put((proc, acknowledged, conflicts, retries, traceback.format_exc()))


def collect(procs: list[Any], out: Any, timeout: float = 600) -> tuple[list[str], int, int]:
    """Waits for the writers; returns (all acknowledged tags, conflicts, retries). Fails on a
    writer's error or a non-zero exit."""
    results = [out.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0, f"writer exited with {p.exitcode}"
    errors = [err for *_, err in results if err]
    assert not errors, errors[0]
    acknowledged = [t for _, tags, *_ in results for t in tags]
    return acknowledged, sum(r[2] for r in results), sum(r[3] for r in results)


def check_store(url: str, acknowledged: list[str], writers: int, export: Any) -> None:
    """Events acknowledged = events found (each once), every history a valid fold (replayed
    event by event through the transition table), the export has them all."""
    store = open_store(url, read_only=True)
    found: list[str] = []
    case_ids = [f"S{i}" for i in range(SHARED_CASES)] + [f"W{p}" for p in range(writers)]
    for case_id in case_ids:
        if case_id not in store:
            continue
        stored = store.load(case_id)
        replayed = vaekit.Case(case_id)
        for e in stored.events:
            replayed.record_event(e)  # raises TransitionError on an invalid history
        assert replayed == stored
        assert stored.events[0].event == "received"
        assert store.version(case_id) == len(stored.events)
        found += [e.staff for e in stored.events]
    assert sorted(found) == sorted(acknowledged)  # nothing lost, nothing twice
    assert store.event_count == len(acknowledged)
    assert store.export_event_log(export) == len(acknowledged)
    assert len(vaekit.read_event_log(export)) == len(acknowledged)
