"""Repairing the log's tail (``main.py repair-log``): entries someone appended without the key.

The program seals and signs the log's head with every write, so entries after the sealed head —
or, where the head seal itself was removed, after the last entry carrying its own valid seal —
were appended by someone without the archive key (SQL on the file or by a server's owner). The
program stops writing over them (``audit._require_no_unsealed_tail``). An administrator with the
key sets them aside: they leave the chain but not the archive — each is kept whole in the repair's
own entry, which is chained, sealed and signed like any other, so the repair is itself history.

Only a *tail* is repaired: an entry changed in the middle of the log, under the sealed head,
cannot be cut out without breaking the chain of everything after it — that archive is restored
from a backup. Records the set-aside entries claimed to change are not touched: ``check`` then
names each one whose content differs from the log, and the clerk corrects it in the program.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from models.errors import ArchiveError
from models.storage import settings, vault
from models.storage.db import db, may_change_schema, on_postgresql, rows_as_read
from models.writing import audit
from models.writing.actor import Actor, require
from models.writing.audit import AuditEntry

ACTION = "repair_log"


@dataclass(frozen=True)
class Repaired:
    kept_to: int  # the last entry kept in the chain
    set_aside: list[dict]  # the entries taken out, whole

    @property
    def records(self) -> list[tuple[str, str]]:
        """The records the set-aside entries said they changed (table, id), each once."""
        named = {(entry["table_name"], entry["record_id"]) for entry in self.set_aside if entry.get("record_id")}
        return sorted(named)


def set_aside_tail(actor: Actor) -> Repaired:
    """Take the unsealed tail out of the chain, kept whole in an audited entry, and seal the head
    again — in one transaction. ArchiveError when there is nothing to repair or it cannot be."""
    require(actor, "admin")
    if not vault.unlocked():
        raise ArchiveError(vault.LOCKED)
    if on_postgresql() and not may_change_schema():
        raise ArchiveError("服务器上的操作日志只能用档案数据库的所有者账号修复(它删除日志中的条目):"
                           "请用所有者账号运行 repair-log")
    with db.atomic():
        kept_to, kept_hash = _last_trusted()
        tail = _entries_after(kept_to)
        if not tail and _head_sealed_at(kept_to):
            raise ArchiveError("操作日志完整,记录头已封印:没有需要修复的部分")
        db.execute_sql(f"DELETE FROM audit_entry WHERE seq > {db.param}", (kept_to,))
        settings.put_text(audit.HEAD_KEY, audit.to_json([kept_to, kept_hash]))
        first = audit.first_sealed_entry()
        vault.seal_head(kept_to, kept_hash, first)
        repaired = Repaired(kept_to, tail)
        audit.append(actor, settings.installation_id(), action=ACTION, table=AuditEntry._meta.table_name,
                     record_id=None, summary=_summary(repaired), changes={"set_aside": tail})
    return repaired


def _summary(repaired: Repaired) -> str:
    if not repaired.set_aside:
        return f"修复操作日志:重新封印记录头(第{repaired.kept_to}条)"
    span = audit.span(repaired.set_aside[0]["seq"], repaired.set_aside[-1]["seq"])
    return f"修复操作日志:移出没有封印的{span}(原样保存在本条中)"


def _last_trusted() -> tuple[int, str]:
    """The last entry the key vouches for: the chain holds up to it, every entry from the first
    sealed one carries its own valid seal, and it is not after a head seal that verifies. An
    entry broken under a verified head seal is the middle of the log: refused."""
    columns = [AuditEntry._meta.fields[name] for name in (*audit.HASHED_FIELDS, "hash", "seal")]
    rows = rows_as_read(AuditEntry.select(*columns).order_by(AuditEntry.seq), columns)
    sealed = vault.entry_sealer()
    first_sealed = audit.first_sealed_entry()
    head_seq = _verified_head_seq()
    last, prev_hash, expected = 0, audit.GENESIS, 1
    for row in rows:
        good = (row["seq"] == expected and row["prev_hash"] == prev_hash and _hash_holds(row)
                and (first_sealed is None or row["seq"] < first_sealed
                     or hmac.compare_digest(row["seal"] or "", sealed(row["hash"]))))
        if not good:
            break
        last, prev_hash, expected = row["seq"], row["hash"], expected + 1
    if head_seq is not None and last < head_seq:
        raise ArchiveError(f"操作日志第{last + 1}条在已封印的部分之内被改动,不能只移出末尾修复:"
                           "请从备份恢复(restore),并请管理员与技术人员核实")
    return last, prev_hash


def _hash_holds(row: dict) -> bool:
    try:
        return audit.compute_hash(row) == row["hash"]
    except (TypeError, ValueError, KeyError):
        return False


def _verified_head_seq() -> int | None:
    """The entry the stored head seal names, if its MAC verifies (None: missing or not ours)."""
    stored = settings.get(vault.SEAL_KEY)
    if not isinstance(stored, dict):
        return None
    try:
        seq = int(stored["seq"])
        entry_hash = vault.db_hash_of(seq)
        mac = vault.head_seal(seq, entry_hash, stored.get("from")) if entry_hash else None
    except (KeyError, TypeError, ValueError):
        return None
    return seq if mac is not None and hmac.compare_digest(mac, str(stored.get("mac"))) else None


def _head_sealed_at(seq: int) -> bool:
    return _verified_head_seq() == seq and audit.last_seq() == seq


def _entries_after(seq: int) -> list[dict]:
    """Every column of the entries after ``seq`` (a server's own stamps too), oldest first."""
    cursor = db.execute_sql(f"SELECT * FROM audit_entry WHERE seq > {db.param} ORDER BY seq", (seq,))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
