#pragma once
/// @file
/// @brief JSON conventions: nlohmann/json ADL converters for the core types, schema-tagged
/// documents ("schema": "Name.N") and the registry of upgrade functions between versions.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/year_month.hpp"

namespace vaekit {

/// The JSON value type used throughout vaekit: keys keep their insertion order, so documents
/// start with their "schema" tag and read naturally.
using Json = nlohmann::ordered_json;

/// A Date as its ISO 8601 string.
void to_json(Json& j, const Date& d);
/// A Date from its ISO 8601 string; throws ParseError.
void from_json(const Json& j, Date& d);
/// A YearMonth as its ISO 8601 string "YYYY-MM".
void to_json(Json& j, const YearMonth& ym);
/// A YearMonth from its ISO 8601 string "YYYY-MM"; throws ParseError.
void from_json(const Json& j, YearMonth& ym);
/// A DateRange as `{"first": "YYYY-MM-DD", "last": "YYYY-MM-DD"}`.
void to_json(Json& j, const DateRange& r);
/// A DateRange from `{"first": ..., "last": ...}`; throws ParseError.
void from_json(const Json& j, DateRange& r);
/// A Holiday as `{"date": ..., "name": ...}`.
void to_json(Json& j, const Holiday& h);
/// A Closure as `{"first": ..., "last": ..., "reason": ...}`.
void to_json(Json& j, const Closure& c);
/// A Closure from `{"first": ..., "last": ..., "reason": ...}`.
void from_json(const Json& j, Closure& c);
/// A FrenchCalendar as `{"region": ..., "closures": [...]}` (no schema tag; see to_document()).
void to_json(Json& j, const FrenchCalendar& c);
/// A FrenchCalendar from `{"region": ..., "closures": [...]}`.
void from_json(const Json& j, FrenchCalendar& c);

/// The integer @p v as T, checked: a JSON integer in T's range, or a float with an integral value
/// in that range (1e3 reads as 1000; 1.5 or 1e46 are refused, never converted with undefined
/// behaviour); throws ParseError naming @p field otherwise.
template <class T>
T json_integer(const Json& v, std::string_view field) {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>, "reads integers only");
  using L = std::numeric_limits<T>;
  auto bad = [&](const std::string& why) -> T {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(field)}, why);
  };
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(L::max())) return bad("out of range");
    return static_cast<T>(u);
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if constexpr (L::is_signed) {
      if (i < static_cast<std::int64_t>(L::min()) || i > static_cast<std::int64_t>(L::max()))
        return bad("out of range");
    } else {
      if (i < 0 || static_cast<std::uint64_t>(i) > static_cast<std::uint64_t>(L::max()))
        return bad("out of range");
    }
    return static_cast<T>(i);
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    const double hi = std::ldexp(1.0, L::digits);  // max + 1, exactly
    const double lo = L::is_signed ? -hi : 0.0;
    if (!(d >= lo && d < hi)) return bad("out of range");
    if (d != std::trunc(d)) return bad("expected an integer, got " + std::to_string(d));
    return static_cast<T>(d);
  }
  return bad(std::string("expected an integer, got ") + v.type_name());
}

/// The field @p key of the object @p obj converted to T; throws ParseError naming the field when
/// it is absent or of the wrong type (integers: see json_integer()).
template <class T>
T json_field(const Json& obj, std::string_view key) {
  if (!obj.is_object()) {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, "expected a JSON object");
  }
  auto it = obj.find(key);
  if (it == obj.end()) {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, "missing field");
  }
  try {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      return json_integer<T>(*it, {});  // the catch below names the field
    } else {
      return it->template get<T>();
    }
  } catch (const ParseError& e) {
    SourceLocation w = e.where();
    w.field = w.field.empty() ? std::string(key) : std::string(key) + "." + w.field;
    throw ParseError(w, e.reason());
  } catch (const Error&) {
    throw;
  } catch (const nlohmann::json::exception&) {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(key)},
                     std::string("wrong type: ") + it->type_name());
  }
}

/// The field @p key of @p obj converted to T, or @p fallback when absent or null.
template <class T>
T json_field_or(const Json& obj, std::string_view key, T fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  return json_field<T>(obj, key);
}

/// Runs @p read, prefixing the field of any ParseError it throws with @p prefix: `slots[2]` and
/// `id` give `slots[2].id` (a field starting with `[` is appended as is); a nlohmann exception
/// becomes a ParseError "invalid value" naming @p prefix. The one way a reader of nested JSON
/// locates its errors.
template <class F>
auto json_located(const std::string& prefix, F&& read) -> decltype(read()) {
  try {
    return std::forward<F>(read)();
  } catch (const ParseError& e) {
    SourceLocation w = e.where();
    w.field = w.field.empty() ? prefix : prefix + (w.field.front() == '[' ? "" : ".") + w.field;
    throw ParseError(w, e.reason());
  } catch (const Error&) {
    throw;
  } catch (const nlohmann::json::exception&) {
    throw ParseError(SourceLocation{{}, 0, 0, prefix}, "invalid value");
  }
}

/// The array field @p key of the object @p obj decoded item by item with @p read (a callable
/// `T(const Json&)`): absent or null gives an empty vector, or a ParseError "missing field" when
/// @p required. Errors name `key[i].field`; a non-object @p obj or a non-array field is a
/// ParseError.
template <class T, class Read>
std::vector<T> json_array_field(const Json& obj, std::string_view key, bool required, Read read) {
  if (!obj.is_object()) {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, "expected a JSON object");
  }
  const auto it = obj.find(key);
  std::vector<T> out;
  if (it == obj.end() || it->is_null()) {
    if (required) throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, "missing field");
    return out;
  }
  if (!it->is_array()) {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, "expected an array");
  }
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    out.push_back(json_located(std::string(key) + "[" + std::to_string(i) + "]",
                               [&]() -> T { return read(item); }));
  }
  return out;
}

