// The online community: threads, posts, accepted answers, accent-insensitive search, digests.
#include "vaekit/training/community.hpp"
#include "vaekit/core/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "records_util.hpp"
#include "vaekit/training/model.hpp"

namespace vaekit {
namespace {

constexpr std::array<std::string_view, 6> role_names{"counsellor",   "assistant", "certifier",
                                                     "funding_body", "organiser", "other"};

/// A certification code compared without case or spaces.
std::string code_key(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '\t') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

/// The words of a field with their weight in the search score.
struct Field {
  std::vector<std::string> words;
  double weight = 1.0;
};

std::vector<Field> fields_of(const Thread& t) {
  std::vector<Field> f;
  f.push_back({search_words(t.title, CompoundForm::index), 3.0});
  Field tags{{}, 2.0};
  for (const auto& x : t.tags) {
    for (auto& w : search_words(x, CompoundForm::index)) tags.words.push_back(std::move(w));
  }
  for (const auto& x : t.certifications) {
    for (auto& w : search_words(x, CompoundForm::index)) tags.words.push_back(std::move(w));
  }
  f.push_back(std::move(tags));
  Field posts{{}, 1.0};
  for (const auto& p : t.posts) {
    for (auto& w : search_words(p.text, CompoundForm::index)) posts.words.push_back(std::move(w));
  }
  f.push_back(std::move(posts));
  return f;
}

Date last_activity(const Thread& t) {
  Date d = t.posts.empty() ? Date{} : t.posts.front().date;
  for (const auto& p : t.posts) d = std::max(d, p.date);
  return d;
}

}  // namespace

std::string_view to_string(CommunityRole v) noexcept {
  return detail::name_of(role_names, v);
}
CommunityRole community_role_from_string(std::string_view s) {
  return detail::parse_name<CommunityRole>(role_names, s, "community role");
}
std::optional<CommunityRole> try_community_role_from_string(std::string_view s) noexcept {
  return find_name<CommunityRole>(role_names, s);
}

const std::string& Thread::author() const {
  if (posts.empty()) throw InvalidArgument("thread " + excerpt(id) + " has no post");
  return posts.front().author;
}

Date Thread::opened() const {
  if (posts.empty()) throw InvalidArgument("thread " + excerpt(id) + " has no post");
  return posts.front().date;
}

bool Thread::answered_by(Date d) const {
  if (posts.empty()) return false;
  const auto& who = posts.front().author;
  return std::any_of(posts.begin() + 1, posts.end(),
                     [&](const Post& p) { return p.author != who && p.date <= d; });
}

const Thread& Community::thread(std::string_view key) const {
  auto it =
      std::find_if(threads.begin(), threads.end(), [key](const Thread& t) { return t.id == key; });
  if (it == threads.end()) throw NotFound(std::string(key), "no thread " + excerpt(key));
  return *it;
}

const CommunityMember& Community::member(std::string_view key) const {
  auto it = std::find_if(members.begin(), members.end(),
                         [key](const CommunityMember& m) { return m.id == key; });
  if (it == members.end()) throw NotFound(std::string(key), "no community member " + excerpt(key));
  return *it;
}

const Post* Community::accepted_answer(const Thread& t) const {
  if (!t.accepted) return nullptr;
  for (std::size_t i = 1; i < t.posts.size(); ++i) {
    if (t.posts[i].id == *t.accepted) return &t.posts[i];
  }
  return nullptr;
}

void Community::check() const {
  std::set<std::string, std::less<>> member_ids;
  for (const auto& m : members) {
    if (m.id.empty()) throw InvalidArgument("a community member has an empty id");
    if (!member_ids.insert(m.id).second) {
      throw InvalidArgument("duplicate community member id " + excerpt(m.id));
    }
  }
  std::set<std::string, std::less<>> thread_ids;
  std::set<std::string, std::less<>> post_ids;
  for (const auto& t : threads) {
    if (t.id.empty()) throw InvalidArgument("a thread has an empty id");
    if (!thread_ids.insert(t.id).second)
      throw InvalidArgument("duplicate thread id " + excerpt(t.id));
    if (t.posts.empty()) throw InvalidArgument("thread " + excerpt(t.id) + " has no post");
    for (std::size_t i = 0; i < t.posts.size(); ++i) {
      const auto& p = t.posts[i];
      if (p.id.empty())
        throw InvalidArgument("a post of thread " + excerpt(t.id) + " has an empty id");
      if (!post_ids.insert(p.id).second)
        throw InvalidArgument("duplicate post id " + excerpt(p.id));
      if (!member_ids.count(p.author)) {
        throw InvalidArgument("post " + excerpt(p.id) + " has an unknown author");
      }
      if (i > 0 && p.date < t.posts[i - 1].date) {
        throw InvalidArgument("post " + excerpt(p.id) + " of thread " + excerpt(t.id) +
                              " is dated before the previous post");
      }
    }
    if (t.accepted && accepted_answer(t) == nullptr) {
      throw InvalidArgument("the accepted answer of thread " + excerpt(t.id) +
                            " is not one of its replies");
    }
  }
}

std::vector<ThreadHit> Community::search(std::string_view query, std::size_t limit) const {
  std::vector<std::string> q = search_words(query, CompoundForm::query);
  std::sort(q.begin(), q.end());
  q.erase(std::unique(q.begin(), q.end()), q.end());
  std::vector<std::pair<ThreadHit, Date>> found;
  if (q.empty() || limit == 0) return {};
  for (const auto& t : threads) {
    const auto fields = fields_of(t);
    double score = 0.0;
    bool all = true;
    for (const auto& w : q) {
      double best = 0.0;
      for (const auto& f : fields) {
        for (const auto& x : f.words) {
          if (x.size() >= w.size() && x.compare(0, w.size(), w) == 0) {
            best = std::max(best, f.weight + (x.size() == w.size() ? 0.5 : 0.0));
          }
        }
      }
      if (best == 0.0) {
        all = false;
        break;
      }
      score += best;
    }
    if (all) found.push_back({ThreadHit{t.id, score}, last_activity(t)});
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first.score != b.first.score) return a.first.score > b.first.score;
    if (a.second != b.second) return a.second > b.second;
    return a.first.thread < b.first.thread;
  });
  std::vector<ThreadHit> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].first);
  return out;
}

