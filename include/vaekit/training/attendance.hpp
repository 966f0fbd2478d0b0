#pragma once
/// @file
/// @brief Attendance per participant and half-day with its evidence (signed sheets, call and
/// connection logs), attendance rates per person, session and audience, the checks a funder's
/// audit applies, and the data of the completion certificates (*certificats de réalisation*).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/training/model.hpp"

namespace vaekit {

/// The half of a day an attendance entry is for.
enum class HalfDay : std::uint8_t {
  morning,    ///< The morning (*matin*).
  afternoon,  ///< The afternoon (*après-midi*).
};

/// A participant's attendance on one half-day.
enum class Presence : std::uint8_t {
  present,  ///< In person.
  remote,   ///< Remotely (phone bridge, video): counts as attended (Code du travail R6313-3).
  absent,   ///< Absent without excuse.
  excused,  ///< Absent with an excuse (illness, service needs...): not attended, reported apart.
};

/// The kind of proof behind an attendance entry.
enum class EvidenceKind : std::uint8_t {
  none,            ///< No proof recorded.
  signed_sheet,    ///< A signed attendance sheet per half-day (*feuille d'émargement*, R6332-26).
  call_log,        ///< The phone bridge's call log (remote sessions, R6313-3).
  connection_log,  ///< A video or e-learning platform's connection log (remote, R6313-3).
};

/// How serious a record issue is.
enum class Severity : std::uint8_t {
  error,    ///< The record is wrong or unprovable (an auditor would reject it).
  warning,  ///< Worth a look (e.g. a planned half-day with no entry yet).
};

/// "morning" or "afternoon".
[[nodiscard]] std::string_view to_string(HalfDay v) noexcept;
/// "present", "remote", "absent" or "excused".
[[nodiscard]] std::string_view to_string(Presence v) noexcept;
/// "none", "signed_sheet", "call_log" or "connection_log".
[[nodiscard]] std::string_view to_string(EvidenceKind v) noexcept;
/// "error" or "warning".
[[nodiscard]] std::string_view to_string(Severity v) noexcept;
/// The half-day named @p s; throws InvalidArgument.
[[nodiscard]] HalfDay half_day_from_string(std::string_view s);
/// The HalfDay named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<HalfDay> try_half_day_from_string(std::string_view s) noexcept;
/// The presence named @p s; throws InvalidArgument.
[[nodiscard]] Presence presence_from_string(std::string_view s);
/// The Presence named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<Presence> try_presence_from_string(std::string_view s) noexcept;
/// The evidence kind named @p s; throws InvalidArgument.
[[nodiscard]] EvidenceKind evidence_kind_from_string(std::string_view s);
/// The EvidenceKind named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<EvidenceKind> try_evidence_kind_from_string(
    std::string_view s) noexcept;
/// The severity named @p s; throws InvalidArgument.
[[nodiscard]] Severity severity_from_string(std::string_view s);
/// The Severity named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<Severity> try_severity_from_string(std::string_view s) noexcept;

/// Whether @p p counts as attended (present or remote).
[[nodiscard]] constexpr bool attended(Presence p) noexcept {
  return p == Presence::present || p == Presence::remote;
}

/// The evidence a presence requires: a signed sheet for an in-person presence (R6332-26), a
/// call or connection log for a remote one (R6313-3); absences need none.
[[nodiscard]] bool evidence_suffices(Presence presence, EvidenceKind evidence) noexcept;

/// One participant's attendance on one half-day of a session.
struct AttendanceEntry {
  std::string session;  ///< The session id.
  Date date;            ///< The day the evidence is for (must be the session's date).
  HalfDay half_day = HalfDay::morning;         ///< Morning or afternoon.
  std::string member;                          ///< The participant's member id.
  Presence presence = Presence::present;       ///< Present, remote, absent or excused.
  EvidenceKind evidence = EvidenceKind::none;  ///< The kind of proof.
  std::string evidence_ref;  ///< A reference to the proof (file name, log id), may be empty.
  /// Hours attended in the half-day; when absent, the whole half-day for a presence and 0 for an
  /// absence. Partial attendance (late arrival) gives fewer hours.
  std::optional<double> hours;
  /// Equality of every field.
  friend bool operator==(const AttendanceEntry&, const AttendanceEntry&) = default;
};

/// The attendance records of a programme: one entry per participant and half-day.
struct AttendanceRecord {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Attendance";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string programme;                 ///< The programme id the sessions belong to.
  double hours_per_half_day = 3.5;       ///< Planned hours of a half-day (3.5: a 7-hour day).
  std::vector<AttendanceEntry> entries;  ///< The entries, in any order.

