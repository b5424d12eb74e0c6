"""Plain data for the 个人重大事项报告表 of one report."""
from __future__ import annotations

import datetime as dt

from models.codes.lists import code_map
from models.matters.person_reports import detail_rows, matter_name
from models.matters.tables import MatterReport
from models.values import dates


def report_form_data(*, report_id: str, age_at: dt.date | None = None) -> dict:
    r = MatterReport.get_by_id(report_id)
    p = r.secretary
    day = lambda v: f"{v:%Y.%m.%d}" if v else ""  # noqa: E731
    return {"name": p.name, "sex": code_map("性别").get(p.sex or "", ""),
            "age": dates.age_at(p.birth_date, age_at or dt.date.today()) or "", "post": p.current_post,
            "kind": r.kind, "timing": r.timing or "", "matter": matter_name(r), "matter_date": day(r.matter_date),
            "place": r.place, "persons": r.persons, "relation": r.relation, "content": r.content, "block": detail_rows(r),
            "late_reason": r.late_reason, "report_date": day(r.report_date), "received_by": r.received_by,
            "received_on": day(r.received_on), "review_opinion": r.review_opinion, "review_result": r.review_result}
