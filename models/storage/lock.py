"""One process at a time changes an archive: the window and the command line honour the same lock.

The lock is an operating-system lock (released by the system when a process dies, so it never goes
stale) on a small file beside the archive (other accounts on the PC see it), and on the archive
file's identity, so that a second name for the same file — a hard link, in another user's data
folder too, another drive letter — is the same archive and is refused: on Linux a whole-file
``flock`` of the archive itself (independent of the byte-range locks SQLite keeps on it); on
Windows, where a lock on the database file would block SQLite's own reads of those bytes, a file
named after the identity (volume and file index) in the per-user data folder.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from models.errors import ArchiveError
from models.storage.paths import data_folder

IN_USE = "档案“{path}”正在被另一个窗口或程序使用。请先关闭那个窗口(或等它完成)后再试;档案没有改动。"


class ArchiveInUse(ArchiveError):
    """Another process holds the archive."""


def _lock_paths(archive: Path) -> list[Path]:
    paths = [archive.with_name(archive.name + ".lock")]
    if archive.exists():
        if os.name == "nt":
            identity = os.stat(archive)
            paths.append(data_folder() / "locks" / f"{identity.st_dev:x}-{identity.st_ino:x}.lock")
        else:
            paths.append(archive)  # the file itself, whatever its name
    return paths


def _try_lock(handle) -> bool:
    try:
        handle.seek(0)
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class ArchiveLock:
    def __init__(self, archive: str | Path):
        self.archive = Path(archive).resolve()
        self.handles: dict[Path, object] = {}

    def acquire(self) -> bool:
        """True when this process now holds the archive; False when another one does. Called
        again once a new archive exists, it adds the lock on the file's identity."""
        for path in _lock_paths(self.archive):
            if path in self.handles:
                continue
            archive_itself = path == self.archive
            if not archive_itself:
                path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "rb" if archive_itself else "a+b")
            if not _try_lock(handle):
                handle.close()
                self.release()
                return False
            self.handles[path] = handle
        return True

    def release(self) -> None:
        for handle in self.handles.values():
            handle.close()  # closing the file releases its lock
        self.handles = {}

    def __del__(self):  # a lock nobody keeps is not held
        self.release()

    @property
    def held(self) -> bool:
        return bool(self.handles)


@contextlib.contextmanager
def exclusive(archive: str | Path):
    """Hold the archive for the block, or refuse with a sentence saying who has it."""
    lock = ArchiveLock(archive)
    if not lock.acquire():
        raise ArchiveInUse(IN_USE.format(path=archive))
    try:
        yield lock
    finally:
        lock.release()
