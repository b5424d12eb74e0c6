"""The checks of matter types, reports, rounds and verifications, registered with the write path
(who may take which step of a report is ``guard``)."""
from __future__ import annotations

import json

from models.codes.lists import in_code_list
from models.matters.deadlines import report_due_date
from models.matters.tables import (REVIEWED_STATUSES, Campaign, MatterReport, MatterType, ReportKind, ReportStatus,
                                   Timing, Verification)
from models.writing.rules import one_of, problem, register


def matter_type_rule(merged, clean, existing, problems, warnings, today) -> None:
    one_of(MatterType, merged, "timing", tuple(Timing), problems)
    for name in ("days_before", "days_after"):
        if merged.get(name) is not None and not 0 <= merged[name] <= 365:
            problems.append(problem(MatterType, name, "应在0—365天之间"))
    timing = merged.get("timing") or ""
    if timing in (Timing.BEFORE, Timing.BOTH) and merged.get("days_before") is None:
        problems.append(problem(MatterType, "days_before", "事前报告的事项须填写提前天数"))
    if timing in (Timing.AFTER, Timing.BOTH) and merged.get("days_after") is None:
        problems.append(problem(MatterType, "days_after", "事后报告的事项须填写报告天数"))


def matter_report_rule(merged, clean, existing, problems, warnings, today) -> None:
    one_of(MatterReport, merged, "kind", tuple(ReportKind), problems)
    one_of(MatterReport, merged, "timing", (Timing.BEFORE, Timing.AFTER), problems)
    one_of(MatterReport, merged, "status", tuple(ReportStatus), problems)
    in_code_list(MatterReport, merged, "review_result", "审核结果", problems, by="name")
    if merged.get("kind") == ReportKind.ORDINARY and not merged.get("matter_type"):
        problems.append(problem(MatterReport, "matter_type", "平时报告须选择事项类别"))
    if merged.get("kind") == ReportKind.CENTRALISED and not merged.get("campaign"):
        problems.append(problem(MatterReport, "campaign", "集中报告须选择报告年度"))
    if merged.get("details"):
        try:
            json.loads(merged["details"])
        except ValueError:
            problems.append(problem(MatterReport, "details", "格式不正确"))
    if merged.get("report_date") and merged["report_date"] > today:
        problems.append(problem(MatterReport, "report_date", "不能晚于今天"))
    if merged.get("timing") == Timing.AFTER and merged.get("matter_date") and merged["matter_date"] > today:
        problems.append(problem(MatterReport, "matter_date", "事后报告的事项须已经发生,事项时间不能晚于今天"))
    if merged.get("prior_report") and merged.get("timing") != Timing.AFTER:
        problems.append(problem(MatterReport, "prior_report", "只有事后报告才能关联事前报告"))
    if not problems and not (existing is not None and existing.status in REVIEWED_STATUSES):
        clean["due_date"] = report_due_date(merged)  # fixed from the moment the report is reviewed


def campaign_rule(merged, clean, existing, problems, warnings, today) -> None:
    if merged.get("opened_on") and merged.get("due_date") and merged["due_date"] < merged["opened_on"]:
        problems.append(problem(Campaign, "due_date", "不能早于开始日期"))


def unique_campaign_year(merged, existing, problems) -> None:
    query = Campaign.live().where(Campaign.year == merged.get("year"))
    if existing is not None:
        query = query.where(Campaign.id != existing.id)
    if query.exists():
        problems.append(problem(Campaign, "year", f"{merged.get('year')}年度的集中报告已经存在"))


def verification_rule(merged, clean, existing, problems, warnings, today) -> None:
    in_code_list(Verification, merged, "result", "核实结果", problems, by="name")


register(MatterType, rule=matter_type_rule)
register(MatterReport, rule=matter_report_rule)
register(Campaign, rule=campaign_rule, unique=unique_campaign_year)
register(Verification, rule=verification_rule)
