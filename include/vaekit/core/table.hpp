#pragma once
/// @file
/// @brief Table: a small columnar table (int64, float64 and string columns with nulls), the one
/// shape in which every area hands tables out (analytics' published tables, the registry's,
/// training's and the simulation's `to_table()`), with CSV, JSON-records and Arrow C stream
/// (zero-copy) exports. In core so that every area can return one.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"

extern "C" {
#ifndef ARROW_C_DATA_INTERFACE
/// Guard of the Arrow C data interface structs (shared with other producers).
#define ARROW_C_DATA_INTERFACE
/// ArrowSchema flag: the dictionary is ordered.
#define ARROW_FLAG_DICTIONARY_ORDERED 1
/// ArrowSchema flag: the field is nullable.
#define ARROW_FLAG_NULLABLE 2
/// ArrowSchema flag: map keys are sorted.
#define ARROW_FLAG_MAP_KEYS_SORTED 4

/// The Arrow C data interface schema (Apache Arrow specification "The Arrow C data interface").
struct ArrowSchema {
  const char* format;              ///< Type format string ("l" int64, "g" float64, "u" utf8...).
  const char* name;                ///< Field name.
  const char* metadata;            ///< Binary metadata, or null.
  int64_t flags;                   ///< ARROW_FLAG_* bits.
  int64_t n_children;              ///< Number of children.
  struct ArrowSchema** children;   ///< Child schemas.
  struct ArrowSchema* dictionary;  ///< Dictionary schema, or null.
  void (*release)(struct ArrowSchema*);  ///< Releases the schema (null once released).
  void* private_data;                    ///< Producer data.
};

/// The Arrow C data interface array.
struct ArrowArray {
  int64_t length;                       ///< Number of entries.
  int64_t null_count;                   ///< Number of nulls (or -1 if unknown).
  int64_t offset;                       ///< Logical offset into the buffers.
  int64_t n_buffers;                    ///< Number of buffers.
  int64_t n_children;                   ///< Number of children.
  const void** buffers;                 ///< The buffers (validity first).
  struct ArrowArray** children;         ///< Child arrays.
  struct ArrowArray* dictionary;        ///< Dictionary array, or null.
  void (*release)(struct ArrowArray*);  ///< Releases the array (null once released).
  void* private_data;                   ///< Producer data.
};
#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
/// Guard of the Arrow C stream interface struct.
#define ARROW_C_STREAM_INTERFACE
/// The Arrow C stream interface.
struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);  ///< The stream's schema.
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);     ///< The next batch.
  const char* (*get_last_error)(struct ArrowArrayStream*);               ///< Last error text.
  void (*release)(struct ArrowArrayStream*);  ///< Releases the stream (null once released).
  void* private_data;                         ///< Producer data.
};
#endif  // ARROW_C_STREAM_INTERFACE
}

namespace vaekit {

/// The type of a Table column.
enum class ColumnType : std::uint8_t {
  int64,        ///< 64-bit signed integers (Arrow "l").
  float64,      ///< Doubles (Arrow "g").
  string,       ///< UTF-8 strings (Arrow "u", 32-bit offsets).
  boolean,      ///< Booleans (Arrow "b", bit-packed): pandas bool, or nullable boolean with nulls.
  date,         ///< Civil dates, days since 1970-01-01 (Arrow "tdD" date32): pandas datetime64.
  category,     ///< Codes from a small set (Arrow dictionary of int32 indices over utf8 values):
                ///< a pandas categorical whose categories are the values in order of appearance.
  string_list,  ///< Lists of strings (Arrow "+l" list of utf8): Python lists in pandas.
};

/// The name of @p t ("int64", "float64", "string", "boolean", "date", "category", "string_list").
[[nodiscard]] std::string_view to_string(ColumnType t) noexcept;

/// One column of a Table, laid out as Arrow buffers so that exports need no copy.
class Column {
 public:
  /// An empty column @p name of type @p type.
  Column(std::string name, ColumnType type);
  /// The column name.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// The column type.
  [[nodiscard]] ColumnType type() const noexcept { return type_; }
  /// Number of rows.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// Number of null entries.
  [[nodiscard]] std::size_t null_count() const noexcept { return nulls_; }
  /// Whether row @p i is null.
  [[nodiscard]] bool is_null(std::size_t i) const noexcept {
    return (validity_[i / 8] & (1u << (i % 8))) == 0;
  }
  /// Appends an integer, or a null (int64 columns).
  void push_int(std::optional<std::int64_t> v);
  /// Appends a double, or a null (float64 columns).
  void push_double(std::optional<double> v);
  /// Appends a string, or a null (string and category columns).
  void push_string(std::optional<std::string_view> v);
  /// Appends a boolean, or a null (boolean columns).
  void push_bool(std::optional<bool> v);
  /// Appends a date, or a null (date columns).
  void push_date(std::optional<Date> v);
  /// Appends a list of strings (string_list columns; an empty list is a list, not a null).
  void push_list(const std::vector<std::string>& items);
  /// Appends a null (any type).
  void push_null();
  /// Adds @p value to the dictionary of a category column without adding a row, so that the
  /// categories list every possible code (e.g. every value of an enum), present or not.
  void add_category(std::string_view value);
  /// Sets row @p i to null (the value stays in the buffer, hidden).
  void set_null(std::size_t i);
  /// Integer of row @p i (int64 columns; unspecified when null).
  [[nodiscard]] std::int64_t int_at(std::size_t i) const { return ints_[i]; }
  /// Double of row @p i (float64 columns; unspecified when null).
  [[nodiscard]] double double_at(std::size_t i) const { return doubles_[i]; }
  /// String of row @p i (string and category columns; empty when null).
  [[nodiscard]] std::string_view string_at(std::size_t i) const;
  /// Boolean of row @p i (boolean columns; false when null).
  [[nodiscard]] bool bool_at(std::size_t i) const noexcept {
    return (bits_[i / 8] & (1u << (i % 8))) != 0;
  }
  /// Date of row @p i (date columns; unspecified when null).
  [[nodiscard]] Date date_at(std::size_t i) const { return Date::from_days(int32s_[i]); }
  /// Dictionary index of row @p i (category columns; 0 when null).
  [[nodiscard]] std::int32_t code_at(std::size_t i) const { return int32s_[i]; }
  /// The strings of row @p i (string_list columns; empty when null).
  [[nodiscard]] std::vector<std::string_view> list_at(std::size_t i) const;
  /// The dictionary of a category column: its distinct values in order of first appearance.
  [[nodiscard]] std::vector<std::string_view> dictionary() const;
  /// Row @p i as a JSON value (null when null; dates as ISO text, lists as arrays).
  [[nodiscard]] Json json_at(std::size_t i) const;

