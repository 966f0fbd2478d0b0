#include "vaekit/analytics/published_cells.hpp"

#include <algorithm>
#include <utility>

#include "vaekit/core/error.hpp"

namespace vaekit {

std::size_t PublishedCells::add(std::uint64_t value, std::uint64_t key_sum, std::string_view table,
                                Json row, std::string_view column) {
  keys_.push_back(key_sum);
  labels_.push_back(Json{{"table", table}, {"row", std::move(row)}, {"column", column}});
  return cells_.add_cell(static_cast<std::int64_t>(value));
}

std::size_t PublishedCells::add_hidden(std::int64_t value) {
  keys_.push_back(0);
  labels_.push_back(Json{{"table", "hidden"}});
  return cells_.add_hidden_cell(value);
}

void PublishedCells::relate(std::size_t total, std::vector<std::size_t> parts, RelationKind kind) {
  std::int64_t sum = 0;
  for (std::size_t p : parts) sum += cells_.value(p);
  const bool holds =
      kind == RelationKind::equal ? sum == cells_.value(total) : cells_.value(total) >= sum;
  if (holds) cells_.add_relation(total, std::move(parts), kind);
}

// The same steps as ActivityReport::publish() (report.cpp), on these cells.
void PublishedCells::protect(const PublishOptions& options) {
  if (options.threshold < 0) throw InvalidArgument("the disclosure threshold must be >= 0");
  if (!(options.protection >= 0)) throw InvalidArgument("the protection level must be >= 0");
  options_ = options;
  options_.key.clear();
  if (options.threshold == 0) options_.method = ProtectionMethod::none;
  const std::size_t n = cells_.size();
  const std::int64_t t = options.threshold;
  published_.assign(n, -1);
  std::vector<CellBounds> pub(n);
  audit_.clear();
  if (options_.method == ProtectionMethod::none) {
    for (std::size_t i = 0; i < n; ++i) {
      if (cells_.hidden(i)) continue;
      published_[i] = cells_.value(i);
      const auto v = static_cast<double>(cells_.value(i));
      pub[i] = CellBounds{v, v};
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      if (!cells_.hidden(i) && cells_.value(i) < t) cells_.suppress(i);
    }
    if (options_.method == ProtectionMethod::suppression) {
      cells_.protect(t);  // exact recomputation first (cheap), then the interval audit
      for (std::size_t i = 0; i < n; ++i) {
        if (cells_.hidden(i)) continue;
        const auto v = static_cast<double>(cells_.value(i));
        pub[i] = CellBounds{v, v};
        published_[i] = cells_.value(i);
      }
    } else {
      PTableParams pp;
      pp.max_deviation = options.max_deviation;
      pp.variance = options.variance;
      pp.min_output = t;
      const PTable ptable(pp);
      for (std::size_t i = 0; i < n; ++i) {
        if (cells_.hidden(i)) continue;
        const std::int64_t v = cells_.value(i);
        if (v < t) continue;  // suppressed: never published
        const std::int64_t p = ptable.perturb(v, cell_key(options.key, keys_[i]));
        published_[i] = p;
        const auto [lo, hi] = ptable.preimage(p);
        pub[i] = CellBounds{static_cast<double>(std::max(lo, t)), static_cast<double>(hi)};
      }
    }
    audit_ = protect_intervals(cells_, pub, options.protection);
  }
  bounds_.assign(n, CellBounds{});
  for (std::size_t i = 0; i < n; ++i) {
    if (cells_.suppressed(i) || cells_.hidden(i)) {
      published_[i] = -1;
    } else {
      bounds_[i] = pub[i];
    }
  }
}

std::optional<std::int64_t> PublishedCells::published(std::size_t i) const {
  if (i >= published_.size() || published_[i] < 0) return std::nullopt;
  return published_[i];
}

std::vector<SuppressedCell> PublishedCells::suppressed() const {
  std::vector<SuppressedCell> out;
  for (std::size_t i = 0; i < published_.size(); ++i) {
    if (published_[i] >= 0 || cells_.hidden(i)) continue;
    const Json& l = labels_[i];
    out.push_back(SuppressedCell{l.at("table").get<std::string>(), l.at("row"),
                                 l.at("column").get<std::string>()});
  }
  return out;
}

std::optional<double> published_rate(std::optional<std::int64_t> num,
                                     std::optional<std::int64_t> den) {
  if (!num || !den || *den == 0) return std::nullopt;
  return static_cast<double>(*num) / static_cast<double>(*den);
}

}  // namespace vaekit
