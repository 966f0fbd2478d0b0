"""The pathway from Python: cases, the transition table, regimes, eligibility, the event log."""

from __future__ import annotations

import datetime
import pickle
from fractions import Fraction

import pytest

import vaekit


def opened_case(case_id: str = "C1") -> vaekit.Case:
    c = vaekit.Case(case_id)
    c.record("received", "2017-01-09", "assistant", channel="walk_in", antenne="IDF-75A")
    c.record("appointment_held", datetime.date(2017, 1, 23), "counsellor", minutes=60)
    c.record("certification_chosen", "2017-01-23", "counsellor", certification="RNCP36004")
    c.record("oriented", "2017-01-23", "counsellor", to="vae")
    return c


def test_case_records_and_folds() -> None:
    c = opened_case()
    assert c.stage == "oriented"
    assert c.side_state == "active"
    assert len(c.events) == 4
    assert c.events[0].data == {"channel": "walk_in"}
    assert c.certification == "RNCP36004"
    c.record("admissibility_started", "2017-02-01", "counsellor")
    c.record("admissibility_sent", "2017-03-01", "candidate", certifier="Ministère")
    c.record("admissibility_decided", "2017-03-20", "certifier", decision="incomplete")
    assert c.stage == "admissibility_preparation"  # incomplete: back to preparation


def test_transition_error_names_stage_event_role() -> None:
    c = opened_case()
    with pytest.raises(vaekit.TransitionError) as info:
        c.record("jury_held", "2017-02-01", "candidate", result="full")
    err = info.value
    assert isinstance(err, vaekit.Error)
    assert (err.stage, err.event, err.role) == ("oriented", "jury_held", "candidate")
    assert err.code == "transition"
    assert len(c.events) == 4  # unchanged
    with pytest.raises(vaekit.TransitionError, match="out of time order"):
        c.record("appointment_held", "2016-12-01", "counsellor")
    with pytest.raises(vaekit.ParseError) as bad:
        c.record("appointment_held", "2017-02-01", "counsellor", minutes="sixty")
    assert bad.value.field == "data.minutes"


def test_allowed_events_and_side_states() -> None:
    c = opened_case()
    assert "admissibility_started" in c.allowed_events("counsellor", "2017-02-01")
    assert "admissibility_started" not in c.allowed_events("assistant", "2017-02-01")
    assert c.allowed_events("counsellor", "2016-01-01") == []
    c.record("dropped_out", "2017-02-02", "candidate", reason="déménagement")
    assert c.stage == "oriented" and c.side_state == "dropped_out"
    assert c.allowed_events("counsellor", "2017-02-03") == ["reactivated", "archived"]
    c.record("reactivated", "2017-03-01", "counsellor")
    assert c.side_state == "active" and c.stage == "oriented"
    # 60 days before admissibility, from 2025-08-01 only (the France VAE rule's date, issue 12).
    assert c.activity("2017-04-30") == "active"
    assert c.activity("2025-09-29") == "active"
    assert c.activity("2025-09-30") == "inactive"
    assert str(vaekit.RegimeSet().on("2025-09-30").inactivity_rule_from) == "2025-08-01"


def test_datetime_timestamps_need_a_zone() -> None:
    c = vaekit.Case("C2")
    tz = datetime.timezone(datetime.timedelta(hours=1))
    c.record("received", datetime.datetime(2017, 1, 9, 10, 0, tzinfo=tz), "assistant")
    assert c.events[0].at == "2017-01-09T10:00:00+01:00"
    with pytest.raises(vaekit.InvalidArgument):
        c.record("informed", datetime.datetime(2017, 1, 9, 11, 0), "assistant")


def test_case_json_and_pickle_round_trip() -> None:
    c = opened_case()
    assert vaekit.Case.from_json(c.to_json()) == c
    assert pickle.loads(pickle.dumps(c)) == c
    ev = c.events[1]
    assert pickle.loads(pickle.dumps(ev)) == ev


def test_transition_table_is_exposed() -> None:
    rows = vaekit.transition_table()
    assert any(
        r["event"] == "admissibility_decided"
        and r["when"] == "incomplete"
        and r["to"] == "admissibility_preparation"
        for r in rows
    )
    assert all(r["roles"] for r in rows)


def test_regimes_by_date() -> None:
    assert vaekit.Regime.on("2017-09-30").name == "vae-2002"
    assert vaekit.Regime.on(datetime.date(2017, 10, 1)).minimum_hours == 1607
    r2024 = vaekit.Regime.on("2024-01-01")
    assert r2024.any_related_experience and r2024.start_deadline_months == 6
    assert "minimum_years" in r2024.sources
    assert vaekit.Regime.from_json(r2024.to_json()) == r2024


def test_eligibility_hand_worked_cases() -> None:
    # 11 months full time (1 Nov 2016 - 30 Sep 2017, 334 days): not enough on 30 Sep 2017 (3 years)
    # nor on 2 Oct 2017 (1 year = 1,607 h).
    x = vaekit.Experience("salaried", period=vaekit.DateRange("2016-11-01", "2017-09-30"))
    before = vaekit.eligibility([x], "2017-09-30")
    after = vaekit.eligibility([x], "2017-10-02")
    assert before.regime == "vae-2002" and not before.eligible
    assert after.regime == "vae-2017" and not after.eligible
    assert after.hours == Fraction(334 * 1607, 365)
    # Two overlapping part-time jobs of 17.5 h over 2018: 1,607 h exactly, 365 days.
    year = vaekit.DateRange("2018-01-01", "2018-12-31")
    two = [
        vaekit.Experience("salaried", period=year, hours_per_week=17.5),
        vaekit.Experience("volunteer", period=year, hours_per_week=Fraction(35, 2)),
    ]
    r = vaekit.eligibility(two, "2019-01-02")
    assert r.eligible and r.hours == 1607 and r.days == 365
    assert "minimum_met" in r.codes
    # From 2024 any related experience is enough, caregiving included.
    care = vaekit.Experience("caregiver", hours=20, related=True)
    assert vaekit.eligibility([care], "2024-02-01").eligible
    assert not vaekit.eligibility([care], "2023-02-01").eligible
    assert all(reason.message for reason in r.reasons)


