// Fuzz target: reading the training records documents (Attendance.1, Evaluations.1,
// StaffRegister.1, Community.1) and running their analyses on a small fixed programme. Any input
// must decode to a value whose document form reads back equal and whose checks, rates,
// certificates, aggregates, staff checks, search and digest run without crashing — or throw a
// vaekit::Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/core/text.hpp"
#include "vaekit/training.hpp"

namespace {

using namespace vaekit;

const Programme& programme() {
  static const Programme p = [] {
    Programme x;
    x.id = "p";
    x.period = DateRange(Date(2025, 1, 1), Date(2025, 12, 31));
    x.members = {{"C1", "", StaffRole::counsellor, ""}, {"A1", "", StaffRole::assistant, ""}};
    x.speakers = {{"SP1", "", OrganisationKind::certifier, "", {}}};
    x.proposals.resize(2);
    x.proposals[0].id = "T1";
    x.proposals[1].id = "T2";
    Session s1;
    s1.id = "S1";
    s1.date = Date(2025, 3, 11);
    s1.topics = {"T1"};
    s1.speakers = {"SP1"};
    Session s2;
    s2.id = "S2";
    s2.date = Date(2025, 3, 25);
    s2.half_days = 1;
    s2.phone_bridge = true;
    s2.audience = Audience::both;
    s2.topics = {"T2"};
    x.sessions = {s1, s2};
    return x;
  }();
  return p;
}

template <class T>
bool round_trips(const T& v) {
  return from_document<T>(to_document(v)) == v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& p = programme();
  try {
    const auto a = read_document<AttendanceRecord>(text, "fuzz");
    if (!round_trips(a)) std::abort();
    const auto r = attendance_report(p, p.sessions, a);
    for (const auto& x : r.persons) {
      if (x.totals.attended > x.totals.planned + 1e-9) std::abort();
    }
    (void)completion_certificates(p, p.sessions, a, {}, Date(2025, 3, 20));
    (void)staff_training_records(p, p.sessions, a, {}, 2025);
    (void)quality_evidence_index(p, p.sessions, 2025, {&a, nullptr, nullptr});
  } catch (const Error&) {
  }
  try {
    const auto e = read_document<EvaluationRecord>(text, "fuzz");
    if (!round_trips(e)) std::abort();
    (void)check_evaluations(p, p.sessions, e);
    for (auto g : {EvaluationGrouping::session, EvaluationGrouping::topic,
                   EvaluationGrouping::format, EvaluationGrouping::speaker_kind}) {
      for (const auto& x : aggregate_evaluations(p, p.sessions, e, g)) {
        if (x.count <= 0 || x.mean < 1.0 || x.mean > 5.0) std::abort();
      }
    }
    (void)quality_evidence_index(p, p.sessions, 2025, {nullptr, &e, nullptr});
  } catch (const Error&) {
  }
  try {
    const auto s = read_document<StaffRegister>(text, "fuzz");
    if (!round_trips(s)) std::abort();
    (void)check_staff(p, s, staff_training_records(p, p.sessions, AttendanceRecord{}, s, 2025));
  } catch (const Error&) {
  }
  try {
    const auto c = read_document<Community>(text, "fuzz");
    if (!round_trips(c)) std::abort();
    (void)c.search("medico a");
    (void)community_digest(c, DateRange(Date(2025, 3, 1), Date(2025, 3, 31)),
                           {{"RNCP1", "closed", {"RNCP2"}}}, {"rncp2"});
  } catch (const Error&) {
  }
  (void)vaekit::normalize_words(text);
  return 0;
}
