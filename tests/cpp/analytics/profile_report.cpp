// The activity report by profile (issue 15): hand-worked counts, the state and merge, and the
// disclosure control across tables (the profile cells are in the funnel's one system: the
// differencing attack that per-table suppression would allow is closed, the audit finds nothing).
#include <map>
#include <string>

#include "test_support.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"

using namespace vaekit;

namespace {

using test::event_line;
std::string profile(const std::string& c, const std::string& at, const std::string& data) {
  return event_line(c, at, "profile_recorded", "counsellor", R"(,"data":)" + data);
}
const std::string ant = R"(,"antenne":"A")";

/// Publication of the exact figures (threshold 0).
PublishOptions exact() {
  PublishOptions o;
  o.method = ProtectionMethod::none;
  o.threshold = 0;
  return o;
}

std::size_t col(std::string_view name) {
  for (std::size_t k = 0; k < funnel_columns.size(); ++k) {
    if (funnel_columns[k] == name) return k;
  }
  return funnel_columns.size();
}

/// The key of row (year, sex = @p value).
ActivityReport::ProfileKey sex_key(int year, std::string_view value) {
  const auto values = profile_values(ProfileAttribute::sex);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == value) return {year, ProfileAttribute::sex, static_cast<std::uint16_t>(i + 1)};
  }
  return {year, ProfileAttribute::sex, 0};  // not_recorded
}

/// Hand-worked: cohort 2024 = C1, C2, C3, C5; cohort 2023 = C4.
EventLog hand_log() {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  // C1: a woman, counselled, full validation.
  t += event_line("C1", "2024-01-10", "received", "assistant", ant);
  t += profile("C1", "2024-01-10",
               R"({"sex":"woman","age_band":"35_44","employment":"job_seeker",)"
               R"("qualification":"level_4","departement":"2A","qpv":"yes","rqth":"no"})");
  t += event_line("C1", "2024-01-20", "appointment_held", "counsellor", ant);
  t += event_line("C1", "2024-09-20", "jury_held", "jury", R"(,"data":{"result":"full"})");
  // C2: recorded as a man, then corrected (a later date): a woman; dropped out.
  t += event_line("C2", "2024-02-01", "received", "assistant", ant);
  t += profile("C2", "2024-03-01", R"({"sex":"woman","age_band":"under_26"})");
  t += profile("C2", "2024-02-01", R"({"sex":"man","age_band":"under_26"})");
  t += event_line("C2", "2024-04-01", "dropped_out", "counsellor");
  // C3: no profile recorded; counselled.
  t += event_line("C3", "2024-02-05", "received", "assistant", ant);
  t += event_line("C3", "2024-02-15", "appointment_held", "counsellor", ant);
  // C4: cohort 2023, a man.
  t += event_line("C4", "2023-12-30", "received", "assistant", ant);
  t += profile("C4", "2024-01-02", R"({"sex":"man"})");
  // C5: two profiles the same day: the later line counts (a woman); no sex field: not_stated
  // would be counted had the first one counted.
  t += event_line("C5", "2024-04-01", "received", "assistant", ant);
  t += profile("C5", "2024-04-01", R"({"age_band":"55_plus"})");
  t += profile("C5", "2024-04-01", R"({"sex":"woman","age_band":"55_plus"})");
  return EventLog::parse(t);
}

}  // namespace

