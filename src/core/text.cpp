// The search normalisation shared by every accent-insensitive search of vaekit (utf8proc).
#include "vaekit/core/text.hpp"

#include <utf8proc.h>

namespace vaekit {

std::vector<std::string> normalize_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  auto append_cp = [&](utf8proc_int32_t cp) {
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(cp, buf);
    current.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  };
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  const int options = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK;
  while (left > 0) {
    // ASCII fast path.
    if (*p < 0x80) {
      const char c = static_cast<char>(*p);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current += c;
      } else if (c >= 'A' && c <= 'Z') {
        current += static_cast<char>(c - 'A' + 'a');
      } else {
        flush();
      }
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(p, left, &cp);
    if (used <= 0) {  // invalid byte: dropped (acts as a separator)
      flush();
      ++p;
      --left;
      continue;
    }
    p += used;
    left -= used;
    // Ligatures NFKD keeps: œ, æ.
    if (cp == 0x0153 || cp == 0x0152) {
      current += "oe";
      continue;
    }
    if (cp == 0x00E6 || cp == 0x00C6) {
      current += "ae";
      continue;
    }
    utf8proc_int32_t out[16];
    int boundclass = 0;
    const utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, out, 16, static_cast<utf8proc_option_t>(options), &boundclass);
    if (n <= 0 || n > 16) {
      flush();
      continue;
    }
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
      const auto cat = utf8proc_category(out[i]);
      const bool alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
      if (alnum) {
        append_cp(out[i]);
      } else if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
                 cat == UTF8PROC_CATEGORY_ME) {
        // marks left (should be stripped already): ignore
      } else {
        flush();
      }
    }
  }
  flush();
  return words;
}

}  // namespace vaekit
