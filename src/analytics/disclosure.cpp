// Disclosure control: primary and secondary suppression, and the recomputability checker
// (row space of the relation matrix restricted to the suppressed cells, per connected component).
#include "vaekit/analytics/disclosure.hpp"

#include <coin/Clp_C_Interface.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
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

void CellSystem::add_relation(std::size_t total, std::vector<std::size_t> parts,
                              RelationKind kind) {
  if (total >= size()) throw OutOfRange("relation total beyond the cells");
  for (std::size_t p : parts) {
    if (p >= size()) throw OutOfRange("relation part beyond the cells");
    if (p == total) throw InvalidArgument("a relation's total cannot be one of its parts");
  }
  std::sort(parts.begin(), parts.end());
  if (std::adjacent_find(parts.begin(), parts.end()) != parts.end()) {
    throw InvalidArgument("a relation lists a part twice");
  }
  relations_.push_back(Relation{total, std::move(parts), kind});
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
    if (r.kind != RelationKind::equal) continue;
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
    if (relations_[k].kind != RelationKind::equal) continue;
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

// ---------------------------------------------------------------------------------------------
// Perturbation tables.

namespace {

/// The maximum-entropy distribution over offsets @p d with mean 0 and variance @p v:
/// p_k proportional to exp(a d_k + b d_k^2), (a, b) found by damped Newton on the convex dual.
std::vector<double> max_entropy(const std::vector<double>& d, double v) {
  double a = 0, b = 0;
  std::vector<double> p(d.size());
  auto dual = [&](double aa, double bb) {
    // log Z(a, b) - b v (the mean target is 0), computed stably.
    double mx = -std::numeric_limits<double>::infinity();
    for (double x : d) mx = std::max(mx, aa * x + bb * x * x);
    double z = 0;
    for (double x : d) z += std::exp(aa * x + bb * x * x - mx);
    return mx + std::log(z) - bb * v;
  };
  for (int it = 0; it < 200; ++it) {
    double mx = -std::numeric_limits<double>::infinity();
    for (double x : d) mx = std::max(mx, a * x + b * x * x);
    double z = 0;
    for (std::size_t k = 0; k < d.size(); ++k)
      z += p[k] = std::exp(a * d[k] + b * d[k] * d[k] - mx);
    double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (std::size_t k = 0; k < d.size(); ++k) {
      p[k] /= z;
      const double x = d[k];
      m1 += p[k] * x;
      m2 += p[k] * x * x;
      m3 += p[k] * x * x * x;
      m4 += p[k] * x * x * x * x;
    }
    const double g1 = m1, g2 = m2 - v;
    if (std::fabs(g1) < 1e-13 && std::fabs(g2) < 1e-13) break;
    // Hessian: covariance of (d, d^2).
    const double h11 = m2 - m1 * m1, h12 = m3 - m1 * m2, h22 = m4 - m2 * m2;
    const double det = h11 * h22 - h12 * h12;
    if (!(det > 1e-300)) break;
    const double sa = -(h22 * g1 - h12 * g2) / det, sb = -(h11 * g2 - h12 * g1) / det;
    const double f0 = dual(a, b);
    double t = 1;
    while (t > 1e-12 && !(dual(a + t * sa, b + t * sb) <= f0 + 1e-4 * t * (g1 * sa + g2 * sb)))
      t /= 2;
    a += t * sa;
    b += t * sb;
  }
  double mx = -std::numeric_limits<double>::infinity();
  for (double x : d) mx = std::max(mx, a * x + b * x * x);
  double z = 0;
  for (std::size_t k = 0; k < d.size(); ++k) z += p[k] = std::exp(a * d[k] + b * d[k] * d[k] - mx);
  for (double& x : p) x /= z;
  return p;
}

}  // namespace

PTable::PTable(PTableParams params) : params_(params) {
  const int D = params_.max_deviation;
  if (D < 1 || D > 1000) throw InvalidArgument("the p-table's maximum deviation must be 1-1000");
  if (!(params_.variance > 0) || !std::isfinite(params_.variance))
    throw InvalidArgument("the p-table's variance must be > 0");
  if (params_.min_output < 0 || params_.min_output > 1'000'000)
    throw InvalidArgument("the p-table's min_output must be 0-1000000");
  const std::int64_t js = std::max<std::int64_t>(params_.min_output, 1);
  const std::int64_t last = js + D;
  rows_.resize(static_cast<std::size_t>(last) + 1);
  rows_[0] = {Entry{0, 1.0}};
  for (std::int64_t i = 1; i <= last; ++i) {
    std::vector<std::int64_t> allowed;
    for (std::int64_t j = i - D; j <= i + D; ++j) {
      if (j == 0 || j >= js) allowed.push_back(j);
    }
    auto& row = rows_[static_cast<std::size_t>(i)];
    if (allowed.empty() || !(allowed.front() < i && i < allowed.back())) {
      // No unbiased noise possible (counts under min_output: never published, suppressed).
      row = {Entry{i, 1.0}};
      continue;
    }
    const std::int64_t lo = allowed.front(), hi = allowed.back();
    auto two_point = [&](std::int64_t a, std::int64_t b) {
      const double pa = static_cast<double>(b - i) / static_cast<double>(b - a);
      row = {Entry{a, pa}, Entry{b, 1 - pa}};
    };
    // With mean i the variance is at most (i - lo)(hi - i) (all mass on the two ends), and at
    // least 0 when i itself is allowed, else (i - below)(above - i) (the two nearest outputs).
    const double vmax = static_cast<double>(i - lo) * static_cast<double>(hi - i);
    if (params_.variance >= vmax * (1 - 1e-9)) {
      two_point(lo, hi);
      continue;
    }
    if (!std::binary_search(allowed.begin(), allowed.end(), i)) {
      const auto above = std::upper_bound(allowed.begin(), allowed.end(), i);
      const std::int64_t b = *above, a = *(above - 1);
      const double vmin = static_cast<double>(i - a) * static_cast<double>(b - i);
      if (params_.variance <= vmin * (1 + 1e-9)) {
        two_point(a, b);
        continue;
      }
    }
    std::vector<double> d;
    for (std::int64_t j : allowed) d.push_back(static_cast<double>(j - i));
    const std::vector<double> p = max_entropy(d, params_.variance);
    for (std::size_t k = 0; k < allowed.size(); ++k) {
      if (p[k] > 1e-15) row.push_back(Entry{allowed[k], p[k]});
    }
  }
}

std::vector<PTable::Entry> PTable::row(std::int64_t i) const {
  if (i < 0) throw InvalidArgument("a count cannot be negative");
  const auto last = static_cast<std::int64_t>(rows_.size()) - 1;
  if (i <= last) return rows_[static_cast<std::size_t>(i)];
  std::vector<Entry> r = rows_.back();
  for (Entry& e : r) e.to += i - last;
  return r;
}

std::int64_t PTable::perturb(std::int64_t i, double key) const {
  const auto r = row(i);
  double cum = 0;
  for (const Entry& e : r) {
    cum += e.p;
    if (key < cum) return e.to;
  }
  return r.back().to;
}

std::pair<std::int64_t, std::int64_t> PTable::preimage(std::int64_t j) const {
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = -1;
  const std::int64_t D = params_.max_deviation;
  for (std::int64_t i = std::max<std::int64_t>(0, j - D); i <= j + D; ++i) {
    for (const Entry& e : row(i)) {
      if (e.to == j && e.p > 0) {
        lo = std::min(lo, i);
        hi = std::max(hi, i);
      }
    }
  }
  if (hi < 0) throw InvalidArgument("no count gives this published value");
  return {lo, hi};
}

std::uint64_t record_key(std::string_view id) noexcept {
  // FNV-1a, then the splitmix64 finaliser: well spread, fixed across runs and machines.
  std::uint64_t h = 1469598103934665603ull;
  for (char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

double cell_key(std::string_view publication_key, std::uint64_t key_sum) {
  static constexpr std::string_view public_key = "vaekit cell key: no publication key";
  const std::string_view key = publication_key.empty() ? public_key : publication_key;
  std::array<unsigned char, 24> msg{'v', 'a', 'e', 'k', 'i', 't', '-', 'c',
                                    'e', 'l', 'l', '-', 'k', 'e', 'y', ':'};
  for (std::size_t b = 0; b < 8; ++b) msg[16 + b] = static_cast<unsigned char>(key_sum >> (8 * b));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), msg.data(), msg.size(), md,
           &len) == nullptr) {
    throw Error(ErrorCode::internal, "HMAC-SHA-256 failed");
  }
  std::uint64_t v = 0;
  for (std::size_t b = 0; b < 8; ++b) v = (v << 8) | md[b];
  return static_cast<double>(v >> 11) * 0x1.0p-53;
}

