#include <map>
#include <set>

#include "test_support.hpp"
#include "vaekit/core/calendar.hpp"
#include "vaekit/core/error.hpp"

using vaekit::CalendarRegion;
using vaekit::Date;
using vaekit::DateRange;
using vaekit::FrenchCalendar;

namespace {
// Worked out by hand: Easter Sunday from the published tables, then the rules of domain.md §4
// (E+1, E+39, E+50 except 2005-2007; Alsace-Moselle adds E-2 and 26 Dec).
struct YearTable {
  int year;
  const char* easter;
  std::vector<std::string> metropolitan;
};

const std::vector<YearTable>& hand_table() {
  static const std::vector<YearTable> t{
      {2005,
       "2005-03-27",
       {"2005-01-01", "2005-03-28", "2005-05-01", "2005-05-05", "2005-05-08", "2005-07-14",
        "2005-08-15", "2005-11-01", "2005-11-11", "2005-12-25"}},
      {2006,
       "2006-04-16",
       {"2006-01-01", "2006-04-17", "2006-05-01", "2006-05-08", "2006-05-25", "2006-07-14",
        "2006-08-15", "2006-11-01", "2006-11-11", "2006-12-25"}},
      {2007,
       "2007-04-08",
       {"2007-01-01", "2007-04-09", "2007-05-01", "2007-05-08", "2007-05-17", "2007-07-14",
        "2007-08-15", "2007-11-01", "2007-11-11", "2007-12-25"}},
      // 2008: Ascension falls on 1 May, so 11 holidays on 10 distinct days.
      {2008,
       "2008-03-23",
       {"2008-01-01", "2008-03-24", "2008-05-01", "2008-05-01", "2008-05-08", "2008-05-12",
        "2008-07-14", "2008-08-15", "2008-11-01", "2008-11-11", "2008-12-25"}},
      {2024,
       "2024-03-31",
       {"2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20",
        "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25"}},
      {1982,
       "1982-04-11",
       {"1982-01-01", "1982-04-12", "1982-05-01", "1982-05-08", "1982-05-20", "1982-05-31",
        "1982-07-14", "1982-08-15", "1982-11-01", "1982-11-11", "1982-12-25"}},
  };
  return t;
}
}  // namespace

TEST_CASE("FrenchCalendar: metropolitan holidays match the hand-made table") {
  const FrenchCalendar cal;
  for (const auto& row : hand_table()) {
    INFO("year " << row.year);
    CHECK(FrenchCalendar::easter_sunday(row.year) == Date::parse(row.easter));
    std::vector<std::string> got;
    for (const auto& h : cal.holidays(row.year)) got.push_back(h.date.to_string());
    CHECK(got == row.metropolitan);
  }
}

TEST_CASE("FrenchCalendar: Alsace-Moselle adds Good Friday and 26 December") {
  const FrenchCalendar alsace(CalendarRegion::alsace_moselle);
  const FrenchCalendar metro;
  for (const auto& row : hand_table()) {
    const Date easter = Date::parse(row.easter);
    const auto a = alsace.holidays(row.year);
    CHECK(a.size() == row.metropolitan.size() + 2);
    CHECK(alsace.is_holiday(easter - 2));
    CHECK_FALSE(metro.is_holiday(easter - 2));
    CHECK(alsace.is_holiday(Date(row.year, 12, 26)));
    CHECK(alsace.holiday_name(easter - 2) == std::optional<std::string>("Vendredi saint"));
    CHECK(alsace.holiday_name(Date(row.year, 12, 26)) ==
          std::optional<std::string>("Saint-Étienne"));
  }
}

TEST_CASE("FrenchCalendar: Whit Monday was a working day 2005-2007 only") {
  const FrenchCalendar cal;
  for (int y = 2003; y <= 2009; ++y) {
    const Date whit = FrenchCalendar::easter_sunday(y) + 50;
    CHECK(whit.weekday() == vaekit::Weekday::monday);
    CHECK(cal.is_holiday(whit) == (y < 2005 || y > 2007));
  }
}

TEST_CASE("FrenchCalendar: names in French") {
  const FrenchCalendar cal;
  CHECK(cal.holiday_name(Date(2024, 4, 1)) == std::optional<std::string>("Lundi de Pâques"));
  CHECK(cal.holiday_name(Date(2024, 7, 14)) == std::optional<std::string>("Fête nationale"));
  CHECK(cal.holiday_name(Date(2024, 7, 15)) == std::nullopt);
}

