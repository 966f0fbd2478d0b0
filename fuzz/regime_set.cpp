// Fuzz target: RegimeSet::load, the file of one Regime.1 document or an array of them (written
// to a temporary file). Any input loads or throws a vaekit::Error; a loaded set answers on().
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "vaekit/pathway/regime.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      "/tmp/vaekit-fuzz-regimes-" + std::to_string(static_cast<long>(::getpid())) + ".json";
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    vaekit::RegimeSet set;
    set.load(path);
    (void)set.on(vaekit::Date(2024, 1, 1));
  } catch (const vaekit::Error&) {
  }
  return 0;
}
