// Regimes and eligibility, on cases worked out by hand from ../shared/domain.md §3.
#include "test_support.hpp"
#include "vaekit/pathway/eligibility.hpp"

using namespace vaekit;

namespace {
Experience full_time(Date a, Date b, ActivityKind k = ActivityKind::salaried) {
  Experience x;
  x.kind = k;
  x.period = DateRange(a, b);
  return x;
}
}  // namespace

TEST_CASE("regimes: chosen by date, thresholds as in domain.md §3") {
  CHECK(Regime::on(Date(2017, 9, 30)).name == "vae-2002");
  CHECK(Regime::on(Date(2017, 10, 1)).name == "vae-2017");
  CHECK(Regime::on(Date(2023, 12, 31)).name == "vae-2017");
  CHECK(Regime::on(Date(2024, 1, 1)).name == "vae-2024");
  CHECK(Regime::on(Date(1990, 1, 1)).name == "vae-2002");  // before every regime: the earliest
  // 3 years = 4,821 h; 1 year = 1,607 h; none from 2024.
  CHECK(Regime::on(Date(2010, 1, 1)).minimum_hours() == Rational(4821));
  CHECK(Regime::on(Date(2018, 1, 1)).minimum_hours() == Rational(1607));
  CHECK(Regime::on(Date(2024, 6, 1)).any_related_experience);
  // Kinds: athletes and training from 2017, caregivers from 2024.
  CHECK_FALSE(Regime::on(Date(2016, 1, 1)).counts(ActivityKind::athlete));
  CHECK(Regime::on(Date(2018, 1, 1)).counts(ActivityKind::athlete));
  CHECK_FALSE(Regime::on(Date(2016, 1, 1)).counts(ActivityKind::training));
  CHECK_FALSE(Regime::on(Date(2023, 1, 1)).counts(ActivityKind::caregiver));
  CHECK(Regime::on(Date(2024, 1, 1)).counts(ActivityKind::caregiver));
  // Silence: refusal before 12 Nov 2014, acceptance from.
  CHECK_FALSE(Regime::on(Date(2014, 11, 11)).silence_means_acceptance(Date(2014, 11, 11)));
  CHECK(Regime::on(Date(2014, 11, 12)).silence_means_acceptance(Date(2014, 11, 12)));
  // 2 months, clamped to the end of month.
  CHECK(Regime::on(Date(2018, 1, 1)).decision_due(Date(2018, 12, 31)) == Date(2019, 2, 28));
  CHECK(Regime::on(Date(2018, 1, 1)).decision_due(Date(2018, 8, 31)) == Date(2018, 10, 31));
  CHECK(Regime::on(Date(2024, 2, 1)).start_deadline_months == 6);
  CHECK_FALSE(Regime::on(Date(2023, 2, 1)).start_deadline_months);
  CHECK(Regime::on(Date(2024, 2, 1)).leave_hours_on(Date(2024, 4, 12)) == 24);
  CHECK(Regime::on(Date(2024, 2, 1)).leave_hours_on(Date(2024, 4, 13)) == 48);
  for (const Regime& r : Regime::builtin()) {
    for (const char* key :
         {"minimum_years", "hours_per_year", "counted_kinds", "training", "silence_acceptance_from",
          "decision_deadline_months", "requests_per_certification_per_year",
          "certifications_per_year", "inactive_days_before_admissibility", "effective_from"}) {
      INFO(r.name << " " << key);
      CHECK(r.sources.count(key) == 1);
    }
  }
}

TEST_CASE("regimes: user-defined regimes from JSON overlay the built-in ones") {
  RegimeSet set;
  set.load(vaekit::test::data_dir() / "schemas/Regime.1.json");
  const Regime& r = set.on(Date(2030, 1, 1));
  CHECK(r.name == "vae-2030-test");
  CHECK(r.minimum_hours() == Rational(1607, 2));
  CHECK(set.on(Date(2025, 1, 1)).name == "vae-2024");
  CHECK(set.named("vae-2017").minimum_years == Rational(1));
  CHECK_THROWS_AS(set.named("nope"), NotFound);
  // Round trip of a built-in one.
  const Regime& b = Regime::on(Date(2020, 1, 1));
  CHECK(from_document<Regime>(to_document(b)) == b);
  try {
    (void)read_document<Regime>(
        R"({"schema":"Regime.1","name":"x","effective_from":"2030-01-01","counted_kinds":["salaried","knitting"]})");
    FAIL("accepted an unknown kind");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "counted_kinds[1]");
  }
}

