// The PostgreSQL backend (issue 16): the schema tag and version, the typed errors of a server
// that is down, restarted or slow, passwords never shown, the migration between backends byte
// for byte, COPY import of awkward lines. Runs against the throwaway server of pg_server.hpp and
// skips (with a warning saying how to install PostgreSQL) when its binaries are absent.
#include <postgresql/libpq-fe.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store_backends.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/store/case_store.hpp"

using namespace vaekit;

namespace {

test::PgServer* server() {
  test::PgServer* pg = test::PgServer::shared();
  if (pg == nullptr) WARN(test::PgServer::skip_reason());
  return pg;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// An event log of @p n cases whose events interleave (case k's events on days k, k + n, ...),
// so that the commit order differs from the order by case.
std::string interleaved_log(int n) {
  std::string out = R"({"schema":"EventLog.1","source":"test"})"
                    "\n";
  const char* kinds[] = {"received", "informed", "appointment_booked", "appointment_held"};
  const char* roles[] = {"assistant", "assistant", "assistant", "counsellor"};
  for (int step = 0; step < 4; ++step) {
    for (int k = 0; k < n; ++k) {
      const Date d = Date(2021, 1, 4) + (step * 7 + k % 5);
      out += R"({"case":"M)" + std::to_string(k) + R"(","at":")" + d.to_string() +
             R"(","event":")" + kinds[step] + R"(","role":")" + roles[step] + "\"";
      if (step == 0) out += R"(,"antenne":"IDF-75A","data":{"channel":"phone"})";
      out += "}\n";
    }
  }
  return out;
}

// A raw libpq connection for what the store's API cannot do (hold a lock open).
struct Raw {
  PGconn* c;
  explicit Raw(const std::string& url) : c(PQconnectdb(url.c_str())) {
    REQUIRE(PQstatus(c) == CONNECTION_OK);
  }
  ~Raw() { PQfinish(c); }
  void exec(const char* sql) {
    PGresult* r = PQexec(c, sql);
    const auto st = PQresultStatus(r);
    PQclear(r);
    REQUIRE((st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK));
  }
};

Event received(Date d) {
  Event e;
  e.at = Timestamp(d);
  e.kind = EventKind::received;
  e.role = Role::assistant;
  e.data.channel = Channel::phone;
  e.antenne = "IDF-75A";
  return e;
}

}  // namespace

TEST_CASE("postgres: the store is tagged and versioned in vaekit_meta") {
  test::PgServer* pg = server();
  if (!pg) return;
  const std::string url = pg->create_database("meta");
  { CaseStore store(url); }
  CHECK(pg->psql("meta", "SELECT key || '=' || value FROM vaekit_meta ORDER BY key") ==
        "application=vaekit\nschema=CaseStore.2\nversion=2\n");
  // The indexes of the queries.
  const std::string idx =
      pg->psql("meta", "SELECT indexname FROM pg_indexes WHERE tablename='cases' ORDER BY 1");
  for (const char* name : {"cases_antenne", "cases_due", "cases_side", "cases_stage"}) {
    CHECK(idx.find(name) != std::string::npos);
  }
  // A newer store is refused, read-write and read-only, and left untouched.
  pg->psql("meta", "UPDATE vaekit_meta SET value='3' WHERE key='version'");
  CHECK_THROWS_AS(CaseStore(url), SchemaError);
  CaseStore::Options ro;
  ro.read_only = true;
  try {
    CaseStore s(StoreUrl::parse(url), ro);
    FAIL("a newer store was opened");
  } catch (const SchemaError& e) {
    CHECK(std::string(e.what()).find("newer") != std::string::npos);
  }
  CHECK(pg->psql("meta", "SELECT value FROM vaekit_meta WHERE key='version'") == "3\n");
  // An older one is upgraded on a read-write open, read as it is on a read-only one.
  pg->psql("meta",
           "UPDATE vaekit_meta SET value='1' WHERE key='version'; "
           "UPDATE vaekit_meta SET value='CaseStore.1' WHERE key='schema'; DROP INDEX cases_side");
  { CaseStore s(StoreUrl::parse(url), ro); }
  CHECK(pg->psql("meta", "SELECT value FROM vaekit_meta WHERE key='version'") == "1\n");
  { CaseStore s(url); }
  CHECK(pg->psql("meta",
                 "SELECT value FROM vaekit_meta WHERE key IN ('schema', 'version') "
                 "ORDER BY key") == "CaseStore.2\n2\n");
  CHECK(pg->psql("meta", "SELECT count(*) FROM pg_indexes WHERE indexname='cases_side'") == "1\n");
  // Another application's tables: refused untouched; another application's tag too.
  const std::string foreign = pg->create_database("foreign");
  pg->psql("foreign", "CREATE TABLE cases(id int)");
  CHECK_THROWS_AS(CaseStore(foreign), SchemaError);
  CHECK(pg->psql("foreign", "SELECT count(*) FROM pg_tables WHERE tablename='vaekit_meta'") ==
        "0\n");
  pg->psql("foreign",
           "DROP TABLE cases; CREATE TABLE vaekit_meta(key text, value text); "
           "INSERT INTO vaekit_meta VALUES ('application', 'other')");
  CHECK_THROWS_AS(CaseStore(foreign), SchemaError);
  // Read-only on an empty database: nothing to read, nothing created.
  const std::string empty = pg->create_database("empty");
  CHECK_THROWS_AS(CaseStore(StoreUrl::parse(empty), ro), SchemaError);
  CHECK(pg->psql("empty", "SELECT count(*) FROM pg_tables WHERE schemaname='public'") == "0\n");
}

