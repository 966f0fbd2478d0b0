// The event-log scanner: the simdjson fast path against the reference line reader
// (parse_event_line, nlohmann), and the replay into case states against the replay into cases.
#include <random>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/pathway/event_scan.hpp"
// The scanner's chunk-size hook is internal to the pathway area: included by path.
#include "../../../src/pathway/event_scan_internal.hpp"

using namespace vaekit;

namespace {

std::filesystem::path examples() {
  return vaekit::test::data_dir().parent_path().parent_path() / "examples/data";
}

// Counts what the scanner hands over, keeping the events as the row reader does.
struct Collect final : EventLogHandler {
  std::vector<Event> events;
  std::vector<std::size_t> lines;
  std::vector<Reject> rejects;
  std::size_t views = 0, full = 0;
  EventLogHeader head;
  void header(EventLogHeader h) override { head = std::move(h); }
  void event(const EventView& v, std::size_t line) override {
    ++views;
    events.push_back(v.to_event());
    lines.push_back(line);
  }
  void event(Event&& e, std::size_t line) override {
    ++full;
    events.push_back(std::move(e));
    lines.push_back(line);
  }
  void reject(Reject r) override { rejects.push_back(std::move(r)); }
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

// Every event the scanner accepts equals what the reference reader makes of its line.
void check_against_reference(std::string_view text, Collect& c) {
  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    const Event ref =
        parse_event_line(lines.at(c.lines[i] - 1), SourceLocation{"t", c.lines[i], 0, {}});
    REQUIRE(ref == c.events[i]);
  }
}

// A random valid event (all kinds, roles, data, times with offsets and milliseconds, strings
// with escapes and non-ASCII characters).
Event random_event(std::mt19937& rng, int i) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  Event e;
  e.case_id = pick(5) == 0 ? "C\"" + std::to_string(i) + "\\é" : "C" + std::to_string(i % 50);
  const Date d = Date(2014, 1, 1) + pick(4000);
  e.at = pick(3) == 0
             ? Timestamp(d, pick(86'400'000), static_cast<std::int16_t>(pick(97) * 15 - 720))
             : Timestamp(d);
  e.kind = static_cast<EventKind>(pick(static_cast<int>(event_kind_count)));
  e.role = static_cast<Role>(pick(static_cast<int>(role_count)));
  if (pick(2) == 0) e.antenne = "IDF-" + std::to_string(pick(30));
  if (pick(2) == 0) e.staff = pick(4) == 0 ? "CO\u00e9\\n" : "AS" + std::to_string(pick(9));
  if (pick(3) == 0 || e.kind == EventKind::certification_chosen) e.certification = "RNCP36004";
  EventData& x = e.data;
  switch (e.kind) {
    case EventKind::received:
      if (pick(2) == 0) x.channel = static_cast<Channel>(pick(4));
      break;
    case EventKind::appointment_booked: x.date = d + pick(30); break;
    case EventKind::appointment_held: x.minutes = pick(1441); break;
    case EventKind::oriented: x.to = static_cast<OrientationTarget>(pick(5)); break;
    case EventKind::admissibility_sent:
      x.certifier = pick(2) == 0 ? "MEN" : "DREETS \"IdF\"";
      break;
    case EventKind::admissibility_decided:
      x.decision = static_cast<AdmissibilityDecision>(pick(3));
      x.implicit = pick(2) == 0;
      break;
    case EventKind::support_started: x.funding = static_cast<Funding>(pick(8)); break;
    case EventKind::support_session: x.hours = pick(40) / 4.0; break;
    case EventKind::jury_scheduled:
      x.date = d + 60;
      if (pick(3) == 0) x.blocks = {"RNCP36004BC0" + std::to_string(1 + pick(5)), "RS\"6117BC01"};
      if (pick(3) == 0) x.jury = {"formateur", "professionnel \u00e9"};
      break;
    case EventKind::jury_held:
      x.result = static_cast<JuryResult>(pick(5));
      if (pick(3) == 0) x.blocks = {"RNCP36004BC02"};
      if (pick(3) == 0) x.jury = {"employeur", "salarié", "enseignant"};
      break;
    case EventKind::dropped_out:
    case EventKind::archived:
      x.reason = pick(2) == 0 ? "abandon" : "d\u00e9m\u00e9nagement\t";
      if (pick(2) == 0) x.reason_code = static_cast<ReasonCode>(pick(21));
      break;
    // The France VAE era (issue 15).
    case EventKind::candidacy_submitted:
      x.accompaniment = static_cast<Accompaniment>(pick(2));
      break;
    case EventKind::pathway_proposed:
      x.individual_hours = pick(40) / 2.0;
      if (pick(2) == 0) x.collective_hours = pick(20);
      if (pick(2) == 0) x.training_hours = 0.25 * pick(100);
      break;
    case EventKind::funding_requested:
    case EventKind::funding_decided:
      x.funding_kind = static_cast<FundingKind>(pick(6));
      if (pick(2) == 0) x.funding = static_cast<Funding>(pick(8));
      if (pick(2) == 0) x.hours = pick(30);
      if (pick(2) == 0) x.amount = pick(300000) / 100.0;
      if (e.kind == EventKind::funding_decided) x.granted = pick(2) == 0;
      break;
    case EventKind::feasibility_sent:
      if (pick(2) == 0) x.certifier = "DREETS";
      break;
    case EventKind::feasibility_decided:
      x.decision = static_cast<AdmissibilityDecision>(pick(3));
      break;
    case EventKind::lapse_decided: x.lifted = pick(2) == 0; break;
    case EventKind::profile_recorded:
      if (pick(2) == 0) x.sex = static_cast<Sex>(pick(3));
      x.age_band = static_cast<AgeBand>(pick(6));
      if (pick(2) == 0) x.employment = static_cast<Employment>(pick(15));
      x.qualification = static_cast<Qualification>(pick(8));
      if (pick(2) == 0) x.departement = try_departement_from_string(pick(2) == 0 ? "2A" : "971");
      if (pick(2) == 0) x.qpv = static_cast<YesNo>(pick(3));
      x.rqth = static_cast<YesNo>(pick(3));
      break;
    case EventKind::followup_recorded:
      x.months = pick(2) == 0 ? 6 : 12;
      x.situation = static_cast<Situation>(pick(7));
      break;
    default: break;
  }
  if (pick(10) == 0) x.extra = Json{{"room", "B2"}};
  if (pick(10) == 0) e.extra = Json{{"note", pick(100)}};
  return e;
}

}  // namespace

