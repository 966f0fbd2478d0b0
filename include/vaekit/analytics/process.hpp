#pragma once
/// @file
/// @brief Process views of an event log: variants, the directly-follows graph with durations,
/// conformance of each case to the reference pathway; and exports for process-mining tools
/// (XES, IEEE 1849; OCEL 2.0 JSON).

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/core/table.hpp"

namespace vaekit {

/// A variant: the sequence of event kinds of a case, with the number of cases that follow it.
struct Variant {
  std::vector<EventKind> events;  ///< The ordered event kinds.
  std::uint64_t count = 0;        ///< Cases with exactly this sequence.
};
/// The variants of @p log, most frequent first (ties: lexicographic by event order).
[[nodiscard]] std::vector<Variant> variants(const EventLog& log);
/// variants() as a table: variant (kinds joined by ","), length, count.
[[nodiscard]] Table variants_table(const EventLog& log);

/// An edge of the directly-follows graph: @p to happens right after @p from in some case.
struct DirectlyFollows {
  EventKind from = EventKind::received;  ///< The earlier event.
  EventKind to = EventKind::received;    ///< The next event of the same case.
  std::uint64_t count = 0;               ///< Number of such pairs.
  double mean_days = 0;                  ///< Mean days between them.
  double median_days = 0;                ///< Median days (numpy.median).
};
/// The directly-follows graph of @p log (events of a case in file order), by (from, to).
[[nodiscard]] std::vector<DirectlyFollows> directly_follows(const EventLog& log);
/// directly_follows() as a table: from, to, count, mean_days, median_days.
[[nodiscard]] Table directly_follows_table(const EventLog& log);

/// The milestones of the reference pathway, in order (domain.md section 2).
[[nodiscard]] const std::vector<EventKind>& reference_milestones();
/// Conformance of each case to the reference pathway, as a table: case, furthest (the furthest
/// milestone reached), skipped (milestones before it never reached, joined by ","),
/// reordered (1 when a milestone first happened after a later one), fits (no skip, no reorder).
[[nodiscard]] Table conformance_table(const EventLog& log);

/// The `data` fields an analysis export (XES, OCEL, CSV) may carry by default: the fields of the
/// event log v1 vocabulary that hold no free text. `certifier` and `reason` (free text), unknown
/// `data` fields and unknown top-level fields are left out unless
/// ExportOptions::include_free_text.
inline constexpr std::array<std::string_view, 27> export_data_fields = {
    "channel", "date", "minutes", "to", "decision", "implicit", "funding", "hours", "result",
    // The France VAE era (issue 15): coded fields, numbers and the département code.
    "accompaniment", "individual_hours", "collective_hours", "training_hours", "funding_kind",
    "amount", "granted", "reason_code", "lifted", "sex", "age_band", "employment", "qualification",
    "departement", "qpv", "rqth", "months", "situation"};

/// Whether @p field is in export_data_fields.
[[nodiscard]] bool is_export_data_field(std::string_view field) noexcept;

/// Options of the analysis exports (write_xes(), write_ocel()).
struct ExportOptions {
  /// Also write the free-text and unknown fields of each event (`certifier`, `reason`, unknown
  /// `data` fields as `data.NAME`, unknown top-level fields as `NAME`; values other than strings
  /// as JSON text). They may hold personal data: off by default. Needs #events.
  bool include_free_text = false;
  /// The events the free text is taken from: the same log read with the pathway reader
  /// (read_event_log()), in file order, one per event of the exported log. Required (same size
  /// as the log, else InvalidArgument) when include_free_text.
  std::span<const Event> events;
};

/// The free-text and unknown fields of @p e as (name, value) strings, in a stable order (see
/// ExportOptions::include_free_text).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> free_text_fields(const Event& e);

/// The name an export gives the log with header @p header: its `source` when that is not a path
/// (a source such as a file path may hold a user's name), else "vaekit event log".
[[nodiscard]] std::string export_log_name(const EventLogHeader& header);

/// Writes @p log as XES (IEEE 1849-2016) to @p path atomically: the log named export_log_name(),
/// one trace per case (concept:name), one event per line (concept:name = event kind,
/// time:timestamp, org:resource = staff, org:role = role, lifecycle:transition = complete, plus
/// antenne, certification and the export_data_fields the log holds, as strings; free text only
/// with @p options).
void write_xes(const EventLog& log, const std::filesystem::path& path,
               const ExportOptions& options = {});
/// Writes @p log as OCEL 2.0 JSON to @p path atomically: object types case, certification,
/// antenne and staff; one event per line, related to its objects, with the attributes role and
/// the export_data_fields it holds (free text only with @p options).
void write_ocel(const EventLog& log, const std::filesystem::path& path,
                const ExportOptions& options = {});

}  // namespace vaekit
