"""An editable table of one part of a file (简历, 家庭成员 …), held in memory until the file is saved.

Each cell keeps what the clerk typed; it is checked at once with the domain's own field rules
(``models.validation.clean_value``) so a mistake is marked in red with a Chinese message, and the
save sends only what changed.
"""
from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from models.errors import ValidationError
from models.writing.rows import PartChanges, RowChange
from models.values import clock
from models.writing.validation import clean_value

from .part_specs import PartSpec

ERROR_BACKGROUND = QColor("#fde7e9")
ERROR_TEXT = QColor("#b3261e")


def to_text(value) -> str | bool:
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    return str(value)


@dataclass
class EditRow:
    values: dict
    original: dict = field(default_factory=dict)
    record_id: str | None = None
    version: int | None = None
    errors: dict = field(default_factory=dict)

    def changed_fields(self) -> dict:
        return {k: v for k, v in self.values.items() if self.record_id is None or self.original.get(k) != v}


class PartTableModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, spec: PartSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.columns = spec.columns
        self.fields = spec.model._meta.fields
        self.rows: list[EditRow] = []
        self.removed: list[str] = []
        self.moved = False
        self.choice_labels = {c.field: dict((c.labels or c.choices)()) for c in self.columns if c.choices}

    # -- loading and collecting ---------------------------------------------------------------
    def load(self, records) -> None:
        self.beginResetModel()
        self.rows = []
        for record in records:
            values = {c.field: to_text(getattr(record, c.field)) for c in self.columns if c.kind != "computed"}
            self.rows.append(EditRow(values, dict(values), record.id, record.version))
        self.removed, self.moved = [], False
        self.endResetModel()

    def is_dirty(self) -> bool:
        return bool(self.removed) or self.moved or any(r.changed_fields() for r in self.rows)

    def problems(self) -> list[tuple[int, str, str]]:
        """(row, field, message) of every cell that does not pass its check."""
        return [(i, name, message) for i, row in enumerate(self.rows) for name, message in row.errors.items()]

    def collect(self) -> PartChanges:
        rows = [RowChange(dict(row.changed_fields()), row.record_id, row.version) for row in self.rows]
        return PartChanges(self.spec.model._meta.table_name, rows, list(self.removed))

    # -- editing -------------------------------------------------------------------------------
    def add_row(self) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        defaults = {c.field: (False if c.kind == "bool" else "") for c in self.columns if c.kind != "computed"}
        self.rows.append(EditRow(defaults))
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove_row(self, position: int) -> None:
        if not 0 <= position < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self.rows.pop(position)
        self.endRemoveRows()
        if row.record_id:
            self.removed.append(row.record_id)
        self.edited.emit()

    def move_row(self, position: int, step: int) -> int:
        target = position + step
        if not (0 <= position < len(self.rows) and 0 <= target < len(self.rows)):
            return position
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
        self.rows.insert(target, self.rows.pop(position))
        self.endMoveRows()
        self.moved = True
        self.edited.emit()
        return target

    def check_cell(self, row: EditRow, name: str) -> None:
        raw = row.values.get(name)
        row.errors.pop(name, None)
        if raw in ("", None) or isinstance(raw, bool):
            return
        try:
            clean_value(self.fields[name], raw, today=clock.today())
        except ValidationError as error:
            row.errors[name] = error.problems[0].message

    # -- the model interface --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self.columns[index.column()].kind
        if kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base if kind == "computed" else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if column.kind == "computed":
            text, colour = column.compute(row.values)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            return QBrush(QColor(colour)) if role == Qt.ItemDataRole.ForegroundRole and colour else None
        value = row.values.get(column.field, "")
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.choice_labels.get(column.field, {}).get(value, value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if column.field in row.errors:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(ERROR_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:  # still visible when the row is selected
                return QBrush(ERROR_TEXT)
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.errors[column.field]
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, column = self.rows[index.row()], self.columns[index.column()]
        if column.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            row.values[column.field] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and column.kind not in ("bool", "computed"):
            row.values[column.field] = str(value).strip() if value is not None else ""
            self.check_cell(row, column.field)
        else:
            return False
        left, right = self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1)
        self.dataChanged.emit(left, right)
        self.edited.emit()
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        return column.header or self.fields[column.field].verbose_name
