// Table (core): the typed columns every area's to_table() uses — boolean, date, category,
// string_list — and their Arrow C export (formats from the Arrow C data interface spec:
// https://arrow.apache.org/docs/format/CDataInterface.html, "b", "tdD", dictionary-encoded "i"
// over "u", "+l" with one "u" child), CSV and records.
#include <memory>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/table.hpp"

using namespace vaekit;

namespace {
std::shared_ptr<Table> typed_table() {
  auto t = std::make_shared<Table>("typed");
  t->columns().reserve(4);
  auto& b = t->add_column("ok", ColumnType::boolean);
  auto& d = t->add_column("day", ColumnType::date);
  auto& k = t->add_column("kind", ColumnType::category);
  auto& l = t->add_column("codes", ColumnType::string_list);
  k.add_category("RNCP");
  k.add_category("RS");
  b.push_bool(true);
  b.push_bool(std::nullopt);
  b.push_bool(false);
  d.push_date(Date(2024, 2, 29));
  d.push_date(std::nullopt);
  d.push_date(Date(1969, 12, 31));
  k.push_string("RS");
  k.push_string(std::nullopt);
  k.push_string("CAP");  // a value outside the declared ones joins the dictionary
  l.push_list({"K1306", "J1501"});
  l.push_null();
  l.push_list({});
  return t;
}
}  // namespace

TEST_CASE("core: typed columns keep their values, nulls and dictionary") {
  const auto t = typed_table();
  const Column& b = t->column("ok");
  CHECK(b.bool_at(0));
  CHECK(b.is_null(1));
  CHECK_FALSE(b.bool_at(2));
  CHECK(b.null_count() == 1);
  const Column& d = t->column("day");
  CHECK(d.date_at(0) == Date(2024, 2, 29));
  CHECK(d.int32s()[2] == -1);  // 1969-12-31 is day -1
  const Column& k = t->column("kind");
  CHECK(k.dictionary() == std::vector<std::string_view>{"RNCP", "RS", "CAP"});
  CHECK(k.code_at(0) == 1);
  CHECK(k.string_at(0) == "RS");
  CHECK(k.string_at(2) == "CAP");
  CHECK(k.is_null(1));
  const Column& l = t->column("codes");
  CHECK(l.list_at(0) == std::vector<std::string_view>{"K1306", "J1501"});
  CHECK(l.is_null(1));
  CHECK(l.list_at(2).empty());
  CHECK_FALSE(l.is_null(2));  // an empty list is a list
  CHECK(t->to_csv() ==
        "ok,day,kind,codes\ntrue,2024-02-29,RS,K1306|J1501\n,,,\nfalse,1969-12-31,CAP,\n");
  const Json rec = t->to_records();
  CHECK(rec[0]["ok"] == true);
  CHECK(rec[0]["day"] == "2024-02-29");
  CHECK(rec[1]["kind"].is_null());
  CHECK(rec[0]["codes"] == Json::array({"K1306", "J1501"}));
  CHECK(rec[2]["codes"] == Json::array());
}

TEST_CASE("core: a push of the wrong type is refused, naming the column and its type") {
  Table t("t");
  auto& d = t.add_column("day", ColumnType::date);
  CHECK_THROWS_AS(d.push_string("2024-01-01"), InvalidArgument);
  CHECK_THROWS_WITH(d.push_bool(true), Catch::Contains("'day' is a date column"));
  auto& s = t.add_column("s", ColumnType::string);
  CHECK_THROWS_AS(s.add_category("x"), InvalidArgument);
  CHECK(to_string(ColumnType::string_list) == "string_list");
}

TEST_CASE("core: typed columns export through the Arrow C stream without copying") {
  const auto t = typed_table();
  ArrowArrayStream stream{};
  export_arrow_stream(t, &stream);
  ArrowSchema schema{};
  REQUIRE(stream.get_schema(&stream, &schema) == 0);
  REQUIRE(schema.n_children == 4);
  CHECK(std::string(schema.children[0]->format) == "b");
  CHECK(std::string(schema.children[1]->format) == "tdD");
  CHECK(std::string(schema.children[2]->format) == "i");
  REQUIRE(schema.children[2]->dictionary != nullptr);
  CHECK(std::string(schema.children[2]->dictionary->format) == "u");
  CHECK(std::string(schema.children[3]->format) == "+l");
  REQUIRE(schema.children[3]->n_children == 1);
  CHECK(std::string(schema.children[3]->children[0]->format) == "u");
  schema.release(&schema);
  ArrowArray batch{};
  REQUIRE(stream.get_next(&stream, &batch) == 0);
  CHECK(batch.length == 3);
  const ArrowArray* b = batch.children[0];
  CHECK(b->null_count == 1);
  CHECK((static_cast<const std::uint8_t*>(b->buffers[1])[0] & 0b101) == 0b001);  // true, _, false
  const ArrowArray* d = batch.children[1];
  CHECK(static_cast<const std::int32_t*>(d->buffers[1])[0] == 19782);  // 2024-02-29
  const ArrowArray* k = batch.children[2];
  REQUIRE(k->dictionary != nullptr);
  CHECK(k->dictionary->length == 3);
  CHECK(k->buffers[1] == t->column("kind").int32s().data());  // zero-copy indices
  const ArrowArray* l = batch.children[3];
  REQUIRE(l->n_children == 1);
  CHECK(l->children[0]->length == 2);  // two items in all
  const auto* offsets = static_cast<const std::int32_t*>(l->buffers[1]);
  CHECK((offsets[0] == 0 && offsets[1] == 2 && offsets[2] == 2 && offsets[3] == 2));
  batch.release(&batch);
  stream.release(&stream);
}

TEST_CASE("core: a category column reads back what was pushed, in any order") {
  const auto values =
      GENERATE(std::vector<std::string>{"a", "b", "a", "c", "b"}, std::vector<std::string>{"x"},
               std::vector<std::string>{}, std::vector<std::string>{"é", "", "é", ""});
  Table t("t");
  auto& c = t.add_column("c", ColumnType::category);
  for (const auto& v : values) c.push_string(v);
  REQUIRE(c.size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(c.string_at(i) == values[i]);
  CHECK(c.dictionary().size() <= values.size());
}
