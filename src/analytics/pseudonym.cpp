// Keyed pseudonyms with OpenSSL's HMAC-SHA-256.
#include "vaekit/analytics/pseudonym.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

#include "vaekit/core/io.hpp"

namespace vaekit {

namespace {

/// The refusal of a key of @p size bytes read from @p where (empty: given directly). Gives the
/// length, never the key.
std::string short_key_message(std::size_t size, const std::string& where) {
  return "a pseudonym key needs at least " + std::to_string(PseudonymKey::min_bytes) + " bytes, " +
         (where.empty() ? std::string("got ") : where + " holds ") + std::to_string(size) +
         " (generate one with: python -c \"import secrets; print(secrets.token_hex(32))\")";
}

}  // namespace

PseudonymKey::PseudonymKey(std::string bytes) : key_(std::move(bytes)) {
  if (key_.size() < min_bytes) throw InvalidArgument(short_key_message(key_.size(), {}));
}

PseudonymKey PseudonymKey::from_file(const std::filesystem::path& path) {
  std::string k = read_text_file(path);
  while (!k.empty() && (k.back() == '\n' || k.back() == '\r')) k.pop_back();
  if (k.size() < min_bytes) {
    throw InvalidArgument(short_key_message(k.size(), "the key file " + path.string()));
  }
  return PseudonymKey(std::move(k));
}

PseudonymKey PseudonymKey::from_env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    throw NotFound(name, std::string("environment variable ") + name + " is not set");
  }
  std::string k(v);
  if (k.size() < min_bytes) {
    throw InvalidArgument(
        short_key_message(k.size(), std::string("the environment variable ") + name));
  }
  return PseudonymKey(std::move(k));
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), md,
           &len) == nullptr) {
    throw Error(ErrorCode::internal, "HMAC-SHA-256 failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

std::string PseudonymKey::pseudonym(std::string_view kind, std::string_view id) const {
  std::string msg;
  msg.reserve(kind.size() + 1 + id.size());
  msg.append(kind).append(":").append(id);
  return hmac_sha256_hex(key_, msg).substr(0, 32);
}

EventLog pseudonymise(const EventLog& log, const PseudonymKey& key) {
  return log.map_identifiers([&](std::string_view id) { return key.pseudonym("case", id); },
                             [&](std::string_view id) { return key.pseudonym("staff", id); });
}

ActivityReport pseudonymise(const ActivityReport& report, const PseudonymKey& key) {
  return report.map_staff([&](std::string_view id) { return key.pseudonym("staff", id); });
}

}  // namespace vaekit
