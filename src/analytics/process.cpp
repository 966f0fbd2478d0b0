// Process views (variants, directly-follows graph, conformance) and XES / OCEL 2.0 exports.
#include "vaekit/analytics/process.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include "vaekit/analytics/report.hpp"
#include "vaekit/core/io.hpp"

namespace vaekit {

std::vector<Variant> variants(const EventLog& log) {
  const auto g = log.group_by_case();
  const auto kinds = log.kind_column();
  std::map<std::vector<EventKind>, std::uint64_t> counts;
  std::vector<EventKind> seq;
  for (std::size_t c = 0; c + 1 < g.offsets.size(); ++c) {
    seq.clear();
    for (auto k = g.offsets[c]; k < g.offsets[c + 1]; ++k) seq.push_back(kinds[g.order[k]]);
    ++counts[seq];
  }
  std::vector<Variant> out;
  out.reserve(counts.size());
  for (auto& [s, n] : counts) out.push_back(Variant{s, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const Variant& a, const Variant& b) { return a.count > b.count; });
  return out;
}

Table variants_table(const EventLog& log) {
  Table t("variants");
  t.add_column("variant", ColumnType::string);
  t.add_column("length", ColumnType::int64);
  t.add_column("count", ColumnType::int64);
  for (const Variant& v : variants(log)) {
    std::string s;
    for (EventKind k : v.events) {
      if (!s.empty()) s += ',';
      s += to_string(k);
    }
    t.columns()[0].push_string(s);
    t.columns()[1].push_int(static_cast<std::int64_t>(v.events.size()));
    t.columns()[2].push_int(static_cast<std::int64_t>(v.count));
  }
  return t;
}

std::vector<DirectlyFollows> directly_follows(const EventLog& log) {
  const auto g = log.group_by_case();
  const auto kinds = log.kind_column();
  const auto times = log.time_column();
  std::map<std::pair<EventKind, EventKind>, Distribution> edges;
  for (std::size_t c = 0; c + 1 < g.offsets.size(); ++c) {
    for (auto k = g.offsets[c]; k + 1 < g.offsets[c + 1]; ++k) {
      const auto a = g.order[k], b = g.order[k + 1];
      ++edges[{kinds[a], kinds[b]}][EventLog::day_of(times[b]) - EventLog::day_of(times[a])];
    }
  }
  std::vector<DirectlyFollows> out;
  for (const auto& [e, d] : edges) {
    const DistributionStats s = describe(d);
    out.push_back(DirectlyFollows{e.first, e.second, s.count, *s.mean, *s.median});
  }
  return out;
}

Table directly_follows_table(const EventLog& log) {
  Table t("directly_follows");
  t.add_column("from", ColumnType::string);
  t.add_column("to", ColumnType::string);
  t.add_column("count", ColumnType::int64);
  t.add_column("mean_days", ColumnType::float64);
  t.add_column("median_days", ColumnType::float64);
  for (const auto& e : directly_follows(log)) {
    t.columns()[0].push_string(to_string(e.from));
    t.columns()[1].push_string(to_string(e.to));
    t.columns()[2].push_int(static_cast<std::int64_t>(e.count));
    t.columns()[3].push_double(e.mean_days);
    t.columns()[4].push_double(e.median_days);
  }
  return t;
}

const std::vector<EventKind>& reference_milestones() {
  static const std::vector<EventKind> m = {EventKind::received,
                                           EventKind::appointment_held,
                                           EventKind::oriented,
                                           EventKind::admissibility_sent,
                                           EventKind::admissibility_decided,
                                           EventKind::support_started,
                                           EventKind::validation_file_sent,
                                           EventKind::jury_scheduled,
                                           EventKind::jury_held};
  return m;
}

Table conformance_table(const EventLog& log) {
  const auto& ms = reference_milestones();
  std::array<int, event_kind_count> rank{};
  rank.fill(-1);
  for (std::size_t i = 0; i < ms.size(); ++i)
    rank[static_cast<std::size_t>(ms[i])] = static_cast<int>(i);
  Table t("conformance");
  t.add_column("case", ColumnType::string);
  t.add_column("furthest", ColumnType::string);
  t.add_column("skipped", ColumnType::string);
  t.add_column("reordered", ColumnType::int64);
  t.add_column("fits", ColumnType::int64);
  const auto g = log.group_by_case();
  const auto kinds = log.kind_column();
  for (std::size_t c = 0; c + 1 < g.offsets.size(); ++c) {
    std::vector<bool> seen(ms.size(), false);
    int furthest = -1;
    bool reordered = false;
    for (auto k = g.offsets[c]; k < g.offsets[c + 1]; ++k) {
      const int r = rank[static_cast<std::size_t>(kinds[g.order[k]])];
      if (r < 0 || seen[static_cast<std::size_t>(r)]) continue;
      if (r < furthest) reordered = true;  // first reached after a later milestone
      seen[static_cast<std::size_t>(r)] = true;
      furthest = std::max(furthest, r);
    }
    std::string skipped;
    for (int r = 0; r < furthest; ++r) {
      if (!seen[static_cast<std::size_t>(r)]) {
        if (!skipped.empty()) skipped += ',';
        skipped += to_string(ms[static_cast<std::size_t>(r)]);
      }
    }
    t.columns()[0].push_string(log.cases()[static_cast<std::uint32_t>(c)]);
    t.columns()[1].push_string(furthest < 0 ? std::optional<std::string_view>()
                                            : std::optional<std::string_view>(to_string(
                                                  ms[static_cast<std::size_t>(furthest)])));
    t.columns()[2].push_string(skipped);
    t.columns()[3].push_int(reordered ? 1 : 0);
    t.columns()[4].push_int(!reordered && skipped.empty() ? 1 : 0);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// XES and OCEL.

namespace {

void xml_escape(std::ostream& os, std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '&': os << "&amp;"; break;
      case '<': os << "&lt;"; break;
      case '>': os << "&gt;"; break;
      case '"': os << "&quot;"; break;
      case '\'': os << "&apos;"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
          os << ' ';
        } else {
          os << ch;
        }
    }
  }
}

/// ISO date-time with milliseconds and offset (XES xs:dateTime).
std::string xes_time(const Timestamp& t) {
  std::string s = t.date().to_string();
  char buf[48];
  const int ms = t.millis_of_day();
  const int off = t.offset_minutes(), a = off < 0 ? -off : off;
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03d%c%02d:%02d", ms / 3'600'000,
                ms / 60'000 % 60, ms / 1000 % 60, ms % 1000, off < 0 ? '-' : '+', a / 60, a % 60);
  return s + buf;
}

void xes_string(std::ostream& os, std::string_view key, std::string_view value) {
  os << "<string key=\"";
  xml_escape(os, key);
  os << "\" value=\"";
  xml_escape(os, value);
  os << "\"/>";
}

/// The payload of event @p i as (field, value) strings.
std::vector<std::pair<std::string, std::string>> payload_fields(const EventLog& log,
                                                                std::size_t i) {
  std::vector<std::pair<std::string, std::string>> out;
  const EventData d = decode_payload(log.kind_column()[i], log.payload_column()[i]);
  if (d.channel) out.emplace_back("channel", std::string(to_string(*d.channel)));
  if (d.minutes) out.emplace_back("minutes", std::to_string(*d.minutes));
  if (d.to) out.emplace_back("to", std::string(to_string(*d.to)));
  if (d.decision) out.emplace_back("decision", std::string(to_string(*d.decision)));
  if (d.implicit) out.emplace_back("implicit", "true");
  if (d.funding) out.emplace_back("funding", std::string(to_string(*d.funding)));
  if (d.result) out.emplace_back("result", std::string(to_string(*d.result)));
  // The France VAE era (issue 15): the coded fields the payload keeps.
  auto coded = [&](const char* name, const auto& v) {
    if (v) out.emplace_back(name, std::string(to_string(*v)));
  };
  coded("accompaniment", d.accompaniment);
  coded("funding_kind", d.funding_kind);
  if (d.granted) out.emplace_back("granted", "true");
  coded("reason_code", d.reason_code);
  if (d.lifted) out.emplace_back("lifted", "true");
  coded("sex", d.sex);
  coded("age_band", d.age_band);
  coded("employment", d.employment);
  coded("qualification", d.qualification);
  coded("departement", d.departement);
  coded("qpv", d.qpv);
  coded("rqth", d.rqth);
  if (d.months) out.emplace_back("months", std::to_string(*d.months));
  coded("situation", d.situation);
  return out;
}

/// The free-text fields of each event of @p log when @p options asks for them (else empty).
std::vector<std::vector<std::pair<std::string, std::string>>> free_text_of(
    const EventLog& log, const ExportOptions& options) {
  std::vector<std::vector<std::pair<std::string, std::string>>> out;
  if (!options.include_free_text) return out;
  if (options.events.size() != log.size()) {
    throw InvalidArgument("include_free_text needs the " + std::to_string(log.size()) +
                          " events of the log (read with the pathway reader), got " +
                          std::to_string(options.events.size()));
  }
  out.reserve(log.size());
  for (const Event& e : options.events) out.push_back(free_text_fields(e));
  return out;
}

bool looks_like_path(std::string_view s) {
  if (s.find_first_of("/\\") != std::string_view::npos) return true;
  if (s.starts_with('~') || s.starts_with('.')) return true;
  if (s.size() >= 2 && s[1] == ':') return true;  // a drive letter
  for (std::string_view ext : {".jsonl", ".json", ".ndjson", ".gz", ".zst", ".xz", ".bz2", ".csv",
                               ".txt", ".xes", ".log"}) {
    if (s.ends_with(ext)) return true;
  }
  return false;
}

}  // namespace

