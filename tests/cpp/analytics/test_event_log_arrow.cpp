// The columnar event log as an Arrow C stream and back: the schema, cells worked by hand from
// the event-log format (../shared/formats/event-log.md), the round trip on the example log and
// on generated logs, and from_arrow's validation (the same rejects as the JSON Lines reader).
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/core/table.hpp"

using namespace vaekit;

namespace {

// One exported batch, taken from the stream and released at the end of the test.
struct Exported {
  ArrowArrayStream stream{};
  ArrowSchema schema{};
  ArrowArray array{};
  explicit Exported(const EventLog& log) {
    log.export_arrow(&stream);
    REQUIRE(stream.get_schema(&stream, &schema) == 0);
    REQUIRE(stream.get_next(&stream, &array) == 0);
    ArrowArray end{};
    REQUIRE(stream.get_next(&stream, &end) == 0);
    REQUIRE(end.release == nullptr);  // one batch, then the end of the stream
  }
  Exported(const Exported&) = delete;
  Exported& operator=(const Exported&) = delete;
  ~Exported() {
    array.release(&array);
    schema.release(&schema);
    stream.release(&stream);
  }
  [[nodiscard]] std::int64_t index(std::string_view name) const {
    for (std::int64_t k = 0; k < schema.n_children; ++k) {
      if (name == schema.children[k]->name) return k;
    }
    FAIL("no column " << name);
    return -1;
  }
  [[nodiscard]] const ArrowArray& col(std::string_view name) const {
    return *array.children[index(name)];
  }
  [[nodiscard]] std::string format(std::string_view name) const {
    return schema.children[index(name)]->format;
  }
  [[nodiscard]] bool is_null(std::string_view name, std::int64_t i) const {
    const ArrowArray& a = col(name);
    if (a.buffers[0] == nullptr) return false;
    return ((static_cast<const std::uint8_t*>(a.buffers[0])[i / 8] >> (i % 8)) & 1) == 0;
  }
  template <class T>
  [[nodiscard]] T value(std::string_view name, std::int64_t i) const {
    return static_cast<const T*>(col(name).buffers[1])[i];
  }
  // The dictionary string of a dictionary-encoded cell (int8 or int32 indices).
  [[nodiscard]] std::string text(std::string_view name, std::int64_t i) const {
    const ArrowArray& a = col(name);
    const std::int64_t k =
        format(name) == "c" ? value<std::int8_t>(name, i) : value<std::int32_t>(name, i);
    const auto* off = static_cast<const std::int32_t*>(a.dictionary->buffers[1]);
    const auto* chars = static_cast<const char*>(a.dictionary->buffers[2]);
    return std::string(chars + off[k], static_cast<std::size_t>(off[k + 1] - off[k]));
  }
};

// from_arrow over the stream of a log's own export.
EventLog round_trip(const EventLog& log, ReadMode mode = ReadMode::strict) {
  ArrowArrayStream s{};
  log.export_arrow(&s);
  return EventLog::from_arrow(&s, "<test>", mode);
}

// The analytics example log (examples/data/analytics/eventlog.jsonl).
std::filesystem::path example_log() {
  return vaekit::test::data_dir().parent_path().parent_path() /
         "examples/data/analytics/eventlog.jsonl";
}

const char* const four_events =
    R"({"case":"C1","at":"2017-01-09","event":"received","role":"assistant","antenne":"A1","staff":"S1","data":{"channel":"phone"}}
{"case":"C1","at":"2017-01-23T10:30:00+01:00","event":"appointment_held","role":"counsellor","data":{"minutes":60}}
{"case":"C1","at":"2017-01-23","event":"oriented","role":"counsellor","data":{"to":"vae"}}
{"case":"C2","at":"2017-02-01","event":"admissibility_decided","role":"system","certification":"RNCP1","data":{"decision":"admissible","implicit":true}}
)";

