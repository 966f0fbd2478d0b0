// Outcome rates joined with the registry, against tables worked by hand from
// tests/data/analytics/outcomes_eventlog.jsonl and outcomes_registry.json:
//   RNCP25467 (level 3, certifier A = MINISTERE DES SOLIDARITES ET DE LA SANTE):
//     C1 sent, admissible, jury full; C2 sent, admissible, jury partial; C3 sent, not admissible.
//   RNCP34000 (level 4, certifiers A and B = MINISTERE DU TRAVAIL):
//     C4 sent, admissible, jury refused; C5 sent, admissible, jury absent then full;
//     C9 chose RNCP25467 then RNCP34000 (the last code counts), sent.
//   RS5000 (no level, certifier B): C6 sent, admissible, jury full.
//   unknown: C7 (RNCP99999, not in the registry) sent, admissible; C10 (no code) sent.
//   C8 only received: in no row.
#include <optional>
#include <string>

#include "test_support.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/error.hpp"

using namespace vaekit;

namespace {
const std::string A = "MINISTERE DES SOLIDARITES ET DE LA SANTE";
const std::string B = "MINISTERE DU TRAVAIL";

EventLog fixture_log() {
  return EventLog::read(test::data_dir() / "analytics/outcomes_eventlog.jsonl");
}
Registry fixture_registry() {
  return Registry::load(test::data_dir() / "analytics/outcomes_registry.json");
}

std::optional<std::int64_t> int_cell(const Table& t, std::string_view col, std::size_t row) {
  const Column& c = t.column(col);
  if (c.is_null(row)) return std::nullopt;
  return c.int_at(row);
}
std::optional<double> rate_cell(const Table& t, std::string_view col, std::size_t row) {
  const Column& c = t.column(col);
  if (c.is_null(row)) return std::nullopt;
  return c.double_at(row);
}
/// The 7 counts of a row, nulls as -1.
std::vector<std::int64_t> counts(const Table& t, std::size_t row) {
  std::vector<std::int64_t> out;
  for (auto name : outcome_count_columns) out.push_back(int_cell(t, name, row).value_or(-1));
  return out;
}
using V = std::vector<std::int64_t>;
}  // namespace

TEST_CASE("analytics: outcome rates by certification, threshold 0") {
  const Table t =
      outcome_rates(fixture_log(), fixture_registry(), {0, OutcomeGrouping::certification});
  REQUIRE(t.rows() == 4);
  CHECK(t.columns()[0].name() == "certification");
  CHECK(t.column("certification").string_at(0) == "RNCP25467");
  CHECK(t.column("certification").string_at(1) == "RNCP34000");
  CHECK(t.column("certification").string_at(2) == "RS5000");
  CHECK(t.column("certification").string_at(3) == "unknown");
  CHECK(int_cell(t, "level", 0) == 3);
  CHECK(int_cell(t, "level", 1) == 4);
  CHECK_FALSE(int_cell(t, "level", 2));
  CHECK_FALSE(int_cell(t, "level", 3));
  CHECK(t.column("certifiers").string_at(0) == A);
  CHECK(t.column("certifiers").string_at(1) == A + "; " + B);
  CHECK(t.column("certifiers").string_at(2) == B);
  CHECK(t.column("certifiers").is_null(3));
  //                 sent adm jury full partial refused absent
  CHECK(counts(t, 0) == V{3, 2, 2, 1, 1, 0, 0});
  CHECK(counts(t, 1) == V{3, 2, 2, 1, 0, 1, 1});
  CHECK(counts(t, 2) == V{1, 1, 1, 1, 0, 0, 0});
  CHECK(counts(t, 3) == V{2, 1, 0, 0, 0, 0, 0});
  CHECK(rate_cell(t, "admissible_rate", 0) == 2.0 / 3.0);
  CHECK(rate_cell(t, "full_rate", 0) == 0.5);
  CHECK(rate_cell(t, "partial_rate", 0) == 0.5);
  CHECK(rate_cell(t, "refused_rate", 0) == 0.0);
  CHECK(rate_cell(t, "refused_rate", 1) == 0.5);
  CHECK(rate_cell(t, "full_rate", 2) == 1.0);
  CHECK(rate_cell(t, "admissible_rate", 3) == 0.5);
  CHECK_FALSE(rate_cell(t, "full_rate", 3));  // no jury: 0/0 is null
}

