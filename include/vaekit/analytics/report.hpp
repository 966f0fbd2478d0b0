#pragma once
/// @file
/// @brief The reference activity report (interchange format "activity report"): funnel per
/// cohort year and antenne, durations, monthly activity, counsellor workload; exact, mergeable
/// across partitions of a log (by case), published with disclosure control (`ActivityReport.1`).

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/event_log.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/table.hpp"
#include "vaekit/core/year_month.hpp"
#include "vaekit/pathway/profile.hpp"

namespace vaekit {

class Registry;

/// The count columns of the funnel table, in layout order.
inline constexpr std::array<std::string_view, 15> funnel_columns = {
    "received",       "counselled",         "oriented_vae",
    "oriented_vap",   "oriented_training",  "oriented_skills_assessment",
    "oriented_other", "admissibility_sent", "admissible",
    "jury_held",      "jury_full",          "jury_partial",
    "jury_refused",   "jury_absent",        "dropped_out"};

/// The certification-to-employment step of the funnel (issue 15), in layout order after
/// funnel_columns, present only in reports of logs with follow-ups: `followed_12m` (cases with a
/// full validation whose 12-month follow-up got an answer) and `employed_12m` (of them, in
/// employment: same_job, promotion or new_job). Null on a row with no 12-month follow-up of a
/// certified case ("no data", not 0). docs/analytics.md "Employment after the jury".
inline constexpr std::array<std::string_view, 2> employment_step_columns = {"followed_12m",
                                                                            "employed_12m"};

/// The duration measures, in layout order: wait (received -> appointment_held), preparation
/// (appointment_held -> admissibility_sent), decision (admissibility_sent ->
/// admissibility_decided), to_jury (admissible decision -> jury_held), whole (received ->
/// jury_held); each from the first event of each kind of a case, in whole days.
inline constexpr std::array<std::string_view, 5> duration_measures = {
    "wait", "preparation", "decision", "to_jury", "whole"};

/// An exact distribution of whole numbers: value -> number of occurrences (mergeable by adding).
using Distribution = std::map<std::int32_t, std::uint64_t>;

/// Count, mean, median and a percentile of a Distribution, as numpy computes them.
struct DistributionStats {
  std::uint64_t count = 0;       ///< Number of values.
  std::optional<double> mean;    ///< Sum / count (exact sum), or none when empty.
  std::optional<double> median;  ///< numpy.median, or none when empty.
  std::optional<double> p90;     ///< numpy.percentile(values, 90) (linear), or none when empty.
};

/// The statistics of @p d (see DistributionStats).
[[nodiscard]] DistributionStats describe(const Distribution& d);
/// numpy.percentile(values, @p q) with the default 'linear' method, bit for bit (including
/// numpy's two-sided interpolation formula); @p q in [0, 100]; throws InvalidArgument when empty.
[[nodiscard]] double numpy_percentile(const Distribution& d, double q);
/// numpy.median(values); throws InvalidArgument when empty.
[[nodiscard]] double numpy_median(const Distribution& d);

/// Options of the activity report.
struct ReportOptions {
  /// Published counts below this are suppressed (0: nothing is suppressed). Default 11.
  std::int64_t threshold = 11;
};

/// How a published report is protected.
enum class ProtectionMethod : std::uint8_t {
  none,         ///< Exact figures (threshold 0): internal use only.
  suppression,  ///< Counts under the threshold suppressed, then secondary suppression.
  cell_key,     ///< Suppression under the threshold and cell-key noise on every other count.
};

/// "none", "suppression" or "cell-key".
[[nodiscard]] std::string_view protection_method_name(ProtectionMethod m) noexcept;
/// "none", "suppression" or "cell-key" (the enum contract's name for protection_method_name()).
[[nodiscard]] inline std::string_view to_string(ProtectionMethod m) noexcept {
  return protection_method_name(m);
}
/// The method named @p name ("none", "suppression", "cell-key"); throws InvalidArgument naming
/// the value and the accepted names.
[[nodiscard]] ProtectionMethod protection_method_from_string(std::string_view name);
/// The method named @p name, or std::nullopt (never throws).
[[nodiscard]] std::optional<ProtectionMethod> try_protection_method_from_string(
    std::string_view name) noexcept;

/// How to publish a report (ActivityReport::publish).
struct PublishOptions {
  /// The method; cell-key by default. Forced to none when threshold is 0.
  ProtectionMethod method = ProtectionMethod::cell_key;
  /// Counts below this are suppressed (0: exact figures, no protection). Default 11.
  std::int64_t threshold = 11;
  /// The secret publication key of the cell-key method (bytes; empty: a fixed public key, so
  /// anyone knowing the records of a cell could compute its noise — the output says so).
  std::string key;
  /// Noise of the cell-key method: maximum deviation D and variance V (min_output is set to the
  /// threshold: no published count is below it).
  int max_deviation = 2;
  /// See max_deviation.
  double variance = 1.0;
  /// The protection level p of the audit: the interval an attacker derives for a suppressed
  /// cell of value x must reach x - min(x, p) and x + p.
  double protection = 2;
};

/// The published values of a cell system under one protection (see publish_cells()).
struct CellPublication {
  /// Per cell: the published value, -1 when withheld (suppressed) or hidden.
  std::vector<std::int64_t> published;
  /// Per cell: what the publication tells an attacker of the true value (empty when withheld).
  std::vector<CellBounds> bounds;
  /// The interval audit of the suppressed cells (empty for ProtectionMethod::none).
  std::vector<AuditInterval> audit;
};

/// THE protection step of every publication (the report's tables, PublishedCells' side tables):
/// with @p method none every visible cell is published exactly; otherwise the cells under
/// `options.threshold` are suppressed, then either secondary suppression until no withheld cell
/// is recomputable (suppression) or cell-key noise from the ptable keyed by `options.key` and
/// each cell's record-key sum @p key_sums[i] (cell_key), and in both cases the interval audit
/// with secondary suppression (protect_intervals). Suppresses cells of @p sys.
[[nodiscard]] CellPublication publish_cells(CellSystem& sys,
                                            const std::vector<std::uint64_t>& key_sums,
                                            ProtectionMethod method, const PublishOptions& options);

/// The attributes of the `by_profile` table, in row order (ProfileAttribute order): every one,
/// the columnar log keeping each in its payload (the département since the payload has 32 bits).
inline constexpr std::array<ProfileAttribute, 7> profile_report_attributes = {
    ProfileAttribute::sex,           ProfileAttribute::age_band,    ProfileAttribute::employment,
    ProfileAttribute::qualification, ProfileAttribute::departement, ProfileAttribute::qpv,
    ProfileAttribute::rqth};

/// The rates of the `by_profile` table, each a ratio of two of its published counts (null when
/// either is suppressed or the denominator is 0), as {name, numerator, denominator}.
struct ProfileRate {
  std::string_view name;         ///< The column, e.g. "admissible_rate".
  std::string_view numerator;    ///< A funnel column.
  std::string_view denominator;  ///< A funnel column.
};
/// The rate columns of the `by_profile` table, in layout order.
inline constexpr std::array<ProfileRate, 6> profile_rate_columns = {{
    {"counselled_rate", "counselled", "received"},
    {"admissible_rate", "admissible", "admissibility_sent"},
    {"jury_rate", "jury_held", "received"},
    {"full_rate", "jury_full", "jury_held"},
    {"partial_rate", "jury_partial", "jury_held"},
    {"dropout_rate", "dropped_out", "received"},
}};

/// The value of the `by_channel` table for a case whose first reception states no channel
/// (issue 15; a France VAE `candidacy_submitted` standing for the reception states none).
inline constexpr std::string_view channel_not_stated = "not_stated";
/// The value of the `dropout_reasons` table for a case whose last `dropped_out` has no
/// `reason_code`.
inline constexpr std::string_view reason_not_coded = "not_coded";

/// A cell withheld from a published table: `{"table", "row": key columns, "column"}`.
struct SuppressedCell {
  std::string table;   ///< "funnel", "durations", "monthly" or "workload".
  Json row;            ///< The row's key columns (e.g. year and antenne).
  std::string column;  ///< The suppressed column.
  /// Equality.
  friend bool operator==(const SuppressedCell&, const SuppressedCell&) = default;
};

/// The key figures of one cohort year, or of all cohort years, as PUBLISHED (after disclosure
/// control): each is the published count, or std::nullopt when that cell is suppressed — never a
/// 0 standing for a withheld count.
struct KeyFigures {
  std::optional<int> year;                   ///< The cohort year (std::nullopt: all years).
  std::optional<std::int64_t> received;      ///< People received (cases of the cohort).
  std::optional<std::int64_t> counselled;    ///< Cases with an appointment held.
  std::optional<std::int64_t> admissible;    ///< Cases declared admissible.
  std::optional<std::int64_t> jury_held;     ///< Cases that went before a jury.
  std::optional<std::int64_t> jury_full;     ///< Full validations.
  std::optional<std::int64_t> jury_partial;  ///< Partial validations.
  /// Equality.
  friend bool operator==(const KeyFigures&, const KeyFigures&) = default;
};

/// The names of the KeyFigures counts, in column order of ReportSummary::table().
inline constexpr std::array<std::string_view, 6> key_figure_columns = {
    "received", "counselled", "admissible", "jury_held", "jury_full", "jury_partial"};

/// The headline figures of a published report, the one source of the command's lines, the
/// demo's lines and the page's key figures. Computed from the published tables only, so it never
/// says more than they do: a suppressed cell stays suppressed (std::nullopt), and a sum over
/// cohort years is suppressed as soon as one of its terms is.
struct ReportSummary {
  std::vector<KeyFigures> cohorts;          ///< The totals row (all antennes) of each cohort year.
  KeyFigures all;                           ///< Sums over the cohort years (year std::nullopt).
  std::optional<std::int64_t> whole_count;  ///< Cases in the "whole" duration (suppressed: none).
  std::optional<double> whole_median;       ///< Its median in days (suppressed or none: none).
  std::optional<double> whole_p90;          ///< Its 90th percentile in days (idem).
  std::size_t suppressed_cells = 0;         ///< Cells withheld in the whole report.
  /// The key figures as a table "summary": year (null: all years), then key_figure_columns
  /// (null: suppressed); one row per cohort year, then the all-years row.
  [[nodiscard]] Table table() const;
};

/// The published tables of a report, after disclosure control.
struct PublishedReport {
  std::int64_t threshold = 11;   ///< The threshold applied.
  PublishOptions options;        ///< How it was published (the key is cleared).
  bool keyed = false;            ///< Whether a secret publication key was used.
  Table funnel{"funnel"};        ///< year, antenne (null: totals), the funnel_columns.
  Table durations{"durations"};  ///< measure, count, mean, median, p90.
  Table monthly{"monthly"};  ///< antenne, month (YYYY-MM), received, appointment_held, median_wait.
  Table workload{"workload"};  ///< staff, month, appointment_held.
  /// The funnel, outcomes and rates by profile attribute (issue 15): year, attribute, value,
  /// the funnel_columns, then profile_rate_columns; no row when the log records no profile.
  Table by_profile{"by_profile"};
  /// Employment after the jury (issue 15), published with the report (ReportAnnexes): the
  /// layout of EmploymentIndicators::table; no row unless the annexes asked for it.
  Table employment{"employment"};
  /// The funding mix (FundingReport::mix's layout), published with the report; no row unless
  /// the annexes asked for it and the log has funding events.
  Table funding_mix{"funding_mix"};
  /// The cost per certification obtained (FundingReport::cost's layout), idem.
  Table funding_cost{"funding_cost"};
  /// The outcome rates by certification (outcome_rates()' layout), published with the report
  /// when the annexes give the log and a registry; no row otherwise.
  Table outcomes_by_certification{"outcomes_by_certification"};
  /// The outcome rates by EU level, idem (when asked for in ReportAnnexes::outcomes_by).
  Table outcomes_by_level{"outcomes_by_level"};
  /// The outcome rates by certifier, idem.
  Table outcomes_by_certifier{"outcomes_by_certifier"};
  /// Reception by channel (issue 15): year, antenne (null: totals), value (a channel, or
  /// channel_not_stated), cases: the funnel's received cases by the channel of their first
  /// reception; no row unless some case states a channel (it would repeat the funnel).
  Table by_channel{"by_channel"};
  /// Drop-outs by reason (issue 15): year, antenne (null: totals), value (a reason code, or
  /// reason_not_coded), cases: the funnel's dropped_out cases by the reason code of their last
  /// `dropped_out`; no row unless some drop-out is coded.
  Table dropout_reasons{"dropout_reasons"};
  std::vector<SuppressedCell> suppressed;  ///< Every withheld cell.
  /// The `ActivityReport.1` document (with its `protection` object).
  [[nodiscard]] Json to_json() const;
  /// The `protection` object: method, threshold, noise parameters, audit summary.
  [[nodiscard]] Json protection_json() const;
  /// Writes report.json and the four tables as CSV (each opening with a `# protection:` line)
  /// in @p dir (created if needed), atomically; also by_profile.csv, by_channel.csv and
  /// dropout_reasons.csv when those tables have rows.
  void write(const std::filesystem::path& dir) const;

