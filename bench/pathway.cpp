// Benchmarks of the pathway: validating and folding events through the transition table,
// parsing the event log v1, replaying a whole log into case states, eligibility.
// The replay reads VAEKIT_BENCH_EVENTLOG (bench/gen_eventlog.py; default: the shipped example).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vaekit/vaekit.hpp>
#include <vector>

namespace {

using namespace vaekit;

// A full pathway of 16 events, from reception to full validation.
std::vector<Event> pathway_events(const std::string& id, Date d) {
  std::vector<Event> out;
  auto add = [&](EventKind k, Role r, int days) {
    Event e;
    e.case_id = id;
    d = d + days;
    e.at = Timestamp(d);
    e.kind = k;
    e.role = r;
    e.antenne = "IDF-75A";
    out.push_back(std::move(e));
    return &out.back();
  };
  add(EventKind::received, Role::assistant, 0)->data.channel = Channel::walk_in;
  add(EventKind::informed, Role::assistant, 0);
  add(EventKind::appointment_booked, Role::assistant, 1);
  add(EventKind::appointment_held, Role::counsellor, 14)->data.minutes = 60;
  add(EventKind::certification_chosen, Role::counsellor, 0)->certification = "RNCP36004";
  add(EventKind::oriented, Role::counsellor, 0)->data.to = OrientationTarget::vae;
  add(EventKind::admissibility_started, Role::counsellor, 7);
  add(EventKind::admissibility_sent, Role::counsellor, 45);
  add(EventKind::admissibility_decided, Role::certifier, 40)->data.decision =
      AdmissibilityDecision::admissible;
  add(EventKind::support_started, Role::counsellor, 10)->data.funding = Funding::cpf;
  add(EventKind::support_session, Role::counsellor, 20)->data.hours = 2;
  add(EventKind::support_session, Role::counsellor, 20)->data.hours = 2;
  add(EventKind::validation_file_sent, Role::candidate, 120);
  add(EventKind::jury_scheduled, Role::certifier, 30)->data.date = d + 90;
  add(EventKind::jury_held, Role::jury, 90)->data.result = JuryResult::full;
  add(EventKind::archived, Role::system, 30);
  return out;
}

void BM_FoldEvents(benchmark::State& state) {
  std::vector<std::vector<Event>> cases;
  for (int i = 0; i < 1000; ++i)
    cases.push_back(pathway_events("C" + std::to_string(i), Date(2018, 1, 1) + i % 300));
  std::int64_t events = 0;
  for (auto _ : state) {
    for (const auto& c : cases) {
      CaseState s = fold(c);
      benchmark::DoNotOptimize(s.stage);
      events += static_cast<std::int64_t>(c.size());
    }
  }
  state.SetItemsProcessed(events);
}
BENCHMARK(BM_FoldEvents);

void BM_ParseEventLog(benchmark::State& state) {
  std::vector<Event> all;
  for (int i = 0; i < 2000; ++i) {
    auto c = pathway_events("C" + std::to_string(i), Date(2018, 1, 1) + i % 300);
    all.insert(all.end(), c.begin(), c.end());
  }
  const std::string text = format_event_log(all);
  for (auto _ : state) {
    auto log = parse_event_log(text);
    benchmark::DoNotOptimize(log.events.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(all.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseEventLog)->Unit(benchmark::kMillisecond);

std::filesystem::path replay_log_path() {
  if (const char* p = std::getenv("VAEKIT_BENCH_EVENTLOG")) return p;
  return std::filesystem::path(__FILE__).parent_path().parent_path() /
         "examples/data/analytics/eventlog.jsonl";
}

// Replay of a whole log file: read, check every event against the transition table, fold each
// case (read_case_states); the "replay a 1M-case log" with the 10M-event generated log.
// Arg: threads (1: one core; 2: a parsing thread beside the fold).
void BM_ReplayLogFile(benchmark::State& state) {
  const auto path = replay_log_path();
  std::size_t cases = 0, events = 0;
  for (auto _ : state) {
    auto s = read_case_states(path, ReadMode::strict, RegimeSet::builtin(),
                              static_cast<unsigned>(state.range(0)));
    cases = s.states.size();
    events = s.events_applied;
    benchmark::DoNotOptimize(s.states.data());
  }
  state.counters["cases"] = static_cast<double>(cases);
  state.counters["events"] = static_cast<double>(events);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ReplayLogFile)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The scanner alone (a handler that only counts), on the calling thread (1) or with a parsing
// thread (2): the rate of the shared event-log reader.
void BM_ScanLogFile(benchmark::State& state) {
  struct Count final : EventLogHandler {
    std::size_t n = 0;
    void header(EventLogHeader) override {}
    void event(const EventView& v, std::size_t) override { n += v.case_id.size(); }
    void event(Event&&, std::size_t) override { ++n; }
    void reject(Reject) override {}
  };
  const auto path = replay_log_path();
  for (auto _ : state) {
    Count c;
    auto n = scan_event_log_file(path, c, ReadMode::strict, static_cast<unsigned>(state.range(0)));
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(c.n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ScanLogFile)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The row reader on the same file: every event as a vaekit::Event (read_event_log).
void BM_ReadEventLogFile(benchmark::State& state) {
  const auto path = replay_log_path();
  for (auto _ : state) {
    auto log = read_event_log(path);
    benchmark::DoNotOptimize(log.events.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ReadEventLogFile)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Eligibility(benchmark::State& state) {
  std::vector<Experience> xs;
  for (int i = 0; i < 10; ++i) {
    Experience x;
    x.period = DateRange(Date(2010 + i, 1, 1), Date(2010 + i, 9, 30));
    x.hours_per_week = Rational(35, 2);
    xs.push_back(x);
  }
  for (auto _ : state) benchmark::DoNotOptimize(assess_eligibility(xs, Date(2020, 1, 1)).eligible);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Eligibility);

}  // namespace
