#pragma once
/// @file
/// @brief CaseStore: the durable, embedded case store on SQLite (WAL), with transactional appends,
/// optimistic concurrency, queries and export of the event log v1.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaekit/core/error.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event_log.hpp"

namespace vaekit {

/// A concurrent writer changed the case first: the expected version is stale;
/// `vaekit.ConflictError` in Python. Reload the case and retry.
class ConflictError : public Error {
 public:
  /// Conflict on @p case_id: @p expected was given, @p actual is stored.
  ConflictError(std::string case_id, std::int64_t expected, std::int64_t actual);
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

/// Events to append to one case, with the version the writer last saw.
struct AppendRequest {
  std::string case_id;                           ///< The case (created by its first event).
  std::optional<std::int64_t> expected_version;  ///< The version last seen (0: a new case);
                                                 ///< std::nullopt: no concurrency check.
  std::vector<Event> events;                     ///< The events, in order.
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

/// The durable case store: cases as event lists in a SQLite database (WAL mode).
///
/// Appends run in one transaction each (BEGIN IMMEDIATE ... COMMIT): every event is checked
/// against the transition table first; a batch is all or nothing; a writer killed mid-batch leaves
/// no half batch visible and loses no committed event. Optimistic concurrency: each case has a
/// version (its event count); an append naming a stale expected version throws ConflictError and
/// writes nothing. Several processes may share a database; one CaseStore object is not meant to be
/// used by two threads at once.
class CaseStore {
 public:
  /// Options of a store.
  struct Options {
    /// synchronous=FULL (true: a commit survives power loss) or NORMAL (survives a process
    /// crash, not a power loss; faster).
    bool durable = true;
    /// How long to wait for another writer's lock, in milliseconds.
    int busy_timeout_ms = 10'000;
    /// Open read-only (no schema creation; writes throw IoError).
    bool read_only = false;
  };
  /// Opens (creating if needed) the store at @p path; throws IoError.
  explicit CaseStore(const std::filesystem::path& path);
  /// Opens the store at @p path with @p options; throws IoError.
  CaseStore(const std::filesystem::path& path, Options options);
  /// Closes the database.
  ~CaseStore();
  CaseStore(const CaseStore&) = delete;             ///< Not copyable.
  CaseStore& operator=(const CaseStore&) = delete;  ///< Not copyable.
  /// Movable.
  CaseStore(CaseStore&&) noexcept;
  /// Movable.
  CaseStore& operator=(CaseStore&&) noexcept;

  /// The database file.
  [[nodiscard]] const std::filesystem::path& path() const noexcept;
  /// The regimes used to check events (built-in by default).
  void set_regimes(RegimeSet regimes);

  /// The version of @p case_id (its number of events; 0 when absent).
  [[nodiscard]] std::int64_t version(const std::string& case_id) const;
  /// Whether the case exists.
  [[nodiscard]] bool contains(const std::string& case_id) const { return version(case_id) > 0; }
  /// The case with all its events; throws NotFound.
  [[nodiscard]] Case load(const std::string& case_id) const;
  /// Appends @p events to @p case_id in one transaction and returns the new version; throws
  /// ConflictError (stale @p expected_version), TransitionError, InvalidArgument or IoError,
  /// writing nothing then.
  std::int64_t append(const std::string& case_id, std::span<const Event> events,
                      std::optional<std::int64_t> expected_version = std::nullopt);
  /// Appends to several cases in ONE transaction (all or nothing); returns the new versions.
  std::vector<std::int64_t> append_batch(std::span<const AppendRequest> batch);

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
  std::int64_t export_event_log(const std::filesystem::path& out) const;
  /// Runs SQLite's integrity check; returns "ok" or the problems found.
  [[nodiscard]] std::string integrity_check() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaekit
