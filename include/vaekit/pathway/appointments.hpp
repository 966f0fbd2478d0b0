#pragma once
/// @file
/// @brief AppointmentBook: the counsellors' appointment slots of an antenne on working days,
/// bookings and cancellations by assistants, no double booking, a first-come-first-served waiting
/// list served on cancellation and on a new slot, first available slot, no-shows and utilisation
/// per counsellor; the book is the source of the case log's appointment events.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

/// Identifier of a slot in an AppointmentBook (1, 2, ... in creation order).
using SlotId = std::uint64_t;
/// Identifier of a booking in an AppointmentBook (1, 2, ... in creation order).
using BookingId = std::uint64_t;
/// Ticket of a waiting-list entry (1, 2, ... in arrival order).
using WaitingTicket = std::uint64_t;

/// A counsellor's appointment slot on a working day.
struct Slot {
  SlotId id = 0;           ///< Identifier.
  std::string counsellor;  ///< Counsellor (staff) identifier.
  Date date;               ///< The day (a working day of the book's calendar).
  int start_minute = 0;    ///< Start, in minutes after midnight (9:30 is 570).
  int minutes = 60;        ///< Duration in minutes.
  bool withdrawn = false;  ///< Withdrawn by withdraw_slot(): no longer offered.
  /// End, in minutes after midnight.
  [[nodiscard]] int end_minute() const noexcept { return start_minute + minutes; }
  /// Whether the two slots share a moment (same day, overlapping times).
  [[nodiscard]] bool overlaps(const Slot& o) const noexcept {
    return date == o.date && start_minute < o.end_minute() && o.start_minute < end_minute();
  }
  /// Field-wise equality.
  friend bool operator==(const Slot&, const Slot&) = default;
};

/// Where a booking stands.
enum class BookingStatus : std::uint8_t {
  booked,     ///< Booked, appointment to come.
  held,       ///< The appointment took place.
  no_show,    ///< The person did not come.
  cancelled,  ///< Cancelled: the slot was freed.
};
/// The stable name of a booking status, e.g. "no_show".
[[nodiscard]] std::string_view to_string(BookingStatus s) noexcept;
/// The booking status named @p name; throws InvalidArgument.
[[nodiscard]] BookingStatus booking_status_from_string(std::string_view name);
/// The BookingStatus named @p name, or std::nullopt (never throws).
[[nodiscard]] std::optional<BookingStatus> try_booking_status_from_string(
    std::string_view name) noexcept;

/// A booking of a slot for a case (kept after cancellation, as history).
struct Booking {
  BookingId id = 0;                              ///< Identifier.
  SlotId slot = 0;                               ///< The slot booked.
  std::string case_id;                           ///< The case (no personal data).
  std::string booked_by;                         ///< Staff who booked (an assistant), or empty.
  Date booked_on;                                ///< When it was booked.
  BookingStatus status = BookingStatus::booked;  ///< Where it stands.
  bool from_waiting_list = false;    ///< Made by serving the waiting list (cancellation, new slot).
  std::string cancelled_by;          ///< Staff who cancelled, or empty.
  std::optional<Date> cancelled_on;  ///< When it was cancelled.
  /// When the outcome (held or no-show) was observed: the time given to mark_held(),
  /// mark_no_show() or to a cancellation after the start; empty while booked or cancelled (and in
  /// documents written before this field existed).
  std::optional<Timestamp> closed_at;
  /// Whether the booking occupies its slot (booked, held or no-show).
  [[nodiscard]] bool occupies() const noexcept { return status != BookingStatus::cancelled; }
  /// Field-wise equality.
  friend bool operator==(const Booking&, const Booking&) = default;
};

/// A case waiting for a slot.
struct WaitingEntry {
  WaitingTicket ticket = 0;  ///< Arrival order.
  std::string case_id;       ///< The case.
  std::string counsellor;    ///< The counsellor wanted, or empty for any.
  Date since;                ///< When it joined.
  std::string added_by;      ///< Staff who added it, or empty.
  /// Field-wise equality.
  friend bool operator==(const WaitingEntry&, const WaitingEntry&) = default;
};

