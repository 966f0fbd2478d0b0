// JSON of the counsellor tools' results: the certification suggestions (`Suggestions.1`) and the
// orientation advice (`Orientation.1`): field names, exact round trips, errors naming the field,
// the samples of tests/data/schemas, and that no personal field of a Candidate ever reaches them.
//
// Figures worked out by hand on the fixture registry tests/data/pathway/counsel_registry.json
// (see test_suggestions.cpp): two years full time on K1302 (2019-01-01..2020-12-31, 731 days) are
// 731 × 1607/365 = 1174717/365 h under vae-2017; 334 days (2017-01-01..2017-11-30) are
// 334 × 1607/365 = 536738/365 h, short of the 1,607 h minimum.
#include <functional>
#include <set>

#include "test_support.hpp"
#include "vaekit/pathway/admissibility.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/orientation.hpp"
#include "vaekit/pathway/suggestions.hpp"

using namespace vaekit;

namespace {

const Registry& fixture() {
  static const Registry reg =
      load_document<Registry>(test::data_dir() / "pathway" / "counsel_registry.json");
  return reg;
}

const RomeCatalog& rome() {
  static const RomeCatalog cat =
      RomeCatalog::load_csv(test::data_dir() / "pathway" / "rome_fixture.csv");
  return cat;
}

Experience job(std::string code, Date first, Date last, Rational per_week = Rational(35),
               std::string text = {}) {
  Experience x;
  x.period = DateRange(first, last);
  x.hours_per_week = per_week;
  x.rome = std::move(code);
  x.text = std::move(text);
  return x;
}

std::vector<std::string> keys(const Json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

// Every object key anywhere in @p j.
void all_keys(const Json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      out.insert(k);
      all_keys(v, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) all_keys(v, out);
  }
}

using vaekit::test::error_field;

SuggestionResult two_years_k1302() {
  const std::vector<Experience> xs{job("K1302", Date(2019, 1, 1), Date(2020, 12, 31))};
  SuggestionRules filter;  // the level window as a filter, as when the sample was written
  filter.level_filter = true;
  return suggest_certifications(xs, 3, fixture(), Date(2021, 6, 1), filter);
}

OrientationAdvice short_k1306() {
  OrientationInput in;
  in.target = CertificationTarget{"RNCP90104", {"K1306"}};
  const std::vector<Experience> xs{job("K1306", Date(2017, 1, 1), Date(2017, 11, 30))};
  return suggest_orientation(xs, in, Date(2018, 1, 15));
}

}  // namespace

TEST_CASE("counsel json: Suggestions.1 field names and values") {
  const SuggestionResult r = two_years_k1302();
  const Json doc = to_document(r);
  CHECK(doc["schema"] == "Suggestions.1");
  CHECK(keys(doc) == std::vector<std::string>{"schema", "on", "diploma_level", "rules", "regime",
                                              "minimum_hours", "suggestions", "excluded", "notes"});
  CHECK(doc["on"] == "2021-06-01");
  CHECK(doc["diploma_level"] == 3);
  CHECK(doc["regime"] == "vae-2017");
  CHECK(doc["minimum_hours"] == "1607");
  CHECK(doc["rules"]["levels_above"] == 2);
  REQUIRE(doc["suggestions"].size() == 4);
  const Json& first = doc["suggestions"][0];
  CHECK(keys(first) == std::vector<std::string>{"code", "title", "level", "match", "exact_rome",
                                                "parent_rome", "hours", "enough_experience",
                                                "replaces", "reasons"});
  CHECK(first["code"] == "RNCP90104");
  CHECK(first["level"] == 3);
  CHECK(first["match"] == "exact");
  CHECK(first["exact_rome"] == Json::array({"K1302"}));
  CHECK(first["hours"] == "1174717/365");
  CHECK(first["enough_experience"] == true);
  CHECK(first["replaces"] == Json::array({"RNCP90101", "RNCP90103"}));
  CHECK(keys(first["reasons"][0]) == std::vector<std::string>{"code", "message"});
  CHECK(first["reasons"][0]["code"] == "rome_exact");
  CHECK(first["reasons"][0]["message"].get<std::string>().find("3 218,40 h") != std::string::npos);
  // RS90301 has no level: null, not absent.
  CHECK(doc["suggestions"][3]["code"] == "RS90301");
  CHECK(doc["suggestions"][3]["level"].is_null());
  REQUIRE(doc["excluded"].size() == 1);
  CHECK(doc["excluded"][0]["code"] == "RNCP90206");
  CHECK(doc["excluded"][0]["reason"]["code"] == "level_out_of_range");
  CHECK(doc["notes"] == Json::array());
  // The document reads back equal, also from its text.
  CHECK(from_document<SuggestionResult>(doc) == r);
  CHECK(read_document<SuggestionResult>(doc.dump(2)) == r);
}

