#pragma once
/// @file
/// @brief The network's online community: members, threads tagged and linked to certification
/// codes, posts, accepted answers, accent-insensitive search and the digest of a period
/// (new threads, open questions, registry changes concerning the targeted certifications).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"

namespace vaekit {

/// A community member's role.
enum class CommunityRole : std::uint8_t {
  counsellor,    ///< A counsellor of an antenne.
  assistant,     ///< An assistant of an antenne.
  certifier,     ///< A certifier's representative (whose answers settle questions).
  funding_body,  ///< A funding body's representative (OPCA/OPCO, Conseil régional...).
  organiser,     ///< The organiser (Défi métiers), who runs the community.
  other,         ///< Anyone else.
};
/// "counsellor", "assistant", "certifier", "funding_body", "organiser" or "other".
[[nodiscard]] std::string_view to_string(CommunityRole v) noexcept;
/// The community role named @p s; throws InvalidArgument.
[[nodiscard]] CommunityRole community_role_from_string(std::string_view s);
/// The CommunityRole named @p s, or std::nullopt (never throws).
[[nodiscard]] std::optional<CommunityRole> try_community_role_from_string(
    std::string_view s) noexcept;

/// A member of the community.
struct CommunityMember {
  std::string id;    ///< Stable identifier (may equal a programme member id).
  std::string name;  ///< Display name (personal data: never in messages).
  CommunityRole role = CommunityRole::counsellor;  ///< Their role.
  std::string organisation;                        ///< Antenne or organisation.
  /// Equality of every field.
  friend bool operator==(const CommunityMember&, const CommunityMember&) = default;
};

/// A message in a thread.
struct Post {
  std::string id;      ///< Stable identifier, unique in the community.
  std::string author;  ///< The author's community member id.
  Date date;           ///< The day it was posted.
  std::string text;    ///< The message.
  /// Equality of every field.
  friend bool operator==(const Post&, const Post&) = default;
};

/// A discussion: its first post opens it, the others reply.
struct Thread {
  std::string id;                           ///< Stable identifier.
  std::string title;                        ///< Title.
  std::vector<std::string> tags;            ///< Free tags ("financement", "recevabilité"...).
  std::vector<std::string> certifications;  ///< Certification codes it is about ("RNCP36004").
  bool question = true;                 ///< Whether it asks a question (and so awaits an answer).
  std::vector<Post> posts;              ///< The posts, the opening one first, in date order.
  std::optional<std::string> accepted;  ///< The id of the accepted answer (a reply), if any.
  /// The opening post's author.
  [[nodiscard]] const std::string& author() const;
  /// The opening post's date.
  [[nodiscard]] Date opened() const;
  /// Whether someone other than the author replied on or before @p d.
  [[nodiscard]] bool answered_by(Date d) const;
  /// Equality of every field.
  friend bool operator==(const Thread&, const Thread&) = default;
};

/// A thread found by Community::search().
struct ThreadHit {
  std::string thread;  ///< The thread id.
  double score = 0.0;  ///< Relevance: higher is better.
  /// Equality of every field.
  friend bool operator==(const ThreadHit&, const ThreadHit&) = default;
};

/// A change of a certification in the registry, given as plain data (e.g. from
/// `vaekit.registry_changes`): no dependency on the registry library.
struct CertificationChange {
  std::string code;  ///< The certification code ("RNCP4503").
  std::string kind;  ///< What changed, free text ("closed", "replaced", "modified", "new"...).
  std::vector<std::string> successors;  ///< Codes of its successors, if any.
  /// Equality of every field.
  friend bool operator==(const CertificationChange&, const CertificationChange&) = default;
};

/// A registry change that concerns the network, with the community threads about it.
struct DigestChange {
  CertificationChange change;         ///< The change.
  std::vector<std::string> targeted;  ///< The targeted codes it concerns (the code or successors).
  std::vector<std::string> threads;   ///< Threads linked to those codes or to the change's code.
  /// Equality of every field.
  friend bool operator==(const DigestChange&, const DigestChange&) = default;
};

/// What happened in the community over a period.
struct CommunityDigest {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "CommunityDigest";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  DateRange period;                      ///< The period covered.
  std::vector<std::string> new_threads;  ///< Threads opened in the period, oldest first.
  /// Questions opened on or before the period's end with no reply from another member by then.
  std::vector<std::string> unanswered;
  /// Questions with replies but no accepted answer by the period's end.
  std::vector<std::string> unresolved;
  /// Questions whose accepted answer was posted in the period.
  std::vector<std::string> resolved;
  std::vector<DigestChange> changes;  ///< Registry changes concerning the targeted certifications.
  /// Equality of every field.
  friend bool operator==(const CommunityDigest&, const CommunityDigest&) = default;
};

/// The community: members and threads.
struct Community {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "Community";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::vector<CommunityMember> members;  ///< Members.
  std::vector<Thread> threads;           ///< Threads.

