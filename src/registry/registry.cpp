// Registry: storage, format detection, replacement chains, filters, search, JSON.
#include "vaekit/registry/registry.hpp"

#include <algorithm>
#include <deque>
#include <fstream>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "detail.hpp"

namespace vaekit {

std::string_view to_string(RegistryFormat format) noexcept {
  switch (format) {
    case RegistryFormat::automatic: return "automatic";
    case RegistryFormat::csv_zip: return "csv_zip";
    case RegistryFormat::xml: return "xml";
    case RegistryFormat::json: return "json";
  }
  return "automatic";
}

std::string_view to_string(LinkIssue::Kind kind) noexcept {
  return kind == LinkIssue::Kind::cycle ? "cycle" : "dangling";
}

namespace {

/// The inverted index of the search: sorted vocabulary, postings per word.
struct SearchIndex {
  std::vector<std::string> vocab;
  std::vector<std::vector<std::uint32_t>> postings;
  std::vector<std::uint32_t> title_words;  // number of words of each title
  std::vector<std::string> first_word;     // first normalised word of each title

  explicit SearchIndex(const std::vector<Certification>& certs) {
    std::vector<std::pair<std::string, std::uint32_t>> pairs;
    pairs.reserve(certs.size() * 8);
    title_words.resize(certs.size());
    first_word.resize(certs.size());
    for (std::size_t i = 0; i < certs.size(); ++i) {
      const auto& c = certs[i];
      const auto idx = static_cast<std::uint32_t>(i);
      auto words = normalize_words(c.title);
      title_words[i] = static_cast<std::uint32_t>(words.size());
      if (!words.empty()) first_word[i] = words.front();
      for (auto& w : normalize_words(c.short_type.code)) words.push_back(std::move(w));
      for (auto& w : normalize_words(c.short_type.label)) words.push_back(std::move(w));
      for (auto& w : normalize_words(c.code)) words.push_back(std::move(w));
      for (auto& w : words) pairs.emplace_back(std::move(w), idx);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (auto& [w, i] : pairs) {
      if (vocab.empty() || vocab.back() != w) {
        vocab.push_back(w);
        postings.emplace_back();
      }
      postings.back().push_back(i);
    }
  }
};

}  // namespace

struct Registry::Impl {
  std::vector<Certification> certs;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<RegistryReject> rejects;
  ImportStats stats;
  RegistryFormat format = RegistryFormat::automatic;
  mutable std::mutex search_mutex;
  mutable std::shared_ptr<const SearchIndex> search;

