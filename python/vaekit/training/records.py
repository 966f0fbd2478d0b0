"""Pure-Python helpers of the training records: pandas tables and printable summaries.

``AttendanceRecord.to_pandas()``, ``AttendanceReport.to_pandas(level)``,
``EvaluationRecord.to_pandas()`` and ``aggregates_to_pandas`` turn the records into DataFrames
(added to the compiled classes by this module); ``format_attendance``, ``format_satisfaction``
and ``format_evidence_index`` give text lines for reports and the demo. Free-text answers stay
out of the score tables (``EvaluationRecord.to_pandas(comments=True)`` lists them apart).
The tables are the compiled ``to_table()`` (a :class:`vaekit.Table`) handed to pandas, which is
imported only then, so vaekit works without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .._vaekit import (
    AttendanceRecord,
    AttendanceReport,
    EvaluationAggregate,
    EvaluationRecord,
    QualityEvidenceIndex,
    aggregates_table,
)
from ..i18n import _, format_number, label
from ..i18n import format_percent as _pct

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "aggregates_to_pandas",
    "attendance_report_to_pandas",
    "attendance_to_pandas",
    "evaluations_to_pandas",
    "format_attendance",
    "format_evidence_index",
    "format_satisfaction",
]


def _num(x: float) -> str:
    """``x`` with at most two decimals, trailing zeros dropped (French: 1,5 ; 7 ; 0,25)."""
    return format_number(x, 2, trim=True)


def _name(value: Any) -> str:
    """The lower-case name of a pybind11 enum value."""
    return str(value.name).lower()


def attendance_to_pandas(record: AttendanceRecord) -> pd.DataFrame:
    """One row per attendance entry (participant × half-day).

    Columns: session, date (datetime64), half_day, member, presence, evidence (categoricals but
    for the ids), evidence_ref, hours (the hours attended: the entry's own or the whole half-day
    for a presence, 0 for an absence).
    """
    df: pd.DataFrame = record.to_table().to_pandas()
    return df


def attendance_report_to_pandas(
    report: AttendanceReport, level: Literal["person", "session", "audience"] = "person"
) -> pd.DataFrame:
    """The rates of ``report`` at one level, one row per person, session or audience.

    Columns: the level's keys (member and role; session, date, audience, expected and attendees;
    or audience and members), then planned, attended, remote, unproven, excused, absent,
    unrecorded hours and the rate (attended / planned). Raises ``ValueError``
    (vaekit.InvalidArgument) for another level.
    """
    df: pd.DataFrame = report.to_table(level).to_pandas()
    return df


def evaluations_to_pandas(record: EvaluationRecord, comments: bool = False) -> pd.DataFrame:
    """The responses in long form: one row per (response, question).

    With ``comments=False`` (the default) the scale answers: columns response, session, member,
    respondent, timing, date, question, score. With ``comments=True`` the free-text answers
    instead, with a ``text`` column: they may hold personal data and are kept apart.
    """
    df: pd.DataFrame = record.to_table(comments).to_pandas()
    return df


def aggregates_to_pandas(aggregates: Iterable[EvaluationAggregate]) -> pd.DataFrame:
    """Evaluation aggregates as a table; the distribution is split into n1..n5."""
    df: pd.DataFrame = aggregates_table(list(aggregates)).to_pandas()
    return df


def format_attendance(report: AttendanceReport, lowest: int = 3) -> list[str]:
    """Text lines: the rate of each audience, of each session, and the ``lowest`` persons."""
    lines = [_("Attendance (hours attended / hours planned)")]
    for a in report.audiences:
        t = a.totals
        lines.append(
            f"  {label('audience', _name(a.audience)):12} {_pct(t.rate):>8}  "
            + _("(%(attended)s h / %(planned)s h, %(members)s people)")
            % {"attended": _num(t.attended), "planned": _num(t.planned), "members": a.members}
        )
    for s in report.sessions:
        lines.append(
            f"  {s.session} {s.date}  {_pct(s.totals.rate):>8}  "
            + _("%(attendees)s/%(expected)s present")
            % {"attendees": s.attendees, "expected": s.expected}
        )
    people = sorted(report.persons, key=lambda p: (p.totals.rate, p.member))[: max(lowest, 0)]
    if people:
        lines.append(
            "  "
            + _("lowest: %(people)s")
            % {"people": ", ".join(f"{p.member} {_pct(p.totals.rate)}" for p in people)}
        )
    errors = [i for i in report.issues if _name(i.severity) == "error"]
    if errors:
        lines.append(
            "  "
            + _("%(n)s evidence issue(s): %(codes)s")
            % {"n": len(errors), "codes": ", ".join(sorted({i.code for i in errors}))}
        )
    return lines


def format_satisfaction(
    aggregates: Sequence[EvaluationAggregate], question: str = "satisfaction"
) -> list[str]:
    """Text lines: mean, distribution and response rate of ``question`` per group."""
    lines = []
    for a in aggregates:
        if a.question != question:
            continue
        d = " ".join(str(x) for x in a.distribution)
        lines.append(
            f"  {label('session_format', a.key):30} {label('timing', _name(a.timing)):4} "
            + _("mean %(mean)s / 5  [%(distribution)s]  answers %(n)s/%(expected)s (%(rate)s)")
            % {
                "mean": f"{_num(a.mean):>4}",
                "distribution": d,
                "n": a.respondents,
                "expected": a.expected,
                "rate": _pct(a.response_rate),
            }
        )
    return lines


def format_evidence_index(index: QualityEvidenceIndex) -> list[str]:
    """Text lines: per Qualiopi indicator, the evidence present (+) and what is missing (-)."""
    lines = [_("Qualiopi %(year)s: evidence by indicator") % {"year": index.year}]
    for ind in index.indicators:
        state = _("covered") if ind.covered else _("to complete")
        lines.append(
            "  "
            + _("indicator %(n)s — %(title)s: %(state)s")
            % {"n": f"{ind.indicator:2}", "title": ind.title, "state": state}
        )
        lines.extend(f"      + {e.description}" for e in ind.present)
        lines.extend(f"      - {m.message}" for m in ind.missing)
    return lines


def _record_to_pandas(self: AttendanceRecord) -> pd.DataFrame:
    """One row per entry (see :func:`vaekit.training_records.attendance_to_pandas`)."""
    return attendance_to_pandas(self)


def _report_to_pandas(
    self: AttendanceReport, level: Literal["person", "session", "audience"] = "person"
) -> pd.DataFrame:
    """The rates at one level (see :func:`vaekit.training_records.attendance_report_to_pandas`)."""
    return attendance_report_to_pandas(self, level)


def _evaluations_to_pandas(self: EvaluationRecord, comments: bool = False) -> pd.DataFrame:
    """The responses in long form (see :func:`vaekit.training_records.evaluations_to_pandas`)."""
    return evaluations_to_pandas(self, comments)


setattr(AttendanceRecord, "to_pandas", _record_to_pandas)  # noqa: B010 (compiled class)
setattr(AttendanceReport, "to_pandas", _report_to_pandas)  # noqa: B010
setattr(EvaluationRecord, "to_pandas", _evaluations_to_pandas)  # noqa: B010
