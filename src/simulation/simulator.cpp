// The discrete-event simulation of a counselling network (see simulator.hpp and
// docs/simulation.md for the model).
#include "vaekit/simulation/simulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <type_traits>
#include <unordered_set>

#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/organisations.hpp"
#include "vaekit/core/year_month.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/pathway/regime.hpp"
#include "vaekit/simulation/random.hpp"

namespace vaekit {

namespace {

constexpr double kDaysPerMonth = 30.4375;  // 365.25 / 12

// Reasons of dropped_out events (aux column index).
constexpr std::array<std::string_view, 6> kReasons = {
    "", "no_show", "no_news", "gave_up", "withdrew_before_jury", "absent_again"};
enum ReasonIndex : std::int32_t { r_none, r_no_show, r_no_news, r_gave_up, r_withdrew, r_absent };

std::vector<double> cumulative(const std::vector<double>& w) {
  std::vector<double> c(w.size());
  double sum = 0;
  for (double x : w) sum += x;
  double acc = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    acc += w[i];
    c[i] = sum > 0 ? acc / sum : 1.0;
  }
  if (!c.empty()) c.back() = 1.0;
  return c;
}

struct Accum {
  double sum = 0;
  std::uint64_t n = 0;
  void add(double x) noexcept {
    sum += x;
    ++n;
  }
  [[nodiscard]] double mean() const noexcept { return n ? sum / static_cast<double>(n) : 0.0; }
};

struct Counters {
  std::uint64_t received = 0, first_appointments = 0, oriented = 0, oriented_vae = 0;
  std::uint64_t sent_cases = 0, admissible = 0, admissible_without_jury = 0, validated = 0,
                censored = 0;
  std::array<std::uint64_t, 4> first_jury{};
  Accum choosing, preparation, decision, writing, jury_wait, to_first_jury;
  // The France VAE era.
  std::uint64_t accompanied = 0, confirmed = 0, lapsed = 0, lapse_lifted = 0,
                first_partial_certification = 0, certified = 0;
  double funding_requested = 0, funding_granted = 0;  // euros
  // Profiles and follow-ups.
  std::uint64_t profiled = 0, women = 0, sex_stated = 0, employees = 0, job_seekers = 0,
                employment_stated = 0;
  std::array<std::uint64_t, 2> followups{}, answered{};  // at 6 and 12 months
  std::uint64_t certified_answered_12 = 0, certified_employed_12 = 0;
};

struct LogSink {
  EventLog* log;
  std::vector<std::int32_t>* aux;
  std::vector<EventData>* data;
  void emit(std::string_view case_id, std::int32_t day, EventKind k, Role r,
            std::string_view antenne, std::string_view staff, std::string_view cert,
            std::uint32_t payload, std::int32_t a) {
    log->append(case_id, Timestamp(Date::from_days(day)), k, r, antenne, staff, cert, payload);
    aux->push_back(a);
  }
  // An event whose data the columns do not hold: kept whole, aux = -(its index + 1).
  void emit_data(std::string_view case_id, std::int32_t day, EventKind k, Role r,
                 std::string_view antenne, std::string_view staff, std::string_view cert,
                 EventData&& d) {
    log->append(case_id, Timestamp(Date::from_days(day)), k, r, antenne, staff, cert,
                encode_payload(k, d));
    data->push_back(std::move(d));
    aux->push_back(-static_cast<std::int32_t>(data->size()));
  }
};

struct NullSink {
  void emit(std::string_view, std::int32_t, EventKind, Role, std::string_view, std::string_view,
            std::string_view, std::uint32_t, std::int32_t) noexcept {}
  void emit_data(std::string_view, std::int32_t, EventKind, Role, std::string_view,
                 std::string_view, std::string_view, EventData&&) noexcept {}
};

// The second random stream (profiles, follow-ups): derived from the seed, so that recording them
// changes no draw of the pathways.
constexpr std::uint64_t kSideStream = 0x9E3779B97F4A7C15ULL;

// An attribute's shares as enum indices and cumulative probabilities.
struct Draw {
  std::vector<std::uint8_t> values;
  std::vector<double> cumulative;
};

Draw make_draw(const ProfileShares& p, std::string_view attribute) {
  Draw d;
  const auto& codes = profile_attribute_codes(attribute);
  for (const auto& c : p.codes) {
    const auto it = std::find(codes.begin(), codes.end(), c);
    d.values.push_back(static_cast<std::uint8_t>(it - codes.begin()));
  }
  d.cumulative = cumulative(p.shares);
  return d;
}

template <class E>
std::uint32_t plus1(E v) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned>(v) + 1u);
}

struct Antenne {
  std::string_view id;
  std::vector<std::string_view> assistants;
  std::vector<std::string_view> counsellors;
  std::size_t first_counsellor = 0;  // index into QueueStats::counsellors
  std::size_t rec_ptr = 0;
  std::uint64_t rec_used = 0;
  std::uint64_t rec_capacity = 0;  // 0: unlimited
  std::vector<double> free;        // server free times (operational days)
  double next_arrival = 0;         // exponential process: next arrival time (days since first)
  double rate = 0;                 // exponential process: rate per day
};

template <class Sink>
class Engine {
 public:
  Engine(const Scenario& s, const SimulationOptions& o, Sink sink)
      : s_(s), rng_(o.seed), side_(o.seed ^ kSideStream), sink_(sink) {}

  void run();

  QueueStats queue;
  Counters counters;
  std::vector<std::string> staff_names;  // storage for the staff ids

 private:
  // Day helpers (days since 1970).
  [[nodiscard]] std::int32_t work(std::int32_t d) const noexcept {
    // The first reception (working) day on or after d; d itself beyond the tables.
    const std::int64_t off = d - first_;
    if (off < 0 || off >= static_cast<std::int64_t>(next_reception_.size())) return d;
    const std::uint32_t i = next_reception_[static_cast<std::size_t>(off)];
    return i < reception_days_.size() ? reception_days_[i] : d;
  }
  [[nodiscard]] std::int32_t counsel(std::int32_t d) const noexcept {
    // The first counsellors' working day (no training day) on or after d; d itself beyond.
    const std::int64_t off = d - first_;
    if (off < 0 || off >= static_cast<std::int64_t>(next_counsellor_.size())) return d;
    const std::uint32_t i = next_counsellor_[static_cast<std::size_t>(off)];
    return i < counsellor_days_.size() ? counsellor_days_[i] : d;
  }
  static std::int32_t plus(std::int32_t d, double days) noexcept {
    // Delays beyond a million days (2,700 years) fall after any horizon anyway.
    return d + static_cast<std::int32_t>(std::floor(std::min(days, 1e6) + 0.5));
  }

  void build_days();
  void arrival(Antenne& a, std::int32_t contact_day, double t);
  bool emit(std::int32_t day, EventKind k, Role r, std::string_view staff, std::string_view cert,
            std::uint32_t payload = 0, std::int32_t aux = 0);
  bool emit_data(std::int32_t day, EventKind k, Role r, std::string_view staff,
                 std::string_view cert, EventData d);
  // The first-appointment queue (Kiefer-Wolfowitz): the counsellor and the day of the first
  // appointment of a person received on @p received.
  struct Slot {
    std::size_t j = 0;
    std::int32_t day = 0;
    double minutes = 0;
    double wait = 0;
    bool served = false;
  };
  Slot first_slot(Antenne& a, std::int32_t received, double t_received);
  void open_case(std::string_view antenne, std::int32_t day);
  void profile(Role r, std::string_view staff);
  void followups(std::int32_t jury, bool certified);
  void reform_arrival(Antenne& a, std::int32_t contact_day, double t);
  void reform_pathway(std::string_view aap, std::int32_t submitted, std::int32_t start,
                      bool autonomous);
  bool reform_jury(std::int32_t submitted, std::int32_t file_sent, std::string_view cert);
  bool appointment(std::int32_t booked, std::int32_t day, BookingStatus outcome,
                   std::string_view assistant, std::string_view counsellor,
                   std::uint32_t held_payload);
  void pathway(Antenne& a, std::string_view assistant, std::string_view counsellor,
               std::int32_t received, std::int32_t appt);

  const Scenario& s_;
  Xoshiro256 rng_;
  Xoshiro256 side_;
  Sink sink_;
  std::array<Draw, 6> profile_draws_;  // sex, age_band, employment, qualification, qpv, rqth
  std::map<std::string, Departement, std::less<>> departement_of_;  // antenne -> its département
  std::vector<double> c_situation_certified_, c_situation_other_, c_reform_jury_, c_reform_return_;
  std::int32_t first_ = 0, last_ = 0, horizon_ = 0;
  std::vector<std::int32_t> reception_days_, counsellor_days_;
  std::vector<std::uint32_t> next_reception_, next_counsellor_;  // by day offset (size D + 1)
  std::size_t counsellor_days_in_period_ = 0;
  std::vector<double> c_channel_, c_orient_, c_cert_, c_decision_, c_funding_, c_jury_, c_return_;
  std::vector<std::uint32_t> cert_certifier_;
  std::vector<Antenne> antennes_;
  std::vector<std::string_view> cert_codes_;
  std::vector<double> busy_days_;
  // Current case.
  char case_buf_[40]{};
  std::string_view case_id_;
  std::string_view antenne_;
  std::int32_t last_day_ = 0;
  std::uint32_t case_index_ = 0;
  double service_scale_ = 1;
  double cum_expected_ = 0;    // fixed process: cumulative expected arrivals
  std::uint64_t emitted_ = 0;  // fixed process: arrivals emitted
};

