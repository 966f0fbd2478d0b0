// The appointment book: slots on working days, bookings, waiting list, utilisation.
#include "vaekit/pathway/appointments.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "counsel_detail.hpp"
#include "vaekit/core/names.hpp"

namespace vaekit {
namespace {

constexpr std::array<std::string_view, 4> kStatusNames{"booked", "held", "no_show", "cancelled"};
constexpr int kMinutesPerDay = 24 * 60;

std::string slot_name(SlotId id) {
  return "slot " + std::to_string(id);
}

void check_times(int start_minute, int minutes) {
  if (minutes <= 0) throw InvalidArgument("slot duration must be > 0 minutes");
  if (start_minute < 0 || start_minute >= kMinutesPerDay ||
      minutes > kMinutesPerDay - start_minute) {
    throw InvalidArgument("slot times must lie within the day (00:00-24:00)");
  }
}

bool earlier(const Slot& a, const Slot& b) {
  return std::tie(a.date, a.start_minute, a.counsellor, a.id) <
         std::tie(b.date, b.start_minute, b.counsellor, b.id);
}

std::string when(const Slot& s) {
  return s.date.to_string() + " " + format_time_of_day(s.start_minute);
}

// Refuses to close booking @p id (slot @p s) at @p at unless the appointment has started.
void require_started(const Slot& s, BookingId id, const Timestamp& at, std::string_view what) {
  const auto started = appointment_started(s, at);
  if (!started) {
    throw InvalidArgument("booking " + std::to_string(id) + ": " + std::string(what) +
                          " on the appointment's day needs the time of day (it starts " + when(s) +
                          ")");
  }
  if (!*started) {
    throw InvalidArgument("booking " + std::to_string(id) + ": the appointment of " + when(s) +
                          " has not started at " + at.to_string() + ", it cannot be " +
                          std::string(what));
  }
}

}  // namespace

std::optional<bool> appointment_started(const Slot& s, const Timestamp& at) noexcept {
  if (at.date() != s.date) return at.date() > s.date;
  if (!at.has_time()) return std::nullopt;
  return at.millis_of_day() >= std::int64_t{s.start_minute} * 60'000;
}

BookingStatus status_after_cancellation(const Slot& s, const Timestamp& at) {
  const auto started = appointment_started(s, at);
  if (!started) {
    throw InvalidArgument(
        "a cancellation on the appointment's day needs the time of day (it starts " + when(s) +
        "): before the start it frees the slot, from the start on it is a "
        "no-show");
  }
  return *started ? BookingStatus::no_show : BookingStatus::cancelled;
}

std::string_view to_string(BookingStatus s) noexcept {
  return name_of(kStatusNames, s);
}

BookingStatus booking_status_from_string(std::string_view name) {
  return parse_name<BookingStatus>(kStatusNames, name, "booking status");
}
std::optional<BookingStatus> try_booking_status_from_string(std::string_view name) noexcept {
  return find_name<BookingStatus>(kStatusNames, name);
}

DoubleBookingError::DoubleBookingError(SlotId slot, std::string case_id, const std::string& message)
    : Error(ErrorCode::conflict, message), slot_(slot), case_id_(std::move(case_id)) {}

std::string format_time_of_day(int minute_of_day) {
  const int h = minute_of_day / 60, m = minute_of_day % 60;
  std::string out;
  out += static_cast<char>('0' + h / 10);
  out += static_cast<char>('0' + h % 10);
  out += ':';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  return out;
}

int parse_time_of_day(std::string_view text, std::string_view source) {
  auto fail = [&](std::size_t col) -> ParseError {
    return ParseError(SourceLocation{std::string(source), 0, col, {}},
                      "expected a time HH:MM, got \"" + excerpt(text) + "\"");
  };
  if (text.size() != 5 || text[2] != ':') throw fail(1);
  int v[4];
  const std::size_t pos[4] = {0, 1, 3, 4};
  for (std::size_t i = 0; i < 4; ++i) {
    const char c = text[pos[i]];
    if (c < '0' || c > '9') throw fail(pos[i] + 1);
    v[i] = c - '0';
  }
  const int h = v[0] * 10 + v[1], m = v[2] * 10 + v[3];
  if (h > 24 || m > 59 || (h == 24 && m != 0)) throw fail(1);
  return h * 60 + m;
}

AppointmentBook::AppointmentBook(FrenchCalendar calendar) : calendar_(std::move(calendar)) {}

Slot& AppointmentBook::slot_ref(SlotId id) {
  if (id == 0 || id > slots_.size()) throw NotFound(std::to_string(id), "no " + slot_name(id));
  return slots_[id - 1];
}

const Slot& AppointmentBook::slot(SlotId id) const {
  if (id == 0 || id > slots_.size()) throw NotFound(std::to_string(id), "no " + slot_name(id));
  return slots_[id - 1];
}

Booking& AppointmentBook::booking_ref(BookingId id) {
  if (id == 0 || id > bookings_.size())
    throw NotFound(std::to_string(id), "no booking " + std::to_string(id));
  return bookings_[id - 1];
}

const Booking& AppointmentBook::booking(BookingId id) const {
  if (id == 0 || id > bookings_.size())
    throw NotFound(std::to_string(id), "no booking " + std::to_string(id));
  return bookings_[id - 1];
}

std::optional<BookingId> AppointmentBook::occupant(SlotId id) const {
  (void)slot(id);
  return occupant_[id - 1];
}

SlotId AppointmentBook::push_slot(std::string counsellor, Date date, int start_minute,
                                  int minutes) {
  if (counsellor.empty()) throw InvalidArgument("slot: empty counsellor");
  check_times(start_minute, minutes);
  if (!calendar_.is_working_day(date)) {
    std::string why = "weekend";
    if (auto h = calendar_.holiday_name(date)) {
      why = "public holiday (" + *h + ")";
    } else if (calendar_.is_closed(date)) {
      why = "closure";
      for (const auto& c : calendar_.closures()) {
        if (c.period.contains(date)) why = "closure (" + c.reason + ")";
      }
    }
    throw InvalidArgument("slot on " + date.to_string() + ": not a working day, " + why);
  }
  Slot s;
  s.id = slots_.size() + 1;
  s.counsellor = std::move(counsellor);
  s.date = date;
  s.start_minute = start_minute;
  s.minutes = minutes;
  for (const auto& o : slots_) {
    if (!o.withdrawn && o.counsellor == s.counsellor && o.overlaps(s)) {
      throw InvalidArgument("slot on " + date.to_string() + " at " +
                            format_time_of_day(start_minute) + " overlaps " + slot_name(o.id) +
                            " of counsellor " + excerpt(s.counsellor));
    }
  }
  slots_.push_back(std::move(s));
  occupant_.emplace_back();
  return slots_.back().id;
}

std::vector<WaitingEntry>::const_iterator AppointmentBook::fitting_entry(
    const Slot& s, std::optional<Date> on) const {
  return std::find_if(waiting_.begin(), waiting_.end(), [&](const WaitingEntry& w) {
    if (!w.counsellor.empty() && w.counsellor != s.counsellor) return false;
    if (on && w.since > *on) return false;
    return !case_busy(w.case_id, s);
  });
}

std::optional<BookingId> AppointmentBook::serve_waiting_list(SlotId sid, const Timestamp& at,
                                                             std::string by) {
  const Slot& s = slots_[sid - 1];
  if (s.withdrawn || occupant_[sid - 1] || appointment_started(s, at) == true) return std::nullopt;
  const auto it = fitting_entry(s, at.date());
  if (it == waiting_.end()) return std::nullopt;
  std::string case_id = it->case_id;
  waiting_.erase(it);
  return make_booking(sid, std::move(case_id), std::move(by), at.date(), true);
}

SlotId AppointmentBook::add_slot(std::string counsellor, Date date, int start_minute, int minutes,
                                 std::optional<Timestamp> on, std::string by) {
  const SlotId id = push_slot(std::move(counsellor), date, start_minute, minutes);
  if (!on) {
    if (fitting_entry(slots_.back(), std::nullopt) != waiting_.end()) {
      slots_.pop_back();
      occupant_.pop_back();
      throw InvalidArgument("slot on " + date.to_string() + " at " +
                            format_time_of_day(start_minute) +
                            ": a waiting case fits it, give the date the slot is added (on) so "
                            "that it is booked for that case");
    }
    return id;
  }
  serve_waiting_list(id, *on, std::move(by));
  return id;
}

std::vector<SlotId> AppointmentBook::add_slots(const std::string& counsellor,
                                               const DateRange& period,
                                               const std::vector<Weekday>& weekdays,
                                               int start_minute, int minutes, int per_day,
                                               std::optional<Timestamp> on, std::string by) {
  if (per_day < 1) throw InvalidArgument("per_day must be >= 1");
  check_times(start_minute, minutes);
  if (static_cast<std::int64_t>(minutes) * per_day > kMinutesPerDay - start_minute) {
    throw InvalidArgument("slot times must lie within the day (00:00-24:00)");
  }
  const auto saved_slots = slots_.size();
  std::vector<SlotId> ids;
  try {
    for (Date d : calendar_.working_days(period)) {
      if (!weekdays.empty() &&
          std::find(weekdays.begin(), weekdays.end(), d.weekday()) == weekdays.end()) {
        continue;
      }
      for (int k = 0; k < per_day; ++k)
        ids.push_back(push_slot(counsellor, d, start_minute + k * minutes, minutes));
    }
    if (!on) {
      for (const SlotId id : ids) {
        if (fitting_entry(slots_[id - 1], std::nullopt) != waiting_.end()) {
          throw InvalidArgument(slot_name(id) + " on " + slots_[id - 1].date.to_string() +
                                ": a waiting case fits it, give the date the slots are added (on) "
                                "so that it is booked for that case");
        }
      }
    }
  } catch (...) {
    slots_.resize(saved_slots);
    occupant_.resize(saved_slots);
    throw;
  }
  // The new slots are in time order (day by day, then consecutive): each serves the
  // earliest-arrived waiting case that fits it.
  if (on) {
    for (const SlotId id : ids) {
      if (waiting_.empty()) break;
      serve_waiting_list(id, *on, by);
    }
  }
  return ids;
}

void AppointmentBook::withdraw_slot(SlotId id) {
  Slot& s = slot_ref(id);
  if (occupant_[id - 1])
    throw InvalidArgument(slot_name(id) + " is booked: cancel the booking first");
  s.withdrawn = true;
}

bool AppointmentBook::case_busy(std::string_view case_id, const Slot& s) const {
  const auto it = by_case_.find(case_id);
  if (it == by_case_.end()) return false;
  for (const std::size_t pos : it->second) {
    const Booking& b = bookings_[pos];
    if (b.occupies() && slots_[b.slot - 1].overlaps(s)) return true;
  }
  return false;
}

BookingId AppointmentBook::make_booking(SlotId slot, std::string case_id, std::string by, Date on,
                                        bool waiting) {
  Booking b;
  b.id = bookings_.size() + 1;
  b.slot = slot;
  b.case_id = std::move(case_id);
  b.booked_by = std::move(by);
  b.booked_on = on;
  b.from_waiting_list = waiting;
  bookings_.push_back(std::move(b));
  by_case_[bookings_.back().case_id].push_back(bookings_.size() - 1);
  occupant_[slot - 1] = bookings_.back().id;
  return bookings_.back().id;
}

BookingId AppointmentBook::book(SlotId slot_id, std::string case_id, std::string by, Date on) {
  const Slot& s = slot(slot_id);
  if (case_id.empty()) throw InvalidArgument("booking: empty case identifier");
  if (s.withdrawn) throw InvalidArgument(slot_name(slot_id) + " is withdrawn");
  if (on > s.date) {
    throw InvalidArgument("booking on " + on.to_string() + " of " + slot_name(slot_id) + " of " +
                          s.date.to_string() + ": the slot is past");
  }
  if (const auto occ = occupant_[slot_id - 1]) {
    throw DoubleBookingError(
        slot_id, case_id,
        slot_name(slot_id) + " is already booked (booking " + std::to_string(*occ) + ")");
  }
  if (case_busy(case_id, s)) {
    throw DoubleBookingError(slot_id, case_id,
                             "case " + excerpt(case_id) +
                                 " already has an appointment at that time (" + s.date.to_string() +
                                 " " + format_time_of_day(s.start_minute) + ")");
  }
  return make_booking(slot_id, std::move(case_id), std::move(by), on, false);
}

Booking& AppointmentBook::open_booking(BookingId id, std::string_view action) {
  Booking& b = booking_ref(id);
  if (b.status != BookingStatus::booked) {
    throw InvalidArgument("booking " + std::to_string(id) + " is " +
                          std::string(to_string(b.status)) + ": only a booked appointment can be " +
                          std::string(action));
  }
  return b;
}

std::optional<BookingId> AppointmentBook::cancel(BookingId id, std::string by, Timestamp at) {
  Booking& b = open_booking(id, "cancelled");
  const SlotId sid = b.slot;
  if (status_after_cancellation(slots_[sid - 1], at) == BookingStatus::no_show) {
    // Cancelled after the start: the person did not come (missed, still in the utilisation).
    b.status = BookingStatus::no_show;
    b.closed_at = at;
    return std::nullopt;
  }
  b.status = BookingStatus::cancelled;
  b.cancelled_by = by;
  b.cancelled_on = at.date();
  occupant_[sid - 1].reset();
  return serve_waiting_list(sid, at, std::move(by));
}

void AppointmentBook::mark_held(BookingId id, Timestamp at) {
  Booking& b = open_booking(id, "marked held");
  require_started(slots_[b.slot - 1], id, at, "marked held");
  b.status = BookingStatus::held;
  b.closed_at = at;
}

void AppointmentBook::mark_no_show(BookingId id, Timestamp at) {
  Booking& b = open_booking(id, "marked no-show");
  require_started(slots_[b.slot - 1], id, at, "marked no-show");
  b.status = BookingStatus::no_show;
  b.closed_at = at;
}

WaitingTicket AppointmentBook::join_waiting_list(std::string case_id, std::string counsellor,
                                                 Date on, std::string by) {
  if (case_id.empty()) throw InvalidArgument("waiting list: empty case identifier");
  for (const auto& w : waiting_) {
    if (w.case_id == case_id) {
      throw InvalidArgument("case " + excerpt(case_id) + " is already waiting (ticket " +
                            std::to_string(w.ticket) + ")");
    }
  }
  WaitingEntry w;
  w.ticket = next_ticket_++;
  w.case_id = std::move(case_id);
  w.counsellor = std::move(counsellor);
  w.since = on;
  w.added_by = std::move(by);
  waiting_.push_back(std::move(w));
  return waiting_.back().ticket;
}

void AppointmentBook::leave_waiting_list(WaitingTicket ticket) {
  auto it = std::find_if(waiting_.begin(), waiting_.end(),
                         [&](const WaitingEntry& w) { return w.ticket == ticket; });
  if (it == waiting_.end())
    throw NotFound(std::to_string(ticket), "no waiting ticket " + std::to_string(ticket));
  waiting_.erase(it);
}

std::optional<SlotId> AppointmentBook::first_available(Date from,
                                                       std::string_view counsellor) const {
  const Slot* best = nullptr;
  for (const auto& s : slots_) {
    if (s.withdrawn || s.date < from || occupant_[s.id - 1]) continue;
    if (!counsellor.empty() && s.counsellor != counsellor) continue;
    if (best == nullptr || earlier(s, *best)) best = &s;
  }
  if (best == nullptr) return std::nullopt;
  return best->id;
}

std::vector<SlotId> AppointmentBook::free_slots(const DateRange& period,
                                                std::string_view counsellor) const {
  std::vector<const Slot*> found;
  for (const auto& s : slots_) {
    if (s.withdrawn || !period.contains(s.date) || occupant_[s.id - 1]) continue;
    if (!counsellor.empty() && s.counsellor != counsellor) continue;
    found.push_back(&s);
  }
  std::sort(found.begin(), found.end(),
            [](const Slot* a, const Slot* b) { return earlier(*a, *b); });
  std::vector<SlotId> out;
  out.reserve(found.size());
  for (const Slot* s : found) out.push_back(s->id);
  return out;
}

std::vector<BookingId> AppointmentBook::bookings_of(std::string_view case_id) const {
  std::vector<BookingId> out;
  const auto it = by_case_.find(case_id);
  if (it == by_case_.end()) return out;
  for (const std::size_t pos : it->second) out.push_back(bookings_[pos].id);
  return out;
}

std::vector<std::string> AppointmentBook::counsellors() const {
  std::set<std::string> names;
  for (const auto& s : slots_) names.insert(s.counsellor);
  return {names.begin(), names.end()};
}

Utilisation AppointmentBook::utilisation(const std::string& counsellor,
                                         const DateRange& period) const {
  Utilisation u;
  u.counsellor = counsellor;
  for (const auto& s : slots_) {
    if (s.withdrawn || s.counsellor != counsellor || !period.contains(s.date)) continue;
    ++u.slots;
    u.minutes_offered += s.minutes;
    if (const auto occ = occupant_[s.id - 1]) {
      ++u.booked;
      u.minutes_booked += s.minutes;
      const auto st = bookings_[*occ - 1].status;
      if (st == BookingStatus::held) ++u.held;
      if (st == BookingStatus::no_show) ++u.no_shows;
    }
  }
  return u;
}

std::vector<Utilisation> AppointmentBook::utilisation(const DateRange& period) const {
  std::vector<Utilisation> out;
  for (const auto& c : counsellors()) out.push_back(utilisation(c, period));
  return out;
}

Event AppointmentBook::booking_event(BookingId id) const {
  const Booking& b = booking(id);
  Event e;
  e.case_id = b.case_id;
  e.at = Timestamp(b.booked_on);
  e.kind = EventKind::appointment_booked;
  e.role = Role::assistant;
  e.staff = b.booked_by;
  e.data.date = slots_[b.slot - 1].date;
  return e;
}

std::optional<Event> AppointmentBook::outcome_event(BookingId id) const {
  const Booking& b = booking(id);
  const auto kind = outcome_event_kind(b.status);
  if (!kind) return std::nullopt;
  const Slot& s = slots_[b.slot - 1];
  Event e;
  e.case_id = b.case_id;
  e.at = Timestamp(s.date);
  e.kind = *kind;
  e.role = Role::counsellor;
  e.staff = s.counsellor;
  if (*kind == EventKind::appointment_held) e.data.minutes = s.minutes;
  return e;
}

std::vector<Event> AppointmentBook::events_of(BookingId id) const {
  std::vector<Event> out{booking_event(id)};
  if (auto e = outcome_event(id)) out.push_back(std::move(*e));
  return out;
}

std::vector<Event> AppointmentBook::events(std::string_view case_id) const {
  std::vector<Event> out;
  auto add = [&](const Booking& b) {
    out.push_back(booking_event(b.id));
    if (auto e = outcome_event(b.id)) out.push_back(std::move(*e));
  };
  if (case_id.empty()) {
    for (const auto& b : bookings_) add(b);
  } else if (const auto it = by_case_.find(case_id); it != by_case_.end()) {
    for (const std::size_t pos : it->second) add(bookings_[pos]);
  }
  // Generated booking by booking (a booking before its outcome, booked_on <= the slot's day): a
  // stable sort by date keeps that order on equal dates.
  std::stable_sort(out.begin(), out.end(),
                   [](const Event& a, const Event& b) { return a.at.date() < b.at.date(); });
  return out;
}

void AppointmentBook::check() const {
  if (occupant_.size() != slots_.size()) throw InvalidArgument("internal: occupant index size");
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const Slot& s = slots_[i];
    if (s.id != i + 1) throw InvalidArgument("slots: ids must be 1, 2, ... in order");
    if (s.counsellor.empty()) throw InvalidArgument(slot_name(s.id) + ": empty counsellor");
    check_times(s.start_minute, s.minutes);
    if (!calendar_.is_working_day(s.date)) {
      throw InvalidArgument(slot_name(s.id) + " on " + s.date.to_string() + ": not a working day");
    }
  }
  // Overlaps between offered slots of one counsellor: sorted by counsellor, day and start, a slot
  // overlaps an earlier one of its day exactly when it starts before the latest end so far
  // (O(n log n); a book of a year of slots is read in milliseconds).
  std::vector<std::size_t> order;
  order.reserve(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (!slots_[i].withdrawn) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Slot& x = slots_[a];
    const Slot& y = slots_[b];
    return std::tie(x.counsellor, x.date, x.start_minute, x.id) <
           std::tie(y.counsellor, y.date, y.start_minute, y.id);
  });
  for (std::size_t k = 1, latest = order.empty() ? 0 : order[0]; k < order.size(); ++k) {
    const Slot& s = slots_[order[k]];
    const Slot& o = slots_[latest];  // the slot of the day ending last so far
    if (o.counsellor == s.counsellor && o.date == s.date) {
      if (s.start_minute < o.end_minute()) {
        throw InvalidArgument(slot_name(std::max(s.id, o.id)) + " overlaps " +
                              slot_name(std::min(s.id, o.id)));
      }
      if (s.end_minute() > o.end_minute()) latest = order[k];
    } else {
      latest = order[k];
    }
  }
  std::vector<std::optional<BookingId>> seen(slots_.size());
  for (std::size_t i = 0; i < bookings_.size(); ++i) {
    const Booking& b = bookings_[i];
    if (b.id != i + 1) throw InvalidArgument("bookings: ids must be 1, 2, ... in order");
    if (b.slot == 0 || b.slot > slots_.size())
      throw InvalidArgument("booking " + std::to_string(b.id) + ": unknown slot");
    if (b.case_id.empty())
      throw InvalidArgument("booking " + std::to_string(b.id) + ": empty case");
    if ((b.status == BookingStatus::cancelled) != b.cancelled_on.has_value()) {
      throw InvalidArgument("booking " + std::to_string(b.id) +
                            ": cancelled_on must be given exactly when cancelled");
    }
    const bool closed = b.status == BookingStatus::held || b.status == BookingStatus::no_show;
    if (b.closed_at && (!closed || appointment_started(slots_[b.slot - 1], *b.closed_at) != true)) {
      throw InvalidArgument("booking " + std::to_string(b.id) +
                            ": closed_at is given only for a held or missed appointment, at or "
                            "after its start");
    }
    if (!b.occupies()) continue;
    const Slot& s = slots_[b.slot - 1];
    if (s.withdrawn)
      throw InvalidArgument("booking " + std::to_string(b.id) + " occupies a withdrawn slot");
    if (seen[b.slot - 1]) {
      throw InvalidArgument("bookings " + std::to_string(*seen[b.slot - 1]) + " and " +
                            std::to_string(b.id) + " occupy " + slot_name(b.slot) +
                            ": double booking");
    }
    seen[b.slot - 1] = b.id;
    // Earlier bookings of the same case (through the per-case index: a case has few bookings).
    const auto mine = by_case_.find(b.case_id);
    if (mine == by_case_.end()) throw InvalidArgument("internal: case index out of date");
    for (const std::size_t k : mine->second) {
      if (k >= i) break;
      const Booking& o = bookings_[k];
      if (o.occupies() && slots_[o.slot - 1].overlaps(s)) {
        throw InvalidArgument("bookings " + std::to_string(o.id) + " and " + std::to_string(b.id) +
                              " of one case overlap: double booking");
      }
    }
  }
  if (seen != occupant_) throw InvalidArgument("internal: occupant index out of date");
  std::set<std::string> waiting_cases;
  WaitingTicket last = 0;
  for (const auto& w : waiting_) {
    if (w.ticket <= last || w.ticket >= next_ticket_) {
      throw InvalidArgument("waiting list: tickets must increase and be below next_ticket");
    }
    last = w.ticket;
    if (w.case_id.empty() || !waiting_cases.insert(w.case_id).second) {
      throw InvalidArgument("waiting list: empty or repeated case");
    }
  }
}

