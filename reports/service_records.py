"""The dossier's lists of 培训情况 and 任职情况 (training and appointments), one row each."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .base import para, styles
from .lists import list_table

TRAINING = ("起止时间", "培训名称", "主办单位", "学时", "天数")
TRAINING_WIDTHS = [w * mm for w in (10, 36, 60, 40, 14, 14)]  # 序号 first: 174 mm
APPOINTMENTS = ("职务", "任职时间", "免职时间", "届次", "任职方式", "文号", "一肩挑")
APPOINTMENT_WIDTHS = [w * mm for w in (10, 44, 18, 18, 18, 18, 34, 14)]


def service_records(d: dict) -> list:
    """``d``: name, unit, training and appointments (rows in the order of the columns above)."""
    s = styles()
    return [para("培训及任职情况", s["title"]), para(f"{d['name']}\u3000\u3000{d['unit']}", s["subtitle"]),
            Spacer(1, 3 * mm), para("一、培训情况", s["heading"]), Spacer(1, 1 * mm),
            list_table(list(TRAINING), d["training"], TRAINING_WIDTHS, numbered=True, one_line=(0,), left=(1, 2),
                       blank_rows=0 if d["training"] else 2, blank_height=8 * mm),
            Spacer(1, 5 * mm), para("二、任职情况", s["heading"]), Spacer(1, 1 * mm),
            list_table(list(APPOINTMENTS), d["appointments"], APPOINTMENT_WIDTHS, numbered=True, one_line=(1, 2),
                       left=(0, 5), blank_rows=0 if d["appointments"] else 2, blank_height=8 * mm)]
