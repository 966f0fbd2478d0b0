// The ranked search against a brute-force reference (property test over random registries) and
// the short-prefix behaviour.
//
// Reference ranking (the documented rule of Registry::search, docs/registry.md "Search"): every
// query word must be a word or a prefix of a word of the fiche (title, short type, code, ROME
// codes and labels; hyphenated compounds also joined, CompoundForm); each
// query word scores 2 for the word itself, else 1 + len(query word) / len(shortest word it
// starts); then +0.5 if the title's first word starts with a query word, +0.5 * (query words) /
// (title words), +0.25 if active, +0.1 if VAE-accessible; best first, ties by code.
#include <algorithm>
#include <cmath>
#include <random>

#include "test_support.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {

struct Ref {
  std::string code;
  double score;
};

std::vector<Ref> reference_search(const std::vector<Certification>& certs, std::string_view text) {
  auto words = search_words(text, CompoundForm::query);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<Ref> out;
  if (words.empty()) return out;
  for (const auto& c : certs) {
    const auto title = normalize_words(c.title);
    auto all = search_words(c.title, CompoundForm::index);
    std::vector<const std::string*> texts{&c.short_type.code, &c.short_type.label, &c.code};
    for (const auto& r : c.rome) {
      texts.push_back(&r.code);
      texts.push_back(&r.label);
    }
    for (const auto* s : texts) {
      for (auto& w : search_words(*s, CompoundForm::index)) all.push_back(w);
    }
    double score = 0.0;
    bool ok = true;
    for (const auto& q : words) {
      double best = 0.0;
      for (const auto& w : all) {
        if (w.compare(0, q.size(), q) != 0) continue;
        best = std::max(best, w.size() == q.size() ? 2.0
                                                   : 1.0 + static_cast<double>(q.size()) /
                                                               static_cast<double>(w.size()));
      }
      if (best == 0.0) {
        ok = false;
        break;
      }
      score += best;
    }
    if (!ok) continue;
    if (!title.empty() && std::any_of(words.begin(), words.end(), [&](const std::string& q) {
          return title.front().compare(0, q.size(), q) == 0;
        })) {
      score += 0.5;
    }
    score += 0.5 * static_cast<double>(words.size()) /
             static_cast<double>(std::max<std::size_t>(title.size(), 1));
    if (c.active) score += 0.25;
    if (c.vae_accessible()) score += 0.1;
    out.push_back(Ref{c.code, score});
  }
  return out;
}

