"""One cold start, as a clerk has it: ``bare`` (a plain PySide6 window, the reference) or
``app`` (the application on an archive: sign-in with the real password check, the main window
on the page it was left on — ``START_PAGE``, 首页 unless given —, the start-up integrity check
started). Prints READY and the wall-clock time when the window has been shown and painted, then
quits."""
import sys
import time

from PySide6.QtCore import QTimer


def ready(app) -> None:
    print("READY", time.time(), flush=True)
    app.quit()


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    QTimer.singleShot(0, lambda: ready(app))
    app.exec()


def application(db: str, password: str, *, until_checked: bool = False) -> None:
    import os

    from ui import config
    from ui.app import make_application, open_or_create
    from ui.login import LoginDialog
    from ui.main_window import MainWindow

    app = make_application()
    config.app_settings().setValue("main/page", int(os.environ.get("START_PAGE", "0")))  # where it was left
    open_or_create(__import__("pathlib").Path(db))
    login = LoginDialog("bench")
    login.show()
    login.password.setText(password)
    login.try_accept()  # the same check as pressing 登录
    window = MainWindow(login.actor)
    window.show()
    window.start_checks(app)
    if until_checked:  # the longest freeze while the start-up check runs, and this process's peak memory
        from tests.bench.heartbeat import Heartbeat

        beat = Heartbeat()
        QTimer.singleShot(0, beat.__enter__)  # from the first turn of the event loop: the window painted
        window.check_operation.finished.connect(lambda: checked(app, beat))
    else:
        QTimer.singleShot(0, lambda: ready(app))
    app.exec()
    from ui.background import finish_all

    finish_all()


def checked(app, beat) -> None:
    beat.__exit__()
    peak = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
    print("CHECKED", beat.longest_ms, int(peak) / 1024, beat.gaps, flush=True)
    app.quit()


if __name__ == "__main__":
    sys.path.insert(0, sys.argv[2])
    if sys.argv[1] == "bare":
        bare()
    else:
        application(sys.argv[3], sys.argv[4], until_checked=sys.argv[1] == "check")
