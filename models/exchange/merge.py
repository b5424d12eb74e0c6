"""What an incoming record does to the district's copy: new, unchanged, updated, deleted, or a
conflict — decided field by field from what each side *changed* since the last merge.

The township's changes are read from its own audit log, which its package carries: the entries
after the point the district anchored at its last import from that township. The district's are
its own writes to the record since it last merged it. A field only the township changed takes the
township's value; a field only the district changed — or one the two sides hold differently
because the district kept its value in an earlier conflict — keeps the district's; a field both
changed to different values is a conflict, decided by a person (the district's value unless the
township's is chosen), the losing value kept in the record's history and the audit log. A package
that changes nothing changes nothing, however often the township sends its old values again.

Only a *write* at the district (create, update, delete, restore) counts as a district change:
viewing, printing or exporting a file is logged but changes nothing. A package without a usable
history (format 1, a first contact, a township's new key) is merged by state, against the record
as the district's last merge left it (``classify_by_state``).
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

    def held(self) -> dict:
        """Field → the township's value, where the district's value stands instead."""
        held = {name: self.values.get(name) if name != DELETED else self.values.get("deleted_at") is not None
                for name in self.district_fields}
        held.update({c.field: c.township for c in self.conflicts if not c.take_township})
        return held

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


# -- what each side changed -------------------------------------------------------------------

def _changed_fields(action: str, changes: dict) -> set[str]:
    """The fields an audit entry of a write changed (a deletion or restore: the deleted state)."""
    if action in ("delete", "restore"):
        return {DELETED}
    return {name for name in changes if not name.startswith("__") or name == DELETED}


def township_changes(entries: list[dict], *, after_seq: int) -> dict[str, set[str]]:
    """Record id → the fields the township's own log says it wrote after ``after_seq``."""
    changed: dict[str, set[str]] = {}
    for entry in entries:
        if entry.get("seq", 0) > after_seq and entry.get("action") in WRITES and entry.get("record_id"):
            try:
                fields = _changed_fields(entry["action"], json.loads(entry.get("changes") or "{}"))
            except (ValueError, TypeError):
                continue  # (the chain was verified: a malformed entry is the township's own)
            changed.setdefault(entry["record_id"], set()).update(fields)
    return changed


def district_changes(record_ids: list[str]) -> dict[str, set[str]]:
    """Record id → the fields the district wrote since it last merged the record from a package."""
    changed: dict[str, set[str]] = {}
    for start in range(0, len(record_ids), CHUNK):
        entries = (AuditEntry.select(AuditEntry.record_id, AuditEntry.action, AuditEntry.changes)
                   .where(AuditEntry.record_id.in_(record_ids[start:start + CHUNK]) & AuditEntry.action.in_(WRITES))
                   .order_by(AuditEntry.seq))
        for entry in entries:
            if entry.action == "import":
                changed[entry.record_id] = set()  # merged: what came before is the common base
            else:
                changed.setdefault(entry.record_id, set()).update(_changed_fields(entry.action, json.loads(entry.changes)))
    return changed


@dataclass(frozen=True)
class Changes:
    """What each side changed of one record since the last merge."""

    township: frozenset
    district: frozenset


def classify(model, values: dict, local: dict | None, last_write: str | None, changes: Changes | None = None
             ) -> Planned:
    """What ``values`` does to ``local``: by what each side changed when ``changes`` is known,
    else by state."""
    if local is None:
        return Planned("deleted" if values.get("deleted_at") else "new", model, values, None)
    if local == values:
        return Planned("unchanged", model, values, local)
    if changes is not None:
        return _by_changes(model, values, local, changes)
    return classify_by_state(model, values, local, last_write)


def _by_changes(model, values: dict, local: dict, changes: Changes) -> Planned:
    theirs, ours = _content(model, values), _content(model, local)
    differing = {name for name in theirs if theirs[name] != ours[name]}
    township = set(changes.township)
    if theirs[DELETED] and not ours[DELETED]:
        township.add(DELETED)  # a deletion not yet confirmed at the district is offered again
    taken = differing & township - changes.district
    disputed = differing & township & changes.district
    if not taken and not disputed:
        return Planned("unchanged", model, values, local)  # the district's values stand
    planned = Planned("updated", model, values, local)
    for name in differing - taken - disputed:
        planned.district_fields[name] = ours[name]
    if disputed:
        labels = {f.name: f.verbose_name for f in data_fields(model)} | {DELETED: "删除状态"}
        base = base_state(model, values["id"])
        planned.conflicts = [FieldConflict(name, labels.get(name, name), base.get(name), ours[name], theirs[name])
                             for name in sorted(disputed)]
        planned.kind = "conflicts"
    elif DELETED in taken and theirs[DELETED]:
        planned.kind = "deleted"
    return planned


def classify_by_state(model, values: dict, local: dict, last_write: str | None) -> Planned:
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
