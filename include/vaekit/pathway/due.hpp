#pragma once
/// @file
/// @brief What is due, for a case or a whole network on a date: decisions overdue (with the
/// silence rule applied; the admissibility request, or France VAE's feasibility file), juries to
/// schedule or to record, pathways to start (2024), inactive cases, quota conflicts, and in
/// France VAE pathways the caducité and the follow-ups after the jury.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaekit/pathway/case.hpp"

namespace vaekit {

/// The kind of a due item.
enum class DueKind : std::uint8_t {
  decision_overdue,     ///< The certifier's deadline has passed: a decision by silence applies.
  jury_to_schedule,     ///< A validation file was sent and no jury is scheduled.
  jury_result_missing,  ///< The jury date has passed and no result is recorded.
  start_overdue,        ///< From 2024: support not started within 6 months of admissibility.
  inactive,             ///< No event for the inactivity delay.
  confirmed_inactive,   ///< Inactive for the confirmation delay too: archive or record a drop-out.
  quota_conflict,       ///< Requests of one person over the yearly quotas (R335-7).
  // The France VAE era (issue 15); the feasibility decision overdue is a decision_overdue.
  lapse_due,     ///< Caducité: an admissible candidacy without an event for lapse_days.
  followup_due,  ///< A follow-up 6 or 12 months after the jury is not recorded.
};
/// The stable name of a due kind, e.g. "decision_overdue".
[[nodiscard]] std::string_view to_string(DueKind k) noexcept;

/// Something to do on a case.
struct DueItem {
  std::string case_id;               ///< The case.
  DueKind kind = DueKind::inactive;  ///< What.
  Date due;                          ///< Since when it is due.
  std::string message;               ///< In French, without personal data.
  /// For decision_overdue: the decision by silence (admissible from 12 Nov 2014, else not).
  std::optional<AdmissibilityDecision> implied_decision;
};

/// The next date something falls due on @p s (decision deadline, jury date, start deadline,
/// inactivity), or std::nullopt; used by the store's due-date index.
[[nodiscard]] std::optional<Date> next_due(const CaseState& s,
                                           const RegimeSet& regimes = RegimeSet::builtin());

/// What is due on @p c on @p on (quota conflicts need several cases: see the network version).
[[nodiscard]] std::vector<DueItem> what_is_due(const Case& c, Date on,
                                               const RegimeSet& regimes = RegimeSet::builtin());
/// What is due over a network of cases on @p on, sorted by due date then case. @p person_of maps
/// case ids to a person (from the Candidate records) for the quota checks: at most
/// `requests_per_certification_per_year` requests per certification and
/// `certifications_per_year` certifications per person and calendar year (counted on
/// admissibility_sent events; a request re-sent after `incomplete` is the same request).
[[nodiscard]] std::vector<DueItem> what_is_due(
    std::span<const Case> cases, Date on, const std::map<std::string, std::string>& person_of = {},
    const RegimeSet& regimes = RegimeSet::builtin());

/// Builds the case -> person map from Candidate records.
[[nodiscard]] std::map<std::string, std::string> person_index(
    std::span<const Candidate> candidates);

}  // namespace vaekit
