"""Pure-Python helpers of the training records: pandas tables and printable summaries.

``AttendanceRecord.to_pandas()``, ``AttendanceReport.to_pandas(level)``,
``EvaluationRecord.to_pandas()`` and ``aggregates_to_pandas`` turn the records into DataFrames
(added to the compiled classes by this module); ``format_attendance``, ``format_satisfaction``
and ``format_evidence_index`` give text lines for reports and the demo. Free-text answers stay
out of the score tables (``EvaluationRecord.to_pandas(comments=True)`` lists them apart).
pandas is imported lazily, so vaekit works without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .._vaekit import (
    AttendanceRecord,
    AttendanceReport,
    AttendanceTotals,
    EvaluationAggregate,
    EvaluationRecord,
    QualityEvidenceIndex,
)
from ..core.format import format_number
from ..core.format import format_percent as _pct

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

ATTENDANCE_COLUMNS = (
    "session",
    "date",
    "half_day",
    "member",
    "presence",
    "evidence",
    "evidence_ref",
    "hours",
)
TOTALS_COLUMNS = (
    "planned",
    "attended",
    "remote",
    "unproven",
    "excused",
    "absent",
    "unrecorded",
    "rate",
)
SCORE_COLUMNS = (
    "response",
    "session",
    "member",
    "respondent",
    "timing",
    "date",
    "question",
    "score",
)
COMMENT_COLUMNS = (
    "response",
    "session",
    "member",
    "respondent",
    "timing",
    "date",
    "question",
    "text",
)
AGGREGATE_COLUMNS = (
    "grouping",
    "key",
    "timing",
    "question",
    "count",
    "mean",
    "n1",
    "n2",
    "n3",
    "n4",
    "n5",
    "respondents",
    "expected",
    "response_rate",
)


def _num(x: float) -> str:
    """``x`` in French with at most two decimals, trailing zeros dropped: 1,5 ; 7 ; 0,25."""
    return format_number(x, 2, trim=True)


def _name(value: Any) -> str:
    """The lower-case name of a pybind11 enum value."""
    return str(value.name).lower()


def _totals(t: AttendanceTotals) -> dict[str, float]:
    return {
        "planned": t.planned,
        "attended": t.attended,
        "remote": t.remote,
        "unproven": t.unproven,
        "excused": t.excused,
        "absent": t.absent,
        "unrecorded": t.unrecorded,
        "rate": t.rate,
    }


def attendance_to_pandas(record: AttendanceRecord) -> pd.DataFrame:
    """One row per attendance entry (participant × half-day).

    Columns: session, date (datetime.date), half_day, member, presence, evidence, evidence_ref,
    hours (the hours attended: the entry's own or the whole half-day for a presence, 0 for an
    absence).
    """
    import pandas as pd

    rows = [
        {
            "session": e.session,
            "date": e.date.to_date(),
            "half_day": _name(e.half_day),
            "member": e.member,
            "presence": _name(e.presence),
            "evidence": _name(e.evidence),
            "evidence_ref": e.evidence_ref,
            "hours": record.hours_of(e),
        }
        for e in record.entries
    ]
    return pd.DataFrame(rows, columns=list(ATTENDANCE_COLUMNS))


def attendance_report_to_pandas(
    report: AttendanceReport, level: Literal["person", "session", "audience"] = "person"
) -> pd.DataFrame:
    """The rates of ``report`` at one level, one row per person, session or audience.

    Columns: the level's keys (member and role; session, date, audience, expected and attendees;
    or audience and members), then planned, attended, remote, unproven, excused, absent,
    unrecorded hours and the rate (attended / planned).
    """
    import pandas as pd

    rows: list[dict[str, Any]]
    if level == "person":
        keys = ["member", "role", "sessions_planned", "sessions_attended"]
        rows = [
            {
                "member": p.member,
                "role": _name(p.role),
                "sessions_planned": p.sessions_planned,
                "sessions_attended": p.sessions_attended,
                **_totals(p.totals),
            }
            for p in report.persons
        ]
    elif level == "session":
        keys = ["session", "date", "audience", "expected", "attendees"]
        rows = [
            {
                "session": s.session,
                "date": s.date.to_date(),
                "audience": _name(s.audience),
                "expected": s.expected,
                "attendees": s.attendees,
                **_totals(s.totals),
            }
            for s in report.sessions
        ]
    elif level == "audience":
        keys = ["audience", "members"]
        rows = [
            {"audience": _name(a.audience), "members": a.members, **_totals(a.totals)}
            for a in report.audiences
        ]
    else:
        raise ValueError(f"level must be 'person', 'session' or 'audience', not {level!r}")
    return pd.DataFrame(rows, columns=keys + list(TOTALS_COLUMNS))


def evaluations_to_pandas(record: EvaluationRecord, comments: bool = False) -> pd.DataFrame:
    """The responses in long form: one row per (response, question).

    With ``comments=False`` (the default) the scale answers: columns response, session, member,
    respondent, timing, date, question, score. With ``comments=True`` the free-text answers
    instead, with a ``text`` column: they may hold personal data and are kept apart.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for r in record.responses:
        base = {
            "response": r.id,
            "session": r.session,
            "member": r.member,
            "respondent": _name(r.respondent),
            "timing": _name(r.timing),
            "date": r.date.to_date(),
        }
        items = r.comments if comments else r.scores
        for question, value in items.items():
            rows.append({**base, "question": question, ("text" if comments else "score"): value})
    return pd.DataFrame(rows, columns=list(COMMENT_COLUMNS if comments else SCORE_COLUMNS))


