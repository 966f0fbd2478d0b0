"""Explore a certification registry: load the RNCP export, search, follow replacements, diff.

Loads the example registry shipped in the real France Compétences CSV-export format
(examples/data/registry/: a 2015 and a 2024 snapshot of the DEAVS/DEAMP -> DEAES story), runs a
few accent-insensitive searches, follows replacement chains to what a counsellor can still offer
by VAE, lists what changed between the two snapshots and looks at the registry as a DataFrame.
Run from the repository root: python examples/python/registry_explore.py
"""

from __future__ import annotations

from pathlib import Path

import vaekit

DATA = Path("examples/data/registry")
old = vaekit.Registry.load(DATA / "export-fiches-csv-2015-06-01-example.zip")
reg = vaekit.Registry.load(DATA / "export-fiches-csv-2024-02-22-example.zip")
print(f"{len(reg)} certifications in the 2024 snapshot ({len(old)} in 2015)")

# Search: accents, case and punctuation do not matter; prefixes work; best first.
for query in ("aide medico psycho", "ACCOMPAGNANT educ", "dipl etat", "rncp36004"):
    hits = reg.search(query, limit=3)
    print(f"search {query!r}: " + ", ".join(f"{c.code} ({c.title})" for c in hits))

# Replacement chains: the DEAVS and the DEAMP both lead to the DEAES.
for code in ("RNCP4503", "RNCP4504"):
    cert = reg[code]
    print(f"{code} {cert.title}: active={cert.active}, replaced by {list(cert.replaced_by)}")
    print(f"    ends of the chain: {reg.successors(code)}")
    print(f"    offer by VAE: {reg.active_successors(code, vae_only=True)}")
deaes = reg["RNCP36004"]
print(
    f"DEAES: level {deaes.level}, VAE {deaes.vae_accessible}, {len(deaes.blocks)} blocks, "
    f"ROME {list(deaes.rome_codes)}, replaces {reg.predecessors('RNCP36004')}"
)
assert reg.successors("RNCP4503") == ["RNCP36004"]

# What changed between the snapshots, and which cases it touches.
changes = vaekit.registry_changes(old, reg)
print(f"added {list(changes.added)}, deactivated {list(changes.deactivated)}")
for r in changes.replaced:
    print(f"replaced: {r.code} -> {list(r.replaced_by)} (ends {list(r.successors)})")
for impact in vaekit.case_impacts(reg, [("case-001", "RNCP4503"), ("case-002", "RNCP36004")]):
    print(f"{impact.case_id}: {impact.code} {impact.status}, offer {list(impact.offers)}")

# The registry as a DataFrame, for analysts.
df = reg.to_pandas()
print(df[["code", "level", "active", "vae_accessible", "replaced_by"]].to_string(index=False))
print(f"VAE-accessible and active: {int((df.active & df.vae_accessible).sum())}")
