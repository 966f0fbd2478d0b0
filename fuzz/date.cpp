// Fuzz target: the ISO 8601 date and date-range parsers. Any input must either parse to a date
// that formats back to the same text, or throw vaekit::ParseError; nothing else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const vaekit::Date d = vaekit::Date::parse(text, "fuzz");
    if (d.to_string() != text) std::abort();  // round trip must be exact
    if (!vaekit::Date::try_parse(text)) std::abort();
  } catch (const vaekit::ParseError&) {
    if (vaekit::Date::try_parse(text)) std::abort();  // the two parsers must agree
  }
  try {
    const vaekit::DateRange r = vaekit::DateRange::parse(text, "fuzz");
    if (r.to_string() != text || r.length_days() < 1) std::abort();
  } catch (const vaekit::ParseError&) {
  }
  return 0;
}
