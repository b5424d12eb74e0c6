"""一事一报 and 集中报告 as the clerk and the reviewer use them, through the real widgets."""
import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.accounts.users import create_user
from models.demo.builder import build_demo
from models.matters.deadlines import current_campaign_year
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


def shown(qtbot, page):
    """The ledger's rows (of a page or a model) of the filter and order last asked for, read in the
    background."""
    model = page if isinstance(page, LedgerModel) else page.model
    qtbot.waitUntil(lambda: not model.busy(), timeout=10_000)
    return page


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


def test_wedding_before_and_after_reports_reviewed_and_counted(demo, qtbot, today):
    clerk, reviewer = demo
    person = Secretary.live().where(Secretary.status == "在任").first()
    home = HomePage(clerk)
    qtbot.addWidget(home)
    waiting_before = home.figures["awaiting_review"].value
    wedding = today - dt.timedelta(days=5)  # held: its 事后 report is due in 10 days
    editor = ReportEditor(clerk)
    qtbot.addWidget(editor)
    fill(editor, person, "事前", wedding)
    editor.lines["report_date"].setText((wedding - dt.timedelta(days=12)).isoformat())
    editor.lines["persons"].setText("张小明")
    editor.block_fields["tables"].setText("12")
    editor.block_fields["guests"].setText("120")
    assert "按期（提前2天）" in editor.punctuality.text()
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
    after.lines["matter_date"].setText("")
    assert after.prior.findData(editor.report.id) > 0 and after.prior.isEnabled()
    after.prior.setCurrentIndex(after.prior.findData(editor.report.id))
    after.prior.activated.emit(after.prior.currentIndex())  # as a click on the list does
    assert after.lines["matter_date"].text() == wedding.isoformat() and after.lines["persons"].text() == "张小明"
    assert after.block_fields["tables"].text() == "12"  # the 事前 figures, to correct with what happened
    click(qtbot, after.save_button)
    click(qtbot, after.submit_button)
    assert after.report.prior_report_id == editor.report.id
    assert after.report.due_date == wedding + dt.timedelta(days=15)
    home.refresh()
    assert home.figures["awaiting_review"].value == waiting_before + 1  # the 事后 report now waits


def test_an_after_report_in_the_future_and_a_late_one_without_its_reason_are_refused(demo, qtbot, today):
    clerk, _ = demo
    person = Secretary.live().where(Secretary.status == "在任").first()
    editor = ReportEditor(clerk)
    qtbot.addWidget(editor)
    fill(editor, person, "事后", today + dt.timedelta(days=30))
    click(qtbot, editor.save_button)
    assert editor.report is None and "事后报告的事项须已经发生" in editor.message.text()
    editor.lines["matter_date"].setText((today - dt.timedelta(days=40)).isoformat())
    click(qtbot, editor.save_button)
    click(qtbot, editor.submit_button)
    assert editor.report.status == "草稿" and "逾期说明" in editor.message.text()
    editor.late_reason.setText("外出务工,未及时得知报告规定")
    click(qtbot, editor.submit_button)
    assert editor.report.status == "已提交" and editor.report.late_reason.startswith("外出务工")


@pytest.mark.parametrize("typed", ["2026年3月17日", "2026.3.17", "2026/03/17", "20260317", "２０２６－０３－１７"])
def test_the_live_verdict_reads_a_typed_day_as_saving_does(demo, qtbot, typed):
    """A 事后 funeral of 1 March is due by 16 March: a report typed as 17 March in any form the
    write path takes says 逾期1天 while typing, and is saved as what it said."""
    clerk, _ = demo
    person = Secretary.live().where(Secretary.status == "在任").first()
    editor = ReportEditor(clerk)
    qtbot.addWidget(editor)
    editor.picker.search.setText(person.name)
    editor.picker.select(person.id, person.name)
    editor.matter_type.setCurrentIndex(editor.matter_type.findData(MatterType.get(MatterType.code == "03").id))
    editor.timing.setCurrentText("事后")
    editor.lines["matter_date"].setText("2026年3月1日")
    editor.lines["report_date"].setText(typed)
    assert editor.punctuality.text() == "截止 2026-03-16，逾期1天"
    editor.late_reason.setText("在外地处理后事")
    click(qtbot, editor.save_button)
    assert editor.report is not None, editor.message.text()
    assert editor.report.report_date == dt.date(2026, 3, 17) and editor.report.due_date == dt.date(2026, 3, 16)


