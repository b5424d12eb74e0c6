"""Writing a file so that a crash, a full disk or a pulled USB stick leaves either the old file or
the whole new one, never half of it: a temporary name, flushed and fsynced, then renamed."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def write_atomically(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path


def save_atomically(path: Path, save: Callable[[Path], None]) -> Path:
    """The same for a library that writes the file itself (``save(partial_path)``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    save(partial)
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows flushes it with the file)."""
    if os.name == "nt":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
