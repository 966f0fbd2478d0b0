// Analytics: numpy statistics worked by hand, reader parity with the pathway reader, exact merge,
// disclosure control, HMAC test vector.
#include <cmath>
#include <filesystem>

#include "test_support.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/process.hpp"
#include "vaekit/analytics/pseudonym.hpp"
#include "vaekit/analytics/report.hpp"

using namespace vaekit;

namespace {
Distribution dist(std::initializer_list<std::int32_t> values) {
  Distribution d;
  for (auto v : values) ++d[v];
  return d;
}
std::filesystem::path example_log() {
  return vaekit::test::data_dir().parent_path().parent_path() /
         "examples/data/analytics/eventlog.jsonl";
}
}  // namespace

TEST_CASE("analytics: numpy median and percentile, worked by hand") {
  // numpy.percentile([10, 20], 90): virtual index 0.9, t = 0.9 >= 0.5 -> 20 - 10 * 0.1 = 19.
  CHECK(numpy_percentile(dist({10, 20}), 90) == 20.0 - 10.0 * (1 - 0.9));
  // [1, 2, 3, 4]: index 2.7 -> 4 - 1 * 0.3 (numpy gives 3.7 bit for bit with this formula).
  CHECK(numpy_percentile(dist({4, 1, 3, 2}), 90) == 4.0 - 1.0 * (1 - (3 * 0.9 - 2)));
  CHECK(numpy_median(dist({1, 2, 3, 4})) == 2.5);
  CHECK(numpy_median(dist({5, 1, 9})) == 5.0);
  CHECK(numpy_percentile(dist({7}), 90) == 7.0);
  const auto s = describe(dist({1, 1, 2}));
  CHECK(s.count == 3);
  CHECK(*s.mean == 4.0 / 3.0);
  CHECK(describe(Distribution{}).mean.has_value() == false);
  CHECK_THROWS_AS(numpy_median(Distribution{}), InvalidArgument);
}

TEST_CASE("analytics: the columnar reader rejects exactly what the pathway reader rejects") {
  const auto path = vaekit::test::data_dir() / "analytics/bad_lines.jsonl";
  const auto mine = EventLog::read(path, ReadMode::lenient);
  const auto theirs = read_event_log(path, ReadMode::lenient);
  CHECK(mine.rejects() == theirs.rejects);
  CHECK(mine.records_read() == mine.size() + mine.rejects().size());
  CHECK(mine.same_events(EventLog::from_events(theirs.events)));
  CHECK(mine.header().present);
  try {
    (void)EventLog::read(path, ReadMode::strict);
    FAIL("strict mode must throw");
  } catch (const ParseError& e) {
    CHECK(e.where().line == theirs.rejects.front().line);
  }
}

TEST_CASE("analytics: partitioned then merged equals whole (example log)") {
  const auto log = EventLog::read(example_log());
  REQUIRE(log.size() > 1000);
  const auto whole = ActivityReport::compute(log, {0});
  const int parts = GENERATE(2, 3, 7);
  std::vector<EventLog> part(static_cast<std::size_t>(parts));
  for (std::size_t i = 0; i < log.size(); ++i) {
    part[log.case_column()[i] % static_cast<std::uint32_t>(parts)].append(log.event(i));
  }
  ActivityReport merged;
  merged.set_threshold(0);
  for (const auto& p : part) merged.merge(ActivityReport::compute(p, {0}));
  CHECK(merged == whole);
  CHECK(merged.to_json() == whole.to_json());
  // Issue 15: the rows by channel and by drop-out reason too (the example log states channels).
  REQUIRE_FALSE(whole.channel_counts().empty());
  CHECK(merged.channel_counts() == whole.channel_counts());
  CHECK(merged.dropout_reason_counts() == whole.dropout_reason_counts());
  // The state document round-trips.
  CHECK(from_document<ActivityReport>(to_document(whole)) == whole);
}