TEST_CASE("event scan: random events written then scanned come back equal (property)") {
  const auto seed = GENERATE(range(1u, 9u));
  std::mt19937 rng(seed);
  std::vector<Event> events;
  for (int i = 0; i < 400; ++i) events.push_back(random_event(rng, i));
  EventLogHeader h;
  h.present = seed % 2 == 0;
  h.source = "test";
  const std::string text = format_event_log(events, h);
  Collect c;
  const ScanCounts n = scan_event_log(text, c, "t");
  CHECK(n.records == events.size());
  CHECK(c.head.present == h.present);
  REQUIRE(c.events == events);
  CHECK(n.fast == c.views);
  CHECK(c.views > 200);  // most lines take the fast path
  CHECK(c.full > 0);     // the extras go to the full reader
  check_against_reference(text, c);
}

TEST_CASE("event scan: the example logs, every event as the reference reader reads it") {
  for (const char* f : {"pathway/cases.jsonl", "analytics/eventlog.jsonl"}) {
    const std::string text = read_text_file(examples() / f);
    Collect c;
    const ScanCounts n = scan_event_log(text, c, f);
    CHECK(n.records == c.events.size());
    CHECK(n.fast == n.records);  // canonical lines: all on the fast path
    CHECK(c.rejects.empty());
    check_against_reference(text, c);
  }
}

