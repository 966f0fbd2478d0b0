"""Employment after the jury: vaekit against an independent pandas computation on generated logs.

Definitions (docs/analytics.md, "Employment after the jury"): the population is the cases with a
jury (or a follow-up); a follow-up at 6 or 12 months is due when the last jury's date plus that
many calendar months is on or before the as-of date (default: the latest event), or when one was
recorded; employed = same_job, promotion or new_job; retention = same_job or promotion among the
respondents in employment before (profile ``employment`` among the employed typologies).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from log_records import CaseRecords

import vaekit

_VOCABULARY = {f["name"]: list(f["values"]) for f in vaekit.event_vocabulary()}
SITUATIONS = [v for v in _VOCABULARY["situation"] if v != "no_answer"]
EMPLOYMENTS = _VOCABULARY["employment"]  # France VAE's typology, from the one vocabulary table
EMPLOYED = {
    "private_employee",
    "public_employee",
    "hospital_employee",
    "work_study",
    "temp_worker",
    "intermittent",
    "subsidised_contract",
    "self_employed",
    "collaborating_spouse",
}
RESULTS = ["full", "partial", "refused", "absent", "partial_certification"]
COUNTS = [
    "followups_due",
    "answered",
    *SITUATIONS,
    "no_answer",
    "employed",
    "employed_before",
    "retained",
]
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "analytics" / "employment_eventlog.jsonl"


def generate(seed: int, n: int) -> list[dict[str, Any]]:
    """A seeded log: profiles, certifications, up to two juries, follow-ups at 6 and 12 months."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    for i in range(n):
        case = f"K{i:04d}"
        day = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randrange(700))

        add = CaseRecords(records, rng, case, day, 60).add

        add("received", "assistant", antenne="A1")
        if rng.random() < 0.7:
            data = {"employment": rng.choice(EMPLOYMENTS), "sex": rng.choice(["woman", "man"])}
            if rng.random() < 0.2:
                del data["employment"]
            add("profile_recorded", "counsellor", data)
        if rng.random() < 0.9:
            add("certification_chosen", "counsellor", certification=rng.choice(["R1", "R2", "R3"]))
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            add("jury_held", "jury", {"result": rng.choice(RESULTS)})
        for months in (6, 12):
            if rng.random() < 0.6:
                situation = rng.choice([*SITUATIONS, "no_answer"])
                add("followup_recorded", "counsellor", {"months": months, "situation": situation})
                if rng.random() < 0.1:  # a second survey at the same delay: the last one counts
                    situation = rng.choice([*SITUATIONS, "no_answer"])
                    add("followup_recorded", "system", {"months": months, "situation": situation})
    return records