template <class Sink>
void Engine<Sink>::build_days() {
  first_ = s_.period.first().days_since_epoch();
  last_ = s_.period.last().days_since_epoch();
  horizon_ = s_.horizon.days_since_epoch();
  const auto span = static_cast<std::size_t>(horizon_ - first_ + 1);
  std::unordered_set<std::int32_t> training;
  for (const Date& d : s_.training_days) training.insert(d.days_since_epoch());
  reception_days_.reserve(span);
  counsellor_days_.reserve(span);
  for (std::int32_t d = first_; d <= horizon_; ++d) {
    const bool working = !s_.calendar || s_.calendar->is_working_day(Date::from_days(d));
    if (!working) continue;
    reception_days_.push_back(d);
    // Without a calendar there is no working day to take training days from.
    if (s_.calendar && training.count(d)) continue;
    counsellor_days_.push_back(d);
    if (d <= last_) ++counsellor_days_in_period_;
  }
  next_reception_.resize(span + 1);
  next_counsellor_.resize(span + 1);
  std::size_t ri = 0, ci = 0;
  for (std::size_t off = 0; off <= span; ++off) {
    const auto d = first_ + static_cast<std::int32_t>(off);
    while (ri < reception_days_.size() && reception_days_[ri] < d) ++ri;
    while (ci < counsellor_days_.size() && counsellor_days_[ci] < d) ++ci;
    next_reception_[off] = static_cast<std::uint32_t>(ri);
    next_counsellor_[off] = static_cast<std::uint32_t>(ci);
  }
}

template <class Sink>
bool Engine<Sink>::emit(std::int32_t day, EventKind k, Role r, std::string_view staff,
                        std::string_view cert, std::uint32_t payload, std::int32_t aux) {
  if (day < last_day_) day = last_day_;  // events of a case stay in time order
  if (day > horizon_) return false;
  last_day_ = day;
  sink_.emit(case_id_, day, k, r, antenne_, staff, cert, payload, aux);
  return true;
}

template <class Sink>
bool Engine<Sink>::emit_data(std::int32_t day, EventKind k, Role r, std::string_view staff,
                             std::string_view cert, EventData d) {
  if (day < last_day_) day = last_day_;
  if (day > horizon_) return false;
  last_day_ = day;
  sink_.emit_data(case_id_, day, k, r, antenne_, staff, cert, std::move(d));
  return true;
}

// The profile of the current case (profile_recorded), drawn from the side stream.
template <class Sink>
void Engine<Sink>::profile(Role r, std::string_view staff) {
  if (!s_.profile) return;
  std::array<std::optional<std::uint8_t>, 6> v;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const Draw& d = profile_draws_[i];
    if (!d.values.empty()) v[i] = d.values[side_.pick(d.cumulative)];
  }
  ++counters.profiled;
  EventData data;
  if (v[0]) {
    data.sex = static_cast<Sex>(*v[0]);
    if (*data.sex != Sex::not_stated) ++counters.sex_stated;
    if (*data.sex == Sex::woman) ++counters.women;
  }
  if (v[1]) data.age_band = static_cast<AgeBand>(*v[1]);
  if (v[2]) {
    data.employment = static_cast<Employment>(*v[2]);
    const Employment e = *data.employment;
    if (e != Employment::not_stated) ++counters.employment_stated;
    if (e == Employment::job_seeker) ++counters.job_seekers;
    // Employees: every salaried typology of France VAE (SALARIE_*).
    if (e <= Employment::subsidised_contract) ++counters.employees;
  }
  if (v[3]) data.qualification = static_cast<Qualification>(*v[3]);
  if (v[4]) data.qpv = static_cast<YesNo>(*v[4]);
  if (v[5]) data.rqth = static_cast<YesNo>(*v[5]);
  const auto dep = departement_of_.find(antenne_);
  if (dep != departement_of_.end()) data.departement = dep->second;
  emit_data(last_day_, EventKind::profile_recorded, r, staff, {}, std::move(data));
}

// Follow-ups 6 and 12 months after the last jury (survey: the system records them), from the side
// stream; cut by the horizon like every event.
template <class Sink>
void Engine<Sink>::followups(std::int32_t jury, bool certified) {
  if (!s_.followup) return;
  const FollowupSpec& f = *s_.followup;
  for (int k = 0; k < 2; ++k) {
    const int months = k == 0 ? 6 : 12;
    const double response = k == 0 ? f.response_6 : f.response_12;
    const bool answered = side_.bernoulli(response);
    Situation situation = Situation::no_answer;
    if (answered) {
      situation = static_cast<Situation>(
          side_.pick(certified ? c_situation_certified_ : c_situation_other_));
    }
    // That many calendar months after the jury (the last day of a shorter month).
    const Date jd = Date::from_days(jury);
    const YearMonth ym = YearMonth::of(jd).plus_months(months);
    const std::int32_t day =
        Date(ym.year(), ym.month(), std::min(jd.day(), ym.days())).days_since_epoch();
    EventData d;
    d.months = months;
    d.situation = situation;
    if (!emit_data(day, EventKind::followup_recorded, Role::system, {}, {}, std::move(d))) return;
    ++counters.followups[static_cast<std::size_t>(k)];
    if (answered) ++counters.answered[static_cast<std::size_t>(k)];
    if (k == 1 && certified && answered) {
      ++counters.certified_answered_12;
      if (situation == Situation::same_job || situation == Situation::promotion ||
          situation == Situation::new_job)
        ++counters.certified_employed_12;
    }
  }
}

// An appointment by the appointment book's rules (pathway/appointments.hpp), the one source of the
// log's appointment events: booked on or before its day (`appointment_booked`, data.date the day),
// then the event of its outcome (outcome_event_kind: held or missed) on its day; @p held_payload
// is the held event's minutes + 1. False when cut by the horizon.
template <class Sink>
bool Engine<Sink>::appointment(std::int32_t booked, std::int32_t day, BookingStatus outcome,
                               std::string_view assistant, std::string_view counsellor,
                               std::uint32_t held_payload) {
  if (!bookable_on(Date::from_days(day), Date::from_days(booked)))
    throw InvalidArgument("internal: simulated appointment booked after its day");
  if (!emit(booked, EventKind::appointment_booked, Role::assistant, assistant, {}, 0, day))
    return false;
  const auto kind = outcome_event_kind(outcome);
  if (!kind) return true;
  return emit(day, *kind, Role::counsellor, counsellor, {},
              *kind == EventKind::appointment_held ? held_payload : std::uint32_t{0});
}

// The first appointment: FCFS with the earliest free counsellor, on the operational time axis.
template <class Sink>
typename Engine<Sink>::Slot Engine<Sink>::first_slot(Antenne& a, std::int32_t received,
                                                     double t_received) {
  double arrive = 0;
  if (s_.calendar) {
    const std::int64_t lead_off = received - first_ + s_.booking_lead_days;
    const std::size_t ci = lead_off < static_cast<std::int64_t>(next_counsellor_.size())
                               ? next_counsellor_[static_cast<std::size_t>(lead_off)]
                               : counsellor_days_.size();
    arrive = static_cast<double>(ci);
  } else {
    arrive = t_received + s_.booking_lead_days;
  }
  // The earliest free counsellor; among counsellors free at the same time (e.g. at the start of a
  // working day) the least busy so far, then the first.
  std::size_t j = 0;
  for (std::size_t k = 1; k < a.free.size(); ++k) {
    if (a.free[k] < a.free[j] ||
        (a.free[k] == a.free[j] &&
         busy_days_[a.first_counsellor + k] < busy_days_[a.first_counsellor + j])) {
      j = k;
    }
  }
  const double start = std::max(arrive, a.free[j]);
  const double minutes = s_.first_appointment_minutes.sample(rng_);
  const double service = minutes * service_scale_;
  a.free[j] = start + service;
  const double k_day = std::floor(start);
  std::int32_t appt = 0;
  bool served = true;
  if (s_.calendar) {
    served = k_day < static_cast<double>(counsellor_days_.size());
    if (served) appt = counsellor_days_[static_cast<std::size_t>(k_day)];
  } else {
    served = k_day <= static_cast<double>(horizon_ - first_);
    if (served) appt = first_ + static_cast<std::int32_t>(k_day);
  }
  const std::size_t counsellor_index = a.first_counsellor + j;
  const bool in_period = s_.calendar ? start < static_cast<double>(counsellor_days_in_period_)
                                     : start < static_cast<double>(last_ - first_ + 1);
  // Booked, the appointment occupies the counsellor whatever its outcome: held and no-shows both
  // count in the utilisation (counts_in_utilisation), as in the appointment book.
  if (in_period && counts_in_utilisation(BookingStatus::booked)) {
    busy_days_[counsellor_index] += service;
    ++queue.counsellors[counsellor_index].appointments;
  }
  Slot out;
  out.j = j;
  out.day = appt;
  out.minutes = minutes;
  out.served = served;
  out.wait = s_.calendar ? static_cast<double>(appt - received) : start - t_received;
  return out;
}

