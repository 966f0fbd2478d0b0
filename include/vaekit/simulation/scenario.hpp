#pragma once
/// @file
/// @brief Scenario: every parameter of a simulated counselling network (volumes, staff, calendar,
/// branching probabilities, delays, calibration targets), read strictly from schema-tagged JSON
/// (`Scenario.1`).

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

class Xoshiro256;

/// The family of a DelayDistribution.
enum class DistributionKind : std::uint8_t {
  fixed,        ///< Always `value`.
  uniform,      ///< Uniform on [min, max].
  exponential,  ///< offset + exponential of mean `mean`.
  lognormal,    ///< offset + median · e^(sigma · Z), Z standard normal.
};
/// The stable name of a distribution kind ("fixed", "uniform", "exponential", "lognormal").
[[nodiscard]] std::string_view to_string(DistributionKind k) noexcept;

/// A non-negative delay or duration. Its unit is in the name of the field that holds it
/// (`..._days`, `..._minutes`). JSON: `{"dist": "lognormal", "median": 55, "sigma": 0.5}`,
/// `{"dist": "exponential", "mean": 30, "offset": 5}`, `{"dist": "uniform", "min": 1, "max": 9}`,
/// `{"dist": "fixed", "value": 60}`.
struct DelayDistribution {
  DistributionKind kind = DistributionKind::fixed;  ///< The family.
  double value = 0;                                 ///< fixed: the value.
  double min = 0;                                   ///< uniform: the lower bound.
  double max = 0;                                   ///< uniform: the upper bound.
  double mean = 0;                                  ///< exponential: the mean (before the offset).
  double median = 0;                                ///< lognormal: the median (before the offset).
  double sigma = 0;   ///< lognormal: the standard deviation of the logarithm.
  double offset = 0;  ///< exponential, lognormal: added to every draw.

  /// A fixed value.
  static DelayDistribution fixed_value(double v) noexcept;
  /// Exponential of mean @p mean, plus @p offset.
  static DelayDistribution exponential_mean(double mean, double offset = 0) noexcept;
  /// Lognormal of median @p median and log-sd @p sigma, plus @p offset.
  static DelayDistribution lognormal_median(double median, double sigma,
                                            double offset = 0) noexcept;
  /// Uniform on [lo, hi].
  static DelayDistribution uniform_on(double lo, double hi) noexcept;

  /// One draw (never negative).
  [[nodiscard]] double sample(Xoshiro256& rng) const noexcept;
  /// The mean of the distribution (exact formula).
  [[nodiscard]] double expected() const noexcept;
  /// Field-wise equality.
  friend bool operator==(const DelayDistribution&, const DelayDistribution&) = default;
};

/// How arrivals are generated.
enum class ArrivalProcess : std::uint8_t {
  fixed,        ///< Exactly the expected count per antenne and month (cumulative rounding), on
                ///< reception days drawn uniformly within the month: the yearly total is exact.
  poisson,      ///< A Poisson count each reception day, of mean volume × month share × antenne
                ///< share / reception days of the month.
  exponential,  ///< A homogeneous Poisson process in continuous time, rate volume / 365.25 per
                ///< calendar day, seasonality ignored (for queueing validation).
};
/// The stable name of an arrival process.
[[nodiscard]] std::string_view to_string(ArrivalProcess p) noexcept;

/// How much of the pathway is simulated.
enum class SimulationScope : std::uint8_t {
  pathway,            ///< From reception to the jury's outcome.
  first_appointment,  ///< Reception and the first appointment only (the queue).
};
/// The stable name of a scope.
[[nodiscard]] std::string_view to_string(SimulationScope s) noexcept;

/// One antenne (counselling centre) of the network.
struct AntenneSpec {
  std::string id;       ///< Identifier, e.g. "IDF-75A".
  double share = 0;     ///< Share of the network's arrivals (shares sum to 1).
  int counsellors = 0;  ///< Counsellors (conseillers VAE), at least 1.
  int assistants = 0;   ///< Assistants, at least 1.
  /// Field-wise equality.
  friend bool operator==(const AntenneSpec&, const AntenneSpec&) = default;
};

