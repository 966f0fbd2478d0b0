#pragma once
/// @file
/// @brief The ROME v4 job list (France Travail's référentiel des codes ROME): code, label and the
/// v3 parent code shared by the v4 codes that split an old one.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vaekit {

/// One ROME v4 job code.
struct RomeJob {
  std::string code;         ///< code_rome, e.g. "K1306".
  std::string label;        ///< libelle_rome.
  std::string parent_code;  ///< code_rome_parent: the ROME v3 code it derives from (may be itself).
  /// Equality of every field.
  friend bool operator==(const RomeJob&, const RomeJob&) = default;
};

/// The ROME v4 list, looked up by code and by v3 parent.
class RomeCatalog {
 public:
  /// An empty catalogue.
  RomeCatalog() = default;
  /// A catalogue of @p jobs; throws InvalidArgument on a duplicate code.
  explicit RomeCatalog(std::vector<RomeJob> jobs);
  /// Reads the France Travail CSV (`referentiel_code_rome_v4xx.csv`: comma-separated, quoted,
  /// columns code_rome, libelle_rome, code_rome_parent among others); throws IoError or
  /// ParseError with the line and column name.
  static RomeCatalog load_csv(const std::filesystem::path& path);
  /// Like load_csv() on text already in memory; @p source names it in errors.
  static RomeCatalog read_csv(std::string_view text, std::string_view source = "<string>");

  /// The number of codes.
  [[nodiscard]] std::size_t size() const noexcept { return jobs_.size(); }
  /// Every job, in file order.
  [[nodiscard]] const std::vector<RomeJob>& jobs() const noexcept { return jobs_; }
  /// The job @p code, or nullptr.
  [[nodiscard]] const RomeJob* find(std::string_view code) const noexcept;
  /// The job @p code; throws NotFound.
  [[nodiscard]] const RomeJob& get(std::string_view code) const;
  /// The codes sharing @p code's v3 parent, @p code included, sorted; just {code} when the code
  /// is unknown.
  [[nodiscard]] std::vector<std::string> siblings(std::string_view code) const;

 private:
  std::vector<RomeJob> jobs_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_parent_;
};

}  // namespace vaekit
