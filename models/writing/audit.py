"""The append-only, hash-chained audit log (操作日志).

Each entry's hash is the SHA-256 of its own content together with the previous entry's hash,
so changing, removing or reordering any entry breaks every link after it. The head (last
sequence number and hash) is also kept in the settings so that cutting off the tail shows.

Since schema v12 every entry also carries its own seal, a MAC of its hash under the archive key
(``vault.entry_sealer``): a chain is public arithmetic anyone with the file can redo, a seal is not.
Nothing is written while this PC has not unlocked the archive key, so an entry without a valid
seal was not written by the program, however good its chain (``check`` names it).
"""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from dataclasses import dataclass

from peewee import AutoField, CharField, TextField

from models.errors import ArchiveError
from models.storage import settings, vault
from models.storage.db import current_version, db, on_postgresql, rows_as_read
from models.storage.record import BaseModel, utc_now
from models.storage.settings import Setting
from models.writing import changes as changes_made
from models.writing.actor import Actor


class AuditEntry(BaseModel):
    """Append-only; each entry's hash covers the previous entry's hash (a chain)."""

    seq = AutoField()
    at = CharField(max_length=32, verbose_name="时间")
    actor = CharField(max_length=64, verbose_name="操作人")
    role = CharField(max_length=10, verbose_name="角色")
    installation = CharField(max_length=36, verbose_name="安装")
    action = CharField(max_length=12, verbose_name="操作")
    table = CharField(max_length=40, column_name="table_name", verbose_name="表")
    record_id = CharField(max_length=36, null=True, index=True, verbose_name="记录")
    summary = CharField(max_length=200, verbose_name="摘要")
    changes = TextField(default="{}", verbose_name="变更")  # JSON {field: [old, new]}
    prev_hash = CharField(max_length=64, verbose_name="上一条哈希")
    hash = CharField(max_length=64, verbose_name="哈希")
    seal = CharField(max_length=64, default="", verbose_name="封印")  # schema v12: a MAC of ``hash``


GENESIS = "0" * 64
# Entries that record a reading of the archive (``services.record_event``), not a change of it:
# the views showing those tables have nothing new to show
READINGS = frozenset({"view", "print", "export"})
HEAD_KEY = "audit_head"
HASHED_FIELDS = ("seq", "at", "actor", "role", "installation", "action", "table", "record_id",
                 "summary", "changes", "prev_hash")


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain, separators=(",", ":"))


def as_logged(value):
    """A value as the log holds it once read back (``json.loads(to_json(value))``), without the
    round trip for the plain values most fields hold (the check compares millions of them)."""
    if value is None or type(value) in (str, int, bool):
        return value
    if isinstance(value, (dt.date, dt.datetime, decimal.Decimal, bytes)):
        return _plain(value)
    return json.loads(to_json(value))  # (a float, a list, a dict: exactly as the log would read)


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")  # 40, 40.0 and 40.00 are one value
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    raise TypeError(type(value).__name__)


