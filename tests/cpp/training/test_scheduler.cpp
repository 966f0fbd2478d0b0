// The scheduler: hard constraints on the reference instance (checked here independently of
// validate()), optimality against brute force on small instances, infeasibility explanations,
// re-planning with the fewest moves, validation of hand-made plans.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "test_support.hpp"
#include "vaekit/training/scheduler.hpp"

using namespace vaekit;

namespace {

bool mentions(const std::vector<std::string>& lines, const std::string& a,
              const std::string& b = {}) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.find(a) != std::string::npos && (b.empty() || l.find(b) != std::string::npos);
  });
}

const Plan& reference_plan() {
  static const Plan plan = schedule(make_reference_programme(), make_reference_constraints());
  return plan;
}

}  // namespace

TEST_CASE("scheduler: the reference instance is solved to optimality") {
  const auto& plan = reference_plan();
  CHECK(plan.status == PlanStatus::optimal);
  CHECK(plan.sessions.size() == 16);
  CHECK(plan.bound == Approx(plan.objective));
  CHECK(plan.objective == Approx(plan.terms.total()));
  CHECK(plan.solve_seconds > 0.0);
  CHECK(validate(plan).empty());
}

TEST_CASE("scheduler: every hard constraint holds on the reference plan (independent checks)") {
  const auto& plan = reference_plan();
  const auto& p = plan.programme;
  const auto& c = plan.constraints;
  const FrenchCalendar cal;
  std::set<Date> dates;
  std::set<std::string> topics;
  std::map<std::pair<int, int>, int> per_month;
  int counsellor_days = 0, assistant_days = 0;
  for (const auto& s : plan.sessions) {
    INFO(s.id << " " << s.date);
    // working days only: weekday, not a holiday (checked against the 2025 list by hand:
    // 1/1, 21/4, 1/5, 8/5, 29/5, 9/6, 14/7, 15/8, 1/11, 11/11, 25/12)
    const std::set<Date> holidays_2025{Date(2025, 1, 1),   Date(2025, 4, 21), Date(2025, 5, 1),
                                       Date(2025, 5, 8),   Date(2025, 5, 29), Date(2025, 6, 9),
                                       Date(2025, 7, 14),  Date(2025, 8, 15), Date(2025, 11, 1),
                                       Date(2025, 11, 11), Date(2025, 12, 25)};
    CHECK(s.date.weekday() != Weekday::saturday);
    CHECK(s.date.weekday() != Weekday::sunday);
    CHECK(holidays_2025.count(s.date) == 0);
    // blackouts: August, 20 Dec - 5 Jan
    CHECK(s.date.month() != 8);
    CHECK(!(s.date.month() == 12 && s.date.day() >= 20));
    CHECK(!(s.date.month() == 1 && s.date.day() <= 5));
    CHECK(dates.insert(s.date).second);
    REQUIRE(s.topics.size() == 1);
    CHECK(topics.insert(s.topics[0]).second);
    const auto& t = p.proposal(s.topics[0]);
    if (t.deadline) CHECK(s.date <= *t.deadline);
    if (t.not_before) CHECK(*t.not_before <= s.date);
    if (t.speaker_kind) {
      REQUIRE(s.speakers.size() == 1);
      const auto& sp = p.speaker(s.speakers[0]);
      CHECK(sp.kind == *t.speaker_kind);
      CHECK(std::any_of(sp.availability.begin(), sp.availability.end(),
                        [&](const DateRange& r) { return r.contains(s.date); }));
    }
    if (t.format == SessionFormat::phone_meeting) {
      CHECK(s.phone_bridge);
      CHECK(s.venue.empty());
    } else {
      const auto& v = p.venue(s.venue);
      CHECK(v.capacity >= p.audience_size(t.audience));
      CHECK(v.available_on(s.date));
      if (t.format == SessionFormat::site_visit) CHECK(v.kind == VenueKind::off_site);
    }
    ++per_month[{s.date.year(), s.date.month()}];
    if (includes(s.audience, StaffRole::counsellor)) ++counsellor_days;
    if (includes(s.audience, StaffRole::assistant)) ++assistant_days;
  }
  CHECK(p.audience_size(Audience::counsellors) == 28);
  CHECK(p.audience_size(Audience::assistants) == 8);
  for (const auto& [m, n] : per_month) CHECK(n <= c.max_days_per_month);
  CHECK(assistant_days >= c.min_assistant_days);
  // spacing, per audience role
  for (StaffRole r : {StaffRole::counsellor, StaffRole::assistant}) {
    std::vector<Date> ds;
    for (const auto& s : plan.sessions) {
      if (includes(s.audience, r)) ds.push_back(s.date);
    }
    std::sort(ds.begin(), ds.end());
    for (std::size_t i = 1; i < ds.size(); ++i) CHECK(ds[i] - ds[i - 1] >= c.min_spacing_days);
  }
  // precedence
  std::map<std::string, Date> when;
  for (const auto& s : plan.sessions) when[s.topics[0]] = s.date;
  for (const auto& [tid, d] : when) {
    for (const auto& a : p.proposal(tid).after) {
      REQUIRE(when.count(a) == 1);
      CHECK(when[a] < d);
    }
  }
}

