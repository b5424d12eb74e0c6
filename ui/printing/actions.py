"""Print buttons: render off the GUI thread, log the print, then show the preview."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QRadioButton)

from models.app import printing
from models.org.tables import Township
from models.storage.db import database_path
from models.storage.files import write_atomically
from models.writing import services

from ..background import BackgroundOperation
from ..errors import ErrorDialog
from .preview import PrintPreview


def _t(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def preview(actor, kind: str, *, parent=None, **selection) -> BackgroundOperation:
    """Render form ``kind`` for ``selection`` (secretary_id, report_id, year, township, package)
    off the GUI thread, log the print, and open the preview."""
    title = printing.form_of(kind).title

    def work(progress, cancelled):
        return printing.render_form(kind, **selection)

    def shown(pdf: bytes) -> None:
        subject = selection.get("secretary_id") or selection.get("report_id")
        services.record_event(actor, action="print", model=None, record_id=subject, summary=f"打印{title}")
        operation.preview = PrintPreview(pdf, title, parent)
        operation.preview.open()

    operation = BackgroundOperation(work, on_success=shown, on_failure=lambda e: ErrorDialog.show_error(e, parent),
                                    parent=parent)
    operation.preview = None
    operation.start()
    return operation


class BatchPrintDialog(QDialog):
    """A township's dossiers: one combined PDF or one per person, with progress and cancel."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.operation: BackgroundOperation | None = None
        self.written: list[Path] = []
        self.setWindowTitle(_t("批量打印人事档案"))
        form = QFormLayout(self)
        self.township = QComboBox()
        for township in Township.live().order_by(Township.sort_order):
            self.township.addItem(township.name, township.name)
        self.split = QRadioButton(_t("每人一个PDF文件(保存到文件夹)"))
        self.combined = QRadioButton(_t("合并为一个PDF文件"))
        self.split.setChecked(True)
        self.progress = QProgressBar()
        self.message = QLabel(wordWrap=True)
        form.addRow(_t("乡镇(街道)"), self.township)
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

    def start(self, target: Path) -> BackgroundOperation:
        township, split, archive = self.township.currentData(), self.split.isChecked(), database_path()
        people = [(p.id, p.unit.name, p.name) for p in printing.secretaries_of(township)]

        def work(progress, cancelled):
            if split:
                target.mkdir(parents=True, exist_ok=True)
                jobs = [(pid, target / f"{i:03d}-{unit}-{name}.pdf") for i, (pid, unit, name) in enumerate(people, 1)]
                return printing.print_many(archive, "dossier", jobs, progress=progress, cancelled=cancelled)
            pdf = printing.render_combined("dossier", [pid for pid, _, _ in people], progress=progress,
                                           cancelled=cancelled)
            return [] if pdf is None else [write_atomically(target, pdf)]

        self.progress.setRange(0, len(people))
        self.start_button.setEnabled(False)
        self.message.setText(_t("正在生成……"))
        self.operation = BackgroundOperation(work, on_success=self.done, on_failure=self.failed,
                                             on_progress=lambda done, total: self.progress.setValue(done), parent=self)
        self.operation.start()
        return self.operation

    def done(self, written: list) -> None:
        self.written = written
        self.start_button.setEnabled(True)
        cancelled = self.operation.worker.cancel_event.is_set()
        self.message.setText((_t("已取消,") if cancelled else "") + _t("已生成 {n} 个文件。").format(n=len(written)))
        services.record_event(self.actor, action="print", model=None, record_id=None,
                              summary=f"批量打印人事档案:{self.township.currentData()} {len(written)}个文件")

    def failed(self, error) -> None:
        self.start_button.setEnabled(True)
        self.message.setText(str(error))

    def cancel(self) -> None:
        if self.operation is not None and self.operation.thread.isRunning():
            self.operation.cancel()
            self.message.setText(_t("正在取消……"))
        else:
            self.reject()



