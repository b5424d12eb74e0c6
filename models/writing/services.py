"""The single write path of the archive.

Every create, update, delete and restore goes through these functions: each checks the acting
user's role, validates, stamps the bookkeeping fields (version, modified time, origin) and appends
an audit entry, all in one transaction. Nothing else writes to record tables.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import ForeignKeyField

from models.errors import ConflictError, FieldProblem, NotFound
from models.storage import settings, vault
from models.storage.db import db
from models.storage.record import Record, data_fields, utc_now
from models.writing import audit
from models.writing.actor import Actor, require
from models.writing.rules import GUARDS, UNIQUE
from models.writing.validation import clean_record


@dataclass
class Saved:
    record: Record
    warnings: list[FieldProblem] = field(default_factory=list)


def _stored_value(record: Record, f) -> object:
    return getattr(record, f.column_name) if isinstance(f, ForeignKeyField) else getattr(record, f.name)


def _snapshot(record: Record) -> dict:
    return {f.name: _stored_value(record, f) for f in data_fields(type(record))}


def stored_values(record: Record) -> dict:
    """The data fields as stored (and as the audit log records them)."""
    return _snapshot(record)


def _audit_changes(model: type[Record], changes: dict, record: Record) -> dict:
    """Changes as the audit log keeps them: a secret by its digest, never in clear; and the
    bookkeeping the write stamped (version, times, origin), so ``check`` sees those edited too."""
    logged = {k: [audit.digest(v[0]) if v[0] is not None else None, audit.digest(v[1])] if k in model.secret else v
              for k, v in changes.items()}
    logged.update(bookkeeping(record))
    return logged


def bookkeeping(record: Record) -> dict:
    return {f"__{name}": [None, getattr(record, name)] for name in BOOKKEEPING}


BOOKKEEPING = ("version", "created_at", "modified_at", "origin", "deleted_by")


def _load(model: type[Record], record_id: str, *, deleted: bool = False) -> Record:
    record = model.get_or_none(model.id == record_id)
    if record is None or record.is_deleted != deleted:
        where = "回收站中" if deleted else ""
        raise NotFound(f"{where}找不到该{model.label}(可能已被删除)")
    return record


def _precheck(actor: Actor, model: type[Record]) -> None:
    """Refuse early who may not write this kind of record at all (before reading the input)."""
    if model in GUARDS:
        permissions = GUARDS[model][2]
        if not any(actor.can(permission) for permission in permissions):
            require(actor, permissions[0])
    else:
        require(actor, model.permission)


def _authorise(actor: Actor, model: type[Record], existing: Record | None, clean: dict) -> None:
    if model in GUARDS:
        GUARDS[model][0](actor, existing, clean)


def create(actor: Actor, model: type[Record], data: dict, *, record_id: str | None = None,
           today: dt.date | None = None) -> Saved:
    """Validate and insert a new record; returns it with any warnings."""
    _precheck(actor, model)
    with db.atomic():
        saved = _new_record(actor, model, record_id, data, today)
        saved.record.save(force_insert=True)
        audit.append_many(actor, settings.installation_id(), [_creation(model, saved.record)])
    return saved


# Rows per INSERT statement in ``create_many``
CHUNK = 500


def create_many(actor: Actor, model: type[Record], rows: list[tuple[str | None, dict]], *,
                today: dt.date | None = None) -> list[Saved]:
    """Create many records of one kind, each exactly as ``create`` would (the same checks, stamps
    and audit entry), in one transaction: inserted a chunk per statement and chained into the
    log at once. ``rows``: ``(record_id, data)`` pairs. A row may refer to records written before
    the call, not to other rows of it; any refused row refuses the whole batch."""
    _precheck(actor, model)
    if not rows:
        return []
    # a rule across the archive (one ID number per township) must see the batch's earlier rows
    chunk = 1 if model in UNIQUE else CHUNK
    saved: list[Saved] = []
    with db.atomic():
        for start in range(0, len(rows), chunk):
            made = [_new_record(actor, model, record_id, data, today) for record_id, data in rows[start:start + chunk]]
            _insert(model, [item.record for item in made])
            saved += made
        audit.append_many(actor, settings.installation_id(), [_creation(model, item.record) for item in saved])
    return saved


def _new_record(actor: Actor, model: type[Record], record_id: str | None, data: dict,
                today: dt.date | None) -> Saved:
    """The record ``data`` makes, checked and stamped, not yet written."""
    clean, warnings = clean_record(model, data, today=today)
    _authorise(actor, model, None, clean)
    extra = {"id": record_id} if record_id else {}
    return Saved(model(origin=settings.installation_id(), **extra, **clean), warnings)


def _insert(model: type[Record], records: list[Record]) -> None:
    """Every column of every record, one prepared statement (peewee's insert_many builds and
    binds the SQL per row and is several times slower)."""
    fields = model._meta.sorted_fields
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join([db.param] * len(fields))})'
    db.cursor().executemany(sql, [tuple(f.db_value(record.__data__.get(f.name)) for f in fields)
                                  for record in records])


def _creation(model: type[Record], record: Record) -> audit.Pending:
    """The audit entry of a new record: its full first state, defaults included, so the log
    alone can rebuild it."""
    created = {k: [None, v] for k, v in _snapshot(record).items() if v is not None}
    return audit.Pending("create", model._meta.table_name, record.id, f"新建{model.label}:{record.describe()}",
                         _audit_changes(model, created, record))


def update(actor: Actor, model: type[Record], record_id: str, data: dict, *,
           expected_version: int | None = None, today: dt.date | None = None) -> Saved:
    """Apply changes to a live record; refuses when someone else changed it meanwhile."""
    _precheck(actor, model)
    with db.atomic():
        record = _load(model, record_id)
        if expected_version is not None and record.version != expected_version:
            raise _changed_meanwhile(model)
        before = _snapshot(record)
        clean, warnings = clean_record(model, data, existing=record, today=today)
        changes = {k: [before[k], v] for k, v in clean.items() if before[k] != v}
        if not changes:
            return Saved(record, warnings)
        _authorise(actor, model, record, {k: clean[k] for k in changes})
        _write_over(model, record, modified_at=utc_now(), **clean)
        record = model.get_by_id(record_id)
        audit.append(actor, settings.installation_id(), action="update", table=model._meta.table_name,
                     record_id=record_id, summary=f"修改{model.label}:{record.describe()}",
                     changes=_audit_changes(model, changes, record))
    return Saved(record, warnings)


def _authorise_removal(actor: Actor, model: type[Record], record: Record) -> None:
    if model in GUARDS:
        GUARDS[model][1](actor, record)
    else:
        require(actor, model.permission)


def _write_over(model: type[Record], record: Record, **values) -> None:
    """Write ``values`` over ``record`` as it was read, its version moving on. When another clerk
    saved it meanwhile (on a server two may save at once) nothing is written and this one is told:
    never a lost update."""
    written = model.update(version=model.version + 1, **values).where(
        (model.id == record.id) & (model.version == record.version)).execute()
    if not written:
        raise _changed_meanwhile(model)


def _changed_meanwhile(model: type[Record]) -> ConflictError:
    return ConflictError(f"该{model.label}已被他人修改,请重新打开后再改")


def delete(actor: Actor, model: type[Record], record_id: str, *, reason: str = "") -> Record:
    """Move a record to the recycle bin (a tombstone): nothing is removed from the archive."""
    _precheck(actor, model)
    with db.atomic():
        record = _load(model, record_id)
        _authorise_removal(actor, model, record)
        now = utc_now()
        _write_over(model, record, deleted_at=now, deleted_by=actor.username, modified_at=now)
        record = model.get_by_id(record_id)
        audit.append(actor, settings.installation_id(), action="delete", table=model._meta.table_name,
                     record_id=record_id, summary=f"删除{model.label}:{record.describe()}",
                     changes={**({"reason": reason} if reason else {}), **bookkeeping(record)})
        return record


def restore(actor: Actor, model: type[Record], record_id: str) -> Record:
    """Bring a record back from the recycle bin."""
    _precheck(actor, model)
    with db.atomic():
        record = _load(model, record_id, deleted=True)
        _authorise_removal(actor, model, record)
        _write_over(model, record, deleted_at=None, deleted_by=None, modified_at=utc_now())
        record = model.get_by_id(record_id)
        audit.append(actor, settings.installation_id(), action="restore", table=model._meta.table_name,
                     record_id=record_id, summary=f"恢复{model.label}:{record.describe()}", changes=bookkeeping(record))
        return record


def set_setting(actor: Actor, key: str, value, *, summary: str | None = None) -> None:
    """Change an archive setting, audited (a private key only as "changed", never its value)."""
    require(actor, settings.WRITERS.get(key, "admin"))
    with db.atomic():
        old = settings.get(key)
        if old == value:
            return
        settings.put_raw(key, value)
        shown = [audit.digest(old) if old is not None else None, audit.digest(value)] if settings.is_secret(key) \
            else [old, value]
        audit.append(actor, settings.installation_id(), action="setting", table="setting",
                     record_id=None, summary=summary or f"修改设置:{key}", changes={key: shown})


def record_event(actor: Actor, *, action: str, model: type[Record] | None, record_id: str | None,
                 summary: str, details: dict | None = None) -> None:
    """Audit a read-side event the rules require to be logged (view, print, export of a file);
    ``details``: what shaped it (a print's options), kept in the entry."""
    require(actor, "view")
    with db.atomic():
        audit.append(actor, settings.installation_id(), action=action,
                     table=model._meta.table_name if model else "", record_id=record_id, summary=summary,
                     changes=details)


PENDING = "pending_events"
RESTORED = "restored"  # (a restore from a backup) the one event kept aside (``record_restore_soon``)


def record_restore_soon(actor: Actor, *, backup: str, created_at: str, kept_as: str | None) -> None:
    """The restore of this archive, where this PC cannot seal an entry yet (it has not unlocked
    the restored archive's key): kept aside, unaudited, and written — sealed — at the first
    sign-in that unlocks it (``record_pending_events``). Only this shape is ever taken back from
    there: a value planted in it can add no other kind of entry to the log."""
    details = {"backup": str(backup), "backup_created_at": str(created_at), "previous_kept_as": kept_as}
    if vault.unlocked():
        record_event(actor, action=RESTORED, model=None, record_id=None, summary=_restore_summary(details),
                     details=details)
        return
    waiting = list(settings.get(PENDING) or [])
    waiting.append({"username": actor.username, "display_name": actor.display_name, **details})
    settings.put_raw(PENDING, waiting)


def _restore_summary(details: dict) -> str:
    return f"从备份恢复档案:{details['backup']}(备份于{details['backup_created_at']})"


def record_pending_events() -> int:
    """Write the restores kept aside while the archive key was locked here; returns how many."""
    waiting = settings.get(PENDING) or []
    kept = [event for event in waiting if isinstance(event, dict)] if isinstance(waiting, list) else []
    with db.atomic():
        for event in kept:
            details = {name: str(event.get(name) or "")[:200] or None
                       for name in ("backup", "backup_created_at", "previous_kept_as")}
            who = Actor(str(event.get("username") or "unknown")[:60], str(event.get("display_name") or "")[:60],
                        "admin")
            audit.append(who, settings.installation_id(), action=RESTORED, table="", record_id=None,
                         summary=_restore_summary(details) + "(解锁后补记)", changes=details)
        if waiting:
            settings.put_raw(PENDING, [])
    return len(kept)
