// The admissibility request (Cerfa 12818 sections: certification sought, civil status,
// situation and goals, education, experience related to the certification), its completeness
// check and its JSON form, on the fixture registry (tests/data/pathway/counsel_registry.json).
#include <algorithm>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/admissibility.hpp"
#include "vaekit/pathway/event_records.hpp"

using namespace vaekit;

namespace {

// build_admissibility_request() with the sworn statement on the quotas signed (required on every
// Cerfa 12818 form since issue 12; the tests of other rules assume it given).
AdmissibilityRequest build_request(const Case& c, const Candidate& p,
                                   std::span<const Experience> xs, Date on,
                                   const Registry* reg = nullptr, AdmissibilityOptions o = {},
                                   const RegimeSet& regimes = RegimeSet::builtin()) {
  o.sworn_statement = true;
  return build_admissibility_request(c, p, xs, on, reg, o, regimes);
}

const Registry& fixture() {
  static const Registry reg =
      load_document<Registry>(test::data_dir() / "pathway" / "counsel_registry.json");
  return reg;
}

using test::case_for;

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
  const auto r = build_request(c, p, xs, Date(2021, 3, 1), &fixture());
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
  const auto r = build_request(c, p, xs, Date(2021, 3, 1), &fixture());
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
  auto rp =
      build_request(c, full_candidate(), experiences(), Date(2021, 3, 1), &fixture(), partial);
  CHECK(codes(rp.missing()) == std::vector<std::string>{"blocks_missing"});
  partial.blocks = {"RNCP90104BC02", "RNCP90104BC09"};
  rp = build_request(c, full_candidate(), experiences(), Date(2021, 3, 1), &fixture(), partial);
  CHECK(codes(rp.missing()) == std::vector<std::string>{"block_unknown"});
  CHECK(rp.certification.partial);

  // A certification closed to VAE; no certification at all; no registry (relevance unknown).
  const auto closed = build_request(case_for("RNCP90205"), full_candidate(), experiences(),
                                    Date(2021, 3, 1), &fixture());
  CHECK(codes(closed.missing()) ==
        std::vector<std::string>{"certification_not_vae_accessible", "no_related_experience"});
  const Case none = Case::from_events("C0042", test::path_to(Stage::counselling));
  const auto nocert =
      build_request(none, full_candidate(), experiences(), Date(2021, 3, 1), &fixture());
  CHECK(codes(nocert.missing()) ==
        std::vector<std::string>{"certification_missing", "no_related_experience"});
  const auto noreg = build_request(c, full_candidate(), experiences(), Date(2021, 3, 1));
  CHECK_FALSE(noreg.certification_checked);
  CHECK_FALSE(noreg.experiences[0].related.has_value());
  CHECK(codes(noreg.missing()) == std::vector<std::string>{"no_related_experience"});
  // Declared relevance is enough without a registry.
  auto declared = experiences();
  declared[0].related = true;
  CHECK(build_request(c, full_candidate(), declared, Date(2021, 3, 1)).complete());
  const auto empty = build_request(c, full_candidate(), {}, Date(2021, 3, 1), &fixture());
  CHECK(codes(empty.missing()) == std::vector<std::string>{"experiences_missing"});

  // The candidate must be linked to the case; the error names ids only.
  Candidate stranger = full_candidate();
  stranger.case_ids = {"C0001"};
  try {
    (void)build_request(c, stranger, experiences(), Date(2021, 3, 1));
    FAIL("expected InvalidArgument");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("Exemple") == std::string::npos);
    CHECK(std::string(e.what()).find("C0042") != std::string::npos);
  }
}

