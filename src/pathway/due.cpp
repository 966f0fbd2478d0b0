// What is due: deadlines of the pathway on a date.
#include "vaekit/pathway/due.hpp"

#include <algorithm>
#include <set>

namespace vaekit {

std::string_view to_string(DueKind k) noexcept {
  switch (k) {
    case DueKind::decision_overdue: return "decision_overdue";
    case DueKind::jury_to_schedule: return "jury_to_schedule";
    case DueKind::jury_result_missing: return "jury_result_missing";
    case DueKind::start_overdue: return "start_overdue";
    case DueKind::inactive: return "inactive";
    case DueKind::confirmed_inactive: return "confirmed_inactive";
    case DueKind::quota_conflict: return "quota_conflict";
    case DueKind::lapse_due: return "lapse_due";
    case DueKind::followup_due: return "followup_due";
  }
  return "?";
}

namespace {

std::optional<Date> start_deadline(const CaseState& s, const RegimeSet& regimes) {
  if (s.stage != Stage::admissible || !s.admissible_on) return std::nullopt;
  const Regime& r = regimes.on(*s.admissible_on);
  if (!r.start_deadline_months) return std::nullopt;
  return add_months(*s.admissible_on, *r.start_deadline_months);
}

// The first day the case becomes inactive under the regime in force on that day (the same rule as
// activity_of(s, on, regimes.on(on))), or none: for each regime with an inactivity rule, the
// first day of its period on which the delay, run from max(last event, rule's date), has passed.
std::optional<Date> inactive_from(const CaseState& s, const RegimeSet& regimes) {
  if (!awaits_candidate(s.stage)) return std::nullopt;
  const Date last = s.last_at.date();
  std::optional<Date> best;
  for (const Regime& r : regimes.all()) {
    const auto clock = r.inactivity_clock(last);
    if (!clock) continue;
    const Date d =
        std::max(*clock + r.inactivity_days(before_admissibility(s.stage)), r.effective_from);
    if (!r.in_force(d) || &regimes.on(d) != &r) continue;
    if (!best || d < *best) best = d;
  }
  return best;
}

// The day the feasibility decision of a France VAE candidacy is due (the same deadline as the
// admissibility decision: two months, décret 2023-1275), or none.
std::optional<Date> feasibility_due(const CaseState& s, const RegimeSet& regimes) {
  if (s.stage != Stage::feasibility_sent || !s.feasibility_sent_on) return std::nullopt;
  return regimes.on(*s.feasibility_sent_on).decision_due(*s.feasibility_sent_on);
}

// The day an admissible France VAE candidacy lapses (caducité: lapse_days without an event), or
// none.
std::optional<Date> lapse_from(const CaseState& s, const RegimeSet& regimes) {
  if (!s.france_vae ||
      (s.stage != Stage::feasibility_admissible && s.stage != Stage::validation_file_flagged))
    return std::nullopt;
  const Date last = s.last_at.date();
  return last + regimes.on(last).lapse_days;
}

// The follow-ups of a France VAE pathway after its jury still to record: (months, due date).
std::vector<std::pair<int, Date>> followups_due(const CaseState& s) {
  std::vector<std::pair<int, Date>> out;
  if (!s.france_vae || !s.jury_held_on ||
      (s.stage != Stage::validated && s.stage != Stage::partially_validated &&
       s.stage != Stage::refused))
    return out;
  if ((s.followups & 1u) == 0) out.emplace_back(6, add_months(*s.jury_held_on, 6));
  if ((s.followups & 2u) == 0) out.emplace_back(12, add_months(*s.jury_held_on, 12));
  return out;
}

}  // namespace

std::optional<Date> next_due(const CaseState& s, const RegimeSet& regimes) {
  if (s.event_count == 0 || s.side != SideState::active) return std::nullopt;
  std::optional<Date> due;
  auto take = [&](Date d) {
    if (!due || d < *due) due = d;
  };
  for (const auto& [months, d] : followups_due(s)) take(d);
  if (s.stage == Stage::validated) return due;
  if (auto d = feasibility_due(s, regimes)) take(*d);
  if (auto d = lapse_from(s, regimes)) take(*d);
  if (s.stage == Stage::admissibility_sent && s.admissibility_sent_on) {
    take(regimes.on(*s.admissibility_sent_on).decision_due(*s.admissibility_sent_on));
  }
  if (s.stage == Stage::validation_file_sent) take(s.last_at.date());
  if (s.stage == Stage::jury_scheduled && s.jury_date) take(*s.jury_date + 1);
  if (auto d = start_deadline(s, regimes)) take(*d + 1);
  if (auto d = inactive_from(s, regimes)) take(*d);
  return due;
}

std::vector<DueItem> what_is_due(const Case& c, Date on, const RegimeSet& regimes) {
  std::vector<DueItem> out;
  const CaseState& s = c.state();
  if (s.event_count == 0 || s.side != SideState::active) return out;
  for (const auto& [months, d] : followups_due(s)) {
    if (on >= d) {
      out.push_back({c.id(), DueKind::followup_due, d,
                     "Suivi à " + std::to_string(months) + " mois après le jury du " +
                         s.jury_held_on->to_string() + " non enregistré (échéance " +
                         d.to_string() + ").",
                     std::nullopt});
    }
  }
  if (s.stage == Stage::validated) return out;
  if (auto due = feasibility_due(s, regimes); due && on >= *due) {
    const Regime& r = regimes.on(*s.feasibility_sent_on);
    const bool accept = r.silence_means_acceptance(*s.feasibility_sent_on);
    out.push_back(
        {c.id(), DueKind::decision_overdue, *due,
         std::string("Décision sur le dossier de faisabilité non rendue dans le délai de ") +
             std::to_string(r.decision_deadline_months) + " mois (échéance " + due->to_string() +
             ") : le silence vaut " + (accept ? "acceptation" : "rejet") + ".",
         accept ? AdmissibilityDecision::admissible : AdmissibilityDecision::not_admissible});
  }
  if (auto d = lapse_from(s, regimes); d && on >= *d) {
    out.push_back({c.id(), DueKind::lapse_due, *d,
                   "Aucune activité depuis le " + s.last_at.date().to_string() + " (" +
                       std::to_string(*d - s.last_at.date()) +
                       " jours) : la recevabilité devient caduque (enregistrer 'lapsed').",
                   std::nullopt});
  }
  if (s.stage == Stage::admissibility_sent && s.admissibility_sent_on) {
    const Regime& r = regimes.on(*s.admissibility_sent_on);
    const Date due = r.decision_due(*s.admissibility_sent_on);
    if (on >= due) {
      const bool accept = r.silence_means_acceptance(*s.admissibility_sent_on);
      DueItem item{
          c.id(), DueKind::decision_overdue, due,
          std::string("Décision de recevabilité non rendue dans le délai de ") +
              std::to_string(r.decision_deadline_months) + " mois (échéance " + due.to_string() +
              ") : le silence vaut " + (accept ? "acceptation" : "rejet") + ".",
          accept ? AdmissibilityDecision::admissible : AdmissibilityDecision::not_admissible};
      out.push_back(std::move(item));
    }
  }
  if (s.stage == Stage::validation_file_sent) {
    out.push_back({c.id(), DueKind::jury_to_schedule, s.last_at.date(),
                   "Dossier de validation envoyé : jury à programmer.", std::nullopt});
  }
  if (s.stage == Stage::jury_scheduled && s.jury_date && on > *s.jury_date) {
    out.push_back({c.id(), DueKind::jury_result_missing, *s.jury_date + 1,
                   "Jury prévu le " + s.jury_date->to_string() + " : résultat non enregistré.",
                   std::nullopt});
  }
  if (auto d = start_deadline(s, regimes); d && on > *d) {
    out.push_back(
        {c.id(), DueKind::start_overdue, *d + 1,
         "Parcours non engagé dans les 6 mois de la notification de recevabilité (échéance " +
             d->to_string() + ").",
         std::nullopt});
  }
  const Regime& r = regimes.on(on);
  const Date last = s.last_at.date();
  const auto delay = r.inactivity_days(before_admissibility(s.stage));
  const Activity activity = activity_of(s, on, r);
  // activity_of() says active when the regime has no inactivity rule, so the clock is set here.
  const Date clock = r.inactivity_clock(last).value_or(last);
  const std::string since =
      clock == last ? "depuis le " + last.to_string()
                    : "depuis l'entrée en vigueur de la règle d'inactivité le " +
                          clock.to_string() + " (dernier événement le " + last.to_string() + ")";
  switch (activity) {
    case Activity::inactive:
      out.push_back(
          {c.id(), DueKind::inactive, clock + delay,
           "Aucune activité " + since + " (" + std::to_string(delay) + " jours) : dossier inactif.",
           std::nullopt});
      break;
    case Activity::confirmed_inactive:
      out.push_back({c.id(), DueKind::confirmed_inactive,
                     clock + delay + r.inactivity_confirmation_days,
                     "Inactivité confirmée depuis le " +
                         (clock + delay + r.inactivity_confirmation_days).to_string() +
                         " : archiver le dossier ou enregistrer l'abandon.",
                     std::nullopt});
      break;
    case Activity::active: break;
  }
  return out;
}

std::vector<DueItem> what_is_due(std::span<const Case> cases, Date on,
                                 const std::map<std::string, std::string>& person_of,
                                 const RegimeSet& regimes) {
  std::vector<DueItem> out;
  // (person, year) -> certification -> [(date, case)] of distinct requests.
  struct Request {
    Date sent;
    std::string case_id;
  };
  std::map<std::pair<std::string, int>, std::map<std::string, std::vector<Request>>> requests;
  for (const Case& c : cases) {
    auto items = what_is_due(c, on, regimes);
    out.insert(out.end(), std::make_move_iterator(items.begin()),
               std::make_move_iterator(items.end()));
    auto pit = person_of.find(c.id());
    const std::string person = pit == person_of.end() ? "case:" + c.id() : pit->second;
    std::string certification;
    bool resend = false;  // the next admissibility_sent re-sends an incomplete request
    for (const Event& e : c.events()) {
      if (e.kind == EventKind::certification_chosen) certification = e.certification;
      if (e.kind == EventKind::admissibility_sent) {
        const std::string code = e.certification.empty() ? certification : e.certification;
        if (e.at.date() <= on && !resend) {
          requests[{person, e.at.date().year()}][code].push_back({e.at.date(), c.id()});
        }
        resend = false;
      }
      if (e.kind == EventKind::admissibility_decided &&
          e.data.decision == AdmissibilityDecision::incomplete) {
        resend = true;
      }
    }
  }
  for (const auto& [key, by_cert] : requests) {
    const Regime& r = regimes.on(Date(key.second, 12, 31));
    std::vector<Request> all;
    for (const auto& [code, reqs] : by_cert) {
      if (static_cast<int>(reqs.size()) > r.requests_per_certification_per_year) {
        for (std::size_t i = static_cast<std::size_t>(r.requests_per_certification_per_year);
             i < reqs.size(); ++i) {
          out.push_back({reqs[i].case_id, DueKind::quota_conflict, reqs[i].sent,
                         "Plus d'une demande pour la certification " + code + " en " +
                             std::to_string(key.second) + " (une par année civile, R335-7).",
                         std::nullopt});
        }
      }
      all.push_back(reqs.front());
    }
    if (static_cast<int>(by_cert.size()) > r.certifications_per_year) {
      std::sort(all.begin(), all.end(),
                [](const Request& a, const Request& b) { return a.sent < b.sent; });
      for (std::size_t i = static_cast<std::size_t>(r.certifications_per_year); i < all.size();
           ++i) {
        out.push_back({all[i].case_id, DueKind::quota_conflict, all[i].sent,
                       "Plus de " + std::to_string(r.certifications_per_year) +
                           " certifications différentes demandées en " +
                           std::to_string(key.second) + " (R335-7).",
                       std::nullopt});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return a.due != b.due ? a.due < b.due : a.case_id < b.case_id;
  });
  return out;
}

std::map<std::string, std::string> person_index(std::span<const Candidate> candidates) {
  std::map<std::string, std::string> out;
  for (const Candidate& c : candidates) {
    for (const auto& id : c.case_ids) out[id] = c.id;
  }
  return out;
}

}  // namespace vaekit