namespace {

// A small random instance: two months, 5 topics, 3 speakers, 2 venues, 3 days.
struct Small {
  Programme p;
  ScheduleConstraints c;
};

Small small_instance(std::uint32_t seed) {
  std::uint32_t s = seed * 2654435761U + 12345U;
  auto next = [&](int lo, int hi) {
    s = s * 1664525U + 1013904223U;
    return lo + static_cast<int>((s >> 8) % static_cast<std::uint32_t>(hi - lo + 1));
  };
  Small x;
  auto& p = x.p;
  p.id = "small";
  p.period = DateRange(Date(2025, 3, 1), Date(2025, 4, 30));
  p.commissioned_days = 3;
  for (int i = 0; i < 3; ++i)
    p.members.push_back({"C" + std::to_string(i), "", StaffRole::counsellor, ""});
  for (int i = 0; i < 2; ++i)
    p.members.push_back({"A" + std::to_string(i), "", StaffRole::assistant, ""});
  const OrganisationKind kinds[] = {OrganisationKind::certifier, OrganisationKind::academic};
  for (int i = 0; i < 3; ++i) {
    Speaker sp;
    sp.id = "SP" + std::to_string(i);
    sp.kind = kinds[i % 2];
    const Date a = p.period.first() + next(0, 40);
    sp.availability = {DateRange(a, a + next(5, 25))};
    p.speakers.push_back(sp);
  }
  p.venues.push_back({"V1",
                      "",
                      VenueKind::organiser_premises,
                      next(2, 5),
                      {},
                      {DateRange(Date(2025, 3, 10), Date(2025, 3, 14))}});
  p.venues.push_back({"V2", "", VenueKind::off_site, 5, {}, {}});
  for (int i = 0; i < 5; ++i) {
    TopicProposal t;
    t.id = "T" + std::to_string(i);
    t.audience = static_cast<Audience>(next(0, 2));
    t.format = static_cast<SessionFormat>(next(0, 4));
    if (next(0, 1) == 1) t.speaker_kind = kinds[next(0, 1)];
    if (i > 0 && next(0, 2) == 0) t.after.push_back("T" + std::to_string(next(0, i - 1)));
    if (next(0, 3) == 0) t.deadline = Date(2025, 4, next(1, 30));
    p.proposals.push_back(t);
  }
  for (const auto& m : p.members) {
    Ballot b{m.id, {}};
    std::vector<std::string> pool{"T0", "T1", "T2", "T3", "T4"};
    const int k = next(1, 4);
    for (int r = 0; r < k; ++r) {
      const auto j = static_cast<std::size_t>(next(0, static_cast<int>(pool.size()) - 1));
      b.ranking.push_back(pool[j]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(j));
    }
    p.ballots.push_back(b);
  }
  x.c.blackouts = {{DateRange(Date(2025, 4, 14), Date(2025, 4, 25)), "vacances"}};
  x.c.min_spacing_days = next(3, 10);
  x.c.max_days_per_month = 2;
  x.c.spread_weight = 0.5 * next(0, 4);
  x.c.weekday_weights = {{Weekday::tuesday, 2.0}, {Weekday::friday, -1.0}};
  return x;
}

// Brute force: every way to put at most one topic on each candidate day, all constraints checked
// and the objective computed here from its definition.
std::optional<double> brute_force(const Small& x) {
  const auto& p = x.p;
  const auto& c = x.c;
  const FrenchCalendar cal;
  std::vector<Date> days;
  for (Date d = p.period.first(); d <= p.period.last(); d = d + 1) {
    if (cal.is_working_day(d) && !c.blackouts[0].period.contains(d)) days.push_back(d);
  }
  // Modified Borda by hand: k ranked -> k, k-1, ..., 1, weighted per audience: 5 ballots, 2
  // audiences, each weighs as 2.5 voters: the 3 counsellors' points × 5/6, the 2 assistants'
  // × 5/4.
  std::map<std::string, double> prio;
  for (const auto& b : p.ballots) {
    const double w = b.member[0] == 'C' ? 5.0 / 6.0 : 5.0 / 4.0;
    for (std::size_t i = 0; i < b.ranking.size(); ++i)
      prio[b.ranking[i]] += w * static_cast<double>(b.ranking.size() - i);
  }
  auto size_of = [&](Audience a) {
    return a == Audience::counsellors ? 3 : a == Audience::assistants ? 2 : 5;
  };
  auto eligible = [&](const TopicProposal& t, Date d) {
    if (t.deadline && d > *t.deadline) return false;
    if (t.speaker_kind) {
      bool ok = false;
      for (const auto& sp : p.speakers)
        ok = ok || (sp.kind == *t.speaker_kind && sp.availability[0].contains(d));
      if (!ok) return false;
    }
    if (t.format == SessionFormat::phone_meeting) return true;
    for (const auto& v : p.venues) {
      const bool closed = !v.closures.empty() && v.closures[0].contains(d);
      if (!closed && v.capacity >= size_of(t.audience) &&
          (t.format != SessionFormat::site_visit || v.kind == VenueKind::off_site)) {
        return true;
      }
    }
    return false;
  };
  std::optional<double> best;
  std::vector<std::pair<int, Date>> chosen;  // topic index, date
  std::function<void(std::size_t)> rec = [&](std::size_t i) {
    if (static_cast<int>(chosen.size()) == p.commissioned_days) {
      std::map<std::string, Date> when;
      for (auto& [t, d] : chosen) when[p.proposals[static_cast<std::size_t>(t)].id] = d;
      for (auto& [t, d] : chosen) {
        for (const auto& a : p.proposals[static_cast<std::size_t>(t)].after) {
          if (!when.count(a) || !(when[a] < d)) return;
        }
      }
      for (StaffRole r : {StaffRole::counsellor, StaffRole::assistant}) {
        std::vector<Date> ds;
        for (auto& [t, d] : chosen) {
          if (includes(p.proposals[static_cast<std::size_t>(t)].audience, r)) ds.push_back(d);
        }
        for (std::size_t k = 1; k < ds.size(); ++k) {
          if (ds[k] - ds[k - 1] < c.min_spacing_days) return;
        }
      }
      int march = 0, april = 0;
      double obj = 0;
      for (auto& [t, d] : chosen) {
        (d.month() == 3 ? march : april) += 1;
        obj += prio[p.proposals[static_cast<std::size_t>(t)].id];
        if (d.weekday() == Weekday::tuesday) obj += 2.0;
        if (d.weekday() == Weekday::friday) obj -= 1.0;
      }
      if (march > 2 || april > 2) return;
      obj -= c.spread_weight * (std::abs(march - 1.5) + std::abs(april - 1.5));
      if (!best || obj > *best) best = obj;
      return;
    }
    if (i == days.size()) return;
    rec(i + 1);
    for (std::size_t t = 0; t < p.proposals.size(); ++t) {
      bool used = false;
      for (auto& ch : chosen) used = used || ch.first == static_cast<int>(t);
      if (used || !eligible(p.proposals[t], days[i])) continue;
      chosen.emplace_back(static_cast<int>(t), days[i]);
      rec(i + 1);
      chosen.pop_back();
    }
  };
  rec(0);
  return best;
}

}  // namespace