bool is_export_data_field(std::string_view field) noexcept {
  return std::find(export_data_fields.begin(), export_data_fields.end(), field) !=
         export_data_fields.end();
}

std::vector<std::pair<std::string, std::string>> free_text_fields(const Event& e) {
  std::vector<std::pair<std::string, std::string>> out;
  auto text = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  if (!e.data.certifier.empty()) out.emplace_back("certifier", e.data.certifier);
  if (!e.data.reason.empty()) out.emplace_back("reason", e.data.reason);
  if (e.data.extra.is_object()) {
    for (const auto& [k, v] : e.data.extra.items()) out.emplace_back("data." + k, text(v));
  }
  if (e.extra.is_object()) {
    for (const auto& [k, v] : e.extra.items()) out.emplace_back(k, text(v));
  }
  return out;
}

std::string export_log_name(const EventLogHeader& header) {
  if (!header.present || header.source.empty() || looks_like_path(header.source)) {
    return "vaekit event log";
  }
  return header.source;
}

void write_xes(const EventLog& log, const std::filesystem::path& path,
               const ExportOptions& options) {
  const auto free_text = free_text_of(log, options);
  AtomicFile f(path);
  std::ostream& os = f.stream();
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<log xes.version=\"1849-2016\" xes.features=\"nested-attributes\" "
        "xmlns=\"http://www.xes-standard.org/\">\n"
        "<extension name=\"Concept\" prefix=\"concept\" "
        "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
        "<extension name=\"Time\" prefix=\"time\" "
        "uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
        "<extension name=\"Organizational\" prefix=\"org\" "
        "uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
        "<extension name=\"Lifecycle\" prefix=\"lifecycle\" "
        "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n"
        "<global scope=\"trace\"><string key=\"concept:name\" value=\"__INVALID__\"/></global>\n"
        "<global scope=\"event\"><string key=\"concept:name\" value=\"__INVALID__\"/>"
        "<date key=\"time:timestamp\" value=\"1970-01-01T00:00:00.000+00:00\"/>"
        "<string key=\"lifecycle:transition\" value=\"complete\"/></global>\n"
        "<classifier name=\"Activity\" keys=\"concept:name\"/>\n";
  xes_string(os, "concept:name", export_log_name(log.header()));
  os << '\n';
  const auto g = log.group_by_case();
  for (std::size_t c = 0; c + 1 < g.offsets.size(); ++c) {
    os << "<trace>";
    xes_string(os, "concept:name", log.cases()[static_cast<std::uint32_t>(c)]);
    os << '\n';
    for (auto k = g.offsets[c]; k < g.offsets[c + 1]; ++k) {
      const std::size_t i = g.order[k];
      os << "<event>";
      xes_string(os, "concept:name", to_string(log.kind_column()[i]));
      os << "<date key=\"time:timestamp\" value=\"" << xes_time(log.timestamp(i)) << "\"/>";
      xes_string(os, "lifecycle:transition", "complete");
      xes_string(os, "org:role", to_string(log.role_column()[i]));
      if (log.staff_column()[i] != no_string)
        xes_string(os, "org:resource", log.staff()[log.staff_column()[i]]);
      if (log.antenne_column()[i] != no_string)
        xes_string(os, "antenne", log.antennes()[log.antenne_column()[i]]);
      if (log.certification_column()[i] != no_string) {
        xes_string(os, "certification", log.certifications()[log.certification_column()[i]]);
      }
      for (const auto& [k2, v] : payload_fields(log, i)) xes_string(os, k2, v);
      if (!free_text.empty()) {
        for (const auto& [k2, v] : free_text[i]) xes_string(os, k2, v);
      }
      os << "</event>\n";
    }
    os << "</trace>\n";
  }
  os << "</log>\n";
  f.commit();
}