  /// The hours @p e attended: its `hours`, or the whole half-day for a presence, 0 otherwise.
  [[nodiscard]] double hours_of(const AttendanceEntry& e) const noexcept;
  /// Equality of every field.
  friend bool operator==(const AttendanceRecord&, const AttendanceRecord&) = default;
};

/// A problem found in attendance or evaluation records.
struct RecordIssue {
  /// What is wrong. Attendance: "unknown_session", "not_a_session_date", "unknown_member",
  /// "not_in_audience", "half_day_not_planned", "duplicate_entry", "presence_without_signature",
  /// "remote_without_log", "in_person_on_phone_meeting", "hours_out_of_range",
  /// "missing_entry". Evaluations: see check_evaluations().
  std::string code;
  Severity severity = Severity::error;  ///< Error or warning.
  std::string session;                  ///< The session concerned (may be empty).
  std::string member;                   ///< The member id concerned (may be empty).
  std::optional<Date> date;             ///< The date concerned, if any.
  std::string message;                  ///< What is wrong, in words (ids only, no names).
  /// Equality of every field.
  friend bool operator==(const RecordIssue&, const RecordIssue&) = default;
};

/// Hours of a person, session or audience, by outcome.
struct AttendanceTotals {
  double planned = 0.0;   ///< Hours planned (half-days of the sessions × hours per half-day).
  double attended = 0.0;  ///< Hours attended (present or remote).
  double remote = 0.0;    ///< Of which remotely.
  double unproven = 0.0;  ///< Of the attended hours, those without the required evidence.
  double excused = 0.0;   ///< Planned hours of excused absences.
  double absent =
      0.0;  ///< Planned hours of unexcused absences (and the missing part of partial presences).
  double unrecorded = 0.0;  ///< Planned hours with no entry.
  /// The attendance rate: attended / planned (0 when nothing is planned).
  [[nodiscard]] double rate() const noexcept { return planned > 0.0 ? attended / planned : 0.0; }
  /// Equality of every field.
  friend bool operator==(const AttendanceTotals&, const AttendanceTotals&) = default;
};

/// A person's attendance over the sessions of their audience.
struct PersonAttendance {
  std::string member;                      ///< The member id.
  StaffRole role = StaffRole::counsellor;  ///< Their role.
  int sessions_planned = 0;                ///< Sessions of their audience (up to the as-of date).
  int sessions_attended = 0;               ///< Sessions with at least one half-day attended.
  AttendanceTotals totals;                 ///< Their hours.
  /// Equality of every field.
  friend bool operator==(const PersonAttendance&, const PersonAttendance&) = default;
};

/// A session's attendance over its audience.
struct SessionAttendance {
  std::string session;                        ///< The session id.
  Date date;                                  ///< Its date.
  Audience audience = Audience::counsellors;  ///< Its audience.
  int expected = 0;                           ///< Members of the audience.
  int attendees = 0;                          ///< Members who attended at least one half-day.
  AttendanceTotals totals;                    ///< The hours of its audience.
  /// Equality of every field.
  friend bool operator==(const SessionAttendance&, const SessionAttendance&) = default;
};

/// An audience's attendance: "counsellors" (members who are counsellors), "assistants", or
/// "both" (everyone).
struct AudienceAttendance {
  Audience audience = Audience::both;  ///< The group.
  int members = 0;                     ///< Members in the group.
  AttendanceTotals totals;             ///< Their hours.
  /// Equality of every field.
  friend bool operator==(const AudienceAttendance&, const AudienceAttendance&) = default;
};

/// Attendance rates per person, session and audience, with the issues found.
struct AttendanceReport {
  std::vector<PersonAttendance> persons;      ///< One row per member, in programme order.
  std::vector<SessionAttendance> sessions;    ///< One row per session counted, in date order.
  std::vector<AudienceAttendance> audiences;  ///< counsellors, assistants, both (everyone).
  std::vector<RecordIssue> issues;            ///< Everything check_attendance() finds.
  /// Equality of every field.
  friend bool operator==(const AttendanceReport&, const AttendanceReport&) = default;
};

/// Checks @p record against the planned @p sessions and the programme's members; returns every
/// issue. Errors: an unknown session; evidence for a date that is not the session's planned date
/// (not_a_session_date); an unknown member; a second half-day entry for a one-half-day session
/// (the half of the session's first entry is the planned one); a duplicate (session, half-day,
/// member); an in-person presence without a signed sheet; a remote presence without a call or
/// connection log; an in-person presence at a phone-bridge session; hours outside
/// [0, hours_per_half_day] or hours on an absence. Warnings: a member outside the session's
/// audience; a planned half-day (of a session on or before @p as_of, when given) with no entry.
[[nodiscard]] std::vector<RecordIssue> check_attendance(const Programme& programme,
                                                        const std::vector<Session>& sessions,
                                                        const AttendanceRecord& record,
                                                        std::optional<Date> as_of = std::nullopt);

