// The transition table: every row applied, every role refused, guards, order, side states.
#include <string>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/due.hpp"

using namespace vaekit;
using vaekit::test::case_in;
using vaekit::test::make_event;

namespace {

// An event satisfying row @p t's variant and guard, on @p d (or later, as the guard needs), by
// @p role.
Event event_for(const Transition& t, Date d, Role role) {
  if (t.guard == Guard::france_vae_era) d = std::max(d, Date(2024, 1, 8));  // France VAE's date
  if (t.guard == Guard::lapse_rule) d = d + 200;    // after the 183 days of caducité
  if (t.guard == Guard::followup_due) d = d + 400;  // 6 months after the jury
  Event e = make_event(t.event, d, role);
  switch (t.when) {
    case Outcome::to_vae: e.data.to = OrientationTarget::vae; break;
    case Outcome::to_other: e.data.to = OrientationTarget::skills_assessment; break;
    case Outcome::admissible: e.data.decision = AdmissibilityDecision::admissible; break;
    case Outcome::not_admissible: e.data.decision = AdmissibilityDecision::not_admissible; break;
    case Outcome::incomplete: e.data.decision = AdmissibilityDecision::incomplete; break;
    case Outcome::full: e.data.result = JuryResult::full; break;
    case Outcome::partial: e.data.result = JuryResult::partial; break;
    case Outcome::refused: e.data.result = JuryResult::refused; break;
    case Outcome::absent: e.data.result = JuryResult::absent; break;
    case Outcome::accompanied: e.data.accompaniment = Accompaniment::accompanied; break;
    case Outcome::autonomous: e.data.accompaniment = Accompaniment::autonomous; break;
    case Outcome::partial_certification: e.data.result = JuryResult::partial_certification; break;
    case Outcome::lifted: e.data.lifted = true; break;
    case Outcome::not_lifted: e.data.lifted = false; break;
    case Outcome::any: break;
  }
  if (t.guard == Guard::has_certification) e.certification = "RNCP36004";
  if (role == Role::system && t.event == EventKind::admissibility_decided) e.data.implicit = true;
  return e;
}

// A role of the set that is not the system (the system is for implicit decisions only).
Role first_role(RoleSet set) {
  for (std::size_t r = 0; r < role_count; ++r) {
    if (contains(set, static_cast<Role>(r)) && static_cast<Role>(r) != Role::system)
      return static_cast<Role>(r);
  }
  return Role::system;
}

}  // namespace

TEST_CASE("transitions: every row of the table applies in every stage it lists") {
  std::size_t applied = 0;
  for (const Transition& t : transition_table()) {
    for (std::size_t si = 0; si < stage_count; ++si) {
      const auto stage = static_cast<Stage>(si);
      if (!contains(t.from, stage)) continue;
      auto [c, d] = case_in(stage, t.era == Era::france_vae);
      REQUIRE(c.stage() == stage);
      if (t.guard == Guard::reactivable) {
        c.record(make_event(EventKind::dropped_out, d, Role::candidate));
        d = d + 1;
      }
      const Role role = first_role(t.roles);
      INFO("row " << to_string(t.event) << "/" << to_string(t.when) << " in " << to_string(stage)
                  << " by " << to_string(role));
      c.record(event_for(t, d, role));
      CHECK(c.stage() == t.to.value_or(stage));
      ++applied;
    }
  }
  CHECK(applied > 60);
}

