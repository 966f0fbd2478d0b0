#pragma once
/// @file
/// @brief The simulation's tables (vaekit::Table, typed columns for pandas, pyarrow and polars):
/// the counsellors' first-appointment workload, the waits, the calibration targets.

#include <vector>

#include "vaekit/core/table.hpp"
#include "vaekit/simulation/simulator.hpp"

namespace vaekit {

/// One row per counsellor of @p queue, in staff order: staff, antenne (category), appointments
/// (int64), busy_hours, available_hours, utilisation (float64).
[[nodiscard]] Table queue_table(const QueueStats& queue);

/// One row per person given a first appointment, in case order: case (int64, the index of the case
/// in the log's cases), wait_days (float64).
[[nodiscard]] Table waits_table(const QueueStats& queue);

/// One row per calibration target: metric, target, tolerance, measured (float64), ok (boolean:
/// |measured - target| <= tolerance), source.
[[nodiscard]] Table targets_table(const std::vector<TargetCheck>& checks);

}  // namespace vaekit