TEST_CASE("counsel json: Suggestions.1 round trip over inputs and rules") {
  const Date on = GENERATE(Date(2017, 9, 1), Date(2021, 6, 1), Date(2024, 3, 1));
  const std::optional<int> level = GENERATE(std::optional<int>(), std::optional<int>(2),
                                            std::optional<int>(3), std::optional<int>(5));
  const bool parent = GENERATE(false, true);
  SuggestionRules rules;
  rules.levels_below = 1;
  rules.follow_replacements = GENERATE(true, false);
  rules.limit = GENERATE(std::size_t{0}, std::size_t{2});
  const std::vector<Experience> xs{
      job("K1302", Date(2015, 1, 1), Date(2016, 6, 30), Rational(35, 2)),
      job("K1306", Date(2016, 1, 1), Date(2016, 12, 31)),
      job("", Date(2014, 1, 1), Date(2014, 3, 31)),
      job("K1301", Date(2013, 1, 1), Date(2013, 12, 31), Rational(28))};
  const auto r =
      suggest_certifications(xs, level, fixture(), on, rules, parent ? &rome() : nullptr);
  const Json doc = to_document(r);
  const auto back = read_document<SuggestionResult>(doc.dump());
  CHECK(back == r);
  CHECK(to_document(back) == doc);
  CHECK(back.rules == rules);
  CHECK(back.on == on);
  CHECK(back.diploma_level == level);
  // The experience without ROME code is noted.
  CHECK(doc["notes"][0]["code"] == "experience_without_rome");
}

TEST_CASE("counsel json: Suggestions.1 errors name the field, never the value") {
  const Json good = to_document(two_years_k1302());
  auto with = [&](const std::function<void(Json&)>& edit) {
    Json j = good;
    edit(j);
    return [j] { (void)from_document<SuggestionResult>(j, "s.json"); };
  };
  CHECK(error_field(with([](Json& j) { j.erase("regime"); })) == "regime");
  CHECK(error_field(with([](Json& j) { j["on"] = "2021-13-01"; })) == "on");
  CHECK(error_field(with([](Json& j) { j["diploma_level"] = 9; })) == "diploma_level");
  CHECK(error_field(with([](Json& j) { j["diploma_level"] = 3.5; })) == "diploma_level");
  CHECK(error_field(with([](Json& j) { j["minimum_hours"] = "-3"; })) == "minimum_hours");
  CHECK(error_field(with([](Json& j) { j["rules"]["levels_above"] = 1e300; })) ==
        "rules.levels_above");
  CHECK(error_field(with([](Json& j) { j.erase("suggestions"); })) == "suggestions");
  CHECK(error_field(with([](Json& j) { j["suggestions"] = Json::object(); })) == "suggestions");
  CHECK(error_field(with([](Json& j) { j["suggestions"][1]["match"] = "near"; })) ==
        "suggestions[1].match");
  CHECK(error_field(with([](Json& j) { j["suggestions"][0]["hours"] = "1/0"; })) ==
        "suggestions[0].hours");
  CHECK(error_field(with([](Json& j) { j["suggestions"][0]["hours"] = 2.5; })) ==
        "suggestions[0].hours");
  CHECK(error_field(with([](Json& j) { j["suggestions"][0]["exact_rome"] = Json::array(); })) ==
        "suggestions[0].exact_rome");
  CHECK(error_field(with([](Json& j) { j["suggestions"][0]["replaces"][1] = 7; })) ==
        "suggestions[0].replaces[1]");
  CHECK(error_field(with([](Json& j) { j["suggestions"][2]["reasons"][0]["code"] = ""; })) ==
        "suggestions[2].reasons[0].code");
  CHECK(error_field(with([](Json& j) { j["excluded"][0].erase("reason"); })) ==
        "excluded[0].reason");
  CHECK(error_field(with([](Json& j) { j["excluded"][0]["reason"] = Json::object(); })) ==
        "excluded[0].reason.code");
  CHECK(error_field(with([](Json& j) { j["notes"] = Json::array({1}); })) == "notes[0]");
  CHECK(error_field(with([](Json& j) { j["rules"]["limit"] = 1; })) == "suggestions");
  // The source is named and the value is not quoted.
  Json bad = good;
  bad["suggestions"][0]["match"] = "SECRET-VALUE";
  try {
    (void)from_document<SuggestionResult>(bad, "s.json");
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.where().source == "s.json");
    CHECK(std::string(e.what()).find("SECRET-VALUE") == std::string::npos);
  }
  Json other = good;
  other["schema"] = "Orientation.1";
  CHECK_THROWS_AS(from_document<SuggestionResult>(other), SchemaError);
  other["schema"] = "Suggestions.2";
  CHECK_THROWS_AS(from_document<SuggestionResult>(other), SchemaError);
}

