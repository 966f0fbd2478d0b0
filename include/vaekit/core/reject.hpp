#pragma once
/// @file
/// @brief Strict and lenient reading: the one ReadMode and Reject used by every reader of vaekit
/// (registry exports, event logs, scenarios...).

#include <cstddef>
#include <cstdint>
#include <string>

namespace vaekit {

/// How a reader treats a bad record.
enum class ReadMode : std::uint8_t {
  strict,   ///< The first bad record throws (ParseError with source, line and field).
  lenient,  ///< Bad records go to a rejects list with line, field and reason; reading goes on.
};

/// A record a lenient reader set aside, and why. Readers keep `read == accepted + rejected`.
struct Reject {
  std::string source;    ///< File (and zip entry) name, or "<string>".
  std::size_t line = 0;  ///< 1-based line (record start); 0 for a whole-file problem.
  std::string field;     ///< The offending field, column or XML element path; empty if none.
  std::string reason;    ///< Why (never personal data).
  std::string record;    ///< The record's identifier when known (e.g. a fiche code), else empty.
  /// Equality of every field.
  friend bool operator==(const Reject&, const Reject&) = default;
};

}  // namespace vaekit
