"""Moving an archive between a file and a server (``main.py migrate --from A --to B``).

Every table's rows go over as they are — ids, versions, tombstones, the audit log with its head
and seal, the settings with the keys' wraps — and every attachment's bytes (a file keeps them in
the folder beside it, a server in the database). The copy is made in one transaction on the
target, which must be empty; then it is checked: the integrity check replays its audit log, and
each table's content hash must equal the source's. The source is only read.
"""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from peewee import PostgresqlDatabase

from models.archive.lifecycle import require_empty_server
from models.errors import ArchiveError
from models.storage import file_store
from models.archive import schema
from models.attachments.tables import Attachment
from models.storage.db import close_database, db, on_postgresql, on_server, open_database
from models.archive.tables import ALL_TABLES
from models.writing.audit import to_json

CHUNK = 2000
PARAMETERS = 30_000  # SQLite's stock limit on one statement's parameters is 32,766


@dataclass
class Migration:
    rows: dict[str, int] = field(default_factory=dict)
    attachments: int = 0
    hashes: dict[str, str] = field(default_factory=dict)  # table → content hash, equal on both sides
    faults: list[str] = field(default_factory=list)


def migrate(source: str | Path, target: str | Path, *, progress=None) -> Migration:
    """Copy the archive at ``source`` into the empty ``target``; ArchiveError when it cannot."""
    if str(source) == str(target):
        raise ArchiveError("源档案与目标相同")
    reading = _open_source(source)
    try:
        source_version = _version_of(reading)
        if source_version != schema.SCHEMA_VERSION:
            raise ArchiveError(f"源档案的结构版本为{source_version}:"
                               f"请先用本程序打开它一次(升级到{schema.SCHEMA_VERSION})再迁移")
        _open_empty_target(target)
        try:
            result = _copy(reading, source, target, progress)
        except BaseException:
            close_database()
            _remove_made_file(target)  # a server's half-made copy was rolled back with the transaction
            raise
        close_database()
    finally:
        reading.close()
    return result


def _copy(reading, source, target, progress) -> Migration:
    """Everything in one transaction on the target (on a server the schema too: its DDL rolls back
    with the rest), read from one moment of the source (clerks may be writing there)."""
    snapshot = {"isolation_level": "REPEATABLE READ, READ ONLY"} if isinstance(reading, PostgresqlDatabase) else {}
    with reading.atomic(**snapshot):  # (a connection lost meanwhile fails the copy: never read outside it)
        result = Migration()
        with db.atomic():
            if on_server(target):
                schema.upgrade(backup=False)
            _defer_foreign_keys()
            for number, model in enumerate(ALL_TABLES, start=1):
                result.rows[model._meta.table_name] = _copy_table(reading, model)
                if progress:
                    progress(number, len(ALL_TABLES) + 1)
            result.attachments = _copy_attachments(reading, source)
            _continue_numbering()
        _compare(reading, result)
    return result


def _remove_made_file(target) -> None:
    if on_server(target):
        return
    target = Path(target)
    for made in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        made.unlink(missing_ok=True)
    shutil.rmtree(file_store.folder_of(target), ignore_errors=True)


def _open_source(source: str | Path):
    if not on_server(source) and not Path(source).exists():
        raise ArchiveError(f"找不到档案文件“{source}”")
    open_database(source)  # the proxy's connection is handed over: the target takes the proxy
    reading = db.obj
    db.initialize(None)
    return reading


def _version_of(reading) -> int:
    if isinstance(reading, PostgresqlDatabase):
        exists = reading.execute_sql("SELECT to_regclass('schema_version')").fetchone()[0]
        return reading.execute_sql("SELECT version FROM schema_version").fetchone()[0] if exists else 0
    return reading.execute_sql("PRAGMA user_version").fetchone()[0]


def _open_empty_target(target: str | Path) -> None:
    if not on_server(target) and Path(target).exists() and Path(target).stat().st_size > 0:
        raise ArchiveError(f"目标文件“{target}”已经存在,不会覆盖")
    if on_server(target):
        require_empty_server(target)
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        open_database(target)
        schema.upgrade(backup=False)  # a file's steps switch foreign keys off: outside a transaction


def _defer_foreign_keys() -> None:
    """A report may point to one copied after it (its 事前 report): references checked at commit."""
    db.execute_sql("SET CONSTRAINTS ALL DEFERRED" if on_postgresql() else "PRAGMA defer_foreign_keys = ON")


def _key(model):
    return model._meta.primary_key


def _copy_table(reading, model) -> int:
    """The table's rows in primary-key order, a chunk at a time, as the models read and write them
    (dates, flags and numbers converted between the engines' ways of storing them)."""
    fields = model._meta.sorted_fields
    chunk = max(1, PARAMETERS // len(fields))  # one INSERT's values stay within SQLite's limit
    copied, after = 0, None
    while True:
        with reading.bind_ctx([model]):
            query = model.select(*fields).order_by(_key(model)).limit(chunk)
            if after is not None:
                query = query.where(_key(model) > after)
            rows = list(query.tuples())
        if not rows:
            return copied
        model.insert_many(rows, fields=fields).execute()
        copied += len(rows)
        after = rows[-1][fields.index(_key(model))]


def _copy_attachments(reading, source) -> int:
    digests = [row[0] for row in db.execute_sql("SELECT DISTINCT sha256 FROM attachment").fetchall()]
    for digest in digests:
        file_store.put_bytes(_source_bytes(reading, source, digest))
    return len(digests)


def _source_bytes(reading, source, digest: str) -> bytes:
    if isinstance(reading, PostgresqlDatabase):
        row = reading.execute_sql("SELECT content FROM stored_file WHERE sha256 = %s", (digest,)).fetchone()
        if row is None:
            raise ArchiveError(f"源档案缺少附件文件(SHA-256 {digest[:12]}…):请先运行检查")
        return bytes(row[0])
    path = file_store.folder_of(Path(source)) / digest[:2] / digest
    if not path.exists():
        raise ArchiveError(f"源档案缺少附件文件(SHA-256 {digest[:12]}…):请先运行检查")
    return path.read_bytes()


def _continue_numbering() -> None:
    """The log's numbers were copied as they are: a server's counter goes on after the last one."""
    if on_postgresql():
        db.execute_sql("SELECT setval(pg_get_serial_sequence('audit_entry', 'seq'), "
                       "GREATEST((SELECT MAX(seq) FROM audit_entry), 1))")


def content_hash(model) -> str:
    """The table's content as the program reads it, row by row in key order: equal for the same
    archive on either engine."""
    digest = hashlib.sha256()
    fields = model._meta.sorted_fields
    after = None
    while True:
        query = model.select(*fields).order_by(_key(model)).limit(CHUNK)
        if after is not None:
            query = query.where(_key(model) > after)
        rows = list(query.tuples())
        if not rows:
            return digest.hexdigest()
        for row in rows:
            digest.update(to_json(list(row)).encode("utf-8"))
            digest.update(b"\n")
        after = rows[-1][fields.index(_key(model))]


def _compare(reading, result: Migration) -> None:
    for model in ALL_TABLES:
        table = model._meta.table_name
        with reading.bind_ctx([model]):
            before = content_hash(model)
        after = content_hash(model)
        result.hashes[table] = after
        if before != after:
            result.faults.append(f"表{table}迁移后内容与源档案不同")
    if Attachment.select().count() and result.attachments == 0:
        result.faults.append("附件未迁移")
