"""Past one machine: the same results on a Dask LocalCluster with two worker processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vaekit

distributed = pytest.importorskip("distributed")
from vaekit.analytics import dask as vdask  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_LOG = ROOT / "examples" / "data" / "analytics" / "eventlog.jsonl"


def simulated_wait(seed: int, counsellors: int) -> dict[str, float]:
    """A sweep task: the mean first-appointment wait of a simulated idf-2014 year."""
    scenario = vaekit.Scenario.builtin("idf-2014")
    scenario.counsellors = counsellors
    result = vaekit.simulate(scenario, seed=seed, record_log=False)
    return {"mean_wait": float(result.queue.mean_wait), "served": float(result.queue.served)}


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_partitioned_report_equals_whole(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parts = vdask.split_event_log(EXAMPLE_LOG, tmp_path / "parts", 4)
    assert len(parts) == 4
    merged = vdask.report_partitioned(parts, threshold=11, client=client)
    local = vdask.report_partitioned(parts, threshold=11)
    whole = vaekit.EventLog.read(str(EXAMPLE_LOG)).report(threshold=11)
    assert json.loads(merged.to_json()) == json.loads(whole.to_json())
    assert json.loads(local.to_json()) == json.loads(whole.to_json())


def test_every_case_lands_in_one_part(tmp_path: Path) -> None:
    parts = vdask.split_event_log(EXAMPLE_LOG, tmp_path / "p", 3)
    seen: dict[str, int] = {}
    for i, path in enumerate(parts):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "case" in record:
                assert seen.setdefault(record["case"], i) == i
    whole = sum(
        1 for line in EXAMPLE_LOG.read_text(encoding="utf-8").splitlines() if '"case"' in line
    )
    assert sum(1 for _ in seen) > 0
    assert sum(len(vaekit.EventLog.read(str(p))) for p in parts) == whole


def test_sweep_on_cluster_equals_single_process(client) -> None:  # type: ignore[no-untyped-def]
    grid = {"counsellors": [20, 28]}
    on_cluster = vdask.sweep(simulated_wait, seeds=[1, 2], grid=grid, client=client)
    in_process = [
        {"counsellors": c, "seed": s, **simulated_wait(seed=s, counsellors=c)}
        for c in grid["counsellors"]
        for s in (1, 2)
    ]
    assert on_cluster == in_process
    # more counsellors, shorter waits (same seed)
    assert on_cluster[2]["mean_wait"] <= on_cluster[0]["mean_wait"]


def test_objects_travel_to_workers(client) -> None:  # type: ignore[no-untyped-def]
    scenario = vaekit.Scenario.builtin("idf-2014")
    back = client.submit(lambda s: s, scenario).result()
    assert back.to_json() == scenario.to_json()
