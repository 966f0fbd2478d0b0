// Personal data in published outputs (issue 11, section 3): keyed pseudonyms in the report's
// workload, a neutral XES log name, exports limited to the event vocabulary unless free text is
// asked for, pseudonym keys of at least 32 bytes.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/process.hpp"
#include "vaekit/analytics/pseudonym.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_records.hpp"

using namespace vaekit;

namespace {

// Staff and case identifiers are e-mail addresses; free text and unknown fields hold a name and
// a phone number; the header's source is a path under a user's home.
constexpr const char* kFreeText = "Marie DUPONT 06 12 34 56 78";
const std::vector<std::string> kRawIds = {"marie.dupont@example.org", "jean.martin@example.org",
                                          "paul.durand@example.org", "case-of-lea.petit@mail.fr"};
const std::vector<std::string> kPersonal = {"Marie",        "DUPONT",    "06 12 34 56 78",
                                            "marie.dupont", "lea.petit", "/home/"};

std::string personal_log() {
  std::string s =
      R"({"schema":"EventLog.1","source":"/home/marie.dupont/exports/log.jsonl","owner":")" +
      std::string(kFreeText) + "\"}\n";
  auto line = [&](const std::string& c, const char* at, const char* ev, const char* role,
                  const std::string& staff, const std::string& data, const std::string& extra) {
    s += R"({"case":")" + c + R"(","at":")" + at + R"(","event":")" + ev + R"(","role":")" + role +
         R"(","antenne":"IDF-75A")";
    if (!staff.empty()) s += R"(,"staff":")" + staff + "\"";
    if (!data.empty()) s += R"(,"data":)" + data;
    s += extra + "}\n";
  };
  const std::string note = std::string(R"(,"note":")") + kFreeText + "\"";
  for (int i = 0; i < 30; ++i) {
    const std::string c = i == 0 ? kRawIds[3] : "C" + std::to_string(i);
    const std::string& staff = kRawIds[static_cast<std::size_t>(i % 3)];
    line(c, "2024-01-08", "received", "assistant", staff, R"({"channel":"phone"})", "");
    line(c, "2024-01-15", "appointment_held", "counsellor", staff,
         std::string(R"({"minutes":60,"comment":")") + kFreeText + "\"}", note);
    line(c, "2024-01-16", "admissibility_sent", "counsellor", staff,
         std::string(R"({"certifier":")") + kFreeText + "\"}", "");
    line(c, "2024-02-01", "dropped_out", "counsellor", staff,
         std::string(R"({"reason":")") + kFreeText + "\"}", "");
  }
  return s;
}

const PseudonymKey& test_key() {
  static const PseudonymKey k("a test key of 32 bytes: 01234567");
  return k;
}

/// A fresh temporary folder, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("vaekit-personal-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

/// Every raw id and personal string found in @p text (empty: clean).
std::vector<std::string> leaks(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& s : kRawIds)
    if (text.find(s) != std::string::npos) found.push_back(s);
  for (const auto& s : kPersonal)
    if (text.find(s) != std::string::npos) found.push_back(s);
  return found;
}

}  // namespace

TEST_CASE("personal: the test log holds the personal data the outputs must not carry") {
  // Guards the scans below: the input does contain every string they look for.
  const std::string text = personal_log();
  CHECK(leaks(text).size() == kRawIds.size() + kPersonal.size());
  const auto log = EventLog::parse(text, "personal.jsonl");
  CHECK(log.size() == 120);
}

