"""Scale the real registry samples up to the size of the full exports, for benchmarks.

    python bench/gen_registry.py [--fiches 25000] [--out build/registry-bench]

Writes (never commit them):
  export_fiches_RNCP_V4_1-scaled.xml   ~25,000 fiches, ~570 MB like the real full XML export
  export-fiches-csv-scaled.zip         the CSV export zip with as many fiches
The fiches are the real sample fiches (../shared/data/rncp/) renumbered, with their block codes
renumbered too, arranged in replacement chains of five (every fifth fiche ends a chain), each
with a generated title (see scaled_title) so that the search index has a realistic vocabulary.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import random
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The samples: ../shared/data/rncp beside the repository (a worktree elsewhere sets
# VAEKIT_SHARED_DATA to the shared data directory).
SHARED = Path(os.environ.get("VAEKIT_SHARED_DATA", ROOT.parent / "shared" / "data")) / "rncp"
FICHE = re.compile(r"<FICHE>.*?</FICHE>", re.S)
LINKS = re.compile(r"\s*<(ANCIENNES|NOUVELLES)_CERTIFICATIONS>.*?</\1_CERTIFICATIONS>", re.S)
CODE = re.compile(r"<NUMERO_FICHE>(\w+)</NUMERO_FICHE>")
STD_TITLE = re.compile(r'^("[^"]*";"[^"]*";)"(?:[^"]|"")*"')
PAD_TO = 23_000  # bytes per fiche on average in the full export (570 MB / 25,000)


def templates() -> list[tuple[str, str]]:
    out = []
    for name in ("export_fiches_RNCP_V4_1-sample.xml", "export_fiches_RS_V4_1-sample.xml"):
        text = (SHARED / name).read_text(encoding="utf-8")
        for m in FICHE.finditer(text):
            fiche = LINKS.sub("", m.group(0))
            # The samples carry unusually long partner lists; the padding below restores the
            # average weight of a real fiche.
            fiche = re.sub(r"<PARTENAIRES>.*?</PARTENAIRES>", "", fiche, flags=re.S)
            code = CODE.search(fiche)
            assert code is not None
            out.append((code.group(1), fiche))
    return out


# Titles: the samples hold only a dozen distinct titles, which would make a search benchmark
# meaningless (every word would match thousands of identical fiches). Each scaled fiche gets a
# title built like real RNCP/RS titles: a head (Zipf-weighted, as "Titre professionnel" or
# "Manager" are far more frequent than "Gardien") and a field, sometimes an option.
HEADS = [
    "Titre professionnel",
    "Manager",
    "Responsable",
    "Technicien",
    "Chargé de",
    "Assistant",
    "Agent",
    "Conducteur",
    "Développeur",
    "Gestionnaire",
    "Diplôme d’État de",
    "Certificat de",
    "Brevet professionnel",
    "CAP",
    "Bac professionnel",
    "BTS",
    "Licence professionnelle",
    "Master",
    "Ingénieur diplômé",
    "Expert en",
    "Consultant en",
    "Chef de projet",
    "Coordinateur",
    "Opérateur",
    "Animateur",
    "Éducateur",
    "Accompagnant",
    "Conseiller",
    "Directeur",
    "Administrateur",
    "Formateur",
    "Monteur",
    "Installateur",
    "Mécanicien",
    "Cuisinier",
    "Vendeur",
    "Employé",
    "Secrétaire",
    "Moniteur",
    "Gardien",
    "Maître",
    "Préparateur",
    "Réceptionniste",
    "Designer",
    "Analyste",
    "Architecte",
    "Auditeur",
    "Pilote",
    "Surveillant",
    "Aide",
    "Ouvrier",
    "Inspecteur",
    "Négociateur",
    "Contrôleur",
]
FIELDS = [
    "ressources humaines",
    "cybersécurité",
    "systèmes et réseaux",
    "commerce international",
    "agroalimentaire",
    "bâtiment et travaux publics",
    "maintenance industrielle",
    "logistique et transport",
    "hôtellerie-restauration",
    "santé et action sociale",
    "petite enfance",
    "aide à domicile",
    "services à la personne",
    "marketing digital",
    "communication",
    "comptabilité et gestion",
    "paie",
    "banque et assurance",
    "immobilier",
    "énergies renouvelables",
    "électricité",
    "génie climatique",
    "plomberie et chauffage",
    "menuiserie",
    "métallerie",
    "soudure",
    "usinage",
    "chaudronnerie",
    "aéronautique",
    "automobile",
    "poids lourds",
    "engins de chantier",
    "agriculture",
    "viticulture",
    "paysage",
    "environnement",
    "eau et assainissement",
    "propreté et hygiène",
    "sécurité incendie",
    "prévention des risques",
    "qualité",
    "achats",
    "supply chain",
    "e-commerce",
    "intelligence artificielle",
    "données",
    "développement web",
    "applications mobiles",
    "blockchain",
    "cloud",
    "télécommunications",
    "audiovisuel",
    "photographie",
    "arts graphiques",
    "mode et textile",
    "coiffure",
    "esthétique",
    "boulangerie-pâtisserie",
    "boucherie",
    "cuisine",
    "sommellerie",
    "tourisme",
    "sport",
    "animation socioculturelle",
    "médiation",
    "insertion professionnelle",
    "formation",
    "enseignement",
    "langues étrangères",
    "anglais professionnel",
    "droit des affaires",
    "fiscalité",
    "gestion de patrimoine",
    "entrepreneuriat",
    "management de projet",
    "relation client",
    "vente en magasin",
    "grande distribution",
    "pharmacie",
    "optique",
    "prothèse dentaire",
    "soins infirmiers",
    "médico-psychologique",
    "gérontologie",
    "handicap",
    "protection de l’enfance",
    "sécurité privée",
    "transport de voyageurs",
    "ferroviaire",
    "maritime",
    "navigation fluviale",
    "logistique portuaire",
    "froid industriel",
    "plasturgie",
    "chimie",
    "biotechnologies",
    "laboratoire",
    "métrologie",
    "nucléaire",
]
OPTIONS = [
    "option A",
    "option B",
    "spécialité industrie",
    "spécialité services",
    "en alternance",
    "niveau 1",
    "niveau 2",
    "(CQP)",
    "(CCP)",
    "– parcours international",
]


def scaled_title(i: int) -> str:
    rng = random.Random(i)
    head = HEADS[
        min(int(rng.paretovariate(1.0)) - 1, len(HEADS) - 1)
        if rng.random() < 0.6
        else rng.randrange(len(HEADS))
    ]
    field = FIELDS[rng.randrange(len(FIELDS))]
    title = f"{head} {field}" if head.split()[-1] in ("de", "en") else f"{head} – {field}"
    if rng.random() < 0.25:
        title += " " + OPTIONS[rng.randrange(len(OPTIONS))]
    return title


def scaled_code(i: int, original: str) -> str:
    return ("RS" if original.startswith("RS") else "RNCP") + str(100000 + i)


def write_xml(path: Path, n: int) -> None:
    temps = templates()
    # Free text padding so that the average fiche weighs what a real one does.
    avg = sum(len(f.encode()) for _, f in temps) / len(temps)
    pad = max(0, int(PAD_TO - avg))
    filler = (
        "<OBJECTIFS_CONTEXTE_SUPPLEMENTAIRES>"
        + ("Texte libre de la fiche. " * (pad // 25))
        + ("</OBJECTIFS_CONTEXTE_SUPPLEMENTAIRES>")
    )
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n')
        out.write("  <VERSION_FLUX>4.1</VERSION_FLUX>\n")
        for i in range(n):
            original, fiche = temps[i % len(temps)]
            code = scaled_code(i, original)
            body = fiche.replace(original, code)
            body = re.sub(
                r"<ID_FICHE>\d+</ID_FICHE>", f"<ID_FICHE>{i + 1}</ID_FICHE>", body, count=1
            )
            title = html.escape(scaled_title(i), quote=False)
            body = re.sub(
                r"<INTITULE>[^<]*</INTITULE>",
                lambda _m, t=title: f"<INTITULE>{t}</INTITULE>",  # type: ignore[misc]
                body,
                count=1,
            )
            links = ""
            if i % 5 != 0:
                prev = scaled_code(i - 1, temps[(i - 1) % len(temps)][0])
                links += (
                    "<ANCIENNES_CERTIFICATIONS><ANCIENNE_CERTIFICATION><ID_FICHE_ANCIENNE_CERTIFICATION>"
                    f"{prev}</ID_FICHE_ANCIENNE_CERTIFICATION></ANCIENNE_CERTIFICATION></ANCIENNES_CERTIFICATIONS>"
                )
            if i % 5 != 4 and i + 1 < n:
                nxt = scaled_code(i + 1, temps[(i + 1) % len(temps)][0])
                links += (
                    "<NOUVELLES_CERTIFICATIONS><NOUVELLE_CERTIFICATION><ID_FICHE_NOUVELLE_CERTIFICATION>"
                    f"{nxt}</ID_FICHE_NOUVELLE_CERTIFICATION></NOUVELLE_CERTIFICATION></NOUVELLES_CERTIFICATIONS>"
                )
            body = body.replace("</NUMERO_FICHE>", "</NUMERO_FICHE>" + links, 1)
            body = body.replace("</FICHE>", filler + "</FICHE>")
            out.write("  " + body + "\n")
        out.write("</FICHES>\n")


def write_csv_zip(path: Path, n: int) -> None:
    src = SHARED / "export-fiches-csv-2024-02-22-sample.zip"
    with zipfile.ZipFile(src) as z:
        parts = {info.filename: z.read(info).decode("utf-8") for info in z.infolist()}
    std_name = next(k for k in parts if "_Standard_" in k)
    std_rows = parts[std_name].split("\r\n")
    header, rows = std_rows[0], [r for r in std_rows[1:] if r]
    codes = [r.split(";")[1].strip('"') for r in rows]
    out: dict[str, io.StringIO] = {name: io.StringIO() for name in parts}
    by_code: dict[str, dict[str, list[str]]] = {}
    for name, text in parts.items():
        lines = text.split("\r\n")
        out[name].write(lines[0] + "\r\n")
        for line in lines[1:]:
            if line:
                key = line.split(";")[1 if name == std_name else 0].strip('"')
                by_code.setdefault(key, {}).setdefault(name, []).append(line)
    for i in range(n):
        original = codes[i % len(codes)]
        code = scaled_code(i, original)
        for name, lines in by_code.get(original, {}).items():
            if "Ancienne_Nouvelle" in name:
                continue
            for line in lines:
                line = line.replace(f'"{original}', f'"{code}')
                if name == std_name:  # third column: Intitule
                    title = scaled_title(i).replace('"', '""')
                    line = STD_TITLE.sub(
                        lambda m, t=title: m.group(1) + '"' + t + '"',  # type: ignore[misc]
                        line,
                        count=1,
                    )
                out[name].write(line + "\r\n")
    link_name = next(k for k in parts if "Ancienne_Nouvelle" in k)
    for i in range(n - 1):
        if i % 5 != 4:
            a = scaled_code(i, codes[i % len(codes)])
            b = scaled_code(i + 1, codes[(i + 1) % len(codes)])
            out[link_name].write(f'"{a}";;"{b}"\r\n"{b}";"{a}";\r\n')
    del header
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, buf in out.items():
            z.writestr(name, buf.getvalue().encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--fiches", type=int, default=25_000)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "registry-bench")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    xml = args.out / "export_fiches_RNCP_V4_1-scaled.xml"
    write_xml(xml, args.fiches)
    write_csv_zip(args.out / "export-fiches-csv-scaled.zip", args.fiches)
    print(f"{xml}: {xml.stat().st_size / 1e6:.0f} MB, {args.fiches} fiches")


if __name__ == "__main__":
    main()
