#pragma once
/// @file
/// @brief The builder of every publication: the cells of its tables, their record keys and
/// relations, protected once with PublishOptions (suppression or cell-key noise, secondary
/// suppression, interval audit). The activity report is built in one (with its annexes:
/// employment after the jury, funding), and so are the stand-alone employment and funding tables.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/core/json.hpp"

namespace vaekit {

/// The counts of a publication with what disclosure control decided about each: built cell by
/// cell (add()), related (relate(), or system() for relations true by definition), then
/// protect()ed once with PublishOptions (ActivityReport::publish() builds the report in one).
class PublishedCells {
 public:
  /// Adds a count @p value whose records' keys sum to @p key_sum (record_key() of each case,
  /// added modulo 2^64), labelled {"table", "row", "column"}; returns its index in cells().
  std::size_t add(std::uint64_t value, std::uint64_t key_sum, std::string_view table, Json row,
                  std::string_view column);
  /// Adds a count with its label already made ({"table", "row", "column"}); returns its index.
  std::size_t add(std::uint64_t value, std::uint64_t key_sum, Json label);
  /// Adds a hidden cell: an unpublished intermediate sum linking relations (see
  /// CellSystem::add_hidden_cell()); returns its index.
  std::size_t add_hidden(std::int64_t value);
  /// Adds the relation total = sum of parts (RelationKind::equal) or total >= sum of parts
  /// (at_least) when it holds in the data (a relation that does not hold is left out: an
  /// attacker assuming it would compute a wrong value). Give only relations true by definition:
  /// an equality that merely happens to hold (e.g. answered = employed_before in a small row)
  /// would let the audit assume the attacker knows it and pin withheld cells.
  void relate(std::size_t total, std::vector<std::size_t> parts,
              RelationKind kind = RelationKind::equal);
  /// The disclosure system being built, for relations that hold by definition (added as they
  /// are, unchecked); relate() for those that must be checked against the data.
  [[nodiscard]] CellSystem& system() noexcept { return cells_; }
  /// Number of cells (hidden ones included).
  [[nodiscard]] std::size_t size() const noexcept { return labels_.size(); }
  /// Protects the cells with @p options (threshold 0: exact figures; suppression; cell-key:
  /// counts under the threshold suppressed, noise on the others from the p-table and the cell
  /// key), secondary suppression until the interval audit finds every withheld count safe at
  /// options.protection. Throws InvalidArgument on a negative threshold or protection.
  void protect(const PublishOptions& options);

  /// The published value of cell @p i, or std::nullopt when it is withheld (after protect()).
  [[nodiscard]] std::optional<std::int64_t> published(std::size_t i) const;
  /// The true value of cell @p i (internal: never publish it).
  [[nodiscard]] std::int64_t value(std::size_t i) const { return cells_.value(i); }
  /// The disclosure system: every count, the relations, which cells are suppressed.
  [[nodiscard]] const CellSystem& cells() const noexcept { return cells_; }
  /// What an attacker knows of each cell from the published figures (after protect()).
  [[nodiscard]] const std::vector<CellBounds>& bounds() const noexcept { return bounds_; }
  /// The label of each cell: {"table", "row", "column"}.
  [[nodiscard]] const std::vector<Json>& labels() const noexcept { return labels_; }
  /// The audit made by protect() (empty for exact figures).
  [[nodiscard]] const std::vector<AuditInterval>& audit_result() const noexcept { return audit_; }
  /// The withheld cells, in cell order (after protect()).
  [[nodiscard]] std::vector<SuppressedCell> suppressed() const;
  /// The options used by protect() (the key cleared).
  [[nodiscard]] const PublishOptions& options() const noexcept { return options_; }
  /// Moves the system, labels, published values, bounds and audit into @p report (its `cells`,
  /// `labels`, `published`, `bounds` and `audit_result`), after protect(): the activity report
  /// is built in a PublishedCells like every publication. Leaves this object empty.
  void move_into(PublishedReport& report) &&;
  /// Re-runs the interval audit at protection level @p protection.
  [[nodiscard]] std::vector<AuditInterval> audit(double protection) const {
    return audit_intervals(cells_, bounds_, protection);
  }

 private:
  CellSystem cells_;
  std::vector<std::uint64_t> keys_;
  std::vector<Json> labels_;
  std::vector<std::int64_t> published_;
  std::vector<CellBounds> bounds_;
  std::vector<AuditInterval> audit_;
  PublishOptions options_;
};

/// The ratio @p num / @p den of two published counts, or std::nullopt when either is withheld
/// or the denominator is 0: a rate derived from a suppressed count is suppressed too.
[[nodiscard]] std::optional<double> published_rate(std::optional<std::int64_t> num,
                                                   std::optional<std::int64_t> den);

}  // namespace vaekit