// A table of string columns (null for std::nullopt) exported as an Arrow stream.
using Cells = std::vector<std::optional<std::string>>;
void string_table_stream(const std::vector<std::pair<std::string, Cells>>& columns,
                         ArrowArrayStream* out) {
  auto t = std::make_shared<Table>("input");
  for (const auto& [name, cells] : columns) {
    Column& c = t->add_column(name, ColumnType::string);
    for (const auto& v : cells) {
      if (v) {
        c.push_string(*v);
      } else {
        c.push_string(std::nullopt);
      }
    }
  }
  export_arrow_stream(t, out);
}

}  // namespace

TEST_CASE("event log arrow: the schema names and types every column") {
  const EventLog log = EventLog::parse(four_events);
  const Exported x(log);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"case", "i"},
      {"at", "tsm:"},
      {"utc_offset", "s"},
      {"event", "c"},
      {"role", "c"},
      {"antenne", "i"},
      {"staff", "i"},
      {"certification", "i"},
      {"channel", "c"},
      {"minutes", "i"},
      {"to", "c"},
      {"decision", "c"},
      {"implicit", "b"},
      {"funding", "c"},
      {"result", "c"},
      // The payload fields of the France VAE era (issue 15).
      {"accompaniment", "c"},
      {"funding_kind", "c"},
      {"granted", "b"},
      {"reason_code", "c"},
      {"lifted", "b"},
      {"sex", "c"},
      {"age_band", "c"},
      {"employment", "c"},
      {"qualification", "c"},
      {"departement", "c"},  // since the payload has 32 bits
      {"qpv", "c"},
      {"rqth", "c"},
      {"months", "i"},
      {"situation", "c"}};
  REQUIRE(x.schema.n_children == static_cast<std::int64_t>(expected.size()));
  CHECK(std::string(x.schema.format) == "+s");
  for (std::size_t k = 0; k < expected.size(); ++k) {
    CHECK(x.schema.children[k]->name == expected[k].first);
    CHECK(x.schema.children[k]->format == expected[k].second);
  }
  // Dictionary-encoded: the identifiers and every enumeration (pandas categoricals).
  for (const char* name :
       {"case",         "event",       "role",     "antenne",  "staff",      "certification",
        "channel",      "to",          "decision", "funding",  "result",     "accompaniment",
        "funding_kind", "reason_code", "sex",      "age_band", "employment", "qualification",
        "qpv",          "rqth",        "situation"}) {
    INFO(name);
    REQUIRE(x.schema.children[x.index(name)]->dictionary != nullptr);
    CHECK(std::string(x.schema.children[x.index(name)]->dictionary->format) == "u");
  }
  CHECK(x.array.length == 4);
}

TEST_CASE("event log arrow: cells worked by hand from the event-log format") {
  const EventLog log = EventLog::parse(four_events);
  const Exported x(log);
  // 2017-01-09 is day 17175 after 1970-01-01 (2017-01-01 is 17167 = 47 * 365 + 12 leap days).
  constexpr std::int64_t day_ms = 86'400'000;
  CHECK(x.value<std::int64_t>("at", 0) == 17175 * day_ms);
  CHECK(x.is_null("utc_offset", 0));  // a plain date has no offset
  // 2017-01-23T10:30:00+01:00: the local wall time, 10.5 h after midnight; offset +60 minutes.
  CHECK(x.value<std::int64_t>("at", 1) == 17189 * day_ms + 37'800'000);
  CHECK_FALSE(x.is_null("utc_offset", 1));
  CHECK(x.value<std::int16_t>("utc_offset", 1) == 60);

  CHECK(x.text("case", 0) == "C1");
  CHECK(x.text("case", 3) == "C2");
  CHECK(x.text("event", 0) == "received");
  CHECK(x.text("event", 2) == "oriented");
  CHECK(x.text("role", 3) == "system");
  CHECK(x.text("antenne", 0) == "A1");
  CHECK(x.is_null("antenne", 1));
  CHECK(x.text("staff", 0) == "S1");
  CHECK(x.is_null("certification", 0));
  CHECK(x.text("certification", 3) == "RNCP1");

  // Payload fields: a value on the event that carries them, null elsewhere.
  CHECK(x.text("channel", 0) == "phone");
  CHECK(x.is_null("channel", 1));
  CHECK(x.value<std::int32_t>("minutes", 1) == 60);
  CHECK(x.is_null("minutes", 0));
  CHECK(x.text("to", 2) == "vae");  // the `oriented` event the old to_pandas lost
  CHECK(x.is_null("to", 3));
  CHECK(x.text("decision", 3) == "admissible");
  CHECK_FALSE(x.is_null("implicit", 3));
  CHECK(((static_cast<const std::uint8_t*>(x.col("implicit").buffers[1])[0] >> 3) & 1) == 1);
  for (int i = 0; i < 3; ++i) CHECK(x.is_null("implicit", i));
  for (int i = 0; i < 4; ++i) {
    CHECK(x.is_null("funding", i));
    CHECK(x.is_null("result", i));
  }
  CHECK(x.col("channel").null_count == 3);
}

