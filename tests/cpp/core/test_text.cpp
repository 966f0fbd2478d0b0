// search_words: hyphenated and joined compounds fold to the same form (issue 12, "Registry search
// finds what a counsellor types": "agroalimentaire" missed "agro-alimentaire" and the reverse).
#include <algorithm>

#include "test_support.hpp"
#include "vaekit/core/text.hpp"

using namespace vaekit;
using Words = std::vector<std::string>;

namespace {
/// The rule of every vaekit search: each query word is a prefix of some document word.
bool finds(std::string_view query, std::string_view document) {
  const auto doc = search_words(document, CompoundForm::index);
  const auto q = search_words(query, CompoundForm::query);
  return !q.empty() && std::all_of(q.begin(), q.end(), [&](const std::string& w) {
    return std::any_of(doc.begin(), doc.end(),
                       [&](const std::string& d) { return d.compare(0, w.size(), w) == 0; });
  });
}
}  // namespace

TEST_CASE("search_words: the three forms of a hyphenated compound") {
  CHECK(search_words("Agro-alimentaire", CompoundForm::split) == Words{"agro", "alimentaire"});
  CHECK(search_words("Agro-alimentaire", CompoundForm::index) ==
        Words{"agro", "alimentaire", "agroalimentaire"});
  CHECK(search_words("Agro-alimentaire", CompoundForm::query) == Words{"agroalimentaire"});
  // Unicode hyphens (U+2010, U+2011) as the ASCII one; the soft hyphen U+00AD is invisible.
  CHECK(search_words("agro\u2010alimentaire", CompoundForm::query) == Words{"agroalimentaire"});
  CHECK(search_words("agro\u2011alimentaire", CompoundForm::query) == Words{"agroalimentaire"});
  CHECK(search_words("agro\u00ADalimentaire", CompoundForm::split) == Words{"agroalimentaire"});
  // Three parts; a compound among other words; accents folded inside the compound.
  CHECK(search_words("Technicien en agro-bio-alimentaire", CompoundForm::index) ==
        Words{"technicien", "en", "agro", "bio", "alimentaire", "agrobioalimentaire"});
  CHECK(search_words("aide médico-psychologique (AMP)", CompoundForm::query) ==
        Words{"aide", "medicopsychologique", "amp"});
  // Not compounds: a hyphen with a space on one side, a leading or trailing hyphen, an
  // apostrophe, a slash or an en dash.
  CHECK(search_words("agro - alimentaire", CompoundForm::query) == Words{"agro", "alimentaire"});
  CHECK(search_words("agro- alimentaire", CompoundForm::query) == Words{"agro", "alimentaire"});
  CHECK(search_words("-agro-", CompoundForm::index) == Words{"agro"});
  CHECK(search_words("d'affaires", CompoundForm::query) == Words{"d", "affaires"});
  CHECK(search_words("agro/alimentaire", CompoundForm::query) == Words{"agro", "alimentaire"});
  CHECK(search_words("agro\u2013alimentaire", CompoundForm::query) == Words{"agro", "alimentaire"});
  // normalize_words is the split form, unchanged.
  CHECK(normalize_words("Aide médico-psychologique") == Words{"aide", "medico", "psychologique"});
  CHECK(search_words("", CompoundForm::index).empty());
}

TEST_CASE("search_words: either spelling finds the other, and the parts still match") {
  CHECK(finds("agroalimentaire", "Conducteur de ligne agro-alimentaire"));
  CHECK(finds("agro-alimentaire", "Conducteur de ligne agroalimentaire"));
  CHECK(finds("agro-alimentaire", "Conducteur de ligne agro-alimentaire"));
  CHECK(finds("AGRO\u2011ALIM", "Industries agroalimentaires"));  // a prefix of the compound
  CHECK(finds("alimentaire", "agro-alimentaire"));                // a part on its own
  CHECK(finds("aide medico psycho", "Aide médico-psychologique"));
  CHECK(finds("médico-psycho", "Aide médico-psychologique"));
  CHECK_FALSE(finds("alimentaire", "agroalimentaire"));  // no dictionary to split words
}

TEST_CASE("search_words: a property over generated compounds") {
  // For any parts p1..pk: the hyphenated and the joined spellings find each other, and every
  // part finds the hyphenated spelling.
  const std::vector<std::string> parts{"agro",   "alimentaire", "bio", "medico",
                                       "social", "eco",         "x2",  "sud"};
  const auto a = GENERATE(range(0, 8));
  const auto b = GENERATE(range(0, 8));
  const auto c = GENERATE(range(0, 3));
  std::vector<std::string> ps{parts[static_cast<std::size_t>(a)],
                              parts[static_cast<std::size_t>(b)]};
  if (c > 0) ps.push_back(parts[static_cast<std::size_t>((a + b + c) % 8)]);
  std::string hyphenated;
  std::string joined;
  for (const auto& p : ps) {
    hyphenated += (hyphenated.empty() ? "" : "-") + p;
    joined += p;
  }
  CAPTURE(hyphenated);
  CHECK(finds(hyphenated, joined));
  CHECK(finds(joined, hyphenated));
  for (const auto& p : ps) CHECK(finds(p, hyphenated));
}
