"""Backups: the whole archive in one file — the database and the attachment files it references.

A backup is a zip: ``manifest.json`` (what it is, when and why it was made, which archive, the
SHA-256 and size of every member and attachment), ``archive.sqlite`` (SQLite's online backup of the
open archive: consistent while in use) and ``files/<sha256>`` for the scans and photos. It is
written under a temporary name, flushed and renamed, then read back and verified, so a full disk or
a pulled stick never leaves a file that looks like a good backup.

A backup made for a stick (``backup --out``) holds its attachment files itself and restores on any
PC. The automatic copies in the ``backups`` folder beside the archive keep their attachment files
once, by hash, in ``backups/files`` (scans are large and rarely change): each copy still restores
on its own, needing only that folder. Copies are thinned per archive and kept within a size budget.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from models.errors import ArchiveError
from models.storage import file_store, settings
from models.storage.db import db, on_postgresql
from models.storage.files import fsync_folder, write_atomically

FORMAT = 1
DATABASE = "archive.sqlite"
POOL = "files"
BUDGET_SETTING = "backup_budget_multiple"  # the copies of one archive together: at most this × the archive


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    reason: str
    installation_id: str
    township: str
    size: int
    pooled: bool
    damaged: bool = False  # a raw copy of an archive that could not be read (kept before a restore)

    @property
    def reason_text(self) -> str:
        for prefix, words in (("close", "关闭时自动备份"), ("before-import", "导入交换包前"),
                              ("before-restore", "恢复前保留的原档案"), ("before-upgrade", "升级前"),
                              ("before-repair", "修复操作日志前"),
                              ("manual", "手动备份")):
            if self.reason.startswith(prefix):
                return words
        return self.reason


def backup_folder(archive_path: Path) -> Path:
    return Path(archive_path).parent / "backups"


def _sha256_of(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _attachment_files() -> dict[str, int]:
    """sha256 → size of every stored file the archive references (deleted records' files too:
    a record restored from the recycle bin needs its scan)."""
    rows = db.execute_sql("SELECT DISTINCT sha256, size FROM attachment").fetchall()
    return {sha: size for sha, size in rows}


def _database_copy(folder: Path) -> Path:
    """A consistent copy of the open archive (SQLite's online backup), in rollback-journal mode."""
    handle, name = tempfile.mkstemp(prefix="backup-", suffix=".sqlite", dir=folder)
    os.close(handle)
    destination = sqlite3.connect(name)
    try:
        db.connection().backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    return Path(name)


def write_backup(target: Path, *, reason: str = "manual", pool: Path | None = None) -> Path:
    """Write a complete backup of the open archive to ``target`` and verify it. With ``pool``,
    the attachment files go there (once each) instead of into the zip."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    database = _database_copy(target.parent)
    try:
        files = _attachment_files()
        manifest = {"format": FORMAT, "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    "reason": reason, "installation_id": settings.get("installation_id"),
                    "township": settings.get("township_name") or "", "mode": settings.get("mode"),
                    "database": {"sha256": _sha256_of(database), "size": database.stat().st_size},
                    "files": files, "pooled": pool is not None}
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.write(database, DATABASE)
            for sha in sorted(files):
                source = file_store.path_for(sha)
                if not source.exists():
                    raise ArchiveError(f"附件文件缺失(SHA-256 {sha[:12]}…),备份未完成;请先运行检查")
                if pool is not None:
                    _into_pool(pool, sha, source)
                else:
                    archive.write(source, f"{POOL}/{sha}", compress_type=zipfile.ZIP_STORED)
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        fsync_folder(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        database.unlink(missing_ok=True)
    read_backup(target)  # read back: a stick that lies about its writes is caught here
    return target


def _into_pool(pool: Path, sha: str, source: Path) -> None:
    target = pool / sha[:2] / sha
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return

    write_atomically(target, source.read_bytes())


def read_backup(path: Path) -> BackupInfo:
    """The backup's manifest, after checking every member against it (ArchiveError otherwise)."""
    manifest = _manifest(path)
    with zipfile.ZipFile(path) as archive:
        _check_member(archive, DATABASE, manifest["database"]["sha256"], path)
        pooled = manifest.get("pooled", False)
        for sha in manifest.get("files", {}):
            if pooled:
                pooled_file = backup_folder_of(path) / POOL / sha[:2] / sha
                if not pooled_file.exists() or _sha256_of(pooled_file) != sha:
                    raise ArchiveError(f"备份“{path.name}”的附件(SHA-256 {sha[:12]}…)不在备份文件夹中或已损坏;"
                                       "请改用“备份到U盘”生成的完整备份")
            else:
                _check_member(archive, f"{POOL}/{sha}", sha, path)
    return _info(path, manifest)


def backup_folder_of(backup: Path) -> Path:
    return Path(backup).parent


def _manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        if manifest.get("format", 0) > FORMAT:
            raise ArchiveError(f"“{Path(path).name}”由较新版本的程序生成,请先升级本程序")
        manifest["database"]["sha256"]
        return manifest
    except ArchiveError:
        raise
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, UnicodeDecodeError):
        raise ArchiveError(f"“{Path(path).name}”不是本程序的备份文件,或已损坏(不完整)") from None