  /// The disclosure system behind the tables: every count (true values, not published), the
  /// relations that hold, which cells are suppressed. For audit().
  CellSystem cells;
  /// What an attacker knows of each cell of `cells` from the published tables.
  std::vector<CellBounds> bounds;
  /// The published value of each cell of `cells` (-1: suppressed or hidden).
  std::vector<std::int64_t> published;
  /// A label of each cell of `cells`: {"table", "row", "column"} (hidden: {"table": "hidden"}).
  std::vector<Json> labels;
  /// The audit made at publication (audit_intervals over `cells` and `bounds`).
  std::vector<AuditInterval> audit_result;
  /// Re-runs the audit at protection level @p protection.
  [[nodiscard]] std::vector<AuditInterval> audit(double protection) const;
  /// The headline figures, read from the published funnel and durations (see ReportSummary).
  [[nodiscard]] ReportSummary summary() const;
  /// The four tables of every report, in document order: funnel, durations, monthly, workload.
  [[nodiscard]] std::array<const Table*, 4> main_tables() const;
  /// The tables present when they have rows, in document order: by_profile, by_channel,
  /// dropout_reasons, then those of the annexes (ReportAnnexes): employment, funding_mix,
  /// funding_cost, outcomes_by_certification, outcomes_by_level, outcomes_by_certifier.
  /// to_json() and write() leave the empty ones out.
  [[nodiscard]] std::array<const Table*, 9> optional_tables() const;
  /// The published table called @p name ("funnel", "durations", "monthly", "workload",
  /// "by_profile", "by_channel", "dropout_reasons", "employment", "funding_mix", "funding_cost",
  /// "outcomes_by_certification", "outcomes_by_level", "outcomes_by_certifier"); throws NotFound
  /// naming the accepted names.
  [[nodiscard]] const Table& table(std::string_view name) const;
};

/// The tables published with the activity report in its one cell system (issue 15): employment
/// after the jury and the funding tables, computed from the events of the same log read with
/// their data (the follow-ups, the jury results, the profile, the amounts and hours). Their cells
/// join the report's: one protection, one secondary suppression, one audit over every table, and
/// relations to the funnel's cells where they hold (the employment step of the funnel and the
/// 12-month rows of the fully validated; the certified cases and the full validations), so that
/// no withheld cell of one table is the difference of published cells of another.
struct ReportAnnexes {
  /// The events of the log the report was computed on (e.g. read_event_log(path).events, or
  /// EventLog::to_events(), which keeps no amount or hours). Empty: no annex table.
  std::span<const Event> events;
  /// Publish the employment table.
  bool employment = true;
  /// Its groupings (names of employment_groupings; see EmploymentOptions::by).
  std::vector<std::string> employment_by = {"outcome"};
  /// The date follow-ups are due by (default: the latest event date).
  std::optional<Date> as_of;
  /// Publish the funding tables (when the events hold funding requests or decisions).
  bool funding = true;
  /// The columnar log the report was computed on and the registry to join it with: publish the
  /// outcome tables of outcome_rates() by each grouping of @p outcomes_by. None: no outcome table.
  const EventLog* log = nullptr;
  /// See log.
  const Registry* registry = nullptr;
  /// The groupings of the outcome tables ("certification", "level", "certifier").
  std::vector<std::string> outcomes_by = {"certification", "certifier"};
};

/// Audits two publications of nested logs (e.g. the November and December year-to-date
/// reports: every case and event of @p earlier is in @p later): for every cell published in both
/// whose increase is below the threshold of @p later (a "new records" cell an attacker gets by
/// difference), the interval derived from both reports and all their relations, with
/// later = earlier + increase, increase >= 0; plus the suppressed cells of both. Labels follow
/// the cells of @p later then the increases.
[[nodiscard]] std::vector<std::pair<Json, AuditInterval>> audit_publications(
    const PublishedReport& earlier, const PublishedReport& later, double protection);

/// The activity report as exact, mergeable aggregates; published on demand with disclosure
/// control. Two reports computed on logs holding disjoint sets of cases merge into exactly the
/// report of the union (durations keep exact distributions, not sketches).
class ActivityReport {
 public:
  /// The schema of the mergeable state document (see state()).
  static constexpr std::string_view schema_name = "ActivityState";
  /// Its version.
  static constexpr int schema_version = 1;