def test_a_late_before_report_is_shown_overdue_in_the_ledger(demo, qtbot, tmp_path, today):
    clerk, _ = demo
    person = Secretary.live().where(Secretary.status == "在任").first()
    editor = ReportEditor(clerk)
    qtbot.addWidget(editor)
    fill(editor, person, "事前", today - dt.timedelta(days=3))
    editor.lines["report_date"].setText(today.isoformat())
    assert "逾期13天" in editor.punctuality.text()
    click(qtbot, editor.save_button)
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    page.search.setText(person.name)
    page.punctuality.setCurrentIndex(page.punctuality.findData("overdue"))
    shown(qtbot, page)
    rows = [page.model.rows[i] for i in range(page.model.rowCount())]
    assert editor.report.id in [r[0] for r in rows]
    exporting = page.export_to(tmp_path / "台账.xlsx")  # on the database worker
    with qtbot.waitSignal(exporting.finished, timeout=10000):
        pass
    assert page.count.text() == f"已导出 {page.model.total} 份到 台账.xlsx"
    sheet = load_workbook(tmp_path / "台账.xlsx").active
    assert sheet.max_row == page.model.total + 1


def test_bulk_nothing_asks_first_uses_the_report_date_and_leaves_out_who_reported(demo, qtbot):
    clerk, _ = demo
    page = CampaignPage(clerk)
    qtbot.addWidget(page)
    assert page.open_year(2021)  # a past year's round, recorded from paper
    assert page.year.currentText() == "2021年度" and page.coverage.filed == 0
    first, second = page.coverage.people[0], page.coverage.people[1]
    wedding = MatterType.get(MatterType.code == "02")
    from models.matters.workflow import save_report
    save_report(clerk, report_id=None, data={"secretary": second.secretary_id, "kind": "平时报告",
                                             "matter_type": wedding.id, "timing": "事后",
                                             "matter_date": dt.date(2021, 5, 1), "report_date": dt.date(2021, 5, 6)})
    page.report_date.setDate(page.report_date.date().fromString("2022.01.20", "yyyy.MM.dd"))
    page.table.selectRow(0)
    page.table.selectionModel().select(page.model.index(1, 0), page.table.selectionModel().SelectionFlag.Select |
                                       page.table.selectionModel().SelectionFlag.Rows)
    questions = []
    page.confirm = lambda question: questions.append(question) or False
    assert page.file_nothing_selected() == 0 and page.coverage.filed == 0  # declined: nothing filed
    assert "为 1 人登记2021年度集中报告" in questions[0] and "报告日期 2022.01.20" in questions[0]
    assert first.name in questions[0] and f"不能直接登记“无”，请逐人填写：{second.name}" in questions[0]
    page.confirm = lambda question: True
    assert page.file_nothing_selected() == 1
    filed = next(p for p in page.coverage.people if p.secretary_id == first.secretary_id)
    assert filed.report_date == dt.date(2022, 1, 20) and not filed.overdue  # on time, not stamped today
    assert not next(p for p in page.coverage.people if p.secretary_id == second.secretary_id).filed


def test_a_centralised_report_warns_of_a_denied_matter_then_is_viewed_and_corrected(demo, qtbot):
    from models.matters.campaigns import answers_of
    from models.matters.workflow import save_report
    from models.writing.audit import AuditEntry
    from ui.matters.campaign_report import CampaignReportDialog

    clerk, _ = demo
    page = CampaignPage(clerk)
    qtbot.addWidget(page)
    assert page.open_year(2021)
    person = page.coverage.people[0]
    wedding = MatterType.get(MatterType.code == "02")
    save_report(clerk, report_id=None, data={"secretary": person.secretary_id, "kind": "平时报告",
                                             "matter_type": wedding.id, "timing": "事后",
                                             "matter_date": dt.date(2021, 5, 1), "report_date": dt.date(2021, 5, 6)})
    page.table.selectRow(0)
    dialog = page.file_answers_selected()
    assert isinstance(dialog, CampaignReportDialog)
    assert "操办婚嫁喜庆事宜" in dialog.warning.text() and "2021.05.01" in dialog.warning.text()
    dialog.report_date.setDate(dialog.report_date.date().fromString("2022.01.10", "yyyy.MM.dd"))
    dialog.confirm = lambda question: False
    assert not dialog.save() and page.coverage.filed == 0  # the clerk went back to check
    dialog.answers["02"].setText("2021年5月为儿子操办婚礼,已报告")
    assert dialog.warning.text() == ""
    assert dialog.save()
    assert page.coverage.filed == 1
    report = MatterReport.get(MatterReport.secretary == person.secretary_id, MatterReport.campaign == page.campaign().id)
    assert report.report_date == dt.date(2022, 1, 10)
    again = page.open_person(person.secretary_id)  # double-click: the filed report, to view or correct
    assert again.answers["02"].text() == "2021年5月为儿子操办婚礼,已报告" and again.report_date.date().day() == 10
    again.answers["03"].setText("2021年8月父亲去世,丧事从简")
    assert again.save()
    assert answers_of(MatterReport.get_by_id(report.id))["03"] == "2021年8月父亲去世,丧事从简"
    assert AuditEntry.select().where((AuditEntry.record_id == report.id) & (AuditEntry.action == "update")).count() == 1


