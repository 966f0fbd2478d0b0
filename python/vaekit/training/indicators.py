"""Training indicators of the professionalisation module for the activity report.

Computed in Python from the training area's records (``vaekit.AttendanceRecord``,
``vaekit.EvaluationRecord``, ``vaekit.StaffRegister``) so that the analytics area does not
depend on the training area (both depend on core only). The records are read through their
public attributes, so any object with the same attributes works.

- ``training_hours(attendance)``: per person, hours and distinct days attended (present or
  remote: remote attendance counts, Code du travail R6313-3; excused and absent half-days don't).
- ``training_indicators(attendance, evaluations, staff, min_days=12, of_days=16)``: a small
  indicator table (staff, hours, hours per person, share of staff who attended at least
  ``min_days`` of the ``of_days`` days, mean satisfaction *à chaud* and *à froid*).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["training_hours", "training_indicators"]

_ATTENDED = {"present", "remote"}


def _name(value: Any) -> str:
    return str(value.name).lower()


def training_hours(attendance: Any) -> pd.DataFrame:
    """Hours and distinct days attended per member, sorted by member.

    Columns: member, hours (sum of ``attendance.hours_of(entry)`` over present or remote
    entries), days (distinct dates with at least one such entry).
    """
    import pandas as pd

    hours: dict[str, float] = {}
    days: dict[str, set[Any]] = {}
    for e in attendance.entries:
        hours.setdefault(e.member, 0.0)
        days.setdefault(e.member, set())
        if _name(e.presence) in _ATTENDED:
            hours[e.member] += float(attendance.hours_of(e))
            days[e.member].add(e.date.to_date())
    members = sorted(hours)
    return pd.DataFrame(
        {
            "member": members,
            "hours": [hours[m] for m in members],
            "days": [len(days[m]) for m in members],
        },
        columns=["member", "hours", "days"],
    )


def _mean_score(evaluations: Any, timing: str, question: str | None) -> tuple[float | None, int]:
    total = 0.0
    n = 0
    responses = set()
    for r in evaluations.responses:
        if _name(r.timing) != timing:
            continue
        for q, score in r.scores.items():
            if question is None or q == question:
                total += float(score)
                n += 1
                responses.add(r.id)
    return (total / n if n else None), len(responses)


def training_indicators(
    attendance: Any,
    evaluations: Any = None,
    staff: Any = None,
    *,
    min_days: int = 12,
    of_days: int = 16,
    question: str | None = None,
) -> pd.DataFrame:
    """The training indicators as a two-column table (indicator, value).

    The staff are the members of ``staff.profiles`` when a staff register is given (members who
    attended nothing count, with 0 hours), else the members found in ``attendance``. Rows:

    - ``staff``: number of staff members;
    - ``hours``: hours attended by them (see :func:`training_hours`);
    - ``hours_per_person``: hours / staff;
    - ``share_at_least_{min_days}_of_{of_days}_days``: share of staff with at least ``min_days``
      distinct days attended (the programme has ``of_days`` days);
    - ``satisfaction_hot``, ``satisfaction_cold``: mean of the scale scores (1-5) of the *à chaud*
      and *à froid* responses (of ``question`` only when given), None without responses;
    - ``responses_hot``, ``responses_cold``: responses counted.
    """
    import pandas as pd

    if min_days < 0 or of_days <= 0 or min_days > of_days:
        raise ValueError(
            f"need 0 <= min_days <= of_days and of_days > 0, got {min_days} of {of_days}"
        )
    per_person = training_hours(attendance)
    if staff is not None:
        members = sorted({p.member for p in staff.profiles})
        per_person = (
            pd.DataFrame({"member": members})
            .merge(per_person, on="member", how="left")
            .fillna({"hours": 0.0, "days": 0})
        )
    n = len(per_person)
    hours = float(per_person["hours"].sum()) if n else 0.0
    rows: list[tuple[str, float | int | None]] = [
        ("staff", n),
        ("hours", hours),
        ("hours_per_person", hours / n if n else None),
        (
            f"share_at_least_{min_days}_of_{of_days}_days",
            float((per_person["days"] >= min_days).sum()) / n if n else None,
        ),
    ]
    if evaluations is not None:
        hot, n_hot = _mean_score(evaluations, "hot", question)
        cold, n_cold = _mean_score(evaluations, "cold", question)
        rows += [
            ("satisfaction_hot", hot),
            ("satisfaction_cold", cold),
            ("responses_hot", n_hot),
            ("responses_cold", n_cold),
        ]
    # object dtype: counts stay ints and missing means stay None.
    return pd.DataFrame(
        {"indicator": [k for k, _ in rows], "value": pd.Series([v for _, v in rows], dtype=object)}
    )
