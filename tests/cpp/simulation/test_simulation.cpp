// Tests of the simulation: random numbers, scenarios (strict reading), the M/M/c reduction against
// Erlang C, the idf-2014 calibration targets, validity of the log under the transition table,
// reproducibility.
#include <algorithm>
#include <cmath>
#include <set>

#include "simulation_helpers.hpp"
#include "test_support.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/simulation/random.hpp"
#include "vaekit/simulation/simulator.hpp"

using namespace vaekit;

namespace {

Scenario load(const std::string& name) {
  return load_document<Scenario>(test::data_dir() / name);
}

// Erlang C (Kleinrock, Queueing Systems I, eq. 3.40): probability of waiting in M/M/c with
// offered load a = lambda / mu and c servers, and the mean wait C / (c mu - lambda).
double erlang_c(double a, int c) {
  double term = 1, sum = 1;  // a^k / k!, k = 0
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double top = term * a / c * c / (c - a);  // a^c / c! * c / (c - a)
  return top / (sum + top);
}

constexpr auto field_of = &test::scenario_error_field;
using test::as_event_log;

Scenario small_pathway() {
  Scenario s = load("schemas/Scenario.1.json");
  return s;
}

}  // namespace

TEST_CASE("splitmix64 and xoshiro256** give the reference streams", "[simulation][random]") {
  // splitmix64 from state 0: first output 0xE220A8397B1DCDAF (Vigna's reference splitmix64.c).
  std::uint64_t st = 0;
  CHECK(splitmix64(st) == 0xE220A8397B1DCDAFull);
  CHECK(splitmix64(st) == 0x6E789E6AA1B965F4ull);
  // xoshiro256** seeded through splitmix64(1): pinned outputs (bit-for-bit regression across
  // platforms; the algorithm uses only 64-bit integer operations).
  Xoshiro256 rng(1);
  const std::uint64_t a = rng.next(), b = rng.next();
  Xoshiro256 again(1);
  CHECK(again.next() == a);
  CHECK(again.next() == b);
  CHECK(a != b);
}

TEST_CASE("det_log and det_exp agree with libm within 2 ulp", "[simulation][random]") {
  auto x = GENERATE(1e-300, 1e-10, 0.001, 0.3, 0.70710678, 0.9999999, 1.0, 1.0000001, 1.5, 2.0,
                    3.14159, 10.0, 1e5, 1e300);
  const double l = det_log(x);
  CHECK(std::abs(l - std::log(x)) <=
        2 * std::abs(std::nextafter(std::log(x), 1e308) - std::log(x)) + 1e-300);
  const double y = GENERATE(-700.0, -20.0, -1.0, -1e-8, 0.0, 0.5, 1.0, 2.5, 30.0, 700.0);
  const double e = det_exp(y);
  CHECK(std::abs(e - std::exp(y)) <=
        2 * std::abs(std::nextafter(std::exp(y), 1e308) - std::exp(y)));
  CHECK(det_log(1.0) == 0.0);
  CHECK(det_exp(0.0) == 1.0);
}

TEST_CASE("samplers have the right moments", "[simulation][random]") {
  Xoshiro256 rng(42);
  const int n = 200000;
  double se = 0, sn = 0, sn2 = 0, su = 0;
  for (int i = 0; i < n; ++i) {
    se += rng.exponential();
    const double z = rng.normal();
    sn += z;
    sn2 += z * z;
    su += rng.uniform();
  }
  CHECK(se / n == Approx(1.0).margin(0.01));
  CHECK(sn / n == Approx(0.0).margin(0.01));
  CHECK(sn2 / n == Approx(1.0).margin(0.015));
  CHECK(su / n == Approx(0.5).margin(0.005));
  const DelayDistribution ln = DelayDistribution::lognormal_median(100, 0.5);
  double sl = 0;
  for (int i = 0; i < n; ++i) sl += ln.sample(rng);
  CHECK(sl / n == Approx(ln.expected()).epsilon(0.01));  // 100 e^(0.125) = 113.3
}

