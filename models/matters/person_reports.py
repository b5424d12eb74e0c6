"""One person's 一事一报 and 集中报告 reports, as the file shows them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from models.matters.blocks import answer_rows, block_rows
from models.matters.deadlines import judge_report
from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind


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


def with_matter():
    """Reports with their matter type and campaign read in the same query (``matter_name`` and
    the forms name them: not a query per report)."""
    return (MatterReport.select(MatterReport, MatterType, Campaign)
            .join(MatterType, JOIN.LEFT_OUTER).switch(MatterReport).join(Campaign, JOIN.LEFT_OUTER))


def person_reports(secretary_id: str) -> list[ReportLine]:
    query = (with_matter().where(MatterReport.deleted_at.is_null() & (MatterReport.secretary == secretary_id))
             .order_by(MatterReport.report_date.desc(nulls="first"), MatterReport.id))
    lines = []
    for report in query:
        judged = judge_report(report)
        lines.append(ReportLine(report.id, _day(report.report_date), report.kind, matter_name(report),
                                report.timing or "", _day(report.matter_date), report.status,
                                judged.describe() if judged else ""))
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
    rows += detail_rows(report)
    judged = judge_report(report)
    if judged:
        rows.append(("是否按期", f"{judged.describe()}（截止{_day(judged.due)}）"))
    return rows


def matter_name(report: MatterReport) -> str:
    """"2025年度集中报告", or the matter type's name."""
    if report.kind == ReportKind.CENTRALISED and report.campaign_id:
        return f"{report.campaign.year}年度集中报告"
    return report.matter_type.name if report.matter_type_id else ""


def detail_rows(report: MatterReport, *, printed: bool = False) -> list[tuple[str, str]]:
    """The type-specific block (or the centralised report's answers) as (label, text), in the
    order of the one block table: the same rows on screen and on the printed form (``printed``:
    every row the official form has, empty where not answered)."""
    if report.kind == ReportKind.CENTRALISED:
        query = MatterType.select(MatterType.code, MatterType.name).order_by(MatterType.sort_order, MatterType.code)
        return answer_rows(report.details, {t.code: t.name for t in query}, every_type=printed)
    return block_rows(report.matter_type.extra_block if report.matter_type_id else "", report.details,
                      timing=report.timing, every_field=printed)


def _day(value) -> str:
    return value.strftime("%Y.%m.%d") if isinstance(value, dt.date) else (value or "")
