// The activity report by profile (issue 15): tally, merge, state and publication of the
// `by_profile` rows. Called from report.cpp; the cells join the report's one CellSystem.
#include "report_profile.hpp"

#include <algorithm>
#include <string>

#include "vaekit/core/error.hpp"
#include "vaekit/pathway/profile.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit::report_detail {

namespace {

constexpr std::size_t column_index(std::string_view name) {
  for (std::size_t k = 0; k < funnel_columns.size(); ++k) {
    if (funnel_columns[k] == name) return k;
  }
  return funnel_columns.size();
}
constexpr std::size_t c_received = column_index("received");
constexpr std::size_t c_jury = column_index("jury_held");
constexpr std::array<std::size_t, 4> c_results = {
    column_index("jury_full"), column_index("jury_partial"), column_index("jury_refused"),
    column_index("jury_absent")};
static_assert(c_received == 0 && c_jury < funnel_columns.size());

}  // namespace

void ProfileTally::observe(std::size_t i) {
  if (last_.empty()) last_.assign(log_.cases().size(), 0);
  const std::uint32_t c = log_.case_column()[i];
  const std::uint32_t prev = last_[c];
  // Events are visited in file order: a later or equal time replaces (ties: the later line).
  if (prev == 0 || log_.time_column()[i] >= log_.time_column()[prev - 1]) {
    last_[c] = static_cast<std::uint32_t>(i + 1);
  }
}

namespace {

/// One digit of the profile_recorded payload: its radix, its weight and the slot of its
/// attribute in profile_report_attributes (none: a field the report does not use).
struct Digit {
  std::uint32_t radix = 1;
  std::uint32_t weight = 0;  // 0: no digit
  std::size_t slot = profile_report_attributes.size();
};
constexpr std::size_t slot_of(std::string_view name) {
  for (std::size_t a = 0; a < profile_report_attributes.size(); ++a) {
    if (to_string(profile_report_attributes[a]) == name) return a;
  }
  return profile_report_attributes.size();
}
/// The digits of the payload, derived from the vocabulary table as the codec does: the value
/// fields profile_recorded carries, each with its weight (vocabulary.hpp, PayloadRole,
/// payload_weight).
constexpr auto profile_digits = [] {
  std::array<Digit, data_field_count> d{};
  std::size_t n = 0;
  for (std::size_t k = 0; k < event_data_fields.size(); ++k) {
    const FieldSpec& f = event_data_fields[k];
    if (payload_digit_of(f, EventKind::profile_recorded)) {
      d[n++] = Digit{payload_radix(f),
                     static_cast<std::uint32_t>(payload_weight(EventKind::profile_recorded, k)),
                     slot_of(f.name)};
    }
  }
  return d;
}();
// profile_recorded carries no flag field (its payload is digits only).
static_assert(!payload_has_flag(EventKind::profile_recorded));
// Every attribute of the report is a digit of the payload.
static_assert([] {
  std::size_t found = 0;
  for (const Digit& d : profile_digits) found += d.slot < profile_report_attributes.size();
  return found == profile_report_attributes.size();
}());

}  // namespace

std::array<std::uint16_t, profile_report_attributes.size()> ProfileTally::values_of(
    std::size_t i) const {
  // Mixed radix, arithmetic only (no EventData per case): digit = value index + 1, 0 when the
  // field is absent, i.e. not stated, the last value (index radix - 2, so radix - 1 here).
  const std::uint32_t p = log_.payload_column()[i];  // no flag field: every bit is a digit
  std::array<std::uint16_t, profile_report_attributes.size()> v{};
  for (const Digit& d : profile_digits) {
    if (d.weight == 0) break;
    const std::uint32_t digit = (p / d.weight) % d.radix;
    if (d.slot < v.size()) v[d.slot] = static_cast<std::uint16_t>(digit == 0 ? d.radix - 1 : digit);
  }
  return v;
}

namespace {
/// The first row of each attribute in a year's block of rows (value index + 1, 0: not
/// recorded), and the block's size.
constexpr auto row_offsets = [] {
  std::array<std::size_t, profile_report_attributes.size() + 1> o{};
  for (std::size_t a = 0; a < profile_report_attributes.size(); ++a) {
    std::size_t n = 1;  // not_recorded
    switch (profile_report_attributes[a]) {
      case ProfileAttribute::sex: n += sex_names.size(); break;
      case ProfileAttribute::age_band: n += age_band_names.size(); break;
      case ProfileAttribute::employment: n += employment_names.size(); break;
      case ProfileAttribute::qualification: n += qualification_names.size(); break;
      case ProfileAttribute::qpv:
      case ProfileAttribute::rqth: n += yes_no_names.size(); break;
      case ProfileAttribute::departement: n += departement_names.size(); break;
    }
    o[a + 1] = o[a] + n;
  }
  return o;
}();
}  // namespace