TEST_CASE("event log arrow: the stream outlives the log it was exported from") {
  ArrowArrayStream s{};
  {
    const EventLog log = EventLog::parse(four_events);
    log.export_arrow(&s);
  }
  const EventLog back = EventLog::from_arrow(&s);
  CHECK(back.size() == 4);
  CHECK(s.release == nullptr);  // from_arrow consumed and released the stream
}

TEST_CASE("event log arrow: the example log round-trips exactly") {
  const auto path = example_log();
  if (!std::filesystem::exists(path)) {
    WARN("no example log: skipped");
    return;
  }
  const EventLog log = EventLog::read(path);
  REQUIRE(log.size() > 0);
  const EventLog back = round_trip(log);
  CHECK(back.size() == log.size());
  CHECK(back.rejects().empty());
  CHECK(back.records_read() == log.size());
  CHECK(back.same_events(log));
  CHECK(back.to_events() == log.to_events());
}

TEST_CASE("event log arrow: generated logs round-trip exactly (law: from_arrow . export = id)") {
  const auto seed = GENERATE(range(1u, 21u));
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::vector<Event> events;
  const int n = 1 + pick(300);
  for (int i = 0; i < n; ++i) {
    Event e;
    e.case_id = "C" + std::to_string(pick(40));
    const Date d = Date::from_days(10'000 + pick(10'000));
    if (pick(2) == 0) {
      e.at = Timestamp(d);
    } else {  // a date-time at any millisecond and offset (-14:00 .. +14:00)
      e.at = Timestamp(d, pick(86'400'000), static_cast<std::int16_t>(pick(1681) - 840));
    }
    e.kind = static_cast<EventKind>(pick(static_cast<int>(event_kind_count)));
    e.role = static_cast<Role>(pick(static_cast<int>(role_count)));
    if (pick(3) != 0) e.antenne = "ANT" + std::to_string(pick(5));
    if (pick(3) != 0) e.staff = "ST" + std::to_string(pick(9));
    if (pick(2) != 0 || e.kind == EventKind::certification_chosen)
      e.certification = "RNCP" + std::to_string(pick(100));
    EventData& data = e.data;
    switch (e.kind) {
      case EventKind::received:
        if (pick(4) != 0) data.channel = static_cast<Channel>(pick(4));
        break;
      case EventKind::appointment_held:
        if (pick(4) != 0) data.minutes = pick(24 * 60 + 1);
        break;
      case EventKind::oriented: data.to = static_cast<OrientationTarget>(pick(5)); break;
      case EventKind::admissibility_decided:
        data.decision = static_cast<AdmissibilityDecision>(pick(3));
        data.implicit = pick(2) == 0;
        break;
      case EventKind::support_started:
        if (pick(4) != 0) data.funding = static_cast<Funding>(pick(8));
        break;
      case EventKind::jury_held: data.result = static_cast<JuryResult>(pick(5)); break;
      // The France VAE era (issue 15): its payload fields have columns too.
      case EventKind::candidacy_submitted:
        data.accompaniment = static_cast<Accompaniment>(pick(2));
        break;
      case EventKind::funding_requested:
      case EventKind::funding_decided:
        data.funding_kind = static_cast<FundingKind>(pick(6));
        if (pick(2) != 0) data.funding = static_cast<Funding>(pick(8));
        if (e.kind == EventKind::funding_decided) data.granted = pick(2) == 0;
        break;
      case EventKind::feasibility_decided:
        data.decision = static_cast<AdmissibilityDecision>(pick(3));
        break;
      case EventKind::dropped_out:
      case EventKind::archived:
        if (pick(2) != 0) data.reason_code = static_cast<ReasonCode>(pick(21));
        break;
      case EventKind::lapse_decided: data.lifted = pick(2) == 0; break;
      case EventKind::profile_recorded:
        if (pick(2) != 0) data.sex = static_cast<Sex>(pick(3));
        data.age_band = static_cast<AgeBand>(pick(6));
        data.employment = static_cast<Employment>(pick(15));
        if (pick(2) != 0) data.qualification = static_cast<Qualification>(pick(8));
        data.qpv = static_cast<YesNo>(pick(3));
        if (pick(2) != 0) data.rqth = static_cast<YesNo>(pick(3));
        break;
      case EventKind::followup_recorded:
        data.months = pick(2) == 0 ? 6 : 12;
        data.situation = static_cast<Situation>(pick(7));
        break;
      default: break;
    }
    REQUIRE_FALSE(validate_event_data(e).has_value());
    events.push_back(std::move(e));
  }
  const EventLog log = EventLog::from_events(events);
  const EventLog back = round_trip(log);
  INFO("seed " << seed);
  CHECK(back.rejects().empty());
  CHECK(back.same_events(log));
  CHECK(back.to_events() == log.to_events());
}

