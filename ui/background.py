"""Slow work off the GUI thread, on one database worker.

Every operation that reads or writes the archive in the background runs on one thread with its own
connection, the **database worker**: operations run one after another, in the order they were
started, so two never write at once and none reads half of another's write (Anki's collection
thread, with its ``QueryOp`` and ``CollectionOp``). The two helpers:

- ``QueryOp(work, on_success=…, on_failure=…, on_progress=…).start()`` reads (what a read writes
  besides, the audit entry of a print or an export, is announced like any write);
- ``WriteOp(…)`` changes the archive; the views are told which tables it wrote once it committed.

``work(progress, cancelled)`` runs on the worker and never touches widgets; ``progress(done,
total)`` and the callbacks reach the GUI thread through queued signals. The worker's connection
is closed whenever no operation is waiting, so a closed, restored or switched archive is never
held open behind the window's back. An operation that only waits on other processes (the start-up
check in its child, a township printed by worker processes) runs ``apart`` on a thread of its
own, so that it holds up no database work. At quitting, reads not yet begun are dropped and every
write asked for is finished.
"""
from __future__ import annotations

import atexit
import gc
import logging
import threading
from collections import deque

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from models.storage.db import db
from models.writing import changes

from .events import announce

log = logging.getLogger(__name__)
# Operations started and not yet finished, kept referenced until they are: a QThread or a signal's
# receiver destroyed while its work runs aborts the process (a window closed before its operation
# is done). Also read by the garbage timer: no full collection while work runs.
_running: set = set()