void ProfileTally::count(std::uint32_t c, int year, std::uint32_t flags, std::uint64_t key) {
  if (last_.empty()) return;  // no profile in the log: no by_profile rows
  std::array<std::uint16_t, profile_report_attributes.size()> values{};
  if (last_[c] != 0) values = values_of(last_[c] - 1);
  // One dense block of rows per cohort year (one lookup per case, not one per attribute).
  auto [it, added] = year_block_.try_emplace(year, rows_.size());
  if (added) rows_.resize(rows_.size() + row_offsets.back());
  Row* block = rows_.data() + it->second;
  for (std::size_t a = 0; a < values.size(); ++a) {
    Row& row = block[row_offsets[a] + values[a]];
    for (std::size_t k = 0; k < funnel_columns.size(); ++k) {
      const std::uint64_t bit = (flags >> k) & 1u;
      row.counts[k] += bit;
      row.keys[k] += bit * key;
    }
  }
}

void ProfileTally::store(ProfileCounts& counts, ProfileCounts& keys) const {
  for (const auto& [year, base] : year_block_) {
    for (std::size_t a = 0; a < profile_report_attributes.size(); ++a) {
      for (std::size_t v = 0; v < row_offsets[a + 1] - row_offsets[a]; ++v) {
        const Row& row = rows_[base + row_offsets[a] + v];
        if (row.counts[0] == 0) continue;  // no case received (column 0 is received)
        const ActivityReport::ProfileKey key{year, profile_report_attributes[a],
                                             static_cast<std::uint16_t>(v)};
        FunnelCounts& cc = counts.try_emplace(key, FunnelCounts{}).first->second;
        FunnelCounts& kk = keys.try_emplace(key, FunnelCounts{}).first->second;
        for (std::size_t i = 0; i < cc.size(); ++i) {
          cc[i] += row.counts[i];
          kk[i] += row.keys[i];
        }
      }
    }
  }
}

void merge_profile_counts(ProfileCounts& mine, const ProfileCounts& other) {
  for (const auto& [k, row] : other) {
    FunnelCounts& m = mine.try_emplace(k, FunnelCounts{}).first->second;
    for (std::size_t i = 0; i < row.size(); ++i) m[i] += row[i];  // keys: modulo 2^64
  }
}

Json profile_row_json(const ActivityReport::ProfileKey& key) {
  const auto& [year, attribute, value] = key;
  const std::string_view v =
      value == 0 ? profile_not_recorded : profile_values(attribute)[value - 1u];
  return Json{{"year", year}, {"attribute", to_string(attribute)}, {"value", v}};
}

Json profile_state_json(const ProfileCounts& counts, const ProfileCounts& keys) {
  Json rows = Json::array();
  for (const auto& [k, row] : counts) {
    Json r = profile_row_json(k);
    r["counts"] = row;
    const auto it = keys.find(k);
    r["keys"] = it != keys.end() ? it->second : FunnelCounts{};
    rows.push_back(std::move(r));
  }
  return rows;
}

void profile_state_from_json(const Json& rows, ProfileCounts& counts, ProfileCounts& keys) {
  if (!rows.is_array()) throw ParseError(SourceLocation{{}, 0, 0, "by_profile"}, "expected a list");
  for (const Json& r : rows) {
    const ProfileAttribute a =
        profile_attribute_from_string(json_field<std::string>(r, "attribute"));
    const auto value = json_field<std::string>(r, "value");
    std::uint16_t vi = 0;
    if (value != profile_not_recorded) {
      const auto values = profile_values(a);
      const auto it = std::find(values.begin(), values.end(), value);
      if (it == values.end()) {
        throw ParseError(SourceLocation{{}, 0, 0, "by_profile.value"},
                         "unknown value " + excerpt(value) + " of " + std::string(to_string(a)));
      }
      vi = static_cast<std::uint16_t>(it - values.begin() + 1);
    }
    const ActivityReport::ProfileKey key{json_field<int>(r, "year"), a, vi};
    auto read = [&](const char* field) {
      const auto v = json_field<std::vector<std::uint64_t>>(r, field);
      if (v.size() != funnel_columns.size()) {
        throw ParseError(SourceLocation{{}, 0, 0, std::string("by_profile.") + field},
                         "expected 15 numbers");
      }
      FunnelCounts out{};
      std::copy(v.begin(), v.end(), out.begin());
      return out;
    };
    counts[key] = read("counts");
    keys[key] = read("keys");
  }
}

