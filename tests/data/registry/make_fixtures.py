"""Writes vaekit's own registry fixtures in the real export formats (run from the repo root).

    python3 tests/data/registry/make_fixtures.py

Hand-made data, not copies of France Compétences files: the CSV export zip (ten `;` parts, all
values quoted, TAB-prefixed SIRETs, entry names in UTF-8 *without* the zip UTF-8 flag, doubled
apostrophes in ROME labels, `REPRISE` level, curly apostrophes in access-route labels, links from
both sides) and the XML export v4.1, plus one broken variant per error the readers must report.
The example registry of the demo (examples/data/registry/) is written too: the DEAES story
(domain.md §3). Its codes other than RNCP36004 are illustrative placeholders.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TESTS = ROOT / "tests" / "data" / "registry"
EXAMPLES = ROOT / "examples" / "data" / "registry"
DATE = "2024_02_22"

STANDARD_HEADER = [
    "Id_Fiche", "Numero_Fiche", "Intitule", "Abrege_Libelle", "Abrege_Intitule",
    "Nomenclature_Europe_Niveau", "Nomenclature_Europe_Intitule", "Accessible_Nouvelle_Caledonie",
    "Accessible_Polynesie_Francaise", "Date_dernier_jo", "Date_Decision", "Date_Fin_Enregistrement",
    "Date_Effet", "Type_Enregistrement", "Validation_Partielle", "Actif",
]
PARTS = {
    "Standard": STANDARD_HEADER,
    "Certificateurs": ["Numero_Fiche", "Siret_Certificateur", "Nom_Certificateur"],
    "Blocs_De_Compétences": ["Numero_Fiche", "Bloc_Competences_Code", "Bloc_Competences_Libelle"],
    "VoixdAccès": ["Numero_Fiche", "Si_Jury"],
    "Rome": ["Numero_Fiche", "Codes_Rome_Code", "Codes_Rome_Libelle"],
    "Nsf": ["Numero_Fiche", "Nsf_Code", "Nsf_Intitule"],
    "Formacode": ["Numero_Fiche", "Formacode_Code", "Formacode_Libelle"],
    "Partenaires": ["Numero_Fiche", "Nom_Partenaire", "Siret_Partenaire", "Habilitation_Partenaire"],
    "CCN": ["Numero_Fiche", "Ccn_1_Numero", "Ccn_1_Libelle", "Ccn_2_Numero", "Ccn_2_Libelle",
            "Ccn_3_Numero", "Ccn_3_Libelle"],
    "Ancienne_Nouvelle_Certification": ["Numero_Fiche", "Ancienne_Certification",
                                        "Nouvelle_Certification"],
}
VAE = "Par expérience"
ROUTES_ALL = [
    "Après un parcours de formation sous statut d’élève ou d’étudiant",
    "En contrat d’apprentissage",
    "Après un parcours de formation continue",
    "En contrat de professionnalisation",
    "Par candidature individuelle",
    VAE,
]


def q(v: str | None) -> str:
    return "" if v is None else '"' + v.replace('"', '""') + '"'


def csv_text(header: list[str], rows: list[list[str | None]]) -> str:
    lines = [";".join(q(h) for h in header)]
    lines += [";".join(q(v) for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    """A zip whose UTF-8 entry names do not carry the UTF-8 flag (bit 11), like the real export."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 2, 29, 10, 53, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    raw = bytearray(buf.getvalue())
    for sig, flag_off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := raw.find(sig, start)) >= 0:
            flags = int.from_bytes(raw[i + flag_off:i + flag_off + 2], "little") & ~0x0800
            raw[i + flag_off:i + flag_off + 2] = flags.to_bytes(2, "little")
            start = i + 4
    path.write_bytes(bytes(raw))


def export_zip(path: Path, parts: dict[str, list[list[str | None]]], *, drop: str | None = None,
               encoding: dict[str, str] | None = None) -> None:
    files = {}
    for part, header in PARTS.items():
        if part == drop:
            continue
        text = csv_text(header, parts.get(part, []))
        enc = (encoding or {}).get(part, "utf-8")
        files[f"export_fiches_CSV_{part}_{DATE}.csv"] = text.encode(enc)
    write_zip(path, files)


def standard(id_: str, code: str, title: str, level: str | None, active: bool, *,
             abbr: tuple[str, str] | None = None, end: str | None = None,
             decision: str | None = None, jo: str | None = None, effect: str | None = None,
             partial: str | None = None, kind: str = "Enregistrement sur demande") -> list[str | None]:
    label = {None: None, "REPRISE": "Sans niveau – le positionnement n’est pas déterminé"}.get(
        level, None if level is None else f"Niveau {level[-1]}")
    return [id_, code, title, abbr[0] if abbr else None, abbr[1] if abbr else None, level, label,
            "Non", "Non", jo, decision, end, effect, kind, partial,
            "ACTIVE" if active else "INACTIVE"]


