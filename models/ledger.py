"""个人重大事项报告登记台账: the register of reports, filtered and paged in SQL.

A district holds hundreds of thousands of reports; only the page on screen is read, and every
filter (on time / overdue included, thanks to the stored deadline) is a WHERE clause.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, Case, fn

from .matters import Campaign, MatterReport, MatterType
from .org import Township, Unit
from .person import Secretary

COLUMNS = ("报告时间", "乡镇", "村(社区)", "姓名", "身份证号", "报告类别", "事项", "事前/事后", "事项时间",
           "截止时间", "是否按期", "状态", "审核结果")
SORTABLE = ("report_date", "township", "unit", "name", None, "kind", "matter", "timing", "matter_date",
            "due_date", "days_late", "status", "review_result")


@dataclass(frozen=True)
class LedgerFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    township_id: str | None = None
    unit_id: str | None = None
    matter_type_id: str | None = None
    kind: str | None = None
    timing: str | None = None
    status: str | None = None
    punctuality: str | None = None  # "on_time" / "overdue"
    text: str = ""
    secretary_id: str | None = None


def _days_late(today: dt.date):
    reported = fn.COALESCE(MatterReport.report_date, today.isoformat())
    return fn.julianday(reported) - fn.julianday(MatterReport.due_date)


def _base(wanted: LedgerFilter, today: dt.date):
    days_late = _days_late(today)
    matter = Case(None, [(MatterReport.kind == "集中报告", fn.printf("%d年度集中报告", Campaign.year))],
                  MatterType.name)
    query = (MatterReport.select(
        MatterReport.id, MatterReport.report_date, Township.name.alias("township"), Unit.name.alias("unit"),
        Secretary.name.alias("name"), Secretary.id_number, MatterReport.kind, matter.alias("matter"),
        MatterReport.timing, MatterReport.matter_date, MatterReport.due_date, days_late.alias("days_late"),
        MatterReport.status, MatterReport.review_result)
        .join(Secretary).join(Unit).join(Township)
        .switch(MatterReport).join(MatterType, join_type=JOIN.LEFT_OUTER)
        .switch(MatterReport).join(Campaign, join_type=JOIN.LEFT_OUTER)
        .where(MatterReport.deleted_at.is_null()))
    return _filtered(query, wanted, days_late)


def _filtered(query, wanted: LedgerFilter, days_late):
    conditions = {
        "date_from": lambda v: MatterReport.report_date >= v, "date_to": lambda v: MatterReport.report_date <= v,
        "township_id": lambda v: Unit.township == v, "unit_id": lambda v: Secretary.unit == v,
        "matter_type_id": lambda v: MatterReport.matter_type == v, "kind": lambda v: MatterReport.kind == v,
        "timing": lambda v: MatterReport.timing == v, "status": lambda v: MatterReport.status == v,
        "secretary_id": lambda v: MatterReport.secretary == v,
        "punctuality": lambda v: (days_late > 0) if v == "overdue" else (MatterReport.due_date.is_null() | (days_late <= 0)),
    }
    for name, condition in conditions.items():
        value = getattr(wanted, name)
        if value:
            query = query.where(condition(value))
    text = wanted.text.strip().lower()
    if text:
        pattern = f"%{text}%"
        query = query.where(Secretary.name.contains(text) | (Secretary.name_initials ** pattern) |
                            (Secretary.name_pinyin ** pattern) | Secretary.id_number.contains(text))
    return query


def count(wanted: LedgerFilter, *, today: dt.date | None = None) -> int:
    return _base(wanted, today or dt.date.today()).count()


def page(wanted: LedgerFilter, *, offset: int, limit: int, sort: str = "report_date", descending: bool = True,
         today: dt.date | None = None) -> list[tuple]:
    """Rows ``offset`` … ``offset + limit`` as display tuples (first element the report id)."""
    order = SQL(f'"{sort}" {"DESC" if descending else "ASC"}') if sort in SORTABLE else SQL('"report_date" DESC')
    query = _base(wanted, today or dt.date.today()).order_by(order, MatterReport.id).offset(offset).limit(limit)
    return [_display(row) for row in query.tuples()]


def _display(row: tuple) -> tuple:
    (report_id, reported, township, unit, name, id_number, kind, matter, timing, matter_date, due, late,
     status, result) = row
    return (report_id, _day(reported), township, unit, name, id_number or "", kind, matter or "", timing or "",
            _day(matter_date), _day(due), punctuality_text(late, reported), status, result or "")


def punctuality_text(days_late, reported) -> str:
    if days_late is None:
        return ""
    days = int(round(days_late))
    if days > 0:
        return f"逾期{days}天" + ("" if reported else "(未报)")
    return "按期" if reported else "未到期"


def _day(value) -> str:
    if value is None:
        return ""
    return (value if isinstance(value, str) else value.isoformat()).replace("-", ".")


def all_rows(wanted: LedgerFilter, *, today: dt.date | None = None) -> list[tuple]:
    return page(wanted, offset=0, limit=-1, today=today)
