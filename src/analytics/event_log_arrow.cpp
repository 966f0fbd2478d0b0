// The columnar event log as an Arrow C stream (one record batch, typed and dictionary-encoded
// columns) and back (EventLog::from_arrow: any Arrow table with the event-log columns, each row
// validated like a JSON Lines record). The Arrow C structures are written by hand, as in
// table.cpp: see docs/design.md ("Arrow C structures") for why not nanoarrow.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "vaekit/analytics/event_log.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/table.hpp"
#include "vaekit/pathway/vocabulary.hpp"

namespace vaekit {
namespace {

// =============================================================================================
// Export.

// The names of the values of an enum with @p n values, in value order (its dictionary).
template <class E>
std::vector<std::string_view> enum_names(std::size_t n) {
  std::vector<std::string_view> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(to_string(static_cast<E>(i)));
  return out;
}

// One exported column: owned buffers and its C structures (array, schema, dictionary).
struct OutColumn {
  std::string name;
  const char* format = "";       // the column's (or the dictionary index's) Arrow format
  const char* dict_format = "";  // "u" when dictionary-encoded
  bool nullable = true;
  std::vector<std::uint8_t> validity;  // empty: no null
  std::int64_t null_count = 0;
  std::unique_ptr<std::uint8_t[]> values;  // the value (or index) buffer
  std::vector<std::int32_t> dict_offsets;
  std::string dict_chars;
  std::int64_t length = 0;
  const void* buffers[2] = {nullptr, nullptr};
  const void* dict_buffers[3] = {nullptr, nullptr, nullptr};
  ArrowArray array{};
  ArrowArray dict_array{};
  ArrowSchema schema{};
  ArrowSchema dict_schema{};

