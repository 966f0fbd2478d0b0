// Fuzz target: RomeCatalog::read_csv (France Travail's referentiel_code_rome CSV). Any input
// gives a catalog whose codes are all found again and whose siblings hold the code, or throws a
// vaekit::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaekit/core/error.hpp"
#include "vaekit/registry/rome.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto rome = vaekit::RomeCatalog::read_csv(text, "<fuzz>");
    for (const auto& job : rome.jobs()) {
      if (rome.find(job.code) == nullptr) __builtin_trap();
      (void)rome.siblings(job.code);
    }
  } catch (const vaekit::Error&) {
  }
  return 0;
}