TEST_CASE("FrenchCalendar: before 1982 the calendar refuses rather than guesses") {
  const FrenchCalendar cal;
  CHECK_THROWS_AS(cal.holidays(1981), vaekit::OutOfRange);
  CHECK_THROWS_AS(cal.is_working_day(Date(1981, 12, 31)), vaekit::OutOfRange);
  CHECK_THROWS_AS(cal.is_working_day(Date(1981, 12, 27)), vaekit::OutOfRange);  // a Sunday
  CHECK_NOTHROW(cal.is_working_day(Date(1982, 1, 1)));
}

TEST_CASE("FrenchCalendar: beyond the precomputed table the rules still apply") {
  const FrenchCalendar cal;
  for (int y : {2199, 2200, 2201, 2500, 9999}) {
    for (const auto& h : cal.holidays(y)) CHECK(cal.is_holiday(h.date));
    CHECK_FALSE(cal.is_holiday(Date(y, 6, 30)));
  }
}

TEST_CASE("FrenchCalendar: working days") {
  const FrenchCalendar cal;
  // May 2024: 23 weekdays minus 1 May, 8 May, Ascension 9 May, Whit Monday 20 May.
  CHECK(cal.working_days(DateRange(Date(2024, 5, 1), Date(2024, 5, 31))).size() == 19);
  CHECK_FALSE(cal.is_working_day(Date(2024, 5, 4)));  // Saturday
  CHECK(cal.is_working_day(Date(2024, 5, 10)));
  // Friday 3 May 2024 + 1 working day = Monday 6 May; + 3 = Friday 10 May (8, 9 May off).
  CHECK(cal.add_working_days(Date(2024, 5, 3), 1) == Date(2024, 5, 6));
  CHECK(cal.add_working_days(Date(2024, 5, 3), 3) == Date(2024, 5, 10));
  CHECK(cal.add_working_days(Date(2024, 5, 10), -3) == Date(2024, 5, 6) - 3);
  CHECK(cal.add_working_days(Date(2024, 5, 4), 0) == Date(2024, 5, 4));
  CHECK(cal.working_days_between(Date(2024, 5, 3), Date(2024, 5, 10)) == 3);
  CHECK(cal.working_days_between(Date(2024, 5, 10), Date(2024, 5, 3)) == -3);
  CHECK(cal.next_working_day(Date(2024, 5, 8)) == Date(2024, 5, 10));
}

TEST_CASE("FrenchCalendar: working_days_between inverts add_working_days (property)") {
  const FrenchCalendar cal;
  const auto offset = GENERATE(take(40, random(0, 20000)));
  const auto n = GENERATE(-40, -7, -1, 0, 1, 5, 22, 250);
  const Date d = Date(1990, 1, 1) + offset;
  CHECK(cal.working_days_between(d, cal.add_working_days(d, n)) == n);
  if (n != 0) CHECK(cal.is_working_day(cal.add_working_days(d, n)));
}

TEST_CASE("FrenchCalendar: closures are an overlay") {
  FrenchCalendar cal;
  cal.add_closure(DateRange(Date(2024, 8, 5), Date(2024, 8, 23)), "fermeture estivale");
  cal.add_closure(DateRange(Date(2024, 8, 19), Date(2024, 8, 30)), "travaux");
  CHECK(cal.closures().size() == 2);
  CHECK(cal.is_closed(Date(2024, 8, 30)));
  CHECK_FALSE(cal.is_closed(Date(2024, 9, 2)));
  CHECK_FALSE(cal.is_working_day(Date(2024, 8, 12)));
  CHECK(cal.is_working_day(Date(2024, 8, 2)));
  CHECK(cal.next_working_day(Date(2024, 8, 5)) == Date(2024, 9, 2));
  CHECK_FALSE(cal.is_holiday(Date(2024, 8, 12)));
}

TEST_CASE("FrenchCalendar: working_days_in counts like a day-by-day walk (property)") {
  auto region = GENERATE(CalendarRegion::metropolitan, CalendarRegion::alsace_moselle);
  FrenchCalendar cal(region);
  const bool with_closures = GENERATE(false, true);
  if (with_closures) {
    cal.add_closure(DateRange(Date(2008, 4, 28), Date(2008, 5, 16)), "pont de mai");
    cal.add_closure(DateRange(Date(2199, 12, 20), Date(2201, 1, 10)), "across the table edge");
  }
  const auto start = GENERATE(take(30, random(0, 80000)));
  const auto len = GENERATE(0, 1, 6, 31, 400, 3000);
  const Date a = Date(1982, 1, 1) + start;
  const DateRange r(a, a + len);
  std::int64_t walked = 0;
  for (std::int64_t k = 0; k <= len; ++k) walked += cal.is_working_day(a + k) ? 1 : 0;
  CHECK(cal.working_days_in(r) == walked);
  CHECK(static_cast<std::int64_t>(cal.working_days(r).size()) == walked);
}