TEST_CASE("event log arrow: from_arrow rejects rows as the JSON Lines reader rejects lines") {
  // The same five records as JSON Lines and as a table of string columns.
  const char* const lines =
      R"({"case":"C1","at":"2017-01-23","event":"oriented","role":"counsellor","data":{"to":"vae"}}
{"case":"C1","at":"2017-01-24","event":"oriented","role":"counsellor"}
{"case":"C1","at":"2017-01-25","event":"landed","role":"counsellor"}
{"case":"","at":"2017-01-26","event":"informed","role":"assistant"}
{"case":"C2","at":"2017-02-30","event":"informed","role":"assistant"}
{"case":"C2","at":"2017-03-01","event":"oriented","role":"counsellor","data":{"to":"moon"}}
)";
  const std::vector<std::pair<std::string, Cells>> columns = {
      {"case", {"C1", "C1", "C1", "", "C2", "C2"}},
      {"at", {"2017-01-23", "2017-01-24", "2017-01-25", "2017-01-26", "2017-02-30", "2017-03-01"}},
      {"event", {"oriented", "oriented", "landed", "informed", "informed", "oriented"}},
      {"role", {"counsellor", "counsellor", "counsellor", "assistant", "assistant", "counsellor"}},
      {"to", {"vae", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "moon"}},
      {"comment", {"ignored", "ignored", "ignored", "ignored", "ignored", "ignored"}}};
  const EventLog jsonl = EventLog::parse(lines, "<test>", ReadMode::lenient);
  ArrowArrayStream s{};
  string_table_stream(columns, &s);
  const EventLog arrow = EventLog::from_arrow(&s, "<test>", ReadMode::lenient);
  CHECK(arrow.records_read() == 6);
  CHECK(arrow.size() == 1);
  CHECK(arrow.size() + arrow.rejects().size() == arrow.records_read());
  REQUIRE(arrow.rejects().size() == jsonl.rejects().size());
  for (std::size_t k = 0; k < jsonl.rejects().size(); ++k) {
    INFO(k);
    CHECK(arrow.rejects()[k].line == jsonl.rejects()[k].line);
    CHECK(arrow.rejects()[k].field == jsonl.rejects()[k].field);
    CHECK(arrow.rejects()[k].reason == jsonl.rejects()[k].reason);
  }
  CHECK(arrow.rejects()[0].field == "data.to");  // oriented requires data.to

  // Strict: the first bad row throws, naming its position and field.
  ArrowArrayStream s2{};
  string_table_stream(columns, &s2);
  try {
    (void)EventLog::from_arrow(&s2, "<test>", ReadMode::strict);
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().field == "data.to");
  }
  CHECK(s2.release == nullptr);  // released on the error path too
}

