// The store's concurrency contract (issue 11): save() appends only onto exactly the history a
// case was loaded with; import never merges histories; a read-only store opens in a read-only
// folder.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store_backends.hpp"
#include "test_support.hpp"
#include "vaekit/pathway/event_records.hpp"
#include "vaekit/store/case_store.hpp"

using namespace vaekit;

namespace {

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("vaekit-store-contract-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

Event ev(EventKind k, Date d, Role r) {
  Event e;
  e.at = Timestamp(d);
  e.kind = k;
  e.role = r;
  if (k == EventKind::received) {
    e.data.channel = Channel::phone;
    e.antenne = "IDF-75A";
  }
  return e;
}

// received, informed, appointment_booked (a case at stage "informed"... then booked).
Case opened(const std::string& id, Date d) {
  Case c(id);
  c.record(ev(EventKind::received, d, Role::assistant));
  c.record(ev(EventKind::informed, d, Role::assistant));
  return c;
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::string line(const std::string& id, const std::string& at, const std::string& event,
                 const std::string& role, const std::string& more = "") {
  return R"({"case":")" + id + R"(","at":")" + at + R"(","event":")" + event + R"(","role":")" +
         role + "\"" + more + "}\n";
}

}  // namespace

TEST_CASE("store contract: two handles, both load, both save: the second is refused, not lost") {
  // The lost update of issue 11: save() used to take the store's current version as the base.
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "lost");
  if (db.empty()) return;
  CaseStore a(db);
  CaseStore b(db);
  Case c = opened("C1", Date(2021, 3, 1));
  CHECK(c.loaded_version() == 0);
  CHECK(a.save(c) == 2);
  CHECK(c.loaded_version() == 2);

  Case ca = a.load("C1");
  Case cb = b.load("C1");
  CHECK(ca.loaded_version() == 2);
  ca.record(ev(EventKind::appointment_missed, Date(2021, 3, 8), Role::assistant));
  cb.record(ev(EventKind::appointment_held, Date(2021, 3, 9), Role::counsellor));
  CHECK(a.save(ca) == 3);
  try {
    b.save(cb);
    FAIL("the second save was accepted");
  } catch (const ConflictError& e) {
    CHECK(e.case_id() == "C1");
    CHECK(e.expected() == 2);
    CHECK(e.actual() == 3);
  }
  CHECK(cb.loaded_version() == 2);  // unchanged by the refusal
  // The pattern of the old docs (expected = the store's current version) is refused too: the
  // stored third event is not the case's third event.
  CHECK_THROWS_AS(b.save(cb, b.version("C1")), ConflictError);
  CHECK(a.version("C1") == 3);
  // Reload, redo, save: both events are kept.
  Case again = b.load("C1");
  again.record(ev(EventKind::appointment_held, Date(2021, 3, 9), Role::counsellor));
  CHECK(b.save(again) == 4);
  const auto kinds = [&] {
    std::vector<EventKind> out;
    const Case loaded = a.load("C1");
    for (const Event& e : loaded.events()) out.push_back(e.kind);
    return out;
  }();
  CHECK(kinds == std::vector<EventKind>{EventKind::received, EventKind::informed,
                                        EventKind::appointment_missed,
                                        EventKind::appointment_held});
  // A second save of the same case object goes on from its new loaded version.
  again.record(ev(EventKind::appointment_missed, Date(2021, 3, 20), Role::assistant));
  CHECK(b.save(again) == 5);
}

TEST_CASE("store contract: a divergent history is never appended, even when longer") {
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "divergent");
  if (db.empty()) return;
  CaseStore store(db);
  Case stored = opened("C1", Date(2021, 3, 1));
  store.save(stored);
  // Built elsewhere: other events, and more of them (4 > 2), loaded version 0.
  Case other("C1");
  other.record(ev(EventKind::received, Date(2021, 4, 1), Role::assistant));
  other.record(ev(EventKind::informed, Date(2021, 4, 2), Role::assistant));
  other.record(ev(EventKind::appointment_missed, Date(2021, 4, 9), Role::assistant));
  other.record(ev(EventKind::appointment_missed, Date(2021, 4, 16), Role::assistant));
  CHECK_THROWS_AS(store.save(other), ConflictError);
  // Even naming the stored version: same count (2) but not the same events.
  try {
    store.save(other, 2);
    FAIL("a divergent history was appended");
  } catch (const ConflictError& e) {
    CHECK(e.expected() == 2);
    CHECK(e.actual() == 2);
    CHECK(std::string(e.what()).find("differ") != std::string::npos);
  }
  CHECK(store.version("C1") == 2);
  CHECK(store.load("C1") == stored);
  // A base past the case's own events is an argument error, not a write.
  CHECK_THROWS_AS(store.save(stored, 9), InvalidArgument);
  // Saving a case without events writes nothing, not even an empty case row.
  Case empty("C9");
  CHECK(store.save(empty) == 0);
  CHECK(store.case_count() == 1);
}

