"""Side by side: vaekit's XML import vs a Python xml.etree.iterparse import of the same fields.

    python bench/gen_registry.py
    PYTHONPATH=build/<you>/python python bench/registry_vs_etree.py [path]

Both read the scaled full-size RNCP XML export (~570 MB) and keep the same fields per fiche:
code, title, short type, level, certifiers, blocks, ROME/NSF/Formacode, access routes, active,
dates, replacement links, statistics. etree clears each FICHE after use (streaming), as a careful
Python user would.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import vaekit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "build" / "registry-bench" / "export_fiches_RNCP_V4_1-scaled.xml"
ROUTES = ("SI_JURY_FI", "SI_JURY_CA", "SI_JURY_FC", "SI_JURY_CQ", "SI_JURY_CL", "SI_JURY_VAE")
DATES = ("DATE_DECISION", "DATE_EFFET", "DATE_FIN_ENREGISTREMENT", "DATE_LIMITE_DELIVRANCE")


def etree_import(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for _event, el in ET.iterparse(path, events=("end",)):
        if el.tag != "FICHE":
            continue
        code = el.findtext("NUMERO_FICHE")
        level = el.findtext("NOMENCLATURE_EUROPE/NIVEAU")
        fiche = {
            "title": el.findtext("INTITULE"),
            "short_type": el.findtext("ABREGE/CODE"),
            "level": int(level[3:]) if level and level.startswith("NIV") else None,
            "certifiers": [(c.findtext("SIRET_CERTIFICATEUR"), c.findtext("NOM_CERTIFICATEUR"))
                           for c in el.iterfind("CERTIFICATEURS/CERTIFICATEUR")],
            "blocks": [(b.findtext("CODE"), b.findtext("LIBELLE"))
                       for b in el.iterfind("BLOCS_COMPETENCES/BLOC_COMPETENCES")],
            "rome": [(r.findtext("CODE"), r.findtext("LIBELLE")) for r in el.iterfind("CODES_ROME/ROME")],
            "nsf": [(r.findtext("CODE"), r.findtext("LIBELLE")) for r in el.iterfind("CODES_NSF/NSF")],
            "formacode": [(r.findtext("CODE"), r.findtext("LIBELLE"))
                          for r in el.iterfind("FORMACODES/FORMACODE")],
            "routes": [r for r in ROUTES if el.findtext(f"{r}/ACTIF") == "Oui"],
            "active": el.findtext("ACTIF") == "Oui",
            "dates": {d: el.findtext(d) for d in DATES},
            "replaces": [x.text for x in el.iterfind(".//ID_FICHE_ANCIENNE_CERTIFICATION")],
            "replaced_by": [x.text for x in el.iterfind(".//ID_FICHE_NOUVELLE_CERTIFICATION")],
            "stats": [(s.findtext("ANNEE"), s.findtext("NOMBRE_CERTIFIES"), s.findtext("NOMBRE_CERTIFIES_VAE"))
                      for s in el.iterfind("STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION")],
        }
        out[code or ""] = fiche
        el.clear()
    return out


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    t0 = time.perf_counter()
    reg = vaekit.Registry.load(path)
    t1 = time.perf_counter()
    py = etree_import(path)
    t2 = time.perf_counter()
    assert len(py) == len(reg), (len(py), len(reg))
    size = path.stat().st_size / 1e6
    print(f"file: {path.name} ({size:.0f} MB, {len(reg)} fiches)")
    print(f"vaekit.Registry.load : {t1 - t0:8.2f} s")
    print(f"etree.iterparse      : {t2 - t1:8.2f} s")
    print(f"ratio                : {(t2 - t1) / (t1 - t0):8.1f}x")


if __name__ == "__main__":
    main()
