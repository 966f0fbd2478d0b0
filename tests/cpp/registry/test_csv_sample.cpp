// The real CSV export sample (../shared/data/rncp/export-fiches-csv-2024-02-22-sample.zip), checked
// field by field against the ten parts as unzipped and read by hand.
#include <algorithm>

#include "test_support.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {
const Registry& csv_sample() {
  static const Registry reg =
      Registry::load(test::shared_data_dir() / "rncp/export-fiches-csv-2024-02-22-sample.zip");
  return reg;
}
}  // namespace

TEST_CASE("CSV sample: fiches, counts and format") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Registry& reg = csv_sample();
  // Standard part: 9 rows.
  CHECK(reg.size() == 9);
  CHECK(reg.source_format() == RegistryFormat::csv_zip);
  CHECK(reg.rejects().empty());
  CHECK(reg.import_stats().read == 9);
  CHECK(reg.import_stats().accepted == 9);
  std::vector<std::string> codes;
  for (const auto& c : reg) codes.push_back(c.code);
  CHECK(codes == std::vector<std::string>{"RNCP509", "RNCP1197", "RNCP4049", "RNCP22094",
                                          "RNCP28155", "RNCP30271", "RS5000", "RNCP19468",
                                          "RS6117"});
}

TEST_CASE("CSV sample: RNCP509 field by field") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Certification& c = csv_sample().get("RNCP509");
  // Standard: "14791";"RNCP509";"Agent vérificateur d'appareils extincteurs";"CAP";
  // "Certificat d'aptitude professionnelle";"NIV3";"Niveau 3";"Non";"Non";;;"31/08/2023";;
  // "Enregistrement de droit";;"INACTIVE"
  CHECK(c.fiche_id == 14791);
  CHECK(c.kind() == RegistryKind::rncp);
  CHECK(c.title == "Agent vérificateur d'appareils extincteurs");
  CHECK(c.short_type.code == "CAP");
  CHECK(c.short_type.label == "Certificat d'aptitude professionnelle");
  CHECK(c.level == 3);
  CHECK(c.old_level() == "V");
  CHECK(c.level_label == "Niveau 3");
  CHECK(c.new_caledonia == false);
  CHECK(c.french_polynesia == false);
  CHECK_FALSE(c.last_official_journal.has_value());
  CHECK_FALSE(c.decision_date.has_value());
  CHECK(c.registration_end == Date(2023, 8, 31));
  CHECK_FALSE(c.effect_date.has_value());
  CHECK(c.registration_type == "Enregistrement de droit");
  CHECK_FALSE(c.partial_validation.has_value());
  CHECK_FALSE(c.active);
  // Certificateurs: TAB-prefixed SIRET.
  REQUIRE(c.certifiers.size() == 1);
  CHECK(c.certifiers[0].siret == "11004301500012");
  CHECK(c.certifiers[0].name == "MINISTERE DE L'EDUCATION NATIONALE ET DE LA JEUNESSE");
  CHECK_FALSE(c.certifiers[0].active.has_value());
  // Blocs: six, in file order (BC05, BC06, BC01, BC02, BC03, BC04).
  REQUIRE(c.blocks.size() == 6);
  CHECK(c.blocks[0] ==
        SkillBlock{"RNCP509BC05", "UG2 : Mathématiques-Sciences physiques et chimiques"});
  CHECK(c.blocks[2].title ==
        "UP1 : Vérification d’une installation et organisation de l’intervention");
  CHECK(c.blocks[5].code == "RNCP509BC04");
  // VoixdAccès: all six routes, VAE among them.
  CHECK(c.access_routes.size() == 6);
  CHECK(c.vae_accessible());
  // Rome, Nsf, Formacode ("42872 : Sécurité incendie" loses its code prefix).
  CHECK(c.rome == std::vector<CodeLabel>{{"I1203", "Maintenance des bâtiments et des locaux"}});
  CHECK(c.rome_codes() == std::vector<std::string>{"I1203"});
  CHECK(c.nsf == std::vector<CodeLabel>{{"251", "Mécanique générale et de précision, usinage"}});
  CHECK(c.formacode == std::vector<CodeLabel>{{"42872", "Sécurité incendie"}});
  // Links: RNCP509 -> RNCP38228 (absent from the export: a dangling link).
  CHECK(c.replaces.empty());
  CHECK(c.replaced_by == std::vector<std::string>{"RNCP38228"});
}

