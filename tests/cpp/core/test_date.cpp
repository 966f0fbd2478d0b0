#include <random>
#include <set>
#include <sstream>
#include <unordered_set>

#include "test_support.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"

using vaekit::Date;
using vaekit::DateRange;

TEST_CASE("Date: construction, fields and validation") {
  const Date d(2017, 10, 1);
  CHECK(d.year() == 2017);
  CHECK(d.month() == 10);
  CHECK(d.day() == 1);
  CHECK(d.weekday() == vaekit::Weekday::sunday);
  CHECK(Date(1970, 1, 1).days_since_epoch() == 0);
  CHECK(Date(2024, 2, 29).day_of_year() == 60);
  CHECK(Date(2023, 12, 31).day_of_year() == 365);
  CHECK_THROWS_AS(Date(2017, 2, 29), vaekit::InvalidArgument);
  CHECK_THROWS_AS(Date(2017, 13, 1), vaekit::InvalidArgument);
  CHECK_THROWS_AS(Date(2017, 0, 1), vaekit::InvalidArgument);
  CHECK_THROWS_AS(Date(0, 1, 1), vaekit::InvalidArgument);
  CHECK_THROWS_AS(Date(10000, 1, 1), vaekit::InvalidArgument);
  CHECK_NOTHROW(Date(2000, 2, 29));
  CHECK_THROWS_AS(Date(1900, 2, 29), vaekit::InvalidArgument);
}

TEST_CASE("Date: ISO 8601 parse and format") {
  CHECK(Date::parse("2017-10-01") == Date(2017, 10, 1));
  CHECK(Date::parse("0001-01-01") == Date(1, 1, 1));
  CHECK(Date::parse("9999-12-31").to_string() == "9999-12-31");
  CHECK(Date(5, 3, 7).to_string() == "0005-03-07");
  std::ostringstream os;
  os << Date(2024, 1, 1);
  CHECK(os.str() == "2024-01-01");
}

TEST_CASE("Date: malformed input raises ParseError naming the input and the position") {
  struct Bad {
    std::string text;
    std::size_t column;
  };
  auto bad = GENERATE(Bad{"2017-02-30", 9}, Bad{"2017-13-01", 6}, Bad{"17-1-1", 3}, Bad{"", 0},
                      Bad{"2017/01/01", 5}, Bad{"2017-01-01T", 11}, Bad{"0000-01-01", 1},
                      Bad{"2017-00-10", 6}, Bad{" 2017-01-01", 1});
  try {
    (void)Date::parse(bad.text, "input.csv");
    FAIL("no exception for " << bad.text);
  } catch (const vaekit::ParseError& e) {
    CHECK(e.code() == vaekit::ErrorCode::parse);
    CHECK(e.where().source == "input.csv");
    CHECK(e.where().column == bad.column);
    CHECK(std::string(e.what()).find("input.csv") != std::string::npos);
    if (!bad.text.empty()) CHECK(std::string(e.what()).find(bad.text) != std::string::npos);
  }
  CHECK_FALSE(Date::try_parse(bad.text).has_value());
}

TEST_CASE("Date: 10 MB of digits is refused with a short message") {
  const std::string huge(10 * 1024 * 1024, '7');
  try {
    (void)Date::parse(huge);
    FAIL("no exception");
  } catch (const vaekit::ParseError& e) {
    CHECK(std::string(e.what()).size() < 200);
    CHECK(e.where().column == 5);
  }
}

TEST_CASE("Date: arithmetic laws") {
  const auto y = GENERATE(take(30, random(1, 9998)));
  const auto doy = GENERATE(take(3, random(0, 364)));
  const auto n = GENERATE(-1000, -1, 0, 1, 59, 366, 1461);
  const Date d = Date(y, 1, 1) + doy;
  CHECK((d + n) - d == n);
  CHECK((d + n) - n == d);
  CHECK(Date::parse(d.to_string()) == d);
  CHECK(Date::from_sys_days(d.to_sys_days()) == d);
  CHECK(Date::from_year_month_day(d.to_year_month_day()) == d);
  // weekday advances by one each day
  const int w = static_cast<int>(d.weekday());
  CHECK(static_cast<int>((d + 1).weekday()) == w % 7 + 1);
}

