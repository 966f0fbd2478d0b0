// The event vocabulary of the event log v1: names, timestamps, JSON form.
#include "vaekit/pathway/event.hpp"

#include "vaekit/pathway/vocabulary.hpp"
#include "vocabulary_access.hpp"

#include "vaekit/core/names.hpp"
#include "vaekit/core/organisations.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace vaekit {
namespace {

constexpr const auto& kEventNames = event_kind_names;
constexpr const auto& kRoleNames = role_names;
constexpr const auto& kChannelNames = channel_names;
constexpr const auto& kTargetNames = orientation_target_names;
constexpr const auto& kDecisionNames = admissibility_decision_names;
constexpr const auto& kFundingNames = funding_names;
constexpr const auto& kResultNames = jury_result_names;

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}
int num(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

[[noreturn]] void bad_time(std::string_view text, std::string_view source, std::size_t col,
                           const std::string& why) {
  throw ParseError(SourceLocation{std::string(source), 0, col, {}},
                   why + " in timestamp '" + excerpt(text) + "'");
}

}  // namespace

std::string_view to_string(EventKind e) noexcept {
  return name_of(kEventNames, e);
}
std::string_view to_string(Role r) noexcept {
  return name_of(kRoleNames, r);
}
std::string_view to_string(Channel c) noexcept {
  return name_of(kChannelNames, c);
}
std::string_view to_string(OrientationTarget t) noexcept {
  return name_of(kTargetNames, t);
}
std::string_view to_string(AdmissibilityDecision d) noexcept {
  return name_of(kDecisionNames, d);
}
std::string_view to_string(Funding f) noexcept {
  return name_of(kFundingNames, f);
}
std::string_view to_string(JuryResult r) noexcept {
  return name_of(kResultNames, r);
}

std::string_view to_string(Accompaniment a) noexcept {
  return name_of(accompaniment_names, a);
}
std::string_view to_string(FundingKind k) noexcept {
  return name_of(funding_kind_names, k);
}
std::string_view to_string(ReasonCode r) noexcept {
  return name_of(reason_code_names, r);
}
std::string_view to_string(Sex x) noexcept {
  return name_of(sex_names, x);
}
std::string_view to_string(AgeBand a) noexcept {
  return name_of(age_band_names, a);
}
std::string_view to_string(Employment e) noexcept {
  return name_of(employment_names, e);
}
std::string_view to_string(Qualification q) noexcept {
  return name_of(qualification_names, q);
}
std::string_view to_string(Departement d) noexcept {
  return name_of(departement_names, d);
}
std::optional<Departement> try_departement_from_string(std::string_view code) noexcept {
  return find_name<Departement>(departement_names, code);
}
std::string_view to_string(YesNo y) noexcept {
  return name_of(yes_no_names, y);
}
std::string_view to_string(Situation x) noexcept {
  return name_of(situation_names, x);
}

std::optional<EventKind> try_event_kind_from_string(std::string_view s) noexcept {
  return find_name<EventKind>(kEventNames, s);
}
EventKind event_kind_from_string(std::string_view s) {
  return parse_name<EventKind>(kEventNames, s, "event");
}
std::optional<Role> try_role_from_string(std::string_view s) noexcept {
  return find_name<Role>(kRoleNames, s);
}
Role role_from_string(std::string_view s) {
  return parse_name<Role>(kRoleNames, s, "role");
}
std::optional<Channel> try_channel_from_string(std::string_view s) noexcept {
  return find_name<Channel>(kChannelNames, s);
}
Channel channel_from_string(std::string_view s) {
  return parse_name<Channel>(kChannelNames, s, "channel");
}
std::optional<OrientationTarget> try_orientation_target_from_string(std::string_view s) noexcept {
  return find_name<OrientationTarget>(kTargetNames, s);
}
OrientationTarget orientation_target_from_string(std::string_view s) {
  return parse_name<OrientationTarget>(kTargetNames, s, "orientation target");
}
std::optional<AdmissibilityDecision> try_admissibility_decision_from_string(
    std::string_view s) noexcept {
  return find_name<AdmissibilityDecision>(kDecisionNames, s);
}
AdmissibilityDecision admissibility_decision_from_string(std::string_view s) {
  return parse_name<AdmissibilityDecision>(kDecisionNames, s, "admissibility decision");
}
std::optional<Funding> try_funding_from_string(std::string_view s) noexcept {
  return find_name<Funding>(kFundingNames, s);
}
Funding funding_from_string(std::string_view s) {
  return parse_name<Funding>(kFundingNames, s, "funding source");
}
std::optional<JuryResult> try_jury_result_from_string(std::string_view s) noexcept {
  return find_name<JuryResult>(kResultNames, s);
}
JuryResult jury_result_from_string(std::string_view s) {
  return parse_name<JuryResult>(kResultNames, s, "jury result");
}

