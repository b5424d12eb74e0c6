"""Print preview, printing and batch printing, driven through the widgets."""
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from models.app import printing
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
    operation = editor.print_form("dossier", age_at=dt.date(2026, 11, 1))
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
    assert preview.file_name == f"{demo.name}-{printing.form_of('dossier').title}.pdf"  # what 另存为 offers
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


def _pdf_text(operation, qtbot) -> str:
    qtbot.waitUntil(lambda: operation.preview is not None, timeout=20000)
    qtbot.addWidget(operation.preview)
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(operation.preview.pdf)).pages)


def test_every_form_of_a_file_prints_from_its_editor_menu(demo, qtbot, admin):
    editor = FileEditor(admin, demo.id)
    qtbot.addWidget(editor)
    kinds = [action.data() for action in editor.print_button.menu().actions()]
    assert kinds == ["dossier", "registration", "catalogue", "transfer", "register"]
    text = _pdf_text(editor.print_form("registration", age_at=dt.date(2026, 5, 1), filled_by="王干事"), qtbot)
    assert "计算年龄时间：2026.05" in text and "填表人：王干事" in text and demo.name in text
    assert "档案材料目录" in _pdf_text(editor.print_form("catalogue"), qtbot)
    assert "查阅登记簿" in _pdf_text(editor.print_form("register"), qtbot)


def test_the_options_dialog_offers_the_last_prints_age_date(demo, qtbot, admin, today):
    from models.app.printing import log_print
    from ui.printing.actions import PrintOptionsDialog
    log_print(admin, "registration", {"secretary_id": demo.id, "age_at": dt.date(2025, 12, 31)})
    dialog = PrintOptionsDialog("registration", demo.id)
    qtbot.addWidget(dialog)
    assert dialog.options()["age_at"] == today  # today by default
    again = [b for b in dialog.findChildren(QPushButton) if "与上次打印相同" in b.text()]
    assert again and "2025.12.31" in again[0].text()
    again[0].click()
    dialog.continued.setChecked(True)
    assert dialog.options() == {"age_at": dt.date(2025, 12, 31), "filled_by": None, "mode": "continue"}


def test_an_unsaved_file_is_not_printed(demo, qtbot, admin):
    editor = FileEditor(admin, demo.id)
    qtbot.addWidget(editor)
    editor.basic.widgets["phone"].setText("13900000000")
    assert editor.print_form("catalogue") is None
    assert "请先保存" in editor.message.text()
    editor.load()  # the change dropped: closing asks nothing


def test_blank_forms_print_from_their_dialog(demo, qtbot, admin):
    from ui.printing.actions import BlankFormsDialog
    dialog = BlankFormsDialog(admin)
    qtbot.addWidget(dialog)
    dialog.matter_type.setCurrentIndex(dialog.matter_type.findData("02"))
    assert [dialog.timing.itemData(i) for i in range(dialog.timing.count())] == ["事前", "事后"]
    dialog.timing.setCurrentIndex(1)
    assert "宴请费用合计（元）" in _pdf_text(dialog.show_form(), qtbot)
    dialog.kind.setCurrentIndex(dialog.kind.findData("blank-campaign"))
    dialog.year.setValue(2026)
    assert not dialog.matter_type.isEnabled() and "2026年度个人有关事项集中报告表" in _pdf_text(dialog.show_form(), qtbot)


@pytest.mark.parametrize("day, round_year", [("2026-11-30", 2025), ("2026-12-01", 2026)])
def test_the_blank_centralised_form_is_offered_for_the_round_a_clerk_works_on(admin, qtbot, monkeypatch, day,
                                                                              round_year):
    from models.values import clock
    from ui.printing.actions import BlankFormsDialog
    monkeypatch.setenv(clock.TODAY_VARIABLE, day)
    dialog = BlankFormsDialog(admin)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == round_year


def test_the_ledger_prints_what_its_filter_shows(demo, qtbot, admin, error_dialogs, today):
    from ui.matters.ledger_page import LedgerPage
    page = LedgerPage(admin)
    qtbot.addWidget(page)
    year = today.year - 1
    page.date_from.setText(f"{year}-01-01")
    page.date_to.setText(f"{year + 1}-12-31")
    page.apply_filter()
    text = _pdf_text(page.print_ledger(), qtbot)
    assert f"报告时间{year}.01.01至{year + 1}.12.31" in text and "序号" in text
    page.date_from.setText("1990-01-01")
    page.date_to.setText("1990-12-31")
    page.apply_filter()
    operation = page.print_ledger()
    qtbot.waitUntil(lambda: bool(error_dialogs), timeout=20000)
    assert operation.preview is None and "没有符合条件的报告" in error_dialogs[0]


def test_the_campaign_page_prints_filed_forms_and_a_blank_one(demo, qtbot, admin):
    from ui.matters.campaign_page import CampaignPage
    page = CampaignPage(admin)
    qtbot.addWidget(page)
    filed = [row for row in range(page.model.rowCount()) if page.model.rows[row][3]]
    page.table.selectRow(filed[0])
    name = page.model.rows[filed[0]][2]
    text = _pdf_text(page.print_forms(), qtbot)
    assert "集中报告表" in text and name in text
    assert "党委负责人签字" in _pdf_text(page.print_blank(), qtbot)


def test_the_batch_dialog_closes_by_cancel_esc_and_its_close_button(demo, qtbot, admin, tmp_path):
    from PySide6.QtCore import Qt
    dialog = BatchPrintDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cancel_button.click()  # before anything was printed
    assert not dialog.isVisible()
    dialog.show()
    operation = dialog.start(tmp_path / "out")
    with qtbot.waitSignal(operation.finished, timeout=60000):
        pass
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # after printing
    assert not dialog.isVisible()
    dialog.show()
    assert dialog.close() and not dialog.isVisible()


def test_a_preview_finished_after_its_window_closed_opens_nothing(demo, qtbot, admin, monkeypatch):
    """Closing the window while a form renders (the program quitting): no preview pops up alone
    afterwards — it kept the program running with no main window — and no print is logged."""
    import threading

    from PySide6.QtWidgets import QApplication, QWidget

    from ui.printing import actions

    rendering = threading.Event()
    real = printing.render_form
    monkeypatch.setattr(printing, "render_form", lambda *a, **k: rendering.wait(10) and real(*a, **k))
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    prints = AuditEntry.select().where(AuditEntry.action == "print").count()
    operation = actions.preview(admin, "catalogue", parent=window, secretary_id=demo.id)
    window.close()
    with qtbot.waitSignal(operation.finished, timeout=10000):
        rendering.set()
    assert operation.preview is None and not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert AuditEntry.select().where(AuditEntry.action == "print").count() == prints
