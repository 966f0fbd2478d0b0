// Cases as events: checking an event against the transition table, folding, Case, Candidate.
#include "vaekit/pathway/case.hpp"

#include <algorithm>
#include <array>

namespace vaekit {
namespace {

// Rows of the table by (event, stage), built once: the hot path looks rows up in O(1).
struct RowIndex {
  // At most a handful of rows per (event, stage): jury_held has 5 variants, side events a row
  // per era.
  static constexpr std::size_t kMax = 8;
  struct Cell {
    std::array<std::uint8_t, kMax> rows{};
    std::uint8_t count = 0;
  };
  std::array<std::array<Cell, stage_count>, event_kind_count> cells{};

  RowIndex() {
    const auto table = transition_table();
    for (std::size_t i = 0; i < table.size(); ++i) {
      const Transition& t = table[i];
      for (std::size_t s = 0; s < stage_count; ++s) {
        if (!contains(t.from, static_cast<Stage>(s))) continue;
        Cell& c = cells[static_cast<std::size_t>(t.event)][s];
        if (c.count == kMax)
          throw Error(ErrorCode::internal, "transition table: too many rows per cell");
        c.rows[c.count++] = static_cast<std::uint8_t>(i);
      }
    }
  }
  const Cell& at(EventKind e, Stage s) const noexcept {
    return cells[static_cast<std::size_t>(e)][static_cast<std::size_t>(s)];
  }
};

const RowIndex& row_index() {
  static const RowIndex index;
  return index;
}

std::string role_list(RoleSet set) {
  std::string out;
  for (std::size_t r = 0; r < role_count; ++r) {
    if (contains(set, static_cast<Role>(r))) {
      if (!out.empty()) out += ", ";
      out += to_string(static_cast<Role>(r));
    }
  }
  return out;
}

std::string stage_list(EventKind e) {
  std::string out;
  for (std::size_t s = 0; s < stage_count; ++s) {
    if (row_index().at(e, static_cast<Stage>(s)).count > 0) {
      if (!out.empty()) out += ", ";
      out += to_string(static_cast<Stage>(s));
    }
  }
  return out;
}

// Whether a row of era @p era applies to a case in @p s (CaseState::france_vae).
bool applies(Era era, const CaseState& s) noexcept {
  return era == Era::any || (era == Era::france_vae) == s.france_vae;
}

bool is_side_event(EventKind k) noexcept {
  return k == EventKind::dropped_out || k == EventKind::reactivated || k == EventKind::archived;
}

// Returns nullptr when the guard passes, else a static description of the failure; for the
// silence rule the message is built into @p buf.
const char* guard_failure(Guard g, const CaseState& s, const Event& e, const RegimeSet& regimes,
                          std::string& buf) {
  switch (g) {
    case Guard::none: return nullptr;
    case Guard::has_certification:
      return (!s.certification.empty() || !e.certification.empty())
                 ? nullptr
                 : "no certification chosen (record certification_chosen first, or name it)";
    case Guard::names_certification:
      return e.certification.empty() ? "the event must carry the certification field" : nullptr;
    case Guard::silence_rule: {
      if (e.role == Role::system && !e.data.implicit) {
        return "the system records only decisions by silence (data.implicit = true)";
      }
      if (!e.data.implicit) return nullptr;
      // The admissibility request (2017) or the feasibility file (France VAE, décret 2023-1275:
      // the same two months, silence meaning acceptance).
      const std::optional<Date>& sent_on = e.kind == EventKind::feasibility_decided
                                               ? s.feasibility_sent_on
                                               : s.admissibility_sent_on;
      const Date sent = sent_on.value_or(e.at.date());
      const Regime& r = regimes.on(sent);
      const Date due = r.decision_due(sent);
      if (e.at.date() < due) {
        buf = "a decision by silence arises only at the end of the " +
              std::to_string(r.decision_deadline_months) + "-month deadline (" + due.to_string() +
              ")";
        return buf.c_str();
      }
      const bool accept = r.silence_means_acceptance(sent);
      const auto expected =
          accept ? AdmissibilityDecision::admissible : AdmissibilityDecision::not_admissible;
      if (e.data.decision != expected) {
        buf = std::string("silence on a request sent on ") + sent.to_string() + " means " +
              (accept ? "acceptance (from " : "refusal (before ") +
              r.silence_acceptance_from.to_string() + ")";
        return buf.c_str();
      }
      return nullptr;
    }
    case Guard::jury_date_reached:
      if (s.jury_date && e.at.date() < *s.jury_date) {
        buf = "the jury is scheduled on " + s.jury_date->to_string();
        return buf.c_str();
      }
      return nullptr;
    case Guard::not_dropped_out:
      return s.side == SideState::active ? nullptr : "the case is already dropped out or archived";
    case Guard::reactivable: {
      if (s.side != SideState::active) return nullptr;
      const Date d = e.at.date();
      if (activity_of(s, d, regimes.on(d)) != Activity::active) return nullptr;
      return "the case is active (neither dropped out, archived nor inactive)";
    }
    case Guard::not_archived:
      return s.side == SideState::archived ? "the case is already archived" : nullptr;
    case Guard::france_vae_era: {
      const Regime& r = regimes.on(e.at.date());
      if (r.france_vae_on(e.at.date())) return nullptr;
      buf = "no France VAE candidacy under regime " + r.name + " on " + e.at.date().to_string() +
            (r.france_vae_from ? " (from " + r.france_vae_from->to_string() + ")" : std::string());
      return buf.c_str();
    }
    case Guard::accompanied_only:
      if (!s.autonomous) return nullptr;
      if (e.role == Role::aap) return "the candidacy is autonomous: no AAP records on it";
      if (e.data.funding_kind == FundingKind::individual_support ||
          e.data.funding_kind == FundingKind::collective_support) {
        return "the candidacy is autonomous: no funding of accompaniment";
      }
      return nullptr;
    case Guard::lapse_rule: {
      if (e.role != Role::system) return nullptr;
      const Regime& r = regimes.on(e.at.date());
      const Date due = s.last_at.date() + r.lapse_days;
      if (e.at.date() >= due) return nullptr;
      buf = "caducité arises " + std::to_string(r.lapse_days) + " days after the last event (" +
            due.to_string() + ")";
      return buf.c_str();
    }
    case Guard::followup_due: {
      const Date jury = s.jury_held_on.value_or(s.last_at.date());
      const Date due = add_months(jury, e.data.months.value_or(0));
      if (e.at.date() >= due) return nullptr;
      buf = "a follow-up at " + std::to_string(e.data.months.value_or(0)) + " months is due from " +
            due.to_string();
      return buf.c_str();
    }
  }
  return "unknown guard";
}

bool listed(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The data rules of the jury events (issue 12), or empty when they hold: a jury after a partial
// validation examines only the missing blocks; the blocks validated were presented; from the
// regime with jury_min_members, a recorded jury composition has at least that many members.
// Optional fields: events without them pass as in EventLog.1.
std::string jury_data_failure(const CaseState& s, const Event& e, const RegimeSet& regimes) {
  if (e.kind != EventKind::jury_scheduled && e.kind != EventKind::jury_held) return {};
  const EventData& d = e.data;
  for (const std::string& b : d.blocks) {
    if (listed(s.validated_blocks, b)) {
      return "block " + excerpt(b) +
             " is already validated (partial validation): a jury for the rest examines only the "
             "missing blocks";
    }
  }
  if (e.kind == EventKind::jury_held) {
    if (!d.blocks.empty() && (d.result == JuryResult::refused || d.result == JuryResult::absent)) {
      return std::string("a jury_held with result ") + std::string(to_string(*d.result)) +
             " validates no block (data.blocks)";
    }
    if (!s.jury_blocks.empty()) {
      for (const std::string& b : d.blocks) {
        if (!listed(s.jury_blocks, b)) {
          return "block " + excerpt(b) + " was not presented to this jury (jury_scheduled.blocks)";
        }
      }
    }
  }
  const Regime& r =
      regimes.for_pathway(s.event_count == 0 ? e.at.date() : s.received_on, e.at.date());
  if (!r.jury_min_members) return {};
  const auto min = static_cast<std::size_t>(*r.jury_min_members);
  const std::size_t members = d.jury.empty() ? s.jury_members : d.jury.size();
  // Checked when a composition is recorded (on this event or its notice): EventLog.1 logs that
  // never record one read and replay as before (data.jury is an optional addition).
  if (members > 0 && members < min) {
    return "under regime " + r.name + " the jury has at least " + std::to_string(min) +
           " members: record its composition (data.jury, one quality per member; " +
           std::to_string(members) + " recorded)";
  }
  return {};
}

}  // namespace

std::vector<std::string> blocks_to_present(const CaseState& s, const Certification& c) {
  std::vector<std::string> out;
  for (const SkillBlock& b : c.blocks) {
    if (!listed(s.validated_blocks, b.code)) out.push_back(b.code);
  }
  return out;
}

std::string_view to_string(Activity a) noexcept {
  switch (a) {
    case Activity::active: return "active";
    case Activity::inactive: return "inactive";
    case Activity::confirmed_inactive: return "confirmed_inactive";
  }
  return "?";
}

const Transition& check_event(const CaseState& s, const Event& e, const RegimeSet& regimes) {
  auto refuse = [&](std::string reason) -> TransitionError {
    return TransitionError(e.case_id, s.stage, e.kind, e.role, std::move(reason));
  };
  if (s.event_count > 0 && happens_before(e.at, s.last_at)) {
    throw refuse("out of time order: " + e.at.to_string() + " is before the last event (" +
                 s.last_at.to_string() + ")");
  }
  if (auto bad = validate_event_data(e)) throw InvalidArgument(bad->first + ": " + bad->second);
  if (s.side != SideState::active && !is_side_event(e.kind)) {
    throw refuse(std::string("the case is ") +
                 (s.side == SideState::archived ? "archived" : "dropped out") +
                 "; record 'reactivated' first");
  }
  const auto& cell = row_index().at(e.kind, s.stage);
  if (cell.count == 0) {
    const std::string where = stage_list(e.kind);
    throw refuse("not allowed in this stage (allowed in: " + (where.empty() ? "none" : where) +
                 ")");
  }
  const Transition* row = nullptr;
  const auto table = transition_table();
  bool era_rows = false;
  for (std::uint8_t k = 0; k < cell.count; ++k) {
    const Transition& t = table[cell.rows[k]];
    if (!applies(t.era, s)) continue;
    era_rows = true;
    if (matches(t.when, e)) {
      row = &t;
      break;
    }
  }
  if (!era_rows) {
    throw refuse(std::string("not allowed in a ") +
                 (s.france_vae ? "France VAE pathway" : "pathway of the 2017 model") +
                 " in this stage");
  }
  if (row == nullptr) throw refuse("this variant of the event is not allowed in this stage");
  if (!contains(row->roles, e.role))
    throw refuse("role not allowed (allowed: " + role_list(row->roles) + ")");
  std::string buf;
  if (const char* why = guard_failure(row->guard, s, e, regimes, buf)) {
    throw refuse(std::string(why) + " [guard " + std::string(to_string(row->guard)) + "]");
  }
  if (std::string why = jury_data_failure(s, e, regimes); !why.empty()) {
    throw refuse(why + " [jury data]");
  }
  return *row;
}

void apply_event(CaseState& s, const Event& e, const RegimeSet& regimes) {
  const Transition& row = check_event(s, e, regimes);
  const Date d = e.at.date();
  const Stage before = s.stage;
  if (row.to) s.stage = *row.to;
  if (s.event_count == 0) s.received_on = d;
  ++s.event_count;
  s.last_at = e.at;
  if (!e.certification.empty() &&
      (e.kind == EventKind::certification_chosen || s.certification.empty())) {
    s.certification = e.certification;
  }
  switch (e.kind) {
    case EventKind::appointment_held: ++s.appointments_held; break;
    case EventKind::appointment_missed: ++s.appointments_missed; break;
    case EventKind::oriented: s.orientation = e.data.to; break;
    case EventKind::admissibility_sent: s.admissibility_sent_on = d; break;
    case EventKind::admissibility_decided:
      s.admissibility_decided_on = d;
      if (e.data.decision == AdmissibilityDecision::admissible) s.admissible_on = d;
      break;
    case EventKind::support_started:
      if (!s.support_started_on || (s.admissible_on && *s.support_started_on < *s.admissible_on)) {
        s.support_started_on = d;
      }
      break;
    case EventKind::validation_file_sent: s.validation_file_sent_on = d; break;
    case EventKind::candidacy_submitted:
      s.france_vae = true;
      s.autonomous = e.data.accompaniment == Accompaniment::autonomous;
      break;
    case EventKind::feasibility_sent: s.feasibility_sent_on = d; break;
    case EventKind::followup_recorded:
      s.followups = static_cast<std::uint8_t>(s.followups | (e.data.months == 12 ? 2u : 1u));
      break;
    case EventKind::feasibility_decided:
      if (e.data.decision == AdmissibilityDecision::admissible) s.admissible_on = d;
      break;
    case EventKind::jury_scheduled:
      s.jury_date = e.data.date.value_or(d);
      // A rescheduled jury without the optional fields keeps those of the first notice.
      if (!e.data.blocks.empty() || before != Stage::jury_scheduled) s.jury_blocks = e.data.blocks;
      if (!e.data.jury.empty() || before != Stage::jury_scheduled) {
        s.jury_members = static_cast<std::uint32_t>(e.data.jury.size());
      }
      break;
    case EventKind::jury_held:
      s.jury_result = e.data.result;
      s.jury_held_on = d;
      s.followups = 0;
      if (e.data.result == JuryResult::partial || e.data.result == JuryResult::full ||
          e.data.result == JuryResult::partial_certification) {
        s.validated_blocks.insert(s.validated_blocks.end(), e.data.blocks.begin(),
                                  e.data.blocks.end());
      }
      s.jury_blocks.clear();
      s.jury_members = 0;
      break;
    case EventKind::dropped_out: s.side = SideState::dropped_out; break;
    case EventKind::archived:
      s.dropped_before_archive = s.side == SideState::dropped_out;
      s.side = SideState::archived;
      break;
    case EventKind::reactivated:
      s.side = SideState::active;
      s.dropped_before_archive = false;
      break;
    default: break;
  }
}

CaseState fold(std::span<const Event> events, const RegimeSet& regimes) {
  CaseState s;
  for (const Event& e : events) apply_event(s, e, regimes);
  return s;
}

Activity activity_of(const CaseState& s, Date on, const Regime& regime) noexcept {
  if (s.event_count == 0 || s.side != SideState::active || !awaits_candidate(s.stage)) {
    return Activity::active;
  }
  // The rule applies only from its effective date; the delay of a case idle since earlier runs
  // from that date.
  const auto clock = regime.inactivity_clock(s.last_at.date());
  if (!clock || on < *clock) return Activity::active;
  const std::int64_t idle = on - *clock;
  const std::int64_t delay = regime.inactivity_days(before_admissibility(s.stage));
  if (idle >= delay + regime.inactivity_confirmation_days) return Activity::confirmed_inactive;
  if (idle >= delay) return Activity::inactive;
  return Activity::active;
}

Case::Case(std::string id) : id_(std::move(id)) {
  if (id_.empty()) throw InvalidArgument("a case needs a non-empty identifier");
}

Case Case::from_events(std::string id, std::vector<Event> events, const RegimeSet& regimes) {
  Case c(std::move(id));
  c.events_.reserve(events.size());
  for (Event& e : events) c.record(std::move(e), regimes);
  return c;
}

void Case::set_loaded_version(std::int64_t version) {
  if (version < 0 || version > static_cast<std::int64_t>(events_.size())) {
    throw InvalidArgument("loaded version " + std::to_string(version) + " outside 0.." +
                          std::to_string(events_.size()) + " (the case's events)");
  }
  loaded_version_ = version;
}

std::string Case::drop_reason() const {
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (it->kind == EventKind::dropped_out) return it->data.reason;
  }
  return {};
}

std::string Case::decision_reasons() const {
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (it->kind == EventKind::admissibility_decided) return it->data.reason;
  }
  return {};
}

