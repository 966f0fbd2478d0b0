// Lenient XML import resynchronises at the next <FICHE> after a malformed fiche: every fiche of
// the file is either accepted or rejected (issue 11 §2: 3,000 fiches, one malformed, read 1,501),
// sequentially, in parallel and whatever the chunk size.
#include <fstream>
#include <set>

#include "test_support.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {

/// How a generated fiche is broken.
enum class Break {
  none,
  ampersand,      // "a & b": an unescaped ampersand (not well-formed)
  mismatch,       // <INTITULE>...</INTITUL>
  latin1,         // a Latin-1 byte in the text (invalid UTF-8)
  unclosed,       // </FICHE> missing: the following fiches nest inside it
  stray_lt,       // "<" inside text
  truncated_end,  // the file ends in the middle of this fiche (the last one)
};

struct Generated {
  std::string text;
  std::set<std::string> good;  // codes of the well-formed fiches
  std::set<std::string> bad;   // codes of the broken ones
};

Generated generate(std::size_t n, const std::vector<std::pair<std::size_t, Break>>& breaks) {
  Generated g;
  g.text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FICHES>\n<VERSION_FLUX>4.1</VERSION_FLUX>\n";
  for (std::size_t i = 0; i < n; ++i) {
    Break b = Break::none;
    for (const auto& [at, kind] : breaks) {
      if (at == i) b = kind;
    }
    const std::string code = "RNCP" + std::to_string(10000 + i);
    (b == Break::none ? g.good : g.bad).insert(code);
    std::string title = "Titre &amp; m\xC3\xA9tier " + std::to_string(i);
    std::string close = "</INTITULE>";
    if (b == Break::ampersand) title = "a & b";
    if (b == Break::mismatch) close = "</INTITUL>";
    if (b == Break::latin1) title = "m\xE9tier";
    if (b == Break::stray_lt) title = "a < b";
    g.text += "  <FICHE>\n    <ID_FICHE>" + std::to_string(i + 1) +
              "</ID_FICHE>\n    <NUMERO_FICHE>" + code + "</NUMERO_FICHE>\n    <INTITULE>" + title +
              close + "\n";
    if (b == Break::truncated_end) {
      g.text += "    <ACTIVITES_VISEES>cut he";
      return g;
    }
    g.text += "    <ACTIVITES_VISEES>" + std::string(200 + (i * 37) % 500, 'x') +
              "</ACTIVITES_VISEES>\n    <SI_JURY_VAE><ACTIF>Oui</ACTIF></SI_JURY_VAE>\n"
              "    <ACTIF>Oui</ACTIF>\n";
    if (b != Break::unclosed) g.text += "  </FICHE>\n";
  }
  g.text += "</FICHES>\n";
  return g;
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "vaekit-test-xml-recovery";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Registry load(const std::filesystem::path& path, bool strict, unsigned threads, std::size_t chunk) {
  LoadOptions o;
  o.strict = strict;
  o.threads = threads;
  o.chunk_bytes = chunk;
  o.format = RegistryFormat::xml;
  return Registry::load(path, o);
}

void check_every_fiche_counted(const Generated& g, const std::filesystem::path& path) {
  for (const unsigned threads : {1u, 2u, 4u}) {
    for (const std::size_t chunk : {std::size_t{0}, std::size_t{3000}}) {
      CAPTURE(threads, chunk);
      const Registry reg = load(path, false, threads, chunk);
      const auto& st = reg.import_stats();
      CHECK(st.read == g.good.size() + g.bad.size());
      CHECK(st.read == st.accepted + st.rejected);
      CHECK(st.accepted == g.good.size());
      CHECK(st.rejected == g.bad.size());
      std::set<std::string> accepted;
      for (const auto& c : reg.certifications()) accepted.insert(c.code);
      CHECK(accepted == g.good);
      std::set<std::string> rejected;
      for (const auto& r : reg.rejects()) {
        CHECK(r.reason.find("malformed XML") != std::string::npos);
        rejected.insert(r.record);
      }
      CHECK(rejected == g.bad);
    }
  }
}

}  // namespace

TEST_CASE("Lenient XML import resynchronises after malformed fiches (3,000 fiches)") {
  const Generated g = generate(3000, {{0, Break::ampersand},
                                      {700, Break::mismatch},
                                      {1500, Break::latin1},
                                      {1501, Break::ampersand},
                                      {2200, Break::unclosed},
                                      {2600, Break::stray_lt},
                                      {2999, Break::truncated_end}});
  REQUIRE(g.bad.size() == 7);
  const auto path = write_temp("malformed.xml", g.text);
  check_every_fiche_counted(g, path);
  // Strict mode still stops at the first one, with its line (line 7: the INTITULE of fiche 0).
  try {
    (void)load(path, true, 1, 0);
    FAIL("strict import accepted a malformed export");
  } catch (const ParseError& e) {
    CHECK(e.where().line == 7);
    CHECK(std::string(e.what()).find("malformed XML") != std::string::npos);
  }
}

TEST_CASE("Lenient XML import: the reject names the line of the error in the file") {
  const Generated g = generate(40, {{5, Break::mismatch}, {30, Break::ampersand}});
  const auto path = write_temp("lines.xml", g.text);
  const Registry reg = load(path, false, 1, 0);
  REQUIRE(reg.rejects().size() == 2);
  // Fiche i opens on line 4 + 8 i (three prolog lines, eight lines a fiche); its INTITULE is
  // three lines further.
  CHECK(reg.rejects()[0].line == 4 + 8 * 5 + 3);
  CHECK(reg.rejects()[1].line == 4 + 8 * 30 + 3);
  CHECK(reg.rejects()[0].record == "RNCP10005");
  CHECK(reg.size() == 38);
}

TEST_CASE("Lenient XML import: unclosed fiches in a row, and garbage between fiches") {
  const Generated g =
      generate(200, {{10, Break::unclosed}, {11, Break::unclosed}, {12, Break::unclosed}});
  check_every_fiche_counted(g, write_temp("unclosed.xml", g.text));
  // Garbage between two fiches: one reject for it, no fiche lost.
  Generated h = generate(50, {});
  const auto at = h.text.find("  <FICHE>", h.text.size() / 2);
  h.text.insert(at, "</OOPS>\n");
  const Registry reg = load(write_temp("garbage.xml", h.text), false, 1, 0);
  CHECK(reg.size() == 50);
  CHECK(reg.rejects().size() == 1);
  CHECK(reg.import_stats().read == reg.import_stats().accepted + reg.import_stats().rejected);
}
