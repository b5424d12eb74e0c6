"""Choosing the secretary a report is about: type as in the register (name, pinyin, ID, village)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from models.personnel.person import SecretaryStatus
from models.personnel.roster import RosterFilter, filter_rows, load_roster

from ..i18n import _t

LIMIT = 60


class SecretaryPicker(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_t("姓名/拼音首字母/身份证号"))
        self.choice = QComboBox()
        self.choice.setMinimumWidth(260)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.choice, 2)
        self.rows = load_roster()
        self.search.textChanged.connect(self.refill)
        self.choice.currentIndexChanged.connect(self.changed)
        self.refill()

    def refill(self) -> None:
        current = self.choice.currentData()
        matches = filter_rows(self.rows, RosterFilter(self.search.text(), status=SecretaryStatus.SERVING))[:LIMIT]
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(_t("（请选择报告人）"), None)  # nobody until chosen: a report filed under the
        for row in matches:                                 # first name of the list went unnoticed
            self.choice.addItem(f"{row.cells[2]}（{row.cells[0]} {row.cells[1]}）", row.id)
        position = self.choice.findData(current) if current else -1
        if position < 0 and len(matches) == 1 and self.search.text().strip():
            position = 1  # the search names exactly one person: that is the one meant
        self.choice.setCurrentIndex(max(position, 0))
        self.choice.blockSignals(False)
        if self.choice.currentData() != current:
            self.changed.emit()

    def secretary_id(self) -> str | None:
        return self.choice.currentData()

    def select(self, secretary_id: str, label: str) -> None:
        if self.choice.findData(secretary_id) < 0:
            self.choice.addItem(label, secretary_id)
        self.choice.setCurrentIndex(self.choice.findData(secretary_id))
