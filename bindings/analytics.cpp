// Python bindings of the analytics area: the columnar event log, the activity report, tables
// (pandas, Arrow PyCapsule stream), disclosure control, pseudonyms, process views and exports.
#include <pybind11/operators.h>
#include <pybind11/stl/filesystem.h>

#include <memory>

#include "common.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/outcomes.hpp"
#include "vaekit/analytics/process.hpp"
#include "vaekit/analytics/pseudonym.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/analytics/table.hpp"

namespace vaekit::python {
namespace {

using TablePtr = std::shared_ptr<Table>;

void release_stream_capsule(PyObject* capsule) {
  auto* s = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, "arrow_array_stream"));
  if (s == nullptr) {
    PyErr_Clear();
    return;
  }
  if (s->release != nullptr) s->release(s);
  delete s;
}

void release_schema_capsule(PyObject* capsule) {
  auto* s = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
  if (s == nullptr) {
    PyErr_Clear();
    return;
  }
  if (s->release != nullptr) s->release(s);
  delete s;
}

py::object stream_capsule(const TablePtr& t) {
  auto* s = new ArrowArrayStream{};
  export_arrow_stream(t, s);
  PyObject* cap = PyCapsule_New(s, "arrow_array_stream", release_stream_capsule);
  if (cap == nullptr) {
    s->release(s);
    delete s;
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::object>(cap);
}

py::object schema_capsule(const Table& t) {
  auto* s = new ArrowSchema{};
  export_arrow_schema(t, s);
  PyObject* cap = PyCapsule_New(s, "arrow_schema", release_schema_capsule);
  if (cap == nullptr) {
    s->release(s);
    delete s;
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::object>(cap);
}

py::list column_values(const Column& c) {
  py::list out(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.is_null(i)) {
      out[i] = py::none();
      continue;
    }
    switch (c.type()) {
      case ColumnType::int64: out[i] = py::int_(c.int_at(i)); break;
      case ColumnType::float64: out[i] = py::float_(c.double_at(i)); break;
      case ColumnType::string: out[i] = py::str(std::string(c.string_at(i))); break;
    }
  }
  return out;
}

py::dict table_dict(const Table& t) {
  py::dict d;
  for (const Column& c : t.columns()) d[py::str(c.name())] = column_values(c);
  return d;
}

py::object table_pandas(const Table& t) {
  py::module_ pd = py::module_::import("pandas");
  py::dict d;
  for (const Column& c : t.columns()) {
    py::object values = column_values(c);
    const char* dtype = c.type() == ColumnType::int64     ? (c.null_count() ? "Int64" : "int64")
                        : c.type() == ColumnType::float64 ? "float64"
                                                          : "object";
    d[py::str(c.name())] = pd.attr("Series")(values, py::arg("dtype") = dtype);
  }
  py::list cols;
  for (const Column& c : t.columns()) cols.append(c.name());
  return pd.attr("DataFrame")(d, py::arg("columns") = cols);
}

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

/// The audit intervals of @p audit as dicts (label, interval, true value, safe).
py::list audit_list(const std::vector<AuditInterval>& audit, const std::vector<Json>& labels) {
  py::list out;
  for (const AuditInterval& a : audit) {
    py::dict d = json_to_python(labels.at(a.cell));
    d["lower"] = a.lower;
    d["upper"] = a.upper;
    d["value"] = a.value;
    d["safe"] = a.safe;
    out.append(d);
  }
  return out;
}

/// A publication key given as bytes, text or None.
std::string key_bytes(const py::object& key) {
  if (key.is_none()) return {};
  if (py::isinstance<py::bytes>(key)) return std::string(key.cast<py::bytes>());
  if (py::isinstance<py::str>(key)) return key.cast<std::string>();
  throw InvalidArgument("the publication key must be bytes, str or None");
}

PseudonymKey key_of(const py::object& key) {
  if (py::isinstance<PseudonymKey>(key)) return key.cast<PseudonymKey>();
  if (py::isinstance<py::bytes>(key)) return PseudonymKey(key.cast<std::string>());
  if (py::isinstance<py::str>(key)) return PseudonymKey(key.cast<std::string>());
  throw InvalidArgument("a pseudonym key is bytes, str or vaekit.PseudonymKey");
}

}  // namespace

