"""The main window: navigation on the left, one page per area of work."""
from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QMessageBox, QStackedWidget, QWidget)

from models.storage import settings
from models.storage.db import archive_location
from models.writing.actor import Actor

from . import config
from . import shortcuts
from .background import QueryOp
from .errors import ErrorDialog
from .idle import IdleWatch
from .login import UnlockDialog
from .resources import icon
from .widgets.screen import fit_to_screen, scrolling
from .widgets.tables import commit_open_editors
from .i18n import _t

STYLE = """
#navigation { background: #22384f; color: #e8eef4; border: none; font-size: 15px; outline: 0; }
#navigation::item { padding: 12px 14px; }
#navigation::item:selected { background: #3b5f82; color: white; }
#pageTitle { font-size: 22px; font-weight: bold; color: #22384f; margin-bottom: 4px; }
#figureCard { background: white; border: 1px solid #d5dde5; border-radius: 6px; }
#figureNumber { font-size: 28px; font-weight: bold; color: #22384f; }
"""


# Each page's module is imported when the page is first shown, not at start-up.
def _home(actor):
    from .pages.home import HomePage
    return HomePage(actor)


def _roster(actor):
    from .personnel.roster_page import RosterPage
    return RosterPage(actor)


def _ledger(actor):
    from .matters.ledger_page import LedgerPage
    return LedgerPage(actor)


def _campaigns(actor):
    from .matters.campaign_page import CampaignPage
    return CampaignPage(actor)


def _statistics(actor):
    from .pages.statistics_page import StatisticsPage
    return StatisticsPage(actor)


def _exchange(actor):
    from .exchange.page import ExchangePage
    return ExchangePage(actor)


def _settings(actor):
    from .pages.settings_page import SettingsPage
    return SettingsPage(actor)


PAGES = (  # key, icon, title (translated where shown), factory
    ("home", "home", QT_TR_NOOP("首页"), _home),
    ("roster", "personnel", QT_TR_NOOP("人事档案"), _roster),
    ("ledger", "matters", QT_TR_NOOP("一事一报"), _ledger),
    ("campaigns", "campaign", QT_TR_NOOP("集中报告"), _campaigns),
    ("statistics", "statistics", QT_TR_NOOP("统计"), _statistics),
    ("exchange", "exchange", QT_TR_NOOP("数据交换"), _exchange),
    ("settings", "settings", QT_TR_NOOP("设置"), _settings),
)