  /// Funnel counts of one row, in funnel_columns order.
  using FunnelCounts = std::array<std::uint64_t, funnel_columns.size()>;
  /// Key of a funnel row: cohort year and antenne (std::nullopt: the totals row).
  using FunnelKey = std::pair<int, std::optional<std::string>>;
  /// Key of a monthly or workload row: antenne or staff, and the month.
  using MonthKey = std::pair<std::string, YearMonth>;
  /// One monthly row: event counts and the exact distribution of waits of the cases received.
  struct MonthlyCell {
    std::uint64_t received = 0;          ///< received events.
    std::uint64_t appointment_held = 0;  ///< appointment_held events.
    Distribution waits;                  ///< Waits (days) of the cases first received then.
    std::uint64_t received_key = 0;      ///< Sum of the record keys of the received events.
    std::uint64_t held_key = 0;          ///< Sum of the record keys of the appointment events.
    /// Equality.
    friend bool operator==(const MonthlyCell&, const MonthlyCell&) = default;
  };

  /// The certification-to-employment step of one funnel row (issue 15): counts of the cases of
  /// the row with a full validation and a 12-month follow-up, and their record-key sums.
  struct EmploymentStep {
    std::uint64_t surveyed = 0;      ///< A 12-month follow-up recorded (answered or not).
    std::uint64_t followed = 0;      ///< Answered (employment_step_columns[0]).
    std::uint64_t employed = 0;      ///< In employment (employment_step_columns[1]).
    std::uint64_t followed_key = 0;  ///< Sum of the record keys of the followed cases.
    std::uint64_t employed_key = 0;  ///< Sum of the record keys of the employed cases.
    /// Equality.
    friend bool operator==(const EmploymentStep&, const EmploymentStep&) = default;
  };

