#include "vaekit/training/model.hpp"
#include "vaekit/core/names.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <utility>

namespace vaekit {
namespace {

constexpr std::array<std::string_view, 2> role_names{"counsellor", "assistant"};
constexpr std::array<std::string_view, 3> audience_names{"counsellors", "assistants", "both"};
constexpr std::array<std::string_view, 5> format_names{"speaker_meeting", "peer_exchange",
                                                       "site_visit", "phone_meeting", "workshop"};
constexpr std::array<std::string_view, 5> kind_names{"certifier", "funding_body", "academic",
                                                     "public_body", "peer"};
constexpr std::array<std::string_view, 2> venue_kind_names{"organiser_premises", "off_site"};
constexpr std::array<std::string_view, 2> rule_names{"borda", "approval"};

bool in_any(const std::vector<DateRange>& ranges, Date d) noexcept {
  return std::any_of(ranges.begin(), ranges.end(),
                     [d](const DateRange& r) { return r.contains(d); });
}

template <class T>
const T& find_by_id(const std::vector<T>& items, std::string_view id, const char* what) {
  auto it = std::find_if(items.begin(), items.end(), [id](const T& x) { return x.id == id; });
  if (it == items.end()) {
    throw NotFound(std::string(id), std::string("no ") + what + " with id " + excerpt(id) + "");
  }
  return *it;
}

std::vector<std::string> strings_or_empty(const Json& j, std::string_view key) {
  return json_array_field<std::string>(j, key);
}

std::optional<Date> optional_date(const Json& j, std::string_view key) {
  const std::string k(key);
  if (!j.is_object() || !j.contains(k) || j[k].is_null()) return std::nullopt;
  return json_field<Date>(j, key);
}

}  // namespace

std::string_view to_string(StaffRole v) noexcept {
  return name_of(role_names, v);
}
std::string_view to_string(Audience v) noexcept {
  return name_of(audience_names, v);
}
std::string_view to_string(SessionFormat v) noexcept {
  return name_of(format_names, v);
}
std::string_view to_string(OrganisationKind v) noexcept {
  return name_of(kind_names, v);
}
std::string_view to_string(VenueKind v) noexcept {
  return name_of(venue_kind_names, v);
}
std::string_view to_string(AggregationRule v) noexcept {
  return name_of(rule_names, v);
}
StaffRole staff_role_from_string(std::string_view s) {
  return parse_name<StaffRole>(role_names, s, "staff role");
}
std::optional<StaffRole> try_staff_role_from_string(std::string_view s) noexcept {
  return find_name<StaffRole>(role_names, s);
}
Audience audience_from_string(std::string_view s) {
  return parse_name<Audience>(audience_names, s, "audience");
}
std::optional<Audience> try_audience_from_string(std::string_view s) noexcept {
  return find_name<Audience>(audience_names, s);
}
SessionFormat session_format_from_string(std::string_view s) {
  return parse_name<SessionFormat>(format_names, s, "session format");
}
std::optional<SessionFormat> try_session_format_from_string(std::string_view s) noexcept {
  return find_name<SessionFormat>(format_names, s);
}
OrganisationKind organisation_kind_from_string(std::string_view s) {
  return parse_name<OrganisationKind>(kind_names, s, "organisation kind");
}
std::optional<OrganisationKind> try_organisation_kind_from_string(std::string_view s) noexcept {
  return find_name<OrganisationKind>(kind_names, s);
}
VenueKind venue_kind_from_string(std::string_view s) {
  return parse_name<VenueKind>(venue_kind_names, s, "venue kind");
}
std::optional<VenueKind> try_venue_kind_from_string(std::string_view s) noexcept {
  return find_name<VenueKind>(venue_kind_names, s);
}
AggregationRule aggregation_rule_from_string(std::string_view s) {
  return parse_name<AggregationRule>(rule_names, s, "aggregation rule");
}
std::optional<AggregationRule> try_aggregation_rule_from_string(std::string_view s) noexcept {
  return find_name<AggregationRule>(rule_names, s);
}

Date opco_start() noexcept {
  static const Date d(2019, 4, 1);
  return d;
}

std::string_view funding_body_label(Date d) noexcept {
  return d < opco_start() ? "OPCA" : "OPCO";
}

bool Speaker::available_on(Date d) const noexcept {
  return availability.empty() || in_any(availability, d);
}

std::string Speaker::kind_label(Date d) const {
  if (kind == OrganisationKind::funding_body) return std::string(funding_body_label(d));
  return std::string(to_string(kind));
}

bool Venue::available_on(Date d) const noexcept {
  if (in_any(closures, d)) return false;
  return availability.empty() || in_any(availability, d);
}

int Programme::audience_size(Audience a) const noexcept {
  return static_cast<int>(std::count_if(members.begin(), members.end(),
                                        [a](const Member& m) { return includes(a, m.role); }));
}

const TopicProposal& Programme::proposal(std::string_view key) const {
  return find_by_id(proposals, key, "topic proposal");
}
const Speaker& Programme::speaker(std::string_view key) const {
  return find_by_id(speakers, key, "speaker");
}
const Venue& Programme::venue(std::string_view key) const {
  return find_by_id(venues, key, "venue");
}
const Member& Programme::member(std::string_view key) const {
  return find_by_id(members, key, "member");
}

std::vector<TopicPriority> aggregate_ballots(const std::vector<std::string>& topics,
                                             const std::vector<Ballot>& ballots,
                                             AggregationRule rule) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < topics.size(); ++i) index.emplace(topics[i], i);
  std::vector<TopicPriority> out(topics.size());
  for (std::size_t i = 0; i < topics.size(); ++i) out[i].topic = topics[i];
  for (const auto& b : ballots) {
    std::set<std::string, std::less<>> seen;
    const int k = static_cast<int>(b.ranking.size());
    int place = 0;
    for (const auto& t : b.ranking) {
      auto it = index.find(t);
      if (it == index.end()) {
        throw InvalidArgument("a ballot names the unknown topic " + excerpt(t) + "");
      }
      if (!seen.insert(t).second) {
        throw InvalidArgument("a ballot lists the topic " + excerpt(t) + " twice");
      }
      auto& p = out[it->second];
      p.score += rule == AggregationRule::borda ? k - place : 1;
      p.ballots += 1;
      ++place;
    }
  }
  // Standard competition ranking ("1224"): rank = 1 + number of topics with a higher score.
  for (auto& p : out) {
    p.rank =
        1 + static_cast<int>(std::count_if(out.begin(), out.end(), [&p](const TopicPriority& q) {
          return q.score > p.score;
        }));
  }
  return out;
}

