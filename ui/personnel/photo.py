"""The ID photo of a file: imported from a file, cropped to 5:7 when saved, shown at once."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from models.errors import ValidationError
from models.attachments.photos import crop_to_id_photo, current_photo
from models.storage import file_store as store

from ..resources import icon
from ..i18n import _t

SIZE = (125, 175)


class PhotoBox(QWidget):
    changed = Signal()

    def __init__(self, *, writable: bool, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.picture = QLabel(_t("照片"))
        self.picture.setFixedSize(*SIZE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("border: 1px solid #9aa7b4; background: #f4f6f8; color: #777;")
        layout.addWidget(self.picture)
        self.import_button = QPushButton(icon("photo"), _t("导入照片…"))
        self.import_button.clicked.connect(self.choose_file)
        self.remove_button = QPushButton(icon("remove"), _t("移除照片"))
        self.remove_button.clicked.connect(self.remove)
        for button in (self.import_button, self.remove_button):
            button.setEnabled(writable)
            layout.addWidget(button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setFixedWidth(SIZE[0])
        layout.addWidget(self.message)
        self.pending: bytes | None = None  # the new photo, cropped, not yet saved
        self.removed = False

    def load(self, secretary_id: str | None) -> None:
        self.pending, self.removed = None, False
        attachment = current_photo(secretary_id) if secretary_id else None
        self.show_bytes(store.read_bytes(attachment.sha256) if attachment else None)

    def show_bytes(self, data: bytes | None) -> None:
        if not data:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_t("照片"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.picture.setPixmap(pixmap.scaled(*SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择照片"), "", _t("图片 (*.jpg *.jpeg *.png *.bmp *.tif)"))
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> bool:
        try:
            cropped = crop_to_id_photo(path.read_bytes())
        except (ValidationError, OSError) as error:
            self.message.setText(str(error) if isinstance(error, ValidationError) else _t("无法读取该文件"))
            return False
        self.message.clear()
        self.pending, self.removed = cropped, False
        self.show_bytes(cropped)
        self.changed.emit()
        return True

    def remove(self) -> None:
        self.pending, self.removed = None, True
        self.show_bytes(None)
        self.changed.emit()

    def is_dirty(self) -> bool:
        return self.pending is not None or self.removed
