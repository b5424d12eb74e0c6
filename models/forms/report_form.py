"""Plain data for the 个人重大事项报告表 of one report."""
from __future__ import annotations

import datetime as dt

from models.codes.lists import code_map
from models.matters.person_reports import detail_rows, matter_name
from models.matters.tables import MatterReport, ReportKind
from models.personnel.person import FamilyMember
from models.values import dates

SPOUSES = ("妻子", "丈夫", "配偶")


def _day(value) -> str:
    return f"{value:%Y.%m.%d}" if value else ""


def report_form_data(*, report_id: str, age_at: dt.date | None = None) -> dict:
    """Ages are those at the report's date (``age_at`` overrides): the form speaks of that day."""
    r = MatterReport.get_by_id(report_id)
    p = r.secretary
    when = age_at or r.report_date or r.matter_date or dt.date.today()
    spouse = (FamilyMember.live().where((FamilyMember.secretary == p.id) & FamilyMember.relation.in_(SPOUSES))
              .order_by(FamilyMember.sort_order).first())
    return {"name": p.name, "sex": code_map("性别").get(p.sex or "", ""),
            "age": dates.age_at(p.birth_date, when) or "", "political_status": "中共党员" if p.party_date else "",
            "post": p.current_post or "", "unit": p.unit.township.name if p.current_post else f"{p.unit.township.name} {p.unit.name}",
            "phone": p.phone or "",
            "spouse": {"name": spouse.name, "post": spouse.employer_post or "",
                       "political_status": spouse.political_status or ""} if spouse else None,
            "kind": r.kind, "timing": r.timing or "", "matter": matter_name(r), "matter_date": _day(r.matter_date),
            "place": r.place or "", "persons": r.persons or "", "relation": r.relation or "", "content": r.content or "",
            "block": detail_rows(r), "centralised": r.kind == ReportKind.CENTRALISED, "late_reason": r.late_reason or "",
            "report_date": _day(r.report_date), "received_by": r.received_by or "", "received_on": _day(r.received_on),
            "review_opinion": r.review_opinion or "", "review_result": r.review_result or "",
            "reviewer": r.reviewer or "", "reviewed_on": _day(r.reviewed_on), "age_at": _day(when)}
