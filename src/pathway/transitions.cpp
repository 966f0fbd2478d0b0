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
                  kJury = ro(Role::jury), kFunder = ro(Role::funder), kSystem = ro(Role::system);
constexpr RoleSet kAnyRole = static_cast<RoleSet>((1u << role_count) - 1);
constexpr RoleSet kAnyButJury = kAnyRole & static_cast<RoleSet>(~kJury);

// Stages where the person is still on the way (appointments with a counsellor may happen).
constexpr StageSet kOpen = st(S::reception) | st(S::counselling) | st(S::oriented) |
                           st(S::redirected) | st(S::admissibility_preparation) |
                           st(S::admissibility_sent) | st(S::admissible) | st(S::not_admissible) |
                           st(S::support) | st(S::validation_file_sent) | st(S::jury_scheduled) |
                           st(S::partially_validated) | st(S::refused);
// Every stage after the first event.
constexpr StageSet kStarted = kOpen | st(S::validated);
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
  Transition{st(S::none),                 E::received,              O::any,          to(S::reception),                kAssistant,                    G::none,              "reception by an assistant opens the case"},
  Transition{kOpen,                       E::informed,              O::any,          same,                            kAssistant,                    G::none,              "information on the conditions of access"},
  Transition{kOpen,                       E::appointment_booked,    O::any,          same,                            kAssistant,                    G::none,              "an appointment with a counsellor is booked"},
  Transition{st(S::reception),            E::appointment_held,      O::any,          to(S::counselling),              kCounsellor,                   G::none,              "the first appointment held starts counselling"},
  Transition{kOpen & ~st(S::reception) & ~st(S::redirected),
                                          E::appointment_held,      O::any,          same,                            kCounsellor,                   G::none,              "further appointments"},
  Transition{st(S::redirected),           E::appointment_held,      O::any,          to(S::counselling),              kCounsellor,                   G::none,              "a redirected person comes back to counselling"},
  Transition{kOpen,                       E::appointment_missed,    O::any,          same,                            kCounsellor | kAssistant,      G::none,              "a missed appointment"},
  Transition{kChoosing,                   E::certification_chosen,  O::any,          same,                            kCounsellor,                   G::names_certification, "choice (or change) of certification"},
  Transition{st(S::counselling) | st(S::redirected),
                                          E::oriented,              O::to_vae,       to(S::oriented),                 kCounsellor,                   G::has_certification, "orientation decision: continue in VAE"},
  Transition{st(S::counselling) | st(S::oriented),
                                          E::oriented,              O::to_other,     to(S::redirected),               kCounsellor,                   G::none,              "orientation decision: VAP, training, bilan, other"},
  Transition{st(S::oriented) | st(S::not_admissible) | st(S::refused),
                                          E::admissibility_started, O::any,          to(S::admissibility_preparation), kCounsellor,                  G::has_certification, "the admissibility request (livret 1) is prepared"},
  Transition{st(S::admissibility_preparation),
                                          E::admissibility_sent,    O::any,          to(S::admissibility_sent),       kCounsellor | kCandidate,      G::has_certification, "the request is sent to the certifier"},
  Transition{st(S::admissibility_sent),   E::admissibility_decided, O::admissible,   to(S::admissible),               kCertifier | kSystem,          G::silence_rule,      "declared admissible (explicitly or by silence)"},
  Transition{st(S::admissibility_sent),   E::admissibility_decided, O::not_admissible, to(S::not_admissible),         kCertifier | kSystem,          G::silence_rule,      "declared not admissible (explicitly or by silence)"},
  Transition{st(S::admissibility_sent),   E::admissibility_decided, O::incomplete,   to(S::admissibility_preparation), kCertifier,                   G::none,              "incomplete file: back to preparation"},
  Transition{st(S::admissible) | st(S::partially_validated),
                                          E::support_started,       O::any,          to(S::support),                  kCounsellor | kFunder,         G::none,              "support while writing the validation file"},
  Transition{st(S::support),              E::support_session,       O::any,          same,                            kCounsellor,                   G::none,              "a support session"},
  Transition{st(S::admissible) | st(S::support) | st(S::partially_validated),
                                          E::validation_file_sent,  O::any,          to(S::validation_file_sent),     kCandidate,                    G::none,              "the validation file (livret 2) is sent"},
  Transition{st(S::validation_file_sent) | st(S::partially_validated),
                                          E::jury_scheduled,        O::any,          to(S::jury_scheduled),           kCertifier,                    G::none,              "a jury is scheduled (a partial validation may return to the jury)"},
  Transition{st(S::jury_scheduled),       E::jury_scheduled,        O::any,          same,                            kCertifier,                    G::none,              "the jury is rescheduled"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::full,         to(S::validated),                kJury,                         G::jury_date_reached, "full validation"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::partial,      to(S::partially_validated),      kJury,                         G::jury_date_reached, "partial validation"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::refused,      to(S::refused),                  kJury,                         G::jury_date_reached, "refusal"},
  Transition{st(S::jury_scheduled),       E::jury_held,             O::absent,       to(S::validation_file_sent),     kJury,                         G::jury_date_reached, "candidate absent: the jury is to be rescheduled"},
  Transition{kStarted,                    E::dropped_out,           O::any,          same,                            kAnyButJury,                   G::not_dropped_out,   "drop-out (side state; the stage is kept)"},
  Transition{kStarted,                    E::reactivated,           O::any,          same,                            kAnyRole,                      G::reactivable,       "reactivation or unarchiving (the stage is restored)"},
  Transition{kStarted,                    E::archived,              O::any,          same,                            kAssistant | kCounsellor | kSystem, G::not_archived, "archiving (side state; the stage is kept)"},
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
                                                                   "refused"};

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

std::string_view to_string(Outcome o) noexcept {
  constexpr std::array<std::string_view, 10> names = {
      "any",        "to_vae", "to_other", "admissible", "not_admissible",
      "incomplete", "full",   "partial",  "refused",    "absent"};
  const auto i = static_cast<std::size_t>(o);
  return i < names.size() ? names[i] : std::string_view("?");
}

std::string_view to_string(Guard g) noexcept {
  constexpr std::array<std::string_view, 8> names = {
      "none",         "has_certification", "names_certification",
      "silence_rule", "jury_date_reached", "not_dropped_out",
      "reactivable",  "not_archived"};
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
