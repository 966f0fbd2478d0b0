// Reception by channel and drop-outs by reason (issue 15): hand-worked counts, the state and
// merge laws, and the disclosure control across tables — the page used to protect these two
// tables in a CellSystem of their own with exact published values, so an attacker could take a
// funnel cell withheld by the report back from the page's exact antenne total (the attack below);
// in the report's one system the audit finds every withheld cell safe.
#include <map>
#include <string>

#include "test_support.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"

using namespace vaekit;

namespace {

std::string line(const std::string& c, const std::string& at, const std::string& event,
                 const std::string& role, const std::string& rest = "") {
  return R"({"case":")" + c + R"(","at":")" + at + R"(","event":")" + event + R"(","role":")" +
         role + "\"" + rest + "}\n";
}
std::string at(const std::string& antenne) {
  return antenne.empty() ? "" : R"(,"antenne":")" + antenne + "\"";
}
std::string received(const std::string& c, const std::string& day, const std::string& antenne,
                     const std::string& channel) {
  const std::string data = channel.empty() ? "" : R"(,"data":{"channel":")" + channel + "\"}";
  return line(c, day, "received", "assistant", at(antenne) + data);
}
std::string dropped(const std::string& c, const std::string& day, const std::string& reason) {
  const std::string data = reason.empty() ? "" : R"(,"data":{"reason_code":")" + reason + "\"}";
  return line(c, day, "dropped_out", "counsellor", data);
}
const std::string head = "{\"schema\":\"EventLog.1\"}\n";

PublishOptions exact() {
  PublishOptions o;
  o.method = ProtectionMethod::none;
  o.threshold = 0;
  return o;
}

using Key = ActivityReport::CategoryKey;
Key key(int year, const char* antenne, const char* value) {
  return {year, antenne ? std::optional<std::string>(antenne) : std::nullopt, value};
}

/// The hand-worked log (each case's expected row in the comments; docs/analytics.md, "Reception
/// by channel and drop-outs by reason", states the rules).
std::string hand_log() {
  std::string t = head;
  // C1: first reception 2024-01-10 at A by walk-in (the later one at B by phone does not count).
  t += received("C1", "2024-01-10", "A", "walk_in");
  // C2: two receptions on the same day: the first line counts (A, phone), as for the antenne.
  t += received("C2", "2024-03-01", "A", "phone");
  t += received("C2", "2024-03-01", "B", "online");
  t += received("C1", "2024-02-01", "B", "phone");
  // C3: no antenne, no channel: the totals row only, not_stated.
  t += received("C3", "2024-05-01", "", "");
  // C4: a France VAE candidacy stands for the reception (funnel_steps.hpp): no channel.
  t += line("C4", "2024-06-01", "candidacy_submitted", "candidate",
            at("B") + R"(,"data":{"accompaniment":"accompanied"})");
  // C5: cohort 2023 at B; two drop-outs: the latest by time counts (funding_problem), not the
  // later line.
  t += received("C5", "2023-12-31", "B", "info_session");
  t += dropped("C5", "2024-02-01", "funding_problem");
  t += dropped("C5", "2024-01-15", "lack_of_time");
  // C6: two drop-outs at the same time: the later line counts, and it has no code.
  t += received("C6", "2024-01-01", "A", "walk_in");
  t += dropped("C6", "2024-03-01", "inactivity");
  t += dropped("C6", "2024-03-01", "");
  // C7: a drop-out without reception: in no funnel row, so in no reason row.
  t += dropped("C7", "2024-03-01", "other");
  return t;
}

std::uint64_t rk(std::initializer_list<const char*> ids) {
  std::uint64_t s = 0;
  for (const char* id : ids) s += record_key(id);
  return s;
}

}  // namespace

