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
};
/// Number of Stage values.
inline constexpr std::size_t stage_count = 15;

/// The stable name of a stage, e.g. "admissibility_sent".
[[nodiscard]] std::string_view to_string(Stage s) noexcept;
/// The stage named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] Stage stage_from_string(std::string_view name);
/// The stage named @p name, or std::nullopt.
[[nodiscard]] std::optional<Stage> try_stage_from_string(std::string_view name) noexcept;
/// Whether @p s comes before the admissibility decision (for the inactivity delays).
[[nodiscard]] constexpr bool before_admissibility(Stage s) noexcept {
  return s <= Stage::admissibility_sent;
}

/// Whether the next step of a case in @p s is up to the candidate or the antenne (so that a long
/// silence makes the case inactive): false while waiting for the certifier (admissibility_sent,
/// validation_file_sent, jury_scheduled), once validated, and once redirected (a completed
/// redirection to VAP, training or a bilan de compétences is an outcome of the pathway, not
/// inactivity: issue 12).
[[nodiscard]] constexpr bool awaits_candidate(Stage s) noexcept {
  return s != Stage::none && s != Stage::admissibility_sent && s != Stage::validation_file_sent &&
         s != Stage::jury_scheduled && s != Stage::validated && s != Stage::redirected;
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
};
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