/// A certification candidates choose, with its certifier, weight and registration window.
/// JSON: `{"code": "RNCP36004", "title": "...", "certifier": "...", "weight": 0.3,
/// "registered": {"from": "2021-...", "until": null}, "source": "..."}` (title, registered and
/// source optional).
struct CertificationChoice {
  std::string code;       ///< RNCP or RS code.
  std::string certifier;  ///< The certifier named in admissibility_sent.
  double weight = 0;      ///< Relative frequency (> 0).
  std::string title;      ///< The certification's title (documentation; may be empty).
  /// First day it is registered (open to VAE requests); std::nullopt: not known, not checked.
  std::optional<Date> registered_from;
  /// Last day it is registered (open to new VAE requests); std::nullopt: still registered or
  /// not known.
  std::optional<Date> registered_until;
  std::string source;  ///< Where the code, certifier and dates come from (may be empty).
  /// Whether it is registered on @p d (an unknown bound does not exclude).
  [[nodiscard]] bool registered_on(Date d) const noexcept;
  /// Field-wise equality.
  friend bool operator==(const CertificationChoice&, const CertificationChoice&) = default;
};

/// A calibration target: a metric of the simulation (see simulation_metric_names()), the value
/// it should reach and the tolerance (absolute), with its source.
struct CalibrationTarget {
  std::string metric;    ///< Metric name, e.g. "jury_full_share".
  double value = 0;      ///< Target value.
  double tolerance = 0;  ///< Accepted absolute difference.
  std::string source;    ///< Where the value comes from.
  /// Field-wise equality.
  friend bool operator==(const CalibrationTarget&, const CalibrationTarget&) = default;
};

/// The era whose pathway a scenario simulates.
enum class PathwayEra : std::uint8_t {
  counselling_2017,  ///< Reception, counselling, admissibility, support, jury (the 2017 model).
  france_vae,        ///< The France VAE service (law 2022-1598, décret 2023-1275): candidacy,
                     ///< AAP, pathway, funding, feasibility, validation file, jury, caducité.
};
/// The stable name of an era ("counselling_2017", "france_vae").
[[nodiscard]] std::string_view to_string(PathwayEra e) noexcept;

/// Shares of the codes of one profile attribute, with where they come from. JSON:
/// `{"shares": {"woman": 0.66, "man": 0.33, "not_stated": 0.01}, "source": "DEPP 2025 ..."}`.
struct ProfileShares {
  std::vector<std::string> codes;  ///< The codes (vocabulary names), in the order read.
  std::vector<double> shares;      ///< Their shares (sum 1).
  std::string source;              ///< The publication, or "ASSUMED: ..." with the reasoning.
  /// Whether no share is given (the attribute is recorded as not_stated, or not at all).
  [[nodiscard]] bool empty() const noexcept { return codes.empty(); }
  /// Field-wise equality.
  friend bool operator==(const ProfileShares&, const ProfileShares&) = default;
};

/// The pseudonymous profile drawn for each simulated case (`profile_recorded`): each attribute
/// independently from its shares, the département from the case's antenne. Drawn from a random
/// stream of its own, so that adding a profile to a scenario changes none of its pathways.
struct ProfileSpec {
  ProfileShares sex;            ///< sex: woman, man, not_stated.
  ProfileShares age_band;       ///< age_band: under_26 ... 55_plus, not_stated.
  ProfileShares employment;     ///< employment: France VAE's CandidateTypology.
  ProfileShares qualification;  ///< qualification: none, level_3 ... level_8, not_stated.
  ProfileShares qpv;            ///< qpv: yes, no, not_stated.
  ProfileShares rqth;           ///< rqth: yes, no, not_stated.
  /// The département code of each antenne (antenne id → "75", "2A", "971"); an antenne not
  /// listed records no département.
  std::map<std::string, std::string> departement;
  /// The drawn attributes by their document name ("sex", "age_band", "employment",
  /// "qualification", "qpv", "rqth"), in that order: what the reader, the checks and the
  /// writer go through.
  [[nodiscard]] std::array<std::pair<const char*, const ProfileShares*>, 6> attributes() const {
    return {{{"sex", &sex},
             {"age_band", &age_band},
             {"employment", &employment},
             {"qualification", &qualification},
             {"qpv", &qpv},
             {"rqth", &rqth}}};
  }
  /// Field-wise equality.
  friend bool operator==(const ProfileSpec&, const ProfileSpec&) = default;
};

