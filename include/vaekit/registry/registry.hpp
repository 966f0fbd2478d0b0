#pragma once
/// @file
/// @brief Registry: the certifications of one snapshot of the RNCP/RS exports, imported from the
/// real formats (CSV export zip, XML export v4.1 plain or zipped, vaekit JSON), with look-up by
/// code, replacement chains, filters and accent-insensitive ranked search.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/reject.hpp"
#include "vaekit/core/text.hpp"
#include "vaekit/registry/certification.hpp"
#include "vaekit/registry/rome.hpp"

namespace vaekit {

/// A file format Registry::load() reads.
enum class RegistryFormat : std::uint8_t {
  automatic,  ///< Told from the content: zip of CSV parts, zip of XML, XML, or JSON.
  csv_zip,    ///< The CSV export zip (`export-fiches-csv-AAAA-MM-JJ.zip`, ten `;` separated parts).
  xml,        ///< The XML export v4.1 (RNCP or RS), plain or zipped.
  json,       ///< vaekit's own `Registry.1` document.
};

/// The stable name of a RegistryFormat, e.g. "csv_zip".
[[nodiscard]] std::string_view to_string(RegistryFormat format) noexcept;

/// A part of a CSV export zip is decompressed in memory: a part declaring or inflating to more
/// than this many bytes (1 GiB) is refused
/// (ParseError in strict mode, a reject naming the part in lenient mode).
inline constexpr std::uint64_t kMaxCsvPartBytes = std::uint64_t{1} << 30;
/// A CSV part inflating to more than kMaxCsvInflation times its compressed size, once past
/// kCsvInflationFloor bytes, is refused as a zip bomb (CSV text compresses 5-20 times).
inline constexpr std::uint64_t kMaxCsvInflation = 100;
/// Below this many inflated bytes (16 MiB) the inflation ratio of a CSV part is not checked.
inline constexpr std::uint64_t kCsvInflationFloor = std::uint64_t{16} << 20;

/// How to read an export.
struct LoadOptions {
  /// Strict (default): the first bad record throws ParseError with file, line (or XML element
  /// path) and field. Lenient: bad records go to Registry::rejects() and reading goes on.
  bool strict = true;
  /// The format; automatic detects it from the first bytes (and the zip entries).
  RegistryFormat format = RegistryFormat::automatic;
  /// XML export: parsing threads. 0 (default) uses std::thread::hardware_concurrency(); 1 reads
  /// sequentially. The result (certifications, order, rejects, errors and their lines) is the
  /// same whatever the number.
  unsigned threads = 0;
  /// XML export: size of the chunks parsed in parallel (cut before a `<FICHE>`); 0 (default)
  /// means 512 KB. Inputs smaller than one chunk are read sequentially.
  std::size_t chunk_bytes = 0;
};

/// What an import read: `read == accepted + rejected` always holds.
struct ImportStats {
  std::size_t read = 0;      ///< Records read (fiches, plus one per whole-file problem).
  std::size_t accepted = 0;  ///< Records kept.
  std::size_t rejected = 0;  ///< Records in Registry::rejects().
};

/// A problem found in the replacement links.
struct LinkIssue {
  /// The kind of problem.
  enum class Kind : std::uint8_t {
    dangling,  ///< A link names a certification absent from the registry.
    cycle,     ///< Following replacements comes back to a certification already visited.
  };
  Kind kind = Kind::dangling;  ///< The kind.
  std::string from;            ///< The certification holding the link.
  std::string to;              ///< The certification it names.
  /// Equality of every field.
  friend bool operator==(const LinkIssue&, const LinkIssue&) = default;
};

/// The stable name of a LinkIssue::Kind: "dangling" or "cycle".
[[nodiscard]] std::string_view to_string(LinkIssue::Kind kind) noexcept;

/// The result of following replacement chains from one certification.
struct Succession {
  std::string code;                ///< Where the walk started.
  std::vector<std::string> chain;  ///< Every certification visited after @ref code, in BFS order.
  std::vector<std::string> successors;  ///< Ends of the chains (no further replacement), sorted.
  std::vector<LinkIssue> issues;        ///< Dangling links and cycles met (not looped on).
};

/// One search result.
struct SearchHit {
  std::string code;    ///< The certification code.
  double score = 0.0;  ///< Higher is better; only the order is meaningful.
};

/// Criteria of Registry::filter(); empty criteria match everything. All criteria must hold.
struct CertificationFilter {
  std::optional<int> min_level;          ///< Level at least this (fiches without level fail).
  std::optional<int> max_level;          ///< Level at most this (fiches without level fail).
  std::optional<std::string> certifier;  ///< A certifier SIRET (or an exact certifier name).
  std::optional<std::string> rome;       ///< A ROME code among the fiche's ROME codes.
  std::optional<bool> vae_accessible;    ///< VAE accessibility.
  std::optional<bool> active;            ///< The snapshot's active flag.
  std::optional<Date> registered_on;  ///< Registered on this date (Certification::registered_on).
  std::optional<RegistryKind> kind;   ///< RNCP or RS.
};

/// The certifications of one registry snapshot, indexed by code.
///
/// Readers detect the format; links recorded on one side only are mirrored on the other (A
/// replaced by B implies B replaces A). Copying a Registry copies its certifications.
/// Queries are const and thread-safe once loaded.
class Registry {
 public:
  /// JSON schema name.
  static constexpr std::string_view schema_name = "Registry";
  /// JSON schema version.
  static constexpr int schema_version = 1;

