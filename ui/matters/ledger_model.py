"""The ledger's table model: a page of rows at a time, read from SQL as the view scrolls."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from models.matters import ledger
from models.storage.db import on_postgresql

from ..background import Operation, QueryOp

PAGE = 500
LATE_COLUMN = ledger.COLUMNS.index("是否按期")


def counts_apart() -> bool:
    """Whether many matches are counted after the first page shows, in the background: on a server
    a filter matching half a province takes 0.1–0.2 s to count exactly, its first page 15 ms. (A
    file counts them at once: quickly.)"""
    return on_postgresql()


class LedgerModel(QAbstractTableModel):
    counted = Signal(int)  # how many match the current filter, once known (-1: the count failed)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.wanted = ledger.LedgerFilter()
        self.total: int | None = 0  # None while being counted
        self.matched = 0  # what the pages were told of the count (at least this many match)
        self.rows: list[tuple] = []
        self.sort_key, self.descending = "report_date", True
        self.counting: Operation | None = None
        self._applied = 0  # which filter a count arriving late is for

    def apply(self, wanted: ledger.LedgerFilter) -> None:
        self.beginResetModel()
        self.wanted = wanted
        self._applied += 1
        self.rows, self.matched, self.total = ledger.first_page(wanted, limit=PAGE, sort=self.sort_key,
                                                                descending=self.descending, exact=not counts_apart())
        self.endResetModel()
        if self.total is None:
            self._count_apart(wanted, self._applied)
        else:
            self.counted.emit(self.total)

    def _count_apart(self, wanted: ledger.LedgerFilter, applied: int) -> None:
        def work(progress, cancelled):
            return ledger.count(wanted)

        def done(total: int) -> None:
            if applied == self._applied:  # no other filter applied meanwhile
                self.total = total
                self.counted.emit(total)

        def failed(error) -> None:
            if applied == self._applied:
                self.counted.emit(-1)

        self.counting = QueryOp(work, on_success=done, on_failure=failed, parent=self)
        self.counting.finished.connect(self.counting.deleteLater)  # one per filter: none kept once done
        self.counting.start()

    def _first_page(self) -> None:
        self.rows = ledger.page(self.wanted, offset=0, limit=PAGE, sort=self.sort_key, descending=self.descending,
                                matched=self.matched)

    def refresh(self) -> None:
        self.apply(self.wanted)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid():
            return False
        if self.total is None:  # not counted yet: more while every page read was full
            return len(self.rows) > 0 and len(self.rows) % PAGE == 0
        return len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = ledger.page(self.wanted, offset=len(self.rows), limit=PAGE, sort=self.sort_key,
                           descending=self.descending, matched=self.matched)
        if not more:
            self.total = len(self.rows)  # read to the end: counted too
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = ledger.SORTABLE[column] if 0 <= column < len(ledger.SORTABLE) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.sort_key, self.descending):
            return  # (the view asks again for the order the rows are in when sorting is turned on)
        self.beginResetModel()  # the same matches in another order: not counted again
        self.sort_key, self.descending = key, descending
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