TEST_CASE("scheduler: the objective equals the brute-force optimum on small instances") {
  const auto seed = GENERATE(range(1U, 13U));
  const auto x = small_instance(seed);
  INFO("seed " << seed);
  const auto expected = brute_force(x);
  if (expected) {
    const auto plan = schedule(x.p, x.c);
    CHECK(plan.status == PlanStatus::optimal);
    CHECK(plan.objective == Approx(*expected).margin(1e-6));
    CHECK(validate(plan).empty());
  } else {
    CHECK_THROWS_AS(schedule(x.p, x.c), InfeasibleError);
  }
}

TEST_CASE("scheduler: infeasible instances are explained, never an empty plan") {
  const auto x = small_instance(3);
  SECTION("a speaker with no available day before a topic's deadline is named with the topic") {
    auto p = x.p;
    p.speakers = {p.speakers[0]};
    p.speakers[0].kind = OrganisationKind::certifier;
    p.speakers[0].availability = {DateRange(Date(2025, 4, 1), Date(2025, 4, 30))};
    p.commissioned_days = 5;
    for (auto& t : p.proposals) {
      t.speaker_kind = OrganisationKind::certifier;
      t.after.clear();
      t.deadline.reset();
      t.format = SessionFormat::phone_meeting;
    }
    p.proposals[2].deadline = Date(2025, 3, 28);
    try {
      (void)schedule(p, x.c);
      FAIL("no InfeasibleError");
    } catch (const InfeasibleError& e) {
      CHECK(e.code() == ErrorCode::infeasible);
      INFO(e.what());
      CHECK(mentions(e.explanations(), "topic \"T2\" needs a certifier speaker",
                     "speaker \"SP0\", the only one, has no available working day before its "
                     "deadline 2025-03-28"));
      CHECK(mentions(e.explanations(), "only 4 of the 5 topics can be scheduled"));
    }
  }
  SECTION("too few days for the monthly cap") {
    auto c = x.c;
    c.max_days_per_month = 1;
    try {
      (void)schedule(x.p, c);
      FAIL("no InfeasibleError");
    } catch (const InfeasibleError& e) {
      CHECK(
          mentions(e.explanations(),
                   "at most 1 days a month over the 2 usable months allow 2 days, 3 commissioned"));
    }
  }
  SECTION("a conflict only the solver sees is reported with the family that resolves it") {
    auto p = x.p;
    for (auto& t : p.proposals) {
      t = TopicProposal{
          t.id, "", "", Audience::both, SessionFormat::phone_meeting, std::nullopt, {}, {}, {}, {}};
    }
    auto c = x.c;
    c.min_spacing_days = 30;  // three "both" days 30 days apart do not fit in March-April
    try {
      (void)schedule(p, c);
      FAIL("no InfeasibleError");
    } catch (const InfeasibleError& e) {
      INFO(e.what());
      CHECK(mentions(e.explanations(), "the solver (CBC) proved"));
      CHECK(mentions(e.explanations(), "at most 2 of the 3 commissioned days can be planned"));
      CHECK(mentions(e.explanations(),
                     "relaxing the minimum spacing between days of the same audience alone makes "
                     "it feasible"));
    }
  }
}

