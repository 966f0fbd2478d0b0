// Attendance per participant and half-day: checks, rates, completion certificates, JSON.
#include "vaekit/training/attendance.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "attendance_detail.hpp"
#include "records_util.hpp"

namespace vaekit {
namespace {

constexpr std::array<std::string_view, 2> half_day_names{"morning", "afternoon"};
constexpr std::array<std::string_view, 4> presence_names{"present", "remote", "absent", "excused"};
constexpr std::array<std::string_view, 4> evidence_names{"none", "signed_sheet", "call_log",
                                                         "connection_log"};
constexpr std::array<std::string_view, 2> severity_names{"error", "warning"};

RecordIssue issue(std::string code, Severity severity, const AttendanceEntry& e,
                  std::string message) {
  return RecordIssue{std::move(code), severity, e.session, e.member, e.date, std::move(message)};
}

std::string where(const AttendanceEntry& e) {
  return "session " + excerpt(e.session) + ", " + e.date.to_string() + " " +
         std::string(to_string(e.half_day)) + ", member " + excerpt(e.member);
}

void add(AttendanceTotals& t, const AttendanceTotals& x) {
  t.planned += x.planned;
  t.attended += x.attended;
  t.remote += x.remote;
  t.unproven += x.unproven;
  t.excused += x.excused;
  t.absent += x.absent;
  t.unrecorded += x.unrecorded;
}

}  // namespace

std::string_view to_string(HalfDay v) noexcept {
  return detail::name_of(half_day_names, v);
}
std::string_view to_string(Presence v) noexcept {
  return detail::name_of(presence_names, v);
}
std::string_view to_string(EvidenceKind v) noexcept {
  return detail::name_of(evidence_names, v);
}
std::string_view to_string(Severity v) noexcept {
  return detail::name_of(severity_names, v);
}
HalfDay half_day_from_string(std::string_view s) {
  return detail::parse_name<HalfDay>(half_day_names, s, "half-day");
}
std::optional<HalfDay> try_half_day_from_string(std::string_view s) noexcept {
  return find_name<HalfDay>(half_day_names, s);
}
Presence presence_from_string(std::string_view s) {
  return detail::parse_name<Presence>(presence_names, s, "presence");
}
std::optional<Presence> try_presence_from_string(std::string_view s) noexcept {
  return find_name<Presence>(presence_names, s);
}
EvidenceKind evidence_kind_from_string(std::string_view s) {
  return detail::parse_name<EvidenceKind>(evidence_names, s, "evidence kind");
}
std::optional<EvidenceKind> try_evidence_kind_from_string(std::string_view s) noexcept {
  return find_name<EvidenceKind>(evidence_names, s);
}
Severity severity_from_string(std::string_view s) {
  return detail::parse_name<Severity>(severity_names, s, "severity");
}
std::optional<Severity> try_severity_from_string(std::string_view s) noexcept {
  return find_name<Severity>(severity_names, s);
}

bool evidence_suffices(Presence presence, EvidenceKind evidence) noexcept {
  switch (presence) {
    case Presence::present: return evidence == EvidenceKind::signed_sheet;
    case Presence::remote:
      return evidence == EvidenceKind::call_log || evidence == EvidenceKind::connection_log;
    case Presence::absent:
    case Presence::excused: return true;
  }
  return false;
}

double AttendanceRecord::hours_of(const AttendanceEntry& e) const noexcept {
  if (!attended(e.presence)) return 0.0;
  const double h = e.hours ? *e.hours : hours_per_half_day;
  return std::clamp(h, 0.0, hours_per_half_day);
}

namespace detail {

std::vector<HalfDay> AttendanceAnalysis::halves(const Session& s) const {
  if (s.half_days >= 2) return {HalfDay::morning, HalfDay::afternoon};
  auto it = single_half.find(s.id);
  return {it != single_half.end() ? it->second : HalfDay::morning};
}

const CountedEntry* AttendanceAnalysis::find(const std::string& session, HalfDay half,
                                             const std::string& member) const {
  auto it = entries.find(EntryKey{session, static_cast<int>(half), member});
  return it == entries.end() ? nullptr : &it->second;
}

AttendanceAnalysis analyse_attendance(const Programme& programme,
                                      const std::vector<Session>& sessions,
                                      const AttendanceRecord& record, std::optional<Date> as_of,
                                      bool missing_warnings) {
  if (!(record.hours_per_half_day > 0.0)) {
    throw InvalidArgument("hours_per_half_day must be positive");
  }
  AttendanceAnalysis a;
  std::map<std::string, const Session*, std::less<>> by_id;
  for (const auto& s : sessions) by_id.emplace(s.id, &s);
  std::map<std::string, const Member*, std::less<>> members;
  for (const auto& m : programme.members) members.emplace(m.id, &m);
  for (const auto& s : sessions) {
    if (!as_of || s.date <= *as_of) a.counted.push_back(&s);
  }
  std::stable_sort(a.counted.begin(), a.counted.end(),
                   [](const Session* x, const Session* y) { return x->date < y->date; });
  const double hpd = record.hours_per_half_day;

  for (const auto& e : record.entries) {
    auto sit = by_id.find(e.session);
    if (sit == by_id.end()) {
      a.issues.push_back(issue("unknown_session", Severity::error, e,
                               where(e) + ": no planned session has this id"));
      continue;
    }
    const Session& s = *sit->second;
    if (e.date != s.date) {
      a.issues.push_back(issue("not_a_session_date", Severity::error, e,
                               where(e) + ": the session is planned on " + s.date.to_string() +
                                   ", not on " + e.date.to_string()));
      continue;
    }
    auto mit = members.find(e.member);
    if (mit == members.end()) {
      a.issues.push_back(issue("unknown_member", Severity::error, e,
                               where(e) + ": not a member of the programme"));
      continue;
    }
    if (s.half_days < 2) {
      auto [hit, fresh] = a.single_half.emplace(s.id, e.half_day);
      if (!fresh && hit->second != e.half_day) {
        a.issues.push_back(issue("half_day_not_planned", Severity::error, e,
                                 where(e) + ": the session lasts one half-day, the " +
                                     std::string(to_string(hit->second))));
        continue;
      }
    }
    EntryKey key{e.session, static_cast<int>(e.half_day), e.member};
    if (a.entries.count(key)) {
      a.issues.push_back(issue("duplicate_entry", Severity::error, e,
                               where(e) + ": a second entry for the same half-day"));
      continue;
    }
    const bool in_audience = includes(s.audience, mit->second->role);
    if (!in_audience) {
      a.issues.push_back(issue("not_in_audience", Severity::warning, e,
                               where(e) + ": the session is for the " +
                                   std::string(to_string(s.audience)) + "; not counted"));
    }
    if (e.hours &&
        (*e.hours < 0.0 || *e.hours > hpd || (!attended(e.presence) && *e.hours > 0.0))) {
      a.issues.push_back(issue("hours_out_of_range", Severity::error, e,
                               where(e) + ": " + detail::french_number(*e.hours) +
                                   " h for a half-day of " + detail::french_number(hpd) + " h" +
                                   (attended(e.presence) ? "" : " on an absence")));
    }
    bool unproven = false;
    if (e.presence == Presence::present && e.evidence != EvidenceKind::signed_sheet) {
      a.issues.push_back(issue("presence_without_signature", Severity::error, e,
                               where(e) +
                                   ": an in-person presence needs a signed sheet (R6332-26), "
                                   "not " +
                                   std::string(to_string(e.evidence))));
      unproven = true;
    }
    if (e.presence == Presence::remote && !evidence_suffices(e.presence, e.evidence)) {
      a.issues.push_back(issue("remote_without_log", Severity::error, e,
                               where(e) +
                                   ": a remote presence needs a call or connection log "
                                   "(R6313-3), not " +
                                   std::string(to_string(e.evidence))));
      unproven = true;
    }
    if (e.presence == Presence::present && s.phone_bridge) {
      a.issues.push_back(issue("in_person_on_phone_meeting", Severity::error, e,
                               where(e) + ": the session is held over a phone bridge"));
      unproven = true;
    }
    const bool counted_session = !as_of || s.date <= *as_of;
    if (in_audience && counted_session) {
      a.entries.emplace(std::move(key), CountedEntry{&e, record.hours_of(e), unproven});
    }
  }

  if (missing_warnings) {
    for (const Session* s : a.counted) {
      const auto hs = a.halves(*s);
      for (const auto& m : programme.members) {
        if (!includes(s->audience, m.role)) continue;
        std::string missing;
        for (HalfDay h : hs) {
          if (!a.find(s->id, h, m.id))
            missing += (missing.empty() ? "" : ", ") + std::string(to_string(h));
        }
        if (!missing.empty()) {
          a.issues.push_back(RecordIssue{"missing_entry", Severity::warning, s->id, m.id, s->date,
                                         "session " + excerpt(s->id) + ", " + s->date.to_string() +
                                             ", member " + excerpt(m.id) + ": no entry for the " +
                                             missing});
        }
      }
    }
  }
  return a;
}

}  // namespace detail

std::vector<RecordIssue> check_attendance(const Programme& programme,
                                          const std::vector<Session>& sessions,
                                          const AttendanceRecord& record,
                                          std::optional<Date> as_of) {
  return detail::analyse_attendance(programme, sessions, record, as_of, true).issues;
}

AttendanceReport attendance_report(const Programme& programme, const std::vector<Session>& sessions,
                                   const AttendanceRecord& record, std::optional<Date> as_of) {
  auto a = detail::analyse_attendance(programme, sessions, record, as_of, true);
  const double hpd = record.hours_per_half_day;
  AttendanceReport r;
  r.persons.reserve(programme.members.size());
  std::map<std::string, std::size_t, std::less<>> person_index;
  for (const auto& m : programme.members) {
    person_index.emplace(m.id, r.persons.size());
    r.persons.push_back(PersonAttendance{m.id, m.role, 0, 0, {}});
  }
  for (const Session* s : a.counted) {
    SessionAttendance row{s->id, s->date, s->audience, 0, 0, {}};
    const auto hs = a.halves(*s);
    for (const auto& m : programme.members) {
      if (!includes(s->audience, m.role)) continue;
      ++row.expected;
      AttendanceTotals t;
      bool came = false;
      for (HalfDay h : hs) {
        t.planned += hpd;
        const auto* c = a.find(s->id, h, m.id);
        if (!c) {
          t.unrecorded += hpd;
          continue;
        }
        switch (c->entry->presence) {
          case Presence::present:
          case Presence::remote:
            t.attended += c->hours;
            if (c->entry->presence == Presence::remote) t.remote += c->hours;
            if (c->unproven) t.unproven += c->hours;
            t.absent += hpd - c->hours;
            came = came || c->hours > 0.0;
            break;
          case Presence::excused: t.excused += hpd; break;
          case Presence::absent: t.absent += hpd; break;
        }
      }
      if (came) ++row.attendees;
      auto& p = r.persons[person_index.at(m.id)];
      ++p.sessions_planned;
      if (came) ++p.sessions_attended;
      add(p.totals, t);
      add(row.totals, t);
    }
    r.sessions.push_back(std::move(row));
  }
  for (Audience g : {Audience::counsellors, Audience::assistants, Audience::both}) {
    AudienceAttendance row{g, 0, {}};
    for (const auto& p : r.persons) {
      if (!includes(g, p.role)) continue;
      ++row.members;
      add(row.totals, p.totals);
    }
    r.audiences.push_back(row);
  }
  r.issues = std::move(a.issues);
  return r;
}

std::vector<CompletionCertificate> completion_certificates(const Programme& programme,
                                                           const std::vector<Session>& sessions,
                                                           const AttendanceRecord& record,
                                                           const CertificateOptions& options,
                                                           std::optional<Date> as_of) {
  auto a = detail::analyse_attendance(programme, sessions, record, as_of, false);
  const double hpd = record.hours_per_half_day;
  std::vector<CompletionCertificate> out;
  for (const auto& m : programme.members) {
    CompletionCertificate c;
    c.organisation = options.organisation;
    c.trainee = m.id;
    c.trainee_name = m.name;
    c.action_id = programme.id;
    c.action = options.action.empty() ? programme.title : options.action;
    c.nature = options.nature;
    c.issued = options.issued;
    for (const Session* s : a.counted) {
      if (!includes(s->audience, m.role)) continue;
      bool day = false;
      for (HalfDay h : a.halves(*s)) {
        c.planned_hours += hpd;
        const auto* e = a.find(s->id, h, m.id);
        if (!e || e->unproven || !attended(e->entry->presence) || e->hours <= 0.0) continue;
        c.hours += e->hours;
        if (e->entry->presence == Presence::remote) c.remote_hours += e->hours;
        day = true;
      }
      if (day && (c.days.empty() || c.days.back() != s->date)) c.days.push_back(s->date);
    }
    if (c.hours <= 0.0) continue;
    std::sort(c.days.begin(), c.days.end());
    c.days.erase(std::unique(c.days.begin(), c.days.end()), c.days.end());
    c.dates = DateRange(c.days.front(), c.days.back());
    out.push_back(std::move(c));
  }
  return out;
}

// --- JSON -----------------------------------------------------------------------------------

void to_json(Json& j, const AttendanceEntry& v) {
  j = Json::object();
  j["session"] = v.session;
  j["date"] = v.date;
  j["half_day"] = to_string(v.half_day);
  j["member"] = v.member;
  j["presence"] = to_string(v.presence);
  j["evidence"] = to_string(v.evidence);
  j["evidence_ref"] = v.evidence_ref;
  j["hours"] = v.hours ? Json(*v.hours) : Json(nullptr);
}

void from_json(const Json& j, AttendanceEntry& v) {
  v.session = json_field<std::string>(j, "session");
  v.date = json_field<Date>(j, "date");
  v.half_day = json_enum_field<HalfDay>(j, "half_day", half_day_from_string);
  v.member = json_field<std::string>(j, "member");
  v.presence = json_enum_field<Presence>(j, "presence", presence_from_string);
  v.evidence = j.contains("evidence")
                   ? json_enum_field<EvidenceKind>(j, "evidence", evidence_kind_from_string)
                   : EvidenceKind::none;
  v.evidence_ref = json_field_or<std::string>(j, "evidence_ref", "");
  v.hours.reset();
  if (j.contains("hours") && !j["hours"].is_null()) v.hours = json_field<double>(j, "hours");
}

void to_json(Json& j, const AttendanceRecord& v) {
  j = Json::object();
  j["programme"] = v.programme;
  j["hours_per_half_day"] = v.hours_per_half_day;
  j["entries"] = v.entries;
}

void from_json(const Json& j, AttendanceRecord& v) {
  AttendanceRecord r;
  r.programme = json_field_or<std::string>(j, "programme", "");
  r.hours_per_half_day = json_field_or<double>(j, "hours_per_half_day", 3.5);
  if (!(r.hours_per_half_day > 0.0 && r.hours_per_half_day <= 12.0)) {
    throw ParseError(SourceLocation{{}, 0, 0, "hours_per_half_day"}, "must be in (0, 12]");
  }
  r.entries = json_array_field<AttendanceEntry>(j, "entries");
  v = std::move(r);
}

void to_json(Json& j, const RecordIssue& v) {
  j = Json::object();
  j["code"] = v.code;
  j["severity"] = to_string(v.severity);
  j["session"] = v.session;
  j["member"] = v.member;
  j["date"] = detail::optional_date_json(v.date);
  j["message"] = v.message;
}

void from_json(const Json& j, RecordIssue& v) {
  v.code = json_field<std::string>(j, "code");
  v.severity = json_enum_field<Severity>(j, "severity", severity_from_string);
  v.session = json_field_or<std::string>(j, "session", "");
  v.member = json_field_or<std::string>(j, "member", "");
  v.date = detail::optional_date_field(j, "date");
  v.message = json_field_or<std::string>(j, "message", "");
}

void to_json(Json& j, const AttendanceTotals& v) {
  j = Json::object();
  j["planned"] = v.planned;
  j["attended"] = v.attended;
  j["remote"] = v.remote;
  j["unproven"] = v.unproven;
  j["excused"] = v.excused;
  j["absent"] = v.absent;
  j["unrecorded"] = v.unrecorded;
  j["rate"] = v.rate();
}

void from_json(const Json& j, AttendanceTotals& v) {
  v.planned = json_field<double>(j, "planned");
  v.attended = json_field<double>(j, "attended");
  v.remote = json_field_or<double>(j, "remote", 0.0);
  v.unproven = json_field_or<double>(j, "unproven", 0.0);
  v.excused = json_field_or<double>(j, "excused", 0.0);
  v.absent = json_field_or<double>(j, "absent", 0.0);
  v.unrecorded = json_field_or<double>(j, "unrecorded", 0.0);
}

void to_json(Json& j, const PersonAttendance& v) {
  j = Json::object();
  j["member"] = v.member;
  j["role"] = to_string(v.role);
  j["sessions_planned"] = v.sessions_planned;
  j["sessions_attended"] = v.sessions_attended;
  j["totals"] = v.totals;
}

void from_json(const Json& j, PersonAttendance& v) {
  v.member = json_field<std::string>(j, "member");
  v.role = json_enum_field<StaffRole>(j, "role", staff_role_from_string);
  v.sessions_planned = json_field<int>(j, "sessions_planned");
  v.sessions_attended = json_field<int>(j, "sessions_attended");
  v.totals = json_field<AttendanceTotals>(j, "totals");
}

void to_json(Json& j, const SessionAttendance& v) {
  j = Json::object();
  j["session"] = v.session;
  j["date"] = v.date;
  j["audience"] = to_string(v.audience);
  j["expected"] = v.expected;
  j["attendees"] = v.attendees;
  j["totals"] = v.totals;
}

void from_json(const Json& j, SessionAttendance& v) {
  v.session = json_field<std::string>(j, "session");
  v.date = json_field<Date>(j, "date");
  v.audience = json_enum_field<Audience>(j, "audience", audience_from_string);
  v.expected = json_field<int>(j, "expected");
  v.attendees = json_field<int>(j, "attendees");
  v.totals = json_field<AttendanceTotals>(j, "totals");
}

void to_json(Json& j, const AudienceAttendance& v) {
  j = Json::object();
  j["audience"] = to_string(v.audience);
  j["members"] = v.members;
  j["totals"] = v.totals;
}

void from_json(const Json& j, AudienceAttendance& v) {
  v.audience = json_enum_field<Audience>(j, "audience", audience_from_string);
  v.members = json_field<int>(j, "members");
  v.totals = json_field<AttendanceTotals>(j, "totals");
}

void to_json(Json& j, const AttendanceReport& v) {
  j = Json::object();
  j["persons"] = v.persons;
  j["sessions"] = v.sessions;
  j["audiences"] = v.audiences;
  j["issues"] = v.issues;
}

void from_json(const Json& j, AttendanceReport& v) {
  v.persons = json_array_field<PersonAttendance>(j, "persons");
  v.sessions = json_array_field<SessionAttendance>(j, "sessions");
  v.audiences = json_array_field<AudienceAttendance>(j, "audiences");
  v.issues = json_array_field<RecordIssue>(j, "issues");
}

void to_json(Json& j, const CompletionCertificate& v) {
  j = Json::object();
  j["organisation"] = v.organisation;
  j["trainee"] = v.trainee;
  j["trainee_name"] = v.trainee_name;
  j["action_id"] = v.action_id;
  j["action"] = v.action;
  j["nature"] = v.nature;
  j["dates"] = v.dates;
  j["days"] = v.days;
  j["hours"] = v.hours;
  j["remote_hours"] = v.remote_hours;
  j["planned_hours"] = v.planned_hours;
  j["issued"] = detail::optional_date_json(v.issued);
}

void from_json(const Json& j, CompletionCertificate& v) {
  v.organisation = json_field<std::string>(j, "organisation");
  v.trainee = json_field<std::string>(j, "trainee");
  v.trainee_name = json_field_or<std::string>(j, "trainee_name", "");
  v.action_id = json_field_or<std::string>(j, "action_id", "");
  v.action = json_field<std::string>(j, "action");
  v.nature = json_field<std::string>(j, "nature");
  v.dates = json_field<DateRange>(j, "dates");
  v.days = json_array_field<Date>(j, "days");
  v.hours = json_field<double>(j, "hours");
  v.remote_hours = json_field_or<double>(j, "remote_hours", 0.0);
  v.planned_hours = json_field_or<double>(j, "planned_hours", 0.0);
  v.issued = detail::optional_date_field(j, "issued");
}

}  // namespace vaekit
