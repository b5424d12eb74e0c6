"""The calendar, read in one place.

Every rule that depends on the day — what is overdue, which 集中报告 round is current, what is
"in the future", a form's 填表时间 — asks ``today()`` here, never ``datetime.date.today()``. The
day can be fixed with the environment variable ``SECRETARY_ARCHIVE_TODAY`` (an ISO date): the test
suite fixes it for every call and every child process it starts, so that the figures do not change
with the month the tests run in; support can use it to see the archive as it will look on a day.
Moments (audit entries, backup names, sign-in lock-outs) are real time and are not read here.
"""
from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "SECRETARY_ARCHIVE_TODAY"


def today() -> dt.date:
    """The day the archive's rules judge by: the computer's date, or the fixed one."""
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed.strip())
        except ValueError:
            pass  # a mistyped setting never stops the program: the computer's date it is
    return dt.date.today()
