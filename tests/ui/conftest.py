import gc

import pytest

from ui.app import make_application
from ui.background import collect_garbage_on_gui_thread


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(qapp):
    """As in the application: Python's cyclic collector never runs in a worker thread, where it
    would destroy a window's Qt objects (a model, an operation) off the GUI thread — a crash."""
    collect_garbage_on_gui_thread(qapp)


@pytest.fixture
def gui(qapp):
    """The application as users get it: bundled fonts, Chinese Qt dialogs."""
    app = make_application()
    yield app
    gc.collect()  # on the GUI thread, as the application's timer does (never in a worker)


@pytest.fixture(autouse=True)
def error_dialogs(monkeypatch):
    """The messages the error dialog would show (a modal dialog would stop the test run)."""
    from ui.errors import ErrorDialog, explain

    shown: list[str] = []
    monkeypatch.setattr(ErrorDialog, "show_error",
                        classmethod(lambda cls, error, parent=None: shown.append(explain(error))))
    return shown
