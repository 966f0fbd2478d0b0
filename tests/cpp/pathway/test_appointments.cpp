// The appointment book: slots on working days (FrenchCalendar: in 2024, 1 May, 8 May and
// Ascension 9 May are public holidays — Easter 31 March + 39 days; Code du travail L3133-1),
// bookings, no double booking, waiting list served first come first served on cancellation,
// first available slot, no-shows, utilisation, JSON; and a property test of random operations.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/pathway/case.hpp"

using namespace vaekit;

namespace {

constexpr int h(int hours, int minutes = 0) {
  return hours * 60 + minutes;
}

// The week of Monday 6 May 2024: working days Mon 6, Tue 7, Fri 10 (Wed 8 May and Thu 9 May,
// Ascension, are holidays).
const DateRange kWeek(Date(2024, 5, 6), Date(2024, 5, 12));

}  // namespace

TEST_CASE("appointments: slots only on working days, never overlapping for one counsellor") {
  FrenchCalendar cal;
  cal.add_closure(DateRange(Date(2024, 5, 10), Date(2024, 5, 10)), "pont de l'Ascension");
  AppointmentBook book(cal);
  const auto ids = book.add_slots("CO1", kWeek, {}, h(9), 60, 2);
  // Mon 6 and Tue 7 only (8, 9 holidays; 10 closed; 11-12 weekend), two slots a day.
  REQUIRE(ids.size() == 4);
  CHECK(book.slot(ids[0]).date == Date(2024, 5, 6));
  CHECK(book.slot(ids[1]).start_minute == h(10));
  CHECK(book.slot(ids[3]).date == Date(2024, 5, 7));
  try {
    book.add_slot("CO1", Date(2024, 5, 8), h(9));
    FAIL("holiday accepted");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("public holiday") != std::string::npos);
  }
  try {
    book.add_slot("CO1", Date(2024, 5, 10), h(9));
    FAIL("closure accepted");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("pont de l'Ascension") != std::string::npos);
  }
  CHECK_THROWS_AS(book.add_slot("CO1", Date(2024, 5, 11), h(9)), InvalidArgument);     // Saturday
  CHECK_THROWS_AS(book.add_slot("CO1", Date(2024, 5, 6), h(9, 30)), InvalidArgument);  // overlap
  CHECK_THROWS_AS(book.add_slot("", Date(2024, 5, 6), h(14)), InvalidArgument);
  CHECK_THROWS_AS(book.add_slot("CO1", Date(2024, 5, 6), h(23, 30), 60), InvalidArgument);
  CHECK_THROWS_AS(book.add_slot("CO1", Date(2024, 5, 6), h(14), 0), InvalidArgument);
  // Adjacent is fine, and another counsellor may take the same time.
  CHECK_NOTHROW(book.add_slot("CO1", Date(2024, 5, 6), h(11)));
  CHECK_NOTHROW(book.add_slot("CO2", Date(2024, 5, 6), h(9)));
  // All or nothing: a pattern running into an existing slot adds none.
  const auto before = book.slots().size();
  CHECK_THROWS_AS(book.add_slots("CO2", DateRange(Date(2024, 5, 2), Date(2024, 5, 7)), {}, h(9)),
                  InvalidArgument);
  CHECK(book.slots().size() == before);
  // Weekday filter: Tuesdays of May 2024 (7, 14, 21, 28) at 14:00.
  const auto tue = book.add_slots("CO3", DateRange(Date(2024, 5, 1), Date(2024, 5, 31)),
                                  {Weekday::tuesday}, h(14));
  CHECK(tue.size() == 4);
  CHECK(format_time_of_day(h(9, 5)) == "09:05");
  CHECK(parse_time_of_day("14:30") == h(14, 30));
  CHECK_THROWS_AS(parse_time_of_day("14h30"), ParseError);
  CHECK_THROWS_AS(parse_time_of_day("25:00"), ParseError);
}

