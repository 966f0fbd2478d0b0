#pragma once
// The one place the tests include Catch2 (v2 header; v3 would include catch_all.hpp instead).
#if __has_include(<catch2/catch.hpp>)
#include <catch2/catch.hpp>
#else
#include <catch2/catch_all.hpp>
#endif

#include <filesystem>
#include <string>

namespace vaekit::test {
/// vaekit's own fixtures (tests/data).
inline std::filesystem::path data_dir() {
  return VAEKIT_TEST_DATA_DIR;
}
/// The real samples in ../shared/data; may be absent (tests then skip).
inline std::filesystem::path shared_data_dir() {
  return VAEKIT_SHARED_DATA_DIR;
}
inline bool has_shared_data() {
  return std::filesystem::is_directory(shared_data_dir());
}
/// One event-log line (with its newline): case @p c, date @p at, @p event, @p role, then the
/// raw JSON members of @p rest (e.g. `,"antenne":"X"` or `,"data":{...}`).
inline std::string event_line(const std::string& c, const std::string& at, const std::string& event,
                              const std::string& role, const std::string& rest = "") {
  return R"({"case":")" + c + R"(","at":")" + at + R"(","event":")" + event + R"(","role":")" +
         role + "\"" + rest + "}\n";
}
}  // namespace vaekit::test

#include <functional>
#include <string_view>
#include <vector>

#include "vaekit/core/error.hpp"

namespace vaekit::test {
/// The field named by the ParseError thrown by @p f ("<no error>" when none is thrown).
inline std::string error_field(const std::function<void()>& f) {
  try {
    f();
  } catch (const vaekit::ParseError& e) {
    return e.where().field;
  }
  return "<no error>";
}

/// Checks the `*_from_string` contract for an enumeration E of values 0..count-1: every name
/// written by to_string() parses back with both @p parse and @p try_parse; an unknown name gives
/// std::nullopt from @p try_parse and an InvalidArgument from @p parse that names the value and
/// lists every accepted name.
template <class E, class Parse, class TryParse>
void check_from_string_contract(std::size_t count, Parse parse, TryParse try_parse) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) {
    const auto v = static_cast<E>(i);
    const std::string name(to_string(v));
    INFO(name);
    names.push_back(name);
    CHECK(parse(name) == v);
    CHECK(try_parse(name) == v);
  }
  static_assert(noexcept(try_parse(std::string_view())));
  CHECK_FALSE(try_parse("no_such_name").has_value());
  try {
    (void)parse("no_such_name");
    FAIL("an unknown name was accepted");
  } catch (const vaekit::InvalidArgument& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("no_such_name") != std::string::npos);
    for (const auto& n : names) CHECK(message.find(n) != std::string::npos);
  }
}
}  // namespace vaekit::test
