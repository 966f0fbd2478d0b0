// The reference activity report: computation in two passes, exact merge, publication with
// disclosure control.
#include "vaekit/analytics/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

#include "annex_cells.hpp"
#include "funnel_steps.hpp"
#include "report_categories.hpp"
#include "report_profile.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/analytics/published_cells.hpp"
#include "vaekit/core/io.hpp"

namespace vaekit {

// ---------------------------------------------------------------------------------------------
// numpy statistics on exact distributions.

namespace {

/// The value at 0-based rank @p k of the sorted values of @p d.
std::int32_t value_at_rank(const Distribution& d, std::uint64_t k) {
  std::uint64_t seen = 0;
  for (const auto& [v, n] : d) {
    seen += n;
    if (k < seen) return v;
  }
  return d.rbegin()->first;
}

std::uint64_t total_count(const Distribution& d) {
  std::uint64_t n = 0;
  for (const auto& [v, c] : d) n += c;
  return n;
}

}  // namespace

double numpy_percentile(const Distribution& d, double q) {
  const std::uint64_t n = total_count(d);
  if (n == 0) throw InvalidArgument("percentile of no values");
  if (!(q >= 0 && q <= 100)) throw InvalidArgument("percentile must be within 0-100");
  const double quantile = q / 100.0;
  // numpy: virtual index (n - 1) * q; floor; neighbours clipped to the last value; then
  // _lerp(a, b, t) = a + (b - a) * t, or b - (b - a) * (1 - t) when t >= 0.5.
  const double vi = static_cast<double>(n - 1) * quantile;
  const double prev = std::floor(vi);
  std::int64_t a = 0, b = 0;
  if (vi >= static_cast<double>(n - 1)) {
    a = b = d.rbegin()->first;
  } else {
    const auto k = static_cast<std::uint64_t>(prev);
    a = value_at_rank(d, k);
    b = value_at_rank(d, k + 1);
  }
  const double t = vi - prev;
  const auto diff = static_cast<double>(b - a);
  if (t >= 0.5) return static_cast<double>(b) - diff * (1 - t);
  return static_cast<double>(a) + diff * t;
}

double numpy_median(const Distribution& d) {
  const std::uint64_t n = total_count(d);
  if (n == 0) throw InvalidArgument("median of no values");
  if (n % 2 == 1) return static_cast<double>(value_at_rank(d, n / 2));
  // numpy.median: mean of the two middle values.
  const double a = value_at_rank(d, n / 2 - 1), b = value_at_rank(d, n / 2);
  return (a + b) / 2.0;
}

DistributionStats describe(const Distribution& d) {
  DistributionStats s;
  std::int64_t sum = 0;
  for (const auto& [v, c] : d) {
    s.count += c;
    sum += static_cast<std::int64_t>(v) * static_cast<std::int64_t>(c);
  }
  if (s.count == 0) return s;
  s.mean = static_cast<double>(sum) / static_cast<double>(s.count);
  s.median = numpy_median(d);
  s.p90 = numpy_percentile(d, 90);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Computation.

namespace {

enum FunnelCol : std::size_t {
  f_received,
  f_counselled,
  f_or_vae,
  f_or_vap,
  f_or_training,
  f_or_skills,
  f_or_other,
  f_sent,
  f_admissible,
  f_jury,
  f_jury_full,
  f_jury_partial,
  f_jury_refused,
  f_jury_absent,
  f_dropped,
};

constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::max();

struct CaseFirsts {
  std::int32_t received = kNone, held = kNone, sent = kNone, decided = kNone, admissible = kNone,
               jury = kNone;
  std::uint32_t received_antenne = no_string;
  std::uint32_t flags = 0;
};

/// Year and month index of days since the epoch, cached over the log's range of days.
class MonthTable {
 public:
  MonthTable(std::int32_t lo, std::int32_t hi) : lo_(lo) {
    if (hi < lo) return;
    month_.resize(static_cast<std::size_t>(hi - lo) + 1);
    for (std::int32_t d = lo; d <= hi; ++d) {
      const Date date = Date::from_days(d);
      month_[static_cast<std::size_t>(d - lo)] = date.year() * 12 + date.month() - 1;
    }
  }
  [[nodiscard]] int month(std::int32_t day) const {
    return month_[static_cast<std::size_t>(day - lo_)];
  }
  [[nodiscard]] int year(std::int32_t day) const { return month(day) / 12; }

 private:
  std::int32_t lo_;
  std::vector<int> month_;
};

std::uint64_t key2(std::uint32_t a, int month) {
  return (std::uint64_t{a} << 32) | static_cast<std::uint32_t>(month);
}

// ---- Employment after the jury (issue 15): the certification-to-employment funnel step. ----

/// Keeps the situation of a 12-month `followup_recorded` (the last one of the case in file
/// order) in @p fu12 (situation + 1; sized on first use).
void record_followup_12m(std::vector<std::uint8_t>& fu12, std::uint32_t case_index,
                         std::uint32_t payload) {
  const EventData d = decode_payload(EventKind::followup_recorded, payload);
  if (d.months != 12 || !d.situation) return;
  if (fu12.size() <= case_index) fu12.resize(std::size_t{case_index} + 1, 0);
  fu12[case_index] = static_cast<std::uint8_t>(static_cast<unsigned>(*d.situation) + 1u);
}

/// The employment step of each funnel row: for each case with a 12-month follow-up, when
/// @p cohort(case) says it was received and fully validated, its (cohort year, antenne) row and
/// the totals row of the year count it as surveyed, followed (answered) and employed.
template <class Cohort>
void add_employment_steps(std::map<ActivityReport::FunnelKey, ActivityReport::EmploymentStep>& out,
                          const std::vector<std::uint8_t>& fu12, const StringPool& antennes,
                          const std::vector<std::uint64_t>& rk, Cohort cohort) {
  for (std::size_t ci = 0; ci < fu12.size(); ++ci) {
    if (fu12[ci] == 0) continue;
    const auto [counted, row] = cohort(ci);
    if (!counted) continue;
    const auto situation = static_cast<Situation>(fu12[ci] - 1u);
    const bool answered = situation != Situation::no_answer;
    const bool employed = situation == Situation::same_job || situation == Situation::promotion ||
                          situation == Situation::new_job;
    auto add = [&](ActivityReport::FunnelKey key) {
      ActivityReport::EmploymentStep& s = out[key];
      ++s.surveyed;
      if (answered) {
        ++s.followed;
        s.followed_key += rk[ci];
      }
      if (employed) {
        ++s.employed;
        s.employed_key += rk[ci];
      }
    };
    add({row.first, std::nullopt});
    if (row.second != no_string) add({row.first, std::string(antennes[row.second])});
  }
}

}  // namespace

CellPublication publish_cells(CellSystem& sys, const std::vector<std::uint64_t>& key_sums,
                              ProtectionMethod method, const PublishOptions& options) {
  const std::size_t n = sys.size();
  CellPublication out;
  out.published.assign(n, -1);
  std::vector<CellBounds> pub_bounds(n);
  const std::int64_t t = options.threshold;
  if (method == ProtectionMethod::none) {
    for (std::size_t i = 0; i < n; ++i) {
      if (sys.hidden(i)) continue;
      out.published[i] = sys.value(i);
      pub_bounds[i] =
          CellBounds{static_cast<double>(sys.value(i)), static_cast<double>(sys.value(i))};
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      if (!sys.hidden(i) && sys.value(i) < t) sys.suppress(i);
    }
    if (method == ProtectionMethod::suppression) {
      sys.protect(t);  // exact recomputation first (cheap), then the interval audit below
      for (std::size_t i = 0; i < n; ++i) {
        const auto v = static_cast<double>(sys.value(i));
        pub_bounds[i] = sys.hidden(i) ? CellBounds{} : CellBounds{v, v};
        out.published[i] = sys.value(i);
      }
    } else {
      PTableParams pp;
      pp.max_deviation = options.max_deviation;
      pp.variance = options.variance;
      pp.min_output = t;
      const PTable ptable(pp);
      for (std::size_t i = 0; i < n; ++i) {
        if (sys.hidden(i)) continue;
        const std::int64_t v = sys.value(i);
        if (v < t) continue;  // suppressed: never published
        const std::int64_t p = ptable.perturb(v, cell_key(options.key, key_sums[i]));
        out.published[i] = p;
        // The attacker knows the table: the true count is in the preimage of p, and >= t.
        const auto [lo, hi] = ptable.preimage(p);
        pub_bounds[i] = CellBounds{static_cast<double>(std::max(lo, t)), static_cast<double>(hi)};
      }
    }
    out.audit = protect_intervals(sys, pub_bounds, options.protection);
  }
  out.bounds.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const bool withheld = sys.suppressed(i) || sys.hidden(i);
    if (withheld) out.published[i] = -1;
    out.bounds[i] = withheld ? CellBounds{} : pub_bounds[i];
  }
  return out;
}

void ActivityReport::set_threshold(std::int64_t t) {
  if (t < 0) throw InvalidArgument("the disclosure threshold must be >= 0");
  threshold_ = t;
}

ActivityReport ActivityReport::compute(const EventLog& log, ReportOptions options) {
  ActivityReport rep;
  rep.set_threshold(options.threshold);
  const std::size_t n = log.size();
  if (n == 0) return rep;
  const auto cases = log.case_column();
  const auto times = log.time_column();  // packed: orders by day first
  const auto kinds = log.kind_column();
  const auto ants = log.antenne_column();
  const auto staff = log.staff_column();
  const auto payload = log.payload_column();
  const auto [lo_it, hi_it] = std::minmax_element(times.begin(), times.end());
  const std::int32_t lo = EventLog::day_of(*lo_it), hi = EventLog::day_of(*hi_it);
  // Month lookups: a table over the log's range of days, or the calendar for huge ranges.
  const bool dense_months = static_cast<std::int64_t>(hi) - lo < 400'000;
  const MonthTable months(lo, dense_months ? hi : lo - 1);
  auto month_of = [&](std::int32_t d) {
    if (dense_months) return months.month(d);
    const Date date = Date::from_days(d);
    return date.year() * 12 + date.month() - 1;
  };

  std::vector<CaseFirsts> cs(log.cases().size());
  // Record keys of the cell-key method: one fixed key per case (an event counts with its case's).
  std::vector<std::uint64_t> rk(cs.size());
  for (std::size_t c = 0; c < rk.size(); ++c)
    rk[c] = record_key(log.cases()[static_cast<std::uint32_t>(c)]);
  struct CountKey {
    std::uint64_t n = 0, key = 0;
    void add(std::uint64_t k) {
      ++n;
      key += k;
    }
  };
  std::unordered_map<std::uint64_t, CountKey> m_received, m_held, work;
  std::vector<std::uint8_t> fu12;  // per case: 12-month follow-up situation + 1 (issue 15)

  report_detail::ProfileTally profiles(log);  // by profile (issue 15)
  report_detail::CategoryTally cats(log);     // by channel, drop-outs by reason (issue 15)
  auto set_min = [](std::int32_t& slot, std::int32_t d) {
    if (d < slot) slot = d;
  };
  for (std::size_t i = 0; i < n; ++i) {
    CaseFirsts& c = cs[cases[i]];
    const std::int32_t d = EventLog::day_of(times[i]);
    // France VAE events stand for the 2017 steps (funnel_steps.hpp): one funnel for both eras.
    const auto [kind, pl] = funnel_steps::as_2017_step(kinds[i], payload[i]);
    switch (kind) {
      case EventKind::received:
        if (d < c.received) {
          c.received = d;
          c.received_antenne = ants[i];
          cats.first_received(cases[i], pl);
        }
        if (ants[i] != no_string) m_received[key2(ants[i], month_of(d))].add(rk[cases[i]]);
        break;
      case EventKind::appointment_held:
        set_min(c.held, d);
        c.flags |= 1u << f_counselled;
        if (ants[i] != no_string || staff[i] != no_string) {
          const int m = month_of(d);
          if (ants[i] != no_string) m_held[key2(ants[i], m)].add(rk[cases[i]]);
          if (staff[i] != no_string) work[key2(staff[i], m)].add(rk[cases[i]]);
        }
        break;
      case EventKind::oriented:
        if (pl != no_payload) c.flags |= 1u << (f_or_vae + (pl - 1u));
        break;
      case EventKind::admissibility_sent:
        set_min(c.sent, d);
        c.flags |= 1u << f_sent;
        break;
      case EventKind::admissibility_decided:
        set_min(c.decided, d);
        if ((pl & 0xFF) == static_cast<unsigned>(AdmissibilityDecision::admissible) + 1u) {
          set_min(c.admissible, d);
          c.flags |= 1u << f_admissible;
        }
        break;
      case EventKind::jury_held:
        set_min(c.jury, d);
        c.flags |= 1u << f_jury;
        // The funnel's result columns are full, partial, refused and absent (payload 1-4); a
        // France VAE partial_certification result counts as partial (as_2017_step).
        if (pl != no_payload && pl <= 4u) c.flags |= 1u << (f_jury_full + (pl - 1u));
        break;
      case EventKind::dropped_out:
        c.flags |= 1u << f_dropped;
        cats.dropped_out(i);
        break;
      case EventKind::followup_recorded: record_followup_12m(fu12, cases[i], pl); break;

      case EventKind::profile_recorded: profiles.observe(i); break;
      default: break;
    }
  }

  // Per case: funnel, durations, waits by month of reception.
  std::unordered_map<std::uint64_t, std::pair<FunnelCounts, FunnelCounts>> funnel;  // counts, keys
  std::array<std::unordered_map<std::int32_t, std::uint64_t>, 5> dur;
  std::array<std::uint64_t, 5> dur_key{};
  std::unordered_map<std::uint64_t, std::unordered_map<std::int32_t, std::uint64_t>> waits;
  for (std::size_t ci = 0; ci < cs.size(); ++ci) {
    const CaseFirsts& c = cs[ci];
    const std::uint64_t key = rk[ci];
    if (c.received != kNone) {
      const int year = month_of(c.received) / 12;
      const std::uint32_t flags = c.flags | (1u << f_received);
      auto add = [&](std::uint32_t antenne_plus1) {
        auto& [row, keys] = funnel[key2(antenne_plus1, year)];
        for (std::size_t k = 0; k < funnel_columns.size(); ++k) {
          const std::uint64_t bit = (flags >> k) & 1u;
          row[k] += bit;
          keys[k] += bit * key;
        }
      };
      add(0);
      if (c.received_antenne != no_string) add(c.received_antenne + 1);
      profiles.count(static_cast<std::uint32_t>(ci), year, flags, key);
      cats.count(static_cast<std::uint32_t>(ci), year, c.received_antenne,
                 ((flags >> f_dropped) & 1u) != 0, key);
    }
    auto span = [&](std::size_t measure, std::int32_t from, std::int32_t to) {
      if (from != kNone && to != kNone) {
        ++dur[measure][to - from];
        dur_key[measure] += key;
      }
    };
    span(0, c.received, c.held);
    span(1, c.held, c.sent);
    span(2, c.sent, c.decided);
    span(3, c.admissible, c.jury);
    span(4, c.received, c.jury);
    if (c.received != kNone && c.held != kNone && c.received_antenne != no_string) {
      ++waits[key2(c.received_antenne, month_of(c.received))][c.held - c.received];
    }
  }

  // Into the exact, string-keyed state.
  const auto& antennes = log.antennes();
  if (!fu12.empty()) {
    add_employment_steps(rep.employment_, fu12, antennes, rk, [&](std::size_t ci) {
      const CaseFirsts& c = cs[ci];
      const bool full = ((c.flags >> f_jury_full) & 1u) != 0;
      return std::pair<bool, std::pair<int, std::uint32_t>>{
          c.received != kNone && full,
          {c.received == kNone ? 0 : month_of(c.received) / 12, c.received_antenne}};
    });
  }
  for (const auto& [k, row] : funnel) {
    const auto a = static_cast<std::uint32_t>(k >> 32);
    const int year = static_cast<int>(static_cast<std::uint32_t>(k));
    FunnelKey key{year, a == 0 ? std::nullopt : std::optional<std::string>(antennes[a - 1])};
    rep.funnel_.emplace(key, row.first);
    rep.funnel_keys_.emplace(std::move(key), row.second);
  }
  for (std::size_t m = 0; m < 5; ++m) {
    for (const auto& [v, c] : dur[m]) rep.durations_[m][v] += c;
  }
  rep.duration_keys_ = dur_key;
  auto month_key = [&](const StringPool& pool, std::uint64_t k) {
    return MonthKey{pool[static_cast<std::uint32_t>(k >> 32)],
                    YearMonth::from_index(static_cast<int>(static_cast<std::uint32_t>(k)))};
  };
  for (const auto& [k, v] : m_received) {
    auto& cell = rep.monthly_[month_key(antennes, k)];
    cell.received += v.n;
    cell.received_key += v.key;
  }
  for (const auto& [k, v] : m_held) {
    auto& cell = rep.monthly_[month_key(antennes, k)];
    cell.appointment_held += v.n;
    cell.held_key += v.key;
  }
  for (const auto& [k, dist] : waits) {
    auto& cell = rep.monthly_[month_key(antennes, k)];
    for (const auto& [v, c] : dist) cell.waits[v] += c;
  }
  for (const auto& [k, v] : work) {
    const MonthKey mk = month_key(log.staff(), k);
    rep.workload_[mk] += v.n;
    rep.workload_keys_[mk] += v.key;
  }
  profiles.store(rep.profile_, rep.profile_keys_);
  cats.store(antennes, rep.channels_, rep.dropout_reasons_);
  return rep;
}

ActivityReport activity_report(const EventLog& log, ReportOptions options) {
  return ActivityReport::compute(log, options);
}

void ActivityReport::merge(const ActivityReport& o) {
  for (const auto& [k, row] : o.funnel_) {
    FunnelCounts& mine = funnel_.try_emplace(k, FunnelCounts{}).first->second;
    for (std::size_t i = 0; i < row.size(); ++i) mine[i] += row[i];
  }
  for (const auto& [k, row] : o.funnel_keys_) {
    FunnelCounts& mine = funnel_keys_.try_emplace(k, FunnelCounts{}).first->second;
    for (std::size_t i = 0; i < row.size(); ++i) mine[i] += row[i];  // modulo 2^64
  }
  for (std::size_t m = 0; m < 5; ++m) {
    for (const auto& [v, c] : o.durations_[m]) durations_[m][v] += c;
    duration_keys_[m] += o.duration_keys_[m];
  }
  for (const auto& [k, cell] : o.monthly_) {
    MonthlyCell& mine = monthly_[k];
    mine.received += cell.received;
    mine.appointment_held += cell.appointment_held;
    mine.received_key += cell.received_key;
    mine.held_key += cell.held_key;
    for (const auto& [v, c] : cell.waits) mine.waits[v] += c;
  }
  for (const auto& [k, v] : o.workload_) workload_[k] += v;
  for (const auto& [k, v] : o.workload_keys_) workload_keys_[k] += v;
  for (const auto& [k, e] : o.employment_) {
    EmploymentStep& mine = employment_[k];
    mine.surveyed += e.surveyed;
    mine.followed += e.followed;
    mine.employed += e.employed;
    mine.followed_key += e.followed_key;
    mine.employed_key += e.employed_key;
  }

  report_detail::merge_profile_counts(profile_, o.profile_);
  report_detail::merge_profile_counts(profile_keys_, o.profile_keys_);
  report_detail::merge_category_counts(channels_, o.channels_);
  report_detail::merge_category_counts(dropout_reasons_, o.dropout_reasons_);
}

ActivityReport ActivityReport::map_staff(
    const std::function<std::string(std::string_view)>& rename) const {
  ActivityReport out = *this;
  out.workload_.clear();
  for (const auto& [k, v] : workload_) out.workload_[{rename(k.first), k.second}] += v;
  // The cell keys of the workload follow their cells (sums of record keys add modulo 2^64).
  out.workload_keys_.clear();
  for (const auto& [k, v] : workload_keys_) out.workload_keys_[{rename(k.first), k.second}] += v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Publication with disclosure control.

namespace {
Json opt_string(const std::optional<std::string>& s) {
  return s ? Json(*s) : Json(nullptr);
}
std::int64_t i64(std::uint64_t v) {
  return static_cast<std::int64_t>(v);
}
}  // namespace

std::string_view protection_method_name(ProtectionMethod m) noexcept {
  switch (m) {
    case ProtectionMethod::none: return "none";
    case ProtectionMethod::suppression: return "suppression";
    case ProtectionMethod::cell_key: return "cell-key";
  }
  return "none";
}

std::optional<ProtectionMethod> try_protection_method_from_string(std::string_view name) noexcept {
  if (name == "none") return ProtectionMethod::none;
  if (name == "suppression") return ProtectionMethod::suppression;
  if (name == "cell-key" || name == "cell_key") return ProtectionMethod::cell_key;
  return std::nullopt;
}

ProtectionMethod protection_method_from_string(std::string_view name) {
  if (auto m = try_protection_method_from_string(name)) return *m;
  throw InvalidArgument("unknown protection method " + excerpt(name) +
                        " (expected none, suppression or cell-key)");
}

PublishedReport ActivityReport::publish() const {
  PublishOptions o;
  o.threshold = threshold_;
  return publish(o);
}

PublishedReport ActivityReport::publish(const PublishOptions& options) const {
  return publish(options, ReportAnnexes{});
}

namespace {
/// Whether @p events hold an event of one of @p kinds.
bool any_of_kind(std::span<const Event> events, std::initializer_list<EventKind> kinds) {
  return std::any_of(events.begin(), events.end(), [&](const Event& e) {
    return std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end();
  });
}
}  // namespace

PublishedReport ActivityReport::publish(const PublishOptions& options,
                                        const ReportAnnexes& annexes) const {
  if (options.threshold < 0) throw InvalidArgument("the disclosure threshold must be >= 0");
  if (!(options.protection >= 0)) throw InvalidArgument("the protection level must be >= 0");
  PublishedReport out;
  out.threshold = options.threshold;
  out.options = options;
  out.options.key.clear();
  if (options.threshold == 0) out.options.method = ProtectionMethod::none;
  const ProtectionMethod method = out.options.method;
  out.keyed = method == ProtectionMethod::cell_key && !options.key.empty();
  // Every table's cells in one system, protected once (PublishedCells, like every publication).
  PublishedCells pc;
  CellSystem& sys = pc.system();
  auto cell = [&](std::uint64_t v, std::uint64_t key, Json label) {
    return pc.add(v, key, std::move(label));
  };
  auto hidden = [&](std::int64_t v) { return pc.add_hidden(v); };
  auto label = [](std::string_view table, Json row, std::string_view column) {
    return Json{{"table", table}, {"row", std::move(row)}, {"column", column}};
  };
  // An equality an outsider may assume, used only where it holds in the data (an attacker who
  // assumes it elsewhere computes a wrong value); where it does not, its true inequality.
  auto add_sum = [&](std::size_t total, std::vector<std::size_t> parts, RelationKind otherwise) {
    std::int64_t sum = 0;
    for (std::size_t p : parts) sum += sys.value(p);
    if (sum == sys.value(total)) {
      sys.add_relation(total, std::move(parts), RelationKind::equal);
    } else if (otherwise == RelationKind::at_least) {
      sys.add_relation(total, std::move(parts), RelationKind::at_least);
    }
  };

  // Funnel cells: rows in key order (year, totals first, antennes).
  std::vector<std::array<std::size_t, funnel_columns.size()>> fcell;
  std::map<int, std::size_t> total_row_of_year;
  std::map<std::pair<int, std::string>, std::size_t> row_of_year_antenne;
  std::vector<FunnelKey> frow_keys;
  for (const auto& [key, counts] : funnel_) {
    const auto kit = funnel_keys_.find(key);
    const FunnelCounts keys = kit != funnel_keys_.end() ? kit->second : FunnelCounts{};
    std::array<std::size_t, funnel_columns.size()> cells{};
    const Json row{{"year", key.first}, {"antenne", opt_string(key.second)}};
    for (std::size_t k = 0; k < counts.size(); ++k)
      cells[k] = cell(counts[k], keys[k], label("funnel", row, funnel_columns[k]));
    if (!key.second) {
      total_row_of_year[key.first] = fcell.size();
    } else {
      row_of_year_antenne[{key.first, *key.second}] = fcell.size();
    }
    fcell.push_back(cells);
    frow_keys.push_back(key);
  }
  // (1) totals row >= sum of antenne rows (a case received without antenne counts in the
  // totals only); equal where no such case.
  for (const auto& [year, trow] : total_row_of_year) {
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < frow_keys.size(); ++r) {
      if (frow_keys[r].first == year && frow_keys[r].second) rows.push_back(r);
    }
    if (rows.empty()) continue;
    for (std::size_t k = 0; k < funnel_columns.size(); ++k) {
      std::vector<std::size_t> parts;
      for (std::size_t r : rows) parts.push_back(fcell[r][k]);
      add_sum(fcell[trow][k], std::move(parts), RelationKind::at_least);
    }
  }
  // (2) within a row: every column <= received (only received cases are counted); each jury
  // result <= jury_held (a result comes with a jury); jury_held = full + partial + refused +
  // absent only where it holds (a case sits again after a partial result or an absence, and a
  // jury may have no result: neither direction holds in general).
  for (const auto& cells : fcell) {
    for (std::size_t k = 1; k < funnel_columns.size(); ++k)
      sys.add_relation(cells[f_received], {cells[k]}, RelationKind::at_least);
    for (std::size_t k : {f_jury_full, f_jury_partial, f_jury_refused, f_jury_absent})
      sys.add_relation(cells[f_jury], {cells[k]}, RelationKind::at_least);
    add_sum(
        cells[f_jury],
        {cells[f_jury_full], cells[f_jury_partial], cells[f_jury_refused], cells[f_jury_absent]},
        RelationKind::equal /* no inequality holds */);
  }
  // Employment step cells (issue 15), only in reports with follow-ups: followed_12m <=
  // jury_full (only fully validated cases count), employed_12m <= followed_12m, and the totals
  // row >= the sum of its antennes (equal where it holds), as for the funnel's own columns.
  std::vector<std::optional<std::array<std::size_t, 2>>> ecell(fcell.size());
  for (std::size_t r = 0; r < frow_keys.size(); ++r) {
    const auto eit = employment_.find(frow_keys[r]);
    if (eit == employment_.end() || eit->second.surveyed == 0) continue;
    const EmploymentStep& e = eit->second;
    const Json row{{"year", frow_keys[r].first}, {"antenne", opt_string(frow_keys[r].second)}};
    ecell[r] = std::array<std::size_t, 2>{
        cell(e.followed, e.followed_key, label("funnel", row, employment_step_columns[0])),
        cell(e.employed, e.employed_key, label("funnel", row, employment_step_columns[1]))};
    sys.add_relation(fcell[r][f_jury_full], {(*ecell[r])[0]}, RelationKind::at_least);
    sys.add_relation((*ecell[r])[0], {(*ecell[r])[1]}, RelationKind::at_least);
  }
  for (const auto& [year, trow] : total_row_of_year) {
    if (!ecell[trow]) continue;
    for (std::size_t k = 0; k < 2; ++k) {
      std::vector<std::size_t> parts;
      for (std::size_t r = 0; r < frow_keys.size(); ++r) {
        if (frow_keys[r].first == year && frow_keys[r].second && ecell[r])
          parts.push_back((*ecell[r])[k]);
      }
      if (!parts.empty()) add_sum((*ecell[trow])[k], std::move(parts), RelationKind::at_least);
    }
  }
  // Durations counts: published too, so in the system. wait = cases with received and
  // appointment_held = the sum over cohort years of the totals' counselled; whole = cases with
  // received and jury_held = the sum of the totals' jury_held (both by definition).
  std::array<std::size_t, 5> dcell{};
  std::array<DistributionStats, 5> dstats;
  for (std::size_t m = 0; m < 5; ++m) {
    dstats[m] = describe(durations_[m]);
    dcell[m] = cell(dstats[m].count, duration_keys_[m],
                    label("durations", Json{{"measure", duration_measures[m]}}, "count"));
  }
  {
    std::vector<std::size_t> counselled, jury;
    for (const auto& [year, trow] : total_row_of_year) {
      counselled.push_back(fcell[trow][f_counselled]);
      jury.push_back(fcell[trow][f_jury]);
    }
    if (!counselled.empty()) {
      sys.add_relation(dcell[0], std::move(counselled));
      sys.add_relation(dcell[4], std::move(jury));
    }
  }
  // By profile (issue 15): rows of the same cases as the funnel's totals rows, in the same system.
  const auto pcell =
      report_detail::add_profile_cells(sys, cell, profile_, profile_keys_,
                                       [&](int year, std::size_t k) -> std::optional<std::size_t> {
                                         const auto it = total_row_of_year.find(year);
                                         if (it == total_row_of_year.end()) return std::nullopt;
                                         return fcell[it->second][k];
                                       });
  // By channel and drop-outs by reason (issue 15): partitions of the funnel's received and
  // dropped_out cells, in the same system (report_categories.hpp).
  const auto chrows = report_detail::published_rows(channels_, frow_keys, channel_not_stated);
  const auto drrows = report_detail::published_rows(dropout_reasons_, frow_keys, reason_not_coded);
  auto category_cells = [&](std::string_view table, const auto& rows, std::size_t k) {
    return report_detail::add_category_cells(
        sys, cell, table, rows,
        [&](int year, const std::optional<std::string>& a) -> std::optional<std::size_t> {
          if (!a) {
            const auto it = total_row_of_year.find(year);
            if (it == total_row_of_year.end()) return std::nullopt;
            return fcell[it->second][k];
          }
          const auto it = row_of_year_antenne.find({year, *a});
          if (it == row_of_year_antenne.end()) return std::nullopt;
          return fcell[it->second][k];
        });
  };
  const auto chcell = category_cells("by_channel", chrows, f_received);
  const auto drcell = category_cells("dropout_reasons", drrows, f_dropped);
  // Monthly and workload cells.
  struct MCell {
    std::size_t received, held;
  };
  std::vector<MCell> mcell;
  for (const auto& [key, c] : monthly_) {
    const Json row{{"antenne", key.first}, {"month", key.second.to_string()}};
    const std::size_t r = cell(c.received, c.received_key, label("monthly", row, "received"));
    const std::size_t h =
        cell(c.appointment_held, c.held_key, label("monthly", row, "appointment_held"));
    mcell.push_back(MCell{r, h});
  }
  std::vector<std::size_t> wcell;
  for (const auto& [key, v] : workload_) {
    const auto kit = workload_keys_.find(key);
    wcell.push_back(
        cell(v, kit != workload_keys_.end() ? kit->second : 0,
             label("workload", Json{{"staff", key.first}, {"month", key.second.to_string()}},
                   "appointment_held")));
  }
  // (3) the funnel received of (year, antenne) <= the received events of that antenne in the
  // months of that year (a case's first reception is one of them); equal where each case was
  // received once.
  {
    std::map<std::pair<int, std::string>, std::vector<std::size_t>> by_year;
    std::size_t i = 0;
    for (const auto& [key, c] : monthly_)
      by_year[{key.second.year(), key.first}].push_back(mcell[i++].received);
    for (auto& [k, parts] : by_year) {
      auto it = row_of_year_antenne.find(k);
      if (it == row_of_year_antenne.end()) continue;
      const std::size_t f = fcell[it->second][f_received];
      std::int64_t sum = 0;
      for (std::size_t p : parts) sum += sys.value(p);
      if (sum == sys.value(f)) {
        sys.add_relation(f, std::move(parts));
      } else {
        const std::size_t h = hidden(sum);
        sys.add_relation(h, std::move(parts));
        sys.add_relation(h, {f}, RelationKind::at_least);
      }
    }
  }
  // (4) per month, appointments by antenne and by staff add up to the same total where every
  // appointment of the month names both (otherwise no relation holds).
  {
    std::map<YearMonth, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> by_month;
    std::map<YearMonth, std::pair<std::int64_t, std::int64_t>> sums;
    std::size_t i = 0;
    for (const auto& [key, c] : monthly_) {
      by_month[key.second].first.push_back(mcell[i++].held);
      sums[key.second].first += i64(c.appointment_held);
    }
    i = 0;
    for (const auto& [key, v] : workload_) {
      by_month[key.second].second.push_back(wcell[i++]);
      sums[key.second].second += i64(v);
    }
    for (auto& [m, sides] : by_month) {
      if (sides.first.empty() || sides.second.empty()) continue;
      if (sums[m].first != sums[m].second) continue;
      const std::size_t h = hidden(sums[m].first);
      sys.add_relation(h, std::move(sides.first));
      sys.add_relation(h, std::move(sides.second));
    }
  }

  // The annexes (issue 15): employment after the jury and funding, in the same system, related
  // to the funnel's cells where the relations hold.
  const std::size_t annex_first = pc.size();
  std::optional<report_detail::EmploymentCells> emp;
  std::optional<report_detail::FundingCells> fund;
  if (annexes.employment && any_of_kind(annexes.events, {EventKind::followup_recorded})) {
    emp = report_detail::add_employment_cells(pc, annexes.events, annexes.employment_by,
                                              annexes.as_of);
    // The funnel's employment step counts the fully validated cases of each cohort with an
    // answered (employed) 12-month follow-up: its totals rows add up to the employment row of
    // the fully validated at 12 months where each such case was received (an equality an
    // attacker may assume; checked), and never exceed the overall 12-month row (by definition).
    for (std::size_t k = 0; k < 2; ++k) {
      std::vector<std::size_t> steps;
      for (const auto& [year, trow] : total_row_of_year)
        if (ecell[trow]) steps.push_back((*ecell[trow])[k]);
      if (steps.empty()) continue;
      const std::string_view column = k == 0 ? "answered" : "employed";
      if (const auto full = emp->find("outcome", "full", 12, column)) pc.relate(*full, steps);
      if (const auto all = emp->find("all", std::nullopt, 12, column))
        pc.relate(*all, steps, RelationKind::at_least);
    }
  }
  if (annexes.funding &&
      any_of_kind(annexes.events, {EventKind::funding_requested, EventKind::funding_decided})) {
    fund = report_detail::add_funding_cells(pc, annexes.events);
    // The cases certified (last jury full or partial_certification) and the funnel's full
    // validations of the cohorts: equal where every certified case was received and fully
    // validated (checked, as an attacker may assume it).
    std::vector<std::size_t> full;
    for (const auto& [year, trow] : total_row_of_year) full.push_back(fcell[trow][f_jury_full]);
    if (!full.empty()) pc.relate(fund->cost.back().certified, std::move(full));
  }

  std::vector<std::pair<Table*, report_detail::OutcomeCells>> outcome_tables;
  if (annexes.log != nullptr && annexes.registry != nullptr) {
    // The outcome tables: every case with an outcome is in one row by certification or level
    // and in one or more by certifier; the funnel's totals rows count the received ones.
    constexpr std::array<std::size_t, outcome_count_columns.size()> funnel_of = {
        f_sent, f_admissible, f_jury, f_jury_full, f_jury_partial, f_jury_refused, f_jury_absent};
    std::optional<std::size_t> one_row_grouping;  // index in outcome_tables
    for (const std::string& name : annexes.outcomes_by) {
      const OutcomeGrouping by = outcome_grouping_from_string(name);
      Table* table = by == OutcomeGrouping::certification ? &out.outcomes_by_certification
                     : by == OutcomeGrouping::level       ? &out.outcomes_by_level
                                                          : &out.outcomes_by_certifier;
      if (std::any_of(outcome_tables.begin(), outcome_tables.end(),
                      [&](const auto& o) { return o.first == table; }))
        continue;
      outcome_tables.emplace_back(
          table, report_detail::add_outcome_cells(pc, *annexes.log, *annexes.registry, by));
      const report_detail::OutcomeCells& oc = outcome_tables.back().second;
      for (std::size_t k = 0; k < funnel_of.size(); ++k) {
        if (!oc.totals[k]) continue;
        std::vector<std::size_t> funnel;
        for (const auto& [year, trow] : total_row_of_year)
          funnel.push_back(fcell[trow][funnel_of[k]]);
        if (funnel.empty()) continue;
        pc.relate(*oc.totals[k], funnel);                          // where every case was received
        pc.relate(*oc.totals[k], funnel, RelationKind::at_least);  // by definition
      }
      if (by != OutcomeGrouping::certifier && !one_row_grouping)
        one_row_grouping = outcome_tables.size() - 1;
    }
    // A case counts once by certification or level, at least once by certifier.
    if (one_row_grouping) {
      const auto& one = outcome_tables[*one_row_grouping].second;
      for (const auto& [table, oc] : outcome_tables) {
        if (&oc == &one) continue;
        for (std::size_t k = 0; k < funnel_of.size(); ++k) {
          if (!oc.totals[k] || !one.totals[k]) continue;
          pc.relate(*oc.totals[k], {*one.totals[k]});
          pc.relate(*oc.totals[k], {*one.totals[k]}, RelationKind::at_least);
        }
      }
    }
  }

  // Protection (the one step of every publication).
  const std::int64_t t = options.threshold;
  pc.protect(options);
  auto value_of = [&](std::size_t i) { return pc.published(i); };
  auto note = [&](std::size_t i) {
    const Json& l = pc.labels()[i];
    out.suppressed.push_back(SuppressedCell{l.at("table").get<std::string>(), l.at("row"),
                                            l.at("column").get<std::string>()});
  };

  // Funnel table.
  {
    Table& tb = out.funnel;
    tb.add_column("year", ColumnType::int64);
    tb.add_column("antenne", ColumnType::string);
    for (auto name : funnel_columns) tb.add_column(std::string(name), ColumnType::int64);
    // The employment step (issue 15): columns only when the log has follow-ups; null where a
    // row has none (no data), or where the cell is withheld.
    const bool employment_columns =
        std::any_of(ecell.begin(), ecell.end(), [](const auto& e) { return e.has_value(); });
    if (employment_columns) {
      for (auto name : employment_step_columns) tb.add_column(std::string(name), ColumnType::int64);
    }
    std::size_t r = 0;
    for (const auto& [key, counts] : funnel_) {
      tb.columns()[0].push_int(key.first);
      tb.columns()[1].push_string(key.second ? std::optional<std::string_view>(*key.second)
                                             : std::nullopt);
      for (std::size_t k = 0; k < counts.size(); ++k) {
        const std::size_t c = fcell[r][k];
        tb.columns()[2 + k].push_int(value_of(c));
        if (!value_of(c)) note(c);
      }
      if (employment_columns) {
        for (std::size_t k = 0; k < 2; ++k) {
          auto& col = tb.columns()[2 + funnel_columns.size() + k];
          if (!ecell[r]) {
            col.push_int(std::nullopt);
            continue;
          }
          const std::size_t c = (*ecell[r])[k];
          col.push_int(value_of(c));
          if (!value_of(c)) note(c);
        }
      }
      ++r;
    }
  }
  // Durations table: a withheld count withholds the statistics of its measure too.
  {
    Table& tb = out.durations;
    tb.add_column("measure", ColumnType::string);
    tb.add_column("count", ColumnType::int64);
    tb.add_column("mean", ColumnType::float64);
    tb.add_column("median", ColumnType::float64);
    tb.add_column("p90", ColumnType::float64);
    for (std::size_t m = 0; m < 5; ++m) {
      const DistributionStats& s = dstats[m];
      const bool sup = !value_of(dcell[m]);
      auto& c = tb.columns();
      c[0].push_string(duration_measures[m]);
      c[1].push_int(value_of(dcell[m]));
      c[2].push_double(sup ? std::nullopt : s.mean);
      c[3].push_double(sup ? std::nullopt : s.median);
      c[4].push_double(sup ? std::nullopt : s.p90);
      if (sup) {
        for (const char* col : {"count", "mean", "median", "p90"}) {
          out.suppressed.push_back(
              SuppressedCell{"durations", Json{{"measure", duration_measures[m]}}, col});
        }
      }
    }
  }
  // Monthly table: median_wait is withheld when fewer waits than the threshold stand behind it.
  {
    Table& tb = out.monthly;
    tb.add_column("antenne", ColumnType::string);
    tb.add_column("month", ColumnType::string);
    tb.add_column("received", ColumnType::int64);
    tb.add_column("appointment_held", ColumnType::int64);
    tb.add_column("median_wait", ColumnType::float64);
    std::size_t i = 0;
    for (const auto& [key, mc] : monthly_) {
      auto& c = tb.columns();
      const std::string month = key.second.to_string();
      c[0].push_string(key.first);
      c[1].push_string(month);
      const Json row{{"antenne", key.first}, {"month", month}};
      c[2].push_int(value_of(mcell[i].received));
      c[3].push_int(value_of(mcell[i].held));
      if (!value_of(mcell[i].received)) note(mcell[i].received);
      if (!value_of(mcell[i].held)) note(mcell[i].held);
      const std::uint64_t nw = total_count(mc.waits);
      if (nw == 0) {
        c[4].push_double(std::nullopt);
      } else if (t > 0 && i64(nw) < t) {
        c[4].push_double(std::nullopt);
        out.suppressed.push_back(SuppressedCell{"monthly", row, "median_wait"});
      } else {
        c[4].push_double(numpy_median(mc.waits));
      }
      ++i;
    }
  }
  // Workload table.
  {
    Table& tb = out.workload;
    tb.add_column("staff", ColumnType::string);
    tb.add_column("month", ColumnType::string);
    tb.add_column("appointment_held", ColumnType::int64);
    std::size_t i = 0;
    for (const auto& [key, v] : workload_) {
      auto& c = tb.columns();
      c[0].push_string(key.first);
      c[1].push_string(key.second.to_string());
      const std::size_t w = wcell[i++];
      c[2].push_int(value_of(w));
      if (!value_of(w)) note(w);
    }
  }
  report_detail::fill_profile_table(out.by_profile, profile_, pcell, value_of, note);
  report_detail::fill_category_table(out.by_channel, chrows, chcell, value_of, note);
  report_detail::fill_category_table(out.dropout_reasons, drrows, drcell, value_of, note);
  if (emp) report_detail::fill_employment_table(out.employment, *emp, pc);
  std::vector<SuppressedCell> withheld_sums;
  if (fund) {
    withheld_sums =
        report_detail::fill_funding_tables(out.funding_mix, out.funding_cost, *fund, pc);
  }
  for (auto& [table, oc] : outcome_tables) report_detail::fill_outcome_table(*table, oc, pc);
  for (std::size_t i = annex_first; i < pc.size(); ++i) {
    if (!pc.cells().hidden(i) && !value_of(i)) note(i);
  }
  out.suppressed.insert(out.suppressed.end(), withheld_sums.begin(), withheld_sums.end());
  std::move(pc).move_into(out);
  return out;
}

std::vector<AuditInterval> PublishedReport::audit(double protection) const {
  return audit_intervals(cells, bounds, protection);
}

std::array<const Table*, 4> PublishedReport::main_tables() const {
  return {&funnel, &durations, &monthly, &workload};
}

std::array<const Table*, 9> PublishedReport::optional_tables() const {
  return {&by_profile,           &by_channel,   &dropout_reasons,           &employment,
          &funding_mix,          &funding_cost, &outcomes_by_certification, &outcomes_by_level,
          &outcomes_by_certifier};
}

const Table& PublishedReport::table(std::string_view name) const {
  const auto main = main_tables();
  const auto optional = optional_tables();
  std::vector<const Table*> all(main.begin(), main.end());
  all.insert(all.end(), optional.begin(), optional.end());
  std::string names;
  for (const Table* t : all) {
    if (t->name() == name) return *t;
    names += (names.empty() ? "" : ", ") + t->name();
  }
  throw NotFound(std::string(name),
                 "no published table " + excerpt(name) + " (expected one of " + names + ")");
}

ReportSummary PublishedReport::summary() const {
  ReportSummary s;
  s.suppressed_cells = suppressed.size();
  // The totals rows of the funnel (antenne null), one per cohort year, in year order.
  const Column& year = funnel.column("year");
  const Column& antenne = funnel.column("antenne");
  std::array<const Column*, key_figure_columns.size()> cols{};
  for (std::size_t k = 0; k < cols.size(); ++k) cols[k] = &funnel.column(key_figure_columns[k]);
  auto figure = [](KeyFigures& f, std::size_t k) -> std::optional<std::int64_t>& {
    switch (k) {
      case 0: return f.received;
      case 1: return f.counselled;
      case 2: return f.admissible;
      case 3: return f.jury_held;
      case 4: return f.jury_full;
      default: return f.jury_partial;
    }
  };
  for (std::size_t k = 0; k < cols.size(); ++k) figure(s.all, k) = 0;
  for (std::size_t r = 0; r < funnel.rows(); ++r) {
    if (!antenne.is_null(r)) continue;
    KeyFigures f;
    f.year = static_cast<int>(year.int_at(r));
    for (std::size_t k = 0; k < cols.size(); ++k) {
      auto& total = figure(s.all, k);
      if (cols[k]->is_null(r)) {
        total.reset();  // a sum with a withheld term is withheld, never a partial sum
        continue;
      }
      figure(f, k) = cols[k]->int_at(r);
      if (total) *total += cols[k]->int_at(r);
    }
    s.cohorts.push_back(f);
  }
  std::sort(s.cohorts.begin(), s.cohorts.end(),
            [](const KeyFigures& a, const KeyFigures& b) { return a.year < b.year; });
  // The whole-pathway duration (its statistics are withheld with its count).
  const Column& measure = durations.column("measure");
  for (std::size_t r = 0; r < durations.rows(); ++r) {
    if (measure.string_at(r) != "whole") continue;
    const Column& count = durations.column("count");
    const Column& median = durations.column("median");
    const Column& p90 = durations.column("p90");
    if (!count.is_null(r)) s.whole_count = count.int_at(r);
    if (!median.is_null(r)) s.whole_median = median.double_at(r);
    if (!p90.is_null(r)) s.whole_p90 = p90.double_at(r);
  }
  return s;
}

Table ReportSummary::table() const {
  Table t("summary");
  t.add_column("year", ColumnType::int64);
  for (auto name : key_figure_columns) t.add_column(std::string(name), ColumnType::int64);
  auto row = [&t](const KeyFigures& f) {
    auto& c = t.columns();
    c[0].push_int(f.year ? std::optional<std::int64_t>(*f.year) : std::nullopt);
    c[1].push_int(f.received);
    c[2].push_int(f.counselled);
    c[3].push_int(f.admissible);
    c[4].push_int(f.jury_held);
    c[5].push_int(f.jury_full);
    c[6].push_int(f.jury_partial);
  };
  for (const KeyFigures& f : cohorts) row(f);
  row(all);
  return t;
}

Json PublishedReport::protection_json() const {
  Json p = Json::object();
  p["method"] = protection_method_name(options.method);
  p["threshold"] = threshold;
  if (options.method == ProtectionMethod::none) {
    p["note"] = "exact figures, no disclosure control: for internal use only";
    return p;
  }
  if (options.method == ProtectionMethod::cell_key) {
    p["max_deviation"] = options.max_deviation;
    p["variance"] = options.variance;
    p["keyed"] = keyed;
  }
  p["protection_level"] = options.protection;
  std::size_t unsafe = 0;
  for (const auto& a : audit_result) unsafe += a.safe ? 0 : 1;
  p["audited_cells"] = audit_result.size();
  p["unsafe_cells"] = unsafe;
  return p;
}

Json PublishedReport::to_json() const {
  Json j = Json::object();
  j["schema"] = "ActivityReport.1";
  j["threshold"] = threshold;
  j["protection"] = protection_json();
  for (const Table* t : main_tables()) j[t->name()] = t->to_records();
  for (const Table* t : optional_tables()) {  // present when they have rows (issue 15)
    if (t->rows() > 0) j[t->name()] = t->to_records();
  }
  Json sup = Json::array();
  for (const auto& s : suppressed)
    sup.push_back(Json{{"table", s.table}, {"row", s.row}, {"column", s.column}});
  j["suppressed"] = std::move(sup);
  return j;
}

namespace {
/// The first line of each published CSV: which method protected it.
std::string csv_protection_line(const PublishedReport& p) {
  std::string line = "# protection: " + std::string(protection_method_name(p.options.method)) +
                     ", threshold " + std::to_string(p.threshold);
  if (p.options.method == ProtectionMethod::none) {
    line += " (exact figures, internal use only)";
  } else if (p.options.method == ProtectionMethod::cell_key) {
    line += ", max deviation " + std::to_string(p.options.max_deviation) +
            (p.keyed ? ", keyed" : ", public key");
  }
  return line + "\n";
}
}  // namespace

void PublishedReport::write(const std::filesystem::path& dir) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw IoError(dir.string(), "cannot create the directory: " + ec.message());
  write_file_atomic(dir / "report.json", to_json().dump(1) + "\n");
  const std::string head = csv_protection_line(*this);
  for (const Table* t : main_tables())
    write_file_atomic(dir / (t->name() + ".csv"), head + t->to_csv());
  for (const Table* t : optional_tables()) {
    if (t->rows() > 0) write_file_atomic(dir / (t->name() + ".csv"), head + t->to_csv());
  }
}

