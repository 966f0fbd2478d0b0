// The columnar event log: columns, interned strings, and a handler of the pathway's event-log
// scanner (scan_event_log) as its reader.
#include "vaekit/analytics/event_log.hpp"

#include "vaekit/core/io.hpp"
#include "vaekit/pathway/event_scan.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit {

// The payload is derived from the vocabulary table (vaekit/pathway/vocabulary.hpp: each field's
// PayloadRole), so a field added there is encoded here without a change.
static_assert(payload_flag_bit == payload_implicit);

std::uint32_t encode_payload(EventKind kind, const EventData& d) noexcept {
  return payload_of(kind, d);
}

EventData decode_payload(EventKind kind, std::uint32_t p) {
  return data_of_payload(kind, p);
}

void EventLog::reserve(std::size_t n) {
  case_.reserve(n);
  time_.reserve(n);
  kind_.reserve(n);
  role_.reserve(n);
  antenne_.reserve(n);
  staff_.reserve(n);
  certification_.reserve(n);
  payload_.reserve(n);
}

void EventLog::append(std::string_view case_id, const Timestamp& at, EventKind kind, Role role,
                      std::string_view antenne, std::string_view staff,
                      std::string_view certification, std::uint32_t payload) {
  append_interned(cases_.intern(case_id), at, kind, role, intern_antenne(antenne),
                  intern_staff(staff), intern_certification(certification), payload);
}

void EventLog::append_interned(std::uint32_t case_index, const Timestamp& at, EventKind kind,
                               Role role, std::uint32_t antenne, std::uint32_t staff,
                               std::uint32_t certification, std::uint32_t payload) {
  case_.push_back(case_index);
  time_.push_back(pack_time(at.date().days_since_epoch(), at.has_time() ? at.millis_of_day() : -1,
                            at.offset_minutes()));
  kind_.push_back(kind);
  role_.push_back(role);
  antenne_.push_back(antenne);
  staff_.push_back(staff);
  certification_.push_back(certification);
  payload_.push_back(payload);
}

std::vector<std::int32_t> EventLog::days() const {
  std::vector<std::int32_t> out(size());
  for (std::size_t i = 0; i < size(); ++i) out[i] = day_of(time_[i]);
  return out;
}

void EventLog::append(const Event& e) {
  append(e.case_id, e.at, e.kind, e.role, e.antenne, e.staff, e.certification,
         encode_payload(e.kind, e.data));
}

Timestamp EventLog::timestamp(std::size_t i) const {
  const Date d = Date::from_days(day_of(time_[i]));
  const std::int32_t millis = millis_of(time_[i]);
  if (millis < 0) return Timestamp(d);
  return Timestamp(d, millis, offset_of(time_[i]));
}

Event EventLog::event(std::size_t i) const {
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

std::vector<Event> EventLog::to_events() const {
  std::vector<Event> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.push_back(event(i));
  return out;
}

EventLog EventLog::from_events(std::span<const Event> events) {
  EventLog log;
  log.reserve(events.size());
  for (const Event& e : events) log.append(e);
  log.records_read_ = events.size();
  return log;
}

EventLog EventLog::from_event_records(const EventRecords& src) {
  EventLog log = from_events(src.events);
  log.header_ = src.header;
  log.rejects_ = src.rejects;
  log.records_read_ = src.records_read;
  return log;
}

EventLog EventLog::from_cases(std::span<const Case> cases) {
  EventLog log;
  std::size_t n = 0;
  for (const Case& c : cases) n += c.events().size();
  log.reserve(n);
  for (const Case& c : cases) {
    for (const Event& e : c.events()) log.append(e);
  }
  log.records_read_ = n;
  return log;
}

EventLog::CaseGroups EventLog::group_by_case() const {
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

std::size_t EventLog::memory_bytes() const noexcept {
  return size() * bytes_per_event + cases_.memory_bytes() + antennes_.memory_bytes() +
         staff_pool_.memory_bytes() + certifications_.memory_bytes();
}

EventLog EventLog::map_identifiers(
    const std::function<std::string(std::string_view)>& pseudonym_case,
    const std::function<std::string(std::string_view)>& pseudonym_staff) const {
  EventLog out = *this;
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

bool EventLog::same_events(const EventLog& o) const {
  if (size() != o.size()) return false;
  auto str = [](const StringPool& p, std::uint32_t i) -> std::string_view {
    return i == no_string ? std::string_view() : p[i];
  };
  for (std::size_t i = 0; i < size(); ++i) {
    if (cases_[case_[i]] != o.cases_[o.case_[i]] || time_[i] != o.time_[i] ||
        kind_[i] != o.kind_[i] || role_[i] != o.role_[i] || payload_[i] != o.payload_[i] ||
        str(antennes_, antenne_[i]) != str(o.antennes_, o.antenne_[i]) ||
        str(staff_pool_, staff_[i]) != str(o.staff_pool_, o.staff_[i]) ||
        str(certifications_, certification_[i]) != str(o.certifications_, o.certification_[i])) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The reader: the pathway's scanner, each record appended to the columns.

class ColumnarReader final : public EventLogHandler {
 public:
  explicit ColumnarReader(EventLog& log) : log_(log) {}
  void header(EventLogHeader h) override { log_.header_ = std::move(h); }
  void event(const EventView& v, std::size_t /*line*/) override {
    log_.append(v.case_id, v.at, v.kind, v.role, v.antenne, v.staff, v.certification,
                encode_payload(v.kind, v.data));
  }
  void event(Event&& e, std::size_t /*line*/) override { log_.append(e); }
  void reject(Reject r) override { log_.rejects_.push_back(std::move(r)); }

 private:
  EventLog& log_;
};

EventLog EventLog::parse(std::string_view text, std::string_view source, ReadMode mode,
                         unsigned threads) {
  EventLog log;
  // Reserved pages that stay untouched are never resident: over-reserve rather than regrow.
  log.reserve(text.size() / 64 + 16);
  ColumnarReader reader(log);
  log.records_read_ = scan_event_log(text, reader, source, mode, threads).records;
  return log;
}

EventLog EventLog::read(const std::filesystem::path& path, ReadMode mode, unsigned threads) {
  const MappedFile file(path);
  require_nonempty(file.text(), path,
                   "an event log has at least one line (its EventLog.1 header or an event)");
  return parse(file.text(), path.string(), mode, threads);
}

}  // namespace vaekit
