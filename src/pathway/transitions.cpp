// THE transition table of the VAE pathway, and the names of stages, guards and outcomes.
#include "vaekit/pathway/transitions.hpp"

#include <array>

#include "vaekit/core/names.hpp"

namespace vaekit {
namespace {

using E = EventKind;
using S = Stage;
using O = Outcome;
using G = Guard;

constexpr StageSet st(S s) {
  return stages(s);
}
constexpr RoleSet ro(Role r) {
  return roles(r);
}

constexpr RoleSet kCandidate = ro(Role::candidate), kAssistant = ro(Role::assistant),
                  kCounsellor = ro(Role::counsellor), kCertifier = ro(Role::certifier),
                  kJury = ro(Role::jury), kFunder = ro(Role::funder), kSystem = ro(Role::system),
                  kAap = ro(Role::aap);
// The roles of the 2017 pathway (every role but the France VAE aap).
constexpr RoleSet kAnyRole = static_cast<RoleSet>(((1u << role_count) - 1u) & ~unsigned{kAap});
constexpr RoleSet kAnyButJury = kAnyRole & static_cast<RoleSet>(~kJury);

// Stages where the person is still on the way (appointments with a counsellor may happen).
constexpr StageSet kOpen = st(S::reception) | st(S::counselling) | st(S::oriented) |
                           st(S::redirected) | st(S::admissibility_preparation) |
                           st(S::admissibility_sent) | st(S::admissible) | st(S::not_admissible) |
                           st(S::support) | st(S::validation_file_sent) | st(S::jury_scheduled) |
                           st(S::partially_validated) | st(S::refused);
// Every stage of the 2017 pathway after the first event.
constexpr StageSet kStarted = kOpen | st(S::validated);
// The stages of the France VAE era (issue 15), and those it shares with 2017 (from the
// validation file to the jury's outcome).
constexpr StageSet kReform = st(S::candidacy) | st(S::taken_charge) | st(S::pathway_proposed) |
                             st(S::feasibility_preparation) | st(S::feasibility_sent) |
                             st(S::feasibility_admissible) | st(S::feasibility_not_admissible) |
                             st(S::validation_file_flagged) | st(S::lapsed) |
                             st(S::lapse_contested);
constexpr StageSet kShared = st(S::validation_file_sent) | st(S::jury_scheduled) |
                             st(S::validated) | st(S::partially_validated) | st(S::refused);
constexpr StageSet kStartedReform = kReform | kShared;
// Where a France VAE candidacy may start: a new case, or a person received at the antenne.
constexpr StageSet kCandidacyFrom =
    st(S::none) | st(S::reception) | st(S::counselling) | st(S::oriented);
// Where funding is requested and decided: from the pathway's confirmation to the validation file.
constexpr StageSet kFunding = st(S::feasibility_preparation) | st(S::feasibility_sent) |
                              st(S::feasibility_admissible) | st(S::validation_file_flagged) |
                              st(S::partially_validated);
// After the jury (follow-ups of employment, issue 15).
constexpr StageSet kAfterJury = st(S::validated) | st(S::partially_validated) | st(S::refused);
constexpr auto V17 = Era::vae_2017;
constexpr auto FVAE = Era::france_vae;
// Stages in which a counsellor may (re)choose the certification.
constexpr StageSet kChoosing = st(S::counselling) | st(S::oriented) | st(S::redirected) |
                               st(S::admissibility_preparation) | st(S::not_admissible) |
                               st(S::refused);

constexpr std::optional<Stage> same{};
constexpr std::optional<Stage> to(S s) {
  return s;
}

// clang-format off
// from                                   event                     variant          to                               roles                          guard                 note
constexpr std::array kTable = {
  Transition{st(S::none),                 E::received,              O::any,          to(S::reception),                kAssistant,                    G::none,              "reception by an assistant opens the case", V17},
  Transition{kOpen,                       E::informed,              O::any,          same,                            kAssistant,                    G::none,              "information on the conditions of access", V17},
  Transition{kOpen,                       E::appointment_booked,    O::any,          same,                            kAssistant,                    G::none,              "an appointment with a counsellor is booked", V17},
  Transition{st(S::reception),            E::appointment_held,      O::any,          to(S::counselling),              kCounsellor,                   G::none,              "the first appointment held starts counselling", V17},
  Transition{kOpen & ~st(S::reception) & ~st(S::redirected),
                                          E::appointment_held,      O::any,          same,                            kCounsellor,                   G::none,              "further appointments", V17},
  Transition{st(S::redirected),           E::appointment_held,      O::any,          to(S::counselling),              kCounsellor,                   G::none,              "a redirected person comes back to counselling", V17},
  Transition{kOpen,                       E::appointment_missed,    O::any,          same,                            kCounsellor | kAssistant,      G::none,              "a missed appointment", V17},
  Transition{kChoosing,                   E::certification_chosen,  O::any,          same,                            kCounsellor,                   G::names_certification, "choice (or change) of certification", V17},
  Transition{st(S::counselling) | st(S::redirected),
                                          E::oriented,              O::to_vae,       to(S::oriented),                 kCounsellor,                   G::has_certification, "orientation decision: continue in VAE", V17},
  Transition{st(S::counselling) | st(S::oriented),
                                          E::oriented,              O::to_other,     to(S::redirected),               kCounsellor,                   G::none,              "orientation decision: VAP, training, bilan, other", V17},
  Transition{st(S::oriented) | st(S::not_admissible) | st(S::refused),
                                          E::admissibility_started, O::any,          to(S::admissibility_preparation), kCounsellor,                  G::has_certification, "the admissibility request (livret 1) is prepared", V17},
  Transition{st(S::admissibility_preparation),
                                          E::admissibility_sent,    O::any,          to(S::admissibility_sent),       kCounsellor | kCandidate,      G::has_certification, "the request is sent to the certifier", V17},
  Transition{st(S::admissibility_sent),   E::admissibility_decided, O::admissible,   to(S::admissible),               kCertifier | kSystem,          G::silence_rule,      "declared admissible (explicitly or by silence)", V17},
  Transition{st(S::admissibility_sent),   E::admissibility_decided, O::not_admissible, to(S::not_admissible),         kCertifier | kSystem,          G::silence_rule,      "declared not admissible (explicitly or by silence)", V17},
  Transition{st(S::admissibility_sent),   E::admissibility_decided, O::incomplete,   to(S::admissibility_preparation), kCertifier,                   G::none,              "incomplete file: back to preparation", V17},
  Transition{st(S::admissible) | st(S::partially_validated),
                                          E::support_started,       O::any,          to(S::support),                  kCounsellor | kFunder,         G::none,              "support while writing the validation file", V17},
  Transition{st(S::support),              E::support_session,       O::any,          same,                            kCounsellor,                   G::none,              "a support session", V17},
  Transition{st(S::admissible) | st(S::support) | st(S::partially_validated),
                                          E::validation_file_sent,  O::any,          to(S::validation_file_sent),     kCandidate,                    G::none,              "the validation file (livret 2) is sent", V17},
  Transition{st(S::validation_file_sent) | st(S::partially_validated),
                                          E::jury_scheduled,        O::any,          to(S::jury_scheduled),           kCertifier,                    G::none,              "a jury is scheduled (a partial validation may return to the jury)"},
  Transition{st(S::jury_scheduled),       E::jury_scheduled,        O::any,          same,                            kCertifier,                    G::none,              "the jury is rescheduled"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::full,         to(S::validated),                kJury,                         G::jury_date_reached, "full validation"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::partial,      to(S::partially_validated),      kJury,                         G::jury_date_reached, "partial validation"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::refused,      to(S::refused),                  kJury,                         G::jury_date_reached, "refusal"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::absent,       to(S::validation_file_sent),     kJury,                         G::jury_date_reached, "candidate absent: the jury is to be rescheduled"},
  Transition{kStarted,                    E::dropped_out,           O::any,          same,                            kAnyButJury,                   G::not_dropped_out,   "drop-out (side state; the stage is kept)", V17},
  Transition{kStarted,                    E::reactivated,           O::any,          same,                            kAnyRole,                      G::reactivable,       "reactivation or unarchiving (the stage is restored)", V17},
  Transition{kStarted,                    E::archived,              O::any,          same,                            kAssistant | kCounsellor | kSystem, G::not_archived, "archiving (side state; the stage is kept)", V17},
  // The France VAE era (issue 15): rows by era, the reform's own stages, and the stages shared
  // with 2017 from the validation file to the jury.
  Transition{kCandidacyFrom,              E::candidacy_submitted,   O::accompanied,  to(S::candidacy),                kCandidate,                    G::france_vae_era,    "a France VAE candidacy, accompanied: an AAP is to take charge"},
  Transition{kCandidacyFrom,              E::candidacy_submitted,   O::autonomous,   to(S::feasibility_preparation),  kCandidate,                    G::france_vae_era,    "a France VAE candidacy, autonomous: no AAP, the candidate prepares the feasibility file"},
  Transition{st(S::candidacy),            E::candidacy_taken_charge, O::any,         to(S::taken_charge),             kAap,                          G::none,              "an AAP takes charge of the candidacy", FVAE},
  Transition{st(S::taken_charge) | st(S::pathway_proposed),
                                          E::pathway_proposed,      O::any,          to(S::pathway_proposed),         kAap,                          G::none,              "the AAP proposes the pathway (hours by kind), or revises it", FVAE},
  Transition{st(S::pathway_proposed),     E::pathway_confirmed,     O::any,          to(S::feasibility_preparation),  kCandidate,                    G::none,              "the candidate confirms the pathway", FVAE},
  Transition{st(S::feasibility_preparation),
                                          E::feasibility_sent,      O::any,          to(S::feasibility_sent),         kCandidate | kAap,             G::accompanied_only,  "the feasibility file is sent to the certifier", FVAE},
  Transition{st(S::feasibility_sent),     E::feasibility_decided,   O::admissible,   to(S::feasibility_admissible),   kCertifier | kSystem,          G::silence_rule,      "feasibility file admissible (explicitly or by silence)", FVAE},
  Transition{st(S::feasibility_sent),     E::feasibility_decided,   O::not_admissible, to(S::feasibility_not_admissible), kCertifier | kSystem,    G::silence_rule,      "feasibility file not admissible", FVAE},
  Transition{st(S::feasibility_sent),     E::feasibility_decided,   O::incomplete,   to(S::feasibility_preparation),  kCertifier,                    G::none,              "incomplete feasibility file: back to preparation", FVAE},
  Transition{kFunding,                    E::funding_requested,     O::any,          same,                            kCandidate | kAap,             G::accompanied_only,  "a funding request (hours and amount by kind)", FVAE},
  Transition{kFunding,                    E::funding_decided,       O::any,          same,                            kFunder,                       G::none,              "the funder's decision on a request", FVAE},
  Transition{st(S::feasibility_admissible) | st(S::validation_file_flagged) | st(S::partially_validated),
                                          E::validation_file_sent,  O::any,          to(S::validation_file_sent),     kCandidate | kAap,             G::accompanied_only,  "the validation file is sent (again after a flag or a partial validation)", FVAE},
  Transition{st(S::validation_file_sent), E::validation_file_flagged, O::any,        to(S::validation_file_flagged),  kCertifier,                    G::none,              "the certifier flags the validation file (signalé)", FVAE},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::partial_certification, to(S::validated),       kJury,                         G::jury_date_reached, "full success on a partial certification (the blocks aimed at)", FVAE},
  Transition{st(S::feasibility_admissible) | st(S::validation_file_flagged),
                                          E::lapsed,                O::any,          to(S::lapsed),                   kSystem,                       G::lapse_rule,        "caducité: no activity for the regime's lapse_days", FVAE},
  Transition{st(S::lapsed),               E::lapse_contested,       O::any,          to(S::lapse_contested),          kCandidate,                    G::none,              "the candidate contests the caducité", FVAE},
  Transition{st(S::lapse_contested),      E::lapse_decided,         O::lifted,       to(S::feasibility_admissible),   kCertifier,                    G::none,              "caducité lifted: admissible again", FVAE},
  Transition{st(S::lapse_contested),      E::lapse_decided,         O::not_lifted,   to(S::lapsed),                   kCertifier,                    G::none,              "caducité confirmed", FVAE},
  Transition{kStartedReform,              E::dropped_out,           O::any,          same,                            kCandidate | kAap,             G::not_dropped_out,   "drop-out (side state; the stage is kept)", FVAE},
  Transition{kStartedReform,              E::reactivated,           O::any,          same,                            kCandidate | kAap | kSystem,   G::reactivable,       "reactivation or unarchiving (the stage is restored)", FVAE},
  Transition{kStartedReform,              E::archived,              O::any,          same,                            kCandidate | kAap | kSystem,   G::not_archived,      "archiving, with France VAE's reason_code (side state)", FVAE},
  // Both eras: the pseudonymous profile, and the follow-ups of employment after the jury.
  Transition{kStarted | kReform,          E::profile_recorded,      O::any,          same,                            kAssistant | kCounsellor | kAap | kCandidate, G::none, "the person's pseudonymous profile"},
  Transition{kAfterJury,                  E::followup_recorded,     O::any,          same,                            kCounsellor | kSystem,         G::followup_due,      "a follow-up 6 or 12 months after the jury"},
};
// clang-format on

constexpr std::array<std::string_view, stage_count> kStageNames = {"none",
                                                                   "reception",
                                                                   "counselling",
                                                                   "oriented",
                                                                   "redirected",
                                                                   "admissibility_preparation",
                                                                   "admissibility_sent",
                                                                   "admissible",
                                                                   "not_admissible",
                                                                   "support",
                                                                   "validation_file_sent",
                                                                   "jury_scheduled",
                                                                   "validated",
                                                                   "partially_validated",
                                                                   "refused",
                                                                   "candidacy",
                                                                   "taken_charge",
                                                                   "pathway_proposed",
                                                                   "feasibility_preparation",
                                                                   "feasibility_sent",
                                                                   "feasibility_admissible",
                                                                   "feasibility_not_admissible",
                                                                   "validation_file_flagged",
                                                                   "lapsed",
                                                                   "lapse_contested"};

}  // namespace

