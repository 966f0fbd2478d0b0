// The person's pseudonymous profile (issue 15): the age banded on entry (no birth date kept), the
// département codes, the profile_recorded event.
#include <string>

#include "test_support.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/pathway/profile.hpp"

using namespace vaekit;

TEST_CASE("profile: age bands of issue 15 (under_26, 26_34, 35_44, 45_54, 55_plus)") {
  CHECK(age_band_of_age(0) == AgeBand::under_26);
  CHECK(age_band_of_age(25) == AgeBand::under_26);
  CHECK(age_band_of_age(26) == AgeBand::from_26_to_34);
  CHECK(age_band_of_age(34) == AgeBand::from_26_to_34);
  CHECK(age_band_of_age(35) == AgeBand::from_35_to_44);
  CHECK(age_band_of_age(44) == AgeBand::from_35_to_44);
  CHECK(age_band_of_age(45) == AgeBand::from_45_to_54);
  CHECK(age_band_of_age(54) == AgeBand::from_45_to_54);
  CHECK(age_band_of_age(55) == AgeBand::from_55);
  CHECK(age_band_of_age(130) == AgeBand::from_55);
  CHECK_THROWS_AS(age_band_of_age(-1), InvalidArgument);
  CHECK_THROWS_AS(age_band_of_age(131), InvalidArgument);
}

TEST_CASE("profile: age in full years, 29 February reached on 1 March in a common year") {
  const Date birth = Date::parse("1980-02-29");
  CHECK(age_in_full_years(birth, Date::parse("2025-02-28")) == 44);
  CHECK(age_in_full_years(birth, Date::parse("2025-03-01")) == 45);
  CHECK(age_in_full_years(birth, Date::parse("2024-02-29")) == 44);
  CHECK(age_in_full_years(birth, birth) == 0);
  // The band changes on the 26th birthday exactly.
  const Date b = Date::parse("1999-06-15");
  CHECK(age_band_of_birth(b, Date::parse("2025-06-14")) == AgeBand::under_26);
  CHECK(age_band_of_birth(b, Date::parse("2025-06-15")) == AgeBand::from_26_to_34);
  // A birth after the reception: refused, without either date in the message.
  try {
    (void)age_band_of_birth(Date::parse("2030-01-01"), Date::parse("2025-01-01"));
    FAIL("expected InvalidArgument");
  } catch (const InvalidArgument& e) {
    const std::string what = e.what();
    CHECK(what.find("2030") == std::string::npos);
    CHECK(what.find("2025") == std::string::npos);
  }
}

TEST_CASE("profile: with_birth_date keeps the band only") {
  const Profile p = Profile::with_birth_date(Date::parse("1980-02-29"), Date::parse("2025-03-01"));
  CHECK(p.age_band == AgeBand::from_45_to_54);
  Json j = p;
  CHECK(j.dump().find("1980") == std::string::npos);
  CHECK(j.size() == profile_attribute_count);
  CHECK(j.at("age_band") == "45_54");
  CHECK(j.at("departement") == "not_stated");
}

TEST_CASE("profile: département codes (INSEE: 01-19, 2A, 2B, 21-95, 971-976)") {
  CHECK(departement_codes().size() == 102);  // 96 + 975 + 5 overseas
  const auto good = GENERATE(as<std::string>{}, "01", "09", "19", "2A", "2B", "21", "75", "95",
                             "971", "974", "976");
  CHECK(is_departement_code(good));
  Profile p;
  p.set_departement(good);
  CHECK(p.departement == good);
  CHECK(p.value(ProfileAttribute::departement) == good);
}

TEST_CASE("profile: invalid départements are refused") {
  const auto bad = GENERATE(as<std::string>{}, "20", "00", "1", "96", "970", "977", "2C", "2a",
                            " 75", "", "Paris");
  CHECK_FALSE(is_departement_code(bad));
  Profile p;
  CHECK_THROWS_AS(p.set_departement(bad), InvalidArgument);
  p.set_departement("not_stated");
  CHECK(p.value(ProfileAttribute::departement) == "not_stated");
}

