"""One person's 一事一报 and 集中报告 reports, as the file shows them."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from peewee import JOIN

from models.matters.deadlines import due_date, timeliness
from models.matters.tables import Campaign, MatterReport, MatterType


@dataclass(frozen=True)
class ReportLine:
    id: str
    report_date: str
    kind: str
    matter: str
    timing: str
    matter_date: str
    status: str
    punctuality: str


def report_timeliness(report: MatterReport, today: dt.date | None = None):
    """Due date and lateness of a report (None when it has no matter date to judge by)."""
    today = today or dt.date.today()
    if report.kind == "集中报告" and report.campaign_id:
        return timeliness(due=report.campaign.due_date, reported=report.report_date, today=today)
    if report.matter_type_id and report.matter_date and report.timing:
        kind: MatterType = report.matter_type
        due = due_date(timing=report.timing, matter_date=report.matter_date, days_before=kind.days_before,
                       days_after=kind.days_after)
        return timeliness(due=due, reported=report.report_date, today=today)
    return None


def person_reports(secretary_id: str) -> list[ReportLine]:
    # type and campaign come with each report (one query for the whole list)
    query = (MatterReport.select(MatterReport, MatterType, Campaign)
             .join(MatterType, JOIN.LEFT_OUTER).switch(MatterReport).join(Campaign, JOIN.LEFT_OUTER)
             .where(MatterReport.deleted_at.is_null() & (MatterReport.secretary == secretary_id))
             .order_by(MatterReport.report_date.desc(nulls="first")))
    lines = []
    for report in query:
        matter = (f"{report.campaign.year}年度集中报告" if report.kind == "集中报告" and report.campaign_id
                  else (report.matter_type.name if report.matter_type_id else ""))
        judged = report_timeliness(report)
        lines.append(ReportLine(report.id, _day(report.report_date), report.kind, matter, report.timing or "",
                                _day(report.matter_date), report.status, judged.describe() if judged else ""))
    return lines


def report_details(report: MatterReport) -> list[tuple[str, str]]:
    """(label, value) of every filled field, the type-specific block spelled out."""
    rows = []
    for name, field in MatterReport._meta.fields.items():
        if name in ("id", "created_at", "modified_at", "version", "origin", "deleted_at", "deleted_by", "details"):
            continue
        value = getattr(report, name)
        if value in (None, ""):
            continue
        if hasattr(value, "describe"):
            value = value.describe()
        elif hasattr(value, "name") and not isinstance(value, str):
            value = value.name
        rows.append((field.verbose_name, _day(value) if isinstance(value, dt.date) else str(value)))
    type_names = {t.code: t.name for t in MatterType.select(MatterType.code, MatterType.name)}
    for key, value in json.loads(report.details or "{}").items():
        if value not in (None, ""):
            label = type_names.get(key, key) if report.kind == "集中报告" else DETAIL_LABELS.get(key, key)
            rows.append((label, str(value)))
    judged = report_timeliness(report)
    if judged:
        rows.append(("是否按期", f"{judged.describe()}(截止{_day(judged.due)})"))
    return rows


def _day(value) -> str:
    return value.strftime("%Y.%m.%d") if isinstance(value, dt.date) else (value or "")


DETAIL_LABELS = {
    "tables": "桌数", "guests": "人数", "scope": "宴请范围", "price_per_table": "标准(元/桌)",
    "total_cost": "总花费(元)", "gifts": "礼金礼品情况", "vehicles": "用车情况", "deceased": "逝世人",
    "destination": "前往地", "days": "天数", "kind": "类别", "area": "面积(平方米)",
}