TEST_CASE("counsel json: Orientation.1 field names, values and round trip") {
  const OrientationAdvice a = short_k1306();
  const Json doc = to_document(a);
  CHECK(doc["schema"] == "Orientation.1");
  CHECK(keys(doc) ==
        std::vector<std::string>{"schema", "first", "suggestions", "ruled_out", "eligibility"});
  CHECK(doc["first"] == "training");
  REQUIRE(doc["suggestions"].size() == 1);
  CHECK(keys(doc["suggestions"][0]) == std::vector<std::string>{"target", "reasons"});
  CHECK(doc["suggestions"][0]["reasons"][0]["code"] == "experience_too_short");
  CHECK(doc["suggestions"][0]["reasons"][0]["message"].get<std::string>().find("1 470,51 h") !=
        std::string::npos);
  REQUIRE(doc["ruled_out"].size() == 2);
  CHECK(doc["ruled_out"][0]["target"] == "skills_assessment");
  CHECK(doc["ruled_out"][1]["target"] == "vae");
  const Json& el = doc["eligibility"];
  CHECK(keys(el) == std::vector<std::string>{"eligible", "regime", "on", "hours", "minimum_hours",
                                             "days", "training_hours", "training_counted",
                                             "details", "reasons"});
  CHECK(el["eligible"] == false);
  CHECK(el["regime"] == "vae-2017");
  CHECK(el["on"] == "2018-01-15");
  CHECK(el["hours"] == "536738/365");
  CHECK(el["minimum_hours"] == "1607");
  CHECK(el["days"] == 334);
  CHECK(el["training_hours"] == "0");
  REQUIRE(el["details"].size() == 1);
  CHECK(keys(el["details"][0]) ==
        std::vector<std::string>{"index", "related", "kind_counts", "hours", "days", "link"});
  CHECK(el["details"][0]["related"] == true);
  CHECK(from_document<OrientationAdvice>(doc) == a);
  CHECK(read_document<OrientationAdvice>(doc.dump(2)) == a);
}

TEST_CASE("counsel json: Orientation.1 round trip over inputs") {
  const bool clear = GENERATE(true, false);
  const bool higher = GENERATE(true, false);
  const std::optional<int> age =
      GENERATE(std::optional<int>(), std::optional<int>(19), std::optional<int>(35));
  const Date on = GENERATE(Date(2017, 6, 1), Date(2018, 1, 15), Date(2024, 6, 1));
  OrientationInput in;
  in.project_clear = clear;
  in.wants_higher_education = higher;
  in.age = age;
  in.left_initial_education_on = Date(2010, 7, 1);
  const std::vector<Experience> xs{job("K1302", Date(2016, 1, 1), Date(2016, 12, 31)),
                                   job("K1306", Date(2016, 6, 1), Date(2017, 3, 31), Rational(20))};
  const auto a = suggest_orientation(xs, in, on);
  const Json doc = to_document(a);
  const auto back = read_document<OrientationAdvice>(doc.dump());
  CHECK(back == a);
  CHECK(to_document(back) == doc);
  CHECK(back.first() == a.first());
}