TEST_CASE("scheduler: replan after a cancellation moves only what it must") {
  const auto& plan = reference_plan();
  // Cancel the speaker of the fifth session for that day only.
  const Session* target = nullptr;
  for (const auto& s : plan.sessions) {
    if (!s.speakers.empty() && target == nullptr && s.date.month() >= 4) target = &s;
  }
  REQUIRE(target != nullptr);
  PlanChange change{PlanChange::Kind::speaker_cancelled, target->speakers[0],
                    DateRange::single(target->date), std::nullopt};
  const auto next = replan(plan, change);
  CHECK(next.status == PlanStatus::optimal);
  CHECK(validate(next).empty());
  CHECK(next.sessions.size() == 16);
  // At most the session concerned moves (it may stay with another speaker of the same kind).
  CHECK(next.moved.size() <= 1);
  std::map<std::string, Session> before;
  for (const auto& s : plan.sessions) before[s.id] = s;
  int moved = 0;
  for (const auto& s : next.sessions) {
    auto it = before.find(s.id);
    if (it == before.end() || it->second.date != s.date || it->second.topics != s.topics) ++moved;
    if (s.date == target->date)
      CHECK(std::find(s.speakers.begin(), s.speakers.end(), target->speakers[0]) ==
            s.speakers.end());
  }
  CHECK(moved == static_cast<int>(next.moved.size()));

  SECTION(
      "closing the venue of every session for a month moves exactly the sessions that need a room "
      "then") {
    PlanChange close{PlanChange::Kind::venue_closed, "",
                     DateRange(Date(2025, 5, 1), Date(2025, 5, 31)), std::nullopt};
    std::set<std::string> venues;
    for (const auto& s : plan.sessions) {
      if (s.date.month() == 5 && !s.venue.empty()) venues.insert(s.venue);
    }
    Plan cur = plan;
    for (const auto& v : venues) {
      close.id = v;
      cur = replan(cur, close);
    }
    CHECK(validate(cur).empty());
    for (const auto& s : cur.sessions) {
      if (s.date.month() == 5 && !s.venue.empty()) CHECK(venues.count(s.venue) == 0);
    }
  }
  SECTION("sessions before as_of are frozen") {
    PlanChange all{PlanChange::Kind::speaker_cancelled, target->speakers[0], plan.programme.period,
                   target->date};
    const auto frozen = replan(plan, all);
    for (const auto& s : plan.sessions) {
      if (s.date < target->date) {
        CHECK(std::find(frozen.moved.begin(), frozen.moved.end(), s.id) == frozen.moved.end());
      }
    }
    for (const auto& s : frozen.sessions) {
      if (!(s.date < target->date))
        CHECK(std::find(s.speakers.begin(), s.speakers.end(), target->speakers[0]) ==
              s.speakers.end());
    }
  }
}

