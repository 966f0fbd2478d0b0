"""Side by side: the activity report with vaekit and with DuckDB on the same JSON Lines file,
end to end (read + report), checked equal.

The DuckDB implementation below is written from ../shared/formats/activity-report.md in SQL
over ``read_ndjson`` (explicit columns), with a final small Python step that only shapes the
rows into the nested ``ActivityReport.1`` document (threshold 0, nothing suppressed):

- the file order is ``WITH ORDINALITY`` on the scan (a streaming row number, exact as long as
  ``preserve_insertion_order`` is on, DuckDB's default); the cohort of a case is its first
  ``received`` event by (day, file order), ``QUALIFY row_number() ... = 1``;
- medians and the 90th percentile are ``quantile_cont`` (linear interpolation, numpy's default);
- durations are whole days between the first events of each kind, over every case that has
  both ends (also the cases without a ``received`` event, as in the definition);
- the funnel's totals rows come from ``GROUPING SETS``.

Equality: the two parsed JSON documents must have the same keys in the same order, the same rows,
equal strings, integers and nulls, and equal floats, EXCEPT that a float may differ from vaekit's by
``math.isclose(rel_tol=1e-12)`` (``compare`` in peer_report.py; the script prints how many floats
were not bit-equal and which). Means (``avg`` of whole days, exact sums divided once) and medians
(midpoints of two integers) are bit-equal; the 90th percentile is not always: ``quantile_cont``
computes ``lo + (hi - lo) * t`` where numpy's ``_lerp`` computes ``hi - (hi - lo) * (1 - t)`` when t
>= 0.5, one ulp apart at times (for example 206.8 vs 206.79999999999998) on small adversarial logs
(tests/python/test_bench_peers.py); on the generated 200k and 1M logs it was bit-equal. Rewriting
the percentile by hand to match numpy bit for bit would no longer be the idiomatic DuckDB code being
timed.

    python bench/gen_eventlog.py --events 1000000 --out /tmp/eventlog-1M.jsonl
    PYTHONPATH=build/<you>/python python bench/analytics_vs_duckdb.py /tmp/eventlog-1M.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peer_report import FUNNEL_COLUMNS, side_by_side  # noqa: E402

MEASURES = ["wait", "preparation", "decision", "to_jury", "whole"]

READ_SQL = """
CREATE OR REPLACE TEMP TABLE ev AS
WITH raw AS (
    SELECT ordinality AS rn, "case", event, antenne, staff,
           data."to" AS "to", data.decision AS decision, data.result AS result,
           CAST(substr("at", 1, 10) AS DATE) AS date
    FROM read_ndjson({path}, columns = {{
        'case': 'VARCHAR', 'at': 'VARCHAR', 'event': 'VARCHAR', 'antenne': 'VARCHAR',
        'staff': 'VARCHAR',
        'data': 'STRUCT("to" VARCHAR, decision VARCHAR, result VARCHAR)'
    }}) WITH ORDINALITY
)
SELECT rn, "case", event, antenne, staff, "to", decision, result,
       CAST(date - DATE '1970-01-01' AS INTEGER) AS day,
       year(date) AS year, strftime(date, '%Y-%m') AS month
FROM raw
WHERE "case" IS NOT NULL
"""

REPORT_SQL = {
    # The first `received` event of each case, by day then file order.
    "cohort": """
CREATE OR REPLACE TEMP TABLE cohort AS
SELECT "case", day, antenne, year, month
FROM ev
WHERE event = 'received'
QUALIFY row_number() OVER (PARTITION BY "case" ORDER BY day, rn) = 1
""",
    # Per case: whether it has each kind of event (funnel) and the day of its first ones.
    "per_case": """
CREATE OR REPLACE TEMP TABLE per_case AS
SELECT "case",
       count(*) FILTER (event = 'appointment_held') > 0 AS counselled,
       count(*) FILTER (event = 'oriented' AND "to" = 'vae') > 0 AS oriented_vae,
       count(*) FILTER (event = 'oriented' AND "to" = 'vap') > 0 AS oriented_vap,
       count(*) FILTER (event = 'oriented' AND "to" = 'training') > 0 AS oriented_training,
       count(*) FILTER (event = 'oriented' AND "to" = 'skills_assessment') > 0
           AS oriented_skills_assessment,
       count(*) FILTER (event = 'oriented' AND "to" = 'other') > 0 AS oriented_other,
       count(*) FILTER (event = 'admissibility_sent') > 0 AS admissibility_sent,
       count(*) FILTER (event = 'admissibility_decided' AND decision = 'admissible') > 0
           AS admissible,
       count(*) FILTER (event = 'jury_held') > 0 AS jury_held,
       count(*) FILTER (event = 'jury_held' AND result = 'full') > 0 AS jury_full,
       count(*) FILTER (event = 'jury_held' AND result = 'partial') > 0 AS jury_partial,
       count(*) FILTER (event = 'jury_held' AND result = 'refused') > 0 AS jury_refused,
       count(*) FILTER (event = 'jury_held' AND result = 'absent') > 0 AS jury_absent,
       count(*) FILTER (event = 'dropped_out') > 0 AS dropped_out,
       min(day) FILTER (event = 'received') AS first_received,
       min(day) FILTER (event = 'appointment_held') AS first_held,
       min(day) FILTER (event = 'admissibility_sent') AS first_sent,
       min(day) FILTER (event = 'admissibility_decided') AS first_decided,
       min(day) FILTER (event = 'admissibility_decided' AND decision = 'admissible')
           AS first_admissible,
       min(day) FILTER (event = 'jury_held') AS first_jury