# ---- the quirks fixture (tests) ----

def quirk_parts() -> dict[str, list[list[str | None]]]:
    return {
        "Standard": [
            standard("10", "RNCP100", "Aide médico-psychologique", "NIV3", False,
                     abbr=("DE", "Diplôme d'État"), jo="29/01/2016", end="30/01/2016"),
            standard("11", "RNCP101", "Accompagnant éducatif et social", "NIV3", True,
                     abbr=("DE", "Diplôme d'État"), decision="29/01/2021", end="31/12/2026",
                     effect="01/09/2021", partial="Oui"),
            standard("12", "RNCP102", "CQP Tourier", "REPRISE", False, end="21/07/2021"),
            standard("13", "RS103", "Tourier (bloc)", None, True, decision="29/09/2022",
                     end="29/09/2025", partial="Non"),
            standard("14", "RNCP104", "Cycle A", "NIV5", True),
            standard("15", "RNCP105", "Cycle B", "NIV5", True),
        ],
        "Certificateurs": [
            ["RNCP100", "\t11000000000001", "MINISTERE DES SOLIDARITES"],
            ["RNCP101", "\t11000000000001", "MINISTERE DES SOLIDARITES"],
            ["RS103", "\t22000000000002", "CONFEDERATION D'EXEMPLE"],
            ["RS103", "\t33000000000003", "INSTITUT D'EXEMPLE"],
        ],
        "Blocs_De_Compétences": [
            ["RNCP101", "RNCP101BC01", "Accompagner la personne au quotidien"],
            ["RNCP101", "RNCP101BC02", "Coopérer avec l’équipe"],
        ],
        "VoixdAccès": [
            ["RNCP100", VAE],
            ["RNCP101", "En contrat d’apprentissage"],
            ["RNCP101", "En contrat d'apprentissage"],  # straight apostrophe: same route
            ["RNCP101", VAE],
            ["RS103", "Après un parcours de formation continue"],
        ],
        "Rome": [
            ["RNCP100", "K1301", "Accompagnement médicosocial"],
            ["RNCP101", "K1306", "Accompagnant éducatif et social"],
            ["RNCP101", "H1102", "Management et ingénierie d''affaires"],
        ],
        "Nsf": [["RNCP101", "332t", "332t : Travail social"]],
        "Formacode": [["RNCP101", "44028", "44028 : Aide médico-psychologique"]],
        "Partenaires": [["RS103", "CFA D'EXEMPLE", "\t44000000000004", "HABILITATION_ORGA_FORM"]],
        "CCN": [["RNCP102", "3117", "Boulangerie", None, None, None, None]],
        "Ancienne_Nouvelle_Certification": [
            ["RNCP100", None, "RNCP101"],     # one side only: RNCP101 does not list RNCP100
            ["RNCP102", None, "RS103"],       # across registries, both sides
            ["RS103", "RNCP102", None],
            ["RNCP104", None, "RNCP105"],     # a cycle
            ["RNCP105", None, "RNCP104"],
            ["RNCP999", None, "RNCP101"],     # a fiche outside the export
        ],
    }


def xml_fiche(code: str, id_: str, title: str, level: str | None, active: bool, *,
              extra: str = "", stats: str = "", links: str = "") -> str:
    lvl = "" if level is None else (
        f"<NOMENCLATURE_EUROPE><NIVEAU>{level}</NIVEAU><LIBELLE>Niveau {level[-1]}</LIBELLE>"
        "</NOMENCLATURE_EUROPE>")
    return f"""  <FICHE>
    <ID_FICHE>{id_}</ID_FICHE>
    <NUMERO_FICHE>{code}</NUMERO_FICHE>
{links}    <INTITULE>{title}</INTITULE>
    <ETAT_FICHE>Publiée</ETAT_FICHE>
    {lvl}
    <CERTIFICATEURS><CERTIFICATEUR><SIRET_CERTIFICATEUR>11000000000001</SIRET_CERTIFICATEUR>
      <NOM_CERTIFICATEUR>MINISTERE D'EXEMPLE</NOM_CERTIFICATEUR><ETAT_CERTIFICATEUR>Actif</ETAT_CERTIFICATEUR>
    </CERTIFICATEUR></CERTIFICATEURS>
    <ACTIVITES_VISEES>Un long texte libre &amp; des entités — jamais gardé.</ACTIVITES_VISEES>
    <CODES_ROME><ROME><CODE>K1306</CODE><LIBELLE>Accompagnant éducatif et social</LIBELLE></ROME></CODES_ROME>
    <SI_JURY_FI><ACTIF>Non</ACTIF></SI_JURY_FI>
    <SI_JURY_VAE><ACTIF>Oui</ACTIF><COMPOSITION>Jury</COMPOSITION></SI_JURY_VAE>
    <DATE_DECISION>29/01/2021</DATE_DECISION>
    <DATE_FIN_ENREGISTREMENT>31/12/2026</DATE_FIN_ENREGISTREMENT>
{stats}{extra}    <VALIDATION_PARTIELLE>Oui</VALIDATION_PARTIELLE>
    <ACTIF>{"Oui" if active else "Non"}</ACTIF>
  </FICHE>
"""


