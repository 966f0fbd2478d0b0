// Reception by channel and drop-outs by reason (issue 15): tally, merge, state and publication
// of the `by_channel` and `dropout_reasons` rows. Called from report.cpp; the cells join the
// report's one CellSystem.
#include "report_categories.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "vaekit/core/error.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit::report_detail {

namespace {

/// The field of the vocabulary called @p name.
constexpr const FieldSpec& field_named(std::string_view name) {
  for (const FieldSpec& f : event_data_fields) {
    if (f.name == name) return f;
  }
  return event_data_fields[0];
}
constexpr const FieldSpec& channel_field = field_named("channel");
constexpr const FieldSpec& reason_field = field_named("reason_code");

// The payload of a `received` is its channel's value + 1 (0: absent), and that of a
// `dropped_out` its reason code's value + 1: each is the one value digit its event carries
// (vocabulary.hpp, PayloadRole), with no flag. Checked here so that a new payload field on
// either event breaks the build rather than the tally.
static_assert(channel_field.name == "channel" && reason_field.name == "reason_code");
static_assert(payload_range(EventKind::received) == payload_radix(channel_field) &&
              !payload_has_flag(EventKind::received));
static_assert(payload_range(EventKind::dropped_out) == payload_radix(reason_field) &&
              !payload_has_flag(EventKind::dropped_out));
static_assert(channel_names.size() < 255 && reason_code_names.size() < 255);

/// Packs (antenne + 1, year, value + 1) into a hash key (value + 1 = 0: the absent value).
std::uint64_t pack(std::uint32_t antenne_plus1, int year, std::uint32_t value_plus1) {
  return (std::uint64_t{antenne_plus1} << 32) |
         (std::uint64_t{static_cast<std::uint16_t>(static_cast<std::int16_t>(year))} << 16) |
         value_plus1;
}

}  // namespace

void CategoryTally::first_received(std::uint32_t c, std::uint32_t payload) {
  if (channel_.empty()) channel_.assign(log_.cases().size(), 0);
  // A payload out of the channel's range (none is read today) counts as not stated.
  channel_[c] = payload < payload_radix(channel_field) ? static_cast<std::uint8_t>(payload) : 0;
}

void CategoryTally::dropped_out(std::size_t i) {
  if (last_out_.empty()) last_out_.assign(log_.cases().size(), 0);
  const std::uint32_t c = log_.case_column()[i];
  const std::uint32_t prev = last_out_[c];
  // Events are visited in file order: a later or equal time replaces (ties: the later line).
  if (prev == 0 || log_.time_column()[i] >= log_.time_column()[prev - 1])
    last_out_[c] = static_cast<std::uint32_t>(i + 1);
}

void CategoryTally::count(std::uint32_t c, int year, std::uint32_t antenne, bool dropped,
                          std::uint64_t key) {
  const std::uint32_t channel = channel_.empty() ? 0 : channel_[c];
  // One row per (antenne or none, year, value); the totals rows are summed in store().
  const std::uint32_t a = antenne == no_string ? 0 : antenne + 1;
  auto add = [&](std::unordered_map<std::uint64_t, Cell>& cells, std::uint32_t value) {
    Cell& row = cells[pack(a, year, value)];
    ++row.cases;
    row.key += key;
  };
  add(channels_, channel);
  if (dropped) {
    std::uint32_t reason = 0;
    if (!last_out_.empty() && last_out_[c] != 0) {
      const auto payload = log_.payload_column()[last_out_[c] - 1];
      reason = payload < payload_radix(reason_field) ? static_cast<std::uint32_t>(payload) : 0;
    }
    add(reasons_, reason);
  }
}

void CategoryTally::store(const StringPool& antennes, CategoryCounts& channels,
                          CategoryCounts& reasons) const {
  auto out = [&](const std::unordered_map<std::uint64_t, Cell>& cells,
                 std::span<const std::string_view> names, std::string_view absent,
                 CategoryCounts& to) {
    for (const auto& [k, cell] : cells) {
      const auto a = static_cast<std::uint32_t>(k >> 32);
      const int year = static_cast<std::int16_t>(static_cast<std::uint16_t>(k >> 16));
      const auto v = static_cast<std::uint32_t>(k & 0xFFFF);
      const std::string value(v == 0 ? absent : names[v - 1]);
      auto add = [&](std::optional<std::string> antenne) {
        ActivityReport::CategoryCount& mine = to[{year, std::move(antenne), value}];
        mine.cases += cell.cases;
        mine.key += cell.key;
      };
      add(std::nullopt);  // the totals row of the year counts every case
      if (a != 0) add(std::string(antennes[a - 1]));
    }
  };
  out(channels_, channel_names, channel_not_stated, channels);
  out(reasons_, reason_code_names, reason_not_coded, reasons);
}

void merge_category_counts(CategoryCounts& mine, const CategoryCounts& other) {
  for (const auto& [k, c] : other) {
    ActivityReport::CategoryCount& m = mine[k];
    m.cases += c.cases;
    m.key += c.key;  // modulo 2^64
  }
}

namespace {
Json category_row_json(const ActivityReport::CategoryKey& key) {
  const auto& [year, antenne, value] = key;
  return Json{
      {"year", year}, {"antenne", antenne ? Json(*antenne) : Json(nullptr)}, {"value", value}};
}
}  // namespace

Json category_state_json(const CategoryCounts& counts) {
  Json rows = Json::array();
  for (const auto& [k, c] : counts) {
    Json r = category_row_json(k);
    r["cases"] = c.cases;
    r["key"] = c.key;
    rows.push_back(std::move(r));
  }
  return rows;
}

