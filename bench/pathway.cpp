// Benchmarks of the pathway: validating and folding events through the transition table,
// parsing the event log v1, eligibility.
#include <benchmark/benchmark.h>

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