  /// The validity bitmap (Arrow layout, LSB first).
  [[nodiscard]] const std::vector<std::uint8_t>& validity() const noexcept { return validity_; }
  /// Integer values (int64 columns).
  [[nodiscard]] const std::vector<std::int64_t>& ints() const noexcept { return ints_; }
  /// Double values (float64 columns).
  [[nodiscard]] const std::vector<double>& doubles() const noexcept { return doubles_; }
  /// String offsets: size() + 1 entries (string columns), of the dictionary's values (category
  /// columns) or of the lists' items (string_list columns).
  [[nodiscard]] const std::vector<std::int32_t>& offsets() const noexcept { return offsets_; }
  /// String bytes (string columns), of the dictionary (category) or of the items (string_list).
  [[nodiscard]] const std::string& chars() const noexcept { return chars_; }
  /// Boolean values, bit-packed LSB first (boolean columns).
  [[nodiscard]] const std::vector<std::uint8_t>& bits() const noexcept { return bits_; }
  /// 32-bit values: days (date columns), dictionary indices (category columns), or the list
  /// offsets into the items, size() + 1 entries (string_list columns).
  [[nodiscard]] const std::vector<std::int32_t>& int32s() const noexcept { return int32s_; }

 private:
  void push_valid(bool valid);
  void check_type(ColumnType expected, const char* what) const;
  std::string name_;
  ColumnType type_;
  std::size_t size_ = 0, nulls_ = 0;
  std::vector<std::uint8_t> validity_;
  std::vector<std::int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<std::int32_t> offsets_{0};
  std::string chars_;
  std::vector<std::uint8_t> bits_;
  std::vector<std::int32_t> int32s_;
  std::unordered_map<std::string, std::int32_t> codes_;  // category: value -> dictionary index
};

/// A named table of equally long columns.
class Table {
 public:
  /// An empty table called @p name (e.g. "funnel").
  explicit Table(std::string name = {}) : name_(std::move(name)) {}
  /// The table's name.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Adds a column and returns it.
  Column& add_column(std::string name, ColumnType type);
  /// The columns.
  [[nodiscard]] const std::vector<Column>& columns() const noexcept { return columns_; }
  /// The columns (mutable).
  [[nodiscard]] std::vector<Column>& columns() noexcept { return columns_; }
  /// The column called @p name; throws NotFound.
  [[nodiscard]] const Column& column(std::string_view name) const;
  /// Index of the column called @p name; throws NotFound.
  [[nodiscard]] std::size_t column_index(std::string_view name) const;
  /// Number of rows (of the first column; 0 without columns).
  [[nodiscard]] std::size_t rows() const noexcept {
    return columns_.empty() ? 0 : columns_[0].size();
  }
  /// The rows as a list of objects (one per row), nulls as null, dates as ISO text, lists as
  /// arrays.
  [[nodiscard]] Json to_records() const;
  /// RFC 4180 CSV with a header line; nulls are empty fields; doubles in shortest round-trip form;
  /// booleans true/false; dates ISO; a list's items joined with "|".
  [[nodiscard]] std::string to_csv() const;
  /// Writes to_csv() to @p path atomically.
  void write_csv(const std::filesystem::path& path) const;

 private:
  std::string name_;
  std::vector<Column> columns_;
};

/// Fills @p out with an Arrow C stream of one record batch holding @p table, without copying the
/// column buffers (the stream keeps @p table alive until every exported array is released).
void export_arrow_stream(std::shared_ptr<const Table> table, ArrowArrayStream* out);

/// Fills @p out with an Arrow C stream of one record batch: `get_schema` calls @p schema, the
/// first `get_next` calls @p batch, the next ones end the stream; an exception thrown by either
/// becomes the stream's error (`get_last_error`). The callables hold what they need (shared
/// state) and are destroyed when the stream is released. Used by every vaekit exporter
/// (export_arrow_stream(), EventLog::export_arrow()).
void export_one_batch_stream(std::function<void(ArrowSchema*)> schema,
                             std::function<void(ArrowArray*)> batch, ArrowArrayStream* out);
/// Fills @p out with the Arrow schema of @p table (a struct of its columns).
void export_arrow_schema(const Table& table, ArrowSchema* out);

/// Shortest text that reads back as @p v (std::to_chars), e.g. "22.5", "1e-05".
[[nodiscard]] std::string format_double(double v);

}  // namespace vaekit