def xml_doc(fiches: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n'
            "  <VERSION_FLUX>4.1</VERSION_FLUX>\n" + "".join(fiches) + "</FICHES>\n")


def quirk_xml_fiches() -> list[str]:
    stats = """    <STATISTIQUES_PROMOTIONS>
      <STATISTIQUES_PROMOTION><ANNEE>2023</ANNEE><NOMBRE_CERTIFIES>40</NOMBRE_CERTIFIES>
        <NOMBRE_CERTIFIES_VAE>12</NOMBRE_CERTIFIES_VAE></STATISTIQUES_PROMOTION>
      <STATISTIQUES_PROMOTION><ANNEE>2022</ANNEE><NOMBRE_CERTIFIES>35</NOMBRE_CERTIFIES>
        <NOMBRE_CERTIFIES_VAE>9</NOMBRE_CERTIFIES_VAE><TAUX_INSERTION_GLOBAL_6MOIS>80</TAUX_INSERTION_GLOBAL_6MOIS>
      </STATISTIQUES_PROMOTION>
    </STATISTIQUES_PROMOTIONS>
"""
    corr = """    <BLOCS_COMPETENCES><BLOC_COMPETENCES><CODE>RNCP101BC01</CODE><LIBELLE>Accompagner</LIBELLE>
      <LISTE_COMPETENCES>…</LISTE_COMPETENCES></BLOC_COMPETENCES></BLOCS_COMPETENCES>
    <CORRESPONDANCES><CORRESPONDANCE><BLOC_ORIGINE>RNCP101BC01</BLOC_ORIGINE>
      <BLOC_CORRESPONDANT>RNCP100BC02</BLOC_CORRESPONDANT><COMMENTAIRE>Équivalence totale</COMMENTAIRE>
    </CORRESPONDANCE></CORRESPONDANCES>
"""
    old = ("    <NOUVELLES_CERTIFICATIONS><NOUVELLE_CERTIFICATION><ID_FICHE_NOUVELLE_CERTIFICATION>"
           "RNCP101</ID_FICHE_NOUVELLE_CERTIFICATION></NOUVELLE_CERTIFICATION></NOUVELLES_CERTIFICATIONS>\n")
    new = ("    <ANCIENNES_CERTIFICATIONS><ANCIENNE_CERTIFICATION><ID_FICHE_ANCIENNE_CERTIFICATION>"
           "RNCP100</ID_FICHE_ANCIENNE_CERTIFICATION></ANCIENNE_CERTIFICATION></ANCIENNES_CERTIFICATIONS>\n")
    return [
        xml_fiche("RNCP100", "10", "Aide médico-psychologique", "NIV3", False, links=old),
        xml_fiche("RNCP101", "11", "Accompagnant éducatif et social", "NIV3", True, extra=corr,
                  stats=stats, links=new),
        xml_fiche("RS103", "13", "Tourier (bloc)", None, True),
    ]