template <class Sink>
void Engine<Sink>::open_case(std::string_view antenne, std::int32_t day) {
  ++case_index_;
  if constexpr (!std::is_same_v<Sink, NullSink>) {  // the case id is only needed for the log
    std::size_t n = 0;
    for (char c : s_.case_prefix) case_buf_[n++] = c;
    char digits[24];
    std::size_t k = 0;
    for (std::uint64_t v = case_index_; v > 0 || k < 7; v /= 10)
      digits[k++] = static_cast<char>('0' + v % 10);
    while (k > 0) case_buf_[n++] = digits[--k];
    case_id_ = std::string_view(case_buf_, n);
  }
  antenne_ = antenne;
  last_day_ = day;
  ++counters.received;
}

template <class Sink>
void Engine<Sink>::arrival(Antenne& a, std::int32_t contact_day, double t) {
  if (s_.era == PathwayEra::france_vae) return reform_arrival(a, contact_day, t);
  // Reception by an assistant within the antenne's daily capacity (first come, first received).
  const auto off = static_cast<std::size_t>(contact_day - first_);
  std::size_t ri = next_reception_[off];
  if (ri > a.rec_ptr) {
    a.rec_ptr = ri;
    a.rec_used = 0;
  } else {
    ri = a.rec_ptr;
  }
  if (a.rec_capacity > 0 && a.rec_used >= a.rec_capacity) {
    ri = ++a.rec_ptr;
    a.rec_used = 0;
  }
  const std::uint64_t slot = a.rec_used++;
  ++queue.arrivals;
  if (ri >= reception_days_.size()) {  // not received before the horizon
    ++queue.unserved;
    return;
  }
  const std::int32_t received = reception_days_[ri];
  queue.mean_reception_delay += received - contact_day;  // summed; divided at the end
  const double t_received = received == contact_day ? t : static_cast<double>(received - first_);
  const std::string_view assistant = a.assistants[slot % a.assistants.size()];

  open_case(a.id, received);
  const auto channel = static_cast<Channel>(rng_.pick(c_channel_));
  emit(received, EventKind::received, Role::assistant, assistant, {}, plus1(channel));
  emit(received, EventKind::informed, Role::assistant, assistant, {});

  profile(Role::assistant, assistant);

  // First appointment: FCFS with the earliest free counsellor, on the operational time axis.
  const Slot fa = first_slot(a, received, t_received);
  const std::size_t j = fa.j;
  const std::int32_t appt = fa.day;
  const double minutes = fa.minutes;
  if (!fa.served) {
    ++queue.unserved;
    ++counters.censored;
    return;
  }
  queue.waits.push_back(fa.wait);
  queue.wait_case.push_back(case_index_ - 1);
  const std::string_view counsellor = a.counsellors[j];
  // Booked on the reception day (never cut: reception and appointment days are within the
  // horizon), held or missed on its day; the outcome draw is the same as before the book's rules
  // were shared (emitting draws no random number).
  const BookingStatus outcome =
      rng_.bernoulli(s_.no_show) ? BookingStatus::no_show : BookingStatus::held;
  const auto held_minutes =
      static_cast<std::uint32_t>(std::min(60000.0, std::floor(minutes + 0.5)) + 1);
  if (!appointment(received, appt, outcome, assistant, counsellor, held_minutes)) return;
  if (outcome == BookingStatus::no_show) {
    emit(appt, EventKind::dropped_out, Role::assistant, assistant, {}, 0, r_no_show);
    return;
  }
  ++counters.first_appointments;
  if (s_.scope == SimulationScope::first_appointment) return;
  pathway(a, assistant, counsellor, received, appt);
}

template <class Sink>
void Engine<Sink>::pathway(Antenne&, std::string_view assistant, std::string_view co,
                           std::int32_t received, std::int32_t appt) {
  const Scenario& s = s_;
  auto censored = [&] { ++counters.censored; };
  // Counselling: further appointments, then the orientation decision.
  const double choosing = s.choosing_days.sample(rng_);
  if (rng_.bernoulli(s.dropout_choosing)) {
    const std::int32_t d = plus(appt, rng_.uniform() * choosing);
    if (!emit(d, EventKind::dropped_out, Role::counsellor, co, {}, 0, r_no_news)) censored();
    return;
  }
  const std::int32_t oriented = work(plus(appt, choosing));
  const std::uint32_t extra = rng_.geometric(s.extra_appointments_mean);
  const auto extra_payload = static_cast<std::uint32_t>(s.appointment_minutes + 1);
  // Further appointments by the book's rules: each booked at the end of the previous one, on a
  // counsellors' working day (no training day), held (appointment()).
  std::int32_t previous = appt;
  for (std::uint32_t i = 1; i <= extra; ++i) {
    const std::int32_t d = counsel(plus(appt, choosing * i / (extra + 1)));
    if (d > oriented) break;  // no counsellors' day left before the decision
    if (!appointment(previous, d, BookingStatus::held, assistant, co, extra_payload))
      return censored();
    previous = d;
  }
  const auto target = static_cast<OrientationTarget>(rng_.pick(c_orient_));
  const std::size_t ci = rng_.pick(c_cert_);
  const std::string_view cert = cert_codes_[ci];
  if (target != OrientationTarget::vae) {
    if (!emit(oriented, EventKind::oriented, Role::counsellor, co, {}, plus1(target)))
      return censored();
    ++counters.oriented;
    return;
  }
  if (!emit(oriented, EventKind::certification_chosen, Role::counsellor, co, cert))
    return censored();
  if (!emit(oriented, EventKind::oriented, Role::counsellor, co, {}, plus1(target)))
    return censored();
  ++counters.oriented;
  ++counters.oriented_vae;
  counters.choosing.add(oriented - received);
  if (!emit(oriented, EventKind::admissibility_started, Role::counsellor, co, {}))
    return censored();

  // Admissibility request: preparation, sending, the certifier's decision (incomplete: again).
  const double prep = s.preparation_days.sample(rng_);
  if (rng_.bernoulli(s.dropout_preparation)) {
    const std::int32_t d = plus(oriented, rng_.uniform() * prep);
    if (!emit(d, EventKind::dropped_out, Role::counsellor, co, {}, 0, r_no_news)) censored();
    return;
  }
  std::int32_t sent = work(plus(oriented, prep));
  const auto certifier = static_cast<std::int32_t>(cert_certifier_[ci]);
  if (!emit(sent, EventKind::admissibility_sent, Role::counsellor, co, cert, 0, certifier))
    return censored();
  ++counters.sent_cases;
  counters.preparation.add(sent - oriented);
  int incomplete = 0;
  std::int32_t decided = 0;
  AdmissibilityDecision decision{};
  for (;;) {
    const Date sent_date = Date::from_days(sent);
    const Regime& regime = Regime::on(sent_date);
    const std::int32_t due = regime.decision_due(sent_date).days_since_epoch();
    const double delay = s.decision_days.sample(rng_);
    const bool silent = rng_.bernoulli(s.silence) || delay >= static_cast<double>(due - sent);
    if (silent) {
      decided = due;
      decision = regime.silence_means_acceptance(sent_date) ? AdmissibilityDecision::admissible
                                                            : AdmissibilityDecision::not_admissible;
      if (!emit(decided, EventKind::admissibility_decided, Role::system, {}, cert,
                static_cast<std::uint32_t>(plus1(decision) | payload_implicit)))
        return censored();
    } else {
      decided = std::min(plus(sent, delay), due - 1);
      decision = static_cast<AdmissibilityDecision>(rng_.pick(c_decision_));
      if (decision == AdmissibilityDecision::incomplete && incomplete >= s.max_incomplete) {
        // Renormalised over admissible / not admissible.
        const double pa = s.decisions[0] / (s.decisions[0] + s.decisions[1]);
        decision = rng_.bernoulli(pa) ? AdmissibilityDecision::admissible
                                      : AdmissibilityDecision::not_admissible;
      }
      if (!emit(decided, EventKind::admissibility_decided, Role::certifier, {}, cert,
                plus1(decision)))
        return censored();
    }
    counters.decision.add(decided - sent);
    if (decision != AdmissibilityDecision::incomplete) break;
    ++incomplete;
    sent = work(plus(decided, s.complement_days.sample(rng_)));
    if (!emit(sent, EventKind::admissibility_sent, Role::counsellor, co, cert, 0, certifier))
      return censored();
  }
  if (decision != AdmissibilityDecision::admissible) return;
  const std::int32_t admissible = decided;
  ++counters.admissible;

  // Support and writing of the validation file.
  const double writing = s.writing_days.sample(rng_);
  const std::int32_t file_sent = plus(admissible, writing);
  const bool dropout_writing = rng_.bernoulli(s.dropout_writing);
  const std::int32_t drop_day = plus(admissible, rng_.uniform() * writing);
  const std::int32_t end_writing = dropout_writing ? drop_day : file_sent;
  if (rng_.bernoulli(s.support_share)) {
    const std::int32_t start = work(plus(admissible, s.support_start_days.sample(rng_)));
    auto funding = static_cast<Funding>(rng_.pick(c_funding_));
    // OPCAs became OPCOs on 1 April 2019 (core/organisations.hpp): a draw of either names the
    // body that existed on the day (no random draw changes).
    if (funding == Funding::opca || funding == Funding::opco) {
      funding =
          organisation_valid_on("OPCO", Date::from_days(start)) ? Funding::opco : Funding::opca;
    }
    if (start < end_writing) {
      if (!emit(start, EventKind::support_started, Role::counsellor, co, {}, plus1(funding)))
        return censored();
      const std::uint32_t sessions = rng_.geometric(s.support_sessions_mean);
      const auto hours = static_cast<std::int32_t>(std::floor(s.support_session_hours * 100 + 0.5));
      for (std::uint32_t i = 1; i <= sessions; ++i) {
        const std::int32_t d = work(start + (end_writing - start) * static_cast<std::int32_t>(i) /
                                                static_cast<std::int32_t>(sessions + 1));
        if (d >= end_writing) break;
        if (!emit(d, EventKind::support_session, Role::counsellor, co, {}, 0, hours))
          return censored();
      }
    }
  }
  if (dropout_writing) {
    ++counters.admissible_without_jury;
    if (!emit(drop_day, EventKind::dropped_out, Role::counsellor, co, {}, 0, r_gave_up)) censored();
    return;
  }
  if (!emit(file_sent, EventKind::validation_file_sent, Role::candidate, {}, cert))
    return censored();
  counters.writing.add(file_sent - admissible);

  // Jury sittings: first jury, absences (rescheduled), returns after a partial validation.
  std::int32_t ready = file_sent;
  bool first_sitting = true;
  bool after_partial = false;
  for (int sitting = 1;; ++sitting) {
    // After a partial validation the candidate completes the file (return_days); after an absence
    // the certifier convenes the next jury (jury_wait_days).
    const double wait = after_partial ? s.return_days.sample(rng_) : s.jury_wait_days.sample(rng_);
    const std::int32_t jury = work(plus(ready, wait));
    if (first_sitting && rng_.bernoulli(s.dropout_jury_wait)) {
      ++counters.admissible_without_jury;
      const std::int32_t d = plus(ready, rng_.uniform() * wait);
      if (!emit(d, EventKind::dropped_out, Role::candidate, {}, {}, 0, r_withdrew)) censored();
      return;
    }
    const std::int32_t notice = std::max(ready, jury - s.jury_notice_days);
    if (!emit(notice, EventKind::jury_scheduled, Role::certifier, {}, cert, 0, jury)) {
      if (first_sitting) ++counters.admissible_without_jury;
      return censored();
    }
    const auto result = static_cast<JuryResult>(rng_.pick(after_partial ? c_return_ : c_jury_));
    if (!emit(jury, EventKind::jury_held, Role::jury, {}, cert, plus1(result))) {
      if (first_sitting) ++counters.admissible_without_jury;
      return censored();
    }
    if (first_sitting && result != JuryResult::absent) {
      first_sitting = false;
      ++counters.first_jury[static_cast<std::size_t>(result)];
      counters.jury_wait.add(jury - file_sent);
      counters.to_first_jury.add(jury - received);
    }
    if (result == JuryResult::full) {
      ++counters.validated;
      return followups(jury, true);
    }
    if (result == JuryResult::refused) return followups(jury, false);
    if (sitting >= s.max_jury_sittings) {
      if (result == JuryResult::absent) {
        if (first_sitting) ++counters.admissible_without_jury;
        emit(jury, EventKind::dropped_out, Role::certifier, {}, {}, 0, r_absent);
        return;
      }
      return followups(jury, false);
    }
    if (result == JuryResult::partial && !rng_.bernoulli(s.return_after_partial))
      return followups(jury, false);
    after_partial = result == JuryResult::partial;
    ready = jury;
  }
}

