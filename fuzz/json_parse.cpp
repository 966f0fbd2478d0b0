// Fuzz target: core's one JSON parser (parse_json), which every document reader and the event log
// go through. Any input parses or throws a ParseError whose message is short and valid UTF-8 and
// never quotes more than a bounded excerpt; a parsed value prints and reads back equal (so no
// duplicate key and no nesting beyond json_max_depth survived). Run with -max_len=1048576 so
// that deep nesting ('[' * 200000) is reached (fuzz/json_parse.options).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vaekit/core/json.hpp"

namespace {
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += n;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const vaekit::Json j = vaekit::parse_json(text, "fuzz");
    const std::string out = j.dump();
    if (!(vaekit::parse_json(out, "again") == j)) std::abort();
  } catch (const vaekit::ParseError& e) {
    const std::string_view what = e.what();
    if (what.size() > vaekit::max_message_bytes + 64 || !valid_utf8(what)) std::abort();
  }
  return 0;
}
