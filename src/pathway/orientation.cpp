// Orientation suggestions: VAE, training, VAP 85, bilan de compétences, each with its reasons.
#include "vaekit/pathway/orientation.hpp"

#include <algorithm>

#include "counsel_detail.hpp"

namespace vaekit {

bool OrientationSuggestion::has_reason(std::string_view wanted) const noexcept {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& r) { return r.code == wanted; });
}

bool OrientationAdvice::suggests(OrientationTarget t) const noexcept {
  return std::any_of(suggestions.begin(), suggestions.end(),
                     [&](const OrientationSuggestion& s) { return s.target == t; });
}

int age_on(Date birth, Date on) {
  if (on < birth) throw InvalidArgument("age_on: the date is before the birth date");
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

Event orientation_event(OrientationTarget to, Timestamp at, std::string staff) {
  Event e;
  e.at = at;
  e.kind = EventKind::oriented;
  e.role = Role::counsellor;
  e.staff = std::move(staff);
  e.data.to = to;
  return e;
}

OrientationAdvice suggest_orientation(std::span<const Experience> experiences,
                                      const OrientationInput& input, Date on,
                                      const OrientationRules& rules, const RegimeSet& regimes) {
  if (input.age && *input.age < 0) throw InvalidArgument("age must be >= 0");
  if (rules.vap_min_age < 0 || rules.vap_min_years_out_of_studies < 0 ||
      rules.skills_assessment_max_hours <= 0) {
    throw InvalidArgument("orientation rules: thresholds must be >= 0 (bilan hours > 0)");
  }
  OrientationAdvice adv;
  adv.eligibility =
      assess_eligibility(experiences, on, regimes, input.target ? &*input.target : nullptr);
  const EligibilityResult& el = adv.eligibility;
  const std::string regime = el.regime;

  // Bilan de compétences first when the project is unclear.
  const std::string bilan_text =
      "Projet professionnel à préciser : bilan de compétences "
      "(analyse des compétences et des motivations, au plus " +
      std::to_string(rules.skills_assessment_max_hours) + " h, Code du travail L6313-4).";
  if (!input.project_clear) {
    adv.suggestions.push_back(
        {OrientationTarget::skills_assessment, {{"project_unclear", bilan_text}}});
  } else {
    adv.ruled_out.push_back(
        {OrientationTarget::skills_assessment,
         {{"project_clear",
           "Le projet professionnel est clair : pas de bilan de compétences nécessaire."}}});
  }

  // VAP 85.
  if (input.wants_higher_education) {
    OrientationSuggestion vap{OrientationTarget::vap, {}};
    bool ok = true;
    if (!input.age) {
      ok = false;
      vap.reasons.push_back({"vap_age_unknown", "VAP : âge non renseigné (au moins " +
                                                    std::to_string(rules.vap_min_age) +
                                                    " ans requis)."});
    } else if (*input.age < rules.vap_min_age) {
      ok = false;
      vap.reasons.push_back({"vap_too_young", "VAP : il faut avoir au moins " +
                                                  std::to_string(rules.vap_min_age) + " ans."});
    }
    if (!input.left_initial_education_on) {
      ok = false;
      vap.reasons.push_back(
          {"vap_studies_date_unknown",
           "VAP : date de sortie de la formation initiale non renseignée (au moins " +
               std::to_string(rules.vap_min_years_out_of_studies) + " ans requis)."});
    } else if (add_months(*input.left_initial_education_on,
                          12 * rules.vap_min_years_out_of_studies) > on) {
      ok = false;
      vap.reasons.push_back({"vap_studies_too_recent",
                             "VAP : la formation initiale doit être interrompue depuis au moins " +
                                 std::to_string(rules.vap_min_years_out_of_studies) + " ans."});
    }
    if (ok) {
      vap.reasons.push_back(
          {"vap_conditions_met",
           "Accès à l'enseignement supérieur sans le diplôme requis : VAP 85 (décret du "
           "23 août 1985), conditions remplies (au moins " +
               std::to_string(rules.vap_min_age) +
               " ans, formation initiale quittée depuis au moins " +
               std::to_string(rules.vap_min_years_out_of_studies) + " ans)."});
      adv.suggestions.push_back(std::move(vap));
    } else {
      adv.ruled_out.push_back(std::move(vap));
    }
  }

  // VAE or training. A certification that cannot be requested on the date (registration_on():
  // not yet or no longer registered, VAE route closed) is no VAE target: its successor open to
  // VAE on the date is offered (relevance follows succession), else training.
  const bool no_related = el.hours == Rational(0);
  const RegistrationCheck* reg =
      input.target && input.target->registration ? &*input.target->registration : nullptr;
  const bool closed = reg != nullptr && !reg->open();
  if (closed && (!el.eligible || reg->successors.empty())) {
    OrientationSuggestion vae{OrientationTarget::vae, {}};
    vae.reasons.push_back({"certification_closed", "La certification " + input.target->code +
                                                       " ne peut pas être demandée par la VAE au " +
                                                       on.to_string() + "."});
    for (const auto& r : reg->reasons) vae.reasons.push_back(r);
    adv.ruled_out.push_back(std::move(vae));
    OrientationSuggestion tr{OrientationTarget::training, {}};
    tr.reasons.push_back({"certification_closed",
                          "Certification visée fermée à la VAE à cette date : formation ou autre "
                          "certification à envisager."});
    adv.suggestions.push_back(std::move(tr));
  } else if (el.eligible) {
    OrientationSuggestion vae{OrientationTarget::vae, {}};
    vae.reasons.push_back(
        {"vae_eligible", "Expérience suffisante pour une VAE : " + detail::hours_fr(el.hours) +
                             " comptées (régime " + regime + ")."});
    if (closed) {
      // The successor inherits the relevance (relevance(): succession link).
      for (const auto& r : reg->reasons) vae.reasons.push_back(r);
    }
    if (!input.target) {
      vae.reasons.push_back({"certification_to_choose",
                             "Aucune certification visée : le rapport de l'expérience avec la "
                             "certification reste à vérifier."});
    }
    adv.suggestions.push_back(std::move(vae));
    adv.ruled_out.push_back({OrientationTarget::training,
                             {{"experience_sufficient",
                               "L'expérience suffit pour une VAE : une formation n'est pas "
                               "nécessaire pour accéder à la certification."}}});
  } else {
    OrientationSuggestion tr{OrientationTarget::training, {}};
    if (no_related) {
      tr.reasons.push_back(
          {"experience_unrelated",
           input.target
               ? "Aucune expérience en rapport avec la certification visée : formation conseillée."
               : "Aucune expérience comptée : formation conseillée."});
    } else {
      tr.reasons.push_back({"experience_too_short",
                            "Expérience trop courte pour une VAE : " + detail::hours_fr(el.hours) +
                                " comptées pour un minimum de " +
                                detail::hours_fr(el.minimum_hours) + " (régime " + regime +
                                ") : formation conseillée."});
    }
    adv.ruled_out.push_back({OrientationTarget::vae,
                             {{no_related ? "experience_unrelated" : "experience_too_short",
                               "VAE non recevable en l'état : voir l'éligibilité."}}});
    adv.suggestions.push_back(std::move(tr));
  }
  return adv;
}

void to_json(Json& j, const OrientationRules& r) {
  j = Json::object();
  j["vap_min_age"] = r.vap_min_age;
  j["vap_min_years_out_of_studies"] = r.vap_min_years_out_of_studies;
  j["skills_assessment_max_hours"] = r.skills_assessment_max_hours;
}

void from_json(const Json& j, OrientationRules& r) {
  detail::require_object(j);
  OrientationRules x;
  x.vap_min_age = static_cast<int>(detail::int_field(j, "vap_min_age", 0, 200, x.vap_min_age));
  x.vap_min_years_out_of_studies = static_cast<int>(
      detail::int_field(j, "vap_min_years_out_of_studies", 0, 200, x.vap_min_years_out_of_studies));
  x.skills_assessment_max_hours = static_cast<int>(detail::int_field(
      j, "skills_assessment_max_hours", 1, 100000, x.skills_assessment_max_hours));
  r = x;
}

void to_json(Json& j, const OrientationSuggestion& s) {
  j = Json::object();
  j["target"] = std::string(to_string(s.target));
  j["reasons"] = s.reasons;
}

void from_json(const Json& j, OrientationSuggestion& s) {
  detail::require_object(j);
  OrientationSuggestion x;
  const auto t = try_orientation_target_from_string(json_field<std::string>(j, "target"));
  if (!t) detail::bad_field("target", "expected vae, vap, training, skills_assessment or other");
  x.target = *t;
  x.reasons = json_array_field<Reason>(j, "reasons", false);
  s = std::move(x);
}

void to_json(Json& j, const OrientationAdvice& a) {
  j = Json::object();
  if (!a.suggestions.empty()) j["first"] = std::string(to_string(a.first()));
  j["suggestions"] = a.suggestions;
  j["ruled_out"] = a.ruled_out;
  j["eligibility"] = a.eligibility;
}

void from_json(const Json& j, OrientationAdvice& a) {
  detail::require_object(j);
  OrientationAdvice x;
  x.suggestions = json_array_field<OrientationSuggestion>(j, "suggestions", true);
  if (x.suggestions.empty()) detail::bad_field("suggestions", "expected at least one suggestion");
  x.ruled_out = json_array_field<OrientationSuggestion>(j, "ruled_out", false);
  const auto first = json_field_or<std::string>(j, "first", {});
  if (!first.empty() && first != to_string(x.first())) {
    detail::bad_field("first", "not the first suggestion's target");
  }
  const Json el = json_field<Json>(j, "eligibility");
  x.eligibility = json_located("eligibility", [&] {
    EligibilityResult e;
    from_json(el, e);
    return e;
  });
  a = std::move(x);
}

}  // namespace vaekit
