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
  archived,  ///< The case is archived (assistant, counsellor, aap, system); data `reason`,
             ///< `reason_code`.
  // The France VAE era (issue 15), allowed additions to EventLog.1:
  candidacy_submitted,      ///< The candidacy is submitted (candidate); data `accompaniment`.
  candidacy_taken_charge,   ///< An AAP takes charge of the candidacy (aap).
  pathway_proposed,         ///< The AAP proposes the pathway (aap); data `*_hours`.
  pathway_confirmed,        ///< The candidate confirms the pathway (candidate).
  funding_requested,        ///< A funding request is sent (aap, candidate); data `funding_kind`...
  funding_decided,          ///< The funder decides (funder); data `funding_kind`, `granted`...
  feasibility_sent,         ///< The feasibility file is sent to the certifier (aap, candidate).
  feasibility_decided,      ///< The certifier's decision on it (certifier); data `decision`.
  validation_file_flagged,  ///< The certifier flags the validation file as not ready (certifier).
  lapsed,                   ///< Caducité: the feasibility decision lapsed (system).
  lapse_contested,          ///< The candidate contests the caducité (candidate).
  lapse_decided,            ///< The certifier decides on the contest (certifier); data `lifted`.
  profile_recorded,         ///< The person's pseudonymous profile (assistant, counsellor, aap,
                            ///< candidate); data `sex`, `age_band`, `employment`...
  followup_recorded,        ///< A follow-up after the jury (counsellor, system); data `months`,
                            ///< `situation`.
};
/// Number of EventKind values.
inline constexpr std::size_t event_kind_count = 32;

/// Who records an event.
enum class Role : std::uint8_t {
  candidate,   ///< The person seeking a certification.
  assistant,   ///< Reception and appointments at the antenne.
  counsellor,  ///< The VAE counsellor (conseiller VAE).
  certifier,   ///< The body that owns the certification (certificateur).
  jury,        ///< The validation jury.
  funder,      ///< A funding body (OPCA/OPCO, CPF, region...).
  system,      ///< An automatic rule (silence decision, inactivity archiving).
  aap,         ///< France VAE's architecte accompagnateur de parcours (an organism).
};
/// Number of Role values.
inline constexpr std::size_t role_count = 8;

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
  cpf,         ///< Compte personnel de formation.
  opca,        ///< OPCA (until 31 March 2019).
  opco,        ///< OPCO (from 1 April 2019).
  region,      ///< The Conseil régional.
  employer,    ///< The employer.
  self,        ///< The person.
  none,        ///< No funding.
  france_vae,  ///< The France VAE service (its funding module), from the reform.
};

/// The jury's outcome (`jury_held.result`).
enum class JuryResult : std::uint8_t {
  full,                   ///< Full validation.
  partial,                ///< Partial validation: the person may complete and return to the jury.
  refused,                ///< Refusal.
  absent,                 ///< The candidate did not attend: the jury is to be rescheduled.
  partial_certification,  ///< France VAE: full success on a partial certification (the blocks
                          ///< the candidacy aimed at, in `blocks`).
};

/// Whether the candidacy is accompanied by an AAP (`candidacy_submitted.accompaniment`).
enum class Accompaniment : std::uint8_t {
  accompanied,  ///< With an architecte accompagnateur de parcours.
  autonomous,   ///< Without: no AAP, no pathway or accompaniment funding.
};

/// What a funding request pays for (`funding_requested.funding_kind`, `funding_decided`).
enum class FundingKind : std::uint8_t {
  individual_support,  ///< Hours of individual accompaniment.
  collective_support,  ///< Hours of collective accompaniment.
  training,            ///< Complementary (mandatory) training.
  basic_skills,        ///< Basic skills (savoirs de base).
  jury_fees,           ///< The certifier's jury fees.
  other,               ///< Anything else.
};

