// StoreUrl: sqlite paths and PostgreSQL URLs; the password never shown (issue 16).
#include <string>

#include "pg_server.hpp"
#include "test_support.hpp"
#include "vaekit/store/case_store.hpp"

using namespace vaekit;

TEST_CASE("store url: plain paths and sqlite:// are SQLite") {
  CHECK(StoreUrl::parse("cases.db").kind() == StoreUrl::Kind::sqlite);
  CHECK(StoreUrl::parse("cases.db").path() == "cases.db");
  CHECK(StoreUrl::parse("/var/lib/vaekit/cases.db").path() == "/var/lib/vaekit/cases.db");
  // sqlite:///abs: the path after "sqlite://" is "/abs" (SQLAlchemy's form).
  CHECK(StoreUrl::parse("sqlite:///srv/cases.db").path() == "/srv/cases.db");
  CHECK(StoreUrl::parse("sqlite://rel/cases.db").path() == "rel/cases.db");
  CHECK_THROWS_AS(StoreUrl::parse("sqlite://"), InvalidArgument);
  CHECK_THROWS_AS(StoreUrl::parse(""), InvalidArgument);
  CHECK_THROWS_AS(StoreUrl::parse("mysql://root:pw@h/db"), InvalidArgument);
  try {
    (void)StoreUrl::parse("mysql://root:topsecret@h/db");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("topsecret") == std::string::npos);
  }
}

TEST_CASE("store url: PostgreSQL URLs keep the password for libpq only") {
  const StoreUrl u =
      StoreUrl::parse("postgresql://staff:s3cr%40t@db.example.fr:5433/vae?sslmode=verify-full");
  CHECK(u.kind() == StoreUrl::Kind::postgresql);
  CHECK(u.has_password());
  CHECK(u.connection_string() ==
        "postgresql://staff:s3cr%40t@db.example.fr:5433/vae?sslmode=verify-full");
  CHECK(u.redacted() == "postgresql://staff:***@db.example.fr:5433/vae?sslmode=verify-full");
  CHECK(u.path().string() == u.redacted());
  // A password given as a parameter, in any case; postgres:// as libpq accepts it.
  const StoreUrl p = StoreUrl::parse("postgres://staff@h/vae?sslmode=require&PassWord=hunter2&x=1");
  CHECK(p.kind() == StoreUrl::Kind::postgresql);
  CHECK(p.redacted() == "postgres://staff@h/vae?sslmode=require&PassWord=***&x=1");
  // A careless '@' in the password: everything up to the last '@' is the user part.
  const StoreUrl c = StoreUrl::parse("postgresql://staff:a@b@h/vae");
  CHECK(c.redacted() == "postgresql://staff:***@h/vae");
  // No password: unchanged.
  const StoreUrl n = StoreUrl::parse("postgresql://staff@/vae?host=/run/postgresql");
  CHECK_FALSE(n.has_password());
  CHECK(n.redacted() == "postgresql://staff@/vae?host=/run/postgresql");
}

TEST_CASE("pg fixture: a throwaway server starts as an unprivileged user") {
  test::PgServer* pg = test::PgServer::shared();
  if (pg == nullptr) {
    WARN(test::PgServer::skip_reason());
    return;
  }
  const std::string url = pg->create_database("fixture_smoke");
  CHECK(url.find("fixture_smoke") != std::string::npos);
  CHECK(pg->psql("fixture_smoke", "SELECT 40 + 2").find("42") != std::string::npos);
  // The server does not run as root.
  CHECK(pg->psql("postgres", "SELECT current_setting('data_directory')").find(pg->dir().string()) !=
        std::string::npos);
}
