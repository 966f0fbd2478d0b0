#pragma once
/// @file
/// @brief YearMonth: a calendar month of a year ("2025-03"), the unit of monthly tables, of
/// monthly caps and of deadlines counted in months.

#include <compare>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"

namespace vaekit {

/// A month of a year of the proleptic Gregorian calendar, years Date::min_year to Date::max_year.
///
/// A small value (4 bytes): the month index `year * 12 + month - 1`. Construction validates;
/// comparison follows time (it agrees with the order of the months' first days); arithmetic is
/// in whole months. Its text form is ISO 8601 "YYYY-MM".
class YearMonth {
 public:
  /// Smallest index: January of Date::min_year.
  static constexpr int min_index = Date::min_year * 12;
  /// Largest index: December of Date::max_year.
  static constexpr int max_index = Date::max_year * 12 + 11;

  /// 1970-01 (the month of Date's default value).
  constexpr YearMonth() noexcept = default;

  /// The month @p month (1-12) of @p year; throws InvalidArgument for a month outside 1-12 or a
  /// year outside [Date::min_year, Date::max_year].
  constexpr YearMonth(int year, int month) {
    if (month < 1 || month > 12 || year < Date::min_year || year > Date::max_year) {
      throw InvalidArgument("invalid year-month " + std::to_string(year) + "-" +
                            std::to_string(month) + " (month 1-12, year " +
                            std::to_string(Date::min_year) + "-" + std::to_string(Date::max_year) +
                            ")");
    }
    index_ = year * 12 + month - 1;
  }

  /// The month of index @p index (`year * 12 + month - 1`); throws OutOfRange outside
  /// [min_index, max_index].
  [[nodiscard]] static constexpr YearMonth from_index(int index) {
    if (index < min_index || index > max_index) {
      throw OutOfRange("year-month index " + std::to_string(index) + " outside the years " +
                       std::to_string(Date::min_year) + "-" + std::to_string(Date::max_year));
    }
    YearMonth ym;
    ym.index_ = index;
    return ym;
  }

  /// The month that contains @p d.
  [[nodiscard]] static YearMonth of(Date d) noexcept;

  /// The month written `YYYY-MM` (ISO 8601, exactly 4 + 2 digits); throws InvalidArgument
  /// naming the (shortened) value and the expected form.
  [[nodiscard]] static YearMonth from_string(std::string_view text);
  /// The month written `YYYY-MM`, or std::nullopt (never throws).
  [[nodiscard]] static std::optional<YearMonth> try_from_string(std::string_view text) noexcept;

  /// The year.
  [[nodiscard]] constexpr int year() const noexcept { return index_ / 12; }
  /// The month of the year, 1-12.
  [[nodiscard]] constexpr int month() const noexcept { return index_ % 12 + 1; }
  /// The month index `year * 12 + month - 1` (consecutive months have consecutive indexes).
  [[nodiscard]] constexpr int index() const noexcept { return index_; }

  /// The month @p n months later (earlier when negative); throws OutOfRange outside the
  /// supported years.
  [[nodiscard]] constexpr YearMonth plus_months(int n) const {
    const long long target = static_cast<long long>(index_) + n;
    if (target < min_index || target > max_index) {
      throw OutOfRange("year-month " + std::to_string(index_ / 12) + "-" +
                       std::to_string(index_ % 12 + 1) + " plus " + std::to_string(n) +
                       " months is outside the supported years");
    }
    return from_index(static_cast<int>(target));
  }
  /// The number of months from this month to @p later (negative if @p later is earlier):
  /// `a.plus_months(a.months_until(b)) == b`.
  [[nodiscard]] constexpr int months_until(YearMonth later) const noexcept {
    return later.index_ - index_;
  }

  /// The number of days of the month (28 to 31).
  [[nodiscard]] int days() const noexcept { return Date::days_in_month(year(), month()); }
  /// The first day of the month.
  [[nodiscard]] Date first_day() const { return Date(year(), month(), 1); }
  /// The last day of the month.
  [[nodiscard]] Date last_day() const { return Date(year(), month(), days()); }
  /// Whether @p d falls in this month.
  [[nodiscard]] bool contains(Date d) const noexcept { return of(d) == *this; }

  /// ISO 8601 text, `YYYY-MM`.
  [[nodiscard]] std::string to_string() const;

  /// Months compare in time order.
  friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) noexcept = default;
  /// Equality of months.
  friend constexpr bool operator==(const YearMonth&, const YearMonth&) noexcept = default;

 private:
  int index_ = 1970 * 12;
};

/// The number of months from @p from to @p to (negative when @p to is earlier).
[[nodiscard]] constexpr int months_between(YearMonth from, YearMonth to) noexcept {
  return from.months_until(to);
}

/// Writes the month as `YYYY-MM`.
std::ostream& operator<<(std::ostream& os, YearMonth ym);

}  // namespace vaekit

/// Hash of a YearMonth, for unordered containers.
template <>
struct std::hash<vaekit::YearMonth> {
  /// The hash of @p ym.
  std::size_t operator()(vaekit::YearMonth ym) const noexcept {
    return std::hash<int>{}(ym.index());
  }
};
