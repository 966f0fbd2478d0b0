#pragma once
/// @file
/// @brief The programme scheduler: an exact MIP (COIN-OR CBC) choosing the year's days and
/// assigning topics, speakers and venues; plan validation, re-planning and infeasibility
/// explanations; the seeded reference instance.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/training/model.hpp"

namespace vaekit {

/// A soft preference for a weekday: each session held on @p day adds @p weight to the objective.
struct WeekdayWeight {
  Weekday day = Weekday::tuesday;  ///< The weekday.
  double weight = 0.0;             ///< Objective points per session held on that weekday.
  /// Equality of both fields.
  friend bool operator==(const WeekdayWeight&, const WeekdayWeight&) = default;
};

/// How the members' ballots weigh in the topic priorities (see topic_priorities()).
enum class BallotWeighting : std::uint8_t {
  /// Each audience (the counsellors, the assistants) weighs as a group: a role's ballots are
  /// aggregated under the rule, divided by that role's number of ballots and multiplied by
  /// B / k (B ballots in all, k roles that voted), so each role counts as B / k voters whatever
  /// its head count. With 28 counsellors and 8 assistants, each audience weighs as 18 voters.
  per_audience,
  /// One ballot, one voice: the plain aggregate of every ballot (the 28 counsellors' ballots
  /// outweigh the 8 assistants' 3.5 to 1).
  per_head,
};
/// "per_audience" or "per_head".
[[nodiscard]] std::string_view to_string(BallotWeighting v) noexcept;
/// The weighting named @p s; throws InvalidArgument.
[[nodiscard]] BallotWeighting ballot_weighting_from_string(std::string_view s);
/// The BallotWeighting named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<BallotWeighting> try_ballot_weighting_from_string(
    std::string_view s) noexcept;

/// The scheduling rules. Hard constraints (a plan breaking one is invalid) and the weights of
/// the soft objective; every number is configurable, the defaults are the network's habits.
///
/// Objective (maximised), for the sessions s of a plan with topic t(s) and date d(s):
///   Σ_s [ priority_weight × priority(t(s)) + weekday weight of d(s) ]
///   − spread_weight × Σ_months |sessions in the month − D / M|
/// where priority is topic_priorities() (the ballots' aggregate under `rule`, weighted per
/// audience by default), D the commissioned days and M the
/// number of months of the period that have at least one candidate day (working, not blacked
/// out). The spread term is the L1 distance to an even spread over the usable months.
struct ScheduleConstraints {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "ScheduleConstraints";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  /// Working days: Monday-Friday, not public holidays, not closures (hard).
  FrenchCalendar calendar{CalendarRegion::metropolitan};
  /// Periods with no session (e.g. August, school holidays), in addition to the calendar's
  /// closures (hard).
  std::vector<Closure> blackouts;
  /// Minimum number of calendar days between two sessions of the same audience role
  /// (a "both" session counts for both roles): d2 − d1 ≥ min_spacing_days (hard; 14).
  int min_spacing_days = 14;
  /// At most this many sessions in a calendar month (hard; 2).
  int max_days_per_month = 2;
  /// At most this many sessions on one date (hard; fixed at 1: the organiser runs one day at a
  /// time, so speakers and venues never clash).
  int max_sessions_per_date = 1;
  /// At least this many sessions for the counsellors (audience counsellors or both) (hard; 0).
  int min_counsellor_days = 0;
  /// At least this many sessions for the assistants (audience assistants or both) (hard; 0).
  int min_assistant_days = 0;
  /// At least this many sessions for the counsellors alone (audience counsellors, not "both")
  /// (hard; 0).
  int min_counsellor_own_days = 0;
  /// At least this many sessions for the assistants alone (audience assistants, not "both"):
  /// their own days, which sessions for everyone do not replace (hard; 0).
  int min_assistant_own_days = 0;
  /// Formats the assistants' own sessions must include, each at least once (hard; none). The
  /// network's assistants meet off site (site_visit) and in collective phone meetings
  /// (phone_meeting), domain.md §4.
  std::vector<SessionFormat> assistant_formats;
  /// How ballots become priorities (Borda).
  AggregationRule rule = AggregationRule::borda;
  /// Whether ballots weigh per audience (default) or per head.
  BallotWeighting ballot_weighting = BallotWeighting::per_audience;
  /// Weight of the topic priorities in the objective (1).
  double priority_weight = 1.0;
  /// Weight of the spread penalty (1).
  double spread_weight = 1.0;
  /// Preferred weekdays (default: Tuesday and Thursday, 2 points each; Wednesday 1).
  std::vector<WeekdayWeight> weekday_weights{
      {Weekday::tuesday, 2.0}, {Weekday::wednesday, 1.0}, {Weekday::thursday, 2.0}};
  /// CBC time limit, in seconds (60). A plan found but not proven optimal has status feasible.
  double time_limit_seconds = 60.0;

