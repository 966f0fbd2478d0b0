// The event vocabulary of the event log v1: names, timestamps, JSON form.
#include "vaekit/pathway/event.hpp"

#include "vaekit/core/names.hpp"
#include "vaekit/core/organisations.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace vaekit {
namespace {

constexpr std::array<std::string_view, event_kind_count> kEventNames = {"received",
                                                                        "informed",
                                                                        "appointment_booked",
                                                                        "appointment_held",
                                                                        "appointment_missed",
                                                                        "certification_chosen",
                                                                        "oriented",
                                                                        "admissibility_started",
                                                                        "admissibility_sent",
                                                                        "admissibility_decided",
                                                                        "support_started",
                                                                        "support_session",
                                                                        "validation_file_sent",
                                                                        "jury_scheduled",
                                                                        "jury_held",
                                                                        "dropped_out",
                                                                        "reactivated",
                                                                        "archived"};
constexpr std::array<std::string_view, role_count> kRoleNames = {
    "candidate", "assistant", "counsellor", "certifier", "jury", "funder", "system"};
constexpr std::array<std::string_view, 4> kChannelNames = {"walk_in", "phone", "online",
                                                           "info_session"};
constexpr std::array<std::string_view, 5> kTargetNames = {"vae", "vap", "training",
                                                          "skills_assessment", "other"};
constexpr std::array<std::string_view, 3> kDecisionNames = {"admissible", "not_admissible",
                                                            "incomplete"};
constexpr std::array<std::string_view, 7> kFundingNames = {"cpf",      "opca", "opco", "region",
                                                           "employer", "self", "none"};
constexpr std::array<std::string_view, 4> kResultNames = {"full", "partial", "refused", "absent"};

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

std::optional<EventKind> event_kind_from_string(std::string_view s) noexcept {
  return find_name<EventKind>(kEventNames, s);
}
std::optional<Role> role_from_string(std::string_view s) noexcept {
  return find_name<Role>(kRoleNames, s);
}
std::optional<Channel> channel_from_string(std::string_view s) noexcept {
  return find_name<Channel>(kChannelNames, s);
}
std::optional<OrientationTarget> orientation_target_from_string(std::string_view s) noexcept {
  return find_name<OrientationTarget>(kTargetNames, s);
}
std::optional<AdmissibilityDecision> admissibility_decision_from_string(
    std::string_view s) noexcept {
  return find_name<AdmissibilityDecision>(kDecisionNames, s);
}
std::optional<Funding> funding_from_string(std::string_view s) noexcept {
  return find_name<Funding>(kFundingNames, s);
}
std::optional<JuryResult> jury_result_from_string(std::string_view s) noexcept {
  return find_name<JuryResult>(kResultNames, s);
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

std::optional<std::pair<std::string, std::string>> validate_event_data(const Event& e) {
  using R = std::optional<std::pair<std::string, std::string>>;
  const EventData& d = e.data;
  switch (e.kind) {
    case EventKind::oriented:
      if (!d.to) return R{{"data.to", "oriented requires data.to"}};
      break;
    case EventKind::admissibility_decided:
      if (!d.decision) return R{{"data.decision", "admissibility_decided requires data.decision"}};
      break;
    case EventKind::jury_held:
      if (!d.result) return R{{"data.result", "jury_held requires data.result"}};
      break;
    case EventKind::certification_chosen:
      if (e.certification.empty()) {
        return R{{"certification", "certification_chosen requires the certification field"}};
      }
      break;
    default: break;
  }
  if (d.minutes && (*d.minutes < 0 || *d.minutes > 24 * 60)) {
    return R{{"data.minutes", "minutes must be within 0-1440"}};
  }
  if (d.hours && (!std::isfinite(*d.hours) || *d.hours < 0 || *d.hours > 10'000)) {
    return R{{"data.hours", "hours must be a number within 0-10000"}};
  }
  if (d.implicit && e.kind != EventKind::admissibility_decided) {
    return R{{"data.implicit", "implicit applies to admissibility_decided only"}};
  }
  const bool jury_event = e.kind == EventKind::jury_scheduled || e.kind == EventKind::jury_held;
  if (!jury_event && !d.blocks.empty()) {
    return R{{"data.blocks", "blocks applies to jury_scheduled and jury_held only"}};
  }
  if (!jury_event && !d.jury.empty()) {
    return R{{"data.jury", "jury applies to jury_scheduled and jury_held only"}};
  }
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    if (d.blocks[i].empty()) return R{{"data.blocks", "empty block code"}};
    for (std::size_t k = 0; k < i; ++k) {
      if (d.blocks[k] == d.blocks[i]) {
        return R{{"data.blocks", "block " + excerpt(d.blocks[i]) + " listed twice"}};
      }
    }
  }
  for (const std::string& m : d.jury) {
    if (m.empty()) return R{{"data.jury", "empty jury member quality"}};
  }
  return std::nullopt;
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
  if (d.channel) data["channel"] = std::string(to_string(*d.channel));
  if (d.date) data["date"] = d.date->to_string();
  if (d.minutes) data["minutes"] = *d.minutes;
  if (d.to) data["to"] = std::string(to_string(*d.to));
  if (!d.certifier.empty()) data["certifier"] = d.certifier;
  if (d.decision) data["decision"] = std::string(to_string(*d.decision));
  if (d.implicit) data["implicit"] = true;
  if (d.funding) data["funding"] = std::string(to_string(*d.funding));
  if (d.hours) data["hours"] = *d.hours;
  if (d.result) data["result"] = std::string(to_string(*d.result));
  if (!d.reason.empty()) data["reason"] = d.reason;
  if (!d.blocks.empty()) data["blocks"] = d.blocks;
  if (!d.jury.empty()) data["jury"] = d.jury;
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
  e.kind = enum_field<EventKind>(j.at("event"), "event", event_kind_from_string);
  if (!j.contains("role")) field_error("role", "missing field");
  e.role = enum_field<Role>(j.at("role"), "role", role_from_string);
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
      const std::string f = "data." + k;
      if (k == "channel") {
        d.channel = enum_field<Channel>(v, f, channel_from_string);
      } else if (k == "date") {
        if (!v.is_string()) field_error(f, "expected a date string");
        try {
          d.date = Date::parse(v.get_ref<const std::string&>());
        } catch (const ParseError& pe) {
          field_error(f, pe.reason());
        }
      } else if (k == "minutes") {
        if (!v.is_number_integer()) field_error(f, "expected an integer");
        const auto m = v.get<std::int64_t>();
        if (m < 0 || m > 24 * 60) field_error(f, "minutes must be within 0-1440");
        d.minutes = static_cast<std::int32_t>(m);
      } else if (k == "to") {
        d.to = enum_field<OrientationTarget>(v, f, orientation_target_from_string);
      } else if (k == "certifier") {
        if (!v.is_string()) field_error(f, "expected a string");
        d.certifier = v.get<std::string>();
      } else if (k == "decision") {
        d.decision = enum_field<AdmissibilityDecision>(v, f, admissibility_decision_from_string);
      } else if (k == "implicit") {
        if (!v.is_boolean()) field_error(f, "expected true or false");
        d.implicit = v.get<bool>();
      } else if (k == "funding") {
        d.funding = enum_field<Funding>(v, f, funding_from_string);
      } else if (k == "hours") {
        if (!v.is_number()) field_error(f, "expected a number");
        const double h = v.get<double>();
        if (!std::isfinite(h) || h < 0 || h > 10'000)
          field_error(f, "hours must be within 0-10000");
        d.hours = h;
      } else if (k == "result") {
        d.result = enum_field<JuryResult>(v, f, jury_result_from_string);
      } else if (k == "reason") {
        if (!v.is_string()) field_error(f, "expected a string");
        d.reason = v.get<std::string>();
      } else if (k == "blocks" || k == "jury") {
        // Optional fields added compatibly to EventLog.1 (issue 12): arrays of strings.
        if (!v.is_array()) field_error(f, "expected an array of strings");
        std::vector<std::string>& out = k == "blocks" ? d.blocks : d.jury;
        for (const Json& item : v) {
          if (!item.is_string()) field_error(f, "expected an array of strings");
          out.push_back(item.get<std::string>());
        }
      } else {
        if (!d.extra.is_object()) d.extra = Json::object();
        d.extra[k] = v;
      }
    }
  }
  if (auto bad = validate_event_data(e)) field_error(bad->first, bad->second);
}

}  // namespace vaekit
