"""The life of a 一事一报 report: draft → submitted → reviewed → archived.

The clerk registers and submits; only a reviewer (or the administrator) reviews; review fields
can be written by no other step.
"""
from __future__ import annotations

import datetime as dt

from models.errors import ArchiveError, ValidationError
from models.matters.blocks import clean_details
from models.matters.tables import MatterReport, MatterType, Verification
from models.storage.db import db
from models.writing import services
from models.writing.actor import Actor, require

REVIEW_FIELDS = ("review_opinion", "reviewer", "reviewed_on", "review_result")
WORKFLOW_FIELDS = REVIEW_FIELDS + ("status",)


def save_report(actor: Actor, *, report_id: str | None, data: dict, block_values: dict | None = None,
                expected_version: int | None = None) -> services.Saved:
    """Register or correct a report (as a draft or while awaiting review)."""
    forbidden = [name for name in WORKFLOW_FIELDS if name in data]
    if forbidden:
        raise ValidationError.single(forbidden[0], "审核信息", "只能在审核时由审核员填写")
    data = dict(data)
    if block_values is not None:
        matter_type = MatterType.get_or_none(MatterType.id == data.get("matter_type")) if data.get("matter_type") \
            else (MatterReport.get_by_id(report_id).matter_type if report_id else None)
        data["details"] = clean_details(matter_type.extra_block if matter_type else "", block_values)
    if report_id is None:
        return services.create(actor, MatterReport, {**data, "status": "草稿"})
    report = MatterReport.get_by_id(report_id)
    if report.status in ("已审核", "已归档"):
        raise ArchiveError("该报告已审核,不能再修改;如需更正,请新登记一份报告并在说明中注明")
    return services.update(actor, MatterReport, report_id, data, expected_version=expected_version)


def submit_report(actor: Actor, report_id: str, *, today: dt.date | None = None) -> MatterReport:
    """The report is handed in: it gets its report date and 受理 data and awaits review."""
    today = today or dt.date.today()
    report = MatterReport.get_by_id(report_id)
    if report.status != "草稿":
        raise ArchiveError(f"只有草稿可以提交(当前状态:{report.status})")
    changes = {"status": "已提交", "report_date": report.report_date or today,
               "received_on": report.received_on or today, "received_by": report.received_by or actor.display_name}
    return services.update(actor, MatterReport, report_id, changes, permission="reports", today=today).record


def review_report(actor: Actor, report_id: str, *, result: str, opinion: str,
                  today: dt.date | None = None) -> MatterReport:
    """审核: by a reviewer only, on a submitted report."""
    require(actor, "review")
    report = MatterReport.get_by_id(report_id)
    if report.status != "已提交":
        raise ArchiveError(f"只有已提交的报告可以审核(当前状态:{report.status})")
    changes = {"status": "已审核", "review_result": result, "review_opinion": opinion,
               "reviewer": actor.display_name, "reviewed_on": today or dt.date.today()}
    if not result:
        raise ValidationError.single("review_result", "审核结果", "不能为空")
    return services.update(actor, MatterReport, report_id, changes, permission="review", today=today).record


def archive_report(actor: Actor, report_id: str) -> MatterReport:
    report = MatterReport.get_by_id(report_id)
    if report.status != "已审核":
        raise ArchiveError(f"只有已审核的报告可以归档(当前状态:{report.status})")
    return services.update(actor, MatterReport, report_id, {"status": "已归档"}, permission="reports").record


def record_verification(actor: Actor, data: dict) -> Verification:
    """抽查核实: what the check found (如实报告 / 漏报 / 瞒报) and what was done about it."""
    return services.create(actor, Verification, data).record


def recompute_due_dates(actor: Actor, query) -> int:
    """After a deadline setting changed: re-judge the affected reports; returns how many changed."""
    changed = 0
    with db.atomic():
        for report in query:
            before = report.due_date
            after = services.update(actor, MatterReport, report.id, {}, permission="reports").record.due_date
            changed += before != after
    return changed
