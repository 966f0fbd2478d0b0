// The event log v1: JSON Lines reader (strict and lenient), writer, replay into cases.
#include "vaekit/pathway/event_records.hpp"

#include <unordered_map>

#include "event_scan_internal.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_scan.hpp"

namespace vaekit {

EventLogHeader pathway_internal::parse_event_log_header(const Json& j,
                                                        const SourceLocation& where) {
  const auto tag = j.at("schema");
  if (!tag.is_string())
    throw SchemaError(SourceLocation{where.source, where.line, 0, "schema"}, "expected a string");
  SchemaTag t;
  try {
    t = SchemaTag::parse(tag.get<std::string>());
  } catch (const SchemaError& e) {
    throw SchemaError(SourceLocation{where.source, where.line, 0, "schema"}, e.reason());
  }
  if (t.name != "EventLog") {
    throw SchemaError(SourceLocation{where.source, where.line, 0, "schema"},
                      "expected an EventLog header, got '" + excerpt(t.to_string()) + "'");
  }
  if (t.version != 1) {
    throw SchemaError(SourceLocation{where.source, where.line, 0, "schema"},
                      "event log version " + std::to_string(t.version) +
                          " is not supported (this vaekit reads EventLog.1; upgrade vaekit)");
  }
  EventLogHeader h;
  h.present = true;
  for (const auto& [k, v] : j.items()) {
    if (k == "schema") continue;
    if (k == "source" && v.is_string()) {
      h.source = v.get<std::string>();
    } else if (k == "created" && v.is_string()) {
      h.created = v.get<std::string>();
    } else if (k == "pseudonymised" && v.is_boolean()) {
      h.pseudonymised = v.get<bool>();
    } else {
      if (!h.extra.is_object()) h.extra = Json::object();
      h.extra[k] = v;
    }
  }
  return h;
}

Event parse_event_line(std::string_view line, const SourceLocation& where) {
  Json j;
  try {
    // core's one JSON parser: depth limit, duplicate keys refused, no input quoted.
    j = parse_json(line, where.source);
  } catch (const ParseError& e) {
    throw ParseError(SourceLocation{where.source, where.line, e.where().column, e.where().field},
                     e.reason());
  }
  try {
    return j.get<Event>();
  } catch (const ParseError& e) {
    throw ParseError(SourceLocation{where.source, where.line, 0, e.where().field}, e.reason());
  } catch (const InvalidArgument& e) {
    throw ParseError(where, e.what());
  } catch (const nlohmann::json::exception& e) {
    throw ParseError(where, "invalid event: " + json_exception_text(e));
  }
}

namespace {

// Collects the scanned records as Events (the row reader).
class RowReader final : public EventLogHandler {
 public:
  explicit RowReader(EventRecords& log) : log_(log) {}
  void header(EventLogHeader h) override { log_.header = std::move(h); }
  void event(const EventView& v, std::size_t line) override {
    log_.events.push_back(v.to_event());
    log_.lines.push_back(line);
  }
  void event(Event&& e, std::size_t line) override {
    log_.events.push_back(std::move(e));
    log_.lines.push_back(line);
  }
  void reject(Reject r) override { log_.rejects.push_back(std::move(r)); }

 private:
  EventRecords& log_;
};

}  // namespace

EventRecords parse_event_log(std::string_view text, std::string_view source, ReadMode mode) {
  EventRecords log;
  log.events.reserve(text.size() / 160);
  log.lines.reserve(text.size() / 160);
  RowReader reader(log);
  log.records_read = scan_event_log(text, reader, source, mode).records;
  return log;
}

EventRecords read_event_log(const std::filesystem::path& path, ReadMode mode) {
  const MappedFile file(path);
  require_nonempty(file.text(), path,
                   "an event log has at least one line (its EventLog.1 header or an event)");
  return parse_event_log(file.text(), path.string(), mode);
}

std::string format_event_line(const Event& e) {
  return Json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_event_log(std::span<const Event> events, const EventLogHeader& header) {
  std::string out;
  if (header.present) {
    Json h = Json::object();
    h["schema"] = "EventLog.1";
    if (!header.source.empty()) h["source"] = header.source;
    if (!header.created.empty()) h["created"] = header.created;
    if (header.pseudonymised) h["pseudonymised"] = *header.pseudonymised;
    if (header.extra.is_object()) {
      for (const auto& [k, v] : header.extra.items()) h[k] = v;
    }
    out += h.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
  for (const Event& e : events) {
    out += format_event_line(e);
    out += '\n';
  }
  return out;
}

void write_event_log(const std::filesystem::path& path, std::span<const Event> events,
                     const EventLogHeader& header) {
  write_file_atomic(path, format_event_log(events, header));
}

Replay replay(const EventRecords& log, ReadMode mode, const RegimeSet& regimes,
              std::string_view source) {
  Replay out;
  std::unordered_map<std::string, std::size_t> index;
  const std::string src = log.rejects.empty() ? std::string(source) : log.rejects.front().source;
  for (std::size_t i = 0; i < log.events.size(); ++i) {
    const Event& e = log.events[i];
    auto [it, inserted] = index.try_emplace(e.case_id, out.cases.size());
    if (inserted) out.cases.emplace_back(e.case_id);
    Case& c = out.cases[it->second];
    const std::size_t line = i < log.lines.size() ? log.lines[i] : i + 1;
    try {
      c.record(e, regimes);
    } catch (const TransitionError& te) {
      if (mode == ReadMode::strict) {
        throw TransitionError(te.case_id(), te.stage(), te.event(), te.role(),
                              te.reason() + " (" + src + ":" + std::to_string(line) + ")");
      }
      out.rejects.push_back(Reject{src, line, "event", te.what(), {}});
    } catch (const InvalidArgument& ia) {
      if (mode == ReadMode::strict) throw;
      out.rejects.push_back(Reject{src, line, {}, ia.what(), {}});
    }
  }
  return out;
}

}  // namespace vaekit
