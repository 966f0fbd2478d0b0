// The simulation's tables (vaekit::Table) on hand-made queue statistics and target checks.
#include "test_support.hpp"
#include "vaekit/simulation/tables.hpp"

using namespace vaekit;

TEST_CASE("simulation: queue, waits and targets tables from hand-made statistics") {
  QueueStats q;
  q.counsellors = {CounsellorLoad{"CO01", "Paris", 10, 15.0, 30.0},
                   CounsellorLoad{"CO02", "Créteil", 0, 0.0, 0.0}};
  q.waits = {3.0, 0.5};
  q.wait_case = {7, 2};
  const Table t = queue_table(q);
  REQUIRE(t.rows() == 2);
  CHECK(t.column("antenne").string_at(1) == "Créteil");
  CHECK(t.column("appointments").int_at(0) == 10);
  CHECK(t.column("utilisation").double_at(0) == 0.5);  // 15 / 30
  CHECK(t.column("utilisation").double_at(1) == 0.0);  // nothing offered
  const Table w = waits_table(q);
  CHECK(w.to_csv() == "case,wait_days\n7,3\n2,0.5\n");
  TargetCheck in{CalibrationTarget{"jury_full_share", 0.6, 0.05, "DREES 2014"}, 0.64};
  TargetCheck out{CalibrationTarget{"mean_wait", 20, 5, "network"}, 26};
  const Table g = targets_table({in, out});
  CHECK(g.column("ok").bool_at(0));        // |0.64 - 0.6| <= 0.05
  CHECK_FALSE(g.column("ok").bool_at(1));  // |26 - 20| > 5
  CHECK(g.column("source").string_at(0) == "DREES 2014");
}
