"""Turning user input into clean field values, per field type, with Chinese messages.

``clean_record`` is the one entry point the services call. Field types (see ``storage.record``)
decide the generic checks; the rules each package registers (``rules.RULES``, ``rules.UNIQUE``)
add the checks between fields of one kind of record and across the archive.
"""
from __future__ import annotations

import datetime as dt
import decimal
import json

from peewee import BooleanField, CharField, DateField, DecimalField, Field, ForeignKeyField, IntegerField, TextField

from models.errors import FieldProblem, ValidationError
from models.storage.record import (IdNumberField, MemoField, NameField, PartialDateField, PhoneField, data_fields,
                                   editable_fields, live_exists)
from models.values import clock, dates, idcard, text
from models.writing.rules import RULES, UNIQUE


def label_of(field: Field) -> str:
    return field.verbose_name or field.name


def _problem(field: Field, message: str) -> ValidationError:
    return ValidationError.single(field.name, label_of(field), message)




def _clean_full_date(field: Field, raw):
    value = dates.read_day(raw)
    if value is None:
        raise _problem(field, f"“{raw}”不是完整的日期,请按“2026-01-31”的格式填写")
    if not 1900 <= value.year <= 2100:
        raise _problem(field, f"“{raw}”的年份不在1900—2100之间")
    return value


def _clean_integer(field: Field, raw) -> int:
    if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
        raise _problem(field, f"“{raw}”应为整数")
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) else raw
    except ValueError:
        raise _problem(field, f"“{raw}”应为整数") from None
    if not -10**9 < value < 10**9:
        raise _problem(field, f"“{raw}”超出了允许的范围")
    return value


def _clean_decimal(field: DecimalField, raw) -> decimal.Decimal:
    try:
        value = decimal.Decimal(str(raw).strip())
    except decimal.InvalidOperation:
        raise _problem(field, f"“{raw}”应为数字") from None
    if not value.is_finite() or value < 0 or value >= 10 ** (field.max_digits - field.decimal_places):
        raise _problem(field, f"“{raw}”超出了允许的范围")
    return value.quantize(decimal.Decimal(1).scaleb(-field.decimal_places))


def _clean_bool(field: Field, raw) -> bool:
    if isinstance(raw, bool):
        return raw
    if raw in (0, 1):
        return bool(raw)
    mapping = {"是": True, "否": False, "true": True, "false": False}
    if str(raw).strip().lower() in mapping:
        return mapping[str(raw).strip().lower()]
    raise _problem(field, f"“{raw}”应为“是”或“否”")


def _clean_text(field: Field, raw):
    if isinstance(raw, (dict, list)):
        raw = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    if not isinstance(raw, str):
        raw = str(raw)
    max_length = getattr(field, "max_length", None) or 20000
    return text.clean_text(raw, field=field.name, label=label_of(field), max_length=max_length,
                           multiline=isinstance(field, (MemoField, TextField)))


def _clean_foreign_key(field: ForeignKeyField, raw) -> str:
    target = field.rel_model
    key = raw.id if isinstance(raw, target) else str(raw)
    if not live_exists(target, id=key):
        raise _problem(field, "所选的记录不存在或已删除")
    return key


def clean_value(field: Field, raw, *, today: dt.date):
    """One field's value from user input; ``None`` for empty; raises ValidationError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(field, NameField):
        return text.clean_name(raw if isinstance(raw, str) else str(raw), field=field.name,
                               label=label_of(field), required=False)
    if isinstance(field, PhoneField):
        return text.clean_phone(str(raw), field=field.name, label=label_of(field))
    if isinstance(field, IdNumberField):
        return idcard.parse(str(raw), today=today).number
    if isinstance(field, PartialDateField):
        return dates.parse_partial(str(raw), field=field.name, label=label_of(field), today=today)
    if isinstance(field, ForeignKeyField):
        return _clean_foreign_key(field, raw)
    if isinstance(field, DateField):
        return _clean_full_date(field, raw)
    if isinstance(field, BooleanField):
        return _clean_bool(field, raw)
    if isinstance(field, IntegerField):
        return _clean_integer(field, raw)
    if isinstance(field, DecimalField):
        return _clean_decimal(field, raw)
    if isinstance(field, (CharField, TextField)):
        return _clean_text(field, raw)
    raise _problem(field, "无法识别的字段类型")


def _required(field: Field) -> bool:
    return not field.null and field.default is None


def clean_fields(model, data: dict, *, creating: bool, today: dt.date) -> tuple[dict, list[FieldProblem]]:
    """Clean every given field; collect all problems instead of stopping at the first."""
    fields = {f.name: f for f in editable_fields(model)}
    clean, problems = {}, []
    for key, raw in data.items():
        field = fields.get(key)
        if field is None:
            problems.append(FieldProblem(str(key), str(key), "不是可以填写的项目"))
            continue
        try:
            clean[key] = clean_value(field, raw, today=today)
        except ValidationError as error:
            problems.extend(error.problems)
            continue
        if clean[key] is None and field.default is not None:
            clean[key] = field.default() if callable(field.default) else field.default
        elif clean[key] is None and _required(field):
            problems.append(FieldProblem(key, label_of(field), "不能为空"))
    if creating:
        for name, field in fields.items():
            if name not in data and _required(field):
                problems.append(FieldProblem(name, label_of(field), "不能为空"))
    return clean, problems


def clean_record(model, data: dict, *, existing=None, today: dt.date | None = None):
    """Clean ``data`` for a new record (``existing`` None) or as changes to ``existing``.

    Returns ``(clean, warnings)``; raises ValidationError listing every problem found.
    """
    if not isinstance(data, dict):
        raise ValidationError.single("", "数据", "格式不正确")
    today = today or clock.today()
    clean, problems = clean_fields(model, data, creating=existing is None, today=today)
    warnings: list[FieldProblem] = []
    if not problems and model in RULES:
        merged = _merged(model, existing, clean)
        RULES[model](merged, clean, existing, problems, warnings, today)
    if not problems and model in UNIQUE:
        UNIQUE[model](_merged(model, existing, clean), existing, problems)
    if problems:
        raise ValidationError(problems)
    return clean, warnings


def _merged(model, existing, clean: dict) -> dict:
    values = {f.name: getattr(existing, f.name) if existing else None for f in data_fields(model)}
    if existing is not None:
        for f in data_fields(model):
            if isinstance(f, ForeignKeyField):
                values[f.name] = getattr(existing, f.column_name)
    values.update(clean)
    return values


def check_imported(model, values: dict, *, today: dt.date | None = None) -> list[FieldProblem]:
    """The checks a typed record passes, for a record a package brings: every field's value and
    the rules between the fields of the record (not the rules across the archive: the same ID
    number in two townships is a transfer to show, not a record to refuse). References are
    checked by the importer, which knows what the package itself holds."""
    today = today or clock.today()
    problems: list[FieldProblem] = []
    typed = {}
    for field in editable_fields(model):
        raw = values.get(field.name)
        if isinstance(field, ForeignKeyField):
            typed[field.name] = raw
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if _required(field) and field.default is None:
                problems.append(FieldProblem(field.name, label_of(field), "不能为空"))
            typed[field.name] = raw
            continue
        try:
            typed[field.name] = clean_value(field, raw, today=today)
        except ValidationError as error:
            problems.extend(error.problems)
    if not problems and model in RULES:
        RULES[model](dict(typed), {}, None, problems, [], today)
    return problems
