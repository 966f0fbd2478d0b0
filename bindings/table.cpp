// Python bindings of vaekit.Table (core): the one columnar shape every area hands out, with
// pandas, CSV, records and the Arrow PyCapsule stream (zero-copy) exports.
#include <pybind11/numpy.h>
#include <pybind11/stl/filesystem.h>

#include <datetime.h>

#include <cstdint>
#include <limits>
#include <memory>

#include "common.hpp"
#include "vaekit/core/table.hpp"

namespace vaekit::python {
namespace {

using TablePtr = std::shared_ptr<Table>;

py::object stream_capsule(const TablePtr& t) {
  auto s = std::make_unique<ArrowArrayStream>();
  export_arrow_stream(t, s.get());
  return arrow_stream_capsule(std::move(s));
}

py::object schema_capsule(const Table& t) {
  auto s = std::make_unique<ArrowSchema>();
  export_arrow_schema(t, s.get());
  return arrow_schema_capsule(std::move(s));
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
      case ColumnType::string:
      case ColumnType::category: out[i] = text_to_python(c.string_at(i)); break;
      case ColumnType::boolean: out[i] = py::bool_(c.bool_at(i)); break;
      case ColumnType::date: {
        const Date d = c.date_at(i);
        out[i] = py::reinterpret_steal<py::object>(PyDate_FromDate(d.year(), d.month(), d.day()));
        break;
      }
      case ColumnType::string_list: {
        py::list items;
        for (std::string_view item : c.list_at(i)) items.append(text_to_python(item));
        out[i] = items;
        break;
      }
    }
  }
  return out;
}

py::dict table_dict(const Table& t) {
  py::dict d;
  for (const Column& c : t.columns()) d[py::str(c.name())] = column_values(c);
  return d;
}

/// A pandas Series of column @p c: int64 (nullable Int64 with nulls), float64, object (strings,
/// lists), bool (nullable boolean with nulls), datetime64 (NaT for nulls), categorical (the
/// column's dictionary as categories, in order).
py::object pandas_series(const py::module_& pd, const Column& c) {
  switch (c.type()) {
    case ColumnType::int64:
      return pd.attr("Series")(column_values(c),
                               py::arg("dtype") = c.null_count() ? "Int64" : "int64");
    case ColumnType::float64:
      return pd.attr("Series")(column_values(c), py::arg("dtype") = "float64");
    case ColumnType::string:
    case ColumnType::string_list:
      return pd.attr("Series")(column_values(c), py::arg("dtype") = "object");
    case ColumnType::boolean:
      return pd.attr("Series")(column_values(c),
                               py::arg("dtype") = c.null_count() ? "boolean" : "bool");
    case ColumnType::date: {
      py::array_t<std::int64_t> days(static_cast<py::ssize_t>(c.size()));
      auto out = days.mutable_unchecked<1>();
      for (std::size_t i = 0; i < c.size(); ++i) {
        out(static_cast<py::ssize_t>(i)) =
            c.is_null(i) ? std::numeric_limits<std::int64_t>::min() : c.int32s()[i];  // min is NaT
      }
      return pd.attr("Series")(days.attr("astype")("datetime64[D]"));
    }
    case ColumnType::category: {
      py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(c.size()));
      auto out = codes.mutable_unchecked<1>();
      for (std::size_t i = 0; i < c.size(); ++i) {
        out(static_cast<py::ssize_t>(i)) = c.is_null(i) ? -1 : c.code_at(i);
      }
      py::list categories;
      for (std::string_view v : c.dictionary()) categories.append(text_to_python(v));
      return pd.attr("Series")(
          pd.attr("Categorical")
              .attr("from_codes")(codes, py::arg("categories") = pd.attr("Index")(
                                             categories, py::arg("dtype") = "object")));
    }
  }
  return py::none();
}

py::object table_pandas(const Table& t) {
  py::module_ pd = py::module_::import("pandas");
  py::dict d;
  for (const Column& c : t.columns()) d[py::str(c.name())] = pandas_series(pd, c);
  py::list cols;
  for (const Column& c : t.columns()) cols.append(c.name());
  return pd.attr("DataFrame")(d, py::arg("columns") = cols);
}

py::list table_records(const Table& t) {
  std::vector<py::list> columns;
  for (const Column& c : t.columns()) columns.push_back(column_values(c));
  py::list out(t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) {
    py::dict row;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      row[py::str(t.columns()[k].name())] = columns[k][i];
    }
    out[i] = row;
  }
  return out;
}

}  // namespace

void bind_table(py::module_& m) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
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
      .def("to_records", &table_records, "The rows as a list of dicts (None for nulls).")
      .def("to_pandas", &table_pandas,
           "A pandas DataFrame with typed columns: int64 (nullable Int64 with nulls, e.g. "
           "suppressed "
           "cells), float64, object strings, bool (nullable boolean with nulls), datetime64 "
           "dates (NaT for nulls), categoricals for codes (every declared code a category), "
           "Python lists for string lists.")
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
}

}  // namespace vaekit::python
