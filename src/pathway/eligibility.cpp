// Eligibility to VAE: exact hour counting under the regime of a date.
#include "vaekit/pathway/eligibility.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "counsel_detail.hpp"
#include "vaekit/core/names.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/rome.hpp"

namespace vaekit {
namespace {

std::string fmt_hours(Rational h) {
  // Hours shown to the hundredth, rounded down (the exact value is in the result).
  const Rational c = h * Rational(100);
  const std::int64_t v = c.floor();
  std::string out = std::to_string(v / 100);
  const auto cents = v % 100;
  if (cents != 0) out += "," + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
  return out + " h";
}

std::string kind_fr(ActivityKind k) {
  switch (k) {
    case ActivityKind::salaried: return "activité salariée";
    case ActivityKind::self_employed: return "activité non salariée";
    case ActivityKind::volunteer: return "bénévolat";
    case ActivityKind::elected: return "mandat électif";
    case ActivityKind::trade_union: return "responsabilité syndicale";
    case ActivityKind::athlete: return "sport de haut niveau";
    case ActivityKind::training: return "période de formation en milieu professionnel";
    case ActivityKind::caregiver: return "activité de proche aidant";
  }
  return "?";
}

std::string exp_no(std::size_t i) {
  return "Expérience " + std::to_string(i + 1);
}

// Impossible inputs are errors (issue 12): no period nor hours, negative hours, weekly hours <= 0
// or above the legal weekly maximum (48 h, Code du travail L3121-20). A period ending before it
// starts cannot be built (DateRange throws).
void validate_experience(const Experience& x, std::size_t i, const Regime& regime) {
  if (!x.period && !x.hours) {
    throw InvalidArgument("experience " + std::to_string(i) +
                          ": give a period or a total of hours");
  }
  if (x.hours && *x.hours < Rational(0)) {
    throw InvalidArgument("experience " + std::to_string(i) + ": negative hours");
  }
  if (x.hours_per_week <= Rational(0) || x.hours_per_week > Rational(regime.max_hours_per_week)) {
    throw InvalidArgument("experience " + std::to_string(i) +
                          ": hours per week must be within (0, " +
                          std::to_string(regime.max_hours_per_week) +
                          "] (legal weekly maximum, Code du travail L3121-20)");
  }
}

bool listed(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

constexpr std::array<std::string_view, 8> kLinkNames{
    "declared",    "exact_rome",         "rome_parent", "successor",
    "not_checked", "declared_unrelated", "no_rome",     "unrelated"};

}  // namespace

std::string_view to_string(RelevanceLink l) noexcept {
  return kLinkNames[static_cast<std::size_t>(l)];
}

RelevanceLink relevance_link_from_string(std::string_view name) {
  return parse_name<RelevanceLink>(kLinkNames, name, "relevance link");
}
std::optional<RelevanceLink> try_relevance_link_from_string(std::string_view name) noexcept {
  return find_name<RelevanceLink>(kLinkNames, name);
}

Relevance relevance(const Experience& x, const CertificationTarget* target, std::size_t index) {
  Relevance r;
  const std::string who = exp_no(index);
  auto set = [&](bool related, RelevanceLink link, std::string via, std::string text) {
    r.related = related;
    r.link = link;
    r.via = std::move(via);
    r.reason = {related ? "related_" + std::string(to_string(link)) : std::string(to_string(link)),
                who + " : " + std::move(text)};
    return r;
  };
  if (x.related) {
    return *x.related ? set(true, RelevanceLink::declared, {},
                            "déclarée en rapport avec la certification par le conseiller.")
                      : set(false, RelevanceLink::declared_unrelated, {},
                            "sans rapport direct avec la certification visée (déclaré).");
  }
  if (target == nullptr) {
    return set(true, RelevanceLink::not_checked, {},
               "aucune certification visée, rapport non vérifié.");
  }
  if (x.rome.empty()) {
    return set(false, RelevanceLink::no_rome, {},
               "sans code ROME, rapport avec la certification non établi.");
  }
  if (listed(target->rome_codes, x.rome)) {
    return set(true, RelevanceLink::exact_rome, x.rome,
               "métier " + x.rome + " cité par la fiche " + target->code + ".");
  }
  for (const auto& inh : target->inherited) {
    if (listed(inh.rome_codes, x.rome)) {
      return set(
          true, RelevanceLink::successor, inh.from,
          "métier " + x.rome + " cité par " + inh.from + ", que " + target->code + " remplace.");
    }
  }
  if (listed(target->parent_rome_codes, x.rome)) {
    return set(true, RelevanceLink::rome_parent, x.rome,
               "métier " + x.rome + " proche d'un métier de la fiche " + target->code +
                   " (même code ROME v3 parent).");
  }
  return set(false, RelevanceLink::unrelated, {},
             "sans rapport direct avec la certification visée.");
}

namespace {

// The first day of registration: the effect date, else the decision date, else the last
// Journal officiel date; a decision taken after the effect date also opens it (the export's
// decision dates).
std::optional<Date> registration_start(const Certification& c) {
  std::optional<Date> start = c.effect_date     ? c.effect_date
                              : c.decision_date ? c.decision_date
                                                : c.last_official_journal;
  if (start && c.decision_date && *start < *c.decision_date) start = c.decision_date;
  return start;
}

bool registered_on_date(const Certification& c, Date on) {
  const auto start = registration_start(c);
  if (start && on < *start) return false;
  if (c.registration_end && *c.registration_end < on) return false;
  // An inactive fiche of the snapshot was registered only up to a known end of registration.
  return c.active || c.registration_end.has_value();
}

}  // namespace

RegistrationCheck registration_on(const Registry& registry, const Certification& cert, Date on) {
  RegistrationCheck r;
  r.on = on;
  r.registered = registered_on_date(cert, on);
  r.vae_open = cert.vae_accessible();
  if (!r.registered) {
    const auto start = registration_start(cert);
    if (start && on < *start) {
      r.reasons.push_back({"not_yet_registered", cert.code + " n'est enregistrée qu'à partir du " +
                                                     start->to_string() + " (demande au " +
                                                     on.to_string() + ")."});
    } else if (cert.registration_end) {
      r.reasons.push_back({"registration_ended", cert.code + " n'est plus enregistrée depuis le " +
                                                     cert.registration_end->to_string() + "."});
    } else {
      r.reasons.push_back({"registration_ended", cert.code + " n'est plus active."});
    }
  }
  if (!r.vae_open) {
    r.reasons.push_back(
        {"not_vae_accessible", cert.code + " n'est pas accessible par la VAE (voie d'accès)."});
  }
  if (r.open()) return r;
  for (const auto& s : registry.successors(cert.code)) {
    const Certification* sc = registry.find(s);
    if (sc != nullptr && registered_on_date(*sc, on) && sc->vae_accessible()) {
      r.successors.push_back(s);
    }
  }
  if (!r.successors.empty()) {
    std::string names;
    for (const auto& s : r.successors) names += (names.empty() ? "" : ", ") + s;
    r.reasons.push_back(
        {"successor_offered", "Certification qui la remplace, ouverte à la VAE au " +
                                  on.to_string() + " : " + names + "."});
  } else if (!registry.successors(cert.code).empty()) {
    r.reasons.push_back(
        {"no_open_successor",
         "Aucune certification qui la remplace n'est ouverte à la VAE au " + on.to_string() + "."});
  }
  return r;
}

CertificationTarget certification_target(const Registry& registry, std::string_view code, Date on,
                                         const RomeCatalog* catalog) {
  const Certification& cert = registry.get(code);
  CertificationTarget t;
  t.code = cert.code;
  t.rome_codes = cert.rome_codes();
  auto kin = [&](const std::vector<std::string>& own) {
    std::set<std::string> out;
    if (catalog == nullptr) return out;
    for (const auto& r : own) {
      for (auto& s : catalog->siblings(r)) {
        if (!listed(own, s)) out.insert(std::move(s));
      }
    }
    return out;
  };
  const auto parents = kin(t.rome_codes);
  t.parent_rome_codes.assign(parents.begin(), parents.end());
  for (const auto& old : registry.predecessors(cert.code)) {
    const Certification* oc = registry.find(old);
    if (oc == nullptr) continue;
    // The exact codes only: a successor inherits its predecessors' exact matches.
    InheritedRome inh{old, oc->rome_codes()};
    if (!inh.rome_codes.empty()) t.inherited.push_back(std::move(inh));
  }
  t.registration = registration_on(registry, cert, on);
  return t;
}

namespace {}  // namespace

bool EligibilityResult::has_reason(std::string_view code) const noexcept {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& r) { return r.code == code; });
}

