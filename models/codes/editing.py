"""The vocabularies a clerk may adapt (学历, 称谓, 考核结果 …): add an entry, switch one off or on,
change the order, restore the defaults. An entry is never renamed or removed: the records that
use it keep a value the archive still knows."""
from __future__ import annotations

from peewee import fn

from models.codes.lists import CODE_LISTS
from models.codes.tables import CodeItem
from models.errors import ValidationError
from models.storage.db import db
from models.values.reference import read_csv
from models.writing import services
from models.writing.actor import Actor

# Lists the program itself reads (状态 is the file's life cycle) or that are national codes.
FIXED = frozenset({"状态", *CODE_LISTS})


def editable_lists() -> list[str]:
    """The vocabularies of this archive a person may adapt, in the order of the defaults."""
    names = dict.fromkeys(row["list"] for row in read_csv("vocabularies.csv"))
    return [name for name in names if name not in FIXED]


def default_names(list_name: str) -> list[str]:
    return [row["value"] for row in read_csv("vocabularies.csv") if row["list"] == list_name]


def entries(list_name: str) -> list[CodeItem]:
    return list(CodeItem.live().where(CodeItem.list_name == list_name).order_by(CodeItem.sort_order, CodeItem.name))


def _editable(list_name: str) -> None:
    if list_name not in editable_lists():
        raise ValidationError.single("list_name", "代码表", f"“{list_name}”是国家标准或程序使用的代码表,不能修改")


def add_entry(actor: Actor, list_name: str, name: str) -> CodeItem:
    _editable(list_name)
    name = name.strip()
    if not name:
        raise ValidationError.single("name", "名称", "不能为空")
    if any(item.name == name for item in entries(list_name)):
        raise ValidationError.single("name", "名称", f"“{list_name}”中已有“{name}”(停用的可重新启用)")
    last = CodeItem.select(fn.MAX(CodeItem.sort_order)).where(CodeItem.list_name == list_name).scalar() or 0
    return services.create(actor, CodeItem, {"list_name": list_name, "name": name, "sort_order": last + 1}).record


def set_active(actor: Actor, item_id: str, active: bool) -> CodeItem:
    """A switched-off entry is no longer offered; records that have it keep it."""
    _editable(CodeItem.get_by_id(item_id).list_name)
    return services.update(actor, CodeItem, item_id, {"active": active}).record


def move_entry(actor: Actor, item_id: str, step: int) -> None:
    """One place up (-1) or down (+1) in the list offered."""
    item = CodeItem.get_by_id(item_id)
    _editable(item.list_name)
    listed = entries(item.list_name)
    index = next(i for i, other in enumerate(listed) if other.id == item_id)
    target = index + step
    if not 0 <= target < len(listed):
        return
    listed[index], listed[target] = listed[target], listed[index]
    _renumber(actor, listed)


def restore_defaults(actor: Actor, list_name: str) -> int:
    """The default entries back, switched on and in their order; entries added here stay, after
    them. Returns how many entries changed."""
    _editable(list_name)
    changed = 0
    with db.atomic():
        by_name = {item.name: item for item in entries(list_name)}
        for name in default_names(list_name):
            item = by_name.get(name)
            if item is None:
                services.create(actor, CodeItem, {"list_name": list_name, "name": name})
                changed += 1
            elif not item.active:
                services.update(actor, CodeItem, item.id, {"active": True})
                changed += 1
        order = {name: i for i, name in enumerate(default_names(list_name))}
        listed = sorted(entries(list_name), key=lambda item: (order.get(item.name, len(order)), item.sort_order))
        changed += _renumber(actor, listed)
    return changed


def _renumber(actor: Actor, listed: list[CodeItem]) -> int:
    changed = 0
    with db.atomic():
        for position, item in enumerate(listed):
            if item.sort_order != position:
                services.update(actor, CodeItem, item.id, {"sort_order": position})
                changed += 1
    return changed
