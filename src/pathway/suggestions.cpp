// Certification suggestions: registry certifications matching a person's jobs (ROME), ranked.
#include "vaekit/pathway/suggestions.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "counsel_detail.hpp"

namespace vaekit {
namespace {

struct MatchSets {
  std::set<std::string> exact;   // person's ROME codes the fiche lists
  std::set<std::string> parent;  // person's ROME codes sharing a v3 parent only
  void merge(const MatchSets& o) {
    exact.insert(o.exact.begin(), o.exact.end());
    parent.insert(o.parent.begin(), o.parent.end());
  }
};

struct Target {
  MatchSets match;
  std::set<std::string> via;  // closed certifications it replaces
};

std::string join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) {
    if (!out.empty()) out += ", ";
    out += x;
  }
  return out;
}

std::string quoted_title(const Certification& c) {
  return c.title.empty() ? std::string() : " « " + c.title + " »";
}

}  // namespace

std::string_view to_string(RomeMatch m) noexcept {
  return m == RomeMatch::exact ? "exact" : "shared_parent";
}

bool CertificationSuggestion::has_reason(std::string_view wanted) const noexcept {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& r) { return r.code == wanted; });
}

SuggestionResult suggest_certifications(std::span<const Experience> experiences,
                                        std::optional<int> diploma_level, const Registry& registry,
                                        Date on, const SuggestionRules& rules,
                                        const RomeCatalog* catalog, const RegimeSet& regimes) {
  if (diploma_level && (*diploma_level < 1 || *diploma_level > 8)) {
    throw InvalidArgument("diploma level must be an EU level 1-8 (got " +
                          std::to_string(*diploma_level) + ")");
  }
  if (rules.levels_below < 0 || rules.levels_above < 0) {
    throw InvalidArgument("levels_below and levels_above must be >= 0");
  }
  SuggestionResult res;
  res.on = on;
  res.diploma_level = diploma_level;
  res.rules = rules;
  const Regime& regime = regimes.on(on);
  res.regime = regime.name;
  res.minimum_hours = regime.any_related_experience ? Rational(0) : regime.minimum_hours();

  // Hours of each experience as eligibility counts them (relevance is what we are looking for,
  // so the declared flag is ignored).
  std::vector<Experience> copy(experiences.begin(), experiences.end());
  for (auto& x : copy) x.related.reset();
  const EligibilityResult counted = assess_eligibility(copy, on, regime);
  std::map<std::string, Rational> hours_by_rome;
  std::size_t without_rome = 0;
  for (std::size_t i = 0; i < copy.size(); ++i) {
    if (copy[i].rome.empty()) {
      ++without_rome;
      continue;
    }
    hours_by_rome[copy[i].rome] += counted.details[i].hours;
  }
  if (without_rome > 0) {
    res.notes.push_back({"experience_without_rome",
                         std::to_string(without_rome) +
                             " expérience(s) sans code ROME : non prise(s) en compte pour la "
                             "recherche de certifications."});
  }
  if (!diploma_level) {
    res.notes.push_back({"level_unknown",
                         "Niveau du diplôme le plus élevé non renseigné : le niveau des "
                         "certifications n'est pas filtré."});
  }

  // Certifications matching the person's ROME codes.
  std::map<std::string, MatchSets> matched;
  for (const auto& [rome, h] : hours_by_rome) {
    for (const Certification* c : registry.for_rome(rome)) matched[c->code].exact.insert(rome);
    if (catalog != nullptr && rules.use_rome_parent) {
      for (const auto& sib : catalog->siblings(rome)) {
        if (sib == rome) continue;
        for (const Certification* c : registry.for_rome(sib)) matched[c->code].parent.insert(rome);
      }
    }
  }
  for (auto& [code, m] : matched) {
    for (const auto& r : m.exact) m.parent.erase(r);
  }

  // Certifications closed on the date mapped to their successors open to VAE on the date
  // (registration_on(): the same rule as eligibility, orientation and the request).
  std::map<std::string, Target> targets;
  for (const auto& [code, m] : matched) {
    const Certification& c = registry.get(code);
    const RegistrationCheck reg = registration_on(registry, c, on);
    if (reg.open()) {
      targets[code].match.merge(m);
      continue;
    }
    const std::string why = !reg.registered ? "n'est pas enregistrée au " + on.to_string()
                                            : "n'est pas ouverte à la VAE";
    const std::string code_why = !reg.registered ? "not_active" : "not_vae_accessible";
    if (!rules.follow_replacements) {
      res.excluded.push_back({code, {code_why, code + quoted_title(c) + " " + why + "."}});
      continue;
    }
    if (reg.successors.empty()) {
      if (!registry.successors(code).empty()) {
        res.excluded.push_back(
            {code,
             {"no_active_successor", code + quoted_title(c) + " " + why +
                                         " et aucune certification qui la remplace n'est "
                                         "ouverte à la VAE au " +
                                         on.to_string() + "."}});
      } else {
        res.excluded.push_back({code, {code_why, code + quoted_title(c) + " " + why + "."}});
      }
      continue;
    }
    for (const auto& succ : reg.successors) {
      Target& t = targets[succ];
      t.match.merge(m);
      t.via.insert(code);
    }
  }

  // Filters, figures and reasons.
  struct Ranked {
    CertificationSuggestion s;
    int level_rank = 0;
  };
  std::vector<Ranked> ranked;
  for (auto& [code, t] : targets) {
    const Certification& c = registry.get(code);
    if (rules.require_registered_on_date && !c.registered_on(on)) {
      res.excluded.push_back(
          {code,
           {"not_registered",
            code + quoted_title(c) + " n'est pas enregistrée au " + on.to_string() + "."}});
      continue;
    }
    // Relevance and hours through THE relevance rule and eligibility's count, so that the
    // suggestion, eligibility and orientation agree on the same person.
    const CertificationTarget tgt =
        certification_target(registry, code, on, rules.use_rome_parent ? catalog : nullptr);
    const EligibilityResult el = assess_eligibility(copy, on, regime, &tgt);
    t.match = {};
    for (std::size_t i = 0; i < copy.size(); ++i) {
      const auto link = el.details[i].link;
      if (link == RelevanceLink::exact_rome || link == RelevanceLink::successor) {
        t.match.exact.insert(copy[i].rome);
      } else if (link == RelevanceLink::rome_parent) {
        t.match.parent.insert(copy[i].rome);
      }
    }
    for (const auto& rome : t.match.exact) t.match.parent.erase(rome);
    if (t.match.exact.empty() && t.match.parent.empty()) continue;
    Ranked r;
    CertificationSuggestion& s = r.s;
    s.code = code;
    s.title = c.title;
    s.level = c.level;
    bool in_window = true;
    if (c.level && diploma_level) {
      const int lo = *diploma_level - rules.levels_below;
      const int hi = *diploma_level + rules.levels_above;
      in_window = lo <= *c.level && *c.level <= hi;
      if (!in_window && rules.level_filter) {
        res.excluded.push_back(
            {code,
             {"level_out_of_range",
              code + quoted_title(c) + " : niveau " + std::to_string(*c.level) +
                  " hors de la plage retenue (" + std::to_string(lo) + " à " + std::to_string(hi) +
                  ") pour un diplôme de niveau " + std::to_string(*diploma_level) + "."}});
        continue;
      }
      // Closest first; at equal distance the higher level first; outside the preferred window
      // after every level inside it (a preference, not a filter: VAE has no level condition).
      const int dist = *c.level - *diploma_level;
      r.level_rank = 2 * (dist < 0 ? -dist : dist) + (dist < 0 ? 1 : 0) + (in_window ? 0 : 100);
    } else if (!c.level) {
      if (!rules.include_without_level) {
        res.excluded.push_back(
            {code,
             {"without_level", code + quoted_title(c) + " : certification sans niveau, écartée."}});
        continue;
      }
      r.level_rank = 1000;
    }
    s.hours = el.hours;
    s.match = t.match.exact.empty() ? RomeMatch::shared_parent : RomeMatch::exact;
    s.exact_rome.assign(t.match.exact.begin(), t.match.exact.end());
    s.parent_rome.assign(t.match.parent.begin(), t.match.parent.end());
    s.replaces.assign(t.via.begin(), t.via.end());
    s.enough_experience =
        regime.any_related_experience ? s.hours > Rational(0) : s.hours >= res.minimum_hours;

    if (!t.match.exact.empty()) {
      Rational h;
      for (const auto& rome : t.match.exact) h += hours_by_rome[rome];
      s.reasons.push_back({"rome_exact", "Métier(s) exercé(s) " + join(t.match.exact) + " (" +
                                             detail::hours_fr(h) + ") cité(s) par la fiche."});
    }
    if (!t.match.parent.empty()) {
      Rational h;
      for (const auto& rome : t.match.parent) h += hours_by_rome[rome];
      s.reasons.push_back({"rome_shared_parent",
                           "Métier(s) exercé(s) " + join(t.match.parent) + " (" +
                               detail::hours_fr(h) +
                               ") proche(s) d'un métier de la fiche (même code ROME v3 parent)."});
    }
    for (const auto& old : t.via) {
      const Certification* oc = registry.find(old);
      s.reasons.push_back(
          {"replaces", "Remplace " + old + (oc ? quoted_title(*oc) : std::string()) +
                           ", qui n'est plus ouverte à la VAE : proposée à sa place."});
    }
    if (c.level && diploma_level && !in_window) {
      s.reasons.push_back(
          {"level_outside_preference",
           "Niveau " + std::to_string(*c.level) + " hors de la plage préférée (" +
               std::to_string(*diploma_level - rules.levels_below) + " à " +
               std::to_string(*diploma_level + rules.levels_above) +
               ") pour un diplôme de niveau " + std::to_string(*diploma_level) +
               " : proposée après les autres (la VAE n'a pas de condition de niveau)."});
    } else if (c.level && diploma_level) {
      s.reasons.push_back(
          {"level_in_range", "Niveau " + std::to_string(*c.level) + " dans la plage retenue (" +
                                 std::to_string(*diploma_level - rules.levels_below) + " à " +
                                 std::to_string(*diploma_level + rules.levels_above) +
                                 ") pour un diplôme de niveau " + std::to_string(*diploma_level) +
                                 "."});
    } else if (!c.level) {
      s.reasons.push_back(
          {"without_level",
           "Certification sans niveau (répertoire spécifique ou « sans niveau »)."});
    }
    if (regime.any_related_experience) {
      s.reasons.push_back(
          s.enough_experience
              ? Reason{"experience_sufficient", detail::hours_fr(s.hours) +
                                                    " d'expérience en rapport ; toute expérience "
                                                    "en rapport suffit (régime " +
                                                    regime.name + ")."}
              : Reason{
                    "experience_insufficient",
                    "Aucune heure d'expérience en rapport comptée (régime " + regime.name + ")."});
    } else {
      const std::string fig =
          detail::hours_fr(s.hours) + " d'expérience en rapport pour un minimum de " +
          detail::hours_fr(res.minimum_hours) + " (régime " + regime.name + ").";
      s.reasons.push_back(s.enough_experience
                              ? Reason{"experience_sufficient", "Durée suffisante : " + fig}
                              : Reason{"experience_insufficient", "Durée insuffisante : " + fig});
    }
    ranked.push_back(std::move(r));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    const auto ka = std::make_tuple(static_cast<int>(a.s.match), a.level_rank);
    const auto kb = std::make_tuple(static_cast<int>(b.s.match), b.level_rank);
    if (ka != kb) return ka < kb;
    if (a.s.hours != b.s.hours) return b.s.hours < a.s.hours;
    return a.s.code < b.s.code;
  });
  if (rules.limit != 0 && ranked.size() > rules.limit) ranked.resize(rules.limit);
  res.suggestions.reserve(ranked.size());
  for (auto& r : ranked) res.suggestions.push_back(std::move(r.s));
  std::sort(
      res.excluded.begin(), res.excluded.end(),
      [](const SuggestionExclusion& a, const SuggestionExclusion& b) { return a.code < b.code; });
  return res;
}

