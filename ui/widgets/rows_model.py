"""A read-only table model over a list of rows (timeline, history, a person's reports)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: list[str], rows: list[tuple] | None = None, parent=None, *, colour=None):
        """``colour(row) -> QColor | None``: a row's text colour (a problem in red …). Give the window
        as ``parent``, made before its view: a model left to Python's garbage collector could go
        while its view's header still had a reset queued (a segmentation fault in the tests)."""
        super().__init__(parent)
        self.colour = colour
        self.headers = list(headers)
        self.rows: list[tuple] = list(rows or [])
        self.keys: list[object] = []  # optional: what each row stands for (an id)

    def set_rows(self, rows: list[tuple], keys: list[object] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.keys = list(keys or [])
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and self.colour is not None:
            return self.colour(self.rows[index.row()])
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self.rows[index.row()][index.column()]
        return "" if value is None else str(value)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return section + 1

    def key(self, row: int):
        return self.keys[row] if 0 <= row < len(self.keys) else None