TEST_CASE(
    "event log arrow: a missing required column rejects every row, records = kept + rejected") {
  ArrowArrayStream s{};
  string_table_stream({{"case", {"C1", "C2"}},
                       {"at", {"2017-01-01", "2017-01-02"}},
                       {"role", {"assistant", "assistant"}}},
                      &s);
  const EventLog log = EventLog::from_arrow(&s, "<test>", ReadMode::lenient);
  CHECK(log.size() == 0);
  CHECK(log.records_read() == 2);
  REQUIRE(log.rejects().size() == 2);
  CHECK(log.rejects()[0].field == "event");
  CHECK(log.rejects()[0].reason == "missing field");
}

TEST_CASE("event log arrow: a column of a type it cannot read is an InvalidArgument") {
  auto t = std::make_shared<Table>("input");
  t->add_column("case", ColumnType::string).push_string("C1");
  t->add_column("at", ColumnType::int64).push_int(17175);  // a number is not a time
  t->add_column("event", ColumnType::string).push_string("informed");
  t->add_column("role", ColumnType::string).push_string("assistant");
  ArrowArrayStream s{};
  export_arrow_stream(t, &s);
  CHECK_THROWS_AS(EventLog::from_arrow(&s, "<test>", ReadMode::lenient), InvalidArgument);
  CHECK(s.release == nullptr);
}