void to_json(Json& j, const SuggestionRules& r) {
  j = Json::object();
  j["levels_below"] = r.levels_below;
  j["levels_above"] = r.levels_above;
  j["include_without_level"] = r.include_without_level;
  j["follow_replacements"] = r.follow_replacements;
  j["use_rome_parent"] = r.use_rome_parent;
  j["require_registered_on_date"] = r.require_registered_on_date;
  j["level_filter"] = r.level_filter;
  j["limit"] = r.limit;
}

void from_json(const Json& j, SuggestionRules& r) {
  detail::require_object(j);
  SuggestionRules x;
  x.levels_below = static_cast<int>(detail::int_field(j, "levels_below", 0, 7, x.levels_below));
  x.levels_above = static_cast<int>(detail::int_field(j, "levels_above", 0, 7, x.levels_above));
  x.include_without_level =
      json_field_or<bool>(j, "include_without_level", x.include_without_level);
  x.follow_replacements = json_field_or<bool>(j, "follow_replacements", x.follow_replacements);
  x.use_rome_parent = json_field_or<bool>(j, "use_rome_parent", x.use_rome_parent);
  x.require_registered_on_date =
      json_field_or<bool>(j, "require_registered_on_date", x.require_registered_on_date);
  x.level_filter = json_field_or<bool>(j, "level_filter", x.level_filter);
  x.limit = static_cast<std::size_t>(
      detail::int_field(j, "limit", 0, INT64_MAX, static_cast<std::int64_t>(x.limit)));
  r = x;
}