def _check_member(archive: zipfile.ZipFile, name: str, sha: str, path: Path) -> None:
    digest = hashlib.sha256()
    try:
        with archive.open(name) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        raise ArchiveError(f"备份“{path.name}”不完整:缺少或损坏了{name}") from None
    if digest.hexdigest() != sha:
        raise ArchiveError(f"备份“{path.name}”中的{name}已损坏(校验值不符)")


def _info(path: Path, manifest: dict) -> BackupInfo:
    return BackupInfo(Path(path), manifest.get("created_at", ""), manifest.get("reason", ""),
                      manifest.get("installation_id") or "", manifest.get("township") or "",
                      Path(path).stat().st_size, bool(manifest.get("pooled")), bool(manifest.get("damaged")))


def extract_database(path: Path, folder: Path) -> Path:
    """The backup's database, copied out to ``folder`` (the backup was verified by ``read_backup``)."""
    handle, name = tempfile.mkstemp(prefix="restore-", suffix=".sqlite", dir=folder)
    os.close(handle)
    with zipfile.ZipFile(path) as archive, archive.open(DATABASE) as source, open(name, "wb") as target:
        for block in iter(lambda: source.read(1 << 20), b""):
            target.write(block)
        target.flush()
        os.fsync(target.fileno())
    return Path(name)


def extract_files(path: Path, info: BackupInfo, store: Path) -> int:
    """The backup's attachment files that ``store`` does not have yet; returns how many."""
    manifest = _manifest(path)
    added = 0
    with zipfile.ZipFile(path) as archive:
        for sha in manifest.get("files", {}):
            target = store / sha[:2] / sha
            if target.exists() and _sha256_of(target) == sha:
                continue
            data = ((backup_folder_of(path) / POOL / sha[:2] / sha).read_bytes() if info.pooled
                    else archive.read(f"{POOL}/{sha}"))
            write_atomically(target, data)
            added += 1
    return added


# -- automatic copies ----------------------------------------------------------------------------

def automatic_backup(reason: str) -> Path | None:
    """A copy in the ``backups`` folder beside the open archive (before an upgrade, an import, a
    restore, or on closing after changes), then that archive's copies thinned. None for an archive
    on a server: the server's own backup (pg_dump, see the README) holds it."""
    if on_postgresql():
        return None
    archive = Path(db.database)
    folder = backup_folder(archive)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = write_backup(folder / f"{archive.stem}-{stamp}-{reason}.zip", reason=reason, pool=folder / POOL)
    thin(folder, installation_id=settings.get("installation_id"), archive_size=archive_size())
    return path


