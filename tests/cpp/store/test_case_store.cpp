// The SQLite case store: appends, optimistic concurrency, atomic batches, queries, export, and
// the kill -9 test (a writer killed repeatedly mid-batch loses nothing committed, shows no half
// batch).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store_backends.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/store/case_store.hpp"

using namespace vaekit;

namespace {

std::filesystem::path fresh_db(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() / ("vaekit-store-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p;
}

Event ev(EventKind k, Date d, Role r, std::string antenne = "IDF-75A") {
  Event e;
  e.at = Timestamp(d);
  e.kind = k;
  e.role = r;
  e.antenne = std::move(antenne);
  if (k == EventKind::received) e.data.channel = Channel::phone;
  if (k == EventKind::certification_chosen) e.certification = "RNCP36004";
  if (k == EventKind::oriented) e.data.to = OrientationTarget::vae;
  if (k == EventKind::jury_held) e.data.result = JuryResult::full;
  return e;
}

std::vector<Event> opening(Date d, const std::string& antenne = "IDF-75A") {
  return {ev(EventKind::received, d, Role::assistant, antenne),
          ev(EventKind::appointment_held, d + 7, Role::counsellor, antenne),
          ev(EventKind::certification_chosen, d + 7, Role::counsellor, antenne),
          ev(EventKind::oriented, d + 7, Role::counsellor, antenne)};
}

CaseQuery by_antenne(std::string a) {
  CaseQuery q;
  q.antenne = std::move(a);
  return q;
}
CaseQuery by_stage(Stage s) {
  CaseQuery q;
  q.stage = s;
  return q;
}
CaseQuery due_by(Date d) {
  CaseQuery q;
  q.due_by = d;
  return q;
}

}  // namespace

TEST_CASE("store: append, load, versions, conflicts") {
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "basic");
  if (db.empty()) return;
  CaseStore store(db);
  CHECK(store.version("C1") == 0);
  CHECK_THROWS_AS(store.load("C1"), NotFound);
  const auto events = opening(Date(2018, 1, 8));
  CHECK(store.append("C1", events, 0) == 4);
  CHECK(store.version("C1") == 4);
  const Case c = store.load("C1");
  CHECK(c.stage() == Stage::oriented);
  CHECK(c.events().size() == 4);
  // A stale writer gets a conflict, never a lost update.
  const std::vector<Event> more{
      ev(EventKind::admissibility_started, Date(2018, 2, 1), Role::counsellor)};
  try {
    store.append("C1", more, 3);
    FAIL("no conflict");
  } catch (const ConflictError& e) {
    CHECK(e.code() == ErrorCode::conflict);
    CHECK(e.expected() == 3);
    CHECK(e.actual() == 4);
  }
  CHECK(store.version("C1") == 4);
  CHECK(store.append("C1", more, 4) == 5);
  // An illegal event writes nothing.
  const std::vector<Event> bad{ev(EventKind::jury_held, Date(2018, 3, 1), Role::jury)};
  CHECK_THROWS_AS(store.append("C1", bad), TransitionError);
  CHECK(store.version("C1") == 5);
  // Two stores on the same file: the second sees the first's writes and conflicts properly.
  CaseStore other(db);
  CHECK(other.version("C1") == 5);
  const std::vector<Event> sent{
      ev(EventKind::admissibility_sent, Date(2018, 3, 1), Role::counsellor)};
  CHECK(other.append("C1", sent, 5) == 6);
  CHECK_THROWS_AS(store.append("C1", sent, 5), ConflictError);
  // The first store's cached state is stale: it must reload, not accept a second send.
  CHECK_THROWS_AS(store.append("C1", sent), TransitionError);
  CHECK(store.load("C1").stage() == Stage::admissibility_sent);
  CHECK(store.integrity_check() == "ok");
}

TEST_CASE("store: a batch is all or nothing") {
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "batch");
  if (db.empty()) return;
  CaseStore store(db);
  std::vector<AppendRequest> batch;
  for (int i = 0; i < 5; ++i)
    batch.push_back({"B" + std::to_string(i), 0, opening(Date(2019, 1, 7))});
  batch.push_back(
      {"B0", 4, {ev(EventKind::admissibility_started, Date(2019, 2, 1), Role::counsellor)}});
  CHECK(store.append_batch(batch) == std::vector<std::int64_t>{4, 4, 4, 4, 4, 5});
  CHECK(store.event_count() == 21);
  std::vector<AppendRequest> broken{
      {"N1", 0, opening(Date(2019, 1, 7))},
      {"B1", 4, {ev(EventKind::jury_held, Date(2019, 5, 1), Role::jury)}}};
  CHECK_THROWS_AS(store.append_batch(broken), TransitionError);
  CHECK(store.version("N1") == 0);
  CHECK(store.event_count() == 21);
  std::vector<AppendRequest> stale{{"N2", 0, opening(Date(2019, 1, 7))}, {"B2", 3, {}}};
  CHECK_THROWS_AS(store.append_batch(stale), ConflictError);
  CHECK(store.version("N2") == 0);
}