/// France VAE's coded drop-out and archiving reasons (`dropped_out`, `archived`: `reason_code`).
enum class ReasonCode : std::uint8_t {
  inactivity,                 ///< INACTIVITE_CANDIDAT.
  multiple_candidacies,       ///< MULTI_CANDIDATURES.
  autonomous_to_accompanied,  ///< PASSAGE_AUTONOME_A_ACCOMPAGNE.
  funding_problem,            ///< PROBLEME_FINANCEMENT.
  reorientation,              ///< REORIENTATION_HORS_FRANCE_VAE.
  back_to_work,               ///< REPRISE_EMPLOI.
  training_entry,             ///< ENTREE_EN_FORMATION.
  discouragement,             ///< DECOURAGEMENT.
  personal_reasons,           ///< RAISONS_PERSONNELLES.
  change_of_project,          ///< CHANGEMENT_DE_PROJET.
  lack_of_time,               ///< MANQUE_DE_TEMPS.
  not_interested,             ///< NON_INTERESSE.
  pay_not_obtained,           ///< REMUNERATION_NON_OBTENUE.
  aap_unfavourable,           ///< AVIS_DEFAVORABLE_AAP.
  pathway_funding_problem,    ///< PROBLEME_FINANCEMENT_PARCOURS.
  certifier_fees_problem,     ///< PROBLEME_FINANCEMENT_CERTIFICATEUR.
  delays_too_long,            ///< DELAIS_TROP_LONG.
  prerequisite_not_met,       ///< NON_OBTENTION_PRE_REQUIS.
  created_in_error,           ///< CANDIDATURE_CREEE_PAR_ERREUR.
  archived_by_candidate,      ///< ARCHIVER_PAR_LE_CANDIDAT.
  other,                      ///< AUTRE, or a reason of the network's own.
};

/// The person's sex as stated (`profile_recorded.sex`).
enum class Sex : std::uint8_t {
  woman,       ///< Woman.
  man,         ///< Man.
  not_stated,  ///< Not stated.
};

/// The age band at reception (`profile_recorded.age_band`): no birth date is kept.
enum class AgeBand : std::uint8_t {
  under_26,       ///< Under 26.
  from_26_to_34,  ///< 26 to 34 (code `26_34`).
  from_35_to_44,  ///< 35 to 44 (code `35_44`).
  from_45_to_54,  ///< 45 to 54 (code `45_54`).
  from_55,        ///< 55 and over (code `55_plus`).
  not_stated,     ///< Not stated.
};

/// The employment situation, France VAE's CandidateTypology (`profile_recorded.employment`).
enum class Employment : std::uint8_t {
  private_employee,      ///< SALARIE_PRIVE.
  public_employee,       ///< SALARIE_PUBLIC.
  hospital_employee,     ///< SALARIE_PUBLIC_HOSPITALIER.
  work_study,            ///< SALARIE_ALTERNANT.
  temp_worker,           ///< SALARIE_INTERIMAIRE.
  intermittent,          ///< SALARIE_INTERMITTENT.
  subsidised_contract,   ///< SALARIE_EN_CONTRATS_AIDES.
  self_employed,         ///< TRAVAILLEUR_NON_SALARIE.
  collaborating_spouse,  ///< CONJOINT_COLLABORATEUR.
  job_seeker,            ///< DEMANDEUR_EMPLOI.
  family_caregiver,      ///< AIDANTS_FAMILIAUX.
  volunteer,             ///< BENEVOLE.
  trainee,               ///< STAGIAIRE.
  other,                 ///< AUTRE.
  not_stated,            ///< NON_SPECIFIE.
};

/// The highest qualification level held (`profile_recorded.qualification`), by the national
/// framework's levels (décret 2019-14).
enum class Qualification : std::uint8_t {
  none,        ///< No qualification.
  level_3,     ///< Level 3 (CAP, BEP).
  level_4,     ///< Level 4 (baccalauréat).
  level_5,     ///< Level 5 (bac + 2).
  level_6,     ///< Level 6 (licence, bac + 3).
  level_7,     ///< Level 7 (master, bac + 5).
  level_8,     ///< Level 8 (doctorate).
  not_stated,  ///< Not stated.
};

