// The event vocabulary described once (issue 13): the table of data fields, the readers,
// validator and payload derived from it, the *_from_string contract, and the format page
// docs/formats/event-log.md generated from it.
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/pathway/event_scan.hpp"
#include "vaekit/pathway/transitions.hpp"
#include "vaekit/pathway/vocabulary.hpp"

using namespace vaekit;

namespace {

// Reads @p text with the scanner and with the full reader, line by line; both must agree.
struct Both final : EventLogHandler {
  std::vector<Event> events;
  std::vector<Reject> rejects;
  std::size_t views = 0;
  void header(EventLogHeader) override {}
  void event(const EventView& v, std::size_t) override {
    ++views;
    events.push_back(v.to_event());
  }
  void event(Event&& e, std::size_t) override { events.push_back(std::move(e)); }
  void reject(Reject r) override { rejects.push_back(std::move(r)); }
};

std::string line_of(std::string_view event, std::string_view role, const std::string& data,
                    std::string_view extra = "") {
  return R"({"case":"C1","at":"2020-01-06","event":")" + std::string(event) + R"(","role":")" +
         std::string(role) + "\"" + std::string(extra) + R"(,"data":)" + data + "}";
}

std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The message of the InvalidArgument @p f throws ("" when it does not).
template <class F>
std::string invalid_argument(F f) {
  try {
    (void)f();
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return {};
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "vocabulary: *_from_string throws naming the value and the accepted names; try_* gives "
    "nullopt",
    "[vocabulary]") {
  // The contract of issue 13 (common to every area).
  CHECK(event_kind_from_string("jury_held") == EventKind::jury_held);
  CHECK(try_event_kind_from_string("jury_hold") == std::nullopt);
  const std::string unknown = invalid_argument([] { return event_kind_from_string("jury_hold"); });
  CHECK(has(unknown, "\"jury_hold\""));
  CHECK(has(unknown, "jury_held"));
  CHECK_THROWS_AS(role_from_string("boss"), InvalidArgument);
  CHECK(has(invalid_argument([] { return role_from_string("boss"); }), "counsellor"));
  CHECK(try_role_from_string("jury") == Role::jury);
  CHECK_THROWS_AS(channel_from_string("fax"), InvalidArgument);
  CHECK(try_channel_from_string("phone") == Channel::phone);
  CHECK(has(invalid_argument([] { return orientation_target_from_string("elsewhere"); }),
            "skills_assessment"));
  CHECK(try_orientation_target_from_string("vap") == OrientationTarget::vap);
  CHECK_THROWS_AS(admissibility_decision_from_string("maybe"), InvalidArgument);
  CHECK(try_admissibility_decision_from_string("incomplete") == AdmissibilityDecision::incomplete);
  CHECK(has(invalid_argument([] { return funding_from_string("bank"); }), "opco"));
  CHECK(try_funding_from_string("self") == Funding::self);
  CHECK_THROWS_AS(jury_result_from_string("good"), InvalidArgument);
  CHECK(try_jury_result_from_string("absent") == JuryResult::absent);
  CHECK(has(invalid_argument([] { return stage_from_string("limbo"); }), "admissibility_sent"));
  CHECK(try_stage_from_string("support") == Stage::support);
  // Every name round-trips both ways.
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    const auto e = static_cast<EventKind>(k);
    CHECK(event_kind_from_string(to_string(e)) == e);
  }
  for (std::size_t s = 0; s < stage_count; ++s) {
    const auto st = static_cast<Stage>(s);
    CHECK(stage_from_string(to_string(st)) == st);
  }
}