def aggregates_to_pandas(aggregates: Iterable[EvaluationAggregate]) -> pd.DataFrame:
    """Evaluation aggregates as a table; the distribution is split into n1..n5."""
    import pandas as pd

    rows = []
    for a in aggregates:
        d = a.distribution
        rows.append(
            {
                "grouping": _name(a.grouping),
                "key": a.key,
                "timing": _name(a.timing),
                "question": a.question,
                "count": a.count,
                "mean": a.mean,
                "n1": d[0],
                "n2": d[1],
                "n3": d[2],
                "n4": d[3],
                "n5": d[4],
                "respondents": a.respondents,
                "expected": a.expected,
                "response_rate": a.response_rate,
            }
        )
    return pd.DataFrame(rows, columns=list(AGGREGATE_COLUMNS))


def format_attendance(report: AttendanceReport, lowest: int = 3) -> list[str]:
    """Text lines: the rate of each audience, of each session, and the ``lowest`` persons."""
    lines = ["Assiduité (heures suivies / heures prévues)"]
    labels = {"counsellors": "conseillers", "assistants": "assistants", "both": "ensemble"}
    for a in report.audiences:
        t = a.totals
        lines.append(
            f"  {labels[_name(a.audience)]:12} {_pct(t.rate):>8}  ({_num(t.attended)} h / "
            f"{_num(t.planned)} h, {a.members} personnes)"
        )
    for s in report.sessions:
        lines.append(
            f"  {s.session} {s.date}  {_pct(s.totals.rate):>8}  {s.attendees}/{s.expected} présents"
        )
    people = sorted(report.persons, key=lambda p: (p.totals.rate, p.member))[: max(lowest, 0)]
    if people:
        lines.append(
            "  plus faibles : " + ", ".join(f"{p.member} {_pct(p.totals.rate)}" for p in people)
        )
    errors = [i for i in report.issues if _name(i.severity) == "error"]
    if errors:
        lines.append(
            f"  {len(errors)} anomalie(s) de preuve : "
            + ", ".join(sorted({i.code for i in errors}))
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
            f"  {a.key:16} {_name(a.timing):4} moyenne {_num(a.mean):>4} / 5  [{d}]  "
            f"réponses {a.respondents}/{a.expected} ({_pct(a.response_rate)})"
        )
    return lines


def format_evidence_index(index: QualityEvidenceIndex) -> list[str]:
    """Text lines: per Qualiopi indicator, the evidence present (+) and what is missing (-)."""
    lines = [f"Qualiopi {index.year} : preuves par indicateur"]
    for ind in index.indicators:
        state = "couvert" if ind.covered else "à compléter"
        lines.append(f"  indicateur {ind.indicator:2} — {ind.title} : {state}")
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
