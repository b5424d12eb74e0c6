"""一事一报 and 集中报告 as the clerk and the reviewer use them, through the real widgets."""
import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.accounts.users import create_user
from models.demo.builder import build_demo
from models.matters.tables import MatterReport, MatterType
from models.personnel.person import Secretary
from models.writing.actor import SYSTEM, Actor
from ui.matters.campaign_page import CampaignPage
from ui.matters.ledger_model import LedgerModel
from ui.matters.ledger_page import LedgerPage
from ui.matters.report_editor import ReportEditor
from ui.pages.home import HomePage
from ui.pages.settings_page import SettingsPage
from ui.pages.statistics_page import StatisticsPage


@pytest.fixture
def demo(gui, admin):
    build_demo(SYSTEM, secretaries=30, seed=4)
    create_user(admin, username="clerk", display_name="王干事", role="clerk", password="clerk-pass-1")
    create_user(admin, username="rev", display_name="李书记", role="reviewer", password="review-pass-1")
    return Actor("clerk", "王干事", "clerk"), Actor("rev", "李书记", "reviewer")


def click(qtbot, button):
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill(editor, person, timing, matter_day):
    editor.picker.search.setText(person.name)
    editor.picker.select(person.id, person.name)
    editor.matter_type.setCurrentIndex(editor.matter_type.findData(MatterType.get(MatterType.code == "02").id))
    editor.timing.setCurrentText(timing)
    editor.lines["matter_date"].setText(matter_day.isoformat())
    editor.lines["persons"].setText("张小明")
    editor.lines["relation"].setText("儿子")


def test_wedding_before_and_after_reports_reviewed_and_counted(demo, qtbot):
    clerk, reviewer = demo
    person = Secretary.live().where(Secretary.status == "在任").first()
    home = HomePage(clerk)
    qtbot.addWidget(home)
    waiting_before = home.figures["awaiting_review"].value
    wedding = dt.date.today() + dt.timedelta(days=20)
    editor = ReportEditor(clerk)
    qtbot.addWidget(editor)
    fill(editor, person, "事前", wedding)
    editor.block_fields["tables"].setText("12")
    editor.block_fields["guests"].setText("120")
    assert "未到期(还有10天)" in editor.punctuality.text()  # not yet handed in
    click(qtbot, editor.save_button)
    assert editor.report.status == "草稿", editor.message.text()
    click(qtbot, editor.submit_button)
    assert editor.report.status == "已提交" and not editor.review_button.isEnabled()  # the clerk cannot review
    home.refresh()
    assert home.figures["awaiting_review"].value == waiting_before + 1
    review = ReportEditor(reviewer, editor.report.id)
    qtbot.addWidget(review)
    review.review_result.setCurrentText("同意")
    review.review_opinion.setPlainText("同意,从简办理")
    click(qtbot, review.review_button)
    assert review.report.status == "已审核" and review.report.reviewer == "李书记"
    after = ReportEditor(clerk)
    qtbot.addWidget(after)
    fill(after, person, "事后", wedding)
    assert after.prior.findData(editor.report.id) > 0 and after.prior.isEnabled()
    after.prior.setCurrentIndex(after.prior.findData(editor.report.id))
    click(qtbot, after.save_button)
    click(qtbot, after.submit_button)
    assert after.report.prior_report_id == editor.report.id
    assert after.report.due_date == wedding + dt.timedelta(days=15)
    home.refresh()
    assert home.figures["awaiting_review"].value == waiting_before + 1  # the 事后 report now waits


def test_a_late_before_report_is_shown_overdue_in_the_ledger(demo, qtbot, tmp_path):
    clerk, _ = demo
    person = Secretary.live().where(Secretary.status == "在任").first()
    editor = ReportEditor(clerk)
    qtbot.addWidget(editor)
    fill(editor, person, "事前", dt.date.today() - dt.timedelta(days=3))
    editor.lines["report_date"].setText(dt.date.today().isoformat())
    assert "逾期13天" in editor.punctuality.text()
    click(qtbot, editor.save_button)
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    page.search.setText(person.name)
    page.punctuality.setCurrentIndex(page.punctuality.findData("overdue"))
    rows = [page.model.rows[i] for i in range(page.model.rowCount())]
    assert editor.report.id in [r[0] for r in rows]
    assert page.export_to(tmp_path / "台账.xlsx") == page.model.total
    sheet = load_workbook(tmp_path / "台账.xlsx").active
    assert sheet.max_row == page.model.total + 1


def test_campaign_nothing_to_report_and_the_missing_list(demo, qtbot):
    clerk, _ = demo
    page = CampaignPage(clerk)
    qtbot.addWidget(page)
    missing_before = len(page.coverage.missing)
    assert missing_before > 0
    page.show_only.setCurrentIndex(1)  # 未报
    assert page.model.rowCount() == missing_before
    page.table.selectRow(0)
    assert page.file_nothing_selected() == 1
    assert len(page.coverage.missing) == missing_before - 1
    assert page.open_year(dt.date.today().year)
    assert page.coverage.filed == 0 and len(page.coverage.missing) == page.coverage.serving
    assert page.file_answers(page.coverage.people[0].secretary_id, {"02": "操办儿子婚礼,已报告"})
    assert page.coverage.filed == 1


