#include "vaekit/core/date.hpp"

#include <algorithm>
#include <ostream>

#include "vaekit/core/error.hpp"

namespace vaekit {
namespace {

// Howard Hinnant's civil-date algorithms (public domain,
// http://howardhinnant.github.io/date_algorithms.html).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  int y;
  int m;
  int d;
};

constexpr Civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

constexpr std::int64_t min_days = days_from_civil(Date::min_year, 1, 1);
constexpr std::int64_t max_days = days_from_civil(Date::max_year, 12, 31);

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);

}  // namespace

std::string_view to_string(Weekday w) noexcept {
  switch (w) {
    case Weekday::monday: return "monday";
    case Weekday::tuesday: return "tuesday";
    case Weekday::wednesday: return "wednesday";
    case Weekday::thursday: return "thursday";
    case Weekday::friday: return "friday";
    case Weekday::saturday: return "saturday";
    case Weekday::sunday: return "sunday";
  }
  return "monday";
}

int Date::days_in_month(int year, int month) noexcept {
  static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return lengths[month - 1];
}

Date::Date(int year, int month, int day) {
  if (year < min_year || year > max_year) {
    throw InvalidArgument("year " + std::to_string(year) + " is outside 1-9999");
  }
  if (month < 1 || month > 12) {
    throw InvalidArgument("month " + std::to_string(month) + " is outside 1-12");
  }
  if (day < 1 || day > days_in_month(year, month)) {
    throw InvalidArgument("day " + std::to_string(day) + " does not exist in " +
                          std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                          std::to_string(month));
  }
  days_ = static_cast<std::int32_t>(
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Date Date::from_days(std::int64_t days) {
  if (days < min_days || days > max_days) {
    throw OutOfRange("day number " + std::to_string(days) + " is outside years 1-9999");
  }
  return Date(static_cast<std::int32_t>(days));
}

namespace {
// Returns 0 on success, else the 1-based column of the first bad character (len+1 if too short).
std::size_t parse_iso(std::string_view s, int& y, int& m, int& d) noexcept {
  constexpr std::string_view shape = "dddd-dd-dd";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i >= s.size()) return i + 1;
    const char c = s[i];
    if (shape[i] == '-') {
      if (c != '-') return i + 1;
    } else if (c < '0' || c > '9') {
      return i + 1;
    }
  }
  if (s.size() > shape.size()) return shape.size() + 1;
  auto num = [&](std::size_t a, std::size_t n) {
    int v = 0;
    for (std::size_t i = a; i < a + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  y = num(0, 4);
  m = num(5, 2);
  d = num(8, 2);
  return 0;
}
}  // namespace

Date Date::parse(std::string_view text, std::string_view source) {
  int y = 0, m = 0, d = 0;
  SourceLocation where{std::string(source), 0, 0, {}};
  if (text.empty()) throw ParseError(where, "empty date, expected YYYY-MM-DD");
  if (auto col = parse_iso(text, y, m, d); col != 0) {
    where.column = col;
    throw ParseError(where, "invalid date " + excerpt(text) + ", expected YYYY-MM-DD");
  }
  if (y < min_year) {
    where.column = 1;
    throw ParseError(where, "invalid date " + excerpt(text) + ": year 0000 does not exist");
  }
  if (m < 1 || m > 12) {
    where.column = 6;
    throw ParseError(where, "invalid date " + excerpt(text) + ": month must be 01-12");
  }
  if (d < 1 || d > days_in_month(y, m)) {
    where.column = 9;
    throw ParseError(where, "invalid date " + excerpt(text) + ": day " + std::to_string(d) +
                                " does not exist in that month");
  }
  return Date(y, m, d);
}

std::optional<Date> Date::try_parse(std::string_view text) noexcept {
  int y = 0, m = 0, d = 0;
  if (parse_iso(text, y, m, d) != 0 || y < min_year || m < 1 || m > 12 || d < 1 ||
      d > days_in_month(y, m)) {
    return std::nullopt;
  }
  return Date(static_cast<std::int32_t>(
      days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))));
}

