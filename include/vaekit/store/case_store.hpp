#pragma once
/// @file
/// @brief CaseStore: the durable case store, embedded (SQLite, WAL) or on a server (PostgreSQL),
/// one contract: transactional appends, optimistic concurrency, queries, export of the event log
/// v1, migration between backends.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/error.hpp"
#include "vaekit/core/reject.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event_records.hpp"

namespace vaekit {

/// A concurrent writer changed the case first (the expected version is stale), or the stored
/// history is not the one the writer's case was built on; `vaekit.ConflictError` in Python.
/// Nothing was written: reload the case, redo the change and save again.
class ConflictError : public Error {
 public:
  /// Conflict on @p case_id: @p expected was given, @p actual is stored; @p diverged: the
  /// versions agree but the stored events differ from the case's first @p expected events.
  ConflictError(std::string case_id, std::int64_t expected, std::int64_t actual,
                bool diverged = false);
  /// The case concerned.
  [[nodiscard]] const std::string& case_id() const noexcept { return case_id_; }
  /// The version the writer expected.
  [[nodiscard]] std::int64_t expected() const noexcept { return expected_; }
  /// The version stored.
  [[nodiscard]] std::int64_t actual() const noexcept { return actual_; }

 private:
  std::string case_id_;
  std::int64_t expected_;
  std::int64_t actual_;
};

/// The database could not complete the operation for a reason that may pass: the connection was
/// refused or lost (server restart), a statement or lock timeout, a serialization failure or a
/// deadlock (SQLSTATE 40001, 40P01). Nothing of the failed transaction was written; retrying the
/// whole operation (reload, redo, save) is right. An IoError (`vaekit.TransientError`, also a
/// `vaekit.IoError`) whose path is the store's redacted URL.
class TransientError : public IoError {
 public:
  /// A transient failure on the store @p where (a redacted URL), described by @p message, with
  /// the server's SQLSTATE @p sqlstate (empty when there is none, e.g. a refused connection).
  TransientError(std::string where, const std::string& message, std::string sqlstate = {});
  /// The five-character SQLSTATE, or empty.
  [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string sqlstate_;
};

/// Where a case store is: a SQLite file or a PostgreSQL database. Parsed from
/// `sqlite:///abs/path.db`, `sqlite://relative.db`, a plain path (SQLite), or
/// `postgresql://user:password@host:port/db?sslmode=...` (also `postgres://`, libpq's URI form,
/// https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING). The password is kept
/// for the connection only: every message, log line and repr uses redacted().
class StoreUrl {
 public:
  /// The two backends.
  enum class Kind {
    sqlite,      ///< An embedded SQLite file.
    postgresql,  ///< A PostgreSQL database.
  };
  /// Parses @p url_or_path; throws InvalidArgument (naming the redacted URL) for an unknown
  /// scheme or an empty path.
  [[nodiscard]] static StoreUrl parse(std::string_view url_or_path);
  /// A SQLite store at @p path.
  [[nodiscard]] static StoreUrl sqlite(const std::filesystem::path& path);
  /// The backend.
  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  /// The SQLite file (empty for PostgreSQL).
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  /// The connection string given to libpq, password included: never print it.
  [[nodiscard]] const std::string& connection_string() const noexcept { return conninfo_; }
  /// The URL with any password (in the user part or a `password=` parameter) replaced by `***`;
  /// for SQLite, the path.
  [[nodiscard]] std::string redacted() const;
  /// Whether the URL carries a password.
  [[nodiscard]] bool has_password() const noexcept { return has_password_; }

