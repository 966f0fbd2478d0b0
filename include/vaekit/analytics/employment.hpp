#pragma once
/// @file
/// @brief Employment after the jury (issue 15): access to and retention in employment 6 and 12
/// months after the jury, by jury outcome, certification or profile attribute, with response
/// rates, published under the activity report's disclosure control.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/analytics/published_cells.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/table.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

/// The follow-up delays after the jury, in months (`followup_recorded.months`).
inline constexpr std::array<int, 2> followup_delays = {6, 12};

/// The situations counted as "in employment" at a follow-up.
inline constexpr std::array<std::string_view, 3> employed_situations = {"same_job", "promotion",
                                                                        "new_job"};
/// The situations counted as "kept one's employment" (retention): the same job or a promotion.
inline constexpr std::array<std::string_view, 2> retained_situations = {"same_job", "promotion"};

/// The profile `employment` codes (France VAE's CandidateTypology) counted as "in employment
/// before" the pathway, the population of the retention rate. job_seeker, family_caregiver,
/// volunteer, trainee and other are not; not_stated is unknown (left out of the population).
inline constexpr std::array<std::string_view, 9> employed_typologies = {
    "private_employee",    "public_employee", "hospital_employee",
    "work_study",          "temp_worker",     "intermittent",
    "subsidised_contract", "self_employed",   "collaborating_spouse"};

/// The attributes a row of the employment table can be grouped by: `outcome` (the result of the
/// case's last jury: full, partial, refused, absent; `no_jury` for follow-ups of a case without
/// a jury), `certification` (the code of the case's last event carrying one, `unknown` when
/// none) and the profile attributes of the case's last `profile_recorded` (`not_stated` when
/// absent).
inline constexpr std::array<std::string_view, 9> employment_groupings = {
    "outcome",       "certification", "sex", "age_band", "employment",
    "qualification", "departement",   "qpv", "rqth"};

/// The count columns of the employment table, in layout order, each a number of distinct cases
/// of the row's group at the row's delay: `followups_due` (the delay after the case's last jury
/// has passed by the as-of date, or a follow-up was recorded); `answered` (a situation other than
/// no_answer); one column per situation; `no_answer`; `employed` (same_job + promotion +
/// new_job); `employed_before` (answered and in employment before: employed_typologies);
/// `retained` (employed before and same_job or promotion).
inline constexpr std::array<std::string_view, 12> employment_count_columns = {
    "followups_due", "answered", "same_job",  "promotion", "new_job",         "job_seeker",
    "training",      "other",    "no_answer", "employed",  "employed_before", "retained"};

/// The rate columns, in layout order: response_rate = answered / followups_due,
/// employment_rate (access to employment) = employed / answered, retention_rate = retained /
/// employed_before. A rate is null when its denominator is 0 or either count is withheld.
inline constexpr std::array<std::string_view, 3> employment_rate_columns = {
    "response_rate", "employment_rate", "retention_rate"};

/// Options of employment_indicators().
struct EmploymentOptions {
  /// The groupings of the rows (names of employment_groupings), each giving one row per value
  /// and delay beside the overall rows; default: by jury outcome.
  std::vector<std::string> by = {"outcome"};
  /// The date follow-ups are due by (a delay counts as due when the jury's date plus the delay
  /// is on or before it); default: the latest event date of the log.
  std::optional<Date> as_of;
  /// How the counts are published (threshold, method, key, protection): the activity report's.
  PublishOptions publish{};
};

/// The employment table and the disclosure control behind it.
struct EmploymentIndicators {
  /// Columns: `by` (the grouping, "all" on the overall rows), `value` (the group; null on the
  /// overall rows), `months` (6 or 12), employment_count_columns (null: withheld), then
  /// employment_rate_columns. Rows: the overall rows, then each grouping's rows by value, each
  /// with its 6-month row before its 12-month row.
  Table table{"employment"};
  /// The cells, their relations, the published values and the audit.
  PublishedCells cells;
};

/// The per-case facts behind the indicators (internal: one row per case with a jury or a
/// follow-up): `case`, `outcome`, `certification`, `jury_date` (the last jury's date; null when
/// none), `employed_before` (null: not stated), then for 6 and 12 months `due_6m`, `situation_6m`
/// (the last follow-up recorded at that delay; null when none) and the same for 12.
[[nodiscard]] Table employment_cases(std::span<const Event> events,
                                     std::optional<Date> as_of = std::nullopt);

/// Access to and retention in employment after the jury from the events of a log read with its
/// data (vaekit's row reader: the columnar log does not keep the follow-ups' fields).
///
/// A case's follow-up at a delay is its last `followup_recorded` of that `months` (file order).
/// Disclosure control: every count is a cell; in each row answered = sum of the six situations,
/// employed = same_job + promotion + new_job, followups_due >= answered + no_answer, answered >=
/// employed_before >= retained; per grouping and delay, the overall row = sum of the groups (each
/// case is in exactly one group). Protected with options.publish like the activity report; rates
/// come from the published counts. Throws InvalidArgument on an unknown grouping.
[[nodiscard]] EmploymentIndicators employment_indicators(std::span<const Event> events,
                                                         const EmploymentOptions& options = {});

}  // namespace vaekit
