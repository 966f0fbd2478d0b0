#pragma once
/// @file
/// @brief The Qualiopi evidence index: which training records serve as evidence for the
/// indicators 2, 11, 12, 21, 22 and 30 of the Référentiel national qualité (décret 2019-565,
/// arrêté of 6 June 2019 and its guide de lecture) for a programme year, and what is missing.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/json.hpp"
#include "vaekit/training/attendance.hpp"
#include "vaekit/training/evaluation.hpp"
#include "vaekit/training/model.hpp"
#include "vaekit/training/staff.hpp"

namespace vaekit {

/// A record kept that serves as evidence.
struct EvidenceItem {
  /// The record kind: "hot_evaluations", "cold_evaluations", "satisfaction", "attendance",
  /// "attendance_rate", "completion_certificates", "sessions", "staff_training_records",
  /// "qualification_profiles", "qualification_checks", "trainee_feedback", "funder_feedback",
  /// "speaker_feedback".
  std::string record;
  int count = 0;            ///< How many records (responses, entries, sessions, people...).
  std::string description;  ///< What they show, in French (numbers included).
  /// Equality of every field.
  friend bool operator==(const EvidenceItem&, const EvidenceItem&) = default;
};

/// A missing or insufficient piece of evidence.
struct MissingEvidence {
  std::string code;     ///< E.g. "no_cold_evaluations", "sessions_without_attendance".
  std::string message;  ///< What is missing, in French.
  /// Equality of every field.
  friend bool operator==(const MissingEvidence&, const MissingEvidence&) = default;
};

/// The evidence of one Qualiopi indicator.
struct IndicatorEvidence {
  int indicator = 0;                     ///< 2, 11, 12, 21, 22 or 30.
  std::string title;                     ///< The indicator's subject, in French.
  std::vector<EvidenceItem> present;     ///< The evidence records present.
  std::vector<MissingEvidence> missing;  ///< What is missing.
  /// Whether nothing is missing.
  [[nodiscard]] bool covered() const noexcept { return missing.empty(); }
  /// Equality of every field.
  friend bool operator==(const IndicatorEvidence&, const IndicatorEvidence&) = default;
};

/// The evidence index of a programme year.
struct QualityEvidenceIndex {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "QualityEvidenceIndex";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string programme;                      ///< The programme id.
  int year = 0;                               ///< The calendar year indexed.
  std::vector<IndicatorEvidence> indicators;  ///< Indicators 2, 11, 12, 21, 22, 30 in order.
  /// The entry of @p indicator; throws NotFound.
  [[nodiscard]] const IndicatorEvidence& indicator(int indicator) const;
  /// Equality of every field.
  friend bool operator==(const QualityEvidenceIndex&, const QualityEvidenceIndex&) = default;
};

/// The records to index; absent ones (nullptr) count as missing evidence.
struct QualityRecords {
  const AttendanceRecord* attendance = nullptr;   ///< Attendance entries.
  const EvaluationRecord* evaluations = nullptr;  ///< Evaluations and feedback.
  const StaffRegister* staff = nullptr;           ///< Qualification profiles.
};

/// Lists, for @p year, per indicator the evidence present and what is missing. The year's
/// sessions (of @p sessions) on or before @p as_of (when given) are the "held" ones; records of
/// other sessions are ignored.
///  - 2 (published results, satisfaction): hot evaluations, the mean satisfaction; missing when
///    no hot evaluation, or held sessions without any.
///  - 11 (objectives reached): cold evaluations, completion certificates; missing when none.
///  - 12 (engagement, preventing drop-outs): attendance entries and the attendance rate; missing
///    when none, held sessions without entries, or entries with evidence errors.
///  - 21 (competences of the staff, determined, mobilised, assessed): the qualification profiles
///    and their check against the network's requirements (a level-7 diploma, experience of
///    support and of VAE, knowledge of VAE); missing when no profile, and one entry per kind of
///    gap ("qualification_gaps_<gap code>", e.g. "qualification_gaps_vae_knowledge").
///  - 22 (staff skills development, the training done): the professionalisation sessions held
///    and the staff training records (members with hours); missing when no session or no hours.
///  - 30 (stakeholders' feedback): trainee, funder and speaker feedback; missing when no trainee
///    or no funder feedback.
[[nodiscard]] QualityEvidenceIndex quality_evidence_index(const Programme& programme,
                                                          const std::vector<Session>& sessions,
                                                          int year, const QualityRecords& records,
                                                          std::optional<Date> as_of = std::nullopt);

/// An EvidenceItem as JSON.
void to_json(Json& j, const EvidenceItem& v);
/// An EvidenceItem from JSON.
void from_json(const Json& j, EvidenceItem& v);
/// A MissingEvidence as JSON.
void to_json(Json& j, const MissingEvidence& v);
/// A MissingEvidence from JSON.
void from_json(const Json& j, MissingEvidence& v);
/// An IndicatorEvidence as JSON.
void to_json(Json& j, const IndicatorEvidence& v);
/// An IndicatorEvidence from JSON.
void from_json(const Json& j, IndicatorEvidence& v);
/// A QualityEvidenceIndex as JSON (no schema tag; see to_document()).
void to_json(Json& j, const QualityEvidenceIndex& v);
/// A QualityEvidenceIndex from JSON.
void from_json(const Json& j, QualityEvidenceIndex& v);

}  // namespace vaekit
