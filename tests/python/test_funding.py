"""Funding: per case, the funding mix and the cost per certification against pandas.

Definitions (docs/analytics.md, "Funding"): requested hours and amounts are the sums over
``funding_requested``; granted ones over the ``funding_decided`` events with ``granted`` true;
a certification obtained is a case whose last jury result is ``full`` or
``partial_certification``; the cost per certification is the granted amount of the cases of a
certification divided by its certifications obtained.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from log_records import CaseRecords

import vaekit

FUNDERS = ["france_vae", "opco", "region", "cpf"]
KINDS = ["individual_support", "collective_support", "training", "jury_fees"]
RESULTS = ["full", "partial", "refused", "partial_certification"]
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "analytics" / "employment_eventlog.jsonl"


def generate(seed: int, n: int) -> list[dict[str, Any]]:
    """A seeded log: a certification, funding requests and decisions, a jury."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    for i in range(n):
        case = f"F{i:04d}"
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))

        add = CaseRecords(records, rng, case, day, 30).add

        if rng.random() < 0.9:
            add("certification_chosen", "counsellor", certification=rng.choice(["R1", "R2"]))
        for _ in range(rng.randrange(0, 4)):
            data: dict[str, Any] = {"funding_kind": rng.choice(KINDS)}
            if rng.random() < 0.95:
                data["funding"] = rng.choice(FUNDERS)
            if rng.random() < 0.8:
                data["hours"] = rng.choice([4, 10, 20, 24.5])
            data["amount"] = rng.choice([250, 800, 1500.5, 3000])
            add("funding_requested", "aap", data)
            if rng.random() < 0.8:
                granted = rng.random() < 0.7
                add("funding_decided", "funder", {**data, "granted": granted})
        if rng.random() < 0.7:
            add("jury_held", "jury", {"result": rng.choice(RESULTS)})
    return records