TEST_CASE("vocabulary: the table's laws", "[vocabulary]") {
  std::size_t i = 0;
  for (const FieldSpec& f : event_data_fields) {
    INFO(f.name);
    CHECK(try_data_field_from_string(f.name) == static_cast<DataField>(i++));
    // A field is required only by events that carry it.
    CHECK((f.required & ~f.events) == 0);
    CHECK(f.events != 0);
    CHECK((f.type == FieldType::enumeration) == !f.values.empty());
    if (f.type == FieldType::integer || f.type == FieldType::number) CHECK(f.min < f.max);
    // Free text and personal data never enter the columnar log.
    if (f.free_text || f.personal) CHECK(f.payload == PayloadRole::none);
    // A payload value is an enumeration index or an integer that fits the low byte or, with no
    // flag on the same event, the 16 bits.
    if (f.payload == PayloadRole::value) {
      CHECK((f.type == FieldType::enumeration || f.type == FieldType::integer));
      CHECK((f.type != FieldType::integer || f.max + 1 < 65536));
    }
    // Personal fields are never quoted in messages.
    if (f.personal) CHECK_FALSE(quotable_field("data." + std::string(f.name)));
  }
  // The payload values of an event pack in mixed radix within 32 bits (below the flag bit when
  // the event has a flag); at most one flag per event. The 2017 events keep a single value each
  // within 16 bits, so their payload is the value + 1 it always was (EventLog.1 columnar logs
  // unchanged).
  CHECK(payload_fits());
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    const auto e = static_cast<EventKind>(k);
    int values = 0, flags = 0;
    for (const FieldSpec& f : event_data_fields) {
      if (!contains(f.events, e)) continue;
      values += f.payload == PayloadRole::value;
      flags += f.payload == PayloadRole::flag;
    }
    INFO(to_string(e));
    CHECK(flags <= 1);
    if (k <= static_cast<std::size_t>(EventKind::archived)) CHECK(values <= 1);
    CHECK(payload_range(e) <= (flags != 0 ? std::uint64_t{payload_flag_bit} : 1ull << 32));
    if (k <= static_cast<std::size_t>(EventKind::archived)) CHECK(payload_range(e) <= 65536u);
    // The digits of rank 0 come first, in table order, each weighing the product of the radices
    // below it; a digit of a higher rank weighs at least the product of every rank-0 radix (it
    // leaves the payloads written without it unchanged).
    std::uint64_t below = 1;
    for (std::size_t f = 0; f < data_field_count; ++f) {
      const FieldSpec& g = event_data_fields[f];
      if (!payload_digit_of(g, e) || g.payload_rank != 0) continue;
      CHECK(payload_weight(e, f) == below);
      below *= payload_radix(g);
    }
    for (std::size_t f = 0; f < data_field_count; ++f) {
      const FieldSpec& g = event_data_fields[f];
      if (payload_digit_of(g, e) && g.payload_rank != 0) CHECK(payload_weight(e, f) >= below);
      if (!payload_digit_of(g, e)) CHECK(payload_weight(e, f) == 0);
    }
  }
  // The profile's six first coded attributes fill 16 bits (4 * 7 * 16 * 9 * 4 * 4 = 64512): the
  // département's 104 values (102 codes, not_stated, absent) go above them, hence 32 bits.
  CHECK(payload_range(EventKind::profile_recorded) == 64512u * 104u);
  CHECK(payload_weight(EventKind::profile_recorded,
                       static_cast<std::size_t>(DataField::departement)) == 64512u);
  for (std::size_t c = 0; c < departement_names.size(); ++c)
    CHECK(try_departement_from_string(departement_names[c]) == static_cast<Departement>(c));
  CHECK(to_string(Departement::not_stated) == "not_stated");
  // The names of the enumerations are those of to_string().
  for (std::size_t c = 0; c < channel_names.size(); ++c)
    CHECK(to_string(static_cast<Channel>(c)) == channel_names[c]);
  for (std::size_t c = 0; c < funding_names.size(); ++c)
    CHECK(to_string(static_cast<Funding>(c)) == funding_names[c]);
  // Roles from the transition table (the shared spec's "who records it" column).
  CHECK(recording_roles(EventKind::received) == roles(Role::assistant));
  CHECK(recording_roles(EventKind::appointment_missed) ==
        (roles(Role::counsellor) | roles(Role::assistant)));
}

