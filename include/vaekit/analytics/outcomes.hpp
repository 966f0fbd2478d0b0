#pragma once
/// @file
/// @brief Outcome rates by certification, EU level or certifier: the admissibility and jury
/// outcomes of the cases of an event log joined with the certification registry, published with
/// disclosure control.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/core/table.hpp"
#include "vaekit/registry/registry.hpp"

namespace vaekit {

/// How outcome_rates() groups the cases.
enum class OutcomeGrouping : std::uint8_t {
  certification,  ///< One row per certification code (level and certifiers joined from the
                  ///< registry).
  level,      ///< One row per EU level (1-8) of the certification; null level: no level or unknown.
  certifier,  ///< One row per certifier name; a case counts once for each certifier of its code.
};

/// The stable name of a grouping: "certification", "level" or "certifier".
[[nodiscard]] std::string_view to_string(OutcomeGrouping g) noexcept;
/// The grouping called @p name (see to_string); throws InvalidArgument naming the value and
/// listing the accepted names.
[[nodiscard]] OutcomeGrouping outcome_grouping_from_string(std::string_view name);
/// The grouping called @p name, or std::nullopt (never throws).
[[nodiscard]] std::optional<OutcomeGrouping> try_outcome_grouping_from_string(
    std::string_view name) noexcept;

/// The group name of cases whose certification is missing or absent from the registry.
inline constexpr std::string_view unknown_certification = "unknown";

/// Options of outcome_rates().
struct OutcomeOptions {
  /// Published counts below this are suppressed (0: nothing is suppressed). Default 11.
  std::int64_t threshold = 11;
  /// The grouping of the rows. Default: by certification.
  OutcomeGrouping by = OutcomeGrouping::certification;
};

/// The count columns of the outcome table, in layout order: numbers of distinct cases with at
/// least one `admissibility_sent`; an `admissibility_decided` with decision `admissible`; a
/// `jury_held`; a `jury_held` with result `full`, `partial`, `refused`, `absent`.
inline constexpr std::array<std::string_view, 7> outcome_count_columns = {
    "admissibility_sent", "admissible", "jury_held", "full", "partial", "refused", "absent"};

/// The rate columns, in layout order: admissible / admissibility_sent, then full, partial and
/// refused / jury_held. A rate is null when its denominator is 0 or when its numerator or
/// denominator is suppressed.
inline constexpr std::array<std::string_view, 4> outcome_rate_columns = {
    "admissible_rate", "full_rate", "partial_rate", "refused_rate"};

/// Outcome rates of the cases of @p log joined with @p registry.
///
/// A case's certification is the code of its last event carrying one (`certification_chosen`
/// usually); cases without one, or whose code is absent from @p registry, form the group
/// unknown_certification (level and certifiers null). Counts are numbers of distinct cases (as
/// the activity report's funnel). Rows with every count 0 are left out; rows are sorted by key
/// (the unknown group last). Columns: the key columns — `certification`, `level`, `certifiers`
/// (names joined with "; ") for OutcomeGrouping::certification; `level` for level; `certifier`
/// for certifier — then outcome_count_columns and outcome_rate_columns.
///
/// Disclosure control: in each row, jury_held = full + partial + refused + absent is an additive
/// relation an attacker knows; counts under the threshold are suppressed, then secondary
/// suppression (CellSystem::protect) makes sure no suppressed count can be recomputed from it.
/// Suppressed counts are null and their rates withheld.
[[nodiscard]] Table outcome_rates(const EventLog& log, const Registry& registry,
                                  OutcomeOptions options = {});

}  // namespace vaekit