  /// Whether @p d falls in a blackout period.
  [[nodiscard]] bool is_blackout(Date d) const noexcept;
  /// Whether a session may be held on @p d: a working day outside blackouts.
  [[nodiscard]] bool is_candidate_day(Date d) const;
  /// The weekday weight of @p d (0 when not listed).
  [[nodiscard]] double weekday_weight(Date d) const noexcept;
  /// Equality of every field.
  friend bool operator==(const ScheduleConstraints&, const ScheduleConstraints&) = default;
};

/// How a plan came to be.
enum class PlanStatus : std::uint8_t {
  optimal,    ///< Solved and proven optimal (objective == bound within 1e-6).
  feasible,   ///< A valid plan found within the time limit, not proven optimal.
  hand_made,  ///< Sessions given by hand (see make_plan()); not solved.
};
/// "optimal", "feasible" or "hand_made".
[[nodiscard]] std::string_view to_string(PlanStatus v) noexcept;
/// The status named @p s; throws InvalidArgument.
[[nodiscard]] PlanStatus plan_status_from_string(std::string_view s);
/// The PlanStatus named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<PlanStatus> try_plan_status_from_string(std::string_view s) noexcept;

/// The objective of a plan, term by term.
struct ObjectiveTerms {
  double priority = 0.0;  ///< priority_weight × Σ topic priorities.
  double weekdays = 0.0;  ///< Σ weekday weights.
  double spread = 0.0;    ///< spread_weight × Σ_months |count − D/M| (subtracted).
  /// The objective: priority + weekdays − spread.
  [[nodiscard]] double total() const noexcept { return priority + weekdays - spread; }
  /// Equality of every field.
  friend bool operator==(const ObjectiveTerms&, const ObjectiveTerms&) = default;
};

/// A schedule for a programme: the sessions, the solver's verdict and the inputs it was made
/// from (so that it can be validated and re-planned on its own).
struct Plan {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Plan";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  Programme programme;              ///< The programme planned (its availabilities after changes).
  ScheduleConstraints constraints;  ///< The rules used.
  std::vector<Session> sessions;    ///< The sessions, in date order.
  PlanStatus status = PlanStatus::hand_made;  ///< How the plan came to be.
  double objective = 0.0;      ///< Objective value of the sessions (see ScheduleConstraints).
  double bound = 0.0;          ///< Proven upper bound on the objective (== objective if optimal).
  double solve_seconds = 0.0;  ///< Wall time of the solve, in seconds.
  ObjectiveTerms terms;        ///< The objective term by term.
  /// Remarks from the pre-checks, e.g. topics that cannot be scheduled at all and why.
  std::vector<std::string> notes;
  /// After replan(): ids of the sessions of the previous plan that were moved or dropped.
  std::vector<std::string> moved;
  /// Equality of every field.
  friend bool operator==(const Plan&, const Plan&) = default;
};

