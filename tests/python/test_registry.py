"""The certification registry from Python: loading, look-ups, chains, search, pandas, changes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import vaekit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "data" / "registry"


@pytest.fixture
def csv_sample(shared_data: Path) -> vaekit.Registry:
    return vaekit.Registry.load(shared_data / "rncp" / "export-fiches-csv-2024-02-22-sample.zip")


def test_csv_sample_acceptance(csv_sample: vaekit.Registry) -> None:
    reg = csv_sample
    assert len(reg) == 9
    assert reg.successors("RNCP1197") == ["RNCP30271"]
    assert reg.successors("RNCP19468") == ["RS6117"]
    cert = reg["RNCP509"]
    assert cert.code == "RNCP509"
    assert cert.title == "Agent vérificateur d'appareils extincteurs"
    assert cert.level == 3
    assert cert.active is False
    assert cert.vae_accessible is True
    assert [c.siret for c in cert.certifiers] == ["11004301500012"]
    assert [b.code for b in cert.blocks][:2] == ["RNCP509BC05", "RNCP509BC06"]
    assert cert.rome_codes == ["I1203"]
    assert cert.replaces == []
    assert cert.replaced_by == ["RNCP38228"]
    assert reg["RNCP4049"].rome[2].label == "Management et ingénierie d'affaires"
    assert reg.rejects == []


def test_missing_code_is_a_key_error(csv_sample: vaekit.Registry) -> None:
    with pytest.raises(KeyError) as info:
        csv_sample["RNCP37488"]
    assert isinstance(info.value, vaekit.NotFound)
    assert "RNCP37488" in str(info.value)
    assert csv_sample.get("RNCP37488") is None
    assert "RNCP509" in csv_sample


def test_xml_samples(shared_data: Path) -> None:
    reg = vaekit.Registry.load(shared_data / "rncp" / "export_fiches_RNCP_V4_1-sample.xml")
    assert reg.source_format == "xml"
    cert = reg["RNCP34762"]
    assert cert.level == 7 and cert.old_level == "I"
    assert [(s.year, s.certified, s.certified_by_vae) for s in cert.statistics] == [
        (2017, 853, 0),
        (2018, 876, 1),
    ]
    assert cert.registration_end == vaekit.Date(2024, 8, 31)
    rs = vaekit.Registry.load(shared_data / "rncp" / "export_fiches_RS_V4_1-sample.xml")
    reg.merge(rs)
    assert len(reg) == 12
    assert reg.read == reg.accepted + reg.rejected


@pytest.mark.parametrize(
    ("name", "accepted", "rejected"),
    [
        ("truncated.zip", 0, 1),
        ("missing_part.zip", 6, 1),
        ("duplicate.zip", 6, 1),
        ("unknown_level.zip", 5, 1),
        ("latin1.zip", 4, 2),
        ("broken.xml", 2, 1),
        ("duplicate.xml", 3, 1),
        ("unknown_level.xml", 2, 1),
        ("latin1.xml", 0, 3),  # each of its 3 fiches has a Latin-1 byte
    ],
)
def test_strict_and_lenient(test_data: Path, name: str, accepted: int, rejected: int) -> None:
    path = test_data / "registry" / name
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.Registry.load(path)
    assert name in info.value.source  # type: ignore[attr-defined]
    reg = vaekit.Registry.load(path, strict=False)
    assert (len(reg), len(reg.rejects)) == (accepted, rejected)
    assert reg.read == reg.accepted + reg.rejected
    assert all(r.reason for r in reg.rejects)


def test_parse_error_locates_the_field(test_data: Path) -> None:
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.Registry.load(test_data / "registry" / "unknown_level.zip")
    err = info.value
    assert err.line == 2  # type: ignore[attr-defined]
    assert err.field == "Nomenclature_Europe_Niveau"  # type: ignore[attr-defined]


def test_search_and_filters() -> None:
    reg = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    hits = reg.search("aide medico psycho", limit=10)
    assert [c.code for c in hits] == ["RNCP4504"]
    assert reg.search("rncp36004")[0].code == "RNCP36004"
    assert [c.code for c in reg.filter(vae_accessible=True, active=True)] == [
        "RNCP36004",
        "RNCP4821",
    ]
    assert [
        c.code for c in reg.filter(registered_on="2015-06-01", kind=vaekit.RegistryKind.RNCP)
    ] == [
        "RNCP4503",
        "RNCP4504",
        "RNCP4821",
    ]
    assert reg.successors("RNCP4503") == ["RNCP36004"]
    assert reg.predecessors("RNCP36004") == ["RNCP25467", "RNCP4503", "RNCP4504"]
    assert reg.link_issues() == []


def test_rome_catalog(shared_data: Path) -> None:
    rome = vaekit.RomeCatalog.load(shared_data / "rome" / "referentiel_code_rome_v460.csv")
    assert len(rome) == 1584
    assert rome["K1306"].parent_code == "K1302"
    reg = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    assert [c.code for c in reg.for_rome("K1306")] == ["RNCP36004"]
    wide = [c.code for c in reg.for_rome("K1306", rome)]
    assert wide[0] == "RNCP36004" and "RNCP4821" in wide


def test_changes_and_impacts() -> None:
    old = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2015-06-01-example.zip")
    new = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    changes = vaekit.registry_changes(old, new)
    assert changes.added == ["RNCP25467", "RNCP36004"]
    assert changes.deactivated == ["RNCP4503", "RNCP4504"]
    assert [(r.code, r.successors) for r in changes.replaced] == [
        ("RNCP4503", ["RNCP36004"]),
        ("RNCP4504", ["RNCP36004"]),
    ]
    assert bool(changes) and not vaekit.registry_changes(new, new)
    impacts = vaekit.case_impacts(new, [("c1", "RNCP4504"), ("c2", "RNCP36004")])
    assert [(i.case_id, i.status, i.offers) for i in impacts] == [("c1", "replaced", ["RNCP36004"])]
    df = vaekit.registry.changes_to_pandas(changes)
    assert set(df["change"]) >= {"added", "deactivated", "replaced", "changed"}


def test_json_and_pickle(tmp_path: Path) -> None:
    reg = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    back = vaekit.Registry.from_json(reg.to_json())
    assert list(back) == list(reg)
    again = pickle.loads(pickle.dumps(reg))
    assert again.codes == reg.codes
    cert = reg["RNCP36004"]
    assert pickle.loads(pickle.dumps(cert)) == cert
    assert vaekit.Certification.from_json(cert.to_json()) == cert
    path = tmp_path / "registry.json"
    reg.save(path)
    assert vaekit.Registry.load(path).codes == reg.codes


def test_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    reg = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    df = reg.to_pandas()
    assert len(df) == len(reg)
    assert df.loc["RNCP36004", "level"] == 3
    assert bool(df.loc["RNCP36004", "vae_accessible"]) is True
    assert df.loc["RNCP36004", "rome_codes"] == ["K1306"]
    assert pd.isna(df.loc["RS5001", "level"])
    assert df.loc["RNCP36004", "registration_end"] == pd.Timestamp("2026-08-31")


def test_normalize_words() -> None:
    assert vaekit.normalize_words("Aide médico-psychologique") == [
        "aide",
        "medico",
        "psychologique",
    ]


def test_demo_step(tmp_path: Path) -> None:
    from vaekit.demo import registry as demo_registry

    lines = demo_registry.run(tmp_path)
    text = "\n".join(lines)
    assert "RNCP4503 -> RNCP25467 -> RNCP36004" in text
    # French by default (issue 14); the same line in English on request.
    assert "case-001 : visée RNCP4503 remplacée -> proposer RNCP36004" in text
    from vaekit.i18n import use_language

    with use_language("en"):
        english = "\n".join(demo_registry.run(tmp_path))
    assert "case-001: target RNCP4503 replaced -> offer RNCP36004" in english
    changes = vaekit.RegistryChanges.from_json((tmp_path / "registry-changes.json").read_text())
    assert changes.deactivated == ["RNCP4503", "RNCP4504"]


def _export_with_broken_fiches(n: int, broken: set[int]) -> tuple[bytes, set[str]]:
    """An XML export of `n` fiches; those in `broken` carry an unescaped `&` (not well-formed)."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>\n<VERSION_FLUX>4.1</VERSION_FLUX>\n']
    good: set[str] = set()
    for i in range(n):
        code = f"RNCP{10000 + i}"
        title = "a & b" if i in broken else f"Titre {i}"
        if i not in broken:
            good.add(code)
        parts.append(
            f"<FICHE>\n<NUMERO_FICHE>{code}</NUMERO_FICHE>\n<INTITULE>{title}</INTITULE>\n"
            f"<ACTIVITES_VISEES>{'x' * 300}</ACTIVITES_VISEES>\n<ACTIF>Oui</ACTIF>\n</FICHE>\n"
        )
    parts.append("</FICHES>\n")
    return "".join(parts).encode(), good


