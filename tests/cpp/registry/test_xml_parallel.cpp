// The parallel XML import gives exactly what the sequential one gives: same certifications in
// the same order, same rejects (with their lines), same strict errors (message, line, field), on
// the real samples, the error fixtures and generated files whose chunks are cut at every fiche.
#include <fstream>
#include <random>

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

Outcome run(const std::filesystem::path& path, bool strict, unsigned threads, std::size_t chunk) {
  LoadOptions o;
  o.strict = strict;
  o.threads = threads;
  o.chunk_bytes = chunk;
  o.format = RegistryFormat::xml;
  Outcome out;
  try {
    const Registry reg = Registry::load(path, o);
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

void check_same(const std::filesystem::path& path) {
  for (const bool strict : {true, false}) {
    const Outcome seq = run(path, strict, 1, 0);
    for (const unsigned threads : {2u, 3u, 8u}) {
      for (const std::size_t chunk : {std::size_t{1}, std::size_t{700}, std::size_t{5000}}) {
        CAPTURE(path.filename().string(), strict, threads, chunk);
        const Outcome par = run(path, strict, threads, chunk);
        CHECK(par.threw == seq.threw);
        CHECK(par.what == seq.what);
        CHECK(par.where.source == seq.where.source);
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
}

/// A generated export: @p n fiches, a few of them bad (unknown level, bad date, duplicate code,
/// missing NUMERO_FICHE), CRLF line ends in some, entities and long free text.
std::string generated_export(std::size_t n, unsigned seed, bool with_errors) {
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t k) {
    return std::uniform_int_distribution<std::size_t>(0, k - 1)(rng);
  };
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n";
  for (std::size_t i = 0; i < n; ++i) {
    const std::string nl = pick(5) == 0 ? "\r\n" : "\n";
    std::string code = "RNCP" + std::to_string(1000 + i);
    const std::size_t bad = with_errors ? pick(12) : 99;
    if (bad == 0 && i > 0) code = "RNCP" + std::to_string(1000 + i - 1);  // duplicate
    x += "  <FICHE>" + nl + "    <ID_FICHE>" + std::to_string(i + 1) + "</ID_FICHE>" + nl;
    if (bad != 1) x += "    <NUMERO_FICHE>" + code + "</NUMERO_FICHE>" + nl;
    x += "    <INTITULE>Titre &amp; m\xC3\xA9tier " + std::to_string(i) + "</INTITULE>" + nl;
    x += "    <NOMENCLATURE_EUROPE><NIVEAU>" + std::string(bad == 2 ? "NIVEAU9" : "NIV5") +
         "</NIVEAU><LIBELLE>Niveau 5</LIBELLE></NOMENCLATURE_EUROPE>" + nl;
    x += "    <ACTIVITES_VISEES>" + std::string(pick(400), 'x') + nl + "suite</ACTIVITES_VISEES>" +
         nl;
    x += "    <SI_JURY_VAE><ACTIF>" + std::string(pick(2) == 0 ? "Oui" : "Non") +
         "</ACTIF></SI_JURY_VAE>" + nl;
    x += "    <DATE_DECISION>" + std::string(bad == 3 ? "31/02/2020" : "01/02/2020") +
         "</DATE_DECISION>" + nl;
    if (i % 3 == 1) {
      x +=
          "    "
          "<ANCIENNES_CERTIFICATIONS><ANCIENNE_CERTIFICATION><ID_FICHE_ANCIENNE_CERTIFICATION>"
          "RNCP" +
          std::to_string(1000 + i - 1) +
          "</ID_FICHE_ANCIENNE_CERTIFICATION></ANCIENNE_CERTIFICATION></ANCIENNES_CERTIFICATIONS>" +
          nl;
    }
    x += "    <ACTIF>Oui</ACTIF>" + nl + "  </FICHE>" + nl;
  }
  x += "</FICHES>\n";
  return x;
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "vaekit-test-xml-parallel";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("Parallel XML import equals sequential: real samples") {
  if (!vaekit::test::has_shared_data()) {
    WARN("../shared/data absent: skipped");
    return;
  }
  for (const char* name :
       {"export_fiches_RNCP_V4_1-sample.xml", "export_fiches_RS_V4_1-sample.xml"}) {
    const auto path = vaekit::test::shared_data_dir() / "rncp" / name;
    // The chunks really are parsed in parallel: the samples are bigger than these chunks.
    REQUIRE(std::filesystem::file_size(path) > 5000);
    check_same(path);
  }
}

TEST_CASE("Parallel XML import equals sequential: error fixtures") {
  for (const char* name :
       {"quirks.xml", "broken.xml", "duplicate.xml", "unknown_level.xml", "latin1.xml"}) {
    check_same(vaekit::test::data_dir() / "registry" / name);
  }
}

TEST_CASE("Parallel XML import equals sequential: generated exports") {
  const unsigned seed = GENERATE(1u, 2u, 3u);
  const auto clean = write_temp("clean.xml", generated_export(300, seed, false));
  check_same(clean);
  const Outcome par = run(clean, true, 4, 700);
  CHECK_FALSE(par.threw);
  CHECK(par.accepted == 300);
  check_same(write_temp("errors.xml", generated_export(300, seed, true)));
  // Truncated in the middle of a fiche, and with "<FICHE>" inside a comment and a CDATA section
  // (cut points that are not fiche boundaries: the parallel reader must notice and start over).
  const std::string full = generated_export(120, seed, true);
  check_same(write_temp("truncated.xml", full.substr(0, full.size() * 2 / 3)));
  std::string commented = full;
  commented.insert(commented.find("  <FICHE>", commented.size() / 2),
                   "<!-- <FICHE>old</FICHE> -->\n<X><![CDATA[ <FICHE> ]]></X>\n");
  check_same(write_temp("comment.xml", commented));
  std::string prolog_comment = full;
  prolog_comment.insert(prolog_comment.find("  <VERSION_FLUX>"), "<!-- \n<FICHE> -->\n");
  check_same(write_temp("prolog_comment.xml", prolog_comment));
  // Latin-1 declared: chunks would be read as UTF-8, so the reader stays sequential.
  std::string latin1 = full;
  latin1.replace(latin1.find("UTF-8"), 5, "ISO-8859-1");
  check_same(write_temp("latin1_declared.xml", latin1));
}
