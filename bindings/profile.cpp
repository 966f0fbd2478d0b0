// Python bindings of the person's pseudonymous profile (issue 15): vaekit.Profile. Called from
// bind_analytics (the profile is read by the reports).
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "common.hpp"
#include "vaekit/pathway/profile.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit::python {
namespace {

/// A profile from keyword values (None: not stated), the age band given or already set.
Profile make(Profile p, const std::string& sex, const std::optional<std::string>& age_band,
             const std::string& employment, const std::string& qualification,
             const std::string& departement, const std::string& qpv, const std::string& rqth) {
  p.set(ProfileAttribute::sex, sex);
  if (age_band) p.set(ProfileAttribute::age_band, *age_band);
  p.set(ProfileAttribute::employment, employment);
  p.set(ProfileAttribute::qualification, qualification);
  p.set(ProfileAttribute::departement, departement);
  p.set(ProfileAttribute::qpv, qpv);
  p.set(ProfileAttribute::rqth, rqth);
  return p;
}

Timestamp timestamp_of(const py::object& at) {
  if (py::isinstance<py::str>(at)) return Timestamp::parse(at.cast<std::string>(), "at");
  return at.cast<DateLike>().get();
}

/// A read-only string property of attribute @p a.
template <class Cls>
void def_attribute(Cls& cls, ProfileAttribute a, const char* doc) {
  cls.def_property_readonly(
      std::string(to_string(a)).c_str(), [a](const Profile& p) { return std::string(p.value(a)); },
      doc);
}

}  // namespace

