// Python bindings of the pathway area: Event, Case, Candidate, Regime, Experience, eligibility,
// the event log v1 and what is due.
#include <pybind11/stl/filesystem.h>

#include <datetime.h>

#include <map>

#include "common.hpp"
#include "vaekit/pathway/due.hpp"
#include "vaekit/pathway/eligibility.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/pathway/event_scan.hpp"
#include "vaekit/pathway/vocabulary.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/rome.hpp"

namespace vaekit::python {
namespace {

// ---------------------------------------------------------------- conversions

Timestamp to_timestamp(const py::handle& at) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  if (py::isinstance<py::str>(at)) return Timestamp::parse(at.cast<std::string>(), "at");
  if (PyDateTime_Check(at.ptr())) {
    if (at.attr("tzinfo").is_none()) {
      throw InvalidArgument("at: a datetime needs a time zone (use an aware datetime or a date)");
    }
    return Timestamp::parse(at.attr("isoformat")().cast<std::string>(), "at");
  }
  return DateLike{py::reinterpret_borrow<py::object>(at)}.get();
}

Json to_json_value(const py::handle& v, const std::string& field) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  if (v.is_none()) return Json();
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>();
  if (py::isinstance<py::int_>(v)) return v.cast<std::int64_t>();
  if (py::isinstance<py::float_>(v)) return v.cast<double>();
  if (py::isinstance<py::str>(v)) return v.cast<std::string>();
  if (py::isinstance<Date>(v) || PyDate_Check(v.ptr())) {
    return DateLike{py::reinterpret_borrow<py::object>(v)}.get().to_string();
  }
  // Lists and tuples (the jury events' `blocks` and `jury`, issue 12): JSON arrays.
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    Json out = Json::array();
    for (const auto& item : v) out.push_back(to_json_value(item, field));
    return out;
  }
  throw InvalidArgument(field + ": unsupported value type " +
                        py::str(py::type::of(v).attr("__name__")).cast<std::string>());
}

// An event from Python arguments, validated like a log line (errors name the field).
Event make_event(const std::string& case_id, const std::string& event, const py::handle& at,
                 const std::string& role, const py::kwargs& fields) {
  Json j = Json::object();
  j["case"] = case_id;
  j["at"] = to_timestamp(at).to_string();
  j["event"] = event;
  j["role"] = role;
  Json data = Json::object();
  for (const auto& [k, v] : fields) {
    const auto key = k.cast<std::string>();
    if (key == "antenne" || key == "staff" || key == "certification") {
      if (!v.is_none()) j[key] = v.cast<std::string>();
    } else if (key == "data") {
      for (const auto& [dk, dv] : v.cast<py::dict>())
        data[dk.cast<std::string>()] = to_json_value(dv, dk.cast<std::string>());
    } else {
      // A field of the vocabulary table (vocabulary.hpp) or a field unknown to v1: both go to
      // `data`, where the reader checks the first and keeps the second, as for a log line.
      if (!v.is_none()) data[key] = to_json_value(v, key);
    }
  }
  if (!data.empty()) j["data"] = std::move(data);
  try {
    return j.get<Event>();
  } catch (const ParseError& e) {
    throw ParseError(SourceLocation{"<arguments>", 0, 0, e.where().field}, e.reason());
  }
}

Rational to_rational(const py::handle& v, const char* field) {
  if (py::isinstance<py::bool_>(v))
    throw InvalidArgument(std::string(field) + ": expected a number");
  if (py::isinstance<py::int_>(v)) return Rational(v.cast<std::int64_t>());
  if (py::isinstance<py::float_>(v)) return Rational::from_decimal(v.cast<double>());
  if (py::isinstance<py::str>(v)) return Rational::parse(v.cast<std::string>());
  if (py::hasattr(v, "numerator") && py::hasattr(v, "denominator")) {
    return Rational(v.attr("numerator").cast<std::int64_t>(),
                    v.attr("denominator").cast<std::int64_t>());
  }
  throw InvalidArgument(std::string(field) + ": expected an int, float, Fraction or string");
}

py::object to_fraction(Rational r) {
  return py::module_::import("fractions").attr("Fraction")(r.num(), r.den());
}

std::vector<std::string> str_list(const std::vector<EventKind>& v) {
  std::vector<std::string> out;
  for (auto k : v) out.emplace_back(to_string(k));
  return out;
}

Role role_arg(const std::string& s) {
  auto r = try_role_from_string(s);
  if (!r)
    throw InvalidArgument("unknown role '" + excerpt(s) +
                          "' (candidate, assistant, counsellor, certifier, jury, funder, system)");
  return *r;
}

}  // namespace

void bind_pathway_counsel(py::module_& m);  // bindings/pathway_counsel.cpp

