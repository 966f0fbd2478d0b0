#pragma once
// The backends the store contract suite runs over: a fresh SQLite file, or a fresh database on
// the test process's throwaway PostgreSQL server (pg_server.hpp).
//
//   const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
//   const std::string where = vaekit::test::fresh_store(backend, "lost");
//   if (where.empty()) return;  // PostgreSQL not installed: skipped with a warning
//   CaseStore a(where);
#include <unistd.h>

#include <filesystem>
#include <string>

#include "pg_server.hpp"
#include "test_support.hpp"

namespace vaekit::test {

/// A fresh folder for the test @p name.
inline std::filesystem::path fresh_store_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("vaekit-store-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The URL or path of an empty store named @p name on @p backend ("sqlite" or "postgresql");
/// empty (after a WARN saying how to install PostgreSQL) when the server cannot run here.
inline std::string fresh_store(const std::string& backend, const std::string& name) {
  if (backend == "sqlite") return (fresh_store_dir(name) / "cases.db").string();
  PgServer* pg = PgServer::shared();
  if (pg == nullptr) {
    WARN(PgServer::skip_reason());
    return {};
  }
  std::string db = "t_";
  for (const char c : name) db += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return pg->create_database(db);
}

}  // namespace vaekit::test