TEST_CASE("event scan: unusual lines go to the reference reader, which decides") {
  const std::string base =
      R"({"case":"C1","at":"2017-01-09","event":"received","role":"assistant")";
  struct Case1 {
    std::string line;
    bool accepted;
    std::string field;  // of the reject, when refused
  };
  const std::vector<Case1> cases = {
      {base + "}", true, ""},
      {base + R"(,"antenne":null,"staff":null,"certification":null,"data":null})", true, ""},
      {base + R"(,"zone":"x"})", true, ""},                           // unknown field kept
      {base + R"(,"data":{"channel":"phone","room":1}})", true, ""},  // unknown data field
      {R"({"ca\u0073e":"C1","at":"2017-01-09","event":"informed","role":"assistant"})", true, ""},
      // Duplicate keys are refused (issue 11), by the reference as by the fast path.
      {base + R"(,"case":"C2"})", false, "case"},
      {base + R"(,"data":{"channel":"phone","channel":"phone"}})", false, "data.channel"},
      {base + "} x", false, ""},  // trailing content
      {base + R"(,"data":{"channel":"fax"}})", false, "data.channel"},
      {R"({"case":"C1","at":"2017-02-30","event":"informed","role":"assistant"})", false, "at"},
      {R"({"case":"","at":"2017-01-09","event":"informed","role":"assistant"})", false, "case"},
      {R"({"case":"C1","at":"2017-01-09","event":"oriented","role":"counsellor"})", false, ""},
      {R"({"case":"C1","at":"2017-01-09T10:00:00.250+02:00","event":"informed","role":"assistant"})",
       true, ""},
      {R"({"case":"C1","at":"2017-01-09","event":"appointment_held","role":"counsellor","data":{"minutes":1441}})",
       false, ""},
      {"[1,2]", false, ""},
      {base, false, ""},  // unclosed object
  };
  for (const auto& k : cases) {
    CAPTURE(k.line);
    // Last line of the text (the padded-copy path) and followed by other lines (in place).
    for (const std::string& text : {k.line, k.line + "\n" + base + "}\n" + std::string(100, ' ')}) {
      Collect c;
      const ScanCounts n = scan_event_log(text, c, "t", ReadMode::lenient);
      CHECK(n.records == c.events.size() + c.rejects.size());
      if (k.accepted) {
        REQUIRE_FALSE(c.events.empty());
        CHECK(c.lines[0] == 1);
        check_against_reference(text, c);
      } else {
        REQUIRE(c.rejects.size() == 1);
        CHECK(c.rejects[0].line == 1);
        if (!k.field.empty()) CHECK(c.rejects[0].field == k.field);
        Collect strict;
        CHECK_THROWS_AS(scan_event_log(text, strict, "t", ReadMode::strict), ParseError);
      }
    }
  }
}

TEST_CASE("event scan: BOM, CRLF, blank lines and a line without its newline") {
  const std::string text =
      "\xEF\xBB\xBF{\"schema\":\"EventLog.1\",\"source\":\"s\"}\r\n\r\n   \n"
      "{\"case\":\"C1\",\"at\":\"2017-01-09\",\"event\":\"received\",\"role\":\"assistant\"}\r\n"
      "{\"case\":\"C1\",\"at\":\"2017-01-10\",\"event\":\"informed\",\"role\":\"assistant\"}";
  Collect c;
  const ScanCounts n = scan_event_log(text, c, "t");
  CHECK(c.head.present);
  CHECK(c.head.source == "s");
  CHECK(n.records == 2);
  CHECK(n.fast == 2);
  CHECK(c.lines == std::vector<std::size_t>{4, 5});
}

TEST_CASE("case states: equal to the replay into whole cases, strict and lenient") {
  const auto path = examples() / "pathway/cases.jsonl";
  const auto log = read_event_log(path);
  const auto cases = replay(log);
  const auto states = read_case_states(path);
  CHECK(states.header.present);
  CHECK(states.records_read == log.records_read);
  CHECK(states.events_applied == log.events.size());
  REQUIRE(states.states.size() == cases.cases.size());
  for (std::size_t i = 0; i < cases.cases.size(); ++i) {
    const Case& c = cases.cases[i];
    CHECK(states.ids[static_cast<std::uint32_t>(i)] == c.id());  // order of first appearance
    const CaseState* s = states.find(c.id());
    REQUIRE(s != nullptr);
    CHECK(s->stage == c.stage());
    CHECK(s->side == c.state().side);
    CHECK(s->event_count == c.events().size());
    CHECK(s->certification == c.state().certification);
    CHECK(s->last_at == c.state().last_at);
  }
  CHECK(states.find("nobody") == nullptr);

  // A refused event: strict names source and line; lenient rejects it and goes on.
  const std::string text =
      "{\"case\":\"C1\",\"at\":\"2017-01-09\",\"event\":\"received\",\"role\":\"assistant\"}\n"
      "{\"case\":\"C1\",\"at\":\"2017-01-10\",\"event\":\"jury_held\",\"role\":\"jury\","
      "\"data\":{\"result\":\"full\"}}\n"
      "not json\n"
      "{\"case\":\"C1\",\"at\":\"2017-01-11\",\"event\":\"informed\",\"role\":\"assistant\"}\n";
  try {
    (void)parse_case_states(text, "mem.jsonl");
    FAIL("expected a TransitionError");
  } catch (const TransitionError& e) {
    CHECK(std::string(e.what()).find("mem.jsonl:2") != std::string::npos);
  }
  const auto lenient = parse_case_states(text, "mem.jsonl", ReadMode::lenient);
  CHECK(lenient.records_read == 4);
  CHECK(lenient.events_applied == 2);
  CHECK(lenient.events_refused == 1);
  REQUIRE(lenient.rejects.size() == 2);
  CHECK(lenient.rejects[0].line == 2);
  CHECK(lenient.rejects[0].field == "event");
  CHECK(lenient.rejects[1].line == 3);
  CHECK(lenient.find("C1")->stage == Stage::reception);
  CHECK(lenient.find("C1")->event_count == 2);
}

