"""干部人事档案材料转递单 in three parts on one sheet (FORMS.md §3): 存根 (kept by the sender), 转递单
(travels with the file) and 回执 (returned by the receiver), cut apart along dashed lines; each with
its sentence, the table of files and room to sign, seal and date."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from .base import para, styles, table_style
from .cells import Grid

CUT = "-" * 38 + "\u3000沿此线剪开\u3000" + "-" * 38
BLANK = "\u3000" * 6  # room to sign or seal by hand (kept: an ideographic space is printed as space)
WIDTHS = [w * mm for w in (22, 58, 30, 20, 20, 24)]


def _files(d: dict):
    grid = Grid(WIDTHS)
    grid.row([grid.label(h) for h in ("姓名", "单位及职务", "转递原因", "正本（卷）", "副本（卷）", "档案材料（份）")],
             height=10 * mm)
    # (the row grows to its text: a long post was shrunk to 7 pt in a fixed row)
    grid.row([grid.value(d["name"]), grid.value(d["post"], left=True), grid.value(d["reason"]),
              grid.value(d["originals"]), grid.value(d["duplicates"]), grid.value(d["materials"])])
    return grid.table()


SEAL_ROOM = 42 * mm  # a 40–42 mm round seal


def _signatures(who: str, day: str) -> list:
    """Who signs, on the left; the office's seal and the date on the right, in a space the seal fits."""
    s = styles()
    grid = Table([[para(f"{who}签名：", s["body"]), para(f"（机关盖章）\n\n{day}", s["right"])]],
                 colWidths=[sum(WIDTHS) / 2] * 2, rowHeights=[SEAL_ROOM])
    grid.setStyle(table_style([("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), "BOTTOM")]))
    return [Spacer(1, 2 * mm), grid, Spacer(1, 2 * mm)]


def transfer_slip(d: dict) -> list:
    """All three parts for the sending office; for a file received, the 回执 alone (the stub and
    the slip were the sender's)."""
    s = styles()
    number = f"{d['word']}字第{d['number']}号"
    counts = f"档案正本{d['originals']}卷，副本{d['duplicates']}卷，材料共{d['materials']}份"
    receipt = [para("回\u3000\u3000执", s["part"]), Spacer(1, 2 * mm), para(f"{d['sender']}：", s["body"]),
               para(f"\u3000\u3000你处于{d['date']}转来{number}{d['name']}等1名同志的{counts}，已全部收到，"
                    "现将回执退回。", s["body"])] + _signatures(  # dated when this office received the file
        "收件人", (d["incoming"] and d.get("receipt_date")) or "\u3000\u3000年\u3000\u3000月\u3000\u3000日")
    if d.get("incoming"):
        return receipt
    stub = [para("干部人事档案材料转递单（存根）", s["part"]), Spacer(1, 2 * mm),
            para(f"{d['date']}\u3000{d['name']}等1名同志的{counts}，已由{d['sender']}转往{d['counterpart']}。",
                 s["body"]),
            Spacer(1, 2 * mm), _files(d), Spacer(1, 2 * mm), para(f"{number}\u3000\u3000{d['date']}", s["body"])]
    slip = [para("干部人事档案材料转递单", s["part"]), para(number, s["center"]), Spacer(1, 2 * mm),
            para(f"{d['counterpart']}：", s["body"]),
            para(f"\u3000\u3000兹将{d['name']}等1名同志的档案材料转去，请按档案目录清单查收，并将回执及时退回。",
                 s["body"]),
            Spacer(1, 2 * mm), _files(d)] + _signatures("发件人", d["date"])
    cut = [Spacer(1, 2 * mm), para(CUT, s["small"]), Spacer(1, 2 * mm)]
    return stub + cut + slip + cut + receipt
