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
from models.storage.backup import automatic_backup
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


def plan() -> Repaired:
    """What a repair would do, changing nothing: the last entry kept and the entries set aside.
    ArchiveError when there is nothing to repair or it cannot be done by cutting the tail."""
    if not vault.unlocked():
        raise ArchiveError(vault.LOCKED)
    kept_to, _ = _last_trusted()
    tail = _entries_after(kept_to)
    if not tail and _head_sealed_at(kept_to):
        raise ArchiveError("操作日志完整,记录头已封印:没有需要修复的部分")
    return Repaired(kept_to, tail)


def set_aside_tail(actor: Actor) -> Repaired:
    """Take the unsealed tail out of the chain, kept whole in an audited entry, and seal the head
    again — in one transaction, after a backup of the file as it was."""
    require(actor, "admin")
    if on_postgresql() and not may_change_schema():
        raise ArchiveError("服务器上的操作日志只能用档案数据库的所有者账号修复(它删除日志中的条目):"
                           "请用所有者账号运行 repair-log")
    plan()  # (refused before the backup: nothing to repair, or not by cutting)
    automatic_backup("before-repair")  # (a file's; a server's own backup holds it)
    with db.atomic():
        kept_to, kept_hash = _last_trusted()
        tail = _entries_after(kept_to)
        db.execute_sql(f"DELETE FROM audit_entry WHERE seq > {db.param}", (kept_to,))
        settings.put_text(audit.HEAD_KEY, audit.to_json([kept_to, kept_hash]))
        vault.seal_head(kept_to, kept_hash, audit.first_sealed_entry())
        repaired = Repaired(kept_to, tail)
        audit.append(actor, settings.installation_id(), action=ACTION, table=AuditEntry._meta.table_name,
                     record_id=None, summary=_summary(repaired), changes={"set_aside": tail})
    return repaired


def describe(repaired: Repaired) -> str:
    """What the repair sets aside, as the administrator is asked before it."""
    if not repaired.set_aside:
        return f"操作日志的条目都是本程序写入的,只需重新封印记录头(到第{repaired.kept_to}条)"
    span = audit.span(repaired.set_aside[0]["seq"], repaired.set_aside[-1]["seq"])
    return (f"将保留操作日志到第{repaired.kept_to}条,移出{span}(共{len(repaired.set_aside)}条,"
            f"涉及{len(repaired.records)}条记录)")


def _summary(repaired: Repaired) -> str:
    if not repaired.set_aside:
        return f"修复操作日志:重新封印记录头(第{repaired.kept_to}条)"
    span = audit.span(repaired.set_aside[0]["seq"], repaired.set_aside[-1]["seq"])
    return f"修复操作日志:移出没有封印的{span}(原样保存在本条中)"


def _last_trusted() -> tuple[int, str]:
    """The last entry the key vouches for: the chain holds up to it and every entry from the
    first sealed one carries its own valid seal — and it is not before a head seal that verifies
    (what broke under the sealed head is the middle of the log: refused). Where no head seal
    verifies (removed, or misshapen), the key must vouch for the cut itself: the last entry kept
    carries its own valid seal (a MAC of its hash: the chain behind it is the program's), and no
    entry after it does (one would be the program's own, cut with the rest)."""
    head = vault.verified_head_seal()
    sealed = vault.entry_sealer()
    first_sealed = min(n for n in (audit.first_sealed_entry(), head and head.sealed_from, 10**12) if n is not None)
    last, prev_hash, last_sealed = _walk(sealed, first_sealed)
    if head is not None:
        if last < head.seq:
            raise ArchiveError(f"操作日志第{last + 1}条在已封印的部分之内被改动,不能只移出末尾修复:" + RESTORE)
        return last, prev_hash
    if not last_sealed:
        raise ArchiveError(f"操作日志的封印记录头缺失,第{last}条也没有本档案密钥的封印:无法确定哪些条目是本程序写入的,"
                           "不能只移出末尾修复:" + RESTORE)
    later = _validly_sealed_after(last, sealed)
    if later is not None:
        raise ArchiveError(f"操作日志第{last + 1}条被改动,其后的第{later}条却是本程序写入的,不能只移出末尾修复:" + RESTORE)
    return last, prev_hash


RESTORE = "请从备份恢复(restore),并请管理员与技术人员核实"


def _walk(sealed, first_sealed: int) -> tuple[int, str, bool]:
    """From the first entry: the last one reached with the chain holding and (from
    ``first_sealed`` on) its own seal valid; its hash; whether it carries a valid seal itself."""
    columns = [AuditEntry._meta.fields[name] for name in (*audit.HASHED_FIELDS, "hash", "seal")]
    rows = rows_as_read(AuditEntry.select(*columns).order_by(AuditEntry.seq), columns)
    last, prev_hash, last_sealed, expected = 0, audit.GENESIS, False, 1
    for row in rows:
        has_seal = hmac.compare_digest(row["seal"] or "", sealed(row["hash"]))
        if not (row["seq"] == expected and row["prev_hash"] == prev_hash and _hash_holds(row)
                and (row["seq"] < first_sealed or has_seal)):
            break
        last, prev_hash, last_sealed, expected = row["seq"], row["hash"], has_seal, expected + 1
    return last, prev_hash, last_sealed


def _validly_sealed_after(seq: int, sealed) -> int | None:
    rows = AuditEntry.select(AuditEntry.seq, AuditEntry.hash, AuditEntry.seal).where(AuditEntry.seq > seq)
    for row in rows.order_by(AuditEntry.seq):
        if row.seal and hmac.compare_digest(row.seal, sealed(row.hash)):
            return row.seq
    return None


def _hash_holds(row: dict) -> bool:
    try:
        return audit.compute_hash(row) == row["hash"]
    except (TypeError, ValueError, KeyError):
        return False


def _head_sealed_at(seq: int) -> bool:
    head = vault.verified_head_seal()
    return head is not None and head.seq == seq and audit.last_seq() == seq


def _entries_after(seq: int) -> list[dict]:
    """Every column of the entries after ``seq`` (a server's own stamps too), oldest first."""
    cursor = db.execute_sql(f"SELECT * FROM audit_entry WHERE seq > {db.param} ORDER BY seq", (seq,))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