  void reindex() {
    index.clear();
    index.reserve(certs.size());
    for (std::size_t i = 0; i < certs.size(); ++i) {
      if (!is_certification_code(certs[i].code)) {
        throw InvalidArgument("malformed certification code " + excerpt(certs[i].code) + "");
      }
      if (!index.emplace(certs[i].code, i).second) {
        throw InvalidArgument("duplicate certification " + certs[i].code);
      }
    }
    invalidate();
  }
  void invalidate() {
    std::lock_guard lock(search_mutex);
    search.reset();
  }
  /// Links recorded on one side only are mirrored on the other.
  void mirror_links() {
    for (std::size_t i = 0; i < certs.size(); ++i) {
      const std::string code = certs[i].code;
      for (const auto& newer : std::vector<std::string>(certs[i].replaced_by)) {
        auto it = index.find(newer);
        if (it != index.end()) detail::push_unique(certs[it->second].replaces, code);
      }
      for (const auto& older : std::vector<std::string>(certs[i].replaces)) {
        auto it = index.find(older);
        if (it != index.end()) detail::push_unique(certs[it->second].replaced_by, code);
      }
    }
  }
  const Certification* find(std::string_view code) const {
    auto it = index.find(std::string(code));
    return it == index.end() ? nullptr : &certs[it->second];
  }
  std::shared_ptr<const SearchIndex> search_index() const {
    std::lock_guard lock(search_mutex);
    if (!search) search = std::make_shared<const SearchIndex>(certs);
    return search;
  }
};

Registry RegistryAccess::make(std::vector<Certification> certs, std::vector<RegistryReject> rejects,
                              ImportStats stats, RegistryFormat format) {
  Registry r(std::move(certs));
  r.impl_->rejects = std::move(rejects);
  r.impl_->stats = stats;
  r.impl_->format = format;
  return r;
}

Registry::Registry() : impl_(std::make_unique<Impl>()) {}

Registry::Registry(std::vector<Certification> certifications) : impl_(std::make_unique<Impl>()) {
  impl_->certs = std::move(certifications);
  impl_->reindex();
  impl_->mirror_links();
  impl_->stats = ImportStats{impl_->certs.size(), impl_->certs.size(), 0};
}

Registry::~Registry() = default;

Registry::Registry(const Registry& other) : impl_(std::make_unique<Impl>()) {
  impl_->certs = other.impl_->certs;
  impl_->index = other.impl_->index;
  impl_->rejects = other.impl_->rejects;
  impl_->stats = other.impl_->stats;
  impl_->format = other.impl_->format;
}

Registry& Registry::operator=(const Registry& other) {
  if (this != &other) {
    Registry copy(other);
    *this = std::move(copy);
  }
  return *this;
}

Registry::Registry(Registry&& other) noexcept = default;
Registry& Registry::operator=(Registry&& other) noexcept = default;

namespace {
std::string read_prefix(const std::filesystem::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path.string(), "cannot open " + path.string());
  std::string buf(n, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(n));
  buf.resize(static_cast<std::size_t>(in.gcount()));
  return buf;
}

RegistryFormat sniff(std::string_view head) {
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
      head.substr(0, 4) == std::string_view("PK\x05\x06", 4)) {
    return RegistryFormat::csv_zip;  // refined by looking at the entries
  }
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  head = detail::trim(head);
  if (!head.empty() && head.front() == '<') return RegistryFormat::xml;
  if (!head.empty() && head.front() == '{') return RegistryFormat::json;
  return RegistryFormat::automatic;
}

Registry load_any(const std::string& path, std::string_view data, const std::string& source,
                  std::string_view head, const LoadOptions& options) {
  RegistryFormat format = options.format;
  const RegistryFormat sniffed = sniff(head);
  const bool is_zip = sniffed == RegistryFormat::csv_zip;
  if (format == RegistryFormat::automatic) format = sniffed;
  switch (format) {
    case RegistryFormat::csv_zip:
    case RegistryFormat::xml:
      if (is_zip) {
        const auto xml = detail::zip_holds_xml(path, data);
        if (xml.value_or(false) || (format == RegistryFormat::xml && options.format == format)) {
          return detail::read_xml_zip(path, data, source, options.strict);
        }
        return detail::read_csv_zip(path, data, source, options.strict);
      }
      if (format == RegistryFormat::csv_zip) {
        return detail::read_csv_zip(path, data, source, options.strict);
      }
      return detail::read_xml_plain(path, data, source, options.strict);
    case RegistryFormat::json: {
      Registry r = path.empty() ? read_document<Registry>(data, source)
                                : load_document<Registry>(std::filesystem::path(path));
      return r;
    }
    case RegistryFormat::automatic: break;
  }
  throw ParseError(SourceLocation{source, 0, 0, ""},
                   "unknown registry format: expected the CSV export zip, the XML export or a "
                   "vaekit JSON document");
}
}  // namespace

Registry Registry::load(const std::filesystem::path& path, const LoadOptions& options) {
  if (!std::filesystem::exists(path)) throw IoError(path.string(), "no such file: " + path.string());
  const std::string head = read_prefix(path, 64);
  Registry r = load_any(path.string(), {}, path.string(), head, options);
  if (r.impl_->format == RegistryFormat::automatic) r.impl_->format = RegistryFormat::json;
  return r;
}

Registry Registry::read(std::string_view data, std::string_view source, const LoadOptions& options) {
  Registry r = load_any({}, data, std::string(source), data.substr(0, 64), options);
  if (r.impl_->format == RegistryFormat::automatic) r.impl_->format = RegistryFormat::json;
  return r;
}