def test_statistics_page_by_township_and_village(demo, qtbot):
    page = StatisticsPage(demo[0])
    qtbot.addWidget(page)
    page.year.setValue(dt.date.today().year - 1)
    page.refresh()
    assert page.townships.rowCount() >= 1
    page.show_units(0)
    assert page.units.rowCount() >= 1
    assert "覆盖率" in page.summary.text()


def test_matter_type_deadlines_are_settings(demo, qtbot, admin):
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    tab = page.matter_types
    model = tab.part.model
    row = next(i for i, r in enumerate(model.rows) if r.values["code"] == "02")
    column = [c.field for c in model.columns].index("days_before")
    model.setData(model.index(row, column), "5")
    assert tab.save(), tab.message.text()
    assert MatterType.get(MatterType.code == "02").days_before == 5
    assert "重新判断" in tab.message.text()


def test_models_pass_the_model_tester(demo, qtmodeltester):
    model = LedgerModel()
    model.apply(model.wanted)
    qtmodeltester.check(model)
    assert model.total == MatterReport.live().count()


def test_a_reviewer_records_a_verification(demo, qtbot):
    _, reviewer = demo
    from models.matters.tables import Verification
    report = MatterReport.live().where(MatterReport.kind == "平时报告").first()
    editor = ReportEditor(reviewer, report.id)
    qtbot.addWidget(editor)
    assert editor.verify_button.isEnabled()
    before = Verification.live().count()
    assert editor.verify({"date": "2026-11-20", "result": "漏报", "disposition": "批评教育", "verifier": "李书记",
                          "note": ""})
    stored = Verification.live().order_by(Verification.created_at.desc()).first()
    assert Verification.live().count() == before + 1 and stored.report_id == report.id and stored.result == "漏报"
    assert not editor.verify({"date": "2026-11-20", "result": "不知道", "disposition": "", "verifier": "", "note": ""})
    assert "核实结果" in editor.message.text()


def test_attachments_of_a_report_and_the_village_filter(demo, qtbot, tmp_path):
    from PIL import Image

    from models.storage.attachments import Attachment
    clerk, _ = demo
    report = MatterReport.live().where(MatterReport.kind == "平时报告").first()
    editor = ReportEditor(clerk, report.id)
    qtbot.addWidget(editor)
    scan = tmp_path / "请柬.png"
    Image.new("RGB", (300, 200), (250, 240, 230)).save(scan)
    assert editor.attach([scan])
    assert Attachment.get(Attachment.report == report.id).file_name == "请柬.png"
    assert editor.attach_button.text() == "附件(1)…"
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    person = report.secretary
    page.township.setCurrentIndex(page.township.findData(person.unit.township_id))
    page.unit.setCurrentIndex(page.unit.findData(person.unit_id))
    assert page.model.total == MatterReport.live().where(MatterReport.secretary.in_(
        Secretary.select(Secretary.id).where(Secretary.unit == person.unit_id))).count()


@pytest.mark.parametrize("offset, words", [(0, "按期(截止当天)"), (1, "逾期1天")])
def test_the_report_editor_judges_the_exact_boundary_by_the_one_rule(gui, admin, unit, qtbot, offset, words):
    from models.writing import services
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    editor = ReportEditor(admin)
    qtbot.addWidget(editor)
    editor.picker.select(person.id, person.name)
    editor.matter_type.setCurrentIndex(editor.matter_type.findData(MatterType.get(MatterType.code == "03").id))
    editor.lines["matter_date"].setText("2026-03-01")  # a funeral: due within 15 days, 2026-03-16
    editor.lines["report_date"].setText((dt.date(2026, 3, 16) + dt.timedelta(days=offset)).isoformat())
    assert editor.punctuality.text() == f"截止 2026-03-16,{words}"
    assert editor.save()
    assert MatterReport.get_by_id(editor.report.id).due_date == dt.date(2026, 3, 16)


def test_pages_already_open_show_a_filing_made_on_another_page(demo, qtbot):
    """Filing a centralised report on the 集中报告 page updates the home figures and the
    statistics, which were built before and are not rebuilt."""
    from ui.main_window import MainWindow

    clerk, _ = demo
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    window.show()
    statistics = window.show_page("统计")
    statistics.year.setValue(window.show_page("集中报告").campaign().year)
    filed_before = statistics.stats["filed"]
    home_before = window.home.figures["coverage"].value
    campaign = window.show_page("集中报告")
    campaign.show_only.setCurrentIndex(1)  # 未报
    campaign.table.selectRow(0)
    assert campaign.file_nothing_selected() == 1
    qtbot.wait(20)  # the event loop announces the write
    assert window.show_page("统计").stats["filed"] == filed_before + 1
    assert window.show_page("首页").figures["coverage"].value == home_before + 1