  // An uninitialised value buffer of @p n values (every slot is written, nulls included).
  template <class T>
  T* allocate(std::size_t n) {
    values.reset(new std::uint8_t[std::max<std::size_t>(n * sizeof(T), 8)]);
    return reinterpret_cast<T*>(values.get());
  }
  // A zeroed validity bitmap, to set a bit per valid row; finish_validity() counts the nulls.
  std::uint8_t* start_validity() {
    validity.assign((static_cast<std::size_t>(length) + 7) / 8 + 1, 0);
    return validity.data();
  }
  void finish_validity() {
    std::int64_t valid = 0;
    for (std::uint8_t byte : validity) valid += std::popcount(byte);
    null_count = length - valid;
    if (null_count == 0) validity.clear();
  }
  void set_dictionary(const std::vector<std::string_view>& names) {
    dict_format = "u";
    dict_offsets.assign(1, 0);
    for (std::string_view s : names) {
      dict_chars.append(s);
      dict_offsets.push_back(static_cast<std::int32_t>(dict_chars.size()));
    }
  }
  void set_dictionary(const StringPool& pool) {
    dict_format = "u";
    dict_offsets.assign(1, 0);
    dict_offsets.reserve(pool.size() + 1);
    for (std::uint32_t i = 0; i < pool.size(); ++i) {
      dict_chars.append(pool[i]);
      if (dict_chars.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw OutOfRange("Arrow export: the strings of column '" + name + "' exceed 2 GiB");
      dict_offsets.push_back(static_cast<std::int32_t>(dict_chars.size()));
    }
  }
};

void release_nothing_array(ArrowArray* a) {
  a->release = nullptr;
}
void release_nothing_schema(ArrowSchema* s) {
  s->release = nullptr;
}

// Everything one export owns; the schema, the array and the stream each hold a reference.
struct Batch {
  std::vector<std::unique_ptr<OutColumn>> columns;
  std::vector<ArrowArray*> child_arrays;
  std::vector<ArrowSchema*> child_schemas;
  const void* struct_buffers[1] = {nullptr};
  std::int64_t length = 0;
};
using BatchPtr = std::shared_ptr<Batch>;

constexpr std::int64_t kEmpty = 0;  // a non-null address for empty buffers

// Fills the C structures of every column once the buffers are final.
void link(Batch& b) {
  for (auto& cp : b.columns) {
    OutColumn& c = *cp;
    const bool dict = c.dict_format[0] != '\0';
    if (dict) {
      c.dict_buffers[0] = nullptr;
      c.dict_buffers[1] = c.dict_offsets.data();
      c.dict_buffers[2] = c.dict_chars.empty() ? static_cast<const void*>(&kEmpty)
                                               : static_cast<const void*>(c.dict_chars.data());
      c.dict_array = ArrowArray{};
      c.dict_array.length = static_cast<std::int64_t>(c.dict_offsets.size()) - 1;
      c.dict_array.n_buffers = 3;
      c.dict_array.buffers = c.dict_buffers;
      c.dict_array.release = release_nothing_array;
      c.dict_schema = ArrowSchema{};
      c.dict_schema.format = c.dict_format;
      c.dict_schema.name = "";
      c.dict_schema.flags = ARROW_FLAG_NULLABLE;
      c.dict_schema.release = release_nothing_schema;
    }
    c.buffers[0] = c.null_count ? c.validity.data() : nullptr;
    c.buffers[1] = c.values.get();
    c.array = ArrowArray{};
    c.array.length = c.length;
    c.array.null_count = c.null_count;
    c.array.n_buffers = 2;
    c.array.buffers = c.buffers;
    c.array.dictionary = dict ? &c.dict_array : nullptr;
    c.array.release = release_nothing_array;
    c.schema = ArrowSchema{};
    c.schema.format = c.format;
    c.schema.name = c.name.c_str();
    c.schema.flags = c.nullable ? ARROW_FLAG_NULLABLE : 0;
    c.schema.dictionary = dict ? &c.dict_schema : nullptr;
    c.schema.release = release_nothing_schema;
    b.child_arrays.push_back(&c.array);
    b.child_schemas.push_back(&c.schema);
  }
}

// The payload fields of one (kind, payload) pair as column values (-1: null).
struct Decoded {
  std::int8_t channel = -1, to = -1, decision = -1, implicit = -1, funding = -1, result = -1;
  std::int32_t minutes = -1;
  // The payload fields of the France VAE era (issue 15), in the order of kReformColumns.
  std::array<std::int32_t, 14> reform{};
  bool ready = false;  // computed (a slot of the look-up table)
};

// The columns of the payload fields of the France VAE era (issue 15), after `result`: name,
// Arrow format ("c": dictionary<int8> over the names, "i": int32, "b": boolean) and the value
// (-1: null) from decoded data, for an event that carries the field.
struct ReformColumn {
  const char* name;
  const char* format;
  std::span<const std::string_view> names;
  std::int32_t (*value)(const EventData&);
};
template <class E>
std::int32_t idx(const std::optional<E>& v) {
  return v ? static_cast<std::int32_t>(*v) : -1;
}
constexpr std::array<ReformColumn, 14> kReformColumns = {{
    {"accompaniment", "c", accompaniment_names,
     [](const EventData& d) { return idx(d.accompaniment); }},
    {"funding_kind", "c", funding_kind_names,
     [](const EventData& d) { return idx(d.funding_kind); }},
    {"granted", "b", {}, [](const EventData& d) { return d.granted ? 1 : 0; }},
    {"reason_code", "c", reason_code_names, [](const EventData& d) { return idx(d.reason_code); }},
    {"lifted", "b", {}, [](const EventData& d) { return d.lifted ? 1 : 0; }},
    {"sex", "c", sex_names, [](const EventData& d) { return idx(d.sex); }},
    {"age_band", "c", age_band_names, [](const EventData& d) { return idx(d.age_band); }},
    {"employment", "c", employment_names, [](const EventData& d) { return idx(d.employment); }},
    {"qualification", "c", qualification_names,
     [](const EventData& d) { return idx(d.qualification); }},
    // 103 values (102 codes and not_stated): an int8 dictionary still holds them.
    {"departement", "c", departement_names, [](const EventData& d) { return idx(d.departement); }},
    {"qpv", "c", yes_no_names, [](const EventData& d) { return idx(d.qpv); }},
    {"rqth", "c", yes_no_names, [](const EventData& d) { return idx(d.rqth); }},
    {"months", "i", {}, [](const EventData& d) { return d.months ? *d.months : -1; }},
    {"situation", "c", situation_names, [](const EventData& d) { return idx(d.situation); }},
}};

Decoded decode(EventKind kind, std::uint32_t payload) {
  const EventData d = decode_payload(kind, payload);
  Decoded out;
  auto idx = [](const auto& v) -> std::int8_t { return v ? static_cast<std::int8_t>(*v) : -1; };
  out.channel = idx(d.channel);
  out.to = idx(d.to);
  out.decision = idx(d.decision);
  out.funding = idx(d.funding);
  out.result = idx(d.result);
  out.minutes = d.minutes ? *d.minutes : -1;
  // `implicit` belongs to admissibility_decided (false unless decided by silence), null elsewhere.
  if (kind == EventKind::admissibility_decided || kind == EventKind::feasibility_decided)
    out.implicit = d.implicit ? 1 : 0;
  // The reform's fields: null where the event does not carry the field (a flag: false or true).
  for (std::size_t k = 0; k < kReformColumns.size(); ++k) {
    const auto field = try_data_field_from_string(kReformColumns[k].name);
    out.reform[k] = field && contains(spec(*field).events, kind) ? kReformColumns[k].value(d) : -1;
  }
  out.ready = true;
  return out;
}

// The decoded payloads of a log, each computed once: a dense table per event kind for the
// payloads below 2^16 (every payload of the 2017 vocabulary), a hash map above (a profile with
// its département: a dense table over 32 bits would be far too large).
class DecodeCache {
 public:
  const Decoded& get(EventKind kind, std::uint32_t p) {
    if (p < kDense) {
      auto& row = dense_[static_cast<std::size_t>(kind)];
      if (p >= row.size()) row.resize(std::size_t{p} + 1);
      if (!row[p].ready) row[p] = decode(kind, p);
      return row[p];
    }
    const std::uint64_t key = (std::uint64_t{static_cast<std::uint8_t>(kind)} << 32) | p;
    auto [it, added] = sparse_.try_emplace(key);
    if (added) it->second = decode(kind, p);
    return it->second;
  }

 private:
  static constexpr std::uint32_t kDense = 0x10000;
  std::array<std::vector<Decoded>, event_kind_count> dense_;
  std::unordered_map<std::uint64_t, Decoded> sparse_;
};

BatchPtr build_batch(const EventLog& log) {
  auto b = std::make_shared<Batch>();
  const std::size_t n = log.size();
  b->length = static_cast<std::int64_t>(n);
  auto add = [&](std::string name, const char* format) -> OutColumn& {
    b->columns.push_back(std::make_unique<OutColumn>());
    OutColumn& c = *b->columns.back();
    c.name = std::move(name);
    c.format = format;
    c.length = static_cast<std::int64_t>(n);
    return c;
  };

  // case: dictionary<int32, utf8> over the case pool (indices < 2^31: a pool holds < 2^32 - 1).
  OutColumn& case_col = add("case", "i");
  case_col.nullable = false;
  std::memcpy(case_col.allocate<std::int32_t>(n), log.case_column().data(), n * 4);
  case_col.set_dictionary(log.cases());

  // at: the local wall time in ms (a plain date at midnight); utc_offset: minutes, null for a date.
  OutColumn& at_col = add("at", "tsm:");
  at_col.nullable = false;
  OutColumn& off_col = add("utc_offset", "s");
  auto* at = at_col.allocate<std::int64_t>(n);
  auto* off = off_col.allocate<std::int16_t>(n);
  std::uint8_t* off_valid = off_col.start_validity();
  const auto times = log.time_column();
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t t = times[i];
    const std::int32_t millis = EventLog::millis_of(t);
    const bool timed = millis >= 0;
    at[i] = std::int64_t{EventLog::day_of(t)} * 86'400'000 + (timed ? millis : 0);
    off[i] = timed ? EventLog::offset_of(t) : std::int16_t{0};
    off_valid[i / 8] = static_cast<std::uint8_t>(off_valid[i / 8] | (unsigned{timed} << (i % 8)));
  }
  off_col.finish_validity();

