"""Copies of the archive made with SQLite's online backup (consistent while in use)."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from .db import db


def backup_folder(archive_path: Path) -> Path:
    return archive_path.parent / "backups"


def backup_to(target: Path) -> Path:
    """Write a complete, consistent copy of the open archive to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    destination = sqlite3.connect(partial)
    try:
        db.connection().backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    partial.replace(target)
    return target


def automatic_backup(reason: str) -> Path:
    """A timestamped copy beside the archive, before an upgrade, import or restore."""
    archive = Path(db.database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_to(backup_folder(archive) / f"{archive.stem}-{stamp}-{reason}.sqlite")
