#include "vaekit/training/scheduler.hpp"
#include "vaekit/core/names.hpp"
#include "vaekit/core/organisations.hpp"
#include "vaekit/core/year_month.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <utility>

namespace vaekit {
namespace {

constexpr std::array<std::string_view, 3> status_names{"optimal", "feasible", "hand_made"};
constexpr std::array<std::string_view, 2> change_names{"speaker_cancelled", "venue_closed"};
constexpr std::array<std::string_view, 2> weighting_names{"per_audience", "per_head"};
constexpr std::array<StaffRole, 2> roles{StaffRole::counsellor, StaffRole::assistant};

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string fmt_number(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

YearMonth month_key(Date d) noexcept {
  return YearMonth::of(d);
}

int role_index(StaffRole r) {
  return r == StaffRole::counsellor ? 0 : 1;
}

std::string id_text(const std::string& id) {
  return "" + excerpt(id) + "";
}

// ---------------------------------------------------------------------------------------------
// Eligibility of (topic, date) pairs, shared by the solver, the pre-checks and validate().

/// The audience of the sessions a role has alone.
Audience own_audience(StaffRole r) {
  return r == StaffRole::counsellor ? Audience::counsellors : Audience::assistants;
}

/// The minimum of sessions for @p r alone.
int own_need(const ScheduleConstraints& c, StaffRole r) {
  return r == StaffRole::counsellor ? c.min_counsellor_own_days : c.min_assistant_own_days;
}

bool venue_fits(const Programme& p, const TopicProposal& t, const Venue& v) {
  if (t.format == SessionFormat::site_visit && v.kind != VenueKind::off_site) return false;
  return v.capacity >= p.audience_size(t.audience);
}

std::vector<std::size_t> speakers_for(const Programme& p, const TopicProposal& t, Date d) {
  std::vector<std::size_t> out;
  if (!t.speaker_kind) return out;
  for (std::size_t i = 0; i < p.speakers.size(); ++i) {
    const auto& s = p.speakers[i];
    if (s.kind == *t.speaker_kind && s.available_on(d)) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> venues_for(const Programme& p, const TopicProposal& t, Date d) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < p.venues.size(); ++i) {
    if (venue_fits(p, t, p.venues[i]) && p.venues[i].available_on(d)) out.push_back(i);
  }
  return out;
}

bool needs_venue(const TopicProposal& t) {
  return t.format != SessionFormat::phone_meeting;
}

bool in_window(const TopicProposal& t, Date d) {
  return (!t.not_before || *t.not_before <= d) && (!t.deadline || d <= *t.deadline);
}

bool topic_eligible(const Programme& p, const TopicProposal& t, Date d) {
  if (!in_window(t, d)) return false;
  if (t.speaker_kind && speakers_for(p, t, d).empty()) return false;
  if (needs_venue(t) && venues_for(p, t, d).empty()) return false;
  return true;
}

/// The instance after pre-processing: candidate days, eligible pairs, priorities, months.
struct Instance {
  const Programme* p = nullptr;
  const ScheduleConstraints* c = nullptr;
  std::vector<Date> days;                  // candidate days of the period, in order
  std::vector<int> day_month;              // index into months
  std::vector<YearMonth> months;           // the months having at least one candidate day
  std::vector<double> priority;            // aggregated score per topic
  std::vector<std::vector<int>> eligible;  // per topic: indices into days
  std::vector<std::string> notes;          // remarks (topics that cannot be scheduled)
  std::vector<std::string> fatal;          // reasons the instance is infeasible
  int commissioned = 0;
  std::optional<Date> min_date;  // replan: new sessions on or after this
};

/// Why topic @p t has no eligible day, in words (no personal data: ids only).
std::string explain_topic(const Programme& p, const ScheduleConstraints& c, const TopicProposal& t,
                          const std::vector<Date>& days, const std::optional<Date>& min_date) {
  std::vector<Date> window;
  for (Date d : days) {
    if (in_window(t, d) && (!min_date || *min_date <= d)) window.push_back(d);
  }
  const std::string who = "topic " + id_text(t.id);
  const std::string span =
      (t.not_before ? " from " + t.not_before->to_string() : std::string()) +
      (t.deadline ? " before its deadline " + t.deadline->to_string() : std::string());
  if (window.empty()) {
    return who + " has no working day outside blackouts" + (span.empty() ? " in the period" : span);
  }
  if (t.speaker_kind) {
    std::vector<std::string> of_kind;
    bool any_available = false;
    for (const auto& s : p.speakers) {
      if (s.kind != *t.speaker_kind) continue;
      of_kind.push_back(id_text(s.id));
      for (Date d : window) any_available = any_available || s.available_on(d);
    }
    const std::string kind(to_string(*t.speaker_kind));
    if (of_kind.empty()) return who + " needs a " + kind + " speaker but the programme has none";
    if (!any_available) {
      return who + " needs a " + kind + " speaker but " +
             (of_kind.size() == 1 ? "speaker " + of_kind[0] + ", the only one, has"
                                  : "speakers " + join(of_kind) + " have") +
             " no available working day" + (span.empty() ? " in the period" : span);
    }
  }
  if (needs_venue(t)) {
    const int size = p.audience_size(t.audience);
    int largest = -1;
    bool kind_ok = false;
    for (const auto& v : p.venues) {
      if (t.format == SessionFormat::site_visit && v.kind != VenueKind::off_site) continue;
      kind_ok = true;
      largest = std::max(largest, v.capacity);
    }
    if (!kind_ok) {
      return who + " is a site visit but the programme has no off-site venue";
    }
    if (largest < size) {
      return who + " is for the " + std::string(to_string(t.audience)) + " (" +
             std::to_string(size) + " people) but the largest suitable venue seats " +
             std::to_string(largest);
    }
    bool venue_day = false;
    for (Date d : window) venue_day = venue_day || !venues_for(p, t, d).empty();
    if (!venue_day) {
      return who + " has no day" + (span.empty() ? " in the period" : span) +
             " when a venue seating " + std::to_string(size) + " is available";
    }
    if (t.speaker_kind) {
      return who + " has no day" + (span.empty() ? " in the period" : span) + " when both a " +
             std::string(to_string(*t.speaker_kind)) + " speaker and a venue seating " +
             std::to_string(size) + " are available";
    }
  }
  (void)c;
  return who + " has no eligible day";
}

Instance prepare(const Programme& p, const ScheduleConstraints& c, std::optional<Date> min_date,
                 const std::vector<std::pair<int, Date>>& forced) {
  p.check();
  if (c.max_days_per_month < 0 || c.min_spacing_days < 0 || c.max_sessions_per_date < 1) {
    throw InvalidArgument(
        "max_days_per_month and min_spacing_days must be >= 0, "
        "max_sessions_per_date >= 1");
  }
  Instance in;
  in.p = &p;
  in.c = &c;
  in.commissioned = p.commissioned_days;
  in.min_date = min_date;
  for (std::int64_t k = 0; k < p.period.length_days(); ++k) {
    const Date d = p.period.first() + k;
    if (c.is_candidate_day(d)) in.days.push_back(d);
  }
  std::map<YearMonth, int> month_index;
  for (Date d : in.days) {
    auto [it, fresh] = month_index.emplace(month_key(d), static_cast<int>(in.months.size()));
    if (fresh) in.months.push_back(month_key(d));
    in.day_month.push_back(it->second);
  }
  const std::size_t n = p.proposals.size();
  in.priority = topic_priorities(p, c);
  in.eligible.assign(n, {});
  std::map<Date, int> day_index;
  for (std::size_t i = 0; i < in.days.size(); ++i) day_index[in.days[i]] = static_cast<int>(i);
  std::set<std::size_t> forced_topics;
  for (const auto& [t, d] : forced) forced_topics.insert(static_cast<std::size_t>(t));
  for (std::size_t t = 0; t < n; ++t) {
    if (forced_topics.count(t)) continue;
    for (std::size_t i = 0; i < in.days.size(); ++i) {
      const Date d = in.days[i];
      if (min_date && d < *min_date) continue;
      if (topic_eligible(p, p.proposals[t], d)) in.eligible[t].push_back(static_cast<int>(i));
    }
  }
  for (const auto& [t, d] : forced) {
    auto it = day_index.find(d);
    if (it == day_index.end()) {
      // A frozen session on a day that is no longer a candidate (e.g. a new blackout): keep it.
      in.days.push_back(d);
      auto [mit, fresh] = month_index.emplace(month_key(d), static_cast<int>(in.months.size()));
      if (fresh) in.months.push_back(month_key(d));
      in.day_month.push_back(mit->second);
      day_index[d] = static_cast<int>(in.days.size() - 1);
      it = day_index.find(d);
    }
    in.eligible[static_cast<std::size_t>(t)] = {it->second};
  }
  // Remarks on topics that can never be scheduled.
  std::vector<bool> dead(n, false);
  for (std::size_t t = 0; t < n; ++t) {
    if (in.eligible[t].empty()) {
      dead[t] = true;
      in.notes.push_back(explain_topic(p, c, p.proposals[t], in.days, min_date));
    }
  }
  // Precedence propagation: a topic whose prerequisite cannot be scheduled cannot be either, and
  // a topic can only be held after its prerequisites' earliest eligible day. Fixpoint over the
  // (acyclic, checked) graph.
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t t = 0; t < n; ++t) index[p.proposals[t].id] = t;
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t t = 0; t < n; ++t) {
      if (dead[t] || forced_topics.count(t)) continue;
      for (const auto& a : p.proposals[t].after) {
        const std::size_t pre = index.at(a);
        if (dead[pre]) {
          dead[t] = true;
          in.eligible[t].clear();
          in.notes.push_back("topic " + id_text(p.proposals[t].id) + " must follow topic " +
                             id_text(a) + ", which cannot be scheduled");
          changed = true;
          break;
        }
        const Date earliest = in.days[static_cast<std::size_t>(
            *std::min_element(in.eligible[pre].begin(), in.eligible[pre].end(), [&](int x, int y) {
              return in.days[static_cast<std::size_t>(x)] < in.days[static_cast<std::size_t>(y)];
            }))];
        auto& el = in.eligible[t];
        const auto before = el.size();
        el.erase(
            std::remove_if(el.begin(), el.end(),
                           [&](int i) { return in.days[static_cast<std::size_t>(i)] <= earliest; }),
            el.end());
        if (el.size() != before) changed = true;
        if (el.empty()) {
          dead[t] = true;
          in.notes.push_back("topic " + id_text(p.proposals[t].id) + " must follow topic " +
                             id_text(a) + " but has no eligible day after " + id_text(a) +
                             "'s earliest one, " + earliest.to_string());
          break;
        }
      }
    }
  }
  // Plan-wide counts that make the instance infeasible outright.
  const int D = in.commissioned;
  const auto live = static_cast<int>(std::count(dead.begin(), dead.end(), false));
  if (static_cast<int>(in.days.size()) < D) {
    in.fatal.push_back("only " + std::to_string(in.days.size()) +
                       " working days outside blackouts in the period " + p.period.to_string() +
                       " for " + std::to_string(D) + " commissioned days");
  }
  if (live < D) {
    in.fatal.push_back("only " + std::to_string(live) + " of the " + std::to_string(n) +
                       " topics can be scheduled at all, for " + std::to_string(D) +
                       " commissioned days");
  }
  const int month_cap = c.max_days_per_month * static_cast<int>(in.months.size());
  if (month_cap < D) {
    in.fatal.push_back("at most " + std::to_string(c.max_days_per_month) +
                       " days a month over the " + std::to_string(in.months.size()) +
                       " usable months allow " + std::to_string(month_cap) + " days, " +
                       std::to_string(D) + " commissioned");
  }
  for (StaffRole r : roles) {
    const int need = r == StaffRole::counsellor ? c.min_counsellor_days : c.min_assistant_days;
    if (need <= 0) continue;
    int avail = 0;
    for (std::size_t t = 0; t < n; ++t) {
      if (!dead[t] && includes(p.proposals[t].audience, r)) ++avail;
    }
    const std::string who = r == StaffRole::counsellor ? "counsellors" : "assistants";
    if (avail < need) {
      in.fatal.push_back("at least " + std::to_string(need) + " days are required for the " + who +
                         " but only " + std::to_string(avail) +
                         " of their topics can be scheduled");
    }
    if (need > D) {
      in.fatal.push_back("at least " + std::to_string(need) + " days are required for the " + who +
                         " but only " + std::to_string(D) + " are commissioned");
    }
    if (c.min_spacing_days > 0 && !in.days.empty()) {
      const auto span = in.days.back() - in.days.front();
      const auto max_days = span / c.min_spacing_days + 1;
      if (max_days < need) {
        in.fatal.push_back("a spacing of " + std::to_string(c.min_spacing_days) +
                           " days allows at most " + std::to_string(max_days) + " days for the " +
                           who + ", " + std::to_string(need) + " required");
      }
    }
  }
  for (StaffRole r : roles) {
    const int need = own_need(c, r);
    if (need <= 0) continue;
    int avail = 0;
    for (std::size_t t = 0; t < n; ++t) {
      if (!dead[t] && p.proposals[t].audience == own_audience(r)) ++avail;
    }
    if (avail < need) {
      in.fatal.push_back("at least " + std::to_string(need) + " days are required for the " +
                         std::string(to_string(own_audience(r))) + " alone but only " +
                         std::to_string(avail) + " of their own topics can be scheduled");
    }
  }
  for (SessionFormat f : c.assistant_formats) {
    bool found = false;
    for (std::size_t t = 0; t < n && !found; ++t) {
      found =
          !dead[t] && p.proposals[t].audience == Audience::assistants && p.proposals[t].format == f;
    }
    if (!found) {
      in.fatal.push_back("the assistants' own sessions must include a " +
                         std::string(to_string(f)) + " but none of their " +
                         std::string(to_string(f)) + " topics can be scheduled");
    }
  }
  return in;
}

