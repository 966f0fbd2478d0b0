// Benchmarks of the registry: import of the full-size XML and CSV exports (made by
// bench/gen_registry.py under build/registry-bench/), search latency, replacement chains.
//   python bench/gen_registry.py && build/<you>/bench/bench_registry
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "vaekit/registry/registry.hpp"

namespace {

std::filesystem::path bench_dir() {
  if (const char* env = std::getenv("VAEKIT_REGISTRY_BENCH_DIR")) return env;
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "build" / "registry-bench";
}

double max_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

/// Approximate heap footprint of the certifications (strings and vectors).
std::size_t footprint(const vaekit::Registry& reg) {
  auto s = [](const std::string& x) { return x.capacity() > 15 ? x.capacity() + 1 : 0; };
  std::size_t total = reg.size() * sizeof(vaekit::Certification);
  for (const auto& c : reg) {
    total += s(c.code) + s(c.title) + s(c.short_type.code) + s(c.short_type.label) +
             s(c.level_label) + s(c.status) + s(c.registration_type) + s(c.url);
    for (const auto& x : c.certifiers) total += sizeof(x) + s(x.siret) + s(x.name);
    for (const auto& x : c.blocks) total += sizeof(x) + s(x.code) + s(x.title);
    for (const auto* v : {&c.rome, &c.nsf, &c.formacode}) {
      for (const auto& x : *v) total += sizeof(x) + s(x.code) + s(x.label);
    }
    for (const auto* v : {&c.replaces, &c.replaced_by}) {
      for (const auto& x : *v) total += sizeof(x) + s(x);
    }
    total += c.statistics.size() * sizeof(vaekit::PromotionStats) + c.access_routes.size();
  }
  return total;
}

void BM_LoadXmlFullExport(benchmark::State& state) {
  const auto path = bench_dir() / "export_fiches_RNCP_V4_1-scaled.xml";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("run python bench/gen_registry.py first");
    return;
  }
  const double rss_before = max_rss_mb();
  std::size_t n = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto reg = vaekit::Registry::load(path);
    n = reg.size();
    bytes = footprint(reg);
    benchmark::DoNotOptimize(n);
  }
  state.counters["fiches"] = static_cast<double>(n);
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  state.counters["registry_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["peak_rss_MB"] = max_rss_mb();
  state.counters["rss_growth_MB"] = max_rss_mb() - rss_before;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_LoadXmlFullExport)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_LoadCsvZip(benchmark::State& state) {
  const auto path = bench_dir() / "export-fiches-csv-scaled.zip";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("run python bench/gen_registry.py first");
    return;
  }
  std::size_t n = 0;
  for (auto _ : state) {
    const auto reg = vaekit::Registry::load(path);
    n = reg.size();
  }
  state.counters["fiches"] = static_cast<double>(n);
}
BENCHMARK(BM_LoadCsvZip)->Unit(benchmark::kMillisecond);

const vaekit::Registry& big_registry() {
  static const vaekit::Registry reg = [] {
    const auto path = bench_dir() / "export-fiches-csv-scaled.zip";
    return std::filesystem::exists(path) ? vaekit::Registry::load(path) : vaekit::Registry();
  }();
  return reg;
}

void BM_Search(benchmark::State& state) {
  const auto& reg = big_registry();
  if (reg.empty()) {
    state.SkipWithError("run python bench/gen_registry.py first");
    return;
  }
  (void)reg.search("warm up", 10);  // builds the index once
  const std::vector<std::string> queries{"chef projet", "agro", "a", "cybersecurite",
                                         "tourier",     "exploiter la blockchain",
                                         "commercial pour l agroalimentaire", "RNCP100042",
                                         "zzz",         "agent verificateur extincteurs"};
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto hits = reg.search(queries[i++ % queries.size()], 10);
    const auto t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(hits);
    micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
  state.counters["max_us"] = micros.back();
  state.counters["fiches"] = static_cast<double>(reg.size());
}
BENCHMARK(BM_Search)->Unit(benchmark::kMicrosecond);

void BM_Successors(benchmark::State& state) {
  const auto& reg = big_registry();
  if (reg.empty()) {
    state.SkipWithError("run python bench/gen_registry.py first");
    return;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto s = reg.successors(reg.certifications()[i++ % reg.size()].code);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_Successors);

}  // namespace
