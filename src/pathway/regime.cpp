// The built-in regimes of VAE by period, user-defined regimes from JSON.
#include "vaekit/pathway/regime.hpp"

#include <algorithm>
#include <array>

#include "vaekit/core/names.hpp"
#include "vaekit/core/year_month.hpp"

namespace vaekit {
namespace {

constexpr std::array<std::string_view, activity_kind_count> kKindNames = {
    "salaried", "self_employed", "volunteer", "elected",
    "union",    "athlete",       "training",  "caregiver"};

// Sources shared by every period (domain.md §3).
void common_sources(Regime& r) {
  r.sources["hours_per_year"] =
      "1 607 h: durée légale annuelle du travail à temps plein (service-public.fr F2401)";
  r.sources["days_per_year"] =
      "vaekit counting convention: 1 607 h per 365 calendar days, pro rata per day";
  r.sources["full_time_hours_per_week"] =
      "35 h: durée légale hebdomadaire (Code du travail L3121-27)";
  r.sources["max_hours_per_week"] =
      "48 h: durée maximale hebdomadaire absolue (Code du travail L3121-20); concurrent "
      "activities count at most this much a week";
  r.sources["silence_acceptance_from"] =
      "loi 2013-1005 du 12 novembre 2013: le silence gardé vaut acceptation, from 12 Nov 2014";
  r.sources["decision_deadline_months"] =
      "2 mois pour statuer sur une demande complète (Code de l'éducation R335-7)";
  r.sources["requests_per_certification_per_year"] =
      "une seule demande par diplôme par année civile (Code de l'éducation R335-7)";
  r.sources["certifications_per_year"] =
      "trois demandes au plus de certifications différentes par année civile (Code de l'éducation "
      "R335-7)";
  r.inactivity_rule_from = Date(2025, 8, 1);
  r.sources["inactivity_rule_from"] =
      "France VAE inactivity rule, in force since August 2025 (domain.md §3; day taken as 1 Aug "
      "2025, configurable): no case is inactive before it, and a case idle since earlier counts "
      "its delay from that day";
  r.sources["inactive_days_before_admissibility"] =
      "France VAE inactivity rule (since Aug 2025): 60 days before admissibility; vaekit default "
      "for all periods";
  r.sources["inactive_days_after_admissibility"] =
      "France VAE inactivity rule (since Aug 2025): 165 days after admissibility";
  r.sources["inactivity_confirmation_days"] =
      "France VAE: confirmed inactive (archived or dropped out) 180 days later";
  r.sources["leave_hours"] = "congé VAE: 24 h par session (Code du travail L6422-2)";
}

std::vector<Regime> make_builtin() {
  std::vector<Regime> out;
  {
    Regime r;
    r.name = "vae-2002";
    r.title = "Loi de modernisation sociale: trois ans d'expérience";
    r.effective_from = Date(2002, 1, 17);
    r.effective_until = Date(2017, 9, 30);
    r.minimum_years = 3;
    r.counted_kinds = {ActivityKind::salaried, ActivityKind::self_employed, ActivityKind::volunteer,
                       ActivityKind::elected, ActivityKind::trade_union};
    r.training = TrainingRule::not_counted;
    common_sources(r);
    r.sources["effective_from"] = "loi 2002-73 du 17 janvier 2002 de modernisation sociale";
    r.sources["minimum_years"] =
        "3 ans d'expérience en rapport avec la certification (loi 2002-73)";
    r.sources["counted_kinds"] =
        "activités salariées, non salariées, bénévoles, électives, syndicales (loi 2002-73)";
    r.sources["training"] =
        "périodes de formation initiale ou continue non prises en compte (loi 2002-73)";
    out.push_back(std::move(r));
  }
  {
    Regime r;
    r.name = "vae-2017";
    r.title = "Loi travail: un an d'expérience, continue ou non";
    r.effective_from = Date(2017, 10, 1);
    r.effective_until = Date(2023, 12, 31);
    r.minimum_years = 1;
    r.counted_kinds = {ActivityKind::salaried, ActivityKind::self_employed, ActivityKind::volunteer,
                       ActivityKind::elected,  ActivityKind::trade_union,   ActivityKind::athlete,
                       ActivityKind::training};
    r.training = TrainingRule::capped;
    common_sources(r);
    r.sources["effective_from"] = "décret 2017-1135 du 4 juillet 2017, in force 1 Oct 2017";
    r.sources["minimum_years"] = "1 an, continu ou non (loi 2016-1088 art. 78, décret 2017-1135)";
    r.sources["counted_kinds"] =
        "les mêmes, plus sportifs de haut niveau et périodes de formation en milieu professionnel "
        "(loi 2016-1088)";
    r.sources["training"] =
        "périodes de formation comptées, moins de la moitié de la durée totale (décret 2017-1135)";
    out.push_back(std::move(r));
  }
  {
    Regime r;
    r.name = "vae-2024";
    r.title = "Réforme de la VAE: toute expérience en rapport avec la certification";
    r.effective_from = Date(2024, 1, 1);
    r.minimum_years = 0;
    r.any_related_experience = true;
    r.counted_kinds = {ActivityKind::salaried, ActivityKind::self_employed, ActivityKind::volunteer,
                       ActivityKind::elected,  ActivityKind::trade_union,   ActivityKind::athlete,
                       ActivityKind::training, ActivityKind::caregiver};
    r.training = TrainingRule::capped;
    r.start_deadline_months = 6;
    r.jury_min_members = 2;
    r.leave_hours_extended = 48;
    r.leave_hours_extended_from = Date(2024, 4, 13);
    r.france_vae_from = Date(2024, 1, 1);
    common_sources(r);
    r.sources["france_vae_from"] =
        "service public France VAE, décret 2023-1275 (en vigueur le 1er janvier 2024); the "
        "platform opened earlier in some regions (uncertain: configurable)";
    r.sources["lapse_days"] =
        "caducité de la recevabilité sans actualisation: 183 jours (France VAE, "
        "CADUCITE_THRESHOLD_DAYS in SocialGouv/reva "
        "packages/reva-api/modules/shared/candidacy/candidacyCaducite.ts)";
    r.sources["effective_from"] =
        "loi 2022-1598 du 21 décembre 2022, décret 2023-1275 du 27 décembre 2023";
    r.sources["minimum_years"] = "plus de durée minimale (loi 2022-1598)";
    r.sources["ongoing_pathways_from"] =
        "décret 2023-1275 (en vigueur le 1er janvier 2024): read as governing the pathways "
        "started from that day; pathways started before keep their regime (uncertain: set this "
        "date to apply the new rules to them too)";
    r.sources["any_related_experience"] =
        "toute expérience en rapport direct avec la certification (loi 2022-1598)";
    r.sources["counted_kinds"] =
        "toutes activités, y compris proches aidants et périodes de formation (décret 2023-1275)";
    r.sources["training"] = "uncertain: the cap of 2017 kept as vaekit's default";
    r.sources["start_deadline_months"] =
        "parcours engagé dans les 6 mois de la notification de recevabilité (décret 2023-1275)";
    r.sources["jury_min_members"] =
        "jury d'au moins deux membres pour les parcours relevant de la réforme (décret 2023-1275, "
        "issue 12; article not checked: configurable), its composition recorded on jury_held";
    r.sources["leave_hours_extended"] =
        "congé VAE porté à 48 h pour les parcours engagés à partir du 13 avril 2024";
    out.push_back(std::move(r));
  }
  return out;
}

const std::vector<Regime>& builtin_regimes() {
  static const std::vector<Regime> regimes = make_builtin();
  return regimes;
}

[[noreturn]] void bad(const std::string& field, const std::string& why) {
  throw ParseError(SourceLocation{{}, 0, 0, field}, why);
}

}  // namespace

std::string_view to_string(ActivityKind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : std::string_view("?");
}

ActivityKind activity_kind_from_string(std::string_view name) {
  return parse_name<ActivityKind>(kKindNames, name, "activity kind");
}
std::optional<ActivityKind> try_activity_kind_from_string(std::string_view name) noexcept {
  return find_name<ActivityKind>(kKindNames, name);
}

Date add_months(Date d, int months) {
  const YearMonth ym = YearMonth::of(d).plus_months(months);
  return Date(ym.year(), ym.month(), std::min(d.day(), ym.days()));
}

bool Regime::counts(ActivityKind k) const noexcept {
  if (k == ActivityKind::training && training == TrainingRule::not_counted) return false;
  return std::find(counted_kinds.begin(), counted_kinds.end(), k) != counted_kinds.end();
}

int Regime::leave_hours_on(Date start) const noexcept {
  if (leave_hours_extended && leave_hours_extended_from && start >= *leave_hours_extended_from) {
    return *leave_hours_extended;
  }
  return leave_hours;
}

const Regime& Regime::on(Date d) {
  return RegimeSet::builtin().on(d);
}
std::span<const Regime> Regime::builtin() {
  return builtin_regimes();
}

void to_json(Json& j, const Regime& r) {
  j = Json::object();
  j["name"] = r.name;
  j["title"] = r.title;
  j["effective_from"] = r.effective_from;
  j["effective_until"] = r.effective_until ? Json(*r.effective_until) : Json();
  j["minimum_years"] = r.minimum_years.to_string();
  j["any_related_experience"] = r.any_related_experience;
  j["hours_per_year"] = r.hours_per_year;
  j["days_per_year"] = r.days_per_year;
  j["full_time_hours_per_week"] = r.full_time_hours_per_week.to_string();
  j["max_hours_per_week"] = r.max_hours_per_week;
  Json kinds = Json::array();
  for (auto k : r.counted_kinds) kinds.push_back(std::string(to_string(k)));
  j["counted_kinds"] = std::move(kinds);
  j["training"] = r.training == TrainingRule::capped ? "capped" : "not_counted";
  j["silence_acceptance_from"] = r.silence_acceptance_from;
  j["decision_deadline_months"] = r.decision_deadline_months;
  j["requests_per_certification_per_year"] = r.requests_per_certification_per_year;
  j["certifications_per_year"] = r.certifications_per_year;
  j["inactivity_rule_from"] = r.inactivity_rule_from ? Json(*r.inactivity_rule_from) : Json();
  j["inactive_days_before_admissibility"] = r.inactive_days_before_admissibility;
  j["inactive_days_after_admissibility"] = r.inactive_days_after_admissibility;
  j["inactivity_confirmation_days"] = r.inactivity_confirmation_days;
  j["start_deadline_months"] = r.start_deadline_months ? Json(*r.start_deadline_months) : Json();
  j["jury_min_members"] = r.jury_min_members ? Json(*r.jury_min_members) : Json();
  j["leave_hours"] = r.leave_hours;
  j["leave_hours_extended"] = r.leave_hours_extended ? Json(*r.leave_hours_extended) : Json();
  j["leave_hours_extended_from"] =
      r.leave_hours_extended_from ? Json(*r.leave_hours_extended_from) : Json();
  j["ongoing_pathways_from"] = r.ongoing_pathways_from ? Json(*r.ongoing_pathways_from) : Json();
  j["france_vae_from"] = r.france_vae_from ? Json(*r.france_vae_from) : Json();
  j["lapse_days"] = r.lapse_days;
  j["sources"] = r.sources;
}

void from_json(const Json& j, Regime& out) {
  if (!j.is_object()) bad("", "expected a JSON object");
  Regime r;
  r.name = json_field<std::string>(j, "name");
  if (r.name.empty()) bad("name", "empty regime name");
  r.title = json_field_or<std::string>(j, "title", {});
  r.effective_from = json_field<Date>(j, "effective_from");
  if (j.contains("effective_until") && !j.at("effective_until").is_null()) {
    r.effective_until = json_field<Date>(j, "effective_until");
    if (*r.effective_until < r.effective_from) bad("effective_until", "before effective_from");
  }
  auto rational = [&](const char* key, Rational fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    try {
      if (it->is_number_integer()) return Rational(it->get<std::int64_t>());
      if (it->is_number()) return Rational::from_decimal(it->get<double>());
      if (it->is_string()) return Rational::parse(it->get<std::string>());
    } catch (const Error& e) {
      bad(key, e.what());
    }
    bad(key, "expected a number or a fraction string");
  };
  r.minimum_years = rational("minimum_years", 0);
  if (r.minimum_years < Rational(0)) bad("minimum_years", "must be >= 0");
  r.any_related_experience = json_field_or<bool>(j, "any_related_experience", false);
  r.hours_per_year = json_field_or<std::int64_t>(j, "hours_per_year", 1607);
  r.days_per_year = json_field_or<std::int64_t>(j, "days_per_year", 365);
  if (r.hours_per_year <= 0) bad("hours_per_year", "must be > 0");
  if (r.days_per_year <= 0) bad("days_per_year", "must be > 0");
  r.full_time_hours_per_week = rational("full_time_hours_per_week", 35);
  if (r.full_time_hours_per_week <= Rational(0)) bad("full_time_hours_per_week", "must be > 0");
  r.max_hours_per_week = json_field_or<int>(j, "max_hours_per_week", 48);
  if (r.max_hours_per_week <= 0 || r.max_hours_per_week > 168)
    bad("max_hours_per_week", "must be within (0, 168]");
  if (j.contains("counted_kinds")) {
    const Json& kinds = j.at("counted_kinds");
    if (!kinds.is_array()) bad("counted_kinds", "expected an array of activity kinds");
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (!kinds[i].is_string())
        bad("counted_kinds[" + std::to_string(i) + "]", "expected a string");
      try {
        r.counted_kinds.push_back(activity_kind_from_string(kinds[i].get<std::string>()));
      } catch (const InvalidArgument& e) {
        bad("counted_kinds[" + std::to_string(i) + "]", e.what());
      }
    }
  }
  const auto training = json_field_or<std::string>(j, "training", "not_counted");
  if (training == "capped") {
    r.training = TrainingRule::capped;
  } else if (training == "not_counted") {
    r.training = TrainingRule::not_counted;
  } else {
    bad("training", "expected 'capped' or 'not_counted'");
  }
  r.silence_acceptance_from = json_field_or<Date>(j, "silence_acceptance_from", Date(2014, 11, 12));
  auto positive = [&](const char* key, int fallback) {
    const int v = json_field_or<int>(j, key, fallback);
    if (v < 0) bad(key, "must be >= 0");
    return v;
  };
  r.decision_deadline_months = positive("decision_deadline_months", 2);
  r.requests_per_certification_per_year = positive("requests_per_certification_per_year", 1);
  r.certifications_per_year = positive("certifications_per_year", 3);
  // Absent: the built-in date (as every other field defaults to its built-in value); null: the
  // regime has no inactivity rule.
  if (!j.contains("inactivity_rule_from")) {
    r.inactivity_rule_from = Date(2025, 8, 1);
  } else if (j.at("inactivity_rule_from").is_null()) {
    r.inactivity_rule_from = std::nullopt;
  } else {
    r.inactivity_rule_from = json_field<Date>(j, "inactivity_rule_from");
  }
  r.inactive_days_before_admissibility = positive("inactive_days_before_admissibility", 60);
  r.inactive_days_after_admissibility = positive("inactive_days_after_admissibility", 165);
  r.inactivity_confirmation_days = positive("inactivity_confirmation_days", 180);
  if (j.contains("start_deadline_months") && !j.at("start_deadline_months").is_null()) {
    r.start_deadline_months = positive("start_deadline_months", 6);
  }
  if (j.contains("jury_min_members") && !j.at("jury_min_members").is_null()) {
    r.jury_min_members = positive("jury_min_members", 2);
  }
  r.leave_hours = positive("leave_hours", 24);
  if (j.contains("leave_hours_extended") && !j.at("leave_hours_extended").is_null()) {
    r.leave_hours_extended = positive("leave_hours_extended", 48);
  }
  if (j.contains("leave_hours_extended_from") && !j.at("leave_hours_extended_from").is_null()) {
    r.leave_hours_extended_from = json_field<Date>(j, "leave_hours_extended_from");
  }
  if (j.contains("ongoing_pathways_from") && !j.at("ongoing_pathways_from").is_null()) {
    r.ongoing_pathways_from = json_field<Date>(j, "ongoing_pathways_from");
  }
  // Issue 15 (optional in Regime.1): absent or null, no France VAE pathway under this regime.
  if (j.contains("france_vae_from") && !j.at("france_vae_from").is_null()) {
    r.france_vae_from = json_field<Date>(j, "france_vae_from");
  }
  r.lapse_days = positive("lapse_days", 183);
  r.sources = json_field_or<std::map<std::string, std::string>>(j, "sources", {});
  out = std::move(r);
}

