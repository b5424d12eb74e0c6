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
    timing: str | None = None  # "事前" or "事后" when the official form asks it only then
    # printed on the form of the other timing only when answered (the official form of
    # ``printed_after`` asks it; a report may still hold it, and nothing held is left unprinted)
    printed_after: bool = False
    before_label: str | None = None  # its label on a 事前 form, where the official one differs

    def label_for(self, timing: str | None) -> str:
        """Its label on a report of ``timing`` (拟宴请人数 before the event, 宴请人数 after)."""
        return self.before_label if timing == "事前" and self.before_label else self.label


_F = BlockField
BEFORE, AFTER = "事前", "事后"

# The official 操办婚礼 事前/事后 and 操办葬礼 forms (FORMS.md §4), in their order; the matter's date,
# place and persons (结婚人/逝世人 与本人关系) are the report's own fields.
BLOCKS: dict[str, tuple[BlockField, ...]] = {
    "banquet": (
        _F("registration_date", "婚姻登记时间", timing=BEFORE), _F("same_city", "是否同城/同地合办", timing=BEFORE),
        _F("venue", "宴请场所名称"), _F("venue_address", "宴请场所地址"),
        _F("guests", "宴请人数", "int", before_label="拟宴请人数"), _F("tables", "桌数", "int"),
        _F("price_per_table", "宴请标准（元/桌）", "money"), _F("scope", "宴请人员范围"),
        _F("total_cost", "宴请费用合计（元）", "money", AFTER),
        _F("planned_vehicles", "拟用婚礼车辆数及来源", timing=BEFORE),
        _F("vehicle_count", "婚礼用车数量", "int", AFTER), _F("public_vehicles", "其中公车数量", "int", AFTER),
        _F("vehicles", "用车情况", printed_after=True),
        _F("partner", "结婚人配偶姓名、单位职务", timing=BEFORE),
        _F("partner_parents", "结婚人配偶父母姓名、单位职务", timing=BEFORE),
        _F("gifts", "礼金礼品情况", printed_after=True),
        _F("irregular_money", "不符合规定收受礼金（元）", "money", AFTER),
        _F("irregular_gifts", "不符合规定收受礼品件数", "int", AFTER),
        _F("disposal", "违规收受礼金礼品处置情况", timing=AFTER), _F("other_violation", "有否其他违诺行为", timing=AFTER),
        _F("other", "其他需要说明的事项")),
    "funeral": (
        _F("deceased", "逝世人姓名"), _F("deceased_relation", "与本人关系"), _F("venue", "葬礼地点"),
        _F("guests", "宴请人数", "int"), _F("venue_address", "宴请场所名称、地址"), _F("scope", "宴请人员范围"),
        _F("vehicle_count", "葬礼用车数量", "int"), _F("public_vehicles", "其中公车数量", "int"),
        _F("vehicles", "用车情况"), _F("gifts", "礼金礼品情况"),
        _F("irregular_money", "不符合规定收受礼金（元）", "money"), _F("irregular_gifts", "不符合规定收受礼品件数", "int"),
        _F("disposal", "处置情况"), _F("other_violation", "有否其他违规行为"), _F("other", "其他需要说明事项")),
    "travel": (_F("destination", "前往地"), _F("days", "天数", "int"), _F("purpose", "事由"),
               _F("companions", "同行人员")),
    "business": (_F("kind", "经营形式"), _F("enterprise", "企业（个体）名称"), _F("scope", "经营范围"),
                 _F("capital", "投资额（元）", "money")),
    "housing": (_F("kind", "类别（购买/建房/出租）"), _F("address", "房屋地址"), _F("area", "面积（平方米）", "number"),
                _F("cost", "金额（元）", "money")),
}
BLOCK_NAMES = {"banquet": "宴请情况", "funeral": "丧事办理情况", "travel": "出行情况", "business": "经商办企业情况",
               "housing": "住房情况"}


def block_fields(block: str, timing: str | None = None) -> tuple[BlockField, ...]:
    """The fields of a block a report of this timing has (all of them when not known)."""
    return tuple(f for f in BLOCKS.get(block, ()) if f.timing is None or timing is None or f.timing == timing)


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


_KIND_HINTS = {"int": "应为整数", "number": "应为数字", "money": "应为金额（元，最多两位小数）"}


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


def block_rows(block: str, details: str | None, *, timing: str | None = None,
               every_field: bool = False) -> list[tuple[str, str]]:
    """(label, text) of the filled fields of a type-specific block, in the table's order; an
    answer under a key the table does not know (an older version's) is kept, under its key.
    ``every_field``: the printed form's rows — every field of the block for ``timing``, empty
    where the report has no answer."""
    values = read_details(details)
    fields = block_fields(block, timing) if every_field else BLOCKS.get(block, ())
    before = every_field and timing == BEFORE  # the printed 事前 form: its own labels and questions
    rows = [(f.label_for(timing if every_field else None),
             shown(f, values[f.key]) if values.get(f.key) not in (None, "") else "") for f in fields
            if values.get(f.key) not in (None, "") or (every_field and not (before and f.printed_after))]
    known = {f.key for f in fields}
    return rows + [(key, str(value)) for key, value in values.items() if key not in known and value not in (None, "")]


def answer_rows(details: str | None, type_names: dict[str, str], *, every_type: bool = False) -> list[tuple[str, str]]:
    """(matter type, answer) of a centralised report, in the order of ``type_names`` (code → name);
    ``every_type``: a type the report does not answer is listed too, its answer empty (the printed
    form lists them all)."""
    answers = read_details(details)
    ordered = [code for code in type_names if every_type or code in answers]
    ordered += [code for code in answers if code not in type_names]
    return [(type_names.get(code, code), str(answers.get(code, ""))) for code in ordered]