Timestamp::Timestamp(Date d, std::int32_t millis_of_day, std::int16_t offset_minutes)
    : date_(d), millis_(millis_of_day), offset_(offset_minutes) {
  if (millis_of_day < 0 || millis_of_day >= 86'400'000) {
    throw InvalidArgument("time of day out of range: " + std::to_string(millis_of_day) + " ms");
  }
  if (offset_minutes < -18 * 60 || offset_minutes > 18 * 60) {
    throw InvalidArgument("UTC offset out of range: " + std::to_string(offset_minutes) + " min");
  }
}

Timestamp Timestamp::parse(std::string_view text, std::string_view source) {
  if (text.size() <= 10) return Timestamp(Date::parse(text, source));
  const Date d = Date::parse(text.substr(0, 10), source);
  if (text[10] != 'T' && text[10] != 't') bad_time(text, source, 11, "expected 'T'");
  std::size_t p = 11;
  if (!digits(text, p, 2) || p + 2 >= text.size() || text[p + 2] != ':' ||
      !digits(text, p + 3, 2)) {
    bad_time(text, source, p + 1, "expected HH:MM");
  }
  const int hh = num(text, p, 2), mm = num(text, p + 3, 2);
  p += 5;
  int ss = 0, ms = 0;
  if (p < text.size() && text[p] == ':') {
    if (!digits(text, p + 1, 2)) bad_time(text, source, p + 2, "expected seconds");
    ss = num(text, p + 1, 2);
    p += 3;
    if (p < text.size() && (text[p] == '.' || text[p] == ',')) {
      ++p;
      std::size_t n = 0;
      while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
        if (n < 3) ms = ms * 10 + (text[p] - '0');
        ++n;
        ++p;
      }
      if (n == 0 || n > 9) bad_time(text, source, p + 1, "expected 1 to 9 fraction digits");
      for (std::size_t k = n; k < 3; ++k) ms *= 10;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) bad_time(text, source, 12, "time of day out of range");
  if (p >= text.size()) bad_time(text, source, p + 1, "missing UTC offset (Z or +HH:MM)");
  int offset = 0;
  if (text[p] == 'Z' || text[p] == 'z') {
    ++p;
  } else if (text[p] == '+' || text[p] == '-') {
    const int sign = text[p] == '-' ? -1 : 1;
    if (!digits(text, p + 1, 2) || p + 3 >= text.size() || text[p + 3] != ':' ||
        !digits(text, p + 4, 2)) {
      bad_time(text, source, p + 2, "expected offset +HH:MM");
    }
    const int oh = num(text, p + 1, 2), om = num(text, p + 4, 2);
    if (oh > 18 || om > 59) bad_time(text, source, p + 2, "offset out of range");
    offset = sign * (oh * 60 + om);
    p += 6;
  } else {
    bad_time(text, source, p + 1, "expected Z or +HH:MM");
  }
  if (p != text.size()) bad_time(text, source, p + 1, "unexpected trailing characters");
  return Timestamp(d, ((hh * 60 + mm) * 60 + ss) * 1000 + ms, static_cast<std::int16_t>(offset));
}