TEST_CASE("CSV sample: other fiches") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Registry& reg = csv_sample();
  const auto& c4049 = reg.get("RNCP4049");
  // "1883";"RNCP4049";"Chef de projet commercial pour l'agroalimentaire";;;"NIV6";"Niveau 6";
  // "Non";"Non";"02/02/2011";;"02/02/2015";;"Enregistrement sur demande";;"INACTIVE"
  CHECK(c4049.title == "Chef de projet commercial pour l'agroalimentaire");
  CHECK(c4049.short_type == CodeLabel{});
  CHECK(c4049.level == 6);
  CHECK(c4049.last_official_journal == Date(2011, 2, 2));
  CHECK(c4049.registration_end == Date(2015, 2, 2));
  CHECK(c4049.certifiers.empty());
  CHECK(c4049.replaces == std::vector<std::string>{"RNCP1197"});
  CHECK(c4049.replaced_by == std::vector<std::string>{"RNCP22094"});
  // Rome rows in order D1407, D1406, H1102; the doubled apostrophe of "d''affaires" undone.
  REQUIRE(c4049.rome.size() == 3);
  CHECK(c4049.rome[2] == CodeLabel{"H1102", "Management et ingénierie d'affaires"});
  CHECK(c4049.nsf ==
        std::vector<CodeLabel>{{"221w", "Commercialisation de produits alimentaires"}});
  CHECK(c4049.vae_accessible());
  CHECK(c4049.access_routes ==
        std::vector<AccessRoute>{AccessRoute::initial_training, AccessRoute::continuing_training,
                                 AccessRoute::individual_application, AccessRoute::vae});

  const auto& rs5000 = reg.get("RS5000");
  // "2";"RS5000";"Exploiter la blockchain dans le développement d’applications";;;;;"Non";"Non";;
  // "13/06/2019";"24/05/2024";;"Enregistrement sur demande";"Non";"ACTIVE"
  CHECK(rs5000.kind() == RegistryKind::rs);
  CHECK(rs5000.fiche_id == 2);
  CHECK_FALSE(rs5000.level.has_value());
  CHECK(rs5000.decision_date == Date(2019, 6, 13));
  CHECK(rs5000.registration_end == Date(2024, 5, 24));
  CHECK(rs5000.partial_validation == false);
  CHECK(rs5000.active);
  CHECK(rs5000.certifiers ==
        std::vector<Certifier>{{"79279132900016", "SIMPLON.CO", std::nullopt}});
  CHECK(rs5000.formacode == std::vector<CodeLabel>{{"31004", "Blockchain"}});
  CHECK(rs5000.nsf.size() == 2);
  CHECK(rs5000.nsf[1] == CodeLabel{"114b", "Modèles mathématiques ; Informatique mathématique"});
  CHECK(rs5000.vae_accessible());

  const auto& tourier = reg.get("RNCP19468");
  // Level REPRISE: no level, the label kept.
  CHECK_FALSE(tourier.level.has_value());
  CHECK(tourier.level_label.rfind("Sans niveau", 0) == 0);
  CHECK(tourier.replaced_by == std::vector<std::string>{"RS6117"});
  CHECK(tourier.rome.size() == 2);
  // VoixdAccès: Par expérience, formation continue, contrat de professionnalisation, candidature
  // individuelle.
  CHECK(tourier.vae_accessible());
  CHECK(tourier.access_routes == std::vector<AccessRoute>{AccessRoute::continuing_training,
                                                          AccessRoute::professionalisation_contract,
                                                          AccessRoute::individual_application,
                                                          AccessRoute::vae});

  const auto& rs6117 = reg.get("RS6117");
  CHECK(rs6117.certifiers.size() == 2);
  CHECK(rs6117.certifiers[1].siret == "31504294500032");
  CHECK(rs6117.replaces == std::vector<std::string>{"RNCP19468"});
  CHECK(rs6117.access_routes == std::vector<AccessRoute>{AccessRoute::continuing_training,
                                                         AccessRoute::professionalisation_contract,
                                                         AccessRoute::vae});
}

TEST_CASE("CSV sample: replacement chains") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Registry& reg = csv_sample();
  // RNCP1197 -> 4049 -> 22094 -> 28155 -> 30271 (issue acceptance).
  CHECK(reg.successors("RNCP1197") == std::vector<std::string>{"RNCP30271"});
  auto s = reg.succession("RNCP1197");
  CHECK(s.chain == std::vector<std::string>{"RNCP4049", "RNCP22094", "RNCP28155", "RNCP30271"});
  CHECK(s.issues.empty());
  // Across registries.
  CHECK(reg.successors("RNCP19468") == std::vector<std::string>{"RS6117"});
  CHECK(reg.active_successors("RNCP19468") == std::vector<std::string>{"RS6117"});
  // RNCP30271 is itself INACTIVE in this snapshot: no active successor for 1197.
  CHECK(reg.active_successors("RNCP1197").empty());
  CHECK(reg.successors("RNCP30271").empty());
  CHECK(reg.predecessors("RNCP30271") ==
        std::vector<std::string>{"RNCP1197", "RNCP22094", "RNCP28155", "RNCP4049"});
  // RNCP509 -> RNCP38228, which is not in the export.
  auto d = reg.succession("RNCP509");
  CHECK(d.successors == std::vector<std::string>{"RNCP38228"});
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0] == LinkIssue{LinkIssue::Kind::dangling, "RNCP509", "RNCP38228"});
  CHECK(reg.link_issues() ==
        std::vector<LinkIssue>{{LinkIssue::Kind::dangling, "RNCP509", "RNCP38228"}});
  CHECK_THROWS_AS(reg.successors("RNCP1"), NotFound);
}
