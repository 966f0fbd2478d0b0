"""The analytics area: the columnar event log, reports, disclosure control, process mining.

Analytics a network publishes: the columnar event log, the activity report and its publication
under disclosure control, pseudonyms, process mining and outcomes; the event log to and from
pandas (:mod:`vaekit.analytics.frames`); a network's spreadsheets imported under a mapping
(:mod:`vaekit.analytics.tabular`: ``import_table``, ``EventLog.from_table``); partitioned reports
on Dask (:mod:`vaekit.analytics.dask`, imported on demand).

The compiled classes and functions of the area are re-exported here and at the top level
(``vaekit.ActivityReport`` is ``vaekit.analytics.ActivityReport``).
"""

from __future__ import annotations

from .._vaekit import (
    ActivityReport,
    CellSystem,
    EventLog,
    KeyFigures,
    Profile,
    PseudonymKey,
    PTable,
    PublishedReport,
    ReportSummary,
    Table,
    audit_publications,
    cell_key,
    export_data_fields,
    free_text_fields,
    record_key,
)
from .frames import (
    event_log_from_pandas,
    event_log_from_records,
    event_log_to_pandas,
)
from .tabular import ImportMapping, ImportResult, TableReject, guess_mapping, import_table

__all__ = [
    "ActivityReport",
    "audit_publications",
    "cell_key",
    "CellSystem",
    "event_log_from_pandas",
    "event_log_from_records",
    "event_log_to_pandas",
    "EventLog",
    "KeyFigures",
    "export_data_fields",
    "guess_mapping",
    "ImportMapping",
    "ImportResult",
    "import_table",
    "free_text_fields",
    "Profile",
    "PseudonymKey",
    "PTable",
    "PublishedReport",
    "record_key",
    "ReportSummary",
    "Table",
    "TableReject",
]

# Employment after the jury and funding (issue 15).
from .._vaekit import (  # noqa: E402
    EmploymentIndicators,
    FundingReport,
    employment_cases,
    employment_indicators,
    funding_by_case,
    funding_report,
)

__all__ += [
    "EmploymentIndicators",
    "employment_cases",
    "employment_indicators",
    "funding_by_case",
    "funding_report",
    "FundingReport",
]