TEST_CASE("store contract: import creates, extends, leaves unchanged, reports conflicts") {
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "import");
  if (db.empty()) return;
  const auto dir = fresh_dir("import-" + backend);
  CaseStore store(db);
  const std::string header = R"({"schema":"EventLog.1","source":"test"})"
                             "\n";
  const std::string c1a = line("C1", "2021-01-04", "received", "assistant",
                               R"(,"antenne":"IDF-75A","data":{"channel":"phone"})");
  const std::string c1b = line("C1", "2021-01-05", "informed", "assistant");
  const std::string c2a =
      line("C2", "2021-01-04", "received", "assistant", R"(,"data":{"channel":"online"})");
  write_text(dir / "one.jsonl", header + c1a + c2a + c1b);
  ImportOptions small;
  small.batch_cases = 1;  // one case per transaction: the batches' boundaries are exercised
  ImportReport r = store.import_event_log(dir / "one.jsonl", small);
  CHECK(r.records_read == 3);
  CHECK(r.cases_created == 2);
  CHECK(r.events_written == 3);
  CHECK(r.conflicts.empty());
  CHECK(store.version("C1") == 2);
  CHECK(store.summary("C1").antenne == "IDF-75A");
  CHECK(store.load("C1").stage() == Stage::reception);
  // The same log again: nothing written.
  r = store.import_event_log(dir / "one.jsonl");
  CHECK(r.cases_unchanged == 2);
  CHECK(r.events_written == 0);
  // A longer log whose C1 starts with the stored events: extended. C2 differs: conflict, even
  // though the log's C2 is longer than the stored one (issue 11: it used to be glued on).
  const std::string c1c = line("C1", "2021-01-11", "appointment_missed", "assistant");
  const std::string c2x =
      line("C2", "2021-02-01", "received", "assistant", R"(,"data":{"channel":"phone"})") +
      line("C2", "2021-02-01", "informed", "assistant") +
      line("C2", "2021-02-08", "appointment_missed", "assistant");
  write_text(dir / "two.jsonl", header + c1a + c1b + c1c + c2x);
  r = store.import_event_log(dir / "two.jsonl");
  CHECK(r.cases_extended == 1);
  CHECK(r.events_written == 1);
  CHECK(r.conflicts == std::vector<std::string>{"C2"});
  CHECK(store.version("C1") == 3);
  CHECK(store.version("C2") == 1);
  CHECK(store.load("C2").events().front().at == Timestamp(Date(2021, 1, 4)));
  // Strict: a refused event anywhere writes nothing at all.
  write_text(dir / "bad.jsonl", header + line("C3", "2021-01-04", "informed", "assistant"));
  CHECK_THROWS_AS(store.import_event_log(dir / "bad.jsonl"), TransitionError);
  CHECK(store.version("C3") == 0);
  // Lenient: the refused event is a reject; the rest is imported.
  write_text(
      dir / "mixed.jsonl",
      header + line("C4", "2021-01-04", "received", "assistant", R"(,"data":{"channel":"phone"})") +
          line("C4", "2021-01-05", "jury_held", "jury", R"(,"data":{"result":"full"})") +
          "not json\n");
  ImportOptions lenient;
  lenient.mode = ReadMode::lenient;
  r = store.import_event_log(dir / "mixed.jsonl", lenient);
  CHECK(r.records_read == 3);
  CHECK(r.rejects.size() == 2);
  CHECK(r.cases_created == 1);
  CHECK(store.version("C4") == 1);
  // Every stored line exports and reads back.
  CHECK(store.export_event_log(dir / "out.jsonl") == 5);
  CHECK(read_event_log(dir / "out.jsonl").events.size() == 5);
}

