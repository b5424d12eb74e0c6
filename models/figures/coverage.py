"""Coverage (全覆盖) of a year's centralised report: every serving secretary, whether and when they
filed, and who is missing or overdue."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import SQL, fn

from models.matters.deadlines import judge
from models.matters.tables import Campaign, MatterReport
from models.org.tables import Township, Unit
from models.personnel.person import Secretary, SecretaryStatus
from models.storage.db import db
from models.values import clock


@dataclass
class PersonStanding:
    secretary_id: str
    name: str
    township: str
    unit: str
    report_date: dt.date | None
    overdue: bool  # filed late, or not filed and past the due date

    @property
    def filed(self) -> bool:
        return self.report_date is not None


@dataclass
class Coverage:
    campaign: Campaign
    people: list[PersonStanding] = field(default_factory=list)

    @property
    def serving(self) -> int:
        return len(self.people)

    @property
    def filed(self) -> int:
        return sum(p.filed for p in self.people)

    @property
    def on_time(self) -> int:
        return sum(p.filed and not p.overdue for p in self.people)

    @property
    def late(self) -> int:
        """Filed after the due date: with ``on_time``, exactly ``filed``."""
        return sum(p.filed and p.overdue for p in self.people)

    @property
    def missing_overdue(self) -> int:
        """Not filed, and the due date has passed."""
        return sum(not p.filed and p.overdue for p in self.people)

    @property
    def overdue(self) -> int:
        return self.late

    @property
    def missing(self) -> list[PersonStanding]:
        return [p for p in self.people if not p.filed]

    @property
    def ratio(self) -> float:
        return self.filed / self.serving if self.serving else 1.0


def filed_and_serving(campaign: Campaign) -> tuple[int, int]:
    """``campaign_coverage(campaign)``'s ``filed`` and ``serving``, counted in SQL: the home page
    needs only these two, and a district's round is 10,000 people and their reports."""
    serving = _serving_people(Secretary.select(fn.COUNT(SQL("*"))))
    # the round's reports found by the campaign index once (not each person's reports searched)
    filed = serving.where(Secretary.id.in_(MatterReport.select(MatterReport.secretary).where(
        (MatterReport.campaign == campaign.id) & MatterReport.deleted_at.is_null())))
    return filed.scalar(), serving.scalar()


def _serving_people(query):
    return (query.join(Unit).join(Township)
            .where(Secretary.deleted_at.is_null() & (Secretary.status == SecretaryStatus.SERVING)))


def campaign_coverage(campaign: Campaign, *, today: dt.date | None = None) -> Coverage:
    """Every serving secretary with whether, and when, they filed."""
    today = today or clock.today()
    # plain rows, not model objects: a province's round is 100,000 people (making an object of
    # each was two thirds of its statistics' 3 s)
    filed = {secretary: (reported, due) for secretary, reported, due in MatterReport.live(
        MatterReport.secretary, MatterReport.report_date, MatterReport.due_date)
        .where(MatterReport.campaign == campaign.id).tuples()}
    # a missing report is judged by the campaign's due date: the same for everyone who has not filed
    missing_overdue = judge(due=campaign.due_date, reported=None, today=today).overdue
    query = _serving_people(Secretary.select(Secretary.id, Secretary.name, Unit.name, Township.name)
                            ).order_by(Township.sort_order, Unit.sort_order, Unit.name, Secretary.name_pinyin,
                                       Secretary.id)
    coverage = Coverage(campaign)
    for person_id, name, unit, township in db.execute_sql(*query.sql()).fetchall():  # (text only: as stored)
        report = filed.get(person_id)
        if report is None:
            coverage.people.append(PersonStanding(person_id, name, township, unit, None, missing_overdue))
            continue
        reported, due = report  # a filed report is judged by its own (stored) due date
        judged = judge(due=due or campaign.due_date, reported=reported, today=today)
        coverage.people.append(PersonStanding(person_id, name, township, unit, reported, judged.overdue))
    return coverage
