// Python bindings of the training area: the programme model, the scheduler, plans.
#include <pybind11/operators.h>

#include "common.hpp"
#include "vaekit/training.hpp"
#include "vaekit/training/tables.hpp"

namespace vaekit::python {
namespace {

std::optional<Date> optional_date(const std::optional<DateLike>& d) {
  if (!d) return std::nullopt;
  return d->get();
}

}  // namespace

void bind_training_records(py::module_& m);

void bind_training(py::module_& m) {
  py::handle error = error_class("Error");
  add_error_class<InfeasibleError>(
      m, "InfeasibleError", {error},
      "No plan meets the hard constraints. Attribute `explanations`: the conflicting constraints "
      "in words (pre-checks naming topics and speakers first, then the solver's verdict).",
      [](const InfeasibleError& e, py::object& inst) {
        inst.attr("explanations") = py::cast(e.explanations());
      });

  py::enum_<StaffRole>(m, "StaffRole", "The staff role of a programme member.")
      .value("COUNSELLOR", StaffRole::counsellor, "conseiller VAE")
      .value("ASSISTANT", StaffRole::assistant, "reception and information assistant");
  py::enum_<Audience>(m, "Audience", "Who a session or topic is for.")
      .value("COUNSELLORS", Audience::counsellors, "The counsellors only.")
      .value("ASSISTANTS", Audience::assistants, "The assistants only.")
      .value("BOTH", Audience::both, "Counsellors and assistants together.");
  py::enum_<SessionFormat>(m, "SessionFormat", "How a session is run.")
      .value("SPEAKER_MEETING", SessionFormat::speaker_meeting,
             "A meeting with an outside speaker.")
      .value("PEER_EXCHANGE", SessionFormat::peer_exchange, "Exchange or debate between peers.")
      .value("SITE_VISIT", SessionFormat::site_visit, "A visit off site.")
      .value("PHONE_MEETING", SessionFormat::phone_meeting, "A collective phone meeting.")
      .value("WORKSHOP", SessionFormat::workshop, "A hands-on workshop.");
  py::enum_<OrganisationKind>(m, "OrganisationKind",
                              "The kind of organisation a speaker comes from.")
      .value("CERTIFIER", OrganisationKind::certifier, "A body owning certifications.")
      .value("FUNDING_BODY", OrganisationKind::funding_body,
             "OPCA until 31 March 2019, OPCO from 1 April 2019.")
      .value("ACADEMIC", OrganisationKind::academic, "A researcher or teacher.")
      .value("PUBLIC_BODY", OrganisationKind::public_body, "A public administration.")
      .value("PEER", OrganisationKind::peer, "A counsellor or assistant of the network.");
  py::enum_<VenueKind>(m, "VenueKind", "Whether a venue is the organiser's premises or elsewhere.")
      .value("ORGANISER_PREMISES", VenueKind::organiser_premises, "The organiser's own rooms.")
      .value("OFF_SITE", VenueKind::off_site, "Somewhere else.");
  py::enum_<AggregationRule>(m, "AggregationRule", "How ballots become topic priorities.")
      .value("BORDA", AggregationRule::borda,
             "Modified Borda count: k ranked topics get k, k-1, ..., 1 points; unranked 0.")
      .value("APPROVAL", AggregationRule::approval, "Every listed topic gets 1 point.");
  py::enum_<BallotWeighting>(m, "BallotWeighting", "How the members' ballots weigh.")
      .value("PER_AUDIENCE", BallotWeighting::per_audience,
             "Each audience (counsellors, assistants) weighs as a group, not by head count.")
      .value("PER_HEAD", BallotWeighting::per_head, "One ballot, one voice.");
  py::enum_<PlanStatus>(m, "PlanStatus", "How a plan came to be.")
      .value("OPTIMAL", PlanStatus::optimal, "Solved and proven optimal.")
      .value("FEASIBLE", PlanStatus::feasible, "Valid, not proven optimal (time limit).")
      .value("HAND_MADE", PlanStatus::hand_made, "Sessions given by hand.");

  m.def(
      "funding_body_label",
      [](const DateLike& d) { return std::string(funding_body_label(d.get())); }, py::arg("date"),
      "'OPCA' before 1 April 2019, 'OPCO' from that day.");

  py::class_<Member> member(m, "Member", "A member of the programme's audiences.");
  member
      .def(py::init([](std::string id, std::string name, StaffRole role, std::string antenne) {
             return Member{std::move(id), std::move(name), role, std::move(antenne)};
           }),
           py::arg("id"), py::arg("name") = "", py::arg("role") = StaffRole::counsellor,
           py::arg("antenne") = "", "A member.")
      .def_readwrite("id", &Member::id, "Stable identifier.")
      .def_readwrite("name", &Member::name, "Display name (personal data).")
      .def_readwrite("role", &Member::role, "Counsellor or assistant.")
      .def_readwrite("antenne", &Member::antenne, "The antenne they work in.")
      .def(
          "__repr__", [](const Member& x) { return "vaekit.Member('" + x.id + "')"; },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(member);

  py::class_<Speaker> speaker(m, "Speaker",
                              "An outside (or peer) speaker, with the days they can come.");
  speaker
      .def(py::init([](std::string id, OrganisationKind kind, std::string name, std::string org,
                       std::vector<DateRange> availability) {
             return Speaker{std::move(id), std::move(name), kind, std::move(org),
                            std::move(availability)};
           }),
           py::arg("id"), py::arg("kind"), py::arg("name") = "", py::arg("organisation") = "",
           py::arg("availability") = std::vector<DateRange>{},
           "A speaker; an empty availability means always available.")
      .def_readwrite("id", &Speaker::id, "Stable identifier.")
      .def_readwrite("name", &Speaker::name, "Display name (personal data).")
      .def_readwrite("kind", &Speaker::kind, "The kind of organisation.")
      .def_readwrite("organisation", &Speaker::organisation, "The organisation's name.")
      .def_readwrite("availability", &Speaker::availability, "Available periods (empty: always).")
      .def(
          "available_on",
          [](const Speaker& s, const DateLike& d) { return s.available_on(d.get()); },
          py::arg("date"), "Whether the speaker can come on the date.")
      .def(
          "kind_label", [](const Speaker& s, const DateLike& d) { return s.kind_label(d.get()); },
          py::arg("date"), "The kind's label on the date ('OPCA'/'OPCO' for a funding body).")
      .def(
          "__repr__",
          [](const Speaker& x) {
            return "vaekit.Speaker('" + x.id + "', " + std::string(to_string(x.kind)) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(speaker);

  py::class_<Venue> venue(m, "Venue", "A room or place sessions can be held in.");
  venue
      .def(py::init([](std::string id, int capacity, VenueKind kind, std::string name,
                       std::vector<DateRange> availability, std::vector<DateRange> closures) {
             return Venue{std::move(id), std::move(name),         kind,
                          capacity,      std::move(availability), std::move(closures)};
           }),
           py::arg("id"), py::arg("capacity"), py::arg("kind") = VenueKind::organiser_premises,
           py::arg("name") = "", py::arg("availability") = std::vector<DateRange>{},
           py::arg("closures") = std::vector<DateRange>{},
           "A venue; empty availability means always.")
      .def_readwrite("id", &Venue::id, "Stable identifier.")
      .def_readwrite("name", &Venue::name, "Display name.")
      .def_readwrite("kind", &Venue::kind, "Organiser's premises or off site.")
      .def_readwrite("capacity", &Venue::capacity, "Seats.")
      .def_readwrite("availability", &Venue::availability, "Bookable periods (empty: always).")
      .def_readwrite("closures", &Venue::closures, "Closed periods.")
      .def(
          "available_on", [](const Venue& v, const DateLike& d) { return v.available_on(d.get()); },
          py::arg("date"), "Whether the venue can host a session on the date.")
      .def(
          "__repr__",
          [](const Venue& x) {
            return "vaekit.Venue('" + x.id + "', capacity=" + std::to_string(x.capacity) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(venue);

  py::class_<TopicProposal> topic(
      m, "TopicProposal", "A topic proposed by a member, with its scheduling requirements.");
  topic
      .def(py::init([](std::string id, std::string title, Audience audience, SessionFormat format,
                       std::optional<OrganisationKind> speaker_kind, std::vector<std::string> after,
                       std::string proposed_by, std::optional<DateLike> not_before,
                       std::optional<DateLike> deadline, std::vector<std::string> tags) {
             TopicProposal t;
             t.id = std::move(id);
             t.title = std::move(title);
             t.audience = audience;
             t.format = format;
             t.speaker_kind = speaker_kind;
             t.after = std::move(after);
             t.proposed_by = std::move(proposed_by);
             t.not_before = optional_date(not_before);
             t.deadline = optional_date(deadline);
             t.tags = std::move(tags);
             return t;
           }),
           py::arg("id"), py::arg("title") = "", py::arg("audience") = Audience::counsellors,
           py::arg("format") = SessionFormat::speaker_meeting, py::arg("speaker_kind") = py::none(),
           py::arg("after") = std::vector<std::string>{}, py::arg("proposed_by") = "",
           py::arg("not_before") = py::none(), py::arg("deadline") = py::none(),
           py::arg("tags") = std::vector<std::string>{},
           "A proposal; `after` lists the topics that must be held before it.")
      .def_readwrite("id", &TopicProposal::id, "Stable identifier.")
      .def_readwrite("title", &TopicProposal::title, "The topic.")
      .def_readwrite("proposed_by", &TopicProposal::proposed_by, "Proposer's member id.")
      .def_readwrite("audience", &TopicProposal::audience, "Who the day is for.")
      .def_readwrite("format", &TopicProposal::format, "How it would be run.")
      .def_readwrite("speaker_kind", &TopicProposal::speaker_kind,
                     "Required speaker kind, or None.")
      .def_readwrite("after", &TopicProposal::after, "Topics that must come before this one.")
      .def_readwrite("not_before", &TopicProposal::not_before, "Earliest date, or None.")
      .def_readwrite("deadline", &TopicProposal::deadline, "Latest date (included), or None.")
      .def_readwrite("tags", &TopicProposal::tags, "Free tags (e.g. certification codes).")
      .def(
          "__repr__", [](const TopicProposal& x) { return "vaekit.TopicProposal('" + x.id + "')"; },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(topic);

  py::class_<Ballot> ballot(m, "Ballot", "One member's ranking of topic ids, most wanted first.");
  ballot
      .def(py::init([](std::string member_id, std::vector<std::string> ranking) {
             return Ballot{std::move(member_id), std::move(ranking)};
           }),
           py::arg("member"), py::arg("ranking"), "A ballot.")
      .def_readwrite("member", &Ballot::member, "The voter's member id.")
      .def_readwrite("ranking", &Ballot::ranking, "Topic ids, best first.")
      .def(
          "__repr__",
          [](const Ballot& x) {
            return "vaekit.Ballot('" + x.member + "', " + std::to_string(x.ranking.size()) +
                   " topics)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(ballot);

  py::class_<TopicPriority>(m, "TopicPriority", "The aggregated priority of a topic.")
      .def_readonly("topic", &TopicPriority::topic, "The topic id.")
      .def_readonly("score", &TopicPriority::score, "Points under the rule.")
      .def_readonly("rank", &TopicPriority::rank, "1 for the highest score; ties share a rank.")
      .def_readonly("ballots", &TopicPriority::ballots, "Ballots listing the topic.")
      .def(
          "__repr__",
          [](const TopicPriority& x) {
            return "vaekit.TopicPriority('" + x.topic + "', score=" + std::to_string(x.score) +
                   ", rank=" + std::to_string(x.rank) + ")";
          },
          "Short form.");

  py::class_<Session> session(m, "Session",
                              "A professionalisation day (or half-day) as held or planned.");
  session
      .def(py::init([](std::string id, const DateLike& date, std::vector<std::string> topics,
                       Audience audience, SessionFormat format, std::string venue_id,
                       std::vector<std::string> speakers, int half_days, bool phone_bridge) {
             Session s;
             s.id = std::move(id);
             s.date = date.get();
             s.topics = std::move(topics);
             s.audience = audience;
             s.format = format;
             s.venue = std::move(venue_id);
             s.speakers = std::move(speakers);
             s.half_days = half_days;
             s.phone_bridge = phone_bridge;
             return s;
           }),
           py::arg("id"), py::arg("date"), py::arg("topics") = std::vector<std::string>{},
           py::arg("audience") = Audience::counsellors,
           py::arg("format") = SessionFormat::speaker_meeting, py::arg("venue") = "",
           py::arg("speakers") = std::vector<std::string>{}, py::arg("half_days") = 2,
           py::arg("phone_bridge") = false, "A session.")
      .def_readwrite("id", &Session::id, "Stable identifier.")
      .def_readwrite("date", &Session::date, "The day.")
      .def_readwrite("half_days", &Session::half_days, "1 or 2.")
      .def_readwrite("format", &Session::format, "How it is run.")
      .def_readwrite("venue", &Session::venue, "Venue id ('' for a phone meeting).")
      .def_readwrite("phone_bridge", &Session::phone_bridge, "Held over a phone bridge.")
      .def_readwrite("audience", &Session::audience, "Who it is for.")
      .def_readwrite("topics", &Session::topics, "Topic ids.")
      .def_readwrite("speakers", &Session::speakers, "Speaker ids.")
      .def(
          "__repr__",
          [](const Session& x) {
            return "vaekit.Session('" + x.id + "', " + x.date.to_string() + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_value_pickle(session);

  py::class_<Programme> prog(m, "Programme", R"doc(
A year's professionalisation programme: members, speakers, venues, topic proposals, the members'
ballots and sessions. ``Programme(id, period, commissioned_days=16)``; fill the lists, then
``vaekit.schedule(programme, constraints)``. Ids are checked by ``check()`` and on reading.
)doc");
  prog.def(py::init([](std::string id, const DateRange& period, int days, std::string title) {
             Programme p;
             p.id = std::move(id);
             p.period = period;
             p.commissioned_days = days;
             p.title = std::move(title);
             return p;
           }),
           py::arg("id"), py::arg("period"), py::arg("commissioned_days") = 16,
           py::arg("title") = "", "An empty programme over the period.")
      .def_readwrite("id", &Programme::id, "Identifier.")
      .def_readwrite("title", &Programme::title, "Title.")
      .def_readwrite("period", &Programme::period, "The days sessions may be held.")
      .def_readwrite("commissioned_days", &Programme::commissioned_days, "Days commissioned (16).")
      .def_readwrite("members", &Programme::members, "Members (a list copy; assign to change).")
      .def_readwrite("speakers", &Programme::speakers, "Speakers (a list copy; assign to change).")
      .def_readwrite("venues", &Programme::venues, "Venues (a list copy; assign to change).")
      .def_readwrite("proposals", &Programme::proposals,
                     "Topic proposals (a list copy; assign to change).")
      .def_readwrite("ballots", &Programme::ballots, "Ballots (a list copy; assign to change).")
      .def_readwrite("sessions", &Programme::sessions, "Sessions (a list copy; assign to change).")
      .def("audience_size", &Programme::audience_size, py::arg("audience"),
           "Members in the audience.")
      .def("priorities", &Programme::priorities, py::arg("rule") = AggregationRule::borda,
           "Aggregated priorities of every proposal, in proposal order.")
      .def("priorities_table", &priorities_table, py::arg("rule") = AggregationRule::borda,
           "The aggregated priorities as a vaekit.Table, best first: topic, title, score, rank, "
           "ballots.")
      .def("check", &Programme::check,
           "Raises vaekit.InvalidArgument on a duplicate id, a dangling reference or a cycle.")
      .def_static(
          "reference",
          [](int year, std::uint64_t seed, int topics, int speakers, int days) {
            return make_reference_programme({year, seed, topics, speakers, days});
          },
          py::arg("year") = 2025, py::arg("seed") = 1, py::arg("topics") = 40,
          py::arg("speakers") = 30, py::arg("commissioned_days") = 16,
          "The seeded reference instance (28 counsellors, 8 assistants, 4 venues).")
      .def(
          "__repr__",
          [](const Programme& p) {
            return "vaekit.Programme('" + p.id + "', " + std::to_string(p.proposals.size()) +
                   " proposals, " + std::to_string(p.commissioned_days) + " days)";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<Programme>(prog, "Programme");
  def_json_pickle<Programme>(prog);

  py::class_<ScheduleConstraints> cons(m, "ScheduleConstraints", R"doc(
The scheduling rules: hard constraints and soft weights (see docs/training.md).
``ScheduleConstraints(blackouts=[(range, reason)], min_spacing_days=14, max_days_per_month=2, ...)``.
)doc");
  cons.def(py::init([](const FrenchCalendar& calendar,
                       const std::vector<std::pair<DateRange, std::string>>& blackouts, int spacing,
                       int per_month, int min_c, int min_a, AggregationRule rule, double pw,
                       double sw, std::optional<std::map<Weekday, double>> weekdays, double limit,
                       int own_c, int own_a, const std::vector<SessionFormat>& formats,
                       BallotWeighting weighting) {
             ScheduleConstraints c;
             c.calendar = calendar;
             for (const auto& [r, why] : blackouts) c.blackouts.push_back({r, why});
             c.min_spacing_days = spacing;
             c.max_days_per_month = per_month;
             c.min_counsellor_days = min_c;
             c.min_assistant_days = min_a;
             c.rule = rule;
             c.priority_weight = pw;
             c.spread_weight = sw;
             if (weekdays) {
               c.weekday_weights.clear();
               for (const auto& [d, w] : *weekdays) c.weekday_weights.push_back({d, w});
             }
             c.time_limit_seconds = limit;
             c.min_counsellor_own_days = own_c;
             c.min_assistant_own_days = own_a;
             c.assistant_formats = formats;
             c.ballot_weighting = weighting;
             return c;
           }),
           py::arg("calendar") = FrenchCalendar(),
           py::arg("blackouts") = std::vector<std::pair<DateRange, std::string>>{},
           py::arg("min_spacing_days") = 14, py::arg("max_days_per_month") = 2,
           py::arg("min_counsellor_days") = 0, py::arg("min_assistant_days") = 0,
           py::arg("rule") = AggregationRule::borda, py::arg("priority_weight") = 1.0,
           py::arg("spread_weight") = 1.0, py::arg("weekday_weights") = py::none(),
           py::arg("time_limit_seconds") = 60.0, py::arg("min_counsellor_own_days") = 0,
           py::arg("min_assistant_own_days") = 0,
           py::arg("assistant_formats") = std::vector<SessionFormat>{},
           py::arg("ballot_weighting") = BallotWeighting::per_audience,
           "Rules; weekday_weights maps vaekit.Weekday to points (default Tue 2, Wed 1, Thu 2).")
      .def_readwrite("calendar", &ScheduleConstraints::calendar, "Working-day calendar.")
      .def_property(
          "blackouts", [](const ScheduleConstraints& c) { return c.blackouts; },
          [](ScheduleConstraints& c, const std::vector<std::pair<DateRange, std::string>>& b) {
            c.blackouts.clear();
            for (const auto& [r, why] : b) c.blackouts.push_back({r, why});
          },
          "Blackout periods (vaekit.Closure); assign a list of (DateRange, reason).")
      .def_readwrite("min_spacing_days", &ScheduleConstraints::min_spacing_days,
                     "Minimum days between two days of an audience.")
      .def_readwrite("max_days_per_month", &ScheduleConstraints::max_days_per_month,
                     "At most this many days a month.")
      .def_readwrite("min_counsellor_days", &ScheduleConstraints::min_counsellor_days,
                     "Minimum days for the counsellors.")
      .def_readwrite("min_assistant_days", &ScheduleConstraints::min_assistant_days,
                     "Minimum days for the assistants.")
      .def_readwrite("min_counsellor_own_days", &ScheduleConstraints::min_counsellor_own_days,
                     "Minimum days for the counsellors alone (not 'both').")
      .def_readwrite("min_assistant_own_days", &ScheduleConstraints::min_assistant_own_days,
                     "Minimum days for the assistants alone (not 'both').")
      .def_readwrite("assistant_formats", &ScheduleConstraints::assistant_formats,
                     "Formats the assistants' own sessions must include (list of SessionFormat).")
      .def_readwrite("ballot_weighting", &ScheduleConstraints::ballot_weighting,
                     "Per audience (default) or per head.")
      .def_readwrite("rule", &ScheduleConstraints::rule, "Ballot aggregation rule.")
      .def_readwrite("priority_weight", &ScheduleConstraints::priority_weight,
                     "Weight of topic priorities.")
      .def_readwrite("spread_weight", &ScheduleConstraints::spread_weight,
                     "Weight of the spread penalty.")
      .def_property(
          "weekday_weights",
          [](const ScheduleConstraints& c) {
            std::map<Weekday, double> out;
            for (const auto& w : c.weekday_weights) out[w.day] += w.weight;
            return out;
          },
          [](ScheduleConstraints& c, const std::map<Weekday, double>& w) {
            c.weekday_weights.clear();
            for (const auto& [d, x] : w) c.weekday_weights.push_back({d, x});
          },
          "Points per session on each weekday (a dict).")
      .def_readwrite("time_limit_seconds", &ScheduleConstraints::time_limit_seconds,
                     "CBC time limit.")
      .def_static("reference", &make_reference_constraints, py::arg("year") = 2025,
                  "The reference rules: August and Christmas blacked out, 14 days' spacing, 2 a "
                  "month, 4 assistant days, ballots per head (the benchmark's rules).")
      .def(
          "__repr__",
          [](const ScheduleConstraints& c) {
            return "vaekit.ScheduleConstraints(spacing=" + std::to_string(c.min_spacing_days) +
                   ", per_month=" + std::to_string(c.max_days_per_month) + ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<ScheduleConstraints>(cons, "ScheduleConstraints");
  def_json_pickle<ScheduleConstraints>(cons);

  py::class_<Violation>(m, "Violation", "A broken hard constraint found by validate_plan().")
      .def_readonly("constraint", &Violation::constraint, "The constraint's name, e.g. 'spacing'.")
      .def_readonly("session", &Violation::session, "The session concerned ('' if plan-wide).")
      .def_readonly("message", &Violation::message, "What is wrong.")
      .def(
          "__repr__",
          [](const Violation& v) {
            return "vaekit.Violation('" + v.constraint + "', '" + v.session + "')";
          },
          "Short form.");

  py::class_<PlanChange> change(
      m, "PlanChange", "A change replan() must absorb: a speaker cancels or a venue closes.");
  change
      .def_static(
          "speaker_cancelled",
          [](std::string id, const DateRange& period, std::optional<DateLike> as_of) {
            return PlanChange{PlanChange::Kind::speaker_cancelled, std::move(id), period,
                              optional_date(as_of)};
          },
          py::arg("speaker"), py::arg("period"), py::arg("as_of") = py::none(),
          "The speaker cannot come during the period; sessions before as_of are frozen.")
      .def_static(
          "venue_closed",
          [](std::string id, const DateRange& period, std::optional<DateLike> as_of) {
            return PlanChange{PlanChange::Kind::venue_closed, std::move(id), period,
                              optional_date(as_of)};
          },
          py::arg("venue"), py::arg("period"), py::arg("as_of") = py::none(),
          "The venue is closed during the period; sessions before as_of are frozen.")
      .def_property_readonly(
          "kind", [](const PlanChange& c) { return std::string(to_string(c.kind)); },
          "'speaker_cancelled' or 'venue_closed'.")
      .def_readonly("id", &PlanChange::id, "The speaker or venue id.")
      .def_readonly("period", &PlanChange::period, "The days affected.")
      .def_readonly("as_of", &PlanChange::as_of, "Sessions before this date are frozen (or None).")
      .def(
          "__repr__",
          [](const PlanChange& c) {
            return "vaekit.PlanChange('" + std::string(to_string(c.kind)) + "', '" + c.id + "')";
          },
          "Short form.");
  def_json_value_pickle(change);

  py::class_<Plan> plan(m, "Plan", R"doc(
A schedule: ``sessions`` (in date order), ``objective``, ``bound`` (proven upper bound), ``status``,
``solve_seconds``, and the programme and constraints it was made from. ``to_pandas()`` gives one
row per session.
)doc");
  plan.def("to_table", &plan_table,
           "One row per session as a vaekit.Table (date, weekday, topics and titles, audience, "
           "format, speakers and their kinds, venue, phone bridge, half-days, priority).")
      .def_readonly("programme", &Plan::programme, "The programme planned.")
      .def_readonly("constraints", &Plan::constraints, "The rules used.")
      .def_readonly("sessions", &Plan::sessions, "The sessions, in date order.")
      .def_property_readonly(
          "status", [](const Plan& p) { return std::string(to_string(p.status)); },
          "'optimal', 'feasible' or 'hand_made'.")
      .def_readonly("objective", &Plan::objective, "Objective value.")
      .def_readonly("bound", &Plan::bound, "Proven upper bound on the objective.")
      .def_readonly("solve_seconds", &Plan::solve_seconds, "Wall time of the solve.")
      .def_property_readonly(
          "terms",
          [](const Plan& p) {
            py::dict d;
            d["priority"] = p.terms.priority;
            d["weekdays"] = p.terms.weekdays;
            d["spread"] = p.terms.spread;
            return d;
          },
          "The objective term by term: priority, weekdays, spread (subtracted).")
      .def_readonly("notes", &Plan::notes,
                    "Pre-check remarks (topics that cannot be scheduled and why).")
      .def_readonly("moved", &Plan::moved, "After replan(): ids of the moved or dropped sessions.")
      .def(
          "__len__", [](const Plan& p) { return p.sessions.size(); }, "Number of sessions.")
      .def(
          "__repr__",
          [](const Plan& p) {
            return "vaekit.Plan(" + std::to_string(p.sessions.size()) + " sessions, " +
                   std::string(to_string(p.status)) + ", objective=" + std::to_string(p.objective) +
                   ")";
          },
          "Short form.")
      .def(py::self == py::self, "Same fields.");
  def_json_io<Plan>(plan, "Plan");
  def_json_pickle<Plan>(plan);

  m.def("aggregate_ballots", &aggregate_ballots, py::arg("topics"), py::arg("ballots"),
        py::arg("rule") = AggregationRule::borda, "Priorities of the topics (ids) under the rule.");
  m.def("topic_priorities", &topic_priorities, py::arg("programme"), py::arg("constraints"),
        "The priority of every proposal (proposal order) the scheduler's objective uses: the "
        "ballots' aggregate, weighted per audience unless the constraints say per head.");
  m.def("schedule", &schedule, py::arg("programme"), py::arg("constraints") = ScheduleConstraints{},
        py::call_guard<py::gil_scoped_release>(),
        "Plans the commissioned days exactly (CBC MIP); raises vaekit.InfeasibleError with "
        "explanations.");
  m.def(
      "validate_plan",
      [](const Plan& p, const std::optional<ScheduleConstraints>& c) {
        return c ? validate(p.programme, p.sessions, *c) : validate(p);
      },
      py::arg("plan"), py::arg("constraints") = py::none(),
      "Every violated hard constraint (under the plan's own rules unless others are given).");
  m.def("make_plan", &make_plan, py::arg("programme"), py::arg("sessions"),
        py::arg("constraints") = ScheduleConstraints{},
        "A hand-made plan, with its objective evaluated.");
  m.def("replan", &replan, py::arg("plan"), py::arg("change"),
        py::call_guard<py::gil_scoped_release>(),
        "Re-plans after the change with the fewest moved sessions.");
  m.def(
      "schedule_model",
      [](const Programme& p, const ScheduleConstraints& c) {
        return json_to_python(schedule_model(p, c));
      },
      py::arg("programme"), py::arg("constraints") = ScheduleConstraints{},
      "The MIP's data (candidates, months, constraint numbers) as a dict, for peer solvers.");
  bind_training_records(m);
}

}  // namespace vaekit::python
