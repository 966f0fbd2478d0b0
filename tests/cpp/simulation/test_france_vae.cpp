// Tests of the France VAE era of the simulation (issue 15): the idf-2025 scenario and its
// calibration, the reform's pathway replayed by the transition table, profiles and follow-ups
// drawn apart (a 2017 scenario's pathways unchanged), the scenario's strict reading.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "simulation_helpers.hpp"
#include "test_support.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/simulation/simulator.hpp"

using namespace vaekit;

namespace {

constexpr auto field_of = &test::scenario_error_field;
using test::as_event_log;

// idf-2025 on a smaller volume (the tests that do not check the calibration).
Scenario small_2025() {
  Scenario s = Scenario::builtin("idf-2025");
  s.yearly_volume = 1500;
  s.targets.clear();
  return s;
}

const std::string kBase =
    R"({"schema":"Scenario.1","name":"x","period":{"first":"2025-01-01","last":"2025-12-31"},
    "antennes":[{"id":"A","share":1,"counsellors":2,"assistants":1}],
    "certifications":[{"code":"RNCP1","certifier":"C","weight":1}])";

}  // namespace

TEST_CASE("idf-2025 reads, round-trips and names its sources", "[simulation][france_vae]") {
  const Scenario s = Scenario::builtin("idf-2025");
  CHECK(s.era == PathwayEra::france_vae);
  REQUIRE(s.profile);
  REQUIRE(s.followup);
  CHECK(s.counsellor_count() == 28);  // the same network as idf-2014
  CHECK(from_document<Scenario>(to_document(s)) == s);
  // Every target and every profile attribute says where it comes from (or that it is assumed).
  for (const auto& t : s.targets) CHECK(!t.source.empty());
  for (const ProfileShares* p : {&s.profile->sex, &s.profile->age_band, &s.profile->employment,
                                 &s.profile->qualification, &s.profile->qpv, &s.profile->rqth}) {
    CHECK(!p->empty());
    CHECK(!p->source.empty());
  }
  CHECK(s.followup->source.rfind("ASSUMED", 0) == 0);
  // A 2017 scenario writes no reform section (its document is as before).
  const Json idf14 = to_document(Scenario::builtin("idf-2014"));
  for (const char* k : {"era", "france_vae", "profile", "followup"}) CHECK(!idf14.contains(k));
}

TEST_CASE("idf-2025 reproduces its calibration targets", "[simulation][france_vae][calibration]") {
  const Scenario s = Scenario::builtin("idf-2025");
  SimulationOptions o;
  o.seed = 2025;
  o.record_log = false;
  const SimulationResult r = simulate(s, o);
  REQUIRE(r.check_targets().size() == s.targets.size());
  REQUIRE(s.targets.size() >= 6);
  for (const TargetCheck& t : r.check_targets()) {
    INFO(t.target.metric << ": measured " << t.measured << ", target " << t.target.value << " ± "
                         << t.target.tolerance);
    CHECK(t.ok());
  }
  CHECK(r.metric("received") == 6600);
  CHECK(r.metric("profiled") == 6600);  // one profile per candidacy
  CHECK(r.metric("accompanied_share") == Approx(0.8).margin(0.02));
  CHECK(r.metric("lapsed") > 0);
  CHECK(r.metric("lapse_lifted") > 0);
  CHECK(r.metric("jury_partial_certification_share") > 0);
  CHECK(r.metric("funding_granted_euros") > 0);
  CHECK(r.metric("funding_granted_euros") <= r.metric("funding_requested_euros"));
  CHECK(r.metric("followup_response_6") == Approx(0.55).margin(0.03));
  CHECK(r.metric("followup_response_12") == Approx(0.45).margin(0.03));
  WARN("idf-2025: wait mean " << r.metric("wait_mean_days") << " days, p90 "
                              << r.metric("wait_p90_days") << ", months to first jury "
                              << r.metric("months_to_first_jury") << ", full validations "
                              << r.metric("validated") << ", cost per certification "
                              << r.metric("cost_per_certification"));
}

