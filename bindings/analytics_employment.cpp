// Python bindings of employment after the jury and of funding (issue 15), called from
// bind_analytics: vaekit.employment_indicators, employment_cases, funding_by_case,
// funding_report and their result classes.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"
#include "publication.hpp"
#include "vaekit/analytics/employment.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/funding.hpp"
#include "vaekit/analytics/published_cells.hpp"
#include "vaekit/pathway/event_records.hpp"

namespace vaekit::python {
namespace {

/// A table of a result as a vaekit.Table sharing the result's memory (it keeps the result alive).
template <class R>
std::shared_ptr<Table> view(const std::shared_ptr<R>& r, const Table& t) {
  return std::shared_ptr<Table>(r, const_cast<Table*>(&t));
}

constexpr const char* kPublishDoc =
    " Published like vaekit.ActivityReport.publish: method 'cell-key' (default), 'suppression' "
    "or 'none' (threshold 0: exact figures), the secret publication `key` (bytes or str), "
    "max_deviation and variance of the perturbation table, protection level of the audit.";

}  // namespace

void bind_analytics_employment(py::module_& m) {
  using EmploymentPtr = std::shared_ptr<EmploymentIndicators>;
  using FundingPtr = std::shared_ptr<FundingReport>;

  py::class_<EmploymentIndicators, EmploymentPtr>(m, "EmploymentIndicators", R"doc(
Access to and retention in employment 6 and 12 months after the jury, as published
(vaekit.employment_indicators): the table and the disclosure control behind it.)doc")
      .def_property_readonly(
          "table", [](const EmploymentPtr& e) { return view(e, e->table); },
          "The employment table (vaekit.Table): by, value, months, the counts (None: withheld) "
          "and response_rate, employment_rate, retention_rate.")
      .def_property_readonly(
          "suppressed",
          [](const EmploymentIndicators& e) { return suppressed_list(e.cells.suppressed()); },
          "The withheld cells as dicts {table, row, column}.")
      .def(
          "audit",
          [](const EmploymentIndicators& e, std::optional<double> protection) {
            return audit_list(e.cells.audit(protection.value_or(e.cells.options().protection)),
                              e.cells.labels());
          },
          py::arg("protection") = py::none(),
          "For each withheld count: the interval an attacker derives from every published cell "
          "and relation, its true value (internal) and whether it is safe; dicts {table, row, "
          "column, lower, upper, value, safe}.")
      .def(
          "__repr__",
          [](const EmploymentIndicators& e) {
            return "vaekit.EmploymentIndicators(" + std::to_string(e.table.rows()) + " rows, " +
                   std::to_string(e.cells.suppressed().size()) + " cells withheld)";
          },
          "Rows and cells withheld.");

  py::class_<FundingReport, FundingPtr>(m, "FundingReport", R"doc(
The funding mix and the cost per certification obtained, as published (vaekit.funding_report).)doc")
      .def_property_readonly(
          "mix", [](const FundingPtr& f) { return view(f, f->mix); },
          "The funding mix (vaekit.Table): funding, funding_kind (both None on the overall row), "
          "cases_requested, cases_granted, requested_hours, requested_amount, granted_hours, "
          "granted_amount.")
      .def_property_readonly(
          "cost", [](const FundingPtr& f) { return view(f, f->cost); },
          "The cost per certification obtained (vaekit.Table): certification (None: overall), "
          "certified, cases_granted, granted_amount, cost_per_certification.")
      .def_property_readonly(
          "suppressed",
          [](const FundingReport& f) {
            std::vector<SuppressedCell> all = f.cells.suppressed();
            all.insert(all.end(), f.withheld_sums.begin(), f.withheld_sums.end());
            return suppressed_list(all);
          },
          "The withheld cells as dicts {table, row, column}: the counts, then the sums of hours "
          "and euros withheld beside them or as complements.")
      .def(
          "audit",
          [](const FundingReport& f, std::optional<double> protection) {
            return audit_list(f.cells.audit(protection.value_or(f.cells.options().protection)),
                              f.cells.labels());
          },
          py::arg("protection") = py::none(),
          "The interval audit of the withheld counts (see EmploymentIndicators.audit).")
      .def(
          "__repr__",
          [](const FundingReport& f) {
            return "vaekit.FundingReport(" + std::to_string(f.mix.rows()) + " mix rows, " +
                   std::to_string(f.cost.rows()) + " cost rows)";
          },
          "Rows.");

  m.def(
      "employment_indicators",
      [](const py::object& events, const std::vector<std::string>& by,
         const std::optional<DateLike>& as_of, const std::string& method, std::int64_t threshold,
         const py::object& key, int max_deviation, double variance, double protection) {
        // The columnar log keeps every profile attribute, the département included (issue 15).
        const EventsArg ev = events_of(events);
        EmploymentOptions o;
        o.by = by;
        if (as_of) o.as_of = as_of->get();
        o.publish = publish_options(method, threshold, key, max_deviation, variance, protection);
        py::gil_scoped_release nogil;
        return std::make_shared<EmploymentIndicators>(employment_indicators(ev.events, o));
      },
      py::arg("events"), py::arg("by") = std::vector<std::string>{"outcome"},
      py::arg("as_of") = py::none(), py::kw_only(), py::arg("method") = "cell-key",
      py::arg("threshold") = 11, py::arg("key") = py::none(), py::arg("max_deviation") = 2,
      py::arg("variance") = 1.0, py::arg("protection") = 2.0,
      (std::string("Employment 6 and 12 months after the jury (a vaekit.EmploymentIndicators) "
                   "from `events` (vaekit.read_event_log(path), its .events, or a columnar "
                   "vaekit.EventLog, which keeps the follow-ups and the coded profile), "
                   "grouped by each name of `by` ('outcome', "
                   "'certification' or a profile attribute: sex, age_band, employment, "
                   "qualification, departement, qpv, rqth) beside the overall rows; follow-ups "
                   "are due by `as_of` (default: the latest event date).") +
       kPublishDoc)
          .c_str());
  m.def(
      "employment_cases",
      [](const py::object& events, const std::optional<DateLike>& as_of) {
        const EventsArg ev = events_of(events);
        const std::optional<Date> d = as_of ? std::optional<Date>(as_of->get()) : std::nullopt;
        py::gil_scoped_release nogil;
        return std::make_shared<Table>(employment_cases(ev.events, d));
      },
      py::arg("events"), py::arg("as_of") = py::none(),
      "The per-case facts behind vaekit.employment_indicators (internal: names cases): case, "
      "outcome, certification, jury_date, employed_before, due_6m, situation_6m, due_12m, "
      "situation_12m.");
  m.def(
      "funding_by_case",
      [](const py::object& events) {
        const EventsArg ev = events_of(
            events,
            ColumnarRefusal("the columnar vaekit.EventLog keeps no amount or hours: read the log "
                            "with vaekit.read_event_log for funding"));
        py::gil_scoped_release nogil;
        return std::make_shared<Table>(funding_by_case(ev.events));
      },
      py::arg("events"),
      "Per case, funder and funding kind (internal: names cases): requests, decisions, granted, "
      "requested_hours, requested_amount, granted_hours, granted_amount, from `events` "
      "(vaekit.read_event_log(path) or its .events: amounts are not in the columnar log).");
  m.def(
      "funding_report",
      [](const py::object& events, const std::string& method, std::int64_t threshold,
         const py::object& key, int max_deviation, double variance, double protection) {
        const EventsArg ev = events_of(
            events,
            ColumnarRefusal("the columnar vaekit.EventLog keeps no amount or hours: read the log "
                            "with vaekit.read_event_log for funding"));
        const PublishOptions o =
            publish_options(method, threshold, key, max_deviation, variance, protection);
        py::gil_scoped_release nogil;
        return std::make_shared<FundingReport>(funding_report(ev.events, o));
      },
      py::arg("events"), py::kw_only(), py::arg("method") = "cell-key", py::arg("threshold") = 11,
      py::arg("key") = py::none(), py::arg("max_deviation") = 2, py::arg("variance") = 1.0,
      py::arg("protection") = 2.0,
      (std::string("The funding mix by funder and kind and the cost per certification obtained "
                   "(a vaekit.FundingReport) from `events` (vaekit.read_event_log(path) or its "
                   ".events).") +
       kPublishDoc)
          .c_str());
}

}  // namespace vaekit::python
