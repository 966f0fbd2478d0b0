// Fuzz target: applying events to a case. Each 4 bytes make one event (kind, role, days after
// the previous one, variant/data); every event is accepted or refused with a vaekit::Error, a
// refused event leaves the state unchanged, and the folded events replay to the same stage.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "vaekit/pathway/case.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vaekit;
  CaseState state;
  std::vector<Event> accepted;
  Date day(2013, 6, 3);
  for (std::size_t i = 0; i + 4 <= size; i += 4) {
    Event e;
    e.case_id = "F";
    e.kind = static_cast<EventKind>(data[i] % event_kind_count);
    e.role = static_cast<Role>(data[i + 1] % role_count);
    const int delta = static_cast<int>(data[i + 2] % 64) - 2;  // sometimes backwards
    day = day + delta;
    e.at = Timestamp(day);
    const std::uint8_t v = data[i + 3];
    if (v & 1) e.certification = "RNCP" + std::to_string(v % 7);
    if (e.kind == EventKind::oriented || (v & 2)) e.data.to = static_cast<OrientationTarget>(v % 5);
    if (e.kind == EventKind::admissibility_decided || (v & 4)) {
      e.data.decision = static_cast<AdmissibilityDecision>((v >> 3) % 3);
    }
    if (e.kind == EventKind::jury_held || (v & 8))
      e.data.result = static_cast<JuryResult>((v >> 4) % 4);
    if (e.kind == EventKind::admissibility_decided) e.data.implicit = (v & 0x40) != 0;
    if (e.kind == EventKind::jury_scheduled) e.data.date = day + (v % 90);
    if (e.kind == EventKind::certification_chosen && e.certification.empty() && (v & 0x80))
      e.certification = "RS1";
    const CaseState before = state;
    try {
      apply_event(state, e);
      accepted.push_back(e);
    } catch (const Error&) {
      if (state.stage != before.stage || state.event_count != before.event_count ||
          state.side != before.side) {
        std::abort();
      }
    }
  }
  const CaseState again = fold(accepted);
  if (again.stage != state.stage || again.side != state.side ||
      again.event_count != accepted.size())
    std::abort();
  return 0;
}
