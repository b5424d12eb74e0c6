"""Print preview, printing and batch printing, driven through the widgets."""
import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from models.demo.builder import build_demo
from models.matters.tables import MatterReport
from models.personnel.person import Secretary
from models.writing.actor import SYSTEM
from models.writing.audit import AuditEntry
from ui.personnel.file_editor import FileEditor
from ui.printing.actions import BatchPrintDialog


@pytest.fixture
def demo(gui, admin):
    build_demo(SYSTEM, secretaries=8, seed=6)
    return Secretary.live().first()


def test_the_file_editor_previews_the_dossier_and_logs_the_print(demo, qtbot, admin, tmp_path):
    editor = FileEditor(admin, demo.id)
    qtbot.addWidget(editor)
    operation = editor.print_dossier()
    qtbot.waitUntil(lambda: operation.preview is not None, timeout=20000)
    preview = operation.preview
    qtbot.addWidget(preview)
    assert preview.document.pageCount() >= 3
    assert AuditEntry.select().where(AuditEntry.action == "print").exists()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.document.pageCount()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == preview.document.pageCount()
    assert preview.save_to(tmp_path / "saved.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == preview.pdf
    preview.grab().save(str(tmp_path / "preview.png"))


def test_batch_printing_one_file_per_person(demo, qtbot, admin, tmp_path):
    dialog = BatchPrintDialog(admin)
    qtbot.addWidget(dialog)
    township = demo.unit.township.name
    dialog.township.setCurrentIndex(dialog.township.findData(township))
    operation = dialog.start(tmp_path / "out")
    with qtbot.waitSignal(operation.finished, timeout=60000):
        pass
    expected = Secretary.live().join(type(demo.unit)).where(type(demo.unit).township == demo.unit.township_id).count()
    assert len(dialog.written) == expected == len(list((tmp_path / "out").glob("*.pdf")))
    assert dialog.progress.value() == expected and "已生成" in dialog.message.text()


def test_batch_printing_combined_and_cancel(demo, qtbot, admin, tmp_path):
    dialog = BatchPrintDialog(admin)
    qtbot.addWidget(dialog)
    dialog.combined.setChecked(True)
    operation = dialog.start(tmp_path / "all.pdf")
    with qtbot.waitSignal(operation.finished, timeout=60000):
        pass
    assert dialog.written == [tmp_path / "all.pdf"]
    assert len(PdfReader(tmp_path / "all.pdf").pages) >= 3
    again = dialog.start(tmp_path / "cancelled.pdf")
    dialog.cancel()
    with qtbot.waitSignal(again.finished, timeout=60000):
        pass
    assert "已取消" in dialog.message.text()


def test_a_report_prints_from_its_editor(demo, qtbot, admin):
    from ui.matters.report_editor import ReportEditor
    report = MatterReport.live().where(MatterReport.kind == "平时报告").first()
    editor = ReportEditor(admin, report.id)
    qtbot.addWidget(editor)
    operation = editor.print_form()
    qtbot.waitUntil(lambda: operation.preview is not None, timeout=20000)
    qtbot.addWidget(operation.preview)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(operation.preview.pdf)).pages)
    assert report.secretary.name in text.replace(" ", "")


def test_the_classification_marking_is_a_setting_printed_on_every_page(demo, qtbot, admin):
    from models.app.printing import render_form
    from ui.pages.settings_page import SettingsPage
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    page.archive_info.classification.setText("内部")
    assert page.archive_info.save_classification()
    reader = PdfReader(io.BytesIO(render_form("dossier", secretary_id=demo.id)))
    assert all("内部" in p.extract_text() for p in reader.pages)


def test_administrators_manage_users_in_settings(demo, qtbot, admin):
    from models.accounts.tables import User
    from models.accounts.users import authenticate
    from ui.pages.settings_page import SettingsPage
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    users = page.users
    assert not users.add_user({"username": "clerk1", "display_name": "王干事", "role": "clerk",
                               "password": "clerk-pass-1", "repeat": "other-pass-1"})
    assert "两次输入不一致" in users.message.text()
    assert users.add_user({"username": "clerk1", "display_name": "王干事", "role": "clerk",
                           "password": "clerk-pass-1", "repeat": "clerk-pass-1"})
    assert authenticate("clerk1", "clerk-pass-1").role == "clerk"
    row = [r[0] for r in users.model.rows].index("clerk1")
    users.table.selectRow(row)
    assert users.reset_password(users.selected(), "new-pass-123", "new-pass-123")
    assert users.toggle_active() and not User.get(User.username == "clerk1").active
