// The event log v1 scanner: simdjson On-Demand per line, in place, with the full reader
// (parse_event_line, nlohmann) deciding every line the fast path does not take as-is.
#include "vaekit/pathway/event_scan.hpp"

#include <simdjson.h>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "event_scan_internal.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/pathway/vocabulary.hpp"
#include "vocabulary_access.hpp"

namespace vaekit {
namespace {

// The enum and number fields of EventData (its strings and extra aside) as one value: what a view
// carries besides its strings, copied between views, packed batches and events. Derived from the
// vocabulary table.
using vocab::DataScalars;

}  // namespace

void EventView::assign_to(Event& e) const {
  e.case_id.assign(case_id);
  e.at = at;
  e.kind = kind;
  e.role = role;
  e.antenne.assign(antenne);
  e.staff.assign(staff);
  e.certification.assign(certification);
  EventData& d = e.data;
  vocab::copy_scalars(data, d);
  d.certifier.assign(certifier);
  d.reason.assign(reason);
  // A view never carries a list field nor a text field other than certifier and reason (those
  // lines take the full reader): empty any in @p e.
  vocab::for_each_field([&](auto I) {
    constexpr const FieldSpec& f = event_data_fields[I];
    if constexpr (f.type == FieldType::text_list ||
                  (f.type == FieldType::text && f.name != "certifier" && f.name != "reason")) {
      vocab::member<I>(d).clear();
    }
  });
  if (!d.extra.is_null()) d.extra = Json();
  if (!e.extra.is_null()) e.extra = Json();
}

Event EventView::to_event() const {
  Event e;
  assign_to(e);
  return e;
}

std::atomic<std::size_t> pathway_internal::scan_chunk_bytes{std::size_t{1} << 20};

const CaseState* CaseStates::find(std::string_view id) const {
  auto i = ids.find(id);
  return i ? &states[*i] : nullptr;
}

namespace {

namespace od = simdjson::ondemand;

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// Whether the raw key at @p raw (just after its opening quote) is exactly @p k. The text is
// padded (SIMDJSON_PADDING readable bytes after the line), so reading len + 1 bytes is safe.
template <std::size_t N>
bool key_is(const char* raw, const char (&k)[N]) noexcept {
  return std::memcmp(raw, k, N - 1) == 0 && raw[N - 1] == '"';
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

// The index of the data field whose raw key is at @p raw, or data_field_count (unknown or escaped).
std::size_t data_key(const char* raw) noexcept {
  std::size_t found = data_field_count;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)((std::memcmp(raw, event_data_fields[I].name.data(), event_data_fields[I].name.size()) ==
                        0 &&
                    raw[event_data_fields[I].name.size()] == '"'
                ? (found = I, true)
                : false) ||
           ...);
  }
  (std::make_index_sequence<data_field_count>{});
  return found;
}

// Reads field @p I of `data` on the fast path, as its vocabulary row says; false when the full
// reader must decide (a wrong type, a value out of range, an array).
template <std::size_t I>
bool read_fast(od::value v, EventView& r) {
  constexpr const FieldSpec& f = event_data_fields[I];
  auto& out = vocab::member<I>(r.data);
  if constexpr (f.type == FieldType::enumeration) {
    std::string_view s;
    if (v.get_string().get(s)) return false;
    out = vocab::enum_value<I>(s);
    return out.has_value();
  } else if constexpr (f.type == FieldType::date) {
    std::string_view s;
    if (v.get_string().get(s)) return false;
    out = Date::try_parse(s);
    return out.has_value();
  } else if constexpr (f.type == FieldType::integer) {
    std::int64_t m = 0;
    if (v.get_int64().get(m) || m < static_cast<std::int64_t>(f.min) ||
        m > static_cast<std::int64_t>(f.max) ||
        (m - static_cast<std::int64_t>(f.min)) % f.step != 0) {
      return false;
    }
    out = static_cast<std::int32_t>(m);
    return true;
  } else if constexpr (f.type == FieldType::number) {
    double h = 0;
    if (v.get_double().get(h) || !std::isfinite(h) || h < f.min || h > f.max) return false;
    out = h;
    return true;
  } else if constexpr (f.type == FieldType::boolean) {
    bool b = false;
    if (v.get_bool().get(b)) return false;
    out = b;
    return true;
  } else if constexpr (f.type == FieldType::text) {
    // Free text stays a view into the line: EventView's member of the same name. Any other
    // text field takes the full reader.
    if constexpr (f.name == "certifier")
      return !v.get_string().get(r.certifier);
    else if constexpr (f.name == "reason")
      return !v.get_string().get(r.reason);
    else
      return false;
  } else {
    // An array field (`blocks`, `jury`: issue 12): the full reader reads or refuses it.
    return false;
  }
}

// Reads `data` on the fast path; @p present gets the fields set (vocab::field_bit()).
bool parse_data(od::value v, EventView& r, std::uint32_t& present) {
  od::json_type t;
  if (v.type().get(t)) return false;
  if (t == od::json_type::null) {
    bool is_null = false;
    return !v.is_null().get(is_null) && is_null;
  }
  od::object obj;
  if (v.get_object().get(obj)) return false;
  std::uint32_t seen = 0;
  for (auto field : obj) {
    od::field f;
    if (std::move(field).get(f)) return false;
    // An unknown or escaped data key: the full reader keeps or refuses it, so both readers give
    // the same Event.
    const std::size_t i = data_key(f.key().raw());
    if (i == data_field_count) return false;
    const std::uint32_t bit = vocab::field_bit(i);
    if ((seen & bit) != 0) return false;  // duplicate key
    seen |= bit;
    od::value fv = f.value();
    if (!vocab::visit_field(i, [&](auto I) { return read_fast<I>(fv, r); })) return false;
  }
  present = vocab::set_mask(r.data);
  return true;
}

// The fields each event requires, and refuses (vocabulary table), as masks of field bits.
constexpr auto kRequired = [] {
  std::array<std::uint32_t, event_kind_count> m{};
  for (std::size_t k = 0; k < event_kind_count; ++k)
    m[k] = vocab::required_mask(static_cast<EventKind>(k));
  return m;
}();
constexpr auto kRefused = [] {
  std::array<std::uint32_t, event_kind_count> m{};
  for (std::size_t k = 0; k < event_kind_count; ++k)
    m[k] = vocab::refused_mask(static_cast<EventKind>(k));
  return m;
}();

void reset(EventView& v) noexcept {
  v.antenne = v.staff = v.certification = v.certifier = v.reason = {};
  vocab::copy_scalars(DataScalars{}, v.data);
}

// Parses one line on the fast path; false when the line needs the full reader (an error, an
// unknown field, a duplicate key or anything unusual). The full reader is the reference: this
// function may only accept lines that it accepts, with the same values.
//
// @p doc is a document of its own (one line) or of a stream (a chunk of lines); the object must
// end before @p line_end with nothing after it on the line.
template <class Doc>
bool parse_record(Doc& doc, const char* line_end, EventView& r) {
  reset(r);
  od::object obj;
  if (doc.get_object().get(obj)) return false;
  unsigned seen = 0;
  std::uint32_t present = 0;  // the data fields set
  std::string_view at, event, role;
  for (auto field : obj) {
    od::field f;
    if (std::move(field).get(f)) return false;
    const char* key = f.key().raw();
    od::value v = f.value();
    unsigned bit = 0;
    switch (key[0]) {
      case 'c':
        if (key_is(key, "case")) {
          bit = 1;
          if (v.get_string().get(r.case_id) || r.case_id.empty()) return false;
        } else if (key_is(key, "certification")) {
          bit = 64;
          if (!optional_string(v, r.certification)) return false;
        } else {
          return false;
        }
        break;
      case 'a':
        if (key_is(key, "at")) {
          bit = 2;
          if (v.get_string().get(at)) return false;
        } else if (key_is(key, "antenne")) {
          bit = 16;
          if (!optional_string(v, r.antenne)) return false;
        } else {
          return false;
        }
        break;
      case 'e':
        if (!key_is(key, "event")) return false;
        bit = 4;
        if (v.get_string().get(event)) return false;
        break;
      case 'r':
        if (!key_is(key, "role")) return false;
        bit = 8;
        if (v.get_string().get(role)) return false;
        break;
      case 's':
        if (!key_is(key, "staff")) return false;
        bit = 32;
        if (!optional_string(v, r.staff)) return false;
        break;
      case 'd':
        if (!key_is(key, "data")) return false;
        bit = 128;
        if (!parse_data(v, r, present)) return false;
        break;
      default: return false;  // unknown top-level field: the full reader keeps it
    }
    if ((seen & bit) != 0) return false;
    seen |= bit;
  }
  if ((seen & 15u) != 15u) return false;
  const char* next = nullptr;
  if (!doc.current_location().get(next) && next < line_end) return false;  // content after it
  auto kind = try_event_kind_from_string(event);
  auto who = try_role_from_string(role);
  if (!kind || !who) return false;
  r.kind = *kind;
  r.role = *who;
  if (at.size() == 10) {
    auto d = Date::try_parse(at);
    if (!d) return false;
    r.at = Timestamp(*d);
  } else {
    try {
      r.at = Timestamp::parse(at);
    } catch (const Error&) {
      return false;
    }
  }
  // validate_event_data, without building an Event: the ranges were checked on reading, the
  // lists never reach the fast path; what remains is required and refused fields.
  const auto k = static_cast<std::size_t>(r.kind);
  if ((present & kRequired[k]) != kRequired[k] || (present & kRefused[k]) != 0) return false;
  if (contains(certification_required, r.kind) && r.certification.empty()) return false;
  return true;
}

bool fast_parse(od::parser& parser, const char* p, std::size_t len, std::size_t capacity,
                EventView& r) {
  od::document doc;
  if (parser.iterate(p, len, capacity).get(doc)) return false;
  return parse_record(doc, p + len, r);
}

// The line loop, shared by the one-thread scan and the producer of the two-thread scan: every
// record goes to @p out (header(), view(), full(), reject()) in file order.
// The lines of a text, one after the other (BOM skipped, \r\n and blank lines handled).
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : base_(text.data()), total_(text.size()) {
    if (total_ >= 3 && std::memcmp(base_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;  // UTF-8 BOM
  }
  // The next non-blank line (false at the end); @p start is its offset in the text.
  bool next(std::string_view& line, std::size_t& start, std::size_t& line_no) {
    while (pos_ < total_) {
      const void* nl = std::memchr(base_ + pos_, '\n', total_ - pos_);
      const std::size_t end =
          nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - base_) : total_;
      line = std::string_view(base_ + pos_, end - pos_);
      start = pos_;
      pos_ = end + 1;
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || blank(line)) continue;
      line_no = line_no_;
      return true;
    }
    return false;
  }
  // Offset of the next line.
  [[nodiscard]] std::size_t pos() const noexcept { return pos_; }
  // The end of the line that holds offset @p from + target bytes at least, after its newline
  // (the text's end when there is none).
  [[nodiscard]] std::size_t chunk_end(std::size_t target) const noexcept {
    if (total_ - pos_ <= target) return total_;
    const void* nl = std::memchr(base_ + pos_ + target, '\n', total_ - pos_ - target);
    return nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - base_) + 1
                         : total_;
  }

 private:
  const char* base_;
  std::size_t total_;
  std::size_t pos_ = 0;
  std::size_t line_no_ = 0;
};

