// Certification: enums, levels, predicates and JSON form.
#include "vaekit/registry/certification.hpp"

#include <algorithm>
#include <array>

#include "vaekit/registry/registry.hpp"

namespace vaekit {

std::string_view to_string(RegistryKind kind) noexcept {
  return kind == RegistryKind::rs ? "RS" : "RNCP";
}

namespace {
struct RouteInfo {
  AccessRoute route;
  std::string_view name;
  std::string_view normalized_label;  // normalize_words of the export label, joined by spaces
};
constexpr std::array<RouteInfo, 6> kRoutes{{
    {AccessRoute::initial_training, "initial_training",
     "apres un parcours de formation sous statut d eleve ou d etudiant"},
    {AccessRoute::apprenticeship, "apprenticeship", "en contrat d apprentissage"},
    {AccessRoute::continuing_training, "continuing_training",
     "apres un parcours de formation continue"},
    {AccessRoute::professionalisation_contract, "professionalisation_contract",
     "en contrat de professionnalisation"},
    {AccessRoute::individual_application, "individual_application", "par candidature individuelle"},
    {AccessRoute::vae, "vae", "par experience"},
}};
}  // namespace

std::string_view to_string(AccessRoute route) noexcept {
  for (const auto& r : kRoutes) {
    if (r.route == route) return r.name;
  }
  return "unknown";
}

std::optional<AccessRoute> access_route_from_label(std::string_view label) {
  std::string joined;
  for (const auto& w : normalize_words(label)) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  for (const auto& r : kRoutes) {
    if (r.normalized_label == joined) return r.route;
  }
  return std::nullopt;
}

std::optional<AccessRoute> try_access_route_from_string(std::string_view name) noexcept {
  for (const auto& r : kRoutes) {
    if (r.name == name) return r.route;
  }
  return std::nullopt;
}

AccessRoute access_route_from_string(std::string_view name) {
  if (auto r = try_access_route_from_string(name)) return *r;
  std::string names;
  for (const auto& r : kRoutes) names += (names.empty() ? "" : ", ") + std::string(r.name);
  throw InvalidArgument("unknown access route " + excerpt(name) + " (expected one of " + names +
                        ")");
}

std::optional<int> eu_level_from_old_french(std::string_view old_level) noexcept {
  if (old_level == "V") return 3;
  if (old_level == "IV") return 4;
  if (old_level == "III") return 5;
  if (old_level == "II") return 6;
  if (old_level == "I") return 7;
  return std::nullopt;
}

std::string_view old_french_level(int eu_level) noexcept {
  switch (eu_level) {
    case 3: return "V";
    case 4: return "IV";
    case 5: return "III";
    case 6: return "II";
    case 7:
    case 8: return "I";
    default: return "";
  }
}

std::optional<int> parse_level(std::string_view text) {
  if (text.empty() || text == "REPRISE") return std::nullopt;
  if (text.size() == 4 && text.substr(0, 3) == "NIV" && text[3] >= '1' && text[3] <= '8') {
    return text[3] - '0';
  }
  throw ParseError(SourceLocation{},
                   "unknown level string " + excerpt(text) + " (expected NIV1..NIV8 or REPRISE)");
}

bool is_certification_code(std::string_view code) noexcept {
  std::size_t prefix = 0;
  if (code.substr(0, 4) == "RNCP") {
    prefix = 4;
  } else if (code.substr(0, 2) == "RS") {
    prefix = 2;
  } else {
    return false;
  }
  const std::size_t digits = code.size() - prefix;
  if (digits < 1 || digits > 9) return false;
  return std::all_of(code.begin() + static_cast<std::ptrdiff_t>(prefix), code.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

RegistryKind Certification::kind() const noexcept {
  return code.substr(0, 2) == "RS" ? RegistryKind::rs : RegistryKind::rncp;
}

bool Certification::has_access_route(AccessRoute route) const noexcept {
  return std::find(access_routes.begin(), access_routes.end(), route) != access_routes.end();
}

bool Certification::vae_accessible() const noexcept {
  return has_access_route(AccessRoute::vae);
}

std::vector<std::string> Certification::rome_codes() const {
  std::vector<std::string> out;
  out.reserve(rome.size());
  for (const auto& r : rome) out.push_back(r.code);
  return out;
}

std::string_view Certification::old_level() const noexcept {
  return level ? old_french_level(*level) : std::string_view{};
}

bool Certification::registered_on(Date day) const noexcept {
  std::optional<Date> start = effect_date     ? effect_date
                              : decision_date ? decision_date
                                              : last_official_journal;
  if (start && day < *start) return false;
  if (registration_end && *registration_end < day) return false;
  return true;
}

bool Certification::certified_by(std::string_view siret) const noexcept {
  return std::any_of(certifiers.begin(), certifiers.end(),
                     [&](const Certifier& c) { return c.siret == siret; });
}

// ---- JSON ----

namespace {
template <class T>
Json opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}
template <class T>
std::optional<T> opt_field(const Json& j, std::string_view key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return json_field<T>(j, key);
}
}  // namespace

void to_json(Json& j, const CodeLabel& v) {
  j = Json{{"code", v.code}, {"label", v.label}};
}
void from_json(const Json& j, CodeLabel& v) {
  v.code = json_field<std::string>(j, "code");
  v.label = json_field_or<std::string>(j, "label", "");
}
void to_json(Json& j, const Certifier& v) {
  j = Json{{"siret", v.siret}, {"name", v.name}, {"active", opt(v.active)}};
}
void from_json(const Json& j, Certifier& v) {
  v.siret = json_field<std::string>(j, "siret");
  v.name = json_field_or<std::string>(j, "name", "");
  v.active = opt_field<bool>(j, "active");
}
void to_json(Json& j, const SkillBlock& v) {
  j = Json{{"code", v.code}, {"title", v.title}};
}
void from_json(const Json& j, SkillBlock& v) {
  v.code = json_field<std::string>(j, "code");
  v.title = json_field_or<std::string>(j, "title", "");
}
void to_json(Json& j, const PromotionStats& v) {
  j = Json{{"year", v.year},
           {"certified", opt(v.certified)},
           {"certified_by_vae", opt(v.certified_by_vae)},
           {"employment_rate_6_months", opt(v.employment_rate_6_months)},
           {"job_rate_2_years", opt(v.job_rate_2_years)}};
}
void from_json(const Json& j, PromotionStats& v) {
  v.year = json_field<int>(j, "year");
  v.certified = opt_field<int>(j, "certified");
  v.certified_by_vae = opt_field<int>(j, "certified_by_vae");
  v.employment_rate_6_months = opt_field<int>(j, "employment_rate_6_months");
  v.job_rate_2_years = opt_field<int>(j, "job_rate_2_years");
}
void to_json(Json& j, const BlockCorrespondence& v) {
  Json fields = Json::object();
  for (const auto& [k, val] : v.fields) fields[k] = val;
  j = Json{{"block_codes", v.block_codes}, {"fields", fields}};
}
void from_json(const Json& j, BlockCorrespondence& v) {
  v.block_codes = json_field_or<std::vector<std::string>>(j, "block_codes", {});
  v.fields.clear();
  if (auto it = j.find("fields"); it != j.end() && it->is_object()) {
    for (const auto& [k, val] : it->items()) {
      if (!val.is_string()) {
        throw ParseError(SourceLocation{{}, 0, 0, "fields." + k}, "expected a string");
      }
      v.fields[k] = val.get<std::string>();
    }
  }
}

void to_json(Json& j, const Certification& v) {
  j = Json::object();
  j["code"] = v.code;
  j["kind"] = to_string(v.kind());
  j["fiche_id"] = opt(v.fiche_id);
  j["title"] = v.title;
  j["short_type"] =
      v.short_type.code.empty() && v.short_type.label.empty() ? Json(nullptr) : Json(v.short_type);
  j["level"] = opt(v.level);
  j["level_label"] = v.level_label;
  j["certifiers"] = v.certifiers;
  j["blocks"] = v.blocks;
  j["rome"] = v.rome;
  j["nsf"] = v.nsf;
  j["formacode"] = v.formacode;
  Json routes = Json::array();
  for (auto r : v.access_routes) routes.push_back(to_string(r));
  j["access_routes"] = routes;
  j["vae_accessible"] = v.vae_accessible();
  j["active"] = v.active;
  j["status"] = v.status;
  j["registration_type"] = v.registration_type;
  j["decision_date"] = opt(v.decision_date);
  j["effect_date"] = opt(v.effect_date);
  j["registration_end"] = opt(v.registration_end);
  j["delivery_deadline"] = opt(v.delivery_deadline);
  j["last_official_journal"] = opt(v.last_official_journal);
  j["publication_date"] = opt(v.publication_date);
  j["registration_years"] = opt(v.registration_years);
  j["partial_validation"] = opt(v.partial_validation);
  j["new_caledonia"] = opt(v.new_caledonia);
  j["french_polynesia"] = opt(v.french_polynesia);
  j["url"] = v.url;
  j["replaces"] = v.replaces;
  j["replaced_by"] = v.replaced_by;
  j["statistics"] = v.statistics;
  j["correspondences"] = v.correspondences;
}

void from_json(const Json& j, Certification& v) {
  v = Certification{};
  v.code = json_field<std::string>(j, "code");
  if (!is_certification_code(v.code)) {
    throw ParseError(SourceLocation{{}, 0, 0, "code"},
                     "malformed certification code " + excerpt(v.code));
  }
  v.fiche_id = opt_field<std::int64_t>(j, "fiche_id");
  v.title = json_field<std::string>(j, "title");
  if (auto st = opt_field<CodeLabel>(j, "short_type")) v.short_type = *st;
  v.level = opt_field<int>(j, "level");
  if (v.level && (*v.level < 1 || *v.level > 8)) {
    throw ParseError(SourceLocation{{}, 0, 0, "level"}, "level outside 1-8");
  }
  v.level_label = json_field_or<std::string>(j, "level_label", "");
  v.certifiers = json_field_or<std::vector<Certifier>>(j, "certifiers", {});
  v.blocks = json_field_or<std::vector<SkillBlock>>(j, "blocks", {});
  v.rome = json_field_or<std::vector<CodeLabel>>(j, "rome", {});
  v.nsf = json_field_or<std::vector<CodeLabel>>(j, "nsf", {});
  v.formacode = json_field_or<std::vector<CodeLabel>>(j, "formacode", {});
  for (const auto& name : json_field_or<std::vector<std::string>>(j, "access_routes", {})) {
    auto r = try_access_route_from_string(name);
    if (!r) {
      throw ParseError(SourceLocation{{}, 0, 0, "access_routes"},
                       "unknown access route " + excerpt(name));
    }
    v.access_routes.push_back(*r);
  }
  std::sort(v.access_routes.begin(), v.access_routes.end());
  v.access_routes.erase(std::unique(v.access_routes.begin(), v.access_routes.end()),
                        v.access_routes.end());
  v.active = json_field<bool>(j, "active");
  v.status = json_field_or<std::string>(j, "status", "");
  v.registration_type = json_field_or<std::string>(j, "registration_type", "");
  v.decision_date = opt_field<Date>(j, "decision_date");
  v.effect_date = opt_field<Date>(j, "effect_date");
  v.registration_end = opt_field<Date>(j, "registration_end");
  v.delivery_deadline = opt_field<Date>(j, "delivery_deadline");
  v.last_official_journal = opt_field<Date>(j, "last_official_journal");
  v.publication_date = opt_field<Date>(j, "publication_date");
  v.registration_years = opt_field<int>(j, "registration_years");
  v.partial_validation = opt_field<bool>(j, "partial_validation");
  v.new_caledonia = opt_field<bool>(j, "new_caledonia");
  v.french_polynesia = opt_field<bool>(j, "french_polynesia");
  v.url = json_field_or<std::string>(j, "url", "");
  v.replaces = json_field_or<std::vector<std::string>>(j, "replaces", {});
  v.replaced_by = json_field_or<std::vector<std::string>>(j, "replaced_by", {});
  v.statistics = json_field_or<std::vector<PromotionStats>>(j, "statistics", {});
  v.correspondences = json_field_or<std::vector<BlockCorrespondence>>(j, "correspondences", {});
}

}  // namespace vaekit