TEST_CASE("postgres: a read-only store reads and refuses writes") {
  test::PgServer* pg = server();
  if (!pg) return;
  const std::string url = pg->create_database("readonly");
  {
    CaseStore store(url);
    store.append("C1", std::vector<Event>{received(Date(2021, 3, 1))});
  }
  CaseStore::Options ro;
  ro.read_only = true;
  CaseStore store(StoreUrl::parse(url), ro);
  CHECK(store.version("C1") == 1);
  CHECK(store.load("C1").events().size() == 1);
  CHECK_THROWS_AS(store.append("C1", std::vector<Event>{received(Date(2021, 3, 2))}), IoError);
  CHECK(store.backend_name() == "postgresql");
}

TEST_CASE("postgres: a server that is down, restarted or slow gives typed, retryable errors") {
  test::PgServer* pg = server();
  if (!pg) return;
  // Nothing listens: TransientError (the store's URL in the message, no crash).
  {
    const std::string nowhere =
        "postgresql://vaekit@/x?host=" + pg->dir().string() + "&port=1&connect_timeout=2";
    try {
      CaseStore s(nowhere);
      FAIL("connected to nothing");
    } catch (const TransientError& e) {
      CHECK(e.path() == nowhere);
      CHECK(std::string(e.what()).find("retry") != std::string::npos);
    }
  }
  const std::string url = pg->create_database("restart");
  CaseStore store(url);
  Case c("R1");
  c.record(received(Date(2021, 3, 1)));
  CHECK(store.save(c) == 1);
  // The server restarts: the next call fails with TransientError (the connection was lost),
  // nothing of it written; the one after reconnects; nothing acknowledged was lost.
  REQUIRE(pg->restart());
  Case again = c;
  Event inf;
  inf.at = Timestamp(Date(2021, 3, 2));
  inf.kind = EventKind::informed;
  inf.role = Role::assistant;
  again.record(inf);
  int transient = 0;
  std::int64_t v = 0;
  for (int attempt = 0; attempt < 5 && v == 0; ++attempt) {
    try {
      v = store.save(again);
    } catch (const TransientError&) {
      ++transient;
    }
  }
  CHECK(transient == 1);
  CHECK(v == 2);
  CHECK(store.version("R1") == 2);
  // A statement timeout: another session holds the table; the store's statement is cancelled
  // (SQLSTATE 57014) and comes back as TransientError; the lock timeout likewise (55P03).
  Raw other(url);
  other.exec("BEGIN");
  other.exec("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE");
  CaseStore::Options slow;
  slow.statement_timeout_ms = 200;
  slow.busy_timeout_ms = 60'000;
  CaseStore impatient(StoreUrl::parse(url), slow);
  try {
    (void)impatient.version("R1");
    FAIL("no timeout");
  } catch (const TransientError& e) {
    CHECK(e.sqlstate() == "57014");
  }
  CaseStore::Options locks;
  locks.busy_timeout_ms = 100;
  CaseStore waiting(StoreUrl::parse(url), locks);
  try {
    waiting.append("R2", std::vector<Event>{received(Date(2021, 3, 1))});
    FAIL("no lock timeout");
  } catch (const TransientError& e) {
    CHECK(e.sqlstate() == "55P03");
  }
  other.exec("ROLLBACK");
  CHECK(impatient.version("R1") == 2);  // usable again after the timeout
  CHECK(waiting.append("R2", std::vector<Event>{received(Date(2021, 3, 1))}) == 1);
  CHECK(store.integrity_check() == "ok");
}