// The France VAE era (docs/simulation.md, "The France VAE era"): the candidacy is submitted on
// the platform (no reception by the antenne's assistants); an accompanied candidacy waits in the
// antenne's first-appointment queue for an AAP (one of its counsellors, acting for the antenne as
// AAP), who takes charge on the day of that first meeting.
template <class Sink>
void Engine<Sink>::reform_arrival(Antenne& a, std::int32_t contact_day, double t) {
  const FranceVaeSpec& v = s_.france_vae;
  ++queue.arrivals;
  open_case(a.id, contact_day);
  const bool autonomous = rng_.bernoulli(v.autonomous_share);
  EventData submitted;
  submitted.accompaniment = autonomous ? Accompaniment::autonomous : Accompaniment::accompanied;
  emit_data(contact_day, EventKind::candidacy_submitted, Role::candidate, {}, {},
            std::move(submitted));
  profile(Role::candidate, {});
  if (autonomous) {
    if (s_.scope == SimulationScope::first_appointment) return;
    return reform_pathway({}, contact_day, contact_day, true);
  }
  ++counters.accompanied;
  const Slot fa = first_slot(a, contact_day, t);
  if (!fa.served) {
    ++queue.unserved;
    ++counters.censored;
    return;
  }
  queue.waits.push_back(fa.wait);
  queue.wait_case.push_back(case_index_ - 1);
  const std::string_view aap = a.counsellors[fa.j];
  if (rng_.bernoulli(s_.no_show)) {  // never reached by the AAP
    EventData d;
    d.reason = "no_news";
    d.reason_code = ReasonCode::inactivity;
    if (!emit_data(fa.day, EventKind::dropped_out, Role::aap, aap, {}, std::move(d)))
      ++counters.censored;
    return;
  }
  if (!emit(fa.day, EventKind::candidacy_taken_charge, Role::aap, aap, {})) {
    ++counters.censored;
    return;
  }
  ++counters.first_appointments;
  if (s_.scope == SimulationScope::first_appointment) return;
  reform_pathway(aap, contact_day, fa.day, false);
}