TEST_CASE(
    "vocabulary: every enumeration value of every field is read alike by both readers and "
    "survives the payload",
    "[vocabulary]") {
  // For each field of the table and each of its values: a line carrying it on an event that
  // carries the field (with the event's other required fields) reads the same through the fast
  // path and the full reader, writes back the same JSON, and a payload field round-trips through
  // the columnar encoding.
  const auto fi = GENERATE(range(std::size_t{0}, data_field_count));
  const FieldSpec& f = event_data_fields[fi];
  std::vector<std::string> values;
  switch (f.type) {
    case FieldType::enumeration:
      for (auto v : f.values) values.push_back("\"" + std::string(v) + "\"");
      break;
    case FieldType::date: values = {"\"2020-02-03\""}; break;
    case FieldType::integer:
      if (f.step != 1) {
        for (auto v = static_cast<int>(f.min); v <= static_cast<int>(f.max); v += f.step)
          values.push_back(std::to_string(v));
      } else {
        values = {"0", "45", "1440"};
      }
      break;
    case FieldType::number: values = {"0", "2.5", "10000"}; break;
    case FieldType::boolean: values = {"true", "false"}; break;
    case FieldType::text: values = {"\"x\""}; break;
    case FieldType::text_list: values = {R"(["a","b"])"}; break;
  }
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    const auto e = static_cast<EventKind>(k);
    if (!contains(f.events, e)) continue;
    for (const std::string& v : values) {
      std::string data = "{\"" + std::string(f.name) + "\":" + v;
      for (const FieldSpec& g : event_data_fields) {
        if (&g == &f || !contains(g.required, e)) continue;
        if (g.type == FieldType::integer)
          data += ",\"" + std::string(g.name) + "\":" + std::to_string(static_cast<int>(g.min));
        else
          data += ",\"" + std::string(g.name) + "\":\"" + std::string(g.values[0]) + "\"";
      }
      data += "}";
      const std::string extra =
          contains(certification_required, e) ? R"(,"certification":"RNCP1")" : "";
      const std::string line = line_of(to_string(e), "system", data, extra);
      INFO(line);
      const Event full = parse_event_line(line, SourceLocation{"t", 1, 0, {}});
      Both both;
      scan_event_log(line + "\n", both, "t", ReadMode::strict, 1);
      REQUIRE(both.events.size() == 1);
      CHECK(both.events[0] == full);
      CHECK(parse_event_line(format_event_line(full), SourceLocation{}) == full);
      // Lists take the full reader (`departement` too until it was coded, issue 15).
      if (f.type != FieldType::text_list) CHECK(both.views == 1);
      if (f.payload != PayloadRole::none) {
        const EventData kept = data_of_payload(e, payload_of(e, full.data));
        EventData expected;
        // Only the payload fields come back; they equal what was read.
        expected.channel = full.data.channel;
        expected.minutes = full.data.minutes;
        expected.to = full.data.to;
        expected.decision = full.data.decision;
        expected.implicit = full.data.implicit;
        expected.funding = full.data.funding;
        expected.result = full.data.result;
        expected.accompaniment = full.data.accompaniment;
        expected.funding_kind = full.data.funding_kind;
        expected.granted = full.data.granted;
        expected.reason_code = full.data.reason_code;
        expected.lifted = full.data.lifted;
        expected.sex = full.data.sex;
        expected.age_band = full.data.age_band;
        expected.employment = full.data.employment;
        expected.qualification = full.data.qualification;
        expected.departement = full.data.departement;
        expected.qpv = full.data.qpv;
        expected.rqth = full.data.rqth;
        expected.months = full.data.months;
        expected.situation = full.data.situation;
        CHECK(kept == expected);
      }
    }
  }
}

TEST_CASE("vocabulary: the validator's messages come from the table, unchanged", "[vocabulary]") {
  // The messages of EventLog.1 readers as before the table (issue 13: behaviour stays).
  auto reason = [](const std::string& line) {
    try {
      (void)parse_event_line(line, SourceLocation{"t", 1, 0, {}});
    } catch (const ParseError& e) {
      return e.where().field + ": " + e.reason();
    }
    return std::string("accepted");
  };
  CHECK(reason(line_of("oriented", "counsellor", "{}")) == "data.to: oriented requires data.to");
  CHECK(reason(line_of("jury_held", "jury", "{}")) ==
        "data.result: jury_held requires data.result");
  CHECK(reason(line_of("admissibility_decided", "system", "{}")) ==
        "data.decision: admissibility_decided requires data.decision");
  CHECK(reason(line_of("certification_chosen", "counsellor", "{}")) ==
        "certification: certification_chosen requires the certification field");
  CHECK(reason(line_of("appointment_held", "counsellor", R"({"minutes":1441})")) ==
        "data.minutes: minutes must be within 0-1440");
  CHECK(reason(line_of("support_session", "counsellor", R"({"hours":-1})")) ==
        "data.hours: hours must be within 0-10000");
  CHECK(reason(line_of("received", "assistant", R"({"implicit":true})")) ==
        "data.implicit: implicit applies to admissibility_decided and feasibility_decided only");
  CHECK(reason(line_of("received", "assistant", R"({"implicit":false})")) == "accepted");
  CHECK(reason(line_of("received", "assistant", R"({"blocks":["B1"]})")) ==
        "data.blocks: blocks applies to jury_scheduled and jury_held only");
  CHECK(reason(line_of("jury_held", "jury", R"({"result":"full","blocks":["B1","B1"]})")) ==
        "data.blocks: block \"B1\" listed twice");
  CHECK(reason(line_of("jury_held", "jury", R"({"result":"full","jury":[""]})")) ==
        "data.jury: empty jury member quality");
  CHECK(reason(line_of("received", "assistant", R"({"channel":"fax"})")) ==
        "data.channel: unknown value '\"fax\"'");
  CHECK(reason(line_of("received", "assistant", R"({"channel":"walk_in","colour":"red"})")) ==
        "accepted");  // unknown data fields are kept in extra
  // The validator on an Event built in code (not read): a range.
  Event e;
  e.case_id = "C1";
  e.kind = EventKind::support_session;
  e.data.hours = 20000;
  auto bad = validate_event_data(e);
  REQUIRE(bad);
  CHECK(bad->second == "hours must be a number within 0-10000");
}

