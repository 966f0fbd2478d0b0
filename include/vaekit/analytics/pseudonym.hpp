#pragma once
/// @file
/// @brief Pseudonymisation: keyed HMAC-SHA-256 pseudonyms of case and staff identifiers.
///
/// The pseudonym of identifier `id` of kind `kind` ("case" or "staff") is the first 32 hex digits
/// of HMAC-SHA-256(key, kind + ":" + id) — in Python
/// `hmac.new(key, f"{kind}:{id}".encode(), "sha256").hexdigest()[:32]`. The key is never written
/// out, printed or serialised.

#include <filesystem>
#include <string>
#include <string_view>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/analytics/report.hpp"

namespace vaekit {

/// A secret key for pseudonyms (at least min_bytes bytes: the 256 bits of HMAC-SHA-256).
class PseudonymKey {
 public:
  /// Name of the environment variable read by from_env() by default.
  static constexpr const char* default_env = "VAEKIT_PSEUDONYM_KEY";
  /// The shortest key accepted, in bytes (RFC 2104 section 3: a key shorter than the hash output
  /// weakens the HMAC; 32 bytes = SHA-256's output).
  static constexpr std::size_t min_bytes = 32;
  /// A key made of the bytes @p bytes; throws InvalidArgument when shorter than min_bytes (the
  /// message gives the length, never the key).
  explicit PseudonymKey(std::string bytes);
  /// The key held in the file @p path (its bytes, trailing CR/LF removed); throws IoError when
  /// unreadable, InvalidArgument naming the file when shorter than min_bytes.
  static PseudonymKey from_file(const std::filesystem::path& path);
  /// The key held in the environment variable @p name (its UTF-8 bytes); throws NotFound when
  /// unset, InvalidArgument naming the variable when shorter than min_bytes.
  static PseudonymKey from_env(const char* name = default_env);
  /// The pseudonym of @p id of kind @p kind (see the file comment).
  [[nodiscard]] std::string pseudonym(std::string_view kind, std::string_view id) const;

 private:
  std::string key_;
};

/// HMAC-SHA-256 of @p message under @p key, as 64 lower-case hex digits.
[[nodiscard]] std::string hmac_sha256_hex(std::string_view key, std::string_view message);

/// @p log with every case and staff identifier replaced by its pseudonym under @p key; the
/// header says `pseudonymised: true` and keeps no extra field (antennes and certifications are
/// not personal and stay).
[[nodiscard]] EventLog pseudonymise(const EventLog& log, const PseudonymKey& key);

/// @p report with every staff identifier of its workload replaced by its pseudonym (kind
/// "staff") under @p key: what a published report (report.json, workload.csv, the HTML page)
/// must carry. The other tables hold no personal identifier. Pseudonymised reports under the same
/// key still merge (a staff member has one pseudonym).
[[nodiscard]] ActivityReport pseudonymise(const ActivityReport& report, const PseudonymKey& key);

}  // namespace vaekit
