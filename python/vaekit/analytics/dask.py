"""Past one machine: partitioned reports and scenario sweeps on Dask.

Reports are exact and mergeable (:meth:`vaekit.ActivityReport.merge`), so a log split by case over
many files is reported file by file on the workers and the parts are merged in a tree; the result
equals the report of the whole log. Scenario sweeps (replications and parameter grids) run one
simulation per task and bring back only small results. Every vaekit object pickles through its
JSON form, so tasks ship to worker processes unchanged.

Pass a ``distributed.Client`` to run on a cluster; without one, Dask's local scheduler is used.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import _vaekit

__all__ = ["report_partitioned", "split_event_log", "sweep"]


def _report_of_file(path: str, strict: bool) -> _vaekit.ActivityReport:
    log = _vaekit.EventLog.read(path, strict=strict)
    return log.report(threshold=0)


def _merge(a: _vaekit.ActivityReport, b: _vaekit.ActivityReport) -> _vaekit.ActivityReport:
    return a.merge(b)


def report_partitioned(
    paths: Iterable[str | os.PathLike[str]],
    *,
    threshold: int = 11,
    strict: bool = True,
    client: Any = None,
) -> _vaekit.ActivityReport:
    """The activity report of a log split by case over ``paths``, computed on Dask.

    Each file is read and reported on a worker; the exact partial reports (with the record-key
    sums of the cell-key method) are merged pairwise (a tree reduction). The result is exact;
    disclosure control is applied once, when it is published (``report.publish(...)``, at
    ``threshold`` by default), and gives the same figures as the whole log's report. The files
    must hold disjoint sets of cases (see :func:`split_event_log`).
    """
    import dask.bag as db

    files = [os.fspath(p) for p in paths]
    if not files:
        empty = _vaekit.ActivityReport()
        empty.threshold = threshold
        return empty
    bag = db.from_sequence(files, npartitions=len(files)).map(_report_of_file, strict)
    merged = bag.fold(_merge, _merge, initial=_vaekit.ActivityReport())
    report: _vaekit.ActivityReport = (
        client.compute(merged).result() if client is not None else merged.compute()
    )
    report.threshold = threshold
    return report


def split_event_log(
    path: str | os.PathLike[str], out_dir: str | os.PathLike[str], parts: int
) -> list[Path]:
    """Split the event log at ``path`` by case into ``parts`` files under ``out_dir``.

    A case goes to the part given by a stable hash of its identifier, so every event of a case
    lands in the same file and the split is the same on every run. The header line, if any, is
    copied to every part. Returns the paths written (``part-000.jsonl``...).
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = [out / f"part-{i:03d}.jsonl" for i in range(parts)]
    buffers: list[list[str]] = [[] for _ in range(parts)]
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if number == 1 and "schema" in record and "case" not in record:
                for b in buffers:
                    b.append(line if line.endswith("\n") else line + "\n")
                continue
            digest = hashlib.blake2b(str(record.get("case", "")).encode(), digest_size=8).digest()
            buffers[int.from_bytes(digest, "big") % parts].append(
                line if line.endswith("\n") else line + "\n"
            )
    for name, lines in zip(names, buffers):
        _vaekit.write_file_atomic(str(name), "".join(lines))
    return names


def _grid(grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    keys = sorted(grid)
    return [dict(zip(keys, values)) for values in itertools.product(*(grid[k] for k in keys))]


def sweep(
    task: Callable[..., Mapping[str, Any]],
    *,
    seeds: Sequence[int],
    grid: Mapping[str, Sequence[Any]] | None = None,
    client: Any = None,
) -> list[dict[str, Any]]:
    """Run ``task(seed=..., **params)`` for every seed and every point of ``grid`` on Dask.

    ``task`` returns a small mapping of results (e.g. figures of a simulated year); the sweep
    returns one record per run: the parameters, the seed, then the task's results, in grid
    order then seed order (deterministic whatever the scheduling).
    """
    from dask.base import compute
    from dask.delayed import delayed

    points = _grid(grid or {})
    runs = [(p, s) for p in points for s in seeds]
    tasks = [delayed(task)(seed=s, **p) for p, s in runs]
    results = client.gather(client.compute(tasks)) if client is not None else compute(*tasks)
    return [{**p, "seed": s, **dict(r)} for (p, s), r in zip(runs, results)]
