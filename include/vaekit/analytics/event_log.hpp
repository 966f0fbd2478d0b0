#pragma once
/// @file
/// @brief The columnar event log: the event log v1 as contiguous columns with interned strings,
/// read from JSON Lines with simdjson, built from events, cases or Python columns.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/string_pool.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/event_records.hpp"

struct ArrowArrayStream;  // The Arrow C stream interface (vaekit/core/table.hpp).

namespace vaekit {

/// Index meaning "no value" in the optional interned columns (antenne, staff, certification).
inline constexpr std::uint32_t no_string = 0xFFFF'FFFFu;
/// Payload meaning "no value".
inline constexpr std::uint32_t no_payload = 0;
/// Payload bit set on an admissibility_decided event decided by silence (implicit).
inline constexpr std::uint32_t payload_implicit = 0x100;

/// The small payload of an event as stored in the payload column: 0 when absent, else the value
/// + 1 of `received.channel`, `oriented.to`, `admissibility_decided.decision` (plus
/// payload_implicit), `support_started.funding`, `jury_held.result`, or the minutes + 1 of
/// `appointment_held.minutes`; the events of the France VAE era pack their coded fields in mixed
/// radix (vaekit/pathway/vocabulary.hpp, PayloadRole; docs/formats/event-log.md), which needs
/// 32 bits for `profile_recorded` (its département). Other data fields are not kept (they may
/// carry free text).
[[nodiscard]] std::uint32_t encode_payload(EventKind kind, const EventData& data) noexcept;
/// The data fields of an event of @p kind rebuilt from its @p payload.
[[nodiscard]] EventData decode_payload(EventKind kind, std::uint32_t payload);

/// The event log v1 as columns (structure of arrays), one entry per accepted event in file order.
///
/// Strings (case ids, antennes, staff, certifications) are interned once; an event costs 30 bytes
/// (case 4, packed time 8, kind 1, role 1, antenne 4, staff 4, certification 4, payload 4; the
/// payload had 2 bytes until the profile's département was kept, issue 15).
/// Reading never allocates per event, only per distinct string. Free-text data (`reason`,
/// `certifier`) and unknown fields are not kept: the log holds no personal field.
///
/// The time column packs the local date, the time of day and the UTC offset of an event into one
/// signed 64-bit value that orders like (date, time, offset): see pack_time().
class EventLog {
 public:
  /// An empty log.
  EventLog() = default;

  /// Parses the JSON Lines @p text with simdjson. Same rules, rejects and messages as the pathway
  /// reader (parse_event_log): strict throws ParseError at the first bad record (line, field);
  /// lenient sets bad records aside in rejects(); records_read() == size() + rejects().size().
  /// @p threads as in scan_event_log() (0: two for large texts on a machine with several cores).
  static EventLog parse(std::string_view text, std::string_view source = "<string>",
                        ReadMode mode = ReadMode::strict, unsigned threads = 0);
  /// Reads the event-log file @p path (mapped, see parse()); throws IoError.
  static EventLog read(const std::filesystem::path& path, ReadMode mode = ReadMode::strict,
                       unsigned threads = 0);
  /// The events of a pathway log (header and rejects included).
  static EventLog from_event_records(const EventRecords& log);
  /// The events of @p events, in order.
  static EventLog from_events(std::span<const Event> events);
  /// The events of every case of @p cases (e.g. a Replay or a CaseStore query), case after case.
  static EventLog from_cases(std::span<const Case> cases);
  /// The events of the Arrow C stream @p stream (a table with the columns of export_arrow(), by
  /// name, in any order; see docs/analytics.md), which it consumes and releases. Each row is
  /// validated like a JSON Lines record (same field names and reasons, the row's 1-based position
  /// as its line): strict throws ParseError at the first bad row, lenient sets bad rows aside in
  /// rejects(). A column of a type it cannot read throws InvalidArgument naming the column.
  /// Defined in event_log_arrow.cpp.
  static EventLog from_arrow(ArrowArrayStream* stream, std::string_view source = "<arrow>",
                             ReadMode mode = ReadMode::strict);
  /// Fills @p out with an Arrow C stream of one record batch holding the events: `case`,
  /// `event`, `role`, `antenne`, `staff`, `certification` dictionary-encoded, `at` as a
  /// timestamp[ms] of the local wall time with `utc_offset` (minutes, null for a plain date), and
  /// one column per payload field (null where an event does not carry it). The stream owns a copy
  /// of the columns: the log may go away before it. Defined in event_log_arrow.cpp.
  void export_arrow(ArrowArrayStream* out) const;

