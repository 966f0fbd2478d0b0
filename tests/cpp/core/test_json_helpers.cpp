// The shared JSON readers of core (json_array_field, json_located, json_enum_field): one helper
// for every area (issue #13, "shared helpers live once").

#include <functional>

#include "test_support.hpp"
#include "vaekit/core/calendar.hpp"
#include "vaekit/core/json.hpp"

using vaekit::Json;
using vaekit::ParseError;

using vaekit::test::error_field;

TEST_CASE("json_array_field: absent, null, required, located errors") {
  const Json doc = vaekit::parse_json(
      R"({"days": ["2025-01-02", "2025-01-03"], "none": null, "bad": ["2025-01-02", 7],
          "ranges": [{"first": "2025-01-01", "last": "2025-01-02"}, {"first": "x"}],
          "scalar": 3})");
  CHECK(vaekit::json_array_field<vaekit::Date>(doc, "days").size() == 2);
  CHECK(vaekit::json_array_field<vaekit::Date>(doc, "absent").empty());
  CHECK(vaekit::json_array_field<vaekit::Date>(doc, "none").empty());
  CHECK(error_field([&] { (void)vaekit::json_array_field<vaekit::Date>(doc, "absent", true); }) ==
        "absent");
  CHECK(error_field([&] { (void)vaekit::json_array_field<vaekit::Date>(doc, "bad"); }) == "bad[1]");
  CHECK(error_field([&] { (void)vaekit::json_array_field<vaekit::DateRange>(doc, "ranges"); }) ==
        "ranges[1].first");
  CHECK(error_field([&] { (void)vaekit::json_array_field<int>(doc, "scalar"); }) == "scalar");
  CHECK(error_field([&] { (void)vaekit::json_array_field<int>(Json::array(), "x"); }) == "x");
}

TEST_CASE("json_located: nested prefixes and index fields") {
  CHECK(error_field([] {
          vaekit::json_located("a[1]", [] {
            throw ParseError(vaekit::SourceLocation{{}, 0, 0, "b"}, "r");
          });
        }) == "a[1].b");
  CHECK(error_field([] {
          vaekit::json_located("a", [] {
            throw ParseError(vaekit::SourceLocation{{}, 0, 0, "[2]"}, "r");
          });
        }) == "a[2]");
  CHECK(error_field([] { vaekit::json_located("a", [] { (void)Json(1).at("k"); }); }) == "a");
}

TEST_CASE("json_enum_field: an unknown name is a ParseError naming the field") {
  const Json doc = vaekit::parse_json(R"({"region": "corsica", "ok": "alsace_moselle"})");
  CHECK(vaekit::json_enum_field<vaekit::CalendarRegion>(doc, "ok",
                                                        vaekit::calendar_region_from_string) ==
        vaekit::CalendarRegion::alsace_moselle);
  CHECK(error_field([&] {
          (void)vaekit::json_enum_field<vaekit::CalendarRegion>(
              doc, "region", vaekit::calendar_region_from_string);
        }) == "region");
}

TEST_CASE("calendar_region_from_string: the from_string contract") {
  CHECK_FALSE(vaekit::try_calendar_region_from_string("corsica").has_value());
  CHECK(vaekit::try_calendar_region_from_string("metropolitan") ==
        vaekit::CalendarRegion::metropolitan);
  try {
    (void)vaekit::calendar_region_from_string("corsica");
    FAIL("no exception");
  } catch (const vaekit::InvalidArgument& e) {
    const std::string m = e.what();
    CHECK(m.find("corsica") != std::string::npos);
    CHECK(m.find("metropolitan, alsace_moselle") != std::string::npos);
  }
}
