// The SQLite backend of CaseStore: one file in WAL mode, identified by its application_id.
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include <system_error>
#include <utility>

#include "backend.hpp"

namespace vaekit::store_detail {
namespace {

constexpr int kSchemaVersion = CaseStore::schema_version;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases(
  case_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  stage TEXT NOT NULL,
  side TEXT NOT NULL,
  antenne TEXT NOT NULL DEFAULT '',
  certification TEXT NOT NULL DEFAULT '',
  last_day INTEGER NOT NULL,
  due_day INTEGER
);
CREATE INDEX IF NOT EXISTS cases_antenne ON cases(antenne);
CREATE INDEX IF NOT EXISTS cases_stage ON cases(stage);
CREATE INDEX IF NOT EXISTS cases_due ON cases(due_day);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  day INTEGER NOT NULL,
  event TEXT NOT NULL,
  line TEXT NOT NULL,
  UNIQUE(case_id, seq)
);
)sql";

// Indexes added since a store was created (created on every read-write open).
constexpr const char* kLaterIndexes = "CREATE INDEX IF NOT EXISTS cases_side ON cases(side);";

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql, const std::string& path) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
      throw IoError(path, std::string("SQLite prepare failed: ") + sqlite3_errmsg(db));
    }
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  Stmt& reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
  }
  // Binds @p s without a copy: the text must outlive the next step.
  Stmt& bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  std::string text(int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::string_view view(int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// A path as an SQLite URI filename (https://www.sqlite.org/uri.html): '%', '?' and '#' escaped.
std::string sqlite_uri(const std::string& path, const char* query) {
  std::string out = "file:";
  for (const char ch : path) {
    if (ch == '%' || ch == '?' || ch == '#') {
      static constexpr char hex[] = "0123456789ABCDEF";
      const auto u = static_cast<unsigned char>(ch);
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  return out + "?" + query;
}

class SqliteBackend final : public Backend {
 public:
  SqliteBackend(const StoreUrl& url, const CaseStore::Options& options)
      : path_str_(url.path().string()), read_only_(options.read_only) {
    try {
      if (options.read_only) {
        open_read_only(options.busy_timeout_ms);
        identify();  // refuses a foreign file; a CaseStore.1 file is read as it is
      } else {
        open(path_str_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        busy_.timeout = std::chrono::milliseconds(options.busy_timeout_ms);
        sqlite3_busy_handler(db_, &SqliteBackend::busy_retry, &busy_);
        // Identify before any write: a foreign database is refused untouched.
        identify();
        exec("PRAGMA journal_mode=WAL;");
        exec(options.durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        exec("BEGIN IMMEDIATE;");
        // Again under the write lock: another process may have created or upgraded it.
        const int what = identify();
        if (what == 0) exec(kSchema);
        exec(kLaterIndexes);
        if (what != 2) {
          exec(("INSERT OR REPLACE INTO meta(key, value) VALUES('schema', 'CaseStore." +
                std::to_string(kSchemaVersion) + "');")
                   .c_str());
          exec(
              ("PRAGMA application_id=" + std::to_string(CaseStore::application_id) + ";").c_str());
          exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";").c_str());
        }
        exec("COMMIT;");
      }
      prepare();
    } catch (...) {
      if (db_) rollback();
      close();
      throw;
    }
  }
  ~SqliteBackend() override { close(); }
  SqliteBackend(const SqliteBackend&) = delete;
  SqliteBackend& operator=(const SqliteBackend&) = delete;

  const std::string& where() const noexcept override { return path_str_; }
  bool read_only() const noexcept override { return read_only_; }

  void begin_write(std::span<const std::string>, WriteLock) override {
    exec("BEGIN IMMEDIATE;");  // SQLite has one writer at a time
  }
  void begin_read() override { exec("BEGIN;"); }
  void commit() override { exec("COMMIT;"); }
  void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr); }

  std::int64_t version(const std::string& id) override {
    Stmt& s = get_version_->reset().bind(1, id);
    const int rc = sqlite3_step(s.get());
    std::int64_t v = 0;
    if (rc == SQLITE_ROW) {
      v = s.integer(0);
    } else if (rc != SQLITE_DONE) {
      fail("reading a case version");
    }
    sqlite3_reset(s.get());
    return v;
  }
  std::vector<std::int64_t> versions(std::span<const std::string> ids) override {
    std::vector<std::int64_t> out;
    out.reserve(ids.size());
    for (const auto& id : ids) out.push_back(version(id));
    return out;
  }
  std::vector<StoredLine> lines(const std::string& id) override {
    std::vector<StoredLine> out;
    Stmt& s = get_events_->reset().bind(1, id);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back({s.integer(1), s.text(0)});
    sqlite3_reset(s.get());
    if (rc != SQLITE_DONE) fail("reading events");
    return out;
  }

  std::vector<CaseSummary> query(const CaseQuery& q) override {
    std::string sql =
        "SELECT case_id, version, stage, side, antenne, certification, last_day, due_day FROM "
        "cases WHERE 1=1";
    if (q.antenne) sql += " AND antenne=?1";
    if (q.stage) sql += " AND stage=?2";
    if (q.side) sql += " AND side=?3";
    if (q.due_by) sql += " AND due_day IS NOT NULL AND due_day<=?4";
    sql += " ORDER BY case_id";
    if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
    Stmt s(db_, sql.c_str(), path_str_);
    if (q.antenne) s.bind(1, std::string_view(*q.antenne));
    if (q.stage) s.bind(2, to_string(*q.stage));
    if (q.side) s.bind(3, to_string(*q.side));
    if (q.due_by) s.bind(4, std::int64_t{q.due_by->days_since_epoch()});
    std::vector<CaseSummary> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(read_summary(s));
    if (rc != SQLITE_DONE) fail("querying cases");
    return out;
  }
  std::optional<CaseSummary> summary(const std::string& id) override {
    Stmt& s = get_summary_->reset().bind(1, id);
    std::optional<CaseSummary> out;
    if (sqlite3_step(s.get()) == SQLITE_ROW) out = read_summary(s);
    sqlite3_reset(s.get());
    return out;
  }
  std::int64_t case_count() override { return scalar("SELECT count(*) FROM cases"); }
  std::int64_t event_count() override { return scalar("SELECT count(*) FROM events"); }
  std::int64_t version_sum() override {
    return scalar("SELECT coalesce(sum(version), 0) FROM cases");
  }

  void scan(
      const std::function<void(std::string_view, std::int64_t, std::string_view)>& row) override {
    Stmt s(db_, "SELECT case_id, seq, line FROM events ORDER BY id", path_str_);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) row(s.view(0), s.integer(1), s.view(2));
    if (rc != SQLITE_DONE) fail("reading the events");
  }
  std::string engine_check() override {
    Stmt s(db_, "PRAGMA integrity_check", path_str_);
    std::string out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      if (!out.empty()) out += "\n";
      out += s.text(0);
    }
    return out;
  }
  std::vector<std::string> version_mismatches() override {
    Stmt s(db_,
           "SELECT c.case_id FROM cases c LEFT JOIN (SELECT case_id, count(*) AS n FROM events "
           "GROUP BY case_id) e ON e.case_id = c.case_id WHERE coalesce(e.n, 0) <> c.version "
           "UNION ALL SELECT DISTINCT e.case_id FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
           "cases c WHERE c.case_id = e.case_id) LIMIT 10",
           path_str_);
    std::vector<std::string> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(s.text(0));
    return out;
  }

  void insert_events(std::span<const EventRow> rows) override {
    for (const EventRow& r : rows) {
      Stmt& ins = insert_event_->reset();
      ins.bind(1, r.case_id).bind(2, r.seq).bind(3, r.day).bind(4, r.event).bind(5, r.line);
      step_done(ins, "inserting an event");
    }
  }
  void upsert_cases(std::span<const CaseRow> rows) override {
    for (const CaseRow& r : rows) {
      Stmt& up = upsert_case_->reset();
      up.bind(1, std::string_view(r.case_id)).bind(2, r.version).bind(3, r.stage).bind(4, r.side);
      up.bind(5, std::string_view(r.antenne)).bind(6, std::string_view(r.certification));
      up.bind(7, r.last_day);
      if (r.due_day) {
        up.bind(8, *r.due_day);
      } else {
        up.bind_null(8);
      }
      step_done(up, "updating a case");
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw IoError(path_str_, what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
  }
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw IoError(path_str_, std::string("SQLite: ") + msg);
    }
  }
  void step_done(Stmt& s, const char* what) {
    const int rc = sqlite3_step(s.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(what);
  }
  // The single integer a query gives (0 when it gives no row).
  std::int64_t scalar(const char* sql) {
    Stmt s(db_, sql, path_str_);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return s.integer(0);
    if (rc != SQLITE_DONE) fail(std::string("reading the store (") + sql + ")");
    return 0;
  }
  bool has_table(const char* name) {
    Stmt s(db_, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1", path_str_);
    s.bind(1, std::string_view(name));
    return sqlite3_step(s.get()) == SQLITE_ROW;
  }
  // A file written by vaekit before application_id was set: the three tables, CaseStore.1.
  bool is_case_store_v1() {
    if (!has_table("meta") || !has_table("cases") || !has_table("events")) return false;
    Stmt s(db_, "SELECT value FROM meta WHERE key='schema'", path_str_);
    return sqlite3_step(s.get()) == SQLITE_ROW && s.text(0) == "CaseStore.1";
  }
  // What the file is: 0 empty (a new store), 1 a CaseStore.1 file to upgrade, 2 current;
  // anything else throws SchemaError and leaves the file untouched.
  int identify() {
    const std::int64_t app = scalar("PRAGMA application_id");
    const std::int64_t user = scalar("PRAGMA user_version");
    const SourceLocation where{path_str_, 0, 0, "application_id"};
    if (app == CaseStore::application_id) {
      if (user > kSchemaVersion) {
        throw SchemaError(where, "a case store of version " + std::to_string(user) +
                                     ", newer than this vaekit reads (" +
                                     std::to_string(kSchemaVersion) + ")");
      }
      return user == kSchemaVersion ? 2 : 1;
    }
    if (app == 0 && user == 0) {
      if (scalar("SELECT count(*) FROM sqlite_master") == 0) return 0;
      if (is_case_store_v1()) return 1;
    }
    throw SchemaError(where, "not a vaekit case store (application_id " + std::to_string(app) +
                                 ", user_version " + std::to_string(user) +
                                 "); it was left untouched");
  }

  static CaseSummary read_summary(Stmt& s) {
    return make_summary(s.text(0), s.integer(1), s.view(2), s.view(3), s.text(4), s.text(5),
                        s.integer(6),
                        s.is_null(7) ? std::nullopt : std::optional<std::int64_t>(s.integer(7)));
  }

  void prepare() {
    get_version_ =
        std::make_unique<Stmt>(db_, "SELECT version FROM cases WHERE case_id=?1", path_str_);
    get_events_ = std::make_unique<Stmt>(
        db_, "SELECT line, seq FROM events WHERE case_id=?1 ORDER BY seq", path_str_);
    get_summary_ =
        std::make_unique<Stmt>(db_,
                               "SELECT case_id, version, stage, side, antenne, certification, "
                               "last_day, due_day FROM cases WHERE case_id=?1",
                               path_str_);
    if (!read_only_) {
      insert_event_ = std::make_unique<Stmt>(
          db_, "INSERT INTO events(case_id, seq, day, event, line) VALUES(?1, ?2, ?3, ?4, ?5)",
          path_str_);
      upsert_case_ = std::make_unique<Stmt>(
          db_,
          "INSERT INTO cases(case_id, version, stage, side, antenne, certification, last_day, "
          "due_day) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(case_id) DO UPDATE SET version=?2, "
          "stage=?3, side=?4, antenne=CASE WHEN antenne='' THEN ?5 ELSE antenne END, "
          "certification=?6, "
          "last_day=?7, due_day=?8",
          path_str_);
    }
  }

  void close() noexcept {
    get_version_.reset();
    get_events_.reset();
    get_summary_.reset();
    insert_event_.reset();
    upsert_case_.reset();
    if (db_) sqlite3_close(db_);
    db_ = nullptr;
  }

  // Opens the file with @p flags (@p name may be a URI); throws IoError.
  void open(const std::string& name, int flags) {
    // SQLite's allocation statistics take a global mutex on every malloc; vaekit never reads
    // them. Only possible before SQLite initialises (else SQLITE_MISUSE, harmlessly ignored).
    static const bool no_memstatus = [] {
      (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
      return true;
    }();
    (void)no_memstatus;
    if (sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "cannot open";
      sqlite3_close(db_);
      db_ = nullptr;
      throw IoError(path_str_, "cannot open the case store: " + msg);
    }
  }

  // Read-only: `mode=ro`; when SQLite cannot set up the WAL index there (a read-only folder
  // without the -shm file) and no WAL file is left (so the database file holds every commit),
  // `immutable=1`, which reads the file without any lock or -shm.
  void open_read_only(int busy_timeout_ms) {
    open(sqlite_uri(path_str_, "mode=ro"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc == SQLITE_OK) return;
    const int ext = sqlite3_extended_errcode(db_);
    close();
    std::error_code ec;
    const auto wal_size = std::filesystem::file_size(path_str_ + "-wal", ec);
    const bool wal_empty = ec || wal_size == 0;
    if (!wal_empty || (ext & 0xff) == SQLITE_NOTADB) {
      throw IoError(path_str_,
                    "cannot read the case store read-only (SQLite error " + std::to_string(ext) +
                        (wal_empty ? "" : "; its WAL file needs a writable folder") + ")");
    }
    open(sqlite_uri(path_str_, "immutable=1"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  }

  std::string path_str_;
  bool read_only_;
  // SQLite's own busy handler (sqlite3_busy_timeout) sleeps 1, 2, 5, 10 ... up to 100 ms
  // between tries, so a waiting writer keeps losing the write lock to newcomers: with 8
  // concurrent writers a few saves waited 6-8 s (docs/performance.md). A writer retries every
  // millisecond instead, until the busy timeout.
  struct Busy {
    std::chrono::milliseconds timeout{0};
    std::chrono::steady_clock::time_point since;
  };
  static int busy_retry(void* p, int tries) {
    auto* b = static_cast<Busy*>(p);
    const auto now = std::chrono::steady_clock::now();
    if (tries == 0) b->since = now;
    if (now - b->since >= b->timeout) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return 1;
  }
  Busy busy_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Stmt> get_version_, get_events_, insert_event_, upsert_case_, get_summary_;
};

}  // namespace

std::unique_ptr<Backend> open_sqlite(const StoreUrl& url, const CaseStore::Options& options) {
  return std::make_unique<SqliteBackend>(url, options);
}

}  // namespace vaekit::store_detail