/// The use of one counsellor's slots over a period (withdrawn slots left out).
struct Utilisation {
  std::string counsellor;            ///< The counsellor.
  std::size_t slots = 0;             ///< Slots offered.
  std::size_t booked = 0;            ///< Slots occupied (booked, held or no-show).
  std::size_t held = 0;              ///< Appointments held.
  std::size_t no_shows = 0;          ///< No-shows.
  std::int64_t minutes_offered = 0;  ///< Minutes offered.
  std::int64_t minutes_booked = 0;   ///< Minutes occupied.
  /// Occupied slots / slots offered (0 when none offered).
  [[nodiscard]] double rate() const noexcept {
    return slots == 0 ? 0.0 : static_cast<double>(booked) / static_cast<double>(slots);
  }
  /// No-shows / (held + no-shows) (0 when none).
  [[nodiscard]] double no_show_rate() const noexcept {
    const auto n = held + no_shows;
    return n == 0 ? 0.0 : static_cast<double>(no_shows) / static_cast<double>(n);
  }
  /// Field-wise equality.
  friend bool operator==(const Utilisation&, const Utilisation&) = default;
};

/// @name The book's rules, shared with the simulation (src/simulation/simulator.cpp)
/// The times of a book are the antenne's local times: a Timestamp is read by its local date and
/// time of day, its UTC offset is kept but not converted.
/// @{

/// Whether the appointment of @p s has started at @p at: true from its start time on, false
/// before; std::nullopt for a plain date (no time of day) on the appointment's own day, where the
/// answer depends on the hour.
[[nodiscard]] std::optional<bool> appointment_started(const Slot& s, const Timestamp& at) noexcept;
/// What a cancellation at @p at makes of a booked appointment of @p s: `cancelled` before the
/// start, `no_show` from the start on (a person who cancels after the start did not come: the
/// appointment is missed and stays in the utilisation). Throws InvalidArgument for a plain date on
/// the appointment's day (the time is needed).
[[nodiscard]] BookingStatus status_after_cancellation(const Slot& s, const Timestamp& at);
/// Whether an appointment in status @p s occupies its slot and counts in the utilisation
/// (booked, held, no-show; not cancelled).
[[nodiscard]] constexpr bool counts_in_utilisation(BookingStatus s) noexcept {
  return s != BookingStatus::cancelled;
}
/// The case-log event recording the outcome @p s: `appointment_held` for held,
/// `appointment_missed` for no_show; std::nullopt for booked and cancelled (the event log v1 has no
/// cancellation event: a cancelled booking leaves only its `appointment_booked`).
[[nodiscard]] constexpr std::optional<EventKind> outcome_event_kind(BookingStatus s) noexcept {
  if (s == BookingStatus::held) return EventKind::appointment_held;
  if (s == BookingStatus::no_show) return EventKind::appointment_missed;
  return std::nullopt;
}
/// Whether an appointment on @p day may be booked on @p on: on or before its day.
[[nodiscard]] constexpr bool bookable_on(Date day, Date on) noexcept {
  return on <= day;
}
/// @}

/// A booking refused because the slot is taken or the case already has an appointment at that
/// time; `vaekit.DoubleBookingError` in Python (code `conflict`).
class DoubleBookingError : public Error {
 public:
  /// Refusal of booking @p slot for @p case_id, with @p message.
  DoubleBookingError(SlotId slot, std::string case_id, const std::string& message);
  /// The slot asked for.
  [[nodiscard]] SlotId slot() const noexcept { return slot_; }
  /// The case it was asked for.
  [[nodiscard]] const std::string& case_id() const noexcept { return case_id_; }

 private:
  SlotId slot_;
  std::string case_id_;
};

/// The appointment book of an antenne.
///
/// Rules: slots only on working days of the calendar (weekends, public holidays and closures
/// refused), within one day, never overlapping another slot of the same counsellor; a slot holds
/// at most one booking and a case never holds two bookings at overlapping times
/// (DoubleBookingError); bookings are made on or before the slot's day; a cancellation before the
/// start frees the slot, a cancellation from the start on is a no-show; a freed slot and a new
/// slot serve the waiting list: the earliest-arrived entry that fits (counsellor wanted or any,
/// joined on or before that date, no overlapping booking of its case, the slot not started) gets
/// it, first come first served. A booking ends held or no-show, observed at or after its start.
/// The book is the source of the case log's appointment events: events() gives, for every
/// booking, its `appointment_booked` and its `appointment_held` / `appointment_missed`, so that a
/// case's appointment events and the book never disagree. Not thread-safe for writes.
class AppointmentBook {
 public:
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "AppointmentBook";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  /// An empty book on @p calendar (its closures are the antenne's).
  explicit AppointmentBook(FrenchCalendar calendar = FrenchCalendar());

