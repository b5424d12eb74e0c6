"""The type-specific blocks of a report (宴请、丧事、出行、经商、住房): the one table of their fields,
with labels, order and kind, used by the report editor, the file's report view and the printed
form alike; and the answers of a centralised report, one per matter type.

Answers are kept as JSON text in ``MatterReport.details``: numbers as numbers, money as canonical
decimal text ("1200.50"), never a float.
"""
from __future__ import annotations

import decimal
import json
from dataclasses import dataclass

from models.errors import FieldProblem, ValidationError
from models.values.money import money_stored, money_text, parse_money


@dataclass(frozen=True)
class BlockField:
    key: str
    label: str
    kind: str = "text"  # text / int / number (e.g. an area) / money (元)


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
                BlockField("area", "面积(平方米)", "number"), BlockField("cost", "金额(元)", "money")),
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
            clean[key] = _typed(field, text)
        except ValueError:
            problems.append(FieldProblem(f"details.{key}", field.label, f"“{text}”{_KIND_HINTS[field.kind]}"))
    if problems:
        raise ValidationError(problems)
    return json.dumps(clean, ensure_ascii=False, sort_keys=True) if clean else None


_KIND_HINTS = {"int": "应为整数", "number": "应为数字", "money": "应为金额(元,最多两位小数)"}


def _typed(field: BlockField, text: str):
    if field.kind == "text":
        return text
    if field.kind == "money":
        return money_stored(parse_money(text))
    if field.kind == "int":
        value = int(text)
        if value < 0:
            raise ValueError(text)
        return value
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite() or number < 0:
        raise ValueError(text)
    return format(number.normalize(), "f")


def read_details(details: str | None) -> dict:
    return json.loads(details) if details else {}


def shown(field: BlockField, value) -> str:
    """A stored answer as a person reads it: money as the forms write it, never "1200.0"."""
    if field.kind == "money":
        return money_text(value)
    if field.kind in ("int", "number") and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def block_rows(block: str, details: str | None) -> list[tuple[str, str]]:
    """(label, text) of the filled fields of a type-specific block, in the table's order; an
    answer under a key the table does not know (an older version's) is kept, under its key."""
    values = read_details(details)
    fields = BLOCKS.get(block, ())
    rows = [(f.label, shown(f, values[f.key])) for f in fields if values.get(f.key) not in (None, "")]
    known = {f.key for f in fields}
    return rows + [(key, str(value)) for key, value in values.items() if key not in known and value not in (None, "")]


def answer_rows(details: str | None, type_names: dict[str, str]) -> list[tuple[str, str]]:
    """(matter type, answer) of a centralised report, in the order of ``type_names`` (code → name)."""
    answers = read_details(details)
    ordered = [code for code in type_names if code in answers] + [code for code in answers if code not in type_names]
    return [(type_names.get(code, code), str(answers[code])) for code in ordered]
