"""The roster's table model: filtered in memory, rows handed to the view lazily."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.personnel.person import SecretaryStatus
from models.personnel.roster import COLUMNS, RosterFilter, RosterRow, filter_rows, narrows

BATCH = 200
AGE_COLUMN = COLUMNS.index("年龄")
STATUS_COLUMN = COLUMNS.index("状态")


_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole})
_RETIRED = QBrush(QColor("#777777"))  # files of people no longer serving, greyed
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RosterModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list[RosterRow] = []
        self.matching: list[RosterRow] = []
        self.shown = 0  # rows handed to the view so far (fetchMore adds more)
        self.wanted = RosterFilter()

    # -- loading and filtering --------------------------------------------------------------
    def set_rows(self, rows: list[RosterRow]) -> None:
        self.all_rows = self.matching = rows
        self.apply(self.wanted)

    def apply(self, wanted: RosterFilter) -> None:
        # typing on ("z" → "zh") only narrows: the rows still matching are among those shown
        narrower = narrows(wanted, self.wanted)
        self.beginResetModel()
        self.wanted = wanted
        self.matching = filter_rows(self.matching if narrower else self.all_rows, wanted)
        self.shown = min(BATCH, len(self.matching))
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self.shown < len(self.matching)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = min(BATCH, len(self.matching) - self.shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
        self.shown += more
        self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        descending = order == Qt.SortOrder.DescendingOrder
        key = (lambda r: (r.cells[column] is None or r.cells[column] == "", r.cells[column] or 0)) \
            if column == AGE_COLUMN else (lambda r: str(r.cells[column] or ""))
        self.all_rows.sort(key=key, reverse=descending)
        self.matching = filter_rows(self.all_rows, self.wanted)
        self.layoutChanged.emit()

    # -- the model interface ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # asked for every role of every visible cell at each keystroke: the roles answered first
        if role not in _ANSWERED:
            return None
        number = index.row()
        if not 0 <= number < self.shown:
            return None
        row = self.matching[number]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.cells[index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _RETIRED if row.status != SecretaryStatus.SERVING else None
        return _RIGHT if index.column() == AGE_COLUMN else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return section + 1

    def row_at(self, row: int) -> RosterRow | None:
        return self.matching[row] if 0 <= row < self.shown else None

    @property
    def total(self) -> int:
        return len(self.all_rows)

    @property
    def matched(self) -> int:
        return len(self.matching)
