"""Pure-Python helpers of the professionalisation programme: tables and a printable calendar.

``Plan.to_pandas()`` (added to :class:`vaekit.Plan` by this module) returns one row per session;
``priorities_to_pandas`` gives the aggregated topic priorities and ``format_calendar`` the
year's plan as text lines, month by month. The tables are the compiled ``to_table()`` (a
:class:`vaekit.Table`) handed to pandas, which is imported only then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._vaekit import AggregationRule, Plan, Programme
from ..i18n import _, format_date, format_month, label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["format_calendar", "plan_rows", "plan_to_pandas", "priorities_to_pandas"]


def plan_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per session of ``plan`` with the columns of :func:`plan_to_pandas`."""
    rows: list[dict[str, Any]] = plan.to_table().to_records()
    return rows


def plan_to_pandas(plan: Plan) -> pd.DataFrame:
    """One row per session of ``plan``, as a pandas DataFrame (``plan.to_table().to_pandas()``).

    Columns: date (datetime64), weekday, topic and title, audience and format (categoricals),
    speakers and their kinds (OPCA/OPCO by date), venue, phone bridge, half-days and topic
    priority.
    """
    df: pd.DataFrame = plan.to_table().to_pandas()
    return df


def priorities_to_pandas(
    programme: Programme, rule: AggregationRule = AggregationRule.BORDA
) -> pd.DataFrame:
    """The aggregated priorities of the proposals, best first.

    Columns: topic, title, score, rank, ballots.
    """
    df: pd.DataFrame = programme.priorities_table(rule).to_pandas()
    return df


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
            lines.append(format_month(f"{s.date.year:04d}-{s.date.month:02d}"))
        # A speaker's kind: a dated name for a funding body (OPCA, OPCO), else its label.
        who = ", ".join(
            label("speaker", speakers[i].kind_label(s.date)) for i in s.speakers if i in speakers
        )
        where = _("phone bridge") if s.phone_bridge else venues.get(s.venue, s.venue)
        title = " / ".join(titles.get(t, t) for t in s.topics)
        audience = label("audience", s.audience.name.lower())
        session_format = label("session_format", s.format.name.lower())
        lines.append(
            f"  {format_date(s.date, 'short')} {format_date(s.date, 'EEE'):5} {audience:25} "
            f"{session_format:29} {title}" + (f"  [{who}]" if who else "") + f"  @ {where}"
        )
    return lines


def _plan_to_pandas(self: Plan) -> pd.DataFrame:
    """One row per session (see :func:`vaekit.training.plan_to_pandas`)."""
    return plan_to_pandas(self)


setattr(Plan, "to_pandas", _plan_to_pandas)  # noqa: B010 (a method added to the compiled class)
