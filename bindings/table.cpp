// Python bindings of vaekit.Table (core): the one columnar shape every area hands out, with
// pandas, CSV, records and the Arrow PyCapsule stream (zero-copy) exports.
#include <pybind11/stl/filesystem.h>

#include <memory>

#include "common.hpp"
#include "vaekit/core/table.hpp"

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
}

}  // namespace vaekit::python
