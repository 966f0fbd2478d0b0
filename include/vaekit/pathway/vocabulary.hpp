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
    "archived"};
/// The names of the roles, in Role order.
inline constexpr std::array<std::string_view, role_count> role_names = {
    "candidate", "assistant", "counsellor", "certifier", "jury", "funder", "system"};
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
inline constexpr std::array<std::string_view, 7> funding_names = {
    "cpf", "opca", "opco", "region", "employer", "self", "none"};
/// The names of the jury results, in JuryResult order.
inline constexpr std::array<std::string_view, 4> jury_result_names = {"full", "partial", "refused",
                                                                      "absent"};

/// A set of events (a bit mask over EventKind).
using EventSet = std::uint32_t;
/// The set holding @p e and the events @p more.
template <class... More>
[[nodiscard]] constexpr EventSet event_set(EventKind e, More... more) noexcept {
  static_assert((std::is_same_v<More, EventKind> && ...));
  return static_cast<EventSet>((EventSet{1} << static_cast<unsigned>(e)) |
                               ((EventSet{1} << static_cast<unsigned>(more)) | ... | 0u));
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

/// How a field is kept in the columnar log's 16-bit payload column (EventLog, encode_payload()).
enum class PayloadRole : std::uint8_t {
  none,   ///< Not kept (free text, dates and lists).
  value,  ///< The value + 1 (an enumeration's index or an integer), 0 when absent.
  flag,   ///< The bit payload_flag_bit when true.
};
/// The payload bit of a PayloadRole::flag field (`admissibility_decided.implicit`).
inline constexpr std::uint16_t payload_flag_bit = 0x100;

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
  bool free_text = false;       ///< Free text (never in the columnar log).
  bool personal = false;        ///< May hold personal data (never quoted in a message).
  PayloadRole payload = PayloadRole::none;  ///< How the columnar log keeps it.
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
};
/// Number of DataField values.
inline constexpr std::size_t data_field_count = 13;

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
     .events = event_set(EventKind::admissibility_sent),
     .free_text = true,
     .meaning = "the certifier the request is sent to"},
    {.name = "decision",
     .type = FieldType::enumeration,
     .values = admissibility_decision_names,
     .events = event_set(EventKind::admissibility_decided),
     .required = event_set(EventKind::admissibility_decided),
     .payload = PayloadRole::value,
     .meaning = "the certifier's decision"},
    {.name = "implicit",
     .type = FieldType::boolean,
     .events = event_set(EventKind::admissibility_decided),
     .only_on_events = true,
     .payload = PayloadRole::flag,
     .meaning = "true when decided by silence"},
    {.name = "funding",
     .type = FieldType::enumeration,
     .values = funding_names,
     .events = event_set(EventKind::support_started),
     .payload = PayloadRole::value,
     .meaning = "who funds the support"},
    {.name = "hours",
     .type = FieldType::number,
     .events = event_set(EventKind::support_session),
     .min = 0,
     .max = 10'000,
     .meaning = "the session's length in hours"},
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
}};

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

/// The payload of an event of @p kind in the columnar log's 16-bit column, derived from the
/// table: the value + 1 of the PayloadRole::value field that @p kind carries (0 when absent), plus
/// payload_flag_bit for a set PayloadRole::flag field. Other fields are not kept.
[[nodiscard]] std::uint16_t payload_of(EventKind kind, const EventData& data) noexcept;
/// The data fields of an event of @p kind rebuilt from its @p payload (see payload_of()).
[[nodiscard]] EventData data_of_payload(EventKind kind, std::uint16_t payload);

/// The generated Markdown of the format page docs/formats/event-log.md: the table of events
/// (data and roles) and the table of data fields, both derived from event_data_fields and the
/// transition table. The page holds it between `<!-- generated:event-vocabulary -->` markers and a
/// test checks that the two agree.
[[nodiscard]] std::string vocabulary_markdown();

}  // namespace vaekit
