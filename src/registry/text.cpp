// Text helpers of the registry area: UTF-8 checks, export dates, CSV tokenizer, the import sink.
#include <algorithm>

#include "detail.hpp"

namespace vaekit {

namespace detail {

void ImportSink::reject(const std::string& source, std::size_t line, std::size_t column,
                        const std::string& field, const std::string& code,
                        const std::string& reason) {
  if (strict_) {
    std::string what = reason;
    if (!code.empty()) what = code + ": " + what;
    throw ParseError(SourceLocation{source, line, column, field}, what);
  }
  rejects_.push_back(Reject{source, line, field, reason, code});
  ++stats_.read;
  ++stats_.rejected;
}

void ImportSink::accept(Certification cert, std::size_t line, const std::string& source) {
  if (index_.count(cert.code) != 0) {
    reject(source, line, 0, "", cert.code, "duplicate fiche " + cert.code);
    return;
  }
  index_.emplace(cert.code, certs_.size());
  certs_.push_back(std::move(cert));
  dropped_.push_back(false);
  ++stats_.read;
  ++stats_.accepted;
}

Certification* ImportSink::find(const std::string& code) {
  auto it = index_.find(code);
  if (it == index_.end() || dropped_[it->second]) return nullptr;
  return &certs_[it->second];
}

void ImportSink::drop(const std::string& code, const std::string& source, std::size_t line,
                      const std::string& field, const std::string& reason) {
  auto it = index_.find(code);
  if (strict_ || it == index_.end() || dropped_[it->second]) {
    // strict: throws; unknown or already dropped: nothing more to count in lenient mode
    if (strict_) reject(source, line, 0, field, code, reason);
    return;
  }
  dropped_[it->second] = true;
  --stats_.read;
  --stats_.accepted;
  reject(source, line, 0, field, code, reason);
}

Registry ImportSink::finish(RegistryFormat format) {
  std::vector<Certification> kept;
  kept.reserve(certs_.size());
  for (std::size_t i = 0; i < certs_.size(); ++i) {
    if (!dropped_[i]) kept.push_back(std::move(certs_[i]));
  }
  return RegistryAccess::make(std::move(kept), std::move(rejects_), stats_, format);
}

bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<Date> parse_export_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t len) {
    int v = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') throw InvalidArgument("malformed date " + excerpt(text));
      v = v * 10 + (c - '0');
    }
    return v;
  };
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') {
    throw InvalidArgument("malformed date " + excerpt(text) + " (expected DD/MM/YYYY)");
  }
  const int day = digits(0, 2);
  const int month = digits(3, 2);
  const int year = digits(6, 4);
  try {
    return Date(year, month, day);
  } catch (const Error&) {
    throw InvalidArgument("impossible date " + excerpt(text));
  }
}

std::optional<bool> parse_oui_non(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text == "Oui" || text == "OUI" || text == "oui") return true;
  if (text == "Non" || text == "NON" || text == "non") return false;
  throw InvalidArgument("expected Oui or Non, got " + excerpt(text));
}

std::int64_t parse_int(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 15) {
    throw InvalidArgument("expected a number, got " + excerpt(text));
  }
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') throw InvalidArgument("expected a number, got " + excerpt(text));
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string undouble_apostrophes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') ++i;
  }
  return out;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void push_unique(std::vector<std::string>& v, const std::string& value) {
  if (std::find(v.begin(), v.end(), value) == v.end()) v.push_back(value);
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  const std::size_t n = text_.size();
  // Skip blank lines.
  while (pos_ < n && (text_[pos_] == '\r' || text_[pos_] == '\n')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  record.line = line_;
  std::string field;
  while (true) {
    field.clear();
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      while (true) {
        if (pos_ >= n) {
          throw InvalidArgument("unterminated quoted value (starting on line " +
                                std::to_string(record.line) + ")");
        }
        const char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
            field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') ++line_;
        field += c;
        ++pos_;
      }
      if (pos_ < n && text_[pos_] != sep_ && text_[pos_] != '\r' && text_[pos_] != '\n') {
        throw InvalidArgument("unexpected character after a closing quote");
      }
    } else {
      const std::size_t start = pos_;
      while (pos_ < n && text_[pos_] != sep_ && text_[pos_] != '\r' && text_[pos_] != '\n') ++pos_;
      field.assign(text_.substr(start, pos_ - start));
    }
    record.fields.push_back(field);
    if (pos_ < n && text_[pos_] == sep_) {
      ++pos_;
      continue;
    }
    // End of record.
    if (pos_ < n && text_[pos_] == '\r') ++pos_;
    if (pos_ < n && text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    return true;
  }
}

}  // namespace detail
}  // namespace vaekit
