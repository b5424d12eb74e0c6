"""Scanned pages of catalogued materials: attach from files, count, and view."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QScrollArea,
                               QStackedWidget)

from models.attachments.adding import attach
from models.storage import file_store as store
from models.attachments.tables import Attachment

from ..resources import icon
from .part_tab import PartTab
from ..widgets.screen import fit_to_screen
from ..i18n import _t


def scans_of(material_id: str) -> list[Attachment]:
    return list(Attachment.live().where(Attachment.material == material_id).order_by(Attachment.sort_order,
                                                                                    Attachment.created_at))


class ScanViewer(QDialog):
    """Pages listed on the left, the chosen one shown on the right (images or PDF)."""

    def __init__(self, title: str, scans: list[Attachment], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("扫描件 — {title}").format(title=title))
        fit_to_screen(self, 820, 640)
        layout = QHBoxLayout(self)
        self.pages = QListWidget()
        self.pages.setFixedWidth(200)
        layout.addWidget(self.pages)
        self.stack = QStackedWidget()
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.pdf_view = QPdfView()
        self.document = QPdfDocument(self)
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.pdf_view)
        layout.addWidget(self.stack, 1)
        self.scans = scans
        for scan in scans:
            self.pages.addItem(scan.file_name)
        self.pages.currentRowChanged.connect(self.show_scan)
        if scans:
            self.pages.setCurrentRow(0)

    def show_scan(self, row: int) -> None:
        if not 0 <= row < len(self.scans):
            return
        scan = self.scans[row]
        problem = store.file_problem(scan.sha256, scan.size)
        if problem:
            self.image.setText(_t("无法显示:{problem}").format(problem=problem))
            self.stack.setCurrentIndex(0)
            return
        data = store.read_bytes(scan.sha256)
        if scan.mime_type == "application/pdf":
            self.buffer = QBuffer(self)
            self.buffer.setData(QByteArray(data))
            self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self.buffer)
            self.stack.setCurrentIndex(1)
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            self.image.setPixmap(pixmap)
            self.stack.setCurrentIndex(0)


class MaterialsTab(PartTab):
    """The catalogue, with the scans of the selected material and the page counts."""

    def __init__(self, spec, *, writable: bool, actor, parent=None):
        super().__init__(spec, writable=writable, parent=parent)
        self.actor = actor
        self.attach_button = QPushButton(icon("scan"), _t("添加扫描件…"))
        self.attach_button.setEnabled(writable)
        self.attach_button.clicked.connect(self.choose_scans)
        self.view_button = QPushButton(icon("view"), _t("查看扫描件"))
        self.view_button.clicked.connect(self.view_scans)
        self.counts = QLabel()
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e;")
        for widget in (self.attach_button, self.view_button, self.message):
            self.extra.addWidget(widget)
        self.extra.addStretch(1)
        self.extra.addWidget(self.counts)
        self.model.modelReset.connect(self.update_counts)
        self.model.edited.connect(self.update_counts)

    def selected_material(self):
        row = self.current_row()
        return self.model.rows[row] if row >= 0 else None

    def update_counts(self) -> None:
        catalogued = sum(int(r.values.get("pages") or 0) for r in self.model.rows
                         if str(r.values.get("pages") or "0").isdigit())
        ids = [r.record_id for r in self.model.rows if r.record_id]
        scanned = Attachment.live().where(Attachment.material.in_(ids)).count() if ids else 0
        self.counts.setText(_t("已编目 {pages} 页,已扫描 {scans} 页").format(pages=catalogued, scans=scanned))

    def choose_scans(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, _t("选择扫描件"), "", _t("图片或PDF (*.png *.jpg *.jpeg *.tif *.pdf)"))
        if paths:
            self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> bool:
        row = self.selected_material()
        if row is None or row.record_id is None:
            self.message.setText(_t("请先选中一条已保存的材料(新添加的材料请先保存档案)"))
            return False
        from models.errors import ArchiveError

        try:
            for path in paths:
                attach(self.actor, data=path.read_bytes(), file_name=path.name,
                             secretary=self.secretary_id, material=row.record_id)
        except (ArchiveError, OSError) as error:
            self.message.setText(str(error))
            return False
        self.message.clear()
        self.update_counts()
        return True

    def view_scans(self) -> None:
        row = self.selected_material()
        scans = scans_of(row.record_id) if row and row.record_id else []
        if not scans:
            self.message.setText(_t("所选材料还没有扫描件"))
            return
        self.message.clear()
        ScanViewer(row.values.get("title", ""), scans, self).exec()

    secretary_id: str | None = None