TEST_CASE("by channel and reason: hand-worked counts, keys and the funnel's sums") {
  const ActivityReport r = ActivityReport::compute(EventLog::parse(hand_log()), ReportOptions{0});
  using C = ActivityReport::CategoryCount;
  const std::map<Key, C> channels = {
      {key(2023, nullptr, "info_session"), C{1, rk({"C5"})}},
      {key(2023, "B", "info_session"), C{1, rk({"C5"})}},
      {key(2024, nullptr, "not_stated"), C{2, rk({"C3", "C4"})}},
      {key(2024, nullptr, "phone"), C{1, rk({"C2"})}},
      {key(2024, nullptr, "walk_in"), C{2, rk({"C1", "C6"})}},
      {key(2024, "A", "phone"), C{1, rk({"C2"})}},
      {key(2024, "A", "walk_in"), C{2, rk({"C1", "C6"})}},
      {key(2024, "B", "not_stated"), C{1, rk({"C4"})}},
  };
  CHECK(r.channel_counts() == channels);
  const std::map<Key, C> reasons = {
      {key(2023, nullptr, "funding_problem"), C{1, rk({"C5"})}},
      {key(2023, "B", "funding_problem"), C{1, rk({"C5"})}},
      {key(2024, nullptr, "not_coded"), C{1, rk({"C6"})}},
      {key(2024, "A", "not_coded"), C{1, rk({"C6"})}},
  };
  CHECK(r.dropout_reason_counts() == reasons);
  // By definition: per funnel row, the channels add up to received and the reasons to
  // dropped_out (the funnel's own cases, the same record keys).
  for (const auto& [fkey, counts] : r.funnel_counts()) {
    std::uint64_t ch = 0, ch_key = 0, dr = 0;
    for (const auto& [k, c] : r.channel_counts()) {
      if (std::get<0>(k) == fkey.first && std::get<1>(k) == fkey.second) {
        ch += c.cases;
        ch_key += c.key;
      }
    }
    for (const auto& [k, c] : r.dropout_reason_counts()) {
      if (std::get<0>(k) == fkey.first && std::get<1>(k) == fkey.second) dr += c.cases;
    }
    CHECK(ch == counts[0]);
    CHECK(ch_key == r.funnel_keys().at(fkey)[0]);
    CHECK(dr == counts[funnel_columns.size() - 1]);
  }
  // Published exactly at threshold 0: rows (year, antenne, value, cases) in key order, dense:
  // every funnel row (5) times every value present (4 channels, 2 reasons), 0 where none, so
  // that a missing row never says 0.
  const PublishedReport p = r.publish(exact());
  REQUIRE(p.by_channel.rows() == 5 * 4);
  REQUIRE(p.dropout_reasons.rows() == 5 * 2);
  for (const auto& [table, expected] :
       {std::pair{&p.by_channel, &channels}, std::pair{&p.dropout_reasons, &reasons}}) {
    const Table& t = *table;
    for (std::size_t i = 0; i < t.rows(); ++i) {
      const Key k{static_cast<int>(t.column("year").int_at(i)),
                  t.column("antenne").is_null(i)
                      ? std::nullopt
                      : std::optional<std::string>(t.column("antenne").string_at(i)),
                  std::string(t.column("value").string_at(i))};
      const auto it = expected->find(k);
      CHECK(t.column("cases").int_at(i) ==
            static_cast<std::int64_t>(it != expected->end() ? it->second.cases : 0));
    }
  }
  CHECK(&p.table("by_channel") == &p.by_channel);
  CHECK(&p.table("dropout_reasons") == &p.dropout_reasons);
  const Json doc = p.to_json();
  CHECK(doc.at("by_channel").size() == 20);
  CHECK(doc.at("dropout_reasons").size() == 10);
  CHECK(doc.at("by_channel")[0] ==
        Json{{"year", 2023}, {"antenne", nullptr}, {"value", "info_session"}, {"cases", 1}});
  CHECK(doc.at("by_channel")[5] ==
        Json{{"year", 2023}, {"antenne", "B"}, {"value", "not_stated"}, {"cases", 0}});
}

TEST_CASE("by channel and reason: a log without channel or reason code publishes as before") {
  std::string t = head;
  for (int i = 0; i < 12; ++i) {
    t += received("N" + std::to_string(i), "2024-03-04", "A", "");
    if (i < 4) t += dropped("N" + std::to_string(i), "2024-04-04", "");
  }
  const ActivityReport r = ActivityReport::compute(EventLog::parse(t), ReportOptions{0});
  // The exact state keeps them (the merge law needs it) ...
  CHECK(r.channel_counts().at(key(2024, "A", "not_stated")).cases == 12);
  CHECK(r.dropout_reason_counts().at(key(2024, nullptr, "not_coded")).cases == 4);
  // ... but a table that would only repeat the funnel's column is not published.
  for (const PublishedReport& p : {r.publish(exact()), r.publish()}) {
    CHECK(p.by_channel.rows() == 0);
    CHECK(p.dropout_reasons.rows() == 0);
    CHECK(p.by_channel.columns().size() == 4);
    CHECK_FALSE(p.to_json().contains("by_channel"));
    CHECK_FALSE(p.to_json().contains("dropout_reasons"));
  }
}

