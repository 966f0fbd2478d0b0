#pragma once
// The employment and funding tables as cells of a publication (issue 15): internal pieces shared
// by their own functions (employment_indicators, funding_report: a PublishedCells of their own)
// and by the activity report (ActivityReport::publish with ReportAnnexes: the report's one cell
// system, related to the funnel's cells).

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vaekit/analytics/employment.hpp"
#include "vaekit/analytics/funding.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/analytics/published_cells.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/table.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit::report_detail {

/// One record per case of @p events, in order of first appearance: a T whose `id` is the case id,
/// then @p visit(record, event) for every event of that case, in file order.
template <class T, class Visit>
std::vector<T> per_case(std::span<const Event> events, Visit visit) {
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<T> all;
  for (const Event& e : events) {
    auto [it, added] = index.try_emplace(e.case_id, all.size());
    if (added) {
      all.push_back(T{});
      all.back().id = e.case_id;
    }
    visit(all[it->second], e);
  }
  return all;
}

/// The cells of the employment table, row by row (the layout of EmploymentIndicators::table).
struct EmploymentCells {
  /// One row: grouping, value (none: the overall row), delay, and its count cells.
  struct Row {
    std::string by;                                                   ///< "all" or a grouping.
    std::optional<std::string> value;                                 ///< The group.
    int months = 0;                                                   ///< 6 or 12.
    std::array<std::size_t, employment_count_columns.size()> cell{};  ///< Count cells.
  };
  std::vector<Row> rows;  ///< In table order.
  /// The cell of column @p column of the row (@p by, @p value, @p months), if there is one.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view by,
                                                std::optional<std::string_view> value, int months,
                                                std::string_view column) const;
};

/// Adds the employment table's cells and their relations to @p pc (see employment_indicators);
/// throws InvalidArgument on an unknown grouping.
EmploymentCells add_employment_cells(PublishedCells& pc, std::span<const Event> events,
                                     const std::vector<std::string>& by, std::optional<Date> as_of);
/// Fills @p t (EmploymentIndicators::table's layout) from the published cells of @p pc.
void fill_employment_table(Table& t, const EmploymentCells& cells, const PublishedCells& pc);

/// The cells of the funding tables and the exact sums beside them.
struct FundingCells {
  /// Sums of hours and euros: value, and whether any event gave the number.
  struct Sums {
    std::array<double, funding_sum_columns.size()> value{};  ///< funding_sum_columns order.
    std::array<bool, funding_sum_columns.size()> given{};    ///< A number was given.
  };
  /// A row of the mix: key (none: the overall row), its two count cells, its sums.
  struct MixRow {
    std::optional<std::pair<std::string, std::string>> key;  ///< (funder, kind).
    std::size_t requested = 0;                               ///< cases_requested cell.
    std::size_t granted = 0;                                 ///< cases_granted cell.
    Sums sums;                                               ///< Exact sums.
  };
  /// A row of the cost table: certification (none: the overall row), its cells, its amount.
  struct CostRow {
    std::optional<std::string> certification;  ///< The code.
    std::size_t certified = 0;                 ///< certified cell.
    std::size_t granted = 0;                   ///< cases_granted cell.
    double granted_amount = 0;                 ///< Exact granted euros.
    bool given = false;                        ///< An amount was given.
  };
  std::vector<MixRow> mix;    ///< Rows, then the overall row last.
  std::vector<CostRow> cost;  ///< Rows, then the overall row last.
};

/// Adds the funding tables' cells and their relations to @p pc (see funding_report).
FundingCells add_funding_cells(PublishedCells& pc, std::span<const Event> events);
/// Fills @p mix and @p cost (FundingReport's layouts) from the published cells of @p pc; a sum
/// is published beside a published count, and withheld as a complement where it alone would be
/// recomputable from its total (the sums add up: mix rows to the mix total, cost rows to the
/// cost total, and both totals of granted euros are the same figure). Returns the withheld sums.
std::vector<SuppressedCell> fill_funding_tables(Table& mix, Table& cost, const FundingCells& cells,
                                                const PublishedCells& pc);

/// The rows of an outcome table (outcomes.cpp).
struct OutcomeRows;

/// The cells of an outcome table (outcome_rates' layout) in a publication.
struct OutcomeCells {
  OutcomeGrouping by = OutcomeGrouping::certification;  ///< The grouping.
  std::shared_ptr<const OutcomeRows> rows;              ///< The exact rows.
  /// Per row, its count cells (outcome_count_columns order).
  std::vector<std::array<std::size_t, outcome_count_columns.size()>> cells;
  /// Per column, a hidden cell: the sum of the rows (none without rows).
  std::array<std::optional<std::size_t>, outcome_count_columns.size()> totals{};
};

/// Adds the outcome table of @p log by @p by (cases joined with @p registry) to @p pc: counts
/// with their record keys (label table "outcomes_by_<grouping>"), the relations of each row,
/// and a hidden total per column.
OutcomeCells add_outcome_cells(PublishedCells& pc, const EventLog& log, const Registry& registry,
                               OutcomeGrouping by);
/// Fills @p t (outcome_rates' layout) from the published cells of @p pc (rates from the
/// published counts).
void fill_outcome_table(Table& t, const OutcomeCells& cells, const PublishedCells& pc);

}  // namespace vaekit::report_detail