std::string Timestamp::to_string() const {
  std::string out = date_.to_string();
  if (!has_time()) return out;
  const int ms = millis_ % 1000, s = millis_ / 1000;
  char buf[40];
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, ms);
  } else {
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
  out += buf;
  if (offset_ == 0) {
    out += 'Z';
  } else {
    const int a = offset_ < 0 ? -offset_ : offset_;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_ < 0 ? '-' : '+', a / 60, a % 60);
    out += buf;
  }
  return out;
}

std::string_view funding_organisation(Funding f) noexcept {
  switch (f) {
    case Funding::opca: return "OPCA";
    case Funding::opco: return "OPCO";
    default: return {};
  }
}

std::optional<std::pair<std::string, std::string>> dated_name_issue(const Event& e) {
  if (e.data.funding) {
    const auto org = funding_organisation(*e.data.funding);
    if (!org.empty()) {
      if (auto why = organisation_issue_on(org, e.at.date())) {
        return std::pair<std::string, std::string>{"data.funding", *why};
      }
    }
  }
  return std::nullopt;
}

namespace {

// "a", "a and b", "a, b and c": the events of @p set, for messages.
std::string event_names(EventSet set) {
  std::vector<std::string_view> names;
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    if (contains(set, static_cast<EventKind>(k))) names.push_back(event_kind_names[k]);
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string bound(double v) {
  return std::to_string(static_cast<long long>(v));
}

// "within 0-1440", or "6 or 12" for a stepped range (months): the rule of an integer field.
std::string integer_rule(const FieldSpec& f) {
  if (f.step == 1) return "within " + bound(f.min) + "-" + bound(f.max);
  std::string out;
  for (double v = f.min; v <= f.max; v += f.step) {
    if (!out.empty()) out += v + f.step > f.max ? " or " : ", ";
    out += bound(v);
  }
  return out;
}

// Whether @p m is an allowed value of integer field @p f (range and step).
bool integer_ok(const FieldSpec& f, std::int64_t m) {
  return m >= static_cast<std::int64_t>(f.min) && m <= static_cast<std::int64_t>(f.max) &&
         (m - static_cast<std::int64_t>(f.min)) % f.step == 0;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> validate_event_data(const Event& e) {
  // Every rule comes from the vocabulary table (vocabulary.hpp), in this order: required fields,
  // ranges, fields refused on other events, list items.
  using R = std::optional<std::pair<std::string, std::string>>;
  const EventData& d = e.data;
  R bad;
  const auto field = [](const FieldSpec& f) { return "data." + std::string(f.name); };
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    if (!bad && contains(f.required, e.kind) && !vocab::is_set(vocab::member<I>(d))) {
      bad = R{{field(f), std::string(to_string(e.kind)) + " requires " + field(f)}};
    }
  });
  if (bad) return bad;
  if (contains(certification_required, e.kind) && e.certification.empty()) {
    return R{
        {"certification", std::string(to_string(e.kind)) + " requires the certification field"}};
  }
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    const auto& m = vocab::member<I>(d);
    if constexpr (f.type == FieldType::integer) {
      if (!bad && m && !integer_ok(f, *m)) {
        bad = R{{field(f), std::string(f.name) + " must be " + integer_rule(f)}};
      }
    } else if constexpr (f.type == FieldType::number) {
      if (!bad && m && (!std::isfinite(*m) || *m < f.min || *m > f.max)) {
        bad = R{{field(f), std::string(f.name) + " must be a number within " + bound(f.min) + "-" +
                               bound(f.max)}};
      }
    }
  });
  if (bad) return bad;
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    if (!bad && f.only_on_events && !contains(f.events, e.kind) &&
        vocab::is_set(vocab::member<I>(d))) {
      bad = R{{field(f), std::string(f.name) + " applies to " + event_names(f.events) + " only"}};
    }
  });
  if (bad) return bad;
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    if constexpr (f.type == FieldType::text_list) {
      const std::vector<std::string>& items = vocab::member<I>(d);
      for (std::size_t i = 0; i < items.size() && !bad; ++i) {
        if (items[i].empty()) {
          bad = R{{field(f), "empty " + std::string(f.item)}};
          break;
        }
        if (f.unique.empty()) continue;
        for (std::size_t k = 0; k < i; ++k) {
          if (items[k] == items[i]) {
            bad = R{{field(f), std::string(f.unique) + " " + excerpt(items[i]) + " listed twice"}};
            break;
          }
        }
      }
    }
  });
  return bad;
}

