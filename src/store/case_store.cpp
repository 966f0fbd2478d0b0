// CaseStore: the contract of the case store, kept once for both backends (SQLite, PostgreSQL):
// every event checked against the transition table before it is written, optimistic
// concurrency, all-or-nothing batches, import without merging histories, migration. The SQL is in
// sqlite_backend.cpp and postgres_backend.cpp (backend.hpp).
#include "vaekit/store/case_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "backend.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/string_pool.hpp"
#include "vaekit/pathway/due.hpp"
#include "vaekit/pathway/event_scan.hpp"

namespace vaekit {

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

namespace store_detail {

CaseSummary make_summary(std::string case_id, std::int64_t version, std::string_view stage,
                         std::string_view side, std::string antenne, std::string certification,
                         std::int64_t last_day, std::optional<std::int64_t> due_day) {
  CaseSummary c;
  c.case_id = std::move(case_id);
  c.version = version;
  c.stage = try_stage_from_string(stage).value_or(Stage::none);
  c.side = side == "dropped_out" ? SideState::dropped_out
                                 : (side == "archived" ? SideState::archived : SideState::active);
  c.antenne = std::move(antenne);
  c.certification = std::move(certification);
  c.last_activity = Date::from_days(last_day);
  if (due_day) c.due = Date::from_days(*due_day);
  return c;
}

}  // namespace store_detail

namespace {

using store_detail::Backend;
using store_detail::CaseRow;
using store_detail::EventRow;
using store_detail::WriteLock;

using Touched = std::unordered_map<std::string, std::pair<std::int64_t, CaseState>>;

// Where a stored event is, for errors: the store, and the case and seq as the field.
SourceLocation stored_event(const std::string& where, const std::string& case_id,
                            std::int64_t seq) {
  return SourceLocation{where, 0, 0, "case " + excerpt(case_id) + " seq " + std::to_string(seq)};
}

// The rows one write transaction will write, flushed once before it commits.
struct Pending {
  struct Ev {
    std::string case_id;
    std::int64_t seq;
    std::int64_t day;
    EventKind kind;
    std::string line;
  };
  std::vector<Ev> events;
  std::vector<CaseRow> cases;
  std::unordered_map<std::string, std::size_t> case_ix;

  // The case row of a case written again in the same transaction replaces the first one, but
  // the antenne named first is kept (as the stored row keeps it).
  void put(CaseRow row) {
    auto [it, fresh] = case_ix.try_emplace(row.case_id, cases.size());
    if (fresh) {
      cases.push_back(std::move(row));
      return;
    }
    CaseRow& old = cases[it->second];
    if (!old.antenne.empty()) row.antenne = old.antenne;
    old = std::move(row);
  }
  void flush(Backend& db) {
    std::vector<EventRow> rows;
    rows.reserve(events.size());
    for (const Ev& e : events) rows.push_back({e.case_id, e.seq, e.day, to_string(e.kind), e.line});
    if (!rows.empty()) db.insert_events(rows);
    if (!cases.empty()) db.upsert_cases(cases);
    events.clear();
    cases.clear();
    case_ix.clear();
  }
};

// A case row from its folded state.
CaseRow case_row(const std::string& id, std::int64_t version, const CaseState& state,
                 std::string antenne, const RegimeSet& regimes) {
  CaseRow r;
  r.case_id = id;
  r.version = version;
  r.stage = to_string(state.stage);
  r.side = to_string(state.side);
  r.antenne = std::move(antenne);
  r.certification = state.certification;
  r.last_day = std::int64_t{state.last_at.date().days_since_epoch()};
  if (auto due = next_due(state, regimes)) r.due_day = std::int64_t{due->days_since_epoch()};
  return r;
}

std::unique_ptr<Backend> open_backend(const StoreUrl& url, const CaseStore::Options& options) {
  return url.kind() == StoreUrl::Kind::postgresql ? store_detail::open_postgres(url, options)
                                                  : store_detail::open_sqlite(url, options);
}

}  // namespace

struct CaseStore::Impl {
  StoreUrl url;
  std::filesystem::path path;
  std::unique_ptr<Backend> db;
  RegimeSet regimes;
  // Folded states of recently written cases, valid while the stored version matches (a case's
  // history only grows, so the same version means the same events).
  Touched cache;

