// The PostgreSQL backend of CaseStore, on libpq (PostgreSQL's own C client library).
//
// Writers: a write transaction first takes the `cases` table in ROW EXCLUSIVE mode and then a
// transaction-level advisory lock per case (sorted: no deadlock between two such writers), so
// that writers of the same case wait for each other and writers of different cases do not; an
// import or migration batch takes the table in SHARE ROW EXCLUSIVE mode instead (one such batch
// at a time, no small writer meanwhile: SQLite's BEGIN IMMEDIATE). The reads of a write
// transaction run at READ COMMITTED after the lock is held, so they see every commit before it.
// Readers of several statements (load, export, migrate) use REPEATABLE READ READ ONLY: one
// snapshot. Bulk writes use COPY ... FROM STDIN.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "backend.hpp"

namespace vaekit::store_detail {
namespace {

constexpr int kSchemaVersion = CaseStore::schema_version;
constexpr const char* kApplication = "vaekit";
// The advisory lock key under which a store is created or upgraded ("VAEK").
constexpr std::int64_t kSchemaLockKey = CaseStore::application_id;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS vaekit_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases(
  case_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  stage TEXT NOT NULL,
  side TEXT NOT NULL,
  antenne TEXT NOT NULL DEFAULT '',
  certification TEXT NOT NULL DEFAULT '',
  last_day INTEGER NOT NULL,
  due_day INTEGER
);
CREATE INDEX IF NOT EXISTS cases_antenne ON cases(antenne);
CREATE INDEX IF NOT EXISTS cases_stage ON cases(stage);
CREATE INDEX IF NOT EXISTS cases_side ON cases(side);
CREATE INDEX IF NOT EXISTS cases_due ON cases(due_day);
CREATE TABLE IF NOT EXISTS events(
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  day INTEGER NOT NULL,
  event TEXT NOT NULL,
  line TEXT NOT NULL,
  UNIQUE(case_id, seq)
);
)sql";

// Upgrades from version v to v + 1 (index v - 1). A PostgreSQL store starts at version 2 (the
// version SQLite stores had reached when this backend was written): version 1 has no table to
// change, only the tag.
constexpr const char* kUpgrades[] = {
    "CREATE INDEX IF NOT EXISTS cases_side ON cases(side);",  // 1 -> 2
};
static_assert(std::size(kUpgrades) == kSchemaVersion - 1);

constexpr const char* kUpsert =
    " ON CONFLICT (case_id) DO UPDATE SET version=EXCLUDED.version, stage=EXCLUDED.stage, "
    "side=EXCLUDED.side, antenne=CASE WHEN cases.antenne='' THEN EXCLUDED.antenne ELSE "
    "cases.antenne END, certification=EXCLUDED.certification, last_day=EXCLUDED.last_day, "
    "due_day=EXCLUDED.due_day";

// SQLSTATEs after which a retry is right
// (https://www.postgresql.org/docs/15/errcodes-appendix.html): connection exceptions (08),
// serialization failure and deadlock (40001, 40P01), statement timeout / cancel (57014), lock
// timeout (55P03), server shutting down or starting (57P01-03), insufficient resources (53), a
// concurrent insert of the same key (23505, only possible if a writer bypassed the locks).
bool transient_state(std::string_view s) {
  return s.starts_with("08") || s == "40001" || s == "40P01" || s == "57014" || s == "55P03" ||
         s == "57P01" || s == "57P02" || s == "57P03" || s.starts_with("53") || s == "23505";
}

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::int64_t to_int(const PGresult* r, int row, int col) {
  const char* p = PQgetvalue(r, row, col);
  std::int64_t v = 0;
  std::from_chars(p, p + PQgetlength(r, row, col), v);
  return v;
}
std::string_view to_view(const PGresult* r, int row, int col) {
  return {PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col))};
}

// A PostgreSQL array literal of texts: {"a","b\"c"}.
std::string text_array(std::span<const std::string> items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (const char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// Appends @p s to a COPY text-format buffer (backslash, tab, newline, CR escaped).
void copy_text(std::string& buf, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '\\': buf += "\\\\"; break;
      case '\t': buf += "\\t"; break;
      case '\n': buf += "\\n"; break;
      case '\r': buf += "\\r"; break;
      default: buf += c;
    }
  }
}