std::size_t Registry::size() const noexcept { return impl_->certs.size(); }
const std::vector<Certification>& Registry::certifications() const noexcept { return impl_->certs; }
std::vector<Certification>::const_iterator Registry::begin() const noexcept {
  return impl_->certs.begin();
}
std::vector<Certification>::const_iterator Registry::end() const noexcept {
  return impl_->certs.end();
}
bool Registry::contains(std::string_view code) const noexcept { return find(code) != nullptr; }
const Certification* Registry::find(std::string_view code) const noexcept {
  try {
    return impl_->find(code);
  } catch (...) {
    return nullptr;
  }
}
const Certification& Registry::get(std::string_view code) const {
  const Certification* c = impl_->find(code);
  if (c == nullptr) {
    throw NotFound(std::string(code), "no certification " + excerpt(code) + " in the registry");
  }
  return *c;
}

void Registry::add(Certification cert) {
  if (!is_certification_code(cert.code)) {
    throw InvalidArgument("malformed certification code " + excerpt(cert.code));
  }
  if (impl_->index.count(cert.code) != 0) {
    throw InvalidArgument("duplicate certification " + cert.code);
  }
  impl_->index.emplace(cert.code, impl_->certs.size());
  impl_->certs.push_back(std::move(cert));
  impl_->mirror_links();
  ++impl_->stats.read;
  ++impl_->stats.accepted;
  impl_->invalidate();
}

void Registry::merge(const Registry& other) {
  for (const auto& c : other.impl_->certs) {
    if (impl_->index.count(c.code) != 0) {
      throw InvalidArgument("certification " + c.code + " is in both registries");
    }
  }
  for (const auto& c : other.impl_->certs) {
    impl_->index.emplace(c.code, impl_->certs.size());
    impl_->certs.push_back(c);
  }
  impl_->mirror_links();
  impl_->rejects.insert(impl_->rejects.end(), other.impl_->rejects.begin(),
                        other.impl_->rejects.end());
  impl_->stats.read += other.impl_->stats.read;
  impl_->stats.accepted += other.impl_->stats.accepted;
  impl_->stats.rejected += other.impl_->stats.rejected;
  impl_->invalidate();
}

const std::vector<RegistryReject>& Registry::rejects() const noexcept { return impl_->rejects; }
const ImportStats& Registry::import_stats() const noexcept { return impl_->stats; }
RegistryFormat Registry::source_format() const noexcept { return impl_->format; }

// ---- replacement chains ----

Succession Registry::succession(std::string_view code) const {
  const Certification& start = get(code);
  Succession s;
  s.code = start.code;
  std::unordered_set<std::string> visited{start.code};
  std::deque<const Certification*> queue{&start};
  std::set<std::string> ends;
  while (!queue.empty()) {
    const Certification* c = queue.front();
    queue.pop_front();
    for (const auto& next : c->replaced_by) {
      if (visited.count(next) != 0) {
        s.issues.push_back(LinkIssue{LinkIssue::Kind::cycle, c->code, next});
        continue;
      }
      visited.insert(next);
      s.chain.push_back(next);
      const Certification* n = impl_->find(next);
      if (n == nullptr) {
        s.issues.push_back(LinkIssue{LinkIssue::Kind::dangling, c->code, next});
        ends.insert(next);
        continue;
      }
      if (n->replaced_by.empty()) {
        ends.insert(next);
      } else {
        queue.push_back(n);
      }
    }
  }
  s.successors.assign(ends.begin(), ends.end());
  return s;
}

std::vector<std::string> Registry::successors(std::string_view code) const {
  return succession(code).successors;
}

std::vector<std::string> Registry::active_successors(std::string_view code, bool vae_only) const {
  std::vector<std::string> out;
  for (const auto& s : successors(code)) {
    const Certification* c = impl_->find(s);
    if (c != nullptr && c->active && (!vae_only || c->vae_accessible())) out.push_back(s);
  }
  return out;
}

