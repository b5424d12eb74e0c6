"""The one rule of timeliness: when a report is due, and whether it came on time.

On time is computed, never typed. A 事前 report is due at least N days before the matter's date, a
事后 report at most N days after it (N per matter type, a setting of the archive); a centralised
report is due on its campaign's due date, by default 31 January of the following year (a setting).

The due date is computed when a report is saved and *stored with the report*; from the moment
the report is reviewed it never changes, so a deadline changed later in 设置 re-judges only drafts
and reports awaiting review. Everything that says "on time" or "overdue" — the ledger (in SQL),
statistics, coverage, a person's reports, the report editor — asks this module, with the stored
``due_date``:

- reported on or before the due date: on time (按期（截止当天）, 按期（提前N天）); the day after: late
  (逾期N天);
- not reported: not yet due up to and including the due date (未到期（还有N天）, 未到期（今天截止）),
  overdue from the day after (逾期N天（未报）).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind, Timing
from models.storage import memo, settings
from models.storage.db import on_postgresql
from models.values import clock

CAMPAIGN_DUE_SETTING = "campaign_due_month_day"


# -- fixing a due date ------------------------------------------------------------------------

def due_date(*, timing: str, matter_date: dt.date, days_before: int | None, days_after: int | None) -> dt.date:
    """The last day a report of this timing may be made, by the matter type's limits."""
    if timing == Timing.BEFORE:
        return matter_date - dt.timedelta(days=days_before or 0)
    if timing == Timing.AFTER:
        return matter_date + dt.timedelta(days=days_after or 0)
    raise ValueError(f"unknown timing {timing!r}")


def campaign_due_date(year: int) -> dt.date:
    """The default due date of the centralised report for ``year``: the set month and day
    (``campaign_due_month_day``, "01-31" unless the county says otherwise) of the next year."""
    month, day = (int(part) for part in str(settings.get(CAMPAIGN_DUE_SETTING)).split("-"))
    return dt.date(year + 1, month, day)


def campaign_due_text() -> str:
    """The default due date in words, for labels: "次年1月31日"."""
    month, day = (int(part) for part in str(settings.get(CAMPAIGN_DUE_SETTING)).split("-"))
    return f"次年{month}月{day}日"


def campaign_opens(year: int) -> dt.date:
    """When the centralised round of ``year`` opens: 1 December ("无事年终报")."""
    return dt.date(year, 12, 1)


def current_campaign_year(today: dt.date | None = None) -> int:
    """The year of the centralised round a clerk works on: last year's from January to November
    (due by 31 January, then followed up), this year's from December, when rounds open."""
    today = today or clock.today()
    return today.year if today >= campaign_opens(today.year) else today.year - 1


def report_due_date(values: dict) -> dt.date | None:
    """The due date of a report with these values (ids for ``campaign`` and ``matter_type``):
    the campaign's due date for a centralised report, the matter type's deadline around the
    matter's date for an ordinary one; None when there is nothing yet to judge by."""
    if values.get("kind") == ReportKind.CENTRALISED and values.get("campaign"):
        campaign = memo.remembered(("campaign", values["campaign"]), lambda: Campaign.select(
            Campaign.due_date).where(Campaign.id == values["campaign"]).first())
        return campaign.due_date if campaign else None
    # only the columns needed (every report written asks this; its whole row costs five times
    # more), and once per batch of records checked together
    kind = memo.remembered(("matter type", values["matter_type"]), lambda: MatterType.select(
        MatterType.days_before, MatterType.days_after).where(MatterType.id == values["matter_type"]).first()) \
        if values.get("matter_type") else None
    if kind is not None and values.get("matter_date") and values.get("timing"):
        return due_date(timing=values["timing"], matter_date=values["matter_date"],
                        days_before=kind.days_before, days_after=kind.days_after)
    return None


# -- judging ----------------------------------------------------------------------------------

def describe(days_late: int, *, reported: bool) -> str:
    """The words every screen and form uses, from the days after the due date (negative: before)."""
    if days_late > 0:
        return f"逾期{days_late}天" + ("" if reported else "（未报）")
    if reported:
        return "按期（截止当天）" if days_late == 0 else f"按期（提前{-days_late}天）"
    return "未到期（今天截止）" if days_late == 0 else f"未到期（还有{-days_late}天）"


@dataclass(frozen=True)
class Timeliness:
    due: dt.date | None  # None when judged from days counted in SQL
    reported: dt.date | None
    days_late: int  # > 0 late (or overdue while unreported), 0 on the last day, < 0 early

    @property
    def on_time(self) -> bool | None:
        """True/False once reported; None while not reported."""
        return None if self.reported is None else self.days_late <= 0

    @property
    def overdue(self) -> bool:
        """Reported late, or not reported and past the due date."""
        return self.days_late > 0

    def describe(self) -> str:
        return describe(self.days_late, reported=self.reported is not None)


def judge(*, due: dt.date | None, reported: dt.date | None, today: dt.date | None = None) -> Timeliness | None:
    """The timeliness of a report due on ``due`` (None: nothing to judge), made on ``reported``
    (None: not yet, judged against ``today``)."""
    if due is None:
        return None
    when = reported or today or clock.today()
    return Timeliness(due, reported, (when - due).days)


def judge_report(report: MatterReport, today: dt.date | None = None) -> Timeliness | None:
    return judge(due=report.due_date, reported=report.report_date, today=today)


# -- the same rule in SQL (dates are ISO text in SQLite: they compare as strings) -------------

def overdue_branches(today: dt.date) -> list:
    """Overdue, as disjoint cases each answered by one index: reported after the due date, or not
    reported and the due date has passed. (A count of their OR reads the whole table.)"""
    reported, due = MatterReport.report_date, MatterReport.due_date
    return [reported.is_null(False) & due.is_null(False) & (reported_lateness_sql() > 0),
            reported.is_null() & (due < today)]


def on_time_branches(today: dt.date) -> list:
    """Everything not overdue, as disjoint cases: no due date, reported by it, not yet due."""
    reported, due = MatterReport.report_date, MatterReport.due_date
    return [due.is_null(), reported.is_null(False) & due.is_null(False) & (reported_lateness_sql() <= 0),
            reported.is_null() & (due >= today)]


def _days_between(later, earlier):
    """Days from ``earlier`` to ``later`` in SQL: a server subtracts dates; SQLite keeps them as
    text and counts through Julian day numbers."""
    if on_postgresql():
        return later - earlier
    return fn.julianday(later) - fn.julianday(earlier)


def days_late_sql(today: dt.date):
    return _days_between(fn.COALESCE(MatterReport.report_date, today.isoformat()), MatterReport.due_date)


def reported_lateness_sql():
    """``days_late_sql`` of a report made (report date and deadline both set), written as the
    index ``live_report_lateness`` (schema v10, and a server's schema) is, so that sorting by it
    reads the index."""
    return _days_between(MatterReport.report_date, MatterReport.due_date)