TEST_CASE("appointments: no double booking (typed error), bookings before the day only") {
  AppointmentBook book;
  const SlotId a = book.add_slot("CO1", Date(2024, 5, 6), h(9));
  const SlotId b = book.add_slot("CO2", Date(2024, 5, 6), h(9, 30));
  const SlotId c = book.add_slot("CO2", Date(2024, 5, 7), h(9));
  const BookingId b1 = book.book(a, "C1", "AS01", Date(2024, 5, 2));
  CHECK(book.occupant(a) == b1);
  try {
    book.book(a, "C2", "AS01", Date(2024, 5, 2));
    FAIL("double booking accepted");
  } catch (const DoubleBookingError& e) {
    CHECK(e.code() == ErrorCode::conflict);
    CHECK(e.slot() == a);
    CHECK(e.case_id() == "C2");
  }
  // The same case at an overlapping time with another counsellor: refused too.
  CHECK_THROWS_AS(book.book(b, "C1", "AS01", Date(2024, 5, 2)), DoubleBookingError);
  CHECK_NOTHROW(book.book(c, "C1", "AS01", Date(2024, 5, 2)));
  CHECK_THROWS_AS(book.book(b, "C3", "AS01", Date(2024, 5, 7)), InvalidArgument);  // past
  CHECK_THROWS_AS(book.book(99, "C3", "AS01", Date(2024, 5, 2)), NotFound);
  CHECK_THROWS_AS(book.book(b, "", "AS01", Date(2024, 5, 2)), InvalidArgument);
  // Withdrawing: only free slots; a withdrawn slot cannot be booked.
  CHECK_THROWS_AS(book.withdraw_slot(a), InvalidArgument);
  book.withdraw_slot(b);
  CHECK_THROWS_AS(book.book(b, "C3", "AS01", Date(2024, 5, 2)), InvalidArgument);
  CHECK(book.bookings_of("C1").size() == 2);
  // The booking as an event of the case: appointment_booked by the assistant, data.date the day.
  auto [cs, next] = test::case_in(Stage::reception);
  (void)next;
  Event e = book.booking_event(b1);
  e.case_id.clear();
  e.at = Timestamp(cs.events().back().at.date() + 1);
  cs.record(e);
  CHECK(cs.events().back().kind == EventKind::appointment_booked);
  CHECK(cs.events().back().data.date == Date(2024, 5, 6));
  CHECK(cs.events().back().staff == "AS01");
}

TEST_CASE("appointments: cancellation serves the waiting list, first come first served") {
  AppointmentBook book;
  const SlotId s1 = book.add_slot("CO1", Date(2024, 5, 6), h(9));
  const SlotId s2 = book.add_slot("CO2", Date(2024, 5, 6), h(9));
  const SlotId s3 = book.add_slot("CO1", Date(2024, 5, 7), h(9));
  const SlotId s4 = book.add_slot("CO1", Date(2024, 5, 7), h(14));
  const BookingId k1 = book.book(s1, "X1", "AS01", Date(2024, 5, 2));
  const BookingId k2 = book.book(s2, "X2", "AS01", Date(2024, 5, 2));
  const BookingId k3 = book.book(s3, "X3", "AS01", Date(2024, 5, 2));
  const BookingId k4 = book.book(s4, "X4", "AS01", Date(2024, 5, 2));
  // Waiting: W1 wants CO2; W2 any; then X1 (any), whose own booking k1 is about to be cancelled.
  const auto t1 = book.join_waiting_list("W1", "CO2", Date(2024, 5, 2), "AS01");
  const auto t2 = book.join_waiting_list("W2", "", Date(2024, 5, 2));
  const auto t3 = book.join_waiting_list("X1", "", Date(2024, 5, 3));
  CHECK(t1 < t2);
  CHECK(t2 < t3);
  CHECK_THROWS_AS(book.join_waiting_list("W2", "", Date(2024, 5, 3)), InvalidArgument);
  // CO1's slot s1 freed: W1 wants CO2 (skipped), W2 takes it.
  const auto served = book.cancel(k1, "AS01", Date(2024, 5, 3));
  REQUIRE(served);
  CHECK(book.booking(*served).case_id == "W2");
  CHECK(book.booking(*served).from_waiting_list);
  CHECK(book.booking(*served).slot == s1);
  CHECK(book.booking(k1).status == BookingStatus::cancelled);
  CHECK(book.booking(k1).cancelled_on == Date(2024, 5, 3));
  // CO2's slot: W1.
  const auto served2 = book.cancel(k2, "AS02", Date(2024, 5, 3));
  REQUIRE(served2);
  CHECK(book.booking(*served2).case_id == "W1");
  CHECK(book.booking(*served2).booked_by == "AS02");
  // Only X1 is left waiting.
  REQUIRE(book.waiting_list().size() == 1);
  CHECK(book.waiting_list()[0].ticket == t3);
  // A cancellation after the slot's day serves nobody: it is a no-show (see the test below).
  CHECK_FALSE(book.cancel(k4, "AS01", Date(2024, 5, 8)).has_value());
  CHECK(book.booking(k4).status == BookingStatus::no_show);
  CHECK(book.waiting_list().size() == 1);
  // Served in order, and the waiting case must be free at that time: X3 holds s3 (7 May 9:00);
  // X1 is served with s3 when X3 cancels.
  const auto served3 = book.cancel(k3, "AS01", Date(2024, 5, 6));
  REQUIRE(served3);
  CHECK(book.booking(*served3).case_id == "X1");
  CHECK(book.waiting_list().empty());
  // Only booked appointments can be cancelled.
  CHECK_THROWS_AS(book.cancel(k1, "AS01", Date(2024, 5, 3)), InvalidArgument);
  CHECK_THROWS_AS(book.leave_waiting_list(t1), NotFound);
  const auto t4 = book.join_waiting_list("Z9", "CO9", Date(2024, 5, 3));
  book.leave_waiting_list(t4);
  CHECK(book.waiting_list().empty());
}