Activity Case::activity(Date on, const RegimeSet& regimes) const {
  return activity_of(state_, on, regimes.on(on));
}

std::vector<std::pair<Timestamp, Stage>> Case::stage_history() const {
  std::vector<std::pair<Timestamp, Stage>> out;
  CaseState s;
  for (const Event& e : events_) {
    apply_event(s, e);
    out.emplace_back(e.at, s.stage);
  }
  return out;
}

void Case::record(Event e, const RegimeSet& regimes) {
  if (e.case_id.empty()) {
    e.case_id = id_;
  } else if (e.case_id != id_) {
    throw InvalidArgument("event of case " + excerpt(e.case_id) + " recorded on case " +
                          excerpt(id_));
  }
  // A new event names organisations in force on its date (logs already written keep theirs).
  if (auto bad = dated_name_issue(e)) throw InvalidArgument(bad->first + ": " + bad->second);
  CaseState next = state_;
  apply_event(next, e, regimes);
  events_.push_back(std::move(e));
  state_ = std::move(next);
}

void Case::record(EventKind kind, Timestamp at, Role role, EventData data,
                  std::string certification, std::string antenne, std::string staff,
                  const RegimeSet& regimes) {
  Event e;
  e.case_id = id_;
  e.at = at;
  e.kind = kind;
  e.role = role;
  e.data = std::move(data);
  e.certification = std::move(certification);
  e.antenne = std::move(antenne);
  e.staff = std::move(staff);
  record(std::move(e), regimes);
}

