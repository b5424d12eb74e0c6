"""Windows that fit the office laptop's screen (1366×768, even 1024×768): the content scrolls,
the buttons stay outside the scroll area and so always visible."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room left on the screen for the window's title bar and frame (the taskbar is already outside
# the available geometry).
FRAME = (16, 40)
# The screens' Python wrappers, kept for the life of the program: PySide6 6.9–6.11 delete the
# screen itself when such a wrapper is garbage-collected, and the next window then crashes in
# QWidget::screen() (seen in the tests as a segmentation fault in QDialog's constructor).
_SCREENS: set = set()


def scrolling(body: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(body)
    return area


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """``width``×``height`` where the screen has room, less where it has not."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    _SCREENS.add(screen)  # see _SCREENS
    available = screen.availableGeometry()
    window.resize(min(width, available.width() - FRAME[0]), min(height, available.height() - FRAME[1]))
