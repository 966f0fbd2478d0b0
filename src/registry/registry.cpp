// Registry: storage, format detection, replacement chains, filters, search, JSON.
#include "vaekit/registry/registry.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <fstream>
#include <mutex>
#include <set>
#include <tuple>
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

/// The inverted index of the search.
///
/// - `vocab`: the sorted normalised words of every fiche (title, short type, code); the words
///   starting with a prefix are a contiguous range of word ids.
/// - `post`: for each word, the sorted ids of the fiches holding it (CSR: `post_off`), so the
///   number of postings of a prefix range is `post_off[hi] - post_off[lo]` in O(1).
/// - `fwd`: for each fiche, its sorted word ids (CSR: `fwd_off`), to check a candidate against a
///   prefix range with one binary search instead of merging the range's postings.
/// - `shorts`: for every prefix of 1 or 2 bytes, the fiches holding a word that starts with it
///   and the length of their shortest such word, precomputed: a one-letter query ("a") touches
///   most of the index and would otherwise merge thousands of postings lists.
struct SearchIndex {
  static constexpr std::size_t short_prefix_max = 2;

  struct ShortList {
    std::vector<std::uint32_t> ids;     // sorted fiche ids
    std::vector<std::uint32_t> minlen;  // length of each fiche's shortest matching word
  };

  std::vector<std::string> vocab;
  std::vector<std::uint32_t> word_len;
  std::vector<std::uint32_t> post_off;
  std::vector<std::uint32_t> post;
  std::vector<std::uint32_t> fwd_off;
  std::vector<std::uint32_t> fwd;
  std::vector<std::uint32_t> title_words;  // number of words of each title
  std::vector<std::uint32_t> first_word;   // word id of the first title word, or npos
  std::vector<double> base;                // per-fiche bonus: active 0.25, VAE-accessible 0.1
  std::vector<std::string> short_keys;     // sorted prefixes of 1..short_prefix_max bytes
  std::vector<ShortList> shorts;           // parallel to short_keys

  static constexpr std::uint32_t npos = ~std::uint32_t{0};

  explicit SearchIndex(const std::vector<Certification>& certs) {
    const std::size_t n = certs.size();
    std::vector<std::pair<std::string, std::uint32_t>> pairs;
    pairs.reserve(n * 8);
    title_words.resize(n);
    std::vector<std::string> first(n);
    base.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& c = certs[i];
      const auto idx = static_cast<std::uint32_t>(i);
      // Compounds indexed in both spellings (parts and joined); the title's word count and
      // first word are those of its plain words.
      auto words = search_words(c.title, CompoundForm::index);
      title_words[i] = static_cast<std::uint32_t>(normalize_words(c.title).size());
      if (!words.empty()) first[i] = words.front();
      auto add = [&](const std::string& text) {
        for (auto& w : search_words(text, CompoundForm::index)) words.push_back(std::move(w));
      };
      add(c.short_type.code);
      add(c.short_type.label);
      add(c.code);
      for (const auto& r : c.rome) {  // ROME codes and job labels ("I1203", "boulangerie")
        add(r.code);
        add(r.label);
      }
      for (auto& w : words) pairs.emplace_back(std::move(w), idx);
      base[i] = (c.active ? 0.25 : 0.0) + (c.vae_accessible() ? 0.1 : 0.0);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    post.reserve(pairs.size());
    std::vector<std::uint32_t> per_fiche(n + 1, 0);
    for (auto& [w, i] : pairs) {
      if (vocab.empty() || vocab.back() != w) {
        post_off.push_back(static_cast<std::uint32_t>(post.size()));
        vocab.push_back(w);
        word_len.push_back(static_cast<std::uint32_t>(w.size()));
      }
      post.push_back(i);
      ++per_fiche[i + 1];
    }
    post_off.push_back(static_cast<std::uint32_t>(post.size()));
    // Forward index: word ids come out sorted because words are visited in vocab order.
    for (std::size_t i = 0; i < n; ++i) per_fiche[i + 1] += per_fiche[i];
    fwd_off = per_fiche;
    fwd.resize(post.size());
    std::vector<std::uint32_t> fill(per_fiche.begin(), per_fiche.end() - 1);
    for (std::size_t wid = 0; wid < vocab.size(); ++wid) {
      for (auto k = post_off[wid]; k < post_off[wid + 1]; ++k) {
        fwd[fill[post[k]]++] = static_cast<std::uint32_t>(wid);
      }
    }
    first_word.assign(n, npos);
    for (std::size_t i = 0; i < n; ++i) {
      if (first[i].empty()) continue;
      auto it = std::lower_bound(vocab.begin(), vocab.end(), first[i]);
      first_word[i] = static_cast<std::uint32_t>(it - vocab.begin());
    }
    build_shorts(n);
  }