// ---------------------------------------------------------------------------------------------
// The MIP.

struct CbcDeleter {
  void operator()(Cbc_Model* m) const noexcept { Cbc_deleteModel(m); }
};
using CbcPtr = std::unique_ptr<Cbc_Model, CbcDeleter>;

/// Which constraint families the model includes (all for planning; some dropped to diagnose).
struct Families {
  bool spacing = true;
  bool monthly = true;
  bool precedence = true;
  bool minimums = true;
  bool exact_days = true;       // == D (else <= D)
  bool maximise_count = false;  // objective: number of sessions (diagnosis)
};

struct Candidate {
  int topic;
  int day;
};

struct SolveResult {
  enum class Kind { optimal, feasible, infeasible, no_solution } kind = Kind::no_solution;
  std::vector<Candidate> chosen;
  double objective = 0.0;
  double bound = 0.0;
  double seconds = 0.0;
};

SolveResult solve_mip(const Instance& in, const Families& fam,
                      const std::set<std::pair<int, int>>& kept, double kept_bonus,
                      const std::set<std::pair<int, int>>& forced, double time_limit) {
  const auto start = std::chrono::steady_clock::now();
  const Programme& p = *in.p;
  const ScheduleConstraints& c = *in.c;
  const int D = in.commissioned;
  std::vector<Candidate> cand;
  for (std::size_t t = 0; t < in.eligible.size(); ++t) {
    for (int d : in.eligible[t]) cand.push_back({static_cast<int>(t), d});
  }
  CbcPtr model(Cbc_newModel());
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  Cbc_setMaximumSeconds(m, time_limit);
  Cbc_setAllowableGap(m, 1e-7);
  Cbc_setAllowableFractionGap(m, 0.0);
  Cbc_setObjSense(m, -1.0);  // maximise
  // Primal heuristics off: on the reference instance the LP bound is tight and branching finds
  // the optimum sooner than the feasibility pump and RINS (2.0 s -> 1.4 s CPU,
  // docs/performance.md).
  Cbc_setParameter(m, "heur", "off");
  // Columns: y (one per candidate), then a_r[d] per role and day, then e_m per month.
  for (const auto& x : cand) {
    double coef = 0.0;
    if (fam.maximise_count) {
      coef = 1.0;
    } else {
      coef = c.priority_weight * in.priority[static_cast<std::size_t>(x.topic)] +
             c.weekday_weight(in.days[static_cast<std::size_t>(x.day)]);
      if (kept.count({x.topic, x.day})) coef += kept_bonus;
    }
    const double lb = forced.count({x.topic, x.day}) ? 1.0 : 0.0;
    Cbc_addCol(m, "", lb, 1.0, coef, 1, 0, nullptr, nullptr);
  }
  const int n_y = static_cast<int>(cand.size());
  const int n_days = static_cast<int>(in.days.size());
  const bool use_spacing = fam.spacing && c.min_spacing_days > 1;
  const int a_base = n_y;
  if (use_spacing) {
    for (int k = 0; k < 2 * n_days; ++k) Cbc_addCol(m, "", 0.0, 1.0, 0.0, 0, 0, nullptr, nullptr);
  }
  // Spread: for each month, binaries z[m][k] choose the month's count k (0..cap), with objective
  // −spread_weight·|k − D/M|. This is the convex hull of the integer points, so the LP bound on
  // the spread term is exact (a plain |count − q| linearisation lets the LP spread fractionally
  // at zero cost and the search never closes the gap).
  const bool use_spread = !fam.maximise_count && c.spread_weight != 0.0 && !in.months.empty();
  const double q =
      in.months.empty() ? 0.0 : static_cast<double>(D) / static_cast<double>(in.months.size());
  std::vector<int> month_candidates(in.months.size(), 0);
  for (const auto& x : cand)
    ++month_candidates[static_cast<std::size_t>(in.day_month[static_cast<std::size_t>(x.day)])];
  std::vector<int> z_base(in.months.size(), -1), z_top(in.months.size(), 0);
  int next_col = a_base + (use_spacing ? 2 * n_days : 0);
  if (use_spread) {
    for (std::size_t mi = 0; mi < in.months.size(); ++mi) {
      int top = std::min(month_candidates[mi], c.max_sessions_per_date * 31);
      if (fam.monthly) top = std::min(top, c.max_days_per_month);
      top = std::min(top, D);
      z_base[mi] = next_col;
      z_top[mi] = top;
      for (int k = 0; k <= top; ++k) {
        Cbc_addCol(m, "", 0.0, 1.0, -c.spread_weight * std::abs(k - q), 1, 0, nullptr, nullptr);
        ++next_col;
      }
    }
  }
  std::vector<int> order(static_cast<std::size_t>(n_days));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    return in.days[static_cast<std::size_t>(x)] < in.days[static_cast<std::size_t>(y)];
  });
  std::map<std::string, std::size_t, std::less<>> topic_index;
  for (std::size_t t = 0; t < p.proposals.size(); ++t) topic_index[p.proposals[t].id] = t;
  std::vector<int> cols;
  std::vector<double> vals;
  auto add_row = [&](char sense, double rhs) {
    Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), vals.data(), sense, rhs);
    cols.clear();
    vals.clear();
  };
  // Each topic at most once.
  std::vector<std::vector<int>> by_topic(in.eligible.size()), by_day(in.days.size());
  std::vector<std::vector<int>> by_month(in.months.size());
  for (int k = 0; k < n_y; ++k) {
    by_topic[static_cast<std::size_t>(cand[static_cast<std::size_t>(k)].topic)].push_back(k);
    by_day[static_cast<std::size_t>(cand[static_cast<std::size_t>(k)].day)].push_back(k);
    by_month[static_cast<std::size_t>(
                 in.day_month[static_cast<std::size_t>(cand[static_cast<std::size_t>(k)].day)])]
        .push_back(k);
  }
  for (const auto& ks : by_topic) {
    if (ks.size() < 2) continue;
    for (int k : ks) cols.push_back(k), vals.push_back(1.0);
    add_row('L', 1.0);
  }
  for (const auto& ks : by_day) {
    if (static_cast<int>(ks.size()) <= c.max_sessions_per_date) continue;
    for (int k : ks) cols.push_back(k), vals.push_back(1.0);
    add_row('L', c.max_sessions_per_date);
  }
  for (int k = 0; k < n_y; ++k) cols.push_back(k), vals.push_back(1.0);
  add_row(fam.exact_days ? 'E' : 'L', D);
  for (std::size_t mi = 0; mi < in.months.size(); ++mi) {
    const auto& ks = by_month[mi];
    if (fam.monthly && static_cast<int>(ks.size()) > c.max_days_per_month) {
      for (int k : ks) cols.push_back(k), vals.push_back(1.0);
      add_row('L', c.max_days_per_month);
    }
    if (use_spread) {
      for (int k = 0; k <= z_top[mi]; ++k) cols.push_back(z_base[mi] + k), vals.push_back(1.0);
      add_row('E', 1.0);
      for (int k : ks) cols.push_back(k), vals.push_back(1.0);
      for (int k = 1; k <= z_top[mi]; ++k) cols.push_back(z_base[mi] + k), vals.push_back(-k);
      add_row('E', 0.0);
    }
  }
  if (use_spacing) {
    for (StaffRole r : roles) {
      const int base = a_base + role_index(r) * n_days;
      for (int d = 0; d < n_days; ++d) {
        cols.push_back(base + d), vals.push_back(1.0);
        for (int k : by_day[static_cast<std::size_t>(d)]) {
          const auto& t =
              p.proposals[static_cast<std::size_t>(cand[static_cast<std::size_t>(k)].topic)];
          if (includes(t.audience, r)) cols.push_back(k), vals.push_back(-1.0);
        }
        add_row('E', 0.0);
      }
      for (std::size_t i = 0; i < order.size(); ++i) {
        const Date first = in.days[static_cast<std::size_t>(order[i])];
        std::size_t j = i;
        while (j < order.size() &&
               in.days[static_cast<std::size_t>(order[j])] - first < c.min_spacing_days) {
          cols.push_back(base + order[j]), vals.push_back(1.0);
          ++j;
        }
        if (j - i >= 2) {
          add_row('L', 1.0);
        } else {
          cols.clear();
          vals.clear();
        }
      }
    }
  }
  // Precedence, "t after pre": selected(t) <= selected(pre) and, with calendar positions,
  // date(t) - date(pre) >= 1 - M (1 - selected(t)). (A disaggregated cumulative form has a tighter
  // LP but made the reference instance 5x slower to solve: measured, see docs/training.md.)
  if (fam.precedence) {
    auto day_pos = [&](int d) {
      return static_cast<double>(in.days[static_cast<std::size_t>(d)] - p.period.first());
    };
    const double big_m = static_cast<double>(p.period.length_days()) + 1.0;
    for (std::size_t t = 0; t < p.proposals.size(); ++t) {
      if (by_topic[t].empty()) continue;
      for (const auto& a : p.proposals[t].after) {
        const std::size_t pre = topic_index.at(a);
        for (int k : by_topic[t]) cols.push_back(k), vals.push_back(1.0);
        for (int k : by_topic[pre]) cols.push_back(k), vals.push_back(-1.0);
        add_row('L', 0.0);
        for (int k : by_topic[t])
          cols.push_back(k), vals.push_back(day_pos(cand[static_cast<std::size_t>(k)].day) - big_m);
        for (int k : by_topic[pre])
          cols.push_back(k), vals.push_back(-day_pos(cand[static_cast<std::size_t>(k)].day));
        add_row('G', 1.0 - big_m);
      }
    }
  }
  if (fam.minimums) {
    for (StaffRole r : roles) {
      const int need = r == StaffRole::counsellor ? c.min_counsellor_days : c.min_assistant_days;
      if (need <= 0) continue;
      for (int k = 0; k < n_y; ++k) {
        if (includes(p.proposals[static_cast<std::size_t>(cand[static_cast<std::size_t>(k)].topic)]
                         .audience,
                     r)) {
          cols.push_back(k), vals.push_back(1.0);
        }
      }
      add_row('G', need);
    }
    auto topic_of = [&](int k) -> const TopicProposal& {
      return p.proposals[static_cast<std::size_t>(cand[static_cast<std::size_t>(k)].topic)];
    };
    for (StaffRole r : roles) {
      const int need = own_need(c, r);
      if (need <= 0) continue;
      for (int k = 0; k < n_y; ++k) {
        if (topic_of(k).audience == own_audience(r)) cols.push_back(k), vals.push_back(1.0);
      }
      add_row('G', need);
    }
    for (SessionFormat f : c.assistant_formats) {
      for (int k = 0; k < n_y; ++k) {
        if (topic_of(k).audience == Audience::assistants && topic_of(k).format == f)
          cols.push_back(k), vals.push_back(1.0);
      }
      add_row('G', 1.0);
    }
  }
  SolveResult res;
  if (n_y == 0) {
    res.kind = D == 0 ? SolveResult::Kind::optimal : SolveResult::Kind::infeasible;
    return res;
  }
  Cbc_solve(m);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (Cbc_isProvenInfeasible(m)) {
    res.kind = SolveResult::Kind::infeasible;
    return res;
  }
  const double* sol = Cbc_bestSolution(m);
  if (sol == nullptr) {
    res.kind = SolveResult::Kind::no_solution;
    return res;
  }
  for (int k = 0; k < n_y; ++k) {
    if (sol[k] > 0.5) res.chosen.push_back(cand[static_cast<std::size_t>(k)]);
  }
  res.objective = Cbc_getObjValue(m);
  res.bound = Cbc_getBestPossibleObjValue(m);
  res.kind = Cbc_isProvenOptimal(m) ? SolveResult::Kind::optimal : SolveResult::Kind::feasible;
  if (res.kind == SolveResult::Kind::optimal) res.bound = res.objective;
  return res;
}

