"""Slow work off the GUI thread: one small helper with success, failure and progress callbacks.

The work function receives ``progress(done, total)`` and ``cancelled()``; it never touches
widgets. Results and errors come back on the GUI thread through queued signals.
"""
from __future__ import annotations

import gc
import logging
import threading

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from models.writing import changes

from .events import announce

log = logging.getLogger(__name__)
# Threads still running, kept referenced until they end: a QThread destroyed while running
# aborts the process (it happens when a window closes before its operation is done).
_running: set[tuple] = set()


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    wrote = Signal(object)  # the tables the work wrote (announced on the GUI thread)

    def __init__(self, work):
        super().__init__()
        self.work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result = self.work(progress=self.progressed.emit, cancelled=self.cancel_event.is_set)
        except Exception as error:  # reported to the user by the failure callback
            log.exception("background operation failed")
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            self.wrote.emit(changes.take())  # committed by now: the work's transactions are closed
            QThread.currentThread().quit()  # the thread ends by itself: wait() never blocks on the GUI


class BackgroundOperation(QObject):
    """``BackgroundOperation(work, on_success=…, on_failure=…, on_progress=…).start()``."""

    finished = Signal()

    def __init__(self, work, *, on_success, on_failure, on_progress=None, parent=None):
        super().__init__(parent)
        self.callbacks = {"success": on_success, "failure": on_failure, "progress": on_progress}
        self.thread = QThread()
        self.worker = _Worker(work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Connected to this object's slots (it lives on the GUI thread), so the callbacks run
        # there: a plain function connected directly would run on the worker thread.
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.progressed.connect(self._progressed)
        self.worker.wrote.connect(self._wrote)
        self.thread.finished.connect(self.finished)
        self.thread.finished.connect(lambda thread=self.thread, worker=self.worker: _forget(thread, worker))

    @Slot(object)
    def _succeeded(self, result) -> None:
        self.thread.wait()
        self.callbacks["success"](result)

    @Slot(object)
    def _failed(self, error) -> None:
        self.thread.wait()
        self.callbacks["failure"](error)

    @Slot(object)
    def _wrote(self, tables) -> None:
        announce(tables)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.callbacks["progress"]:
            self.callbacks["progress"](done, total)

    def start(self) -> None:
        _running.add((self.thread, self.worker))
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel_event.set()

    def wait(self, milliseconds: int = 60_000) -> bool:
        return self.thread.wait(milliseconds)


def _forget(thread: QThread, worker: _Worker) -> None:
    _running.discard((thread, worker))


def finish_all(milliseconds: int = 30_000) -> None:
    """At quitting: operations still running are asked to stop and waited for, so no thread runs
    Python while the interpreter shuts down (an abort) and none writes after the archive closed."""
    for thread, worker in list(_running):
        worker.cancel_event.set()
    for thread, worker in list(_running):
        if thread.wait(milliseconds):  # one still running stays referenced: destroying it would abort
            _running.discard((thread, worker))


def collect_garbage_on_gui_thread(app) -> None:
    """Python's cyclic garbage collector runs in whichever thread happens to allocate: in a
    worker it would destroy unreachable widgets off the GUI thread, which crashes Qt (seen as a
    segmentation fault inside ReportLab while a form rendered). Automatic collection is turned
    off and the same generational thresholds are checked from a timer on the GUI thread."""
    if getattr(app, "_garbage_timer", None) is not None:
        return
    gc.disable()
    timer = QTimer(app)
    timer.timeout.connect(_collect_due_generations)
    timer.start(500)
    app._garbage_timer = timer


def _collect_due_generations() -> None:
    counts, thresholds = gc.get_count(), gc.get_threshold()
    # A full collection walks every object the process holds: with an import's records in memory
    # that froze the window for 70–100 ms, three times per import. While work runs in the
    # background only the young generations are collected; the full one comes when it is done
    # (the work's records freed by then). Their garbage is mostly acyclic and freed meanwhile.
    oldest = 1 if _running else 2
    for generation in range(oldest, -1, -1):  # the oldest due generation collects the younger ones too
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


def freeze_start_up() -> None:
    """Everything made while starting (modules, Qt's wrappers, the first page) lives as long as the
    window: moved out of the collector's sight, so no full collection walks it again. (Without a
    collection first: that would delay the first paint; the little garbage frozen with it stays.)
    Once per process: a later session's window (after a restore, a change of user or archive)
    must stay collectable with the one it replaces."""
    if not _frozen:
        gc.freeze()
        _frozen.append(True)


_frozen: list = []