TEST_CASE("scheduler: validate lists every violated constraint with its session") {
  const auto& plan = reference_plan();
  auto sessions = plan.sessions;
  const auto& p = plan.programme;
  sessions[0].date = Date(2025, 5, 1);           // 1 May: a holiday
  sessions[1].date = Date(2025, 8, 12);          // August: blackout
  sessions[2].venue = "V2";                      // 12 seats
  sessions[2].audience = Audience::counsellors;  // 28 people
  sessions[2].format = SessionFormat::speaker_meeting;
  sessions[2].phone_bridge = false;
  sessions.pop_back();  // 15 days
  const auto v = validate(p, sessions, plan.constraints);
  auto has = [&](const std::string& what, const std::string& session) {
    return std::any_of(v.begin(), v.end(), [&](const Violation& x) {
      return x.constraint == what && x.session == session;
    });
  };
  CHECK(has("working_day", sessions[0].id));
  CHECK(has("blackout", sessions[1].id));
  CHECK(has("venue_capacity", sessions[2].id));
  CHECK(has("commissioned_days", ""));
  const auto hand = make_plan(p, sessions, plan.constraints);
  CHECK(hand.status == PlanStatus::hand_made);
  CHECK(!validate(hand).empty());
}

namespace {

// A hand-made network in the proportions of Île-de-France (28 counsellors, 8 assistants, here
// 6 and 2): counsellors' topics C1, C2, a topic for everyone B1, and the assistants' own
// proposals A1 (a site visit) and A2 (a collective phone meeting), domain.md §4.
Programme audience_programme(int days, const std::vector<std::string>& counsellor_ranking,
                             const std::vector<std::string>& assistant_ranking) {
  Programme p;
  p.id = "audiences";
  p.period = DateRange(Date(2025, 3, 1), Date(2025, 4, 30));
  p.commissioned_days = days;
  for (int i = 0; i < 6; ++i)
    p.members.push_back({"C" + std::to_string(i), "", StaffRole::counsellor, ""});
  for (int i = 0; i < 2; ++i)
    p.members.push_back({"A" + std::to_string(i), "", StaffRole::assistant, ""});
  p.venues.push_back({"V1", "", VenueKind::organiser_premises, 20, {}, {}});
  p.venues.push_back({"V2", "", VenueKind::off_site, 10, {}, {}});
  auto topic = [&](std::string id, Audience a, SessionFormat f) {
    TopicProposal t;
    t.id = std::move(id);
    t.audience = a;
    t.format = f;
    p.proposals.push_back(t);
  };
  topic("C1", Audience::counsellors, SessionFormat::peer_exchange);
  topic("C2", Audience::counsellors, SessionFormat::workshop);
  topic("B1", Audience::both, SessionFormat::workshop);
  topic("A1", Audience::assistants, SessionFormat::site_visit);
  topic("A2", Audience::assistants, SessionFormat::phone_meeting);
  for (const auto& m : p.members) {
    p.ballots.push_back(
        {m.id, m.role == StaffRole::counsellor ? counsellor_ranking : assistant_ranking});
  }
  p.check();
  return p;
}

ScheduleConstraints audience_rules() {
  ScheduleConstraints c;
  c.min_spacing_days = 7;
  c.max_days_per_month = 2;
  return c;
}

std::set<std::string> planned_topics(const Plan& plan) {
  std::set<std::string> out;
  for (const auto& s : plan.sessions) out.insert(s.topics.begin(), s.topics.end());
  return out;
}

}  // namespace

