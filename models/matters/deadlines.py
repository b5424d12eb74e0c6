"""When a report of a personal major matter is due, and whether it came on time.

On time is computed, never typed: a 事前 report is due at least N days before the matter's date,
a 事后 report at most N days after it (N per matter type, a setting of the archive); a
centralised report is due on its campaign's due date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Timeliness:
    due: dt.date
    days_late: int  # > 0 late, 0 on the last day, < 0 early

    @property
    def on_time(self) -> bool:
        return self.days_late <= 0

    def describe(self) -> str:
        if self.days_late > 0:
            return f"逾期{self.days_late}天"
        if self.days_late == 0:
            return "按期(截止当天)"
        return f"按期(提前{-self.days_late}天)"


def due_date(*, timing: str, matter_date: dt.date, days_before: int | None, days_after: int | None) -> dt.date:
    """The last day a report of this timing may be made."""
    if timing == "事前":
        return matter_date - dt.timedelta(days=days_before or 0)
    if timing == "事后":
        return matter_date + dt.timedelta(days=days_after or 0)
    raise ValueError(f"unknown timing {timing!r}")


def timeliness(*, due: dt.date, reported: dt.date | None, today: dt.date) -> Timeliness:
    """Against ``due``: a report not yet made counts as late from the day after it was due."""
    when = reported or today
    days = (when - due).days
    if reported is None and days <= 0:
        days = min(days, 0)
    return Timeliness(due, days)