def test_the_ledger_opens_a_centralised_report_in_its_own_form(demo, qtbot):
    from ui.matters.campaign_report import CampaignReportDialog
    clerk, _ = demo
    report = MatterReport.get(MatterReport.kind == "集中报告")
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    dialog = page.open_report(report.id)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CampaignReportDialog)
    assert set(dialog.answers) >= {"01", "02", "03"} and dialog.answers["01"].text()
    dialog.reject()


def test_statistics_page_by_township_and_village(demo, qtbot, today):
    page = StatisticsPage(demo[0])
    qtbot.addWidget(page)
    page.year.setValue(current_campaign_year(today))  # the round the demo opened
    with qtbot.waitSignal(page.shown, timeout=10000):  # counted on the database worker
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


def test_models_pass_the_model_tester(demo, qtmodeltester, qtbot):
    model = LedgerModel()
    model.apply(model.wanted)
    shown(qtbot, model)
    qtmodeltester.check(model)
    assert model.total == MatterReport.live().count()


def test_a_sort_reorders_the_matches_without_counting_them_again(demo, monkeypatch, qtbot):
    from models.matters import ledger

    model = LedgerModel()
    model.apply(model.wanted)
    total = shown(qtbot, model).total
    assert total > 0
    counted = []
    monkeypatch.setattr(ledger, "count", lambda *args, **kwargs: counted.append(1) or total)
    model.sort(ledger.SORTABLE.index("name"), Qt.SortOrder.AscendingOrder)
    shown(qtbot, model)
    names = [row[ledger.COLUMNS.index("姓名") + 1] for row in model.rows]
    assert counted == [] and model.total == total and len(model.rows) == min(total, 500)
    keys = {p.name: p.name_pinyin for p in Secretary.select(Secretary.name, Secretary.name_pinyin)}
    assert [keys[name] for name in names] == sorted(keys[name] for name in names)


def test_on_a_server_many_matches_show_at_once_and_are_counted_after(demo, qtbot, monkeypatch):
    """A server counts many matches only as far as choosing how to read the page, shows it, then
    counts them all in the background; a count for a filter changed meanwhile is not shown."""
    from models.matters import ledger
    from ui.matters import ledger_model

    monkeypatch.setattr(ledger_model, "counts_apart", lambda: True)
    monkeypatch.setattr(ledger_model, "PAGE", 5)
    monkeypatch.setattr(ledger, "SELECTIVE", 20)  # "many": the demo's reports stand for a province's
    clerk, _ = demo
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    seen = []  # the page as the first rows of a filter show, before its count
    page.model.counting.connect(lambda _: seen.append((page.model.total, len(page.model.rows), page.count.text())))
    page.punctuality.setCurrentIndex(page.punctuality.findData("on_time"))
    page.timing.setCurrentIndex(page.timing.findData("事前"))  # at once another filter (the first count is stale)
    shown(qtbot, page)
    total = ledger.count(page.current_filter())
    assert total > 20 and seen[-1] == (None, 5, "共 20 份以上，正在计数……")
    qtbot.waitUntil(lambda: page.count.text() == f"共 {total:,} 份", timeout=10_000)
    qtbot.wait(300)
    assert page.model.total == total and page.count.text() == f"共 {total:,} 份"
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert len(page.model.rows) == total


