"""Dates as the forms write them (2026.11.29), picked from a calendar."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit

from models.values import clock

from ..i18n import _t


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DayEdit(QDateEdit):
    """A date box where a typed date is the date typed.

    It keeps Qt's whole range: with today as its maximum, Qt judged each digit against it while
    the clerk typed and silently kept an earlier month (2026.12.06 typed over 2026.01.28 became
    2026.01.06). And typing over the whole text selected (Ctrl+A, a triple click) starts in the
    year, as the eye reads it: Qt refused the first digit there and the year stayed unchanged."""

    SEPARATORS = frozenset(".-/年月日 ")
    _moved_on = False  # the last digit filled its part and Qt moved on to the next part

    def keyPressEvent(self, event) -> None:  # noqa: N802
        typed = event.text()[:1]
        if typed and typed in self.SEPARATORS:
            if self._moved_on:
                self._moved_on = False  # 2021.12: the "." after 2021 is where Qt already is, not one more part
                event.accept()
                return
            if typed != ".":  # Qt moves on only at the format's own "."; 2026-1-5 and 2026/1/5 alike
                event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Period, event.modifiers(), ".")
        if typed.isdigit() and self._all_selected():
            self.setSelectedSection(QDateEdit.Section.YearSection)
        part = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = typed.isdigit() and self.currentSection() != part

    def focusInEvent(self, event) -> None:  # noqa: N802
        self._moved_on = False  # typing starts afresh wherever the clerk came in
        super().focusInEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._moved_on = False
        super().mousePressEvent(event)

    def _all_selected(self) -> bool:
        line = self.lineEdit()
        return line.hasSelectedText() and len(line.selectedText()) == len(line.text())


def date_edit(day: dt.date | None = None, *, not_after_today: bool = False) -> DayEdit:
    """A date field (today unless ``day``); ``not_after_today`` for a date that has happened: a
    later one is shown in red here, and refused, naming the field, by the write path's rule."""
    edit = DayEdit(qdate(day or clock.today()), calendarPopup=True, displayFormat="yyyy.MM.dd")
    if not_after_today:
        edit.dateChanged.connect(lambda chosen: _flag_future(edit, chosen.toPython()))
    return edit


def _flag_future(edit: QDateEdit, chosen: dt.date) -> None:
    late = chosen > clock.today()
    edit.setStyleSheet("QDateEdit { color: #b3261e; }" if late else "")
    edit.setToolTip(_t("不能晚于今天（{day}）").format(day=f"{clock.today():%Y.%m.%d}") if late else "")
