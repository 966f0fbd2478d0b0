// Fuzz target: the vaekit JSON documents of the registry area (Registry.1, Certification.1,
// RegistryChanges.1), chosen by the first byte. Any input decodes to a value whose document
// reads back equal, or throws a vaekit::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaekit/core/json.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"

namespace {
template <class T>
void round_trip(std::string_view text) {
  try {
    const auto v = vaekit::read_document<T>(text, "<fuzz>");
    const auto again = vaekit::from_document<T>(vaekit::to_document(v));
    if (!(vaekit::to_document(again) == vaekit::to_document(v))) __builtin_trap();
  } catch (const vaekit::Error&) {
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: round_trip<vaekit::Registry>(text); break;
    case 1: round_trip<vaekit::Certification>(text); break;
    default: round_trip<vaekit::RegistryChanges>(text); break;
  }
  return 0;
}
