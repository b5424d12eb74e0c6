"""个人重大事项报告表 (one per report): the person, the matter, the type's block in the order of the
official form (操办婚礼 事前/事后, 操办葬礼 …), and the signature block with room to sign and seal:
报告人, 受理人, 党委 (审核意见, 负责人签字盖章) and 纪委 (婚丧喜庆 go to both)."""
from __future__ import annotations

from reportlab.lib.units import mm

from .base import para, styles
from .cells import Grid

WIDTHS = [w * mm for w in (24, 36, 20, 30, 26, 38)]
SEAL = "年\u3000\u3000月\u3000\u3000日"


def matter_form(d: dict) -> list:
    s = styles()
    grid = Grid(WIDTHS)
    L, V = grid.label, grid.value
    grid.row([L("姓  名"), V(d["name"]), L("性  别"), V(d["sex"]), L("年  龄"), V(str(d["age"]))], height=10 * mm)
    grid.row([L("政治面貌"), V(d["political_status"]), L("联系电话"), V(d["phone"], span=3)], height=10 * mm)
    grid.row([L("工作单位\n及职务"), V(f"{d['unit']} {d['post']}".strip(), span=5, left=True)], height=12 * mm)
    spouse = d.get("spouse") or {}
    grid.row([L("配偶姓名"), V(spouse.get("name", "")), L("单位职务"), V(spouse.get("post", ""), span=1),
              L("政治面貌"), V(spouse.get("political_status", ""))], height=10 * mm)
    grid.row([L("报告类别"), V(d["kind"]), L("事前/事后"), V(d["timing"]), L("事项时间"), V(d["matter_date"])],
             height=10 * mm)
    grid.row([L("报告事项"), V(d["matter"], span=5, left=True)], height=10 * mm)
    grid.row([L("地  点"), V(d["place"], span=5, left=True)], height=10 * mm)
    grid.row([L("涉及人员"), V(d["persons"], span=3, left=True), L("与本人关系"), V(d["relation"])], height=10 * mm)
    grid.row([L("事项内容"), V(d["content"], span=5, left=True)], height=18 * mm)
    for label, value in d["block"]:
        grid.row([L(label, span=2), V(value, span=4, left=True)], height=9 * mm)
    if d.get("punctuality"):  # what the register says: the paper and the archive never disagree
        due, state = d["punctuality"]
        grid.row([L("截止时间"), V(due), L("是否按期"), V(state, span=3, left=True)], height=10 * mm)
    if d["late_reason"]:
        grid.row([L("逾期说明"), V(d["late_reason"], span=5, left=True)], height=12 * mm)
    grid.row([L("报告人签名"), V("", span=3), L("报告时间"), V(d["report_date"] or SEAL)], height=12 * mm)
    grid.row([L("受 理 人"), V(d["received_by"], span=3), L("受理时间"), V(d["received_on"] or SEAL)], height=12 * mm)
    opinion = "\n".join(filter(None, (d["review_opinion"], d["review_result"] and f"审核结果:{d['review_result']}")))
    room = "\u3000" * 6  # to sign and seal
    grid.row([L("党委审核\n意    见"), V(f"{opinion}\n\n党委负责人签字(盖章):{room}{SEAL}", span=5, left=True)],
             height=30 * mm)
    grid.row([L("纪委意见"), V(f"\n\n(盖章){room}{SEAL}", span=5, left=True)], height=22 * mm)
    age_at = f"计算年龄时间:{d['age_at']}。" if d["age_at"] else ""
    note = para(f"{age_at}此表一式二份,一份由本人留存,一份存入本人档案;手工填写时项目内容没有的要填写“无”。",
                s["small"])
    title = [para("个人重大事项报告表", s["title"])]
    if d.get("draft"):  # printed to be checked, never to be filed: said where no one can miss it
        title.append(para(DRAFT_MARK, s["draft"]))
    return [*title, grid.table(split=True), note]


DRAFT_MARK = "草稿 — 未提交(仅供核对,不作已报告的凭证)"
