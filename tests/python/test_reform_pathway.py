"""The France VAE era (issue 15) from Python: the hand-worked pathways of
tests/cpp/pathway/test_reform.cpp replayed through vaekit.Case, refusals by role, and what is due.

Sources: France VAE's CandidacyStatusStep (SocialGouv/reva, prisma/schema.prisma) for the steps;
décret 2023-1275 for the two months of the feasibility decision (silence: acceptance); reva's
CADUCITE_THRESHOLD_DAYS (183) for the caducité."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import pytest

import vaekit


def feasible_case(case_id: str = "F1", accompaniment: str = "accompanied") -> vaekit.Case:
    """A candidacy up to its feasibility file declared admissible on 2024-05-06."""
    c = vaekit.Case(case_id)
    c.record("candidacy_submitted", "2024-03-04", "candidate", accompaniment=accompaniment)
    writer = "candidate"
    if accompaniment == "accompanied":
        writer = "aap"
        c.record("candidacy_taken_charge", "2024-03-06", "aap")
        c.record("pathway_proposed", "2024-03-20", "aap", individual_hours=20, collective_hours=10)
        c.record("pathway_confirmed", "2024-03-22", "candidate")
    c.record("feasibility_sent", "2024-04-08", writer)
    c.record("feasibility_decided", "2024-05-06", "certifier", decision="admissible")
    return c


def test_accompanied_pathway_to_the_follow_ups() -> None:
    c = vaekit.Case("F1")
    c.record("candidacy_submitted", "2024-03-04", "candidate", accompaniment="accompanied")
    assert c.stage == "candidacy"
    c.record(
        "profile_recorded",
        "2024-03-04",
        "candidate",
        sex="woman",
        age_band="35_44",
        employment="job_seeker",
        qualification="level_4",
        departement="93",
        qpv="no",
        rqth="not_stated",
    )
    c.record("candidacy_taken_charge", "2024-03-06", "aap")
    c.record("pathway_proposed", "2024-03-20", "aap", individual_hours=20)
    c.record("pathway_confirmed", "2024-03-22", "candidate")
    assert c.stage == "feasibility_preparation"
    c.record(
        "funding_requested",
        "2024-03-25",
        "aap",
        funding_kind="individual_support",
        funding="france_vae",
        hours=20,
        amount=1400.0,
    )
    c.record(
        "funding_decided",
        "2024-04-02",
        "funder",
        funding_kind="individual_support",
        funding="france_vae",
        granted=True,
    )
    c.record("feasibility_sent", "2024-04-08", "aap")
    # Two months without a decision (décret 2023-1275): overdue, silence meaning acceptance.
    assert c.what_is_due("2024-06-07") == []
    (due,) = c.what_is_due("2024-06-08")
    assert (due.kind, due.due, due.implied_decision) == (
        "decision_overdue",
        datetime.date(2024, 6, 8),
        "admissible",
    )
    c.record("feasibility_decided", "2024-06-08", "system", decision="admissible", implicit=True)
    c.record("validation_file_sent", "2024-09-02", "aap")
    c.record("validation_file_flagged", "2024-09-16", "certifier")
    c.record("validation_file_sent", "2024-09-30", "candidate")
    c.record("jury_scheduled", "2024-10-07", "certifier", date="2024-11-18")
    c.record("jury_held", "2024-11-18", "jury", result="full")
    assert c.stage == "validated"
    # Follow-ups at 6 and 12 months after the jury.
    assert [d.kind for d in c.what_is_due("2025-05-18")] == ["followup_due"]
    c.record("followup_recorded", "2025-05-20", "counsellor", months=6, situation="promotion")
    c.record("followup_recorded", "2025-11-20", "system", months=12, situation="no_answer")
    assert c.what_is_due("2026-06-01") == []
    # The events write and read back as EventLog.1 lines.
    assert [vaekit.Event.from_json(e.to_json()).to_dict() for e in c.events] == [
        e.to_dict() for e in c.events
    ]


def test_autonomous_pathway_has_no_aap() -> None:
    c = feasible_case("F2", "autonomous")
    assert c.stage == "feasibility_admissible"
    with pytest.raises(vaekit.TransitionError, match="accompanied_only"):
        c.record("validation_file_sent", "2024-09-09", "aap")
    with pytest.raises(vaekit.TransitionError, match="no funding of accompaniment"):
        c.record("funding_requested", "2024-09-09", "candidate", funding_kind="collective_support")
    c.record("funding_requested", "2024-09-09", "candidate", funding_kind="jury_fees")
    c.record("validation_file_sent", "2024-09-09", "candidate")
    assert c.stage == "validation_file_sent"


def test_feasibility_not_admissible_then_archived() -> None:
    c = vaekit.Case("F3")
    c.record("candidacy_submitted", "2024-03-04", "candidate", accompaniment="autonomous")
    c.record("feasibility_sent", "2024-03-11", "candidate")
    c.record("feasibility_decided", "2024-04-02", "certifier", decision="not_admissible")
    assert c.stage == "feasibility_not_admissible"
    with pytest.raises(vaekit.TransitionError):
        c.record("validation_file_sent", "2024-04-03", "candidate")
    c.record("archived", "2024-04-15", "system", reason_code="reorientation")
    assert c.side_state == "archived"


def test_partial_jury_completed_later() -> None:
    c = feasible_case("F4")
    c.record("validation_file_sent", "2024-06-03", "aap")
    c.record("jury_scheduled", "2024-06-10", "certifier", date="2024-07-01")
    c.record("jury_held", "2024-07-01", "jury", result="partial", blocks=["RNCP36004BC01"])
    assert c.stage == "partially_validated"
    c.record("validation_file_sent", "2024-10-01", "aap")
    c.record(
        "jury_scheduled", "2024-10-07", "certifier", date="2024-11-04", blocks=["RNCP36004BC02"]
    )
    with pytest.raises(vaekit.TransitionError, match="already validated"):
        c.record("jury_held", "2024-11-04", "jury", result="full", blocks=["RNCP36004BC01"])
    c.record("jury_held", "2024-11-04", "jury", result="full", blocks=["RNCP36004BC02"])
    assert c.stage == "validated"


def test_caducite_contested_and_lifted() -> None:
    c = feasible_case("F5")
    # 183 days after the last event (2024-05-06): 2024-11-05.
    assert [d.kind for d in c.what_is_due("2024-11-04")] == []
    assert [d.kind for d in c.what_is_due("2024-11-05")] == ["lapse_due"]
    with pytest.raises(vaekit.TransitionError, match="lapse_rule"):
        c.record("lapsed", "2024-11-04", "system")
    c.record("lapsed", "2024-11-05", "system")
    with pytest.raises(vaekit.TransitionError, match="role not allowed"):
        c.record("lapse_contested", "2024-11-12", "aap")
    c.record("lapse_contested", "2024-11-12", "candidate")
    with pytest.raises(vaekit.TransitionError, match="role not allowed"):
        c.record("lapse_decided", "2024-11-26", "candidate", lifted=True)
    c.record("lapse_decided", "2024-11-26", "certifier", lifted=True)
    assert c.stage == "feasibility_admissible"


def test_every_role_outside_a_france_vae_row_is_refused() -> None:
    rows = [r for r in vaekit.transition_table() if r["era"] == "france_vae"]
    assert rows and all(r["roles"] for r in rows)
    roles = ["candidate", "assistant", "counsellor", "certifier", "jury", "funder", "system", "aap"]
    c = vaekit.Case("F6")
    c.record("candidacy_submitted", "2024-03-04", "candidate", accompaniment="accompanied")
    (taken,) = [r for r in rows if r["event"] == "candidacy_taken_charge"]
    for role in roles:
        if role in taken["roles"]:
            continue
        with pytest.raises(vaekit.TransitionError, match="role not allowed"):
            c.record("candidacy_taken_charge", "2024-03-05", role)
    assert c.stage == "candidacy"


def test_a_2017_pathway_replays_unchanged_and_refuses_the_aap() -> None:
    c = vaekit.Case("C1")
    c.record("received", "2024-01-09", "assistant", channel="walk_in")
    c.record("appointment_held", "2024-01-23", "counsellor", minutes=60)
    c.record("certification_chosen", "2024-01-23", "counsellor", certification="RNCP36004")
    c.record("oriented", "2024-01-23", "counsellor", to="vae")
    with pytest.raises(vaekit.TransitionError, match="role not allowed"):
        c.record("dropped_out", "2024-01-24", "aap")
    c.record("admissibility_started", "2024-02-01", "counsellor")
    assert c.stage == "admissibility_preparation"
    # Before the regime's france_vae_from, no candidacy.
    with pytest.raises(vaekit.TransitionError, match="france_vae_era"):
        vaekit.Case("F7").record(
            "candidacy_submitted", "2023-12-29", "candidate", accompaniment="autonomous"
        )
    assert vaekit.Regime.on("2024-01-01").france_vae_from == datetime.date(2024, 1, 1)
    assert vaekit.Regime.on("2024-01-01").lapse_days == 183


def test_the_columnar_log_and_its_exports_keep_the_coded_fields(tmp_path: Path) -> None:
    # Before: the OCEL/XES exports wrote only the 2017 payload fields.
    c = feasible_case("F8")
    c.record(
        "profile_recorded", "2024-05-07", "aap", sex="man", age_band="26_34", rqth="yes", qpv="no"
    )
    c.record("funding_requested", "2024-05-07", "aap", funding_kind="jury_fees", amount=650.0)
    c.record("archived", "2024-05-10", "aap", reason_code="funding_problem", reason="texte libre")
    log = vaekit.EventLog.parse("".join(e.to_json() + "\n" for e in c.events))
    df = log.to_pandas()
    profile = df[df["event"] == "profile_recorded"].iloc[0]
    assert (profile["sex"], profile["age_band"], profile["rqth"]) == ("man", "26_34", "yes")
    assert pd.isna(profile["employment"])  # not stated in the event: absent
    assert df[df["event"] == "archived"].iloc[0]["reason_code"] == "funding_problem"
    out = tmp_path / "log.ocel.json"
    log.to_ocel(out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    names = {a["name"] for e in doc["events"] for a in e["attributes"]}
    assert {"sex", "age_band", "funding_kind", "reason_code", "accompaniment"} <= names
    assert "texte libre" not in out.read_text(encoding="utf-8")
