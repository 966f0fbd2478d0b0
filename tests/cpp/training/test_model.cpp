// The programme model: Borda aggregation against a hand-worked table, funding-body naming,
// references checked on reading, schema-tagged JSON round trips and stored samples.
#include "test_support.hpp"
#include "vaekit/training/scheduler.hpp"

using namespace vaekit;

TEST_CASE("model: modified Borda count against a hand-worked table") {
  // Ballots (best first):            points (k ranked -> k, k-1, ..., 1)
  //   m1: A B C                        A3 B2 C1
  //   m2: B A                          B2 A1
  //   m3: C                            C1
  //   m4: B C A D                      B4 C3 A2 D1
  // Totals: A 6, B 8, C 5, D 1, E 0 -> ranks B1 A2 C3 D4 E5.
  const std::vector<std::string> topics{"A", "B", "C", "D", "E"};
  const std::vector<Ballot> ballots{
      {"m1", {"A", "B", "C"}}, {"m2", {"B", "A"}}, {"m3", {"C"}}, {"m4", {"B", "C", "A", "D"}}};
  const auto b = aggregate_ballots(topics, ballots, AggregationRule::borda);
  REQUIRE(b.size() == 5);
  CHECK(b[0] == TopicPriority{"A", 6, 2, 3});
  CHECK(b[1] == TopicPriority{"B", 8, 1, 3});
  CHECK(b[2] == TopicPriority{"C", 5, 3, 3});
  CHECK(b[3] == TopicPriority{"D", 1, 4, 1});
  CHECK(b[4] == TopicPriority{"E", 0, 5, 0});
  // Approval: A 3, B 3, C 3, D 1, E 0 -> ties share rank 1 (standard competition ranking).
  const auto a = aggregate_ballots(topics, ballots, AggregationRule::approval);
  CHECK(a[0].score == 3);
  CHECK(a[0].rank == 1);
  CHECK(a[2].rank == 1);
  CHECK(a[3].rank == 4);
  CHECK_THROWS_AS(aggregate_ballots(topics, {{"m", {"A", "A"}}}), InvalidArgument);
  CHECK_THROWS_AS(aggregate_ballots(topics, {{"m", {"Z"}}}), InvalidArgument);
}

TEST_CASE("model: Borda scores sum to the ballots' triangular numbers") {
  const auto p = make_reference_programme({2025, GENERATE(1ULL, 7ULL, 42ULL), 40, 30, 16});
  long expected = 0;
  for (const auto& b : p.ballots) {
    const long k = static_cast<long>(b.ranking.size());
    expected += k * (k + 1) / 2;
  }
  long total = 0;
  for (const auto& x : p.priorities()) total += x.score;
  CHECK(total == expected);
}

TEST_CASE("model: funding bodies are OPCA before 1 April 2019, OPCO from that day") {
  CHECK(funding_body_label(Date(2019, 3, 31)) == "OPCA");
  CHECK(funding_body_label(Date(2019, 4, 1)) == "OPCO");
  Speaker s{"S", "", OrganisationKind::funding_body, "", {}};
  CHECK(s.kind_label(Date(2017, 6, 1)) == "OPCA");
  CHECK(s.kind_label(Date(2024, 6, 1)) == "OPCO");
  CHECK(s.available_on(Date(2024, 6, 1)));  // empty availability = always
  s.availability = {DateRange(Date(2024, 1, 1), Date(2024, 1, 31))};
  CHECK(!s.available_on(Date(2024, 6, 1)));
  Venue v{"V", "", VenueKind::off_site, 10, {}, {DateRange::single(Date(2024, 3, 1))}};
  CHECK(!v.available_on(Date(2024, 3, 1)));
  CHECK(v.available_on(Date(2024, 3, 2)));
}

TEST_CASE("model: the programme document round-trips and checks its references") {
  const auto p = make_reference_programme();
  const Json doc = to_document(p);
  CHECK(doc["schema"] == "Programme.1");
  CHECK(from_document<Programme>(doc) == p);
  CHECK(read_document<Programme>(doc.dump()) == p);

  Json bad = doc;
  bad["proposals"][3]["after"] = Json::array({"T99"});
  CHECK_THROWS_AS(from_document<Programme>(bad), ParseError);
  Json cyc = doc;
  cyc["proposals"][0]["after"] = Json::array({"T02"});
  cyc["proposals"][1]["after"] = Json::array({"T01"});
  CHECK_THROWS_WITH(from_document<Programme>(cyc), Catch::Contains("precedence cycle"));
  Json kind = doc;
  kind["speakers"][2]["kind"] = "OPCA";
  try {
    (void)from_document<Programme>(kind, "p.json");
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "speakers[2].kind");
    CHECK(e.where().source == "p.json");
  }
}

TEST_CASE("model: plans and constraints round-trip") {
  const auto p = make_reference_programme({2025, 5, 12, 10, 3});
  ScheduleConstraints c = make_reference_constraints(2025);
  c.ballot_weighting = BallotWeighting::per_head;
  CHECK(from_document<ScheduleConstraints>(to_document(c)) == c);
  // Five topics only: no assistants' minimums for this small programme.
  c.min_assistant_days = 0;
  c.min_assistant_own_days = 0;
  c.assistant_formats.clear();
  CHECK(from_document<ScheduleConstraints>(to_document(c)) == c);
  const auto plan = schedule(p, c);
  CHECK(from_document<Plan>(to_document(plan)) == plan);
  const Json j = PlanChange{PlanChange::Kind::venue_closed, "V1",
                            DateRange::single(Date(2025, 3, 3)), Date(2025, 2, 1)};
  CHECK(j.get<PlanChange>() == PlanChange{PlanChange::Kind::venue_closed, "V1",
                                          DateRange::single(Date(2025, 3, 3)), Date(2025, 2, 1)});
}

TEST_CASE("model: the stored sample of every training schema version still reads") {
  const auto dir = vaekit::test::data_dir() / "schemas";
  const auto p = load_document<Programme>(dir / "Programme.1.json");
  CHECK(p.commissioned_days == 2);
  CHECK(p.proposals.size() == 3);
  CHECK(p.proposals[2].after == std::vector<std::string>{"T1"});
  const auto c = load_document<ScheduleConstraints>(dir / "ScheduleConstraints.1.json");
  CHECK(c.max_days_per_month == 1);
  CHECK(c.blackouts.size() == 1);
  const auto plan = load_document<Plan>(dir / "Plan.1.json");
  CHECK(plan.sessions.size() == 2);
  CHECK(validate(plan).empty());
}
