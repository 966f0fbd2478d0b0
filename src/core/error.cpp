#include "vaekit/core/error.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace vaekit {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::parse: return "parse";
    case ErrorCode::schema: return "schema";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::out_of_range: return "out_of_range";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::io: return "io";
    case ErrorCode::transition: return "transition";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::infeasible: return "infeasible";
    case ErrorCode::unsupported: return "unsupported";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(safe_message(message)), code_(code) {}

namespace {
std::string format_location(const SourceLocation& w, const std::string& what) {
  std::string out = w.source.empty() ? std::string("<string>") : w.source;
  if (w.line != 0) {
    out += ':' + std::to_string(w.line);
    if (w.column != 0) out += ':' + std::to_string(w.column);
    out += ": ";
  } else if (w.column != 0) {
    out += ": column " + std::to_string(w.column) + ": ";
  } else {
    out += ": ";
  }
  if (!w.field.empty()) out += w.field + ": ";
  out += what;
  return out;
}

SourceLocation safe_location(SourceLocation w) {
  w.source = safe_message(w.source, 512);
  w.field = safe_message(w.field, 256);
  return w;
}
}  // namespace

ParseError::ParseError(SourceLocation where, const std::string& what)
    : ParseError(ErrorCode::parse, std::move(where), what) {}

ParseError::ParseError(ErrorCode code, SourceLocation where, const std::string& what)
    : Error(code, format_location(where, what)),
      where_(safe_location(std::move(where))),
      reason_(safe_message(what)) {}

SchemaError::SchemaError(SourceLocation where, const std::string& what)
    : ParseError(ErrorCode::schema, std::move(where), what) {}

InvalidArgument::InvalidArgument(const std::string& message)
    : Error(ErrorCode::invalid_argument, message) {}

OutOfRange::OutOfRange(const std::string& message) : Error(ErrorCode::out_of_range, message) {}

NotFound::NotFound(std::string key, const std::string& message)
    : Error(ErrorCode::not_found, message), key_(safe_message(key, 512)) {}

IoError::IoError(std::string path, const std::string& message, int error_number)
    : Error(ErrorCode::io, path + ": " + message),
      path_(std::move(path)),
      description_(safe_message(message)),
      errno_(error_number) {}

namespace {

// The length of the valid UTF-8 sequence at the start of @p s (1 to 4), or 0 when the first
// byte does not start one (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view s) noexcept {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (b(i) < 0x80 || b(i) > 0xBF) return 0;
  }
  return n;
}

void append_hex(std::string& out, unsigned char u) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(u));
  out += buf;
}

// Appends @p input escaped (quotes and backslashes too when @p quoted), at most @p max_units
// code points (or bytes of output when @p by_bytes); returns the bytes of input consumed.
std::size_t append_escaped(std::string& out, std::string_view input, std::size_t max_units,
                           bool quoted, bool by_bytes) {
  std::size_t i = 0, units = 0;
  const std::size_t start = out.size();
  while (i < input.size()) {
    if (by_bytes ? out.size() - start >= max_units : units >= max_units) break;
    const auto u = static_cast<unsigned char>(input[i]);
    const std::size_t n = utf8_sequence(input.substr(i));
    if (n == 0) {
      append_hex(out, u);
      i += 1;
    } else if (n == 1) {
      if (u < 0x20 || u == 0x7f) {
        if (!quoted && (u == '\n' || u == '\t')) {
          out += static_cast<char>(u);
        } else {
          append_hex(out, u);
        }
      } else if (quoted && (u == '"' || u == '\\')) {
        out += '\\';
        out += static_cast<char>(u);
      } else {
        out += static_cast<char>(u);
      }
      i += 1;
    } else {
      out.append(input.substr(i, n));
      i += n;
    }
    ++units;
  }
  return i;
}

bool ascii_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::string excerpt(std::string_view input, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(input.size(), max_chars) + 8);
  out += '"';
  const std::size_t used = append_escaped(out, input, max_chars, true, false);
  out += '"';
  if (used < input.size()) out += "... (" + std::to_string(input.size()) + " bytes)";
  return out;
}

bool quotable_field(std::string_view field) noexcept {
  // The last component of a path: "data.reason" -> "reason", "closures[2].first" -> "first".
  if (auto dot = field.rfind('.'); dot != std::string_view::npos) field.remove_prefix(dot + 1);
  if (auto br = field.find('['); br != std::string_view::npos) field = field.substr(0, br);
  // Fields that hold codes, enumerations, dates and numbers: an allow-list, so that a field
  // vaekit does not know (and every free-text or personal one) is never quoted.
  static constexpr std::string_view codes[] = {"schema",    "event",      "role",
                                               "at",        "date",       "first",
                                               "last",      "channel",    "to",
                                               "decision",  "implicit",   "funding",
                                               "hours",     "minutes",    "result",
                                               "region",    "kind",       "code",
                                               "codes",     "level",      "niveau",
                                               "version",   "status",     "certification",
                                               "rncp",      "rs",         "rome",
                                               "nsf",       "formacode",  "type",
                                               "stage",     "side",       "regime",
                                               "mode",      "unit",       "currency",
                                               "language",  "country",    "departement",
                                               "seed",      "threshold",  "from",
                                               "until",     "start",      "end",
                                               "day",       "month",      "year",
                                               "weekday",   "duration",   "count",
                                               "created",   "valid_from", "valid_until",
                                               "method",    "format",     "pseudonymised",
                                               "certifier", "issued",     "expires"};
  for (std::string_view c : codes) {
    if (ascii_equal(field, c)) return true;
  }
  return false;
}

std::string quote_value(std::string_view field, std::string_view value, std::size_t max_chars) {
  if (quotable_field(field)) return excerpt(value, max_chars);
  return "(value withheld, " + std::to_string(value.size()) + " bytes)";
}

std::string safe_message(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 32);
  const std::size_t used = append_escaped(out, text, max_bytes, false, true);
  if (used < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace vaekit
