// Fuzz target: zipped XML exports (libzip + the streamed expat reader, strict and the
// resynchronising lenient reader). Every record read is accepted or rejected.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaekit/registry/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const vaekit::Registry reg = vaekit::Registry::read(
        bytes, "<fuzz>", vaekit::LoadOptions{false, vaekit::RegistryFormat::xml});
    const auto& s = reg.import_stats();
    if (s.read != s.accepted + s.rejected || s.accepted != reg.size()) __builtin_trap();
  } catch (const vaekit::Error&) {
  }
  try {
    (void)vaekit::Registry::read(bytes, "<fuzz>",
                                 vaekit::LoadOptions{true, vaekit::RegistryFormat::xml});
  } catch (const vaekit::Error&) {
  }
  return 0;
}
