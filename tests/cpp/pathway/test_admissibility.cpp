// The admissibility request (Cerfa 12818 sections: certification sought, civil status,
// situation and goals, education, experience related to the certification), its completeness
// check and its JSON form, on the fixture registry (tests/data/pathway/counsel_registry.json).
#include <algorithm>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/admissibility.hpp"

using namespace vaekit;

namespace {

const Registry& fixture() {
  static const Registry reg =
      load_document<Registry>(test::data_dir() / "pathway" / "counsel_registry.json");
  return reg;
}

Case case_for(const std::string& certification) {
  auto events = test::path_to(Stage::admissibility_preparation);
  for (auto& e : events) {
    if (e.kind == EventKind::certification_chosen) e.certification = certification;
  }
  return Case::from_events("C0042", std::move(events));
}

Candidate full_candidate() {
  Candidate p;
  p.id = "P0042";
  p.case_ids = {"C0042"};
  p.family_name = "Exemple";
  p.given_names = "Camille";
  p.birth_date = Date(1980, 3, 12);
  p.address = "1 rue de l'Exemple, 75000 Paris";
  p.email = "camille.exemple@example.invalid";
  p.situation = "employee";
  p.goals = "Obtenir le DEAES";
  p.highest_level = 3;
  p.certifications_held = {"CAP Petite enfance"};
  return p;
}

std::vector<Experience> experiences() {
  Experience aid;
  aid.period = DateRange(Date(2019, 1, 1), Date(2019, 12, 31));
  aid.rome = "K1306";
  aid.text = "Aide à domicile auprès de personnes âgées";
  Experience shop;
  shop.period = DateRange(Date(2016, 1, 1), Date(2016, 6, 30));
  shop.hours_per_week = Rational(20);
  shop.rome = "D1106";
  shop.text = "Vente en boulangerie";
  return {aid, shop};
}

std::vector<std::string> codes(const std::vector<Reason>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.code);
  return out;
}

}  // namespace

TEST_CASE("admissibility request: built from case, candidate and experiences; complete") {
  const Case c = case_for("RNCP90104");
  const Candidate p = full_candidate();
  const auto xs = experiences();
  const auto r = build_admissibility_request(c, p, xs, Date(2021, 3, 1), &fixture());
  CHECK(r.case_id == "C0042");
  CHECK(r.candidate_id == "P0042");
  // Section 1 from the registry.
  CHECK(r.certification.code == "RNCP90104");
  CHECK(r.certification.title == "Diplôme d'État d'accompagnant éducatif et social (DEAES)");
  CHECK(r.certification.level == 3);
  CHECK(r.certification.certifier == "MINISTERE CHARGE DES AFFAIRES SOCIALES");
  CHECK(r.certification_checked);
  CHECK(r.known_blocks.size() == 5);
  // Sections 2-4 from the candidate.
  CHECK(r.civil_status.family_name == "Exemple");
  CHECK(r.civil_status.birth_date == Date(1980, 3, 12));
  CHECK(r.situation.goals == "Obtenir le DEAES");
  CHECK(r.education.highest_level == 3);
  // Section 5: K1306 is the fiche's ROME code (related, 365 days = 1,607 h); D1106 is not
  // (unrelated; 182 days × 1607/365 × 20/35 h still shown).
  REQUIRE(r.experiences.size() == 2);
  CHECK(r.experiences[0].related == true);
  CHECK(r.experiences[0].hours == Rational(1607));
  CHECK(r.experiences[1].related == false);
  CHECK(r.experiences[1].hours == Rational(182 * 1607 * 20, 365 * 35));
  CHECK(r.related_hours() == Rational(1607));
  CHECK(r.missing().empty());
  CHECK(r.complete());
}

