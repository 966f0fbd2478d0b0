// The event log v1: reading (strict, lenient), writing, replay.
#include <filesystem>

#include "test_support.hpp"
#include "vaekit/pathway/event_records.hpp"

using namespace vaekit;

TEST_CASE("event log: the sample reads, header and unknown fields kept") {
  const auto log = read_event_log(vaekit::test::data_dir() / "pathway/sample.jsonl");
  CHECK(log.header.present);
  CHECK(log.header.source == "vaekit tests");
  CHECK(log.header.pseudonymised == true);
  REQUIRE(log.events.size() == 7);
  CHECK(log.records_read == 7);
  CHECK(log.lines == std::vector<std::size_t>{2, 3, 4, 5, 6, 8, 9});  // line 7 is blank
  CHECK(log.events[0].data.channel == Channel::walk_in);
  CHECK(log.events[4].at.has_time());
  CHECK(log.events[4].at.to_string() == "2017-01-23T16:00:00+01:00");
  CHECK(log.events[5].data.extra["room"] == "B2");
  CHECK(log.events[6].extra["channel_note"] == "x");
  // Round trip: the text written reads back to the same events.
  const std::string text = format_event_log(log.events, log.header);
  const auto again = parse_event_log(text);
  CHECK(again.events == log.events);
  const auto rep = replay(log);
  REQUIRE(rep.cases.size() == 2);
  CHECK(rep.cases[0].stage() == Stage::oriented);
  CHECK(rep.cases[1].stage() == Stage::redirected);
}

TEST_CASE("event log: shared example of the format spec reads") {
  const std::string spec_example =
      "{\"schema\":\"EventLog.1\",\"source\":\"example\"}\n"
      "{\"case\":\"C0001\",\"at\":\"2017-01-09\",\"event\":\"received\",\"role\":\"assistant\","
      "\"antenne\":\"IDF-75A\",\"staff\":\"AS03\",\"data\":{\"channel\":\"walk_in\"}}\n";
  const auto log = parse_event_log(spec_example);
  CHECK(log.events.size() == 1);
  CHECK(format_event_line(log.events[0]) ==
        "{\"case\":\"C0001\",\"at\":\"2017-01-09\",\"event\":\"received\",\"role\":\"assistant\","
        "\"antenne\":\"IDF-75A\",\"staff\":\"AS03\",\"data\":{\"channel\":\"walk_in\"}}");
}

TEST_CASE("event log: strict mode throws at the first bad line, naming line and field") {
  try {
    (void)read_event_log(vaekit::test::data_dir() / "pathway/bad.jsonl");
    FAIL("no exception");
  } catch (const ParseError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().field == "at");
    CHECK(e.where().source.find("bad.jsonl") != std::string::npos);
  }
}

TEST_CASE("event log: lenient mode rejects with line numbers; read == accepted + rejected") {
  const auto log =
      read_event_log(vaekit::test::data_dir() / "pathway/bad.jsonl", ReadMode::lenient);
  CHECK(log.records_read == 11);
  CHECK(log.records_read == log.events.size() + log.rejects.size());
  REQUIRE(log.rejects.size() == 8);
  std::vector<std::size_t> lines;
  for (const auto& r : log.rejects) lines.push_back(r.line);
  CHECK(lines == std::vector<std::size_t>{2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(log.rejects[0].field == "at");
  CHECK(log.rejects[1].field == "event");
  CHECK(log.rejects[2].field == "role");
  CHECK(log.rejects[3].field == "data.to");
  CHECK(log.rejects[6].field == "case");
  CHECK(log.rejects[7].field == "data.minutes");
  // Replay: the out-of-order event (line 11) is refused by the table.
  const auto rep = replay(log, ReadMode::lenient);
  REQUIRE(rep.rejects.size() == 1);
  CHECK(rep.rejects[0].line == 11);
  CHECK(rep.cases.at(0).events().size() == 2);
  CHECK_THROWS_WITH(replay(log), Catch::Contains(":11)"));
}

TEST_CASE("event log: write then read through a file, atomically") {
  const auto dir = std::filesystem::temp_directory_path() / "vaekit-tests-pathway";
  std::filesystem::create_directories(dir);
  const auto log = read_event_log(vaekit::test::data_dir() / "pathway/sample.jsonl");
  EventLogHeader h;
  h.present = true;
  h.source = "roundtrip";
  write_event_log(dir / "out.jsonl", log.events, h);
  const auto back = read_event_log(dir / "out.jsonl");
  CHECK(back.header.source == "roundtrip");
  CHECK(back.events == log.events);
}

TEST_CASE("event log: a newer header version is a schema error") {
  CHECK_THROWS_AS(parse_event_log("{\"schema\":\"EventLog.2\"}\n", "x", ReadMode::lenient),
                  SchemaError);
  CHECK_THROWS_AS(parse_event_log("{\"schema\":\"Registry.1\"}\n"), SchemaError);
}

TEST_CASE("timestamps: parse and print") {
  CHECK(Timestamp::parse("2017-01-09").to_string() == "2017-01-09");
  CHECK(Timestamp::parse("2017-01-09T08:05Z").to_string() == "2017-01-09T08:05:00Z");
  CHECK(Timestamp::parse("2017-01-09T08:05:01.5-03:30").to_string() ==
        "2017-01-09T08:05:01.500-03:30");
  CHECK(Timestamp::parse("2017-01-09T23:30:00-01:00").utc_millis() ==
        Timestamp::parse("2017-01-10T00:30:00Z").utc_millis());
  for (const char* bad :
       {"2017-01-09T", "2017-01-09T25:00Z", "2017-01-09T10:00", "2017-01-09 10:00Z",
        "2017-01-09T10:00+2", "2017-01-09T10:00Zx", "2017-13-01"}) {
    INFO(bad);
    CHECK_THROWS_AS(Timestamp::parse(bad), ParseError);
  }
}
