#include <filesystem>
#include <fstream>

#include "test_support.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/names.hpp"

using vaekit::Date;
using vaekit::DateRange;
using vaekit::FrenchCalendar;
using vaekit::Json;
using vaekit::json_field;
using vaekit::json_integer;
using vaekit::ParseError;

namespace {
std::filesystem::path temp_dir() {
  auto p = std::filesystem::temp_directory_path() / "vaekit-tests";
  std::filesystem::create_directories(p);
  return p;
}
}  // namespace

TEST_CASE("JSON: core values round-trip") {
  const DateRange r(Date(2017, 1, 1), Date(2017, 12, 31));
  Json j = r;
  CHECK(j.dump() == R"({"first":"2017-01-01","last":"2017-12-31"})");
  CHECK(j.get<DateRange>() == r);
  CHECK(Json(Date(2024, 2, 29)).get<Date>() == Date(2024, 2, 29));
}

TEST_CASE("JSON: calendar documents carry their schema tag and round-trip") {
  FrenchCalendar cal(vaekit::CalendarRegion::alsace_moselle);
  cal.add_closure(DateRange(Date(2024, 8, 5), Date(2024, 8, 23)), "fermeture estivale");
  const Json doc = vaekit::to_document(cal);
  CHECK(doc.begin().key() == "schema");
  CHECK(doc["schema"] == "FrenchCalendar.1");
  CHECK(vaekit::from_document<FrenchCalendar>(doc) == cal);
  CHECK(vaekit::read_document<FrenchCalendar>(doc.dump()) == cal);
}

TEST_CASE("JSON: the stored sample of every schema version still reads") {
  const auto cal = vaekit::load_document<FrenchCalendar>(vaekit::test::data_dir() /
                                                         "schemas/FrenchCalendar.1.json");
  CHECK(cal.region() == vaekit::CalendarRegion::metropolitan);
  REQUIRE(cal.closures().size() == 1);
  CHECK(cal.closures()[0].reason == "fermeture de fin d'année");
}

TEST_CASE("JSON: schema errors are clear") {
  auto expect_schema_error = [](const std::string& text, const std::string& fragment) {
    try {
      (void)vaekit::read_document<FrenchCalendar>(text, "cal.json");
      FAIL("no exception for " << text);
    } catch (const vaekit::SchemaError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(fragment) != std::string::npos);
      CHECK(e.where().source == "cal.json");
      CHECK(e.where().field == "schema");
    }
  };
  expect_schema_error(R"({"region":"metropolitan"})", "missing \"schema\"");
  expect_schema_error(R"({"schema":"Registry.1"})", "expected a FrenchCalendar");
  expect_schema_error(R"({"schema":"FrenchCalendar.7","region":"metropolitan"})", "upgrade vaekit");
  expect_schema_error(R"({"schema":"FrenchCalendar"})", "Name.N");
  expect_schema_error(R"({"schema":"FrenchCalendar.x"})", "version");
  expect_schema_error(R"([1,2])", "JSON object");
}

TEST_CASE("JSON: field errors name the field") {
  try {
    (void)vaekit::read_document<FrenchCalendar>(
        R"({"schema":"FrenchCalendar.1","region":"metropolitan","closures":[{"first":"2024-02-30","last":"2024-03-01"}]})",
        "cal.json");
    FAIL("no exception");
  } catch (const vaekit::ParseError& e) {
    CHECK(e.where().field == "closures[0].first");
    CHECK(e.where().source == "cal.json");
  }
  CHECK_THROWS_AS(vaekit::read_document<FrenchCalendar>(R"({"schema":"FrenchCalendar.1"})"),
                  vaekit::ParseError);
  CHECK_THROWS_AS(
      vaekit::read_document<FrenchCalendar>(R"({"schema":"FrenchCalendar.1","region":"mars"})"),
      vaekit::ParseError);
}

TEST_CASE("JSON: syntax errors carry line and column") {
  try {
    (void)vaekit::parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}", "doc.json");
    FAIL("no exception");
  } catch (const vaekit::ParseError& e) {
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 8);
    CHECK(e.where().source == "doc.json");
  }
}

namespace {
struct Toy {
  static constexpr std::string_view schema_name = "Toy";
  static constexpr int schema_version = 3;
  int size = 0;
  std::string label;
};
void to_json(Json& j, const Toy& t) {
  j = Json{{"size", t.size}, {"label", t.label}};
}
void from_json(const Json& j, Toy& t) {
  t.size = vaekit::json_field<int>(j, "size");
  t.label = vaekit::json_field<std::string>(j, "label");
}
}  // namespace