RegimeSet::RegimeSet() : regimes_(builtin_regimes()) {}

const RegimeSet& RegimeSet::builtin() {
  static const RegimeSet set;
  return set;
}

void RegimeSet::add(Regime r) {
  if (r.effective_until && *r.effective_until < r.effective_from) {
    throw InvalidArgument("regime " + excerpt(r.name) + ": empty period");
  }
  regimes_.push_back(std::move(r));
}

void RegimeSet::load(const std::filesystem::path& path) {
  const Json doc = parse_json(read_text_file(path), path.string());
  if (doc.is_array()) {
    for (const Json& d : doc) add(from_document<Regime>(d, path.string()));
  } else {
    add(from_document<Regime>(doc, path.string()));
  }
}

const Regime& RegimeSet::on(Date d) const {
  for (auto it = regimes_.rbegin(); it != regimes_.rend(); ++it) {
    if (it->in_force(d)) return *it;
  }
  // Before every regime: the earliest one.
  const Regime* first = &regimes_.front();
  for (const Regime& r : regimes_) {
    if (r.effective_from < first->effective_from) first = &r;
  }
  return *first;
}

const Regime& RegimeSet::for_pathway(Date started, Date d) const {
  const Regime& now = on(d);
  if (now.ongoing_pathways_from && *now.ongoing_pathways_from <= d) return now;
  return on(started);
}

const Regime& RegimeSet::named(std::string_view name) const {
  for (auto it = regimes_.rbegin(); it != regimes_.rend(); ++it) {
    if (it->name == name) return *it;
  }
  throw NotFound(std::string(name), "no regime named '" + excerpt(name) + "'");
}

}  // namespace vaekit
