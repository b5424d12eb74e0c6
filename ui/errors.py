"""Errors reach people as a sentence and an action; details are copyable, tracebacks go to the log."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout)

from models.errors import ArchiveError, describe_failure

from .resources import icon
from .i18n import _t

log = logging.getLogger(__name__)


def explain(error: BaseException) -> str:
    """One sentence, with what to do, for the errors people actually meet."""
    if isinstance(error, ArchiveError):
        return str(error)
    failure = describe_failure(error)
    if failure:
        return failure
    if isinstance(error, OSError):
        return _t("读写文件时出错：") + (error.strerror or str(error))
    return _t("程序遇到了意外的问题，刚才的操作没有完成，已保存的数据不受影响。请把详细信息复制给技术支持。")


class ErrorDialog(QDialog):
    def __init__(self, sentence: str, details: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("出错了"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        badge = QLabel()
        badge.setPixmap(icon("error", "#b3261e").pixmap(32, 32))
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        self.sentence = QLabel(sentence)
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.sentence, 1)
        layout.addLayout(top)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(160)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        if details:
            self.toggle = QPushButton(_t("详细信息"))
            self.toggle.setCheckable(True)
            self.toggle.toggled.connect(self.details.setVisible)
            copy = QPushButton(icon("copy"), _t("复制详细信息"))
            copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{sentence}\n\n{details}"))
            buttons.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    @classmethod
    def show_error(cls, error: BaseException, parent=None) -> None:
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        cls(explain(error), details, parent).exec()


def install_excepthook() -> None:
    """An unexpected exception in a slot becomes a dialog, never a crash or a console traceback."""

    def hook(kind, error, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unhandled exception", exc_info=(kind, error, tb))
        if QApplication.instance() is not None:
            ErrorDialog.show_error(error, QApplication.activeWindow())

    sys.excepthook = hook
