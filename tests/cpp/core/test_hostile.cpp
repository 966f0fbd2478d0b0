// Hostile input to core: deep nesting, duplicate keys, invalid UTF-8, huge strings, personal data
// in messages, folders and empty files (issue 11, sections 2 and 3).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "test_support.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/json.hpp"

using vaekit::Json;
using vaekit::ParseError;

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += n;
  }
  return true;
}

std::filesystem::path temp_dir() {
  auto p = std::filesystem::temp_directory_path() /
           ("vaekit-hostile-" + std::to_string(static_cast<long>(::getpid())));
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace

TEST_CASE("hostile JSON: nesting deeper than the limit is a ParseError, not a stack overflow") {
  // Issue 11: '[' * 200000 + ']' * 200000 segfaulted every document reader.
  const std::string arrays = std::string(200000, '[') + std::string(200000, ']');
  std::string objects;
  for (int i = 0; i < 150000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(150000, '}');
  for (const std::string* text : std::initializer_list<const std::string*>{&arrays, &objects}) {
    try {
      (void)vaekit::parse_json(*text, "deep.json");
      FAIL("no exception");
    } catch (const ParseError& e) {
      CHECK(e.where().source == "deep.json");
      CHECK(e.where().line == 1);
      // The bracket that opens level json_max_depth + 1 (the first 256 are accepted).
      CHECK(e.where().column == (text == &arrays ? 257u : 5u * 256u + 1u));
      CHECK(std::string(e.what()).find("nested deeper than 256") != std::string::npos);
    }
    CHECK_THROWS_AS(vaekit::read_document<vaekit::FrenchCalendar>(*text, "deep.json"), ParseError);
  }
  // Exactly at the limit it reads.
  const std::string at_limit =
      std::string(vaekit::json_max_depth, '[') + std::string(vaekit::json_max_depth, ']');
  CHECK_NOTHROW(vaekit::parse_json(at_limit));
  CHECK_THROWS_AS(vaekit::parse_json("[" + at_limit + "]"), ParseError);
  // Brackets inside strings do not count.
  CHECK_NOTHROW(vaekit::parse_json("[\"" + std::string(1000, '[') + "\"]"));
}

TEST_CASE("hostile JSON: a key repeated in one object is refused, naming the object's path") {
  // Issue 11: "case":"C1","case":"C2" silently kept the last one.
  try {
    (void)vaekit::parse_json(R"({"case":"C1","at":"2024-01-02","case":"C2"})", "log");
    FAIL("no exception");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "case");
    CHECK(e.reason().find("duplicate key") != std::string::npos);
  }
  try {
    (void)vaekit::parse_json(R"({"closures":[{"first":1},{"first":1,"first":2}]})");
    FAIL("no exception");
  } catch (const ParseError& e) {
    CHECK(e.where().field == "closures[1].first");
  }
  const std::string two_schemas =
      R"({"schema":"FrenchCalendar.1","region":"metropolitan","schema":"FrenchCalendar.1"})";
  CHECK_THROWS_AS(vaekit::read_document<vaekit::FrenchCalendar>(two_schemas), ParseError);
  // The same key in two different objects is fine; so are many distinct keys (hashed past 16).
  CHECK_NOTHROW(vaekit::parse_json(R"({"a":{"x":1},"b":{"x":1},"x":[{"x":1},{"x":2}]})"));
  std::string many = "{";
  for (int i = 0; i < 5000; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  CHECK(vaekit::parse_json(many + "}").size() == 5000);
  CHECK_THROWS_AS(vaekit::parse_json(many + ",\"k4999\":2}"), ParseError);
}

TEST_CASE("hostile JSON: messages never quote the input (personal data, huge strings)") {
  // Issue 11 section 3: nlohmann's "last read" text carried a free-text field whole.
  const std::string pii = "Marie DUPONT 06 12 34 56 78";
  const std::string bad_lines[] = {
      R"({"case":"C1","data":{"reason":")" + pii + "\x01\"}}",  // control character in string
      R"({"case":"C1","data":{"reason":")" + pii,               // unterminated string
      R"({"case":"C1","data":{"reason":")" + pii + "\"}",       // unterminated object
      R"({"case":"C1","data":{"reason":")" + pii + "\xff\"}}",  // invalid UTF-8
      R"({"case":"C1","data":{"reason":")" + pii + "\\x\"}}",   // bad escape
  };
  for (const auto& line : bad_lines) {
    try {
      (void)vaekit::parse_json(line, "log.jsonl");
      FAIL("no exception");
    } catch (const ParseError& e) {
      const std::string what = e.what();
      INFO(what);
      CHECK(what.find("DUPONT") == std::string::npos);
      CHECK(what.find("06 12") == std::string::npos);
      CHECK(valid_utf8(what));
      CHECK(valid_utf8(e.reason()));
    }
  }
  // A 100 MB unterminated string: a short message.
  std::string huge = "{\"reason\":\"";
  huge.append(100u << 20, 'x');
  try {
    (void)vaekit::parse_json(huge, "big.json");
    FAIL("no exception");
  } catch (const ParseError& e) {
    CHECK(std::string(e.what()).size() < 300);
  }
}

