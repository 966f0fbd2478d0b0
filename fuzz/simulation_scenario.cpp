// Fuzz target: reading a Scenario (strict JSON, Scenario.1), its round trip, and a small run of
// every scenario that reads (bounded volume) to exercise the engine on odd parameters.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaekit/simulation/simulator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  vaekit::Scenario s;
  try {
    s = vaekit::read_document<vaekit::Scenario>(text, "fuzz");
  } catch (const vaekit::Error&) {
    return 0;  // refused with a vaekit error: fine
  }
  // What reads must write and read back identically.
  const vaekit::Scenario back = vaekit::from_document<vaekit::Scenario>(vaekit::to_document(s));
  if (!(back == s)) __builtin_trap();
  const double years = static_cast<double>(s.period.length_days()) / 365.25;
  if (s.yearly_volume * years > 300 || s.horizon - s.period.first() > 366 * 12) return 0;
  try {
    vaekit::SimulationOptions o;
    o.seed = size;
    const vaekit::SimulationResult r = vaekit::simulate(s, o);
    if (r.aux_column().size() != r.log().size()) __builtin_trap();
  } catch (const vaekit::Error&) {
  }
  return 0;
}
