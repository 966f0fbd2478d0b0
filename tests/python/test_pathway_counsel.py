"""The counsellor-facing pathway from Python: certification suggestions, orientation, the
admissibility request (Cerfa 12818) and the appointment book.

The registry fixture tests/data/pathway/counsel_registry.json holds fictional RNCP909xx fiches
shaped after domain.md §3: DEAVS (90101, K1302) and DEAMP (90102, K1301) replaced by the DEAES
2016 (90103) replaced by the DEAES (90104, K1306, active, five blocks).
"""

from __future__ import annotations

import datetime
import pickle
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit


@pytest.fixture
def registry(test_data: Path) -> vaekit.Registry:
    return vaekit.Registry.load(test_data / "pathway" / "counsel_registry.json")


@pytest.fixture
def rome(test_data: Path) -> vaekit.RomeCatalog:
    return vaekit.RomeCatalog.load(test_data / "pathway" / "rome_fixture.csv")


def job(rome: str, first: str, last: str, per_week: int = 35, text: str = "") -> vaekit.Experience:
    return vaekit.Experience(
        "salaried",
        period=vaekit.DateRange(vaekit.Date.parse(first), vaekit.Date.parse(last)),
        hours_per_week=per_week,
        rome=rome,
        text=text,
    )


# --------------------------------------------------------------------------- suggestions


def test_suggestions_rank_and_map_replaced_to_successor(registry: vaekit.Registry) -> None:
    # Two years full time on K1302, CAP (level 3), on 2021-06-01 (vae-2017, 1,607 h minimum):
    # 731 days x 1607/365 h.
    # The level window as a filter (level_filter=True): the level-2 90206 is left out.
    r = vaekit.suggest_certifications(
        [job("K1302", "2019-01-01", "2020-12-31")],
        registry,
        "2021-06-01",
        diploma_level=3,
        level_filter=True,
    )
    assert r.codes == ["RNCP90104", "RNCP90201", "RNCP90204", "RS90301"]
    deaes = r[0]
    assert deaes.replaces == ["RNCP90101", "RNCP90103"]
    assert deaes.match == "exact"
    assert deaes.hours == Fraction(731 * 1607, 365)
    assert deaes.enough_experience
    assert {"replaces", "rome_exact", "level_in_range", "experience_sufficient"} <= set(deaes.codes)
    assert [(e.code, e.reason.code) for e in r.excluded] == [("RNCP90206", "level_out_of_range")]
    assert r.regime == "vae-2017" and r.minimum_hours == 1607
    assert len(r) == 4
    assert "RNCP90104" in repr(deaes)
    with pytest.raises(IndexError):
        r[4]


def test_suggestions_deamp_and_options(registry: vaekit.Registry, rome: vaekit.RomeCatalog) -> None:
    deamp = [job("K1301", "2019-01-01", "2020-12-31")]
    r = vaekit.suggest_certifications(deamp, registry, datetime.date(2021, 6, 1), diploma_level=3)
    assert r.codes == ["RNCP90104"]
    assert r[0].replaces == ["RNCP90102", "RNCP90103"]
    closed = vaekit.suggest_certifications(
        deamp, registry, "2021-06-01", diploma_level=3, follow_replacements=False
    )
    assert closed.codes == []
    assert {e.reason.code for e in closed.excluded} == {"not_active"}
    aes = [job("K1306", "2022-01-01", "2022-12-31")]
    wide = vaekit.suggest_certifications(aes, registry, "2023-06-01", diploma_level=3, rome=rome)
    # The level-2 90206 below the preferred window [3, 5] comes after the levels inside it.
    assert wide.codes == ["RNCP90104", "RNCP90201", "RNCP90204", "RNCP90206", "RS90301"]
    assert [s.match for s in wide.suggestions] == [
        "exact",
        "shared_parent",
        "shared_parent",
        "shared_parent",
        "shared_parent",
    ]
    assert wide[1].parent_rome == ["K1306"]
    narrow = vaekit.suggest_certifications(
        aes,
        registry,
        "2023-06-01",
        diploma_level=3,
        rome=rome,
        levels_above=0,
        include_without_level=False,
        limit=1,
    )
    assert narrow.codes == ["RNCP90104"]
    unknown = vaekit.suggest_certifications(aes, registry, "2023-06-01")
    assert [n.code for n in unknown.notes] == ["level_unknown"]
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.suggest_certifications(aes, registry, "2023-06-01", diploma_level=9)


