"""The integrity check of an archive (``main.py check``, and at start-up).

In order: SQLite's own page check, foreign keys, schema version, the audit chain and its sealed
head, the settings and every record (content, password digests and bookkeeping columns) against the
state the audit log describes — so an edit made outside the application shows — and the stored
attachment files against their SHA-256. A damaged entry of the log is named by its number.

At start-up the check is whole once a week; on the other days it checks what changed since the
last check that passed on this PC (``Since``: the log's entry it verified up to and how many rows
each table had, kept in the data folder): the log's entries after it linked on to it, the head and
the seals of those entries, every record and attachment those entries touched against its whole
history, and no row more than the log accounts for. An edit outside the program to a record
nobody touched since shows at the next whole check. A point that no longer fits makes the check
whole at once: its entry gone or changed, another archive or schema at the same place, a restore,
a log repair or an upgrade's baseline since, or a restore waiting to be logged. (A server restored
with pg_restore writes no entry: its point fits until the weekly whole check.) ``main.py check``
is always whole, and a whole check that fails forgets the point. The point is this PC's note, not
a seal: whoever may write the user's data folder can shorten the start-up check, never the whole.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import hmac
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SQL, DatabaseError, fn

from models.archive.lifecycle import open_archive
from models.storage import file_store as store
from models.storage.files import write_atomically
from models.storage.paths import data_folder
from models.values import clock
from models.storage import settings, vault
from models.archive import repair, schema
from models.attachments.tables import Attachment
from models.errors import ArchiveError
from models.exchange import crypto
from models.exchange.tables import SenderKey
from models.accounts.tables import User
from models.storage.db import archive_location, close_database, db, may_read, on_postgresql, rows_as_read, server_guarded
from models.storage.record import data_fields
from models.storage.settings import Setting
from models.archive.tables import RECORD_TABLES
from models.writing import audit, services
from models.writing.audit import AuditEntry

BOOKKEEPING = ("version", "created_at", "modified_at", "origin", "deleted_by")
LEGACY_SECRET = "******"  # how versions before 2026-11 logged a secret: nothing to compare with


@dataclass
class CheckResult:
    faults: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0
    since: int | None = None  # checked after this entry of the log (None: the whole archive)
    head: tuple[int, str] | None = None  # the log's last entry the check read
    rows: dict[str, int] = field(default_factory=dict)  # each record table's rows, as it read them

    @property
    def ok(self) -> bool:
        return not self.faults


class DamagedLog(Exception):
    def __init__(self, seq: int):
        super().__init__(f"操作日志第{seq}条已损坏(内容无法读取)")


@dataclass(frozen=True)
class Since:
    """The log's entry a check verified up to (its number and hash) and each record table's rows
    then."""
    seq: int
    hash: str
    rows: dict[str, int]


class _PointMoved(Exception):
    """The point checked up to no longer fits the log: the check is made whole."""


def run_check(since: Since | None = None) -> CheckResult:
    """Check the open archive — whole, or what changed after ``since`` —; never raises on damage,
    it reports it."""
    if since is not None:
        try:
            return _run(since)
        except _PointMoved:
            pass
    return _run(None)


def _run(since: Since | None) -> CheckResult:
    result = CheckResult(since=since.seq if since else None)
    whole = (_pages, _foreign_keys, _schema, _audit_chain, _head_seal, _replay, _pins, _attachments, _verifiers)
    steps = whole if since is None else (_schema, _chain_since(since), _head_seal_since(since), _replay_since(since),
                                         _pins, _verifiers)
    try:
        with _one_moment():
            for step in steps:
                step(result)
                if result.faults and step in (_pages, _schema, _audit_chain, steps[1]):
                    break  # later checks read data that is already known to be unreliable
            result.head = _head()
            result.rows = result.rows or _rows()
    except DamagedLog as error:
        result.faults.append(str(error))
    except (DatabaseError, sqlite3.DatabaseError) as error:
        result.faults.append(f"数据库文件已损坏:{str(error)[:80]}")
    return result


def _head() -> tuple[int, str] | None:
    head = Setting.get_or_none(Setting.key == audit.HEAD_KEY)
    try:
        seq, entry_hash = json.loads(head.value) if head else (0, audit.GENESIS)
        return int(seq), str(entry_hash)
    except (TypeError, ValueError):
        return None


@contextlib.contextmanager
def _one_moment():
    """The check reads one snapshot: others write while it reads (other clerks on a server; on a
    file, its own window signing in and saving beside the check's connection), and an entry
    committed between two of its reads — the log, then the head — would look like tampering.
    Reading alone: the writers need not wait (a file's WAL, a server's MVCC)."""
    if not on_postgresql():
        with db.atomic():  # (SQLite: the snapshot is taken at the first read and held to the end)
            yield
        return
    with db.atomic(isolation_level="REPEATABLE READ, READ ONLY"):
        yield


def _pages(result: CheckResult) -> None:
    if on_postgresql():  # the server keeps its own pages (and its foreign keys: never broken after a commit)
        return
    rows = db.execute_sql("PRAGMA integrity_check(20)").fetchall()
    if rows != [("ok",)]:
        result.faults.append("数据库页面损坏:" + ";".join(r[0] for r in rows[:3]))


def _foreign_keys(result: CheckResult) -> None:
    if on_postgresql():
        return
    rows = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    for table, rowid, parent, _ in rows[:5]:
        result.faults.append(f"表{table}第{rowid}行引用的{parent}记录不存在")


def _schema(result: CheckResult) -> None:
    result.schema_version = schema.current_version()
    if result.schema_version != schema.SCHEMA_VERSION:
        result.faults.append(f"结构版本为{result.schema_version},应为{schema.SCHEMA_VERSION}")
    if not settings.get("installation_id"):
        result.faults.append("缺少安装标识(installation_id)")


def _audit_chain(result: CheckResult) -> None:
    fault = audit.verify_chain()
    if fault is not None:
        result.faults.append(str(fault))


def _chain_since(since: Since):
    def step(result: CheckResult) -> None:
        entry = AuditEntry.select(AuditEntry.hash).where(AuditEntry.seq == since.seq).first()
        if entry is None or entry.hash != since.hash:
            raise _PointMoved  # (restored, replaced, or rewritten: the whole check says which)
        fault = audit.verify_chain(after=(since.seq, since.hash))
        if fault is not None:
            result.faults.append(str(fault))
    return step


def _head_seal_since(since: Since):
    return lambda result: _head_seal(result, after=since.seq)


def _head_seal(result: CheckResult, after: int = 0) -> None:
    """The head sealed with the archive key and signed with the key derived from it: rewriting the
    log *and* its head shows here — the MAC where the key is unlocked, the signature on every PC.
    The entries' own seals are looked at after entry ``after``."""
    head = Setting.get_or_none(Setting.key == audit.HEAD_KEY)
    if head is None:
        return
    head_seq, head_hash = json.loads(head.value)
    misfit = _misfit_seal(after)
    if misfit:  # seen without the key: whoever appended it had none to seal with
        result.faults.append(misfit)
        return
    try:
        seal = vault.stored_head_seal()
    except ArchiveError as misshapen:
        result.faults.append(str(misshapen))
        return
    if seal is None:
        if vault.unlocked() or vault.pinned_head_key():
            result.faults.append("操作日志记录头的封印缺失(日志可能被连同记录头一起改写)")
        else:
            result.warnings.append(_UNVERIFIED)
        return
    entry = AuditEntry.select(AuditEntry.hash).where(AuditEntry.seq == seal.seq).first()
    if entry is None or seal.seq > head_seq:
        result.faults.append(f"操作日志在第{min(seal.seq, head_seq) + 1}条之后被删除(封印记录到第{seal.seq}条)")
        return
    if settings.get(services.PENDING) and server_guarded():  # (no PC keeps a restore aside on a server)
        result.warnings.append("设置中有一条待补记的恢复,服务器上不会补记(不是本程序写入的,可由数据库所有者删除)")
    elif settings.get(services.PENDING):
        result.warnings.append("有一次恢复尚待登录后记入操作日志(本机尚未解锁档案密钥)")
    if vault.unlocked():
        _sealed_head(result, seal, entry.hash, head_seq, after)
    else:
        _signed_head(result, seal, entry.hash, head_seq)


_UNVERIFIED = "未核对操作日志记录头的封印:本机尚未解锁档案密钥(命令行可用 --password-file 提供管理员密码)"


def _sealed_head(result: CheckResult, seal: vault.HeadSeal, sealed_hash: str, head_seq: int, after: int) -> None:
    """Where the key is open: the MAC, the signature made with the same key, every entry's seal."""
    signature = vault.head_signature_fault(seal, sealed_hash) if seal.sig else None  # (older heads: none)
    if not hmac.compare_digest(vault.head_seal(seal.seq, sealed_hash, seal.sealed_from), seal.mac):
        result.faults.append("操作日志记录头的封印不符:日志连同记录头被改写过")
    elif seal.sig and seal.pub != vault.head_public_key():
        result.faults.append("操作日志记录头的签名密钥不是本档案的:日志可能连同签名被改写")
    elif signature:
        result.faults.append(signature)
    elif seal.seq < head_seq and seal.sealed_from is not None:
        result.faults.append(_unsealed_tail(seal.seq, head_seq))
    elif seal.seq < head_seq:  # an older program wrote them on a PC that had not unlocked the key
        result.warnings.append(f"操作日志第{seal.seq + 1}至{head_seq}条写入时本机尚未解锁,未封印")
    else:
        _entry_seals(result, seal.sealed_from, after)


def _signed_head(result: CheckResult, seal: vault.HeadSeal, sealed_hash: str, head_seq: int) -> None:
    """Where the key is not open (IT's command line): the head's signature, verified with the
    public key this PC kept when it last unlocked the archive key — or the one the seal carries,
    said so. The chain is public arithmetic: a signed head vouches for every entry up to it."""
    fault = vault.head_signature_fault(seal, sealed_hash)
    if fault:
        result.faults.append(fault)
    elif seal.sig is None:  # a head written by an older version: nothing to verify without the key
        result.warnings.append(_UNVERIFIED)
    elif seal.seq < head_seq:
        result.faults.append(_unsealed_tail(seal.seq, head_seq))
    elif not vault.pinned_head_key():
        result.warnings.append("操作日志记录头的签名已核对,但签名密钥未经本机确认(本机从未解锁本档案的密钥)")


def _unsealed_tail(sealed_seq: int, head_seq: int) -> str:
    return f"操作日志{audit.span(sealed_seq + 1, head_seq)}没有本档案密钥的封印和签名:不是本程序写入的(可能被伪造)"


def _verifiers(result: CheckResult) -> None:
    """On a guarded server, told to an administrator (or the owner): the users the server still
    compares by their stored hash — until their next sign-in that hash signs them in."""
    if not server_guarded() or db.execute_sql("SELECT to_regprocedure('archive_users_without_verifier()')"
                                              ).fetchone()[0] is None:
        return
    names = [row[0] for row in db.execute_sql("SELECT username FROM archive_users_without_verifier()").fetchall()]
    if names:
        result.warnings.append("以下用户尚未在服务器上登记密码校验值,在其下次登录之前,其存储的密码哈希仍可用于登录:"
                               + "、".join(names) + "(请其登录一次,或由管理员为其重设密码)")


def _misfit_seal(after: int = 0) -> str | None:
    """What is wrong with the seals' shape, told without the key: after the first sealed entry
    every entry carries a seal of its own (the program writes nothing where the key is locked),
    a MAC's 64 hex digits, and no two alike (each seals another hash). A made-up seal of the
    right shape shows only where the key is unlocked (``_entry_seals``)."""
    first = audit.first_sealed_entry()
    if first is None:
        return None
    first = max(first, after)
    bad = (AuditEntry.select(AuditEntry.seq)
           .where((AuditEntry.seq > first) &
                  (AuditEntry.seal.is_null() | (fn.LENGTH(AuditEntry.seal) != SEAL_LENGTH)))
           .order_by(AuditEntry.seq).first())
    if bad is not None:
        return f"操作日志第{bad.seq}条没有封印:不是本程序写入的(可能被伪造)"
    twice = (AuditEntry.select(AuditEntry.seal, fn.MIN(AuditEntry.seq), fn.MAX(AuditEntry.seq))
             .where(AuditEntry.seq >= first).group_by(AuditEntry.seal).having(fn.COUNT(SQL("*")) > 1)
             .tuples().first())
    if twice is not None:
        return f"操作日志第{twice[2]}条的封印与第{twice[1]}条相同:不是本程序写入的(可能被伪造)"
    return None


SEAL_LENGTH = 64  # hex digits of an HMAC-SHA-256


def _entry_seals(result: CheckResult, sealed_from: int | None, after: int = 0) -> None:
    """Every entry from the first sealed one on carries its own valid seal (``vault.entry_sealer``):
    one appended by anyone without the archive key — its chain recomputed — has none."""
    first = audit.first_sealed_entry()  # (the head seal names it too: a moved one fails the first entry)
    start = min(number for number in (sealed_from, first) if number is not None) if (sealed_from or first) else None
    if start is None:
        return  # no entry sealed one by one yet (written before schema v12)
    start = max(start, after + 1)
    columns = (AuditEntry.seq, AuditEntry.hash, AuditEntry.seal)
    entries = AuditEntry.select(*columns).where(AuditEntry.seq >= start).order_by(AuditEntry.seq)
    sealed = vault.entry_sealer()
    for seq, entry_hash, seal in (row.values() for row in rows_as_read(entries, columns)):
        if not hmac.compare_digest(seal or "", sealed(entry_hash)):
            result.faults.append(f"操作日志第{seq}条没有本档案密钥的有效封印:不是本程序写入的(可能被伪造)")
            return


def _pins(result: CheckResult) -> None:
    """The district's pinned signing keys as its log says it pinned them, and no sequence number set
    back below one it imported (a key planted in the file would make a forged package the
    township's own; a sequence set back would let an old package in again)."""
    pinned, imported = {}, {}
    entries = (AuditEntry.select(AuditEntry.action, AuditEntry.changes)
               .where(AuditEntry.action.in_(("pin", "import")) &
                      AuditEntry.table.in_(("sender_key", "exchange_package"))).order_by(AuditEntry.seq))
    for action, changes in entries.tuples().iterator():
        logged = {name: value[1] for name, value in json.loads(changes).items() if isinstance(value, list)}
        if action == "pin" and "township" in logged:
            pinned[logged["township"]] = logged.get("fingerprint")
        elif action == "import" and "township" in logged:
            imported[logged["township"]] = max(imported.get(logged["township"], 0), int(logged.get("sequence") or 0))
    for key in SenderKey.select():
        if key.township not in pinned and key.pinned_by == "upgrade":  # registered before pins were logged
            result.warnings.append(f"“{key.township}”的签名密钥登记于旧版本,操作日志中没有记录,无法核对")
        elif pinned.get(key.township) != crypto.fingerprint(bytes.fromhex(key.signing_key)):
            result.faults.append(f"“{key.township}”登记的签名密钥与操作日志不符:密钥被改动或在程序之外写入")
        elif key.last_sequence < imported.get(key.township, 0):
            result.faults.append(f"“{key.township}”已导入的交换包序号被改小(日志记有第{imported[key.township]}号)")


# -- replaying the log ---------------------------------------------------------------------------------

REPLAYED = ("create", "update", "delete", "restore", "import", "setting", "baseline")


def _entries(where):
    """The log's entries that describe content, oldest first, parsed."""
    columns = (AuditEntry.seq, AuditEntry.table, AuditEntry.record_id, AuditEntry.action, AuditEntry.changes)
    query = AuditEntry.select(*columns).where(AuditEntry.action.in_(REPLAYED) & where).order_by(AuditEntry.seq)
    for seq, table, record_id, action, changes in (row.values() for row in rows_as_read(query, columns)):
        try:
            parsed = json.loads(changes)
            if not isinstance(parsed, dict):
                raise ValueError
        except (TypeError, ValueError):
            raise DamagedLog(seq) from None
        yield seq, table, record_id, action, parsed


def expected_settings() -> dict[str, object]:
    """Each setting as the audit log alone says it was last written."""
    stored: dict[str, object] = {}
    for _, _, _, _, changes in _entries(AuditEntry.action == "setting"):
        for key, change in changes.items():
            if isinstance(change, list) and len(change) == 2:
                stored[key] = change[1]
    return stored


def expected_states(table: str, ids: set[str] | None = None) -> dict[str, dict]:
    """Each record of one table — fields, deletion state and bookkeeping — as rebuilt from the
    audit log alone (only those of ``ids`` when given). One table at a time: a district's whole
    log rebuilt at once took most of a gigabyte."""
    states: dict[str, dict] = {}
    where = (AuditEntry.table == table) & (AuditEntry.action != "setting")
    entries = _entries(where)
    if ids is not None:  # by the log's index on record_id; an upgrade's baselines, naming no record, apart
        entries = heapq.merge(_entries(where & AuditEntry.record_id.in_(sorted(ids))),
                              _entries((AuditEntry.table == table) & (AuditEntry.action == "baseline")))
    for _, _, record_id, action, changes in entries:
        if action == "baseline":  # an upgrade recorded what the log did not describe yet
            for baseline_id, values in changes.get("records", {}).items():
                if ids is None or baseline_id in ids:
                    states.setdefault(baseline_id, {"__deleted": False}).update(values)
            continue
        state = states.setdefault(record_id, {"__deleted": False})
        if action in ("delete", "restore"):
            state["__deleted"] = action == "delete"
        for name, change in changes.items():
            if isinstance(change, list) and len(change) == 2 and name not in ("__conflicts", "__held"):
                state[name] = change[1]  # an import also carries "__deleted", the sender's tombstone
    return states


def _replay(result: CheckResult) -> None:
    _settings_match(expected_settings(), result)
    for model in RECORD_TABLES:
        if not _records_match(model, None, result):
            return


def _records_match(model, ids: set[str] | None, result: CheckResult) -> bool:
    """The table's stored records (those of ``ids``, or all) against the log; False at a fault."""
    table = model._meta.table_name
    states = expected_states(table, ids)
    count = 0
    hidden = _hidden_secrets(model, result)
    for row in _stored_rows(model, ids):
        count += 1
        fault = _compare(model, {**row, **hidden.get(row["id"], {})}, states.pop(row["id"], None))
        if fault:
            result.faults.append(fault)
            return False
    result.counts[table] = result.counts.get(table, 0) + count
    if states:
        result.faults.append(f"表{table}中有{len(states)}条记录在操作日志中有记载却已不存在")
        return False
    return True


BATCH = 5000  # record ids to one query (within every engine's limit on parameters)


def _replay_since(since: Since):
    """The settings; no row more than the log accounts for; every record an entry after ``since``
    touched against its whole history, and the files of the attachments among them."""
    def step(result: CheckResult) -> None:
        _settings_match(expected_settings(), result)
        touched = _touched_since(since)
        _rows_accounted_for(since, touched, result)
        for model in RECORD_TABLES:
            ids = sorted(touched.get(model._meta.table_name, ()))
            for start in range(0, len(ids), BATCH):
                if not _records_match(model, set(ids[start:start + BATCH]), result):
                    return
        _attachment_files(sorted(touched.get(Attachment._meta.table_name, ())), result)
    return step


ANEW = ("baseline", services.RESTORED, repair.ACTION)  # entries after which the whole archive is looked at again


def _touched_since(since: Since) -> dict[str, set[str]]:
    """The records entries after ``since`` wrote, by table."""
    if settings.get(services.PENDING):
        raise _PointMoved  # a restore not logged yet
    query = (AuditEntry.select(AuditEntry.table, AuditEntry.record_id, AuditEntry.action)
             .where((AuditEntry.seq > since.seq) & AuditEntry.action.in_((*REPLAYED, *ANEW))).distinct())
    touched: dict[str, set[str]] = {}
    for table, record_id, action in query.tuples().iterator():
        if action in ANEW:
            raise _PointMoved  # an upgrade described records anew, a backup came back, a tail was set aside
        if record_id is not None:
            touched.setdefault(table, set()).add(record_id)
    return touched


def _rows_accounted_for(since: Since, touched: dict[str, set[str]], result: CheckResult) -> None:
    """Each table has the rows it had at the point and those its entries since made (none is ever
    removed: a deletion is a tombstone). A row put in or taken out from outside, which no entry
    names, makes the check whole, which names it."""
    result.rows = _rows()
    for table, count in result.rows.items():
        if count != since.rows.get(table, 0) + len(_new_since(table, touched.get(table, set()), since)):
            raise _PointMoved


def _rows() -> dict[str, int]:
    return {model._meta.table_name: model.select().count() for model in RECORD_TABLES}


def _new_since(table: str, ids: set[str], since: Since) -> set[str]:
    """Of ``ids`` written after the point, those no entry up to it names: made since."""
    ordered, named = sorted(ids), set()
    for start in range(0, len(ordered), BATCH):
        query = (AuditEntry.select(AuditEntry.record_id).where(
            (AuditEntry.table == table) & AuditEntry.record_id.in_(ordered[start:start + BATCH]) &
            (AuditEntry.seq <= since.seq)).distinct())
        named.update(record_id for (record_id,) in query.tuples())
    return ids - named


def _stored_rows(model, ids: set[str] | None = None):
    query = model.select()  # (every column this connection may read: a User's, see its select)
    if ids is not None:
        query = query.where(model.id.in_(sorted(ids)))
    return rows_as_read(query, query.selected_columns)


class Digest(str):
    """A secret this account may not read, as the server gave its digest (the log's form)."""


def _hidden_secrets(model, result: CheckResult) -> dict[str, dict]:
    """The secrets of a table this connection may not read (on a guarded server, the users'
    password hashes), by their digests: the server gives them to an administrator signed in or
    the owner; anyone else's check says it could not compare them."""
    if model is not User or may_read(model._meta.table_name, "password_hash"):
        return {}
    digests = db.execute_sql("SELECT user_id, digest FROM archive_password_digests()").fetchall()
    if not digests and User.select().exists():
        result.warnings.append("未核对用户的密码哈希:服务器只向已登录的管理员或档案数据库的所有者提供")
        return {}
    return {user_id: {"password_hash": Digest(digest)} for user_id, digest in digests}


def _settings_match(expected: dict, result: CheckResult) -> None:
    for row in Setting.select():
        if row.key in settings.UNAUDITED:
            continue
        value = json.loads(row.value)
        if row.key not in expected:
            result.faults.append(f"设置“{row.key}”没有操作日志(不是通过本程序写入的)")
            return
        logged = expected.pop(row.key)
        shown = audit.digest(value) if settings.is_secret(row.key) else value
        if audit.as_logged(shown) != logged and logged != LEGACY_SECRET:
            result.faults.append(f"设置“{row.key}”与操作日志不符(被程序以外的方式改动)")
            return
    missing = [key for key, value in expected.items()
               if value is not None and key not in settings.UNAUDITED and _may_see(key)]
    if missing:
        result.faults.append(f"设置“{missing[0]}”在操作日志中有记载却已不存在")


def _may_see(key: str) -> bool:
    """Whether this connection sees the setting (on a guarded server a user's wrap of the archive
    key is seen only by that user or an administrator, signed in)."""
    return not server_guarded() or db.execute_sql("SELECT guard_sees_wrap(%s)", (key,)).fetchone()[0]


def _compare(model, row: dict, state: dict | None) -> str | None:
    where = f"表{model._meta.table_name}中的记录{row['id']}"
    if state is None:
        return f"{where}没有操作日志(不是通过本程序写入的)"
    if state["__deleted"] != (row["deleted_at"] is not None):
        return f"{where}的删除状态与操作日志不符"
    for f in data_fields(model):
        logged = state.get(f.name)
        if f.name in model.secret:
            if logged in (None, LEGACY_SECRET) or f.name not in row:
                continue
            stored = row[f.name] if isinstance(row[f.name], Digest) else audit.digest(row[f.name])
        else:
            stored = audit.as_logged(row[f.column_name if f.column_name in row else f.name])
        if stored != logged:
            return f"{where}的“{f.verbose_name}”与操作日志不符(数据被程序以外的方式改动)"
    for name in BOOKKEEPING:
        logged = state.get(f"__{name}", _UNLOGGED)
        if logged is not _UNLOGGED and audit.as_logged(row[name]) != logged:
            return f"{where}的簿记字段“{name}”与操作日志不符(数据被程序以外的方式改动)"
    return None


_UNLOGGED = object()  # entries written before the log kept bookkeeping: nothing to compare with


def _attachments(result: CheckResult) -> None:
    _attachment_files(None, result)


def _attachment_files(ids: list[str] | None, result: CheckResult) -> None:
    """The stored files of the attachments (those of ``ids``, or all) against their size and SHA-256."""
    bad = []
    for item in _attachments_of(ids):
        problem = store.file_problem(item.sha256, item.size)
        if problem:
            bad.append(f"“{item.file_name}”{problem}")
    if bad:
        more = f"等{len(bad)}个" if len(bad) > 3 else ""
        result.faults.append(f"附件{'、'.join(bad[:3])}{more}(附件文件夹 {store.store_folder()})")


def _attachments_of(ids: list[str] | None):
    query = Attachment.select(Attachment.file_name, Attachment.sha256, Attachment.size)
    if ids is None:
        yield from query
        return
    for start in range(0, len(ids), BATCH):
        yield from query.where(Attachment.id.in_(ids[start:start + BATCH]))


# -- the start-up check's point, kept on this PC --------------------------------------------------

POINTS = "checked.json"  # in the data folder: {archive's place: {installation, seq, hash, whole_on}}
WHOLE_EVERY = 7  # days between whole start-up checks


def start_up_since() -> Since | None:
    """Where the start-up check of the open archive begins: after the entry the last check that
    passed on this PC verified up to — None (the whole archive) when there is none, it was made
    for another archive at this place, or the last whole check is a week old."""
    point = _points().get(str(archive_location()))
    try:
        days = (clock.today() - dt.date.fromisoformat(point["whole_on"])).days
        if (point["installation"], point["schema"]) != (str(settings.get("installation_id")), schema.SCHEMA_VERSION) \
                or not 0 <= days < WHOLE_EVERY:
            return None
        return Since(int(point["seq"]), str(point["hash"]), {str(t): int(n) for t, n in point["rows"].items()})
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def remember(result: CheckResult) -> None:
    """A passing check's head becomes the next start-up check's point. A whole check that fails
    forgets it (the next start-up check is whole); one since the point that fails keeps it (its
    findings are found again)."""
    points, place = _points(), str(archive_location())
    earlier = points.get(place) if isinstance(points.get(place), dict) else {}
    if not result.ok or result.head is None:
        if result.since is not None or place not in points:
            return
        del points[place]
    else:
        points[place] = {"installation": str(settings.get("installation_id")), "schema": schema.SCHEMA_VERSION,
                         "seq": result.head[0], "hash": result.head[1], "rows": result.rows,
                         "whole_on": clock.today().isoformat() if result.since is None else earlier.get("whole_on")}
    try:
        write_atomically(data_folder() / POINTS, json.dumps(points, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError:
        pass  # (the next start-up check is whole: nothing is lost but time)


def _points() -> dict:
    try:
        points = json.loads((data_folder() / POINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return points if isinstance(points, dict) else {}


def run_check_apart(path: Path, *, cancelled=lambda: False) -> CheckResult | None:
    """The same check in a child process on the archive file at ``path``: a large archive's check
    takes tens of seconds of pure Python, which in the window's process would stall typing (the
    interpreter lock) and keep its memory. The caller waits without holding the lock; when
    ``cancelled()`` (the window is closing) the child is stopped and None returned."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(root), os.environ.get("PYTHONPATH"))))}
    child = subprocess.Popen([sys.executable, "-m", "models.archive.check", str(path)], cwd=root, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    while True:
        try:
            out, err = child.communicate(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            if cancelled():
                child.kill()
                child.communicate()
                return None
    try:
        outcome = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return CheckResult(faults=[f"检查程序未能完成({(err.strip().splitlines() or ['无输出'])[-1]})"])
    return CheckResult(outcome["faults"], outcome["warnings"], outcome["counts"], outcome["schema_version"],
                       outcome.get("since"))


def _check_file(path: str) -> None:
    """The child's side of ``run_check_apart``: one JSON line on stdout."""
    try:
        open_archive(path)
    except Exception as error:  # the parent shows it as the check's finding
        print(json.dumps({"faults": [str(error)], "warnings": [], "counts": {}, "schema_version": 0}))
        return
    try:
        result = run_check(start_up_since())
        remember(result)
    finally:
        close_database(checkpoint=False)  # the window may be writing: no checkpoint from here
    print(json.dumps({"faults": result.faults, "warnings": result.warnings, "counts": result.counts,
                      "schema_version": result.schema_version, "since": result.since}, ensure_ascii=False))


if __name__ == "__main__":
    _check_file(sys.argv[1])
