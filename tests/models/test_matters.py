import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from models.accounts.users import create_user
from models.errors import ArchiveError, PermissionDenied, ValidationError
from models.figures.coverage import campaign_coverage
from models.figures.statistics import year_stats
from models.io.xlsx import write_ledger
from models.matters import ledger
from models.matters.blocks import block_fields
from models.matters.campaigns import (answers_of, contradictions, correct_campaign_report, file_campaign_report,
                                     file_nothing_for, open_campaign)
from models.matters.deadlines import due_date, judge
from models.matters.tables import MatterReport, MatterType
from models.matters.workflow import archive_report, rejudge_due_dates, review_report, save_report, submit_report
from models.personnel.person import Secretary
from models.writing import services
from models.writing.actor import Actor
from models.writing.audit import AuditEntry

TODAY = dt.date(2026, 11, 24)
WEDDING = "02"  # 事前+事后, 10 days before, 15 after (reference catalogue)


def matter_type(code):
    return MatterType.get(MatterType.code == code)


# -- deadline rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("timing, matter, days, due", [
    ("事前", dt.date(2026, 3, 10), 10, dt.date(2026, 2, 28)),   # across a month end
    ("事前", dt.date(2024, 3, 10), 10, dt.date(2024, 2, 29)),   # leap year
    ("事后", dt.date(2025, 12, 20), 15, dt.date(2026, 1, 4)),   # across a year end
    ("事后", dt.date(2024, 2, 14), 15, dt.date(2024, 2, 29)),
    ("事前", dt.date(2026, 5, 1), 0, dt.date(2026, 5, 1)),      # same day allowed
])
def test_due_dates(timing, matter, days, due):
    kwargs = {"days_before": days} if timing == "事前" else {"days_after": days}
    assert due_date(timing=timing, matter_date=matter, **{"days_before": None, "days_after": None, **kwargs}) == due


def test_on_the_last_day_is_on_time_and_one_day_later_is_late():
    due = dt.date(2026, 1, 31)
    assert judge(due=due, reported=due, today=TODAY).describe() == "按期（截止当天）"
    assert judge(due=due, reported=dt.date(2026, 2, 1), today=TODAY).describe() == "逾期1天"
    assert judge(due=due, reported=dt.date(2026, 1, 21), today=TODAY).describe() == "按期（提前10天）"
    not_yet = judge(due=dt.date(2026, 12, 1), reported=None, today=TODAY)
    assert not not_yet.overdue and not_yet.on_time is None and not_yet.describe() == "未到期（还有7天）"


def register(admin, unit, **data):
    person = data.pop("person", None) or services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    values = {"secretary": person.id, "kind": "平时报告", "matter_type": matter_type(WEDDING).id, **data}
    return save_report(admin, report_id=None, data=values).record


def test_a_before_report_filed_after_the_matter_is_overdue(admin, unit):
    report = register(admin, unit, timing="事前", matter_date=dt.date(2026, 10, 1), report_date=dt.date(2026, 10, 3))
    assert report.due_date == dt.date(2026, 9, 21)
    [row] = ledger.page(ledger.LedgerFilter(punctuality="overdue"), offset=0, limit=10, today=TODAY)
    assert row[0] == report.id and row[11] == "逾期12天"


def test_changing_a_types_deadline_rejudges_its_reports(admin, unit):
    report = register(admin, unit, timing="事前", matter_date=dt.date(2026, 10, 1), report_date=dt.date(2026, 9, 23))
    assert ledger.count(ledger.LedgerFilter(punctuality="overdue"), today=TODAY) == 1  # due 9.21
    services.update(admin, MatterType, report.matter_type_id, {"days_before": 3})
    assert rejudge_due_dates(admin, MatterReport.live()) == 1
    assert MatterReport.get_by_id(report.id).due_date == dt.date(2026, 9, 28)
    assert ledger.count(ledger.LedgerFilter(punctuality="on_time"), today=TODAY) == 1


# -- workflow ----------------------------------------------------------------------------------