/// The array field @p key of @p obj decoded item by item with T's JSON converter (see the
/// overload with a reader); an item of the wrong JSON type is a ParseError "wrong type: ...".
template <class T>
std::vector<T> json_array_field(const Json& obj, std::string_view key, bool required = false) {
  return json_array_field<T>(obj, key, required, [](const Json& item) -> T {
    try {
      return item.template get<T>();
    } catch (const nlohmann::json::exception&) {
      throw ParseError(SourceLocation{}, std::string("wrong type: ") + item.type_name());
    }
  });
}

/// The enumeration field @p key of @p obj: its string converted by @p parse (a `*_from_string`
/// function); the InvalidArgument of an unknown name becomes a ParseError naming the field.
template <class E, class F>
E json_enum_field(const Json& obj, std::string_view key, F parse) {
  const auto text = json_field<std::string>(obj, key);
  try {
    return parse(text);
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{{}, 0, 0, std::string(key)}, e.what());
  }
}

/// The text of a nlohmann exception without its "[json.exception.x.N] " prefix and without any
/// quoted input (a parse error's "last read" text), bounded: what may go into an error message.
[[nodiscard]] std::string json_exception_text(const nlohmann::json::exception& e);

/// A schema tag `Name.N`, e.g. `FrenchCalendar.1`.
struct SchemaTag {
  std::string name;  ///< The schema name.
  int version = 0;   ///< The version, from 1.
  /// Parses `Name.N`; throws SchemaError.
  static SchemaTag parse(std::string_view text);
  /// The text form `Name.N`.
  [[nodiscard]] std::string to_string() const { return name + "." + std::to_string(version); }
};

/// Upgrade functions between versions of document schemas, OpenTimelineIO style: an upgrade
/// lifts a document from version N to N+1, and reading applies them step by step.
///
/// One process-wide instance, global(); registration is thread-safe.
class SchemaRegistry {
 public:
  /// A function lifting a document from version N to version N+1.
  using Upgrade = std::function<Json(Json)>;
  /// The process-wide registry.
  static SchemaRegistry& global();
  /// Registers the upgrade of schema @p name from @p from_version to from_version + 1,
  /// replacing any previous one.
  void add_upgrade(const std::string& name, int from_version, Upgrade fn);
  /// Whether an upgrade from @p from_version of @p name is registered.
  [[nodiscard]] bool has_upgrade(const std::string& name, int from_version) const;
  /// Lifts @p doc, tagged with schema @p name, to @p target_version: throws SchemaError if the
  /// tag is missing or names another schema, if the version is newer than @p target_version
  /// (written by a newer vaekit), or if an upgrade step is missing. @p where locates errors.
  [[nodiscard]] Json upgrade(Json doc, std::string_view name, int target_version,
                             const SourceLocation& where) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, Upgrade> upgrades_;
};

/// The document form of @p value: `{"schema": "T.N", ...fields}`. T declares `schema_name` and
/// `schema_version` and has an ADL to_json.
template <class T>
Json to_document(const T& value) {
  Json doc = Json::object();
  doc["schema"] = SchemaTag{std::string(T::schema_name), T::schema_version}.to_string();
  Json body = value;
  for (auto& [k, v] : body.items()) doc[k] = std::move(v);
  return doc;
}

/// Decodes a document of type T, upgrading older versions first; throws SchemaError or
/// ParseError naming @p source and the field.
template <class T>
T from_document(const Json& doc, std::string_view source = {}) {
  SourceLocation where{std::string(source), 0, 0, {}};
  Json current = SchemaRegistry::global().upgrade(doc, T::schema_name, T::schema_version, where);
  try {
    return current.template get<T>();
  } catch (const ParseError& e) {
    SourceLocation w = e.where();
    w.source = where.source;
    throw ParseError(w, e.reason());
  } catch (const Error&) {
    throw;
  } catch (const nlohmann::json::exception& e) {
    throw ParseError(where, std::string("invalid ") + std::string(T::schema_name) +
                                " document: " + json_exception_text(e));
  }
}

/// The deepest nesting of arrays and objects parse_json() accepts (the outermost value is depth
/// 1). Deeper input is refused instead of exhausting the stack of the recursive code that reads,
/// copies or prints a Json value.
inline constexpr std::size_t json_max_depth = 256;

/// Parses JSON text: the one JSON parser of vaekit, which every document reader and the event log
/// go through. Throws ParseError naming @p source with the line and column of a syntax error,
/// for nesting deeper than json_max_depth, and for a key repeated in one object (the field is
/// the object's path and the key, e.g. `data.case`). Messages never quote the input (nlohmann's
/// "last read" text is dropped): they say what is wrong and where.
[[nodiscard]] Json parse_json(std::string_view text, std::string_view source = {});

/// Parses and decodes a document of type T from JSON text.
template <class T>
T read_document(std::string_view text, std::string_view source = {}) {
  return from_document<T>(parse_json(text, source), source);
}

/// Reads and decodes a document of type T from the file @p path.
template <class T>
T load_document(const std::filesystem::path& path) {
  return read_document<T>(read_text_file(path), path.string());
}

/// Writes @p doc to @p path atomically, indented by 2 spaces, UTF-8, with a final newline.
void save_json(const std::filesystem::path& path, const Json& doc);

}  // namespace vaekit
