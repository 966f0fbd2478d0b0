// Private helpers shared by the counsellor-facing parts (suggestions, orientation, admissibility,
// appointments): French formatting of hours and levels, strict JSON readers.
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/rational.hpp"

namespace vaekit::detail {

/// Hours as French text to the hundredth, rounded down, with a thin grouping: "1 607 h",
/// "803,50 h".
inline std::string hours_fr(Rational h) {
  const std::int64_t v = (h * Rational(100)).floor();
  std::string whole = std::to_string(v / 100);
  std::string grouped;
  const std::size_t n = whole.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0 && (n - i) % 3 == 0 && whole[i - 1] != '-') grouped += ' ';
    grouped += whole[i];
  }
  const auto cents = v % 100;
  if (cents != 0) grouped += "," + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
  return grouped + " h";
}

// ---------------------------------------------------------------- JSON reading helpers
// Strict readers for the result documents (Suggestions.1, Orientation.1) and the rules: every
// failure is a ParseError naming the field path (never its value), and no nlohmann exception or
// undefined conversion (a float such as 1e300 read into an int) gets through.

/// A ParseError about the field @p key.
[[noreturn]] inline void bad_field(std::string_view key, const std::string& reason) {
  throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, reason);
}

/// Throws ParseError unless @p j is an object.
inline void require_object(const Json& j) {
  if (!j.is_object()) throw ParseError(SourceLocation{}, "expected a JSON object");
}

/// The integer field @p key in [lo, hi] (a JSON integer, not a float); @p fallback when absent or
/// null and not @p required.
inline std::int64_t int_field(const Json& obj, std::string_view key, std::int64_t lo,
                              std::int64_t hi, std::optional<std::int64_t> fallback) {
  require_object(obj);
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (fallback) return *fallback;
    bad_field(key, "missing field");
  }
  // A JSON integer (signed or unsigned), not a float even with an integral value.
  if (!it->is_number_integer())
    bad_field(key, std::string("expected an integer, got ") + it->type_name());
  const auto v = json_integer<std::int64_t>(*it, key);
  if (v < lo || v > hi) bad_field(key, "out of range");
  return v;
}

/// The optional integer field @p key in [lo, hi]: none when absent or null.
inline std::optional<int> opt_int_field(const Json& obj, std::string_view key, int lo, int hi) {
  require_object(obj);
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return static_cast<int>(int_field(obj, key, lo, hi, std::nullopt));
}

/// Exact hours of field @p key: a string "n", "n/d" (as written) or a JSON integer; >= 0.
inline Rational hours_field(const Json& obj, std::string_view key) {
  require_object(obj);
  const auto it = obj.find(key);
  if (it == obj.end()) bad_field(key, "missing field");
  Rational r;
  if (it->is_number_integer()) {
    r = Rational(static_cast<std::int64_t>(int_field(obj, key, 0, INT64_MAX, std::nullopt)));
  } else if (it->is_string()) {
    try {
      r = Rational::parse(it->get<std::string>());
    } catch (const Error&) {
      bad_field(key, "expected \"n\" or \"n/d\"");
    }
  } else {
    bad_field(key, "expected \"n\" or \"n/d\"");
  }
  if (r < Rational(0)) bad_field(key, "must be >= 0");
  return r;
}

/// The array of strings @p key (empty when absent or null).
inline std::vector<std::string> strings_field(const Json& obj, std::string_view key) {
  return json_array_field<std::string>(obj, key, false, [](const Json& v) {
    if (!v.is_string()) throw ParseError(SourceLocation{}, "expected a string");
    return v.get<std::string>();
  });
}

}  // namespace vaekit::detail
