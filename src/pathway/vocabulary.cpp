// The vocabulary of the event log v1 as data: names, the payload codec and the generated format
// tables (docs/formats/event-log.md).
#include "vaekit/pathway/vocabulary.hpp"

#include <cmath>

#include "vaekit/core/names.hpp"

#include "vocabulary_access.hpp"

namespace vaekit {
namespace {

std::string fmt_number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return std::to_string(v);
}

std::string code(std::string_view s) {
  return "`" + std::string(s) + "`";
}

std::string joined_codes(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out += ", ";
    out += code(names[i]);
  }
  return out;
}

std::string event_list(EventSet set) {
  std::string out;
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    if (!contains(set, static_cast<EventKind>(k))) continue;
    if (!out.empty()) out += ", ";
    out += code(event_kind_names[k]);
  }
  return out.empty() ? "—" : out;
}

std::string role_list(RoleSet set) {
  constexpr RoleSet all = (1u << role_count) - 1;
  if (set == all) return "any";
  if (set == (all & ~roles(Role::jury))) return "any but jury";
  std::string out;
  for (std::size_t r = 0; r < role_count; ++r) {
    if (!contains(set, static_cast<Role>(r))) continue;
    if (!out.empty()) out += ", ";
    out += role_names[r];
  }
  return out;
}

std::string_view type_text(FieldType t) {
  switch (t) {
    case FieldType::enumeration: return "string (one of the values)";
    case FieldType::date: return "string `YYYY-MM-DD`";
    case FieldType::integer: return "integer";
    case FieldType::number: return "number";
    case FieldType::boolean: return "boolean";
    case FieldType::text: return "string";
    case FieldType::text_list: return "array of strings";
  }
  return "?";
}

}  // namespace

std::string_view to_string(FieldType t) noexcept {
  constexpr std::array<std::string_view, 7> names = {"enumeration", "date", "integer",  "number",
                                                     "boolean",     "text", "text_list"};
  return name_of(names, t);
}

std::string_view to_string(PayloadRole p) noexcept {
  constexpr std::array<std::string_view, 3> names = {"none", "value", "flag"};
  return name_of(names, p);
}

RoleSet recording_roles(EventKind e) noexcept {
  RoleSet set = 0;
  for (const Transition& t : transition_table()) {
    if (t.event == e) set = static_cast<RoleSet>(set | t.roles);
  }
  return set;
}

namespace {

/// payload_weight() of every (event, field), computed once at compile time.
constexpr auto kWeights = [] {
  std::array<std::array<std::uint32_t, data_field_count>, event_kind_count> w{};
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    for (std::size_t f = 0; f < data_field_count; ++f)
      w[k][f] = static_cast<std::uint32_t>(payload_weight(static_cast<EventKind>(k), f));
  }
  return w;
}();

}  // namespace

std::uint32_t payload_of(EventKind kind, const EventData& d) noexcept {
  // Mixed radix over the value fields @p kind carries (see PayloadRole): each digit times its
  // weight (payload_weight: by rank, then table order).
  const auto& weights = kWeights[static_cast<std::size_t>(kind)];
  std::uint32_t p = 0;
  bool flag = false;
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    if constexpr (f.payload != PayloadRole::none) {
      if (!contains(f.events, kind)) return;
      const auto& m = vocab::member<I>(d);
      if constexpr (f.payload == PayloadRole::flag) {
        flag = flag || m;
      } else {
        std::uint32_t digit = 0;
        if constexpr (f.type == FieldType::integer) {
          if (m)
            digit =
                static_cast<std::uint32_t>((*m - static_cast<std::int32_t>(f.min)) / f.step) + 1;
        } else {
          if (m) digit = static_cast<std::uint32_t>(*m) + 1u;
        }
        p += digit * weights[I];
      }
    }
  });
  if (flag) p |= payload_flag_bit;
  return p;
}

EventData data_of_payload(EventKind kind, std::uint32_t p) {
  EventData d;
  const auto& weights = kWeights[static_cast<std::size_t>(kind)];
  const bool has_flag = payload_has_flag(kind);
  const std::uint32_t digits = has_flag ? (p & (payload_flag_bit - 1u)) : p;
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    if constexpr (f.payload != PayloadRole::none) {
      if (!contains(f.events, kind)) return;
      auto& m = vocab::member<I>(d);
      if constexpr (f.payload == PayloadRole::flag) {
        m = (p & payload_flag_bit) != 0;
      } else {
        constexpr std::uint32_t radix = payload_radix(f);
        const std::uint32_t digit = (digits / weights[I]) % radix;
        using V = typename vocab::member_t<I>::value_type;
        if constexpr (f.type == FieldType::integer) {
          if (digit != 0)
            m = static_cast<V>(static_cast<std::int32_t>(f.min) +
                               static_cast<std::int32_t>(digit - 1) * f.step);
        } else {
          if (digit != 0) m = static_cast<V>(digit - 1);
        }
      }
    }
  });
  return d;
}

std::string vocabulary_markdown() {
  std::string out;
  out += "| event | data | who records it |\n|---|---|---|\n";
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    const auto e = static_cast<EventKind>(k);
    std::string data;
    for (const FieldSpec& f : event_data_fields) {
      if (!contains(f.events, e)) continue;
      if (!data.empty()) data += "; ";
      data += code(f.name);
      if (f.type == FieldType::enumeration && f.values.size() > 50) {
        data += ": one of " + std::to_string(f.values.size()) + " codes (see the data fields)";
      } else if (f.type == FieldType::enumeration) {
        data += ": " + joined_codes(f.values);
      } else if (f.type == FieldType::boolean) {
        data += ": " + std::string(f.meaning);
      }
      if (contains(f.required, e)) data += " (required)";
    }
    if (contains(certification_required, e)) {
      data += data.empty() ? "— (the code is in `certification`, required)"
                           : "; the code in `certification` (required)";
    }
    if (data.empty()) data = "—";
    out += "| " + code(event_kind_names[k]) + " | " + data + " | " + role_list(recording_roles(e)) +
           " |\n";
  }
  out +=
      "\n| data field | type | values or range | carried by | required by | on other events | "
      "free text | personal | columnar payload | meaning |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const FieldSpec& f : event_data_fields) {
    std::string values;
    if (f.type == FieldType::enumeration)
      values = joined_codes(f.values);
    else if (f.type == FieldType::integer && f.step != 1)
      values = fmt_number(f.min) + " to " + fmt_number(f.max) + " by " + fmt_number(f.step);
    else if (f.type == FieldType::integer || f.type == FieldType::number)
      values = fmt_number(f.min) + " to " + fmt_number(f.max);
    else if (f.type == FieldType::text_list && !f.unique.empty())
      values = "non-empty, distinct";
    else if (f.type == FieldType::text_list)
      values = "non-empty";
    else
      values = "—";
    std::string payload = "—";
    if (f.payload == PayloadRole::value && f.payload_rank == 0) payload = "digit (value + 1)";
    if (f.payload == PayloadRole::value && f.payload_rank != 0)
      payload = "highest digit (value + 1)";
    if (f.payload == PayloadRole::flag) payload = "bit 0x100";
    out += "| " + code(f.name) + " | " + std::string(type_text(f.type)) + " | " + values + " | " +
           event_list(f.events) + " | " + event_list(f.required) + " | " +
           (f.only_on_events ? "refused" : "kept") + " | " + (f.free_text ? "yes" : "no") + " | " +
           (f.personal ? "yes" : "no") + " | " + payload + " | " + std::string(f.meaning) + " |\n";
  }
  return out;
}

}  // namespace vaekit
