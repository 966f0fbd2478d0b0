#pragma once
/// @file
/// @brief The discrete-event simulation of a counselling network: simulate() runs a Scenario and
/// returns the event log v1 (as an analytics EventLog), the first-appointment queue statistics
/// and the calibration metrics.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/simulation/scenario.hpp"

namespace vaekit {

/// How to run a scenario.
struct SimulationOptions {
  std::uint64_t seed = 1;  ///< The seed: same scenario and seed, same log bit for bit.
  /// Counsellors' professionalisation days replacing the scenario's (e.g. a training Plan's dates).
  std::optional<std::vector<Date>> training_days;
  bool record_log = true;  ///< Whether to build the event log (false: statistics only, faster).
};

/// Workload of one counsellor over the arrival period (first appointments only).
struct CounsellorLoad {
  std::string staff;               ///< Staff id, e.g. "CO07".
  std::string antenne;             ///< The antenne.
  std::uint64_t appointments = 0;  ///< First appointments given that start within the period.
  double busy_hours = 0;           ///< Hours of those appointments.
  double available_hours = 0;      ///< Hours offered for first appointments in the period.
  /// busy_hours / available_hours.
  [[nodiscard]] double utilisation() const noexcept {
    return available_hours > 0 ? busy_hours / available_hours : 0.0;
  }
  /// Field-wise equality.
  friend bool operator==(const CounsellorLoad&, const CounsellorLoad&) = default;
};

/// Statistics of the first-appointment queue.
///
/// Waits are in days: with a calendar, whole days from reception to the appointment's date; without
/// (the M/M/c form) the continuous time from arrival to the start of service.
struct QueueStats {
  std::vector<double> waits;  ///< The wait of each person given an appointment, in case order.
  std::vector<std::uint32_t> wait_case;     ///< The case index (into the log's cases) of each wait.
  std::vector<CounsellorLoad> counsellors;  ///< Per counsellor, in staff order.
  std::uint64_t arrivals = 0;               ///< People received.
  std::uint64_t unserved = 0;  ///< People whose appointment would fall after the horizon.
  double mean_reception_delay =
      0;  ///< Mean days between contact and reception (assistants' backlog).

