// YearMonth: the year-month value type of core (issue #13, "a year-month type").
#include <functional>
#include <sstream>
#include <unordered_set>

#include "test_support.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/year_month.hpp"

using vaekit::Date;
using vaekit::YearMonth;

TEST_CASE("YearMonth: construction, fields and validation") {
  constexpr YearMonth march(2025, 3);
  static_assert(march.year() == 2025 && march.month() == 3);
  static_assert(march.index() == 2025 * 12 + 2);
  static_assert(march.plus_months(10) == YearMonth(2026, 1));
  static_assert(YearMonth(2024, 12) < YearMonth(2025, 1));
  static_assert(vaekit::months_between(YearMonth(2024, 11), YearMonth(2025, 2)) == 3);
  CHECK(YearMonth() == YearMonth(1970, 1));
  CHECK_THROWS_AS(YearMonth(2025, 0), vaekit::InvalidArgument);
  CHECK_THROWS_AS(YearMonth(2025, 13), vaekit::InvalidArgument);
  CHECK_THROWS_AS(YearMonth(0, 1), vaekit::InvalidArgument);
  CHECK_THROWS_AS(YearMonth(10000, 1), vaekit::InvalidArgument);
  CHECK_THROWS_AS(YearMonth(9999, 12).plus_months(1), vaekit::OutOfRange);
  CHECK_THROWS_AS(YearMonth(1, 1).plus_months(-1), vaekit::OutOfRange);
  CHECK_THROWS_AS(YearMonth::from_index(0), vaekit::OutOfRange);
  CHECK(YearMonth::of(Date(2024, 2, 29)) == YearMonth(2024, 2));
}

TEST_CASE("YearMonth: first and last day") {
  // Gregorian rules: 2024 is a leap year, 1900 is not, 2000 is.
  CHECK(YearMonth(2024, 2).first_day() == Date(2024, 2, 1));
  CHECK(YearMonth(2024, 2).last_day() == Date(2024, 2, 29));
  CHECK(YearMonth(1900, 2).last_day() == Date(1900, 2, 28));
  CHECK(YearMonth(2000, 2).days() == 29);
  CHECK(YearMonth(2025, 4).last_day() == Date(2025, 4, 30));
  CHECK(YearMonth(2025, 12).last_day() == Date(2025, 12, 31));
  CHECK(YearMonth(2025, 3).contains(Date(2025, 3, 31)));
  CHECK_FALSE(YearMonth(2025, 3).contains(Date(2025, 4, 1)));
}

TEST_CASE("YearMonth: ISO text in and out, per the from_string contract") {
  CHECK(YearMonth::from_string("2025-03") == YearMonth(2025, 3));
  CHECK(YearMonth(5, 7).to_string() == "0005-07");
  std::ostringstream os;
  os << YearMonth(2024, 11);
  CHECK(os.str() == "2024-11");
  for (const char* bad : {"2025-3", "2025-13", "2025-00", "0000-01", "2025/03", "2025-03-01", "",
                          "abcd-ef", "+202-03"}) {
    INFO(bad);
    CHECK_FALSE(YearMonth::try_from_string(bad).has_value());
    CHECK_THROWS_AS(YearMonth::from_string(bad), vaekit::InvalidArgument);
  }
  try {
    (void)YearMonth::from_string("2025-13");
    FAIL("no exception");
  } catch (const vaekit::InvalidArgument& e) {
    CHECK(std::string(e.what()).find("YYYY-MM") != std::string::npos);
  }
}

TEST_CASE("YearMonth: JSON and hashing") {
  vaekit::Json j = YearMonth(2025, 3);
  CHECK(j == "2025-03");
  CHECK(j.get<YearMonth>() == YearMonth(2025, 3));
  CHECK_THROWS_AS(vaekit::Json("2025-3").get<YearMonth>(), vaekit::ParseError);
  CHECK_THROWS_AS(vaekit::Json(202503).get<YearMonth>(), vaekit::ParseError);
  std::unordered_set<YearMonth> set{YearMonth(2025, 3), YearMonth(2025, 3), YearMonth(2025, 4)};
  CHECK(set.size() == 2);
}

TEST_CASE("YearMonth: laws (text round trip, add then between, order agrees with dates)") {
  const int a = GENERATE(take(200, random(YearMonth::min_index, YearMonth::max_index)));
  const int b = GENERATE(take(3, random(YearMonth::min_index, YearMonth::max_index)));
  const YearMonth x = YearMonth::from_index(a), y = YearMonth::from_index(b);
  CHECK(YearMonth::from_string(x.to_string()) == x);
  CHECK(x.plus_months(x.months_until(y)) == y);
  CHECK(vaekit::months_between(x, x.plus_months(b - a)) == b - a);
  CHECK((x < y) == (x.first_day() < y.first_day()));
  CHECK((x < y) == (x.last_day() < y.first_day()));
  CHECK(YearMonth::of(x.last_day()) == x);
  CHECK(YearMonth::of(x.first_day()) == x);
}