TEST_CASE("eligibility: exact counting, 365 full-time days are 1,607 h") {
  const Experience year = full_time(Date(2018, 1, 1), Date(2018, 12, 31));
  const auto r = assess_eligibility(std::span(&year, 1), Date(2019, 1, 15));
  CHECK(r.regime == "vae-2017");
  CHECK(r.hours == Rational(1607));
  CHECK(r.days == 365);
  CHECK(r.eligible);
  CHECK(r.has_reason("minimum_met"));
  CHECK(r.has_reason("relevance_not_checked"));
  // One day less: 364 × 1607/365 = 585,748/365 h < 1,607 h.
  const Experience short_year = full_time(Date(2018, 1, 2), Date(2018, 12, 31));
  const auto s = assess_eligibility(std::span(&short_year, 1), Date(2019, 1, 15));
  CHECK(s.hours == Rational(364 * 1607, 365));
  CHECK_FALSE(s.eligible);
  CHECK(s.has_reason("minimum_not_met"));
}

TEST_CASE(
    "eligibility: 11 months of full-time work in 2017 is not enough on 30 Sep 2017 nor on 2 Oct "
    "2017") {
  // 1 Nov 2016 - 30 Sep 2017: 30+31+31+28+31+30+31+30+31+31+30 = 334 days = 334 × 1607/365 h ≈
  // 1,470.5 h.
  const Experience x = full_time(Date(2016, 11, 1), Date(2017, 9, 30));
  const auto before = assess_eligibility(std::span(&x, 1), Date(2017, 9, 30));
  CHECK(before.regime == "vae-2002");
  CHECK(before.days == 334);
  CHECK(before.hours == Rational(334 * 1607, 365));
  CHECK(before.minimum_hours == Rational(4821));
  CHECK_FALSE(before.eligible);
  const auto after = assess_eligibility(std::span(&x, 1), Date(2017, 10, 2));
  CHECK(after.regime == "vae-2017");
  CHECK(after.minimum_hours == Rational(1607));
  CHECK_FALSE(after.eligible);
  // January-November 2017 (334 days): on 2 Oct 2017 only 1 Jan - 2 Oct counts (275 days).
  const Experience y = full_time(Date(2017, 1, 1), Date(2017, 11, 30));
  const auto clipped = assess_eligibility(std::span(&y, 1), Date(2017, 10, 2));
  CHECK(clipped.days == 275);
  CHECK(clipped.has_reason("future_period_clipped"));
  CHECK_FALSE(clipped.eligible);
}

TEST_CASE("eligibility: 1,607 h over two overlapping part-time jobs is enough from 1 Oct 2017") {
  Experience a = full_time(Date(2018, 1, 1), Date(2018, 12, 31));
  a.hours_per_week = Rational(35, 2);
  Experience b = full_time(Date(2018, 1, 1), Date(2018, 12, 31), ActivityKind::volunteer);
  b.hours_per_week = Rational::from_decimal(17.5);
  const std::vector<Experience> xs{a, b};
  const auto r = assess_eligibility(xs, Date(2019, 3, 1));
  CHECK(r.hours == Rational(1607));  // 803.5 + 803.5 exactly
  CHECK(r.days == 365);              // calendar time counted once
  CHECK(r.eligible);
  // The same hours under the 3-year rule are not enough.
  const auto old = assess_eligibility(xs, Date(2017, 9, 1), Regime::on(Date(2017, 9, 1)));
  CHECK_FALSE(old.eligible);
}

TEST_CASE("eligibility: three years under the 2002 rule, at the day") {
  // 2 Jan 2012 - 31 Dec 2014: 365 + 365 + 365 = 1,095 days (2012 is leap: 366 - 1) = 4,821 h
  // exactly.
  const Experience exact = full_time(Date(2012, 1, 2), Date(2014, 12, 31));
  const auto r = assess_eligibility(std::span(&exact, 1), Date(2015, 1, 5));
  CHECK(r.hours == Rational(4821));
  CHECK(r.eligible);
  const Experience day_short = full_time(Date(2012, 1, 3), Date(2014, 12, 31));
  CHECK_FALSE(assess_eligibility(std::span(&day_short, 1), Date(2015, 1, 5)).eligible);
}

