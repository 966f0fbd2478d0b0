// Prints the French public holidays of a year and counts the working days per month:
// what an antenne needs to plan its counsellors' appointment slots.
#include <iostream>
#include <vaekit/vaekit.hpp>

int main(int argc, char** argv) {
  const int year = argc > 1 ? std::stoi(argv[1]) : 2024;
  const vaekit::FrenchCalendar calendar;  // metropolitan France
  std::cout << "Jours fériés " << year << "\n";
  for (const auto& h : calendar.holidays(year)) {
    std::cout << "  " << h.date << "  " << vaekit::to_string(h.date.weekday()) << "  " << h.name
              << "\n";
  }
  std::int64_t total = 0;
  for (int m = 1; m <= 12; ++m) {
    const vaekit::DateRange month(vaekit::Date(year, m, 1),
                                  vaekit::Date(year, m, vaekit::Date::days_in_month(year, m)));
    const auto n = static_cast<std::int64_t>(calendar.working_days(month).size());
    total += n;
  }
  std::cout << "Working days in " << year << ": " << total << "\n";
  return total > 0 ? 0 : 1;
}
