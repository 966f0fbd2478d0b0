// Fuzz target: the event log v1 reader. Any input must read leniently with
// records_read == accepted + rejected, strict reading must agree with lenient when there are no
// rejects, every accepted event must equal what the reference line reader (parse_event_line,
// nlohmann) makes of its line (the simdjson fast path may never disagree with it), must write
// back to a line that reads to the same event, and the replay into case states must equal the
// replay into whole cases (the scan on two threads).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "vaekit/pathway/event_records.hpp"
#include "vaekit/pathway/event_scan.hpp"
// The scanner's chunk-size hook is internal to the pathway area: included by path.
#include "../src/pathway/event_scan_internal.hpp"

namespace {

// The lines of @p text as the readers number them (BOM skipped, trailing \r removed).
std::vector<std::string_view> lines_of(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Small chunks, so that short inputs also go through the chunked (iterate_many) path.
  vaekit::pathway_internal::scan_chunk_bytes.store(16 + size % 256);
  try {
    const auto log = vaekit::parse_event_log(text, "fuzz", vaekit::ReadMode::lenient);
    if (log.records_read != log.events.size() + log.rejects.size()) std::abort();
    if (log.lines.size() != log.events.size()) std::abort();
    const auto lines = lines_of(text);
    for (std::size_t i = 0; i < log.events.size(); ++i) {
      const auto reference = vaekit::parse_event_line(
          lines.at(log.lines[i] - 1), vaekit::SourceLocation{"fuzz", log.lines[i], 0, {}});
      if (!(reference == log.events[i])) std::abort();
    }
    if (log.rejects.empty()) {
      const auto strict = vaekit::parse_event_log(text, "fuzz", vaekit::ReadMode::strict);
      if (!(strict.events == log.events)) std::abort();
    }
    for (const auto& e : log.events) {
      const auto line = vaekit::format_event_line(e);
      const auto back = vaekit::parse_event_line(line, vaekit::SourceLocation{"fuzz", 1, 0, {}});
      if (!(back == e)) std::abort();
    }
    const auto cases = vaekit::replay(log, vaekit::ReadMode::lenient);
    // On two threads (a parsing thread and this one): the same states.
    const auto states = vaekit::parse_case_states(text, "fuzz", vaekit::ReadMode::lenient,
                                                  vaekit::RegimeSet::builtin(), 2);
    if (states.states.size() != cases.cases.size()) std::abort();
    for (const auto& c : cases.cases) {
      const auto* s = states.find(c.id());
      if (s == nullptr || s->stage != c.stage() || s->side != c.state().side ||
          s->event_count != c.events().size()) {
        std::abort();
      }
    }
  } catch (const vaekit::Error&) {
  }
  return 0;
}