// ---------------------------------------------------------------------------------------------
// The audit (COIN-OR Clp).

namespace {

struct ClpDeleter {
  void operator()(Clp_Simplex* m) const { Clp_deleteModel(m); }
};

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

namespace {

/// audit_intervals() restricted to the suppressed cells with @p only[cell] set (all when empty).
/// With @p exact false, a side of a cell's interval is not solved for when a solution already
/// found (or the true values) reaches the protection interval on that side: the cell is then
/// proven safe on that side and the side reported is that witness, not the LP bound.
std::vector<AuditInterval> audit_some(const CellSystem& sys, const std::vector<CellBounds>& bounds,
                                      double protection, const std::vector<std::uint8_t>& only,
                                      bool exact = true) {
  const std::size_t n = sys.size();
  if (bounds.size() != n) throw InvalidArgument("audit: one bounds entry per cell is needed");
  // Cells known exactly (published without noise) are constants: they move to the right-hand
  // side and do not link components. The others (withheld, noisy, hidden) are the unknowns;
  // components of the relation graph over them are solved separately.
  std::vector<std::uint8_t> fixed(n);
  for (std::size_t i = 0; i < n; ++i) fixed[i] = bounds[i].lower == bounds[i].upper;
  UnionFind uf(n);
  std::vector<std::size_t> first_free(sys.relations().size(), n);
  for (std::size_t k = 0; k < sys.relations().size(); ++k) {
    const Relation& r = sys.relations()[k];
    std::size_t first = fixed[r.total] ? n : r.total;
    for (std::size_t p : r.parts) {
      if (fixed[p]) continue;
      if (first == n) {
        first = p;
      } else {
        uf.unite(first, p);
      }
    }
    first_free[k] = first;
  }
  std::vector<std::vector<std::size_t>> comp_cells(n), comp_rels(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!fixed[i]) comp_cells[uf.find(i)].push_back(i);
  }
  for (std::size_t k = 0; k < sys.relations().size(); ++k) {
    if (first_free[k] != n) comp_rels[uf.find(first_free[k])].push_back(k);
  }
  std::vector<AuditInterval> out;
  std::vector<int> col_of(n, -1);
  for (std::size_t root = 0; root < n; ++root) {
    const auto& cells = comp_cells[root];
    std::vector<std::size_t> targets;
    for (std::size_t c : cells) {
      if (sys.suppressed(c) && !sys.hidden(c) && (only.empty() || only[c])) targets.push_back(c);
    }
    if (targets.empty()) continue;
    const auto& rels = comp_rels[root];
    if (rels.empty()) {  // no relation: the attacker knows only the bounds
      for (std::size_t c : targets) {
        AuditInterval a{c, bounds[c].lower, bounds[c].upper, sys.value(c), false};
        out.push_back(a);
      }
      continue;
    }
    // Column-major constraint matrix: column = cell, row = relation.
    const int ncols = static_cast<int>(cells.size()), nrows = static_cast<int>(rels.size());
    for (int c = 0; c < ncols; ++c) col_of[cells[static_cast<std::size_t>(c)]] = c;
    std::vector<std::vector<std::pair<int, double>>> col_entries(cells.size());
    std::vector<double> constant(rels.size(), 0.0);  // of the fixed cells, per row
    for (int r = 0; r < nrows; ++r) {
      const Relation& rel = sys.relations()[rels[static_cast<std::size_t>(r)]];
      auto term = [&](std::size_t cell, double coef) {
        if (fixed[cell]) {
          constant[static_cast<std::size_t>(r)] += coef * bounds[cell].lower;
        } else {
          col_entries[static_cast<std::size_t>(col_of[cell])].emplace_back(r, coef);
        }
      };
      term(rel.total, 1.0);
      for (std::size_t p : rel.parts) term(p, -1.0);
    }
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
    for (const auto& ce : col_entries) {
      for (const auto& [r, v] : ce) {
        index.push_back(r);
        value.push_back(v);
      }
      start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    std::vector<double> collb(cells.size()), colub(cells.size()), obj(cells.size(), 0.0);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      collb[c] = bounds[cells[c]].lower;
      colub[c] = std::isfinite(bounds[cells[c]].upper) ? bounds[cells[c]].upper
                                                       : std::numeric_limits<double>::max();
    }
    std::vector<double> rowlb(rels.size(), 0.0), rowub(rels.size());
    for (std::size_t r = 0; r < rels.size(); ++r) {
      rowlb[r] = -constant[r];
      rowub[r] = sys.relations()[rels[r]].kind == RelationKind::equal
                     ? -constant[r]
                     : std::numeric_limits<double>::max();
    }
    std::unique_ptr<Clp_Simplex, ClpDeleter> model(Clp_newModel());
    Clp_setLogLevel(model.get(), 0);
    Clp_loadProblem(model.get(), ncols, nrows, start.data(), index.data(), value.data(),
                    collb.data(), colub.data(), obj.data(), rowlb.data(), rowub.data());
    double* objective = Clp_objective(model.get());
    auto solve = [&](std::size_t target, double sense) -> double {
      std::fill(objective, objective + ncols, 0.0);
      objective[col_of[target]] = 1.0;
      Clp_setObjSense(model.get(), sense);
      Clp_primal(model.get(), 0);
      const int status = Clp_status(model.get());
      if (status == 2) return sense < 0 ? kInf : -kInf;  // unbounded
      if (status != 0) {
        // Retry from scratch once (numerical trouble), then give up loudly.
        Clp_initialSolve(model.get());
        if (Clp_status(model.get()) == 2) return sense < 0 ? kInf : -kInf;
        if (Clp_status(model.get()) != 0)
          throw Error(ErrorCode::internal, "disclosure audit: the linear program has no solution");
      }
      return Clp_getColSolution(model.get())[col_of[target]];
    };
    // Smallest and largest value of each column over the feasible points seen (the true values
    // are one).
    std::vector<double> lo_seen(cells.size()), hi_seen(cells.size());
    for (std::size_t c = 0; c < cells.size(); ++c)
      lo_seen[c] = hi_seen[c] = static_cast<double>(sys.value(cells[c]));
    auto record = [&](double v) {
      if (std::isfinite(v)) {
        const double* x = Clp_getColSolution(model.get());
        for (std::size_t c = 0; c < cells.size(); ++c) {
          lo_seen[c] = std::min(lo_seen[c], x[c]);
          hi_seen[c] = std::max(hi_seen[c], x[c]);
        }
      }
      return v;
    };
    for (std::size_t c : targets) {
      AuditInterval a;
      a.cell = c;
      a.value = sys.value(c);
      const auto x = static_cast<double>(a.value);
      const auto col = static_cast<std::size_t>(col_of[c]);
      const double want_lo = x - std::min(x, protection) + 1e-7, want_hi = x + protection - 1e-7;
      a.lower = !exact && lo_seen[col] <= want_lo ? lo_seen[col] : record(solve(c, 1.0));
      a.upper = !exact && hi_seen[col] >= want_hi ? hi_seen[col] : record(solve(c, -1.0));
      // Round away the solver's tolerance (values are counts).
      if (std::fabs(a.lower - std::round(a.lower)) < 1e-6) a.lower = std::round(a.lower);
      if (std::fabs(a.upper - std::round(a.upper)) < 1e-6) a.upper = std::round(a.upper);
      out.push_back(a);
    }
    for (std::size_t c : cells) col_of[c] = -1;
  }
  for (AuditInterval& a : out) {
    const auto x = static_cast<double>(a.value);
    a.safe = a.lower <= x - std::min(x, protection) && a.upper >= x + protection;
  }
  std::sort(out.begin(), out.end(),
            [](const AuditInterval& a, const AuditInterval& b) { return a.cell < b.cell; });
  return out;
}

}  // namespace