TEST_CASE("by channel and reason: state round trip, and the merge of partitions by case") {
  const std::string text = hand_log();
  const ActivityReport whole = ActivityReport::compute(EventLog::parse(text), ReportOptions{0});
  Json state;
  to_json(state, whole);
  REQUIRE(state.contains("by_channel"));
  REQUIRE(state.contains("dropout_reasons"));
  ActivityReport back;
  from_json(state, back);
  CHECK(back == whole);
  // Every split of the cases into two logs merges into the whole (the law of merge()).
  const unsigned mask = GENERATE(range(0u, 128u));
  std::string a = head, b = head;
  std::size_t pos = text.find('\n') + 1;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos) + 1;
    const std::string l = text.substr(pos, end - pos);
    const int c = l[10] - '0';  // {"case":"C<digit>"
    ((mask >> (c - 1)) & 1u ? a : b) += l;
    pos = end;
  }
  ActivityReport merged = ActivityReport::compute(EventLog::parse(a), ReportOptions{0});
  merged.merge(ActivityReport::compute(EventLog::parse(b), ReportOptions{0}));
  CHECK(merged.channel_counts() == whole.channel_counts());
  CHECK(merged.dropout_reason_counts() == whole.dropout_reason_counts());
  CHECK(merged == whole);
}

TEST_CASE("by channel and reason: an older state (no rows) reads, a bad value is a typed error") {
  const ActivityReport whole =
      ActivityReport::compute(EventLog::parse(hand_log()), ReportOptions{0});
  Json state;
  to_json(state, whole);
  Json older = state;
  older.erase("by_channel");
  older.erase("dropout_reasons");
  ActivityReport old;
  from_json(older, old);
  CHECK(old.channel_counts().empty());
  // Merged with a report that has them, the sums are >= (not =) and still publish.
  old.merge(whole);
  const PublishedReport p = old.publish();
  for (const auto& a : p.audit(2.0)) CHECK(a.safe);
  Json bad = state;
  bad["by_channel"][0]["value"] = "carrier_pigeon";
  ActivityReport r;
  CHECK_THROWS_AS(from_json(bad, r), ParseError);
  bad = state;
  bad["dropout_reasons"] = 3;
  CHECK_THROWS_AS(from_json(bad, r), ParseError);
}

