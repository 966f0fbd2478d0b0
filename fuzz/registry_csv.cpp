// Fuzz target: the CSV export zip reader (libzip + the `;` tokenizer + the join), lenient mode,
// plus the tokenizer alone on raw text (as the Standard part).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaekit/registry/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const vaekit::Registry reg = vaekit::Registry::read(
        bytes, "<fuzz>", vaekit::LoadOptions{false, vaekit::RegistryFormat::csv_zip});
    const auto& s = reg.import_stats();
    if (s.read != s.accepted + s.rejected || s.accepted != reg.size()) __builtin_trap();
    for (const auto& c : reg) {
      (void)reg.successors(c.code);
      (void)reg.search(c.title, 3);
    }
    (void)reg.link_issues();
  } catch (const vaekit::Error&) {
  }
  try {
    (void)vaekit::Registry::read(bytes, "<fuzz>",
                                 vaekit::LoadOptions{true, vaekit::RegistryFormat::csv_zip});
  } catch (const vaekit::Error&) {
  }
  return 0;
}