TEST_CASE("scenario samples and the shipped idf-2014 read", "[simulation][scenario]") {
  const Scenario s = load("schemas/Scenario.1.json");
  CHECK(s.name == "two-antennes");
  CHECK(s.antennes.size() == 2);
  CHECK(s.counsellor_count() == 3);
  CHECK(s.channels == std::vector<double>{0.5, 0.5, 0, 0});
  CHECK(s.calendar->closures().size() == 1);
  CHECK(s.first_appointment_minutes.kind == DistributionKind::uniform);
  // Round trip through the document form.
  CHECK(from_document<Scenario>(to_document(s)) == s);

  const Scenario idf = Scenario::builtin("idf-2014");
  CHECK(idf.counsellor_count() == 28);
  CHECK(idf.assistant_count() == 8);
  CHECK(idf.yearly_volume == 10357);
  CHECK(idf.antennes.front().id == "IDF-75A");
  CHECK(from_document<Scenario>(to_document(idf)) == idf);
  CHECK(std::find(Scenario::builtin_names().begin(), Scenario::builtin_names().end(), "idf-2014") !=
        Scenario::builtin_names().end());
  CHECK_THROWS_AS(Scenario::builtin("nowhere"), NotFound);
  const Scenario mmc = load("simulation/mmc.json");
  CHECK(!mmc.calendar);
  CHECK(mmc.scope == SimulationScope::first_appointment);
}

TEST_CASE("scenario reading is strict and names the field", "[simulation][scenario]") {
  const std::string base =
      R"({"schema":"Scenario.1","name":"x","period":{"first":"2014-01-01","last":"2014-12-31"},
    "antennes":[{"id":"A","share":1,"counsellors":2,"assistants":1}],
    "certifications":[{"code":"RNCP1","certifier":"C","weight":1}])";
  CHECK(field_of(base + "}") == "<no error>");
  CHECK(field_of(base + R"(,"colour":1})") == "colour");
  CHECK(field_of(base + R"(,"jury":{"outcome":{}}})") == "jury.outcome");
  CHECK(field_of(base + R"(,"jury":{"outcomes":{"full":0.5,"partial":0.2}}})") == "jury.outcomes");
  CHECK(field_of(base + R"(,"jury":{"outcomes":{"full":0.5,"maybe":0.5}}})") ==
        "jury.outcomes.maybe");
  CHECK(field_of(base + R"(,"jury":{"wait_days":{"dist":"gamma","mean":3}}})") ==
        "jury.wait_days.dist");
  CHECK(field_of(base + R"(,"jury":{"wait_days":{"dist":"fixed","value":-3}}})") ==
        "jury.wait_days.value");
  CHECK(field_of(base + R"(,"jury":{"wait_days":{"dist":"fixed","value":3,"sigma":1}}})") ==
        "jury.wait_days.sigma");
  CHECK(field_of(base + R"(,"dropout":{"writing":1.5}})") == "dropout.writing");
  CHECK(field_of(base + R"(,"first_appointment":{"lead_days":1.5}})") ==
        "first_appointment.lead_days");
  CHECK(field_of(base + R"(,"arrivals":{"yearly_volume":"many"}})") == "arrivals.yearly_volume");
  CHECK(field_of(base + R"(,"arrivals":{"seasonality":[1,2,3]}})") == "arrivals.seasonality");
  CHECK(field_of(base + R"(,"targets":[{"metric":"happiness","value":1,"tolerance":0}]})") ==
        "targets[0].metric");
  CHECK(field_of(base + R"(,"horizon":"2013-01-01"})") == "horizon");
  CHECK(
      field_of(
          R"({"schema":"Scenario.1","name":"x","period":{"first":"2014-01-01","last":"2014-12-31"},
    "antennes":[{"id":"A","share":1,"counsellors":0,"assistants":1}]})") ==
      "antennes[0].counsellors");
  CHECK(
      field_of(
          R"({"schema":"Scenario.1","name":"x","period":{"first":"2014-01-01","last":"2014-12-31"},
    "antennes":[{"id":"A","share":0.5,"counsellors":1,"assistants":1}]})") == "antennes");
  CHECK(
      field_of(
          R"({"schema":"Scenario.1","name":"x","period":{"first":"2014-01-01","last":"2014-12-31"},
    "antennes":[{"id":"A","share":1,"counsellors":1,"assistants":1}]})") == "certifications");
  CHECK(
      field_of(R"({"schema":"Scenario.1","period":{"first":"2014-01-01","last":"2014-12-31"}})") ==
      "name");
  CHECK_THROWS_AS(read_document<Scenario>(R"({"schema":"Scenario.2","name":"x"})"), SchemaError);
}