  /// The ids [lo, hi) of the words starting with @p q.
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> range(const std::string& q) const {
    const auto lo = std::lower_bound(vocab.begin(), vocab.end(), q);
    const auto hi = std::partition_point(
        lo, vocab.end(), [&](const std::string& w) { return w.compare(0, q.size(), q) == 0; });
    return {static_cast<std::uint32_t>(lo - vocab.begin()),
            static_cast<std::uint32_t>(hi - vocab.begin())};
  }

  /// The precomputed list of a 1- or 2-byte prefix, or nullptr.
  [[nodiscard]] const ShortList* short_list(const std::string& q) const {
    if (q.empty() || q.size() > short_prefix_max) return nullptr;
    const auto it = std::lower_bound(short_keys.begin(), short_keys.end(), q);
    if (it == short_keys.end() || *it != q) return nullptr;
    return &shorts[static_cast<std::size_t>(it - short_keys.begin())];
  }

 private:
  void build_shorts(std::size_t n) {
    std::vector<std::uint32_t> best(n, 0);
    std::vector<std::uint32_t> touched;
    for (std::size_t len = 1; len <= short_prefix_max; ++len) {
      std::size_t lo = 0;
      while (lo < vocab.size()) {
        if (vocab[lo].size() < len) {
          ++lo;
          continue;
        }
        const std::string key = vocab[lo].substr(0, len);
        std::size_t hi = lo;
        touched.clear();
        while (hi < vocab.size() && vocab[hi].compare(0, len, key) == 0) {
          for (auto k = post_off[hi]; k < post_off[hi + 1]; ++k) {
            const auto f = post[k];
            if (best[f] == 0) {
              touched.push_back(f);
              best[f] = word_len[hi];
            } else {
              best[f] = std::min(best[f], word_len[hi]);
            }
          }
          ++hi;
        }
        std::sort(touched.begin(), touched.end());
        ShortList list;
        list.ids = touched;
        list.minlen.reserve(touched.size());
        for (auto f : touched) {
          list.minlen.push_back(best[f]);
          best[f] = 0;
        }
        short_keys.push_back(key);
        shorts.push_back(std::move(list));
        lo = hi;
      }
    }
    // Sort the keys (1-byte and 2-byte keys were appended in two passes).
    std::vector<std::size_t> order(short_keys.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return short_keys[a] < short_keys[b]; });
    std::vector<std::string> keys;
    std::vector<ShortList> lists;
    keys.reserve(order.size());
    lists.reserve(order.size());
    for (auto i : order) {
      keys.push_back(std::move(short_keys[i]));
      lists.push_back(std::move(shorts[i]));
    }
    short_keys = std::move(keys);
    shorts = std::move(lists);
  }
};

}  // namespace

struct Registry::Impl {
  std::vector<Certification> certs;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<Reject> rejects;
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
  /// The certification @p code, in any case ("rncp36004" finds RNCP36004: codes are stored in
  /// upper case, see is_certification_code()).
  const Certification* find(std::string_view code) const {
    auto it = index.find(std::string(code));
    if (it == index.end()) {
      std::string upper(code);
      bool changed = false;
      for (auto& ch : upper) {
        if (ch >= 'a' && ch <= 'z') {
          ch = static_cast<char>(ch - 'a' + 'A');
          changed = true;
        }
      }
      if (changed) it = index.find(upper);
    }
    return it == index.end() ? nullptr : &certs[it->second];
  }
  std::shared_ptr<const SearchIndex> search_index() const {
    std::lock_guard lock(search_mutex);
    if (!search) search = std::make_shared<const SearchIndex>(certs);
    return search;
  }
};

