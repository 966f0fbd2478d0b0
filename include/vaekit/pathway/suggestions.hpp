#pragma once
/// @file
/// @brief Certification suggestions: from a person's experiences (ROME codes and hours) and
/// highest diploma level, the active, VAE-accessible certifications of a registry that fit, ranked,
/// each with its reasons. The counsellor's first question: "which certification fits this person?"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/eligibility.hpp"
#include "vaekit/pathway/rational.hpp"
#include "vaekit/pathway/regime.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/rome.hpp"

namespace vaekit {

/// How a certification matches the person's jobs.
enum class RomeMatch : std::uint8_t {
  exact,          ///< One of the person's ROME codes is one of the certification's.
  shared_parent,  ///< A ROME code of the person shares its v3 parent with one of the
                  ///< certification's.
};
/// The stable name of a RomeMatch: "exact" or "shared_parent".
[[nodiscard]] std::string_view to_string(RomeMatch m) noexcept;

/// The configurable rules of suggest_certifications(), with their defaults.
///
/// Level window (a ranking preference unless level_filter): a certification of level L is
/// preferred when `diploma_level - levels_below <= L <= diploma_level + levels_above` (default
/// [d, d + 2]: a VAE
/// usually aims at the person's level or one or two above; lower levels are rarely worth the
/// effort, much higher ones rarely match the experience). Within a ROME match kind, levels closer
/// to the diploma level rank first. This rule is vaekit's convention (no legal source: VAE has no
/// level condition), hence configurable.
struct SuggestionRules {
  int levels_below = 0;  ///< Levels below the diploma level still suggested (0).
  int levels_above = 2;  ///< Levels above the diploma level still suggested (2).
  /// Keep certifications without a level (RS fiches, "sans niveau"); they rank after the levelled
  /// ones of the same match kind (true).
  bool include_without_level = true;
  /// Map a closed certification (inactive or no longer open to VAE) to its active, VAE-accessible
  /// successors through the registry's replacement links (true).
  bool follow_replacements = true;
  /// Also match through the shared ROME v3 parent when a RomeCatalog is given (true).
  bool use_rome_parent = true;
  /// Keep only certifications registered on the assessment date (Certification::registered_on),
  /// on top of the snapshot's active flag (false).
  bool require_registered_on_date = false;
  /// Leave out the certifications outside the level window (false: VAE has no level condition,
  /// so by default the window only ranks: levels outside it come after those inside, with the
  /// reason `level_outside_preference`).
  bool level_filter = false;
  /// At most this many suggestions (0: all).
  std::size_t limit = 0;
  /// Field-wise equality.
  friend bool operator==(const SuggestionRules&, const SuggestionRules&) = default;
};

/// One suggested certification with its ranking data and reasons.
struct CertificationSuggestion {
  std::string code;                     ///< The certification to offer (a successor when replaced).
  std::string title;                    ///< Its title.
  std::optional<int> level;             ///< Its EU level, or none (RS, "sans niveau").
  RomeMatch match = RomeMatch::exact;   ///< The best match kind.
  std::vector<std::string> exact_rome;  ///< The person's ROME codes listed by the certification.
  std::vector<std::string> parent_rome;  ///< The person's ROME codes sharing a v3 parent only.
  Rational hours;                        ///< Hours of the person's matching experience.
  bool enough_experience = false;        ///< hours meet the regime's minimum (> 0 h from 2024).
  std::vector<std::string> replaces;     ///< Closed certifications it was reached through, sorted.
  std::vector<Reason> reasons;           ///< Why, with stable codes and French text.
  /// Whether a reason with the code @p wanted is present.
  [[nodiscard]] bool has_reason(std::string_view wanted) const noexcept;
  /// Field-wise equality.
  friend bool operator==(const CertificationSuggestion&, const CertificationSuggestion&) = default;
};

/// A certification that matched the person's jobs but is not suggested, and why.
struct SuggestionExclusion {
  std::string code;  ///< The certification.
  Reason reason;     ///< `not_active`, `not_vae_accessible`, `not_registered`,
                     ///< `level_out_of_range`, `without_level`, `no_active_successor`.
  /// Field-wise equality.
  friend bool operator==(const SuggestionExclusion&, const SuggestionExclusion&) = default;
};

/// The result of suggest_certifications(); its JSON document form is `Suggestions.1`.
///
/// It names certifications, the person's ROME codes and hours, and French reasons: no personal
/// data (no name, birth date, contact, nor the experiences' free text).
struct SuggestionResult {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Suggestions";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  Date on;                                           ///< The assessment date.
  std::optional<int> diploma_level;                  ///< The diploma level given (EU 1-8), or none.
  SuggestionRules rules;                             ///< The rules applied.
  std::string regime;                                ///< The regime used for the hours.
  Rational minimum_hours;                            ///< Its minimum (0 from 2024).
  std::vector<CertificationSuggestion> suggestions;  ///< Ranked, best first.
  std::vector<SuggestionExclusion> excluded;         ///< Matching but left out, by code.
  std::vector<Reason> notes;  ///< About the input: `experience_without_rome`, `level_unknown`.
  /// Field-wise equality.
  friend bool operator==(const SuggestionResult&, const SuggestionResult&) = default;
};

/// Suggests certifications of @p registry for a person with @p experiences and highest diploma
/// @p diploma_level (EU 1-8; none when unknown: no level filter; pass 2 for a person without a
/// diploma) on @p on.
///
/// Hours per ROME code: the experiences' hours counted as eligibility counts them under the
/// regime of @p on (assess_eligibility(), the declared `related` flag ignored), summed by ROME
/// code; experiences without a ROME code are noted and left out. A certification matches when it
/// lists one of these codes (exact) or, with @p catalog and rules.use_rome_parent, a code sharing
/// its ROME v3 parent (shared_parent). A matching certification that is not active or not open
/// to VAE is replaced, when rules.follow_replacements, by its active, VAE-accessible successors
/// (Registry::active_successors), which inherit the match. Then the level window and the
/// registration date filter apply (see SuggestionRules).
///
/// Ranking: exact before shared parent; then levels closest to the diploma level (none last);
/// then more hours of matching experience; then code. Throws InvalidArgument for a level outside
/// 1-8 or an invalid experience.
[[nodiscard]] SuggestionResult suggest_certifications(
    std::span<const Experience> experiences, std::optional<int> diploma_level,
    const Registry& registry, Date on, const SuggestionRules& rules = {},
    const RomeCatalog* catalog = nullptr, const RegimeSet& regimes = RegimeSet::builtin());

/// A SuggestionRules as JSON (field names as in the struct).
void to_json(Json& j, const SuggestionRules& r);
/// A SuggestionRules from JSON; absent fields keep their defaults; throws ParseError.
void from_json(const Json& j, SuggestionRules& r);

/// A CertificationSuggestion as JSON: `code`, `title`, `level` (null when none), `match`
/// ("exact" or "shared_parent"), `exact_rome`, `parent_rome`, `hours` (exact, "n" or "n/d"),
/// `enough_experience`, `replaces`, `reasons` (`{"code", "message"}`).
void to_json(Json& j, const CertificationSuggestion& s);
/// A CertificationSuggestion from JSON; throws ParseError naming the field.
void from_json(const Json& j, CertificationSuggestion& s);
/// A SuggestionExclusion as `{"code": ..., "reason": {"code": ..., "message": ...}}`.
void to_json(Json& j, const SuggestionExclusion& e);
/// A SuggestionExclusion from JSON; throws ParseError naming the field.
void from_json(const Json& j, SuggestionExclusion& e);
/// A SuggestionResult as JSON (the body of the `Suggestions.1` document): `on`, `diploma_level`,
/// `rules`, `regime`, `minimum_hours`, `suggestions` (best first), `excluded`, `notes`.
void to_json(Json& j, const SuggestionResult& r);
/// A SuggestionResult from JSON; throws ParseError naming the field (never its value).
void from_json(const Json& j, SuggestionResult& r);

}  // namespace vaekit
