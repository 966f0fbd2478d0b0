// vaekit's own fixtures (tests/data/registry, written by make_fixtures.py): every quirk of the
// real exports, and one broken file per error, in strict and lenient modes.
#include <algorithm>

#include "test_support.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {
std::filesystem::path fixture(const char* name) {
  return test::data_dir() / "registry" / name;
}
LoadOptions lenient() {
  return LoadOptions{false, RegistryFormat::automatic};
}

void check_invariant(const Registry& reg) {
  const auto& s = reg.import_stats();
  CHECK(s.read == s.accepted + s.rejected);
  CHECK(s.accepted == reg.size());
  CHECK(s.rejected == reg.rejects().size());
}
}  // namespace

TEST_CASE("CSV quirks fixture") {
  const Registry reg = Registry::load(fixture("quirks.zip"));
  check_invariant(reg);
  CHECK(reg.size() == 6);
  CHECK(reg.rejects().empty());
  const auto& aes = reg.get("RNCP101");
  CHECK(aes.title == "Accompagnant éducatif et social");
  CHECK(aes.short_type == CodeLabel{"DE", "Diplôme d'État"});
  CHECK(aes.partial_validation == true);
  CHECK(aes.effect_date == Date(2021, 9, 1));
  // Curly and straight apostrophes name the same route: listed once.
  CHECK(aes.access_routes ==
        std::vector<AccessRoute>{AccessRoute::apprenticeship, AccessRoute::vae});
  // Doubled apostrophe undone; NSF/Formacode code prefixes removed.
  CHECK(aes.rome[1] == CodeLabel{"H1102", "Management et ingénierie d'affaires"});
  CHECK(aes.nsf == std::vector<CodeLabel>{{"332t", "Travail social"}});
  CHECK(aes.formacode == std::vector<CodeLabel>{{"44028", "Aide médico-psychologique"}});
  // A link recorded on one side only is mirrored; the row of RNCP999 (outside the export) too.
  CHECK(aes.replaces == std::vector<std::string>{"RNCP100", "RNCP999"});
  CHECK(reg.get("RNCP100").replaced_by == std::vector<std::string>{"RNCP101"});
  // TAB-prefixed SIRETs.
  CHECK(reg.get("RS103").certifiers[0].siret == "22000000000002");
  CHECK(reg.get("RS103").certifiers[1].name == "INSTITUT D'EXEMPLE");
  // REPRISE: no level.
  CHECK_FALSE(reg.get("RNCP102").level.has_value());
  CHECK(reg.successors("RNCP102") == std::vector<std::string>{"RS103"});
  // The cycle RNCP104 <-> RNCP105 is reported, not looped on.
  auto s = reg.succession("RNCP104");
  CHECK(s.successors.empty());
  REQUIRE(s.issues.size() == 1);
  CHECK(s.issues[0].kind == LinkIssue::Kind::cycle);
  const auto issues = reg.link_issues();
  CHECK(std::count_if(issues.begin(), issues.end(),
                      [](const LinkIssue& i) { return i.kind == LinkIssue::Kind::cycle; }) == 1);
  CHECK(std::count_if(issues.begin(), issues.end(), [](const LinkIssue& i) {
          return i.kind == LinkIssue::Kind::dangling && i.to == "RNCP999";
        }) == 1);
}

TEST_CASE("XML quirks fixture, plain and zipped") {
  for (const char* name : {"quirks.xml", "quirks.xml.zip"}) {
    CAPTURE(name);
    const Registry reg = Registry::load(fixture(name));
    check_invariant(reg);
    CHECK(reg.source_format() == RegistryFormat::xml);
    REQUIRE(reg.size() == 3);
    const auto& aes = reg.get("RNCP101");
    CHECK(aes.statistics ==
          std::vector<PromotionStats>{{2022, 35, 9, 80, std::nullopt},
                                      {2023, 40, 12, std::nullopt, std::nullopt}});
    REQUIRE(aes.correspondences.size() == 1);
    CHECK(aes.correspondences[0].block_codes ==
          std::vector<std::string>{"RNCP101BC01", "RNCP100BC02"});
    CHECK(aes.correspondences[0].fields.at("COMMENTAIRE") == "Équivalence totale");
    CHECK(aes.blocks == std::vector<SkillBlock>{{"RNCP101BC01", "Accompagner"}});
    CHECK(aes.partial_validation == true);
    CHECK(aes.vae_accessible());
    CHECK(aes.access_routes == std::vector<AccessRoute>{AccessRoute::vae});
    CHECK(reg.successors("RNCP100") == std::vector<std::string>{"RNCP101"});
  }
}