Registry RegistryAccess::make(std::vector<Certification> certs, std::vector<Reject> rejects,
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
  const detail::XmlOptions xml_options{options.strict, options.threads, options.chunk_bytes};
  switch (format) {
    case RegistryFormat::csv_zip:
    case RegistryFormat::xml:
      if (is_zip) {
        const auto xml = detail::zip_holds_xml(path, data);
        if (xml.value_or(false) || (format == RegistryFormat::xml && options.format == format)) {
          return detail::read_xml_zip(path, data, source, xml_options);
        }
        return detail::read_csv_zip(path, data, source, options.strict);
      }
      if (format == RegistryFormat::csv_zip) {
        return detail::read_csv_zip(path, data, source, options.strict);
      }
      return detail::read_xml_plain(path, data, source, xml_options);
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
  if (!std::filesystem::exists(path))
    throw IoError(path.string(), "no such file: " + path.string());
  const std::string head = read_prefix(path, 64);
  Registry r = load_any(path.string(), {}, path.string(), head, options);
  if (r.impl_->format == RegistryFormat::automatic) r.impl_->format = RegistryFormat::json;
  return r;
}

Registry Registry::read(std::string_view data, std::string_view source,
                        const LoadOptions& options) {
  Registry r = load_any({}, data, std::string(source), data.substr(0, 64), options);
  if (r.impl_->format == RegistryFormat::automatic) r.impl_->format = RegistryFormat::json;
  return r;
}

std::size_t Registry::size() const noexcept {
  return impl_->certs.size();
}
const std::vector<Certification>& Registry::certifications() const noexcept {
  return impl_->certs;
}
std::vector<Certification>::const_iterator Registry::begin() const noexcept {
  return impl_->certs.begin();
}
std::vector<Certification>::const_iterator Registry::end() const noexcept {
  return impl_->certs.end();
}
bool Registry::contains(std::string_view code) const noexcept {
  return find(code) != nullptr;
}
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

const std::vector<Reject>& Registry::rejects() const noexcept {
  return impl_->rejects;
}
const ImportStats& Registry::import_stats() const noexcept {
  return impl_->stats;
}
RegistryFormat Registry::source_format() const noexcept {
  return impl_->format;
}

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
    if (f.certifier &&
        !std::any_of(c.certifiers.begin(), c.certifiers.end(), [&](const Certifier& x) {
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
    if (std::any_of(c.rome.begin(), c.rome.end(),
                    [&](const CodeLabel& r) { return r.code == rome; })) {
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

namespace {

/// The score of a query word of @p qlen bytes matching a fiche whose shortest matching word has
/// @p wlen bytes: 2 for the word itself, 1 + qlen / wlen for a prefix of a longer word.
double word_score(std::size_t qlen, std::uint32_t wlen) {
  return wlen == qlen ? 2.0 : 1.0 + static_cast<double>(qlen) / static_cast<double>(wlen);
}

/// One query word: its vocabulary range and how many postings it covers.
struct QueryWord {
  std::size_t len = 0;
  std::uint32_t lo = 0;
  std::uint32_t hi = 0;
  std::size_t cost = 0;
  const SearchIndex::ShortList* pre = nullptr;
};

}  // namespace

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

  auto words = search_words(text, CompoundForm::query);
  detail::sort_unique(words);
  if (words.size() > 64) words.resize(64);
  const auto index_ptr = impl_->search_index();
  const SearchIndex& index = *index_ptr;
  const std::size_t n = impl_->certs.size();

  std::vector<QueryWord> query;
  query.reserve(words.size());
  bool none = words.empty() || n == 0;
  for (const auto& w : words) {
    if (none) break;
    QueryWord q;
    q.len = w.size();
    std::tie(q.lo, q.hi) = index.range(w);
    q.pre = index.short_list(w);
    q.cost = q.pre != nullptr ? q.pre->ids.size() : index.post_off[q.hi] - index.post_off[q.lo];
    if (q.lo == q.hi) none = true;
    query.push_back(q);
  }

  if (!none) {
    // The rarest word drives: its matching fiches are the candidates; every other word is
    // checked on each candidate with one binary search in the candidate's sorted word ids.
    std::stable_sort(query.begin(), query.end(),
                     [](const QueryWord& a, const QueryWord& b) { return a.cost < b.cost; });
    std::vector<std::uint32_t> cand;
    std::vector<double> score;
    const QueryWord& driver = query.front();
    if (driver.pre != nullptr) {
      cand = driver.pre->ids;
      score.resize(cand.size());
      for (std::size_t k = 0; k < cand.size(); ++k) {
        score[k] = word_score(driver.len, driver.pre->minlen[k]);
      }
    } else if (driver.hi - driver.lo == 1) {
      cand.assign(index.post.begin() + index.post_off[driver.lo],
                  index.post.begin() + index.post_off[driver.hi]);
      score.assign(cand.size(), word_score(driver.len, index.word_len[driver.lo]));
    } else {
      // Several words share the prefix: keep each fiche's shortest matching word.
      thread_local std::vector<std::uint32_t> best;  // 0 between queries
      if (best.size() < n) best.assign(n, 0);
      struct Reset {  // keeps `best` all zero even if an allocation throws
        std::vector<std::uint32_t>& best;
        const std::vector<std::uint32_t>& touched;
        ~Reset() {
          for (auto f : touched) best[f] = 0;
        }
      } reset{best, cand};
      for (auto wid = driver.lo; wid < driver.hi; ++wid) {
        const auto len = index.word_len[wid];
        for (auto k = index.post_off[wid]; k < index.post_off[wid + 1]; ++k) {
          const auto f = index.post[k];
          if (best[f] == 0) {
            cand.push_back(f);
            best[f] = len;
          } else if (len < best[f]) {
            best[f] = len;
          }
        }
      }
      score.resize(cand.size());
      for (std::size_t k = 0; k < cand.size(); ++k) {
        score[k] = word_score(driver.len, best[cand[k]]);
      }
    }
    for (std::size_t qi = 1; qi < query.size() && !cand.empty(); ++qi) {
      const QueryWord& q = query[qi];
      std::size_t kept = 0;
      for (std::size_t k = 0; k < cand.size(); ++k) {
        const auto f = cand[k];
        const auto* first = index.fwd.data() + index.fwd_off[f];
        const auto* last = index.fwd.data() + index.fwd_off[f + 1];
        const auto* it = std::lower_bound(first, last, q.lo);
        if (it == last || *it >= q.hi) continue;
        std::uint32_t len = index.word_len[*it];
        for (++it; it != last && *it < q.hi; ++it) len = std::min(len, index.word_len[*it]);
        cand[kept] = f;
        score[kept] = score[k] + word_score(q.len, len);
        ++kept;
      }
      cand.resize(kept);
      score.resize(kept);
    }
    // Per-fiche bonuses.
    const double k_words = static_cast<double>(words.size());
    for (std::size_t k = 0; k < cand.size(); ++k) {
      const auto f = cand[k];
      const auto fw = index.first_word[f];
      if (std::any_of(query.begin(), query.end(),
                      [&](const QueryWord& q) { return fw >= q.lo && fw < q.hi; })) {
        score[k] += 0.5;  // the title starts with a query word
      }
      // Titles made of the query words only rank above longer ones.
      score[k] +=
          0.5 * k_words / static_cast<double>(std::max<std::uint32_t>(index.title_words[f], 1));
      score[k] += index.base[f];
      // To 1e-9, so that scores equal on paper (summed in another order) tie, and ties go by
      // code as documented.
      score[k] = std::round(score[k] * 1e9) / 1e9;
    }
    // Bounded top-k: a heap of the best `limit` candidates (worst on top).
    const auto& certs = impl_->certs;
    auto better = [&](std::uint32_t a, std::uint32_t b) {
      return score[a] != score[b] ? score[a] > score[b] : certs[cand[a]].code < certs[cand[b]].code;
    };
    const std::size_t keep = std::min(cand.size(), limit);
    std::vector<std::uint32_t> top;
    top.reserve(keep);
    for (std::uint32_t k = 0; k < cand.size(); ++k) {
      if (top.size() < keep) {
        top.push_back(k);
        std::push_heap(top.begin(), top.end(), better);
      } else if (better(k, top.front())) {
        std::pop_heap(top.begin(), top.end(), better);
        top.back() = k;
        std::push_heap(top.begin(), top.end(), better);
      }
    }
    std::sort_heap(top.begin(), top.end(), better);
    hits.reserve(top.size() + 1);
    for (auto k : top) hits.push_back(SearchHit{certs[cand[k]].code, score[k]});
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
