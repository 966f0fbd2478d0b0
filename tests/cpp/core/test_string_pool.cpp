// StringPool: dense indices, lookups, growth, the arena layout's memory.
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "test_support.hpp"
#include "vaekit/core/string_pool.hpp"

using namespace vaekit;

TEST_CASE("string pool: dense indices, the same string the same index") {
  StringPool p;
  CHECK(p.empty());
  CHECK(p.intern("IDF-75A") == 0);
  CHECK(p.intern("IDF-93B") == 1);
  CHECK(p.intern("IDF-75A") == 0);
  CHECK(p.intern("") == 2);  // the empty string is a string like another
  CHECK(p.intern("IDF-93B") == 1);
  CHECK(p.size() == 3);
  CHECK(p[0] == "IDF-75A");
  CHECK(p[1] == "IDF-93B");
  CHECK(p[2].empty());
  CHECK(p.find("IDF-93B") == 1u);
  CHECK_FALSE(p.find("IDF-75").has_value());
  CHECK_FALSE(p.find("IDF-75AB").has_value());
  CHECK(p.strings() == std::vector<std::string>{"IDF-75A", "IDF-93B", ""});
}

TEST_CASE("string pool: agrees with a std::unordered_map over many strings (property)") {
  const auto seed = GENERATE(1u, 2u, 3u);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> len(0, 40), ch(32, 126), pick(0, 30'000);
  std::vector<std::string> universe;
  for (int i = 0; i < 30'001; ++i) {
    std::string s(static_cast<std::size_t>(len(rng)), ' ');
    for (char& c : s) c = static_cast<char>(ch(rng));
    universe.push_back(s);
  }
  StringPool p;
  if (seed == 2) p.reserve(50'000, 1'000'000);
  std::unordered_map<std::string, std::uint32_t> ref;
  for (int i = 0; i < 100'000; ++i) {
    const std::string& s = universe[static_cast<std::size_t>(pick(rng))];
    const auto [it, inserted] = ref.try_emplace(s, static_cast<std::uint32_t>(ref.size()));
    REQUIRE(p.intern(s) == it->second);
    (void)inserted;
  }
  REQUIRE(p.size() == ref.size());
  for (const auto& [s, i] : ref) {
    REQUIRE(p[i] == s);
    REQUIRE(p.find(s) == i);
  }
  // Copies are equal and independent.
  StringPool q = p;
  CHECK(q == p);
  q.intern("\x01 not in the universe");
  CHECK_FALSE(q == p);
  CHECK_FALSE(p.find("\x01 not in the universe").has_value());
}

TEST_CASE("string pool: a million 9-character identifiers take under 24 bytes each") {
  StringPool p;
  char buf[16];
  for (int i = 0; i < 1'000'000; ++i) {
    std::snprintf(buf, sizeof buf, "C%08d", i);
    REQUIRE(p.intern(buf) == static_cast<std::uint32_t>(i));
  }
  // 9 characters + a 4-byte offset + 4-byte slots at a load between 0.35 and 0.7.
  CHECK(p.memory_bytes() < 24u * 1'000'000u);
  CHECK(p.memory_bytes() > 13u * 1'000'000u);
  CHECK(p.find("C00500000") == 500'000u);
}
