"""帮助: the short manual (Chinese, with screenshots) shipped in resources/help, the keyboard
shortcuts, and 关于 with the version."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPlainTextEdit, QTextBrowser, QVBoxLayout

from models.app.licences import licence_text
from models.app.version import VERSION, build
from models.values.reference import RESOURCES

from . import shortcuts
from .widgets.screen import fit_to_screen
from .i18n import _t

HELP = RESOURCES / "help"


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><b>{escape(key)}</b></td><td>{escape(_t(text))}</td></tr>"
                   for key, text in shortcuts.LISTED)
    return f"<h2 id='keys'>{escape(_t('快捷键'))}</h2><table cellpadding='4'>{rows}</table>"


class HelpDialog(QDialog):
    def __init__(self, parent=None, *, anchor: str = ""):
        super().__init__(parent)
        self.setWindowTitle(_t("使用说明"))
        fit_to_screen(self, 820, 700)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(HELP) + "/"))  # the screenshots
        self.browser.setHtml((HELP / "manual.html").read_text(encoding="utf-8") + shortcuts_html())
        if anchor:
            self.browser.scrollToAnchor(anchor)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def about_text() -> str:
    return _t("村（社区）党组织书记档案与“一事一报”管理\n版本 {version}（构建 {build}）\n单机使用，无需联网。").format(
        version=VERSION, build=build() or _t("源码"))


def show_about(parent) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, _t("关于"), about_text(), parent=parent)
    licences = box.addButton(_t("许可…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_t("关闭"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is licences:
        LicenceDialog(parent).exec()


class LicenceDialog(QDialog):
    """关于 → 许可: the licences of Qt/PySide6 and every library, the fonts and Python, in full."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("许可"))
        fit_to_screen(self, 760, 640)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setPlainText(licence_text())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
