// Fuzz target: reading a schema-tagged JSON document (here a FrenchCalendar). Any input must
// decode to a calendar whose document form reads back equal, or throw a vaekit::Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/core/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto cal = vaekit::read_document<vaekit::FrenchCalendar>(text, "fuzz");
    const auto again = vaekit::from_document<vaekit::FrenchCalendar>(vaekit::to_document(cal));
    if (!(again == cal)) std::abort();
  } catch (const vaekit::Error&) {
  }
  return 0;
}
