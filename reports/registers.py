"""干部人事档案查阅登记簿 and 借阅登记簿 (FORMS.md §5), landscape: every reading with the reader's 职务,
查档内容 and a 签名 column to sign in; every loan with its status, 逾期未还 marked."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from .base import para, styles
from .lists import list_table

ACCESS = ("查阅日期", "被查阅人", "查阅人（政治面貌、联系方式）", "查阅单位及职务", "查阅事由", "查档内容", "单位意见",
          "领导意见（批准人）/批示时间", "复制份数", "经办人", "查阅人签名")
ACCESS_WIDTHS = [w * mm for w in (10, 20, 16, 24, 30, 25, 27, 24, 28, 12, 13, 22)]  # 序号 first: 251 mm
LOANS = ("借出日期", "被借阅人", "借阅人", "借阅单位", "借阅事由", "应还日期", "归还日期", "状态", "批准人", "经办人",
         "借阅人签名")
LOAN_WIDTHS = [w * mm for w in (10, 20, 17, 17, 30, 36, 20, 20, 17, 16, 16, 32)]
BLANK_ROWS = 4


def register_book(d: dict) -> list:
    """``d``: access and loans (rows in the order above, without the signature) and whose book it is."""
    s = styles()
    signature = lambda rows: [row + [""] for row in rows]  # noqa: E731 (signed by hand on the paper)
    return [para("干部人事档案查阅登记簿", s["title"]), para(d["whose"], s["subtitle"]), Spacer(1, 2 * mm),
            list_table(list(ACCESS), signature(d["access"]), ACCESS_WIDTHS, numbered=True, one_line=(0,),
                       left=(3, 4, 5, 6), blank_rows=BLANK_ROWS, blank_height=10 * mm),
            PageBreak(), para("干部人事档案借阅登记簿", s["title"]), para(d["whose"], s["subtitle"]), Spacer(1, 2 * mm),
            list_table(list(LOANS), signature(d["loans"]), LOAN_WIDTHS, numbered=True, one_line=(0, 5, 6, 7),
                       left=(4,), blank_rows=BLANK_ROWS, blank_height=10 * mm)]
