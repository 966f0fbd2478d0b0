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
#include "vaekit/core/names.hpp"

namespace vaekit::detail {

// Enum names: vaekit::name_of / vaekit::parse_name (vaekit/core/names.hpp).
using vaekit::name_of;
using vaekit::parse_name;

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

}  // namespace vaekit::detail