/// A broken hard constraint found by validate().
struct Violation {
  /// The constraint: "period", "working_day", "blackout", "one_per_date", "duplicate_topic",
  /// "topic_window", "speaker_kind", "speaker_availability", "venue", "venue_availability",
  /// "venue_capacity", "venue_kind", "phone_bridge", "spacing", "monthly_cap", "precedence",
  /// "commissioned_days", "audience_minimum", "audience_own_minimum", "assistant_format",
  /// "organisation_name" (a speaker's organisation that did not exist on the day).
  std::string constraint;
  std::string session;  ///< The session concerned (empty for plan-wide constraints).
  std::string message;  ///< What is wrong, in words.
  /// Equality of every field.
  friend bool operator==(const Violation&, const Violation&) = default;
};

/// A change after planning that replan() must absorb.
struct PlanChange {
  /// What changed.
  enum class Kind : std::uint8_t {
    speaker_cancelled,  ///< A speaker cannot come during `period`.
    venue_closed,       ///< A venue is closed during `period`.
  };
  Kind kind = Kind::speaker_cancelled;  ///< What changed.
  std::string id;                       ///< The speaker or venue id.
  DateRange period;                     ///< The days affected.
  /// Sessions before this date have been held and are frozen; new dates are on or after it.
  std::optional<Date> as_of;
  /// Equality of every field.
  friend bool operator==(const PlanChange&, const PlanChange&) = default;
};
/// "speaker_cancelled" or "venue_closed".
[[nodiscard]] std::string_view to_string(PlanChange::Kind v) noexcept;
/// The change kind named @p s; throws InvalidArgument.
[[nodiscard]] PlanChange::Kind plan_change_kind_from_string(std::string_view s);
/// The PlanChange::Kind named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<PlanChange::Kind> try_plan_change_kind_from_string(
    std::string_view s) noexcept;

/// No plan satisfies the hard constraints. `vaekit.InfeasibleError` in Python.
///
/// schedule() and replan() never return an empty plan: they throw this error, whose
/// explanations() name the conflicting constraints — first the pre-checks' findings (e.g.
/// "topic T12 needs a certifier speaker but speaker SP03, the only one, has no available
/// working day before its deadline 2025-03-31"), then the solver's verdict and which constraint
/// family, when relaxed alone, makes the problem feasible.
class InfeasibleError : public Error {
 public:
  /// An infeasibility error with its @p explanations (at least one).
  explicit InfeasibleError(std::vector<std::string> explanations);
  /// The explanations, most specific first.
  [[nodiscard]] const std::vector<std::string>& explanations() const noexcept {
    return explanations_;
  }

 private:
  std::vector<std::string> explanations_;
};

/// The priority of every proposal (in proposal order) that the objective uses: the ballots'
/// aggregate under `constraints.rule`, weighted as `constraints.ballot_weighting` says (per
/// audience by default; see BallotWeighting).
[[nodiscard]] std::vector<double> topic_priorities(const Programme& programme,
                                                   const ScheduleConstraints& constraints);

/// Plans the programme's commissioned days: an exact MIP solved with COIN-OR CBC.
///
/// One session per chosen date, one topic per session. Each topic is eligible on a date when the
/// date is a candidate day within the topic's window, a speaker of the required kind is
/// available, and (except phone meetings) a venue of the right kind (off site for a visit) with
/// capacity ≥ the audience is available. Since dates are never shared, speakers and venues are
/// assigned after the solve without changing the objective: the least-used available speaker of
/// the kind (ties by programme order), the organiser's premises before off-site venues, then the
/// smallest room that fits. Throws InfeasibleError with explanations when no plan exists.
[[nodiscard]] Plan schedule(const Programme& programme,
                            const ScheduleConstraints& constraints = {});

/// Every violated hard constraint of @p sessions (e.g. made by hand), each with its session.
[[nodiscard]] std::vector<Violation> validate(const Programme& programme,
                                              const std::vector<Session>& sessions,
                                              const ScheduleConstraints& constraints);
