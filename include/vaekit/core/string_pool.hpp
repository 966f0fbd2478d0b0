#pragma once
/// @file
/// @brief StringPool: interned strings named by dense indices, stored once in one arena.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaekit {

/// Interned strings: each distinct string is stored once and named by a dense index (0, 1, ...).
///
/// The characters live in one arena and the index is an open-addressing table of 32-bit slots, so
/// a pool of a million case identifiers of 9 characters holds about 22 MB (no node or
/// std::string per entry). Looking up the string interned last is a comparison, not a hash:
/// readers of logs where consecutive events share a case, an antenne or a staff member hit it
/// often. Not thread-safe for writes.
class StringPool {
 public:
  /// An empty pool.
  StringPool() = default;

  /// The index of @p s, adding it when new (allocates only when an arena grows).
  /// Throws OutOfRange beyond 4 GiB of characters or 2^32 - 2 strings.
  std::uint32_t intern(std::string_view s);
  /// The index of @p s, or std::nullopt when absent.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view s) const;
  /// The string of index @p i (valid until the next intern()).
  [[nodiscard]] std::string_view operator[](std::uint32_t i) const noexcept {
    return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  /// Number of distinct strings.
  [[nodiscard]] std::size_t size() const noexcept { return offsets_.size() - 1; }
  /// Whether the pool holds no string.
  [[nodiscard]] bool empty() const noexcept { return offsets_.size() == 1; }
  /// All strings, by index (a copy).
  [[nodiscard]] std::vector<std::string> strings() const;
  /// Bytes held: characters, offsets and the index table.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
  /// Reserves room for @p n strings of @p chars characters in all.
  void reserve(std::size_t n, std::size_t chars = 0);

  /// Field-wise equality: the same strings at the same indices.
  friend bool operator==(const StringPool& a, const StringPool& b) noexcept {
    return a.offsets_ == b.offsets_ && a.chars_ == b.chars_;
  }

 private:
  [[nodiscard]] std::size_t slot_of(std::string_view s, std::uint64_t h) const noexcept;
  void rehash(std::size_t capacity);
  std::vector<char> chars_;
  std::vector<std::uint32_t> offsets_{0};
  std::vector<std::uint32_t> slots_;   // 0 = empty, else index + 1
  std::uint32_t last_ = 0xFFFF'FFFFu;  // the index interned or found last
};

}  // namespace vaekit
