// The columnar event log: simdjson On-Demand reader (fast path) with the pathway reader as the
// reference for every record the fast path does not accept as-is.
#include "vaekit/analytics/columnar_log.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "vaekit/core/io.hpp"

namespace vaekit {

std::uint32_t StringPool::intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(s);
  index_.emplace(std::string(s), id);
  return id;
}

std::optional<std::uint32_t> StringPool::find(std::string_view s) const {
  auto it = index_.find(s);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t StringPool::memory_bytes() const noexcept {
  std::size_t n =
      strings_.size() * (2 * sizeof(std::string) + sizeof(std::uint32_t) + 2 * sizeof(void*));
  for (const auto& s : strings_) n += 2 * (s.size() > 15 ? s.size() + 1 : 0);
  return n;
}

std::uint16_t encode_payload(EventKind kind, const EventData& d) noexcept {
  auto plus1 = [](auto v) { return static_cast<std::uint16_t>(static_cast<unsigned>(v) + 1u); };
  switch (kind) {
    case EventKind::received: return d.channel ? plus1(*d.channel) : no_payload;
    case EventKind::appointment_held:
      return d.minutes ? static_cast<std::uint16_t>(*d.minutes + 1) : no_payload;
    case EventKind::oriented: return d.to ? plus1(*d.to) : no_payload;
    case EventKind::admissibility_decided:
      return static_cast<std::uint16_t>((d.decision ? plus1(*d.decision) : 0u) |
                                        (d.implicit ? payload_implicit : 0u));
    case EventKind::support_started: return d.funding ? plus1(*d.funding) : no_payload;
    case EventKind::jury_held: return d.result ? plus1(*d.result) : no_payload;
    default: return no_payload;
  }
}

EventData decode_payload(EventKind kind, std::uint16_t p) {
  EventData d;
  const auto low = static_cast<std::uint8_t>(p & 0xFF);
  switch (kind) {
    case EventKind::received:
      if (p != 0) d.channel = static_cast<Channel>(p - 1);
      break;
    case EventKind::appointment_held:
      if (p != 0) d.minutes = static_cast<std::int32_t>(p) - 1;
      break;
    case EventKind::oriented:
      if (p != 0) d.to = static_cast<OrientationTarget>(p - 1);
      break;
    case EventKind::admissibility_decided:
      if (low != 0) d.decision = static_cast<AdmissibilityDecision>(low - 1);
      d.implicit = (p & payload_implicit) != 0;
      break;
    case EventKind::support_started:
      if (p != 0) d.funding = static_cast<Funding>(p - 1);
      break;
    case EventKind::jury_held:
      if (p != 0) d.result = static_cast<JuryResult>(p - 1);
      break;
    default: break;
  }
  return d;
}

void ColumnarLog::reserve(std::size_t n) {
  case_.reserve(n);
  day_.reserve(n);
  millis_.reserve(n);
  offset_.reserve(n);
  kind_.reserve(n);
  role_.reserve(n);
  antenne_.reserve(n);
  staff_.reserve(n);
  certification_.reserve(n);
  payload_.reserve(n);
}

void ColumnarLog::append(std::string_view case_id, const Timestamp& at, EventKind kind, Role role,
                         std::string_view antenne, std::string_view staff,
                         std::string_view certification, std::uint16_t payload) {
  case_.push_back(cases_.intern(case_id));
  day_.push_back(at.date().days_since_epoch());
  millis_.push_back(at.has_time() ? at.millis_of_day() : -1);
  offset_.push_back(at.offset_minutes());
  kind_.push_back(kind);
  role_.push_back(role);
  antenne_.push_back(antenne.empty() ? no_string : antennes_.intern(antenne));
  staff_.push_back(staff.empty() ? no_string : staff_pool_.intern(staff));
  certification_.push_back(certification.empty() ? no_string
                                                 : certifications_.intern(certification));
  payload_.push_back(payload);
}

void ColumnarLog::append(const Event& e) {
  append(e.case_id, e.at, e.kind, e.role, e.antenne, e.staff, e.certification,
         encode_payload(e.kind, e.data));
}

Timestamp ColumnarLog::timestamp(std::size_t i) const {
  const Date d = Date::from_days(day_[i]);
  if (millis_[i] < 0) return Timestamp(d);
  return Timestamp(d, millis_[i], offset_[i]);
}

Event ColumnarLog::event(std::size_t i) const {
  Event e;
  e.case_id = cases_[case_[i]];
  e.at = timestamp(i);
  e.kind = kind_[i];
  e.role = role_[i];
  if (antenne_[i] != no_string) e.antenne = antennes_[antenne_[i]];
  if (staff_[i] != no_string) e.staff = staff_pool_[staff_[i]];
  if (certification_[i] != no_string) e.certification = certifications_[certification_[i]];
  e.data = decode_payload(kind_[i], payload_[i]);
  return e;
}

std::vector<Event> ColumnarLog::to_events() const {
  std::vector<Event> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.push_back(event(i));
  return out;
}

ColumnarLog ColumnarLog::from_events(std::span<const Event> events) {
  ColumnarLog log;
  log.reserve(events.size());
  for (const Event& e : events) log.append(e);
  log.records_read_ = events.size();
  return log;
}

ColumnarLog ColumnarLog::from_event_log(const EventLog& src) {
  ColumnarLog log = from_events(src.events);
  log.header_ = src.header;
  log.rejects_ = src.rejects;
  log.records_read_ = src.records_read;
  return log;
}

ColumnarLog ColumnarLog::from_cases(std::span<const Case> cases) {
  ColumnarLog log;
  std::size_t n = 0;
  for (const Case& c : cases) n += c.events().size();
  log.reserve(n);
  for (const Case& c : cases) {
    for (const Event& e : c.events()) log.append(e);
  }
  log.records_read_ = n;
  return log;
}

ColumnarLog::CaseGroups ColumnarLog::group_by_case() const {
  CaseGroups g;
  g.offsets.assign(cases_.size() + 1, 0);
  for (std::uint32_t c : case_) ++g.offsets[c + 1];
  for (std::size_t c = 0; c < cases_.size(); ++c) g.offsets[c + 1] += g.offsets[c];
  g.order.resize(size());
  std::vector<std::uint32_t> next(g.offsets.begin(), g.offsets.end() - 1);
  for (std::size_t i = 0; i < size(); ++i)
    g.order[next[case_[i]]++] = static_cast<std::uint32_t>(i);
  return g;
}

std::size_t ColumnarLog::memory_bytes() const noexcept {
  return size() * bytes_per_event + cases_.memory_bytes() + antennes_.memory_bytes() +
         staff_pool_.memory_bytes() + certifications_.memory_bytes();
}

ColumnarLog ColumnarLog::map_identifiers(
    const std::function<std::string(std::string_view)>& pseudonym_case,
    const std::function<std::string(std::string_view)>& pseudonym_staff) const {
  ColumnarLog out = *this;
  out.cases_ = StringPool{};
  out.staff_pool_ = StringPool{};
  std::vector<std::uint32_t> case_map(cases_.size()), staff_map(staff_pool_.size());
  for (std::uint32_t i = 0; i < cases_.size(); ++i)
    case_map[i] = out.cases_.intern(pseudonym_case(cases_[i]));
  for (std::uint32_t i = 0; i < staff_pool_.size(); ++i) {
    staff_map[i] = out.staff_pool_.intern(pseudonym_staff(staff_pool_[i]));
  }
  for (auto& c : out.case_) c = case_map[c];
  for (auto& s : out.staff_) {
    if (s != no_string) s = staff_map[s];
  }
  out.header_.pseudonymised = true;
  out.header_.extra = Json();
  out.rejects_.clear();
  return out;
}

bool ColumnarLog::same_events(const ColumnarLog& o) const {
  if (size() != o.size()) return false;
  auto str = [](const StringPool& p, std::uint32_t i) -> std::string_view {
    return i == no_string ? std::string_view() : std::string_view(p[i]);
  };
  for (std::size_t i = 0; i < size(); ++i) {
    if (cases_[case_[i]] != o.cases_[o.case_[i]] || day_[i] != o.day_[i] ||
        millis_[i] != o.millis_[i] || offset_[i] != o.offset_[i] || kind_[i] != o.kind_[i] ||
        role_[i] != o.role_[i] || payload_[i] != o.payload_[i] ||
        str(antennes_, antenne_[i]) != str(o.antennes_, o.antenne_[i]) ||
        str(staff_pool_, staff_[i]) != str(o.staff_pool_, o.staff_[i]) ||
        str(certifications_, certification_[i]) != str(o.certifications_, o.certification_[i])) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The reader.

namespace {

namespace od = simdjson::ondemand;

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

/// A record as the fast path understood it (views into the line or the parser's buffer).
struct FastRecord {
  std::string_view case_id, at, event, role, antenne, staff, certification;
  Timestamp ts;
  EventKind kind = EventKind::received;
  Role role_value = Role::system;
  EventData data;  // enum fields and minutes/hours/implicit only; no strings kept
};

template <class E, class F>
bool enum_value(od::value v, F parse, std::optional<E>& out) {
  std::string_view s;
  if (v.get_string().get(s)) return false;
  auto r = parse(s);
  if (!r) return false;
  out = *r;
  return true;
}

bool optional_string(od::value v, std::string_view& out) {
  od::json_type t;
  if (v.type().get(t)) return false;
  if (t == od::json_type::null) {
    bool is_null = false;
    if (v.is_null().get(is_null) || !is_null) return false;
    out = {};
    return true;
  }
  return !v.get_string().get(out);
}

bool parse_data(od::value v, FastRecord& r) {
  od::json_type t;
  if (v.type().get(t)) return false;
  if (t == od::json_type::null) {
    bool is_null = false;
    return !v.is_null().get(is_null) && is_null;
  }
  od::object obj;
  if (v.get_object().get(obj)) return false;
  unsigned seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    od::value fv;
    if (field.value().get(fv)) return false;
    unsigned bit = 0;
    EventData& d = r.data;
    if (key == "channel") {
      bit = 1;
      if (!enum_value<Channel>(fv, channel_from_string, d.channel)) return false;
    } else if (key == "date") {
      bit = 2;
      std::string_view s;
      if (fv.get_string().get(s)) return false;
      d.date = Date::try_parse(s);
      if (!d.date) return false;
    } else if (key == "minutes") {
      bit = 4;
      std::int64_t m = 0;
      if (fv.get_int64().get(m) || m < 0 || m > 24 * 60) return false;
      d.minutes = static_cast<std::int32_t>(m);
    } else if (key == "to") {
      bit = 8;
      if (!enum_value<OrientationTarget>(fv, orientation_target_from_string, d.to)) return false;
    } else if (key == "certifier" || key == "reason") {
      bit = key == "reason" ? 16u : 32u;
      std::string_view s;
      if (fv.get_string().get(s)) return false;
    } else if (key == "decision") {
      bit = 64;
      if (!enum_value<AdmissibilityDecision>(fv, admissibility_decision_from_string, d.decision)) {
        return false;
      }
    } else if (key == "implicit") {
      bit = 128;
      bool b = false;
      if (fv.get_bool().get(b)) return false;
      d.implicit = b;
    } else if (key == "funding") {
      bit = 256;
      if (!enum_value<Funding>(fv, funding_from_string, d.funding)) return false;
    } else if (key == "hours") {
      bit = 512;
      double h = 0;
      if (fv.get_double().get(h) || !std::isfinite(h) || h < 0 || h > 10'000) return false;
      d.hours = h;
    } else if (key == "result") {
      bit = 1024;
      if (!enum_value<JuryResult>(fv, jury_result_from_string, d.result)) return false;
    } else {
      return false;  // unknown data field: the reference reader keeps it (slow path)
    }
    if ((seen & bit) != 0) return false;  // duplicate key
    seen |= bit;
  }
  return true;
}

/// Parses one line on the fast path; false when the line needs the reference reader (an error,
/// an unknown field, a duplicate key or anything unusual).
bool fast_parse(od::parser& parser, const char* p, std::size_t len, std::size_t capacity,
                FastRecord& r) {
  od::document doc;
  if (parser.iterate(p, len, capacity).get(doc)) return false;
  od::object obj;
  if (doc.get_object().get(obj)) return false;
  unsigned seen = 0;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    od::value v;
    if (field.value().get(v)) return false;
    unsigned bit = 0;
    if (key == "case") {
      bit = 1;
      if (v.get_string().get(r.case_id) || r.case_id.empty()) return false;
    } else if (key == "at") {
      bit = 2;
      if (v.get_string().get(r.at)) return false;
    } else if (key == "event") {
      bit = 4;
      if (v.get_string().get(r.event)) return false;
    } else if (key == "role") {
      bit = 8;
      if (v.get_string().get(r.role)) return false;
    } else if (key == "antenne") {
      bit = 16;
      if (!optional_string(v, r.antenne)) return false;
    } else if (key == "staff") {
      bit = 32;
      if (!optional_string(v, r.staff)) return false;
    } else if (key == "certification") {
      bit = 64;
      if (!optional_string(v, r.certification)) return false;
    } else if (key == "data") {
      bit = 128;
      if (!parse_data(v, r)) return false;
    } else {
      return false;  // unknown top-level field: the reference reader keeps it (slow path)
    }
    if ((seen & bit) != 0) return false;
    seen |= bit;
  }
  if ((seen & 15u) != 15u) return false;
  const char* trailing = nullptr;
  if (!doc.current_location().get(trailing)) return false;  // content after the object
  auto kind = event_kind_from_string(r.event);
  auto role = role_from_string(r.role);
  if (!kind || !role) return false;
  r.kind = *kind;
  r.role_value = *role;
  if (r.at.size() == 10) {
    auto d = Date::try_parse(r.at);
    if (!d) return false;
    r.ts = Timestamp(*d);
  } else {
    try {
      r.ts = Timestamp::parse(r.at);
    } catch (const Error&) {
      return false;
    }
  }
  // validate_event_data, without building an Event.
  const EventData& d = r.data;
  switch (r.kind) {
    case EventKind::oriented:
      if (!d.to) return false;
      break;
    case EventKind::admissibility_decided:
      if (!d.decision) return false;
      break;
    case EventKind::jury_held:
      if (!d.result) return false;
      break;
    case EventKind::certification_chosen:
      if (r.certification.empty()) return false;
      break;
    default: break;
  }
  if (d.implicit && r.kind != EventKind::admissibility_decided) return false;
  return true;
}

}  // namespace

ColumnarLog ColumnarLog::parse(std::string_view text, std::string_view source, ReadMode mode) {
  // simdjson reads up to SIMDJSON_PADDING bytes past a record: work on a padded copy.
  simdjson::padded_string buf(text);
  return parse_padded(buf.data(), buf.size(), source, mode);
}

ColumnarLog ColumnarLog::parse_padded(const char* base, std::size_t total, std::string_view source,
                                      ReadMode mode) {
  ColumnarLog log;
  const std::string src(source);
  log.reserve(total / 120 + 16);
  od::parser parser;
  std::size_t pos = 0, line_no = 0;
  bool first_record = true;
  if (total >= 3 && std::memcmp(base, "\xEF\xBB\xBF", 3) == 0) pos = 3;
  FastRecord r;
  while (pos < total) {
    const void* nl = std::memchr(base + pos, '\n', total - pos);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : total;
    std::string_view line(base + pos, end - pos);
    const std::size_t start = pos;
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || blank(line)) continue;
    if (first_record) {
      first_record = false;
      if (line.find("\"schema\"") != std::string_view::npos) {
        // The header: exactly the pathway reader's rules (it throws on a bad header).
        std::string one(line_no - 1, '\n');
        one.append(line);
        EventLog h = parse_event_log(one, src, mode);
        if (h.header.present) {
          log.header_ = std::move(h.header);
          continue;
        }
      }
    }
    ++log.records_read_;
    r = FastRecord{};
    if (fast_parse(parser, line.data(), line.size(), total + simdjson::SIMDJSON_PADDING - start,
                   r)) {
      log.case_.push_back(log.cases_.intern(r.case_id));
      log.day_.push_back(r.ts.date().days_since_epoch());
      log.millis_.push_back(r.ts.has_time() ? r.ts.millis_of_day() : -1);
      log.offset_.push_back(r.ts.offset_minutes());
      log.kind_.push_back(r.kind);
      log.role_.push_back(r.role_value);
      log.antenne_.push_back(r.antenne.empty() ? no_string : log.antennes_.intern(r.antenne));
      log.staff_.push_back(r.staff.empty() ? no_string : log.staff_pool_.intern(r.staff));
      log.certification_.push_back(
          r.certification.empty() ? no_string : log.certifications_.intern(r.certification));
      log.payload_.push_back(encode_payload(r.kind, r.data));
      continue;
    }
    // Slow path: the pathway's reader decides and words the error.
    const SourceLocation where{src, line_no, 0, {}};
    try {
      log.append(parse_event_line(line, where));
    } catch (const ParseError& e) {
      if (mode == ReadMode::strict) throw;
      log.rejects_.push_back(Reject{src, line_no, e.where().field, e.reason(), {}});
    }
  }
  return log;
}

ColumnarLog ColumnarLog::read(const std::filesystem::path& path, ReadMode mode) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    throw IoError(path.string(), std::string("cannot open for reading: ") + std::strerror(errno));
  }
  std::error_code ec;
  const auto size = static_cast<std::size_t>(std::filesystem::file_size(path, ec));
  if (ec) {
    std::fclose(f);
    throw IoError(path.string(), "cannot read the file size: " + ec.message());
  }
  simdjson::padded_string buf(size);
  const std::size_t got = size == 0 ? 0 : std::fread(buf.data(), 1, size, f);
  std::fclose(f);
  if (got != size) throw IoError(path.string(), "read failed");
  return parse_padded(buf.data(), size, path.string(), mode);
}

}  // namespace vaekit
