#include "vaekit/analytics/employment.hpp"

#include "annex_cells.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/pathway/regime.hpp"  // add_months: calendar months, clamped to the month's end

namespace vaekit {

namespace {

constexpr std::size_t n_delays = followup_delays.size();
constexpr std::size_t n_counts = employment_count_columns.size();
enum : std::size_t {
  c_due,
  c_answered,
  c_same_job,  // the six situations in Situation order: same_job .. other
  c_no_answer = c_same_job + 6,
  c_employed,
  c_employed_before,
  c_retained,
};

bool contains(std::span<const std::string_view> set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

/// What the indicators need of one case.
struct CaseFacts {
  std::string id;
  std::uint64_t key = 0;  // record_key(id)
  std::string certification;
  std::optional<Date> jury_date;
  std::string outcome;  // the last jury's result, "no_jury" when none
  std::array<std::optional<Situation>, n_delays> situation{};
  std::map<std::string, std::string, std::less<>> profile;  // attribute -> last stated value
};

void record_profile(CaseFacts& c, const EventData& d) {
  if (d.sex) c.profile["sex"] = std::string(to_string(*d.sex));
  if (d.age_band) c.profile["age_band"] = std::string(to_string(*d.age_band));
  if (d.employment) c.profile["employment"] = std::string(to_string(*d.employment));
  if (d.qualification) c.profile["qualification"] = std::string(to_string(*d.qualification));
  if (d.departement) c.profile["departement"] = std::string(to_string(*d.departement));
  if (d.qpv) c.profile["qpv"] = std::string(to_string(*d.qpv));
  if (d.rqth) c.profile["rqth"] = std::string(to_string(*d.rqth));
}

struct Facts {
  std::vector<CaseFacts> cases;  // cases with a jury or a follow-up, in order of appearance
  Date as_of;
};

Facts collect(std::span<const Event> events, std::optional<Date> as_of) {
  std::optional<Date> latest;
  std::vector<CaseFacts> all =
      report_detail::per_case<CaseFacts>(events, [&](CaseFacts& c, const Event& e) {
        const Date day = e.at.date();
        if (!latest || day > *latest) latest = day;
        if (!e.certification.empty()) c.certification = e.certification;
        switch (e.kind) {
          case EventKind::jury_held:
            // The last jury (latest date; file order on the same day) is the one followed up.
            if (!c.jury_date || day >= *c.jury_date) {
              c.jury_date = day;
              c.outcome = e.data.result ? std::string(to_string(*e.data.result)) : "unknown";
            }
            break;
          case EventKind::profile_recorded: record_profile(c, e.data); break;
          case EventKind::followup_recorded:
            for (std::size_t k = 0; k < n_delays; ++k) {
              if (e.data.months == followup_delays[k] && e.data.situation)
                c.situation[k] = e.data.situation;
            }
            break;
          default: break;
        }
      });
  Facts out;
  out.as_of = as_of ? *as_of : latest.value_or(Date{});
  for (CaseFacts& c : all) {
    const bool followed =
        std::any_of(c.situation.begin(), c.situation.end(), [](const auto& s) { return s; });
    if (!c.jury_date && !followed) continue;
    if (!c.jury_date) c.outcome = "no_jury";
    if (c.certification.empty()) c.certification = std::string(unknown_certification);
    c.key = record_key(c.id);
    out.cases.push_back(std::move(c));
  }
  return out;
}

/// Whether the follow-up at delay index @p k is due for @p c by @p as_of.
bool due(const CaseFacts& c, std::size_t k, Date as_of) {
  if (c.situation[k]) return true;
  return c.jury_date && add_months(*c.jury_date, followup_delays[k]) <= as_of;
}

/// Whether the case was in employment before (std::nullopt: not stated).
std::optional<bool> employed_before(const CaseFacts& c) {
  const auto it = c.profile.find("employment");
  if (it == c.profile.end() || it->second == "not_stated") return std::nullopt;
  return contains(employed_typologies, it->second);
}

std::string group_of(const CaseFacts& c, std::string_view by) {
  if (by == "outcome") return c.outcome;
  if (by == "certification") return c.certification;
  const auto it = c.profile.find(by);
  return it == c.profile.end() ? std::string("not_stated") : it->second;
}

using Counts = std::array<std::uint64_t, n_counts>;
struct Cell {
  Counts counts{};
  Counts keys{};
};

void count(Cell& cell, const CaseFacts& c, std::size_t k, Date as_of) {
  auto add = [&](std::size_t col) {
    ++cell.counts[col];
    cell.keys[col] += c.key;
  };
  if (!due(c, k, as_of)) return;
  add(c_due);
  if (!c.situation[k]) return;
  const Situation s = *c.situation[k];
  if (s == Situation::no_answer) {
    add(c_no_answer);
    return;
  }
  add(c_answered);
  add(c_same_job + static_cast<std::size_t>(s));
  const std::string_view name = to_string(s);
  const bool employed = contains(employed_situations, name);
  if (employed) add(c_employed);
  if (employed_before(c).value_or(false)) {
    add(c_employed_before);
    if (contains(retained_situations, name)) add(c_retained);
  }
}

}  // namespace

Table employment_cases(std::span<const Event> events, std::optional<Date> as_of) {
  const Facts facts = collect(events, as_of);
  Table t("employment_cases");
  t.add_column("case", ColumnType::string);
  t.add_column("outcome", ColumnType::string);
  t.add_column("certification", ColumnType::string);
  t.add_column("jury_date", ColumnType::date);
  t.add_column("employed_before", ColumnType::boolean);
  for (int m : followup_delays) {
    t.add_column("due_" + std::to_string(m) + "m", ColumnType::boolean);
    t.add_column("situation_" + std::to_string(m) + "m", ColumnType::string);
  }
  for (const CaseFacts& c : facts.cases) {
    auto& cols = t.columns();
    cols[0].push_string(c.id);
    cols[1].push_string(c.outcome);
    cols[2].push_string(c.certification);
    cols[3].push_date(c.jury_date);
    cols[4].push_bool(employed_before(c));
    for (std::size_t k = 0; k < n_delays; ++k) {
      cols[5 + 2 * k].push_bool(due(c, k, facts.as_of));
      cols[6 + 2 * k].push_string(c.situation[k]
                                      ? std::optional<std::string_view>(to_string(*c.situation[k]))
                                      : std::nullopt);
    }
  }
  return t;
}

namespace report_detail {

std::optional<std::size_t> EmploymentCells::find(std::string_view by,
                                                 std::optional<std::string_view> value, int months,
                                                 std::string_view column) const {
  const auto col =
      std::find(employment_count_columns.begin(), employment_count_columns.end(), column);
  if (col == employment_count_columns.end()) return std::nullopt;
  for (const Row& r : rows) {
    const bool same_value = r.value ? value && *value == *r.value : !value;
    if (r.by == by && same_value && r.months == months)
      return r.cell[static_cast<std::size_t>(col - employment_count_columns.begin())];
  }
  return std::nullopt;
}

EmploymentCells add_employment_cells(PublishedCells& pc, std::span<const Event> events,
                                     const std::vector<std::string>& by,
                                     std::optional<Date> as_of) {
  for (const std::string& b : by) {
    if (!contains(employment_groupings, b)) {
      std::string names;
      for (auto n : employment_groupings) names += (names.empty() ? "" : ", ") + std::string(n);
      throw InvalidArgument("unknown employment grouping " + excerpt(b) + " (expected one of " +
                            names + ")");
    }
  }
  const Facts facts = collect(events, as_of);

  // Exact counts: overall, then per grouping and value.
  std::array<Cell, n_delays> overall{};
  std::vector<std::map<std::string, std::array<Cell, n_delays>>> grouped(by.size());
  for (const CaseFacts& c : facts.cases) {
    for (std::size_t k = 0; k < n_delays; ++k) count(overall[k], c, k, facts.as_of);
    for (std::size_t g = 0; g < by.size(); ++g) {
      auto& cells = grouped[g][group_of(c, by[g])];
      for (std::size_t k = 0; k < n_delays; ++k) count(cells[k], c, k, facts.as_of);
    }
  }

  EmploymentCells out;
  auto& rows = out.rows;
  auto add_row = [&](std::string grouping, std::optional<std::string> value, std::size_t k,
                     const Cell& cell) {
    EmploymentCells::Row r{std::move(grouping), std::move(value), followup_delays[k], {}};
    const Json label{
        {"by", r.by}, {"value", r.value ? Json(*r.value) : Json()}, {"months", r.months}};
    for (std::size_t j = 0; j < n_counts; ++j) {
      r.cell[j] =
          pc.add(cell.counts[j], cell.keys[j], "employment", label, employment_count_columns[j]);
    }
    // Within a row (by definition of the columns; see employment_count_columns).
    std::vector<std::size_t> situations;
    for (std::size_t s = 0; s < 6; ++s) situations.push_back(r.cell[c_same_job + s]);
    pc.relate(r.cell[c_answered], std::move(situations));
    pc.relate(r.cell[c_employed],
              {r.cell[c_same_job], r.cell[c_same_job + 1], r.cell[c_same_job + 2]});
    const auto ge = RelationKind::at_least;
    pc.relate(r.cell[c_due], {r.cell[c_answered], r.cell[c_no_answer]}, ge);
    pc.relate(r.cell[c_answered], {r.cell[c_employed_before]}, ge);
    pc.relate(r.cell[c_employed_before], {r.cell[c_retained]}, ge);
    pc.relate(r.cell[c_employed], {r.cell[c_retained]}, ge);
    rows.push_back(std::move(r));
    return rows.size() - 1;
  };
  std::array<std::size_t, n_delays> overall_rows{};
  for (std::size_t k = 0; k < n_delays; ++k) overall_rows[k] = add_row("all", {}, k, overall[k]);
  for (std::size_t g = 0; g < by.size(); ++g) {
    std::array<std::vector<std::size_t>, n_delays> parts;
    for (const auto& [value, cells] : grouped[g]) {
      for (std::size_t k = 0; k < n_delays; ++k)
        parts[k].push_back(add_row(by[g], value, k, cells[k]));
    }
    // Each case is in exactly one group of a grouping: the overall row is their sum (no group:
    // an empty population, nothing to protect).
    if (grouped[g].empty()) continue;
    for (std::size_t k = 0; k < n_delays; ++k) {
      for (std::size_t j = 0; j < n_counts; ++j) {
        std::vector<std::size_t> cells;
        for (std::size_t r : parts[k]) cells.push_back(rows[r].cell[j]);
        pc.relate(rows[overall_rows[k]].cell[j], std::move(cells));
      }
    }
  }
  return out;
}

void fill_employment_table(Table& t, const EmploymentCells& cells, const PublishedCells& pc) {
  t.add_column("by", ColumnType::string);
  t.add_column("value", ColumnType::string);
  t.add_column("months", ColumnType::int64);
  for (auto name : employment_count_columns) t.add_column(std::string(name), ColumnType::int64);
  for (auto name : employment_rate_columns) t.add_column(std::string(name), ColumnType::float64);
  for (const EmploymentCells::Row& r : cells.rows) {
    auto& cols = t.columns();
    cols[0].push_string(r.by);
    cols[1].push_string(r.value ? std::optional<std::string_view>(*r.value) : std::nullopt);
    cols[2].push_int(r.months);
    for (std::size_t j = 0; j < n_counts; ++j) cols[3 + j].push_int(pc.published(r.cell[j]));
    auto pub = [&](std::size_t j) { return pc.published(r.cell[j]); };
    const std::size_t first_rate = 3 + n_counts;
    cols[first_rate + 0].push_double(published_rate(pub(c_answered), pub(c_due)));
    cols[first_rate + 1].push_double(published_rate(pub(c_employed), pub(c_answered)));
    cols[first_rate + 2].push_double(published_rate(pub(c_retained), pub(c_employed_before)));
  }
}

}  // namespace report_detail

EmploymentIndicators employment_indicators(std::span<const Event> events,
                                           const EmploymentOptions& options) {
  EmploymentIndicators out;
  const report_detail::EmploymentCells cells =
      report_detail::add_employment_cells(out.cells, events, options.by, options.as_of);
  out.cells.protect(options.publish);
  report_detail::fill_employment_table(out.table, cells, out.cells);
  return out;
}

}  // namespace vaekit