def test_on_a_server_a_few_matches_are_counted_first_and_read_as_few(demo, qtbot, monkeypatch):
    from models.matters import ledger
    from models.org.tables import Township
    from ui.matters import ledger_model

    monkeypatch.setattr(ledger_model, "counts_apart", lambda: True)
    monkeypatch.setattr(ledger, "SELECTIVE", 20)
    told = []
    page_of = ledger.page
    monkeypatch.setattr(ledger, "page",
                        lambda *args, **kwargs: told.append(kwargs["matched"]) or page_of(*args, **kwargs))
    clerk, _ = demo
    view = LedgerPage(clerk)
    qtbot.addWidget(view)
    township = Township.select().order_by(Township.sort_order).first()
    view.township.setCurrentIndex(view.township.findData(township.id))
    shown(qtbot, view)
    before = view.model.counter  # (the whole ledger and the township were many: counted apart)
    view.unit.setCurrentIndex(1)  # one village
    shown(qtbot, view)
    few = ledger.count(view.current_filter())
    assert 0 < few < 20 and view.model.total == few and view.count.text() == f"共 {few:,} 份"
    assert told[-1] == few  # the page read the few matches as few (sorted), not by walking every report
    assert view.model.counter is before  # nothing counted apart


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

    from models.attachments.tables import Attachment
    clerk, _ = demo
    report = MatterReport.live().where(MatterReport.kind == "平时报告").first()
    editor = ReportEditor(clerk, report.id)
    qtbot.addWidget(editor)
    scan = tmp_path / "请柬.png"
    Image.new("RGB", (300, 200), (250, 240, 230)).save(scan)
    assert editor.attach([scan])
    assert Attachment.get(Attachment.report == report.id).file_name == "请柬.png"
    assert editor.attach_button.text() == "附件（1）…"
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    person = report.secretary
    page.township.setCurrentIndex(page.township.findData(person.unit.township_id))
    page.unit.setCurrentIndex(page.unit.findData(person.unit_id))
    assert shown(qtbot, page).model.total == MatterReport.live().where(MatterReport.secretary.in_(
        Secretary.select(Secretary.id).where(Secretary.unit == person.unit_id))).count()


@pytest.mark.parametrize("offset, words", [(0, "按期（截止当天）"), (1, "逾期1天")])
def test_the_report_editor_judges_the_exact_boundary_by_the_one_rule(gui, admin, unit, qtbot, offset, words):
    from models.writing import services
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    editor = ReportEditor(admin)
    qtbot.addWidget(editor)
    editor.picker.select(person.id, person.name)
    editor.matter_type.setCurrentIndex(editor.matter_type.findData(MatterType.get(MatterType.code == "03").id))
    editor.lines["matter_date"].setText("2026-03-01")  # a funeral: due within 15 days, 2026-03-16
    editor.lines["report_date"].setText((dt.date(2026, 3, 16) + dt.timedelta(days=offset)).isoformat())
    assert editor.punctuality.text() == f"截止 2026-03-16，{words}"
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
    with qtbot.waitSignal(window.statistics.shown, timeout=10000):
        statistics = window.show_page("统计")  # counted when first shown
    statistics.year.setValue(window.show_page("集中报告").campaign().year)
    with qtbot.waitSignal(statistics.shown, timeout=10000):
        statistics.refresh()
    filed_before = statistics.stats["filed"]
    home_before = window.home.figures["coverage"].value
    campaign = window.show_page("集中报告")
    campaign.show_only.setCurrentIndex(1)  # 未报
    dialog = campaign.open_person(campaign.model.key(0))
    dialog.confirm = lambda question: True  # whatever the year's reports, the clerk files as written
    with qtbot.waitSignal(statistics.shown, timeout=10000):  # told of the write, counted again
        assert dialog.save()
        window.show_page("统计")
    assert statistics.stats["filed"] == filed_before + 1
    assert window.show_page("首页").figures["coverage"].value == home_before + 1


def test_the_ledger_queries_once_typing_pauses_not_per_keystroke(demo, qtbot, monkeypatch):
    clerk, _ = demo
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    queries = []
    real = page.model.apply
    monkeypatch.setattr(page.model, "apply", lambda wanted: queries.append(wanted.text) or real(wanted))
    qtbot.keyClicks(page.search, "zhang")
    assert queries == []  # five keystrokes, no query yet
    qtbot.waitUntil(lambda: queries == ["zhang"], timeout=2000)
    page.status.setCurrentIndex(1)  # a choice applies at once
    assert len(queries) == 2


