// The SQLite case store: WAL, transactions, optimistic concurrency, queries, export.
#include "vaekit/store/case_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "vaekit/core/io.hpp"
#include "vaekit/core/string_pool.hpp"
#include "vaekit/pathway/due.hpp"
#include "vaekit/pathway/event_scan.hpp"

namespace vaekit {
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
  Stmt& bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Binds @p s without a copy: the text must outlive the next step.
  Stmt& bind_static(int i, std::string_view s) {
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
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

ConflictError::ConflictError(std::string case_id, std::int64_t expected, std::int64_t actual,
                             bool diverged)
    : Error(ErrorCode::conflict,
            "case " + excerpt(case_id) + ": expected version " + std::to_string(expected) +
                " but the store has version " + std::to_string(actual) +
                (diverged ? " with other events (the histories differ; reload and redo)"
                          : " (another writer changed it; reload and retry)")),
      case_id_(std::move(case_id)),
      expected_(expected),
      actual_(actual) {}

namespace {

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

// Where a stored event is, for errors: the store file, and the case and seq as the field.
SourceLocation stored_event(const std::string& path, const std::string& case_id, std::int64_t seq) {
  return SourceLocation{path, 0, 0, "case " + excerpt(case_id) + " seq " + std::to_string(seq)};
}

}  // namespace

struct CaseStore::Impl {
  std::filesystem::path path;
  std::string path_str;
  sqlite3* db = nullptr;
  RegimeSet regimes;
  // Folded states of recently written cases, valid while the stored version matches (a case's
  // history only grows, so the same version means the same events).
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
  void rollback() noexcept { sqlite3_exec(db, "ROLLBACK;", nullptr, nullptr, nullptr); }
  void step_done(Stmt& s, const char* what) {
    const int rc = sqlite3_step(s.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(what);
  }
  // The single integer a query gives (0 when it gives no row).
  std::int64_t scalar(const char* sql) {
    Stmt s(db, sql, path_str);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return s.integer(0);
    if (rc != SQLITE_DONE) fail(std::string("reading the store's header (") + sql + ")");
    return 0;
  }
  bool has_table(const char* name) {
    Stmt s(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1", path_str);
    s.bind(1, std::string(name));
    return sqlite3_step(s.get()) == SQLITE_ROW;
  }
  // A file written by vaekit before application_id was set: the three tables, schema CaseStore.1.
  bool is_case_store_v1() {
    if (!has_table("meta") || !has_table("cases") || !has_table("events")) return false;
    Stmt s(db, "SELECT value FROM meta WHERE key='schema'", path_str);
    return sqlite3_step(s.get()) == SQLITE_ROW && s.text(0) == "CaseStore.1";
  }
  // What the file is: 0 empty (a new store), 1 a CaseStore.1 file to upgrade, 2 current;
  // anything else throws SchemaError and leaves the file untouched.
  int identify() {
    const std::int64_t app = scalar("PRAGMA application_id");
    const std::int64_t user = scalar("PRAGMA user_version");
    const SourceLocation where{path_str, 0, 0, "application_id"};
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

  // The stored events of a case, each parsed (a corrupt row throws ParseError naming case, seq).
  std::vector<Event> events(const std::string& id) {
    std::vector<Event> out;
    Stmt& s = get_events->reset().bind(1, id);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      out.push_back(parse_stored(id, s.integer(1), s.text(0)));
    }
    sqlite3_reset(s.get());
    if (rc != SQLITE_DONE) fail("reading events");
    return out;
  }

  Event parse_stored(const std::string& id, std::int64_t seq, std::string_view line) const {
    Event e;
    try {
      e = parse_event_line(line, stored_event(path_str, id, seq));
    } catch (const ParseError& err) {
      throw ParseError(stored_event(path_str, id, seq),
                       "the stored event is not a valid event-log v1 line: " + err.reason());
    }
    if (e.case_id != id) {
      throw ParseError(stored_event(path_str, id, seq),
                       "the stored event names case " + excerpt(e.case_id));
    }
    return e;
  }

  CaseState state_of(const std::string& id, std::int64_t version) {
    auto it = cache.find(id);
    if (it != cache.end() && it->second.first == version) return it->second.second;
    CaseState s;
    for (const Event& e : events(id)) apply_event(s, e, regimes);
    return s;
  }

  void insert_line(const std::string& id, std::int64_t seq, std::int64_t day, EventKind kind,
                   std::string_view line) {
    Stmt& ins = insert_event->reset();
    ins.bind_static(1, id).bind(2, seq).bind(3, day);
    ins.bind_static(4, to_string(kind)).bind_static(5, line);
    step_done(ins, "inserting an event");
  }

  void upsert(const std::string& id, std::int64_t version, const CaseState& state,
              const std::string& antenne) {
    Stmt& up = upsert_case->reset();
    up.bind(1, id).bind(2, version).bind_static(3, to_string(state.stage));
    up.bind_static(4, to_string(state.side)).bind(5, antenne).bind(6, state.certification);
    up.bind(7, std::int64_t{state.last_at.date().days_since_epoch()});
    if (auto due = next_due(state, regimes)) {
      up.bind(8, std::int64_t{due->days_since_epoch()});
    } else {
      up.bind_null(8);
    }
    step_done(up, "updating a case");
  }

  // Writes one request inside the caller's transaction; @p touched holds the versions and
  // states of the cases this transaction already wrote.
  std::int64_t write(const AppendRequest& req,
                     std::unordered_map<std::string, std::pair<std::int64_t, CaseState>>& touched) {
    if (req.case_id.empty()) throw InvalidArgument("append: empty case identifier");
    auto tit = touched.find(req.case_id);
    std::int64_t version = 0;
    CaseState state;
    if (tit != touched.end()) {
      version = tit->second.first;
      state = tit->second.second;
    } else {
      version = this->version(req.case_id);
      state = state_of(req.case_id, version);
    }
    if (req.expected_version && *req.expected_version != version) {
      throw ConflictError(req.case_id, *req.expected_version, version);
    }
    if (req.events.empty()) return version;  // nothing to write (and no empty case row)
    std::string antenne;
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
      apply_event(state, *ev, regimes);
      ++version;
      if (antenne.empty()) antenne = ev->antenne;
      insert_line(req.case_id, version, std::int64_t{ev->at.date().days_since_epoch()}, ev->kind,
                  format_event_line(*ev));
    }
    upsert(req.case_id, version, state, antenne);
    touched[req.case_id] = {version, std::move(state)};
    return version;
  }

  void remember(std::unordered_map<std::string, std::pair<std::int64_t, CaseState>>& touched) {
    if (cache.size() > 100'000) cache.clear();
    for (auto& [id, v] : touched) cache[id] = std::move(v);
  }
  void forget(const std::unordered_map<std::string, std::pair<std::int64_t, CaseState>>& touched) {
    for (const auto& [id, v] : touched) cache.erase(id);
  }

  void prepare(bool read_only) {
    get_version =
        std::make_unique<Stmt>(db, "SELECT version FROM cases WHERE case_id=?1", path_str);
    get_events = std::make_unique<Stmt>(
        db, "SELECT line, seq FROM events WHERE case_id=?1 ORDER BY seq", path_str);
    get_summary =
        std::make_unique<Stmt>(db,
                               "SELECT case_id, version, stage, side, antenne, certification, "
                               "last_day, due_day FROM cases WHERE case_id=?1",
                               path_str);
    if (!read_only) {
      insert_event = std::make_unique<Stmt>(
          db, "INSERT INTO events(case_id, seq, day, event, line) VALUES(?1, ?2, ?3, ?4, ?5)",
          path_str);
      upsert_case = std::make_unique<Stmt>(
          db,
          "INSERT INTO cases(case_id, version, stage, side, antenne, certification, last_day, "
          "due_day) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(case_id) DO UPDATE SET version=?2, "
          "stage=?3, side=?4, antenne=CASE WHEN antenne='' THEN ?5 ELSE antenne END, "
          "certification=?6, "
          "last_day=?7, due_day=?8",
          path_str);
    }
  }

  void close() noexcept {
    get_version.reset();
    get_events.reset();
    get_summary.reset();
    insert_event.reset();
    upsert_case.reset();
    if (db) sqlite3_close(db);
    db = nullptr;
  }

  // Opens the file with @p flags (and @p uri as the name when given); throws IoError.
  void open(const std::string& name, int flags) {
    // SQLite's allocation statistics take a global mutex on every malloc; vaekit never reads
    // them. Only possible before SQLite initialises (else SQLITE_MISUSE, harmlessly ignored).
    static const bool no_memstatus = [] {
      (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
      return true;
    }();
    (void)no_memstatus;
    if (sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
      sqlite3_close(db);
      db = nullptr;
      throw IoError(path_str, "cannot open the case store: " + msg);
    }
  }

  // Read-only: `mode=ro`; when SQLite cannot set up the WAL index there (a read-only folder
  // without the -shm file) and no WAL file is left (so the database file holds every commit),
  // `immutable=1`, which reads the file without any lock or -shm.
  void open_read_only(int busy_timeout_ms) {
    open(sqlite_uri(path_str, "mode=ro"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc == SQLITE_OK) return;
    const int ext = sqlite3_extended_errcode(db);
    close();
    std::error_code ec;
    const auto wal_size = std::filesystem::file_size(path_str + "-wal", ec);
    const bool wal_empty = ec || wal_size == 0;
    if (!wal_empty || (ext & 0xff) == SQLITE_NOTADB) {
      throw IoError(path_str,
                    "cannot read the case store read-only (SQLite error " + std::to_string(ext) +
                        (wal_empty ? "" : "; its WAL file needs a writable folder") + ")");
    }
    open(sqlite_uri(path_str, "immutable=1"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  }
};

CaseStore::CaseStore(const std::filesystem::path& path) : CaseStore(path, Options{}) {}

CaseStore::CaseStore(const std::filesystem::path& path, Options options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.path_str = path.string();
  try {
    if (options.read_only) {
      m.open_read_only(options.busy_timeout_ms);
      m.identify();  // refuses a foreign file; a CaseStore.1 file is read as it is
    } else {
      m.open(m.path_str, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      sqlite3_busy_timeout(m.db, options.busy_timeout_ms);
      // Identify before any write: a foreign database is refused untouched.
      m.identify();
      m.exec("PRAGMA journal_mode=WAL;");
      m.exec(options.durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
      m.exec("BEGIN IMMEDIATE;");
      // Again under the write lock: another process may have created or upgraded it meanwhile.
      const int what = m.identify();
      if (what == 0) m.exec(kSchema);
      if (what != 2) {
        m.exec(("INSERT OR REPLACE INTO meta(key, value) VALUES('schema', 'CaseStore." +
                std::to_string(kSchemaVersion) + "');")
                   .c_str());
        m.exec(
            ("PRAGMA application_id=" + std::to_string(CaseStore::application_id) + ";").c_str());
        m.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";").c_str());
      }
      m.exec("COMMIT;");
    }
    m.prepare(options.read_only);
  } catch (...) {
    if (m.db) m.rollback();
    m.close();
    throw;
  }
}

CaseStore::~CaseStore() {
  if (impl_) impl_->close();
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
  // One read transaction: the events and the version come from the same snapshot.
  impl_->exec("BEGIN;");
  std::vector<Event> events;
  try {
    events = impl_->events(case_id);
  } catch (...) {
    impl_->rollback();
    throw;
  }
  impl_->exec("COMMIT;");
  if (events.empty()) throw NotFound(case_id, "no case " + excerpt(case_id) + " in the store");
  const auto n = static_cast<std::int64_t>(events.size());
  Case c = Case::from_events(case_id, std::move(events), impl_->regimes);
  c.set_loaded_version(n);
  return c;
}

std::int64_t CaseStore::save(Case& c, std::optional<std::int64_t> expected_version) {
  Impl& m = *impl_;
  if (!m.insert_event) throw IoError(m.path_str, "the store is open read-only");
  const auto& evs = c.events();
  const std::int64_t base = expected_version.value_or(c.loaded_version());
  if (base < 0 || base > static_cast<std::int64_t>(evs.size())) {
    throw InvalidArgument("save: expected version " + std::to_string(base) + " outside 0.." +
                          std::to_string(evs.size()) + " (the case's events)");
  }
  std::unordered_map<std::string, std::pair<std::int64_t, CaseState>> touched;
  std::int64_t version = 0;
  m.exec("BEGIN IMMEDIATE;");
  try {
    const std::int64_t stored = m.version(c.id());
    if (stored != base) throw ConflictError(c.id(), base, stored);
    if (base > 0) {
      // Same count is not enough: the stored events must be the case's first ones.
      const std::vector<Event> have = m.events(c.id());
      if (!std::equal(have.begin(), have.end(), evs.begin(),
                      evs.begin() + static_cast<std::ptrdiff_t>(base))) {
        throw ConflictError(c.id(), base, stored, true);
      }
    }
    AppendRequest req{c.id(), base, {evs.begin() + static_cast<std::ptrdiff_t>(base), evs.end()}};
    version = m.write(req, touched);
    m.exec("COMMIT;");
  } catch (...) {
    m.rollback();
    m.forget(touched);
    throw;
  }
  m.remember(touched);
  c.set_loaded_version(version);
  return version;
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
  std::unordered_map<std::string, std::pair<std::int64_t, CaseState>> touched;
  m.exec("BEGIN IMMEDIATE;");
  try {
    for (const AppendRequest& req : batch) versions.push_back(m.write(req, touched));
    m.exec("COMMIT;");
  } catch (...) {
    m.rollback();
    m.forget(touched);
    throw;
  }
  m.remember(touched);
  return versions;
}

namespace {

// Pass 1 of an import: every event of the log folded into its case's state (checked against the
// transition table), and where its line is in the text, so that pass 2 stores the line as read.
class ImportReader final : public EventLogHandler {
 public:
  struct Line {
    std::uint64_t offset;   // into the text
    std::uint32_t length;   // bytes, without the end of line
    std::uint32_t case_ix;  // into ids / cases
    std::int32_t day;       // days since the epoch
    EventKind kind;
  };
  struct CaseAcc {
    CaseState state;
    std::string antenne;  // of the first event naming one
  };

  ImportReader(std::string_view text, const RegimeSet& regimes, ReadMode mode, std::string source,
               std::vector<Reject>& rejects)
      : text_(text),
        regimes_(regimes),
        mode_(mode),
        source_(std::move(source)),
        rejects_(rejects) {}

  StringPool ids;
  std::vector<CaseAcc> cases;
  std::vector<Line> lines;

  void header(EventLogHeader) override {}
  void event(const EventView& v, std::size_t line) override {
    v.assign_to(scratch_);
    apply(scratch_, line);
  }
  void event(Event&& e, std::size_t line) override { apply(e, line); }
  void reject(Reject r) override { rejects_.push_back(std::move(r)); }

 private:
  // The text of 1-based line @p line (lines come in increasing order): one pass over the text.
  std::string_view line_text(std::size_t line) {
    while (cur_line_ < line) {
      const void* nl = std::memchr(text_.data() + cur_pos_, '\n', text_.size() - cur_pos_);
      cur_pos_ = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1
                    : text_.size();
      ++cur_line_;
    }
    const void* nl = std::memchr(text_.data() + cur_pos_, '\n', text_.size() - cur_pos_);
    std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) : text_.size();
    std::size_t begin = cur_pos_;
    if (end > begin && text_[end - 1] == '\r') --end;
    if (line == 1 && text_.substr(begin, end - begin).starts_with("\xEF\xBB\xBF")) begin += 3;
    return text_.substr(begin, end - begin);
  }

  void apply(const Event& e, std::size_t line) {
    const std::uint32_t ix = ids.intern(e.case_id);
    if (ix == cases.size()) cases.emplace_back();
    CaseAcc& c = cases[ix];
    try {
      apply_event(c.state, e, regimes_);
    } catch (const TransitionError& te) {
      if (mode_ == ReadMode::strict) {
        throw TransitionError(te.case_id(), te.stage(), te.event(), te.role(),
                              te.reason() + " (" + source_ + ":" + std::to_string(line) + ")");
      }
      rejects_.push_back(Reject{source_, line, "event", te.what(), {}});
      return;
    } catch (const InvalidArgument& ia) {
      if (mode_ == ReadMode::strict) throw;
      rejects_.push_back(Reject{source_, line, {}, ia.what(), {}});
      return;
    }
    if (c.antenne.empty() && !e.antenne.empty()) c.antenne = e.antenne;
    const std::string_view t = line_text(line);
    if (t.size() > 0xFFFF'FFFFu) throw OutOfRange("an event line longer than 4 GiB");
    lines.push_back(Line{static_cast<std::uint64_t>(t.data() - text_.data()),
                         static_cast<std::uint32_t>(t.size()), ix,
                         static_cast<std::int32_t>(e.at.date().days_since_epoch()), e.kind});
  }

  std::string_view text_;
  const RegimeSet& regimes_;
  ReadMode mode_;
  std::string source_;
  std::vector<Reject>& rejects_;
  Event scratch_;
  std::size_t cur_line_ = 1;
  std::size_t cur_pos_ = 0;
};

}  // namespace

ImportReport CaseStore::import_event_log(const std::filesystem::path& log,
                                         const ImportOptions& options) {
  Impl& m = *impl_;
  if (!m.insert_event) throw IoError(m.path_str, "the store is open read-only");
  ImportReport report;
  const MappedFile file(log);
  const std::string source = log.string();
  const std::string_view text = file.text();
  ImportReader reader(text, m.regimes, options.mode, source, report.rejects);
  report.records_read = scan_event_log(text, reader, source, options.mode, options.threads).records;

  // The events grouped by case, in log order within a case (a counting sort).
  const std::size_t n_cases = reader.cases.size();
  std::vector<std::uint32_t> first(n_cases + 1, 0);
  for (const auto& l : reader.lines) ++first[l.case_ix + 1];
  for (std::size_t i = 0; i < n_cases; ++i) first[i + 1] += first[i];
  std::vector<std::uint32_t> order(reader.lines.size());
  {
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t i = 0; i < reader.lines.size(); ++i) {
      order[next[reader.lines[i].case_ix]++] = i;
    }
  }

  const std::size_t per_batch = std::max<std::size_t>(1, options.batch_cases);
  std::string id;
  for (std::size_t b = 0; b < n_cases; b += per_batch) {
    const std::size_t e = std::min(n_cases, b + per_batch);
    ImportReport part;  // counts of this batch, added when it commits
    std::vector<std::string> touched;
    m.exec("BEGIN IMMEDIATE;");
    try {
      for (std::size_t c = b; c < e; ++c) {
        const std::uint32_t lo = first[c], hi = first[c + 1];
        if (lo == hi) continue;  // every event of the case refused (lenient): nothing to store
        id.assign(reader.ids[static_cast<std::uint32_t>(c)]);
        const std::int64_t stored = m.version(id);
        std::int64_t from = 0;  // events already stored
        if (stored > 0) {
          bool prefix = stored <= static_cast<std::int64_t>(hi - lo);
          if (prefix) {
            const std::vector<Event> have = m.events(id);
            for (std::int64_t k = 0; prefix && k < stored; ++k) {
              const auto& l = reader.lines[order[lo + static_cast<std::uint32_t>(k)]];
              const Event mine = parse_event_line(text.substr(l.offset, l.length),
                                                  SourceLocation{source, 0, 0, {}});
              prefix = have[static_cast<std::size_t>(k)] == mine;
            }
          }
          if (!prefix) {
            part.conflicts.push_back(id);
            continue;
          }
          if (stored == static_cast<std::int64_t>(hi - lo)) {
            ++part.cases_unchanged;
            continue;
          }
          from = stored;
          ++part.cases_extended;
        } else {
          ++part.cases_created;
        }
        for (std::uint32_t k = lo + static_cast<std::uint32_t>(from); k < hi; ++k) {
          const auto& l = reader.lines[order[k]];
          m.insert_line(id, static_cast<std::int64_t>(k - lo) + 1, l.day, l.kind,
                        text.substr(l.offset, l.length));
        }
        part.events_written += hi - lo - static_cast<std::uint32_t>(from);
        const auto& acc = reader.cases[c];
        m.upsert(id, static_cast<std::int64_t>(hi - lo), acc.state, acc.antenne);
        touched.push_back(id);
      }
      m.exec("COMMIT;");
    } catch (...) {
      m.rollback();
      for (const auto& t : touched) m.cache.erase(t);
      throw;
    }
    for (const auto& t : touched) m.cache.erase(t);
    report.events_written += part.events_written;
    report.cases_created += part.cases_created;
    report.cases_extended += part.cases_extended;
    report.cases_unchanged += part.cases_unchanged;
    for (auto& c : part.conflicts) report.conflicts.push_back(std::move(c));
  }
  return report;
}

namespace {
CaseSummary read_summary(Stmt& s) {
  CaseSummary c;
  c.case_id = s.text(0);
  c.version = s.integer(1);
  c.stage = try_stage_from_string(s.text(2)).value_or(Stage::none);
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
    Stmt s(impl_->db, "SELECT case_id, seq, line FROM events ORDER BY id", impl_->path_str);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      const std::string line = s.text(2);
      // Every line is checked before it is copied: a corrupt row never reaches the output.
      (void)impl_->parse_stored(s.text(0), s.integer(1), line);
      os << line << '\n';
      ++n;
    }
    if (rc != SQLITE_DONE) impl_->fail("exporting events");
    file.commit();
  } catch (...) {
    impl_->rollback();
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
