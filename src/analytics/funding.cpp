#include "vaekit/analytics/funding.hpp"

#include "annex_cells.hpp"

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
  std::array<bool, funding_sum_columns.size()> given{};   // a number was given
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
  std::vector<CaseFunding> all =
      report_detail::per_case<CaseFunding>(events, [](CaseFunding& c, const Event& e) {
        if (!e.certification.empty()) c.certification = e.certification;
        switch (e.kind) {
          case EventKind::funding_requested: {
            Sums& s = c.by_key[key_of(e.data)];
            ++s.requests;
            s.sums[0] += e.data.hours.value_or(0.0);
            s.sums[1] += e.data.amount.value_or(0.0);
            s.given[0] = s.given[0] || e.data.hours.has_value();
            s.given[1] = s.given[1] || e.data.amount.has_value();
            break;
          }
          case EventKind::funding_decided: {
            Sums& s = c.by_key[key_of(e.data)];
            ++s.decisions;
            if (e.data.granted) {
              ++s.granted;
              s.sums[2] += e.data.hours.value_or(0.0);
              s.sums[3] += e.data.amount.value_or(0.0);
              s.given[2] = s.given[2] || e.data.hours.has_value();
              s.given[3] = s.given[3] || e.data.amount.has_value();
            }
            break;
          }
          case EventKind::jury_held:
            if (!c.last_jury || e.at.date() >= *c.last_jury) {
              c.last_jury = e.at.date();
              c.last_result = e.data.result ? std::optional<std::string>(to_string(*e.data.result))
                                            : std::nullopt;
            }
            break;
          default: break;
        }
      });
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

