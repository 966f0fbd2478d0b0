// Scenario: defaults, strict JSON reading (errors name the field), validation, built-ins.
#include "vaekit/simulation/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <numeric>

#include "vaekit/core/error.hpp"
#include "vaekit/core/names.hpp"
#include "vaekit/pathway/profile.hpp"
#include "vaekit/pathway/vocabulary.hpp"
#include "vaekit/simulation/random.hpp"

namespace vaekit {

namespace detail {
/// The text of the shipped scenario @p name (generated from python/vaekit/scenarios/*.json).
std::string_view builtin_scenario_text(std::string_view name);
/// The names of the shipped scenarios.
std::vector<std::string> builtin_scenario_list();
}  // namespace detail

namespace {

constexpr std::array<std::string_view, 4> kDistNames = {"fixed", "uniform", "exponential",
                                                        "lognormal"};
constexpr std::array<std::string_view, 3> kProcessNames = {"fixed", "poisson", "exponential"};
constexpr std::array<std::string_view, 2> kScopeNames = {"pathway", "first_appointment"};

[[noreturn]] void fail(std::string field, const std::string& reason) {
  throw ParseError(SourceLocation{{}, 0, 0, std::move(field)}, reason);
}

// Prefixes @p prefix to the field of a ParseError thrown by @p fn.
template <class Fn>
void within(std::string_view prefix, Fn&& fn) {
  try {
    fn();
  } catch (const ParseError& e) {
    SourceLocation w = e.where();
    w.field = w.field.empty() ? std::string(prefix) : std::string(prefix) + "." + w.field;
    throw ParseError(w, e.reason());
  }
}

void check_keys(const Json& j, std::initializer_list<std::string_view> allowed) {
  if (!j.is_object()) fail({}, std::string("expected a JSON object, got ") + j.type_name());
  for (const auto& item : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      fail(item.key(), "unknown field");
    }
  }
}

bool has(const Json& j, std::string_view key) {
  return j.contains(key);
}

double number(const Json& j, std::string_view key) {
  const auto it = j.find(key);
  if (it == j.end()) fail(std::string(key), "missing field");
  if (!it->is_number())
    fail(std::string(key), std::string("expected a number, got ") + it->type_name());
  const double v = it->get<double>();
  if (!std::isfinite(v)) fail(std::string(key), "not a finite number");
  return v;
}

void read_number(const Json& j, std::string_view key, double& out, double lo, double hi) {
  if (!has(j, key)) return;
  const double v = number(j, key);
  if (v < lo || v > hi) {
    fail(std::string(key), "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  out = v;
}

void read_int(const Json& j, std::string_view key, int& out, int lo, int hi) {
  if (!has(j, key)) return;
  const Json& v = j.at(key);
  if (!v.is_number_integer())
    fail(std::string(key), std::string("expected an integer, got ") + v.type_name());
  const auto x = v.get<std::int64_t>();
  if (x < lo || x > hi) {
    fail(std::string(key), "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  out = static_cast<int>(x);
}

void read_string(const Json& j, std::string_view key, std::string& out) {
  if (!has(j, key)) return;
  const Json& v = j.at(key);
  if (!v.is_string())
    fail(std::string(key), std::string("expected a string, got ") + v.type_name());
  out = v.get<std::string>();
}

void read_dist(const Json& j, std::string_view key, DelayDistribution& out) {
  if (!has(j, key)) return;
  within(key, [&] { from_json(j.at(key), out); });
}

// Shares given as {"name": share, ...} over the enum names @p names (missing names count 0).
template <std::size_t N>
void read_shares(const Json& j, std::string_view key, std::vector<double>& out,
                 const std::array<std::string_view, N>& names) {
  if (!has(j, key)) return;
  within(key, [&] {
    const Json& o = j.at(key);
    if (!o.is_object()) fail({}, std::string("expected an object of shares, got ") + o.type_name());
    std::vector<double> v(N, 0.0);
    for (const auto& item : o.items()) {
      const auto idx = find_name<std::size_t>(names, item.key());
      if (!idx) fail(item.key(), "unknown name (expected one of " + join_names(names) + ")");
      double x = 0;
      read_number(o, item.key(), x, 0, 1);
      v[*idx] = x;
    }
    out = std::move(v);
  });
}

template <class E, std::size_t N>
std::array<std::string_view, N> enum_names() {
  std::array<std::string_view, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = to_string(static_cast<E>(i));
  return a;
}
const auto kChannelNames = enum_names<Channel, 4>();
const auto kOrientationNames = enum_names<OrientationTarget, 5>();
const auto kDecisionNames = enum_names<AdmissibilityDecision, 3>();
const auto kFundingNames = enum_names<Funding, 7>();
const auto kJuryNames = enum_names<JuryResult, 4>();

template <std::size_t N>
Json shares_json(const std::vector<double>& v, const std::array<std::string_view, N>& names) {
  Json o = Json::object();
  for (std::size_t i = 0; i < N && i < v.size(); ++i) o[std::string(names[i])] = v[i];
  return o;
}

constexpr std::array<std::string_view, 2> kEraNames = {"counselling_2017", "france_vae"};
constexpr std::array<std::string_view, 5> kReformJuryNames = {
    "full", "partial", "partial_certification", "refused", "absent"};
constexpr std::array<std::string_view, 6> kSituationNames = {"same_job",   "promotion", "new_job",
                                                             "job_seeker", "training",  "other"};

// A département code of the vocabulary (departement_names: the 102 INSEE codes; not
// "not_stated", an antenne has a département). Before, a rule of its own let "96".."99" through.
Json profile_shares_json(const ProfileShares& p) {
  Json o = Json::object();
  for (std::size_t i = 0; i < p.codes.size() && i < p.shares.size(); ++i)
    o[p.codes[i]] = p.shares[i];
  Json j = {{"shares", o}};
  if (!p.source.empty()) j["source"] = p.source;
  return j;
}

void read_profile_shares(const Json& j, std::string_view key, ProfileShares& out) {
  if (!has(j, key)) return;
  within(key, [&] {
    const Json& o = j.at(key);
    check_keys(o, {"shares", "source"});
    ProfileShares p;
    read_string(o, "source", p.source);
    if (!has(o, "shares")) fail("shares", "missing field");
    within("shares", [&] {
      const Json& sh = o.at("shares");
      if (!sh.is_object())
        fail({}, std::string("expected an object of shares, got ") + sh.type_name());
      const auto& codes = profile_attribute_codes(key);
      for (const auto& item : sh.items()) {
        if (std::find(codes.begin(), codes.end(), item.key()) == codes.end()) {
          std::string expected;
          for (auto c : codes) expected += (expected.empty() ? "" : ", ") + std::string(c);
          fail(item.key(), "unknown code (expected one of " + expected + ")");
        }
        double x = 0;
        read_number(sh, item.key(), x, 0, 1);
        p.codes.push_back(item.key());
        p.shares.push_back(x);
      }
    });
    out = std::move(p);
  });
}

// The first problem of @p s as (field, reason), or nothing.
std::optional<std::pair<std::string, std::string>> find_problem(const Scenario& s) {
  using P = std::pair<std::string, std::string>;
  auto prob = [](double p) { return std::isfinite(p) && p >= 0 && p <= 1; };
  auto shares = [](const std::vector<double>& v, std::size_t n) -> std::optional<std::string> {
    if (v.size() != n) return "expected " + std::to_string(n) + " shares";
    double sum = 0;
    for (double x : v) {
      if (!(std::isfinite(x) && x >= 0)) return std::string("shares must be >= 0");
      sum += x;
    }
    if (std::abs(sum - 1) > 1e-6) return "shares sum to " + std::to_string(sum) + ", not 1";
    return std::nullopt;
  };
  auto dist = [](const DelayDistribution& d) -> std::optional<std::string> {
    auto ok = [](double x) { return std::isfinite(x) && x >= 0; };
    switch (d.kind) {
      case DistributionKind::fixed:
        if (!ok(d.value)) return std::string("value must be >= 0");
        break;
      case DistributionKind::uniform:
        if (!ok(d.min) || !ok(d.max) || d.max < d.min) return std::string("needs 0 <= min <= max");
        break;
      case DistributionKind::exponential:
        if (!ok(d.mean) || !ok(d.offset)) return std::string("mean and offset must be >= 0");
        break;
      case DistributionKind::lognormal:
        if (!ok(d.median) || !ok(d.offset) || !ok(d.sigma) || d.sigma > 5)
          return std::string("needs median >= 0, offset >= 0, 0 <= sigma <= 5");
        break;
    }
    return std::nullopt;
  };
  if (s.name.empty()) return P{"name", "must not be empty"};
  if (s.horizon < s.period.last()) return P{"horizon", "must not be before the end of the period"};
  if (s.horizon - s.period.first() > 366 * 300)
    return P{"horizon", "more than 300 years after the period's start"};
  if (s.case_prefix.size() > 16) return P{"case_prefix", "at most 16 characters"};
  if (s.calendar && s.period.first().year() < FrenchCalendar::first_year)
    return P{"period", "a French calendar starts in 1982"};
  if (!(std::isfinite(s.yearly_volume) && s.yearly_volume >= 0 && s.yearly_volume <= 1e9))
    return P{"arrivals.yearly_volume", "must be in [0, 1e9]"};
  if (s.seasonality.size() != 12) return P{"arrivals.seasonality", "expected 12 monthly weights"};
  double season_sum = 0;
  for (double w : s.seasonality) {
    if (!(std::isfinite(w) && w >= 0)) return P{"arrivals.seasonality", "weights must be >= 0"};
    season_sum += w;
  }
  if (!(season_sum > 0)) return P{"arrivals.seasonality", "at least one weight must be > 0"};
  if (auto e = shares(s.channels, 4)) return P{"arrivals.channels", *e};
  if (s.antennes.empty()) return P{"antennes", "at least one antenne"};
  double share_sum = 0;
  for (std::size_t i = 0; i < s.antennes.size(); ++i) {
    const auto& a = s.antennes[i];
    const std::string f = "antennes[" + std::to_string(i) + "]";
    if (a.id.empty()) return P{f + ".id", "must not be empty"};
    for (std::size_t k = 0; k < i; ++k)
      if (s.antennes[k].id == a.id) return P{f + ".id", "repeated antenne id"};
    if (!prob(a.share)) return P{f + ".share", "must be in [0, 1]"};
    if (a.counsellors < 1 || a.counsellors > 10000)
      return P{f + ".counsellors", "must be in [1, 10000]"};
    if (a.assistants < 1 || a.assistants > 10000)
      return P{f + ".assistants", "must be in [1, 10000]"};
    share_sum += a.share;
  }
  if (std::abs(share_sum - 1) > 1e-6)
    return P{"antennes", "shares sum to " + std::to_string(share_sum) + ", not 1"};
  if (!(s.receptions_per_assistant_per_day >= 0 && s.receptions_per_assistant_per_day <= 1e6))
    return P{"reception.per_assistant_per_day", "must be in [0, 1e6]"};
  if (s.booking_lead_days < 0 || s.booking_lead_days > 365)
    return P{"first_appointment.lead_days", "must be in [0, 365]"};
  if (!(s.first_appointment_hours_per_day > 0 && s.first_appointment_hours_per_day <= 24))
    return P{"first_appointment.hours_per_day", "must be in (0, 24]"};
  if (auto e = dist(s.first_appointment_minutes)) return P{"first_appointment.minutes", *e};
  if (!prob(s.no_show)) return P{"first_appointment.no_show", "must be in [0, 1]"};
  if (s.scope == SimulationScope::first_appointment) return std::nullopt;
  if (auto e = dist(s.choosing_days)) return P{"counselling.choosing_days", *e};
  if (!(s.extra_appointments_mean >= 0 && s.extra_appointments_mean <= 100))
    return P{"counselling.extra_appointments_mean", "must be in [0, 100]"};
  if (s.appointment_minutes < 0 || s.appointment_minutes > 600)
    return P{"counselling.appointment_minutes", "must be in [0, 600]"};
  if (auto e = shares(s.orientation, 5)) return P{"orientation", *e};
  if (s.certifications.empty()) return P{"certifications", "at least one certification"};
  for (std::size_t i = 0; i < s.certifications.size(); ++i) {
    const auto& c = s.certifications[i];
    const std::string f = "certifications[" + std::to_string(i) + "]";
    if (c.code.empty()) return P{f + ".code", "must not be empty"};
    if (c.certifier.empty()) return P{f + ".certifier", "must not be empty"};
    if (!(std::isfinite(c.weight) && c.weight > 0)) return P{f + ".weight", "must be > 0"};
    if (c.registered_from && c.registered_until && *c.registered_until < *c.registered_from)
      return P{f + ".registered", "ends before it starts"};
    // Used outside its registration window: chosen from the period's first day, requests sent
    // until its last day at least.
    if (c.registered_from && s.period.first() < *c.registered_from)
      return P{f + ".registered", c.code + " is registered from " + c.registered_from->to_string() +
                                      ", after the scenario's first day " +
                                      s.period.first().to_string()};
    if (c.registered_until && *c.registered_until < s.period.last())
      return P{f + ".registered",
               c.code + " is registered until " + c.registered_until->to_string() +
                   ", before the scenario's last day " + s.period.last().to_string()};
  }
  if (auto e = dist(s.preparation_days)) return P{"admissibility.preparation_days", *e};
  if (auto e = dist(s.decision_days)) return P{"admissibility.decision_days", *e};
  if (!prob(s.silence)) return P{"admissibility.silence", "must be in [0, 1]"};
  if (auto e = shares(s.decisions, 3)) return P{"admissibility.decisions", *e};
  if (s.decisions[0] + s.decisions[1] <= 0)
    return P{"admissibility.decisions", "admissible + not_admissible must be > 0"};
  if (auto e = dist(s.complement_days)) return P{"admissibility.complement_days", *e};
  if (s.max_incomplete < 0 || s.max_incomplete > 20)
    return P{"admissibility.max_incomplete", "must be in [0, 20]"};
  if (!prob(s.support_share)) return P{"support.share", "must be in [0, 1]"};
  if (auto e = shares(s.funding, 7)) return P{"support.funding", *e};
  if (auto e = dist(s.support_start_days)) return P{"support.start_days", *e};
  if (!(s.support_sessions_mean >= 0 && s.support_sessions_mean <= 100))
    return P{"support.sessions_mean", "must be in [0, 100]"};
  if (!(s.support_session_hours >= 0 && s.support_session_hours <= 24))
    return P{"support.session_hours", "must be in [0, 24]"};
  if (auto e = dist(s.writing_days)) return P{"validation_file.writing_days", *e};
  if (auto e = dist(s.jury_wait_days)) return P{"jury.wait_days", *e};
  if (s.jury_notice_days < 0 || s.jury_notice_days > 365)
    return P{"jury.notice_days", "must be in [0, 365]"};
  if (auto e = shares(s.jury_outcomes, 4)) return P{"jury.outcomes", *e};
  if (!prob(s.return_after_partial)) return P{"jury.return_after_partial", "must be in [0, 1]"};
  if (auto e = dist(s.return_days)) return P{"jury.return_days", *e};
  if (auto e = shares(s.return_outcomes, 4)) return P{"jury.return_outcomes", *e};
  if (s.max_jury_sittings < 1 || s.max_jury_sittings > 20)
    return P{"jury.max_sittings", "must be in [1, 20]"};
  if (!prob(s.dropout_choosing)) return P{"dropout.choosing", "must be in [0, 1]"};
  if (!prob(s.dropout_preparation)) return P{"dropout.preparation", "must be in [0, 1]"};
  if (!prob(s.dropout_writing)) return P{"dropout.writing", "must be in [0, 1]"};
  if (!prob(s.dropout_jury_wait)) return P{"dropout.jury_wait", "must be in [0, 1]"};
  if (s.profile) {
    const ProfileSpec& p = *s.profile;
    const auto attrs = p.attributes();
    for (const auto& [name, a] : attrs) {
      const std::string f = std::string("profile.") + name;
      if (a->codes.size() != a->shares.size()) return P{f, "one share per code"};
      if (a->empty()) continue;
      const auto& codes = profile_attribute_codes(name);
      for (const auto& c : a->codes)
        if (std::find(codes.begin(), codes.end(), c) == codes.end())
          return P{f, "unknown code '" + excerpt(c) + "'"};
      if (auto e = shares(a->shares, a->shares.size())) return P{f, *e};
    }
    for (const auto& [antenne, code] : p.departement) {
      if (!is_departement_code(code))
        return P{"profile.departement." + excerpt(antenne), "not a département code"};
    }
  }
  if (s.followup) {
    const FollowupSpec& f = *s.followup;
    if (!prob(f.response_6)) return P{"followup.response_6", "must be in [0, 1]"};
    if (!prob(f.response_12)) return P{"followup.response_12", "must be in [0, 1]"};
    if (auto e = shares(f.certified, 6)) return P{"followup.certified", *e};
    if (auto e = shares(f.not_certified, 6)) return P{"followup.not_certified", *e};
  }
  if (s.era != PathwayEra::france_vae) return std::nullopt;
  const FranceVaeSpec& v = s.france_vae;
  const std::pair<const char*, double> probs[] = {
      {"autonomous_share", v.autonomous_share},
      {"dropout_before_proposal", v.dropout_before_proposal},
      {"dropout_before_confirm", v.dropout_before_confirm},
      {"training_share", v.training_share},
      {"funding_refused", v.funding_refused},
      {"flagged", v.flagged},
      {"lapse", v.lapse},
      {"contest", v.contest},
      {"lifted", v.lifted}};
  for (const auto& [name, x] : probs)
    if (!prob(x)) return P{std::string("france_vae.") + name, "must be in [0, 1]"};
  const std::pair<const char*, const DelayDistribution*> dists[] = {
      {"proposal_days", &v.proposal_days},       {"confirm_days", &v.confirm_days},
      {"individual_hours", &v.individual_hours}, {"collective_hours", &v.collective_hours},
      {"training_hours", &v.training_hours},     {"funding_days", &v.funding_days},
      {"feasibility_days", &v.feasibility_days}, {"flag_days", &v.flag_days},
      {"contest_days", &v.contest_days}};
  for (const auto& [name, d] : dists)
    if (auto e = dist(*d)) return P{std::string("france_vae.") + name, *e};
  const std::pair<const char*, double> rates[] = {{"rates.individual", v.individual_rate},
                                                  {"rates.collective", v.collective_rate},
                                                  {"rates.training", v.training_rate}};
  for (const auto& [name, x] : rates)
    if (!(std::isfinite(x) && x >= 0 && x <= 1e5))
      return P{std::string("france_vae.") + name, "must be in [0, 100000]"};
  if (auto e = shares(v.jury_outcomes, 5)) return P{"france_vae.jury_outcomes", *e};
  if (auto e = shares(v.return_outcomes, 5)) return P{"france_vae.return_outcomes", *e};
  return std::nullopt;
}

}  // namespace

std::string_view to_string(PathwayEra e) noexcept {
  return kEraNames[static_cast<std::size_t>(e)];
}

const std::vector<std::string_view>& profile_attribute_codes(std::string_view attribute) {
  // The names of the vocabulary (pathway/vocabulary.hpp), in its order: one list, not a copy.
  auto list = [](const auto& names) {
    return std::vector<std::string_view>(names.begin(), names.end());
  };
  static const std::vector<std::string_view> sex = list(sex_names);
  static const std::vector<std::string_view> age = list(age_band_names);
  static const std::vector<std::string_view> employment = list(employment_names);
  static const std::vector<std::string_view> qualification = list(qualification_names);
  static const std::vector<std::string_view> yes_no = list(yes_no_names);
  static const std::vector<std::string_view> situation = list(situation_names);
  static const std::vector<std::string_view> none;
  if (attribute == "sex") return sex;
  if (attribute == "age_band") return age;
  if (attribute == "employment") return employment;
  if (attribute == "qualification") return qualification;
  if (attribute == "qpv" || attribute == "rqth") return yes_no;
  if (attribute == "situation") return situation;
  return none;
}

std::string_view to_string(DistributionKind k) noexcept {
  return name_of(kDistNames, k);
}
std::string_view to_string(ArrivalProcess p) noexcept {
  return name_of(kProcessNames, p);
}
std::string_view to_string(SimulationScope s) noexcept {
  return name_of(kScopeNames, s);
}

DelayDistribution DelayDistribution::fixed_value(double v) noexcept {
  DelayDistribution d;
  d.kind = DistributionKind::fixed;
  d.value = v;
  return d;
}
DelayDistribution DelayDistribution::exponential_mean(double mean_, double offset_) noexcept {
  DelayDistribution d;
  d.kind = DistributionKind::exponential;
  d.mean = mean_;
  d.offset = offset_;
  return d;
}
DelayDistribution DelayDistribution::lognormal_median(double median_, double sigma_,
                                                      double offset_) noexcept {
  DelayDistribution d;
  d.kind = DistributionKind::lognormal;
  d.median = median_;
  d.sigma = sigma_;
  d.offset = offset_;
  return d;
}
DelayDistribution DelayDistribution::uniform_on(double lo, double hi) noexcept {
  DelayDistribution d;
  d.kind = DistributionKind::uniform;
  d.min = lo;
  d.max = hi;
  return d;
}

double DelayDistribution::sample(Xoshiro256& rng) const noexcept {
  switch (kind) {
    case DistributionKind::fixed: return value;
    case DistributionKind::uniform: return min + (max - min) * rng.uniform();
    case DistributionKind::exponential: return offset + mean * rng.exponential();
    case DistributionKind::lognormal: return offset + median * det_exp(sigma * rng.normal());
  }
  return 0;
}

double DelayDistribution::expected() const noexcept {
  switch (kind) {
    case DistributionKind::fixed: return value;
    case DistributionKind::uniform: return (min + max) / 2;
    case DistributionKind::exponential: return offset + mean;
    case DistributionKind::lognormal: return offset + median * std::exp(sigma * sigma / 2);
  }
  return 0;
}

void to_json(Json& j, const DelayDistribution& d) {
  j = Json::object();
  j["dist"] = std::string(to_string(d.kind));
  switch (d.kind) {
    case DistributionKind::fixed: j["value"] = d.value; break;
    case DistributionKind::uniform:
      j["min"] = d.min;
      j["max"] = d.max;
      break;
    case DistributionKind::exponential:
      j["mean"] = d.mean;
      if (d.offset != 0) j["offset"] = d.offset;
      break;
    case DistributionKind::lognormal:
      j["median"] = d.median;
      j["sigma"] = d.sigma;
      if (d.offset != 0) j["offset"] = d.offset;
      break;
  }
}

void from_json(const Json& j, DelayDistribution& d) {
  if (!j.is_object()) fail({}, std::string("expected a distribution object, got ") + j.type_name());
  std::string name;
  if (!has(j, "dist")) fail("dist", "missing field");
  read_string(j, "dist", name);
  const auto kind = find_name<DistributionKind>(kDistNames, name);
  if (!kind)
    fail("dist", "unknown distribution '" + excerpt(name) + "' (expected one of " +
                     join_names(kDistNames) + ")");
  DelayDistribution out;
  out.kind = *kind;
  constexpr double big = 1e9;
  switch (*kind) {
    case DistributionKind::fixed:
      check_keys(j, {"dist", "value"});
      out.value = number(j, "value");
      read_number(j, "value", out.value, 0, big);
      break;
    case DistributionKind::uniform:
      check_keys(j, {"dist", "min", "max"});
      out.min = number(j, "min");
      out.max = number(j, "max");
      read_number(j, "min", out.min, 0, big);
      read_number(j, "max", out.max, out.min, big);
      break;
    case DistributionKind::exponential:
      check_keys(j, {"dist", "mean", "offset"});
      out.mean = number(j, "mean");
      read_number(j, "mean", out.mean, 0, big);
      read_number(j, "offset", out.offset, 0, big);
      break;
    case DistributionKind::lognormal:
      check_keys(j, {"dist", "median", "sigma", "offset"});
      out.median = number(j, "median");
      out.sigma = number(j, "sigma");
      read_number(j, "median", out.median, 0, big);
      read_number(j, "sigma", out.sigma, 0, 5);
      read_number(j, "offset", out.offset, 0, big);
      break;
  }
  d = out;
}

void to_json(Json& j, const Scenario& s) {
  j = Json::object();
  j["name"] = s.name;
  j["title"] = s.title;
  j["period"] = s.period;
  j["horizon"] = s.horizon;
  j["calendar"] = s.calendar ? Json(*s.calendar) : Json(nullptr);
  j["case_prefix"] = s.case_prefix;
  j["scope"] = std::string(to_string(s.scope));
  j["arrivals"] = {{"process", std::string(to_string(s.arrival_process))},
                   {"yearly_volume", s.yearly_volume},
                   {"seasonality", s.seasonality},
                   {"channels", shares_json(s.channels, kChannelNames)}};
  Json ants = Json::array();
  for (const auto& a : s.antennes)
    ants.push_back({{"id", a.id},
                    {"share", a.share},
                    {"counsellors", a.counsellors},
                    {"assistants", a.assistants}});
  j["antennes"] = ants;
  j["reception"] = {{"per_assistant_per_day", s.receptions_per_assistant_per_day}};
  j["first_appointment"] = {{"lead_days", s.booking_lead_days},
                            {"hours_per_day", s.first_appointment_hours_per_day},
                            {"minutes", s.first_appointment_minutes},
                            {"no_show", s.no_show}};
  j["training_days"] = s.training_days;
  j["counselling"] = {{"choosing_days", s.choosing_days},
                      {"extra_appointments_mean", s.extra_appointments_mean},
                      {"appointment_minutes", s.appointment_minutes}};
  j["orientation"] = shares_json(s.orientation, kOrientationNames);
  Json certs = Json::array();
  for (const auto& c : s.certifications) {
    Json x = {{"code", c.code}, {"certifier", c.certifier}, {"weight", c.weight}};
    if (!c.title.empty()) x["title"] = c.title;
    if (c.registered_from || c.registered_until) {
      x["registered"] = {
          {"from", c.registered_from ? Json(c.registered_from->to_string()) : Json(nullptr)},
          {"until", c.registered_until ? Json(c.registered_until->to_string()) : Json(nullptr)}};
    }
    if (!c.source.empty()) x["source"] = c.source;
    certs.push_back(std::move(x));
  }
  j["certifications"] = certs;
  j["admissibility"] = {{"preparation_days", s.preparation_days},
                        {"decision_days", s.decision_days},
                        {"silence", s.silence},
                        {"decisions", shares_json(s.decisions, kDecisionNames)},
                        {"complement_days", s.complement_days},
                        {"max_incomplete", s.max_incomplete}};
  j["support"] = {{"share", s.support_share},
                  {"funding", shares_json(s.funding, kFundingNames)},
                  {"start_days", s.support_start_days},
                  {"sessions_mean", s.support_sessions_mean},
                  {"session_hours", s.support_session_hours}};
  j["validation_file"] = {{"writing_days", s.writing_days}};
  j["jury"] = {{"wait_days", s.jury_wait_days},
               {"notice_days", s.jury_notice_days},
               {"outcomes", shares_json(s.jury_outcomes, kJuryNames)},
               {"return_after_partial", s.return_after_partial},
               {"return_days", s.return_days},
               {"return_outcomes", shares_json(s.return_outcomes, kJuryNames)},
               {"max_sittings", s.max_jury_sittings}};
  j["dropout"] = {{"choosing", s.dropout_choosing},
                  {"preparation", s.dropout_preparation},
                  {"writing", s.dropout_writing},
                  {"jury_wait", s.dropout_jury_wait}};
  // The reform's sections only where they apply: a 2017 scenario writes as before.
  if (s.era != PathwayEra::counselling_2017) {
    j["era"] = std::string(to_string(s.era));
    const FranceVaeSpec& v = s.france_vae;
    j["france_vae"] = {{"autonomous_share", v.autonomous_share},
                       {"proposal_days", v.proposal_days},
                       {"confirm_days", v.confirm_days},
                       {"dropout_before_proposal", v.dropout_before_proposal},
                       {"dropout_before_confirm", v.dropout_before_confirm},
                       {"individual_hours", v.individual_hours},
                       {"collective_hours", v.collective_hours},
                       {"training_share", v.training_share},
                       {"training_hours", v.training_hours},
                       {"rates",
                        {{"individual", v.individual_rate},
                         {"collective", v.collective_rate},
                         {"training", v.training_rate}}},
                       {"funding_refused", v.funding_refused},
                       {"funding_days", v.funding_days},
                       {"feasibility_days", v.feasibility_days},
                       {"flagged", v.flagged},
                       {"flag_days", v.flag_days},
                       {"lapse", v.lapse},
                       {"contest", v.contest},
                       {"lifted", v.lifted},
                       {"contest_days", v.contest_days},
                       {"jury_outcomes", shares_json(v.jury_outcomes, kReformJuryNames)},
                       {"return_outcomes", shares_json(v.return_outcomes, kReformJuryNames)}};
  }
  if (s.profile) {
    const ProfileSpec& p = *s.profile;
    Json pj = Json::object();
    const auto attrs = p.attributes();
    for (const auto& [name, a] : attrs)
      if (!a->empty()) pj[name] = profile_shares_json(*a);
    Json d = Json::object();
    for (const auto& [antenne, code] : p.departement) d[antenne] = code;
    pj["departement"] = d;
    j["profile"] = pj;
  }
  if (s.followup) {
    const FollowupSpec& f = *s.followup;
    j["followup"] = {{"response_6", f.response_6},
                     {"response_12", f.response_12},
                     {"certified", shares_json(f.certified, kSituationNames)},
                     {"not_certified", shares_json(f.not_certified, kSituationNames)},
                     {"source", f.source}};
  }
  Json targets = Json::array();
  for (const auto& t : s.targets)
    targets.push_back({{"metric", t.metric},
                       {"value", t.value},
                       {"tolerance", t.tolerance},
                       {"source", t.source}});
  j["targets"] = targets;
}

void from_json(const Json& j, Scenario& out) {
  check_keys(j, {"schema",          "name",          "title",
                 "period",          "horizon",       "calendar",
                 "case_prefix",     "scope",         "arrivals",
                 "antennes",        "reception",     "first_appointment",
                 "training_days",   "counselling",   "orientation",
                 "certifications",  "admissibility", "support",
                 "validation_file", "jury",          "dropout",
                 "targets",         "era",           "france_vae",
                 "profile",         "followup"});
  Scenario s;
  s.name = json_field<std::string>(j, "name");
  read_string(j, "title", s.title);
  s.period = json_field<DateRange>(j, "period");
  if (has(j, "horizon")) {
    s.horizon = json_field<Date>(j, "horizon");
  } else {
    s.horizon = Date(s.period.last().year() + 6, 12, 31);
  }
  if (has(j, "calendar")) {
    if (j.at("calendar").is_null()) {
      s.calendar.reset();
    } else {
      s.calendar = json_field<FrenchCalendar>(j, "calendar");
    }
  }
  read_string(j, "case_prefix", s.case_prefix);
  if (has(j, "scope")) {
    std::string name;
    read_string(j, "scope", name);
    const auto v = find_name<SimulationScope>(kScopeNames, name);
    if (!v)
      fail("scope", "unknown scope '" + excerpt(name) + "' (expected one of " +
                        join_names(kScopeNames) + ")");
    s.scope = *v;
  }
  if (has(j, "arrivals")) {
    within("arrivals", [&] {
      const Json& a = j.at("arrivals");
      check_keys(a, {"process", "yearly_volume", "seasonality", "channels"});
      if (has(a, "process")) {
        std::string name;
        read_string(a, "process", name);
        const auto v = find_name<ArrivalProcess>(kProcessNames, name);
        if (!v)
          fail("process", "unknown process '" + excerpt(name) + "' (expected one of " +
                              join_names(kProcessNames) + ")");
        s.arrival_process = *v;
      }
      read_number(a, "yearly_volume", s.yearly_volume, 0, 1e9);
      if (has(a, "seasonality")) {
        const Json& w = a.at("seasonality");
        if (!w.is_array() || w.size() != 12)
          fail("seasonality", "expected an array of 12 monthly weights");
        for (std::size_t i = 0; i < 12; ++i) {
          if (!w[i].is_number())
            fail("seasonality[" + std::to_string(i) + "]", "expected a number");
          s.seasonality[i] = w[i].get<double>();
          if (!(s.seasonality[i] >= 0 && s.seasonality[i] <= 1e9))
            fail("seasonality[" + std::to_string(i) + "]", "must be >= 0");
        }
      }
      read_shares(a, "channels", s.channels, kChannelNames);
    });
  }
  {
    const Json ants = json_field<Json>(j, "antennes");
    if (!ants.is_array()) fail("antennes", "expected an array");
    for (std::size_t i = 0; i < ants.size(); ++i) {
      within("antennes[" + std::to_string(i) + "]", [&] {
        const Json& a = ants[i];
        check_keys(a, {"id", "share", "counsellors", "assistants"});
        AntenneSpec spec;
        spec.id = json_field<std::string>(a, "id");
        spec.share = number(a, "share");
        read_number(a, "share", spec.share, 0, 1);
        if (!has(a, "counsellors")) fail("counsellors", "missing field");
        if (!has(a, "assistants")) fail("assistants", "missing field");
        read_int(a, "counsellors", spec.counsellors, 1, 10000);
        read_int(a, "assistants", spec.assistants, 1, 10000);
        s.antennes.push_back(std::move(spec));
      });
    }
  }
  if (has(j, "reception")) {
    within("reception", [&] {
      const Json& r = j.at("reception");
      check_keys(r, {"per_assistant_per_day"});
      read_number(r, "per_assistant_per_day", s.receptions_per_assistant_per_day, 0, 1e6);
    });
  }
  if (has(j, "first_appointment")) {
    within("first_appointment", [&] {
      const Json& f = j.at("first_appointment");
      check_keys(f, {"lead_days", "hours_per_day", "minutes", "no_show"});
      read_int(f, "lead_days", s.booking_lead_days, 0, 365);
      read_number(f, "hours_per_day", s.first_appointment_hours_per_day, 1e-9, 24);
      read_dist(f, "minutes", s.first_appointment_minutes);
      read_number(f, "no_show", s.no_show, 0, 1);
    });
  }
  if (has(j, "training_days")) s.training_days = json_field<std::vector<Date>>(j, "training_days");
  if (has(j, "counselling")) {
    within("counselling", [&] {
      const Json& c = j.at("counselling");
      check_keys(c, {"choosing_days", "extra_appointments_mean", "appointment_minutes"});
      read_dist(c, "choosing_days", s.choosing_days);
      read_number(c, "extra_appointments_mean", s.extra_appointments_mean, 0, 100);
      read_int(c, "appointment_minutes", s.appointment_minutes, 0, 600);
    });
  }
  read_shares(j, "orientation", s.orientation, kOrientationNames);
  if (has(j, "certifications")) {
    const Json& cs = j.at("certifications");
    if (!cs.is_array()) fail("certifications", "expected an array");
    for (std::size_t i = 0; i < cs.size(); ++i) {
      within("certifications[" + std::to_string(i) + "]", [&] {
        const Json& c = cs[i];
        check_keys(c, {"code", "certifier", "weight", "title", "registered", "source"});
        CertificationChoice cc;
        cc.code = json_field<std::string>(c, "code");
        cc.certifier = json_field<std::string>(c, "certifier");
        cc.title = json_field_or<std::string>(c, "title", "");
        cc.source = json_field_or<std::string>(c, "source", "");
        if (has(c, "registered")) {
          within("registered", [&] {
            const Json& r = c.at("registered");
            if (!r.is_object()) fail({}, "expected an object");
            check_keys(r, {"from", "until"});
            if (has(r, "from") && !r.at("from").is_null())
              cc.registered_from = json_field<Date>(r, "from");
            if (has(r, "until") && !r.at("until").is_null())
              cc.registered_until = json_field<Date>(r, "until");
          });
        }
        cc.weight = number(c, "weight");
        read_number(c, "weight", cc.weight, 1e-12, 1e12);
        s.certifications.push_back(std::move(cc));
      });
    }
  }
  if (has(j, "admissibility")) {
    within("admissibility", [&] {
      const Json& a = j.at("admissibility");
      check_keys(a, {"preparation_days", "decision_days", "silence", "decisions", "complement_days",
                     "max_incomplete"});
      read_dist(a, "preparation_days", s.preparation_days);
      read_dist(a, "decision_days", s.decision_days);
      read_number(a, "silence", s.silence, 0, 1);
      read_shares(a, "decisions", s.decisions, kDecisionNames);
      read_dist(a, "complement_days", s.complement_days);
      read_int(a, "max_incomplete", s.max_incomplete, 0, 20);
    });
  }
  if (has(j, "support")) {
    within("support", [&] {
      const Json& a = j.at("support");
      check_keys(a, {"share", "funding", "start_days", "sessions_mean", "session_hours"});
      read_number(a, "share", s.support_share, 0, 1);
      read_shares(a, "funding", s.funding, kFundingNames);
      read_dist(a, "start_days", s.support_start_days);
      read_number(a, "sessions_mean", s.support_sessions_mean, 0, 100);
      read_number(a, "session_hours", s.support_session_hours, 0, 24);
    });
  }
  if (has(j, "validation_file")) {
    within("validation_file", [&] {
      const Json& a = j.at("validation_file");
      check_keys(a, {"writing_days"});
      read_dist(a, "writing_days", s.writing_days);
    });
  }
  if (has(j, "jury")) {
    within("jury", [&] {
      const Json& a = j.at("jury");
      check_keys(a, {"wait_days", "notice_days", "outcomes", "return_after_partial", "return_days",
                     "return_outcomes", "max_sittings"});
      read_dist(a, "wait_days", s.jury_wait_days);
      read_int(a, "notice_days", s.jury_notice_days, 0, 365);
      read_shares(a, "outcomes", s.jury_outcomes, kJuryNames);
      read_number(a, "return_after_partial", s.return_after_partial, 0, 1);
      read_dist(a, "return_days", s.return_days);
      read_shares(a, "return_outcomes", s.return_outcomes, kJuryNames);
      read_int(a, "max_sittings", s.max_jury_sittings, 1, 20);
    });
  }
  if (has(j, "dropout")) {
    within("dropout", [&] {
      const Json& a = j.at("dropout");
      check_keys(a, {"choosing", "preparation", "writing", "jury_wait"});
      read_number(a, "choosing", s.dropout_choosing, 0, 1);
      read_number(a, "preparation", s.dropout_preparation, 0, 1);
      read_number(a, "writing", s.dropout_writing, 0, 1);
      read_number(a, "jury_wait", s.dropout_jury_wait, 0, 1);
    });
  }
  if (has(j, "era")) {
    std::string name;
    read_string(j, "era", name);
    const auto v = find_name<PathwayEra>(kEraNames, name);
    if (!v)
      fail("era",
           "unknown era '" + excerpt(name) + "' (expected one of " + join_names(kEraNames) + ")");
    s.era = *v;
  }
  if (has(j, "france_vae")) {
    if (s.era != PathwayEra::france_vae) fail("france_vae", "only with \"era\": \"france_vae\"");
    within("france_vae", [&] {
      const Json& a = j.at("france_vae");
      check_keys(a, {"autonomous_share",
                     "proposal_days",
                     "confirm_days",
                     "dropout_before_proposal",
                     "dropout_before_confirm",
                     "individual_hours",
                     "collective_hours",
                     "training_share",
                     "training_hours",
                     "rates",
                     "funding_refused",
                     "funding_days",
                     "feasibility_days",
                     "flagged",
                     "flag_days",
                     "lapse",
                     "contest",
                     "lifted",
                     "contest_days",
                     "jury_outcomes",
                     "return_outcomes"});
      FranceVaeSpec& v = s.france_vae;
      read_number(a, "autonomous_share", v.autonomous_share, 0, 1);
      read_dist(a, "proposal_days", v.proposal_days);
      read_dist(a, "confirm_days", v.confirm_days);
      read_number(a, "dropout_before_proposal", v.dropout_before_proposal, 0, 1);
      read_number(a, "dropout_before_confirm", v.dropout_before_confirm, 0, 1);
      read_dist(a, "individual_hours", v.individual_hours);
      read_dist(a, "collective_hours", v.collective_hours);
      read_number(a, "training_share", v.training_share, 0, 1);
      read_dist(a, "training_hours", v.training_hours);
      if (has(a, "rates")) {
        within("rates", [&] {
          const Json& r = a.at("rates");
          check_keys(r, {"individual", "collective", "training"});
          read_number(r, "individual", v.individual_rate, 0, 1e5);
          read_number(r, "collective", v.collective_rate, 0, 1e5);
          read_number(r, "training", v.training_rate, 0, 1e5);
        });
      }
      read_number(a, "funding_refused", v.funding_refused, 0, 1);
      read_dist(a, "funding_days", v.funding_days);
      read_dist(a, "feasibility_days", v.feasibility_days);
      read_number(a, "flagged", v.flagged, 0, 1);
      read_dist(a, "flag_days", v.flag_days);
      read_number(a, "lapse", v.lapse, 0, 1);
      read_number(a, "contest", v.contest, 0, 1);
      read_number(a, "lifted", v.lifted, 0, 1);
      read_dist(a, "contest_days", v.contest_days);
      read_shares(a, "jury_outcomes", v.jury_outcomes, kReformJuryNames);
      read_shares(a, "return_outcomes", v.return_outcomes, kReformJuryNames);
    });
  }
  if (has(j, "profile")) {
    within("profile", [&] {
      const Json& a = j.at("profile");
      check_keys(a,
                 {"sex", "age_band", "employment", "qualification", "qpv", "rqth", "departement"});
      ProfileSpec p;
      read_profile_shares(a, "sex", p.sex);
      read_profile_shares(a, "age_band", p.age_band);
      read_profile_shares(a, "employment", p.employment);
      read_profile_shares(a, "qualification", p.qualification);
      read_profile_shares(a, "qpv", p.qpv);
      read_profile_shares(a, "rqth", p.rqth);
      if (has(a, "departement")) {
        within("departement", [&] {
          const Json& d = a.at("departement");
          if (!d.is_object()) fail({}, "expected an object (antenne id: département code)");
          for (const auto& item : d.items()) {
            std::string code;
            read_string(d, item.key(), code);
            if (!is_departement_code(code)) fail(item.key(), "not a département code");
            p.departement[item.key()] = code;
          }
        });
      }
      s.profile = std::move(p);
    });
  }
  if (has(j, "followup")) {
    within("followup", [&] {
      const Json& a = j.at("followup");
      check_keys(a, {"response_6", "response_12", "certified", "not_certified", "source"});
      FollowupSpec f;
      read_number(a, "response_6", f.response_6, 0, 1);
      read_number(a, "response_12", f.response_12, 0, 1);
      read_shares(a, "certified", f.certified, kSituationNames);
      read_shares(a, "not_certified", f.not_certified, kSituationNames);
      read_string(a, "source", f.source);
      s.followup = std::move(f);
    });
  }
  if (has(j, "targets")) {
    const Json& ts = j.at("targets");
    if (!ts.is_array()) fail("targets", "expected an array");
    for (std::size_t i = 0; i < ts.size(); ++i) {
      within("targets[" + std::to_string(i) + "]", [&] {
        const Json& t = ts[i];
        check_keys(t, {"metric", "value", "tolerance", "source"});
        CalibrationTarget ct;
        ct.metric = json_field<std::string>(t, "metric");
        const auto& names = simulation_metric_names();
        if (std::find(names.begin(), names.end(), ct.metric) == names.end())
          fail("metric", "unknown metric '" + excerpt(ct.metric) + "'");
        ct.value = number(t, "value");
        ct.tolerance = number(t, "tolerance");
        read_number(t, "tolerance", ct.tolerance, 0, 1e12);
        read_string(t, "source", ct.source);
        s.targets.push_back(std::move(ct));
      });
    }
  }
  if (auto p = find_problem(s)) fail(p->first, p->second);
  out = std::move(s);
}

void Scenario::validate() const {
  if (auto p = find_problem(*this))
    throw InvalidArgument("scenario field " + p->first + ": " + p->second);
}

bool CertificationChoice::registered_on(Date d) const noexcept {
  return !(registered_from && d < *registered_from) && !(registered_until && *registered_until < d);
}

int Scenario::counsellor_count() const noexcept {
  int n = 0;
  for (const auto& a : antennes) n += a.counsellors;
  return n;
}

int Scenario::assistant_count() const noexcept {
  int n = 0;
  for (const auto& a : antennes) n += a.assistants;
  return n;
}

void Scenario::set_counsellor_count(int n) {
  const auto k = static_cast<int>(antennes.size());
  if (k == 0) throw InvalidArgument("the scenario has no antenne");
  if (n < k)
    throw InvalidArgument("at least one counsellor per antenne (" + std::to_string(k) + ")");
  const int current = counsellor_count();
  // Largest remainders of n × current_i / current, at least one each.
  std::vector<double> exact(antennes.size());
  std::vector<int> base(antennes.size());
  int assigned = 0;
  for (std::size_t i = 0; i < antennes.size(); ++i) {
    const double w = current > 0 ? static_cast<double>(antennes[i].counsellors) / current : 1.0 / k;
    exact[i] = w * (n - k);
    base[i] = 1 + static_cast<int>(std::floor(exact[i]));
    assigned += base[i];
  }
  std::vector<std::size_t> order(antennes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return exact[a] - std::floor(exact[a]) > exact[b] - std::floor(exact[b]);
  });
  for (std::size_t i = 0; assigned < n; i = (i + 1) % order.size(), ++assigned) ++base[order[i]];
  for (std::size_t i = 0; i < antennes.size(); ++i) antennes[i].counsellors = base[i];
}

Scenario Scenario::builtin(std::string_view name) {
  const std::string_view text = detail::builtin_scenario_text(name);
  if (text.empty())
    throw NotFound(std::string(name), "no built-in scenario named " + excerpt(name));
  return read_document<Scenario>(text, std::string("builtin:") + std::string(name));
}

std::vector<std::string> Scenario::builtin_names() {
  return detail::builtin_scenario_list();
}

}  // namespace vaekit
