"""首页: the figures a clerk watches, each opening the list behind it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.figures import dashboard
from models.figures.overview import archive_overview
from models.writing.actor import Actor

from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..events import Watching
from ..widgets.screen import fit_to_screen
from ..i18n import _t


class FigureCard(QPushButton):
    """A figure as a big number over its caption; clicking it shows what it counts."""

    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("figureCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(86)
        layout = QVBoxLayout(self)
        self.number = QLabel("—", objectName="figureNumber")
        self.caption = QLabel()
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def show_figure(self, figure: dashboard.Figure) -> None:
        self.number.setText(figure.text())
        self.caption.setText(figure.title)


class DetailsDialog(QDialog):
    """The list behind a figure; a double-click (or Enter) opens the file or the report."""

    opened = Signal(str, str)  # what ("secretary" or "report"), its id

    def __init__(self, title: str, details: dashboard.Details, parent=None):
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(title)
        fit_to_screen(self, 860, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_t("共 {n} 条。双击一行打开。").format(n=len(details.rows))))
        self.model = RowsModel(details.headers, parent=self)
        self.model.set_rows(details.rows, details.keys)
        self.table = read_only_table(self.model)
        # activated is a double-click or Enter: doubleClicked as well opened each report twice
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.details.keys):
            self.opened.emit(self.details.opens, self.details.keys[row])


class HomePage(Watching, QWidget):
    opened = Signal(str, str)  # a row of a figure's list to open: ("secretary" | "report", id)

    watched = frozenset({"secretary", "unit", "township", "matter_report", "campaign", "loan", "material", "resume_entry",
                         "family_member", "setting"})

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        self.heading = QLabel(objectName="pageTitle")
        layout.addWidget(self.heading)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #555;")
        layout.addWidget(self.subtitle)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.cards = {key: FigureCard(key) for key in dashboard.TITLES}
        for index, card in enumerate(self.cards.values()):
            card.clicked.connect(lambda _=False, key=card.key: self.show_details(key))
            grid.addWidget(card, index // 4, index % 4)
        layout.addLayout(grid)
        hint = QLabel(_t("点击数字可查看明细。"))
        hint.setStyleSheet("color: #777;")
        layout.addWidget(hint)
        layout.addStretch(1)
        self.refresh()
        self.watch_archive()

    def refresh(self) -> None:
        overview = archive_overview()
        place = overview.township_name or (_t("区县汇总") if overview.mode == "district" else "")
        self.heading.setText(" · ".join(filter(None, (place, _t("村（社区）党组织书记档案")))))
        self.subtitle.setText(_t("{mode}模式 · {townships}个乡镇 · {units}个村（社区） · 当前用户：{user}（{role}）").format(
            mode=overview.mode_name, townships=f"{overview.townships:,}", units=f"{overview.units:,}",
            user=self.actor.display_name, role=self.actor.role_name))
        self.figures = {figure.key: figure for figure in dashboard.figures()}
        for key, card in self.cards.items():
            card.show_figure(self.figures[key])

    def show_details(self, key: str) -> DetailsDialog:
        details = dashboard.details(key)
        dialog = DetailsDialog(details.title or self.figures[key].title, details, self)
        dialog.opened.connect(self.opened)
        dialog.open()
        return dialog

    def showEvent(self, event) -> None:  # noqa: N802 (figures change while other pages work)
        self.refresh_if_stale()
        super().showEvent(event)
