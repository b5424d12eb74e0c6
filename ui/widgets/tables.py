"""The one way a read-only list is shown: whole rows selected, alternating colours, last column
stretched, optional column widths."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget


def read_only_table(model, widths: tuple[int, ...] = (), *, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


def commit_open_editors(window: QWidget) -> None:
    """What is being typed in a table cell goes into the table: a shortcut (Ctrl+S) saves without
    the focus leaving the cell, and the value typed there was dropped while 已保存 was shown."""
    for view in window.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        editor = _open_editor(view)
        if editor is not None:
            delegate = view.itemDelegateForIndex(view.currentIndex())
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def _open_editor(view: QAbstractItemView) -> QWidget | None:
    """The cell editor: the viewport's one visible child (this application sets no index widgets)."""
    editors = [child for child in view.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
               if child.isVisible()]
    return editors[0] if len(editors) == 1 else None
