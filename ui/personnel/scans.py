"""Scanned pages of catalogued materials: attach from files, count, and view."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QScrollArea,
                               QStackedWidget, QVBoxLayout)

from models.attachments.adding import attach
from models.storage import file_store as store
from models.attachments.tables import Attachment

from ..resources import icon
from .part_tab import PartTab
from ..widgets.screen import fit_to_screen
from ..i18n import _t


ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)


def scans_of(material_id: str) -> list[Attachment]:
    return list(Attachment.live().where(Attachment.material == material_id).order_by(Attachment.sort_order,
                                                                                    Attachment.created_at))


class ScanViewer(QDialog):
    """Pages listed on the left, the chosen one shown on the right (images or PDF)."""

    def __init__(self, title: str, scans: list[Attachment], parent=None):
        super().__init__(parent)
        self.zoom: float | None = None  # None: the page fits the window
        self.original = QPixmap()
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
        self.scroll = scroll
        scroll.installEventFilter(self)
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.pdf_view)
        right = QVBoxLayout()
        right.addLayout(self._zoom_bar())
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.scans = scans
        for scan in scans:
            self.pages.addItem(scan.file_name)
        self.pages.currentRowChanged.connect(self.show_scan)
        if scans:
            self.pages.setCurrentRow(0)

    def _zoom_bar(self) -> QHBoxLayout:
        """A faint stamp or a small handwritten date needs a closer look (Ctrl+ +/-, Ctrl+wheel)."""
        bar = QHBoxLayout()
        for text, keys, slot in ((_t("缩小"), QKeySequence.StandardKey.ZoomOut, lambda: self.step_zoom(-1)),
                                 (_t("放大"), QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(1)),
                                 (_t("适合窗口"), None, lambda: self.set_zoom(None)),
                                 (_t("原始大小"), None, lambda: self.set_zoom(1.0))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            if keys is not None:
                QShortcut(QKeySequence(keys), self, activated=slot)
        self.zoom_label = QLabel()
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        return bar

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def shown_factor(self) -> float:
        """The scale the page is shown at: the chosen one, or what fits the window."""
        if self.zoom is not None or self.original.isNull():
            return self.zoom or 1.0
        room = self.scroll.contentsRect().size()  # not the viewport: its scroll bars come and go with the page
        return min(room.width() / self.original.width(), room.height() / self.original.height(), 1.0)

    def step_zoom(self, direction: int) -> None:
        now = self.zoom if self.zoom is not None else (self.pdf_view.zoomFactor() if self.stack.currentIndex()
                                                       else self.shown_factor())
        larger = [z for z in ZOOM_STEPS if z > now + 0.01]
        smaller = [z for z in ZOOM_STEPS if z < now - 0.01]
        self.set_zoom((larger[0] if larger else ZOOM_STEPS[-1]) if direction > 0
                      else (smaller[-1] if smaller else ZOOM_STEPS[0]))

    def set_zoom(self, factor: float | None) -> None:
        self.zoom = factor
        if factor is None:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(factor)
        if not self.original.isNull():
            scaled = self.original.size() * self.shown_factor()
            self.image.setPixmap(self.original.scaled(scaled, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        self.zoom_label.setText(_t("适合窗口") if factor is None else f"{factor:.0%}")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.scroll and event.type() == QEvent.Type.Resize and self.zoom is None:
            self.set_zoom(None)  # still fitting the window as it is laid out or resized
        return False

    def show_scan(self, row: int) -> None:
        if not 0 <= row < len(self.scans):
            return
        scan = self.scans[row]
        problem = store.file_problem(scan.sha256, scan.size)
        if problem:
            self.image.setText(_t("无法显示：{problem}").format(problem=problem))
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
            self.original = QPixmap()
            self.original.loadFromData(data)
            self.stack.setCurrentIndex(0)
        self.set_zoom(self.zoom)


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
        self.counts.setText(_t("已编目 {pages} 页，已扫描 {scans} 页").format(pages=catalogued, scans=scanned))

    def choose_scans(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, _t("选择扫描件"), "", _t("图片或PDF (*.png *.jpg *.jpeg *.tif *.pdf)"))
        if paths:
            self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> bool:
        row = self.selected_material()
        if row is None or row.record_id is None:
            self.message.setText(_t("请先选中一条已保存的材料（新添加的材料请先保存档案）"))
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