// The line loop, shared by the one-thread scan and the producer of the two-thread scan: every
// record goes to @p out (header(), view(), full(), reject()) in file order.
//
// After the first record, the text is read by chunks of about 1 MB of whole lines with
// simdjson's iterate_many (one stage-1 pass per chunk instead of one per line). Each document of
// the stream must start where its line starts and end on that line; at the first document that
// does not (an error, two objects on a line, an object over two lines, anything the fast path
// declines) the rest of the chunk is read line by line: per line with simdjson, and the full
// reader for every line the fast path declines. The records and errors are the same either way.
template <class Out>
void scan_lines(std::string_view text, Out& out, const std::string& src, ReadMode mode) {
  od::parser parser;       // one line at a time
  od::parser many_parser;  // chunks
  many_parser.threaded = false;
  simdjson::padded_string tail;  // a copy of a line too close to the end of the text
  EventView view;
  const char* const base = text.data();
  const std::size_t total = text.size();
  LineCursor lines(text);
  std::string_view line;
  std::size_t start = 0, line_no = 0;

  // One line by itself: simdjson in place (or from a padded copy near the end), else the full
  // reader.
  auto one_line = [&] {
    const char* p = line.data();
    std::size_t capacity = total - start;
    if (capacity < line.size() + simdjson::SIMDJSON_PADDING) {
      tail = simdjson::padded_string(line);
      p = tail.data();
      capacity = line.size() + simdjson::SIMDJSON_PADDING;
    }
    if (fast_parse(parser, p, line.size(), capacity, view)) {
      out.view(view, line_no);
      return;
    }
    // The full reader decides and words the error.
    std::optional<Event> e;
    try {
      e = parse_event_line(line, SourceLocation{src, line_no, 0, {}});
    } catch (const ParseError& err) {
      if (mode == ReadMode::strict) throw;
      out.reject(Reject{src, line_no, err.where().field, err.reason(), {}});
      return;
    }
    out.full(std::move(*e), line_no);
  };

  // The first record: the header or an event.
  if (!lines.next(line, start, line_no)) return;
  bool header = false;
  if (line.find("\"schema\"") != std::string_view::npos) {
    Json j;
    try {
      j = parse_json(line, src);
    } catch (const ParseError&) {
      j = Json();  // not a header: the event reader words the error
    }
    if (j.is_object() && j.contains("schema")) {
      out.header(pathway_internal::parse_event_log_header(j, SourceLocation{src, line_no, 0, {}}));
      header = true;
    }
  }
  if (!header) one_line();

  const std::size_t chunk_bytes =
      pathway_internal::scan_chunk_bytes.load(std::memory_order_relaxed);
  while (lines.pos() < total) {
    const std::size_t chunk_start = lines.pos();
    const std::size_t chunk_end = lines.chunk_end(chunk_bytes);
    od::document_stream stream;
    bool streaming = chunk_end + simdjson::SIMDJSON_PADDING <= total &&
                     !many_parser
                          .iterate_many(base + chunk_start, chunk_end - chunk_start,
                                        chunk_end - chunk_start + simdjson::SIMDJSON_PADDING)
                          .get(stream);
    od::document_stream::iterator it;
    if (streaming) it = stream.begin();
    while (lines.pos() < chunk_end && lines.next(line, start, line_no)) {
      if (streaming) {
        std::size_t first = 0;  // the line's first non-blank character
        while (line[first] == ' ' || line[first] == '\t') ++first;
        od::document_reference doc;
        streaming = it != stream.end() && chunk_start + it.current_index() == start + first &&
                    !(*it).get(doc);
        if (streaming) streaming = parse_record(doc, line.data() + line.size(), view);
        if (streaming) {
          out.view(view, line_no);
          ++it;
          continue;
        }
      }
      one_line();
    }
  }
}

