// Fuzz target: reading a programme document (Programme.1). Any input must decode to a programme
// whose document form reads back equal, whose priorities aggregate and which validates against
// its own sessions without crashing — or throw a vaekit::Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/training.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto p = vaekit::read_document<vaekit::Programme>(text, "fuzz");
    const auto again = vaekit::from_document<vaekit::Programme>(vaekit::to_document(p));
    if (!(again == p)) std::abort();
    (void)p.priorities();
    (void)vaekit::validate(p, p.sessions, vaekit::ScheduleConstraints{});
  } catch (const vaekit::Error&) {
  }
  return 0;
}
