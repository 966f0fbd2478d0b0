"""Side by side: the activity report with vaekit and with polars on the same JSON Lines file,
end to end (read + report), checked equal.

The polars implementation below is written from ../shared/formats/activity-report.md with
polars alone (``pl.read_ndjson`` with an explicit schema, then lazy expressions collected
together), and gives the same ``ActivityReport.1`` document as ``vaekit`` with threshold 0:

- a row index kept at read time is the file order; the cohort of a case is its first
  ``received`` event by (day, file order);
- medians and the 90th percentile use ``quantile(q, interpolation="linear")``, numpy's default;
- durations are whole days between the first events of each kind, over every case that has
  both ends (also the cases without a ``received`` event, as in the definition).

Equality: the two parsed JSON documents must have the same keys in the same order, the same rows,
equal strings, integers and nulls, and equal floats, EXCEPT that a float may differ from vaekit's by
``math.isclose(rel_tol=1e-12)`` (``compare`` in peer_report.py; the script prints how many floats
were not bit-equal and which). Means (sums of whole days, exact in doubles, divided once) and
medians (midpoints of two integers) are bit-equal; the 90th percentile is not always:
``quantile(0.9, interpolation="linear")`` rounds differently from numpy's ``_lerp`` (which computes
``hi - (hi - lo) * (1 - t)`` when t >= 0.5) and was seen up to ~30 ulps away, a relative 4e-15
(205.0000000000009 for numpy's 205.00000000000006), on small adversarial logs
(tests/python/test_bench_peers.py); on the generated 200k and 1M logs it was bit-equal. Rewriting
the percentile by hand to match numpy bit for bit would no longer be the idiomatic polars code being
timed.

    python bench/gen_eventlog.py --events 1000000 --out /tmp/eventlog-1M.jsonl
    PYTHONPATH=build/<you>/python python bench/analytics_vs_polars.py /tmp/eventlog-1M.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peer_report import FUNNEL_COLUMNS, side_by_side  # noqa: E402

MEASURES = [
    ("wait", "received", "held"),
    ("preparation", "held", "sent"),
    ("decision", "sent", "decided"),
    ("to_jury", "admissible", "jury"),
    ("whole", "received", "jury"),
]
SCHEMA = {
    "case": pl.String,
    "at": pl.String,
    "event": pl.String,
    "antenne": pl.String,
    "staff": pl.String,
    "data": pl.Struct({"to": pl.String, "decision": pl.String, "result": pl.String}),
}


def read_events(path: Path | str) -> pl.DataFrame:
    """The events of a JSON Lines event log as flat columns.

    Columns: rn (file order), case, event, antenne, staff, to, decision, result, day (days since
    1970-01-01 of the local date), year, month ("YYYY-MM"). The header line (no ``case``) is
    dropped; fields outside the schema are not materialised.
    """
    date = pl.col("at").str.slice(0, 10).str.to_date("%Y-%m-%d")
    return (
        pl.read_ndjson(path, schema=SCHEMA)
        .with_row_index("rn")
        .filter(pl.col("case").is_not_null())
        .unnest("data")
        .with_columns(date.alias("date"))
        .select(
            "rn",
            "case",
            "event",
            "antenne",
            "staff",
            "to",
            "decision",
            "result",
            pl.col("date").cast(pl.Int32).alias("day"),
            pl.col("date").dt.year().alias("year"),
            pl.col("date").dt.strftime("%Y-%m").alias("month"),
        )
    )


def _stats(name: str) -> list[pl.Expr]:
    d = pl.col(name)
    return [
        d.count().alias(f"{name}.count"),
        d.mean().alias(f"{name}.mean"),
        d.quantile(0.5, interpolation="linear").alias(f"{name}.median"),
        d.quantile(0.9, interpolation="linear").alias(f"{name}.p90"),
    ]


def polars_report(events: pl.DataFrame) -> dict[str, Any]:
    """The ActivityReport.1 document (threshold 0) of the events of ``read_events``."""
    ev = events.lazy()
    event = pl.col("event")
    held_ev = event == "appointment_held"
    admissible_ev = (event == "admissibility_decided") & (pl.col("decision") == "admissible")

    # Cohort: the first `received` event of each case, by day then file order.
    first_by = ["day", "rn"]
    cohort = (
        ev.filter(event == "received")
        .group_by("case")
        .agg(
            pl.col("day").min(),
            *(pl.col(c).sort_by(first_by).first() for c in ["antenne", "year", "month"]),
        )
    )

    # Per case: whether it has each kind of event (funnel) and the day of its first ones.
    has = {
        "counselled": held_ev,
        **{
            f"oriented_{t}": (event == "oriented") & (pl.col("to") == t)
            for t in ["vae", "vap", "training", "skills_assessment", "other"]
        },
        "admissibility_sent": event == "admissibility_sent",
        "admissible": admissible_ev,
        "jury_held": event == "jury_held",
        **{
            f"jury_{r}": (event == "jury_held") & (pl.col("result") == r)
            for r in ["full", "partial", "refused", "absent"]
        },
        "dropped_out": event == "dropped_out",
    }
    firsts_of = {
        "received": event == "received",
        "held": held_ev,
        "sent": event == "admissibility_sent",
        "decided": event == "admissibility_decided",
        "admissible": admissible_ev,
        "jury": event == "jury_held",
    }
    per_case = ev.group_by("case").agg(
        *(cond.any().alias(name) for name, cond in has.items()),
        *(pl.col("day").filter(cond).min().alias(f"first_{k}") for k, cond in firsts_of.items()),
    )

    counts = [pl.len().alias("received"), *(pl.col(c).sum() for c in FUNNEL_COLUMNS[1:])]
    flags = cohort.join(per_case, on="case", how="left")
    funnel = pl.concat(
        [
            flags.group_by("year")
            .agg(counts)
            .with_columns(pl.lit(None, pl.String).alias("antenne")),
            flags.filter(pl.col("antenne").is_not_null()).group_by("year", "antenne").agg(counts),
        ],
        how="diagonal",
    ).sort("year", "antenne", nulls_last=False)

    durations = per_case.select(
        (pl.col(f"first_{b}") - pl.col(f"first_{a}")).alias(name) for name, a, b in MEASURES
    ).select(e for name, _, _ in MEASURES for e in _stats(name))

    month_counts = (
        ev.filter(pl.col("antenne").is_not_null() & event.is_in(["received", "appointment_held"]))
        .group_by("antenne", "month")
        .agg((event == "received").sum().alias("received"), held_ev.sum().alias("appointment_held"))
    )
    waits = (
        cohort.filter(pl.col("antenne").is_not_null())
        .join(per_case.select("case", "first_held"), on="case")
        .filter(pl.col("first_held").is_not_null())
        .group_by("antenne", "month")
        .agg((pl.col("first_held") - pl.col("day")).median().alias("median_wait"))
    )
    monthly = (
        month_counts.join(waits, on=["antenne", "month"], how="full", coalesce=True)
        .with_columns(pl.col("received", "appointment_held").fill_null(0))
        .sort("antenne", "month")
    )

    workload = (
        ev.filter(held_ev & pl.col("staff").is_not_null())
        .group_by("staff", "month")
        .agg(pl.len().alias("appointment_held"))
        .sort("staff", "month")
    )

    funnel_df, durations_df, monthly_df, workload_df = pl.collect_all(
        [funnel, durations, monthly, workload]
    )
    d = durations_df.row(0, named=True)
    return {
        "schema": "ActivityReport.1",
        "threshold": 0,
        "funnel": funnel_df.select("year", "antenne", *FUNNEL_COLUMNS).to_dicts(),
        "durations": [
            {
                "measure": name,
                "count": d[f"{name}.count"],
                **{k: d[f"{name}.{k}"] for k in ["mean", "median", "p90"]},
            }
            for name, _, _ in MEASURES
        ],
        "monthly": monthly_df.select(
            "antenne", "month", "received", "appointment_held", "median_wait"
        ).to_dicts(),
        "workload": workload_df.select("staff", "month", "appointment_held").to_dicts(),
        "suppressed": [],
    }


def main() -> int:
    """Times vaekit and polars on the file given (default: the example log), checked equal."""
    return side_by_side(
        "polars",
        __doc__.splitlines()[0],
        read_events,
        polars_report,
        lambda _: f"polars {pl.__version__}, {pl.thread_pool_size()} threads",
    )


if __name__ == "__main__":
    sys.exit(main())
