// The Qualiopi evidence index of a programme year (indicators 2, 11, 12, 22, 30).
#include "vaekit/training/quality.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "attendance_detail.hpp"
#include "records_util.hpp"

namespace vaekit {
namespace {

using detail::french_number;
using detail::french_percent;

struct YearEvaluations {
  int hot = 0;
  int cold = 0;
  int funder = 0;
  int speaker = 0;
  std::set<std::string> hot_sessions;
  long satisfaction_sum = 0;
  int satisfaction_count = 0;
};

YearEvaluations count_evaluations(const Programme& programme, const std::vector<Session>& held,
                                  const EvaluationRecord& record, int year) {
  YearEvaluations y;
  std::set<std::string> held_ids;
  for (const auto& s : held) held_ids.insert(s.id);
  const auto ok = detail::valid_responses(programme, held, record);
  for (std::size_t i = 0; i < record.responses.size(); ++i) {
    const auto& r = record.responses[i];
    if (!ok[i]) continue;
    const bool in_year = r.session.empty() ? r.date.year() == year : held_ids.count(r.session) > 0;
    if (!in_year) continue;
    switch (r.respondent) {
      case Respondent::trainee:
        if (r.timing == EvaluationTiming::hot) {
          ++y.hot;
          y.hot_sessions.insert(r.session);
          for (const auto& [qid, score] : r.scores) {
            auto q = std::find_if(record.questions.begin(), record.questions.end(),
                                  [&qid = qid](const Question& x) { return x.id == qid; });
            if (q == record.questions.end() || q->kind != QuestionKind::scale) continue;
            if (score < scale_min || score > scale_max) continue;
            y.satisfaction_sum += score;
            ++y.satisfaction_count;
          }
        } else {
          ++y.cold;
        }
        break;
      case Respondent::funder: ++y.funder; break;
      case Respondent::speaker: ++y.speaker; break;
    }
  }
  return y;
}

}  // namespace

const IndicatorEvidence& QualityEvidenceIndex::indicator(int number) const {
  auto it = std::find_if(indicators.begin(), indicators.end(),
                         [number](const IndicatorEvidence& x) { return x.indicator == number; });
  if (it == indicators.end()) {
    throw NotFound(std::to_string(number),
                   "indicator " + std::to_string(number) + " is not indexed");
  }
  return *it;
}

QualityEvidenceIndex quality_evidence_index(const Programme& programme,
                                            const std::vector<Session>& sessions, int year,
                                            const QualityRecords& records,
                                            std::optional<Date> as_of) {
  QualityEvidenceIndex idx;
  idx.programme = programme.id;
  idx.year = year;
  std::vector<Session> held;
  for (const auto& s : sessions) {
    if (s.date.year() == year && (!as_of || s.date <= *as_of)) held.push_back(s);
  }
  std::sort(held.begin(), held.end(),
            [](const Session& a, const Session& b) { return a.date < b.date; });
  const int n_held = static_cast<int>(held.size());

  YearEvaluations ev;
  if (records.evaluations != nullptr)
    ev = count_evaluations(programme, held, *records.evaluations, year);

  // Attendance facts.
  int entries = 0;
  int evidence_errors = 0;
  int sessions_without_attendance = 0;
  AttendanceTotals totals;
  int certificates = 0;
  std::vector<StaffTrainingRecord> training;
  if (records.attendance != nullptr) {
    const auto report = attendance_report(programme, held, *records.attendance);
    for (const auto& a : report.audiences) {
      if (a.audience == Audience::both) totals = a.totals;
    }
    const auto analysis =
        detail::analyse_attendance(programme, held, *records.attendance, std::nullopt, false);
    entries = static_cast<int>(analysis.entries.size());
    for (const auto& i : analysis.issues) {
      if (i.code == "presence_without_signature" || i.code == "remote_without_log" ||
          i.code == "in_person_on_phone_meeting" || i.code == "not_a_session_date") {
        ++evidence_errors;
      }
    }
    std::set<std::string> with_entries;
    for (const auto& [key, c] : analysis.entries) with_entries.insert(std::get<0>(key));
    for (const auto& s : held) {
      if (!with_entries.count(s.id)) ++sessions_without_attendance;
    }
    certificates =
        static_cast<int>(completion_certificates(programme, held, *records.attendance).size());
    const StaffRegister empty;
    training = staff_training_records(programme, held, *records.attendance,
                                      records.staff != nullptr ? *records.staff : empty, year);
  }

  // 2: published results (satisfaction).
  {
    IndicatorEvidence ind{2, "Indicateurs de résultats diffusés (satisfaction)", {}, {}};
    if (ev.hot > 0) {
      ind.present.push_back({"hot_evaluations", ev.hot,
                             std::to_string(ev.hot) + " évaluations à chaud sur " +
                                 std::to_string(ev.hot_sessions.size()) + " sessions"});
    }
    if (ev.satisfaction_count > 0) {
      const double mean = static_cast<double>(ev.satisfaction_sum) / ev.satisfaction_count;
      ind.present.push_back({"satisfaction", ev.satisfaction_count,
                             "moyenne des échelles à chaud " + french_number(mean) + " / 5 sur " +
                                 std::to_string(ev.satisfaction_count) + " réponses notées"});
    }
    if (records.evaluations == nullptr || ev.hot == 0) {
      ind.missing.push_back(
          {"no_hot_evaluations", "Aucune évaluation à chaud pour " + std::to_string(year) + "."});
    } else {
      const int without = n_held - static_cast<int>(std::count_if(
                                       held.begin(), held.end(), [&ev](const Session& s) {
                                         return ev.hot_sessions.count(s.id) > 0;
                                       }));
      if (without > 0) {
        ind.missing.push_back(
            {"sessions_without_evaluation",
             std::to_string(without) + " session(s) tenue(s) sans évaluation à chaud."});
      }
    }
    idx.indicators.push_back(std::move(ind));
  }
  // 11: objectives reached.
  {
    IndicatorEvidence ind{
        11, "Évaluation de l'atteinte des objectifs par les bénéficiaires", {}, {}};
    if (ev.cold > 0) {
      ind.present.push_back(
          {"cold_evaluations", ev.cold, std::to_string(ev.cold) + " évaluations à froid"});
    }
    if (certificates > 0) {
      ind.present.push_back({"completion_certificates", certificates,
                             std::to_string(certificates) + " certificats de réalisation"});
    }
    if (ev.cold == 0) {
      ind.missing.push_back(
          {"no_cold_evaluations", "Aucune évaluation à froid pour " + std::to_string(year) + "."});
    }
    if (certificates == 0) {
      ind.missing.push_back(
          {"no_certificates", "Aucun certificat de réalisation (émargements manquants)."});
    }
    idx.indicators.push_back(std::move(ind));
  }
  // 12: engagement, preventing drop-outs.
  {
    IndicatorEvidence ind{12, "Engagement des bénéficiaires et prévention des ruptures", {}, {}};
    if (entries > 0) {
      ind.present.push_back(
          {"attendance", entries, std::to_string(entries) + " émargements par demi-journée"});
      ind.present.push_back({"attendance_rate", n_held - sessions_without_attendance,
                             "taux d'assiduité " + french_percent(totals.rate()) + " (" +
                                 french_number(totals.attended) + " h sur " +
                                 french_number(totals.planned) + " h prévues)"});
    }
    if (entries == 0) {
      ind.missing.push_back(
          {"no_attendance", "Aucun émargement pour " + std::to_string(year) + "."});
    } else {
      if (sessions_without_attendance > 0) {
        ind.missing.push_back(
            {"sessions_without_attendance", std::to_string(sessions_without_attendance) +
                                                " session(s) tenue(s) sans émargement."});
      }
      if (evidence_errors > 0) {
        ind.missing.push_back({"attendance_evidence_errors",
                               std::to_string(evidence_errors) +
                                   " émargement(s) sans preuve valable (feuille signée, journal "
                                   "d'appels ou de connexion)."});
      }
    }
    idx.indicators.push_back(std::move(ind));
  }
  // 21: competences of the staff who deliver (determined, mobilised, assessed): the network's
  // qualification profile of a counsellor (domain.md §1) checked for each member.
  {
    IndicatorEvidence ind{
        21, "Compétences des intervenants (déterminées, mobilisées, évaluées)", {}, {}};
    if (records.staff == nullptr || records.staff->profiles.empty()) {
      ind.missing.push_back({"no_staff_profiles", "Aucun profil de qualification des salariés."});
    } else {
      ind.present.push_back(
          {"qualification_profiles", static_cast<int>(records.staff->profiles.size()),
           std::to_string(records.staff->profiles.size()) + " profils de qualification"});
      int checked = 0, meeting = 0;
      std::map<std::string, int> by_gap;
      for (const auto& c : check_staff(programme, *records.staff, training)) {
        if (!c.applies) continue;
        ++checked;
        if (c.meets()) ++meeting;
        for (const auto& g : c.gaps) ++by_gap[g.code];
      }
      ind.present.push_back({"qualification_checks", checked,
                             std::to_string(meeting) + " salarié(s) sur " +
                                 std::to_string(checked) +
                                 " remplissant les exigences du réseau (diplôme de niveau " +
                                 std::to_string(records.staff->requirements.min_diploma_level) +
                                 ", expérience de l'accompagnement et de la VAE, connaissance "
                                 "de la VAE)"});
      static const std::map<std::string, std::string> what{
          {"no_profile", "sans profil de qualification"},
          {"diploma_level", "sans le niveau de diplôme requis"},
          {"support_experience", "sans l'expérience de l'accompagnement requise"},
          {"vae_experience", "sans expérience de l'accompagnement VAE"},
          {"vae_knowledge", "sans connaissance attestée de la VAE"},
          {"training_hours", "sans les heures de formation requises"}};
      for (const auto& [code, n] : by_gap) {
        auto it = what.find(code);
        ind.missing.push_back(
            {"qualification_gaps_" + code,
             std::to_string(n) + " salarié(s) " + (it == what.end() ? code : it->second) + "."});
      }
    }
    idx.indicators.push_back(std::move(ind));
  }
  // 22: staff skills development (the training done).
  {
    IndicatorEvidence ind{22, "Développement des compétences des salariés", {}, {}};
    if (n_held > 0) {
      ind.present.push_back({"sessions", n_held,
                             std::to_string(n_held) + " journées de professionnalisation tenues"});
    }
    const int trained = static_cast<int>(
        std::count_if(training.begin(), training.end(),
                      [](const StaffTrainingRecord& r) { return r.total() > 0.0; }));
    if (trained > 0) {
      double hours = 0.0;
      for (const auto& r : training) hours += r.total();
      ind.present.push_back(
          {"staff_training_records", trained,
           std::to_string(trained) + " salariés formés, " + french_number(hours) + " h au total"});
    }
    if (n_held == 0) {
      ind.missing.push_back({"no_sessions", "Aucune journée de professionnalisation en " +
                                                std::to_string(year) + "."});
    }
    if (trained == 0) {
      ind.missing.push_back(
          {"no_training_records", "Aucune heure de formation enregistrée pour les salariés."});
    }
    idx.indicators.push_back(std::move(ind));
  }
  // 30: stakeholders' feedback.
  {
    IndicatorEvidence ind{30, "Recueil des appréciations des parties prenantes", {}, {}};
    if (ev.hot + ev.cold > 0) {
      ind.present.push_back(
          {"trainee_feedback", ev.hot + ev.cold,
           std::to_string(ev.hot + ev.cold) + " appréciations des bénéficiaires"});
    }
    if (ev.funder > 0) {
      ind.present.push_back({"funder_feedback", ev.funder,
                             std::to_string(ev.funder) + " appréciation(s) du financeur"});
    }
    if (ev.speaker > 0) {
      ind.present.push_back({"speaker_feedback", ev.speaker,
                             std::to_string(ev.speaker) + " appréciation(s) d'intervenants"});
    }
    if (ev.hot + ev.cold == 0) {
      ind.missing.push_back({"no_trainee_feedback", "Aucune appréciation des bénéficiaires."});
    }
    if (ev.funder == 0) {
      ind.missing.push_back({"no_funder_feedback", "Aucune appréciation du financeur."});
    }
    idx.indicators.push_back(std::move(ind));
  }
  return idx;
}

// --- JSON -----------------------------------------------------------------------------------

void to_json(Json& j, const EvidenceItem& v) {
  j = Json::object();
  j["record"] = v.record;
  j["count"] = v.count;
  j["description"] = v.description;
}

void from_json(const Json& j, EvidenceItem& v) {
  v.record = json_field<std::string>(j, "record");
  v.count = json_field<int>(j, "count");
  v.description = json_field_or<std::string>(j, "description", "");
}

void to_json(Json& j, const MissingEvidence& v) {
  j = Json::object();
  j["code"] = v.code;
  j["message"] = v.message;
}

void from_json(const Json& j, MissingEvidence& v) {
  v.code = json_field<std::string>(j, "code");
  v.message = json_field_or<std::string>(j, "message", "");
}

void to_json(Json& j, const IndicatorEvidence& v) {
  j = Json::object();
  j["indicator"] = v.indicator;
  j["title"] = v.title;
  j["present"] = v.present;
  j["missing"] = v.missing;
}

void from_json(const Json& j, IndicatorEvidence& v) {
  v.indicator = json_field<int>(j, "indicator");
  v.title = json_field_or<std::string>(j, "title", "");
  v.present = json_array_field<EvidenceItem>(j, "present");
  v.missing = json_array_field<MissingEvidence>(j, "missing");
}

void to_json(Json& j, const QualityEvidenceIndex& v) {
  j = Json::object();
  j["programme"] = v.programme;
  j["year"] = v.year;
  j["indicators"] = v.indicators;
}

void from_json(const Json& j, QualityEvidenceIndex& v) {
  v.programme = json_field_or<std::string>(j, "programme", "");
  v.year = json_field<int>(j, "year");
  v.indicators = json_array_field<IndicatorEvidence>(j, "indicators");
}

}  // namespace vaekit
