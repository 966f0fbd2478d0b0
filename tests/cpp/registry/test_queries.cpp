// Search, filters, ROME, JSON round trip and changes between snapshots.
#include <algorithm>

#include "test_support.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {
std::filesystem::path example(const char* name) {
  return std::filesystem::path(VAEKIT_TEST_DATA_DIR).parent_path().parent_path() / "examples" /
         "data" / "registry" / name;
}
Certification cert(std::string code, std::string title, bool active = true) {
  Certification c;
  c.code = std::move(code);
  c.title = std::move(title);
  c.active = active;
  return c;
}
std::vector<std::string> codes(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.code);
  return out;
}
}  // namespace

TEST_CASE("normalize_words folds accents, case and punctuation") {
  CHECK(normalize_words("Aide médico-psychologique") ==
        std::vector<std::string>{"aide", "medico", "psychologique"});
  CHECK(normalize_words("Mise en œuvre d’ÉTUDES") ==
        std::vector<std::string>{"mise", "en", "oeuvre", "d", "etudes"});
  CHECK(normalize_words("  ").empty());
  CHECK(normalize_words("caf\xC3") == std::vector<std::string>{"caf"});  // invalid byte dropped
}

TEST_CASE("Search: prefixes, accents, ranking, codes") {
  Registry reg(std::vector<Certification>{
      cert("RNCP1", "Aide médico-psychologique", false),
      cert("RNCP2", "Accompagnant éducatif et social"),
      cert("RNCP3", "Aide à domicile"),
      cert("RNCP4", "Psychologue du travail"),
      cert("RS5", "Aide"),
  });
  CHECK(codes(reg.search("aide medico psycho")) == std::vector<std::string>{"RNCP1"});
  CHECK(codes(reg.search("AIDE MÉDICO")) == std::vector<std::string>{"RNCP1"});
  CHECK(codes(reg.search("psycho")) == std::vector<std::string>{"RNCP4", "RNCP1"});
  // Exact word above prefix; a title made of the query alone first.
  const auto aide = codes(reg.search("aide"));
  REQUIRE(aide.size() == 3);
  CHECK(aide[0] == "RS5");
  CHECK(codes(reg.search("aide", 1)) == std::vector<std::string>{"RS5"});
  CHECK(reg.search("plombier").empty());
  CHECK(reg.search("").empty());
  // A code ranks first, whatever its case.
  CHECK(codes(reg.search("rncp2")).front() == "RNCP2");
  CHECK(codes(reg.search("educ")) == std::vector<std::string>{"RNCP2"});
}

TEST_CASE("Filters") {
  const Registry reg = Registry::load(example("export-fiches-csv-2024-02-22-example.zip"));
  CertificationFilter f;
  f.vae_accessible = true;
  f.active = true;
  std::vector<std::string> got;
  for (const auto* c : reg.filter(f)) got.push_back(c->code);
  CHECK(got == std::vector<std::string>{"RNCP36004", "RNCP4821"});
  CertificationFilter by_certifier;
  by_certifier.certifier = "11000000000002";
  REQUIRE(reg.filter(by_certifier).size() == 1);
  CHECK(reg.filter(by_certifier)[0]->code == "RNCP4821");
  CertificationFilter on_date;
  on_date.registered_on = Date(2015, 6, 1);
  on_date.kind = RegistryKind::rncp;
  got.clear();
  for (const auto* c : reg.filter(on_date)) got.push_back(c->code);
  CHECK(got == std::vector<std::string>{"RNCP4503", "RNCP4504", "RNCP4821"});
  CertificationFilter levels;
  levels.min_level = 4;
  CHECK(reg.filter(levels).empty());
  levels.min_level = 3;
  levels.max_level = 3;
  CHECK(reg.filter(levels).size() == 5);  // RS5001 has no level
}

TEST_CASE("ROME: the v4 list and shared v3 parents") {
  const RomeCatalog rome = RomeCatalog::read_csv(
      "\"code_rome\",\"code_fiche_metier\",\"code_ogr\",\"libelle_rome\",\"code_rome_parent\"\n"
      "\"K1302\",\"1\",\"2\",\"Assistance auprès d'adultes\",\"K1302\"\n"
      "\"K1306\",\"3\",\"4\",\"Accompagnant Educatif et Social (AES)\",\"K1302\"\n"
      "\"M1805\",\"5\",\"6\",\"Études et développement informatique\",\"M1805\"\n");
  CHECK(rome.size() == 3);
  CHECK(rome.get("K1306").parent_code == "K1302");
  CHECK(rome.siblings("K1306") == std::vector<std::string>{"K1302", "K1306"});
  CHECK(rome.siblings("M1805") == std::vector<std::string>{"M1805"});
  CHECK(rome.siblings("Z9999") == std::vector<std::string>{"Z9999"});
  CHECK_THROWS_AS(rome.get("Z9999"), NotFound);

  const Registry reg = Registry::load(example("export-fiches-csv-2024-02-22-example.zip"));
  std::vector<std::string> direct;
  for (const auto* c : reg.for_rome("K1306")) direct.push_back(c->code);
  CHECK(direct == std::vector<std::string>{"RNCP36004"});
  std::vector<std::string> wide;
  for (const auto* c : reg.for_rome("K1306", rome)) wide.push_back(c->code);
  CHECK(wide.front() == "RNCP36004");
  CHECK(wide.size() == 6);  // + every fiche listing K1302
}