void bind_pathway(py::module_& m) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  add_error_class<TransitionError>(
      m, "TransitionError", {error_class("Error")},
      "An event the transition table refuses (wrong stage, role, guard, time order or "
      "side state). Attributes: `stage`, `event`, `role`, `case_id`, `reason`.",
      [](const TransitionError& e, py::object& inst) {
        inst.attr("case_id") = text_to_python(e.case_id());
        inst.attr("stage") = std::string(to_string(e.stage()));
        inst.attr("event") = std::string(to_string(e.event()));
        inst.attr("role") = std::string(to_string(e.role()));
        inst.attr("reason") = text_to_python(e.reason());
      });

  // ---------------------------------------------------------------- Event
  // The keyword arguments of Event(...) are the data fields of the vocabulary table.
  static const std::string event_doc = [] {
    std::string fields;
    for (const FieldSpec& f : event_data_fields) {
      if (!fields.empty()) fields += ", ";
      fields += "``" + std::string(f.name) + "``";
      if (f.type == FieldType::text_list) fields += " (a list of strings)";
    }
    return "One event of a case, as a line of the event log v1.\n\n"
           "``Event(case, event, at, role, **fields)``: top-level fields ``antenne``, ``staff``, "
           "``certification``; any other keyword goes to ``data``: the fields of "
           "vaekit.event_vocabulary() (" +
           fields +
           "), checked as in a log line; a keyword unknown to v1 is kept as an extra data field.\n"
           "``at`` is a date (vaekit.Date, datetime.date, ISO string) or an aware datetime.\n";
  }();
  py::class_<Event> event(m, "Event", event_doc.c_str());
  event
      .def(
          py::init([](const std::string& case_id, const std::string& ev, const py::object& at,
                      const std::string& role, const py::kwargs& fields) {
            return make_event(case_id, ev, at, role, fields);
          }),
          py::arg("case"), py::arg("event"), py::arg("at"), py::arg("role"),
          "An event, validated like a line of the log (raises vaekit.ParseError naming the field).")
      .def_property_readonly(
          "case", [](const Event& e) { return e.case_id; }, "The case identifier.")
      .def_property_readonly(
          "at", [](const Event& e) { return e.at.to_string(); },
          "When, as ISO 8601 text (a date or a date-time with offset).")
      .def_property_readonly(
          "date", [](const Event& e) { return e.at.date(); }, "The (local) date.")
      .def_property_readonly(
          "event", [](const Event& e) { return std::string(to_string(e.kind)); },
          "The event name, e.g. 'admissibility_sent'.")
      .def_property_readonly(
          "role", [](const Event& e) { return std::string(to_string(e.role)); },
          "Who recorded it, e.g. 'counsellor'.")
      .def_property_readonly(
          "antenne", [](const Event& e) { return e.antenne; }, "Antenne identifier or ''.")
      .def_property_readonly(
          "staff", [](const Event& e) { return e.staff; }, "Staff identifier or ''.")
      .def_property_readonly(
          "certification", [](const Event& e) { return e.certification; }, "RNCP/RS code or ''.")
      .def_property_readonly(
          "data",
          [](const Event& e) {
            Json j = e;
            return j.contains("data") ? json_to_python(j["data"]) : py::dict();
          },
          "The event-specific fields, as a dict.")
      .def(
          "to_dict", [](const Event& e) { return json_to_python(Json(e)); },
          "The log line as a dict.")
      .def(
          "to_json", [](const Event& e) { return format_event_line(e); },
          "The log line as JSON text.")
      .def_static(
          "from_json",
          [](const std::string& line) {
            return parse_event_line(line, SourceLocation{"<string>", 1, 0, {}});
          },
          py::arg("line"), "An event from one log line.")
      .def(
          "__eq__", [](const Event& a, const Event& b) { return a == b; }, py::arg("other"),
          "Same fields.")
      .def(
          "__repr__",
          [](const Event& e) {
            return "vaekit.Event(" + e.case_id + ", " + std::string(to_string(e.kind)) + ", " +
                   e.at.to_string() + ", " + std::string(to_string(e.role)) + ")";
          },
          "`vaekit.Event(case, event, at, role)`.");
  event.def(py::pickle(
      [](const Event& e) { return py::make_tuple(format_event_line(e)); },
      [](const py::tuple& t) {
        return parse_event_line(t[0].cast<std::string>(), SourceLocation{"<pickle>", 1, 0, {}});
      }));

  // ---------------------------------------------------------------- Regime
  py::class_<Regime> regime(m, "Regime", R"doc(
A rule set of VAE in force over a period: ``Regime.on(date)`` picks the built-in one
("vae-2002" until 30 Sep 2017, "vae-2017" from 1 Oct 2017, "vae-2024" from 1 Jan 2024).
Every threshold is a property; ``sources`` gives the legal source of each.
)doc");
  regime
      .def_static(
          "on", [](const DateLike& d) { return Regime::on(d.get()); }, py::arg("date"),
          "The built-in regime in force on the date.")
      .def_static(
          "builtin",
          []() {
            auto b = Regime::builtin();
            return std::vector<Regime>(b.begin(), b.end());
          },
          "The three built-in regimes, in date order.")
      .def_readonly("name", &Regime::name, "Stable identifier, e.g. 'vae-2017'.")
      .def_readonly("title", &Regime::title, "French description.")
      .def_readonly("effective_from", &Regime::effective_from, "First day in force.")
      .def_readonly("effective_until", &Regime::effective_until, "Last day in force, or None.")
      .def_property_readonly(
          "minimum_years", [](const Regime& r) { return to_fraction(r.minimum_years); },
          "Minimum related experience in years (a Fraction).")
      .def_property_readonly(
          "minimum_hours", [](const Regime& r) { return to_fraction(r.minimum_hours()); },
          "The minimum in hours: years × hours_per_year (a Fraction).")
      .def_readonly("any_related_experience", &Regime::any_related_experience,
                    "True from 2024: any related experience is enough.")
      .def_readonly("hours_per_year", &Regime::hours_per_year, "Hours of a full-time year (1607).")
      .def_readonly("days_per_year", &Regime::days_per_year,
                    "Calendar days of a full-time year (365).")
      .def_property_readonly(
          "counted_kinds",
          [](const Regime& r) {
            std::vector<std::string> out;
            for (auto k : r.counted_kinds) out.emplace_back(to_string(k));
            return out;
          },
          "Activity kinds that count.")
      .def_property_readonly(
          "training",
          [](const Regime& r) {
            return r.training == TrainingRule::capped ? "capped" : "not_counted";
          },
          "'capped' (at the other activities' hours) or 'not_counted'.")
      .def_readonly("silence_acceptance_from", &Regime::silence_acceptance_from,
                    "From this date the certifier's silence means acceptance (2014-11-12).")
      .def_readonly("decision_deadline_months", &Regime::decision_deadline_months,
                    "Months to decide (2).")
      .def_readonly("requests_per_certification_per_year",
                    &Regime::requests_per_certification_per_year,
                    "Requests per certification per calendar year (1).")
      .def_readonly("certifications_per_year", &Regime::certifications_per_year,
                    "Different certifications per calendar year (3).")
      .def_readonly("inactivity_rule_from", &Regime::inactivity_rule_from,
                    "First day of the inactivity rule (France VAE, 2025-08-01), or None: no case "
                    "is inactive before it and older idle cases count their delay from it.")
      .def_readonly("inactive_days_before_admissibility",
                    &Regime::inactive_days_before_admissibility,
                    "Inactivity delay before admissibility, in days (60).")
      .def_readonly("inactive_days_after_admissibility", &Regime::inactive_days_after_admissibility,
                    "Inactivity delay after admissibility, in days (165).")
      .def_readonly("inactivity_confirmation_days", &Regime::inactivity_confirmation_days,
                    "Days after which inactivity is confirmed (180).")
      .def_readonly("jury_min_members", &Regime::jury_min_members,
                    "Members a jury has at least, its composition recorded on the jury events (2 "
                    "from 2024), or None.")
      .def_readonly("start_deadline_months", &Regime::start_deadline_months,
                    "Months to start the pathway after admissibility (6 from 2024), or None.")
      .def_readonly("france_vae_from", &Regime::france_vae_from,
                    "First day a pathway may start as a France VAE candidacy (2024-01-01 for "
                    "vae-2024), or None.")
      .def_readonly("lapse_days", &Regime::lapse_days,
                    "Days without an event after which an admissible France VAE candidacy lapses "
                    "(caducité, 183).")
      .def_readonly("sources", &Regime::sources, "Legal source of each threshold, by field name.")
      .def(
          "counts",
          [](const Regime& r, const std::string& kind) {
            return r.counts(activity_kind_from_string(kind));
          },
          py::arg("kind"), "Whether experiences of this kind count.")
      .def(
          "decision_due",
          [](const Regime& r, const DateLike& sent) { return r.decision_due(sent.get()); },
          py::arg("sent"), "The day the decision on a request sent that day is due.")
      .def(
          "silence_means_acceptance",
          [](const Regime& r, const DateLike& sent) {
            return r.silence_means_acceptance(sent.get());
          },
          py::arg("sent"), "Whether silence on a request sent that day means acceptance.")
      .def(
          "__eq__", [](const Regime& a, const Regime& b) { return a == b; }, py::arg("other"),
          "Same values.")
      .def(
          "__repr__", [](const Regime& r) { return "vaekit.Regime('" + r.name + "')"; },
          "`vaekit.Regime('name')`.");
  def_json_io<Regime>(regime, "Regime");
  def_json_pickle<Regime>(regime);

  py::class_<RegimeSet>(m, "RegimeSet",
                        "Regimes chosen by date: the built-in ones overlaid by user-defined ones.")
      .def(py::init<>(), "The built-in regimes.")
      .def("add", &RegimeSet::add, py::arg("regime"),
           "Overlays a regime (later ones win on their days).")
      .def("load", &RegimeSet::load, py::arg("path"),
           "Adds the Regime.1 document(s) of a JSON file.")
      .def(
          "on", [](const RegimeSet& s, const DateLike& d) { return s.on(d.get()); },
          py::arg("date"), "The regime in force on the date.")
      .def("named", &RegimeSet::named, py::arg("name"),
           "The regime with that name (vaekit.NotFound otherwise).")
      .def_property_readonly("all", &RegimeSet::all, "All regimes, in the order added.")
      .def(
          "__repr__",
          [](const RegimeSet& s) {
            return "vaekit.RegimeSet(" + std::to_string(s.all().size()) + " regimes)";
          },
          "Number of regimes.");

  // ---------------------------------------------------------------- Case
  py::class_<Case> cls(m, "Case", R"doc(
A VAE case: its append-only list of events, folded into a stage.

``case.record(event, at, role, **fields)`` checks the event against the transition table and
appends it (raises vaekit.TransitionError naming the stage, the event and the role). The side
state (dropped out, archived) is kept apart from the stage; ``reactivated`` restores it.
)doc");
  cls.def(py::init<std::string>(), py::arg("case_id"), "An empty case (stage 'none').")
      .def_property_readonly("id", &Case::id, "The case identifier.")
      .def_property_readonly(
          "stage", [](const Case& c) { return std::string(to_string(c.stage())); },
          "The current stage, e.g. 'admissibility_sent'.")
      .def_property_readonly(
          "side_state", [](const Case& c) { return std::string(to_string(c.side_state())); },
          "'active', 'dropped_out' or 'archived' (apart from the stage).")
      .def_property_readonly("decision_reasons", &Case::decision_reasons,
                             "The certifier's reasons of the last admissibility decision, or ''.")
      .def_property_readonly("drop_reason", &Case::drop_reason,
                             "Reason of the last drop-out, or ''.")
      .def_property_readonly(
          "certification", [](const Case& c) { return c.state().certification; },
          "The certification chosen, or ''.")
      .def_property_readonly("events", &Case::events,
                             "The events, in order (a list of vaekit.Event).")
      .def_property_readonly(
          "version", [](const Case& c) { return c.events().size(); },
          "Number of events (the version used by CaseStore).")
      .def_property_readonly("loaded_version", &Case::loaded_version,
                             "The store version the case was loaded or last saved at (0: never "
                             "stored); CaseStore.save checks the store still holds exactly that.")
      .def(
          "record",
          [](Case& c, const std::string& ev, const py::object& at, const std::string& role,
             const py::kwargs& fields) { c.record(make_event(c.id(), ev, at, role, fields)); },
          py::arg("event"), py::arg("at"), py::arg("role"),
          "Records an event: keywords antenne, staff, certification, and data fields.")
      .def(
          "record_event", [](Case& c, const Event& e) { c.record(e); }, py::arg("event"),
          "Records a vaekit.Event (its case must be this one or empty).")
      .def(
          "allowed_events",
          [](const Case& c, const std::string& role, const DateLike& on) {
            return str_list(c.allowed_events(role_arg(role), on.get()));
          },
          py::arg("role"), py::arg("on"), "The events the role may record on that date.")
      .def(
          "activity",
          [](const Case& c, const DateLike& on) {
            return std::string(to_string(c.activity(on.get())));
          },
          py::arg("on"), "'active', 'inactive' or 'confirmed_inactive' on that date.")
      .def(
          "stage_history",
          [](const Case& c) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& [at, s] : c.stage_history())
              out.emplace_back(at.to_string(), std::string(to_string(s)));
            return out;
          },
          "(at, stage) after each event.")
      .def(
          "what_is_due", [](const Case& c, const DateLike& on) { return what_is_due(c, on.get()); },
          py::arg("on"), "What is due on this case on that date (a list of vaekit.DueItem).")
      .def(
          "__len__", [](const Case& c) { return c.events().size(); }, "Number of events.")
      .def(
          "__eq__", [](const Case& a, const Case& b) { return a == b; }, py::arg("other"),
          "Same id and events.")
      .def(
          "__repr__",
          [](const Case& c) {
            return "vaekit.Case('" + c.id() + "', stage='" + std::string(to_string(c.stage())) +
                   "', " + std::to_string(c.events().size()) + " events)";
          },
          "`vaekit.Case('id', stage=..., n events)`.");
  def_json_io<Case>(cls, "Case");
  def_json_pickle<Case>(cls);

  py::class_<Candidate> cand(m, "Candidate", R"doc(
The personal data of a candidate, kept apart from cases (analytics and exports never see it).
Its repr shows only the identifier.
)doc");
  cand.def(py::init([](std::string id, std::vector<std::string> case_ids) {
             Candidate c;
             c.id = std::move(id);
             c.case_ids = std::move(case_ids);
             return c;
           }),
           py::arg("id"), py::arg("case_ids") = std::vector<std::string>{}, "A candidate record.")
      .def_readwrite("id", &Candidate::id, "Candidate identifier (not personal).")
      .def_readwrite("case_ids", &Candidate::case_ids, "The candidate's cases.")
      .def_readwrite("family_name", &Candidate::family_name, "Nom de naissance.")
      .def_readwrite("given_names", &Candidate::given_names, "Prénoms.")
      .def_readwrite("civility", &Candidate::civility, "Civilité ('madame', 'monsieur') or ''.")
      .def_readwrite("usage_name", &Candidate::usage_name, "Nom d'usage, or ''.")
      .def_readwrite("birth_place", &Candidate::birth_place, "Lieu de naissance.")
      .def_readwrite("nationality", &Candidate::nationality, "Nationalité.")
      .def_readwrite("socio_professional_category", &Candidate::socio_professional_category,
                     "Catégorie socio-professionnelle (the status is `situation`).")
      .def_readwrite("birth_date", &Candidate::birth_date, "Date de naissance, or None.")
      .def_readwrite("email", &Candidate::email, "Courriel.")
      .def_readwrite("phone", &Candidate::phone, "Téléphone.")
      .def_readwrite("address", &Candidate::address, "Adresse.")
      .def_readwrite("situation", &Candidate::situation, "employee, jobseeker, ...")
      .def_readwrite("goals", &Candidate::goals, "The person's project.")
      .def_readwrite("highest_level", &Candidate::highest_level,
                     "Highest EU level held (1-8), or None.")
      .def_readwrite("certifications_held", &Candidate::certifications_held, "Certifications held.")
      .def_readwrite("left_initial_education_on", &Candidate::left_initial_education_on,
                     "End of initial studies, or None.")
      .def(
          "__repr__", [](const Candidate& c) { return "vaekit.Candidate('" + c.id + "')"; },
          "`vaekit.Candidate('id')` (no personal data).");
  def_json_io<Candidate>(cand, "Candidate");
  def_json_pickle<Candidate>(cand);

  // ---------------------------------------------------------------- eligibility
  py::class_<Experience> exp(m, "Experience", R"doc(
One experience: ``Experience(kind, period=None, hours=None, hours_per_week=35, rome=None,
related=None, text='', employer='', job_title='')``. Kinds: salaried, self_employed, volunteer, elected, union, athlete,
training, caregiver. Give a ``period`` (a DateRange, counted pro rata: 1,607 h per 365 days at
35 h a week) or ``hours`` (a total). Numbers may be int, float, Fraction or "n/d".
)doc");
  exp.def(py::init([](const std::string& kind, std::optional<DateRange> period,
                      const py::object& hours, const py::object& hours_per_week,
                      std::optional<std::string> rome, std::optional<bool> related,
                      std::string text, std::string employer, std::string job_title) {
            Experience x;
            x.kind = activity_kind_from_string(kind);
            x.period = period;
            if (!hours.is_none()) x.hours = to_rational(hours, "hours");
            x.hours_per_week = to_rational(hours_per_week, "hours_per_week");
            if (x.hours_per_week <= Rational(0))
              throw InvalidArgument("hours_per_week must be > 0");
            if (!x.period && !x.hours) throw InvalidArgument("give a period or hours");
            x.rome = rome.value_or("");
            x.related = related;
            x.text = std::move(text);
            x.employer = std::move(employer);
            x.job_title = std::move(job_title);
            return x;
          }),
          py::arg("kind"), py::arg("period") = py::none(), py::arg("hours") = py::none(),
          py::arg("hours_per_week") = 35, py::arg("rome") = py::none(),
          py::arg("related") = py::none(), py::arg("text") = "", py::arg("employer") = "",
          py::arg("job_title") = "", "An experience.")
      .def_readonly("employer", &Experience::employer, "Employer or organisation, or ''.")
      .def_readonly("job_title", &Experience::job_title, "Job title held, or ''.")
      .def_property_readonly(
          "kind", [](const Experience& x) { return std::string(to_string(x.kind)); }, "The kind.")
      .def_readonly("period", &Experience::period, "The period, or None.")
      .def_property_readonly(
          "hours",
          [](const Experience& x) {
            return x.hours ? to_fraction(*x.hours) : py::object(py::none());
          },
          "Total hours (a Fraction), or None.")
      .def_property_readonly(
          "hours_per_week", [](const Experience& x) { return to_fraction(x.hours_per_week); },
          "Weekly hours (a Fraction).")
      .def_readonly("rome", &Experience::rome, "ROME code or ''.")
      .def_readonly("related", &Experience::related, "Declared relevance, or None.")
      .def_readonly("text", &Experience::text, "Free description.")
      .def(
          "__eq__", [](const Experience& a, const Experience& b) { return a == b; },
          py::arg("other"), "Same fields.")
      .def(
          "__repr__",
          [](const Experience& x) {
            return "vaekit.Experience('" + std::string(to_string(x.kind)) + "', " +
                   (x.period ? x.period->to_string() : x.hours->to_string() + " h") + ")";
          },
          "`vaekit.Experience(kind, period or hours)`.");
  def_json_value_pickle(exp);

  py::class_<Reason>(m, "Reason", "A reason of a verdict: a stable `code` and a French `message`.")
      .def_readonly("code", &Reason::code, "Stable machine code, e.g. 'minimum_not_met'.")
      .def_readonly("message", &Reason::message, "The explanation in French.")
      .def(
          "__repr__", [](const Reason& r) { return "vaekit.Reason('" + r.code + "')"; },
          "`vaekit.Reason('code')`.");

  py::class_<EligibilityResult>(m, "EligibilityResult",
                                "The verdict on eligibility with its figures and reasons.")
      .def_readonly("eligible", &EligibilityResult::eligible, "The verdict.")
      .def_readonly("regime", &EligibilityResult::regime, "Name of the regime applied.")
      .def_readonly("on", &EligibilityResult::on, "Date of the assessment.")
      .def_property_readonly(
          "hours", [](const EligibilityResult& r) { return to_fraction(r.hours); },
          "Hours counted, exactly (a Fraction).")
      .def_property_readonly(
          "minimum_hours", [](const EligibilityResult& r) { return to_fraction(r.minimum_hours); },
          "The regime's minimum in hours (a Fraction).")
      .def_readonly("days", &EligibilityResult::days,
                    "Calendar days of counted experience (overlaps once).")
      .def_property_readonly(
          "training_hours",
          [](const EligibilityResult& r) { return to_fraction(r.training_hours); },
          "Training hours before the cap.")
      .def_property_readonly(
          "training_counted",
          [](const EligibilityResult& r) { return to_fraction(r.training_counted); },
          "Training hours after the cap.")
      .def_readonly("reasons", &EligibilityResult::reasons, "The reasons (vaekit.Reason).")
      .def_property_readonly(
          "links",
          [](const EligibilityResult& r) {
            std::vector<std::string> out;
            for (const auto& d : r.details) out.emplace_back(to_string(d.link));
            return out;
          },
          "Per experience, the relevance link that decided (declared, exact_rome, rome_parent, "
          "successor, not_checked, declared_unrelated, no_rome, unrelated).")
      .def_property_readonly(
          "counted_hours",
          [](const EligibilityResult& r) {
            std::vector<py::object> out;
            for (const auto& d : r.details) out.push_back(to_fraction(d.hours));
            return out;
          },
          "Per experience, the hours counted (0 for a duplicate, after the 48 h weekly cap).")
      .def_property_readonly(
          "codes",
          [](const EligibilityResult& r) {
            std::vector<std::string> out;
            for (const auto& x : r.reasons) out.push_back(x.code);
            return out;
          },
          "The reason codes.")
      .def(
          "__bool__", [](const EligibilityResult& r) { return r.eligible; }, "The verdict.")
      .def(
          "__repr__",
          [](const EligibilityResult& r) {
            return std::string("vaekit.EligibilityResult(eligible=") +
                   (r.eligible ? "True" : "False") + ", hours=" + r.hours.to_string() +
                   ", regime='" + r.regime + "')";
          },
          "Verdict, hours and regime.");

  m.def(
      "eligibility",
      [](const std::vector<Experience>& experiences, const DateLike& on,
         const py::object& certification, const py::object& registry, const RegimeSet* regimes,
         const RomeCatalog* rome) {
        std::optional<CertificationTarget> target;
        if (!certification.is_none()) {
          if (py::isinstance<Certification>(certification)) {
            const auto& c = certification.cast<const Certification&>();
            if (!registry.is_none() && registry.cast<const Registry&>().contains(c.code)) {
              target =
                  certification_target(registry.cast<const Registry&>(), c.code, on.get(), rome);
            } else {
              target = CertificationTarget{c.code, c.rome_codes()};
            }
          } else if (py::isinstance<py::str>(certification)) {
            if (registry.is_none()) {
              throw InvalidArgument(
                  "certification given as a code: pass registry= to find its ROME codes");
            }
            target = certification_target(registry.cast<const Registry&>(),
                                          certification.cast<std::string>(), on.get(), rome);
          } else {
            throw InvalidArgument("certification: expected a code or a vaekit.Certification");
          }
        }
        const Date d = on.get();
        py::gil_scoped_release release;
        return assess_eligibility(experiences, d, regimes ? *regimes : RegimeSet::builtin(),
                                  target ? &*target : nullptr);
      },
      py::arg("experiences"), py::arg("on"), py::arg("certification") = py::none(),
      py::arg("registry") = py::none(), py::arg("regimes") = nullptr, py::arg("rome") = nullptr,
      R"doc(Eligibility to VAE on a date under the regime in force, counted exactly.

Relevance (vaekit's one rule, shared with suggestions, orientation and the admissibility request):
``related`` where given, else the experience's ROME code is one of the certification's, or shares
its ROME v3 parent (with a ``rome`` vaekit.RomeCatalog), or is one of a certification it replaces
(with ``registry``); each count's ``link`` says which. Without a certification relevance is not
checked. Concurrent activities count at most 48 h a week (Code du travail L3121-20); the same
period entered twice counts once. Returns a vaekit.EligibilityResult.)doc");

  // ---------------------------------------------------------------- what is due
  py::class_<DueItem>(m, "DueItem", "Something due on a case: kind, since when, message in French.")
      .def_readonly("case_id", &DueItem::case_id, "The case.")
      .def_property_readonly(
          "kind", [](const DueItem& d) { return std::string(to_string(d.kind)); },
          "decision_overdue, jury_to_schedule, jury_result_missing, start_overdue, "
          "inactive, confirmed_inactive, quota_conflict, lapse_due or followup_due.")
      .def_readonly("due", &DueItem::due, "Since when it is due.")
      .def_readonly("message", &DueItem::message, "In French, without personal data.")
      .def_property_readonly(
          "implied_decision",
          [](const DueItem& d) {
            return d.implied_decision
                       ? py::object(py::str(std::string(to_string(*d.implied_decision))))
                       : py::object(py::none());
          },
          "For decision_overdue: the decision by silence ('admissible' or 'not_admissible').")
      .def(
          "__repr__",
          [](const DueItem& d) {
            return "vaekit.DueItem('" + d.case_id + "', '" + std::string(to_string(d.kind)) +
                   "', " + d.due.to_string() + ")";
          },
          "`vaekit.DueItem(case, kind, due)`.");
  m.def(
      "what_is_due",
      [](const std::vector<Case>& cases, const DateLike& on,
         const std::vector<Candidate>& candidates) {
        const Date d = on.get();
        py::gil_scoped_release release;
        return what_is_due(cases, d, person_index(candidates));
      },
      py::arg("cases"), py::arg("on"), py::arg("candidates") = std::vector<Candidate>{},
      "What is due over a network of cases on a date (candidates link cases for the quota "
      "checks).");

  // ---------------------------------------------------------------- event log
  py::class_<EventRecords>(
      m, "EventRecords",
      "An event log v1 as read row by row: header, events, rejects (read == accepted + "
      "rejected).\n\nFor analytics use vaekit.EventLog (columnar) instead.")
      .def_property_readonly(
          "header",
          [](const EventRecords& l) {
            py::dict d;
            if (!l.header.present) return d;
            d["schema"] = "EventLog.1";
            if (!l.header.source.empty()) d["source"] = l.header.source;
            if (!l.header.created.empty()) d["created"] = l.header.created;
            if (l.header.pseudonymised) d["pseudonymised"] = *l.header.pseudonymised;
            if (l.header.extra.is_object()) {
              for (const auto& [k, v] : l.header.extra.items()) d[py::str(k)] = json_to_python(v);
            }
            return d;
          },
          "The header fields (empty dict when the log has none).")
      .def_readonly("events", &EventRecords::events, "Accepted events, in file order.")
      .def_readonly("lines", &EventRecords::lines, "Line number of each accepted event.")
      .def_readonly("rejects", &EventRecords::rejects, "Records set aside (lenient mode).")
      .def_readonly("records_read", &EventRecords::records_read,
                    "Records read (header and blank lines excluded).")
      .def(
          "cases",
          [](const EventRecords& l, bool strict) {
            py::gil_scoped_release release;
            auto r = replay(l, read_mode(strict));
            return std::make_pair(std::move(r.cases), std::move(r.rejects));
          },
          py::arg("strict") = true,
          "Replays the events into cases: (cases, rejects); strict raises vaekit.TransitionError.")
      .def(
          "__len__", [](const EventRecords& l) { return l.events.size(); },
          "Number of accepted events.")
      .def(
          "__repr__",
          [](const EventRecords& l) {
            return "vaekit.EventRecords(" + std::to_string(l.events.size()) + " events, " +
                   std::to_string(l.rejects.size()) + " rejects)";
          },
          "Counts.");

  py::class_<CaseStates>(m, "CaseStates", R"doc(
The cases of a whole event log folded through the transition table, without their events.

What ``vaekit.read_case_states(path)`` gives: the current stage and side state of every case of a
log (a million cases in about a second), for when the events themselves are not needed. The states
equal those of ``vaekit.read_event_log(path).cases()`` case for case.
)doc")
      .def(
          "__len__", [](const CaseStates& s) { return s.states.size(); }, "Number of cases.")
      .def(
          "__contains__",
          [](const CaseStates& s, std::string_view id) { return s.find(id) != nullptr; },
          py::arg("case_id"), "Whether the log has case `case_id`.")
      .def_property_readonly(
          "ids", [](const CaseStates& s) { return s.ids.strings(); },
          "Case identifiers, in order of first appearance.")
      .def(
          "stage",
          [](const CaseStates& s, std::string_view id) {
            const CaseState* st = s.find(id);
            if (st == nullptr)
              throw NotFound(excerpt(id), "case " + excerpt(id) + " is not in the log");
            return std::string(to_string(st->stage));
          },
          py::arg("case_id"), "The stage of case `case_id` (raises vaekit.NotFound).")
      .def(
          "side_state",
          [](const CaseStates& s, std::string_view id) {
            const CaseState* st = s.find(id);
            if (st == nullptr)
              throw NotFound(excerpt(id), "case " + excerpt(id) + " is not in the log");
            return std::string(to_string(st->side));
          },
          py::arg("case_id"), "The side state of case `case_id` (raises vaekit.NotFound).")
      .def(
          "stage_counts",
          [](const CaseStates& s) {
            std::map<std::string, std::size_t> out;
            for (const CaseState& st : s.states) ++out[std::string(to_string(st.stage))];
            return out;
          },
          "Number of cases in each stage.")
      .def_readonly("rejects", &CaseStates::rejects,
                    "Records and refused events set aside (lenient mode).")
      .def_readonly("records_read", &CaseStates::records_read,
                    "Records read (header and blank lines excluded).")
      .def_readonly("events_applied", &CaseStates::events_applied,
                    "Events accepted by the transition table.")
      .def_readonly("events_refused", &CaseStates::events_refused,
                    "Events refused by the transition table (lenient mode; among the rejects).")
      .def(
          "__repr__",
          [](const CaseStates& s) {
            return "vaekit.CaseStates(" + std::to_string(s.states.size()) + " cases, " +
                   std::to_string(s.events_applied) + " events, " +
                   std::to_string(s.rejects.size()) + " rejects)";
          },
          "Counts.");
  m.def(
      "read_case_states",
      [](const std::filesystem::path& path, bool strict) {
        py::gil_scoped_release release;
        return read_case_states(path, read_mode(strict));
      },
      py::arg("path"), py::arg("strict") = true,
      "Replays an event-log file into case states (vaekit.CaseStates) without keeping the events; "
      "strict raises vaekit.ParseError or vaekit.TransitionError at the first bad line, lenient "
      "collects rejects.");
  m.def(
      "parse_case_states",
      [](const std::string& text, bool strict, const std::string& source) {
        py::gil_scoped_release release;
        return parse_case_states(text, source, read_mode(strict));
      },
      py::arg("text"), py::arg("strict") = true, py::arg("source") = "<string>",
      "Replays an event log v1 given as text into case states (see read_case_states).");
  m.def(
      "read_event_log",
      [](const std::filesystem::path& path, bool strict) {
        py::gil_scoped_release release;
        return read_event_log(path, read_mode(strict));
      },
      py::arg("path"), py::arg("strict") = true,
      "Reads an event log v1 (JSON Lines); strict raises vaekit.ParseError at the first bad line, "
      "lenient collects rejects.");
  m.def(
      "parse_event_log",
      [](const std::string& text, bool strict, const std::string& source) {
        py::gil_scoped_release release;
        return parse_event_log(text, source, read_mode(strict));
      },
      py::arg("text"), py::arg("strict") = true, py::arg("source") = "<string>",
      "Parses an event log v1 from text.");
  m.def(
      "write_event_log",
      [](const std::filesystem::path& path, const std::vector<Event>& events,
         std::optional<std::string> source) {
        EventLogHeader h;
        h.present = source.has_value();
        h.source = source.value_or("");
        py::gil_scoped_release release;
        write_event_log(path, events, h);
      },
      py::arg("path"), py::arg("events"), py::arg("source") = py::none(),
      "Writes events as an event log v1, atomically (with a header when source is given).");
  m.def(
      "transition_table",
      []() {
        py::list out;
        for (const Transition& t : transition_table()) {
          py::dict row;
          py::list from, roles;
          for (std::size_t s = 0; s < stage_count; ++s) {
            if (contains(t.from, static_cast<Stage>(s)))
              from.append(std::string(to_string(static_cast<Stage>(s))));
          }
          for (std::size_t r = 0; r < role_count; ++r) {
            if (contains(t.roles, static_cast<Role>(r)))
              roles.append(std::string(to_string(static_cast<Role>(r))));
          }
          row["from"] = from;
          row["event"] = std::string(to_string(t.event));
          row["when"] = std::string(to_string(t.when));
          row["to"] =
              t.to ? py::object(py::str(std::string(to_string(*t.to)))) : py::object(py::none());
          row["roles"] = roles;
          row["guard"] = std::string(to_string(t.guard));
          row["era"] = std::string(to_string(t.era));
          row["note"] = std::string(t.note);
          out.append(row);
        }
        return out;
      },
      "The transition table as a list of dicts (from, event, when, to, roles, guard, note, era: "
      "'any', 'vae_2017' or 'france_vae').");
  m.def(
      "event_vocabulary",
      []() {
        py::list out;
        for (const FieldSpec& f : event_data_fields) {
          py::dict row;
          py::list values, events, required;
          for (std::string_view v : f.values) values.append(std::string(v));
          for (std::size_t k = 0; k < event_kind_count; ++k) {
            const auto e = static_cast<EventKind>(k);
            if (contains(f.events, e)) events.append(std::string(to_string(e)));
            if (contains(f.required, e)) required.append(std::string(to_string(e)));
          }
          row["name"] = std::string(f.name);
          row["type"] = std::string(to_string(f.type));
          row["values"] = values;
          row["events"] = events;
          row["required"] = required;
          row["only_on_events"] = f.only_on_events;
          const bool ranged = f.type == FieldType::integer || f.type == FieldType::number;
          row["min"] = ranged ? py::object(py::float_(f.min)) : py::object(py::none());
          row["max"] = ranged ? py::object(py::float_(f.max)) : py::object(py::none());
          row["step"] =
              f.type == FieldType::integer ? py::object(py::int_(f.step)) : py::object(py::none());
          row["free_text"] = f.free_text;
          row["personal"] = f.personal;
          row["payload"] = std::string(to_string(f.payload));
          row["meaning"] = std::string(f.meaning);
          out.append(row);
        }
        return out;
      },
      "The data fields of the event log v1 (the vocabulary table, one dict per field, in the "
      "order of the columns): name, type ('enumeration', 'date', 'integer', 'number', "
      "'boolean', 'text', 'text_list'), values (the allowed names of an enumeration), events "
      "(that carry it), required (events that require it), only_on_events (refused on other "
      "events), min and max (integer and number, else None), step (integer: the value is min plus "
      "a multiple of it, else None), free_text, personal, payload "
      "(how the columnar EventLog keeps it: 'none', 'value', 'flag') and meaning.");
  m.def(
      "event_vocabulary_markdown", []() { return vocabulary_markdown(); },
      "The Markdown tables of docs/formats/event-log.md (events and data fields), generated from "
      "the vocabulary table.");
  bind_pathway_counsel(m);
}

}  // namespace vaekit::python
