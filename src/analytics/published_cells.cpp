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

std::size_t PublishedCells::add(std::uint64_t value, std::uint64_t key_sum, Json label) {
  keys_.push_back(key_sum);
  labels_.push_back(std::move(label));
  return cells_.add_cell(static_cast<std::int64_t>(value));
}

void PublishedCells::move_into(PublishedReport& report) && {
  report.cells = std::move(cells_);
  report.labels = std::move(labels_);
  report.published = std::move(published_);
  report.bounds = std::move(bounds_);
  report.audit_result = std::move(audit_);
  *this = PublishedCells{};
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

// The protection step of every publication (publish_cells, report.cpp), on these cells.
void PublishedCells::protect(const PublishOptions& options) {
  if (options.threshold < 0) throw InvalidArgument("the disclosure threshold must be >= 0");
  if (!(options.protection >= 0)) throw InvalidArgument("the protection level must be >= 0");
  options_ = options;
  options_.key.clear();
  if (options.threshold == 0) options_.method = ProtectionMethod::none;
  CellPublication cp = publish_cells(cells_, keys_, options_.method, options);
  published_ = std::move(cp.published);
  bounds_ = std::move(cp.bounds);
  audit_ = std::move(cp.audit);
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