/// Follow-ups 6 and 12 months after a case's last jury (`followup_recorded`, collected by
/// survey): the response rates and the situation of respondents, for certified candidates (full
/// validation or partial certification) and for the others. Drawn from the profile's stream.
struct FollowupSpec {
  double response_6 = 0.6;   ///< Share answering at 6 months (the others: no_answer).
  double response_12 = 0.5;  ///< Share answering at 12 months.
  /// Situations of certified respondents by situation order (same_job, promotion, new_job,
  /// job_seeker, training, other).
  std::vector<double> certified{0.55, 0.15, 0.15, 0.07, 0.03, 0.05};
  /// Situations of the other respondents (partial validation, refusal).
  std::vector<double> not_certified{0.70, 0.03, 0.07, 0.12, 0.05, 0.03};
  std::string source;  ///< Where the rates come from, or "ASSUMED: ...".
  /// Field-wise equality.
  friend bool operator==(const FollowupSpec&, const FollowupSpec&) = default;
};

/// The France VAE pathway's own parameters (era france_vae). The feasibility decision reuses the
/// scenario's `admissibility` section (decision_days, decisions, complement_days,
/// max_incomplete), the validation file `validation_file.writing_days`, the jury `jury` (wait,
/// notice, returns, sittings) and the drop-outs `dropout.preparation`, `writing`, `jury_wait`.
struct FranceVaeSpec {
  double autonomous_share = 0.2;  ///< Candidacies submitted without an AAP (autonomous).
  /// Taken charge → pathway proposed by the AAP.
  DelayDistribution proposal_days = DelayDistribution::lognormal_median(21, 0.5);
  /// Pathway proposed → confirmed by the candidate.
  DelayDistribution confirm_days = DelayDistribution::lognormal_median(10, 0.5);
  double dropout_before_proposal = 0.25;  ///< Archived after taking charge (reoriented...).
  double dropout_before_confirm = 0.08;   ///< Dropping out before confirming the pathway.
  DelayDistribution individual_hours = DelayDistribution::uniform_on(10, 24);  ///< Proposed.
  DelayDistribution collective_hours = DelayDistribution::uniform_on(0, 6);    ///< Proposed.
  double training_share = 0.2;  ///< Pathways with complementary training.
  DelayDistribution training_hours = DelayDistribution::uniform_on(14, 70);  ///< When trained.
  double individual_rate = 70;    ///< Euros per hour of individual support requested.
  double collective_rate = 35;    ///< Euros per hour of collective support.
  double training_rate = 15;      ///< Euros per hour of training.
  double funding_refused = 0.03;  ///< Funding requests refused by France VAE.
  /// Pathway confirmed → funding decided.
  DelayDistribution funding_days = DelayDistribution::lognormal_median(15, 0.5);
  /// Pathway confirmed (accompanied) or candidacy submitted (autonomous) → feasibility file sent.
  DelayDistribution feasibility_days = DelayDistribution::lognormal_median(30, 0.5);
  double flagged = 0.05;  ///< Validation files flagged by the certifier (sent again after).
  /// Validation file flagged → sent again.
  DelayDistribution flag_days = DelayDistribution::lognormal_median(30, 0.5);
  /// Admissible cases whose admissibility lapses (no six-monthly update, caducité) while writing.
  double lapse = 0.08;
  double contest = 0.5;  ///< Lapses the candidate contests.
  double lifted = 0.7;   ///< Contests the certifier lifts (the candidate goes on).
  /// Lapse → contest; contest → the certifier's decision.
  DelayDistribution contest_days = DelayDistribution::lognormal_median(10, 0.4);
  /// First-jury outcomes by order (full, partial, partial_certification, refused, absent).
  std::vector<double> jury_outcomes{0.62, 0.18, 0.06, 0.11, 0.03};
  /// Outcomes of a return to the jury (same order).
  std::vector<double> return_outcomes{0.75, 0.10, 0.05, 0.08, 0.02};
  /// Field-wise equality.
  friend bool operator==(const FranceVaeSpec&, const FranceVaeSpec&) = default;
};

