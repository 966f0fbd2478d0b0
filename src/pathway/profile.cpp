// The person's pseudonymous profile (issue 15): banding of the age on entry, the département
// codes, and the profile_recorded event.
#include "vaekit/pathway/profile.hpp"

#include <algorithm>

#include "vaekit/core/error.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit {

namespace {

/// The 102 département codes: departement_names (vocabulary.hpp) without its last value,
/// "not_stated".
constexpr std::span<const std::string_view> departements{departement_names.data(),
                                                         departement_names.size() - 1};
static_assert(departement_names.back() == profile_not_stated);

}  // namespace

ProfileAttribute profile_attribute_from_string(std::string_view name) {
  for (std::size_t i = 0; i < profile_attribute_names.size(); ++i) {
    if (profile_attribute_names[i] == name) return static_cast<ProfileAttribute>(i);
  }
  throw InvalidArgument("unknown profile attribute " + excerpt(name) +
                        " (expected sex, age_band, employment, qualification, departement, qpv "
                        "or rqth)");
}

std::span<const std::string_view> departement_codes() noexcept {
  return departements;
}

bool is_departement_code(std::string_view code) noexcept {
  return std::find(departements.begin(), departements.end(), code) != departements.end();
}

std::span<const std::string_view> profile_values(ProfileAttribute a) noexcept {
  switch (a) {
    case ProfileAttribute::sex: return sex_names;
    case ProfileAttribute::age_band: return age_band_names;
    case ProfileAttribute::employment: return employment_names;
    case ProfileAttribute::qualification: return qualification_names;
    case ProfileAttribute::departement: return departement_names;
    case ProfileAttribute::qpv:
    case ProfileAttribute::rqth: return yes_no_names;
  }
  return {};
}

AgeBand age_band_of_age(int age) {
  // The message never gives the age (personal data).
  if (age < 0 || age > 130) throw InvalidArgument("age out of range (expected 0 to 130 years)");
  if (age < 26) return AgeBand::under_26;
  if (age <= 34) return AgeBand::from_26_to_34;
  if (age <= 44) return AgeBand::from_35_to_44;
  if (age <= 54) return AgeBand::from_45_to_54;
  return AgeBand::from_55;
}