  /// An empty report (the neutral element of merge()).
  ActivityReport() = default;
  /// Computes the report of @p log (one pass over the events, one over the cases).
  static ActivityReport compute(const EventLog& log, ReportOptions options = {});

  /// The disclosure threshold used when publishing.
  [[nodiscard]] std::int64_t threshold() const noexcept { return threshold_; }
  /// Changes the disclosure threshold (aggregates are kept exact; only publishing changes).
  void set_threshold(std::int64_t t);

  /// Adds the aggregates of @p other (a report on other cases) to this one.
  void merge(const ActivityReport& other);

  /// Funnel counts per (year, antenne), totals rows included.
  [[nodiscard]] const std::map<FunnelKey, FunnelCounts>& funnel_counts() const noexcept {
    return funnel_;
  }
  /// Exact duration distributions, in duration_measures order.
  [[nodiscard]] const std::array<Distribution, 5>& durations() const noexcept { return durations_; }
  /// Monthly rows per (antenne, month).
  [[nodiscard]] const std::map<MonthKey, MonthlyCell>& monthly() const noexcept { return monthly_; }
  /// appointment_held per (staff, month).
  [[nodiscard]] const std::map<MonthKey, std::uint64_t>& workload() const noexcept {
    return workload_;
  }

  /// This report with each staff identifier of the workload replaced by @p rename(id) (counts of
  /// ids renamed alike are added); the other aggregates hold no staff id and are kept. Used by
  /// pseudonymise(const ActivityReport&, const PseudonymKey&) in pseudonym.hpp.
  [[nodiscard]] ActivityReport map_staff(
      const std::function<std::string(std::string_view)>& rename) const;

