"""The training area from Python: model, scheduling, validation, re-planning, tables."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import vaekit

ROOT = Path(__file__).resolve().parents[2]


def small_programme(days: int = 2) -> vaekit.Programme:
    p = vaekit.Programme("p", vaekit.DateRange("2025-03-01", "2025-04-30"), commissioned_days=days)
    p.members = [
        vaekit.Member("C1", role=vaekit.StaffRole.COUNSELLOR),
        vaekit.Member("A1", role=vaekit.StaffRole.ASSISTANT),
    ]
    p.speakers = [
        vaekit.Speaker(
            "SP1",
            vaekit.OrganisationKind.FUNDING_BODY,
            availability=[vaekit.DateRange("2025-03-01", "2025-03-31")],
        )
    ]
    p.venues = [vaekit.Venue("V1", capacity=10)]
    p.proposals = [
        vaekit.TopicProposal(
            "T1", "Financer la VAE", speaker_kind=vaekit.OrganisationKind.FUNDING_BODY
        ),
        vaekit.TopicProposal(
            "T2",
            "Suite",
            audience=vaekit.Audience.BOTH,
            format=vaekit.SessionFormat.PEER_EXCHANGE,
            after=["T1"],
        ),
        vaekit.TopicProposal(
            "T3",
            "Téléphone",
            audience=vaekit.Audience.ASSISTANTS,
            format=vaekit.SessionFormat.PHONE_MEETING,
        ),
    ]
    p.ballots = [vaekit.Ballot("C1", ["T2", "T1"]), vaekit.Ballot("A1", ["T3"])]
    return p


def test_borda_priorities_by_hand() -> None:
    # C1 ranks T2, T1 -> 2, 1; A1 ranks T3 -> 1.
    pr = {x.topic: (x.score, x.rank) for x in small_programme().priorities()}
    assert pr == {"T1": (1, 2), "T2": (2, 1), "T3": (1, 2)}


def test_ballots_per_audience_and_the_assistants_own_phone_meeting() -> None:
    # Three counsellors rank T2, T1 (2, 1 points each), the assistant T3 (1). Per head: T1 3,
    # T2 6, T3 1. Per audience (4 ballots, 2 audiences, each weighing as 2 voters): the
    # counsellors' points x 4 / (2 x 3) = 2/3 (T1 2, T2 4), the assistant's x 4 / (2 x 1) = 2.
    p = small_programme()
    p.members = [*p.members, vaekit.Member("C2"), vaekit.Member("C3")]
    p.ballots = [*p.ballots, vaekit.Ballot("C2", ["T2", "T1"]), vaekit.Ballot("C3", ["T2", "T1"])]
    per_audience = vaekit.ScheduleConstraints(min_spacing_days=7)
    assert vaekit.topic_priorities(p, per_audience) == pytest.approx([2.0, 4.0, 2.0])
    per_head = vaekit.ScheduleConstraints(
        min_spacing_days=7, ballot_weighting=vaekit.BallotWeighting.PER_HEAD
    )
    assert vaekit.topic_priorities(p, per_head) == pytest.approx([3.0, 6.0, 1.0])
    # Two days: T1 then T2 (T2 must follow T1); the assistants' own phone meeting is
    # guaranteed only as a constraint.
    assert [s.topics for s in vaekit.schedule(p, per_head).sessions] == [["T1"], ["T2"]]
    own = vaekit.ScheduleConstraints(
        min_spacing_days=7,
        min_assistant_own_days=1,
        assistant_formats=[vaekit.SessionFormat.PHONE_MEETING],
    )
    plan = vaekit.schedule(p, own)
    assert ["T3"] in [s.topics for s in plan.sessions]
    assert vaekit.ScheduleConstraints.from_json(own.to_json()) == own


def test_schedule_plan_and_table() -> None:
    plan = vaekit.schedule(small_programme(), vaekit.ScheduleConstraints(min_spacing_days=7))
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(plan.bound)
    assert [s.topics for s in plan.sessions] == [["T1"], ["T2"]]  # T2 must follow T1
    assert plan.sessions[0].speakers == ["SP1"]
    assert plan.sessions[0].date < plan.sessions[1].date
    assert vaekit.validate_plan(plan) == []
    df = plan.to_pandas()
    assert list(df["topic"]) == ["T1", "T2"]
    assert df.loc[0, "speaker_kinds"] == "OPCO"
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    assert vaekit.Plan.from_json(plan.to_json()) == plan


def test_infeasible_is_explained() -> None:
    p = small_programme(days=3)
    sp = p.speakers
    sp[0].availability = [vaekit.DateRange("2025-06-01", "2025-06-30")]
    p.speakers = sp
    with pytest.raises(vaekit.InfeasibleError) as info:
        vaekit.schedule(p, vaekit.ScheduleConstraints())
    err = info.value
    assert err.code == "infeasible"
    assert any(
        '"T1" needs a funding_body speaker but speaker "SP1", the only one' in e
        for e in err.explanations
    )
    assert any(
        '"T2" must follow topic "T1", which cannot be scheduled' in e for e in err.explanations
    )


def test_validate_hand_made_plan() -> None:
    p = small_programme()
    sessions = [
        vaekit.Session(
            "X1",
            "2025-05-01",
            topics=["T2"],
            audience=vaekit.Audience.BOTH,
            format=vaekit.SessionFormat.PEER_EXCHANGE,
            venue="V1",
        ),
    ]
    plan = vaekit.make_plan(p, sessions)
    assert plan.status == "hand_made"
    found = {(v.constraint, v.session) for v in vaekit.validate_plan(plan)}
    assert ("period", "X1") in found
    assert ("working_day", "X1") in found  # 1 May
    assert ("precedence", "X1") in found
    assert ("commissioned_days", "") in found


def test_replan_moves_only_the_cancelled_session() -> None:
    p = vaekit.Programme.reference()
    c = vaekit.ScheduleConstraints.reference()
    plan = vaekit.schedule(p, c)
    target = next(s for s in plan.sessions if s.speakers)
    change = vaekit.PlanChange.speaker_cancelled(
        target.speakers[0], vaekit.DateRange.single(target.date)
    )
    new = vaekit.replan(plan, change)
    assert vaekit.validate_plan(new) == []
    assert len(new.moved) <= 1
    before = {s.id: (s.date, s.topics) for s in plan.sessions}
    changed = [s.id for s in new.sessions if before.get(s.id) != (s.date, s.topics)]
    assert len(changed) == len(new.moved)


def test_schedule_model_matches_the_plan_objective() -> None:
    p = vaekit.Programme.reference()
    c = vaekit.ScheduleConstraints.reference()
    model = vaekit.schedule_model(p, c)
    assert model["commissioned_days"] == 16
    assert len(model["topics"]) == 40
    assert model["fatal"] == []


def test_shipped_example_data_reads() -> None:
    data = ROOT / "examples" / "data" / "training"
    p = vaekit.Programme.from_json((data / "programme-2025.json").read_text(encoding="utf-8"))
    assert p == vaekit.Programme.reference()
    assert vaekit.funding_body_label("2019-03-31") == "OPCA"


def test_example_programme_is_named_as_a_2025_programme_and_plans_the_assistants_days() -> None:
    data = ROOT / "examples" / "data" / "training"
    text = (data / "programme-2025.json").read_text(encoding="utf-8")
    # No "thème 30" placeholders; no DRJSCS in 2025 (replaced by the DREETS/DRIEETS and the
    # DRAJES on 1 April 2021, décret 2020-1545).
    assert "thème" not in text and "DRJSCS" not in text and "Intervenant" not in text
    p = vaekit.Programme.from_json(text)
    assert any("DEAES" in t.title and "DRIEETS" in t.title for t in p.proposals)
    plan = vaekit.Plan.from_json((data / "records" / "plan-2025.json").read_text(encoding="utf-8"))
    assert vaekit.validate_plan(plan) == []
    own = [s for s in plan.sessions if s.audience == vaekit.Audience.ASSISTANTS]
    assert len(own) >= 3
    formats = {s.format for s in own}
    assert vaekit.SessionFormat.SITE_VISIT in formats
    assert vaekit.SessionFormat.PHONE_MEETING in formats
