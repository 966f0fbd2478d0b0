// Table: columns laid out as Arrow buffers; CSV, JSON records and the Arrow C stream export.
#include "vaekit/core/table.hpp"

#include <charconv>
#include <cstring>
#include <functional>

#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"

namespace vaekit {

std::string_view to_string(ColumnType t) noexcept {
  switch (t) {
    case ColumnType::int64: return "int64";
    case ColumnType::float64: return "float64";
    case ColumnType::string: return "string";
    case ColumnType::boolean: return "boolean";
    case ColumnType::date: return "date";
    case ColumnType::category: return "category";
    case ColumnType::string_list: return "string_list";
  }
  return "unknown";
}

Column::Column(std::string name, ColumnType type) : name_(std::move(name)), type_(type) {
  if (type_ == ColumnType::string_list) int32s_.push_back(0);
}

void Column::check_type(ColumnType expected, const char* what) const {
  if (type_ != expected) {
    throw InvalidArgument("column '" + name_ + "' is a " + std::string(to_string(type_)) +
                          " column, not " + what);
  }
}

void Column::push_valid(bool valid) {
  if (size_ % 8 == 0) validity_.push_back(0);
  if (valid) {
    validity_.back() = static_cast<std::uint8_t>(validity_.back() | (1u << (size_ % 8)));
  } else {
    ++nulls_;
  }
  ++size_;
}

void Column::push_int(std::optional<std::int64_t> v) {
  check_type(ColumnType::int64, "int64");
  ints_.push_back(v.value_or(0));
  push_valid(v.has_value());
}

void Column::push_double(std::optional<double> v) {
  check_type(ColumnType::float64, "float64");
  doubles_.push_back(v.value_or(0.0));
  push_valid(v.has_value());
}

void Column::push_string(std::optional<std::string_view> v) {
  if (type_ == ColumnType::category) {
    std::int32_t code = 0;
    if (v) {
      auto [it, added] =
          codes_.try_emplace(std::string(*v), static_cast<std::int32_t>(codes_.size()));
      if (added) {
        chars_.append(*v);
        offsets_.push_back(static_cast<std::int32_t>(chars_.size()));
      }
      code = it->second;
    }
    int32s_.push_back(code);
    push_valid(v.has_value());
    return;
  }
  check_type(ColumnType::string, "a string or category");
  if (v) chars_.append(*v);
  offsets_.push_back(static_cast<std::int32_t>(chars_.size()));
  push_valid(v.has_value());
}

void Column::add_category(std::string_view value) {
  check_type(ColumnType::category, "category");
  if (codes_.try_emplace(std::string(value), static_cast<std::int32_t>(codes_.size())).second) {
    chars_.append(value);
    offsets_.push_back(static_cast<std::int32_t>(chars_.size()));
  }
}

void Column::push_bool(std::optional<bool> v) {
  check_type(ColumnType::boolean, "boolean");
  if (size_ % 8 == 0) bits_.push_back(0);
  if (v.value_or(false))
    bits_.back() = static_cast<std::uint8_t>(bits_.back() | (1u << (size_ % 8)));
  push_valid(v.has_value());
}

void Column::push_date(std::optional<Date> v) {
  check_type(ColumnType::date, "date");
  int32s_.push_back(v ? v->days_since_epoch() : 0);
  push_valid(v.has_value());
}

void Column::push_list(const std::vector<std::string>& items) {
  check_type(ColumnType::string_list, "string_list");
  for (const std::string& item : items) {
    chars_.append(item);
    offsets_.push_back(static_cast<std::int32_t>(chars_.size()));
  }
  int32s_.push_back(static_cast<std::int32_t>(offsets_.size() - 1));
  push_valid(true);
}

void Column::push_null() {
  switch (type_) {
    case ColumnType::int64: push_int(std::nullopt); break;
    case ColumnType::float64: push_double(std::nullopt); break;
    case ColumnType::string:
    case ColumnType::category: push_string(std::nullopt); break;
    case ColumnType::boolean: push_bool(std::nullopt); break;
    case ColumnType::date: push_date(std::nullopt); break;
    case ColumnType::string_list:
      int32s_.push_back(int32s_.back());
      push_valid(false);
      break;
  }
}

void Column::set_null(std::size_t i) {
  if (i >= size_) throw OutOfRange("row " + std::to_string(i) + " beyond the column");
  if (is_null(i)) return;
  validity_[i / 8] = static_cast<std::uint8_t>(validity_[i / 8] & ~(1u << (i % 8)));
  ++nulls_;
}

std::string_view Column::string_at(std::size_t i) const {
  if (type_ == ColumnType::category) {
    if (is_null(i)) return {};
    i = static_cast<std::size_t>(int32s_[i]);
  }
  const auto b = static_cast<std::size_t>(offsets_[i]),
             e = static_cast<std::size_t>(offsets_[i + 1]);
  return std::string_view(chars_).substr(b, e - b);
}

std::vector<std::string_view> Column::list_at(std::size_t i) const {
  std::vector<std::string_view> out;
  for (auto k = static_cast<std::size_t>(int32s_[i]); k < static_cast<std::size_t>(int32s_[i + 1]);
       ++k) {
    const auto b = static_cast<std::size_t>(offsets_[k]),
               e = static_cast<std::size_t>(offsets_[k + 1]);
    out.push_back(std::string_view(chars_).substr(b, e - b));
  }
  return out;
}

std::vector<std::string_view> Column::dictionary() const {
  std::vector<std::string_view> out;
  for (std::size_t k = 0; k + 1 < offsets_.size(); ++k) {
    const auto b = static_cast<std::size_t>(offsets_[k]),
               e = static_cast<std::size_t>(offsets_[k + 1]);
    out.push_back(std::string_view(chars_).substr(b, e - b));
  }
  return out;
}

Json Column::json_at(std::size_t i) const {
  if (is_null(i)) return nullptr;
  switch (type_) {
    case ColumnType::int64: return ints_[i];
    case ColumnType::float64: return doubles_[i];
    case ColumnType::string:
    case ColumnType::category: return std::string(string_at(i));
    case ColumnType::boolean: return bool_at(i);
    case ColumnType::date: return date_at(i).to_string();
    case ColumnType::string_list: {
      Json out = Json::array();
      for (std::string_view item : list_at(i)) out.push_back(std::string(item));
      return out;
    }
  }
  return nullptr;
}

Column& Table::add_column(std::string name, ColumnType type) {
  columns_.emplace_back(std::move(name), type);
  return columns_.back();
}

std::size_t Table::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name() == name) return i;
  }
  throw NotFound(std::string(name),
                 "no column '" + std::string(name) + "' in table '" + name_ + "'");
}