  /// An empty registry.
  Registry();
  /// A registry of @p certifications; throws InvalidArgument on a duplicate or malformed code.
  explicit Registry(std::vector<Certification> certifications);
  ~Registry();                                     ///< Destroys the registry.
  Registry(const Registry& other);                 ///< Copies the certifications.
  Registry& operator=(const Registry& other);      ///< Copies the certifications.
  Registry(Registry&& other) noexcept;             ///< Moves.
  Registry& operator=(Registry&& other) noexcept;  ///< Moves.

  /// Reads an export or a vaekit JSON file; throws IoError, ParseError (strict mode).
  static Registry load(const std::filesystem::path& path, const LoadOptions& options = {});
  /// Reads an export held in memory (@p data: the bytes of a zip, XML or JSON file); @p source
  /// names it in errors.
  static Registry read(std::string_view data, std::string_view source,
                       const LoadOptions& options = {});

  /// The number of certifications.
  [[nodiscard]] std::size_t size() const noexcept;
  /// Whether there are none.
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  /// Every certification, in import order.
  [[nodiscard]] const std::vector<Certification>& certifications() const noexcept;
  /// Iteration over the certifications.
  [[nodiscard]] std::vector<Certification>::const_iterator begin() const noexcept;
  /// Iteration over the certifications.
  [[nodiscard]] std::vector<Certification>::const_iterator end() const noexcept;
  /// Whether @p code is present (codes are found in any case: "rncp36004" is RNCP36004).
  [[nodiscard]] bool contains(std::string_view code) const noexcept;
  /// The certification @p code, or nullptr.
  [[nodiscard]] const Certification* find(std::string_view code) const noexcept;
  /// The certification @p code; throws NotFound carrying the code.
  [[nodiscard]] const Certification& get(std::string_view code) const;
  /// Adds @p cert; throws InvalidArgument if its code is malformed or already present.
  void add(Certification cert);
  /// Adds every certification of @p other (e.g. the RS export next to the RNCP one) and its
  /// rejects; throws InvalidArgument on a code present in both.
  void merge(const Registry& other);

  /// Records left out by a lenient import.
  [[nodiscard]] const std::vector<Reject>& rejects() const noexcept;
  /// Counts of the import(s) that built this registry.
  [[nodiscard]] const ImportStats& import_stats() const noexcept;
  /// The format it was read from (automatic when built in memory).
  [[nodiscard]] RegistryFormat source_format() const noexcept;

  /// The certifications at the end of every replacement chain starting at @p code (sorted): A
  /// replaced by B replaced by C gives C. A certification never replaced gives an empty list.
  /// Chains cross registries (RNCP19468 → RS6117). A dangling link's target counts as an end (it
  /// is the newest known); cycles are cut. See succession() for the issues. Throws NotFound if
  /// @p code is unknown.
  [[nodiscard]] std::vector<std::string> successors(std::string_view code) const;
  /// Like successors(), keeping only the ends that are present, active and (if @p vae_only)
  /// VAE-accessible: what a counsellor can still offer.
  [[nodiscard]] std::vector<std::string> active_successors(std::string_view code,
                                                           bool vae_only = false) const;
  /// The full walk from @p code: chain, ends, dangling links and cycles.
  [[nodiscard]] Succession succession(std::string_view code) const;
  /// Every certification @p code replaces, directly or not (sorted); throws NotFound.
  [[nodiscard]] std::vector<std::string> predecessors(std::string_view code) const;
  /// Every dangling link and cycle of the registry.
  [[nodiscard]] std::vector<LinkIssue> link_issues() const;

  /// Certifications matching @p filter, in import order.
  [[nodiscard]] std::vector<const Certification*> filter(const CertificationFilter& filter) const;
  /// Certifications listing the ROME code @p rome, in import order.
  [[nodiscard]] std::vector<const Certification*> for_rome(std::string_view rome) const;
  /// Certifications listing @p rome or a code sharing its v3 parent in @p catalog (ROME v4 split
  /// some v3 codes); each once, direct matches first.
  [[nodiscard]] std::vector<const Certification*> for_rome(std::string_view rome,
                                                           const RomeCatalog& catalog) const;

  /// Ranked word search in titles, short types, codes and ROME codes and labels: accent-, case-
  /// and punctuation-insensitive (utf8proc normalisation); each query word must match a word of
  /// the fiche or be a prefix of one ("aide medico psycho" finds "Aide médico-psychologique");
  /// hyphenated and joined compounds match each other ("agroalimentaire" and
  /// "agro-alimentaire", CompoundForm); an exact code, in any case, ranks first. Best first, at
  /// most @p limit hits.
  [[nodiscard]] std::vector<SearchHit> search(std::string_view text, std::size_t limit = 10) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  friend struct RegistryAccess;
};

/// The JSON form of a Registry: `{"certifications": [...]}` (no schema tag; see to_document()).
void to_json(Json& j, const Registry& r);
/// Reads a Registry; throws ParseError naming the field, InvalidArgument on duplicates.
void from_json(const Json& j, Registry& r);

}  // namespace vaekit
