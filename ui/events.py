"""The "archive changed" signal: pages refresh when a write touched what they show.

The domain notes which tables each write touched (``models.writing.changes``); here they are
announced once the write is done: for work on the GUI thread when the event loop is about to
wait again (the handler that wrote has returned, its transaction committed), for a background
operation when it finishes (``ui.background``).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractEventDispatcher, QObject, Signal

from models.writing import changes


class ArchiveEvents(QObject):
    changed = Signal(object)  # frozenset of the table names written


_events: ArchiveEvents | None = None


def events() -> ArchiveEvents:
    global _events
    if _events is None:
        _events = ArchiveEvents()
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.aboutToBlock.connect(flush)
    return _events


def flush() -> None:
    """Announce what the GUI thread wrote since the last announcement."""
    announce(changes.take())


def announce(tables: frozenset[str]) -> None:
    if tables:
        events().changed.emit(tables)


class Watching:
    """A page that shows some tables: refreshed when one of them changes while it is visible,
    or the next time it is shown. The page sets ``watched`` and has ``refresh()``."""

    watched: frozenset[str] = frozenset()
    _stale = False

    def watch_archive(self) -> None:
        events().changed.connect(self._archive_changed)

    def _archive_changed(self, tables: frozenset[str]) -> None:
        if not tables & self.watched:
            return
        if self.isVisible():
            self.archive_changed()
        else:
            self._stale = True

    def archive_changed(self) -> None:
        """What the page does when what it shows changed (by default: read it again)."""
        self.refresh()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.archive_changed()