TEST_CASE("appointments: a waiting case busy at the freed time is skipped") {
  AppointmentBook book;
  const SlotId s1 = book.add_slot("CO1", Date(2024, 5, 6), h(9));
  const SlotId s2 = book.add_slot("CO2", Date(2024, 5, 6), h(9, 30));
  const BookingId k1 = book.book(s1, "A", "AS01", Date(2024, 5, 2));
  book.book(s2, "B", "AS01", Date(2024, 5, 2));
  book.join_waiting_list("B", "", Date(2024, 5, 2));  // B waits for an earlier appointment
  book.join_waiting_list("C", "", Date(2024, 5, 2));
  const auto served = book.cancel(k1, "AS01", Date(2024, 5, 3));
  REQUIRE(served);
  CHECK(book.booking(*served).case_id == "C");  // B holds 9:30-10:30, overlapping 9:00-10:00
  CHECK(book.waiting_list().size() == 1);
  CHECK(book.waiting_list()[0].case_id == "B");
}

TEST_CASE("appointments: first available slot, no-shows, utilisation per counsellor") {
  AppointmentBook book;
  // CO1: Mon 6, Tue 7, Fri 10 May 2024 at 9:00 and 10:00 (ids 1-6); CO2: Tue 7 at 9:00 (id 7);
  // CO1 again at 14:00 on the same days (ids 8-10).
  book.add_slots("CO1", kWeek, {}, h(9), 60, 2);
  const SlotId co2 = book.add_slot("CO2", Date(2024, 5, 7), h(9), 90);
  CHECK(book.add_slots("CO1", kWeek, {}, h(14), 60, 1).size() == 3);  // Mon, Tue, Fri 14:00
  CHECK(book.first_available(Date(2024, 5, 1)) == SlotId{1});
  CHECK(book.first_available(Date(2024, 5, 7)) == SlotId{3});  // CO1 9:00 before CO2 9:00 (by name)
  CHECK(book.first_available(Date(2024, 5, 7), "CO2") == co2);
  CHECK_FALSE(book.first_available(Date(2024, 5, 11)).has_value());
  const BookingId b1 = book.book(1, "C1", "AS01", Date(2024, 5, 2));
  const BookingId b2 = book.book(2, "C2", "AS01", Date(2024, 5, 2));
  const BookingId b3 = book.book(co2, "C3", "AS01", Date(2024, 5, 2));
  CHECK(book.first_available(Date(2024, 5, 1)) == SlotId{8});  // Mon 14:00
  CHECK(book.free_slots(DateRange(Date(2024, 5, 6), Date(2024, 5, 6))).size() == 1);
  const Date after(2024, 5, 8);
  book.mark_held(b1, after);
  book.mark_no_show(b2, after);
  book.mark_held(b3, after);
  CHECK_THROWS_AS(book.mark_held(b1, after), InvalidArgument);
  CHECK_THROWS_AS(book.cancel(b2, "AS01", Date(2024, 5, 6)), InvalidArgument);
  const Utilisation u = book.utilisation("CO1", kWeek);
  // CO1 offers 9 slots (6 morning + 3 afternoon) of 60 min; 2 occupied, 1 held, 1 no-show.
  CHECK(u.slots == 9);
  CHECK(u.booked == 2);
  CHECK(u.held == 1);
  CHECK(u.no_shows == 1);
  CHECK(u.minutes_offered == 540);
  CHECK(u.minutes_booked == 120);
  CHECK(u.rate() == Approx(2.0 / 9.0));
  CHECK(u.no_show_rate() == Approx(0.5));
  const auto all = book.utilisation(kWeek);
  REQUIRE(all.size() == 2);
  CHECK(all[1].counsellor == "CO2");
  CHECK(all[1].rate() == Approx(1.0));
  CHECK(all[1].minutes_booked == 90);
  // Another period: nothing.
  CHECK(book.utilisation("CO1", DateRange(Date(2024, 6, 1), Date(2024, 6, 30))).slots == 0);
  CHECK(book.utilisation("CO1", DateRange(Date(2024, 6, 1), Date(2024, 6, 30))).rate() == 0.0);
}