def test_suggestions_on_real_sample(shared_data: Path) -> None:
    reg = vaekit.Registry.load(shared_data / "rncp" / "export-fiches-csv-2024-02-22-sample.zip")
    # Boulangerie D1102: RNCP19468 (inactive) is replaced across registries by RS6117.
    r = vaekit.suggest_certifications(
        [job("D1102", "2020-01-01", "2022-12-31")], reg, "2024-02-22", diploma_level=3
    )
    assert r.codes == ["RS6117"]
    assert r[0].replaces == ["RNCP19468"]


# --------------------------------------------------------------------------- orientation


def test_orientation_training_vae_vap_bilan(registry: vaekit.Registry) -> None:
    short = [job("K1306", "2017-01-01", "2017-11-30")]  # 334 days: 1,470.51 h < 1,607 h
    a = vaekit.suggest_orientation(
        short, "2018-01-15", certification="RNCP90104", registry=registry
    )
    assert a.first == "training"
    assert a.suggestions[0].codes == ["experience_too_short"]
    assert not a.eligibility.eligible
    year = [job("K1306", "2017-01-01", "2017-12-31")]  # 365 days = 1,607 h exactly
    b = vaekit.suggest_orientation(year, "2018-01-15", certification=registry["RNCP90104"])
    assert b.targets == ["vae"]
    assert b.suggests("vae") and not b.suggests("training")
    # VAP 85: 20 years old and 2 years out of initial studies (domain.md §1); inputs only.
    vap = vaekit.suggest_orientation(
        [],
        "2021-06-30",
        wants_higher_education=True,
        birth_date="2001-06-30",
        left_initial_education_on="2019-06-30",
    )
    assert vap.first == "vap"
    assert vap.suggestions[0].has_reason("vap_conditions_met")
    young = vaekit.suggest_orientation(
        [],
        "2021-06-29",
        wants_higher_education=True,
        birth_date="2001-06-30",
        left_initial_education_on="2019-06-30",
    )
    assert not young.suggests("vap")
    (ruled,) = [s for s in young.ruled_out if s.target == "vap"]
    assert ruled.codes == ["vap_too_young", "vap_studies_too_recent"]
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.suggest_orientation([], "2021-06-30", age=20, birth_date="2001-06-30")
    unclear = vaekit.suggest_orientation(
        year, "2018-01-15", project_clear=False, skills_assessment_max_hours=20
    )
    assert unclear.targets == ["skills_assessment", "vae"]
    assert "20 h" in unclear.suggestions[0].reasons[0].message
    assert vaekit.age_on("2000-02-29", "2021-02-28") == 20
    # The counsellor's decision is the oriented event.
    c = vaekit.Case("C1")
    c.record("received", "2018-01-08", "assistant", channel="walk_in")
    c.record("appointment_held", "2018-01-15", "counsellor", minutes=60)
    c.record_event(vaekit.orientation_event(a.first, "2018-01-15", staff="CO11"))
    assert c.stage == "redirected"


# --------------------------------------------------------------------------- admissibility request


def candidate() -> vaekit.Candidate:
    p = vaekit.Candidate("P0042", case_ids=["C0042"])
    p.family_name = "Exemple"
    p.given_names = "Camille"
    p.birth_date = vaekit.Date(1980, 3, 12)
    p.address = "1 rue de l'Exemple, 75000 Paris"
    p.email = "camille.exemple@example.invalid"
    p.situation = "employee"
    p.goals = "Obtenir le DEAES"
    p.highest_level = 3
    return p


def chosen_case(code: str) -> vaekit.Case:
    c = vaekit.Case("C0042")
    c.record("received", "2021-01-04", "assistant", channel="walk_in")
    c.record("appointment_held", "2021-01-11", "counsellor", minutes=60)
    c.record("certification_chosen", "2021-01-11", "counsellor", certification=code)
    c.record("oriented", "2021-01-11", "counsellor", to="vae")
    c.record("admissibility_started", "2021-01-18", "counsellor")
    return c


