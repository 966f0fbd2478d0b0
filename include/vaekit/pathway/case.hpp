#pragma once
/// @file
/// @brief Case: a VAE case as its append-only list of events, folded into a stage and side state;
/// Candidate: the personal data, kept in a separate record that analytics and exports never see.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/regime.hpp"
#include "vaekit/pathway/transitions.hpp"
#include "vaekit/registry/certification.hpp"

namespace vaekit {

/// Whether a case is active, inactive (no event for the regime's delay) or confirmed inactive.
enum class Activity : std::uint8_t {
  active,              ///< Some event within the inactivity delay.
  inactive,            ///< No event for the delay (60 days before admissibility, 165 after).
  confirmed_inactive,  ///< Still inactive the confirmation delay (180 days) later: to archive.
};
/// The stable name of an activity state.
[[nodiscard]] std::string_view to_string(Activity a) noexcept;

/// The state a case's events fold into: what the pathway needs to check the next event.
/// No heap allocation except the chosen certification code and, when the jury events name them,
/// the skill blocks.
struct CaseState {
  Stage stage = Stage::none;            ///< The ordered stage.
  SideState side = SideState::active;   ///< Dropped out / archived, apart from the stage.
  bool dropped_before_archive = false;  ///< Archived while dropped out.
  std::size_t event_count = 0;          ///< Events applied.
  Timestamp last_at;                    ///< When the last event happened (if event_count > 0).
  Date received_on;                     ///< Date of the first event.
  std::string certification;            ///< The certification chosen (or last named), or empty.
  std::optional<Date> admissibility_sent_on;     ///< Last admissibility_sent.
  std::optional<Date> admissibility_decided_on;  ///< Last admissibility_decided.
  std::optional<Date> admissible_on;             ///< When declared admissible.
  std::optional<Date> support_started_on;        ///< First support_started after admissibility.
  std::optional<Date> validation_file_sent_on;   ///< Last validation_file_sent.
  std::optional<Date> jury_date;                 ///< The scheduled jury date.
  std::optional<OrientationTarget> orientation;  ///< Last orientation decision.
  std::optional<JuryResult> jury_result;         ///< Last jury result.
  /// Blocks presented at the scheduled jury (`jury_scheduled.data.blocks`), or empty.
  std::vector<std::string> jury_blocks;
  /// Blocks validated by partial validations so far (`jury_held.data.blocks`, acquired for good).
  std::vector<std::string> validated_blocks;
  /// Members of the scheduled jury's composition (`jury_scheduled.data.jury`), 0 when unknown.
  std::uint32_t jury_members = 0;
  std::uint32_t appointments_held = 0;    ///< appointment_held events.
  std::uint32_t appointments_missed = 0;  ///< appointment_missed events.
  // The France VAE era (issue 15):
  bool france_vae = false;  ///< A France VAE pathway (from candidacy_submitted): its rows apply.
  bool autonomous = false;  ///< The candidacy is autonomous (no AAP).
  std::optional<Date> feasibility_sent_on;  ///< Last feasibility_sent.
  std::optional<Date> jury_held_on;         ///< Last jury_held (the follow-ups count from it).
  /// Follow-ups recorded since the last jury: bit 1 at 6 months, bit 2 at 12.
  std::uint8_t followups = 0;
};

/// Checks @p e against the transition table in state @p s (order, side state, stage, role,
/// guard, and the data rules of the jury events: blocks after a partial validation, composition
/// from the regime's jury_min_members) and returns the row that applies; throws TransitionError
/// naming stage, event and role, or InvalidArgument when required data is missing. @p regimes gives
/// the silence and inactivity rules by date. Does not modify @p s.
const Transition& check_event(const CaseState& s, const Event& e,
                              const RegimeSet& regimes = RegimeSet::builtin());
/// The skill blocks of @p c a jury still has to examine for the case in @p s: the certification's
/// blocks (registry order) less those validated by partial validations (domain.md §3: validated
/// parts are acquired for good). A new jury for the rest counts only these.
[[nodiscard]] std::vector<std::string> blocks_to_present(const CaseState& s,
                                                         const Certification& c);
/// Applies @p e to @p s after check_event(); on error @p s is unchanged.
void apply_event(CaseState& s, const Event& e, const RegimeSet& regimes = RegimeSet::builtin());
/// Folds @p events (all of one case, in order) into a state; throws like apply_event().
[[nodiscard]] CaseState fold(std::span<const Event> events,
                             const RegimeSet& regimes = RegimeSet::builtin());
/// The activity state of @p s on @p on under @p regime (archived and dropped-out cases are
/// reported by their side state, not here: they are always `active` in this sense).
[[nodiscard]] Activity activity_of(const CaseState& s, Date on, const Regime& regime) noexcept;

/// A VAE case: an identifier and its append-only list of events; the stage is derived.
///
/// record() checks each event against the transition table (see transition_table()) before
/// appending it; an event refused leaves the case unchanged.
class Case {
 public:
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Case";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  /// An empty case (stage none) identified by @p id; throws InvalidArgument if id is empty.
  explicit Case(std::string id);
  /// A case rebuilt from its events (checked one by one); events' case ids must be @p id or empty.
  static Case from_events(std::string id, std::vector<Event> events,
                          const RegimeSet& regimes = RegimeSet::builtin());