TEST_CASE("France VAE pathways replay under the transition table without refusal",
          "[simulation][france_vae][log]") {
  const Scenario s = small_2025();
  SimulationOptions o;
  o.seed = 11;
  const SimulationResult r = simulate(s, o);
  REQUIRE(r.log().size() > 1000);
  // Every kind of the reform's pathway occurs, and no 2017 step (reception, admissibility).
  std::set<EventKind> kinds(r.log().kind_column().begin(), r.log().kind_column().end());
  for (EventKind k :
       {EventKind::candidacy_submitted, EventKind::candidacy_taken_charge,
        EventKind::pathway_proposed, EventKind::pathway_confirmed, EventKind::funding_requested,
        EventKind::funding_decided, EventKind::feasibility_sent, EventKind::feasibility_decided,
        EventKind::validation_file_sent, EventKind::validation_file_flagged, EventKind::lapsed,
        EventKind::lapse_contested, EventKind::lapse_decided, EventKind::jury_scheduled,
        EventKind::jury_held, EventKind::archived, EventKind::dropped_out,
        EventKind::profile_recorded, EventKind::followup_recorded}) {
    INFO(to_string(k));
    CHECK(kinds.count(k) == 1);
  }
  for (EventKind k : {EventKind::received, EventKind::admissibility_sent,
                      EventKind::support_started, EventKind::appointment_booked})
    CHECK(kinds.count(k) == 0);
  // Every event carries valid data (the pathway reader checks every field) and the analytics
  // reader reads the text back to the same columns.
  for (std::size_t i = 0; i < r.log().size(); ++i) {
    const Event e = r.event(i);
    INFO(e.case_id << " " << to_string(e.kind));
    CHECK(!validate_event_data(e));
  }
  const std::string text = r.to_jsonl();
  const EventRecords parsed = parse_event_log(text, "sim.jsonl", ReadMode::strict);
  CHECK(parsed.events.size() == r.log().size());
  CHECK(EventLog::parse(text, "sim.jsonl").same_events(r.log()));
  const Replay rep = replay(as_event_log(r), ReadMode::strict);
  CHECK(rep.cases.size() == r.log().cases().size());
  CHECK_NOTHROW(replay(parsed, ReadMode::strict));
}

TEST_CASE("each France VAE case follows the reform's order", "[simulation][france_vae][log]") {
  SimulationOptions o;
  o.seed = 3;
  const SimulationResult r = simulate(small_2025(), o);
  std::map<std::string, std::vector<Event>> cases;
  for (std::size_t i = 0; i < r.log().size(); ++i) {
    Event e = r.event(i);
    cases[e.case_id].push_back(std::move(e));
  }
  std::size_t autonomous = 0, accompanied = 0, followed = 0;
  for (const auto& [id, events] : cases) {
    INFO(id);
    REQUIRE(events.size() >= 2);
    // Submitted first, with its accompaniment, then the profile the same day.
    REQUIRE(events[0].kind == EventKind::candidacy_submitted);
    REQUIRE(events[0].data.accompaniment);
    CHECK(events[1].kind == EventKind::profile_recorded);
    CHECK(events[1].at == events[0].at);
    CHECK(events[1].data.departement.has_value());
    const bool alone = *events[0].data.accompaniment == Accompaniment::autonomous;
    (alone ? autonomous : accompanied) += 1;
    for (const Event& e : events) {
      // An autonomous candidate has no AAP, no pathway and no funding.
      if (alone) {
        CHECK(e.role != Role::aap);
        CHECK(e.kind != EventKind::pathway_proposed);
        CHECK(e.kind != EventKind::funding_requested);
      }
      if (e.kind == EventKind::funding_requested) {
        CHECK(e.data.funding == Funding::france_vae);
        CHECK(e.data.funding_kind);
        CHECK(*e.data.amount > 0);
      }
      if (e.kind == EventKind::followup_recorded) {
        CHECK((*e.data.months == 6 || *e.data.months == 12));
        CHECK(e.data.situation);
        ++followed;
      }
    }
    for (std::size_t i = 1; i < events.size(); ++i)
      CHECK(events[i - 1].at.date() <= events[i].at.date());
  }
  CHECK(autonomous > 0);
  CHECK(accompanied > autonomous);
  CHECK(followed > 0);
}

