// Fuzz target: the event log v1 reader. Any input must read leniently with
// records_read == accepted + rejected, strict reading must agree with lenient when there are no
// rejects, and every accepted event must write back to a line that reads to the same event.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/pathway/event_log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto log = vaekit::parse_event_log(text, "fuzz", vaekit::ReadMode::lenient);
    if (log.records_read != log.events.size() + log.rejects.size()) std::abort();
    if (log.lines.size() != log.events.size()) std::abort();
    if (log.rejects.empty()) {
      const auto strict = vaekit::parse_event_log(text, "fuzz", vaekit::ReadMode::strict);
      if (!(strict.events == log.events)) std::abort();
    }
    for (const auto& e : log.events) {
      const auto line = vaekit::format_event_line(e);
      const auto back = vaekit::parse_event_line(line, vaekit::SourceLocation{"fuzz", 1, 0, {}});
      if (!(back == e)) std::abort();
    }
    (void)vaekit::replay(log, vaekit::ReadMode::lenient);
  } catch (const vaekit::Error&) {
  }
  return 0;
}