class _Emitter(QObject):
    """What the worker signals through: made on the GUI thread without a parent, so that a window
    closed meanwhile (and its operation with it) leaves the worker nothing deleted to emit on."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    ended = Signal(object)  # the tables the work wrote (committed by then)


class _Job:
    """One operation as the worker runs it: plain data, the work and its emitter."""

    def __init__(self, work, emitter: _Emitter, *, dropped_at_quit: bool):
        self.work = work
        self.emitter = emitter
        self.dropped_at_quit = dropped_at_quit
        self.cancel_event = threading.Event()
        self.done = threading.Event()
        self.worker: _Worker | None = None

    def run(self) -> None:
        """On the worker."""
        try:
            if self.dropped_at_quit and _quitting.is_set():
                return  # a read nobody will see
            try:
                result = self.work(progress=self.emitter.progressed.emit, cancelled=self.cancel_event.is_set)
            except Exception as error:  # reported to the user by the failure callback
                log.exception("background operation failed")
                self.emitter.failed.emit(error)
            else:
                self.emitter.succeeded.emit(result)
        finally:
            self.work = None  # what the work held goes now, on the worker
            self.done.set()
            self.emitter.ended.emit(changes.take())


class _Keeper(QObject):
    """On the GUI thread: holds every job until it has ended, then announces what it wrote (whether
    or not the window that started it is still there) and lets it go — after a few more have
    ended, so that its emitter is never freed by the worker still returning from it."""

    def __init__(self):
        super().__init__()
        self.recent: deque = deque(maxlen=32)

    @Slot(object)
    def ended(self, tables) -> None:
        announce(tables)
        ended = {job for job in _running if isinstance(job, _Job) and job.done.is_set()}
        _running.difference_update(ended)
        self.recent.extend(ended)


_keeper: list[_Keeper] = []


def _keep(job: _Job) -> None:
    if not _keeper:
        _keeper.append(_Keeper())
    job.emitter.ended.connect(_keeper[0].ended)
    _running.add(job)


class _Runner(QObject):
    """Lives on a worker thread and runs what is handed to it, one job at a time."""

    def __init__(self, worker: "_Worker"):
        super().__init__()
        self.worker = worker

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            job.run()
        finally:
            self.worker.one_done()


class _Worker(QObject):
    """A thread with its runner; ``submit`` queues a job to it (first in, first out)."""

    submitted = Signal(object)

    def __init__(self, name: str, *, shared: bool):
        super().__init__()
        self.shared = shared
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.runner = _Runner(self)
        self.runner.moveToThread(self.thread)
        self.submitted.connect(self.runner.run)  # the runner lives on the thread: a queued call
        self._lock = threading.Lock()
        self._waiting = 0
        self.idle = threading.Event()
        self.idle.set()
        self.thread.start()

    def submit(self, job: _Job) -> None:
        with self._lock:
            self._waiting += 1
            self.idle.clear()
        job.worker = self
        self.submitted.emit(job)

    def one_done(self) -> None:
        """On the worker, after each job: with nothing waiting, its connection is closed."""
        with self._lock:
            self._waiting -= 1
            empty = self._waiting == 0
        if empty:
            _close_this_threads_connection()
            if not self.shared:
                self.thread.quit()  # an operation apart: its thread ends with it
            self.idle.set()

    def finish(self, milliseconds: int) -> bool:
        """Wait for what is queued, then end the thread; False when it did not end in time."""
        self.idle.wait(milliseconds / 1000)
        self.thread.quit()
        return self.thread.wait(milliseconds)


def _close_this_threads_connection() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


_shared: list[_Worker] = []
_apart: set[_Worker] = set()  # threads of operations apart, until they end


def database_worker() -> _Worker:
    """The one database worker, started on first use (and ended by ``finish_all``, at the latest
    when the interpreter exits: a thread still running then would abort it)."""
    if not _shared:
        _shared.append(_Worker("database worker", shared=True))
        if not _exit_hook:
            atexit.register(finish_all)
            _exit_hook.append(True)
    return _shared[0]


_exit_hook: list = []


def _worker_apart() -> _Worker:
    worker = _Worker("operation apart", shared=False)
    _apart.add(worker)
    worker.thread.finished.connect(lambda: _apart.discard(worker))
    return worker


class Operation(QObject):
    """Work for a worker thread, with success, failure and progress callbacks on the GUI thread:
    ``QueryOp(work, on_success=…, on_failure=…, on_progress=…, parent=…).start()``."""

    finished = Signal()
    dropped_at_quit = False  # a read nobody waits for once the program quits

    def __init__(self, work, *, on_success, on_failure, on_progress=None, parent=None, apart: bool = False):
        super().__init__(parent)
        self.callbacks = {"success": on_success, "failure": on_failure, "progress": on_progress}
        self.apart = apart
        self.job = _Job(work, _Emitter(), dropped_at_quit=self.dropped_at_quit)
        emitter = self.job.emitter
        # connected to this object's slots (it lives on the GUI thread): the callbacks run there
        emitter.succeeded.connect(self._on_success)
        emitter.failed.connect(self._on_failure)
        emitter.progressed.connect(self._on_progress)
        emitter.ended.connect(self._on_end)

    def start(self) -> "Operation":
        _keep(self.job)
        (_worker_apart() if self.apart else database_worker()).submit(self.job)
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it looks at ``cancelled()``); it reports how it ended as usual."""
        self.job.cancel_event.set()

    def cancelled(self) -> bool:
        return self.job.cancel_event.is_set()

    def running(self) -> bool:
        """Started and not yet run to its end."""
        return self.job in _running and not self.job.done.is_set()

    def wait(self, milliseconds: int = 60_000) -> bool:
        """Block until the work has run (the callbacks follow on the event loop)."""
        return self.job.done.wait(milliseconds / 1000)

    @Slot(object)
    def _on_success(self, result) -> None:
        self.callbacks["success"](result)

    @Slot(object)
    def _on_failure(self, error) -> None:
        self.callbacks["failure"](error)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.callbacks["progress"]:
            self.callbacks["progress"](done, total)

    @Slot(object)
    def _on_end(self, tables) -> None:
        self.finished.emit()


class QueryOp(Operation):
    """Reads the archive in the background (dropped, if not begun, when the program quits)."""

    dropped_at_quit = True


class WriteOp(Operation):
    """Changes the archive in the background; finished even when the program quits meanwhile."""


_quitting = threading.Event()
WRITES_AT_QUIT = 10 * 60_000  # a write under way when the window closes (an import) is let finish


def finish_all(milliseconds: int = 30_000) -> None:
    """At quitting: reads still running are asked to stop and those not begun are dropped, writes
    asked for are finished, and the worker threads end, so no thread runs Python while the
    interpreter shuts down (an abort) and none writes after the archive closed."""
    _quitting.set()
    try:
        jobs = [job for job in _running if isinstance(job, _Job)]
        for job in jobs:
            if job.dropped_at_quit:  # a read: asked to stop; a write runs to its end (and commits)
                job.cancel_event.set()
        for worker in {*_shared, *_apart, *(job.worker for job in jobs if job.worker is not None)}:
            writing = any(job.worker is worker and not job.dropped_at_quit for job in jobs)
            if worker.finish(WRITES_AT_QUIT if writing else milliseconds):  # still running: kept (destroyed, it aborts)
                _running.difference_update({job for job in jobs if job.worker is worker})
                _apart.discard(worker)
                if worker in _shared:
                    _shared.remove(worker)
    finally:
        _quitting.clear()


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