/// Attendance rates (attended hours / planned hours) per person, per session and per audience.
/// Planned: for each session (on or before @p as_of when given) and each member of its audience,
/// half_days × hours_per_half_day. Entries with a structural error (unknown session, wrong date,
/// unknown member, unplanned half-day, duplicate) or outside the member's audience are not
/// counted; entries lacking evidence count as attended and as `unproven`.
[[nodiscard]] AttendanceReport attendance_report(const Programme& programme,
                                                 const std::vector<Session>& sessions,
                                                 const AttendanceRecord& record,
                                                 std::optional<Date> as_of = std::nullopt);

/// Options of the completion certificates.
struct CertificateOptions {
  std::string organisation = "Défi métiers";  ///< The training organisation issuing them.
  std::string action;  ///< The action's title (default: the programme's title).
  /// The nature of the action among the four of Code du travail L6313-1 (action de formation,
  /// bilan de compétences, VAE, apprentissage): "action de formation".
  std::string nature = "action de formation";
  std::optional<Date> issued;  ///< The issue date written on the certificates, if any.
};

/// The data of a *certificat de réalisation* (completion certificate; model of the ministry of
/// labour): organisation, trainee, action, nature, dates and duration.
struct CompletionCertificate {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "CompletionCertificate";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string organisation;    ///< The training organisation.
  std::string trainee;         ///< The trainee's member id.
  std::string trainee_name;    ///< The trainee's name, as written on the certificate.
  std::string action_id;       ///< The programme id.
  std::string action;          ///< The action's title.
  std::string nature;          ///< The nature of the action (L6313-1).
  DateRange dates;             ///< From the first to the last day attended.
  std::vector<Date> days;      ///< Every day attended.
  double hours = 0.0;          ///< Duration achieved: attended hours with evidence.
  double remote_hours = 0.0;   ///< Of which remotely.
  double planned_hours = 0.0;  ///< Hours planned for the trainee.
  std::optional<Date> issued;  ///< Issue date, if given.
  /// Equality of every field.
  friend bool operator==(const CompletionCertificate&, const CompletionCertificate&) = default;
};

/// One certificate per member with at least one proven attended hour, in programme order. The
/// duration counts only hours whose evidence suffices (an auditor checks the certificate against
/// the sheets and logs); sessions after @p as_of are ignored.
[[nodiscard]] std::vector<CompletionCertificate> completion_certificates(
    const Programme& programme, const std::vector<Session>& sessions,
    const AttendanceRecord& record, const CertificateOptions& options = {},
    std::optional<Date> as_of = std::nullopt);

/// An AttendanceEntry as JSON.
void to_json(Json& j, const AttendanceEntry& v);
/// An AttendanceEntry from JSON; throws ParseError naming the field.
void from_json(const Json& j, AttendanceEntry& v);
/// An AttendanceRecord as JSON (no schema tag; see to_document()).
void to_json(Json& j, const AttendanceRecord& v);
/// An AttendanceRecord from JSON; throws ParseError naming the field.
void from_json(const Json& j, AttendanceRecord& v);
/// A RecordIssue as JSON.
void to_json(Json& j, const RecordIssue& v);
/// A RecordIssue from JSON.
void from_json(const Json& j, RecordIssue& v);
/// AttendanceTotals as JSON (with the rate).
void to_json(Json& j, const AttendanceTotals& v);
/// AttendanceTotals from JSON (the rate is recomputed).
void from_json(const Json& j, AttendanceTotals& v);
/// A PersonAttendance as JSON.
void to_json(Json& j, const PersonAttendance& v);
/// A PersonAttendance from JSON.
void from_json(const Json& j, PersonAttendance& v);
/// A SessionAttendance as JSON.
void to_json(Json& j, const SessionAttendance& v);
/// A SessionAttendance from JSON.
void from_json(const Json& j, SessionAttendance& v);
/// An AudienceAttendance as JSON.
void to_json(Json& j, const AudienceAttendance& v);
/// An AudienceAttendance from JSON.
void from_json(const Json& j, AudienceAttendance& v);
/// An AttendanceReport as JSON.
void to_json(Json& j, const AttendanceReport& v);
/// An AttendanceReport from JSON.
void from_json(const Json& j, AttendanceReport& v);
/// A CompletionCertificate as JSON (no schema tag; see to_document()).
void to_json(Json& j, const CompletionCertificate& v);
/// A CompletionCertificate from JSON; throws ParseError naming the field.
void from_json(const Json& j, CompletionCertificate& v);

}  // namespace vaekit
