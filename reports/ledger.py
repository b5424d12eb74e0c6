"""个人重大事项报告登记台账 (landscape): 序号 and the ledger's columns, ID numbers masked on one line."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .base import para, styles
from .lists import list_table

# 序号 + 报告时间 乡镇 村(社区) 姓名 身份证号 报告类别 事项 事前/事后 事项时间 截止时间 是否按期 状态 审核结果: 261 mm
WIDTHS = [w * mm for w in (10, 19, 18, 20, 15, 33, 16, 30, 12, 19, 19, 18, 12, 20)]
ONE_LINE = (0, 4, 8, 9)  # 报告时间, 身份证号, 事项时间, 截止时间
LEFT = (6,)  # 事项


def ledger_form(d: dict) -> list:
    """``d``: period (what the list holds), headers, rows (ID numbers already masked)."""
    s = styles()
    return [para("个人重大事项报告登记台账", s["title"]), para(d["period"], s["subtitle"]), Spacer(1, 2 * mm),
            list_table(d["headers"], d["rows"], WIDTHS, numbered=True, one_line=ONE_LINE, left=LEFT)]
