// What a counsellor types (issue 12, "Registry search finds what a counsellor types"):
// hyphenated and joined compounds find each other, ROME codes and job labels are searchable, and
// codes are found in any case.
#include "test_support.hpp"
#include "vaekit/registry/registry.hpp"

using namespace vaekit;

namespace {
Certification cert(std::string code, std::string title, std::vector<CodeLabel> rome = {}) {
  Certification c;
  c.code = std::move(code);
  c.title = std::move(title);
  c.rome = std::move(rome);
  c.active = true;
  return c;
}

std::vector<std::string> codes(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.code);
  return out;
}

Registry sample() {
  // Titles and ROME codes as in the RNCP (RNCP36004: DEAES, ROME K1302/K1306; RNCP34826:
  // CAP boulanger, ROME D1102 "Boulangerie - viennoiserie"; I1203 "Maintenance des bâtiments et
  // des locaux").
  return Registry(std::vector<Certification>{
      cert("RNCP36004", "Diplôme d'État d'accompagnant éducatif et social",
           {{"K1302", "Assistance auprès d'adultes"}, {"K1306", "Intervention à domicile"}}),
      cert("RNCP34826", "CAP Boulanger", {{"D1102", "Boulangerie - viennoiserie"}}),
      cert("RNCP509", "Agent vérificateur d'appareils extincteurs",
           {{"I1203", "Maintenance des bâtiments et des locaux"}}),
      cert("RNCP35000", "Conducteur de ligne agro-alimentaire"),
      cert("RNCP35001", "Technicien supérieur en industries agroalimentaires"),
      cert("RS5001", "Habilitation électrique"),
  });
}
}  // namespace

TEST_CASE("Registry search: agroalimentaire and agro-alimentaire find each other") {
  const Registry reg = sample();
  const std::vector<std::string> both{"RNCP35000", "RNCP35001"};
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(sorted(codes(reg.search("agroalimentaire"))) == both);
  CHECK(sorted(codes(reg.search("agro-alimentaire"))) == both);
  CHECK(sorted(codes(reg.search("Agro\u2011alimentaires"))) ==
        std::vector<std::string>{"RNCP35001"});
  CHECK(codes(reg.search("alimentaire")) == std::vector<std::string>{"RNCP35000"});
  // The exact spelling ranks first: "agro-alimentaire" is a whole word of RNCP35000 (2 points)
  // and only a prefix of RNCP35001's "agroalimentaires".
  CHECK(codes(reg.search("agro-alimentaire")).front() == "RNCP35000");
}

TEST_CASE("Registry search: ROME codes and job labels") {
  const Registry reg = sample();
  CHECK(codes(reg.search("boulangerie")) == std::vector<std::string>{"RNCP34826"});
  CHECK(codes(reg.search("I1203")) == std::vector<std::string>{"RNCP509"});
  CHECK(codes(reg.search("i1203")) == std::vector<std::string>{"RNCP509"});
  CHECK(codes(reg.search("K13")) == std::vector<std::string>{"RNCP36004"});
  CHECK(codes(reg.search("domicile")) == std::vector<std::string>{"RNCP36004"});
  CHECK(codes(reg.search("batiments")) == std::vector<std::string>{"RNCP509"});
}

TEST_CASE("Registry: codes are found in any case") {
  const Registry reg = sample();
  CHECK(reg.get("rncp36004").code == "RNCP36004");
  CHECK(reg.get("Rs5001").code == "RS5001");
  REQUIRE(reg.find("rncp509") != nullptr);
  CHECK(reg.find("rncp509")->code == "RNCP509");
  CHECK(reg.contains("rncp34826"));
  CHECK_FALSE(reg.contains("rncp1"));
  CHECK_THROWS_AS(reg.get("rncp1"), NotFound);
  CHECK(codes(reg.search("rncp36004")).front() == "RNCP36004");
}