def test_admissibility_request(registry: vaekit.Registry, tmp_path: Path, test_data: Path) -> None:
    xs = [job("K1306", "2019-01-01", "2019-12-31", text="Aide à domicile")]
    r = vaekit.build_admissibility_request(
        chosen_case("RNCP90104"),
        candidate(),
        xs,
        "2021-03-01",
        registry=registry,
        sworn_statement=True,
    )
    assert r.complete
    assert r.missing() == []
    assert r.certification["title"].startswith("Diplôme d'État d'accompagnant")
    assert r.civil_status["given_names"] == "Camille"
    assert r.experiences[0]["related_to_certification"] is True
    assert r.related_hours == 1607
    assert "Camille" not in repr(r) and "Exemple" not in repr(r)
    assert r.to_dict()["schema"] == "AdmissibilityRequest.1"
    assert pickle.loads(pickle.dumps(r)) == r
    assert vaekit.AdmissibilityRequest.from_json(r.to_json()) == r
    r.save(tmp_path / "req.json")
    assert vaekit.AdmissibilityRequest.load(tmp_path / "req.json") == r
    # Incomplete: partial without blocks, no description, no contact.
    p = candidate()
    p.email = ""
    bare = [job("K1306", "2019-01-01", "2019-12-31")]
    inc = vaekit.build_admissibility_request(
        chosen_case("RNCP90104"), p, bare, "2021-03-01", registry=registry, partial=True
    )
    assert [m.code for m in inc.missing()] == [
        "blocks_missing",
        "sworn_statement_missing",  # required on every form (Cerfa 12818, R335-7)
        "contact_missing",
        "experience_description_missing",
    ]
    assert all("Exemple" not in m.message for m in inc.missing())
    stranger = vaekit.Candidate("P9", case_ids=["C0001"])
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.build_admissibility_request(chosen_case("RNCP90104"), stranger, xs, "2021-03-01")
    sample = vaekit.AdmissibilityRequest.load(test_data / "schemas" / "AdmissibilityRequest.1.json")
    # A document of before issue 12 reads; it lacks only the sworn statement, now required.
    assert sample.case_id == "C0001"
    assert [m.code for m in sample.missing()] == ["sworn_statement_missing"]


# --------------------------------------------------------------------------- appointment book


def week_book() -> vaekit.AppointmentBook:
    cal = vaekit.FrenchCalendar()
    cal.add_closure(vaekit.DateRange(vaekit.Date(2024, 5, 10), vaekit.Date(2024, 5, 10)), "pont")
    book = vaekit.AppointmentBook(calendar=cal)
    # Week of 6 May 2024: 8 May and Ascension (9 May) are holidays, 10 May closed.
    ids = book.add_slots(
        "CO1",
        vaekit.DateRange(vaekit.Date(2024, 5, 6), vaekit.Date(2024, 5, 12)),
        start="09:00",
        minutes=60,
        per_day=2,
    )
    assert ids == [1, 2, 3, 4]
    return book