FROM ev
GROUP BY "case"
""",
    # Per cohort year: the totals row (antenne NULL) and one row per antenne.
    "funnel": """
SELECT c.year, c.antenne, count(*) AS received, {counts}
FROM cohort c JOIN per_case p USING ("case")
GROUP BY GROUPING SETS ((c.year), (c.year, c.antenne))
HAVING grouping(c.antenne) = 1 OR c.antenne IS NOT NULL
ORDER BY c.year, c.antenne NULLS FIRST
""",
    "durations": """
WITH d AS (
    SELECT first_held - first_received AS wait,
           first_sent - first_held AS preparation,
           first_decided - first_sent AS decision,
           first_jury - first_admissible AS to_jury,
           first_jury - first_received AS whole
    FROM per_case
)
SELECT measure, count(days) AS count, avg(days) AS mean,
       quantile_cont(days, 0.5) AS median, quantile_cont(days, 0.9) AS p90
FROM (UNPIVOT d ON wait, preparation, decision, to_jury, whole INTO NAME measure VALUE days)
GROUP BY measure
""",
    "monthly": """
WITH counts AS (
    SELECT antenne, month,
           count(*) FILTER (event = 'received') AS received,
           count(*) FILTER (event = 'appointment_held') AS appointment_held
    FROM ev
    WHERE antenne IS NOT NULL AND event IN ('received', 'appointment_held')
    GROUP BY antenne, month
), waits AS (
    SELECT c.antenne, c.month, quantile_cont(p.first_held - c.day, 0.5) AS median_wait
    FROM cohort c JOIN per_case p USING ("case")
    WHERE c.antenne IS NOT NULL AND p.first_held IS NOT NULL
    GROUP BY c.antenne, c.month
)
SELECT antenne, month, coalesce(received, 0) AS received,
       coalesce(appointment_held, 0) AS appointment_held, median_wait
FROM counts FULL OUTER JOIN waits USING (antenne, month)
ORDER BY antenne, month
""",
    "workload": """
SELECT staff, month, count(*) AS appointment_held
FROM ev
WHERE event = 'appointment_held' AND staff IS NOT NULL
GROUP BY staff, month
ORDER BY staff, month
""",
}


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection for one report (all threads, insertion order kept)."""
    con = duckdb.connect(":memory:")
    con.execute("SET preserve_insertion_order = true")
    return con


def read_events(con: duckdb.DuckDBPyConnection, path: Path | str) -> int:
    """Load the events of a JSON Lines event log into the temp table ``ev``; its row count.

    Columns: rn (file order), case, event, antenne, staff, to, decision, result, day (days since
    1970-01-01 of the local date), year, month ("YYYY-MM"). The header line (no ``case``) is
    dropped; fields outside the columns are not materialised.
    """
    literal = "'" + str(path).replace("'", "''") + "'"
    con.execute(READ_SQL.format(path=literal))
    row = con.execute("SELECT count(*) FROM ev").fetchone()
    return int(row[0]) if row else 0


def _records(rel: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in rel.description or []]
    return [dict(zip(names, row)) for row in rel.fetchall()]


def duckdb_report(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The ActivityReport.1 document (threshold 0) of the events in the table ``ev``."""
    con.execute(REPORT_SQL["cohort"])
    con.execute(REPORT_SQL["per_case"])
    counts = ", ".join(f"count(*) FILTER (p.{c}) AS {c}" for c in FUNNEL_COLUMNS[1:])
    funnel = _records(con.execute(REPORT_SQL["funnel"].format(counts=counts)))
    by_measure = {r["measure"]: r for r in _records(con.execute(REPORT_SQL["durations"]))}
    empty = {"count": 0, "mean": None, "median": None, "p90": None}
    durations = [
        {"measure": m, **{k: by_measure.get(m, empty)[k] for k in empty}} for m in MEASURES
    ]
    return {
        "schema": "ActivityReport.1",
        "threshold": 0,
        "funnel": funnel,
        "durations": durations,
        "monthly": _records(con.execute(REPORT_SQL["monthly"])),
        "workload": _records(con.execute(REPORT_SQL["workload"])),
        "suppressed": [],
    }


def _read(path: str) -> duckdb.DuckDBPyConnection:
    con = connect()
    read_events(con, path)
    return con


def _about(con: duckdb.DuckDBPyConnection) -> str:
    threads = con.execute("SELECT current_setting('threads')").fetchone()
    return f"DuckDB {duckdb.__version__}, {threads[0] if threads else '?'} threads"


def main() -> int:
    """Times vaekit and DuckDB on the file given (default: the example log), checked equal."""
    return side_by_side("DuckDB", __doc__.splitlines()[0], _read, duckdb_report, _about)


if __name__ == "__main__":
    sys.exit(main())