TEST_CASE("appointments: JSON round trip and checks on reading") {
  FrenchCalendar cal(CalendarRegion::alsace_moselle);
  cal.add_closure(DateRange(Date(2024, 8, 5), Date(2024, 8, 16)), "fermeture estivale");
  AppointmentBook book(cal);
  book.add_slots("CO1", kWeek, {}, h(9, 30), 45, 2);
  const BookingId k = book.book(1, "C1", "AS01", Date(2024, 5, 2));
  book.book(2, "C2", "AS01", Date(2024, 5, 2));
  book.join_waiting_list("C3", "CO1", Date(2024, 5, 2), "AS01");
  book.join_waiting_list("C4", "", Date(2024, 5, 2));
  book.cancel(k, "AS01", Date(2024, 5, 3));
  book.mark_no_show(2, Timestamp(Date(2024, 5, 6), h(10, 30) * 60'000, 120));
  book.withdraw_slot(4);
  const Json doc = to_document(book);
  CHECK(doc["schema"] == "AppointmentBook.1");
  CHECK(doc["slots"][0]["start"] == "09:30");
  const auto back = read_document<AppointmentBook>(doc.dump());
  CHECK(back == book);
  CHECK(back.next_ticket() == book.next_ticket());
  CHECK(back.occupant(1) == book.occupant(1));
  CHECK(to_document(back) == doc);
  CHECK(doc["bookings"][1]["closed_at"] == "2024-05-06T10:30:00+02:00");

  // A document with a double booking, a slot on a holiday or an unknown status is refused.
  Json bad = doc;
  bad["bookings"][0]["status"] = "booked";
  bad["bookings"][0].erase("cancelled_on");
  CHECK_THROWS_AS(read_document<AppointmentBook>(bad.dump()), ParseError);
  bad = doc;  // an outcome observed before the appointment's start (10:15)
  bad["bookings"][1]["closed_at"] = "2024-05-06T10:00+02:00";
  CHECK_THROWS_AS(read_document<AppointmentBook>(bad.dump()), ParseError);
  bad = doc;
  bad["slots"][0]["date"] = "2024-05-08";
  CHECK_THROWS_AS(read_document<AppointmentBook>(bad.dump()), ParseError);
  bad = doc;
  bad["bookings"][1]["status"] = "maybe";
  try {
    (void)read_document<AppointmentBook>(bad.dump());
    FAIL("expected ParseError");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "bookings[1].status");
  }
  const auto sample =
      load_document<AppointmentBook>(test::data_dir() / "schemas" / "AppointmentBook.1.json");
  CHECK(sample.slots().size() == 3);
  CHECK(sample.bookings().size() == 2);
  CHECK(sample.waiting_list().size() == 1);
  CHECK(sample.occupant(1) == BookingId{2});
  CHECK(sample.calendar().closures().size() == 1);
}

TEST_CASE(
    "appointments: random bookings and cancellations never double-book; waiting list in order "
    "(property)") {
  const auto seed = GENERATE(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u, 12u);
  std::mt19937 rng(seed);
  AppointmentBook book;
  // Three counsellors, two weeks of June 2024, three overlapping-length patterns.
  const DateRange june(Date(2024, 6, 3), Date(2024, 6, 14));
  book.add_slots("CO1", june, {}, h(9), 60, 3);
  book.add_slots("CO2", june, {}, h(9, 30), 90, 2);
  book.add_slots("CO3", june, {Weekday::monday, Weekday::thursday}, h(14), 45, 2);
  const std::vector<std::string> counsellors{"", "CO1", "CO2", "CO3"};
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const Date today(2024, 6, 1);
  // An independent model: slot -> case.
  std::map<SlotId, std::string> occupied;
  auto busy = [&](const std::string& c, const Slot& s) {
    for (const auto& [sid, oc] : occupied) {
      if (oc == c && book.slot(sid).overlaps(s)) return true;
    }
    return false;
  };
  for (int step = 0; step < 300; ++step) {
    const auto op = pick(10);
    if (op < 5) {
      const SlotId sid = pick(book.slots().size()) + 1;
      const std::string c = "C" + std::to_string(pick(25));
      const bool expect_refused = occupied.count(sid) != 0 || busy(c, book.slot(sid));
      try {
        book.book(sid, c, "AS", today);
        CHECK_FALSE(expect_refused);
        occupied[sid] = c;
      } catch (const DoubleBookingError&) {
        CHECK(expect_refused);
      }
    } else if (op < 8) {
      if (occupied.empty()) continue;
      auto it = occupied.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(pick(occupied.size())));
      const SlotId sid = it->first;
      const Slot& s = book.slot(sid);
      occupied.erase(it);
      // Expected: the earliest-arrived entry that fits.
      std::optional<std::string> expected;
      for (const auto& w : book.waiting_list()) {
        if ((w.counsellor.empty() || w.counsellor == s.counsellor) && !busy(w.case_id, s)) {
          expected = w.case_id;
          break;
        }
      }
      const auto before = book.waiting_list().size();
      const auto served = book.cancel(*book.occupant(sid), "AS", today);
      REQUIRE(served.has_value() == expected.has_value());
      if (served) {
        CHECK(book.booking(*served).case_id == *expected);
        CHECK(book.waiting_list().size() == before - 1);
        occupied[sid] = *expected;
      }
    } else {
      const std::string c = "W" + std::to_string(pick(15));
      try {
        book.join_waiting_list(c, counsellors[pick(counsellors.size())], today);
      } catch (const InvalidArgument&) {
        // already waiting
      }
    }
    // Invariants: the book agrees with the model and passes its own checks.
    for (const auto& s : book.slots()) {
      const auto occ = book.occupant(s.id);
      REQUIRE(occ.has_value() == (occupied.count(s.id) != 0));
      if (occ) REQUIRE(book.booking(*occ).case_id == occupied[s.id]);
    }
    REQUIRE_NOTHROW(book.check());
    // Tickets stay in arrival order.
    for (std::size_t i = 1; i < book.waiting_list().size(); ++i) {
      REQUIRE(book.waiting_list()[i - 1].ticket < book.waiting_list()[i].ticket);
    }
  }
  CHECK(read_document<AppointmentBook>(to_document(book).dump()) == book);
}

