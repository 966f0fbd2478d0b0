#pragma once
// Reception by channel and drop-outs by reason (issue 15): internal pieces of report.cpp kept in
// their own file (report_categories.cpp), modelled on report_profile.{hpp,cpp}. The two tables
// are cells of the report's one CellSystem, related to the funnel's received and dropped_out
// cells (docs/analytics.md, "Reception by channel and drop-outs by reason").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/table.hpp"

namespace vaekit::report_detail {

using CategoryCounts = std::map<ActivityReport::CategoryKey, ActivityReport::CategoryCount>;

/// Tallies, per (cohort year, antenne of the first reception, value), the distinct cases of the
/// funnel's received column by the channel of their first reception, and those of its
/// dropped_out column by the reason code of their last drop-out.
class CategoryTally {
 public:
  /// A tally over the events of @p log (kept by reference).
  explicit CategoryTally(const EventLog& log) : log_(log) {}
  /// The funnel has just taken an event of payload @p payload (a `received`, or what stands for
  /// one) as the first reception of case @p c.
  void first_received(std::uint32_t c, std::uint32_t payload);
  /// Event @p i is a `dropped_out` event.
  void dropped_out(std::size_t i);
  /// Case @p c is counted in the funnel row (@p year, @p antenne: a StringPool index, no_string
  /// when none) and in its totals row, with the record key @p key; @p dropped: also in the
  /// dropped_out column.
  void count(std::uint32_t c, int year, std::uint32_t antenne, bool dropped, std::uint64_t key);
  /// Adds the tally into the report's exact state (antenne names from @p antennes).
  void store(const StringPool& antennes, CategoryCounts& channels, CategoryCounts& reasons) const;

 private:
  struct Cell {
    std::uint64_t cases = 0;
    std::uint64_t key = 0;
  };
  const EventLog& log_;
  std::vector<std::uint8_t> channel_;    // per case: channel index + 1 (0: not stated)
  std::vector<std::uint32_t> last_out_;  // per case: index + 1 of its last dropped_out (0: none)
  std::unordered_map<std::uint64_t, Cell> channels_,
      reasons_;  // (antenne + 1 or 0, year, value + 1)
};

/// Adds @p other's rows to @p mine (counts, and record-key sums modulo 2^64).
void merge_category_counts(CategoryCounts& mine, const CategoryCounts& other);

/// The state's rows of one table: [{year, antenne, value, cases, key}].
[[nodiscard]] Json category_state_json(const CategoryCounts& counts);
/// Reads them back; @p table names the list in errors; values are checked against
/// @p values (the vocabulary's codes) and @p absent.
void category_state_from_json(const Json& rows, std::string_view table,
                              std::span<const std::string_view> values, std::string_view absent,
                              CategoryCounts& counts);

/// Makes a cell of the publication's one system: value, record-key sum, label.
using AddCategoryCell = std::function<std::size_t(std::uint64_t, std::uint64_t, Json)>;
/// The funnel's cell of row (year, antenne: std::nullopt for the totals row) in the column the
/// table partitions (received or dropped_out); none when there is no such row.
using FunnelCell =
    std::function<std::optional<std::size_t>(int, const std::optional<std::string>&)>;

/// Whether the table says more than the funnel column it partitions: some row has a value other
/// than @p absent (otherwise it would repeat that column and is not published).
[[nodiscard]] bool informative(const CategoryCounts& counts, std::string_view absent);

/// The rows a table publishes: none when not informative(@p counts, @p absent); otherwise, for
/// every funnel row in @p funnel_rows (year, antenne or totals) and every value present anywhere
/// in @p counts, that row's count — 0 where the state has none. Dense, so that a missing row
/// never tells an attacker a 0 the funnel withholds (only a value absent from the whole report
/// goes unlisted).
[[nodiscard]] CategoryCounts published_rows(
    const CategoryCounts& counts, const std::vector<ActivityReport::FunnelKey>& funnel_rows,
    std::string_view absent);

/// The cells of the rows of table @p table (one per row, in the order of @p counts), added to
/// @p sys with their relations: per (year, antenne) and per year (totals), the funnel's cell =
/// the sum of the values (>= where a merged state mixes reports without these rows); per
/// (year, value), the totals row >= the sum over the antennes (equal where every case has an
/// antenne).
[[nodiscard]] std::vector<std::size_t> add_category_cells(CellSystem& sys,
                                                          const AddCategoryCell& cell,
                                                          std::string_view table,
                                                          const CategoryCounts& counts,
                                                          const FunnelCell& funnel_cell);

/// Fills table @p tb: year, antenne (null: totals), value, cases as published (null: withheld,
/// listed by @p note).
void fill_category_table(Table& tb, const CategoryCounts& counts,
                         const std::vector<std::size_t>& cells,
                         const std::function<std::optional<std::int64_t>(std::size_t)>& value_of,
                         const std::function<void(std::size_t)>& note);

}  // namespace vaekit::report_detail
