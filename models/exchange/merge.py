"""What an incoming record does to the district's copy: new, unchanged, updated, deleted, or a
conflict — decided against the state of the last merge, field by field.

Only a *write* at the district (create, update, delete, restore) can make a conflict: viewing,
printing or exporting a file is logged but changes nothing. When both sides changed the record
since the last merge, each field is merged on its own: a field only one side changed takes that
side's value; a field both changed to different values is a conflict, decided by a person
(the district's value is kept unless the township's is chosen), and the losing value stays in the
record's history and the audit log.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from peewee import fn

from models.storage.db import db
from models.storage.record import data_fields
from models.writing import audit
from models.writing.audit import AuditEntry

WRITES = ("create", "update", "delete", "restore", "import")
BOOKKEEPING = ("id", "created_at", "modified_at", "version", "origin", "deleted_at", "deleted_by")
DELETED = "__deleted"
CHUNK = 500


@dataclass
class FieldConflict:
    field: str
    label: str
    base: object  # the value at the last merge
    district: object
    township: object
    take_township: bool = False

    @property
    def kept(self):
        return self.township if self.take_township else self.district

    @property
    def lost(self):
        return self.district if self.take_township else self.township

    def as_dict(self) -> dict:
        return {"field": self.field, "label": self.label, "base": self.base, "district": self.district,
                "township": self.township, "kept": "township" if self.take_township else "district"}


@dataclass
class Planned:
    kind: str  # new / updated / unchanged / conflicts / deleted
    model: type
    values: dict  # as it arrived (matter types and campaigns mapped to the district's)
    local: dict | None  # the district's copy, JSON-normalised
    district_fields: dict = field(default_factory=dict)  # fields the district changed and keeps
    conflicts: list[FieldConflict] = field(default_factory=list)

    def merged(self) -> dict:
        """The values to write: the township's, with the district's own changes and choices."""
        values = dict(self.values)
        values.update(self.district_fields)
        for conflict in self.conflicts:
            values[conflict.field] = conflict.kept
        if DELETED in values:
            deleted = values.pop(DELETED)
            if not deleted:
                values["deleted_at"] = values["deleted_by"] = None
            elif not values.get("deleted_at"):
                values["deleted_at"], values["deleted_by"] = self.local["deleted_at"], self.local["deleted_by"]
        return values


def normalised(row: dict) -> dict:
    return json.loads(audit.to_json(row))


def local_state(model, ids: list[str]) -> tuple[dict[str, dict], dict[str, str]]:
    """The district's copies of these records, and the last *write* to each (views, prints and
    exports left out), in a few queries for the whole table rather than two per record."""
    rows, last_writes = {}, {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for row in db.execute_sql(_select_by_ids(model, len(chunk), db.param), chunk):
            values = {f.name: f.python_value(value) for f, value in zip(model._meta.sorted_fields, row)}
            rows[values["id"]] = normalised(values)
        present = [i for i in chunk if i in rows]
        if present:
            last = (AuditEntry.select(fn.MAX(AuditEntry.seq))
                    .where(AuditEntry.record_id.in_(present) & AuditEntry.action.in_(WRITES))
                    .group_by(AuditEntry.record_id))
            query = AuditEntry.select(AuditEntry.record_id, AuditEntry.action).where(AuditEntry.seq.in_(last))
            last_writes.update({entry.record_id: entry.action for entry in query})
    return rows, last_writes


@functools.cache  # per engine: its placeholder is part of the key
def _select_by_ids(model, count: int, param: str) -> str:
    """Plain SQL: peewee building an IN list of hundreds of ids was a tenth of an import."""
    columns = ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields)
    return f'SELECT {columns} FROM "{model._meta.table_name}" WHERE "id" IN ({", ".join([param] * count)})'


def _content(model, values: dict) -> dict:
    content = {f.name: values.get(f.name) for f in data_fields(model)}
    content[DELETED] = values.get("deleted_at") is not None
    return content


def base_state(model, record_id: str) -> dict:
    """The record as the last merge left it, rebuilt from the district's audit log."""
    state: dict = {DELETED: False}
    entries = (AuditEntry.select(AuditEntry.action, AuditEntry.changes)
               .where((AuditEntry.record_id == record_id) & AuditEntry.action.in_(WRITES))
               .order_by(AuditEntry.seq))
    merged_state = dict(state)
    for entry in entries:
        if entry.action in ("delete", "restore"):
            state[DELETED] = entry.action == "delete"
        else:
            for name, change in json.loads(entry.changes).items():
                if (not name.startswith("__") or name == DELETED) and isinstance(change, list) and len(change) == 2:
                    state[name] = change[1]
        if entry.action == "import":
            merged_state = dict(state)
    return {f.name: merged_state.get(f.name) for f in data_fields(model)} | {DELETED: merged_state[DELETED]}


def classify(model, values: dict, local: dict | None, last_write: str | None) -> Planned:
    if local is None:
        return Planned("deleted" if values.get("deleted_at") else "new", model, values, None)
    if local == values:
        return Planned("unchanged", model, values, local)
    if last_write == "import":  # the district has not written it since the last merge
        kind = "deleted" if values.get("deleted_at") and not local.get("deleted_at") else "updated"
        return Planned(kind, model, values, local)
    return _three_way(model, values, local)


def _three_way(model, values: dict, local: dict) -> Planned:
    base = base_state(model, values["id"])
    theirs, ours = _content(model, values), _content(model, local)
    township_changed = {name for name, value in theirs.items() if value != base.get(name)}
    district_changed = {name for name, value in ours.items() if value != base.get(name)}
    if not township_changed:
        return Planned("unchanged", model, values, local)  # only the district changed it: its version stays
    labels = {f.name: f.verbose_name for f in data_fields(model)} | {DELETED: "删除状态"}
    planned = Planned("updated", model, values, local)
    for name in district_changed - township_changed:
        planned.district_fields[name] = ours[name]
    for name in sorted(township_changed & district_changed):
        if theirs[name] != ours[name]:
            planned.conflicts.append(FieldConflict(name, labels.get(name, name), base.get(name), ours[name], theirs[name]))
    if planned.conflicts:
        planned.kind = "conflicts"
    elif theirs[DELETED] and not ours[DELETED]:
        planned.kind = "deleted"
    return planned