TEST_CASE("counsel json: Orientation.1 errors name the field") {
  const Json good = to_document(short_k1306());
  auto with = [&](const std::function<void(Json&)>& edit) {
    Json j = good;
    edit(j);
    return [j] { (void)from_document<OrientationAdvice>(j); };
  };
  CHECK(error_field(with([](Json& j) { j["suggestions"] = Json::array(); })) == "suggestions");
  CHECK(error_field(with([](Json& j) { j["suggestions"][0]["target"] = "job"; })) ==
        "suggestions[0].target");
  CHECK(error_field(with([](Json& j) { j["first"] = "vae"; })) == "first");
  CHECK(error_field(with([](Json& j) { j["ruled_out"][1]["reasons"] = "x"; })) ==
        "ruled_out[1].reasons");
  CHECK(error_field(with([](Json& j) { j.erase("eligibility"); })) == "eligibility");
  CHECK(error_field(with([](Json& j) { j["eligibility"]["hours"] = Json(); })) ==
        "eligibility.hours");
  CHECK(error_field(with([](Json& j) { j["eligibility"]["days"] = -1; })) == "eligibility.days");
  CHECK(error_field(with([](Json& j) { j["eligibility"]["training_counted"] = "5"; })) ==
        "eligibility.training_counted");
  CHECK(error_field(with([](Json& j) { j["eligibility"]["details"][0]["index"] = 4; })) ==
        "eligibility.details[0].index");
  CHECK(error_field(with([](Json& j) { j["eligibility"]["details"][0]["related"] = 1; })) ==
        "eligibility.details[0].related");
  // "first" is optional on reading (derived).
  Json no_first = good;
  no_first.erase("first");
  CHECK(from_document<OrientationAdvice>(no_first) == short_k1306());
}

TEST_CASE("counsel json: the samples of tests/data/schemas read") {
  const auto dir = test::data_dir() / "schemas";
  const auto s = load_document<SuggestionResult>(dir / "Suggestions.1.json");
  CHECK(s.on == Date(2021, 6, 1));
  CHECK(s.diploma_level == 3);
  CHECK(s.regime == "vae-2017");
  REQUIRE(s.suggestions.size() == 4);
  CHECK(s.suggestions[0].code == "RNCP90104");
  CHECK(s.suggestions[0].hours == Rational(731 * 1607, 365));
  CHECK(s.suggestions[0].replaces == std::vector<std::string>{"RNCP90101", "RNCP90103"});
  CHECK(s.suggestions[3].level == std::nullopt);
  REQUIRE(s.excluded.size() == 1);
  CHECK(s.excluded[0].reason.code == "level_out_of_range");
  // The sample is what vaekit computes on the fixture today (ranking and figures).
  const auto now = two_years_k1302();
  REQUIRE(now.suggestions.size() == s.suggestions.size());
  for (std::size_t i = 0; i < now.suggestions.size(); ++i) {
    CHECK(now.suggestions[i].code == s.suggestions[i].code);
    CHECK(now.suggestions[i].hours == s.suggestions[i].hours);
  }

  const auto o = load_document<OrientationAdvice>(dir / "Orientation.1.json");
  CHECK(o.first() == OrientationTarget::training);
  CHECK(o.suggestions[0].has_reason("experience_too_short"));
  CHECK_FALSE(o.eligibility.eligible);
  CHECK(o.eligibility.hours == Rational(334 * 1607, 365));
  CHECK(o.eligibility == short_k1306().eligibility);
}