void write_ocel(const EventLog& log, const std::filesystem::path& path,
                const ExportOptions& options) {
  const auto free_text = free_text_of(log, options);
  Json doc = Json::object();
  doc["objectTypes"] = Json::array();
  for (const char* t : {"case", "certification", "antenne", "staff"}) {
    doc["objectTypes"].push_back(Json{{"name", t}, {"attributes", Json::array()}});
  }
  // Event types with the attributes their events carry.
  std::array<std::map<std::string, bool>, event_kind_count> attrs;
  for (std::size_t i = 0; i < log.size(); ++i) {
    auto& a = attrs[static_cast<std::size_t>(log.kind_column()[i])];
    a["role"] = true;
    for (const auto& [k, v] : payload_fields(log, i)) a[k] = true;
    if (!free_text.empty()) {
      for (const auto& [k, v] : free_text[i]) a[k] = true;
    }
  }
  Json et = Json::array();
  for (std::size_t k = 0; k < event_kind_count; ++k) {
    if (attrs[k].empty()) continue;
    Json as = Json::array();
    for (const auto& [name, unused] : attrs[k])
      as.push_back(Json{{"name", name}, {"type", "string"}});
    et.push_back(
        Json{{"name", to_string(static_cast<EventKind>(k))}, {"attributes", std::move(as)}});
  }
  doc["eventTypes"] = std::move(et);
  Json objects = Json::array();
  auto add_objects = [&](const StringPool& pool, const char* type) {
    for (std::uint32_t i = 0; i < pool.size(); ++i) {
      objects.push_back(Json{{"id", std::string(type) + ":" + std::string(pool[i])},
                             {"type", type},
                             {"attributes", Json::array()}});
    }
  };
  add_objects(log.cases(), "case");
  add_objects(log.certifications(), "certification");
  add_objects(log.antennes(), "antenne");
  add_objects(log.staff(), "staff");
  doc["objects"] = std::move(objects);
  Json events = Json::array();
  for (std::size_t i = 0; i < log.size(); ++i) {
    const Timestamp ts = log.timestamp(i);
    Json at = Json::array({Json{{"name", "role"}, {"value", to_string(log.role_column()[i])}}});
    for (const auto& [k, v] : payload_fields(log, i)) at.push_back(Json{{"name", k}, {"value", v}});
    if (!free_text.empty()) {
      for (const auto& [k, v] : free_text[i]) at.push_back(Json{{"name", k}, {"value", v}});
    }
    Json rel =
        Json::array({Json{{"objectId", "case:" + std::string(log.cases()[log.case_column()[i]])},
                          {"qualifier", "case"}}});
    auto rel_to = [&](std::uint32_t idx, const StringPool& pool, const char* type) {
      if (idx != no_string)
        rel.push_back(Json{{"objectId", std::string(type) + ":" + std::string(pool[idx])},
                           {"qualifier", type}});
    };
    rel_to(log.certification_column()[i], log.certifications(), "certification");
    rel_to(log.antenne_column()[i], log.antennes(), "antenne");
    rel_to(log.staff_column()[i], log.staff(), "staff");
    events.push_back(Json{{"id", "e" + std::to_string(i + 1)},
                          {"type", to_string(log.kind_column()[i])},
                          {"time", xes_time(ts)},
                          {"attributes", std::move(at)},
                          {"relationships", std::move(rel)}});
  }
  doc["events"] = std::move(events);
  write_file_atomic(path, doc.dump() + "\n");
}

}  // namespace vaekit