TEST_CASE("postgres: the password never appears in a message or a path") {
  test::PgServer* pg = server();
  if (!pg) return;
  pg->create_database("secret");
  pg->psql("postgres",
           "DROP ROLE IF EXISTS staff; CREATE ROLE staff LOGIN PASSWORD 'Corr3ct-H0rse'; "
           "GRANT ALL ON DATABASE secret TO staff; ");
  pg->psql("secret", "GRANT ALL ON SCHEMA public TO staff");
  // A wrong password: an IoError that names the redacted URL only.
  const std::string wrong = pg->tcp_url("secret", "staff", "Wr0ng-Pw-71");
  try {
    CaseStore s(wrong);
    FAIL("a wrong password was accepted");
  } catch (const IoError& e) {
    const std::string what = e.what();
    CHECK(what.find("Wr0ng-Pw-71") == std::string::npos);
    CHECK(e.path().find("Wr0ng-Pw-71") == std::string::npos);
    CHECK(e.path().find(":***@") != std::string::npos);
    CHECK(dynamic_cast<const TransientError*>(&e) == nullptr);  // retrying cannot help
  }
  // The right one: the store works; its path and URL show it redacted.
  const std::string right = pg->tcp_url("secret", "staff", "Corr3ct-H0rse");
  CaseStore store(right);
  store.append("S1", std::vector<Event>{received(Date(2021, 3, 1))});
  CHECK(store.path().string().find("Corr3ct-H0rse") == std::string::npos);
  CHECK(store.url().redacted().find("Corr3ct-H0rse") == std::string::npos);
  try {
    store.append("S1", std::vector<Event>{received(Date(2021, 3, 2))}, 0);
    FAIL("no conflict");
  } catch (const ConflictError& e) {
    CHECK(std::string(e.what()).find("Corr3ct-H0rse") == std::string::npos);
  }
  // A password given as a parameter is redacted too.
  const std::string param =
      "postgresql://staff@127.0.0.1:" + std::to_string(pg->port()) + "/secret?password=Wr0ng-Pw-72";
  try {
    CaseStore s(param);
    FAIL("a wrong password was accepted");
  } catch (const IoError& e) {
    CHECK(std::string(e.what()).find("Wr0ng-Pw-72") == std::string::npos);
  }
}

