// The employment and funding tables published with the activity report in its one cell system
// (issue 15), and the attacks that published them apart let through:
//   - differencing the employment table and the funnel's employment step: 49 cases fully
//     validated and 3 partially, all received in 2024, all answering the 12-month follow-up.
//     The employment rows by outcome add up to the overall row (49 + 3 = 52), so withholding the
//     3 forces a second withheld cell there; the funnel publishes followed_12m, the same figure
//     as the employment row "full". Published together, the relation is in the one system and
//     the audit (and an attacker's own audit of the published figures) finds every cell safe.
//   - differencing sums of euros: 20 cases granted 1000 EUR by France VAE, 3 cases 500 EUR by an
//     OPCO; the OPCO row's count (3) is withheld and so its sum, but the overall sum (21500) minus
//     France VAE's (20000) gave it (1500).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vaekit/analytics/employment.hpp"
#include "vaekit/analytics/funding.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {

using test::event_line;

/// 49 full and 3 partial validations of 2024 at antenne X, each answering at 12 months (the
/// fully validated: 40 in employment, 9 job seekers; the partial: 2 same job, 1 training).
std::string employment_log() {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 52; ++i) {
    const std::string c = "E" + std::to_string(i);
    const bool full = i < 49;
    const std::string situation =
        full ? (i < 40 ? "same_job" : "job_seeker") : (i < 51 ? "same_job" : "training");
    t += event_line(c, "2024-01-10", "received", "assistant", R"(,"antenne":"X")");
    t += event_line(c, "2024-06-10", "jury_held", "jury",
                    std::string(R"(,"data":{"result":")") + (full ? "full" : "partial") + "\"}");
    t += event_line(c, "2025-06-10", "followup_recorded", "counsellor",
                    R"(,"data":{"months":12,"situation":")" + situation + "\"}");
  }
  return t;
}

PublishOptions exact_figures_published(std::int64_t threshold) {
  PublishOptions o;
  o.method = ProtectionMethod::suppression;  // exact published figures: the hardest case
  o.threshold = threshold;
  return o;
}

/// What an attacker knowing several publications can derive: their cell systems side by side
/// (each cell with what its publication says of it), plus the relations that hold between them
/// by definition, audited as the library audits one publication.
struct Attacker {
  CellSystem sys;
  std::vector<CellBounds> bounds;
  /// Adds a publication's cells and relations; returns the offset of its cells.
  std::size_t add(const CellSystem& cells, const std::vector<CellBounds>& b) {
    const std::size_t base = sys.size();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::size_t j =
          cells.hidden(i) ? sys.add_hidden_cell(cells.value(i)) : sys.add_cell(cells.value(i));
      if (cells.suppressed(i) && !cells.hidden(i)) sys.suppress(j);
    }
    for (const Relation& r : cells.relations()) {
      std::vector<std::size_t> parts;
      for (std::size_t p : r.parts) parts.push_back(base + p);
      sys.add_relation(base + r.total, std::move(parts), r.kind);
    }
    bounds.insert(bounds.end(), b.begin(), b.end());
    return base;
  }
  /// The suppressed cells it pins closer than @p protection.
  [[nodiscard]] std::size_t unsafe(double protection) const {
    std::size_t n = 0;
    for (const AuditInterval& a : audit_intervals(sys, bounds, protection)) n += a.safe ? 0 : 1;
    return n;
  }
};

/// The index of the cell labelled (table, column) whose row has @p key = @p value.
std::size_t cell_of(const std::vector<Json>& labels, std::string_view table,
                    std::string_view column, const Json& row_subset) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Json& l = labels[i];
    if (l.value("table", "") != table || l.value("column", "") != column) continue;
    bool match = true;
    for (const auto& [k, v] : row_subset.items())
      match = match && l.at("row").value(k, Json()) == v;
    if (match) return i;
  }
  FAIL("no such cell");
  return 0;
}

}  // namespace

