// Benchmarks of the counsellor tools: certification suggestions over a registry of the size of
// the full RNCP + RS exports, orientation, the appointment book (first available slot, book and
// cancel), and the JSON of the results.
//
// The registry is synthetic, built here rather than read from a scaled export
// (bench/gen_registry.py scales the real XML to ~570 MB, whose parsing is not what is measured
// here) but shaped like it: 20,000 fiches, 70 % RNCP (levels 3-7, level 3 and 6 the most common)
// and 30 % RS (no level); 1,500 ROME v4 codes under 530 v3 parents; each fiche lists 1-4 ROME codes
// drawn from a Zipf-like law (a few jobs, such as care or sales, are cited by hundreds of fiches);
// 45 % of fiches active; 85 % open to VAE; replacement chains of five as in gen_registry.py (every
// fifth fiche ends a chain, the others are closed and replaced by the next one).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vaekit/vaekit.hpp>
#include <vector>

namespace {

using namespace vaekit;

constexpr int kFiches = 20000;
constexpr int kRomeCodes = 1500;
constexpr int kRomeParents = 530;

std::string rome_code(int i) {
  // 14 domains A..N, as in the ROME; four digits.
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%04d", 'A' + i % 14, 1101 + i / 14);
  return buf;
}

// Zipf-like draw of a ROME index: low indices are the popular jobs.
int draw_rome(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double x = std::pow(u(rng), 2.5);  // skewed towards 0
  return static_cast<int>(x * (kRomeCodes - 1));
}

const RomeCatalog& catalog() {
  static const RomeCatalog cat = [] {
    std::vector<RomeJob> jobs;
    for (int i = 0; i < kRomeCodes; ++i) {
      jobs.push_back({rome_code(i), "Métier " + std::to_string(i), rome_code(i % kRomeParents)});
    }
    return RomeCatalog(std::move(jobs));
  }();
  return cat;
}

const Registry& registry() {
  static const Registry reg = [] {
    std::mt19937_64 rng(20240222);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<Certification> certs;
    certs.reserve(kFiches);
    static constexpr int kLevels[] = {3, 3, 3, 4, 4, 5, 5, 6, 6, 6, 7, 7};
    for (int i = 0; i < kFiches; ++i) {
      Certification c;
      const bool rs = i % 10 >= 7;
      c.code = (rs ? "RS" : "RNCP") + std::to_string(30000 + i);
      c.title = (rs ? "Certification de compétences " : "Titre professionnel ") + std::to_string(i);
      if (!rs) c.level = kLevels[static_cast<std::size_t>(rng() % 12)];
      const int n_rome = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < n_rome; ++k) {
        const std::string code = rome_code(draw_rome(rng));
        bool dup = false;
        for (const auto& r : c.rome) dup = dup || r.code == code;
        if (!dup) c.rome.push_back({code, ""});
      }
      c.access_routes = {AccessRoute::continuing_training};
      if (u(rng) < 0.85) c.access_routes.push_back(AccessRoute::vae);
      const bool chain_end = i % 5 == 4;
      c.active = chain_end ? u(rng) < 0.9 : u(rng) < 0.3;
      if (!chain_end) c.replaced_by.push_back((rs ? "RS" : "RNCP") + std::to_string(30000 + i + 1));
      if (i % 5 != 0) c.replaces.push_back((rs ? "RS" : "RNCP") + std::to_string(30000 + i - 1));
      certs.push_back(std::move(c));
    }
    return Registry(std::move(certs));
  }();
  return reg;
}

Experience job(const std::string& rome, Date first, Date last, Rational per_week = Rational(35)) {
  Experience x;
  x.period = DateRange(first, last);
  x.hours_per_week = per_week;
  x.rome = rome;
  return x;
}

// 64 people with 1-3 jobs each, popular and rare trades mixed.
std::vector<std::vector<Experience>> people() {
  std::mt19937_64 rng(7);
  std::vector<std::vector<Experience>> out;
  for (int p = 0; p < 64; ++p) {
    std::vector<Experience> xs;
    const int n = 1 + p % 3;
    Date d(2012, 1, 1);
    for (int k = 0; k < n; ++k) {
      const Date end = d + static_cast<int>(200 + rng() % 900);
      xs.push_back(job(rome_code(draw_rome(rng)), d, end, Rational(k == 0 ? 35 : 24)));
      d = end + 30;
    }
    out.push_back(std::move(xs));
  }
  return out;
}

void BM_RegistryBuild(benchmark::State& state) {
  // Setup cost of the synthetic registry (not a counsellor operation; for scale).
  (void)registry();
  for (auto _ : state) {
    Registry copy = registry();
    benchmark::DoNotOptimize(copy);
  }
  state.counters["fiches"] = kFiches;
}

void BM_SuggestCertifications(benchmark::State& state) {
  const Registry& reg = registry();
  const RomeCatalog* rome = state.range(0) != 0 ? &catalog() : nullptr;
  const auto persons = people();
  std::size_t i = 0;
  std::size_t suggested = 0;
  for (auto _ : state) {
    const auto r =
        suggest_certifications(persons[i % persons.size()], 3, reg, Date(2023, 6, 1), {}, rome);
    suggested += r.suggestions.size();
    benchmark::DoNotOptimize(r);
    ++i;
  }
  state.counters["suggestions_per_call"] =
      static_cast<double>(suggested) / static_cast<double>(i == 0 ? 1 : i);
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
  state.SetLabel(rome != nullptr ? "exact + shared v3 parent" : "exact ROME only");
}

