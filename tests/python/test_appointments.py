"""The appointment book's rules of issue 12 from Python: a cancellation from the start on is a
no-show, held and no-show are observed at a time (never before the start), a new slot serves the
waiting list, and the book is the one source of the case log's appointment events
(``appointment_booked``, ``appointment_held``, ``appointment_missed``; EventLog.1).

Dates: the week of Monday 6 May 2024 (8 May and Ascension 9 May are public holidays, Code du
travail L3133-1); times are the antenne's local times (Paris, UTC+2 in May).
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit

WEEK = vaekit.DateRange(vaekit.Date(2024, 5, 6), vaekit.Date(2024, 5, 12))
PARIS = datetime.timezone(datetime.timedelta(hours=2))


def test_cancellation_after_the_start_is_a_no_show() -> None:
    """Issue 12: cancel() was accepted a week after the appointment and freed the slot."""
    book = vaekit.AppointmentBook()
    s1 = book.add_slot("CO1", "2024-05-06", "09:00")
    s2 = book.add_slot("CO1", "2024-05-06", "10:00")
    k1 = book.book(s1, "C1", by="AS01", on="2024-05-02")
    k2 = book.book(s2, "C2", by="AS01", on="2024-05-02")
    book.join_waiting_list("W1", on="2024-05-02")
    # A week later: recorded as missed, the slot stays occupied, nobody is served a past slot.
    assert book.cancel(k1, by="AS01", on="2024-05-13") is None
    assert book.booking(k1).status == "no_show"
    assert book.booking(k1).cancelled_on is None
    assert book.occupant(s1) == k1
    # On the day, a time is needed; before 10:00 it is a true cancellation serving W1.
    with pytest.raises(vaekit.InvalidArgument, match="time of day"):
        book.cancel(k2, by="AS01", on="2024-05-06")
    served = book.cancel(k2, by="AS01", on=datetime.datetime(2024, 5, 6, 9, 40, tzinfo=PARIS))
    assert served is not None and book.booking(served).case_id == "W1"
    assert book.booking(k2).status == "cancelled"
    u = book.utilisation(WEEK, counsellor="CO1")
    assert (u.slots, u.booked, u.held, u.no_shows) == (2, 2, 0, 1)


def test_mark_held_needs_the_appointment_started() -> None:
    """Issue 12: mark_held() took no date and marked future appointments held."""
    book = vaekit.AppointmentBook()
    slot = book.add_slot("CO1", datetime.date(2024, 5, 7), "14:00", minutes=45)
    k = book.book(slot, "C1", by="AS01", on="2024-05-02")
    for too_early in ("2024-05-03", "2024-05-07T13:59+02:00", datetime.datetime(2024, 5, 7, 9)):
        with pytest.raises(vaekit.InvalidArgument, match="not started"):
            book.mark_held(k, at=too_early)
    with pytest.raises(vaekit.InvalidArgument, match="time of day"):
        book.mark_held(k, at="2024-05-07")
    assert book.booking(k).status == "booked" and book.booking(k).closed_at is None
    book.mark_held(k, at="2024-05-07T14:50")  # a naive local time is accepted
    assert book.booking(k).status == "held"
    assert book.booking(k).closed_at == "2024-05-07T14:50:00Z"
    with pytest.raises(vaekit.InvalidArgument, match="only a booked"):
        book.mark_no_show(k, at="2024-05-09")


def test_a_new_slot_serves_the_waiting_list() -> None:
    """Issue 12: a newly added slot was not offered to the waiting list."""
    book = vaekit.AppointmentBook()
    book.join_waiting_list("W1", on="2024-05-02", counsellor="CO2")
    book.join_waiting_list("W2", on="2024-05-03")
    slot = book.add_slot("CO1", "2024-05-07", "09:00", on="2024-05-03", by="AS02")
    occ = book.occupant(slot)
    assert occ is not None
    booking = book.booking(occ)
    assert (booking.case_id, booking.booked_by, booking.booked_on) == (
        "W2",
        "AS02",
        vaekit.Date(2024, 5, 3),
    )
    assert booking.from_waiting_list
    with pytest.raises(vaekit.InvalidArgument, match="waiting case fits"):
        book.add_slot("CO2", "2024-05-07", "09:00")
    assert len(book.slots) == 1
    ids = book.add_slots(
        "CO2",
        vaekit.DateRange(vaekit.Date(2024, 5, 13), vaekit.Date(2024, 5, 14)),
        start="09:00",
        on="2024-05-10",
    )
    assert book.booking(book.occupant(ids[0])).case_id == "W1"
    assert book.occupant(ids[1]) is None
    assert book.waiting_list == []


def check_events_agree(book: vaekit.AppointmentBook, period: vaekit.DateRange) -> None:
    """Each case's appointment events from the book replay through the transition table (after a
    ``received``), and the held/missed events per counsellor equal the book's utilisation."""
    counted: Counter[tuple[str, str]] = Counter()
    cases = {b.case_id for b in book.bookings}
    for case_id in sorted(cases):
        events = book.events(case_id)
        case = vaekit.Case(case_id)
        case.record("received", events[0].date, "assistant")
        for e in events:
            case.record_event(e)
            if e.date in period:
                counted[(e.staff, e.event)] += 1
        kinds = Counter(e.event for e in events)
        statuses = Counter(book.booking(b).status for b in book.bookings_of(case_id))
        assert kinds["appointment_booked"] == len(book.bookings_of(case_id))
        assert kinds["appointment_held"] == statuses["held"]
        assert kinds["appointment_missed"] == statuses["no_show"]
    assert len(book.events()) == sum(len(book.events(c)) for c in cases)
    for u in book.utilisation(period):
        assert u.held == counted[(u.counsellor, "appointment_held")]
        assert u.no_shows == counted[(u.counsellor, "appointment_missed")]


