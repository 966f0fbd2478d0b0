#pragma once
// Binding helpers shared by every publication of the analytics area (ActivityReport.publish and
// PublishedReport in analytics.cpp; the employment and funding tables in analytics_employment.cpp):
// the events of a log given from Python, the publication key, the publish keywords, the withheld
// cells and the audit as Python values.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/pathway/event_records.hpp"

namespace vaekit::python {

/// The events given from Python: a vaekit.EventRecords (read_event_log), or a list of Events.
struct EventsArg {
  std::shared_ptr<std::vector<Event>> owned;
  std::span<const Event> events;
};

/// What a columnar vaekit.EventLog cannot give (std::nullopt: it gives everything needed).
using ColumnarRefusal = std::optional<std::string>;

inline EventsArg events_of(const py::object& obj, const ColumnarRefusal& columnar_refusal = {}) {
  EventsArg out;
  if (py::isinstance<EventLog>(obj)) {
    // The columnar log's payload keeps the follow-ups, the jury results and the coded profile
    // attributes (the département included); not the amounts or hours.
    if (columnar_refusal) throw InvalidArgument(*columnar_refusal);
    out.owned = std::make_shared<std::vector<Event>>(obj.cast<const EventLog&>().to_events());
    out.events = *out.owned;
    return out;
  }
  if (py::isinstance<EventRecords>(obj)) {
    const auto& records = obj.cast<const EventRecords&>();
    out.events = records.events;
    return out;
  }
  try {
    out.owned = std::make_shared<std::vector<Event>>(obj.cast<std::vector<Event>>());
  } catch (const py::cast_error&) {
    throw InvalidArgument(
        "events must be a vaekit.EventRecords (vaekit.read_event_log) or a list of "
        "vaekit.Event");
  }
  out.events = *out.owned;
  return out;
}

/// A publication key given as bytes, text or None.
inline std::string key_bytes(const py::object& key) {
  if (key.is_none()) return {};
  if (py::isinstance<py::bytes>(key)) return std::string(key.cast<py::bytes>());
  if (py::isinstance<py::str>(key)) return key.cast<std::string>();
  throw InvalidArgument("the publication key must be bytes, str or None");
}

/// The PublishOptions of the keywords of ActivityReport.publish.
inline PublishOptions publish_options(const std::string& method, std::int64_t threshold,
                                      const py::object& key, int max_deviation, double variance,
                                      double protection) {
  PublishOptions o;
  o.method = protection_method_from_string(method);
  o.threshold = threshold;
  o.key = key_bytes(key);
  o.max_deviation = max_deviation;
  o.variance = variance;
  o.protection = protection;
  return o;
}

/// The withheld cells as dicts {table, row, column} (rows are small key objects).
inline py::list suppressed_list(const std::vector<SuppressedCell>& cells) {
  py::list out;
  for (const SuppressedCell& s : cells) {
    py::dict d;
    d["table"] = s.table;
    d["row"] = json_to_python(s.row);
    d["column"] = s.column;
    out.append(d);
  }
  return out;
}

/// One audited cell as a dict: its label's keys, then lower, upper, the true value, safe.
inline py::dict audit_dict(const Json& label, const AuditInterval& a) {
  py::dict d = json_to_python(label);
  d["lower"] = a.lower;
  d["upper"] = a.upper;
  d["value"] = a.value;
  d["safe"] = a.safe;
  return d;
}

/// The audit intervals of @p audit as dicts (label, interval, true value, safe).
inline py::list audit_list(const std::vector<AuditInterval>& audit,
                           const std::vector<Json>& labels) {
  py::list out;
  for (const AuditInterval& a : audit) out.append(audit_dict(labels.at(a.cell), a));
  return out;
}

}  // namespace vaekit::python
