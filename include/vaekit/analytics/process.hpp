#pragma once
/// @file
/// @brief Process views of an event log: variants, the directly-follows graph with durations,
/// conformance of each case to the reference pathway; and exports for process-mining tools
/// (XES, IEEE 1849; OCEL 2.0 JSON).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "vaekit/analytics/columnar_log.hpp"
#include "vaekit/analytics/table.hpp"

namespace vaekit {

/// A variant: the sequence of event kinds of a case, with the number of cases that follow it.
struct Variant {
  std::vector<EventKind> events;  ///< The ordered event kinds.
  std::uint64_t count = 0;        ///< Cases with exactly this sequence.
};
/// The variants of @p log, most frequent first (ties: lexicographic by event order).
[[nodiscard]] std::vector<Variant> variants(const ColumnarLog& log);
/// variants() as a table: variant (kinds joined by ","), length, count.
[[nodiscard]] Table variants_table(const ColumnarLog& log);

/// An edge of the directly-follows graph: @p to happens right after @p from in some case.
struct DirectlyFollows {
  EventKind from = EventKind::received;  ///< The earlier event.
  EventKind to = EventKind::received;    ///< The next event of the same case.
  std::uint64_t count = 0;               ///< Number of such pairs.
  double mean_days = 0;                  ///< Mean days between them.
  double median_days = 0;                ///< Median days (numpy.median).
};
/// The directly-follows graph of @p log (events of a case in file order), by (from, to).
[[nodiscard]] std::vector<DirectlyFollows> directly_follows(const ColumnarLog& log);
/// directly_follows() as a table: from, to, count, mean_days, median_days.
[[nodiscard]] Table directly_follows_table(const ColumnarLog& log);

/// The milestones of the reference pathway, in order (domain.md section 2).
[[nodiscard]] const std::vector<EventKind>& reference_milestones();
/// Conformance of each case to the reference pathway, as a table: case, furthest (the furthest
/// milestone reached), skipped (milestones before it never reached, joined by ","),
/// reordered (1 when a milestone first happened after a later one), fits (no skip, no reorder).
[[nodiscard]] Table conformance_table(const ColumnarLog& log);

/// Writes @p log as XES (IEEE 1849-2016) to @p path atomically: one trace per case
/// (concept:name), one event per line (concept:name = event kind, time:timestamp, org:resource =
/// staff, org:role = role, lifecycle:transition = complete, plus antenne, certification and the
/// payload fields as strings).
void write_xes(const ColumnarLog& log, const std::filesystem::path& path);
/// Writes @p log as OCEL 2.0 JSON to @p path atomically: object types case, certification,
/// antenne and staff; one event per line, related to its objects.
void write_ocel(const ColumnarLog& log, const std::filesystem::path& path);

}  // namespace vaekit
