#pragma once
/// @file
/// @brief The event vocabulary of the vaekit event log v1: events, roles, their data fields and
/// timestamps (a date, or a date-time with an offset).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"

namespace vaekit {

/// The events of the event log v1, in pathway order (docs/formats/event-log.md).
enum class EventKind : std::uint8_t {
  received,               ///< The person is received (assistant); data `channel`.
  informed,               ///< Informed on the conditions of access to VAE (assistant).
  appointment_booked,     ///< An appointment with a counsellor is booked (assistant); data `date`.
  appointment_held,       ///< An appointment took place (counsellor); data `minutes`.
  appointment_missed,     ///< The person did not come (counsellor, assistant).
  certification_chosen,   ///< A certification is chosen (counsellor); the code in `certification`.
  oriented,               ///< The orientation decision (counsellor); data `to`.
  admissibility_started,  ///< The admissibility request (livret 1) is being prepared (counsellor).
  admissibility_sent,     ///< The request is sent to the certifier; data `certifier`.
  admissibility_decided,  ///< The certifier's decision; data `decision`, `implicit`.
  support_started,        ///< Support while writing the validation file; data `funding`.
  support_session,        ///< A support session (counsellor); data `hours`.
  validation_file_sent,   ///< The validation file (livret 2) is sent (candidate).
  jury_scheduled,         ///< A jury is scheduled (certifier); data `date`.
  jury_held,              ///< The jury was held (jury); data `result`.
  dropped_out,            ///< The person drops out (any role but jury); data `reason`.
  reactivated,            ///< A dropped-out, inactive or archived case resumes (any role).
  archived,               ///< The case is archived (assistant, counsellor, system); data `reason`.
};
/// Number of EventKind values.
inline constexpr std::size_t event_kind_count = 18;

/// Who records an event.
enum class Role : std::uint8_t {
  candidate,   ///< The person seeking a certification.
  assistant,   ///< Reception and appointments at the antenne.
  counsellor,  ///< The VAE counsellor (conseiller VAE).
  certifier,   ///< The body that owns the certification (certificateur).
  jury,        ///< The validation jury.
  funder,      ///< A funding body (OPCA/OPCO, CPF, region...).
  system,      ///< An automatic rule (silence decision, inactivity archiving).
};
/// Number of Role values.
inline constexpr std::size_t role_count = 7;

/// How a person came to the antenne (`received.channel`).
enum class Channel : std::uint8_t {
  walk_in,       ///< In person without appointment.
  phone,         ///< By telephone.
  online,        ///< Through a website or e-mail.
  info_session,  ///< At a collective information session.
};

/// Where the orientation decision sends the person (`oriented.to`).
enum class OrientationTarget : std::uint8_t {
  vae,                ///< Continue in VAE.
  vap,                ///< VAP 85: entry into higher education without the required diploma.
  training,           ///< Training (formation): the experience is not enough.
  skills_assessment,  ///< Bilan de compétences.
  other,              ///< Another scheme, or no follow-up.
};

/// The certifier's admissibility decision (`admissibility_decided.decision`).
enum class AdmissibilityDecision : std::uint8_t {
  admissible,      ///< Recevable.
  not_admissible,  ///< Non recevable.
  incomplete,      ///< Incomplete file: back to preparation.
};

/// Who funds the support (`support_started.funding`).
enum class Funding : std::uint8_t {
  cpf,       ///< Compte personnel de formation.
  opca,      ///< OPCA (until 31 March 2019).
  opco,      ///< OPCO (from 1 April 2019).
  region,    ///< The Conseil régional.
  employer,  ///< The employer.
  self,      ///< The person.
  none,      ///< No funding.
};

/// The jury's outcome (`jury_held.result`).
enum class JuryResult : std::uint8_t {
  full,     ///< Full validation.
  partial,  ///< Partial validation: the person may complete and return to the jury.
  refused,  ///< Refusal.
  absent,   ///< The candidate did not attend: the jury is to be rescheduled.
};

/// The stable name of an event, e.g. "admissibility_sent".
[[nodiscard]] std::string_view to_string(EventKind e) noexcept;
/// The stable name of a role, e.g. "counsellor".
[[nodiscard]] std::string_view to_string(Role r) noexcept;
/// The stable name of a channel, e.g. "walk_in".
[[nodiscard]] std::string_view to_string(Channel c) noexcept;
/// The stable name of an orientation target, e.g. "skills_assessment".
[[nodiscard]] std::string_view to_string(OrientationTarget t) noexcept;
/// The stable name of a decision, e.g. "not_admissible".
[[nodiscard]] std::string_view to_string(AdmissibilityDecision d) noexcept;
/// The stable name of a funding source, e.g. "opco".
[[nodiscard]] std::string_view to_string(Funding f) noexcept;
/// The stable name of a jury result, e.g. "partial".
[[nodiscard]] std::string_view to_string(JuryResult r) noexcept;

/// The event named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] EventKind event_kind_from_string(std::string_view name);
/// The event named @p name, or std::nullopt.
[[nodiscard]] std::optional<EventKind> try_event_kind_from_string(std::string_view name) noexcept;
/// The role named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] Role role_from_string(std::string_view name);
/// The role named @p name, or std::nullopt.
[[nodiscard]] std::optional<Role> try_role_from_string(std::string_view name) noexcept;
/// The channel named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] Channel channel_from_string(std::string_view name);
/// The channel named @p name, or std::nullopt.
[[nodiscard]] std::optional<Channel> try_channel_from_string(std::string_view name) noexcept;
/// The orientation target named @p name; throws InvalidArgument naming the value and the
/// accepted names.
[[nodiscard]] OrientationTarget orientation_target_from_string(std::string_view name);
/// The orientation target named @p name, or std::nullopt.
[[nodiscard]] std::optional<OrientationTarget> try_orientation_target_from_string(
    std::string_view name) noexcept;
/// The decision named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] AdmissibilityDecision admissibility_decision_from_string(std::string_view name);
/// The decision named @p name, or std::nullopt.
[[nodiscard]] std::optional<AdmissibilityDecision> try_admissibility_decision_from_string(
    std::string_view name) noexcept;
/// The funding source named @p name; throws InvalidArgument naming the value and the accepted
/// names.
[[nodiscard]] Funding funding_from_string(std::string_view name);
/// The funding source named @p name, or std::nullopt.
[[nodiscard]] std::optional<Funding> try_funding_from_string(std::string_view name) noexcept;
/// The organisation name of a funding source whose name changed on a date ("OPCA", "OPCO"), or
/// empty for the others (see vaekit/core/organisations.hpp).
[[nodiscard]] std::string_view funding_organisation(Funding f) noexcept;
/// The jury result named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] JuryResult jury_result_from_string(std::string_view name);
/// The jury result named @p name, or std::nullopt.
[[nodiscard]] std::optional<JuryResult> try_jury_result_from_string(std::string_view name) noexcept;

/// When an event happened: an ISO 8601 date `YYYY-MM-DD`, or a date-time with an offset
/// `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)` (precision kept to the millisecond).
///
/// Ordering for the "events in time order" rule: two date-times compare by instant (UTC); when
/// either is a plain date, they compare by their (local) dates, so a date and a date-time of the
/// same day are in order both ways.
class Timestamp {
 public:
  /// Midnight-less 1970-01-01.
  constexpr Timestamp() noexcept = default;
  /// A plain date (no time of day).
  constexpr Timestamp(Date d) noexcept : date_(d) {}  // NOLINT(google-explicit-constructor)
  /// A date-time: @p d at @p millis_of_day milliseconds after local midnight, at UTC offset
  /// @p offset_minutes; throws InvalidArgument for an impossible time or offset.
  Timestamp(Date d, std::int32_t millis_of_day, std::int16_t offset_minutes);
  /// Parses a date or a date-time with offset; throws ParseError naming @p source.
  static Timestamp parse(std::string_view text, std::string_view source = {});
  /// The local calendar date.
  [[nodiscard]] constexpr Date date() const noexcept { return date_; }
  /// Whether a time of day is given.
  [[nodiscard]] constexpr bool has_time() const noexcept { return millis_ >= 0; }
  /// Milliseconds after local midnight (0 for a plain date).
  [[nodiscard]] constexpr std::int32_t millis_of_day() const noexcept {
    return millis_ < 0 ? 0 : millis_;
  }
  /// UTC offset in minutes (0 for a plain date).
  [[nodiscard]] constexpr std::int16_t offset_minutes() const noexcept { return offset_; }
  /// Milliseconds since 1970-01-01T00:00Z (a plain date counts as its local midnight UTC).
  [[nodiscard]] constexpr std::int64_t utc_millis() const noexcept {
    return std::int64_t{date_.days_since_epoch()} * 86'400'000 + millis_of_day() -
           std::int64_t{offset_} * 60'000;
  }
  /// The ISO 8601 text (`Z` for a zero offset).
  [[nodiscard]] std::string to_string() const;
  /// Same date, time and offset.
  friend constexpr bool operator==(const Timestamp&, const Timestamp&) noexcept = default;

