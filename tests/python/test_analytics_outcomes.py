"""Outcome rates joined with the registry, against the table worked by hand in
tests/cpp/analytics/test_outcomes.cpp (same fixtures: tests/data/analytics/outcomes_*)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import vaekit

A = "MINISTERE DES SOLIDARITES ET DE LA SANTE"
B = "MINISTERE DU TRAVAIL"


@pytest.fixture
def log(test_data: Path) -> vaekit.EventLog:
    return vaekit.EventLog.read(test_data / "analytics" / "outcomes_eventlog.jsonl")


@pytest.fixture
def registry(test_data: Path) -> vaekit.Registry:
    return vaekit.Registry.load(test_data / "analytics" / "outcomes_registry.json")


def test_outcome_rates_by_certification(log: vaekit.EventLog, registry: vaekit.Registry) -> None:
    df = log.outcome_rates(registry, threshold=0).to_pandas()
    assert list(df["certification"]) == ["RNCP25467", "RNCP34000", "RS5000", "unknown"]
    assert df["level"].tolist()[:2] == [3, 4]
    assert df["level"].isna().tolist() == [False, False, True, True]
    assert df["certifiers"].tolist()[:3] == [A, f"{A}; {B}", B]
    cols = ["admissibility_sent", "admissible", "jury_held", "full", "partial", "refused", "absent"]
    assert df[cols].astype(int).values.tolist() == [
        [3, 2, 2, 1, 1, 0, 0],
        [3, 2, 2, 1, 0, 1, 1],
        [1, 1, 1, 1, 0, 0, 0],
        [2, 1, 0, 0, 0, 0, 0],
    ]
    assert df["admissible_rate"].tolist() == [2 / 3, 2 / 3, 1.0, 0.5]
    assert df["full_rate"].tolist()[:3] == [0.5, 0.5, 1.0]
    assert df["full_rate"].isna().tolist()[3]


def test_outcome_rates_groupings_and_arrow(log: vaekit.EventLog, registry: vaekit.Registry) -> None:
    by_certifier = log.outcome_rates(registry, threshold=0, by="certifier")
    table = pa.table(by_certifier)
    assert table.column("certifier").to_pylist() == [A, B, "unknown"]
    assert table.column("admissibility_sent").to_pylist() == [6, 4, 2]
    by_level = log.outcome_rates(registry, threshold=0, by="level").to_pandas()
    assert by_level["admissibility_sent"].astype(int).tolist() == [3, 3, 3]
    with pytest.raises(vaekit.InvalidArgument):
        log.outcome_rates(registry, by="antenne")


def test_outcome_rates_suppression(log: vaekit.EventLog, registry: vaekit.Registry) -> None:
    # Default threshold 11: every count of this small log is suppressed, and every rate withheld.
    records = log.outcome_rates(registry).to_records()
    assert records and all(r["admissibility_sent"] is None for r in records)
    assert all(r["admissible_rate"] is None for r in records)
    # Threshold 2: RNCP25467 keeps sent 3, admissible 2, jury 2 and its admissible rate.
    row = log.outcome_rates(registry, threshold=2).to_records()[0]
    assert (row["admissibility_sent"], row["admissible"], row["jury_held"], row["full"]) == (
        3,
        2,
        2,
        None,
    )
    assert row["admissible_rate"] == 2 / 3 and row["full_rate"] is None


def test_outcome_suppression_uses_only_true_relations(
    tmp_path: Path, registry: vaekit.Registry
) -> None:
    # 37 cases of RNCP25467 sit a jury: 12 validated in full, 12 refused, 12 absent, and one
    # partly validated in 2024 then in full at a second sitting in 2025 (domain.md: a partial
    # validation is completed later). Per certification: jury_held 37, full 13, partial 1,
    # refused 12, absent 12, so jury_held = full + partial + refused + absent is FALSE here
    # (38 != 37). The small partial cell is withheld; no other cell need be, since only
    # "each result <= jury_held" holds. Issue 11: the false relation forced a secondary
    # suppression of a result cell, protecting on a wrong system.
    results = ["full"] * 12 + ["refused"] * 12 + ["absent"] * 12 + ["partial"]
    lines = ['{"schema":"EventLog.1","source":"test"}']
    for i, first in enumerate(results):
        c = f"C{i}"
        lines += [
            f'{{"case":"{c}","at":"2024-01-15","event":"certification_chosen",'
            '"role":"counsellor","certification":"RNCP25467"}',
            f'{{"case":"{c}","at":"2024-02-01","event":"admissibility_sent","role":"counsellor"}}',
            f'{{"case":"{c}","at":"2024-03-01","event":"admissibility_decided","role":"certifier",'
            '"data":{"decision":"admissible"}}',
            f'{{"case":"{c}","at":"2024-09-01","event":"jury_held","role":"jury",'
            f'"data":{{"result":"{first}"}}}}',
        ]
        if first == "partial":
            lines.append(
                f'{{"case":"{c}","at":"2025-03-01","event":"jury_held","role":"jury",'
                '"data":{"result":"full"}}'
            )
    path = tmp_path / "resit.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = vaekit.EventLog.read(path)
    cols = ["jury_held", "full", "partial", "refused", "absent"]
    exact = log.outcome_rates(registry, threshold=0).to_records()[0]
    assert [exact[c] for c in cols] == [37, 13, 1, 12, 12]
    row = log.outcome_rates(registry, threshold=11).to_records()[0]
    assert row["partial"] is None  # primary suppression
    assert [row[c] for c in cols if c != "partial"] == [37, 13, 12, 12]  # nothing else withheld