/// Every parameter of a simulated counselling network. Read with read_document<Scenario>()
/// (strict: an unknown field, a wrong type, a probability out of [0, 1] or shares that do not
/// sum to 1 throw ParseError naming the field, e.g. `jury.outcomes.full`). The defaults of a
/// default-constructed Scenario are those of the shipped `idf-2014` (see docs/simulation.md).
struct Scenario {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Scenario";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string name = "scenario";                           ///< Stable identifier, e.g. "idf-2014".
  std::string title;                                       ///< Description.
  DateRange period{Date(2014, 1, 1), Date(2014, 12, 31)};  ///< Arrival period.
  Date horizon{2020, 12, 31};  ///< Last day simulated: later events are cut (censored).
  /// Working days of the network (holidays, closures); std::nullopt: every day is a working day
  /// (no calendar, as in a textbook queue).
  std::optional<FrenchCalendar> calendar = FrenchCalendar();
  std::string case_prefix = "SIM";                   ///< Case ids are prefix + 7 digits.
  SimulationScope scope = SimulationScope::pathway;  ///< How much of the pathway is simulated.

  // Arrivals and reception.
  ArrivalProcess arrival_process = ArrivalProcess::poisson;  ///< How arrivals are generated.
  double yearly_volume = 10357;  ///< Expected people per year (network).
  std::vector<double> seasonality = std::vector<double>(12, 1.0);  ///< 12 monthly weights.
  std::vector<AntenneSpec> antennes;                               ///< The antennes (at least one).
  /// Shares of the reception channels, by Channel order (walk_in, phone, online, info_session).
  std::vector<double> channels{0.25, 0.45, 0.2, 0.1};
  /// People one assistant receives per working day; 0: unlimited.
  double receptions_per_assistant_per_day = 12;

  // First appointment (the queue).
  int booking_lead_days = 1;  ///< Earliest appointment: this many days after reception.
  /// Hours per working day each counsellor gives to first appointments.
  double first_appointment_hours_per_day = 2.5;
  DelayDistribution first_appointment_minutes =
      DelayDistribution::fixed_value(90);  ///< Its length.
  double no_show = 0.08;  ///< Probability that the person misses it (and drops out).
  /// Counsellors' professionalisation days: no appointment on these dates.
  std::vector<Date> training_days;

  // Counselling and orientation.
  DelayDistribution choosing_days =
      DelayDistribution::lognormal_median(45, 0.5);  ///< First appointment → orientation.
  double extra_appointments_mean = 1.0;  ///< Mean further counselling appointments (geometric).
  int appointment_minutes = 60;          ///< Length of further appointments.
  /// Orientation shares by OrientationTarget order (vae, vap, training, skills_assessment, other).
  std::vector<double> orientation{0.6, 0.05, 0.15, 0.08, 0.12};
  std::vector<CertificationChoice> certifications;  ///< Certifications chosen (at least one).

  // Admissibility.
  DelayDistribution preparation_days = DelayDistribution::lognormal_median(55, 0.5);  ///< Livret 1.
  /// Certifier's explicit decision delay (days; a draw at or past the deadline becomes silence).
  DelayDistribution decision_days = DelayDistribution::lognormal_median(50, 0.35);
  double silence = 0.05;  ///< Probability that the certifier does not answer (silence rule).
  /// Explicit decisions, by AdmissibilityDecision order (admissible, not_admissible, incomplete).
  std::vector<double> decisions{0.84, 0.06, 0.10};
  DelayDistribution complement_days =
      DelayDistribution::lognormal_median(25, 0.5);  ///< Completing a file.
  int max_incomplete = 2;  ///< Incomplete decisions after which the file is decided otherwise.

  // Support and validation file.
  double support_share = 0.85;  ///< Admissible candidates who get support (accompagnement).
  /// Funding of the support, by Funding order (cpf, opca, opco, region, employer, self, none).
  std::vector<double> funding{0.15, 0.25, 0.0, 0.35, 0.1, 0.1, 0.05};
  DelayDistribution support_start_days =
      DelayDistribution::lognormal_median(20, 0.5);  ///< Admissible → support.
  double support_sessions_mean = 4;                  ///< Mean support sessions (geometric).
  double support_session_hours = 3;                  ///< Hours per session.
  DelayDistribution writing_days =
      DelayDistribution::lognormal_median(170, 0.45);  ///< Admissible → livret 2 sent.

