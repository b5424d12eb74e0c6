"""Print buttons: ask a form's options, render off the GUI thread, log the print (with the
options, so a reprint can show the same ages), then show the preview."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton, QSpinBox)

from models.app import printing
from models.matters.deadlines import current_campaign_year
from models.matters.tables import MatterType, Timing
from models.org.tables import Township
from models.storage.db import archive_location
from models.storage.files import write_atomically

from ..background import Operation, QueryOp
from ..errors import ErrorDialog
from ..i18n import _t
from ..widgets.dates import date_edit, qdate
from .menus import ASKING
from .preview import PrintPreview


def preview(actor, kind: str, *, parent=None, **selection) -> Operation:
    """Render form ``kind`` for ``selection`` (secretary_id, report_id, year, township, package)
    off the GUI thread, log the print, and open the preview."""
    title = printing.form_of(kind).title

    def work(progress, cancelled):
        return printing.render_form(kind, **selection), printing.suggested_pdf_name(kind, selection)

    asking_window_open = parent is not None and parent.isVisible()

    def shown(rendered: tuple[bytes, str]) -> None:
        if asking_window_open and not parent.isVisible():
            return  # the window that asked was closed meanwhile (the program quitting): nothing to show
        printing.log_print(actor, kind, selection)
        pdf, file_name = rendered
        operation.preview = PrintPreview(pdf, title, parent, file_name=file_name)
        operation.preview.open()

    operation = QueryOp(work, on_success=shown, on_failure=lambda e: ErrorDialog.show_error(e, parent),
                                    parent=parent)
    operation.preview = None
    operation.start()
    return operation


def _preview_buttons(dialog: QDialog, on_preview, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("预览"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(on_preview)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PrintOptionsDialog(QDialog):
    """The options of a person's 登记表 (or dossier): 计算年龄时间 (today, or the date of the last
    print so a reprint shows the same ages), 填表人, and for the 登记表 the layout."""

    def __init__(self, kind: str, secretary_id: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(_t("打印{title}").format(title=printing.form_of(kind).title))
        last = printing.last_options(kind, secretary_id)
        form = QFormLayout(self)
        self.age_at = date_edit()
        form.addRow(_t("计算年龄时间"), self.age_at)
        if last.get("age_at"):
            again = QPushButton(_t("与上次打印相同（{day}）").format(day=last["age_at"].replace("-", ".")))
            again.clicked.connect(lambda: self.age_at.setDate(qdate(dt.date.fromisoformat(last["age_at"]))))
            form.addRow("", again)
        self.filled_by = QLineEdit(last.get("filled_by", ""))
        form.addRow(_t("填表人"), self.filled_by)
        self.fit = QRadioButton(_t("压缩在官方的两页内（推荐）"), checked=last.get("mode", "fit") == "fit")
        self.continued = QRadioButton(_t("内容多时加续页，字号不缩小"), checked=last.get("mode") == "continue")
        if kind == "registration":  # the dossier's 登记表 keeps to the official sheet
            form.addRow(_t("版式"), self.fit)
            form.addRow("", self.continued)
        form.addRow(_preview_buttons(self, self.accept, _t("取消")))

    def options(self) -> dict:
        chosen = {"age_at": self.age_at.date().toPython(), "filled_by": self.filled_by.text().strip() or None}
        if self.kind == "registration":
            chosen["mode"] = "fit" if self.fit.isChecked() else "continue"
        return chosen


def print_person_form(actor, kind: str, secretary_id: str, *, parent=None) -> Operation | None:
    """One of a person's forms: its options asked first where it has any."""
    options = {}
    if kind in ASKING:
        dialog = PrintOptionsDialog(kind, secretary_id, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options = dialog.options()
    return preview(actor, kind, parent=parent, secretary_id=secretary_id, **options)


class BlankFormsDialog(QDialog):
    """Blank forms to fill in by hand: a 报告表 of a matter type and timing, the 集中报告表, the 登记表."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.operation: Operation | None = None
        self.setWindowTitle(_t("打印空白表格"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind, label in (("blank-report", QT_TR_NOOP("个人重大事项报告表")),
                            ("blank-campaign", QT_TR_NOOP("个人有关事项集中报告表")),
                            ("blank-registration", QT_TR_NOOP("基本情况登记表"))):
            self.kind.addItem(_t(label), kind)
        self.matter_type = QComboBox()
        for matter_type in MatterType.live().where(MatterType.active == True).order_by(MatterType.sort_order):  # noqa: E712
            self.matter_type.addItem(matter_type.name, matter_type.code)
        self.timing = QComboBox()
        self.year = QSpinBox(minimum=2000, maximum=2100, value=current_campaign_year())
        form.addRow(_t("表格"), self.kind)
        form.addRow(_t("报告事项"), self.matter_type)
        form.addRow(_t("事前/事后"), self.timing)
        form.addRow(_t("报告年度"), self.year)
        form.addRow(_preview_buttons(self, self.show_form, _t("关闭")))
        self.kind.currentIndexChanged.connect(self.update_fields)
        self.matter_type.currentIndexChanged.connect(self.update_fields)
        self.update_fields()

    def update_fields(self) -> None:
        kind = self.kind.currentData()
        self.matter_type.setEnabled(kind == "blank-report")
        self.timing.setEnabled(kind == "blank-report")
        self.year.setEnabled(kind == "blank-campaign")
        found = MatterType.live().where(MatterType.code == self.matter_type.currentData()).first()
        self.timing.clear()
        for timing in (Timing.BEFORE, Timing.AFTER):
            if found is not None and timing in found.timing:
                self.timing.addItem(timing, timing)

    def selection(self) -> dict:
        kind = self.kind.currentData()
        if kind == "blank-report":
            return {"matter_type": self.matter_type.currentData(), "timing": self.timing.currentData()}
        return {"year": self.year.value()} if kind == "blank-campaign" else {}

    def show_form(self) -> Operation:
        self.operation = preview(self.actor, self.kind.currentData(), parent=self, **self.selection())
        return self.operation


class BatchPrintDialog(QDialog):
    """A township's dossiers: one combined PDF or one per person, with progress and cancel."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.operation: Operation | None = None
        self.written: list[Path] = []
        self.failed_people: list[str] = []  # a sentence for each person whose file could not be printed
        self.setWindowTitle(_t("批量打印人事档案"))
        form = QFormLayout(self)
        self.township = QComboBox()
        for township in Township.live().order_by(Township.sort_order):
            self.township.addItem(township.name, township.name)
        self.split = QRadioButton(_t("每人一个PDF文件（保存到文件夹）"))
        self.combined = QRadioButton(_t("合并为一个PDF文件"))
        self.split.setChecked(True)
        self.progress = QProgressBar()
        self.message = QLabel(wordWrap=True)
        form.addRow(_t("乡镇（街道）"), self.township)
        form.addRow(self.split)
        form.addRow(self.combined)
        form.addRow(self.progress)
        form.addRow(self.message)
        bar = QHBoxLayout()
        self.start_button = QPushButton(_t("开始…"))
        self.start_button.clicked.connect(self.choose_target)
        self.cancel_button = QPushButton(_t("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        bar.addWidget(self.start_button)
        bar.addWidget(self.cancel_button)
        form.addRow(bar)

    def choose_target(self) -> None:
        if self.split.isChecked():
            target = QFileDialog.getExistingDirectory(self, _t("选择保存的文件夹"))
        else:
            target, _ = QFileDialog.getSaveFileName(self, _t("保存为"), _t("人事档案.pdf"), "PDF (*.pdf)")
        if target:
            self.start(Path(target))

    def start(self, target: Path) -> Operation:
        township, split, archive = self.township.currentData(), self.split.isChecked(), archive_location()
        people = [(p.id, p.unit.name, p.name) for p in printing.secretaries_of(township)]

        def work(progress, cancelled):
            failed: list[str] = []  # (a person whose form cannot be printed: the others are)
            if split:
                target.mkdir(parents=True, exist_ok=True)
                jobs = [(pid, target / printing.person_pdf_name(i, unit, name))
                        for i, (pid, unit, name) in enumerate(people, 1)]
                return printing.print_many(archive, "dossier", jobs, progress=progress, cancelled=cancelled,
                                           failed=failed), failed
            pdf = printing.render_combined("dossier", [pid for pid, _, _ in people], progress=progress,
                                           cancelled=cancelled, failed=failed)
            return ([] if pdf is None else [write_atomically(target, pdf)]), failed

        self.progress.setRange(0, len(people))
        self.start_button.setEnabled(False)
        self.message.setText(_t("正在生成……"))
        self.operation = QueryOp(work, on_success=self.printed, on_failure=self.failed, apart=True,  # worker processes print
                                             on_progress=lambda done, total: self.progress.setValue(done), parent=self)
        self.operation.start()
        return self.operation

    def printed(self, outcome: tuple[list, list]) -> None:  # not ``done``: that is QDialog's, called by reject()
        written, failed = self.written, self.failed_people = outcome
        self.start_button.setEnabled(True)
        cancelled = self.operation.cancelled()
        told = (_t("已取消，") if cancelled else "") + _t("已生成 {n} 个文件。").format(n=len(written))
        if failed:
            told += _t("{n} 人未能打印：").format(n=len(failed)) + "\n" + "\n".join(failed)
        self.message.setText(told)
        printing.log_print(self.actor, "dossier", {"township": self.township.currentData()}, files=len(written))

    def failed(self, error) -> None:
        self.start_button.setEnabled(True)
        self.message.setText(str(error))

    def running(self) -> bool:
        return self.operation is not None and not self.operation.cancelled() and self.operation.running()

    def cancel(self) -> None:
        """取消: stops the printing under way (the files already written stay); else closes."""
        if self.running():
            self.operation.cancel()
            self.message.setText(_t("正在取消……"))
        else:
            self.reject()

    def reject(self) -> None:  # Esc and the window's close button too
        if self.running():
            self.cancel()  # the dialog stays until the printing has stopped
            return
        super().reject()


