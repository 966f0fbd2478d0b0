#include "vaekit/core/year_month.hpp"

#include <cstdio>
#include <ostream>

namespace vaekit {

YearMonth YearMonth::of(Date d) noexcept {
  return from_index(d.year() * 12 + d.month() - 1);  // always in range: Date has the same years
}

std::optional<YearMonth> YearMonth::try_from_string(std::string_view text) noexcept {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    int& part = i < 4 ? year : month;
    part = part * 10 + (c - '0');
  }
  if (month < 1 || month > 12 || year < Date::min_year) return std::nullopt;
  return from_index(year * 12 + month - 1);
}

YearMonth YearMonth::from_string(std::string_view text) {
  if (auto ym = try_from_string(text)) return *ym;
  throw InvalidArgument("invalid year-month " + excerpt(text) +
                        " (expected YYYY-MM, month 01-12, year 0001-9999)");
}

std::string YearMonth::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
  return buf;
}

std::ostream& operator<<(std::ostream& os, YearMonth ym) {
  return os << ym.to_string();
}

}  // namespace vaekit
