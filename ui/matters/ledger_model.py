"""The ledger's table model: a page of rows at a time, read from SQL as the view scrolls."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from shiboken6 import isValid

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
    """Every filter and every order is read on the database worker: the rows shown stay until the
    new ones arrive (at a million reports a filter reads for up to 0.2 s, which on the GUI thread
    froze the window), and an answer overtaken by a newer filter or order is not shown. Scrolling
    reads the next page of what is shown."""

    counted = Signal(int)  # how many match the rows shown, once known (-1: the count failed)
    counting = Signal(int)  # the rows shown are of at least this many matches, being counted
    failed = Signal(object)  # a read that failed (the rows shown stay)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.wanted = ledger.LedgerFilter()  # the filter and the order of the rows shown
        self.sort_key, self.descending = "report_date", True
        self.asked = (self.wanted, self.sort_key, self.descending)  # those last asked for
        self.total: int | None = 0  # None while being counted
        self.matched = 0  # what the pages were told of the count (at least this many match)
        self.rows: list[tuple] = []
        # the last read and count asked for: no parent, they live as long as the model refers to
        # them (a child would be deleted with the model — and the model, when its last reference
        # was that child's callback, from inside the child's own deletion: a crash)
        self.reading: Operation | None = None
        self.counter: Operation | None = None
        self._asked = self._shown = 0  # the read asked for last, and the last one answered
        self._filtered = 0  # the last read that counts its matches: a count is shown only for it
        self._recount = False  # such a read asked for and not yet shown (a sort meanwhile recounts)

    def apply(self, wanted: ledger.LedgerFilter) -> None:
        """The first page of ``wanted`` (counted) in the order asked last."""
        self._recount = True
        self._read(wanted, *self.asked[1:])

    def refresh(self) -> None:
        self.apply(self.asked[0])

    def busy(self) -> bool:
        """A filter or an order asked for and not yet shown."""
        return self._shown != self._asked

    def _read(self, wanted: ledger.LedgerFilter, sort_key: str, descending: bool) -> None:
        self._asked += 1
        asked, matched, recount = self._asked, self.matched, self._recount
        if recount:
            self._filtered = asked
        self.asked = (wanted, sort_key, descending)
        if self.reading is not None:
            self.reading.cancel()  # overtaken: not read if not begun, not shown if read

        def work(progress, cancelled):  # (on the worker: touches nothing of the model's)
            if cancelled():
                return None
            if recount:
                return ledger.first_page(wanted, limit=PAGE, sort=sort_key, descending=descending,
                                         exact=not counts_apart())
            # the same matches in another order: not counted again (the count under way goes on)
            return ledger.page(wanted, offset=0, limit=PAGE, sort=sort_key, descending=descending, matched=matched)

        def done(answer) -> None:
            if not isValid(self) or asked != self._asked or answer is None:
                return  # (the page closed meanwhile, or another choice asked for since)
            self._shown = asked
            self.beginResetModel()
            self.wanted, self.sort_key, self.descending = wanted, sort_key, descending
            if recount:
                self.rows, self.matched, self.total = answer
                self._recount = False
            else:
                self.rows = answer
            self.endResetModel()
            if not recount:
                return
            if self.total is None:
                self.counting.emit(self.matched)
                self._count_apart(wanted, asked)
            else:
                self.counted.emit(self.total)

        def failed(error) -> None:
            if isValid(self) and asked == self._asked:
                self._shown = asked
                self.failed.emit(error)

        self.reading = QueryOp(work, on_success=done, on_failure=failed).start()

    def _count_apart(self, wanted: ledger.LedgerFilter, asked: int) -> None:
        def work(progress, cancelled):
            return ledger.count(wanted)

        def done(total: int) -> None:
            if isValid(self) and asked == self._filtered:  # no other filter asked for meanwhile (a sort may be)
                self.total = total
                self.counted.emit(total)

        def failed(error) -> None:
            if isValid(self) and asked == self._filtered:
                self.counted.emit(-1)

        self.counter = QueryOp(work, on_success=done, on_failure=failed).start()  # (one kept: the last)

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
        if key is None or (key, descending) == self.asked[1:]:
            return  # (the view asks again for the order the rows are in when sorting is turned on)
        self._read(self.asked[0], key, descending)  # (recounted if a filter or a refresh is still to come)

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