def archive_size() -> int:
    """The open archive's size: its pages (wherever they are, main file or WAL) and its files."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0] * db.execute_sql("PRAGMA page_size").fetchone()[0]
    return pages + sum(_attachment_files().values())


def changed_since(stamp: str | None) -> bool:
    """Whether anything was written after ``stamp`` (the last audit entry is newer)."""
    last = db.execute_sql("SELECT at FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    return last is not None and (stamp is None or last[0] > stamp)


def list_backups(folder: Path, *, installation_id: str | None = None) -> list[BackupInfo]:
    """The copies in ``folder`` (of one archive when ``installation_id`` is given), newest first."""
    found = []
    for path in Path(folder).glob("*.zip"):
        try:
            manifest = _manifest(path)
        except ArchiveError:
            continue
        info = _info(path, manifest)
        if installation_id is None or info.installation_id == installation_id:
            found.append(info)
    return sorted(found, key=lambda info: info.created_at, reverse=True)


KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_OTHERS = 7, 5, 12, 3
KEEP_LATEST_CLOSES = 5  # a morning's copy survives the afternoon's close: the day's mistake is undone from it


def thin(folder: Path, *, installation_id: str, archive_size: int = 0) -> list[Path]:
    """Thin this archive's copies (others sharing the folder are left alone): the last few copies
    made on closing, and the newest of each of the last days, weeks and months; the last few made before imports,
    restores and upgrades; then the oldest go until all fit the size budget, the newest of each
    kind always kept. Attachment files no copy refers to any more leave the shared pool."""
    copies = list_backups(folder, installation_id=installation_id)
    closes = [c for c in copies if c.reason == "close"]
    keep = _calendar_keep(closes) | {c.path for c in closes[:KEEP_LATEST_CLOSES]}
    by_reason: dict[str, list[BackupInfo]] = {}
    for copy in copies:
        if copy.reason not in ("close", "manual"):
            by_reason.setdefault(copy.reason.split("-v")[0], []).append(copy)
    for group in by_reason.values():
        keep |= {c.path for c in group[:KEEP_OTHERS]}
    keep |= {c.path for c in copies if c.reason == "manual"}
    removed = [c.path for c in copies if c.path not in keep]
    removed += _over_budget([c for c in copies if c.path in keep], archive_size, folder)
    for path in removed:
        path.unlink(missing_ok=True)
    _prune_pool(folder)
    return removed


def _calendar_keep(copies: list[BackupInfo]) -> set[Path]:
    keep: set[Path] = set()
    for key, limit in ((lambda d: d.date(), KEEP_DAILY), (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                       (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen: list = []
        for copy in copies:  # newest first
            when = dt.datetime.fromisoformat(copy.created_at)
            if key(when) not in seen and len(seen) < limit:
                seen.append(key(when))
                keep.add(copy.path)
    return keep


def budget(archive_size: int) -> int:
    return int(archive_size * float(settings.get(BUDGET_SETTING) or 10))


def _over_budget(kept: list[BackupInfo], archive_size: int, folder: Path) -> list[Path]:
    """The oldest copies beyond the budget (newest of each reason never)."""
    if not archive_size:
        return []
    limit = budget(archive_size)
    newest = {}
    for copy in kept:
        newest.setdefault(copy.reason, copy.path)
    total = sum(c.size for c in kept) + _pool_size(folder)
    removed = []
    for copy in reversed(kept):  # oldest first
        if total <= limit:
            break
        if copy.path not in newest.values():
            removed.append(copy.path)
            total -= copy.size
    return removed


def _pool_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in (Path(folder) / POOL).glob("*/*") if p.is_file())


def _prune_pool(folder: Path) -> None:
    referenced: set[str] = set()
    for path in Path(folder).glob("*.zip"):
        try:
            manifest = _manifest(path)
        except ArchiveError:
            continue
        if manifest.get("pooled"):
            referenced |= set(manifest.get("files", {}))
    for stored in (Path(folder) / POOL).glob("*/*"):
        if stored.name not in referenced:
            stored.unlink(missing_ok=True)


def backups_size(folder: Path, installation_id: str) -> int:
    """What this archive's copies take (the shared pool counted whole)."""
    return sum(c.size for c in list_backups(folder, installation_id=installation_id)) + _pool_size(folder)
