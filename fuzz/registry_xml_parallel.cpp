// Fuzz target: the parallel XML chunker, differentially. Chunks of 1-64 bytes (the first input
// byte) on 2 or 3 threads, so that inputs far smaller than the real 512 KB chunks are cut at
// every <FICHE>; the result must be the sequential reader's (same fiches, rejects, counts, same
// strict error), in strict and lenient modes. The parallel reader parses the chunks with pugixml
// when its gate allows (docs/registry.md, "pugixml on the chunks"), the sequential one with
// expat: this is the differential test of pugixml against expat on arbitrary input (the seeds
// registry_xml_parallel/pugi-* hold the quirks where the two parsers disagree).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vaekit/registry/registry.hpp"

namespace {
struct Outcome {
  std::optional<std::string> error;  // the strict error message
  vaekit::Json registry;
  std::vector<vaekit::Reject> rejects;
  std::size_t read = 0;
};

Outcome run(std::string_view bytes, bool strict, unsigned threads, std::size_t chunk) {
  vaekit::LoadOptions o{strict, vaekit::RegistryFormat::xml};
  o.threads = threads;
  o.chunk_bytes = chunk;
  Outcome out;
  try {
    const auto reg = vaekit::Registry::read(bytes, "<fuzz>", o);
    const auto& s = reg.import_stats();
    if (s.read != s.accepted + s.rejected || s.accepted != reg.size()) __builtin_trap();
    out.registry = reg;
    out.rejects = reg.rejects();
    out.read = s.read;
  } catch (const vaekit::Error& e) {
    out.error = e.what();
  }
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::size_t chunk = 1 + data[0] % 64;
  const unsigned threads = 2 + data[1] % 2;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
  for (const bool strict : {false, true}) {
    const Outcome seq = run(bytes, strict, 1, 0);
    const Outcome par = run(bytes, strict, threads, chunk);
    if (seq.error != par.error || seq.registry != par.registry || seq.rejects != par.rejects ||
        seq.read != par.read) {
      __builtin_trap();
    }
  }
  return 0;
}