void to_json(Json& j, const Timestamp& t) {
  j = t.to_string();
}
void from_json(const Json& j, Timestamp& t) {
  if (!j.is_string())
    throw ParseError(SourceLocation{}, "expected an ISO 8601 date or date-time string");
  t = Timestamp::parse(j.get_ref<const std::string&>());
}

void to_json(Json& j, const Event& e) {
  j = Json::object();
  j["case"] = e.case_id;
  j["at"] = e.at.to_string();
  j["event"] = std::string(to_string(e.kind));
  j["role"] = std::string(to_string(e.role));
  if (!e.antenne.empty()) j["antenne"] = e.antenne;
  if (!e.staff.empty()) j["staff"] = e.staff;
  if (!e.certification.empty()) j["certification"] = e.certification;
  if (e.extra.is_object()) {
    for (const auto& [k, v] : e.extra.items()) j[k] = v;
  }
  Json data = Json::object();
  const EventData& d = e.data;
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    const auto& m = vocab::member<I>(d);
    if (!vocab::is_set(m)) return;
    const std::string key(f.name);
    if constexpr (f.type == FieldType::enumeration) {
      data[key] = std::string(f.values[static_cast<std::size_t>(*m)]);
    } else if constexpr (f.type == FieldType::date) {
      data[key] = m->to_string();
    } else if constexpr (f.type == FieldType::integer || f.type == FieldType::number) {
      data[key] = *m;
    } else {
      data[key] = m;
    }
  });
  if (d.extra.is_object()) {
    for (const auto& [k, v] : d.extra.items()) data[k] = v;
  }
  if (!data.empty()) j["data"] = std::move(data);
}