TEST_CASE("profiles and follow-ups come from a stream of their own",
          "[simulation][france_vae][reproducible]") {
  // Adding a profile and follow-ups to a 2017 scenario changes none of its pathways: the same
  // metrics of the 2017 model, the same queue, and the same events once the new ones are removed.
  Scenario plain = Scenario::builtin("idf-2014");
  plain.yearly_volume = 1500;
  plain.targets.clear();
  Scenario with = plain;
  with.profile = Scenario::builtin("idf-2025").profile;
  with.followup = Scenario::builtin("idf-2025").followup;
  SimulationOptions o;
  o.seed = 21;
  const SimulationResult a = simulate(plain, o);
  const SimulationResult b = simulate(with, o);
  CHECK(a.queue() == b.queue());
  for (const auto& name : {"received", "validated", "admissible", "jury_full_share",
                           "months_to_first_jury", "censored"})
    CHECK(a.metric(name) == b.metric(name));
  CHECK(b.metric("profiled") == b.metric("received"));
  CHECK(b.metric("followup_response_6") > 0);
  std::vector<Event> kept;
  for (std::size_t i = 0; i < b.log().size(); ++i) {
    Event e = b.event(i);
    if (e.kind != EventKind::profile_recorded && e.kind != EventKind::followup_recorded)
      kept.push_back(std::move(e));
  }
  REQUIRE(kept.size() == a.log().size());
  for (std::size_t i = 0; i < kept.size(); ++i) CHECK(kept[i] == a.event(i));
  // The 2017 pathways with their profiles and follow-ups replay under the transition table.
  const Replay rep = replay(as_event_log(b), ReadMode::strict);
  CHECK(rep.cases.size() == b.log().cases().size());
}

TEST_CASE("France VAE results are reproducible and round-trip through JSON",
          "[simulation][france_vae][json]") {
  SimulationOptions o;
  o.seed = 8;
  const SimulationResult a = simulate(small_2025(), o);
  const SimulationResult b = simulate(small_2025(), o);
  CHECK(a == b);
  CHECK(a.to_jsonl() == b.to_jsonl());
  CHECK(!a.event_data().empty());
  const SimulationResult back = from_document<SimulationResult>(parse_json(to_document(a).dump()));
  CHECK(back == a);
  CHECK(back.to_jsonl() == a.to_jsonl());
  // Statistics only: the same metrics.
  o.record_log = false;
  CHECK(simulate(small_2025(), o).metrics() == a.metrics());
}