def file_nothing_for_someone_missing(page):
    """A missing person's 集中报告 filed "无" through its form: (the person, the form)."""
    missing = next(p for p in page.coverage.people if not p.filed)
    filed = page.open_person(missing.secretary_id)
    filed.confirm = lambda question: True  # "无" where the ledger has a report that year: kept
    assert filed.save()
    return missing, filed


def test_a_reviewer_reviews_a_centralised_report_and_it_leaves_awaiting_review(demo, qtbot, today):
    from models.figures import dashboard
    from models.writing.audit import AuditEntry
    clerk, reviewer = demo
    page = CampaignPage(clerk)
    qtbot.addWidget(page)
    missing, filed = file_nothing_for_someone_missing(page)  # as handed in today: it waits for a review
    report = filed.report
    assert report.id in dashboard.details("awaiting_review").keys
    as_reviewer = CampaignPage(reviewer)
    qtbot.addWidget(as_reviewer)
    dialog = as_reviewer.open_person(missing.secretary_id)
    assert dialog.review_button.isEnabled()
    dialog.review_result.setCurrentText("登记备案")
    dialog.review_opinion.setText("如实报告")
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    reviewed = MatterReport.get_by_id(report.id)
    assert (reviewed.status, reviewed.review_result, reviewed.reviewer, reviewed.reviewed_on) == (
        "已审核", "登记备案", "李书记", today)
    assert report.id not in dashboard.details("awaiting_review").keys
    assert AuditEntry.select().where((AuditEntry.record_id == report.id) & (AuditEntry.action == "update")).exists()
    again = as_reviewer.open_person(missing.secretary_id)
    assert not again.review_button.isEnabled() and not again.editable  # reviewed: read, not changed


def test_a_centralised_report_is_dated_within_its_round(demo, qtbot, today):
    clerk, _ = demo
    page = CampaignPage(clerk)
    qtbot.addWidget(page)
    year = page.campaign().year
    page.report_date.setDate(page.report_date.date().fromString(f"{year}.01.20", "yyyy.MM.dd"))
    missing = next(p for p in page.coverage.people if not p.filed)
    dialog = page.open_person(missing.secretary_id)
    dialog.confirm = lambda question: True
    assert not dialog.save()
    assert "报告日期" in dialog.message.text() and f"早于{year}年度集中报告" in dialog.message.text()
    assert MatterReport.get_or_none(MatterReport.secretary == missing.secretary_id,
                                    MatterReport.campaign == page.campaign().id) is None
    assert page.open_year(year - 6)  # another round: the box is today again, not the last round's date
    assert page.report_date.date().toPython() == today


def test_reviewing_a_centralised_report_with_an_unsaved_correction_is_refused(demo, qtbot, admin):
    clerk, _ = demo
    page = CampaignPage(clerk)
    qtbot.addWidget(page)
    missing, filed = file_nothing_for_someone_missing(page)
    as_admin = CampaignPage(admin)  # may correct and review
    qtbot.addWidget(as_admin)
    dialog = as_admin.open_person(missing.secretary_id)
    dialog.answers["01"].setText("2026年5月再婚")
    dialog.review_result.setCurrentText("登记备案")
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert "请先点“更正并保存”" in dialog.message.text()
    report = MatterReport.get_by_id(filed.report.id)
    assert report.status == "已提交" and report.reviewer is None  # nothing approved unseen


def test_the_ledger_page_opens_with_one_query_for_its_first_page(demo, qtbot, monkeypatch):
    """At 1M reports the page froze 0.5–1.9 s when first opened: turning sorting on sorted every
    report (nothing counted yet) before the first filter read its page. It reads that page once."""
    from models.matters import ledger

    reads, inside = [], []
    for name in ("first_page", "page"):
        def counted(*args, _name=name, _original=getattr(ledger, name), **kwargs):
            if not inside:  # (first_page reads its page with ``page``: one read)
                reads.append((_name, kwargs.get("matched")))
            inside.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()
        monkeypatch.setattr(ledger, name, counted)
    clerk, _ = demo
    page = LedgerPage(clerk)
    qtbot.addWidget(page)
    assert shown(qtbot, page) and reads == [("first_page", None)]
    page.table.sortByColumn(ledger.SORTABLE.index("name"), Qt.SortOrder.AscendingOrder)  # a clerk's sort: read
    assert shown(qtbot, page) and reads[1:] == [("page", page.model.matched)] and page.model.matched > 0