const Column& Table::column(std::string_view name) const {
  return columns_[column_index(name)];
}

Json Table::to_records() const {
  Json out = Json::array();
  for (std::size_t r = 0; r < rows(); ++r) {
    Json row = Json::object();
    for (const Column& c : columns_) row[c.name()] = c.json_at(r);
    out.push_back(std::move(row));
  }
  return out;
}

std::string format_double(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

namespace {
void csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

std::string Table::to_csv() const {
  std::string out;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i) out += ',';
    csv_field(out, columns_[i].name());
  }
  out += '\n';
  for (std::size_t r = 0; r < rows(); ++r) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) out += ',';
      const Column& c = columns_[i];
      if (c.is_null(r)) continue;
      switch (c.type()) {
        case ColumnType::int64: out += std::to_string(c.int_at(r)); break;
        case ColumnType::float64: out += format_double(c.double_at(r)); break;
        case ColumnType::string:
        case ColumnType::category: csv_field(out, c.string_at(r)); break;
        case ColumnType::boolean: out += c.bool_at(r) ? "true" : "false"; break;
        case ColumnType::date: out += c.date_at(r).to_string(); break;
        case ColumnType::string_list: {
          std::string joined;
          for (std::string_view item : c.list_at(r)) {
            if (!joined.empty()) joined += '|';
            joined.append(item);
          }
          csv_field(out, joined);
          break;
        }
      }
    }
    out += '\n';
  }
  return out;
}

void Table::write_csv(const std::filesystem::path& path) const {
  write_file_atomic(path, to_csv());
}

// ---------------------------------------------------------------------------------------------
// Arrow C data / stream interface.