  // event, role: dictionary<int8, utf8> over the vocabulary (the columns are the indices).
  OutColumn& event_col = add("event", "c");
  event_col.nullable = false;
  std::memcpy(event_col.allocate<std::int8_t>(n), log.kind_column().data(), n);
  event_col.set_dictionary(enum_names<EventKind>(event_kind_count));
  OutColumn& role_col = add("role", "c");
  role_col.nullable = false;
  std::memcpy(role_col.allocate<std::int8_t>(n), log.role_column().data(), n);
  role_col.set_dictionary(enum_names<Role>(role_count));

  // antenne, staff, certification: dictionary<int32, utf8> over their pools, null when absent.
  auto interned = [&](const char* name, std::span<const std::uint32_t> src,
                      const StringPool& pool) {
    OutColumn& c = add(name, "i");
    auto* v = c.allocate<std::uint32_t>(n);
    std::uint8_t* valid = c.start_validity();
    for (std::size_t i = 0; i < n; ++i) {
      const bool present = src[i] != no_string;
      v[i] = present ? src[i] : 0u;
      valid[i / 8] = static_cast<std::uint8_t>(valid[i / 8] | (unsigned{present} << (i % 8)));
    }
    c.finish_validity();
    c.set_dictionary(pool);
  };
  interned("antenne", log.antenne_column(), log.antennes());
  interned("staff", log.staff_column(), log.staff());
  interned("certification", log.certification_column(), log.certifications());

  // The payload fields, one column each (null where the event does not carry the field).
  OutColumn& channel = add("channel", "c");
  channel.set_dictionary(enum_names<Channel>(4));
  OutColumn& minutes = add("minutes", "i");
  OutColumn& to = add("to", "c");
  to.set_dictionary(enum_names<OrientationTarget>(5));
  OutColumn& decision = add("decision", "c");
  decision.set_dictionary(enum_names<AdmissibilityDecision>(3));
  OutColumn& implicit = add("implicit", "b");
  OutColumn& funding = add("funding", "c");
  funding.set_dictionary(enum_names<Funding>(funding_names.size()));
  OutColumn& result = add("result", "c");
  result.set_dictionary(enum_names<JuryResult>(jury_result_names.size()));
  auto* ch = channel.allocate<std::int8_t>(n);
  auto* mi = minutes.allocate<std::int32_t>(n);
  auto* tv = to.allocate<std::int8_t>(n);
  auto* de = decision.allocate<std::int8_t>(n);
  auto* im = implicit.allocate<std::uint8_t>((n + 7) / 8 + 1);
  std::memset(im, 0, (n + 7) / 8 + 1);
  auto* fu = funding.allocate<std::int8_t>(n);
  auto* re = result.allocate<std::int8_t>(n);
  std::uint8_t* ch_ok = channel.start_validity();
  std::uint8_t* mi_ok = minutes.start_validity();
  std::uint8_t* tv_ok = to.start_validity();
  std::uint8_t* de_ok = decision.start_validity();
  std::uint8_t* im_ok = implicit.start_validity();
  std::uint8_t* fu_ok = funding.start_validity();
  std::uint8_t* re_ok = result.start_validity();

  // The reform's payload fields (issue 15), one column each, null where not carried: filled in
  // the same pass (one look-up of the decoded payload per event for every column).
  struct ReformOut {
    OutColumn* column = nullptr;
    std::uint8_t* ok = nullptr;
    std::uint8_t* bits = nullptr;  // boolean
    std::int8_t* i8 = nullptr;     // dictionary
    std::int32_t* i32 = nullptr;   // integer
  };
  std::array<ReformOut, kReformColumns.size()> reform{};
  for (std::size_t k = 0; k < kReformColumns.size(); ++k) {
    const ReformColumn& rc = kReformColumns[k];
    ReformOut& o = reform[k];
    o.column = &add(rc.name, rc.format);
    o.ok = o.column->start_validity();
    if (rc.format[0] == 'b') {
      o.bits = o.column->allocate<std::uint8_t>((n + 7) / 8 + 1);
      std::memset(o.bits, 0, (n + 7) / 8 + 1);
    } else if (rc.format[0] == 'c') {
      o.i8 = o.column->allocate<std::int8_t>(n);
      o.column->set_dictionary(std::vector<std::string_view>(rc.names.begin(), rc.names.end()));
    } else {
      o.i32 = o.column->allocate<std::int32_t>(n);
    }
  }

