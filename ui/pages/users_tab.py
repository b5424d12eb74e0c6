"""设置 → 用户: accounts and roles, password resets, disabling and unlocking (administrators)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from models.accounts.tables import User
from models.accounts.users import create_user, locked_accounts, set_active, set_password, unlock
from models.errors import ArchiveError, ValidationError
from models.writing.actor import ROLE_NAMES, Actor

from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..i18n import _t


class UserDialog(QDialog):
    """A new account (with its role), or a new password for an existing one."""

    def __init__(self, *, new: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("新建用户") if new else _t("重设密码"))
        form = QFormLayout(self)
        self.username, self.display_name, self.role = QLineEdit(), QLineEdit(), QComboBox()
        for role, name in ROLE_NAMES.items():
            self.role.addItem(name, role)
        self.role.setCurrentIndex(self.role.findData("clerk"))
        if new:
            form.addRow(_t("用户名"), self.username)
            form.addRow(_t("姓名"), self.display_name)
            form.addRow(_t("角色"), self.role)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(_t("密码（至少8位）"), self.password)
        form.addRow(_t("再次输入"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def collect(self) -> dict:
        return {"username": self.username.text().strip(), "display_name": self.display_name.text().strip(),
                "role": self.role.currentData(), "password": self.password.text(), "repeat": self.repeat.text()}


class UsersTab(QWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        self.model = RowsModel([_t("用户名"), _t("姓名"), _t("角色"), _t("状态"), _t("上次登录")], parent=self)
        self.table = read_only_table(self.model, (120, 120, 90, 120))
        layout.addWidget(self.table)
        bar = QHBoxLayout()
        for text, slot in ((_t("新建用户…"), self.ask_new), (_t("重设密码…"), self.ask_password),
                           (_t("停用/启用"), self.toggle_active), (_t("解锁"), self.unlock_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(actor.can("admin"))
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = QLabel(wordWrap=True)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected() if hasattr(self, "table") else None
        users = list(User.live().order_by(User.username))
        locked = locked_accounts(dt.datetime.now(dt.timezone.utc))
        state = lambda u: _t("已停用") if not u.active else _t("已锁定") if u.username in locked else _t("正常")  # noqa: E731
        self.model.set_rows([(u.username, u.display_name, ROLE_NAMES.get(u.role, u.role), state(u),
                              (u.last_login or "")[:16].replace("T", " ")) for u in users], [u.id for u in users])
        if chosen in self.model.keys:  # the clerk keeps working on the same account
            self.table.selectRow(self.model.keys.index(chosen))

    def selected(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.key(index.row()) if index.isValid() else None

    def _run(self, action, done: str) -> bool:
        try:
            action()
        except ArchiveError as error:
            self.message.setText(str(error))
            return False
        self.message.setText(done)
        self.refresh()
        return True

    def ask_new(self) -> None:
        dialog = UserDialog(new=True, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_user(dialog.collect())

    def add_user(self, data: dict) -> bool:
        def action():
            if data["password"] != data["repeat"]:
                raise ValidationError.single("password", "密码", "两次输入不一致")
            create_user(self.actor, username=data["username"], display_name=data["display_name"], role=data["role"],
                        password=data["password"])
        return self._run(action, _t("已新建用户“{name}”").format(name=data["username"]))

    def ask_password(self) -> None:
        user_id = self.selected()
        dialog = UserDialog(new=False, parent=self)
        if user_id and dialog.exec() == QDialog.DialogCode.Accepted:
            data = dialog.collect()
            self.reset_password(user_id, data["password"], data["repeat"])

    def reset_password(self, user_id: str, password: str, repeat: str) -> bool:
        def action():
            if password != repeat:
                raise ValidationError.single("password", "密码", "两次输入不一致")
            set_password(self.actor, user_id, password)
        return self._run(action, _t("密码已重设"))

    def toggle_active(self) -> bool:
        user_id = self.selected()
        if not user_id:
            return False
        active = User.get_by_id(user_id).active
        return self._run(lambda: set_active(self.actor, user_id, not active), _t("已停用") if active else _t("已启用"))

    def unlock_selected(self) -> bool:
        user_id = self.selected()
        return bool(user_id) and self._run(lambda: unlock(self.actor, user_id), _t("已解锁"))