namespace {

std::optional<int> level_field(const Json& j, std::string_view key) {
  return detail::opt_int_field(j, key, 1, 8);
}

Json level_json(const std::optional<int>& level) {
  return level ? Json(*level) : Json();
}

}  // namespace

void to_json(Json& j, const CertificationSuggestion& s) {
  j = Json::object();
  j["code"] = s.code;
  j["title"] = s.title;
  j["level"] = level_json(s.level);
  j["match"] = std::string(to_string(s.match));
  j["exact_rome"] = s.exact_rome;
  j["parent_rome"] = s.parent_rome;
  j["hours"] = s.hours.to_string();
  j["enough_experience"] = s.enough_experience;
  j["replaces"] = s.replaces;
  j["reasons"] = s.reasons;
}

void from_json(const Json& j, CertificationSuggestion& s) {
  detail::require_object(j);
  CertificationSuggestion x;
  x.code = json_field<std::string>(j, "code");
  if (x.code.empty()) detail::bad_field("code", "empty certification code");
  x.title = json_field_or<std::string>(j, "title", {});
  x.level = level_field(j, "level");
  const auto match = json_field<std::string>(j, "match");
  if (match == "exact") {
    x.match = RomeMatch::exact;
  } else if (match == "shared_parent") {
    x.match = RomeMatch::shared_parent;
  } else {
    detail::bad_field("match", "expected \"exact\" or \"shared_parent\"");
  }
  x.exact_rome = detail::strings_field(j, "exact_rome");
  x.parent_rome = detail::strings_field(j, "parent_rome");
  if (x.match == RomeMatch::exact && x.exact_rome.empty()) {
    detail::bad_field("exact_rome", "an exact match lists at least one ROME code");
  }
  if (x.match == RomeMatch::shared_parent && !x.exact_rome.empty()) {
    detail::bad_field("exact_rome", "a shared_parent match lists no exact ROME code");
  }
  x.hours = detail::hours_field(j, "hours");
  x.enough_experience = json_field<bool>(j, "enough_experience");
  x.replaces = detail::strings_field(j, "replaces");
  x.reasons = json_array_field<Reason>(j, "reasons", false);
  s = std::move(x);
}

