"""What the writes touched, so that open views can refresh (in the spirit of Anki's ``OpChanges``).

Every write of the archive appends an audit entry naming its table (``audit.append``), and the
audit log notes the table here. A view layer asks ``take()`` after an operation and is told, once,
which tables changed since it last asked. Kept per thread: a write on a worker thread is reported
by that worker when it finishes, after its transaction committed.
"""
from __future__ import annotations

import threading

_local = threading.local()


def note(table: str) -> None:
    if table:
        if not hasattr(_local, "tables"):
            _local.tables = set()
        _local.tables.add(table)


def take() -> frozenset[str]:
    """The tables written on this thread since the last ``take``."""
    tables = frozenset(getattr(_local, "tables", ()))
    _local.tables = set()
    return tables