TEST_CASE(
    "admissibility request: completeness check lists what is missing, without personal data") {
  const Case c = case_for("RNCP90104");
  Candidate p;
  p.id = "P0042";
  p.case_ids = {"C0042"};
  p.family_name = "Secret";
  std::vector<Experience> xs = experiences();
  xs[0].text.clear();
  xs[0].rome = "D1106";  // now nothing is related
  const auto r = build_admissibility_request(c, p, xs, Date(2021, 3, 1), &fixture());
  CHECK(codes(r.missing()) ==
        std::vector<std::string>{"given_names_missing", "birth_date_missing", "address_missing",
                                 "contact_missing", "situation_missing", "goals_missing",
                                 "highest_level_missing", "experience_description_missing",
                                 "no_related_experience"});
  for (const auto& m : r.missing()) CHECK(m.message.find("Secret") == std::string::npos);
  CHECK(r.missing()[7].message == "Expérience 1 : description des activités manquante.");

  // Partial requests: blocks must be named and belong to the certification.
  AdmissibilityOptions partial;
  partial.partial = true;
  auto rp = build_admissibility_request(c, full_candidate(), experiences(), Date(2021, 3, 1),
                                        &fixture(), partial);
  CHECK(codes(rp.missing()) == std::vector<std::string>{"blocks_missing"});
  partial.blocks = {"RNCP90104BC02", "RNCP90104BC09"};
  rp = build_admissibility_request(c, full_candidate(), experiences(), Date(2021, 3, 1), &fixture(),
                                   partial);
  CHECK(codes(rp.missing()) == std::vector<std::string>{"block_unknown"});
  CHECK(rp.certification.partial);

  // A certification closed to VAE; no certification at all; no registry (relevance unknown).
  const auto closed = build_admissibility_request(case_for("RNCP90205"), full_candidate(),
                                                  experiences(), Date(2021, 3, 1), &fixture());
  CHECK(codes(closed.missing()) ==
        std::vector<std::string>{"certification_not_vae_accessible", "no_related_experience"});
  const Case none = Case::from_events("C0042", test::path_to(Stage::counselling));
  const auto nocert = build_admissibility_request(none, full_candidate(), experiences(),
                                                  Date(2021, 3, 1), &fixture());
  CHECK(codes(nocert.missing()) ==
        std::vector<std::string>{"certification_missing", "no_related_experience"});
  const auto noreg =
      build_admissibility_request(c, full_candidate(), experiences(), Date(2021, 3, 1));
  CHECK_FALSE(noreg.certification_checked);
  CHECK_FALSE(noreg.experiences[0].related.has_value());
  CHECK(codes(noreg.missing()) == std::vector<std::string>{"no_related_experience"});
  // Declared relevance is enough without a registry.
  auto declared = experiences();
  declared[0].related = true;
  CHECK(build_admissibility_request(c, full_candidate(), declared, Date(2021, 3, 1)).complete());
  const auto empty =
      build_admissibility_request(c, full_candidate(), {}, Date(2021, 3, 1), &fixture());
  CHECK(codes(empty.missing()) == std::vector<std::string>{"experiences_missing"});

  // The candidate must be linked to the case; the error names ids only.
  Candidate stranger = full_candidate();
  stranger.case_ids = {"C0001"};
  try {
    (void)build_admissibility_request(c, stranger, experiences(), Date(2021, 3, 1));
    FAIL("expected InvalidArgument");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("Exemple") == std::string::npos);
    CHECK(std::string(e.what()).find("C0042") != std::string::npos);
  }
}

TEST_CASE("admissibility request: JSON document round trip and schema sample") {
  AdmissibilityOptions partial{true, {"RNCP90104BC02"}};
  const auto r = build_admissibility_request(case_for("RNCP90104"), full_candidate(), experiences(),
                                             Date(2021, 3, 1), &fixture(), partial);
  const Json doc = to_document(r);
  CHECK(doc["schema"] == "AdmissibilityRequest.1");
  CHECK(doc["experiences"][1]["counted_hours"] == "167128/365");  // 182×1607×20/(365×35)
  const auto back = read_document<AdmissibilityRequest>(doc.dump());
  CHECK(back == r);
  CHECK(back.missing() == r.missing());

  const auto sample = load_document<AdmissibilityRequest>(test::data_dir() / "schemas" /
                                                          "AdmissibilityRequest.1.json");
  CHECK(sample.case_id == "C0001");
  CHECK(sample.certification.code == "RNCP36004");
  CHECK(sample.experiences.size() == 1);
  CHECK(sample.related_hours() == Rational(1607));
  CHECK(sample.complete());

  // Errors name the field, never the value.
  Json bad = doc;
  bad["civil_status"]["birth_date"] = "12/03/1980";
  try {
    (void)from_document<AdmissibilityRequest>(bad, "req.json");
    FAIL("expected ParseError");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "birth_date");
  }
  bad = doc;
  bad["experiences"][0]["counted_hours"] = "x";
  CHECK_THROWS_AS(from_document<AdmissibilityRequest>(bad), ParseError);
  bad = doc;
  bad["certification"]["level"] = 12;
  CHECK_THROWS_AS(from_document<AdmissibilityRequest>(bad), ParseError);
}
