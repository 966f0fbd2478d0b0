#pragma once
/// @file
/// @brief Date (a civil date) and DateRange (a closed range of dates): small value types.

#include <chrono>
#include <compare>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaekit {

/// Day of the week, numbered as ISO 8601 does (Monday = 1 ... Sunday = 7).
enum class Weekday : std::uint8_t {
  monday = 1,     ///< lundi
  tuesday = 2,    ///< mardi
  wednesday = 3,  ///< mercredi
  thursday = 4,   ///< jeudi
  friday = 5,     ///< vendredi
  saturday = 6,   ///< samedi
  sunday = 7,     ///< dimanche
};

/// The English lower-case name of a weekday, e.g. "monday".
[[nodiscard]] std::string_view to_string(Weekday w) noexcept;

/// A civil date of the proleptic Gregorian calendar, years 1 to 9999.
///
/// A small value (4 bytes): the number of days since 1970-01-01. Construction validates the
/// fields; arithmetic is in whole days. Like QuantLib's Date and OpenTimelineIO's RationalTime,
/// it is passed by value and never allocates.
class Date {
 public:
  /// Smallest supported year.
  static constexpr int min_year = 1;
  /// Largest supported year.
  static constexpr int max_year = 9999;

  /// 1970-01-01.
  constexpr Date() noexcept = default;

  /// The date @p year-@p month-@p day; throws InvalidArgument for a date that does not exist
  /// (e.g. 2017-02-30) or a year outside [min_year, max_year].
  Date(int year, int month, int day);

  /// The date @p days days after 1970-01-01 (negative: before); throws OutOfRange outside
  /// the supported years.
  static Date from_days(std::int64_t days);

  /// Parses an ISO 8601 calendar date, exactly `YYYY-MM-DD`.
  ///
  /// Throws ParseError naming @p source, the (shortened) input and the 1-based column of the
  /// first offending character. @p source describes where the text comes from.
  static Date parse(std::string_view text, std::string_view source = {});

  /// Like parse() but returns std::nullopt instead of throwing.
  static std::optional<Date> try_parse(std::string_view text) noexcept;

  /// The year (1-9999).
  [[nodiscard]] int year() const noexcept;
  /// The month (1-12).
  [[nodiscard]] int month() const noexcept;
  /// The day of the month (1-31).
  [[nodiscard]] int day() const noexcept;
  /// The day of the week.
  [[nodiscard]] Weekday weekday() const noexcept;
  /// The day of the year, 1 for 1 January.
  [[nodiscard]] int day_of_year() const noexcept;
  /// Days since 1970-01-01 (the serial number).
  [[nodiscard]] constexpr std::int32_t days_since_epoch() const noexcept { return days_; }

  /// ISO 8601 text, `YYYY-MM-DD`.
  [[nodiscard]] std::string to_string() const;

  /// The same date as a std::chrono day point.
  [[nodiscard]] constexpr std::chrono::sys_days to_sys_days() const noexcept {
    return std::chrono::sys_days{std::chrono::days{days_}};
  }
  /// The date of a std::chrono day point; throws OutOfRange outside the supported years.
  static Date from_sys_days(std::chrono::sys_days d);
  /// The same date as a std::chrono::year_month_day.
  [[nodiscard]] std::chrono::year_month_day to_year_month_day() const noexcept;
  /// The date of a std::chrono::year_month_day; throws InvalidArgument if it is not valid.
  static Date from_year_month_day(std::chrono::year_month_day ymd);

  /// Whether @p year is a leap year of the Gregorian calendar.
  [[nodiscard]] static constexpr bool is_leap_year(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }
  /// Number of days in @p month of @p year.
  [[nodiscard]] static int days_in_month(int year, int month) noexcept;

  /// The date @p n days later (earlier if negative); throws OutOfRange past the supported years.
  [[nodiscard]] Date add_days(std::int64_t n) const;

  /// Equality and ordering, by day.
  friend constexpr auto operator<=>(Date, Date) noexcept = default;

 private:
  constexpr explicit Date(std::int32_t days) noexcept : days_(days) {}
  std::int32_t days_ = 0;
};

