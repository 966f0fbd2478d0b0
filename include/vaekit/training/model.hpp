#pragma once
/// @file
/// @brief The professionalisation programme: audiences and members, speakers, venues, topic
/// proposals with the members' ballots, sessions, and the Programme document that holds them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"

/// The professionalisation cycle of the network's staff (domain.md §4).
namespace vaekit {

/// The staff role of a programme member.
enum class StaffRole : std::uint8_t {
  counsellor,  ///< *conseiller VAE* (28 in Île-de-France).
  assistant,   ///< reception and information assistant (8 in Île-de-France).
};

/// Who a session or topic is for.
enum class Audience : std::uint8_t {
  counsellors,  ///< The counsellors only.
  assistants,   ///< The assistants only.
  both,         ///< Counsellors and assistants together.
};

/// How a session is run (domain.md §4).
enum class SessionFormat : std::uint8_t {
  speaker_meeting,  ///< A meeting with an outside speaker (certifier, funding body...).
  peer_exchange,    ///< Exchange or debate between peers on their practice.
  site_visit,       ///< A visit off site (e.g. another reception place).
  phone_meeting,    ///< A collective phone meeting (no venue, a phone bridge).
  workshop,         ///< A hands-on workshop.
};

/// The kind of organisation a speaker comes from.
enum class OrganisationKind : std::uint8_t {
  certifier,     ///< A ministry, university, chamber or private body owning certifications.
  funding_body,  ///< OPCA until 31 March 2019, OPCO from 1 April 2019 (see funding_body_label()).
  academic,      ///< A researcher or teacher.
  public_body,   ///< A public administration (e.g. the DREETS, DRJSCS before 1 April 2021).
  peer,          ///< A counsellor or assistant of the network.
};

/// Whether a venue is the organiser's premises or elsewhere.
enum class VenueKind : std::uint8_t {
  organiser_premises,  ///< Défi métiers' own rooms.
  off_site,            ///< Somewhere else (another antenne, a certifier's premises...).
};

/// How members' ballots are aggregated into topic priorities.
enum class AggregationRule : std::uint8_t {
  /// Modified Borda count (Emerson 2013, "The original Borda count and partial voting", Social
  /// Choice and Welfare 40): a ballot ranking k topics gives k points to its first, k-1 to its
  /// second, ..., 1 to its last; unranked topics get 0. Truncated ballots thus weigh less.
  borda,
  /// Approval voting: every topic listed on a ballot gets 1 point, whatever its place.
  approval,
};

/// "counsellor" or "assistant".
[[nodiscard]] std::string_view to_string(StaffRole v) noexcept;
/// "counsellors", "assistants" or "both".
[[nodiscard]] std::string_view to_string(Audience v) noexcept;
/// "speaker_meeting", "peer_exchange", "site_visit", "phone_meeting" or "workshop".
[[nodiscard]] std::string_view to_string(SessionFormat v) noexcept;
/// "certifier", "funding_body", "academic", "public_body" or "peer".
[[nodiscard]] std::string_view to_string(OrganisationKind v) noexcept;
/// "organiser_premises" or "off_site".
[[nodiscard]] std::string_view to_string(VenueKind v) noexcept;
/// "borda" or "approval".
[[nodiscard]] std::string_view to_string(AggregationRule v) noexcept;
/// The role named @p s; throws InvalidArgument.
[[nodiscard]] StaffRole staff_role_from_string(std::string_view s);
/// The StaffRole named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<StaffRole> try_staff_role_from_string(std::string_view s) noexcept;
/// The audience named @p s; throws InvalidArgument.
[[nodiscard]] Audience audience_from_string(std::string_view s);
/// The Audience named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<Audience> try_audience_from_string(std::string_view s) noexcept;
/// The format named @p s; throws InvalidArgument.
[[nodiscard]] SessionFormat session_format_from_string(std::string_view s);
/// The SessionFormat named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<SessionFormat> try_session_format_from_string(
    std::string_view s) noexcept;
/// The organisation kind named @p s; throws InvalidArgument.
[[nodiscard]] OrganisationKind organisation_kind_from_string(std::string_view s);
/// The OrganisationKind named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<OrganisationKind> try_organisation_kind_from_string(
    std::string_view s) noexcept;
/// The venue kind named @p s; throws InvalidArgument.
[[nodiscard]] VenueKind venue_kind_from_string(std::string_view s);
/// The VenueKind named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<VenueKind> try_venue_kind_from_string(std::string_view s) noexcept;
/// The aggregation rule named @p s; throws InvalidArgument.
[[nodiscard]] AggregationRule aggregation_rule_from_string(std::string_view s);
/// The AggregationRule named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<AggregationRule> try_aggregation_rule_from_string(
    std::string_view s) noexcept;

