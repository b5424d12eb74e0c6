"""Print menus, light enough for any window to build at once (the renderers load on the first print)."""
from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QMenu, QToolButton

from ..resources import icon
from ..i18n import _t

PERSON_FORMS = (("dossier", QT_TR_NOOP("全部档案（封面、目录、登记表、报告表……）…")), ("registration", QT_TR_NOOP("基本情况登记表…")),
                ("catalogue", QT_TR_NOOP("档案材料目录")), ("transfer", QT_TR_NOOP("干部人事档案材料转递单")), ("register", QT_TR_NOOP("查阅借阅登记簿")))
ASKING = ("dossier", "registration")  # the forms whose ages depend on a chosen date: options asked first


def person_print_button(parent) -> QToolButton:
    """"打印" with a menu of every form of a person's file; each action's data is the form's kind."""
    button = QToolButton(parent)
    button.setText(_t("打印"))
    button.setIcon(icon("print"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for kind, label in PERSON_FORMS:
        menu.addAction(_t(label)).setData(kind)
    button.setMenu(menu)
    return button
