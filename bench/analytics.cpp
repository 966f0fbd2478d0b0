// Analytics benchmarks: JSON Lines read (MB/s), the full report (events/s), bytes per event.
// The log comes from bench/gen_eventlog.py: VAEKIT_BENCH_EVENTLOG=/tmp/eventlog-10M.jsonl
// (default: the shipped example log, 8,000 events).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/table.hpp"

namespace {

std::filesystem::path log_path() {
  if (const char* p = std::getenv("VAEKIT_BENCH_EVENTLOG")) return p;
  return std::filesystem::path(__FILE__).parent_path().parent_path() /
         "examples/data/analytics/eventlog.jsonl";
}

const vaekit::EventLog& loaded() {
  static const vaekit::EventLog log = vaekit::EventLog::read(log_path());
  return log;
}

// Arg: threads (1: one core; 2: a parsing thread beside the column builder).
void BM_read_jsonl(benchmark::State& state) {
  const auto path = log_path();
  const auto bytes = std::filesystem::file_size(path);
  std::size_t events = 0;
  for (auto _ : state) {
    auto log = vaekit::EventLog::read(path, vaekit::ReadMode::strict,
                                      static_cast<unsigned>(state.range(0)));
    events = log.size();
    benchmark::DoNotOptimize(log);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.counters["events"] = static_cast<double>(events);
  state.counters["bytes_per_event"] =
      static_cast<double>(loaded().memory_bytes()) / static_cast<double>(loaded().size());
}
BENCHMARK(BM_read_jsonl)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_report(benchmark::State& state) {
  const auto& log = loaded();
  for (auto _ : state) {
    auto r = vaekit::ActivityReport::compute(log, {0});
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(log.size()) * state.iterations());
}
BENCHMARK(BM_report)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_publish_with_disclosure(benchmark::State& state) {
  const auto r = vaekit::ActivityReport::compute(loaded(), {11});
  for (auto _ : state) {
    auto p = r.publish();
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_publish_with_disclosure)->Unit(benchmark::kMillisecond)->UseRealTime();

// The Arrow C stream export (what EventLog.__arrow_c_stream__ does before pyarrow imports it):
// the columns copied, the payload decoded into one column per field, the pools as dictionaries.
void BM_EventLogToArrow(benchmark::State& state) {
  const auto& log = loaded();
  for (auto _ : state) {
    ArrowArrayStream s{};
    log.export_arrow(&s);
    ArrowArray batch{};
    s.get_next(&s, &batch);
    benchmark::DoNotOptimize(batch.length);
    batch.release(&batch);
    s.release(&s);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(log.size()) * state.iterations());
}
BENCHMARK(BM_EventLogToArrow)->Unit(benchmark::kMillisecond)->UseRealTime();

// The way back: every row validated like a JSON Lines record (EventLog.from_arrow).
void BM_EventLogFromArrow(benchmark::State& state) {
  const auto& log = loaded();
  for (auto _ : state) {
    ArrowArrayStream s{};
    log.export_arrow(&s);
    auto back = vaekit::EventLog::from_arrow(&s);
    benchmark::DoNotOptimize(back);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(log.size()) * state.iterations());
}
BENCHMARK(BM_EventLogFromArrow)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