/// The date @p n days after @p d.
[[nodiscard]] inline Date operator+(Date d, std::int64_t n) {
  return d.add_days(n);
}
/// The date @p n days after @p d.
[[nodiscard]] inline Date operator+(std::int64_t n, Date d) {
  return d.add_days(n);
}
/// The date @p n days before @p d.
[[nodiscard]] inline Date operator-(Date d, std::int64_t n) {
  return d.add_days(-n);
}
/// The number of days from @p b to @p a (positive if a is later).
[[nodiscard]] constexpr std::int64_t operator-(Date a, Date b) noexcept {
  return std::int64_t{a.days_since_epoch()} - b.days_since_epoch();
}
/// Writes the ISO 8601 form.
std::ostream& operator<<(std::ostream& os, Date d);

/// A closed range of dates [first, last], both included: "du 1er janvier au 31 décembre".
///
/// Never empty: construction requires first <= last (an empty intersection is std::nullopt).
class DateRange {
 public:
  /// The one-day range [1970-01-01, 1970-01-01] (so that ranges can be default-constructed).
  constexpr DateRange() noexcept = default;
  /// The range from @p first to @p last included; throws InvalidArgument if last < first.
  DateRange(Date first, Date last);
  /// The one-day range [d, d].
  static DateRange single(Date d) noexcept { return DateRange(d, d, nullptr); }

  /// The first day.
  [[nodiscard]] constexpr Date first() const noexcept { return first_; }
  /// The last day (included).
  [[nodiscard]] constexpr Date last() const noexcept { return last_; }
  /// The number of days, both ends included: 1 Jan to 31 Dec is 365 (366 in a leap year).
  [[nodiscard]] constexpr std::int64_t length_days() const noexcept { return last_ - first_ + 1; }
  /// Whether @p d lies within the range.
  [[nodiscard]] constexpr bool contains(Date d) const noexcept { return first_ <= d && d <= last_; }
  /// Whether @p other lies entirely within the range.
  [[nodiscard]] constexpr bool contains(const DateRange& other) const noexcept {
    return first_ <= other.first_ && other.last_ <= last_;
  }
  /// Whether the two ranges share at least one day.
  [[nodiscard]] constexpr bool overlaps(const DateRange& other) const noexcept {
    return first_ <= other.last_ && other.first_ <= last_;
  }
  /// The days common to both ranges, or std::nullopt if they share none.
  [[nodiscard]] std::optional<DateRange> intersection(const DateRange& other) const noexcept;
  /// Text form `YYYY-MM-DD/YYYY-MM-DD` (an ISO 8601 interval).
  [[nodiscard]] std::string to_string() const;
  /// Parses the form written by to_string(); throws ParseError.
  static DateRange parse(std::string_view text, std::string_view source = {});

  /// Equality and ordering (by first day, then last day).
  friend constexpr auto operator<=>(const DateRange&, const DateRange&) noexcept = default;

 private:
  constexpr DateRange(Date first, Date last, std::nullptr_t) noexcept
      : first_(first), last_(last) {}
  Date first_;
  Date last_;
};

/// Writes the ISO 8601 interval form.
std::ostream& operator<<(std::ostream& os, const DateRange& r);

/// The union of @p ranges as sorted, disjoint, non-adjacent ranges: touching or overlapping
/// ranges merge ([1-10] and [11-20] give [1-20]). The basis of experience counting, where calendar
/// time is counted once however many activities share it.
[[nodiscard]] std::vector<DateRange> union_of(std::vector<DateRange> ranges);

/// The number of distinct days covered by @p ranges (each day counted once).
[[nodiscard]] std::int64_t covered_days(const std::vector<DateRange>& ranges);

}  // namespace vaekit

/// Hash of a Date, for unordered containers.
template <>
struct std::hash<vaekit::Date> {
  /// The hash of @p d.
  std::size_t operator()(vaekit::Date d) const noexcept {
    return std::hash<std::int32_t>{}(d.days_since_epoch());
  }
};

/// Hash of a DateRange, for unordered containers.
template <>
struct std::hash<vaekit::DateRange> {
  /// The hash of @p r.
  std::size_t operator()(const vaekit::DateRange& r) const noexcept {
    auto a = static_cast<std::uint64_t>(static_cast<std::uint32_t>(r.first().days_since_epoch()));
    auto b = static_cast<std::uint64_t>(static_cast<std::uint32_t>(r.last().days_since_epoch()));
    return std::hash<std::uint64_t>{}((a << 32) | b);
  }
};
