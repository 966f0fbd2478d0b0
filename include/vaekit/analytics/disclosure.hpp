#pragma once
/// @file
/// @brief Statistical disclosure control of published counts: primary suppression under a
/// threshold, secondary suppression, and a checker proving that no suppressed cell can be
/// recomputed from the published cells and the additive relations between them (totals).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vaekit {

/// An additive relation between published cells: `total = sum of parts`, e.g. a totals row.
struct Relation {
  std::size_t total = 0;           ///< The cell holding the total.
  std::vector<std::size_t> parts;  ///< The cells that add up to it.
};

/// A set of non-negative counts (cells) with the additive relations an attacker knows, and which
/// cells are suppressed (not published).
///
/// A suppressed cell is *recomputable* when its value is the same in every real solution of the
/// relations given the published cells, i.e. when the unit vector of the cell lies in the row
/// space of the relation matrix restricted to the suppressed cells. For a two-way table with its
/// margins this is the classic rule: a suppressed cell is protected iff it lies on a cycle of
/// the bipartite row/column graph of suppressed cells (margins included).
class CellSystem {
 public:
  /// Adds a cell of value @p value (not suppressed); returns its index.
  std::size_t add_cell(std::int64_t value);
  /// Adds a hidden cell: an unpublished intermediate sum (e.g. "all appointments of a month")
  /// that links relations; it is suppressed but needs no protection. Returns its index.
  std::size_t add_hidden_cell(std::int64_t value);
  /// Whether cell @p i is hidden (see add_hidden_cell()).
  [[nodiscard]] bool hidden(std::size_t i) const { return hidden_.at(i) != 0; }
  /// Adds the relation `cell total = sum of cells parts`.
  void add_relation(std::size_t total, std::vector<std::size_t> parts);
  /// Number of cells.
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  /// Value of cell @p i.
  [[nodiscard]] std::int64_t value(std::size_t i) const { return values_.at(i); }
  /// Whether cell @p i is suppressed.
  [[nodiscard]] bool suppressed(std::size_t i) const { return suppressed_.at(i) != 0; }
  /// Suppresses cell @p i.
  void suppress(std::size_t i) { suppressed_.at(i) = 1; }
  /// The relations.
  [[nodiscard]] const std::vector<Relation>& relations() const noexcept { return relations_; }

  /// Suppressed cells (hidden ones excepted) whose value can be recomputed (empty: safe).
  [[nodiscard]] std::vector<std::size_t> recomputable() const;

  /// Primary suppression (every cell with value < @p threshold; nothing when threshold <= 0),
  /// then secondary suppression: while some suppressed cell is recomputable, also suppress a
  /// published cell sharing a relation with it — of the 16 first candidates in the order (parts
  /// before totals, smallest value, lowest index), the one leaving the fewest recomputable cells.
  /// Ends with recomputable() empty. Returns the number of secondary suppressions.
  std::size_t protect(std::int64_t threshold);

 private:
  std::vector<std::int64_t> values_;
  std::vector<std::uint8_t> suppressed_;
  std::vector<std::uint8_t> hidden_;
  std::vector<Relation> relations_;
};

}  // namespace vaekit
