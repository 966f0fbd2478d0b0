"""An independent pandas implementation of the reference activity report.

Written from ../shared/formats/activity-report.md alone (not from vaekit's C++), so that the
property tests and the side-by-side benchmarks compare two implementations of the definition:

- cases are grouped by the date of their first ``received`` event (cohort year) and by the
  antenne of that event (ties on the same day: the first in file order);
- funnel: distinct cases with at least one event of each kind, per (year, antenne) and per year
  (antenne None, the totals row);
- durations: whole days between first events, per case, over the cases having both ends; count,
  mean, numpy median and numpy percentile 90 (default linear method);
- monthly: per antenne and month of the event, received and appointment_held events, and the
  median wait of the cases first received that month at that antenne;
- workload: appointment_held events per staff member and month;
- by_channel and dropout_reasons (vaekit's extension, docs/analytics.md "Reception by channel and
  drop-outs by reason"): the funnel's received cases by the ``channel`` of their first reception
  (``not_stated`` when absent), its dropped_out cases by the ``reason_code`` of their last
  ``dropped_out`` (latest day, the later line on a tie; ``not_coded`` when absent), per (year,
  antenne) and per year, for every funnel row and every value present (0 where none); present
  only when some value is stated or coded.

Returns the ``ActivityReport.1`` document with threshold 0 (nothing suppressed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

FUNNEL_COLUMNS = [
    "received", "counselled", "oriented_vae", "oriented_vap", "oriented_training",
    "oriented_skills_assessment", "oriented_other", "admissibility_sent", "admissible",
    "jury_held", "jury_full", "jury_partial", "jury_refused", "jury_absent", "dropped_out",
]  # fmt: skip
MEASURES = [
    ("wait", "received", "held"),
    ("preparation", "held", "sent"),
    ("decision", "sent", "decided"),
    ("to_jury", "admissible", "jury"),
    ("whole", "received", "jury"),
]


def load_events(path: Path | str) -> pd.DataFrame:
    """The events of a JSON Lines event log (header skipped) as a flat DataFrame."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            if "schema" in obj and "case" not in obj:
                continue
            rows.append(obj)
    return events_frame(rows)


def events_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Flat columns: case, day (days since 1970-01-01 of the local date), event, antenne, staff,
    to, decision, result."""
    data = [r.get("data") or {} for r in records]
    df = pd.DataFrame(
        {
            "case": pd.Series([r["case"] for r in records], dtype=object),
            "at": pd.Series([r["at"][:10] for r in records], dtype=object),
            "event": pd.Series([r["event"] for r in records], dtype=object),
            "antenne": pd.Series([r.get("antenne") for r in records], dtype=object),
            "staff": pd.Series([r.get("staff") for r in records], dtype=object),
            "to": pd.Series([d.get("to") for d in data], dtype=object),
            "decision": pd.Series([d.get("decision") for d in data], dtype=object),
            "result": pd.Series([d.get("result") for d in data], dtype=object),
            "channel": pd.Series([d.get("channel") for d in data], dtype=object),
            "reason_code": pd.Series([d.get("reason_code") for d in data], dtype=object),
        }
    )
    dates = pd.to_datetime(df["at"], format="%Y-%m-%d")
    df["day"] = ((dates - pd.Timestamp("1970-01-01")) // pd.Timedelta(days=1)).astype("int64")
    df["month"] = dates.dt.strftime("%Y-%m")
    df["year"] = dates.dt.year.astype("int64")
    return df


def _first_day(df: pd.DataFrame, mask: pd.Series) -> pd.Series:
    return df[mask].groupby("case")["day"].min()


def _stats(values: np.ndarray) -> dict[str, Any]:
    if len(values) == 0:
        return {"count": 0, "mean": None, "median": None, "p90": None}
    v = values.astype("int64")
    return {
        "count": int(len(v)),
        "mean": float(v.mean()),
        "median": float(np.median(v)),
        "p90": float(np.percentile(v, 90)),
    }


def category_tables(df: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The ``by_channel`` and ``dropout_reasons`` rows (threshold 0) of the events in ``df``."""
    ev = df["event"]
    rec = df[ev == "received"].sort_values(["case", "day"], kind="stable")
    rec = rec.drop_duplicates("case", keep="first").set_index("case")
    cases = pd.DataFrame({"year": rec["year"], "antenne": rec["antenne"]})
    cases["channel"] = rec["channel"].fillna("not_stated")
    out = df[ev == "dropped_out"].sort_values(["case", "day"], kind="stable")
    last = out.drop_duplicates("case", keep="last").set_index("case")["reason_code"]
    dropped = cases[cases.index.isin(last.index)].copy()
    dropped["reason"] = last.reindex(dropped.index).fillna("not_coded")

    # The funnel's rows: (year, None) and (year, antenne) of the received cases.
    funnel_rows = {(int(y), None) for y in cases["year"]}
    funnel_rows |= {
        (int(y), str(a))
        for y, a in zip(cases["year"], cases["antenne"], strict=True)
        if a is not None
    }

    def rows(frame: pd.DataFrame, column: str) -> list[dict[str, Any]]:
        counts: dict[tuple[int, str | None, str], int] = {}
        for (year, value), n in frame.groupby(["year", column]).size().items():
            counts[(int(year), None, str(value))] = int(n)
        with_antenne = frame[frame["antenne"].notna()]
        for (year, ant, value), n in (
            with_antenne.groupby(["year", "antenne", column]).size().items()
        ):
            counts[(int(year), str(ant), str(value))] = int(n)
        # Dense: every funnel row times every value present anywhere, 0 where none.
        values = sorted({v for _y, _a, v in counts})
        result = [
            {"year": y, "antenne": a, "value": v, "cases": counts.get((y, a, v), 0)}
            for y, a in funnel_rows
            for v in values
        ]
        result.sort(
            key=lambda r: (r["year"], r["antenne"] is not None, r["antenne"] or "", r["value"])
        )
        return result

    return {"by_channel": rows(cases, "channel"), "dropout_reasons": rows(dropped, "reason")}