namespace report_detail {

FundingCells add_funding_cells(PublishedCells& pc, std::span<const Event> events) {
  const std::vector<CaseFunding> cases = collect(events);

  // Exact aggregates.
  struct MixAgg {
    std::uint64_t requested = 0, granted = 0;  // distinct cases
    std::uint64_t requested_key = 0, granted_key = 0;
    FundingCells::Sums sums;
  };
  std::map<MixKey, MixAgg> mix;
  MixAgg all;
  struct CostAgg {
    std::uint64_t certified = 0, granted = 0;
    std::uint64_t certified_key = 0, granted_key = 0;
    double granted_amount = 0;
    bool given = false;
  };
  std::map<std::string, CostAgg> cost;
  CostAgg cost_all;
  for (const CaseFunding& c : cases) {
    const std::uint64_t rk = record_key(c.id);
    bool any_request = false, any_grant = false, amount_given = false;
    double case_granted = 0;
    for (const auto& [key, s] : c.by_key) {
      MixAgg& row = mix[key];
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
        for (MixAgg* m : {&row, &all}) {
          m->sums.value[j] += s.sums[j];
          m->sums.given[j] = m->sums.given[j] || s.given[j];
        }
      }
      case_granted += s.sums[3];
      amount_given = amount_given || s.given[3];
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
    for (CostAgg* row : {&cost[c.certification], &cost_all}) {
      if (cert) {
        ++row->certified;
        row->certified_key += rk;
      }
      if (any_grant) {
        ++row->granted;
        row->granted_key += rk;
        row->granted_amount += case_granted;
        row->given = row->given || amount_given;
      }
    }
  }

  FundingCells out;
  auto mix_label = [](const std::optional<MixKey>& k) {
    return k ? Json{{"funding", k->first}, {"funding_kind", k->second}}
             : Json{{"funding", nullptr}, {"funding_kind", nullptr}};
  };
  // Mix cells: requested and granted case counts per row; the overall row counts each case once,
  // so it is at least each part and at most their sum (a hidden cell holds the sum).
  auto add_mix = [&](const std::optional<MixKey>& key, const MixAgg& row) {
    const Json label = mix_label(key);
    out.mix.push_back(FundingCells::MixRow{
        key, pc.add(row.requested, row.requested_key, "funding_mix", label, "cases_requested"),
        pc.add(row.granted, row.granted_key, "funding_mix", label, "cases_granted"), row.sums});
  };
  for (const auto& [key, row] : mix) add_mix(key, row);
  add_mix(std::nullopt, all);
  const FundingCells::MixRow& all_row = out.mix.back();
  for (int side = 0; side < 2; ++side) {
    auto pick = [&](const FundingCells::MixRow& r) { return side == 0 ? r.requested : r.granted; };
    std::vector<std::size_t> parts;
    std::int64_t sum = 0;
    for (std::size_t r = 0; r + 1 < out.mix.size(); ++r) {
      parts.push_back(pick(out.mix[r]));
      sum += pc.value(pick(out.mix[r]));
      pc.relate(pick(all_row), {pick(out.mix[r])}, RelationKind::at_least);
    }
    if (parts.empty()) continue;
    const std::size_t h = pc.add_hidden(sum);
    pc.relate(h, std::move(parts));
    pc.relate(h, {pick(all_row)}, RelationKind::at_least);
  }
  // Cost cells: each case has one certification, so the overall row is the sum.
  auto add_cost = [&](const std::optional<std::string>& code, const CostAgg& row) {
    const Json label{{"certification", code ? Json(*code) : Json()}};
    out.cost.push_back(FundingCells::CostRow{
        code, pc.add(row.certified, row.certified_key, "funding_cost", label, "certified"),
        pc.add(row.granted, row.granted_key, "funding_cost", label, "cases_granted"),
        row.granted_amount, row.given});
  };
  for (const auto& [code, row] : cost) add_cost(code, row);
  add_cost(std::nullopt, cost_all);
  if (out.cost.size() > 1) {
    std::vector<std::size_t> certified_parts, granted_parts;
    for (std::size_t r = 0; r + 1 < out.cost.size(); ++r) {
      certified_parts.push_back(out.cost[r].certified);
      granted_parts.push_back(out.cost[r].granted);
    }
    pc.relate(out.cost.back().certified, std::move(certified_parts));
    pc.relate(out.cost.back().granted, std::move(granted_parts));
  }
  return out;
}

namespace {

/// A published sum: its count cell decides, then complements (see fill_funding_tables).
struct SumCell {
  std::size_t count;  // the count of cases behind it
  bool given;         // some event gave the number (else null: no data, known as nothing)
  bool withheld;      // withheld (its count is, or as a complement)
};

/// Secondary suppression of sums that add up: while an equation (its terms, the total first)
/// has exactly one withheld term with data, withhold the published term with data of the
/// smallest count beside it (or, if none, another term of the equation).
void complement(std::vector<SumCell>& sums, const std::vector<std::vector<std::size_t>>& equations,
                const PublishedCells& pc) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& eq : equations) {
      std::size_t withheld = 0;
      std::optional<std::size_t> pick;
      for (std::size_t i : eq) {
        if (!sums[i].given) continue;
        if (sums[i].withheld) {
          ++withheld;
          continue;
        }
        if (!pick || pc.value(sums[i].count) < pc.value(sums[*pick].count)) pick = i;
      }
      if (withheld == 1 && pick) {
        sums[*pick].withheld = true;
        changed = true;
      }
    }
  }
}

}  // namespace

