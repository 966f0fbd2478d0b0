#pragma once
/// @file
/// @brief The search normalisation shared by the registry search and the community search.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vaekit {

/// What search_words() gives for a compound written with hyphens ("agro-alimentaire": words
/// joined by `-`, U+2010 or U+2011 with no space around). French writes many compounds both ways
/// ("agroalimentaire" and "agro-alimentaire"); a search indexes a document with
/// CompoundForm::index and reads its query with CompoundForm::query, so that either spelling
/// finds the other while each part stays findable on its own ("psycho" finds
/// "médico-psychologique").
enum class CompoundForm : std::uint8_t {
  split,  ///< The parts only: {"agro", "alimentaire"} (the plain word list).
  index,  ///< The parts, then the joined form: {"agro", "alimentaire", "agroalimentaire"}.
  query,  ///< The joined form only: {"agroalimentaire"}.
};

/// The words of @p text for accent-, case- and punctuation-insensitive search: NFKD, case
/// folding, marks removed, œ → oe, æ → ae, soft hyphens (U+00AD) removed, every other
/// non-alphanumeric character a separator (utf8proc); hyphenated compounds as @p compounds says.
/// Invalid UTF-8 bytes are dropped (they act as separators).
[[nodiscard]] std::vector<std::string> search_words(std::string_view text, CompoundForm compounds);

/// search_words() with CompoundForm::split: "Aide médico-psychologique" → {"aide", "medico",
/// "psychologique"}.
[[nodiscard]] std::vector<std::string> normalize_words(std::string_view text);

}  // namespace vaekit
