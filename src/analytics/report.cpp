// The reference activity report: computation in two passes, exact merge, publication with
// disclosure control.
#include "vaekit/analytics/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

#include "vaekit/analytics/disclosure.hpp"
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

std::string month_text(int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
  return buf;
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

}  // namespace

void ActivityReport::set_threshold(std::int64_t t) {
  if (t < 0) throw InvalidArgument("the disclosure threshold must be >= 0");
  threshold_ = t;
}

ActivityReport ActivityReport::compute(const ColumnarLog& log, ReportOptions options) {
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
  const std::int32_t lo = ColumnarLog::day_of(*lo_it), hi = ColumnarLog::day_of(*hi_it);
  // Month lookups: a table over the log's range of days, or the calendar for huge ranges.
  const bool dense_months = static_cast<std::int64_t>(hi) - lo < 400'000;
  const MonthTable months(lo, dense_months ? hi : lo - 1);
  auto month_of = [&](std::int32_t d) {
    if (dense_months) return months.month(d);
    const Date date = Date::from_days(d);
    return date.year() * 12 + date.month() - 1;
  };

  std::vector<CaseFirsts> cs(log.cases().size());
  std::unordered_map<std::uint64_t, std::uint64_t> m_received, m_held, work;
  auto set_min = [](std::int32_t& slot, std::int32_t d) {
    if (d < slot) slot = d;
  };
  for (std::size_t i = 0; i < n; ++i) {
    CaseFirsts& c = cs[cases[i]];
    const std::int32_t d = ColumnarLog::day_of(times[i]);
    switch (kinds[i]) {
      case EventKind::received:
        if (d < c.received) {
          c.received = d;
          c.received_antenne = ants[i];
        }
        if (ants[i] != no_string) ++m_received[key2(ants[i], month_of(d))];
        break;
      case EventKind::appointment_held:
        set_min(c.held, d);
        c.flags |= 1u << f_counselled;
        if (ants[i] != no_string || staff[i] != no_string) {
          const int m = month_of(d);
          if (ants[i] != no_string) ++m_held[key2(ants[i], m)];
          if (staff[i] != no_string) ++work[key2(staff[i], m)];
        }
        break;
      case EventKind::oriented:
        if (payload[i] != no_payload) c.flags |= 1u << (f_or_vae + (payload[i] - 1u));
        break;
      case EventKind::admissibility_sent:
        set_min(c.sent, d);
        c.flags |= 1u << f_sent;
        break;
      case EventKind::admissibility_decided:
        set_min(c.decided, d);
        if ((payload[i] & 0xFF) == static_cast<unsigned>(AdmissibilityDecision::admissible) + 1u) {
          set_min(c.admissible, d);
          c.flags |= 1u << f_admissible;
        }
        break;
      case EventKind::jury_held:
        set_min(c.jury, d);
        c.flags |= 1u << f_jury;
        if (payload[i] != no_payload) c.flags |= 1u << (f_jury_full + (payload[i] - 1u));
        break;
      case EventKind::dropped_out: c.flags |= 1u << f_dropped; break;
      default: break;
    }
  }

  // Per case: funnel, durations, waits by month of reception.
  std::unordered_map<std::uint64_t, FunnelCounts> funnel;  // (year, antenne + 1)
  std::array<std::unordered_map<std::int32_t, std::uint64_t>, 5> dur;
  std::unordered_map<std::uint64_t, std::unordered_map<std::int32_t, std::uint64_t>> waits;
  for (const CaseFirsts& c : cs) {
    if (c.received != kNone) {
      const int year = month_of(c.received) / 12;
      const std::uint32_t flags = c.flags | (1u << f_received);
      auto add = [&](std::uint32_t antenne_plus1) {
        FunnelCounts& row = funnel[key2(antenne_plus1, year)];
        for (std::size_t k = 0; k < funnel_columns.size(); ++k) row[k] += (flags >> k) & 1u;
      };
      add(0);
      if (c.received_antenne != no_string) add(c.received_antenne + 1);
    }
    auto span = [&](std::size_t measure, std::int32_t from, std::int32_t to) {
      if (from != kNone && to != kNone) ++dur[measure][to - from];
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
  for (const auto& [k, row] : funnel) {
    const auto a = static_cast<std::uint32_t>(k >> 32);
    const int year = static_cast<int>(static_cast<std::uint32_t>(k));
    FunnelKey key{year, a == 0 ? std::nullopt : std::optional<std::string>(antennes[a - 1])};
    rep.funnel_.emplace(std::move(key), row);
  }
  for (std::size_t m = 0; m < 5; ++m) {
    for (const auto& [v, c] : dur[m]) rep.durations_[m][v] += c;
  }
  auto month_key = [&](const StringPool& pool, std::uint64_t k) {
    return MonthKey{pool[static_cast<std::uint32_t>(k >> 32)],
                    static_cast<int>(static_cast<std::uint32_t>(k))};
  };
  for (const auto& [k, v] : m_received) rep.monthly_[month_key(antennes, k)].received += v;
  for (const auto& [k, v] : m_held) rep.monthly_[month_key(antennes, k)].appointment_held += v;
  for (const auto& [k, dist] : waits) {
    auto& cell = rep.monthly_[month_key(antennes, k)];
    for (const auto& [v, c] : dist) cell.waits[v] += c;
  }
  for (const auto& [k, v] : work) rep.workload_[month_key(log.staff(), k)] += v;
  return rep;
}

ActivityReport activity_report(const ColumnarLog& log, ReportOptions options) {
  return ActivityReport::compute(log, options);
}

void ActivityReport::merge(const ActivityReport& o) {
  for (const auto& [k, row] : o.funnel_) {
    FunnelCounts& mine = funnel_.try_emplace(k, FunnelCounts{}).first->second;
    for (std::size_t i = 0; i < row.size(); ++i) mine[i] += row[i];
  }
  for (std::size_t m = 0; m < 5; ++m) {
    for (const auto& [v, c] : o.durations_[m]) durations_[m][v] += c;
  }
  for (const auto& [k, cell] : o.monthly_) {
    MonthlyCell& mine = monthly_[k];
    mine.received += cell.received;
    mine.appointment_held += cell.appointment_held;
    for (const auto& [v, c] : cell.waits) mine.waits[v] += c;
  }
  for (const auto& [k, v] : o.workload_) workload_[k] += v;
}

ActivityReport ActivityReport::map_staff(
    const std::function<std::string(std::string_view)>& rename) const {
  ActivityReport out = *this;
  out.workload_.clear();
  for (const auto& [k, v] : workload_) out.workload_[{rename(k.first), k.second}] += v;
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

PublishedReport ActivityReport::publish() const {
  PublishedReport out;
  out.threshold = threshold_;
  CellSystem sys;

  // Funnel cells: rows in key order (year, totals first, antennes).
  std::vector<std::array<std::size_t, funnel_columns.size()>> fcell;
  std::map<int, std::size_t> total_row_of_year;
  std::map<std::pair<int, std::string>, std::size_t> row_of_year_antenne;
  std::vector<FunnelKey> frow_keys;
  for (const auto& [key, counts] : funnel_) {
    std::array<std::size_t, funnel_columns.size()> cells{};
    for (std::size_t k = 0; k < counts.size(); ++k) cells[k] = sys.add_cell(i64(counts[k]));
    if (!key.second) {
      total_row_of_year[key.first] = fcell.size();
    } else {
      row_of_year_antenne[{key.first, *key.second}] = fcell.size();
    }
    fcell.push_back(cells);
    frow_keys.push_back(key);
  }
  // (1) totals row = sum of antenne rows, per year and column.
  for (const auto& [year, trow] : total_row_of_year) {
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < frow_keys.size(); ++r) {
      if (frow_keys[r].first == year && frow_keys[r].second) rows.push_back(r);
    }
    if (rows.empty()) continue;
    for (std::size_t k = 0; k < funnel_columns.size(); ++k) {
      std::vector<std::size_t> parts;
      for (std::size_t r : rows) parts.push_back(fcell[r][k]);
      sys.add_relation(fcell[trow][k], std::move(parts));
    }
  }
  // (2) jury_held = full + partial + refused + absent (holds when a case has one jury).
  for (const auto& cells : fcell) {
    sys.add_relation(cells[f_jury], {cells[f_jury_full], cells[f_jury_partial],
                                     cells[f_jury_refused], cells[f_jury_absent]});
  }
  // Monthly and workload cells.
  struct MCell {
    std::size_t received, held;
  };
  std::vector<MCell> mcell;
  for (const auto& [key, cell] : monthly_) {
    mcell.push_back(
        MCell{sys.add_cell(i64(cell.received)), sys.add_cell(i64(cell.appointment_held))});
  }
  std::vector<std::size_t> wcell;
  for (const auto& [key, v] : workload_) wcell.push_back(sys.add_cell(i64(v)));
  // (3) funnel received of (year, antenne) = sum of the monthly received of that year (holds
  // when each case is received once).
  {
    std::map<std::pair<int, std::string>, std::vector<std::size_t>> by_year;
    std::size_t i = 0;
    for (const auto& [key, cell] : monthly_)
      by_year[{key.second / 12, key.first}].push_back(mcell[i++].received);
    for (auto& [k, parts] : by_year) {
      auto it = row_of_year_antenne.find(k);
      if (it != row_of_year_antenne.end())
        sys.add_relation(fcell[it->second][f_received], std::move(parts));
    }
  }
  // (4) per month, appointments by antenne and by staff add up to the same (unpublished) total.
  {
    std::map<int, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> by_month;
    std::map<int, std::int64_t> held_total;
    std::size_t i = 0;
    for (const auto& [key, cell] : monthly_) {
      by_month[key.second].first.push_back(mcell[i++].held);
      held_total[key.second] += i64(cell.appointment_held);
    }
    i = 0;
    for (const auto& [key, v] : workload_) by_month[key.second].second.push_back(wcell[i++]);
    for (auto& [m, sides] : by_month) {
      if (sides.first.empty() || sides.second.empty()) continue;
      const std::size_t hidden = sys.add_hidden_cell(held_total[m]);
      sys.add_relation(hidden, std::move(sides.first));
      sys.add_relation(hidden, std::move(sides.second));
    }
  }
  sys.protect(threshold_);

  // Funnel table.
  {
    Table& t = out.funnel;
    auto& year = t.add_column("year", ColumnType::int64);
    auto& ant = t.add_column("antenne", ColumnType::string);
    for (auto name : funnel_columns) t.add_column(std::string(name), ColumnType::int64);
    std::size_t r = 0;
    for (const auto& [key, counts] : funnel_) {
      t.columns()[0].push_int(key.first);
      t.columns()[1].push_string(key.second ? std::optional<std::string_view>(*key.second)
                                            : std::nullopt);
      for (std::size_t k = 0; k < counts.size(); ++k) {
        const bool sup = sys.suppressed(fcell[r][k]);
        t.columns()[2 + k].push_int(sup ? std::nullopt
                                        : std::optional<std::int64_t>(i64(counts[k])));
        if (sup) {
          out.suppressed.push_back(SuppressedCell{
              "funnel", Json{{"year", key.first}, {"antenne", opt_string(key.second)}},
              std::string(funnel_columns[k])});
        }
      }
      ++r;
    }
    (void)year;
    (void)ant;
  }
  // Durations table: a measure over fewer cases than the threshold is withheld entirely.
  {
    Table& t = out.durations;
    t.add_column("measure", ColumnType::string);
    t.add_column("count", ColumnType::int64);
    t.add_column("mean", ColumnType::float64);
    t.add_column("median", ColumnType::float64);
    t.add_column("p90", ColumnType::float64);
    for (std::size_t m = 0; m < 5; ++m) {
      const DistributionStats s = describe(durations_[m]);
      const bool sup = threshold_ > 0 && i64(s.count) < threshold_;
      auto& c = t.columns();
      c[0].push_string(duration_measures[m]);
      c[1].push_int(sup ? std::nullopt : std::optional<std::int64_t>(i64(s.count)));
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
    Table& t = out.monthly;
    t.add_column("antenne", ColumnType::string);
    t.add_column("month", ColumnType::string);
    t.add_column("received", ColumnType::int64);
    t.add_column("appointment_held", ColumnType::int64);
    t.add_column("median_wait", ColumnType::float64);
    std::size_t i = 0;
    for (const auto& [key, cell] : monthly_) {
      auto& c = t.columns();
      const std::string month = month_text(key.second);
      c[0].push_string(key.first);
      c[1].push_string(month);
      const Json row{{"antenne", key.first}, {"month", month}};
      const bool sr = sys.suppressed(mcell[i].received), sh = sys.suppressed(mcell[i].held);
      c[2].push_int(sr ? std::nullopt : std::optional<std::int64_t>(i64(cell.received)));
      c[3].push_int(sh ? std::nullopt : std::optional<std::int64_t>(i64(cell.appointment_held)));
      if (sr) out.suppressed.push_back(SuppressedCell{"monthly", row, "received"});
      if (sh) out.suppressed.push_back(SuppressedCell{"monthly", row, "appointment_held"});
      const std::uint64_t nw = total_count(cell.waits);
      if (nw == 0) {
        c[4].push_double(std::nullopt);
      } else if (threshold_ > 0 && i64(nw) < threshold_) {
        c[4].push_double(std::nullopt);
        out.suppressed.push_back(SuppressedCell{"monthly", row, "median_wait"});
      } else {
        c[4].push_double(numpy_median(cell.waits));
      }
      ++i;
    }
  }
  // Workload table.
  {
    Table& t = out.workload;
    t.add_column("staff", ColumnType::string);
    t.add_column("month", ColumnType::string);
    t.add_column("appointment_held", ColumnType::int64);
    std::size_t i = 0;
    for (const auto& [key, v] : workload_) {
      auto& c = t.columns();
      const std::string month = month_text(key.second);
      c[0].push_string(key.first);
      c[1].push_string(month);
      const bool sup = sys.suppressed(wcell[i++]);
      c[2].push_int(sup ? std::nullopt : std::optional<std::int64_t>(i64(v)));
      if (sup) {
        out.suppressed.push_back(SuppressedCell{
            "workload", Json{{"staff", key.first}, {"month", month}}, "appointment_held"});
      }
    }
  }
  return out;
}

Json PublishedReport::to_json() const {
  Json j = Json::object();
  j["schema"] = "ActivityReport.1";
  j["threshold"] = threshold;
  j["funnel"] = funnel.to_records();
  j["durations"] = durations.to_records();
  j["monthly"] = monthly.to_records();
  j["workload"] = workload.to_records();
  Json sup = Json::array();
  for (const auto& s : suppressed)
    sup.push_back(Json{{"table", s.table}, {"row", s.row}, {"column", s.column}});
  j["suppressed"] = std::move(sup);
  return j;
}

void ActivityReport::write(const std::filesystem::path& dir) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw IoError(dir.string(), "cannot create the directory: " + ec.message());
  const PublishedReport p = publish();
  write_file_atomic(dir / "report.json", p.to_json().dump(1) + "\n");
  p.funnel.write_csv(dir / "funnel.csv");
  p.durations.write_csv(dir / "durations.csv");
  p.monthly.write_csv(dir / "monthly.csv");
  p.workload.write_csv(dir / "workload.csv");
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
    f.push_back(Json{{"year", k.first}, {"antenne", opt_string(k.second)}, {"counts", row}});
  }
  j["funnel"] = std::move(f);
  Json d = Json::object();
  for (std::size_t m = 0; m < 5; ++m)
    d[std::string(duration_measures[m])] = dist_json(r.durations_[m]);
  j["durations"] = std::move(d);
  Json mo = Json::array();
  for (const auto& [k, c] : r.monthly_) {
    mo.push_back(Json{{"antenne", k.first},
                      {"month", k.second},
                      {"received", c.received},
                      {"appointment_held", c.appointment_held},
                      {"waits", dist_json(c.waits)}});
  }
  j["monthly"] = std::move(mo);
  Json w = Json::array();
  for (const auto& [k, v] : r.workload_)
    w.push_back(Json{{"staff", k.first}, {"month", k.second}, {"count", v}});
  j["workload"] = std::move(w);
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
  }
  const Json d = json_field<Json>(j, "durations");
  for (std::size_t m = 0; m < 5; ++m)
    r.durations_[m] = dist_from(json_field<Json>(d, duration_measures[m]));
  for (const auto& row : json_field<Json>(j, "monthly")) {
    auto& c = r.monthly_[{json_field<std::string>(row, "antenne"), json_field<int>(row, "month")}];
    c.received = json_field<std::uint64_t>(row, "received");
    c.appointment_held = json_field<std::uint64_t>(row, "appointment_held");
    c.waits = dist_from(json_field<Json>(row, "waits"));
  }
  for (const auto& row : json_field<Json>(j, "workload")) {
    r.workload_[{json_field<std::string>(row, "staff"), json_field<int>(row, "month")}] =
        json_field<std::uint64_t>(row, "count");
  }
}

}  // namespace vaekit
