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
#include <unordered_map>
#include <vector>

#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/event_log.hpp"

namespace vaekit {

namespace detail {
/// Transparent hash so that a pool looks strings up by std::string_view without allocating.
struct StringHash {
  using is_transparent = void;  ///< Enables heterogeneous lookup.
  /// Hash of @p s.
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
}  // namespace detail

/// Interned strings: each distinct string is stored once and named by a dense index (0, 1, ...).
class StringPool {
 public:
  /// The index of @p s, adding it when new (allocates only for a new string).
  std::uint32_t intern(std::string_view s);
  /// The index of @p s, or std::nullopt when absent.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view s) const;
  /// The string of index @p i.
  [[nodiscard]] const std::string& operator[](std::uint32_t i) const { return strings_[i]; }
  /// Number of distinct strings.
  [[nodiscard]] std::size_t size() const noexcept { return strings_.size(); }
  /// All strings, by index.
  [[nodiscard]] const std::vector<std::string>& strings() const noexcept { return strings_; }
  /// Bytes held (strings and index), approximately.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t, detail::StringHash, std::equal_to<>> index_;
};

/// Index meaning "no value" in the optional interned columns (antenne, staff, certification).
inline constexpr std::uint32_t no_string = 0xFFFF'FFFFu;
/// Payload meaning "no value".
inline constexpr std::uint16_t no_payload = 0;
/// Payload bit set on an admissibility_decided event decided by silence (implicit).
inline constexpr std::uint16_t payload_implicit = 0x100;

/// The small payload of an event as stored in the payload column: 0 when absent, else the value
/// + 1 of `received.channel`, `oriented.to`, `admissibility_decided.decision` (plus
/// payload_implicit), `support_started.funding`, `jury_held.result`, or the minutes + 1 of
/// `appointment_held.minutes`. Other data fields are not kept (they may carry free text).
[[nodiscard]] std::uint16_t encode_payload(EventKind kind, const EventData& data) noexcept;
/// The data fields of an event of @p kind rebuilt from its @p payload.
[[nodiscard]] EventData decode_payload(EventKind kind, std::uint16_t payload);

/// The event log v1 as columns (structure of arrays), one entry per accepted event in file order.
///
/// Strings (case ids, antennes, staff, certifications) are interned once; an event costs 30 bytes
/// (case 4, day 4, time 4, offset 2, kind 1, role 1, antenne 4, staff 4, certification 4,
/// payload 2). Reading never allocates per event, only per distinct string. Free-text data
/// (`reason`, `certifier`) and unknown fields are not kept: the log holds no personal field.
class ColumnarLog {
 public:
  /// An empty log.
  ColumnarLog() = default;

  /// Parses the JSON Lines @p text with simdjson. Same rules, rejects and messages as the pathway
  /// reader (parse_event_log): strict throws ParseError at the first bad record (line, field);
  /// lenient sets bad records aside in rejects(); records_read() == size() + rejects().size().
  static ColumnarLog parse(std::string_view text, std::string_view source = "<string>",
                           ReadMode mode = ReadMode::strict);
  /// Reads the event-log file @p path (see parse()); throws IoError.
  static ColumnarLog read(const std::filesystem::path& path, ReadMode mode = ReadMode::strict);
  /// The events of a pathway log (header and rejects included).
  static ColumnarLog from_event_log(const EventLog& log);
  /// The events of @p events, in order.
  static ColumnarLog from_events(std::span<const Event> events);
  /// The events of every case of @p cases (e.g. a Replay or a CaseStore query), case after case.
  static ColumnarLog from_cases(std::span<const Case> cases);

  /// Appends one event.
  void append(const Event& e);
  /// Appends one event given by its columns (strings empty when absent); checks nothing.
  void append(std::string_view case_id, const Timestamp& at, EventKind kind, Role role,
              std::string_view antenne, std::string_view staff, std::string_view certification,
              std::uint16_t payload);
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
  /// Local date of each event, as days since 1970-01-01.
  [[nodiscard]] std::span<const std::int32_t> day_column() const noexcept { return day_; }
  /// Milliseconds after local midnight of each event, -1 for a plain date.
  [[nodiscard]] std::span<const std::int32_t> time_column() const noexcept { return millis_; }
  /// UTC offset in minutes of each event (0 for a plain date).
  [[nodiscard]] std::span<const std::int16_t> offset_column() const noexcept { return offset_; }
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
  [[nodiscard]] std::span<const std::uint16_t> payload_column() const noexcept { return payload_; }

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
  /// Bytes held by the event columns only, per event (30).
  static constexpr std::size_t bytes_per_event = 30;

  /// The same log with case and staff identifiers replaced by @p pseudonym_case(id) and
  /// @p pseudonym_staff(id) (see pseudonymise() in pseudonym.hpp); the header says pseudonymised.
  [[nodiscard]] ColumnarLog map_identifiers(
      const std::function<std::string(std::string_view)>& pseudonym_case,
      const std::function<std::string(std::string_view)>& pseudonym_staff) const;

  /// The events as pathway Events, in order (for the pathway writer and tools).
  [[nodiscard]] std::vector<Event> to_events() const;

  /// Field-wise equality of the events (identifiers compared as strings) and headers' presence.
  [[nodiscard]] bool same_events(const ColumnarLog& other) const;

 private:
  // Parses @p size bytes at @p data, which must be followed by 64 readable bytes (simdjson
  // padding).
  static ColumnarLog parse_padded(const char* data, std::size_t size, std::string_view source,
                                  ReadMode mode);
  std::vector<std::uint32_t> case_;
  std::vector<std::int32_t> day_;
  std::vector<std::int32_t> millis_;
  std::vector<std::int16_t> offset_;
  std::vector<EventKind> kind_;
  std::vector<Role> role_;
  std::vector<std::uint32_t> antenne_;
  std::vector<std::uint32_t> staff_;
  std::vector<std::uint32_t> certification_;
  std::vector<std::uint16_t> payload_;
  StringPool cases_, antennes_, staff_pool_, certifications_;
  EventLogHeader header_;
  std::vector<Reject> rejects_;
  std::size_t records_read_ = 0;
};

}  // namespace vaekit