def test_appointment_book_rules(tmp_path: Path) -> None:
    book = week_book()
    with pytest.raises(vaekit.InvalidArgument, match="public holiday"):
        book.add_slot("CO1", "2024-05-08", "09:00")
    co2 = book.add_slot("CO2", datetime.date(2024, 5, 6), 9 * 60 + 30, minutes=30)
    b1 = book.book(1, "C1", by="AS01", on="2024-05-02")
    with pytest.raises(vaekit.DoubleBookingError) as info:
        book.book(1, "C2", by="AS01", on="2024-05-02")
    assert info.value.code == "conflict" and info.value.slot == 1 and info.value.case_id == "C2"
    assert isinstance(info.value, vaekit.Error)
    with pytest.raises(vaekit.DoubleBookingError):
        book.book(co2, "C1", by="AS01", on="2024-05-02")  # C1 is busy 9:00-10:00
    book.join_waiting_list("W1", on="2024-05-02", counsellor="CO2")
    book.join_waiting_list("W2", on="2024-05-02")
    served = book.cancel(b1, by="AS01", on="2024-05-03")
    assert served is not None and book.booking(served).case_id == "W2"
    assert book.booking(b1).status == "cancelled"
    assert [w.case_id for w in book.waiting_list] == ["W1"]
    first = book.first_available("2024-05-01")  # CO2 at 9:30 comes before CO1 at 10:00
    assert first is not None and first.id == co2 and first.start == "09:30"
    assert book.first_available("2024-05-01", counsellor="CO1").id == 2
    b2 = book.book(2, "C3", by="AS01", on="2024-05-02")
    book.mark_no_show(b2, at="2024-05-07")
    book.mark_held(served, at="2024-05-07")
    u = book.utilisation(
        vaekit.DateRange(vaekit.Date(2024, 5, 6), vaekit.Date(2024, 5, 12)), counsellor="CO1"
    )
    assert (u.slots, u.booked, u.held, u.no_shows) == (4, 2, 1, 1)
    assert u.rate == 0.5 and u.no_show_rate == 0.5
    every = book.utilisation(vaekit.DateRange(vaekit.Date(2024, 5, 6), vaekit.Date(2024, 5, 12)))
    assert [x.counsellor for x in every] == ["CO1", "CO2"]
    assert "4" in repr(u) or "2/4" in repr(u)
    # JSON round trip, pickling, file.
    again = vaekit.AppointmentBook.from_json(book.to_json())
    assert again == book
    assert pickle.loads(pickle.dumps(book)) == book
    book.save(tmp_path / "book.json")
    assert vaekit.AppointmentBook.load(tmp_path / "book.json") == book
    ev = book.booking_event(served)
    assert ev.event == "appointment_booked" and ev.data == {"date": "2024-05-06"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 7)), max_size=60))
def test_appointment_book_never_double_books(ops: list[tuple[int, int, int]]) -> None:
    """Random bookings, cancellations and waiting-list joins on one counsellor's four slots (all at
    different times): a slot never holds two bookings, a refusal happens exactly when the slot is
    taken, and a cancellation serves the earliest-arrived waiting case."""
    book = week_book()
    for kind, slot_index, who in ops:
        slot = slot_index + 1
        if kind == 0:
            taken = book.occupant(slot) is not None
            try:
                book.book(slot, f"C{who}", by="AS", on="2024-05-01")
                assert not taken
            except vaekit.DoubleBookingError:
                assert taken
        elif kind == 1:
            occ = book.occupant(slot)
            if occ is not None:
                waiting = [w.case_id for w in book.waiting_list]
                served = book.cancel(occ, by="AS", on="2024-05-01")
                if waiting:
                    assert served is not None and book.booking(served).case_id == waiting[0]
                    assert [w.case_id for w in book.waiting_list] == waiting[1:]
                else:
                    assert served is None and book.occupant(slot) is None
        else:
            try:
                book.join_waiting_list(f"W{who}", on="2024-05-01")
            except vaekit.InvalidArgument:
                assert f"W{who}" in [w.case_id for w in book.waiting_list]
        live = [b for b in (book.occupant(s.id) for s in book.slots) if b is not None]
        assert len(live) == len(set(live))
        assert all(book.booking(b).status == "booked" for b in live)
        tickets = [w.ticket for w in book.waiting_list]
        assert tickets == sorted(tickets)
    assert vaekit.AppointmentBook.from_json(book.to_json()) == book


# --------------------------------------------------------------------------- result documents
# Suggestions.1 and Orientation.1: the results as JSON (to_json / to_dict / save / pickle).


def _all_keys(value: object) -> set[str]:
    if isinstance(value, dict):
        out = set(value)
        for v in value.values():
            out |= _all_keys(v)
        return out
    if isinstance(value, list):
        out = set()
        for v in value:
            out |= _all_keys(v)
        return out
    return set()


