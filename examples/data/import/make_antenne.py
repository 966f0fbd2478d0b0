"""Writes the example spreadsheet of an antenne: antenne-2024.xlsx and antenne-2024.csv.

Fictitious people (names drawn from lists of common French first and last names, birth dates and
telephone numbers made up), one row per person with a date column per step, the way antennes keep
their follow-up sheets; a few rows are wrong on purpose (see BAD below) so that the import has
rejects to show. Run from the repository root:

    python examples/data/import/make_antenne.py

The CSV is Windows-1252 with ``;`` separators and dd/mm/yyyy dates (what French Excel saves); the
workbook holds real date cells, except the invalid date kept as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADERS = [
    "N° dossier",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Téléphone",
    "Antenne",
    "Conseiller",
    "Canal d'accueil",
    "Date accueil",
    "Date 1er RDV",
    "Code RNCP",
    "Orientation",
    "Date dépôt recevabilité",
    "Décision",
    "Date décision",
    "Date dépôt livret 2",
    "Date jury",
    "Résultat",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
]
FIRST = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Lucas",
    "Hugo",
    "Théo",
    "Nathan",
    "Louis",
    "Gabriel",
    "Zoé",
    "Jules",
    "Amélie",
    "Noémie",
    "Hélène",
    "François",
]
CERTS = ["RNCP4495", "RNCP35830", "RNCP34826", "RNCP36004", "RNCP38565"]
CHANNELS = ["Accueil physique", "Téléphone", "Internet", "Réunion d'information"]
ROWS = 200
# Rows made wrong on purpose (0-based person index → what is wrong); the test checks each.
BAD = {
    17: "first appointment before reception",
    41: "invalid date 31/02/2024",
    63: "unmapped result Ajourné",
    88: "jury without validation file",
    120: "duplicate case number",
    150: "missing case number",
    177: "orientation VAE without certification",
}


def person(i: int, rng: random.Random) -> dict[str, object]:
    """One person's row (dates as datetime.date, or text for a bad cell)."""
    start = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randrange(0, 200))
    row: dict[str, object] = {h: None for h in HEADERS}
    row["N° dossier"] = f"A24-{i + 1:04d}"
    row["Nom"] = rng.choice(LAST)
    row["Prénom"] = rng.choice(FIRST)
    row["Date de naissance"] = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 14000))
    row["Téléphone"] = f"06 00 00 {rng.randrange(100):02d} {rng.randrange(100):02d}"
    row["Antenne"] = rng.choice(["IDF-75A", "IDF-93B"])
    row["Conseiller"] = rng.choice(["CO11", "CO12", "CO17"])
    row["Canal d'accueil"] = rng.choice(CHANNELS)
    row["Date accueil"] = start
    d = start
    if rng.random() < 0.15:
        return row  # received only
    d += dt.timedelta(days=rng.randrange(7, 40))
    row["Date 1er RDV"] = d
    r = rng.random()
    if r < 0.15:
        row["Orientation"] = rng.choice(["Formation", "Bilan de compétences", "VAP"])
        return row
    row["Code RNCP"] = rng.choice(CERTS)
    row["Orientation"] = "VAE"
    if r < 0.25:
        return row
    d += dt.timedelta(days=rng.randrange(20, 60))
    row["Date dépôt recevabilité"] = d
    if rng.random() < 0.1:
        return row
    d += dt.timedelta(days=rng.randrange(10, 55))
    row["Date décision"] = d
    dec = rng.random()
    row["Décision"] = "Non recevable" if dec < 0.08 else "Incomplet" if dec < 0.15 else "Recevable"
    if row["Décision"] != "Recevable" or rng.random() < 0.2:
        return row
    d += dt.timedelta(days=rng.randrange(60, 150))
    row["Date dépôt livret 2"] = d
    if rng.random() < 0.2:
        return row
    d += dt.timedelta(days=rng.randrange(20, 90))
    row["Date jury"] = d
    res = rng.random()
    row["Résultat"] = (
        "Validation totale"
        if res < 0.7
        else "Validation partielle"
        if res < 0.9
        else "Refus"
        if res < 0.96
        else "Absent"
    )
    return row


def rows() -> list[dict[str, object]]:
    """The 200 people, with the bad rows of BAD."""
    rng = random.Random(2024)
    out = [person(i, rng) for i in range(ROWS)]
    # Bad rows: each made wrong the way a real sheet is.
    r = out[17]
    r["Date 1er RDV"] = r["Date accueil"] - dt.timedelta(days=3)  # type: ignore[operator]
    out[41]["Date accueil"] = "31/02/2024"
    r = out[63]
    if r["Date jury"] is None:
        r.update(out[next(i for i, p in enumerate(out) if p["Date jury"] and i > 63)])
        r["N° dossier"] = "A24-0064"
    r["Résultat"] = "Ajourné"
    r = out[88]
    if r["Date jury"] is None:
        r.update(out[next(i for i, p in enumerate(out) if p["Date jury"] and i > 88)])
        r["N° dossier"] = "A24-0089"
    r["Date dépôt livret 2"] = None
    out[120]["N° dossier"] = out[119]["N° dossier"]
    out[150]["N° dossier"] = None
    r = out[177]
    if r["Date 1er RDV"] is None:
        r["Date 1er RDV"] = r["Date accueil"] + dt.timedelta(days=10)  # type: ignore[operator]
    r["Orientation"] = "VAE"
    r["Code RNCP"] = None
    for k in (
        "Date dépôt recevabilité",
        "Décision",
        "Date décision",
        "Date dépôt livret 2",
        "Date jury",
        "Résultat",
    ):
        r[k] = None
    return out


def main() -> None:
    """Write both files beside this script."""
    from openpyxl import Workbook

    data = rows()
    wb = Workbook()
    ws = wb.active
    ws.title = "Suivi 2024"
    ws.append(HEADERS)
    for p in data:
        ws.append([p[h] for h in HEADERS])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    wb.save(HERE / "antenne-2024.xlsx")

    def text(v: object) -> str:
        return v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else "" if v is None else str(v)

    with (HERE / "antenne-2024.csv").open("w", encoding="cp1252", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(HEADERS)
        for p in data:
            w.writerow([text(p[h]) for h in HEADERS])


if __name__ == "__main__":
    main()