def write_log(path: Path, records: list[dict[str, Any]]) -> Path:
    lines = [json.dumps({"schema": "EventLog.1", "source": "generated"})]
    lines += [json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def add_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def reference(
    records: list[dict[str, Any]], by: list[str], as_of: dt.date | None = None
) -> pd.DataFrame:
    """The employment table computed with pandas from the records alone (exact counts)."""
    ev = pd.DataFrame(records)
    ev["date"] = pd.to_datetime(ev["at"]).dt.date
    ev["data"] = ev["data"].apply(lambda d: d if isinstance(d, dict) else {})
    if "certification" not in ev:
        ev["certification"] = None
    as_of = as_of or ev["date"].max()
    juries = ev[ev["event"] == "jury_held"].copy()
    juries["result"] = juries["data"].map(lambda d: d["result"])
    last_jury = juries.groupby("case").tail(1).set_index("case")  # dates grow within a case
    fu = ev[ev["event"] == "followup_recorded"].copy()
    fu["months"] = fu["data"].map(lambda d: d["months"])
    fu["situation"] = fu["data"].map(lambda d: d["situation"])
    fu = fu.groupby(["case", "months"]).tail(1)
    prof = ev[ev["event"] == "profile_recorded"].copy()
    prof["employment"] = prof["data"].map(lambda d: d.get("employment"))
    prof["sex"] = prof["data"].map(lambda d: d.get("sex"))
    cert = ev.dropna(subset=["certification"]).groupby("case")["certification"].last()

    cases = sorted(set(last_jury.index) | set(fu["case"]))
    rows = []
    for case in cases:
        row: dict[str, Any] = {"case": case}
        row["outcome"] = last_jury["result"].get(case, "no_jury")
        row["certification"] = cert.get(case, "unknown")
        p = prof[prof["case"] == case]
        for attr in ("employment", "sex"):
            values = p[attr].dropna()
            row[attr] = values.iloc[-1] if len(values) else "not_stated"
        jury_date = last_jury["date"].get(case)
        for months in (6, 12):
            s = fu[(fu["case"] == case) & (fu["months"] == months)]["situation"]
            situation = s.iloc[0] if len(s) else None
            due = situation is not None or (
                jury_date is not None and add_months(jury_date, months) <= as_of
            )
            rows.append({**row, "months": months, "due": due, "situation": situation})
    per = pd.DataFrame(
        rows,
        columns=[
            "case",
            "outcome",
            "certification",
            "employment",
            "sex",
            "months",
            "due",
            "situation",
        ],
    )
    groups = per.copy()  # every case of the population has its group, due or not
    per = per[per["due"]]
    answered = per["situation"].notna() & (per["situation"] != "no_answer")
    before = per["employment"].isin(EMPLOYED)
    cols = {
        "followups_due": per["due"],
        "answered": answered,
        **{s: per["situation"] == s for s in SITUATIONS},
        "no_answer": per["situation"] == "no_answer",
        "employed": per["situation"].isin(["same_job", "promotion", "new_job"]),
        "employed_before": answered & before,
        "retained": before & per["situation"].isin(["same_job", "promotion"]),
    }
    flags = pd.DataFrame({k: v.astype("int64") for k, v in cols.items()})
    flags["months"] = per["months"]
    out = []
    overall = flags.groupby("months")[COUNTS].sum().reindex([6, 12], fill_value=0)
    for months, counts in overall.iterrows():
        out.append({"by": "all", "value": None, "months": months, **counts.to_dict()})
    for attr in by:
        flags[attr] = per[attr]
        grouped = flags.groupby([attr, "months"])[COUNTS].sum()
        for value in sorted(groups[attr].unique()):
            for months in (6, 12):
                key = (value, months)
                counts = (
                    grouped.loc[key].to_dict() if key in grouped.index else dict.fromkeys(COUNTS, 0)
                )
                out.append({"by": attr, "value": value, "months": months, **counts})
    frame = pd.DataFrame(out, columns=["by", "value", "months", *COUNTS])
    return frame.astype({c: "int64" for c in [*COUNTS, "months"]})


def vaekit_counts(table: vaekit.Table) -> pd.DataFrame:
    df = table.to_pandas()[["by", "value", "months", *COUNTS]]
    return df.astype({c: "int64" for c in [*COUNTS, "months"]})


def sort_rows(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["value"] = df["value"].astype(object).where(df["value"].notna(), None)
    return df.sort_values(["by", "value", "months"], na_position="first").reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indicators_equal_an_independent_pandas_computation(tmp_path: Path, seed: int) -> None:
    records = generate(seed, 400)
    log = vaekit.read_event_log(write_log(tmp_path / "log.jsonl", records))
    by = ["outcome", "certification", "employment", "sex"]
    e = vaekit.employment_indicators(log, by, method="none", threshold=0)
    got = sort_rows(vaekit_counts(e.table))
    want = sort_rows(reference(records, by))
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    # Rates from the counts.
    df = e.table.to_pandas()
    ok = df["followups_due"] > 0
    assert (
        df.loc[ok, "response_rate"] == df.loc[ok, "answered"] / df.loc[ok, "followups_due"]
    ).all()
    assert df.loc[~ok, "response_rate"].isna().all()
    ok = df["employed_before"] > 0
    assert (
        df.loc[ok, "retention_rate"] == df.loc[ok, "retained"] / df.loc[ok, "employed_before"]
    ).all()


def test_as_of_and_the_events_list(tmp_path: Path) -> None:
    records = generate(7, 150)
    log = vaekit.read_event_log(write_log(tmp_path / "log.jsonl", records))
    as_of = dt.date(2023, 6, 30)
    e = vaekit.employment_indicators(log.events, ["outcome"], as_of, threshold=0)
    got = sort_rows(vaekit_counts(e.table))
    pd.testing.assert_frame_equal(
        got, sort_rows(reference(records, ["outcome"], as_of)), check_dtype=False
    )


def test_response_rates_worked_by_hand() -> None:
    """The fixture (tests/cpp/analytics/employment_indicators.cpp details each case)."""
    log = vaekit.read_event_log(FIXTURE)
    df = vaekit.employment_indicators(log, [], threshold=0).table.to_pandas()
    six = df[df["months"] == 6].iloc[0]
    assert (six["followups_due"], six["answered"], six["no_answer"]) == (5, 3, 1)
    assert six["response_rate"] == pytest.approx(3 / 5)
    assert six["employment_rate"] == pytest.approx(2 / 3)
    assert six["retention_rate"] == pytest.approx(1 / 2)
    twelve = df[df["months"] == 12].iloc[0]
    assert (twelve["followups_due"], twelve["answered"]) == (2, 2)
    assert twelve["response_rate"] == 1.0
    cases = vaekit.employment_cases(log).to_pandas()
    assert list(cases["case"]) == ["A", "B", "C", "D", "E"]
    assert cases.loc[cases["case"] == "E", "due_6m"].item()  # 31 Aug + 6 months = 28 Feb


@pytest.mark.parametrize("method", ["suppression", "cell-key"])
def test_the_audit_passes_and_rates_follow_the_published_counts(
    tmp_path: Path, method: str
) -> None:
    records = generate(11, 300)
    log = vaekit.read_event_log(write_log(tmp_path / "log.jsonl", records))
    by = ["outcome", "employment"]
    e = vaekit.employment_indicators(log, by, method=method, threshold=11, key=b"k" * 32)
    audit = e.audit()
    assert audit and all(a["safe"] for a in audit)
    assert len(e.suppressed) == len(audit)
    df = e.table.to_pandas()
    exact = vaekit.employment_indicators(log, by, threshold=0).table.to_pandas()
    for col in COUNTS:
        published = df[col].dropna()
        assert (published >= 11).all()
        if method == "suppression":
            assert (published == exact.loc[published.index, col]).all()
    for rate, num, den in [
        ("response_rate", "answered", "followups_due"),
        ("employment_rate", "employed", "answered"),
        ("retention_rate", "retained", "employed_before"),
    ]:
        withheld = df[num].isna() | df[den].isna()
        assert df.loc[withheld, rate].isna().all()
        shown = ~withheld
        assert (df.loc[shown, rate] == df.loc[shown, num] / df.loc[shown, den]).all()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 40))
def test_law_groups_add_up_to_the_overall_rows(tmp_path: Path, seed: int, n: int) -> None:
    """Each case is in one group of a grouping: the groups' counts add up to the overall row."""
    records = generate(seed, n)
    path = write_log(tmp_path / f"log{seed}_{n}.jsonl", records)
    df = vaekit.employment_indicators(
        vaekit.read_event_log(path), ["outcome", "sex"], threshold=0
    ).table.to_pandas()
    overall = df[df["by"] == "all"].set_index("months")[COUNTS]
    for attr in ("outcome", "sex"):
        sums = df[df["by"] == attr].groupby("months")[COUNTS].sum()
        sums = sums.reindex([6, 12], fill_value=0)
        pd.testing.assert_frame_equal(sums, overall, check_dtype=False, check_names=False)
    assert (df["answered"] == df[SITUATIONS].sum(axis=1)).all()
    assert (df["employed"] == df[["same_job", "promotion", "new_job"]].sum(axis=1)).all()


def test_an_unknown_grouping_is_a_vaekit_error() -> None:
    log = vaekit.read_event_log(FIXTURE)
    with pytest.raises(vaekit.InvalidArgument, match="shoe_size"):
        vaekit.employment_indicators(log, ["shoe_size"])


def test_the_funnel_gains_the_employment_step(tmp_path: Path) -> None:
    """followed_12m / employed_12m: fully validated cases of the cohort row answering their
    12-month follow-up, and those in employment; null (no data) where no such case was surveyed."""
    records = generate(4, 300)
    path = write_log(tmp_path / "log.jsonl", records)
    pub = vaekit.EventLog.read(str(path)).report(threshold=0).publish(method="none", threshold=0)
    funnel = pub.funnel.to_pandas()
    assert list(funnel.columns[-2:]) == ["followed_12m", "employed_12m"]

    ev = pd.DataFrame(records)
    ev["data"] = ev["data"].apply(lambda d: d if isinstance(d, dict) else {})
    first = ev[ev["event"] == "received"].groupby("case").head(1).set_index("case")
    year = pd.to_datetime(first["at"]).dt.year
    full = set(
        ev[(ev["event"] == "jury_held") & (ev["data"].map(lambda d: d.get("result")) == "full")][
            "case"
        ]
    )
    fu = ev[
        (ev["event"] == "followup_recorded") & (ev["data"].map(lambda d: d.get("months")) == 12)
    ]
    last = fu.groupby("case").tail(1).set_index("case")["data"].map(lambda d: d["situation"])
    per = pd.DataFrame({"year": year, "antenne": first["antenne"]})
    per["situation"] = last
    per = per[per.index.isin(full) & per["situation"].notna()]
    per["followed"] = per["situation"] != "no_answer"
    per["employed"] = per["situation"].isin(["same_job", "promotion", "new_job"])
    for _, row in funnel.iterrows():
        mine = per[per["year"] == row["year"]]
        if row["antenne"] is not None and not pd.isna(row["antenne"]):
            mine = mine[mine["antenne"] == row["antenne"]]
        if mine.empty:
            assert pd.isna(row["followed_12m"]) and pd.isna(row["employed_12m"])
        else:
            assert row["followed_12m"] == mine["followed"].sum()
            assert row["employed_12m"] == mine["employed"].sum()


def test_a_log_without_follow_ups_keeps_the_funnel_of_before(tmp_path: Path) -> None:
    records = [r for r in generate(4, 50) if r["event"] != "followup_recorded"]
    path = write_log(tmp_path / "log.jsonl", records)
    doc = json.loads(vaekit.EventLog.read(str(path)).report(threshold=0).to_json())
    assert "employed_12m" not in doc["funnel"][0]


def test_empty_input_and_wrong_types() -> None:
    e = vaekit.employment_indicators([], ["sex"], threshold=11)
    assert [r["followups_due"] for r in e.table.to_records()] == [None, None]
    assert all(a["safe"] for a in e.audit())
    with pytest.raises(vaekit.InvalidArgument, match="vaekit.Event"):
        vaekit.employment_indicators([1, 2])  # type: ignore[list-item]


def test_the_columnar_log_gives_the_same_indicators(tmp_path: Path) -> None:
    """The columnar payload keeps the follow-ups and the coded profile, the département included
    since the payload has 32 bits (before, grouping a columnar log by it was refused): same
    table; amounts are not kept, so that call is refused with the reason."""
    records = generate(9, 200)
    codes = ["75", "93", "2A", "971", "not_stated"]
    for i, r in enumerate(records):
        if r["event"] == "profile_recorded" and i % 4:
            r["data"]["departement"] = codes[i % len(codes)]
    path = write_log(tmp_path / "log.jsonl", records)
    by = ["outcome", "certification", "employment", "sex", "departement"]
    rows = vaekit.employment_indicators(vaekit.read_event_log(path), by, threshold=0)
    columnar = vaekit.employment_indicators(vaekit.EventLog.read(str(path)), by, threshold=0)
    assert columnar.table.to_records() == rows.table.to_records()
    shown = {str(v) for r in columnar.table.to_records() for v in r.values()}
    assert {"75", "2A", "971"} <= shown
    with pytest.raises(vaekit.InvalidArgument, match="amount"):
        vaekit.funding_report(vaekit.EventLog.read(str(path)))
