// Issue 12, "the counsellor's tools agree": one relevance rule, registration on the date, the
// minimum in completeness, the level window as a preference, periods (duplicates, overlaps, the
// 48 h weekly maximum). Hand-worked cases; each rule's source is in the comment.
#include <algorithm>

#include "helpers.hpp"
#include "test_support.hpp"
#include "vaekit/core/organisations.hpp"
#include "vaekit/pathway/admissibility.hpp"
#include "vaekit/pathway/orientation.hpp"
#include "vaekit/pathway/suggestions.hpp"

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

Certification cert(std::string code, std::string title, std::optional<int> level,
                   std::vector<std::string> rome, bool active = true, bool vae = true) {
  Certification c;
  c.code = std::move(code);
  c.title = std::move(title);
  c.level = level;
  for (auto& r : rome) c.rome.push_back({std::move(r), {}});
  c.active = active;
  c.access_routes = {AccessRoute::continuing_training};
  if (vae) c.access_routes.push_back(AccessRoute::vae);
  c.certifiers.push_back({"11004401300040", "MINISTERE DES SOLIDARITES", true});
  c.blocks.push_back({c.code + "BC01", "Bloc 1"});
  return c;
}

// Shaped after the registry (dates and links of the fixtures are hand-made where said):
// RNCP36004 is the DEAES of 2021 (ROME K1306, whose ROME v3 parent is K1302, ROME v4.60);
// RNCP90501 is registered from 2022-07-01; RNCP90502 ended on 2024-08-31 and is replaced by
// RNCP90503 (open to VAE) and RS90504 (VAE closed in the export); RNCP90601 is a level-5
// "assistant ressources humaines" (M1501).
const Registry& registry() {
  static const Registry reg = [] {
    std::vector<Certification> cs;
    cs.push_back(
        cert("RNCP36004", "Diplôme d'État d'accompagnant éducatif et social", 3, {"K1306"}));
    cs.back().effect_date = Date(2021, 9, 1);
    cs.push_back(cert("RNCP90501", "Titre enregistré en 2022", 4, {"M1607"}));
    cs.back().decision_date = Date(2022, 6, 15);
    cs.back().effect_date = Date(2022, 7, 1);
    cs.push_back(cert("RNCP90502", "Titre échu en 2024", 4, {"M1608"}, false));
    cs.back().effect_date = Date(2019, 9, 1);
    cs.back().registration_end = Date(2024, 8, 31);
    cs.back().replaced_by = {"RNCP90503", "RS90504"};
    cs.push_back(cert("RNCP90503", "Titre qui le remplace", 4, {"M1609"}));
    cs.back().effect_date = Date(2024, 9, 1);
    cs.back().replaces = {"RNCP90502"};
    cs.push_back(cert("RS90504", "Certificat sans VAE", std::nullopt, {"M1608"}, true, false));
    cs.back().effect_date = Date(2024, 9, 1);
    cs.back().replaces = {"RNCP90502"};
    cs.push_back(cert("RNCP90601", "Assistant ressources humaines", 5, {"M1501"}));
    return Registry(std::move(cs));
  }();
  return reg;
}

const RomeCatalog& rome() {
  static const RomeCatalog cat =
      RomeCatalog::load_csv(test::data_dir() / "pathway" / "rome_fixture.csv");
  return cat;
}

Experience job(std::string code, Date first, Date last, Rational per_week = Rational(35),
               ActivityKind kind = ActivityKind::salaried) {
  Experience x;
  x.kind = kind;
  x.period = DateRange(first, last);
  x.hours_per_week = per_week;
  x.rome = std::move(code);
  x.text = "Activités décrites";
  return x;
}

using test::case_for;

Candidate candidate() {
  Candidate p;
  p.id = "P0042";
  p.case_ids = {"C0042"};
  p.family_name = "Exemple";
  p.given_names = "Camille";
  p.birth_date = Date(1980, 3, 12);
  p.address = "1 rue de l'Exemple, 75000 Paris";
  p.email = "camille.exemple@example.invalid";
  p.situation = "employee";
  p.goals = "Obtenir le diplôme";
  p.highest_level = 3;
  return p;
}

std::vector<std::string> codes(const std::vector<Reason>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.code);
  return out;
}

bool has(const std::vector<Reason>& rs, std::string_view code) {
  return std::any_of(rs.begin(), rs.end(), [&](const Reason& r) { return r.code == code; });
}

}  // namespace

