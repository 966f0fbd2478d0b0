// Benchmarks of the core value types: ISO date parsing and formatting, calendar queries.
#include <benchmark/benchmark.h>

#include <string>
#include <vaekit/vaekit.hpp>
#include <vector>

namespace {

std::vector<std::string> sample_dates(std::size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  vaekit::Date d(2010, 1, 1);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back((d + static_cast<std::int64_t>(i * 7 % 5000)).to_string());
  return out;
}

void BM_DateParse(benchmark::State& state) {
  const auto dates = sample_dates(4096);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(vaekit::Date::parse(dates[i++ & 4095]));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_DateParse);

void BM_DateFormat(benchmark::State& state) {
  vaekit::Date d(2017, 10, 1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(d.to_string());
    d = d + 1;
    if (d.year() > 2100) d = vaekit::Date(2017, 10, 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_DateFormat);

void BM_IsWorkingDay(benchmark::State& state) {
  const vaekit::FrenchCalendar cal;
  vaekit::Date d(2000, 1, 1);
  std::int64_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.is_working_day(d + (k++ % 36500)));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_IsWorkingDay);

void BM_AddWorkingDays20(benchmark::State& state) {
  const vaekit::FrenchCalendar cal;
  vaekit::Date d(2000, 1, 1);
  std::int64_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.add_working_days(d + (k++ % 36500), 20));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_AddWorkingDays20);

void BM_HolidaysOfYear(benchmark::State& state) {
  const vaekit::FrenchCalendar cal;
  int y = 1982;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.holidays(y));
    if (++y > 2200) y = 1982;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HolidaysOfYear);

}  // namespace