  /// The calendar.
  [[nodiscard]] const FrenchCalendar& calendar() const noexcept { return calendar_; }

  /// Adds a slot of @p counsellor on @p date from @p start_minute for @p minutes, added at @p on
  /// by @p by, and serves the waiting list with it (as a cancellation does: the booking is made
  /// at @p on by @p by, from_waiting_list; see occupant()). Throws InvalidArgument for an empty
  /// counsellor, a day that is not a working day (naming the holiday or closure), times outside
  /// the day, an overlap with another slot of the counsellor, or a waiting entry that fits the
  /// slot while @p on is not given (the date of the booking would be unknown).
  SlotId add_slot(std::string counsellor, Date date, int start_minute, int minutes = 60,
                  std::optional<Timestamp> on = std::nullopt, std::string by = {});
  /// Adds @p per_day consecutive slots of @p minutes from @p start_minute on every working day of
  /// @p period whose weekday is in @p weekdays (all weekdays when empty); non-working days are
  /// skipped; then serves the waiting list with the new slots in time order, as add_slot() does
  /// (same errors). All or nothing: on error no slot is added. Returns the new ids in order.
  std::vector<SlotId> add_slots(const std::string& counsellor, const DateRange& period,
                                const std::vector<Weekday>& weekdays, int start_minute,
                                int minutes = 60, int per_day = 1,
                                std::optional<Timestamp> on = std::nullopt, std::string by = {});
  /// Withdraws a free slot (it stays in the history, no longer offered); throws InvalidArgument
  /// if it is occupied, NotFound if unknown.
  void withdraw_slot(SlotId id);

  /// Books @p slot for @p case_id by @p by on @p on; throws NotFound (unknown slot),
  /// InvalidArgument (withdrawn slot, booking after the slot's day, empty case),
  /// DoubleBookingError (slot taken, or the case already booked at an overlapping time).
  BookingId book(SlotId slot, std::string case_id, std::string by, Date on);
  /// Cancels a booked appointment at @p at (status_after_cancellation()): before the start, the
  /// slot is freed and serves the waiting list, and the booking made for the waiting case is
  /// returned, if any; from the start on, the appointment is recorded as a no-show (missed,
  /// still occupying its slot, closed_at = @p at) and std::nullopt is returned. Throws NotFound,
  /// or InvalidArgument if the booking is not in the `booked` state or @p at is a plain date on
  /// the appointment's day.
  std::optional<BookingId> cancel(BookingId booking, std::string by, Timestamp at);
  /// Records that the appointment took place, observed at @p at; throws InvalidArgument unless
  /// `booked` and started at @p at (appointment_started(): a plain date on its day is refused).
  void mark_held(BookingId booking, Timestamp at);
  /// Records a no-show observed at @p at; throws InvalidArgument unless `booked` and started at
  /// @p at, as mark_held().
  void mark_no_show(BookingId booking, Timestamp at);

  /// Puts @p case_id on the waiting list for @p counsellor (empty: any) on @p on; throws
  /// InvalidArgument if the case is already waiting or empty.
  WaitingTicket join_waiting_list(std::string case_id, std::string counsellor, Date on,
                                  std::string by = {});
  /// Removes an entry; throws NotFound.
  void leave_waiting_list(WaitingTicket ticket);
  /// The waiting list, in arrival order.
  [[nodiscard]] const std::vector<WaitingEntry>& waiting_list() const noexcept { return waiting_; }
  /// The ticket the next waiting entry will get.
  [[nodiscard]] WaitingTicket next_ticket() const noexcept { return next_ticket_; }

  /// The first free slot on or after @p from (earliest day and time; then counsellor, id) of
  /// @p counsellor, or of any counsellor when empty; std::nullopt when none.
  [[nodiscard]] std::optional<SlotId> first_available(Date from,
                                                      std::string_view counsellor = {}) const;
  /// The free slots on @p period of @p counsellor (any when empty), by day and time.
  [[nodiscard]] std::vector<SlotId> free_slots(const DateRange& period,
                                               std::string_view counsellor = {}) const;

