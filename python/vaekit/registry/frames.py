"""Pure-Python helpers of the certification registry: tables for pandas.

``Registry.to_pandas()`` (added to :class:`vaekit.Registry` by this module) returns one row per
certification; ``rejects_to_pandas`` and ``changes_to_pandas`` do the same for import rejects and
snapshot changes. pandas is imported lazily, so vaekit works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._vaekit import Registry, RegistryChanges

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["certification_rows", "changes_to_pandas", "registry_to_pandas", "rejects_to_pandas"]

COLUMNS = (
    "code",
    "kind",
    "title",
    "short_type",
    "level",
    "old_level",
    "active",
    "vae_accessible",
    "certifiers",
    "certifier_sirets",
    "rome_codes",
    "nsf_codes",
    "formacodes",
    "blocks",
    "access_routes",
    "decision_date",
    "effect_date",
    "registration_end",
    "delivery_deadline",
    "partial_validation",
    "replaces",
    "replaced_by",
    "certified_by_vae_last_year",
)


def _date(value: Any) -> Any:
    return None if value is None else value.to_date()


def certification_rows(registry: Registry) -> list[dict[str, Any]]:
    """One dict per certification with the columns of :func:`registry_to_pandas`."""
    rows: list[dict[str, Any]] = []
    for c in registry:
        last = c.statistics[-1] if c.statistics else None
        rows.append(
            {
                "code": c.code,
                "kind": c.kind.name,
                "title": c.title,
                "short_type": c.short_type.code or None,
                "level": c.level,
                "old_level": c.old_level or None,
                "active": c.active,
                "vae_accessible": c.vae_accessible,
                "certifiers": [x.name for x in c.certifiers],
                "certifier_sirets": [x.siret for x in c.certifiers],
                "rome_codes": list(c.rome_codes),
                "nsf_codes": [x.code for x in c.nsf],
                "formacodes": [x.code for x in c.formacode],
                "blocks": [b.code for b in c.blocks],
                "access_routes": [r.name.lower() for r in c.access_routes],
                "decision_date": _date(c.decision_date),
                "effect_date": _date(c.effect_date),
                "registration_end": _date(c.registration_end),
                "delivery_deadline": _date(c.delivery_deadline),
                "partial_validation": c.partial_validation,
                "replaces": list(c.replaces),
                "replaced_by": list(c.replaced_by),
                "certified_by_vae_last_year": None if last is None else last.certified_by_vae,
            }
        )
    return rows


def registry_to_pandas(registry: Registry) -> pd.DataFrame:
    """The registry as a pandas DataFrame indexed by code (list columns hold Python lists).

    ``level`` and ``certified_by_vae_last_year`` are nullable integers (``Int64``); dates are
    ``datetime64[ns]`` with ``NaT`` when absent.
    """
    import pandas as pd

    df = pd.DataFrame(certification_rows(registry), columns=list(COLUMNS))
    for col in ("level", "certified_by_vae_last_year"):
        df[col] = df[col].astype("Int64")
    for col in ("decision_date", "effect_date", "registration_end", "delivery_deadline"):
        df[col] = pd.to_datetime(df[col])
    df["partial_validation"] = df["partial_validation"].astype("boolean")
    return df.set_index("code", drop=False)


def rejects_to_pandas(registry: Registry) -> pd.DataFrame:
    """The rejects of a lenient import: source, line, field, code (the fiche), reason."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "source": r.source,
                "line": r.line,
                "field": r.field,
                "code": r.record,
                "reason": r.reason,
            }
            for r in registry.rejects
        ],
        columns=["source", "line", "field", "code", "reason"],
    )


def changes_to_pandas(changes: RegistryChanges) -> pd.DataFrame:
    """One row per change: code, change (added, withdrawn, ...), field, old, new."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for kind in ("added", "withdrawn", "deactivated", "reactivated"):
        rows += [
            {"code": c, "change": kind, "field": None, "old": None, "new": None}
            for c in getattr(changes, kind)
        ]
    rows += [
        {
            "code": r.code,
            "change": "replaced",
            "field": "successors",
            "old": None,
            "new": ", ".join(r.successors),
        }
        for r in changes.replaced
    ]
    rows += [
        {
            "code": f.code,
            "change": "changed",
            "field": f.field,
            "old": f.old_value,
            "new": f.new_value,
        }
        for f in changes.changed
    ]
    return pd.DataFrame(rows, columns=["code", "change", "field", "old", "new"])


def _to_pandas(self: Registry) -> pd.DataFrame:
    """The registry as a pandas DataFrame (see :func:`vaekit.registry.registry_to_pandas`)."""
    return registry_to_pandas(self)


setattr(Registry, "to_pandas", _to_pandas)  # noqa: B010 (a method added to the compiled class)
