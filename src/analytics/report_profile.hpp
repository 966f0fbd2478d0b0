#pragma once
// The activity report by profile (issue 15): internal pieces of report.cpp kept in their own
// file (report_profile.cpp) so that the funnel code and the profile code change apart.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/table.hpp"

namespace vaekit::report_detail {

using FunnelCounts = ActivityReport::FunnelCounts;
using ProfileCounts = std::map<ActivityReport::ProfileKey, FunnelCounts>;

/// Counts the funnel of each received case under the last profile recorded for it (the latest
/// `profile_recorded` event by time, the later in file order on a tie). Costs nothing on a log
/// without profile: no row is made then.
class ProfileTally {
 public:
  /// A tally over the events of @p log (kept by reference).
  explicit ProfileTally(const EventLog& log) : log_(log) {}
  /// Event @p i is a `profile_recorded` event.
  void observe(std::size_t i);
  /// Case @p c, first received in @p year, has the funnel columns whose bits are set in
  /// @p flags (bit k: funnel_columns[k]) and the record key @p key.
  void count(std::uint32_t c, int year, std::uint32_t flags, std::uint64_t key);
  /// Adds the tally into the report's exact state.
  void store(ProfileCounts& counts, ProfileCounts& keys) const;

 private:
  /// The value index + 1 of each of profile_report_attributes for profile event @p i.
  [[nodiscard]] std::array<std::uint16_t, profile_report_attributes.size()> values_of(
      std::size_t i) const;
  const EventLog& log_;
  std::vector<std::uint32_t> last_;  // per case: index + 1 of its last profile event (0: none)
  struct Row {
    FunnelCounts counts{};  // cases of each funnel column
    FunnelCounts keys{};    // their record-key sums
  };
  std::vector<Row> rows_;                            // one block of rows per cohort year
  std::unordered_map<int, std::size_t> year_block_;  // year -> first row of its block
};

/// Adds @p other's profile rows to @p mine (counts, or record-key sums modulo 2^64).
void merge_profile_counts(ProfileCounts& mine, const ProfileCounts& other);

/// The state's `by_profile` rows: [{year, attribute, value, counts, keys}].
[[nodiscard]] Json profile_state_json(const ProfileCounts& counts, const ProfileCounts& keys);
/// Reads them back (absent from states written before issue 15: no row).
void profile_state_from_json(const Json& rows, ProfileCounts& counts, ProfileCounts& keys);

/// Makes a cell of the publication's one system: value, record-key sum, label.
using AddCell = std::function<std::size_t(std::uint64_t, std::uint64_t, Json)>;
/// The cell of the funnel's totals row of @p year, column @p k (none: no such row).
using TotalCell = std::function<std::optional<std::size_t>(int, std::size_t)>;

/// The cells of the `by_profile` rows (one array per row, in the order of @p counts), added to
/// @p sys with their relations: per (year, attribute, column), totals row = sum of the values
/// (each received case has one value per attribute) where that holds (states merged with
/// reports without profile: totals >= sum); within a row, the funnel's relations.
[[nodiscard]] std::vector<std::array<std::size_t, funnel_columns.size()>> add_profile_cells(
    CellSystem& sys, const AddCell& cell, const ProfileCounts& counts, const ProfileCounts& keys,
    const TotalCell& total_cell);

/// Fills the `by_profile` table: year, attribute, value, the funnel columns as published, then
/// the rates of profile_rate_columns from the published counts; @p note lists a withheld cell.
void fill_profile_table(Table& tb, const ProfileCounts& counts,
                        const std::vector<std::array<std::size_t, funnel_columns.size()>>& rows,
                        const std::function<std::optional<std::int64_t>(std::size_t)>& value_of,
                        const std::function<void(std::size_t)>& note);

/// The label row {year, attribute, value} of a profile row.
[[nodiscard]] Json profile_row_json(const ActivityReport::ProfileKey& key);

}  // namespace vaekit::report_detail
