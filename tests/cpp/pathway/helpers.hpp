// Helpers of the pathway tests: building cases in a given stage.
#pragma once

#include <string>
#include <vector>

#include "vaekit/pathway/case.hpp"

namespace vaekit::test {

/// An event of @p kind on @p d by @p role with data filled so that the event is valid.
inline Event make_event(EventKind kind, Date d, Role role) {
  Event e;
  e.case_id = "";  // filled by Case::record
  e.at = Timestamp(d);
  e.kind = kind;
  e.role = role;
  switch (kind) {
    case EventKind::received: e.data.channel = Channel::walk_in; break;
    case EventKind::certification_chosen: e.certification = "RNCP36004"; break;
    case EventKind::oriented: e.data.to = OrientationTarget::vae; break;
    case EventKind::admissibility_decided:
      e.data.decision = AdmissibilityDecision::admissible;
      break;
    case EventKind::jury_scheduled: e.data.date = d; break;
    case EventKind::jury_held: e.data.result = JuryResult::full; break;
    case EventKind::candidacy_submitted: e.data.accompaniment = Accompaniment::accompanied; break;
    case EventKind::funding_requested:
    case EventKind::funding_decided: e.data.funding_kind = FundingKind::individual_support; break;
    case EventKind::feasibility_decided: e.data.decision = AdmissibilityDecision::admissible; break;
    case EventKind::followup_recorded:
      e.data.months = 6;
      e.data.situation = Situation::same_job;
      break;
    default: break;
  }
  return e;
}

/// The events leading a fresh case to @p target, one week apart from 2018-01-08.
inline std::vector<Event> path_to(Stage target) {
  std::vector<Event> out;
  Date d(2018, 1, 8);
  auto add = [&](EventKind k, Role r) {
    out.push_back(make_event(k, d, r));
    d = d + 7;
    return &out.back();
  };
  if (target == Stage::none) return out;
  add(EventKind::received, Role::assistant);
  if (target == Stage::reception) return out;
  add(EventKind::appointment_held, Role::counsellor);
  if (target == Stage::counselling) return out;
  if (target == Stage::redirected) {
    add(EventKind::oriented, Role::counsellor)->data.to = OrientationTarget::training;
    return out;
  }
  add(EventKind::certification_chosen, Role::counsellor);
  add(EventKind::oriented, Role::counsellor);
  if (target == Stage::oriented) return out;
  add(EventKind::admissibility_started, Role::counsellor);
  if (target == Stage::admissibility_preparation) return out;
  add(EventKind::admissibility_sent, Role::counsellor);
  if (target == Stage::admissibility_sent) return out;
  if (target == Stage::not_admissible) {
    add(EventKind::admissibility_decided, Role::certifier)->data.decision =
        AdmissibilityDecision::not_admissible;
    return out;
  }
  add(EventKind::admissibility_decided, Role::certifier);
  if (target == Stage::admissible) return out;
  add(EventKind::support_started, Role::counsellor);
  if (target == Stage::support) return out;
  add(EventKind::validation_file_sent, Role::candidate);
  if (target == Stage::validation_file_sent) return out;
  add(EventKind::jury_scheduled, Role::certifier);
  if (target == Stage::jury_scheduled) return out;
  Event* last = add(EventKind::jury_held, Role::jury);
  if (target == Stage::validated) return out;
  if (target == Stage::partially_validated) last->data.result = JuryResult::partial;
  if (target == Stage::refused) last->data.result = JuryResult::refused;
  return out;
}

/// The events leading a fresh France VAE candidacy (issue 15, accompanied unless
/// @p autonomous) to @p target, one week apart from 2024-02-05 (a lapse waits 190 days).
inline std::vector<Event> path_to_reform(Stage target, bool autonomous = false) {
  std::vector<Event> out;
  Date d(2024, 2, 5);
  auto add = [&](EventKind k, Role r) {
    out.push_back(make_event(k, d, r));
    d = d + 7;
    return &out.back();
  };
  if (target == Stage::none) return out;
  add(EventKind::candidacy_submitted, Role::candidate)->data.accompaniment =
      autonomous ? Accompaniment::autonomous : Accompaniment::accompanied;
  const Role writer = autonomous ? Role::candidate : Role::aap;
  if (!autonomous) {
    if (target == Stage::candidacy) return out;
    add(EventKind::candidacy_taken_charge, Role::aap);
    if (target == Stage::taken_charge) return out;
    add(EventKind::pathway_proposed, Role::aap)->data.individual_hours = 20;
    if (target == Stage::pathway_proposed) return out;
    add(EventKind::pathway_confirmed, Role::candidate);
  }
  if (target == Stage::feasibility_preparation) return out;
  add(EventKind::feasibility_sent, writer);
  if (target == Stage::feasibility_sent) return out;
  if (target == Stage::feasibility_not_admissible) {
    add(EventKind::feasibility_decided, Role::certifier)->data.decision =
        AdmissibilityDecision::not_admissible;
    return out;
  }
  add(EventKind::feasibility_decided, Role::certifier);
  if (target == Stage::feasibility_admissible) return out;
  if (target == Stage::lapsed || target == Stage::lapse_contested) {
    d = d + 190;  // the regime's lapse_days (183) without an event
    add(EventKind::lapsed, Role::system);
    if (target == Stage::lapse_contested) add(EventKind::lapse_contested, Role::candidate);
    return out;
  }
  add(EventKind::validation_file_sent, writer);
  if (target == Stage::validation_file_sent) return out;
  if (target == Stage::validation_file_flagged) {
    add(EventKind::validation_file_flagged, Role::certifier);
    return out;
  }
  add(EventKind::jury_scheduled, Role::certifier);
  if (target == Stage::jury_scheduled) return out;
  Event* last = add(EventKind::jury_held, Role::jury);
  if (target == Stage::partially_validated) last->data.result = JuryResult::partial;
  if (target == Stage::refused) last->data.result = JuryResult::refused;
  return out;
}

/// Whether @p s is a stage of the France VAE era only.
inline bool reform_stage(Stage s) {
  return s >= Stage::candidacy;
}

/// A case in @p target, and the date of its next event: a France VAE candidacy when @p reform or
/// when the stage exists only in that era, else a pathway of the 2017 model.
inline std::pair<Case, Date> case_in(Stage target, bool reform = false) {
  auto events = reform || reform_stage(target) ? path_to_reform(target) : path_to(target);
  Date next = events.empty() ? Date(2018, 1, 8) : events.back().at.date() + 7;
  return {Case::from_events("T1", std::move(events)), next};
}

/// Case C0042 preparing its admissibility request for @p certification.
inline Case case_for(const std::string& certification) {
  auto events = path_to(Stage::admissibility_preparation);
  for (auto& e : events) {
    if (e.kind == EventKind::certification_chosen) e.certification = certification;
  }
  return Case::from_events("C0042", std::move(events));
}

}  // namespace vaekit::test
