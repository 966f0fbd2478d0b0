// StringPool: an arena of characters and an open-addressing index (linear probing, 32-bit slots).
#include "vaekit/core/string_pool.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "vaekit/core/error.hpp"

namespace vaekit {
namespace {

// 64-bit hash of short identifiers: 8-byte words mixed by multiplication, finished with
// murmur3's fmix64 so that linear probing sees well-spread low bits.
std::uint64_t hash_bytes(std::string_view s) noexcept {
  std::uint64_t h = 0x9E37'79B9'7F4A'7C15ull ^ (s.size() * 0xFF51'AFD7'ED55'8CCDull);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xC4CE'B9FE'1A85'EC53ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0xC4CE'B9FE'1A85'EC53ull;
  }
  h ^= h >> 33;
  h *= 0xFF51'AFD7'ED55'8CCDull;
  h ^= h >> 33;
  h *= 0xC4CE'B9FE'1A85'EC53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

std::size_t StringPool::slot_of(std::string_view s, std::uint64_t h) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(h) & mask;
  while (true) {
    const std::uint32_t v = slots_[i];
    if (v == 0 || (*this)[v - 1] == s) return i;
    i = (i + 1) & mask;
  }
}

void StringPool::rehash(std::size_t capacity) {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::uint32_t v : old) {
    if (v == 0) continue;
    std::size_t i = static_cast<std::size_t>(hash_bytes((*this)[v - 1])) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = v;
  }
}

void StringPool::reserve(std::size_t n, std::size_t chars) {
  offsets_.reserve(n + 1);
  chars_.reserve(chars);
  const std::size_t want = std::bit_ceil(std::max<std::size_t>(16, n + n / 2 + 1));
  if (want > slots_.size()) rehash(want);
}

std::uint32_t StringPool::intern(std::string_view s) {
  if (last_ < size() && (*this)[last_] == s) return last_;
  if (slots_.empty()) rehash(16);
  const std::uint64_t h = hash_bytes(s);
  std::size_t i = slot_of(s, h);
  if (slots_[i] != 0) return last_ = slots_[i] - 1;
  const std::size_t n = size();
  if (n >= 0xFFFF'FFFEu || chars_.size() + s.size() > 0xFFFF'FFFFu) {
    throw OutOfRange("string pool full (" + std::to_string(n) + " strings, " +
                     std::to_string(chars_.size()) + " characters)");
  }
  chars_.insert(chars_.end(), s.begin(), s.end());
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  const auto id = static_cast<std::uint32_t>(n);
  // Keep the load under 0.7: a million identifiers take 2^21 slots (8 MB).
  if ((n + 1) * 10 > slots_.size() * 7) {
    rehash(slots_.size() * 2);
    i = slot_of(s, h);
  }
  slots_[i] = id + 1;
  return last_ = id;
}

std::optional<std::uint32_t> StringPool::find(std::string_view s) const {
  if (last_ < size() && (*this)[last_] == s) return last_;
  if (slots_.empty()) return std::nullopt;
  const std::size_t i = slot_of(s, hash_bytes(s));
  if (slots_[i] == 0) return std::nullopt;
  return slots_[i] - 1;
}

std::vector<std::string> StringPool::strings() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::uint32_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

std::size_t StringPool::memory_bytes() const noexcept {
  return chars_.size() + offsets_.size() * sizeof(std::uint32_t) +
         slots_.size() * sizeof(std::uint32_t);
}

}  // namespace vaekit