  /// Number of waits.
  [[nodiscard]] std::size_t served() const noexcept { return waits.size(); }
  /// Mean wait (days); 0 when none.
  [[nodiscard]] double mean_wait() const noexcept;
  /// Share of people who waited (wait > 0 without calendar; > booking lead with one).
  [[nodiscard]] double probability_of_wait(double threshold = 0) const noexcept;
  /// The @p q quantile of the waits (0 <= q <= 1; linear interpolation, type 7); 0 when none.
  [[nodiscard]] double quantile(double q) const;
  /// Mean utilisation of the counsellors.
  [[nodiscard]] double mean_utilisation() const noexcept;
  /// Field-wise equality.
  friend bool operator==(const QueueStats&, const QueueStats&) = default;
};

/// One calibration target checked against a run.
struct TargetCheck {
  CalibrationTarget target;  ///< The target.
  double measured = 0;       ///< The metric measured on the run.
  /// Whether |measured - value| <= tolerance.
  [[nodiscard]] bool ok() const noexcept;
};

/// The outcome of simulate(): the event log, the queue statistics and the metrics.
class SimulationResult {
 public:
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "SimulationResult";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  /// The scenario that was run (with the training days used).
  [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
  /// The seed.
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  /// The event log v1, as columns (empty when the log was not recorded).
  [[nodiscard]] const EventLog& log() const noexcept { return log_; }
  /// Takes the log out of the result (the result's log is then empty).
  [[nodiscard]] EventLog take_log() noexcept { return std::move(log_); }
  /// Per event of log(): the data fields the columnar log does not hold (the date of
  /// appointment_booked and jury_scheduled as days since 1970, the hours of support_session in
  /// hundredths, the certifier index of admissibility_sent, the reason index of dropped_out), else
  /// 0; a negative value -k is the event's whole data, event_data()[k - 1] (the France VAE era's
  /// events, the profile, the follow-ups).
  [[nodiscard]] const std::vector<std::int32_t>& aux_column() const noexcept { return aux_; }
  /// The data of the events whose aux is negative, in event order.
  [[nodiscard]] const std::vector<EventData>& event_data() const noexcept { return data_; }
  /// The certifiers named by admissibility_sent (by aux index).
  [[nodiscard]] const std::vector<std::string>& certifiers() const noexcept { return certifiers_; }
  /// The first-appointment queue statistics.
  [[nodiscard]] const QueueStats& queue() const noexcept { return queue_; }
  /// The metrics of the run by name (see simulation_metric_names()).
  [[nodiscard]] const std::map<std::string, double>& metrics() const noexcept { return metrics_; }
  /// The metric @p name; throws NotFound.
  [[nodiscard]] double metric(std::string_view name) const;
  /// The scenario's calibration targets checked against this run.
  [[nodiscard]] std::vector<TargetCheck> check_targets() const;
  /// Event @p i of the log with every data field (dates, hours, certifier, reason).
  [[nodiscard]] Event event(std::size_t i) const;
  /// The whole log as JSON Lines text (event log v1 with a header naming the scenario and seed).
  [[nodiscard]] std::string to_jsonl() const;
  /// Writes the log as JSON Lines to @p path, atomically.
  void write_jsonl(const std::filesystem::path& path) const;
  /// Field-wise equality (the logs compared event by event).
  friend bool operator==(const SimulationResult& a, const SimulationResult& b);

  /// Internal: builds a result (used by simulate() and the JSON reader).
  SimulationResult(Scenario scenario, std::uint64_t seed, EventLog log,
                   std::vector<std::int32_t> aux, std::vector<std::string> certifiers,
                   QueueStats queue, std::map<std::string, double> metrics,
                   std::vector<EventData> data = {});

 private:
  Scenario scenario_;
  std::uint64_t seed_ = 0;
  EventLog log_;
  std::vector<std::int32_t> aux_;
  std::vector<std::string> certifiers_;
  QueueStats queue_;
  std::map<std::string, double> metrics_;
  std::vector<EventData> data_;
};

/// Runs @p scenario (validated first; throws InvalidArgument) with @p options.
///
/// The model (docs/simulation.md): arrivals per antenne and day; reception by the assistants
/// within their daily capacity; a first appointment booked first come, first served with the
/// earliest free counsellor of the antenne on the counsellors' working days (working days of the
/// calendar minus the training days), each counsellor giving a number of hours a day to first
/// appointments; then, case by case, the pathway's branches and delays (orientation, admissibility
/// request, certifier's decision within the regime's deadline with the silence rule of the sending
/// date, support, validation file, jury and returns after partial validation, drop-outs by
/// stage). Every event is valid under the pathway's transition table. Events after the horizon
/// are cut. Events are written case after case, in time order within a case.
///
/// With `era` france_vae the pathway is the France VAE service's: candidacy submitted
/// (accompanied or autonomous), taken charge by an AAP (the first-appointment queue of the
/// antenne's counsellors acting for it), pathway proposed and confirmed, funding requested and
/// decided, feasibility file sent and decided, validation file (flagged or not), caducité
/// (contested, lifted), jury with partial certification. A `profile` records one
/// `profile_recorded` per case and a `followup` the follow-ups 6 and 12 months after the last
/// jury, both from a random stream of their own (seed-derived): they change no other draw.
[[nodiscard]] SimulationResult simulate(const Scenario& scenario,
                                        const SimulationOptions& options = {});

/// The result as JSON (scenario, seed, log columns, queue, metrics).
void to_json(Json& j, const SimulationResult& r);
/// A result from its JSON form; throws ParseError naming the field.
[[nodiscard]] SimulationResult simulation_result_from_json(const Json& j);
/// Queue statistics as JSON.
void to_json(Json& j, const QueueStats& q);
/// Queue statistics from JSON.
void from_json(const Json& j, QueueStats& q);

}  // namespace vaekit

/// @cond INTERNAL
// JSON conversion of vaekit::SimulationResult (not default-constructible, so through
// adl_serializer).
template <>
struct nlohmann::adl_serializer<vaekit::SimulationResult> {
  // The JSON form of @p r.
  static void to_json(vaekit::Json& j, const vaekit::SimulationResult& r) { vaekit::to_json(j, r); }
  // A result from its JSON form.
  static vaekit::SimulationResult from_json(const vaekit::Json& j) {
    return vaekit::simulation_result_from_json(j);
  }
};
/// @endcond
