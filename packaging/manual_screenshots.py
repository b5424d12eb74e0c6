"""The pictures of the manual (resources/help/*.png), taken from the program itself on a demo
archive in a clerk's data folder — never a test's temporary path, never a preview before its
pages are drawn. Run with ``make manual-screenshots`` (offscreen; the day fixed so the pictures
do not change with the calendar)."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SECRETARY_ARCHIVE_TODAY", "2026-12-06")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

HELP = Path(__file__).resolve().parents[1] / "resources" / "help"
SIZE = QSize(1000, 625)  # a laptop's window, drawn at 720 pixels wide in the manual
WIDTH = 720


def settle(seconds: float = 0.5) -> None:
    """Let the window lay out and draw (a PDF page is rendered in the background)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def save(widget, name: str, size: QSize | None = None) -> None:
    if size is not None:
        widget.resize(size)
    widget.show()
    settle()
    image = widget.grab().toImage()
    image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation).save(str(HELP / f"{name}.png"))
    print(f"{name}.png {widget.width()}×{widget.height()}")


# what the status bar shows on a clerk's PC: the pictures are taken on the build machine, whose
# data folder (a temporary Linux path) would teach a clerk a path they never see
CLERKS_ARCHIVE = r"C:\Users\李明\AppData\Local\SecretaryArchive\archive.sqlite"


def show_as_on_windows(window) -> None:
    from PySide6.QtWidgets import QLabel

    from models.storage.db import archive_location

    for label in window.statusBar().findChildren(QLabel):
        if str(archive_location()) in label.text():
            label.setText(label.text().replace(str(archive_location()), CLERKS_ARCHIVE))


def main() -> int:
    # a data folder of its own (the status bar shows it), never a test's or the user's archive
    os.environ["SECRETARY_ARCHIVE_HOME"] = str(Path(tempfile.mkdtemp()) / "SecretaryArchive")
    from models.accounts.users import authenticate, create_first_admin
    from models.app.printing import render_form
    from models.archive.lifecycle import create_archive
    from models.demo.builder import build_demo
    from models.matters.tables import MatterReport
    from models.personnel.person import Secretary
    from models.storage.paths import default_archive
    from models.writing.actor import SYSTEM
    from ui.app import make_application

    make_application()
    create_archive(default_archive())
    create_first_admin(password="manual-pass-1", username="admin", display_name="管理员", township_name="青石镇")
    build_demo(SYSTEM, secretaries=12, seed=9)
    admin = authenticate("admin", "manual-pass-1")
    from ui.main_window import MainWindow
    from ui.matters.report_editor import ReportEditor
    from ui.personnel.file_editor import FileEditor
    from ui.printing.preview import PrintPreview
    window = MainWindow(admin)
    show_as_on_windows(window)
    for name, page in (("home", "首页"), ("campaign", "集中报告"), ("exchange", "数据交换"), ("settings", "设置")):
        window.show_page(page)
        save(window, name, SIZE)
    person = Secretary.live().order_by(Secretary.name_pinyin).first()
    save(FileEditor(admin, person.id), "file", SIZE)
    report = MatterReport.live().where(MatterReport.kind == "平时报告").order_by(MatterReport.report_date.desc()).first()
    save(ReportEditor(admin, report.id), "report", QSize(760, 690))
    preview = PrintPreview(render_form("registration", secretary_id=person.id), "干部任免审批表")
    save(preview, "print", QSize(760, 600))
    return 0


if __name__ == "__main__":
    sys.exit(main())
