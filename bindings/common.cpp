#include "common.hpp"

#include <datetime.h>

#include <filesystem>
#include <map>
#include <string_view>

namespace vaekit::python {
namespace {

std::map<std::string, PyObject*>& classes() {
  static std::map<std::string, PyObject*> m;  // strong references, kept for the process
  return m;
}

/// One Python exception class and the C++ errors it stands for.
struct ErrorTranslation {
  py::handle cls;
  std::function<bool(const Error&)> matches;
  ErrorAttributes extra;
};

/// The registered translations, in registration order (searched from the end).
std::vector<ErrorTranslation>& translations() {
  static std::vector<ErrorTranslation> v;
  return v;
}

}  // namespace

py::handle add_error_class(py::module_& m, const char* name, const std::vector<py::handle>& bases,
                           const char* doc) {
  const std::string qualified = std::string("vaekit.") + name;
  py::tuple base_tuple(bases.size());
  for (std::size_t i = 0; i < bases.size(); ++i) {
    base_tuple[i] = py::reinterpret_borrow<py::object>(bases[i]);
  }
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base_tuple.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  classes()[name] = cls;
  m.attr(name) = py::reinterpret_borrow<py::object>(cls);
  return cls;
}

py::handle error_class(const char* name) {
  auto it = classes().find(name);
  if (it == classes().end()) return PyExc_RuntimeError;
  return it->second;
}

py::str text_to_python(std::string_view text) {
  PyObject* o =
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "backslashreplace");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::str path_to_python(std::string_view path) {
  PyObject* o = PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size()));
  if (o == nullptr) {
    PyErr_Clear();
    return text_to_python(path);
  }
  return py::reinterpret_steal<py::str>(o);
}

void register_error_translation(py::handle cls, std::function<bool(const Error&)> matches,
                                ErrorAttributes extra) {
  translations().push_back({cls, std::move(matches), std::move(extra)});
}

py::object json_to_python(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: {
      py::dict d;
      for (const auto& [k, v] : j.items()) d[text_to_python(k)] = json_to_python(v);
      return d;
    }
    case Json::value_t::array: {
      py::list l(j.size());
      for (std::size_t i = 0; i < j.size(); ++i) l[i] = json_to_python(j[i]);
      return l;
    }
    case Json::value_t::string: return text_to_python(j.get_ref<const std::string&>());
    case Json::value_t::boolean: return py::bool_(j.get<bool>());
    case Json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
    case Json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
    case Json::value_t::number_float: return py::float_(j.get<double>());
    default: return py::none();  // null, discarded, binary (never produced by vaekit)
  }
}

void set_python_error(py::handle cls, const Error& e, const ErrorAttributes& extra) {
  py::gil_scoped_acquire gil;
  py::object instance;
  const auto* io = dynamic_cast<const IoError*>(&e);
  if (io != nullptr && io->error_number() != 0) {
    // OSError(errno, strerror, filename): str() reads "[Errno 2] No such file...: 'path'",
    // and Python's errno, strerror and filename attributes are set.
    instance = py::reinterpret_borrow<py::object>(cls)(py::int_(io->error_number()),
                                                       text_to_python(io->description()),
                                                       path_to_python(io->path()));
  } else {
    instance = py::reinterpret_borrow<py::object>(cls)(text_to_python(e.what()));
  }
  instance.attr("code") = py::str(std::string(to_string(e.code())));
  if (const auto* pe = dynamic_cast<const ParseError*>(&e)) {
    const auto& w = pe->where();
    instance.attr("source") =
        w.source.empty() ? py::object(py::none()) : py::object(text_to_python(w.source));
    instance.attr("line") = w.line == 0 ? py::object(py::none()) : py::object(py::int_(w.line));
    instance.attr("column") =
        w.column == 0 ? py::object(py::none()) : py::object(py::int_(w.column));
    instance.attr("field") =
        w.field.empty() ? py::object(py::none()) : py::object(text_to_python(w.field));
    instance.attr("reason") = text_to_python(pe->reason());
  }
  if (const auto* nf = dynamic_cast<const NotFound*>(&e)) {
    instance.attr("key") = text_to_python(nf->key());
  }
  if (io != nullptr) {
    // Without an errno (e.g. an SQLite failure), str() stays the whole message: OSError prints
    // "[Errno None] None: 'path'" as soon as `filename` is set, so only `path` is.
    instance.attr("path") = path_to_python(io->path());
    if (io->error_number() == 0) instance.attr("strerror") = text_to_python(io->description());
  }
  if (extra) extra(e, instance);
  PyErr_SetObject(cls.ptr(), instance.ptr());
}

