"""Plain data for the 个人重大事项报告表 of one report."""
from __future__ import annotations

import datetime as dt

from models.codes.lists import code_map
from models.matters.blocks import BLOCKS, read_details
from models.matters.tables import MatterReport, MatterType
from models.values import dates


def report_form_data(*, report_id: str, age_at: dt.date | None = None) -> dict:
    r = MatterReport.get_by_id(report_id)
    p = r.secretary
    day = lambda v: f"{v:%Y.%m.%d}" if v else ""  # noqa: E731
    details = read_details(r.details)
    if r.kind == "集中报告":
        names = {t.code: t.name for t in MatterType.select(MatterType.code, MatterType.name)}
        block = [(names.get(code, code), str(value)) for code, value in details.items()]
        matter = f"{r.campaign.year}年度集中报告"
    else:
        labels = {f.key: f.label for f in BLOCKS.get(r.matter_type.extra_block, ())}
        block = [(labels.get(k, k), str(v)) for k, v in details.items() if v is not None]
        matter = r.matter_type.name
    return {"name": p.name, "sex": code_map("性别").get(p.sex or "", ""),
            "age": dates.age_at(p.birth_date, age_at or dt.date.today()) or "", "post": p.current_post,
            "kind": r.kind, "timing": r.timing or "", "matter": matter, "matter_date": day(r.matter_date),
            "place": r.place, "persons": r.persons, "relation": r.relation, "content": r.content, "block": block,
            "late_reason": r.late_reason, "report_date": day(r.report_date), "received_by": r.received_by,
            "received_on": day(r.received_on), "review_opinion": r.review_opinion, "review_result": r.review_result}
