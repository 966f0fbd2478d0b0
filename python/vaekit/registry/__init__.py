"""The certification registry area (RNCP/RS certifications, ROME, successions, changes).

The certification registry: RNCP/RS certifications read from the France compétences exports,
the ROME catalogue, successions and snapshot changes;
tables for pandas (:mod:`vaekit.registry.frames`).

The compiled classes and functions of the area are re-exported here and at the top level
(``vaekit.AccessRoute`` is ``vaekit.registry.AccessRoute``).
"""

from __future__ import annotations

from .._vaekit import (
    AccessRoute,
    BlockCorrespondence,
    CaseImpact,
    Certification,
    Certifier,
    CodeLabel,
    FieldChange,
    LinkIssue,
    PromotionStats,
    Registry,
    RegistryChanges,
    RegistryKind,
    Replacement,
    RomeCatalog,
    RomeJob,
    SkillBlock,
    Succession,
    case_impacts,
    registry_changes,
)
from .frames import (
    certification_rows,
    changes_to_pandas,
    registry_to_pandas,
    rejects_to_pandas,
)

__all__ = [
    "AccessRoute",
    "BlockCorrespondence",
    "case_impacts",
    "CaseImpact",
    "Certification",
    "certification_rows",
    "Certifier",
    "changes_to_pandas",
    "CodeLabel",
    "FieldChange",
    "LinkIssue",
    "PromotionStats",
    "Registry",
    "registry_changes",
    "registry_to_pandas",
    "RegistryChanges",
    "RegistryKind",
    "rejects_to_pandas",
    "Replacement",
    "RomeCatalog",
    "RomeJob",
    "SkillBlock",
    "Succession",
]
