"""Side by side: vaekit's XML import vs xml.etree and lxml iterparse imports of the same fields.

    python bench/gen_registry.py
    PYTHONPATH=build/<you>/python python bench/registry_vs_etree.py [path]

Both read the scaled full-size RNCP XML export (~570 MB) and keep the same fields per fiche as
vaekit's Certification: id, code, title, short type (code and label), level and its label,
status, certifiers (SIRET, name, state), skill blocks, ROME/NSF/Formacode (code and label), the
six access routes, active flag, overseas flags, URL, the six dates parsed into datetime.date,
registration length and type, partial validation, replacement links, per-year statistics (four
numbers) and block correspondences. etree clears each FICHE after use (streaming), as a careful
Python user would; lxml (libxml2, the fastest Python XML parser, when installed) runs the same
code through `lxml.etree.iterparse` and also deletes the cleared FICHE elements from the root.
vaekit runs sequentially (threads=1) and with one thread per core.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import vaekit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "build" / "registry-bench" / "export_fiches_RNCP_V4_1-scaled.xml"
ROUTES = ("SI_JURY_FI", "SI_JURY_CA", "SI_JURY_FC", "SI_JURY_CQ", "SI_JURY_CL", "SI_JURY_VAE")
DATES = (
    "DATE_DECISION",
    "DATE_EFFET",
    "DATE_FIN_ENREGISTREMENT",
    "DATE_LIMITE_DELIVRANCE",
    "DATE_DERNIER_JO",
    "DATE_DE_PUBLICATION",
)


def _date(text: str | None) -> dt.date | None:
    if not text or not text.strip():
        return None
    d, m, y = text.strip().split("/")
    return dt.date(int(y), int(m), int(d))


def _oui(text: str | None) -> bool | None:
    return None if not text else text.strip() == "Oui"


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip() else None


def _pairs(el: ET.Element, path: str) -> list[tuple[str | None, str | None]]:
    return [(x.findtext("CODE"), x.findtext("LIBELLE")) for x in el.iterfind(path)]


def etree_import(path: Path, iterparse: Any = ET.iterparse) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    lxml = iterparse is not ET.iterparse
    for _event, el in (
        iterparse(str(path), events=("end",), tag="FICHE")
        if lxml
        else iterparse(path, events=("end",))
    ):
        if el.tag != "FICHE":
            continue
        code = el.findtext("NUMERO_FICHE")
        level = el.findtext("NOMENCLATURE_EUROPE/NIVEAU")
        fiche = {
            "id": _int(el.findtext("ID_FICHE")),
            "title": el.findtext("INTITULE"),
            "short_type": (el.findtext("ABREGE/CODE"), el.findtext("ABREGE/LIBELLE")),
            "level": int(level[3:]) if level and level.startswith("NIV") else None,
            "level_label": el.findtext("NOMENCLATURE_EUROPE/LIBELLE"),
            "status": el.findtext("ETAT_FICHE"),
            "certifiers": [
                (
                    c.findtext("SIRET_CERTIFICATEUR"),
                    c.findtext("NOM_CERTIFICATEUR"),
                    c.findtext("ETAT_CERTIFICATEUR") == "Actif",
                )
                for c in el.iterfind("CERTIFICATEURS/CERTIFICATEUR")
            ],
            "blocks": _pairs(el, "BLOCS_COMPETENCES/BLOC_COMPETENCES"),
            "rome": _pairs(el, "CODES_ROME/ROME"),
            "nsf": _pairs(el, "CODES_NSF/NSF"),
            "formacode": _pairs(el, "FORMACODES/FORMACODE"),
            "routes": [r for r in ROUTES if el.findtext(f"{r}/ACTIF") == "Oui"],
            "active": el.findtext("ACTIF") == "Oui",
            "new_caledonia": _oui(el.findtext("ACCESSIBLE_NOUVELLE_CALEDONIE")),
            "french_polynesia": _oui(el.findtext("ACCESSIBLE_POLYNESIE_FRANCAISE")),
            "url": el.findtext("LIEN_URL_DESCRIPTION"),
            "dates": {d: _date(el.findtext(d)) for d in DATES},
            "years": _int(el.findtext("DUREE_ENREGISTREMENT")),
            "registration_type": el.findtext("TYPE_ENREGISTREMENT"),
            "partial_validation": _oui(el.findtext("VALIDATION_PARTIELLE")),
            "replaces": [x.text for x in el.iterfind(".//ID_FICHE_ANCIENNE_CERTIFICATION")],
            "replaced_by": [x.text for x in el.iterfind(".//ID_FICHE_NOUVELLE_CERTIFICATION")],
            "stats": sorted(
                (
                    _int(s.findtext("ANNEE")),
                    _int(s.findtext("NOMBRE_CERTIFIES")),
                    _int(s.findtext("NOMBRE_CERTIFIES_VAE")),
                    _int(s.findtext("TAUX_INSERTION_GLOBAL_6MOIS")),
                    _int(s.findtext("TAUX_INSERTION_METIER_2ANS")),
                )
                for s in el.iterfind("STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION")
            ),
            "correspondences": [
                {
                    f.tag: (f.text or "").strip()
                    for f in c.iter()
                    if f is not c and (f.text or "").strip()
                }
                for c in el.iterfind("CORRESPONDANCES/CORRESPONDANCE")
            ],
        }
        out[code or ""] = fiche
        el.clear()
        if lxml:  # lxml keeps cleared elements in the tree: drop the fiches already read
            while el.getprevious() is not None:
                del el.getparent()[0]
    return out


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    times: dict[str, float] = {}
    n = 0
    for label, threads in (("vaekit, 1 thread", 1), (f"vaekit, {os.cpu_count()} threads", 0)):
        t0 = time.perf_counter()
        c0 = time.process_time()
        reg = vaekit.Registry.load(path, threads=threads)
        times[label] = time.perf_counter() - t0
        times[label + " (CPU)"] = time.process_time() - c0
        n = len(reg)
        del reg
    t0 = time.perf_counter()
    c0 = time.process_time()
    py = etree_import(path)
    times["etree.iterparse"] = time.perf_counter() - t0
    times["etree.iterparse (CPU)"] = time.process_time() - c0
    assert len(py) == n, (len(py), n)
    del py
    peers = ["etree.iterparse"]
    try:
        from lxml import etree as lxml_etree
    except ImportError:
        print("lxml not installed: its column is left out (pip install lxml)")
    else:
        t0 = time.perf_counter()
        c0 = time.process_time()
        lx = etree_import(path, lxml_etree.iterparse)
        times["lxml.iterparse"] = time.perf_counter() - t0
        times["lxml.iterparse (CPU)"] = time.process_time() - c0
        assert len(lx) == n, (len(lx), n)
        del lx
        peers.append("lxml.iterparse")
    size = path.stat().st_size / 1e6
    print(f"file: {path.name} ({size:.0f} MB, {n} fiches)")
    for label, t in times.items():
        print(f"{label:28s}: {t:8.2f} s")
    one = [k for k in times if k.startswith("vaekit, 1 thread (CPU")][0]
    for peer in peers:
        name = peer.split(".")[0]
        for label in [k for k in times if k.startswith("vaekit") and "CPU" not in k]:
            print(f"ratio {name} / {label:15s}: {times[peer] / times[label]:6.1f}x wall")
        # On a busy machine wall times mostly measure waiting for a core: compare CPU times too
        # (the parallel import's CPU time is the sum over its threads).
        cpu_ratio = times[peer + " (CPU)"] / times[one]
        print(f"ratio {name} / vaekit, 1 thread: {cpu_ratio:6.1f}x CPU")
        for label in [k for k in times if k.startswith("vaekit") and "CPU" in k and k != one]:
            cpu_ratio = times[peer + " (CPU)"] / times[label]
            print(f"ratio {name} / {label[:-6]}: {cpu_ratio:6.1f}x CPU (all threads)")


if __name__ == "__main__":
    main()