TEST_CASE("vocabulary: docs/formats/event-log.md holds the tables generated from the table",
          "[vocabulary]") {
  // Like OpenTimelineIO's tests/test_serialized_schema.py: the page must be regenerated when the
  // table changes: copy build/ci/event-vocabulary.generated.md (written by this test, run from
  // build/ci) between the markers, or print vaekit.event_vocabulary_markdown() in Python.
  const auto page =
      vaekit::test::data_dir().parent_path().parent_path() / "docs/formats/event-log.md";
  const std::string want = vocabulary_markdown();
  {
    // What the page must hold between its markers, for whoever updates it.
    std::ofstream("event-vocabulary.generated.md") << want;
  }
  REQUIRE(std::filesystem::exists(page));
  const std::string text = file_text(page);
  const std::string begin = "<!-- generated:event-vocabulary begin -->\n";
  const std::string end = "<!-- generated:event-vocabulary end -->";
  const auto b = text.find(begin);
  const auto e = text.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string generated = text.substr(b + begin.size(), e - b - begin.size());
  CHECK(generated == want);
}

TEST_CASE("vocabulary: a view assigned to an event that held lists leaves none", "[vocabulary]") {
  // EventView::assign_to reuses the event's storage (store import): the list fields, which a
  // view never carries, must not survive from the event's previous content.
  Both both;
  scan_event_log(line_of("jury_held", "jury", R"({"result":"full"})") + "\n", both, "t",
                 ReadMode::strict, 1);
  REQUIRE(both.views == 1);
  Event e;
  e.data.blocks = {"B1"};
  e.data.jury = {"formateur"};
  EventView v;
  v.case_id = "C1";
  v.at = Timestamp(Date(2020, 1, 6));
  v.kind = EventKind::jury_held;
  v.role = Role::jury;
  v.data.result = JuryResult::full;
  v.assign_to(e);
  CHECK(e.data.blocks.empty());
  CHECK(e.data.jury.empty());
  CHECK(e == both.events[0]);
}