template <class Sink>
void Engine<Sink>::reform_pathway(std::string_view aap, std::int32_t submitted, std::int32_t start,
                                  bool autonomous) {
  const Scenario& s = s_;
  const FranceVaeSpec& v = s.france_vae;
  auto censored = [&] { ++counters.censored; };
  const std::size_t ci = rng_.pick(c_cert_);
  const std::string_view cert = cert_codes_[ci];
  const Role sender = autonomous ? Role::candidate : Role::aap;
  auto quit = [&](std::int32_t day, EventKind k, Role r, std::string_view staff,
                  std::string_view reason, ReasonCode code) {
    EventData d;
    d.reason = std::string(reason);
    d.reason_code = code;
    if (!emit_data(day, k, r, staff, {}, std::move(d))) censored();
  };

  // The pathway proposed by the AAP, confirmed by the candidate, and its funding.
  if (!autonomous) {
    const double proposal = v.proposal_days.sample(rng_);
    if (rng_.bernoulli(v.dropout_before_proposal)) {
      // The AAP's diagnosis sends the candidate elsewhere (France VAE: reorientation).
      return quit(plus(start, rng_.uniform() * proposal), EventKind::archived, Role::aap, aap,
                  "reoriented", ReasonCode::reorientation);
    }
    const std::int32_t proposed = work(plus(start, proposal));
    EventData p;
    const double individual = std::floor(v.individual_hours.sample(rng_) + 0.5);
    const double collective = std::floor(v.collective_hours.sample(rng_) + 0.5);
    const bool trained = rng_.bernoulli(v.training_share);
    const double training = trained ? std::floor(v.training_hours.sample(rng_) + 0.5) : 0.0;
    p.individual_hours = individual;
    p.collective_hours = collective;
    p.training_hours = training;
    if (!emit_data(proposed, EventKind::pathway_proposed, Role::aap, aap, cert, std::move(p)))
      return censored();
    const double confirm = v.confirm_days.sample(rng_);
    if (rng_.bernoulli(v.dropout_before_confirm)) {
      return quit(plus(proposed, rng_.uniform() * confirm), EventKind::dropped_out, Role::candidate,
                  {}, "gave_up", ReasonCode::change_of_project);
    }
    const std::int32_t confirmed = plus(proposed, confirm);
    if (!emit(confirmed, EventKind::pathway_confirmed, Role::candidate, {}, cert))
      return censored();
    ++counters.confirmed;
    counters.choosing.add(confirmed - submitted);
    // One request per kind of hours, decided together by France VAE's funding module.
    const bool refused = rng_.bernoulli(v.funding_refused);
    const std::int32_t decided = work(plus(confirmed, v.funding_days.sample(rng_)));
    const std::array<std::tuple<FundingKind, double, double>, 3> kinds = {
        std::tuple{FundingKind::individual_support, individual, v.individual_rate},
        std::tuple{FundingKind::collective_support, collective, v.collective_rate},
        std::tuple{FundingKind::training, training, v.training_rate}};
    for (const auto& [kind, hours, rate] : kinds) {
      if (!(hours > 0)) continue;
      EventData d;
      d.funding_kind = kind;
      d.funding = Funding::france_vae;
      d.hours = hours;
      d.amount = hours * rate;
      counters.funding_requested += hours * rate;
      if (!emit_data(confirmed, EventKind::funding_requested, Role::aap, aap, {}, std::move(d)))
        return censored();
    }
    for (const auto& [kind, hours, rate] : kinds) {
      if (!(hours > 0)) continue;
      EventData d;
      d.funding_kind = kind;
      d.funding = Funding::france_vae;
      d.hours = refused ? 0.0 : hours;
      d.amount = refused ? 0.0 : hours * rate;
      d.granted = !refused;
      if (!emit_data(decided, EventKind::funding_decided, Role::funder, {}, {}, std::move(d)))
        return censored();
      if (!refused) counters.funding_granted += hours * rate;
    }
    if (refused) {
      return quit(decided, EventKind::archived, Role::aap, aap, "funding_refused",
                  ReasonCode::pathway_funding_problem);
    }
    start = confirmed;
  } else {
    counters.choosing.add(0);
  }

  // The feasibility file: sent by the AAP (or the autonomous candidate), decided by the certifier
  // (an incomplete file is completed and sent again).
  const double prep = v.feasibility_days.sample(rng_);
  if (rng_.bernoulli(s.dropout_preparation)) {
    return quit(plus(start, rng_.uniform() * prep), EventKind::dropped_out, Role::candidate, {},
                "no_news", ReasonCode::discouragement);
  }
  std::int32_t sent = work(plus(start, prep));
  const std::string_view sender_staff = autonomous ? std::string_view{} : aap;
  if (!emit(sent, EventKind::feasibility_sent, sender, sender_staff, cert)) return censored();
  ++counters.sent_cases;
  counters.preparation.add(sent - start);
  int incomplete = 0;
  std::int32_t decided = 0;
  AdmissibilityDecision decision{};
  for (;;) {
    decided = work(plus(sent, s.decision_days.sample(rng_)));
    decision = static_cast<AdmissibilityDecision>(rng_.pick(c_decision_));
    if (decision == AdmissibilityDecision::incomplete && incomplete >= s.max_incomplete) {
      const double pa = s.decisions[0] / (s.decisions[0] + s.decisions[1]);
      decision = rng_.bernoulli(pa) ? AdmissibilityDecision::admissible
                                    : AdmissibilityDecision::not_admissible;
    }
    EventData d;
    d.decision = decision;
    if (!emit_data(decided, EventKind::feasibility_decided, Role::certifier, {}, cert,
                   std::move(d)))
      return censored();
    counters.decision.add(decided - sent);
    if (decision != AdmissibilityDecision::incomplete) break;
    ++incomplete;
    sent = work(plus(decided, s.complement_days.sample(rng_)));
    if (!emit(sent, EventKind::feasibility_sent, sender, sender_staff, cert)) return censored();
  }
  if (decision != AdmissibilityDecision::admissible) return;
  const std::int32_t admissible = decided;
  ++counters.admissible;

  // Writing the validation file; caducité (no six-monthly update) contested and lifted or not.
  const double writing = s.writing_days.sample(rng_);
  std::int32_t file_sent = plus(admissible, writing);
  const bool dropout_writing = rng_.bernoulli(s.dropout_writing);
  const double at = rng_.uniform();
  if (dropout_writing) {
    ++counters.admissible_without_jury;
    return quit(plus(admissible, at * writing), EventKind::dropped_out, Role::candidate, {},
                "gave_up", ReasonCode::lack_of_time);
  }
  if (rng_.bernoulli(v.lapse)) {
    // The candidate stops giving news at a point of the writing and misses the six-monthly
    // update: the admissibility lapses the day after the regime's threshold without an event
    // (lapse_days: 183, France VAE's CADUCITE_THRESHOLD_DAYS).
    const std::int32_t lapse_day =
        admissible + Regime::on(Date::from_days(admissible)).lapse_days + 1;
    if (!emit(lapse_day, EventKind::lapsed, Role::system, {}, cert)) {
      ++counters.admissible_without_jury;
      return censored();
    }
    ++counters.lapsed;
    if (!rng_.bernoulli(v.contest)) {
      ++counters.admissible_without_jury;
      return;
    }
    const std::int32_t contested = plus(lapse_day, v.contest_days.sample(rng_));
    const std::int32_t ruled = work(plus(contested, v.contest_days.sample(rng_)));
    const bool lifted = rng_.bernoulli(v.lifted);
    if (!emit(contested, EventKind::lapse_contested, Role::candidate, {}, cert)) {
      ++counters.admissible_without_jury;
      return censored();
    }
    EventData d;
    d.lifted = lifted;
    if (!emit_data(ruled, EventKind::lapse_decided, Role::certifier, {}, cert, std::move(d))) {
      ++counters.admissible_without_jury;
      return censored();
    }
    if (!lifted) {
      ++counters.admissible_without_jury;
      return;
    }
    ++counters.lapse_lifted;
    // Lifted: the candidate resumes and writes what was left.
    file_sent = plus(ruled, (1 - at) * writing);
  }
  if (!emit(file_sent, EventKind::validation_file_sent, sender, sender_staff, cert)) {
    ++counters.admissible_without_jury;
    return censored();
  }
  if (rng_.bernoulli(v.flagged)) {
    const double fix = v.flag_days.sample(rng_);
    const std::int32_t flagged = work(plus(file_sent, fix / 2));
    if (!emit(flagged, EventKind::validation_file_flagged, Role::certifier, {}, cert)) {
      ++counters.admissible_without_jury;
      return censored();
    }
    file_sent = plus(flagged, fix);
    if (!emit(file_sent, EventKind::validation_file_sent, sender, sender_staff, cert)) {
      ++counters.admissible_without_jury;
      return censored();
    }
  }
  counters.writing.add(file_sent - admissible);
  reform_jury(submitted, file_sent, cert);
}

// The jury of the France VAE era: as in the 2017 model (absences convened again, returns after a
// partial validation), with partial certification (the blocks aimed at, fully obtained).
template <class Sink>
bool Engine<Sink>::reform_jury(std::int32_t submitted, std::int32_t file_sent,
                               std::string_view cert) {
  const Scenario& s = s_;
  static constexpr std::array<JuryResult, 5> kOrder = {JuryResult::full, JuryResult::partial,
                                                       JuryResult::partial_certification,
                                                       JuryResult::refused, JuryResult::absent};
  std::int32_t ready = file_sent;
  bool first_sitting = true;
  bool after_partial = false;
  for (int sitting = 1;; ++sitting) {
    const double wait = after_partial ? s.return_days.sample(rng_) : s.jury_wait_days.sample(rng_);
    const std::int32_t jury = work(plus(ready, wait));
    if (first_sitting && rng_.bernoulli(s.dropout_jury_wait)) {
      ++counters.admissible_without_jury;
      EventData d;
      d.reason = "withdrew_before_jury";
      d.reason_code = ReasonCode::personal_reasons;
      if (!emit_data(plus(ready, rng_.uniform() * wait), EventKind::dropped_out, Role::candidate,
                     {}, {}, std::move(d)))
        ++counters.censored;
      return false;
    }
    const std::int32_t notice = std::max(ready, jury - s.jury_notice_days);
    if (!emit(notice, EventKind::jury_scheduled, Role::certifier, {}, cert, 0, jury)) {
      if (first_sitting) ++counters.admissible_without_jury;
      ++counters.censored;
      return false;
    }
    const JuryResult result = kOrder[rng_.pick(after_partial ? c_reform_return_ : c_reform_jury_)];
    EventData d;
    d.result = result;
    if (!emit(jury, EventKind::jury_held, Role::jury, {}, cert,
              encode_payload(EventKind::jury_held, d))) {
      if (first_sitting) ++counters.admissible_without_jury;
      ++counters.censored;
      return false;
    }
    if (first_sitting && result != JuryResult::absent) {
      first_sitting = false;
      if (result == JuryResult::partial_certification) {
        ++counters.first_partial_certification;
      } else {
        ++counters.first_jury[static_cast<std::size_t>(result)];
      }
      counters.jury_wait.add(jury - file_sent);
      counters.to_first_jury.add(jury - submitted);
    }
    if (result == JuryResult::full || result == JuryResult::partial_certification) {
      if (result == JuryResult::full) ++counters.validated;
      ++counters.certified;
      followups(jury, true);
      return true;
    }
    if (result == JuryResult::refused) {
      followups(jury, false);
      return true;
    }
    if (sitting >= s.max_jury_sittings) {
      if (result == JuryResult::absent) {
        if (first_sitting) ++counters.admissible_without_jury;
        // Absent again at the last sitting: the system archives the candidacy.
        EventData q;
        q.reason = "absent_again";
        q.reason_code = ReasonCode::other;
        emit_data(jury, EventKind::archived, Role::system, {}, {}, std::move(q));
        return false;
      }
      followups(jury, false);
      return true;
    }
    if (result == JuryResult::partial && !rng_.bernoulli(s.return_after_partial)) {
      followups(jury, false);
      return true;
    }
    after_partial = result == JuryResult::partial;
    ready = jury;
  }
}

