"""The code tables: seeded from the shipped defaults, then edited in the archive; read by name."""
from __future__ import annotations

from models.codes.tables import CodeItem, MaterialCategory
from models.storage import memo
from models.storage.record import live_exists
from models.values.reference import read_csv
from models.writing import services
from models.writing.actor import Actor
from models.writing.rules import problem

CODE_LISTS = {"民族": "ethnic_groups.csv", "性别": "sex.csv"}
CODED_FIELDS = {"sex": "性别", "ethnicity": "民族"}  # a file's fields stored as a code, shown by name


def seed_catalogues(actor: Actor) -> None:
    """Load ethnic groups, sex codes, vocabularies and material categories."""
    for list_name, file_name in CODE_LISTS.items():
        for order, row in enumerate(read_csv(file_name)):
            services.create(actor, CodeItem, {"list_name": list_name, "code": row["code"],
                                              "name": row["name"], "sort_order": order})
    for order, row in enumerate(read_csv("vocabularies.csv")):
        services.create(actor, CodeItem, {"list_name": row["list"], "name": row["value"], "sort_order": order})
    for order, row in enumerate(read_csv("material_categories.csv")):
        services.create(actor, MaterialCategory, {"code": row["code"], "parent": row["parent"] or None,
                                                  "name": row["name"], "sort_order": order})


def code_names(list_name: str) -> list[str]:
    """The active names of a code list or vocabulary, in order."""
    query = (CodeItem.live().where((CodeItem.list_name == list_name) & CodeItem.active)
             .order_by(CodeItem.sort_order))
    return [item.name for item in query]


def code_map(list_name: str) -> dict[str, str]:
    """code → name of a coded list (民族, 性别), read once per batch (a dossier's forms each ask)."""
    query = CodeItem.live().where(CodeItem.list_name == list_name).order_by(CodeItem.sort_order)
    return memo.remembered(("code map", list_name), lambda: {item.code: item.name for item in query})


def in_code_list(model, merged, name, list_name, problems, *, by="code") -> None:
    """A rule of the write path: the value of ``name`` is a live entry of the code list."""
    value = merged.get(name)
    if value is None:
        return
    if not live_exists(CodeItem, list_name=list_name, **{by: value}):
        problems.append(problem(model, name, f"“{value}”不在代码表“{list_name}”中"))


def shown_code(field_name: str, value):
    """A coded field's value as the clerk reads it (汉族, not 01); any other value as it is."""
    list_name = CODED_FIELDS.get(field_name)
    return code_map(list_name).get(value, value) if list_name and value else value
