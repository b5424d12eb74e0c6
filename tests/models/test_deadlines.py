"""The one timeliness rule, at its exact boundary, through every surface that shows it: the ledger
(SQL), statistics, the centralised report's coverage, a person's reports and the ledger command;
and the due date fixed once a report is reviewed."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.figures.coverage import campaign_coverage
from models.figures.statistics import year_stats
from models.matters import ledger
from models.matters.deadlines import current_campaign_year
from models.matters.campaigns import file_nothing_for, open_campaign
from models.matters.person_reports import person_reports
from models.matters.tables import MatterReport, MatterType
from models.matters.types import save_matter_types
from models.errors import ValidationError
from models.matters.workflow import review_report, save_report, submit_report
from models.personnel.person import Secretary
from models.writing.rows import PartChanges, RowChange
from models.values import clock
from models.writing import services

ROOT = Path(__file__).resolve().parents[2]
FUNERAL = "03"  # 事后, within 15 days (reference catalogue)
MATTER_DAY = dt.date(2026, 3, 1)
DUE = dt.date(2026, 3, 16)


def funeral_report(admin, unit, *, reported: dt.date | None, name: str = "张三", late_reason: str = "外出务工未及时得知"
                   ) -> MatterReport:
    person = services.create(admin, Secretary, {"name": name, "unit": unit.id}).record
    funeral = MatterType.get(MatterType.code == FUNERAL)
    report = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": funeral.id, "timing": "事后",
        "matter_date": MATTER_DAY, "report_date": reported, "late_reason": late_reason}).record
    assert report.due_date == DUE
    return report


def ledger_text(report, today) -> str:
    [row] = [r for r in ledger.page(ledger.LedgerFilter(), offset=0, limit=50, today=today) if r[0] == report.id]
    return row[11]


@pytest.mark.parametrize("offset, on_time, words", [
    (-1, True, "按期（提前1天）"), (0, True, "按期（截止当天）"), (1, False, "逾期1天")])
def test_a_report_on_its_due_date_is_on_time_and_the_day_after_late_everywhere(admin, unit, offset, on_time, words):
    report = funeral_report(admin, unit, reported=DUE + dt.timedelta(days=offset))
    today = dt.date(2026, 11, 1)
    submit_report(admin, report.id, today=today)  # handed in on that day (a draft is in no figure)
    assert ledger_text(report, today) == words
    assert ledger.count(ledger.LedgerFilter(punctuality="on_time"), today=today) == int(on_time)
    assert ledger.count(ledger.LedgerFilter(punctuality="overdue"), today=today) == int(not on_time)
    figures = year_stats(2026, today=today)["reports"]
    assert (figures["on_time"], figures["overdue"]) == (int(on_time), int(not on_time))
    [line] = person_reports(report.secretary_id)
    assert line.punctuality == words
    [record] = ledger.records(ledger.LedgerFilter(), today=today)
    assert record["on_time"] is on_time


@pytest.mark.parametrize("today, overdue, words", [
    (DUE - dt.timedelta(days=1), False, "未到期（还有1天）"), (DUE, False, "未到期（今天截止）"),
    (DUE + dt.timedelta(days=1), True, "逾期1天（未报）")])
def test_a_report_not_yet_made_is_overdue_from_the_day_after_its_due_date(admin, unit, today, overdue, words):
    report = funeral_report(admin, unit, reported=None)
    assert ledger_text(report, today) == words
    assert ledger.count(ledger.LedgerFilter(punctuality="overdue"), today=today) == int(overdue)


@pytest.mark.parametrize("filed_offset, today_offset, on_time, overdue", [
    (0, 30, 1, 0), (1, 30, 0, 1),          # filed on the due date / the day after
    (None, 0, 0, 0), (None, 1, 0, 1),      # not filed: due today / due yesterday
])
def test_the_centralised_report_is_judged_by_the_same_rule(admin, unit, filed_offset, today_offset, on_time, overdue):
    person = services.create(admin, Secretary, {"name": "李四", "unit": unit.id}).record
    campaign = open_campaign(admin, year=2025, opened_on=dt.date(2026, 1, 1))
    due = campaign.due_date
    if filed_offset is not None:
        file_nothing_for(admin, campaign, [person.id], report_date=due + dt.timedelta(days=filed_offset))
    coverage = campaign_coverage(campaign, today=due + dt.timedelta(days=today_offset))
    assert (coverage.on_time, coverage.late + coverage.missing_overdue) == (on_time, overdue)


def test_an_overdue_report_is_not_submitted_without_its_late_reason(admin, unit):
    late = funeral_report(admin, unit, reported=DUE + dt.timedelta(days=1), late_reason="")
    with pytest.raises(ValidationError, match="逾期说明:报告已逾期1天"):
        submit_report(admin, late.id, today=dt.date(2026, 11, 1))
    assert MatterReport.get_by_id(late.id).status == "草稿"
    on_time = funeral_report(admin, unit, reported=DUE, late_reason="", name="王五")
    assert submit_report(admin, on_time.id, today=dt.date(2026, 11, 1)).status == "已提交"


def test_a_reviewed_report_keeps_its_due_date_when_the_deadline_changes_in_settings(admin, unit):
    """The funeral reviewed as 逾期35天 and 提醒谈话 stays 逾期35天 when 设置 lengthens the limit; a
    report not yet reviewed is judged again; only the latter changes (and travels to the district)."""
    reviewed = funeral_report(admin, unit, reported=DUE + dt.timedelta(days=35))
    submit_report(admin, reviewed.id, today=dt.date(2026, 11, 1))
    reviewed = review_report(admin, reviewed.id, result="提醒谈话", opinion="逾期35天报告,提醒谈话",
                             today=dt.date(2026, 11, 1))
    waiting = funeral_report(admin, unit, reported=DUE + dt.timedelta(days=20), name="王五")
    funeral = MatterType.get(MatterType.code == FUNERAL)
    rows = [RowChange({"code": t.code, "name": t.name, "timing": t.timing, "days_before": t.days_before,
                       "days_after": 60 if t.id == funeral.id else t.days_after}, t.id, t.version)
            for t in MatterType.live().order_by(MatterType.sort_order)]
    assert save_matter_types(admin, PartChanges("matter_type", rows)) == 1
    after = MatterReport.get_by_id(reviewed.id)
    assert (after.due_date, after.version, after.modified_at) == (DUE, reviewed.version, reviewed.modified_at)
    assert ledger_text(after, dt.date(2026, 11, 1)) == "逾期35天"
    assert MatterReport.get_by_id(waiting.id).due_date == MATTER_DAY + dt.timedelta(days=60)
    assert ledger_text(MatterReport.get_by_id(waiting.id), dt.date(2026, 11, 1)) == "按期（提前25天）"


def test_the_ledger_command_prints_the_rows_the_ledger_shows(admin, unit, archive):
    late = funeral_report(admin, unit, reported=DUE + dt.timedelta(days=1))
    waiting = funeral_report(admin, unit, reported=None, name="王五")
    from models.archive.lifecycle import close_archive
    close_archive()
    result = subprocess.run([sys.executable, "main.py", "--db", str(archive), "ledger", "--year", "2026", "--json"],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True)
    rows = {row["id"]: row for row in json.loads(result.stdout)["rows"]}
    assert set(rows) == {late.id}  # the year is the report date's; an unreported one has none
    row = rows[late.id]
    assert row == {"id": late.id, "secretary": "张三", "id_number": None, "township": "青石镇", "unit": "东王家村",
                   "type": "操办丧事", "kind": "平时报告", "timing": "事后", "matter_date": "2026-03-01",
                   "report_date": "2026-03-17", "due_date": "2026-03-16", "status": "草稿", "on_time": False}
    everything = subprocess.run([sys.executable, "main.py", "--db", str(archive), "ledger", "--json"],
                                cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True)
    unreported = {row["id"]: row for row in json.loads(everything.stdout)["rows"]}[waiting.id]
    assert unreported["on_time"] is None and unreported["report_date"] is None


@pytest.mark.parametrize("day, round_year", [("2026-01-01", 2025), ("2026-01-31", 2025), ("2026-11-30", 2025),
                                             ("2026-12-01", 2026), ("2026-12-31", 2026), ("2028-02-29", 2027)])
def test_the_round_a_clerk_works_on_is_this_years_from_the_first_of_december(monkeypatch, day, round_year):
    """Last year's round is followed up until November; this year's opens in December."""
    assert current_campaign_year(dt.date.fromisoformat(day)) == round_year
    monkeypatch.setenv(clock.TODAY_VARIABLE, day)
    assert clock.today() == dt.date.fromisoformat(day) and current_campaign_year() == round_year


def test_statistics_list_tied_types_by_name_and_timings_before_after_whatever_order_rows_come(admin, unit):
    """A server returns grouped rows in any order: the same archive printed 事后 before 事前 and
    swapped tied matter types between a file and a server."""
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    for code, timing, matter, reported in (("05", "事后", dt.date(2026, 4, 1), dt.date(2026, 4, 5)),
                                           ("02", "事前", dt.date(2026, 5, 20), dt.date(2026, 5, 1)),
                                           ("03", "事后", dt.date(2026, 6, 1), dt.date(2026, 6, 3)),
                                           ("03", "事后", dt.date(2026, 7, 1), dt.date(2026, 7, 3))):
        report = save_report(admin, report_id=None, data={
            "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == code).id,
            "timing": timing, "matter_date": matter, "report_date": reported, "place": "本村"}).record
        submit_report(admin, report.id, today=reported)
    figures = year_stats(2026, today=dt.date(2026, 11, 1))["reports"]
    names = {code: MatterType.get(MatterType.code == code).name for code in ("02", "03", "05")}
    assert list(figures["by_type"].items()) == [(names["03"], 2), *sorted([(names["02"], 1), (names["05"], 1)])]
    assert list(figures["by_timing"].items()) == [("事前", 1), ("事后", 3)]