template <class Sink>
void Engine<Sink>::run() {
  build_days();
  const Scenario& s = s_;
  c_channel_ = cumulative(s.channels);
  c_orient_ = cumulative(s.orientation);
  c_decision_ = cumulative(s.decisions);
  c_funding_ = cumulative(s.funding);
  c_jury_ = cumulative(s.jury_outcomes);
  c_return_ = cumulative(s.return_outcomes);
  c_reform_jury_ = cumulative(s.france_vae.jury_outcomes);
  c_reform_return_ = cumulative(s.france_vae.return_outcomes);
  if (s.profile) {
    const ProfileSpec& p = *s.profile;
    profile_draws_ = {make_draw(p.sex, "sex"),
                      make_draw(p.age_band, "age_band"),
                      make_draw(p.employment, "employment"),
                      make_draw(p.qualification, "qualification"),
                      make_draw(p.qpv, "qpv"),
                      make_draw(p.rqth, "rqth")};
    for (const auto& [antenne, code] : p.departement) {
      const auto d = try_departement_from_string(code);
      if (!d)  // the scenario reader refuses it first
        throw InvalidArgument("profile.departement." + excerpt(antenne) +
                              ": not a département code");
      departement_of_.emplace(antenne, *d);
    }
  }
  if (s.followup) {
    c_situation_certified_ = cumulative(s.followup->certified);
    c_situation_other_ = cumulative(s.followup->not_certified);
  }
  {
    std::vector<double> w;
    std::vector<std::string_view> certifiers;
    for (const auto& c : s.certifications) {
      w.push_back(c.weight);
      cert_codes_.push_back(c.code);
      auto it = std::find(certifiers.begin(), certifiers.end(), c.certifier);
      if (it == certifiers.end()) it = certifiers.insert(certifiers.end(), c.certifier);
      cert_certifier_.push_back(static_cast<std::uint32_t>(it - certifiers.begin()));
    }
    c_cert_ = cumulative(w);
  }
  service_scale_ = 1.0 / (s.first_appointment_hours_per_day * 60.0);
  // Staff ids: assistants AS01.., counsellors CO01.., network-wide in antenne order.
  const int n_as = s.assistant_count();
  const int n_co = s.counsellor_count();
  const int width_as = n_as >= 100 ? (n_as >= 1000 ? 4 : 3) : 2;
  const int width_co = n_co >= 100 ? (n_co >= 1000 ? 4 : 3) : 2;
  auto staff_id = [](const char* prefix, int n, int width) {
    std::string digits = std::to_string(n);
    return std::string(prefix) +
           std::string(
               static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))),
               '0') +
           digits;
  };
  staff_names.reserve(static_cast<std::size_t>(n_as + n_co));
  for (int i = 1; i <= n_as; ++i) staff_names.push_back(staff_id("AS", i, width_as));
  for (int i = 1; i <= n_co; ++i) staff_names.push_back(staff_id("CO", i, width_co));
  const double available_hours =
      static_cast<double>(s.calendar ? counsellor_days_in_period_
                                     : static_cast<std::size_t>(last_ - first_ + 1)) *
      s.first_appointment_hours_per_day;
  std::size_t next_as = 0, next_co = static_cast<std::size_t>(n_as);
  antennes_.resize(s.antennes.size());
  for (std::size_t i = 0; i < s.antennes.size(); ++i) {
    const auto& spec = s.antennes[i];
    Antenne& a = antennes_[i];
    a.id = spec.id;
    for (int k = 0; k < spec.assistants; ++k) a.assistants.push_back(staff_names[next_as++]);
    a.first_counsellor = queue.counsellors.size();
    for (int k = 0; k < spec.counsellors; ++k) {
      a.counsellors.push_back(staff_names[next_co]);
      queue.counsellors.push_back(
          CounsellorLoad{staff_names[next_co], spec.id, 0, 0, available_hours});
      ++next_co;
    }
    a.free.assign(static_cast<std::size_t>(spec.counsellors), 0.0);
    if (s.receptions_per_assistant_per_day > 0) {
      a.rec_capacity = std::max<std::uint64_t>(
          1, static_cast<std::uint64_t>(
                 std::floor(s.receptions_per_assistant_per_day * spec.assistants)));
    }
    a.rate = s.yearly_volume * spec.share / 365.25;
  }
  busy_days_.assign(queue.counsellors.size(), 0.0);
  {
    const double expected = s.yearly_volume * static_cast<double>(s.period.length_days()) / 365.25;
    const auto n = static_cast<std::size_t>(std::min(expected * 1.05 + 16, 2e8));
    queue.waits.reserve(n);
    queue.wait_case.reserve(n);
  }
  double season_sum = 0;
  for (double w : s.seasonality) season_sum += w;

  if (s.arrival_process == ArrivalProcess::exponential) {
    for (auto& a : antennes_)
      a.next_arrival =
          a.rate > 0 ? rng_.exponential() / a.rate : std::numeric_limits<double>::infinity();
    for (std::int32_t d = first_; d <= last_; ++d) {
      const double end = static_cast<double>(d - first_ + 1);
      for (auto& a : antennes_) {
        while (a.next_arrival < end) {
          arrival(a, d, a.next_arrival);
          a.next_arrival += rng_.exponential() / a.rate;
        }
      }
    }
  } else {
    // Month by month: the reception days of the month within the period, counts per antenne and
    // day, then the arrivals day by day (antenne after antenne within a day).
    std::vector<std::int32_t> month_days;
    std::vector<std::uint32_t> counts;
    for (std::int32_t m0 = first_; m0 <= last_;) {
      const Date d0 = Date::from_days(m0);
      const YearMonth month = YearMonth::of(d0);
      const Date month_first = month.first_day();
      const Date next_month = month.plus_months(1).first_day();
      const std::int32_t m1 = std::min(last_, next_month.days_since_epoch() - 1);
      // Reception days of the whole month (for the daily rate) and those within the period.
      std::size_t month_reception = 0;
      month_days.clear();
      for (std::int32_t d = month_first.days_since_epoch(); d < next_month.days_since_epoch();
           ++d) {
        const bool working = !s.calendar || s.calendar->is_working_day(Date::from_days(d));
        if (!working) continue;
        ++month_reception;
        if (d >= m0 && d <= m1) month_days.push_back(d);
      }
      const double month_share =
          s.seasonality[static_cast<std::size_t>(month.month() - 1)] / season_sum;
      const double covered =
          static_cast<double>(m1 - m0 + 1) /
          static_cast<double>(next_month.days_since_epoch() - month_first.days_since_epoch());
      const std::size_t nd = month_days.size();
      counts.assign(nd * antennes_.size(), 0);
      for (std::size_t ai = 0; ai < antennes_.size(); ++ai) {
        const double expected = s.yearly_volume * month_share * s.antennes[ai].share;
        if (s.arrival_process == ArrivalProcess::fixed) {
          // Cumulative rounding over the network's (month, antenne) cells: the total over the
          // period is the rounded expected total (exactly the yearly volume over a whole year);
          // a cell without reception day passes its arrivals on to the next one.
          cum_expected_ += expected * covered;
          if (nd == 0) continue;
          const auto target = static_cast<std::uint64_t>(std::floor(cum_expected_ + 0.5));
          const std::uint64_t n = target > emitted_ ? target - emitted_ : 0;
          emitted_ += n;
          for (std::uint64_t k = 0; k < n; ++k) ++counts[ai * nd + rng_.below(nd)];
        } else {
          if (nd == 0) continue;
          const double mu =
              month_reception > 0 ? expected / static_cast<double>(month_reception) : 0.0;
          if (!(mu > 0)) continue;
          for (std::size_t di = 0; di < nd; ++di) {
            std::uint32_t n = 0;
            for (double t = rng_.exponential(); t < mu; t += rng_.exponential()) ++n;
            counts[ai * nd + di] = n;
          }
        }
      }
      for (std::size_t di = 0; di < nd; ++di) {
        for (std::size_t ai = 0; ai < antennes_.size(); ++ai) {
          const std::uint32_t n = counts[ai * nd + di];
          for (std::uint32_t k = 0; k < n; ++k) {
            arrival(antennes_[ai], month_days[di], static_cast<double>(month_days[di] - first_));
          }
        }
      }
      m0 = m1 + 1;
    }
  }
  for (std::size_t i = 0; i < queue.counsellors.size(); ++i) {
    queue.counsellors[i].busy_hours = busy_days_[i] * s.first_appointment_hours_per_day;
  }
  if (counters.received > 0) queue.mean_reception_delay /= static_cast<double>(counters.received);
}

