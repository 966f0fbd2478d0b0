"""Plan an antenne's appointment capacity with the French working-day calendar.

Counts the working days of each month of 2024 in Strasbourg (Alsace-Moselle holidays) with the
antenne's summer closing weeks, and the date a 10-working-day reply deadline falls on.
"""

from __future__ import annotations

import datetime as dt

import vaekit

cal = vaekit.FrenchCalendar("alsace_moselle")
cal.add_closure(vaekit.DateRange("2024-08-05", "2024-08-23"), "fermeture estivale")

for month in range(1, 13):
    first = vaekit.Date(2024, month, 1)
    last = (vaekit.Date(2025, 1, 1) if month == 12 else vaekit.Date(2024, month + 1, 1)) - 1
    n = len(cal.working_days(vaekit.DateRange(first, last)))
    print(f"2024-{month:02d}: {n:2d} working days")

received = dt.date(2024, 3, 25)
deadline = cal.add_working_days(received, 10)
print(f"A request received on {received} is due on {deadline} ({deadline.weekday.name.lower()})")
assert deadline == vaekit.Date(
    2024, 4, 10
)  # Good Friday 29 March and Easter Monday 1 April are off
