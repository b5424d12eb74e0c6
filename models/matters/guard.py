"""The life of a 一事一报 report, as a guard of the write path: draft → submitted → reviewed → archived.

Registered with ``writing.rules``, so ``services`` asks ``authorise_report`` before every create,
update and delete of a report, whoever calls it (GUI, command line, roster, demo): the role a
step needs, which status may follow which, that review fields are written only by a reviewer in
the review step, and that a reviewed report no longer changes (its content and its due date are
what was reviewed).
"""
from __future__ import annotations

from models.errors import PermissionDenied, ValidationError
from models.matters.tables import REVIEWED_STATUSES, MatterReport, ReportStatus
from models.writing.actor import Actor, require
from models.writing.rules import register_guard

REVIEW_FIELDS = ("review_opinion", "reviewer", "reviewed_on", "review_result")
DRAFT, SUBMITTED, REVIEWED, ARCHIVED = ReportStatus

# (status before, status after) → the permission the step needs; None before = a new report.
# A report registered after the fact may start reviewed (the paper form was signed already),
# which only someone who may review can record.
STEPS = {
    (None, DRAFT): "reports", (None, SUBMITTED): "reports", (None, REVIEWED): "review", (None, ARCHIVED): "review",
    (DRAFT, DRAFT): "reports", (DRAFT, SUBMITTED): "reports",
    (SUBMITTED, SUBMITTED): "reports", (SUBMITTED, DRAFT): "reports", (SUBMITTED, REVIEWED): "review",
    (REVIEWED, ARCHIVED): "reports",
}
REFUSALS = {SUBMITTED: "只有草稿可以提交", REVIEWED: "只有已提交的报告可以审核", ARCHIVED: "只有已审核的报告可以归档"}
FIXED_MESSAGE = "该报告已审核,不能再修改;如需更正,请新登记一份报告并在说明中注明"


def authorise_report(actor: Actor, existing: MatterReport | None, clean: dict) -> None:
    """Refuse a write of ``clean`` (the cleaned changes) to ``existing`` (None: a new report)."""
    before = ReportStatus(existing.status) if existing is not None else None
    after = ReportStatus(clean.get("status") or before or DRAFT)
    if before in REVIEWED_STATUSES and _content_changed(existing, clean):
        raise PermissionDenied(FIXED_MESSAGE)
    step = STEPS.get((before, after))
    if step is None:
        refusal = REFUSALS.get(after, f"报告不能改为“{after}”")
        raise ValidationError.single("status", "状态", f"{refusal}(当前状态:{before})")
    require(actor, step)
    _review_fields(existing, clean, entering_review=after in REVIEWED_STATUSES and before not in REVIEWED_STATUSES)


def _content_changed(existing: MatterReport, clean: dict) -> bool:
    return any(name != "status" and _stored(existing, name) != value for name, value in clean.items())


def _stored(record: MatterReport, name: str):
    field = record._meta.fields[name]
    return getattr(record, field.column_name if hasattr(field, "rel_model") else name)


def _review_fields(existing, clean: dict, *, entering_review: bool) -> None:
    written = [name for name in REVIEW_FIELDS if name in clean and
               clean[name] != (_stored(existing, name) if existing is not None else None)]
    if written and not entering_review:  # entering review needs the review permission (STEPS)
        field = MatterReport._meta.fields[written[0]]
        raise ValidationError.single(field.name, field.verbose_name, "只能在审核时由审核员填写")
    if entering_review and not clean.get("review_result"):
        raise ValidationError.single("review_result", "审核结果", "审核时须选择审核结果")


def authorise_report_delete(actor: Actor, existing: MatterReport) -> None:
    """A report goes to the recycle bin by a clerk while it is a draft or awaits review; once
    reviewed, only by the administrator (it is part of the reviewed record)."""
    require(actor, "admin" if existing.status in REVIEWED_STATUSES else "reports")


register_guard(MatterReport, write=authorise_report, remove=authorise_report_delete, permissions=("reports", "review"))
