"""信息核验 (专审): a file's warnings of the "三龄两历一身份" checks with a place to record the 认定,
and the list of every file by open warnings and completeness. Warnings never block saving."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from models.errors import ArchiveError
from models.dossier.checks import audit_files, check_file, completeness
from models.personnel.findings import Warning, accept
from models.writing.actor import Actor

from ..background import QueryOp
from ..errors import explain
from ..i18n import _t
from ..widgets.dates import date_edit
from ..widgets.rows_model import RowsModel
from ..widgets.screen import fit_to_screen
from ..widgets.tables import read_only_table


def _state_colour(row: tuple) -> QColor:
    return QColor("#8a5a00") if row[3] == _t("待核") else QColor("#1e6b30")


class AcceptDialog(QDialog):
    """认定: the accepted value, the material it rests on, when and who approved it."""

    def __init__(self, warning: Warning, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("认定"))
        form = QFormLayout(self)
        form.addRow(_t("核验问题"), QLabel(warning.text, wordWrap=True))
        self.value = QLineEdit(placeholderText=_t("如：1975.04（按最早材料认定）"))
        self.basis = QLineEdit(placeholderText=_t("如：1993年招工登记表"))
        self.decided_on = date_edit()
        self.approver = QLineEdit()
        for label, widget in ((_t("认定值"), self.value), (_t("认定依据材料"), self.basis),
                              (_t("认定时间"), self.decided_on), (_t("审批人"), self.approver)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"value": self.value.text().strip(), "basis": self.basis.text().strip(),
                "approver": self.approver.text().strip(), "decided_on": self.decided_on.date().toPython()}


class FindingsTab(QWidget):
    """The file editor's 信息核验 tab."""

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.secretary_id: str | None = None
        self.warnings: list[Warning] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(wordWrap=True)
        layout.addWidget(self.summary)
        self.model = RowsModel([_t("项目"), _t("问题"), _t("涉及"), _t("状态"), _t("认定")], colour=_state_colour, parent=self)
        self.table = read_only_table(self.model, (80, 360, 140, 60))
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.accept_button = QPushButton(_t("认定…"))
        self.accept_button.setToolTip(_t("记录认定值、依据材料、时间和审批人；认定后不再计为待核问题"))
        self.accept_button.setEnabled(actor.can("personnel"))
        self.accept_button.clicked.connect(self.ask_accept)
        self.message = QLabel(wordWrap=True)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.message, 1)
        layout.addLayout(bar)

    def load(self, secretary_id: str | None) -> None:
        self.secretary_id = secretary_id
        self.warnings = check_file(secretary_id) if secretary_id else []
        self.model.set_rows([(w.check, w.text, "、".join(w.fields), _t("待核") if w.open else _t("已认定"),
                              "" if w.open else f"{w.finding.value or ''} {w.finding.basis}（{w.finding.approver} "
                                                f"{w.finding.decided_on:%Y.%m.%d}）") for w in self.warnings])
        open_count = sum(w.open for w in self.warnings)
        share = completeness(secretary_id) if secretary_id else 0
        self.summary.setText(_t("“三龄两历一身份”核验：待核 {open} 项，已认定 {done} 项；登记表项目完整度 {share:.0%}。"
                                "提示不影响保存。").format(open=open_count, done=len(self.warnings) - open_count,
                                                       share=share))

    def ask_accept(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.warnings) or not self.warnings[row].open:
            self.message.setText(_t("请先选中一条待核问题"))
            return
        dialog = AcceptDialog(self.warnings[row], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record(row, **dialog.values())

    def record(self, row: int, **values) -> bool:
        try:
            accept(self.actor, self.secretary_id, self.warnings[row], **values)
        except ArchiveError as error:
            self.message.setText(_t("未保存：") + explain(error))
            return False
        self.load(self.secretary_id)
        self.message.setText(_t("已记录认定"))
        return True


class AuditListDialog(QDialog):
    """Every file by open warnings (most first), then completeness (least first). The files are
    checked on the database worker, the bar showing how far; the dialog is usable at once."""

    opened = Signal(str)
    listed = Signal()  # every file checked and on the list

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("信息核验（专审）"))
        fit_to_screen(self, 760, 560)
        layout = QVBoxLayout(self)
        self.rows: list = []
        self.heading = QLabel(_t("正在核验各份档案……"))
        layout.addWidget(self.heading)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        self.model = RowsModel([_t("姓名"), _t("村（社区）"), _t("待核"), _t("已认定"), _t("完整度")], parent=self)
        self.table = read_only_table(self.model, (90, 160, 60, 60))
        self.table.doubleClicked.connect(lambda index: self.opened.emit(self.model.key(index.row())))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.checking = QueryOp(lambda progress, cancelled: audit_files(progress=progress, cancelled=cancelled),
                                on_success=self.show_rows, on_failure=self.failed, on_progress=self.advance,
                                parent=self).start()

    def advance(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def show_rows(self, rows) -> None:
        if rows is None:
            return  # closed before the end
        self.rows = rows
        self.progress.hide()
        flagged = sum(1 for r in rows if r.open_warnings)
        self.heading.setText(_t("共 {n} 份档案，{flagged} 份有待核问题。双击打开档案。").format(n=len(rows), flagged=flagged))
        self.model.set_rows([(r.name, r.unit, r.open_warnings, r.accepted, f"{r.completeness:.0%}") for r in rows],
                            [r.secretary_id for r in rows])
        self.listed.emit()

    def failed(self, error) -> None:
        self.progress.hide()
        self.heading.setText(_t("核验未完成：") + explain(error))

    def done(self, result: int) -> None:  # closing stops the checking (what was read is dropped)
        self.checking.cancel()
        super().done(result)