std::vector<TopicPriority> Programme::priorities(AggregationRule rule) const {
  std::vector<std::string> ids;
  ids.reserve(proposals.size());
  for (const auto& p : proposals) ids.push_back(p.id);
  return aggregate_ballots(ids, ballots, rule);
}

void Programme::check() const {
  auto unique = [](const auto& items, const char* what) {
    std::set<std::string, std::less<>> ids;
    for (const auto& x : items) {
      if (x.id.empty()) throw InvalidArgument(std::string("a ") + what + " has an empty id");
      if (!ids.insert(x.id).second) {
        throw InvalidArgument(std::string("duplicate ") + what + " id " + excerpt(x.id) + "");
      }
    }
    return ids;
  };
  const auto member_ids = unique(members, "member");
  const auto speaker_ids = unique(speakers, "speaker");
  const auto venue_ids = unique(venues, "venue");
  const auto topic_ids = unique(proposals, "topic proposal");
  (void)unique(sessions, "session");
  if (commissioned_days < 0) throw InvalidArgument("commissioned_days must be >= 0");
  for (const auto& v : venues) {
    if (v.capacity < 0)
      throw InvalidArgument("venue " + excerpt(v.id) + " has a negative capacity");
  }
  for (const auto& t : proposals) {
    if (!t.proposed_by.empty() && !member_ids.count(t.proposed_by)) {
      throw InvalidArgument("topic " + excerpt(t.id) + " is proposed by an unknown member");
    }
    for (const auto& a : t.after) {
      if (!topic_ids.count(a)) {
        throw InvalidArgument("topic " + excerpt(t.id) + " must follow the unknown topic " +
                              excerpt(a));
      }
      if (a == t.id) throw InvalidArgument("topic " + excerpt(t.id) + " must follow itself");
    }
    if (t.not_before && t.deadline && *t.deadline < *t.not_before) {
      throw InvalidArgument("topic " + excerpt(t.id) + " has a deadline before its earliest date");
    }
  }
  for (const auto& b : ballots) {
    if (!member_ids.count(b.member)) throw InvalidArgument("a ballot is cast by an unknown member");
  }
  (void)priorities();  // unknown or repeated topics in ballots
  for (const auto& s : sessions) {
    if (s.half_days != 1 && s.half_days != 2) {
      throw InvalidArgument("session " + excerpt(s.id) + " must last 1 or 2 half-days");
    }
    if (!s.venue.empty() && !venue_ids.count(s.venue)) {
      throw InvalidArgument("session " + excerpt(s.id) + " names an unknown venue");
    }
    for (const auto& t : s.topics) {
      if (!topic_ids.count(t)) {
        throw InvalidArgument("session " + excerpt(s.id) + " names the unknown topic " +
                              excerpt(t));
      }
    }
    for (const auto& sp : s.speakers) {
      if (!speaker_ids.count(sp)) {
        throw InvalidArgument("session " + excerpt(s.id) + " names an unknown speaker");
      }
    }
  }
  // Precedence cycles: depth-first search with colours.
  std::map<std::string, int, std::less<>> colour;
  std::map<std::string, const TopicProposal*, std::less<>> by_id;
  for (const auto& t : proposals) by_id[t.id] = &t;
  std::function<void(const TopicProposal&)> visit = [&](const TopicProposal& t) {
    colour[t.id] = 1;
    for (const auto& a : t.after) {
      const int c = colour[a];
      if (c == 1) {
        throw InvalidArgument("topics " + excerpt(t.id) + " and " + excerpt(a) +
                              "' are in a precedence cycle");
      }
      if (c == 0) visit(*by_id[a]);
    }
    colour[t.id] = 2;
  };
  for (const auto& t : proposals) {
    if (colour[t.id] == 0) visit(t);
  }
}

