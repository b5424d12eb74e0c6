"""Starting the application: one instance per archive, sign-in, the main window."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from models.accounts.users import has_users
from models.app.crashes import crash_notice
from models.errors import ArchiveError
from models.archive.lifecycle import archive_exists, close_archive, create_archive, open_archive
from models.storage.backup import automatic_backup, changed_since
from models.storage.db import archive_location, on_server
from models.storage.lock import ArchiveLock
from models.storage.paths import default_archive
from models.storage.record import utc_now

from .background import collect_garbage_on_gui_thread, finish_all, freeze_start_up
from .errors import ErrorDialog, install_excepthook
from .login import FirstRunDialog, LoginDialog
from .main_window import MainWindow
from .resources import apply_interface_font, install_translations, register_fonts
from .i18n import _t
from .widgets.wheel import install_wheel_policy
from . import windows_theme

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    classic = QApplication.instance() is None and windows_theme.before_application()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if classic:  # (Qt was kept from the desktop's settings: the system colours all the same)
        app.setPalette(windows_theme.system_palette())
    app.setApplicationName("SecretaryArchive")
    app.setOrganizationName("SecretaryArchive")
    app.setApplicationDisplayName(_t("村（社区）党组织书记档案"))
    install_translations(app)
    apply_interface_font(app, register_fonts())
    collect_garbage_on_gui_thread(app)
    install_wheel_policy(app)
    return app


def lock_archive(path: Path) -> ArchiveLock | None:
    """One instance per archive: a second one on the same file (or on another name for it) is
    refused, and so is a command-line restore or import while the window is open."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = ArchiveLock(path)
    return lock if lock.acquire() else None


class _SharedOnServer:
    """An archive on a server is open in many windows at once (each clerk's): nothing to lock here."""

    def acquire(self) -> bool:
        return True

    def release(self) -> None:
        pass


def open_or_create(target: str | Path) -> None:
    if archive_exists(target):
        open_archive(target)
    else:
        create_archive(target)


def sign_in():
    if not has_users():
        return FirstRunDialog.ask()
    return LoginDialog.ask(_t("档案：{path}").format(path=_display_path()))


def _display_path() -> str:
    return str(archive_location())


LAST_ARCHIVE = "archive/last"  # the archive chosen in 档案 → 打开其他档案…, opened at the next start


def start_archive(db_path: str | Path | None) -> tuple[str | Path, bool]:
    """The archive a start opens, and whether it is the one remembered from the last choice:
    ``--db``, else the archive last chosen in the window (a server's, or a file still there),
    else this PC's default archive file."""
    from .config import value

    remembered = value(LAST_ARCHIVE) if not db_path else None
    if remembered and (on_server(remembered) or Path(remembered).exists()):
        return (remembered if on_server(remembered) else Path(remembered)), True
    target = db_path or default_archive()
    return (target if on_server(target) else Path(target).resolve()), False


def open_default_instead(error: Exception) -> bool:
    """The archive chosen last does not open (its server is down, say): the clerk may work in
    this PC's default archive this time; the choice stays for the next start."""
    box = QMessageBox(QMessageBox.Icon.Warning, _t("无法打开档案"),
                      _t("无法打开上次选择的档案：\n{error}\n\n可以先打开本机的默认档案；下次启动仍会先打开上次选择的档案"
                         "（也可在“档案 → 打开其他档案…”中重新选择）。").format(error=error))
    local = box.addButton(_t("打开本机的默认档案"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_t("退出"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is local


def remember_archive(target: str | Path | None) -> None:
    from .config import app_settings

    if target is None:
        app_settings().remove(LAST_ARCHIVE)
    else:
        app_settings().setValue(LAST_ARCHIVE, str(target))


def run_gui(db_path: str | Path | None, *, crashed: Path | None = None) -> int:
    """The window on the archive; ``crashed``: where the previous run's native crash was kept."""
    if crashed is not None and sys.platform == "win32":  # before QApplication(): it may be what crashed
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, crash_notice(crashed), "村（社区）党组织书记档案", 0x30)
    app = make_application()
    if crashed is not None and sys.platform != "win32":
        QMessageBox.warning(None, _t("程序上次意外退出"), crash_notice(crashed))
    install_excepthook()
    path, remembered = start_archive(db_path)
    lock = _SharedOnServer() if on_server(path) else lock_archive(path)
    if lock is None:
        _already_open(path)
        return 1
    try:
        open_or_create(path)
    except (ArchiveError, OSError) as error:
        lock.release()
        if remembered and open_default_instead(error):  # a server down must not keep this PC from starting
            return run_gui(default_archive())
        if not remembered:
            ErrorDialog.show_error(error)
        return 1
    if not lock.acquire():  # a new archive now exists: its identity is locked too
        close_archive()
        _already_open(path)
        return 1
    try:
        while True:  # one session per sign-in; a restore from the window starts a new one
            actor = sign_in()
            if actor is None:
                return 0
            window = MainWindow(actor)
            window.show()
            window.start_checks(app)
            freeze_start_up()
            opened_at = utc_now()
            code = app.exec()
            if not getattr(window, "restart_requested", False):
                backup_on_close(opened_at)
                return code
            chosen = getattr(window, "next_archive", None)
            if chosen is not None:
                backup_on_close(opened_at)  # leaving this archive: as on closing
            path, lock = switch_to(chosen, path, lock)
            if path is None:
                return 1
    finally:
        finish_all()
        close_archive()
        lock.release()


def _already_open(path) -> None:
    sentence = _t("此档案已在另一个窗口中打开：\n{path}\n请切换到那个窗口。").format(path=path)
    QMessageBox.warning(None, _t("档案已打开"), sentence)


def switch_to(target: str | Path | None, path: str | Path, lock) -> tuple:
    """The archive of the next session and its lock: ``target`` when the clerk chose another one
    (its lock taken, the previous one's released), else ``path`` again (after a restore). When
    ``target`` cannot be opened the clerk is told and goes on with ``path``."""
    if target is None or str(target) == str(path):
        return _reopen(path, lock)
    target = target if on_server(target) else Path(target).resolve()
    taken = _SharedOnServer() if on_server(target) else lock_archive(target)
    if taken is None:
        _already_open(target)
        return _reopen(path, lock)
    close_archive()
    try:
        open_archive(target)
    except (ArchiveError, OSError) as error:
        ErrorDialog.show_error(error)
        taken.release()
        return _reopen(path, lock)
    lock.release()
    remember_archive(target)
    return target, taken


def _reopen(path: str | Path, lock) -> tuple:
    """The archive of the session just closed, again; (None, lock) when it no longer opens (a
    server gone away): the clerk is told and the application ends."""
    try:
        open_archive(path)
    except (ArchiveError, OSError) as error:
        ErrorDialog.show_error(error)
        return None, lock
    return path, lock


def backup_on_close(opened_at: str) -> None:
    """A copy when anything changed in this session (the copy thins the older ones itself:
    daily/weekly/monthly, within the size budget)."""
    try:
        if changed_since(opened_at):
            automatic_backup("close")
    except OSError:
        log.exception("backup on close failed")  # never keep the clerk from closing
