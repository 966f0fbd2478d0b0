// The registry's tables (vaekit::Table) on hand-made certifications and changes: one row each,
// codes as categories, dates, lists of codes, nulls where the export leaves a field blank.
#include "test_support.hpp"
#include "vaekit/registry/tables.hpp"

using namespace vaekit;

namespace {
Registry two_certifications() {
  Certification a;
  a.code = "RNCP36004";
  a.title = "Assistant de vie aux familles";
  a.short_type = CodeLabel{"TP", "Titre professionnel"};
  a.level = 3;
  a.active = true;
  a.certifiers = {Certifier{"11000001500012", "Ministère du travail", std::nullopt}};
  a.rome = {CodeLabel{"K1302", ""}, CodeLabel{"K1304", ""}};
  a.access_routes = {AccessRoute::continuing_training, AccessRoute::vae};
  a.registration_end = Date(2026, 8, 31);
  a.partial_validation = true;
  a.statistics = {PromotionStats{}, PromotionStats{}};
  a.statistics.back().certified_by_vae = 12;
  Certification b;
  b.code = "RS5001";
  b.title = "Habilitation";
  Registry reg;
  reg.add(a);
  reg.add(b);
  return reg;
}
}  // namespace

TEST_CASE("registry: the certifications table, one typed row per certification") {
  const Table t = registry_table(two_certifications());
  REQUIRE(t.rows() == 2);
  CHECK(t.columns().size() == 23);
  CHECK(t.column("kind").dictionary() == std::vector<std::string_view>{"RNCP", "RS"});
  CHECK(t.column("kind").string_at(1) == "RS");  // from the code prefix
  CHECK(t.column("short_type").string_at(0) == "TP");
  CHECK(t.column("short_type").is_null(1));  // no ABREGE
  CHECK(t.column("level").int_at(0) == 3);
  CHECK(t.column("level").is_null(1));               // RS without level
  CHECK(t.column("old_level").string_at(0) == "V");  // EU 3 was V
  CHECK(t.column("vae_accessible").bool_at(0));
  CHECK_FALSE(t.column("vae_accessible").bool_at(1));
  CHECK(t.column("rome_codes").list_at(0) == std::vector<std::string_view>{"K1302", "K1304"});
  CHECK(t.column("access_routes").list_at(0) ==
        std::vector<std::string_view>{"continuing_training", "vae"});
  CHECK(t.column("certifier_sirets").list_at(0) == std::vector<std::string_view>{"11000001500012"});
  CHECK(t.column("registration_end").date_at(0) == Date(2026, 8, 31));
  CHECK(t.column("registration_end").is_null(1));
  CHECK(t.column("partial_validation").bool_at(0));
  CHECK(t.column("partial_validation").is_null(1));               // blank in the export
  CHECK(t.column("certified_by_vae_last_year").int_at(0) == 12);  // the last year's
  CHECK(t.column("certified_by_vae_last_year").is_null(1));
}

TEST_CASE("registry: the changes table lists each kind of change in order") {
  RegistryChanges c;
  c.added = {"RNCP2"};
  c.deactivated = {"RNCP3"};
  c.replaced = {Replacement{"RNCP3", {"RNCP4"}, {"RNCP4", "RNCP5"}}};
  c.changed = {FieldChange{"RNCP1", "title", "\"Old\"", "\"New\""}};
  const Table t = changes_table(c);
  REQUIRE(t.rows() == 4);
  CHECK(t.column("change").dictionary().size() == 6);  // every kind, present or not
  CHECK(t.column("change").string_at(0) == "added");
  CHECK(t.column("field").is_null(0));
  CHECK(t.column("change").string_at(2) == "replaced");
  CHECK(t.column("new").string_at(2) == "RNCP4, RNCP5");
  CHECK(t.column("old").string_at(3) == "\"Old\"");
  const Table r = rejects_table({Reject{"x.csv", 3, "Code_Fiche", "bad code", "NOPE"}});
  CHECK(r.to_csv() == "source,line,field,code,reason\nx.csv,3,Code_Fiche,NOPE,bad code\n");
}
