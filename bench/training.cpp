// Benchmarks of the training area: the exact scheduler on the reference instance (16 days,
// 40 topics, 30 speakers, 4 venues, one year), re-planning, validation, ballots, JSON reading.
#include <benchmark/benchmark.h>

#include "vaekit/training.hpp"

using namespace vaekit;

static void BM_schedule_reference(benchmark::State& state) {
  ReferenceOptions o;
  o.seed = static_cast<std::uint64_t>(state.range(0));
  const auto p = make_reference_programme(o);
  const auto c = make_reference_constraints();
  for (auto _ : state) {
    auto plan = schedule(p, c);
    if (plan.status != PlanStatus::optimal) state.SkipWithError("not optimal");
    benchmark::DoNotOptimize(plan.objective);
  }
}
BENCHMARK(BM_schedule_reference)
    ->Arg(1)
    ->Arg(2)
    ->Arg(3)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

static void BM_replan_one_cancellation(benchmark::State& state) {
  const auto plan = schedule(make_reference_programme(), make_reference_constraints());
  const Session* target = nullptr;
  for (const auto& s : plan.sessions) {
    if (!s.speakers.empty() && target == nullptr) target = &s;
  }
  const PlanChange change{PlanChange::Kind::speaker_cancelled, target->speakers[0],
                          DateRange::single(target->date), std::nullopt};
  for (auto _ : state) benchmark::DoNotOptimize(replan(plan, change).objective);
}
BENCHMARK(BM_replan_one_cancellation)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

static void BM_validate(benchmark::State& state) {
  const auto plan = schedule(make_reference_programme(), make_reference_constraints());
  for (auto _ : state) benchmark::DoNotOptimize(validate(plan).size());
}
BENCHMARK(BM_validate)->Unit(benchmark::kMicrosecond);

static void BM_borda(benchmark::State& state) {
  const auto p = make_reference_programme();
  for (auto _ : state) benchmark::DoNotOptimize(p.priorities().size());
}
BENCHMARK(BM_borda)->Unit(benchmark::kMicrosecond);

static void BM_read_programme(benchmark::State& state) {
  const auto text = to_document(make_reference_programme()).dump();
  for (auto _ : state) benchmark::DoNotOptimize(read_document<Programme>(text).proposals.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_read_programme)->Unit(benchmark::kMicrosecond);