std::vector<std::string> Community::threads_about(std::string_view code) const {
  const auto key = code_key(code);
  std::vector<std::string> out;
  for (const auto& t : threads) {
    if (std::any_of(t.certifications.begin(), t.certifications.end(),
                    [&key](const std::string& c) { return code_key(c) == key; })) {
      out.push_back(t.id);
    }
  }
  return out;
}

CommunityDigest community_digest(const Community& community, const DateRange& period,
                                 const std::vector<CertificationChange>& changes,
                                 const std::vector<std::string>& targeted) {
  CommunityDigest d;
  d.period = period;
  std::vector<const Thread*> ordered;
  for (const auto& t : community.threads) {
    if (!t.posts.empty()) ordered.push_back(&t);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const Thread* a, const Thread* b) {
    return a->posts.front().date < b->posts.front().date;
  });
  const Date end = period.last();
  for (const Thread* t : ordered) {
    const Date opened = t->posts.front().date;
    if (period.contains(opened)) d.new_threads.push_back(t->id);
    if (!t->question || opened > end) continue;
    const Post* accepted = community.accepted_answer(*t);
    if (accepted != nullptr && accepted->date <= end) {
      if (period.contains(accepted->date)) d.resolved.push_back(t->id);
      continue;
    }
    if (!t->answered_by(end)) {
      d.unanswered.push_back(t->id);
    } else {
      d.unresolved.push_back(t->id);
    }
  }
  std::set<std::string> target_keys;
  for (const auto& c : targeted) target_keys.insert(code_key(c));
  for (const auto& c : changes) {
    DigestChange dc;
    dc.change = c;
    std::set<std::string> concerned;
    if (target_keys.count(code_key(c.code))) concerned.insert(code_key(c.code));
    for (const auto& s : c.successors) {
      if (target_keys.count(code_key(s))) concerned.insert(code_key(s));
    }
    if (concerned.empty()) continue;
    dc.targeted.assign(concerned.begin(), concerned.end());
    std::set<std::string> threads;
    std::set<std::string> codes = concerned;
    codes.insert(code_key(c.code));
    for (const auto& code : codes) {
      for (auto& id : community.threads_about(code)) threads.insert(std::move(id));
    }
    for (const auto& t : community.threads) {
      if (threads.count(t.id)) dc.threads.push_back(t.id);
    }
    d.changes.push_back(std::move(dc));
  }
  return d;
}