TEST_CASE("set_counsellor_count spreads counsellors by largest remainders",
          "[simulation][scenario]") {
  Scenario s = Scenario::builtin("idf-2014");
  s.set_counsellor_count(56);  // doubling: exactly twice each antenne's
  CHECK(s.counsellor_count() == 56);
  CHECK(s.antennes[0].counsellors == 12);
  s.set_counsellor_count(8);
  for (const auto& a : s.antennes) CHECK(a.counsellors == 1);
  CHECK_THROWS_AS(s.set_counsellor_count(7), InvalidArgument);
}

TEST_CASE("an M/M/c reduction matches Erlang C within 2 %", "[simulation][queue]") {
  // mmc.json: lambda = 76.8 a day, mu = 24 a day (60 min), c = 4: a = 3.2, rho = 0.8.
  const Scenario s = load("simulation/mmc.json");
  SimulationOptions o;
  o.record_log = false;
  const double lambda = 76.8, mu = 24.0;
  const int c = 4;
  const double pw = erlang_c(lambda / mu, c);  // 0.5964
  const double wq = pw / (c * mu - lambda);    // days
  double sum_pw = 0, sum_wq = 0, sum_util = 0;
  const int runs = 2;
  for (int k = 0; k < runs; ++k) {
    o.seed = 1000 + static_cast<std::uint64_t>(k);
    const SimulationResult r = simulate(s, o);
    sum_pw += r.queue().probability_of_wait(0);
    sum_wq += r.queue().mean_wait();
    sum_util += r.queue().mean_utilisation();
    CHECK(r.queue().unserved == 0);
  }
  INFO("Erlang C P(wait) = " << pw << ", Wq = " << wq * 1440 << " min; simulated " << sum_pw / runs
                             << ", " << sum_wq / runs * 1440 << " min, utilisation "
                             << sum_util / runs);
  WARN("M/M/4: Erlang C P(wait) " << pw << " vs " << sum_pw / runs << "; Wq " << wq * 1440 << " vs "
                                  << sum_wq / runs * 1440 << " min");
  CHECK(sum_pw / runs == Approx(pw).epsilon(0.02));
  CHECK(sum_wq / runs == Approx(wq).epsilon(0.02));
  CHECK(sum_util / runs == Approx(0.8).epsilon(0.02));
}

TEST_CASE("idf-2014 reproduces its calibration targets", "[simulation][calibration]") {
  const Scenario s = Scenario::builtin("idf-2014");
  SimulationOptions o;
  o.seed = 2014;
  o.record_log = false;
  const SimulationResult r = simulate(s, o);
  REQUIRE(r.check_targets().size() == s.targets.size());
  for (const TargetCheck& t : r.check_targets()) {
    INFO(t.target.metric << ": measured " << t.measured << ", target " << t.target.value << " ± "
                         << t.target.tolerance);
    CHECK(t.ok());
  }
  CHECK(r.metric("received") == 10357);
  CHECK(r.metric("censored") < 50);
  // The first appointment within three weeks on average (not a published figure: a sanity check).
  CHECK(r.metric("wait_mean_days") < 21);
  WARN("idf-2014 first-appointment wait: mean " << r.metric("wait_mean_days") << " days, p90 "
                                                << r.metric("wait_p90_days") << ", utilisation "
                                                << r.metric("utilisation_mean"));
}

