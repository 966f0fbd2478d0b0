#include "vaekit/analytics/funding.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/outcomes.hpp"

namespace vaekit {

namespace {

/// (funder, kind): the row key of the mix.
using MixKey = std::pair<std::string, std::string>;

struct Sums {
  std::uint64_t requests = 0;
  std::uint64_t decisions = 0;
  std::uint64_t granted = 0;
  std::array<double, funding_sum_columns.size()> sums{};  // funding_sum_columns order
};

struct CaseFunding {
  std::string id;
  std::string certification;
  std::optional<std::string> last_result;
  std::optional<Date> last_jury;
  std::map<MixKey, Sums> by_key;
};

MixKey key_of(const EventData& d) {
  return {d.funding ? std::string(to_string(*d.funding)) : std::string(unknown_funder),
          d.funding_kind ? std::string(to_string(*d.funding_kind)) : std::string("other")};
}

std::vector<CaseFunding> collect(std::span<const Event> events) {
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<CaseFunding> all;
  for (const Event& e : events) {
    auto [it, added] = index.try_emplace(e.case_id, all.size());
    if (added) {
      all.push_back(CaseFunding{});
      all.back().id = e.case_id;
    }
    CaseFunding& c = all[it->second];
    if (!e.certification.empty()) c.certification = e.certification;
    switch (e.kind) {
      case EventKind::funding_requested: {
        Sums& s = c.by_key[key_of(e.data)];
        ++s.requests;
        s.sums[0] += e.data.hours.value_or(0.0);
        s.sums[1] += e.data.amount.value_or(0.0);
        break;
      }
      case EventKind::funding_decided: {
        Sums& s = c.by_key[key_of(e.data)];
        ++s.decisions;
        if (e.data.granted) {
          ++s.granted;
          s.sums[2] += e.data.hours.value_or(0.0);
          s.sums[3] += e.data.amount.value_or(0.0);
        }
        break;
      }
      case EventKind::jury_held:
        if (!c.last_jury || e.at.date() >= *c.last_jury) {
          c.last_jury = e.at.date();
          c.last_result =
              e.data.result ? std::optional<std::string>(to_string(*e.data.result)) : std::nullopt;
        }
        break;
      default: break;
    }
  }
  for (CaseFunding& c : all) {
    if (c.certification.empty()) c.certification = std::string(unknown_certification);
  }
  return all;
}

bool certified(const CaseFunding& c) {
  return c.last_result && std::find(certified_results.begin(), certified_results.end(),
                                    *c.last_result) != certified_results.end();
}

}  // namespace

Table funding_by_case(std::span<const Event> events) {
  Table t("funding_by_case");
  t.add_column("case", ColumnType::string);
  t.add_column("funding", ColumnType::string);
  t.add_column("funding_kind", ColumnType::string);
  t.add_column("requests", ColumnType::int64);
  t.add_column("decisions", ColumnType::int64);
  t.add_column("granted", ColumnType::int64);
  for (auto name : funding_sum_columns) t.add_column(std::string(name), ColumnType::float64);
  for (const CaseFunding& c : collect(events)) {
    for (const auto& [key, s] : c.by_key) {
      auto& cols = t.columns();
      cols[0].push_string(c.id);
      cols[1].push_string(key.first);
      cols[2].push_string(key.second);
      cols[3].push_int(static_cast<std::int64_t>(s.requests));
      cols[4].push_int(static_cast<std::int64_t>(s.decisions));
      cols[5].push_int(static_cast<std::int64_t>(s.granted));
      for (std::size_t j = 0; j < s.sums.size(); ++j) cols[6 + j].push_double(s.sums[j]);
    }
  }
  return t;
}

FundingReport funding_report(std::span<const Event> events, const PublishOptions& options) {
  const std::vector<CaseFunding> cases = collect(events);

  // Exact aggregates.
  struct MixRow {
    std::uint64_t requested = 0, granted = 0;  // distinct cases
    std::uint64_t requested_key = 0, granted_key = 0;
    std::array<double, funding_sum_columns.size()> sums{};
  };
  std::map<MixKey, MixRow> mix;
  MixRow all;
  struct CostRow {
    std::uint64_t certified = 0, granted = 0;
    std::uint64_t certified_key = 0, granted_key = 0;
    double granted_amount = 0;
  };
  std::map<std::string, CostRow> cost;
  CostRow cost_all;
  for (const CaseFunding& c : cases) {
    const std::uint64_t rk = record_key(c.id);
    bool any_request = false, any_grant = false;
    double case_granted = 0;
    for (const auto& [key, s] : c.by_key) {
      MixRow& row = mix[key];
      if (s.requests > 0) {
        ++row.requested;
        row.requested_key += rk;
        any_request = true;
      }
      if (s.granted > 0) {
        ++row.granted;
        row.granted_key += rk;
        any_grant = true;
      }
      for (std::size_t j = 0; j < s.sums.size(); ++j) {
        row.sums[j] += s.sums[j];
        all.sums[j] += s.sums[j];
      }
      case_granted += s.sums[3];
    }
    if (any_request) {
      ++all.requested;
      all.requested_key += rk;
    }
    if (any_grant) {
      ++all.granted;
      all.granted_key += rk;
    }
    const bool cert = certified(c);
    if (!cert && !any_grant) continue;
    for (CostRow* row : {&cost[c.certification], &cost_all}) {
      if (cert) {
        ++row->certified;
        row->certified_key += rk;
      }
      if (any_grant) {
        ++row->granted;
        row->granted_key += rk;
        row->granted_amount += case_granted;
      }
    }
  }

  FundingReport out;
  PublishedCells& pc = out.cells;
  auto mix_label = [](const std::optional<MixKey>& k) {
    return k ? Json{{"funding", k->first}, {"funding_kind", k->second}}
             : Json{{"funding", nullptr}, {"funding_kind", nullptr}};
  };
  // Mix cells: requested and granted case counts per row; the overall row counts each case once,
  // so it is at least each part and at most their sum (a hidden cell holds the sum).
  std::vector<std::pair<std::size_t, std::size_t>> mix_cells;
  for (const auto& [key, row] : mix) {
    const Json label = mix_label(key);
    mix_cells.emplace_back(
        pc.add(row.requested, row.requested_key, "funding_mix", label, "cases_requested"),
        pc.add(row.granted, row.granted_key, "funding_mix", label, "cases_granted"));
  }
  const Json all_label = mix_label(std::nullopt);
  const std::pair<std::size_t, std::size_t> all_cells{
      pc.add(all.requested, all.requested_key, "funding_mix", all_label, "cases_requested"),
      pc.add(all.granted, all.granted_key, "funding_mix", all_label, "cases_granted")};
  for (int side = 0; side < 2; ++side) {
    auto pick = [&](const std::pair<std::size_t, std::size_t>& p) {
      return side == 0 ? p.first : p.second;
    };
    std::vector<std::size_t> parts;
    std::int64_t sum = 0;
    for (const auto& p : mix_cells) {
      parts.push_back(pick(p));
      sum += pc.value(pick(p));
      pc.relate(pick(all_cells), {pick(p)}, RelationKind::at_least);
    }
    if (parts.empty()) continue;
    const std::size_t h = pc.add_hidden(sum);
    pc.relate(h, std::move(parts));
    pc.relate(h, {pick(all_cells)}, RelationKind::at_least);
  }
  // Cost cells: each case has one certification, so the overall row is the sum.
  std::vector<std::pair<std::size_t, std::size_t>> cost_cells;
  auto cost_label = [](const std::optional<std::string>& code) {
    return Json{{"certification", code ? Json(*code) : Json()}};
  };
  for (const auto& [code, row] : cost) {
    const Json label = cost_label(code);
    cost_cells.emplace_back(
        pc.add(row.certified, row.certified_key, "funding_cost", label, "certified"),
        pc.add(row.granted, row.granted_key, "funding_cost", label, "cases_granted"));
  }
  const std::pair<std::size_t, std::size_t> cost_all_cells{
      pc.add(cost_all.certified, cost_all.certified_key, "funding_cost", cost_label({}),
             "certified"),
      pc.add(cost_all.granted, cost_all.granted_key, "funding_cost", cost_label({}),
             "cases_granted")};
  if (!cost_cells.empty()) {
    std::vector<std::size_t> certified_parts, granted_parts;
    for (const auto& p : cost_cells) {
      certified_parts.push_back(p.first);
      granted_parts.push_back(p.second);
    }
    pc.relate(cost_all_cells.first, std::move(certified_parts));
    pc.relate(cost_all_cells.second, std::move(granted_parts));
  }
  pc.protect(options);

  // A sum of hours or euros is published beside a published count of cases behind it.
  auto sum_if = [&](std::size_t count_cell, double sum) -> std::optional<double> {
    if (!pc.published(count_cell)) return std::nullopt;
    return sum;
  };
  {
    Table& t = out.mix;
    t.add_column("funding", ColumnType::string);
    t.add_column("funding_kind", ColumnType::string);
    t.add_column("cases_requested", ColumnType::int64);
    t.add_column("cases_granted", ColumnType::int64);
    for (auto name : funding_sum_columns) t.add_column(std::string(name), ColumnType::float64);
    auto push = [&](const std::optional<MixKey>& key, const MixRow& row,
                    const std::pair<std::size_t, std::size_t>& c) {
      auto& cols = t.columns();
      cols[0].push_string(key ? std::optional<std::string_view>(key->first) : std::nullopt);
      cols[1].push_string(key ? std::optional<std::string_view>(key->second) : std::nullopt);
      cols[2].push_int(pc.published(c.first));
      cols[3].push_int(pc.published(c.second));
      cols[4].push_double(sum_if(c.first, row.sums[0]));
      cols[5].push_double(sum_if(c.first, row.sums[1]));
      cols[6].push_double(sum_if(c.second, row.sums[2]));
      cols[7].push_double(sum_if(c.second, row.sums[3]));
    };
    std::size_t i = 0;
    for (const auto& [key, row] : mix) push(key, row, mix_cells[i++]);
    push(std::nullopt, all, all_cells);
  }
  {
    Table& t = out.cost;
    t.add_column("certification", ColumnType::string);
    t.add_column("certified", ColumnType::int64);
    t.add_column("cases_granted", ColumnType::int64);
    t.add_column("granted_amount", ColumnType::float64);
    t.add_column("cost_per_certification", ColumnType::float64);
    auto push = [&](std::optional<std::string_view> code, const CostRow& row,
                    const std::pair<std::size_t, std::size_t>& c) {
      auto& cols = t.columns();
      cols[0].push_string(code);
      const auto certified_count = pc.published(c.first);
      const auto amount = sum_if(c.second, row.granted_amount);
      cols[1].push_int(certified_count);
      cols[2].push_int(pc.published(c.second));
      cols[3].push_double(amount);
      cols[4].push_double(
          amount && certified_count && *certified_count > 0
              ? std::optional<double>(*amount / static_cast<double>(*certified_count))
              : std::nullopt);
    };
    std::size_t i = 0;
    for (const auto& [code, row] : cost) push(code, row, cost_cells[i++]);
    push(std::nullopt, cost_all, cost_all_cells);
  }
  return out;
}

}  // namespace vaekit