  // decode_payload() once per distinct (kind, payload), then a look-up per event.
  DecodeCache decoded;
  const auto kinds = log.kind_column();
  const auto payloads = log.payload_column();
  for (std::size_t i = 0; i < n; ++i) {
    const Decoded& d = decoded.get(kinds[i], payloads[i]);
    const std::size_t byte = i / 8;
    const unsigned bit = i % 8;
    auto put = [&](auto* values, std::uint8_t* ok, auto v) {
      values[i] = static_cast<std::remove_reference_t<decltype(values[i])>>(v < 0 ? 0 : v);
      ok[byte] = static_cast<std::uint8_t>(ok[byte] | (unsigned{v >= 0} << bit));
    };
    put(ch, ch_ok, d.channel);
    put(mi, mi_ok, d.minutes);
    put(tv, tv_ok, d.to);
    put(de, de_ok, d.decision);
    put(fu, fu_ok, d.funding);
    put(re, re_ok, d.result);
    im[byte] = static_cast<std::uint8_t>(im[byte] | (unsigned{d.implicit > 0} << bit));
    im_ok[byte] = static_cast<std::uint8_t>(im_ok[byte] | (unsigned{d.implicit >= 0} << bit));
    for (std::size_t k = 0; k < reform.size(); ++k) {
      const ReformOut& o = reform[k];
      const std::int32_t v = d.reform[k];
      o.ok[byte] = static_cast<std::uint8_t>(o.ok[byte] | (unsigned{v >= 0} << bit));
      if (o.bits != nullptr)
        o.bits[byte] = static_cast<std::uint8_t>(o.bits[byte] | (unsigned{v > 0} << bit));
      else if (o.i8 != nullptr)
        o.i8[i] = static_cast<std::int8_t>(v < 0 ? 0 : v);
      else
        o.i32[i] = v < 0 ? 0 : v;
    }
  }
  for (OutColumn* c : {&channel, &minutes, &to, &decision, &implicit, &funding, &result})
    c->finish_validity();
  for (const ReformOut& o : reform) o.column->finish_validity();
  link(*b);
  return b;
}

// Schemas and arrays hold the batch through a heap shared_ptr in private_data.
void release_schema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  delete static_cast<BatchPtr*>(s->private_data);
  s->release = nullptr;
}

void release_array(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  delete static_cast<BatchPtr*>(a->private_data);
  a->release = nullptr;
}

void fill_schema(const BatchPtr& b, ArrowSchema* out) {
  *out = ArrowSchema{};
  out->format = "+s";
  out->name = "";
  out->n_children = static_cast<std::int64_t>(b->child_schemas.size());
  out->children = b->child_schemas.data();
  out->release = release_schema;
  out->private_data = new BatchPtr(b);
}

void fill_array(const BatchPtr& b, ArrowArray* out) {
  *out = ArrowArray{};
  out->length = b->length;
  out->n_buffers = 1;
  out->buffers = b->struct_buffers;
  out->n_children = static_cast<std::int64_t>(b->child_arrays.size());
  out->children = b->child_arrays.data();
  out->release = release_array;
  out->private_data = new BatchPtr(b);
}

// =============================================================================================
// Import.

// A stream that breaks the Arrow format (not a bad record): thrown in both modes.
class BadStream : public InvalidArgument {
 public:
  using InvalidArgument::InvalidArgument;
};

enum class InKind : std::uint8_t {
  null,  // Arrow's null type: every cell absent (e.g. pandas' empty or all-None columns)
  boolean,
  signed_int,
  unsigned_int,
  floating,
  utf8,
  large_utf8,
  utf8_view,
  date32,
  date64,
  timestamp,
};

// How to read the cells of one input column.
struct InType {
  InKind kind = InKind::utf8;
  int width = 0;                 // bytes of an int or float
  std::int64_t per_second = 1;   // timestamp ticks per second
  bool zoned = false;            // timestamp with a time zone: an instant
  std::unique_ptr<InType> dict;  // the value type when dictionary-encoded (kind: the index's)
};

InType int_type(InKind k, int width) {
  InType t;
  t.kind = k;
  t.width = width;
  return t;
}

// The type of format @p f, or std::nullopt when unsupported.
std::optional<InType> plain_type(std::string_view f) {
  if (f == "n") return int_type(InKind::null, 0);
  if (f == "b") return int_type(InKind::boolean, 0);
  if (f == "c") return int_type(InKind::signed_int, 1);
  if (f == "C") return int_type(InKind::unsigned_int, 1);
  if (f == "s") return int_type(InKind::signed_int, 2);
  if (f == "S") return int_type(InKind::unsigned_int, 2);
  if (f == "i") return int_type(InKind::signed_int, 4);
  if (f == "I") return int_type(InKind::unsigned_int, 4);
  if (f == "l") return int_type(InKind::signed_int, 8);
  if (f == "L") return int_type(InKind::unsigned_int, 8);
  if (f == "f") return int_type(InKind::floating, 4);
  if (f == "g") return int_type(InKind::floating, 8);
  if (f == "u") return int_type(InKind::utf8, 0);
  if (f == "U") return int_type(InKind::large_utf8, 0);
  if (f == "vu") return int_type(InKind::utf8_view, 0);
  if (f == "tdD") return int_type(InKind::date32, 0);
  if (f == "tdm") return int_type(InKind::date64, 0);
  if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    InType t = int_type(InKind::timestamp, 8);
    switch (f[2]) {
      case 's': t.per_second = 1; break;
      case 'm': t.per_second = 1'000; break;
      case 'u': t.per_second = 1'000'000; break;
      case 'n': t.per_second = 1'000'000'000; break;
      default: return std::nullopt;
    }
    t.zoned = f.size() > 4;
    return t;
  }
  return std::nullopt;
}

bool is_int(const InType& t) {
  return t.kind == InKind::signed_int || t.kind == InKind::unsigned_int;
}

bool is_text(const InType& t) {
  return t.kind == InKind::utf8 || t.kind == InKind::large_utf8 || t.kind == InKind::utf8_view;
}

InType type_of(const ArrowSchema& s, std::string_view column) {
  const std::string_view f = s.format ? s.format : "";
  auto fail = [&]() -> InvalidArgument {
    return InvalidArgument("EventLog.from_arrow: column '" + std::string(column) +
                           "' has Arrow type " + excerpt(f) +
                           ", not one it reads (integers, floats, booleans, UTF-8 strings, "
                           "dates, timestamps, or a dictionary of strings)");
  };
  auto t = plain_type(f);
  if (!t) throw fail();
  if (s.dictionary != nullptr) {
    auto v = plain_type(s.dictionary->format ? s.dictionary->format : "");
    if (!is_int(*t) || !v || !(is_text(*v) || v->kind == InKind::null)) throw fail();
    t->dict = std::make_unique<InType>(std::move(*v));
  }
  return std::move(*t);
}