std::span<const Transition> transition_table() noexcept {
  return kTable;
}

std::string_view to_string(Stage s) noexcept {
  const auto i = static_cast<std::size_t>(s);
  return i < stage_count ? kStageNames[i] : std::string_view("?");
}

std::optional<Stage> try_stage_from_string(std::string_view name) noexcept {
  return find_name<Stage>(kStageNames, name);
}

Stage stage_from_string(std::string_view name) {
  return parse_name<Stage>(kStageNames, name, "stage");
}

std::string_view to_string(SideState s) noexcept {
  switch (s) {
    case SideState::active: return "active";
    case SideState::dropped_out: return "dropped_out";
    case SideState::archived: return "archived";
  }
  return "?";
}

std::string_view to_string(Era e) noexcept {
  switch (e) {
    case Era::any: return "any";
    case Era::vae_2017: return "vae_2017";
    case Era::france_vae: return "france_vae";
  }
  return "?";
}

std::string_view to_string(Outcome o) noexcept {
  constexpr std::array<std::string_view, 15> names = {"any",
                                                      "to_vae",
                                                      "to_other",
                                                      "admissible",
                                                      "not_admissible",
                                                      "incomplete",
                                                      "full",
                                                      "partial",
                                                      "refused",
                                                      "absent",
                                                      "accompanied",
                                                      "autonomous",
                                                      "partial_certification",
                                                      "lifted",
                                                      "not_lifted"};
  const auto i = static_cast<std::size_t>(o);
  return i < names.size() ? names[i] : std::string_view("?");
}

