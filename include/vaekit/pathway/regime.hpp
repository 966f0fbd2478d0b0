#pragma once
/// @file
/// @brief Regimes: the rule sets of VAE by period of effect (until 30 Sep 2017, from 1 Oct 2017,
/// from 1 Jan 2024) and user-defined ones from JSON. Every threshold is a named, sourced value.

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/rational.hpp"

namespace vaekit {

/// Kinds of activity an experience can be (domain.md §3, "activities that count").
enum class ActivityKind : std::uint8_t {
  salaried,       ///< Salaried work.
  self_employed,  ///< Self-employed (non salariée) work.
  volunteer,      ///< Volunteering (bénévolat).
  elected,        ///< Elected office (mandat électoral, local).
  trade_union,    ///< Union responsibility (responsabilité syndicale); "union" in text forms.
  athlete,        ///< High-level athlete (sportif de haut niveau), from 1 Oct 2017.
  training,       ///< Workplace periods during training (internships, PMSMP, POE, work-study).
  caregiver,      ///< Caregiving for a relative (proche aidant), from 1 Jan 2024.
};
/// Number of ActivityKind values.
inline constexpr std::size_t activity_kind_count = 8;
/// The stable name of an activity kind ("salaried", ..., "union", ...).
[[nodiscard]] std::string_view to_string(ActivityKind k) noexcept;
/// The activity kind named @p name; throws InvalidArgument listing the valid names.
[[nodiscard]] ActivityKind activity_kind_from_string(std::string_view name);
/// The ActivityKind named @p name, or std::nullopt (never throws).
[[nodiscard]] std::optional<ActivityKind> try_activity_kind_from_string(
    std::string_view name) noexcept;

/// How training periods count under a regime.
enum class TrainingRule : std::uint8_t {
  not_counted,  ///< Training periods count 0 h.
  capped,       ///< Counted, at most as many hours as the other activities together.
};

/// The date @p d plus @p months calendar months, clamped to the month's end (31 Aug + 2 = 31 Oct,
/// 31 Dec + 2 = 28 or 29 Feb).
[[nodiscard]] Date add_months(Date d, int months);

/// A rule set of VAE in force over a period; every number is configurable (user-defined regimes
/// are read from JSON, schema `Regime.1`). The built-in values and their sources are in
/// docs/pathway.md and in `sources`.
struct Regime {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Regime";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string name;                     ///< Stable identifier, e.g. "vae-2017".
  std::string title;                    ///< French description.
  Date effective_from;                  ///< First day in force.
  std::optional<Date> effective_until;  ///< Last day in force (none: still in force).
  /// Minimum experience related to the certification, in years (3, then 1, then 0).
  Rational minimum_years{0};
  /// When true (2024), any counted related experience (> 0 h) is enough.
  bool any_related_experience = false;
  /// Hours of a full-time year (1,607 h, service-public F2401).
  std::int64_t hours_per_year = 1607;
  /// Calendar days of a full-time year for pro rata counting (365).
  std::int64_t days_per_year = 365;
  /// Weekly hours of full time (35 h), the base of part-time pro rata.
  Rational full_time_hours_per_week{35};
  /// Legal weekly maximum (48 h, Code du travail L3121-20): concurrent activities count at most
  /// this much a week, and a weekly figure above it is an error.
  int max_hours_per_week = 48;
  /// Activity kinds that count; others count 0 h.
  std::vector<ActivityKind> counted_kinds;
  /// How training periods count.
  TrainingRule training = TrainingRule::not_counted;
  /// From this date silence of the certifier means acceptance; before, refusal (12 Nov 2014).
  Date silence_acceptance_from{2014, 11, 12};
  /// Months the certifier has to decide on a complete request (2).
  int decision_deadline_months = 2;
  /// Requests per certification per calendar year (1, Code de l'éducation R335-7).
  int requests_per_certification_per_year = 1;
  /// Different certifications per calendar year (3, Code de l'éducation R335-7).
  int certifications_per_year = 3;
  /// First day the inactivity rule applies (France VAE, since 1 Aug 2025): before it no case is
  /// inactive, and the inactivity delay of a case idle since earlier runs from this day (a rule
  /// applies only from its effective date). None: the regime has no inactivity rule.
  std::optional<Date> inactivity_rule_from = Date(2025, 8, 1);
  /// Days without activity before admissibility after which a case is inactive (60).
  int inactive_days_before_admissibility = 60;
  /// Days without activity after admissibility after which a case is inactive (165).
  int inactive_days_after_admissibility = 165;
  /// Days after becoming inactive when inactivity is confirmed (archive or drop out) (180).
  int inactivity_confirmation_days = 180;
  /// Months after the admissibility notice within which the pathway must start (6, from 2024).
  std::optional<int> start_deadline_months;
  /// Members a jury has at least, its composition being recorded on the jury events (2 from the
  /// 2024 regime; none: the composition is not required). Applied to the pathways the regime
  /// governs (RegimeSet::for_pathway).
  std::optional<int> jury_min_members;
  /// Hours of congé VAE per session (24).
  int leave_hours = 24;
  /// Hours of congé VAE for pathways started from leave_hours_extended_from (48).
  std::optional<int> leave_hours_extended;
  /// From when leave_hours_extended applies (13 Apr 2024).
  std::optional<Date> leave_hours_extended_from;
  /// The transition rule: from this date the regime also governs the pathways started before its
  /// effective date (none: a pathway keeps the regime of the day it started, its first event).
  /// Built-in: none for every regime (décret 2023-1275 read as governing the pathways started
  /// from 1 January 2024; uncertain, hence configurable).
  std::optional<Date> ongoing_pathways_from;
  /// First day a pathway may start as a France VAE candidacy (`candidacy_submitted`: the
  /// transition table's France VAE rows), or none: no France VAE pathway under this regime.
  /// Built-in: 1 January 2024 for "vae-2024" (décret 2023-1275 in force; the platform opened
  /// region by region before: uncertain, hence configurable).
  std::optional<Date> france_vae_from;
  /// Days without an event after which an admissible France VAE candidacy lapses (caducité, the
  /// `lapsed` event): 183, France VAE's CADUCITE_THRESHOLD_DAYS (SocialGouv/reva,
  /// packages/reva-api/modules/shared/candidacy/candidacyCaducite.ts).
  int lapse_days = 183;
  /// Source of each threshold, by field name (e.g. "minimum_years" -> "loi 2002-73 ...").
  std::map<std::string, std::string> sources;