class PostgresBackend final : public Backend {
 public:
  PostgresBackend(const StoreUrl& url, const CaseStore::Options& options)
      : url_(url), where_(url.redacted()), options_(options) {
    // The password, to scrub it from any message libpq or the server might echo.
    if (PQconninfoOption* opts = PQconninfoParse(url.connection_string().c_str(), nullptr)) {
      for (PQconninfoOption* o = opts; o->keyword; ++o) {
        if (std::strcmp(o->keyword, "password") == 0 && o->val && *o->val) password_ = o->val;
      }
      PQconninfoFree(opts);
    } else {
      throw InvalidArgument("not a valid PostgreSQL URL: " + excerpt(where_));
    }
    try {
      connect();
      open_schema();
    } catch (...) {
      // A refused store (newer, foreign, a failed session setup): the destructor will not run.
      PQfinish(conn_);
      conn_ = nullptr;
      throw;
    }
  }
  ~PostgresBackend() override {
    if (conn_) PQfinish(conn_);
  }
  PostgresBackend(const PostgresBackend&) = delete;
  PostgresBackend& operator=(const PostgresBackend&) = delete;

  const std::string& where() const noexcept override { return where_; }
  bool read_only() const noexcept override { return options_.read_only; }

  void begin_write(std::span<const std::string> case_ids, WriteLock lock) override {
    begin("BEGIN ISOLATION LEVEL READ COMMITTED");
    try {
      if (lock == WriteLock::store) {
        exec("LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE");
        return;
      }
      exec("LOCK TABLE cases IN ROW EXCLUSIVE MODE");
      if (case_ids.empty()) return;
      params(
          "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(x, "
          "1447116107) AS k FROM unnest($1::text[]) AS x ORDER BY k OFFSET 0) AS s",
          {text_array(case_ids)});
    } catch (...) {
      rollback();  // a lock timeout leaves no aborted transaction behind
      throw;
    }
  }
  void begin_read() override { begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void commit() override {
    in_tx_ = false;
    exec("COMMIT");
  }
  void rollback() noexcept override {
    in_tx_ = false;
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) {
      PGresult* r = PQexec(conn_, "ROLLBACK");
      PQclear(r);
    }
  }