std::string_view to_string(Guard g) noexcept {
  constexpr std::array<std::string_view, 12> names = {"none",
                                                      "has_certification",
                                                      "names_certification",
                                                      "silence_rule",
                                                      "jury_date_reached",
                                                      "not_dropped_out",
                                                      "reactivable",
                                                      "not_archived",
                                                      "france_vae_era",
                                                      "accompanied_only",
                                                      "lapse_rule",
                                                      "followup_due"};
  const auto i = static_cast<std::size_t>(g);
  return i < names.size() ? names[i] : std::string_view("?");
}

std::string_view describe(Guard g) noexcept {
  switch (g) {
    case Guard::none: return "no condition";
    case Guard::has_certification: return "a certification must have been chosen";
    case Guard::names_certification: return "the event must name the certification";
    case Guard::silence_rule:
      return "a decision by silence (role system, implicit) only after the decision deadline, "
             "following the silence rule of the request's date";
    case Guard::jury_date_reached: return "the jury is held on or after its scheduled date";
    case Guard::not_dropped_out: return "the case must not be dropped out or archived already";
    case Guard::reactivable:
      return "the case must be dropped out, archived, or inactive on that date";
    case Guard::not_archived: return "the case must not be archived already";
    case Guard::france_vae_era:
      return "a France VAE candidacy only from the regime's france_vae_from date";
    case Guard::accompanied_only:
      return "an aap records only on accompanied candidacies, and an autonomous candidacy has no "
             "funding of accompaniment";
    case Guard::lapse_rule:
      return "caducité (role system) only after the regime's lapse_days without an event";
    case Guard::followup_due:
      return "a follow-up at 6 or 12 months is recorded that many months after the jury or later";
  }
  return "?";
}

