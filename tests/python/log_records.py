"""A helper of the tests that generate event logs: the records of one case, in time order.

Shared by the generators of tests/python/test_employment.py and test_funding.py (one way to write
a generated case's records, not one copy per test file).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any


class CaseRecords:
    """Appends the event-log records of ``case`` to ``records``, each a random 1..``max_gap``-1
    days after the previous one (starting from ``start``)."""

    def __init__(
        self,
        records: list[dict[str, Any]],
        rng: random.Random,
        case: str,
        start: dt.date,
        max_gap: int,
    ) -> None:
        self.records, self.rng, self.case, self.day, self.max_gap = (
            records,
            rng,
            case,
            start,
            max_gap,
        )

    def add(self, event: str, role: str, data: dict[str, Any] | None = None, **top: Any) -> None:
        """One record of ``event`` by ``role``, with ``data`` and top-level fields ``top``."""
        self.day += dt.timedelta(days=self.rng.randrange(1, self.max_gap))
        rec: dict[str, Any] = {
            "case": self.case,
            "at": self.day.isoformat(),
            "event": event,
            "role": role,
            **top,
        }
        if data:
            rec["data"] = data
        self.records.append(rec)
