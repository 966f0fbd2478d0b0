// Python bindings of the training records: attendance and certificates, evaluations, staff
// qualification and training records, the community, the Qualiopi evidence index.
// Called from bind_training (bindings/training.cpp).
#include <pybind11/operators.h>

#include <sstream>

#include "common.hpp"
#include "vaekit/training.hpp"
#ifdef VAEKIT_HAS_ANALYTICS
#include <memory>

#include "vaekit/analytics/table.hpp"
#endif

namespace vaekit::python {
namespace {

std::optional<Date> opt_date(const std::optional<DateLike>& d) {
  if (!d) return std::nullopt;
  return d->get();
}

/// The programme and sessions of @p source: a Plan (its programme and sessions) or a Programme
/// (its sessions); @p sessions, when given, replaces the sessions.
std::pair<Programme, std::vector<Session>> resolve(
    const py::object& source, const std::optional<std::vector<Session>>& sessions) {
  if (py::isinstance<Plan>(source)) {
    const auto& plan = source.cast<const Plan&>();
    return {plan.programme, sessions ? *sessions : plan.sessions};
  }
  if (py::isinstance<Programme>(source)) {
    const auto& p = source.cast<const Programme&>();
    return {p, sessions ? *sessions : p.sessions};
  }
  throw InvalidArgument("expected a vaekit.Plan or a vaekit.Programme");
}

#ifdef VAEKIT_HAS_ANALYTICS
/// The hours per member as the table "training_hours": member, hours, days.
std::shared_ptr<Table> hours_table(const std::vector<MemberHours>& rows) {
  auto t = std::make_shared<Table>("training_hours");
  t->add_column("member", ColumnType::string);
  t->add_column("hours", ColumnType::float64);
  t->add_column("days", ColumnType::int64);
  for (const MemberHours& h : rows) {
    auto& c = t->columns();
    c[0].push_string(h.member);
    c[1].push_double(h.hours);
    c[2].push_int(h.days);
  }
  return t;
}

/// The indicators as the table "training_indicators": indicator, value (null: undefined), unit.
std::shared_ptr<Table> indicator_table(const std::vector<Indicator>& rows) {
  auto t = std::make_shared<Table>("training_indicators");
  t->add_column("indicator", ColumnType::string);
  t->add_column("value", ColumnType::float64);
  t->add_column("unit", ColumnType::string);
  for (const Indicator& i : rows) {
    auto& c = t->columns();
    c[0].push_string(i.name);
    c[1].push_double(i.value);
    c[2].push_string(i.unit);
  }
  return t;
}
#endif

std::string fmt(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

std::string totals_repr(const AttendanceTotals& t) {
  return "planned=" + fmt(t.planned) + ", attended=" + fmt(t.attended) + ", rate=" + fmt(t.rate());
}

constexpr const char* source_doc =
    "``source`` is a vaekit.Plan (its programme and sessions) or a vaekit.Programme (its "
    "sessions); ``sessions`` replaces the sessions when given.";

}  // namespace

void bind_training_records(py::module_& m) {
  // --- enums ---------------------------------------------------------------------------------
  py::enum_<HalfDay>(m, "HalfDay", "The half of a day an attendance entry is for.")
      .value("MORNING", HalfDay::morning, "The morning (matin).")
      .value("AFTERNOON", HalfDay::afternoon, "The afternoon (après-midi).");
  py::enum_<Presence>(m, "Presence", "A participant's attendance on one half-day.")
      .value("PRESENT", Presence::present, "In person (needs a signed sheet, R6332-26).")
      .value("REMOTE", Presence::remote, "Remotely (needs a call or connection log, R6313-3).")
      .value("ABSENT", Presence::absent, "Absent without excuse.")
      .value("EXCUSED", Presence::excused, "Absent with an excuse.");
  py::enum_<EvidenceKind>(m, "EvidenceKind", "The kind of proof behind an attendance entry.")
      .value("NONE", EvidenceKind::none, "No proof recorded.")
      .value("SIGNED_SHEET", EvidenceKind::signed_sheet, "A signed sheet per half-day (R6332-26).")
      .value("CALL_LOG", EvidenceKind::call_log, "A phone bridge's call log (R6313-3).")
      .value("CONNECTION_LOG", EvidenceKind::connection_log,
             "A platform's connection log (R6313-3).");
  py::enum_<Severity>(m, "IssueSeverity", "How serious a record issue is.")
      .value("ERROR", Severity::error, "Wrong or unprovable: an auditor would reject it.")
      .value("WARNING", Severity::warning, "Worth a look.");
  py::enum_<EvaluationTiming>(m, "EvaluationTiming", "When a questionnaire is answered.")
      .value("HOT", EvaluationTiming::hot, "À chaud: at the end of the session.")
      .value("COLD", EvaluationTiming::cold, "À froid: weeks later (6 by default).");
  py::enum_<Respondent>(m, "Respondent", "Who answers a questionnaire.")
      .value("TRAINEE", Respondent::trainee, "A participant; the only ones aggregated.")
      .value("FUNDER", Respondent::funder, "The funder (Qualiopi indicator 30).")
      .value("SPEAKER", Respondent::speaker, "A speaker or trainer (Qualiopi indicator 30).");
  py::enum_<QuestionKind>(m, "QuestionKind", "The kind of answer a question takes.")
      .value("SCALE", QuestionKind::scale, "An integer from 1 (worst) to 5 (best).")
      .value("FREE_TEXT", QuestionKind::free_text, "Free text, never aggregated.");
  py::enum_<EvaluationGrouping>(m, "EvaluationGrouping", "How evaluation aggregates are grouped.")
      .value("SESSION", EvaluationGrouping::session, "Per session id.")
      .value("TOPIC", EvaluationGrouping::topic, "Per topic id.")
      .value("FORMAT", EvaluationGrouping::format, "Per session format.")
      .value("SPEAKER_KIND", EvaluationGrouping::speaker_kind,
             "Per kind of the session's speakers ('none' without speaker).");
  py::enum_<CommunityRole>(m, "CommunityRole", "A community member's role.")
      .value("COUNSELLOR", CommunityRole::counsellor, "A counsellor of an antenne.")
      .value("ASSISTANT", CommunityRole::assistant, "An assistant of an antenne.")
      .value("CERTIFIER", CommunityRole::certifier, "A certifier's representative.")
      .value("FUNDING_BODY", CommunityRole::funding_body, "A funding body's representative.")
      .value("ORGANISER", CommunityRole::organiser, "The organiser (Défi métiers).")
      .value("OTHER", CommunityRole::other, "Anyone else.");

  // --- attendance ----------------------------------------------------------------------------
  py::class_<AttendanceEntry> entry(m, "AttendanceEntry",
                                    "One participant's attendance on one half-day of a session.");
  entry
      .def(py::init([](std::string session, const DateLike& date, std::string member,
                       Presence presence, HalfDay half_day, EvidenceKind evidence,
                       std::string evidence_ref, std::optional<double> hours) {
             return AttendanceEntry{std::move(session),      date.get(), half_day,
                                    std::move(member),       presence,   evidence,
                                    std::move(evidence_ref), hours};
           }),
           py::arg("session"), py::arg("date"), py::arg("member"),
           py::arg("presence") = Presence::present, py::arg("half_day") = HalfDay::morning,
           py::arg("evidence") = EvidenceKind::none, py::arg("evidence_ref") = "",
           py::arg("hours") = py::none(),
           "An entry; hours=None means the whole half-day for a presence, 0 for an absence.")
      .def_readwrite("session", &AttendanceEntry::session, "The session id.")
      .def_readwrite("date", &AttendanceEntry::date, "The day the evidence is for.")
      .def_readwrite("half_day", &AttendanceEntry::half_day, "Morning or afternoon.")
      .def_readwrite("member", &AttendanceEntry::member, "The participant's member id.")
      .def_readwrite("presence", &AttendanceEntry::presence, "Present, remote, absent or excused.")
      .def_readwrite("evidence", &AttendanceEntry::evidence, "The kind of proof.")
      .def_readwrite("evidence_ref", &AttendanceEntry::evidence_ref, "A reference to the proof.")
      .def_readwrite("hours", &AttendanceEntry::hours, "Hours attended, or None (whole half-day).")
      .def(
          "__repr__",
          [](const AttendanceEntry& e) {
            return "vaekit.AttendanceEntry('" + e.session + "', " + e.date.to_string() + ", " +
                   std::string(to_string(e.half_day)) + ", '" + e.member + "', " +
                   std::string(to_string(e.presence)) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(entry);

  py::class_<AttendanceRecord> record(m, "AttendanceRecord", R"doc(
The attendance records of a programme: one entry per participant and half-day
(``Attendance.1`` documents). ``AttendanceRecord(programme="", hours_per_half_day=3.5, entries=[])``.
)doc");
  record
      .def(py::init([](std::string programme, double hpd, std::vector<AttendanceEntry> entries) {
             AttendanceRecord r;
             r.programme = std::move(programme);
             r.hours_per_half_day = hpd;
             r.entries = std::move(entries);
             return r;
           }),
           py::arg("programme") = "", py::arg("hours_per_half_day") = 3.5,
           py::arg("entries") = std::vector<AttendanceEntry>{}, "A record.")
      .def_readwrite("programme", &AttendanceRecord::programme, "The programme id.")
      .def_readwrite("hours_per_half_day", &AttendanceRecord::hours_per_half_day,
                     "Planned hours of a half-day (3.5).")
      .def_readwrite("entries", &AttendanceRecord::entries,
                     "The entries (a list copy; assign to change).")
      .def("hours_of", &AttendanceRecord::hours_of, py::arg("entry"),
           "The hours an entry attended (its hours, the whole half-day, or 0 for an absence).")
      .def(
          "__len__", [](const AttendanceRecord& r) { return r.entries.size(); },
          "Number of entries.")
      .def(
          "__repr__",
          [](const AttendanceRecord& r) {
            return "vaekit.AttendanceRecord('" + r.programme + "', " +
                   std::to_string(r.entries.size()) + " entries)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<AttendanceRecord>(record, "AttendanceRecord");
  def_json_pickle<AttendanceRecord>(record);

  py::class_<RecordIssue> issue(m, "RecordIssue",
                                "A problem found in attendance or evaluation records.");
  issue.def_readonly("code", &RecordIssue::code, "What is wrong, e.g. 'remote_without_log'.")
      .def_readonly("severity", &RecordIssue::severity, "vaekit.IssueSeverity.ERROR or WARNING.")
      .def_readonly("session", &RecordIssue::session, "The session concerned ('' if none).")
      .def_readonly("member", &RecordIssue::member, "The member id concerned ('' if none).")
      .def_readonly("date", &RecordIssue::date, "The date concerned, or None.")
      .def_readonly("message", &RecordIssue::message, "What is wrong, in words (ids only).")
      .def(
          "__repr__",
          [](const RecordIssue& i) {
            return "vaekit.RecordIssue('" + i.code + "', " + std::string(to_string(i.severity)) +
                   ", session='" + i.session + "', member='" + i.member + "')";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(issue);

  py::class_<AttendanceTotals> totals(m, "AttendanceTotals",
                                      "Hours of a person, session or audience, by outcome.");
  totals.def_readonly("planned", &AttendanceTotals::planned, "Hours planned.")
      .def_readonly("attended", &AttendanceTotals::attended, "Hours attended (present or remote).")
      .def_readonly("remote", &AttendanceTotals::remote, "Of which remotely.")
      .def_readonly("unproven", &AttendanceTotals::unproven,
                    "Attended hours without the required evidence.")
      .def_readonly("excused", &AttendanceTotals::excused, "Hours of excused absences.")
      .def_readonly("absent", &AttendanceTotals::absent,
                    "Hours of unexcused absences (and missing parts).")
      .def_readonly("unrecorded", &AttendanceTotals::unrecorded, "Planned hours without any entry.")
      .def_property_readonly("rate", &AttendanceTotals::rate,
                             "attended / planned (0 when nothing is planned).")
      .def(
          "__repr__",
          [](const AttendanceTotals& t) {
            return "vaekit.AttendanceTotals(" + totals_repr(t) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(totals);

  py::class_<PersonAttendance> pa(m, "PersonAttendance",
                                  "A person's attendance over the sessions of their audience.");
  pa.def_readonly("member", &PersonAttendance::member, "The member id.")
      .def_readonly("role", &PersonAttendance::role, "Their role.")
      .def_readonly("sessions_planned", &PersonAttendance::sessions_planned,
                    "Sessions of their audience.")
      .def_readonly("sessions_attended", &PersonAttendance::sessions_attended,
                    "Sessions with a half-day attended.")
      .def_readonly("totals", &PersonAttendance::totals, "Their hours.")
      .def_property_readonly(
          "rate", [](const PersonAttendance& p) { return p.totals.rate(); }, "Attendance rate.")
      .def(
          "__repr__",
          [](const PersonAttendance& p) {
            return "vaekit.PersonAttendance('" + p.member + "', " + totals_repr(p.totals) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(pa);

  py::class_<SessionAttendance> sa(m, "SessionAttendance",
                                   "A session's attendance over its audience.");
  sa.def_readonly("session", &SessionAttendance::session, "The session id.")
      .def_readonly("date", &SessionAttendance::date, "Its date.")
      .def_readonly("audience", &SessionAttendance::audience, "Its audience.")
      .def_readonly("expected", &SessionAttendance::expected, "Members of the audience.")
      .def_readonly("attendees", &SessionAttendance::attendees, "Members who attended a half-day.")
      .def_readonly("totals", &SessionAttendance::totals, "The hours of its audience.")
      .def_property_readonly(
          "rate", [](const SessionAttendance& s) { return s.totals.rate(); }, "Attendance rate.")
      .def(
          "__repr__",
          [](const SessionAttendance& s) {
            return "vaekit.SessionAttendance('" + s.session + "', " + totals_repr(s.totals) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(sa);

  py::class_<AudienceAttendance> aa(
      m, "AudienceAttendance",
      "An audience's attendance (counsellors, assistants, both = everyone).");
  aa.def_readonly("audience", &AudienceAttendance::audience, "The group.")
      .def_readonly("members", &AudienceAttendance::members, "Members in the group.")
      .def_readonly("totals", &AudienceAttendance::totals, "Their hours.")
      .def_property_readonly(
          "rate", [](const AudienceAttendance& a) { return a.totals.rate(); }, "Attendance rate.")
      .def(
          "__repr__",
          [](const AudienceAttendance& a) {
            return "vaekit.AudienceAttendance(" + std::string(to_string(a.audience)) + ", " +
                   totals_repr(a.totals) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(aa);

  py::class_<AttendanceReport> report(
      m, "AttendanceReport",
      "Attendance rates per person, session and audience, with the issues found.");
  report
      .def_readonly("persons", &AttendanceReport::persons,
                    "One row per member, in programme order.")
      .def_readonly("sessions", &AttendanceReport::sessions, "One row per session, in date order.")
      .def_readonly("audiences", &AttendanceReport::audiences,
                    "counsellors, assistants, both (everyone).")
      .def_readonly("issues", &AttendanceReport::issues, "Everything check_attendance() finds.")
      .def(
          "__repr__",
          [](const AttendanceReport& r) {
            return "vaekit.AttendanceReport(" + std::to_string(r.persons.size()) + " persons, " +
                   std::to_string(r.sessions.size()) + " sessions, " +
                   std::to_string(r.issues.size()) + " issues)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(report);

  py::class_<CompletionCertificate> cert(m, "CompletionCertificate", R"doc(
The data of a certificat de réalisation (completion certificate): organisation, trainee, action,
nature (Code du travail L6313-1), dates and duration (attended hours with evidence).
)doc");
  cert.def_readonly("organisation", &CompletionCertificate::organisation,
                    "The training organisation.")
      .def_readonly("trainee", &CompletionCertificate::trainee, "The trainee's member id.")
      .def_readonly("trainee_name", &CompletionCertificate::trainee_name, "The trainee's name.")
      .def_readonly("action_id", &CompletionCertificate::action_id, "The programme id.")
      .def_readonly("action", &CompletionCertificate::action, "The action's title.")
      .def_readonly("nature", &CompletionCertificate::nature, "The nature of the action.")
      .def_readonly("dates", &CompletionCertificate::dates, "First to last day attended.")
      .def_readonly("days", &CompletionCertificate::days, "Every day attended.")
      .def_readonly("hours", &CompletionCertificate::hours, "Duration achieved (proven hours).")
      .def_readonly("remote_hours", &CompletionCertificate::remote_hours, "Of which remotely.")
      .def_readonly("planned_hours", &CompletionCertificate::planned_hours, "Hours planned.")
      .def_readonly("issued", &CompletionCertificate::issued, "Issue date, or None.")
      .def(
          "__repr__",
          [](const CompletionCertificate& c) {
            return "vaekit.CompletionCertificate('" + c.trainee + "', " + fmt(c.hours) + " h, " +
                   c.dates.to_string() + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<CompletionCertificate>(cert, "CompletionCertificate");
  def_json_pickle<CompletionCertificate>(cert);

  m.def("evidence_suffices", &evidence_suffices, py::arg("presence"), py::arg("evidence"),
        "Whether the evidence proves the presence: a signed sheet in person, a call or connection "
        "log remotely.");
  m.def(
      "check_attendance",
      [](const py::object& source, const AttendanceRecord& rec,
         std::optional<std::vector<Session>> sessions, std::optional<DateLike> as_of) {
        auto [p, s] = resolve(source, sessions);
        return check_attendance(p, s, rec, opt_date(as_of));
      },
      py::arg("source"), py::arg("attendance"), py::kw_only(), py::arg("sessions") = py::none(),
      py::arg("as_of") = py::none(),
      (std::string("Every issue of the attendance record (errors and warnings). ") + source_doc +
       " Missing entries are warned for sessions on or before as_of.")
          .c_str());
  m.def(
      "attendance_report",
      [](const py::object& source, const AttendanceRecord& rec,
         std::optional<std::vector<Session>> sessions, std::optional<DateLike> as_of) {
        auto [p, s] = resolve(source, sessions);
        return attendance_report(p, s, rec, opt_date(as_of));
      },
      py::arg("source"), py::arg("attendance"), py::kw_only(), py::arg("sessions") = py::none(),
      py::arg("as_of") = py::none(),
      (std::string(
           "Attendance rates (attended / planned hours) per person, session and audience. ") +
       source_doc + " Only sessions on or before as_of are planned.")
          .c_str());
  m.def(
      "completion_certificates",
      [](const py::object& source, const AttendanceRecord& rec,
         std::optional<std::vector<Session>> sessions, std::string organisation, std::string action,
         std::string nature, std::optional<DateLike> issued, std::optional<DateLike> as_of) {
        auto [p, s] = resolve(source, sessions);
        CertificateOptions o{std::move(organisation), std::move(action), std::move(nature),
                             opt_date(issued)};
        return completion_certificates(p, s, rec, o, opt_date(as_of));
      },
      py::arg("source"), py::arg("attendance"), py::kw_only(), py::arg("sessions") = py::none(),
      py::arg("organisation") = "Défi métiers", py::arg("action") = "",
      py::arg("nature") = "action de formation", py::arg("issued") = py::none(),
      py::arg("as_of") = py::none(),
      (std::string("One certificat de réalisation per member with proven hours (action defaults "
                   "to the programme's title). ") +
       source_doc)
          .c_str());

  // --- evaluations ---------------------------------------------------------------------------
  py::class_<Question> question(m, "EvaluationQuestion",
                                "A question of the à-chaud or à-froid questionnaire.");
  question
      .def(py::init(
               [](std::string id, std::string text, QuestionKind kind, EvaluationTiming timing) {
                 return Question{std::move(id), std::move(text), kind, timing};
               }),
           py::arg("id"), py::arg("text") = "", py::arg("kind") = QuestionKind::scale,
           py::arg("timing") = EvaluationTiming::hot, "A question.")
      .def_readwrite("id", &Question::id, "Stable identifier.")
      .def_readwrite("text", &Question::text, "The question as asked.")
      .def_readwrite("kind", &Question::kind, "Scale (1-5) or free text.")
      .def_readwrite("timing", &Question::timing, "The questionnaire it belongs to.")
      .def(
          "__repr__",
          [](const Question& q) {
            return "vaekit.EvaluationQuestion('" + q.id + "', " + std::string(to_string(q.kind)) +
                   ", " + std::string(to_string(q.timing)) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(question);

  py::class_<EvaluationResponse> resp(m, "EvaluationResponse", "One filled questionnaire.");
  resp.def(py::init([](std::string id, std::string session, EvaluationTiming timing,
                       const DateLike& date, std::map<std::string, int> scores,
                       std::map<std::string, std::string> comments, std::string member,
                       Respondent respondent) {
             EvaluationResponse r;
             r.id = std::move(id);
             r.session = std::move(session);
             r.timing = timing;
             r.date = date.get();
             r.scores = std::move(scores);
             r.comments = std::move(comments);
             r.member = std::move(member);
             r.respondent = respondent;
             return r;
           }),
           py::arg("id"), py::arg("session"), py::arg("timing"), py::arg("date"),
           py::arg("scores") = std::map<std::string, int>{},
           py::arg("comments") = std::map<std::string, std::string>{}, py::arg("member") = "",
           py::arg("respondent") = Respondent::trainee,
           "A response; scores map question ids to 1-5, comments to free text.")
      .def_readwrite("id", &EvaluationResponse::id, "Stable identifier.")
      .def_readwrite("session", &EvaluationResponse::session,
                     "The session ('' for overall feedback).")
      .def_readwrite("member", &EvaluationResponse::member,
                     "The respondent's member id ('' anonymous).")
      .def_readwrite("respondent", &EvaluationResponse::respondent, "Trainee, funder or speaker.")
      .def_readwrite("timing", &EvaluationResponse::timing, "À chaud or à froid.")
      .def_readwrite("date", &EvaluationResponse::date, "The day it was answered.")
      .def_readwrite("scores", &EvaluationResponse::scores, "Scale answers: question id -> 1..5.")
      .def_readwrite("comments", &EvaluationResponse::comments,
                     "Free text: question id -> text (never aggregated).")
      .def(
          "__repr__",
          [](const EvaluationResponse& r) {
            return "vaekit.EvaluationResponse('" + r.id + "', '" + r.session + "', " +
                   std::string(to_string(r.timing)) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(resp);

  py::class_<EvaluationRecord> erec(m, "EvaluationRecord", R"doc(
The questionnaires and responses of a programme (``Evaluations.1``).
``EvaluationRecord(programme="", questions=[], responses=[], cold_delay_weeks=6, hot_window_days=0)``.
)doc");
  erec.def(py::init([](std::string programme, std::vector<Question> questions,
                       std::vector<EvaluationResponse> responses, int weeks, int window) {
             EvaluationRecord r;
             r.programme = std::move(programme);
             r.questions = std::move(questions);
             r.responses = std::move(responses);
             r.cold_delay_weeks = weeks;
             r.hot_window_days = window;
             return r;
           }),
           py::arg("programme") = "", py::arg("questions") = std::vector<Question>{},
           py::arg("responses") = std::vector<EvaluationResponse>{},
           py::arg("cold_delay_weeks") = 6, py::arg("hot_window_days") = 0, "A record.")
      .def_readwrite("programme", &EvaluationRecord::programme, "The programme id.")
      .def_readwrite("cold_delay_weeks", &EvaluationRecord::cold_delay_weeks,
                     "Weeks before the à-froid questionnaire (6).")
      .def_readwrite("hot_window_days", &EvaluationRecord::hot_window_days,
                     "Days an à-chaud answer may be late (0).")
      .def_readwrite("questions", &EvaluationRecord::questions,
                     "Questions (a list copy; assign to change).")
      .def_readwrite("responses", &EvaluationRecord::responses,
                     "Responses (a list copy; assign to change).")
      .def(
          "cold_due",
          [](const EvaluationRecord& r, const DateLike& d) { return r.cold_due(d.get()); },
          py::arg("session_date"), "The first day an à-froid answer is expected.")
      .def("question", &EvaluationRecord::question, py::arg("id"),
           "The question with this id (KeyError).")
      .def(
          "__len__", [](const EvaluationRecord& r) { return r.responses.size(); },
          "Number of responses.")
      .def(
          "__repr__",
          [](const EvaluationRecord& r) {
            return "vaekit.EvaluationRecord('" + r.programme + "', " +
                   std::to_string(r.responses.size()) + " responses)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<EvaluationRecord>(erec, "EvaluationRecord");
  def_json_pickle<EvaluationRecord>(erec);

  py::class_<EvaluationAggregate> agg(
      m, "EvaluationAggregate", "The aggregate of one scale question over a group and a timing.");
  agg.def_readonly("grouping", &EvaluationAggregate::grouping, "How sessions are grouped.")
      .def_readonly("key", &EvaluationAggregate::key,
                    "The group: session, topic, format or speaker kind.")
      .def_readonly("timing", &EvaluationAggregate::timing, "À chaud or à froid.")
      .def_readonly("question", &EvaluationAggregate::question, "The question id.")
      .def_readonly("count", &EvaluationAggregate::count, "Answers.")
      .def_readonly("mean", &EvaluationAggregate::mean, "Their mean.")
      .def_property_readonly(
          "distribution",
          [](const EvaluationAggregate& a) {
            return std::vector<int>(a.distribution.begin(), a.distribution.end());
          },
          "Answers scoring 1, 2, 3, 4, 5.")
      .def_readonly("respondents", &EvaluationAggregate::respondents,
                    "Trainee responses for the group.")
      .def_readonly("expected", &EvaluationAggregate::expected, "Expected respondents.")
      .def_readonly("response_rate", &EvaluationAggregate::response_rate, "respondents / expected.")
      .def(
          "__repr__",
          [](const EvaluationAggregate& a) {
            return "vaekit.EvaluationAggregate('" + a.key + "', " +
                   std::string(to_string(a.timing)) + ", '" + a.question +
                   "', count=" + std::to_string(a.count) + ", mean=" + fmt(a.mean) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(agg);

  m.def(
      "check_evaluations",
      [](const py::object& source, const EvaluationRecord& rec,
         std::optional<std::vector<Session>> sessions) {
        auto [p, s] = resolve(source, sessions);
        return check_evaluations(p, s, rec);
      },
      py::arg("source"), py::arg("evaluations"), py::kw_only(), py::arg("sessions") = py::none(),
      (std::string("Every issue of the evaluation record. ") + source_doc).c_str());
  m.def(
      "aggregate_evaluations",
      [](const py::object& source, const EvaluationRecord& rec, EvaluationGrouping grouping,
         std::optional<AttendanceRecord> attendance, std::optional<std::vector<Session>> sessions) {
        auto [p, s] = resolve(source, sessions);
        return aggregate_evaluations(p, s, rec, grouping, attendance ? &*attendance : nullptr);
      },
      py::arg("source"), py::arg("evaluations"), py::arg("grouping") = EvaluationGrouping::session,
      py::kw_only(), py::arg("attendance") = py::none(), py::arg("sessions") = py::none(),
      (std::string("Count, mean, distribution and response rate of the trainees' scale answers per "
                   "group, timing and question; free text never enters. With attendance, the "
                   "expected respondents are the attendees. ") +
       source_doc)
          .c_str());

  // --- staff ---------------------------------------------------------------------------------
  py::class_<Diploma> dip(m, "Diploma", "A diploma held, with its EU level (1-8).");
  dip.def(py::init([](std::string title, int level, std::optional<int> year) {
            return Diploma{std::move(title), level, year};
          }),
          py::arg("title"), py::arg("eu_level"), py::arg("year") = py::none(), "A diploma.")
      .def_readwrite("title", &Diploma::title, "Title.")
      .def_readwrite("eu_level", &Diploma::eu_level, "EU level 1-8.")
      .def_readwrite("year", &Diploma::year, "Year obtained, or None.")
      .def(
          "__repr__",
          [](const Diploma& d) {
            return "vaekit.Diploma('" + d.title + "', " + std::to_string(d.eu_level) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(dip);

  py::class_<StaffProfile> prof(m, "StaffProfile", "A staff member's qualification profile.");
  prof.def(
          py::init([](std::string member, std::vector<Diploma> diplomas, double support, double vae,
                      std::map<int, double> other, std::vector<std::string> knowledge) {
            return StaffProfile{std::move(member), std::move(diplomas), support, vae,
                                std::move(other),  std::move(knowledge)};
          }),
          py::arg("member"), py::arg("diplomas") = std::vector<Diploma>{},
          py::arg("support_experience_years") = 0.0, py::arg("vae_experience_years") = 0.0,
          py::arg("other_training_hours") = std::map<int, double>{},
          py::arg("vae_knowledge") = std::vector<std::string>{}, "A profile.")
      .def_readwrite("member", &StaffProfile::member, "The programme member id.")
      .def_readwrite("diplomas", &StaffProfile::diplomas, "Diplomas held.")
      .def_readwrite("support_experience_years", &StaffProfile::support_experience_years,
                     "Years supporting people.")
      .def_readwrite("vae_experience_years", &StaffProfile::vae_experience_years,
                     "Years supporting VAE candidates.")
      .def_readwrite("other_training_hours", &StaffProfile::other_training_hours,
                     "Training hours outside the programme: year -> hours.")
      .def_readwrite("vae_knowledge", &StaffProfile::vae_knowledge,
                     "Evidence of knowledge of VAE (trainings, attestations); empty: none.")
      .def_property_readonly("highest_level", &StaffProfile::highest_level,
                             "Highest EU level (0 without diploma).")
      .def(
          "__repr__",
          [](const StaffProfile& p) {
            return "vaekit.StaffProfile('" + p.member +
                   "', level=" + std::to_string(p.highest_level()) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(prof);

  py::class_<QualificationRequirements> req(m, "QualificationRequirements", R"doc(
The network's requirements on its staff. Defaults (domain.md §1): for counsellors, an EU level 7
diploma, at least 1 year of support experience (uncertain: the source gives no duration), some
experience of VAE support and evidence of knowledge of VAE.
)doc");
  req.def(py::init([](std::vector<StaffRole> roles, int level, double support, double vae,
                      double hours, bool vae_experience, bool vae_knowledge) {
            return QualificationRequirements{std::move(roles), level,        support, vae, hours,
                                             vae_experience,   vae_knowledge};
          }),
          py::arg("roles") = std::vector<StaffRole>{StaffRole::counsellor},
          py::arg("min_diploma_level") = 7, py::arg("min_support_years") = 1.0,
          py::arg("min_vae_years") = 0.0, py::arg("min_training_hours_per_year") = 0.0,
          py::arg("require_vae_experience") = true, py::arg("require_vae_knowledge") = true,
          "Requirements.")
      .def_readwrite("roles", &QualificationRequirements::roles, "Roles they apply to.")
      .def_readwrite("min_diploma_level", &QualificationRequirements::min_diploma_level,
                     "Minimum EU level (7).")
      .def_readwrite("min_support_years", &QualificationRequirements::min_support_years,
                     "Minimum support years (1).")
      .def_readwrite("min_vae_years", &QualificationRequirements::min_vae_years,
                     "Minimum VAE years (0).")
      .def_readwrite("min_training_hours_per_year",
                     &QualificationRequirements::min_training_hours_per_year,
                     "Minimum training hours a year (0).")
      .def_readwrite("require_vae_experience", &QualificationRequirements::require_vae_experience,
                     "Whether some experience of VAE support is required (True).")
      .def_readwrite("require_vae_knowledge", &QualificationRequirements::require_vae_knowledge,
                     "Whether evidence of knowledge of VAE is required (True).")
      .def("applies_to", &QualificationRequirements::applies_to, py::arg("role"),
           "Whether they apply to the role.")
      .def(
          "__repr__",
          [](const QualificationRequirements& r) {
            return "vaekit.QualificationRequirements(level>=" +
                   std::to_string(r.min_diploma_level) + ", support>=" + fmt(r.min_support_years) +
                   ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(req);

  py::class_<StaffRegister> reg(m, "StaffRegister",
                                "The staff register: requirements and profiles (StaffRegister.1).");
  reg.def(py::init([](std::vector<StaffProfile> profiles, QualificationRequirements r) {
            return StaffRegister{std::move(r), std::move(profiles)};
          }),
          py::arg("profiles") = std::vector<StaffProfile>{},
          py::arg("requirements") = QualificationRequirements{}, "A register.")
      .def_readwrite("requirements", &StaffRegister::requirements, "The network's requirements.")
      .def_readwrite("profiles", &StaffRegister::profiles,
                     "Profiles (a list copy; assign to change).")
      .def(
          "profile",
          [](const StaffRegister& r, const std::string& member) -> std::optional<StaffProfile> {
            const auto* p = r.profile(member);
            if (p == nullptr) return std::nullopt;
            return *p;
          },
          py::arg("member"), "The member's profile, or None.")
      .def(
          "__repr__",
          [](const StaffRegister& r) {
            return "vaekit.StaffRegister(" + std::to_string(r.profiles.size()) + " profiles)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<StaffRegister>(reg, "StaffRegister");
  def_json_pickle<StaffRegister>(reg);

  py::class_<QualificationGap> gap(m, "QualificationGap", "A requirement a person does not meet.");
  gap.def_readonly("code", &QualificationGap::code, "E.g. 'diploma_level', 'support_experience'.")
      .def_readonly("message", &QualificationGap::message, "The gap in French.")
      .def(
          "__repr__",
          [](const QualificationGap& g) { return "vaekit.QualificationGap('" + g.code + "')"; },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(gap);

  py::class_<QualificationCheck> qc(m, "QualificationCheck",
                                    "The check of one member against the requirements.");
  qc.def_readonly("member", &QualificationCheck::member, "The member id.")
      .def_readonly("role", &QualificationCheck::role, "Their role.")
      .def_readonly("applies", &QualificationCheck::applies,
                    "Whether the requirements apply to the role.")
      .def_readonly("gaps", &QualificationCheck::gaps, "The gaps.")
      .def_property_readonly("meets", &QualificationCheck::meets,
                             "Whether every requirement is met.")
      .def(
          "__repr__",
          [](const QualificationCheck& c) {
            return "vaekit.QualificationCheck('" + c.member + "', " +
                   std::to_string(c.gaps.size()) + " gaps)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(qc);

  py::class_<StaffTrainingRecord> tr(m, "StaffTrainingRecord",
                                     "A person's training over a calendar year.");
  tr.def_readonly("member", &StaffTrainingRecord::member, "The member id.")
      .def_readonly("year", &StaffTrainingRecord::year, "The year.")
      .def_readonly("programme_hours", &StaffTrainingRecord::programme_hours,
                    "Hours at the professionalisation days.")
      .def_readonly("other_hours", &StaffTrainingRecord::other_hours,
                    "Other hours declared in the profile.")
      .def_readonly("sessions", &StaffTrainingRecord::sessions, "Sessions attended.")
      .def_property_readonly("total", &StaffTrainingRecord::total, "programme_hours + other_hours.")
      .def(
          "__repr__",
          [](const StaffTrainingRecord& r) {
            return "vaekit.StaffTrainingRecord('" + r.member + "', " + std::to_string(r.year) +
                   ", " + fmt(r.total()) + " h)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(tr);

  m.def(
      "staff_training_records",
      [](const py::object& source, const AttendanceRecord& att, const StaffRegister& staff,
         int year, std::optional<std::vector<Session>> sessions) {
        auto [p, s] = resolve(source, sessions);
        return staff_training_records(p, s, att, staff, year);
      },
      py::arg("source"), py::arg("attendance"), py::arg("staff"), py::arg("year"), py::kw_only(),
      py::arg("sessions") = py::none(),
      (std::string("Each member's training hours in the year (attendance + declared). ") +
       source_doc)
          .c_str());
  m.def(
      "check_staff",
      [](const py::object& source, const StaffRegister& staff,
         const std::vector<StaffTrainingRecord>& records) {
        auto [p, s] = resolve(source, std::nullopt);
        (void)s;
        return check_staff(p, staff, records);
      },
      py::arg("source"), py::arg("staff"), py::arg("records") = std::vector<StaffTrainingRecord>{},
      "Every programme member checked against the register's requirements, with the gaps in "
      "French.");
  m.def(
      "check_qualification",
      [](const std::string& member, StaffRole role, std::optional<StaffProfile> profile,
         const QualificationRequirements& r, std::optional<double> hours) {
        return check_qualification(member, role, profile ? &*profile : nullptr, r, hours);
      },
      py::arg("member"), py::arg("role"), py::arg("profile"),
      py::arg("requirements") = QualificationRequirements{}, py::arg("training_hours") = py::none(),
      "One member's profile (or None) checked against the requirements.");

  // --- community -----------------------------------------------------------------------------

  py::class_<CommunityMember> cm(m, "CommunityMember", "A member of the online community.");
  cm.def(py::init([](std::string id, CommunityRole role, std::string name, std::string org) {
           return CommunityMember{std::move(id), std::move(name), role, std::move(org)};
         }),
         py::arg("id"), py::arg("role") = CommunityRole::counsellor, py::arg("name") = "",
         py::arg("organisation") = "", "A member.")
      .def_readwrite("id", &CommunityMember::id, "Stable identifier.")
      .def_readwrite("name", &CommunityMember::name, "Display name (personal data).")
      .def_readwrite("role", &CommunityMember::role, "Their role.")
      .def_readwrite("organisation", &CommunityMember::organisation, "Antenne or organisation.")
      .def(
          "__repr__",
          [](const CommunityMember& x) {
            return "vaekit.CommunityMember('" + x.id + "', " + std::string(to_string(x.role)) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(cm);

  py::class_<Post> post(m, "CommunityPost", "A message in a community thread.");
  post.def(py::init([](std::string id, std::string author, const DateLike& date, std::string text) {
             return Post{std::move(id), std::move(author), date.get(), std::move(text)};
           }),
           py::arg("id"), py::arg("author"), py::arg("date"), py::arg("text") = "", "A post.")
      .def_readwrite("id", &Post::id, "Stable identifier.")
      .def_readwrite("author", &Post::author, "The author's member id.")
      .def_readwrite("date", &Post::date, "The day it was posted.")
      .def_readwrite("text", &Post::text, "The message.")
      .def(
          "__repr__",
          [](const Post& p) {
            return "vaekit.CommunityPost('" + p.id + "', " + p.date.to_string() + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(post);

  py::class_<Thread> thread(m, "CommunityThread",
                            "A discussion: its first post opens it, the others reply.");
  thread
      .def(
          py::init([](std::string id, std::string title, std::vector<Post> posts,
                      std::vector<std::string> tags, std::vector<std::string> certifications,
                      bool q, std::optional<std::string> accepted) {
            return Thread{
                std::move(id),    std::move(title),   std::move(tags), std::move(certifications), q,
                std::move(posts), std::move(accepted)};
          }),
          py::arg("id"), py::arg("title"), py::arg("posts"),
          py::arg("tags") = std::vector<std::string>{},
          py::arg("certifications") = std::vector<std::string>{}, py::arg("question") = true,
          py::arg("accepted") = py::none(), "A thread.")
      .def_readwrite("id", &Thread::id, "Stable identifier.")
      .def_readwrite("title", &Thread::title, "Title.")
      .def_readwrite("tags", &Thread::tags, "Free tags.")
      .def_readwrite("certifications", &Thread::certifications, "Certification codes it is about.")
      .def_readwrite("question", &Thread::question, "Whether it asks a question.")
      .def_readwrite("posts", &Thread::posts, "The posts, the opening one first.")
      .def_readwrite("accepted", &Thread::accepted, "The accepted answer's post id, or None.")
      .def_property_readonly("author", &Thread::author, "The opening post's author.")
      .def_property_readonly("opened", &Thread::opened, "The opening post's date.")
      .def(
          "answered_by", [](const Thread& t, const DateLike& d) { return t.answered_by(d.get()); },
          py::arg("date"), "Whether someone other than the author replied on or before the date.")
      .def(
          "__repr__",
          [](const Thread& t) {
            return "vaekit.CommunityThread('" + t.id + "', " + std::to_string(t.posts.size()) +
                   " posts)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(thread);

  py::class_<ThreadHit> hit(m, "ThreadHit", "A thread found by Community.search().");
  hit.def_readonly("thread", &ThreadHit::thread, "The thread id.")
      .def_readonly("score", &ThreadHit::score, "Relevance: higher is better.")
      .def(
          "__repr__",
          [](const ThreadHit& h) {
            return "vaekit.ThreadHit('" + h.thread + "', " + fmt(h.score) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(hit);

  py::class_<CertificationChange> cc(m, "CertificationChange",
                                     "A registry change as plain data: code, kind, successors.");
  cc.def(py::init([](std::string code, std::string kind, std::vector<std::string> successors) {
           return CertificationChange{std::move(code), std::move(kind), std::move(successors)};
         }),
         py::arg("code"), py::arg("kind") = "", py::arg("successors") = std::vector<std::string>{},
         "A change.")
      .def_readwrite("code", &CertificationChange::code, "The certification code.")
      .def_readwrite("kind", &CertificationChange::kind, "What changed ('closed', 'replaced'...).")
      .def_readwrite("successors", &CertificationChange::successors, "Codes of its successors.")
      .def(
          "__repr__",
          [](const CertificationChange& c) {
            return "vaekit.CertificationChange('" + c.code + "', '" + c.kind + "')";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(cc);

  py::class_<DigestChange> dc(m, "DigestChange",
                              "A registry change concerning the network, with its threads.");
  dc.def_readonly("change", &DigestChange::change, "The change.")
      .def_readonly("targeted", &DigestChange::targeted, "The targeted codes it concerns.")
      .def_readonly("threads", &DigestChange::threads, "Threads about those codes.")
      .def(
          "__repr__",
          [](const DigestChange& d) { return "vaekit.DigestChange('" + d.change.code + "')"; },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(dc);

  py::class_<CommunityDigest> dig(m, "CommunityDigest",
                                  "What happened in the community over a period.");
  dig.def_readonly("period", &CommunityDigest::period, "The period covered.")
      .def_readonly("new_threads", &CommunityDigest::new_threads, "Threads opened in the period.")
      .def_readonly("unanswered", &CommunityDigest::unanswered,
                    "Questions without a reply by the period's end.")
      .def_readonly("unresolved", &CommunityDigest::unresolved,
                    "Questions with replies but no accepted answer.")
      .def_readonly("resolved", &CommunityDigest::resolved,
                    "Questions whose accepted answer came in the period.")
      .def_readonly("changes", &CommunityDigest::changes,
                    "Registry changes concerning the targeted codes.")
      .def(
          "__repr__",
          [](const CommunityDigest& d) {
            return "vaekit.CommunityDigest(" + d.period.to_string() + ", " +
                   std::to_string(d.new_threads.size()) + " new, " +
                   std::to_string(d.unanswered.size()) + " unanswered)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<CommunityDigest>(dig, "CommunityDigest");
  def_json_pickle<CommunityDigest>(dig);

  py::class_<Community> com(m, "Community", R"doc(
The online community: members and threads (``Community.1``). ``search(query)`` is accent- and
case-insensitive (prefix matching); ``digest(period, changes, targeted)`` summarises a period.
)doc");
  com.def(py::init([](std::vector<CommunityMember> members, std::vector<Thread> threads) {
            Community c{std::move(members), std::move(threads)};
            c.check();
            return c;
          }),
          py::arg("members") = std::vector<CommunityMember>{},
          py::arg("threads") = std::vector<Thread>{}, "A community (checked).")
      .def_readwrite("members", &Community::members, "Members (a list copy; assign to change).")
      .def_readwrite("threads", &Community::threads, "Threads (a list copy; assign to change).")
      .def("thread", &Community::thread, py::arg("id"), "The thread with this id (KeyError).")
      .def("member", &Community::member, py::arg("id"), "The member with this id (KeyError).")
      .def(
          "accepted_answer",
          [](const Community& c, const std::string& id) -> std::optional<Post> {
            const Post* p = c.accepted_answer(c.thread(id));
            if (p == nullptr) return std::nullopt;
            return *p;
          },
          py::arg("thread"), "The accepted answer of the thread (by id), or None.")
      .def("check", &Community::check,
           "Raises vaekit.InvalidArgument on duplicate ids, unknown authors, bad answers.")
      .def("search", &Community::search, py::arg("query"), py::arg("limit") = 20,
           "Threads matching every query word (prefixes, accent-insensitive), best first.")
      .def("threads_about", &Community::threads_about, py::arg("code"),
           "Threads linked to the certification code.")
      .def(
          "digest",
          [](const Community& c, const DateRange& period,
             const std::vector<CertificationChange>& changes,
             const std::vector<std::string>& targeted) {
            return community_digest(c, period, changes, targeted);
          },
          py::arg("period"), py::arg("changes") = std::vector<CertificationChange>{},
          py::arg("targeted") = std::vector<std::string>{},
          "New threads, open questions, and the changes concerning the targeted codes (or their "
          "successors).")
      .def(
          "__repr__",
          [](const Community& c) {
            return "vaekit.Community(" + std::to_string(c.members.size()) + " members, " +
                   std::to_string(c.threads.size()) + " threads)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<Community>(com, "Community");
  def_json_pickle<Community>(com);

  // --- quality -------------------------------------------------------------------------------
  py::class_<EvidenceItem> ei(m, "EvidenceItem", "A record kept that serves as Qualiopi evidence.");
  ei.def_readonly("record", &EvidenceItem::record, "The record kind, e.g. 'hot_evaluations'.")
      .def_readonly("count", &EvidenceItem::count, "How many records.")
      .def_readonly("description", &EvidenceItem::description, "What they show, in French.")
      .def(
          "__repr__",
          [](const EvidenceItem& e) {
            return "vaekit.EvidenceItem('" + e.record + "', " + std::to_string(e.count) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(ei);

  py::class_<MissingEvidence> me(m, "MissingEvidence",
                                 "A missing or insufficient piece of evidence.");
  me.def_readonly("code", &MissingEvidence::code, "E.g. 'no_cold_evaluations'.")
      .def_readonly("message", &MissingEvidence::message, "What is missing, in French.")
      .def(
          "__repr__",
          [](const MissingEvidence& e) { return "vaekit.MissingEvidence('" + e.code + "')"; },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(me);

  py::class_<IndicatorEvidence> ie(m, "IndicatorEvidence",
                                   "The evidence of one Qualiopi indicator.");
  ie.def_readonly("indicator", &IndicatorEvidence::indicator, "2, 11, 12, 22 or 30.")
      .def_readonly("title", &IndicatorEvidence::title, "Its subject, in French.")
      .def_readonly("present", &IndicatorEvidence::present, "The evidence present.")
      .def_readonly("missing", &IndicatorEvidence::missing, "What is missing.")
      .def_property_readonly("covered", &IndicatorEvidence::covered, "Whether nothing is missing.")
      .def(
          "__repr__",
          [](const IndicatorEvidence& e) {
            return "vaekit.IndicatorEvidence(" + std::to_string(e.indicator) + ", " +
                   std::to_string(e.present.size()) + " present, " +
                   std::to_string(e.missing.size()) + " missing)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(ie);

  py::class_<QualityEvidenceIndex> qi(
      m, "QualityEvidenceIndex",
      "The Qualiopi evidence index of a programme year (QualityEvidenceIndex.1).");
  qi.def_readonly("programme", &QualityEvidenceIndex::programme, "The programme id.")
      .def_readonly("year", &QualityEvidenceIndex::year, "The year indexed.")
      .def_readonly("indicators", &QualityEvidenceIndex::indicators,
                    "Indicators 2, 11, 12, 22, 30.")
      .def("indicator", &QualityEvidenceIndex::indicator, py::arg("number"),
           "One indicator's entry (KeyError).")
      .def(
          "__repr__",
          [](const QualityEvidenceIndex& q) {
            int covered = 0;
            for (const auto& i : q.indicators) covered += i.covered() ? 1 : 0;
            return "vaekit.QualityEvidenceIndex(" + std::to_string(q.year) + ", " +
                   std::to_string(covered) + "/" + std::to_string(q.indicators.size()) +
                   " covered)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<QualityEvidenceIndex>(qi, "QualityEvidenceIndex");
  def_json_pickle<QualityEvidenceIndex>(qi);

  m.def(
      "quality_evidence_index",
      [](const py::object& source, int year, std::optional<AttendanceRecord> attendance,
         std::optional<EvaluationRecord> evaluations, std::optional<StaffRegister> staff,
         std::optional<std::vector<Session>> sessions, std::optional<DateLike> as_of) {
        auto [p, s] = resolve(source, sessions);
        QualityRecords r{attendance ? &*attendance : nullptr, evaluations ? &*evaluations : nullptr,
                         staff ? &*staff : nullptr};
        return quality_evidence_index(p, s, year, r, opt_date(as_of));
      },
      py::arg("source"), py::arg("year"), py::kw_only(), py::arg("attendance") = py::none(),
      py::arg("evaluations") = py::none(), py::arg("staff") = py::none(),
      py::arg("sessions") = py::none(), py::arg("as_of") = py::none(),
      (std::string(
           "Per Qualiopi indicator (2, 11, 12, 22, 30), the evidence records present for the "
           "year (sessions held on or before as_of) and what is missing. ") +
       source_doc)
          .c_str());

  m.def("counts_as_attended", &counts_as_attended, py::arg("presence"),
        "Whether a half-day with this presence is attended: present or remote (Code du travail "
        "R6313-3: remote attendance counts); absent and excused are not.");
#ifdef VAEKIT_HAS_ANALYTICS
  m.def(
      "training_hours",
      [](const AttendanceRecord& attendance) { return hours_table(training_hours(attendance)); },
      py::arg("attendance"),
      "Hours and distinct days attended per member (present or remote half-days), sorted by "
      "member: a vaekit.Table 'training_hours' (member, hours, days).");
  m.def(
      "training_indicators",
      [](const AttendanceRecord& attendance, const EvaluationRecord* evaluations,
         const StaffRegister* staff, int min_days, int of_days,
         std::optional<std::string> only_question) {
        return indicator_table(training_indicators(
            attendance, evaluations, staff, IndicatorOptions{min_days, of_days, only_question}));
      },
      py::arg("attendance"), py::arg("evaluations") = py::none(), py::arg("staff") = py::none(),
      py::kw_only(), py::arg("min_days") = 12, py::arg("of_days") = 16,
      py::arg("question") = py::none(),
      "The training indicators as a vaekit.Table 'training_indicators' (indicator, value, unit; "
      "value None when undefined): staff (the staff register's members when given, else those "
      "found in attendance), hours, hours_per_person, share_at_least_{min_days}_of_{of_days}_days; "
      "with evaluations also satisfaction_hot, satisfaction_cold (mean scale score, of `question` "
      "only when given), responses_hot, responses_cold. vaekit.InvalidArgument unless "
      "0 <= min_days <= of_days and of_days > 0.");
#endif
}

}  // namespace vaekit::python
