"""个人有关事项集中报告表 (annual): the person, every matter type with "无" or what happened, and the
signature blocks — 报告人 and the 党委's 审核意见 with room to sign and seal."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .base import Part, para, styles
from .cells import Grid

WIDTHS = [w * mm for w in (24, 44, 24, 82)]  # 174 mm
DAY = "年\u3000\u3000月\u3000\u3000日"


def campaign_form(d: dict) -> list:
    s = styles()
    grid = Grid(WIDTHS)
    L, V = grid.label, grid.value
    grid.row([L("姓  名"), V(d["name"]), L("单位及职务"), V(f"{d['unit']}{d['post']}".strip(), left=True)],
             height=12 * mm)
    grid.row([L("报告事项", span=2), L("情况（没有发生的事项填写“无”）", span=2)], height=9 * mm)
    for matter, answer in d["answers"]:
        grid.row([V(matter, span=2, left=True), V(answer, span=2, left=True)], height=11 * mm)
    grid.row([L("报告人\n签  名"), V(""), L("报告时间"), V(d["report_date"] or DAY)], height=14 * mm)
    opinion = "\n".join(filter(None, (d["opinion"], d["reviewer"] and f"审核人：{d['reviewer']} {d['reviewed_on']}")))
    grid.row([L("党委审核\n意    见"), V(f"{opinion}\n\n党委负责人签字（盖章）：\u3000\u3000\u3000\u3000\u3000\u3000{DAY}",
                                   span=3, left=True)], height=32 * mm)
    year = f"{d['year']}" if d["year"] else "______"  # (a line to write the year on)
    return [para(f"{year}年度个人有关事项集中报告表", s["title"]), grid.table(split=True), Spacer(1, 2 * mm),
            para("此表由本人填写并签名，报送乡镇（街道）党委；没有发生的事项请填写“无”。", s["small"])]


def campaign_forms(d: dict) -> list[Part]:
    """Every form of ``d["people"]``, each numbered on its own (第1页共1页): they are filed one
    to a person's file, not as one document."""
    return [Part(f"{person['name']}的集中报告表" if person["name"] else "集中报告表", campaign_form(person))
            for person in d["people"]]