TEST_CASE("admissibility request: JSON document round trip and schema sample") {
  AdmissibilityOptions partial{true, {"RNCP90104BC02"}};
  const auto r = build_request(case_for("RNCP90104"), full_candidate(), experiences(),
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
  // A document of before issue 12 reads; it lacks only the sworn statement, now required.
  CHECK(codes(sample.missing()) == std::vector<std::string>{"sworn_statement_missing"});
  CHECK(sample.civil_status.nationality.empty());

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

TEST_CASE("admissibility request: the Cerfa 12818 fields, the sworn statement and the refusal") {
  // Cerfa 12818 (demande de recevabilité à la VAE): civilité, noms de naissance et d'usage, lieu
  // de naissance, nationalité, statut et catégorie socio-professionnelle, employeur et emploi
  // occupé de chaque expérience, pièces jointes, and the sworn statement on the quotas (one
  // request per certification and calendar year, three at most: Code de l'éducation R335-7).
  Candidate p = full_candidate();
  p.civility = "madame";
  p.usage_name = "Usage";
  p.birth_place = "Lyon (69)";
  p.nationality = "française";
  p.socio_professional_category = "employée";
  auto xs = experiences();
  xs[0].employer = "Association d'aide à domicile";
  xs[0].job_title = "aide à domicile";
  const Case c = case_for("RNCP90104");  // the fixture's DEAES (K1306), as above
  // Without the sworn statement: incomplete, with a reason that quotes no personal data.
  const auto unsigned_req = build_admissibility_request(c, p, xs, Date(2021, 3, 1), &fixture());
  CHECK(codes(unsigned_req.missing()) == std::vector<std::string>{"sworn_statement_missing"});
  CHECK_FALSE(unsigned_req.complete());
  CHECK_THAT(unsigned_req.missing()[0].message, Catch::Contains("R335-7"));
  CHECK(unsigned_req.missing()[0].message.find("Usage") == std::string::npos);
  AdmissibilityOptions o;
  o.sworn_statement = true;
  o.supporting_documents = {"pièce d'identité", "attestation d'emploi"};
  const auto r = build_admissibility_request(c, p, xs, Date(2021, 3, 1), &fixture(), o);
  CHECK(r.complete());
  CHECK(r.civil_status.civility == "madame");
  CHECK(r.civil_status.usage_name == "Usage");
  CHECK(r.civil_status.birth_place == "Lyon (69)");
  CHECK(r.civil_status.nationality == "française");
  CHECK(r.situation.socio_professional_category == "employée");
  CHECK(r.experiences[0].experience.employer == "Association d'aide à domicile");
  CHECK(r.experiences[0].experience.job_title == "aide à domicile");
  const Json doc = to_document(r);
  CHECK(doc["sworn_statement"] == true);
  CHECK(doc["supporting_documents"].size() == 2);
  CHECK(doc["experiences"][0]["job_title"] == "aide à domicile");
  CHECK(read_document<AdmissibilityRequest>(doc.dump()) == r);
  // Candidate.1: the new fields round-trip; a record without them writes no new key.
  CHECK(Json(p).get<Candidate>() == p);
  const Json plain = full_candidate();
  CHECK_FALSE(plain.contains("nationality"));
  CHECK_FALSE(plain.contains("civility"));
  CHECK(plain.get<Candidate>() == full_candidate());

  // The certifier's reasons of a refusal: admissibility_decided data.reason.
  auto events = test::path_to(Stage::admissibility_sent);
  Case refused = Case::from_events("C0043", std::move(events));
  Event no = test::make_event(EventKind::admissibility_decided, Date(2018, 4, 2), Role::certifier);
  no.data.decision = AdmissibilityDecision::not_admissible;
  no.data.reason = "expérience sans rapport avec le référentiel";
  refused.record(no);
  CHECK(refused.stage() == Stage::not_admissible);
  CHECK(refused.decision_reasons() == "expérience sans rapport avec le référentiel");
  const std::string line = format_event_line(refused.events().back());
  CHECK(parse_event_line(line, SourceLocation{"t", 1, 0, {}}) == refused.events().back());
  const EventRecords log = parse_event_log(line + "\n", "t", ReadMode::strict);
  REQUIRE(log.events.size() == 1);
  CHECK(log.events[0] == refused.events().back());
}