bool Case::can_record(const Event& e, const RegimeSet& regimes) const {
  try {
    (void)check_event(state_, e, regimes);
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::vector<EventKind> Case::allowed_events(Role role, Date on, const RegimeSet& regimes) const {
  std::vector<EventKind> out;
  if (state_.event_count > 0 && on < state_.last_at.date()) return out;
  const auto table = transition_table();
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    const auto kind = static_cast<EventKind>(k);
    if (state_.side != SideState::active && !is_side_event(kind)) continue;
    const auto& cell = row_index().at(kind, state_.stage);
    bool ok = false;
    for (std::uint8_t i = 0; i < cell.count && !ok; ++i) {
      const Transition& t = table[cell.rows[i]];
      if (!applies(t.era, state_) || !contains(t.roles, role)) continue;
      // A probe event of the row's variant, as the role would record it on that date.
      Event probe;
      probe.case_id = id_;
      probe.at = Timestamp(on);
      probe.kind = kind;
      probe.role = role;
      if (t.guard == Guard::names_certification) probe.certification = "?";
      switch (t.when) {
        case Outcome::to_vae: probe.data.to = OrientationTarget::vae; break;
        case Outcome::to_other: probe.data.to = OrientationTarget::other; break;
        case Outcome::admissible: probe.data.decision = AdmissibilityDecision::admissible; break;
        case Outcome::not_admissible:
          probe.data.decision = AdmissibilityDecision::not_admissible;
          break;
        case Outcome::incomplete: probe.data.decision = AdmissibilityDecision::incomplete; break;
        case Outcome::full: probe.data.result = JuryResult::full; break;
        case Outcome::partial: probe.data.result = JuryResult::partial; break;
        case Outcome::refused: probe.data.result = JuryResult::refused; break;
        case Outcome::absent: probe.data.result = JuryResult::absent; break;
        case Outcome::accompanied: probe.data.accompaniment = Accompaniment::accompanied; break;
        case Outcome::autonomous: probe.data.accompaniment = Accompaniment::autonomous; break;
        case Outcome::partial_certification:
          probe.data.result = JuryResult::partial_certification;
          break;
        case Outcome::lifted: probe.data.lifted = true; break;
        case Outcome::not_lifted: break;
        case Outcome::any: break;
      }
      if (kind == EventKind::followup_recorded) probe.data.months = 6;
      if (kind == EventKind::oriented && !probe.data.to) probe.data.to = OrientationTarget::vae;
      if ((kind == EventKind::admissibility_decided || kind == EventKind::feasibility_decided) &&
          role == Role::system)
        probe.data.implicit = true;
      std::string buf;
      ok = guard_failure(t.guard, state_, probe, regimes, buf) == nullptr;
    }
    if (ok) out.push_back(kind);
  }
  return out;
}

void to_json(Json& j, const Case& c) {
  j = Json::object();
  j["id"] = c.id();
  Json events = Json::array();
  for (const Event& e : c.events()) {
    Json ej = e;
    ej.erase("case");
    events.push_back(std::move(ej));
  }
  j["events"] = std::move(events);
}

Case case_from_json(const Json& j) {
  auto id = json_field<std::string>(j, "id");
  Case out(id);
  auto it = j.find("events");
  if (it != j.end()) {
    if (!it->is_array()) throw ParseError(SourceLocation{{}, 0, 0, "events"}, "expected an array");
    std::size_t i = 0;
    for (const Json& ej : *it) {
      Json with = ej;
      if (with.is_object() && !with.contains("case")) with["case"] = id;
      Event e;
      try {
        e = with.get<Event>();
      } catch (const ParseError& pe) {
        SourceLocation w = pe.where();
        w.field = "events[" + std::to_string(i) + "]" + (w.field.empty() ? "" : "." + w.field);
        throw ParseError(w, pe.reason());
      }
      out.record(std::move(e));
      ++i;
    }
  }
  return out;
}

void to_json(Json& j, const Candidate& c) {
  j = Json::object();
  j["id"] = c.id;
  j["case_ids"] = c.case_ids;
  j["family_name"] = c.family_name;
  j["given_names"] = c.given_names;
  j["birth_date"] = c.birth_date ? Json(*c.birth_date) : Json();
  // Cerfa 12818 fields (issue 12), optional: written only when given, so Candidate.1 documents
  // without them read and write as before.
  if (!c.civility.empty()) j["civility"] = c.civility;
  if (!c.usage_name.empty()) j["usage_name"] = c.usage_name;
  if (!c.birth_place.empty()) j["birth_place"] = c.birth_place;
  if (!c.nationality.empty()) j["nationality"] = c.nationality;
  if (!c.socio_professional_category.empty()) {
    j["socio_professional_category"] = c.socio_professional_category;
  }
  j["email"] = c.email;
  j["phone"] = c.phone;
  j["address"] = c.address;
  j["situation"] = c.situation;
  j["goals"] = c.goals;
  j["highest_level"] = c.highest_level ? Json(*c.highest_level) : Json();
  j["certifications_held"] = c.certifications_held;
  j["left_initial_education_on"] =
      c.left_initial_education_on ? Json(*c.left_initial_education_on) : Json();
}

namespace {
// A date of the candidate record: errors name the field, never the value (personal data).
std::optional<Date> personal_date(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) {
    if (auto d = Date::try_parse(it->get_ref<const std::string&>())) return d;
  }
  throw ParseError(SourceLocation{{}, 0, 0, key}, "expected a date YYYY-MM-DD");
}
}  // namespace

