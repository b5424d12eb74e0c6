"""The one database handle of the process, opened when an archive is opened.

``db`` is created uninitialised (peewee's deferred init) so that models can be declared at import
time and bound to whichever archive file the user or a test opens.
"""
from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

# FULL synchronous mode: a clerk's PC may lose power; WAL + FULL means a committed write survives.
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,  # 16 MB page cache
}

db = SqliteDatabase(None, pragmas=PRAGMAS)


def open_database(path: str | Path) -> SqliteDatabase:
    """Bind ``db`` to the archive file at ``path`` and connect (closing any previous one)."""
    if not db.is_closed():
        db.close()
    db.init(str(path), pragmas=PRAGMAS)
    db.connect()
    return db


def close_database(*, checkpoint: bool = True) -> None:
    if not db.is_closed():
        if checkpoint:  # fold the WAL back into the main file so a copied archive is complete on its own
            db.execute_sql("PRAGMA optimize")  # SQLite's advice at closing: statistics kept fresh cheaply
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


def refresh_statistics() -> None:
    """The query planner's statistics, after a change of many rows (an import, an upgrade):
    without them a district's ledger picks the wrong index and a count of a week's reports
    reads half a million rows. Made again in full (seconds at a million reports) only when the
    reports have more than doubled since they were last made; otherwise SQLite's ``optimize``."""
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
