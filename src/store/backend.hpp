#pragma once
// The storage interface behind CaseStore (private to src/store): the SQL of one database
// engine, nothing of the contract. CaseStore (case_store.cpp) keeps the contract once for both
// engines: it checks every event against the transition table, compares versions and histories
// and decides what to write; a backend only reads and writes rows inside the transactions it is
// told to open. Two implementations: sqlite_backend.cpp and postgres_backend.cpp.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/store/case_store.hpp"

namespace vaekit::store_detail {

/// One row of `events`.
struct EventRow {
  std::string_view case_id;
  std::int64_t seq = 0;    // 1-based position in the case's history
  std::int64_t day = 0;    // days since the epoch of the event's date
  std::string_view event;  // the event kind's name
  std::string_view line;   // the event-log v1 line
};

/// One row of `cases` (the folded summary written with a case's events).
struct CaseRow {
  std::string case_id;
  std::int64_t version = 0;
  std::string_view stage;
  std::string_view side;
  std::string antenne;  // kept when the stored row already names one
  std::string certification;
  std::int64_t last_day = 0;
  std::optional<std::int64_t> due_day;
};

/// A stored event's line and its seq.
struct StoredLine {
  std::int64_t seq = 0;
  std::string line;
};

/// How a write transaction excludes the other writers.
enum class WriteLock {
  cases,  // the writers of the same cases wait for each other (save, append_batch)
  store,  // every other writer waits (import, migrate): SQLite's BEGIN IMMEDIATE on both
};

class Backend {
 public:
  virtual ~Backend() = default;
  /// The path or redacted URL, for messages.
  [[nodiscard]] virtual const std::string& where() const noexcept = 0;
  [[nodiscard]] virtual bool read_only() const noexcept = 0;

  /// Opens a write transaction that holds the write lock of @p case_ids (sorted, unique) or of
  /// the whole store; the reads that follow see every transaction committed before.
  virtual void begin_write(std::span<const std::string> case_ids, WriteLock lock) = 0;
  /// Opens a read transaction: every read until commit() sees one snapshot.
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  [[nodiscard]] virtual std::int64_t version(const std::string& case_id) = 0;
  /// The versions of @p case_ids (0 when absent), in the same order.
  [[nodiscard]] virtual std::vector<std::int64_t> versions(std::span<const std::string> ids) = 0;
  /// The stored lines of a case, by seq.
  [[nodiscard]] virtual std::vector<StoredLine> lines(const std::string& case_id) = 0;
  [[nodiscard]] virtual std::vector<CaseSummary> query(const CaseQuery& q) = 0;
  [[nodiscard]] virtual std::optional<CaseSummary> summary(const std::string& case_id) = 0;
  [[nodiscard]] virtual std::int64_t case_count() = 0;
  [[nodiscard]] virtual std::int64_t event_count() = 0;
  /// The sum of the cases' versions.
  [[nodiscard]] virtual std::int64_t version_sum() = 0;
  /// Every event in commit order (by id): @p row gets case_id, seq and line.
  virtual void scan(
      const std::function<void(std::string_view, std::int64_t, std::string_view)>& row) = 0;
  /// The engine's own check ("ok" when it has none), before the version check of CaseStore.
  [[nodiscard]] virtual std::string engine_check() = 0;
  /// The cases whose version is not their number of events (at most 10 ids).
  [[nodiscard]] virtual std::vector<std::string> version_mismatches() = 0;

  /// Writes events (inside a write transaction).
  virtual void insert_events(std::span<const EventRow> rows) = 0;
  /// Inserts or updates case rows (each case at most once per call).
  virtual void upsert_cases(std::span<const CaseRow> rows) = 0;
  /// Inserts rows of cases known to be absent, under WriteLock::store (a faster path for
  /// imports and migrations; upsert_cases() where the backend has none).
  virtual void insert_cases(std::span<const CaseRow> rows) { upsert_cases(rows); }
};

std::unique_ptr<Backend> open_sqlite(const StoreUrl& url, const CaseStore::Options& options);
std::unique_ptr<Backend> open_postgres(const StoreUrl& url, const CaseStore::Options& options);

/// A case summary from the text of its stage and side columns.
CaseSummary make_summary(std::string case_id, std::int64_t version, std::string_view stage,
                         std::string_view side, std::string antenne, std::string certification,
                         std::int64_t last_day, std::optional<std::int64_t> due_day);

}  // namespace vaekit::store_detail