TEST_CASE("personal: keys shorter than 32 bytes are refused, from bytes, file and environment") {
  // RFC 2104 section 3: a key shorter than the hash output (32 bytes for SHA-256) is discouraged.
  CHECK(PseudonymKey::min_bytes == 32);
  CHECK_THROWS_AS(PseudonymKey(std::string(16, 'k')), InvalidArgument);
  CHECK_THROWS_AS(PseudonymKey(std::string(31, 'k')), InvalidArgument);
  CHECK_NOTHROW(PseudonymKey(std::string(32, 'k')));
  try {
    (void)PseudonymKey("secret-sixteen-b");
    FAIL("a 16-byte key was accepted");
  } catch (const InvalidArgument& e) {
    const std::string what = e.what();
    CHECK(what.find("32 bytes") != std::string::npos);
    CHECK(what.find("16") != std::string::npos);
    CHECK(what.find("secret-sixteen-b") == std::string::npos);  // never the key itself
  }
  TempDir dir;
  const auto file = dir.path / "short.key";
  write_file_atomic(file, "0123456789abcdef0123\n");
  try {
    (void)PseudonymKey::from_file(file);
    FAIL("a 20-byte key file was accepted");
  } catch (const InvalidArgument& e) {
    const std::string what = e.what();
    CHECK(what.find(file.string()) != std::string::npos);
    CHECK(what.find("0123456789abcdef0123") == std::string::npos);
  }
  write_file_atomic(dir.path / "good.key", std::string(32, 'x') + "\r\n");
  CHECK(PseudonymKey::from_file(dir.path / "good.key").pseudonym("case", "C1") ==
        PseudonymKey(std::string(32, 'x')).pseudonym("case", "C1"));
  ::setenv("VAEKIT_TEST_SHORT_KEY", "too-short", 1);
  try {
    (void)PseudonymKey::from_env("VAEKIT_TEST_SHORT_KEY");
    FAIL("a short key in the environment was accepted");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("VAEKIT_TEST_SHORT_KEY") != std::string::npos);
  }
  ::unsetenv("VAEKIT_TEST_SHORT_KEY");
}

TEST_CASE("personal: the published report names staff only by keyed pseudonym") {
  const auto log = EventLog::parse(personal_log(), "personal.jsonl");
  const ActivityReport exact = ActivityReport::compute(log, {0});
  const ActivityReport published = pseudonymise(exact, test_key());
  // The workload keeps its counts under the pseudonyms (kind "staff", see pseudonym.hpp).
  REQUIRE(published.workload().size() == exact.workload().size());
  for (const auto& [k, v] : exact.workload()) {
    const auto it = published.workload().find({test_key().pseudonym("staff", k.first), k.second});
    REQUIRE(it != published.workload().end());
    CHECK(it->second == v);
  }
  CHECK(published.funnel_counts() == exact.funnel_counts());
  // Every published output (report.json and the four CSV tables), with and without suppression.
  for (std::int64_t threshold : {0, 11, 100}) {
    ActivityReport r = published;
    r.set_threshold(threshold);
    TempDir dir;
    r.write(dir.path);
    for (const char* name :
         {"report.json", "funnel.csv", "durations.csv", "monthly.csv", "workload.csv"}) {
      INFO(name << " at threshold " << threshold);
      CHECK(leaks(read_text_file(dir.path / name)).empty());
    }
    CHECK(leaks(r.to_json().dump()).empty());
  }
  // The exact report (internal use) does hold the raw ids: the scan would have seen them.
  TempDir raw;
  exact.write(raw.path);
  CHECK_FALSE(leaks(read_text_file(raw.path / "workload.csv")).empty());
  // Pseudonymised reports of disjoint parts merge into the pseudonymised report of the whole.
  ActivityReport merged = pseudonymise(ActivityReport::compute(log, {0}), test_key());
  merged.merge(ActivityReport{});
  CHECK(merged == published);
}

