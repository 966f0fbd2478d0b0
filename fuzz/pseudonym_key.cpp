// Fuzz target: the pseudonym key file (PseudonymKey::from_file, written to a temporary file).
// Any content gives a key that makes 32-hex-digit pseudonyms, or a vaekit::Error.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "vaekit/analytics/pseudonym.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      "/tmp/vaekit-fuzz-key-" + std::to_string(static_cast<long>(::getpid())) + ".key";
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const auto key = vaekit::PseudonymKey::from_file(path);
    const std::string p = key.pseudonym("case", "C1");
    if (p.size() != 32) std::abort();
  } catch (const vaekit::Error&) {
  }
  return 0;
}
