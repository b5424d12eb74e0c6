"""The integrity check of an archive (``main.py check``, and at start-up).

In order: SQLite's own page check, foreign keys, schema version, the audit chain, every record
against the state its audit trail describes (so an edit made outside the application shows),
and the stored attachment files against their SHA-256.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from peewee import DatabaseError

from models.storage import file_store as store
from models.storage import schema, settings
from models.storage.attachments import Attachment
from models.storage.db import db
from models.storage.record import data_fields
from models.storage.tables import RECORD_TABLES
from models.writing import audit
from models.writing.audit import AuditEntry


@dataclass
class CheckResult:
    faults: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0

    @property
    def ok(self) -> bool:
        return not self.faults


def run_check() -> CheckResult:
    """Check the open archive; never raises on damage, it reports it."""
    result = CheckResult()
    try:
        for step in (_pages, _foreign_keys, _schema, _audit_chain, _records_match_audit, _attachments):
            step(result)
            if result.faults and step in (_pages, _schema):
                break  # later checks read data that is already known to be unreliable
    except (DatabaseError, sqlite3.DatabaseError) as error:
        result.faults.append(f"数据库文件已损坏:{str(error)[:80]}")
    return result


def _pages(result: CheckResult) -> None:
    rows = db.execute_sql("PRAGMA integrity_check(20)").fetchall()
    if rows != [("ok",)]:
        result.faults.append("数据库页面损坏:" + ";".join(r[0] for r in rows[:3]))


def _foreign_keys(result: CheckResult) -> None:
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


def expected_states() -> dict[tuple[str, str], dict]:
    """Each record's field values and deletion state as rebuilt from the audit log alone."""
    states: dict[tuple[str, str], dict] = {}
    query = (AuditEntry.select(AuditEntry.table, AuditEntry.record_id, AuditEntry.action, AuditEntry.changes)
             .where(AuditEntry.action.in_(("create", "update", "delete", "restore", "import")))
             .order_by(AuditEntry.seq).tuples().iterator())
    for table, record_id, action, changes in query:
        state = states.setdefault((table, record_id), {"__deleted": False})
        if action in ("delete", "restore"):
            state["__deleted"] = action == "delete"
            continue
        for name, (_, new) in json.loads(changes).items():
            state[name] = new  # an import also carries "__deleted", the sender's tombstone
    return states


def _records_match_audit(result: CheckResult) -> None:
    states = expected_states()
    for model in RECORD_TABLES:
        table = model._meta.table_name
        checked = [f for f in data_fields(model) if f.name not in model.secret]
        count = 0
        for row in model.select().dicts().iterator():
            count += 1
            fault = _compare(model, row, states.pop((table, row["id"]), None), checked)
            if fault:
                result.faults.append(fault)
                return
        result.counts[table] = count
    record_tables = {model._meta.table_name for model in RECORD_TABLES}
    orphans = [key for key in states if key[0] in record_tables]
    if orphans:
        result.faults.append(f"表{orphans[0][0]}中有{len(orphans)}条记录在操作日志中有记载却已不存在")


def _compare(model, row: dict, state: dict | None, checked) -> str | None:
    where = f"表{model._meta.table_name}中的记录{row['id']}"
    if state is None:
        return f"{where}没有操作日志(不是通过本程序写入的)"
    if state["__deleted"] != (row["deleted_at"] is not None):
        return f"{where}的删除状态与操作日志不符"
    for f in checked:
        stored = json.loads(audit.to_json(row[f.column_name if f.column_name in row else f.name]))
        if stored != state.get(f.name):
            return f"{where}的“{f.verbose_name}”与操作日志不符(数据被程序以外的方式改动)"
    return None


def _attachments(result: CheckResult) -> None:
    bad = []
    for item in Attachment.select(Attachment.file_name, Attachment.sha256, Attachment.size):
        problem = store.file_problem(item.sha256, item.size)
        if problem:
            bad.append(f"“{item.file_name}”{problem}")
    if bad:
        more = f"等{len(bad)}个" if len(bad) > 3 else ""
        result.faults.append(f"附件{'、'.join(bad[:3])}{more}(附件文件夹 {store.store_folder()})")