  /// The identifier.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  /// The events, in the order recorded.
  [[nodiscard]] const std::vector<Event>& events() const noexcept { return events_; }
  /// The folded state.
  [[nodiscard]] const CaseState& state() const noexcept { return state_; }
  /// The current stage.
  [[nodiscard]] Stage stage() const noexcept { return state_.stage; }
  /// The recorded side state (dropped out, archived), apart from the stage.
  [[nodiscard]] SideState side_state() const noexcept { return state_.side; }
  /// The reason of the last drop-out, or empty.
  [[nodiscard]] std::string drop_reason() const;
  /// The certifier's reasons of the last admissibility decision (`admissibility_decided`
  /// `data.reason`, recorded when a request is refused or incomplete), or empty.
  [[nodiscard]] std::string decision_reasons() const;
  /// Whether the case is active, inactive or confirmed inactive on @p on.
  [[nodiscard]] Activity activity(Date on, const RegimeSet& regimes = RegimeSet::builtin()) const;
  /// The stage after each event: (time, stage) pairs, the history used to restore a stage.
  [[nodiscard]] std::vector<std::pair<Timestamp, Stage>> stage_history() const;

  /// Checks @p e (its case id set to this case's) and appends it; throws TransitionError.
  void record(Event e, const RegimeSet& regimes = RegimeSet::builtin());
  /// Convenience: records an event of @p kind at @p at by @p role with @p data and the optional
  /// top-level fields.
  void record(EventKind kind, Timestamp at, Role role, EventData data = {},
              std::string certification = {}, std::string antenne = {}, std::string staff = {},
              const RegimeSet& regimes = RegimeSet::builtin());
  /// Whether @p e would be accepted now (no exception).
  [[nodiscard]] bool can_record(const Event& e,
                                const RegimeSet& regimes = RegimeSet::builtin()) const;
  /// The events @p role may record on @p on (in enum order): at least one variant of each is
  /// allowed by the table, the role and the guards, and @p on is not before the last event.
  [[nodiscard]] std::vector<EventKind> allowed_events(
      Role role, Date on, const RegimeSet& regimes = RegimeSet::builtin()) const;

  /// The store version this case was loaded (or last saved) at: the number of its first events
  /// the store held then; 0 for a case never stored. CaseStore::save appends the events past it
  /// only while the stored history is still exactly those first events.
  [[nodiscard]] std::int64_t loaded_version() const noexcept { return loaded_version_; }
  /// Sets loaded_version() (the store does, on load and after a save); throws InvalidArgument
  /// unless 0 <= @p version <= events().size().
  void set_loaded_version(std::int64_t version);

  /// Same identifier and events (the loaded version is not compared).
  friend bool operator==(const Case& a, const Case& b) {
    return a.id_ == b.id_ && a.events_ == b.events_;
  }

 private:
  std::string id_;
  std::vector<Event> events_;
  CaseState state_;
  std::int64_t loaded_version_ = 0;
};

/// A Case as `{"id": ..., "events": [event-log objects]}`.
void to_json(Json& j, const Case& c);
/// A Case from JSON; events are checked against the table (TransitionError otherwise).
[[nodiscard]] Case case_from_json(const Json& j);

/// The personal data of a candidate, kept apart from cases: analytics, exports and error
/// messages never see it. Links to cases by their identifiers.
struct Candidate {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Candidate";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string id;                     ///< Candidate identifier (not personal).
  std::vector<std::string> case_ids;  ///< The candidate's cases.
  std::string family_name;            ///< Nom de naissance (birth name).
  std::string given_names;            ///< Prénoms.
  std::optional<Date> birth_date;     ///< Date de naissance.
  std::string civility;               ///< Civilité (Cerfa 12818: "madame", "monsieur"), or empty.
  std::string usage_name;             ///< Nom d'usage, when it differs from the birth name.
  std::string birth_place;            ///< Lieu de naissance (commune and département, or country).
  std::string nationality;            ///< Nationalité.
  /// Catégorie socio-professionnelle (PCS), as on the Cerfa; the status is `situation`.
  std::string socio_professional_category;
  std::string email;                 ///< Courriel.
  std::string phone;                 ///< Téléphone.
  std::string address;               ///< Adresse postale.
  std::string situation;             ///< employee, jobseeker, self_employed, other (free text ok).
  std::string goals;                 ///< The person's project, in their words.
  std::optional<int> highest_level;  ///< Highest certification held, EU level 1-8.
  std::vector<std::string> certifications_held;   ///< Certifications held (codes or titles).
  std::optional<Date> left_initial_education_on;  ///< End of initial studies (for VAP).
  /// Field-wise equality.
  friend bool operator==(const Candidate&, const Candidate&) = default;
};
/// A Candidate as JSON.
void to_json(Json& j, const Candidate& c);
/// A Candidate from JSON; throws ParseError naming the field (never its value).
void from_json(const Json& j, Candidate& c);

}  // namespace vaekit

/// @cond INTERNAL
// JSON conversion of vaekit::Case (not default-constructible, so through adl_serializer).
template <>
struct nlohmann::adl_serializer<vaekit::Case> {
  /// The JSON form of @p c.
  static void to_json(vaekit::Json& j, const vaekit::Case& c) { vaekit::to_json(j, c); }
  /// A Case from its JSON form.
  static vaekit::Case from_json(const vaekit::Json& j) { return vaekit::case_from_json(j); }
};
/// @endcond
