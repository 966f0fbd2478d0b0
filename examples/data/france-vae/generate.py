"""Writes status-history.csv: a France VAE-shaped status history of 40 invented candidacies.

No real person: the candidacy identifiers are random UUIDs from a fixed seed and the pathways
are drawn from the scenarios below (accompanied, autonomous, not admissible, incomplete then
admissible, a validation file flagged, a partial jury completed later, a partial certification,
archived with a reason, archived then unarchived, drafts never submitted, a 2023 funding
request). The columns are those of France VAE's CandidaciesStatus (candidacy_id, status,
created_at, is_active) and four optional ones of the candidacy and its jury
(type_accompagnement, typology, exam_result, archiving_reason); see docs/formats/france-vae.md.

Run: python examples/data/france-vae/generate.py  (rewrites the CSV next to this script);
``--candidacies N --out PATH`` writes a larger history elsewhere (docs/performance.md times it).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import uuid
from pathlib import Path

A = "ACCOMPAGNE"
AUTO = "AUTONOME"
FRONT = ["PROJET", "VALIDATION", "PRISE_EN_CHARGE", "PARCOURS_ENVOYE", "PARCOURS_CONFIRME"]
FEAS = [
    "DOSSIER_FAISABILITE_ENVOYE",
    "DOSSIER_FAISABILITE_COMPLET",
    "DOSSIER_FAISABILITE_RECEVABLE",
]
# Scenario: (name, accompaniment or "" to let the import infer it, [(status, extra)...]).
SCENARIOS: list[tuple[str, str, list[tuple[str, dict[str, str]]]]] = [
    (
        "accompanied, certified",
        A,
        [(s, {}) for s in FRONT + FEAS]
        + [("DOSSIER_DE_VALIDATION_ENVOYE", {}), ("CERTIFICATION", {"exam_result": "SUCCESS"})],
    ),
    (
        "autonomous, certified",
        AUTO,
        [("PROJET", {})]
        + [(s, {}) for s in FEAS]
        + [("DOSSIER_DE_VALIDATION_ENVOYE", {}), ("CERTIFICATION", {"exam_result": "SUCCESS"})],
    ),
    (
        "accompanied, not admissible",
        A,
        [(s, {}) for s in FRONT]
        + [("DOSSIER_FAISABILITE_ENVOYE", {}), ("DOSSIER_FAISABILITE_NON_RECEVABLE", {})],
    ),
    (
        "autonomous, not admissible",
        AUTO,
        [
            ("PROJET", {}),
            ("DOSSIER_FAISABILITE_ENVOYE", {}),
            ("DOSSIER_FAISABILITE_NON_RECEVABLE", {}),
        ],
    ),
    (
        "incomplete then admissible",
        A,
        [(s, {}) for s in FRONT]
        + [("DOSSIER_FAISABILITE_ENVOYE", {}), ("DOSSIER_FAISABILITE_INCOMPLET", {})]
        + [(s, {}) for s in FEAS]
        + [("DOSSIER_DE_VALIDATION_ENVOYE", {})],
    ),
    (
        "validation file flagged, then jury",
        A,
        [(s, {}) for s in FRONT + FEAS]
        + [
            ("DOSSIER_DE_VALIDATION_ENVOYE", {}),
            ("DOSSIER_DE_VALIDATION_SIGNALE", {}),
            ("DOSSIER_DE_VALIDATION_ENVOYE", {}),
            ("CERTIFICATION", {"exam_result": "FAILURE"}),
        ],
    ),
    (
        "partial jury completed later",
        A,
        [(s, {}) for s in FRONT + FEAS]
        + [
            ("DOSSIER_DE_VALIDATION_ENVOYE", {}),
            ("CERTIFICATION", {"exam_result": "PARTIAL_SUCCESS"}),
            ("DOSSIER_DE_VALIDATION_ENVOYE", {}),
            ("CERTIFICATION", {"exam_result": "SUCCESS"}),
        ],
    ),
    (
        "partial certification",
        AUTO,
        [("PROJET", {})]
        + [(s, {}) for s in FEAS]
        + [
            ("DOSSIER_DE_VALIDATION_ENVOYE", {}),
            ("CERTIFICATION", {"exam_result": "PARTIAL_CERTIFICATION_SUCCESS"}),
        ],
    ),
    (
        "archived after taking charge",
        A,
        [(s, {}) for s in FRONT[:3]] + [("ARCHIVE", {"archiving_reason": "INACTIVITE_CANDIDAT"})],
    ),
    (
        "archived then unarchived",
        A,
        [(s, {}) for s in FRONT[:3]]
        + [
            ("ARCHIVE", {"archiving_reason": "AUTRE"}),
            ("PRISE_EN_CHARGE", {}),
            ("PARCOURS_ENVOYE", {}),
            ("PARCOURS_CONFIRME", {}),
        ],
    ),
    ("draft never submitted", "", [("PROJET", {})]),
    (
        "draft deleted",
        "",
        [("PROJET", {}), ("ARCHIVE", {"archiving_reason": "CANDIDATURE_CREEE_PAR_ERREUR"})],
    ),
    ("in progress, accompaniment inferred", "", [(s, {}) for s in FRONT[:4]]),
    (
        "2023: funding request",
        A,
        [(s, {}) for s in FRONT + FEAS]
        + [("DEMANDE_FINANCEMENT_ENVOYE", {}), ("DOSSIER_DE_VALIDATION_ENVOYE", {})],
    ),
]


# The candidate's typology (France VAE's CandidateTypology), blank for some: drawn at random,
# not from published shares (the profile's shares are the simulation's business).
TYPOLOGIES = [
    "SALARIE_PRIVE",
    "SALARIE_PRIVE",
    "SALARIE_PUBLIC",
    "DEMANDEUR_EMPLOI",
    "SALARIE_PUBLIC_HOSPITALIER",
    "AIDANTS_FAMILIAUX",
    "BENEVOLE",
    "NON_SPECIFIE",
    "",
]


def main() -> None:
    """Write the CSV (deterministic: a fixed seed)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--candidacies", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("status-history.csv"))
    args = parser.parse_args()
    rng = random.Random(20250115)
    rows: list[dict[str, str]] = []
    for i in range(args.candidacies):
        _name, acc, steps = SCENARIOS[i % len(SCENARIOS)]
        case = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        typology = rng.choice(TYPOLOGIES)
        start = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.timezone.utc) + dt.timedelta(
            days=rng.randrange(0, 300), minutes=rng.randrange(0, 600)
        )
        when = start
        history = []
        for status, extra in steps:
            history.append((status, when, extra))
            when += dt.timedelta(days=rng.randrange(3, 40), minutes=rng.randrange(0, 480))
        for k, (status, at, extra) in enumerate(history):
            rows.append(
                {
                    "candidacy_id": case,
                    "status": status,
                    "created_at": at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "is_active": "true" if k == len(history) - 1 else "false",
                    "type_accompagnement": acc,
                    "typology": typology,
                    "exam_result": extra.get("exam_result", ""),
                    "archiving_reason": extra.get("archiving_reason", ""),
                }
            )
    rows.sort(key=lambda r: r["created_at"])  # an export in time order: candidacies interleave
    out = args.out
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{out}: {len(rows)} rows, {args.candidacies} candidacies")


if __name__ == "__main__":
    main()
