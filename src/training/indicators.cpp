// Training indicators: hours and days attended per member, and the indicator rows of the
// activity report (moved here from the Python module vaekit.indicators, issue #13).
#include "vaekit/training/indicators.hpp"

#include <map>
#include <set>

#include "vaekit/core/error.hpp"

namespace vaekit {

std::vector<MemberHours> training_hours(const AttendanceRecord& attendance) {
  std::map<std::string, std::pair<double, std::set<Date>>> by_member;
  for (const AttendanceEntry& e : attendance.entries) {
    auto& [hours, days] = by_member[e.member];
    if (!counts_as_attended(e.presence)) continue;
    hours += attendance.hours_of(e);
    days.insert(e.date);
  }
  std::vector<MemberHours> out;
  out.reserve(by_member.size());
  for (const auto& [member, hd] : by_member)
    out.push_back(MemberHours{member, hd.first, static_cast<int>(hd.second.size())});
  return out;
}

namespace {
/// Mean of the scale scores of the responses of @p timing (of @p question only, when given) and
/// the number of responses that gave at least one of them.
std::pair<std::optional<double>, int> mean_score(const EvaluationRecord& ev,
                                                 EvaluationTiming timing,
                                                 const std::optional<std::string>& question) {
  double total = 0;
  std::size_t n = 0;
  std::set<std::string> responses;
  for (const EvaluationResponse& r : ev.responses) {
    if (r.timing != timing) continue;
    for (const auto& [q, score] : r.scores) {
      if (question && q != *question) continue;
      total += score;
      ++n;
      responses.insert(r.id);
    }
  }
  return {n ? std::optional<double>(total / static_cast<double>(n)) : std::nullopt,
          static_cast<int>(responses.size())};
}
}  // namespace

std::vector<Indicator> training_indicators(const AttendanceRecord& attendance,
                                           const EvaluationRecord* evaluations,
                                           const StaffRegister* staff,
                                           const IndicatorOptions& options) {
  if (options.min_days < 0 || options.of_days <= 0 || options.min_days > options.of_days) {
    throw InvalidArgument("need 0 <= min_days <= of_days and of_days > 0, got " +
                          std::to_string(options.min_days) + " of " +
                          std::to_string(options.of_days));
  }
  std::vector<MemberHours> per_person = training_hours(attendance);
  if (staff != nullptr) {
    // The staff register's members; those who attended nothing count with 0 hours, 0 days.
    std::map<std::string, MemberHours> found;
    for (MemberHours& h : per_person) found.emplace(h.member, std::move(h));
    std::set<std::string> members;
    for (const StaffProfile& p : staff->profiles) members.insert(p.member);
    per_person.clear();
    for (const std::string& m : members) {
      const auto it = found.find(m);
      per_person.push_back(it != found.end() ? it->second : MemberHours{m, 0, 0});
    }
  }
  const std::size_t n = per_person.size();
  double hours = 0;
  std::size_t enough = 0;
  for (const MemberHours& h : per_person) {
    hours += h.hours;
    if (h.days >= options.min_days) ++enough;
  }
  const auto per = [n](double v) {
    return n ? std::optional<double>(v / static_cast<double>(n)) : std::nullopt;
  };
  std::vector<Indicator> out{
      {"staff", static_cast<double>(n), true, "people"},
      {"hours", hours, false, "hours"},
      {"hours_per_person", per(hours), false, "hours per person"},
      {"share_at_least_" + std::to_string(options.min_days) + "_of_" +
           std::to_string(options.of_days) + "_days",
       per(static_cast<double>(enough)), false, "share"},
  };
  if (evaluations != nullptr) {
    const auto [hot, n_hot] = mean_score(*evaluations, EvaluationTiming::hot, options.question);
    const auto [cold, n_cold] = mean_score(*evaluations, EvaluationTiming::cold, options.question);
    out.push_back({"satisfaction_hot", hot, false, "score 1-5"});
    out.push_back({"satisfaction_cold", cold, false, "score 1-5"});
    out.push_back({"responses_hot", static_cast<double>(n_hot), true, "responses"});
    out.push_back({"responses_cold", static_cast<double>(n_cold), true, "responses"});
  }
  return out;
}

}  // namespace vaekit
