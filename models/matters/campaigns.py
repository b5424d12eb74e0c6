"""集中报告: the annual round every serving secretary owes, and who is still missing.

Answers are kept per matter type in the report's details: "无" or what happened; a report whose
every answer is "无" is complete and valid.
"""
from __future__ import annotations

import datetime as dt
import json

from models.errors import ArchiveError, ValidationError
from models.matters.deadlines import campaign_due_date, campaign_opens
from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind, ReportStatus
from models.personnel.person import Secretary
from models.storage.db import db
from models.values import clock
from models.writing import services
from models.writing.actor import Actor

NOTHING = "无"


def open_campaign(actor: Actor, *, year: int, due: dt.date | None = None,
                  opened_on: dt.date | None = None) -> Campaign:
    """The round for ``year``. A past year's round (recorded late, e.g. from paper) starts where
    rounds start, 1 January of the next year, not today: today would be after its due date."""
    due = due or campaign_due_date(year)
    opened_on = opened_on or min(clock.today(), dt.date(year + 1, 1, 1), due)
    return services.create(actor, Campaign, {"year": year, "due_date": due, "opened_on": opened_on}).record


def active_types() -> list[MatterType]:
    return list(MatterType.live().where(MatterType.active).order_by(MatterType.sort_order, MatterType.code))


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
    day = report_date or clock.today()
    _check_report_date(campaign, day)
    return services.create(actor, MatterReport, {
        "secretary": secretary_id, "kind": ReportKind.CENTRALISED, "campaign": campaign.id, "status": ReportStatus.SUBMITTED,
        "details": json.dumps(filled, ensure_ascii=False), "report_date": day, "received_on": day,
        "received_by": received_by or actor.display_name}).record


def _check_report_date(campaign: Campaign, day: dt.date) -> None:
    """A year's centralised report is handed in once its round has opened: dated earlier (the
    box still held another round's date), it was counted as on time for a year not yet over."""
    earliest = min(campaign.opened_on or campaign_opens(campaign.year), campaign_opens(campaign.year))
    if day < earliest:
        raise ValidationError.single("report_date", "报告日期", f"{day:%Y.%m.%d}早于{campaign.year}年度集中报告"
                                     f"开始的日期({earliest:%Y.%m.%d}),请填写实际收到报告的日期")


def file_nothing_for(actor: Actor, campaign: Campaign, secretary_ids: list[str], *,
                     report_date: dt.date | None = None) -> int:
    """The fast path: "无" for every type, for each person given, in one transaction."""
    with db.atomic():
        for secretary_id in secretary_ids:
            file_campaign_report(actor, campaign, secretary_id, report_date=report_date)
    return len(secretary_ids)


def answers_of(report: MatterReport) -> dict[str, str]:
    """The answers of a filed centralised report, by matter type code."""
    try:
        answers = json.loads(report.details or "{}")
    except ValueError:
        return {}
    return {code: str(text) for code, text in answers.items()} if isinstance(answers, dict) else {}


def correct_campaign_report(actor: Actor, report_id: str, *, answers: dict[str, str], report_date: dt.date,
                            expected_version: int | None = None) -> MatterReport:
    """Correct a filed centralised report (its answers, the date it was handed in): audited as
    any change; a reviewed report is not changed (the write path refuses it)."""
    report = MatterReport.get_by_id(report_id)
    if report_date != report.report_date:  # a report filed before this rule keeps its date when corrected
        _check_report_date(Campaign.get_by_id(report.campaign_id), report_date)
    filled = {code: (text or "").strip() or NOTHING for code, text in {**answers_of(report), **answers}.items()}
    return services.update(actor, MatterReport, report_id, {
        "details": json.dumps(filled, ensure_ascii=False), "report_date": report_date,
        "received_on": report_date},  # handed in that day: the 受理 date follows a corrected 报告日期
        expected_version=expected_version).record


def _reported_during(year: int):
    """一事一报 reports whose matter (or, without a matter date, the report) falls in ``year``."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (MatterReport.deleted_at.is_null() & (MatterReport.kind == ReportKind.ORDINARY) &
            (MatterReport.matter_date.between(start, end) |
             (MatterReport.matter_date.is_null() & MatterReport.report_date.between(start, end))))


def reporters(year: int, secretary_ids: list[str]) -> set[str]:
    """Who among ``secretary_ids`` reported a matter during ``year`` (one query)."""
    query = (MatterReport.select(MatterReport.secretary).distinct()
             .where(_reported_during(year) & MatterReport.secretary.in_(secretary_ids)))
    return {row.secretary_id for row in query}


def reported_matters(secretary_id: str, year: int) -> dict[str, list[MatterReport]]:
    """The person's reports of ``year`` by matter type code."""
    query = (MatterReport.select(MatterReport, MatterType).join(MatterType)
             .where(_reported_during(year) & (MatterReport.secretary == secretary_id))
             .order_by(MatterReport.matter_date.asc(nulls="first"), MatterReport.id))
    found: dict[str, list[MatterReport]] = {}
    for report in query:
        found.setdefault(report.matter_type.code, []).append(report)
    return found


def denials(found: dict[str, list[MatterReport]], year: int, answers: dict[str, str]) -> list[str]:
    """Where "无" is answered for a matter type reported that year (``reported_matters``)."""
    warnings = []
    for code, listed in found.items():
        if (answers.get(code) or NOTHING).strip() == NOTHING:
            days = "、".join(f"{r.matter_date or r.report_date:%Y.%m.%d}" for r in listed)
            warnings.append(f"“{listed[0].matter_type.name}”填了“无”,但{year}年有该事项的报告({days})")
    return warnings


def contradictions(secretary_id: str, year: int, answers: dict[str, str]) -> list[str]:
    """Where "无" is answered for a matter type the person reported during ``year`` (一事一报): the
    centralised report must not deny what the ledger holds. Warnings, for a person to resolve."""
    return denials(reported_matters(secretary_id, year), year, answers)
