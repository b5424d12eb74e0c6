"""数据交换包接收回执: who sent the package, when, what it held and what the import did with it."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .base import para, styles
from .lists import list_table

COUNTS = (("new", "新增"), ("updated", "更新"), ("unchanged", "未变"), ("conflicts", "冲突（保留区县版本，待核对）"),
          ("deleted", "删除（转为回收站记录）"))
ROOM = "\u3000" * 8  # to seal by hand


def exchange_receipt(d: dict) -> list:
    s = styles()
    facts = [["报送乡镇", d["township"]], ["交换包序号", str(d["sequence"])], ["生成时间", d["created_at"]],
             ["导入时间", d["imported_at"]], ["导入人", d["imported_by"]], ["校验值（SHA-256）", d["sha256"]]]
    counts = [[label, str(d["counts"].get(key, 0))] for key, label in COUNTS]
    return [para("数据交换包接收回执", s["title"]),
            list_table(["项目", "内容"], facts, [44 * mm, 130 * mm], left=(1,)), Spacer(1, 4 * mm),
            list_table(["记录", "条数"], counts, [130 * mm, 44 * mm], left=(0,)), Spacer(1, 14 * mm),
            para(f"接收单位（盖章）{ROOM}年\u3000\u3000月\u3000\u3000日", s["body"])]