TEST_CASE(
    "transitions: every role outside a row's roles is refused, naming stage, event and role") {
  std::size_t refused = 0;
  for (const Transition& t : transition_table()) {
    for (std::size_t si = 0; si < stage_count; ++si) {
      const auto stage = static_cast<Stage>(si);
      if (!contains(t.from, stage)) continue;
      for (std::size_t ri = 0; ri < role_count; ++ri) {
        const auto role = static_cast<Role>(ri);
        if (contains(t.roles, role)) continue;
        auto [c, d] = case_in(stage, t.era == Era::france_vae);
        if (t.guard == Guard::reactivable) {
          c.record(make_event(EventKind::dropped_out, d, Role::candidate));
          d = d + 1;
        }
        const Stage before = c.stage();
        const auto n = c.events().size();
        try {
          c.record(event_for(t, d, role));
          FAIL("accepted " << to_string(t.event) << " by " << to_string(role) << " in "
                           << to_string(stage));
        } catch (const TransitionError& e) {
          CHECK(e.code() == ErrorCode::transition);
          CHECK(e.stage() == before);
          CHECK(e.event() == t.event);
          CHECK(e.role() == role);
          const std::string what = e.what();
          CHECK(what.find(std::string(to_string(stage))) != std::string::npos);
          CHECK(what.find(std::string(to_string(t.event))) != std::string::npos);
          CHECK(what.find(std::string(to_string(role))) != std::string::npos);
          CHECK(what.find("role not allowed") != std::string::npos);
        }
        CHECK(c.events().size() == n);  // unchanged
        ++refused;
      }
    }
  }
  CHECK(refused > 200);
}

TEST_CASE("transitions: pairs absent from the table are refused") {
  for (std::size_t si = 0; si < stage_count; ++si) {
    const auto stage = static_cast<Stage>(si);
    for (std::size_t k = 0; k < event_kind_count; ++k) {
      const auto kind = static_cast<EventKind>(k);
      bool listed = false;
      for (const Transition& t : transition_table())
        listed = listed || (t.event == kind && contains(t.from, stage));
      if (listed) continue;
      auto [c, d] = case_in(stage);
      for (std::size_t ri = 0; ri < role_count; ++ri) {
        Event e = make_event(kind, d, static_cast<Role>(ri));
        CHECK_THROWS_AS(c.record(e), TransitionError);
      }
    }
  }
}

TEST_CASE("transitions: hand-written pathway (domain.md §2)") {
  Case c("C0001");
  CHECK(c.stage() == Stage::none);
  c.record(make_event(EventKind::received, Date(2017, 1, 9), Role::assistant));
  CHECK(c.stage() == Stage::reception);
  c.record(make_event(EventKind::informed, Date(2017, 1, 9), Role::assistant));
  c.record(make_event(EventKind::appointment_booked, Date(2017, 1, 10), Role::assistant));
  c.record(make_event(EventKind::appointment_held, Date(2017, 1, 23), Role::counsellor));
  CHECK(c.stage() == Stage::counselling);
  // No certification yet: orientation to VAE is refused by the guard.
  CHECK_THROWS_WITH(c.record(make_event(EventKind::oriented, Date(2017, 1, 23), Role::counsellor)),
                    Catch::Contains("has_certification"));
  c.record(make_event(EventKind::certification_chosen, Date(2017, 1, 23), Role::counsellor));
  c.record(make_event(EventKind::oriented, Date(2017, 1, 23), Role::counsellor));
  CHECK(c.stage() == Stage::oriented);
  c.record(make_event(EventKind::admissibility_started, Date(2017, 2, 1), Role::counsellor));
  c.record(make_event(EventKind::admissibility_sent, Date(2017, 3, 1), Role::candidate));
  // Incomplete: back to preparation, then sent again.
  Event inc = make_event(EventKind::admissibility_decided, Date(2017, 3, 20), Role::certifier);
  inc.data.decision = AdmissibilityDecision::incomplete;
  c.record(inc);
  CHECK(c.stage() == Stage::admissibility_preparation);
  c.record(make_event(EventKind::admissibility_sent, Date(2017, 4, 3), Role::counsellor));
  c.record(make_event(EventKind::admissibility_decided, Date(2017, 5, 2), Role::certifier));
  CHECK(c.stage() == Stage::admissible);
  c.record(make_event(EventKind::support_started, Date(2017, 5, 15), Role::funder));
  c.record(make_event(EventKind::support_session, Date(2017, 6, 1), Role::counsellor));
  c.record(make_event(EventKind::validation_file_sent, Date(2017, 11, 2), Role::candidate));
  Event js = make_event(EventKind::jury_scheduled, Date(2017, 12, 1), Role::certifier);
  js.data.date = Date(2018, 3, 15);
  c.record(js);
  // Held before its date: refused.
  CHECK_THROWS_AS(c.record(make_event(EventKind::jury_held, Date(2018, 3, 14), Role::jury)),
                  TransitionError);
  Event partial = make_event(EventKind::jury_held, Date(2018, 3, 15), Role::jury);
  partial.data.result = JuryResult::partial;
  c.record(partial);
  CHECK(c.stage() == Stage::partially_validated);
  // A partial validation lets the person return to the jury.
  c.record(make_event(EventKind::validation_file_sent, Date(2018, 9, 1), Role::candidate));
  js.at = Timestamp(Date(2018, 9, 20));
  js.data.date = Date(2018, 10, 10);
  c.record(js);
  c.record(make_event(EventKind::jury_held, Date(2018, 10, 10), Role::jury));
  CHECK(c.stage() == Stage::validated);
  CHECK(c.state().appointments_held == 1);
  CHECK(c.events().size() == 19);
}

