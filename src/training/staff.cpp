// Staff qualification profiles, the network's requirements and yearly training records.
#include "vaekit/training/staff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "attendance_detail.hpp"
#include "records_util.hpp"

namespace vaekit {
namespace {

std::string years_fr(double y) {
  return detail::french_number(y, 1) + (y >= 2.0 ? " ans" : " an");
}

}  // namespace

int StaffProfile::highest_level() const noexcept {
  int best = 0;
  for (const auto& d : diplomas) best = std::max(best, d.eu_level);
  return best;
}

bool QualificationRequirements::applies_to(StaffRole role) const noexcept {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const StaffProfile* StaffRegister::profile(std::string_view member) const noexcept {
  auto it = std::find_if(profiles.begin(), profiles.end(),
                         [member](const StaffProfile& p) { return p.member == member; });
  return it == profiles.end() ? nullptr : &*it;
}

std::vector<StaffTrainingRecord> staff_training_records(const Programme& programme,
                                                        const std::vector<Session>& sessions,
                                                        const AttendanceRecord& attendance,
                                                        const StaffRegister& staff, int year) {
  std::vector<Session> in_year;
  for (const auto& s : sessions) {
    if (s.date.year() == year) in_year.push_back(s);
  }
  const auto a = detail::analyse_attendance(programme, in_year, attendance, std::nullopt, false);
  std::vector<StaffTrainingRecord> out;
  out.reserve(programme.members.size());
  for (const auto& m : programme.members) {
    StaffTrainingRecord r;
    r.member = m.id;
    r.year = year;
    for (const Session* s : a.counted) {
      bool came = false;
      for (HalfDay h : a.halves(*s)) {
        const auto* c = a.find(s->id, h, m.id);
        if (c == nullptr || !attended(c->entry->presence)) continue;
        r.programme_hours += c->hours;
        came = came || c->hours > 0.0;
      }
      if (came) r.sessions.push_back(s->id);
    }
    if (const auto* p = staff.profile(m.id)) {
      auto it = p->other_training_hours.find(year);
      if (it != p->other_training_hours.end()) r.other_hours = it->second;
    }
    out.push_back(std::move(r));
  }
  return out;
}

QualificationCheck check_qualification(std::string_view member, StaffRole role,
                                       const StaffProfile* profile,
                                       const QualificationRequirements& req,
                                       std::optional<double> training_hours) {
  QualificationCheck c;
  c.member = std::string(member);
  c.role = role;
  c.applies = req.applies_to(role);
  if (!c.applies) return c;
  if (profile == nullptr) {
    c.gaps.push_back({"no_profile", "Aucun profil de qualification enregistré."});
    return c;
  }
  const int level = profile->highest_level();
  if (level < req.min_diploma_level) {
    c.gaps.push_back(
        {"diploma_level", level == 0
                              ? "Aucun diplôme déclaré ; diplôme de niveau " +
                                    std::to_string(req.min_diploma_level) + " requis."
                              : "Diplôme de niveau " + std::to_string(req.min_diploma_level) +
                                    " requis ; plus haut niveau : " + std::to_string(level) + "."});
  }
  if (profile->support_experience_years < req.min_support_years) {
    c.gaps.push_back(
        {"support_experience",
         "Expérience de l'accompagnement : " + years_fr(profile->support_experience_years) + " ; " +
             years_fr(req.min_support_years) + " requis."});
  }
  if (profile->vae_experience_years < req.min_vae_years) {
    c.gaps.push_back({"vae_experience", "Expérience de l'accompagnement VAE : " +
                                            years_fr(profile->vae_experience_years) + " ; " +
                                            years_fr(req.min_vae_years) + " requis."});
  } else if (req.require_vae_experience && !(profile->vae_experience_years > 0.0)) {
    c.gaps.push_back({"vae_experience",
                      "Aucune expérience de l'accompagnement VAE ; une expérience avérée est "
                      "requise."});
  }
  if (req.require_vae_knowledge && profile->vae_knowledge.empty()) {
    c.gaps.push_back({"vae_knowledge",
                      "Connaissance de la VAE non attestée (formation, attestation) ; requise."});
  }
  if (req.min_training_hours_per_year > 0.0) {
    const double h = training_hours.value_or(0.0);
    if (h < req.min_training_hours_per_year) {
      c.gaps.push_back(
          {"training_hours", "Heures de formation dans l'année : " + detail::french_number(h) +
                                 " h ; " + detail::french_number(req.min_training_hours_per_year) +
                                 " h requises."});
    }
  }
  return c;
}

std::vector<QualificationCheck> check_staff(const Programme& programme, const StaffRegister& staff,
                                            const std::vector<StaffTrainingRecord>& records) {
  std::map<std::string, double, std::less<>> hours;
  for (const auto& r : records) hours[r.member] += r.total();
  std::vector<QualificationCheck> out;
  out.reserve(programme.members.size());
  for (const auto& m : programme.members) {
    std::optional<double> h;
    if (!records.empty()) {
      auto it = hours.find(m.id);
      h = it == hours.end() ? 0.0 : it->second;
    }
    out.push_back(check_qualification(m.id, m.role, staff.profile(m.id), staff.requirements, h));
  }
  return out;
}

// --- JSON -----------------------------------------------------------------------------------

void to_json(Json& j, const Diploma& v) {
  j = Json::object();
  j["title"] = v.title;
  j["eu_level"] = v.eu_level;
  j["year"] = v.year ? Json(*v.year) : Json(nullptr);
}

void from_json(const Json& j, Diploma& v) {
  v.title = json_field_or<std::string>(j, "title", "");
  v.eu_level = json_field<int>(j, "eu_level");
  if (v.eu_level < 1 || v.eu_level > 8) {
    throw ParseError(SourceLocation{{}, 0, 0, "eu_level"}, "an EU level is 1 to 8");
  }
  v.year.reset();
  if (j.contains("year") && !j["year"].is_null()) v.year = json_field<int>(j, "year");
}

void to_json(Json& j, const StaffProfile& v) {
  j = Json::object();
  j["member"] = v.member;
  j["diplomas"] = v.diplomas;
  j["support_experience_years"] = v.support_experience_years;
  j["vae_experience_years"] = v.vae_experience_years;
  j["vae_knowledge"] = v.vae_knowledge;
  Json hours = Json::object();
  for (const auto& [y, h] : v.other_training_hours) hours[std::to_string(y)] = h;
  j["other_training_hours"] = std::move(hours);
}

void from_json(const Json& j, StaffProfile& v) {
  v.member = json_field<std::string>(j, "member");
  v.diplomas = json_array_field<Diploma>(j, "diplomas");
  v.support_experience_years = json_field_or<double>(j, "support_experience_years", 0.0);
  v.vae_experience_years = json_field_or<double>(j, "vae_experience_years", 0.0);
  v.vae_knowledge = json_array_field<std::string>(j, "vae_knowledge");
  if (v.support_experience_years < 0.0 || v.vae_experience_years < 0.0) {
    throw ParseError(SourceLocation{{}, 0, 0, "support_experience_years"}, "must be >= 0");
  }
  v.other_training_hours.clear();
  if (j.contains("other_training_hours") && !j["other_training_hours"].is_null()) {
    const auto& h = j["other_training_hours"];
    if (!h.is_object()) {
      throw ParseError(SourceLocation{{}, 0, 0, "other_training_hours"}, "expected an object");
    }
    for (const auto& [k, x] : h.items()) {
      (void)x;
      int year = 0;
      try {
        std::size_t used = 0;
        year = std::stoi(k, &used);
        if (used != k.size()) throw InvalidArgument("trailing characters");
      } catch (const std::exception&) {
        throw ParseError(SourceLocation{{}, 0, 0, "other_training_hours." + excerpt(k)},
                         "expected a year");
      }
      const double hours = json_field<double>(h, k);
      if (hours < 0.0) {
        throw ParseError(SourceLocation{{}, 0, 0, "other_training_hours." + k}, "must be >= 0");
      }
      v.other_training_hours[year] = hours;
    }
  }
}

void to_json(Json& j, const QualificationRequirements& v) {
  j = Json::object();
  Json roles = Json::array();
  for (auto r : v.roles) roles.push_back(to_string(r));
  j["roles"] = std::move(roles);
  j["min_diploma_level"] = v.min_diploma_level;
  j["min_support_years"] = v.min_support_years;
  j["min_vae_years"] = v.min_vae_years;
  j["require_vae_experience"] = v.require_vae_experience;
  j["require_vae_knowledge"] = v.require_vae_knowledge;
  j["min_training_hours_per_year"] = v.min_training_hours_per_year;
}

void from_json(const Json& j, QualificationRequirements& v) {
  QualificationRequirements r;
  if (j.contains("roles")) {
    r.roles.clear();
    for (const auto& name : json_array_field<std::string>(j, "roles")) {
      try {
        r.roles.push_back(staff_role_from_string(name));
      } catch (const InvalidArgument& e) {
        throw ParseError(SourceLocation{{}, 0, 0, "roles"}, e.what());
      }
    }
  }
  r.min_diploma_level = json_field_or<int>(j, "min_diploma_level", r.min_diploma_level);
  r.min_support_years = json_field_or<double>(j, "min_support_years", r.min_support_years);
  r.min_vae_years = json_field_or<double>(j, "min_vae_years", r.min_vae_years);
  r.require_vae_experience =
      json_field_or<bool>(j, "require_vae_experience", r.require_vae_experience);
  r.require_vae_knowledge =
      json_field_or<bool>(j, "require_vae_knowledge", r.require_vae_knowledge);
  r.min_training_hours_per_year =
      json_field_or<double>(j, "min_training_hours_per_year", r.min_training_hours_per_year);
  v = std::move(r);
}

void to_json(Json& j, const StaffRegister& v) {
  j = Json::object();
  j["requirements"] = v.requirements;
  j["profiles"] = v.profiles;
}

void from_json(const Json& j, StaffRegister& v) {
  StaffRegister r;
  if (j.contains("requirements"))
    r.requirements = json_field<QualificationRequirements>(j, "requirements");
  r.profiles = json_array_field<StaffProfile>(j, "profiles");
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < r.profiles.size(); ++i) {
    if (!seen.insert(r.profiles[i].member).second) {
      throw ParseError(SourceLocation{{}, 0, 0, "profiles[" + std::to_string(i) + "].member"},
                       "a second profile for member " + excerpt(r.profiles[i].member));
    }
  }
  v = std::move(r);
}

void to_json(Json& j, const QualificationGap& v) {
  j = Json::object();
  j["code"] = v.code;
  j["message"] = v.message;
}

void from_json(const Json& j, QualificationGap& v) {
  v.code = json_field<std::string>(j, "code");
  v.message = json_field_or<std::string>(j, "message", "");
}

void to_json(Json& j, const QualificationCheck& v) {
  j = Json::object();
  j["member"] = v.member;
  j["role"] = to_string(v.role);
  j["applies"] = v.applies;
  j["meets"] = v.meets();
  j["gaps"] = v.gaps;
}

void from_json(const Json& j, QualificationCheck& v) {
  v.member = json_field<std::string>(j, "member");
  v.role = json_enum_field<StaffRole>(j, "role", staff_role_from_string);
  v.applies = json_field_or<bool>(j, "applies", true);
  v.gaps = json_array_field<QualificationGap>(j, "gaps");
}

void to_json(Json& j, const StaffTrainingRecord& v) {
  j = Json::object();
  j["member"] = v.member;
  j["year"] = v.year;
  j["programme_hours"] = v.programme_hours;
  j["other_hours"] = v.other_hours;
  j["total"] = v.total();
  j["sessions"] = v.sessions;
}

void from_json(const Json& j, StaffTrainingRecord& v) {
  v.member = json_field<std::string>(j, "member");
  v.year = json_field<int>(j, "year");
  v.programme_hours = json_field<double>(j, "programme_hours");
  v.other_hours = json_field_or<double>(j, "other_hours", 0.0);
  v.sessions = json_array_field<std::string>(j, "sessions");
}

}  // namespace vaekit
