// The activity report's certification-to-employment step (issue 15), worked by hand:
//   P1 received 2024 at X, full validation, 12-month follow-up new_job      -> followed, employed
//   P2 received 2024 at X, full validation, 12-month follow-up no_answer    -> surveyed only
//   P3 received 2024 at Y, full validation, 12-month follow-up job_seeker   -> followed
//   P4 received 2024 at Y, partial validation, 12-month follow-up same_job  -> not certified: out
//   P5 received 2023 at X, full validation, no follow-up                    -> 2023: no data
//   P6 received 2024 at Z, full validation, 6-month follow-up only          -> Z: no data
// So 2024 totals: followed_12m 2, employed_12m 1; X: 1, 1; Y: 1, 0; Z and 2023: null (no data).
#include <optional>
#include <string>

#include "test_support.hpp"
#include "vaekit/analytics/report.hpp"

using namespace vaekit;

namespace {

using test::event_line;

std::string received(const std::string& c, const std::string& at, const std::string& antenne) {
  return event_line(c, at, "received", "assistant", R"(,"antenne":")" + antenne + "\"");
}
std::string jury(const std::string& c, const std::string& at, const std::string& result) {
  return event_line(c, at, "jury_held", "jury", R"(,"data":{"result":")" + result + "\"}");
}
std::string followup(const std::string& c, const std::string& at, int months,
                     const std::string& situation) {
  return event_line(
      c, at, "followup_recorded", "counsellor",
      R"(,"data":{"months":)" + std::to_string(months) + R"(,"situation":")" + situation + "\"}");
}

std::string with_followups() {
  return received("P1", "2024-01-08", "X") + jury("P1", "2024-06-01", "full") +
         followup("P1", "2025-06-01", 12, "new_job") + received("P2", "2024-02-01", "X") +
         jury("P2", "2024-06-02", "full") + followup("P2", "2025-06-02", 12, "no_answer") +
         received("P3", "2024-03-01", "Y") + jury("P3", "2024-06-03", "full") +
         followup("P3", "2025-06-03", 12, "job_seeker") + received("P4", "2024-03-05", "Y") +
         jury("P4", "2024-06-04", "partial") + followup("P4", "2025-06-04", 12, "same_job") +
         received("P5", "2023-05-05", "X") + jury("P5", "2023-10-01", "full") +
         received("P6", "2024-04-01", "Z") + jury("P6", "2024-09-01", "full") +
         followup("P6", "2025-03-01", 6, "same_job");
}

/// The row (year, antenne) of a funnel table.
std::size_t row(const Table& t, int year, std::optional<std::string_view> antenne) {
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const bool a_null = t.column("antenne").is_null(r);
    const bool same = antenne ? (!a_null && t.column("antenne").string_at(r) == *antenne) : a_null;
    if (t.column("year").int_at(r) == year && same) return r;
  }
  FAIL("no funnel row");
  return 0;
}
std::optional<std::int64_t> cell(const Table& t, std::string_view col, std::size_t r) {
  if (t.column(col).is_null(r)) return std::nullopt;
  return t.column(col).int_at(r);
}

PublishOptions exact() {
  PublishOptions o;
  o.threshold = 0;
  return o;
}

}  // namespace

TEST_CASE("report: the funnel's employment step, worked by hand") {
  const EventLog log = EventLog::parse(with_followups());
  const PublishedReport p = ActivityReport::compute(log).publish(exact());
  const Table& f = p.funnel;
  CHECK(cell(f, "followed_12m", row(f, 2024, std::nullopt)) == 2);
  CHECK(cell(f, "employed_12m", row(f, 2024, std::nullopt)) == 1);
  CHECK(cell(f, "followed_12m", row(f, 2024, "X")) == 1);
  CHECK(cell(f, "employed_12m", row(f, 2024, "X")) == 1);
  CHECK(cell(f, "followed_12m", row(f, 2024, "Y")) == 1);
  CHECK(cell(f, "employed_12m", row(f, 2024, "Y")) == 0);
  // No data is null, not 0.
  CHECK_FALSE(cell(f, "followed_12m", row(f, 2024, "Z")));
  CHECK_FALSE(cell(f, "employed_12m", row(f, 2023, std::nullopt)));
  // The columns come last, after the funnel's own.
  CHECK(f.columns()[2 + funnel_columns.size()].name() == "followed_12m");
  CHECK(f.columns().back().name() == "employed_12m");
}

TEST_CASE("report: a log without follow-ups gives the funnel of before") {
  const EventLog log =
      EventLog::parse(received("Q1", "2024-01-08", "X") + jury("Q1", "2024-06-01", "full") +
                      followup("Q1", "2024-12-01", 6, "same_job"));
  const ActivityReport r = ActivityReport::compute(log);
  CHECK(r.employment_steps().empty());
  const PublishedReport p = r.publish(exact());
  CHECK(p.funnel.columns().size() == 2 + funnel_columns.size());
}

TEST_CASE("report: the employment step merges and survives the state document") {
  const std::string text = with_followups();
  const EventLog whole = EventLog::parse(text);
  // Partition by case: P1-P3 and P4-P6 (each case's lines are contiguous).
  const auto cut = text.find(R"({"case":"P4")");
  ActivityReport a = ActivityReport::compute(EventLog::parse(text.substr(0, cut)));
  a.merge(ActivityReport::compute(EventLog::parse(text.substr(cut))));
  const ActivityReport w = ActivityReport::compute(whole);
  CHECK(a == w);
  Json j;
  to_json(j, w);
  ActivityReport back;
  from_json(j, back);
  CHECK(back == w);
  CHECK(back.employment_steps().at({2024, std::nullopt}).employed == 1);
  // Suppressed and audited with the funnel: under threshold 11 every step cell is withheld.
  PublishOptions o;
  o.method = ProtectionMethod::suppression;
  const PublishedReport p = w.publish(o);
  CHECK_FALSE(cell(p.funnel, "followed_12m", row(p.funnel, 2024, std::nullopt)));
  for (const AuditInterval& x : p.audit(2.0)) CHECK(x.safe);
}

TEST_CASE("report: a partial_certification jury is a jury, not a drop-out") {
  // Found while adding the employment step: the result's payload (5) shifted into dropped_out.
  const EventLog log = EventLog::parse(received("R1", "2024-01-08", "X") +
                                       jury("R1", "2024-06-01", "partial_certification"));
  const Table f = ActivityReport::compute(log).publish(exact()).funnel;
  const std::size_t r = row(f, 2024, std::nullopt);
  CHECK(cell(f, "jury_held", r) == 1);
  CHECK(cell(f, "dropped_out", r) == 0);
  CHECK(cell(f, "jury_full", r) == 0);
}
