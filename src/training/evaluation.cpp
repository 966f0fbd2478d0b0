// Evaluations à chaud / à froid: checks, aggregates per session, topic, format and speaker kind.
#include "vaekit/training/evaluation.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "attendance_detail.hpp"
#include "records_util.hpp"

namespace vaekit {
namespace {

constexpr std::array<std::string_view, 2> timing_names{"hot", "cold"};
constexpr std::array<std::string_view, 3> respondent_names{"trainee", "funder", "speaker"};
constexpr std::array<std::string_view, 2> question_kind_names{"scale", "free_text"};
constexpr std::array<std::string_view, 4> grouping_names{"session", "topic", "format",
                                                         "speaker_kind"};

/// The issues of a record and which responses carry an error.
struct Checked {
  std::vector<RecordIssue> issues;
  std::vector<bool> bad;  // per response
};

Checked check(const Programme& programme, const std::vector<Session>& sessions,
              const EvaluationRecord& record) {
  Checked out;
  out.bad.assign(record.responses.size(), false);
  std::map<std::string, const Session*, std::less<>> by_id;
  for (const auto& s : sessions) by_id.emplace(s.id, &s);
  std::map<std::string, const Question*, std::less<>> questions;
  for (const auto& q : record.questions) questions.emplace(q.id, &q);
  std::set<std::string, std::less<>> members;
  for (const auto& m : programme.members) members.insert(m.id);
  std::set<std::string, std::less<>> ids;
  std::set<std::tuple<std::string, int, std::string>> answered;

  for (std::size_t i = 0; i < record.responses.size(); ++i) {
    const auto& r = record.responses[i];
    const std::string here = "response " + excerpt(r.id);
    auto flag = [&](std::string code, Severity sev, std::string message) {
      out.issues.push_back(
          RecordIssue{std::move(code), sev, r.session, r.member, r.date, here + ": " + message});
      if (sev == Severity::error) out.bad[i] = true;
    };
    if (!ids.insert(r.id).second) flag("duplicate_id", Severity::error, "the id is used twice");
    const Session* s = nullptr;
    if (r.session.empty()) {
      if (r.respondent == Respondent::trainee) {
        flag("missing_session", Severity::error, "a trainee's response names no session");
      }
    } else {
      auto it = by_id.find(r.session);
      if (it == by_id.end()) {
        flag("unknown_session", Severity::error, "no planned session " + excerpt(r.session));
      } else {
        s = it->second;
      }
    }
    if (r.respondent == Respondent::trainee && !r.member.empty() && !members.count(r.member)) {
      flag("unknown_member", Severity::error, "the respondent is not a member of the programme");
    }
    if (r.respondent == Respondent::trainee && !r.member.empty() && s != nullptr &&
        !answered.emplace(r.session, static_cast<int>(r.timing), r.member).second) {
      flag("duplicate_response", Severity::error,
           "a second " + std::string(to_string(r.timing)) + " response of member " +
               excerpt(r.member) + " for the session");
    }
    for (const auto& [qid, score] : r.scores) {
      auto q = questions.find(qid);
      if (q == questions.end()) {
        flag("unknown_question", Severity::error, "unknown question " + excerpt(qid));
      } else if (q->second->kind != QuestionKind::scale || q->second->timing != r.timing) {
        flag("wrong_question_kind", Severity::error,
             "question " + excerpt(qid) + " is not a scale question of the " +
                 std::string(to_string(r.timing)) + " questionnaire");
      }
      if (score < scale_min || score > scale_max) {
        flag("score_out_of_range", Severity::error,
             "score " + std::to_string(score) + " for " + excerpt(qid) + " is outside 1-5");
      }
    }
    for (const auto& [qid, text] : r.comments) {
      (void)text;
      auto q = questions.find(qid);
      if (q == questions.end()) {
        flag("unknown_question", Severity::error, "unknown question " + excerpt(qid));
      } else if (q->second->kind != QuestionKind::free_text || q->second->timing != r.timing) {
        flag("wrong_question_kind", Severity::error,
             "question " + excerpt(qid) + " is not a free-text question of the " +
                 std::string(to_string(r.timing)) + " questionnaire");
      }
    }
    if (s != nullptr) {
      if (r.timing == EvaluationTiming::hot &&
          (r.date < s->date || r.date - s->date > record.hot_window_days)) {
        flag("hot_outside_window", Severity::warning,
             "answered on " + r.date.to_string() + " for a session held on " + s->date.to_string());
      }
      if (r.timing == EvaluationTiming::cold && r.date < record.cold_due(s->date)) {
        flag("cold_too_early", Severity::warning,
             "answered on " + r.date.to_string() + ", before " +
                 record.cold_due(s->date).to_string() + " (" +
                 std::to_string(record.cold_delay_weeks) + " weeks after the session)");
      }
    }
  }
  return out;
}

std::vector<std::string> group_keys(const Programme& programme, const Session& s,
                                    EvaluationGrouping g) {
  switch (g) {
    case EvaluationGrouping::session: return {s.id};
    case EvaluationGrouping::topic: return s.topics;
    case EvaluationGrouping::format: return {std::string(to_string(s.format))};
    case EvaluationGrouping::speaker_kind: {
      std::set<std::string> kinds;
      for (const auto& id : s.speakers) {
        auto it = std::find_if(programme.speakers.begin(), programme.speakers.end(),
                               [&id](const Speaker& x) { return x.id == id; });
        if (it != programme.speakers.end()) kinds.insert(std::string(to_string(it->kind)));
      }
      if (kinds.empty()) return {"none"};
      return {kinds.begin(), kinds.end()};
    }
  }
  return {};
}

}  // namespace

std::string_view to_string(EvaluationTiming v) noexcept {
  return detail::name_of(timing_names, v);
}
std::string_view to_string(Respondent v) noexcept {
  return detail::name_of(respondent_names, v);
}
std::string_view to_string(QuestionKind v) noexcept {
  return detail::name_of(question_kind_names, v);
}
std::string_view to_string(EvaluationGrouping v) noexcept {
  return detail::name_of(grouping_names, v);
}
EvaluationTiming evaluation_timing_from_string(std::string_view s) {
  return detail::parse_name<EvaluationTiming>(timing_names, s, "evaluation timing");
}
std::optional<EvaluationTiming> try_evaluation_timing_from_string(std::string_view s) noexcept {
  return find_name<EvaluationTiming>(timing_names, s);
}
Respondent respondent_from_string(std::string_view s) {
  return detail::parse_name<Respondent>(respondent_names, s, "respondent");
}
std::optional<Respondent> try_respondent_from_string(std::string_view s) noexcept {
  return find_name<Respondent>(respondent_names, s);
}
QuestionKind question_kind_from_string(std::string_view s) {
  return detail::parse_name<QuestionKind>(question_kind_names, s, "question kind");
}
std::optional<QuestionKind> try_question_kind_from_string(std::string_view s) noexcept {
  return find_name<QuestionKind>(question_kind_names, s);
}
EvaluationGrouping evaluation_grouping_from_string(std::string_view s) {
  return detail::parse_name<EvaluationGrouping>(grouping_names, s, "evaluation grouping");
}
std::optional<EvaluationGrouping> try_evaluation_grouping_from_string(std::string_view s) noexcept {
  return find_name<EvaluationGrouping>(grouping_names, s);
}

Date EvaluationRecord::cold_due(Date session_date) const {
  return session_date + std::int64_t{7} * cold_delay_weeks;
}

const Question& EvaluationRecord::question(std::string_view key) const {
  auto it = std::find_if(questions.begin(), questions.end(),
                         [key](const Question& q) { return q.id == key; });
  if (it == questions.end()) throw NotFound(std::string(key), "no question " + excerpt(key));
  return *it;
}

namespace detail {
std::vector<bool> valid_responses(const Programme& programme, const std::vector<Session>& sessions,
                                  const EvaluationRecord& record) {
  auto bad = check(programme, sessions, record).bad;
  std::vector<bool> ok(bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) ok[i] = !bad[i];
  return ok;
}
}  // namespace detail

std::vector<RecordIssue> check_evaluations(const Programme& programme,
                                           const std::vector<Session>& sessions,
                                           const EvaluationRecord& record) {
  return check(programme, sessions, record).issues;
}

std::vector<EvaluationAggregate> aggregate_evaluations(const Programme& programme,
                                                       const std::vector<Session>& sessions,
                                                       const EvaluationRecord& record,
                                                       EvaluationGrouping grouping,
                                                       const AttendanceRecord* attendance) {
  const auto checked = check(programme, sessions, record);
  // Expected respondents per session.
  std::map<std::string, int, std::less<>> expected;
  if (attendance != nullptr) {
    const auto a =
        detail::analyse_attendance(programme, sessions, *attendance, std::nullopt, false);
    std::map<std::string, std::set<std::string>, std::less<>> came;
    for (const auto& [key, c] : a.entries) {
      if (attended(c.entry->presence) && c.hours > 0.0)
        came[std::get<0>(key)].insert(std::get<2>(key));
    }
    for (const auto& s : sessions) expected[s.id] = static_cast<int>(came[s.id].size());
  } else {
    for (const auto& s : sessions) expected[s.id] = programme.audience_size(s.audience);
  }
  // Groups: key -> sessions.
  std::map<std::string, std::vector<const Session*>> groups;
  std::map<std::string, std::vector<std::string>, std::less<>> keys_of;
  for (const auto& s : sessions) {
    auto keys = group_keys(programme, s, grouping);
    for (const auto& k : keys) groups[k].push_back(&s);
    keys_of[s.id] = std::move(keys);
  }
  struct Acc {
    int respondents = 0;
    std::map<std::string, std::array<int, 5>> dist;
  };
  std::map<std::pair<std::string, int>, Acc> acc;
  for (std::size_t i = 0; i < record.responses.size(); ++i) {
    const auto& r = record.responses[i];
    if (checked.bad[i] || r.respondent != Respondent::trainee) continue;
    auto k = keys_of.find(r.session);
    if (k == keys_of.end()) continue;
    for (const auto& key : k->second) {
      auto& a = acc[{key, static_cast<int>(r.timing)}];
      ++a.respondents;
      for (const auto& [qid, score] : r.scores) {
        auto& d = a.dist[qid];
        d[static_cast<std::size_t>(score - scale_min)] += 1;
      }
    }
  }
  std::vector<EvaluationAggregate> out;
  for (const auto& [key, members] : groups) {
    int exp = 0;
    for (const Session* s : members) exp += expected[s->id];
    for (EvaluationTiming t : {EvaluationTiming::hot, EvaluationTiming::cold}) {
      auto it = acc.find({key, static_cast<int>(t)});
      if (it == acc.end()) continue;
      for (const auto& q : record.questions) {
        if (q.kind != QuestionKind::scale || q.timing != t) continue;
        auto d = it->second.dist.find(q.id);
        if (d == it->second.dist.end()) continue;
        EvaluationAggregate row;
        row.grouping = grouping;
        row.key = key;
        row.timing = t;
        row.question = q.id;
        row.distribution = d->second;
        long sum = 0;
        for (std::size_t v = 0; v < 5; ++v) {
          row.count += d->second[v];
          sum += static_cast<long>(d->second[v]) * static_cast<long>(v + 1);
        }
        if (row.count == 0) continue;
        row.mean = static_cast<double>(sum) / row.count;
        row.respondents = it->second.respondents;
        row.expected = exp;
        row.response_rate = exp > 0 ? static_cast<double>(row.respondents) / exp : 0.0;
        out.push_back(std::move(row));
      }
    }
  }
  return out;
}

// --- JSON -----------------------------------------------------------------------------------

void to_json(Json& j, const Question& v) {
  j = Json::object();
  j["id"] = v.id;
  j["text"] = v.text;
  j["kind"] = to_string(v.kind);
  j["timing"] = to_string(v.timing);
}

void from_json(const Json& j, Question& v) {
  v.id = json_field<std::string>(j, "id");
  v.text = json_field_or<std::string>(j, "text", "");
  v.kind = json_enum_field<QuestionKind>(j, "kind", question_kind_from_string);
  v.timing = json_enum_field<EvaluationTiming>(j, "timing", evaluation_timing_from_string);
}

void to_json(Json& j, const EvaluationResponse& v) {
  j = Json::object();
  j["id"] = v.id;
  j["session"] = v.session;
  j["member"] = v.member;
  j["respondent"] = to_string(v.respondent);
  j["timing"] = to_string(v.timing);
  j["date"] = v.date;
  Json scores = Json::object();
  for (const auto& [k, x] : v.scores) scores[k] = x;
  j["scores"] = std::move(scores);
  Json comments = Json::object();
  for (const auto& [k, x] : v.comments) comments[k] = x;
  j["comments"] = std::move(comments);
}

void from_json(const Json& j, EvaluationResponse& v) {
  v.id = json_field<std::string>(j, "id");
  v.session = json_field_or<std::string>(j, "session", "");
  v.member = json_field_or<std::string>(j, "member", "");
  v.respondent = j.contains("respondent")
                     ? json_enum_field<Respondent>(j, "respondent", respondent_from_string)
                     : Respondent::trainee;
  v.timing = json_enum_field<EvaluationTiming>(j, "timing", evaluation_timing_from_string);
  v.date = json_field<Date>(j, "date");
  v.scores.clear();
  v.comments.clear();
  if (j.contains("scores") && !j["scores"].is_null()) {
    const auto& s = j["scores"];
    if (!s.is_object()) throw ParseError(SourceLocation{{}, 0, 0, "scores"}, "expected an object");
    for (const auto& [k, x] : s.items()) {
      const int score = json_field<int>(s, k);
      if (!x.is_number_integer() || score < scale_min || score > scale_max) {
        throw ParseError(SourceLocation{{}, 0, 0, "scores." + k},
                         "expected an integer from 1 to 5");
      }
      v.scores[k] = score;
    }
  }
  if (j.contains("comments") && !j["comments"].is_null()) {
    const auto& c = j["comments"];
    if (!c.is_object())
      throw ParseError(SourceLocation{{}, 0, 0, "comments"}, "expected an object");
    for (const auto& [k, x] : c.items()) {
      (void)x;
      v.comments[k] = json_field<std::string>(c, k);
    }
  }
}

void to_json(Json& j, const EvaluationRecord& v) {
  j = Json::object();
  j["programme"] = v.programme;
  j["cold_delay_weeks"] = v.cold_delay_weeks;
  j["hot_window_days"] = v.hot_window_days;
  j["questions"] = v.questions;
  j["responses"] = v.responses;
}

void from_json(const Json& j, EvaluationRecord& v) {
  EvaluationRecord r;
  r.programme = json_field_or<std::string>(j, "programme", "");
  r.cold_delay_weeks = json_field_or<int>(j, "cold_delay_weeks", 6);
  if (r.cold_delay_weeks < 0 || r.cold_delay_weeks > 104) {
    throw ParseError(SourceLocation{{}, 0, 0, "cold_delay_weeks"}, "must be in 0-104");
  }
  r.hot_window_days = json_field_or<int>(j, "hot_window_days", 0);
  if (r.hot_window_days < 0 || r.hot_window_days > 366) {
    throw ParseError(SourceLocation{{}, 0, 0, "hot_window_days"}, "must be in 0-366");
  }
  r.questions = json_array_field<Question>(j, "questions");
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    if (!ids.insert(r.questions[i].id).second) {
      throw ParseError(SourceLocation{{}, 0, 0, "questions[" + std::to_string(i) + "].id"},
                       "duplicate question id " + excerpt(r.questions[i].id));
    }
  }
  r.responses = json_array_field<EvaluationResponse>(j, "responses");
  v = std::move(r);
}

void to_json(Json& j, const EvaluationAggregate& v) {
  j = Json::object();
  j["grouping"] = to_string(v.grouping);
  j["key"] = v.key;
  j["timing"] = to_string(v.timing);
  j["question"] = v.question;
  j["count"] = v.count;
  j["mean"] = v.mean;
  j["distribution"] = v.distribution;
  j["respondents"] = v.respondents;
  j["expected"] = v.expected;
  j["response_rate"] = v.response_rate;
}

void from_json(const Json& j, EvaluationAggregate& v) {
  v.grouping = json_enum_field<EvaluationGrouping>(j, "grouping", evaluation_grouping_from_string);
  v.key = json_field<std::string>(j, "key");
  v.timing = json_enum_field<EvaluationTiming>(j, "timing", evaluation_timing_from_string);
  v.question = json_field<std::string>(j, "question");
  v.count = json_field<int>(j, "count");
  v.mean = json_field<double>(j, "mean");
  v.distribution = json_field<std::array<int, 5>>(j, "distribution");
  v.respondents = json_field<int>(j, "respondents");
  v.expected = json_field<int>(j, "expected");
  v.response_rate = json_field<double>(j, "response_rate");
}

}  // namespace vaekit
