#pragma once
/// @file
/// @brief The pathway's stages and its ONE transition table: every (stage, event) -> stage with
/// the roles allowed and the guard; TransitionError for an event the table refuses.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vaekit/core/error.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

/// The ordered stage of a case (domain.md §2); side states (dropped out, inactive, archived) are
/// kept apart, see SideState.
enum class Stage : std::uint8_t {
  none,                       ///< No event yet.
  reception,                  ///< 1. Received by an assistant (accueil).
  counselling,                ///< 2. Seen by a counsellor (conseil).
  oriented,                   ///< 3. Orientation decided: continue in VAE.
  redirected,                 ///< 3. Orientation decided: VAP, training, bilan, other.
  admissibility_preparation,  ///< 4. Admissibility request (livret 1) in preparation.
  admissibility_sent,         ///< 5. Request sent to the certifier.
  admissible,                 ///< 6. Declared admissible (recevable).
  not_admissible,             ///< 6. Declared not admissible.
  support,                    ///< 7. Support while writing the validation file.
  validation_file_sent,       ///< 8. Validation file (livret 2) sent; jury to schedule.
  jury_scheduled,             ///< 9. Jury scheduled.
  validated,                  ///< 10. Full validation (final).
  partially_validated,        ///< 10. Partial validation: may complete and return to the jury.
  refused,                    ///< 10. Refusal by the jury.
  // The France VAE era (issue 15); validation_file_sent, jury_scheduled and the jury's outcomes
  // above are shared by both eras.
  candidacy,                   ///< Candidacy submitted (accompanied): an AAP is to take charge.
  taken_charge,                ///< An AAP took charge: the pathway is to be proposed.
  pathway_proposed,            ///< The AAP proposed the pathway: the candidate is to confirm.
  feasibility_preparation,     ///< Pathway confirmed, or autonomous: feasibility file to send.
  feasibility_sent,            ///< Feasibility file sent to the certifier.
  feasibility_admissible,      ///< Declared admissible (recevable): validation file to write.
  feasibility_not_admissible,  ///< Declared not admissible.
  validation_file_flagged,     ///< The certifier flagged the validation file: to send again.
  lapsed,                      ///< Caducité: the admissibility lapsed for inactivity.
  lapse_contested,             ///< The candidate contests the caducité: the certifier decides.
};
/// Number of Stage values.
inline constexpr std::size_t stage_count = 25;

/// The stable name of a stage, e.g. "admissibility_sent".
[[nodiscard]] std::string_view to_string(Stage s) noexcept;
/// The stage named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] Stage stage_from_string(std::string_view name);
/// The stage named @p name, or std::nullopt.
[[nodiscard]] std::optional<Stage> try_stage_from_string(std::string_view name) noexcept;
/// Whether @p s comes before the admissibility decision (for the inactivity delays).
[[nodiscard]] constexpr bool before_admissibility(Stage s) noexcept {
  return s <= Stage::admissibility_sent || (s >= Stage::candidacy && s <= Stage::feasibility_sent);
}

/// Whether the next step of a case in @p s is up to the candidate or the antenne (so that a long
/// silence makes the case inactive): false while waiting for the certifier (admissibility_sent,
/// validation_file_sent, jury_scheduled), once validated, and once redirected (a completed
/// redirection to VAP, training or a bilan de compétences is an outcome of the pathway, not
/// inactivity: issue 12).
[[nodiscard]] constexpr bool awaits_candidate(Stage s) noexcept {
  return s != Stage::none && s != Stage::admissibility_sent && s != Stage::validation_file_sent &&
         s != Stage::jury_scheduled && s != Stage::validated && s != Stage::redirected &&
         s != Stage::candidacy && s != Stage::feasibility_sent && s != Stage::lapse_contested;
}

/// The recorded side state of a case, apart from its stage; "inactive" is derived from time
/// (see Case::activity()).
enum class SideState : std::uint8_t {
  active,       ///< Following the pathway.
  dropped_out,  ///< Dropped out (abandon), with a reason; `reactivated` resumes.
  archived,     ///< Archived, with a reason; `reactivated` unarchives.
};
/// The stable name of a side state.
[[nodiscard]] std::string_view to_string(SideState s) noexcept;

/// A set of stages (a bit mask), for the "from" column of the table.
using StageSet = std::uint32_t;
/// The set holding only @p s.
[[nodiscard]] constexpr StageSet stages(Stage s) noexcept {
  return StageSet{1} << static_cast<unsigned>(s);
}
/// A set of roles (a bit mask).
using RoleSet = std::uint8_t;
/// The set holding only @p r.
[[nodiscard]] constexpr RoleSet roles(Role r) noexcept {
  return static_cast<RoleSet>(1u << static_cast<unsigned>(r));
}

