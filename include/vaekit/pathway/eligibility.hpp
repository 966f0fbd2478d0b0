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

class Registry;
class RomeCatalog;
struct Certification;

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
  std::string employer{};       ///< Employer or organisation (Cerfa 12818 section 5), or empty.
  std::string job_title{};      ///< Job title held (emploi occupé), or empty.
  /// Field-wise equality.
  friend bool operator==(const Experience&, const Experience&) = default;
};
/// An Experience as JSON (`kind`, `period`, `hours` as "n" or "n/d", `hours_per_week`, ...).
void to_json(Json& j, const Experience& e);
/// An Experience from JSON; throws ParseError naming the field.
void from_json(const Json& j, Experience& e);

/// A reason of a verdict: a stable code and a French sentence.
struct Reason {
  std::string code;     ///< Stable machine code, e.g. "minimum_not_met".
  std::string message;  ///< The explanation in French.
  /// Equality.
  friend bool operator==(const Reason&, const Reason&) = default;
};

/// ROME codes a certification inherits from one it replaces (relevance through succession).
struct InheritedRome {
  std::string from;                     ///< The replaced certification, e.g. "RNCP4503".
  std::vector<std::string> rome_codes;  ///< Its ROME codes.
  /// Field-wise equality.
  friend bool operator==(const InheritedRome&, const InheritedRome&) = default;
};

/// Whether a certification can be requested through VAE on a date, from the registry's dates
/// (effect/decision date to end of registration) and its VAE access route; when it cannot, the
/// successors open to VAE on that date. Built by registration_on().
struct RegistrationCheck {
  Date on;                              ///< The date checked.
  bool registered = true;               ///< Registered on the date (window and decision date).
  bool vae_open = true;                 ///< The VAE access route is open.
  std::vector<std::string> successors;  ///< Successors registered and open to VAE on the date.
  std::vector<Reason> reasons;          ///< `not_yet_registered`, `registration_ended`,
                                ///< `not_vae_accessible`, `successor_offered`, `no_open_successor`.
  /// Whether a VAE request for the certification can be made on the date.
  [[nodiscard]] bool open() const noexcept { return registered && vae_open; }
  /// Field-wise equality.
  friend bool operator==(const RegistrationCheck&, const RegistrationCheck&) = default;
};

/// The certification aimed at, for relevance: its code, the ROME codes it leads to and, when built
/// from a registry by certification_target(), the ROME codes of the same v3 parent, those of the
/// certifications it replaces and its registration on the date.
struct CertificationTarget {
  /// No certification code, no ROME code.
  CertificationTarget() = default;
  /// The certification @p code_ leading to the ROME codes @p rome (exact links only).
  CertificationTarget(std::string code_, std::vector<std::string> rome)
      : code(std::move(code_)), rome_codes(std::move(rome)) {}
  std::string code;                               ///< RNCP or RS code, e.g. "RNCP36004".
  std::vector<std::string> rome_codes;            ///< ROME codes of the jobs it prepares for.
  std::vector<std::string> parent_rome_codes;     ///< Other codes of the same ROME v3 parent.
  std::vector<InheritedRome> inherited;           ///< ROME codes of the certifications it replaces.
  std::optional<RegistrationCheck> registration;  ///< Registration on the date, when known.
  /// Field-wise equality.
  friend bool operator==(const CertificationTarget&, const CertificationTarget&) = default;
};

/// The link that makes an experience relevant (or not) to a certification.
enum class RelevanceLink : std::uint8_t {
  declared,            ///< The counsellor declared it related (Experience::related = true).
  exact_rome,          ///< Its ROME code is one of the certification's.
  rome_parent,         ///< Its ROME code shares a ROME v3 parent with one of the certification's.
  successor,           ///< Its ROME code is one of a certification the target replaces.
  not_checked,         ///< No certification given: relevance not checked (counted as related).
  declared_unrelated,  ///< The counsellor declared it unrelated (Experience::related = false).
  no_rome,             ///< No ROME code and no declaration: relevance cannot be established.
  unrelated,           ///< Its ROME code matches none of the links.
};
/// The stable name of a RelevanceLink ("declared", "exact_rome", "rome_parent", ...).
[[nodiscard]] std::string_view to_string(RelevanceLink l) noexcept;
/// The RelevanceLink named @p name; throws InvalidArgument.
[[nodiscard]] RelevanceLink relevance_link_from_string(std::string_view name);
/// The RelevanceLink named @p name, or std::nullopt (never throws).
[[nodiscard]] std::optional<RelevanceLink> try_relevance_link_from_string(
    std::string_view name) noexcept;

/// The relevance of one experience to a certification, and which link made it.
struct Relevance {
  bool related = false;                           ///< Counted as related.
  RelevanceLink link = RelevanceLink::unrelated;  ///< The link that decided.
  std::string via;  ///< The certification's ROME code matched, or the replaced certification.
  Reason reason;    ///< `related_<link>` or the link name when unrelated; French text.
  /// Field-wise equality.
  friend bool operator==(const Relevance&, const Relevance&) = default;
};

/// THE relevance rule of vaekit, used by eligibility, suggestions, orientation and the
/// admissibility request: the declared flag first; then, with a target, its exact ROME codes,
/// the codes of the certifications it replaces (succession: the successor inherits their exact
/// matches), then the codes of the same ROME v3 parent; without a target, not checked (related). @p
/// index numbers the experience in the reason's text (from 0; shown from 1).
[[nodiscard]] Relevance relevance(const Experience& x, const CertificationTarget* target,
                                  std::size_t index = 0);

/// The registration of @p cert on @p on (registry dates, decision date, VAE route) and, when it
/// cannot be requested then, the successors of @p registry registered and open to VAE on @p on
/// (reason `successor_offered` naming them). THE registration rule of every counsellor tool.
[[nodiscard]] RegistrationCheck registration_on(const Registry& registry, const Certification& cert,
                                                Date on);

/// The target of certification @p code of @p registry (throws NotFound): its ROME codes, with
/// @p catalog the other codes of their v3 parents, the codes of the certifications it replaces,
/// and its registration on @p on.
[[nodiscard]] CertificationTarget certification_target(const Registry& registry,
                                                       std::string_view code, Date on,
                                                       const RomeCatalog* catalog = nullptr);

/// How one experience was counted.
struct ExperienceCount {
  std::size_t index = 0;     ///< Position in the input list.
  bool related = false;      ///< Related to the certification (or relevance not checked).
  bool kind_counts = false;  ///< Its kind counts under the regime.
  Rational hours;            ///< Hours counted before the training cap (0 if not counted).
  std::int64_t days = 0;     ///< Calendar days of its period up to the date (0 if none).
  /// The relevance link that decided `related` (see relevance()).
  RelevanceLink link = RelevanceLink::not_checked;
  /// The same experience (kind, period, hours, ROME) was entered before: counted once, 0 h here.
  bool duplicate = false;
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