def test_suggestions_document(registry: vaekit.Registry, tmp_path: Path) -> None:
    # Two years full time on K1302 (731 days x 1607/365 h), level 3, on 2021-06-01.
    r = vaekit.suggest_certifications(
        [job("K1302", "2019-01-01", "2020-12-31")],
        registry,
        "2021-06-01",
        diploma_level=3,
        level_filter=True,
    )
    d = r.to_dict()
    assert list(d) == [
        "schema",
        "on",
        "diploma_level",
        "rules",
        "regime",
        "minimum_hours",
        "suggestions",
        "excluded",
        "notes",
    ]
    assert d["schema"] == "Suggestions.1"
    assert d["on"] == "2021-06-01" and d["diploma_level"] == 3
    assert d["rules"] == r.rules and r.rules["levels_above"] == 2
    assert r.on == vaekit.Date(2021, 6, 1) and r.diploma_level == 3
    assert [s["code"] for s in d["suggestions"]] == r.codes
    first = d["suggestions"][0]
    assert first == r[0].to_dict()
    assert first["hours"] == "1174717/365"
    assert Fraction(first["hours"]) == r[0].hours
    assert first["replaces"] == ["RNCP90101", "RNCP90103"]
    assert {x["code"] for x in first["reasons"]} == set(r[0].codes)
    assert all(set(x) == {"code", "message"} for x in first["reasons"])
    assert d["suggestions"][3]["level"] is None
    assert d["excluded"] == [e.to_dict() for e in r.excluded]
    assert d["excluded"][0]["reason"]["code"] == "level_out_of_range"
    # Round trips: text, pickle, file.
    assert vaekit.SuggestionResult.from_json(r.to_json()) == r
    assert vaekit.SuggestionResult.from_json(r.to_json(indent=-1)) == r
    assert pickle.loads(pickle.dumps(r)) == r
    r.save(tmp_path / "s.json")
    assert vaekit.SuggestionResult.load(tmp_path / "s.json") == r
    other = vaekit.suggest_certifications(
        [job("K1302", "2019-01-01", "2020-12-31")], registry, "2021-06-01", diploma_level=4
    )
    assert other != r
    with pytest.raises(vaekit.ParseError) as err:
        vaekit.SuggestionResult.from_json(r.to_json().replace('"exact"', '"nearby"', 1))
    assert err.value.field == "suggestions[0].match"
    with pytest.raises(vaekit.SchemaError):
        vaekit.SuggestionResult.from_json(r.to_json().replace("Suggestions.1", "Orientation.1"))


def test_orientation_document(registry: vaekit.Registry, tmp_path: Path) -> None:
    # 334 days full time = 334 x 1607/365 h < 1,607 h on 2018-01-15 (vae-2017): training.
    a = vaekit.suggest_orientation(
        [job("K1306", "2017-01-01", "2017-11-30")],
        "2018-01-15",
        certification="RNCP90104",
        registry=registry,
    )
    d = a.to_dict()
    assert list(d) == ["schema", "first", "suggestions", "ruled_out", "eligibility"]
    assert d["schema"] == "Orientation.1" and d["first"] == a.first == "training"
    assert d["suggestions"] == [s.to_dict() for s in a.suggestions]
    assert d["ruled_out"][1] == {"target": "vae", "reasons": d["ruled_out"][1]["reasons"]}
    el = d["eligibility"]
    assert el["eligible"] is False and el["regime"] == "vae-2017" and el["on"] == "2018-01-15"
    assert Fraction(el["hours"]) == a.eligibility.hours == Fraction(334 * 1607, 365)
    assert el["days"] == 334 and el["details"][0]["index"] == 0
    assert [x["code"] for x in el["reasons"]] == [x.code for x in a.eligibility.reasons]
    assert vaekit.OrientationAdvice.from_json(a.to_json()) == a
    assert pickle.loads(pickle.dumps(a)) == a
    a.save(tmp_path / "o.json")
    assert vaekit.OrientationAdvice.load(tmp_path / "o.json") == a
    with pytest.raises(vaekit.ParseError) as err:
        vaekit.OrientationAdvice.from_json(
            a.to_json().replace('"first": "training"', '"first": "vae"')
        )
    assert err.value.field == "first"


def test_result_samples_read(test_data: Path, registry: vaekit.Registry) -> None:
    s = vaekit.SuggestionResult.load(test_data / "schemas" / "Suggestions.1.json")
    assert s.codes == ["RNCP90104", "RNCP90201", "RNCP90204", "RS90301"]
    assert s[0].hours == Fraction(731 * 1607, 365)
    o = vaekit.OrientationAdvice.load(test_data / "schemas" / "Orientation.1.json")
    assert o.first == "training" and o.suggestions[0].has_reason("experience_too_short")