TEST_CASE("store: queries by antenne, stage and due date; export of the event log v1") {
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "query");
  if (db.empty()) return;
  CaseStore store(db);
  store.append("A1", opening(Date(2018, 1, 8), "IDF-75A"));
  store.append("A2", opening(Date(2018, 1, 8), "IDF-93B"));
  auto sent = opening(Date(2018, 1, 8), "IDF-93B");
  sent.push_back(ev(EventKind::admissibility_started, Date(2018, 2, 1), Role::counsellor, ""));
  sent.push_back(ev(EventKind::admissibility_sent, Date(2018, 3, 1), Role::counsellor, ""));
  store.append("A3", sent);
  CHECK(store.case_count() == 3);
  CHECK(store.query(by_antenne("IDF-93B")).size() == 2);
  const auto s = store.query(by_stage(Stage::admissibility_sent));
  REQUIRE(s.size() == 1);
  CHECK(s[0].case_id == "A3");
  CHECK(s[0].due == Date(2018, 5, 1));  // decision due 2 months after sending
  CHECK(s[0].antenne == "IDF-93B");
  // Oriented cases fall due when inactive: 60 days after their last event (2018-01-15), counted
  // from 2025-08-01 when the France VAE inactivity rule came into force (issue 12): 2025-09-30.
  CHECK(store.summary("A1").due == Date(2025, 9, 30));
  CHECK(store.query(due_by(Date(2018, 5, 1))).size() == 1);
  CHECK(store.query(due_by(Date(2025, 9, 29))).size() == 1);
  CHECK(store.query(due_by(Date(2025, 9, 30))).size() == 3);
  const auto out = test::fresh_store_dir("query-export-" + backend) / "export.jsonl";
  CHECK(store.export_event_log(out) == 14);
  const auto log = read_event_log(out);
  CHECK(log.header.source == "vaekit.store");
  CHECK(log.events.size() == 14);
  const auto rep = replay(log);
  CHECK(rep.cases.size() == 3);
  CHECK(rep.cases[2].stage() == Stage::admissibility_sent);
}

namespace {

constexpr int kCasesPerBatch = 4;
constexpr int kEventsPerCase = 3;

// The writer: appends batches forever; each batch creates kCasesPerBatch new cases (3 events each,
// staff "B<n>") and adds one event to the shared case; reports each committed batch on the pipe.
[[noreturn]] void writer(const std::filesystem::path& db, int fd, int start) {
  try {
    CaseStore store(db);
    for (int b = start;; ++b) {
      std::vector<AppendRequest> batch;
      for (int k = 0; k < kCasesPerBatch; ++k) {
        AppendRequest r{"K" + std::to_string(b) + "-" + std::to_string(k), 0, {}};
        for (EventKind kind :
             {EventKind::received, EventKind::informed, EventKind::appointment_booked}) {
          Event e = ev(kind, Date(2020, 1, 6), Role::assistant);
          e.staff = "B" + std::to_string(b);
          r.events.push_back(std::move(e));
        }
        batch.push_back(std::move(r));
      }
      const std::int64_t v = store.version("SHARED");
      Event inf = ev(EventKind::informed, Date(2020, 1, 6), Role::assistant);
      inf.staff = "B" + std::to_string(b);
      batch.push_back({"SHARED", v, {inf}});
      store.append_batch(batch);
      const std::int32_t n = b;
      if (::write(fd, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) _exit(3);
    }
  } catch (...) {
    _exit(2);
  }
}

}  // namespace

TEST_CASE("store: survives kill -9 of a writer mid-batch, 60 times") {
  const auto db = fresh_db("kill.db");
  {
    CaseStore store(db);
    store.append("SHARED",
                 std::vector<Event>{ev(EventKind::received, Date(2020, 1, 6), Role::assistant)});
  }
  std::mt19937 rng(20240601);
  std::set<int> acknowledged;
  int next_batch = 0;
  int kills = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int round = 0; round < 60; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      writer(db, fds[1], next_batch);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 40)(rng)));
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));
    kills += WIFSIGNALED(status) ? 1 : 0;
    std::int32_t n = 0;
    while (::read(fds[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n)) acknowledged.insert(n);
    ::close(fds[0]);

    // Check the store after each kill.
    CaseStore store(db);
    REQUIRE(store.integrity_check() == "ok");
    const auto log = [&] {
      const auto out = db.parent_path() / "kill-export.jsonl";
      store.export_event_log(out);
      return read_event_log(out);
    }();
    std::map<std::string, int> per_batch;  // staff -> events
    for (const Event& e : log.events) {
      if (!e.staff.empty()) ++per_batch[e.staff];
    }
    // No half batch: every batch present has all its events.
    int max_batch = next_batch - 1;
    for (const auto& [staff, count] : per_batch) {
      INFO("batch " << staff);
      CHECK(count == kCasesPerBatch * kEventsPerCase + 1);
      max_batch = std::max(max_batch, std::stoi(staff.substr(1)));
    }
    // No committed batch lost.
    for (int b : acknowledged) {
      INFO("acknowledged batch " << b);
      CHECK(per_batch.count("B" + std::to_string(b)) == 1);
    }
    // The shared case holds exactly one event per committed batch.
    CHECK(store.version("SHARED") == 1 + static_cast<std::int64_t>(per_batch.size()));
    CHECK(replay(log).cases.size() == 1 + per_batch.size() * kCasesPerBatch);
    next_batch = max_batch + 1;
  }
  CHECK(kills == 60);
  CHECK(acknowledged.size() > 10);  // the writer did make progress between kills
  const auto elapsed = std::chrono::steady_clock::now() - started;
  WARN("kill test: 60 kills, "
       << acknowledged.size() << " batches acknowledged, "
       << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");
}