def test_wedding_before_and_after_reports_are_linked_and_only_a_reviewer_reviews(admin, unit):
    create_user(admin, username="clerk", display_name="王干事", role="clerk", password="clerk-pass-1")
    create_user(admin, username="rev", display_name="李书记", role="reviewer", password="review-pass-1")
    clerk, reviewer = Actor("clerk", "王干事", "clerk"), Actor("rev", "李书记", "reviewer")
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    before = save_report(clerk, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": matter_type(WEDDING).id, "timing": "事前",
        "matter_date": dt.date(2026, 11, 20), "report_date": dt.date(2026, 11, 5), "persons": "张小明",
        "relation": "儿子"}, block_values={"tables": "12", "guests": "120", "price_per_table": "800"}).record
    assert json.loads(before.details) == {"guests": 120, "price_per_table": "800", "tables": 12}
    submit_report(clerk, before.id, today=TODAY)
    with pytest.raises(PermissionDenied):
        review_report(clerk, before.id, result="同意", opinion="同意")
    with pytest.raises(ValidationError, match="只能在审核时由审核员填写"):
        save_report(clerk, report_id=before.id, data={"review_result": "同意"})
    reviewed = review_report(reviewer, before.id, result="同意", opinion="同意,从简办理", today=TODAY)
    assert (reviewed.status, reviewed.reviewer) == ("已审核", "李书记")
    with pytest.raises(ArchiveError, match="已审核"):
        save_report(clerk, report_id=before.id, data={"place": "别处"})
    after = save_report(clerk, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": matter_type(WEDDING).id, "timing": "事后",
        "matter_date": dt.date(2026, 11, 20), "prior_report": before.id}).record
    assert after.prior_report_id == before.id and after.due_date == dt.date(2026, 12, 5)
    assert archive_report(clerk, before.id).status == "已归档"
    with pytest.raises(ValidationError, match="桌数"):
        save_report(clerk, report_id=after.id, data={}, block_values={"tables": "十二"})


# -- the centralised report and coverage ---------------------------------------------------------

def test_coverage_matches_a_hand_counted_archive(admin, unit):
    people = [services.create(admin, Secretary, {"name": f"张{c}", "unit": unit.id}).record for c in "甲乙丙丁戊"]
    services.update(admin, Secretary, people[4].id, {"status": "离任", "status_date": "2025.06"})
    campaign = open_campaign(admin, year=2025, opened_on=dt.date(2026, 1, 1))
    assert campaign.due_date == dt.date(2026, 1, 31)
    file_nothing_for(admin, campaign, [people[0].id], report_date=dt.date(2026, 1, 20))       # on time
    file_campaign_report(admin, campaign, people[1].id, answers={"02": "2025年10月为儿子操办婚礼,已按规定报告"},
                         report_date=dt.date(2026, 1, 31))                                  # last day
    file_nothing_for(admin, campaign, [people[2].id], report_date=dt.date(2026, 2, 3))        # late
    coverage = campaign_coverage(campaign, today=TODAY)                                      # 丁 missing, 戊 left
    assert (coverage.serving, coverage.filed, coverage.on_time, coverage.late, coverage.missing_overdue) == (4, 3, 2, 1, 1)
    assert [p.name for p in coverage.missing] == ["张丁"]
    stats = year_stats(2025, today=TODAY)
    assert {k: stats[k] for k in ("serving", "filed", "on_time", "overdue", "missing", "missing_overdue", "coverage")} == {
        "serving": 4, "filed": 3, "on_time": 2, "overdue": 1, "missing": 1, "missing_overdue": 1, "coverage": 0.75}
    assert stats["on_time"] + stats["overdue"] == stats["filed"]  # 169 + 29 ≠ 179 was the bug
    assert stats["townships"][0]["missing_names"] == ["张丁"]
    with pytest.raises(ArchiveError, match="已经报送"):
        file_nothing_for(admin, campaign, [people[0].id])
    answers = json.loads(MatterReport.get(MatterReport.secretary == people[1].id).details)
    assert answers["02"].startswith("2025年10月") and answers["01"] == "无"


def test_an_after_report_of_a_matter_still_to_come_is_refused(admin, unit, today):
    tomorrow = today + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="事项时间:事后报告的事项须已经发生"):
        register(admin, unit, timing="事后", matter_date=tomorrow)
    assert register(admin, unit, timing="事前", matter_date=tomorrow).due_date < tomorrow


def test_a_filed_centralised_report_is_corrected_and_nothing_contradicts_the_ledger(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    register(admin, unit, person=person, timing="事后", matter_date=dt.date(2025, 10, 2),
             report_date=dt.date(2025, 10, 8))
    campaign = open_campaign(admin, year=2025, opened_on=dt.date(2026, 1, 1))
    assert contradictions(person.id, 2025, {"02": "无"}) == [
        "“操办婚嫁喜庆事宜(本人或子女婚礼、寿宴、乔迁、升学等)”填了“无”,但2025年有该事项的报告(2025.10.02)"]
    assert contradictions(person.id, 2025, {"02": "2025年10月为儿子操办婚礼"}) == []
    assert contradictions(person.id, 2024, {"02": "无"}) == []
    filed = file_nothing_for(admin, campaign, [person.id], report_date=dt.date(2026, 1, 20))
    report = MatterReport.get(MatterReport.campaign == campaign.id)
    assert filed == 1 and answers_of(report)["02"] == "无"
    corrected = correct_campaign_report(admin, report.id, answers={"02": "2025年10月为儿子操办婚礼"},
                                        report_date=dt.date(2026, 1, 18), expected_version=report.version)
    assert answers_of(corrected)["02"] == "2025年10月为儿子操办婚礼" and answers_of(corrected)["01"] == "无"
    assert corrected.report_date == dt.date(2026, 1, 18)
    assert AuditEntry.select().where((AuditEntry.record_id == report.id) & (AuditEntry.action == "update")).count() == 1


def test_a_centralised_report_is_dated_from_its_round_on(admin, unit):
    """2025's report handed in on 2025-01-20 (the box still held last round's date) is refused;
    one already filed with an early date (before the rule) keeps it when its answers are corrected."""
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    campaign = open_campaign(admin, year=2025, opened_on=dt.date(2025, 12, 3))
    with pytest.raises(ValidationError, match="报告日期:2025.01.20早于2025年度集中报告开始的日期\\(2025.12.01\\)"):
        file_campaign_report(admin, campaign, person.id, report_date=dt.date(2025, 1, 20))
    assert file_campaign_report(admin, campaign, person.id, report_date=dt.date(2025, 12, 1))  # the first day
    early = services.update(admin, MatterReport, MatterReport.get(MatterReport.campaign == campaign.id).id,
                            {"report_date": dt.date(2025, 11, 20)}).record  # as an older version could store
    corrected = correct_campaign_report(admin, early.id, answers={"01": "无"}, report_date=early.report_date)
    assert corrected.report_date == dt.date(2025, 11, 20)
    with pytest.raises(ValidationError, match="早于"):
        correct_campaign_report(admin, early.id, answers={}, report_date=dt.date(2025, 11, 21))


def test_before_the_due_date_nobody_is_overdue(admin, unit):
    services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    campaign = open_campaign(admin, year=2026, opened_on=dt.date(2026, 11, 1))
    coverage = campaign_coverage(campaign, today=TODAY)
    assert (coverage.filed, coverage.overdue, len(coverage.missing)) == (0, 0, 1)


# -- the ledger and its export ---------------------------------------------------------------------

def test_the_excel_export_reads_back_with_id_numbers_as_text_and_no_formulas(admin, unit, tmp_path):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id,
                                                "id_number": "370281197503120018"}).record
    register(admin, unit, person=person, timing="事前", matter_date=dt.date(2026, 10, 1),
             report_date=dt.date(2026, 9, 1), place="=HYPERLINK(\"http://x\")")
    services.update(admin, Secretary, person.id, {"name": "张三"})
    MatterType.update(name="=1+1").where(MatterType.code == WEDDING).execute()  # a hostile type name
    path = tmp_path / "台账.xlsx"
    assert write_ledger(admin, path, ledger.LedgerFilter(), today=TODAY) == 1
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("报告时间", "乡镇", "村(社区)", "姓名")
    assert rows[1][3] == "张三" and rows[1][4] == "370281197503120018"
    assert sheet.cell(row=2, column=5).data_type == "s"
    assert rows[1][6] == "=1+1" and sheet.cell(row=2, column=7).data_type == "s"


def test_ledger_filters(admin, unit):
    register(admin, unit, timing="事前", matter_date=dt.date(2026, 10, 1), report_date=dt.date(2026, 9, 1))
    assert ledger.count(ledger.LedgerFilter(text="zs")) == 1
    assert ledger.count(ledger.LedgerFilter(text="ls")) == 0
    assert ledger.count(ledger.LedgerFilter(timing="事后")) == 0
    assert ledger.count(ledger.LedgerFilter(date_from=dt.date(2026, 9, 2))) == 0
    assert ledger.count(ledger.LedgerFilter(kind="平时报告", status="草稿", township_id=unit.township_id)) == 1
    # typed as a clerk would: any case, pinyin, initials, characters, part of an ID number (X)
    person = services.create(admin, Secretary, {"name": "曾小明", "unit": unit.id,
                                                "id_number": "37028119800101018X"}).record
    register(admin, unit, person=person, timing="事后", matter_date=dt.date(2026, 9, 1),
             report_date=dt.date(2026, 9, 5))
    for typed, found in (("ZS", 1), ("zhang", 1), ("张三", 1), ("zengxiao", 1), ("zxm", 1), ("小明", 1),
                         ("018x", 1), ("018X", 1), ("370281", 1), ("Zeng", 1), ("ceng", 0)):
        assert ledger.count(ledger.LedgerFilter(text=typed)) == found, typed


