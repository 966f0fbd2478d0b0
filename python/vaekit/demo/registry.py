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
from ..i18n import _, format_decimal, pgettext

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
    lines = [
        _("Registry snapshots: {old} fiches (2015) -> {new} fiches (2024)").format(
            old=format_decimal(len(old)), new=format_decimal(len(new))
        )
    ]
    for code in ("RNCP4503", "RNCP4504"):
        cert = new[code]
        chain = " -> ".join([code, *new.succession(code).chain])
        state = pgettext("demo", "active") if cert.active else pgettext("demo", "inactive")
        offer = ", ".join(new.active_successors(code, vae_only=True))
        lines.append(f"  {code} {cert.title} [{state}]")
        lines.append(_("      replaced: {chain}; offer {offer}").format(chain=chain, offer=offer))
    deaes = new["RNCP36004"]
    lines.append(
        _(
            "  RNCP36004 level {level} (old level {old_level}), {blocks} skill blocks, "
            "VAE: {vae}, ROME {rome}"
        ).format(
            level=deaes.level,
            old_level=deaes.old_level,
            blocks=format_decimal(len(deaes.blocks)),
            vae=pgettext("demo", "yes") if deaes.vae_accessible else pgettext("demo", "no"),
            rome=", ".join(deaes.rome_codes),
        )
    )
    hits = new.search("aide medico psycho", limit=3)
    lines.append(
        _("Search {query}: {hits}").format(
            query="« aide medico psycho »", hits=", ".join(f"{c.code} {c.title}" for c in hits)
        )
    )
    changes = _vaekit.registry_changes(old, new)
    lines.append(
        _(
            "Changes 2015 -> 2024: added {added}, deactivated {deactivated}, "
            "{changed} field changes"
        ).format(
            added=", ".join(changes.added) or "-",
            deactivated=", ".join(changes.deactivated) or "-",
            changed=format_decimal(len(changes.changed)),
        )
    )
    cases = [("case-001", "RNCP4503"), ("case-002", "RNCP4504"), ("case-003", "RNCP4821")]
    impacts = _vaekit.case_impacts(new, cases)
    for i in impacts:
        lines.append(
            _("  {case}: target {code} {status} -> offer {offers}").format(
                case=i.case_id,
                code=i.code,
                status=pgettext("target status", str(i.status).split(".")[-1].lower()),
                offers=", ".join(i.offers),
            )
        )
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