 private:
  Kind kind_ = Kind::sqlite;
  std::filesystem::path path_;
  std::string conninfo_;
  std::string redacted_;
  bool has_password_ = false;
};

/// Events to append to one case, with the version the writer last saw.
struct AppendRequest {
  std::string case_id;                           ///< The case (created by its first event).
  std::optional<std::int64_t> expected_version;  ///< The version last seen (0: a new case);
                                                 ///< std::nullopt: no concurrency check.
  std::vector<Event> events;                     ///< The events, in order.
};

/// Options of CaseStore::import_event_log().
struct ImportOptions {
  /// Strict: the first bad record or refused event throws and nothing is written; lenient: they
  /// become rejects and the case goes on without them.
  ReadMode mode = ReadMode::strict;
  /// Cases written per transaction.
  std::size_t batch_cases = 20'000;
  /// Scanner threads (see scan_event_log(): 0 chooses).
  unsigned threads = 0;
};

/// What CaseStore::import_event_log() did. Every case of the log with at least one accepted
/// event is counted once in created + extended + unchanged + conflicts.size(); every record read
/// is an event of one of them or a reject.
struct ImportReport {
  std::size_t records_read = 0;        ///< Records read (header and blank lines excluded).
  std::size_t events_written = 0;      ///< Events written to the store.
  std::size_t cases_created = 0;       ///< Cases new to the store, written whole.
  std::size_t cases_extended = 0;      ///< Stored cases whose history is a strict prefix of the
                                       ///< log's: the log's further events were appended.
  std::size_t cases_unchanged = 0;     ///< Stored cases whose history equals the log's.
  std::vector<std::string> conflicts;  ///< Stored cases whose history is not a prefix of the
                                       ///< log's (nothing written for them), in log order.
  std::vector<Reject> rejects;         ///< Records and refused events set aside (lenient).
};

/// One row of a query: a case's folded summary (no personal data).
struct CaseSummary {
  std::string case_id;                 ///< The case.
  std::int64_t version = 0;            ///< Number of events stored.
  Stage stage = Stage::none;           ///< Current stage.
  SideState side = SideState::active;  ///< Side state.
  std::string antenne;                 ///< Antenne of the first event naming one.
  std::string certification;           ///< Certification chosen.
  Date last_activity;                  ///< Date of the last event.
  std::optional<Date> due;             ///< Next due date (see next_due()).
};

/// Filters of CaseStore::query(); unset fields do not filter.
struct CaseQuery {
  std::optional<std::string> antenne;  ///< Only this antenne.
  std::optional<Stage> stage;          ///< Only this stage.
  std::optional<SideState> side;       ///< Only this side state.
  std::optional<Date> due_by;          ///< Only cases with a due date on or before this day.
  std::size_t limit = 0;               ///< At most this many rows (0: all).
};

/// Options of CaseStore::migrate().
struct MigrateOptions {
  /// Copy into a destination that already holds cases: they are then merged the way
  /// import_event_log() does (created, extended, unchanged or a conflict, never a merge of
  /// histories). False (the default): a non-empty destination is refused, untouched.
  bool allow_non_empty = false;
  /// Events written per bulk write (the copy is one transaction whatever its size).
  std::size_t batch_events = 50'000;
};

/// What CaseStore::migrate() copied; the counts were checked against the source.
struct MigrateReport {
  std::int64_t cases = 0;     ///< Cases in the source.
  std::int64_t events = 0;    ///< Events in the source.
  std::int64_t versions = 0;  ///< Sum of the source's case versions (= events).
  /// With MigrateOptions::allow_non_empty into a non-empty destination: what the import did
  /// (conflicts listed there, left untouched); otherwise every case was created.
  ImportReport import;
};

/// The durable case store: cases as event lists in a SQLite database (WAL mode) or a PostgreSQL
/// database, chosen by the StoreUrl it is opened with.
///
/// **The concurrency contract** (both backends keep it, see docs/store.md):
/// - A case's *version* is its number of stored events; a case's history only ever grows by
///   appending, and every event is checked against the transition table before it is written.
/// - A write is one transaction: a batch is all or nothing; a writer killed mid-batch leaves no
///   half batch visible and loses no committed (acknowledged) event.
/// - append() / append_batch() take an explicit expected version: a stale one throws
///   ConflictError and writes nothing (std::nullopt: no check, for single-writer tools only).
/// - save() takes its base from the Case: the version it was loaded (or last saved) at. It
///   writes only if the stored history is *exactly* the case's first loaded_version() events
///   (same count, same events); otherwise ConflictError, nothing written. A history that differs
///   is never appended to, even when it is longer. On success the case's loaded version moves on.
/// - import_event_log() never merges histories: a case absent from the store is created, one
///   whose stored history is a prefix of the log's is extended, any other is reported.
/// - Several processes may share one database; one CaseStore object is not meant to be used by
///   two threads at once.
/// - A failure that may pass (connection refused or lost, timeout, serialization failure,
///   deadlock) throws TransientError and writes nothing: retry the operation.
class CaseStore {
 public:
  /// Options of a store.
  struct Options {
    /// synchronous=FULL (true: a commit survives power loss) or NORMAL (survives a process
    /// crash, not a power loss; faster).
    bool durable = true;
    /// How long to wait for another writer's lock, in milliseconds.
    int busy_timeout_ms = 10'000;
    /// Open read-only: no schema creation or upgrade, writes throw IoError. Works in a read-only
    /// folder too (SQLite's `mode=ro`, else `immutable=1` when the folder holds no WAL file).
    bool read_only = false;
    /// PostgreSQL: abort any statement running longer than this, in milliseconds (0: the
    /// server's setting); it then throws TransientError.
    int statement_timeout_ms = 0;
    /// PostgreSQL: how long to wait for the server when connecting, in seconds.
    int connect_timeout_s = 10;
  };
  /// The SQLite `application_id` of a vaekit case store ("VAEK").
  static constexpr std::int32_t application_id = 0x5641454B;
  /// The schema version, also SQLite's `user_version` (CaseStore.1 files are upgraded on open).
  static constexpr int schema_version = 2;

