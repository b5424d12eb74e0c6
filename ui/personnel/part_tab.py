"""A tab holding one part of a file: its table, and buttons to add, remove and reorder rows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from ..resources import icon
from .part_model import PartTableModel
from .part_specs import PartSpec
from ..i18n import _t


class ChoiceDelegate(QStyledItemDelegate):
    """Drop-down lists for the columns that take a value from a code list."""

    def __init__(self, model: PartTableModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):  # noqa: N802
        column = self.model.columns[index.column()]
        if column.kind != "choice":
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        editor.setEditable(column.editable_choices)
        editor.addItem("", "")
        for value, label in column.choices():
            editor.addItem(label, value)
        held = index.data(Qt.ItemDataRole.EditRole) or ""
        if held and editor.findData(held) < 0:  # a value no longer offered stays what it is until changed
            editor.addItem(self.model.choice_labels.get(column.field, {}).get(held, held), held)
        if editor.isEditable():
            # keys go to the combo's line edit, which this delegate does not watch by default:
            # Tab there moved on without storing what was typed
            editor.lineEdit().installEventFilter(self)
        return editor

    def eventFilter(self, watched, event):  # noqa: N802
        combo = watched.parent() if isinstance(watched, QLineEdit) else None
        if isinstance(combo, QComboBox) and event.type() == QEvent.Type.KeyPress:
            hints = {Qt.Key.Key_Tab: QAbstractItemDelegate.EndEditHint.EditNextItem,
                     Qt.Key.Key_Backtab: QAbstractItemDelegate.EndEditHint.EditPreviousItem,
                     Qt.Key.Key_Return: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                     Qt.Key.Key_Enter: QAbstractItemDelegate.EndEditHint.SubmitModelCache}
            if event.key() in hints:
                self.commitData.emit(combo)
                self.closeEditor.emit(combo, hints[event.key()])
                return True
        return super().eventFilter(watched, event)

    def setEditorData(self, editor, index):  # noqa: N802
        if not isinstance(editor, QComboBox):
            return super().setEditorData(editor, index)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(value)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif editor.isEditable():
            editor.setEditText(value)

    def setModelData(self, editor, model, index):  # noqa: N802
        if not isinstance(editor, QComboBox):
            return super().setModelData(editor, model, index)
        text = editor.currentText().strip()
        position = editor.findText(text)
        value = editor.itemData(position) if position >= 0 else text  # a typed value outside the list is kept
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class PartTab(QWidget):
    edited = Signal()

    def __init__(self, spec: PartSpec, *, writable: bool, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.model = PartTableModel(spec, self)
        self.model.edited.connect(self.edited)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = self._button(bar, "add", _t("添加一行"), self.add_row)
        self.remove_button = self._button(bar, "remove", _t("删除所选行"), self.remove_row)
        self.up_button = self._button(bar, "up", _t("上移"), lambda: self.move(-1))
        self.down_button = self._button(bar, "down", _t("下移"), lambda: self.move(1))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(writable)
        if spec.hint:  # wrapped: on a 1024-pixel screen one line of it pushed the tab off the right edge
            hint = QLabel(spec.hint, wordWrap=True)
            hint.setStyleSheet("color: #666;")
            bar.addWidget(hint, 1)
        else:
            bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if writable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        for position, column in enumerate(spec.columns):
            self.table.setColumnWidth(position, column.width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.extra = QHBoxLayout()  # for tabs that add their own controls below the table
        layout.addLayout(self.extra)

    def _button(self, bar, icon_name: str, text: str, slot) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        position = self.model.add_row()
        index = self.model.index(position, 0)
        self.table.setCurrentIndex(index)  # which opens the editor: every edit trigger is on

    def remove_row(self) -> None:
        self.model.remove_row(self.current_row())

    def move(self, step: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        target = self.model.move_row(row, step)
        self.table.setCurrentIndex(self.model.index(target, self.table.currentIndex().column()))

    def select_cell(self, row: int, field: str) -> None:
        names = [c.field for c in self.spec.columns]
        column = names.index(field) if field in names else 0
        self.table.setCurrentIndex(self.model.index(row, column))