// Straight to the handler (one thread).
struct DirectOut {
  EventLogHandler& handler;
  ScanCounts& counts;
  void header(EventLogHeader h) { handler.header(std::move(h)); }
  void view(const EventView& v, std::size_t line) {
    ++counts.records;
    ++counts.fast;
    handler.event(v, line);
  }
  void full(Event&& e, std::size_t line) {
    ++counts.records;
    handler.event(std::move(e), line);
  }
  void reject(Reject r) {
    ++counts.records;
    ++counts.rejected;
    handler.reject(std::move(r));
  }
};

// ---- The two-thread scan: a producer thread parses batches of lines, this thread hands them to
// the handler in file order. Strings of the fast path are copied into the batch's arena.

struct PackedView {
  std::size_t line;
  std::uint32_t str[6];  // offsets into the arena: case, antenne, staff, certification,
  std::uint32_t len[6];  // certifier, reason
  Timestamp at;
  EventKind kind;
  Role role;
  DataScalars data;
};

struct Batch {
  // Records in file order: kind 0 = views[i], 1 = fulls[i], 2 = rejects[i].
  std::vector<std::uint8_t> order;
  std::vector<PackedView> views;
  std::vector<std::pair<Event, std::size_t>> fulls;
  std::vector<Reject> rejects;
  std::string arena;
  std::optional<EventLogHeader> header;
  std::exception_ptr error;  // thrown by the producer after the records of this batch
  bool last = false;
  void clear() {
    order.clear();
    views.clear();
    fulls.clear();
    rejects.clear();
    arena.clear();
    header.reset();
    error = nullptr;
    last = false;
  }
};