/// Whether @p audience includes people of @p role ("both" includes everyone).
[[nodiscard]] constexpr bool includes(Audience audience, StaffRole role) noexcept {
  return audience == Audience::both ||
         (audience == Audience::counsellors) == (role == StaffRole::counsellor);
}

/// The day the OPCA became OPCO (loi 2018-771 "avenir professionnel"): 1 April 2019.
[[nodiscard]] Date opco_start() noexcept;
/// The name of a funding body on @p d: "OPCA" before 1 April 2019, "OPCO" from that day.
[[nodiscard]] std::string_view funding_body_label(Date d) noexcept;

/// A member of the programme's audiences.
struct Member {
  std::string id;                          ///< Stable identifier, unique in the programme.
  std::string name;                        ///< Display name (personal data: never in messages).
  StaffRole role = StaffRole::counsellor;  ///< Counsellor or assistant.
  std::string antenne;                     ///< The antenne (centre) they work in.
  /// Equality of every field.
  friend bool operator==(const Member&, const Member&) = default;
};

/// An outside (or peer) speaker, with the days they can come.
struct Speaker {
  std::string id;    ///< Stable identifier, unique in the programme.
  std::string name;  ///< Display name (personal data: never in messages).
  OrganisationKind kind = OrganisationKind::certifier;  ///< The kind of organisation.
  std::string organisation;  ///< The organisation's name (e.g. "DRIEETS Île-de-France").
  /// The periods they are available; **empty means always available**.
  std::vector<DateRange> availability;
  /// Whether the speaker can come on @p d.
  [[nodiscard]] bool available_on(Date d) const noexcept;
  /// The label of the kind on @p d ("OPCA"/"OPCO" for a funding body, else to_string(kind)).
  [[nodiscard]] std::string kind_label(Date d) const;
  /// Equality of every field.
  friend bool operator==(const Speaker&, const Speaker&) = default;
};

/// A room (or place) sessions can be held in.
struct Venue {
  std::string id;                                  ///< Stable identifier, unique in the programme.
  std::string name;                                ///< Display name.
  VenueKind kind = VenueKind::organiser_premises;  ///< The organiser's premises or off site.
  int capacity = 0;                                ///< Seats.
  /// The periods it can be booked; **empty means always**.
  std::vector<DateRange> availability;
  /// Periods it is closed (works, a strike...), taking precedence over availability.
  std::vector<DateRange> closures;
  /// Whether the venue can host a session on @p d.
  [[nodiscard]] bool available_on(Date d) const noexcept;
  /// Equality of every field.
  friend bool operator==(const Venue&, const Venue&) = default;
};

/// A topic proposed by a member for the year's programme, with its scheduling requirements.
struct TopicProposal {
  std::string id;                             ///< Stable identifier, unique in the programme.
  std::string title;                          ///< The topic, e.g. "Le nouveau DEAES".
  std::string proposed_by;                    ///< The member id of the proposer (may be empty).
  Audience audience = Audience::counsellors;  ///< Who the day is for.
  SessionFormat format = SessionFormat::speaker_meeting;  ///< How it would be run.
  /// The kind of speaker the day needs, or none when peers lead it.
  std::optional<OrganisationKind> speaker_kind;
  /// Topics that must be held on an earlier day ("must come before" links, reversed): if this
  /// topic is scheduled, each of these is scheduled too, strictly before it.
  std::vector<std::string> after;
  std::optional<Date> not_before;  ///< Earliest date, if any.
  std::optional<Date> deadline;    ///< Latest date (included), if any.
  std::vector<std::string> tags;   ///< Free tags (e.g. certification codes "RNCP36004").
  /// Equality of every field.
  friend bool operator==(const TopicProposal&, const TopicProposal&) = default;
};

/// One member's ballot: topic ids, most wanted first.
struct Ballot {
  std::string member;                ///< The voter's member id.
  std::vector<std::string> ranking;  ///< Topic ids, best first, without repetition.
  /// Equality of every field.
  friend bool operator==(const Ballot&, const Ballot&) = default;
};

/// The aggregated priority of a topic.
struct TopicPriority {
  std::string topic;  ///< The topic id.
  int score = 0;      ///< Points under the rule.
  int rank = 0;       ///< 1 for the highest score; ties share a rank (standard competition).
  int ballots = 0;    ///< Number of ballots that list the topic.
  /// Equality of every field.
  friend bool operator==(const TopicPriority&, const TopicPriority&) = default;
};