  /// The certification-to-employment step per funnel row (only rows with a surveyed case;
  /// empty when the log has no 12-month follow-up of a certified case).
  [[nodiscard]] const std::map<FunnelKey, EmploymentStep>& employment_steps() const noexcept {
    return employment_;
  }
  /// Key of a `by_profile` row: cohort year, attribute, and the index of the value in
  /// profile_values(attribute) + 1 (0: no profile recorded, the row `not_recorded`).
  using ProfileKey = std::tuple<int, ProfileAttribute, std::uint16_t>;
  /// Funnel counts per (year, attribute, value) over the cases of the cohort (every received
  /// case counts once per attribute, under its last recorded profile).
  [[nodiscard]] const std::map<ProfileKey, FunnelCounts>& profile_counts() const noexcept {
    return profile_;
  }
  /// Record-key sums of the profile_counts() cells.
  [[nodiscard]] const std::map<ProfileKey, FunnelCounts>& profile_keys() const noexcept {
    return profile_keys_;
  }

  /// Key of a `by_channel` or `dropout_reasons` row: cohort year, antenne of the case's first
  /// reception (std::nullopt: the totals row of the year), value (a code of the vocabulary, or
  /// channel_not_stated / reason_not_coded).
  using CategoryKey = std::tuple<int, std::optional<std::string>, std::string>;
  /// Distinct cases of a `by_channel` or `dropout_reasons` row and their record-key sum.
  struct CategoryCount {
    std::uint64_t cases = 0;  ///< Distinct cases.
    std::uint64_t key = 0;    ///< Sum of their record keys (modulo 2^64).
    /// Equality.
    friend bool operator==(const CategoryCount&, const CategoryCount&) = default;
  };
  /// The funnel's received cases by the channel of their first reception (the event that gives
  /// the cohort year and antenne), per (year, antenne) and per year: per row of the funnel, the
  /// values add up to its received count.
  [[nodiscard]] const std::map<CategoryKey, CategoryCount>& channel_counts() const noexcept {
    return channels_;
  }
  /// The funnel's dropped_out cases by the reason code of their last `dropped_out` (the latest
  /// by time, the later line on a tie): per row of the funnel, the values add up to its
  /// dropped_out count.
  [[nodiscard]] const std::map<CategoryKey, CategoryCount>& dropout_reason_counts() const noexcept {
    return dropout_reasons_;
  }