void ActivityReport::write(const std::filesystem::path& dir) const {
  publish().write(dir);
}

std::vector<std::pair<Json, AuditInterval>> audit_publications(const PublishedReport& earlier,
                                                               const PublishedReport& later,
                                                               double protection) {
  // One system: the cells of both reports with their relations, and for every cell of `later`
  // also in `earlier`: later = earlier + increase, increase >= 0.
  CellSystem sys;
  std::vector<CellBounds> bounds;
  std::vector<Json> labels;
  auto copy = [&](const PublishedReport& p) {
    const std::size_t base = sys.size();
    for (std::size_t i = 0; i < p.cells.size(); ++i) {
      const std::size_t c = p.cells.hidden(i) ? sys.add_hidden_cell(p.cells.value(i))
                                              : sys.add_cell(p.cells.value(i));
      if (p.cells.suppressed(i)) sys.suppress(c);
      bounds.push_back(p.bounds[i]);
      labels.push_back(p.labels[i]);
    }
    for (const Relation& r : p.cells.relations()) {
      std::vector<std::size_t> parts;
      for (std::size_t q : r.parts) parts.push_back(base + q);
      sys.add_relation(base + r.total, std::move(parts), r.kind);
    }
    return base;
  };
  const std::size_t b0 = copy(earlier);
  const std::size_t b1 = copy(later);
  std::map<std::string, std::size_t> earlier_of;
  for (std::size_t i = 0; i < earlier.cells.size(); ++i) {
    if (!earlier.cells.hidden(i)) earlier_of[earlier.labels[i].dump()] = b0 + i;
  }
  for (std::size_t i = 0; i < later.cells.size(); ++i) {
    if (later.cells.hidden(i)) continue;
    Json lab = later.labels[i];
    const auto it = earlier_of.find(lab.dump());
    if (it == earlier_of.end()) continue;
    const std::int64_t inc = later.cells.value(i) - sys.value(it->second);
    // Only a small, non-zero increase needs protection (an attacker learning "no new case" or
    // a large increase learns nothing about few people).
    const bool small = inc > 0 && inc < later.threshold;
    const std::size_t d = small ? sys.add_cell(inc) : sys.add_hidden_cell(inc);
    if (small) sys.suppress(d);
    bounds.push_back(CellBounds{});
    lab["increase"] = true;
    labels.push_back(std::move(lab));
    sys.add_relation(b1 + i, {it->second, d});
  }
  std::vector<std::pair<Json, AuditInterval>> out;
  for (const AuditInterval& a : audit_intervals(sys, bounds, protection))
    out.emplace_back(labels[a.cell], a);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The mergeable state document.

namespace {
Json dist_json(const Distribution& d) {
  Json a = Json::array();
  for (const auto& [v, c] : d) a.push_back(Json::array({v, c}));
  return a;
}
Distribution dist_from(const Json& a) {
  if (!a.is_array()) throw ParseError(SourceLocation{}, "expected a list of [value, count] pairs");
  Distribution d;
  for (const auto& p : a) {
    if (!p.is_array() || p.size() != 2)
      throw ParseError(SourceLocation{}, "expected [value, count]");
    d[json_integer<std::int32_t>(p[0], "value")] += json_integer<std::uint64_t>(p[1], "count");
  }
  return d;
}
}  // namespace

void to_json(Json& j, const ActivityReport& r) {
  j = Json::object();
  j["threshold"] = r.threshold_;
  Json f = Json::array();
  for (const auto& [k, row] : r.funnel_) {
    Json rj{{"year", k.first}, {"antenne", opt_string(k.second)}, {"counts", row}};
    const auto kit = r.funnel_keys_.find(k);
    rj["keys"] = kit != r.funnel_keys_.end() ? kit->second : ActivityReport::FunnelCounts{};
    // Issue 15: [surveyed, followed, employed, followed_key, employed_key], only when present.
    const auto eit = r.employment_.find(k);
    if (eit != r.employment_.end()) {
      const auto& e = eit->second;
      rj["employment"] =
          Json::array({e.surveyed, e.followed, e.employed, e.followed_key, e.employed_key});
    }
    f.push_back(std::move(rj));
  }
  j["funnel"] = std::move(f);
  Json d = Json::object();
  for (std::size_t m = 0; m < 5; ++m)
    d[std::string(duration_measures[m])] = dist_json(r.durations_[m]);
  j["durations"] = std::move(d);
  j["duration_keys"] = r.duration_keys_;
  Json mo = Json::array();
  for (const auto& [k, c] : r.monthly_) {
    mo.push_back(Json{{"antenne", k.first},
                      {"month", k.second.index()},
                      {"received", c.received},
                      {"appointment_held", c.appointment_held},
                      {"waits", dist_json(c.waits)},
                      {"received_key", c.received_key},
                      {"held_key", c.held_key}});
  }
  j["monthly"] = std::move(mo);
  Json w = Json::array();
  for (const auto& [k, v] : r.workload_) {
    const auto kit = r.workload_keys_.find(k);
    w.push_back(Json{{"staff", k.first},
                     {"month", k.second.index()},
                     {"count", v},
                     {"key", kit != r.workload_keys_.end() ? kit->second : 0}});
  }
  j["workload"] = std::move(w);
  if (!r.profile_.empty())
    j["by_profile"] = report_detail::profile_state_json(r.profile_, r.profile_keys_);
  if (!r.channels_.empty()) j["by_channel"] = report_detail::category_state_json(r.channels_);
  if (!r.dropout_reasons_.empty())
    j["dropout_reasons"] = report_detail::category_state_json(r.dropout_reasons_);
}

void from_json(const Json& j, ActivityReport& r) {
  r = ActivityReport{};
  r.set_threshold(json_field<std::int64_t>(j, "threshold"));
  for (const auto& row : json_field<Json>(j, "funnel")) {
    const Json& a = row.at("antenne");
    ActivityReport::FunnelKey key{
        json_field<int>(row, "year"),
        a.is_null() ? std::nullopt : std::optional<std::string>(a.get<std::string>())};
    const auto counts = json_field<std::vector<std::uint64_t>>(row, "counts");
    if (counts.size() != funnel_columns.size()) {
      throw ParseError(SourceLocation{{}, 0, 0, "funnel.counts"}, "expected 15 counts");
    }
    ActivityReport::FunnelCounts fc{};
    std::copy(counts.begin(), counts.end(), fc.begin());
    r.funnel_[key] = fc;
    // Record-key sums: absent from states written before the cell-key method (then 0).
    ActivityReport::FunnelCounts fk{};
    if (row.contains("keys")) {
      const auto keys = json_field<std::vector<std::uint64_t>>(row, "keys");
      if (keys.size() != funnel_columns.size()) {
        throw ParseError(SourceLocation{{}, 0, 0, "funnel.keys"}, "expected 15 keys");
      }
      std::copy(keys.begin(), keys.end(), fk.begin());
    }
    r.funnel_keys_[key] = fk;
    // Issue 15: the employment step, absent from older states.
    if (row.contains("employment")) {
      const auto e = json_field<std::vector<std::uint64_t>>(row, "employment");
      if (e.size() != 5) {
        throw ParseError(SourceLocation{{}, 0, 0, "funnel.employment"}, "expected 5 numbers");
      }
      r.employment_[key] = ActivityReport::EmploymentStep{e[0], e[1], e[2], e[3], e[4]};
    }
  }
  const Json d = json_field<Json>(j, "durations");
  for (std::size_t m = 0; m < 5; ++m)
    r.durations_[m] = dist_from(json_field<Json>(d, duration_measures[m]));
  if (j.contains("duration_keys")) {
    const auto dk = json_field<std::vector<std::uint64_t>>(j, "duration_keys");
    if (dk.size() != 5) throw ParseError(SourceLocation{{}, 0, 0, "duration_keys"}, "expected 5");
    std::copy(dk.begin(), dk.end(), r.duration_keys_.begin());
  }
  for (const auto& row : json_field<Json>(j, "monthly")) {
    auto& c = r.monthly_[{json_field<std::string>(row, "antenne"),
                          YearMonth::from_index(json_field<int>(row, "month"))}];
    c.received = json_field<std::uint64_t>(row, "received");
    c.appointment_held = json_field<std::uint64_t>(row, "appointment_held");
    c.waits = dist_from(json_field<Json>(row, "waits"));
    if (row.contains("received_key"))
      c.received_key = json_field<std::uint64_t>(row, "received_key");
    if (row.contains("held_key")) c.held_key = json_field<std::uint64_t>(row, "held_key");
  }
  for (const auto& row : json_field<Json>(j, "workload")) {
    const ActivityReport::MonthKey mk{json_field<std::string>(row, "staff"),
                                      YearMonth::from_index(json_field<int>(row, "month"))};
    r.workload_[mk] = json_field<std::uint64_t>(row, "count");
    r.workload_keys_[mk] = row.contains("key") ? json_field<std::uint64_t>(row, "key") : 0;
  }
  if (j.contains("by_profile"))  // absent from states written before issue 15
    report_detail::profile_state_from_json(j.at("by_profile"), r.profile_, r.profile_keys_);
  if (j.contains("by_channel"))  // issue 15; absent from older states
    report_detail::category_state_from_json(j.at("by_channel"), "by_channel", channel_names,
                                            channel_not_stated, r.channels_);
  if (j.contains("dropout_reasons"))
    report_detail::category_state_from_json(j.at("dropout_reasons"), "dropout_reasons",
                                            reason_code_names, reason_not_coded,
                                            r.dropout_reasons_);
}

}  // namespace vaekit