TEST_CASE("simulated logs replay under the transition table without refusal", "[simulation][log]") {
  for (const Scenario& s : {small_pathway(), Scenario::builtin("idf-2014")}) {
    SimulationOptions o;
    o.seed = 7;
    const SimulationResult r = simulate(s, o);
    REQUIRE(r.log().size() > 1000);
    CHECK(r.log().size() == r.aux_column().size());
    const Replay rep = replay(as_event_log(r), ReadMode::strict);
    CHECK(rep.cases.size() == r.log().cases().size());
    // Through the JSON Lines text too (the pathway reader checks every data field).
    const EventRecords parsed = parse_event_log(r.to_jsonl(), "sim.jsonl", ReadMode::strict);
    CHECK(parsed.header.present);
    CHECK(parsed.header.source == "vaekit.simulation");
    CHECK(parsed.events.size() == r.log().size());
    CHECK_NOTHROW(replay(parsed, ReadMode::strict));
    // The analytics reader reads it back to the same columns.
    const EventLog back = EventLog::parse(r.to_jsonl(), "sim.jsonl");
    CHECK(back.same_events(r.log()));
    // No event after the horizon; every first appointment booked avoids the training days.
    const std::int32_t horizon = s.horizon.days_since_epoch();
    const auto days = r.log().days();
    CHECK(*std::max_element(days.begin(), days.end()) <= horizon);
    std::set<std::int32_t> training;
    for (const Date& d : s.training_days) training.insert(d.days_since_epoch());
    const auto kinds = r.log().kind_column();
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (kinds[i] == EventKind::appointment_booked) CHECK(training.count(r.aux_column()[i]) == 0);
    }
  }
}

TEST_CASE("same seed, same log bit for bit; another seed, another log",
          "[simulation][reproducible]") {
  const Scenario s = small_pathway();
  SimulationOptions o;
  o.seed = 99;
  const SimulationResult a = simulate(s, o);
  const SimulationResult b = simulate(s, o);
  CHECK(a == b);
  CHECK(a.to_jsonl() == b.to_jsonl());
  o.seed = 100;
  const SimulationResult c = simulate(s, o);
  CHECK(a.to_jsonl() != c.to_jsonl());
  // Recording the log does not change the random stream.
  o.seed = 99;
  o.record_log = false;
  const SimulationResult d = simulate(s, o);
  CHECK(d.queue() == a.queue());
  CHECK(d.metrics() == a.metrics());
  CHECK(d.log().empty());
}

TEST_CASE("training days and counsellors move the waits the right way", "[simulation][queue]") {
  Scenario s = Scenario::builtin("idf-2014");
  s.scope = SimulationScope::first_appointment;
  SimulationOptions o;
  o.record_log = false;
  o.training_days = std::vector<Date>{};
  const double none = simulate(s, o).queue().mean_wait();
  std::vector<Date> many;
  for (Date d(2014, 1, 7); d < Date(2014, 12, 20); d = d + 7) many.push_back(d);  // every Tuesday
  o.training_days = many;
  const SimulationResult busy = simulate(s, o);
  CHECK(busy.scenario().training_days == many);
  CHECK(busy.queue().mean_wait() > none);
  o.training_days.reset();
  s.set_counsellor_count(40);
  const double more = simulate(s, o).queue().mean_wait();
  CHECK(more < none);
}

