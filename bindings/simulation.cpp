// Python bindings of the simulation area: Scenario, simulate(), SimulationResult (its log is the
// analytics EventLog), QueueStats.
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl/filesystem.h>

#include <sstream>

#include "common.hpp"
#include "vaekit/simulation/simulator.hpp"
#include "vaekit/simulation/tables.hpp"

namespace vaekit::python {
namespace {

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

std::string fmt(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

std::vector<Date> dates_of(const std::vector<DateLike>& v) {
  std::vector<Date> out;
  out.reserve(v.size());
  for (const auto& d : v) out.push_back(d.get());
  return out;
}

Json antenne_json(const AntenneSpec& a) {
  return Json{{"id", a.id},
              {"share", a.share},
              {"counsellors", a.counsellors},
              {"assistants", a.assistants}};
}
AntenneSpec antenne_of(const Json& j) {
  return AntenneSpec{json_field<std::string>(j, "id"), json_field<double>(j, "share"),
                     json_field<int>(j, "counsellors"), json_field<int>(j, "assistants")};
}
Json target_json(const CalibrationTarget& t) {
  return Json{
      {"metric", t.metric}, {"value", t.value}, {"tolerance", t.tolerance}, {"source", t.source}};
}
CalibrationTarget target_of(const Json& j) {
  return CalibrationTarget{json_field<std::string>(j, "metric"), json_field<double>(j, "value"),
                           json_field<double>(j, "tolerance"),
                           json_field<std::string>(j, "source")};
}
// Pickling of a small value through a JSON text made by @p to and read by @p from.
template <class T, class Cls, class To, class From>
void def_small_pickle(Cls& cls, To to, From from) {
  cls.def(py::pickle([to](const T& v) { return py::make_tuple(to(v).dump()); },
                     [from](const py::tuple& t) {
                       if (t.size() != 1) throw InvalidArgument("invalid pickle state");
                       return from(parse_json(t[0].cast<std::string>(), "<pickle>"));
                     }));
}

}  // namespace

void bind_simulation(py::module_& m) {
  py::class_<AntenneSpec> ant(m, "Antenne", R"doc(
One antenne of a simulated network: its id, its share of the arrivals, its counsellors and
assistants. Scenario.antennes returns copies: assign the edited list back.)doc");
  ant.def(py::init([](std::string id, double share, int counsellors, int assistants) {
            return AntenneSpec{std::move(id), share, counsellors, assistants};
          }),
          py::arg("id"), py::arg("share"), py::arg("counsellors"), py::arg("assistants") = 1,
          "An antenne (share of arrivals in [0, 1]; at least one counsellor and one assistant).")
      .def_readwrite("id", &AntenneSpec::id, "Identifier, e.g. 'IDF-75A'.")
      .def_readwrite("share", &AntenneSpec::share, "Share of the network's arrivals.")
      .def_readwrite("counsellors", &AntenneSpec::counsellors, "Number of counsellors.")
      .def_readwrite("assistants", &AntenneSpec::assistants, "Number of assistants.")
      .def(py::self == py::self, "Field-wise equality.")
      .def(
          "__repr__",
          [](const AntenneSpec& a) {
            return "vaekit.Antenne('" + a.id + "', share=" + fmt(a.share) +
                   ", counsellors=" + std::to_string(a.counsellors) +
                   ", assistants=" + std::to_string(a.assistants) + ")";
          },
          "Short description.");
  def_small_pickle<AntenneSpec>(ant, antenne_json, antenne_of);

  py::class_<CalibrationTarget> tgt(
      m, "CalibrationTarget",
      "A calibration target of a scenario: metric, value, tolerance, source.");
  tgt.def_readonly("metric", &CalibrationTarget::metric,
                   "Metric name (see simulation_metric_names()).")
      .def_readonly("value", &CalibrationTarget::value, "Target value.")
      .def_readonly("tolerance", &CalibrationTarget::tolerance, "Accepted absolute difference.")
      .def_readonly("source", &CalibrationTarget::source, "Where the value comes from.")
      .def(
          "__repr__",
          [](const CalibrationTarget& t) {
            return "vaekit.CalibrationTarget(" + t.metric + " = " + fmt(t.value) + " ± " +
                   fmt(t.tolerance) + ")";
          },
          "Short description.");
  def_small_pickle<CalibrationTarget>(tgt, target_json, target_of);

  py::class_<Scenario> sc(m, "Scenario", R"doc(
Every parameter of a simulated counselling network (schema-tagged JSON `Scenario.1`, read
strictly: an unknown field, a wrong type or shares not summing to 1 raise vaekit.ParseError naming
the field). Scenario.builtin("idf-2014") is the shipped calibrated scenario. The common knobs are
properties; any other field can be changed with updated({"jury.wait_days.median": 90}) or through
to_json()/from_json().)doc");
  sc.def_static(
        "load", [](const std::filesystem::path& p) { return load_document<Scenario>(p); },
        py::arg("path"), "Reads a scenario file (JSON, `Scenario.1`).")
      .def_static("builtin", &Scenario::builtin, py::arg("name"),
                  "A shipped scenario by name, e.g. 'idf-2014'; raises vaekit.NotFound.")
      .def_static("builtin_names", &Scenario::builtin_names, "The names of the shipped scenarios.")
      .def("validate", &Scenario::validate,
           "Checks every constraint; raises vaekit.InvalidArgument naming the field.")
      .def_readwrite("name", &Scenario::name, "Stable identifier.")
      .def_readwrite("title", &Scenario::title, "Description.")
      .def_readwrite("period", &Scenario::period, "Arrival period (vaekit.DateRange).")
      .def_property(
          "horizon", [](const Scenario& s) { return s.horizon; },
          [](Scenario& s, const DateLike& d) { s.horizon = d.get(); },
          "Last day simulated: later events are cut.")
      .def_readwrite("calendar", &Scenario::calendar,
                     "Working days (vaekit.FrenchCalendar), or None for a calendar-free queue.")
      .def_readwrite("case_prefix", &Scenario::case_prefix, "Prefix of the case ids.")
      .def_property(
          "scope", [](const Scenario& s) { return std::string(to_string(s.scope)); },
          [](Scenario& s, const std::string& v) {
            if (v == "pathway")
              s.scope = SimulationScope::pathway;
            else if (v == "first_appointment")
              s.scope = SimulationScope::first_appointment;
            else
              throw InvalidArgument("scope is 'pathway' or 'first_appointment'");
          },
          "'pathway' (reception to jury) or 'first_appointment' (the queue only).")
      .def_property(
          "arrival_process",
          [](const Scenario& s) { return std::string(to_string(s.arrival_process)); },
          [](Scenario& s, const std::string& v) {
            if (v == "fixed")
              s.arrival_process = ArrivalProcess::fixed;
            else if (v == "poisson")
              s.arrival_process = ArrivalProcess::poisson;
            else if (v == "exponential")
              s.arrival_process = ArrivalProcess::exponential;
            else
              throw InvalidArgument("arrival_process is 'fixed', 'poisson' or 'exponential'");
          },
          "'fixed' (exact monthly counts), 'poisson' (daily Poisson counts) or 'exponential' "
          "(homogeneous, for queueing checks).")
      .def_readwrite("yearly_volume", &Scenario::yearly_volume,
                     "Expected people received per year (network).")
      .def_readwrite("seasonality", &Scenario::seasonality, "12 monthly weights of the arrivals.")
      .def_readwrite("antennes", &Scenario::antennes,
                     "The antennes (copies: assign the edited list back).")
      .def_property(
          "counsellors", &Scenario::counsellor_count, &Scenario::set_counsellor_count,
          "Counsellors of the network; setting it spreads them over the antennes in proportion.")
      .def_property_readonly("assistants", &Scenario::assistant_count, "Assistants of the network.")
      .def_readwrite("receptions_per_assistant_per_day",
                     &Scenario::receptions_per_assistant_per_day,
                     "People one assistant receives a working day (0: unlimited).")
      .def_readwrite("booking_lead_days", &Scenario::booking_lead_days,
                     "Earliest first appointment, in days after reception.")
      .def_readwrite("first_appointment_hours_per_day", &Scenario::first_appointment_hours_per_day,
                     "Hours a working day each counsellor gives to first appointments.")
      .def_readwrite("no_show", &Scenario::no_show, "Probability of missing the first appointment.")
      .def_property(
          "training_days", [](const Scenario& s) { return s.training_days; },
          [](Scenario& s, const std::vector<DateLike>& v) { s.training_days = dates_of(v); },
          "Counsellors' professionalisation days (no appointment on these dates).")
      .def_property_readonly(
          "targets", [](const Scenario& s) { return s.targets; }, "Calibration targets.")
      .def(py::self == py::self, "Field-wise equality.")
      .def(
          "__repr__",
          [](const Scenario& s) {
            return "vaekit.Scenario('" + s.name + "', " + s.period.to_string() + ", " +
                   fmt(s.yearly_volume) + " a year, " + std::to_string(s.antennes.size()) +
                   " antennes, " + std::to_string(s.counsellor_count()) + " counsellors)";
          },
          "Short description.");
  def_json_io<Scenario>(sc, "scenario");
  def_json_pickle<Scenario>(sc);

  py::class_<CounsellorLoad> load(
      m, "CounsellorLoad", "First-appointment workload of one counsellor over the arrival period.");
  load.def_readonly("staff", &CounsellorLoad::staff, "Staff id, e.g. 'CO07'.")
      .def_readonly("antenne", &CounsellorLoad::antenne, "Antenne id.")
      .def_readonly("appointments", &CounsellorLoad::appointments,
                    "First appointments started in the period.")
      .def_readonly("busy_hours", &CounsellorLoad::busy_hours, "Hours of those appointments.")
      .def_readonly("available_hours", &CounsellorLoad::available_hours,
                    "Hours offered for first appointments.")
      .def_property_readonly("utilisation", &CounsellorLoad::utilisation,
                             "busy_hours / available_hours.")
      .def(
          "__repr__",
          [](const CounsellorLoad& c) {
            return "vaekit.CounsellorLoad(" + c.staff + ", " + c.antenne +
                   ", utilisation=" + fmt(c.utilisation()) + ")";
          },
          "Short description.");
  def_small_pickle<CounsellorLoad>(
      load,
      [](const CounsellorLoad& c) {
        return Json{{"staff", c.staff},
                    {"antenne", c.antenne},
                    {"appointments", c.appointments},
                    {"busy_hours", c.busy_hours},
                    {"available_hours", c.available_hours}};
      },
      [](const Json& j) {
        return CounsellorLoad{
            json_field<std::string>(j, "staff"), json_field<std::string>(j, "antenne"),
            json_field<std::uint64_t>(j, "appointments"), json_field<double>(j, "busy_hours"),
            json_field<double>(j, "available_hours")};
      });

  py::class_<QueueStats> q(m, "QueueStats", R"doc(
Statistics of the first-appointment queue: the wait of each person (days), per-counsellor
utilisation. to_pandas() gives the counsellors' table, waits_to_pandas() one row per person.)doc");
  q.def("to_table", &queue_table,
        "The counsellors' first-appointment workload as a vaekit.Table, one row per counsellor.")
      .def("waits_table", &waits_table,
           "One row per person given a first appointment (case, wait_days) as a vaekit.Table.")
      .def_property_readonly(
          "waits", [](const QueueStats& s) { return to_numpy(s.waits); },
          "Wait of each person given an appointment, in days (numpy array, case order).")
      .def_property_readonly(
          "wait_case", [](const QueueStats& s) { return to_numpy(s.wait_case); },
          "Case index (into the log's cases) of each wait (numpy array).")
      .def_readonly("counsellors", &QueueStats::counsellors,
                    "Per counsellor (vaekit.CounsellorLoad).")
      .def_readonly("arrivals", &QueueStats::arrivals, "People who came (received or not).")
      .def_readonly("unserved", &QueueStats::unserved,
                    "People without an appointment before the horizon.")
      .def_readonly("mean_reception_delay", &QueueStats::mean_reception_delay,
                    "Mean days between contact and reception (assistants' backlog).")
      .def_property_readonly("served", &QueueStats::served, "Number of waits.")
      .def_property_readonly("mean_wait", &QueueStats::mean_wait, "Mean wait in days.")
      .def_property_readonly("mean_utilisation", &QueueStats::mean_utilisation,
                             "Mean utilisation of the counsellors.")
      .def("probability_of_wait", &QueueStats::probability_of_wait, py::arg("threshold") = 0.0,
           "Share of people whose wait exceeds threshold days.")
      .def("quantile", &QueueStats::quantile, py::arg("q"),
           "The q quantile of the waits (linear interpolation).")
      .def(py::self == py::self, "Field-wise equality.")
      .def(
          "__repr__",
          [](const QueueStats& s) {
            return "vaekit.QueueStats(" + std::to_string(s.served()) + " served, mean wait " +
                   fmt(s.mean_wait()) + " days, utilisation " + fmt(s.mean_utilisation()) + ")";
          },
          "Short description.");
  def_json_value_pickle(q);

  py::class_<TargetCheck> chk(m, "TargetCheck", "A calibration target checked against a run.");
  chk.def_property_readonly(
         "metric", [](const TargetCheck& t) { return t.target.metric; }, "Metric name.")
      .def_property_readonly(
          "target", [](const TargetCheck& t) { return t.target.value; }, "Target value.")
      .def_property_readonly(
          "tolerance", [](const TargetCheck& t) { return t.target.tolerance; }, "Tolerance.")
      .def_property_readonly(
          "source", [](const TargetCheck& t) { return t.target.source; }, "Source of the target.")
      .def_readonly("measured", &TargetCheck::measured, "The value measured on the run.")
      .def_property_readonly("ok", &TargetCheck::ok, "Whether |measured - target| <= tolerance.")
      .def(
          "__repr__",
          [](const TargetCheck& t) {
            return "vaekit.TargetCheck(" + t.target.metric + ": " + fmt(t.measured) + " vs " +
                   fmt(t.target.value) + " ± " + fmt(t.target.tolerance) +
                   (t.ok() ? ", ok)" : ", MISSED)");
          },
          "Short description.");
  def_small_pickle<TargetCheck>(
      chk,
      [](const TargetCheck& t) {
        return Json{{"target", target_json(t.target)}, {"measured", t.measured}};
      },
      [](const Json& j) {
        return TargetCheck{target_of(json_field<Json>(j, "target")),
                           json_field<double>(j, "measured")};
      });

  py::class_<SimulationResult> res(m, "SimulationResult", R"doc(
The outcome of vaekit.simulate(): .log (a vaekit.EventLog, the event log v1 as columns, ready for
every report), .queue (vaekit.QueueStats), .metrics (dict), check_targets(), write_jsonl(path).
Pickles through its JSON form (scenario, seed, log columns, queue, metrics).)doc");
  res.def_property_readonly("log", &SimulationResult::log,
                            py::return_value_policy::reference_internal,
                            "The event log (vaekit.EventLog; empty when record_log=False).")
      .def_property_readonly("scenario", &SimulationResult::scenario,
                             "The scenario run (with the training days used).")
      .def_property_readonly("seed", &SimulationResult::seed, "The seed.")
      .def_property_readonly("queue", &SimulationResult::queue,
                             py::return_value_policy::reference_internal,
                             "The first-appointment queue statistics.")
      .def_property_readonly("metrics", &SimulationResult::metrics, "The run's metrics by name.")
      .def("metric", &SimulationResult::metric, py::arg("name"),
           "One metric; raises vaekit.NotFound.")
      .def("check_targets", &SimulationResult::check_targets,
           "The scenario's calibration targets checked against this run.")
      .def(
          "targets_table",
          [](const SimulationResult& r) { return targets_table(r.check_targets()); },
          "The calibration targets with the measured values as a vaekit.Table (metric, target, "
          "tolerance, measured, ok, source).")
      .def("event", &SimulationResult::event, py::arg("i"),
           "Event i with every data field (vaekit.Event).")
      .def(
          "to_jsonl",
          [](const SimulationResult& r) {
            py::gil_scoped_release nogil;
            return r.to_jsonl();
          },
          "The log as JSON Lines text (event log v1 with a header).")
      .def(
          "write_jsonl",
          [](const SimulationResult& r, const std::filesystem::path& p) {
            py::gil_scoped_release nogil;
            r.write_jsonl(p);
          },
          py::arg("path"),
          "Writes the log as JSON Lines (event log v1, every data field), atomically.")
      .def(
          "__len__", [](const SimulationResult& r) { return r.log().size(); }, "Number of events.")
      .def(py::self == py::self, "Field-wise equality.")
      .def(
          "__repr__",
          [](const SimulationResult& r) {
            return "vaekit.SimulationResult('" + r.scenario().name +
                   "', seed=" + std::to_string(r.seed()) + ", " + std::to_string(r.log().size()) +
                   " events, " + fmt(r.metrics().at("received")) + " received)";
          },
          "Short description.");
  def_json_io<SimulationResult>(res, "simulation result");
  def_json_pickle<SimulationResult>(res);

  m.def(
      "simulate",
      [](const Scenario& scenario, std::uint64_t seed,
         const std::optional<std::vector<DateLike>>& training_days, bool record_log) {
        SimulationOptions o;
        o.seed = seed;
        if (training_days) o.training_days = dates_of(*training_days);
        o.record_log = record_log;
        py::gil_scoped_release nogil;
        return simulate(scenario, o);
      },
      py::arg("scenario"), py::kw_only(), py::arg("seed") = 1,
      py::arg("training_days") = py::none(), py::arg("record_log") = true,
      R"doc(Runs a scenario (the GIL is released). Same scenario and seed, same log bit for bit.
training_days (dates) replaces the scenario's professionalisation days, e.g. a training Plan's
dates; record_log=False skips the event log (statistics only, faster).)doc");
  m.def("simulation_metric_names", &simulation_metric_names,
        "The metric names a run reports and targets may name.");
}

}  // namespace vaekit::python
