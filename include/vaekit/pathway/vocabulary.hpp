#pragma once
/// @file
/// @brief THE vocabulary of the event log v1, described once as data: the names of the events,
/// roles and enumerations, and the table of the `data` fields (type, allowed values, the events
/// that carry or require each, range, free text, personal, payload column). The readers (full and
/// fast), the validator, the columnar payload, the Python binding and the format page
/// docs/formats/event-log.md are derived from it, as the transition table (transitions.hpp)
/// describes the pathway.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/transitions.hpp"

namespace vaekit {

/// The names of the events, in EventKind order.
inline constexpr std::array<std::string_view, event_kind_count> event_kind_names = {
    "received",
    "informed",
    "appointment_booked",
    "appointment_held",
    "appointment_missed",
    "certification_chosen",
    "oriented",
    "admissibility_started",
    "admissibility_sent",
    "admissibility_decided",
    "support_started",
    "support_session",
    "validation_file_sent",
    "jury_scheduled",
    "jury_held",
    "dropped_out",
    "reactivated",
    "archived",
    "candidacy_submitted",
    "candidacy_taken_charge",
    "pathway_proposed",
    "pathway_confirmed",
    "funding_requested",
    "funding_decided",
    "feasibility_sent",
    "feasibility_decided",
    "validation_file_flagged",
    "lapsed",
    "lapse_contested",
    "lapse_decided",
    "profile_recorded",
    "followup_recorded"};
/// The names of the roles, in Role order.
inline constexpr std::array<std::string_view, role_count> role_names = {
    "candidate", "assistant", "counsellor", "certifier", "jury", "funder", "system", "aap"};
/// The names of the channels, in Channel order.
inline constexpr std::array<std::string_view, 4> channel_names = {"walk_in", "phone", "online",
                                                                  "info_session"};
/// The names of the orientation targets, in OrientationTarget order.
inline constexpr std::array<std::string_view, 5> orientation_target_names = {
    "vae", "vap", "training", "skills_assessment", "other"};
/// The names of the admissibility decisions, in AdmissibilityDecision order.
inline constexpr std::array<std::string_view, 3> admissibility_decision_names = {
    "admissible", "not_admissible", "incomplete"};
/// The names of the funding sources, in Funding order.
inline constexpr std::array<std::string_view, 8> funding_names = {
    "cpf", "opca", "opco", "region", "employer", "self", "none", "france_vae"};
/// The names of the jury results, in JuryResult order.
inline constexpr std::array<std::string_view, 5> jury_result_names = {
    "full", "partial", "refused", "absent", "partial_certification"};
/// The names of the accompaniments, in Accompaniment order.
inline constexpr std::array<std::string_view, 2> accompaniment_names = {"accompanied",
                                                                        "autonomous"};
/// The names of the funding kinds, in FundingKind order.
inline constexpr std::array<std::string_view, 6> funding_kind_names = {
    "individual_support", "collective_support", "training", "basic_skills", "jury_fees", "other"};
/// The names of the coded drop-out and archiving reasons, in ReasonCode order.
inline constexpr std::array<std::string_view, 21> reason_code_names = {"inactivity",
                                                                       "multiple_candidacies",
                                                                       "autonomous_to_accompanied",
                                                                       "funding_problem",
                                                                       "reorientation",
                                                                       "back_to_work",
                                                                       "training_entry",
                                                                       "discouragement",
                                                                       "personal_reasons",
                                                                       "change_of_project",
                                                                       "lack_of_time",
                                                                       "not_interested",
                                                                       "pay_not_obtained",
                                                                       "aap_unfavourable",
                                                                       "pathway_funding_problem",
                                                                       "certifier_fees_problem",
                                                                       "delays_too_long",
                                                                       "prerequisite_not_met",
                                                                       "created_in_error",
                                                                       "archived_by_candidate",
                                                                       "other"};
/// The names of the sexes, in Sex order.
inline constexpr std::array<std::string_view, 3> sex_names = {"woman", "man", "not_stated"};
/// The names of the age bands, in AgeBand order.
inline constexpr std::array<std::string_view, 6> age_band_names = {
    "under_26", "26_34", "35_44", "45_54", "55_plus", "not_stated"};
/// The names of the employment situations, in Employment order.
inline constexpr std::array<std::string_view, 15> employment_names = {"private_employee",
                                                                      "public_employee",
                                                                      "hospital_employee",
                                                                      "work_study",
                                                                      "temp_worker",
                                                                      "intermittent",
                                                                      "subsidised_contract",
                                                                      "self_employed",
                                                                      "collaborating_spouse",
                                                                      "job_seeker",
                                                                      "family_caregiver",
                                                                      "volunteer",
                                                                      "trainee",
                                                                      "other",
                                                                      "not_stated"};
/// The names of the qualification levels, in Qualification order.
inline constexpr std::array<std::string_view, 8> qualification_names = {
    "none", "level_3", "level_4", "level_5", "level_6", "level_7", "level_8", "not_stated"};
/// The values of `profile_recorded.departement`, in Departement order: the 102 département codes
/// of the Code officiel géographique (INSEE) in their official order — "01".."19", "2A", "2B",
/// "21".."95" (metropolitan France; "20" is no longer a code since 1976), "971".."976" (the five
/// overseas départements and 975, Saint-Pierre-et-Miquelon, a collectivité d'outre-mer coded in
/// the same series, whose residents also apply) — then "not_stated", as for every attribute.
inline constexpr std::array<std::string_view, 103> departement_names = {
    "01", "02", "03", "04", "05", "06",  "07",  "08",  "09",  "10",  "11",  "12",        "13",
    "14", "15", "16", "17", "18", "19",  "2A",  "2B",  "21",  "22",  "23",  "24",        "25",
    "26", "27", "28", "29", "30", "31",  "32",  "33",  "34",  "35",  "36",  "37",        "38",
    "39", "40", "41", "42", "43", "44",  "45",  "46",  "47",  "48",  "49",  "50",        "51",
    "52", "53", "54", "55", "56", "57",  "58",  "59",  "60",  "61",  "62",  "63",        "64",
    "65", "66", "67", "68", "69", "70",  "71",  "72",  "73",  "74",  "75",  "76",        "77",
    "78", "79", "80", "81", "82", "83",  "84",  "85",  "86",  "87",  "88",  "89",        "90",
    "91", "92", "93", "94", "95", "971", "972", "973", "974", "975", "976", "not_stated"};
static_assert(departement_names[static_cast<std::size_t>(Departement::not_stated)] == "not_stated");
/// The names of a yes/no answer, in YesNo order.
inline constexpr std::array<std::string_view, 3> yes_no_names = {"yes", "no", "not_stated"};
/// The names of the follow-up situations, in Situation order.
inline constexpr std::array<std::string_view, 7> situation_names = {
    "same_job", "promotion", "new_job", "job_seeker", "training", "other", "no_answer"};

/// A set of events (a bit mask over EventKind; 64 bits since issue 15).
using EventSet = std::uint64_t;
static_assert(event_kind_count <= 64, "EventSet holds every event");
/// The set holding @p e and the events @p more.
template <class... More>
[[nodiscard]] constexpr EventSet event_set(EventKind e, More... more) noexcept {
  static_assert((std::is_same_v<More, EventKind> && ...));
  return static_cast<EventSet>((EventSet{1} << static_cast<unsigned>(e)) |
                               ((EventSet{1} << static_cast<unsigned>(more)) | ... | EventSet{0}));
}
/// Whether @p set holds @p e.
[[nodiscard]] constexpr bool contains(EventSet set, EventKind e) noexcept {
  return (set & event_set(e)) != 0;
}

/// The JSON type of a data field and the C++ type of its EventData member.
enum class FieldType : std::uint8_t {
  enumeration,  ///< A string among FieldSpec::values (std::optional of the enum).
  date,         ///< An ISO 8601 date string `YYYY-MM-DD` (std::optional<Date>).
  integer,      ///< A JSON integer within [min, max] (std::optional<std::int32_t>).
  number,       ///< A finite JSON number within [min, max] (std::optional<double>).
  boolean,      ///< true or false; absent means false (bool).
  text,         ///< A string; absent means empty (std::string).
  text_list,    ///< An array of strings; absent means empty (std::vector<std::string>).
};

/// How a field is kept in the columnar log's 32-bit payload column (EventLog, encode_payload()).
///
/// The value fields an event carries are packed in mixed radix, by FieldSpec::payload_rank then
/// table order: each field's digit is its value + 1 (0 when absent) and its radix the number of
/// its values + 1, so the payload is d0 + r0 * (d1 + r1 * (d2 + ...)). An event with a single
/// value field (every event of the 2017 vocabulary) keeps exactly the value + 1 it always had; a
/// field added later to an event that had digits takes a higher rank (its digit goes above the
/// others), so that no payload written before changes. A flag field adds payload_flag_bit; the
/// value digits of an event with a flag must then fit below it.
enum class PayloadRole : std::uint8_t {
  none,   ///< Not kept (free text, dates, lists, amounts and hours).
  value,  ///< A digit of the mixed radix: the value + 1 (an enumeration's index, or an integer's
          ///< (value - min) / step), 0 when absent.
  flag,   ///< The bit payload_flag_bit when true.
};
/// The payload bit of a PayloadRole::flag field (`admissibility_decided.implicit`,
/// `funding_decided.granted`, `lapse_decided.lifted`).
inline constexpr std::uint32_t payload_flag_bit = 0x100;

/// One field of an event's `data` object (a row of event_data_fields).
struct FieldSpec {
  std::string_view name;                          ///< The JSON key, e.g. "channel".
  FieldType type = FieldType::text;               ///< Its type.
  std::span<const std::string_view> values = {};  ///< The allowed names (enumeration only).
  EventSet events = 0;                            ///< The events that carry it.
  EventSet required = 0;                          ///< The events that require it.
  bool only_on_events = false;  ///< Refused on any other event (else kept but meaningless there).
  double min = 0;               ///< The smallest value (integer and number).
  double max = 0;               ///< The largest value (integer and number).
  std::int32_t step = 1;        ///< integer: the value is min + a multiple of step (months: 6).
  bool free_text = false;       ///< Free text (never in the columnar log).
  bool personal = false;        ///< May hold personal data (never quoted in a message).
  PayloadRole payload = PayloadRole::none;  ///< How the columnar log keeps it.
  /// PayloadRole::value: the digit's rank (digits go by rank, then table order; see PayloadRole).
  std::uint8_t payload_rank = 0;
  std::string_view item = {};     ///< text_list: what an item is, for messages ("block code").
  std::string_view unique = {};   ///< text_list: the item's name when items must be unique.
  std::string_view meaning = {};  ///< What it means, in one English phrase (for the format page).
};

/// The fields of `data`, in the order of EventData's members.
enum class DataField : std::uint8_t {
  channel,    ///< received: how the person came.
  date,       ///< appointment_booked, jury_scheduled: the date booked.
  minutes,    ///< appointment_held: its length.
  to,         ///< oriented: where the person goes.
  certifier,  ///< admissibility_sent: the certifier.
  decision,   ///< admissibility_decided: the decision.
  implicit,   ///< admissibility_decided: decided by silence.
  funding,    ///< support_started: who funds.
  hours,      ///< support_session: its length.
  result,     ///< jury_held: the outcome.
  reason,     ///< dropped_out, archived, admissibility_decided: why.
  blocks,     ///< jury_scheduled, jury_held: skill blocks.
  jury,       ///< jury_scheduled, jury_held: the jury's composition.
  // The France VAE era (issue 15):
  accompaniment,     ///< candidacy_submitted: accompanied or autonomous.
  individual_hours,  ///< pathway_proposed: hours of individual support.
  collective_hours,  ///< pathway_proposed: hours of collective support.
  training_hours,    ///< pathway_proposed: hours of training.
  funding_kind,      ///< funding_requested, funding_decided: what is funded.
  amount,            ///< funding_requested, funding_decided: euros.
  granted,           ///< funding_decided: granted.
  reason_code,       ///< dropped_out, archived: France VAE's coded reason.
  lifted,            ///< lapse_decided: the caducité is lifted.
  sex,               ///< profile_recorded.
  age_band,          ///< profile_recorded.
  employment,        ///< profile_recorded.
  qualification,     ///< profile_recorded.
  departement,       ///< profile_recorded.
  qpv,               ///< profile_recorded.
  rqth,              ///< profile_recorded.
  months,            ///< followup_recorded: 6 or 12.
  situation,         ///< followup_recorded.
};
/// Number of DataField values.
inline constexpr std::size_t data_field_count = 31;

/// THE table of the `data` fields of the event log v1, in DataField order (= EventData's members).
inline constexpr std::array<FieldSpec, data_field_count> event_data_fields = {{
    {.name = "channel",
     .type = FieldType::enumeration,
     .values = channel_names,
     .events = event_set(EventKind::received),
     .payload = PayloadRole::value,
     .meaning = "how the person came"},
    {.name = "date",
     .type = FieldType::date,
     .events = event_set(EventKind::appointment_booked, EventKind::jury_scheduled),
     .meaning = "the appointment's or jury's date"},
    {.name = "minutes",
     .type = FieldType::integer,
     .events = event_set(EventKind::appointment_held),
     .min = 0,
     .max = 24 * 60,
     .payload = PayloadRole::value,
     .meaning = "the appointment's length in minutes"},
    {.name = "to",
     .type = FieldType::enumeration,
     .values = orientation_target_names,
     .events = event_set(EventKind::oriented),
     .required = event_set(EventKind::oriented),
     .payload = PayloadRole::value,
     .meaning = "where the orientation sends the person"},
    {.name = "certifier",
     .type = FieldType::text,
     .events = event_set(EventKind::admissibility_sent, EventKind::feasibility_sent),
     .free_text = true,
     .meaning = "the certifier the request is sent to"},
    {.name = "decision",
     .type = FieldType::enumeration,
     .values = admissibility_decision_names,
     .events = event_set(EventKind::admissibility_decided, EventKind::feasibility_decided),
     .required = event_set(EventKind::admissibility_decided, EventKind::feasibility_decided),
     .payload = PayloadRole::value,
     .meaning = "the certifier's decision (admissibility, or the feasibility file)"},
    {.name = "implicit",
     .type = FieldType::boolean,
     .events = event_set(EventKind::admissibility_decided, EventKind::feasibility_decided),
     .only_on_events = true,
     .payload = PayloadRole::flag,
     .meaning = "true when decided by silence"},
    {.name = "funding",
     .type = FieldType::enumeration,
     .values = funding_names,
     .events = event_set(EventKind::support_started, EventKind::funding_requested,
                         EventKind::funding_decided),
     .payload = PayloadRole::value,
     .meaning = "who funds the support (the funder asked, or deciding)"},
    {.name = "hours",
     .type = FieldType::number,
     .events = event_set(EventKind::support_session, EventKind::funding_requested,
                         EventKind::funding_decided),
     .min = 0,
     .max = 10'000,
     .meaning = "the session's length in hours; the hours requested or granted"},
    {.name = "result",
     .type = FieldType::enumeration,
     .values = jury_result_names,
     .events = event_set(EventKind::jury_held),
     .required = event_set(EventKind::jury_held),
     .payload = PayloadRole::value,
     .meaning = "the jury's outcome"},
    {.name = "reason",
     .type = FieldType::text,
     .events =
         event_set(EventKind::dropped_out, EventKind::archived, EventKind::admissibility_decided),
     .free_text = true,
     .personal = true,
     .meaning = "why (a drop-out, an archiving, the certifier's reasons)"},
    {.name = "blocks",
     .type = FieldType::text_list,
     .events = event_set(EventKind::jury_scheduled, EventKind::jury_held),
     .only_on_events = true,
     .item = "block code",
     .unique = "block",
     .meaning = "skill blocks presented (jury_scheduled) or validated (jury_held), e.g. "
                "`RNCP36004BC01`"},
    {.name = "jury",
     .type = FieldType::text_list,
     .events = event_set(EventKind::jury_scheduled, EventKind::jury_held),
     .only_on_events = true,
     .item = "jury member quality",
     .meaning = "the jury's composition: each member's quality, never a name"},
    // The France VAE era (issue 15): allowed additions to EventLog.1.
    {.name = "accompaniment",
     .type = FieldType::enumeration,
     .values = accompaniment_names,
     .events = event_set(EventKind::candidacy_submitted),
     .required = event_set(EventKind::candidacy_submitted),
     .payload = PayloadRole::value,
     .meaning = "accompanied by an AAP, or autonomous"},
    {.name = "individual_hours",
     .type = FieldType::number,
     .events = event_set(EventKind::pathway_proposed),
     .min = 0,
     .max = 10'000,
     .meaning = "hours of individual accompaniment proposed"},
    {.name = "collective_hours",
     .type = FieldType::number,
     .events = event_set(EventKind::pathway_proposed),
     .min = 0,
     .max = 10'000,
     .meaning = "hours of collective accompaniment proposed"},
    {.name = "training_hours",
     .type = FieldType::number,
     .events = event_set(EventKind::pathway_proposed),
     .min = 0,
     .max = 10'000,
     .meaning = "hours of complementary training proposed"},
    {.name = "funding_kind",
     .type = FieldType::enumeration,
     .values = funding_kind_names,
     .events = event_set(EventKind::funding_requested, EventKind::funding_decided),
     .required = event_set(EventKind::funding_requested, EventKind::funding_decided),
     .payload = PayloadRole::value,
     .meaning = "what the funding pays for"},
    {.name = "amount",
     .type = FieldType::number,
     .events = event_set(EventKind::funding_requested, EventKind::funding_decided),
     .min = 0,
     .max = 1'000'000,
     .meaning = "the amount requested or granted, in euros"},
    {.name = "granted",
     .type = FieldType::boolean,
     .events = event_set(EventKind::funding_decided),
     .payload = PayloadRole::flag,
     .meaning = "true when the funding is granted"},
    {.name = "reason_code",
     .type = FieldType::enumeration,
     .values = reason_code_names,
     .events = event_set(EventKind::dropped_out, EventKind::archived),
     .payload = PayloadRole::value,
     .meaning = "France VAE's coded drop-out or archiving reason (beside the free-text `reason`)"},
    {.name = "lifted",
     .type = FieldType::boolean,
     .events = event_set(EventKind::lapse_decided),
     .payload = PayloadRole::flag,
     .meaning = "true when the caducité is lifted"},
    {.name = "sex",
     .type = FieldType::enumeration,
     .values = sex_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     .meaning = "the person's sex as stated"},
    {.name = "age_band",
     .type = FieldType::enumeration,
     .values = age_band_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     .meaning = "the age band at reception (no birth date is kept)"},
    {.name = "employment",
     .type = FieldType::enumeration,
     .values = employment_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     .meaning = "the employment situation (France VAE's CandidateTypology)"},
    {.name = "qualification",
     .type = FieldType::enumeration,
     .values = qualification_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     .meaning = "the highest qualification level held"},
    {.name = "departement",
     .type = FieldType::enumeration,
     .values = departement_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     // Kept since the payload has 32 bits: the highest digit, so that the payload of a profile
     // without département is the one the 16-bit column had.
     .payload_rank = 1,
     .meaning = "the département of residence: its official code (`01` to `95` with `2A` and "
                "`2B`, `971` to `976`), or `not_stated`"},
    {.name = "qpv",
     .type = FieldType::enumeration,
     .values = yes_no_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     .meaning = "lives in a priority neighbourhood (quartier prioritaire de la ville)"},
    {.name = "rqth",
     .type = FieldType::enumeration,
     .values = yes_no_names,
     .events = event_set(EventKind::profile_recorded),
     .payload = PayloadRole::value,
     .meaning = "recognised disabled worker (RQTH)"},
    {.name = "months",
     .type = FieldType::integer,
     .events = event_set(EventKind::followup_recorded),
     .required = event_set(EventKind::followup_recorded),
     .min = 6,
     .max = 12,
     .step = 6,
     .payload = PayloadRole::value,
     .meaning = "months after the jury: 6 or 12"},
    {.name = "situation",
     .type = FieldType::enumeration,
     .values = situation_names,
     .events = event_set(EventKind::followup_recorded),
     .required = event_set(EventKind::followup_recorded),
     .payload = PayloadRole::value,
     .meaning = "the situation at the follow-up"},
}};

/// The radix of field @p f's digit in the payload (see PayloadRole): its values + 1 (absent).
[[nodiscard]] constexpr std::uint32_t payload_radix(const FieldSpec& f) noexcept {
  if (f.type == FieldType::enumeration) return static_cast<std::uint32_t>(f.values.size()) + 1;
  if (f.type == FieldType::integer) return static_cast<std::uint32_t>((f.max - f.min) / f.step) + 2;
  return 1;
}
/// Whether field @p f is a digit of the payload of event @p e.
[[nodiscard]] constexpr bool payload_digit_of(const FieldSpec& f, EventKind e) noexcept {
  return f.payload == PayloadRole::value && contains(f.events, e);
}
/// The product of the radices of the value fields event @p e carries (the payload's range).
[[nodiscard]] constexpr std::uint64_t payload_range(EventKind e) noexcept {
  std::uint64_t r = 1;
  for (const FieldSpec& f : event_data_fields) {
    if (payload_digit_of(f, e)) r *= payload_radix(f);
  }
  return r;
}
/// The weight of field @p field's digit in the payload of event @p e (see PayloadRole): the
/// product of the radices of the digits below it (by payload_rank, then table order); 0 when it is
/// not a digit of @p e.
[[nodiscard]] constexpr std::uint64_t payload_weight(EventKind e, std::size_t field) noexcept {
  const FieldSpec& g = event_data_fields[field];
  if (!payload_digit_of(g, e)) return 0;
  std::uint64_t w = 1;
  for (std::size_t k = 0; k < event_data_fields.size(); ++k) {
    const FieldSpec& f = event_data_fields[k];
    if (!payload_digit_of(f, e)) continue;
    if (f.payload_rank < g.payload_rank || (f.payload_rank == g.payload_rank && k < field))
      w *= payload_radix(f);
  }
  return w;
}
/// Whether event @p e carries a PayloadRole::flag field.
[[nodiscard]] constexpr bool payload_has_flag(EventKind e) noexcept {
  for (const FieldSpec& f : event_data_fields) {
    if (f.payload == PayloadRole::flag && contains(f.events, e)) return true;
  }
  return false;
}
/// Whether every event's payload fits the 32-bit column (below the flag bit when it has a flag,
/// and at most one flag per event).
[[nodiscard]] constexpr bool payload_fits() noexcept {
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    const auto e = static_cast<EventKind>(k);
    int flags = 0;
    for (const FieldSpec& f : event_data_fields)
      if (f.payload == PayloadRole::flag && contains(f.events, e)) ++flags;
    if (flags > 1) return false;
    if (payload_range(e) > (flags != 0 ? std::uint64_t{payload_flag_bit} : std::uint64_t{1} << 32))
      return false;
  }
  return true;
}
static_assert(payload_fits(), "every event's payload fits its 32 bits");
// The mixed radix of profile_recorded (sex 4, age band 7, employment 16, qualification 9, qpv 4,
// rqth 4, then the département's 104 above them) no longer fits 16 bits: why the column has 32.
static_assert(payload_range(EventKind::profile_recorded) == 4u * 7u * 16u * 9u * 4u * 4u * 104u);
static_assert(payload_range(EventKind::profile_recorded) > 0x10000u);
// Every event of the 2017 vocabulary (received .. archived) keeps its one digit (value + 1) within
// the 16 bits it had.
static_assert([] {
  for (std::size_t k = 0; k <= static_cast<std::size_t>(EventKind::archived); ++k) {
    if (payload_range(static_cast<EventKind>(k)) > 0x10000u) return false;
  }
  return true;
}());