void BM_SuggestionsToJson(benchmark::State& state) {
  const auto persons = people();
  std::vector<SuggestionResult> results;
  for (const auto& p : persons) {
    results.push_back(suggest_certifications(p, 3, registry(), Date(2023, 6, 1), {}, &catalog()));
  }
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = to_document(results[i % results.size()]).dump();
    bytes += text.size();
    benchmark::DoNotOptimize(text);
    ++i;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
}

void BM_SuggestionsFromJson(benchmark::State& state) {
  const auto persons = people();
  std::vector<std::string> texts;
  for (const auto& p : persons) {
    texts.push_back(
        to_document(suggest_certifications(p, 3, registry(), Date(2023, 6, 1), {}, &catalog()))
            .dump());
  }
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto& text = texts[i % texts.size()];
    const auto r = read_document<SuggestionResult>(text);
    bytes += text.size();
    benchmark::DoNotOptimize(r);
    ++i;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
}

void BM_SuggestOrientation(benchmark::State& state) {
  const auto persons = people();
  OrientationInput in;
  in.target = CertificationTarget{"RNCP30004", {rome_code(0), rome_code(1)}};
  in.wants_higher_education = true;
  in.age = 34;
  in.left_initial_education_on = Date(2008, 7, 1);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto a = suggest_orientation(persons[i % persons.size()], in, Date(2023, 6, 1));
    benchmark::DoNotOptimize(a);
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
}

// An antenne's year: 12 counsellors, 6 one-hour slots per working day in 2024 (about 18,000
// slots), two thirds of them booked.
AppointmentBook busy_book() {
  AppointmentBook b;
  for (int c = 0; c < 12; ++c) {
    b.add_slots("CO" + std::to_string(c), DateRange(Date(2024, 1, 1), Date(2024, 12, 31)), {},
                9 * 60, 60, 6);
  }
  std::mt19937_64 rng(11);
  for (const auto& s : b.slots()) {
    if (rng() % 3 != 0) b.book(s.id, "C" + std::to_string(s.id), "AS1", Date(2024, 1, 1));
  }
  return b;
}

void BM_FirstAvailable(benchmark::State& state) {
  const AppointmentBook b = busy_book();
  const std::string counsellor = state.range(0) != 0 ? "CO7" : "";
  std::size_t i = 0;
  for (auto _ : state) {
    const auto id = b.first_available(Date(2024, 1, 1) + static_cast<int>(i % 360), counsellor);
    benchmark::DoNotOptimize(id);
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
  state.SetLabel(counsellor.empty() ? "any counsellor" : "one counsellor");
  state.counters["slots"] = static_cast<double>(b.slots().size());
}

void BM_BookCancel(benchmark::State& state) {
  // One booking and its cancellation per iteration, on free slots of the busy book; the book is
  // rebuilt (untimed) every 4,096 iterations so that cancelled bookings do not pile up.
  AppointmentBook b = busy_book();
  std::vector<SlotId> free;
  for (const auto& s : b.slots()) {
    if (!b.occupant(s.id)) free.push_back(s.id);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    if (i != 0 && i % 4096 == 0) {
      state.PauseTiming();
      b = busy_book();
      state.ResumeTiming();
    }
    const SlotId slot = free[i % free.size()];
    const BookingId id = b.book(slot, "N" + std::to_string(i), "AS1", Date(2024, 1, 1));
    const auto served = b.cancel(id, "AS1", Date(2024, 1, 1));
    benchmark::DoNotOptimize(served);
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
}

void BM_CancelServesWaitingList(benchmark::State& state) {
  // A cancellation that gives the slot to the head of a 200-case waiting list; the cancelled case
  // joins the end of the list (cancel + join per iteration, list length constant).
  auto setup = [](AppointmentBook& b, std::vector<SlotId>& taken) {
    b = busy_book();
    taken.clear();
    for (const auto& s : b.slots()) {
      if (b.occupant(s.id)) taken.push_back(s.id);
    }
    for (int w = 0; w < 200; ++w) {
      b.join_waiting_list("W" + std::to_string(w), "", Date(2024, 1, 1));
    }
  };
  AppointmentBook b;
  std::vector<SlotId> taken;
  setup(b, taken);
  std::size_t i = 0;
  std::size_t served_count = 0;
  for (auto _ : state) {
    if (i != 0 && i % 4096 == 0) {
      state.PauseTiming();
      setup(b, taken);
      state.ResumeTiming();
    }
    const SlotId slot = taken[i % taken.size()];
    const BookingId occ = *b.occupant(slot);
    std::string who = b.booking(occ).case_id;
    const auto served = b.cancel(occ, "AS1", Date(2024, 1, 1));
    served_count += served ? 1 : 0;
    b.join_waiting_list(std::move(who), "", Date(2024, 1, 1));
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(i));
  state.counters["served"] =
      static_cast<double>(served_count) / static_cast<double>(i == 0 ? 1 : i);
}

void BM_BookReadJson(benchmark::State& state) {
  // Reading a year's book (AppointmentBook.1, ~18,000 slots, ~12,000 bookings) with its checks:
  // what a Dask worker does when it unpickles one.
  const std::string text = to_document(busy_book()).dump();
  for (auto _ : state) {
    const auto b = read_document<AppointmentBook>(text);
    benchmark::DoNotOptimize(b);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}

}  // namespace

BENCHMARK(BM_RegistryBuild)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SuggestCertifications)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SuggestionsToJson)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SuggestionsFromJson)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SuggestOrientation)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FirstAvailable)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BookCancel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CancelServesWaitingList)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BookReadJson)->Unit(benchmark::kMillisecond);
