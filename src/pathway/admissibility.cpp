// The admissibility request (Cerfa 12818): building, completeness check, JSON.
#include "vaekit/pathway/admissibility.hpp"

#include <algorithm>

#include "counsel_detail.hpp"

namespace vaekit {

Rational AdmissibilityRequest::related_hours() const {
  Rational h;
  for (const auto& x : experiences) {
    if (x.related.value_or(false)) h += x.hours;
  }
  return h;
}

std::vector<Reason> AdmissibilityRequest::missing() const {
  std::vector<Reason> out;
  auto add = [&](const char* code, std::string text) { out.push_back({code, std::move(text)}); };
  // 1. Certification sought.
  if (certification.code.empty()) {
    add("certification_missing", "Certification visée : aucune certification choisie.");
  } else if (certification_checked && !certification_vae_accessible) {
    add("certification_not_vae_accessible",
        "Certification visée : " + certification.code + " n'est pas accessible par la VAE.");
  }
  if (registration) {
    // Registration on the date (not the VAE route, reported above), and the successor offered.
    for (const auto& reason : registration->reasons) {
      if (reason.code == "not_vae_accessible") continue;
      if ((reason.code == "successor_offered" || reason.code == "no_open_successor") &&
          registration->open())
        continue;
      out.push_back({reason.code, "Certification visée : " + reason.message});
    }
  }
  if (certification.partial) {
    if (certification.blocks.empty()) {
      add("blocks_missing",
          "Certification visée : demande partielle sans bloc de compétences désigné.");
    } else if (certification_checked) {
      for (const auto& b : certification.blocks) {
        if (std::find(known_blocks.begin(), known_blocks.end(), b) == known_blocks.end()) {
          add("block_unknown", "Certification visée : le bloc " + excerpt(b) +
                                   " n'appartient pas à " + certification.code + ".");
        }
      }
    }
  }
  // The sworn statement on the quotas, required on every form (Cerfa 12818; R335-7).
  if (!sworn_statement) {
    add("sworn_statement_missing",
        "Déclaration sur l'honneur manquante : une seule demande par certification et par année "
        "civile, trois au plus pour des certifications différentes (Code de l'éducation R335-7).");
  }
  // 2. Civil status.
  if (civil_status.family_name.empty()) add("family_name_missing", "État civil : nom manquant.");
  if (civil_status.given_names.empty())
    add("given_names_missing", "État civil : prénom(s) manquant(s).");
  if (!civil_status.birth_date)
    add("birth_date_missing", "État civil : date de naissance manquante.");
  if (civil_status.address.empty()) add("address_missing", "État civil : adresse manquante.");
  if (civil_status.phone.empty() && civil_status.email.empty()) {
    add("contact_missing", "État civil : ni téléphone ni courriel.");
  }
  // 3. Situation and goals.
  if (situation.situation.empty())
    add("situation_missing", "Situation : situation actuelle non renseignée.");
  if (situation.goals.empty())
    add("goals_missing", "Objectifs : projet de la personne non renseigné.");
  // 4. Education.
  if (!education.highest_level) {
    add("highest_level_missing", "Formation : niveau du diplôme le plus élevé non renseigné.");
  }
  // 5. Experience.
  if (experiences.empty()) {
    add("experiences_missing", "Expérience : aucune expérience décrite.");
  } else {
    for (std::size_t i = 0; i < experiences.size(); ++i) {
      if (experiences[i].experience.text.empty()) {
        add("experience_description_missing",
            "Expérience " + std::to_string(i + 1) + " : description des activités manquante.");
      }
    }
    if (std::none_of(experiences.begin(), experiences.end(),
                     [](const RequestExperience& x) { return x.related.value_or(false); })) {
      add("no_related_experience",
          certification_checked
              ? "Expérience : aucune expérience en rapport direct avec la certification visée."
              : "Expérience : rapport avec la certification non établi (déclarer les expériences "
                "en rapport, ou donner le répertoire pour comparer les codes ROME).");
    } else if (minimum_hours > Rational(0) && related_hours() < minimum_hours) {
      // The minimum is part of completeness (e.g. 1 607 h under vae-2017, Code de l'éducation
      // R335-6 as amended by décret 2017-1135).
      add("minimum_not_met", "Expérience : " + detail::hours_fr(related_hours()) +
                                 " en rapport pour un minimum de " +
                                 detail::hours_fr(minimum_hours) + " (régime " + regime + ").");
    }
  }
  return out;
}

AdmissibilityRequest build_admissibility_request(const Case& c, const Candidate& candidate,
                                                 std::span<const Experience> experiences, Date on,
                                                 const Registry* registry,
                                                 const AdmissibilityOptions& options,
                                                 const RegimeSet& regimes) {
  if (std::find(candidate.case_ids.begin(), candidate.case_ids.end(), c.id()) ==
      candidate.case_ids.end()) {
    throw InvalidArgument("candidate " + excerpt(candidate.id) + " is not linked to case " +
                          excerpt(c.id()));
  }
  AdmissibilityRequest r;
  r.case_id = c.id();
  r.candidate_id = candidate.id;
  r.prepared_on = on;
  r.certification.code = c.state().certification;
  r.certification.partial = options.partial;
  r.certification.blocks = options.blocks;
  std::optional<CertificationTarget> target;
  if (registry != nullptr && !r.certification.code.empty()) {
    if (const Certification* cert = registry->find(r.certification.code)) {
      r.certification_checked = true;
      r.certification_vae_accessible = cert->vae_accessible();
      r.certification.title = cert->title;
      r.certification.level = cert->level;
      if (!cert->certifiers.empty()) r.certification.certifier = cert->certifiers.front().name;
      for (const auto& b : cert->blocks) r.known_blocks.push_back(b.code);
      target = certification_target(*registry, cert->code, on, options.rome);
      r.registration = target->registration;
    }
  }
  r.civil_status = {candidate.family_name, candidate.given_names, candidate.birth_date,
                    candidate.address,     candidate.phone,       candidate.email,
                    candidate.civility,    candidate.usage_name,  candidate.birth_place,
                    candidate.nationality};
  r.situation = {candidate.situation, candidate.goals, candidate.socio_professional_category};
  r.sworn_statement = options.sworn_statement;
  r.supporting_documents = options.supporting_documents;
  r.education = {candidate.highest_level, candidate.certifications_held};

  // The regime of the pathway: the one in force when it started (its first event), unless the
  // regime of the day governs ongoing pathways (RegimeSet::for_pathway, the 2024 transition).
  const Regime& regime =
      regimes.for_pathway(c.state().event_count > 0 ? c.state().received_on : on, on);
  const EligibilityResult counted =
      assess_eligibility(experiences, on, regime, target ? &*target : nullptr);
  r.regime = counted.regime;
  r.minimum_hours = regime.any_related_experience ? Rational(0) : counted.minimum_hours;
  for (std::size_t i = 0; i < experiences.size(); ++i) {
    RequestExperience x;
    x.experience = experiences[i];
    if (experiences[i].related) {
      x.related = experiences[i].related;
    } else if (target) {
      x.related = counted.details[i].related;
    }
    // Hours of the experience whatever its relevance (what the person declares).
    if (counted.details[i].kind_counts) {
      if (counted.details[i].related) {
        x.hours = counted.details[i].hours;
      } else {
        Experience y = experiences[i];
        y.related = true;
        const EligibilityResult one =
            assess_eligibility(std::span<const Experience>(&y, 1), on, regime);
        x.hours = one.details[0].hours;
      }
    }
    r.experiences.push_back(std::move(x));
  }
  return r;
}

namespace {

Json opt_date(const std::optional<Date>& d) {
  return d ? Json(*d) : Json();
}

template <class T>
std::optional<T> opt_field(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return json_field<T>(obj, key);
}

}  // namespace

void to_json(Json& j, const AdmissibilityRequest& r) {
  j = Json::object();
  j["case_id"] = r.case_id;
  j["candidate_id"] = r.candidate_id;
  j["prepared_on"] = r.prepared_on;
  Json cert = Json::object();
  cert["code"] = r.certification.code;
  cert["title"] = r.certification.title;
  cert["level"] = r.certification.level ? Json(*r.certification.level) : Json();
  cert["certifier"] = r.certification.certifier;
  cert["partial"] = r.certification.partial;
  cert["blocks"] = r.certification.blocks;
  cert["checked"] = r.certification_checked;
  cert["vae_accessible"] = r.certification_vae_accessible;
  cert["known_blocks"] = r.known_blocks;
  if (r.registration) {
    Json reg = Json::object();
    reg["on"] = r.registration->on;
    reg["registered"] = r.registration->registered;
    reg["vae_open"] = r.registration->vae_open;
    reg["successors"] = r.registration->successors;
    reg["reasons"] = r.registration->reasons;
    cert["registration"] = std::move(reg);
  }
  j["certification"] = std::move(cert);
  j["regime"] = r.regime;
  j["minimum_hours"] = r.minimum_hours.to_string();
  Json cs = Json::object();
  cs["family_name"] = r.civil_status.family_name;
  cs["given_names"] = r.civil_status.given_names;
  cs["birth_date"] = opt_date(r.civil_status.birth_date);
  cs["address"] = r.civil_status.address;
  cs["phone"] = r.civil_status.phone;
  cs["email"] = r.civil_status.email;
  cs["civility"] = r.civil_status.civility;
  cs["usage_name"] = r.civil_status.usage_name;
  cs["birth_place"] = r.civil_status.birth_place;
  cs["nationality"] = r.civil_status.nationality;
  j["civil_status"] = std::move(cs);
  j["situation"] = Json{{"situation", r.situation.situation},
                        {"goals", r.situation.goals},
                        {"socio_professional_category", r.situation.socio_professional_category}};
  j["sworn_statement"] = r.sworn_statement;
  j["supporting_documents"] = r.supporting_documents;
  Json ed = Json::object();
  ed["highest_level"] = r.education.highest_level ? Json(*r.education.highest_level) : Json();
  ed["certifications_held"] = r.education.certifications_held;
  j["education"] = std::move(ed);
  Json xs = Json::array();
  for (const auto& x : r.experiences) {
    Json o = x.experience;
    o["related_to_certification"] = x.related ? Json(*x.related) : Json();
    o["counted_hours"] = x.hours.to_string();
    xs.push_back(std::move(o));
  }
  j["experiences"] = std::move(xs);
}

void from_json(const Json& j, AdmissibilityRequest& r) {
  AdmissibilityRequest x;
  x.case_id = json_field<std::string>(j, "case_id");
  x.candidate_id = json_field_or<std::string>(j, "candidate_id", {});
  x.prepared_on = json_field<Date>(j, "prepared_on");
  const Json cert = json_field<Json>(j, "certification");
  x.certification.code = json_field_or<std::string>(cert, "code", {});
  x.certification.title = json_field_or<std::string>(cert, "title", {});
  x.certification.level = json_located(
      "certification", [&] { return detail::opt_int_field(cert, "level", INT_MIN, INT_MAX); });
  if (x.certification.level && (*x.certification.level < 1 || *x.certification.level > 8)) {
    throw ParseError(SourceLocation{{}, 0, 0, "certification.level"}, "expected an EU level 1-8");
  }
  x.certification.certifier = json_field_or<std::string>(cert, "certifier", {});
  x.certification.partial = json_field_or<bool>(cert, "partial", false);
  x.certification.blocks = json_field_or<std::vector<std::string>>(cert, "blocks", {});
  x.certification_checked = json_field_or<bool>(cert, "checked", false);
  x.certification_vae_accessible = json_field_or<bool>(cert, "vae_accessible", true);
  x.known_blocks = json_field_or<std::vector<std::string>>(cert, "known_blocks", {});
  if (const auto it = cert.find("registration"); it != cert.end() && !it->is_null()) {
    x.registration = json_located("certification.registration", [&] {
      const Json& g = *it;
      RegistrationCheck c;
      c.on = json_field<Date>(g, "on");
      c.registered = json_field<bool>(g, "registered");
      c.vae_open = json_field<bool>(g, "vae_open");
      c.successors = detail::strings_field(g, "successors");
      c.reasons = json_array_field<Reason>(g, "reasons", false);
      return c;
    });
  }
  x.regime = json_field_or<std::string>(j, "regime", {});
  if (const auto it = j.find("minimum_hours"); it != j.end() && !it->is_null()) {
    x.minimum_hours = detail::hours_field(j, "minimum_hours");
  }
  const Json cs = json_field_or<Json>(j, "civil_status", Json::object());
  x.civil_status.family_name = json_field_or<std::string>(cs, "family_name", {});
  x.civil_status.given_names = json_field_or<std::string>(cs, "given_names", {});
  x.civil_status.birth_date = opt_field<Date>(cs, "birth_date");
  x.civil_status.address = json_field_or<std::string>(cs, "address", {});
  x.civil_status.phone = json_field_or<std::string>(cs, "phone", {});
  x.civil_status.email = json_field_or<std::string>(cs, "email", {});
  // Cerfa 12818 fields added compatibly (issue 12): absent in older documents.
  x.civil_status.civility = json_field_or<std::string>(cs, "civility", {});
  x.civil_status.usage_name = json_field_or<std::string>(cs, "usage_name", {});
  x.civil_status.birth_place = json_field_or<std::string>(cs, "birth_place", {});
  x.civil_status.nationality = json_field_or<std::string>(cs, "nationality", {});
  x.sworn_statement = json_field_or<bool>(j, "sworn_statement", false);
  x.supporting_documents = json_field_or<std::vector<std::string>>(j, "supporting_documents", {});
  const Json si = json_field_or<Json>(j, "situation", Json::object());
  x.situation.situation = json_field_or<std::string>(si, "situation", {});
  x.situation.goals = json_field_or<std::string>(si, "goals", {});
  x.situation.socio_professional_category =
      json_field_or<std::string>(si, "socio_professional_category", {});
  const Json ed = json_field_or<Json>(j, "education", Json::object());
  x.education.highest_level = json_located(
      "education", [&] { return detail::opt_int_field(ed, "highest_level", INT_MIN, INT_MAX); });
  x.education.certifications_held =
      json_field_or<std::vector<std::string>>(ed, "certifications_held", {});
  const Json xs = json_field_or<Json>(j, "experiences", Json::array());
  if (!xs.is_array())
    throw ParseError(SourceLocation{{}, 0, 0, "experiences"}, "expected an array");
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const std::string field = "experiences[" + std::to_string(i) + "]";
    try {
      RequestExperience e;
      e.experience = xs[i].get<Experience>();
      e.related = opt_field<bool>(xs[i], "related_to_certification");
      const auto h = json_field_or<std::string>(xs[i], "counted_hours", "0");
      try {
        e.hours = Rational::parse(h);
      } catch (const Error&) {
        throw ParseError(SourceLocation{{}, 0, 0, "counted_hours"}, "expected \"n\" or \"n/d\"");
      }
      x.experiences.push_back(std::move(e));
    } catch (const ParseError& e) {
      throw ParseError(
          SourceLocation{{}, 0, 0, field + (e.where().field.empty() ? "" : "." + e.where().field)},
          e.reason());
    }
  }
  r = std::move(x);
}

}  // namespace vaekit