TEST_CASE("analytics: disclosure control on a 2x2 table with margins") {
  // | 3  40 | 43      3 < 11 is suppressed; its row and column partners and one more cell must
  // | 50 60 | 110     follow so that the suppressed cells form a cycle.
  //  53 100  153
  CellSystem s;
  const auto a = s.add_cell(3), b = s.add_cell(40), c = s.add_cell(50), d = s.add_cell(60);
  const auto r1 = s.add_cell(43), r2 = s.add_cell(110), c1 = s.add_cell(53), c2 = s.add_cell(100),
             t = s.add_cell(153);
  s.add_relation(r1, {a, b});
  s.add_relation(r2, {c, d});
  s.add_relation(c1, {a, c});
  s.add_relation(c2, {b, d});
  s.add_relation(t, {r1, r2});
  s.add_relation(t, {c1, c2});
  s.suppress(a);
  CHECK(s.recomputable() == std::vector<std::size_t>{a});
  CHECK(s.protect(11) == 3);
  CHECK(s.recomputable().empty());
  CHECK((s.suppressed(a) && s.suppressed(b) && s.suppressed(c) && s.suppressed(d)));
}

TEST_CASE("analytics: HMAC-SHA-256 test vector and pseudonyms") {
  // RFC 4231, test case 2.
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const PseudonymKey key("0123456789abcdef0123456789abcdef");
  CHECK(key.pseudonym("case", "C1") ==
        hmac_sha256_hex("0123456789abcdef0123456789abcdef", "case:C1").substr(0, 32));
  CHECK(key.pseudonym("case", "C1") != key.pseudonym("staff", "C1"));
  CHECK_THROWS_AS(PseudonymKey("short"), InvalidArgument);
  const auto log = EventLog::read(example_log());
  const auto p = pseudonymise(log, key);
  CHECK(p.size() == log.size());
  CHECK(p.cases()[0] == key.pseudonym("case", log.cases()[0]));
  CHECK(ActivityReport::compute(p, {0}).funnel_counts() ==
        ActivityReport::compute(log, {0}).funnel_counts());
}

TEST_CASE("analytics: memory per event") {
  const auto log = EventLog::read(example_log());
  // The columns: case 4, packed time 8, kind 1, role 1, antenne 4, staff 4, certification 4,
  // payload 4 (2 until the profile's département was kept, issue 15).
  CHECK(EventLog::bytes_per_event == 30);
  CHECK(EventLog::bytes_per_event ==
        sizeof(std::uint32_t) * 4 + sizeof(std::int64_t) + sizeof(EventKind) + sizeof(Role) +
            sizeof(decltype(EventLog{}.payload_column())::element_type));
  const std::size_t pools = log.cases().memory_bytes() + log.antennes().memory_bytes() +
                            log.staff().memory_bytes() + log.certifications().memory_bytes();
  CHECK(log.memory_bytes() == log.size() * EventLog::bytes_per_event + pools);
  // The string pools add under 4 bytes an event on this log.
  CHECK(log.memory_bytes() <= log.size() * (EventLog::bytes_per_event + 4));
}

TEST_CASE("analytics: packed times round-trip and order like (date, time, offset)") {
  const std::int32_t day = GENERATE(-25'567, -1, 0, 1, 17'000, 2'932'896);
  const std::int32_t millis = GENERATE(-1, 0, 1, 43'200'000, 86'399'999);
  const std::int16_t offset = GENERATE(std::int16_t{-1080}, std::int16_t{-61}, std::int16_t{0},
                                       std::int16_t{60}, std::int16_t{1080});
  const std::int64_t p = EventLog::pack_time(day, millis, offset);
  CHECK(EventLog::day_of(p) == day);
  CHECK(EventLog::millis_of(p) == millis);
  CHECK(EventLog::offset_of(p) == offset);
  // Order: the next day is later whatever the time; a later time later; a larger offset later.
  CHECK(EventLog::pack_time(day + 1, -1, -1080) > p);
  if (millis < 86'399'999) CHECK(EventLog::pack_time(day, millis + 1, -1080) > p);
  if (offset < 1080)
    CHECK(EventLog::pack_time(day, millis, static_cast<std::int16_t>(offset + 1)) > p);
  // Through a log: the timestamp comes back.
  if (millis >= 0) {
    EventLog log;
    const Timestamp t(Date::from_days(day), millis, offset);
    log.append("C1", t, EventKind::informed, Role::assistant, {}, {}, {}, 0);
    CHECK(log.timestamp(0) == t);
    CHECK(log.day(0) == day);
  }
}
