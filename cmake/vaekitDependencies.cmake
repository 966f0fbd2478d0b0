# The third-party libraries vaekit uses, found the same way at build time and by consumers of the
# installed package (vaekitConfig.cmake includes this file). Each comes from Debian's archive; see
# docs/dependencies.md for the why of each.
include(CMakeFindDependencyMacro)
find_dependency(nlohmann_json 3.11)