def test_the_book_is_the_source_of_appointment_events() -> None:
    book = vaekit.AppointmentBook()
    s1 = book.add_slot("CO1", "2024-05-06", "09:00")
    s2 = book.add_slot("CO1", "2024-05-07", "09:00")
    k1 = book.book(s1, "C1", by="AS01", on="2024-05-02")
    k2 = book.book(s2, "C1", by="AS01", on="2024-05-06")
    book.mark_no_show(k1, at="2024-05-06T10:00+02:00")
    book.mark_held(k2, at="2024-05-07T10:00+02:00")
    events = book.events("C1")
    assert [(e.event, e.at) for e in events] == [
        ("appointment_booked", "2024-05-02"),
        ("appointment_missed", "2024-05-06"),
        ("appointment_booked", "2024-05-06"),
        ("appointment_held", "2024-05-07"),
    ]
    assert events[3].data == {"minutes": 60} and events[3].staff == "CO1"
    assert book.events_of(k1) == events[:2]
    assert book.outcome_event(k2) == events[3]
    check_events_agree(book, WEEK)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 7), st.integers(0, 5), st.integers(0, 5)),
        max_size=60,
    )
)
def test_events_and_utilisation_agree(ops: list[tuple[int, int, int, int]]) -> None:
    """Random bookings, waiting-list joins, cancellations and outcomes at a clock moving forward:
    the book stays checked, no outcome precedes its start, and its events agree with it."""
    book = vaekit.AppointmentBook()
    book.add_slots(
        "CO1",
        vaekit.DateRange(vaekit.Date(2024, 6, 3), vaekit.Date(2024, 6, 7)),
        start="09:00",
        per_day=2,
    )
    now = datetime.datetime(2024, 6, 1, 8, 0)
    for kind, index, who, hours in ops:
        now += datetime.timedelta(hours=4 * hours)
        try:
            if kind == 0:
                book.book(index + 1, f"C{who}", by="AS", on=now.date())
            elif kind == 1:
                book.join_waiting_list(f"C{who}", on=now.date())
            elif book.bookings:
                k = index % len(book.bookings) + 1
                if kind == 2:
                    book.cancel(k, by="AS", on=now)
                elif kind == 3:
                    book.mark_held(k, at=now)
                else:
                    book.mark_no_show(k, at=now)
        except (vaekit.InvalidArgument, vaekit.DoubleBookingError):
            pass
    assert vaekit.AppointmentBook.from_json(book.to_json()) == book
    for b in book.bookings:
        if b.closed_at is not None:
            slot = book.slot(b.slot)
            assert b.closed_at[:16] >= f"{slot.date}T{slot.start}"
    check_events_agree(book, vaekit.DateRange(vaekit.Date(2024, 6, 1), vaekit.Date(2024, 6, 30)))


def test_simulated_appointments_follow_the_book(test_data: Path) -> None:
    """The simulation writes appointments by the book's rules (issue 12): every held or missed
    appointment was booked (an ``appointment_booked`` on or before its day naming that day) and
    none falls on a professionalisation day. Further appointments used to be held unbooked."""
    scenario = vaekit.Scenario.load(test_data / "schemas" / "Scenario.1.json")
    training = {str(d) for d in scenario.training_days}
    result = vaekit.simulate(scenario, seed=5)
    pending: dict[str, list[str]] = {}
    outcomes: Counter[str] = Counter()
    for i in range(len(result)):
        e = result.event(i)
        if e.event == "appointment_booked":
            assert str(e.data["date"]) >= str(e.date)
            pending.setdefault(e.case, []).append(str(e.data["date"]))
        elif e.event in ("appointment_held", "appointment_missed"):
            outcomes[e.case] += 1
            assert str(e.date) not in training
            assert str(e.date) in pending.get(e.case, []), (e.case, e.event, e.at)
            pending[e.case].remove(str(e.date))
    assert any(n > 1 for n in outcomes.values())  # further appointments were simulated too