class BatchQueue {
 public:
  // A free batch for the producer (blocks while all are in flight); nullptr when stopped.
  std::unique_ptr<Batch> take_free() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return stopped_ || !free_.empty() || made_ < max_batches; });
    if (stopped_) return nullptr;
    if (free_.empty()) {
      ++made_;
      return std::make_unique<Batch>();
    }
    auto b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void push_full(std::unique_ptr<Batch> b) {
    {
      std::lock_guard lock(m_);
      full_.push_back(std::move(b));
    }
    cv_.notify_all();
  }
  std::unique_ptr<Batch> take_full() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return !full_.empty(); });
    auto b = std::move(full_.front());
    full_.pop_front();
    return b;
  }
  void give_back(std::unique_ptr<Batch> b) {
    b->clear();
    {
      std::lock_guard lock(m_);
      free_.push_back(std::move(b));
    }
    cv_.notify_all();
  }
  void stop() {
    {
      std::lock_guard lock(m_);
      stopped_ = true;
    }
    cv_.notify_all();
  }

 private:
  static constexpr int max_batches = 4;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> free_;
  int made_ = 0;
  bool stopped_ = false;
};

// Fills batches for the consumer.
class BatchOut {
 public:
  struct Stopped {};  // the consumer stopped (it threw): the producer ends
  explicit BatchOut(BatchQueue& q) : q_(q) { next(); }
  [[nodiscard]] bool stopped() const noexcept { return b_ == nullptr; }
  void header(EventLogHeader h) { b_->header = std::move(h); }
  void view(const EventView& v, std::size_t line) {
    PackedView& p = b_->views.emplace_back();
    p.line = line;
    const std::string_view strs[6] = {v.case_id,       v.antenne,   v.staff,
                                      v.certification, v.certifier, v.reason};
    for (int i = 0; i < 6; ++i) {
      p.str[i] = static_cast<std::uint32_t>(b_->arena.size());
      p.len[i] = static_cast<std::uint32_t>(strs[i].size());
      b_->arena.append(strs[i]);
    }
    p.at = v.at;
    p.kind = v.kind;
    p.role = v.role;
    p.data = vocab::scalars_of(v.data);
    added(0);
  }
  void full(Event&& e, std::size_t line) {
    b_->fulls.emplace_back(std::move(e), line);
    added(1);
  }
  void reject(Reject r) {
    b_->rejects.push_back(std::move(r));
    added(2);
  }
  // Sends the current batch, with @p error when the producer stopped on one.
  void finish(std::exception_ptr error) {
    if (b_ == nullptr) return;
    b_->error = std::move(error);
    b_->last = true;
    q_.push_full(std::move(b_));
  }

