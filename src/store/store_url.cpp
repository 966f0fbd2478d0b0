// StoreUrl: where a case store is (a SQLite path or a PostgreSQL URL), with the password redacted
// from everything that is shown; TransientError.
#include <utility>

#include "vaekit/store/case_store.hpp"

namespace vaekit {

TransientError::TransientError(std::string where, const std::string& message, std::string sqlstate)
    : IoError(std::move(where),
              message + (sqlstate.empty() ? std::string() : " (SQLSTATE " + sqlstate + ")") +
                  "; nothing was written, retry"),
      sqlstate_(std::move(sqlstate)) {}

namespace {

// @p url with the password of its user part (`user:PASSWORD@`) and of any `password=`
// parameter replaced by "***"; @p found is set when there was one.
std::string redact_url(std::string_view url, std::size_t scheme_end, bool& found) {
  std::string out(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end);
  const std::size_t q = rest.find('?');
  const std::string_view before_query = rest.substr(0, q);
  // The user part ends at the last '@' before the parameters ('@' in a password should be
  // percent-encoded, but a careless one must still not leak; a '@' further on only makes the
  // redaction wider).
  const std::size_t at = before_query.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = before_query.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos) {
      found = true;
      out += userinfo.substr(0, colon);
      out += ":***";
    } else {
      out += userinfo;
    }
    out += before_query.substr(at);
  } else {
    out += before_query;
  }
  if (q == std::string_view::npos) return out;
  // Parameters: password=... (any case) redacted.
  std::string_view params = rest.substr(q + 1);
  out += '?';
  bool first = true;
  while (true) {
    const std::size_t amp = params.find('&');
    const std::string_view p = params.substr(0, amp);
    if (!first) out += '&';
    first = false;
    const std::size_t eq = p.find('=');
    std::string key(p.substr(0, eq));
    for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (eq != std::string_view::npos && key == "password") {
      found = true;
      out += p.substr(0, eq);
      out += "=***";
    } else {
      out += p;
    }
    if (amp == std::string_view::npos) break;
    params = params.substr(amp + 1);
  }
  return out;
}

}  // namespace

StoreUrl StoreUrl::sqlite(const std::filesystem::path& path) {
  if (path.empty()) throw InvalidArgument("a case store needs a path");
  StoreUrl u;
  u.kind_ = Kind::sqlite;
  u.path_ = path;
  u.redacted_ = path.string();
  return u;
}

StoreUrl StoreUrl::parse(std::string_view url) {
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.starts_with(scheme)) {
      StoreUrl u;
      u.kind_ = Kind::postgresql;
      u.conninfo_ = std::string(url);
      u.redacted_ = redact_url(url, scheme.size(), u.has_password_);
      u.path_ = u.redacted_;
      return u;
    }
  }
  if (url.starts_with("sqlite://")) {
    const std::string_view path = url.substr(9);
    if (path.empty())
      throw InvalidArgument("a sqlite:// URL needs a path (sqlite:///abs/cases.db)");
    return sqlite(std::filesystem::path(path));
  }
  const std::size_t colon = url.find("://");
  if (colon != std::string_view::npos && colon > 0 && colon < 16 &&
      url.substr(0, colon).find('/') == std::string_view::npos) {
    bool found = false;
    throw InvalidArgument("unknown case store URL scheme in " +
                          excerpt(redact_url(url, colon + 3, found)) +
                          " (accepted: sqlite://PATH, postgresql://..., or a plain path)");
  }
  return sqlite(std::filesystem::path(url));
}

std::string StoreUrl::redacted() const {
  return redacted_;
}

}  // namespace vaekit