TEST_CASE("Date: bounds") {
  CHECK_THROWS_AS(Date(9999, 12, 31) + 1, vaekit::OutOfRange);
  CHECK_THROWS_AS(Date(1, 1, 1) - 1, vaekit::OutOfRange);
  CHECK_THROWS_AS(Date::from_days(-719163), vaekit::OutOfRange);
  CHECK(Date::from_days(-719162) == Date(1, 1, 1));
}

TEST_CASE("Date: hashing and ordering") {
  std::unordered_set<Date> s{Date(2020, 1, 1), Date(2020, 1, 1), Date(2020, 1, 2)};
  CHECK(s.size() == 2);
  CHECK(Date(2020, 1, 1) < Date(2020, 1, 2));
  CHECK(Date(2019, 12, 31) < Date(2020, 1, 1));
}

TEST_CASE("DateRange: closed ranges") {
  const DateRange year(Date(2017, 1, 1), Date(2017, 12, 31));
  CHECK(year.length_days() == 365);
  CHECK(DateRange(Date(2016, 1, 1), Date(2016, 12, 31)).length_days() == 366);
  CHECK(DateRange::single(Date(2016, 1, 1)).length_days() == 1);
  CHECK(year.contains(Date(2017, 12, 31)));
  CHECK_FALSE(year.contains(Date(2018, 1, 1)));
  CHECK_THROWS_AS(DateRange(Date(2017, 1, 2), Date(2017, 1, 1)), vaekit::InvalidArgument);

  const DateRange b(Date(2017, 12, 31), Date(2018, 3, 1));
  REQUIRE(year.overlaps(b));
  CHECK(*year.intersection(b) == DateRange::single(Date(2017, 12, 31)));
  CHECK_FALSE(year.intersection(DateRange(Date(2018, 1, 1), Date(2018, 1, 2))).has_value());
  CHECK(DateRange::parse("2017-01-01/2017-12-31") == year);
  CHECK(year.to_string() == "2017-01-01/2017-12-31");
  CHECK_THROWS_AS(DateRange::parse("2017-01-01/2016-12-31"), vaekit::ParseError);
  CHECK_THROWS_AS(DateRange::parse("2017-01-01"), vaekit::ParseError);
}

TEST_CASE("DateRange: union merges overlapping and adjacent ranges") {
  const Date base(2017, 1, 1);
  const std::vector<DateRange> rs{DateRange(base + 10, base + 20), DateRange(base, base + 5),
                                  DateRange(base + 6, base + 8), DateRange(base + 15, base + 30),
                                  DateRange(base + 40, base + 40)};
  const auto u = vaekit::union_of(rs);
  REQUIRE(u.size() == 3);
  CHECK(u[0] == DateRange(base, base + 8));
  CHECK(u[1] == DateRange(base + 10, base + 30));
  CHECK(u[2] == DateRange::single(base + 40));
  CHECK(vaekit::covered_days(rs) == 9 + 21 + 1);
  CHECK(vaekit::union_of({}).empty());
}

TEST_CASE("DateRange: union length equals the size of the set of days (property)") {
  auto seed = GENERATE(take(50, random(0, 1 << 30)));
  std::mt19937 rng(static_cast<unsigned>(seed));
  std::uniform_int_distribution<int> start(0, 400), len(0, 60), count(0, 12);
  std::vector<DateRange> rs;
  std::set<std::int32_t> days;
  const Date base(2020, 1, 1);
  for (int i = count(rng); i > 0; --i) {
    const Date a = base + start(rng);
    const Date b = a + len(rng);
    rs.emplace_back(a, b);
    for (Date d = a; d <= b; d = d + 1) days.insert(d.days_since_epoch());
  }
  const auto u = vaekit::union_of(rs);
  CHECK(vaekit::covered_days(rs) == static_cast<std::int64_t>(days.size()));
  for (std::size_t i = 1; i < u.size(); ++i) CHECK(u[i].first() - u[i - 1].last() > 1);
}