  // Jury.
  DelayDistribution jury_wait_days =
      DelayDistribution::lognormal_median(115, 0.4);  ///< Livret 2 sent → jury.
  int jury_notice_days = 30;  ///< The jury is scheduled this many days before it sits.
  /// First-jury outcomes by JuryResult order (full, partial, refused, absent).
  std::vector<double> jury_outcomes{0.59, 0.275, 0.11, 0.025};
  double return_after_partial = 0.5;  ///< Partial validations that return to the jury.
  DelayDistribution return_days =
      DelayDistribution::lognormal_median(240, 0.5);  ///< Partial → next jury.
  /// Outcomes of a return to the jury (full, partial, refused, absent).
  std::vector<double> return_outcomes{0.75, 0.15, 0.08, 0.02};
  int max_jury_sittings = 3;  ///< Sittings after which a partial or absent candidate stops.

  // Drop-out hazards (probability of dropping out during each stage).
  double dropout_choosing = 0.10;     ///< Between the first appointment and the orientation.
  double dropout_preparation = 0.12;  ///< While preparing the admissibility request.
  double dropout_writing = 0.20;      ///< While writing the validation file (after admissibility).
  double dropout_jury_wait = 0.03;    ///< Between the validation file and the jury.

  /// The era of the pathway (france_vae: the `france_vae` section applies). JSON `era`, absent
  /// for the 2017 model.
  PathwayEra era = PathwayEra::counselling_2017;
  FranceVaeSpec france_vae;  ///< The France VAE pathway (read and written for that era only).
  /// The profile drawn for each case (`profile_recorded`); std::nullopt: none recorded.
  std::optional<ProfileSpec> profile;
  /// Follow-ups after the jury (`followup_recorded`); std::nullopt: none recorded.
  std::optional<FollowupSpec> followup;

  std::vector<CalibrationTarget> targets;  ///< Calibration targets (see evaluate_targets()).

  /// Checks every constraint (the ones the JSON reader checks); throws InvalidArgument naming the
  /// field. A certification used outside its registration window is an error: candidates choose
  /// a certification and send their request from the first day of the period (a first
  /// appointment can be on the day of arrival) to its last day at least, so every
  /// certification's window must contain the whole period (e.g. the DEAES of 2016, registered
  /// from 30 January 2016, in a 2014 scenario: "certifications[0].registered").
  void validate() const;
  /// Total counsellors of the network.
  [[nodiscard]] int counsellor_count() const noexcept;
  /// Total assistants of the network.
  [[nodiscard]] int assistant_count() const noexcept;
  /// Sets the number of counsellors of the network to @p n, spread over the antennes in
  /// proportion to their current numbers (largest remainders, at least one each).
  void set_counsellor_count(int n);
  /// Field-wise equality.
  friend bool operator==(const Scenario&, const Scenario&) = default;

  /// A built-in scenario by name ("idf-2014"); throws NotFound.
  [[nodiscard]] static Scenario builtin(std::string_view name);
  /// The names of the built-in scenarios.
  [[nodiscard]] static std::vector<std::string> builtin_names();
};

/// The metric names a run reports and targets may name: received, first_appointments,
/// wait_mean_days, wait_p90_days, utilisation_mean, oriented_vae_share, admissibility_sent,
/// admissible, admissible_without_jury_share, jury_full_share, jury_partial_share,
/// jury_refused_share, months_choosing, months_preparation, months_decision, months_writing,
/// months_jury_wait, months_to_first_jury, validated, censored.
[[nodiscard]] const std::vector<std::string>& simulation_metric_names();

/// The codes of a profile attribute ("sex", "age_band", "employment", "qualification", "qpv",
/// "rqth") or of a follow-up "situation", in the vocabulary's order (issue 15); empty for another
/// name.
[[nodiscard]] const std::vector<std::string_view>& profile_attribute_codes(
    std::string_view attribute);

/// A DelayDistribution as JSON (only the fields of its kind).
void to_json(Json& j, const DelayDistribution& d);
/// A DelayDistribution from JSON; throws ParseError naming the field.
void from_json(const Json& j, DelayDistribution& d);
/// A Scenario as JSON (every field).
void to_json(Json& j, const Scenario& s);
/// A Scenario from JSON, strictly; throws ParseError naming the field.
void from_json(const Json& j, Scenario& s);

}  // namespace vaekit