void to_json(Json& j, const SuggestionExclusion& e) {
  j = Json::object();
  j["code"] = e.code;
  j["reason"] = e.reason;
}

void from_json(const Json& j, SuggestionExclusion& e) {
  detail::require_object(j);
  SuggestionExclusion x;
  x.code = json_field<std::string>(j, "code");
  if (x.code.empty()) detail::bad_field("code", "empty certification code");
  const Json reason = json_field<Json>(j, "reason");
  x.reason = json_located("reason", [&] {
    Reason r;
    from_json(reason, r);
    return r;
  });
  e = std::move(x);
}

void to_json(Json& j, const SuggestionResult& r) {
  j = Json::object();
  j["on"] = r.on;
  j["diploma_level"] = level_json(r.diploma_level);
  j["rules"] = r.rules;
  j["regime"] = r.regime;
  j["minimum_hours"] = r.minimum_hours.to_string();
  j["suggestions"] = r.suggestions;
  j["excluded"] = r.excluded;
  j["notes"] = r.notes;
}

void from_json(const Json& j, SuggestionResult& r) {
  detail::require_object(j);
  SuggestionResult x;
  x.on = json_field<Date>(j, "on");
  x.diploma_level = level_field(j, "diploma_level");
  x.rules = json_located("rules", [&] {
    SuggestionRules rules;
    const auto it = j.find("rules");
    if (it != j.end() && !it->is_null()) from_json(*it, rules);
    return rules;
  });
  x.regime = json_field<std::string>(j, "regime");
  x.minimum_hours = detail::hours_field(j, "minimum_hours");
  x.suggestions = json_array_field<CertificationSuggestion>(j, "suggestions", true);
  if (x.rules.limit != 0 && x.suggestions.size() > x.rules.limit) {
    detail::bad_field("suggestions", "more suggestions than rules.limit");
  }
  x.excluded = json_array_field<SuggestionExclusion>(j, "excluded", false);
  x.notes = json_array_field<Reason>(j, "notes", false);
  r = std::move(x);
}

}  // namespace vaekit