void bind_errors(py::module_& m) {
  py::handle error = add_error_class<Error>(
      m, "Error", {PyExc_Exception},
      "Base of every error vaekit raises. Attribute `code`: the stable category name "
      "(parse, schema, invalid_argument, out_of_range, not_found, io, transition, conflict, "
      "infeasible, unsupported, internal).");
  py::handle parse = add_error_class<ParseError>(
      m, "ParseError", {error},
      "Malformed input. Attributes: `source` (file name or None), `line`, `column` (1-based or "
      "None), `field` (field name or element path, or None), `reason` (the message without the "
      "location).");
  add_error_class<SchemaError>(
      m, "SchemaError", {parse},
      "A document whose \"schema\" tag is missing, names another schema, or is a newer "
      "version than this vaekit reads.");
  add_error_class<InvalidArgument>(
      m, "InvalidArgument", {error, PyExc_ValueError},
      "A value outside its domain (e.g. 30 February); also a ValueError.");
  add_error_class<OutOfRange>(
      m, "OutOfRange", {error, PyExc_ValueError},
      "A value vaekit does not support (e.g. holidays before 1982); also a ValueError.");
  add_error_class<NotFound>(m, "NotFound", {error, PyExc_KeyError},
                            "A looked-up key is absent; also a KeyError. Attribute `key`.");
  add_error_class<IoError>(
      m, "IoError", {error, PyExc_OSError},
      "A file could not be read or written; also an OSError. Attributes `path`, "
      "`errno`, `strerror` and `filename` (the last two set when the system gave an "
      "errno).");

  // The one translator: the latest registered class whose C++ type matches (most derived last).
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      const auto& all = translations();
      for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->matches(e)) {
          set_python_error(it->cls, e, it->extra);
          return;
        }
      }
      set_python_error(error_class("Error"), e);
    } catch (const std::filesystem::filesystem_error& e) {
      // std::filesystem (a symlink loop, a permission...): an IoError with its errno, not the
      // RuntimeError pybind11 would make of it.
      set_python_error(error_class("IoError"),
                       IoError(e.path1().string(), e.code().message(), e.code().value()));
    }
  });
}

Date DateLike::get() const {
  if (py::isinstance<Date>(value)) return value.cast<Date>();
  if (py::isinstance<py::str>(value)) return Date::parse(value.cast<std::string>());
  // datetime.date (checked by the caster)
  return Date(value.attr("year").cast<int>(), value.attr("month").cast<int>(),
              value.attr("day").cast<int>());
}

namespace {
// The capsule destructors: release the struct unless a consumer moved it out (release null), then
// free it.
template <class Arrow>
void release_arrow_capsule(PyObject* capsule, const char* name) {
  auto* s = static_cast<Arrow*>(PyCapsule_GetPointer(capsule, name));
  if (s == nullptr) {
    PyErr_Clear();
    return;
  }
  if (s->release != nullptr) s->release(s);
  delete s;
}
void release_stream_capsule(PyObject* capsule) {
  release_arrow_capsule<ArrowArrayStream>(capsule, "arrow_array_stream");
}
void release_schema_capsule(PyObject* capsule) {
  release_arrow_capsule<ArrowSchema>(capsule, "arrow_schema");
}
template <class Arrow>
py::object arrow_capsule(std::unique_ptr<Arrow> s, const char* name, PyCapsule_Destructor d) {
  PyObject* cap = PyCapsule_New(s.get(), name, d);
  if (cap == nullptr) {
    if (s->release != nullptr) s->release(s.get());
    throw py::error_already_set();
  }
  (void)s.release();  // the capsule owns it now
  return py::reinterpret_steal<py::object>(cap);
}
}  // namespace

py::object arrow_stream_capsule(std::unique_ptr<ArrowArrayStream> stream) {
  return arrow_capsule(std::move(stream), "arrow_array_stream", release_stream_capsule);
}

py::object arrow_schema_capsule(std::unique_ptr<ArrowSchema> schema) {
  return arrow_capsule(std::move(schema), "arrow_schema", release_schema_capsule);
}

}  // namespace vaekit::python

namespace pybind11::detail {
bool type_caster<vaekit::python::DateLike>::load(handle src, bool) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  if (isinstance<vaekit::Date>(src) || isinstance<str>(src) ||
      (PyDate_Check(src.ptr()) && !PyDateTime_Check(src.ptr()))) {
    value.value = reinterpret_borrow<object>(src);
    return true;
  }
  return false;
}
}  // namespace pybind11::detail