void category_state_from_json(const Json& rows, std::string_view table,
                              std::span<const std::string_view> values, std::string_view absent,
                              CategoryCounts& counts) {
  if (!rows.is_array())
    throw ParseError(SourceLocation{{}, 0, 0, std::string(table)}, "expected a list");
  for (const Json& r : rows) {
    if (!r.is_object() || !r.contains("antenne"))
      throw ParseError(SourceLocation{{}, 0, 0, std::string(table) + ".antenne"},
                       "expected a row with an antenne (null: totals)");
    const Json& a = r.at("antenne");
    if (!a.is_null() && !a.is_string())
      throw ParseError(SourceLocation{{}, 0, 0, std::string(table) + ".antenne"},
                       "expected a string or null");
    auto value = json_field<std::string>(r, "value");
    if (value != absent && std::find(values.begin(), values.end(), value) == values.end()) {
      throw ParseError(SourceLocation{{}, 0, 0, std::string(table) + ".value"},
                       "unknown value " + excerpt(value));
    }
    ActivityReport::CategoryKey key{
        json_field<int>(r, "year"),
        a.is_null() ? std::nullopt : std::optional<std::string>(a.get<std::string>()),
        std::move(value)};
    counts[std::move(key)] = ActivityReport::CategoryCount{json_field<std::uint64_t>(r, "cases"),
                                                           json_field<std::uint64_t>(r, "key")};
  }
}

bool informative(const CategoryCounts& counts, std::string_view absent) {
  return std::any_of(counts.begin(), counts.end(),
                     [&](const auto& kv) { return std::get<2>(kv.first) != absent; });
}

CategoryCounts published_rows(const CategoryCounts& counts,
                              const std::vector<ActivityReport::FunnelKey>& funnel_rows,
                              std::string_view absent) {
  CategoryCounts out;
  if (!informative(counts, absent)) return out;
  std::vector<std::string> values;
  for (const auto& [k, c] : counts) values.push_back(std::get<2>(k));
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  for (const auto& [year, antenne] : funnel_rows) {
    for (const std::string& v : values) {
      ActivityReport::CategoryKey key{year, antenne, v};
      const auto it = counts.find(key);
      out.emplace(std::move(key),
                  it != counts.end() ? it->second : ActivityReport::CategoryCount{});
    }
  }
  return out;
}

std::vector<std::size_t> add_category_cells(CellSystem& sys, const AddCategoryCell& cell,
                                            std::string_view table, const CategoryCounts& counts,
                                            const FunnelCell& funnel_cell) {
  std::vector<std::size_t> cells;
  cells.reserve(counts.size());
  // (year, antenne) -> its value cells; (year, value) -> the antennes' cells and the totals'.
  std::map<std::pair<int, std::optional<std::string>>, std::vector<std::size_t>> by_row;
  std::map<std::pair<int, std::string>,
           std::pair<std::optional<std::size_t>, std::vector<std::size_t>>>
      by_value;
  for (const auto& [key, c] : counts) {
    const std::size_t i =
        cell(c.cases, c.key,
             Json{{"table", table}, {"row", category_row_json(key)}, {"column", "cases"}});
    cells.push_back(i);
    const auto& [year, antenne, value] = key;
    by_row[{year, antenne}].push_back(i);
    auto& v = by_value[{year, value}];
    if (antenne) {
      v.second.push_back(i);
    } else {
      v.first = i;
    }
  }
  // The sum of the values tells the funnel's cell: equal by definition (every case of the
  // column has one value, the absent one included); >= only in merged states mixing reports
  // without these rows.
  auto relate = [&](std::size_t total, std::vector<std::size_t> parts) {
    std::int64_t sum = 0;
    for (std::size_t p : parts) sum += sys.value(p);
    if (sum == sys.value(total)) {
      sys.add_relation(total, std::move(parts), RelationKind::equal);
    } else if (sum < sys.value(total)) {
      sys.add_relation(total, std::move(parts), RelationKind::at_least);
    }
  };
  for (auto& [row, parts] : by_row) {
    if (const auto f = funnel_cell(row.first, row.second)) relate(*f, std::move(parts));
  }
  // Per (year, value): the totals row >= the antennes' rows (a case received without antenne
  // counts in the totals only), equal where that holds — as the funnel's relation (1).
  for (auto& [yv, v] : by_value) {
    if (v.first && !v.second.empty()) relate(*v.first, std::move(v.second));
  }
  return cells;
}

void fill_category_table(Table& tb, const CategoryCounts& counts,
                         const std::vector<std::size_t>& cells,
                         const std::function<std::optional<std::int64_t>(std::size_t)>& value_of,
                         const std::function<void(std::size_t)>& note) {
  tb.add_column("year", ColumnType::int64);
  tb.add_column("antenne", ColumnType::string);
  tb.add_column("value", ColumnType::string);
  tb.add_column("cases", ColumnType::int64);
  std::size_t i = 0;
  for (const auto& [key, c] : counts) {
    auto& col = tb.columns();
    const auto& [year, antenne, value] = key;
    col[0].push_int(year);
    col[1].push_string(antenne ? std::optional<std::string_view>(*antenne) : std::nullopt);
    col[2].push_string(value);
    const auto pub = value_of(cells[i]);
    col[3].push_int(pub);
    if (!pub) note(cells[i]);
    ++i;
  }
}

}  // namespace vaekit::report_detail
