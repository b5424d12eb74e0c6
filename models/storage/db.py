"""The one database handle of the process, opened when an archive is opened.

``db`` is a proxy bound when an archive is opened, so that models can be declared at import time
and used with whichever archive the user or a test opens: a SQLite file on this PC (a township's,
the default) or a PostgreSQL database on a district's server (``postgresql://user@host/dbname``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import (DatabaseProxy, Field, ForeignKeyField, IntegerField, InterfaceError, OperationalError,
                    PostgresqlDatabase, SqliteDatabase, _StringField)

from models.errors import ArchiveError, connection_lost
from models.storage import driver

# FULL synchronous mode: a clerk's PC may lose power; WAL + FULL means a committed write survives.
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,  # 16 MB page cache
}
SERVER_SCHEMES = ("postgresql", "postgres")

db = DatabaseProxy()
_opened: list = [None]  # the archive as it was opened: a path, or a server URL


def on_server(target: str | Path) -> bool:
    """Whether ``target`` names a database on a PostgreSQL server rather than an archive file."""
    return urlsplit(str(target)).scheme in SERVER_SCHEMES


def archive_target(text: str) -> str | Path:
    """``--db`` as given: a server URL stays a string (a path would fold its ``//``)."""
    return text if on_server(text) else Path(text)


def open_database(target: str | Path):
    """Bind ``db`` to the archive ``target`` (a file path or a server URL) and connect, closing
    any previous one."""
    if db.obj is not None and not db.is_closed():
        db.close()
    db.initialize(_server_database(str(target)) if on_server(target) else SqliteDatabase(str(target), pragmas=PRAGMAS))
    db.connect()
    _opened[0] = target
    return db


def archive_location() -> str | Path:
    """The open archive as it was opened — its file, or its server URL — for showing it and for
    another process (the start-up check, batch printing) to open the same one."""
    return _opened[0] if on_server(_opened[0] or "") else database_path()


WRITERS_LOCK = 0x41554454  # the advisory lock held by each writing transaction on a server ("AUDT")
WRITERS_WAIT = "30s"  # the longest a save waits for another clerk's (an import takes a few seconds)
IDLE_WRITER = "60s"  # a writing transaction idle this long (its PC died) is ended by the server


class ServerDatabase(PostgresqlDatabase):
    """An archive on a server: writing transactions take their turn, as a file's writers do.

    The rules were written for one writer at a time: the audit log's next entry follows the
    last, and a rule across the archive (one file per ID number, one campaign per year) reads
    what is there before writing. With clerks writing at once each transaction first waits for
    the one before it to commit, then reads; a snapshot for reading alone is asked for with an
    isolation level (``db.atomic(isolation_level=…)``) and does not wait.

    A connection the server dropped (a restart, the network) is made again at the next statement
    or transaction begun outside a transaction (as playhouse's ReconnectMixin does, but judged by
    the error's SQLSTATE and the connection's state, not by English words a Chinese server does
    not say); inside one the failure is reported and nothing of the transaction is kept."""

    def execute_sql(self, sql, params=None, commit=None):
        return self._again_if_dropped(super().execute_sql, sql, params)

    def begin(self, isolation_level=None):
        self._again_if_dropped(super().begin, isolation_level)
        if isolation_level is None:  # (the plain execute: a reconnect here would lose the BEGIN)
            # a writer stuck on another PC must not hold this clerk's window for ever, nor a PC
            # that died in the middle of a save hold everyone's
            try:
                PostgresqlDatabase.execute_sql(self, f"SET LOCAL lock_timeout = '{WRITERS_WAIT}'")
                PostgresqlDatabase.execute_sql(self, f"SET LOCAL idle_in_transaction_session_timeout = '{IDLE_WRITER}'")
                if self.guarded():  # a row lock only the guard's function takes: a session's lock cannot stop saves
                    PostgresqlDatabase.execute_sql(self, "SELECT archive_take_turn()")
                else:
                    PostgresqlDatabase.execute_sql(self, "SELECT pg_advisory_xact_lock(%s)", (WRITERS_LOCK,))
            except Exception:
                self.rollback()  # the transaction never started for peewee: end it here
                raise

    # What this connection learnt of the archive's guard (docs/server-guard.md), asked once each.
    resume_session = None  # signs this connection's user in again after a reconnect (users.py sets it)

    def guarded(self) -> bool:
        """Whether the archive has the server's guard (schema v13): its user signs in to the server."""
        return self._known("guarded", lambda: PostgresqlDatabase.execute_sql(
            self, "SELECT to_regprocedure('archive_sign_in(text, text)') IS NOT NULL").fetchone()[0])

    def may_read(self, table: str, column: str) -> bool:
        """Whether this connection's account may read a column (the clerks' may not read the hashes)."""
        return self._known(f"read:{table}.{column}", lambda: PostgresqlDatabase.execute_sql(
            self, "SELECT to_regclass(%s) IS NULL OR has_column_privilege(%s, %s, 'SELECT')",
            (f'"{table}"', f'"{table}"', column)).fetchone()[0])

    def _known(self, name: str, ask):
        known = self.__dict__.setdefault("_learnt", {})
        if name not in known:
            known[name] = bool(ask())
        return known[name]

    def forget_learnt(self) -> None:
        """After a schema change (an upgrade makes the guard) the connection asks again."""
        self.__dict__.pop("_learnt", None)

    def _again_if_dropped(self, run, *args):
        try:
            return run(*args)
        except (OperationalError, InterfaceError) as error:
            connection = self._state.conn
            dropped = connection_lost(error) or (connection is not None and connection.closed)
            if self.in_transaction() or not dropped:
                raise
        self.close()
        self.connect()
        if self.resume_session is not None:  # the server forgot who signed in with the connection
            self.resume_session()
        return run(*args)


# a server that is off answers in seconds, not after minutes; a PC that vanished in the middle of
# a save is noticed by the server within a minute (and its turn to write given to the next)
CONNECTION_DEFAULTS = {"connect_timeout": 10, "keepalives_idle": 30, "keepalives_interval": 10,
                       "keepalives_count": 3}


def _server_database(url: str) -> PostgresqlDatabase:
    """A PostgreSQL archive. The password never comes with the URL (it would show in the process
    list and the shell's history): libpq reads it from PGPASSWORD or the password file
    (~/.pgpass, %APPDATA%\\postgresql\\pgpass.conf on Windows, or PGPASSFILE)."""
    parts, settings = urlsplit(url), require_server_address(url)
    driver.load()
    options = {"user": unquote(parts.username) if parts.username else None, "host": parts.hostname,
               "port": parts.port, **CONNECTION_DEFAULTS, **settings}
    name = unquote(parts.path.lstrip("/"))
    return ServerDatabase(name, **{key: value for key, value in options.items() if value is not None})


def require_server_address(url: str) -> dict:
    """A server archive's address as it may be used (ArchiveError saying why not); returns the
    libpq settings that may follow it: ?sslmode=require&connect_timeout=10&…"""
    parts = urlsplit(url)
    settings = dict(parse_qsl(parts.query))
    if parts.password is not None or "password" in settings:
        raise ArchiveError("数据库密码不能写在地址里:请用环境变量 PGPASSWORD 或密码文件(PGPASSFILE、~/.pgpass)提供")
    if not unquote(parts.path.lstrip("/")):
        raise ArchiveError(f"数据库地址“{url}”缺少数据库名,应为 postgresql://用户名@服务器/数据库名")
    return settings


def on_postgresql() -> bool:
    """Whether the open archive lives on a PostgreSQL server."""
    return isinstance(db.obj, PostgresqlDatabase)


def server_guarded() -> bool:
    """Whether the open archive is on a server that guards it (its users sign in to the server)."""
    return isinstance(db.obj, ServerDatabase) and db.obj.guarded()


def may_read(table: str, column: str) -> bool:
    """Whether this connection may read the column (always, on a file)."""
    return not isinstance(db.obj, ServerDatabase) or db.obj.may_read(table, column)


def close_database(*, checkpoint: bool = True) -> None:
    if db.obj is not None and not db.is_closed():
        if checkpoint and not on_postgresql():
            # fold the WAL back into the main file so a copied archive is complete on its own
            db.execute_sql("PRAGMA optimize")  # SQLite's advice at closing: statistics kept fresh cheaply
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


def current_version() -> int:
    """The schema version of the open archive (0: not an archive of this program); the steps that
    reach the program's version are ``models.archive.schema``."""
    if on_postgresql():
        exists = db.execute_sql("SELECT to_regclass('schema_version')").fetchone()[0]
        return db.execute_sql("SELECT version FROM schema_version").fetchone()[0] if exists else 0
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def may_change_schema() -> bool:
    """On a server: whether the signed-in account owns the archive's tables (an upgrade, a grant
    and the planner's statistics need it; the clerks' account does not)."""
    return bool(db.execute_sql("SELECT pg_has_role(tableowner, 'USAGE') FROM pg_tables "
                               "WHERE schemaname = current_schema() AND tablename = 'secretary'").fetchone()[0])


def refresh_statistics() -> None:
    """The query planner's statistics, after a change of many rows (an import, an upgrade):
    without them a district's ledger picks the wrong index and a count of a week's reports
    reads half a million rows. Made again in full (seconds at a million reports) only when the
    reports have more than doubled since they were last made; otherwise SQLite's ``optimize``."""
    if on_postgresql():
        if may_change_schema():  # (the clerks' account may not: the server's autovacuum does it)
            db.execute_sql("ANALYZE")  # the server's autovacuum keeps them fresh after that
        return
    reports = db.execute_sql("SELECT COUNT(*) FROM matter_report").fetchone()[0]
    if reports > 2 * _analysed_rows("matter_report") + 1000:
        db.execute_sql("ANALYZE")
    else:
        db.execute_sql("PRAGMA optimize")


def _analysed_rows(table: str) -> int:
    """How many rows the table had when its statistics were made (0 when never)."""
    if not db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return 0
    stats = db.execute_sql("SELECT stat FROM sqlite_stat1 WHERE tbl = ?", (table,)).fetchall()
    return max((int(stat.split()[0]) for (stat,) in stats if stat), default=0)


def database_path() -> Path:
    return Path(db.database)


def rows_as_read(query, fields) -> Iterator[dict]:
    """The rows of ``query`` (which selects ``fields``, in order) as ``.dicts()`` gives them, keyed
    by field name, each value converted only where its type needs it (dates, decimals, booleans):
    text and numbers come from the driver as they are, and converting every value of a whole
    archive was a third of its check. Read in batches, never all at once."""
    names = [f.name for f in fields]
    converted = [(index, f.python_value) for index, f in enumerate(fields) if not _as_read(f)]
    cursor = db.execute(query)
    while rows := cursor.fetchmany(2000):
        for raw in rows:
            if converted:
                raw = list(raw)
                for index, convert in converted:
                    raw[index] = convert(raw[index])
            yield dict(zip(names, raw))


def _as_read(field) -> bool:
    """Whether the driver's value is the field's Python value already (peewee returns it as is)."""
    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    return type(field).python_value is Field.python_value and type(field).adapt in (_StringField.adapt,
                                                                                  IntegerField.adapt)
