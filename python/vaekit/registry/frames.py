"""Pure-Python helpers of the certification registry: tables for pandas.

``Registry.to_pandas()`` (added to :class:`vaekit.Registry` by this module) returns one row per
certification; ``rejects_to_pandas`` and ``changes_to_pandas`` do the same for import rejects and
snapshot changes. Each is the compiled ``to_table()`` (a :class:`vaekit.Table`, typed columns)
handed to pandas, which is imported only then, so vaekit works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._vaekit import Registry, RegistryChanges

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["certification_rows", "changes_to_pandas", "registry_to_pandas", "rejects_to_pandas"]


def certification_rows(registry: Registry) -> list[dict[str, Any]]:
    """One dict per certification with the columns of :func:`registry_to_pandas`.

    The rows of ``registry.to_table()`` (dates as ``datetime.date``, lists as lists).
    """
    rows: list[dict[str, Any]] = registry.to_table().to_records()
    return rows


def registry_to_pandas(registry: Registry) -> pd.DataFrame:
    """The registry as a pandas DataFrame indexed by code (list columns hold Python lists).

    ``registry.to_table().to_pandas()``: ``kind``, ``short_type`` and ``old_level`` are
    categoricals; ``level`` and ``certified_by_vae_last_year`` nullable integers (``Int64``) when
    a value is missing; dates ``datetime64`` with ``NaT`` when absent; ``partial_validation`` a
    nullable boolean.
    """
    df: pd.DataFrame = registry.to_table().to_pandas()
    return df.set_index("code", drop=False)


def rejects_to_pandas(registry: Registry) -> pd.DataFrame:
    """The rejects of a lenient import: source, line, field, code (the fiche), reason."""
    df: pd.DataFrame = registry.rejects_table().to_pandas()
    return df


def changes_to_pandas(changes: RegistryChanges) -> pd.DataFrame:
    """One row per change: code, change (added, withdrawn, ...), field, old, new."""
    df: pd.DataFrame = changes.to_table().to_pandas()
    return df


def _to_pandas(self: Registry) -> pd.DataFrame:
    """The registry as a pandas DataFrame (see :func:`vaekit.registry.registry_to_pandas`)."""
    return registry_to_pandas(self)


setattr(Registry, "to_pandas", _to_pandas)  # noqa: B010 (a method added to the compiled class)