namespace {

/// Antenne A: 3 people in 2023 (walk-in), 20 in 2024 (14 walk-in, 6 phone); antenne B: 20 in
/// 2023 and 20 in 2024 (walk-in).
std::string attack_log(bool channels) {
  std::string t = head;
  int n = 0;
  auto add = [&](const char* day, const char* antenne, const char* channel, int count) {
    for (int i = 0; i < count; ++i)
      t += received("P" + std::to_string(n++), day, antenne, channels ? channel : "");
  };
  add("2023-03-01", "A", "walk_in", 3);
  add("2024-03-01", "A", "walk_in", 14);
  add("2024-03-01", "A", "phone", 6);
  add("2023-03-01", "B", "walk_in", 20);
  add("2024-03-01", "B", "walk_in", 20);
  return t;
}

std::optional<std::int64_t> funnel_received(const PublishedReport& p, int year,
                                            const char* antenne) {
  const Table& f = p.funnel;
  for (std::size_t i = 0; i < f.rows(); ++i) {
    if (f.column("year").int_at(i) != year) continue;
    if (antenne ? f.column("antenne").is_null(i) || f.column("antenne").string_at(i) != antenne
                : !f.column("antenne").is_null(i))
      continue;
    if (f.column("received").is_null(i)) return std::nullopt;
    return f.column("received").int_at(i);
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("by channel: the page's separate protection gave a withheld funnel cell away") {
  PublishOptions o;
  o.method = ProtectionMethod::suppression;  // exact published figures: the hardest case
  o.threshold = 5;
  // The OLD publication: the report's funnel alone (the log's channels were not in it) ...
  const PublishedReport old_report =
      ActivityReport::compute(EventLog::parse(attack_log(false)), ReportOptions{5}).publish(o);
  CHECK_FALSE(funnel_received(old_report, 2023, "A"));  // 3 < 5: withheld
  const auto a_2024 = funnel_received(old_report, 2024, "A");
  REQUIRE(a_2024 == 20);
  // ... and the page's table, antenne x channel over the whole log with its own CellSystem and
  // exact values (report/page.py `_protect` before issue 15, rebuilt here cell for cell).
  const std::map<std::pair<std::string, std::string>, std::int64_t> counts = {
      {{"A", "phone"}, 6}, {{"A", "walk_in"}, 17}, {{"B", "phone"}, 0}, {{"B", "walk_in"}, 40}};
  CellSystem page;
  std::map<std::pair<std::string, std::string>, std::size_t> idx;
  for (const char* a : {"A", "B"}) {
    std::vector<std::size_t> parts;
    std::int64_t sum = 0;
    for (const char* c : {"phone", "walk_in"}) {
      parts.push_back(idx[{a, c}] = page.add_cell(counts.at({a, c})));
      sum += counts.at({a, c});
    }
    idx[{a, ""}] = page.add_cell(sum);
    page.add_relation(idx[{a, ""}], parts);
  }
  for (const char* c : {"phone", "walk_in"}) {
    idx[{"", c}] = page.add_cell(counts.at({"A", c}) + counts.at({"B", c}));
    page.add_relation(idx[{"", c}], {idx[{"A", c}], idx[{"B", c}]});
  }
  page.protect(5);
  // The page published A's total over both years exactly ...
  REQUIRE_FALSE(page.suppressed(idx[{"A", ""}]));
  const std::int64_t a_total = page.value(idx[{"A", ""}]);
  // ... so A's withheld 2023 cell is that total minus the report's 2024 cell.
  CHECK(a_total - *a_2024 == 3);

  // The NEW publication: one system; the channel rows are cells of it, per cohort year.
  const ActivityReport r = ActivityReport::compute(EventLog::parse(attack_log(true)), {5});
  for (const ProtectionMethod m : {ProtectionMethod::suppression, ProtectionMethod::cell_key}) {
    o.method = m;
    o.key = std::string(32, 'k');
    const PublishedReport p = r.publish(o);
    CHECK_FALSE(funnel_received(p, 2023, "A"));
    // The row (2023, A, walk_in) is the same 3 people: withheld too, and listed.
    const Table& t = p.by_channel;
    REQUIRE(t.rows() > 0);
    bool seen = false;
    for (std::size_t i = 0; i < t.rows(); ++i) {
      if (t.column("year").int_at(i) == 2023 && !t.column("antenne").is_null(i) &&
          t.column("antenne").string_at(i) == "A") {
        seen = true;
        CHECK(t.column("cases").is_null(i));
      }
    }
    CHECK(seen);
    bool listed = false;
    for (const SuppressedCell& s : p.suppressed) {
      listed = listed || (s.table == "by_channel" && s.row.at("year") == 2023 &&
                          s.row.at("antenne") == "A" && s.column == "cases");
    }
    CHECK(listed);
    // No table of the page sums over the cohort years any more, and the audit over every cell
    // and relation of the one system (funnel, channels, durations, monthly) finds nothing.
    const auto audit = p.audit(2.0);
    REQUIRE_FALSE(audit.empty());
    for (const auto& a : audit) CHECK(a.safe);
  }
}

TEST_CASE("by reason: every withheld cell of a report with coded drop-outs is safe") {
  std::string t = head;
  const char* reasons[] = {"inactivity", "funding_problem", "back_to_work", "other"};
  for (int i = 0; i < 60; ++i) {
    const std::string c = "D" + std::to_string(i);
    t += received(c, i % 3 ? "2024-02-01" : "2023-05-01", i % 2 ? "A" : "B", "phone");
    if (i % 4 != 0) t += dropped(c, "2024-06-01", i % 7 == 0 ? "" : reasons[i % 4]);
  }
  const ActivityReport r = ActivityReport::compute(EventLog::parse(t), ReportOptions{11});
  for (const ProtectionMethod m : {ProtectionMethod::suppression, ProtectionMethod::cell_key}) {
    PublishOptions o;
    o.method = m;
    o.threshold = 11;
    const PublishedReport p = r.publish(o);
    REQUIRE(p.dropout_reasons.rows() > 0);
    for (const auto& a : p.audit(2.0)) CHECK(a.safe);
    // Every cell under the threshold is withheld and listed.
    const Table& d = p.dropout_reasons;
    std::size_t withheld = 0;
    for (std::size_t i = 0; i < d.rows(); ++i) withheld += d.column("cases").is_null(i);
    std::size_t listed = 0;
    for (const SuppressedCell& s : p.suppressed) listed += s.table == "dropout_reasons";
    CHECK(withheld == listed);
    CHECK(withheld > 0);
  }
}