  /// Appends one event.
  void append(const Event& e);
  /// Appends one event given by its columns (strings empty when absent); checks nothing.
  void append(std::string_view case_id, const Timestamp& at, EventKind kind, Role role,
              std::string_view antenne, std::string_view staff, std::string_view certification,
              std::uint32_t payload);
  /// Appends one event whose strings are already interned in this log's pools (indices from
  /// intern_case() etc., no_string when absent): no lookup at all, for writers that intern a case
  /// id once per case (the simulator). Checks nothing.
  void append_interned(std::uint32_t case_index, const Timestamp& at, EventKind kind, Role role,
                       std::uint32_t antenne, std::uint32_t staff, std::uint32_t certification,
                       std::uint32_t payload);
  /// The index of case id @p id in cases(), adding it.
  std::uint32_t intern_case(std::string_view id) { return cases_.intern(id); }
  /// The index of antenne @p id in antennes(), adding it; no_string for an empty id.
  std::uint32_t intern_antenne(std::string_view id) {
    return id.empty() ? no_string : antennes_.intern(id);
  }
  /// The index of staff member @p id in staff(), adding it; no_string for an empty id.
  std::uint32_t intern_staff(std::string_view id) {
    return id.empty() ? no_string : staff_pool_.intern(id);
  }
  /// The index of certification @p code in certifications(), adding it; no_string when empty.
  std::uint32_t intern_certification(std::string_view code) {
    return code.empty() ? no_string : certifications_.intern(code);
  }
  /// Reserves room for @p n events.
  void reserve(std::size_t n);

  /// Number of events.
  [[nodiscard]] std::size_t size() const noexcept { return case_.size(); }
  /// Whether there is no event.
  [[nodiscard]] bool empty() const noexcept { return case_.empty(); }
  /// Event @p i rebuilt as a pathway Event (payload fields only).
  [[nodiscard]] Event event(std::size_t i) const;
  /// The timestamp of event @p i.
  [[nodiscard]] Timestamp timestamp(std::size_t i) const;

  /// Case index of each event (into cases()).
  [[nodiscard]] std::span<const std::uint32_t> case_column() const noexcept { return case_; }
  /// Packed time of each event (see pack_time()).
  [[nodiscard]] std::span<const std::int64_t> time_column() const noexcept { return time_; }
  /// Local date of event @p i, as days since 1970-01-01.
  [[nodiscard]] std::int32_t day(std::size_t i) const noexcept { return day_of(time_[i]); }
  /// Local dates of every event, as days since 1970-01-01 (a new array).
  [[nodiscard]] std::vector<std::int32_t> days() const;