void bind_profile(py::module_& m) {
  py::class_<Profile> cls(m, "Profile", R"doc(
The pseudonymous profile of one case (issue 15), apart from the personal Candidate record: sex,
age band at reception, employment situation, highest qualification level, département, priority
neighbourhood (qpv) and recognised disability (rqth), each with an explicit "not_stated". It has
no name, birth date or address: the age is banded on entry (Profile.from_age,
Profile.from_birth_date keep the band only). It is what a `profile_recorded` event carries
(to_event, from_event). Values are the vocabulary's codes, e.g. Profile(sex="woman",
age_band="35_44", employment="job_seeker", qualification="level_4", departement="93",
qpv="yes", rqth="no").)doc");
  cls.def(py::init([](const std::string& sex, const std::string& age_band,
                      const std::string& employment, const std::string& qualification,
                      const std::string& departement, const std::string& qpv,
                      const std::string& rqth) {
            return make(Profile{}, sex, age_band, employment, qualification, departement, qpv,
                        rqth);
          }),
          py::kw_only(), py::arg("sex") = "not_stated", py::arg("age_band") = "not_stated",
          py::arg("employment") = "not_stated", py::arg("qualification") = "not_stated",
          py::arg("departement") = "not_stated", py::arg("qpv") = "not_stated",
          py::arg("rqth") = "not_stated",
          "A profile from the codes of its attributes (each 'not_stated' by default); "
          "vaekit.InvalidArgument for an unknown code or département.")
      .def_static(
          "from_age",
          [](int age, const std::string& sex, const std::string& employment,
             const std::string& qualification, const std::string& departement,
             const std::string& qpv, const std::string& rqth) {
            return make(Profile::with_age(age), sex, std::nullopt, employment, qualification,
                        departement, qpv, rqth);
          },
          py::arg("age"), py::kw_only(), py::arg("sex") = "not_stated",
          py::arg("employment") = "not_stated", py::arg("qualification") = "not_stated",
          py::arg("departement") = "not_stated", py::arg("qpv") = "not_stated",
          py::arg("rqth") = "not_stated",
          "A profile whose age band is that of `age` full years at reception; the age itself is "
          "not kept.")
      .def_static(
          "from_birth_date",
          [](const DateLike& birth, const DateLike& reception, const std::string& sex,
             const std::string& employment, const std::string& qualification,
             const std::string& departement, const std::string& qpv, const std::string& rqth) {
            return make(Profile::with_birth_date(birth.get(), reception.get()), sex, std::nullopt,
                        employment, qualification, departement, qpv, rqth);
          },
          py::arg("birth"), py::arg("reception"), py::kw_only(), py::arg("sex") = "not_stated",
          py::arg("employment") = "not_stated", py::arg("qualification") = "not_stated",
          py::arg("departement") = "not_stated", py::arg("qpv") = "not_stated",
          py::arg("rqth") = "not_stated",
          "A profile whose age band is that of a person born on `birth` at `reception` (a 29 "
          "February birthday is reached on 1 March in a common year); neither date is kept.")
      .def_static(
          "from_candidate",
          [](const Candidate& c, const DateLike& reception) {
            return Profile::from_candidate(c, reception.get());
          },
          py::arg("candidate"), py::arg("reception"),
          "The profile derived from the personal vaekit.Candidate record at `reception`, "
          "keeping none of its personal fields: the age band from the birth date, the sex from "
          "the civility ('madame', 'monsieur'), the qualification from the highest EU level "
          "(1-2: 'none'), the employment where the situation is unambiguous ('jobseeker', "
          "'self_employed'); everything else not stated.")
      .def_static(
          "age_band_of", [](int age) { return std::string(to_string(age_band_of_age(age))); },
          py::arg("age"),
          "The age band code of `age` full years: under_26, 26_34, 35_44, 45_54, 55_plus.")
      .def_static(
          "departements",
          []() {
            std::vector<std::string> out;
            for (auto c : departement_codes()) out.emplace_back(c);
            return out;
          },
          "The valid département codes in official order (01..19, 2A, 2B, 21..95, 971..976).")
      .def_static(
          "values",
          [](const std::string& attribute) {
            std::vector<std::string> out;
            for (auto v : profile_values(profile_attribute_from_string(attribute)))
              out.emplace_back(v);
            return out;
          },
          py::arg("attribute"), "The codes of `attribute` (e.g. 'sex'), 'not_stated' last.")
      .def_static(
          "from_event", [](const Event& e) { return Profile::from_event(e); }, py::arg("event"),
          "The profile carried by a `profile_recorded` vaekit.Event (absent fields: "
          "not_stated).")
      .def(
          "to_event",
          [](const Profile& p, const std::string& case_id, const py::object& at,
             const std::string& role) {
            return p.to_event(case_id, timestamp_of(at), role_from_string(role));
          },
          py::arg("case_id"), py::arg("at"), py::arg("role") = "counsellor",
          "The `profile_recorded` vaekit.Event of case `case_id` at `at` (a date, or an ISO "
          "date or date-time string), recorded by `role`.")
      .def(
          "to_dict", [](const Profile& p) { return json_to_python(Json(p)); },
          "The attributes as a dict of codes.")
      .def(py::self == py::self, "Same attributes.")
      .def(
          "__repr__",
          [](const Profile& p) {
            std::string s = "vaekit.Profile(";
            for (std::size_t a = 0; a < profile_attribute_count; ++a) {
              const auto attr = static_cast<ProfileAttribute>(a);
              s += (a ? ", " : "") + std::string(to_string(attr)) + "='" +
                   std::string(p.value(attr)) + "'";
            }
            return s + ")";
          },
          "The codes of the attributes.");
  def_attribute(cls, ProfileAttribute::sex, "'woman', 'man' or 'not_stated'.");
  def_attribute(cls, ProfileAttribute::age_band,
                "The age band at reception: 'under_26', '26_34', '35_44', '45_54', '55_plus' or "
                "'not_stated'.");
  def_attribute(cls, ProfileAttribute::employment,
                "The employment situation (France VAE's CandidateTypology), e.g. 'job_seeker'.");
  def_attribute(cls, ProfileAttribute::qualification,
                "The highest qualification level held: 'none', 'level_3' .. 'level_8' or "
                "'not_stated'.");
  def_attribute(cls, ProfileAttribute::departement,
                "The département code ('75', '2A', '971') or 'not_stated'.");
  def_attribute(cls, ProfileAttribute::qpv,
                "Lives in a priority neighbourhood (QPV): 'yes', 'no' or 'not_stated'.");
  def_attribute(cls, ProfileAttribute::rqth,
                "Recognised disabled worker (RQTH): 'yes', 'no' or 'not_stated'.");
}

}  // namespace vaekit::python