// One input column bound to the array of the current batch.
struct InColumn {
  const InType* type = nullptr;
  const ArrowArray* array = nullptr;
  std::int64_t offset = 0;  // of the column's array, plus the batch's
  const InType* dict_type = nullptr;
  const ArrowArray* dict = nullptr;

  [[nodiscard]] static bool bit(const void* bitmap, std::int64_t i) noexcept {
    return (static_cast<const std::uint8_t*>(bitmap)[i >> 3] >> (i & 7)) & 1;
  }
  [[nodiscard]] static bool null_at(const ArrowArray* a, std::int64_t j) noexcept {
    return a->null_count != 0 && a->buffers[0] != nullptr && !bit(a->buffers[0], j);
  }
  [[nodiscard]] static std::int64_t int_of(const InType& t, const ArrowArray* a, std::int64_t j) {
    const void* v = a->buffers[1];
    const bool s = t.kind == InKind::signed_int || t.kind == InKind::timestamp ||
                   t.kind == InKind::date32 || t.kind == InKind::date64;
    auto get = [&](auto signed_value, auto unsigned_value) -> std::int64_t {
      using S = decltype(signed_value);
      using U = decltype(unsigned_value);
      return s ? static_cast<std::int64_t>(static_cast<const S*>(v)[j])
               : static_cast<std::int64_t>(static_cast<const U*>(v)[j]);
    };
    switch (t.width) {
      case 1: return get(std::int8_t{}, std::uint8_t{});
      case 2: return get(std::int16_t{}, std::uint16_t{});
      case 4: return get(std::int32_t{}, std::uint32_t{});
      default: {
        if (s) return static_cast<const std::int64_t*>(v)[j];
        const std::uint64_t u = static_cast<const std::uint64_t*>(v)[j];
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
          return std::numeric_limits<std::int64_t>::max();
        return static_cast<std::int64_t>(u);
      }
    }
  }
  [[nodiscard]] static std::string_view text_of(const InType& t, const ArrowArray* a,
                                                std::int64_t j) {
    if (t.kind == InKind::utf8) {
      const auto* o = static_cast<const std::int32_t*>(a->buffers[1]);
      return {static_cast<const char*>(a->buffers[2]) + o[j],
              static_cast<std::size_t>(o[j + 1] - o[j])};
    }
    if (t.kind == InKind::large_utf8) {
      const auto* o = static_cast<const std::int64_t*>(a->buffers[1]);
      return {static_cast<const char*>(a->buffers[2]) + o[j],
              static_cast<std::size_t>(o[j + 1] - o[j])};
    }
    // utf8_view: 16-byte views, inline up to 12 bytes, else (prefix, buffer index, offset).
    const auto* view = static_cast<const std::uint8_t*>(a->buffers[1]) + j * 16;
    std::int32_t len = 0, buf = 0, off = 0;
    std::memcpy(&len, view, 4);
    if (len <= 12) return {reinterpret_cast<const char*>(view + 4), static_cast<std::size_t>(len)};
    std::memcpy(&buf, view + 8, 4);
    std::memcpy(&off, view + 12, 4);
    if (buf < 0 || 2 + buf >= a->n_buffers - 1)
      throw BadStream("EventLog.from_arrow: a string view names a missing buffer");
    return {static_cast<const char*>(a->buffers[2 + buf]) + off, static_cast<std::size_t>(len)};
  }

  [[nodiscard]] bool is_null(std::int64_t i) const {
    if (type->kind == InKind::null) return true;
    const std::int64_t j = offset + i;
    if (null_at(array, j)) return true;
    if (dict == nullptr) return false;
    if (dict_type->kind == InKind::null) return true;
    const std::int64_t k = dict_index(i);
    return null_at(dict, dict->offset + k);
  }
  [[nodiscard]] std::int64_t dict_index(std::int64_t i) const {
    const std::int64_t k = int_of(*type, array, offset + i);
    if (k < 0 || k >= dict->length)
      throw BadStream("EventLog.from_arrow: a dictionary index beyond its dictionary");
    return k;
  }
  // The cell as text (call on text or dictionary columns only).
  [[nodiscard]] std::string_view text(std::int64_t i) const {
    if (dict != nullptr) return text_of(*dict_type, dict, dict->offset + dict_index(i));
    return text_of(*type, array, offset + i);
  }
  [[nodiscard]] std::int64_t integer(std::int64_t i) const {
    return int_of(*type, array, offset + i);
  }
  [[nodiscard]] double floating(std::int64_t i) const {
    const void* v = array->buffers[1];
    return type->width == 4 ? static_cast<const float*>(v)[offset + i]
                            : static_cast<const double*>(v)[offset + i];
  }
  [[nodiscard]] bool boolean(std::int64_t i) const { return bit(array->buffers[1], offset + i); }
};

constexpr std::int64_t ms_per_day = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The ISO text of a date (days since 1970-01-01); ParseError on field @p field when out of range.
std::string date_text(std::int64_t days, const char* field) {
  try {
    return Date::from_days(days).to_string();
  } catch (const Error&) {
    throw ParseError(SourceLocation{{}, 0, 0, field}, "date out of range (years 1-9999)");
  }
}

