// Employment after the jury and funding, against tables worked by hand from
// tests/data/analytics/employment_eventlog.jsonl (latest event 2025-02-28, the default as-of):
//   A  private_employee; jury 2024-01-10 full;  6m same_job, 12m promotion;
//      funding france_vae individual_support 20 h 1500 EUR granted, jury_fees 300 EUR granted;
//      certification RNCP1.
//   B  job_seeker; jury 2024-02-01 partial; 6m job_seeker, 12m new_job; opco 10 h 800 EUR
//      requested, refused; RNCP1.
//   C  no profile; jury 2024-03-15 partial_certification; 6m no_answer (12m not yet due:
//      2025-03-15); france_vae 15 h 1000 EUR requested, 12 h 900 EUR granted; RNCP2.
//   D  public_employee; jury 2024-06-30 refused; 6m new_job (12m not due).
//   E  no profile; jury 2024-08-31 full; no follow-up; the 6-month follow-up is due on
//      2025-02-28 (31 August + 6 months, the day clamped to February's last): due, not answered.
//   F  received, no jury: in no row.
// Definitions: docs/analytics.md "Employment after the jury" and "Funding".
#include <optional>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vaekit/analytics/employment.hpp"
#include "vaekit/analytics/funding.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/pathway/event_records.hpp"

using namespace vaekit;

namespace {

std::vector<Event> fixture() {
  return read_event_log(test::data_dir() / "analytics/employment_eventlog.jsonl").events;
}

PublishOptions exact() {
  PublishOptions o;
  o.threshold = 0;
  return o;
}

std::optional<std::int64_t> int_cell(const Table& t, std::string_view col, std::size_t row) {
  const Column& c = t.column(col);
  if (c.is_null(row)) return std::nullopt;
  return c.int_at(row);
}
std::optional<double> dbl_cell(const Table& t, std::string_view col, std::size_t row) {
  const Column& c = t.column(col);
  if (c.is_null(row)) return std::nullopt;
  return c.double_at(row);
}
/// The 12 counts of a row, nulls as -1.
std::vector<std::int64_t> counts(const Table& t, std::size_t row) {
  std::vector<std::int64_t> out;
  for (auto name : employment_count_columns) out.push_back(int_cell(t, name, row).value_or(-1));
  return out;
}
/// The row of (by, value, months).
std::size_t row_of(const Table& t, std::string_view by, std::optional<std::string_view> value,
                   int months) {
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const bool v_null = t.column("value").is_null(r);
    const bool same_value = value ? (!v_null && t.column("value").string_at(r) == *value) : v_null;
    if (t.column("by").string_at(r) == by && same_value && t.column("months").int_at(r) == months)
      return r;
  }
  FAIL("no row " << by << " " << value.value_or("null") << " " << months);
  return 0;
}
using V = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("employment: the overall rows, worked by hand") {
  EmploymentOptions o;
  o.publish = exact();
  const EmploymentIndicators e = employment_indicators(fixture(), o);
  const Table& t = e.table;
  // Columns: due, answered, same_job, promotion, new_job, job_seeker, training, other,
  // no_answer, employed, employed_before, retained.
  const std::size_t r6 = row_of(t, "all", std::nullopt, 6);
  CHECK(counts(t, r6) == V{5, 3, 1, 0, 1, 1, 0, 0, 1, 2, 2, 1});
  CHECK(dbl_cell(t, "response_rate", r6) == 3.0 / 5.0);
  CHECK(dbl_cell(t, "employment_rate", r6) == 2.0 / 3.0);
  CHECK(dbl_cell(t, "retention_rate", r6) == 1.0 / 2.0);
  const std::size_t r12 = row_of(t, "all", std::nullopt, 12);
  CHECK(counts(t, r12) == V{2, 2, 0, 1, 1, 0, 0, 0, 0, 2, 1, 1});
  CHECK(dbl_cell(t, "response_rate", r12) == 1.0);
  CHECK(dbl_cell(t, "retention_rate", r12) == 1.0);
  CHECK(e.cells.suppressed().empty());
}