/// Explanations after the solver proved infeasibility: which single family, relaxed, helps, and
/// how many days can be planned at most.
std::vector<std::string> diagnose(const Instance& in, double time_limit) {
  std::vector<std::string> out;
  out.push_back("the solver (CBC) proved that no plan meets every hard constraint together");
  Families count;
  count.exact_days = false;
  count.maximise_count = true;
  const auto best = solve_mip(in, count, {}, 0.0, {}, time_limit);
  if (best.kind == SolveResult::Kind::optimal) {
    out.push_back("at most " + std::to_string(best.chosen.size()) + " of the " +
                  std::to_string(in.commissioned) + " commissioned days can be planned");
  }
  struct Relax {
    const char* what;
    bool Families::*flag;
  };
  const std::array<Relax, 4> relax{
      {{"the minimum spacing between days of the same audience", &Families::spacing},
       {"the monthly cap", &Families::monthly},
       {"the precedence links", &Families::precedence},
       {"the minimum days per audience (and the assistants' own days and formats)",
        &Families::minimums}}};
  bool any = false;
  for (const auto& r : relax) {
    Families f;
    f.*(r.flag) = false;
    const auto res = solve_mip(in, f, {}, 0.0, {}, time_limit);
    if (res.kind == SolveResult::Kind::optimal || res.kind == SolveResult::Kind::feasible) {
      out.push_back(std::string("relaxing ") + r.what + " alone makes it feasible");
      any = true;
    }
  }
  if (!any) out.push_back("no single constraint family, relaxed alone, makes it feasible");
  return out;
}