TEST_CASE("counsel rules: the four tools agree on the care assistant K1302 with 4 years") {
  // Four years full time as "assistance auprès d'adultes" (K1302), 2019-01-01..2022-12-31:
  // 1,461 days × 1,607/365 h (vae-2017, 1,607 h a year, service-public F2401) = 6,432.40 h.
  // RNCP36004 (DEAES) lists K1306, whose ROME v3 parent is K1302: related by the v3 parent.
  const std::vector<Experience> xs{job("K1302", Date(2019, 1, 1), Date(2022, 12, 31))};
  const Date on(2023, 3, 1);
  const Rational four_years(1461 * 1607, 365);

  const auto s = suggest_certifications(xs, 3, registry(), on, {}, &rome());
  REQUIRE(!s.suggestions.empty());
  CHECK(s.suggestions[0].code == "RNCP36004");
  CHECK(s.suggestions[0].match == RomeMatch::shared_parent);
  CHECK(s.suggestions[0].hours == four_years);

  const CertificationTarget deaes = certification_target(registry(), "RNCP36004", on, &rome());
  const auto el = assess_eligibility(xs, on, RegimeSet::builtin(), &deaes);
  CHECK(el.eligible);
  CHECK(el.hours == s.suggestions[0].hours);
  CHECK(el.details[0].related);
  CHECK(el.details[0].link == RelevanceLink::rome_parent);
  CHECK(el.has_reason("related_rome_parent"));
  CHECK_FALSE(el.has_reason("not_related"));

  OrientationInput in;
  in.target = deaes;
  const auto adv = suggest_orientation(xs, in, on);
  CHECK(adv.first() == OrientationTarget::vae);
  CHECK(adv.eligibility == el);

  AdmissibilityOptions opt;
  opt.rome = &rome();
  const auto req = build_request(case_for("RNCP36004"), candidate(), xs, on, &registry(), opt);
  CHECK(req.experiences[0].related == true);
  CHECK(req.related_hours() == four_years);
  CHECK(codes(req.missing()).empty());
  CHECK(req.complete());
}

TEST_CASE("counsel rules: relevance says which link made an experience relevant") {
  CertificationTarget t("RNCP36004", {"K1306"});
  t.parent_rome_codes = {"K1302"};
  t.inherited = {{"RNCP25467", {"K1301"}}};
  Experience x = job("K1306", Date(2019, 1, 1), Date(2019, 12, 31));
  CHECK(relevance(x, &t).link == RelevanceLink::exact_rome);
  CHECK(relevance(x, &t).reason.code == "related_exact_rome");
  x.rome = "K1302";
  CHECK(relevance(x, &t).link == RelevanceLink::rome_parent);
  x.rome = "K1301";
  const Relevance by_succession = relevance(x, &t, 1);
  CHECK(by_succession.related);
  CHECK(by_succession.link == RelevanceLink::successor);
  CHECK(by_succession.via == "RNCP25467");
  CHECK(by_succession.reason.message.rfind("Expérience 2 : ", 0) == 0);
  x.rome = "D1102";
  CHECK_FALSE(relevance(x, &t).related);
  CHECK(relevance(x, &t).link == RelevanceLink::unrelated);
  x.related = true;
  CHECK(relevance(x, &t).link == RelevanceLink::declared);
  x.related = false;
  x.rome = "K1306";
  CHECK(relevance(x, &t).link == RelevanceLink::declared_unrelated);
  x.related.reset();
  x.rome.clear();
  CHECK(relevance(x, &t).link == RelevanceLink::no_rome);
  CHECK(relevance(x, nullptr).link == RelevanceLink::not_checked);
  CHECK(relevance(x, nullptr).related);
  // Every link name reads back.
  for (auto l :
       {RelevanceLink::declared, RelevanceLink::exact_rome, RelevanceLink::rome_parent,
        RelevanceLink::successor, RelevanceLink::not_checked, RelevanceLink::declared_unrelated,
        RelevanceLink::no_rome, RelevanceLink::unrelated}) {
    CHECK(relevance_link_from_string(to_string(l)) == l);
  }
  CHECK_THROWS_AS(relevance_link_from_string("near"), InvalidArgument);
}

