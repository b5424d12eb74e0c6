"""An area of the application that is not built yet says so plainly, and shows no invented data."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..resources import icon


class PendingPage(QWidget):
    def __init__(self, title: str, notice: str, plans: list[str], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        badge = QLabel()
        badge.setPixmap(icon("construction", "#8a6d3b").pixmap(48, 48))
        layout.addWidget(badge)
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        listing = QLabel("\n".join(f"• {line}" for line in plans))
        listing.setWordWrap(True)
        listing.setStyleSheet("color: #555;")
        layout.addWidget(listing)
        layout.addStretch(1)
        for label in (heading, self.notice, listing):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
