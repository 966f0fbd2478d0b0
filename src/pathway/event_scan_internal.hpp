#pragma once
// Internal to the pathway area (not installed): the scanner's test hook and the header reader it
// shares with event_records.cpp. Tests and fuzz targets include it by path.

#include <atomic>
#include <cstddef>

#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/event_records.hpp"

namespace vaekit::pathway_internal {

/// Bytes of whole lines the scanner gives simdjson's iterate_many at a time (1 MB). Tests and
/// fuzz targets make it small so that short inputs go through the chunked path too.
extern std::atomic<std::size_t> scan_chunk_bytes;

/// The header of an event log from its parsed first line @p j; throws SchemaError at @p where.
EventLogHeader parse_event_log_header(const Json& j, const SourceLocation& where);

}  // namespace vaekit::pathway_internal