TEST_CASE("eligibility: any related experience is enough from 2024; kinds by regime") {
  Experience care;
  care.kind = ActivityKind::caregiver;
  care.hours = Rational(10);
  care.related = true;
  const auto r2024 = assess_eligibility(std::span(&care, 1), Date(2024, 3, 1));
  CHECK(r2024.eligible);
  CHECK(r2024.has_reason("related_experience"));
  const auto r2023 = assess_eligibility(std::span(&care, 1), Date(2023, 3, 1));
  CHECK_FALSE(r2023.eligible);
  CHECK(r2023.has_reason("kind_not_counted"));
  CHECK(r2023.hours == Rational(0));
  Experience unrelated = care;
  unrelated.related = false;
  const auto none = assess_eligibility(std::span(&unrelated, 1), Date(2024, 3, 1));
  CHECK_FALSE(none.eligible);
  CHECK(none.has_reason("no_related_experience"));
  CHECK(none.has_reason("not_related"));
}

TEST_CASE("eligibility: training periods are capped at the other activities' hours") {
  Experience work;
  work.hours = Rational(600);
  Experience stage;
  stage.kind = ActivityKind::training;
  stage.hours = Rational(1200);
  const std::vector<Experience> xs{work, stage};
  const auto r = assess_eligibility(xs, Date(2019, 1, 1));
  CHECK(r.training_hours == Rational(1200));
  CHECK(r.training_counted == Rational(600));
  CHECK(r.hours == Rational(1200));
  CHECK(r.has_reason("training_capped"));
  CHECK_FALSE(r.eligible);
  // Before Oct 2017 training does not count at all.
  const auto old = assess_eligibility(xs, Date(2016, 1, 1));
  CHECK(old.training_counted == Rational(0));
  CHECK(old.hours == Rational(600));
}

TEST_CASE("eligibility: relevance from ROME codes of the target") {
  Experience match = full_time(Date(2018, 1, 1), Date(2018, 12, 31));
  match.rome = "K1302";
  Experience other = match;
  other.rome = "M1607";
  const CertificationTarget deaes{"RNCP36004", {"K1302", "K1305"}};
  const std::vector<Experience> xs{match, other};
  const auto r = assess_eligibility(xs, Date(2019, 1, 10), RegimeSet::builtin(), &deaes);
  CHECK(r.hours == Rational(1607));
  CHECK(r.details[0].related);
  CHECK_FALSE(r.details[1].related);
  CHECK(r.has_reason("not_related"));
  CHECK_FALSE(r.has_reason("relevance_not_checked"));
  // The counsellor's declaration wins over the codes.
  std::vector<Experience> declared{other};
  declared[0].related = true;
  CHECK(assess_eligibility(declared, Date(2019, 1, 10), RegimeSet::builtin(), &deaes).eligible);
}

TEST_CASE("eligibility: hours are exact whatever the split (property)") {
  // Splitting a full-time period into two adjacent ones never changes the hours.
  const int total = GENERATE(365, 366, 730, 1095, 1461);
  const int cut = GENERATE(1, 17, 100, 200);
  const Date a(2018, 1, 1);
  const Experience whole = full_time(a, a + (total - 1));
  const std::vector<Experience> parts{full_time(a, a + (cut - 1)),
                                      full_time(a + cut, a + (total - 1))};
  const Date on(2030, 1, 1);
  const auto w = assess_eligibility(std::span(&whole, 1), on);
  const auto p = assess_eligibility(parts, on);
  CHECK(w.hours == p.hours);
  CHECK(w.hours == Rational(total * 1607LL, 365));
  CHECK(w.days == p.days);
}

TEST_CASE("rational: arithmetic and parsing") {
  CHECK(Rational(2, 4) == Rational(1, 2));
  CHECK(Rational(1, 3) + Rational(1, 6) == Rational(1, 2));
  CHECK(Rational(-1, 2).floor() == -1);
  CHECK(Rational::parse("1607/365") == Rational(1607, 365));
  CHECK(Rational::parse("17.5") == Rational(35, 2));
  CHECK(Rational::from_decimal(0.1) == Rational(1, 10));
  CHECK_THROWS_AS(Rational(1, 0), InvalidArgument);
  CHECK_THROWS_AS(Rational::parse("abc"), InvalidArgument);
  CHECK(Rational(1, 3) < Rational(1, 2));
}
