// The training area's tables (vaekit::Table) on the records fixture (tests/data/training/records/,
// described at the top of test_records.cpp): S1 2025-03-11 (a Tuesday), S2 2025-03-25, S3
// 2025-04-08; the rows follow the records, codes are categories listing every enum value.
#include "test_support.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/training.hpp"

using namespace vaekit;

namespace {
std::filesystem::path dir() {
  return test::data_dir() / "training" / "records";
}
}  // namespace

TEST_CASE("training: the attendance table is the record, entry by entry") {
  const auto record = load_document<AttendanceRecord>(dir() / "attendance.json");
  const Table t = attendance_table(record);
  REQUIRE(t.rows() == record.entries.size());
  const Column& presence = t.column("presence");
  CHECK(presence.dictionary() ==
        std::vector<std::string_view>{"present", "remote", "absent", "excused"});
  for (std::size_t i = 0; i < t.rows(); ++i) {
    const AttendanceEntry& e = record.entries[i];
    CHECK(t.column("session").string_at(i) == e.session);
    CHECK(t.column("date").date_at(i) == e.date);
    CHECK(presence.string_at(i) == to_string(e.presence));
    CHECK(t.column("hours").double_at(i) == record.hours_of(e));
  }
}

TEST_CASE("training: the attendance report at a level that does not exist is refused") {
  const AttendanceReport report;
  CHECK(attendance_report_table(report, "session").columns().size() == 13);
  CHECK(attendance_report_table(report, "audience").column(std::string_view("rate")).size() == 0);
  CHECK_THROWS_AS(attendance_report_table(report, "antenne"), InvalidArgument);
  CHECK_THROWS_WITH(attendance_report_table(report, "antenne"), Catch::Contains("\"antenne\""));
}

TEST_CASE("training: the plan table sums the topics' priorities and names the weekday") {
  const auto programme = load_document<Programme>(dir() / "programme.json");
  const Plan plan = make_plan(programme, programme.sessions);
  const Table t = plan_table(plan);
  REQUIRE(t.rows() == plan.sessions.size());
  std::map<std::string, int> score;
  for (const TopicPriority& p : programme.priorities(plan.constraints.rule))
    score[p.topic] = p.score;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    const Session& s = plan.sessions[i];
    int sum = 0;
    for (const auto& topic : s.topics) sum += score[topic];
    CHECK(t.column("priority").int_at(i) == sum);
    CHECK(t.column("weekday").string_at(i) == to_string(s.date.weekday()));
    CHECK(t.column("venue").is_null(i) == s.venue.empty());
  }
  CHECK(t.column("date").date_at(0) == Date(2025, 3, 11));
  CHECK(t.column("weekday").string_at(0) == "tuesday");
  // Priorities best first: ranks never decrease down the table.
  const Table pr = priorities_table(programme);
  for (std::size_t i = 1; i < pr.rows(); ++i) {
    CHECK(pr.column("rank").int_at(i - 1) <= pr.column("rank").int_at(i));
  }
}
