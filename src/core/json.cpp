#include "vaekit/core/json.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vaekit {

void to_json(Json& j, const Date& d) {
  j = d.to_string();
}

void from_json(const Json& j, Date& d) {
  if (!j.is_string()) {
    throw ParseError(SourceLocation{}, std::string("expected a date string, got ") + j.type_name());
  }
  d = Date::parse(j.get_ref<const std::string&>());
}

void to_json(Json& j, const YearMonth& ym) {
  j = ym.to_string();
}

void from_json(const Json& j, YearMonth& ym) {
  if (!j.is_string()) {
    throw ParseError(SourceLocation{},
                     std::string("expected a year-month string, got ") + j.type_name());
  }
  try {
    ym = YearMonth::from_string(j.get_ref<const std::string&>());
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{}, e.what());
  }
}

void to_json(Json& j, const DateRange& r) {
  j = Json::object();
  j["first"] = r.first();
  j["last"] = r.last();
}

void from_json(const Json& j, DateRange& r) {
  const auto first = json_field<Date>(j, "first");
  const auto last = json_field<Date>(j, "last");
  if (last < first)
    throw ParseError(SourceLocation{{}, 0, 0, "last"}, "range ends before it starts");
  r = DateRange(first, last);
}

void to_json(Json& j, const Holiday& h) {
  j = Json::object();
  j["date"] = h.date;
  j["name"] = h.name;
}

void to_json(Json& j, const Closure& c) {
  j = Json::object();
  j["first"] = c.period.first();
  j["last"] = c.period.last();
  j["reason"] = c.reason;
}

void from_json(const Json& j, Closure& c) {
  DateRange r = j.get<DateRange>();
  c = Closure{r, json_field_or<std::string>(j, "reason", "")};
}

void to_json(Json& j, const FrenchCalendar& c) {
  j = Json::object();
  j["region"] = std::string(to_string(c.region()));
  j["closures"] = Json::array();
  for (const auto& cl : c.closures()) j["closures"].push_back(cl);
}

void from_json(const Json& j, FrenchCalendar& c) {
  const auto region_name = json_field<std::string>(j, "region");
  CalendarRegion region{};
  try {
    region = calendar_region_from_string(region_name);
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{{}, 0, 0, "region"}, e.what());
  }
  FrenchCalendar out(region);
  const Json closures = json_field_or<Json>(j, "closures", Json::array());
  if (!closures.is_array())
    throw ParseError(SourceLocation{{}, 0, 0, "closures"}, "expected an array");
  std::size_t i = 0;
  for (const auto& item : closures) {
    try {
      auto cl = item.get<Closure>();
      out.add_closure(cl.period, cl.reason);
    } catch (const ParseError& e) {
      SourceLocation w = e.where();
      w.field = "closures[" + std::to_string(i) + "]" + (w.field.empty() ? "" : "." + w.field);
      throw ParseError(w, e.reason());
    }
    ++i;
  }
  c = std::move(out);
}

SchemaTag SchemaTag::parse(std::string_view text) {
  const auto dot = text.rfind('.');
  SourceLocation where{{}, 0, 0, "schema"};
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == text.size()) {
    throw SchemaError(where, "schema tag " + excerpt(text) + " is not of the form Name.N");
  }
  int version = 0;
  const char* b = text.data() + dot + 1;
  const char* e = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(b, e, version);
  if (ec != std::errc() || ptr != e || version < 1) {
    throw SchemaError(where, "schema tag " + excerpt(text) + " has no valid version number");
  }
  return SchemaTag{std::string(text.substr(0, dot)), version};
}

SchemaRegistry& SchemaRegistry::global() {
  static SchemaRegistry registry;
  return registry;
}

void SchemaRegistry::add_upgrade(const std::string& name, int from_version, Upgrade fn) {
  std::lock_guard lock(mutex_);
  upgrades_[{name, from_version}] = std::move(fn);
}

bool SchemaRegistry::has_upgrade(const std::string& name, int from_version) const {
  std::lock_guard lock(mutex_);
  return upgrades_.count({name, from_version}) != 0;
}

Json SchemaRegistry::upgrade(Json doc, std::string_view name, int target_version,
                             const SourceLocation& where) const {
  SourceLocation w = where;
  w.field = "schema";
  if (!doc.is_object()) throw SchemaError(w, "expected a JSON object with a \"schema\" tag");
  auto it = doc.find("schema");
  if (it == doc.end() || !it->is_string()) {
    throw SchemaError(w, "missing \"schema\" tag, expected \"" + std::string(name) + "." +
                             std::to_string(target_version) + "\"");
  }
  SchemaTag tag;
  try {
    tag = SchemaTag::parse(it->get_ref<const std::string&>());
  } catch (const SchemaError& e) {
    throw SchemaError(w, e.reason());
  }
  if (tag.name != name) {
    throw SchemaError(w,
                      "document is a " + excerpt(tag.name) + ", expected a " + std::string(name));
  }
  if (tag.version > target_version) {
    throw SchemaError(w, "document is " + tag.to_string() + " but this vaekit reads " +
                             std::string(name) + " up to version " +
                             std::to_string(target_version) + "; upgrade vaekit");
  }
  while (tag.version < target_version) {
    Upgrade fn;
    {
      std::lock_guard lock(mutex_);
      auto u = upgrades_.find({tag.name, tag.version});
      if (u == upgrades_.end()) {
        throw SchemaError(w, "no upgrade registered from " + tag.to_string() + " to version " +
                                 std::to_string(tag.version + 1));
      }
      fn = u->second;
    }
    doc = fn(std::move(doc));
    ++tag.version;
    doc["schema"] = tag.to_string();
  }
  return doc;
}