TEST_CASE("results round-trip through JSON", "[simulation][json]") {
  SimulationOptions o;
  o.seed = 5;
  const SimulationResult r = simulate(small_pathway(), o);
  const Json doc = to_document(r);
  CHECK(doc["schema"] == "SimulationResult.1");
  const SimulationResult back = from_document<SimulationResult>(parse_json(doc.dump()));
  CHECK(back == r);
  CHECK(back.to_jsonl() == r.to_jsonl());
}

TEST_CASE("queue statistics", "[simulation][queue]") {
  QueueStats q;
  q.waits = {4, 1, 3, 2, 0};
  CHECK(q.mean_wait() == 2);
  CHECK(q.quantile(0.5) == 2);
  CHECK(q.quantile(0.9) == Approx(3.6));
  CHECK(q.quantile(0) == 0);
  CHECK(q.quantile(1) == 4);
  CHECK(q.probability_of_wait(0) == Approx(0.8));
  CHECK_THROWS_AS(q.quantile(1.5), InvalidArgument);
}

TEST_CASE("extreme branches still give logs the transition table accepts", "[simulation][log]") {
  // Property: whatever the branching probabilities, every simulated event is legal.
  Scenario s = small_pathway();
  const int variant = GENERATE(0, 1, 2, 3);
  switch (variant) {
    case 0:  // the certifiers never answer: implicit decisions, refusal before 12 Nov 2014
      s.period = DateRange(Date(2014, 1, 1), Date(2014, 12, 31));
      s.silence = 1;
      break;
    case 1:  // half the files incomplete, up to five times
      s.decisions = {0.5, 0, 0.5};
      s.max_incomplete = 5;
      break;
    case 2:  // absent at every sitting, one sitting only
      s.jury_outcomes = {0, 0, 0, 1};
      s.max_jury_sittings = 1;
      break;
    default:  // partial every time, always returning; no drop-out, no support
      s.jury_outcomes = {0, 1, 0, 0};
      s.return_outcomes = {0, 1, 0, 0};
      s.return_after_partial = 1;
      s.dropout_choosing = s.dropout_preparation = s.dropout_writing = s.dropout_jury_wait = 0;
      s.support_share = 0;
      break;
  }
  SimulationOptions o;
  o.seed = 31 + static_cast<std::uint64_t>(variant);
  const SimulationResult r = simulate(s, o);
  REQUIRE(r.log().size() > 100);
  CHECK_NOTHROW(replay(as_event_log(r), ReadMode::strict));
  std::size_t implicit_refusals = 0, absents = 0;
  for (std::size_t i = 0; i < r.log().size(); ++i) {
    const Event e = r.event(i);
    if (e.kind == EventKind::admissibility_decided && e.data.implicit &&
        e.data.decision == AdmissibilityDecision::not_admissible)
      ++implicit_refusals;
    if (e.kind == EventKind::jury_held && e.data.result == JuryResult::absent) ++absents;
  }
  if (variant == 0) CHECK(implicit_refusals > 0);  // requests sent before 12 Nov 2014
  if (variant == 2) CHECK(absents > 0);
}