/// A professionalisation day (or half-day) as held or planned.
struct Session {
  std::string id;     ///< Stable identifier, unique in the programme.
  Date date;          ///< The day.
  int half_days = 2;  ///< 1 (a morning or afternoon) or 2 (a full day).
  SessionFormat format = SessionFormat::speaker_meeting;  ///< How it is run.
  std::string venue;                                      ///< Venue id; empty for a phone meeting.
  bool phone_bridge = false;  ///< Held over a phone bridge (collective phone meeting).
  Audience audience = Audience::counsellors;  ///< Who it is for.
  std::vector<std::string> topics;            ///< Topic ids covered.
  std::vector<std::string> speakers;          ///< Speaker ids.
  /// Equality of every field.
  friend bool operator==(const Session&, const Session&) = default;
};

/// A year's professionalisation programme: members, speakers, venues, proposals, ballots and
/// sessions. Ids are unique per kind and references between them are checked on reading.
struct Programme {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Programme";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string id;                 ///< Identifier, e.g. "pro-2025".
  std::string title;              ///< Title.
  DateRange period;               ///< The days sessions may be held (usually a calendar year).
  int commissioned_days = 16;     ///< Days commissioned by the Conseil régional (16 by default).
  std::vector<Member> members;    ///< The audiences' members.
  std::vector<Speaker> speakers;  ///< Speakers.
  std::vector<Venue> venues;      ///< Venues.
  std::vector<TopicProposal> proposals;  ///< Topic proposals.
  std::vector<Ballot> ballots;           ///< Members' ballots on the proposals.
  std::vector<Session> sessions;         ///< Sessions held or planned.

  /// The number of members an audience has.
  [[nodiscard]] int audience_size(Audience a) const noexcept;
  /// The topic with id @p key; throws NotFound.
  [[nodiscard]] const TopicProposal& proposal(std::string_view key) const;
  /// The speaker with id @p key; throws NotFound.
  [[nodiscard]] const Speaker& speaker(std::string_view key) const;
  /// The venue with id @p key; throws NotFound.
  [[nodiscard]] const Venue& venue(std::string_view key) const;
  /// The member with id @p key; throws NotFound.
  [[nodiscard]] const Member& member(std::string_view key) const;
  /// Priorities of every proposal (in proposal order) under @p rule.
  [[nodiscard]] std::vector<TopicPriority> priorities(
      AggregationRule rule = AggregationRule::borda) const;
  /// Checks ids are unique and every reference resolves (ballots, precedence, sessions,
  /// proposers), that there is no precedence cycle and that numbers are in range; throws
  /// InvalidArgument naming the first problem.
  void check() const;
  /// Equality of every field.
  friend bool operator==(const Programme&, const Programme&) = default;
};

/// Aggregates @p ballots over @p topics (ids, in the order of the result) under @p rule. Ballot
/// entries naming unknown topics or repeating one throw InvalidArgument.
[[nodiscard]] std::vector<TopicPriority> aggregate_ballots(
    const std::vector<std::string>& topics, const std::vector<Ballot>& ballots,
    AggregationRule rule = AggregationRule::borda);

/// A Member as JSON.
void to_json(Json& j, const Member& v);
/// A Member from JSON; throws ParseError naming the field.
void from_json(const Json& j, Member& v);
/// A Speaker as JSON.
void to_json(Json& j, const Speaker& v);
/// A Speaker from JSON; throws ParseError naming the field.
void from_json(const Json& j, Speaker& v);
/// A Venue as JSON.
void to_json(Json& j, const Venue& v);
/// A Venue from JSON; throws ParseError naming the field.
void from_json(const Json& j, Venue& v);
/// A TopicProposal as JSON.
void to_json(Json& j, const TopicProposal& v);
/// A TopicProposal from JSON; throws ParseError naming the field.
void from_json(const Json& j, TopicProposal& v);
/// A Ballot as JSON.
void to_json(Json& j, const Ballot& v);
/// A Ballot from JSON; throws ParseError naming the field.
void from_json(const Json& j, Ballot& v);
/// A TopicPriority as JSON.
void to_json(Json& j, const TopicPriority& v);
/// A Session as JSON.
void to_json(Json& j, const Session& v);
/// A Session from JSON; throws ParseError naming the field.
void from_json(const Json& j, Session& v);
/// A Programme as JSON (no schema tag; see to_document()).
void to_json(Json& j, const Programme& v);
/// A Programme from JSON, checked with Programme::check() (problems become ParseError).
void from_json(const Json& j, Programme& v);

}  // namespace vaekit