TEST_CASE("counsel rules: a request before the registration is not complete") {
  // RNCP90501 takes effect on 2022-07-01 (decision 2022-06-15): a 2021 request cannot be made
  // (registration on the date, Code de l'éducation L335-6: only registered certifications are
  // open to VAE).
  const std::vector<Experience> xs{job("M1607", Date(2018, 1, 1), Date(2020, 12, 31))};
  const Date on(2021, 5, 3);
  AdmissibilityOptions opt;
  const auto req = build_request(case_for("RNCP90501"), candidate(), xs, on, &registry(), opt);
  CHECK_FALSE(req.complete());
  CHECK(has(req.missing(), "not_yet_registered"));
  OrientationInput in;
  in.target = certification_target(registry(), "RNCP90501", on);
  const auto adv = suggest_orientation(xs, in, on);
  CHECK_FALSE(adv.suggests(OrientationTarget::vae));
  CHECK(adv.first() == OrientationTarget::training);
  CHECK(adv.suggestions[0].has_reason("certification_closed"));
  // On 2022-07-01 it is open.
  CHECK(certification_target(registry(), "RNCP90501", Date(2022, 7, 1)).registration->open());
  CHECK_FALSE(
      certification_target(registry(), "RNCP90501", Date(2022, 6, 30)).registration->open());
}

TEST_CASE("counsel rules: a registration that ended offers the successor open to VAE") {
  // RNCP90502 ended on 2024-08-31; its successors are RNCP90503 (open to VAE) and RS90504
  // (VAE closed in the export): only RNCP90503 is offered, with the reason.
  const std::vector<Experience> xs{job("M1608", Date(2020, 1, 1), Date(2023, 12, 31))};
  const Date on(2025, 2, 3);
  const auto reg = registration_on(registry(), registry().get("RNCP90502"), on);
  CHECK_FALSE(reg.open());
  CHECK(reg.successors == std::vector<std::string>{"RNCP90503"});
  CHECK(has(reg.reasons, "registration_ended"));
  CHECK(has(reg.reasons, "successor_offered"));
  // On 2024-08-31 it was still registered.
  CHECK(registration_on(registry(), registry().get("RNCP90502"), Date(2024, 8, 31)).open());

  const auto req = build_request(case_for("RNCP90502"), candidate(), xs, on, &registry(),
                                 AdmissibilityOptions{});
  const auto missing = req.missing();
  CHECK(has(missing, "registration_ended"));
  REQUIRE(has(missing, "successor_offered"));
  const Reason offered_reason = *std::find_if(missing.begin(), missing.end(), [](const Reason& r) {
    return r.code == "successor_offered";
  });
  CHECK(offered_reason.message.find("RNCP90503") != std::string::npos);
  CHECK(offered_reason.message.find("RS90504") == std::string::npos);
  OrientationInput in;
  in.target = certification_target(registry(), "RNCP90502", on);
  const auto adv = suggest_orientation(xs, in, on);
  REQUIRE(adv.suggests(OrientationTarget::vae));
  CHECK(adv.suggestions[0].has_reason("successor_offered"));

  // Suggestions: the M1608 job is offered RNCP90503 only (RS90504 is closed to VAE).
  const auto s = suggest_certifications(xs, 4, registry(), on);
  std::vector<std::string> offered;
  for (const auto& x : s.suggestions) offered.push_back(x.code);
  CHECK(offered == std::vector<std::string>{"RNCP90503"});
  CHECK(s.suggestions[0].replaces == std::vector<std::string>{"RNCP90502"});
}

TEST_CASE("counsel rules: the minimum of experience is part of completeness") {
  // 132 h of related experience under vae-2017 (1 year = 1,607 h, décret 2017-1135): the
  // request is not complete (minimum_not_met); 1,607 h is.
  Experience x;
  x.hours = Rational(132);
  x.related = true;
  x.text = "Remplacements";
  const Date on(2022, 1, 10);
  auto req = build_request(case_for("RNCP36004"), candidate(), {&x, 1}, on, &registry());
  CHECK(req.minimum_hours == Rational(1607));
  CHECK(codes(req.missing()) == std::vector<std::string>{"minimum_not_met"});
  x.hours = Rational(1607);
  req = build_request(case_for("RNCP36004"), candidate(), {&x, 1}, on, &registry());
  CHECK(req.complete());
  // The regime is the pathway's: this case started on 2018-01-08 (its first event), so a 2024
  // request still needs vae-2017's 1,607 h (the regime of the assessment date, vae-2024, would
  // accept any related hour).
  x.hours = Rational(132);
  req = build_request(case_for("RNCP36004"), candidate(), {&x, 1}, Date(2024, 3, 4), &registry());
  CHECK(req.regime == "vae-2017");
  CHECK(has(req.missing(), "minimum_not_met"));
  // The 2024 transition is a dated, configurable rule: when vae-2024 governs ongoing pathways from
  // 2024-01-01, any related hour is enough (décret 2023-1275).
  RegimeSet transition;
  Regime r24 = transition.named("vae-2024");
  r24.ongoing_pathways_from = Date(2024, 1, 1);
  transition.add(r24);
  req = build_request(case_for("RNCP36004"), candidate(), {&x, 1}, Date(2024, 3, 4), &registry(),
                      {}, transition);
  CHECK(req.regime == "vae-2024");
  CHECK(req.complete());
  CHECK(transition.for_pathway(Date(2018, 1, 8), Date(2023, 12, 31)).name == "vae-2017");
  CHECK(RegimeSet::builtin().for_pathway(Date(2017, 9, 29), Date(2018, 3, 1)).name == "vae-2002");
  // The JSON form keeps the regime, the minimum and the registration.
  const Json j = req;
  const auto back = j.get<AdmissibilityRequest>();
  CHECK(back == req);
}

