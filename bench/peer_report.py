"""What the side-by-side scripts share: the funnel's columns, the equality check, the timed run.

``analytics_vs_polars.py`` and ``analytics_vs_duckdb.py`` each write the activity report with
their peer alone; this module times vaekit and the peer on the same file and checks the two
``ActivityReport.1`` documents equal (see ``compare``).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

FUNNEL_COLUMNS = [
    "received", "counselled", "oriented_vae", "oriented_vap", "oriented_training",
    "oriented_skills_assessment", "oriented_other", "admissibility_sent", "admissible",
    "jury_held", "jury_full", "jury_partial", "jury_refused", "jury_absent", "dropped_out",
]  # fmt: skip
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "analytics" / "eventlog.jsonl"

Loaded = TypeVar("Loaded")


def compare(mine: Any, theirs: Any, where: str = "") -> list[str]:
    """Check that two parsed JSON documents are equal: same keys in the same order, same list
    lengths, equal strings, integers and nulls (same types), floats equal or, failing that,
    ``math.isclose(rel_tol=1e-12)``. Raises AssertionError at the first difference; returns the
    floats that are close but not equal (empty when the documents are exactly equal)."""
    if isinstance(mine, float) or isinstance(theirs, float):
        if mine == theirs:
            return []
        ok = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (mine, theirs))
        assert ok and math.isclose(mine, theirs, rel_tol=1e-12), f"{where}: {mine!r} != {theirs!r}"
        return [f"{where} {mine!r} vs {theirs!r}"]
    if isinstance(mine, dict):
        assert isinstance(theirs, dict), f"{where}: {mine!r} != {theirs!r}"
        assert list(mine) == list(theirs), f"{where}: keys {list(mine)} != {list(theirs)}"
        return [d for k in mine for d in compare(mine[k], theirs[k], f"{where}.{k}")]
    if isinstance(mine, list):
        assert isinstance(theirs, list), f"{where}: {mine!r} != {theirs!r}"
        assert len(mine) == len(theirs), f"{where}: {len(mine)} rows != {len(theirs)} rows"
        return [d for i, xy in enumerate(zip(mine, theirs)) for d in compare(*xy, f"{where}[{i}]")]
    assert type(mine) is type(theirs) and mine == theirs, f"{where}: {mine!r} != {theirs!r}"
    return []


def side_by_side(
    peer: str,
    description: str,
    read: Callable[[str], Loaded],
    report: Callable[[Loaded], dict[str, Any]],
    about: Callable[[Loaded], str],
) -> int:
    """Command line of a side-by-side script: the path argument, vaekit then the peer (``read``
    the file, then ``report`` on what was read), checked equal, times and ratio printed."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("path", nargs="?", default=str(EXAMPLE), help="event log v1 (JSON Lines)")
    a = p.parse_args()

    import vaekit

    t0 = time.perf_counter()
    log = vaekit.EventLog.read(a.path)
    t1 = time.perf_counter()
    mine = json.loads(log.report(threshold=0).to_json())
    assert mine.pop("protection")["method"] == "none"  # exact figures, compared as such
    for extension in ("by_channel", "dropout_reasons"):  # vaekit's own tables (issue 15)
        mine.pop(extension, None)
    t2 = time.perf_counter()
    loaded = read(a.path)
    t3 = time.perf_counter()
    theirs = report(loaded)
    t4 = time.perf_counter()
    inexact = compare(mine, theirs)  # raises AssertionError: vaekit and the peer disagree
    print(f"{len(log)} events; {about(loaded)}")
    print(f"vaekit: read {t1 - t0:.3f} s, report {t2 - t1:.3f} s, total {t2 - t0:.3f} s")
    print(f"{peer}: read {t3 - t2:.3f} s, report {t4 - t3:.3f} s, total {t4 - t2:.3f} s")
    print(
        f"ratio ({peer} / vaekit, end to end): {(t4 - t2) / (t2 - t0):.1f}x; "
        f"equal: {'exactly' if not inexact else f'floats to 1e-12 ({len(inexact)} not exactly)'}"
    )
    for d in inexact:
        print(f"  not exactly equal: {d}")
    return 0
