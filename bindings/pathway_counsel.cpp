// Python bindings of the counsellor-facing parts of the pathway: certification suggestions,
// orientation suggestions, the admissibility request (Cerfa 12818) and the appointment book.
// Called at the end of bind_pathway (bindings/pathway.cpp).
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <array>

#include "common.hpp"
#include "vaekit/pathway/admissibility.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/pathway/orientation.hpp"
#include "vaekit/pathway/suggestions.hpp"

namespace vaekit::python {
namespace {

py::object fraction(Rational r) {
  return py::module_::import("fractions").attr("Fraction")(r.num(), r.den());
}

std::vector<std::string> reason_codes(const std::vector<Reason>& rs) {
  std::vector<std::string> out;
  out.reserve(rs.size());
  for (const auto& r : rs) out.push_back(r.code);
  return out;
}

std::string target_name(OrientationTarget t) {
  return std::string(to_string(t));
}

OrientationTarget target_arg(const std::string& s) {
  auto t = try_orientation_target_from_string(s);
  if (!t)
    throw InvalidArgument("unknown orientation '" + excerpt(s) +
                          "' (vae, vap, training, skills_assessment, other)");
  return *t;
}

// A certification given as a vaekit.Certification (its ROME codes only), or as a code looked up
// in a registry: certification_target() (v3 kin with a catalog, succession, registration on the
// date), the target every counsellor tool uses.
std::optional<CertificationTarget> target_of(const py::object& certification,
                                             const py::object& registry, Date on,
                                             const RomeCatalog* rome) {
  if (certification.is_none()) return std::nullopt;
  if (py::isinstance<Certification>(certification)) {
    const auto& c = certification.cast<const Certification&>();
    if (!registry.is_none() && registry.cast<const Registry&>().contains(c.code)) {
      return certification_target(registry.cast<const Registry&>(), c.code, on, rome);
    }
    return CertificationTarget{c.code, c.rome_codes()};
  }
  if (py::isinstance<py::str>(certification)) {
    if (registry.is_none()) {
      throw InvalidArgument("certification given as a code: pass registry= to find its ROME codes");
    }
    return certification_target(registry.cast<const Registry&>(), certification.cast<std::string>(),
                                on, rome);
  }
  throw InvalidArgument("certification: expected a code or a vaekit.Certification");
}

// A time of day as "HH:MM" or minutes after midnight.
int minute_arg(const py::object& v) {
  if (py::isinstance<py::str>(v)) return parse_time_of_day(v.cast<std::string>(), "start");
  if (py::isinstance<py::int_>(v) && !py::isinstance<py::bool_>(v)) return v.cast<int>();
  throw InvalidArgument("start: expected 'HH:MM' or minutes after midnight");
}

std::vector<Weekday> weekdays_arg(const std::vector<std::string>& names) {
  static constexpr std::array<std::string_view, 7> kNames{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::vector<Weekday> out;
  for (const auto& n : names) {
    const auto it = std::find(kNames.begin(), kNames.end(), n);
    if (it == kNames.end())
      throw InvalidArgument("unknown weekday '" + excerpt(n) + "' (monday ... sunday)");
    out.push_back(static_cast<Weekday>(it - kNames.begin() + 1));
  }
  return out;
}

}  // namespace

void bind_pathway_counsel(py::module_& m) {
  // ---------------------------------------------------------------- certification suggestions
  py::class_<SuggestionExclusion>(
      m, "SuggestionExclusion",
      "A certification matching the person's jobs but not suggested, and why.")
      .def_readonly("code", &SuggestionExclusion::code, "The certification code.")
      .def_readonly("reason", &SuggestionExclusion::reason,
                    "Why (vaekit.Reason: not_active, not_vae_accessible, not_registered, "
                    "level_out_of_range, without_level, no_active_successor).")
      .def(
          "to_dict", [](const SuggestionExclusion& e) { return json_to_python(Json(e)); },
          "As a dict: code, reason {code, message}.")
      .def(
          "__eq__",
          [](const SuggestionExclusion& a, const SuggestionExclusion& b) { return a == b; },
          py::arg("other"), "Same fields.")
      .def(
          "__repr__",
          [](const SuggestionExclusion& e) {
            return "vaekit.SuggestionExclusion('" + e.code + "', '" + e.reason.code + "')";
          },
          "`vaekit.SuggestionExclusion(code, reason code)`.");

  py::class_<CertificationSuggestion>(
      m, "CertificationSuggestion", "A suggested certification with its ranking data and reasons.")
      .def_readonly("code", &CertificationSuggestion::code,
                    "The certification to offer (a successor when replaced).")
      .def_readonly("title", &CertificationSuggestion::title, "Its title.")
      .def_readonly("level", &CertificationSuggestion::level, "Its EU level (1-8), or None.")
      .def_property_readonly(
          "match", [](const CertificationSuggestion& s) { return std::string(to_string(s.match)); },
          "'exact' (a ROME code of the person is the fiche's) or 'shared_parent' "
          "(same ROME v3 parent).")
      .def_readonly("exact_rome", &CertificationSuggestion::exact_rome,
                    "The person's ROME codes the fiche lists.")
      .def_readonly("parent_rome", &CertificationSuggestion::parent_rome,
                    "The person's ROME codes sharing only a v3 parent with the fiche's.")
      .def_property_readonly(
          "hours", [](const CertificationSuggestion& s) { return fraction(s.hours); },
          "Hours of matching experience (a Fraction).")
      .def_readonly("enough_experience", &CertificationSuggestion::enough_experience,
                    "Whether the hours meet the regime's minimum (> 0 h from 2024).")
      .def_readonly("replaces", &CertificationSuggestion::replaces,
                    "Closed certifications it is offered in place of.")
      .def_readonly("reasons", &CertificationSuggestion::reasons,
                    "Why (vaekit.Reason, codes and French text).")
      .def_property_readonly(
          "codes", [](const CertificationSuggestion& s) { return reason_codes(s.reasons); },
          "The reason codes.")
      .def("has_reason", &CertificationSuggestion::has_reason, py::arg("code"),
           "Whether a reason has this code.")
      .def(
          "to_dict", [](const CertificationSuggestion& s) { return json_to_python(Json(s)); },
          "As a dict, the form of one entry of the Suggestions.1 document: code, title, level, "
          "match, exact_rome, parent_rome, hours (exact, 'n' or 'n/d'), enough_experience, "
          "replaces, reasons.")
      .def(
          "__eq__",
          [](const CertificationSuggestion& a, const CertificationSuggestion& b) { return a == b; },
          py::arg("other"), "Same fields.")
      .def(
          "__repr__",
          [](const CertificationSuggestion& s) {
            return "vaekit.CertificationSuggestion('" + s.code + "', match='" +
                   std::string(to_string(s.match)) + "', hours=" + s.hours.to_string() + ")";
          },
          "`vaekit.CertificationSuggestion(code, match, hours)`.");

  py::class_<SuggestionResult> sres(
      m, "SuggestionResult",
      "The ranked suggestions, the matching certifications left out, and notes on the input. "
      "Its JSON document form is Suggestions.1 (to_json, to_dict, save; no personal data).");
  sres.def_readonly("on", &SuggestionResult::on, "The assessment date.")
      .def_readonly("diploma_level", &SuggestionResult::diploma_level,
                    "The diploma level given (EU 1-8), or None.")
      .def_property_readonly(
          "rules", [](const SuggestionResult& r) { return json_to_python(Json(r.rules)); },
          "The rules applied, as a dict (levels_below, levels_above, include_without_level, "
          "follow_replacements, use_rome_parent, require_registered_on_date, limit).")
      .def_readonly("regime", &SuggestionResult::regime, "The regime used to count the hours.")
      .def_property_readonly(
          "minimum_hours", [](const SuggestionResult& r) { return fraction(r.minimum_hours); },
          "The regime's minimum in hours (0 from 2024), a Fraction.")
      .def_readonly("suggestions", &SuggestionResult::suggestions, "Suggestions, best first.")
      .def_readonly("excluded", &SuggestionResult::excluded,
                    "Matching certifications left out, by code.")
      .def_readonly("notes", &SuggestionResult::notes,
                    "Notes on the input (experience_without_rome, level_unknown).")
      .def_property_readonly(
          "codes",
          [](const SuggestionResult& r) {
            std::vector<std::string> out;
            for (const auto& s : r.suggestions) out.push_back(s.code);
            return out;
          },
          "The suggested certification codes, best first.")
      .def(
          "to_dict", [](const SuggestionResult& r) { return json_to_python(to_document(r)); },
          "The schema-tagged Suggestions.1 document as a dict.")
      .def(
          "save",
          [](const SuggestionResult& r, const std::filesystem::path& path) {
            save_json(path, to_document(r));
          },
          py::arg("path"), "Writes the Suggestions.1 JSON document atomically.")
      .def_static(
          "load",
          [](const std::filesystem::path& path) { return load_document<SuggestionResult>(path); },
          py::arg("path"), "Reads a Suggestions.1 JSON document written by save().")
      .def(
          "__eq__", [](const SuggestionResult& a, const SuggestionResult& b) { return a == b; },
          py::arg("other"), "Same date, level, rules, suggestions, exclusions and notes.")
      .def(
          "__len__", [](const SuggestionResult& r) { return r.suggestions.size(); },
          "Number of suggestions.")
      .def(
          "__getitem__",
          [](const SuggestionResult& r, std::size_t i) {
            if (i >= r.suggestions.size()) throw py::index_error("suggestion index out of range");
            return r.suggestions[i];
          },
          py::arg("index"), "The suggestion at this rank.")
      .def(
          "__repr__",
          [](const SuggestionResult& r) {
            return "vaekit.SuggestionResult(" + std::to_string(r.suggestions.size()) +
                   " suggestions, " + std::to_string(r.excluded.size()) + " excluded)";
          },
          "Counts.");
  def_json_io<SuggestionResult>(sres, "SuggestionResult");
  def_json_pickle<SuggestionResult>(sres);

  m.def(
      "suggest_certifications",
      [](const std::vector<Experience>& experiences, const Registry& registry, const DateLike& on,
         std::optional<int> diploma_level, const RomeCatalog* rome, int levels_below,
         int levels_above, bool include_without_level, bool follow_replacements,
         bool use_rome_parent, bool require_registered_on_date, std::size_t limit,
         const RegimeSet* regimes, bool level_filter) {
        SuggestionRules rules;
        rules.levels_below = levels_below;
        rules.levels_above = levels_above;
        rules.include_without_level = include_without_level;
        rules.follow_replacements = follow_replacements;
        rules.use_rome_parent = use_rome_parent;
        rules.require_registered_on_date = require_registered_on_date;
        rules.limit = limit;
        rules.level_filter = level_filter;
        const Date d = on.get();
        py::gil_scoped_release release;
        return suggest_certifications(experiences, diploma_level, registry, d, rules, rome,
                                      regimes ? *regimes : RegimeSet::builtin());
      },
      py::arg("experiences"), py::arg("registry"), py::arg("on"),
      py::arg("diploma_level") = py::none(), py::arg("rome") = nullptr, py::arg("levels_below") = 0,
      py::arg("levels_above") = 2, py::arg("include_without_level") = true,
      py::arg("follow_replacements") = true, py::arg("use_rome_parent") = true,
      py::arg("require_registered_on_date") = false, py::arg("limit") = 0,
      py::arg("regimes") = nullptr, py::arg("level_filter") = false,
      R"doc(Ranks the active, VAE-accessible certifications of ``registry`` for a person.

``experiences``: vaekit.Experience with ROME codes (hours counted as eligibility counts them on
``on``); ``diploma_level``: the highest EU level held (1-8; None: no level filter; 2 for no
diploma). A certification matches when it lists one of the person's ROME codes (exact) or, with a
``rome`` vaekit.RomeCatalog, a code of the same ROME v3 parent (shared_parent). Closed
certifications (not registered on ``on`` or closed to VAE) are replaced by their successors open to
VAE on ``on``. Relevance and hours are those of vaekit.eligibility with the certification's target.
Preferred levels: [diploma_level - levels_below, diploma_level + levels_above], closest first;
levels outside come after them (VAE has no level condition) unless ``level_filter=True`` leaves
them out. Ranking: exact before shared parent, then level (preferred first, closest first; no level
last), then more hours, then code. Returns a
vaekit.SuggestionResult.)doc");

  // ---------------------------------------------------------------- orientation
  py::class_<OrientationSuggestion>(m, "OrientationSuggestion",
                                    "An orientation suggested or ruled out, with its reasons.")
      .def_property_readonly(
          "target", [](const OrientationSuggestion& s) { return target_name(s.target); },
          "'vae', 'vap', 'training', 'skills_assessment' or 'other' (as in oriented.to).")
      .def_readonly("reasons", &OrientationSuggestion::reasons, "Why (vaekit.Reason).")
      .def_property_readonly(
          "codes", [](const OrientationSuggestion& s) { return reason_codes(s.reasons); },
          "The reason codes.")
      .def("has_reason", &OrientationSuggestion::has_reason, py::arg("code"),
           "Whether a reason has this code.")
      .def(
          "to_dict", [](const OrientationSuggestion& s) { return json_to_python(Json(s)); },
          "As a dict: target, reasons [{code, message}].")
      .def(
          "__eq__",
          [](const OrientationSuggestion& a, const OrientationSuggestion& b) { return a == b; },
          py::arg("other"), "Same target and reasons.")
      .def(
          "__repr__",
          [](const OrientationSuggestion& s) {
            std::string codes;
            for (const auto& r : s.reasons) codes += (codes.empty() ? "" : ", ") + r.code;
            return "vaekit.OrientationSuggestion('" + target_name(s.target) + "', [" + codes + "])";
          },
          "`vaekit.OrientationSuggestion(target, [codes])`.");

  py::class_<OrientationAdvice> adv(
      m, "OrientationAdvice",
      "Orientation suggestions (best first), the options ruled out, and the eligibility they rest "
      "on. Its JSON document form is Orientation.1 (to_json, to_dict, save; no personal data).");
  adv.def_readonly("suggestions", &OrientationAdvice::suggestions,
                   "Suggested orientations, best first (never empty).")
      .def_readonly("ruled_out", &OrientationAdvice::ruled_out,
                    "Orientations considered and ruled out, with why.")
      .def_readonly("eligibility", &OrientationAdvice::eligibility,
                    "The VAE eligibility on the date.")
      .def_property_readonly(
          "first", [](const OrientationAdvice& a) { return target_name(a.first()); },
          "The first suggestion's target: what the counsellor would record in oriented.to.")
      .def_property_readonly(
          "targets",
          [](const OrientationAdvice& a) {
            std::vector<std::string> out;
            for (const auto& s : a.suggestions) out.push_back(target_name(s.target));
            return out;
          },
          "The suggested targets, best first.")
      .def(
          "suggests",
          [](const OrientationAdvice& a, const std::string& t) {
            return a.suggests(target_arg(t));
          },
          py::arg("target"), "Whether this target is among the suggestions.")
      .def(
          "to_dict", [](const OrientationAdvice& a) { return json_to_python(to_document(a)); },
          "The schema-tagged Orientation.1 document as a dict.")
      .def(
          "save",
          [](const OrientationAdvice& a, const std::filesystem::path& path) {
            save_json(path, to_document(a));
          },
          py::arg("path"), "Writes the Orientation.1 JSON document atomically.")
      .def_static(
          "load",
          [](const std::filesystem::path& path) { return load_document<OrientationAdvice>(path); },
          py::arg("path"), "Reads an Orientation.1 JSON document written by save().")
      .def(
          "__eq__", [](const OrientationAdvice& a, const OrientationAdvice& b) { return a == b; },
          py::arg("other"), "Same suggestions, options ruled out and eligibility.")
      .def(
          "__repr__",
          [](const OrientationAdvice& a) {
            std::string t;
            for (const auto& s : a.suggestions)
              t += (t.empty() ? "'" : ", '") + target_name(s.target) + "'";
            return "vaekit.OrientationAdvice([" + t + "])";
          },
          "`vaekit.OrientationAdvice([targets])`.");
  def_json_io<OrientationAdvice>(adv, "OrientationAdvice");
  def_json_pickle<OrientationAdvice>(adv);

  m.def(
      "suggest_orientation",
      [](const std::vector<Experience>& experiences, const DateLike& on,
         const py::object& certification, const py::object& registry, bool wants_higher_education,
         bool project_clear, std::optional<int> age, const py::object& birth_date,
         const py::object& left_initial_education_on, int vap_min_age,
         int vap_min_years_out_of_studies, int skills_assessment_max_hours,
         const RegimeSet* regimes, const RomeCatalog* rome) {
        OrientationInput in;
        const Date d = on.get();
        in.target = target_of(certification, registry, d, rome);
        in.wants_higher_education = wants_higher_education;
        in.project_clear = project_clear;
        in.age = age;
        if (!birth_date.is_none()) {
          if (age) throw InvalidArgument("give age or birth_date, not both");
          in.age = age_on(DateLike{birth_date}.get(), d);
        }
        if (!left_initial_education_on.is_none())
          in.left_initial_education_on = DateLike{left_initial_education_on}.get();
        OrientationRules rules;
        rules.vap_min_age = vap_min_age;
        rules.vap_min_years_out_of_studies = vap_min_years_out_of_studies;
        rules.skills_assessment_max_hours = skills_assessment_max_hours;
        py::gil_scoped_release release;
        return suggest_orientation(experiences, in, d, rules,
                                   regimes ? *regimes : RegimeSet::builtin());
      },
      py::arg("experiences"), py::arg("on"), py::arg("certification") = py::none(),
      py::arg("registry") = py::none(), py::arg("wants_higher_education") = false,
      py::arg("project_clear") = true, py::arg("age") = py::none(),
      py::arg("birth_date") = py::none(), py::arg("left_initial_education_on") = py::none(),
      py::arg("vap_min_age") = 20, py::arg("vap_min_years_out_of_studies") = 2,
      py::arg("skills_assessment_max_hours") = 24, py::arg("regimes") = nullptr,
      py::arg("rome") = nullptr,
      R"doc(Suggests orientations on ``on``: bilan de compétences first when the project is unclear
(L6313-4, at most 24 h); VAP 85 when entering higher education, if at least 20 years old and out
of initial studies for at least 2 years (décret of 23 Aug 1985); VAE when eligible, else training
(experience too short or unrelated). Relevance and the registration on the date are those of
vaekit.certification_target (a code with ``registry``; ``rome`` a vaekit.RomeCatalog for the ROME
v3 parent): a certification closed on the date is no VAE target unless a successor open to VAE is
offered. Age and dates are inputs only (``age`` or ``birth_date``),
never stored. The counsellor's decision is then recorded as the ``oriented`` event. Returns a
vaekit.OrientationAdvice.)doc");

  m.def(
      "age_on",
      [](const DateLike& birth, const DateLike& on) { return age_on(birth.get(), on.get()); },
      py::arg("birth"), py::arg("on"),
      "Age in full years on a date of a person born on ``birth``.");
  m.def(
      "orientation_event",
      [](const std::string& to, const DateLike& at, const std::string& staff) {
        return orientation_event(target_arg(to), Timestamp(at.get()), staff);
      },
      py::arg("to"), py::arg("at"), py::arg("staff") = "",
      "The ``oriented`` event recording the counsellor's decision (role counsellor), for "
      "Case.record_event.");

  // ---------------------------------------------------------------- admissibility request
  py::class_<AdmissibilityRequest> req(m, "AdmissibilityRequest", R"doc(
The admissibility request of a case (Cerfa 12818 sections: ``certification``, ``civil_status``,
``situation``, ``education``, ``experiences``), built with vaekit.build_admissibility_request.

It holds personal data because it is the document sent to the certifier; analytics and exports
never read it, and its repr shows only identifiers.
)doc");
  req.def_readonly("case_id", &AdmissibilityRequest::case_id, "The case.")
      .def_readonly("candidate_id", &AdmissibilityRequest::candidate_id, "The candidate record.")
      .def_readonly("prepared_on", &AdmissibilityRequest::prepared_on, "When it was built.")
      .def_property_readonly(
          "certification",
          [](const AdmissibilityRequest& r) { return json_to_python(Json(r)["certification"]); },
          "Section 1, the certification sought (dict: code, title, level, certifier, partial, "
          "blocks...).")
      .def_property_readonly(
          "civil_status",
          [](const AdmissibilityRequest& r) { return json_to_python(Json(r)["civil_status"]); },
          "Section 2, civil status (dict; personal data).")
      .def_property_readonly(
          "situation",
          [](const AdmissibilityRequest& r) { return json_to_python(Json(r)["situation"]); },
          "Section 3, situation and goals (dict).")
      .def_property_readonly(
          "education",
          [](const AdmissibilityRequest& r) { return json_to_python(Json(r)["education"]); },
          "Section 4, education level and certifications held (dict).")
      .def_property_readonly(
          "experiences",
          [](const AdmissibilityRequest& r) { return json_to_python(Json(r)["experiences"]); },
          "Section 5, the experiences with related_to_certification and counted_hours (list of "
          "dicts).")
      .def_property_readonly(
          "related_hours",
          [](const AdmissibilityRequest& r) { return fraction(r.related_hours()); },
          "Hours of the experiences related to the certification (a Fraction).")
      .def_readonly("sworn_statement", &AdmissibilityRequest::sworn_statement,
                    "The sworn statement on the quotas (R335-7) is signed.")
      .def_readonly("supporting_documents", &AdmissibilityRequest::supporting_documents,
                    "The supporting documents attached.")
      .def("missing", &AdmissibilityRequest::missing,
           "What is missing before sending (vaekit.Reason list, stable codes and French text, no "
           "personal data).")
      .def_property_readonly("complete", &AdmissibilityRequest::complete,
                             "Whether nothing is missing.")
      .def(
          "to_dict", [](const AdmissibilityRequest& r) { return json_to_python(to_document(r)); },
          "The schema-tagged document as a dict.")
      .def(
          "save",
          [](const AdmissibilityRequest& r, const std::filesystem::path& path) {
            save_json(path, to_document(r));
          },
          py::arg("path"), "Writes the JSON document atomically.")
      .def_static(
          "load",
          [](const std::filesystem::path& path) {
            return load_document<AdmissibilityRequest>(path);
          },
          py::arg("path"), "Reads a JSON document written by save().")
      .def(
          "__eq__",
          [](const AdmissibilityRequest& a, const AdmissibilityRequest& b) { return a == b; },
          py::arg("other"), "Same content.")
      .def(
          "__repr__",
          [](const AdmissibilityRequest& r) {
            return "vaekit.AdmissibilityRequest('" + r.case_id + "', '" + r.certification.code +
                   "', complete=" + (r.complete() ? "True" : "False") + ")";
          },
          "`vaekit.AdmissibilityRequest(case, certification, complete=...)` (no personal data).");
  def_json_io<AdmissibilityRequest>(req, "AdmissibilityRequest");
  def_json_pickle<AdmissibilityRequest>(req);

  m.def(
      "build_admissibility_request",
      [](const Case& c, const Candidate& candidate, const std::vector<Experience>& experiences,
         const DateLike& on, const Registry* registry, bool partial,
         std::vector<std::string> blocks, const RomeCatalog* rome, bool sworn_statement,
         std::vector<std::string> supporting_documents) {
        AdmissibilityOptions o{partial, std::move(blocks), rome, sworn_statement,
                               std::move(supporting_documents)};
        return build_admissibility_request(c, candidate, experiences, on.get(), registry, o);
      },
      py::arg("case"), py::arg("candidate"), py::arg("experiences"), py::arg("on"),
      py::arg("registry") = nullptr, py::arg("partial") = false,
      py::arg("blocks") = std::vector<std::string>{}, py::arg("rome") = nullptr,
      py::arg("sworn_statement") = false,
      py::arg("supporting_documents") = std::vector<std::string>{},
      R"doc(Builds the admissibility request (Cerfa 12818) of ``case`` from the ``candidate`` record
(which must list the case) and the experiences. With ``registry`` the certification's title, level,
certifier, blocks and ROME codes come from the fiche and the relevance of each experience is
checked (vaekit.relevance; ``rome`` a vaekit.RomeCatalog for the ROME v3 parent), with the
registration on ``on`` and the regime's minimum of experience (both part of completeness);
``partial=True`` with ``blocks`` seeks only those skill blocks. ``sworn_statement=True`` records
the signed sworn statement on the quotas (R335-7: required, else ``sworn_statement_missing``);
``supporting_documents`` lists the documents attached.)doc");

  // ---------------------------------------------------------------- appointment book
  add_error_class<DoubleBookingError>(
      m, "DoubleBookingError", {error_class("Error")},
      "A booking refused because the slot is taken or the case already has an appointment "
      "at that time (code 'conflict'). Attributes: `slot`, `case_id`.",
      [](const DoubleBookingError& e, py::object& inst) {
        inst.attr("slot") = e.slot();
        inst.attr("case_id") = text_to_python(e.case_id());
      });

  // A time of the book from Python: a date (vaekit.Date, datetime.date, 'YYYY-MM-DD') or a local
  // date-time (datetime.datetime, naive or aware; 'YYYY-MM-DDTHH:MM[:SS][offset]'). The book reads
  // local times: a naive time is kept with offset Z (the offset is never converted).
  auto book_time = [](const py::handle& v) -> Timestamp {
    auto naive_z = [](std::string text) {
      if (text.size() >= 16 && text.find_first_of("Zz+-", 16) == std::string::npos) text += 'Z';
      return Timestamp::parse(text, "at");
    };
    if (py::isinstance<py::str>(v)) return naive_z(v.cast<std::string>());
    if (py::isinstance(v, py::module_::import("datetime").attr("datetime"))) {
      return naive_z(v.attr("isoformat")().cast<std::string>());
    }
    return DateLike{py::reinterpret_borrow<py::object>(v)}.get();
  };

  py::class_<Slot>(m, "Slot", "A counsellor's appointment slot on a working day.")
      .def_readonly("id", &Slot::id, "Identifier.")
      .def_readonly("counsellor", &Slot::counsellor, "Counsellor identifier.")
      .def_readonly("date", &Slot::date, "The day.")
      .def_property_readonly(
          "start", [](const Slot& s) { return format_time_of_day(s.start_minute); },
          "Start, 'HH:MM'.")
      .def_property_readonly(
          "end", [](const Slot& s) { return format_time_of_day(s.end_minute()); }, "End, 'HH:MM'.")
      .def_readonly("start_minute", &Slot::start_minute, "Start in minutes after midnight.")
      .def_readonly("minutes", &Slot::minutes, "Duration in minutes.")
      .def_readonly("withdrawn", &Slot::withdrawn, "Withdrawn (no longer offered).")
      .def(
          "__eq__", [](const Slot& a, const Slot& b) { return a == b; }, py::arg("other"),
          "Same fields.")
      .def(
          "__repr__",
          [](const Slot& s) {
            return "vaekit.Slot(" + std::to_string(s.id) + ", '" + s.counsellor + "', " +
                   s.date.to_string() + " " + format_time_of_day(s.start_minute) + "-" +
                   format_time_of_day(s.end_minute()) + ")";
          },
          "`vaekit.Slot(id, counsellor, date start-end)`.");

  py::class_<Booking>(m, "Booking", "A booking of a slot for a case (kept after cancellation).")
      .def_readonly("id", &Booking::id, "Identifier.")
      .def_readonly("slot", &Booking::slot, "The slot's id.")
      .def_readonly("case_id", &Booking::case_id, "The case.")
      .def_readonly("booked_by", &Booking::booked_by, "Staff who booked.")
      .def_readonly("booked_on", &Booking::booked_on, "When it was booked.")
      .def_property_readonly(
          "status", [](const Booking& b) { return std::string(to_string(b.status)); },
          "'booked', 'held', 'no_show' or 'cancelled'.")
      .def_readonly("from_waiting_list", &Booking::from_waiting_list,
                    "Made by serving the waiting list.")
      .def_readonly("cancelled_by", &Booking::cancelled_by, "Staff who cancelled, or ''.")
      .def_readonly("cancelled_on", &Booking::cancelled_on, "When it was cancelled, or None.")
      .def_property_readonly(
          "closed_at",
          [](const Booking& b) -> std::optional<std::string> {
            if (!b.closed_at) return std::nullopt;
            return b.closed_at->to_string();
          },
          "When the outcome (held, no-show) was observed, ISO 8601, or None.")
      .def(
          "__eq__", [](const Booking& a, const Booking& b) { return a == b; }, py::arg("other"),
          "Same fields.")
      .def(
          "__repr__",
          [](const Booking& b) {
            return "vaekit.Booking(" + std::to_string(b.id) + ", slot=" + std::to_string(b.slot) +
                   ", case='" + b.case_id + "', status='" + std::string(to_string(b.status)) + "')";
          },
          "`vaekit.Booking(id, slot, case, status)`.");

  py::class_<WaitingEntry>(m, "WaitingEntry",
                           "A case waiting for a slot (first come, first served).")
      .def_readonly("ticket", &WaitingEntry::ticket, "Arrival order.")
      .def_readonly("case_id", &WaitingEntry::case_id, "The case.")
      .def_readonly("counsellor", &WaitingEntry::counsellor,
                    "The counsellor wanted, or '' for any.")
      .def_readonly("since", &WaitingEntry::since, "When it joined.")
      .def_readonly("added_by", &WaitingEntry::added_by, "Staff who added it.")
      .def(
          "__repr__",
          [](const WaitingEntry& w) {
            return "vaekit.WaitingEntry(" + std::to_string(w.ticket) + ", '" + w.case_id +
                   "', counsellor='" + w.counsellor + "')";
          },
          "`vaekit.WaitingEntry(ticket, case, counsellor)`.");

  py::class_<Utilisation>(m, "Utilisation", "The use of a counsellor's slots over a period.")
      .def_readonly("counsellor", &Utilisation::counsellor, "The counsellor.")
      .def_readonly("slots", &Utilisation::slots, "Slots offered.")
      .def_readonly("booked", &Utilisation::booked, "Slots occupied (booked, held or no-show).")
      .def_readonly("held", &Utilisation::held, "Appointments held.")
      .def_readonly("no_shows", &Utilisation::no_shows, "No-shows.")
      .def_readonly("minutes_offered", &Utilisation::minutes_offered, "Minutes offered.")
      .def_readonly("minutes_booked", &Utilisation::minutes_booked, "Minutes occupied.")
      .def_property_readonly("rate", &Utilisation::rate, "Occupied / offered slots (0 when none).")
      .def_property_readonly("no_show_rate", &Utilisation::no_show_rate,
                             "No-shows / (held + no-shows).")
      .def(
          "__repr__",
          [](const Utilisation& u) {
            return "vaekit.Utilisation('" + u.counsellor + "', " + std::to_string(u.booked) + "/" +
                   std::to_string(u.slots) + " slots)";
          },
          "`vaekit.Utilisation(counsellor, booked/slots)`.");

  py::class_<AppointmentBook> ab(m, "AppointmentBook", R"doc(
The appointment book of an antenne: counsellors' slots on working days (a vaekit.FrenchCalendar
with the antenne's closures), bookings and cancellations by assistants, no double booking
(vaekit.DoubleBookingError), a first-come-first-served waiting list served on cancellation and on a
new slot, first available slot, no-shows (a cancellation after the start is one) and utilisation
per counsellor. The book is the source of the case log's appointment events (events()).
)doc");
  ab.def(py::init([](std::optional<FrenchCalendar> calendar) {
           return AppointmentBook(calendar.value_or(FrenchCalendar()));
         }),
         py::arg("calendar") = py::none(),
         "An empty book (metropolitan calendar without closures by default).")
      .def_property_readonly("calendar", &AppointmentBook::calendar, "The calendar.")
      .def(
          "add_slot",
          [book_time](AppointmentBook& b, std::string counsellor, const DateLike& date,
                      const py::object& start, int minutes, const py::object& on, std::string by) {
            std::optional<Timestamp> when;
            if (!on.is_none()) when = book_time(on);
            return b.add_slot(std::move(counsellor), date.get(), minute_arg(start), minutes, when,
                              std::move(by));
          },
          py::arg("counsellor"), py::arg("date"), py::arg("start"), py::arg("minutes") = 60,
          py::arg("on") = py::none(), py::arg("by") = "",
          "Adds a slot ('HH:MM' or minutes after midnight), added at ``on`` by ``by``, and serves "
          "the waiting list with it (the booking is made at ``on``; see occupant()); refuses "
          "non-working days, overlaps, and a slot a waiting case fits when ``on`` is not given. "
          "Returns its id.")
      .def(
          "add_slots",
          [book_time](AppointmentBook& b, const std::string& counsellor, const DateRange& period,
                      const py::object& start, int minutes,
                      const std::vector<std::string>& weekdays, int per_day, const py::object& on,
                      std::string by) {
            std::optional<Timestamp> when;
            if (!on.is_none()) when = book_time(on);
            return b.add_slots(counsellor, period, weekdays_arg(weekdays), minute_arg(start),
                               minutes, per_day, when, std::move(by));
          },
          py::arg("counsellor"), py::arg("period"), py::arg("start"), py::arg("minutes") = 60,
          py::arg("weekdays") = std::vector<std::string>{}, py::arg("per_day") = 1,
          py::arg("on") = py::none(), py::arg("by") = "",
          "Adds per_day consecutive slots on every working day of the period (weekdays: names, all "
          "when empty), then serves the waiting list with them in time order as add_slot(); all or "
          "nothing. Returns the ids.")
      .def("withdraw_slot", &AppointmentBook::withdraw_slot, py::arg("slot"),
           "Withdraws a free slot.")
      .def(
          "book",
          [](AppointmentBook& b, SlotId slot, std::string case_id, std::string by,
             const DateLike& on) {
            return b.book(slot, std::move(case_id), std::move(by), on.get());
          },
          py::arg("slot"), py::arg("case_id"), py::arg("by"), py::arg("on"),
          "Books a slot for a case; raises vaekit.DoubleBookingError when taken or the case is "
          "busy then. Returns the booking id.")
      .def(
          "cancel",
          [book_time](AppointmentBook& b, BookingId booking, std::string by, const py::object& on) {
            return b.cancel(booking, std::move(by), book_time(on));
          },
          py::arg("booking"), py::arg("by"), py::arg("on"),
          "Cancels a booking at ``on`` (a date, or a date-time on the appointment's day). Before "
          "the start the slot is freed and serves the waiting list: returns the booking id made "
          "for the waiting case, or None. From the start on it is a no-show (status 'no_show', "
          "counted in the utilisation) and None is returned.")
      .def(
          "mark_held",
          [book_time](AppointmentBook& b, BookingId booking, const py::object& at) {
            b.mark_held(booking, book_time(at));
          },
          py::arg("booking"), py::arg("at"),
          "Records that the appointment took place, observed at ``at`` (a date-time, or a date "
          "after its day); refuses an appointment that has not started.")
      .def(
          "mark_no_show",
          [book_time](AppointmentBook& b, BookingId booking, const py::object& at) {
            b.mark_no_show(booking, book_time(at));
          },
          py::arg("booking"), py::arg("at"),
          "Records a no-show observed at ``at``; refuses an appointment that has not started.")
      .def(
          "join_waiting_list",
          [](AppointmentBook& b, std::string case_id, const DateLike& on,
             std::optional<std::string> counsellor, std::string by) {
            return b.join_waiting_list(std::move(case_id), counsellor.value_or(""), on.get(),
                                       std::move(by));
          },
          py::arg("case_id"), py::arg("on"), py::arg("counsellor") = py::none(), py::arg("by") = "",
          "Puts a case on the waiting list (for a counsellor, or any); returns its ticket.")
      .def("leave_waiting_list", &AppointmentBook::leave_waiting_list, py::arg("ticket"),
           "Removes a waiting entry.")
      .def_property_readonly("waiting_list", &AppointmentBook::waiting_list,
                             "The waiting list, in arrival order.")
      .def(
          "first_available",
          [](const AppointmentBook& b, const DateLike& from,
             std::optional<std::string> counsellor) -> std::optional<Slot> {
            auto id = b.first_available(from.get(), counsellor.value_or(""));
            if (!id) return std::nullopt;
            return b.slot(*id);
          },
          py::arg("from_date"), py::arg("counsellor") = py::none(),
          "The first free slot on or after the date (of a counsellor, or any), or None.")
      .def(
          "free_slots",
          [](const AppointmentBook& b, const DateRange& period,
             std::optional<std::string> counsellor) {
            std::vector<Slot> out;
            for (auto id : b.free_slots(period, counsellor.value_or(""))) out.push_back(b.slot(id));
            return out;
          },
          py::arg("period"), py::arg("counsellor") = py::none(),
          "Free slots of the period, by day and time.")
      .def("slot", &AppointmentBook::slot, py::arg("id"), "The slot with this id.")
      .def_property_readonly("slots", &AppointmentBook::slots, "Every slot, by id.")
      .def("booking", &AppointmentBook::booking, py::arg("id"), "The booking with this id.")
      .def_property_readonly("bookings", &AppointmentBook::bookings,
                             "Every booking (cancelled ones included), by id.")
      .def("occupant", &AppointmentBook::occupant, py::arg("slot"),
           "The booking id occupying a slot, or None.")
      .def("bookings_of", &AppointmentBook::bookings_of, py::arg("case_id"),
           "The booking ids of a case.")
      .def_property_readonly("counsellors", &AppointmentBook::counsellors,
                             "Counsellors having slots, sorted.")
      .def(
          "utilisation",
          [](const AppointmentBook& b, const DateRange& period,
             std::optional<std::string> counsellor) -> py::object {
            if (counsellor) return py::cast(b.utilisation(*counsellor, period));
            return py::cast(b.utilisation(period));
          },
          py::arg("period"), py::arg("counsellor") = py::none(),
          "Utilisation on the period: of one counsellor (a vaekit.Utilisation), or of each (a "
          "list).")
      .def("booking_event", &AppointmentBook::booking_event, py::arg("booking"),
           "The appointment_booked event of a booking (for Case.record_event).")
      .def("outcome_event", &AppointmentBook::outcome_event, py::arg("booking"),
           "The appointment_held or appointment_missed event of a booking, or None (booked, "
           "cancelled).")
      .def("events_of", &AppointmentBook::events_of, py::arg("booking"),
           "The events of a booking: appointment_booked, then its outcome event if any.")
      .def(
          "events",
          [](const AppointmentBook& b, std::optional<std::string> case_id) {
            return b.events(case_id.value_or(""));
          },
          py::arg("case_id") = py::none(),
          "The appointment events (EventLog.1) of a case, or of every case, in time order: the "
          "book is their one source.")
      .def(
          "save",
          [](const AppointmentBook& b, const std::filesystem::path& path) {
            save_json(path, to_document(b));
          },
          py::arg("path"), "Writes the JSON document atomically.")
      .def_static(
          "load",
          [](const std::filesystem::path& path) { return load_document<AppointmentBook>(path); },
          py::arg("path"), "Reads a JSON document written by save() (checked).")
      .def(
          "__eq__", [](const AppointmentBook& a, const AppointmentBook& b) { return a == b; },
          py::arg("other"), "Same calendar, slots, bookings and waiting list.")
      .def(
          "__repr__",
          [](const AppointmentBook& b) {
            std::size_t active = 0;
            for (const auto& x : b.bookings()) {
              if (x.occupies()) ++active;
            }
            return "vaekit.AppointmentBook(" + std::to_string(b.slots().size()) + " slots, " +
                   std::to_string(active) + " bookings, " +
                   std::to_string(b.waiting_list().size()) + " waiting)";
          },
          "Counts.");
  def_json_io<AppointmentBook>(ab, "AppointmentBook");
  def_json_pickle<AppointmentBook>(ab);
}

}  // namespace vaekit::python
