// Private helpers shared by the counsellor-facing parts (suggestions, orientation, admissibility,
// appointments): French formatting of hours and levels.
#pragma once

#include <string>

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

}  // namespace vaekit::detail