// A timestamp cell in milliseconds (floor).
std::int64_t millis_of_cell(const InColumn& c, std::int64_t i) {
  const std::int64_t v = c.integer(i);
  const std::int64_t ps = c.type->per_second;
  if (ps == 1'000) return v;
  if (ps == 1) {
    if (v > std::numeric_limits<std::int64_t>::max() / 1000 ||
        v < std::numeric_limits<std::int64_t>::min() / 1000)
      throw ParseError(SourceLocation{{}, 0, 0, "at"}, "timestamp out of range");
    return v * 1000;
  }
  return floor_div(v, ps / 1000);
}

// A cell as the JSON value a JSON Lines record would hold (null when absent).
Json cell_json(const InColumn& c, std::int64_t i, const char* field) {
  if (c.is_null(i)) return nullptr;
  if (c.dict != nullptr) return std::string(c.text(i));
  switch (c.type->kind) {
    case InKind::null: return nullptr;
    case InKind::boolean: return c.boolean(i);
    case InKind::signed_int:
    case InKind::unsigned_int: return c.integer(i);
    case InKind::floating: {
      const double d = c.floating(i);
      if (std::isnan(d)) return nullptr;  // pandas' missing value
      if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.0e15)
        return static_cast<std::int64_t>(d);  // 60.0 is the integer 60 (a column with NaN)
      return d;
    }
    case InKind::utf8:
    case InKind::large_utf8:
    case InKind::utf8_view: return std::string(c.text(i));
    case InKind::date32: return date_text(c.integer(i), field);
    case InKind::date64: return date_text(floor_div(c.integer(i), ms_per_day), field);
    case InKind::timestamp: {
      const std::int64_t ms = millis_of_cell(c, i);
      const std::int64_t day = floor_div(ms, ms_per_day), rest = ms - day * ms_per_day;
      if (rest == 0) return date_text(day, field);
      return Timestamp(Date::from_days(day), static_cast<std::int32_t>(rest), 0).to_string();
    }
  }
  return nullptr;
}

// The `at` of row @p i: ISO text from a string, a date, or a timestamp with `utc_offset`.
// The `at` of row @p i of a timestamp column (with `utc_offset` when given); ParseError naming
// `at` or `utc_offset` when it is not a valid event time.
Timestamp timestamp_at(const InColumn& at, const InColumn* offset, std::int64_t i) {
  std::optional<std::int64_t> off;
  if (offset != nullptr && !offset->is_null(i)) {
    const Json o = cell_json(*offset, i, "utc_offset");
    if (!o.is_number_integer() || o.get<std::int64_t>() < -18 * 60 ||
        o.get<std::int64_t>() > 18 * 60)
      throw ParseError(SourceLocation{{}, 0, 0, "utc_offset"},
                       "expected whole minutes within -1080..1080");
    off = o.get<std::int64_t>();
  }
  std::int64_t ms = millis_of_cell(at, i);
  if (at.type->zoned) {
    // An instant: shown at its offset when one is given, else in UTC.
    ms += off.value_or(0) * 60'000;
    if (!off) off = 0;
  }
  const std::int64_t day = floor_div(ms, ms_per_day), rest = ms - day * ms_per_day;
  Date d;
  try {
    d = Date::from_days(day);
  } catch (const Error&) {
    throw ParseError(SourceLocation{{}, 0, 0, "at"}, "date out of range (years 1-9999)");
  }
  if (!off) {
    if (rest == 0) return Timestamp(d);
    throw ParseError(SourceLocation{{}, 0, 0, "at"},
                     "a date-time without a time zone needs its utc_offset (a timestamp without "
                     "zone at midnight and no offset is a plain date)");
  }
  try {
    return Timestamp(d, static_cast<std::int32_t>(rest), static_cast<std::int16_t>(*off));
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{{}, 0, 0, "at"}, e.what());
  }
}

// The `at` of row @p i as JSON Lines text: ISO text from a string, a date, or a timestamp.
Json at_json(const InColumn& at, const InColumn* offset, std::int64_t i) {
  if (at.is_null(i)) return nullptr;
  if (at.type->kind != InKind::timestamp || at.dict != nullptr) return cell_json(at, i, "at");
  return timestamp_at(at, offset, i).to_string();
}

// The value of enum @p E named @p s (its to_string()), or std::nullopt.
template <class E>
class Names {
 public:
  explicit Names(std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) names_.push_back(to_string(static_cast<E>(k)));
  }
  [[nodiscard]] std::optional<E> find(std::string_view s) const noexcept {
    for (std::size_t k = 0; k < names_.size(); ++k) {
      if (names_[k] == s) return static_cast<E>(k);
    }
    return std::nullopt;
  }

 private:
  std::vector<std::string_view> names_;
};

bool textual(const InColumn& c) {
  return c.dict != nullptr || is_text(*c.type);
}

// The columns from_arrow reads (others are ignored), and where they go in a record.
constexpr const char* top_fields[] = {"case", "event", "role", "antenne", "staff", "certification"};
constexpr const char* data_fields[] = {
    "channel", "date", "minutes", "to", "certifier", "decision", "implicit", "funding", "hours",
    "result", "reason",
    // The France VAE era (issue 15): read through the record path (the JSON reader).
    "accompaniment", "individual_hours", "collective_hours", "training_hours", "funding_kind",
    "amount", "granted", "reason_code", "lifted", "sex", "age_band", "employment", "qualification",
    "departement", "qpv", "rqth", "months", "situation"};

struct ReleaseGuard {
  ArrowSchema* schema = nullptr;
  ArrowArray* array = nullptr;
  ArrowArrayStream* stream = nullptr;
  ReleaseGuard() = default;
  ReleaseGuard(const ReleaseGuard&) = delete;
  ReleaseGuard& operator=(const ReleaseGuard&) = delete;
  ~ReleaseGuard() {
    if (array != nullptr && array->release != nullptr) array->release(array);
    if (schema != nullptr && schema->release != nullptr) schema->release(schema);
    if (stream != nullptr && stream->release != nullptr) stream->release(stream);
  }
};

[[noreturn]] void stream_failed(ArrowArrayStream* s, int rc, const char* what,
                                const std::string& source) {
  const char* err = s->get_last_error != nullptr ? s->get_last_error(s) : nullptr;
  throw IoError(source,
                std::string("EventLog.from_arrow: the Arrow stream failed to give its ") + what +
                    " (error " + std::to_string(rc) +
                    (err != nullptr ? ": " + excerpt(err, 200) : std::string()) + ")",
                rc);
}

