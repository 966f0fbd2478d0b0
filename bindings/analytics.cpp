// Python bindings of the analytics area: the columnar event log, the activity report, tables
// (pandas, Arrow PyCapsule stream), disclosure control, pseudonyms, process views and exports.
#include <pybind11/operators.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#include "common.hpp"
#include "publication.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/analytics/process.hpp"
#include "vaekit/analytics/pseudonym.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/registry/registry.hpp"

namespace vaekit::python {

void bind_analytics_employment(py::module_& m);  // bindings/analytics_employment.cpp

namespace {

/// The export options of to_xes / to_ocel: free text only when asked, from the given events.
void write_export(const EventLog& l, const std::filesystem::path& p, bool include_free_text,
                  const std::optional<std::vector<Event>>& events, bool ocel) {
  if (include_free_text && !events) {
    throw InvalidArgument(
        "include_free_text=True needs events=: the events of the same log read with "
        "vaekit.read_event_log (this columnar log holds no free text)");
  }
  ExportOptions options;
  options.include_free_text = include_free_text;
  if (events) options.events = *events;
  py::gil_scoped_release nogil;
  if (ocel) {
    write_ocel(l, p, options);
  } else {
    write_xes(l, p, options);
  }
}

PseudonymKey key_of(const py::object& key) {
  if (py::isinstance<PseudonymKey>(key)) return key.cast<PseudonymKey>();
  if (py::isinstance<py::bytes>(key)) return PseudonymKey(key.cast<std::string>());
  if (py::isinstance<py::str>(key)) return PseudonymKey(key.cast<std::string>());
  throw InvalidArgument("a pseudonym key is bytes, str or vaekit.PseudonymKey");
}

using TablePtr = std::shared_ptr<Table>;
using PublishedPtr = std::shared_ptr<PublishedReport>;

/// A published table as a vaekit.Table sharing the report's memory (no copy): the table keeps
/// its report alive.
TablePtr table_view(const PublishedPtr& p, const Table& t) {
  return TablePtr(p, const_cast<Table*>(&t));
}

/// An optional count or figure as Python (None: suppressed).
template <class V>
py::object opt_py(const std::optional<V>& v) {
  return v ? py::cast(*v) : py::none();
}

/// The events of a columnar log that the report's annexes read (employment, funding): juries,
/// follow-ups, profiles, funding requests and decisions, and every event naming a certification
/// (a case's certification is that of its last such event). Nothing else is materialised.
std::vector<Event> annex_events(const EventLog& l) {
  const auto kinds = l.kind_column();
  const auto certs = l.certification_column();
  std::vector<Event> out;
  for (std::size_t i = 0; i < l.size(); ++i) {
    switch (kinds[i]) {
      case EventKind::jury_held:
      case EventKind::followup_recorded:
      case EventKind::profile_recorded:
      case EventKind::funding_requested:
      case EventKind::funding_decided: out.push_back(l.event(i)); break;
      default:
        if (certs[i] != no_string) out.push_back(l.event(i));
    }
  }
  return out;
}

/// The latest event date of a non-empty log (the default as-of date of the follow-ups).
Date latest_date(const EventLog& l) {
  std::int32_t day = l.day(0);
  for (std::size_t i = 1; i < l.size(); ++i) day = std::max(day, l.day(i));
  return Date::from_days(day);
}

/// The one set of views of a publication, shared by PublishedReport (the publication itself,
/// `self` its holder) and ActivityReport (a publication at the report's threshold made on each
/// call, `publish(self)`): the tables by name, the summary, the withheld cells, the documents.
template <class Self, class Cls, class Publish>
void def_publication_views(Cls& cls, Publish publish, const std::string& how) {
  static const std::array<std::pair<const char*, const char*>, 4> tables = {{
      {"funnel", "Funnel per cohort year and antenne (antenne None: totals)"},
      {"durations", "Durations in days: count, mean, median, p90 per measure"},
      {"monthly", "Monthly activity per antenne"},
      {"workload", "appointment_held per staff member and month"},
  }};
  for (const auto& [name, doc] : tables) {
    const std::string table_name = name;
    cls.def_property_readonly(
        name,
        [publish, table_name](Self self) {
          const PublishedPtr p = publish(self);
          return table_view(p, p->table(table_name));
        },
        (std::string(doc) + how + " (a vaekit.Table; suppressed cells are None).").c_str());
  }
  cls.def(
         "table",
         [publish](Self self, const std::string& name) {
           const PublishedPtr p = publish(self);
           return table_view(p, p->table(name));
         },
         py::arg("name"),
         ("The published table called `name` ('funnel', 'durations', 'monthly', 'workload', "
          "'by_profile', 'by_channel', 'dropout_reasons', 'employment', 'funding_mix', "
          "'funding_cost', 'outcomes_by_certification', 'outcomes_by_level', "
          "'outcomes_by_certifier')" +
          how + "; vaekit.NotFound otherwise.")
             .c_str())
      .def_property_readonly(
          "tables",
          [publish](Self self) {
            const PublishedPtr p = publish(self);
            py::dict d;
            for (const auto& [name, doc] : tables) d[name] = table_view(p, p->table(name));
            for (const Table* t : p->optional_tables()) {
              if (t->rows() > 0) d[py::str(t->name())] = table_view(p, *t);
            }
            return d;
          },
          ("The published tables by name: the four of every report, 'by_profile' when the "
           "log records profiles, 'by_channel' and 'dropout_reasons' when it codes a channel or "
           "a drop-out reason, and the annexes published with it (employment, funding_mix, "
           "funding_cost, the outcome tables) when they have rows" +
           how + ".")
              .c_str())
      .def_property_readonly(
          "by_profile",
          [publish](Self self) {
            const PublishedPtr p = publish(self);
            return table_view(p, p->by_profile);
          },
          ("The funnel, outcomes and rates by profile attribute (issue 15): year, attribute, "
           "value (a code, or 'not_recorded'), the funnel's counts, then counselled_rate, "
           "admissible_rate, jury_rate, full_rate, partial_rate, dropout_rate from the published "
           "counts; no row when the log records no profile" +
           how + " (a vaekit.Table; suppressed cells are None).")
              .c_str())
      .def_property_readonly(
          "by_channel",
          [publish](Self self) {
            const PublishedPtr p = publish(self);
            return table_view(p, p->by_channel);
          },
          ("Reception by channel (issue 15): year, antenne (None: totals), value (a channel, or "
           "'not_stated'), cases — the funnel's received cases by the channel of their first "
           "reception, so per funnel row the values add up to its received; no row when no case "
           "states a channel" +
           how + " (a vaekit.Table; suppressed cells are None).")
              .c_str())
      .def_property_readonly(
          "dropout_reasons",
          [publish](Self self) {
            const PublishedPtr p = publish(self);
            return table_view(p, p->dropout_reasons);
          },
          ("Drop-outs by reason (issue 15): year, antenne (None: totals), value (a reason_code, "
           "or 'not_coded'), cases — the funnel's dropped_out cases by the reason code of their "
           "last drop-out; no row when no drop-out is coded" +
           how + " (a vaekit.Table; suppressed cells are None).")
              .c_str())
      .def_property_readonly(
          "summary", [publish](Self self) { return publish(self)->summary(); },
          ("The headline figures (a vaekit.ReportSummary)" + how +
           ": a suppressed cell is None, never 0.")
              .c_str())
      .def_property_readonly(
          "suppressed", [publish](Self self) { return suppressed_list(publish(self)->suppressed); },
          ("The withheld cells: dicts {table, row, column}" + how + ".").c_str())
      .def(
          "to_json",
          [publish](Self self, std::optional<int> indent) {
            return publish(self)->to_json().dump(indent.value_or(-1));
          },
          py::arg("indent") = py::none(),
          ("The `ActivityReport.1` document, as text" + how + ".").c_str())
      .def(
          "to_dict", [publish](Self self) { return json_to_python(publish(self)->to_json()); },
          ("The `ActivityReport.1` document, as a dict" + how + ".").c_str())
      .def(
          "write",
          [publish](Self self, const std::filesystem::path& directory) {
            publish(self)->write(directory);
          },
          py::arg("directory"),
          ("Writes report.json and the four tables as CSV into `directory`, atomically" + how + ".")
              .c_str());
}

// The Arrow C stream PyCapsule of an event log (a copy of its columns: see export_arrow).
py::object event_log_stream_capsule(const EventLog& l) {
  auto s = std::make_unique<ArrowArrayStream>();
  {
    py::gil_scoped_release nogil;
    l.export_arrow(s.get());
  }
  return arrow_stream_capsule(std::move(s));
}

// An event log from any object with __arrow_c_stream__ (its stream is moved out of the capsule).
EventLog event_log_from_arrow(const py::object& obj, const std::string& source, bool strict) {
  if (!py::hasattr(obj, "__arrow_c_stream__")) {
    throw InvalidArgument(
        "EventLog.from_arrow needs an object with __arrow_c_stream__ (a pyarrow Table, a polars "
        "DataFrame, a vaekit.EventLog...), not a " +
        std::string(py::str(py::type::of(obj).attr("__name__"))));
  }
  py::object cap = obj.attr("__arrow_c_stream__")();
  auto* s = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(cap.ptr(), "arrow_array_stream"));
  if (s == nullptr) throw py::error_already_set();
  ArrowArrayStream stream = *s;
  s->release = nullptr;  // moved: the capsule's destructor sees a released stream
  py::gil_scoped_release nogil;
  return EventLog::from_arrow(&stream, source, read_mode(strict));
}

}  // namespace

