// The `*_from_string` contract of the pathway enumerations outside the event vocabulary
// (issue #13): throws InvalidArgument naming the value and listing the accepted names; try_
// returns std::nullopt.
#include "test_support.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/pathway/eligibility.hpp"
#include "vaekit/pathway/regime.hpp"

using vaekit::test::check_from_string_contract;
namespace vk = vaekit;

TEST_CASE("pathway enums: the from_string contract") {
  check_from_string_contract<vk::BookingStatus>(4, vk::booking_status_from_string,
                                                vk::try_booking_status_from_string);
  check_from_string_contract<vk::RelevanceLink>(8, vk::relevance_link_from_string,
                                                vk::try_relevance_link_from_string);
  check_from_string_contract<vk::ActivityKind>(
      vk::activity_kind_count, vk::activity_kind_from_string, vk::try_activity_kind_from_string);
}

TEST_CASE("add_months: clamped to the month's end (through YearMonth)") {
  // regime.hpp: 31 Aug + 2 = 31 Oct; 31 Dec + 2 = 28 or 29 Feb.
  CHECK(vk::add_months(vk::Date(2024, 8, 31), 2) == vk::Date(2024, 10, 31));
  CHECK(vk::add_months(vk::Date(2023, 12, 31), 2) == vk::Date(2024, 2, 29));
  CHECK(vk::add_months(vk::Date(2024, 12, 31), 2) == vk::Date(2025, 2, 28));
  CHECK(vk::add_months(vk::Date(2025, 3, 15), -15) == vk::Date(2023, 12, 15));
}
