#pragma once
/// @file
/// @brief Funding (issue 15): per case, the hours and amounts requested and granted by kind and
/// funder; in reports, the funding mix and the cost per certification obtained, published under
/// the activity report's disclosure control.

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "vaekit/analytics/published_cells.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/table.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

/// The funder name of requests and decisions that do not name one (`funding` absent).
inline constexpr std::string_view unknown_funder = "unknown";

/// The jury results counted as a certification obtained: `full` (full validation) and
/// `partial_certification` (France VAE: full success on the partial certification the
/// candidacy aimed at).
inline constexpr std::array<std::string_view, 2> certified_results = {"full",
                                                                      "partial_certification"};

/// The amount and hour columns of the funding tables, in layout order: sums over
/// `funding_requested` events (hours, amount) and over the `funding_decided` events with
/// granted = true (hours, amount granted). A missing number adds nothing.
inline constexpr std::array<std::string_view, 4> funding_sum_columns = {
    "requested_hours", "requested_amount", "granted_hours", "granted_amount"};

/// Per case, funding kind and funder, the requests and decisions of the events (internal: it
/// names cases). Columns: `case`, `funding` (the funder; unknown_funder when not given),
/// `funding_kind`, `requests` (funding_requested events), `decisions` (funding_decided events),
/// `granted` (decisions with granted = true), then funding_sum_columns. Rows by case in order of
/// appearance, then funder and kind.
[[nodiscard]] Table funding_by_case(std::span<const Event> events);

/// The funding tables of a report and the disclosure control behind them.
struct FundingReport {
  /// The funding mix: one row per funder and kind, then the overall row (funding and
  /// funding_kind null). Columns: `funding`, `funding_kind`, `cases_requested` (distinct cases
  /// with a request), `cases_granted` (with a granted decision), then funding_sum_columns. A sum
  /// is published only with the count of cases behind it (requested: cases_requested; granted:
  /// cases_granted), else null; null too when no event of the row gave that number (no data),
  /// and when it alone would be the difference of a published total and published sums.
  Table mix{"funding_mix"};
  /// The cost per certification obtained: one row per certification (the code of the case's
  /// last event carrying one; "unknown" when none), then the overall row (certification null).
  /// Columns: `certification`, `certified` (cases whose last jury result is in
  /// certified_results), `cases_granted` (cases with a granted funding), `granted_amount` (their
  /// granted amounts; null when cases_granted is withheld), `cost_per_certification` =
  /// granted_amount / certified (null when either is withheld or certified is 0).
  Table cost{"funding_cost"};
  /// The cells, their relations, the published values and the audit (both tables).
  PublishedCells cells;
  /// The sums of hours and euros withheld beside a withheld count, or as complements so that
  /// no withheld sum is a total minus published sums ({"table", "row", "column"}).
  std::vector<SuppressedCell> withheld_sums;
};

/// The funding mix and the cost per certification obtained from the events of a log read with
/// its data (vaekit's row reader: amounts are not in the columnar log), protected with
/// @p options like the activity report: case counts are cells (the overall row of the mix is at
/// least each part and at most their sum, a case having several funders; the overall cost row is
/// the sum of the certifications'), sums of hours and euros are published only beside a
/// published count of at least the threshold.
[[nodiscard]] FundingReport funding_report(std::span<const Event> events,
                                           const PublishOptions& options = {});

}  // namespace vaekit
