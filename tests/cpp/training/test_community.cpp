// The community: the search normaliser (same rules as the registry's), accent-insensitive
// search, accepted answers, the digest of a period with registry changes, JSON.
//
// Fixture tests/data/training/records/community.json (certification codes are illustrative):
//   TH1 "Recevabilité du DEAES après la réforme" [RNCP36004] question, opened 02-03 by u1,
//       replies 02-04 (u2) and 02-05 (cert1, accepted)
//   TH2 "Financement par l'OPCO" question, opened 03-10, no reply
//   TH3 "Compte rendu de la journée du 11 mars" not a question, 03-12, post "... médico-social."
//   TH4 "Aide médico-psychologique : que deviennent les candidats ?" [RNCP4503] question,
//       opened 03-20 (u1), reply 03-21 (u2), none accepted
#include "test_support.hpp"
#include "vaekit/core/text.hpp"
#include "vaekit/training/community.hpp"

using namespace vaekit;

namespace {
Community fixture() {
  return load_document<Community>(test::data_dir() / "training" / "records" / "community.json");
}
std::vector<std::string> ids(const std::vector<ThreadHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.thread);
  return out;
}
}  // namespace

TEST_CASE("community: search words fold case, accents and ligatures") {
  CHECK(normalize_words("Aide médico-psychologique") ==
        std::vector<std::string>{"aide", "medico", "psychologique"});
  CHECK(normalize_words("ŒUVRE d'Ærø") ==
        std::vector<std::string>{"oeuvre", "d", "aerø"});  // ø has no decomposition
  CHECK(normalize_words("ÉCOLE  Noël\xff"
                        "2025") == std::vector<std::string>{"ecole", "noel", "2025"});
  CHECK(normalize_words("").empty());
  CHECK(normalize_words("RNCP36004") == std::vector<std::string>{"rncp36004"});
}

TEST_CASE("community: accent-insensitive prefix search, ranked (hand-worked)") {
  const auto c = fixture();
  // "medico": whole word in TH4's title (3 + 0.5), in a post of TH3 (1 + 0.5).
  const auto hits = c.search("Médico");
  CHECK(ids(hits) == std::vector<std::string>{"TH4", "TH3"});
  CHECK(hits[0].score == 3.5);
  CHECK(hits[1].score == 1.5);
  // "opco" whole in the title (3.5) + "financ" prefix of "financement" in the title (3).
  const auto h2 = c.search("OPCO financ");
  REQUIRE(h2.size() == 1);
  CHECK(h2[0] == ThreadHit{"TH2", 6.5});
  CHECK(ids(c.search("recevabilite")) == std::vector<std::string>{"TH1"});
  CHECK(ids(c.search("livret")) == std::vector<std::string>{"TH4", "TH1"});  // tie: latest first
  CHECK(ids(c.search("rncp36")) == std::vector<std::string>{"TH1"});
  CHECK(c.search("médico financement").empty());  // every word must match
  CHECK(c.search("   ").empty());
  CHECK(c.search("livret", 1).size() == 1);
}

TEST_CASE("community: accepted answers and checks") {
  const auto c = fixture();
  const auto& th1 = c.thread("TH1");
  const Post* a = c.accepted_answer(th1);
  REQUIRE(a != nullptr);
  CHECK(a->id == "p3");
  CHECK(c.member(a->author).role == CommunityRole::certifier);
  CHECK(th1.author() == "u1");
  CHECK(th1.opened() == Date(2025, 2, 3));
  CHECK(th1.answered_by(Date(2025, 2, 4)));
  CHECK(!th1.answered_by(Date(2025, 2, 3)));
  CHECK(c.threads_about("rncp 36004") == std::vector<std::string>{"TH1"});
  CHECK_THROWS_AS(c.thread("nope"), NotFound);

  auto bad = c;
  bad.threads[0].accepted = "p1";  // the opening post is not an answer
  CHECK_THROWS_AS(bad.check(), InvalidArgument);
  bad = c;
  bad.threads[1].posts[0].author = "ghost";
  CHECK_THROWS_AS(bad.check(), InvalidArgument);
  bad = c;
  bad.threads[3].posts[1].date = Date(2025, 3, 1);  // before the opening post
  CHECK_THROWS_AS(bad.check(), InvalidArgument);
  Json doc = to_document(c);
  doc["threads"][0]["accepted"] = "p9";
  CHECK_THROWS_AS(from_document<Community>(doc), ParseError);
}

TEST_CASE("community: digest of a period (hand-worked)") {
  const auto c = fixture();
  const std::vector<CertificationChange> changes{
      {"RNCP36004", "modified", {}},
      {"RNCP4503", "closed", {"RNCP36004"}},
      {"RNCP9999", "closed", {}},
  };
  const auto march =
      community_digest(c, DateRange(Date(2025, 3, 1), Date(2025, 3, 31)), changes, {"rncp36004"});
  CHECK(march.new_threads == std::vector<std::string>{"TH2", "TH3", "TH4"});
  CHECK(march.unanswered == std::vector<std::string>{"TH2"});
  CHECK(march.unresolved == std::vector<std::string>{"TH4"});
  CHECK(march.resolved.empty());
  REQUIRE(march.changes.size() == 2);
  CHECK(march.changes[0].change.code == "RNCP36004");
  CHECK(march.changes[0].targeted == std::vector<std::string>{"RNCP36004"});
  CHECK(march.changes[0].threads == std::vector<std::string>{"TH1"});
  CHECK(march.changes[1].change.code == "RNCP4503");  // concerns the target through its successor
  CHECK(march.changes[1].threads == std::vector<std::string>{"TH1", "TH4"});

  const auto early = community_digest(c, DateRange(Date(2025, 3, 1), Date(2025, 3, 20)));
  CHECK(early.unanswered == std::vector<std::string>{"TH2", "TH4"});
  CHECK(early.changes.empty());
  const auto feb = community_digest(c, DateRange(Date(2025, 2, 1), Date(2025, 2, 28)));
  CHECK(feb.new_threads == std::vector<std::string>{"TH1"});
  CHECK(feb.resolved == std::vector<std::string>{"TH1"});
  CHECK(feb.unanswered.empty());
  const auto feb4 = community_digest(c, DateRange(Date(2025, 2, 1), Date(2025, 2, 4)));
  CHECK(feb4.unresolved == std::vector<std::string>{"TH1"});  // replied, accepted only on 02-05

  const auto doc = to_document(march);
  CHECK(doc["schema"] == "CommunityDigest.1");
  CHECK(from_document<CommunityDigest>(doc) == march);
}

TEST_CASE("community: stored schema samples read and round-trip") {
  const auto s = test::data_dir() / "schemas";
  const auto c = load_document<Community>(s / "Community.1.json");
  CHECK(from_document<Community>(to_document(c)) == c);
  const auto d = load_document<CommunityDigest>(s / "CommunityDigest.1.json");
  CHECK(from_document<CommunityDigest>(to_document(d)) == d);
}

TEST_CASE("community: hyphenated and joined compounds find each other (issue 12)") {
  const auto c = fixture();
  // TH4's title is "Aide médico-psychologique": the joined spelling is a whole word of it.
  const auto hits = c.search("medicopsychologique");
  REQUIRE(ids(hits) == std::vector<std::string>{"TH4"});
  CHECK(hits[0].score == 3.5);
  CHECK(ids(c.search("Médico-psycho")) == std::vector<std::string>{"TH4"});
}