/// Every violated hard constraint of @p plan under its own constraints.
[[nodiscard]] std::vector<Violation> validate(const Plan& plan);

/// The objective of @p sessions (for plans made by hand or compared between solvers).
[[nodiscard]] ObjectiveTerms evaluate(const Programme& programme,
                                      const std::vector<Session>& sessions,
                                      const ScheduleConstraints& constraints);

/// A hand-made plan of @p sessions, with its objective evaluated; status hand_made.
[[nodiscard]] Plan make_plan(const Programme& programme, std::vector<Session> sessions,
                             const ScheduleConstraints& constraints = {});

/// Re-plans after @p change with the fewest moved sessions: the change is applied to the
/// programme (a cancelled speaker loses the period from their availability; a closed venue gets
/// a closure), then a MIP maximises K × (sessions kept on their date) + objective, where K
/// exceeds any possible objective difference, so the number of moved sessions is minimal first
/// and the objective best second. A kept session whose speaker or venue became unavailable keeps
/// its date and gets another speaker or venue when one is available. Sessions before
/// `change.as_of` are frozen. Throws InfeasibleError when no plan exists.
[[nodiscard]] Plan replan(const Plan& plan, const PlanChange& change);

/// The MIP's data as JSON, for peer solvers (bench/training_vs_ortools.py): the candidate
/// (topic, date) pairs with their objective coefficients, topic audiences and precedence, the
/// months and the numbers of the hard constraints. Pre-checks are applied.
[[nodiscard]] Json schedule_model(const Programme& programme,
                                  const ScheduleConstraints& constraints);

/// Options of the reference instance generator.
struct ReferenceOptions {
  int year = 2025;             ///< The programme's year.
  std::uint64_t seed = 1;      ///< Seed of the (portable, splitmix64) generator.
  int topics = 40;             ///< Number of topic proposals.
  int speakers = 30;           ///< Number of speakers.
  int commissioned_days = 16;  ///< Days commissioned.
};

/// The reference instance: 28 counsellors and 8 assistants, 4 venues (two rooms at the
/// organiser's, two off site), `speakers` speakers of every kind with 3-5 availability windows,
/// `topics` proposals (a third with a precedence link, some with deadlines) and one ballot per
/// member ranking 6-10 topics. The same seed gives the same programme on every platform.
[[nodiscard]] Programme make_reference_programme(const ReferenceOptions& options = {});
/// The reference rules for @p year: August and the Christmas school holidays blacked out,
/// 14 days' spacing, at most 2 days a month, at least 4 days for the assistants; ballots per
/// head and no own-days rule, as when the benchmark times were measured (the network's rules,
/// per audience with the assistants' own days, are examples/data/training/constraints-2025.json).
[[nodiscard]] ScheduleConstraints make_reference_constraints(int year = 2025);

/// WeekdayWeight as JSON.
void to_json(Json& j, const WeekdayWeight& v);
/// WeekdayWeight from JSON.
void from_json(const Json& j, WeekdayWeight& v);
/// ScheduleConstraints as JSON.
void to_json(Json& j, const ScheduleConstraints& v);
/// ScheduleConstraints from JSON; absent fields take their defaults.
void from_json(const Json& j, ScheduleConstraints& v);
/// ObjectiveTerms as JSON.
void to_json(Json& j, const ObjectiveTerms& v);
/// ObjectiveTerms from JSON.
void from_json(const Json& j, ObjectiveTerms& v);
/// Plan as JSON.
void to_json(Json& j, const Plan& v);
/// Plan from JSON.
void from_json(const Json& j, Plan& v);
/// Violation as JSON.
void to_json(Json& j, const Violation& v);
/// PlanChange as JSON.
void to_json(Json& j, const PlanChange& v);
/// PlanChange from JSON.
void from_json(const Json& j, PlanChange& v);

}  // namespace vaekit