TEST_CASE("scheduler: ballots weigh per audience, not per head (hand-worked)") {
  // Counsellors rank C1 > C2 > B1 (modified Borda, 3 ranked: 3, 2, 1 points), assistants
  // B1 > A1 (2, 1). Per head (6 + 2 ballots): C1 18, C2 12, B1 6 + 4 = 10, A1 2.
  // Per audience, B = 8 ballots, k = 2 audiences, each weighs as 4 voters: counsellors' points
  // × 8 / (2 × 6) = 2/3 (C1 12, C2 8, B1 4), assistants' × 8 / (2 × 2) = 2 (B1 8, A1 4):
  // C1 12, C2 8, B1 12, A1 4, A2 0.
  const auto p = audience_programme(2, {"C1", "C2", "B1"}, {"B1", "A1"});
  auto c = audience_rules();
  const auto per_audience = topic_priorities(p, c);
  REQUIRE(per_audience.size() == 5);
  CHECK(per_audience[0] == Approx(12.0));
  CHECK(per_audience[1] == Approx(8.0));
  CHECK(per_audience[2] == Approx(12.0));
  CHECK(per_audience[3] == Approx(4.0));
  CHECK(per_audience[4] == Approx(0.0));
  // Two days: per audience the day shared with the assistants (B1) beats the counsellors'
  // second choice; per head the 6 counsellors decide alone (C1, C2).
  CHECK(planned_topics(schedule(p, c)) == std::set<std::string>{"C1", "B1"});
  c.ballot_weighting = BallotWeighting::per_head;
  const auto per_head = topic_priorities(p, c);
  CHECK(per_head == std::vector<double>{18.0, 12.0, 10.0, 2.0, 0.0});
  CHECK(planned_topics(schedule(p, c)) == std::set<std::string>{"C1", "C2"});
}