// The rows that need no wording of an error: typed straight into an event, validated by
// validate_event_data(), appended. Any row it declines (a missing, unusual or bad value, a field
// the log does not keep) goes through the record path, which accepts it or words the rejection
// exactly as the JSON Lines reader does.
class FastRows {
 public:
  // @p cols: the bound columns, in the order of `wanted` in from_arrow (at, utc_offset,
  // top_fields, data_fields); null for an absent column.
  explicit FastRows(std::vector<const InColumn*> cols) : c_(std::move(cols)) {}

  bool take(std::int64_t i, EventLog& log) {
    std::string_view case_id, antenne, staff, certification;
    if (!text(kCase, i, case_id) || case_id.empty()) return false;
    const InColumn* at = c_[kAt];
    if (at == nullptr || at->is_null(i)) return false;
    Timestamp when;
    try {
      if (textual(*at)) {
        when = Timestamp::parse(at->text(i));
      } else if (at->type->kind == InKind::timestamp) {
        when = timestamp_at(*at, c_[kOffset], i);
      } else {
        return false;
      }
    } catch (const Error&) {
      return false;
    }
    std::string_view name;
    if (!text(kEvent, i, name)) return false;
    const auto kind = events_.find(name);
    if (!text(kRole, i, name)) return false;
    const auto role = roles_.find(name);
    if (!kind || !role) return false;
    if (!optional_text(kAntenne, i, antenne) || !optional_text(kStaff, i, staff) ||
        !optional_text(kCertification, i, certification))
      return false;
    EventData& d = scratch_.data;
    if (!optional_enum(kChannel, i, channels_, d.channel) ||
        !optional_enum(kTo, i, targets_, d.to) ||
        !optional_enum(kDecision, i, decisions_, d.decision) ||
        !optional_enum(kFunding, i, fundings_, d.funding) ||
        !optional_enum(kResult, i, results_, d.result))
      return false;
    d.minutes.reset();
    if (const InColumn* m = c_[kMinutes]; m != nullptr && !m->is_null(i)) {
      const Json v = cell_json(*m, i, "minutes");  // integral floats as integers, NaN as null
      if (!v.is_null()) {
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 1440)
          return false;
        d.minutes = static_cast<std::int32_t>(v.get<std::int64_t>());
      }
    }
    d.implicit = false;
    if (const InColumn* b = c_[kImplicit]; b != nullptr && !b->is_null(i)) {
      if (b->type->kind != InKind::boolean || b->dict != nullptr) return false;
      d.implicit = b->boolean(i);
    }
    for (std::size_t k : {kDate, kCertifier, kHours, kReason}) {
      if (c_[k] != nullptr && !cell_json(*c_[k], i, "").is_null()) return false;
    }
    // The reform's fields take the record path (a false flag is the same as absent).
    for (std::size_t k = kFirstReform; k < c_.size(); ++k) {
      if (c_[k] == nullptr || c_[k]->is_null(i)) continue;
      const Json v = cell_json(*c_[k], i, "");
      if (!v.is_null() && v != Json(false)) return false;
    }
    scratch_.kind = *kind;
    scratch_.role = *role;
    scratch_.certification.assign(certification);
    if (validate_event_data(scratch_)) return false;
    log.append(case_id, when, *kind, *role, antenne, staff, certification,
               encode_payload(*kind, d));
    return true;
  }

  // Indices into the column list (see from_arrow's `wanted`).
  static constexpr std::size_t kAt = 0, kOffset = 1, kCase = 2, kEvent = 3, kRole = 4, kAntenne = 5,
                               kStaff = 6, kCertification = 7, kChannel = 8, kDate = 9,
                               kMinutes = 10, kTo = 11, kCertifier = 12, kDecision = 13,
                               kImplicit = 14, kFunding = 15, kHours = 16, kResult = 17,
                               kReason = 18, kFirstReform = 19;

 private:
  bool text(std::size_t k, std::int64_t i, std::string_view& out) const {
    const InColumn* c = c_[k];
    if (c == nullptr || c->is_null(i) || !textual(*c)) return false;
    out = c->text(i);
    return true;
  }
  bool optional_text(std::size_t k, std::int64_t i, std::string_view& out) const {
    const InColumn* c = c_[k];
    out = {};
    if (c == nullptr || c->is_null(i)) return true;
    if (!textual(*c)) return false;
    out = c->text(i);
    return true;
  }
  template <class E>
  bool optional_enum(std::size_t k, std::int64_t i, const Names<E>& names,
                     std::optional<E>& out) const {
    out.reset();
    std::string_view s;
    const InColumn* c = c_[k];
    if (c == nullptr || c->is_null(i)) return true;
    if (!text(k, i, s)) return false;
    out = names.find(s);
    return out.has_value();
  }

  std::vector<const InColumn*> c_;
  Event scratch_;
  Names<EventKind> events_{event_kind_count};
  Names<Role> roles_{role_count};
  Names<Channel> channels_{4};
  Names<OrientationTarget> targets_{5};
  Names<AdmissibilityDecision> decisions_{3};
  Names<Funding> fundings_{funding_names.size()};
  Names<JuryResult> results_{jury_result_names.size()};
};

}  // namespace

void EventLog::export_arrow(ArrowArrayStream* out) const {
  if (out == nullptr) throw InvalidArgument("EventLog::export_arrow: no stream to fill");
  const BatchPtr batch = build_batch(*this);
  export_one_batch_stream([batch](ArrowSchema* s) { fill_schema(batch, s); },
                          [batch](ArrowArray* a) { fill_array(batch, a); }, out);
}

