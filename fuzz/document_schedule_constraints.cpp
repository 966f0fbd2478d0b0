// Fuzz target: reading a ScheduleConstraints.1 document (any input: a value whose document form
// reads back equal, or a vaekit::Error). The body is fuzz/document_target.hpp.
#include "document_target.hpp"
#include "vaekit/training/scheduler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return vaekit::fuzz::document_round_trip<vaekit::ScheduleConstraints>(data, size);
}
