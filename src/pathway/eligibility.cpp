// Eligibility to VAE: exact hour counting under the regime of a date.
#include "vaekit/pathway/eligibility.hpp"

#include <algorithm>

#include "counsel_detail.hpp"

namespace vaekit {
namespace {

std::string fmt_hours(Rational h) {
  // Hours shown to the hundredth, rounded down (the exact value is in the result).
  const Rational c = h * Rational(100);
  const std::int64_t v = c.floor();
  std::string out = std::to_string(v / 100);
  const auto cents = v % 100;
  if (cents != 0) out += "," + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
  return out + " h";
}

std::string kind_fr(ActivityKind k) {
  switch (k) {
    case ActivityKind::salaried: return "activité salariée";
    case ActivityKind::self_employed: return "activité non salariée";
    case ActivityKind::volunteer: return "bénévolat";
    case ActivityKind::elected: return "mandat électif";
    case ActivityKind::trade_union: return "responsabilité syndicale";
    case ActivityKind::athlete: return "sport de haut niveau";
    case ActivityKind::training: return "période de formation en milieu professionnel";
    case ActivityKind::caregiver: return "activité de proche aidant";
  }
  return "?";
}

}  // namespace

bool EligibilityResult::has_reason(std::string_view code) const noexcept {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& r) { return r.code == code; });
}

EligibilityResult assess_eligibility(std::span<const Experience> experiences, Date on,
                                     const RegimeSet& regimes, const CertificationTarget* target) {
  return assess_eligibility(experiences, on, regimes.on(on), target);
}

EligibilityResult assess_eligibility(std::span<const Experience> experiences, Date on,
                                     const Regime& regime, const CertificationTarget* target) {
  EligibilityResult res;
  res.regime = regime.name;
  res.on = on;
  res.minimum_hours = regime.minimum_hours();
  const Rational per_day(regime.hours_per_year, regime.days_per_year);
  Rational other_hours, training_hours;
  std::vector<DateRange> counted_periods;
  bool clipped = false, future = false;

  for (std::size_t i = 0; i < experiences.size(); ++i) {
    const Experience& x = experiences[i];
    if (!x.period && !x.hours) {
      throw InvalidArgument("experience " + std::to_string(i) +
                            ": give a period or a total of hours");
    }
    if (x.hours && *x.hours < Rational(0)) {
      throw InvalidArgument("experience " + std::to_string(i) + ": negative hours");
    }
    if (x.hours_per_week <= Rational(0) || x.hours_per_week > Rational(168)) {
      throw InvalidArgument("experience " + std::to_string(i) +
                            ": hours per week must be within (0, 168]");
    }
    ExperienceCount c;
    c.index = i;
    c.kind_counts = regime.counts(x.kind);
    // Relevance.
    if (x.related) {
      c.related = *x.related;
    } else if (target != nullptr) {
      c.related = !x.rome.empty() && std::find(target->rome_codes.begin(), target->rome_codes.end(),
                                               x.rome) != target->rome_codes.end();
    } else {
      c.related = true;
    }
    // The part up to the assessment date.
    std::optional<DateRange> part = x.period;
    Rational hours;
    if (x.period) {
      if (x.period->first() > on) {
        future = true;
        part.reset();
      } else if (x.period->last() > on) {
        clipped = true;
        part = DateRange(x.period->first(), on);
      }
      if (part) {
        c.days = part->length_days();
        if (x.hours) {
          hours = *x.hours * Rational(part->length_days(), x.period->length_days());
        } else {
          hours = Rational(part->length_days()) * per_day *
                  (x.hours_per_week / regime.full_time_hours_per_week);
        }
      }
    } else {
      hours = *x.hours;
    }
    if (!c.kind_counts) {
      res.reasons.push_back(
          {"kind_not_counted", "Expérience " + std::to_string(i + 1) + " : " + kind_fr(x.kind) +
                                   " non prise en compte sous le régime " + regime.name + "."});
    } else if (!c.related) {
      res.reasons.push_back(
          {"not_related", "Expérience " + std::to_string(i + 1) +
                              (x.rome.empty() && !x.related
                                   ? " : sans code ROME, rapport avec la certification non établi."
                                   : " : sans rapport direct avec la certification visée.")});
    } else {
      c.hours = hours;
      if (x.kind == ActivityKind::training) {
        training_hours += hours;
      } else {
        other_hours += hours;
      }
      if (part && hours > Rational(0)) counted_periods.push_back(*part);
    }
    res.details.push_back(c);
  }

  res.training_hours = training_hours;
  res.training_counted =
      regime.training == TrainingRule::capped ? min(training_hours, other_hours) : Rational(0);
  if (training_hours > res.training_counted) {
    res.reasons.push_back({"training_capped",
                           "Périodes de formation plafonnées : " + fmt_hours(res.training_counted) +
                               " retenues sur " + fmt_hours(training_hours) +
                               " (au plus autant que les autres activités)."});
  }
  res.hours = other_hours + res.training_counted;
  res.days = covered_days(counted_periods);
  if (clipped) {
    res.reasons.push_back({"future_period_clipped", "Seule la partie des périodes antérieure au " +
                                                        on.to_string() + " est comptée."});
  }
  if (future) {
    res.reasons.push_back(
        {"future_experience_ignored",
         "Les expériences commençant après le " + on.to_string() + " ne sont pas comptées."});
  }
  if (target == nullptr && std::any_of(experiences.begin(), experiences.end(),
                                       [](const Experience& x) { return !x.related; })) {
    res.reasons.push_back({"relevance_not_checked",
                           "Aucune certification visée : le rapport des expériences avec la "
                           "certification n'est pas vérifié."});
  }
  if (regime.any_related_experience) {
    res.eligible = res.hours > Rational(0);
    if (res.eligible) {
      res.reasons.push_back(
          {"related_experience",
           "Expérience en rapport avec la certification : " + fmt_hours(res.hours) +
               " comptées ; toute expérience suffit (régime " + regime.name + ")."});
    } else {
      res.reasons.push_back(
          {"no_related_experience",
           "Aucune expérience en rapport avec la certification n'est comptée (régime " +
               regime.name + ")."});
    }
  } else {
    res.eligible = res.hours >= res.minimum_hours;
    const std::string msg = fmt_hours(res.hours) + " comptées pour un minimum de " +
                            fmt_hours(res.minimum_hours) + " (" + res.minimum_hours.to_string() +
                            " h, régime " + regime.name + ").";
    if (res.eligible) {
      res.reasons.push_back({"minimum_met", "Durée d'expérience suffisante : " + msg});
    } else {
      res.reasons.push_back({"minimum_not_met", "Durée d'expérience insuffisante : " + msg});
    }
  }
  return res;
}

