#pragma once
/// @file
/// @brief Evaluations of the sessions: end-of-session (*à chaud*) and delayed (*à froid*)
/// questionnaires with 1-5 scales and free text, feedback from funders and speakers, their
/// checks and aggregates per session, topic, format and speaker kind.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/training/attendance.hpp"
#include "vaekit/training/model.hpp"

namespace vaekit {

/// When a questionnaire is answered.
enum class EvaluationTiming : std::uint8_t {
  hot,   ///< *À chaud*: at the end of the session.
  cold,  ///< *À froid*: weeks later (EvaluationRecord::cold_delay_weeks, 6 by default).
};

/// Who answers.
enum class Respondent : std::uint8_t {
  trainee,  ///< A participant (counsellor or assistant): the only ones in the aggregates.
  funder,   ///< The funder (the Conseil régional) — Qualiopi indicator 30.
  speaker,  ///< A speaker or trainer — Qualiopi indicator 30.
};

/// The kind of answer a question takes.
enum class QuestionKind : std::uint8_t {
  scale,      ///< An integer from 1 (worst) to 5 (best).
  free_text,  ///< Free text: kept with the response, never aggregated.
};

/// How aggregates are grouped.
enum class EvaluationGrouping : std::uint8_t {
  session,       ///< Per session id.
  topic,         ///< Per topic id (a session with two topics counts for both).
  format,        ///< Per session format.
  speaker_kind,  ///< Per kind of the session's speakers ("none" without speaker).
};

/// "hot" or "cold".
[[nodiscard]] std::string_view to_string(EvaluationTiming v) noexcept;
/// "trainee", "funder" or "speaker".
[[nodiscard]] std::string_view to_string(Respondent v) noexcept;
/// "scale" or "free_text".
[[nodiscard]] std::string_view to_string(QuestionKind v) noexcept;
/// "session", "topic", "format" or "speaker_kind".
[[nodiscard]] std::string_view to_string(EvaluationGrouping v) noexcept;
/// The timing named @p s; throws InvalidArgument.
[[nodiscard]] EvaluationTiming evaluation_timing_from_string(std::string_view s);
/// The EvaluationTiming named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<EvaluationTiming> try_evaluation_timing_from_string(
    std::string_view s) noexcept;
/// The respondent kind named @p s; throws InvalidArgument.
[[nodiscard]] Respondent respondent_from_string(std::string_view s);
/// The Respondent named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<Respondent> try_respondent_from_string(std::string_view s) noexcept;
/// The question kind named @p s; throws InvalidArgument.
[[nodiscard]] QuestionKind question_kind_from_string(std::string_view s);
/// The QuestionKind named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<QuestionKind> try_question_kind_from_string(
    std::string_view s) noexcept;
/// The grouping named @p s; throws InvalidArgument.
[[nodiscard]] EvaluationGrouping evaluation_grouping_from_string(std::string_view s);
/// The EvaluationGrouping named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<EvaluationGrouping> try_evaluation_grouping_from_string(
    std::string_view s) noexcept;

/// The lowest score of a scale question.
inline constexpr int scale_min = 1;
/// The highest score of a scale question.
inline constexpr int scale_max = 5;

/// A question of a questionnaire.
struct Question {
  std::string id;    ///< Stable identifier, unique in the record (e.g. "satisfaction").
  std::string text;  ///< The question as asked.
  QuestionKind kind = QuestionKind::scale;          ///< Scale or free text.
  EvaluationTiming timing = EvaluationTiming::hot;  ///< The questionnaire it belongs to.
  /// Equality of every field.
  friend bool operator==(const Question&, const Question&) = default;
};

/// One filled questionnaire.
struct EvaluationResponse {
  std::string id;       ///< Stable identifier, unique in the record.
  std::string session;  ///< The session evaluated (may be empty for a funder's overall feedback).
  std::string member;   ///< The respondent's member id (empty: anonymous).
  Respondent respondent = Respondent::trainee;      ///< Trainee, funder or speaker.
  EvaluationTiming timing = EvaluationTiming::hot;  ///< À chaud or à froid.
  Date date;                                        ///< The day it was answered.
  std::map<std::string, int> scores;                ///< Scale answers: question id → 1..5.
  /// Free-text answers: question id → text. Kept, never aggregated (may hold personal data).
  std::map<std::string, std::string> comments;
  /// Equality of every field.
  friend bool operator==(const EvaluationResponse&, const EvaluationResponse&) = default;
};

