#include "vaekit/core/calendar.hpp"

#include <algorithm>
#include <array>

#include "vaekit/core/error.hpp"
#include "vaekit/core/names.hpp"

namespace vaekit {

std::string_view to_string(CalendarRegion region) noexcept {
  return region == CalendarRegion::alsace_moselle ? "alsace_moselle" : "metropolitan";
}

namespace {
constexpr std::array<std::string_view, 2> kRegionNames{"metropolitan", "alsace_moselle"};
}  // namespace

CalendarRegion calendar_region_from_string(std::string_view name) {
  return parse_name<CalendarRegion>(kRegionNames, name, "calendar region");
}
std::optional<CalendarRegion> try_calendar_region_from_string(std::string_view name) noexcept {
  return find_name<CalendarRegion>(kRegionNames, name);
}

Date FrenchCalendar::easter_sunday(int year) {
  if (year < 1583 || year > Date::max_year) {
    throw OutOfRange("Gregorian Easter is computed for years 1583-9999, not " +
                     std::to_string(year));
  }
  // Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(year, month, day);
}

namespace {

void check_year(int year) {
  if (year < FrenchCalendar::first_year) {
    throw OutOfRange("the French public-holiday list is known from " +
                     std::to_string(FrenchCalendar::first_year) + " (when 8 May was restored); " +
                     std::to_string(year) + " is earlier");
  }
}

std::vector<Holiday> compute_holidays(int year, CalendarRegion region) {
  check_year(year);
  const Date easter = FrenchCalendar::easter_sunday(year);
  std::vector<Holiday> out;
  out.reserve(13);
  out.push_back({Date(year, 1, 1), "Jour de l'an"});
  if (region == CalendarRegion::alsace_moselle) out.push_back({easter - 2, "Vendredi saint"});
  out.push_back({easter + 1, "Lundi de Pâques"});
  out.push_back({Date(year, 5, 1), "Fête du Travail"});
  out.push_back({Date(year, 5, 8), "Victoire 1945"});
  out.push_back({easter + 39, "Ascension"});
  if (year < 2005 || year > 2007) out.push_back({easter + 50, "Lundi de Pentecôte"});
  out.push_back({Date(year, 7, 14), "Fête nationale"});
  out.push_back({Date(year, 8, 15), "Assomption"});
  out.push_back({Date(year, 11, 1), "Toussaint"});
  out.push_back({Date(year, 11, 11), "Armistice 1918"});
  out.push_back({Date(year, 12, 25), "Noël"});
  if (region == CalendarRegion::alsace_moselle)
    out.push_back({Date(year, 12, 26), "Saint-Étienne"});
  // Ascension can fall on 1 or 8 May: keep the list sorted, one entry per holiday.
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

// Bitset of holidays for the years 1982-2200, built once per region (thread-safe static init).
constexpr int kTableLastYear = 2200;

struct HolidayTable {
  std::int32_t first_day;
  std::int32_t last_day;
  std::vector<std::uint64_t> bits;
  // weekday_holidays[i]: holidays falling Monday-Friday among the days [first_day, first_day + i)
  // (a holiday counted once even when two feasts share the day).
  std::vector<std::int32_t> weekday_holidays;

  explicit HolidayTable(CalendarRegion region)
      : first_day(Date(FrenchCalendar::first_year, 1, 1).days_since_epoch()),
        last_day(Date(kTableLastYear, 12, 31).days_since_epoch()) {
    bits.assign(static_cast<std::size_t>(last_day - first_day) / 64 + 1, 0);
    for (int y = FrenchCalendar::first_year; y <= kTableLastYear; ++y) {
      for (const auto& h : compute_holidays(y, region)) {
        const auto i = static_cast<std::size_t>(h.date.days_since_epoch() - first_day);
        bits[i / 64] |= std::uint64_t{1} << (i % 64);
      }
    }
    const auto n = static_cast<std::size_t>(last_day - first_day) + 1;
    weekday_holidays.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Date d = Date::from_days(first_day + static_cast<std::int64_t>(i));
      const bool counts = ((bits[i / 64] >> (i % 64)) & 1U) && !FrenchCalendar::is_weekend(d);
      weekday_holidays[i + 1] = weekday_holidays[i] + (counts ? 1 : 0);
    }
  }
  // Holidays on Monday-Friday within [a, b], both covered.
  [[nodiscard]] std::int64_t weekday_holidays_in(Date a, Date b) const noexcept {
    return weekday_holidays[static_cast<std::size_t>(b.days_since_epoch() - first_day + 1)] -
           weekday_holidays[static_cast<std::size_t>(a.days_since_epoch() - first_day)];
  }
  [[nodiscard]] bool covers(Date d) const noexcept {
    return d.days_since_epoch() >= first_day && d.days_since_epoch() <= last_day;
  }
  [[nodiscard]] bool test(Date d) const noexcept {
    const auto i = static_cast<std::size_t>(d.days_since_epoch() - first_day);
    return (bits[i / 64] >> (i % 64)) & 1U;
  }
};

const HolidayTable& table_for(CalendarRegion region) {
  static const HolidayTable metropolitan(CalendarRegion::metropolitan);
  static const HolidayTable alsace(CalendarRegion::alsace_moselle);
  return region == CalendarRegion::alsace_moselle ? alsace : metropolitan;
}

// Monday-Friday days within [a, b] (a <= b), in O(1).
std::int64_t weekdays_in(Date a, Date b) noexcept {
  // Count weekdays in [epoch-aligned Monday, d) for any d, then subtract.
  auto before = [](Date d) {
    // 1970-01-05 was a Monday.
    const std::int64_t z = d.days_since_epoch() - 4;
    const std::int64_t weeks = z >= 0 ? z / 7 : (z - 6) / 7;
    const std::int64_t rest = z - weeks * 7;  // 0 = Monday ... 6 = Sunday
    return weeks * 5 + std::min<std::int64_t>(rest, 5);
  };
  return before(b) + (FrenchCalendar::is_weekend(b) ? 0 : 1) - before(a);
}

}  // namespace

FrenchCalendar::FrenchCalendar(CalendarRegion region) : region_(region) {}

std::vector<Holiday> FrenchCalendar::holidays(int year) const {
  return compute_holidays(year, region_);
}

bool FrenchCalendar::is_holiday_checked(Date d) const {
  const auto& table = table_for(region_);
  if (table.covers(d)) return table.test(d);
  check_year(d.year());
  for (const auto& h : compute_holidays(d.year(), region_)) {
    if (h.date == d) return true;
  }
  return false;
}

bool FrenchCalendar::is_holiday(Date d) const {
  return is_holiday_checked(d);
}

std::optional<std::string> FrenchCalendar::holiday_name(Date d) const {
  for (auto& h : compute_holidays(d.year(), region_)) {
    if (h.date == d) return std::move(h.name);
  }
  return std::nullopt;
}

bool FrenchCalendar::is_weekend(Date d) noexcept {
  return d.weekday() == Weekday::saturday || d.weekday() == Weekday::sunday;
}

bool FrenchCalendar::is_closed(Date d) const noexcept {
  auto it = std::upper_bound(closed_.begin(), closed_.end(), d,
                             [](Date x, const DateRange& r) { return x < r.first(); });
  return it != closed_.begin() && std::prev(it)->contains(d);
}

bool FrenchCalendar::is_working_day(Date d) const {
  if (is_weekend(d)) {
    check_year(d.year());
    return false;
  }
  return !is_holiday_checked(d) && !is_closed(d);
}

Date FrenchCalendar::add_working_days(Date d, std::int64_t n) const {
  const std::int64_t step = n >= 0 ? 1 : -1;
  std::int64_t left = n >= 0 ? n : -n;
  while (left > 0) {
    d = d + step;
    if (is_working_day(d)) --left;
  }
  return d;
}

std::int64_t FrenchCalendar::working_days_in(const DateRange& period) const {
  const Date a = period.first();
  const Date b = period.last();
  check_year(a.year());
  const auto& table = table_for(region_);
  std::int64_t n = weekdays_in(a, b);
  auto weekday_holidays = [&](Date x, Date y) -> std::int64_t {
    if (table.covers(x) && table.covers(y)) return table.weekday_holidays_in(x, y);
    std::int64_t k = 0;
    for (int year = x.year(); year <= y.year(); ++year) {
      Date last_counted{};
      bool any = false;
      for (const auto& h : compute_holidays(year, region_)) {
        if (h.date < x || y < h.date || is_weekend(h.date)) continue;
        if (any && h.date == last_counted) continue;  // two feasts on one day count once
        ++k;
        last_counted = h.date;
        any = true;
      }
    }
    return k;
  };
  n -= weekday_holidays(a, b);
  for (const auto& c : closed_) {
    if (const auto part = c.intersection(period)) {
      n -= weekdays_in(part->first(), part->last()) - weekday_holidays(part->first(), part->last());
    }
  }
  return n;
}

std::int64_t FrenchCalendar::working_days_between(Date from, Date to) const {
  if (from == to) return 0;
  if (to < from) return -working_days_in(DateRange(to, from - 1));
  return working_days_in(DateRange(from + 1, to));
}

Date FrenchCalendar::next_working_day(Date d) const {
  while (!is_working_day(d)) d = d + 1;
  return d;
}

std::vector<Date> FrenchCalendar::working_days(const DateRange& period) const {
  std::vector<Date> out;
  out.reserve(static_cast<std::size_t>(period.length_days()));
  for (std::int64_t k = 0; k < period.length_days(); ++k) {
    const Date d = period.first() + k;
    if (is_working_day(d)) out.push_back(d);
  }
  return out;
}

void FrenchCalendar::add_closure(DateRange period, std::string reason) {
  closures_.push_back({period, std::move(reason)});
  std::vector<DateRange> ranges;
  ranges.reserve(closures_.size());
  for (const auto& c : closures_) ranges.push_back(c.period);
  closed_ = union_of(std::move(ranges));
}

}  // namespace vaekit