void from_json(const Json& j, Candidate& c) {
  Candidate out;
  out.id = json_field<std::string>(j, "id");
  out.case_ids = json_field_or<std::vector<std::string>>(j, "case_ids", {});
  // Personal fields: a wrong type is reported by field name only (json_field never quotes values).
  out.family_name = json_field_or<std::string>(j, "family_name", {});
  out.given_names = json_field_or<std::string>(j, "given_names", {});
  out.birth_date = personal_date(j, "birth_date");
  out.civility = json_field_or<std::string>(j, "civility", {});
  out.usage_name = json_field_or<std::string>(j, "usage_name", {});
  out.birth_place = json_field_or<std::string>(j, "birth_place", {});
  out.nationality = json_field_or<std::string>(j, "nationality", {});
  out.socio_professional_category =
      json_field_or<std::string>(j, "socio_professional_category", {});
  out.email = json_field_or<std::string>(j, "email", {});
  out.phone = json_field_or<std::string>(j, "phone", {});
  out.address = json_field_or<std::string>(j, "address", {});
  out.situation = json_field_or<std::string>(j, "situation", {});
  out.goals = json_field_or<std::string>(j, "goals", {});
  if (j.contains("highest_level") && !j.at("highest_level").is_null()) {
    out.highest_level = json_field<int>(j, "highest_level");
  }
  if (out.highest_level && (*out.highest_level < 1 || *out.highest_level > 8)) {
    throw ParseError(SourceLocation{{}, 0, 0, "highest_level"}, "EU level must be within 1-8");
  }
  out.certifications_held = json_field_or<std::vector<std::string>>(j, "certifications_held", {});
  out.left_initial_education_on = personal_date(j, "left_initial_education_on");
  c = std::move(out);
}

}  // namespace vaekit
