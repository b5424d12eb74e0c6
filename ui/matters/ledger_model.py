"""The ledger's table model: a page of rows at a time, read from SQL as the view scrolls."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.matters import ledger

PAGE = 500
LATE_COLUMN = ledger.COLUMNS.index("是否按期")


class LedgerModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.wanted = ledger.LedgerFilter()
        self.total = 0
        self.rows: list[tuple] = []
        self.sort_key, self.descending = "report_date", True

    def apply(self, wanted: ledger.LedgerFilter) -> None:
        self.beginResetModel()
        self.wanted = wanted
        self.total = ledger.count(wanted)
        self._first_page()
        self.endResetModel()

    def _first_page(self) -> None:
        self.rows = ledger.page(self.wanted, offset=0, limit=PAGE, sort=self.sort_key, descending=self.descending,
                                matched=self.total)

    def refresh(self) -> None:
        self.apply(self.wanted)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = ledger.page(self.wanted, offset=len(self.rows), limit=PAGE, sort=self.sort_key,
                           descending=self.descending, matched=self.total)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = ledger.SORTABLE[column] if 0 <= column < len(ledger.SORTABLE) else None
        if key is None:
            return
        self.beginResetModel()  # the same matches in another order: not counted again (a server's count
        self.sort_key, self.descending = key, order == Qt.SortOrder.DescendingOrder  # of millions is 0.1 s)
        self._first_page()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(ledger.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == LATE_COLUMN and value.startswith("逾期"):
            return QBrush(QColor("#b3261e"))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return ledger.COLUMNS[section] if 0 <= section < len(ledger.COLUMNS) else None
        return section + 1

    def report_id(self, row: int) -> str | None:
        return self.rows[row][0] if 0 <= row < len(self.rows) else None


def parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip().replace(".", "-")) if text.strip() else None
    except ValueError:
        return None
