#pragma once
/// @file
/// @brief Reading and writing the event log v1 (JSON Lines), strict and lenient, and replaying a
/// log into cases.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/json.hpp"
#include "vaekit/core/reject.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

/// The optional first line `{"schema":"EventLog.1", ...}`.
struct EventLogHeader {
  bool present = false;               ///< Whether the log had (or will get) a header line.
  std::string source;                 ///< Who wrote the log (e.g. "vaekit.store").
  std::string created;                ///< When (ISO 8601 text), or empty.
  std::optional<bool> pseudonymised;  ///< Whether case ids are keyed pseudonyms.
  Json extra;                         ///< Other header fields, kept as read (null if none).
};

/// A log as read: header, accepted events (with their line numbers) and rejects.
/// Invariant: records_read == events.size() + rejects.size() (blank lines are not records).
struct EventRecords {
  EventLogHeader header;           ///< The header (present = false when absent).
  std::vector<Event> events;       ///< Accepted events, in file order.
  std::vector<std::size_t> lines;  ///< 1-based line of each accepted event.
  std::vector<Reject> rejects;     ///< Records set aside (lenient mode).
  std::size_t records_read = 0;    ///< Records read (lines holding an event, header excluded).
};

/// Parses an event log from @p text; @p source names it in errors and rejects.
/// Throws ParseError (strict: any bad record; both modes: a bad header) or SchemaError.
[[nodiscard]] EventRecords parse_event_log(std::string_view text,
                                           std::string_view source = "<string>",
                                           ReadMode mode = ReadMode::strict);
/// Reads the event log file @p path (see parse_event_log); throws IoError.
[[nodiscard]] EventRecords read_event_log(const std::filesystem::path& path,
                                          ReadMode mode = ReadMode::strict);
/// Parses one line; throws ParseError naming @p where (line, field).
[[nodiscard]] Event parse_event_line(std::string_view line, const SourceLocation& where);

/// One event as its JSON Lines text (no newline).
[[nodiscard]] std::string format_event_line(const Event& e);
/// A whole log as text: the header line when @p header.present, then one line per event.
[[nodiscard]] std::string format_event_log(std::span<const Event> events,
                                           const EventLogHeader& header = {});
/// Writes a log atomically to @p path (write_file_atomic).
void write_event_log(const std::filesystem::path& path, std::span<const Event> events,
                     const EventLogHeader& header = {});

/// Cases rebuilt from a log, with the events the transition table refused.
struct Replay {
  std::vector<Case> cases;      ///< One per case id, in order of first appearance.
  std::vector<Reject> rejects;  ///< Refused events (lenient mode), with their lines.
};
/// Groups the events of @p log by case (cases need not be contiguous) and records them in order.
/// Strict: the first refusal throws TransitionError (its reason ends with source:line);
/// lenient: refused events are rejected and the case goes on without them.
[[nodiscard]] Replay replay(const EventRecords& log, ReadMode mode = ReadMode::strict,
                            const RegimeSet& regimes = RegimeSet::builtin(),
                            std::string_view source = "<log>");

}  // namespace vaekit