@pytest.mark.parametrize("zipped", [False, True])
def test_lenient_xml_counts_every_fiche(tmp_path: Path, zipped: bool) -> None:
    # Issue 11 §2: 3,000 fiches with a malformed one in the middle read 1,501 (the rest lost).
    import zipfile

    broken = {0, 1500, 1501, 2999}
    data, good = _export_with_broken_fiches(3000, broken)
    path = tmp_path / ("export.zip" if zipped else "export.xml")
    if zipped:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("export_fiches_RNCP_V4_1.xml", data)
    else:
        path.write_bytes(data)
    for threads in (1, 2):
        reg = vaekit.Registry.load(path, strict=False, threads=threads)
        assert (reg.read, reg.accepted, reg.rejected) == (3000, 2996, 4)
        assert set(reg.codes) == good
        assert {r.record for r in reg.rejects} == {f"RNCP{10000 + i}" for i in broken}
    with pytest.raises(vaekit.ParseError):
        vaekit.Registry.load(path)


def _zip_bomb(path: Path, inflated_mb: int) -> None:
    """The example CSV export zip whose Standard part is a header and `inflated_mb` MB of
    newlines (the nine other parts as they are)."""
    import zipfile

    example = EXAMPLES / "export-fiches-csv-2024-02-22-example.zip"
    with (
        zipfile.ZipFile(example) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
    ):
        for info in src.infolist():
            if "Standard" not in info.filename:
                z.writestr(info.filename, src.read(info))
        with z.open("export_fiches_CSV_Standard_2024_02_22.csv", "w", force_zip64=True) as f:
            f.write(b"Numero_Fiche;Intitule;Actif\n")
            block = b"\n" * (1 << 20)
            for _ in range(inflated_mb):
                f.write(block)