TEST_CASE("counsel json: no personal field of the Candidate ever appears") {
  Candidate c;
  c.id = "C-1";
  c.case_ids = {"K-1"};
  c.family_name = "Zwyndorff";
  c.given_names = "Quillane";
  c.birth_date = Date(1987, 2, 13);
  c.email = "quillane.zwyndorff@example.org";
  c.phone = "+33 6 12 34 56 78";
  c.address = "17 rue des Glycines, 31000 Toulouse";
  c.situation = "jobseeker";
  c.goals = "Devenir accompagnante éducative et sociale";
  c.highest_level = 3;
  c.certifications_held = {"CAP Petite enfance"};
  c.left_initial_education_on = Date(2005, 6, 29);

  // The counsellor derives the inputs from the record; the experiences carry free text that may
  // hold personal data.
  const std::vector<Experience> xs{
      job("K1302", Date(2019, 1, 1), Date(2020, 12, 31), Rational(35),
          "Chez Mme Zwyndorff (mère), aide à domicile"),
      job("K1306", Date(2021, 1, 1), Date(2021, 9, 30), Rational(24), "quillane.zwyndorff")};
  const Date on(2022, 3, 1);
  const auto s = suggest_certifications(xs, c.highest_level, fixture(), on, {}, &rome());
  OrientationInput in;
  in.target = CertificationTarget{"RNCP90104", {"K1306"}};
  in.wants_higher_education = true;
  in.project_clear = false;
  in.age = age_on(*c.birth_date, on);
  in.left_initial_education_on = c.left_initial_education_on;
  const auto a = suggest_orientation(xs, in, on);
  REQUIRE_FALSE(s.suggestions.empty());
  REQUIRE(a.suggests(OrientationTarget::vap));

  const std::vector<std::string> personal{c.family_name,
                                          c.given_names,
                                          c.email,
                                          c.phone,
                                          c.address,
                                          c.goals,
                                          "1987-02-13",
                                          "2005-06-29",
                                          "Zwyndorff",
                                          "Quillane",
                                          "CAP Petite enfance",
                                          "Glycines",
                                          "quillane",
                                          "zwyndorff"};
  const std::set<std::string> personal_keys{"family_name",
                                            "given_names",
                                            "birth_date",
                                            "email",
                                            "phone",
                                            "address",
                                            "goals",
                                            "situation",
                                            "certifications_held",
                                            "left_initial_education_on",
                                            "age",
                                            "text",
                                            "candidate_id"};
  for (const Json& doc : {to_document(s), to_document(a)}) {
    const std::string text = doc.dump();
    for (const auto& p : personal) {
      INFO(p);
      CHECK(text.find(p) == std::string::npos);
    }
    std::set<std::string> ks;
    all_keys(doc, ks);
    for (const auto& k : personal_keys) {
      INFO(k);
      CHECK(ks.count(k) == 0);
    }
  }
}

TEST_CASE("counsel json: numbers that are not integers are refused, not converted") {
  // Found by fuzz/pathway_counsel.cpp (seed fuzz/corpus/pathway_counsel/regression-slot-id-float):
  // a slot id of 1.88889e46 was converted to an unsigned integer, which is undefined behaviour.
  // Identifiers, minutes, levels and rule thresholds must now be JSON integers in range.
  const auto dir = test::data_dir() / "schemas";
  const Json book = parse_json(read_text_file(dir / "AppointmentBook.1.json"));
  auto book_with = [&](const std::function<void(Json&)>& edit) {
    Json j = book;
    edit(j);
    return [j] { (void)from_document<AppointmentBook>(j); };
  };
  CHECK(error_field(book_with([](Json& j) { j["slots"][0]["id"] = 1.88889e46; })) == "slots[0].id");
  CHECK(error_field(book_with([](Json& j) { j["slots"][0]["minutes"] = 60.5; })) ==
        "slots[0].minutes");
  CHECK(error_field(book_with([](Json& j) { j["bookings"][0]["slot"] = -1; })) ==
        "bookings[0].slot");
  CHECK(error_field(book_with([](Json& j) { j["next_ticket"] = 1e300; })) == "next_ticket");
  CHECK(from_document<AppointmentBook>(book) ==
        load_document<AppointmentBook>(dir / "AppointmentBook.1.json"));

  const Json req = parse_json(read_text_file(dir / "AdmissibilityRequest.1.json"));
  auto req_with = [&](const std::function<void(Json&)>& edit) {
    Json j = req;
    edit(j);
    return [j] { (void)from_document<AdmissibilityRequest>(j); };
  };
  CHECK(error_field(req_with([](Json& j) { j["certification"]["level"] = 1e300; })) ==
        "certification.level");
  CHECK(error_field(req_with([](Json& j) { j["certification"]["level"] = 9; })) ==
        "certification.level");
  CHECK(error_field(req_with([](Json& j) { j["education"]["highest_level"] = 3.5; })) ==
        "education.highest_level");

  CHECK(error_field([] { (void)parse_json(R"({"limit": -1})").get<SuggestionRules>(); }) ==
        "limit");
  CHECK(error_field([] { (void)parse_json(R"({"levels_above": 2.0})").get<SuggestionRules>(); }) ==
        "levels_above");
  CHECK(error_field([] { (void)parse_json(R"([1, 2])").get<SuggestionRules>(); }).empty());
  CHECK(error_field([] { (void)parse_json(R"({"vap_min_age": 1e99})").get<OrientationRules>(); }) ==
        "vap_min_age");
  CHECK(error_field([] {
          (void)parse_json(R"({"skills_assessment_max_hours": 0})").get<OrientationRules>();
        }) == "skills_assessment_max_hours");
  // The rules round-trip.
  SuggestionRules sr;
  sr.levels_below = 1;
  sr.limit = 12;
  sr.use_rome_parent = false;
  CHECK(Json(sr).get<SuggestionRules>() == sr);
  OrientationRules orr;
  orr.vap_min_age = 21;
  CHECK(Json(orr).get<OrientationRules>() == orr);
}