// --- JSON -----------------------------------------------------------------------------------

void to_json(Json& j, const CommunityMember& v) {
  j = Json::object();
  j["id"] = v.id;
  j["name"] = v.name;
  j["role"] = to_string(v.role);
  j["organisation"] = v.organisation;
}

void from_json(const Json& j, CommunityMember& v) {
  v.id = json_field<std::string>(j, "id");
  v.name = json_field_or<std::string>(j, "name", "");
  v.role = json_enum_field<CommunityRole>(j, "role", community_role_from_string);
  v.organisation = json_field_or<std::string>(j, "organisation", "");
}

void to_json(Json& j, const Post& v) {
  j = Json::object();
  j["id"] = v.id;
  j["author"] = v.author;
  j["date"] = v.date;
  j["text"] = v.text;
}

void from_json(const Json& j, Post& v) {
  v.id = json_field<std::string>(j, "id");
  v.author = json_field<std::string>(j, "author");
  v.date = json_field<Date>(j, "date");
  v.text = json_field_or<std::string>(j, "text", "");
}

void to_json(Json& j, const Thread& v) {
  j = Json::object();
  j["id"] = v.id;
  j["title"] = v.title;
  j["tags"] = v.tags;
  j["certifications"] = v.certifications;
  j["question"] = v.question;
  j["posts"] = v.posts;
  j["accepted"] = v.accepted ? Json(*v.accepted) : Json(nullptr);
}

void from_json(const Json& j, Thread& v) {
  v.id = json_field<std::string>(j, "id");
  v.title = json_field_or<std::string>(j, "title", "");
  v.tags = json_array_field<std::string>(j, "tags");
  v.certifications = json_array_field<std::string>(j, "certifications");
  v.question = json_field_or<bool>(j, "question", true);
  v.posts = json_array_field<Post>(j, "posts");
  v.accepted.reset();
  if (j.contains("accepted") && !j["accepted"].is_null()) {
    v.accepted = json_field<std::string>(j, "accepted");
  }
}

void to_json(Json& j, const Community& v) {
  j = Json::object();
  j["members"] = v.members;
  j["threads"] = v.threads;
}

void from_json(const Json& j, Community& v) {
  Community c;
  c.members = json_array_field<CommunityMember>(j, "members");
  c.threads = json_array_field<Thread>(j, "threads");
  try {
    c.check();
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{}, e.what());
  }
  v = std::move(c);
}

void to_json(Json& j, const ThreadHit& v) {
  j = Json::object();
  j["thread"] = v.thread;
  j["score"] = v.score;
}

void from_json(const Json& j, ThreadHit& v) {
  v.thread = json_field<std::string>(j, "thread");
  v.score = json_field<double>(j, "score");
}

void to_json(Json& j, const CertificationChange& v) {
  j = Json::object();
  j["code"] = v.code;
  j["kind"] = v.kind;
  j["successors"] = v.successors;
}

void from_json(const Json& j, CertificationChange& v) {
  v.code = json_field<std::string>(j, "code");
  v.kind = json_field_or<std::string>(j, "kind", "");
  v.successors = json_array_field<std::string>(j, "successors");
}

void to_json(Json& j, const DigestChange& v) {
  j = Json::object();
  j["change"] = v.change;
  j["targeted"] = v.targeted;
  j["threads"] = v.threads;
}

void from_json(const Json& j, DigestChange& v) {
  v.change = json_field<CertificationChange>(j, "change");
  v.targeted = json_array_field<std::string>(j, "targeted");
  v.threads = json_array_field<std::string>(j, "threads");
}

void to_json(Json& j, const CommunityDigest& v) {
  j = Json::object();
  j["period"] = v.period;
  j["new_threads"] = v.new_threads;
  j["unanswered"] = v.unanswered;
  j["unresolved"] = v.unresolved;
  j["resolved"] = v.resolved;
  j["changes"] = v.changes;
}

void from_json(const Json& j, CommunityDigest& v) {
  v.period = json_field<DateRange>(j, "period");
  v.new_threads = json_array_field<std::string>(j, "new_threads");
  v.unanswered = json_array_field<std::string>(j, "unanswered");
  v.unresolved = json_array_field<std::string>(j, "unresolved");
  v.resolved = json_array_field<std::string>(j, "resolved");
  v.changes = json_array_field<DigestChange>(j, "changes");
}

}  // namespace vaekit