def test_csv_zip_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    import subprocess
    import sys

    bomb = tmp_path / "bomb.zip"
    _zip_bomb(bomb, 400)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(vaekit.ParseError) as info:
        vaekit.Registry.load(bomb)
    assert "Standard" in str(info.value) and "zip bomb" in str(info.value)
    # Lenient: one reject naming the part; memory stays far below the 400 MB the part inflates to.
    script = (
        "import resource, sys, vaekit\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "reg = vaekit.Registry.load(sys.argv[1], strict=False)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "assert any('Standard' in r.source and 'zip bomb' in r.reason for r in reg.rejects)\n"
        "assert reg.read == reg.accepted + reg.rejected\n"
        "print((after - before) // 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, check=True
    )
    assert int(out.stdout.strip()) < 64  # MB of peak RSS growth (the old reader: > 400)


def test_search_finds_what_a_counsellor_types() -> None:
    # Issue 12: hyphenated and joined spellings, ROME codes and labels, codes in any case.
    reg = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    assert reg["rncp36004"].code == "RNCP36004"
    assert "rs5001" in reg
    assert reg.get("Rncp4503") is not None
    # "médico-psychologique" (RNCP4504's title) in either spelling.
    assert [c.code for c in reg.search("medicopsychologique")] == ["RNCP4504"]
    assert [c.code for c in reg.search("médico-psycho")] == ["RNCP4504"]
    assert [c.code for c in reg.search("psychologique")] == ["RNCP4504"]
    # ROME K1306 "Accompagnant éducatif et social" is RNCP36004's only; K1302 the others'.
    assert [c.code for c in reg.search("K1306")] == ["RNCP36004"]
    assert {c.code for c in reg.search("assistance adultes")} == {
        "RNCP4503",
        "RNCP4504",
        "RNCP25467",
        "RNCP4821",
        "RS5001",
    }