TEST_CASE("event scan: two threads give the same records, counts and errors as one") {
  std::mt19937 rng(42);
  std::vector<Event> events;
  for (int i = 0; i < 20'000; ++i) events.push_back(random_event(rng, i));
  EventLogHeader h;
  h.present = true;
  h.source = "two";
  std::string text = format_event_log(events, h);
  // Bad lines here and there (lenient: rejects in order; strict: the first one throws).
  std::string bad;
  std::size_t line = 0, bad_lines = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    ++line;
    bad.append(text, pos, nl - pos + 1);
    if (line % 997 == 0) {
      bad +=
          "{\"case\":\"X\",\"at\":\"2017-13-01\",\"event\":\"informed\",\"role\":\"assistant\"}\n";
      ++bad_lines;
    }
    pos = nl + 1;
  }
  for (const std::string* t : {&text, &bad}) {
    Collect one, two;
    const ScanCounts n1 = scan_event_log(*t, one, "t", ReadMode::lenient, 1);
    const ScanCounts n2 = scan_event_log(*t, two, "t", ReadMode::lenient, 2);
    CHECK(n1.records == n2.records);
    CHECK(n1.fast == n2.fast);
    CHECK(n1.rejected == n2.rejected);
    CHECK(two.head.source == "two");
    REQUIRE(one.events == two.events);
    CHECK(one.lines == two.lines);
    CHECK(one.rejects == two.rejects);
    CHECK(one.events == events);
  }
  Collect strict1, strict2;
  std::size_t line1 = 0, line2 = 0;
  try {
    (void)scan_event_log(bad, strict1, "t", ReadMode::strict, 1);
  } catch (const ParseError& e) {
    line1 = e.where().line;
  }
  try {
    (void)scan_event_log(bad, strict2, "t", ReadMode::strict, 2);
  } catch (const ParseError& e) {
    line2 = e.where().line;
  }
  CHECK(bad_lines > 10);
  CHECK(line1 == 998);  // the bad line follows line 997 (the header is line 1)
  CHECK(line2 == line1);
  CHECK(strict2.events.size() == strict1.events.size());  // what came before, handled in order

  // A handler that throws stops the scan on both paths; the error reaches the caller.
  struct Throwing final : EventLogHandler {
    std::size_t seen = 0;
    void header(EventLogHeader) override {}
    void event(const EventView&, std::size_t) override { hit(); }
    void event(Event&&, std::size_t) override { hit(); }
    void reject(Reject) override {}
    void hit() {
      if (++seen == 9'000) throw InvalidArgument("stop here");
    }
  };
  for (unsigned threads : {1u, 2u}) {
    Throwing t;
    CHECK_THROWS_AS(scan_event_log(text, t, "t", ReadMode::strict, threads), InvalidArgument);
    CHECK(t.seen == 9'000);
  }
}

TEST_CASE("event scan: chunks with every kind of anomaly read as the reference reads each line") {
  // Small chunks so that the chunked (iterate_many) path meets every anomaly.
  const std::size_t chunk = GENERATE(std::size_t{64}, std::size_t{700}, std::size_t{1} << 20);
  const std::size_t saved = pathway_internal::scan_chunk_bytes.exchange(chunk);
  std::mt19937 rng(7);
  std::vector<std::string> lines;
  const std::vector<std::string> odd = {
      "",
      "   ",
      "\r",
      "  {\"case\":\"S1\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"}",
      "{\"case\":\"S1\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"}"
      "{\"case\":\"S2\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"}",
      "{\"case\":\"S1\",\"at\":\"2017-01-09\",",
      "\"event\":\"informed\",\"role\":\"assistant\"}",
      "{\"case\":\"S1\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"} 7",
      "{\"case\":\"S\xff\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"}",
      "{\"case\":\"S1,\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"}",
      "{\"case\":\"S1\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\",\"x\":"
      "1}",
      "\"just a string\"",
      "42",
      "[]",
      "{}",
      "}",
      "{\"case\":\"S1\",\"at\":\"2017-01-09\",\"event\":\"informed\",\"role\":\"assistant\"}\r",
  };
  std::string text = "{\"schema\":\"EventLog.1\"}\n";
  for (int i = 0; i < 3000; ++i) {
    std::string l = i % 7 == 3 ? odd[static_cast<std::size_t>(i / 7) % odd.size()]
                               : format_event_line(random_event(rng, i));
    text += l;
    text += '\n';
  }
  // The reference: each line by itself through parse_event_line.
  std::vector<Event> want;
  std::vector<std::size_t> want_lines, reject_lines;
  {
    const auto all = split_lines(text);
    for (std::size_t i = 1; i < all.size(); ++i) {
      std::string_view l = all[i];
      bool is_blank = true;
      for (char ch : l) is_blank = is_blank && (ch == ' ' || ch == '\t' || ch == '\r');
      if (is_blank) continue;
      try {
        want.push_back(parse_event_line(l, SourceLocation{"t", i + 1, 0, {}}));
        want_lines.push_back(i + 1);
      } catch (const ParseError&) {
        reject_lines.push_back(i + 1);
      }
    }
  }
  for (unsigned threads : {1u, 2u}) {
    Collect c;
    const ScanCounts n = scan_event_log(text, c, "t", ReadMode::lenient, threads);
    CHECK(n.records == want.size() + reject_lines.size());
    REQUIRE(c.events == want);
    CHECK(c.lines == want_lines);
    std::vector<std::size_t> got_rejects;
    for (const auto& r : c.rejects) got_rejects.push_back(r.line);
    CHECK(got_rejects == reject_lines);
  }
  pathway_internal::scan_chunk_bytes.store(saved);
}