TEST_CASE("counsel json: reading AppointmentBook.1 checks overlaps in any slot order") {
  // check() sorts the slots by counsellor, day and start (it compared every pair before); these
  // cases pin what it must still find. CO1 on 2024-05-06: 09:00-10:00 (slot 1), a CO2 slot in
  // between, then the slot under test (slot 3).
  auto doc = [](const std::string& third_start, int third_minutes, bool withdrawn) {
    Json slots = Json::array();
    slots.push_back(Json{{"id", 1},
                         {"counsellor", "CO1"},
                         {"date", "2024-05-06"},
                         {"start", "09:00"},
                         {"minutes", 60}});
    slots.push_back(Json{{"id", 2},
                         {"counsellor", "CO2"},
                         {"date", "2024-05-06"},
                         {"start", "09:15"},
                         {"minutes", 60}});
    slots.push_back(Json{{"id", 3},
                         {"counsellor", "CO1"},
                         {"date", "2024-05-06"},
                         {"start", third_start},
                         {"minutes", third_minutes},
                         {"withdrawn", withdrawn}});
    return Json{{"schema", "AppointmentBook.1"}, {"slots", slots}};
  };
  CHECK_NOTHROW(read_document<AppointmentBook>(doc("10:00", 30, false).dump()));  // adjacent
  CHECK_NOTHROW(read_document<AppointmentBook>(doc("08:00", 60, false).dump()));  // before
  CHECK_THROWS_AS(read_document<AppointmentBook>(doc("09:30", 60, false).dump()), ParseError);
  // Starting earlier and covering slot 1 entirely (sorted first, slot 1 starts before its end).
  CHECK_THROWS_AS(read_document<AppointmentBook>(doc("08:00", 180, false).dump()), ParseError);
  // A withdrawn slot may overlap.
  CHECK_NOTHROW(read_document<AppointmentBook>(doc("09:30", 60, true).dump()));
  // Nested: a long slot 08:00-12:00 and slot 1 inside it, then 10:30 overlaps the long one only.
  Json nested = doc("08:00", 240, false);
  nested["slots"][2]["withdrawn"] = true;  // keep the pair 1/3 legal ...
  CHECK_NOTHROW(read_document<AppointmentBook>(nested.dump()));
  Json three = doc("10:30", 30, false);
  three["slots"][1]["counsellor"] = "CO1";
  three["slots"][1]["start"] = "08:00";
  three["slots"][1]["minutes"] = 240;  // slot 2 08:00-12:00 covers 1 and 3
  CHECK_THROWS_AS(read_document<AppointmentBook>(three.dump()), ParseError);

  // One case booked at overlapping times with two counsellors: refused; at other times: read.
  Json cases = doc("10:00", 60, false);
  cases["bookings"] = Json::array({Json{{"id", 1},
                                        {"slot", 1},
                                        {"case", "K1"},
                                        {"booked_on", "2024-05-01"},
                                        {"status", "booked"}},
                                   Json{{"id", 2},
                                        {"slot", 3},
                                        {"case", "K1"},
                                        {"booked_on", "2024-05-01"},
                                        {"status", "booked"}},
                                   Json{{"id", 3},
                                        {"slot", 2},
                                        {"case", "K1"},
                                        {"booked_on", "2024-05-01"},
                                        {"status", "cancelled"},
                                        {"cancelled_on", "2024-05-02"}}});
  const auto ok = read_document<AppointmentBook>(cases.dump());
  CHECK(ok.bookings_of("K1") == std::vector<BookingId>{1, 2, 3});
  cases["bookings"][2]["status"] = "booked";
  cases["bookings"][2].erase("cancelled_on");
  CHECK_THROWS_AS(read_document<AppointmentBook>(cases.dump()), ParseError);  // 2 overlaps 1
}