// ---------------------------------------------------------------------------------------------
// From chosen (topic, day) pairs to sessions.

struct Previous {
  std::string id;
  std::vector<std::string> speakers;
  std::string venue;
};

std::vector<Session> build_sessions(const Instance& in, std::vector<Candidate> chosen,
                                    const std::map<int, Previous>& previous_by_topic,
                                    std::set<std::string>& used_ids) {
  const Programme& p = *in.p;
  std::sort(chosen.begin(), chosen.end(), [&](const Candidate& a, const Candidate& b) {
    const Date da = in.days[static_cast<std::size_t>(a.day)],
               db = in.days[static_cast<std::size_t>(b.day)];
    return da != db ? da < db : a.topic < b.topic;
  });
  std::vector<int> load(p.speakers.size(), 0);
  std::vector<Session> out;
  int next = 1;
  auto fresh_id = [&]() {
    for (;; ++next) {
      std::string id = (next < 10 ? "S0" : "S") + std::to_string(next);
      if (used_ids.insert(id).second) return id;
    }
  };
  // Keep previous ids first so fresh ids never take them.
  for (const auto& [t, prev] : previous_by_topic) used_ids.insert(prev.id);
  for (const auto& x : chosen) {
    const auto& t = p.proposals[static_cast<std::size_t>(x.topic)];
    const Date d = in.days[static_cast<std::size_t>(x.day)];
    const auto prev_it = previous_by_topic.find(x.topic);
    Session s;
    s.id = prev_it != previous_by_topic.end() ? prev_it->second.id : fresh_id();
    s.date = d;
    s.half_days = 2;
    s.format = t.format;
    s.audience = t.audience;
    s.topics = {t.id};
    s.phone_bridge = t.format == SessionFormat::phone_meeting;
    if (t.speaker_kind) {
      const auto options = speakers_for(p, t, d);
      std::optional<std::size_t> pick;
      if (prev_it != previous_by_topic.end()) {
        for (std::size_t i : options) {
          const auto& ps = prev_it->second.speakers;
          if (std::find(ps.begin(), ps.end(), p.speakers[i].id) != ps.end()) pick = i;
        }
      }
      if (!pick) {
        for (std::size_t i : options) {
          if (!pick || load[i] < load[*pick]) pick = i;
        }
      }
      if (pick) {
        ++load[*pick];
        s.speakers = {p.speakers[*pick].id};
      }
    }
    if (needs_venue(t)) {
      auto options = venues_for(p, t, d);
      std::optional<std::size_t> pick;
      if (prev_it != previous_by_topic.end()) {
        for (std::size_t i : options) {
          if (p.venues[i].id == prev_it->second.venue) pick = i;
        }
      }
      if (!pick) {
        for (std::size_t i : options) {
          const auto& v = p.venues[i];
          if (!pick) {
            pick = i;
            continue;
          }
          const auto& w = p.venues[*pick];
          const auto key_v = std::make_pair(static_cast<int>(v.kind), v.capacity);
          const auto key_w = std::make_pair(static_cast<int>(w.kind), w.capacity);
          if (key_v < key_w) pick = i;
        }
      }
      if (pick) s.venue = p.venues[*pick].id;
    }
    out.push_back(std::move(s));
  }
  return out;
}

[[noreturn]] void throw_infeasible(const Instance& in, std::vector<std::string> extra) {
  std::vector<std::string> all = in.fatal;
  for (auto& e : extra) all.push_back(std::move(e));
  // Name the unschedulable topics too: they are often the cause.
  for (const auto& n : in.notes) all.push_back(n);
  throw InfeasibleError(std::move(all));
}

std::vector<DateRange> subtract(const std::vector<DateRange>& ranges, const DateRange& cut) {
  std::vector<DateRange> out;
  for (const auto& r : ranges) {
    if (!r.overlaps(cut)) {
      out.push_back(r);
      continue;
    }
    if (r.first() < cut.first()) out.emplace_back(r.first(), cut.first() - 1);
    if (cut.last() < r.last()) out.emplace_back(cut.last() + 1, r.last());
  }
  return out;
}

std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

// --- enums, constraints ----------------------------------------------------------------------

std::string_view to_string(BallotWeighting v) noexcept {
  return v == BallotWeighting::per_head ? "per_head" : "per_audience";
}

BallotWeighting ballot_weighting_from_string(std::string_view s) {
  return parse_name<BallotWeighting>(weighting_names, s, "ballot weighting");
}
std::optional<BallotWeighting> try_ballot_weighting_from_string(std::string_view s) noexcept {
  return find_name<BallotWeighting>(weighting_names, s);
}

std::vector<double> topic_priorities(const Programme& p, const ScheduleConstraints& c) {
  std::vector<std::string> ids;
  ids.reserve(p.proposals.size());
  for (const auto& t : p.proposals) ids.push_back(t.id);
  std::vector<double> out(ids.size(), 0.0);
  if (c.ballot_weighting == BallotWeighting::per_head) {
    const auto prio = aggregate_ballots(ids, p.ballots, c.rule);
    for (std::size_t t = 0; t < out.size(); ++t) out[t] = prio[t].score;
    return out;
  }
  // Per audience: each role's ballots aggregated apart, as a mean per ballot, then scaled so
  // that every role that voted weighs as B / k voters (B ballots, k roles).
  std::map<std::string, StaffRole, std::less<>> role_of;
  for (const auto& m : p.members) role_of.emplace(m.id, m.role);
  std::array<std::vector<Ballot>, 2> by_role;
  for (const auto& b : p.ballots) {
    auto it = role_of.find(b.member);
    // Ballots of unknown members are refused by Programme::check(); count them as counsellors'
    // here so that a programme built by hand and not checked still aggregates every ballot.
    const StaffRole r = it == role_of.end() ? StaffRole::counsellor : it->second;
    by_role[static_cast<std::size_t>(role_index(r))].push_back(b);
  }
  const auto voting = static_cast<double>(
      std::count_if(by_role.begin(), by_role.end(), [](const auto& v) { return !v.empty(); }));
  const auto total = static_cast<double>(p.ballots.size());
  for (const auto& ballots : by_role) {
    if (ballots.empty()) continue;
    const auto prio = aggregate_ballots(ids, ballots, c.rule);
    const double scale = total / (voting * static_cast<double>(ballots.size()));
    for (std::size_t t = 0; t < out.size(); ++t) out[t] += scale * prio[t].score;
  }
  return out;
}

std::string_view to_string(PlanStatus v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < status_names.size() ? status_names[i] : "?";
}

PlanStatus plan_status_from_string(std::string_view s) {
  return parse_name<PlanStatus>(status_names, s, "plan status");
}
std::optional<PlanStatus> try_plan_status_from_string(std::string_view s) noexcept {
  return find_name<PlanStatus>(status_names, s);
}

std::string_view to_string(PlanChange::Kind v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < change_names.size() ? change_names[i] : "?";
}

PlanChange::Kind plan_change_kind_from_string(std::string_view s) {
  return parse_name<PlanChange::Kind>(change_names, s, "plan change");
}
std::optional<PlanChange::Kind> try_plan_change_kind_from_string(std::string_view s) noexcept {
  return find_name<PlanChange::Kind>(change_names, s);
}

bool ScheduleConstraints::is_blackout(Date d) const noexcept {
  return std::any_of(blackouts.begin(), blackouts.end(),
                     [d](const Closure& c) { return c.period.contains(d); });
}

bool ScheduleConstraints::is_candidate_day(Date d) const {
  return calendar.is_working_day(d) && !is_blackout(d);
}

double ScheduleConstraints::weekday_weight(Date d) const noexcept {
  double w = 0.0;
  for (const auto& x : weekday_weights) {
    if (x.day == d.weekday()) w += x.weight;
  }
  return w;
}

InfeasibleError::InfeasibleError(std::vector<std::string> explanations)
    : Error(ErrorCode::infeasible, "no plan meets the hard constraints: " +
                                       (explanations.empty() ? std::string("(no explanation)")
                                                             : join(explanations, "; "))),
      explanations_(std::move(explanations)) {}

// --- objective, validation -------------------------------------------------------------------