void bind_analytics(py::module_& m) {
  py::class_<Table, TablePtr>(m, "Table", R"doc(
A published table (funnel, durations, monthly, workload, variants...): typed columns with nulls.
Hands itself to pandas (to_pandas()), and to pyarrow, polars and DuckDB without a copy through the
Arrow PyCapsule interface (`pyarrow.table(t)`, `polars.from_arrow(t)`).)doc")
      .def_property_readonly("name", &Table::name, "The table's name, e.g. 'funnel'.")
      .def_property_readonly(
          "columns",
          [](const Table& t) {
            std::vector<std::string> names;
            for (const auto& c : t.columns()) names.push_back(c.name());
            return names;
          },
          "Column names, in order.")
      .def("__len__", &Table::rows, "Number of rows.")
      .def("to_dict", &table_dict, "The columns as {name: list of values} (None for nulls).")
      .def(
          "to_records", [](const Table& t) { return json_to_python(t.to_records()); },
          "The rows as a list of dicts (None for nulls).")
      .def("to_pandas", &table_pandas,
           "A pandas DataFrame (nullable Int64 for integer columns holding suppressed cells).")
      .def(
          "to_csv",
          [](const Table& t, const std::optional<std::filesystem::path>& path) -> py::object {
            if (path) {
              t.write_csv(*path);
              return py::none();
            }
            return py::str(t.to_csv());
          },
          py::arg("path") = py::none(),
          "CSV text (header line, empty fields for nulls); written atomically to `path` if given.")
      .def(
          "__arrow_c_stream__",
          [](const TablePtr& t, const py::object& requested_schema) {
            (void)requested_schema;  // the table's own schema is always used
            return stream_capsule(t);
          },
          py::arg("requested_schema") = py::none(),
          "The Arrow C stream PyCapsule of this table (zero-copy export).")
      .def(
          "__arrow_c_schema__", [](const Table& t) { return schema_capsule(t); },
          "The Arrow C schema PyCapsule of this table.")
      .def(
          "__repr__",
          [](const Table& t) {
            return "vaekit.Table(" + t.name() + ", " + std::to_string(t.rows()) + " rows)";
          },
          "Name and size.");

  py::class_<PublishedReport>(m, "PublishedReport", R"doc(
An activity report as published: its tables protected by the method it names (cell-key noise and
suppression under the threshold, suppression alone, or none for exact internal figures), the
withheld cells, and the audit of the intervals an attacker can derive for them.)doc")
      .def_readonly("threshold", &PublishedReport::threshold, "The threshold applied.")
      .def_property_readonly(
          "method",
          [](const PublishedReport& p) {
            return std::string(protection_method_name(p.options.method));
          },
          "'cell-key', 'suppression' or 'none'.")
      .def_property_readonly(
          "funnel", [](const PublishedReport& p) { return std::make_shared<Table>(p.funnel); },
          "Funnel per cohort year and antenne (antenne None: totals).")
      .def_property_readonly(
          "durations",
          [](const PublishedReport& p) { return std::make_shared<Table>(p.durations); },
          "Durations in days: count, mean, median, p90 per measure.")
      .def_property_readonly(
          "monthly", [](const PublishedReport& p) { return std::make_shared<Table>(p.monthly); },
          "Monthly activity per antenne.")
      .def_property_readonly(
          "workload", [](const PublishedReport& p) { return std::make_shared<Table>(p.workload); },
          "appointment_held per staff member and month.")
      .def_property_readonly(
          "suppressed",
          [](const PublishedReport& p) { return json_to_python(p.to_json().at("suppressed")); },
          "The withheld cells: dicts {table, row, column}.")
      .def_property_readonly(
          "protection",
          [](const PublishedReport& p) { return json_to_python(p.protection_json()); },
          "The `protection` object of the document: method, threshold, noise, audit summary.")
      .def(
          "to_json",
          [](const PublishedReport& p, std::optional<int> indent) {
            return p.to_json().dump(indent.value_or(-1));
          },
          py::arg("indent") = py::none(), "The `ActivityReport.1` document, as text.")
      .def(
          "to_dict", [](const PublishedReport& p) { return json_to_python(p.to_json()); },
          "The `ActivityReport.1` document, as a dict.")
      .def("write", &PublishedReport::write, py::arg("directory"),
           "Writes report.json and the four tables as CSV into `directory`, atomically.")
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

  m.def(
      "audit_publications",
      [](const PublishedReport& earlier, const PublishedReport& later, double protection) {
        py::list out;
        for (const auto& [label, a] : audit_publications(earlier, later, protection)) {
          py::dict d = json_to_python(label);
          d["lower"] = a.lower;
          d["upper"] = a.upper;
          d["value"] = a.value;
          d["safe"] = a.safe;
          out.append(d);
        }
        return out;
      },
      py::arg("earlier"), py::arg("later"), py::arg("protection") = 2.0,
      "Audits two publications of nested logs (e.g. November and December year-to-date): the "
      "interval an attacker derives for every small increase between them (label with "
      "'increase': True) and every withheld cell, as PublishedReport.audit.");

  py::class_<ActivityReport> rep(m, "ActivityReport", R"doc(
The reference activity report (funnel, durations, monthly activity, workload), exact and mergeable:
reports of logs holding different cases merge into the report of their union. publish() protects
it once for publication (cell-key noise and suppression under the threshold by default); the
tables and documents read from the report itself are published that default way at `threshold`
(suppressed cells are None; threshold 0: exact figures, for internal use).)doc");
  rep.def(py::init<>(), "An empty report (the neutral element of merge).")
      .def(
          "publish",
          [](const ActivityReport& r, const std::string& method,
             std::optional<std::int64_t> threshold, const py::object& key, int max_deviation,
             double variance, double protection) {
            PublishOptions o;
            o.method = protection_method_from_name(method);
            o.threshold = threshold.value_or(r.threshold());
            o.key = key_bytes(key);
            o.max_deviation = max_deviation;
            o.variance = variance;
            o.protection = protection;
            py::gil_scoped_release nogil;
            return r.publish(o);
          },
          py::arg("method") = "cell-key", py::arg("threshold") = py::none(),
          py::arg("key") = py::none(), py::arg("max_deviation") = 2, py::arg("variance") = 1.0,
          py::arg("protection") = 2.0,
          "The report as published (a vaekit.PublishedReport): method 'cell-key' (default: "
          "suppression under the threshold and cell-key noise, keyed by the secret publication "
          "`key`, bytes or str), 'suppression' or 'none'; threshold defaults to the report's (0: "
          "exact figures, method none). max_deviation and variance shape the perturbation table; "
          "protection is the audit's protection level.")
      .def_property("threshold", &ActivityReport::threshold, &ActivityReport::set_threshold,
                    "The disclosure threshold (counts below it are suppressed; 0: none).")
      .def_property_readonly(
          "funnel",
          [](const ActivityReport& r) { return std::make_shared<Table>(r.publish().funnel); },
          "Funnel per cohort year and antenne (antenne None: totals), published.")
      .def_property_readonly(
          "durations",
          [](const ActivityReport& r) { return std::make_shared<Table>(r.publish().durations); },
          "Durations in days: count, mean, median, p90 per measure, published.")
      .def_property_readonly(
          "monthly",
          [](const ActivityReport& r) { return std::make_shared<Table>(r.publish().monthly); },
          "Monthly activity per antenne, published.")
      .def_property_readonly(
          "workload",
          [](const ActivityReport& r) { return std::make_shared<Table>(r.publish().workload); },
          "appointment_held per staff member and month, published.")
      .def_property_readonly(
          "suppressed",
          [](const ActivityReport& r) { return json_to_python(r.to_json().at("suppressed")); },
          "The withheld cells: dicts {table, row, column}.")
      .def(
          "to_json",
          [](const ActivityReport& r, std::optional<int> indent) {
            return r.to_json().dump(indent.value_or(-1));
          },
          py::arg("indent") = py::none(), "The `ActivityReport.1` document, as text.")
      .def(
          "to_dict", [](const ActivityReport& r) { return json_to_python(r.to_json()); },
          "The `ActivityReport.1` document, as a dict.")
      .def(
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
      .def("write", &ActivityReport::write, py::arg("directory"),
           "Writes report.json and the four tables as CSV into `directory`, atomically.")
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
      .def("__len__", &EventLog::size, "Number of events.")
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
}

}  // namespace vaekit::python
