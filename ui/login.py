"""Signing in, and creating the administrator on the first start."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout

from models.accounts.users import authenticate, create_first_admin
from models.errors import ArchiveError
from models.storage import settings
from models.writing.actor import Actor
from .i18n import _t


class _Form(QDialog):
    """A small form dialog with an inline message line above the buttons."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.layout_.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.actor: Actor | None = None

    def line(self, label: str, *, secret: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        return edit

    def try_accept(self) -> None:
        try:
            self.actor = self.submit()
        except ArchiveError as error:
            self.message.setText(str(error))
            return
        self.accept()

    def submit(self) -> Actor:
        raise NotImplementedError


class LoginDialog(_Form):
    def __init__(self, archive_label: str, parent=None):
        super().__init__(_t("登录"), parent)
        self.layout_.insertWidget(0, QLabel(archive_label))
        self.username = self.line(_t("用户名"), text="admin")
        self.password = self.line(_t("密码"), secret=True)
        self.password.setFocus()

    def collect(self) -> dict:
        return {"username": self.username.text(), "password": self.password.text()}

    def submit(self) -> Actor:
        data = self.collect()
        try:
            return authenticate(data["username"], data["password"])
        except ArchiveError:
            self.password.clear()
            self.password.setFocus()
            raise

    @classmethod
    def ask(cls, archive_label: str, parent=None) -> Actor | None:
        dialog = cls(archive_label, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


class UnlockDialog(LoginDialog):
    """The idle lock: the same user's password, or — for whoever cannot give it — switching
    user or quitting (the open files' unsaved changes are then not saved)."""

    SWITCH, QUIT = 2, 3

    def __init__(self, message: str, username: str, parent=None):
        super().__init__(message, parent)
        self.setWindowTitle(_t("已锁定"))
        self.username.setText(username)
        self.username.setReadOnly(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()  # locked: no way round
        for text, code in ((_t("切换用户…"), self.SWITCH), (_t("退出程序"), self.QUIT)):
            button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.setToolTip(_t("未保存的修改不会保存"))
            button.clicked.connect(lambda _=False, code=code: self.done(code))

    def reject(self) -> None:
        """Esc and the close button leave the window locked."""


class FirstRunDialog(_Form):
    """The archive has no user yet: whoever installs it becomes the administrator."""

    def __init__(self, parent=None):
        super().__init__(_t("首次使用：创建管理员"), parent)
        intro = QLabel(_t("这是一个新的档案。请设置管理员账号，之后用它登录并为其他人员建立账号。"))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.township = self.district = None
        if settings.get("mode") == "township" and not settings.get("township_name"):
            self.township_use = QRadioButton(_t("乡镇（街道）使用：管理本乡镇的档案"), checked=True)
            self.district = QRadioButton(_t("区县汇总使用：导入、合并各乡镇的交换包"))
            self.form.addRow(_t("本档案用于"), self.township_use)
            self.form.addRow("", self.district)
            self.township = self.line(_t("乡镇（街道）名称"))
            self.district.toggled.connect(lambda district: self.township.setEnabled(not district))
        self.display_name = self.line(_t("姓名"), text=_t("管理员"))
        self.username = self.line(_t("用户名"), text="admin")
        self.password = self.line(_t("密码（至少8位）"), secret=True)
        self.repeat = self.line(_t("再次输入密码"), secret=True)

    def collect(self) -> dict:
        district = self.district is not None and self.district.isChecked()
        return {"mode": "district" if district else None,
                "township": self.township.text().strip() if self.township and not district else None,
                "display_name": self.display_name.text().strip(), "username": self.username.text().strip(),
                "password": self.password.text(), "repeat": self.repeat.text()}

    def validate(self, data: dict) -> None:
        if self.township is not None and data["mode"] is None and not data["township"]:
            raise ArchiveError(_t("请填写乡镇（街道）名称"))
        if not data["username"] or not data["display_name"]:
            raise ArchiveError(_t("请填写姓名和用户名"))
        if data["password"] != data["repeat"]:
            raise ArchiveError(_t("两次输入的密码不一致"))

    def submit(self) -> Actor:
        data = self.collect()
        self.validate(data)
        create_first_admin(password=data["password"], username=data["username"],
                           display_name=data["display_name"], township_name=data["township"], mode=data["mode"])
        return authenticate(data["username"], data["password"])

    @classmethod
    def ask(cls, parent=None) -> Actor | None:
        dialog = cls(parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
