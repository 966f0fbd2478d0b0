# The third-party libraries vaekit uses, found the same way when vaekit is built and when a
# consumer finds the installed package (vaekitConfig.cmake includes this file). All come from
# Debian's archive; docs/dependencies.md says why each was chosen.
include(CMakeFindDependencyMacro)

macro(vaekit_dependency)
  if(VAEKIT_FINDING_INSTALLED_PACKAGE)
    find_dependency(${ARGV})
  else()
    find_package(${ARGV} REQUIRED)
  endif()
endmacro()

vaekit_dependency(nlohmann_json 3.11)          # documents, schemas, configuration
vaekit_dependency(simdjson CONFIG)             # bulk event-log ingest (On-Demand)
vaekit_dependency(EXPAT)                       # the RNCP XML export, streamed
vaekit_dependency(pugixml CONFIG)              # the XML export's <FICHE> chunks, in situ
vaekit_dependency(SQLite3)                     # the embedded case store
vaekit_dependency(OpenSSL COMPONENTS Crypto)   # HMAC-SHA-256 pseudonyms
vaekit_dependency(PkgConfig)
# utf8proc and CBC ship pkg-config files only; libzip's CMake file in Debian 12 names tool binaries
# of other packages (zipcmp...), so it is found through pkg-config too. Imported targets:
# PkgConfig::libzip, PkgConfig::utf8proc, PkgConfig::cbc,
# PkgConfig::libpq.
if(NOT TARGET PkgConfig::libzip)
  pkg_check_modules(libzip REQUIRED IMPORTED_TARGET libzip)  # the export zips, read in place
endif()
if(NOT TARGET PkgConfig::utf8proc)
  pkg_check_modules(utf8proc REQUIRED IMPORTED_TARGET libutf8proc)  # accent-insensitive search
endif()
if(NOT TARGET PkgConfig::libpq)
  pkg_check_modules(libpq REQUIRED IMPORTED_TARGET libpq)  # the PostgreSQL case store (libpq)
endif()
if(NOT TARGET PkgConfig::cbc)
  pkg_check_modules(cbc REQUIRED IMPORTED_TARGET cbc)  # COIN-OR CBC, exact scheduling (MIP)
endif()
