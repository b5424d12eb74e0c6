"""Restoring the archive from a copy: the copy is checked first, the current archive is kept as a
backup, and only then is the file replaced."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from models.errors import ArchiveError
from models.storage import schema
from models.storage.backup import backup_folder
from models.storage.db import close_database


def check_copy(copy: Path) -> int:
    """The copy's schema version, after SQLite's own check; ArchiveError when unusable."""
    try:
        connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ArchiveError(f"“{copy}”已损坏,不能用来恢复")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            connection.execute("SELECT value FROM setting WHERE key = 'installation_id'").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise ArchiveError(f"“{copy}”不是档案文件,不能用来恢复") from None
    if not 1 <= version <= schema.SCHEMA_VERSION:
        raise ArchiveError(f"“{copy}”的结构版本({version})本程序无法使用")
    return version


def restore_from(archive: Path, copy: Path) -> Path | None:
    """Replace ``archive`` by ``copy``; returns where the replaced archive was kept. The archive is
    not opened (it may be the damaged file being replaced): its bytes are copied aside as they are."""
    check_copy(copy)
    close_database()
    kept = None
    if archive.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        kept = backup_folder(archive) / f"{archive.stem}-{stamp}-before-restore.sqlite"
        kept.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal"):
            if Path(str(archive) + suffix).exists():
                shutil.copyfile(str(archive) + suffix, str(kept) + suffix)
    for suffix in ("-wal", "-shm"):
        Path(str(archive) + suffix).unlink(missing_ok=True)
    partial = archive.with_name(archive.name + ".restore")
    shutil.copyfile(copy, partial)
    partial.replace(archive)
    return kept
