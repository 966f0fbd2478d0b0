// Orientation suggestions against cases worked out by hand from domain.md §1 (VAP 85: at least
// 20 years old and out of initial studies for at least 2 years; bilan de compétences L6313-4, at
// most 24 h; training when the experience is not enough) and §3 (minimum experience by regime).
#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/orientation.hpp"

using namespace vaekit;

namespace {

Experience full_time(Date first, Date last, std::string rome = "K1302") {
  Experience x;
  x.period = DateRange(first, last);
  x.rome = std::move(rome);
  return x;
}

const OrientationSuggestion* ruled_out(const OrientationAdvice& a, OrientationTarget t) {
  for (const auto& s : a.ruled_out) {
    if (s.target == t) return &s;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("orientation: VAE when the experience is enough, training otherwise") {
  OrientationInput in;
  in.target = CertificationTarget{"RNCP36004", {"K1302", "K1306"}};
  // 2017-01-01..2017-11-30 = 334 days full time = 334 × 1607/365 h ≈ 1,470.51 h < 1,607 h
  // (vae-2017 on 2018-01-15): too short.
  const std::vector<Experience> short_xp{full_time(Date(2017, 1, 1), Date(2017, 11, 30))};
  const auto a = suggest_orientation(short_xp, in, Date(2018, 1, 15));
  CHECK(a.eligibility.regime == "vae-2017");
  CHECK_FALSE(a.eligibility.eligible);
  CHECK(a.first() == OrientationTarget::training);
  CHECK(a.suggestions.size() == 1);
  CHECK(a.suggestions[0].has_reason("experience_too_short"));
  REQUIRE(ruled_out(a, OrientationTarget::vae) != nullptr);
  CHECK(ruled_out(a, OrientationTarget::vae)->has_reason("experience_too_short"));
  CHECK(ruled_out(a, OrientationTarget::skills_assessment)->has_reason("project_clear"));
  // The message gives the figures in French.
  CHECK(a.suggestions[0].reasons[0].message.find("1 470,51 h") != std::string::npos);
  CHECK(a.suggestions[0].reasons[0].message.find("1 607 h") != std::string::npos);

  // A full year (2017-01-01..2017-12-31, 365 days = 1,607 h exactly): VAE.
  const std::vector<Experience> year{full_time(Date(2017, 1, 1), Date(2017, 12, 31))};
  const auto b = suggest_orientation(year, in, Date(2018, 1, 15));
  CHECK(b.first() == OrientationTarget::vae);
  CHECK(b.suggestions[0].has_reason("vae_eligible"));
  CHECK_FALSE(b.suggests(OrientationTarget::training));
  CHECK(ruled_out(b, OrientationTarget::training)->has_reason("experience_sufficient"));

  // The same year in another trade (D1102, not the certification's ROME): unrelated.
  const std::vector<Experience> other{full_time(Date(2017, 1, 1), Date(2017, 12, 31), "D1102")};
  const auto c = suggest_orientation(other, in, Date(2018, 1, 15));
  CHECK(c.first() == OrientationTarget::training);
  CHECK(c.suggestions[0].has_reason("experience_unrelated"));
  // No experience at all.
  const auto d = suggest_orientation({}, in, Date(2018, 1, 15));
  CHECK(d.suggestions[0].has_reason("experience_unrelated"));
  // From 2024 any related experience is enough: the 334 days make a VAE.
  const auto e = suggest_orientation(short_xp, in, Date(2024, 2, 1));
  CHECK(e.first() == OrientationTarget::vae);
  // Without a target the certification is still to choose.
  const auto f = suggest_orientation(year, OrientationInput{}, Date(2018, 1, 15));
  CHECK(f.suggestions[0].has_reason("certification_to_choose"));
}

TEST_CASE("orientation: VAP 85 conditions (20 years old, 2 years out of initial studies)") {
  OrientationInput in;
  in.wants_higher_education = true;
  in.age = 20;
  in.left_initial_education_on = Date(2019, 6, 30);
  // 2019-06-30 + 2 years = 2021-06-30: met that day, not the day before.
  auto a = suggest_orientation({}, in, Date(2021, 6, 30));
  CHECK(a.first() == OrientationTarget::vap);
  CHECK(a.suggestions[0].has_reason("vap_conditions_met"));
  a = suggest_orientation({}, in, Date(2021, 6, 29));
  CHECK_FALSE(a.suggests(OrientationTarget::vap));
  CHECK(ruled_out(a, OrientationTarget::vap)->has_reason("vap_studies_too_recent"));
  in.age = 19;
  a = suggest_orientation({}, in, Date(2021, 6, 30));
  CHECK(ruled_out(a, OrientationTarget::vap)->has_reason("vap_too_young"));
  CHECK_FALSE(ruled_out(a, OrientationTarget::vap)->has_reason("vap_studies_too_recent"));
  in.age.reset();
  in.left_initial_education_on.reset();
  a = suggest_orientation({}, in, Date(2021, 6, 30));
  CHECK(ruled_out(a, OrientationTarget::vap)->has_reason("vap_age_unknown"));
  CHECK(ruled_out(a, OrientationTarget::vap)->has_reason("vap_studies_date_unknown"));
  // Not asked for: VAP is neither suggested nor ruled out.
  in.wants_higher_education = false;
  a = suggest_orientation({}, in, Date(2021, 6, 30));
  CHECK(ruled_out(a, OrientationTarget::vap) == nullptr);
  // Configurable thresholds.
  OrientationRules rules;
  rules.vap_min_age = 26;
  in = OrientationInput{};
  in.wants_higher_education = true;
  in.age = 25;
  in.left_initial_education_on = Date(2010, 6, 30);
  a = suggest_orientation({}, in, Date(2021, 6, 30), rules);
  CHECK(ruled_out(a, OrientationTarget::vap)->has_reason("vap_too_young"));
  CHECK(ruled_out(a, OrientationTarget::vap)->reasons[0].message.find("26 ans") !=
        std::string::npos);
  in.age = -1;
  CHECK_THROWS_AS(suggest_orientation({}, in, Date(2021, 6, 30)), InvalidArgument);
}

TEST_CASE("orientation: unclear project -> bilan de compétences first (at most 24 h)") {
  OrientationInput in;
  in.project_clear = false;
  const std::vector<Experience> year{full_time(Date(2017, 1, 1), Date(2017, 12, 31))};
  const auto a = suggest_orientation(year, in, Date(2018, 1, 15));
  REQUIRE(a.suggestions.size() == 2);
  CHECK(a.suggestions[0].target == OrientationTarget::skills_assessment);
  CHECK(a.suggestions[0].has_reason("project_unclear"));
  CHECK(a.suggestions[0].reasons[0].message.find("24 h") != std::string::npos);
  CHECK(a.suggestions[1].target == OrientationTarget::vae);
  OrientationRules rules;
  rules.skills_assessment_max_hours = 20;
  const auto b = suggest_orientation(year, in, Date(2018, 1, 15), rules);
  CHECK(b.suggestions[0].reasons[0].message.find("20 h") != std::string::npos);
  const Json j = rules;
  CHECK(j.get<OrientationRules>().skills_assessment_max_hours == 20);
  CHECK(Json::object().get<OrientationRules>().vap_min_age == 20);
}

TEST_CASE("orientation: age from a birth date given as input; the decision is the oriented event") {
  CHECK(age_on(Date(2001, 6, 30), Date(2021, 6, 29)) == 19);
  CHECK(age_on(Date(2001, 6, 30), Date(2021, 6, 30)) == 20);
  CHECK(age_on(Date(2000, 2, 29), Date(2021, 2, 28)) == 20);
  CHECK(age_on(Date(2000, 2, 29), Date(2021, 3, 1)) == 21);
  CHECK(age_on(Date(2000, 2, 29), Date(2024, 2, 29)) == 24);
  CHECK_THROWS_AS(age_on(Date(2000, 1, 2), Date(2000, 1, 1)), InvalidArgument);

  auto [c, next] = test::case_in(Stage::counselling);
  c.record(orientation_event(OrientationTarget::training, Timestamp(next), "CO11"));
  CHECK(c.stage() == Stage::redirected);
  CHECK(c.events().back().data.to == OrientationTarget::training);
  CHECK(c.events().back().staff == "CO11");
  CHECK(c.events().back().role == Role::counsellor);
}