def write_log(path: Path, records: list[dict[str, Any]]) -> Path:
    lines = [json.dumps({"schema": "EventLog.1", "source": "generated"})]
    lines += [json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    ev = pd.DataFrame(records)
    ev["data"] = ev["data"].apply(lambda d: d if isinstance(d, dict) else {})
    for field in ("funding", "funding_kind", "hours", "amount", "granted", "result"):
        ev[field] = ev["data"].map(lambda d, f=field: d.get(f))
    ev["funding"] = ev["funding"].fillna("unknown")
    ev["hours"] = ev["hours"].astype(float).fillna(0.0)
    ev["amount"] = ev["amount"].astype(float).fillna(0.0)
    return ev


def reference_mix(ev: pd.DataFrame) -> pd.DataFrame:
    req = ev[ev["event"] == "funding_requested"]
    dec = ev[(ev["event"] == "funding_decided") & (ev["granted"] == True)]  # noqa: E712
    keys = ["funding", "funding_kind"]
    mix = pd.DataFrame(
        {
            "cases_requested": req.groupby(keys)["case"].nunique(),
            "cases_granted": dec.groupby(keys)["case"].nunique(),
            "requested_hours": req.groupby(keys)["hours"].sum(),
            "requested_amount": req.groupby(keys)["amount"].sum(),
            "granted_hours": dec.groupby(keys)["hours"].sum(),
            "granted_amount": dec.groupby(keys)["amount"].sum(),
        }
    )
    # A key seen only in a refused decision is a row too (zeros).
    seen = ev[ev["event"].isin(["funding_requested", "funding_decided"])]
    mix = mix.reindex(pd.MultiIndex.from_frame(seen[keys].drop_duplicates())).fillna(0)
    mix = mix.sort_index().reset_index()
    overall = {
        "funding": None,
        "funding_kind": None,
        "cases_requested": req["case"].nunique(),
        "cases_granted": dec["case"].nunique(),
        "requested_hours": req["hours"].sum(),
        "requested_amount": req["amount"].sum(),
        "granted_hours": dec["hours"].sum(),
        "granted_amount": dec["amount"].sum(),
    }
    return pd.concat([mix, pd.DataFrame([overall])], ignore_index=True)


def reference_cost(ev: pd.DataFrame) -> pd.DataFrame:
    cert = ev.dropna(subset=["certification"]).groupby("case")["certification"].last()
    last = ev[ev["event"] == "jury_held"].groupby("case")["result"].last()
    certified = set(last[last.isin(["full", "partial_certification"])].index)
    dec = ev[(ev["event"] == "funding_decided") & (ev["granted"] == True)]  # noqa: E712
    granted = dec.groupby("case")["amount"].sum()
    cases = sorted(certified | set(granted.index))
    per = pd.DataFrame(
        {
            "case": cases,
            "certification": [cert.get(c, "unknown") for c in cases],
            "certified": [int(c in certified) for c in cases],
            "cases_granted": [int(c in granted.index) for c in cases],
            "granted_amount": [float(granted.get(c, 0.0)) for c in cases],
        }
    )
    rows = per.groupby("certification")[["certified", "cases_granted", "granted_amount"]].sum()
    rows = rows.reset_index()
    total = per[["certified", "cases_granted", "granted_amount"]].sum()
    rows = pd.concat(
        [rows, pd.DataFrame([{"certification": None, **total.to_dict()}])], ignore_index=True
    )
    rows["cost_per_certification"] = [
        a / c if c else None for a, c in zip(rows["granted_amount"], rows["certified"])
    ]
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_mix_and_cost_equal_an_independent_pandas_computation(tmp_path: Path, seed: int) -> None:
    records = generate(seed, 300)
    log = vaekit.read_event_log(write_log(tmp_path / "log.jsonl", records))
    f = vaekit.funding_report(log, method="none", threshold=0)
    ev = frame(records)
    got = f.mix.to_pandas()
    want = reference_mix(ev)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    got_cost = f.cost.to_pandas()
    pd.testing.assert_frame_equal(got_cost, reference_cost(ev), check_dtype=False)


def test_per_case_rows(tmp_path: Path) -> None:
    records = generate(5, 100)
    log = vaekit.read_event_log(write_log(tmp_path / "log.jsonl", records))
    per = vaekit.funding_by_case(log).to_pandas()
    ev = frame(records)
    req = ev[ev["event"] == "funding_requested"]
    want = req.groupby(["case", "funding", "funding_kind"])["amount"].sum()
    got = per.set_index(["case", "funding", "funding_kind"])["requested_amount"]
    got = got[got.index.isin(want.index)]
    pd.testing.assert_series_equal(
        got.sort_index(), want.sort_index(), check_names=False, check_index_type=False
    )
    assert per["granted"].sum() == int((ev["granted"] == True).sum())  # noqa: E712


@pytest.mark.parametrize("method", ["suppression", "cell-key"])
def test_the_audit_passes_and_sums_go_with_their_counts(tmp_path: Path, method: str) -> None:
    records = generate(3, 400)
    log = vaekit.read_event_log(write_log(tmp_path / "log.jsonl", records))
    f = vaekit.funding_report(log, method=method, threshold=11)
    audit = f.audit()
    assert all(a["safe"] for a in audit)
    mix = f.mix.to_pandas()
    for count, sums in [
        ("cases_requested", ["requested_hours", "requested_amount"]),
        ("cases_granted", ["granted_hours", "granted_amount"]),
    ]:
        for s in sums:
            assert (mix[count].isna() == mix[s].isna()).all()
        assert (mix[count].dropna() >= 11).all()
    cost = f.cost.to_pandas()
    withheld = cost["certified"].isna() | cost["granted_amount"].isna()
    assert cost.loc[withheld, "cost_per_certification"].isna().all()


def test_fixture_worked_by_hand() -> None:
    """The fixture of tests/cpp/analytics/employment_indicators.cpp."""
    f = vaekit.funding_report(vaekit.read_event_log(FIXTURE), threshold=0)
    cost = f.cost.to_pandas()
    overall = cost[cost["certification"].isna()].iloc[0]
    assert overall["certified"] == 3
    assert overall["granted_amount"] == 2700.0
    assert overall["cost_per_certification"] == 900.0
    mix = f.mix.to_pandas()
    assert mix["funding"].iloc[:3].tolist() == ["france_vae", "france_vae", "opco"]