namespace {

// The line and 1-based column of byte @p offset of @p text.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

// The offset of the bracket that opens nesting level @p depth (1-based) in @p text, outside
// strings; text.size() when the text never nests that deep.
std::size_t depth_offset(std::string_view text, std::size_t depth) {
  std::size_t d = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++d == depth) return i;
    } else if ((c == ']' || c == '}') && d > 0) {
      --d;
    }
  }
  return text.size();
}

// The keys already seen in one object: a short list, then a hash set for large objects (so that
// an object of a million keys is not quadratic).
struct Frame {
  bool object = false;
  std::size_t index = 0;  // arrays: the index of the current element
  std::string key;        // objects: the current key
  std::vector<std::string> small;
  std::unordered_set<std::string> big;

  void reset(bool is_object) {
    object = is_object;
    index = 0;
    key.clear();
    small.clear();
    big.clear();
  }
  // False when @p k was seen before.
  bool insert(const std::string& k) {
    if (big.empty()) {
      for (const auto& s : small) {
        if (s == k) return false;
      }
      small.push_back(k);
      if (small.size() > 16) {
        for (auto& s : small) big.insert(std::move(s));
        small.clear();
      }
      return true;
    }
    return big.insert(k).second;
  }
};

// The state of one parse_json call, seen by nlohmann's parser callback.
class ParseState {
 public:
  ParseState(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  bool operator()(int depth, nlohmann::json::parse_event_t event, Json& parsed) {
    using E = nlohmann::json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start: {
        if (static_cast<std::size_t>(depth) + 1 > json_max_depth) too_deep();
        if (used_ == frames_.size()) frames_.emplace_back();
        frames_[used_++].reset(event == E::object_start);
        break;
      }
      case E::key: {
        Frame& f = frames_[used_ - 1];
        f.key = parsed.get_ref<const std::string&>();
        if (!f.insert(f.key)) duplicate();
        break;
      }
      case E::object_end:
      case E::array_end:
        if (used_ > 0) --used_;
        next_element();
        break;
      case E::value: next_element(); break;
    }
    return true;
  }

 private:
  void next_element() {
    if (used_ > 0 && !frames_[used_ - 1].object) ++frames_[used_ - 1].index;
  }

  // The path of the current value, e.g. `closures[2].reason`.
  [[nodiscard]] std::string path() const {
    std::string out;
    for (std::size_t i = 0; i < used_ && out.size() < 200; ++i) {
      const Frame& f = frames_[i];
      if (f.object) {
        if (!out.empty()) out += '.';
        out += safe_message(f.key, 64);
      } else {
        out += '[' + std::to_string(f.index) + ']';
      }
    }
    return out;
  }

  [[noreturn]] void too_deep() const {
    const auto [line, col] = line_column(text_, depth_offset(text_, json_max_depth + 1));
    throw ParseError(SourceLocation{std::string(source_), line, col, {}},
                     "invalid JSON: nested deeper than " + std::to_string(json_max_depth) +
                         " arrays or objects");
  }

  [[noreturn]] void duplicate() const {
    throw ParseError(SourceLocation{std::string(source_), 0, 0, path()},
                     "invalid JSON: duplicate key (each key may appear once in an object)");
  }

  std::string_view text_;
  std::string_view source_;
  std::vector<Frame> frames_;
  std::size_t used_ = 0;
};

}  // namespace

std::string json_exception_text(const nlohmann::json::exception& e) {
  std::string what = e.what();
  // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while
  // parsing value - invalid literal; last read: 'tru,'; expected ..."
  if (auto p = what.find("] "); p != std::string::npos && what.rfind("[json.exception.", 0) == 0) {
    what = what.substr(p + 2);
  }
  if (what.rfind("parse error", 0) == 0) {
    if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
  }
  // Drop the quoted input: "last read: '...'" (the input up to the error, possibly a whole
  // free-text field) and the number of "number overflow parsing '...'".
  const auto last_read = what.find("; last read: '");
  if (last_read != std::string::npos) {
    std::string expected;
    const auto e_pos = what.rfind("; expected ");
    if (e_pos != std::string::npos && e_pos > last_read) {
      // Only nlohmann's own token names, never input text.
      static constexpr std::string_view tokens[] = {"true literal",
                                                    "false literal",
                                                    "null literal",
                                                    "string literal",
                                                    "number literal",
                                                    "'['",
                                                    "'{'",
                                                    "']'",
                                                    "'}'",
                                                    "':'",
                                                    "','",
                                                    "end of input",
                                                    "'[', '{', or a literal"};
      const std::string_view tail = std::string_view(what).substr(e_pos + 11);
      for (auto t : tokens) {
        if (tail == t) expected = "; expected " + std::string(t);
      }
    }
    what = what.substr(0, last_read) + expected;
  }
  if (auto p = what.find(" parsing '"); p != std::string::npos) what = what.substr(0, p);
  return safe_message(what, 200);
}

Json parse_json(std::string_view text, std::string_view source) {
  ParseState state(text, source);
  try {
    return Json::parse(
        text.begin(), text.end(),
        [&state](int depth, nlohmann::json::parse_event_t event, Json& parsed) {
          return state(depth, event, parsed);
        },
        true, false);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, col] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    throw ParseError(SourceLocation{std::string(source), line, col, {}},
                     "invalid JSON: " + json_exception_text(e));
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range.406: a number too large for a double
    throw ParseError(SourceLocation{std::string(source), 0, 0, {}},
                     "invalid JSON: " + json_exception_text(e));
  }
}

void save_json(const std::filesystem::path& path, const Json& doc) {
  write_file_atomic(path, doc.dump(2) + "\n");
}

}  // namespace vaekit
