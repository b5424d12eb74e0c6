"""设置 → 代码表: the vocabularies offered in the drop-downs (学历, 称谓, 考核结果 …), adapted
by the administrator: add, switch off or on (the tick), reorder, restore the defaults."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from models.codes.editing import add_entry, editable_lists, entries, move_entry, restore_defaults, set_active
from models.errors import ArchiveError
from models.writing.actor import Actor

from ..errors import explain
from ..resources import icon
from ..i18n import _t


class CodesTab(QWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.writable = actor.can("admin")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.list_name = QComboBox()
        self.list_name.addItems(editable_lists())
        self.list_name.currentIndexChanged.connect(self.refresh)
        top.addWidget(QLabel(_t("代码表")))
        top.addWidget(self.list_name)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(QLabel(_t("打勾的项目出现在下拉列表中。取消打勾即停用：已填写该项的记录保留原值。"
                                   "民族、性别为国家标准代码，不在此修改。"), wordWrap=True))
        self.items = QListWidget()
        self.items.itemChanged.connect(self.toggled)
        layout.addWidget(self.items, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton(icon("new"), _t("添加…"))
        self.add_button.clicked.connect(self.ask_add)
        self.up_button = QPushButton(icon("up"), _t("上移"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(icon("down"), _t("下移"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.defaults_button = QPushButton(icon("restore"), _t("恢复默认"))
        self.defaults_button.setToolTip(_t("默认项目重新启用并按默认顺序排列；自己添加的项目保留在后面"))
        self.defaults_button.clicked.connect(self.restore)
        self.message = QLabel(wordWrap=True)
        for button in (self.add_button, self.up_button, self.down_button, self.defaults_button):
            button.setEnabled(self.writable)
            bar.addWidget(button)
        bar.addWidget(self.message, 1)
        layout.addLayout(bar)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.items.blockSignals(True)
        self.items.clear()
        for entry in entries(self.list_name.currentText()):
            item = QListWidgetItem(entry.name)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable if self.writable
                          else item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.active else Qt.CheckState.Unchecked)
            self.items.addItem(item)
            if entry.id == select:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)

    def names(self, *, active_only: bool = False) -> list[str]:
        rows = [self.items.item(i) for i in range(self.items.count())]
        return [r.text() for r in rows if not active_only or r.checkState() == Qt.CheckState.Checked]

    def toggled(self, item: QListWidgetItem) -> None:
        """The tick is already shown: the list is not rebuilt under the item being changed."""
        item_id, active = item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
        self._run(lambda: set_active(self.actor, item_id, active), item_id, reload=False)

    def ask_add(self) -> None:
        name, ok = QInputDialog.getText(self, _t("添加"),
                                        _t("在“{list}”中添加：").format(list=self.list_name.currentText()))
        if ok:
            self.add(name)

    def add(self, name: str) -> bool:
        return self._run(lambda: add_entry(self.actor, self.list_name.currentText(), name).id)

    def move(self, step: int) -> bool:
        item = self.items.currentItem()
        if item is None:
            return False
        item_id = item.data(Qt.ItemDataRole.UserRole)
        return self._run(lambda: move_entry(self.actor, item_id, step), item_id)

    def restore(self) -> bool:
        return self._run(lambda: restore_defaults(self.actor, self.list_name.currentText()))

    def _run(self, action, select: str | None = None, *, reload: bool = True) -> bool:
        try:
            result = action()
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(explain(error))
            QTimer.singleShot(0, lambda: self.refresh(select))  # back to what the archive holds
            return False
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(_t("已保存"))
        if reload:
            self.refresh(select or (result if isinstance(result, str) else None))
        return True
