"""One funnel for both eras (issue 15): France VAE pathways count in the activity report and the
outcome rates as the 2017 steps they stand for (src/analytics/funnel_steps.hpp, table in
docs/analytics.md). Hand-worked: before this, a France VAE log reported zero people received."""

from __future__ import annotations

import vaekit


def _case_2017(cid: str) -> vaekit.Case:
    c = vaekit.Case(cid)
    c.record("received", "2023-03-01", "assistant", antenne="A", channel="phone")
    c.record("appointment_held", "2023-03-08", "counsellor", antenne="A", minutes=60)
    c.record("certification_chosen", "2023-03-08", "counsellor", certification="RNCP36004")
    c.record("oriented", "2023-03-08", "counsellor", to="vae")
    c.record("admissibility_started", "2023-03-09", "counsellor")
    c.record("admissibility_sent", "2023-03-20", "counsellor", certifier="DREETS")
    c.record("admissibility_decided", "2023-04-20", "certifier", decision="admissible")
    return c


def _case_france_vae(cid: str, accompanied: bool, result: str | None) -> vaekit.Case:
    c = vaekit.Case(cid)
    kind = "accompanied" if accompanied else "autonomous"
    c.record("candidacy_submitted", "2024-03-04", "candidate", antenne="A", accompaniment=kind)
    writer = "candidate"
    if accompanied:
        writer = "aap"
        c.record("candidacy_taken_charge", "2024-03-06", "aap", antenne="A")
        c.record("pathway_proposed", "2024-03-20", "aap", individual_hours=20)
        c.record("pathway_confirmed", "2024-03-22", "candidate")
    c.record("feasibility_sent", "2024-04-08", writer, certification="RNCP36004")
    c.record("feasibility_decided", "2024-05-06", "certifier", decision="admissible")
    if result is not None:
        c.record("validation_file_sent", "2024-09-02", writer)
        c.record("jury_scheduled", "2024-10-01", "certifier", date="2024-10-15")
        c.record("jury_held", "2024-10-15", "jury", result=result)
    return c


def test_france_vae_pathways_fill_the_same_funnel_as_2017_ones() -> None:
    cases = [
        _case_2017("old-1"),
        _case_france_vae("new-1", accompanied=True, result="full"),
        _case_france_vae("new-2", accompanied=False, result="partial_certification"),
        _case_france_vae("new-3", accompanied=True, result=None),
    ]
    log = vaekit.EventLog.from_cases(cases)
    report = log.report(threshold=0).publish(method="none")
    totals = {r["year"]: r for r in report.funnel.to_records() if r["antenne"] is None}
    # 2023: the 2017 pathway, as before.
    assert totals[2023]["received"] == 1 and totals[2023]["admissible"] == 1
    # 2024: three candidacies submitted (the entry), two taken charge by an AAP (counselled,
    # confirmed: oriented to VAE), three feasibility files sent and admissible, two juries: one
    # full, one partial certification (counted as a partial validation).
    t = totals[2024]
    assert (t["received"], t["counselled"], t["oriented_vae"]) == (3, 2, 2)
    assert (t["admissibility_sent"], t["admissible"], t["jury_held"]) == (3, 3, 2)
    assert (t["jury_full"], t["jury_partial"], t["dropped_out"]) == (1, 1, 0)
    durations = {r["measure"]: r for r in report.durations.to_records()}
    # decision: sent 8 April -> decided 6 May = 28 days, for the three candidacies (and 31 days
    # for the 2017 case): median 28.
    assert durations["decision"]["count"] == 4 and durations["decision"]["median"] == 28


def test_outcome_rates_count_the_feasibility_decision_and_the_jury() -> None:
    registry = vaekit.Registry()
    cases = [
        _case_france_vae("new-1", accompanied=True, result="full"),
        _case_france_vae("new-2", accompanied=False, result="partial_certification"),
    ]
    log = vaekit.EventLog.from_cases(cases)
    rows = log.outcome_rates(registry, threshold=0).to_records()
    assert len(rows) == 1
    row = rows[0]
    assert row["admissibility_sent"] == 2 and row["admissible"] == 2
    assert row["jury_held"] == 2 and row["full"] == 1 and row["partial"] == 1


def test_the_page_shows_two_eras_side_by_side(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from vaekit.report import page

    old = vaekit.EventLog.from_cases([_case_2017(f"o{i}") for i in range(3)])
    new = vaekit.EventLog.from_cases(
        [_case_france_vae(f"n{i}", accompanied=i % 2 == 0, result="full") for i in range(4)]
    )
    p_old = old.report(threshold=0).publish(method="none")
    p_new = new.report(threshold=0).publish(method="none")
    html = page(
        new, out=tmp_path / "p.html", published=p_new, eras=[("2017", p_old), ("FVAE", p_new)]
    )
    text = html.read_text(encoding="utf-8")
    assert 'id="eras"' in text and "Les deux époques côte à côte" in text
    # 4 candidacies, 2 taken charge (50,0 %), 4 full validations (100,0 %) against 3 received.
    assert "2 (50,0\u00a0%)" in text and "4 (100,0\u00a0%)" in text
    # One era alone: no comparison.
    alone = page(new, out=tmp_path / "q.html", published=p_new, eras=[("FVAE", p_new)])
    assert 'id="eras"' not in alone.read_text(encoding="utf-8")
