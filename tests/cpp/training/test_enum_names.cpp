// The `*_from_string` contract of the training enumerations (issue #13): X x_from_string throws
// InvalidArgument naming the value and listing the accepted names; try_x_from_string returns
// std::nullopt without throwing.
#include "test_support.hpp"
#include "vaekit/training/attendance.hpp"
#include "vaekit/training/community.hpp"
#include "vaekit/training/evaluation.hpp"
#include "vaekit/training/model.hpp"
#include "vaekit/training/scheduler.hpp"

using vaekit::test::check_from_string_contract;
namespace vk = vaekit;

TEST_CASE("training enums: the from_string contract") {
  check_from_string_contract<vk::StaffRole>(2, vk::staff_role_from_string,
                                            vk::try_staff_role_from_string);
  check_from_string_contract<vk::Audience>(3, vk::audience_from_string,
                                           vk::try_audience_from_string);
  check_from_string_contract<vk::SessionFormat>(5, vk::session_format_from_string,
                                                vk::try_session_format_from_string);
  check_from_string_contract<vk::OrganisationKind>(5, vk::organisation_kind_from_string,
                                                   vk::try_organisation_kind_from_string);
  check_from_string_contract<vk::VenueKind>(2, vk::venue_kind_from_string,
                                            vk::try_venue_kind_from_string);
  check_from_string_contract<vk::AggregationRule>(2, vk::aggregation_rule_from_string,
                                                  vk::try_aggregation_rule_from_string);
  check_from_string_contract<vk::HalfDay>(2, vk::half_day_from_string,
                                          vk::try_half_day_from_string);
  check_from_string_contract<vk::Presence>(4, vk::presence_from_string,
                                           vk::try_presence_from_string);
  check_from_string_contract<vk::EvidenceKind>(4, vk::evidence_kind_from_string,
                                               vk::try_evidence_kind_from_string);
  check_from_string_contract<vk::Severity>(2, vk::severity_from_string,
                                           vk::try_severity_from_string);
  check_from_string_contract<vk::CommunityRole>(6, vk::community_role_from_string,
                                                vk::try_community_role_from_string);
  check_from_string_contract<vk::EvaluationTiming>(2, vk::evaluation_timing_from_string,
                                                   vk::try_evaluation_timing_from_string);
  check_from_string_contract<vk::Respondent>(3, vk::respondent_from_string,
                                             vk::try_respondent_from_string);
  check_from_string_contract<vk::QuestionKind>(2, vk::question_kind_from_string,
                                               vk::try_question_kind_from_string);
  check_from_string_contract<vk::EvaluationGrouping>(4, vk::evaluation_grouping_from_string,
                                                     vk::try_evaluation_grouping_from_string);
  // These three listed no names (plan status) or were hand-written before the contract.
  check_from_string_contract<vk::BallotWeighting>(2, vk::ballot_weighting_from_string,
                                                  vk::try_ballot_weighting_from_string);
  check_from_string_contract<vk::PlanStatus>(3, vk::plan_status_from_string,
                                             vk::try_plan_status_from_string);
  check_from_string_contract<vk::PlanChange::Kind>(2, vk::plan_change_kind_from_string,
                                                   vk::try_plan_change_kind_from_string);
}