  /// The slot @p id; throws NotFound.
  [[nodiscard]] const Slot& slot(SlotId id) const;
  /// Every slot, by id.
  [[nodiscard]] const std::vector<Slot>& slots() const noexcept { return slots_; }
  /// The booking @p id; throws NotFound.
  [[nodiscard]] const Booking& booking(BookingId id) const;
  /// Every booking (cancelled ones included), by id.
  [[nodiscard]] const std::vector<Booking>& bookings() const noexcept { return bookings_; }
  /// The booking occupying @p slot, if any; throws NotFound for an unknown slot.
  [[nodiscard]] std::optional<BookingId> occupant(SlotId slot) const;
  /// The bookings of @p case_id, by id.
  [[nodiscard]] std::vector<BookingId> bookings_of(std::string_view case_id) const;
  /// The counsellors having slots, sorted.
  [[nodiscard]] std::vector<std::string> counsellors() const;

  /// Utilisation of @p counsellor's slots on @p period.
  [[nodiscard]] Utilisation utilisation(const std::string& counsellor,
                                        const DateRange& period) const;
  /// Utilisation of every counsellor's slots on @p period, by counsellor.
  [[nodiscard]] std::vector<Utilisation> utilisation(const DateRange& period) const;

  /// The `appointment_booked` event of @p booking for its case (role assistant, at the booking
  /// date, data.date the slot's day, staff the booker).
  [[nodiscard]] Event booking_event(BookingId booking) const;
  /// The outcome event of @p booking: `appointment_held` (data.minutes the slot's minutes) or
  /// `appointment_missed`, at the slot's day, role counsellor, staff the slot's counsellor;
  /// std::nullopt while booked and when cancelled. Throws NotFound.
  [[nodiscard]] std::optional<Event> outcome_event(BookingId booking) const;
  /// The events of @p booking: booking_event(), then outcome_event() when there is one.
  [[nodiscard]] std::vector<Event> events_of(BookingId booking) const;
  /// The appointment events (EventLog.1) of every booking of @p case_id (of every case when
  /// empty), in time order (by date; on one date in booking order, a booking before its outcome).
  /// Every booking gives `appointment_booked`, every held one `appointment_held`, every no-show
  /// `appointment_missed`: counted per counsellor (staff) on a period of slot days, they equal
  /// utilisation()'s held and no_shows.
  [[nodiscard]] std::vector<Event> events(std::string_view case_id = {}) const;

  /// Checks every rule of the book (used when reading JSON); throws InvalidArgument naming the
  /// first broken one.
  void check() const;

  /// Same calendar, slots, bookings and waiting list.
  friend bool operator==(const AppointmentBook&, const AppointmentBook&) = default;

 private:
  Slot& slot_ref(SlotId id);
  Booking& booking_ref(BookingId id);
  [[nodiscard]] bool case_busy(std::string_view case_id, const Slot& s) const;
  SlotId push_slot(std::string counsellor, Date date, int start_minute, int minutes);
  [[nodiscard]] std::vector<WaitingEntry>::const_iterator fitting_entry(
      const Slot& s, std::optional<Date> on) const;
  std::optional<BookingId> serve_waiting_list(SlotId slot, const Timestamp& at, std::string by);
  Booking& open_booking(BookingId id, std::string_view action);
  BookingId make_booking(SlotId slot, std::string case_id, std::string by, Date on, bool waiting);
  friend void from_json(const Json& j, AppointmentBook& b);

  FrenchCalendar calendar_;
  std::vector<Slot> slots_;                         // index = id - 1
  std::vector<Booking> bookings_;                   // index = id - 1
  std::vector<std::optional<BookingId>> occupant_;  // by slot index
  std::vector<WaitingEntry> waiting_;
  WaitingTicket next_ticket_ = 1;
  // Positions in bookings_ of each case's bookings, in order: the double-booking check and
  // bookings_of() look at a case's few bookings instead of scanning the book.
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_case_;
};

/// "HH:MM" of @p minute_of_day (570 → "09:30").
[[nodiscard]] std::string format_time_of_day(int minute_of_day);
/// Minutes after midnight of "HH:MM" (00:00-24:00); throws ParseError naming @p source.
[[nodiscard]] int parse_time_of_day(std::string_view text, std::string_view source = {});

/// An AppointmentBook as JSON (`calendar`, `slots`, `bookings`, `waiting_list`, `next_ticket`).
void to_json(Json& j, const AppointmentBook& b);
/// An AppointmentBook from JSON, checked with AppointmentBook::check(); throws ParseError.
void from_json(const Json& j, AppointmentBook& b);

}  // namespace vaekit