def write_tests() -> None:
    TESTS.mkdir(parents=True, exist_ok=True)
    parts = quirk_parts()
    export_zip(TESTS / "quirks.zip", parts)
    data = (TESTS / "quirks.zip").read_bytes()
    (TESTS / "truncated.zip").write_bytes(data[: len(data) // 2])
    export_zip(TESTS / "missing_part.zip", parts, drop="CCN")
    dup = dict(parts)
    dup["Standard"] = parts["Standard"] + [parts["Standard"][1]]
    export_zip(TESTS / "duplicate.zip", dup)
    bad = dict(parts)
    bad["Standard"] = [list(r) for r in parts["Standard"]]
    bad["Standard"][0][5] = "NIVEAU_3"
    export_zip(TESTS / "unknown_level.zip", bad)
    export_zip(TESTS / "latin1.zip", parts, encoding={"Rome": "latin-1"})

    fiches = quirk_xml_fiches()
    good = xml_doc(fiches)
    (TESTS / "quirks.xml").write_text(good, encoding="utf-8")
    with zipfile.ZipFile(TESTS / "quirks.xml.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("export_fiches_RNCP_V4_1_2024-02-22.xml", good.encode("utf-8"))
    cut = good.encode("utf-8")
    cut = cut[: cut.index(b"<NUMERO_FICHE>RS103")]
    (TESTS / "broken.xml").write_bytes(cut)
    (TESTS / "duplicate.xml").write_text(xml_doc(fiches + [fiches[1]]), encoding="utf-8")
    (TESTS / "unknown_level.xml").write_text(good.replace("<NIVEAU>NIV3</NIVEAU>",
                                                          "<NIVEAU>NIVEAU3</NIVEAU>", 1),
                                             encoding="utf-8")
    (TESTS / "latin1.xml").write_bytes(good.encode("latin-1", errors="replace"))


# ---- the demo's example registry: the DEAES story (domain.md §3) ----

def deaes_parts(year: int) -> dict[str, list[list[str | None]]]:
    de = ("DE", "Diplôme d'État")
    if year == 2015:
        std = [
            standard("1", "RNCP4503", "Diplôme d'État d'auxiliaire de vie sociale (DEAVS)", "NIV3",
                     True, abbr=de, jo="26/03/2002", end="31/12/2020"),
            standard("2", "RNCP4504", "Diplôme d'État d'aide médico-psychologique (DEAMP)", "NIV3",
                     True, abbr=de, jo="11/04/2006", end="31/12/2020"),
        ]
        links: list[list[str | None]] = []
    else:
        std = [
            standard("1", "RNCP4503", "Diplôme d'État d'auxiliaire de vie sociale (DEAVS)", "NIV3",
                     False, abbr=de, jo="26/03/2002", end="30/01/2016"),
            standard("2", "RNCP4504", "Diplôme d'État d'aide médico-psychologique (DEAMP)", "NIV3",
                     False, abbr=de, jo="11/04/2006", end="30/01/2016"),
            standard("3", "RNCP25467", "Diplôme d'État d'accompagnant éducatif et social (DEAES)",
                     "NIV3", False, abbr=de, jo="31/01/2016", end="31/08/2021"),
            standard("4", "RNCP36004", "Diplôme d'État d'accompagnant éducatif et social", "NIV3",
                     True, abbr=de, decision="21/09/2021", effect="01/09/2021", end="31/08/2026",
                     partial="Oui"),
        ]
        links = [
            ["RNCP4503", None, "RNCP25467"], ["RNCP4504", None, "RNCP25467"],
            ["RNCP25467", "RNCP4503", "RNCP36004"], ["RNCP25467", "RNCP4504", None],
            ["RNCP36004", "RNCP25467", None],
        ]
    std.append(standard("5", "RNCP4821", "Assistant de vie aux familles", "NIV3", True,
                        abbr=("TP", "Titre professionnel"), decision="20/01/2012",
                        end="31/12/2028"))
    std.append(standard("6", "RS5001", "Accompagner une personne en perte d’autonomie à domicile",
                        None, True, decision="01/06/2020", end="01/06/2025", partial="Non"))
    codes = [r[1] for r in std]
    ministry = "\t11000000000001"
    parts: dict[str, list[list[str | None]]] = {
        "Standard": std,
        "Certificateurs": [[c, ministry, "MINISTERE DES SOLIDARITES ET DE LA SANTE"]
                           for c in codes if c.startswith("RNCP") and c != "RNCP4821"]
        + [["RNCP4821", "\t11000000000002", "MINISTERE DU TRAVAIL"],
           ["RS5001", "\t90000000000009", "ORGANISME D'EXEMPLE"]],
        "Blocs_De_Compétences": [["RNCP36004", f"RNCP36004BC0{i}", t] for i, t in enumerate([
            "Accompagnement de la personne dans les actes essentiels du quotidien",
            "Accompagnement de la personne dans les activités de la vie sociale",
            "Communication et relation à la personne",
            "Travail en équipe pluri-professionnelle et traitement des informations",
            "Prévention des risques et sécurité"], start=1)] if year != 2015 else [],
        "VoixdAccès": [[c, r] for c in codes for r in ([VAE, ROUTES_ALL[2]]
                                                        if c != "RS5001" else [ROUTES_ALL[2]])],
        "Rome": [[c, "K1302", "Assistance auprès d''adultes"] for c in codes if c != "RNCP36004"]
        + ([["RNCP36004", "K1306", "Accompagnant éducatif et social"]] if year != 2015 else []),
        "Nsf": [[c, "332t", "332t : Travail social"] for c in codes],
        "Formacode": [],
        "Partenaires": [],
        "CCN": [],
        "Ancienne_Nouvelle_Certification": links,
    }
    return parts


def write_examples() -> None:
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    export_zip(EXAMPLES / "export-fiches-csv-2015-06-01-example.zip", deaes_parts(2015))
    export_zip(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip", deaes_parts(2024))


if __name__ == "__main__":
    write_tests()
    write_examples()
