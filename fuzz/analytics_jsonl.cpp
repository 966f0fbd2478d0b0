// Fuzz target: the columnar JSON Lines reader must agree with the pathway reader (same accepted
// events, same rejects with line, field and reason) and the report must not crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/process.hpp"
#include "vaekit/analytics/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  vaekit::EventLog mine;
  vaekit::EventRecords theirs;
  bool mine_threw = false, theirs_threw = false;
  try {
    mine = vaekit::EventLog::parse(text, "<fuzz>", vaekit::ReadMode::lenient);
  } catch (const vaekit::Error&) {
    mine_threw = true;
  }
  try {
    theirs = vaekit::parse_event_log(text, "<fuzz>", vaekit::ReadMode::lenient);
  } catch (const vaekit::Error&) {
    theirs_threw = true;
  }
  if (mine_threw != theirs_threw) __builtin_trap();
  if (mine_threw) return 0;
  if (mine.rejects() != theirs.rejects || mine.size() != theirs.events.size() ||
      mine.records_read() != theirs.records_read ||
      mine.records_read() != mine.size() + mine.rejects().size()) {
    __builtin_trap();
  }
  const auto expected = vaekit::EventLog::from_events(theirs.events);
  if (!mine.same_events(expected)) __builtin_trap();
  auto report = vaekit::ActivityReport::compute(mine, vaekit::ReportOptions{3});
  (void)report.to_json();
  (void)vaekit::directly_follows(mine);
  return 0;
}
