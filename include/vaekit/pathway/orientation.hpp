#pragma once
/// @file
/// @brief Orientation suggestions: VAE, or, when it does not fit, training, VAP 85 or a bilan de
/// compétences, each with its reasons. The counsellor decides; the decision is the `oriented`
/// event of the case.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/eligibility.hpp"
#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/regime.hpp"

namespace vaekit {

/// What the counsellor knows of the person's project, given as inputs (never read from a stored
/// Candidate: the function keeps no personal data, and its results carry none).
struct OrientationInput {
  /// The certification aimed at (its ROME codes decide relevance), or none.
  std::optional<CertificationTarget> target;
  /// The person wants to enter a higher-education course without the required diploma.
  bool wants_higher_education = false;
  /// The person's professional project is clear (a job, a certification in view).
  bool project_clear = true;
  /// The person's age in full years on the assessment date, if known.
  std::optional<int> age;
  /// When the person left initial studies, if known.
  std::optional<Date> left_initial_education_on;
};

/// The configurable thresholds of suggest_orientation(), with their sources.
struct OrientationRules {
  /// VAP 85: minimum age (20; décret 85-906 of 23 Aug 1985, art. 2; domain.md §1).
  int vap_min_age = 20;
  /// VAP 85: years since leaving initial studies (2; same source).
  int vap_min_years_out_of_studies = 2;
  /// Bilan de compétences: its maximum duration in hours (24; Code du travail R6313-4/L6313-4).
  int skills_assessment_max_hours = 24;
  /// Field-wise equality.
  friend bool operator==(const OrientationRules&, const OrientationRules&) = default;
};

/// One orientation suggested (or ruled out) with its reasons.
struct OrientationSuggestion {
  OrientationTarget target = OrientationTarget::vae;  ///< Where to orient.
  std::vector<Reason> reasons;                        ///< Why (stable codes, French text).
  /// Whether a reason with the code @p wanted is present.
  [[nodiscard]] bool has_reason(std::string_view wanted) const noexcept;
  /// Field-wise equality.
  friend bool operator==(const OrientationSuggestion&, const OrientationSuggestion&) = default;
};

/// The advice: suggestions in order of preference, the options ruled out, and the eligibility
/// assessment it rests on. Its JSON document form is `Orientation.1`.
///
/// It carries no personal data: the age and dates of OrientationInput are used, never kept, and
/// the reasons quote only the rules' thresholds.
struct OrientationAdvice {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Orientation";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::vector<OrientationSuggestion> suggestions;  ///< Suggested, best first (never empty).
  std::vector<OrientationSuggestion> ruled_out;    ///< Considered but not suggested, with why.
  EligibilityResult eligibility;                   ///< The VAE eligibility on the date.
  /// The first suggestion's target: what the counsellor would record in `oriented.to`.
  [[nodiscard]] OrientationTarget first() const noexcept { return suggestions.front().target; }
  /// Whether @p t is among the suggestions.
  [[nodiscard]] bool suggests(OrientationTarget t) const noexcept;
  /// Field-wise equality.
  friend bool operator==(const OrientationAdvice&, const OrientationAdvice&) = default;
};

/// Suggests orientations on @p on for a person with @p experiences and @p input.
///
/// Suggestions, in this order:
/// - **bilan de compétences** first when the project is unclear (`project_unclear`, at most
///   rules.skills_assessment_max_hours hours); otherwise ruled out (`project_clear`).
/// - **VAP** when the person wants to enter higher education, if aged at least
///   rules.vap_min_age and out of initial studies for at least rules.vap_min_years_out_of_studies
///   years on @p on (`vap_conditions_met`); otherwise ruled out with the unmet or unknown
///   condition (`vap_too_young`, `vap_studies_too_recent`, `vap_age_unknown`,
///   `vap_studies_date_unknown`).
/// - **VAE** when eligibility (assess_eligibility() under the regime of @p on, relevance through
///   the target's ROME codes) is met (`vae_eligible`; `certification_to_choose` without target);
///   training is then ruled out (`experience_sufficient`).
/// - **training** otherwise, because the related experience is too short
///   (`experience_too_short`) or absent/unrelated (`experience_unrelated`); VAE is then ruled out
///   with the same code.
/// - When the target carries a registration (certification_target()) and cannot be requested on
///   @p on (registration_on()): VAE is suggested only when eligible and a successor open to VAE
///   on @p on exists (its reasons `successor_offered`...); otherwise VAE is ruled out and training
///   suggested (`certification_closed`, with the registration reasons).
/// VAE or training is always among the suggestions; the options not suggested are in
/// `ruled_out` with their reasons (`project_clear`, `experience_sufficient`, the VAP ones...).
/// Throws InvalidArgument for a negative age or an invalid experience.
[[nodiscard]] OrientationAdvice suggest_orientation(
    std::span<const Experience> experiences, const OrientationInput& input, Date on,
    const OrientationRules& rules = {}, const RegimeSet& regimes = RegimeSet::builtin());

/// The age in full years on @p on of a person born on @p birth (a birthday on 29 February is
/// reached on 1 March in common years); throws InvalidArgument if @p on is before @p birth.
[[nodiscard]] int age_on(Date birth, Date on);

/// The `oriented` event recording the counsellor's decision @p to on @p at (role counsellor).
[[nodiscard]] Event orientation_event(OrientationTarget to, Timestamp at, std::string staff = {});

/// An OrientationRules as JSON (field names as in the struct).
void to_json(Json& j, const OrientationRules& r);
/// An OrientationRules from JSON; absent fields keep their defaults; throws ParseError.
void from_json(const Json& j, OrientationRules& r);

/// An OrientationSuggestion as `{"target": "vae", "reasons": [{"code", "message"}...]}` (target
/// names as in the `oriented` event).
void to_json(Json& j, const OrientationSuggestion& s);
/// An OrientationSuggestion from JSON; throws ParseError naming the field.
void from_json(const Json& j, OrientationSuggestion& s);
/// An OrientationAdvice as JSON (the body of the `Orientation.1` document): `first` (the first
/// suggestion's target, written for readers, checked on reading), `suggestions`, `ruled_out`,
/// `eligibility`.
void to_json(Json& j, const OrientationAdvice& a);
/// An OrientationAdvice from JSON (at least one suggestion); throws ParseError naming the field.
void from_json(const Json& j, OrientationAdvice& a);

}  // namespace vaekit