TEST_CASE("the reform's sections are read strictly", "[simulation][france_vae][scenario]") {
  CHECK(field_of(kBase + R"(,"era":"france_vae"})") == "<no error>");
  CHECK(field_of(kBase + R"(,"era":"2030"})") == "era");
  CHECK(field_of(kBase + R"(,"france_vae":{"lapse":0.1}})") == "france_vae");  // needs the era
  CHECK(field_of(kBase + R"(,"era":"france_vae","france_vae":{"lapse":1.5}})") ==
        "france_vae.lapse");
  CHECK(field_of(kBase + R"(,"era":"france_vae","france_vae":{"colour":1}})") ==
        "france_vae.colour");
  CHECK(field_of(kBase + R"(,"era":"france_vae","france_vae":{"rates":{"individual":-1}}})") ==
        "france_vae.rates.individual");
  CHECK(field_of(
            kBase +
            R"(,"era":"france_vae","france_vae":{"jury_outcomes":{"full":0.5,"partial":0.2}}})") ==
        "france_vae.jury_outcomes");
  CHECK(field_of(kBase + R"(,"profile":{"sex":{"shares":{"woman":0.6,"man":0.4}}}})") ==
        "<no error>");
  CHECK(field_of(kBase + R"(,"profile":{"sex":{"shares":{"woman":0.6,"other":0.4}}}})") ==
        "profile.sex.shares.other");
  CHECK(field_of(kBase + R"(,"profile":{"sex":{"shares":{"woman":0.6,"man":0.3}}}})") ==
        "profile.sex");
  CHECK(field_of(kBase + R"(,"profile":{"departement":{"A":"20"}}})") == "profile.departement.A");
  // The vocabulary's codes only (before, "96".."99" passed the scenario's own rule).
  for (const char* bad : {"96", "99", "00", "not_stated", "2C"}) {
    CHECK(field_of(kBase + R"(,"profile":{"departement":{"A":")" + bad + R"("}}})") ==
          "profile.departement.A");
  }
  CHECK(field_of(kBase + R"(,"profile":{"departement":{"A":"976"}}})") == "<no error>");
  CHECK(field_of(kBase + R"(,"profile":{"departement":{"A":"2A"}}})") == "<no error>");
  CHECK(field_of(kBase + R"(,"profile":{"eyes":{}}})") == "profile.eyes");
  CHECK(field_of(kBase + R"(,"followup":{"response_6":2}})") == "followup.response_6");
  CHECK(field_of(kBase + R"(,"followup":{"certified":{"same_job":0.5}}})") == "followup.certified");
  CHECK(field_of(kBase + R"(,"targets":[{"metric":"women_share","value":0.6,"tolerance":0.1}]})") ==
        "<no error>");
}

TEST_CASE("the profile codes are the vocabulary's", "[simulation][france_vae]") {
  // The simulator turns a code's index into the vocabulary's enumeration: the orders must agree.
  const auto& sex = profile_attribute_codes("sex");
  for (std::size_t i = 0; i < sex.size(); ++i) CHECK(to_string(static_cast<Sex>(i)) == sex[i]);
  const auto& age = profile_attribute_codes("age_band");
  for (std::size_t i = 0; i < age.size(); ++i) CHECK(to_string(static_cast<AgeBand>(i)) == age[i]);
  const auto& emp = profile_attribute_codes("employment");
  for (std::size_t i = 0; i < emp.size(); ++i)
    CHECK(to_string(static_cast<Employment>(i)) == emp[i]);
  const auto& q = profile_attribute_codes("qualification");
  for (std::size_t i = 0; i < q.size(); ++i)
    CHECK(to_string(static_cast<Qualification>(i)) == q[i]);
  const auto& yn = profile_attribute_codes("qpv");
  for (std::size_t i = 0; i < yn.size(); ++i) CHECK(to_string(static_cast<YesNo>(i)) == yn[i]);
  const auto& sit = profile_attribute_codes("situation");
  for (std::size_t i = 0; i < sit.size(); ++i)
    CHECK(to_string(static_cast<Situation>(i)) == sit[i]);
  CHECK(profile_attribute_codes("colour").empty());
}

TEST_CASE("idf-2025 meets its targets whatever the seed", "[simulation][france_vae][calibration]") {
  // The calibration is not the luck of seed 2025: the targets' tolerances are several standard
  // errors wide (6,600 candidacies).
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 7, 99, 12345);
  SimulationOptions o;
  o.seed = seed;
  o.record_log = false;
  const SimulationResult r = simulate(Scenario::builtin("idf-2025"), o);
  for (const TargetCheck& t : r.check_targets()) {
    INFO("seed " << seed << ", " << t.target.metric << ": measured " << t.measured);
    CHECK(t.ok());
  }
}
