#pragma once
/// @file
/// @brief The search normalisation shared by the registry search and the community search.

#include <string>
#include <string_view>
#include <vector>

namespace vaekit {

/// The words of @p text for accent-, case- and punctuation-insensitive search: NFKD, case
/// folding, marks removed, œ → oe, æ → ae, every non-alphanumeric character a separator
/// (utf8proc). "Aide médico-psychologique" → {"aide", "medico", "psychologique"}. Invalid UTF-8
/// bytes are dropped (they act as separators).
[[nodiscard]] std::vector<std::string> normalize_words(std::string_view text);

}  // namespace vaekit