TEST_CASE("event scan: the optional jury fields (blocks, jury) read the same in both readers") {
  // Issue 12: partial validation records the validated blocks, and from 2024 the jury's
  // composition; EventLog.1 is extended compatibly (docs/pathway.md, "Jury data").
  const std::string text =
      "{\"schema\":\"EventLog.1\"}\n"
      "{\"case\":\"J1\",\"at\":\"2024-05-02\",\"event\":\"jury_scheduled\",\"role\":\"certifier\","
      "\"data\":{\"date\":\"2024-06-03\",\"blocks\":[\"RNCP36004BC01\",\"RNCP36004BC02\"],"
      "\"jury\":[\"formateur\",\"professionnel\"]}}\n"
      "{\"case\":\"J1\",\"at\":\"2024-06-03\",\"event\":\"jury_held\",\"role\":\"jury\","
      "\"data\":{\"result\":\"partial\",\"blocks\":[\"RNCP36004BC01\"],\"jury\":[\"a\",\"b\"],"
      "\"note\":{\"x\":[1]}}}\n"
      "{\"case\":\"J1\",\"at\":\"2024-06-04\",\"event\":\"jury_held\",\"role\":\"jury\","
      "\"data\":{\"result\":\"full\"}}\n"
      "{\"case\":\"J1\",\"at\":\"2024-06-05\",\"event\":\"jury_held\",\"role\":\"jury\","
      "\"data\":{\"result\":\"full\",\"blocks\":\"RNCP36004BC01\"}}\n"
      "{\"case\":\"J1\",\"at\":\"2024-06-06\",\"event\":\"jury_held\",\"role\":\"jury\","
      "\"data\":{\"result\":\"full\",\"jury\":[\"\"]}}\n"
      "{\"case\":\"J1\",\"at\":\"2024-06-07\",\"event\":\"oriented\",\"role\":\"counsellor\","
      "\"data\":{\"to\":\"vae\",\"blocks\":[\"RNCP36004BC01\"]}}\n";
  for (unsigned threads : {1u, 2u}) {
    Collect c;
    const ScanCounts n = scan_event_log(text, c, "jury.jsonl", ReadMode::lenient, threads);
    CHECK(n.records == 6);
    REQUIRE(c.events.size() == 3);
    CHECK(c.rejects.size() == 3);  // blocks not an array; an empty member; blocks on `oriented`
    CHECK(c.rejects[0].field == "data.blocks");
    CHECK(c.rejects[1].field == "data.jury");
    CHECK(c.rejects[2].field == "data.blocks");
    check_against_reference(text, c);
    CHECK(c.views == 1);  // only the line without the new fields takes the fast path
    CHECK(c.events[0].data.blocks == std::vector<std::string>{"RNCP36004BC01", "RNCP36004BC02"});
    CHECK(c.events[0].data.jury == std::vector<std::string>{"formateur", "professionnel"});
    CHECK(c.events[1].data.blocks == std::vector<std::string>{"RNCP36004BC01"});
    CHECK(c.events[1].data.extra.at("note").at("x").at(0) == 1);  // unknown: kept as read
    CHECK(c.events[2].data.blocks.empty());
    // Written back, the line holds the same fields (round trip through both readers).
    for (const Event& e : c.events) {
      CHECK(parse_event_line(format_event_line(e), SourceLocation{"w", 1, 0, {}}) == e);
    }
  }
}