  const std::string& where() const { return db->where(); }
  void require_writable() const {
    if (db->read_only()) throw IoError(where(), "the store is open read-only");
  }

  Event parse_stored(const std::string& id, std::int64_t seq, std::string_view line) const {
    Event e;
    try {
      e = parse_event_line(line, stored_event(where(), id, seq));
    } catch (const ParseError& err) {
      throw ParseError(stored_event(where(), id, seq),
                       "the stored event is not a valid event-log v1 line: " + err.reason());
    }
    if (e.case_id != id) {
      throw ParseError(stored_event(where(), id, seq),
                       "the stored event names case " + excerpt(e.case_id));
    }
    return e;
  }

  // The stored events of a case, each parsed (a corrupt row throws ParseError naming case, seq).
  std::vector<Event> events(const std::string& id) {
    std::vector<Event> out;
    for (const auto& l : db->lines(id)) out.push_back(parse_stored(id, l.seq, l.line));
    return out;
  }

  CaseState state_of(const std::string& id, std::int64_t version) {
    auto it = cache.find(id);
    if (it != cache.end() && it->second.first == version) return it->second.second;
    CaseState s;
    for (const Event& e : events(id)) apply_event(s, e, regimes);
    return s;
  }

  // Checks one request and queues its rows, inside the caller's transaction; @p touched holds
  // the versions and states of the cases this transaction already wrote.
  std::int64_t write(const AppendRequest& req, Touched& touched, Pending& pending) {
    auto tit = touched.find(req.case_id);
    std::int64_t version = 0;
    CaseState state;
    if (tit != touched.end()) {
      version = tit->second.first;
      state = tit->second.second;
    } else {
      version = db->version(req.case_id);
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
      pending.events.push_back({req.case_id, version,
                                std::int64_t{ev->at.date().days_since_epoch()}, ev->kind,
                                format_event_line(*ev)});
    }
    pending.put(case_row(req.case_id, version, state, std::move(antenne), regimes));
    touched[req.case_id] = {version, std::move(state)};
    return version;
  }

