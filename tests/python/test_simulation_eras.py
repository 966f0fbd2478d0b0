"""Tests of the two eras of the simulation (issue 15): idf-2014 unchanged byte for byte, the
France VAE era's idf-2025 and its targets, profiles and follow-ups recomputed independently from
the written log with pandas, pickling, the demo's side-by-side figures."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import vaekit
from vaekit import i18n

# SHA-256 of the JSON Lines of idf-2014 written by the simulator BEFORE the France VAE era was
# added (commit fb2377f, the main branch's build at the time): the old era's logs must not move by
# a byte.
IDF_2014_JSONL_SHA256 = {
    2014: (116649, "2dd10f9857d19975ae1f2267ee80a0fcb203123bfb534a880ba9fb8a45f68e22"),
    7: (116491, "880b36619bfda7f7d5e3cdae67c30636bec010da3eed4c5e3c61c346684f4293"),
}


@pytest.fixture(scope="module")
def run_2025() -> vaekit.SimulationResult:
    return vaekit.simulate(vaekit.Scenario.builtin("idf-2025"), seed=2025)


@pytest.fixture(scope="module")
def lines_2025(
    run_2025: vaekit.SimulationResult, tmp_path_factory: pytest.TempPathFactory
) -> pd.DataFrame:
    """idf-2025's log written as JSON Lines once, read back (one row per event)."""
    path = tmp_path_factory.mktemp("idf-2025") / "idf-2025.jsonl"
    run_2025.write_jsonl(path)
    return read_lines(path)


