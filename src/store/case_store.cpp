// The SQLite case store: WAL, transactions, optimistic concurrency, queries, export.
#include "vaekit/store/case_store.hpp"

#include <sqlite3.h>

#include <unordered_map>
#include <utility>

#include "vaekit/pathway/due.hpp"

namespace vaekit {
namespace {

constexpr int kSchemaVersion = 1;

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

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql, const std::string& path) : db_(db) {
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
  Stmt& bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
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
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

ConflictError::ConflictError(std::string case_id, std::int64_t expected, std::int64_t actual)
    : Error(ErrorCode::conflict, "case " + excerpt(case_id) + ": expected version " +
                                     std::to_string(expected) + " but the store has version " +
                                     std::to_string(actual) +
                                     " (another writer changed it; reload and retry)"),
      case_id_(std::move(case_id)),
      expected_(expected),
      actual_(actual) {}

struct CaseStore::Impl {
  std::filesystem::path path;
  std::string path_str;
  sqlite3* db = nullptr;
  RegimeSet regimes;
  // Folded states of recently written cases, valid while the stored version matches.
  std::unordered_map<std::string, std::pair<std::int64_t, CaseState>> cache;
  std::unique_ptr<Stmt> get_version, get_events, insert_event, upsert_case, get_summary;

  [[noreturn]] void fail(const std::string& what) const {
    throw IoError(path_str, what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
  }
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw IoError(path_str, std::string("SQLite: ") + msg);
    }
  }
  void step_done(Stmt& s, const char* what) {
    const int rc = sqlite3_step(s.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(what);
  }

  std::int64_t version(const std::string& id) {
    Stmt& s = get_version->reset().bind(1, id);
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

  std::vector<Event> events(const std::string& id) {
    std::vector<Event> out;
    Stmt& s = get_events->reset().bind(1, id);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      out.push_back(parse_event_line(s.text(0), SourceLocation{path_str, 0, 0, {}}));
    }
    if (rc != SQLITE_DONE) fail("reading events");
    sqlite3_reset(s.get());
    return out;
  }

  CaseState state_of(const std::string& id, std::int64_t version) {
    auto it = cache.find(id);
    if (it != cache.end() && it->second.first == version) return it->second.second;
    CaseState s;
    for (const Event& e : events(id)) apply_event(s, e, regimes);
    return s;
  }
};

CaseStore::CaseStore(const std::filesystem::path& path) : CaseStore(path, Options{}) {}

CaseStore::CaseStore(const std::filesystem::path& path, Options options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.path_str = path.string();
  const int flags =
      options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(m.path_str.c_str(), &m.db, flags | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = m.db ? sqlite3_errmsg(m.db) : "cannot open";
    sqlite3_close(m.db);
    m.db = nullptr;
    throw IoError(m.path_str, "cannot open the case store: " + msg);
  }
  sqlite3_busy_timeout(m.db, options.busy_timeout_ms);
  try {
    if (!options.read_only) {
      m.exec("PRAGMA journal_mode=WAL;");
      m.exec(options.durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
      m.exec("BEGIN IMMEDIATE;");
      m.exec(kSchema);
      m.exec(("INSERT OR IGNORE INTO meta(key, value) VALUES('schema', 'CaseStore." +
              std::to_string(kSchemaVersion) + "');")
                 .c_str());
      m.exec("COMMIT;");
    }
    {
      Stmt s(m.db, "SELECT value FROM meta WHERE key='schema'", m.path_str);
      if (sqlite3_step(s.get()) != SQLITE_ROW || s.text(0) != "CaseStore.1") {
        throw SchemaError(SourceLocation{m.path_str, 0, 0, "schema"},
                          "not a vaekit case store of version 1");
      }
    }
    m.get_version =
        std::make_unique<Stmt>(m.db, "SELECT version FROM cases WHERE case_id=?1", m.path_str);
    m.get_events = std::make_unique<Stmt>(
        m.db, "SELECT line FROM events WHERE case_id=?1 ORDER BY seq", m.path_str);
    m.get_summary =
        std::make_unique<Stmt>(m.db,
                               "SELECT case_id, version, stage, side, antenne, certification, "
                               "last_day, due_day FROM cases WHERE case_id=?1",
                               m.path_str);
    if (!options.read_only) {
      m.insert_event = std::make_unique<Stmt>(
          m.db, "INSERT INTO events(case_id, seq, day, event, line) VALUES(?1, ?2, ?3, ?4, ?5)",
          m.path_str);
      m.upsert_case = std::make_unique<Stmt>(
          m.db,
          "INSERT INTO cases(case_id, version, stage, side, antenne, certification, last_day, "
          "due_day) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(case_id) DO UPDATE SET version=?2, "
          "stage=?3, side=?4, antenne=CASE WHEN antenne='' THEN ?5 ELSE antenne END, "
          "certification=?6, "
          "last_day=?7, due_day=?8",
          m.path_str);
    }
  } catch (...) {
    m.get_version.reset();
    m.get_events.reset();
    m.get_summary.reset();
    m.insert_event.reset();
    m.upsert_case.reset();
    sqlite3_exec(m.db, "ROLLBACK;", nullptr, nullptr, nullptr);
    sqlite3_close(m.db);
    m.db = nullptr;
    throw;
  }
}

CaseStore::~CaseStore() {
  if (impl_ && impl_->db) {
    impl_->get_version.reset();
    impl_->get_events.reset();
    impl_->get_summary.reset();
    impl_->insert_event.reset();
    impl_->upsert_case.reset();
    sqlite3_close(impl_->db);
  }
}
CaseStore::CaseStore(CaseStore&&) noexcept = default;
CaseStore& CaseStore::operator=(CaseStore&&) noexcept = default;

const std::filesystem::path& CaseStore::path() const noexcept {
  return impl_->path;
}
void CaseStore::set_regimes(RegimeSet regimes) {
  impl_->regimes = std::move(regimes);
  impl_->cache.clear();
}

std::int64_t CaseStore::version(const std::string& case_id) const {
  return impl_->version(case_id);
}

Case CaseStore::load(const std::string& case_id) const {
  auto events = impl_->events(case_id);
  if (events.empty()) throw NotFound(case_id, "no case " + excerpt(case_id) + " in the store");
  return Case::from_events(case_id, std::move(events), impl_->regimes);
}

std::int64_t CaseStore::append(const std::string& case_id, std::span<const Event> events,
                               std::optional<std::int64_t> expected_version) {
  AppendRequest r{case_id, expected_version, {events.begin(), events.end()}};
  return append_batch(std::span(&r, 1)).front();
}

std::vector<std::int64_t> CaseStore::append_batch(std::span<const AppendRequest> batch) {
  Impl& m = *impl_;
  if (!m.insert_event) throw IoError(m.path_str, "the store is open read-only");
  std::vector<std::int64_t> versions;
  versions.reserve(batch.size());
  m.exec("BEGIN IMMEDIATE;");
  std::unordered_map<std::string, std::pair<std::int64_t, CaseState>> touched;
  try {
    for (const AppendRequest& req : batch) {
      if (req.case_id.empty()) throw InvalidArgument("append: empty case identifier");
      auto tit = touched.find(req.case_id);
      std::int64_t version = 0;
      CaseState state;
      if (tit != touched.end()) {
        version = tit->second.first;
        state = tit->second.second;
      } else {
        version = m.version(req.case_id);
        state = m.state_of(req.case_id, version);
      }
      if (req.expected_version && *req.expected_version != version) {
        throw ConflictError(req.case_id, *req.expected_version, version);
      }
      for (const Event& in : req.events) {
        if (!in.case_id.empty() && in.case_id != req.case_id) {
          throw InvalidArgument("event of case " + excerpt(in.case_id) + " appended to case " +
                                excerpt(req.case_id));
        }
        const Event* ev = &in;
        Event copy;
        if (in.case_id.empty()) {
          copy = in;
          copy.case_id = req.case_id;
          ev = &copy;
        }
        apply_event(state, *ev, m.regimes);
        ++version;
        Stmt& ins = m.insert_event->reset();
        ins.bind(1, req.case_id)
            .bind(2, version)
            .bind(3, std::int64_t{ev->at.date().days_since_epoch()});
        ins.bind(4, std::string(to_string(ev->kind))).bind(5, format_event_line(*ev));
        m.step_done(ins, "inserting an event");
      }
      std::string antenne;
      for (const Event& e : req.events) {
        if (!e.antenne.empty()) {
          antenne = e.antenne;
          break;
        }
      }
      Stmt& up = m.upsert_case->reset();
      up.bind(1, req.case_id).bind(2, version).bind(3, std::string(to_string(state.stage)));
      up.bind(4, std::string(to_string(state.side))).bind(5, antenne).bind(6, state.certification);
      up.bind(7, std::int64_t{state.last_at.date().days_since_epoch()});
      if (auto due = next_due(state, m.regimes)) {
        up.bind(8, std::int64_t{due->days_since_epoch()});
      } else {
        up.bind_null(8);
      }
      m.step_done(up, "updating a case");
      touched[req.case_id] = {version, std::move(state)};
      versions.push_back(version);
    }
    m.exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(m.db, "ROLLBACK;", nullptr, nullptr, nullptr);
    for (const auto& [id, v] : touched) m.cache.erase(id);
    throw;
  }
  if (m.cache.size() > 100'000) m.cache.clear();
  for (auto& [id, v] : touched) m.cache[id] = std::move(v);
  return versions;
}

namespace {
CaseSummary read_summary(Stmt& s) {
  CaseSummary c;
  c.case_id = s.text(0);
  c.version = s.integer(1);
  c.stage = stage_from_string(s.text(2)).value_or(Stage::none);
  const std::string side = s.text(3);
  c.side = side == "dropped_out" ? SideState::dropped_out
                                 : (side == "archived" ? SideState::archived : SideState::active);
  c.antenne = s.text(4);
  c.certification = s.text(5);
  c.last_activity = Date::from_days(s.integer(6));
  if (!s.is_null(7)) c.due = Date::from_days(s.integer(7));
  return c;
}
}  // namespace

std::vector<CaseSummary> CaseStore::query(const CaseQuery& q) const {
  std::string sql =
      "SELECT case_id, version, stage, side, antenne, certification, last_day, due_day FROM cases "
      "WHERE 1=1";
  if (q.antenne) sql += " AND antenne=?1";
  if (q.stage) sql += " AND stage=?2";
  if (q.side) sql += " AND side=?3";
  if (q.due_by) sql += " AND due_day IS NOT NULL AND due_day<=?4";
  sql += " ORDER BY case_id";
  if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
  Stmt s(impl_->db, sql.c_str(), impl_->path_str);
  if (q.antenne) s.bind(1, *q.antenne);
  if (q.stage) s.bind(2, std::string(to_string(*q.stage)));
  if (q.side) s.bind(3, std::string(to_string(*q.side)));
  if (q.due_by) s.bind(4, std::int64_t{q.due_by->days_since_epoch()});
  std::vector<CaseSummary> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(read_summary(s));
  if (rc != SQLITE_DONE) impl_->fail("querying cases");
  return out;
}

CaseSummary CaseStore::summary(const std::string& case_id) const {
  Stmt& s = impl_->get_summary->reset().bind(1, case_id);
  if (sqlite3_step(s.get()) != SQLITE_ROW) {
    sqlite3_reset(s.get());
    throw NotFound(case_id, "no case " + excerpt(case_id) + " in the store");
  }
  CaseSummary c = read_summary(s);
  sqlite3_reset(s.get());
  return c;
}

std::int64_t CaseStore::case_count() const {
  Stmt s(impl_->db, "SELECT count(*) FROM cases", impl_->path_str);
  if (sqlite3_step(s.get()) != SQLITE_ROW) impl_->fail("counting cases");
  return s.integer(0);
}

std::int64_t CaseStore::event_count() const {
  Stmt s(impl_->db, "SELECT count(*) FROM events", impl_->path_str);
  if (sqlite3_step(s.get()) != SQLITE_ROW) impl_->fail("counting events");
  return s.integer(0);
}

std::int64_t CaseStore::export_event_log(const std::filesystem::path& out) const {
  // One read transaction: a consistent snapshot even while writers go on.
  impl_->exec("BEGIN;");
  std::int64_t n = 0;
  try {
    AtomicFile file(out);
    auto& os = file.stream();
    os << R"({"schema":"EventLog.1","source":"vaekit.store"})" << '\n';
    Stmt s(impl_->db, "SELECT line FROM events ORDER BY id", impl_->path_str);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      os << s.text(0) << '\n';
      ++n;
    }
    if (rc != SQLITE_DONE) impl_->fail("exporting events");
    file.commit();
  } catch (...) {
    sqlite3_exec(impl_->db, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
  impl_->exec("COMMIT;");
  return n;
}

std::string CaseStore::integrity_check() const {
  Stmt s(impl_->db, "PRAGMA integrity_check", impl_->path_str);
  std::string out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    if (!out.empty()) out += "\n";
    out += s.text(0);
  }
  return out;
}

}  // namespace vaekit
