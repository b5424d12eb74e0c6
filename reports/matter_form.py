"""个人重大事项报告表 (one per report) with the type-specific block and the signature block."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table

from .base import para, styles, table_style

WIDTHS = [30 * mm, 55 * mm, 30 * mm, 59 * mm]


def matter_form(d: dict) -> list:
    """``d``: person (name, sex, age, political_status, post), matter fields, ``block`` as
    (label, value) pairs, review fields."""
    s = styles()
    L, V = (lambda t: para(t, s["label"])), (lambda t: para(t or "无", s["body"]))  # noqa: E731
    rows = [[L("姓  名"), V(d["name"]), L("性别 / 年龄"), V(f"{d.get('sex', '')} / {d.get('age', '')}岁")],
            [L("工作单位及职务"), V(d.get("post")), "", ""],
            [L("报告类别"), V(d.get("kind")), L("事前 / 事后"), V(d.get("timing"))],
            [L("事项类别"), V(d.get("matter")), "", ""],
            [L("事项时间"), V(d.get("matter_date")), L("地  点"), V(d.get("place"))],
            [L("涉及人员"), V(d.get("persons")), L("与本人关系"), V(d.get("relation"))],
            [L("事项内容"), V(d.get("content")), "", ""]]
    spans = [1, 3, 6]
    for label, value in d.get("block", []):
        spans.append(len(rows))
        rows.append([L(label), V(value), "", ""])
    if d.get("late_reason"):
        spans.append(len(rows))
        rows.append([L("逾期说明"), V(d["late_reason"]), "", ""])
    signature = len(rows)
    rows += [[L("报告人签名"), "", L("报告时间"), V(d.get("report_date"))],
             [L("受 理 人"), V(d.get("received_by")), L("受理时间"), V(d.get("received_on"))],
             [L("审核意见"), para(f"{d.get('review_opinion') or ''}\n{d.get('review_result') or ''}\n\n"
                                 f"(盖章)\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", s["body"]), "", ""]]
    spans.append(signature + 2)
    table = Table(rows, colWidths=WIDTHS, splitByRow=1,
                  rowHeights=[None] * signature + [12 * mm, 10 * mm, 32 * mm])
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BOX", (0, 0), (-1, -1), 1, colors.black)]
                              + [("SPAN", (1, r), (3, r)) for r in spans]))
    note = para("此表一式二份,一份由本人留存,一份存入本人档案;项目内容没有的要填写“无”。", s["small"])
    return [para("个人重大事项报告表", s["title"]), table, note]