std::vector<AuditInterval> audit_intervals(const CellSystem& sys,
                                           const std::vector<CellBounds>& bounds,
                                           double protection) {
  return audit_some(sys, bounds, protection, {});
}

namespace {

/// When every cell sharing a relation with @p from is already withheld yet @p from is still
/// pinned (through a longer chain of relations), the published cell of smallest value among the
/// nearest ones in the relation graph (breadth first): withholding it widens the chain. n when
/// the whole connected component is withheld.
std::size_t nearest_published(const CellSystem& sys,
                              const std::vector<std::vector<std::size_t>>& rel_of,
                              std::size_t from) {
  const std::size_t n = sys.size();
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::size_t> layer{from};
  seen[from] = 1;
  while (!layer.empty()) {
    std::vector<std::size_t> next;
    std::size_t best = n;
    for (std::size_t c : layer) {
      for (std::size_t k : rel_of[c]) {
        const Relation& r = sys.relations()[k];
        auto visit = [&](std::size_t x) {
          if (seen[x]) return;
          seen[x] = 1;
          next.push_back(x);
          if (!sys.suppressed(x) && (best == n || sys.value(x) < sys.value(best))) best = x;
        };
        visit(r.total);
        for (std::size_t p : r.parts) visit(p);
      }
    }
    if (best != n) return best;
    layer = std::move(next);
  }
  return n;
}

}  // namespace