TEST_CASE("by profile: counts worked by hand") {
  const ActivityReport r = ActivityReport::compute(hand_log(), ReportOptions{0});
  const auto& pc = r.profile_counts();
  const auto woman = pc.at(sex_key(2024, "woman"));
  CHECK(woman[col("received")] == 3);  // C1, C2, C5
  CHECK(woman[col("counselled")] == 1);
  CHECK(woman[col("jury_held")] == 1);
  CHECK(woman[col("jury_full")] == 1);
  CHECK(woman[col("dropped_out")] == 1);
  const auto none = pc.at(sex_key(2024, "not_recorded"));
  CHECK(none[col("received")] == 1);  // C3
  CHECK(none[col("counselled")] == 1);
  CHECK(pc.count(sex_key(2024, "man")) == 0);  // C2's first record was corrected
  CHECK(pc.at(sex_key(2023, "man"))[col("received")] == 1);
  // Age bands of 2024: under_26 (C2), 35_44 (C1), 55_plus (C5), not_recorded (C3).
  std::map<std::string, std::uint64_t> ages;
  for (const auto& [k, v] : pc) {
    if (std::get<0>(k) == 2024 && std::get<1>(k) == ProfileAttribute::age_band) {
      const auto i = std::get<2>(k);
      ages[i == 0 ? "not_recorded"
                  : std::string(profile_values(ProfileAttribute::age_band)[i - 1])] =
          v[col("received")];
    }
  }
  CHECK(ages == std::map<std::string, std::uint64_t>{
                    {"under_26", 1}, {"35_44", 1}, {"55_plus", 1}, {"not_recorded", 1}});
  // Départements of 2024 (kept by the columnar log since its payload has 32 bits): "2A" (C1);
  // not_stated: C2 and C5, whose profiles do not say; not_recorded: C3. Only the values present
  // have a row, and they add up to the 4 cases received in 2024.
  std::map<std::string, ActivityReport::FunnelCounts> deps;
  for (const auto& [k, v] : pc) {
    if (std::get<0>(k) == 2024 && std::get<1>(k) == ProfileAttribute::departement) {
      const auto i = std::get<2>(k);
      deps[i == 0 ? "not_recorded"
                  : std::string(profile_values(ProfileAttribute::departement)[i - 1])] = v;
    }
  }
  REQUIRE(deps.size() == 3);
  CHECK(deps.at("2A")[col("received")] == 1);
  CHECK(deps.at("2A")[col("counselled")] == 1);
  CHECK(deps.at("2A")[col("jury_full")] == 1);
  CHECK(deps.at("not_stated")[col("received")] == 2);
  CHECK(deps.at("not_stated")[col("dropped_out")] == 1);
  CHECK(deps.at("not_recorded")[col("received")] == 1);
  // 2023: C4, a man whose profile gives no département.
  CHECK(pc.at({2023, ProfileAttribute::departement,
               static_cast<std::uint16_t>(static_cast<unsigned>(Departement::not_stated) +
                                          1)})[col("received")] == 1);

  // The published table (exact): rows, rates from the counts.
  const PublishedReport p = r.publish(exact());
  const Table& t = p.by_profile;
  REQUIRE(t.rows() == pc.size());
  bool seen = false;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    if (t.column("year").int_at(i) == 2024 && t.column("attribute").string_at(i) == "sex" &&
        t.column("value").string_at(i) == "woman") {
      seen = true;
      CHECK(t.column("received").int_at(i) == 3);
      CHECK(t.column("counselled_rate").double_at(i) == 1.0 / 3.0);
      CHECK(t.column("full_rate").double_at(i) == 1.0);
      CHECK(t.column("admissible_rate").is_null(i));  // no request sent: no rate
    }
  }
  CHECK(seen);
  // The département row shows the code itself.
  bool corsica = false;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    if (t.column("attribute").string_at(i) == "departement" &&
        t.column("value").string_at(i) == "2A") {
      corsica = true;
      CHECK(t.column("year").int_at(i) == 2024);
      CHECK(t.column("full_rate").double_at(i) == 1.0);
    }
  }
  CHECK(corsica);
  CHECK(p.to_json().contains("by_profile"));
  CHECK(&p.table("by_profile") == &p.by_profile);
}

TEST_CASE("by profile: state round trip and merge of partitions") {
  const EventLog log = hand_log();
  const ActivityReport whole = ActivityReport::compute(log, ReportOptions{0});
  Json state;
  to_json(state, whole);
  ActivityReport back;
  from_json(state, back);
  CHECK(back == whole);
  // A state written before the département rows (issue 15, first part) still reads: the same
  // report without them.
  {
    Json older = state;
    Json rows = Json::array();
    for (const Json& row : older.at("by_profile"))
      if (row.at("attribute") != "departement") rows.push_back(row);
    REQUIRE(rows.size() < older.at("by_profile").size());
    older["by_profile"] = rows;
    ActivityReport old_report;
    from_json(older, old_report);
    for (const auto& [k, v] : whole.profile_counts()) {
      if (std::get<1>(k) == ProfileAttribute::departement)
        CHECK(old_report.profile_counts().count(k) == 0);
      else
        CHECK(old_report.profile_counts().at(k) == v);
    }
    CHECK(old_report.funnel_counts() == whole.funnel_counts());
  }
  // A state written before issue 15 (no by_profile) still reads.
  state.erase("by_profile");
  from_json(state, back);
  CHECK(back.profile_counts().empty());
  // Partition by case: C1..C3 and C4..C5.
  std::string a = "{\"schema\":\"EventLog.1\"}\n", b = a;
  for (std::size_t i = 0; i < log.size(); ++i) {
    Json j = log.event(i);
    const std::string c = j.at("case").get<std::string>();
    (c < "C4" ? a : b) += j.dump() + "\n";
  }
  ActivityReport merged = ActivityReport::compute(EventLog::parse(a), ReportOptions{0});
  merged.merge(ActivityReport::compute(EventLog::parse(b), ReportOptions{0}));
  CHECK(merged.profile_counts() == whole.profile_counts());
  CHECK(merged.profile_keys() == whole.profile_keys());
}

