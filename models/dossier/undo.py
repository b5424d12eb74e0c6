"""撤销上一次保存: the last save of a personnel file taken back, from the file's own history.

Every save of a file ends with a marker in the audit log naming the entries it wrote (see
``saving._mark_save``). Each of those is reversed through the write path — an update set back,
a new row to the recycle bin, a removed row restored — so the undo is audited like any change,
and one more entry names the save it took back: a second undo takes back the save before.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from models.dossier.saving import FILE_TABLE_BY_NAME, SAVE
from models.errors import ArchiveError, ConflictError
from models.storage import settings
from models.storage.db import db
from models.writing import audit, services
from models.writing.actor import Actor, require
from models.writing.audit import AuditEntry

UNDO = "undo"


@dataclass(frozen=True)
class LastSave:
    marker: AuditEntry
    entries: list[AuditEntry]  # newest first

    def describe(self) -> str:
        return "、".join(dict.fromkeys(entry.summary for entry in reversed(self.entries)))


def _undone(secretary_id: str) -> set[int]:
    markers = AuditEntry.select().where((AuditEntry.action == UNDO) & (AuditEntry.record_id == secretary_id))
    return {json.loads(marker.changes or "{}").get("save") for marker in markers}


def last_save(secretary_id: str) -> LastSave | None:
    """The newest save of the file not yet undone, or None."""
    undone = _undone(secretary_id)
    for marker in (AuditEntry.select().where((AuditEntry.action == SAVE) & (AuditEntry.record_id == secretary_id))
                   .order_by(AuditEntry.seq.desc())):
        if marker.seq in undone:
            continue
        first, last = json.loads(marker.changes)["entries"]
        entries = list(AuditEntry.select().where(AuditEntry.seq.between(first, last) & (AuditEntry.table != ""))
                       .order_by(AuditEntry.seq.desc()))
        return LastSave(marker, entries)
    return None


def undo_last_save(actor: Actor, secretary_id: str) -> LastSave:
    """Take back the file's last save, all or nothing; refused when nothing is left to undo or a
    value was changed again since."""
    require(actor, "personnel")
    with db.atomic():
        save = last_save(secretary_id)
        if save is None:
            raise ArchiveError("该档案没有可以撤销的保存")
        for entry in save.entries:
            _reverse(actor, entry)
        audit.append(actor, settings.installation_id(), action=UNDO, table="", record_id=secretary_id,
                     summary=f"撤销{save.marker.actor}的上一次保存:{save.describe()}"[:200],
                     changes={"save": save.marker.seq, "entries": [e.seq for e in save.entries]})
    return save


def _reverse(actor: Actor, entry: AuditEntry) -> None:
    """One entry taken back, only when the record is still as that save left it (a file moved to
    another village since, a row edited or restored since, is not silently undone)."""
    model = FILE_TABLE_BY_NAME[entry.table]
    record = model.get_by_id(entry.record_id)
    changes = _logged(model, entry)
    still = record.is_deleted if entry.action == "delete" else not record.is_deleted and all(
        _text(services.stored_values(record).get(name)) == _text(new) for name, (_, new) in changes.items())
    if not still:
        raise ConflictError(f"{model.label}“{record.describe()}”在那次保存之后又被修改过,不能撤销")
    if entry.action in ("create", "restore"):
        services.delete(actor, model, entry.record_id, reason="撤销上一次保存")
    elif entry.action == "delete":
        services.restore(actor, model, entry.record_id)
    else:
        services.update(actor, model, entry.record_id, {name: old for name, (old, _) in changes.items()})


def _logged(model, entry: AuditEntry) -> dict:
    """The data fields the entry recorded (not the bookkeeping, not a secret's digest)."""
    return {name: pair for name, pair in json.loads(entry.changes or "{}").items()
            if not name.startswith("__") and name not in model.secret and isinstance(pair, list)}


def _text(value) -> str:
    return "" if value is None else str(value)