 private:
  static constexpr std::size_t batch_records = 4096;
  static constexpr std::size_t batch_arena = 1u << 20;
  void next() { b_ = q_.take_free(); }
  void added(std::uint8_t kind) {
    b_->order.push_back(kind);
    if (b_->order.size() >= batch_records || b_->arena.size() >= batch_arena) {
      q_.push_full(std::move(b_));
      next();
      if (b_ == nullptr) throw Stopped{};
    }
  }
  BatchQueue& q_;
  std::unique_ptr<Batch> b_;
};

ScanCounts scan_two_threads(std::string_view text, EventLogHandler& handler, const std::string& src,
                            ReadMode mode) {
  ScanCounts counts;
  BatchQueue q;
  std::thread producer([&] {
    BatchOut out(q);
    if (out.stopped()) return;
    try {
      scan_lines(text, out, src, mode);
      out.finish(nullptr);
    } catch (const BatchOut::Stopped&) {
    } catch (...) {
      out.finish(std::current_exception());
    }
  });
  EventView v;
  try {
    while (true) {
      std::unique_ptr<Batch> b = q.take_full();
      if (b->header) handler.header(std::move(*b->header));
      std::size_t iv = 0, ifull = 0, ir = 0;
      for (const std::uint8_t kind : b->order) {
        ++counts.records;
        if (kind == 0) {
          const PackedView& p = b->views[iv++];
          std::string_view* strs[6] = {&v.case_id,       &v.antenne,   &v.staff,
                                       &v.certification, &v.certifier, &v.reason};
          for (int i = 0; i < 6; ++i)
            *strs[i] = std::string_view(b->arena).substr(p.str[i], p.len[i]);
          v.at = p.at;
          v.kind = p.kind;
          v.role = p.role;
          vocab::copy_scalars(p.data, v.data);
          ++counts.fast;
          handler.event(v, p.line);
        } else if (kind == 1) {
          auto& [e, line] = b->fulls[ifull++];
          handler.event(std::move(e), line);
        } else {
          ++counts.rejected;
          handler.reject(std::move(b->rejects[ir++]));
        }
      }
      const bool last = b->last;
      std::exception_ptr error = b->error;
      q.give_back(std::move(b));
      if (error) std::rethrow_exception(error);
      if (last) break;
    }
  } catch (...) {
    q.stop();
    producer.join();
    throw;
  }
  producer.join();
  return counts;
}

}  // namespace

