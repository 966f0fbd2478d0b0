// Disclosure control: primary and secondary suppression, and the recomputability checker
// (row space of the relation matrix restricted to the suppressed cells, per connected component).
#include "vaekit/analytics/disclosure.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "vaekit/core/error.hpp"

namespace vaekit {

std::size_t CellSystem::add_cell(std::int64_t value) {
  values_.push_back(value);
  suppressed_.push_back(0);
  hidden_.push_back(0);
  return values_.size() - 1;
}

std::size_t CellSystem::add_hidden_cell(std::int64_t value) {
  const std::size_t i = add_cell(value);
  suppressed_[i] = 1;
  hidden_[i] = 1;
  return i;
}

void CellSystem::add_relation(std::size_t total, std::vector<std::size_t> parts) {
  if (total >= size()) throw OutOfRange("relation total beyond the cells");
  for (std::size_t p : parts) {
    if (p >= size()) throw OutOfRange("relation part beyond the cells");
    if (p == total) throw InvalidArgument("a relation's total cannot be one of its parts");
  }
  std::sort(parts.begin(), parts.end());
  if (std::adjacent_find(parts.begin(), parts.end()) != parts.end()) {
    throw InvalidArgument("a relation lists a part twice");
  }
  relations_.push_back(Relation{total, std::move(parts)});
}

namespace {

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

std::vector<std::size_t> CellSystem::recomputable() const {
  const std::size_t n = size();
  // Each relation as the equation total - sum(parts) = 0, keeping suppressed cells only.
  struct Eq {
    std::vector<std::pair<std::size_t, double>> terms;
  };
  std::vector<Eq> eqs;
  UnionFind uf(n);
  for (const Relation& r : relations_) {
    Eq e;
    if (suppressed_[r.total]) e.terms.emplace_back(r.total, 1.0);
    for (std::size_t p : r.parts) {
      if (suppressed_[p]) e.terms.emplace_back(p, -1.0);
    }
    if (e.terms.empty()) continue;
    for (std::size_t k = 1; k < e.terms.size(); ++k) uf.unite(e.terms[0].first, e.terms[k].first);
    eqs.push_back(std::move(e));
  }
  // Group equations and suppressed cells by component.
  std::vector<std::vector<std::size_t>> comp_cells(n), comp_eqs(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (suppressed_[i]) comp_cells[uf.find(i)].push_back(i);
  }
  for (std::size_t k = 0; k < eqs.size(); ++k)
    comp_eqs[uf.find(eqs[k].terms[0].first)].push_back(k);
  std::vector<std::size_t> out;
  std::vector<std::size_t> col_of(n, 0);
  for (std::size_t root = 0; root < n; ++root) {
    const auto& cells = comp_cells[root];
    const auto& ce = comp_eqs[root];
    if (cells.empty() || ce.empty()) continue;  // no relation: a lone suppressed cell is safe
    const std::size_t cols = cells.size(), rows = ce.size();
    for (std::size_t c = 0; c < cols; ++c) col_of[cells[c]] = c;
    std::vector<double> m(rows * cols, 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
      for (const auto& [cell, coef] : eqs[ce[r]].terms) m[r * cols + col_of[cell]] += coef;
    }
    // Reduced row echelon form with partial pivoting.
    constexpr double eps = 1e-9;
    std::vector<std::size_t> pivot_col_of_row;
    std::size_t prow = 0;
    for (std::size_t c = 0; c < cols && prow < rows; ++c) {
      std::size_t best = prow;
      for (std::size_t r = prow + 1; r < rows; ++r) {
        if (std::fabs(m[r * cols + c]) > std::fabs(m[best * cols + c])) best = r;
      }
      if (std::fabs(m[best * cols + c]) < eps) continue;
      if (best != prow) {
        for (std::size_t k = 0; k < cols; ++k) std::swap(m[best * cols + k], m[prow * cols + k]);
      }
      const double pv = m[prow * cols + c];
      for (std::size_t k = 0; k < cols; ++k) m[prow * cols + k] /= pv;
      for (std::size_t r = 0; r < rows; ++r) {
        if (r == prow) continue;
        const double f = m[r * cols + c];
        if (std::fabs(f) < eps) continue;
        for (std::size_t k = 0; k < cols; ++k) m[r * cols + k] -= f * m[prow * cols + k];
      }
      pivot_col_of_row.push_back(c);
      ++prow;
    }
    // A cell is determined iff its column is a pivot whose row has no other non-zero entry.
    for (std::size_t r = 0; r < pivot_col_of_row.size(); ++r) {
      const std::size_t c = pivot_col_of_row[r];
      bool unit = true;
      for (std::size_t k = 0; k < cols && unit; ++k) {
        if (k != c && std::fabs(m[r * cols + k]) > eps) unit = false;
      }
      if (unit && !hidden_[cells[c]]) out.push_back(cells[c]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t CellSystem::protect(std::int64_t threshold) {
  for (std::size_t i = 0; i < size(); ++i) {
    if (threshold > 0 && values_[i] < threshold && !hidden_[i]) suppressed_[i] = 1;
  }
  // Relations each cell belongs to.
  std::vector<std::vector<std::size_t>> rel_of(size());
  for (std::size_t k = 0; k < relations_.size(); ++k) {
    rel_of[relations_[k].total].push_back(k);
    for (std::size_t p : relations_[k].parts) rel_of[p].push_back(k);
  }
  std::size_t secondary = 0;
  for (;;) {
    const auto bad = recomputable();
    if (bad.empty()) break;
    // Candidates: published cells sharing a relation with a recomputable cell, parts before
    // totals, then smallest first. Of the first 16, take the one leaving the fewest recomputable
    // cells (ties: the earlier candidate).
    std::vector<std::tuple<int, std::int64_t, std::size_t>> cand;
    for (std::size_t cell : bad) {
      for (std::size_t k : rel_of[cell]) {
        const Relation& r = relations_[k];
        if (!suppressed_[r.total]) cand.emplace_back(1, values_[r.total], r.total);
        for (std::size_t p : r.parts) {
          if (!suppressed_[p]) cand.emplace_back(0, values_[p], p);
        }
      }
    }
    if (cand.empty())
      throw Error(ErrorCode::internal, "secondary suppression found no cell to suppress");
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    if (cand.size() > 16) cand.resize(16);
    std::size_t best = std::get<2>(cand.front()), best_left = bad.size() + 1;
    for (const auto& c : cand) {
      const std::size_t cell = std::get<2>(c);
      suppressed_[cell] = 1;
      const std::size_t left = recomputable().size();
      suppressed_[cell] = 0;
      if (left < best_left) {
        best_left = left;
        best = cell;
      }
      if (left == 0) break;
    }
    suppressed_[best] = 1;
    ++secondary;
  }
  return secondary;
}

}  // namespace vaekit