TEST_CASE("ROME v4.60 real file") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const RomeCatalog rome =
      RomeCatalog::load_csv(test::shared_data_dir() / "rome/referentiel_code_rome_v460.csv");
  CHECK(rome.size() == 1584);
  // "K1306",...,"Accompagnant Educatif et Social (AES) / Accompagnante Educative et Sociale
  // (AES)",...,"K1302"
  CHECK(rome.get("K1306").parent_code == "K1302");
  CHECK(rome.get("K1306").label ==
        "Accompagnant Educatif et Social (AES) / Accompagnante Educative et Sociale (AES)");
  CHECK(rome.get("A1102").parent_code == "A1101");
  const auto sib = rome.siblings("K1306");
  CHECK(std::find(sib.begin(), sib.end(), "K1302") != sib.end());
}

TEST_CASE("JSON round trip of certifications and registries") {
  const Registry reg = Registry::load(test::data_dir() / "registry" / "quirks.xml");
  for (const auto& c : reg) {
    const Json doc = to_document(c);
    CHECK(doc["schema"] == "Certification.1");
    CHECK(from_document<Certification>(doc) == c);
  }
  const Json doc = to_document(reg);
  CHECK(doc["schema"] == "Registry.1");
  const Registry back = read_document<Registry>(doc.dump());
  REQUIRE(back.size() == reg.size());
  CHECK(back.certifications() == reg.certifications());
  // The JSON file is a registry format too.
  const Registry again = Registry::read(doc.dump(), "<json>");
  CHECK(again.source_format() == RegistryFormat::json);
  CHECK(again.certifications() == reg.certifications());
}

TEST_CASE("Schema samples read") {
  const auto dir = test::data_dir() / "schemas";
  const auto c = load_document<Certification>(dir / "Certification.1.json");
  CHECK(c.code == "RNCP36004");
  CHECK(c.vae_accessible());
  const auto r = load_document<Registry>(dir / "Registry.1.json");
  CHECK(r.size() == 2);
  CHECK(r.successors("RNCP25467") == std::vector<std::string>{"RNCP36004"});
  const auto ch = load_document<RegistryChanges>(dir / "RegistryChanges.1.json");
  CHECK(ch.withdrawn.empty());
  CHECK(ch.replaced.size() == 1);
  CHECK_THROWS_AS(
      read_document<Certification>(
          R"({"schema": "Certification.1", "code": "X1", "title": "t", "active": true})"),
      ParseError);
}

TEST_CASE("Changes between two snapshots and the impact on cases") {
  const Registry y2015 = Registry::load(example("export-fiches-csv-2015-06-01-example.zip"));
  const Registry y2024 = Registry::load(example("export-fiches-csv-2024-02-22-example.zip"));
  const RegistryChanges ch = registry_changes(y2015, y2024);
  CHECK(ch.added == std::vector<std::string>{"RNCP25467", "RNCP36004"});
  CHECK(ch.withdrawn.empty());
  CHECK(ch.deactivated == std::vector<std::string>{"RNCP4503", "RNCP4504"});
  REQUIRE(ch.replaced.size() == 2);
  CHECK(ch.replaced[0] == Replacement{"RNCP4503", {"RNCP25467"}, {"RNCP36004"}});
  CHECK(ch.replaced[1].successors == std::vector<std::string>{"RNCP36004"});
  CHECK(std::any_of(ch.changed.begin(), ch.changed.end(), [](const FieldChange& f) {
    return f.code == "RNCP4503" && f.field == "registration_end" &&
           f.old_value == "\"2020-12-31\"" && f.new_value == "\"2016-01-30\"";
  }));
  CHECK(registry_changes(y2024, y2024).empty());
  const RegistryChanges back = from_document<RegistryChanges>(to_document(ch));
  CHECK(back.replaced == ch.replaced);
  CHECK(back.changed == ch.changed);

  const auto impacts = case_impacts(
      y2024,
      {{"case-1", "RNCP4503"}, {"case-2", "RNCP36004"}, {"case-3", "RNCP9"}, {"case-4", "RS5001"}});
  REQUIRE(impacts.size() == 3);
  CHECK(impacts[0].case_id == "case-1");
  CHECK(impacts[0].status == TargetStatus::replaced);
  CHECK(impacts[0].offers == std::vector<std::string>{"RNCP36004"});
  CHECK(impacts[1].status == TargetStatus::withdrawn);
  CHECK(impacts[1].offers.empty());
  CHECK(impacts[2].status == TargetStatus::not_vae);
  CHECK(impacts[2].offers.empty());  // RS5001 has no level: no same-level alternative
}

TEST_CASE("Registry building, copying, errors") {
  Registry reg;
  CHECK(reg.empty());
  reg.add(cert("RNCP1", "Un"));
  auto two = cert("RNCP2", "Deux");
  two.replaces = {"RNCP1"};
  reg.add(two);
  CHECK(reg.get("RNCP1").replaced_by == std::vector<std::string>{"RNCP2"});  // mirrored
  CHECK_THROWS_AS(reg.add(cert("RNCP1", "dup")), InvalidArgument);
  CHECK_THROWS_AS(reg.add(cert("XYZ", "bad")), InvalidArgument);
  try {
    (void)reg.get("RNCP404");
    FAIL("expected NotFound");
  } catch (const NotFound& e) {
    CHECK(e.key() == "RNCP404");
  }
  Registry copy = reg;
  CHECK(copy.search("deux").size() == 1);
  copy.add(cert("RS3", "Trois"));
  CHECK(reg.size() == 2);
  CHECK(copy.size() == 3);
  CHECK(reg.find("RS3") == nullptr);
}