  /// Record-key sums (cell keys) of the funnel cells, same keys and layout as funnel_counts().
  [[nodiscard]] const std::map<FunnelKey, FunnelCounts>& funnel_keys() const noexcept {
    return funnel_keys_;
  }
  /// Record-key sums of the cases counted in each duration measure.
  [[nodiscard]] const std::array<std::uint64_t, 5>& duration_keys() const noexcept {
    return duration_keys_;
  }
  /// Record-key sums of the workload cells.
  [[nodiscard]] const std::map<MonthKey, std::uint64_t>& workload_keys() const noexcept {
    return workload_keys_;
  }

  /// The published tables, protected as @p options says (the one publication step: aggregates
  /// stay exact, protection is applied here).
  [[nodiscard]] PublishedReport publish(const PublishOptions& options) const;
  /// The published tables and the annexes' tables (employment, funding) protected together in
  /// one cell system, as @p options says; throws InvalidArgument on an unknown employment
  /// grouping. publish(options) is this with no annex.
  [[nodiscard]] PublishedReport publish(const PublishOptions& options,
                                        const ReportAnnexes& annexes) const;
  /// publish() with the default method (cell-key) at threshold() (none when it is 0).
  [[nodiscard]] PublishedReport publish() const;
  /// publish().to_json(): the `ActivityReport.1` document.
  [[nodiscard]] Json to_json() const { return publish().to_json(); }
  /// publish().write(@p dir).
  void write(const std::filesystem::path& dir) const;

  /// Equality of the aggregates and threshold.
  friend bool operator==(const ActivityReport&, const ActivityReport&) = default;

  /// The exact mergeable state, as the body of an `ActivityState.1` document.
  friend void to_json(Json& j, const ActivityReport& r);
  /// Reads the state written by to_json.
  friend void from_json(const Json& j, ActivityReport& r);

 private:
  std::int64_t threshold_ = 11;
  std::map<FunnelKey, FunnelCounts> funnel_;
  std::array<Distribution, 5> durations_;
  std::map<MonthKey, MonthlyCell> monthly_;
  std::map<MonthKey, std::uint64_t> workload_;
  std::map<FunnelKey, FunnelCounts> funnel_keys_;
  std::array<std::uint64_t, 5> duration_keys_{};
  std::map<MonthKey, std::uint64_t> workload_keys_;
  std::map<FunnelKey, EmploymentStep> employment_;  // issue 15: employment after the jury

  std::map<ProfileKey, FunnelCounts> profile_;            // by profile (issue 15)
  std::map<ProfileKey, FunnelCounts> profile_keys_;       // their record-key sums
  std::map<CategoryKey, CategoryCount> channels_;         // by channel (issue 15)
  std::map<CategoryKey, CategoryCount> dropout_reasons_;  // drop-outs by reason (issue 15)
};

/// The report of @p log (ActivityReport::compute).
[[nodiscard]] ActivityReport activity_report(const EventLog& log, ReportOptions options = {});

}  // namespace vaekit
