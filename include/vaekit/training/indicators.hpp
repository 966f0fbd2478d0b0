#pragma once
/// @file
/// @brief The training indicators of the professionalisation module for the activity report:
/// hours and days attended per person (remote attendance counts, Code du travail R6313-3), and
/// the small indicator table (staff, hours, hours per person, share of staff with at least
/// `min_days` of the `of_days` days, mean satisfaction à chaud and à froid).
///
/// The training area depends on core only, so these return plain structs; the Python binding
/// turns them into `vaekit.Table` (the analytics area's table) at the boundary.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/training/attendance.hpp"
#include "vaekit/training/evaluation.hpp"
#include "vaekit/training/staff.hpp"

namespace vaekit {

/// Whether a half-day with presence @p p is attended: in person or remote (R6313-3: remote
/// attendance counts when proven by a call or connection log); absent and excused do not.
[[nodiscard]] constexpr bool counts_as_attended(Presence p) noexcept {
  return p == Presence::present || p == Presence::remote;
}

/// Hours and distinct days attended by one member.
struct MemberHours {
  std::string member;  ///< The member id.
  double hours = 0;    ///< Sum of AttendanceRecord::hours_of over the attended entries.
  int days = 0;        ///< Distinct dates with at least one attended entry.
  /// Equality.
  friend bool operator==(const MemberHours&, const MemberHours&) = default;
};

/// One row per member found in @p attendance (even with nothing attended: 0 hours, 0 days),
/// sorted by member id.
[[nodiscard]] std::vector<MemberHours> training_hours(const AttendanceRecord& attendance);

/// Options of training_indicators().
struct IndicatorOptions {
  int min_days = 12;  ///< Days attended for a member to count in the share (default 12)...
  int of_days = 16;   ///< ...of the programme's days (default 16); 0 <= min_days <= of_days.
  /// Only this scale question in the satisfaction means (std::nullopt: every scale question).
  std::optional<std::string> question;
};

/// One indicator: its name and value (std::nullopt: undefined, e.g. a mean of no answers).
struct Indicator {
  std::string name;             ///< e.g. "hours_per_person".
  std::optional<double> value;  ///< The value.
  bool integer = false;         ///< Whether the value is a count (staff, responses).
  /// What the value measures: "people", "hours", "hours per person", "share", "score 1-5" or
  /// "responses".
  std::string unit;
  /// Equality.
  friend bool operator==(const Indicator&, const Indicator&) = default;
};

/// The indicators, in order: `staff` (the members of @p staff's profiles when given — members
/// who attended nothing count, with 0 hours — else the members found in @p attendance), `hours`,
/// `hours_per_person`, `share_at_least_{min_days}_of_{of_days}_days`; then, with @p evaluations,
/// `satisfaction_hot`, `satisfaction_cold` (mean of the scale scores of the à chaud / à froid
/// responses, of options.question only when given) and `responses_hot`, `responses_cold`
/// (responses counted). Throws InvalidArgument unless 0 <= min_days <= of_days and of_days > 0.
[[nodiscard]] std::vector<Indicator> training_indicators(const AttendanceRecord& attendance,
                                                         const EvaluationRecord* evaluations,
                                                         const StaffRegister* staff,
                                                         const IndicatorOptions& options = {});

}  // namespace vaekit