TEST_CASE("Broken inputs: clear errors in strict mode, rejects in lenient mode") {
  struct Case {
    const char* file;
    const char* message;   // expected in the strict error
    std::size_t accepted;  // in lenient mode
    std::size_t rejected;
  };
  const Case cases[] = {
      {"truncated.zip", "zip", 0, 1},
      {"missing_part.zip", "missing part CCN", 6, 1},
      {"duplicate.zip", "duplicate fiche RNCP101", 6, 1},
      {"unknown_level.zip", "unknown level string \"NIVEAU_3\"", 5, 1},
      {"latin1.zip", "invalid UTF-8", 4, 2},  // Rome rows of RNCP100 and 101: both fiches out
      {"broken.xml", "malformed XML", 2, 1},
      {"duplicate.xml", "duplicate fiche RNCP101", 3, 1},
      {"unknown_level.xml", "unknown level string \"NIVEAU3\"", 2, 1},
      {"latin1.xml", "Latin-1", 0, 3},  // each of its 3 fiches has a Latin-1 byte: 3 rejects
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    try {
      (void)Registry::load(fixture(c.file));
      FAIL("no error in strict mode");
    } catch (const ParseError& e) {
      CHECK_THAT(e.what(), Catch::Contains(c.message));
      CHECK_THAT(e.where().source, Catch::Contains(c.file));
    }
    const Registry reg = Registry::load(fixture(c.file), lenient());
    check_invariant(reg);
    CHECK(reg.size() == c.accepted);
    CHECK(reg.rejects().size() == c.rejected);
    for (const auto& r : reg.rejects()) CHECK_FALSE(r.reason.empty());
  }
}

TEST_CASE("Errors name the line and field") {
  try {
    (void)Registry::load(fixture("unknown_level.zip"));
    FAIL("expected an error");
  } catch (const ParseError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().field == "Nomenclature_Europe_Niveau");
    CHECK_THAT(e.where().source, Catch::Contains("Standard"));
  }
  try {
    (void)Registry::load(fixture("unknown_level.xml"));
    FAIL("expected an error");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "FICHES/FICHE/NOMENCLATURE_EUROPE/NIVEAU");
    CHECK(e.where().line > 3);
    CHECK_THAT(e.what(), Catch::Contains("RNCP100"));
  }
  const Registry reg = Registry::load(fixture("latin1.zip"), lenient());
  REQUIRE(reg.rejects().size() == 2);
  CHECK(reg.rejects()[0].record == "RNCP100");
  CHECK(reg.rejects()[0].field == "Codes_Rome_Libelle");
  CHECK(reg.rejects()[0].line == 2);
  CHECK(reg.rejects()[1].record == "RNCP101");
  CHECK(reg.rejects()[1].line == 3);
  CHECK_FALSE(reg.contains("RNCP101"));
}

TEST_CASE("Unknown formats and missing files") {
  CHECK_THROWS_AS(Registry::load(fixture("no-such-file.zip")), IoError);
  CHECK_THROWS_AS(Registry::read("hello", "<string>"), ParseError);
  CHECK_THROWS_AS(Registry::read("", "<string>"), ParseError);
  const Registry r =
      Registry::read("not a zip", "<x>", LoadOptions{false, RegistryFormat::csv_zip});
  CHECK(r.rejects().size() == 1);
}

TEST_CASE("Levels and the old French levels") {
  // domain.md §3: V→3, IV→4, III→5, II→6, I→7 or 8.
  CHECK(parse_level("NIV3") == 3);
  CHECK(parse_level("NIV8") == 8);
  CHECK_FALSE(parse_level("REPRISE").has_value());
  CHECK_FALSE(parse_level("").has_value());
  CHECK_THROWS_AS(parse_level("NIV9"), ParseError);
  CHECK_THROWS_AS(parse_level("niv3"), ParseError);
  const std::pair<const char*, int> table[] = {
      {"V", 3}, {"IV", 4}, {"III", 5}, {"II", 6}, {"I", 7}};
  for (auto [old, eu] : table) {
    CHECK(eu_level_from_old_french(old) == eu);
    CHECK(old_french_level(eu) == old);
  }
  CHECK(old_french_level(8) == "I");
  CHECK(old_french_level(2).empty());
  CHECK_FALSE(eu_level_from_old_french("VI").has_value());
}

TEST_CASE("Access-route labels") {
  CHECK(access_route_from_label("Par expérience") == AccessRoute::vae);
  CHECK(access_route_from_label("PAR EXPERIENCE") == AccessRoute::vae);
  CHECK(access_route_from_label("En contrat d’apprentissage") == AccessRoute::apprenticeship);
  CHECK(access_route_from_label("En contrat d'apprentissage") == AccessRoute::apprenticeship);
  CHECK_FALSE(access_route_from_label("Par correspondance").has_value());
  for (auto r : {AccessRoute::initial_training, AccessRoute::apprenticeship,
                 AccessRoute::continuing_training, AccessRoute::professionalisation_contract,
                 AccessRoute::individual_application, AccessRoute::vae}) {
    CHECK(try_access_route_from_string(to_string(r)) == r);
    CHECK(access_route_from_string(to_string(r)) == r);
  }
  // The from_string contract (issue #13).
  vaekit::test::check_from_string_contract<AccessRoute>(6, vaekit::access_route_from_string,
                                                        vaekit::try_access_route_from_string);
}

TEST_CASE("Certification codes") {
  CHECK(is_certification_code("RNCP37488"));
  CHECK(is_certification_code("RS6117"));
  CHECK_FALSE(is_certification_code("RNCP"));
  CHECK_FALSE(is_certification_code("rncp1"));
  CHECK_FALSE(is_certification_code("RNCP12a"));
  CHECK_FALSE(is_certification_code("RNCP1234567890"));
}