// ------------------------------------------------------------------ issue 12: the book's rules
// and the book as the source of the case log's appointment events.

namespace {

// A local date-time of May 2024 in Paris (CEST, UTC+2).
Timestamp at(int day, int hours, int minutes = 0) {
  return Timestamp(Date(2024, 5, day), (hours * 60 + minutes) * 60'000, 120);
}

}  // namespace

TEST_CASE("appointments: a cancellation from the start on is a no-show, counted in utilisation") {
  // Issue 12: cancel() was accepted a week after the appointment and freed the slot, so a person
  // who did not come disappeared from the utilisation. A cancellation after the start means the
  // person did not come: missed (no-show), still occupying the slot.
  AppointmentBook book;
  const SlotId s1 = book.add_slot("CO1", Date(2024, 5, 6), h(9));  // Mon 6 May 9:00-10:00
  const SlotId s2 = book.add_slot("CO1", Date(2024, 5, 6), h(10));
  const SlotId s3 = book.add_slot("CO1", Date(2024, 5, 6), h(11));
  const BookingId k1 = book.book(s1, "C1", "AS01", Date(2024, 5, 2));
  const BookingId k2 = book.book(s2, "C2", "AS01", Date(2024, 5, 2));
  const BookingId k3 = book.book(s3, "C3", "AS01", Date(2024, 5, 2));
  book.join_waiting_list("W1", "", Date(2024, 5, 2));
  // A week later: a no-show, the waiting case is not given a past slot.
  CHECK_FALSE(book.cancel(k1, "AS01", Date(2024, 5, 13)).has_value());
  CHECK(book.booking(k1).status == BookingStatus::no_show);
  CHECK(book.booking(k1).closed_at == Timestamp(Date(2024, 5, 13)));
  CHECK_FALSE(book.booking(k1).cancelled_on.has_value());
  CHECK(book.occupant(s1) == k1);
  // A quarter of an hour after the start of 10:00: a no-show too.
  CHECK_FALSE(book.cancel(k2, "AS01", at(6, 10, 15)).has_value());
  CHECK(book.booking(k2).status == BookingStatus::no_show);
  // On the day without a time: refused (before or after the start is unknown), nothing changes.
  CHECK_THROWS_AS(book.cancel(k3, "AS01", Date(2024, 5, 6)), InvalidArgument);
  CHECK(book.booking(k3).status == BookingStatus::booked);
  // At 10:30, before 11:00: a true cancellation, the slot serves W1.
  const auto served = book.cancel(k3, "AS01", at(6, 10, 30));
  REQUIRE(served);
  CHECK(book.booking(k3).status == BookingStatus::cancelled);
  CHECK(book.booking(k3).cancelled_on == Date(2024, 5, 6));
  CHECK(book.booking(*served).case_id == "W1");
  CHECK(book.booking(*served).booked_on == Date(2024, 5, 6));
  const Utilisation u = book.utilisation("CO1", kWeek);
  CHECK(u.slots == 3);
  CHECK(u.booked == 3);
  CHECK(u.no_shows == 2);
  CHECK(status_after_cancellation(book.slot(s1), at(6, 8, 59)) == BookingStatus::cancelled);
  CHECK(status_after_cancellation(book.slot(s1), at(6, 9)) == BookingStatus::no_show);
}

TEST_CASE("appointments: held and no-show are observed at a time, not before the start") {
  // Issue 12: mark_held() took no date and marked future appointments held.
  AppointmentBook book;
  const SlotId s = book.add_slot("CO1", Date(2024, 5, 7), h(14), 45);  // Tue 7 May 14:00-14:45
  const BookingId k = book.book(s, "C1", "AS01", Date(2024, 5, 2));
  CHECK_THROWS_AS(book.mark_held(k, Date(2024, 5, 3)), InvalidArgument);
  CHECK_THROWS_AS(book.mark_held(k, at(7, 13, 59)), InvalidArgument);
  CHECK_THROWS_AS(book.mark_held(k, Date(2024, 5, 7)), InvalidArgument);  // time needed
  CHECK_THROWS_AS(book.mark_no_show(k, at(7, 9)), InvalidArgument);
  CHECK(book.booking(k).status == BookingStatus::booked);
  book.mark_held(k, at(7, 14, 50));
  CHECK(book.booking(k).status == BookingStatus::held);
  CHECK(book.booking(k).closed_at == at(7, 14, 50));
  CHECK(appointment_started(book.slot(s), at(7, 14)) == true);
  CHECK(appointment_started(book.slot(s), Date(2024, 5, 7)) == std::nullopt);
  CHECK(appointment_started(book.slot(s), Date(2024, 5, 6)) == false);
  // Another observed a week later (a plain date after the day is enough).
  const SlotId s2 = book.add_slot("CO1", Date(2024, 5, 10), h(9));
  const BookingId k2 = book.book(s2, "C2", "AS01", Date(2024, 5, 2));
  book.mark_no_show(k2, Date(2024, 5, 17));
  CHECK(book.booking(k2).status == BookingStatus::no_show);
}

TEST_CASE("appointments: a new slot serves the waiting list, as a cancellation does") {
  // Issue 12: a newly added slot was not offered to the waiting list.
  AppointmentBook book;
  book.join_waiting_list("W1", "CO2", Date(2024, 5, 2), "AS01");
  book.join_waiting_list("W2", "", Date(2024, 5, 3), "AS01");
  book.join_waiting_list("W3", "", Date(2024, 5, 6), "AS01");
  // CO1's new slot: W1 wants CO2, W2 (any, waiting since 3 May) gets it, booked on 3 May.
  const SlotId a = book.add_slot("CO1", Date(2024, 5, 7), h(9), 60, Date(2024, 5, 3), "AS02");
  REQUIRE(book.occupant(a));
  const Booking& ba = book.booking(*book.occupant(a));
  CHECK(ba.case_id == "W2");
  CHECK(ba.from_waiting_list);
  CHECK(ba.booked_by == "AS02");
  CHECK(ba.booked_on == Date(2024, 5, 3));
  // Without the date of adding, a slot that a waiting case fits is refused (the booking's date
  // would be unknown) and not added; one that fits nobody is added.
  const auto n = book.slots().size();
  CHECK_THROWS_AS(book.add_slot("CO2", Date(2024, 5, 7), h(9)), InvalidArgument);
  CHECK(book.slots().size() == n);
  // W3 joined on 6 May: a slot added on 3 May is not booked for it before it joined.
  const SlotId b = book.add_slot("CO3", Date(2024, 5, 7), h(9), 60, Date(2024, 5, 3));
  CHECK_FALSE(book.occupant(b).has_value());
  // A slot added after its start serves nobody.
  const SlotId c = book.add_slot("CO3", Date(2024, 5, 6), h(9), 60, at(6, 11));
  CHECK_FALSE(book.occupant(c).has_value());
  // add_slots serves in time order: W1 gets CO2's Monday 13 May slot, W3 the Tuesday one.
  const auto ids = book.add_slots("CO2", DateRange(Date(2024, 5, 13), Date(2024, 5, 14)), {}, h(9),
                                  60, 1, Date(2024, 5, 10));
  REQUIRE(ids.size() == 2);
  CHECK(book.booking(*book.occupant(ids[0])).case_id == "W1");
  CHECK(book.booking(*book.occupant(ids[1])).case_id == "W3");
  CHECK(book.waiting_list().empty());
  // And without the date, all or nothing.
  book.join_waiting_list("W4", "", Date(2024, 5, 10));
  const auto m = book.slots().size();
  CHECK_THROWS_AS(book.add_slots("CO4", DateRange(Date(2024, 5, 13), Date(2024, 5, 14)), {}, h(9)),
                  InvalidArgument);
  CHECK(book.slots().size() == m);
  REQUIRE_NOTHROW(book.check());
}

namespace {

// Replays the book's events of every case (after a `received` on its first event's date) through
// the transition table, and checks that the held and missed events, counted per counsellor on
// @p period, equal the book's utilisation.
void check_events_agree(const AppointmentBook& book, const DateRange& period) {
  std::set<std::string> cases;
  for (const auto& b : book.bookings()) cases.insert(b.case_id);
  std::map<std::string, std::pair<std::size_t, std::size_t>> counted;  // staff -> held, missed
  std::size_t total = 0;
  for (const auto& id : cases) {
    const auto events = book.events(id);
    REQUIRE_FALSE(events.empty());
    Case c(id);
    c.record(EventKind::received, Timestamp(events.front().at.date()), Role::assistant);
    for (const Event& e : events) {
      CHECK(e.case_id == id);
      REQUIRE_NOTHROW(c.record(e));
      if (!period.contains(e.at.date())) continue;
      if (e.kind == EventKind::appointment_held) ++counted[e.staff].first;
      if (e.kind == EventKind::appointment_missed) ++counted[e.staff].second;
    }
    total += events.size();
    std::size_t held = 0, missed = 0;
    for (const BookingId b : book.bookings_of(id)) {
      held += book.booking(b).status == BookingStatus::held ? 1u : 0u;
      missed += book.booking(b).status == BookingStatus::no_show ? 1u : 0u;
    }
    CHECK(c.state().appointments_held == held);
    CHECK(c.state().appointments_missed == missed);
  }
  CHECK(book.events().size() == total);
  for (const Utilisation& u : book.utilisation(period)) {
    INFO(u.counsellor);
    CHECK(u.held == counted[u.counsellor].first);
    CHECK(u.no_shows == counted[u.counsellor].second);
  }
}

}  // namespace

TEST_CASE("appointments: the book's events replay through the transition table") {
  AppointmentBook book;
  const SlotId s1 = book.add_slot("CO1", Date(2024, 5, 6), h(9));
  const SlotId s2 = book.add_slot("CO1", Date(2024, 5, 7), h(9));
  const SlotId s3 = book.add_slot("CO2", Date(2024, 5, 7), h(10), 90);
  const BookingId k1 = book.book(s1, "C1", "AS01", Date(2024, 5, 2));
  const BookingId k2 = book.book(s3, "C2", "AS02", Date(2024, 5, 3));
  const BookingId k3 = book.book(s2, "C1", "AS01", Date(2024, 5, 6));
  book.mark_no_show(k1, at(6, 10));
  book.mark_held(k3, at(7, 10));
  book.cancel(k2, "AS02", at(7, 8));  // before 10:00: cancelled, no outcome event
  const auto c1 = book.events("C1");
  REQUIRE(c1.size() == 4);
  // 2 May booked (for 6 May), 6 May missed, 6 May booked (for 7 May), 7 May held (60 min).
  CHECK(c1[0].kind == EventKind::appointment_booked);
  CHECK(c1[0].at == Timestamp(Date(2024, 5, 2)));
  CHECK(c1[0].data.date == Date(2024, 5, 6));
  CHECK(c1[1].kind == EventKind::appointment_missed);
  CHECK(c1[1].at == Timestamp(Date(2024, 5, 6)));
  CHECK(c1[1].role == Role::counsellor);
  CHECK(c1[1].staff == "CO1");
  CHECK(c1[2].kind == EventKind::appointment_booked);
  CHECK(c1[3].kind == EventKind::appointment_held);
  CHECK(c1[3].data.minutes == 60);
  CHECK(c1[3].at == Timestamp(Date(2024, 5, 7)));
  CHECK(book.events_of(k2).size() == 1);  // a cancelled booking leaves its appointment_booked
  CHECK_FALSE(book.outcome_event(k2).has_value());
  CHECK(book.events().size() == 5);
  check_events_agree(book, kWeek);
}

TEST_CASE(
    "appointments: random operations keep the events and the utilisation in agreement "
    "(property)") {
  const auto seed = GENERATE(21u, 22u, 23u, 24u, 25u, 26u, 27u, 28u);
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  AppointmentBook book;
  const DateRange june(Date(2024, 6, 3), Date(2024, 6, 14));
  book.add_slots("CO1", june, {}, h(9), 60, 3);
  book.add_slots("CO2", june, {}, h(9, 30), 90, 2);
  // The clock moves forward from 1 June 8:00, by up to a day a step.
  std::int64_t now = std::int64_t{Date(2024, 6, 1).days_since_epoch()} * 1440 + h(8);
  auto stamp = [&] {
    const auto day = static_cast<std::int32_t>(now / 1440);
    return Timestamp(Date::from_days(day), static_cast<std::int32_t>(now % 1440) * 60'000, 120);
  };
  for (int step = 0; step < 200; ++step) {
    now += static_cast<std::int64_t>(pick(6)) * 240;  // 0 to 20 hours
    const Timestamp t = stamp();
    const auto op = pick(6);
    try {
      if (op == 0) {
        (void)book.book(pick(book.slots().size()) + 1, "C" + std::to_string(pick(12)), "AS",
                        t.date());
      } else if (op == 1) {
        book.join_waiting_list("C" + std::to_string(pick(12)), "", t.date());
      } else if (!book.bookings().empty()) {
        const BookingId k = pick(book.bookings().size()) + 1;
        if (op == 2) book.cancel(k, "AS", t);
        if (op == 3) book.mark_held(k, t);
        if (op == 4) book.mark_no_show(k, t);
        if (op == 5 && step % 7 == 0) {
          // A new slot in the coming days (serves the waiting list).
          const Date d = t.date() + static_cast<std::int32_t>(1 + pick(5));
          if (book.calendar().is_working_day(d)) book.add_slot("CO3", d, h(16), 30, t, "AS");
        }
      }
    } catch (const InvalidArgument&) {
      // refused by a rule (past slot, not started, not booked, already waiting...)
    } catch (const DoubleBookingError&) {
    }
    REQUIRE_NOTHROW(book.check());
    for (const auto& b : book.bookings()) {
      // No outcome before the start; cancellations only before the start.
      const Slot& s = book.slot(b.slot);
      if (b.closed_at) REQUIRE(appointment_started(s, *b.closed_at) == true);
      if (b.status == BookingStatus::cancelled) REQUIRE(b.cancelled_on.value() <= s.date);
    }
  }
  check_events_agree(book, DateRange(Date(2024, 6, 1), Date(2024, 6, 30)));
}
