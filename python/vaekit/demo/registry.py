"""Demo step of the certification registry: the DEAES replacement story (domain.md §3).

Loads two snapshots of a small example registry shipped in the real CSV-export format
(examples/data/registry/, made by tests/data/registry/make_fixtures.py; codes other than
RNCP36004 are illustrative), follows the DEAVS and DEAMP to the DEAES, searches, lists the
changes between the snapshots and the cases they affect.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import _vaekit
from .._data import example_data

OLD = "export-fiches-csv-2015-06-01-example.zip"
NEW = "export-fiches-csv-2024-02-22-example.zip"


def example_dir() -> Path:
    """The folder of the example registry exports (see :func:`vaekit._data.example_data`)."""
    return example_data("registry")


def run(out_dir: Path) -> list[str]:
    """Run the registry step; writes registry-changes.json and registry-impacts.json."""
    data = example_dir()
    old = _vaekit.Registry.load(data / OLD)
    new = _vaekit.Registry.load(data / NEW)
    lines = [f"Registry snapshots: {len(old)} fiches (2015) -> {len(new)} fiches (2024)"]
    for code in ("RNCP4503", "RNCP4504"):
        cert = new[code]
        chain = " -> ".join([code, *new.succession(code).chain])
        lines.append(f"  {code} {cert.title} [{'active' if cert.active else 'inactive'}]")
        lines.append(f"      replaced: {chain}; offer {new.active_successors(code, vae_only=True)}")
    deaes = new["RNCP36004"]
    lines.append(
        f"  RNCP36004 level {deaes.level} (old level {deaes.old_level}), "
        f"{len(deaes.blocks)} skill blocks, VAE: {deaes.vae_accessible}, ROME {deaes.rome_codes}"
    )
    hits = new.search("aide medico psycho", limit=3)
    lines.append("Search 'aide medico psycho': " + ", ".join(f"{c.code} {c.title}" for c in hits))
    changes = _vaekit.registry_changes(old, new)
    lines.append(
        f"Changes 2015 -> 2024: added {changes.added}, deactivated {changes.deactivated}, "
        f"{len(changes.changed)} field changes"
    )
    cases = [("case-001", "RNCP4503"), ("case-002", "RNCP4504"), ("case-003", "RNCP4821")]
    impacts = _vaekit.case_impacts(new, cases)
    for i in impacts:
        lines.append(f"  {i.case_id}: target {i.code} {i.status} -> offer {', '.join(i.offers)}")
    changes_path = out_dir / "registry-changes.json"
    changes_path.write_text(changes.to_json() + "\n", encoding="utf-8")
    impacts_path = out_dir / "registry-impacts.json"
    impacts_doc = [
        {"case_id": i.case_id, "code": i.code, "status": i.status, "offers": list(i.offers)}
        for i in impacts
    ]
    impacts_path.write_text(json.dumps(impacts_doc, indent=2) + "\n", encoding="utf-8")
    lines.append(f"  -> {changes_path}, {impacts_path}")
    return lines