namespace {

[[noreturn]] void field_error(const std::string& field, const std::string& why) {
  throw ParseError(SourceLocation{{}, 0, 0, field}, why);
}

const std::string& str_field(const Json& j, const char* key, bool required,
                             const std::string& empty) {
  auto it = j.find(key);
  if (it == j.end() || (!required && it->is_null())) {
    if (required) field_error(key, "missing field");
    return empty;
  }
  if (!it->is_string()) field_error(key, std::string("expected a string, got ") + it->type_name());
  return it->get_ref<const std::string&>();
}

template <class E, class F>
E enum_field(const Json& v, const std::string& field, F parse) {
  if (!v.is_string()) field_error(field, std::string("expected a string, got ") + v.type_name());
  const auto& s = v.get_ref<const std::string&>();
  auto r = parse(s);
  if (!r) field_error(field, "unknown value '" + excerpt(s) + "'");
  return *r;
}

// Reads field @p I of `data` from @p v into @p out, as its vocabulary row says; throws ParseError
// naming @p f.
template <std::size_t I, class T>
void read_data_field(const Json& v, const std::string& f, T& out) {
  constexpr const FieldSpec& spec = event_data_fields[I];
  if constexpr (spec.type == FieldType::enumeration) {
    if (!v.is_string()) field_error(f, std::string("expected a string, got ") + v.type_name());
    const auto& s = v.get_ref<const std::string&>();
    out = vocab::enum_value<I>(s);
    if (!out) field_error(f, "unknown value '" + excerpt(s) + "'");
  } else if constexpr (spec.type == FieldType::date) {
    if (!v.is_string()) field_error(f, "expected a date string");
    try {
      out = Date::parse(v.get_ref<const std::string&>());
    } catch (const ParseError& pe) {
      field_error(f, pe.reason());
    }
  } else if constexpr (spec.type == FieldType::integer) {
    if (!v.is_number_integer()) field_error(f, "expected an integer");
    const auto m = v.get<std::int64_t>();
    if (!integer_ok(spec, m))
      field_error(f, std::string(spec.name) + " must be " + integer_rule(spec));
    out = static_cast<std::int32_t>(m);
  } else if constexpr (spec.type == FieldType::number) {
    if (!v.is_number()) field_error(f, "expected a number");
    const double h = v.get<double>();
    if (!std::isfinite(h) || h < spec.min || h > spec.max) {
      field_error(
          f, std::string(spec.name) + " must be within " + bound(spec.min) + "-" + bound(spec.max));
    }
    out = h;
  } else if constexpr (spec.type == FieldType::boolean) {
    if (!v.is_boolean()) field_error(f, "expected true or false");
    out = v.get<bool>();
  } else if constexpr (spec.type == FieldType::text) {
    if (!v.is_string()) field_error(f, "expected a string");
    out = v.get<std::string>();
  } else {
    static_assert(spec.type == FieldType::text_list);
    // Optional fields added compatibly to EventLog.1 (issue 12): arrays of strings.
    if (!v.is_array()) field_error(f, "expected an array of strings");
    for (const Json& item : v) {
      if (!item.is_string()) field_error(f, "expected an array of strings");
      out.push_back(item.get<std::string>());
    }
  }
}

}  // namespace

void from_json(const Json& j, Event& e) {
  if (!j.is_object()) field_error("", "expected a JSON object");
  static const std::string empty;
  e = Event{};
  e.case_id = str_field(j, "case", true, empty);
  if (e.case_id.empty()) field_error("case", "empty case identifier");
  {
    const std::string& at = str_field(j, "at", true, empty);
    try {
      e.at = Timestamp::parse(at);
    } catch (const ParseError& pe) {
      field_error("at", pe.reason());
    }
  }
  if (!j.contains("event")) field_error("event", "missing field");
  e.kind = enum_field<EventKind>(j.at("event"), "event", try_event_kind_from_string);
  if (!j.contains("role")) field_error("role", "missing field");
  e.role = enum_field<Role>(j.at("role"), "role", try_role_from_string);
  e.antenne = str_field(j, "antenne", false, empty);
  e.staff = str_field(j, "staff", false, empty);
  e.certification = str_field(j, "certification", false, empty);
  for (const auto& [k, v] : j.items()) {
    if (k == "case" || k == "at" || k == "event" || k == "role" || k == "antenne" || k == "staff" ||
        k == "certification" || k == "data") {
      continue;
    }
    if (!e.extra.is_object()) e.extra = Json::object();
    e.extra[k] = v;
  }
  auto dit = j.find("data");
  if (dit != j.end() && !dit->is_null()) {
    if (!dit->is_object())
      field_error("data", std::string("expected an object, got ") + dit->type_name());
    EventData& d = e.data;
    for (const auto& [k, v] : dit->items()) {
      const auto which = try_data_field_from_string(k);
      if (!which) {
        if (!d.extra.is_object()) d.extra = Json::object();
        d.extra[k] = v;
        continue;
      }
      const std::string f = "data." + k;
      vocab::visit_field(static_cast<std::size_t>(*which), [&](auto I) {
        read_data_field<I>(v, f, vocab::member<I>(d));
        return true;
      });
    }
  }
  if (auto bad = validate_event_data(e)) field_error(bad->first, bad->second);
}

}  // namespace vaekit