void bind_profile(py::module_& m);  // bindings/profile.cpp

void bind_analytics(py::module_& m) {
  bind_profile(m);
  py::class_<KeyFigures>(m, "KeyFigures", R"doc(
The key figures of one cohort year (year None: all years) as published: each count is the
published one, or None when that cell is suppressed (never 0 for a withheld count).)doc")
      .def_property_readonly(
          "year", [](const KeyFigures& k) { return opt_py(k.year); },
          "The cohort year, or None for the sums over all years.")
      .def_property_readonly(
          "received", [](const KeyFigures& k) { return opt_py(k.received); },
          "People received, or None (suppressed).")
      .def_property_readonly(
          "counselled", [](const KeyFigures& k) { return opt_py(k.counselled); },
          "Cases with an appointment held, or None (suppressed).")
      .def_property_readonly(
          "admissible", [](const KeyFigures& k) { return opt_py(k.admissible); },
          "Cases declared admissible, or None (suppressed).")
      .def_property_readonly(
          "jury_held", [](const KeyFigures& k) { return opt_py(k.jury_held); },
          "Cases that went before a jury, or None (suppressed).")
      .def_property_readonly(
          "jury_full", [](const KeyFigures& k) { return opt_py(k.jury_full); },
          "Full validations, or None (suppressed).")
      .def_property_readonly(
          "jury_partial", [](const KeyFigures& k) { return opt_py(k.jury_partial); },
          "Partial validations, or None (suppressed).")
      .def(
          "to_dict",
          [](const KeyFigures& k) {
            py::dict d;
            d["year"] = opt_py(k.year);
            d["received"] = opt_py(k.received);
            d["counselled"] = opt_py(k.counselled);
            d["admissible"] = opt_py(k.admissible);
            d["jury_held"] = opt_py(k.jury_held);
            d["jury_full"] = opt_py(k.jury_full);
            d["jury_partial"] = opt_py(k.jury_partial);
            return d;
          },
          "The figures as a dict (None: suppressed).")
      .def(py::self == py::self, "Same figures.")
      .def(
          "__repr__",
          [](const KeyFigures& k) {
            auto v = [](const std::optional<std::int64_t>& x) {
              return x ? std::to_string(*x) : std::string("suppressed");
            };
            return "vaekit.KeyFigures(" + (k.year ? std::to_string(*k.year) : "all years") +
                   ", received=" + v(k.received) + ", admissible=" + v(k.admissible) +
                   ", jury_held=" + v(k.jury_held) + ", jury_full=" + v(k.jury_full) + ")";
          },
          "Year and main figures.");

  py::class_<ReportSummary>(m, "ReportSummary", R"doc(
The headline figures of a published report, computed once in C++ from its published tables: the
key figures per cohort year and summed over all years (a sum with a suppressed term is None), the
whole-pathway duration and the number of withheld cells.)doc")
      .def_readonly("cohorts", &ReportSummary::cohorts,
                    "The key figures of each cohort year (vaekit.KeyFigures), in year order.")
      .def_readonly("all", &ReportSummary::all,
                    "The key figures summed over the cohort years (None where a term is "
                    "suppressed).")
      .def_property_readonly(
          "whole_count", [](const ReportSummary& s) { return opt_py(s.whole_count); },
          "Cases with a whole-pathway duration (received to jury), or None (suppressed).")
      .def_property_readonly(
          "whole_median", [](const ReportSummary& s) { return opt_py(s.whole_median); },
          "Median whole-pathway duration in days, or None (suppressed or no case).")
      .def_property_readonly(
          "whole_p90", [](const ReportSummary& s) { return opt_py(s.whole_p90); },
          "90th percentile of the whole-pathway duration in days, or None.")
      .def_readonly("suppressed_cells", &ReportSummary::suppressed_cells,
                    "Cells withheld in the whole report.")
      .def(
          "table", [](const ReportSummary& s) { return std::make_shared<Table>(s.table()); },
          "The key figures as a vaekit.Table 'summary': year (None: all years), received, "
          "counselled, admissible, jury_held, jury_full, jury_partial (None: suppressed).")
      .def(
          "__repr__",
          [](const ReportSummary& s) {
            return "vaekit.ReportSummary(" + std::to_string(s.cohorts.size()) + " cohorts, " +
                   std::to_string(s.suppressed_cells) + " cells withheld)";
          },
          "Size.");

  py::class_<PublishedReport, PublishedPtr> pub(m, "PublishedReport", R"doc(
An activity report as published, computed once by ActivityReport.publish(): its tables
(vaekit.Table, sharing its memory) protected by the method it names (cell-key noise and
suppression under the threshold, suppression alone, or none for exact internal figures), the
withheld cells, the headline summary, and the audit of the intervals an attacker can derive for
the withheld cells. Plots, the page, the CSV and JSON files all read this one object.)doc");
  // The annexes (issue 15): published with the report, in its one cell system.
  for (const auto& [name, doc] : std::array<std::pair<const char*, const char*>, 6>{{
           {"employment",
            "Employment after the jury, published with the report (publish(events=...)): by, "
            "value, months, followups_due, answered, the situations, no_answer, employed, "
            "employed_before, retained, response_rate, employment_rate, retention_rate"},
           {"funding_mix",
            "The funding mix, published with the report (publish(events=...)): funding, "
            "funding_kind (None on the overall row), cases_requested, cases_granted, "
            "requested_hours, requested_amount, granted_hours, granted_amount (None: withheld, "
            "or no number given)"},
           {"funding_cost",
            "The cost per certification obtained, published with the report "
            "(publish(events=...)): certification (None: overall), certified, cases_granted, "
            "granted_amount, cost_per_certification"},
           {"outcomes_by_certification",
            "The outcome rates by certification, published with the report "
            "(publish(events=..., registry=...)): certification, level, certifiers, the counts "
            "and rates of vaekit.outcome_rates"},
           {"outcomes_by_level",
            "The outcome rates by EU level, published with the report (publish(events=..., "
            "registry=..., outcomes_by=[..., 'level']))"},
           {"outcomes_by_certifier",
            "The outcome rates by certifier, published with the report (publish(events=..., "
            "registry=...))"},
       }}) {
    const std::string table_name = name;
    pub.def_property_readonly(
        name, [table_name](const PublishedPtr& p) { return table_view(p, p->table(table_name)); },
        (std::string(doc) + "; no row when not asked for or without data (a vaekit.Table; "
                            "withheld cells are None).")
            .c_str());
  }
  pub.def_readonly("threshold", &PublishedReport::threshold, "The threshold applied.")
      .def_property_readonly(
          "method",
          [](const PublishedReport& p) {
            return std::string(protection_method_name(p.options.method));
          },
          "'cell-key', 'suppression' or 'none'.")
      .def_readonly("keyed", &PublishedReport::keyed,
                    "Whether a secret publication key was used (cell-key method).")
      .def_property_readonly(
          "protection",
          [](const PublishedReport& p) { return json_to_python(p.protection_json()); },
          "The `protection` object of the document: method, threshold, noise, audit summary.")
      .def(
          "audit",
          [](const PublishedReport& p, std::optional<double> protection) {
            return audit_list(p.audit(protection.value_or(p.options.protection)), p.labels);
          },
          py::arg("protection") = py::none(),
          "For each withheld count: the interval [lower, upper] an attacker derives from every "
          "published cell and every true relation (linear programming, COIN-OR Clp), its true "
          "value (internal: never publish it) and whether the interval covers value - "
          "min(value, p) .. value + p. Dicts {table, row, column, lower, upper, value, safe}.")
      .def(
          "__repr__",
          [](const PublishedReport& p) {
            return "vaekit.PublishedReport(" +
                   std::string(protection_method_name(p.options.method)) +
                   ", threshold=" + std::to_string(p.threshold) + ", " +
                   std::to_string(p.suppressed.size()) + " cells withheld)";
          },
          "Method, threshold and cells withheld.");
  def_publication_views<const PublishedPtr&>(
      pub, [](const PublishedPtr& p) { return p; }, "");

  m.def(
      "audit_publications",
      [](const PublishedReport& earlier, const PublishedReport& later, double protection) {
        py::list out;
        for (const auto& [label, a] : audit_publications(earlier, later, protection))
          out.append(audit_dict(label, a));
        return out;
      },
      py::arg("earlier"), py::arg("later"), py::arg("protection") = 2.0,
      "Audits two publications of nested logs (e.g. November and December year-to-date): the "
      "interval an attacker derives for every small increase between them (label with "
      "'increase': True) and every withheld cell, as PublishedReport.audit.");

  py::class_<ActivityReport> rep(m, "ActivityReport", R"doc(
The reference activity report (funnel, durations, monthly activity, workload), exact and mergeable:
reports of logs holding different cases merge into the report of their union. publish() protects
it once for publication (cell-key noise and suppression under the threshold by default) and returns
the vaekit.PublishedReport that every output reads. The tables and documents read from the report
itself are shortcuts publishing again that default way at `threshold` on each call (suppressed
cells are None; threshold 0: exact figures, for internal use): publish once and read the
PublishedReport instead when several are needed.)doc");
  rep.def(py::init<>(), "An empty report (the neutral element of merge).")
      .def(
          "publish",
          [](const ActivityReport& r, const std::string& method,
             std::optional<std::int64_t> threshold, const py::object& key, int max_deviation,
             double variance, double protection, const py::object& events,
             const std::vector<std::string>& employment_by, const std::optional<DateLike>& as_of,
             const py::object& registry, const std::vector<std::string>& outcomes_by) {
            const PublishOptions o = publish_options(method, threshold.value_or(r.threshold()), key,
                                                     max_deviation, variance, protection);
            ReportAnnexes annexes;
            EventsArg ev;
            std::optional<EventLog> columnar;  // the outcome tables read the columnar log
            if (py::isinstance<EventLog>(events)) {
              // Only the events the annexes read: a large log is not materialised whole.
              const auto& l = events.cast<const EventLog&>();
              ev.owned = std::make_shared<std::vector<Event>>(annex_events(l));
              ev.events = *ev.owned;
              annexes.events = ev.events;
              if (!as_of && !l.empty()) annexes.as_of = latest_date(l);
            } else if (!events.is_none()) {
              ev = events_of(events);
              annexes.events = ev.events;
            }
            annexes.employment_by = employment_by;
            if (as_of) annexes.as_of = as_of->get();
            if (!registry.is_none()) {
              if (events.is_none()) {
                throw InvalidArgument(
                    "registry= needs events=: the log the report was computed on, to join its "
                    "cases with the registry");
              }
              annexes.registry = &registry.cast<const Registry&>();
              if (py::isinstance<EventLog>(events)) {
                annexes.log = &events.cast<const EventLog&>();
              } else {
                columnar = EventLog::from_events(ev.events);
                annexes.log = &*columnar;
              }
              annexes.outcomes_by = outcomes_by;
            }
            py::gil_scoped_release nogil;
            return std::make_shared<PublishedReport>(r.publish(o, annexes));
          },
          py::arg("method") = "cell-key", py::arg("threshold") = py::none(),
          py::arg("key") = py::none(), py::arg("max_deviation") = 2, py::arg("variance") = 1.0,
          py::arg("protection") = 2.0, py::kw_only(), py::arg("events") = py::none(),
          py::arg("employment_by") = std::vector<std::string>{"outcome"},
          py::arg("as_of") = py::none(), py::arg("registry") = py::none(),
          py::arg("outcomes_by") = std::vector<std::string>{"certification", "certifier"},
          "The report as published (a vaekit.PublishedReport): method 'cell-key' (default: "
          "suppression under the threshold and cell-key noise, keyed by the secret publication "
          "`key`, bytes or str), 'suppression' or 'none'; threshold defaults to the report's (0: "
          "exact figures, method none). max_deviation and variance shape the perturbation table; "
          "protection is the audit's protection level. With `events` (the same log's events: "
          "vaekit.read_event_log(path), its .events, or the columnar vaekit.EventLog, which keeps "
          "no amount or hours), the employment table (grouped by `employment_by`, follow-ups due "
          "by `as_of`) and the funding tables are published too, and with a `registry` (a "
          "vaekit.Registry) the outcome rates by each grouping of `outcomes_by` ('certification', "
          "'level', 'certifier'), all in the report's one disclosure system: one protection and "
          "one audit over every table.")
      .def_property("threshold", &ActivityReport::threshold, &ActivityReport::set_threshold,
                    "The disclosure threshold (counts below it are suppressed; 0: none).");
  def_publication_views<const ActivityReport&>(
      rep, [](const ActivityReport& r) { return std::make_shared<PublishedReport>(r.publish()); },
      ", published at the default method and threshold on each call");
  rep.def(
         "pseudonymised",
         [](const ActivityReport& r, const py::object& key) {
           return pseudonymise(r, key_of(key));
         },
         py::arg("key"),
         "A new report whose workload names each staff member by keyed pseudonym (key: bytes, "
         "str or PseudonymKey): what a published report carries.")
      .def(
          "merge",
          [](const ActivityReport& a, const ActivityReport& b) {
            ActivityReport out = a;
            out.merge(b);
            return out;
          },
          py::arg("other"), "A new report: this one merged with `other` (a report on other cases).")
      .def(
          "state_json", [](const ActivityReport& r) { return to_document(r).dump(); },
          "The exact mergeable state (`ActivityState.1`), as text.")
      .def_static(
          "from_state_json",
          [](const std::string& s) { return read_document<ActivityReport>(s, "<string>"); },
          py::arg("text"), "A report from its state document (state_json()).")
      .def(py::self == py::self, "Same aggregates and threshold.")
      .def(
          "__repr__",
          [](const ActivityReport& r) {
            return "vaekit.ActivityReport(threshold=" + std::to_string(r.threshold()) + ", " +
                   std::to_string(r.funnel_counts().size()) + " funnel rows)";
          },
          "Threshold and size.");
  def_json_pickle<ActivityReport>(rep);

  py::class_<PseudonymKey>(m, "PseudonymKey", R"doc(
A secret key for keyed pseudonyms (HMAC-SHA-256; at least 32 bytes, else vaekit.InvalidArgument).
Never printed nor pickled.
The pseudonym of `id` of kind `kind` is hmac.new(key, f"{kind}:{id}".encode(), "sha256").hexdigest()[:32].)doc")
      .def(py::init([](const py::bytes& b) { return PseudonymKey(std::string(b)); }),
           py::arg("key"), "A key from its bytes.")
      .def_static("from_file", &PseudonymKey::from_file, py::arg("path"),
                  "The key held in a file (trailing newline removed).")
      .def_static(
          "from_env", [](const std::string& name) { return PseudonymKey::from_env(name.c_str()); },
          py::arg("name") = PseudonymKey::default_env, "The key held in an environment variable.")
      .def("pseudonym", &PseudonymKey::pseudonym, py::arg("kind"), py::arg("id"),
           "The pseudonym of `id` of kind `kind` ('case' or 'staff').")
      .def(
          "__repr__", [](const PseudonymKey&) { return "vaekit.PseudonymKey(<secret>)"; },
          "Never shows the key.");

  m.def("free_text_fields", &free_text_fields, py::arg("event"),
        "The free-text and unknown fields of a vaekit.Event as (name, value) strings: certifier, "
        "reason, data.NAME for unknown data fields, NAME for unknown top-level fields. Analysis "
        "exports leave them out unless include_free_text is asked.");
  m.attr("export_data_fields") = [] {
    py::tuple t(export_data_fields.size());
    for (std::size_t i = 0; i < export_data_fields.size(); ++i)
      t[i] = py::str(std::string(export_data_fields[i]));
    return t;
  }();

  py::class_<CellSystem>(m, "CellSystem", R"doc(
Counts with the additive relations an attacker knows (totals), for disclosure control: protect()
suppresses cells under a threshold and then enough others; recomputable() lists the suppressed
cells whose value the published cells still determine (empty: safe).)doc")
      .def(py::init<>(), "An empty system.")
      .def("add_cell", &CellSystem::add_cell, py::arg("value"),
           "Adds a published cell; returns its index.")
      .def("add_hidden_cell", &CellSystem::add_hidden_cell, py::arg("value"),
           "Adds an unpublished intermediate sum (needs no protection); returns its index.")
      .def(
          "add_relation",
          [](CellSystem& s, std::size_t total, std::vector<std::size_t> parts, bool at_least) {
            s.add_relation(total, std::move(parts),
                           at_least ? RelationKind::at_least : RelationKind::equal);
          },
          py::arg("total"), py::arg("parts"), py::arg("at_least") = false,
          "Adds the relation cell `total` = sum of cells `parts` (at_least: total >= the sum).")
      .def(
          "audit",
          [](const CellSystem& s, const std::vector<std::pair<double, double>>& bounds,
             double protection) {
            std::vector<CellBounds> b;
            for (const auto& [lo, hi] : bounds) b.push_back(CellBounds{lo, hi});
            py::list out;
            for (const AuditInterval& a : audit_intervals(s, b, protection)) {
              py::dict d;
              d["cell"] = a.cell;
              d["lower"] = a.lower;
              d["upper"] = a.upper;
              d["safe"] = a.safe;
              out.append(d);
            }
            return out;
          },
          py::arg("bounds"), py::arg("protection"),
          "For each suppressed cell, the interval an attacker derives by linear programming from "
          "`bounds` (one (lower, upper) per cell, upper may be inf) and the relations: dicts "
          "{cell, lower, upper, safe}.")
      .def("suppress", &CellSystem::suppress, py::arg("cell"), "Suppresses a cell.")
      .def("suppressed", &CellSystem::suppressed, py::arg("cell"), "Whether a cell is suppressed.")
      .def("recomputable", &CellSystem::recomputable,
           "Suppressed cells whose value can still be recomputed.")
      .def("protect", &CellSystem::protect, py::arg("threshold"),
           "Primary then secondary suppression; returns the number of secondary suppressions.")
      .def("__len__", &CellSystem::size, "Number of cells.")
      .def(
          "__repr__",
          [](const CellSystem& s) {
            return "vaekit.CellSystem(" + std::to_string(s.size()) + " cells)";
          },
          "Size.");

  py::class_<PTable>(m, "PTable", R"doc(
A perturbation table of the cell-key method, built like Destatis' ptable: for each true count, the
maximum-entropy distribution of the published count over [i - D, i + D], unbiased, of variance V,
never negative nor positive below min_output.)doc")
      .def(py::init([](int max_deviation, double variance, std::int64_t min_output) {
             return PTable(PTableParams{max_deviation, variance, min_output});
           }),
           py::arg("max_deviation") = 2, py::arg("variance") = 1.0, py::arg("min_output") = 0,
           "Builds the table.")
      .def(
          "row",
          [](const PTable& t, std::int64_t i) {
            std::vector<std::pair<std::int64_t, double>> r;
            for (const auto& e : t.row(i)) r.emplace_back(e.to, e.p);
            return r;
          },
          py::arg("count"), "The (published count, probability) pairs of a true count.")
      .def("perturb", &PTable::perturb, py::arg("count"), py::arg("cell_key"),
           "The published count of a true count for a cell key in [0, 1).")
      .def("preimage", &PTable::preimage, py::arg("published"),
           "The (lowest, highest) true counts that can give a published count.");
  m.def("record_key", &record_key, py::arg("id"),
        "The fixed 64-bit record key of a record identifier (the cell-key method).");
  m.def(
      "cell_key",
      [](const py::object& key, std::uint64_t key_sum) {
        return cell_key(key_bytes(key), key_sum);
      },
      py::arg("key"), py::arg("key_sum"),
      "The cell key in [0, 1) of a cell whose record keys sum to key_sum (mod 2**64), under a "
      "publication key (bytes, str or None).");

  py::class_<EventLog> log(m, "EventLog", R"doc(
The event log v1 as columns with interned strings, read fast with simdjson. Same validation,
rejects and messages as vaekit.read_event_log; holds no free-text or unknown field.)doc");
  log.def(py::init<>(), "An empty log.")
      .def_static(
          "read",
          [](const std::filesystem::path& path, bool strict) {
            py::gil_scoped_release nogil;
            return EventLog::read(path, read_mode(strict));
          },
          py::arg("path"), py::arg("strict") = true,
          "Reads a JSON Lines event log; strict raises vaekit.ParseError at the first bad line, "
          "lenient keeps the rejects.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source, bool strict) {
            py::gil_scoped_release nogil;
            return EventLog::parse(text, source, read_mode(strict));
          },
          py::arg("text"), py::arg("source") = "<string>", py::arg("strict") = true,
          "Parses JSON Lines text (see read).")
      .def_static(
          "from_events", [](const std::vector<Event>& ev) { return EventLog::from_events(ev); },
          py::arg("events"), "A log of pathway events (vaekit.Event), in order.")
      .def_static(
          "from_cases", [](const std::vector<Case>& cs) { return EventLog::from_cases(cs); },
          py::arg("cases"), "A log of the events of pathway cases (vaekit.Case).")
      .def_static("from_arrow", &event_log_from_arrow, py::arg("data"),
                  py::arg("source") = "<arrow>", py::arg("strict") = true,
                  "A log from any object with __arrow_c_stream__ (pyarrow Table, polars "
                  "DataFrame, pandas DataFrame with pyarrow, vaekit.EventLog) holding the columns "
                  "of __arrow_c_stream__, by name (case, at, event, role required; utc_offset, "
                  "antenne, staff, certification and the payload fields channel, date, minutes, "
                  "to, certifier, decision, implicit, funding, hours, result, reason and those "
                  "of the France VAE era, the profile's departement included, optional; "
                  "others ignored). Each row is validated like a JSON Lines record: strict "
                  "raises vaekit.ParseError naming the row (1-based) and field, lenient keeps the "
                  "rejects. A column of an unreadable type raises vaekit.InvalidArgument.")
      .def(
          "__arrow_c_stream__",
          [](const EventLog& l, const py::object& requested_schema) {
            (void)requested_schema;  // the log's own schema is always used
            return event_log_stream_capsule(l);
          },
          py::arg("requested_schema") = py::none(),
          "The Arrow C stream PyCapsule of the events, one record batch: case, event, role, "
          "antenne, staff, certification dictionary-encoded; at, a timestamp[ms] of the local "
          "wall time (a plain date at midnight) with utc_offset (minutes, null for a plain "
          "date); the payload fields channel, minutes, to, decision, implicit, funding, result "
          "then those of the France VAE era (accompaniment, funding_kind, granted, reason_code, "
          "lifted, sex, age_band, employment, qualification, departement, qpv, rqth, months, "
          "situation), null where an event does not carry them. The stream holds a copy of the "
          "columns.")
      .def("__len__", &EventLog::size, "Number of events.")
      .def(
          "event_counts",
          [](const EventLog& l) {
            std::array<std::size_t, event_kind_count> n{};
            for (EventKind k : l.kind_column()) ++n[static_cast<std::size_t>(k)];
            py::dict d;
            for (std::size_t k = 0; k < n.size(); ++k) {
              if (n[k] > 0) d[py::str(std::string(to_string(static_cast<EventKind>(k))))] = n[k];
            }
            return d;
          },
          "The number of events of each kind present in the log: a dict {event name: count}, in "
          "vocabulary order (one pass over the one-byte kind column).")
      .def_property_readonly("rejects", &EventLog::rejects, "Lines set aside by a lenient read.")
      .def_property_readonly("records_read", &EventLog::records_read,
                             "Records read: len(log) + len(log.rejects).")
      .def_property_readonly(
          "case_count", [](const EventLog& l) { return l.cases().size(); },
          "Number of distinct cases.")
      .def_property_readonly("memory_bytes", &EventLog::memory_bytes,
                             "Bytes held by the columns and string pools.")
      .def_property_readonly(
          "is_pseudonymised",
          [](const EventLog& l) { return l.header().pseudonymised.value_or(false); },
          "Whether the identifiers are keyed pseudonyms.")
      .def(
          "events", [](const EventLog& l) { return l.to_events(); },
          "The events as vaekit.Event objects (payload fields only).")
      .def(
          "report",
          [](const EventLog& l, std::int64_t threshold, const py::object& key) {
            std::optional<PseudonymKey> k;
            if (!key.is_none()) k = key_of(key);
            py::gil_scoped_release nogil;
            ActivityReport r = ActivityReport::compute(l, ReportOptions{threshold});
            return k ? pseudonymise(r, *k) : r;
          },
          py::arg("threshold") = 11, py::arg("key") = py::none(),
          "The activity report (see vaekit.ActivityReport); with `key` (bytes, str or "
          "PseudonymKey) its workload names staff by keyed pseudonym, as a published report "
          "must.")
      .def(
          "variants", [](const EventLog& l) { return std::make_shared<Table>(variants_table(l)); },
          "Variants (event sequences of cases) with counts, most frequent first.")
      .def(
          "directly_follows",
          [](const EventLog& l) { return std::make_shared<Table>(directly_follows_table(l)); },
          "The directly-follows graph: from, to, count, mean_days, median_days.")
      .def(
          "conformance",
          [](const EventLog& l) { return std::make_shared<Table>(conformance_table(l)); },
          "Conformance of each case to the reference pathway (skipped and reordered milestones).")
      .def(
          "outcome_rates",
          [](const EventLog& l, const Registry& registry, std::int64_t threshold,
             const std::string& by) {
            const OutcomeOptions options{threshold, outcome_grouping_from_string(by)};
            py::gil_scoped_release nogil;
            return std::make_shared<Table>(outcome_rates(l, registry, options));
          },
          py::arg("registry"), py::arg("threshold") = 11, py::arg("by") = "certification",
          "Outcome counts and rates (admissibility_sent, admissible, jury_held, full, partial, "
          "refused, "
          "absent; admissible_rate, full_rate, partial_rate, refused_rate) by 'certification' "
          "(with its "
          "level and certifiers from the vaekit.Registry), 'level' or 'certifier'; cases whose "
          "code is "
          "missing or not in the registry form the 'unknown' group; counts under threshold "
          "suppressed "
          "(None), with secondary suppression, and their rates withheld.")
      .def(
          "to_xes",
          [](const EventLog& l, const std::filesystem::path& p, bool include_free_text,
             const std::optional<std::vector<Event>>& events) {
            write_export(l, p, include_free_text, events, false);
          },
          py::arg("path"), py::kw_only(), py::arg("include_free_text") = false,
          py::arg("events") = py::none(),
          "Writes the log as XES (IEEE 1849), atomically, named by its header's source unless "
          "that is a path ('vaekit event log'). Only the event vocabulary's fields; "
          "include_free_text=True adds certifier, reason and unknown fields taken from `events` "
          "(the same log read with vaekit.read_event_log(...).events).")
      .def(
          "to_ocel",
          [](const EventLog& l, const std::filesystem::path& p, bool include_free_text,
             const std::optional<std::vector<Event>>& events) {
            write_export(l, p, include_free_text, events, true);
          },
          py::arg("path"), py::kw_only(), py::arg("include_free_text") = false,
          py::arg("events") = py::none(),
          "Writes the log as OCEL 2.0 JSON, atomically. Only the event vocabulary's fields; "
          "include_free_text and events as in to_xes.")
      .def(
          "write",
          [](const EventLog& l, const std::filesystem::path& p) {
            py::gil_scoped_release nogil;
            EventLogHeader h = l.header();
            h.present = true;
            write_event_log(p, l.to_events(), h);
          },
          py::arg("path"),
          "Writes the log as JSON Lines (event log v1, with a header), atomically.")
      .def(
          "pseudonymised",
          [](const EventLog& l, const py::object& key) { return pseudonymise(l, key_of(key)); },
          py::arg("key"),
          "The log with keyed pseudonyms for case and staff ids (key: bytes, str or PseudonymKey).")
      .def(
          "__repr__",
          [](const EventLog& l) {
            return "vaekit.EventLog(" + std::to_string(l.size()) + " events, " +
                   std::to_string(l.cases().size()) + " cases)";
          },
          "Size.");
  bind_analytics_employment(m);
}

}  // namespace vaekit::python