TEST_CASE("employment: by jury outcome and by profile attribute") {
  EmploymentOptions o;
  o.publish = exact();
  o.by = {"outcome", "employment"};
  const Table t = employment_indicators(fixture(), o).table;
  CHECK(counts(t, row_of(t, "outcome", "full", 6)) == V{2, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1});
  CHECK(counts(t, row_of(t, "outcome", "full", 12)) == V{1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1});
  CHECK(counts(t, row_of(t, "outcome", "partial_certification", 6)) ==
        V{1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0});
  CHECK(counts(t, row_of(t, "outcome", "refused", 6)) == V{1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0});
  // Retention: D was employed before and found a new job: employed, not retained.
  CHECK(dbl_cell(t, "retention_rate", row_of(t, "outcome", "refused", 6)) == 0.0);
  // No answer yet: the rates of a row with no answer are null, not 0.
  CHECK_FALSE(dbl_cell(t, "employment_rate", row_of(t, "outcome", "partial_certification", 6)));
  CHECK(counts(t, row_of(t, "employment", "job_seeker", 12)) ==
        V{1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0});
  // C and E stated no profile.
  CHECK(counts(t, row_of(t, "employment", "not_stated", 6)) ==
        V{2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0});
  // Rows: 2 overall, 4 outcomes x 2, 4 employment values x 2.
  CHECK(t.rows() == 2 + 8 + 8);
}

TEST_CASE("employment: follow-ups are due by the as-of date, months added by the calendar") {
  EmploymentOptions o;
  o.publish = exact();
  o.as_of = Date(2025, 2, 27);  // E's 6 months fall on 2025-02-28: not due yet
  const Table t = employment_indicators(fixture(), o).table;
  CHECK(int_cell(t, "followups_due", row_of(t, "all", std::nullopt, 6)) == 4);
  const Table cases = employment_cases(fixture(), Date(2025, 2, 27));
  REQUIRE(cases.rows() == 5);
  CHECK(cases.column("case").string_at(4) == "E");
  CHECK_FALSE(cases.column("due_6m").bool_at(4));
  CHECK(cases.column("employed_before").is_null(2));  // C: not stated
  CHECK(cases.column("situation_6m").string_at(2) == "no_answer");
}

TEST_CASE("employment: published under the threshold; rates from published counts only") {
  EmploymentOptions o;
  o.publish.method = ProtectionMethod::suppression;
  o.publish.threshold = 3;
  const EmploymentIndicators e = employment_indicators(fixture(), o);
  const Table& t = e.table;
  const std::size_t r6 = row_of(t, "all", std::nullopt, 6);
  CHECK_FALSE(int_cell(t, "employed", r6));         // 2 < 3
  CHECK_FALSE(dbl_cell(t, "employment_rate", r6));  // from a withheld count: withheld
  // Every published count is the true one (suppression adds no noise); a rate is published
  // exactly when both its counts are.
  const EmploymentIndicators truth = employment_indicators(fixture(), [] {
    EmploymentOptions x;
    x.publish = exact();
    return x;
  }());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    for (auto col : employment_count_columns) {
      if (int_cell(t, col, r)) CHECK(int_cell(t, col, r) == int_cell(truth.table, col, r));
    }
    const bool both =
        int_cell(t, "employed", r) && int_cell(t, "answered", r) && int_cell(t, "answered", r) != 0;
    CHECK(dbl_cell(t, "employment_rate", r).has_value() == both);
  }
  for (const AuditInterval& a : e.cells.audit_result()) {
    INFO(e.cells.labels()[a.cell].dump()
         << " value " << a.value << " [" << a.lower << ", " << a.upper << "]");
    CHECK(a.safe);
  }
  for (const AuditInterval& a : e.cells.audit(2.0)) CHECK(a.safe);
  CHECK_FALSE(e.cells.suppressed().empty());
}

TEST_CASE("employment: an unknown grouping is an InvalidArgument naming it") {
  EmploymentOptions o;
  o.by = {"shoe_size"};
  CHECK_THROWS_AS(employment_indicators(fixture(), o), InvalidArgument);
  CHECK_THROWS_WITH(employment_indicators(fixture(), o), Catch::Contains("shoe_size"));
}

