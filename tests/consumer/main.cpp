// Consumer test: compiled and linked against the installed vaekit package only.
#include <iostream>
#include <vaekit/vaekit.hpp>

int main() {
  const vaekit::FrenchCalendar cal;
  const vaekit::Date d = vaekit::Date::parse("2024-05-03");
  const vaekit::Date next = cal.add_working_days(d, 3);
  const auto doc = vaekit::to_document(cal);
  std::cout << "vaekit " << vaekit::version << ": " << d << " + 3 working days = " << next << "\n";
  if (next != vaekit::Date(2024, 5, 10) || doc["schema"] != "FrenchCalendar.1") {
    std::cerr << "consumer: unexpected result\n";
    return 1;
  }
  return 0;
}