/// Sorted by score (to 1e-9: summation order may differ) then code.
template <typename T>
std::vector<std::pair<long long, std::string>> ranked(const std::vector<T>& hits) {
  std::vector<std::pair<long long, std::string>> out;
  for (const auto& h : hits) out.emplace_back(-std::llround(h.score * 1e9), h.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("Search equals a brute-force reference on random registries") {
  const std::vector<std::string> vocab{"aide",
                                       "aides",
                                       "aidant",
                                       "a",
                                       "à",
                                       "accompagnant",
                                       "agent",
                                       "école",
                                       "ecologie",
                                       "éduc",
                                       "éducatif",
                                       "social",
                                       "sociale",
                                       "sécurité",
                                       "secu",
                                       "psycho",
                                       "psychologique",
                                       "médico",
                                       "de",
                                       "d'état",
                                       "titre",
                                       "titres",
                                       "professionnel",
                                       "pro",
                                       "œuvre",
                                       "mise",
                                       "en",
                                       "m",
                                       "manager",
                                       "management",
                                       "cuisine",
                                       "cuisinier",
                                       "CAP",
                                       "BTS",
                                       "x"};
  const int seed = GENERATE(range(0, 12));
  std::mt19937 rng(static_cast<unsigned>(seed));
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::vector<Certification> certs;
  const std::size_t n = 40 + pick(200);
  for (std::size_t i = 0; i < n; ++i) {
    Certification c;
    c.code = (pick(3) == 0 ? "RS" : "RNCP") + std::to_string(100 + i);
    const std::size_t len = pick(6);  // some titles are empty
    for (std::size_t k = 0; k < len; ++k) {
      if (k > 0) c.title += pick(4) == 0 ? "-" : " ";
      c.title += vocab[pick(vocab.size())];
    }
    if (pick(3) == 0) c.short_type = CodeLabel{pick(2) == 0 ? "CAP" : "TP", ""};
    for (std::size_t k = pick(3); k > 0; --k) {  // ROME jobs: code and label are searchable
      c.rome.push_back(CodeLabel{"K130" + std::to_string(pick(10)),
                                 vocab[pick(vocab.size())] + "-" + vocab[pick(vocab.size())]});
    }
    c.active = pick(2) == 0;
    if (pick(3) == 0) c.access_routes.push_back(AccessRoute::vae);
    certs.push_back(std::move(c));
  }
  const Registry reg(certs);
  for (int qn = 0; qn < 60; ++qn) {
    std::string q;
    const std::size_t words = 1 + pick(3);
    for (std::size_t k = 0; k < words; ++k) {
      std::string w = vocab[pick(vocab.size())];
      if (pick(2) == 0) w = w.substr(0, 1 + pick(w.size()));  // a prefix (maybe mid-UTF-8: dropped)
      q += (k > 0 ? (pick(4) == 0 ? "-" : " ") : "") + w;     // some hyphenated compounds
    }
    INFO("seed " << seed << " query \"" << q << "\"");
    const auto want = reference_search(certs, q);
    const auto got = reg.search(q, certs.size() + 5);
    // No exact code among these queries: the hits are exactly the reference's, same scores.
    CHECK(ranked(got) == ranked(want));
    // A small limit keeps the best ones, best first.
    const std::size_t limit = 1 + pick(5);
    const auto top = reg.search(q, limit);
    auto full = ranked(want);
    if (full.size() > limit) full.resize(limit);
    CHECK(ranked(top) == full);
    for (std::size_t k = 1; k < top.size(); ++k) {
      CHECK((top[k - 1].score > top[k].score ||
             (top[k - 1].score == top[k].score && top[k - 1].code < top[k].code)));
    }
  }
}

TEST_CASE("Search: one- and two-letter prefixes use the precomputed lists, same ranking") {
  // "à" normalises to the word "a": the exact word outranks a prefix ("a" in "Aide").
  Registry reg(std::vector<Certification>{
      [] {
        Certification c;
        c.code = "RNCP1";
        c.title = "Aide à domicile";
        c.active = true;
        return c;
      }(),
      [] {
        Certification c;
        c.code = "RNCP2";
        c.title = "Accompagnant";
        c.active = true;
        return c;
      }(),
      [] {
        Certification c;
        c.code = "RNCP3";
        c.title = "Boulanger";
        c.active = true;
        return c;
      }(),
      [] {
        Certification c;
        c.code = "RS4";
        c.title = "Anglais";
        c.active = false;
        return c;
      }(),
  });
  const auto a = reg.search("a");
  REQUIRE(a.size() == 3);
  // RNCP1: exact "a" 2 + first word "aide" starts with a 0.5 + 0.5/3 + 0.25 = 2.9167
  // RNCP2: 1 + 1/12 + 0.5 + 0.5 + 0.25 = 2.333; RS4: 1 + 1/7 + 0.5 + 0.5 = 2.143
  CHECK(a[0].code == "RNCP1");
  CHECK(a[0].score == Approx(2.0 + 0.5 + 0.5 / 3 + 0.25));
  CHECK(a[1].code == "RNCP2");
  CHECK(a[1].score == Approx(1.0 + 1.0 / 12 + 0.5 + 0.5 + 0.25));
  CHECK(a[2].code == "RS4");
  CHECK(reg.search("an").size() == 1);
  CHECK(reg.search("bo")[0].code == "RNCP3");
  CHECK(reg.search("a b").size() == 0);  // no title has both an a-word and a b-word
  CHECK(reg.search("r").size() == 4);    // the codes' words ("rncp1", "rs4") match too
}
