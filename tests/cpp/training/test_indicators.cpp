// Training indicators (issue #13: moved from Python's vaekit.indicators) on a hand-worked case.
//
// Attendance (3.5 h a half-day):
//   S1 2025-03-11 morning: C1 present, C2 present, C3 absent
//   S1 2025-03-11 afternoon: C1 present 2.5 h, C2 excused (1 h, not attended), C3 absent
//   S2 2025-03-25 morning: C1 remote (counts: Code du travail R6313-3), C2 absent, C3 present
//   S3 2025-04-08 morning: C1 present, C2 present
//   -> C1 3.5 + 2.5 + 3.5 + 3.5 = 13.0 h over 3 days; C2 7.0 h, 2 days; C3 3.5 h, 1 day;
//      C4 (staff register only) 0.
//   Staff C1..C4: 23.5 h, 5.875 h a person; at least 2 of 3 days: C1, C2 -> 2 / 4 = 0.5.
// Evaluations: hot R1 (C1) satisfaction 5, utility 4; hot R2 (C2) 3, 2; cold R3 (C1) applied 4.
//   -> hot mean (5 + 4 + 3 + 2) / 4 = 3.5, cold 4.0; satisfaction only: hot 4.0, cold none.
#include "test_support.hpp"
#include "vaekit/training/indicators.hpp"

using namespace vaekit;

namespace {
AttendanceEntry entry(const char* session, const char* date, HalfDay half, const char* member,
                      Presence presence, std::optional<double> hours = std::nullopt) {
  AttendanceEntry e;
  e.session = session;
  e.date = Date::parse(date);
  e.half_day = half;
  e.member = member;
  e.presence = presence;
  e.evidence = presence == Presence::present ? EvidenceKind::signed_sheet : EvidenceKind::none;
  e.hours = hours;
  return e;
}

AttendanceRecord attendance() {
  using enum HalfDay;
  using enum Presence;
  AttendanceRecord a;
  a.programme = "pro-test";
  a.hours_per_half_day = 3.5;
  a.entries = {
      entry("S1", "2025-03-11", morning, "C1", present),
      entry("S1", "2025-03-11", morning, "C2", present),
      entry("S1", "2025-03-11", morning, "C3", absent),
      entry("S1", "2025-03-11", afternoon, "C1", present, 2.5),
      entry("S1", "2025-03-11", afternoon, "C2", excused, 1.0),
      entry("S1", "2025-03-11", afternoon, "C3", absent),
      entry("S2", "2025-03-25", morning, "C1", remote),
      entry("S2", "2025-03-25", morning, "C2", absent),
      entry("S2", "2025-03-25", morning, "C3", present),
      entry("S3", "2025-04-08", morning, "C1", present),
      entry("S3", "2025-04-08", morning, "C2", present),
  };
  return a;
}

EvaluationResponse response(const char* id, const char* member, EvaluationTiming timing,
                            std::map<std::string, int> scores) {
  EvaluationResponse r;
  r.id = id;
  r.session = "S1";
  r.member = member;
  r.timing = timing;
  r.date = Date::parse("2025-03-11");
  r.scores = std::move(scores);
  return r;
}

EvaluationRecord evaluations() {
  EvaluationRecord e;
  e.responses = {
      response("R1", "C1", EvaluationTiming::hot, {{"satisfaction", 5}, {"utility", 4}}),
      response("R2", "C2", EvaluationTiming::hot, {{"satisfaction", 3}, {"utility", 2}}),
      response("R3", "C1", EvaluationTiming::cold, {{"applied", 4}}),
  };
  return e;
}

std::optional<double> value(const std::vector<Indicator>& rows, std::string_view name) {
  for (const Indicator& i : rows) {
    if (i.name == name) return i.value;
  }
  FAIL("no indicator " << name);
  return std::nullopt;
}
}  // namespace

TEST_CASE("indicators: remote attendance counts, excused and absent half-days do not") {
  CHECK(counts_as_attended(Presence::present));
  CHECK(counts_as_attended(Presence::remote));
  CHECK_FALSE(counts_as_attended(Presence::excused));
  CHECK_FALSE(counts_as_attended(Presence::absent));
  const std::vector<MemberHours> expected{{"C1", 13.0, 3}, {"C2", 7.0, 2}, {"C3", 3.5, 1}};
  CHECK(training_hours(attendance()) == expected);
}

TEST_CASE("indicators: the indicator rows, hand-worked") {
  StaffRegister staff;
  for (const char* m : {"C1", "C2", "C3", "C4"}) {
    StaffProfile p;
    p.member = m;
    staff.profiles.push_back(p);
  }
  const AttendanceRecord a = attendance();
  const EvaluationRecord ev = evaluations();
  const auto rows = training_indicators(a, &ev, &staff, IndicatorOptions{2, 3, std::nullopt});
  REQUIRE(rows.size() == 8);
  CHECK(rows[0] == Indicator{"staff", 4.0, true, "people"});
  CHECK(rows[1] == Indicator{"hours", 23.5, false, "hours"});
  CHECK(rows[2] == Indicator{"hours_per_person", 5.875, false, "hours per person"});
  CHECK(rows[3] == Indicator{"share_at_least_2_of_3_days", 0.5, false, "share"});
  CHECK(rows[4] == Indicator{"satisfaction_hot", 3.5, false, "score 1-5"});
  CHECK(rows[5] == Indicator{"satisfaction_cold", 4.0, false, "score 1-5"});
  CHECK(rows[6] == Indicator{"responses_hot", 2.0, true, "responses"});
  CHECK(rows[7] == Indicator{"responses_cold", 1.0, true, "responses"});

  // Without a staff register: the 3 members found; satisfaction question only.
  const auto only = training_indicators(a, &ev, nullptr, {12, 16, "satisfaction"});
  CHECK(value(only, "staff") == 3.0);
  CHECK(value(only, "satisfaction_hot") == 4.0);
  CHECK_FALSE(value(only, "satisfaction_cold").has_value());
  CHECK(value(only, "responses_cold") == 0.0);
  // Default 12 of 16 days: nobody here; no evaluations: four rows.
  const auto plain = training_indicators(a, nullptr, nullptr);
  CHECK(plain.size() == 4);
  CHECK(value(plain, "share_at_least_12_of_16_days") == 0.0);
  // No member at all: per-person figures are undefined, not 0.
  const auto empty = training_indicators(AttendanceRecord{}, nullptr, nullptr);
  CHECK(value(empty, "staff") == 0.0);
  CHECK_FALSE(value(empty, "hours_per_person").has_value());
  CHECK_THROWS_AS((void)training_indicators(a, nullptr, nullptr, {17, 16, std::nullopt}),
                  InvalidArgument);
  CHECK_THROWS_AS((void)training_indicators(a, nullptr, nullptr, {0, 0, std::nullopt}),
                  InvalidArgument);
}