def compute_hash(entry: dict) -> str:
    canonical = to_json({k: entry[k] for k in HASHED_FIELDS})
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _head() -> tuple[int, str]:
    last = db.execute_sql("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, GENESIS)


def last_seq() -> int:
    """The newest entry's number (0 in an empty log)."""
    return _head()[0]


@dataclass(frozen=True)
class Pending:
    """One entry still to be chained: what happened to which record."""

    action: str
    table: str
    record_id: str | None
    summary: str
    changes: dict | None = None


def append(actor: Actor, installation: str, *, action: str, table: str, record_id: str | None,
           summary: str, changes: dict | None = None) -> dict:
    """Append one entry; call inside the transaction of the change it records."""
    return append_many(actor, installation, [Pending(action, table, record_id, summary, changes)])[-1]


def append_many(actor: Actor, installation: str, pending: list[Pending]) -> list[dict]:
    """Append entries in order with one statement: the chain is computed here, the head written
    once (an import writes thousands of entries; each its own INSERT and head update was most
    of its time). Call inside the transaction of the changes they record."""
    if not pending:
        return []
    if not db.in_transaction():  # the head read here must still be the head when written
        raise RuntimeError("audit.append_many outside the transaction of its changes")
    sealing = sealed_entries()
    if sealing and not vault.unlocked():
        raise ArchiveError(vault.LOCKED_WRITE)
    seq, prev_hash = _head()
    first = seq + 1
    start = _sealed_from(first) if sealing else None  # (before this write's entries are in the log)
    at, entries = utc_now(), []
    seal = vault.entry_sealer()  # (the key looked up once: per entry it was 9% of an import)
    for item in pending:
        seq += 1
        entry = {"seq": seq, "at": at, "actor": actor.username, "role": actor.role, "installation": installation,
                 "action": item.action, "table": item.table, "record_id": item.record_id,
                 "summary": item.summary[:200], "changes": to_json(item.changes or {}), "prev_hash": prev_hash}
        entry["hash"] = prev_hash = compute_hash(entry)
        if sealing:
            entry["seal"] = seal(entry["hash"])
        entries.append(entry)
    columns = ", ".join(AuditEntry._meta.fields[name].column_name for name in entries[0])
    db.cursor().executemany(f"INSERT INTO audit_entry ({columns}) VALUES ({', '.join([db.param] * len(entries[0]))})",
                            [tuple(entry.values()) for entry in entries])
    settings.put_text(HEAD_KEY, to_json([seq, prev_hash]))
    vault.seal_head(seq, prev_hash, start)
    for table in {item.table for item in pending if item.action not in READINGS}:
        changes_made.note(table)
    return entries


def _sealed_from(first: int) -> int:
    """The first entry sealed one by one, as the verified head seal keeps it — or ``first``, this
    write's, when none is sealed yet. Where entries are sealed but the head seal is missing or does
    not verify (removed, to start the sealing again after forged entries), nothing is written."""
    seal = vault.verified_head_seal()
    if seal is not None and seal.sealed_from is not None:
        _require_no_unsealed_tail(seal.seq, first - 1)
        return seal.sealed_from
    if first_sealed_entry() is not None:
        raise ArchiveError("操作日志的封印记录头缺失或被改动,已停止写入档案:" + REPAIR)
    return first


REPAIR = "请运行检查,并请管理员修复操作日志(设置 → 备份与恢复 → 修复操作日志,或命令行 repair-log;见说明书)"


def _require_no_unsealed_tail(sealed_seq: int, head_seq: int) -> None:
    """Entries after the sealed head were appended by someone without the key (the program seals
    the head with every write): sealing a new head over them would vouch for what nobody
    verified, so nothing is written until they are set aside (``repair.set_aside_tail``)."""
    if sealed_seq < head_seq:
        raise ArchiveError(f"操作日志{span(sealed_seq + 1, head_seq)}没有封印,不是本程序写入的,已停止写入档案:" + REPAIR)


def span(first: int, last: int) -> str:
    """Entries ``first`` to ``last`` as a clerk reads them (第5条, 第5至9条)."""
    return f"第{first}条" if first == last else f"第{first}至{last}条"


def writing_stopped() -> str | None:
    """Why nothing may be written over the log as it is (None: writing may go on) — asked at a
    sign-in, which then signs in without writing, so that an administrator can still repair."""
    if not sealed_entries() or not vault.unlocked():
        return None
    try:
        _sealed_from(last_seq() + 1)
    except ArchiveError as stopped:
        return str(stopped)
    return None


def first_sealed_entry() -> int | None:
    """The first entry that carries its own seal (None: none yet)."""
    return db.execute_sql("SELECT MIN(seq) FROM audit_entry WHERE seal <> ''").fetchone()[0]


def sealed_entries() -> bool:
    """Whether the open archive's entries carry their own seal (its log has the column, made by
    schema v12; asked at each write: an upgrade's earlier steps write entries before it exists)."""
    if on_postgresql():
        return current_version() >= SEALED_SINCE
    return any(row[1] == "seal" for row in db.execute_sql("PRAGMA table_info(audit_entry)").fetchall())


SEALED_SINCE = 12  # the schema version that brought the entries' own seals


def digest(value) -> str:
    """How the log records a secret (a password hash, a private key): not the value, but enough
    to see in ``check`` that the stored value is still the one written."""
    return "sha256:" + hashlib.sha256(to_json(value).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainFault:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"操作日志第{self.seq}条{self.problem}"


def verify_chain(after: tuple[int, str] = (0, GENESIS)) -> ChainFault | None:
    """The first broken link, or None when the chain holds: the whole of it, or the entries after
    ``after`` — an entry (seq, hash) verified before — linked on from it."""
    columns = [AuditEntry._meta.fields[name] for name in (*HASHED_FIELDS, "hash")]  # (an old backup has no seals)
    query = AuditEntry.select(*columns).where(AuditEntry.seq > after[0]).order_by(AuditEntry.seq)
    fault, (last_seq, last_hash) = verify_rows(rows_as_read(query, columns), after)
    return fault or _check_head(last_seq, last_hash)


def verify_rows(rows, after: tuple[int, str] = (0, GENESIS)) -> tuple[ChainFault | None, tuple[int, str]]:
    """The first broken link of entries in order, and the last (seq, hash) reached."""
    prev_hash, expected_seq = after[1], after[0] + 1
    for row in rows:
        if row["seq"] != expected_seq:
            return ChainFault(expected_seq, "缺失(序号不连续)"), (expected_seq - 1, prev_hash)
        if row["prev_hash"] != prev_hash:
            return ChainFault(row["seq"], "与上一条的链接不符(日志被改动或删除)"), (expected_seq - 1, prev_hash)
        try:
            intact = compute_hash(row) == row["hash"]
        except (TypeError, ValueError, KeyError):
            intact = False
        if not intact:
            return ChainFault(row["seq"], "内容被改动(哈希不符)"), (expected_seq - 1, prev_hash)
        prev_hash, expected_seq = row["hash"], expected_seq + 1
    return None, (expected_seq - 1, prev_hash)


def _check_head(last_seq: int, last_hash: str) -> ChainFault | None:
    stored = Setting.get_or_none(Setting.key == HEAD_KEY)
    if stored is None:
        return ChainFault(1, "的记录头缺失") if last_seq else None
    try:
        head_seq, head_hash = json.loads(stored.value)
    except (TypeError, ValueError):  # (not a pair: planted)
        return ChainFault(last_seq + 1, "之后的记录头格式不对(不是本程序写入的)")
    if head_seq != last_seq or head_hash != last_hash:
        return ChainFault(last_seq + 1, f"之后的日志缺失(应有{head_seq}条)")
    return None