/// The questionnaires and responses of a programme.
struct EvaluationRecord {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Evaluations";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string programme;     ///< The programme id.
  int cold_delay_weeks = 6;  ///< Weeks after the session when the à-froid questionnaire is due (6).
  int hot_window_days =
      0;  ///< Days after the session an à-chaud answer may still come (0: same day).
  std::vector<Question> questions;            ///< Questions of both questionnaires.
  std::vector<EvaluationResponse> responses;  ///< Responses.

  /// The first day an à-froid answer about a session held on @p session_date is expected.
  [[nodiscard]] Date cold_due(Date session_date) const;
  /// The question with id @p key; throws NotFound.
  [[nodiscard]] const Question& question(std::string_view key) const;
  /// Equality of every field.
  friend bool operator==(const EvaluationRecord&, const EvaluationRecord&) = default;
};

/// The aggregate of one scale question over a group of sessions and one timing.
struct EvaluationAggregate {
  EvaluationGrouping grouping = EvaluationGrouping::session;  ///< How sessions are grouped.
  std::string key;  ///< The group: session id, topic id, format or speaker kind.
  EvaluationTiming timing = EvaluationTiming::hot;  ///< À chaud or à froid.
  std::string question;                             ///< The question id.
  int count = 0;                                    ///< Answers to the question.
  double mean = 0.0;                                ///< Their mean.
  std::array<int, 5> distribution{};                ///< Answers scoring 1, 2, 3, 4, 5.
  int respondents = 0;  ///< Trainee responses of this timing for the group's sessions.
  int expected = 0;     ///< Expected respondents: attendees (with attendance) or audience members.
  /// respondents / expected (0 when nobody is expected).
  double response_rate = 0.0;
  /// Equality of every field.
  friend bool operator==(const EvaluationAggregate&, const EvaluationAggregate&) = default;
};

/// Every issue of @p record: "unknown_session", "unknown_question", "wrong_question_kind" (a score
/// for a free-text question or the reverse, or a question of the other questionnaire),
/// "score_out_of_range", "duplicate_id", "duplicate_response" (a member answering the same
/// questionnaire twice for a session), "unknown_member", "missing_session" (a trainee response
/// without session) — errors; "hot_outside_window" (answered before the session or more than
/// hot_window_days after), "cold_too_early" (before cold_due()) — warnings.
[[nodiscard]] std::vector<RecordIssue> check_evaluations(const Programme& programme,
                                                         const std::vector<Session>& sessions,
                                                         const EvaluationRecord& record);

/// Aggregates of the trainees' scale answers grouped by @p grouping, one row per (group, timing,
/// question) with at least one answer, in group, timing, question order. Responses with errors
/// (unknown session or question, score out of range) are left out; free text never enters.
/// Expected respondents per session: the members who attended at least one half-day when
/// @p attendance is given, else the members of the session's audience.
[[nodiscard]] std::vector<EvaluationAggregate> aggregate_evaluations(
    const Programme& programme, const std::vector<Session>& sessions,
    const EvaluationRecord& record, EvaluationGrouping grouping,
    const AttendanceRecord* attendance = nullptr);

/// A Question as JSON.
void to_json(Json& j, const Question& v);
/// A Question from JSON; throws ParseError naming the field.
void from_json(const Json& j, Question& v);
/// An EvaluationResponse as JSON.
void to_json(Json& j, const EvaluationResponse& v);
/// An EvaluationResponse from JSON; throws ParseError naming the field (a score outside 1-5 too).
void from_json(const Json& j, EvaluationResponse& v);
/// An EvaluationRecord as JSON (no schema tag; see to_document()).
void to_json(Json& j, const EvaluationRecord& v);
/// An EvaluationRecord from JSON; throws ParseError naming the field.
void from_json(const Json& j, EvaluationRecord& v);
/// An EvaluationAggregate as JSON.
void to_json(Json& j, const EvaluationAggregate& v);
/// An EvaluationAggregate from JSON.
void from_json(const Json& j, EvaluationAggregate& v);

}  // namespace vaekit
