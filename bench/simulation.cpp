// Benchmarks of the simulation: simulated cases per second on one core, for the full pathway
// model (idf-2014, with and without building the event log) and for the M/M/c queue alone.
#include <benchmark/benchmark.h>

#include <vaekit/simulation/simulator.hpp>
#include <vaekit/vaekit.hpp>

namespace {

using namespace vaekit;

// The M/M/4 reduction of tests/data/simulation/mmc.json over @p years years.
Scenario mmc(int years) {
  return read_document<Scenario>(R"({"schema": "Scenario.1", "name": "mmc-4",
    "period": {"first": "1990-01-01", "last": ")" +
                                 std::to_string(1989 + years) + R"(-12-31"},
    "horizon": ")" + std::to_string(1991 + years) +
                                 R"(-12-31", "calendar": null, "case_prefix": "MMC",
    "scope": "first_appointment", "arrivals": {"process": "exponential", "yearly_volume": 28051.2},
    "antennes": [{"id": "Q", "share": 1, "counsellors": 4, "assistants": 1}],
    "reception": {"per_assistant_per_day": 0},
    "first_appointment": {"lead_days": 0, "hours_per_day": 24,
                          "minutes": {"dist": "exponential", "mean": 60}, "no_show": 0}})");
}

void run(benchmark::State& state, const Scenario& s, bool log) {
  SimulationOptions o;
  o.record_log = log;
  std::uint64_t cases = 0, events = 0;
  for (auto _ : state) {
    ++o.seed;
    SimulationResult r = simulate(s, o);
    cases += static_cast<std::uint64_t>(r.metric("received"));
    events += r.log().size();
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(cases));
  state.counters["events_per_case"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(cases));
}

// The full pathway model: idf-2014 scaled to @p range(0) × 10,357 people a year.
void BM_PathwayStatsOnly(benchmark::State& state) {
  Scenario s = Scenario::builtin("idf-2014");
  s.yearly_volume *= static_cast<double>(state.range(0));
  s.set_counsellor_count(s.counsellor_count() * static_cast<int>(state.range(0)));
  s.receptions_per_assistant_per_day *= static_cast<double>(state.range(0));
  run(state, s, false);
}
BENCHMARK(BM_PathwayStatsOnly)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

void BM_PathwayWithLog(benchmark::State& state) {
  Scenario s = Scenario::builtin("idf-2014");
  s.yearly_volume *= static_cast<double>(state.range(0));
  s.set_counsellor_count(s.counsellor_count() * static_cast<int>(state.range(0)));
  s.receptions_per_assistant_per_day *= static_cast<double>(state.range(0));
  run(state, s, true);
}
BENCHMARK(BM_PathwayWithLog)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

// The M/M/4 queue alone (about 28,000 customers a year).
void BM_QueueMMcStatsOnly(benchmark::State& state) {
  run(state, mmc(static_cast<int>(state.range(0))), false);
}
BENCHMARK(BM_QueueMMcStatsOnly)->Arg(36)->Unit(benchmark::kMillisecond);

void BM_QueueMMcWithLog(benchmark::State& state) {
  run(state, mmc(static_cast<int>(state.range(0))), true);
}
BENCHMARK(BM_QueueMMcWithLog)->Arg(36)->Unit(benchmark::kMillisecond);

}  // namespace