TEST_CASE("event log arrow: from_arrow agrees with the JSON Lines reader on random rows (law)") {
  // Rows mixing valid and bad values; the same records as JSON lines. Whatever path a row takes
  // in from_arrow (typed, or the record path), the accepted events and the rejects must be the
  // reader's.
  const auto seed = GENERATE(range(1u, 31u));
  std::mt19937 rng(seed);
  using Choice = std::vector<std::optional<std::string>>;
  const std::vector<std::pair<std::string, Choice>> choices = {
      {"case", {"C1", "C2", "", std::nullopt}},
      {"at",
       {"2017-01-23", "2017-01-23T10:00:00+01:00", "2017-01-24T08:00:00.250Z", "2017-02-30", "x",
        std::nullopt}},
      {"event",
       {"oriented", "received", "informed", "jury_held", "admissibility_decided",
        "certification_chosen", "appointment_held", "landed", std::nullopt}},
      {"role", {"counsellor", "assistant", "bogus", std::nullopt}},
      {"antenne", {"A1", "", std::nullopt}},
      {"certification", {"RNCP1", "", std::nullopt}},
      {"channel", {"phone", "fax", std::nullopt, std::nullopt}},
      {"to", {"vae", "moon", std::nullopt}},
      {"decision", {"admissible", std::nullopt}},
      {"result", {"full", "great", std::nullopt}},
      {"reason", {"a reason", std::nullopt, std::nullopt}}};
  const std::vector<std::optional<std::int64_t>> minutes_choice = {60, -1, 2000, std::nullopt,
                                                                   std::nullopt};
  const bool is_data[] = {false, false, false, false, false, false, true, true, true, true, true};
  const int rows = 1 + static_cast<int>(rng() % 40);
  std::vector<std::vector<std::optional<std::string>>> cells(choices.size());
  std::vector<std::optional<std::int64_t>> minutes;
  std::string lines;
  for (int r = 0; r < rows; ++r) {
    std::string top, data;
    for (std::size_t k = 0; k < choices.size(); ++k) {
      const auto& options = choices[k].second;
      const auto& v = options[rng() % options.size()];
      cells[k].push_back(v);
      if (!v) continue;
      std::string& out = is_data[k] ? data : top;
      out += (out.empty() ? "" : ",") + ("\"" + choices[k].first + "\":\"" + *v + "\"");
    }
    const auto m = minutes_choice[rng() % minutes_choice.size()];
    minutes.push_back(m);
    if (m) data += (data.empty() ? "" : ",") + ("\"minutes\":" + std::to_string(*m));
    if (!data.empty()) top += (top.empty() ? "" : ",") + ("\"data\":{" + data + "}");
    lines += "{" + top + "}\n";
  }
  // Each column filled right after it is added (add_column may move the earlier ones).
  auto t = std::make_shared<Table>("input");
  for (std::size_t k = 0; k < choices.size(); ++k) {
    Column& c = t->add_column(choices[k].first, ColumnType::string);
    for (const auto& v : cells[k]) {
      c.push_string(v ? std::optional<std::string_view>(*v) : std::nullopt);
    }
  }
  Column& m = t->add_column("minutes", ColumnType::int64);
  for (const auto& v : minutes) m.push_int(v);
  const EventLog jsonl = EventLog::parse(lines, "<test>", ReadMode::lenient);
  ArrowArrayStream s{};
  export_arrow_stream(t, &s);
  const EventLog arrow = EventLog::from_arrow(&s, "<test>", ReadMode::lenient);
  INFO("seed " << seed << "\n" << lines);
  CHECK(arrow.records_read() == static_cast<std::size_t>(rows));
  CHECK(arrow.to_events() == jsonl.to_events());
  REQUIRE(arrow.rejects().size() == jsonl.rejects().size());
  for (std::size_t k = 0; k < jsonl.rejects().size(); ++k) {
    CHECK(arrow.rejects()[k].line == jsonl.rejects()[k].line);
    CHECK(arrow.rejects()[k].field == jsonl.rejects()[k].field);
    CHECK(arrow.rejects()[k].reason == jsonl.rejects()[k].reason);
  }
}

// ---------------------------------------------------------------------------------------------
// The département (issue 15): a coded value the columnar log keeps in its 32-bit payload.

TEST_CASE("departement: 2A round-trips through the columnar log and Arrow") {
  // Before: `departement` was free text, dropped by the 16-bit payload (event(i) had none).
  const std::string text =
      R"({"case":"C1","at":"2024-03-01","event":"candidacy_submitted","role":"candidate","data":{"accompaniment":"accompanied"}}
{"case":"C1","at":"2024-03-01","event":"profile_recorded","role":"aap","data":{"sex":"woman","age_band":"35_44","departement":"2A","qpv":"no","rqth":"not_stated"}}
{"case":"C2","at":"2024-03-02","event":"profile_recorded","role":"aap","data":{"departement":"971"}}
{"case":"C3","at":"2024-03-02","event":"profile_recorded","role":"aap","data":{"departement":"not_stated"}}
{"case":"C4","at":"2024-03-02","event":"profile_recorded","role":"aap","data":{"sex":"man"}}
)";
  const EventLog log = EventLog::parse(text);
  REQUIRE(log.size() == 5);
  const Event e = log.event(1);
  REQUIRE(e.data.departement);
  CHECK(to_string(*e.data.departement) == "2A");
  CHECK(e.data.sex == Sex::woman);
  CHECK(e.data.rqth == YesNo::not_stated);
  // The same event as the pathway reader gives it: every field of this line is kept.
  const EventRecords rows = parse_event_log(text);
  CHECK(e == rows.events[1]);
  CHECK(to_string(*log.event(2).data.departement) == "971");
  CHECK(log.event(3).data.departement == Departement::not_stated);
  CHECK_FALSE(log.event(4).data.departement);  // absent stays absent (not not_stated)
  // Arrow: a dictionary column of the codes, null where the event does not carry one.
  {
    const Exported x(log);
    CHECK(x.format("departement") == "c");
    CHECK(x.is_null("departement", 0));  // candidacy_submitted carries no département
    CHECK(x.text("departement", 1) == "2A");
    CHECK(x.text("departement", 2) == "971");
    CHECK(x.text("departement", 3) == "not_stated");
    CHECK(x.is_null("departement", 4));
  }
  const EventLog back = round_trip(log);
  CHECK(back.same_events(log));
  CHECK(back.event(1) == e);
}