ObjectiveTerms evaluate(const Programme& programme, const std::vector<Session>& sessions,
                        const ScheduleConstraints& c) {
  ObjectiveTerms terms;
  const auto prio = topic_priorities(programme, c);
  std::map<std::string, double, std::less<>> score;
  for (std::size_t t = 0; t < prio.size(); ++t) score[programme.proposals[t].id] = prio[t];
  std::map<YearMonth, int> count;
  std::set<YearMonth> usable;
  for (std::int64_t k = 0; k < programme.period.length_days(); ++k) {
    const Date d = programme.period.first() + k;
    if (c.is_candidate_day(d)) usable.insert(month_key(d));
  }
  for (const auto& s : sessions) {
    for (const auto& t : s.topics) {
      auto it = score.find(t);
      if (it != score.end()) terms.priority += c.priority_weight * it->second;
    }
    terms.weekdays += c.weekday_weight(s.date);
    ++count[month_key(s.date)];
  }
  if (!usable.empty()) {
    const double q =
        static_cast<double>(programme.commissioned_days) / static_cast<double>(usable.size());
    double dev = 0.0;
    for (YearMonth m : usable) dev += std::abs(static_cast<double>(count[m]) - q);
    for (const auto& [m, k] : count) {
      if (!usable.count(m)) dev += k;  // sessions in unusable months count fully
    }
    terms.spread = c.spread_weight * dev;
  }
  return terms;
}

std::vector<Violation> validate(const Programme& p, const std::vector<Session>& sessions,
                                const ScheduleConstraints& c) {
  std::vector<Violation> out;
  auto add = [&](const char* what, const std::string& session, std::string message) {
    out.push_back({what, session, std::move(message)});
  };
  std::map<std::string, const Speaker*, std::less<>> speakers;
  for (const auto& s : p.speakers) speakers[s.id] = &s;
  std::map<std::string, const Venue*, std::less<>> venues;
  for (const auto& v : p.venues) venues[v.id] = &v;
  std::map<std::string, const TopicProposal*, std::less<>> topics;
  for (const auto& t : p.proposals) topics[t.id] = &t;
  std::map<Date, int> per_date;
  std::map<YearMonth, std::vector<const Session*>> per_month;
  std::map<std::string, const Session*, std::less<>> topic_session;
  for (const auto& s : sessions) {
    const std::string d = s.date.to_string();
    if (!p.period.contains(s.date))
      add("period", s.id,
          "date " + d + " is outside the programme's period " + p.period.to_string());
    if (!c.calendar.is_working_day(s.date)) {
      const auto h = c.calendar.holiday_name(s.date);
      add("working_day", s.id, "date " + d + " is not a working day" + (h ? " (" + *h + ")" : ""));
    }
    if (c.is_blackout(s.date)) add("blackout", s.id, "date " + d + " falls in a blackout period");
    if (++per_date[s.date] == c.max_sessions_per_date + 1) {
      add("one_per_date", s.id,
          "more than " + std::to_string(c.max_sessions_per_date) + " session(s) on " + d);
    }
    per_month[month_key(s.date)].push_back(&s);
    for (const auto& tid : s.topics) {
      auto it = topics.find(tid);
      if (it == topics.end()) {
        add("topic", s.id, "unknown topic " + id_text(tid));
        continue;
      }
      const auto& t = *it->second;
      auto [prev, fresh] = topic_session.emplace(tid, &s);
      if (!fresh)
        add("duplicate_topic", s.id,
            "topic " + id_text(tid) + " is also held in session " + id_text(prev->second->id));
      if (!in_window(t, s.date)) {
        add("topic_window", s.id,
            "topic " + id_text(tid) + " must be held" +
                (t.not_before ? " from " + t.not_before->to_string() : "") +
                (t.deadline ? " by " + t.deadline->to_string() : ""));
      }
      if (t.speaker_kind) {
        const bool has =
            std::any_of(s.speakers.begin(), s.speakers.end(), [&](const std::string& id) {
              auto sp = speakers.find(id);
              return sp != speakers.end() && sp->second->kind == *t.speaker_kind;
            });
        if (!has) {
          add("speaker_kind", s.id,
              "topic " + id_text(tid) + " needs a " + std::string(to_string(*t.speaker_kind)) +
                  " speaker");
        }
      }
    }
    for (const auto& sid : s.speakers) {
      auto sp = speakers.find(sid);
      if (sp == speakers.end()) {
        add("speaker", s.id, "unknown speaker " + id_text(sid));
      } else {
        if (!sp->second->available_on(s.date))
          add("speaker_availability", s.id,
              "speaker " + id_text(sid) + " is not available on " + d);
        // The speaker's organisation must exist on the day (core's dated names: no DRJSCS after
        // 2021-04-01). Its name is checked whole and by its first word ("DRJSCS Île-de-France").
        const std::string& org = sp->second->organisation;
        auto issue = organisation_issue_on(org, s.date);
        if (!issue) issue = organisation_issue_on(org.substr(0, org.find(' ')), s.date);
        if (issue) add("organisation_name", s.id, "speaker " + id_text(sid) + ": " + *issue);
      }
    }
    const int size = p.audience_size(s.audience);
    if (s.format == SessionFormat::phone_meeting) {
      if (!s.phone_bridge) add("phone_bridge", s.id, "a phone meeting needs a phone bridge");
    } else if (s.venue.empty()) {
      add("venue", s.id, "a " + std::string(to_string(s.format)) + " needs a venue");
    }
    if (!s.venue.empty()) {
      auto v = venues.find(s.venue);
      if (v == venues.end()) {
        add("venue", s.id, "unknown venue " + id_text(s.venue));
      } else {
        if (!v->second->available_on(s.date))
          add("venue_availability", s.id,
              "venue " + id_text(s.venue) + " is not available on " + d);
        if (v->second->capacity < size) {
          add("venue_capacity", s.id,
              "venue " + id_text(s.venue) + " seats " + std::to_string(v->second->capacity) +
                  ", the " + std::string(to_string(s.audience)) + " are " + std::to_string(size));
        }
        if (s.format == SessionFormat::site_visit && v->second->kind != VenueKind::off_site) {
          add("venue_kind", s.id, "a site visit must be held off site");
        }
      }
    }
  }
  // Spacing per role.
  if (c.min_spacing_days > 0) {
    for (StaffRole r : roles) {
      std::vector<const Session*> mine;
      for (const auto& s : sessions) {
        if (includes(s.audience, r)) mine.push_back(&s);
      }
      std::sort(mine.begin(), mine.end(),
                [](const Session* a, const Session* b) { return a->date < b->date; });
      for (std::size_t i = 1; i < mine.size(); ++i) {
        const auto gap = mine[i]->date - mine[i - 1]->date;
        if (gap < c.min_spacing_days) {
          add("spacing", mine[i]->id,
              std::string(r == StaffRole::counsellor ? "counsellors" : "assistants") +
                  " have sessions " + std::to_string(gap) + " days apart (" +
                  id_text(mine[i - 1]->id) + " and " + id_text(mine[i]->id) + "), minimum " +
                  std::to_string(c.min_spacing_days));
        }
      }
    }
  }
  for (const auto& [m, ss] : per_month) {
    if (static_cast<int>(ss.size()) > c.max_days_per_month) {
      add("monthly_cap", ss.back()->id,
          m.to_string() + " has " + std::to_string(ss.size()) + " sessions, at most " +
              std::to_string(c.max_days_per_month));
    }
  }
  for (const auto& s : sessions) {
    for (const auto& tid : s.topics) {
      auto it = topics.find(tid);
      if (it == topics.end()) continue;
      for (const auto& a : it->second->after) {
        auto pre = topic_session.find(a);
        if (pre == topic_session.end()) {
          add("precedence", s.id,
              "topic " + id_text(tid) + " must follow topic " + id_text(a) +
                  ", which is not scheduled");
        } else if (!(pre->second->date < s.date)) {
          add("precedence", s.id,
              "topic " + id_text(tid) + " must follow topic " + id_text(a) + " (session " +
                  id_text(pre->second->id) + " on " + pre->second->date.to_string() + ")");
        }
      }
    }
  }
  int half_days = 0;
  for (const auto& s : sessions) half_days += s.half_days;
  if (half_days != 2 * p.commissioned_days) {
    add("commissioned_days", "",
        "the plan has " + fmt_number(half_days / 2.0) + " days, " +
            std::to_string(p.commissioned_days) + " commissioned");
  }
  for (StaffRole r : roles) {
    const int need = r == StaffRole::counsellor ? c.min_counsellor_days : c.min_assistant_days;
    const auto have = std::count_if(sessions.begin(), sessions.end(),
                                    [r](const Session& s) { return includes(s.audience, r); });
    if (have < need) {
      add("audience_minimum", "",
          std::string(r == StaffRole::counsellor ? "counsellors" : "assistants") + " have " +
              std::to_string(have) + " days, at least " + std::to_string(need) + " required");
    }
  }
  for (StaffRole r : roles) {
    const int need = own_need(c, r);
    const Audience own = own_audience(r);
    const auto have = std::count_if(sessions.begin(), sessions.end(),
                                    [own](const Session& s) { return s.audience == own; });
    if (have < need) {
      add("audience_own_minimum", "",
          std::string(to_string(own)) + " have " + std::to_string(have) +
              " days of their own, at least " + std::to_string(need) + " required");
    }
  }
  for (SessionFormat f : c.assistant_formats) {
    const bool found = std::any_of(sessions.begin(), sessions.end(), [f](const Session& s) {
      return s.audience == Audience::assistants && s.format == f;
    });
    if (!found) {
      add("assistant_format", "",
          "no session of the assistants alone is a " + std::string(to_string(f)));
    }
  }
  return out;
}

