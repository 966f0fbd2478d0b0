#pragma once
/// @file
/// @brief Statistical disclosure control of published counts: primary suppression under a
/// threshold, secondary suppression, a checker proving that no suppressed cell can be
/// recomputed from the published cells and the additive relations between them (totals), the
/// cell-key method (record keys, cell keys, perturbation tables built like Destatis' `ptable`)
/// and a linear-programming audit of the intervals an attacker can derive (COIN-OR Clp).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vaekit {

/// Kind of an additive relation.
enum class RelationKind : std::uint8_t {
  equal,     ///< total = sum of parts.
  at_least,  ///< total >= sum of parts (e.g. a totals row that also counts unassigned cases).
};

/// An additive relation between cells: `total = sum of parts` (or `>=`), e.g. a totals row.
struct Relation {
  std::size_t total = 0;                    ///< The cell holding the total.
  std::vector<std::size_t> parts;           ///< The cells that add up to it.
  RelationKind kind = RelationKind::equal;  ///< Equality or inequality.
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
  /// Adds the relation `cell total = sum of cells parts` (RelationKind::equal) or
  /// `total >= sum of parts` (RelationKind::at_least: used by the audit, not by recomputable()).
  void add_relation(std::size_t total, std::vector<std::size_t> parts,
                    RelationKind kind = RelationKind::equal);
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

  /// Suppressed cells (hidden ones excepted) whose value can be recomputed (empty: safe) from
  /// the published cells and the equality relations.
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

// ---------------------------------------------------------------------------------------------
// The cell-key method.

/// Parameters of a perturbation table (the arguments of Destatis' `ptable::create_ptable`).
struct PTableParams {
  /// Largest absolute noise D (ptable's `D`). At least 1.
  int max_deviation = 2;
  /// Target variance V of the noise (ptable's `V`); rows where V cannot be reached with the
  /// allowed outputs get the nearest variance they allow (two-point distributions). Must be > 0.
  double variance = 1.0;
  /// Positive outputs below this are never produced (ptable's `js` + 1): published counts are 0
  /// or at least this. 0 or 1: only negative outputs are excluded.
  std::int64_t min_output = 0;
};

/// A perturbation table: for each true count i, the probabilities of the published counts
/// j in [i - D, i + D] (j >= 0, j = 0 or j >= min_output). Each row is the maximum-entropy
/// distribution with mean i (unbiased) and variance V (the construction of Giessing 2016 that
/// ptable implements); where no unbiased noise is possible (i = 0, i at the lowest allowed
/// output, or 0 < i < min_output: counts the report suppresses, never published) the row keeps i
/// unchanged. Rows from min_output + D on are the same shifted, so the
/// table holds rows 0 .. min_output + D and larger counts use the last one.
class PTable {
 public:
  /// One entry of a row: published count and its probability.
  struct Entry {
    std::int64_t to = 0;  ///< Published count.
    double p = 0;         ///< Probability.
  };
  /// Builds the table (throws InvalidArgument on bad parameters).
  explicit PTable(PTableParams params = {});
  /// The parameters.
  [[nodiscard]] const PTableParams& params() const noexcept { return params_; }
  /// The transition probabilities of true count @p i (i >= 0), published counts ascending.
  [[nodiscard]] std::vector<Entry> row(std::int64_t i) const;
  /// The published count of true count @p i for cell key @p key in [0, 1): the entry whose
  /// cumulative probability interval holds the key.
  [[nodiscard]] std::int64_t perturb(std::int64_t i, double key) const;
  /// The true counts that can give published count @p j (what an attacker knowing the table can
  /// infer), as [lo, hi].
  [[nodiscard]] std::pair<std::int64_t, std::int64_t> preimage(std::int64_t j) const;

 private:
  PTableParams params_;
  std::vector<std::vector<Entry>> rows_;  // rows 0 .. min_output + D
};

/// The record key of a record identifier (a case id): a fixed 64-bit hash, read as the fraction
/// key / 2^64 in [0, 1). The key of a cell is the sum of its records' keys modulo 2^64 (the
/// fractional part of the sum of the fractions), so it is additive and mergeable.
[[nodiscard]] std::uint64_t record_key(std::string_view id) noexcept;

/// The cell key in [0, 1) used to look up the noise of a cell whose records' keys sum to
/// @p key_sum: HMAC-SHA-256 of the sum under the publication key @p publication_key (empty: a
/// fixed public key), read as a fraction. The same records always give the same cell key under
/// the same publication key; without the key the noise cannot be predicted.
[[nodiscard]] double cell_key(std::string_view publication_key, std::uint64_t key_sum);

// ---------------------------------------------------------------------------------------------
// The audit.

/// What an attacker knows of one cell before using the relations: an interval holding its true
/// value (published exact: [v, v]; published with cell-key noise: the preimage in the p-table;
/// suppressed: [0, infinity)).
struct CellBounds {
  double lower = 0;                                        ///< Lower bound.
  double upper = std::numeric_limits<double>::infinity();  ///< Upper bound (may be infinite).
};

/// The interval an attacker derives for one suppressed cell.
struct AuditInterval {
  std::size_t cell = 0;    ///< The cell.
  double lower = 0;        ///< Smallest value consistent with everything published.
  double upper = 0;        ///< Largest (infinity: unbounded).
  std::int64_t value = 0;  ///< The true value.
  bool safe = false;       ///< Whether [lower, upper] covers the protection interval.
};

/// Audits a published system: for every suppressed, not hidden, cell, the minimum and maximum of
/// its value over the linear program "every cell within its CellBounds, every relation (equal
/// and at_least)" — the interval audit of tau-ARGUS and sdcTable, solved with COIN-OR Clp (one
/// model per connected component, the objective changed in place and re-solved warm). A cell of
/// value x is safe iff lower <= x - min(x, protection) and upper >= x + protection.
/// @p bounds has one entry per cell. Throws InvalidArgument on a size mismatch and Error
/// (internal) if the program is infeasible (the bounds do not hold the true values).
[[nodiscard]] std::vector<AuditInterval> audit_intervals(const CellSystem& sys,
                                                         const std::vector<CellBounds>& bounds,
                                                         double protection);

/// Secondary suppression until audit_intervals() finds every suppressed cell safe: while some
/// cell is unsafe, suppress the smallest published cell sharing a relation with it (parts
/// before totals), or, when all of those are suppressed already, the smallest published cell
/// nearest to it in the relation graph (breadth first), and set its bounds to [0, infinity).
/// @p published_bounds gives the bounds of a cell when published. Returns the final audit
/// (cells left unsafe only when no published cell remains in their connected component). To save
/// solves, a side of an interval already reached by a feasible point found earlier (or by the true
/// values) is reported as that witness instead of being solved: the safe flags are exact, the
/// intervals at least as wide as reported (audit_intervals() gives the exact ones).
std::vector<AuditInterval> protect_intervals(CellSystem& sys,
                                             const std::vector<CellBounds>& published_bounds,
                                             double protection);

}  // namespace vaekit
