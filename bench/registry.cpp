// Benchmarks of the registry: import of the full-size XML and CSV exports (made by
// bench/gen_registry.py under build/registry-bench/), search latency, replacement chains.
//   python bench/gen_registry.py && build/<you>/bench/bench_registry
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "vaekit/registry/registry.hpp"

namespace {

std::filesystem::path bench_dir() {
  if (const char* env = std::getenv("VAEKIT_REGISTRY_BENCH_DIR")) return env;
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "build" / "registry-bench";
}

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
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
  vaekit::LoadOptions options;
  options.threads = static_cast<unsigned>(state.range(0));  // 0: one per core; 1: sequential
  for (auto _ : state) {
    const auto reg = vaekit::Registry::load(path, options);
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
// Arg: threads (0: one per core, the parallel import with pugixml on the chunks; 1: sequential,
// expat).
BENCHMARK(BM_LoadXmlFullExport)->Unit(benchmark::kMillisecond)->Iterations(2)->Arg(0)->Arg(1);

void BM_LoadCsvZip(benchmark::State& state) {
  const auto path = bench_dir() / "export-fiches-csv-scaled.zip";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("run python bench/gen_registry.py first");
    return;
  }
  std::size_t n = 0;
  vaekit::LoadOptions options;
  options.threads = static_cast<unsigned>(state.range(0));  // 0: one per core; 1: sequential
  for (auto _ : state) {
    const auto reg = vaekit::Registry::load(path, options);
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

/// The search query mix: built from the registry's own titles (so that the words are real title
/// words, with their accents and case), in shapes a counsellor types: whole words, prefixes of 1
/// to 6 letters, two or three words (the last one often a prefix), whole titles, codes and
/// misses. Deterministic (fixed seed).
struct Query {
  std::string text;
  std::string shape;
};

std::vector<std::string> title_words(const std::string& title) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : title) {
    if (c == ' ' || c == '-' || c == '(' || c == ')' || c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  // Drop lone punctuation such as the en dash.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const std::string& w) { return w == "\xE2\x80\x93"; }),
            out.end());
  return out;
}

/// The first @p n code points of a UTF-8 word.
std::string utf8_prefix(const std::string& w, std::size_t n) {
  std::size_t i = 0;
  std::size_t cps = 0;
  while (i < w.size() && cps < n) {
    ++i;
    while (i < w.size() && (static_cast<unsigned char>(w[i]) & 0xC0u) == 0x80u) ++i;
    ++cps;
  }
  return w.substr(0, i);
}

std::vector<Query> query_mix(const vaekit::Registry& reg, std::size_t count) {
  std::mt19937 rng(20240222);
  auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, n - 1)(rng));
  };
  std::vector<Query> out{{"a", "prefix1"},          {"e", "prefix1"},
                         {"m", "prefix1"},          {"aide medico psycho", "multi"},
                         {"Cybersécurité", "word"}, {"chef projet", "multi"},
                         {"RNCP100042", "code"},    {"zzz", "miss"}};
  while (out.size() < count) {
    const auto& c = reg.certifications()[pick(reg.size())];
    auto words = title_words(c.title);
    if (words.empty()) continue;
    const auto roll = pick(100);
    const auto& w = words[pick(words.size())];
    if (roll < 30) {
      out.push_back({w, "word"});
    } else if (roll < 60) {
      const std::size_t len = 1 + pick(6);
      out.push_back({utf8_prefix(w, len), len == 1   ? "prefix1"
                                          : len <= 3 ? "prefix2-3"
                                                     : "prefix4-6"});
    } else if (roll < 85) {
      const std::size_t first = pick(words.size());
      const std::size_t n = std::min<std::size_t>(2 + pick(2), words.size() - first);
      std::string q;
      for (std::size_t k = first; k < first + n; ++k) {
        if (!q.empty()) q += ' ';
        q += (k + 1 == first + n && pick(2) == 0) ? utf8_prefix(words[k], 1 + pick(4)) : words[k];
      }
      out.push_back({q, "multi"});
    } else if (roll < 95) {
      out.push_back({c.title, "title"});
    } else {
      out.push_back(
          {roll < 98 ? c.code : "xq" + std::to_string(pick(1000)), roll < 98 ? "code" : "miss"});
    }
  }
  return out;
}

void BM_Search(benchmark::State& state) {
  const auto& reg = big_registry();
  if (reg.empty()) {
    state.SkipWithError("run python bench/gen_registry.py first");
    return;
  }
  const auto t_index = std::chrono::steady_clock::now();
  (void)reg.search("warm up", 10);  // builds the index once
  const double index_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_index).count();
  const auto queries = query_mix(reg, 2000);
  std::map<std::string, std::vector<double>> by_shape;
  std::vector<double> micros;      // wall time of each query
  std::vector<double> cpu_micros;  // CPU time of the thread (immune to preemption on a busy host)
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& q = queries[i++ % queries.size()];
    const double c0 = thread_cpu_us();
    const auto t0 = std::chrono::steady_clock::now();
    auto hits = reg.search(q.text, 10);
    const auto t1 = std::chrono::steady_clock::now();
    const double c1 = thread_cpu_us();
    benchmark::DoNotOptimize(hits);
    const double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
    micros.push_back(us);
    cpu_micros.push_back(c1 - c0);
    by_shape[q.shape].push_back(c1 - c0);
  }
  auto pct = [](std::vector<double>& v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(static_cast<double>(v.size()) * p))];
  };
  state.counters["p50_us"] = pct(micros, 0.50);
  state.counters["p90_us"] = pct(micros, 0.90);
  state.counters["p99_us"] = pct(micros, 0.99);
  state.counters["max_us"] = micros.back();
  state.counters["cpu_p50_us"] = pct(cpu_micros, 0.50);
  state.counters["cpu_p99_us"] = pct(cpu_micros, 0.99);
  state.counters["cpu_max_us"] = cpu_micros.back();
  for (auto& [shape, v] : by_shape) state.counters["cpu_p99_" + shape + "_us"] = pct(v, 0.99);
  state.counters["fiches"] = static_cast<double>(reg.size());
  state.counters["index_build_ms"] = index_ms;
}
BENCHMARK(BM_Search)->Unit(benchmark::kMicrosecond)->Iterations(20000);

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