// --- JSON -----------------------------------------------------------------------------------

void to_json(Json& j, const Member& v) {
  j = Json::object();
  j["id"] = v.id;
  j["name"] = v.name;
  j["role"] = to_string(v.role);
  j["antenne"] = v.antenne;
}

void from_json(const Json& j, Member& v) {
  v.id = json_field<std::string>(j, "id");
  v.name = json_field_or<std::string>(j, "name", "");
  v.role = json_enum_field<StaffRole>(j, "role", staff_role_from_string);
  v.antenne = json_field_or<std::string>(j, "antenne", "");
}

void to_json(Json& j, const Speaker& v) {
  j = Json::object();
  j["id"] = v.id;
  j["name"] = v.name;
  j["kind"] = to_string(v.kind);
  j["organisation"] = v.organisation;
  j["availability"] = v.availability;
}

void from_json(const Json& j, Speaker& v) {
  v.id = json_field<std::string>(j, "id");
  v.name = json_field_or<std::string>(j, "name", "");
  v.kind = json_enum_field<OrganisationKind>(j, "kind", organisation_kind_from_string);
  v.organisation = json_field_or<std::string>(j, "organisation", "");
  v.availability = json_array_field<DateRange>(j, "availability");
}

void to_json(Json& j, const Venue& v) {
  j = Json::object();
  j["id"] = v.id;
  j["name"] = v.name;
  j["kind"] = to_string(v.kind);
  j["capacity"] = v.capacity;
  j["availability"] = v.availability;
  j["closures"] = v.closures;
}

void from_json(const Json& j, Venue& v) {
  v.id = json_field<std::string>(j, "id");
  v.name = json_field_or<std::string>(j, "name", "");
  v.kind = json_enum_field<VenueKind>(j, "kind", venue_kind_from_string);
  v.capacity = json_field<int>(j, "capacity");
  v.availability = json_array_field<DateRange>(j, "availability");
  v.closures = json_array_field<DateRange>(j, "closures");
}