/// The département of residence (`profile_recorded.departement`): a closed list of 103 values,
/// the index of the code in departement_names (vaekit/pathway/vocabulary.hpp): the 102 official
/// codes "01".."19", "2A", "2B", "21".."95", "971".."976" in their official order (0 to 101),
/// then not_stated. Only not_stated is named; departement_names gives every code.
enum class Departement : std::uint8_t {
  not_stated = 102,  ///< Not stated (after the 102 codes).
};

/// A yes/no answer that may be withheld (`profile_recorded.qpv`, `.rqth`).
enum class YesNo : std::uint8_t {
  yes,         ///< Yes.
  no,          ///< No.
  not_stated,  ///< Not stated.
};

/// The person's situation at a follow-up after the jury (`followup_recorded.situation`).
enum class Situation : std::uint8_t {
  same_job,    ///< In the same job.
  promotion,   ///< Promoted (same employer).
  new_job,     ///< In a new job.
  job_seeker,  ///< Seeking a job.
  training,    ///< In training.
  other,       ///< Another situation.
  no_answer,   ///< The survey got no answer.
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
/// The stable name of an accompaniment, e.g. "autonomous".
[[nodiscard]] std::string_view to_string(Accompaniment a) noexcept;
/// The stable name of a funding kind, e.g. "jury_fees".
[[nodiscard]] std::string_view to_string(FundingKind k) noexcept;
/// The stable name of a reason code, e.g. "inactivity".
[[nodiscard]] std::string_view to_string(ReasonCode r) noexcept;
/// The stable name of a sex, e.g. "not_stated".
[[nodiscard]] std::string_view to_string(Sex s) noexcept;
/// The stable name of an age band, e.g. "26_34".
[[nodiscard]] std::string_view to_string(AgeBand a) noexcept;
/// The stable name of an employment situation, e.g. "job_seeker".
[[nodiscard]] std::string_view to_string(Employment e) noexcept;
/// The stable name of a qualification level, e.g. "level_4".
[[nodiscard]] std::string_view to_string(Qualification q) noexcept;
/// The code of a département, e.g. "2A", or "not_stated".
[[nodiscard]] std::string_view to_string(Departement d) noexcept;
/// The département of code @p code ("75", "2A", "971", or "not_stated"), or std::nullopt.
[[nodiscard]] std::optional<Departement> try_departement_from_string(
    std::string_view code) noexcept;
/// The stable name of a yes/no answer, e.g. "not_stated".
[[nodiscard]] std::string_view to_string(YesNo y) noexcept;
/// The stable name of a follow-up situation, e.g. "new_job".
[[nodiscard]] std::string_view to_string(Situation s) noexcept;

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
  // The France VAE era (issue 15): allowed additions to EventLog.1.
  std::optional<Accompaniment> accompaniment;  ///< candidacy_submitted (required).
  std::optional<double> individual_hours;      ///< pathway_proposed: individual support hours.
  std::optional<double> collective_hours;      ///< pathway_proposed: collective support hours.
  std::optional<double> training_hours;        ///< pathway_proposed: training hours.
  std::optional<FundingKind> funding_kind;     ///< funding_requested, funding_decided (required).
  std::optional<double> amount;                ///< funding_requested, funding_decided: euros.
  bool granted = false;                        ///< funding_decided: the request is granted.
  std::optional<ReasonCode> reason_code;       ///< dropped_out, archived: the coded reason.
  bool lifted = false;                         ///< lapse_decided: the caducité is lifted.
  std::optional<Sex> sex;                      ///< profile_recorded.
  std::optional<AgeBand> age_band;             ///< profile_recorded: age band at reception.
  std::optional<Employment> employment;        ///< profile_recorded: CandidateTypology.
  std::optional<Qualification> qualification;  ///< profile_recorded: highest level held.
  std::optional<Departement> departement;      ///< profile_recorded: "75", "2A", "971".
  std::optional<YesNo> qpv;                    ///< profile_recorded: priority neighbourhood.
  std::optional<YesNo> rqth;                   ///< profile_recorded: recognised disability.
  std::optional<std::int32_t> months;          ///< followup_recorded: 6 or 12 (required).
  std::optional<Situation> situation;          ///< followup_recorded (required).
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