TEST_CASE("postgres: migrate SQLite -> PostgreSQL -> SQLite gives the same export, byte for byte") {
  test::PgServer* pg = server();
  if (!pg) return;
  const auto dir = test::fresh_store_dir("migrate");
  // Interleaved cases (commit order is not case order), and a line the COPY format must
  // escape: a backslash, a JSON-escaped tab and quote, non-ASCII text.
  std::string log = interleaved_log(30);
  log += R"({"case":"M0","at":"2021-03-01","event":"appointment_missed","role":"assistant",)"
         R"("staff":"a\\b\t\"c Île-de-France"})"
         "\n";
  write_text(dir / "in.jsonl", log);
  const StoreUrl a = StoreUrl::sqlite(dir / "a.db");
  const StoreUrl p = StoreUrl::parse(pg->create_database("migrate"));
  const StoreUrl b = StoreUrl::sqlite(dir / "b.db");
  {
    CaseStore src(a, {});
    ImportOptions small;
    small.batch_cases = 7;
    REQUIRE(src.import_event_log(dir / "in.jsonl", small).events_written == 121);
    Case m1 = src.load("M1");  // a later write: commit order differs from the import's
    Event missed;
    missed.at = Timestamp(Date(2021, 3, 2));
    missed.kind = EventKind::appointment_missed;
    missed.role = Role::assistant;
    m1.record(missed);
    src.save(m1);
    src.export_event_log(dir / "a.jsonl");
  }
  const MigrateReport r1 = CaseStore::migrate(a, p);
  CHECK(r1.cases == 30);
  CHECK(r1.events == 122);
  CHECK(r1.versions == 122);
  const MigrateReport r2 = CaseStore::migrate(p, b);
  CHECK(r2.events == 122);
  {
    CaseStore pgs(p, {});
    pgs.export_event_log(dir / "p.jsonl");
    CHECK(pgs.summary("M0").antenne == "IDF-75A");
    CHECK(pgs.integrity_check() == "ok");
  }
  CaseStore(b, {}).export_event_log(dir / "b.jsonl");
  const std::string ea = slurp(dir / "a.jsonl");
  CHECK(ea.find(R"(a\\b\t\"c Île-de-France)") != std::string::npos);
  CHECK(slurp(dir / "p.jsonl") == ea);
  CHECK(slurp(dir / "b.jsonl") == ea);
  // The summaries agree too.
  const auto qa = CaseStore(a, {}).query();
  const auto qp = CaseStore(p, {}).query();
  REQUIRE(qa.size() == qp.size());
  for (std::size_t i = 0; i < qa.size(); ++i) {
    CHECK(qa[i].case_id == qp[i].case_id);
    CHECK(qa[i].version == qp[i].version);
    CHECK(qa[i].stage == qp[i].stage);
    CHECK(qa[i].due == qp[i].due);
    CHECK(qa[i].antenne == qp[i].antenne);
  }
  // A non-empty destination is refused, untouched, unless allowed (then merged as an import:
  // everything unchanged here).
  CHECK_THROWS_AS(CaseStore::migrate(a, p), IoError);
  CHECK(CaseStore(p, {}).event_count() == 122);
  MigrateOptions allow;
  allow.allow_non_empty = true;
  const MigrateReport r3 = CaseStore::migrate(a, p, allow);
  CHECK(r3.import.cases_unchanged == 30);
  CHECK(r3.import.events_written == 0);
  CHECK(CaseStore(p, {}).event_count() == 122);
}

TEST_CASE("postgres: a migration checks every event and writes nothing when one is refused") {
  test::PgServer* pg = server();
  if (!pg) return;
  const auto dir = test::fresh_store_dir("migrate-bad");
  const StoreUrl a = StoreUrl::sqlite(dir / "a.db");
  {
    CaseStore src(a, {});
    src.append("C1", std::vector<Event>{received(Date(2021, 3, 1))});
    src.append("C2", std::vector<Event>{received(Date(2021, 3, 1))});
  }
  // C2's stored line changed behind the store's back into an event its stage refuses.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "a.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "UPDATE events SET line='{\"case\":\"C2\",\"at\":\"2021-03-01\",\"event\":"
                       "\"jury_held\",\"role\":\"jury\",\"data\":{\"result\":\"full\"}}' "
                       "WHERE case_id='C2'",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const StoreUrl p = StoreUrl::parse(pg->create_database("migrate_bad"));
  CHECK_THROWS_AS(CaseStore::migrate(a, p), TransitionError);
  CaseStore dst(p, {});
  CHECK(dst.case_count() == 0);
  CHECK(dst.event_count() == 0);
  // An unreadable source: nothing written either.
  CHECK_THROWS_AS(CaseStore::migrate(StoreUrl::sqlite(dir / "absent.db"), p), IoError);
  CHECK(dst.case_count() == 0);
}