def test_result_documents_hold_no_personal_data(
    registry: vaekit.Registry, rome: vaekit.RomeCatalog
) -> None:
    p = vaekit.Candidate("P0099", case_ids=["C0099"])
    p.family_name = "Vantrelour"
    p.given_names = "Odeline"
    p.birth_date = vaekit.Date(1986, 11, 23)
    p.address = "4 impasse des Tilleuls, 59000 Lille"
    p.email = "odeline.vantrelour@example.invalid"
    p.phone = "+33 7 98 76 54 32"
    p.situation = "jobseeker"
    p.goals = "Travailler auprès des personnes âgées"
    p.highest_level = 3
    p.left_initial_education_on = vaekit.Date(2004, 7, 2)
    xs = [
        job("K1302", "2019-01-01", "2020-12-31", text="Aide chez Mme Vantrelour, sa grand-mère"),
        job("K1306", "2021-01-01", "2021-09-30", per_week=24, text="odeline.vantrelour"),
    ]
    s = vaekit.suggest_certifications(
        xs, registry, "2022-03-01", diploma_level=p.highest_level, rome=rome
    )
    a = vaekit.suggest_orientation(
        xs,
        "2022-03-01",
        certification="RNCP90104",
        registry=registry,
        wants_higher_education=True,
        project_clear=False,
        birth_date=p.birth_date,
        left_initial_education_on=p.left_initial_education_on,
    )
    assert len(s) > 0 and a.suggests("vap")
    personal = [
        p.family_name,
        p.given_names,
        p.address,
        p.email,
        p.phone,
        p.goals,
        "Tilleuls",
        "1986-11-23",
        "2004-07-02",
        "grand-mère",
        "Vantrelour",
        "vantrelour",
    ]
    fields = {
        "family_name",
        "given_names",
        "birth_date",
        "address",
        "email",
        "phone",
        "situation",
        "goals",
        "certifications_held",
        "left_initial_education_on",
        "age",
        "text",
        "candidate_id",
    }
    for doc in (s.to_json(), a.to_json()):
        for value in personal:
            assert value not in doc
    for d in (s.to_dict(), a.to_dict()):
        assert not (_all_keys(d) & fields)


def test_level_window_is_a_preference_by_default(registry: vaekit.Registry) -> None:
    # VAE has no level condition (Code de l'éducation L335-5): the level-2 RNCP90206 is below the
    # preferred window [3, 5] and still offered, after the levels inside it (issue 12).
    r = vaekit.suggest_certifications(
        [job("K1302", "2019-01-01", "2020-12-31")], registry, "2021-06-01", diploma_level=3
    )
    assert r.codes == ["RNCP90104", "RNCP90201", "RNCP90204", "RNCP90206", "RS90301"]
    assert "level_outside_preference" in r[3].codes
    assert r.excluded == []


def test_tools_agree_on_relevance(registry: vaekit.Registry, rome: vaekit.RomeCatalog) -> None:
    # One year full time on K1302 (365 days = 1,607 h, vae-2017): the DEAES 90104 lists K1306,
    # whose ROME v3 parent is K1302 (ROME v4.60), and replaces the DEAVS 90101 (K1302): related
    # by succession, in every tool alike.
    xs = [job("K1302", "2020-01-01", "2020-12-30", text="Aide à domicile")]
    on = "2021-06-01"
    s = vaekit.suggest_certifications(xs, registry, on, diploma_level=3, rome=rome)
    assert s.codes[0] == "RNCP90104"
    el = vaekit.eligibility(xs, on, certification="RNCP90104", registry=registry, rome=rome)
    assert el.eligible and el.hours == s[0].hours == 1607
    # The succession link (exact code of the DEAVS it replaces) comes before the v3 parent.
    assert el.links == ["successor"]
    assert "related_successor" in el.codes
    assert s[0].match == "exact" and s[0].exact_rome == ["K1302"]
    # A code the fiche lists itself: the exact link.
    aes_parent = [job("K1302", "2020-01-01", "2020-12-30")]
    t = vaekit.eligibility(aes_parent, on, certification="RNCP90201", registry=registry, rome=rome)
    assert t.links == ["exact_rome"]
    adv = vaekit.suggest_orientation(
        xs, on, certification="RNCP90104", registry=registry, rome=rome
    )
    assert adv.first == "vae"
    req = vaekit.build_admissibility_request(
        chosen_case("RNCP90104"),
        candidate(),
        xs,
        on,
        registry=registry,
        rome=rome,
        sworn_statement=True,
    )
    assert req.complete
    # Without the catalog nor the registry the link is unknown: the old rule said "not related".
    el2 = vaekit.eligibility(xs, on, certification=registry["RNCP90104"])
    assert el2.links == ["unrelated"] and not el2.eligible