TEST_CASE("hostile messages: excerpt() and safe_message() are bounded, escaped, valid UTF-8") {
  // Invalid bytes as \xNN, never raw; a code point is never cut in the middle.
  CHECK(vaekit::excerpt("a\xff"
                        "b") == "\"a\\xffb\"");
  CHECK(vaekit::excerpt("\xc3\xa9t\xc3\xa9", 2) == "\"\xc3\xa9t\"... (5 bytes)");
  CHECK(vaekit::excerpt("x\ny\"") == "\"x\\x0ay\\\"\"");
  CHECK(vaekit::excerpt("\xed\xa0\x80") == "\"\\xed\\xa0\\x80\"");       // a UTF-16 surrogate
  CHECK(vaekit::excerpt("\xf0\x9f\x98\x80") == "\"\xf0\x9f\x98\x80\"");  // 4-byte emoji kept
  const std::string long_text(10000, 'z');
  CHECK(vaekit::safe_message(long_text, 100).size() < 130);
  // Every Error's message is safe, whatever it was given.
  const vaekit::Error err(vaekit::ErrorCode::internal, "bad \xc3 byte");
  CHECK(std::string(err.what()) == "bad \\xc3 byte");
  const ParseError pe(vaekit::SourceLocation{"f\xffile", 1, 0, "fi\xfe"}, "why \x80");
  CHECK(valid_utf8(pe.what()));
  CHECK(valid_utf8(pe.where().source));
  CHECK(valid_utf8(pe.where().field));
  CHECK(valid_utf8(pe.reason()));
}

TEST_CASE("hostile messages: personal and unknown fields are named, never quoted") {
  CHECK(vaekit::quote_value("event", "oriented") == "\"oriented\"");
  CHECK(vaekit::quote_value("data.result", "full") == "\"full\"");
  CHECK(vaekit::quote_value("closures[2].first", "2024-13-01") == "\"2024-13-01\"");
  for (const char* field : {"reason", "data.reason", "name", "nom", "birth_date", "email", "phone",
                            "comment", "comments", "free_text", "some_unknown_field"}) {
    INFO(field);
    CHECK(!vaekit::quotable_field(field));
    const auto q = vaekit::quote_value(field, "Marie DUPONT 06 12 34 56 78");
    CHECK(q.find("DUPONT") == std::string::npos);
    CHECK(q == "(value withheld, 27 bytes)");
  }
}

TEST_CASE("hostile files: a folder, a missing file, an empty file") {
  const auto dir = temp_dir();
  // A folder read as a file: an IoError with EISDIR (it read as empty text before).
  try {
    (void)vaekit::read_text_file(dir);
    FAIL("no exception");
  } catch (const vaekit::IoError& e) {
    CHECK(e.error_number() == EISDIR);
    CHECK(e.path() == dir.string());
  }
  CHECK_THROWS_AS(vaekit::MappedFile(dir), vaekit::IoError);
  try {
    (void)vaekit::read_text_file(dir / "absent");
    FAIL("no exception");
  } catch (const vaekit::IoError& e) {
    CHECK(e.error_number() == ENOENT);
    CHECK(e.description().find("cannot open") != std::string::npos);
  }
  // A symlink loop: an IoError with ELOOP.
  const auto loop = dir / "loop";
  std::filesystem::remove(loop);
  std::filesystem::create_symlink(loop, loop);
  try {
    (void)vaekit::MappedFile(loop);
    FAIL("no exception");
  } catch (const vaekit::IoError& e) {
    CHECK(e.error_number() == ELOOP);
  }
  std::filesystem::remove(loop);
  CHECK_THROWS_AS(vaekit::require_nonempty("", dir / "empty.jsonl", "an event log"), ParseError);
  CHECK_NOTHROW(vaekit::require_nonempty("x", dir / "empty.jsonl", "an event log"));
  std::filesystem::remove_all(dir);
}