EventLog EventLog::from_arrow(ArrowArrayStream* stream, std::string_view source, ReadMode mode) {
  if (stream == nullptr || stream->release == nullptr)
    throw InvalidArgument("EventLog.from_arrow: no Arrow stream (null or released)");
  ReleaseGuard stream_guard;
  stream_guard.stream = stream;
  ArrowSchema schema{};
  ReleaseGuard schema_guard;
  if (int rc = stream->get_schema(stream, &schema); rc != 0)
    stream_failed(stream, rc, "schema", std::string(source));
  schema_guard.schema = &schema;
  if (schema.format == nullptr || std::string_view(schema.format) != "+s")
    throw InvalidArgument("EventLog.from_arrow: the stream is not a table (a struct of columns)");

  // The columns it reads, by name (the first of a repeated name).
  std::unordered_map<std::string, std::int64_t> by_name;
  for (std::int64_t k = 0; k < schema.n_children; ++k) {
    const char* nm = schema.children[k]->name;
    by_name.emplace(nm != nullptr ? nm : "", k);
  }
  struct Wanted {
    std::string name;
    std::int64_t child = -1;
    InType type;
  };
  std::vector<Wanted> wanted;
  auto want = [&](const char* name) -> std::size_t {
    Wanted w;
    w.name = name;
    if (auto it = by_name.find(name); it != by_name.end()) {
      w.child = it->second;
      w.type = type_of(*schema.children[w.child], name);
    }
    wanted.push_back(std::move(w));
    return wanted.size() - 1;
  };
  const std::size_t at_w = want("at"), offset_w = want("utc_offset");
  std::vector<std::size_t> top_w, data_w;
  for (const char* f : top_fields) top_w.push_back(want(f));
  for (const char* f : data_fields) data_w.push_back(want(f));
  // The data fields of a record in the order of their columns, as a JSON line has them in its
  // order: the reader reports the first bad field of a record.
  std::vector<std::size_t> data_order;
  for (std::size_t k = 0; k < data_w.size(); ++k) {
    if (wanted[data_w[k]].child >= 0) data_order.push_back(k);
  }
  std::sort(data_order.begin(), data_order.end(), [&](std::size_t a, std::size_t b) {
    return wanted[data_w[a]].child < wanted[data_w[b]].child;
  });
  if (wanted[at_w].child >= 0) {
    const InType& t = wanted[at_w].type;
    if (!(t.kind == InKind::timestamp || t.kind == InKind::date32 || t.kind == InKind::date64 ||
          t.kind == InKind::null || is_text(t) || t.dict))
      throw InvalidArgument(
          "EventLog.from_arrow: column 'at' is a timestamp, a date or ISO text, not " +
          excerpt(schema.children[wanted[at_w].child]->format));
  }
  if (wanted[offset_w].child >= 0) {
    const InType& t = wanted[offset_w].type;
    if (!(is_int(t) || t.kind == InKind::floating || t.kind == InKind::null) || t.dict)
      throw InvalidArgument("EventLog.from_arrow: column 'utc_offset' holds whole minutes, not " +
                            excerpt(schema.children[wanted[offset_w].child]->format));
  }

  EventLog log;
  const std::string src(source);
  std::vector<InColumn> cols(wanted.size());
  std::size_t row_no = 0;
  for (;;) {
    ArrowArray batch{};
    if (int rc = stream->get_next(stream, &batch); rc != 0)
      stream_failed(stream, rc, "next batch", src);
    if (batch.release == nullptr) break;
    ReleaseGuard batch_guard;
    batch_guard.array = &batch;
    if (batch.n_children != schema.n_children)
      throw InvalidArgument("EventLog.from_arrow: a batch does not match the stream's schema");
    for (std::size_t w = 0; w < wanted.size(); ++w) {
      InColumn& c = cols[w];
      c = InColumn{};
      if (wanted[w].child < 0) continue;
      c.type = &wanted[w].type;
      c.array = batch.children[wanted[w].child];
      c.offset = c.array->offset + batch.offset;
      if (c.type->dict) {
        c.dict_type = c.type->dict.get();
        c.dict = c.array->dictionary;
        if (c.dict == nullptr)
          throw InvalidArgument("EventLog.from_arrow: column '" + wanted[w].name +
                                "' is dictionary-encoded but its batch has no dictionary");
      }
    }
    auto present = [&](std::size_t w) { return wanted[w].child >= 0; };
    std::vector<const InColumn*> bound(wanted.size());
    for (std::size_t w = 0; w < wanted.size(); ++w) bound[w] = present(w) ? &cols[w] : nullptr;
    FastRows fast(std::move(bound));
    log.reserve(log.size() + static_cast<std::size_t>(batch.length));
    for (std::int64_t i = 0; i < batch.length; ++i) {
      ++row_no;
      if (fast.take(i, log)) continue;
      const SourceLocation where{src, row_no, 0, {}};
      std::optional<ParseError> bad;
      try {
        Json j = Json::object();
        for (std::size_t k = 0; k < top_w.size(); ++k) {
          if (!present(top_w[k])) continue;
          Json v = cell_json(cols[top_w[k]], i, top_fields[k]);
          if (!v.is_null()) j[top_fields[k]] = std::move(v);
        }
        if (present(at_w)) {
          Json v = at_json(cols[at_w], present(offset_w) ? &cols[offset_w] : nullptr, i);
          if (!v.is_null()) j["at"] = std::move(v);
        }
        Json data = Json::object();
        for (std::size_t k : data_order) {
          Json v = cell_json(cols[data_w[k]], i, data_fields[k]);
          if (!v.is_null()) data[data_fields[k]] = std::move(v);
        }
        if (!data.empty()) j["data"] = std::move(data);
        log.append(j.get<Event>());
      } catch (const ParseError& e) {
        bad.emplace(SourceLocation{src, row_no, 0, e.where().field}, e.reason());
      } catch (const BadStream&) {
        throw;
      } catch (const InvalidArgument& e) {
        bad.emplace(where, e.what());
      } catch (const nlohmann::json::exception& e) {
        bad.emplace(where, "invalid event: " + json_exception_text(e));
      }
      if (bad) {
        if (mode == ReadMode::strict) throw *bad;
        log.rejects_.push_back(Reject{src, row_no, bad->where().field, bad->reason(), {}});
      }
    }
  }
  log.records_read_ = row_no;
  return log;
}

}  // namespace vaekit
