"""干部人事档案材料转递单 in three parts on one sheet: 存根, 转递单, 回执 (FORMS.md §3)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from .base import para, styles, table_style

CUT = "-" * 40 + " 沿此线剪开 " + "-" * 40
GAP = "\u3000"  # an ideographic space: kept where a form leaves room to sign (spaces collapse)


def _people(d: dict) -> Table:
    s = styles()
    rows = [[para(h, s["label"]) for h in ("姓名", "单位及职务", "转递原因", "正本(卷)", "副本(卷)", "档案材料(份)")],
            [para(d[k], s["center"]) for k in ("name", "post", "reason", "originals", "duplicates", "materials")]]
    table = Table(rows, colWidths=[w * mm for w in (22, 58, 30, 20, 20, 24)])
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def transfer_slip(d: dict) -> list:
    s = styles()
    number = f"{d['word']}字第{d['number']}号"
    stub = [para("干部人事档案材料转递单(存根)", s["heading"]),
            para(f"{d['date']} {d['name']}等1名同志的档案正本{d['originals']}卷,副本{d['duplicates']}卷,"
                 f"材料共{d['materials']}份,已由{d['sender']}转往{d['counterpart']}。", s["body"]),
            _people(d), para(f"{number}{GAP * 4}{d['date']}", s["body"])]
    slip = [para("干部人事档案材料转递单", s["heading"]), para(number, s["body"]),
            para(f"{d['counterpart']}:兹将{d['name']}等1名同志的档案材料转去,请按档案目录清单查收,"
                 "并将回执及时退回。", s["body"]), _people(d),
            para(f"发件人签名:{GAP * 6}机关盖章:{GAP * 6}{d['month_day']}", s["body"])]
    receipt = [para("回    执", s["heading"]),
               para(f"{d['sender']}:你处于{d['date']}转来{number}{d['name']}等1名同志的档案正本{d['originals']}卷,"
                    f"副本{d['duplicates']}卷,材料共{d['materials']}份,已全部收到,现将回执退回。", s["body"]),
               para(f"收件人签名:{GAP * 6}机关盖章:{GAP * 6}{GAP * 2}月{GAP * 2}日", s["body"])]
    cut = para(CUT, s["small"])
    return [para("干部人事档案材料转递单", s["title"])] + stub + [Spacer(1, 4 * mm), cut, Spacer(1, 4 * mm)] + slip \
        + [Spacer(1, 4 * mm), cut, Spacer(1, 4 * mm)] + receipt

