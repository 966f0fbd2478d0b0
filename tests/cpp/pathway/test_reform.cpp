// The France VAE era (issue 15): hand-worked pathways replayed through the one transition table,
// refusals by role and by era, and what is due (feasibility decision, caducité, follow-ups).
//
// Sources of the rules (docs/pathway.md, "The France VAE era"): the steps are France VAE's
// CandidacyStatusStep (SocialGouv/reva, packages/reva-api/prisma/schema.prisma); the certifier
// decides on the feasibility file within two months, silence meaning acceptance (décret
// 2023-1275); caducité after 183 days without activity (reva, candidacyCaducite.ts).
#include <string>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/due.hpp"

using namespace vaekit;
using vaekit::test::case_in;
using vaekit::test::make_event;

namespace {

Event ev(EventKind k, Date d, Role r) {
  return make_event(k, d, r);
}

bool has_due(const std::vector<DueItem>& items, DueKind k) {
  for (const DueItem& i : items) {
    if (i.kind == k) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("reform: an accompanied pathway, from the candidacy to the follow-ups") {
  Case c("F0001");
  Event sub = ev(EventKind::candidacy_submitted, Date(2024, 3, 4), Role::candidate);
  sub.certification = "RNCP36004";
  c.record(sub);
  CHECK(c.stage() == Stage::candidacy);
  CHECK(c.state().france_vae);
  c.record(ev(EventKind::profile_recorded, Date(2024, 3, 4), Role::candidate));
  c.record(ev(EventKind::candidacy_taken_charge, Date(2024, 3, 6), Role::aap));
  CHECK(c.stage() == Stage::taken_charge);
  Event proposal = ev(EventKind::pathway_proposed, Date(2024, 3, 20), Role::aap);
  proposal.data.individual_hours = 20;
  proposal.data.collective_hours = 10;
  c.record(proposal);
  c.record(ev(EventKind::pathway_confirmed, Date(2024, 3, 22), Role::candidate));
  CHECK(c.stage() == Stage::feasibility_preparation);
  Event request = ev(EventKind::funding_requested, Date(2024, 3, 25), Role::aap);
  request.data.funding_kind = FundingKind::individual_support;
  request.data.funding = Funding::france_vae;
  request.data.hours = 20;
  request.data.amount = 1400;
  c.record(request);
  Event granted = ev(EventKind::funding_decided, Date(2024, 4, 2), Role::funder);
  granted.data.funding_kind = FundingKind::individual_support;
  granted.data.funding = Funding::france_vae;
  granted.data.granted = true;
  c.record(granted);
  CHECK(c.stage() == Stage::feasibility_preparation);  // funding leaves the stage as it is
  c.record(ev(EventKind::feasibility_sent, Date(2024, 4, 8), Role::aap));
  CHECK(c.stage() == Stage::feasibility_sent);
  // Two months later without a decision: overdue, silence meaning acceptance (2023-1275).
  const auto due = what_is_due(c, Date(2024, 6, 8));
  REQUIRE(has_due(due, DueKind::decision_overdue));
  CHECK(due[0].due == Date(2024, 6, 8));
  CHECK(due[0].implied_decision == AdmissibilityDecision::admissible);
  CHECK(what_is_due(c, Date(2024, 6, 7)).empty());
  // The decision by silence (system) only from the deadline, and only as acceptance.
  Event silent = ev(EventKind::feasibility_decided, Date(2024, 6, 7), Role::system);
  silent.data.implicit = true;
  CHECK_THROWS_AS(c.record(silent), TransitionError);
  silent.at = Timestamp(Date(2024, 6, 8));
  c.record(silent);
  CHECK(c.stage() == Stage::feasibility_admissible);
  c.record(ev(EventKind::validation_file_sent, Date(2024, 9, 2), Role::aap));
  c.record(ev(EventKind::validation_file_flagged, Date(2024, 9, 16), Role::certifier));
  CHECK(c.stage() == Stage::validation_file_flagged);
  c.record(ev(EventKind::validation_file_sent, Date(2024, 9, 30), Role::candidate));
  Event jury = ev(EventKind::jury_scheduled, Date(2024, 10, 7), Role::certifier);
  jury.data.date = Date(2024, 11, 18);
  jury.data.jury = {"professionnel du secteur", "formateur"};
  c.record(jury);
  c.record(ev(EventKind::jury_held, Date(2024, 11, 18), Role::jury));
  CHECK(c.stage() == Stage::validated);
  // Follow-ups: 6 months after the jury (2025-05-18), then 12 (2025-11-18).
  CHECK(what_is_due(c, Date(2025, 5, 17)).empty());
  REQUIRE(has_due(what_is_due(c, Date(2025, 5, 18)), DueKind::followup_due));
  Event early = ev(EventKind::followup_recorded, Date(2025, 5, 17), Role::system);
  CHECK_THROWS_AS(c.record(early), TransitionError);
  Event six = ev(EventKind::followup_recorded, Date(2025, 5, 20), Role::counsellor);
  six.data.situation = Situation::promotion;
  c.record(six);
  CHECK(c.stage() == Stage::validated);
  CHECK(what_is_due(c, Date(2025, 11, 17)).empty());
  CHECK(next_due(c.state()) == Date(2025, 11, 18));
  Event twelve = ev(EventKind::followup_recorded, Date(2025, 11, 20), Role::system);
  twelve.data.months = 12;
  twelve.data.situation = Situation::no_answer;
  c.record(twelve);
  CHECK(what_is_due(c, Date(2026, 6, 1)).empty());
  CHECK_FALSE(next_due(c.state()).has_value());
}

TEST_CASE("reform: an autonomous pathway has no AAP and no funding of accompaniment") {
  Case c("F0002");
  Event sub = ev(EventKind::candidacy_submitted, Date(2024, 5, 6), Role::candidate);
  sub.data.accompaniment = Accompaniment::autonomous;
  c.record(sub);
  CHECK(c.stage() == Stage::feasibility_preparation);
  CHECK(c.state().autonomous);
  // No AAP: taking charge and proposing a pathway are not in this stage; an aap cannot send.
  CHECK_THROWS_AS(c.record(ev(EventKind::candidacy_taken_charge, Date(2024, 5, 7), Role::aap)),
                  TransitionError);
  CHECK_THROWS_WITH(c.record(ev(EventKind::feasibility_sent, Date(2024, 5, 7), Role::aap)),
                    Catch::Contains("accompanied_only"));
  Event support = ev(EventKind::funding_requested, Date(2024, 5, 7), Role::candidate);
  support.data.funding_kind = FundingKind::collective_support;
  CHECK_THROWS_WITH(c.record(support), Catch::Contains("no funding of accompaniment"));
  Event fees = ev(EventKind::funding_requested, Date(2024, 5, 7), Role::candidate);
  fees.data.funding_kind = FundingKind::jury_fees;
  c.record(fees);
  c.record(ev(EventKind::feasibility_sent, Date(2024, 5, 13), Role::candidate));
  c.record(ev(EventKind::feasibility_decided, Date(2024, 6, 3), Role::certifier));
  c.record(ev(EventKind::validation_file_sent, Date(2024, 9, 9), Role::candidate));
  Event jury = ev(EventKind::jury_scheduled, Date(2024, 9, 23), Role::certifier);
  jury.data.date = Date(2024, 10, 14);
  c.record(jury);
  Event held = ev(EventKind::jury_held, Date(2024, 10, 14), Role::jury);
  held.data.result = JuryResult::refused;
  c.record(held);
  CHECK(c.stage() == Stage::refused);
  Event archive = ev(EventKind::archived, Date(2025, 1, 6), Role::candidate);
  archive.data.reason_code = ReasonCode::archived_by_candidate;
  c.record(archive);
  CHECK(c.side_state() == SideState::archived);
}

TEST_CASE("reform: a feasibility file declared not admissible, then archived with its reason") {
  auto [c, d] = case_in(Stage::feasibility_sent);
  Event no = ev(EventKind::feasibility_decided, d, Role::certifier);
  no.data.decision = AdmissibilityDecision::not_admissible;
  c.record(no);
  CHECK(c.stage() == Stage::feasibility_not_admissible);
  // Nothing of the pathway goes on: no validation file, no funding.
  CHECK_THROWS_AS(c.record(ev(EventKind::validation_file_sent, d + 1, Role::aap)), TransitionError);
  Event archive = ev(EventKind::archived, d + 14, Role::aap);
  archive.data.reason_code = ReasonCode::reorientation;
  c.record(archive);
  CHECK(c.side_state() == SideState::archived);
  CHECK(c.stage() == Stage::feasibility_not_admissible);
  // An incomplete file goes back to its preparation.
  auto [c2, d2] = case_in(Stage::feasibility_sent);
  Event incomplete = ev(EventKind::feasibility_decided, d2, Role::certifier);
  incomplete.data.decision = AdmissibilityDecision::incomplete;
  c2.record(incomplete);
  CHECK(c2.stage() == Stage::feasibility_preparation);
}

TEST_CASE("reform: a partial jury completed later") {
  auto [c, d] = case_in(Stage::jury_scheduled, true);
  Event partial = ev(EventKind::jury_held, d, Role::jury);
  partial.data.result = JuryResult::partial;
  partial.data.blocks = {"RNCP36004BC01", "RNCP36004BC02"};
  c.record(partial);
  CHECK(c.stage() == Stage::partially_validated);
  // The candidate completes: a new validation file (the AAP sends it), a jury for the rest only.
  c.record(ev(EventKind::validation_file_sent, d + 90, Role::aap));
  Event again = ev(EventKind::jury_scheduled, d + 100, Role::certifier);
  again.data.date = d + 130;
  again.data.blocks = {"RNCP36004BC03"};
  c.record(again);
  Event full = ev(EventKind::jury_held, d + 130, Role::jury);
  full.data.blocks = {"RNCP36004BC03"};
  c.record(full);
  CHECK(c.stage() == Stage::validated);
  CHECK(c.state().validated_blocks ==
        std::vector<std::string>{"RNCP36004BC01", "RNCP36004BC02", "RNCP36004BC03"});
  // France VAE's "full success of a partial certification" ends the pathway too.
  auto [c2, d2] = case_in(Stage::jury_scheduled, true);
  Event pc = ev(EventKind::jury_held, d2, Role::jury);
  pc.data.result = JuryResult::partial_certification;
  pc.data.blocks = {"RNCP36004BC01"};
  c2.record(pc);
  CHECK(c2.stage() == Stage::validated);
  // ... but not in a pathway of the 2017 model.
  auto [c3, d3] = case_in(Stage::jury_scheduled, false);
  pc.at = Timestamp(d3);
  CHECK_THROWS_AS(c3.record(pc), TransitionError);
}

TEST_CASE("reform: a caducité contested and lifted") {
  auto [c, d] = case_in(Stage::feasibility_admissible);
  const Date last = c.state().last_at.date();
  // 183 days without an event (reva's CADUCITE_THRESHOLD_DAYS): due, and only then recorded.
  CHECK_FALSE(has_due(what_is_due(c, last + 182), DueKind::lapse_due));
  REQUIRE(has_due(what_is_due(c, last + 183), DueKind::lapse_due));
  CHECK(next_due(c.state()) == last + 183);
  CHECK_THROWS_WITH(c.record(ev(EventKind::lapsed, last + 182, Role::system)),
                    Catch::Contains("lapse_rule"));
  c.record(ev(EventKind::lapsed, last + 183, Role::system));
  CHECK(c.stage() == Stage::lapsed);
  // Only the candidate contests, only the certifier decides.
  CHECK_THROWS_AS(c.record(ev(EventKind::lapse_contested, last + 190, Role::aap)), TransitionError);
  c.record(ev(EventKind::lapse_contested, last + 190, Role::candidate));
  CHECK(c.stage() == Stage::lapse_contested);
  Event lift = ev(EventKind::lapse_decided, last + 200, Role::certifier);
  lift.data.lifted = true;
  CHECK_THROWS_AS(c.record([&] {
    Event x = lift;
    x.role = Role::aap;
    return x;
  }()),
                  TransitionError);
  c.record(lift);
  CHECK(c.stage() == Stage::feasibility_admissible);
  c.record(ev(EventKind::validation_file_sent, last + 210, Role::aap));
  CHECK(c.stage() == Stage::validation_file_sent);
  // Not lifted: the candidacy stays lapsed.
  auto [c2, d2] = case_in(Stage::lapse_contested);
  c2.record(ev(EventKind::lapse_decided, d2, Role::certifier));
  CHECK(c2.stage() == Stage::lapsed);
}

TEST_CASE("reform: the era decides the rows; France VAE only from the regime's date") {
  // Before 2024-01-01 (vae-2024's france_vae_from) no France VAE candidacy.
  Case early("F0009");
  CHECK_THROWS_WITH(
      early.record(ev(EventKind::candidacy_submitted, Date(2023, 12, 29), Role::candidate)),
      Catch::Contains("france_vae_era"));
  // Configurable: a regime that opens France VAE earlier (a region of the experimentation).
  RegimeSet regimes;
  Regime r = Regime::builtin()[1];
  r.name = "vae-2017-fvae";
  r.effective_from = Date(2023, 6, 1);
  r.effective_until = Date(2023, 12, 31);
  r.france_vae_from = Date(2023, 6, 1);
  regimes.add(r);
  early.record(ev(EventKind::candidacy_submitted, Date(2023, 12, 29), Role::candidate), regimes);
  CHECK(early.stage() == Stage::candidacy);
  // A person received at the antenne may then submit a France VAE candidacy.
  auto [c, d] = case_in(Stage::counselling);
  c.record(ev(EventKind::candidacy_submitted, Date(2024, 2, 1), Role::candidate));
  CHECK(c.stage() == Stage::candidacy);
  // In a France VAE pathway the 2017 rows of a shared stage do not apply, and the reverse.
  auto [f, fd] = case_in(Stage::partially_validated, true);
  CHECK_THROWS_WITH(f.record(ev(EventKind::support_started, fd, Role::counsellor)),
                    Catch::Contains("France VAE pathway"));
  auto [o, od] = case_in(Stage::partially_validated, false);
  CHECK_THROWS_AS(o.record(ev(EventKind::validation_file_sent, od, Role::aap)), TransitionError);
  o.record(ev(EventKind::validation_file_sent, od, Role::candidate));
  // A 2017 pathway replays unchanged (the hand-written pathway of domain.md §2 in 2024).
  auto [old, oldd] = case_in(Stage::admissible, false);
  CHECK_FALSE(old.state().france_vae);
  old.record(ev(EventKind::support_started, oldd, Role::counsellor));
  CHECK(old.stage() == Stage::support);
}

TEST_CASE("reform: every role that may not record an event of a France VAE pathway is refused") {
  // For each France VAE row and each stage it lists, each role outside the row's roles.
  std::size_t refused = 0;
  for (const Transition& t : transition_table()) {
    if (t.era != Era::france_vae && t.guard != Guard::france_vae_era) continue;
    for (std::size_t si = 0; si < stage_count; ++si) {
      const auto stage = static_cast<Stage>(si);
      if (!contains(t.from, stage)) continue;
      for (std::size_t ri = 0; ri < role_count; ++ri) {
        const auto role = static_cast<Role>(ri);
        if (contains(t.roles, role)) continue;
        auto [c, d] = case_in(stage, t.era == Era::france_vae);
        Event e = make_event(t.event, std::max(d, Date(2024, 1, 8)), role);
        if (t.when == Outcome::autonomous) e.data.accompaniment = Accompaniment::autonomous;
        if (t.when == Outcome::not_admissible)
          e.data.decision = AdmissibilityDecision::not_admissible;
        if (t.when == Outcome::incomplete) e.data.decision = AdmissibilityDecision::incomplete;
        if (t.when == Outcome::partial_certification)
          e.data.result = JuryResult::partial_certification;
        if (t.when == Outcome::lifted) e.data.lifted = true;
        INFO(to_string(t.event) << " by " << to_string(role) << " in " << to_string(stage));
        CHECK_THROWS_WITH(c.record(e), Catch::Contains("role not allowed"));
        ++refused;
      }
    }
  }
  CHECK(refused > 150);
}
