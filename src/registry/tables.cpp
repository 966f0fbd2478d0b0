// The registry's tables: certifications, rejects, snapshot changes as vaekit::Table.
#include "vaekit/registry/tables.hpp"

#include <string>
#include <vector>

namespace vaekit {

namespace {

template <class T, class F>
std::vector<std::string> map_strings(const std::vector<T>& items, F f) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const T& x : items) out.emplace_back(f(x));
  return out;
}

std::optional<std::string_view> non_empty(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

Table registry_table(const Registry& registry) {
  Table t("registry");
  t.columns().reserve(23);  // the column references below stay valid
  auto& code = t.add_column("code", ColumnType::string);
  auto& kind = t.add_column("kind", ColumnType::category);
  kind.add_category(to_string(RegistryKind::rncp));
  kind.add_category(to_string(RegistryKind::rs));
  auto& title = t.add_column("title", ColumnType::string);
  auto& short_type = t.add_column("short_type", ColumnType::category);
  auto& level = t.add_column("level", ColumnType::int64);
  auto& old_level = t.add_column("old_level", ColumnType::category);
  auto& active = t.add_column("active", ColumnType::boolean);
  auto& vae = t.add_column("vae_accessible", ColumnType::boolean);
  auto& certifiers = t.add_column("certifiers", ColumnType::string_list);
  auto& sirets = t.add_column("certifier_sirets", ColumnType::string_list);
  auto& rome = t.add_column("rome_codes", ColumnType::string_list);
  auto& nsf = t.add_column("nsf_codes", ColumnType::string_list);
  auto& formacodes = t.add_column("formacodes", ColumnType::string_list);
  auto& blocks = t.add_column("blocks", ColumnType::string_list);
  auto& routes = t.add_column("access_routes", ColumnType::string_list);
  auto& decision = t.add_column("decision_date", ColumnType::date);
  auto& effect = t.add_column("effect_date", ColumnType::date);
  auto& end = t.add_column("registration_end", ColumnType::date);
  auto& deadline = t.add_column("delivery_deadline", ColumnType::date);
  auto& partial = t.add_column("partial_validation", ColumnType::boolean);
  auto& replaces = t.add_column("replaces", ColumnType::string_list);
  auto& replaced_by = t.add_column("replaced_by", ColumnType::string_list);
  auto& by_vae = t.add_column("certified_by_vae_last_year", ColumnType::int64);
  const auto code_of = [](const CodeLabel& x) { return x.code; };
  for (const Certification& c : registry.certifications()) {
    code.push_string(c.code);
    kind.push_string(to_string(c.kind()));
    title.push_string(c.title);
    short_type.push_string(non_empty(c.short_type.code));
    level.push_int(c.level ? std::optional<std::int64_t>(*c.level) : std::nullopt);
    old_level.push_string(non_empty(c.old_level()));
    active.push_bool(c.active);
    vae.push_bool(c.vae_accessible());
    certifiers.push_list(map_strings(c.certifiers, [](const Certifier& x) { return x.name; }));
    sirets.push_list(map_strings(c.certifiers, [](const Certifier& x) { return x.siret; }));
    rome.push_list(c.rome_codes());
    nsf.push_list(map_strings(c.nsf, code_of));
    formacodes.push_list(map_strings(c.formacode, code_of));
    blocks.push_list(map_strings(c.blocks, [](const SkillBlock& x) { return x.code; }));
    routes.push_list(
        map_strings(c.access_routes, [](AccessRoute r) { return std::string(to_string(r)); }));
    decision.push_date(c.decision_date);
    effect.push_date(c.effect_date);
    end.push_date(c.registration_end);
    deadline.push_date(c.delivery_deadline);
    partial.push_bool(c.partial_validation);
    replaces.push_list(c.replaces);
    replaced_by.push_list(c.replaced_by);
    std::optional<std::int64_t> last;
    if (!c.statistics.empty() && c.statistics.back().certified_by_vae) {
      last = *c.statistics.back().certified_by_vae;
    }
    by_vae.push_int(last);
  }
  return t;
}

Table rejects_table(const std::vector<Reject>& rejects) {
  Table t("rejects");
  t.columns().reserve(5);
  auto& source = t.add_column("source", ColumnType::string);
  auto& line = t.add_column("line", ColumnType::int64);
  auto& field = t.add_column("field", ColumnType::string);
  auto& code = t.add_column("code", ColumnType::string);
  auto& reason = t.add_column("reason", ColumnType::string);
  for (const Reject& r : rejects) {
    source.push_string(r.source);
    line.push_int(static_cast<std::int64_t>(r.line));
    field.push_string(r.field);
    code.push_string(r.record);
    reason.push_string(r.reason);
  }
  return t;
}

Table changes_table(const RegistryChanges& changes) {
  Table t("changes");
  t.columns().reserve(5);
  auto& code = t.add_column("code", ColumnType::string);
  auto& change = t.add_column("change", ColumnType::category);
  for (std::string_view k :
       {"added", "withdrawn", "deactivated", "reactivated", "replaced", "changed"}) {
    change.add_category(k);
  }
  auto& field = t.add_column("field", ColumnType::string);
  auto& old_value = t.add_column("old", ColumnType::string);
  auto& new_value = t.add_column("new", ColumnType::string);
  const auto codes = [&](const std::vector<std::string>& list, std::string_view kind) {
    for (const std::string& c : list) {
      code.push_string(c);
      change.push_string(kind);
      field.push_null();
      old_value.push_null();
      new_value.push_null();
    }
  };
  codes(changes.added, "added");
  codes(changes.withdrawn, "withdrawn");
  codes(changes.deactivated, "deactivated");
  codes(changes.reactivated, "reactivated");
  for (const Replacement& r : changes.replaced) {
    std::string successors;
    for (const std::string& s : r.successors) {
      if (!successors.empty()) successors += ", ";
      successors += s;
    }
    code.push_string(r.code);
    change.push_string("replaced");
    field.push_string("successors");
    old_value.push_null();
    new_value.push_string(successors);
  }
  for (const FieldChange& f : changes.changed) {
    code.push_string(f.code);
    change.push_string("changed");
    field.push_string(f.field);
    old_value.push_string(f.old_value);
    new_value.push_string(f.new_value);
  }
  return t;
}

}  // namespace vaekit
