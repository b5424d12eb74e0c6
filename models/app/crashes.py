"""A native crash (Qt aborting inside C++, a DLL missing a function) ends the process with no
Python traceback and, from a shortcut, no console: faulthandler writes the Python stack of such a
crash into a file beside the log, and the next start tells the clerk where it is."""
from __future__ import annotations

import faulthandler
from pathlib import Path

from models.storage.paths import log_file

CRASH_NAME = "native-crash.txt"  # this run's (empty unless it crashed)
PREVIOUS_NAME = "native-crash-previous.txt"  # the last crash, kept for whoever helps the clerk

_open: list = []  # the file faulthandler writes to must stay open as long as the program runs


def watch_native_crashes(folder: Path | None = None) -> Path | None:
    """Start writing a native crash's stack to ``CRASH_NAME`` in the log folder; return the file
    where the previous run's crash was kept (None: the previous run ended without one). Never
    raises: a folder that cannot be written only leaves the crash unrecorded."""
    folder = folder or log_file().parent
    current, previous = folder / CRASH_NAME, folder / PREVIOUS_NAME
    crashed = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if current.exists() and current.stat().st_size > 0:
            current.replace(previous)
            crashed = previous
        stream = open(current, "w", encoding="utf-8")  # noqa: SIM115 — kept open for faulthandler
    except OSError:
        return crashed
    faulthandler.enable(stream, all_threads=True)
    _open.append(stream)
    return crashed


def finish_cleanly() -> None:
    """The program is ending normally: what faulthandler wrote meanwhile is no crash (on Windows
    it also dumps exceptions a DLL handled itself, e.g. COM's 0x800706ba in a file dialog), so the
    file is emptied and the next start tells nothing."""
    while _open:
        stream = _open.pop()
        faulthandler.disable()
        try:
            stream.seek(0)
            stream.truncate()
            stream.close()
        except (OSError, ValueError):
            pass


def crash_notice(kept: Path) -> str:
    """What the clerk is told at the start after a crash."""
    return (f"程序上次运行时意外退出。详细情况已记录在:\n{kept}\n"
            "如再次发生,请把此文件和同一文件夹中的日志交给技术支持。")