class MainWindow(QMainWindow):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setStyleSheet(STYLE)
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(180)
        self.pages = QStackedWidget()
        self.built: dict[str, QWidget] = {}
        for key, icon_name, title, _ in PAGES:
            self._add_page(icon_name, _t(title), QWidget(objectName=f"placeholder-{key}"))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._navigate)
        self._build_menu()
        self._build_status_bar()
        place = settings.get("township_name") or (_t("区县汇总") if settings.get("mode") == "district" else "")
        self.setWindowTitle(" — ".join(filter(None, (_t("村（社区）党组织书记档案"), place))))
        fit_to_screen(self, 1100, 720)
        self.restore_state()

    def _add_page(self, icon_name: str, title: str, page: QWidget) -> None:
        item = QListWidgetItem(icon(icon_name, "#e8eef4"), title)
        item.setData(Qt.ItemDataRole.UserRole, icon_name)
        self.navigation.addItem(item)
        self.pages.addWidget(page)

    def _navigate(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row][0])
            self.pages.setCurrentIndex(row)

    def page(self, key: str) -> QWidget:
        """The page ``key``, built the first time it is needed (start-up builds only the first)."""
        if key not in self.built:
            row = next(i for i, page in enumerate(PAGES) if page[0] == key)
            page = PAGES[row][3](self.actor)
            placeholder = self.pages.widget(row)
            if key == "home":  # a figure's list opens the file or the report where they are edited
                page.opened.connect(self.open_item)
            if key == "settings":  # a restore replaces the archive: the session starts again
                page.backups.restoring.connect(lambda: self.centralWidget().setEnabled(False))
                page.backups.restored.connect(self.restart)
            self.pages.insertWidget(row, scrolling(page))  # a small screen scrolls the page
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self.built[key] = page
        return self.built[key]

    home = property(lambda self: self.page("home"))
    roster = property(lambda self: self.page("roster"))
    ledger = property(lambda self: self.page("ledger"))
    campaigns = property(lambda self: self.page("campaigns"))
    statistics = property(lambda self: self.page("statistics"))
    exchange = property(lambda self: self.page("exchange"))
    settings_page = property(lambda self: self.page("settings"))

    def page_titles(self) -> list[str]:
        return [self.navigation.item(i).text() for i in range(self.navigation.count())]

    def open_item(self, what: str, item_id: str):
        return (self.page("roster").open_file(item_id) if what == "secretary"
                else self.page("ledger").open_report(item_id))

    def show_page(self, title: str) -> QWidget:
        self.navigation.setCurrentRow(self.page_titles().index(title))
        return self.page(PAGES[self.navigation.currentRow()][0])

    def _build_menu(self) -> None:
        archive_menu = self.menuBar().addMenu(_t("档案(&F)"))
        for text, key, slot in ((_t("新建人事档案(&N)"), shortcuts.NEW_FILE, self.new_file),
                                (_t("查找(&F)"), shortcuts.FIND, self.find),
                                (_t("打印当前页面(&P)"), shortcuts.PRINT, self.print_current),
                                (_t("下一个页面"), shortcuts.NEXT_TAB, lambda: self.step_page(True)),
                                (_t("上一个页面"), shortcuts.PREVIOUS_TAB, lambda: self.step_page(False)),
                                (_t("打开其他档案(&O)…"), None, self.open_other_archive),
                                (_t("退出(&X)"), shortcuts.QUIT, self.close)):
            action = QAction(text, self)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            archive_menu.addAction(action)
        print_menu = self.menuBar().addMenu(_t("打印(&P)"))
        for text, slot in ((_t("空白表格（手工填写）…"), self.print_blank_forms),
                           (_t("查阅借阅登记簿（全部档案）"), self.print_registers),
                           (_t("批量打印人事档案…"), self.print_batch)):
            print_menu.addAction(text).triggered.connect(slot)
        help_menu = self.menuBar().addMenu(_t("帮助(&H)"))
        manual = QAction(_t("使用说明(&M)"), self, shortcut=QKeySequence(shortcuts.HELP))
        manual.triggered.connect(lambda: self.show_help())
        help_menu.addAction(manual)
        keys = QAction(_t("快捷键(&K)"), self)
        keys.triggered.connect(lambda: self.show_help("keys"))
        help_menu.addAction(keys)
        about = QAction(_t("关于(&A)"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- keyboard ------------------------------------------------------------------------------
    def new_file(self):
        self.show_page(_t("人事档案"))
        return self.roster.new_file() if self.actor.can("personnel") else None

    def find(self) -> None:
        """The search box of the page shown; from a page without one, the files' search."""
        current = PAGES[self.navigation.currentRow()][0]
        if current not in ("roster", "ledger"):
            self.show_page(_t("人事档案"))
            current = "roster"
        search = self.page(current).search
        search.setFocus()
        search.selectAll()

    def print_current(self):
        """What the page shown prints: the ledger as filtered, the round's forms, else a choice."""
        current = PAGES[self.navigation.currentRow()][0]
        if current == "ledger":
            return self.ledger.print_ledger()
        if current == "campaigns":
            return self.campaigns.print_forms()
        if current == "roster":
            return self.print_batch()
        return self.print_blank_forms()

    def step_page(self, forward: bool) -> None:
        self.navigation.setCurrentRow(shortcuts.step(self.navigation.currentRow(), self.navigation.count(), forward))

    def show_help(self, anchor: str = ""):
        from .help import HelpDialog

        self.help_dialog = HelpDialog(self, anchor=anchor)
        self.help_dialog.show()
        return self.help_dialog

    def print_blank_forms(self):
        from .printing.actions import BlankFormsDialog

        self.blank_forms = BlankFormsDialog(self.actor, self)
        self.blank_forms.open()
        return self.blank_forms

    def print_registers(self):
        from .printing.actions import preview

        self.print_operation = preview(self.actor, "register", parent=self)
        return self.print_operation

    def print_batch(self):
        from .printing.actions import BatchPrintDialog

        self.batch_dialog = BatchPrintDialog(self.actor, self)
        self.batch_dialog.open()
        return self.batch_dialog

    def _build_status_bar(self) -> None:
        user = QLabel(_t("当前用户：{name}（{role}）").format(name=self.actor.display_name, role=self.actor.role_name))
        where = QLabel(_t("档案：{path}").format(path=archive_location()))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(user)
        self.statusBar().addPermanentWidget(where)

    def restart(self) -> None:
        """Close this session's window; the application opens the archive again with a sign-in."""
        self.restart_requested = True
        self.close()

    def open_other_archive(self) -> None:
        """Another archive (a file, or the district's server): this window closes as on quitting
        (unsaved files asked about) and the application opens that one with a sign-in."""
        from .open_archive import OpenArchiveDialog

        dialog = OpenArchiveDialog(archive_location(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.next_archive, self.restart_requested = dialog.target, True
        if not self.close():  # the clerk kept an unsaved file open: stay here
            self.next_archive, self.restart_requested = None, False

    def show_about(self) -> None:
        from .help import show_about

        show_about(self)

    # -- start-up check and idle lock ----------------------------------------------------------
    def start_checks(self, app) -> None:
        """The integrity check runs after the window is shown, in a child process (a thread would
        hold the interpreter lock and stall typing on a large archive); the idle watch locks the
        window after ten minutes without input."""
        from models.archive.check import run_check_apart

        path = archive_location()
        def work(progress, cancelled):
            return run_check_apart(path, cancelled=cancelled)

        self.check_operation = QueryOp(work, on_success=self.checked, on_failure=self.check_failed, parent=self,
                                      apart=True)  # it waits on the check's own process
        self.check_operation.start()
        self.idle_watch = IdleWatch(app, minutes=float(config.value("security/idle_minutes")), parent=self)
        self.idle_watch.idle.connect(self.lock)

    def checked(self, result) -> None:
        if result is None:
            return  # stopped: the window is closing
        if result.ok:
            self.statusBar().showMessage(_t("档案检查通过") if result.since is None else
                                         _t("档案检查通过（核对了上次检查以来的改动，每周完整检查一次）"), 10_000)
            return
        ErrorDialog(_t("打开档案时的检查发现问题：{faults}。请先不要继续录入，联系技术支持，或在命令行用 restore 从备份恢复。")
                    .format(faults=";".join(result.faults[:3])), "\n".join(result.faults), self).exec()

    def check_failed(self, error) -> None:
        ErrorDialog.show_error(error, self)

    def lock(self) -> bool:
        """Hide the files, and every other window (an open print preview too), until the same
        user types the password again; someone else may switch user or quit instead."""
        if not self.centralWidget().isVisible():
            return False  # already locked (the idle timer fired again behind the dialog)
        self.centralWidget().setVisible(False)
        hidden = [w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()]
        for window in hidden:
            window.hide()
        while True:
            answer = self.ask_unlock()
            if isinstance(answer, Actor) and answer.username == self.actor.username:
                self.centralWidget().setVisible(True)
                for window in hidden:
                    window.show()
                return True
            if answer in (UnlockDialog.SWITCH, UnlockDialog.QUIT) and self.may_drop_unsaved(hidden):
                self.leave_locked(hidden, switch=answer == UnlockDialog.SWITCH)
                return False

    def may_drop_unsaved(self, hidden: list) -> bool:
        """Switching user or quitting at the lock drops what the user who left typed and did not
        save (whoever is here cannot save it in their name): said first, with a way back to the lock."""
        for window in hidden:
            commit_open_editors(window)  # a cell still being typed counts as typed
        unsaved = [w.windowTitle().rstrip(" *") for w in hidden if getattr(w, "is_dirty", lambda: False)()]
        return not unsaved or self.confirm(
            _t("以下窗口有{name}填写但尚未保存的内容，继续将放弃这些内容：\n{windows}\n\n"
               "如需保留，请取消，由{name}输入密码解锁后保存。").format(
                name=self.actor.display_name, windows="\n".join(unsaved)))

    def confirm(self, question: str) -> bool:
        """Asked before unsaved input is dropped (a method, so a test can answer it)."""
        answer = QMessageBox.warning(self, _t("有未保存的内容"), question,
                                     QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def ask_unlock(self):
        """The signed-in actor, or UnlockDialog.SWITCH / QUIT, or None (a wrong answer)."""
        dialog = UnlockDialog(_t("已自动锁定。请{name}输入密码继续。").format(name=self.actor.display_name),
                              self.actor.username, self)
        result = dialog.exec()
        return dialog.actor if result == QDialog.DialogCode.Accepted else result

    def leave_locked(self, hidden: list, *, switch: bool) -> None:
        """Whoever is at the keyboard is not the user who left: open files close without saving
        (and without showing them), then the session ends."""
        for window in hidden:
            if hasattr(window, "discard_changes"):
                window.discard_changes()
            window.close()
        if switch:
            self.restart()
        else:
            self.close()

    def restore_state(self) -> None:
        store = config.app_settings()
        geometry = store.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        page = int(store.value("main/page", config.DEFAULTS["main/page"]))
        self.navigation.setCurrentRow(page if 0 <= page < self.navigation.count() else 0)

    def save_state(self) -> None:
        store = config.app_settings()
        store.setValue("main/geometry", self.saveGeometry())
        store.setValue("main/page", self.navigation.currentRow())
        store.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Quitting (Ctrl+Q, the menu, the close button) closes the open files first, each asking
        about its unsaved changes; one kept open keeps the application open."""
        for window in [w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()]:
            if not window.close():
                event.ignore()
                return
        self.save_state()
        super().closeEvent(event)
