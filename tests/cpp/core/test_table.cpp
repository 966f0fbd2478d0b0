// Table (core): the Arrow C stream export without copying, CSV.
#include <memory>

#include "test_support.hpp"
#include "vaekit/core/table.hpp"

using namespace vaekit;

TEST_CASE("core: a table exports through the Arrow C stream without copying") {
  auto t = std::make_shared<Table>("t");
  auto& x = t->add_column("x", ColumnType::int64);
  x.push_int(1);
  x.push_int(std::nullopt);
  auto& s = t->add_column("s", ColumnType::string);
  s.push_string("ab");
  s.push_string(std::nullopt);
  ArrowArrayStream stream{};
  export_arrow_stream(t, &stream);
  ArrowSchema schema{};
  REQUIRE(stream.get_schema(&stream, &schema) == 0);
  CHECK(std::string(schema.format) == "+s");
  CHECK(schema.n_children == 2);
  CHECK(std::string(schema.children[1]->format) == "u");
  schema.release(&schema);
  ArrowArray batch{};
  REQUIRE(stream.get_next(&stream, &batch) == 0);
  CHECK(batch.length == 2);
  CHECK(batch.children[0]->null_count == 1);
  CHECK(batch.children[0]->buffers[1] == t->columns()[0].ints().data());  // zero-copy
  batch.release(&batch);
  ArrowArray end{};
  REQUIRE(stream.get_next(&stream, &end) == 0);
  CHECK(end.release == nullptr);
  stream.release(&stream);
  CHECK(t->to_csv() == "x,s\n1,ab\n,\n");
}
