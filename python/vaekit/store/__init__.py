"""The case store area: durable cases, optimistic concurrency, queries, export.

The case store: cases kept durably with optimistic concurrency, queries and export of the
event log.

The compiled classes and functions of the area are re-exported here and at the top level
(``vaekit.CaseStore`` is ``vaekit.store.CaseStore``).
"""

from __future__ import annotations

from .._vaekit import (
    CaseStore,
    CaseSummary,
    ConflictError,
    ImportReport,
)

__all__ = [
    "CaseStore",
    "CaseSummary",
    "ConflictError",
    "ImportReport",
]