namespace {
/// 30 people received in 2024: 27 women and 3 men, all 35-44.
EventLog small_groups() {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 30; ++i) {
    const std::string c = "S" + std::to_string(i);
    t += event_line(c, "2024-03-04", "received", "assistant", ant);
    t += profile(
        c, "2024-03-04",
        std::string(R"({"sex":")") + (i < 27 ? "woman" : "man") + R"(","age_band":"35_44"})");
  }
  return EventLog::parse(t);
}

std::optional<std::int64_t> cell(const PublishedReport& p, std::string_view attribute,
                                 std::string_view value, std::string_view column) {
  const Table& t = p.by_profile;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    if (t.column("attribute").string_at(i) == attribute && t.column("value").string_at(i) == value)
      return t.column(std::string(column)).is_null(i)
                 ? std::nullopt
                 : std::optional<std::int64_t>(t.column(std::string(column)).int_at(i));
  }
  return std::nullopt;
}
}  // namespace

TEST_CASE("by profile: differencing the funnel and profile tables recovers nothing") {
  const ActivityReport r = ActivityReport::compute(small_groups(), ReportOptions{5});
  PublishOptions o;
  o.method = ProtectionMethod::suppression;  // exact published figures: the hardest case
  o.threshold = 5;
  const PublishedReport p = r.publish(o);
  // Primary: 3 men < 5.
  CHECK_FALSE(cell(p, "sex", "man", "received"));
  // The attack: funnel total - women = men, or (total withheld) the age table's 35_44 - women.
  const Table& f = p.funnel;
  std::optional<std::int64_t> total;
  for (std::size_t i = 0; i < f.rows(); ++i) {
    if (f.column("antenne").is_null(i) && !f.column("received").is_null(i))
      total = f.column("received").int_at(i);
  }
  const auto age = cell(p, "age_band", "35_44", "received");
  const auto women = cell(p, "sex", "woman", "received");
  // The sex table has two rows (women, men): whenever a total is known (the funnel's, or the
  // only age row standing for it), the women must be withheld too, or 30 - 27 gives the men.
  const std::optional<std::int64_t> known_total = total ? total : age;
  if (known_total) CHECK_FALSE(women.has_value());
  // And the audit over the whole system (every table, every relation) finds nothing.
  const auto audit = p.audit(2.0);
  REQUIRE_FALSE(audit.empty());
  for (const auto& a : audit) CHECK(a.safe);
  // With cell-key noise too.
  o.method = ProtectionMethod::cell_key;
  o.key = std::string(32, 'k');
  const PublishedReport q = r.publish(o);
  for (const auto& a : q.audit(2.0)) CHECK(a.safe);
  CHECK_FALSE(cell(q, "sex", "man", "received"));
}

TEST_CASE("by profile: a log without profile publishes as before") {
  std::string t = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 12; ++i)
    t += event_line("N" + std::to_string(i), "2024-03-04", "received", "assistant", ant);
  const ActivityReport r = ActivityReport::compute(EventLog::parse(t), ReportOptions{0});
  CHECK(r.profile_counts().empty());
  const PublishedReport p = r.publish(exact());
  CHECK(p.by_profile.rows() == 0);
  CHECK_FALSE(p.to_json().contains("by_profile"));
  Json state;
  to_json(state, r);
  CHECK_FALSE(state.contains("by_profile"));
}