void to_json(Json& j, const AppointmentBook& b) {
  j = Json::object();
  j["calendar"] = b.calendar();
  Json slots = Json::array();
  for (const auto& s : b.slots()) {
    Json o = Json::object();
    o["id"] = s.id;
    o["counsellor"] = s.counsellor;
    o["date"] = s.date;
    o["start"] = format_time_of_day(s.start_minute);
    o["minutes"] = s.minutes;
    if (s.withdrawn) o["withdrawn"] = true;
    slots.push_back(std::move(o));
  }
  j["slots"] = std::move(slots);
  Json bookings = Json::array();
  for (const auto& x : b.bookings()) {
    Json o = Json::object();
    o["id"] = x.id;
    o["slot"] = x.slot;
    o["case"] = x.case_id;
    o["booked_by"] = x.booked_by;
    o["booked_on"] = x.booked_on;
    o["status"] = std::string(to_string(x.status));
    if (x.from_waiting_list) o["from_waiting_list"] = true;
    if (x.cancelled_on) {
      o["cancelled_by"] = x.cancelled_by;
      o["cancelled_on"] = *x.cancelled_on;
    }
    if (x.closed_at) o["closed_at"] = x.closed_at->to_string();
    bookings.push_back(std::move(o));
  }
  j["bookings"] = std::move(bookings);
  Json waiting = Json::array();
  for (const auto& w : b.waiting_list()) {
    Json o = Json::object();
    o["ticket"] = w.ticket;
    o["case"] = w.case_id;
    o["counsellor"] = w.counsellor;
    o["since"] = w.since;
    o["added_by"] = w.added_by;
    waiting.push_back(std::move(o));
  }
  j["waiting_list"] = std::move(waiting);
  j["next_ticket"] = b.next_ticket();
}