bool matches(Outcome o, const Event& e) noexcept {
  const EventData& d = e.data;
  switch (o) {
    case Outcome::any: return true;
    case Outcome::to_vae: return d.to && *d.to == OrientationTarget::vae;
    case Outcome::to_other: return d.to && *d.to != OrientationTarget::vae;
    case Outcome::admissible: return d.decision == AdmissibilityDecision::admissible;
    case Outcome::not_admissible: return d.decision == AdmissibilityDecision::not_admissible;
    case Outcome::incomplete: return d.decision == AdmissibilityDecision::incomplete;
    case Outcome::full: return d.result == JuryResult::full;
    case Outcome::partial: return d.result == JuryResult::partial;
    case Outcome::refused: return d.result == JuryResult::refused;
    case Outcome::absent: return d.result == JuryResult::absent;
    case Outcome::accompanied: return d.accompaniment == Accompaniment::accompanied;
    case Outcome::autonomous: return d.accompaniment == Accompaniment::autonomous;
    case Outcome::partial_certification: return d.result == JuryResult::partial_certification;
    case Outcome::lifted: return d.lifted;
    case Outcome::not_lifted: return !d.lifted;
  }
  return false;
}

TransitionError::TransitionError(std::string case_id, Stage stage, EventKind event, Role role,
                                 std::string reason)
    : Error(ErrorCode::transition, "case " + excerpt(case_id) + ": event '" +
                                       std::string(to_string(event)) + "' by role '" +
                                       std::string(to_string(role)) + "' refused in stage '" +
                                       std::string(to_string(stage)) + "': " + reason),
      case_id_(std::move(case_id)),
      stage_(stage),
      event_(event),
      role_(role),
      reason_(std::move(reason)) {}

}  // namespace vaekit
