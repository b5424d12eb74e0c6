"""What the clerks' database account may do on a server archive: only what the program needs.

On a server two accounts are used (see the README): the database's owner, who makes and upgrades
the archive (``init``, ``migrate``, a new version's schema), and the account every PC signs in with.
That account reads and writes records but never deletes a row — the program deletes by tombstone,
an UPDATE — and only appends to the audit log and the file store: with its password a person can
neither rewrite history nor change the schema.
"""
from __future__ import annotations

import logging
import re

from peewee import ProgrammingError

from models.archive.tables import ALL_TABLES
from models.errors import ArchiveError
from models.storage import settings
from models.storage.db import db, may_change_schema
from models.writing import services

log = logging.getLogger(__name__)

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
    return [*SERVER_TABLES, *(model._meta.table_name for model in ALL_TABLES)]


ACCOUNTS_KEY = "server_clerk_accounts"  # the accounts given the clerks' rights (an audited setting)


def grant_clerk_rights(actor, role: str) -> tuple[dict[str, str], str]:
    """Give ``role`` exactly the clerks' rights on every table (what it had before is revoked
    first, so running it again leaves the same rights) and record it, so that an upgrade grants
    it the new tables. Only the archive's owner may; never to an owner or a superuser."""
    _require_clerk_account(role)
    with db.atomic():
        granted = _grant(role)
        accounts = clerk_accounts()
        if role not in accounts:
            services.set_setting(actor, ACCOUNTS_KEY, sorted([*accounts, role]),
                                 summary=f"数据库账号 {role} 获得各台电脑使用的权限")
    return granted, _session_limits(role)


def grant_again() -> None:
    """After an upgrade: the recorded clerks' accounts get their rights on what it made — each
    checked again as ``grant`` checks it: the setting is writable by the clerks' account itself, so
    a name in it is never pasted into SQL unchecked, and an owner or superuser is never granted."""
    for role in clerk_accounts():
        try:
            _require_clerk_account(role)
        except ArchiveError as error:
            log.warning("not granted again: %s", error)
            continue
        _grant(role)


def clerk_accounts() -> list[str]:
    accounts = settings.get(ACCOUNTS_KEY) or []
    return [role for role in accounts if isinstance(role, str)] if isinstance(accounts, list) else []


def _require_clerk_account(role: str) -> None:
    if not ROLE_NAME.fullmatch(role):
        raise ArchiveError(f"数据库账号“{role}”不合规范:只能用小写字母、数字和下划线,且不以数字开头")
    if not may_change_schema():
        raise ArchiveError("只有档案数据库的所有者账号可以授权:请用所有者账号(如 archive_owner)运行 grant")
    found = db.execute_sql("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if found is None:
        raise ArchiveError(f"服务器上没有数据库账号“{role}”:请先由管理员创建(CREATE ROLE {role} LOGIN PASSWORD …)")
    owns = db.execute_sql("SELECT pg_has_role(%s, tableowner, 'MEMBER') FROM pg_tables "
                          "WHERE schemaname = %s AND tablename = 'secretary'", (role, _schema())).fetchone()[0]
    if found[0] or owns:
        raise ArchiveError(f"“{role}”是档案数据库的所有者或超级用户:请为各台电脑另建一个账号(见说明书)再授权给它")


def _grant(role: str) -> dict[str, str]:
    if not ROLE_NAME.fullmatch(role):  # (quoted below as an identifier: only such a name may be)
        raise ArchiveError(f"数据库账号“{role}”不合规范")
    from psycopg2 import sql  # (the server's driver quotes every name: none is pasted into SQL)

    granted, account = {}, sql.Identifier(role)
    database = db.execute_sql("SELECT current_database()").fetchone()[0]
    db.execute_sql(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), account))
    db.execute_sql(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(_schema()), account))
    for table in archive_tables():
        db.execute_sql(sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(table), account))
        db.execute_sql(sql.SQL("GRANT " + rights_of(table) + " ON {} TO {}").format(sql.Identifier(table), account))
        granted[table] = rights_of(table)
    _hide_password_hashes(account)
    return granted


HIDDEN_COLUMNS = {"user": ("password_hash",)}  # signing in compares them on the server (server_guard)


def _hide_password_hashes(account) -> None:
    """The users' rows without their password hashes: the column may be written (a new password)
    but not read back. (A right on the whole table covers every column: it is taken back first.)"""
    from psycopg2 import sql

    for table, hidden in HIDDEN_COLUMNS.items():
        columns = [row[0] for row in db.execute_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position", (table,)).fetchall() if row[0] not in hidden]
        db.execute_sql(sql.SQL("REVOKE SELECT ON {} FROM {}").format(sql.Identifier(table), account))
        db.execute_sql(sql.SQL("GRANT SELECT ({}) ON {} TO {}").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table), account))


# A writing transaction left open (a PC that died, or a psql session) is ended by the server; the
# program sets the same for its own transactions, these cover a session that does not. A statement
# running longer than five minutes (none of the program's does: a district's check reads its
# largest table in seconds) is ended too, so that a busy statement holds the writers' turn no longer.
SESSION_LIMITS = {"idle_in_transaction_session_timeout": "60s", "lock_timeout": "30s", "statement_timeout": "300s"}


def _session_limits(role: str) -> str:
    """The clerks' account's time limits, set on the role (needs the right to change roles: the
    owner may not have it — then said, and the README's step for the server's administrator)."""
    from psycopg2 import sql

    try:
        with db.atomic():
            for name, value in SESSION_LIMITS.items():
                db.execute_sql(sql.SQL("ALTER ROLE {} SET {} = {}").format(sql.Identifier(role), sql.Identifier(name),
                                                                          sql.Literal(value)))
    except ProgrammingError:
        return "未能设置会话超时(所有者账号无权修改账号设置,请服务器管理员按说明书设置)"
    return "会话超时:" + "、".join(f"{name} = {value}" for name, value in SESSION_LIMITS.items())


def _schema() -> str:
    return db.execute_sql("SELECT current_schema()").fetchone()[0]
