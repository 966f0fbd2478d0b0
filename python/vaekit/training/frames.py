"""Pure-Python helpers of the professionalisation programme: tables and a printable calendar.

``Plan.to_pandas()`` (added to :class:`vaekit.Plan` by this module) returns one row per session;
``priorities_to_pandas`` gives the aggregated topic priorities and ``format_calendar`` the
year's plan as text lines, month by month. pandas is imported lazily, so vaekit works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._vaekit import AggregationRule, Plan, Programme

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["format_calendar", "plan_rows", "plan_to_pandas", "priorities_to_pandas"]

PLAN_COLUMNS = (
    "session",
    "date",
    "weekday",
    "topic",
    "title",
    "audience",
    "format",
    "speakers",
    "speaker_kinds",
    "venue",
    "phone_bridge",
    "half_days",
    "priority",
)

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def plan_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per session of ``plan`` with the columns of :func:`plan_to_pandas`."""
    programme = plan.programme
    titles = {t.id: t.title for t in programme.proposals}
    scores = {p.topic: p.score for p in programme.priorities(plan.constraints.rule)}
    rows: list[dict[str, Any]] = []
    for s in plan.sessions:
        rows.append(
            {
                "session": s.id,
                "date": s.date.to_date(),
                "weekday": s.date.weekday.name.lower(),
                "topic": ", ".join(s.topics),
                "title": " / ".join(titles.get(t, "") for t in s.topics),
                "audience": s.audience.name.lower(),
                "format": s.format.name.lower(),
                "speakers": ", ".join(s.speakers),
                "speaker_kinds": ", ".join(
                    next((sp.kind_label(s.date) for sp in programme.speakers if sp.id == i), "")
                    for i in s.speakers
                ),
                "venue": s.venue or None,
                "phone_bridge": s.phone_bridge,
                "half_days": s.half_days,
                "priority": sum(scores.get(t, 0) for t in s.topics),
            }
        )
    return rows


def plan_to_pandas(plan: Plan) -> pd.DataFrame:
    """One row per session of ``plan``, as a pandas DataFrame.

    Columns: date (datetime.date), topic and title, audience, format, speakers and their kinds
    (OPCA/OPCO by date), venue, phone bridge, half-days and topic priority.
    """
    import pandas as pd

    return pd.DataFrame(plan_rows(plan), columns=list(PLAN_COLUMNS))


def priorities_to_pandas(
    programme: Programme, rule: AggregationRule = AggregationRule.BORDA
) -> pd.DataFrame:
    """The aggregated priorities of the proposals, best first.

    Columns: topic, title, score, rank, ballots.
    """
    import pandas as pd

    titles = {t.id: t.title for t in programme.proposals}
    rows = [
        {
            "topic": p.topic,
            "title": titles[p.topic],
            "score": p.score,
            "rank": p.rank,
            "ballots": p.ballots,
        }
        for p in programme.priorities(rule)
    ]
    frame = pd.DataFrame(rows, columns=["topic", "title", "score", "rank", "ballots"])
    return frame.sort_values(["rank", "topic"], kind="stable").reset_index(drop=True)


def format_calendar(plan: Plan) -> list[str]:
    """The plan as text lines, month by month.

    Each session: date, audience, format, topic title, speaker kind and venue.
    """
    programme = plan.programme
    titles = {t.id: t.title for t in programme.proposals}
    speakers = {s.id: s for s in programme.speakers}
    venues = {v.id: v.name for v in programme.venues}
    lines: list[str] = []
    month = None
    for s in plan.sessions:
        key = (s.date.year, s.date.month)
        if key != month:
            month = key
            lines.append(f"{_MONTHS[s.date.month - 1]} {s.date.year}")
        who = ", ".join(speakers[i].kind_label(s.date) for i in s.speakers if i in speakers)
        where = "pont téléphonique" if s.phone_bridge else venues.get(s.venue, s.venue)
        title = " / ".join(titles.get(t, t) for t in s.topics)
        lines.append(
            f"  {s.date} {s.date.weekday.name.lower()[:3]}  {s.audience.name.lower():11} "
            f"{s.format.name.lower():15} {title}" + (f"  [{who}]" if who else "") + f"  @ {where}"
        )
    return lines


def _plan_to_pandas(self: Plan) -> pd.DataFrame:
    """One row per session (see :func:`vaekit.training.plan_to_pandas`)."""
    return plan_to_pandas(self)


setattr(Plan, "to_pandas", _plan_to_pandas)  # noqa: B010 (a method added to the compiled class)