def test_the_file_view_and_the_printed_form_show_one_blocks_labels_in_its_order(admin, unit):
    """One table of block fields: no raw keys (companions, capital, address), money as the forms
    write it, the table's order on screen and on paper."""
    from models.forms.report_form import report_form_data
    from models.matters.person_reports import report_details

    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    business = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": matter_type("08").id, "timing": "事前",
        "matter_date": dt.date(2026, 12, 1)},
        block_values={"capital": "1200", "scope": "农资销售", "kind": "个体工商户"}).record
    housing = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": matter_type("09").id, "timing": "事前",
        "matter_date": dt.date(2026, 12, 1)},
        block_values={"address": "东王家村12号", "cost": "1200.5", "area": "120"}).record
    travel = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": matter_type("04").id, "timing": "事前",
        "matter_date": dt.date(2026, 12, 1)}, block_values={"companions": "妻子", "destination": "青岛"}).record
    expected = {
        business.id: [("经营形式", "个体工商户"), ("经营范围", "农资销售"), ("投资额（元）", "1200")],
        housing.id: [("房屋地址", "东王家村12号"), ("面积（平方米）", "120"), ("金额（元）", "1,200.50")],
        travel.id: [("前往地", "青岛"), ("同行人员", "妻子")],
    }
    for report_id, rows in expected.items():
        on_screen = [row for row in report_details(MatterReport.get_by_id(report_id)) if row[0] in dict(rows)]
        assert on_screen == rows
        printed = report_form_data(report_id=report_id)["block"]
        assert [row for row in printed if row[1]] == rows  # the answers, in the same order
        report = MatterReport.get_by_id(report_id)
        every = [f.label for f in block_fields(report.matter_type.extra_block, report.timing)]
        assert [label for label, _ in printed] == every  # and every row of the official form, empty or not
    assert json.loads(housing.details)["cost"] == "1200.50"  # exact decimal text, never a float


def test_money_is_refused_when_it_is_not_an_amount(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    for wrong in ("12.345", "-5", "十二", "1e3x"):
        with pytest.raises(ValidationError, match="投资额"):
            save_report(admin, report_id=None, data={
                "secretary": person.id, "kind": "平时报告", "matter_type": matter_type("08").id, "timing": "事前",
                "matter_date": dt.date(2026, 12, 1)}, block_values={"capital": wrong})


def test_the_whole_ledger_counts_live_reports_only(admin, unit):
    first = register(admin, unit, timing="事前", matter_date=dt.date(2026, 10, 1), report_date=dt.date(2026, 9, 1))
    register(admin, unit, timing="事前", matter_date=dt.date(2026, 10, 2), report_date=dt.date(2026, 9, 2))
    assert ledger.count(ledger.LedgerFilter()) == 2
    services.delete(admin, MatterReport, first.id, reason="重复登记")
    assert ledger.count(ledger.LedgerFilter()) == 1 == len(ledger.page(ledger.LedgerFilter(), offset=0, limit=10))
    services.restore(admin, MatterReport, first.id)
    assert ledger.count(ledger.LedgerFilter()) == 2


def test_the_home_pages_coverage_counted_in_sql_matches_the_coverage_list(admin):
    from models.demo.builder import build_demo
    from models.figures.coverage import filed_and_serving
    from models.figures.dashboard import figures, latest_campaign

    from models.org.tables import Unit

    build_demo(admin, secretaries=40, seed=11, today=dt.date(2026, 11, 20))
    services.create(admin, Secretary, {"name": "新书记", "unit": Unit.select().first().id})  # has not filed
    campaign = latest_campaign(dt.date(2026, 11, 20))
    coverage = campaign_coverage(campaign, today=dt.date(2026, 11, 20))
    assert 0 < coverage.filed < coverage.serving  # the demo leaves some people missing
    assert filed_and_serving(campaign) == (coverage.filed, coverage.serving)
    shown = {f.key: f for f in figures(today=dt.date(2026, 11, 20))}["coverage"]
    assert (shown.value, shown.of) == (coverage.filed, coverage.serving)
