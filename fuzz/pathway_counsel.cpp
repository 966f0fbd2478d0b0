// Fuzz target: the JSON readers of the counsellor tools. The first byte picks the type, the rest
// is JSON text: SuggestionRules, OrientationRules, AdmissibilityRequest (document),
// AppointmentBook (document), and the result documents Suggestions.1 and Orientation.1. Any input
// must decode to a value whose JSON form reads back equal, or throw a vaekit::Error (parse_json
// turns nlohmann's syntax errors into ParseError, so nothing else may escape).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/core/json.hpp"
#include "vaekit/pathway/admissibility.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/pathway/orientation.hpp"
#include "vaekit/pathway/suggestions.hpp"

namespace {

// A plain value (no schema tag): from JSON, then its JSON form must read back equal.
template <class T>
void value_round_trip(std::string_view text) {
  const vaekit::Json j = vaekit::parse_json(text, "fuzz");
  T value;
  from_json(j, value);
  T again;
  from_json(vaekit::Json(value), again);
  if (!(again == value)) std::abort();
}

// A document: read, then its document form must read back equal.
template <class T>
T document_round_trip(std::string_view text) {
  const T value = vaekit::read_document<T>(text, "fuzz");
  const T again = vaekit::from_document<T>(vaekit::to_document(value));
  if (!(again == value)) std::abort();
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (data[0] % 6) {
      case 0: value_round_trip<vaekit::SuggestionRules>(text); break;
      case 1: value_round_trip<vaekit::OrientationRules>(text); break;
      case 2: {
        const auto r = document_round_trip<vaekit::AdmissibilityRequest>(text);
        (void)r.missing();
        (void)r.related_hours();
        break;
      }
      case 3: {
        const auto b = document_round_trip<vaekit::AppointmentBook>(text);
        if (!b.slots().empty()) (void)b.first_available(b.slots().front().date);
        break;
      }
      case 4: (void)document_round_trip<vaekit::SuggestionResult>(text); break;
      default: (void)document_round_trip<vaekit::OrientationAdvice>(text); break;
    }
  } catch (const vaekit::Error&) {
  }
  return 0;
}
