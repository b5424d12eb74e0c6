"""What the clerks' database account may do on a server archive: only what the program needs.

On a server two accounts are used (see the README): the database's owner, who makes and upgrades
the archive (``init``, ``migrate``, a new version's schema), and the account every PC signs in with.
That account reads and writes records but never deletes a row — the program deletes by tombstone,
an UPDATE — and only appends to the audit log and the file store: with its password a person can
neither rewrite history nor change the schema.
"""
from __future__ import annotations

import re

from models.errors import ArchiveError
from models.storage.db import db

# tables beyond the models' own (schema.py makes them on a server)
SERVER_TABLES = ("schema_version", "stored_file")
APPEND_ONLY = {"audit_entry", "stored_file"}  # written once, never changed
READ_ONLY = {"schema_version"}  # the owner's upgrades write it
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def rights_of(table: str) -> str:
    """The rights of the clerks' account on one table of the archive."""
    if table in READ_ONLY:
        return "SELECT"
    if table in APPEND_ONLY:
        return "SELECT, INSERT"
    return "SELECT, INSERT, UPDATE"


def archive_tables() -> list[str]:
    from models.storage.tables import ALL_TABLES

    return [*SERVER_TABLES, *(model._meta.table_name for model in ALL_TABLES)]


def grant_clerk_rights(role: str) -> dict[str, str]:
    """Give ``role`` exactly the clerks' rights on every table (what it had before is revoked
    first, so running it again after an upgrade leaves the same rights). Run as the owner."""
    if not ROLE_NAME.fullmatch(role):
        raise ArchiveError(f"数据库账号“{role}”不合规范:只能用小写字母、数字和下划线,且不以数字开头")
    owner = db.execute_sql("SELECT current_user").fetchone()[0]
    if role == owner:
        raise ArchiveError(f"“{role}”是档案数据库的所有者:请为各台电脑另建一个账号(见说明书)再授权给它")
    if not db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        raise ArchiveError(f"服务器上没有数据库账号“{role}”:请先由管理员创建(CREATE ROLE {role} LOGIN PASSWORD …)")
    granted = {}
    with db.atomic():
        database = db.execute_sql("SELECT current_database()").fetchone()[0]
        db.execute_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"')
        db.execute_sql(f'GRANT USAGE ON SCHEMA "{_schema()}" TO "{role}"')
        for table in archive_tables():
            db.execute_sql(f'REVOKE ALL ON "{table}" FROM "{role}"')
            db.execute_sql(f'GRANT {rights_of(table)} ON "{table}" TO "{role}"')
            granted[table] = rights_of(table)
    return granted


def clerk_accounts() -> list[str]:
    """The accounts given the clerks' rights on this archive (those that may read its records)."""
    rows = db.execute_sql(
        "SELECT DISTINCT grantee FROM information_schema.table_privileges WHERE table_schema = %s "
        "AND table_name = 'secretary' AND privilege_type = 'SELECT' AND grantee <> current_user ORDER BY grantee",
        (_schema(),)).fetchall()
    return [grantee for (grantee,) in rows]


def may_change_schema() -> bool:
    """Whether the signed-in account owns the archive's tables (an upgrade needs it)."""
    return bool(db.execute_sql("SELECT pg_has_role(tableowner, 'USAGE') FROM pg_tables "
                               "WHERE schemaname = %s AND tablename = 'secretary'", (_schema(),)).fetchone()[0])


def _schema() -> str:
    return db.execute_sql("SELECT current_schema()").fetchone()[0]
