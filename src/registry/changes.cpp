// Changes between two registry snapshots and their impact on cases.
#include "vaekit/registry/changes.hpp"

#include <algorithm>
#include <set>

namespace vaekit {

bool RegistryChanges::empty() const noexcept {
  return added.empty() && withdrawn.empty() && deactivated.empty() && reactivated.empty() &&
         replaced.empty() && changed.empty();
}

RegistryChanges registry_changes(const Registry& old_registry, const Registry& new_registry) {
  RegistryChanges ch;
  for (const auto& c : new_registry) {
    if (!old_registry.contains(c.code)) ch.added.push_back(c.code);
  }
  for (const auto& o : old_registry) {
    const Certification* n = new_registry.find(o.code);
    if (n == nullptr) {
      ch.withdrawn.push_back(o.code);
      continue;
    }
    if (o.active && !n->active) ch.deactivated.push_back(o.code);
    if (!o.active && n->active) ch.reactivated.push_back(o.code);
    std::set<std::string> before(o.replaced_by.begin(), o.replaced_by.end());
    bool gained = false;
    for (const auto& r : n->replaced_by) gained = gained || before.count(r) == 0;
    if (gained) {
      ch.replaced.push_back(Replacement{o.code, n->replaced_by, new_registry.successors(o.code)});
    }
    const Json jo = o;
    const Json jn = *n;
    for (const auto& [key, value] : jn.items()) {
      auto it = jo.find(key);
      const Json old_value = it == jo.end() ? Json(nullptr) : *it;
      if (old_value != value) {
        ch.changed.push_back(FieldChange{o.code, key, old_value.dump(), value.dump()});
      }
    }
  }
  std::sort(ch.added.begin(), ch.added.end());
  std::sort(ch.withdrawn.begin(), ch.withdrawn.end());
  std::sort(ch.deactivated.begin(), ch.deactivated.end());
  std::sort(ch.reactivated.begin(), ch.reactivated.end());
  std::sort(ch.replaced.begin(), ch.replaced.end(),
            [](const Replacement& a, const Replacement& b) { return a.code < b.code; });
  std::stable_sort(ch.changed.begin(), ch.changed.end(),
                   [](const FieldChange& a, const FieldChange& b) { return a.code < b.code; });
  return ch;
}

std::string_view to_string(TargetStatus status) noexcept {
  switch (status) {
    case TargetStatus::available: return "available";
    case TargetStatus::withdrawn: return "withdrawn";
    case TargetStatus::inactive: return "inactive";
    case TargetStatus::replaced: return "replaced";
    case TargetStatus::not_vae: return "not_vae";
  }
  return "available";
}

std::vector<CaseImpact> case_impacts(const Registry& registry,
                                     const std::vector<CaseTarget>& targets) {
  std::vector<CaseImpact> out;
  for (const auto& t : targets) {
    CaseImpact impact{t.case_id, t.code, TargetStatus::available, {}};
    const Certification* c = registry.find(t.code);
    if (c == nullptr) {
      impact.status = TargetStatus::withdrawn;
    } else if (!c->replaced_by.empty()) {
      impact.status = TargetStatus::replaced;
    } else if (!c->active) {
      impact.status = TargetStatus::inactive;
    } else if (!c->vae_accessible()) {
      impact.status = TargetStatus::not_vae;
    }
    if (impact.status == TargetStatus::available) continue;
    if (c != nullptr) {
      impact.offers = registry.active_successors(c->code, /*vae_only=*/true);
      if (impact.offers.empty()) {
        // Same level, a ROME code in common, active and open to VAE.
        for (const auto& rome : c->rome) {
          for (const Certification* other : registry.for_rome(rome.code)) {
            if (other->code == c->code || !other->active || !other->vae_accessible()) continue;
            if (other->level != c->level) continue;
            if (std::find(impact.offers.begin(), impact.offers.end(), other->code) ==
                impact.offers.end()) {
              impact.offers.push_back(other->code);
            }
            if (impact.offers.size() >= 5) break;
          }
          if (impact.offers.size() >= 5) break;
        }
      }
    }
    out.push_back(std::move(impact));
  }
  return out;
}

void to_json(Json& j, const FieldChange& v) {
  j = Json{{"code", v.code}, {"field", v.field}, {"old", v.old_value}, {"new", v.new_value}};
}
void from_json(const Json& j, FieldChange& v) {
  v.code = json_field<std::string>(j, "code");
  v.field = json_field<std::string>(j, "field");
  v.old_value = json_field<std::string>(j, "old");
  v.new_value = json_field<std::string>(j, "new");
}
void to_json(Json& j, const Replacement& v) {
  j = Json{{"code", v.code}, {"replaced_by", v.replaced_by}, {"successors", v.successors}};
}
void from_json(const Json& j, Replacement& v) {
  v.code = json_field<std::string>(j, "code");
  v.replaced_by = json_field<std::vector<std::string>>(j, "replaced_by");
  v.successors = json_field<std::vector<std::string>>(j, "successors");
}
void to_json(Json& j, const RegistryChanges& v) {
  j = Json{{"added", v.added},
           {"withdrawn", v.withdrawn},
           {"deactivated", v.deactivated},
           {"reactivated", v.reactivated},
           {"replaced", v.replaced},
           {"changed", v.changed}};
}
void from_json(const Json& j, RegistryChanges& v) {
  v.added = json_field<std::vector<std::string>>(j, "added");
  v.withdrawn = json_field<std::vector<std::string>>(j, "withdrawn");
  v.deactivated = json_field<std::vector<std::string>>(j, "deactivated");
  v.reactivated = json_field<std::vector<std::string>>(j, "reactivated");
  v.replaced = json_field<std::vector<Replacement>>(j, "replaced");
  v.changed = json_field<std::vector<FieldChange>>(j, "changed");
}

}  // namespace vaekit