TEST_CASE("analytics: outcome rates by level and by certifier") {
  const Table lv = outcome_rates(fixture_log(), fixture_registry(), {0, OutcomeGrouping::level});
  REQUIRE(lv.rows() == 3);
  CHECK(int_cell(lv, "level", 0) == 3);
  CHECK(int_cell(lv, "level", 1) == 4);
  CHECK_FALSE(int_cell(lv, "level", 2));  // RS5000 (no level) + unknown codes
  CHECK(counts(lv, 2) == V{3, 2, 1, 1, 0, 0, 0});

  const Table ce =
      outcome_rates(fixture_log(), fixture_registry(), {0, OutcomeGrouping::certifier});
  REQUIRE(ce.rows() == 3);
  CHECK(ce.column("certifier").string_at(0) == A);  // RNCP25467 + RNCP34000
  CHECK(counts(ce, 0) == V{6, 4, 4, 2, 1, 1, 1});
  CHECK(ce.column("certifier").string_at(1) == B);  // RNCP34000 + RS5000
  CHECK(counts(ce, 1) == V{4, 3, 3, 2, 0, 1, 1});
  CHECK(ce.column("certifier").string_at(2) == "unknown");
  CHECK(counts(ce, 2) == V{2, 1, 0, 0, 0, 0, 0});
  CHECK(rate_cell(ce, "admissible_rate", 0) == 4.0 / 6.0);
}

TEST_CASE("analytics: outcome rates suppress small counts and withhold their rates") {
  // Threshold 2: counts 0 and 1 are suppressed; rates using them are withheld.
  const Table t =
      outcome_rates(fixture_log(), fixture_registry(), {2, OutcomeGrouping::certification});
  CHECK(counts(t, 0) == V{3, 2, 2, -1, -1, -1, -1});
  CHECK(rate_cell(t, "admissible_rate", 0) == 2.0 / 3.0);
  CHECK_FALSE(rate_cell(t, "full_rate", 0));
  CHECK(counts(t, 2) == V{-1, -1, -1, -1, -1, -1, -1});
  CHECK_FALSE(rate_cell(t, "admissible_rate", 2));
  CHECK(counts(t, 3) == V{2, -1, -1, -1, -1, -1, -1});
}

TEST_CASE("analytics: outcome rates secondary suppression through jury_held = sum of results") {
  // 12 full, 12 partial, 12 refused, 1 absent: absent (1 < 11) is suppressed and would be
  // jury_held - full - partial - refused = 37 - 36; the smallest part of lowest index (full, 12)
  // is suppressed too, and full_rate is withheld.
  EventLog log;
  const Timestamp at{Date(2024, 1, 8)};
  int n = 0;
  auto add_case = [&](std::uint16_t result) {
    const std::string id = "K" + std::to_string(n++);
    log.append(id, at, EventKind::certification_chosen, Role::counsellor, "", "", "RNCP25467",
               no_payload);
    log.append(id, at, EventKind::admissibility_sent, Role::counsellor, "", "", "", no_payload);
    log.append(id, at, EventKind::jury_held, Role::jury, "", "", "", result);
  };
  for (std::uint16_t r = 1; r <= 3; ++r) {
    for (int i = 0; i < 12; ++i) add_case(r);
  }
  add_case(4);
  const Table t = outcome_rates(log, fixture_registry());
  REQUIRE(t.rows() == 1);
  CHECK(counts(t, 0) == V{37, -1, 37, -1, 12, 12, -1});  // admissible 0 < 11: suppressed
  CHECK_FALSE(rate_cell(t, "full_rate", 0));
  CHECK(rate_cell(t, "partial_rate", 0) == 12.0 / 37.0);
  CHECK(rate_cell(t, "refused_rate", 0) == 12.0 / 37.0);
}

TEST_CASE("analytics: outcome grouping names") {
  CHECK(outcome_grouping_from_string("level") == OutcomeGrouping::level);
  CHECK(to_string(OutcomeGrouping::certifier) == "certifier");
  CHECK_THROWS_AS(outcome_grouping_from_string("antenne"), InvalidArgument);
  // The from_string contract (issue #13): the message names the value and the accepted names.
  vaekit::test::check_from_string_contract<OutcomeGrouping>(
      3, outcome_grouping_from_string, vaekit::try_outcome_grouping_from_string);
}

TEST_CASE("analytics: protection method names follow the from_string contract") {
  vaekit::test::check_from_string_contract<ProtectionMethod>(
      3, protection_method_from_string, vaekit::try_protection_method_from_string);
  CHECK(protection_method_from_string("cell_key") == ProtectionMethod::cell_key);  // old spelling
}