/// Which variant of an event a row applies to, by its data (e.g. `decision: incomplete`).
enum class Outcome : std::uint8_t {
  any,             ///< Every variant.
  to_vae,          ///< oriented with to = vae.
  to_other,        ///< oriented with to != vae.
  admissible,      ///< decision = admissible.
  not_admissible,  ///< decision = not_admissible.
  incomplete,      ///< decision = incomplete.
  full,            ///< result = full.
  partial,         ///< result = partial.
  refused,         ///< result = refused.
  absent,          ///< result = absent.
  // The France VAE era (issue 15):
  accompanied,            ///< accompaniment = accompanied.
  autonomous,             ///< accompaniment = autonomous.
  partial_certification,  ///< result = partial_certification.
  lifted,                 ///< lapse_decided with lifted = true.
  not_lifted,             ///< lapse_decided with lifted = false.
};
/// The stable name of an outcome, e.g. "to_vae".
[[nodiscard]] std::string_view to_string(Outcome o) noexcept;

/// A condition a row checks on the case before it applies (besides stage and role).
enum class Guard : std::uint8_t {
  none,                 ///< Always passes.
  has_certification,    ///< A certification has been chosen (or the event names one).
  names_certification,  ///< The event carries the `certification` field.
  silence_rule,         ///< An implicit decision (by silence, role system) only after the
                        ///< decision deadline, and it follows the silence rule of its date.
  jury_date_reached,    ///< The jury is held on or after the scheduled date.
  not_dropped_out,      ///< The case is not already dropped out or archived.
  reactivable,          ///< The case is dropped out, archived, or inactive on that date.
  not_archived,         ///< The case is not already archived.
  // The France VAE era (issue 15):
  france_vae_era,    ///< The regime on the event's date has France VAE pathways (france_vae_from).
  accompanied_only,  ///< An aap records only on accompanied candidacies; an autonomous one has
                     ///< no funding of accompaniment (funding_kind individual or collective).
  lapse_rule,        ///< Caducité (role system) only once the regime's lapse_days have passed
                     ///< without an event.
  followup_due,      ///< A follow-up at N months is recorded N months after the jury or later.
};

/// The era a row of the table belongs to: the 2017 pathway, France VAE's, or both.
enum class Era : std::uint8_t {
  any,         ///< Both eras (the stage decides).
  vae_2017,    ///< Pathways of the 2017 model (opened by `received`, no `candidacy_submitted`).
  france_vae,  ///< France VAE pathways (from `candidacy_submitted`).
};
/// The stable name of an era, e.g. "france_vae".
[[nodiscard]] std::string_view to_string(Era e) noexcept;
/// The stable name of a guard, e.g. "silence_rule".
[[nodiscard]] std::string_view to_string(Guard g) noexcept;
/// What a guard requires, in one English sentence (for error messages and docs).
[[nodiscard]] std::string_view describe(Guard g) noexcept;

/// One row of the transition table.
struct Transition {
  StageSet from;            ///< The stages the row applies in.
  EventKind event;          ///< The event.
  Outcome when;             ///< The event variant (by data) the row applies to.
  std::optional<Stage> to;  ///< The stage after the event; std::nullopt: unchanged.
  RoleSet roles;            ///< The roles allowed to record it.
  Guard guard;              ///< The extra condition.
  std::string_view note;    ///< What the row means, for the docs.
  Era era = Era::any;       ///< The pathways the row applies to (see CaseState::france_vae).
};

/// THE transition table of the pathway: every legal (stage, event) pair. Side-state events
/// (dropped_out, reactivated, archived) are rows too; a dropped-out or archived case accepts only
/// those.
[[nodiscard]] std::span<const Transition> transition_table() noexcept;

/// Whether @p roles contains @p r.
[[nodiscard]] constexpr bool contains(RoleSet set, Role r) noexcept {
  return (set & roles(r)) != 0;
}
/// Whether @p set contains @p s.
[[nodiscard]] constexpr bool contains(StageSet set, Stage s) noexcept {
  return (set & stages(s)) != 0;
}
/// Whether @p e (with its data) is the variant @p o.
[[nodiscard]] bool matches(Outcome o, const Event& e) noexcept;

/// An event the table refuses (wrong stage, role, guard, time order, side state);
/// `vaekit.TransitionError` in Python. The message names the stage, the event and the role; it
/// never holds personal data (only the case identifier, shortened).
class TransitionError : public Error {
 public:
  /// Refusal of @p event by @p role in @p stage, for @p reason.
  TransitionError(std::string case_id, Stage stage, EventKind event, Role role, std::string reason);
  /// The case concerned.
  [[nodiscard]] const std::string& case_id() const noexcept { return case_id_; }
  /// The stage the case was in.
  [[nodiscard]] Stage stage() const noexcept { return stage_; }
  /// The event refused.
  [[nodiscard]] EventKind event() const noexcept { return event_; }
  /// The role that tried to record it.
  [[nodiscard]] Role role() const noexcept { return role_; }
  /// Why, without the location prefix.
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

 private:
  std::string case_id_;
  Stage stage_;
  EventKind event_;
  Role role_;
  std::string reason_;
};

}  // namespace vaekit