 private:
  Date date_;
  std::int32_t millis_ = -1;
  std::int16_t offset_ = 0;
};

/// Whether @p later happens strictly before @p earlier, the test used to refuse events out of
/// time order (see Timestamp for how dates and date-times compare).
[[nodiscard]] constexpr bool happens_before(const Timestamp& later,
                                            const Timestamp& earlier) noexcept {
  if (later.has_time() && earlier.has_time()) return later.utc_millis() < earlier.utc_millis();
  return later.date() < earlier.date();
}

/// The event-specific fields (`data` in the log); fields an event does not use stay empty.
struct EventData {
  std::optional<Channel> channel;                 ///< received.
  std::optional<Date> date;                       ///< appointment_booked, jury_scheduled.
  std::optional<std::int32_t> minutes;            ///< appointment_held.
  std::optional<OrientationTarget> to;            ///< oriented (required).
  std::string certifier;                          ///< admissibility_sent.
  std::optional<AdmissibilityDecision> decision;  ///< admissibility_decided (required).
  bool implicit = false;                          ///< admissibility_decided: decided by silence.
  std::optional<Funding> funding;                 ///< support_started.
  std::optional<double> hours;                    ///< support_session.
  std::optional<JuryResult> result;               ///< jury_held (required).
  /// dropped_out, archived; admissibility_decided: the certifier's reasons (a refusal or an
  /// incomplete file).
  std::string reason;
  /// jury_scheduled: the skill blocks presented (for a jury after a partial validation, only the
  /// missing ones); jury_held: the blocks validated (a partial validation). Codes as in the
  /// registry, e.g. "RNCP36004BC01". Optional (`data.blocks`, an array of strings).
  std::vector<std::string> blocks{};
  /// jury_scheduled or jury_held: the jury's composition, one entry per member giving the
  /// member's quality (e.g. "professionnel du secteur", "formateur"), never a name. Optional
  /// (`data.jury`, an array of strings); required from the regime whose `jury_min_members` is set.
  std::vector<std::string> jury{};
  Json extra;  ///< Data fields unknown to v1, kept as read (null when none).
  /// Field-wise equality.
  friend bool operator==(const EventData&, const EventData&) = default;
};

/// One event of a case: a line of the event log v1.
struct Event {
  std::string case_id;                   ///< The case (a pseudonym in exported logs).
  Timestamp at;                          ///< When.
  EventKind kind = EventKind::received;  ///< What.
  Role role = Role::system;              ///< Who recorded it.
  std::string antenne;                   ///< The antenne, or empty.
  std::string staff;                     ///< The staff member, or empty.
  std::string certification;             ///< RNCP or RS code, or empty.
  EventData data;                        ///< Event-specific fields.
  Json extra;  ///< Top-level fields unknown to v1, kept as read (null when none).
  /// Field-wise equality.
  friend bool operator==(const Event&, const Event&) = default;
};

/// Checks that @p e carries the data its kind requires (oriented.to,
/// admissibility_decided.decision, jury_held.result, certification_chosen.certification) and sane
/// values (minutes, hours >= 0); returns the offending field and reason, or std::nullopt when
/// valid.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> validate_event_data(
    const Event& e);

/// Checks the dated names an event uses against the table of vaekit/core/organisations.hpp
/// (`support_started funding="opca"` after 31 March 2019: OPCAs became OPCOs on 1 April 2019;
/// "opco" before); returns the field and the reason in French, or std::nullopt. Case::record()
/// refuses such a new event; readers of existing logs (EventLog.1) keep it as written and may
/// flag it with this function.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> dated_name_issue(const Event& e);

/// An event as its event-log line object (`case`, `at`, `event`, `role`, ...).
void to_json(Json& j, const Event& e);
/// An event from its event-log line object; throws ParseError naming the field.
void from_json(const Json& j, Event& e);
/// A Timestamp as its ISO text.
void to_json(Json& j, const Timestamp& t);
/// A Timestamp from its ISO text; throws ParseError.
void from_json(const Json& j, Timestamp& t);

}  // namespace vaekit