  void remember(Touched& touched) {
    if (cache.size() > 100'000) cache.clear();
    for (auto& [id, v] : touched) cache[id] = std::move(v);
  }
  void forget(const Touched& touched) {
    for (const auto& [id, v] : touched) cache.erase(id);
  }
};

CaseStore::CaseStore(const std::filesystem::path& path) : CaseStore(path, Options{}) {}

CaseStore::CaseStore(const std::filesystem::path& path, Options options)
    : CaseStore(StoreUrl::parse(path.string()), options) {}

CaseStore::CaseStore(const StoreUrl& url, Options options) : impl_(std::make_unique<Impl>()) {
  impl_->url = url;
  impl_->path =
      url.kind() == StoreUrl::Kind::sqlite ? url.path() : std::filesystem::path(url.redacted());
  impl_->db = open_backend(url, options);
}

CaseStore::~CaseStore() = default;
CaseStore::CaseStore(CaseStore&&) noexcept = default;
CaseStore& CaseStore::operator=(CaseStore&&) noexcept = default;

const std::filesystem::path& CaseStore::path() const noexcept {
  return impl_->path;
}
const StoreUrl& CaseStore::url() const noexcept {
  return impl_->url;
}
std::string_view CaseStore::backend_name() const noexcept {
  return impl_->url.kind() == StoreUrl::Kind::sqlite ? "sqlite" : "postgresql";
}
void CaseStore::set_regimes(RegimeSet regimes) {
  impl_->regimes = std::move(regimes);
  impl_->cache.clear();
}

std::int64_t CaseStore::version(const std::string& case_id) const {
  return impl_->db->version(case_id);
}

Case CaseStore::load(const std::string& case_id) const {
  // One read transaction: the events and the version come from the same snapshot.
  Impl& m = *impl_;
  m.db->begin_read();
  std::vector<Event> events;
  try {
    events = m.events(case_id);
    m.db->commit();
  } catch (...) {
    m.db->rollback();
    throw;
  }
  if (events.empty()) throw NotFound(case_id, "no case " + excerpt(case_id) + " in the store");
  const auto n = static_cast<std::int64_t>(events.size());
  Case c = Case::from_events(case_id, std::move(events), m.regimes);
  c.set_loaded_version(n);
  return c;
}

std::int64_t CaseStore::save(Case& c, std::optional<std::int64_t> expected_version) {
  Impl& m = *impl_;
  m.require_writable();
  const auto& evs = c.events();
  const std::int64_t base = expected_version.value_or(c.loaded_version());
  if (base < 0 || base > static_cast<std::int64_t>(evs.size())) {
    throw InvalidArgument("save: expected version " + std::to_string(base) + " outside 0.." +
                          std::to_string(evs.size()) + " (the case's events)");
  }
  if (c.id().empty()) throw InvalidArgument("save: empty case identifier");
  Touched touched;
  Pending pending;
  std::int64_t version = 0;
  const std::string ids[] = {c.id()};
  m.db->begin_write(ids, WriteLock::cases);
  try {
    const std::int64_t stored = m.db->version(c.id());
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
    version = m.write(req, touched, pending);
    pending.flush(*m.db);
    m.db->commit();
  } catch (...) {
    m.db->rollback();
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
  m.require_writable();
  std::vector<std::string> ids;
  ids.reserve(batch.size());
  for (const AppendRequest& req : batch) {
    if (req.case_id.empty()) throw InvalidArgument("append: empty case identifier");
    ids.push_back(req.case_id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::int64_t> versions;
  versions.reserve(batch.size());
  Touched touched;
  Pending pending;
  m.db->begin_write(ids, ids.size() > 256 ? WriteLock::store : WriteLock::cases);
  try {
    for (const AppendRequest& req : batch) versions.push_back(m.write(req, touched, pending));
    pending.flush(*m.db);
    m.db->commit();
  } catch (...) {
    m.db->rollback();
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
  m.require_writable();
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
  std::vector<std::string> ids;
  std::vector<std::size_t> ixs;
  std::vector<EventRow> rows;
  std::vector<CaseRow> case_rows, new_rows;
  for (std::size_t b = 0; b < n_cases; b += per_batch) {
    const std::size_t e = std::min(n_cases, b + per_batch);
    ImportReport part;  // counts of this batch, added when it commits
    ids.clear();
    ixs.clear();
    for (std::size_t c = b; c < e; ++c) {
      if (first[c] == first[c + 1]) continue;  // every event refused (lenient): nothing to store
      ids.emplace_back(reader.ids[static_cast<std::uint32_t>(c)]);
      ixs.push_back(c);
    }
    if (ids.empty()) continue;
    rows.clear();
    case_rows.clear();
    new_rows.clear();
    m.db->begin_write({}, WriteLock::store);
    try {
      const std::vector<std::int64_t> stored_versions = m.db->versions(ids);
      for (std::size_t k = 0; k < ids.size(); ++k) {
        const std::size_t c = ixs[k];
        const std::string& id = ids[k];
        const std::uint32_t lo = first[c], hi = first[c + 1];
        const std::int64_t stored = stored_versions[k];
        std::int64_t from = 0;  // events already stored
        if (stored > 0) {
          bool prefix = stored <= static_cast<std::int64_t>(hi - lo);
          if (prefix) {
            const std::vector<Event> have = m.events(id);
            for (std::int64_t j = 0; prefix && j < stored; ++j) {
              const auto& l = reader.lines[order[lo + static_cast<std::uint32_t>(j)]];
              const Event mine = parse_event_line(text.substr(l.offset, l.length),
                                                  SourceLocation{source, 0, 0, {}});
              prefix = have[static_cast<std::size_t>(j)] == mine;
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
        for (std::uint32_t j = lo + static_cast<std::uint32_t>(from); j < hi; ++j) {
          const auto& l = reader.lines[order[j]];
          rows.push_back({id, static_cast<std::int64_t>(j - lo) + 1, l.day, to_string(l.kind),
                          text.substr(l.offset, l.length)});
        }
        part.events_written += hi - lo - static_cast<std::uint32_t>(from);
        const auto& acc = reader.cases[c];
        (from == 0 ? new_rows : case_rows)
            .push_back(case_row(id, static_cast<std::int64_t>(hi - lo), acc.state, acc.antenne,
                                m.regimes));
      }
      if (!rows.empty()) m.db->insert_events(rows);
      // Cases absent from the store (which this transaction locks) go straight in.
      if (!new_rows.empty()) m.db->insert_cases(new_rows);
      if (!case_rows.empty()) m.db->upsert_cases(case_rows);
      m.db->commit();
    } catch (...) {
      m.db->rollback();
      for (const auto& r : case_rows) m.cache.erase(r.case_id);
      for (const auto& r : new_rows) m.cache.erase(r.case_id);
      throw;
    }
    for (const auto& r : case_rows) m.cache.erase(r.case_id);
    for (const auto& r : new_rows) m.cache.erase(r.case_id);
    report.events_written += part.events_written;
    report.cases_created += part.cases_created;
    report.cases_extended += part.cases_extended;
    report.cases_unchanged += part.cases_unchanged;
    for (auto& c : part.conflicts) report.conflicts.push_back(std::move(c));
  }
  return report;
}

std::vector<CaseSummary> CaseStore::query(const CaseQuery& q) const {
  return impl_->db->query(q);
}

CaseSummary CaseStore::summary(const std::string& case_id) const {
  auto s = impl_->db->summary(case_id);
  if (!s) throw NotFound(case_id, "no case " + excerpt(case_id) + " in the store");
  return std::move(*s);
}

std::int64_t CaseStore::case_count() const {
  return impl_->db->case_count();
}

std::int64_t CaseStore::event_count() const {
  return impl_->db->event_count();
}

std::int64_t CaseStore::export_event_log(const std::filesystem::path& out) const {
  // One read transaction: a consistent snapshot even while writers go on.
  Impl& m = *impl_;
  m.db->begin_read();
  std::int64_t n = 0;
  try {
    AtomicFile file(out);
    auto& os = file.stream();
    os << R"({"schema":"EventLog.1","source":"vaekit.store"})" << '\n';
    std::string id;
    m.db->scan([&](std::string_view case_id, std::int64_t seq, std::string_view line) {
      id.assign(case_id);
      // Every line is checked before it is copied: a corrupt row never reaches the output.
      (void)m.parse_stored(id, seq, line);
      os << line << '\n';
      ++n;
    });
    file.commit();
    m.db->commit();
  } catch (...) {
    m.db->rollback();
    throw;
  }
  return n;
}

std::string CaseStore::integrity_check() const {
  Impl& m = *impl_;
  std::string out = m.db->engine_check();
  const std::vector<std::string> bad = m.db->version_mismatches();
  if (bad.empty()) return out;
  std::string msg = "cases whose version is not their number of events:";
  for (const auto& id : bad) msg += " " + excerpt(id);
  return out == "ok" ? msg : out + "\n" + msg;
}

MigrateReport CaseStore::migrate(const StoreUrl& src_url, const StoreUrl& dst_url,
                                 const MigrateOptions& options) {
  Options ro;
  ro.read_only = true;
  CaseStore src(src_url, ro);
  CaseStore dst(dst_url, Options{});
  Impl& s = *src.impl_;
  Impl& d = *dst.impl_;
  MigrateReport report;

  if (dst.case_count() > 0) {
    if (!options.allow_non_empty) {
      throw IoError(d.where(), "the destination holds " + std::to_string(dst.case_count()) +
                                   " cases: refused (allow a non-empty destination to merge "
                                   "into it the way an import does)");
    }
    // Into a non-empty store: the import's rules (create, extend, unchanged, conflict).
    const auto tmp = std::filesystem::temp_directory_path() /
                     ("vaekit-migrate-" + std::to_string(::getpid()) + ".jsonl");
    report.events = src.export_event_log(tmp);
    report.cases = src.case_count();
    report.versions = s.db->version_sum();
    try {
      report.import = dst.import_event_log(tmp);
    } catch (...) {
      std::filesystem::remove(tmp);
      throw;
    }
    std::filesystem::remove(tmp);
    return report;
  }

  // Into an empty store: the rows in the source's commit order, in one transaction, every event
  // parsed and folded (checked against the transition table) on the way.
  struct Acc {
    std::int64_t version = 0;
    CaseState state;
    std::string antenne;
  };
  std::unordered_map<std::string, Acc> cases;
  const std::size_t per_batch = std::max<std::size_t>(1, options.batch_events);
  s.db->begin_read();
  d.db->begin_write({}, WriteLock::store);
  try {
    if (d.db->case_count() > 0 || d.db->event_count() > 0) {
      throw IoError(d.where(), "the destination was written to during the migration: refused");
    }
    report.cases = s.db->case_count();
    report.events = s.db->event_count();
    report.versions = s.db->version_sum();
    struct Row {
      std::string case_id, line;
      std::int64_t seq, day;
      EventKind kind;
    };
    std::vector<Row> buf;
    buf.reserve(std::min<std::size_t>(per_batch, 1 << 16));
    std::vector<EventRow> rows;
    const auto flush = [&] {
      rows.clear();
      for (const Row& r : buf) rows.push_back({r.case_id, r.seq, r.day, to_string(r.kind), r.line});
      if (!rows.empty()) d.db->insert_events(rows);
      buf.clear();
    };
    std::int64_t copied = 0;
    s.db->scan([&](std::string_view case_id, std::int64_t seq, std::string_view line) {
      std::string id(case_id);
      const Event e = s.parse_stored(id, seq, line);
      Acc& acc = cases[id];
      if (seq != acc.version + 1) {
        throw ParseError(stored_event(s.where(), id, seq),
                         "the stored events of the case are not numbered 1, 2, 3...");
      }
      apply_event(acc.state, e, d.regimes);
      acc.version = seq;
      if (acc.antenne.empty()) acc.antenne = e.antenne;
      buf.push_back({std::move(id), std::string(line), seq,
                     std::int64_t{e.at.date().days_since_epoch()}, e.kind});
      ++copied;
      if (buf.size() >= per_batch) flush();
    });
    flush();
    std::vector<CaseRow> case_rows;
    case_rows.reserve(cases.size());
    std::int64_t versions = 0;
    for (auto& [id, acc] : cases) {
      versions += acc.version;
      case_rows.push_back(case_row(id, acc.version, acc.state, std::move(acc.antenne), d.regimes));
    }
    std::sort(case_rows.begin(), case_rows.end(),
              [](const CaseRow& a, const CaseRow& b) { return a.case_id < b.case_id; });
    for (std::size_t i = 0; i < case_rows.size(); i += per_batch) {
      const std::size_t n = std::min(per_batch, case_rows.size() - i);
      d.db->insert_cases(std::span(case_rows).subspan(i, n));  // an empty, locked store
    }
    // The counts, checked inside the destination's transaction before it commits.
    const std::int64_t dc = d.db->case_count(), de = d.db->event_count(), dv = d.db->version_sum();
    if (copied != report.events || static_cast<std::int64_t>(cases.size()) != report.cases ||
        versions != report.versions || dc != report.cases || de != report.events ||
        dv != report.versions) {
      throw IoError(d.where(), "migration counts differ: source " + std::to_string(report.cases) +
                                   " cases, " + std::to_string(report.events) +
                                   " events, versions " + std::to_string(report.versions) +
                                   "; copied " + std::to_string(dc) + " cases, " +
                                   std::to_string(de) + " events, versions " + std::to_string(dv) +
                                   ": nothing written");
    }
    d.db->commit();
    s.db->commit();
  } catch (...) {
    d.db->rollback();
    s.db->rollback();
    throw;
  }
  report.import.records_read = static_cast<std::size_t>(report.events);
  report.import.events_written = static_cast<std::size_t>(report.events);
  report.import.cases_created = static_cast<std::size_t>(report.cases);
  return report;
}

}  // namespace vaekit
