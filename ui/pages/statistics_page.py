"""统计: coverage and reports of a year, by township and, for the chosen township, by village."""
from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from models.figures.statistics import year_stats
from models.matters.deadlines import current_campaign_year

from ..background import QueryOp
from ..errors import ErrorDialog
from ..resources import icon
from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..events import Watching
from ..i18n import _t

HEADERS = (QT_TR_NOOP("在任"), QT_TR_NOOP("已报"), QT_TR_NOOP("按期"), QT_TR_NOOP("逾期报送"), QT_TR_NOOP("未报"),
           QT_TR_NOOP("覆盖率"))


def _figures(row: dict) -> tuple:
    return (row["serving"], row["filed"], row["on_time"], row["overdue"], row["missing"], f"{row['coverage']:.1%}")


class StatisticsPage(Watching, QWidget):
    """The figures are counted on the database worker (a district's year reads every report of it);
    ``shown`` is emitted when the year asked for last is on the page."""

    watched = frozenset({"secretary", "unit", "township", "matter_report", "campaign", "verification", "matter_type"})
    shown = Signal()

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self._asked = 0  # the count asked for last: only its answer is shown
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(current_campaign_year())
        self.year.valueChanged.connect(self.refresh)
        top.addWidget(QLabel(_t("统计年度")))
        top.addWidget(self.year)
        top.addStretch(1)
        self.print_button = QPushButton(icon("print"), _t("打印统计表"))
        self.print_button.clicked.connect(self.print_stats)
        top.addWidget(self.print_button)
        layout.addLayout(top)
        self.summary = QLabel(wordWrap=True)
        layout.addWidget(self.summary)
        self.townships = RowsModel([_t("乡镇")] + [_t(h) for h in HEADERS] + [_t("未报人员")], parent=self)
        self.township_view = read_only_table(self.townships)
        self.township_view.clicked.connect(lambda index: self.show_units(index.row()))
        layout.addWidget(self.township_view, 2)
        layout.addWidget(QLabel(_t("所选乡镇的村（社区）：")))
        self.units = RowsModel([_t("村（社区）")] + [_t(h) for h in HEADERS], parent=self)
        layout.addWidget(read_only_table(self.units), 2)
        self.reports = QLabel(wordWrap=True)
        layout.addWidget(self.reports)
        self.stats: dict = {}
        self._stale = True  # counted when first shown
        self.watch_archive()

    def refresh(self) -> QueryOp:
        year = self.year.value()
        self._asked += 1
        asked = self._asked
        self.summary.setText(_t("正在统计{year}年度……").format(year=year))
        self.counting = QueryOp(lambda progress, cancelled: year_stats(year), parent=self,
                                on_success=lambda stats: asked == self._asked and self.show_stats(year, stats),
                                on_failure=lambda error: ErrorDialog.show_error(error, self))
        return self.counting.start()

    def show_stats(self, year: int, stats: dict) -> None:
        if year != self.year.value():
            return  # another year was asked for meanwhile: its figures follow
        # (and an answer read before a later write is not shown: the count asked since follows)
        self.stats = stats
        state = "" if stats["campaign"] else _t("（尚未开启该年度集中报告）")
        self.summary.setText(_t("{year}年度集中报告{state}：在任 {serving} 人，已报 {filed} 人，按期 {on_time} 人，逾期 {overdue} 人，"
                                "未报 {missing} 人，覆盖率 {coverage:.1%}").format(state=state, **stats))
        self.townships.set_rows([(t["township"], *_figures(t), "、".join(t["missing_names"])) for t in stats["townships"]])
        self.units.set_rows([])
        reports = stats["reports"]
        by_type = ";".join(f"{name} {count}" for name, count in reports["by_type"].items())
        timing = ",".join(f"{k} {v}" for k, v in reports["by_timing"].items())
        checks = ",".join(f"{k} {v}" for k, v in stats["verifications"].items()) or _t("无")
        self.reports.setText(_t("平时报告 {total} 份（按期 {on_time}，逾期 {overdue}；{timing}）。按事项：{types}。"
                                "抽查核实：{checks}。").format(timing=timing or "—", types=by_type or "—", checks=checks,
                                                         total=reports["total"], on_time=reports["on_time"],
                                                         overdue=reports["overdue"]))
        self.shown.emit()

    def print_stats(self):
        from ..printing.actions import preview

        self.print_operation = preview(self.actor, "stats", parent=self, year=self.year.value())
        return self.print_operation

    def show_units(self, row: int) -> None:
        if 0 <= row < len(self.stats.get("townships", [])):
            township = self.stats["townships"][row]
            self.units.set_rows([(u["unit"], *_figures(u)) for u in township["units"]])

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh_if_stale()
        super().showEvent(event)