int Date::year() const noexcept {
  return civil_from_days(days_).y;
}
int Date::month() const noexcept {
  return civil_from_days(days_).m;
}
int Date::day() const noexcept {
  return civil_from_days(days_).d;
}

Weekday Date::weekday() const noexcept {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t z = days_;
  const std::int64_t w = ((z % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<Weekday>(w + 1);
}

int Date::day_of_year() const noexcept {
  return static_cast<int>(days_ - days_from_civil(year(), 1, 1)) + 1;
}

std::string Date::to_string() const {
  const Civil c = civil_from_days(days_);
  char buf[11];
  buf[0] = static_cast<char>('0' + c.y / 1000);
  buf[1] = static_cast<char>('0' + c.y / 100 % 10);
  buf[2] = static_cast<char>('0' + c.y / 10 % 10);
  buf[3] = static_cast<char>('0' + c.y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + c.m / 10);
  buf[6] = static_cast<char>('0' + c.m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + c.d / 10);
  buf[9] = static_cast<char>('0' + c.d % 10);
  buf[10] = '\0';
  return std::string(buf, 10);
}

Date Date::from_sys_days(std::chrono::sys_days d) {
  return from_days(d.time_since_epoch().count());
}

std::chrono::year_month_day Date::to_year_month_day() const noexcept {
  return std::chrono::year_month_day{to_sys_days()};
}

Date Date::from_year_month_day(std::chrono::year_month_day ymd) {
  return Date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day())));
}

Date Date::add_days(std::int64_t n) const {
  if (n > max_days - days_ || n < min_days - days_) {
    throw OutOfRange(to_string() + " + " + std::to_string(n) + " days is outside years 1-9999");
  }
  return Date(static_cast<std::int32_t>(days_ + n));
}

std::ostream& operator<<(std::ostream& os, Date d) {
  return os << d.to_string();
}

DateRange::DateRange(Date first, Date last) : first_(first), last_(last) {
  if (last < first) {
    throw InvalidArgument("date range ends (" + last.to_string() + ") before it starts (" +
                          first.to_string() + ")");
  }
}

std::optional<DateRange> DateRange::intersection(const DateRange& other) const noexcept {
  if (!overlaps(other)) return std::nullopt;
  return DateRange(std::max(first_, other.first_), std::min(last_, other.last_), nullptr);
}

std::string DateRange::to_string() const {
  return first_.to_string() + "/" + last_.to_string();
}

DateRange DateRange::parse(std::string_view text, std::string_view source) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    throw ParseError(SourceLocation{std::string(source), 0, 0, {}},
                     "invalid date range " + excerpt(text) + ", expected YYYY-MM-DD/YYYY-MM-DD");
  }
  const Date a = Date::parse(text.substr(0, slash), source);
  Date b;
  try {
    b = Date::parse(text.substr(slash + 1), source);
  } catch (const ParseError& e) {
    SourceLocation w = e.where();
    if (w.column != 0) w.column += slash + 1;
    throw ParseError(w, e.reason());
  }
  if (b < a) {
    throw ParseError(SourceLocation{std::string(source), 0, slash + 2, {}},
                     "date range " + excerpt(text) + " ends before it starts");
  }
  return DateRange(a, b, nullptr);
}

std::ostream& operator<<(std::ostream& os, const DateRange& r) {
  return os << r.to_string();
}

std::vector<DateRange> union_of(std::vector<DateRange> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<DateRange> out;
  out.reserve(ranges.size());
  for (const auto& r : ranges) {
    if (!out.empty() && r.first() - out.back().last() <= 1) {
      if (r.last() > out.back().last()) out.back() = DateRange(out.back().first(), r.last());
    } else {
      out.push_back(r);
    }
  }
  return out;
}

std::int64_t covered_days(const std::vector<DateRange>& ranges) {
  std::int64_t n = 0;
  for (const auto& r : union_of(ranges)) n += r.length_days();
  return n;
}

}  // namespace vaekit
