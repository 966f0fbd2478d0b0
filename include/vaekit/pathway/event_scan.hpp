#pragma once
/// @file
/// @brief The streaming reader of the event log v1 shared by every vaekit reader: simdjson
/// On-Demand over each line without a copy, events handed to a handler as views, and the
/// full (nlohmann) reader as the reference for every line the fast path does not take as-is.
/// Also the replay of a whole log into case states without keeping its events.

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include "vaekit/core/reject.hpp"
#include "vaekit/core/string_pool.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/event_records.hpp"

namespace vaekit {

/// One event as the scanner read it, without copying: the strings are views into the text, valid
/// only during the handler's call. The data's enum and number fields are in @ref data (its
/// strings stay empty); the free-text `certifier` and `reason` are views. A line with any field
/// unknown to v1, or with the optional array fields `data.blocks` and `data.jury`, never becomes a
/// view: it reaches the handler as an Event (see EventLogHandler).
struct EventView {
  std::string_view case_id;              ///< The case.
  Timestamp at;                          ///< When.
  EventKind kind = EventKind::received;  ///< What.
  Role role = Role::system;              ///< Who recorded it.
  std::string_view antenne;              ///< The antenne, or empty.
  std::string_view staff;                ///< The staff member, or empty.
  std::string_view certification;        ///< RNCP or RS code, or empty.
  EventData data;                        ///< Data fields (certifier, reason and extra left empty).
  std::string_view certifier;            ///< `data.certifier`, or empty.
  std::string_view reason;               ///< `data.reason`, or empty.

  /// Copies the view into @p e (reusing @p e's storage; `extra` fields are cleared).
  void assign_to(Event& e) const;
  /// The view as an owned Event.
  [[nodiscard]] Event to_event() const;
};

/// What a reader does with the records a scan finds (see scan_event_log()).
class EventLogHandler {
 public:
  /// Virtual destructor.
  virtual ~EventLogHandler() = default;
  /// The header line, when the log has one (called before any event).
  virtual void header(EventLogHeader header) = 0;
  /// An event read on the fast path, at 1-based @p line.
  virtual void event(const EventView& view, std::size_t line) = 0;
  /// An event read by the full reader (a line the fast path left to it), at 1-based @p line.
  virtual void event(Event&& event, std::size_t line) = 0;
  /// A record set aside in lenient mode (in strict mode the scan throws instead).
  virtual void reject(Reject reject) = 0;
};

/// What a scan counted.
struct ScanCounts {
  std::size_t records = 0;   ///< Records read (header and blank lines excluded).
  std::size_t fast = 0;      ///< Of which taken by the fast path.
  std::size_t rejected = 0;  ///< Of which set aside (lenient mode).
};

/// Reads the event log v1 in @p text line by line and hands every record to @p handler. The
/// rules are those of parse_event_log(): a UTF-8 BOM and blank lines are skipped, the first
/// record may be the header, a bad header throws (both modes), a bad record throws ParseError
/// naming @p source, the line and the field (strict) or becomes a Reject (lenient).
/// The fast path (simdjson On-Demand, in place: no copy of the text, no allocation per event)
/// takes every line made only of v1 fields with valid values; any other line (unknown fields,
/// duplicate keys, escapes in keys, errors) goes to parse_event_line(), which decides and words
/// the error, so both paths accept and reject exactly the same lines.
///
/// @p threads: 1 scans on the calling thread; 2 parses on a second thread (batches of lines,
/// strings copied into the batch) while the calling thread runs the handler, in file order,
/// with the same records, counts and errors; 0 (the default) takes 2 for texts of 8 MB and more
/// on a machine with several cores. The handler is always called on the calling thread.
ScanCounts scan_event_log(std::string_view text, EventLogHandler& handler,
                          std::string_view source = "<string>", ReadMode mode = ReadMode::strict,
                          unsigned threads = 0);
/// Maps the file @p path (MappedFile) and scans it (see scan_event_log()); throws IoError.
ScanCounts scan_event_log_file(const std::filesystem::path& path, EventLogHandler& handler,
                               ReadMode mode = ReadMode::strict, unsigned threads = 0);

/// The cases of a log folded through the transition table, without their events: what a
/// replay of a whole log gives when only the current state of each case is wanted.
struct CaseStates {
  EventLogHeader header;           ///< The header (present = false when absent).
  StringPool ids;                  ///< Case identifiers, in order of first appearance.
  std::vector<CaseState> states;   ///< The state of each case, by index into ids.
  std::vector<Reject> rejects;     ///< Records and refused events set aside (lenient mode).
  std::size_t records_read = 0;    ///< Records read (header and blank lines excluded).
  std::size_t events_applied = 0;  ///< Events accepted by the transition table.
  std::size_t events_refused = 0;  ///< Events refused by the transition table (lenient mode).

  /// The state of case @p id, or nullptr when the log has no such case.
  [[nodiscard]] const CaseState* find(std::string_view id) const;
};

/// Replays the event log in @p text into case states: every event is read (scan_event_log()),
/// checked against the transition table under @p regimes and folded into its case's state
/// (apply_event()); the events themselves are not kept. Strict: the first bad record throws
/// ParseError, the first refused event TransitionError (its reason ends with source:line) or
/// InvalidArgument; lenient: both become rejects and the case goes on without the event.
/// The states equal those of replay(parse_event_log(text)) case for case. @p threads as in
/// scan_event_log().
[[nodiscard]] CaseStates parse_case_states(std::string_view text,
                                           std::string_view source = "<string>",
                                           ReadMode mode = ReadMode::strict,
                                           const RegimeSet& regimes = RegimeSet::builtin(),
                                           unsigned threads = 0);
/// Replays the event-log file @p path into case states (see parse_case_states()); throws IoError.
[[nodiscard]] CaseStates read_case_states(const std::filesystem::path& path,
                                          ReadMode mode = ReadMode::strict,
                                          const RegimeSet& regimes = RegimeSet::builtin(),
                                          unsigned threads = 0);

}  // namespace vaekit
