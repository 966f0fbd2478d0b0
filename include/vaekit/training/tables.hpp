#pragma once
/// @file
/// @brief The training area's tables (vaekit::Table: typed columns that cross to pandas, pyarrow
/// and polars): the plan, the topic priorities, the attendance entries and rates, the evaluation
/// answers and aggregates. Codes (audience, format, presence...) are category columns listing every
/// value of their enum; ids and free text are strings; days are dates.

#include <string_view>
#include <vector>

#include "vaekit/core/table.hpp"
#include "vaekit/training/attendance.hpp"
#include "vaekit/training/evaluation.hpp"
#include "vaekit/training/indicators.hpp"
#include "vaekit/training/model.hpp"
#include "vaekit/training/scheduler.hpp"

namespace vaekit {

/// One row per session of @p plan, in plan order: session; date; weekday (category, English
/// lower-case name); topic (the topic ids joined with ", "); title (their proposal titles joined
/// with " / ", "" for an unknown topic); audience, format (categories, to_string()); speakers (ids
/// joined with ", "); speaker_kinds (Speaker::kind_label on the session's date, joined with ", ");
/// venue (null for none); phone_bridge (boolean); half_days (int64); priority (int64: the sum of
/// the topics' scores under the plan's aggregation rule).
[[nodiscard]] Table plan_table(const Plan& plan);

/// The aggregated priorities of @p programme's proposals under @p rule, best first (by rank, then
/// topic id): topic, title, score, rank, ballots (int64).
[[nodiscard]] Table priorities_table(const Programme& programme,
                                     AggregationRule rule = AggregationRule::borda);

/// One row per attendance entry of @p record, in record order: session, date, half_day, member,
/// presence, evidence (categories), evidence_ref, hours (float64: AttendanceRecord::hours_of).
[[nodiscard]] Table attendance_table(const AttendanceRecord& record);

/// The rates of @p report at one @p level: "person" (member, role, sessions_planned,
/// sessions_attended), "session" (session, date, audience, expected, attendees) or "audience"
/// (audience, members), then planned, attended, remote, unproven, excused, absent, unrecorded hours
/// and the rate. Throws InvalidArgument naming any other level.
[[nodiscard]] Table attendance_report_table(const AttendanceReport& report,
                                            std::string_view level = "person");

/// The responses of @p record in long form, one row per (response, question) in response order
/// and question id order: response, session, member, respondent, timing (categories), date,
/// question, then score (int64) — or, with @p comments, the free-text answers in a text column
/// instead (they may hold personal data: kept apart from the scores).
[[nodiscard]] Table evaluations_table(const EvaluationRecord& record, bool comments = false);

/// Evaluation aggregates, one row each: grouping, key, timing, question, count, mean, n1..n5 (the
/// distribution), respondents, expected, response_rate.
[[nodiscard]] Table aggregates_table(const std::vector<EvaluationAggregate>& aggregates);

/// The hours per member (training_hours()) as the table "training_hours": member, hours
/// (float64), days (int64).
[[nodiscard]] Table training_hours_table(const std::vector<MemberHours>& rows);

/// The training indicators (training_indicators()) as the table "training_indicators": indicator,
/// value (float64, null when undefined), unit.
[[nodiscard]] Table training_indicators_table(const std::vector<Indicator>& rows);

}  // namespace vaekit