std::vector<std::string> Registry::predecessors(std::string_view code) const {
  const Certification& start = get(code);
  std::set<std::string> seen;
  std::deque<const Certification*> queue{&start};
  while (!queue.empty()) {
    const Certification* c = queue.front();
    queue.pop_front();
    for (const auto& prev : c->replaces) {
      if (prev == start.code || !seen.insert(prev).second) continue;
      if (const Certification* p = impl_->find(prev)) queue.push_back(p);
    }
  }
  return {seen.begin(), seen.end()};
}

std::vector<LinkIssue> Registry::link_issues() const {
  std::vector<LinkIssue> out;
  for (const auto& c : impl_->certs) {
    for (const auto& n : c.replaced_by) {
      if (impl_->find(n) == nullptr) out.push_back(LinkIssue{LinkIssue::Kind::dangling, c.code, n});
    }
    for (const auto& p : c.replaces) {
      if (impl_->find(p) == nullptr) out.push_back(LinkIssue{LinkIssue::Kind::dangling, c.code, p});
    }
  }
  // Cycles: iterative DFS over replaced_by with colours; a back edge closes a cycle.
  const std::size_t n = impl_->certs.size();
  std::vector<std::uint8_t> colour(n, 0);
  for (std::size_t root = 0; root < n; ++root) {
    if (colour[root] != 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
    colour[root] = 1;
    while (!stack.empty()) {
      auto& [node, next_edge] = stack.back();
      const auto& edges = impl_->certs[node].replaced_by;
      if (next_edge >= edges.size()) {
        colour[node] = 2;
        stack.pop_back();
        continue;
      }
      const std::string& target = edges[next_edge++];
      auto it = impl_->index.find(target);
      if (it == impl_->index.end()) continue;
      if (colour[it->second] == 1) {
        out.push_back(LinkIssue{LinkIssue::Kind::cycle, impl_->certs[node].code, target});
      } else if (colour[it->second] == 0) {
        colour[it->second] = 1;
        stack.emplace_back(it->second, 0);
      }
    }
  }
  return out;
}

// ---- filters ----

std::vector<const Certification*> Registry::filter(const CertificationFilter& f) const {
  std::vector<const Certification*> out;
  for (const auto& c : impl_->certs) {
    if (f.min_level && (!c.level || *c.level < *f.min_level)) continue;
    if (f.max_level && (!c.level || *c.level > *f.max_level)) continue;
    if (f.certifier && !std::any_of(c.certifiers.begin(), c.certifiers.end(), [&](const Certifier& x) {
          return x.siret == *f.certifier || x.name == *f.certifier;
        })) {
      continue;
    }
    if (f.rome && std::none_of(c.rome.begin(), c.rome.end(),
                               [&](const CodeLabel& r) { return r.code == *f.rome; })) {
      continue;
    }
    if (f.vae_accessible && c.vae_accessible() != *f.vae_accessible) continue;
    if (f.active && c.active != *f.active) continue;
    if (f.registered_on && !c.registered_on(*f.registered_on)) continue;
    if (f.kind && c.kind() != *f.kind) continue;
    out.push_back(&c);
  }
  return out;
}

std::vector<const Certification*> Registry::for_rome(std::string_view rome) const {
  std::vector<const Certification*> out;
  for (const auto& c : impl_->certs) {
    if (std::any_of(c.rome.begin(), c.rome.end(), [&](const CodeLabel& r) { return r.code == rome; })) {
      out.push_back(&c);
    }
  }
  return out;
}

std::vector<const Certification*> Registry::for_rome(std::string_view rome,
                                                     const RomeCatalog& catalog) const {
  std::vector<const Certification*> out = for_rome(rome);
  std::unordered_set<const Certification*> seen(out.begin(), out.end());
  const auto siblings = catalog.siblings(rome);
  std::unordered_set<std::string> others;
  for (const auto& s : siblings) {
    if (s != rome) others.insert(s);
  }
  if (others.empty()) return out;
  for (const auto& c : impl_->certs) {
    if (seen.count(&c) != 0) continue;
    if (std::any_of(c.rome.begin(), c.rome.end(),
                    [&](const CodeLabel& r) { return others.count(r.code) != 0; })) {
      out.push_back(&c);
    }
  }
  return out;
}

// ---- search ----

std::vector<SearchHit> Registry::search(std::string_view text, std::size_t limit) const {
  std::vector<SearchHit> hits;
  if (limit == 0) return hits;
  // An exact code first.
  std::string upper(detail::trim(text));
  for (auto& ch : upper) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  upper.erase(std::remove(upper.begin(), upper.end(), ' '), upper.end());
  const Certification* exact = is_certification_code(upper) ? impl_->find(upper) : nullptr;

  auto words = normalize_words(text);
  detail::sort_unique(words);
  if (words.size() > 64) words.resize(64);
  const auto index = impl_->search_index();
  const std::size_t n = impl_->certs.size();
  if (!words.empty() && n > 0) {
    const std::uint64_t all =
        words.size() == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << words.size()) - 1);
    std::vector<std::uint64_t> mask(n, 0);
    std::vector<float> score(n, 0.0f);
    std::vector<float> best(n, 0.0f);
    std::vector<std::uint32_t> touched;
    std::vector<std::uint32_t> candidates;
    for (std::size_t qi = 0; qi < words.size(); ++qi) {
      const std::string& q = words[qi];
      touched.clear();
      auto it = std::lower_bound(index->vocab.begin(), index->vocab.end(), q);
      for (; it != index->vocab.end() && it->compare(0, q.size(), q) == 0; ++it) {
        const float s = it->size() == q.size() ? 2.0f : 1.0f + static_cast<float>(q.size()) /
                                                                 static_cast<float>(it->size());
        const auto& post = index->postings[static_cast<std::size_t>(it - index->vocab.begin())];
        for (auto ci : post) {
          if (qi > 0 && mask[ci] != (std::uint64_t{1} << qi) - 1) continue;  // missed a word
          if (best[ci] == 0.0f) touched.push_back(ci);
          best[ci] = std::max(best[ci], s);
        }
      }
      for (auto ci : touched) {
        mask[ci] |= std::uint64_t{1} << qi;
        score[ci] += best[ci];
        best[ci] = 0.0f;
      }
      if (touched.empty()) break;
    }
    for (auto ci : touched) {
      if (mask[ci] == all) candidates.push_back(ci);
    }
    std::vector<SearchHit> found;
    found.reserve(candidates.size());
    for (auto ci : candidates) {
      const auto& c = impl_->certs[ci];
      double s = score[ci];
      const std::string& fw = index->first_word[ci];
      if (std::any_of(words.begin(), words.end(),
                      [&](const std::string& w) { return fw.compare(0, w.size(), w) == 0; })) {
        s += 0.5;  // the title starts with a query word
      }
      // Titles made of the query words only rank above longer ones.
      s += 0.5 * static_cast<double>(words.size()) /
           static_cast<double>(std::max<std::uint32_t>(index->title_words[ci], 1));
      if (c.active) s += 0.25;
      if (c.vae_accessible()) s += 0.1;
      found.push_back(SearchHit{c.code, s});
    }
    auto better = [](const SearchHit& a, const SearchHit& b) {
      return a.score != b.score ? a.score > b.score : a.code < b.code;
    };
    const std::size_t keep = std::min(found.size(), limit);
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      better);
    found.resize(keep);
    hits = std::move(found);
  }
  if (exact != nullptr) {
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                              [&](const SearchHit& h) { return h.code == exact->code; }),
               hits.end());
    hits.insert(hits.begin(), SearchHit{exact->code, 1000.0});
    if (hits.size() > limit) hits.resize(limit);
  }
  return hits;
}

// ---- JSON ----

void to_json(Json& j, const Registry& r) {
  j = Json::object();
  j["certifications"] = r.certifications();
}

void from_json(const Json& j, Registry& r) {
  r = Registry(json_field<std::vector<Certification>>(j, "certifications"));
}

}  // namespace vaekit