std::vector<AuditInterval> protect_intervals(CellSystem& sys,
                                             const std::vector<CellBounds>& published_bounds,
                                             double protection) {
  const std::size_t n = sys.size();
  if (published_bounds.size() != n)
    throw InvalidArgument("protect_intervals: one bounds entry per cell is needed");
  std::vector<std::vector<std::size_t>> rel_of(n);
  for (std::size_t k = 0; k < sys.relations().size(); ++k) {
    rel_of[sys.relations()[k].total].push_back(k);
    for (std::size_t p : sys.relations()[k].parts) rel_of[p].push_back(k);
  }
  auto current_bounds = [&] {
    std::vector<CellBounds> b(n);
    for (std::size_t i = 0; i < n; ++i)
      b[i] = sys.suppressed(i) ? CellBounds{} : published_bounds[i];
    return b;
  };
  // Suppressing a cell only relaxes its bounds, so intervals only widen: a safe cell stays safe
  // and each round re-audits the cells that were not (and the newly suppressed ones).
  std::vector<AuditInterval> audit = audit_some(sys, current_bounds(), protection, {}, false);
  for (;;) {
    bool changed = false;
    std::vector<std::uint8_t> taken(n, 0), redo(n, 0);
    for (const AuditInterval& a : audit) {
      if (a.safe) continue;
      redo[a.cell] = 1;
      // The smallest published neighbour (parts before totals) of this unsafe cell.
      std::tuple<int, std::int64_t, std::size_t> best{2, 0, n};
      for (std::size_t k : rel_of[a.cell]) {
        const Relation& r = sys.relations()[k];
        if (!sys.suppressed(r.total))
          best = std::min(
              best, std::tuple<int, std::int64_t, std::size_t>{1, sys.value(r.total), r.total});
        for (std::size_t p : r.parts) {
          if (!sys.suppressed(p))
            best = std::min(best, std::tuple<int, std::int64_t, std::size_t>{0, sys.value(p), p});
        }
      }
      std::size_t cell = std::get<2>(best);
      if (cell == n) cell = nearest_published(sys, rel_of, a.cell);
      if (cell == n || taken[cell]) continue;
      taken[cell] = 1;
      redo[cell] = 1;
      sys.suppress(cell);
      changed = true;
    }
    if (!changed) return audit;
    std::map<std::size_t, AuditInterval> merged;
    for (const AuditInterval& a : audit) merged[a.cell] = a;
    for (const AuditInterval& a : audit_some(sys, current_bounds(), protection, redo, false))
      merged[a.cell] = a;
    audit.clear();
    for (const auto& [cell, a] : merged) audit.push_back(a);
  }
}

}  // namespace vaekit
