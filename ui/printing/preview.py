"""Print preview: the PDF as it will print, with 打印 (printer and pages chosen) and 另存为."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from models.storage.files import write_atomically

from ..errors import ErrorDialog
from ..resources import icon
from ..widgets.screen import fit_to_screen
from ..i18n import _t


class PrintPreview(QDialog):
    def __init__(self, pdf: bytes, title: str, parent=None, *, file_name: str | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self.file_name = file_name or f"{title}.pdf"  # what 另存为 offers: 张三-干部任免审批表.pdf
        self.setWindowTitle(_t("打印预览 — {title}").format(title=title))
        fit_to_screen(self, 900, 1000)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        bar = QHBoxLayout()
        self.pages = QLabel(_t("共 {n} 页").format(n=self.document.pageCount()))
        bar.addWidget(self.pages)
        bar.addStretch(1)
        for icon_name, text, slot in (("print", _t("打印…"), self.print_document), ("save", _t("另存为…"), self.save_as),
                                      ("close", _t("关闭"), self.accept)):
            button = QPushButton(icon(icon_name), text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Each chosen page drawn at the printer's resolution; returns the number printed."""
        first = printer.fromPage() or 1
        last = printer.toPage() or self.document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            ErrorDialog(_t("无法连接打印机，请检查打印机是否已开启。"), "", self).exec()
            return 0
        printed = 0
        try:
            for number in range(first - 1, last):
                if printed:
                    printer.newPage()
                area = printer.pageRect(QPrinter.Unit.DevicePixel)
                image = self.document.render(number, QSize(int(area.width()), int(area.height())))
                painter.drawImage(QRectF(0, 0, area.width(), area.height()), image)
                printed += 1
        finally:
            painter.end()
        return printed

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _t("另存为"), self.file_name, "PDF (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            write_atomically(path, self.pdf)
        except OSError as error:
            ErrorDialog.show_error(error, self)
            return False
        return True
