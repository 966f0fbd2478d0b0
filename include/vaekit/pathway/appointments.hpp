#pragma once
/// @file
/// @brief AppointmentBook: the counsellors' appointment slots of an antenne on working days,
/// bookings and cancellations by assistants, no double booking, a first-come-first-served waiting
/// list served on cancellation, first available slot, no-shows and utilisation per counsellor.

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

/// A booking of a slot for a case (kept after cancellation, as history).
struct Booking {
  BookingId id = 0;                              ///< Identifier.
  SlotId slot = 0;                               ///< The slot booked.
  std::string case_id;                           ///< The case (no personal data).
  std::string booked_by;                         ///< Staff who booked (an assistant), or empty.
  Date booked_on;                                ///< When it was booked.
  BookingStatus status = BookingStatus::booked;  ///< Where it stands.
  bool from_waiting_list = false;    ///< Made by serving the waiting list on a cancellation.
  std::string cancelled_by;          ///< Staff who cancelled, or empty.
  std::optional<Date> cancelled_on;  ///< When it was cancelled.
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
/// (DoubleBookingError); bookings are made on or before the slot's day; a cancellation frees the
/// slot and serves the waiting list: the earliest-arrived entry that fits (counsellor wanted or
/// any, no overlapping booking of its case, the slot not past) gets it, first come first served.
/// A booking ends held or no-show. Not thread-safe for writes.
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

  /// Adds a slot of @p counsellor on @p date from @p start_minute for @p minutes; throws
  /// InvalidArgument for an empty counsellor, a day that is not a working day (naming the holiday
  /// or closure), times outside the day, or an overlap with another slot of the counsellor.
  SlotId add_slot(std::string counsellor, Date date, int start_minute, int minutes = 60);
  /// Adds @p per_day consecutive slots of @p minutes from @p start_minute on every working day of
  /// @p period whose weekday is in @p weekdays (all weekdays when empty); non-working days are
  /// skipped. All or nothing: on error no slot is added. Returns the new ids in order.
  std::vector<SlotId> add_slots(const std::string& counsellor, const DateRange& period,
                                const std::vector<Weekday>& weekdays, int start_minute,
                                int minutes = 60, int per_day = 1);
  /// Withdraws a free slot (it stays in the history, no longer offered); throws InvalidArgument
  /// if it is occupied, NotFound if unknown.
  void withdraw_slot(SlotId id);

  /// Books @p slot for @p case_id by @p by on @p on; throws NotFound (unknown slot),
  /// InvalidArgument (withdrawn slot, booking after the slot's day, empty case),
  /// DoubleBookingError (slot taken, or the case already booked at an overlapping time).
  BookingId book(SlotId slot, std::string case_id, std::string by, Date on);
  /// Cancels a booked appointment on @p on and serves the waiting list with the freed slot;
  /// returns the booking made for the waiting case, if any. Throws NotFound, or InvalidArgument
  /// if the booking is not in the `booked` state.
  std::optional<BookingId> cancel(BookingId booking, std::string by, Date on);
  /// Records that the appointment took place; throws InvalidArgument unless `booked`.
  void mark_held(BookingId booking);
  /// Records a no-show; throws InvalidArgument unless `booked`.
  void mark_no_show(BookingId booking);

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

  /// Checks every rule of the book (used when reading JSON); throws InvalidArgument naming the
  /// first broken one.
  void check() const;

  /// Same calendar, slots, bookings and waiting list.
  friend bool operator==(const AppointmentBook&, const AppointmentBook&) = default;

 private:
  Slot& slot_ref(SlotId id);
  Booking& booking_ref(BookingId id);
  [[nodiscard]] bool case_busy(std::string_view case_id, const Slot& s) const;
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