TEST_CASE("transitions: events out of time order are refused") {
  auto [c, d] = case_in(Stage::counselling);
  Event e = make_event(EventKind::appointment_held, d - 30, Role::counsellor);
  CHECK_THROWS_WITH(c.record(e), Catch::Contains("out of time order"));
  // Same day is fine; date-times compare by instant.
  c.record(make_event(EventKind::appointment_held, d, Role::counsellor));
  Event t1 = make_event(EventKind::appointment_held, d + 1, Role::counsellor);
  t1.at = Timestamp::parse((d + 1).to_string() + "T10:00:00+02:00");
  c.record(t1);
  Event t2 = t1;
  t2.at = Timestamp::parse((d + 1).to_string() + "T07:30:00Z");  // 09:30+02:00: earlier
  CHECK_THROWS_AS(c.record(t2), TransitionError);
  t2.at = Timestamp::parse((d + 1).to_string() + "T08:30:00Z");  // 10:30+02:00: later
  c.record(t2);
}

TEST_CASE("transitions: side states are kept apart from the stage and restored") {
  auto [c, d] = case_in(Stage::support);
  Event drop = make_event(EventKind::dropped_out, d, Role::candidate);
  drop.data.reason = "santé";
  c.record(drop);
  CHECK(c.stage() == Stage::support);
  CHECK(c.side_state() == SideState::dropped_out);
  CHECK(c.drop_reason() == "santé");
  CHECK_THROWS_WITH(c.record(make_event(EventKind::support_session, d + 1, Role::counsellor)),
                    Catch::Contains("dropped out"));
  CHECK_THROWS_AS(c.record(make_event(EventKind::dropped_out, d + 1, Role::candidate)),
                  TransitionError);
  c.record(make_event(EventKind::archived, d + 2, Role::system));
  CHECK(c.side_state() == SideState::archived);
  CHECK(c.state().dropped_before_archive);
  CHECK_THROWS_AS(c.record(make_event(EventKind::archived, d + 3, Role::system)), TransitionError);
  c.record(make_event(EventKind::reactivated, d + 4, Role::counsellor));  // unarchive
  CHECK(c.side_state() == SideState::active);
  CHECK(c.stage() == Stage::support);  // restored from history
  c.record(make_event(EventKind::support_session, d + 5, Role::counsellor));
  // An active case cannot be reactivated, unless inactive (165 days after admissibility).
  CHECK_THROWS_AS(c.record(make_event(EventKind::reactivated, d + 6, Role::counsellor)),
                  TransitionError);
  // The case idles from 2018: the France VAE inactivity rule applies from 1 Aug 2025 only
  // (domain.md §3, "since Aug 2025"), and its 165 days run from that date.
  CHECK(c.activity(d + 5 + 165 + 180) == Activity::active);
  const Date rule(2025, 8, 1);
  CHECK(c.activity(rule + 164) == Activity::active);
  CHECK(c.activity(rule + 165) == Activity::inactive);
  CHECK(c.activity(rule + 165 + 180) == Activity::confirmed_inactive);
  c.record(make_event(EventKind::reactivated, rule + 165, Role::candidate));
  // The jury never drops out.
  auto [c2, d2] = case_in(Stage::reception);
  CHECK_THROWS_AS(c2.record(make_event(EventKind::dropped_out, d2, Role::jury)), TransitionError);
  // Before admissibility the delay is 60 days (a user regime with the rule in force in 2018).
  RegimeSet early;
  Regime r = Regime::on(d2);
  r.name = "inactivity-from-2002";
  r.inactivity_rule_from = Date(2002, 1, 17);
  early.add(r);
  CHECK(c2.activity(d2 - 7 + 59, early) == Activity::active);
  CHECK(c2.activity(d2 - 7 + 60, early) == Activity::inactive);
  CHECK(c2.activity(d2 - 7 + 60) == Activity::active);  // built-in: no rule in 2018
}

