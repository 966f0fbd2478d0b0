// The search normalisation shared by every accent-insensitive search of vaekit (utf8proc).
#include "vaekit/core/text.hpp"

#include <utf8proc.h>

namespace vaekit {

std::vector<std::string> normalize_words(std::string_view text) {
  return search_words(text, CompoundForm::split);
}

std::vector<std::string> search_words(std::string_view text, CompoundForm compounds) {
  std::vector<std::string> words;
  std::string current;
  // A compound: the words from chain_start on, written with hyphens between them.
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t chain_start = none;
  bool after_hyphen = false;  // a hyphen just followed a word
  auto end_compound = [&] {
    if (chain_start != none && words.size() - chain_start >= 2 &&
        compounds != CompoundForm::split) {
      std::string joined;
      for (std::size_t i = chain_start; i < words.size(); ++i) joined += words[i];
      if (compounds == CompoundForm::query) words.resize(chain_start);
      words.push_back(std::move(joined));
    }
    chain_start = none;
  };
  auto flush = [&] {  // any separator but a hyphen
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
    after_hyphen = false;
    end_compound();
  };
  auto hyphen = [&] {
    if (current.empty()) {
      flush();
      return;
    }
    words.push_back(std::move(current));
    current.clear();
    after_hyphen = true;
  };
  auto begin_char = [&] {  // before a character of a word
    if (!current.empty()) return;
    if (!after_hyphen) {
      end_compound();
      chain_start = words.size();
    }
    after_hyphen = false;
  };
  auto append_cp = [&](utf8proc_int32_t cp) {
    begin_char();
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
        begin_char();
        current += c;
      } else if (c >= 'A' && c <= 'Z') {
        begin_char();
        current += static_cast<char>(c - 'A' + 'a');
      } else if (c == '-') {
        hyphen();
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
      begin_char();
      current += "oe";
      continue;
    }
    if (cp == 0x00E6 || cp == 0x00C6) {
      begin_char();
      current += "ae";
      continue;
    }
    if (cp == 0x2010 || cp == 0x2011) {  // hyphen, non-breaking hyphen
      hyphen();
      continue;
    }
    if (cp == 0x00AD) continue;  // soft hyphen: invisible, inside a word
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