namespace {

const char* format_of(ColumnType t) {
  switch (t) {
    case ColumnType::int64: return "l";
    case ColumnType::float64: return "g";
    case ColumnType::string: return "u";
    case ColumnType::boolean: return "b";
    case ColumnType::date: return "tdD";
    case ColumnType::category: return "i";  // the indices; the values are the dictionary
    case ColumnType::string_list: return "+l";
  }
  return "n";
}

struct SchemaPrivate {
  std::vector<std::string> names;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_ptrs;
  std::vector<ArrowSchema> inner;  // per column: the dictionary (category) or item (list) schema
  std::vector<ArrowSchema*> inner_ptrs;
};

void release_child_schema(ArrowSchema* s) {
  s->release = nullptr;
}

void release_schema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  delete static_cast<SchemaPrivate*>(s->private_data);
  s->release = nullptr;
}

struct ArrayPrivate {
  std::shared_ptr<const Table> table;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
  std::vector<std::vector<const void*>> child_buffers;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> inner;  // per column: the dictionary (category) or items (list) array
  std::vector<ArrowArray*> inner_ptrs;
  std::vector<std::vector<const void*>> inner_buffers;
};

// Non-null address for empty data buffers.
constexpr std::int64_t kEmpty = 0;

void release_child_array(ArrowArray* a) {
  a->release = nullptr;
}

void release_array(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  delete static_cast<ArrayPrivate*>(a->private_data);
  a->release = nullptr;
}

void fill_array(const std::shared_ptr<const Table>& table, ArrowArray* out) {
  auto* p = new ArrayPrivate;
  p->table = table;
  const auto n = table->columns().size();
  p->children.resize(n);
  p->child_ptrs.resize(n);
  p->child_buffers.resize(n);
  p->buffers = {nullptr};
  p->inner.resize(n);
  p->inner_ptrs.resize(n);
  p->inner_buffers.resize(n);
  const auto rows = static_cast<int64_t>(table->rows());
  for (std::size_t i = 0; i < n; ++i) {
    const Column& c = table->columns()[i];
    auto& bufs = p->child_buffers[i];
    const void* validity = c.null_count() == 0 ? nullptr : c.validity().data();
    switch (c.type()) {
      case ColumnType::int64:
        bufs = {validity, c.ints().empty() ? static_cast<const void*>(&kEmpty) : c.ints().data()};
        break;
      case ColumnType::float64:
        bufs = {validity,
                c.doubles().empty() ? static_cast<const void*>(&kEmpty) : c.doubles().data()};
        break;
      case ColumnType::string:
        bufs = {validity, c.offsets().data(), c.chars().data()};  // never null (std::string)
        break;
      case ColumnType::boolean:
        bufs = {validity, c.bits().empty() ? static_cast<const void*>(&kEmpty) : c.bits().data()};
        break;
      case ColumnType::date:
      case ColumnType::category:
        bufs = {validity,
                c.int32s().empty() ? static_cast<const void*>(&kEmpty) : c.int32s().data()};
        break;
      case ColumnType::string_list: bufs = {validity, c.int32s().data()}; break;
    }
    const bool nested = c.type() == ColumnType::category || c.type() == ColumnType::string_list;
    if (nested) {  // the dictionary values, or the lists' items: one utf8 array
      p->inner_buffers[i] = {nullptr, c.offsets().data(), c.chars().data()};
      ArrowArray& d = p->inner[i];
      d = ArrowArray{};
      d.length = static_cast<int64_t>(c.offsets().size() - 1);
      d.n_buffers = 3;
      d.buffers = p->inner_buffers[i].data();
      d.release = release_child_array;
      p->inner_ptrs[i] = &d;
    }
    ArrowArray& a = p->children[i];
    a = ArrowArray{};
    a.length = static_cast<int64_t>(c.size());
    a.null_count = static_cast<int64_t>(c.null_count());
    a.offset = 0;
    a.n_buffers = static_cast<int64_t>(bufs.size());
    a.n_children = c.type() == ColumnType::string_list ? 1 : 0;
    a.buffers = bufs.data();
    a.children = c.type() == ColumnType::string_list ? &p->inner_ptrs[i] : nullptr;
    a.dictionary = c.type() == ColumnType::category ? p->inner_ptrs[i] : nullptr;
    a.release = release_child_array;
    a.private_data = nullptr;
    p->child_ptrs[i] = &a;
  }
  *out = ArrowArray{};
  out->length = rows;
  out->null_count = 0;
  out->offset = 0;
  out->n_buffers = 1;
  out->n_children = static_cast<int64_t>(n);
  out->buffers = p->buffers.data();
  out->children = n ? p->child_ptrs.data() : nullptr;
  out->dictionary = nullptr;
  out->release = release_array;
  out->private_data = p;
}

