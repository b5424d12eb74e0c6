"""Copies of the archive made with SQLite's online backup (consistent while in use)."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from models.storage.db import db


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


def changed_since(stamp: str | None) -> bool:
    """Whether anything was written after ``stamp`` (the last audit entry is newer)."""
    last = db.execute_sql("SELECT at FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    return last is not None and (stamp is None or last[0] > stamp)


def thin(folder: Path, *, keep_daily: int = 7, keep_weekly: int = 5, keep_monthly: int = 12) -> list[Path]:
    """Keep the newest automatic copy of each of the last days, weeks and months; remove the rest.
    Copies made before an upgrade, import or restore are never removed here."""
    copies = sorted(folder.glob("*-close.sqlite"), reverse=True)
    keep: set[Path] = set()
    for key, limit in ((lambda d: d.date(), keep_daily), (lambda d: d.isocalendar()[:2], keep_weekly),
                       (lambda d: (d.year, d.month), keep_monthly)):
        seen = []
        for copy in copies:
            when = _stamp(copy)
            if when is not None and key(when) not in seen and len(seen) < limit:
                seen.append(key(when))
                keep.add(copy)
    removed = [copy for copy in copies if copy not in keep and _stamp(copy) is not None]
    for copy in removed:
        copy.unlink(missing_ok=True)
    return removed


def _stamp(copy: Path) -> dt.datetime | None:
    parts = copy.stem.split("-")
    try:
        return dt.datetime.strptime(f"{parts[-4]}-{parts[-3]}", "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        return None
