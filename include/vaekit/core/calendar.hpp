#pragma once
/// @file
/// @brief FrenchCalendar: French public holidays (metropolitan and Alsace-Moselle), working days
/// and user-defined closures.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"

namespace vaekit {

/// Which French public-holiday list applies.
enum class CalendarRegion : std::uint8_t {
  metropolitan,    ///< Metropolitan France: the 11 holidays of Code du travail L3133-1.
  alsace_moselle,  ///< Bas-Rhin, Haut-Rhin, Moselle: adds Good Friday and 26 December.
};

/// The stable name of a region: "metropolitan" or "alsace_moselle".
[[nodiscard]] std::string_view to_string(CalendarRegion region) noexcept;
/// The region named @p name ("metropolitan" or "alsace_moselle"); throws InvalidArgument.
[[nodiscard]] CalendarRegion calendar_region_from_string(std::string_view name);
/// The CalendarRegion named @p name, or std::nullopt (never throws).
[[nodiscard]] std::optional<CalendarRegion> try_calendar_region_from_string(
    std::string_view name) noexcept;

/// A public holiday: its date and French name (e.g. "Lundi de Pâques").
struct Holiday {
  Date date;         ///< The day.
  std::string name;  ///< Its French name.
  /// Equality by date and name.
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

/// A period when an office is closed (e.g. its summer closing weeks), with the reason.
struct Closure {
  DateRange period;    ///< The closed days.
  std::string reason;  ///< Why (free text, e.g. "fermeture estivale").
  /// Equality by period and reason.
  friend bool operator==(const Closure&, const Closure&) = default;
};

/// French working-day calendar: public holidays by rule, weekends, and a closure overlay.
///
/// Holidays (Code du travail L3133-1): 1 January, Easter Monday (Easter + 1), 1 May, 8 May,
/// Ascension (Easter + 39), Whit Monday (Easter + 50; not a holiday 2005-2007, when it was the
/// *journée de solidarité*), 14 July, 15 August, 1 November, 11 November, 25 December;
/// Alsace-Moselle adds Good Friday (Easter - 2) and 26 December. Easter Sunday is computed with
/// the Gregorian (Meeus/Jones/Butcher) algorithm, never tabulated.
///
/// The list has held unchanged since 1982, when 8 May was restored; the calendar knows years
/// first_year to Date::max_year and throws OutOfRange for any query on an earlier date, rather
/// than silently apply today's list to years when it did not hold.
///
/// Working days are Monday to Friday that are neither holidays nor closures. Queries are O(1) for
/// 1982-2200 (a bitset shared by all calendars of a region, built once), O(holidays) beyond.
/// A calendar is immutable except through add_closure(); const queries are thread-safe.
class FrenchCalendar {
 public:
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "FrenchCalendar";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;
  /// First year the calendar knows (8 May restored as a holiday by loi 81-893).
  static constexpr int first_year = 1982;

  /// A calendar for @p region with no closures.
  explicit FrenchCalendar(CalendarRegion region = CalendarRegion::metropolitan);

  /// The holiday list in use.
  [[nodiscard]] CalendarRegion region() const noexcept { return region_; }

  /// Easter Sunday of @p year (Gregorian computus), for any year 1583-9999.
  [[nodiscard]] static Date easter_sunday(int year);

  /// The public holidays of @p year in date order; throws OutOfRange before first_year.
  [[nodiscard]] std::vector<Holiday> holidays(int year) const;
  /// Whether @p d is a public holiday.
  [[nodiscard]] bool is_holiday(Date d) const;
  /// The French name of the holiday on @p d, or std::nullopt.
  [[nodiscard]] std::optional<std::string> holiday_name(Date d) const;
  /// Whether @p d is a Saturday or a Sunday.
  [[nodiscard]] static bool is_weekend(Date d) noexcept;
  /// Whether @p d falls in a closure added with add_closure().
  [[nodiscard]] bool is_closed(Date d) const noexcept;
  /// Whether @p d is a working day: Monday-Friday, not a holiday, not closed.
  [[nodiscard]] bool is_working_day(Date d) const;

  /// The working day @p n working days after @p d (before if n < 0); @p d itself need not be a
  /// working day, and n = 0 returns @p d unchanged.
  [[nodiscard]] Date add_working_days(Date d, std::int64_t n) const;
  /// The number of working days in (from, to] (negative, counted in [to, from), if to < from), so
  /// that `working_days_between(d, add_working_days(d, n)) == n`.
  [[nodiscard]] std::int64_t working_days_between(Date from, Date to) const;
  /// The number of working days in @p period (both ends included), in O(1 + closures) for
  /// 1982-2200 (a prefix sum of weekday holidays), O(years) beyond.
  [[nodiscard]] std::int64_t working_days_in(const DateRange& period) const;
  /// The first working day on or after @p d.
  [[nodiscard]] Date next_working_day(Date d) const;
  /// Every working day of @p period, in order.
  [[nodiscard]] std::vector<Date> working_days(const DateRange& period) const;

  /// Adds a closure period (an overlay on the holiday rules).
  void add_closure(DateRange period, std::string reason);
  /// The closures added, in the order given.
  [[nodiscard]] const std::vector<Closure>& closures() const noexcept { return closures_; }

  /// Equality: same region and same closures.
  friend bool operator==(const FrenchCalendar&, const FrenchCalendar&) = default;

 private:
  bool is_holiday_checked(Date d) const;
  CalendarRegion region_;
  std::vector<Closure> closures_;
  std::vector<DateRange> closed_;  // union of closures_, sorted, for binary search
};

}  // namespace vaekit