TEST_CASE("counsel rules: the level window ranks, it does not filter (VAE has no level)") {
  // A level-6 diploma and five years as an HR assistant (M1501): the level-5 "assistant
  // ressources humaines" is below the preferred window [6, 8] and still offered (Code de
  // l'éducation L335-5: no condition of diploma or level for VAE).
  const std::vector<Experience> xs{job("M1501", Date(2019, 1, 1), Date(2023, 12, 31))};
  const auto s = suggest_certifications(xs, 6, registry(), Date(2024, 3, 1));
  REQUIRE(s.suggestions.size() == 1);
  CHECK(s.suggestions[0].code == "RNCP90601");
  CHECK(s.suggestions[0].has_reason("level_outside_preference"));
  SuggestionRules filter;
  filter.level_filter = true;
  CHECK(suggest_certifications(xs, 6, registry(), Date(2024, 3, 1), filter).suggestions.empty());
}

TEST_CASE("counsel rules: dated organisation names (OPCA → OPCO, DRJSCS → DREETS/DRAJES)") {
  // OPCAs became OPCOs on 1 April 2019 (loi 2018-771); DRJSCS were replaced by DREETS (DRIEETS
  // in Île-de-France) and DRAJES on 1 April 2021 (décret 2020-1545).
  CHECK(organisation_valid_on("OPCA", Date(2019, 3, 31)));
  CHECK_FALSE(organisation_valid_on("OPCA", Date(2019, 4, 1)));
  CHECK_FALSE(organisation_valid_on("opco", Date(2019, 3, 31)));
  CHECK(organisation_valid_on("OPCO", Date(2020, 5, 1)));
  CHECK_FALSE(organisation_valid_on("DRJSCS", Date(2025, 3, 14)));
  CHECK(organisation_valid_on("Drjscs", Date(2016, 3, 14)));
  CHECK(organisation_names_on("DRJSCS", Date(2025, 3, 14)) ==
        std::vector<std::string>{"DREETS", "DRIEETS", "DRAJES"});
  CHECK(organisation_names_on("DRJSCS", Date(2016, 3, 14)) == std::vector<std::string>{"DRJSCS"});
  CHECK(organisation_valid_on("Conseil régional", Date(2025, 1, 1)));  // not a dated name
  CHECK(organisation_issue_on("OPCA", Date(2020, 5, 1))->find("OPCO le 2019-04-01") !=
        std::string::npos);
  CHECK_FALSE(organisation_issue_on("OPCO", Date(2020, 5, 1)));
  // Event validation: support_started funding="opca" on 2020-05-01 is refused when recorded.
  auto events = test::path_to(Stage::admissible);
  Case c = Case::from_events("C0042", std::move(events));
  Event e = test::make_event(EventKind::support_started, Date(2020, 5, 1), Role::counsellor);
  e.data.funding = Funding::opca;
  REQUIRE(dated_name_issue(e).has_value());
  CHECK(dated_name_issue(e)->first == "data.funding");
  CHECK_THROWS_AS(c.record(e), InvalidArgument);
  e.data.funding = Funding::opco;
  CHECK_FALSE(dated_name_issue(e).has_value());
  c.record(e);
  CHECK(c.stage() == Stage::support);
}

