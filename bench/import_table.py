"""The spreadsheet import (vaekit.analytics.import_table): rows a minute from CSV and xlsx.

    PYTHONPATH=build/ci/python python bench/import_table.py [--rows N] [--xlsx-rows N]

Writes, in build/import-bench/ (made once, reused):

* ``per-event.csv``: N rows (default 1,000,000), one event a row, ``;``-separated, Windows-1252,
  dd/mm/yyyy dates, French local values for the channel and the events (what a network's export
  looks like), cases of 5 events each (received … admissibility_sent);
* ``per-person.csv``: N/5 people, one row a person with a date column per step (10 events each
  at most), the shape of examples/data/import;
* ``per-person.xlsx``: the first ``--xlsx-rows`` people (default 20,000) as a workbook.

Times the whole import (read, dates, value mappings, JSON lines, the replay through the
transition table, the EventLog) and, for the workbook, pandas ``read_excel`` of the same sheet
(openpyxl, pandas' default engine; and calamine when pandas has it), which only reads the cells.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "data" / "import"))

import vaekit  # noqa: E402
from vaekit.analytics import import_table  # noqa: E402

OUT = ROOT / "build" / "import-bench"
CHANNELS = ["Accueil physique", "Téléphone", "Internet", "Réunion d'information"]
EVENTS = [
    ("Accueil", "assistant"),
    ("Premier entretien", "counsellor"),
    ("Choix de la certification", "counsellor"),
    ("Orientation", "counsellor"),
    ("Préparation recevabilité", "counsellor"),
]
PER_EVENT_MAPPING = {
    "schema": "ImportMapping.1",
    "shape": "per_event",
    "date_format": "dd/mm/yyyy",
    "columns": {
        "case": "Dossier",
        "at": "Date",
        "event": "Étape",
        "role": "Rôle",
        "antenne": "Antenne",
        "staff": "Conseiller",
        "certification": "Code RNCP",
        "channel": "Canal",
        "to": "Orientation",
    },
    "values": {
        "event": {
            "Accueil": "received",
            "Premier entretien": "appointment_held",
            "Choix de la certification": "certification_chosen",
            "Orientation": "oriented",
            "Préparation recevabilité": "admissibility_started",
        },
        "channel": {
            "Accueil physique": "walk_in",
            "Téléphone": "phone",
            "Internet": "online",
            "Réunion d'information": "info_session",
        },
        "to": {"VAE": "vae"},
    },
}


def write_per_event(path: Path, rows: int) -> None:
    """N rows of a per-event export (5 events a case)."""
    rng = random.Random(1)
    with path.open("w", encoding="cp1252", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(
            [
                "Dossier",
                "Date",
                "Étape",
                "Rôle",
                "Antenne",
                "Conseiller",
                "Code RNCP",
                "Canal",
                "Orientation",
            ]
        )
        for c in range(rows // 5):
            day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))
            cert = f"RNCP{rng.randrange(1000, 40000)}"
            ante, staff = f"ANT-{c % 40:02d}", f"CO{c % 300:03d}"
            for i, (event, role) in enumerate(EVENTS):
                day += dt.timedelta(days=rng.randrange(0, 20))
                w.writerow(
                    [
                        f"D{c:07d}",
                        day.strftime("%d/%m/%Y"),
                        event,
                        role,
                        ante,
                        staff,
                        cert if i == 2 else "",
                        rng.choice(CHANNELS) if i == 0 else "",
                        "VAE" if i == 3 else "",
                    ]
                )


def per_person_rows(people: int) -> list[list[object]]:
    """Rows of the example's per-person shape (make_antenne.py), people numbered A24-…"""
    import make_antenne

    rng = random.Random(2)
    out = []
    for i in range(people):
        p = make_antenne.person(i, rng)
        out.append([p[h] for h in make_antenne.HEADERS])
    return out


def write_per_person(csv_path: Path, xlsx_path: Path, people: int, xlsx_people: int) -> None:
    """The per-person CSV (all the people) and workbook (the first xlsx_people)."""
    import make_antenne
    from openpyxl import Workbook

    rows = per_person_rows(people)

    def text(v: object) -> str:
        return v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else "" if v is None else str(v)

    with csv_path.open("w", encoding="cp1252", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(make_antenne.HEADERS)
        w.writerows([text(v) for v in r] for r in rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Suivi 2024")
    ws.append(make_antenne.HEADERS)
    for r in rows[:xlsx_people]:
        ws.append(r)
    wb.save(xlsx_path)


def timed(label: str, rows: int, fn: object) -> float:
    """Run fn once, print rows a minute; return the seconds."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()  # type: ignore[operator]
    s, cpu = time.perf_counter() - t0, time.process_time() - c0
    extra = f"  ({result!r})" if result is not None else ""
    # CPU time (all threads) is printed too: on a shared machine it moves less than wall time.
    print(
        f"{label:58} {s:7.2f} s  {rows / s * 60 / 1e6:6.2f} M rows/min  (CPU {cpu:6.2f} s){extra}"
    )
    return s


def main() -> None:
    """Generate the inputs once, then time each import."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--xlsx-rows", type=int, default=20_000)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    per_event = OUT / f"per-event-{args.rows}.csv"
    per_person = OUT / f"per-person-{args.rows // 5}.csv"
    xlsx = OUT / f"per-person-{args.xlsx_rows}.xlsx"
    if not per_event.exists():
        write_per_event(per_event, args.rows)
    if not per_person.exists() or not xlsx.exists():
        write_per_person(per_person, xlsx, args.rows // 5, args.xlsx_rows)
    mapping = ROOT / "examples" / "data" / "import" / "mapping.json"
    import pandas  # noqa: F401  (imported before the clocks start: pyarrow loads it lazily)
    import pyarrow.compute  # noqa: F401
    import pyarrow.csv  # noqa: F401

    print(f"vaekit {vaekit.__version__}; inputs in {OUT}")
    timed(
        f"import_table per-event CSV, {args.rows:,} rows",
        args.rows,
        lambda: import_table(per_event, PER_EVENT_MAPPING),
    )
    timed(
        f"import_table per-person CSV, {args.rows // 5:,} rows",
        args.rows // 5,
        lambda: import_table(per_person, mapping),
    )
    n = args.xlsx_rows
    timed(
        f"import_table per-person xlsx (calamine), {n:,} rows",
        n,
        lambda: import_table(xlsx, mapping),
    )
    import pandas as pd

    timed(
        f"pandas read_excel (openpyxl), {n:,} rows, cells only",
        n,
        lambda: len(pd.read_excel(xlsx, dtype=str, engine="openpyxl")),
    )
    try:
        timed(
            f"pandas read_excel (calamine), {n:,} rows, cells only",
            n,
            lambda: len(pd.read_excel(xlsx, dtype=str, engine="calamine")),
        )
    except (ImportError, ValueError) as exc:
        print(f"pandas read_excel (calamine): not available ({exc})")


if __name__ == "__main__":
    main()
