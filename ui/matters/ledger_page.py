"""一事一报: the register of reports (台账) — filter, open, register, export to Excel."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)
from shiboken6 import isValid

from models.io.xlsx import write_ledger
from models.matters import ledger
from models.matters.tables import MatterReport, MatterType, ReportKind, ReportStatus, Timing
from models.org.tables import Township, Unit
from models.values.dates import read_day
from models.writing.actor import Actor

from ..background import WriteOp
from ..errors import ErrorDialog
from ..resources import icon
from .ledger_model import LedgerModel
from .campaign_report import open_filed
from .report_editor import ReportEditor
from ..events import Watching
from ..i18n import _t


def _combo(first: str, items: list[tuple[str, object]]) -> QComboBox:
    """A filter's list: as narrow as its grid cell allows (a long matter type's name made the page
    wider than a 1024-pixel screen), its open list as wide as its longest choice."""
    combo = QComboBox()
    combo.addItem(first, None)
    for label, value in items:
        combo.addItem(label, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    return combo


TYPING_PAUSE_MS = 250


class LedgerPage(Watching, QWidget):
    watched = frozenset({"secretary", "unit", "township", "matter_report", "matter_type", "campaign"})

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.report_windows: dict[str, QDialog] = {}  # report id → its open window
        self.model = LedgerModel(self)
        self.model.counted.connect(self.show_count)
        self.model.counting.connect(lambda matched: self.count.setText(
            _t("共 {n} 份以上，正在计数……").format(n=f"{matched:,}")))
        self.model.failed.connect(self.read_failed)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        layout.addLayout(self._actions())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda index: self.open_report(self.model.report_id(index.row())))
        for column, width in enumerate((90, 80, 110, 70, 175, 70, 260, 60, 90, 90, 90, 60, 70)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table)
        self.count.setText(_t("正在读取……"))
        self.apply_filter()
        # only now: turning sorting on asks for the order at once, which the first read already
        # reads (newest first)
        self.table.setSortingEnabled(True)
        self.watch_archive()

    def refresh(self) -> None:
        self.apply_filter()

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh_if_stale()
        super().showEvent(event)

    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        self.search = QLineEdit(placeholderText=_t("姓名、拼音首字母或身份证号"))
        self.search.setClearButtonEnabled(True)
        self.date_from = QLineEdit(placeholderText=_t("报告时间从 2026-01-01"))
        self.date_to = QLineEdit(placeholderText=_t("至 2026-12-31"))
        self.township = _combo(_t("全部乡镇"), [(t.name, t.id) for t in Township.live().order_by(Township.sort_order)])
        self.unit = _combo(_t("全部村（社区）"), [])
        self.unit.setEnabled(False)
        self.township.currentIndexChanged.connect(self.fill_units)
        self.matter_type = _combo(_t("全部事项"), [(m.name, m.id) for m in MatterType.live().order_by(MatterType.sort_order)])
        self.kind = _combo(_t("全部类别"), [(k, k) for k in ReportKind])
        self.timing = _combo(_t("事前和事后"), [(t, t) for t in (Timing.BEFORE, Timing.AFTER)])
        self.status = _combo(_t("全部状态"), [(s, s) for s in ReportStatus])
        self.punctuality = _combo(_t("按期与逾期"), [(_t("按期"), "on_time"), (_t("逾期"), "overdue")])
        widgets = (self.search, self.date_from, self.date_to, self.township, self.unit, self.matter_type, self.kind,
                   self.timing, self.status, self.punctuality)
        # Typing runs the query once the typing pauses (a query per keystroke stalls a large ledger);
        # a choice in a list runs it at once.
        self.typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.apply_filter)
        for position, widget in enumerate(widgets):
            grid.addWidget(widget, position // 5, position % 5)
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.typing.start)
            else:
                widget.currentIndexChanged.connect(self.apply_filter)
        self.count = QLabel()
        grid.addWidget(self.count, 2, 0, 1, 5)
        for column in range(5):  # (the lists widen with the window: at their narrowest some are cut)
            grid.setColumnStretch(column, 1)
        return grid

    def fill_units(self) -> None:
        township = self.township.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_t("全部村（社区）"), None)
        if township:
            for unit in Unit.live().where(Unit.township == township).order_by(Unit.sort_order, Unit.name):
                self.unit.addItem(unit.name, unit.id)
        self.unit.view().setMinimumWidth(self.unit.view().sizeHintForColumn(0) + 24)
        self.unit.setEnabled(bool(township))
        self.unit.blockSignals(False)

    def _actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.new_button = QPushButton(icon("new"), _t("登记报告"))
        self.new_button.setEnabled(self.actor.can("reports"))
        self.new_button.clicked.connect(lambda: self.open_report(None))
        self.open_button = QPushButton(icon("open"), _t("打开"))
        self.open_button.clicked.connect(lambda: self.open_report(self.model.report_id(self.table.currentIndex().row())))
        self.export_button = QPushButton(icon("export"), _t("导出Excel"))
        self.export_button.clicked.connect(self.choose_export)
        self.print_button = QPushButton(icon("print"), _t("打印台账（按当前筛选）"))
        self.print_button.setToolTip(_t("打印当前筛选出的全部报告：先设好报告时间、乡镇等条件"))
        self.print_button.clicked.connect(self.print_ledger)
        for button in (self.new_button, self.open_button, self.export_button, self.print_button):
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def print_ledger(self):
        """The ledger as filtered on screen (any period, township, type …), in report-date order."""
        from ..printing.actions import preview

        self.print_operation = preview(self.actor, "ledger", parent=self, wanted=self.current_filter())
        return self.print_operation

    def current_filter(self) -> ledger.LedgerFilter:
        return ledger.LedgerFilter(
            date_from=read_day(self.date_from.text()), date_to=read_day(self.date_to.text()),
            township_id=self.township.currentData(), unit_id=self.unit.currentData(),
            matter_type_id=self.matter_type.currentData(),
            kind=self.kind.currentData(), timing=self.timing.currentData(), status=self.status.currentData(),
            punctuality=self.punctuality.currentData(), text=self.search.text())

    def apply_filter(self) -> None:
        """The rows of the filter as it stands, read in the background (the count follows them)."""
        self.typing.stop()
        self.model.apply(self.current_filter())

    def read_failed(self, error) -> None:
        self.count.setText(_t("未能读取（可稍后重新筛选）"))
        # (after the failed read's callback has returned: the dialog's own event loop may ask for
        # another read meanwhile, which lets the failed one go)
        QTimer.singleShot(0, lambda: isValid(self) and ErrorDialog.show_error(error, self))

    def show_count(self, total: int) -> None:
        counted = _t("共 {n} 份").format(n=f"{total:,}")
        self.count.setText(counted if total >= 0 else _t("未能计数（可稍后重新筛选）"))

    def open_report(self, report_id: str | None):
        """A report in its own form (the 集中报告 form for a centralised report), in one window:
        a second, stale copy of an open report looked unreviewed and could overwrite the first."""
        shown = self.report_windows.get(report_id)
        if shown is not None and shown.isVisible():
            shown.raise_()
            shown.activateWindow()
            return shown
        report = MatterReport.get_or_none(MatterReport.id == report_id) if report_id else None
        if report is not None and report.kind == ReportKind.CENTRALISED:
            window = open_filed(self.actor, report, self)
        else:
            window = ReportEditor(self.actor, report_id, self)
            window.open()
        window.finished.connect(lambda _: self.apply_filter())
        self.report_windows = {key: w for key, w in self.report_windows.items() if w.isVisible()}
        if report_id:
            self.report_windows[report_id] = window
        return window

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _t("导出台账"), _t("个人重大事项报告登记台账.xlsx"), "Excel (*.xlsx)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> WriteOp:
        """The filtered ledger written on the database worker, how far shown where the count is."""
        wanted = self.current_filter()

        def shown(rows: int) -> None:
            self.count.setText(_t("已导出 {n} 份到 {path}").format(n=rows, path=path.name))

        self.count.setText(_t("正在导出台账……"))
        self.exporting = WriteOp(lambda progress, cancelled: write_ledger(self.actor, path, wanted, progress=progress),
                                 on_success=shown, on_failure=lambda error: ErrorDialog.show_error(error, self),
                                 on_progress=lambda done, total: self.count.setText(
                                     _t("正在导出台账：{done}/{total}份").format(done=done, total=total)), parent=self)
        return self.exporting.start()
