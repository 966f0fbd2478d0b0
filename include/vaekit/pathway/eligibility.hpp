#pragma once
/// @file
/// @brief Experiences and eligibility to VAE under the regime of a date, counted exactly.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/rational.hpp"
#include "vaekit/pathway/regime.hpp"

namespace vaekit {

/// One experience of a person: a kind of activity over a period (full or part time) or a total
/// of hours, with its ROME code and free text.
struct Experience {
  ActivityKind kind = ActivityKind::salaried;  ///< The kind of activity.
  std::optional<DateRange> period;             ///< When (closed range); optional if hours given.
  std::optional<Rational> hours;               ///< Total hours; when given it is what counts.
  Rational hours_per_week{35};                 ///< Weekly hours over the period (35 = full time).
  std::string rome;                            ///< ROME code of the job, e.g. "K1302", or empty.
  std::optional<bool> related;  ///< Related to the certification, as declared by the counsellor.
  std::string text;             ///< Free description (may hold personal data: never in errors).
  /// Field-wise equality.
  friend bool operator==(const Experience&, const Experience&) = default;
};
/// An Experience as JSON (`kind`, `period`, `hours` as "n" or "n/d", `hours_per_week`, ...).
void to_json(Json& j, const Experience& e);
/// An Experience from JSON; throws ParseError naming the field.
void from_json(const Json& j, Experience& e);

/// The certification aimed at, for relevance: its code and the ROME codes it leads to.
struct CertificationTarget {
  std::string code;                     ///< RNCP or RS code, e.g. "RNCP36004".
  std::vector<std::string> rome_codes;  ///< ROME codes of the jobs it prepares for.
};

/// A reason of a verdict: a stable code and a French sentence.
struct Reason {
  std::string code;     ///< Stable machine code, e.g. "minimum_not_met".
  std::string message;  ///< The explanation in French.
  /// Equality.
  friend bool operator==(const Reason&, const Reason&) = default;
};

/// How one experience was counted.
struct ExperienceCount {
  std::size_t index = 0;     ///< Position in the input list.
  bool related = false;      ///< Related to the certification (or relevance not checked).
  bool kind_counts = false;  ///< Its kind counts under the regime.
  Rational hours;            ///< Hours counted before the training cap (0 if not counted).
  std::int64_t days = 0;     ///< Calendar days of its period up to the date (0 if none).
  /// Field-wise equality.
  friend bool operator==(const ExperienceCount&, const ExperienceCount&) = default;
};

/// The verdict on eligibility, with the figures and the reasons.
struct EligibilityResult {
  bool eligible = false;      ///< The verdict.
  std::string regime;         ///< Name of the regime applied.
  Date on;                    ///< The date of the assessment.
  Rational hours;             ///< Hours counted (after the training cap).
  Rational minimum_hours;     ///< The regime's minimum (0 from 2024: any related hour).
  std::int64_t days = 0;      ///< Calendar days of counted experience, overlaps counted once.
  Rational training_hours;    ///< Training hours before the cap.
  Rational training_counted;  ///< Training hours after the cap.
  std::vector<ExperienceCount> details;  ///< One entry per experience.
  std::vector<Reason> reasons;           ///< Why, in French, with stable codes.
  /// Whether a reason with @p code is present.
  [[nodiscard]] bool has_reason(std::string_view code) const noexcept;
  /// Field-wise equality.
  friend bool operator==(const EligibilityResult&, const EligibilityResult&) = default;
};

/// A Reason as `{"code": ..., "message": ...}`.
void to_json(Json& j, const Reason& r);
/// A Reason from `{"code": ..., "message": ...}` (code required and non-empty); throws ParseError.
void from_json(const Json& j, Reason& r);
/// An ExperienceCount as `{"index", "related", "kind_counts", "hours" ("n" or "n/d"), "days"}`.
void to_json(Json& j, const ExperienceCount& c);
/// An ExperienceCount from JSON; throws ParseError naming the field.
void from_json(const Json& j, ExperienceCount& c);
/// An EligibilityResult as JSON: `eligible`, `regime`, `on`, the hours as exact "n" or "n/d"
/// strings (`hours`, `minimum_hours`, `training_hours`, `training_counted`), `days`, `details`
/// and `reasons`. It carries no experience text and no personal data.
void to_json(Json& j, const EligibilityResult& r);
/// An EligibilityResult from JSON; throws ParseError naming the field (never its value).
void from_json(const Json& j, EligibilityResult& r);

/// Assesses eligibility on @p on under @p regime.
///
/// Counting (domain.md §3): a period counts days × hours_per_year / days_per_year ×
/// hours_per_week / full_time_hours_per_week hours, exactly; a total of hours counts those hours
/// (pro rata when its period runs past @p on); only the part of a period up to @p on counts; kinds
/// the regime does not count give 0 h; training counts at most as many hours as the other
/// activities; calendar days are the union of the counted periods. Relevance: `related` where
/// given; otherwise, when @p target is given, the experience's ROME code must be one of the
/// target's; without a target relevance is not checked (reason `relevance_not_checked`).
[[nodiscard]] EligibilityResult assess_eligibility(std::span<const Experience> experiences, Date on,
                                                   const Regime& regime,
                                                   const CertificationTarget* target = nullptr);
/// The same under the regime in force on @p on in @p regimes.
[[nodiscard]] EligibilityResult assess_eligibility(std::span<const Experience> experiences, Date on,
                                                   const RegimeSet& regimes = RegimeSet::builtin(),
                                                   const CertificationTarget* target = nullptr);

}  // namespace vaekit