void to_json(Json& j, const TopicProposal& v) {
  j = Json::object();
  j["id"] = v.id;
  j["title"] = v.title;
  j["proposed_by"] = v.proposed_by;
  j["audience"] = to_string(v.audience);
  j["format"] = to_string(v.format);
  j["speaker_kind"] = v.speaker_kind ? Json(to_string(*v.speaker_kind)) : Json(nullptr);
  j["after"] = v.after;
  j["not_before"] = v.not_before ? Json(*v.not_before) : Json(nullptr);
  j["deadline"] = v.deadline ? Json(*v.deadline) : Json(nullptr);
  j["tags"] = v.tags;
}

void from_json(const Json& j, TopicProposal& v) {
  v.id = json_field<std::string>(j, "id");
  v.title = json_field_or<std::string>(j, "title", "");
  v.proposed_by = json_field_or<std::string>(j, "proposed_by", "");
  v.audience = json_enum_field<Audience>(j, "audience", audience_from_string);
  v.format = json_enum_field<SessionFormat>(j, "format", session_format_from_string);
  v.speaker_kind.reset();
  if (j.contains("speaker_kind") && !j["speaker_kind"].is_null()) {
    v.speaker_kind =
        json_enum_field<OrganisationKind>(j, "speaker_kind", organisation_kind_from_string);
  }
  v.after = strings_or_empty(j, "after");
  v.not_before = optional_date(j, "not_before");
  v.deadline = optional_date(j, "deadline");
  v.tags = strings_or_empty(j, "tags");
}

void to_json(Json& j, const Ballot& v) {
  j = Json::object();
  j["member"] = v.member;
  j["ranking"] = v.ranking;
}

void from_json(const Json& j, Ballot& v) {
  v.member = json_field<std::string>(j, "member");
  v.ranking = strings_or_empty(j, "ranking");
}

void to_json(Json& j, const TopicPriority& v) {
  j = Json::object();
  j["topic"] = v.topic;
  j["score"] = v.score;
  j["rank"] = v.rank;
  j["ballots"] = v.ballots;
}

void to_json(Json& j, const Session& v) {
  j = Json::object();
  j["id"] = v.id;
  j["date"] = v.date;
  j["half_days"] = v.half_days;
  j["format"] = to_string(v.format);
  j["venue"] = v.venue.empty() ? Json(nullptr) : Json(v.venue);
  j["phone_bridge"] = v.phone_bridge;
  j["audience"] = to_string(v.audience);
  j["topics"] = v.topics;
  j["speakers"] = v.speakers;
}

void from_json(const Json& j, Session& v) {
  v.id = json_field<std::string>(j, "id");
  v.date = json_field<Date>(j, "date");
  v.half_days = json_field_or<int>(j, "half_days", 2);
  v.format = json_enum_field<SessionFormat>(j, "format", session_format_from_string);
  v.venue = json_field_or<std::string>(j, "venue", "");
  v.phone_bridge = json_field_or<bool>(j, "phone_bridge", false);
  v.audience = json_enum_field<Audience>(j, "audience", audience_from_string);
  v.topics = strings_or_empty(j, "topics");
  v.speakers = strings_or_empty(j, "speakers");
}

void to_json(Json& j, const Programme& v) {
  j = Json::object();
  j["id"] = v.id;
  j["title"] = v.title;
  j["period"] = v.period;
  j["commissioned_days"] = v.commissioned_days;
  j["members"] = v.members;
  j["speakers"] = v.speakers;
  j["venues"] = v.venues;
  j["proposals"] = v.proposals;
  j["ballots"] = v.ballots;
  j["sessions"] = v.sessions;
}

void from_json(const Json& j, Programme& v) {
  Programme p;
  p.id = json_field<std::string>(j, "id");
  p.title = json_field_or<std::string>(j, "title", "");
  p.period = json_field<DateRange>(j, "period");
  p.commissioned_days = json_field_or<int>(j, "commissioned_days", 16);
  p.members = json_array_field<Member>(j, "members");
  p.speakers = json_array_field<Speaker>(j, "speakers");
  p.venues = json_array_field<Venue>(j, "venues");
  p.proposals = json_array_field<TopicProposal>(j, "proposals");
  p.ballots = json_array_field<Ballot>(j, "ballots");
  p.sessions = json_array_field<Session>(j, "sessions");
  try {
    p.check();
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{}, e.what());
  }
  v = std::move(p);
}

}  // namespace vaekit
