#pragma once
/// @file
/// @brief Stable text names of enumerations: one table per enum, looked up both ways.
///
/// An enumeration whose values are 0..N-1 in order gets a `constexpr std::array<std::string_view,
/// N>` of names in the same order; these helpers convert in both directions, and parse_name()
/// gives the error every reader of vaekit gives for an unknown name.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vaekit/core/error.hpp"

namespace vaekit {

/// The name of @p value in @p names (values 0..N-1 in order), or "?" if out of the table.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::string_view name_of(const std::array<std::string_view, N>& names,
                                                 E value) noexcept {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view("?");
}

/// The value named @p text in @p names, or std::nullopt.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::optional<E> find_name(const std::array<std::string_view, N>& names,
                                                   std::string_view text) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// The names of @p names joined by ", " (for error messages).
template <std::size_t N>
[[nodiscard]] std::string join_names(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i != 0) out += ", ";
    out += names[i];
  }
  return out;
}

/// The value named @p text in @p names; throws InvalidArgument "unknown <what> "text" (expected
/// one of a, b, c)" otherwise. Readers rethrow it as a ParseError with their location.
template <class E, std::size_t N>
[[nodiscard]] E parse_name(const std::array<std::string_view, N>& names, std::string_view text,
                           std::string_view what) {
  if (auto v = find_name<E>(names, text)) return *v;
  throw InvalidArgument("unknown " + std::string(what) + " " + excerpt(text) +
                        " (expected one of " + join_names(names) + ")");
}

}  // namespace vaekit