def read_lines(path: Path) -> pd.DataFrame:
    """The events of a written log, one row each, with the data fields as columns."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if "event" not in doc:  # the header
                continue
            rows.append({"case": doc["case"], "event": doc["event"], **doc.get("data", {})})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", sorted(IDF_2014_JSONL_SHA256))
def test_idf_2014_is_byte_for_byte_unchanged(seed: int, tmp_path: Path) -> None:
    events, digest = IDF_2014_JSONL_SHA256[seed]
    r = vaekit.simulate(vaekit.Scenario.builtin("idf-2014"), seed=seed)
    path = tmp_path / "idf-2014.jsonl"
    r.write_jsonl(path)
    assert len(r.log) == events
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    # The 2017 era records none of the reform's figures.
    assert r.metrics["accompanied_share"] == 0
    assert r.metrics["profiled"] == 0


def test_idf_2025_meets_its_targets(run_2025: vaekit.SimulationResult) -> None:
    assert "idf-2025" in vaekit.Scenario.builtin_names()
    checks = run_2025.check_targets()
    assert len(checks) >= 6
    missed = [(t.metric, t.measured, t.target, t.tolerance) for t in checks if not t.ok]
    assert missed == []
    for t in run_2025.scenario.targets:
        assert t.source  # each target says where it comes from, or that it is assumed


def test_profiles_and_followups_equal_a_pandas_computation(
    run_2025: vaekit.SimulationResult, lines_2025: pd.DataFrame
) -> None:
    df = lines_2025
    m = run_2025.metrics
    profiles = df[df["event"] == "profile_recorded"]
    assert len(profiles) == m["received"] == profiles["case"].nunique()
    stated = profiles[profiles["sex"] != "not_stated"]
    assert (stated["sex"] == "woman").mean() == pytest.approx(m["women_share"], abs=1e-12)
    employment = profiles[profiles["employment"] != "not_stated"]["employment"]
    salaried = {
        "private_employee",
        "public_employee",
        "hospital_employee",
        "work_study",
        "temp_worker",
        "intermittent",
        "subsidised_contract",
    }
    assert employment.isin(salaried).mean() == pytest.approx(m["employee_share"], abs=1e-12)
    assert (employment == "job_seeker").mean() == pytest.approx(m["job_seeker_share"], abs=1e-12)
    assert set(profiles["departement"]) == {"75", "77", "78", "91", "92", "93", "94", "95"}

    follow = df[df["event"] == "followup_recorded"]
    for months, metric in ((6, "followup_response_6"), (12, "followup_response_12")):
        at = follow[follow["months"] == months]
        assert (at["situation"] != "no_answer").mean() == pytest.approx(m[metric], abs=1e-12)
    # In a job 12 months after the jury, among certified respondents (full validation or partial
    # certification at the case's last jury).
    juries = df[df["event"] == "jury_held"].groupby("case")["result"].last()
    certified = set(juries[juries.isin(["full", "partial_certification"])].index)
    twelve = follow[(follow["months"] == 12) & (follow["situation"] != "no_answer")]
    twelve = twelve[twelve["case"].isin(certified)]
    employed = twelve["situation"].isin(["same_job", "promotion", "new_job"]).mean()
    assert employed == pytest.approx(m["employed_12_certified_share"], abs=1e-12)


def test_funding_equals_a_pandas_computation(
    run_2025: vaekit.SimulationResult, lines_2025: pd.DataFrame
) -> None:
    df = lines_2025
    m = run_2025.metrics
    requested = df[df["event"] == "funding_requested"]
    decided = df[df["event"] == "funding_decided"]
    assert set(requested["funding"]) == {"france_vae"}
    assert requested["amount"].sum() == pytest.approx(m["funding_requested_euros"])
    assert decided["amount"].sum() == pytest.approx(m["funding_granted_euros"])
    assert m["cost_per_certification"] == pytest.approx(m["funding_granted_euros"] / m["certified"])


def test_idf_2025_departements_reach_the_columnar_log(
    run_2025: vaekit.SimulationResult, lines_2025: pd.DataFrame
) -> None:
    # Before the 32-bit payload, the columnar log (the result's log, what reports read) had no
    # département: only the written JSON Lines carried it.
    codes = {"75", "77", "78", "91", "92", "93", "94", "95"}
    frame = run_2025.log.to_pandas()
    profiles = frame[frame["event"] == "profile_recorded"]
    assert set(profiles["departement"].astype(str)) == codes
    # The report's département rows equal the cases received by département in the written log
    # (each case has one profile, recorded at its submission, the cohort's start).
    df = lines_2025
    received = df[df["event"] == "candidacy_submitted"]["case"]
    dep = df[df["event"] == "profile_recorded"].set_index("case")["departement"]
    expected = dep.loc[received].value_counts().to_dict()
    by = run_2025.log.report(threshold=0).publish(method="none").by_profile.to_pandas()
    rows = by[by["attribute"] == "departement"]
    assert set(rows["value"]) == codes
    assert rows.groupby("value")["received"].sum().to_dict() == expected
    back = pickle.loads(pickle.dumps(run_2025))  # the result's JSON keeps the 32-bit payloads
    assert back.log.to_pandas()["departement"].equals(frame["departement"])


def test_france_vae_result_pickles(run_2025: vaekit.SimulationResult) -> None:
    back = pickle.loads(pickle.dumps(run_2025))
    assert back == run_2025
    assert back.metrics == run_2025.metrics


def test_the_demo_shows_both_eras(run_2025: vaekit.SimulationResult) -> None:
    from vaekit.demo import simulation as demo_simulation

    r2014 = demo_simulation.simulate()
    with i18n.use_language("en"):
        lines = demo_simulation.compare_eras(r2014, run_2025)
        text = "\n".join(demo_simulation.describe(run_2025))
    assert lines[0] == "The two eras side by side:"
    assert "idf-2014" in lines[1] and "idf-2025" in lines[1]
    assert len(lines) == 2 + len(demo_simulation.ERA_FIGURES)
    # Figures an era does not have are "-": the 2017 era has no partial certification.
    row = next(line for line in lines if "partial certification" in line)
    assert row.split()[-2] == "-" and row.split()[-1].endswith("%")
    assert "candidacies submitted" in text
    assert "MISSED" not in text
    # French by default.
    french = "\n".join(demo_simulation.describe(run_2025))
    assert "candidatures déposées" in french
    assert "Calibrage : 7 cibles sur 7 dans la tolérance" in french
