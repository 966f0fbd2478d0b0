// The real XML export samples (../shared/data/rncp/export_fiches_RNCP_V4_1-sample.xml and
// export_fiches_RS_V4_1-sample.xml), checked field by field against the files read by hand.
#include <algorithm>

#include "test_support.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {
const Registry& rncp_xml() {
  static const Registry reg =
      Registry::load(test::shared_data_dir() / "rncp/export_fiches_RNCP_V4_1-sample.xml");
  return reg;
}
const Registry& rs_xml() {
  static const Registry reg =
      Registry::load(test::shared_data_dir() / "rncp/export_fiches_RS_V4_1-sample.xml");
  return reg;
}
}  // namespace

TEST_CASE("RNCP XML sample: RNCP34762 field by field") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Registry& reg = rncp_xml();
  CHECK(reg.size() == 4);
  CHECK(reg.source_format() == RegistryFormat::xml);
  CHECK(reg.rejects().empty());
  const Certification& c = reg.get("RNCP34762");
  CHECK(c.fiche_id == 20172);
  CHECK(c.title == "Programme Grande Ecole – Diplôme d’études supérieures en management");
  CHECK(c.short_type == CodeLabel{"DipViGrM", "Diplôme visé grade de master"});
  CHECK(c.status == "Publiée");
  REQUIRE(c.formacode.size() == 5);
  CHECK(c.formacode[0] == CodeLabel{"34254", "Commerce international"});
  CHECK(c.formacode[4] == CodeLabel{"32654", "Gestion financière comptabilité"});
  CHECK(c.level == 7);
  CHECK(c.old_level() == "I");
  CHECK(c.level_label == "Niveau 7");
  REQUIRE(c.nsf.size() == 3);
  CHECK(c.nsf[2].code == "315p");
  REQUIRE(c.certifiers.size() == 2);
  CHECK(c.certifiers[0].siret == "81738914100018");
  CHECK(c.certifiers[1] == Certifier{"11004401300040",
                                     "MINISTERE DE L'ENSEIGNEMENT SUPERIEUR ET DE LA RECHERCHE",
                                     true});
  CHECK(c.rome_codes() == std::vector<std::string>{"M1202", "M1205", "M1705", "M1402", "M1707"});
  CHECK(c.rome[3].label == "Conseil en organisation et management d'entreprise");
  // SI_JURY_FI/CA/FC/CQ Oui, CL Non, VAE Oui.
  CHECK(c.access_routes ==
        std::vector<AccessRoute>{AccessRoute::initial_training, AccessRoute::apprenticeship,
                                 AccessRoute::continuing_training,
                                 AccessRoute::professionalisation_contract, AccessRoute::vae});
  CHECK(c.vae_accessible());
  CHECK(c.new_caledonia == false);
  CHECK(c.french_polynesia == false);
  CHECK(c.url == "https://www.grenoble-em.com/programme-grande-ecole");
  CHECK(c.registration_end == Date(2024, 8, 31));
  CHECK(c.effect_date == Date(2020, 9, 1));
  CHECK(c.registration_type == "Enregistrement de droit");
  REQUIRE(c.blocks.size() == 5);
  CHECK(c.blocks[0] == SkillBlock{"RNCP34762BC01",
                                  "Stratégie, organisation, environnement socioéconomique et "
                                  "géopolitique"});
  CHECK(c.blocks[4].code == "RNCP34762BC05");
  CHECK_FALSE(c.active);
  CHECK(c.publication_date == Date(2020, 7, 23));
  // STATISTIQUES_PROMOTIONS: 2018 (876, 1 VAE, 76 %), 2017 (853, 0, 81 %, 81 %): sorted by year.
  REQUIRE(c.statistics.size() == 2);
  CHECK(c.statistics[0] == PromotionStats{2017, 853, 0, 81, 81});
  CHECK(c.statistics[1] == PromotionStats{2018, 876, 1, 76, std::nullopt});
  CHECK(c.replaces == std::vector<std::string>{"RNCP24998"});
  CHECK(c.replaced_by == std::vector<std::string>{"RNCP39568"});
  CHECK(c.correspondences.empty());
}