void put_metrics(const Counters& c, const QueueStats& q, std::map<std::string, double>& m) {
  auto share = [](std::uint64_t a, std::uint64_t b) {
    return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
  };
  const std::uint64_t juries =
      c.first_jury[0] + c.first_jury[1] + c.first_jury[2] + c.first_partial_certification;
  m["received"] = static_cast<double>(c.received);
  m["first_appointments"] = static_cast<double>(c.first_appointments);
  m["wait_mean_days"] = q.mean_wait();
  m["wait_p90_days"] = q.quantile(0.9);
  m["utilisation_mean"] = q.mean_utilisation();
  m["oriented_vae_share"] = share(c.oriented_vae, c.oriented);
  m["admissibility_sent"] = static_cast<double>(c.sent_cases);
  m["admissible"] = static_cast<double>(c.admissible);
  m["admissible_without_jury_share"] = share(c.admissible_without_jury, c.admissible);
  m["jury_full_share"] = share(c.first_jury[0], juries);
  m["jury_partial_share"] = share(c.first_jury[1], juries);
  m["jury_refused_share"] = share(c.first_jury[2], juries);
  m["months_choosing"] = c.choosing.mean() / kDaysPerMonth;
  m["months_preparation"] = c.preparation.mean() / kDaysPerMonth;
  m["months_decision"] = c.decision.mean() / kDaysPerMonth;
  m["months_writing"] = c.writing.mean() / kDaysPerMonth;
  m["months_jury_wait"] = c.jury_wait.mean() / kDaysPerMonth;
  m["months_to_first_jury"] = c.to_first_jury.mean() / kDaysPerMonth;
  m["validated"] = static_cast<double>(c.validated);
  m["censored"] = static_cast<double>(c.censored);
  // The France VAE era, the profile, the follow-ups (0 where the scenario has none).
  m["accompanied_share"] = share(c.accompanied, c.received);
  m["pathways_confirmed"] = static_cast<double>(c.confirmed);
  m["lapsed"] = static_cast<double>(c.lapsed);
  m["lapse_lifted"] = static_cast<double>(c.lapse_lifted);
  m["jury_partial_certification_share"] = share(c.first_partial_certification, juries);
  m["certified"] = static_cast<double>(c.certified);
  m["funding_requested_euros"] = c.funding_requested;
  m["funding_granted_euros"] = c.funding_granted;
  m["cost_per_certification"] =
      c.certified ? c.funding_granted / static_cast<double>(c.certified) : 0.0;
  m["profiled"] = static_cast<double>(c.profiled);
  m["women_share"] = share(c.women, c.sex_stated);
  m["employee_share"] = share(c.employees, c.employment_stated);
  m["job_seeker_share"] = share(c.job_seekers, c.employment_stated);
  m["followup_response_6"] = share(c.answered[0], c.followups[0]);
  m["followup_response_12"] = share(c.answered[1], c.followups[1]);
  m["employed_12_certified_share"] = share(c.certified_employed_12, c.certified_answered_12);
}

}  // namespace

const std::vector<std::string>& simulation_metric_names() {
  static const std::vector<std::string> names = {"received",
                                                 "first_appointments",
                                                 "wait_mean_days",
                                                 "wait_p90_days",
                                                 "utilisation_mean",
                                                 "oriented_vae_share",
                                                 "admissibility_sent",
                                                 "admissible",
                                                 "admissible_without_jury_share",
                                                 "jury_full_share",
                                                 "jury_partial_share",
                                                 "jury_refused_share",
                                                 "months_choosing",
                                                 "months_preparation",
                                                 "months_decision",
                                                 "months_writing",
                                                 "months_jury_wait",
                                                 "months_to_first_jury",
                                                 "validated",
                                                 "censored",
                                                 "accompanied_share",
                                                 "pathways_confirmed",
                                                 "lapsed",
                                                 "lapse_lifted",
                                                 "jury_partial_certification_share",
                                                 "certified",
                                                 "funding_requested_euros",
                                                 "funding_granted_euros",
                                                 "cost_per_certification",
                                                 "profiled",
                                                 "women_share",
                                                 "employee_share",
                                                 "job_seeker_share",
                                                 "followup_response_6",
                                                 "followup_response_12",
                                                 "employed_12_certified_share"};
  return names;
}

double QueueStats::mean_wait() const noexcept {
  if (waits.empty()) return 0;
  double sum = 0;
  for (double w : waits) sum += w;
  return sum / static_cast<double>(waits.size());
}

double QueueStats::probability_of_wait(double threshold) const noexcept {
  if (waits.empty()) return 0;
  std::size_t n = 0;
  for (double w : waits) n += w > threshold ? 1u : 0u;
  return static_cast<double>(n) / static_cast<double>(waits.size());
}

double QueueStats::quantile(double q) const {
  if (!(q >= 0 && q <= 1)) throw InvalidArgument("a quantile is between 0 and 1");
  if (waits.empty()) return 0;
  std::vector<double> v = waits;
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
  const double a = v[lo];
  double b = a;
  if (hi != lo) b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
  return a + (h - static_cast<double>(lo)) * (b - a);
}

double QueueStats::mean_utilisation() const noexcept {
  if (counsellors.empty()) return 0;
  double sum = 0;
  for (const auto& c : counsellors) sum += c.utilisation();
  return sum / static_cast<double>(counsellors.size());
}

bool TargetCheck::ok() const noexcept {
  return std::abs(measured - target.value) <= target.tolerance;
}

SimulationResult::SimulationResult(Scenario scenario, std::uint64_t seed, EventLog log,
                                   std::vector<std::int32_t> aux,
                                   std::vector<std::string> certifiers, QueueStats queue,
                                   std::map<std::string, double> metrics,
                                   std::vector<EventData> data)
    : scenario_(std::move(scenario)),
      seed_(seed),
      log_(std::move(log)),
      aux_(std::move(aux)),
      certifiers_(std::move(certifiers)),
      queue_(std::move(queue)),
      metrics_(std::move(metrics)),
      data_(std::move(data)) {
  if (aux_.size() != log_.size())
    throw InvalidArgument("the aux column must have one entry per event");
  for (const std::int32_t a : aux_) {
    if (a < 0 && static_cast<std::size_t>(-static_cast<std::int64_t>(a)) > data_.size())
      throw InvalidArgument("an aux entry refers to missing event data");
  }
}

double SimulationResult::metric(std::string_view name) const {
  const auto it = metrics_.find(std::string(name));
  if (it == metrics_.end())
    throw NotFound(std::string(name), "no simulation metric named " + excerpt(name));
  return it->second;
}

std::vector<TargetCheck> SimulationResult::check_targets() const {
  std::vector<TargetCheck> out;
  for (const auto& t : scenario_.targets) out.push_back(TargetCheck{t, metric(t.metric)});
  return out;
}

Event SimulationResult::event(std::size_t i) const {
  if (i >= log_.size()) throw OutOfRange("event index " + std::to_string(i) + " out of range");
  Event e = log_.event(i);
  const std::int32_t a = aux_[i];
  if (a < 0) {  // the whole data, kept apart (checked in the constructor)
    e.data = data_[static_cast<std::size_t>(-static_cast<std::int64_t>(a)) - 1];
    return e;
  }
  switch (e.kind) {
    case EventKind::appointment_booked:
    case EventKind::jury_scheduled: e.data.date = Date::from_days(a); break;
    case EventKind::support_session: e.data.hours = a / 100.0; break;
    case EventKind::admissibility_sent:
      if (a >= 0 && static_cast<std::size_t>(a) < certifiers_.size())
        e.data.certifier = certifiers_[static_cast<std::size_t>(a)];
      break;
    case EventKind::dropped_out:
      if (a > 0 && static_cast<std::size_t>(a) < kReasons.size())
        e.data.reason = std::string(kReasons[static_cast<std::size_t>(a)]);
      break;
    default: break;
  }
  return e;
}

namespace {
EventLogHeader header_of(const SimulationResult& r) {
  EventLogHeader h;
  h.present = true;
  h.source = "vaekit.simulation";
  h.pseudonymised = false;
  h.extra = Json::object();
  h.extra["scenario"] = r.scenario().name;
  h.extra["seed"] = r.seed();
  return h;
}
}  // namespace

std::string SimulationResult::to_jsonl() const {
  std::string out = format_event_log({}, header_of(*this));
  for (std::size_t i = 0; i < log_.size(); ++i) {
    out += format_event_line(event(i));
    out += '\n';
  }
  return out;
}

void SimulationResult::write_jsonl(const std::filesystem::path& path) const {
  AtomicFile f(path);
  f.stream() << format_event_log({}, header_of(*this));
  for (std::size_t i = 0; i < log_.size(); ++i) f.stream() << format_event_line(event(i)) << '\n';
  f.commit();
}

bool operator==(const SimulationResult& a, const SimulationResult& b) {
  return a.scenario_ == b.scenario_ && a.seed_ == b.seed_ && a.aux_ == b.aux_ &&
         a.data_ == b.data_ && a.certifiers_ == b.certifiers_ && a.queue_ == b.queue_ &&
         a.metrics_ == b.metrics_ && a.log_.size() == b.log_.size() && a.log_.same_events(b.log_);
}

