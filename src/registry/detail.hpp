// Private helpers of the registry area: import sink, CSV tokenizer, text helpers, readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaekit/core/error.hpp"
#include "vaekit/registry/registry.hpp"

namespace vaekit {

/// Access to the private parts of Registry for the readers (not part of the public API).
struct RegistryAccess {
  /// Builds a registry from imported parts, mirroring links.
  static Registry make(std::vector<Certification> certs, std::vector<Reject> rejects,
                       ImportStats stats, RegistryFormat format);
};

namespace detail {

/// Collects the records of one import: accepted fiches and rejects (strict mode throws instead).
class ImportSink {
 public:
  ImportSink(bool strict, std::string source) : strict_(strict), source_(std::move(source)) {}
  [[nodiscard]] bool strict() const noexcept { return strict_; }
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

  /// A problem with one record or the whole file: throws ParseError in strict mode, otherwise
  /// records a reject (and counts one record read).
  void reject(const std::string& source, std::size_t line, std::size_t column,
              const std::string& field, const std::string& code, const std::string& reason);
  /// Adds an accepted fiche; a duplicate code is rejected instead.
  void accept(Certification cert, std::size_t line, const std::string& source);
  /// Whether a fiche with @p code was accepted.
  [[nodiscard]] bool has(const std::string& code) const { return index_.count(code) != 0; }
  /// The accepted fiche @p code, or nullptr.
  Certification* find(const std::string& code);
  /// Removes an accepted fiche (turned into a reject by a later problem in another part).
  void drop(const std::string& code, const std::string& source, std::size_t line,
            const std::string& field, const std::string& reason);

  /// The registry made of what was accepted.
  Registry finish(RegistryFormat format);

 private:
  bool strict_;
  std::string source_;
  std::vector<Certification> certs_;
  std::vector<bool> dropped_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Reject> rejects_;
  ImportStats stats_;
};

/// Whether @p s is valid UTF-8.
[[nodiscard]] bool valid_utf8(std::string_view s) noexcept;

/// Parses "DD/MM/YYYY" (the exports' date form); nullopt for an empty string; throws
/// InvalidArgument with a message for anything else.
[[nodiscard]] std::optional<Date> parse_export_date(std::string_view text);

/// "Oui"/"Non" → bool; empty → nullopt; throws InvalidArgument otherwise.
[[nodiscard]] std::optional<bool> parse_oui_non(std::string_view text);

/// Parses a non-negative decimal integer; throws InvalidArgument.
[[nodiscard]] std::int64_t parse_int(std::string_view text);

/// Trims ASCII spaces, tabs, CR and LF at both ends.
[[nodiscard]] std::string_view trim(std::string_view s) noexcept;

/// Undoes the doubled apostrophes some export labels carry ("d''affaires" → "d'affaires").
[[nodiscard]] std::string undouble_apostrophes(std::string_view s);

/// Sorts and removes duplicates.
void sort_unique(std::vector<std::string>& v);

/// Adds @p value to @p v unless present (keeps order).
void push_unique(std::vector<std::string>& v, const std::string& value);

/// One CSV record: its fields (unquoted) and the line where it starts.
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

/// A tokenizer of `;` (or other) separated values with optional double quotes ("" escapes),
/// CRLF or LF line ends, newlines allowed inside quotes.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator) : text_(text), sep_(separator) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 BOM
  }
  /// Reads the next record; false at the end. Throws InvalidArgument (with line()) on an
  /// unterminated quote or a character after a closing quote.
  bool next(CsvRecord& record);
  /// The current line (1-based).
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

 private:
  std::string_view text_;
  char sep_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

/// Reads the CSV export zip opened from a file (@p path) or memory (@p data when path is empty).
Registry read_csv_zip(const std::string& path, std::string_view data, const std::string& source,
                      bool strict);
/// How to read an XML export (from LoadOptions).
struct XmlOptions {
  bool strict = true;
  unsigned threads = 0;         // 0: std::thread::hardware_concurrency(); 1: sequential
  std::size_t chunk_bytes = 0;  // 0: 4 MB
};
/// Reads an XML export from a plain file (@p path) or memory (@p data when path is empty).
Registry read_xml_plain(const std::string& path, std::string_view data, const std::string& source,
                        const XmlOptions& options);
/// Reads the XML entries of a zip, from a file (@p path) or memory (@p data).
Registry read_xml_zip(const std::string& path, std::string_view data, const std::string& source,
                      const XmlOptions& options);
/// What a zip holds: true for XML entries, false for CSV parts; nullopt if unreadable.
std::optional<bool> zip_holds_xml(const std::string& path, std::string_view data);

}  // namespace detail
}  // namespace vaekit
