"""The mouse wheel scrolls the form, never a drop-down or a date or number box the clerk has not
clicked into: scrolling a long form over 审核结果 or 所在村 silently changed them."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

# The boxes whose value a turn of the wheel changes (QDateEdit and the spin boxes are spin boxes).
CHOOSERS = (QComboBox, QAbstractSpinBox)
# (looked up once: the filter sees every event of the application, each a call into Python)
POLISH, WHEEL, WHEEL_FOCUS = QEvent.Type.Polish, QEvent.Type.Wheel, Qt.FocusPolicy.WheelFocus


class WheelOnlyWhenFocused(QObject):
    """One policy for every window, present and future: such a box takes focus by click or Tab
    only (a combo box's default, WheelFocus, let the wheel itself give the focus), and a wheel
    turned over it without focus is passed on, so the scroll area around it scrolls."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == POLISH and isinstance(watched, CHOOSERS):
            if watched.focusPolicy() == WHEEL_FOCUS:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == WHEEL and isinstance(watched, CHOOSERS) and not watched.hasFocus():
            event.ignore()  # ignored and filtered: the application offers it to the parent
            return True
        return False


def install_wheel_policy(app: QApplication) -> None:
    if getattr(app, "_wheel_policy", None) is None:  # once, however often the application is made
        app._wheel_policy = WheelOnlyWhenFocused(app)  # (findChild with a Python type took 9 ms)
        app.installEventFilter(app._wheel_policy)