SimulationResult simulate(const Scenario& scenario, const SimulationOptions& options) {
  Scenario s = scenario;
  if (options.training_days) s.training_days = *options.training_days;
  s.validate();
  std::vector<std::string> certifiers;
  for (const auto& c : s.certifications) {
    if (std::find(certifiers.begin(), certifiers.end(), c.certifier) == certifiers.end())
      certifiers.push_back(c.certifier);
  }
  EventLog log;
  std::vector<std::int32_t> aux;
  std::vector<EventData> data;
  if (options.record_log) {
    // About 14 events a case on the full pathway, 5 on the first appointment only.
    const double years = static_cast<double>(s.period.length_days()) / 365.25;
    const double events =
        s.yearly_volume * years * (s.scope == SimulationScope::pathway ? 14.0 : 5.0);
    const auto n = static_cast<std::size_t>(std::min(events * 1.1, 5e8));
    log.reserve(n);
    aux.reserve(n);
  }
  QueueStats queue;
  Counters counters;
  auto finish = [&](auto& engine) {
    engine.run();
    queue = std::move(engine.queue);
    counters = engine.counters;
  };
  if (options.record_log) {
    Engine<LogSink> engine(s, options, LogSink{&log, &aux, &data});
    finish(engine);
  } else {
    Engine<NullSink> engine(s, options, NullSink{});
    finish(engine);
  }
  std::map<std::string, double> metrics;
  put_metrics(counters, queue, metrics);
  EventLogHeader h;
  h.present = true;
  h.source = "vaekit.simulation";
  h.pseudonymised = false;
  h.extra = Json::object();
  h.extra["scenario"] = s.name;
  h.extra["seed"] = options.seed;
  log.set_header(std::move(h));
  return SimulationResult(std::move(s), options.seed, std::move(log), std::move(aux),
                          std::move(certifiers), std::move(queue), std::move(metrics),
                          std::move(data));
}

void to_json(Json& j, const QueueStats& q) {
  j = Json::object();
  j["arrivals"] = q.arrivals;
  j["unserved"] = q.unserved;
  j["mean_reception_delay"] = q.mean_reception_delay;
  j["waits"] = q.waits;
  j["wait_case"] = q.wait_case;
  Json cs = Json::array();
  for (const auto& c : q.counsellors) {
    cs.push_back({{"staff", c.staff},
                  {"antenne", c.antenne},
                  {"appointments", c.appointments},
                  {"busy_hours", c.busy_hours},
                  {"available_hours", c.available_hours}});
  }
  j["counsellors"] = cs;
}

void from_json(const Json& j, QueueStats& q) {
  QueueStats out;
  out.arrivals = json_field<std::uint64_t>(j, "arrivals");
  out.unserved = json_field<std::uint64_t>(j, "unserved");
  out.mean_reception_delay = json_field<double>(j, "mean_reception_delay");
  out.waits = json_field<std::vector<double>>(j, "waits");
  out.wait_case = json_field<std::vector<std::uint32_t>>(j, "wait_case");
  if (out.waits.size() != out.wait_case.size()) {
    throw ParseError(SourceLocation{{}, 0, 0, "wait_case"}, "one case per wait expected");
  }
  const Json cs = json_field<Json>(j, "counsellors");
  if (!cs.is_array())
    throw ParseError(SourceLocation{{}, 0, 0, "counsellors"}, "expected an array");
  for (const auto& c : cs) {
    out.counsellors.push_back(CounsellorLoad{
        json_field<std::string>(c, "staff"), json_field<std::string>(c, "antenne"),
        json_field<std::uint64_t>(c, "appointments"), json_field<double>(c, "busy_hours"),
        json_field<double>(c, "available_hours")});
  }
  q = std::move(out);
}

void to_json(Json& j, const SimulationResult& r) {
  j = Json::object();
  j["scenario"] = r.scenario();
  j["seed"] = r.seed();
  j["certifiers"] = r.certifiers();
  const EventLog& l = r.log();
  Json log = Json::object();
  log["cases"] = l.cases().strings();
  log["antennes"] = l.antennes().strings();
  log["staff"] = l.staff().strings();
  log["certifications"] = l.certifications().strings();
  auto col = [](auto span) {
    Json a = Json::array();
    for (auto v : span) a.push_back(static_cast<std::int64_t>(v));
    return a;
  };
  log["case"] = col(l.case_column());
  log["day"] = col(l.days());
  log["kind"] = col(l.kind_column());
  log["role"] = col(l.role_column());
  log["antenne"] = col(l.antenne_column());
  log["staff_index"] = col(l.staff_column());
  log["certification"] = col(l.certification_column());
  log["payload"] = col(l.payload_column());
  log["aux"] = r.aux_column();
  // The data kept apart (negative aux), as the data of the events' lines, in event order; absent
  // when none (a 2017-era result writes as before).
  if (!r.event_data().empty()) {
    Json lines = Json::array();
    const auto& aux = r.aux_column();
    for (std::size_t i = 0; i < aux.size(); ++i) {
      if (aux[i] < 0) lines.push_back(Json(r.event(i)));
    }
    log["data"] = lines;
  }
  j["log"] = log;
  j["queue"] = r.queue();
  j["metrics"] = r.metrics();
}

SimulationResult simulation_result_from_json(const Json& j) {
  Scenario scenario = json_field<Scenario>(j, "scenario");
  const auto seed = json_field<std::uint64_t>(j, "seed");
  auto certifiers = json_field<std::vector<std::string>>(j, "certifiers");
  const Json lj = json_field<Json>(j, "log");
  EventLog log;
  std::vector<std::int32_t> aux;
  std::vector<EventData> data;
  try {
    const auto cases = json_field<std::vector<std::string>>(lj, "cases");
    const auto antennes = json_field<std::vector<std::string>>(lj, "antennes");
    const auto staff = json_field<std::vector<std::string>>(lj, "staff");
    const auto certs = json_field<std::vector<std::string>>(lj, "certifications");
    const auto c_case = json_field<std::vector<std::int64_t>>(lj, "case");
    const auto c_day = json_field<std::vector<std::int64_t>>(lj, "day");
    const auto c_kind = json_field<std::vector<std::int64_t>>(lj, "kind");
    const auto c_role = json_field<std::vector<std::int64_t>>(lj, "role");
    const auto c_ant = json_field<std::vector<std::int64_t>>(lj, "antenne");
    const auto c_staff = json_field<std::vector<std::int64_t>>(lj, "staff_index");
    const auto c_cert = json_field<std::vector<std::int64_t>>(lj, "certification");
    const auto c_payload = json_field<std::vector<std::int64_t>>(lj, "payload");
    aux = json_field<std::vector<std::int32_t>>(lj, "aux");
    if (lj.contains("data")) {
      const Json& lines = lj.at("data");
      if (!lines.is_array())
        throw ParseError(SourceLocation{{}, 0, 0, "data"}, "expected an array");
      for (const auto& line : lines) data.push_back(line.get<Event>().data);
    }
    for (const std::int32_t a : aux) {
      if (a < 0 && static_cast<std::size_t>(-static_cast<std::int64_t>(a)) > data.size())
        throw ParseError(SourceLocation{{}, 0, 0, "aux"}, "refers to missing event data");
    }
    const std::size_t n = c_case.size();
    for (const auto* c : {&c_day, &c_kind, &c_role, &c_ant, &c_staff, &c_cert, &c_payload}) {
      if (c->size() != n)
        throw ParseError(SourceLocation{{}, 0, 0, "columns"}, "columns of different lengths");
    }
    if (aux.size() != n)
      throw ParseError(SourceLocation{{}, 0, 0, "aux"}, "one entry per event expected");
    auto str = [](const std::vector<std::string>& pool, std::int64_t i,
                  const char* field) -> std::string_view {
      if (i == static_cast<std::int64_t>(no_string)) return {};
      if (i < 0 || static_cast<std::size_t>(i) >= pool.size())
        throw ParseError(SourceLocation{{}, 0, 0, field}, "string index out of range");
      return pool[static_cast<std::size_t>(i)];
    };
    log.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (c_kind[i] < 0 || static_cast<std::size_t>(c_kind[i]) >= event_kind_count)
        throw ParseError(SourceLocation{{}, 0, 0, "kind"}, "unknown event kind");
      if (c_role[i] < 0 || static_cast<std::size_t>(c_role[i]) >= role_count)
        throw ParseError(SourceLocation{{}, 0, 0, "role"}, "unknown role");
      if (c_payload[i] < 0 || c_payload[i] > 0xFFFF'FFFF)
        throw ParseError(SourceLocation{{}, 0, 0, "payload"}, "out of range");
      if (c_day[i] < -1'000'000 || c_day[i] > 3'000'000)
        throw ParseError(SourceLocation{{}, 0, 0, "day"}, "out of range");
      const std::string_view case_id = str(cases, c_case[i], "case");
      if (case_id.empty()) throw ParseError(SourceLocation{{}, 0, 0, "case"}, "missing case");
      log.append(case_id, Timestamp(Date::from_days(c_day[i])), static_cast<EventKind>(c_kind[i]),
                 static_cast<Role>(c_role[i]), str(antennes, c_ant[i], "antenne"),
                 str(staff, c_staff[i], "staff_index"), str(certs, c_cert[i], "certification"),
                 static_cast<std::uint32_t>(c_payload[i]));
    }
  } catch (const ParseError& e) {
    SourceLocation w = e.where();
    w.field = "log." + w.field;
    throw ParseError(w, e.reason());
  }
  EventLogHeader h;
  h.present = true;
  h.source = "vaekit.simulation";
  h.pseudonymised = false;
  h.extra = Json::object();
  h.extra["scenario"] = scenario.name;
  h.extra["seed"] = seed;
  log.set_header(std::move(h));
  auto queue = json_field<QueueStats>(j, "queue");
  auto metrics = json_field<std::map<std::string, double>>(j, "metrics");
  SimulationResult out(std::move(scenario), seed, std::move(log), std::move(aux),
                       std::move(certifiers), std::move(queue), std::move(metrics),
                       std::move(data));
  return out;
}

}  // namespace vaekit
