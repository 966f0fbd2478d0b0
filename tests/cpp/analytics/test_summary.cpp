// The disclosure-aware summary of a published report (issue #13): the headline figures are read
// from the published tables, a suppressed cell stays suppressed (std::nullopt, a null in the
// table), and a sum over cohort years with a suppressed term is suppressed — never counted as 0.
#include <string>

#include "test_support.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/analytics/table.hpp"

using namespace vaekit;

namespace {
/// @p n cases received at antenne A on @p day, case ids prefixed with @p prefix.
std::string received(const std::string& prefix, int n, const std::string& day) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += R"({"case":")" + prefix + std::to_string(i) + R"(","at":")" + day +
           R"(","event":"received","role":"assistant","antenne":"A","staff":"S1",)"
           R"("data":{"channel":"walk_in"}})"
           "\n";
  }
  return out;
}

/// Hand-worked log: cohort 2023 has 5 people received at antenne A, cohort 2024 has 2.
EventLog small_log() {
  return EventLog::parse(R"({"schema": "EventLog.1"})"
                         "\n" +
                         received("C23-", 5, "2023-03-01") + received("C24-", 2, "2024-03-01"));
}
}  // namespace

TEST_CASE("summary: a suppressed cohort total is suppressed in the summary, never 0") {
  const ActivityReport rep = ActivityReport::compute(small_log());
  PublishOptions o;
  o.method = ProtectionMethod::suppression;  // no noise: the published counts are the true ones
  o.threshold = 3;                           // 2 people received in 2024: under the threshold
  const PublishedReport pub = rep.publish(o);
  const ReportSummary s = pub.summary();
  REQUIRE(s.cohorts.size() == 2);
  CHECK(s.cohorts[0].year == 2023);
  CHECK(s.cohorts[0].received == 5);
  CHECK(s.cohorts[1].year == 2024);
  CHECK_FALSE(s.cohorts[1].received.has_value());  // 2 < 3: withheld
  // The old Python summary (sum(r["received"] or 0 ...)) said 5 people received: the withheld
  // 2024 count was read as 0. The sum of a withheld term is withheld.
  CHECK_FALSE(s.all.received.has_value());
  CHECK_FALSE(s.all.year.has_value());
  CHECK(s.suppressed_cells == pub.suppressed.size());
  CHECK(s.suppressed_cells > 0);

  // The same as a table: one row per cohort, then the all-years row (year null).
  const Table t = s.table();
  CHECK(t.name() == "summary");
  REQUIRE(t.rows() == 3);
  CHECK(t.column("year").int_at(0) == 2023);
  CHECK(t.column("received").int_at(0) == 5);
  CHECK(t.column("received").is_null(1));
  CHECK(t.column("year").is_null(2));
  CHECK(t.column("received").is_null(2));
  CHECK(t.columns().size() == 1 + key_figure_columns.size());
}

TEST_CASE("summary: exact figures (threshold 0) sum over the cohorts") {
  const ActivityReport rep = ActivityReport::compute(small_log(), ReportOptions{0});
  const ReportSummary s = rep.publish().summary();
  REQUIRE(s.cohorts.size() == 2);
  CHECK(s.cohorts[1].received == 2);
  CHECK(s.all.received == 7);
  CHECK(s.all.counselled == 0);  // a true zero, published as such (no appointment held)
  CHECK(s.all.jury_held == 0);
  CHECK(s.suppressed_cells == 0);
  CHECK_FALSE(s.whole_count.value_or(0) > 0);  // no jury: nobody has a whole duration
  CHECK(s.table().column("received").int_at(2) == 7);
}

TEST_CASE("summary: the example log's summary matches its published funnel totals") {
  const auto path = vaekit::test::data_dir().parent_path().parent_path() /
                    "examples/data/analytics/eventlog.jsonl";
  const PublishedReport pub = ActivityReport::compute(EventLog::read(path)).publish();
  const ReportSummary s = pub.summary();
  const Table& f = pub.table("funnel");
  std::size_t totals = 0;
  for (std::size_t r = 0; r < f.rows(); ++r) {
    if (!f.column("antenne").is_null(r)) continue;
    const KeyFigures& k = s.cohorts.at(totals++);
    CHECK(k.year == f.column("year").int_at(r));
    for (std::size_t c = 0; c < key_figure_columns.size(); ++c) {
      const Column& col = f.column(key_figure_columns[c]);
      const auto cell = s.table().column(key_figure_columns[c]);
      CHECK(cell.is_null(totals - 1) == col.is_null(r));
      if (!col.is_null(r)) CHECK(cell.int_at(totals - 1) == col.int_at(r));
    }
  }
  CHECK(totals == s.cohorts.size());
  CHECK(s.whole_count.has_value());
  CHECK_THROWS_AS((void)pub.table("nope"), NotFound);
}
