"""Print menus, light enough for any window to build at once (the renderers load on the first print)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu, QToolButton

from ..resources import icon

PERSON_FORMS = (("dossier", "全部档案(封面、目录、登记表、报告表……)…"), ("registration", "基本情况登记表…"),
                ("catalogue", "档案材料目录"), ("transfer", "干部人事档案材料转递单"), ("register", "查阅借阅登记簿"))
ASKING = ("dossier", "registration")  # the forms whose ages depend on a chosen date: options asked first


def _t(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


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