std::vector<SuppressedCell> fill_funding_tables(Table& mix, Table& cost, const FundingCells& cells,
                                                const PublishedCells& pc) {
  // The sum cells: per mix row its four sums, then per cost row its granted amount.
  std::vector<SumCell> sums;
  const std::size_t n_sums = funding_sum_columns.size();
  for (const FundingCells::MixRow& r : cells.mix) {
    for (std::size_t j = 0; j < n_sums; ++j) {
      const std::size_t count = j < 2 ? r.requested : r.granted;
      sums.push_back(SumCell{count, r.sums.given[j], !pc.published(count)});
    }
  }
  const std::size_t cost_base = sums.size();
  for (const FundingCells::CostRow& r : cells.cost)
    sums.push_back(SumCell{r.granted, r.given, !pc.published(r.granted)});
  // The equations: a total (the last row) = the sum of its rows, per sum column and table; the
  // two totals of granted euros (mix and cost) are one figure.
  std::vector<std::vector<std::size_t>> equations;
  const std::size_t mix_total = cells.mix.size() - 1;
  for (std::size_t j = 0; j < n_sums; ++j) {
    std::vector<std::size_t> eq{mix_total * n_sums + j};
    for (std::size_t r = 0; r < mix_total; ++r) eq.push_back(r * n_sums + j);
    equations.push_back(std::move(eq));
  }
  const std::size_t cost_total = cost_base + cells.cost.size() - 1;
  {
    std::vector<std::size_t> eq{cost_total};
    for (std::size_t r = cost_base; r < cost_total; ++r) eq.push_back(r);
    equations.push_back(std::move(eq));
  }
  equations.push_back({mix_total * n_sums + 3, cost_total});
  complement(sums, equations, pc);

  std::vector<SuppressedCell> withheld;
  auto sum_of = [&](std::size_t i, double value, std::string_view table, const Json& row,
                    std::string_view column) -> std::optional<double> {
    if (!sums[i].given) return std::nullopt;
    if (sums[i].withheld) {
      withheld.push_back(SuppressedCell{std::string(table), row, std::string(column)});
      return std::nullopt;
    }
    return value;
  };
  mix.add_column("funding", ColumnType::string);
  mix.add_column("funding_kind", ColumnType::string);
  mix.add_column("cases_requested", ColumnType::int64);
  mix.add_column("cases_granted", ColumnType::int64);
  for (auto name : funding_sum_columns) mix.add_column(std::string(name), ColumnType::float64);
  for (std::size_t r = 0; r < cells.mix.size(); ++r) {
    const FundingCells::MixRow& row = cells.mix[r];
    const Json label = row.key
                           ? Json{{"funding", row.key->first}, {"funding_kind", row.key->second}}
                           : Json{{"funding", nullptr}, {"funding_kind", nullptr}};
    auto& cols = mix.columns();
    cols[0].push_string(row.key ? std::optional<std::string_view>(row.key->first) : std::nullopt);
    cols[1].push_string(row.key ? std::optional<std::string_view>(row.key->second) : std::nullopt);
    cols[2].push_int(pc.published(row.requested));
    cols[3].push_int(pc.published(row.granted));
    for (std::size_t j = 0; j < n_sums; ++j) {
      cols[4 + j].push_double(
          sum_of(r * n_sums + j, row.sums.value[j], "funding_mix", label, funding_sum_columns[j]));
    }
  }
  cost.add_column("certification", ColumnType::string);
  cost.add_column("certified", ColumnType::int64);
  cost.add_column("cases_granted", ColumnType::int64);
  cost.add_column("granted_amount", ColumnType::float64);
  cost.add_column("cost_per_certification", ColumnType::float64);
  for (std::size_t r = 0; r < cells.cost.size(); ++r) {
    const FundingCells::CostRow& row = cells.cost[r];
    const Json label{{"certification", row.certification ? Json(*row.certification) : Json()}};
    auto& cols = cost.columns();
    cols[0].push_string(row.certification);
    const auto certified_count = pc.published(row.certified);
    const auto amount =
        sum_of(cost_base + r, row.granted_amount, "funding_cost", label, "granted_amount");
    cols[1].push_int(certified_count);
    cols[2].push_int(pc.published(row.granted));
    cols[3].push_double(amount);
    cols[4].push_double(amount && certified_count && *certified_count > 0
                            ? std::optional<double>(*amount / static_cast<double>(*certified_count))
                            : std::nullopt);
  }
  return withheld;
}

}  // namespace report_detail

FundingReport funding_report(std::span<const Event> events, const PublishOptions& options) {
  FundingReport out;
  const report_detail::FundingCells cells = report_detail::add_funding_cells(out.cells, events);
  out.cells.protect(options);
  out.withheld_sums = report_detail::fill_funding_tables(out.mix, out.cost, cells, out.cells);
  return out;
}

}  // namespace vaekit