TEST_CASE("departement: an unknown code is a reject, not a crash, in every reader") {
  // "00" and "2C" are no codes (Code officiel géographique); "20" has not been one since 1976.
  const std::string long_code(10'000, '7');
  const std::vector<std::string> bad = {"00", "2C", "20", "2a", long_code, "\xff\xfe"};
  std::string text;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    text +=
        R"({"case":"C)" + std::to_string(i) +
        R"(","at":"2024-03-01","event":"profile_recorded","role":"aap","data":{"departement":")" +
        bad[i] + "\"}}\n";
  }
  text +=
      R"({"case":"OK","at":"2024-03-01","event":"profile_recorded","role":"aap","data":{"departement":"93"}})"
      "\n";
  const EventLog columnar = EventLog::parse(text, "t.jsonl", ReadMode::lenient);
  const EventRecords rows = parse_event_log(text, "t.jsonl", ReadMode::lenient);
  CHECK(columnar.size() == 1);
  CHECK(columnar.records_read() == bad.size() + 1);
  REQUIRE(columnar.rejects().size() == bad.size());
  CHECK(columnar.rejects() == rows.rejects);  // the row reader and the columnar one agree
  for (std::size_t i = 0; i < bad.size(); ++i) {
    const Reject& r = columnar.rejects()[i];
    INFO(r.field << ": " << r.reason);
    CHECK(r.line == i + 1);
    CHECK(r.reason.size() < 200);  // the excerpt helper cuts a long value
    CHECK(r.reason.find(std::string(100, '7')) == std::string::npos);
    CHECK(r.reason.find("\xff") == std::string::npos);  // never the raw bytes
    if (i < 5) {
      CHECK(r.field == "data.departement");
      CHECK(r.reason.find("unknown value") != std::string::npos);
    }
  }
  CHECK_THROWS_AS(EventLog::parse(text, "t.jsonl", ReadMode::strict), ParseError);
  // Through Arrow: the same codes in a string column are rejects with the row's position.
  ArrowArrayStream s{};
  Cells cases, ats, events, roles, deps;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    cases.emplace_back("C" + std::to_string(i));
    ats.emplace_back("2024-03-01");
    events.emplace_back("profile_recorded");
    roles.emplace_back("aap");
    deps.emplace_back(bad[i]);
  }
  string_table_stream(
      {{"case", cases}, {"at", ats}, {"event", events}, {"role", roles}, {"departement", deps}},
      &s);
  const EventLog arrow = EventLog::from_arrow(&s, "<arrow>", ReadMode::lenient);
  CHECK(arrow.size() == 0);
  REQUIRE(arrow.rejects().size() == bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    const Reject& r = arrow.rejects()[i];
    INFO(r.field << ": " << r.reason);
    CHECK(r.line == i + 1);
    CHECK(r.reason.size() < 200);
    CHECK(r.reason.find(std::string(100, '7')) == std::string::npos);
    CHECK(r.reason.find("\xff") == std::string::npos);
  }
}
