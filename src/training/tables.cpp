// The training area's tables: plan, priorities, attendance, evaluations as vaekit::Table.
#include "vaekit/training/tables.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "vaekit/core/error.hpp"

namespace vaekit {

namespace {

/// A category column whose dictionary lists every value of the enum E (0..N-1) in order.
template <class E, std::size_t N>
Column& enum_column(Table& t, std::string name) {
  Column& c = t.add_column(std::move(name), ColumnType::category);
  for (std::size_t i = 0; i < N; ++i) c.add_category(to_string(static_cast<E>(i)));
  return c;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

/// The totals' columns, appended after a level's keys.
struct TotalsColumns {
  explicit TotalsColumns(Table& t)
      : planned(&t.add_column("planned", ColumnType::float64)),
        attended(&t.add_column("attended", ColumnType::float64)),
        remote(&t.add_column("remote", ColumnType::float64)),
        unproven(&t.add_column("unproven", ColumnType::float64)),
        excused(&t.add_column("excused", ColumnType::float64)),
        absent(&t.add_column("absent", ColumnType::float64)),
        unrecorded(&t.add_column("unrecorded", ColumnType::float64)),
        rate(&t.add_column("rate", ColumnType::float64)) {}
  Column *planned, *attended, *remote, *unproven, *excused, *absent, *unrecorded, *rate;
  void push(const AttendanceTotals& x) const {
    planned->push_double(x.planned);
    attended->push_double(x.attended);
    remote->push_double(x.remote);
    unproven->push_double(x.unproven);
    excused->push_double(x.excused);
    absent->push_double(x.absent);
    unrecorded->push_double(x.unrecorded);
    rate->push_double(x.rate());
  }
};

}  // namespace

Table plan_table(const Plan& plan) {
  const Programme& programme = plan.programme;
  std::map<std::string, std::string, std::less<>> titles;
  for (const TopicProposal& p : programme.proposals) titles.emplace(p.id, p.title);
  std::map<std::string, int, std::less<>> scores;
  for (const TopicPriority& p : programme.priorities(plan.constraints.rule)) {
    scores.emplace(p.topic, p.score);
  }
  Table t("plan");
  t.columns().reserve(13);  // the references below stay valid
  auto& session = t.add_column("session", ColumnType::string);
  auto& date = t.add_column("date", ColumnType::date);
  auto& weekday = t.add_column("weekday", ColumnType::category);
  for (int d = 1; d <= 7; ++d) weekday.add_category(to_string(static_cast<Weekday>(d)));
  auto& topic = t.add_column("topic", ColumnType::string);
  auto& title = t.add_column("title", ColumnType::string);
  auto& audience = enum_column<Audience, 3>(t, "audience");
  auto& format = enum_column<SessionFormat, 5>(t, "format");
  auto& speakers = t.add_column("speakers", ColumnType::string);
  auto& kinds = t.add_column("speaker_kinds", ColumnType::string);
  auto& venue = t.add_column("venue", ColumnType::string);
  auto& phone = t.add_column("phone_bridge", ColumnType::boolean);
  auto& half_days = t.add_column("half_days", ColumnType::int64);
  auto& priority = t.add_column("priority", ColumnType::int64);
  for (const Session& s : plan.sessions) {
    session.push_string(s.id);
    date.push_date(s.date);
    weekday.push_string(to_string(s.date.weekday()));
    topic.push_string(join(s.topics, ", "));
    std::vector<std::string> topic_titles, speaker_kinds;
    std::int64_t score = 0;
    for (const std::string& id : s.topics) {
      const auto it = titles.find(id);
      topic_titles.push_back(it == titles.end() ? std::string() : it->second);
      const auto sc = scores.find(id);
      if (sc != scores.end()) score += sc->second;
    }
    for (const std::string& id : s.speakers) {
      const auto sp = std::find_if(programme.speakers.begin(), programme.speakers.end(),
                                   [&](const Speaker& x) { return x.id == id; });
      speaker_kinds.push_back(sp == programme.speakers.end() ? std::string()
                                                             : sp->kind_label(s.date));
    }
    title.push_string(join(topic_titles, " / "));
    audience.push_string(to_string(s.audience));
    format.push_string(to_string(s.format));
    speakers.push_string(join(s.speakers, ", "));
    kinds.push_string(join(speaker_kinds, ", "));
    venue.push_string(s.venue.empty() ? std::nullopt : std::optional<std::string_view>(s.venue));
    phone.push_bool(s.phone_bridge);
    half_days.push_int(s.half_days);
    priority.push_int(score);
  }
  return t;
}

Table priorities_table(const Programme& programme, AggregationRule rule) {
  std::map<std::string, std::string, std::less<>> titles;
  for (const TopicProposal& p : programme.proposals) titles.emplace(p.id, p.title);
  std::vector<TopicPriority> rows = programme.priorities(rule);
  std::stable_sort(rows.begin(), rows.end(), [](const TopicPriority& a, const TopicPriority& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.topic < b.topic;
  });
  Table t("priorities");
  t.columns().reserve(5);
  auto& topic = t.add_column("topic", ColumnType::string);
  auto& title = t.add_column("title", ColumnType::string);
  auto& score = t.add_column("score", ColumnType::int64);
  auto& rank = t.add_column("rank", ColumnType::int64);
  auto& ballots = t.add_column("ballots", ColumnType::int64);
  for (const TopicPriority& p : rows) {
    topic.push_string(p.topic);
    const auto it = titles.find(p.topic);
    title.push_string(it == titles.end() ? std::string_view() : std::string_view(it->second));
    score.push_int(p.score);
    rank.push_int(p.rank);
    ballots.push_int(p.ballots);
  }
  return t;
}

Table attendance_table(const AttendanceRecord& record) {
  Table t("attendance");
  t.columns().reserve(8);
  auto& session = t.add_column("session", ColumnType::string);
  auto& date = t.add_column("date", ColumnType::date);
  auto& half_day = enum_column<HalfDay, 2>(t, "half_day");
  auto& member = t.add_column("member", ColumnType::string);
  auto& presence = enum_column<Presence, 4>(t, "presence");
  auto& evidence = enum_column<EvidenceKind, 4>(t, "evidence");
  auto& evidence_ref = t.add_column("evidence_ref", ColumnType::string);
  auto& hours = t.add_column("hours", ColumnType::float64);
  for (const AttendanceEntry& e : record.entries) {
    session.push_string(e.session);
    date.push_date(e.date);
    half_day.push_string(to_string(e.half_day));
    member.push_string(e.member);
    presence.push_string(to_string(e.presence));
    evidence.push_string(to_string(e.evidence));
    evidence_ref.push_string(e.evidence_ref);
    hours.push_double(record.hours_of(e));
  }
  return t;
}

Table attendance_report_table(const AttendanceReport& report, std::string_view level) {
  Table t("attendance_" + std::string(level));
  t.columns().reserve(13);
  if (level == "person") {
    auto& member = t.add_column("member", ColumnType::string);
    auto& role = enum_column<StaffRole, 2>(t, "role");
    auto& planned = t.add_column("sessions_planned", ColumnType::int64);
    auto& attended = t.add_column("sessions_attended", ColumnType::int64);
    const TotalsColumns totals(t);
    for (const PersonAttendance& p : report.persons) {
      member.push_string(p.member);
      role.push_string(to_string(p.role));
      planned.push_int(p.sessions_planned);
      attended.push_int(p.sessions_attended);
      totals.push(p.totals);
    }
  } else if (level == "session") {
    auto& session = t.add_column("session", ColumnType::string);
    auto& date = t.add_column("date", ColumnType::date);
    auto& audience = enum_column<Audience, 3>(t, "audience");
    auto& expected = t.add_column("expected", ColumnType::int64);
    auto& attendees = t.add_column("attendees", ColumnType::int64);
    const TotalsColumns totals(t);
    for (const SessionAttendance& s : report.sessions) {
      session.push_string(s.session);
      date.push_date(s.date);
      audience.push_string(to_string(s.audience));
      expected.push_int(s.expected);
      attendees.push_int(s.attendees);
      totals.push(s.totals);
    }
  } else if (level == "audience") {
    auto& audience = enum_column<Audience, 3>(t, "audience");
    auto& members = t.add_column("members", ColumnType::int64);
    const TotalsColumns totals(t);
    for (const AudienceAttendance& a : report.audiences) {
      audience.push_string(to_string(a.audience));
      members.push_int(a.members);
      totals.push(a.totals);
    }
  } else {
    throw InvalidArgument("level must be 'person', 'session' or 'audience', not " + excerpt(level));
  }
  return t;
}

Table evaluations_table(const EvaluationRecord& record, bool comments) {
  Table t(comments ? "evaluation_comments" : "evaluation_scores");
  t.columns().reserve(8);
  auto& response = t.add_column("response", ColumnType::string);
  auto& session = t.add_column("session", ColumnType::string);
  auto& member = t.add_column("member", ColumnType::string);
  auto& respondent = enum_column<Respondent, 3>(t, "respondent");
  auto& timing = enum_column<EvaluationTiming, 2>(t, "timing");
  auto& date = t.add_column("date", ColumnType::date);
  auto& question = t.add_column("question", ColumnType::string);
  auto& value =
      t.add_column(comments ? "text" : "score", comments ? ColumnType::string : ColumnType::int64);
  const auto row = [&](const EvaluationResponse& r, const std::string& q) {
    response.push_string(r.id);
    session.push_string(r.session);
    member.push_string(r.member);
    respondent.push_string(to_string(r.respondent));
    timing.push_string(to_string(r.timing));
    date.push_date(r.date);
    question.push_string(q);
  };
  for (const EvaluationResponse& r : record.responses) {
    if (comments) {
      for (const auto& [q, text] : r.comments) {
        row(r, q);
        value.push_string(text);
      }
    } else {
      for (const auto& [q, score] : r.scores) {
        row(r, q);
        value.push_int(score);
      }
    }
  }
  return t;
}

Table aggregates_table(const std::vector<EvaluationAggregate>& aggregates) {
  Table t("aggregates");
  t.columns().reserve(14);
  auto& grouping = enum_column<EvaluationGrouping, 4>(t, "grouping");
  auto& key = t.add_column("key", ColumnType::string);
  auto& timing = enum_column<EvaluationTiming, 2>(t, "timing");
  auto& question = t.add_column("question", ColumnType::string);
  auto& count = t.add_column("count", ColumnType::int64);
  auto& mean = t.add_column("mean", ColumnType::float64);
  std::array<Column*, 5> n{};
  for (std::size_t i = 0; i < 5; ++i) {
    n[i] = &t.add_column("n" + std::to_string(i + 1), ColumnType::int64);
  }
  auto& respondents = t.add_column("respondents", ColumnType::int64);
  auto& expected = t.add_column("expected", ColumnType::int64);
  auto& rate = t.add_column("response_rate", ColumnType::float64);
  for (const EvaluationAggregate& a : aggregates) {
    grouping.push_string(to_string(a.grouping));
    key.push_string(a.key);
    timing.push_string(to_string(a.timing));
    question.push_string(a.question);
    count.push_int(a.count);
    mean.push_double(a.mean);
    for (std::size_t i = 0; i < 5; ++i) n[i]->push_int(a.distribution[i]);
    respondents.push_int(a.respondents);
    expected.push_int(a.expected);
    rate.push_double(a.response_rate);
  }
  return t;
}

// The hours per member as the table "training_hours": member, hours, days.
Table training_hours_table(const std::vector<MemberHours>& rows) {
  Table t("training_hours");
  t.add_column("member", ColumnType::string);
  t.add_column("hours", ColumnType::float64);
  t.add_column("days", ColumnType::int64);
  for (const MemberHours& h : rows) {
    auto& c = t.columns();
    c[0].push_string(h.member);
    c[1].push_double(h.hours);
    c[2].push_int(h.days);
  }
  return t;
}

// The indicators as the table "training_indicators": indicator, value (null: undefined), unit.
Table training_indicators_table(const std::vector<Indicator>& rows) {
  Table t("training_indicators");
  t.add_column("indicator", ColumnType::string);
  t.add_column("value", ColumnType::float64);
  t.add_column("unit", ColumnType::string);
  for (const Indicator& i : rows) {
    auto& c = t.columns();
    c[0].push_string(i.name);
    c[1].push_double(i.value);
    c[2].push_string(i.unit);
  }
  return t;
}

}  // namespace vaekit
