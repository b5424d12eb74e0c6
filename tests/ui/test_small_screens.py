"""Every window on the office laptop's screen: at 1366×768 and at 1024×768 (less the taskbar and
the title bar) each window fits and every button outside a scrolling area is on screen.

With SCREENSHOTS=<folder> the windows are saved there as shown at 1366×768."""
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QScrollArea

from models.demo.builder import build_demo
from models.matters.tables import Campaign, MatterReport
from models.personnel.person import Secretary
from models.writing.actor import SYSTEM

# The screen less a 40 px taskbar, less the window frame and title bar (ui.widgets.screen.FRAME).
SCREENS = {"1366x768": (1366 - 16, 768 - 40 - 40), "1024x768": (1024 - 16, 768 - 40 - 40)}


def _main_window(actor, title):
    from ui.main_window import MainWindow
    window = MainWindow(actor)
    window.show_page(title)
    return window


def _file_editor(actor):
    from ui.personnel.file_editor import FileEditor
    return FileEditor(actor, Secretary.live().first().id)


def _report_editor(actor):
    from ui.matters.report_editor import ReportEditor
    return ReportEditor(actor, MatterReport.live().where(MatterReport.kind == "平时报告").first().id)


def _campaign_report(actor):
    from ui.matters.campaign_report import CampaignReportDialog
    report = MatterReport.live().where(MatterReport.kind == "集中报告").first()
    return CampaignReportDialog(actor, Campaign.get_by_id(report.campaign_id), report.secretary_id, report=report)


def _preview(actor):
    from models.app.printing import render_form
    from ui.printing.preview import PrintPreview
    return PrintPreview(render_form("registration", secretary_id=Secretary.live().first().id), "干部任免审批表")


def _print_options(actor):
    from ui.printing.actions import PrintOptionsDialog
    return PrintOptionsDialog("registration", Secretary.live().first().id)


def _blank_forms(actor):
    from ui.printing.actions import BlankFormsDialog
    return BlankFormsDialog(actor)


def _batch(actor):
    from ui.printing.actions import BatchPrintDialog
    return BatchPrintDialog(actor)


def _verification(actor):
    from ui.matters.report_editor import VerificationDialog
    return VerificationDialog()


def _unit(actor):
    from ui.personnel.unit_dialog import UnitDialog
    return UnitDialog(actor)


def _login(actor):
    from ui.login import LoginDialog
    return LoginDialog("档案:示例.sqlite")


def _first_run(actor):
    from ui.login import FirstRunDialog
    return FirstRunDialog()


def _roster_import(actor):
    from ui.personnel.roster_import import RosterImportDialog
    return RosterImportDialog(actor)


def _unlock(actor):
    from ui.login import UnlockDialog
    return UnlockDialog("已自动锁定。请管理员输入密码继续。", "admin")


def _lrmx_import(actor):
    from ui.personnel.lrmx_dialog import LrmxImportDialog
    return LrmxImportDialog(actor)


def _audit_list(actor):
    from ui.personnel.findings_tab import AuditListDialog
    return AuditListDialog()


def _help(actor):
    from ui.help import HelpDialog
    return HelpDialog()


def _settings_tab(actor, tab):
    window = _main_window(actor, "设置")
    window.settings_page.setCurrentWidget(getattr(window.settings_page, tab))
    return window


def _error(actor):
    from ui.errors import ErrorDialog
    return ErrorDialog("磁盘已满,未能保存。请清理磁盘后再试。", "OSError: [Errno 28] No space left on device")