  /// The minimum in hours: minimum_years × hours_per_year (3 years = 4,821 h).
  [[nodiscard]] Rational minimum_hours() const { return minimum_years * Rational(hours_per_year); }
  /// Whether experiences of kind @p k count at all.
  [[nodiscard]] bool counts(ActivityKind k) const noexcept;
  /// Whether the regime is in force on @p d.
  [[nodiscard]] bool in_force(Date d) const noexcept {
    return effective_from <= d && (!effective_until || d <= *effective_until);
  }
  /// Whether silence on a request sent on @p sent means acceptance.
  [[nodiscard]] bool silence_means_acceptance(Date sent) const noexcept {
    return sent >= silence_acceptance_from;
  }
  /// The day the decision on a request sent on @p sent is due (sent + deadline months).
  [[nodiscard]] Date decision_due(Date sent) const {
    return add_months(sent, decision_deadline_months);
  }
  /// Days without activity after which a case is inactive, before or after admissibility.
  [[nodiscard]] int inactivity_days(bool before_admissibility) const noexcept {
    return before_admissibility ? inactive_days_before_admissibility
                                : inactive_days_after_admissibility;
  }
  /// The day the inactivity delay of a case whose last event is on @p last starts to run: the
  /// later of @p last and inactivity_rule_from (none: no inactivity rule in this regime).
  [[nodiscard]] std::optional<Date> inactivity_clock(Date last) const noexcept {
    if (!inactivity_rule_from) return std::nullopt;
    return std::max(last, *inactivity_rule_from);
  }
  /// Whether a France VAE candidacy may start on @p d under this regime.
  [[nodiscard]] bool france_vae_on(Date d) const noexcept {
    return france_vae_from && *france_vae_from <= d;
  }
  /// Hours of congé VAE for a pathway started on @p start.
  [[nodiscard]] int leave_hours_on(Date start) const noexcept;

  /// The built-in regime in force on @p d (dates before 2002 use the first one).
  [[nodiscard]] static const Regime& on(Date d);
  /// The three built-in regimes, in date order: "vae-2002", "vae-2017", "vae-2024".
  [[nodiscard]] static std::span<const Regime> builtin();
  /// Field-wise equality.
  friend bool operator==(const Regime&, const Regime&) = default;
};

/// A Regime as JSON (fields as named in the struct; activity kinds by name).
void to_json(Json& j, const Regime& r);
/// A Regime from JSON; absent fields take the defaults of the struct; throws ParseError.
void from_json(const Json& j, Regime& r);

/// Regimes chosen by date: the built-in ones, overlaid by user-defined ones (a regime added later
/// wins over earlier ones on the days it covers).
class RegimeSet {
 public:
  /// The built-in regimes.
  RegimeSet();
  /// The shared built-in set.
  [[nodiscard]] static const RegimeSet& builtin();
  /// Adds (overlays) @p r; throws InvalidArgument if its period is empty.
  void add(Regime r);
  /// Reads a file holding one `Regime.1` document or a JSON array of them; adds them all.
  void load(const std::filesystem::path& path);
  /// The regime in force on @p d (the last added covering d; dates before every regime use the
  /// earliest).
  [[nodiscard]] const Regime& on(Date d) const;
  /// The regime governing a pathway started on @p started (its first event) and assessed on
  /// @p on: the regime of @p started, unless the regime of @p on governs ongoing pathways from a
  /// date on or before @p on (Regime::ongoing_pathways_from, the transition rule).
  [[nodiscard]] const Regime& for_pathway(Date started, Date on) const;
  /// The regime named @p name; throws NotFound.
  [[nodiscard]] const Regime& named(std::string_view name) const;
  /// All regimes, in the order added.
  [[nodiscard]] const std::vector<Regime>& all() const noexcept { return regimes_; }

 private:
  std::vector<Regime> regimes_;
};

}  // namespace vaekit
