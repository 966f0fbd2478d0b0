#pragma once
// Helpers shared by the simulation tests (the 2017 and France VAE eras).
#include <string>

#include "test_support.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/simulation/simulator.hpp"

namespace vaekit::test {

/// The field named by the ParseError of reading @p text as a Scenario ("<no error>": none).
inline std::string scenario_error_field(const std::string& text) {
  return error_field([&] { (void)read_document<Scenario>(text, "t"); });
}

/// The events of a simulation as a pathway log (line i + 1 for event i).
inline EventRecords as_event_log(const SimulationResult& r) {
  EventRecords log;
  for (std::size_t i = 0; i < r.log().size(); ++i) {
    log.events.push_back(r.event(i));
    log.lines.push_back(i + 1);
  }
  log.records_read = log.events.size();
  return log;
}

}  // namespace vaekit::test
