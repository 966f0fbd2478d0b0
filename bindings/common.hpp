// Shared helpers of the binding files: errors, dates accepted in several forms, JSON pickling.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/reject.hpp"
#include "vaekit/core/table.hpp"

namespace py = pybind11;

namespace vaekit::python {

/// Sets extra attributes of the Python exception @p instance from the C++ error (its subclass).
using ErrorAttributes = std::function<void(const Error&, py::object& instance)>;

/// Creates the Python exception classes of core (vaekit.Error and its subclasses) and registers
/// the one exception translator of the module: every vaekit::Error crosses to Python through it,
/// as the class registered for its most derived C++ type (add_error_class<E>).
void bind_errors(py::module_& m);

/// The Arrow C stream PyCapsule ("arrow_array_stream") owning @p stream, an exported stream:
/// the capsule releases it unless a consumer moved it out. The PyCapsule interface of
/// `__arrow_c_stream__` (vaekit.Table, vaekit.EventLog).
py::object arrow_stream_capsule(std::unique_ptr<ArrowArrayStream> stream);

/// The Arrow C schema PyCapsule ("arrow_schema") owning @p schema (see arrow_stream_capsule).
py::object arrow_schema_capsule(std::unique_ptr<ArrowSchema> schema);

/// Creates vaekit.Table (bindings/table.cpp), the columnar shape every area's to_table() returns.
void bind_table(py::module_& m);

/// Creates a Python exception class `name` in @p m deriving from @p bases (at least one of the
/// classes made by bind_errors, looked up with error_class()) and remembers it.
py::handle add_error_class(py::module_& m, const char* name, const std::vector<py::handle>& bases,
                           const char* doc);

/// @p text as a Python str, whatever its bytes: invalid UTF-8 shown as `\\xNN` (backslashreplace),
/// so that no message or field crossing to Python raises UnicodeDecodeError.
py::str text_to_python(std::string_view text);

/// A file name as Python's os.fsdecode() gives it (undecodable bytes as surrogates).
py::str path_to_python(std::string_view path);

/// The Python exception class registered under @p name (e.g. "ParseError").
py::handle error_class(const char* name);

/// Makes the translator raise @p cls for a C++ error @p matches accepts (its dynamic type is, or
/// derives from, a given class), after setting the common attributes and @p extra ones. The
/// latest registration that matches wins, so register a base class before its subclasses.
void register_error_translation(py::handle cls, std::function<bool(const Error&)> matches,
                                ErrorAttributes extra);

/// Creates the Python class `name` (see add_error_class) for the C++ error E and routes E
/// through the one translator; @p extra sets E's own attributes on the instance.
template <class E>
py::handle add_error_class(py::module_& m, const char* name, const std::vector<py::handle>& bases,
                           const char* doc, std::function<void(const E&, py::object&)> extra = {}) {
  py::handle cls = add_error_class(m, name, bases, doc);
  register_error_translation(
      cls,
      [](const Error& e) {
        if constexpr (std::is_same_v<E, Error>) {
          return true;
        } else {
          return dynamic_cast<const E*>(&e) != nullptr;
        }
      },
      [extra](const Error& e, py::object& instance) {
        if (extra) extra(dynamic_cast<const E&>(e), instance);
      });
  return cls;
}

/// A JSON value as the Python value json.loads() would give (dict, list, str, int, float, bool,
/// None), built directly; strings with invalid UTF-8 are decoded with backslashreplace.
py::object json_to_python(const Json& j);

/// The ReadMode of a binding's `strict` flag: ReadMode::strict when true, else lenient.
[[nodiscard]] constexpr ReadMode read_mode(bool strict) noexcept {
  return strict ? ReadMode::strict : ReadMode::lenient;
}

/// Sets the Python error for @p e as an instance of @p cls carrying vaekit's attributes
/// (code; and source, line, column, field, reason for ParseError; key; path) and those @p extra
/// sets.
void set_python_error(py::handle cls, const Error& e, const ErrorAttributes& extra = {});

/// A date given from Python as a vaekit.Date, a datetime.date or an ISO string.
struct DateLike {
  py::object value;
  /// The vaekit::Date; raises vaekit.ParseError for a malformed string.
  [[nodiscard]] Date get() const;
};

/// Adds `__getstate__`/`__setstate__` going through T's JSON document form (to_document /
/// from_document), so every value travels to Dask workers and back intact.
template <class T, class Cls>
void def_json_pickle(Cls& cls) {
  cls.def(py::pickle([](const T& v) { return py::make_tuple(to_document(v).dump()); },
                     [](const py::tuple& t) {
                       if (t.size() != 1) throw InvalidArgument("invalid pickle state");
                       return from_document<T>(parse_json(t[0].cast<std::string>(), "<pickle>"));
                     }));
}

/// Adds `to_json()` (the schema-tagged document as text) and static `from_json(text)`.
template <class T, class Cls>
void def_json_io(Cls& cls, const char* name) {
  cls.def(
      "to_json", [](const T& v, int indent) { return to_document(v).dump(indent); },
      py::arg("indent") = 2,
      (std::string("The schema-tagged JSON document of this ") + name + ", as text.").c_str());
  cls.def_static(
      "from_json",
      [](const std::string& text, const std::string& source) {
        return read_document<T>(text, source);
      },
      py::arg("text"), py::arg("source") = "<string>",
      (std::string("Reads a ") + name +
       " from its JSON document (older schema versions are upgraded); `source` names the input "
       "in error messages. Raises vaekit.ParseError (deep nesting, duplicate keys, bad fields).")
          .c_str());
}

}  // namespace vaekit::python

namespace pybind11::detail {
/// Loads vaekit.Date, datetime.date (not datetime.datetime) or str into DateLike.
template <>
struct type_caster<vaekit::python::DateLike> {
  PYBIND11_TYPE_CASTER(vaekit::python::DateLike, const_name("vaekit.Date | datetime.date | str"));
  bool load(handle src, bool);
};
}  // namespace pybind11::detail

namespace vaekit::python {
/// Adds pickling through the JSON value form (for values without a schema tag, such as Date).
template <class Cls>
void def_json_value_pickle(Cls& cls) {
  using T = typename Cls::type;
  cls.def(py::pickle([](const T& v) { return py::make_tuple(Json(v).dump()); },
                     [](const py::tuple& t) {
                       if (t.size() != 1) throw InvalidArgument("invalid pickle state");
                       return parse_json(t[0].cast<std::string>(), "<pickle>").get<T>();
                     }));
}
}  // namespace vaekit::python