TEST_CASE("personal: the XES log name is never a path") {
  auto name_of = [](const std::string& header_line) {
    const auto log = EventLog::parse(header_line + R"(
{"case":"C1","at":"2024-01-08","event":"received","role":"assistant"}
)");
    TempDir dir;
    write_xes(log, dir.path / "log.xes");
    const std::string xes = read_text_file(dir.path / "log.xes");
    const std::string tag = "\n<string key=\"concept:name\" value=\"";
    const auto at = xes.find(tag);
    REQUIRE(at != std::string::npos);
    const auto from = at + tag.size();
    return xes.substr(from, xes.find('"', from) - from);
  };
  CHECK(name_of(R"({"schema":"EventLog.1","source":"/home/marie.dupont/x.jsonl"})") ==
        "vaekit event log");
  CHECK(name_of(R"({"schema":"EventLog.1","source":"C:\\Users\\mdupont\\log"})") ==
        "vaekit event log");
  CHECK(name_of(R"({"schema":"EventLog.1","source":"export-2024.jsonl"})") == "vaekit event log");
  CHECK(name_of(R"({"schema":"EventLog.1","source":"~mdupont"})") == "vaekit event log");
  CHECK(name_of(R"({"schema":"EventLog.1"})") == "vaekit event log");
  CHECK(name_of("") == "vaekit event log");
  CHECK(name_of(R"({"schema":"EventLog.1","source":"vaekit.store"})") == "vaekit.store");
  CHECK(name_of(R"({"schema":"EventLog.1","source":"simulation idf-2014"})") ==
        "simulation idf-2014");
}

TEST_CASE("personal: exports carry only the event vocabulary, free text only when asked") {
  const std::string text = personal_log();
  const auto log = EventLog::parse(text, "personal.jsonl");
  const auto pseudo = pseudonymise(log, test_key());
  TempDir dir;
  write_xes(pseudo, dir.path / "log.xes");
  write_ocel(pseudo, dir.path / "log.ocel.json");
  for (const char* name : {"log.xes", "log.ocel.json"}) {
    INFO(name);
    const std::string out = read_text_file(dir.path / name);
    CHECK(leaks(out).empty());
    CHECK(out.find(test_key().pseudonym("staff", kRawIds[0])) != std::string::npos);
    CHECK(out.find("comment") == std::string::npos);
    CHECK(out.find("certifier") == std::string::npos);
  }
  // The allow-list holds no free-text field of the vocabulary.
  CHECK(is_export_data_field("channel"));
  CHECK_FALSE(is_export_data_field("reason"));
  CHECK_FALSE(is_export_data_field("certifier"));
  CHECK_FALSE(is_export_data_field("comment"));

  // Asked for explicitly, with the same log read by the pathway reader: the free text is there.
  const EventRecords rows = parse_event_log(text, "personal.jsonl");
  ExportOptions with_text;
  with_text.include_free_text = true;
  with_text.events = rows.events;
  write_xes(pseudo, dir.path / "text.xes", with_text);
  write_ocel(pseudo, dir.path / "text.ocel.json", with_text);
  for (const char* name : {"text.xes", "text.ocel.json"}) {
    INFO(name);
    const std::string out = read_text_file(dir.path / name);
    CHECK(out.find(kFreeText) != std::string::npos);
    CHECK(out.find("data.comment") != std::string::npos);
    CHECK(out.find("\"reason\"") != std::string::npos);
    for (const auto& id : kRawIds) CHECK(out.find(id) == std::string::npos);
  }
  // free_text_fields, worked by hand on one event.
  const Event& e = rows.events[1];  // appointment_held with data.comment and a top-level note
  const auto f = free_text_fields(e);
  REQUIRE(f.size() == 2);
  CHECK(f[0] == std::pair<std::string, std::string>{"data.comment", kFreeText});
  CHECK(f[1] == std::pair<std::string, std::string>{"note", kFreeText});
  // Asking without the events (or with other events) is refused.
  ExportOptions missing;
  missing.include_free_text = true;
  CHECK_THROWS_AS(write_xes(pseudo, dir.path / "x.xes", missing), InvalidArgument);
  missing.events = std::span<const Event>(rows.events).first(3);
  CHECK_THROWS_AS(write_ocel(pseudo, dir.path / "x.json", missing), InvalidArgument);
  CHECK_FALSE(std::filesystem::exists(dir.path / "x.xes"));
}