/// The events that require the top-level `certification` field (the only rule of the vocabulary
/// on a field outside `data`).
inline constexpr EventSet certification_required = event_set(EventKind::certification_chosen);

/// The field spec of @p f.
[[nodiscard]] constexpr const FieldSpec& spec(DataField f) noexcept {
  return event_data_fields[static_cast<std::size_t>(f)];
}
/// The data field named @p name, or std::nullopt (unknown to v1: kept in EventData::extra).
[[nodiscard]] constexpr std::optional<DataField> try_data_field_from_string(
    std::string_view name) noexcept {
  for (std::size_t i = 0; i < data_field_count; ++i) {
    if (event_data_fields[i].name == name) return static_cast<DataField>(i);
  }
  return std::nullopt;
}
/// The stable name of a field type, e.g. "enumeration".
[[nodiscard]] std::string_view to_string(FieldType t) noexcept;
/// The stable name of a payload role, e.g. "value".
[[nodiscard]] std::string_view to_string(PayloadRole p) noexcept;

/// The roles that may record @p e, from the transition table (the union over its rows).
[[nodiscard]] RoleSet recording_roles(EventKind e) noexcept;

/// The payload of an event of @p kind in the columnar log's 32-bit column, derived from the
/// table: the mixed radix of the PayloadRole::value fields that @p kind carries (each digit the
/// value + 1, 0 when absent; see PayloadRole), plus payload_flag_bit for a set PayloadRole::flag
/// field. Other fields are not kept.
[[nodiscard]] std::uint32_t payload_of(EventKind kind, const EventData& data) noexcept;
/// The data fields of an event of @p kind rebuilt from its @p payload (see payload_of()).
[[nodiscard]] EventData data_of_payload(EventKind kind, std::uint32_t payload);

/// The generated Markdown of the format page docs/formats/event-log.md: the table of events
/// (data and roles) and the table of data fields, both derived from event_data_fields and the
/// transition table. The page holds it between `<!-- generated:event-vocabulary -->` markers and a
/// test checks that the two agree.
[[nodiscard]] std::string vocabulary_markdown();

}  // namespace vaekit
