"""人事档案: the roster (花名册) — find a secretary, open the file; new files; the recycle bin."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QMenu, QMessageBox, QPushButton, QTableView, QToolButton, QVBoxLayout,
                               QWidget)

from models.errors import ArchiveError
from models.io.roster import export_roster
from models.org.tables import Township, Unit
from models.personnel.person import Secretary, SecretaryStatus
from models.personnel.roster import COLUMNS, RosterFilter, load_roster
from models.writing import services
from models.writing.actor import Actor

from .. import config
from ..background import QueryOp, WriteOp
from ..errors import ErrorDialog
from ..resources import icon
from .file_editor import FileEditor
from .roster_model import RosterModel
from ..events import Watching
from ..i18n import _t

FIRST_ROWS = 300  # more than any screen shows

HIDDEN_KEY = "register/hidden_columns"


class RosterPage(Watching, QWidget):
    watched = frozenset({"secretary", "unit", "township"})

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.editors: dict[str, FileEditor] = {}
        self.model = RosterModel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        layout.addLayout(self._actions())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self.column_menu)
        self.table.activated.connect(lambda index: self.open_row(index.row()))  # a double-click or Enter
        layout.addWidget(self.table)
        self.restore_columns()
        self.reload()
        self.watch_archive()

    # -- building ---------------------------------------------------------------------------------
    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_t("输入姓名、拼音首字母（如 zs）、身份证号或村名查找"))
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.township = QComboBox()
        self.township.currentIndexChanged.connect(self.township_changed)
        self.unit = QComboBox()
        self.unit.currentIndexChanged.connect(self.apply_filter)
        self.status = QComboBox()
        self.status.addItem(_t("全部状态"), None)
        for status in SecretaryStatus:
            self.status.addItem(status, status)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.count = QLabel()
        bar.addWidget(self.search, 3)
        for widget in (self.township, self.unit, self.status):
            bar.addWidget(widget, 1)
        bar.addWidget(self.count)
        return bar

    def _actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        writable = self.actor.can("personnel")
        self.new_button = self._button(bar, "new", _t("新建档案"), self.new_file, writable)
        self.open_button = self._button(bar, "open", _t("打开档案"), self.open_current, True)
        self.delete_button = self._button(bar, "remove", _t("删除（移入回收站）"), self.delete_current, writable)
        self.batch_button = self._button(bar, "print", _t("批量打印…"), self.batch_print, True)
        self.exchange_button = QToolButton(text=_t("导入/导出"), icon=icon("import"))
        self.exchange_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.exchange_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.exchange_button)
        for text, slot, enabled in ((_t("导入花名册（Excel）…"), self.import_roster, writable),
                                    (_t("导出花名册（Excel）…"), self.choose_export, True),
                                    (_t("导入任免审批表（.lrmx/.lrm）…"), self.import_cards, writable),
                                    (_t("导出所选档案的任免审批表（.lrmx）…"), self.export_cards, True)):
            menu.addAction(text, slot).setEnabled(enabled)
        self.exchange_button.setMenu(menu)
        bar.addWidget(self.exchange_button)
        self.audit_button = self._button(bar, "view", _t("信息核验…"), self.show_audit, True)
        self.audit_button.setToolTip(_t("各档案“三龄两历一身份”的待核问题与完整度"))
        bar.addStretch(1)
        self.bin_button = self._button(bar, "recycle", _t("回收站"), self.reload, True)
        self.bin_button.setCheckable(True)
        self.restore_button = self._button(bar, "restore", _t("恢复所选档案"), self.restore_current, False)
        return bar

    def _button(self, bar, icon_name: str, text: str, slot, enabled: bool) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.clicked.connect(slot)
        button.setEnabled(enabled)
        bar.addWidget(button)
        return button

    def import_roster(self):
        from .roster_import import RosterImportDialog

        self.roster_dialog = RosterImportDialog(self.actor, self)
        self.roster_dialog.finished.connect(lambda _: self.reload())
        self.roster_dialog.open()
        return self.roster_dialog

    def show_audit(self):
        from .findings_tab import AuditListDialog

        self.audit_dialog = AuditListDialog(self)
        self.audit_dialog.opened.connect(self.open_file)
        self.audit_dialog.open()
        return self.audit_dialog

    def import_cards(self):
        from .lrmx_dialog import LrmxImportDialog

        self.cards_dialog = LrmxImportDialog(self.actor, self)
        self.cards_dialog.finished.connect(lambda _: self.reload())
        self.cards_dialog.open()
        return self.cards_dialog

    def export_cards(self, folder: Path | None = None):
        """The selected files (every file shown when none is selected) as .lrmx, written on the
        database worker; the operation, or None when nothing is to be written."""
        from .lrmx_dialog import export_chosen

        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        people = [self.model.row_at(row) for row in rows or range(self.model.rowCount())]

        def written(paths: list[Path]) -> None:
            if paths:
                self.count.setText(_t("已导出任免审批表 {n} 份到 {folder}").format(n=len(paths), folder=paths[0].parent))

        self.exporting = export_chosen(self.actor, self, [person.id for person in people if person], folder,
                                       on_written=written)
        return self.exporting

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _t("导出花名册"), _t("书记花名册.xlsx"), "Excel (*.xlsx)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> WriteOp:
        """The 花名册 written on the database worker, how far shown where the count is."""
        def shown(count: int) -> None:
            self.count.setText(_t("已导出花名册：{n}人 → {path}").format(n=count, path=path))

        self.count.setText(_t("正在导出花名册……"))
        self.exporting = WriteOp(lambda progress, cancelled: export_roster(self.actor, path, progress=progress),
                                 on_success=shown, on_failure=lambda error: self.export_failed(error),
                                 on_progress=lambda done, total: self.count.setText(
                                     _t("正在导出花名册：{done}/{total}人").format(done=done, total=total)), parent=self)
        return self.exporting.start()

    def export_failed(self, error) -> None:
        self.update_count()
        ErrorDialog.show_error(error, self)

    # -- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh_if_stale()
        super().showEvent(event)

    def reload(self) -> None:
        """The first screenfuls at once, the rest of a district's files read in the background:
        50,000 files take most of a second to read, the first rows a few milliseconds."""
        in_bin = self.bin_button.isChecked()
        self.generation = getattr(self, "generation", 0) + 1  # a slower, older reading never wins
        first = load_roster(deleted=in_bin, limit=FIRST_ROWS)
        self.model.set_rows(first)
        if len(first) == FIRST_ROWS:
            self.loading = QueryOp(
                lambda progress, cancelled: load_roster(deleted=in_bin), parent=self,
                on_success=lambda rows, generation=self.generation: self.loaded(rows, generation),
                on_failure=ErrorDialog.show_error)
            self.loading.start()
        self.restore_button.setEnabled(in_bin and self.actor.can("personnel"))
        self.restore_button.setVisible(in_bin)  # only where it acts: the row then fits 1024 pixels
        self.delete_button.setEnabled(not in_bin and self.actor.can("personnel"))
        self.open_button.setEnabled(not in_bin)
        self.fill_townships()
        self.update_count()

    def loaded(self, rows, generation: int) -> None:
        if generation != self.generation:
            return
        self.model.set_rows(rows)  # the filter typed meanwhile applies to them all
        self.update_count()

    def fill_townships(self) -> None:
        current = self.township.currentData()
        self.township.blockSignals(True)
        self.township.clear()
        self.township.addItem(_t("全部乡镇"), None)
        for township in Township.live().order_by(Township.sort_order, Township.name):
            self.township.addItem(township.name, township.id)
        self.township.setCurrentIndex(max(self.township.findData(current), 0))
        self.township.blockSignals(False)
        self.fill_units()

    def fill_units(self) -> None:
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_t("全部村（社区）"), None)
        township = self.township.currentData()
        query = Unit.live().order_by(Unit.sort_order, Unit.name)
        if township:
            query = query.where(Unit.township == township)
            for unit in query:
                self.unit.addItem(unit.name, unit.id)
        self.unit.setEnabled(bool(township))
        self.unit.blockSignals(False)

    def township_changed(self) -> None:
        self.fill_units()
        self.apply_filter()

    def current_filter(self) -> RosterFilter:
        return RosterFilter(self.search.text(), self.township.currentData(), self.unit.currentData(),
                              self.status.currentData())

    def apply_filter(self) -> None:
        self.model.apply(self.current_filter())
        self.update_count()

    def update_count(self) -> None:
        where = _t("回收站中") if self.bin_button.isChecked() else ""
        self.count.setText(_t("{where}显示 {shown} / 共 {total} 人").format(
            where=where, shown=f"{self.model.matched:,}", total=f"{self.model.total:,}"))

    # -- columns -------------------------------------------------------------------------------------
    def column_menu(self, position) -> None:
        menu = QMenu(self)
        for column, title in enumerate(COLUMNS):
            action = QAction(title, menu, checkable=True, checked=not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
            menu.addAction(action)
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def set_column_shown(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        hidden = [COLUMNS[c] for c in range(len(COLUMNS)) if self.table.isColumnHidden(c)]
        config.app_settings().setValue(HIDDEN_KEY, hidden)

    def restore_columns(self) -> None:
        hidden = config.app_settings().value(HIDDEN_KEY) or []
        hidden = [hidden] if isinstance(hidden, str) else hidden
        for column, title in enumerate(COLUMNS):
            self.table.setColumnHidden(column, title in hidden)

    # -- actions --------------------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row else None

    def open_row(self, row: int) -> None:
        found = self.model.row_at(row)
        if found and not self.bin_button.isChecked():
            self.open_file(found.id)

    def open_current(self) -> None:
        if self.selected_id():
            self.open_file(self.selected_id())

    def open_file(self, secretary_id: str | None) -> FileEditor:
        editor = self.editors.get(secretary_id) if secretary_id else None
        if editor is None or not editor.isVisible():
            if secretary_id:  # reading a file is logged, as the rules for archives require
                services.record_event(self.actor, action="view", model=Secretary, record_id=secretary_id,
                                      summary=f"查看人事档案：{Secretary.get_by_id(secretary_id).name}")
            editor = FileEditor(self.actor, secretary_id)
            editor.saved.connect(lambda _: self.reload())
            if secretary_id:
                self.editors[secretary_id] = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def new_file(self) -> FileEditor:
        editor = self.open_file(None)
        self.editors[f"new-{id(editor)}"] = editor
        return editor

    def batch_print(self) -> None:
        from ..printing.actions import BatchPrintDialog

        BatchPrintDialog(self.actor, self).exec()

    def delete_current(self) -> None:
        secretary_id = self.selected_id()
        if not secretary_id:
            return
        name = Secretary.get_by_id(secretary_id).name
        reason, ok = self.ask_reason(name)
        if not ok:
            return
        try:
            services.delete(self.actor, Secretary, secretary_id, reason=reason)
        except ArchiveError as error:
            QMessageBox.warning(self, _t("未能删除"), str(error))
        self.reload()

    def ask_reason(self, name: str) -> tuple[str, bool]:
        return QInputDialog.getText(self, _t("删除档案"), _t("将“{name}”的档案移入回收站（可恢复）。\n删除原因：").format(name=name))

    def restore_current(self) -> None:
        secretary_id = self.selected_id()
        if secretary_id:
            try:
                services.restore(self.actor, Secretary, secretary_id)
            except ArchiveError as error:
                QMessageBox.warning(self, _t("未能恢复"), str(error))
            self.reload()