TEST_CASE("scheduler: the assistants' own sessions, visits and phone meetings, are guaranteed") {
  // Counsellors rank C1 > B1 > C2 (3, 2, 1), assistants A1 > A2 (2, 1). Three days, the
  // assistants' minimum of 1 day met by the session for everyone: per head C1 18, B1 12, C2 6,
  // A1 4, A2 2, and per audience (× 2/3 and × 2) C1 12, B1 8, A1 8, C2 4, A2 4 — the old model
  // (per head, min_assistant_days only) plans C1, B1, C2 and none of the assistants' proposals.
  const auto p = audience_programme(3, {"C1", "B1", "C2"}, {"A1", "A2"});
  auto c = audience_rules();
  c.min_assistant_days = 1;
  c.ballot_weighting = BallotWeighting::per_head;
  const auto old_plan = schedule(p, c);
  CHECK(planned_topics(old_plan) == std::set<std::string>{"C1", "B1", "C2"});
  CHECK(validate(old_plan).empty());
  // Their own days and formats are a hard constraint: a site visit and a phone meeting of the
  // assistants alone, then the best remaining topic (C1).
  c.min_assistant_own_days = 2;
  c.assistant_formats = {SessionFormat::site_visit, SessionFormat::phone_meeting};
  for (auto w : {BallotWeighting::per_head, BallotWeighting::per_audience}) {
    c.ballot_weighting = w;
    const auto plan = schedule(p, c);
    CHECK(planned_topics(plan) == std::set<std::string>{"C1", "A1", "A2"});
    CHECK(validate(plan).empty());
    const auto visit = std::find_if(plan.sessions.begin(), plan.sessions.end(),
                                    [](const Session& s) { return s.topics[0] == "A1"; });
    REQUIRE(visit != plan.sessions.end());
    CHECK(plan.programme.venue(visit->venue).kind == VenueKind::off_site);
    const auto phone = std::find_if(plan.sessions.begin(), plan.sessions.end(),
                                    [](const Session& s) { return s.topics[0] == "A2"; });
    REQUIRE(phone != plan.sessions.end());
    CHECK(phone->phone_bridge);
  }
  // validate() names both rules on the old plan.
  const auto v = validate(p, old_plan.sessions, c);
  CHECK(std::any_of(v.begin(), v.end(),
                    [](const Violation& x) { return x.constraint == "audience_own_minimum"; }));
  CHECK(std::count_if(v.begin(), v.end(),
                      [](const Violation& x) { return x.constraint == "assistant_format"; }) == 2);
  // Without a phone-meeting proposal the pre-check says so.
  auto no_phone = p;
  no_phone.proposals.pop_back();
  for (auto& b : no_phone.ballots) {
    b.ranking.erase(std::remove(b.ranking.begin(), b.ranking.end(), "A2"), b.ranking.end());
  }
  try {
    (void)schedule(no_phone, c);
    FAIL("no error");
  } catch (const InfeasibleError& e) {
    CHECK(mentions(e.explanations(), "phone_meeting"));
  }
}

// DRJSCS were replaced by the DREETS/DRIEETS and DRAJES on 1 April 2021 (décret 2020-1545): a
// 2025 plan naming a DRJSCS speaker is refused by validate(), through core's dated names.
TEST_CASE("scheduler: a speaker's organisation must exist on the day of the session") {
  Plan plan = reference_plan();
  REQUIRE(validate(plan).empty());
  const Session* with_speaker = nullptr;
  for (const auto& s : plan.sessions) {
    if (!s.speakers.empty()) {
      with_speaker = &s;
      break;
    }
  }
  REQUIRE(with_speaker != nullptr);
  REQUIRE(with_speaker->date >= Date(2021, 4, 1));
  for (auto& sp : plan.programme.speakers) {
    if (sp.id == with_speaker->speakers.front()) sp.organisation = "DRJSCS Île-de-France";
  }
  const auto violations = validate(plan);
  REQUIRE_FALSE(violations.empty());
  CHECK(std::all_of(violations.begin(), violations.end(),
                    [](const Violation& v) { return v.constraint == "organisation_name"; }));
  CHECK(violations.front().message.find("DREETS") != std::string::npos);
}