TEST_CASE("counsel rules: periods entered twice count once, overlaps are capped at 48 h") {
  // 183 days full time (2019-01-01..2019-07-02) = 183 × 1,607/365 h = 805.71 h; entered twice
  // it counted 1,611.42 h (eligible under vae-2017). Counted once: not eligible.
  const Experience half = job("K1302", Date(2019, 1, 1), Date(2019, 7, 2));
  const std::vector<Experience> twice{half, half};
  const auto el = assess_eligibility(twice, Date(2020, 1, 6));
  CHECK(el.hours == Rational(183 * 1607, 365));
  CHECK_FALSE(el.eligible);
  CHECK(el.has_reason("duplicate_experience"));
  CHECK(el.details[1].duplicate);
  CHECK(el.details[1].hours == Rational(0));

  // Salaried 35 h and volunteering 20 h over the same year 2019: 55 h a week, more than the
  // absolute weekly maximum of 48 h (Code du travail L3121-20): 365 × 1,607/365 × 48/35 h.
  const std::vector<Experience> both{
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31)),
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31), Rational(20), ActivityKind::volunteer)};
  const auto capped = assess_eligibility(both, Date(2020, 1, 6));
  CHECK(capped.hours == Rational(1607 * 48, 35));
  CHECK(capped.has_reason("overlapping_periods"));
  CHECK(capped.has_reason("weekly_maximum_capped"));
  // Each is scaled by 48/55: 35/55 and 20/55 of 48 h a week.
  CHECK(capped.details[0].hours == Rational(1607 * 48, 55));
  CHECK(capped.details[1].hours == Rational(1607 * 48 * 20, 55 * 35));

  // Partly overlapping: 35 h over 2019 and 20 h from 2019-07-01 to 2020-06-30; only the 184
  // common days (2019-07-01..2019-12-31) are capped.
  const std::vector<Experience> part{
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31)),
      job("K1302", Date(2019, 7, 1), Date(2020, 6, 30), Rational(20), ActivityKind::volunteer)};
  const auto p = assess_eligibility(part, Date(2020, 12, 1));
  const Rational per_day(1607, 365);
  const Rational expected = per_day * Rational(181) +                     // 35 h alone
                            per_day * Rational(184) * Rational(48, 35) +  // capped at 48 h
                            per_day * Rational(182) * Rational(20, 35);   // 20 h alone, 2020
  CHECK(p.hours == expected);

  // 35 h + 10 h = 45 h: reported, not capped.
  const std::vector<Experience> fine{
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31)),
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31), Rational(10), ActivityKind::volunteer)};
  const auto f = assess_eligibility(fine, Date(2020, 1, 6));
  CHECK(f.has_reason("overlapping_periods"));
  CHECK_FALSE(f.has_reason("weekly_maximum_capped"));
  CHECK(f.hours == Rational(1607) + Rational(1607 * 10, 35));

  // Impossible inputs are errors: <= 0 or > 48 h a week; a period ending before it starts.
  for (const Rational bad : {Rational(100), Rational(49), Rational(0), Rational(-1)}) {
    const std::vector<Experience> one{job("K1302", Date(2019, 1, 1), Date(2019, 12, 31), bad)};
    CHECK_THROWS_AS(assess_eligibility(one, Date(2020, 1, 6)), InvalidArgument);
  }
  const std::vector<Experience> max{
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31), Rational(48))};
  CHECK(assess_eligibility(max, Date(2020, 1, 6)).hours == Rational(1607 * 48, 35));
  CHECK_THROWS_AS(DateRange(Date(2019, 12, 31), Date(2019, 1, 1)), InvalidArgument);
}

TEST_CASE("counsel rules: the weekly cap law over two concurrent years") {
  // Two activities over the same year 2019 at a and b hours a week count
  // 1,607 × min(a + b, 48) / 35 h (Code du travail L3121-20), and never more than each alone
  // plus the other.
  const int a = GENERATE(1, 10, 17, 35, 48);
  const int b = GENERATE(1, 13, 20, 35, 48);
  const std::vector<Experience> xs{
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31), Rational(a)),
      job("K1302", Date(2019, 1, 1), Date(2019, 12, 31), Rational(b), ActivityKind::volunteer)};
  const auto el = assess_eligibility(xs, Date(2020, 1, 6));
  CHECK(el.hours == Rational(1607 * std::min(a + b, 48), 35));
  CHECK(el.has_reason("weekly_maximum_capped") == (a + b > 48));
  CHECK(el.has_reason("overlapping_periods"));
}
