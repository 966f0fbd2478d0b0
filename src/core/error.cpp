#include "vaekit/core/error.hpp"

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
    : std::runtime_error(message), code_(code) {}

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
}  // namespace

ParseError::ParseError(SourceLocation where, const std::string& what)
    : ParseError(ErrorCode::parse, std::move(where), what) {}

ParseError::ParseError(ErrorCode code, SourceLocation where, const std::string& what)
    : Error(code, format_location(where, what)), where_(std::move(where)), reason_(what) {}

SchemaError::SchemaError(SourceLocation where, const std::string& what)
    : ParseError(ErrorCode::schema, std::move(where), what) {}

InvalidArgument::InvalidArgument(const std::string& message)
    : Error(ErrorCode::invalid_argument, message) {}

OutOfRange::OutOfRange(const std::string& message) : Error(ErrorCode::out_of_range, message) {}

NotFound::NotFound(std::string key, const std::string& message)
    : Error(ErrorCode::not_found, message), key_(std::move(key)) {}

IoError::IoError(std::string path, const std::string& message)
    : Error(ErrorCode::io, path + ": " + message), path_(std::move(path)) {}

std::string excerpt(std::string_view input, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(input.size(), max_chars) + 8);
  out += '"';
  std::size_t n = 0;
  for (char c : input) {
    if (n >= max_chars) break;
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(u));
      out += buf;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
    ++n;
  }
  out += '"';
  if (input.size() > max_chars) {
    out += "... (" + std::to_string(input.size()) + " bytes)";
  }
  return out;
}

}  // namespace vaekit