  std::int64_t version(const std::string& id) override {
    auto r = params("SELECT version FROM cases WHERE case_id=$1", {id});
    return PQntuples(r.get()) ? to_int(r.get(), 0, 0) : 0;
  }
  std::vector<std::int64_t> versions(std::span<const std::string> ids) override {
    auto r = params("SELECT case_id, version FROM cases WHERE case_id = ANY($1::text[])",
                    {text_array(ids)});
    std::unordered_map<std::string_view, std::int64_t> found;
    for (int i = 0; i < PQntuples(r.get()); ++i)
      found[to_view(r.get(), i, 0)] = to_int(r.get(), i, 1);
    std::vector<std::int64_t> out;
    out.reserve(ids.size());
    for (const auto& id : ids) {
      auto it = found.find(id);
      out.push_back(it == found.end() ? 0 : it->second);
    }
    return out;
  }
  std::vector<StoredLine> lines(const std::string& id) override {
    auto r = params("SELECT line, seq FROM events WHERE case_id=$1 ORDER BY seq", {id});
    std::vector<StoredLine> out;
    out.reserve(static_cast<std::size_t>(PQntuples(r.get())));
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      out.push_back({to_int(r.get(), i, 1), std::string(to_view(r.get(), i, 0))});
    }
    return out;
  }
  std::vector<CaseSummary> query(const CaseQuery& q) override {
    std::string sql =
        "SELECT case_id, version, stage, side, antenne, certification, last_day, due_day FROM "
        "cases WHERE true";
    std::vector<std::string> args;
    const auto arg = [&](std::string v) {
      args.push_back(std::move(v));
      return "$" + std::to_string(args.size());
    };
    if (q.antenne) sql += " AND antenne=" + arg(*q.antenne);
    if (q.stage) sql += " AND stage=" + arg(std::string(to_string(*q.stage)));
    if (q.side) sql += " AND side=" + arg(std::string(to_string(*q.side)));
    if (q.due_by) {
      sql += " AND due_day IS NOT NULL AND due_day<=" +
             arg(std::to_string(q.due_by->days_since_epoch())) + "::integer";
    }
    // The ids compared byte by byte, as SQLite does (whatever the database's collation).
    sql += " ORDER BY case_id COLLATE \"C\"";
    if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
    auto r = params(sql.c_str(), args);
    std::vector<CaseSummary> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(read_summary(r.get(), i));
    return out;
  }
  std::optional<CaseSummary> summary(const std::string& id) override {
    auto r = params(
        "SELECT case_id, version, stage, side, antenne, certification, last_day, due_day FROM "
        "cases WHERE case_id=$1",
        {id});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read_summary(r.get(), 0);
  }
  std::int64_t case_count() override { return scalar("SELECT count(*) FROM cases"); }
  std::int64_t event_count() override { return scalar("SELECT count(*) FROM events"); }
  std::int64_t version_sum() override {
    return scalar("SELECT coalesce(sum(version), 0) FROM cases");
  }

  void scan(
      const std::function<void(std::string_view, std::int64_t, std::string_view)>& row) override {
    // Inside the caller's transaction: a cursor read 10,000 rows at a time.
    exec(
        "DECLARE vaekit_scan NO SCROLL CURSOR FOR SELECT case_id, seq, line FROM events ORDER BY "
        "id");
    while (true) {
      auto r = exec("FETCH 10000 FROM vaekit_scan");
      const int n = PQntuples(r.get());
      for (int i = 0; i < n; ++i)
        row(to_view(r.get(), i, 0), to_int(r.get(), i, 1), to_view(r.get(), i, 2));
      if (n < 10000) break;
    }
    exec("CLOSE vaekit_scan");
  }
  std::string engine_check() override {
    ensure_connected();
    return "ok";  // PostgreSQL checks its pages itself (checksums, amcheck): nothing here
  }
  std::vector<std::string> version_mismatches() override {
    auto r = exec(
        "(SELECT c.case_id FROM cases c LEFT JOIN (SELECT case_id, count(*) AS n FROM events "
        "GROUP BY case_id) e ON e.case_id = c.case_id WHERE coalesce(e.n, 0) <> c.version) "
        "UNION ALL (SELECT DISTINCT e.case_id FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
        "cases c WHERE c.case_id = e.case_id)) LIMIT 10");
    std::vector<std::string> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) out.emplace_back(to_view(r.get(), i, 0));
    return out;
  }

  void insert_events(std::span<const EventRow> rows) override {
    std::string buf;
    copy_in("COPY events(case_id, seq, day, event, line) FROM STDIN", [&](auto&& put) {
      for (const EventRow& r : rows) {
        copy_text(buf, r.case_id);
        buf += '\t';
        buf += std::to_string(r.seq);
        buf += '\t';
        buf += std::to_string(r.day);
        buf += '\t';
        buf += r.event;
        buf += '\t';
        copy_text(buf, r.line);
        buf += '\n';
        if (buf.size() >= (1u << 20)) put(buf);
      }
      put(buf);
    });
  }
  void upsert_cases(std::span<const CaseRow> rows) override {
    if (rows.size() <= 8) {
      for (const CaseRow& r : rows) {
        const std::string version = std::to_string(r.version), last = std::to_string(r.last_day),
                          due = r.due_day ? std::to_string(*r.due_day) : std::string();
        const std::string stage(r.stage), side(r.side);
        const char* values[8] = {r.case_id.c_str(), version.c_str(),
                                 stage.c_str(),     side.c_str(),
                                 r.antenne.c_str(), r.certification.c_str(),
                                 last.c_str(),      r.due_day ? due.c_str() : nullptr};
        std::string sql =
            "INSERT INTO cases(case_id, version, stage, side, antenne, certification, last_day, "
            "due_day) VALUES($1, $2::bigint, $3, $4, $5, $6, $7::integer, $8::integer)";
        sql += kUpsert;
        check(PQexecParams(conn_, sql.c_str(), 8, nullptr, values, nullptr, nullptr, 0),
              "updating a case");
      }
      return;
    }
    // Many rows: COPY into a temporary table, then one INSERT ... ON CONFLICT.
    exec(
        "CREATE TEMP TABLE IF NOT EXISTS vaekit_cases_in (LIKE cases INCLUDING DEFAULTS) ON "
        "COMMIT DELETE ROWS");
    copy_cases("vaekit_cases_in", rows);
    exec(std::string("INSERT INTO cases(case_id, version, stage, side, antenne, certification, "
                     "last_day, due_day) SELECT case_id, version, stage, side, antenne, "
                     "certification, last_day, due_day FROM vaekit_cases_in") +
         kUpsert);
    exec("TRUNCATE vaekit_cases_in");
  }
  void insert_cases(std::span<const CaseRow> rows) override {
    if (rows.size() <= 8) {
      upsert_cases(rows);
    } else {
      copy_cases("cases", rows);  // absent cases, under the store lock: straight in
    }
  }

 private:
  void copy_cases(const std::string& table, std::span<const CaseRow> rows) {
    std::string buf;
    copy_in(
        ("COPY " + table +
         "(case_id, version, stage, side, antenne, certification, last_day, due_day) FROM STDIN")
            .c_str(),
        [&](auto&& put) {
          for (const CaseRow& r : rows) {
            copy_text(buf, r.case_id);
            buf += '\t' + std::to_string(r.version) + '\t';
            buf += r.stage;
            buf += '\t';
            buf += r.side;
            buf += '\t';
            copy_text(buf, r.antenne);
            buf += '\t';
            copy_text(buf, r.certification);
            buf += '\t' + std::to_string(r.last_day) + '\t';
            buf += r.due_day ? std::to_string(*r.due_day) : std::string("\\N");
            buf += '\n';
            if (buf.size() >= (1u << 20)) put(buf);
          }
          put(buf);
        });
  }

  // The message of a failure, without DETAIL (which may quote row values) and without the
  // password, were anything to echo it.
  std::string scrub(std::string msg) const {
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (!password_.empty()) {
      for (std::size_t p; (p = msg.find(password_)) != std::string::npos;) {
        msg.replace(p, password_.size(), "***");
      }
    }
    return safe_message(msg, 600);
  }

  [[noreturn]] void fail(const PGresult* r, const std::string& what) {
    std::string state, msg;
    if (r) {
      if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE)) state = s;
      if (const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) msg = m;
    }
    if (msg.empty()) msg = PQerrorMessage(conn_);
    const bool lost = PQstatus(conn_) != CONNECTION_OK;
    msg = what + ": " + scrub(msg);
    if (lost) {
      in_tx_ = false;
      throw TransientError(where_, msg + " (the connection to the server was lost)", state);
    }
    if (transient_state(state)) throw TransientError(where_, msg, state);
    throw IoError(where_, msg + (state.empty() ? "" : " (SQLSTATE " + state + ")"));
  }

  Result check(PGresult* raw, const std::string& what) {
    Result r(raw);
    const auto st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_COPY_IN) {
      fail(r.get(), what);
    }
    return r;
  }
  Result exec(const std::string& sql) {
    if (!in_tx_) ensure_connected();
    return check(PQexec(conn_, sql.c_str()), "PostgreSQL");
  }
  Result params(const char* sql, const std::vector<std::string>& args) {
    if (!in_tx_) ensure_connected();
    std::vector<const char*> values;
    values.reserve(args.size());
    for (const auto& a : args) values.push_back(a.c_str());
    return check(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                              nullptr, nullptr, 0),
                 "PostgreSQL");
  }
  std::int64_t scalar(const char* sql) {
    auto r = exec(sql);
    return PQntuples(r.get()) ? to_int(r.get(), 0, 0) : 0;
  }

  // COPY ... FROM STDIN: @p fill calls put(buf) to send (and clear) the buffer.
  template <class Fill>
  void copy_in(const char* sql, Fill&& fill) {
    Result start(PQexec(conn_, sql));
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) fail(start.get(), "COPY");
    bool sent = true;
    const auto put = [&](std::string& buf) {
      if (sent && !buf.empty() &&
          PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1) {
        sent = false;
      }
      buf.clear();
    };
    try {
      fill(put);
    } catch (...) {
      PQputCopyEnd(conn_, "aborted by vaekit");
      while (PGresult* r = PQgetResult(conn_)) PQclear(r);
      throw;
    }
    PQputCopyEnd(conn_, sent ? nullptr : "a write failed");
    Result last;
    while (PGresult* r = PQgetResult(conn_)) {
      if (!last || PQresultStatus(r) != PGRES_COMMAND_OK)
        last.reset(r);
      else
        PQclear(r);
    }
    if (!last || PQresultStatus(last.get()) != PGRES_COMMAND_OK || !sent) fail(last.get(), "COPY");
  }

  static CaseSummary read_summary(const PGresult* r, int i) {
    return make_summary(
        std::string(to_view(r, i, 0)), to_int(r, i, 1), to_view(r, i, 2), to_view(r, i, 3),
        std::string(to_view(r, i, 4)), std::string(to_view(r, i, 5)), to_int(r, i, 6),
        PQgetisnull(r, i, 7) ? std::nullopt : std::optional<std::int64_t>(to_int(r, i, 7)));
  }

  void connect() {
    const std::string timeout = std::to_string(std::max(1, options_.connect_timeout_s));
    const char* keys[] = {"dbname", "connect_timeout", "client_encoding", "application_name",
                          nullptr};
    const char* values[] = {url_.connection_string().c_str(), timeout.c_str(), "UTF8", "vaekit",
                            nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_) throw IoError(where_, "out of memory connecting to PostgreSQL");
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string msg = scrub(PQerrorMessage(conn_));
      // A refused password is no passing failure: retrying cannot help.
      const bool auth = PQconnectionNeedsPassword(conn_) || PQconnectionUsedPassword(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      if (auth) throw IoError(where_, "cannot connect to PostgreSQL: " + msg);
      throw TransientError(where_, "cannot connect to PostgreSQL: " + msg);
    }
    session();
  }
  // The settings of a session (again after a reconnection).
  void session() {
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    // 0 keeps the server's (or the URL's `options=-c statement_timeout=...`) setting.
    if (options_.statement_timeout_ms > 0) {
      exec("SET statement_timeout = " + std::to_string(options_.statement_timeout_ms));
    }
    exec("SET lock_timeout = " + std::to_string(std::max(0, options_.busy_timeout_ms)));
    exec("SET idle_in_transaction_session_timeout = 0");
    if (options_.read_only) exec("SET default_transaction_read_only = on");
    exec(std::string("SET synchronous_commit = ") + (options_.durable ? "on" : "off"));
  }
  // Opens a transaction on a live connection with nothing left open on it.
  void begin(const char* sql) {
    in_tx_ = false;
    ensure_connected();
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) rollback();
    exec(sql);
    in_tx_ = true;
  }
  // A lost connection (server restart) is opened again before the next transaction.
  void ensure_connected() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    if (!conn_) {
      connect();
      return;
    }
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      throw TransientError(where_,
                           "cannot reconnect to PostgreSQL: " + scrub(PQerrorMessage(conn_)));
    }
    session();
  }

  // Identifies the database (vaekit_meta), creates or upgrades the store (read-write).
  void open_schema() {
    const SourceLocation where{where_, 0, 0, "vaekit_meta"};
    if (!options_.read_only) {
      exec("BEGIN");
      in_tx_ = true;
      try {
        params("SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(kSchemaLockKey)});
        const int found = identify(where);
        if (found == 0) {
          exec(kSchema);
          params(
              "INSERT INTO vaekit_meta(key, value) VALUES ('application', $1), ('schema', "
              "$2), ('version', $3)",
              {kApplication, "CaseStore." + std::to_string(kSchemaVersion),
               std::to_string(kSchemaVersion)});
        } else {
          for (int v = found; v < kSchemaVersion; ++v) exec(kUpgrades[v - 1]);
          if (found < kSchemaVersion) {
            params("UPDATE vaekit_meta SET value = $1 WHERE key = 'version'",
                   {std::to_string(kSchemaVersion)});
            params("UPDATE vaekit_meta SET value = $1 WHERE key = 'schema'",
                   {"CaseStore." + std::to_string(kSchemaVersion)});
          }
        }
        commit();
      } catch (...) {
        rollback();
        throw;
      }
    } else if (identify(where) == 0) {
      throw SchemaError(where,
                        "no vaekit case store in this database (open it read-write once "
                        "to create it)");
    }
  }
  // 0: an empty database (no vaekit_meta, no cases/events table); else the store's version.
  // Anything else throws SchemaError; nothing is written.
  int identify(const SourceLocation& where) {
    auto t = exec(
        "SELECT to_regclass('vaekit_meta') IS NOT NULL, to_regclass('cases') IS NOT NULL OR "
        "to_regclass('events') IS NOT NULL");
    const bool meta = to_view(t.get(), 0, 0) == "t";
    const bool tables = to_view(t.get(), 0, 1) == "t";
    if (!meta) {
      if (tables) {
        throw SchemaError(where,
                          "not a vaekit case store (tables cases/events without "
                          "vaekit_meta); it was left untouched");
      }
      return 0;
    }
    auto r = exec("SELECT key, value FROM vaekit_meta WHERE key IN ('application', 'version')");
    std::string app, version;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      (to_view(r.get(), i, 0) == "application" ? app : version) = to_view(r.get(), i, 1);
    }
    if (app != kApplication) {
      throw SchemaError(where, "not a vaekit case store (application " + excerpt(app) +
                                   "); it was left untouched");
    }
    int v = 0;
    const auto [p, ec] = std::from_chars(version.data(), version.data() + version.size(), v);
    if (ec != std::errc() || p != version.data() + version.size() || v < 1) {
      throw SchemaError(where, "a case store of unreadable version " + excerpt(version));
    }
    if (v > kSchemaVersion) {
      throw SchemaError(where, "a case store of version " + std::to_string(v) +
                                   ", newer than this vaekit reads (" +
                                   std::to_string(kSchemaVersion) + ")");
    }
    return v;
  }

  StoreUrl url_;
  std::string where_;
  CaseStore::Options options_;
  std::string password_;
  PGconn* conn_ = nullptr;
  bool in_tx_ = false;
};

}  // namespace

std::unique_ptr<Backend> open_postgres(const StoreUrl& url, const CaseStore::Options& options) {
  return std::make_unique<PostgresBackend>(url, options);
}

}  // namespace vaekit::store_detail