TEST_CASE("due: the inactivity rule applies from its date; a redirection is an outcome") {
  // Issue 12: a person redirected to a bilan de compétences in 2014, then nothing. The
  // redirection is the outcome of the pathway (domain.md §2, step 3), not inactivity.
  Case redirected("R2014");
  redirected.record(make_event(EventKind::received, Date(2014, 3, 3), Role::assistant));
  redirected.record(make_event(EventKind::appointment_held, Date(2014, 3, 10), Role::counsellor));
  Event to_bilan = make_event(EventKind::oriented, Date(2014, 3, 17), Role::counsellor);
  to_bilan.data.to = OrientationTarget::skills_assessment;
  redirected.record(to_bilan);
  REQUIRE(redirected.stage() == Stage::redirected);
  CHECK(redirected.activity(Date(2026, 12, 6)) == Activity::active);
  CHECK(what_is_due(redirected, Date(2026, 12, 6)).empty());
  CHECK_FALSE(next_due(redirected.state()).has_value());

  // A case in support, silent since 2018-03-12: nothing due in 2016..2025-07-31 (the France VAE
  // rule, since Aug 2025, taken as 1 Aug 2025); 165 days after admissibility run from that date:
  // inactive on 2026-01-13, confirmed 180 days later on 2026-07-12.
  auto [c, d] = case_in(Stage::support);
  const Date last = d - 7;
  CHECK(what_is_due(c, Date(2019, 12, 31)).empty());
  CHECK(what_is_due(c, Date(2025, 7, 31)).empty());
  CHECK(what_is_due(c, Date(2026, 1, 12)).empty());
  REQUIRE(next_due(c.state()) == Date(2026, 1, 13));
  const auto inactive = what_is_due(c, Date(2026, 1, 13));
  REQUIRE(inactive.size() == 1);
  CHECK(inactive[0].kind == DueKind::inactive);
  CHECK(inactive[0].due == Date(2026, 1, 13));
  CHECK_THAT(inactive[0].message,
             Catch::Contains("2025-08-01") && Catch::Contains(last.to_string()));
  const auto confirmed = what_is_due(c, Date(2026, 12, 6));
  REQUIRE(confirmed.size() == 1);
  CHECK(confirmed[0].kind == DueKind::confirmed_inactive);
  CHECK(confirmed[0].due == Date(2026, 7, 12));

  // The date is a configurable field of the regime: none means no inactivity rule at all.
  RegimeSet none;
  Regime r = Regime::on(Date(2026, 1, 1));
  r.name = "no-inactivity";
  r.inactivity_rule_from = std::nullopt;
  none.add(r);
  CHECK(what_is_due(c, Date(2026, 12, 6), none).empty());
  CHECK_FALSE(next_due(c.state(), none).has_value());
  // Round trip of the field through Regime.1 JSON; an absent field reads as the built-in date.
  Json j = r;
  CHECK(j.at("inactivity_rule_from").is_null());
  CHECK(j.get<Regime>() == r);
  j.erase("inactivity_rule_from");
  CHECK(j.get<Regime>().inactivity_rule_from == Date(2025, 8, 1));
}

