"""首页: what is in the archive, in figures read from it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from models.actor import Actor
from models.overview import archive_overview


def _t(text: str) -> str:
    return QCoreApplication.translate("HomePage", text)


class FigureCard(QFrame):
    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName("figureCard")
        layout = QVBoxLayout(self)
        self.number = QLabel("—")
        self.number.setObjectName("figureNumber")
        layout.addWidget(self.number)
        layout.addWidget(QLabel(caption))

    def set_value(self, value: int) -> None:
        self.number.setText(f"{value:,}")


class HomePage(QWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        layout.addWidget(self.heading)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #555;")
        layout.addWidget(self.subtitle)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.cards = {
            "serving": FigureCard(_t("在任书记")),
            "secretaries": FigureCard(_t("人事档案(份)")),
            "townships": FigureCard(_t("乡镇(街道)")),
            "units": FigureCard(_t("村(社区)")),
            "reports": FigureCard(_t("重大事项报告(份)")),
        }
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 3, index % 3)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        overview = archive_overview()
        place = overview.township_name or (_t("区县汇总") if overview.mode == "district" else "")
        self.heading.setText(" · ".join(filter(None, (place, _t("村(社区)党组织书记档案")))))
        self.subtitle.setText(_t("{mode}模式 · 当前用户:{user}({role})").format(
            mode=overview.mode_name, user=self.actor.display_name, role=self.actor.role_name))
        for key, card in self.cards.items():
            card.set_value(getattr(overview, key))