void to_json(Json& j, const Experience& e) {
  j = Json::object();
  j["kind"] = std::string(to_string(e.kind));
  if (e.period) j["period"] = *e.period;
  if (e.hours) j["hours"] = e.hours->to_string();
  j["hours_per_week"] = e.hours_per_week.to_string();
  if (!e.rome.empty()) j["rome"] = e.rome;
  if (e.related) j["related"] = *e.related;
  if (!e.text.empty()) j["text"] = e.text;
}

void from_json(const Json& j, Experience& e) {
  Experience x;
  try {
    x.kind = activity_kind_from_string(json_field<std::string>(j, "kind"));
  } catch (const InvalidArgument& ia) {
    throw ParseError(SourceLocation{{}, 0, 0, "kind"}, ia.what());
  }
  if (j.contains("period") && !j.at("period").is_null())
    x.period = json_field<DateRange>(j, "period");
  auto rational = [&](const char* key) -> std::optional<Rational> {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    try {
      if (it->is_number_integer()) return Rational(it->get<std::int64_t>());
      if (it->is_number()) return Rational::from_decimal(it->get<double>());
      if (it->is_string()) return Rational::parse(it->get<std::string>());
    } catch (const Error& err) {
      throw ParseError(SourceLocation{{}, 0, 0, key}, err.what());
    }
    throw ParseError(SourceLocation{{}, 0, 0, key}, "expected a number or a fraction string");
  };
  x.hours = rational("hours");
  if (auto h = rational("hours_per_week")) x.hours_per_week = *h;
  if (!x.period && !x.hours)
    throw ParseError(SourceLocation{{}, 0, 0, "period"}, "give a period or hours");
  x.rome = json_field_or<std::string>(j, "rome", {});
  if (j.contains("related") && !j.at("related").is_null())
    x.related = json_field<bool>(j, "related");
  x.text = json_field_or<std::string>(j, "text", {});
  e = std::move(x);
}

void to_json(Json& j, const Reason& r) {
  j = Json::object();
  j["code"] = r.code;
  j["message"] = r.message;
}

void from_json(const Json& j, Reason& r) {
  detail::require_object(j);
  Reason x;
  x.code = json_field<std::string>(j, "code");
  if (x.code.empty()) detail::bad_field("code", "empty reason code");
  x.message = json_field_or<std::string>(j, "message", {});
  r = std::move(x);
}

void to_json(Json& j, const ExperienceCount& c) {
  j = Json::object();
  j["index"] = c.index;
  j["related"] = c.related;
  j["kind_counts"] = c.kind_counts;
  j["hours"] = c.hours.to_string();
  j["days"] = c.days;
}

void from_json(const Json& j, ExperienceCount& c) {
  detail::require_object(j);
  ExperienceCount x;
  x.index = static_cast<std::size_t>(detail::int_field(j, "index", 0, INT64_MAX, std::nullopt));
  x.related = json_field<bool>(j, "related");
  x.kind_counts = json_field<bool>(j, "kind_counts");
  x.hours = detail::hours_field(j, "hours");
  x.days = detail::int_field(j, "days", 0, INT64_MAX, 0);
  c = x;
}

void to_json(Json& j, const EligibilityResult& r) {
  j = Json::object();
  j["eligible"] = r.eligible;
  j["regime"] = r.regime;
  j["on"] = r.on;
  j["hours"] = r.hours.to_string();
  j["minimum_hours"] = r.minimum_hours.to_string();
  j["days"] = r.days;
  j["training_hours"] = r.training_hours.to_string();
  j["training_counted"] = r.training_counted.to_string();
  j["details"] = r.details;
  j["reasons"] = r.reasons;
}

void from_json(const Json& j, EligibilityResult& r) {
  detail::require_object(j);
  EligibilityResult x;
  x.eligible = json_field<bool>(j, "eligible");
  x.regime = json_field<std::string>(j, "regime");
  x.on = json_field<Date>(j, "on");
  x.hours = detail::hours_field(j, "hours");
  x.minimum_hours = detail::hours_field(j, "minimum_hours");
  x.days = detail::int_field(j, "days", 0, INT64_MAX, 0);
  x.training_hours = detail::hours_field(j, "training_hours");
  x.training_counted = detail::hours_field(j, "training_counted");
  if (x.training_hours < x.training_counted) {
    detail::bad_field("training_counted", "more than training_hours");
  }
  x.details = detail::array_field<ExperienceCount>(j, "details", false);
  for (std::size_t i = 0; i < x.details.size(); ++i) {
    if (x.details[i].index != i) {
      detail::bad_field("details[" + std::to_string(i) + "].index", "expected the position");
    }
  }
  x.reasons = detail::array_field<Reason>(j, "reasons", false);
  r = std::move(x);
}

}  // namespace vaekit