TEST_CASE("profile: every attribute has not_stated last; default profile is all not_stated") {
  const Profile p;
  for (std::size_t a = 0; a < profile_attribute_count; ++a) {
    const auto attr = static_cast<ProfileAttribute>(a);
    const auto values = profile_values(attr);
    REQUIRE(!values.empty());
    CHECK(values.back() == "not_stated");
    CHECK(p.value(attr) == "not_stated");
    CHECK(p.value_index(attr) == values.size() - 1);
    CHECK(profile_attribute_from_string(to_string(attr)) == attr);
  }
  CHECK_THROWS_AS(profile_attribute_from_string("birth_date"), InvalidArgument);
}

TEST_CASE("profile: the profile_recorded event round trip") {
  Profile p;
  p.sex = Sex::woman;
  p.age_band = AgeBand::from_35_to_44;
  p.employment = Employment::job_seeker;
  p.qualification = Qualification::level_4;
  p.set_departement("2B");
  p.qpv = YesNo::yes;
  p.rqth = YesNo::no;
  const Event e = p.to_event("C1", Timestamp(Date::parse("2024-05-02")), Role::aap);
  CHECK(e.kind == EventKind::profile_recorded);
  CHECK(e.role == Role::aap);
  CHECK(Profile::from_event(e) == p);
  Json line = e;
  Event back;
  from_json(line, back);
  CHECK(Profile::from_event(back) == p);
  Event other = e;
  other.kind = EventKind::received;
  CHECK_THROWS_AS(Profile::from_event(other), InvalidArgument);
  // Absent fields are not stated.
  CHECK(Profile::from_data(EventData{}) == Profile{});
}

TEST_CASE("profile: the JSON object refuses any other field, naming the field only") {
  Profile p;
  CHECK_THROWS_AS(from_json(Json::parse(R"({"sex": "female"})"), p), ParseError);
  CHECK_THROWS_AS(from_json(Json::parse(R"({"departement": "20"})"), p), ParseError);
  try {
    from_json(Json::parse(R"({"birth_date": "1980-02-29"})"), p);
    FAIL("expected ParseError");
  } catch (const ParseError& e) {
    CHECK(std::string(e.what()).find("1980") == std::string::npos);
    CHECK(std::string(e.what()).find("birth_date") != std::string::npos);
  }
  from_json(Json::parse(R"({"sex": "man", "rqth": "yes", "departement": "971"})"), p);
  CHECK(p.sex == Sex::man);
  CHECK(p.rqth == YesNo::yes);
  CHECK(p.departement == "971");
  CHECK(p.age_band == AgeBand::not_stated);
}

TEST_CASE("profile: derived from the personal Candidate record, keeping none of it") {
  Candidate c;
  c.id = "P1";
  c.family_name = "Martin";
  c.given_names = "Claire";
  c.birth_date = Date::parse("1980-02-29");
  c.civility = "madame";
  c.address = "1 rue de la Paix, 75002 Paris";
  c.email = "claire@example.org";
  c.situation = "jobseeker";
  c.highest_level = 4;
  const Profile p = Profile::from_candidate(c, Date::parse("2025-02-28"));
  CHECK(p.sex == Sex::woman);
  CHECK(p.age_band == AgeBand::from_35_to_44);  // 44 on 28 February 2025
  CHECK(p.employment == Employment::job_seeker);
  CHECK(p.qualification == Qualification::level_4);
  CHECK(p.departement == "not_stated");  // the address is not read
  CHECK(p.qpv == YesNo::not_stated);
  Json j = p;
  for (const char* personal : {"Martin", "Claire", "1980", "Paix", "75002", "example.org"})
    CHECK(j.dump().find(personal) == std::string::npos);
  // Levels 1-2 (no diploma): none; employee (private or public?): not stated.
  c.highest_level = 2;
  c.situation = "employee";
  c.civility = "";
  c.birth_date.reset();
  const Profile q = Profile::from_candidate(c, Date::parse("2025-02-28"));
  CHECK(q.qualification == Qualification::none);
  CHECK(q.employment == Employment::not_stated);
  CHECK(q.sex == Sex::not_stated);
  CHECK(q.age_band == AgeBand::not_stated);
  c.highest_level = 8;
  CHECK(Profile::from_candidate(c, Date::parse("2025-02-28")).qualification ==
        Qualification::level_8);
}
