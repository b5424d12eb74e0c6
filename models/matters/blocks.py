"""The type-specific blocks of a report (宴请、丧事、出行、经商、住房): their fields and checks."""
from __future__ import annotations

import decimal
import json
from dataclasses import dataclass

from models.errors import FieldProblem, ValidationError


@dataclass(frozen=True)
class BlockField:
    key: str
    label: str
    kind: str = "text"  # text / int / money


BLOCKS: dict[str, tuple[BlockField, ...]] = {
    "banquet": (BlockField("tables", "桌数", "int"), BlockField("guests", "人数", "int"),
                BlockField("scope", "宴请范围"), BlockField("price_per_table", "标准(元/桌)", "money"),
                BlockField("total_cost", "总花费(元)", "money"), BlockField("gifts", "礼金礼品情况"),
                BlockField("vehicles", "用车情况")),
    "funeral": (BlockField("deceased", "逝世人"), BlockField("guests", "宴请人数", "int"),
                BlockField("scope", "宴请人员范围"), BlockField("gifts", "礼金礼品情况"),
                BlockField("vehicles", "用车情况")),
    "travel": (BlockField("destination", "前往地"), BlockField("days", "天数", "int"),
               BlockField("purpose", "事由"), BlockField("companions", "同行人员")),
    "business": (BlockField("kind", "经营形式"), BlockField("enterprise", "企业(个体)名称"),
                 BlockField("scope", "经营范围"), BlockField("capital", "投资额(元)", "money")),
    "housing": (BlockField("kind", "类别(购买/建房/出租)"), BlockField("address", "房屋地址"),
                BlockField("area", "面积(平方米)", "money"), BlockField("cost", "金额(元)", "money")),
}
BLOCK_NAMES = {"banquet": "宴请情况", "funeral": "丧事办理情况", "travel": "出行情况", "business": "经商办企业情况",
               "housing": "住房情况"}


def clean_details(block: str, values: dict) -> str | None:
    """The block's answers as JSON text; numbers checked; empty answers dropped."""
    fields = {f.key: f for f in BLOCKS.get(block, ())}
    clean, problems = {}, []
    for key, raw in values.items():
        field = fields.get(key)
        text = "" if raw is None else str(raw).strip()
        if field is None or not text:
            continue
        try:
            clean[key] = _number(field, text) if field.kind != "text" else text
        except ValueError:
            problems.append(FieldProblem(f"details.{key}", field.label, f"“{text}”应为数字"))
    if problems:
        raise ValidationError(problems)
    return json.dumps(clean, ensure_ascii=False, sort_keys=True) if clean else None


def _number(field: BlockField, text: str):
    if field.kind == "int":
        value = int(text)
    else:
        value = decimal.Decimal(text)
        if not value.is_finite():
            raise ValueError(text)
    if value < 0:
        raise ValueError(text)
    return value if field.kind == "int" else float(value)


def read_details(details: str | None) -> dict:
    return json.loads(details) if details else {}
