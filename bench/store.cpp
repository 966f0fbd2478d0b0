// Benchmarks of the SQLite case store: durable batched appends, and `cases import` of a large
// event log (VAEKIT_IMPORT_LOG, default /tmp/ev-10M.jsonl from
// `python bench/gen_eventlog.py --events 10000000 --out /tmp/ev-10M.jsonl`).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vaekit/vaekit.hpp>
#include <vector>

namespace {

using namespace vaekit;

std::vector<Event> opening(Date d) {
  std::vector<Event> out(4);
  out[0].kind = EventKind::received;
  out[0].role = Role::assistant;
  out[0].antenne = "IDF-75A";
  out[0].data.channel = Channel::phone;
  out[1].kind = EventKind::informed;
  out[1].role = Role::assistant;
  out[2].kind = EventKind::appointment_booked;
  out[2].role = Role::assistant;
  out[2].data.date = d + 7;
  out[3].kind = EventKind::appointment_held;
  out[3].role = Role::counsellor;
  out[3].data.minutes = 45;
  for (auto& e : out) e.at = Timestamp(d);
  out[3].at = Timestamp(d + 7);
  return out;
}

// Appends batches of state.range(0) new cases x 4 events in one transaction each.
void BM_StoreAppendBatch(benchmark::State& state, bool durable) {
  const auto path = std::filesystem::temp_directory_path() / "vaekit-bench-store.db";
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  CaseStore::Options o;
  o.durable = durable;
  CaseStore store(path, o);
  const auto per_batch = static_cast<int>(state.range(0));
  std::int64_t n = 0, events = 0;
  for (auto _ : state) {
    std::vector<AppendRequest> batch;
    batch.reserve(static_cast<std::size_t>(per_batch));
    for (int i = 0; i < per_batch; ++i) {
      batch.push_back({"B" + std::to_string(n++), 0, opening(Date(2020, 1, 6))});
      events += 4;
    }
    benchmark::DoNotOptimize(store.append_batch(batch));
  }
  state.SetItemsProcessed(events);
}
BENCHMARK_CAPTURE(BM_StoreAppendBatch, durable, true)->Arg(250)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_StoreAppendBatch, normal_sync, false)->Arg(250)->Unit(benchmark::kMillisecond);

// Imports the whole log into a fresh durable store (synchronous=FULL): one iteration, timed
// from opening the store to the last commit, as `vaekit cases import` does.
void BM_StoreImportLog(benchmark::State& state) {
  const char* env = std::getenv("VAEKIT_IMPORT_LOG");
  const std::filesystem::path log = env ? env : "/tmp/ev-10M.jsonl";
  if (!std::filesystem::exists(log)) {
    state.SkipWithError("no log: set VAEKIT_IMPORT_LOG or generate /tmp/ev-10M.jsonl");
    return;
  }
  const auto path = std::filesystem::temp_directory_path() / "vaekit-bench-import.db";
  ImportReport report;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
    state.ResumeTiming();
    CaseStore store(path);
    ImportOptions o;
    o.batch_cases = static_cast<std::size_t>(state.range(0));
    report = store.import_event_log(log, o);
  }
  state.counters["cases"] = static_cast<double>(report.cases_created);
  state.counters["events"] = static_cast<double>(report.events_written);
  state.counters["db_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  state.SetItemsProcessed(static_cast<std::int64_t>(report.events_written));
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
}
BENCHMARK(BM_StoreImportLog)->Arg(20'000)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