TEST_CASE(
    "annexes: the employment table and the funnel in one system resist the cross-table attack") {
  const std::string text = employment_log();
  const EventRecords records = parse_event_log(text);
  const ActivityReport report = ActivityReport::compute(EventLog::parse(text), ReportOptions{5});
  const PublishOptions o = exact_figures_published(5);

  // The cross relations true by definition in this log (every case received in 2024): the
  // funnel's totals-row step = the employment row of the fully validated at 12 months.
  auto link = [](Attacker& a, const std::vector<Json>& l1, std::size_t b1,
                 const std::vector<Json>& l2, std::size_t b2) {
    const Json totals{{"year", 2024}, {"antenne", nullptr}};
    const Json full{{"by", "outcome"}, {"value", "full"}, {"months", 12}};
    a.sys.add_relation(b2 + cell_of(l2, "employment", "answered", full),
                       {b1 + cell_of(l1, "funnel", "followed_12m", totals)});
    a.sys.add_relation(b2 + cell_of(l2, "employment", "employed", full),
                       {b1 + cell_of(l1, "funnel", "employed_12m", totals)});
  };

  // Apart (the employment table in its own system): each is safe on its own; nothing audits
  // their union (the relation is unknown to both systems): whether it holds depends on which
  // cells each secondary suppression happened to pick.
  const PublishedReport alone = report.publish(o);
  EmploymentOptions eo;
  eo.publish = o;
  const EmploymentIndicators apart = employment_indicators(records.events, eo);
  for (const auto& a : apart.cells.audit_result()) CHECK(a.safe);
  for (const auto& a : alone.audit_result) CHECK(a.safe);

  // Together: one system; its own audit and the attacker's find every withheld cell safe.
  ReportAnnexes annexes;
  annexes.events = records.events;
  const PublishedReport together = report.publish(o, annexes);
  REQUIRE(together.employment.rows() == apart.table.rows());
  REQUIRE_FALSE(together.audit_result.empty());
  for (const auto& a : together.audit_result) CHECK(a.safe);
  {
    Attacker attacker;
    attacker.add(together.cells, together.bounds);
    link(attacker, together.labels, 0, together.labels, 0);
    CHECK(attacker.unsafe(2.0) == 0);
  }
  // The 3 partial validations stay withheld, and so does the figure that would give them.
  const Table& e = together.employment;
  std::optional<std::int64_t> partial, full, all;
  for (std::size_t r = 0; r < e.rows(); ++r) {
    if (e.column("months").int_at(r) != 12) continue;
    const auto v = e.column("answered").is_null(r)
                       ? std::nullopt
                       : std::optional<std::int64_t>(e.column("answered").int_at(r));
    if (e.column("by").string_at(r) == "all") all = v;
    if (!e.column("value").is_null(r) && e.column("value").string_at(r) == "partial") partial = v;
    if (!e.column("value").is_null(r) && e.column("value").string_at(r) == "full") full = v;
  }
  CHECK_FALSE(partial);
  CHECK_FALSE((all && full));
  // Every withheld employment cell is listed with the report's withheld cells.
  std::size_t listed = 0;
  for (const SuppressedCell& s : together.suppressed) listed += s.table == "employment";
  CHECK(listed > 0);
  // The JSON document and the table by name carry the annex.
  CHECK(together.to_json().contains("employment"));
  CHECK(&together.table("employment") == &together.employment);
  // Without annexes, the report is what it was.
  CHECK(alone.to_json() == report.publish(o, ReportAnnexes{}).to_json());
}

namespace {
/// 20 cases granted 1000 EUR by France VAE and 3 granted 500 EUR by an OPCO, all received in
/// 2024 at X; no jury.
std::string funding_log() {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 23; ++i) {
    const std::string c = "F" + std::to_string(i);
    const bool fvae = i < 20;
    t += event_line(c, "2024-01-10", "received", "assistant", R"(,"antenne":"X")");
    t += event_line(c, "2024-02-10", "funding_decided", "funder",
                    std::string(R"(,"data":{"funding_kind":"individual_support","funding":")") +
                        (fvae ? "france_vae" : "opco") + R"(","hours":)" + (fvae ? "20" : "10") +
                        R"(,"amount":)" + (fvae ? "1000" : "500") + R"(,"granted":true})");
  }
  return t;
}

