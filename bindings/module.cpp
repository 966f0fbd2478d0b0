// Entry point of the private extension module vaekit._vaekit.
#include <pybind11/pybind11.h>

#include "areas.hpp"
#include "common.hpp"

PYBIND11_MODULE(_vaekit, m) {
  m.doc() = "vaekit's compiled core; use the public package `vaekit` instead.";
  m.attr("__version__") = VAEKIT_VERSION_INFO;
  vaekit::python::bind_errors(m);
  vaekit::python::bind_table(m);
  vaekit::python::bind_all_areas(m);
}