def test_every_filter_and_sort_of_the_ledger_reads_off_the_window_and_shows_only_the_last_asked(demo, qtbot,
                                                                                                 monkeypatch):
    """At a million reports a filter read for up to 0.2 s on the GUI thread: the window froze at
    every choice. The rows shown stay until the new ones arrive; an answer overtaken is not shown."""
    import threading

    from models.matters import ledger

    threads = []
    for name in ("first_page", "page"):
        def noted(*args, _original=getattr(ledger, name), **kwargs):
            threads.append(threading.current_thread() is threading.main_thread())
            return _original(*args, **kwargs)
        monkeypatch.setattr(ledger, name, noted)
    clerk, _ = demo
    page = shown(qtbot, LedgerPage(clerk))
    qtbot.addWidget(page)
    everything = page.model.total
    page.punctuality.setCurrentIndex(page.punctuality.findData("overdue"))
    assert page.model.total == everything and page.model.busy()  # (what was shown stays meanwhile)
    page.timing.setCurrentIndex(page.timing.findData("事前"))  # before the first answer came
    page.table.sortByColumn(ledger.SORTABLE.index("name"), Qt.SortOrder.AscendingOrder)
    shown(qtbot, page)
    wanted = page.current_filter()
    assert (page.model.wanted, page.model.sort_key, page.model.descending) == (wanted, "name", False)
    assert page.model.total == ledger.count(wanted) < everything and page.count.text() == f"共 {page.model.total:,} 份"
    assert threads and not any(threads)  # every read on the database worker


def slowed(monkeypatch, name: str, seconds: float) -> None:
    from models.matters import ledger
    import time

    original = getattr(ledger, name)
    monkeypatch.setattr(ledger, name, lambda *args, **kwargs: time.sleep(seconds) or original(*args, **kwargs))


def test_on_a_server_a_sort_while_the_matches_are_counted_still_shows_the_count(demo, qtbot, monkeypatch):
    from models.matters import ledger
    from ui.matters import ledger_model

    monkeypatch.setattr(ledger_model, "counts_apart", lambda: True)
    monkeypatch.setattr(ledger, "SELECTIVE", 20)
    page = shown(qtbot, LedgerPage(demo[0]))
    qtbot.addWidget(page)
    slowed(monkeypatch, "count", 0.3)  # (a province's count takes a while)
    page.punctuality.setCurrentIndex(page.punctuality.findData("on_time"))
    shown(qtbot, page)
    page.table.sortByColumn(ledger.SORTABLE.index("name"), Qt.SortOrder.AscendingOrder)  # while it counts
    total = ledger.count(page.current_filter())
    qtbot.waitUntil(lambda: page.count.text() == f"共 {total:,} 份", timeout=10_000)
    assert shown(qtbot, page).model.total == total and page.model.sort_key == "name"


def test_a_sort_asked_before_a_refresh_is_shown_counts_again(demo, qtbot):
    """A report window closed (the page refreshes), then at once a header clicked: the count is
    the archive's as it is now, not the one before the refresh."""
    from models.matters import ledger
    from models.writing import services

    clerk, _ = demo
    page = shown(qtbot, LedgerPage(clerk))
    qtbot.addWidget(page)
    before = page.model.total
    services.delete(SYSTEM, MatterReport, MatterReport.live().order_by(MatterReport.id).first().id, reason="录重了")
    page.refresh()
    page.table.sortByColumn(ledger.SORTABLE.index("name"), Qt.SortOrder.AscendingOrder)  # before it answered
    shown(qtbot, page)
    assert page.model.total == MatterReport.live().count() == before - 1 and page.count.text() == f"共 {before - 1:,} 份"


def test_a_page_closed_while_it_reads_lets_the_answer_go(demo, qtbot, monkeypatch):
    slowed(monkeypatch, "first_page", 0.3)
    page = LedgerPage(demo[0])
    reading = page.model.reading
    page.deleteLater()
    qtbot.waitUntil(lambda: not reading.running(), timeout=5000)
    qtbot.wait(100)  # (its answer arrives to nothing: no error raised in the callback)


def test_a_read_that_fails_says_so_beside_the_filters(demo, qtbot, monkeypatch, error_dialogs):
    from models.matters import ledger

    def lost(*args, **kwargs):
        raise OSError("设备未就绪")
    monkeypatch.setattr(ledger, "first_page", lost)
    page = LedgerPage(demo[0])
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(error_dialogs), timeout=5000)
    assert page.count.text() == "未能读取（可稍后重新筛选）" and "设备未就绪" in error_dialogs[0]
