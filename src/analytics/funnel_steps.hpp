#pragma once
// The funnel across eras (issue 15): the France VAE events stand for the steps of the 2017
// funnel, so that one activity report, one outcome table and one set of durations cover
// pathways of both eras (and a log that mixes them). Internal to the analytics area; the table
// is in docs/analytics.md ("One funnel for both eras").

#include <cstdint>
#include <utility>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit::funnel_steps {

/// The 2017 event and payload that a columnar event (kind, payload) stands for in the funnel:
/// candidacy_submitted -> received (the entry into the pathway, the cohort's start);
/// candidacy_taken_charge -> appointment_held (the AAP's taking charge: the person is
/// counselled); pathway_confirmed -> oriented to VAE; feasibility_sent -> admissibility_sent;
/// feasibility_decided -> admissibility_decided with its decision; a jury_held result
/// partial_certification (the partial certification the candidate applied for, obtained) ->
/// partial. Every other event is itself.
[[nodiscard]] inline std::pair<EventKind, std::uint32_t> as_2017_step(EventKind kind,
                                                                      std::uint32_t payload) {
  switch (kind) {
    case EventKind::candidacy_submitted: return {EventKind::received, no_payload};
    case EventKind::candidacy_taken_charge: return {EventKind::appointment_held, no_payload};
    case EventKind::pathway_confirmed:
      return {EventKind::oriented,
              static_cast<std::uint32_t>(static_cast<unsigned>(OrientationTarget::vae) + 1u)};
    case EventKind::feasibility_sent: return {EventKind::admissibility_sent, no_payload};
    case EventKind::feasibility_decided: {
      const EventData d = data_of_payload(kind, payload);
      if (!d.decision) return {EventKind::admissibility_decided, no_payload};
      return {EventKind::admissibility_decided, payload_of(EventKind::admissibility_decided, d)};
    }
    case EventKind::jury_held:
      if (payload == static_cast<unsigned>(JuryResult::partial_certification) + 1u)
        return {kind, static_cast<std::uint32_t>(static_cast<unsigned>(JuryResult::partial) + 1u)};
      return {kind, payload};
    default: return {kind, payload};
  }
}

}  // namespace vaekit::funnel_steps
