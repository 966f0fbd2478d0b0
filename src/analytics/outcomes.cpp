#include "vaekit/analytics/outcomes.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "annex_cells.hpp"
#include "funnel_steps.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/names.hpp"

namespace vaekit {

std::string_view to_string(OutcomeGrouping g) noexcept {
  switch (g) {
    case OutcomeGrouping::certification: return "certification";
    case OutcomeGrouping::level: return "level";
    case OutcomeGrouping::certifier: return "certifier";
  }
  return "certification";
}

namespace {
constexpr std::array<std::string_view, 3> kGroupingNames{"certification", "level", "certifier"};
}  // namespace

OutcomeGrouping outcome_grouping_from_string(std::string_view name) {
  return parse_name<OutcomeGrouping>(kGroupingNames, name, "outcome grouping");
}
std::optional<OutcomeGrouping> try_outcome_grouping_from_string(std::string_view name) noexcept {
  return find_name<OutcomeGrouping>(kGroupingNames, name);
}

namespace {

constexpr std::size_t n_counts = outcome_count_columns.size();
using Counts = std::array<std::uint64_t, n_counts>;
enum : std::size_t { c_sent, c_admissible, c_jury, c_full, c_partial, c_refused, c_absent };

/// Flags of one case: bit k set when the case counts in column k.
struct CaseOutcome {
  std::uint8_t flags = 0;
  std::uint32_t certification = no_string;
};

/// A row key: the unknown group sorts last (first = true).
struct RowKey {
  bool unknown = false;
  std::optional<int> level;  // level grouping
  std::string text;          // certification code or certifier name
  friend auto operator<=>(const RowKey&, const RowKey&) = default;
};

struct OutcomeRow {
  Counts counts{};
  Counts keys{};                        // record-key sums of the cases of each count
  const Certification* cert = nullptr;  // certification grouping
};

void add(Counts& to, Counts& keys, std::uint8_t flags, std::uint64_t key) {
  for (std::size_t k = 0; k < n_counts; ++k) {
    if ((static_cast<unsigned>(flags) >> k) & 1U) {
      ++to[k];
      keys[k] += key;
    }
  }
}

std::int64_t i64(std::uint64_t v) {
  return static_cast<std::int64_t>(v);
}

}  // namespace

namespace report_detail {

/// The rows of the outcome table of @p log by @p by (counts and record-key sums), in key order.
struct OutcomeRows {
  std::map<RowKey, OutcomeRow> rows;
};

namespace {

OutcomeRows outcome_rows(const EventLog& log, const Registry& registry, OutcomeGrouping by) {
  const auto cases = log.case_column();
  const auto kinds = log.kind_column();
  const auto certs = log.certification_column();
  const auto payload = log.payload_column();

  std::vector<CaseOutcome> state(log.cases().size());
  for (std::size_t i = 0; i < log.size(); ++i) {
    CaseOutcome& c = state[cases[i]];
    if (certs[i] != no_string) c.certification = certs[i];
    // France VAE events stand for the 2017 steps (funnel_steps.hpp), as in the activity report.
    const auto [kind, pl] = funnel_steps::as_2017_step(kinds[i], payload[i]);
    switch (kind) {
      case EventKind::admissibility_sent: c.flags |= 1u << c_sent; break;
      case EventKind::admissibility_decided:
        if ((pl & 0xFF) == static_cast<unsigned>(AdmissibilityDecision::admissible) + 1u) {
          c.flags |= 1u << c_admissible;
        }
        break;
      case EventKind::jury_held:
        c.flags |= 1u << c_jury;
        if (pl != no_payload)
          c.flags = static_cast<std::uint8_t>(c.flags | (1u << (c_full + (pl - 1u))));
        break;
      default: break;
    }
  }

  // Per certification code (interned index) first, then per group.
  std::vector<Counts> per_code(log.certifications().size() + 1, Counts{});
  std::vector<Counts> per_code_keys(per_code.size(), Counts{});
  for (std::size_t ci = 0; ci < state.size(); ++ci) {
    const CaseOutcome& c = state[ci];
    if (c.flags == 0) continue;
    const std::size_t idx =
        c.certification == no_string ? log.certifications().size() : c.certification;
    add(per_code[idx], per_code_keys[idx], c.flags,
        record_key(log.cases()[static_cast<std::uint32_t>(ci)]));
  }

  OutcomeRows out;
  auto& rows = out.rows;
  auto accumulate = [](OutcomeRow& row, const Counts& counts, const Counts& keys) {
    for (std::size_t k = 0; k < n_counts; ++k) {
      row.counts[k] += counts[k];
      row.keys[k] += keys[k];
    }
  };
  for (std::size_t idx = 0; idx < per_code.size(); ++idx) {
    const Counts& counts = per_code[idx];
    const Counts& keys = per_code_keys[idx];
    if (std::all_of(counts.begin(), counts.end(), [](std::uint64_t v) { return v == 0; })) continue;
    const Certification* cert =
        idx < log.certifications().size()
            ? registry.find(log.certifications()[static_cast<std::uint32_t>(idx)])
            : nullptr;
    switch (by) {
      case OutcomeGrouping::certification: {
        RowKey key = cert ? RowKey{false, std::nullopt, cert->code}
                          : RowKey{true, std::nullopt, std::string(unknown_certification)};
        OutcomeRow& row = rows[key];
        row.cert = cert;
        accumulate(row, counts, keys);
        break;
      }
      case OutcomeGrouping::level: {
        const std::optional<int> level = cert ? cert->level : std::nullopt;
        accumulate(rows[RowKey{!level.has_value(), level, {}}], counts, keys);
        break;
      }
      case OutcomeGrouping::certifier: {
        if (!cert || cert->certifiers.empty()) {
          accumulate(rows[RowKey{true, std::nullopt, std::string(unknown_certification)}], counts,
                     keys);
          break;
        }
        // A certification naming the same certifier twice counts once.
        std::vector<std::string> names;
        for (const Certifier& c : cert->certifiers) names.push_back(c.name);
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        for (auto& n : names)
          accumulate(rows[RowKey{false, std::nullopt, std::move(n)}], counts, keys);
        break;
      }
    }
  }
  return out;
}

/// The relations of one row (docs/analytics.md): admissible <= sent (where the data keeps it),
/// and each result <= jury (a case counts in a result column only if it sat a jury). jury =
/// full + partial + refused + absent is false in general (a case sits again after a partial
/// result or an absence, and a jury may have no result recorded): it is used only in the rows
/// where it holds in the data, as an outsider could assume it there.
void relate_row(CellSystem& sys, const std::array<std::size_t, n_counts>& rc,
                const OutcomeRow& row) {
  if (row.counts[c_sent] >= row.counts[c_admissible])  // a log not checked may break it
    sys.add_relation(rc[c_sent], {rc[c_admissible]}, RelationKind::at_least);
  for (std::size_t k : {c_full, c_partial, c_refused, c_absent})
    sys.add_relation(rc[c_jury], {rc[k]}, RelationKind::at_least);
  const std::uint64_t results =
      row.counts[c_full] + row.counts[c_partial] + row.counts[c_refused] + row.counts[c_absent];
  if (results == row.counts[c_jury]) {
    sys.add_relation(rc[c_jury], {rc[c_full], rc[c_partial], rc[c_refused], rc[c_absent]});
  }
}

/// Fills the outcome table of @p rows by @p by, each count as @p published says (none: withheld).
void fill_outcome_rows(Table& t, const OutcomeRows& rows, OutcomeGrouping by,
                       const std::vector<std::array<std::size_t, n_counts>>& cells,
                       const std::function<std::optional<std::int64_t>(std::size_t)>& published) {
  switch (by) {
    case OutcomeGrouping::certification:
      t.add_column("certification", ColumnType::string);
      t.add_column("level", ColumnType::int64);
      t.add_column("certifiers", ColumnType::string);
      break;
    case OutcomeGrouping::level: t.add_column("level", ColumnType::int64); break;
    case OutcomeGrouping::certifier: t.add_column("certifier", ColumnType::string); break;
  }
  const std::size_t first_count = t.columns().size();
  for (auto name : outcome_count_columns) t.add_column(std::string(name), ColumnType::int64);
  for (auto name : outcome_rate_columns) t.add_column(std::string(name), ColumnType::float64);

  std::size_t r = 0;
  for (const auto& entry : rows.rows) {
    // Named references, not a structured binding: clang before 16 cannot capture those.
    const auto& key = entry.first;
    const auto& row = entry.second;
    auto& cols = t.columns();
    switch (by) {
      case OutcomeGrouping::certification: {
        cols[0].push_string(key.text);
        cols[1].push_int(row.cert && row.cert->level ? std::optional<std::int64_t>(*row.cert->level)
                                                     : std::nullopt);
        if (row.cert && !row.cert->certifiers.empty()) {
          std::string names;
          for (const Certifier& c : row.cert->certifiers) {
            if (!names.empty()) names += "; ";
            names += c.name;
          }
          cols[2].push_string(names);
        } else {
          cols[2].push_string(std::nullopt);
        }
        break;
      }
      case OutcomeGrouping::level:
        cols[0].push_int(key.level ? std::optional<std::int64_t>(*key.level) : std::nullopt);
        break;
      case OutcomeGrouping::certifier: cols[0].push_string(key.text); break;
    }
    const auto& rc = cells[r];
    std::array<std::optional<std::int64_t>, n_counts> pub{};
    for (std::size_t k = 0; k < n_counts; ++k) {
      pub[k] = published(rc[k]);
      cols[first_count + k].push_int(pub[k]);
    }
    // Ratios of published counts; noise may make a numerator exceed its denominator, so a rate
    // is capped at 1 (a function of published figures: it discloses nothing more).
    auto rate = [&](std::size_t num, std::size_t den) -> std::optional<double> {
      if (!pub[num] || !pub[den] || *pub[den] <= 0) return std::nullopt;
      return std::min(1.0, static_cast<double>(*pub[num]) / static_cast<double>(*pub[den]));
    };
    const std::size_t first_rate = first_count + n_counts;
    cols[first_rate + 0].push_double(rate(c_admissible, c_sent));
    cols[first_rate + 1].push_double(rate(c_full, c_jury));
    cols[first_rate + 2].push_double(rate(c_partial, c_jury));
    cols[first_rate + 3].push_double(rate(c_refused, c_jury));
    ++r;
  }
}

}  // namespace

OutcomeCells add_outcome_cells(PublishedCells& pc, const EventLog& log, const Registry& registry,
                               OutcomeGrouping by) {
  OutcomeCells out;
  out.by = by;
  out.rows = std::make_shared<OutcomeRows>(outcome_rows(log, registry, by));
  const std::string table = std::string("outcomes_by_") + std::string(to_string(by));
  for (const auto& [key, row] : out.rows->rows) {
    Json label_row = Json::object();
    switch (by) {
      case OutcomeGrouping::certification: label_row["certification"] = key.text; break;
      case OutcomeGrouping::level:
        label_row["level"] = key.level ? Json(*key.level) : Json();
        break;
      case OutcomeGrouping::certifier: label_row["certifier"] = key.text; break;
    }
    std::array<std::size_t, n_counts> rc{};
    for (std::size_t k = 0; k < n_counts; ++k)
      rc[k] = pc.add(row.counts[k], row.keys[k], table, label_row, outcome_count_columns[k]);
    relate_row(pc.system(), rc, row);
    out.cells.push_back(rc);
  }
  // Every case with an outcome is in one row of the certification and level groupings, and in
  // at least one of the certifier grouping: a hidden total per column, their sum (or at most
  // their sum), for the relations with the funnel.
  for (std::size_t k = 0; k < n_counts; ++k) {
    std::vector<std::size_t> parts;
    std::int64_t sum = 0;
    for (const auto& rc : out.cells) {
      parts.push_back(rc[k]);
      sum += pc.value(rc[k]);
    }
    if (parts.empty()) continue;
    out.totals[k] = pc.add_hidden(sum);
    pc.relate(*out.totals[k], std::move(parts));
  }
  return out;
}

void fill_outcome_table(Table& t, const OutcomeCells& cells, const PublishedCells& pc) {
  fill_outcome_rows(t, *cells.rows, cells.by, cells.cells,
                    [&](std::size_t i) { return pc.published(i); });
}

}  // namespace report_detail

Table outcome_rates(const EventLog& log, const Registry& registry, OutcomeOptions options) {
  const report_detail::OutcomeRows rows = report_detail::outcome_rows(log, registry, options.by);
  // Disclosure control of the table alone: suppression under the threshold, then secondary
  // suppression (CellSystem::protect), exact published counts.
  CellSystem sys;
  std::vector<std::array<std::size_t, n_counts>> cells;
  cells.reserve(rows.rows.size());
  for (const auto& [key, row] : rows.rows) {
    std::array<std::size_t, n_counts> rc{};
    for (std::size_t k = 0; k < n_counts; ++k) rc[k] = sys.add_cell(i64(row.counts[k]));
    report_detail::relate_row(sys, rc, row);
    cells.push_back(rc);
  }
  sys.protect(options.threshold);
  Table t("outcomes");
  report_detail::fill_outcome_rows(t, rows, options.by, cells,
                                   [&](std::size_t i) -> std::optional<std::int64_t> {
                                     if (sys.suppressed(i)) return std::nullopt;
                                     return sys.value(i);
                                   });
  return t;
}

}  // namespace vaekit
