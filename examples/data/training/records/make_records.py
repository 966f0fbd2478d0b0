"""Regenerates the example records of the first half of 2025 from plan-2025.json.

plan-2025.json is the plan vaekit.schedule() makes of ../programme-2025.json under
../constraints-2025.json (saved so the records keep pointing at the same sessions). The records
are invented, seeded (random.Random(2025)), and cover the sessions up to 30 June 2025:
attendance per half-day with its evidence (a few defects on purpose: a missing signature, a
remote half-day without a log), à-chaud evaluations, à-froid ones 6 weeks later, the funder's
feedback, and the staff register. Run: python make_records.py
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = date(2025, 6, 30)


def dump(name: str, doc: dict) -> None:
    (HERE / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(2025)
    plan = json.loads((HERE / "plan-2025.json").read_text(encoding="utf-8"))
    members = plan["programme"]["members"]
    sessions = [s for s in plan["sessions"] if date.fromisoformat(s["date"]) <= AS_OF]

    def audience(s: dict) -> list[dict]:
        a = s["audience"]
        return [
            m for m in members if a == "both" or (a == "counsellors") == (m["role"] == "counsellor")
        ]

    entries = []
    attendees: dict[str, list[str]] = {}
    for s in sessions:
        for m in audience(s):
            came = False
            for half in ("morning", "afternoon")[: s["half_days"]]:
                x = rng.random()
                e = {
                    "session": s["id"],
                    "date": s["date"],
                    "half_day": half,
                    "member": m["id"],
                    "presence": "present",
                    "evidence": "signed_sheet",
                    "evidence_ref": f"emargement-{s['id']}-{half}.pdf",
                    "hours": None,
                }
                if s["phone_bridge"] or x < 0.05:
                    e.update(
                        presence="remote",
                        evidence="connection_log",
                        evidence_ref=f"connexions-{s['id']}.csv",
                    )
                elif x < 0.09:
                    e.update(presence="excused", evidence="none", evidence_ref="")
                elif x < 0.12:
                    e.update(presence="absent", evidence="none", evidence_ref="")
                elif x < 0.14:
                    e["hours"] = 2.5  # arrived late
                came = came or e["presence"] in ("present", "remote")
                entries.append(e)
            if came:
                attendees.setdefault(s["id"], []).append(m["id"])
    # Defects an audit would find.
    entries[5].update(evidence="none", evidence_ref="")  # unsigned presence
    remote = next(e for e in entries[40:] if e["presence"] == "present")
    remote.update(presence="remote", evidence="none", evidence_ref="")  # remote without a log
    dump(
        "attendance-2025.json",
        {
            "schema": "Attendance.1",
            "programme": plan["programme"]["id"],
            "hours_per_half_day": 3.5,
            "entries": entries,
        },
    )

    questions = [
        {
            "id": "satisfaction",
            "text": "Globalement, êtes-vous satisfait(e) de la journée ?",
            "kind": "scale",
            "timing": "hot",
        },
        {
            "id": "utility",
            "text": "Les apports sont-ils utiles à votre pratique ?",
            "kind": "scale",
            "timing": "hot",
        },
        {
            "id": "organisation",
            "text": "L'organisation (lieu, horaires, supports) vous a-t-elle convenu ?",
            "kind": "scale",
            "timing": "hot",
        },
        {"id": "comment", "text": "Remarques", "kind": "free_text", "timing": "hot"},
        {
            "id": "applied",
            "text": "Avez-vous mis en pratique les apports de la journée ?",
            "kind": "scale",
            "timing": "cold",
        },
        {
            "id": "example",
            "text": "Un exemple de mise en pratique",
            "kind": "free_text",
            "timing": "cold",
        },
    ]
    comments = [
        "Intervention très claire.",
        "Trop dense pour une journée.",
        "Échanges entre pairs très riches.",
        "Supports à envoyer avant la séance.",
    ]
    responses = []
    n = 0
    for s in sessions:
        d = date.fromisoformat(s["date"])
        base = 3.6 + rng.random() * 1.0  # the session's mood
        for mid in attendees.get(s["id"], []):

            def score(base: float = base) -> int:
                return max(1, min(5, round(rng.gauss(base, 0.8))))

            if rng.random() < 0.8:
                n += 1
                r = {
                    "id": f"E{n:04d}",
                    "session": s["id"],
                    "member": mid,
                    "respondent": "trainee",
                    "timing": "hot",
                    "date": s["date"],
                    "scores": {
                        "satisfaction": score(),
                        "utility": score(),
                        "organisation": score(),
                    },
                    "comments": {},
                }
                if rng.random() < 0.15:
                    r["comments"] = {"comment": rng.choice(comments)}
                responses.append(r)
            if d + timedelta(weeks=6) <= AS_OF and rng.random() < 0.5:
                n += 1
                responses.append(
                    {
                        "id": f"E{n:04d}",
                        "session": s["id"],
                        "member": mid,
                        "respondent": "trainee",
                        "timing": "cold",
                        "date": (d + timedelta(weeks=6, days=rng.randrange(10))).isoformat(),
                        "scores": {"applied": score()},
                        "comments": {},
                    }
                )
    responses.append(
        {
            "id": "F0001",
            "session": "",
            "member": "",
            "respondent": "funder",
            "timing": "cold",
            "date": "2025-06-30",
            "scores": {"applied": 4},
            "comments": {"example": "Bilan de mi-parcours conforme à la commande."},
        }
    )
    dump(
        "evaluations-2025.json",
        {
            "schema": "Evaluations.1",
            "programme": plan["programme"]["id"],
            "cold_delay_weeks": 6,
            "hot_window_days": 0,
            "questions": questions,
            "responses": responses,
        },
    )

    profiles = []
    # Evidence of knowledge of VAE from its own generator, so that the other records keep the
    # values they had before the field existed.
    knowledge_rng = random.Random(21)
    knowledge = [
        "Formation « Conseiller VAE » (Défi métiers)",
        "Module VAE du DU Accompagnement des parcours professionnels (université)",
        "Journées d'information France VAE",
    ]
    for m in members:
        if m["role"] == "counsellor":
            level = 7 if rng.random() < 0.9 else 6
            diplomas = [
                {
                    "title": "Master" if level == 7 else "Licence professionnelle",
                    "eu_level": level,
                    "year": 2000 + rng.randrange(20),
                }
            ]
            support = round(rng.uniform(0.5, 15), 1)
        else:
            diplomas = [{"title": "BTS assistant de gestion", "eu_level": 5, "year": 2010}]
            support = round(rng.uniform(0, 8), 1)
        profiles.append(
            {
                "member": m["id"],
                "diplomas": diplomas,
                "support_experience_years": support,
                "vae_experience_years": round(min(support, rng.uniform(0, 8)), 1),
                "vae_knowledge": (
                    [knowledge_rng.choice(knowledge)] if knowledge_rng.random() < 0.85 else []
                ),
                "other_training_hours": {"2025": rng.choice([0, 0, 7, 14])},
            }
        )
    dump(
        "staff-2025.json",
        {
            "schema": "StaffRegister.1",
            "requirements": {
                "roles": ["counsellor"],
                "min_diploma_level": 7,
                "min_support_years": 1.0,
                "min_vae_years": 0.0,
                "require_vae_experience": True,
                "require_vae_knowledge": True,
                "min_training_hours_per_year": 0.0,
            },
            "profiles": profiles,
        },
    )


if __name__ == "__main__":
    main()
