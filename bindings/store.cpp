// Python bindings of the store area: CaseStore (SQLite or PostgreSQL), CaseSummary,
// ImportReport, MigrateReport, ConflictError, TransientError.
#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "vaekit/store/case_store.hpp"

namespace vaekit::python {

void bind_store(py::module_& m) {
  add_error_class<ConflictError>(
      m, "ConflictError", {error_class("Error")},
      "A concurrent writer changed the case first (stale expected version), or the "
      "stored history differs from the case's: nothing written; reload and retry. "
      "Attributes: `case_id`, `expected`, `actual`.",
      [](const ConflictError& e, py::object& inst) {
        inst.attr("case_id") = text_to_python(e.case_id());
        inst.attr("expected") = e.expected();
        inst.attr("actual") = e.actual();
      });
  add_error_class<TransientError>(
      m, "TransientError", {error_class("IoError")},
      "The database could not complete the operation for a reason that may pass (connection "
      "refused or lost, server restart, statement or lock timeout, serialization failure, "
      "deadlock): nothing was written; retry the whole operation. An IoError; attribute "
      "`sqlstate` (the server's SQLSTATE, or '').",
      [](const TransientError& e, py::object& inst) { inst.attr("sqlstate") = e.sqlstate(); });

  py::class_<CaseSummary>(m, "CaseSummary",
                          "A case's folded summary in the store (no personal data).")
      .def_readonly("case_id", &CaseSummary::case_id, "The case.")
      .def_readonly("version", &CaseSummary::version, "Number of events stored.")
      .def_property_readonly(
          "stage", [](const CaseSummary& s) { return std::string(to_string(s.stage)); }, "Stage.")
      .def_property_readonly(
          "side_state", [](const CaseSummary& s) { return std::string(to_string(s.side)); },
          "Side state.")
      .def_readonly("antenne", &CaseSummary::antenne, "Antenne.")
      .def_readonly("certification", &CaseSummary::certification, "Certification chosen.")
      .def_readonly("last_activity", &CaseSummary::last_activity, "Date of the last event.")
      .def_readonly("due", &CaseSummary::due, "Next due date, or None.")
      .def(
          "__repr__",
          [](const CaseSummary& s) {
            return "vaekit.CaseSummary('" + s.case_id + "', stage='" +
                   std::string(to_string(s.stage)) + "', version=" + std::to_string(s.version) +
                   ")";
          },
          "Case, stage, version.");

  py::class_<ImportReport>(m, "ImportReport",
                           "What CaseStore.import_event_log did: every case of the log is "
                           "created, extended, unchanged or in conflicts.")
      .def_readonly("records_read", &ImportReport::records_read, "Records read.")
      .def_readonly("events_written", &ImportReport::events_written, "Events written.")
      .def_readonly("cases_created", &ImportReport::cases_created, "Cases new to the store.")
      .def_readonly("cases_extended", &ImportReport::cases_extended,
                    "Stored cases whose history was a strict prefix of the log's (extended).")
      .def_readonly("cases_unchanged", &ImportReport::cases_unchanged,
                    "Stored cases whose history equals the log's.")
      .def_readonly("conflicts", &ImportReport::conflicts,
                    "Stored cases whose history is not a prefix of the log's (left untouched).")
      .def_readonly("rejects", &ImportReport::rejects,
                    "Records and refused events set aside (lenient mode).")
      .def(
          "__repr__",
          [](const ImportReport& r) {
            return "vaekit.ImportReport(created=" + std::to_string(r.cases_created) +
                   ", extended=" + std::to_string(r.cases_extended) +
                   ", unchanged=" + std::to_string(r.cases_unchanged) +
                   ", conflicts=" + std::to_string(r.conflicts.size()) +
                   ", rejects=" + std::to_string(r.rejects.size()) + ")";
          },
          "Counts of each outcome.");

  py::class_<MigrateReport>(m, "MigrateReport",
                            "What CaseStore.migrate copied; its counts were checked against the "
                            "source.")
      .def_readonly("cases", &MigrateReport::cases, "Cases in the source.")
      .def_readonly("events", &MigrateReport::events, "Events in the source.")
      .def_readonly("versions", &MigrateReport::versions,
                    "Sum of the source's case versions (= events).")
      .def_readonly("import_report", &MigrateReport::import,
                    "Into a non-empty destination (allow_non_empty): what the import did, "
                    "conflicts included; otherwise every case created.")
      .def(
          "__repr__",
          [](const MigrateReport& r) {
            return "vaekit.MigrateReport(cases=" + std::to_string(r.cases) +
                   ", events=" + std::to_string(r.events) +
                   ", conflicts=" + std::to_string(r.import.conflicts.size()) + ")";
          },
          "Counts.");

  py::class_<CaseStore>(m, "CaseStore", R"doc(
The durable case store: ``CaseStore(url_or_path)``, a SQLite file (a plain path or
``sqlite:///abs/path.db``, WAL mode) or a PostgreSQL database
(``postgresql://user:password@host:port/db?sslmode=verify-full``). Same contract on both.

``append(case_id, events, expected_version=None)`` writes events in one transaction after
checking them against the transition table; a stale ``expected_version`` raises
vaekit.ConflictError and writes nothing. ``save(case)`` appends the events recorded since the
case was loaded, only if the store still holds exactly the events it was loaded with (else
vaekit.ConflictError: reload, redo, save again). Survives kill -9: no committed event lost, no
half batch. ``read_only=True`` works in a read-only folder (SQLite). A failure that may pass
(server restart, timeout, serialization failure) raises vaekit.TransientError: retry. A password
in the URL is never shown (``url``, ``repr`` and messages redact it).
)doc")
      .def(py::init([](const std::filesystem::path& path, bool durable, bool read_only,
                       int statement_timeout_ms, int busy_timeout_ms, int connect_timeout_s) {
             CaseStore::Options o;
             o.durable = durable;
             o.read_only = read_only;
             o.statement_timeout_ms = statement_timeout_ms;
             o.busy_timeout_ms = busy_timeout_ms;
             o.connect_timeout_s = connect_timeout_s;
             py::gil_scoped_release release;
             return std::make_unique<CaseStore>(path, o);
           }),
           py::arg("url_or_path"), py::arg("durable") = true, py::arg("read_only") = false,
           py::arg("statement_timeout_ms") = 0, py::arg("busy_timeout_ms") = 10'000,
           py::arg("connect_timeout_s") = 10,
           "Opens (creating) the store; durable=False trades power-loss safety for speed; "
           "busy_timeout_ms: how long to wait for another writer's lock; statement_timeout_ms "
           "and connect_timeout_s: PostgreSQL only.")
      .def_property_readonly("path", &CaseStore::path,
                             "The database file (SQLite), or the redacted URL (PostgreSQL).")
      .def_property_readonly(
          "url", [](const CaseStore& s) { return s.url().redacted(); },
          "Where the store is, any password replaced by ***.")
      .def_property_readonly(
          "backend", [](const CaseStore& s) { return std::string(s.backend_name()); },
          "'sqlite' or 'postgresql'.")
      .def_static(
          "migrate",
          [](const std::string& src, const std::string& dst, bool allow_non_empty) {
            MigrateOptions o;
            o.allow_non_empty = allow_non_empty;
            const StoreUrl s = StoreUrl::parse(src), d = StoreUrl::parse(dst);
            py::gil_scoped_release release;
            return CaseStore::migrate(s, d, o);
          },
          py::arg("src"), py::arg("dst"), py::arg("allow_non_empty") = false,
          "Copies the store at `src` into `dst` (URLs or paths) in one transaction, in commit "
          "order (both then export the same bytes), every event checked, the counts checked; "
          "a non-empty destination is refused unless allow_non_empty (then merged as an "
          "import). Returns a vaekit.MigrateReport.")
      .def("version", &CaseStore::version, py::arg("case_id"),
           "Number of events of the case (0 if absent).")
      .def("__contains__", &CaseStore::contains, py::arg("case_id"), "Whether the case exists.")
      .def("load", &CaseStore::load, py::arg("case_id"), py::call_guard<py::gil_scoped_release>(),
           "The case with all its events (vaekit.NotFound if absent).")
      .def(
          "append",
          [](CaseStore& s, const std::string& id, const std::vector<Event>& events,
             std::optional<std::int64_t> expected) {
            py::gil_scoped_release release;
            return s.append(id, events, expected);
          },
          py::arg("case_id"), py::arg("events"), py::arg("expected_version") = py::none(),
          "Appends events in one transaction; returns the new version.")
      .def(
          "append_batch",
          [](CaseStore& s,
             const std::vector<
                 std::tuple<std::string, std::optional<std::int64_t>, std::vector<Event>>>& batch) {
            std::vector<AppendRequest> reqs;
            for (const auto& [id, v, evs] : batch) reqs.push_back({id, v, evs});
            py::gil_scoped_release release;
            return s.append_batch(reqs);
          },
          py::arg("batch"),
          "Appends (case_id, expected_version, events) tuples in ONE transaction (all or nothing).")
      .def(
          "save",
          [](CaseStore& s, Case& c, std::optional<std::int64_t> expected) {
            py::gil_scoped_release release;
            return s.save(c, expected);
          },
          py::arg("case"), py::arg("expected_version") = py::none(),
          "Appends the case's events past its loaded version (or `expected_version`) if the store "
          "still holds exactly its first events; else vaekit.ConflictError, nothing written. "
          "Returns the new version, which becomes the case's `loaded_version`.")
      .def(
          "import_event_log",
          [](CaseStore& s, const std::filesystem::path& log, bool strict, std::size_t batch_cases) {
            ImportOptions o;
            o.mode = read_mode(strict);
            o.batch_cases = batch_cases;
            py::gil_scoped_release release;
            return s.import_event_log(log, o);
          },
          py::arg("log"), py::arg("strict") = true, py::arg("batch_cases") = 20'000,
          "Imports an event-log file, `batch_cases` cases per transaction; never merges "
          "histories: returns a vaekit.ImportReport listing the conflicting cases.")
      .def(
          "query",
          [](const CaseStore& s, std::optional<std::string> antenne,
             std::optional<std::string> stage, std::optional<std::string> side,
             std::optional<DateLike> due_by, std::size_t limit) {
            CaseQuery q;
            q.antenne = antenne;
            if (stage) {
              q.stage = try_stage_from_string(*stage);
              if (!q.stage) throw InvalidArgument("unknown stage '" + excerpt(*stage) + "'");
            }
            if (side) {
              if (*side == "active")
                q.side = SideState::active;
              else if (*side == "dropped_out")
                q.side = SideState::dropped_out;
              else if (*side == "archived")
                q.side = SideState::archived;
              else
                throw InvalidArgument("unknown side state '" + excerpt(*side) + "'");
            }
            if (due_by) q.due_by = due_by->get();
            q.limit = limit;
            py::gil_scoped_release release;
            return s.query(q);
          },
          py::arg("antenne") = py::none(), py::arg("stage") = py::none(),
          py::arg("side_state") = py::none(), py::arg("due_by") = py::none(), py::arg("limit") = 0,
          "Case summaries filtered by antenne, stage, side state and due date.")
      .def("summary", &CaseStore::summary, py::arg("case_id"), "The summary of one case.")
      .def_property_readonly("case_count", &CaseStore::case_count, "Number of cases.")
      .def_property_readonly("event_count", &CaseStore::event_count, "Number of events.")
      .def(
          "__len__", [](const CaseStore& s) { return s.case_count(); }, "Number of cases.")
      .def("export_event_log", &CaseStore::export_event_log, py::arg("path"),
           py::call_guard<py::gil_scoped_release>(),
           "Writes every event as an event log v1; returns the count.")
      .def("integrity_check", &CaseStore::integrity_check, py::call_guard<py::gil_scoped_release>(),
           "'ok', or the problems found (SQLite's integrity check; every case's version equal "
           "to its number of events).")
      .def(
          "__repr__",
          [](const CaseStore& s) { return "vaekit.CaseStore('" + s.url().redacted() + "')"; },
          "`vaekit.CaseStore('path or redacted URL')`.");
}

}  // namespace vaekit::python