def reference_report(df: pd.DataFrame) -> dict[str, Any]:
    """The ActivityReport.1 document (threshold 0) of the events in ``df`` (see events_frame)."""
    ev = df["event"]
    rec = df[ev == "received"].sort_values(["case", "day"], kind="stable")
    rec = rec.drop_duplicates("case", keep="first").set_index("case")
    cohort = pd.DataFrame(
        {"day": rec["day"], "antenne": rec["antenne"], "year": rec["year"], "month": rec["month"]}
    )
    sets = {
        "counselled": ev == "appointment_held",
        "admissibility_sent": ev == "admissibility_sent",
        "admissible": (ev == "admissibility_decided") & (df["decision"] == "admissible"),
        "jury_held": ev == "jury_held",
        "dropped_out": ev == "dropped_out",
    }
    for t in ["vae", "vap", "training", "skills_assessment", "other"]:
        sets[f"oriented_{t}"] = (ev == "oriented") & (df["to"] == t)
    for r in ["full", "partial", "refused", "absent"]:
        sets[f"jury_{r}"] = (ev == "jury_held") & (df["result"] == r)
    flags = pd.DataFrame(index=cohort.index)
    flags["received"] = True
    for name, mask in sets.items():
        flags[name] = flags.index.isin(df.loc[mask, "case"].unique())
    flags = flags[FUNNEL_COLUMNS].astype("int64")
    flags["year"] = cohort["year"]
    flags["antenne"] = cohort["antenne"]

    funnel = []
    for year in sorted(flags["year"].unique()):
        fy = flags[flags["year"] == year]
        row: dict[str, Any] = {"year": int(year), "antenne": None}
        row.update({c: int(fy[c].sum()) for c in FUNNEL_COLUMNS})
        funnel.append(row)
        with_antenne = fy[fy["antenne"].notna()]
        for ant, g in sorted(with_antenne.groupby("antenne"), key=lambda kv: str(kv[0])):
            row = {"year": int(year), "antenne": str(ant)}
            row.update({c: int(g[c].sum()) for c in FUNNEL_COLUMNS})
            funnel.append(row)

    firsts = pd.DataFrame(
        {
            "received": cohort["day"],
            "held": _first_day(df, ev == "appointment_held"),
            "sent": _first_day(df, ev == "admissibility_sent"),
            "decided": _first_day(df, ev == "admissibility_decided"),
            "admissible": _first_day(df, sets["admissible"]),
            "jury": _first_day(df, ev == "jury_held"),
        }
    )
    durations = []
    for name, a, b in MEASURES:
        both = firsts[[a, b]].dropna()
        values = (both[b] - both[a]).to_numpy(dtype="int64")
        durations.append({"measure": name, **_stats(values)})

    has_ant = df["antenne"].notna()
    received = df[(ev == "received") & has_ant].groupby(["antenne", "month"]).size()
    held = df[(ev == "appointment_held") & has_ant].groupby(["antenne", "month"]).size()
    waits = pd.DataFrame({"wait": firsts["held"] - firsts["received"]})
    waits["antenne"] = cohort["antenne"]
    waits["month"] = cohort["month"]
    waits = waits.dropna(subset=["wait", "antenne"])
    wait_groups = {
        k: v["wait"].to_numpy(dtype="int64") for k, v in waits.groupby(["antenne", "month"])
    }
    keys = sorted(set(received.index) | set(held.index) | set(wait_groups))
    monthly = []
    for key in keys:
        w = wait_groups.get(key)
        monthly.append(
            {
                "antenne": str(key[0]),
                "month": str(key[1]),
                "received": int(received.get(key, 0)),
                "appointment_held": int(held.get(key, 0)),
                "median_wait": None if w is None or len(w) == 0 else float(np.median(w)),
            }
        )

    work = df[(ev == "appointment_held") & df["staff"].notna()].groupby(["staff", "month"]).size()
    workload = [
        {"staff": str(k[0]), "month": str(k[1]), "appointment_held": int(v)}
        for k, v in sorted(work.items())
    ]
    doc: dict[str, Any] = {
        "schema": "ActivityReport.1",
        "threshold": 0,
        "funnel": funnel,
        "durations": durations,
        "monthly": monthly,
        "workload": workload,
    }
    for name, rows in category_tables(df).items():
        absent = "not_stated" if name == "by_channel" else "not_coded"
        if any(r["value"] != absent for r in rows):
            doc[name] = rows
    doc["suppressed"] = []
    return doc