std::vector<std::array<std::size_t, funnel_columns.size()>> add_profile_cells(
    CellSystem& sys, const AddCell& cell, const ProfileCounts& counts, const ProfileCounts& keys,
    const TotalCell& total_cell) {
  std::vector<std::array<std::size_t, funnel_columns.size()>> rows;
  rows.reserve(counts.size());
  // (year, attribute) -> its rows
  std::map<std::pair<int, ProfileAttribute>, std::vector<std::size_t>> groups;
  for (const auto& [key, row] : counts) {
    const auto kit = keys.find(key);
    const FunnelCounts k = kit != keys.end() ? kit->second : FunnelCounts{};
    const Json label_row = profile_row_json(key);
    std::array<std::size_t, funnel_columns.size()> cells{};
    for (std::size_t c = 0; c < row.size(); ++c) {
      cells[c] =
          cell(row[c], k[c],
               Json{{"table", "by_profile"}, {"row", label_row}, {"column", funnel_columns[c]}});
    }
    groups[{std::get<0>(key), std::get<1>(key)}].push_back(rows.size());
    rows.push_back(cells);
  }
  // The totals row of the year = the sum over the values of one attribute (every received case
  // has exactly one value per attribute, `not_recorded` included); >= where states were merged
  // with reports that have no profile rows.
  for (const auto& [group, members] : groups) {
    for (std::size_t c = 0; c < funnel_columns.size(); ++c) {
      const std::optional<std::size_t> total = total_cell(group.first, c);
      if (!total) continue;
      std::vector<std::size_t> parts;
      std::int64_t sum = 0;
      for (std::size_t r : members) {
        parts.push_back(rows[r][c]);
        sum += sys.value(rows[r][c]);
      }
      sys.add_relation(*total, std::move(parts),
                       sum == sys.value(*total) ? RelationKind::equal : RelationKind::at_least);
    }
  }
  // Within a row, the funnel's relations: every column <= received, each result <= jury_held,
  // jury_held = the sum of the results only where it holds.
  for (const auto& cells : rows) {
    for (std::size_t c = 0; c < funnel_columns.size(); ++c) {
      if (c != c_received) sys.add_relation(cells[c_received], {cells[c]}, RelationKind::at_least);
    }
    std::vector<std::size_t> results;
    std::int64_t sum = 0;
    for (std::size_t c : c_results) {
      sys.add_relation(cells[c_jury], {cells[c]}, RelationKind::at_least);
      results.push_back(cells[c]);
      sum += sys.value(cells[c]);
    }
    if (sum == sys.value(cells[c_jury])) sys.add_relation(cells[c_jury], std::move(results));
  }
  return rows;
}

void fill_profile_table(Table& tb, const ProfileCounts& counts,
                        const std::vector<std::array<std::size_t, funnel_columns.size()>>& rows,
                        const std::function<std::optional<std::int64_t>(std::size_t)>& value_of,
                        const std::function<void(std::size_t)>& note) {
  tb.add_column("year", ColumnType::int64);
  tb.add_column("attribute", ColumnType::string);
  tb.add_column("value", ColumnType::string);
  for (auto name : funnel_columns) tb.add_column(std::string(name), ColumnType::int64);
  for (const ProfileRate& r : profile_rate_columns)
    tb.add_column(std::string(r.name), ColumnType::float64);
  std::size_t i = 0;
  for (const auto& [key, row] : counts) {
    auto& col = tb.columns();
    const Json label = profile_row_json(key);
    col[0].push_int(std::get<0>(key));
    col[1].push_string(label.at("attribute").get<std::string>());
    col[2].push_string(label.at("value").get<std::string>());
    std::array<std::optional<std::int64_t>, funnel_columns.size()> pub{};
    for (std::size_t c = 0; c < row.size(); ++c) {
      pub[c] = value_of(rows[i][c]);
      col[3 + c].push_int(pub[c]);
      if (!pub[c]) note(rows[i][c]);
    }
    std::size_t rc = 3 + funnel_columns.size();
    for (const ProfileRate& r : profile_rate_columns) {
      const auto& num = pub[column_index(r.numerator)];
      const auto& den = pub[column_index(r.denominator)];
      // Ratios of published counts; noise may make the numerator exceed the denominator, so
      // a rate is capped at 1 (a function of published figures: it discloses nothing more).
      std::optional<double> rate;
      if (num && den && *den > 0)
        rate = std::min(1.0, static_cast<double>(*num) / static_cast<double>(*den));
      col[rc++].push_double(rate);
    }
    ++i;
  }
}

}  // namespace vaekit::report_detail