  /// The packed time of @p t: days since 1970-01-01 times 2^39, plus (milliseconds after local
  /// midnight + 1, or 0 for a plain date) times 2^12, plus the UTC offset in minutes + 2048.
  [[nodiscard]] static constexpr std::int64_t pack_time(std::int32_t day, std::int32_t millis,
                                                        std::int16_t offset) noexcept {
    return static_cast<std::int64_t>(day) * (std::int64_t{1} << 39) +
           static_cast<std::int64_t>(millis + 1) * (std::int64_t{1} << 12) + (offset + 2048);
  }
  /// The local date (days since 1970-01-01) of a packed time.
  [[nodiscard]] static constexpr std::int32_t day_of(std::int64_t packed) noexcept {
    return static_cast<std::int32_t>(packed >> 39);
  }
  /// The milliseconds after local midnight of a packed time, -1 for a plain date.
  [[nodiscard]] static constexpr std::int32_t millis_of(std::int64_t packed) noexcept {
    return static_cast<std::int32_t>((packed >> 12) & ((std::int64_t{1} << 27) - 1)) - 1;
  }
  /// The UTC offset in minutes of a packed time (0 for a plain date).
  [[nodiscard]] static constexpr std::int16_t offset_of(std::int64_t packed) noexcept {
    return static_cast<std::int16_t>((packed & 0xFFF) - 2048);
  }
  /// Event kind of each event.
  [[nodiscard]] std::span<const EventKind> kind_column() const noexcept { return kind_; }
  /// Role of each event.
  [[nodiscard]] std::span<const Role> role_column() const noexcept { return role_; }
  /// Antenne index of each event (into antennes()), or no_string.
  [[nodiscard]] std::span<const std::uint32_t> antenne_column() const noexcept { return antenne_; }
  /// Staff index of each event (into staff()), or no_string.
  [[nodiscard]] std::span<const std::uint32_t> staff_column() const noexcept { return staff_; }
  /// Certification index of each event (into certifications()), or no_string.
  [[nodiscard]] std::span<const std::uint32_t> certification_column() const noexcept {
    return certification_;
  }
  /// Payload of each event (see encode_payload).
  [[nodiscard]] std::span<const std::uint32_t> payload_column() const noexcept { return payload_; }

  /// Case identifiers.
  [[nodiscard]] const StringPool& cases() const noexcept { return cases_; }
  /// Antenne identifiers.
  [[nodiscard]] const StringPool& antennes() const noexcept { return antennes_; }
  /// Staff identifiers.
  [[nodiscard]] const StringPool& staff() const noexcept { return staff_pool_; }
  /// Certification codes.
  [[nodiscard]] const StringPool& certifications() const noexcept { return certifications_; }

  /// The header line (present = false when the log had none).
  [[nodiscard]] const EventLogHeader& header() const noexcept { return header_; }
  /// Replaces the header.
  void set_header(EventLogHeader h) { header_ = std::move(h); }
  /// Records set aside by a lenient read.
  [[nodiscard]] const std::vector<Reject>& rejects() const noexcept { return rejects_; }
  /// Records read (header and blank lines excluded): size() + rejects().size() after a read.
  [[nodiscard]] std::size_t records_read() const noexcept { return records_read_; }

  /// Event indices grouped by case: events of case c are order()[offsets()[c] .. offsets()[c+1])
  /// in file order (a stable counting sort; cases need not be contiguous in the file).
  struct CaseGroups {
    std::vector<std::uint32_t> offsets;  ///< cases().size() + 1 offsets into order.
    std::vector<std::uint32_t> order;    ///< Event indices, case after case.
  };
  /// The events grouped by case (see CaseGroups).
  [[nodiscard]] CaseGroups group_by_case() const;

  /// Bytes held by the columns (capacity excluded) and the string pools.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
  /// Bytes held by the event columns only, per event (30: see the class comment).
  static constexpr std::size_t bytes_per_event = 30;

  /// The same log with case and staff identifiers replaced by @p pseudonym_case(id) and
  /// @p pseudonym_staff(id) (see pseudonymise() in pseudonym.hpp); the header says pseudonymised.
  [[nodiscard]] EventLog map_identifiers(
      const std::function<std::string(std::string_view)>& pseudonym_case,
      const std::function<std::string(std::string_view)>& pseudonym_staff) const;

  /// The events as pathway Events, in order (for the pathway writer and tools).
  [[nodiscard]] std::vector<Event> to_events() const;

  /// Field-wise equality of the events (identifiers compared as strings) and headers' presence.
  [[nodiscard]] bool same_events(const EventLog& other) const;

 private:
  friend class ColumnarReader;
  std::vector<std::uint32_t> case_;
  std::vector<std::int64_t> time_;
  std::vector<EventKind> kind_;
  std::vector<Role> role_;
  std::vector<std::uint32_t> antenne_;
  std::vector<std::uint32_t> staff_;
  std::vector<std::uint32_t> certification_;
  std::vector<std::uint32_t> payload_;
  StringPool cases_, antennes_, staff_pool_, certifications_;
  EventLogHeader header_;
  std::vector<Reject> rejects_;
  std::size_t records_read_ = 0;
};

}  // namespace vaekit