TEST_CASE("vocabulary 15: the 2017 payloads are unchanged; the reform's pack in mixed radix",
          "[vocabulary]") {
  // EventLog.1 columnar logs read exactly as before issue 15: every 2017 event keeps the value + 1
  // of its one payload field (the numbers of analytics/event_log.hpp's encode_payload()).
  EventData d;
  d.channel = Channel::phone;
  CHECK(payload_of(EventKind::received, d) == 2);
  d = {};
  d.minutes = 45;
  CHECK(payload_of(EventKind::appointment_held, d) == 46);
  d = {};
  d.decision = AdmissibilityDecision::not_admissible;
  d.implicit = true;
  CHECK(payload_of(EventKind::admissibility_decided, d) == 0x102);
  d = {};
  d.funding = Funding::opco;
  CHECK(payload_of(EventKind::support_started, d) == 3);
  d = {};
  d.result = JuryResult::absent;
  CHECK(payload_of(EventKind::jury_held, d) == 4);
  d = {};
  d.to = OrientationTarget::other;
  CHECK(payload_of(EventKind::oriented, d) == 5);
  d = {};
  d.reason = "déménagement";  // free text: never in the payload
  CHECK(payload_of(EventKind::dropped_out, d) == 0);

  // Hand-worked packings (docs/formats/event-log.md): funding_decided = funding + 9 *
  // funding_kind (+ 0x100 granted): france_vae (7 + 1) + 9 * (jury_fees (4) + 1) + 0x100.
  d = {};
  d.funding = Funding::france_vae;
  d.funding_kind = FundingKind::jury_fees;
  d.granted = true;
  d.hours = 3;     // not kept
  d.amount = 650;  // not kept
  CHECK(payload_of(EventKind::funding_decided, d) == 8 + 9 * 5 + 0x100);
  // followup_recorded = months digit (6 -> 1, 12 -> 2) + 3 * (situation + 1): 12 months, new_job.
  d = {};
  d.months = 12;
  d.situation = Situation::new_job;
  CHECK(payload_of(EventKind::followup_recorded, d) == 2 + 3 * 3);
  // profile_recorded: sex + 4 * (age_band + 7 * (employment + 16 * (qualification + 9 * (qpv +
  // 4 * (rqth + 4 * departement))))), digits = index + 1: woman 1, 35_44 3, job_seeker 10,
  // level_4 3, no 2, not_stated 3; the département (payload_rank 1) is the highest digit, so a
  // profile without it keeps the payload of the 16-bit column.
  d = {};
  d.sex = Sex::woman;
  d.age_band = AgeBand::from_35_to_44;
  d.employment = Employment::job_seeker;
  d.qualification = Qualification::level_4;
  d.qpv = YesNo::no;
  d.rqth = YesNo::not_stated;
  const std::uint32_t without = 1 + 4 * (3 + 7 * (10 + 16 * (3 + 9 * (2 + 4 * 3))));
  CHECK(payload_of(EventKind::profile_recorded, d) == without);
  CHECK(data_of_payload(EventKind::profile_recorded, without) == d);
  // "2A" is the 20th code of the official order (01..19, 2A): index 19, digit 20.
  d.departement = try_departement_from_string("2A");
  REQUIRE(d.departement);
  CHECK(static_cast<int>(*d.departement) == 19);
  const std::uint32_t p = payload_of(EventKind::profile_recorded, d);
  CHECK(p == without + 4 * 7 * 16 * 9 * 4 * 4 * 20);
  CHECK(p > 0xFFFF);  // what the 16-bit column could not hold
  EventData back = data_of_payload(EventKind::profile_recorded, p);
  CHECK(back == d);
  CHECK(to_string(*back.departement) == "2A");
  // The largest profile payload decodes to the last value of every attribute.
  back = data_of_payload(EventKind::profile_recorded, 64512u * 104u - 1u);
  CHECK(back.sex == Sex::not_stated);
  CHECK(back.age_band == AgeBand::not_stated);
  CHECK(back.employment == Employment::not_stated);
  CHECK(back.qualification == Qualification::not_stated);
  CHECK(back.qpv == YesNo::not_stated);
  CHECK(back.rqth == YesNo::not_stated);
  CHECK(back.departement == Departement::not_stated);
  // The lone flag of lapse_decided.
  d = {};
  d.lifted = true;
  CHECK(payload_of(EventKind::lapse_decided, d) == 0x100);
  CHECK(data_of_payload(EventKind::lapse_decided, 0x100).lifted);
}

TEST_CASE("vocabulary 15: the profile payload is a bijection over its 32-bit range",
          "[vocabulary]") {
  // Every payload below payload_range (4 * 7 * 16 * 9 * 4 * 4 * 104 = 6 709 248) decodes to data
  // that encodes back to it, and no two payloads give the same data: the codec loses nothing of
  // any profile (each attribute a value or absent), the département included.
  const auto range = static_cast<std::uint32_t>(payload_range(EventKind::profile_recorded));
  REQUIRE(range == 6'709'248u);
  std::uint32_t mismatches = 0;
  for (std::uint32_t p = 0; p < range; ++p) {
    if (payload_of(EventKind::profile_recorded, data_of_payload(EventKind::profile_recorded, p)) !=
        p)
      ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("vocabulary 15: an EventLog.1 log of 2017 reads and writes back byte for byte",
          "[vocabulary]") {
  // The golden files were written by the 2017 vocabulary's reader and writer (before issue 15).
  const std::pair<const char*, const char*> logs[] = {
      {"pathway/sample.jsonl", "pathway/sample.written-2017.jsonl"},
      {"analytics/outcomes_eventlog.jsonl", "pathway/outcomes_eventlog.written-2017.jsonl"}};
  for (const auto& [name, golden] : logs) {
    INFO(name);
    const std::string text = file_text(vaekit::test::data_dir() / name);
    REQUIRE(!text.empty());
    const EventRecords log = parse_event_log(text, name);
    CHECK(log.rejects.empty());
    CHECK(format_event_log(log.events) == file_text(vaekit::test::data_dir() / golden));
    for (const Event& e : log.events) {
      // Its payload is the 2017 value + 1 and decodes to the same payload fields.
      const std::uint32_t p = payload_of(e.kind, e.data);
      CHECK(payload_of(e.kind, data_of_payload(e.kind, p)) == p);
    }
  }
}