WINDOWS = {
    **{f"main-{title}": (lambda actor, title=title: _main_window(actor, title))
       for title in ("首页", "人事档案", "一事一报", "集中报告", "统计", "数据交换", "设置")},
    "file-editor": _file_editor, "report-editor": _report_editor, "campaign-report": _campaign_report,
    "print-preview": _preview, "print-options": _print_options, "blank-forms": _blank_forms,
    "batch-print": _batch, "verification": _verification, "new-village": _unit, "login": _login,
    "first-run": _first_run, "error": _error, "roster-import": _roster_import, "unlock": _unlock,
    "help": _help, "lrmx-import": _lrmx_import, "audit-list": _audit_list, "settings-organisation": lambda actor: _settings_tab(actor, "organisation"),
    "settings-codes": lambda actor: _settings_tab(actor, "codes"), "settings-backup": lambda actor: _settings_tab(actor, "backups"),
}


def _buttons_off_screen(window) -> list[str]:
    """Buttons a user cannot reach: outside the window and not in something that scrolls."""
    lost = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _scrolls(button, window):
            continue
        corner = button.mapTo(window, button.rect().bottomRight())
        if corner.x() > window.width() or corner.y() > window.height():
            lost.append(button.text() or button.toolTip() or button.objectName())
    return lost


def _cut_at_the_right(window) -> list[str]:
    """Pages and forms that only fit by scrolling sideways (a page wider than the screen hid its
    right edge, 保存 included, behind a horizontal scroll bar)."""
    return [type(area.widget()).__name__ for area in window.findChildren(QScrollArea)
            if area.isVisibleTo(window) and area.widget() is not None and area.horizontalScrollBar().maximum() > 0]


def _scrolls(widget, window) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.fixture
def archive_with_files(gui, admin):
    build_demo(SYSTEM, secretaries=12, seed=9)
    return admin


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_every_window_fits_the_laptop_screens_with_its_buttons_on_screen(archive_with_files, qtbot, name):
    window = WINDOWS[name](archive_with_files)
    qtbot.addWidget(window)
    window.show()
    chosen = window.size()  # the size the window gives itself on a large enough screen
    for screen, (width, height) in SCREENS.items():
        window.resize(width, height)
        QApplication.processEvents()
        assert window.width() <= width and window.height() <= height, (
            f"{name} at {screen}: needs at least {window.minimumSizeHint().width()}×"
            f"{window.minimumSizeHint().height()}")
        assert _buttons_off_screen(window) == [], f"{name} at {screen}"
        assert _cut_at_the_right(window) == [], f"{name} at {screen}: scrolls sideways"
        if screen == "1366x768" and os.environ.get("SCREENSHOTS"):
            window.resize(chosen.boundedTo(window.size()))
            QApplication.processEvents()
            window.grab().save(str(Path(os.environ["SCREENSHOTS"]) / f"{name}.png"))
    if hasattr(window, "ask_unsaved"):  # the file editor: nothing was changed, nothing to ask
        window.ask_unsaved = lambda: None


TYPED_IN = ("file-editor", "report-editor", "campaign-report", "login", "first-run", "print-options", "blank-forms",
            "new-village", "verification", "roster-import", "unlock", "lrmx-import")


@pytest.mark.parametrize("name", TYPED_IN)
def test_tab_moves_through_each_form_top_to_bottom(archive_with_files, qtbot, name):
    """Tab visits the fields in reading order: once round the window it never jumps back up."""
    window = WINDOWS[name](archive_with_files)
    qtbot.addWidget(window)
    window.show()
    window.resize(*SCREENS["1366x768"])
    QApplication.processEvents()
    tops, widget, seen = [], window.nextInFocusChain(), set()
    while widget not in seen and widget is not window:
        seen.add(widget)
        on_screen = widget.isVisibleTo(window) and not widget.visibleRegion().isEmpty()  # not scrolled away
        if on_screen and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            tops.append(widget.mapTo(window, widget.rect().topLeft()).y())
        widget = widget.nextInFocusChain()
    jumps_back = sum(1 for above, below in zip(tops, tops[1:]) if below < above - 8)
    assert len(tops) >= 2 and jumps_back <= 1, f"{name}: {tops}"
    if hasattr(window, "ask_unsaved"):
        window.ask_unsaved = lambda: None