/// For each sum column of the mix: whether a withheld row sum (with a published total) is the
/// total minus the published row sums, i.e. the only one withheld.
bool a_sum_is_recoverable(const Table& mix) {
  const std::size_t total = mix.rows() - 1;  // the overall row is last
  for (auto name : funding_sum_columns) {
    const Column& col = mix.column(std::string(name));
    if (col.is_null(total)) continue;
    std::size_t withheld = 0;
    for (std::size_t r = 0; r < total; ++r) withheld += col.is_null(r) ? 1u : 0u;
    if (withheld == 1) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("annexes: a withheld sum of euros is not the total minus the published sums") {
  const std::string text = funding_log();
  const EventRecords records = parse_event_log(text);
  const PublishOptions o = exact_figures_published(5);
  const FundingReport f = funding_report(records.events, o);
  // The OPCO's 3 cases are withheld, and so is its sum; France VAE's sum is withheld beside it
  // (the total stays: 21500 EUR for 23 cases).
  const Table& mix = f.mix;
  REQUIRE(mix.rows() == 3);
  CHECK(mix.column("funding").string_at(1) == "opco");
  CHECK(mix.column("cases_granted").is_null(1));
  CHECK(mix.column("granted_amount").is_null(1));
  CHECK(mix.column("granted_amount").is_null(0));
  CHECK(mix.column("granted_amount").double_at(2) == 21500.0);
  CHECK_FALSE(a_sum_is_recoverable(mix));
  CHECK(f.withheld_sums.size() >= 2);
  // The cost table's overall granted euros are the same figure: both published here, both
  // leaving the two rows unknown.
  const Table& cost = f.cost;
  CHECK(cost.column("granted_amount").double_at(cost.rows() - 1) == 21500.0);

  // Published with the report: the same tables, the same protection, in the report's system.
  const ActivityReport report = ActivityReport::compute(EventLog::parse(text), ReportOptions{5});
  ReportAnnexes annexes;
  annexes.events = records.events;
  const PublishedReport p = report.publish(o, annexes);
  CHECK(p.funding_mix.to_records() == mix.to_records());
  CHECK(p.funding_cost.to_records() == cost.to_records());
  CHECK_FALSE(a_sum_is_recoverable(p.funding_mix));
  for (const auto& a : p.audit_result) CHECK(a.safe);
  std::size_t sums_listed = 0;
  for (const SuppressedCell& s : p.suppressed)
    sums_listed += s.table == "funding_mix" && s.column == "granted_amount";
  CHECK(sums_listed == 2);
}

TEST_CASE("annexes: no follow-up and no funding event, no annex table") {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 12; ++i)
    t += event_line("N" + std::to_string(i), "2024-03-04", "received", "assistant",
                    R"(,"antenne":"X")");
  const EventRecords records = parse_event_log(t);
  const ActivityReport report = ActivityReport::compute(EventLog::parse(t), ReportOptions{0});
  ReportAnnexes annexes;
  annexes.events = records.events;
  const PublishedReport p = report.publish(exact_figures_published(0), annexes);
  CHECK(p.employment.rows() == 0);
  CHECK(p.funding_mix.rows() == 0);
  CHECK_FALSE(p.to_json().contains("employment"));
  CHECK(p.to_json() == report.publish(exact_figures_published(0)).to_json());
  // An unknown grouping is the employment function's error.
  annexes.employment_by = {"shoe_size"};
  std::string with_followup = t + event_line("N0", "2025-03-04", "followup_recorded", "counsellor",
                                             R"(,"data":{"months":12,"situation":"same_job"})");
  const EventRecords r2 = parse_event_log(with_followup);
  annexes.events = r2.events;
  CHECK_THROWS_AS(report.publish(exact_figures_published(0), annexes), InvalidArgument);
}

namespace {
/// 30 requests for RNCP25467 and 3 for RNCP34000 (tests/data/analytics/outcomes_registry.json),
/// every case received in 2024 at X.
std::string outcomes_log() {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 33; ++i) {
    const std::string c = "O" + std::to_string(i);
    const std::string code = i < 30 ? "RNCP25467" : "RNCP34000";
    t += event_line(c, "2024-01-10", "received", "assistant", R"(,"antenne":"X")");
    t += event_line(c, "2024-02-10", "certification_chosen", "counsellor",
                    R"(,"certification":")" + code + "\"");
    t += event_line(c, "2024-03-10", "admissibility_sent", "candidate",
                    R"(,"certification":")" + code + "\"");
  }
  return t;
}
}  // namespace