int age_in_full_years(Date birth, Date on) {
  if (on < birth) {
    throw InvalidArgument("the birth date is after the reception date");  // neither date given
  }
  int age = on.year() - birth.year();
  // Not yet the birthday this year: (month, day) before the birth's. Born on 29 February, the
  // birthday of a common year is reached on 1 March (29/02 compares after 28/02).
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

AgeBand age_band_of_birth(Date birth, Date reception) {
  return age_band_of_age(age_in_full_years(birth, reception));
}

Profile Profile::with_age(int age) {
  Profile p;
  p.age_band = age_band_of_age(age);
  return p;
}

Profile Profile::with_birth_date(Date birth, Date reception) {
  Profile p;
  p.age_band = age_band_of_birth(birth, reception);
  return p;
}

Profile Profile::from_candidate(const Candidate& c, Date reception) {
  Profile p;
  if (c.birth_date) p.age_band = age_band_of_birth(*c.birth_date, reception);
  if (c.civility == "madame") p.sex = Sex::woman;
  if (c.civility == "monsieur") p.sex = Sex::man;
  if (c.highest_level) {
    const int level = *c.highest_level;
    if (level >= 1 && level <= 2) p.qualification = Qualification::none;
    if (level >= 3 && level <= 8)
      p.qualification =
          static_cast<Qualification>(static_cast<int>(Qualification::level_3) + (level - 3));
  }
  if (c.situation == "jobseeker") p.employment = Employment::job_seeker;
  if (c.situation == "self_employed") p.employment = Employment::self_employed;
  return p;
}

void Profile::set_departement(std::string_view code) {
  if (code != profile_not_stated && !is_departement_code(code)) {
    throw InvalidArgument("invalid département " + excerpt(code) +
                          " (expected 01 to 95, 2A, 2B, 971 to 976, or not_stated)");
  }
  departement = std::string(code);
}

Profile Profile::from_data(const EventData& d) {
  Profile p;
  if (d.sex) p.sex = *d.sex;
  if (d.age_band) p.age_band = *d.age_band;
  if (d.employment) p.employment = *d.employment;
  if (d.qualification) p.qualification = *d.qualification;
  if (d.departement) p.departement = std::string(to_string(*d.departement));
  if (d.qpv) p.qpv = *d.qpv;
  if (d.rqth) p.rqth = *d.rqth;
  return p;
}

Profile Profile::from_event(const Event& e) {
  if (e.kind != EventKind::profile_recorded) {
    throw InvalidArgument("a profile is read from a profile_recorded event, not " +
                          std::string(to_string(e.kind)));
  }
  return from_data(e.data);
}

EventData Profile::to_data() const {
  EventData d;
  d.sex = sex;
  d.age_band = age_band;
  d.employment = employment;
  d.qualification = qualification;
  d.departement = try_departement_from_string(departement);
  if (!d.departement) {  // set directly, not through set_departement()
    throw InvalidArgument("invalid département " + excerpt(departement) +
                          " (expected 01 to 95, 2A, 2B, 971 to 976, or not_stated)");
  }
  d.qpv = qpv;
  d.rqth = rqth;
  return d;
}

Event Profile::to_event(std::string_view case_id, const Timestamp& at, Role role) const {
  Event e;
  e.case_id = std::string(case_id);
  e.at = at;
  e.kind = EventKind::profile_recorded;
  e.role = role;
  e.data = to_data();
  return e;
}

std::size_t Profile::value_index(ProfileAttribute a) const noexcept {
  switch (a) {
    case ProfileAttribute::sex: return static_cast<std::size_t>(sex);
    case ProfileAttribute::age_band: return static_cast<std::size_t>(age_band);
    case ProfileAttribute::employment: return static_cast<std::size_t>(employment);
    case ProfileAttribute::qualification: return static_cast<std::size_t>(qualification);
    case ProfileAttribute::departement: {
      const auto it = std::find(departements.begin(), departements.end(), departement);
      return static_cast<std::size_t>(it - departements.begin());  // end: not_stated
    }
    case ProfileAttribute::qpv: return static_cast<std::size_t>(qpv);
    case ProfileAttribute::rqth: return static_cast<std::size_t>(rqth);
  }
  return 0;
}

void Profile::set(ProfileAttribute a, std::string_view value) {
  if (a == ProfileAttribute::departement) {
    set_departement(value);  // its own message: the ranges of the official codes
    return;
  }
  const auto names = profile_values(a);
  const auto it = std::find(names.begin(), names.end(), value);
  if (it == names.end()) {
    std::string expected;
    for (std::size_t i = 0; i < names.size() && i < 16; ++i)
      expected += (i ? ", " : "") + std::string(names[i]);
    throw InvalidArgument("unknown " + std::string(to_string(a)) + " " + excerpt(value) +
                          " (expected " + expected + (names.size() > 16 ? ", ..." : "") + ")");
  }
  const auto i = static_cast<std::uint8_t>(it - names.begin());
  switch (a) {
    case ProfileAttribute::sex: sex = static_cast<Sex>(i); break;
    case ProfileAttribute::age_band: age_band = static_cast<AgeBand>(i); break;
    case ProfileAttribute::employment: employment = static_cast<Employment>(i); break;
    case ProfileAttribute::qualification: qualification = static_cast<Qualification>(i); break;
    case ProfileAttribute::departement: break;  // above
    case ProfileAttribute::qpv: qpv = static_cast<YesNo>(i); break;
    case ProfileAttribute::rqth: rqth = static_cast<YesNo>(i); break;
  }
}

std::string_view Profile::value(ProfileAttribute a) const noexcept {
  return profile_values(a)[value_index(a)];
}

void to_json(Json& j, const Profile& p) {
  j = Json::object();
  for (std::size_t a = 0; a < profile_attribute_count; ++a) {
    const auto attr = static_cast<ProfileAttribute>(a);
    j[std::string(to_string(attr))] = p.value(attr);
  }
}

void from_json(const Json& j, Profile& p) {
  if (!j.is_object()) throw ParseError(SourceLocation{}, "a profile is a JSON object");
  p = Profile{};
  for (const auto& [key, value] : j.items()) {
    const auto field = std::string(key);
    const SourceLocation at{{}, 0, 0, field};
    const auto it = std::find(profile_attribute_names.begin(), profile_attribute_names.end(), key);
    // Any other field is refused, by name only: it might be a name or a birth date.
    if (it == profile_attribute_names.end())
      throw ParseError(at, "not a profile attribute (a profile holds no personal field)");
    if (!value.is_string()) throw ParseError(at, "expected a string");
    const auto attr = static_cast<ProfileAttribute>(it - profile_attribute_names.begin());
    const auto text = value.get<std::string>();
    try {
      p.set(attr, text);
    } catch (const InvalidArgument&) {
      throw ParseError(
          at, (attr == ProfileAttribute::departement ? "invalid département " : "unknown value ") +
                  excerpt(text));
    }
  }
}

}  // namespace vaekit
