// Private: the attendance analysis shared by the attendance report, the certificates, the staff
// training records, the evaluations' expected respondents and the quality index. Not installed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "vaekit/training/attendance.hpp"

namespace vaekit::detail {

/// One entry that counts towards the rates.
struct CountedEntry {
  const AttendanceEntry* entry = nullptr;  ///< The entry.
  double hours = 0.0;                      ///< Attended hours (clamped to the half-day).
  bool unproven = false;                   ///< Its evidence does not suffice.
};

/// Key of a counted entry: (session id, half-day, member id).
using EntryKey = std::tuple<std::string, int, std::string>;

/// The checked and indexed attendance of a programme.
struct AttendanceAnalysis {
  std::vector<RecordIssue> issues;             ///< Every issue, errors and warnings.
  std::vector<const Session*> counted;         ///< Sessions counted (≤ as_of), in date order.
  std::map<EntryKey, CountedEntry> entries;    ///< Counted entries.
  std::map<std::string, HalfDay> single_half;  ///< Planned half of one-half-day sessions.
  /// The planned half-days of @p s.
  [[nodiscard]] std::vector<HalfDay> halves(const Session& s) const;
  /// The counted entry of (@p session, @p half, @p member), or nullptr.
  [[nodiscard]] const CountedEntry* find(const std::string& session, HalfDay half,
                                         const std::string& member) const;
};

/// Checks and indexes @p record (see check_attendance() for the rules).
AttendanceAnalysis analyse_attendance(const Programme& programme,
                                      const std::vector<Session>& sessions,
                                      const AttendanceRecord& record, std::optional<Date> as_of,
                                      bool missing_warnings);

}  // namespace vaekit::detail

namespace vaekit {
struct EvaluationRecord;
}

namespace vaekit::detail {
/// Per response of @p record: whether it has no error (see check_evaluations()).
std::vector<bool> valid_responses(const Programme& programme, const std::vector<Session>& sessions,
                                  const EvaluationRecord& record);
}  // namespace vaekit::detail
