#include "vaekit/core/json.hpp"

#include <charconv>

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

Json parse_json(std::string_view text, std::string_view source) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // Translate the byte offset into a line and column.
    std::size_t line = 1, col = 1;
    const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string what = e.what();
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
    if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
    if (auto p = what.find(": "); p != std::string::npos && what.rfind("parse error", 0) == 0) {
      what = what.substr(p + 2);
    }
    throw ParseError(SourceLocation{std::string(source), line, col, {}}, "invalid JSON: " + what);
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range.406: a number too large for a double
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw ParseError(SourceLocation{std::string(source), 0, 0, {}}, "invalid JSON: " + what);
  }
}

void save_json(const std::filesystem::path& path, const Json& doc) {
  write_file_atomic(path, doc.dump(2) + "\n");
}

}  // namespace vaekit
