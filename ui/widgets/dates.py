"""Dates as the forms write them (2026.11.29), picked from a calendar."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from models.values import clock


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: dt.date | None = None, *, not_after_today: bool = False) -> QDateEdit:
    """A date field (today unless ``day``); ``not_after_today`` for a date that has happened."""
    edit = QDateEdit(qdate(day or clock.today()), calendarPopup=True, displayFormat="yyyy.MM.dd")
    if not_after_today:
        edit.setMaximumDate(qdate(clock.today()))
    return edit
