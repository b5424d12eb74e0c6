"""档案 → 打开其他档案: an archive file on this PC, or the district's archive on its server."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QVBoxLayout)

from models.errors import ArchiveError
from models.storage.db import on_server, require_server_address

from .i18n import _t

SERVER_EXAMPLE = "postgresql://用户名@服务器/数据库名"


class OpenArchiveDialog(QDialog):
    """Asks where the archive is; ``target`` is the chosen file (a Path) or server URL (a str)."""

    def __init__(self, current: str | Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("打开其他档案"))
        self.setMinimumWidth(560)
        self.target: str | Path | None = None
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.file_choice = QRadioButton(_t("本机的档案文件"))
        self.server_choice = QRadioButton(_t("服务器上的数据库（区县、市）"))
        choices = QButtonGroup(self)
        for choice in (self.file_choice, self.server_choice):
            choices.addButton(choice)
        self.file = QLineEdit(str(current) if not on_server(current) else "")
        browse = QPushButton(_t("浏览…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.server = QLineEdit(str(current) if on_server(current) else "")
        self.server.setPlaceholderText(SERVER_EXAMPLE)
        hint = QLabel(_t("密码不在这里填写：请由信息管理员放在本机的数据库密码文件中（见说明书“区县的服务器”）。"))
        hint.setWordWrap(True)
        grid.addWidget(self.file_choice, 0, 0)
        grid.addLayout(file_row, 0, 1)
        grid.addWidget(self.server_choice, 1, 0)
        grid.addWidget(self.server, 1, 1)
        grid.addWidget(hint, 2, 1)
        layout.addLayout(grid)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.server_choice if on_server(current) else self.file_choice).setChecked(True)
        self.file.textEdited.connect(lambda: self.file_choice.setChecked(True))
        self.server.textEdited.connect(lambda: self.server_choice.setChecked(True))

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择档案文件"), self.file.text(), _t("档案 (*.sqlite)"))
        if path:
            self.file.setText(path)
            self.file_choice.setChecked(True)

    def chosen(self) -> str | Path:
        """The target as typed; ValueError with the sentence to show when it cannot be one."""
        if self.server_choice.isChecked():
            url = self.server.text().strip()
            if not on_server(url):
                raise ValueError(_t("服务器上的数据库请按 {example} 填写").format(example=SERVER_EXAMPLE))
            try:
                require_server_address(url)  # no password in it, a database named
            except ArchiveError as error:
                raise ValueError(str(error)) from None
            return url
        path = Path(self.file.text().strip())
        if not self.file.text().strip() or not path.is_file():
            raise ValueError(_t("找不到档案文件“{path}”").format(path=path))
        return path

    def try_accept(self) -> None:
        try:
            self.target = self.chosen()
        except ValueError as error:
            self.message.setText(str(error))
            return
        self.accept()