TEST_CASE("annexes: the outcome rates by certification beside the funnel") {
  const std::string text = outcomes_log();
  const EventLog log = EventLog::parse(text);
  const Registry registry = Registry::load(test::data_dir() / "analytics/outcomes_registry.json");
  const ActivityReport report = ActivityReport::compute(log, ReportOptions{5});
  const PublishOptions o = exact_figures_published(5);
  // Apart: the table withholds the 3 requests of RNCP34000 and publishes the 30 of RNCP25467;
  // the funnel publishes the 33 requests of the cohort: 33 - 30 = 3.
  const Table apart =
      outcome_rates(log, registry, OutcomeOptions{5, OutcomeGrouping::certification});
  const PublishedReport alone = report.publish(o);
  REQUIRE(apart.rows() == 2);
  CHECK(apart.column("admissibility_sent").is_null(1));
  CHECK(apart.column("admissibility_sent").int_at(0) == 30);
  std::optional<std::int64_t> funnel_sent;
  for (std::size_t r = 0; r < alone.funnel.rows(); ++r) {
    if (alone.funnel.column("antenne").is_null(r) &&
        !alone.funnel.column("admissibility_sent").is_null(r))
      funnel_sent = alone.funnel.column("admissibility_sent").int_at(r);
  }
  REQUIRE(funnel_sent);
  CHECK(*funnel_sent - apart.column("admissibility_sent").int_at(0) == 3);  // the leak

  // Together: one system; the difference no longer gives the withheld figure.
  const EventRecords records = parse_event_log(text);
  ReportAnnexes annexes;
  annexes.events = records.events;
  annexes.log = &log;
  annexes.registry = &registry;
  annexes.outcomes_by = {"certification", "certifier"};
  const PublishedReport p = report.publish(o, annexes);
  const Table& t = p.outcomes_by_certification;
  REQUIRE(t.rows() == 2);
  CHECK(t.column("admissibility_sent").is_null(1));
  std::optional<std::int64_t> total;
  for (std::size_t r = 0; r < p.funnel.rows(); ++r) {
    if (p.funnel.column("antenne").is_null(r) && !p.funnel.column("admissibility_sent").is_null(r))
      total = p.funnel.column("admissibility_sent").int_at(r);
  }
  CHECK_FALSE((total && !t.column("admissibility_sent").is_null(0)));
  for (const auto& a : p.audit_result) CHECK(a.safe);
  CHECK(p.outcomes_by_certifier.rows() > 0);
  CHECK(p.to_json().contains("outcomes_by_certification"));
  CHECK(&p.table("outcomes_by_certifier") == &p.outcomes_by_certifier);
  // The same rows as the table published apart (its keys and, where both publish, its counts).
  for (std::size_t r = 0; r < t.rows(); ++r)
    CHECK(t.column("certification").string_at(r) == apart.column("certification").string_at(r));
  annexes.outcomes_by = {"shoe_size"};
  CHECK_THROWS_AS(report.publish(o, annexes), InvalidArgument);
}