def test_periods_twice_once_and_48_hours(registry: vaekit.Registry) -> None:
    # 183 days full time entered twice counted 1,611.42 h (eligible under vae-2017); once it is
    # 183 x 1607/365 h. 100 h a week is above the legal maximum of 48 h (Code du travail
    # L3121-20): an error.
    half = job("K1302", "2019-01-01", "2019-07-02")
    el = vaekit.eligibility([half, half], "2020-01-06")
    assert el.hours == Fraction(183 * 1607, 365) and not el.eligible
    assert "duplicate_experience" in el.codes
    assert el.counted_hours[1] == 0
    with pytest.raises(vaekit.Error):
        vaekit.eligibility([job("K1302", "2019-01-01", "2019-12-31", per_week=100)], "2020-01-06")


def test_admissibility_request_cerfa_fields(registry: vaekit.Registry) -> None:
    # Cerfa 12818 (issue 12): civility, birth and usage names, birthplace, nationality, status and
    # socio-professional category, employer and job title per experience, supporting documents;
    # the sworn statement on the quotas (R335-7) is required on every form.
    p = candidate()
    p.civility = "madame"
    p.usage_name = "Usage"
    p.birth_place = "Lyon (69)"
    p.nationality = "française"
    p.socio_professional_category = "employée"
    back = vaekit.Candidate.from_json(p.to_json())
    assert (back.civility, back.usage_name, back.birth_place, back.nationality) == (
        "madame",
        "Usage",
        "Lyon (69)",
        "française",
    )
    assert back.socio_professional_category == "employée"
    x = vaekit.Experience(
        "salaried",
        vaekit.DateRange(vaekit.Date.parse("2019-01-01"), vaekit.Date.parse("2019-12-31")),
        rome="K1306",
        text="Aide à domicile",
        employer="Association ADMR",
        job_title="aide à domicile",
    )
    assert x.employer == "Association ADMR" and x.job_title == "aide à domicile"
    args = (chosen_case("RNCP90104"), p, [x], "2021-03-01")
    unsigned = vaekit.build_admissibility_request(*args, registry=registry)
    assert [m.code for m in unsigned.missing()] == ["sworn_statement_missing"]
    assert all("Usage" not in m.message for m in unsigned.missing())
    r = vaekit.build_admissibility_request(
        *args, registry=registry, sworn_statement=True, supporting_documents=["pièce d'identité"]
    )
    assert r.complete and r.sworn_statement and r.supporting_documents == ["pièce d'identité"]
    assert r.civil_status["nationality"] == "française"
    assert r.civil_status["usage_name"] == "Usage"
    assert r.situation["socio_professional_category"] == "employée"
    assert r.experiences[0]["employer"] == "Association ADMR"
    assert vaekit.AdmissibilityRequest.from_json(r.to_json()) == r
    assert "Usage" not in repr(r) and "Usage" not in repr(p)


def test_certifier_reasons_of_a_refusal() -> None:
    c = chosen_case("RNCP90104")
    c.record("admissibility_sent", "2021-02-01", "counsellor")
    c.record(
        "admissibility_decided",
        "2021-03-01",
        "certifier",
        decision="not_admissible",
        reason="activités sans rapport avec le référentiel",
    )
    assert c.stage == "not_admissible"
    assert c.decision_reasons == "activités sans rapport avec le référentiel"
    assert vaekit.Event.from_json(c.events[-1].to_json()) == c.events[-1]