ScanCounts scan_event_log(std::string_view text, EventLogHandler& handler, std::string_view source,
                          ReadMode mode, unsigned threads) {
  const std::string src(source);
  if (threads == 0) {
    threads =
        text.size() >= (std::size_t{8} << 20) && std::thread::hardware_concurrency() > 1 ? 2u : 1u;
  }
  if (threads >= 2) return scan_two_threads(text, handler, src, mode);
  ScanCounts counts;
  DirectOut out{handler, counts};
  scan_lines(text, out, src, mode);
  return counts;
}

ScanCounts scan_event_log_file(const std::filesystem::path& path, EventLogHandler& handler,
                               ReadMode mode, unsigned threads) {
  const MappedFile file(path);
  require_nonempty(file.text(), path,
                   "an event log has at least one line (its EventLog.1 header or an event)");
  return scan_event_log(file.text(), handler, path.string(), mode, threads);
}

namespace {

// Folds every event into its case's state, as replay() does with whole cases.
class StatesBuilder final : public EventLogHandler {
 public:
  StatesBuilder(CaseStates& out, const RegimeSet& regimes, ReadMode mode, std::string source)
      : out_(out), regimes_(regimes), mode_(mode), source_(std::move(source)) {}
  void header(EventLogHeader h) override { out_.header = std::move(h); }
  void event(const EventView& v, std::size_t line) override {
    // What apply_event() reads (antenne, staff and free texts do not change a state).
    Event& e = scratch_;
    e.case_id.assign(v.case_id);
    e.at = v.at;
    e.kind = v.kind;
    e.role = v.role;
    e.certification.assign(v.certification);
    vocab::copy_scalars(v.data, e.data);
    apply(e, line);
  }
  void event(Event&& e, std::size_t line) override { apply(e, line); }
  void reject(Reject r) override { out_.rejects.push_back(std::move(r)); }

 private:
  void apply(const Event& e, std::size_t line) {
    const std::uint32_t id = out_.ids.intern(e.case_id);
    if (id == out_.states.size()) out_.states.emplace_back();
    try {
      apply_event(out_.states[id], e, regimes_);
      ++out_.events_applied;
    } catch (const TransitionError& te) {
      if (mode_ == ReadMode::strict) {
        throw TransitionError(te.case_id(), te.stage(), te.event(), te.role(),
                              te.reason() + " (" + source_ + ":" + std::to_string(line) + ")");
      }
      ++out_.events_refused;
      out_.rejects.push_back(Reject{source_, line, "event", te.what(), {}});
    } catch (const InvalidArgument& ia) {
      if (mode_ == ReadMode::strict) throw;
      ++out_.events_refused;
      out_.rejects.push_back(Reject{source_, line, {}, ia.what(), {}});
    }
  }
  CaseStates& out_;
  const RegimeSet& regimes_;
  ReadMode mode_;
  std::string source_;
  Event scratch_;
};

}  // namespace

CaseStates parse_case_states(std::string_view text, std::string_view source, ReadMode mode,
                             const RegimeSet& regimes, unsigned threads) {
  CaseStates out;
  StatesBuilder b(out, regimes, mode, std::string(source));
  out.records_read = scan_event_log(text, b, source, mode, threads).records;
  return out;
}

CaseStates read_case_states(const std::filesystem::path& path, ReadMode mode,
                            const RegimeSet& regimes, unsigned threads) {
  const MappedFile file(path);
  require_nonempty(file.text(), path,
                   "an event log has at least one line (its EventLog.1 header or an event)");
  return parse_case_states(file.text(), path.string(), mode, regimes, threads);
}

}  // namespace vaekit
