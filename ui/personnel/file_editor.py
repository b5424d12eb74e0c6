"""The file editor: one window per personnel file, one tab per part of the file."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from models.errors import ArchiveError, ValidationError
from models.matters.person_reports import person_reports, report_details
from models.matters.tables import MatterReport, ReportKind
from models.personnel.person import Secretary
from models.dossier.saving import save_file
from models.dossier.timeline import file_history, local_time, person_timeline
from models.dossier.undo import last_save, undo_last_save
from models.writing.actor import Actor

from .. import shortcuts
from ..errors import ErrorDialog
from ..matters.campaign_report import open_filed
from ..printing.menus import ASKING, person_print_button
from ..resources import icon
from ..widgets.rows_model import RowsModel
from ..widgets.tables import commit_open_editors, read_only_table
from .basic_tab import BasicTab
from .part_specs import part_specs
from .part_tab import PartTab
from .findings_tab import FindingsTab
from .scans import MaterialsTab
from .unit_dialog import UnitDialog
from ..widgets.screen import fit_to_screen, scrolling
from ..i18n import _t


class ReportView(QDialog):
    """A report of this person, every filled field shown (read only)."""

    def __init__(self, report: MatterReport, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("重大事项报告"))
        self.setMinimumWidth(460)
        layout = QFormLayout(self)
        for label, value in report_details(report):
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(label, text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)


class FileEditor(QWidget):
    saved = Signal(str)

    def __init__(self, actor: Actor, secretary_id: str | None = None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.actor = actor
        self.secretary_id = secretary_id
        self.version: int | None = None
        writable = actor.can("personnel")
        self.tabs = QTabWidget()
        self.basic = BasicTab(writable=writable)
        self.basic.new_unit_requested.connect(self.add_unit)
        self.basic_page = scrolling(self.basic)  # a small screen scrolls the long form
        self.tabs.addTab(self.basic_page, _t("基本信息"))
        self.parts: list[PartTab] = []
        for spec in part_specs():
            tab = MaterialsTab(spec, writable=writable, actor=actor) if spec.tab == "档案材料目录" \
                else PartTab(spec, writable=writable)
            tab.edited.connect(self.update_title)
            self.parts.append(tab)
            self.tabs.addTab(tab, spec.tab)
        self.reports = RowsModel([_t("报告时间"), _t("类别"), _t("事项"), _t("事前/事后"), _t("事项时间"), _t("状态"),
                                  _t("是否按期")], parent=self)
        self.reports_view = read_only_table(self.reports, (100, 80, 300, 80, 100, 70))
        self.reports_view.doubleClicked.connect(self.open_report)
        self.tabs.addTab(self.reports_view, _t("一事一报"))
        self.timeline = RowsModel([_t("时间"), _t("类别"), _t("内容")], parent=self)
        self.tabs.addTab(read_only_table(self.timeline, (100, 90)), _t("时间线"))
        self.findings = FindingsTab(actor)
        self.tabs.addTab(self.findings, _t("信息核验"))
        self.history = RowsModel([_t("时间"), _t("操作人"), _t("操作"), _t("摘要"), _t("修改内容")], parent=self)
        self.history_view = read_only_table(self.history, (130, 110, 50, 230))
        self.history_view.setWordWrap(True)
        self.tabs.addTab(self._history_page(writable), _t("修改记录"))
        self.basic.edited.connect(self.update_title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(self._bottom_bar(writable))
        QShortcut(QKeySequence(shortcuts.SAVE), self, activated=self.save)
        QShortcut(QKeySequence(shortcuts.PRINT), self, activated=self.print_button.showMenu)
        QShortcut(QKeySequence(shortcuts.NEXT_TAB), self, activated=lambda: self.step_tab(True))
        QShortcut(QKeySequence(shortcuts.PREVIOUS_TAB), self, activated=lambda: self.step_tab(False))
        fit_to_screen(self, 1120, 760)
        self.load()

    def _bottom_bar(self, writable: bool) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.message, 1)
        self.save_button = QPushButton(icon("save"), _t("保存 (Ctrl+S)"))
        self.save_button.setEnabled(writable)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(icon("close"), _t("关闭"))
        close.clicked.connect(self.close)
        self.print_button = person_print_button(self)
        self.print_button.menu().triggered.connect(lambda action: self.print_form(action.data()))
        self.card_button = QPushButton(icon("export"), _t("导出任免审批表…"))
        self.card_button.setToolTip(_t("导出为干部任免审批表文件（.lrmx），供组织部门的干部管理系统读入"))
        self.card_button.clicked.connect(lambda: self.export_card())
        bar.addWidget(self.card_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        return bar

    def export_card(self, folder=None):
        """This file as a .lrmx: what is saved (an unsaved change is saved first or not exported),
        written on the database worker; the operation, or None when nothing is written."""
        from .lrmx_dialog import export_chosen

        if not self.secretary_id or self.is_dirty():
            self.message.setText(_t("请先保存档案再导出：导出的是已保存的内容"))
            return None

        def written(paths: list) -> None:
            if paths:
                self.message.setText(_t("已导出：{path}").format(path=paths[0]))

        self.exporting = export_chosen(self.actor, self, [self.secretary_id], folder, on_written=written)
        return self.exporting

    def discard_changes(self) -> None:
        """The unsaved changes dropped (the idle lock left by someone else): closing asks nothing."""
        self.load()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Esc closes the file (asking about unsaved changes) once no field has used it: a cell
        being edited takes its Esc first, to cancel the edit."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _history_page(self, writable: bool) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.history_view)
        bar = QHBoxLayout()
        self.undo_button = QPushButton(icon("restore"), _t("撤销上一次保存…"))
        self.undo_button.setToolTip(_t("把这份档案最近一次保存的修改全部改回去（记入修改记录）；再点一次撤销更早的一次"))
        self.undo_button.setEnabled(writable)
        self.undo_button.clicked.connect(self.ask_undo)
        bar.addWidget(self.undo_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        return page

    def ask_undo(self) -> None:
        save = last_save(self.secretary_id) if self.secretary_id else None
        if save is None:
            self.message.setText(_t("这份档案没有可以撤销的保存"))
            return
        if self.is_dirty():
            self.message.setText(_t("请先保存或放弃当前的修改，再撤销上一次保存"))
            return
        question = _t("撤销 {actor} 在 {at} 的保存？\n{what}").format(
            actor=save.marker.actor, at=local_time(save.marker.at), what=save.describe())
        if self.confirm(question):
            self.undo()

    def confirm(self, question: str) -> bool:
        return QMessageBox.question(self, _t("撤销上一次保存"), question) == QMessageBox.StandardButton.Yes

    def undo(self) -> bool:
        try:
            undo_last_save(self.actor, self.secretary_id)
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("未撤销：") + str(error))
            return False
        self.load()
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(_t("已撤销上一次保存"))
        return True

    def step_tab(self, forward: bool) -> None:
        self.tabs.setCurrentIndex(shortcuts.step(self.tabs.currentIndex(), self.tabs.count(), forward))

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        person = Secretary.get_by_id(self.secretary_id) if self.secretary_id else None
        self.version = person.version if person else None
        self.basic.load(person)
        self.basic.photo.load(self.secretary_id)
        for tab in self.parts:
            model = tab.spec.model
            records = (model.live().where(model.secretary == self.secretary_id).order_by(model.sort_order)
                       if self.secretary_id else [])
            tab.model.load(records)
            if isinstance(tab, MaterialsTab):
                tab.secretary_id = self.secretary_id
        self.load_read_only()
        self.update_title()

    def load_read_only(self) -> None:
        if not self.secretary_id:
            return
        self.findings.load(self.secretary_id)
        lines = person_reports(self.secretary_id)
        self.reports.set_rows([(r.report_date, r.kind, r.matter, r.timing, r.matter_date, r.status, r.punctuality)
                               for r in lines], [r.id for r in lines])
        self.timeline.set_rows([(i.when, i.kind, i.text) for i in person_timeline(self.secretary_id)])
        self.history.set_rows([(h.at, h.actor, h.action, h.summary, h.changes) for h in file_history(self.secretary_id)])

    def open_report(self, index) -> None:
        report_id = self.reports.key(index.row())
        if not report_id:
            return
        report = MatterReport.get_by_id(report_id)
        if report.kind == ReportKind.CENTRALISED:
            self.report_dialog = open_filed(self.actor, report, self)  # its answers, in its own form
        else:
            ReportView(report, self).exec()

    # -- state ---------------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.basic.is_dirty() or any(tab.model.is_dirty() for tab in self.parts)

    def update_title(self) -> None:
        name = self.basic.values().get("name") or _t("新建档案")
        dirty = self.is_dirty()
        self.setWindowTitle(_t("人事档案 — {name}").format(name=name) + (" *" if dirty else ""))
        if dirty and self.message.text().startswith(_t("已保存。")):
            self.message.setText(_t("有修改尚未保存"))  # 已保存 beside unsaved changes misled
            self.message.setStyleSheet("color: #8a5a00;")

    def tab_of(self, table: str) -> PartTab | None:
        return next((t for t in self.parts if t.spec.model._meta.table_name == table), None)

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> bool:
        if not self.actor.can("personnel"):
            return False
        commit_open_editors(self)
        cell_problems = [(tab, p) for tab in self.parts for p in tab.model.problems()]
        if cell_problems:
            tab, (row, field, message) = cell_problems[0]
            self.show_part_problem(tab, row, field, f"{tab.spec.tab}第{row + 1}行：{message}")
            return False
        try:
            saved = save_file(self.actor, secretary_id=self.secretary_id, basic=self.basic.collect(),
                              parts=[tab.model.collect() for tab in self.parts if tab.model.is_dirty()],
                              photo=self.basic.photo.pending, remove_photo=self.basic.photo.removed,
                              expected_version=self.version)
        except ValidationError as error:
            self.show_problems(error)
            return False
        except ArchiveError as error:
            self.message.setText(str(error))
            return False
        except Exception as error:  # disk full, locked archive …: a sentence, nothing lost
            ErrorDialog.show_error(error, self)
            return False
        self.secretary_id = saved.record.id
        warnings = ";".join(str(w) for w in saved.warnings)
        self.load()
        self.message.setStyleSheet("color: #8a5a00;" if warnings else "color: #1e6b30;")
        self.message.setText(_t("已保存。") + (_t("请核对：") + warnings if warnings else ""))
        self.saved.emit(self.secretary_id)
        return True

    def show_problems(self, error: ValidationError) -> None:
        first = error.problems[0]
        if first.part:
            tab = self.tab_of(first.part)
            self.show_part_problem(tab, first.row, first.field, str(error))
            return
        for problem in error.problems:
            if problem.field in self.basic.widgets:
                self.basic.mark(problem.field, str(problem))
        self.tabs.setCurrentWidget(self.basic_page)
        marked = next((p.field for p in error.problems if p.field in self.basic.widgets), None)
        if marked:
            self.basic_page.ensureWidgetVisible(self.basic.widgets[marked])
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(_t("未保存：") + str(error))

    def show_part_problem(self, tab: PartTab, row: int, field: str, text: str) -> None:
        self.tabs.setCurrentWidget(tab)
        tab.select_cell(row, field)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(_t("未保存：") + text)

    def print_form(self, kind: str, **options):
        """One of the file's forms (``options`` given: printed with them, without asking)."""
        if not self.secretary_id or self.is_dirty():
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("请先保存档案再打印：打印的是已保存的内容"))
            return None
        from ..printing.actions import preview, print_person_form  # the renderers load on the first print

        if options or kind not in ASKING:
            self.print_operation = preview(self.actor, kind, parent=self, secretary_id=self.secretary_id, **options)
        else:
            self.print_operation = print_person_form(self.actor, kind, self.secretary_id, parent=self)
        return self.print_operation

    def add_unit(self) -> None:
        unit_id = UnitDialog.ask(self.actor, self)
        if unit_id:
            self.basic.reload_units(select=unit_id)

    # -- leaving ---------------------------------------------------------------------------------
    def ask_unsaved(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, _t("尚未保存"), _t("档案有修改尚未保存。要保存吗？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    def closeEvent(self, event) -> None:  # noqa: N802
        commit_open_editors(self)  # a cell still being typed is a change to ask about (×, Ctrl+Q, the lock)
        if self.is_dirty():
            answer = self.ask_unsaved()
            # only an explicit 放弃 drops the changes: a question closed without an answer (the
            # idle lock hides it) keeps the file open with its changes
            if answer != QMessageBox.StandardButton.Discard and (
                    answer != QMessageBox.StandardButton.Save or not self.save()):
                event.ignore()
                return
        event.accept()