TEST_CASE("funding: per case, by funder and kind") {
  const Table t = funding_by_case(fixture());
  REQUIRE(t.rows() == 4);
  // A: france_vae individual_support, then france_vae jury_fees.
  CHECK(t.column("case").string_at(0) == "A");
  CHECK(t.column("funding_kind").string_at(0) == "individual_support");
  CHECK(dbl_cell(t, "requested_amount", 0) == 1500.0);
  CHECK(dbl_cell(t, "granted_hours", 0) == 20.0);
  CHECK(t.column("funding_kind").string_at(1) == "jury_fees");
  CHECK(dbl_cell(t, "requested_hours", 1) == 0.0);
  // B: refused, nothing granted.
  CHECK(t.column("funding").string_at(2) == "opco");
  CHECK(int_cell(t, "decisions", 2) == 1);
  CHECK(int_cell(t, "granted", 2) == 0);
  CHECK(dbl_cell(t, "granted_amount", 2) == 0.0);
  // C: 12 h and 900 EUR of the 15 h and 1000 EUR asked.
  CHECK(dbl_cell(t, "granted_amount", 3) == 900.0);
}

TEST_CASE("funding: the mix and the cost per certification, worked by hand") {
  const FundingReport f = funding_report(fixture(), exact());
  const Table& m = f.mix;
  REQUIRE(m.rows() == 4);
  // (france_vae, individual_support): A and C.
  CHECK(m.column("funding").string_at(0) == "france_vae");
  CHECK(int_cell(m, "cases_requested", 0) == 2);
  CHECK(int_cell(m, "cases_granted", 0) == 2);
  CHECK(dbl_cell(m, "requested_hours", 0) == 35.0);
  CHECK(dbl_cell(m, "requested_amount", 0) == 2500.0);
  CHECK(dbl_cell(m, "granted_hours", 0) == 32.0);
  CHECK(dbl_cell(m, "granted_amount", 0) == 2400.0);
  CHECK(m.column("funding_kind").string_at(1) == "jury_fees");
  CHECK(m.column("funding").string_at(2) == "opco");
  CHECK(int_cell(m, "cases_granted", 2) == 0);
  // Overall: each case once (A has two kinds).
  CHECK(m.column("funding").is_null(3));
  CHECK(int_cell(m, "cases_requested", 3) == 3);
  CHECK(int_cell(m, "cases_granted", 3) == 2);
  CHECK(dbl_cell(m, "granted_amount", 3) == 2700.0);
  CHECK(dbl_cell(m, "requested_amount", 3) == 3600.0);

  const Table& c = f.cost;
  REQUIRE(c.rows() == 4);  // RNCP1, RNCP2, unknown (E), overall
  CHECK(c.column("certification").string_at(0) == "RNCP1");
  CHECK(int_cell(c, "certified", 0) == 1);  // A full; B partial is not a certification
  CHECK(dbl_cell(c, "cost_per_certification", 0) == 1800.0);
  CHECK(c.column("certification").string_at(1) == "RNCP2");
  CHECK(dbl_cell(c, "cost_per_certification", 1) == 900.0);  // partial_certification counts
  CHECK(c.column("certification").string_at(2) == "unknown");
  CHECK(int_cell(c, "cases_granted", 2) == 0);
  CHECK(c.column("certification").is_null(3));
  CHECK(int_cell(c, "certified", 3) == 3);
  CHECK(dbl_cell(c, "cost_per_certification", 3) == 900.0);
}

TEST_CASE("funding: sums are withheld with the count of cases behind them") {
  PublishOptions o;
  o.method = ProtectionMethod::suppression;
  o.threshold = 3;
  const FundingReport f = funding_report(fixture(), o);
  const Table& m = f.mix;
  for (std::size_t r = 0; r < m.rows(); ++r) {
    CHECK(int_cell(m, "cases_requested", r).has_value() ==
          dbl_cell(m, "requested_amount", r).has_value());
    CHECK(int_cell(m, "cases_requested", r).has_value() ==
          dbl_cell(m, "requested_hours", r).has_value());
    CHECK(int_cell(m, "cases_granted", r).has_value() ==
          dbl_cell(m, "granted_amount", r).has_value());
    if (int_cell(m, "cases_requested", r)) CHECK(dbl_cell(m, "requested_amount", r) == 3600.0);
  }
  // 2 cases granted overall: under the threshold, so the count and its sums are withheld.
  CHECK_FALSE(int_cell(m, "cases_granted", 3));
  CHECK_FALSE(dbl_cell(m, "granted_amount", 3));
  CHECK_FALSE(dbl_cell(f.cost, "cost_per_certification", 3));
  for (const AuditInterval& a : f.cells.audit(2.0)) CHECK(a.safe);
}
