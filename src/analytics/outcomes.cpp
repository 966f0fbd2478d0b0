#include "vaekit/analytics/outcomes.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  const Certification* cert = nullptr;  // certification grouping
};

void add(Counts& to, std::uint8_t flags) {
  for (std::size_t k = 0; k < n_counts; ++k) {
    if ((static_cast<unsigned>(flags) >> k) & 1U) ++to[k];
  }
}

std::int64_t i64(std::uint64_t v) {
  return static_cast<std::int64_t>(v);
}

}  // namespace

Table outcome_rates(const EventLog& log, const Registry& registry, OutcomeOptions options) {
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
  for (const CaseOutcome& c : state) {
    if (c.flags == 0) continue;
    const std::size_t idx =
        c.certification == no_string ? log.certifications().size() : c.certification;
    add(per_code[idx], c.flags);
  }

  std::map<RowKey, OutcomeRow> rows;
  auto accumulate = [](OutcomeRow& row, const Counts& counts) {
    for (std::size_t k = 0; k < n_counts; ++k) row.counts[k] += counts[k];
  };
  for (std::size_t idx = 0; idx < per_code.size(); ++idx) {
    const Counts& counts = per_code[idx];
    if (std::all_of(counts.begin(), counts.end(), [](std::uint64_t v) { return v == 0; })) continue;
    const Certification* cert =
        idx < log.certifications().size()
            ? registry.find(log.certifications()[static_cast<std::uint32_t>(idx)])
            : nullptr;
    switch (options.by) {
      case OutcomeGrouping::certification: {
        RowKey key = cert ? RowKey{false, std::nullopt, cert->code}
                          : RowKey{true, std::nullopt, std::string(unknown_certification)};
        OutcomeRow& row = rows[key];
        row.cert = cert;
        accumulate(row, counts);
        break;
      }
      case OutcomeGrouping::level: {
        const std::optional<int> level = cert ? cert->level : std::nullopt;
        accumulate(rows[RowKey{!level.has_value(), level, {}}], counts);
        break;
      }
      case OutcomeGrouping::certifier: {
        if (!cert || cert->certifiers.empty()) {
          accumulate(rows[RowKey{true, std::nullopt, std::string(unknown_certification)}], counts);
          break;
        }
        // A certification naming the same certifier twice counts once.
        std::vector<std::string> names;
        for (const Certifier& c : cert->certifiers) names.push_back(c.name);
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        for (auto& n : names) accumulate(rows[RowKey{false, std::nullopt, std::move(n)}], counts);
        break;
      }
    }
  }

  // Disclosure control: the counts of each row, with the relations that hold (docs/analytics.md):
  // admissible <= sent (where the data keeps it), and each result <= jury (a case counts in a
  // result column only if it sat a jury). jury = full + partial + refused + absent is false in
  // general (a case sits again after a partial result or an absence, and a jury may have no result
  // recorded): it is used only in the rows where it holds in the data, as an outsider could assume
  // it there.
  CellSystem sys;
  std::vector<std::array<std::size_t, n_counts>> cells;
  cells.reserve(rows.size());
  for (const auto& [key, row] : rows) {
    std::array<std::size_t, n_counts> rc{};
    for (std::size_t k = 0; k < n_counts; ++k) rc[k] = sys.add_cell(i64(row.counts[k]));
    if (row.counts[c_sent] >= row.counts[c_admissible])  // a log not checked may break it
      sys.add_relation(rc[c_sent], {rc[c_admissible]}, RelationKind::at_least);
    for (std::size_t k : {c_full, c_partial, c_refused, c_absent})
      sys.add_relation(rc[c_jury], {rc[k]}, RelationKind::at_least);
    const std::uint64_t results =
        row.counts[c_full] + row.counts[c_partial] + row.counts[c_refused] + row.counts[c_absent];
    if (results == row.counts[c_jury]) {
      sys.add_relation(rc[c_jury], {rc[c_full], rc[c_partial], rc[c_refused], rc[c_absent]});
    }
    cells.push_back(rc);
  }
  sys.protect(options.threshold);

  Table t("outcomes");
  switch (options.by) {
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
  for (const auto& entry : rows) {
    // Named references, not a structured binding: clang before 16 cannot capture those.
    const auto& key = entry.first;
    const auto& row = entry.second;
    auto& cols = t.columns();
    switch (options.by) {
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
    auto published = [&](std::size_t k) { return !sys.suppressed(rc[k]); };
    for (std::size_t k = 0; k < n_counts; ++k) {
      cols[first_count + k].push_int(published(k) ? std::optional<std::int64_t>(i64(row.counts[k]))
                                                  : std::nullopt);
    }
    auto rate = [&](std::size_t num, std::size_t den) -> std::optional<double> {
      if (!published(num) || !published(den) || row.counts[den] == 0) return std::nullopt;
      return static_cast<double>(row.counts[num]) / static_cast<double>(row.counts[den]);
    };
    const std::size_t first_rate = first_count + n_counts;
    cols[first_rate + 0].push_double(rate(c_admissible, c_sent));
    cols[first_rate + 1].push_double(rate(c_full, c_jury));
    cols[first_rate + 2].push_double(rate(c_partial, c_jury));
    cols[first_rate + 3].push_double(rate(c_refused, c_jury));
    ++r;
  }
  return t;
}

}  // namespace vaekit