  /// The thread with id @p key; throws NotFound.
  [[nodiscard]] const Thread& thread(std::string_view key) const;
  /// The member with id @p key; throws NotFound.
  [[nodiscard]] const CommunityMember& member(std::string_view key) const;
  /// The accepted answer of @p thread, or nullptr.
  [[nodiscard]] const Post* accepted_answer(const Thread& thread) const;
  /// Checks unique ids (members, threads, posts), known authors, non-empty threads with posts
  /// in date order, and that an accepted answer is a reply of the thread; throws InvalidArgument.
  void check() const;
  /// Threads matching @p query, best first, at most @p limit. Accent- and case-insensitive
  /// (vaekit::normalize_words()); every query word must be a prefix of a word of the thread's
  /// title, tags, certification codes or posts. Score per query word: 3 in the title, 2 in a tag or
  /// code, 1 in a post, +0.5 when the word matches whole; ties by most recent activity, then id.
  [[nodiscard]] std::vector<ThreadHit> search(std::string_view query, std::size_t limit = 20) const;
  /// Threads linked to the certification @p code (compared without case or spaces).
  [[nodiscard]] std::vector<std::string> threads_about(std::string_view code) const;
  /// Equality of every field.
  friend bool operator==(const Community&, const Community&) = default;
};

/// The digest of @p period: new threads, open questions, and the @p changes concerning the
/// @p targeted certification codes (a change concerns them when its code or one of its
/// successors is targeted), each with the threads about it. Codes are compared without case or
/// spaces.
[[nodiscard]] CommunityDigest community_digest(const Community& community, const DateRange& period,
                                               const std::vector<CertificationChange>& changes = {},
                                               const std::vector<std::string>& targeted = {});

/// A CommunityMember as JSON.
void to_json(Json& j, const CommunityMember& v);
/// A CommunityMember from JSON; throws ParseError naming the field.
void from_json(const Json& j, CommunityMember& v);
/// A Post as JSON.
void to_json(Json& j, const Post& v);
/// A Post from JSON; throws ParseError naming the field.
void from_json(const Json& j, Post& v);
/// A Thread as JSON.
void to_json(Json& j, const Thread& v);
/// A Thread from JSON; throws ParseError naming the field.
void from_json(const Json& j, Thread& v);
/// A Community as JSON (no schema tag; see to_document()).
void to_json(Json& j, const Community& v);
/// A Community from JSON, checked with Community::check() (problems become ParseError).
void from_json(const Json& j, Community& v);
/// A ThreadHit as JSON.
void to_json(Json& j, const ThreadHit& v);
/// A ThreadHit from JSON.
void from_json(const Json& j, ThreadHit& v);
/// A CertificationChange as JSON.
void to_json(Json& j, const CertificationChange& v);
/// A CertificationChange from JSON; throws ParseError naming the field.
void from_json(const Json& j, CertificationChange& v);
/// A DigestChange as JSON.
void to_json(Json& j, const DigestChange& v);
/// A DigestChange from JSON.
void from_json(const Json& j, DigestChange& v);
/// A CommunityDigest as JSON (no schema tag; see to_document()).
void to_json(Json& j, const CommunityDigest& v);
/// A CommunityDigest from JSON.
void from_json(const Json& j, CommunityDigest& v);

}  // namespace vaekit
