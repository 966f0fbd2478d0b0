#pragma once
/// @file
/// @brief The vaekit exception hierarchy: every error the library throws derives from
/// vaekit::Error.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vaekit {

/// Machine-readable category of an Error; stable across versions (bound to Python as strings).
enum class ErrorCode {
  parse,             ///< Malformed input text (a date, a CSV line, a JSON document...).
  schema,            ///< A document with a missing, foreign or too new "schema" tag.
  invalid_argument,  ///< A value outside its domain (e.g. 30 February).
  out_of_range,      ///< A value in its domain but outside what vaekit supports.
  not_found,         ///< A looked-up key is absent.
  io,                ///< A file could not be read or written.
  transition,        ///< An event not allowed in a case's current stage or for this role.
  conflict,          ///< A concurrent writer changed the data first (optimistic concurrency).
  infeasible,        ///< A problem (e.g. a schedule) has no solution.
  unsupported,       ///< A feature or format version vaekit does not handle.
  internal,          ///< A bug in vaekit: please report it.
};

/// The stable name of an ErrorCode, e.g. "parse".
[[nodiscard]] std::string_view to_string(ErrorCode code) noexcept;

/// Base of every exception vaekit throws; `vaekit.Error` in Python.
class Error : public std::runtime_error {
 public:
  /// An error of category @p code with a human-readable @p message.
  Error(ErrorCode code, const std::string& message);
  /// The error's category.
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

/// Where in an input a ParseError happened. Fields that are unknown stay empty or 0.
struct SourceLocation {
  std::string source;      ///< File name or other description of the input ("<string>" if none).
  std::size_t line = 0;    ///< 1-based line number, 0 if not applicable.
  std::size_t column = 0;  ///< 1-based column (byte offset in the line), 0 if not applicable.
  std::string field;       ///< Name of the field or element path, empty if not applicable.
};

/// Malformed input: carries the source, line, column and field; `vaekit.ParseError` in Python.
///
/// The message is formatted as `source:line:column: field: what` with absent parts omitted.
/// Callers must never put personal data in @p what; input excerpts are shortened by excerpt().
class ParseError : public Error {
 public:
  /// A parse error at @p where, described by @p what.
  ParseError(SourceLocation where, const std::string& what);
  /// A parse error of another category (e.g. ErrorCode::schema) at @p where.
  ParseError(ErrorCode code, SourceLocation where, const std::string& what);
  /// Where the error is.
  [[nodiscard]] const SourceLocation& where() const noexcept { return where_; }
  /// The description without the location prefix.
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

 private:
  SourceLocation where_;
  std::string reason_;
};

/// A document whose "schema" tag is missing, names another schema or a version this vaekit cannot
/// read; `vaekit.SchemaError` (a ParseError) in Python.
class SchemaError : public ParseError {
 public:
  /// A schema error at @p where, described by @p what.
  SchemaError(SourceLocation where, const std::string& what);
};

/// A value outside its domain; `vaekit.InvalidArgument` (also a Python ValueError).
class InvalidArgument : public Error {
 public:
  /// An invalid-argument error described by @p message.
  explicit InvalidArgument(const std::string& message);
};

/// A value inside its domain but outside what vaekit supports; `vaekit.OutOfRange`
/// (also a Python ValueError).
class OutOfRange : public Error {
 public:
  /// An out-of-range error described by @p message.
  explicit OutOfRange(const std::string& message);
};

/// A looked-up key is absent; `vaekit.NotFound` (also a Python KeyError).
class NotFound : public Error {
 public:
  /// A not-found error for @p key, described by @p message.
  NotFound(std::string key, const std::string& message);
  /// The key that was not found.
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

/// A file could not be read or written; `vaekit.IoError` (also a Python OSError, with `errno`,
/// `strerror` and `filename` set).
class IoError : public Error {
 public:
  /// An I/O error on @p path, described by @p message; @p error_number is the errno value
  /// (0 when the failure is not a system error, e.g. "not a regular file").
  IoError(std::string path, const std::string& message, int error_number = 0);
  /// The file concerned.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// The description without the path (Python's `strerror`).
  [[nodiscard]] const std::string& description() const noexcept { return description_; }
  /// The errno value, 0 if none.
  [[nodiscard]] int error_number() const noexcept { return errno_; }

 private:
  std::string path_;
  std::string description_;
  int errno_ = 0;
};

/// The longest error message vaekit builds, in bytes: a longer message is cut (on a UTF-8
/// boundary) and says how long it was.
inline constexpr std::size_t max_message_bytes = 2048;

/// The one quoting function of error messages: a short, printable excerpt of untrusted input
/// between double quotes. At most @p max_chars code points; control characters, quotes and
/// backslashes escaped; bytes that are not valid UTF-8 shown as `\xNN`; cut on a code point
/// boundary with "... (N bytes)" appended. The result is always valid UTF-8. Never pass the
/// value of a personal or free-text field: use quote_value(), which withholds it.
[[nodiscard]] std::string excerpt(std::string_view input, std::size_t max_chars = 40);

/// Whether the value of the field @p field may be quoted in an error message: only fields that
/// hold codes (schema, event, role, dates, enumerations, registry codes...). Names, birth dates,
/// contacts, `reason`, comments, any free text and every unknown field may not. A dotted path
/// ("data.reason") or an indexed one ("closures[2].reason") is judged by its last component.
[[nodiscard]] bool quotable_field(std::string_view field) noexcept;

/// The value of @p field for an error message: excerpt(value) when quotable_field(field), else
/// only its size ("(value withheld, N bytes)"), so that no personal data leaves in a message.
[[nodiscard]] std::string quote_value(std::string_view field, std::string_view value,
                                      std::size_t max_chars = 40);

/// @p text as valid UTF-8 for a message, at most @p max_bytes bytes: bytes that are not valid
/// UTF-8 become `\xNN`, control characters other than newline and tab are escaped, and a
/// longer text is cut on a code point boundary with "... (N bytes)". Every Error's message
/// goes through it, so every message crossing to Python decodes.
[[nodiscard]] std::string safe_message(std::string_view text,
                                       std::size_t max_bytes = max_message_bytes);

}  // namespace vaekit
