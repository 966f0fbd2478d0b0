#pragma once
/// @file
/// @brief The network's staff: qualification profiles checked against the network's
/// requirements (domain.md §1), with the gaps in French, and each person's yearly training record.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/json.hpp"
#include "vaekit/training/attendance.hpp"
#include "vaekit/training/model.hpp"

namespace vaekit {

/// A diploma held, with its EU level (décret 2019-14: levels 1-8; old level I → 7 or 8).
struct Diploma {
  std::string title;        ///< E.g. "Master psychologie du travail".
  int eu_level = 0;         ///< EU level 1-8.
  std::optional<int> year;  ///< Year obtained, if known.
  /// Equality of every field.
  friend bool operator==(const Diploma&, const Diploma&) = default;
};

/// A staff member's qualification profile.
struct StaffProfile {
  std::string member;             ///< The programme member id.
  std::vector<Diploma> diplomas;  ///< Diplomas held.
  double support_experience_years =
      0;                            ///< Years supporting people (guidance, counselling, VAE...).
  double vae_experience_years = 0;  ///< Of which, years supporting VAE candidates.
  /// Training hours outside the professionalisation days, per year (year → hours).
  std::map<int, double> other_training_hours;
  /// Evidence of knowledge of VAE (its law, certifiers, procedures): trainings followed,
  /// attestations, e.g. "Formation « Conseiller VAE » (Défi métiers, 2023)". Empty: none.
  std::vector<std::string> vae_knowledge;
  /// The highest EU level among the diplomas (0 without diploma).
  [[nodiscard]] int highest_level() const noexcept;
  /// Equality of every field.
  friend bool operator==(const StaffProfile&, const StaffProfile&) = default;
};

/// The network's requirements on its staff; every number configurable. Defaults (domain.md §1,
/// the network's counsellor profile, "one or more diplomas of French level I, proven experience
/// in supporting people (VAE in particular), knowledge of VAE"): for counsellors, a diploma of
/// French level I, i.e. **EU level 7** or more; **proven support experience**, taken as at least
/// 1 year (*uncertain*: the source gives no duration); **proven experience of VAE support**
/// (more than 0 years; *uncertain* duration, min_vae_years adds one); **knowledge of VAE**
/// (at least one piece of evidence); no minimum of training hours. Gaps are Qualiopi indicator
/// 21 evidence (competences of the staff); training done is indicator 22.
struct QualificationRequirements {
  std::vector<StaffRole> roles{StaffRole::counsellor};  ///< Roles the requirements apply to.
  int min_diploma_level = 7;                 ///< Minimum EU level of the highest diploma (7).
  double min_support_years = 1.0;            ///< Minimum years of support experience (1).
  double min_vae_years = 0.0;                ///< Minimum years of VAE support (0).
  double min_training_hours_per_year = 0.0;  ///< Minimum training hours a year (0).
  /// Whether some experience of VAE support is required (more than 0 years) (true).
  bool require_vae_experience = true;
  /// Whether evidence of knowledge of VAE is required (true).
  bool require_vae_knowledge = true;
  /// Whether the requirements apply to @p role.
  [[nodiscard]] bool applies_to(StaffRole role) const noexcept;
  /// Equality of every field.
  friend bool operator==(const QualificationRequirements&,
                         const QualificationRequirements&) = default;
};

/// The staff register: requirements and profiles.
struct StaffRegister {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "StaffRegister";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  QualificationRequirements requirements;  ///< The network's requirements.
  std::vector<StaffProfile> profiles;      ///< One profile per member (at most).
  /// The profile of @p member, or nullptr.
  [[nodiscard]] const StaffProfile* profile(std::string_view member) const noexcept;
  /// Equality of every field.
  friend bool operator==(const StaffRegister&, const StaffRegister&) = default;
};

/// A requirement a person does not meet.
struct QualificationGap {
  /// "no_profile", "diploma_level", "support_experience", "vae_experience", "vae_knowledge",
  /// "training_hours".
  std::string code;
  std::string
      message;  ///< The gap in French, e.g. "Diplôme de niveau 7 requis ; plus haut niveau : 6."
  /// Equality of every field.
  friend bool operator==(const QualificationGap&, const QualificationGap&) = default;
};

/// The check of one member against the requirements.
struct QualificationCheck {
  std::string member;                      ///< The member id.
  StaffRole role = StaffRole::counsellor;  ///< Their role.
  bool applies = true;  ///< Whether the requirements apply to the role (else no gaps).
  std::vector<QualificationGap> gaps;  ///< The gaps, in requirement order.
  /// Whether the member meets every requirement.
  [[nodiscard]] bool meets() const noexcept { return gaps.empty(); }
  /// Equality of every field.
  friend bool operator==(const QualificationCheck&, const QualificationCheck&) = default;
};

/// A person's training over a calendar year.
struct StaffTrainingRecord {
  std::string member;  ///< The member id.
  int year = 0;        ///< The calendar year.
  double programme_hours =
      0;                   ///< Hours attended at the professionalisation days (present or remote).
  double other_hours = 0;  ///< Hours declared in the profile for the year.
  std::vector<std::string> sessions;  ///< The sessions attended (at least one half-day).
  /// programme_hours + other_hours.
  [[nodiscard]] double total() const noexcept { return programme_hours + other_hours; }
  /// Equality of every field.
  friend bool operator==(const StaffTrainingRecord&, const StaffTrainingRecord&) = default;
};

/// One record per programme member for @p year, in programme order: the hours attended at the
/// year's sessions (entries counted as in attendance_report()) plus the profile's other hours.
[[nodiscard]] std::vector<StaffTrainingRecord> staff_training_records(
    const Programme& programme, const std::vector<Session>& sessions,
    const AttendanceRecord& attendance, const StaffRegister& staff, int year);

/// Checks one profile (nullptr: none) of a member of @p role against @p requirements;
/// @p training_hours is the year's total when known (the training-hours requirement is then
/// checked).
[[nodiscard]] QualificationCheck check_qualification(
    std::string_view member, StaffRole role, const StaffProfile* profile,
    const QualificationRequirements& requirements,
    std::optional<double> training_hours = std::nullopt);

/// Checks every programme member against the register's requirements, in programme order;
/// @p records (from staff_training_records()) give the training hours when not empty.
[[nodiscard]] std::vector<QualificationCheck> check_staff(
    const Programme& programme, const StaffRegister& staff,
    const std::vector<StaffTrainingRecord>& records = {});

/// A Diploma as JSON.
void to_json(Json& j, const Diploma& v);
/// A Diploma from JSON; throws ParseError naming the field (a level outside 1-8 too).
void from_json(const Json& j, Diploma& v);
/// A StaffProfile as JSON.
void to_json(Json& j, const StaffProfile& v);
/// A StaffProfile from JSON; throws ParseError naming the field.
void from_json(const Json& j, StaffProfile& v);
/// QualificationRequirements as JSON.
void to_json(Json& j, const QualificationRequirements& v);
/// QualificationRequirements from JSON; absent fields take their defaults.
void from_json(const Json& j, QualificationRequirements& v);
/// A StaffRegister as JSON (no schema tag; see to_document()).
void to_json(Json& j, const StaffRegister& v);
/// A StaffRegister from JSON; duplicate members are a ParseError.
void from_json(const Json& j, StaffRegister& v);
/// A QualificationGap as JSON.
void to_json(Json& j, const QualificationGap& v);
/// A QualificationGap from JSON.
void from_json(const Json& j, QualificationGap& v);
/// A QualificationCheck as JSON.
void to_json(Json& j, const QualificationCheck& v);
/// A QualificationCheck from JSON.
void from_json(const Json& j, QualificationCheck& v);
/// A StaffTrainingRecord as JSON.
void to_json(Json& j, const StaffTrainingRecord& v);
/// A StaffTrainingRecord from JSON.
void from_json(const Json& j, StaffTrainingRecord& v);

}  // namespace vaekit