std::vector<Violation> validate(const Plan& plan) {
  return validate(plan.programme, plan.sessions, plan.constraints);
}

Plan make_plan(const Programme& programme, std::vector<Session> sessions,
               const ScheduleConstraints& c) {
  Plan plan;
  plan.programme = programme;
  plan.constraints = c;
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const Session& a, const Session& b) { return a.date < b.date; });
  plan.sessions = std::move(sessions);
  plan.status = PlanStatus::hand_made;
  plan.terms = evaluate(programme, plan.sessions, c);
  plan.objective = plan.terms.total();
  plan.bound = plan.objective;
  return plan;
}

// --- schedule, replan ------------------------------------------------------------------------

Plan schedule(const Programme& programme, const ScheduleConstraints& c) {
  const auto start = std::chrono::steady_clock::now();
  const Instance in = prepare(programme, c, std::nullopt, {});
  if (!in.fatal.empty()) throw_infeasible(in, {});
  const auto res = solve_mip(in, Families{}, {}, 0.0, {}, c.time_limit_seconds);
  if (res.kind == SolveResult::Kind::infeasible)
    throw_infeasible(in, diagnose(in, c.time_limit_seconds));
  if (res.kind == SolveResult::Kind::no_solution) {
    throw Error(ErrorCode::out_of_range, "no plan found within the time limit of " +
                                             fmt_number(c.time_limit_seconds) +
                                             " s; raise time_limit_seconds");
  }
  Plan plan;
  plan.programme = programme;
  plan.programme.sessions.clear();
  plan.constraints = c;
  std::set<std::string> used;
  plan.sessions = build_sessions(in, res.chosen, {}, used);
  plan.status = res.kind == SolveResult::Kind::optimal ? PlanStatus::optimal : PlanStatus::feasible;
  plan.terms = evaluate(programme, plan.sessions, c);
  plan.objective = plan.terms.total();
  plan.bound =
      res.kind == SolveResult::Kind::optimal ? plan.objective : std::max(res.bound, plan.objective);
  plan.notes = in.notes;
  plan.solve_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return plan;
}