struct StreamPrivate {
  std::function<void(ArrowSchema*)> schema;
  std::function<void(ArrowArray*)> batch;
  bool done = false;
  std::string error;
};

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
  auto* p = static_cast<StreamPrivate*>(s->private_data);
  try {
    p->schema(out);
    return 0;
  } catch (const std::exception& e) {
    p->error = e.what();
    return 12;  // ENOMEM-like: the only failure is allocation
  }
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
  auto* p = static_cast<StreamPrivate*>(s->private_data);
  if (p->done) {
    std::memset(out, 0, sizeof *out);  // end of stream: released array
    return 0;
  }
  try {
    p->batch(out);
    p->done = true;
    return 0;
  } catch (const std::exception& e) {
    p->error = e.what();
    return 12;
  }
}

const char* stream_last_error(ArrowArrayStream* s) {
  auto* p = static_cast<StreamPrivate*>(s->private_data);
  return p->error.empty() ? nullptr : p->error.c_str();
}

void stream_release(ArrowArrayStream* s) {
  if (s == nullptr || s->release == nullptr) return;
  delete static_cast<StreamPrivate*>(s->private_data);
  s->release = nullptr;
}

}  // namespace

void export_arrow_schema(const Table& table, ArrowSchema* out) {
  auto* p = new SchemaPrivate;
  const auto n = table.columns().size();
  p->names.reserve(n);
  p->children.resize(n);
  p->child_ptrs.resize(n);
  p->inner.resize(n);
  p->inner_ptrs.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Column& c = table.columns()[i];
    p->names.push_back(c.name());
    const bool nested = c.type() == ColumnType::category || c.type() == ColumnType::string_list;
    if (nested) {  // utf8 values of the dictionary, or the list's item field
      ArrowSchema& d = p->inner[i];
      d = ArrowSchema{};
      d.format = "u";
      d.name = c.type() == ColumnType::string_list ? "item" : "";
      d.flags = c.type() == ColumnType::string_list ? ARROW_FLAG_NULLABLE : 0;
      d.release = release_child_schema;
      p->inner_ptrs[i] = &d;
    }
    ArrowSchema& cs = p->children[i];
    cs = ArrowSchema{};
    cs.format = format_of(c.type());
    cs.name = p->names.back().c_str();
    cs.metadata = nullptr;
    cs.flags = ARROW_FLAG_NULLABLE;
    cs.n_children = c.type() == ColumnType::string_list ? 1 : 0;
    cs.children = c.type() == ColumnType::string_list ? &p->inner_ptrs[i] : nullptr;
    cs.dictionary = c.type() == ColumnType::category ? p->inner_ptrs[i] : nullptr;
    cs.release = release_child_schema;
    cs.private_data = nullptr;
    p->child_ptrs[i] = &cs;
  }
  *out = ArrowSchema{};
  out->format = "+s";
  out->name = "";
  out->metadata = nullptr;
  out->flags = 0;
  out->n_children = static_cast<int64_t>(n);
  out->children = n ? p->child_ptrs.data() : nullptr;
  out->dictionary = nullptr;
  out->release = release_schema;
  out->private_data = p;
}

void export_one_batch_stream(std::function<void(ArrowSchema*)> schema,
                             std::function<void(ArrowArray*)> batch, ArrowArrayStream* out) {
  if (out == nullptr) throw InvalidArgument("export_one_batch_stream: no stream to fill");
  auto* p = new StreamPrivate{std::move(schema), std::move(batch), false, {}};
  out->get_schema = stream_get_schema;
  out->get_next = stream_get_next;
  out->get_last_error = stream_last_error;
  out->release = stream_release;
  out->private_data = p;
}

void export_arrow_stream(std::shared_ptr<const Table> table, ArrowArrayStream* out) {
  if (!table) throw InvalidArgument("export_arrow_stream: no table");
  export_one_batch_stream([table](ArrowSchema* s) { export_arrow_schema(*table, s); },
                          [table](ArrowArray* a) { fill_array(table, a); }, out);
}

}  // namespace vaekit