EligibilityResult assess_eligibility(std::span<const Experience> experiences, Date on,
                                     const RegimeSet& regimes, const CertificationTarget* target) {
  return assess_eligibility(experiences, on, regimes.on(on), target);
}

EligibilityResult assess_eligibility(std::span<const Experience> experiences, Date on,
                                     const Regime& regime, const CertificationTarget* target) {
  EligibilityResult res;
  res.regime = regime.name;
  res.on = on;
  res.minimum_hours = regime.minimum_hours();
  const Rational per_day(regime.hours_per_year, regime.days_per_year);
  const Rational weekly_max(regime.max_hours_per_week);
  Rational other_hours, training_hours;
  std::vector<DateRange> counted_periods;
  bool clipped = false, future = false;

  // Pass 1: validation, relevance, the part up to the date and its hours before the weekly cap.
  std::vector<Rational> hours(experiences.size());
  std::vector<std::optional<DateRange>> parts(experiences.size());
  for (std::size_t i = 0; i < experiences.size(); ++i) {
    const Experience& x = experiences[i];
    validate_experience(x, i, regime);
    ExperienceCount c;
    c.index = i;
    c.kind_counts = regime.counts(x.kind);
    const Relevance rel = relevance(x, target, i);
    c.related = rel.related;
    c.link = rel.link;
    if (x.period) {
      if (x.period->first() > on) {
        future = true;
      } else if (x.period->last() > on) {
        clipped = true;
        parts[i] = DateRange(x.period->first(), on);
      } else {
        parts[i] = x.period;
      }
      if (parts[i]) {
        c.days = parts[i]->length_days();
        if (x.hours) {
          hours[i] = *x.hours * Rational(parts[i]->length_days(), x.period->length_days());
        } else {
          hours[i] = Rational(parts[i]->length_days()) * per_day *
                     (x.hours_per_week / regime.full_time_hours_per_week);
        }
      }
    } else {
      hours[i] = *x.hours;
    }
    if (!c.kind_counts) {
      res.reasons.push_back(
          {"kind_not_counted", "Expérience " + std::to_string(i + 1) + " : " + kind_fr(x.kind) +
                                   " non prise en compte sous le régime " + regime.name + "."});
    } else if (!c.related) {
      res.reasons.push_back({"not_related", rel.reason.message});
    } else if (target != nullptr) {
      res.reasons.push_back(rel.reason);
    }
    res.details.push_back(c);
  }

  // Pass 2: the same experience entered twice counts once (reported).
  for (std::size_t i = 0; i < experiences.size(); ++i) {
    if (!experiences[i].period) continue;
    for (std::size_t k = 0; k < i; ++k) {
      const Experience& a = experiences[k];
      const Experience& b = experiences[i];
      if (a.kind == b.kind && a.period == b.period && a.hours == b.hours &&
          a.hours_per_week == b.hours_per_week && a.rome == b.rome && !res.details[k].duplicate) {
        res.details[i].duplicate = true;
        res.reasons.push_back(
            {"duplicate_experience", "Expérience " + std::to_string(i + 1) +
                                         " : même période et même activité que l'expérience " +
                                         std::to_string(k + 1) + ", comptée une seule fois."});
        break;
      }
    }
  }

  // Pass 3: concurrent activities count at most the weekly maximum (Code du travail L3121-20).
  std::vector<std::size_t> dated;
  for (std::size_t i = 0; i < experiences.size(); ++i) {
    const ExperienceCount& c = res.details[i];
    if (c.kind_counts && c.related && !c.duplicate && parts[i] && hours[i] > Rational(0)) {
      dated.push_back(i);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> overlaps;
  for (std::size_t a = 0; a < dated.size(); ++a) {
    for (std::size_t b = a + 1; b < dated.size(); ++b) {
      if (parts[dated[a]]->overlaps(*parts[dated[b]])) overlaps.emplace_back(dated[a], dated[b]);
    }
  }
  if (!overlaps.empty()) {
    std::string pairs;
    for (const auto& [a, b] : overlaps) {
      pairs += (pairs.empty() ? "" : ", ") + std::to_string(a + 1) + " et " + std::to_string(b + 1);
    }
    res.reasons.push_back(
        {"overlapping_periods", "Périodes qui se chevauchent (expériences " + pairs +
                                    ") : activités simultanées comptées au plus " +
                                    std::to_string(regime.max_hours_per_week) +
                                    " h par semaine (Code du travail L3121-20)."});
    std::vector<Date> cuts;
    for (std::size_t i : dated) {
      cuts.push_back(parts[i]->first());
      cuts.push_back(parts[i]->last() + 1);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<Rational> capped(experiences.size());
    // Counted hours per day, and the weekly hours worked (declared, or a total spread evenly).
    std::vector<Rational> rate(experiences.size());
    std::vector<Rational> weekly_of(experiences.size());
    for (std::size_t i : dated) {
      const Experience& x = experiences[i];
      rate[i] = hours[i] / Rational(parts[i]->length_days());
      weekly_of[i] =
          x.hours ? *x.hours * Rational(7) / Rational(x.period->length_days()) : x.hours_per_week;
    }
    Rational before, after;
    for (std::size_t s = 0; s + 1 < cuts.size(); ++s) {
      const Date from = cuts[s];
      const Rational len(cuts[s + 1] - from);
      Rational weekly;
      for (std::size_t i : dated) {
        if (parts[i]->contains(from)) weekly += weekly_of[i];
      }
      const Rational scale = weekly > weekly_max ? weekly_max / weekly : Rational(1);
      for (std::size_t i : dated) {
        if (!parts[i]->contains(from)) continue;
        capped[i] += rate[i] * len * scale;
      }
    }
    for (std::size_t i : dated) {
      before += hours[i];
      after += capped[i];
      hours[i] = capped[i];
    }
    if (after < before) {
      res.reasons.push_back({"weekly_maximum_capped",
                             "Activités simultanées plafonnées à " +
                                 std::to_string(regime.max_hours_per_week) +
                                 " h par semaine (Code du travail L3121-20) : " + fmt_hours(after) +
                                 " retenues sur " + fmt_hours(before) + "."});
    }
  }

  for (std::size_t i = 0; i < experiences.size(); ++i) {
    ExperienceCount& c = res.details[i];
    if (!c.kind_counts || !c.related || c.duplicate) continue;
    c.hours = hours[i];
    if (experiences[i].kind == ActivityKind::training) {
      training_hours += hours[i];
    } else {
      other_hours += hours[i];
    }
    if (parts[i] && hours[i] > Rational(0)) counted_periods.push_back(*parts[i]);
  }

  res.training_hours = training_hours;
  res.training_counted =
      regime.training == TrainingRule::capped ? min(training_hours, other_hours) : Rational(0);
  if (training_hours > res.training_counted) {
    res.reasons.push_back({"training_capped",
                           "Périodes de formation plafonnées : " + fmt_hours(res.training_counted) +
                               " retenues sur " + fmt_hours(training_hours) +
                               " (au plus autant que les autres activités)."});
  }
  res.hours = other_hours + res.training_counted;
  res.days = covered_days(counted_periods);
  if (clipped) {
    res.reasons.push_back({"future_period_clipped", "Seule la partie des périodes antérieure au " +
                                                        on.to_string() + " est comptée."});
  }
  if (future) {
    res.reasons.push_back(
        {"future_experience_ignored",
         "Les expériences commençant après le " + on.to_string() + " ne sont pas comptées."});
  }
  if (target == nullptr && std::any_of(experiences.begin(), experiences.end(),
                                       [](const Experience& x) { return !x.related; })) {
    res.reasons.push_back({"relevance_not_checked",
                           "Aucune certification visée : le rapport des expériences avec la "
                           "certification n'est pas vérifié."});
  }
  if (regime.any_related_experience) {
    res.eligible = res.hours > Rational(0);
    if (res.eligible) {
      res.reasons.push_back(
          {"related_experience",
           "Expérience en rapport avec la certification : " + fmt_hours(res.hours) +
               " comptées ; toute expérience suffit (régime " + regime.name + ")."});
    } else {
      res.reasons.push_back(
          {"no_related_experience",
           "Aucune expérience en rapport avec la certification n'est comptée (régime " +
               regime.name + ")."});
    }
  } else {
    res.eligible = res.hours >= res.minimum_hours;
    const std::string msg = fmt_hours(res.hours) + " comptées pour un minimum de " +
                            fmt_hours(res.minimum_hours) + " (" + res.minimum_hours.to_string() +
                            " h, régime " + regime.name + ").";
    if (res.eligible) {
      res.reasons.push_back({"minimum_met", "Durée d'expérience suffisante : " + msg});
    } else {
      res.reasons.push_back({"minimum_not_met", "Durée d'expérience insuffisante : " + msg});
    }
  }
  return res;
}

void to_json(Json& j, const Experience& e) {
  j = Json::object();
  j["kind"] = std::string(to_string(e.kind));
  if (e.period) j["period"] = *e.period;
  if (e.hours) j["hours"] = e.hours->to_string();
  j["hours_per_week"] = e.hours_per_week.to_string();
  if (!e.rome.empty()) j["rome"] = e.rome;
  if (e.related) j["related"] = *e.related;
  if (!e.text.empty()) j["text"] = e.text;
  if (!e.employer.empty()) j["employer"] = e.employer;
  if (!e.job_title.empty()) j["job_title"] = e.job_title;
}

void from_json(const Json& j, Experience& e) {
  Experience x;
  try {
    x.kind = activity_kind_from_string(json_field<std::string>(j, "kind"));
  } catch (const InvalidArgument& ia) {
    throw ParseError(SourceLocation{{}, 0, 0, "kind"}, ia.what());
  }
  if (j.contains("period") && !j.at("period").is_null())
    x.period = json_field<DateRange>(j, "period");
  auto rational = [&](const char* key) -> std::optional<Rational> {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    try {
      if (it->is_number_integer()) return Rational(it->get<std::int64_t>());
      if (it->is_number()) return Rational::from_decimal(it->get<double>());
      if (it->is_string()) return Rational::parse(it->get<std::string>());
    } catch (const Error& err) {
      throw ParseError(SourceLocation{{}, 0, 0, key}, err.what());
    }
    throw ParseError(SourceLocation{{}, 0, 0, key}, "expected a number or a fraction string");
  };
  x.hours = rational("hours");
  if (auto h = rational("hours_per_week")) x.hours_per_week = *h;
  if (!x.period && !x.hours)
    throw ParseError(SourceLocation{{}, 0, 0, "period"}, "give a period or hours");
  x.rome = json_field_or<std::string>(j, "rome", {});
  x.employer = json_field_or<std::string>(j, "employer", {});
  x.job_title = json_field_or<std::string>(j, "job_title", {});
  if (j.contains("related") && !j.at("related").is_null())
    x.related = json_field<bool>(j, "related");
  x.text = json_field_or<std::string>(j, "text", {});
  e = std::move(x);
}

void to_json(Json& j, const Reason& r) {
  j = Json::object();
  j["code"] = r.code;
  j["message"] = r.message;
}

void from_json(const Json& j, Reason& r) {
  detail::require_object(j);
  Reason x;
  x.code = json_field<std::string>(j, "code");
  if (x.code.empty()) detail::bad_field("code", "empty reason code");
  x.message = json_field_or<std::string>(j, "message", {});
  r = std::move(x);
}

void to_json(Json& j, const ExperienceCount& c) {
  j = Json::object();
  j["index"] = c.index;
  j["related"] = c.related;
  j["kind_counts"] = c.kind_counts;
  j["hours"] = c.hours.to_string();
  j["days"] = c.days;
  j["link"] = std::string(to_string(c.link));
  if (c.duplicate) j["duplicate"] = true;
}

void from_json(const Json& j, ExperienceCount& c) {
  detail::require_object(j);
  ExperienceCount x;
  x.index = static_cast<std::size_t>(detail::int_field(j, "index", 0, INT64_MAX, std::nullopt));
  x.related = json_field<bool>(j, "related");
  x.kind_counts = json_field<bool>(j, "kind_counts");
  x.hours = detail::hours_field(j, "hours");
  x.days = detail::int_field(j, "days", 0, INT64_MAX, 0);
  if (const auto it = j.find("link"); it != j.end() && !it->is_null()) {
    x.link = json_located("link", [&] {
      try {
        return relevance_link_from_string(json_field<std::string>(j, "link"));
      } catch (const InvalidArgument&) {
        detail::bad_field("", "unknown relevance link");
      }
    });
  }
  x.duplicate = json_field_or<bool>(j, "duplicate", false);
  c = x;
}

void to_json(Json& j, const EligibilityResult& r) {
  j = Json::object();
  j["eligible"] = r.eligible;
  j["regime"] = r.regime;
  j["on"] = r.on;
  j["hours"] = r.hours.to_string();
  j["minimum_hours"] = r.minimum_hours.to_string();
  j["days"] = r.days;
  j["training_hours"] = r.training_hours.to_string();
  j["training_counted"] = r.training_counted.to_string();
  j["details"] = r.details;
  j["reasons"] = r.reasons;
}

void from_json(const Json& j, EligibilityResult& r) {
  detail::require_object(j);
  EligibilityResult x;
  x.eligible = json_field<bool>(j, "eligible");
  x.regime = json_field<std::string>(j, "regime");
  x.on = json_field<Date>(j, "on");
  x.hours = detail::hours_field(j, "hours");
  x.minimum_hours = detail::hours_field(j, "minimum_hours");
  x.days = detail::int_field(j, "days", 0, INT64_MAX, 0);
  x.training_hours = detail::hours_field(j, "training_hours");
  x.training_counted = detail::hours_field(j, "training_counted");
  if (x.training_hours < x.training_counted) {
    detail::bad_field("training_counted", "more than training_hours");
  }
  x.details = json_array_field<ExperienceCount>(j, "details", false);
  for (std::size_t i = 0; i < x.details.size(); ++i) {
    if (x.details[i].index != i) {
      detail::bad_field("details[" + std::to_string(i) + "].index", "expected the position");
    }
  }
  x.reasons = json_array_field<Reason>(j, "reasons", false);
  r = std::move(x);
}

}  // namespace vaekit
