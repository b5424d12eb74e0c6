"""The steps of a 一事一报 report: register, submit, review, archive; verification; re-judging
deadlines. Who may take which step is a rule of the write path (``writing.workflow``)."""
from __future__ import annotations

import datetime as dt

from models.errors import ValidationError
from models.matters.blocks import clean_details
from models.matters.deadlines import judge
from models.matters.tables import REVIEWED_STATUSES, MatterReport, MatterType, ReportKind, ReportStatus, Verification
from models.storage.db import db
from models.values import clock
from models.writing import services
from models.writing.actor import Actor


def save_report(actor: Actor, *, report_id: str | None, data: dict, block_values: dict | None = None,
                expected_version: int | None = None) -> services.Saved:
    """Register a report (as a draft) or correct one that is not yet reviewed."""
    data = dict(data)
    if block_values is not None:
        matter_type = MatterType.get_or_none(MatterType.id == data.get("matter_type")) if data.get("matter_type") \
            else (MatterReport.get_by_id(report_id).matter_type if report_id else None)
        data["details"] = clean_details(matter_type.extra_block if matter_type else "", block_values)
    if report_id is None:
        return services.create(actor, MatterReport, {**data, "status": ReportStatus.DRAFT})
    return services.update(actor, MatterReport, report_id, data, expected_version=expected_version)


def submit_report(actor: Actor, report_id: str, *, today: dt.date | None = None) -> MatterReport:
    """The report is handed in: it gets its report date and 受理 data and awaits review."""
    today = today or clock.today()
    report = MatterReport.get_by_id(report_id)
    reported = report.report_date or today
    judged = judge(due=report.due_date, reported=reported)
    if report.kind == ReportKind.ORDINARY and judged is not None and judged.overdue and not report.late_reason:
        raise ValidationError.single("late_reason", "逾期说明",
                                     f"报告已{judged.describe()}，提交前须填写逾期说明（为什么没有按期报告）")
    changes = {"status": ReportStatus.SUBMITTED, "report_date": reported,
               "received_on": report.received_on or today, "received_by": report.received_by or actor.display_name}
    return services.update(actor, MatterReport, report_id, changes, today=today).record


def review_report(actor: Actor, report_id: str, *, result: str, opinion: str,
                  today: dt.date | None = None, expected_version: int | None = None) -> MatterReport:
    """审核: by a reviewer, on a submitted report (the write path enforces both); with
    ``expected_version``, refused if the report changed since the reviewer read it."""
    changes = {"status": ReportStatus.REVIEWED, "review_result": result, "review_opinion": opinion,
               "reviewer": actor.display_name, "reviewed_on": today or clock.today()}
    return services.update(actor, MatterReport, report_id, changes, today=today,
                           expected_version=expected_version).record


def archive_report(actor: Actor, report_id: str) -> MatterReport:
    return services.update(actor, MatterReport, report_id, {"status": ReportStatus.ARCHIVED}).record


def record_verification(actor: Actor, data: dict) -> Verification:
    """抽查核实: what the check found (如实报告 / 漏报 / 瞒报) and what was done about it."""
    return services.create(actor, Verification, data).record


def rejudge_due_dates(actor: Actor, query) -> int:
    """After a deadline setting changed: judge again the reports of ``query`` that are not yet
    reviewed (a reviewed report keeps the due date it was reviewed with); returns how many
    changed their due date."""
    changed = 0
    with db.atomic():
        for report in query.where(MatterReport.status.not_in(REVIEWED_STATUSES)):
            before = report.due_date
            changed += services.update(actor, MatterReport, report.id, {}).record.due_date != before
    return changed
