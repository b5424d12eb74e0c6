"""集中报告: the annual round every serving secretary owes, and who is still missing.

Answers are kept per matter type in the report's details: "无" or what happened; a report whose
every answer is "无" is complete and valid.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from . import services
from .actor import Actor
from .db import db
from .errors import ArchiveError, ValidationError
from .matters import Campaign, MatterReport, MatterType
from .org import Township, Unit
from .person import SERVING, Secretary

NOTHING = "无"


def default_due_date(year: int) -> dt.date:
    """Reports for a year are due by 31 January of the next."""
    return dt.date(year + 1, 1, 31)


def open_campaign(actor: Actor, *, year: int, due: dt.date | None = None,
                  opened_on: dt.date | None = None) -> Campaign:
    return services.create(actor, Campaign, {"year": year, "due_date": due or default_due_date(year),
                                             "opened_on": opened_on or dt.date.today()}).record


def active_types() -> list[MatterType]:
    return list(MatterType.live().where(MatterType.active).order_by(MatterType.sort_order))


def file_campaign_report(actor: Actor, campaign: Campaign, secretary_id: str, *, answers: dict[str, str] | None = None,
                         report_date: dt.date | None = None, received_by: str | None = None) -> MatterReport:
    """Record one person's centralised report; answers missing for a type count as "无"."""
    if MatterReport.live().where((MatterReport.campaign == campaign.id) &
                                 (MatterReport.secretary == secretary_id)).exists():
        raise ArchiveError(f"{Secretary.get_by_id(secretary_id).name}已经报送了{campaign.year}年度集中报告")
    codes = [t.code for t in active_types()]
    unknown = set(answers or {}) - set(codes)
    if unknown:
        raise ValidationError.single("details", "报告事项", f"未知的事项类别:{'、'.join(sorted(unknown))}")
    filled = {code: ((answers or {}).get(code) or NOTHING).strip() or NOTHING for code in codes}
    day = report_date or dt.date.today()
    return services.create(actor, MatterReport, {
        "secretary": secretary_id, "kind": "集中报告", "campaign": campaign.id, "status": "已提交",
        "details": json.dumps(filled, ensure_ascii=False), "report_date": day, "received_on": day,
        "received_by": received_by or actor.display_name}).record


def file_nothing_for(actor: Actor, campaign: Campaign, secretary_ids: list[str], *,
                     report_date: dt.date | None = None) -> int:
    """The fast path: "无" for every type, for each person given, in one transaction."""
    with db.atomic():
        for secretary_id in secretary_ids:
            file_campaign_report(actor, campaign, secretary_id, report_date=report_date)
    return len(secretary_ids)


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
    def overdue(self) -> int:
        return sum(p.overdue for p in self.people)

    @property
    def missing(self) -> list[PersonStanding]:
        return [p for p in self.people if not p.filed]

    @property
    def ratio(self) -> float:
        return self.filed / self.serving if self.serving else 1.0


def campaign_coverage(campaign: Campaign, *, today: dt.date | None = None) -> Coverage:
    """Every serving secretary with whether, and when, they filed."""
    today = today or dt.date.today()
    filed = {r.secretary_id: r.report_date for r in MatterReport.live().where(MatterReport.campaign == campaign.id)}
    query = (Secretary.select(Secretary.id, Secretary.name, Unit.name.alias("unit_name"),
                              Township.name.alias("township_name"))
             .join(Unit).join(Township)
             .where(Secretary.deleted_at.is_null() & (Secretary.status == SERVING))
             .order_by(Township.sort_order, Unit.sort_order, Unit.name, Secretary.name_pinyin))
    coverage = Coverage(campaign)
    for person in query.objects():
        reported = filed.get(person.id)
        late = reported > campaign.due_date if reported else today > campaign.due_date
        coverage.people.append(PersonStanding(person.id, person.name, person.township_name, person.unit_name,
                                              reported, late))
    return coverage