namespace {

// An identifier (slot, booking, ticket): a JSON integer >= 0 (a float such as 1e40 is refused
// rather than converted, which would be undefined; found by fuzz/pathway_counsel.cpp).
std::uint64_t id_field(const Json& o, std::string_view key) {
  return static_cast<std::uint64_t>(detail::int_field(o, key, 0, INT64_MAX, std::nullopt));
}

}  // namespace

void from_json(const Json& j, AppointmentBook& out) {
  AppointmentBook b(json_field_or<FrenchCalendar>(j, "calendar", FrenchCalendar()));
  auto items = [&](const char* key) {
    Json arr = json_field_or<Json>(j, key, Json::array());
    if (!arr.is_array()) throw ParseError(SourceLocation{{}, 0, 0, key}, "expected an array");
    return arr;
  };
  const Json slots = items("slots");
  for (std::size_t i = 0; i < slots.size(); ++i) {
    json_located("slots[" + std::to_string(i) + "]", [&] {
      const Json& o = slots[i];
      Slot s;
      s.id = id_field(o, "id");
      s.counsellor = json_field<std::string>(o, "counsellor");
      s.date = json_field<Date>(o, "date");
      s.start_minute = parse_time_of_day(json_field<std::string>(o, "start"), "start");
      s.minutes = static_cast<int>(detail::int_field(o, "minutes", INT_MIN, INT_MAX, std::nullopt));
      s.withdrawn = json_field_or<bool>(o, "withdrawn", false);
      b.slots_.push_back(std::move(s));
      b.occupant_.emplace_back();
    });
  }
  const Json bookings = items("bookings");
  for (std::size_t i = 0; i < bookings.size(); ++i) {
    json_located("bookings[" + std::to_string(i) + "]", [&] {
      const Json& o = bookings[i];
      Booking x;
      x.id = id_field(o, "id");
      x.slot = id_field(o, "slot");
      x.case_id = json_field<std::string>(o, "case");
      x.booked_by = json_field_or<std::string>(o, "booked_by", {});
      x.booked_on = json_field<Date>(o, "booked_on");
      try {
        x.status = booking_status_from_string(json_field<std::string>(o, "status"));
      } catch (const InvalidArgument& e) {
        throw ParseError(SourceLocation{{}, 0, 0, "status"}, e.what());
      }
      x.from_waiting_list = json_field_or<bool>(o, "from_waiting_list", false);
      x.cancelled_by = json_field_or<std::string>(o, "cancelled_by", {});
      if (o.contains("cancelled_on") && !o.at("cancelled_on").is_null()) {
        x.cancelled_on = json_field<Date>(o, "cancelled_on");
      }
      if (o.contains("closed_at") && !o.at("closed_at").is_null()) {
        x.closed_at = json_field<Timestamp>(o, "closed_at");
      }
      if (x.occupies() && x.slot >= 1 && x.slot <= b.occupant_.size() && !b.occupant_[x.slot - 1]) {
        b.occupant_[x.slot - 1] = x.id;
      }
      b.bookings_.push_back(std::move(x));
      b.by_case_[b.bookings_.back().case_id].push_back(b.bookings_.size() - 1);
    });
  }
  const Json waiting = items("waiting_list");
  WaitingTicket max_ticket = 0;
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    json_located("waiting_list[" + std::to_string(i) + "]", [&] {
      const Json& o = waiting[i];
      WaitingEntry w;
      w.ticket = id_field(o, "ticket");
      w.case_id = json_field<std::string>(o, "case");
      w.counsellor = json_field_or<std::string>(o, "counsellor", {});
      w.since = json_field<Date>(o, "since");
      w.added_by = json_field_or<std::string>(o, "added_by", {});
      max_ticket = std::max(max_ticket, w.ticket);
      b.waiting_.push_back(std::move(w));
    });
  }
  b.next_ticket_ = std::max<WaitingTicket>(
      static_cast<WaitingTicket>(detail::int_field(j, "next_ticket", 0, INT64_MAX, 1)),
      max_ticket + 1);
  try {
    b.check();
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{}, e.what());
  }
  out = std::move(b);
}

}  // namespace vaekit