TEST_CASE("transitions: decisions by silence follow the rule of the request's date") {
  // Sent on 2015-03-02 (after 12 Nov 2014): silence means acceptance from 2015-05-02.
  auto [c, d] = case_in(Stage::admissibility_preparation);
  (void)d;
  c.record(make_event(EventKind::admissibility_sent, Date(2018, 3, 2), Role::counsellor));
  Event sys = make_event(EventKind::admissibility_decided, Date(2018, 5, 1), Role::system);
  sys.data.implicit = true;
  CHECK_THROWS_WITH(c.record(sys), Catch::Contains("2018-05-02"));
  sys.at = Timestamp(Date(2018, 5, 2));
  sys.data.decision = AdmissibilityDecision::not_admissible;
  CHECK_THROWS_WITH(c.record(sys), Catch::Contains("acceptance"));
  Event explicit_sys = sys;
  explicit_sys.data.implicit = false;
  explicit_sys.data.decision = AdmissibilityDecision::admissible;
  CHECK_THROWS_WITH(c.record(explicit_sys), Catch::Contains("implicit"));
  sys.data.decision = AdmissibilityDecision::admissible;
  c.record(sys);
  CHECK(c.stage() == Stage::admissible);

  // A request of 2014-03-03 (before 12 Nov 2014): silence means refusal.
  Case old("OLD");
  Date day(2014, 1, 6);
  for (auto k : {EventKind::received, EventKind::appointment_held, EventKind::certification_chosen,
                 EventKind::oriented, EventKind::admissibility_started}) {
    old.record(make_event(k, day, k == EventKind::received ? Role::assistant : Role::counsellor));
  }
  old.record(make_event(EventKind::admissibility_sent, Date(2014, 3, 3), Role::counsellor));
  Event silent = make_event(EventKind::admissibility_decided, Date(2014, 5, 3), Role::system);
  silent.data.implicit = true;
  CHECK_THROWS_WITH(old.record(silent), Catch::Contains("refusal"));
  silent.data.decision = AdmissibilityDecision::not_admissible;
  old.record(silent);
  CHECK(old.stage() == Stage::not_admissible);
}

TEST_CASE("transitions: allowed_events by role and date") {
  auto [c, d] = case_in(Stage::admissibility_sent);
  auto certifier = c.allowed_events(Role::certifier, d);
  CHECK(std::find(certifier.begin(), certifier.end(), EventKind::admissibility_decided) !=
        certifier.end());
  auto system_now = c.allowed_events(Role::system, d);
  CHECK(std::find(system_now.begin(), system_now.end(), EventKind::admissibility_decided) ==
        system_now.end());
  auto system_later = c.allowed_events(Role::system, d + 70);
  CHECK(std::find(system_later.begin(), system_later.end(), EventKind::admissibility_decided) !=
        system_later.end());
  auto jury = c.allowed_events(Role::jury, d);
  CHECK(std::find(jury.begin(), jury.end(), EventKind::dropped_out) == jury.end());
  CHECK(c.allowed_events(Role::certifier, d - 30).empty());  // before the last event
  // Consistency with record(): every allowed event is accepted by the role.
  for (auto k : c.allowed_events(Role::counsellor, d)) {
    Case copy = c;
    Event e = make_event(k, d, Role::counsellor);
    if (k == EventKind::oriented) continue;
    CHECK_NOTHROW(copy.record(e));
  }
}

TEST_CASE("transitions: missing required data is an InvalidArgument") {
  auto [c, d] = case_in(Stage::counselling);
  Event e = make_event(EventKind::oriented, d, Role::counsellor);
  e.data.to.reset();
  CHECK_THROWS_AS(c.record(e), InvalidArgument);
}

