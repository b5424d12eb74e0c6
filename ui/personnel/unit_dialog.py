"""Registering a new village or community (and, in a new archive, its township)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from models.errors import ArchiveError
from models.org.tables import Township, Unit
from models.org.units import register_unit
from models.writing.actor import Actor
from ..i18n import _t


class UnitDialog(QDialog):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.unit_id: str | None = None
        self.setWindowTitle(_t("新建村（社区）"))
        layout = QFormLayout(self)
        self.township = QComboBox()
        self.township.setEditable(True)
        for township in Township.live().order_by(Township.sort_order):
            self.township.addItem(township.name, township.id)
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(list(Unit.KINDS))
        layout.addRow(_t("所在乡镇（街道）"), self.township)
        layout.addRow(_t("村（社区）名称"), self.name)
        layout.addRow(_t("类别"), self.kind)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e;")
        layout.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def try_accept(self) -> None:
        try:
            self.unit_id = register_unit(self.actor, township_name=self.township.currentText(),
                                         name=self.name.text(), kind=self.kind.currentText()).id
        except ArchiveError as error:
            self.message.setText(str(error))
            return
        self.accept()

    @classmethod
    def ask(cls, actor: Actor, parent=None) -> str | None:
        dialog = cls(actor, parent)
        return dialog.unit_id if dialog.exec() == QDialog.DialogCode.Accepted else None
