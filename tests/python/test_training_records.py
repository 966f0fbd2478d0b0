"""Training records from Python: attendance rates, certificates, evaluations, staff, community,
the Qualiopi evidence index, pickling, pandas tables and the demo step.

The fixture (tests/data/training/records/) and its hand-worked tables are described at the top
of tests/cpp/training/test_records.cpp; the numbers below are the same.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import vaekit
from vaekit.training import records as training_records

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "tests" / "data" / "training" / "records"


def read(name: str) -> str:
    return (RECORDS / name).read_text(encoding="utf-8")


@pytest.fixture
def programme() -> vaekit.Programme:
    return vaekit.Programme.from_json(read("programme.json"))


@pytest.fixture
def attendance() -> vaekit.AttendanceRecord:
    return vaekit.AttendanceRecord.from_json(read("attendance.json"))


@pytest.fixture
def evaluations() -> vaekit.EvaluationRecord:
    return vaekit.EvaluationRecord.from_json(read("evaluations.json"))


@pytest.fixture
def staff() -> vaekit.StaffRegister:
    return vaekit.StaffRegister.from_json(read("staff.json"))


@pytest.fixture
def community() -> vaekit.Community:
    return vaekit.Community.from_json(read("community.json"))


def test_attendance_rates_by_hand(
    programme: vaekit.Programme, attendance: vaekit.AttendanceRecord
) -> None:
    report = vaekit.attendance_report(programme, attendance)
    rates = {
        p.member: (p.totals.planned, p.totals.attended, p.totals.unproven) for p in report.persons
    }
    # C1: 7 + 3.5 planned, 3.5 + 2.5 + 3.5 attended; C2: 3.5 in person + 3.5 remote without log;
    # A1: all 10.5 h attended, 7 h of them without valid evidence.
    assert rates == {"C1": (10.5, 9.5, 0.0), "C2": (10.5, 7.0, 3.5), "A1": (10.5, 10.5, 7.0)}
    assert report.persons[0].rate == pytest.approx(9.5 / 10.5)
    by_audience = {a.audience: a.rate for a in report.audiences}
    assert by_audience[vaekit.Audience.COUNSELLORS] == pytest.approx(16.5 / 21)
    assert by_audience[vaekit.Audience.BOTH] == pytest.approx(27 / 31.5)
    assert [s.session for s in report.sessions] == ["S1", "S2", "S3"]
    assert report.sessions[0].rate == pytest.approx(9.5 / 14)
    errors = sorted(i.code for i in report.issues if i.severity == vaekit.IssueSeverity.ERROR)
    assert errors == [
        "duplicate_entry",
        "half_day_not_planned",
        "hours_out_of_range",
        "in_person_on_phone_meeting",
        "not_a_session_date",
        "presence_without_signature",
        "remote_without_log",
        "unknown_member",
        "unknown_session",
    ]
    march = vaekit.attendance_report(programme, attendance, as_of="2025-03-31")
    assert len(march.sessions) == 2
    assert pickle.loads(pickle.dumps(report)) == report


def test_plan_or_programme_as_source(
    programme: vaekit.Programme, attendance: vaekit.AttendanceRecord
) -> None:
    plan = vaekit.make_plan(programme, programme.sessions)
    assert vaekit.attendance_report(plan, attendance) == vaekit.attendance_report(
        programme, attendance
    )
    only_s1 = vaekit.attendance_report(programme, attendance, sessions=programme.sessions[:1])
    assert [s.session for s in only_s1.sessions] == ["S1"]
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.attendance_report("not a programme", attendance)  # type: ignore[arg-type]


def test_entries_and_evidence(programme: vaekit.Programme) -> None:
    rec = vaekit.AttendanceRecord(
        "pro-test",
        entries=[
            vaekit.AttendanceEntry(
                "S2",
                "2025-03-25",
                "C1",
                presence=vaekit.Presence.REMOTE,
                evidence=vaekit.EvidenceKind.CONNECTION_LOG,
            ),
            vaekit.AttendanceEntry(
                "S2",
                "2025-03-26",
                "C2",
                presence=vaekit.Presence.REMOTE,
                evidence=vaekit.EvidenceKind.CALL_LOG,
            ),
        ],
    )
    codes = [
        (i.code, i.member) for i in vaekit.check_attendance(programme, rec, as_of="2025-03-31")
    ]
    assert ("not_a_session_date", "C2") in codes  # evidence for a day with no session
    assert ("missing_entry", "C2") in codes
    assert vaekit.evidence_suffices(vaekit.Presence.REMOTE, vaekit.EvidenceKind.CALL_LOG)
    assert not vaekit.evidence_suffices(vaekit.Presence.PRESENT, vaekit.EvidenceKind.CALL_LOG)
    assert rec.hours_of(rec.entries[0]) == 3.5
    assert vaekit.AttendanceRecord.from_json(rec.to_json()) == rec
    assert "AttendanceEntry('S2'" in repr(rec.entries[0])


def test_certificates(programme: vaekit.Programme, attendance: vaekit.AttendanceRecord) -> None:
    certs = vaekit.completion_certificates(programme, attendance, issued="2025-12-15")
    assert [(c.trainee, c.hours) for c in certs] == [("C1", 9.5), ("C2", 3.5), ("A1", 3.5)]
    c1 = certs[0]
    assert c1.nature == "action de formation"
    assert c1.organisation == "Défi métiers"
    assert str(c1.dates.first) == "2025-03-11" and str(c1.dates.last) == "2025-03-25"
    assert vaekit.CompletionCertificate.from_json(c1.to_json()) == c1
    assert pickle.loads(pickle.dumps(c1)) == c1


def test_evaluation_aggregates_by_hand(
    programme: vaekit.Programme, evaluations: vaekit.EvaluationRecord
) -> None:
    rows = vaekit.aggregate_evaluations(programme, evaluations, vaekit.EvaluationGrouping.TOPIC)
    t2 = next(
        a
        for a in rows
        if a.key == "T2"
        and a.timing == vaekit.EvaluationTiming.HOT
        and a.question == "satisfaction"
    )
    # T2 is covered by S1 (5, 3) and S2 (4, 2): mean 3.5, expected 2 + 3 respondents.
    assert (t2.count, t2.mean, t2.distribution) == (4, 3.5, [0, 1, 1, 1, 1])
    assert (t2.respondents, t2.expected) == (4, 5)
    assert t2.response_rate == pytest.approx(0.8)
    codes = sorted(i.code for i in vaekit.check_evaluations(programme, evaluations))
    assert codes == [
        "cold_too_early",
        "duplicate_response",
        "hot_outside_window",
        "unknown_session",
        "wrong_question_kind",
    ]
    assert str(evaluations.cold_due("2025-03-25")) == "2025-05-06"
    df = training_records.aggregates_to_pandas(rows)
    assert "Très clair" not in df.to_string()
    assert list(df.columns)[:4] == ["grouping", "key", "timing", "question"]
    scores = evaluations.to_pandas()
    assert "text" not in scores.columns
    assert scores.loc[scores["response"] == "R1", "score"].tolist() == [5, 4]
    texts = evaluations.to_pandas(comments=True)
    assert "Très clair, merci à l'intervenante." in texts["text"].tolist()
    with pytest.raises(vaekit.ParseError):
        vaekit.EvaluationRecord.from_json(
            read("evaluations.json").replace('"satisfaction": 5', '"satisfaction": 9')
        )


def test_staff_gaps_and_records(
    programme: vaekit.Programme, attendance: vaekit.AttendanceRecord, staff: vaekit.StaffRegister
) -> None:
    records = vaekit.staff_training_records(programme, attendance, staff, 2025)
    assert [(r.member, r.programme_hours, r.other_hours, r.total) for r in records] == [
        ("C1", 9.5, 7.0, 16.5),
        ("C2", 7.0, 0.0, 7.0),
        ("A1", 10.5, 0.0, 10.5),
    ]
    checks = vaekit.check_staff(programme, staff, records)
    assert [c.meets for c in checks] == [True, False, True]
    assert [(g.code, g.message) for g in checks[1].gaps] == [
        ("diploma_level", "Diplôme de niveau 7 requis ; plus haut niveau : 6."),
        ("support_experience", "Expérience de l'accompagnement : 0,5 an ; 1 an requis."),
        (
            "vae_knowledge",
            "Connaissance de la VAE non attestée (formation, attestation) ; requise.",
        ),
    ]
    strict = vaekit.QualificationRequirements(min_training_hours_per_year=14)
    c = vaekit.check_qualification(
        "C2", vaekit.StaffRole.COUNSELLOR, staff.profile("C2"), strict, training_hours=7
    )
    assert c.gaps[-1].message == "Heures de formation dans l'année : 7 h ; 14 h requises."
    assert (
        vaekit.check_qualification("X", vaekit.StaffRole.COUNSELLOR, None).gaps[0].code
        == "no_profile"
    )
    assert pickle.loads(pickle.dumps(staff)) == staff
    assert staff.profile("C1").highest_level == 7  # type: ignore[union-attr]


def test_community_search_and_digest(community: vaekit.Community) -> None:
    assert [h.thread for h in community.search("Médico")] == ["TH4", "TH3"]
    assert [h.thread for h in community.search("MEDICO psycho")] == ["TH4"]
    assert community.search("opco financ")[0].score == 6.5
    assert vaekit.normalize_words("Aide médico-psychologique") == [
        "aide",
        "medico",
        "psychologique",
    ]
    answer = community.accepted_answer("TH1")
    assert (
        answer is not None
        and community.member(answer.author).role == vaekit.CommunityRole.CERTIFIER
    )
    changes = [
        vaekit.CertificationChange("RNCP4503", "closed", ["RNCP36004"]),
        vaekit.CertificationChange("RNCP9999", "closed"),
    ]
    d = community.digest(vaekit.DateRange("2025-03-01", "2025-03-31"), changes, ["RNCP36004"])
    assert d.new_threads == ["TH2", "TH3", "TH4"]
    assert d.unanswered == ["TH2"]
    assert d.unresolved == ["TH4"]
    assert [(c.change.code, c.threads) for c in d.changes] == [("RNCP4503", ["TH1", "TH4"])]
    assert vaekit.CommunityDigest.from_json(d.to_json()) == d
    assert pickle.loads(pickle.dumps(community)) == community
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.Community(members=[], threads=community.threads)  # unknown authors


def test_quality_evidence_index(
    programme: vaekit.Programme,
    attendance: vaekit.AttendanceRecord,
    evaluations: vaekit.EvaluationRecord,
    staff: vaekit.StaffRegister,
) -> None:
    idx = vaekit.quality_evidence_index(
        programme, 2025, attendance=attendance, evaluations=evaluations, staff=staff
    )
    assert [i.indicator for i in idx.indicators] == [2, 11, 12, 21, 22, 30]
    assert [i.covered for i in idx.indicators] == [True, True, False, False, True, True]
    assert idx.indicator(12).missing[0].code == "attendance_evidence_errors"
    # C2's gaps (a level-6 licence, half a year of support, no evidence of knowledge of VAE) are
    # indicator 21's (competences of the staff); 22 is the training done.
    assert [m.code for m in idx.indicator(21).missing] == [
        "qualification_gaps_diploma_level",
        "qualification_gaps_support_experience",
        "qualification_gaps_vae_knowledge",
    ]
    empty = vaekit.quality_evidence_index(programme, 2025)
    assert {m.code for m in empty.indicator(30).missing} == {
        "no_trainee_feedback",
        "no_funder_feedback",
    }
    assert vaekit.QualityEvidenceIndex.from_json(idx.to_json()) == idx
    lines = training_records.format_evidence_index(idx)
    assert lines[0] == "Qualiopi 2025 : preuves par indicateur"
    assert any("taux d'assiduité 85,7 %" in line for line in lines)


def test_pandas_tables(programme: vaekit.Programme, attendance: vaekit.AttendanceRecord) -> None:
    df = attendance.to_pandas()
    assert len(df) == len(attendance.entries)
    assert df.loc[2, "hours"] == 2.5
    report = vaekit.attendance_report(programme, attendance)
    persons = report.to_pandas()
    assert persons.set_index("member").loc["C2", "excused"] == 3.5
    sessions = report.to_pandas("session")
    assert sessions["attended"].sum() == pytest.approx(27.0)
    audiences = report.to_pandas("audience")
    assert list(audiences["audience"]) == ["counsellors", "assistants", "both"]
    with pytest.raises(ValueError):
        report.to_pandas("antenne")  # type: ignore[arg-type]


def test_schema_samples_read(test_data: Path) -> None:
    s = test_data / "schemas"
    for cls, name in [
        (vaekit.AttendanceRecord, "Attendance"),
        (vaekit.EvaluationRecord, "Evaluations"),
        (vaekit.StaffRegister, "StaffRegister"),
        (vaekit.Community, "Community"),
        (vaekit.CommunityDigest, "CommunityDigest"),
        (vaekit.CompletionCertificate, "CompletionCertificate"),
        (vaekit.QualityEvidenceIndex, "QualityEvidenceIndex"),
    ]:
        value = cls.from_json((s / f"{name}.1.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        assert cls.from_json(value.to_json()) == value  # type: ignore[attr-defined]


def test_demo_step(tmp_path: Path) -> None:
    from vaekit.demo import training_records as demo_training_records

    lines = demo_training_records.run(tmp_path)
    text = "\n".join(lines)
    assert "Assiduité" in text
    assert "Satisfaction à chaud" in text
    assert "indicateur 30" in text
    assert (tmp_path / "training-qualiopi-2025.json").is_file()
    idx = vaekit.QualityEvidenceIndex.from_json(
        (tmp_path / "training-qualiopi-2025.json").read_text(encoding="utf-8")
    )
    assert idx.indicator(22).present[0].count == 9  # the sessions held by 30 June