TEST_CASE("RNCP XML sample: the other fiches") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Registry& reg = rncp_xml();
  const auto& cyber = reg.get("RNCP37488");
  CHECK(cyber.title == "Cybersécurité");
  CHECK(cyber.short_type.code == "CS");
  CHECK(cyber.level == 4);
  CHECK(cyber.access_routes.size() == 6);
  CHECK(cyber.new_caledonia == true);
  CHECK(cyber.url == "*       *");
  CHECK(cyber.registration_end == Date(2028, 8, 31));
  CHECK(cyber.effect_date == Date(2023, 9, 1));
  CHECK(cyber.active);
  CHECK(cyber.statistics.empty());
  CHECK(cyber.blocks.size() == 2);
  CHECK(cyber.blocks[0].title == "Mise en œuvre de réseaux informatiques");

  const auto& rh = reg.get("RNCP36612");
  CHECK(rh.short_type == CodeLabel{});
  CHECK(rh.level == 5);
  REQUIRE(rh.certifiers.size() == 2);
  CHECK(rh.certifiers[1].active == false);
  CHECK(rh.last_official_journal == Date(2016, 10, 4));
  CHECK(rh.decision_date == Date(2022, 7, 1));
  CHECK(rh.registration_years == 5);
  CHECK(rh.registration_end == Date(2027, 7, 1));
  CHECK(rh.statistics ==
        std::vector<PromotionStats>{{2018, 93, 0, 89, 75}, {2019, 106, 3, 81, 68}});
  CHECK(rh.replaces == std::vector<std::string>{"RNCP27095"});
  CHECK(rh.blocks.size() == 4);

  const auto& dese = reg.get("RNCP39568");
  CHECK(dese.delivery_deadline == Date(2034, 8, 31));
  CHECK(dese.replaces == std::vector<std::string>{"RNCP34762"});
  CHECK(dese.blocks.size() == 6);
  // RNCP34762 -> RNCP39568, recorded from both sides.
  CHECK(reg.successors("RNCP34762") == std::vector<std::string>{"RNCP39568"});
  CHECK(reg.predecessors("RNCP39568") == std::vector<std::string>{"RNCP24998", "RNCP34762"});
}

TEST_CASE("RS XML sample: field by field") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  const Registry& reg = rs_xml();
  CHECK(reg.size() == 8);
  CHECK(reg.rejects().empty());
  for (const auto& c : reg) {
    CHECK(c.kind() == RegistryKind::rs);
    CHECK_FALSE(c.level.has_value());
  }
  const auto& pse = reg.get("RS5719");
  CHECK(pse.title == "Premiers secours en équipe de niveau 1");
  CHECK(pse.fiche_id == 21999);
  CHECK(pse.access_routes == std::vector<AccessRoute>{AccessRoute::continuing_training});
  CHECK_FALSE(pse.vae_accessible());
  CHECK(pse.partial_validation == false);
  CHECK(pse.effect_date == Date(2022, 1, 1));
  CHECK(pse.publication_date == Date(2021, 12, 15));
  CHECK(pse.replaces == std::vector<std::string>{"RS2573"});
  CHECK(pse.certifiers[0].name == "MINISTERE DE L' INTERIEUR ET DES OUTRE-MER");

  const auto& chain = reg.get("RS5000");
  CHECK_FALSE(chain.active);
  CHECK(chain.vae_accessible());
  CHECK(chain.replaced_by == std::vector<std::string>{"RS6604"});
  CHECK(reg.successors("RS5000") == std::vector<std::string>{"RS6604"});
  CHECK(reg.active_successors("RS5000", /*vae_only=*/true).empty());  // RS6604: no VAE

  const auto& cci = reg.get("RS5568");
  CHECK(cci.statistics ==
        std::vector<PromotionStats>{{2019, 12, std::nullopt, std::nullopt, std::nullopt},
                                    {2020, 46, std::nullopt, std::nullopt, std::nullopt},
                                    {2021, 54, std::nullopt, std::nullopt, std::nullopt}});
  CHECK(cci.access_routes == std::vector<AccessRoute>{AccessRoute::initial_training,
                                                      AccessRoute::continuing_training,
                                                      AccessRoute::professionalisation_contract});
  const auto& amiante = reg.get("RS7485");
  CHECK(amiante.last_official_journal == Date(2023, 1, 20));
  CHECK(amiante.decision_date == Date(2025, 12, 18));
  CHECK(amiante.registration_years == 2);
  CHECK(amiante.delivery_deadline == Date(2028, 6, 17));
  CHECK(amiante.statistics.size() == 4);
  CHECK(amiante.statistics.front().year == 2022);
}

TEST_CASE("XML samples merged with the CSV sample's RS chain") {
  if (!test::has_shared_data()) {
    WARN("shared data absent: skipped");
    return;
  }
  Registry both = rncp_xml();
  both.merge(rs_xml());
  CHECK(both.size() == 12);
  CHECK(both.import_stats().read == 12);
  CHECK_THROWS_AS(both.merge(rs_xml()), InvalidArgument);
}
