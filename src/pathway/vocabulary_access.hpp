#pragma once
// Internal: the generic code that walks the vocabulary table (vaekit/pathway/vocabulary.hpp) over
// EventData's members. Every reader, the validator and the payload encoding go through it, so a
// field is described once: its row in event_data_fields and its member below (the static_asserts
// keep both in the same order and of matching types).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit::vocab {

/// The members of EventData, in DataField order.
inline constexpr auto data_members = std::make_tuple(
    &EventData::channel, &EventData::date, &EventData::minutes, &EventData::to,
    &EventData::certifier, &EventData::decision, &EventData::implicit, &EventData::funding,
    &EventData::hours, &EventData::result, &EventData::reason, &EventData::blocks, &EventData::jury,
    &EventData::accompaniment, &EventData::individual_hours, &EventData::collective_hours,
    &EventData::training_hours, &EventData::funding_kind, &EventData::amount, &EventData::granted,
    &EventData::reason_code, &EventData::lifted, &EventData::sex, &EventData::age_band,
    &EventData::employment, &EventData::qualification, &EventData::departement, &EventData::qpv,
    &EventData::rqth, &EventData::months, &EventData::situation);
static_assert(std::tuple_size_v<std::remove_cvref_t<decltype(data_members)>> == data_field_count,
              "one EventData member per row of event_data_fields");

/// The C++ type of field @p I's member.
template <std::size_t I>
using member_t =
    std::remove_cvref_t<decltype(std::declval<EventData&>().*std::get<I>(data_members))>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// The FieldType a member of type @p T has.
template <class T>
constexpr FieldType type_of() {
  if constexpr (std::is_same_v<T, bool>) {
    return FieldType::boolean;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return FieldType::text;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return FieldType::text_list;
  } else {
    static_assert(is_optional<T>::value);
    using V = typename T::value_type;
    if constexpr (std::is_same_v<V, Date>)
      return FieldType::date;
    else if constexpr (std::is_same_v<V, std::int32_t>)
      return FieldType::integer;
    else if constexpr (std::is_same_v<V, double>)
      return FieldType::number;
    else {
      static_assert(std::is_enum_v<V>);
      return FieldType::enumeration;
    }
  }
}

template <std::size_t... I>
constexpr bool types_match(std::index_sequence<I...>) {
  return ((type_of<member_t<I>>() == event_data_fields[I].type) && ...);
}
static_assert(types_match(std::make_index_sequence<data_field_count>{}),
              "each row's type matches its EventData member");

/// Calls @p f(std::integral_constant<std::size_t, I>{}) for every field, in table order.
template <class F>
constexpr void for_each_field(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<data_field_count>{});
}

/// Calls @p f(std::integral_constant<std::size_t, I>{}) for the field @p i and returns its result
/// (false when @p i is out of the table).
template <class F>
bool visit_field(std::size_t i, F&& f) {
  bool ok = false;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)((i == I ? (ok = f(std::integral_constant<std::size_t, I>{}), true) : false) || ...);
  }
  (std::make_index_sequence<data_field_count>{});
  return ok;
}

/// Field @p I's member of @p d.
template <std::size_t I>
constexpr auto& member(EventData& d) noexcept {
  return d.*std::get<I>(data_members);
}
/// Field @p I's member of @p d.
template <std::size_t I>
constexpr const auto& member(const EventData& d) noexcept {
  return d.*std::get<I>(data_members);
}

/// Whether a value is set: an optional has one, a bool is true, a string or list is not empty.
template <class T>
constexpr bool is_set(const T& v) noexcept {
  if constexpr (std::is_same_v<T, bool>)
    return v;
  else if constexpr (is_optional<T>::value)
    return v.has_value();
  else
    return !v.empty();
}

/// Whether field @p I is a scalar (an enumeration, date, number or flag: no heap storage).
template <std::size_t I>
inline constexpr bool is_scalar =
    event_data_fields[I].type != FieldType::text&& event_data_fields[I].type !=
    FieldType::text_list;

/// The enumeration value named @p s among field @p I's values, or std::nullopt.
template <std::size_t I>
constexpr member_t<I> enum_value(std::string_view s) noexcept {
  using E = typename member_t<I>::value_type;
  constexpr auto values = event_data_fields[I].values;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k] == s) return static_cast<E>(k);
  }
  return std::nullopt;
}

static_assert(data_field_count <= 32, "a field mask is 32 bits");

/// The bit of field @p i in a field mask.
constexpr std::uint32_t field_bit(std::size_t i) noexcept {
  return std::uint32_t{1} << i;
}

/// The fields event @p e requires, as a mask of field_bit().
constexpr std::uint32_t required_mask(EventKind e) noexcept {
  std::uint32_t m = 0;
  for (std::size_t i = 0; i < data_field_count; ++i) {
    if (contains(event_data_fields[i].required, e)) m |= field_bit(i);
  }
  return m;
}
/// The fields refused on event @p e (only_on_events fields that @p e does not carry).
constexpr std::uint32_t refused_mask(EventKind e) noexcept {
  std::uint32_t m = 0;
  for (std::size_t i = 0; i < data_field_count; ++i) {
    const FieldSpec& f = event_data_fields[i];
    if (f.only_on_events && !contains(f.events, e)) m |= field_bit(i);
  }
  return m;
}

/// The data fields set in @p d, as a mask of field_bit().
inline std::uint32_t set_mask(const EventData& d) noexcept {
  std::uint32_t m = 0;
  for_each_field([&](auto I) {
    if (is_set(member<I>(d))) m |= field_bit(I);
  });
  return m;
}

/// The enumeration and number fields of EventData (its strings, lists and extra aside) as one
/// value, derived from the table: what a scanned view carries besides its strings.
template <std::size_t... I>
auto scalar_tuple(std::index_sequence<I...>) -> decltype(std::tuple_cat(
    std::conditional_t<is_scalar<I>, std::tuple<member_t<I>>, std::tuple<>>{}...));
/// See scalar_tuple().
using DataScalars = decltype(scalar_tuple(std::make_index_sequence<data_field_count>{}));

/// The position of scalar field @p I in DataScalars.
template <std::size_t I>
constexpr std::size_t scalar_position() noexcept {
  std::size_t n = 0;
  for (std::size_t k = 0; k < I; ++k) {
    if (event_data_fields[k].type != FieldType::text &&
        event_data_fields[k].type != FieldType::text_list) {
      ++n;
    }
  }
  return n;
}

/// The scalar fields of @p d.
inline DataScalars scalars_of(const EventData& d) noexcept {
  DataScalars s;
  for_each_field([&](auto I) {
    if constexpr (is_scalar<I>) std::get<scalar_position<I>()>(s) = member<I>(d);
  });
  return s;
}
/// Sets the scalar fields of @p d to @p s (the others are left as they are).
inline void copy_scalars(const DataScalars& s, EventData& d) noexcept {
  for_each_field([&](auto I) {
    if constexpr (is_scalar<I>) member<I>(d) = std::get<scalar_position<I>()>(s);
  });
}
/// Copies the scalar fields of @p from into @p to.
inline void copy_scalars(const EventData& from, EventData& to) noexcept {
  for_each_field([&](auto I) {
    if constexpr (is_scalar<I>) member<I>(to) = member<I>(from);
  });
}

}  // namespace vaekit::vocab
