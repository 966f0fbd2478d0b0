// The parallel XML import parses its `<FICHE>` chunks with pugixml when they hold only what
// pugixml and expat read alike, and with expat otherwise (docs/registry.md, "pugixml on the
// chunks"). Whatever a chunk holds, the result must be the sequential (expat) reader's: same
// certifications, rejects, counts and strict errors with their lines. Each case below puts one
// quirk in the middle fiche of an export cut into chunks of a few fiches: the references pugixml
// decodes and those it leaves alone (XML 1.0 §4.1, §4.6), characters XML excludes (§2.2), bad
// UTF-8, `]]>` in text (§2.4), comments, CDATA sections, processing instructions, attributes
// (duplicate ones: §3.1), names with non-ASCII characters (§2.3), mixed content and broken nesting.
#include <string>
#include <vector>

#include "test_support.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {

struct Outcome {
  bool threw = false;
  std::string what;
  SourceLocation where;
  Json registry;
  std::vector<Reject> rejects;
  std::size_t read = 0, accepted = 0, rejected = 0;
};

Outcome run(const std::string& bytes, bool strict, unsigned threads, std::size_t chunk) {
  LoadOptions o;
  o.strict = strict;
  o.threads = threads;
  o.chunk_bytes = chunk;
  o.format = RegistryFormat::xml;
  Outcome out;
  try {
    const Registry reg = Registry::read(bytes, "quirk.xml", o);
    out.registry = reg;
    out.rejects = reg.rejects();
    out.read = reg.import_stats().read;
    out.accepted = reg.import_stats().accepted;
    out.rejected = reg.import_stats().rejected;
  } catch (const ParseError& e) {
    out.threw = true;
    out.what = e.what();
    out.where = e.where();
  }
  return out;
}

/// Twelve fiches; fiche 6 gets @p title_xml as the content of its INTITULE and @p extra_xml as
/// one more child element (or text) after it.
std::string export_with(const std::string& title_xml, const std::string& extra_xml) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n";
  for (int i = 0; i < 12; ++i) {
    const bool quirk = i == 6;
    x += "  <FICHE>\n    <ID_FICHE>" + std::to_string(i + 1) + "</ID_FICHE>\n";
    x += "    <NUMERO_FICHE>RNCP" + std::to_string(2000 + i) + "</NUMERO_FICHE>\n";
    x += "    <INTITULE>" + (quirk ? title_xml : "Titre " + std::to_string(i)) + "</INTITULE>\n";
    if (quirk) x += "    " + extra_xml + "\n";
    x += "    <NOMENCLATURE_EUROPE><NIVEAU>NIV5</NIVEAU><LIBELLE>Niveau 5</LIBELLE>"
         "</NOMENCLATURE_EUROPE>\n";
    x +=
        "    <ACTIVITES_VISEES>Activit\xC3\xA9s " + std::string(200, 'x') + "</ACTIVITES_VISEES>\n";
    x += "    <SI_JURY_VAE><ACTIF>Oui</ACTIF></SI_JURY_VAE>\n    <ACTIF>Oui</ACTIF>\n  </FICHE>\n";
  }
  x += "</FICHES>\n";
  return x;
}

void check_same(const std::string& bytes) {
  for (const bool strict : {true, false}) {
    const Outcome seq = run(bytes, strict, 1, 0);
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{900}}) {
      CAPTURE(strict, chunk);
      const Outcome par = run(bytes, strict, 2, chunk);
      CHECK(par.threw == seq.threw);
      CHECK(par.what == seq.what);
      CHECK(par.where.line == seq.where.line);
      CHECK(par.where.column == seq.where.column);
      CHECK(par.where.field == seq.where.field);
      CHECK(par.registry == seq.registry);
      CHECK(par.rejects == seq.rejects);
      CHECK(par.read == seq.read);
      CHECK(par.accepted == seq.accepted);
      CHECK(par.rejected == seq.rejected);
    }
  }
}

}  // namespace

TEST_CASE("pugixml chunks equal expat: text the two read alike") {
  const std::vector<std::string> titles{
      "Titre &amp; &lt;m&#233;tier&gt; &quot;&apos; &#xE9;&#x1F600;",
      "Ligne 1\r\nLigne 2\rLigne 3\tfin",
      "  espaces autour  ",
      "M\xC3\xA9tier \xE2\x82\xAC \xF0\x9F\x98\x80",
      "avant<B>dedans</B>apr\xC3\xA8s",  // mixed content: only the text before <B> is kept
      "vide<B/>",
      "",
  };
  for (const auto& t : titles) {
    CAPTURE(t);
    check_same(export_with(t, ""));
  }
  // The result is the expected one, not only the same (the pugixml path keeps every field).
  const Outcome par = run(export_with(titles[0], ""), true, 2, 900);
  REQUIRE_FALSE(par.threw);
  CHECK(par.accepted == 12);
}

TEST_CASE(
    "pugixml chunks equal expat: what pugixml would accept and expat refuses or reads "
    "differently") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"&#0;", ""},                       // character reference to a character XML excludes
      {"&#xFFFE;", ""},                   //
      {"&#xD800;", ""},                   // a surrogate
      {"&nbsp;", ""},                     // undefined entity (no DTD)
      {"a & b", ""},                      // bare ampersand
      {"a &amp b", ""},                   // reference without ';'
      {"a ]]> b", ""},                    // ']]>' in content
      {"ctl \x01 here", ""},              // control character
      {"nul \x7F ok", ""},                // DEL is allowed
      {"trunc \xC3", ""},                 // truncated UTF-8
      {"overlong \xC0\xAF", ""},          //
      {"surrogate \xED\xA0\x80", ""},     //
      {"nonchar \xEF\xBF\xBE", ""},       // U+FFFE
      {"big \xF4\x90\x80\x80", ""},       // above U+10FFFF
      {"Ti<!-- note -->tre", ""},         // comment inside a kept element
      {"x", "<!-- a -- b -->"},           // '--' inside a comment
      {"<![CDATA[a < b]]>", ""},          // CDATA section
      {"a<?pi data?>b", ""},              // processing instruction
      {"x", "<B attr=\"1\">y</B>"},       // attribute
      {"x", "<B a=\"1\" a=\"2\"/>"},      // duplicate attribute
      {"x", "<B a=\"<\"/>"},              // '<' in an attribute value
      {"x", "<B\xC3\xA9>y</B\xC3\xA9>"},  // a non-ASCII name character (valid)
      {"x", "<B\xC3\x97>y</B\xC3\x97>"},  // a non-ASCII character that is no name character
      {"x", "<B>y</C>"},                  // mismatched end tag
      {"x", "<B>y"},                      // unclosed element
      {"x", "</B>"},                      // stray end tag
      {"x", "</FICHE><FICHE>"},           // a fiche cut short, another opened
      {"x", "<FICHE><NUMERO_FICHE>RNCP9999</NUMERO_FICHE></FICHE>"},  // nested fiche
      {"x", "< B/>"},                                                 // bad start tag
      {"x", "<1B/>"},                                                 //
      {"x", "<NIVEAU>NIVEAU9</NIVEAU>"},  // a field error: a reject (lenient), an error (strict)
      {"x", "</FICHES><FICHES>"},         // the root closed inside a chunk
  };
  for (const auto& [title, extra] : cases) {
    CAPTURE(title, extra);
    check_same(export_with(title, extra));
  }
}