Plan replan(const Plan& plan, const PlanChange& change) {
  const auto start = std::chrono::steady_clock::now();
  Programme p = plan.programme;
  if (change.kind == PlanChange::Kind::speaker_cancelled) {
    auto it = std::find_if(p.speakers.begin(), p.speakers.end(),
                           [&](const Speaker& s) { return s.id == change.id; });
    if (it == p.speakers.end())
      throw NotFound(change.id, "no speaker with id " + excerpt(change.id) + "");
    const auto base =
        it->availability.empty()
            ? std::vector<DateRange>{DateRange(std::min(p.period.first(), change.period.first()),
                                               std::max(p.period.last(), change.period.last()))}
            : it->availability;
    it->availability = subtract(base, change.period);
    if (it->availability.empty()) {
      // Never available any more: keep a range outside every possible date so "empty" (always
      // available) does not come back.
      it->availability.push_back(DateRange::single(Date(1, 1, 1)));
    }
  } else {
    auto it = std::find_if(p.venues.begin(), p.venues.end(),
                           [&](const Venue& v) { return v.id == change.id; });
    if (it == p.venues.end())
      throw NotFound(change.id, "no venue with id " + excerpt(change.id) + "");
    it->closures.push_back(change.period);
  }
  std::map<std::string, std::size_t, std::less<>> topic_index;
  for (std::size_t t = 0; t < p.proposals.size(); ++t) topic_index[p.proposals[t].id] = t;
  std::vector<std::pair<int, Date>> forced;
  std::map<int, Previous> previous;
  for (const auto& s : plan.sessions) {
    if (s.topics.size() != 1) {
      throw InvalidArgument("replan handles plans with one topic per session; session " +
                            excerpt(s.id) + " has " + std::to_string(s.topics.size()));
    }
    const int t = static_cast<int>(topic_index.at(s.topics.front()));
    previous[t] = Previous{s.id, s.speakers, s.venue};
    if (change.as_of && s.date < *change.as_of) forced.emplace_back(t, s.date);
  }
  const Instance in = prepare(p, plan.constraints, change.as_of, forced);
  if (!in.fatal.empty()) throw_infeasible(in, {});
  std::map<Date, int> day_index;
  for (std::size_t i = 0; i < in.days.size(); ++i) day_index[in.days[i]] = static_cast<int>(i);
  std::set<std::pair<int, int>> kept, forced_pairs;
  for (const auto& s : plan.sessions) {
    auto d = day_index.find(s.date);
    if (d == day_index.end()) continue;
    const int t = static_cast<int>(topic_index.at(s.topics.front()));
    kept.insert({t, d->second});
    if (change.as_of && s.date < *change.as_of) forced_pairs.insert({t, d->second});
  }
  // K exceeds any difference of objective between two plans: the D largest positive
  // coefficients plus the largest possible spread penalty, plus one.
  std::vector<double> coefs;
  for (double pr : topic_priorities(p, plan.constraints))
    coefs.push_back(plan.constraints.priority_weight * pr);
  std::sort(coefs.rbegin(), coefs.rend());
  double top = 0.0;
  for (std::size_t i = 0; i < coefs.size() && i < static_cast<std::size_t>(p.commissioned_days);
       ++i)
    top += std::abs(coefs[i]);
  double max_weekday = 0.0;
  for (const auto& w : plan.constraints.weekday_weights)
    max_weekday = std::max(max_weekday, std::abs(w.weight));
  const double big_k = top + max_weekday * p.commissioned_days +
                       2.0 * std::abs(plan.constraints.spread_weight) * p.commissioned_days + 1.0;
  const auto res =
      solve_mip(in, Families{}, kept, big_k, forced_pairs, plan.constraints.time_limit_seconds);
  if (res.kind == SolveResult::Kind::infeasible)
    throw_infeasible(in, diagnose(in, plan.constraints.time_limit_seconds));
  if (res.kind == SolveResult::Kind::no_solution) {
    throw Error(ErrorCode::out_of_range,
                "no plan found within the time limit; raise time_limit_seconds");
  }
  Plan out;
  out.programme = p;
  out.constraints = plan.constraints;
  std::set<std::string> used;
  // Sessions whose topic stays get their previous id (moved or not); dropped topics' ids are
  // kept reserved so that new sessions never reuse them.
  std::map<int, Previous> prev_kept;
  std::set<int> chosen_topics;
  for (const auto& x : res.chosen) chosen_topics.insert(x.topic);
  for (const auto& [t, prev] : previous) {
    used.insert(prev.id);
    if (chosen_topics.count(t)) prev_kept[t] = prev;
  }
  out.sessions = build_sessions(in, res.chosen, prev_kept, used);
  std::set<std::pair<std::string, Date>> now;
  for (const auto& s : out.sessions) now.insert({s.topics.front(), s.date});
  for (const auto& s : plan.sessions) {
    if (!now.count({s.topics.front(), s.date})) out.moved.push_back(s.id);
  }
  out.status = res.kind == SolveResult::Kind::optimal ? PlanStatus::optimal : PlanStatus::feasible;
  out.terms = evaluate(p, out.sessions, plan.constraints);
  out.objective = out.terms.total();
  out.bound = out.objective;
  if (res.kind != SolveResult::Kind::optimal) {
    out.bound =
        std::max(out.objective,
                 res.bound - big_k * static_cast<double>(plan.sessions.size() - out.moved.size()));
  }
  out.notes = in.notes;
  out.solve_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

Json schedule_model(const Programme& programme, const ScheduleConstraints& c) {
  const Instance in = prepare(programme, c, std::nullopt, {});
  Json j = Json::object();
  j["commissioned_days"] = in.commissioned;
  j["max_days_per_month"] = c.max_days_per_month;
  j["max_sessions_per_date"] = c.max_sessions_per_date;
  j["min_spacing_days"] = c.min_spacing_days;
  j["min_counsellor_days"] = c.min_counsellor_days;
  j["min_assistant_days"] = c.min_assistant_days;
  j["min_counsellor_own_days"] = c.min_counsellor_own_days;
  j["min_assistant_own_days"] = c.min_assistant_own_days;
  Json formats = Json::array();
  for (SessionFormat f : c.assistant_formats) formats.push_back(to_string(f));
  j["assistant_formats"] = formats;
  j["spread_weight"] = c.spread_weight;
  j["days"] = in.days;
  Json months = Json::array();
  for (YearMonth m : in.months) months.push_back(m.to_string());
  j["months"] = months;
  j["day_month"] = in.day_month;
  Json topics = Json::array();
  for (std::size_t t = 0; t < programme.proposals.size(); ++t) {
    const auto& tp = programme.proposals[t];
    Json x = Json::object();
    x["id"] = tp.id;
    x["audience"] = to_string(tp.audience);
    x["priority"] = in.priority[t];
    Json after = Json::array();
    for (const auto& a : tp.after) {
      for (std::size_t u = 0; u < programme.proposals.size(); ++u) {
        if (programme.proposals[u].id == a) after.push_back(u);
      }
    }
    x["after"] = after;
    Json cands = Json::array();
    for (int d : in.eligible[t]) {
      const double coef = c.priority_weight * in.priority[t] +
                          c.weekday_weight(in.days[static_cast<std::size_t>(d)]);
      cands.push_back(Json::array({d, coef}));
    }
    x["candidates"] = cands;
    topics.push_back(x);
  }
  j["topics"] = topics;
  j["fatal"] = in.fatal;
  return j;
}

// --- reference instance ----------------------------------------------------------------------

Programme make_reference_programme(const ReferenceOptions& o) {
  std::uint64_t state = o.seed;
  auto uniform = [&](int lo, int hi) {  // inclusive, unbiased enough for a generator (2^64 range)
    const auto span = static_cast<std::uint64_t>(hi - lo + 1);
    return lo + static_cast<int>(splitmix(state) % span);
  };
  Programme p;
  p.id = "pro-" + std::to_string(o.year);
  p.title = "Professionnalisation des antennes VAE " + std::to_string(o.year);
  const Date first(o.year, 1, 1), last(o.year, 12, 31);
  p.period = DateRange(first, last);
  p.commissioned_days = o.commissioned_days;
  const std::array<const char*, 8> antennes{"Paris", "Créteil", "Versailles", "Évry",
                                            "Cergy", "Melun",   "Bobigny",    "Nanterre"};
  for (int i = 1; i <= 28; ++i) {
    p.members.push_back({"C" + std::to_string(i), "Conseiller " + std::to_string(i),
                         StaffRole::counsellor, antennes[static_cast<std::size_t>((i - 1) % 8)]});
  }
  for (int i = 1; i <= 8; ++i) {
    p.members.push_back({"A" + std::to_string(i), "Assistant " + std::to_string(i),
                         StaffRole::assistant, antennes[static_cast<std::size_t>(i - 1)]});
  }
  const std::array<OrganisationKind, 5> kinds{
      OrganisationKind::certifier, OrganisationKind::funding_body, OrganisationKind::academic,
      OrganisationKind::public_body, OrganisationKind::peer};
  // Organisations as a 2025 programme names them (the DRJSCS became the DREETS, in
  // Île-de-France the DRIEETS, on 1 April 2021, décret 2020-1545; the OPCA became OPCO on
  // 1 April 2019): the State's regional service that certifies the DEAES, the funders, the
  // universities, the Region and France VAE, the network's centres. Names rotate within a kind
  // without drawing from the generator, so the instance is the one of earlier versions.
  const std::array<std::array<const char*, 3>, 5> orgs{{
      {"DRIEETS Île-de-France (certification du DEAES)",
       "DRIEETS Île-de-France (certification du DEAES)",
       "DRIEETS Île-de-France (certification du DEAES)"},
      {"OPCO Santé", "Uniformation (OPCO Cohésion sociale)", "Akto"},
      {"Université Paris-Est Créteil", "Conservatoire national des arts et métiers",
       "Université Paris Nanterre"},
      {"Conseil régional d'Île-de-France", "France VAE", "Conseil régional d'Île-de-France"},
      {"Centre de conseil VAE de Paris", "Centre de conseil VAE de Créteil",
       "Centre de conseil VAE de Versailles"},
  }};
  const std::array<const char*, 5> functions{"Chargée de la certification DEAES",
                                             "Conseiller formation", "Enseignant-chercheur",
                                             "Chargée de mission VAE", "Conseillère VAE"};
  for (int i = 0; i < o.speakers; ++i) {
    Speaker s;
    s.id = "SP" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    s.kind = kinds[static_cast<std::size_t>(i % 5)];
    s.organisation = orgs[static_cast<std::size_t>(i % 5)][static_cast<std::size_t>((i / 5) % 3)];
    s.name = std::string(functions[static_cast<std::size_t>(i % 5)]) + ", " + s.organisation;
    const int windows = uniform(3, 5);
    std::vector<DateRange> av;
    for (int w = 0; w < windows; ++w) {
      const Date a = first + uniform(0, 330);
      av.emplace_back(a, std::min(last, a + uniform(14, 40)));
    }
    s.availability = union_of(av);
    p.speakers.push_back(std::move(s));
  }
  p.venues = {
      {"V1",
       "Défi métiers — grande salle",
       VenueKind::organiser_premises,
       40,
       {},
       {DateRange(Date(o.year, 4, 14), Date(o.year, 4, 25))}},
      {"V2", "Défi métiers — salle 2", VenueKind::organiser_premises, 12, {}, {}},
      {"V3",
       "Antenne de Créteil",
       VenueKind::off_site,
       15,
       {DateRange(Date(o.year, 1, 1), Date(o.year, 6, 30))},
       {}},
      {"V4",
       "Cité des métiers",
       VenueKind::off_site,
       45,
       {},
       {DateRange(Date(o.year, 9, 1), Date(o.year, 9, 30))}},
  };
  const std::array<const char*, 10> subjects{
      "Recevabilité", "Financement",   "Jury",     "Livret 2", "Accompagnement",
      "Orientation",  "Certification", "Handicap", "Réforme",  "Accueil"};
  for (int i = 0; i < o.topics; ++i) {
    TopicProposal t;
    t.id = "T" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    t.title = std::string(subjects[static_cast<std::size_t>(i % 10)]);
    const int a = uniform(0, 9);
    t.audience = a < 6 ? Audience::counsellors : (a < 8 ? Audience::assistants : Audience::both);
    const int f = uniform(0, 9);
    if (t.audience == Audience::assistants) {
      t.format = f < 4 ? SessionFormat::phone_meeting
                       : (f < 7 ? SessionFormat::site_visit : SessionFormat::peer_exchange);
    } else {
      t.format = f < 6 ? SessionFormat::speaker_meeting
                       : (f < 8 ? SessionFormat::peer_exchange : SessionFormat::workshop);
    }
    if (t.format == SessionFormat::speaker_meeting)
      t.speaker_kind = kinds[static_cast<std::size_t>(uniform(0, 3))];
    if (t.format == SessionFormat::peer_exchange && uniform(0, 1) == 0)
      t.speaker_kind = OrganisationKind::peer;
    t.proposed_by = t.audience == Audience::assistants ? "A" + std::to_string(uniform(1, 8))
                                                       : "C" + std::to_string(uniform(1, 28));
    if (i >= 4 && uniform(0, 2) == 0) {
      t.after.push_back(p.proposals[static_cast<std::size_t>(uniform(0, i - 1))].id);
    }
    const int w = uniform(0, 9);
    if (w == 0) t.deadline = Date(o.year, uniform(5, 7), 30);
    if (w == 1) t.not_before = Date(o.year, uniform(2, 4), 1);
    if (t.format == SessionFormat::speaker_meeting &&
        *t.speaker_kind == OrganisationKind::certifier) {
      t.tags.push_back("RNCP36004");
    }
    p.proposals.push_back(std::move(t));
  }
  // Titles as a real programme words them, from the subject, the format and the speaker.
  const std::array<const char*, 10> about{"la recevabilité et le dossier de faisabilité",
                                          "financer un parcours VAE (CPF, OPCO, Région)",
                                          "préparer le candidat au jury",
                                          "accompagner l'écriture du dossier de validation",
                                          "les pratiques d'accompagnement",
                                          "orienter vers la VAE, la VAP ou le bilan de compétences",
                                          "choisir la certification : lire une fiche RNCP",
                                          "la VAE des personnes en situation de handicap",
                                          "la réforme de la VAE et France VAE (loi 2022-1598)",
                                          "l'accueil et l'information du public sur la VAE"};
  for (std::size_t i = 0; i < p.proposals.size(); ++i) {
    auto& t = p.proposals[i];
    const std::string what = about[i % 10];
    std::string head;
    switch (t.format) {
      case SessionFormat::speaker_meeting:
        switch (*t.speaker_kind) {
          case OrganisationKind::certifier:
            head = "Le DEAES (RNCP36004) présenté par la DRIEETS";
            break;
          case OrganisationKind::funding_body: head = "Rencontre avec les OPCO"; break;
          case OrganisationKind::academic: head = "Regards de chercheurs"; break;
          case OrganisationKind::public_body: head = "Le Conseil régional et France VAE"; break;
          case OrganisationKind::peer: head = "Témoignage d'un centre de conseil"; break;
        }
        break;
      case SessionFormat::peer_exchange: head = "Échange de pratiques"; break;
      case SessionFormat::site_visit: head = "Visite d'un lieu d'accueil VAE"; break;
      case SessionFormat::phone_meeting: head = "Réunion téléphonique des assistants"; break;
      case SessionFormat::workshop: head = "Atelier"; break;
    }
    t.title = head + " : " + what;
  }
  for (const auto& m : p.members) {
    std::vector<std::string> pool;
    for (const auto& t : p.proposals) {
      if (includes(t.audience, m.role)) pool.push_back(t.id);
    }
    Ballot b;
    b.member = m.id;
    const int k = std::min(static_cast<int>(pool.size()), uniform(6, 10));
    for (int r = 0; r < k; ++r) {
      const auto idx = static_cast<std::size_t>(uniform(0, static_cast<int>(pool.size()) - 1));
      b.ranking.push_back(pool[idx]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(idx));
    }
    p.ballots.push_back(std::move(b));
  }
  p.check();
  return p;
}

ScheduleConstraints make_reference_constraints(int year) {
  ScheduleConstraints c;
  c.blackouts = {
      {DateRange(Date(year, 8, 1), Date(year, 8, 31)), "fermeture estivale"},
      {DateRange(Date(year, 12, 20), Date(year, 12, 31)), "vacances de Noël"},
      {DateRange(Date(year, 1, 1), Date(year, 1, 5)), "vacances de Noël"},
  };
  c.min_spacing_days = 14;
  c.max_days_per_month = 2;
  c.min_assistant_days = 4;
  // The benchmark instance keeps the rules its times were measured with (docs/performance.md):
  // ballots per head, no own-days rule. The network's rules are the example's
  // (examples/data/training/constraints-2025.json).
  c.ballot_weighting = BallotWeighting::per_head;
  c.time_limit_seconds = 60.0;
  return c;
}

// --- JSON -------------------------------------------------------------------------------------

void to_json(Json& j, const WeekdayWeight& v) {
  j = Json::object();
  j["day"] = to_string(v.day);
  j["weight"] = v.weight;
}

void from_json(const Json& j, WeekdayWeight& v) {
  const auto name = json_field<std::string>(j, "day");
  for (int i = 1; i <= 7; ++i) {
    if (to_string(static_cast<Weekday>(i)) == name) {
      v.day = static_cast<Weekday>(i);
      v.weight = json_field<double>(j, "weight");
      return;
    }
  }
  throw ParseError(SourceLocation{{}, 0, 0, "day"}, "unknown weekday " + excerpt(name) + "");
}

void to_json(Json& j, const ScheduleConstraints& v) {
  j = Json::object();
  j["calendar"] = v.calendar;
  j["blackouts"] = v.blackouts;
  j["min_spacing_days"] = v.min_spacing_days;
  j["max_days_per_month"] = v.max_days_per_month;
  j["max_sessions_per_date"] = v.max_sessions_per_date;
  j["min_counsellor_days"] = v.min_counsellor_days;
  j["min_assistant_days"] = v.min_assistant_days;
  j["min_counsellor_own_days"] = v.min_counsellor_own_days;
  j["min_assistant_own_days"] = v.min_assistant_own_days;
  Json formats = Json::array();
  for (SessionFormat f : v.assistant_formats) formats.push_back(to_string(f));
  j["assistant_formats"] = formats;
  j["rule"] = to_string(v.rule);
  j["ballot_weighting"] = to_string(v.ballot_weighting);
  j["priority_weight"] = v.priority_weight;
  j["spread_weight"] = v.spread_weight;
  j["weekday_weights"] = v.weekday_weights;
  j["time_limit_seconds"] = v.time_limit_seconds;
}

void from_json(const Json& j, ScheduleConstraints& v) {
  ScheduleConstraints c;
  if (j.is_object() && j.contains("calendar"))
    c.calendar = json_field<FrenchCalendar>(j, "calendar");
  c.blackouts = json_array_field<Closure>(j, "blackouts");
  c.min_spacing_days = json_field_or<int>(j, "min_spacing_days", c.min_spacing_days);
  c.max_days_per_month = json_field_or<int>(j, "max_days_per_month", c.max_days_per_month);
  c.max_sessions_per_date = json_field_or<int>(j, "max_sessions_per_date", c.max_sessions_per_date);
  c.min_counsellor_days = json_field_or<int>(j, "min_counsellor_days", c.min_counsellor_days);
  c.min_assistant_days = json_field_or<int>(j, "min_assistant_days", c.min_assistant_days);
  c.min_counsellor_own_days =
      json_field_or<int>(j, "min_counsellor_own_days", c.min_counsellor_own_days);
  c.min_assistant_own_days =
      json_field_or<int>(j, "min_assistant_own_days", c.min_assistant_own_days);
  if (j.is_object() && j.contains("assistant_formats")) {
    const auto names = json_array_field<std::string>(j, "assistant_formats");
    for (std::size_t i = 0; i < names.size(); ++i) {
      try {
        c.assistant_formats.push_back(session_format_from_string(names[i]));
      } catch (const InvalidArgument& e) {
        throw ParseError(SourceLocation{{}, 0, 0, "assistant_formats[" + std::to_string(i) + "]"},
                         e.what());
      }
    }
  }
  if (j.is_object() && j.contains("rule"))
    c.rule = json_enum_field<AggregationRule>(j, "rule", aggregation_rule_from_string);
  if (j.is_object() && j.contains("ballot_weighting"))
    c.ballot_weighting =
        json_enum_field<BallotWeighting>(j, "ballot_weighting", ballot_weighting_from_string);
  c.priority_weight = json_field_or<double>(j, "priority_weight", c.priority_weight);
  c.spread_weight = json_field_or<double>(j, "spread_weight", c.spread_weight);
  if (j.is_object() && j.contains("weekday_weights"))
    c.weekday_weights = json_array_field<WeekdayWeight>(j, "weekday_weights");
  c.time_limit_seconds = json_field_or<double>(j, "time_limit_seconds", c.time_limit_seconds);
  if (c.max_sessions_per_date < 1 || c.min_spacing_days < 0 || c.max_days_per_month < 0 ||
      c.min_counsellor_own_days < 0 || c.min_assistant_own_days < 0 ||
      !(c.time_limit_seconds > 0)) {
    throw ParseError(SourceLocation{}, "constraint numbers out of range");
  }
  v = std::move(c);
}

void to_json(Json& j, const ObjectiveTerms& v) {
  j = Json::object();
  j["priority"] = v.priority;
  j["weekdays"] = v.weekdays;
  j["spread"] = v.spread;
}

void from_json(const Json& j, ObjectiveTerms& v) {
  v.priority = json_field_or<double>(j, "priority", 0.0);
  v.weekdays = json_field_or<double>(j, "weekdays", 0.0);
  v.spread = json_field_or<double>(j, "spread", 0.0);
}

void to_json(Json& j, const Plan& v) {
  j = Json::object();
  j["status"] = to_string(v.status);
  j["objective"] = v.objective;
  j["bound"] = v.bound;
  j["solve_seconds"] = v.solve_seconds;
  j["terms"] = v.terms;
  j["sessions"] = v.sessions;
  j["notes"] = v.notes;
  j["moved"] = v.moved;
  j["constraints"] = v.constraints;
  j["programme"] = v.programme;
}

void from_json(const Json& j, Plan& v) {
  Plan p;
  p.status = json_enum_field<PlanStatus>(j, "status", plan_status_from_string);
  p.objective = json_field<double>(j, "objective");
  p.bound = json_field_or<double>(j, "bound", p.objective);
  p.solve_seconds = json_field_or<double>(j, "solve_seconds", 0.0);
  if (j.is_object() && j.contains("terms")) p.terms = json_field<ObjectiveTerms>(j, "terms");
  p.sessions = json_array_field<Session>(j, "sessions");
  p.notes = json_array_field<std::string>(j, "notes");
  p.moved = json_array_field<std::string>(j, "moved");
  p.constraints = json_field<ScheduleConstraints>(j, "constraints");
  p.programme = json_field<Programme>(j, "programme");
  v = std::move(p);
}

void to_json(Json& j, const Violation& v) {
  j = Json::object();
  j["constraint"] = v.constraint;
  j["session"] = v.session;
  j["message"] = v.message;
}

void to_json(Json& j, const PlanChange& v) {
  j = Json::object();
  j["kind"] = to_string(v.kind);
  j["id"] = v.id;
  j["period"] = v.period;
  j["as_of"] = v.as_of ? Json(*v.as_of) : Json(nullptr);
}

void from_json(const Json& j, PlanChange& v) {
  v.kind = json_enum_field<PlanChange::Kind>(j, "kind", plan_change_kind_from_string);
  v.id = json_field<std::string>(j, "id");
  v.period = json_field<DateRange>(j, "period");
  v.as_of.reset();
  if (j.contains("as_of") && !j["as_of"].is_null()) v.as_of = json_field<Date>(j, "as_of");
}

}  // namespace vaekit