TEST_CASE("transitions: a case round-trips through its JSON document") {
  auto [c, d] = case_in(Stage::jury_scheduled);
  (void)d;
  const Json doc = to_document(c);
  CHECK(doc["schema"] == "Case.1");
  const Case back = from_document<Case>(doc);
  CHECK(back == c);
  CHECK(back.stage() == Stage::jury_scheduled);
  const Case sample = load_document<Case>(vaekit::test::data_dir() / "schemas/Case.1.json");
  CHECK(sample.stage() == Stage::counselling);
  const Candidate cand =
      load_document<Candidate>(vaekit::test::data_dir() / "schemas/Candidate.1.json");
  CHECK(cand.case_ids == std::vector<std::string>{"C0001"});
  // Errors on personal fields never quote the value.
  try {
    (void)read_document<Candidate>(
        R"({"schema":"Candidate.1","id":"P1","birth_date":"12/03/1980"})");
    FAIL("accepted a malformed birth date");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "birth_date");
    CHECK(std::string(e.what()).find("1980") == std::string::npos);
  }
}

namespace {

// The DEAES (RNCP36004) and its five skill blocks (domain.md: "one diploma with 5 skill blocks").
Certification deaes() {
  Certification c;
  c.code = "RNCP36004";
  for (int i = 1; i <= 5; ++i) c.blocks.push_back({"RNCP36004BC0" + std::to_string(i), "bloc"});
  return c;
}

Event jury_event(EventKind k, Date d, std::vector<std::string> blocks,
                 std::vector<std::string> jury = {}, JuryResult result = JuryResult::partial) {
  Event e = make_event(k, d, k == EventKind::jury_held ? Role::jury : Role::certifier);
  if (k == EventKind::jury_held) e.data.result = result;
  e.data.blocks = std::move(blocks);
  e.data.jury = std::move(jury);
  return e;
}

// A case at validation_file_sent whose pathway started on 2024-01-08 (the path of the helpers,
// six years later), and the date of its next event.
std::pair<Case, Date> case_2024() {
  auto events = vaekit::test::path_to(Stage::validation_file_sent);
  const std::int64_t shift = Date(2024, 1, 8) - Date(2018, 1, 8);
  for (Event& e : events) e.at = Timestamp(e.at.date() + shift);
  const Date next = events.back().at.date() + 7;
  return {Case::from_events("T24", std::move(events)), next};
}

}  // namespace

TEST_CASE("jury: a partial validation records its blocks; a jury for the rest only the others") {
  // Issue 12 / domain.md §3: validated parts are acquired for good; the person completes and
  // returns to the jury, which examines only the missing blocks. Pathway of 2018 (vae-2017: the
  // composition is not required).
  const Certification cert = deaes();
  auto [c, d] = case_in(Stage::validation_file_sent);
  CHECK(blocks_to_present(c.state(), cert).size() == 5);
  c.record(jury_event(
      EventKind::jury_scheduled, d,
      {"RNCP36004BC01", "RNCP36004BC02", "RNCP36004BC03", "RNCP36004BC04", "RNCP36004BC05"}));
  // A partial validation can validate only the blocks presented.
  CHECK_THROWS_WITH(c.record(jury_event(EventKind::jury_held, d + 1, {"RNCP36004BC09"})),
                    Catch::Contains("not presented"));
  c.record(jury_event(EventKind::jury_held, d + 1, {"RNCP36004BC01", "RNCP36004BC03"}));
  REQUIRE(c.stage() == Stage::partially_validated);
  CHECK(c.state().validated_blocks == std::vector<std::string>{"RNCP36004BC01", "RNCP36004BC03"});
  CHECK(blocks_to_present(c.state(), cert) ==
        std::vector<std::string>{"RNCP36004BC02", "RNCP36004BC04", "RNCP36004BC05"});
  // The jury for the rest: a validated block again is refused (the event is not recorded).
  CHECK_THROWS_WITH(
      c.record(jury_event(EventKind::jury_scheduled, d + 200, {"RNCP36004BC01", "RNCP36004BC02"})),
      Catch::Contains("already validated"));
  CHECK(c.stage() == Stage::partially_validated);
  c.record(jury_event(EventKind::jury_scheduled, d + 200, blocks_to_present(c.state(), cert)));
  // Rescheduled without the fields: the blocks of the notice stay.
  c.record(make_event(EventKind::jury_scheduled, d + 201, Role::certifier));
  CHECK(c.state().jury_blocks.size() == 3);
  CHECK_THROWS_WITH(
      c.record(jury_event(EventKind::jury_held, d + 202, {"RNCP36004BC03"}, {}, JuryResult::full)),
      Catch::Contains("already validated"));
  CHECK_THROWS_WITH(c.record(jury_event(EventKind::jury_held, d + 202, {"RNCP36004BC02"}, {},
                                        JuryResult::refused)),
                    Catch::Contains("validates no block"));
  c.record(jury_event(EventKind::jury_held, d + 202,
                      {"RNCP36004BC02", "RNCP36004BC04", "RNCP36004BC05"}, {}, JuryResult::full));
  CHECK(c.stage() == Stage::validated);
  CHECK(blocks_to_present(c.state(), cert).empty());
}

