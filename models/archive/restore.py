"""Restoring the archive from a backup, so that nothing can be lost on the way.

The caller holds the archive (``lock.exclusive``): no other process writes during a restore. The
backup is verified first — every member's hash, SQLite's own check, the schema version, the tables
of this program, the installation id, the audit chain, every attachment referenced — then:

1. the current archive's WAL is folded into it (its committed writes are in the main file now);
2. the current archive is kept in ``backups`` (a verified backup, or its raw bytes if it cannot be
   read), its attachment files staying where they are;
3. the backup's attachment files are added to the archive's file store (they are content-addressed);
4. the backup's database is written completely beside the archive, flushed, and renamed over it;
5. the restored archive is opened (upgraded when older) and the restore is written in its audit log.

Only an administrator restores (checked here, whoever calls). A kill at any moment leaves the old
archive (with all its committed writes) or the new one, whole.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import zipfile
from pathlib import Path

from models.archive import schema
from models.archive.lifecycle import close_archive, open_archive
from models.errors import ArchiveError
from models.storage.backup import (BackupInfo, backup_folder, extract_database, extract_files, read_backup,
                                   write_backup)
from models.storage.db import close_database, open_database
from models.storage.files import fsync_folder
from models.writing import services
from models.writing.actor import Actor, require
from models.writing.audit import verify_chain

OUR_TABLES = ("setting", "audit_entry", "user", "township", "unit", "secretary", "matter_report", "attachment")


def verify_backup(backup: Path, folder: Path) -> tuple[BackupInfo, Path]:
    """The backup's description and its database extracted to ``folder``, after every check."""
    info = read_backup(backup)
    database = extract_database(backup, folder)
    try:
        _check_database(database, backup)
    except BaseException:
        database.unlink(missing_ok=True)
        raise
    return info, database


def _check_database(database: Path, backup: Path) -> None:
    name = Path(backup).name
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ArchiveError(f"“{name}”中的档案已损坏,不能用来恢复")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            installation = connection.execute(
                "SELECT value FROM setting WHERE key = 'installation_id'").fetchone() if "setting" in tables else None
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise ArchiveError(f"“{name}”不是档案文件,不能用来恢复") from None
    if not set(OUR_TABLES) <= tables or not installation:
        raise ArchiveError(f"“{name}”不是本程序的档案文件,不能用来恢复")
    if not 1 <= version <= schema.SCHEMA_VERSION:
        raise ArchiveError(f"“{name}”的结构版本({version})本程序无法使用")
    _check_chain(database, name)


def _check_chain(database: Path, name: str) -> None:
    open_database(database)
    try:
        fault = verify_chain()
    finally:
        close_database(checkpoint=False)
    if fault is not None:
        raise ArchiveError(f"“{name}”的操作日志不完整({fault}),不能用来恢复")


def restore_from(archive: Path, backup: Path, *, actor: Actor,
                 verified: tuple[BackupInfo, Path] | None = None) -> Path | None:
    """Replace ``archive`` by the backup (an administrator only); returns where the replaced
    archive was kept. The caller holds the archive's lock and has closed it; it is closed after.
    ``verified``: what ``verify_backup(backup, archive.parent)`` gave the caller already."""
    require(actor, "admin")
    archive, backup = Path(archive), Path(backup)
    archive.parent.mkdir(parents=True, exist_ok=True)
    info, database = verified or verify_backup(backup, archive.parent)
    try:
        kept = _keep_current(archive) if archive.exists() else None
        extract_files(backup, info, archive.with_name(archive.stem + "-files"))
        _replace(archive, database)
    finally:
        database.unlink(missing_ok=True)
    _record(archive, actor, backup, info, kept)
    return kept


def _record(archive: Path, actor: Actor, backup: Path, info: BackupInfo, kept: Path | None) -> None:
    """The restore in the restored archive's own log: who put it back, from which copy, and where
    the archive it replaced was kept (opening it also brings an older copy to this version)."""
    open_archive(archive)
    try:  # on a PC that has not unlocked the restored archive's key: at its first sign-in
        services.record_restore_soon(actor, backup=backup.name, created_at=info.created_at,
                                     kept_as=kept.name if kept else None)
    finally:
        close_archive()


def _keep_current(archive: Path) -> Path:
    """Fold the WAL in and keep a verified copy of the archive being replaced (its raw bytes when
    it cannot be read: a damaged archive is kept too)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_folder(archive) / f"{archive.stem}-{stamp}-before-restore.zip"
    try:
        _checkpoint(archive)
        open_database(archive)
        try:
            return write_backup(target, reason="before-restore", pool=backup_folder(archive) / "files")
        finally:
            close_database(checkpoint=False)
    except (sqlite3.DatabaseError, ArchiveError, Exception) as error:  # noqa: BLE001 (any unreadable archive)
        if isinstance(error, OSError) and not isinstance(error, sqlite3.DatabaseError):
            raise  # a full disk: nothing was changed, the restore stops here
        return _raw_copy(archive, target)


def _checkpoint(archive: Path) -> None:
    connection = sqlite3.connect(archive)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _raw_copy(archive: Path, target: Path) -> Path:
    """A damaged archive's bytes, WAL included, as they are."""
    partial = target.with_name(target.name + ".part")
    target.parent.mkdir(parents=True, exist_ok=True)
    manifest = {"format": 1, "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "reason": "before-restore", "damaged": True, "installation_id": "", "township": "",
                "database": {"sha256": "", "size": archive.stat().st_size}, "files": {}}
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as copy:
            for suffix in ("", "-wal"):
                source = Path(str(archive) + suffix)
                if source.exists():
                    copy.write(source, "archive.sqlite" + suffix)
            copy.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _replace(archive: Path, database: Path) -> None:
    partial = archive.with_name(archive.name + ".restore")
    os.replace(database, partial)  # same folder: a rename, no copy
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):  # empty after the checkpoint; the kept copy holds a damaged one's
        Path(str(archive) + suffix).unlink(missing_ok=True)
    os.replace(partial, archive)
    fsync_folder(archive.parent)
