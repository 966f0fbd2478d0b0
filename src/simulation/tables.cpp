// The simulation's tables: counsellors' workload, waits, calibration targets as vaekit::Table.
#include "vaekit/simulation/tables.hpp"

namespace vaekit {

Table queue_table(const QueueStats& queue) {
  Table t("queue");
  t.columns().reserve(6);  // the column references below stay valid
  auto& staff = t.add_column("staff", ColumnType::string);
  auto& antenne = t.add_column("antenne", ColumnType::category);
  auto& appointments = t.add_column("appointments", ColumnType::int64);
  auto& busy = t.add_column("busy_hours", ColumnType::float64);
  auto& available = t.add_column("available_hours", ColumnType::float64);
  auto& utilisation = t.add_column("utilisation", ColumnType::float64);
  for (const CounsellorLoad& c : queue.counsellors) {
    staff.push_string(c.staff);
    antenne.push_string(c.antenne);
    appointments.push_int(static_cast<std::int64_t>(c.appointments));
    busy.push_double(c.busy_hours);
    available.push_double(c.available_hours);
    utilisation.push_double(c.utilisation());
  }
  return t;
}

Table waits_table(const QueueStats& queue) {
  Table t("waits");
  t.columns().reserve(2);
  auto& case_index = t.add_column("case", ColumnType::int64);
  auto& wait = t.add_column("wait_days", ColumnType::float64);
  for (std::size_t i = 0; i < queue.waits.size(); ++i) {
    case_index.push_int(i < queue.wait_case.size() ? std::optional<std::int64_t>(queue.wait_case[i])
                                                   : std::nullopt);
    wait.push_double(queue.waits[i]);
  }
  return t;
}

Table targets_table(const std::vector<TargetCheck>& checks) {
  Table t("targets");
  t.columns().reserve(6);
  auto& metric = t.add_column("metric", ColumnType::string);
  auto& target = t.add_column("target", ColumnType::float64);
  auto& tolerance = t.add_column("tolerance", ColumnType::float64);
  auto& measured = t.add_column("measured", ColumnType::float64);
  auto& ok = t.add_column("ok", ColumnType::boolean);
  auto& source = t.add_column("source", ColumnType::string);
  for (const TargetCheck& c : checks) {
    metric.push_string(c.target.metric);
    target.push_double(c.target.value);
    tolerance.push_double(c.target.tolerance);
    measured.push_double(c.measured);
    ok.push_bool(c.ok());
    source.push_string(c.target.source);
  }
  return t;
}

}  // namespace vaekit