def test_eligibility_with_a_certification_object() -> None:
    x = vaekit.Experience("salaried", hours=2000, rome="K1302")
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.eligibility([x], "2019-01-01", certification="RNCP36004")


def test_event_log_strict_and_lenient(test_data) -> None:  # type: ignore[no-untyped-def]
    log = vaekit.read_event_log(test_data / "pathway" / "sample.jsonl")
    assert log.header["source"] == "vaekit tests"
    assert len(log) == 7 and log.records_read == 7
    cases, rejects = log.cases()
    assert [c.stage for c in cases] == ["oriented", "redirected"] and rejects == []
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.read_event_log(test_data / "pathway" / "bad.jsonl")
    assert info.value.line == 2 and info.value.field == "at"
    lenient = vaekit.read_event_log(test_data / "pathway" / "bad.jsonl", strict=False)
    assert lenient.records_read == len(lenient.events) + len(lenient.rejects)
    assert [r.line for r in lenient.rejects] == [2, 3, 4, 5, 6, 7, 8, 9]


def test_case_states_equal_the_replay(test_data) -> None:  # type: ignore[no-untyped-def]
    path = test_data / "pathway" / "sample.jsonl"
    cases, _ = vaekit.read_event_log(path).cases()
    states = vaekit.read_case_states(path)
    assert len(states) == len(cases) and states.ids == [c.id for c in cases]
    for c in cases:
        assert c.id in states
        assert states.stage(c.id) == c.stage and states.side_state(c.id) == c.side_state
    assert states.stage_counts() == {"oriented": 1, "redirected": 1}
    assert states.events_applied == 7 and states.records_read == 7
    assert "nobody" not in states
    with pytest.raises(vaekit.NotFound):
        states.stage("nobody")
    text = (
        '{"case":"C1","at":"2017-01-09","event":"received","role":"assistant"}\n'
        '{"case":"C1","at":"2017-01-10","event":"jury_held","role":"jury","data":{"result":"full"}}\n'
    )
    with pytest.raises(vaekit.TransitionError, match="mem:2"):
        vaekit.parse_case_states(text, source="mem")
    lenient = vaekit.parse_case_states(text, strict=False, source="mem")
    assert [(r.line, r.field) for r in lenient.rejects] == [(2, "event")]
    assert lenient.events_refused == 1 and lenient.events_applied == 1
    assert lenient.stage("C1") == "reception"
    with pytest.raises(vaekit.ParseError):
        vaekit.read_case_states(test_data / "pathway" / "bad.jsonl")


def test_write_event_log_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = opened_case()
    out = tmp_path / "log.jsonl"
    vaekit.write_event_log(out, c.events, source="test")
    back = vaekit.read_event_log(out)
    assert back.events == c.events and back.header["source"] == "test"


def test_what_is_due_and_quotas() -> None:
    c = opened_case("Q1")
    c.record("admissibility_started", "2018-02-01", "counsellor")
    c.record("admissibility_sent", "2018-03-01", "counsellor")
    due = c.what_is_due("2018-05-02")
    assert [d.kind for d in due] == ["decision_overdue"]
    assert due[0].implied_decision == "admissible"
    d2 = opened_case("Q2")
    d2.record("admissibility_started", "2018-02-01", "counsellor")
    d2.record("admissibility_sent", "2018-04-01", "counsellor")
    person = vaekit.Candidate("P1", ["Q1", "Q2"])
    items = vaekit.what_is_due([c, d2], "2018-04-15", candidates=[person])
    assert [(i.case_id, i.kind) for i in items] == [("Q2", "quota_conflict")]
    assert "P1" in repr(person) and "Q1" not in repr(person)


def test_jury_blocks_and_composition() -> None:
    # Issue 12: a partial validation records its blocks; a jury for the rest examines only the
    # missing ones; from the 2024 regime the jury has at least two members (décret 2023-1275).
    c = opened_case("J1")
    for ev, day, role in [
        ("admissibility_started", "2017-02-01", "counsellor"),
        ("admissibility_sent", "2017-02-02", "counsellor"),
    ]:
        c.record(ev, day, role)
    c.record("admissibility_decided", "2017-03-01", "certifier", decision="admissible")
    c.record("validation_file_sent", "2017-06-01", "candidate")
    c.record(
        "jury_scheduled",
        "2017-06-02",
        "certifier",
        date="2017-07-03",
        blocks=["RNCP36004BC01", "RNCP36004BC02"],
    )
    c.record("jury_held", "2017-07-03", "jury", result="partial", blocks=["RNCP36004BC01"])
    assert c.events[-1].data["blocks"] == ["RNCP36004BC01"]
    line = c.events[-1].to_json()
    assert vaekit.Event.from_json(line) == c.events[-1]
    try:
        c.record("jury_scheduled", "2018-01-02", "certifier", blocks=["RNCP36004BC01"])
        raise AssertionError("accepted")
    except vaekit.TransitionError as e:
        assert "already validated" in str(e)
    assert vaekit.RegimeSet().on("2024-01-01").jury_min_members == 2
    assert vaekit.RegimeSet().on("2023-12-31").jury_min_members is None