TEST_CASE("JSON: upgrades lift old documents step by step") {
  auto& reg = vaekit::SchemaRegistry::global();
  // v1 had "length"; v2 renamed it "size"; v3 added "label".
  reg.add_upgrade("Toy", 1, [](Json d) {
    d["size"] = d["length"];
    d.erase("length");
    return d;
  });
  const Json v1 = Json::parse(R"({"schema":"Toy.1","length":4})");
  CHECK_THROWS_AS(vaekit::from_document<Toy>(v1), vaekit::SchemaError);  // 2 -> 3 missing
  reg.add_upgrade("Toy", 2, [](Json d) {
    d["label"] = "none";
    return d;
  });
  const Toy t = vaekit::from_document<Toy>(v1);
  CHECK(t.size == 4);
  CHECK(t.label == "none");
  CHECK(vaekit::to_document(t)["schema"] == "Toy.3");
}

TEST_CASE("Atomic writes replace a file whole or not at all") {
  const auto path = temp_dir() / "atomic.txt";
  vaekit::write_file_atomic(path, "first\n");
  CHECK(vaekit::read_text_file(path) == "first\n");
  vaekit::write_file_atomic(path, "second\n");
  CHECK(vaekit::read_text_file(path) == "second\n");
  {
    vaekit::AtomicFile f(path);
    f.stream() << "never committed";
  }
  CHECK(vaekit::read_text_file(path) == "second\n");
  // no temporary file left behind
  int leftovers = 0;
  for (const auto& e : std::filesystem::directory_iterator(temp_dir())) {
    if (e.path().filename().string().find("atomic.txt.tmp") == 0) ++leftovers;
  }
  CHECK(leftovers == 0);
  // large content through the stream
  {
    vaekit::AtomicFile f(path);
    for (int i = 0; i < 100000; ++i) f.stream() << i << '\n';
    f.commit();
  }
  CHECK(vaekit::read_text_file(path).size() > 500000);
  CHECK_THROWS_AS(vaekit::write_file_atomic(temp_dir() / "no/such/dir/x.txt", "x"),
                  vaekit::IoError);
  CHECK_THROWS_AS(vaekit::read_text_file(temp_dir() / "absent.txt"), vaekit::IoError);
}

TEST_CASE("JSON: a number too large for a double is a ParseError (found by fuzzing)") {
  CHECK_THROWS_AS(vaekit::parse_json("5555e555"), vaekit::ParseError);
  CHECK_THROWS_AS(vaekit::read_document<FrenchCalendar>("[1e999]"), vaekit::ParseError);
}

namespace {
enum class Colour { red, green, blue };
constexpr std::array<std::string_view, 3> colour_names{"red", "green", "blue"};
}  // namespace

TEST_CASE("Enum names: both directions and a clear error") {
  static_assert(vaekit::name_of(colour_names, Colour::green) == "green");
  static_assert(vaekit::find_name<Colour>(colour_names, "blue") == Colour::blue);
  CHECK_FALSE(vaekit::find_name<Colour>(colour_names, "Blue").has_value());
  CHECK(vaekit::parse_name<Colour>(colour_names, "red", "colour") == Colour::red);
  try {
    (void)vaekit::parse_name<Colour>(colour_names, "mauve", "colour");
    FAIL("no exception");
  } catch (const vaekit::InvalidArgument& e) {
    CHECK(std::string(e.what()) == "unknown colour \"mauve\" (expected one of red, green, blue)");
  }
}

TEST_CASE("json: integer fields are checked, never converted out of range") {
  const Json j = Json::parse(
      R"({"a": 7, "b": -3, "c": 1e3, "d": 1.5, "e": 1e46, "f": 300, "g": 18446744073709551615,
          "h": "7", "i": -1, "j": 9.2233720368547758e18})");
  CHECK(json_field<int>(j, "a") == 7);
  CHECK(json_field<int>(j, "b") == -3);
  CHECK(json_field<int>(j, "c") == 1000);  // an integral float
  CHECK(json_field<std::uint64_t>(j, "g") == 18446744073709551615ull);
  for (const char* k : {"d", "e", "h"}) {
    CAPTURE(k);
    CHECK_THROWS_AS(json_field<int>(j, k), ParseError);
  }
  CHECK_THROWS_AS(json_field<std::uint8_t>(j, "f"), ParseError);
  CHECK_THROWS_AS(json_field<unsigned>(j, "i"), ParseError);
  CHECK_THROWS_AS(json_field<std::int64_t>(j, "g"), ParseError);
  CHECK_THROWS_AS(json_field<std::int64_t>(j, "j"), ParseError);  // 2^63: one past the max
  try {
    (void)json_field<int>(j, "e");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "e");
  }
  CHECK(json_integer<std::int16_t>(Json(-32768), "x") == -32768);
  CHECK_THROWS_AS(json_integer<std::int16_t>(Json(32768), "x"), ParseError);
}