TEST_CASE("store contract: a read-only store opens in a read-only folder") {
  const auto dir = fresh_dir("rofolder");
  const auto db = dir / "cases.db";
  {
    CaseStore store(db);
    Case c = opened("C1", Date(2021, 3, 1));
    store.save(c);
  }  // the last connection checkpoints and removes -wal and -shm
  REQUIRE_FALSE(std::filesystem::exists(db.string() + "-wal"));
  ::chmod(db.c_str(), 0444);
  ::chmod(dir.c_str(), 0555);
  ::chmod(dir.parent_path().c_str(), 0755);
  // root ignores file modes: the check runs in a child that drops to nobody (65534).
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) _exit(10);
      // The folder really is read-only for this process.
      if (::access(dir.c_str(), W_OK) == 0) _exit(11);
      CaseStore::Options o;
      o.read_only = true;
      CaseStore store(db, o);
      code = store.version("C1") == 2 && store.load("C1").events().size() == 2 ? 0 : 12;
      try {
        Case c = store.load("C1");
        c.record(ev(EventKind::appointment_missed, Date(2021, 3, 8), Role::assistant));
        store.save(c);
        code = 13;
      } catch (const IoError&) {
      }
    } catch (...) {
      code = 14;
    }
    _exit(code);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  ::chmod(dir.c_str(), 0755);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("store contract: a SQLite file that is not a case store is refused untouched") {
  const auto dir = fresh_dir("foreign");
  // An empty file is a new store; a file of other bytes is refused.
  write_text(dir / "junk.db", std::string(4096, 'x'));
  CHECK_THROWS_AS(CaseStore(dir / "junk.db"), Error);
  CHECK(std::filesystem::file_size(dir / "junk.db") == 4096);
  CaseStore::Options ro;
  ro.read_only = true;
  CHECK_THROWS_AS(CaseStore(dir / "absent.db", ro), IoError);
}

TEST_CASE("store contract: many cases per transaction, created then extended") {
  // Batches of more than a few cases take the bulk paths (PostgreSQL: COPY into cases for new
  // cases, a staging table and one INSERT ... ON CONFLICT for the others).
  const std::string backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  const std::string db = test::fresh_store(backend, "bulk");
  if (db.empty()) return;
  const auto dir = fresh_dir("bulk-" + backend);
  const std::string header = R"({"schema":"EventLog.1","source":"test"})"
                             "\n";
  std::string first, second;
  for (int k = 0; k < 12; ++k) {
    const std::string id = "K" + std::to_string(k);
    first += line(id, "2021-01-04", "received", "assistant",
                  R"(,"antenne":"A)" + std::to_string(k % 3) + R"(","data":{"channel":"phone"})");
  }
  second = first;
  for (int k = 0; k < 12; ++k) {
    second += line("K" + std::to_string(k), "2021-01-05", "informed", "assistant");
  }
  write_text(dir / "one.jsonl", header + first);
  write_text(dir / "two.jsonl", header + second);
  CaseStore store(db);
  CHECK(store.import_event_log(dir / "one.jsonl").cases_created == 12);
  const ImportReport r = store.import_event_log(dir / "two.jsonl");
  CHECK(r.cases_extended == 12);
  CHECK(r.events_written == 12);
  CaseQuery a1;
  a1.antenne = "A1";
  const auto rows = store.query(a1);
  REQUIRE(rows.size() == 4);
  for (const auto& s : rows) {
    CHECK(s.version == 2);
    CHECK(s.stage == Stage::reception);
    CHECK(s.antenne == "A1");  // kept from the first event naming one
  }
  // append_batch over 12 cases, each written twice in the batch: one row per case.
  std::vector<AppendRequest> batch;
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < 12; ++k) {
      batch.push_back(
          {"K" + std::to_string(k),
           2 + round,
           {ev(EventKind::appointment_booked, Date(2021, 1, 6 + round), Role::assistant)}});
    }
  }
  const auto versions = store.append_batch(batch);
  CHECK(versions.back() == 4);
  CHECK(store.summary("K11").version == 4);
  CHECK(store.summary("K11").antenne == "A2");
  CHECK(store.event_count() == 48);
  CHECK(store.integrity_check() == "ok");
}