TEST_CASE("a certification used outside its registration window is an error",
          "[simulation][scenario]") {
  // The DEAES of 2016 (RNCP25467, décret 2016-74 of 29 January 2016, open from 30 January 2016,
  // ../shared/domain.md §3) cannot be chosen by people received in 2014.
  const std::string head =
      R"({"schema":"Scenario.1","name":"x","period":{"first":"2014-01-01","last":"2014-12-31"},
    "antennes":[{"id":"A","share":1,"counsellors":2,"assistants":1}],
    "certifications":[)";
  CHECK(field_of(head + R"({"code":"RNCP25467","certifier":"Ministère des Affaires sociales",
    "weight":1,"registered":{"from":"2016-01-30","until":"2021-12-31"}}]})") ==
        "certifications[0].registered");
  // Closed before the end of the period: the DEAVS (closed to new VAE candidates on 30 January
  // 2016) in a 2016 scenario.
  const std::string head16 =
      R"({"schema":"Scenario.1","name":"x","period":{"first":"2016-01-01","last":"2016-12-31"},
    "antennes":[{"id":"A","share":1,"counsellors":2,"assistants":1}],
    "certifications":[)";
  CHECK(field_of(head16 + R"({"code":"RNCP4503","certifier":"C","weight":1,
    "registered":{"from":"2002-03-26","until":"2016-01-30"}}]})") ==
        "certifications[0].registered");
  CHECK(field_of(head + R"({"code":"RNCP1","certifier":"C","weight":1,
    "registered":{"from":"2015-01-01","until":"2014-01-01"}}]})") ==
        "certifications[0].registered");
  CHECK(field_of(head + R"({"code":"RNCP1","certifier":"C","weight":1,
    "registered":{"since":"2010-01-01"}}]})") == "certifications[0].registered.since");
  // Inside the window, or with unknown bounds: accepted.
  CHECK(field_of(head + R"({"code":"RNCP4503","certifier":"C","weight":1,
    "registered":{"from":"2002-03-26","until":"2016-01-30"}},
    {"code":"RNCP19468","certifier":"C","weight":1,"registered":{"from":null,"until":"2021-07-21"}},
    {"code":"RNCP2","certifier":"C","weight":1}]})") == "<no error>");
  Scenario s = Scenario::builtin("idf-2014");
  s.certifications[0].registered_from = Date(2016, 1, 30);
  CHECK_THROWS_AS(s.validate(), InvalidArgument);
}

TEST_CASE(
    "idf-2014: certifications exist on the simulated dates, with their certifier, and the "
    "network's 16 professionalisation days",
    "[simulation][scenario]") {
  const Scenario s = Scenario::builtin("idf-2014");
  // domain.md §4: the Conseil régional commissions 16 professionalisation days a year.
  CHECK(s.training_days.size() == 16);
  for (const Date& d : s.training_days) CHECK(d.year() == 2014);
  // No certification of the scenario is the 2016 DEAES nor the agri-food title RNCP4049
  // (registry sample: "Chef de projet commercial pour l'agroalimentaire", 2011-2015).
  for (const auto& c : s.certifications) {
    INFO(c.code);
    CHECK(c.code != "RNCP25467");
    CHECK(c.code != "RNCP4049");
    CHECK(c.registered_until.has_value());
    CHECK(!c.title.empty());
    CHECK(!c.source.empty());
  }
  // The DEAVS belongs to the ministry of social affairs (décret 2002-410).
  const auto deavs = std::find_if(
      s.certifications.begin(), s.certifications.end(),
      [](const CertificationChoice& c) { return c.title.find("DEAVS") != std::string::npos; });
  REQUIRE(deavs != s.certifications.end());
  CHECK(deavs->certifier.find("Affaires sociales") != std::string::npos);
  // Every certification chosen and every first request sent in the simulation falls within the
  // certification's registration window.
  SimulationOptions o;
  o.seed = 11;
  const SimulationResult r = simulate(s, o);
  const EventRecords log = parse_event_log(r.to_jsonl(), "sim.jsonl", ReadMode::strict);
  std::set<std::string> sent_once;
  int checked = 0;
  for (const Event& e : log.events) {
    const bool chosen = e.kind == EventKind::certification_chosen;
    const bool first_sent =
        e.kind == EventKind::admissibility_sent && sent_once.insert(e.case_id).second;
    if (!chosen && !first_sent) continue;
    const auto it = std::find_if(
        s.certifications.begin(), s.certifications.end(), [&](const CertificationChoice& c) {
          return c.code == e.certification || (first_sent && c.certifier == e.data.certifier);
        });
    REQUIRE(it != s.certifications.end());
    INFO(e.case_id << " " << it->code << " on " << e.at.date());
    CHECK(it->registered_on(e.at.date()));
    if (first_sent) CHECK(e.data.certifier == it->certifier);
    ++checked;
  }
  CHECK(checked > 5000);
}
