// Private helpers of the training records sources (attendance, evaluations, staff, community,
// quality): enum names, optional JSON fields, French number formatting. Not installed.
#pragma once

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"

namespace vaekit::training::detail {

/// The name of enum value @p v in @p names ("?" when out of range).
template <class E, std::size_t N>
std::string_view enum_name(const std::array<std::string_view, N>& names, E v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : std::string_view("?");
}

/// The enum value named @p s in @p names; throws InvalidArgument listing the names.
template <class E, std::size_t N>
E enum_parse(const std::array<std::string_view, N>& names, std::string_view s, const char* what) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  std::string expected;
  for (std::size_t i = 0; i < N; ++i) expected += (i ? ", " : "") + std::string(names[i]);
  throw InvalidArgument(std::string("unknown ") + what + " " + excerpt(s) + " (expected one of " +
                        expected + ")");
}

/// An optional date field (absent or null: nullopt).
inline std::optional<Date> optional_date_field(const Json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return json_field<Date>(j, key);
}

/// An optional date as JSON (null when absent).
inline Json optional_date_json(const std::optional<Date>& d) {
  return d ? Json(*d) : Json(nullptr);
}

/// @p x written the French way with at most @p decimals decimals: 1,5 ; 7 ; 0,25.
inline std::string french_number(double x, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  for (auto& c : s) {
    if (c == '.') c = ',';
  }
  if (s == "-0") s = "0";
  return s;
}

/// A percentage written the French way: "87,5 %".
inline std::string french_percent(double ratio) {
  return french_number(ratio * 100.0, 1) + " %";
}

}  // namespace vaekit::training::detail