  /// Opens (creating if needed) the store at @p path_or_url (a path or a URL, see StoreUrl);
  /// throws IoError (TransientError when the server cannot be reached), or SchemaError when the
  /// database is not a vaekit case store (it is left untouched) or is newer than this vaekit.
  explicit CaseStore(const std::filesystem::path& path_or_url);
  /// Opens the store at @p path_or_url with @p options; throws like CaseStore(path_or_url).
  CaseStore(const std::filesystem::path& path_or_url, Options options);
  /// Opens the store at @p url with @p options; throws like CaseStore(path_or_url).
  CaseStore(const StoreUrl& url, Options options);
  /// Closes the database.
  ~CaseStore();
  CaseStore(const CaseStore&) = delete;             ///< Not copyable.
  CaseStore& operator=(const CaseStore&) = delete;  ///< Not copyable.
  /// Movable.
  CaseStore(CaseStore&&) noexcept;
  /// Movable.
  CaseStore& operator=(CaseStore&&) noexcept;

  /// The database file (SQLite), or the redacted URL (PostgreSQL).
  [[nodiscard]] const std::filesystem::path& path() const noexcept;
  /// Where the store is.
  [[nodiscard]] const StoreUrl& url() const noexcept;
  /// "sqlite" or "postgresql".
  [[nodiscard]] std::string_view backend_name() const noexcept;
  /// The regimes used to check events (built-in by default).
  void set_regimes(RegimeSet regimes);

  /// The version of @p case_id (its number of events; 0 when absent).
  [[nodiscard]] std::int64_t version(const std::string& case_id) const;
  /// Whether the case exists.
  [[nodiscard]] bool contains(const std::string& case_id) const { return version(case_id) > 0; }
  /// The case with all its events, its loaded_version() set to the stored version; throws
  /// NotFound.
  [[nodiscard]] Case load(const std::string& case_id) const;
  /// Saves @p c: in one transaction, checks that the stored history is exactly the case's first
  /// `base` events (`base` = @p expected_version, by default c.loaded_version()), appends the
  /// events past them and sets c's loaded version to the new version, which it returns.
  /// Throws ConflictError (stored version differs from `base`, or same count but other events),
  /// TransitionError or IoError, writing nothing then.
  std::int64_t save(Case& c, std::optional<std::int64_t> expected_version = std::nullopt);
  /// Appends @p events to @p case_id in one transaction and returns the new version; throws
  /// ConflictError (stale @p expected_version), TransitionError, InvalidArgument or IoError,
  /// writing nothing then.
  std::int64_t append(const std::string& case_id, std::span<const Event> events,
                      std::optional<std::int64_t> expected_version = std::nullopt);
  /// Appends to several cases in ONE transaction (all or nothing); returns the new versions.
  std::vector<std::int64_t> append_batch(std::span<const AppendRequest> batch);

  /// Imports the event-log file @p log: reads and folds it once (every event checked), then
  /// writes the cases options.batch_cases per transaction, storing each event's line as read.
  /// Strict mode writes nothing when the log has a bad record or refused event (ParseError,
  /// TransitionError). A case already stored is extended only when its stored history is a
  /// prefix of the log's; otherwise it is listed in ImportReport::conflicts and left as it is.
  ImportReport import_event_log(const std::filesystem::path& log,
                                const ImportOptions& options = {});

  /// Summaries of the cases matching @p q, by case id.
  [[nodiscard]] std::vector<CaseSummary> query(const CaseQuery& q = {}) const;
  /// The summary of one case; throws NotFound.
  [[nodiscard]] CaseSummary summary(const std::string& case_id) const;
  /// Number of cases.
  [[nodiscard]] std::int64_t case_count() const;
  /// Number of events.
  [[nodiscard]] std::int64_t event_count() const;
  /// Writes every event as an event log v1 (header source "vaekit.store"), atomically, in
  /// commit order (so each case's events are in time order); returns the number of events.
  /// Every stored line is parsed before it is copied: a corrupt row throws ParseError naming
  /// the case and its seq, and the output file is not written.
  std::int64_t export_event_log(const std::filesystem::path& out) const;
  /// Checks the store; returns "ok" or the problems found: SQLite's integrity check, then on
  /// both backends that every case's version is its number of events.
  [[nodiscard]] std::string integrity_check() const;

  /// Copies the store at @p src into the store at @p dst (created if needed), in ONE
  /// destination transaction: every stored event is parsed and checked against the transition
  /// table, the events are written in the source's commit order (so that both stores export the
  /// same bytes) and the counts (cases, events, sum of versions) are checked after the copy.
  /// A destination holding cases is refused (IoError, untouched) unless
  /// MigrateOptions::allow_non_empty. Throws like the constructors and writes nothing on error.
  static MigrateReport migrate(const StoreUrl& src, const StoreUrl& dst,
                               const MigrateOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaekit
