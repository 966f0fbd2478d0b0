"""The person's profile (issue 15): vaekit.Profile (age banded on entry, département checked, no
personal field), and the activity report by profile against an independent pandas computation on
generated logs, its laws, its disclosure control (one system with the funnel: differencing attacks
across tables find nothing) and a birth date that never reaches any output."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit

FUNNEL_COLUMNS = [
    "received", "counselled", "oriented_vae", "oriented_vap", "oriented_training",
    "oriented_skills_assessment", "oriented_other", "admissibility_sent", "admissible",
    "jury_held", "jury_full", "jury_partial", "jury_refused", "jury_absent", "dropped_out",
]  # fmt: skip
_VOCABULARY = {f["name"]: list(f["values"]) for f in vaekit.event_vocabulary()}
ATTRIBUTES = {  # the codes of each attribute, as the one vocabulary table gives them
    a: _VOCABULARY[a] for a in ("sex", "age_band", "employment", "qualification", "qpv", "rqth")
}
# The attributes of the report, in its order: every one, the département included since the
# columnar log keeps it (a 32-bit payload; before, it had no département rows).
REPORT_ATTRIBUTES = {
    a: _VOCABULARY[a]
    for a in ("sex", "age_band", "employment", "qualification", "departement", "qpv", "rqth")
}
DEPARTEMENTS = ["75", "93", "2A", "971", "not_stated"]  # drawn by the generator
RATES = {
    "counselled_rate": ("counselled", "received"),
    "admissible_rate": ("admissible", "admissibility_sent"),
    "jury_rate": ("jury_held", "received"),
    "full_rate": ("jury_full", "jury_held"),
    "partial_rate": ("jury_partial", "jury_held"),
    "dropout_rate": ("dropped_out", "received"),
}
ROLE = {"received": "assistant", "jury_held": "jury", "admissibility_decided": "certifier"}
BIRTH = "1980-02-29"


# ------------------------------------------------------------------------------ generator


def _day(n: int) -> str:
    return (dt.date(2021, 1, 1) + dt.timedelta(days=n)).isoformat()


def generate_log(seed: int, cases: int, profiled: float = 0.8) -> list[dict[str, Any]]:
    """A seeded log: pathways cut at random, some drop-outs, and for a share `profiled` of the
    cases one to three profile_recorded events (the last one counts; fields sometimes absent;
    sometimes recorded before the reception, or on the same day as another profile)."""
    rnd = random.Random(seed)
    antennes = ["IDF-75A", "IDF-93B"]
    out: list[list[dict[str, Any]]] = []
    for c in range(cases):
        case = f"P{c:04d}"
        day = rnd.randint(0, 900)
        ant = rnd.choice(antennes)
        kinds = [
            "received", "appointment_held", "oriented", "admissibility_sent",
            "admissibility_decided", "jury_held",
        ]  # fmt: skip
        kinds = kinds[: rnd.randint(0 if rnd.random() < 0.05 else 1, len(kinds))]
        if rnd.random() < 0.15:
            kinds.append("dropped_out")
        if rnd.random() < profiled:
            for _ in range(rnd.choice([1, 1, 1, 2, 3])):
                kinds.insert(rnd.randint(0, len(kinds)), "profile_recorded")
        events = []
        for k in kinds:
            day += rnd.choice([0, 0, 1, 7, 30])
            e: dict[str, Any] = {"case": case, "at": _day(day), "event": k}
            e["role"] = ROLE.get(k, "counsellor")
            if k != "profile_recorded":
                e["antenne"] = ant
            if k == "oriented":
                e["data"] = {"to": rnd.choice(["vae", "vae", "vap", "training", "other"])}
            elif k == "admissibility_decided":
                e["data"] = {"decision": rnd.choice(["admissible", "admissible", "incomplete"])}
            elif k == "jury_held":
                e["data"] = {"result": rnd.choice(["full", "partial", "refused", "absent"])}
            elif k == "profile_recorded":
                e["data"] = {
                    a: rnd.choice(values)
                    for a, values in ATTRIBUTES.items()
                    if rnd.random() < 0.9  # absent: not stated
                }
                if rnd.random() < 0.3:
                    e["data"]["departement"] = rnd.choice(DEPARTEMENTS)
            events.append(e)
        out.append(events)
    # Interleave the cases, keeping each case's order.
    flat: list[dict[str, Any]] = []
    queues = [list(reversed(e)) for e in out]
    while any(queues):
        q = rnd.choice([q for q in queues if q])
        flat.append(q.pop())
    return flat


def to_jsonl(records: list[dict[str, Any]]) -> str:
    lines = ['{"schema":"EventLog.1","source":"test"}']
    lines += [json.dumps(r, separators=(",", ":")) for r in records]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ pandas reference


def pandas_by_profile(records: list[dict[str, Any]]) -> pd.DataFrame:
    """The by_profile table computed with pandas from the definitions (docs/analytics.md): cases
    by the year of their first `received` (earliest date, then file order); each case's profile
    is its last profile_recorded event (latest date, then file order), an absent field meaning
    not_stated, no event meaning `not_recorded`; per (year, attribute, value), the distinct
    cases having each funnel step; no row at all when the log records no profile."""
    df = pd.DataFrame(
        {
            "case": [r["case"] for r in records],
            "date": pd.to_datetime([r["at"] for r in records]),
            "event": [r["event"] for r in records],
            "data": [r.get("data") or {} for r in records],
        }
    )
    df["order"] = range(len(df))
    if not (df["event"] == "profile_recorded").any():
        return pd.DataFrame()
    rec = df[df["event"] == "received"].sort_values(["date", "order"])
    cohort = rec.groupby("case").first()["date"].dt.year.rename("year")

    def has(mask: pd.Series) -> pd.Series:
        return pd.Series(True, index=df.loc[mask, "case"].unique())

    to = df["data"].map(lambda d: d.get("to"))
    flags = pd.DataFrame(index=cohort.index)
    flags["received"] = True
    flags["counselled"] = has(df["event"] == "appointment_held")
    for target in ["vae", "vap", "training", "skills_assessment", "other"]:
        key = f"oriented_{target}"
        flags[key] = has((df["event"] == "oriented") & (to == target))
    flags["admissibility_sent"] = has(df["event"] == "admissibility_sent")
    decision = df["data"].map(lambda d: d.get("decision"))
    flags["admissible"] = has((df["event"] == "admissibility_decided") & (decision == "admissible"))
    flags["jury_held"] = has(df["event"] == "jury_held")
    result = df["data"].map(lambda d: d.get("result"))
    for r in ["full", "partial", "refused", "absent"]:
        flags[f"jury_{r}"] = has((df["event"] == "jury_held") & (result == r))
    flags["dropped_out"] = has(df["event"] == "dropped_out")
    flags = flags.fillna(False).astype(bool).astype("int64")

    prof = df[df["event"] == "profile_recorded"].sort_values(["date", "order"])
    last = prof.groupby("case").last()["data"]
    frames = []
    for attribute in REPORT_ATTRIBUTES:
        value = pd.Series(
            [
                (last[c].get(attribute, "not_stated") if c in last.index else "not_recorded")
                for c in cohort.index
            ],
            index=cohort.index,
        )
        g = flags.assign(year=cohort, attribute=attribute, value=value)
        frames.append(g.groupby(["year", "attribute", "value"])[FUNNEL_COLUMNS].sum())
    out = pd.concat(frames).reset_index()
    for name, (num, den) in RATES.items():
        out[name] = (out[num] / out[den]).where(out[den] > 0)
    return out


def _rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    if frame.empty:
        return []
    cols = ["year", "attribute", "value", *FUNNEL_COLUMNS, *RATES]
    rows = []
    for rec in frame[cols].to_dict("records"):
        rows.append(
            tuple(
                None if (isinstance(v, float) and v != v) or v is None else v
                for v in (rec[c] for c in cols)
            )
        )
    return sorted(rows, key=repr)


# ------------------------------------------------------------------------------ the record


def test_profile_bands_the_age_and_keeps_no_birth_date() -> None:
    # Bands of issue 15 (common vocabulary): under_26, 26_34, 35_44, 45_54, 55_plus.
    assert [vaekit.Profile.age_band_of(a) for a in (0, 25, 26, 34, 35, 44, 45, 54, 55, 99)] == [
        "under_26", "under_26", "26_34", "26_34", "35_44", "35_44", "45_54", "45_54",
        "55_plus", "55_plus",
    ]  # fmt: skip
    # Born 29 Feb 1980: 44 on 28 Feb 2025 (birthday not reached), 45 on 1 March 2025.
    p = vaekit.Profile.from_birth_date(BIRTH, "2025-02-28", sex="woman")
    assert p.age_band == "35_44" and p.sex == "woman"
    assert vaekit.Profile.from_birth_date(BIRTH, "2025-03-01").age_band == "45_54"
    assert vaekit.Profile.from_birth_date(BIRTH, dt.date(2006, 2, 28)).age_band == "under_26"
    assert vaekit.Profile.from_age(55, departement="2A").departement == "2A"
    for shown in (repr(p), json.dumps(p.to_dict())):
        assert "1980" not in shown and "02-29" not in shown
    assert set(p.to_dict()) == {
        "sex", "age_band", "employment", "qualification", "departement", "qpv", "rqth"
    }  # fmt: skip
    with pytest.raises(vaekit.InvalidArgument) as e:
        vaekit.Profile.from_birth_date("2030-01-01", "2025-01-01")
    assert "2030" not in str(e.value)  # never the dates themselves
    with pytest.raises(vaekit.InvalidArgument) as e:
        vaekit.Profile.from_age(131)
    assert "131" not in str(e.value)


def test_profile_from_the_candidate_record_keeps_nothing_personal() -> None:
    c = vaekit.Candidate("P1", ["C1"])
    c.family_name, c.given_names, c.civility = "Martin", "Claire", "monsieur"
    c.birth_date = vaekit.Date.parse(BIRTH)
    c.address, c.situation, c.highest_level = "1 rue de la Paix, 75002 Paris", "jobseeker", 5
    p = vaekit.Profile.from_candidate(c, "2025-03-01")
    assert (p.sex, p.age_band, p.employment, p.qualification, p.departement) == (
        "man", "45_54", "job_seeker", "level_5", "not_stated"
    )  # fmt: skip
    shown = repr(p) + json.dumps(p.to_dict())
    for personal in ("Martin", "Claire", "1980", "Paix", "75002"):
        assert personal not in shown


def test_departement_codes() -> None:
    codes = vaekit.Profile.departements()
    assert len(codes) == 102 and codes[:2] == ["01", "02"] and codes[-1] == "976"
    assert "2A" in codes and "2B" in codes and "20" not in codes and "96" not in codes
    for good in ("01", "75", "95", "2A", "2B", "971", "976", "not_stated"):
        assert vaekit.Profile(departement=good).departement == good
    for bad in ("20", "1", "00", "96", "977", "2C", "2a", "75 ", "", "Paris"):
        with pytest.raises(vaekit.InvalidArgument, match="département"):
            vaekit.Profile(departement=bad)
    with pytest.raises(vaekit.InvalidArgument, match="sex"):
        vaekit.Profile(sex="female")


def test_profile_event_round_trip() -> None:
    p = vaekit.Profile(
        sex="man", age_band="26_34", employment="job_seeker", qualification="level_4",
        departement="93", qpv="yes", rqth="no",
    )  # fmt: skip
    e = p.to_event("C1", "2024-03-01", role="aap")
    assert e.event == "profile_recorded" and e.role == "aap"
    assert e.data["departement"] == "93" and e.data["employment"] == "job_seeker"
    assert vaekit.Profile.from_event(e) == p
    assert vaekit.Profile() == vaekit.Profile.from_event(
        vaekit.Event("C1", "profile_recorded", "2024-03-01", "counsellor")
    )
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.Profile.from_event(vaekit.Event("C1", "received", "2024-03-01", "assistant"))


_PROFILE_DATA = st.fixed_dictionaries(
    {},
    optional={a: st.sampled_from(values) for a, values in REPORT_ATTRIBUTES.items()},
)


@settings(max_examples=300, deadline=None)
@given(data=_PROFILE_DATA)
def test_the_32_bit_payload_keeps_every_profile(data: dict[str, str]) -> None:
    # The codec of the columnar log over every attribute (each value, or absent): JSON Lines ->
    # EventLog (the payload) -> events, Arrow and pandas, back to the same data. Before, the
    # département was dropped (16 bits).
    line = {"case": "C1", "at": "2024-03-01", "event": "profile_recorded", "role": "aap"}
    if data:
        line["data"] = data
    log = vaekit.EventLog.parse(json.dumps(line))
    assert log.events()[0].data == data
    assert vaekit.EventLog.from_pandas(log.to_pandas()).events()[0].data == data
    frame = log.to_pandas()
    assert frame["departement"].isna()[0] == ("departement" not in data)
    if "departement" in data:
        assert str(frame["departement"][0]) == data["departement"]


def test_the_departement_survives_pandas_and_arrow() -> None:
    import pyarrow as pa

    records = generate_log(11, 80)
    log = vaekit.EventLog.parse(to_jsonl(records))
    frame = log.to_pandas()
    profiles = frame[frame["event"] == "profile_recorded"]
    written = [
        r.get("data", {}).get("departement") for r in records if r["event"] == "profile_recorded"
    ]
    assert [None if pd.isna(v) else str(v) for v in profiles["departement"]] == written
    assert any(written)
    assert set(frame["departement"].cat.categories) == set(REPORT_ATTRIBUTES["departement"])
    back = vaekit.EventLog.from_pandas(frame)
    assert [e.to_dict() for e in back.events()] == [e.to_dict() for e in log.events()]
    arrow = vaekit.EventLog.from_arrow(pa.table(log))
    assert [e.to_dict() for e in arrow.events()] == [e.to_dict() for e in log.events()]


def test_an_unknown_departement_is_a_reject_naming_the_field() -> None:
    bad = ["00", "2C", "20", "x" * 10_000]
    lines = [
        json.dumps(
            {
                "case": f"C{i}",
                "at": "2024-03-01",
                "event": "profile_recorded",
                "role": "aap",
                "data": {"departement": code},
            }
        )  # fmt: skip
        for i, code in enumerate(bad)
    ]
    log = vaekit.EventLog.parse("\n".join(lines), strict=False)
    assert len(log) == 0 and len(log.rejects) == len(bad)
    for r in log.rejects:
        assert r.field == "data.departement"
        assert "x" * 100 not in r.reason and len(r.reason) < 200
    with pytest.raises(vaekit.ParseError, match="departement"):
        vaekit.EventLog.parse(lines[0])
    frame = pd.DataFrame(
        {"case": ["C1"], "at": ["2024-03-01"], "event": ["profile_recorded"], "role": ["aap"],
         "departement": ["2C"]}
    )  # fmt: skip
    assert len(vaekit.EventLog.from_pandas(frame, strict=False).rejects) == 1


# ------------------------------------------------------------------------------ the report


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), cases=st.integers(0, 60))
def test_by_profile_equals_pandas(seed: int, cases: int) -> None:
    records = generate_log(seed, cases)
    log = vaekit.EventLog.parse(to_jsonl(records))
    published = log.report(threshold=0).publish(method="none")
    mine = published.by_profile.to_pandas()
    assert _rows(mine) == _rows(pandas_by_profile(records))
    doc = published.to_dict()
    assert ("by_profile" in doc) == (not mine.empty)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), cases=st.integers(1, 60))
def test_each_attribute_partitions_the_totals_row(seed: int, cases: int) -> None:
    # A law: every received case has one value per attribute (not_recorded included), so the
    # rows of one attribute add up to the funnel's totals row, for every year and column.
    log = vaekit.EventLog.parse(to_jsonl(generate_log(seed, cases, profiled=0.5)))
    published = log.report(threshold=0).publish(method="none")
    funnel = published.funnel.to_pandas()
    by = published.by_profile.to_pandas()
    if by.empty:
        return
    totals = funnel[funnel["antenne"].isna()].set_index("year")[FUNNEL_COLUMNS]
    for attribute, group in by.groupby("attribute"):
        sums = group.groupby("year")[FUNNEL_COLUMNS].sum()
        pd.testing.assert_frame_equal(sums, totals.loc[sums.index], check_dtype=False)
        assert set(group["value"]) <= {*REPORT_ATTRIBUTES[str(attribute)], "not_recorded"}
    assert set(by["attribute"]) == set(REPORT_ATTRIBUTES)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), parts=st.integers(1, 4))
def test_partitioned_reports_merge_into_the_whole(seed: int, parts: int) -> None:
    records = generate_log(seed, 50)
    whole = vaekit.EventLog.parse(to_jsonl(records)).report(threshold=0)
    merged = vaekit.ActivityReport()
    merged.threshold = 0
    for i in range(parts):
        part = [r for r in records if int(r["case"][1:]) % parts == i]
        merged = merged.merge(vaekit.EventLog.parse(to_jsonl(part)).report(threshold=0))
    assert merged == whole
    assert vaekit.ActivityReport.from_state_json(whole.state_json()) == whole
    a = merged.publish(method="none").by_profile.to_pandas()
    b = whole.publish(method="none").by_profile.to_pandas()
    pd.testing.assert_frame_equal(a, b)


def test_old_logs_publish_as_before() -> None:
    # A log without profile: no by_profile rows, the document and files unchanged.
    records = [r for r in generate_log(3, 40) if r["event"] != "profile_recorded"]
    published = vaekit.EventLog.parse(to_jsonl(records)).report(threshold=11).publish()
    assert published.by_profile.to_records() == []
    assert "by_profile" not in published.to_dict() and "by_profile" not in published.tables
    state = json.loads(vaekit.EventLog.parse(to_jsonl(records)).report().state_json())
    assert "by_profile" not in json.dumps(state)


# ------------------------------------------------------------------------------ disclosure


def _differencing_attack(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """What an outsider recovers by differencing the published tables: every funnel totals cell
    (published, or the sum of a fully published attribute), then every profile cell that is the
    only one withheld among the values of an attribute. Returns the recovered withheld cells."""
    totals: dict[tuple[int, str], int] = {}
    for row in doc["funnel"]:
        if row["antenne"] is None:
            for c in FUNNEL_COLUMNS:
                if row[c] is not None:
                    totals[(row["year"], c)] = row[c]
    groups: dict[tuple[int, str, str], dict[str, int | None]] = {}
    for row in doc.get("by_profile", []):
        for c in FUNNEL_COLUMNS:
            groups.setdefault((row["year"], row["attribute"], c), {})[row["value"]] = row[c]
    recovered = []
    changed = True
    while changed:
        changed = False
        for (year, attribute, c), cells in groups.items():
            missing = [v for v, x in cells.items() if x is None]
            if not missing and (year, c) not in totals:
                totals[(year, c)] = sum(x for x in cells.values() if x is not None)
                changed = True
            if len(missing) == 1 and (year, c) in totals:
                known = sum(x for x in cells.values() if x is not None)
                cells[missing[0]] = totals[(year, c)] - known
                recovered.append((year, attribute, missing[0], c))
                changed = True
    return recovered


def _small_groups_log() -> list[dict[str, Any]]:
    """30 people received in 2024 at one antenne: 27 women and 3 men, all aged 35-44; 12
    counselled (all women). Left to itself, suppressing the 3 men would be undone by
    `total - women`, or by the age table (35_44 = 30) standing for a withheld total."""
    out: list[dict[str, Any]] = []
    for i in range(30):
        case = f"S{i:02d}"
        out.append(
            {"case": case, "at": "2024-03-04", "event": "received", "role": "assistant",
             "antenne": "A"}
        )  # fmt: skip
        profile = {"sex": "woman" if i < 27 else "man", "age_band": "35_44"}
        out.append(
            {"case": case, "at": "2024-03-04", "event": "profile_recorded",
             "role": "assistant", "data": profile}
        )  # fmt: skip
        if i < 12:
            out.append(
                {"case": case, "at": "2024-03-11", "event": "appointment_held",
                 "role": "counsellor", "antenne": "A"}
            )  # fmt: skip
    return out


def test_differencing_finds_nothing_and_the_audit_passes() -> None:
    records = _small_groups_log()
    report = vaekit.EventLog.parse(to_jsonl(records)).report(threshold=5)
    exact = report.publish(method="none").to_dict()
    # The attack works on the exact tables with only the small cells withheld (what per-table
    # suppression without the common system would give): the 3 men are recovered.
    naive = json.loads(json.dumps(exact))
    for row in naive["by_profile"]:
        for c in FUNNEL_COLUMNS:
            if row[c] < 5:
                row[c] = None
    assert (2024, "sex", "man", "received") in _differencing_attack(naive)
    # Published: the one system with the funnel's cells withholds enough.
    for method in ("suppression", "cell-key"):
        published = report.publish(method=method, key=b"k" * 32)
        doc = published.to_dict()
        by = {(r["value"], r["attribute"]): r for r in doc["by_profile"]}
        assert by[("man", "sex")]["received"] is None
        if method == "suppression":
            assert _differencing_attack(doc) == []
        audit = published.audit()
        assert audit and all(a["safe"] for a in audit), [a for a in audit if not a["safe"]]
        assert published.protection["unsafe_cells"] == 0
        assert any(s["table"] == "by_profile" for s in doc["suppressed"])


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_audit_passes_on_generated_logs(seed: int) -> None:
    # The audit made at publication (every withheld cell of every table, LP intervals) finds
    # nothing unsafe; the full re-audit is run on the hand-worked log above (it takes seconds
    # here: docs/performance.md).
    report = vaekit.EventLog.parse(to_jsonl(generate_log(seed, 80))).report(threshold=5)
    for method in ("suppression", "cell-key"):
        published = report.publish(method=method, key=b"s" * 32)
        assert published.protection["unsafe_cells"] == 0
        assert published.protection["audited_cells"] > 0
        doc = published.to_dict()
        if method == "suppression":
            assert _differencing_attack(doc) == []
        for row in doc.get("by_profile", []):
            for c in FUNNEL_COLUMNS:
                assert row[c] is None or row[c] >= 5
            for rate, (num, den) in RATES.items():
                if row[num] is None or row[den] is None:
                    assert row[rate] is None  # a rate of a withheld count is withheld
                elif row[den]:
                    assert row[rate] == pytest.approx(min(1.0, row[num] / row[den]))


# ------------------------------------------------------------------------------ no birth date


def test_a_birth_date_never_reaches_any_output(tmp_path: Path) -> None:
    # The profile is made from a birth date; an antenne's log even carries the birth date as an
    # unknown data field of the event. No output of the report or the exports holds it.
    records = generate_log(7, 30, profiled=0.0)
    p = vaekit.Profile.from_birth_date(BIRTH, "2023-05-02", sex="woman", departement="93")
    event = p.to_event("P0001", "2023-05-02", role="assistant")
    rec: dict[str, Any] = json.loads(event.to_json())
    rec["data"]["birth_date"] = BIRTH
    records.append(rec)
    path = tmp_path / "input.jsonl"
    path.write_text(to_jsonl(records), encoding="utf-8")
    log = vaekit.EventLog.read(str(path), strict=False)
    report = log.report(threshold=0)
    out = tmp_path / "out"
    report.publish(method="none").write(out)
    log.to_xes(str(tmp_path / "log.xes"))
    log.to_ocel(str(tmp_path / "log.ocel.json"))
    texts = [f.read_text(encoding="utf-8") for f in [*out.iterdir(), *tmp_path.glob("log.*")]]
    texts.append(log.to_pandas().to_csv())
    texts.append(report.state_json())
    texts.append(repr(p) + json.dumps(p.to_dict()))
    for text in texts:
        for form in (BIRTH, "29/02/1980", "19800229", "birth"):
            assert form not in text


def test_every_by_profile_code_has_a_label_in_both_languages() -> None:
    from vaekit import i18n

    published = vaekit.EventLog.parse(to_jsonl(generate_log(5, 20))).report(threshold=0).publish()
    columns = published.by_profile.to_records()[0]
    for lang in i18n.LANGUAGES:
        catalog = i18n.messages(lang)
        for c in columns:
            assert ("column", c) in catalog, (lang, c)
        for attribute in [*ATTRIBUTES, "departement"]:
            assert ("attribute", attribute) in catalog, (lang, attribute)
            assert (attribute, "not_recorded") in catalog, (lang, attribute)
        # A département row shows its code, in every language; not_stated keeps its label.
        assert ("departement", "not_stated") in catalog, lang
        with i18n.use_language(lang):
            for row in published.by_profile.to_records():
                if row["attribute"] == "departement" and row["value"] in DEPARTEMENTS[:-1]:
                    assert i18n.label("departement", row["value"]) == row["value"]
    with i18n.use_language("fr"):
        assert i18n.label("column", "dropout_rate") == "taux d'abandon"
        assert i18n.label("sex", "not_recorded") == "profil non renseigné"
        assert i18n.label("departement", "not_stated") == "non renseigné"