TEST_CASE("jury: from the 2024 regime a recorded jury composition has at least two members") {
  // Issue 12 (décret 2023-1275): a pathway started on 2024-01-08 is governed by vae-2024, whose
  // jury_min_members is 2; the composition (one quality per member, never a name) is on the jury
  // events.
  CHECK(Regime::on(Date(2024, 1, 1)).jury_min_members == 2);
  CHECK_FALSE(Regime::on(Date(2023, 12, 31)).jury_min_members.has_value());
  auto [c, d] = case_2024();
  c.record(jury_event(EventKind::jury_scheduled, d, {}));
  // A log that records no composition replays as in EventLog.1 (the field is an optional
  // addition); a recorded composition must have at least two members.
  Case unrecorded = c;
  unrecorded.record(jury_event(EventKind::jury_held, d + 1, {}, {}, JuryResult::full));
  CHECK(unrecorded.stage() == Stage::validated);
  CHECK_THROWS_WITH(
      c.record(jury_event(EventKind::jury_held, d + 1, {}, {"formateur"}, JuryResult::full)),
      Catch::Contains("1 recorded"));
  // An absent candidate: no deliberation, no composition required.
  Case absent = c;
  absent.record(jury_event(EventKind::jury_held, d + 1, {}, {}, JuryResult::absent));
  CHECK(absent.stage() == Stage::validation_file_sent);
  // The composition given on the notice counts for the sitting.
  Case noticed = c;
  noticed.record(jury_event(EventKind::jury_scheduled, d + 1, {}, {"formateur", "employeur"}));
  noticed.record(jury_event(EventKind::jury_held, d + 2, {}, {}, JuryResult::full));
  CHECK(noticed.stage() == Stage::validated);
  c.record(jury_event(EventKind::jury_held, d + 1, {}, {"formateur", "professionnel"},
                      JuryResult::full));
  CHECK(c.stage() == Stage::validated);
  // Configurable: a regime set without the rule accepts the old form.
  RegimeSet lax;
  Regime r = Regime::on(Date(2024, 1, 1));
  r.name = "vae-2024-no-composition";
  r.jury_min_members = std::nullopt;
  lax.add(r);
  auto [c2, d2] = case_2024();
  c2.record(jury_event(EventKind::jury_scheduled, d2, {}), lax);
  c2.record(jury_event(EventKind::jury_held, d2 + 1, {}, {"formateur"}, JuryResult::full), lax);
  CHECK(c2.stage() == Stage::validated);
  // Regime.1 JSON round trip of the field.
  CHECK(Json(r).get<Regime>() == r);
  CHECK(Json(Regime::on(Date(2024, 1, 1))).at("jury_min_members") == 2);
}
