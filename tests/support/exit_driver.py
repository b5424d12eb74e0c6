"""Start the real application on an archive, sign in, set work going, and quit after a delay:
run by tests/test_exit.py in a fresh interpreter each time, as a clerk starts and quits it.

    python -m tests.support.exit_driver ARCHIVE DELAY_MS
"""
import faulthandler
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from models.personnel.person import Secretary
from models.writing.actor import Actor
from ui import app as app_module


def main(archive: Path, delay_ms: int) -> int:
    # a start that hangs instead of quitting shows where every thread stands (then ends), so the
    # test's failure says why rather than only "timed out"
    faulthandler.dump_traceback_later(90, exit=True)
    app_module.make_application()  # the timers below need the application
    sessions = []

    def sign_in():  # one session, then the sign-in is cancelled
        sessions.append(1)
        return Actor("admin", "管理员", "admin") if len(sessions) == 1 else None

    def print_something() -> None:  # a form rendering in the background when the window closes
        from ui.printing.actions import preview
        window = QApplication.activeWindow() or next(iter(QApplication.topLevelWidgets()), None)
        person = Secretary.live().first()
        if person is not None:
            preview(Actor("admin", "管理员", "admin"), "dossier", parent=window, secretary_id=person.id)

    app_module.sign_in = sign_in
    QTimer.singleShot(delay_ms // 2, print_something)
    QTimer.singleShot(delay_ms, QApplication.closeAllWindows)
    return app_module.run_gui(archive)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
