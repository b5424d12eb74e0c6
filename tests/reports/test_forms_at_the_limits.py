"""Printed forms at the limits the write path allows (issue 29): a large but valid file prints —
never a crash —, and a draft is never printed as a filed report."""
import argparse
import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Table

from models.app.forms import FORMS
from models.errors import ArchiveError
from models.app.printing import render_form
from models.dossier.saving import save_file
from models.writing.rows import PartChanges, RowChange
from models.figures.statistics import year_stats
from models.forms.ledger import ledger_print_data
from models.matters.tables import MatterReport, MatterType, ReportStatus
from models.matters.workflow import review_report, save_report, submit_report
from models.personnel.person import Secretary
from tests.reports.test_forms import text_of

STEMS, BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
LONG_EMPLOYER = "新疆维吾尔自治区乌鲁木齐市某某区某某街道某某社区居民委员会下属某某物业服务有限公司综合办公室副主任兼出纳会计"


def _large(admin, unit, *, relatives: int, employer_length: int, rewards: int) -> Secretary:
    family = [{"relation": "儿子" if i % 2 else "女儿", "name": _relative(i), "birth_date": "1990.01",
               "political_status": "群众", "employer_post": (LONG_EMPLOYER * 3)[:employer_length]}
              for i in range(relatives)]
    reward_rows = [{"date": f"{2000 + i % 25}.06", "kind": "奖励", "text": f"被评为全县优秀党组织书记第{i}次",
                    "authority": "中共某某县委"} for i in range(rewards)]
    return save_file(admin, secretary_id=None, basic={"name": "王大山", "unit": unit.id},
                     parts=[PartChanges("family_member", [RowChange(row) for row in family]),
                            PartChanges("reward_punishment", [RowChange(row) for row in reward_rows])]).record


def _relative(number: int) -> str:
    return "王" + STEMS[number % 10] + BRANCHES[number // 10]


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("relatives, employer_length, rewards",
                         [(20, 40, 0), (15, 60, 0), (0, 0, 25), (12, 60, 0), (20, 100, 25), (40, 100, 60)])
@pytest.mark.parametrize("mode", ["fit", "continue"])
def test_a_large_valid_file_prints_its_registration_form_and_dossier(admin, unit, relatives, employer_length,
                                                                    rewards, mode):
    """内部错误:LayoutError at 20 relatives × 40 characters, 15 × 60, 25 奖惩, 12 × 60 (continue)."""
    person = _large(admin, unit, relatives=relatives, employer_length=employer_length, rewards=rewards)
    pdf = render_form("registration", secretary_id=person.id, mode=mode)
    text = "".join(text_of(pdf).split())
    assert "王大山" in text and (not relatives or _relative(relatives - 1) in text)
    assert (not rewards or f"第{rewards - 1}次" in text)
    assert _pages(render_form("dossier", secretary_id=person.id)) > _pages(pdf)


def _draft_and_filed(admin, unit, today):
    person = save_file(admin, secretary_id=None, basic={"name": "李文", "unit": unit.id}, parts=[]).record
    wedding = MatterType.get(MatterType.code == "02").id
    data = {"secretary": person.id, "kind": "平时报告", "matter_type": wedding, "timing": "事前",
            "matter_date": today + dt.timedelta(days=20), "report_date": today - dt.timedelta(days=2),
            "place": "本村"}
    draft = save_report(admin, report_id=None, data=data).record
    filed = save_report(admin, report_id=None, data={**data, "place": "镇上"}).record
    submit_report(admin, filed.id, today=today)
    assert MatterReport.get_by_id(draft.id).status == ReportStatus.DRAFT
    return person, draft, filed


def test_a_centralised_report_printed_as_a_report_prints_on_its_own_form(stress):
    """``print report`` on a 集中报告 used the 一事一报 form (two pages, 事项时间 and 地点 empty)."""
    text = "".join(text_of(render_form("report", report_id=stress["centralised"])).split())
    assert "集中报告" in text and "个人重大事项报告表" not in text and "香港探亲" in text


def test_a_draft_is_not_printed_as_a_filed_report(admin, unit, today):
    """Drafts were listed in the 台账 with 按期, counted in the 统计表 and printed in the dossier."""
    person, draft, filed = _draft_and_filed(admin, unit, today)
    ledger = ledger_print_data(year=today.year)
    assert [row[3] for row in ledger["rows"]].count("李文") == 1  # the filed one only
    assert year_stats(today.year, today=today)["reports"]["total"] == 1
    dossier = "".join(text_of(render_form("dossier", secretary_id=person.id)).split())
    assert "镇上" in dossier and "本村" not in dossier
    alone = "".join(text_of(render_form("report", report_id=draft.id)).split())
    assert "草稿—未提交" in alone  # a clerk printing a draft to check it sees what it is
    # … across the page, where no one can cut it off, and with no verdict of a report not handed in
    assert _watermarks(render_form("report", report_id=draft.id)) == ["草稿 — 未提交"]
    assert "按期" not in alone and "逾期" not in alone and "截止时间" not in alone
    assert _watermarks(render_form("report", report_id=filed.id)) == []
    assert "草稿" not in "".join(text_of(render_form("report", report_id=filed.id)).split())


def test_statistics_of_a_year_without_a_centralised_report_count_nobody_as_missing(admin, unit, today):
    """"本年度尚未开展集中报告" over a table of 37 未报告 and 0.0% 覆盖率: the page contradicted itself."""
    save_file(admin, secretary_id=None, basic={"name": "李文", "unit": unit.id}, parts=[])
    text = "".join(text_of(render_form("stats", year=today.year - 3)).split())
    assert "本年度没有开展集中报告" in text
    assert "未报告" not in text and "0.0%" not in text and "覆盖率" not in text


def test_the_centralised_reports_of_a_township_are_each_numbered_as_their_own_form(archive, admin, unit, today,
                                                                                   tmp_path):
    """Seven one-sheet 集中报告表 printed as 第1页共7页 … 第7页共7页, as if one form; ``--split``
    was ignored and the combined PDF written to the folder's name."""
    from models.app.record_commands import FORM_OPTIONS, print_forms
    from models.matters.campaigns import file_campaign_report, open_campaign

    campaign = open_campaign(admin, year=today.year - 1)
    for name in ("李文", "王武", "赵六"):
        person = save_file(admin, secretary_id=None, basic={"name": name, "unit": unit.id}, parts=[]).record
        file_campaign_report(admin, campaign, person.id, report_date=max(today, campaign.opened_on))
    pages = _texts(render_form("campaign", year=campaign.year))
    assert len(pages) == 3 and all("第1页共1页" in page for page in pages)
    folder = tmp_path / "camp"
    args = argparse.Namespace(kind="campaign", secretary=None, report=None, year=campaign.year, township=None,
                              all=True, split=True, out=folder, db=archive, actor=admin,
                              **dict.fromkeys(FORM_OPTIONS))
    with pytest.raises(ArchiveError, match="--split"):
        print_forms(args)
    assert not folder.exists()


def test_a_catalogue_never_ends_on_a_page_of_blank_rows(admin, unit):
    """13 of 40 demo catalogues (8 materials) put only the column heads and a blank row on a second
    page: the blank rows to write in by hand are as many as the last page has room for."""
    from models.personnel.catalogue import Material
    from models.writing import services

    person = save_file(admin, secretary_id=None, basic={"name": "李文", "unit": unit.id}, parts=[]).record
    pages_seen = set()
    for number in range(1, 46):
        services.create(admin, Material, {"secretary": person.id, "category": "4-1", "title": f"材料第{number}份",
                                          "date": "2020.01", "copies": 1, "pages": 2})
        pages = _texts(render_form("catalogue", secretary_id=person.id))
        pages_seen.add(len(pages))
        # the last class (十, listed even when empty) on the last page: never a page of blank rows only
        assert "十、其他可供组织参考的材料" in pages[-1], (number, len(pages))
    assert pages_seen == {1, 2}


def test_the_first_resume_line_is_as_tall_as_the_others_when_the_resume_continues(admin, unit):
    """Continue mode stretched the first 简历 row (8.8 mm against 7.4 mm for the others)."""
    from models.forms.registration import registration_data
    from reports.cells import ContinuedTable
    from reports.registration_form import registration_form

    lines = [{"start": f"{2000 + i}.01", "end": f"{2000 + i}.12", "text": f"东王家村村委会委员{i}"} for i in range(6)]
    person = save_file(admin, secretary_id=None, basic={"name": "李文", "unit": unit.id},
                       parts=[PartChanges("resume_entry", [RowChange(row) for row in lines])]).record
    data = {**registration_data(secretary_id=person.id), "mode": "continue"}
    [resume] = [f for f in registration_form(data) if isinstance(f, ContinuedTable) and f.continued is not None
                and "简历" in f.continued.text]
    resume.wrap(500, 10_000)
    assert max(resume._rowHeights) - min(resume._rowHeights) < 0.5, resume._rowHeights


def _watermarks(pdf: bytes) -> list[str]:
    """The texts drawn turned across a page (not upright), one per page."""
    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        turned = []

        def seen(text, cm, tm, *_):
            if text.strip() and abs(cm[1] * tm[0] + cm[3] * tm[1]) > 1e-6:  # (the text's direction rises)
                turned.append(text)

        page.extract_text(visitor_text=seen)
        found.add("".join(turned))
    return sorted(found - {""})


def test_a_batch_prints_everyone_it_can_and_names_whom_it_could_not(archive, admin, unit, tmp_path):
    """A township batch with one unprintable file wrote some files, exited 1 and named nobody."""
    from models.app import printing

    good = _large(admin, unit, relatives=2, employer_length=10, rewards=1)
    bad = save_file(admin, secretary_id=None, basic={"name": "赵六", "unit": unit.id,
                                                     "current_post": "村党支部书记\U0001F409"}, parts=[]).record
    failed: list[str] = []
    jobs = [(bad.id, tmp_path / "001-东王家村-赵六.pdf"), (good.id, tmp_path / "002-东王家村-王大山.pdf")]
    written = printing.print_many(archive, "registration", jobs, workers=1, failed=failed)
    assert written == [tmp_path / "002-东王家村-王大山.pdf"] and sorted(tmp_path.glob("*.pdf")) == written
    assert len(failed) == 1 and "赵六" in failed[0] and "U+1F409" in failed[0]


def test_a_transfer_slip_names_the_post_of_its_day_and_a_received_file_prints_the_receipt(admin, unit):
    """A 2004 transfer printed the 2026 post; a file received printed the sender's 存根 and 转递单."""
    from models.forms.transfer import transfer_data
    from models.personnel.transfers import Transfer
    from models.writing import services

    person = save_file(admin, secretary_id=None, basic={"name": "周明", "unit": unit.id, "current_post": "东王家村党支部书记",
                                                        "post_since": "2021.01"},
                       parts=[PartChanges("resume_entry", [RowChange({"start": "2001.03", "end": "2020.12",
                                                                      "text": "东王家村村委会委员"})])]).record
    for direction, day in (("转出", dt.date(2004, 5, 6)), ("转入", dt.date(2026, 5, 6))):
        services.create(admin, Transfer, {"secretary": person.id, "direction": direction, "date": day,
                                          "counterpart": "中共某某县委组织部", "originals": 1, "materials": 20,
                                          "receipt_date": day + dt.timedelta(days=3)})
    old, new = Transfer.select().order_by(Transfer.date)
    sent = "".join(text_of(FORMS["transfer"].render(transfer_data(secretary_id=person.id, transfer=old))).split())
    assert "东王家村村委会委员" in sent and "党支部书记" not in sent
    assert "存根" in sent and "兹将" in sent and "回执" in sent
    received = "".join(text_of(render_form("transfer", secretary_id=person.id)).split())  # the latest
    assert "回执" in received and "存根" not in received and "兹将" not in received
    assert "2026年5月9日" in received  # the day the 回执 went back, as recorded (it printed 年 月 日)
    assert "2004年5月9日" not in sent  # (an outgoing slip's 回执 is dated by whoever receives it)


def test_every_demo_report_and_every_blank_form_fits_one_sheet_under_its_own_title(admin):
    """175 of 377 demo report forms put 受理人, 党委 and 纪委 on a second sheet; the blank 婚礼 and
    葬礼 forms were two pages; the title was always 个人重大事项报告表."""
    from models.demo.builder import build_demo
    from models.matters.tables import ReportKind, Timing
    from models.writing.actor import SYSTEM

    build_demo(SYSTEM, secretaries=12, seed=9)
    reports = MatterReport.live().where(MatterReport.kind == ReportKind.ORDINARY)
    assert reports.count() > 10
    for report in reports:
        assert _pages(render_form("report", report_id=report.id)) == 1, report.id
    for kind in MatterType.live():
        for timing in (Timing.BEFORE, Timing.AFTER):
            if timing not in kind.timing:
                continue
            blank = render_form("blank-report", matter_type=kind.code, timing=timing)
            assert _pages(blank) == 1, (kind.name, timing)
    titles = {(code, timing): "".join(text_of(render_form("blank-report", matter_type=code, timing=timing)).split())
              for code, timing in (("02", "事前"), ("02", "事后"), ("03", "事后"))}
    assert titles[("02", "事前")].startswith("操办婚礼事前报告表") and "拟宴请人数" in titles[("02", "事前")]
    assert "用车情况" not in titles[("02", "事前")] and "礼金礼品情况" not in titles[("02", "事前")]
    assert titles[("02", "事后")].startswith("操办婚礼事后报告表") and "用车情况" in titles[("02", "事后")]
    assert "宴请人数" in titles[("02", "事后")] and "事前填" not in titles[("02", "事后")]  # (the 事后 form's own words)
    assert titles[("03", "事后")].startswith("操办葬礼情况报告表")


@pytest.mark.parametrize("mode", ["fit", "continue"])
def test_no_page_holds_only_the_footer(admin, unit, mode):
    """18 relatives × 30 characters gave a third page holding only the 计算年龄时间/填表人 line."""
    from tests.support import pdf_layout

    person = _large(admin, unit, relatives=18, employer_length=30, rewards=3)
    for page in pdf_layout.pages(render_form("registration", secretary_id=person.id, mode=mode)):
        text = "".join(g.text for g in page.glyphs if g.y0 > 15 * 2.835)  # (above the page number)
        assert "呈报单位" in text or "姓名" in text or "称谓" in text or "奖惩" in text, text[:80]


def test_a_heading_of_the_statistics_is_never_alone_at_a_page_foot():
    """“三、抽查核实” was printed alone at the foot of a page, its table on the next: whatever the
    number of townships, each section's heading shares its page with what it heads."""
    from reports.base import PageSetup, render
    from reports.statistics_form import stats_form
    from tests.support import pdf_layout

    figures = {"serving": 10, "filed": 9, "on_time": 8, "overdue": 1, "missing": 1, "missing_overdue": 1,
               "coverage": 0.9}
    for townships in (*range(8, 40, 2), 61, 130):  # (a district of 61 townships, a city of 130)
        d = {"year": 2026, "due_date": "2027-01-31", **figures,
             "townships": [{"township": f"第{n}镇", "missing_names": ["张三"], "units": [], **figures}
                           for n in range(townships)],
             "reports": {"total": 3, "on_time": 2, "overdue": 1, "by_timing": {"事前": 1, "事后": 2},
                         "by_type": {f"类别{n}": 1 for n in range(12)}},
             "verifications": {"如实报告": 3, "瞒报": 1}}
        for page in pdf_layout.pages(render(stats_form(d), PageSetup("统计表"))):
            text = "".join(g.text for g in page.glyphs)
            if "三、抽查核实" in text:
                assert "核实结果" in text, townships
            if "二、平时报告" in text:
                assert "事项类别" in text, townships


def test_the_funeral_form_asks_who_died_their_relation_and_the_place_once(admin, unit):
    """操办葬礼情况报告表 asks 逝世人姓名, 与本人关系 and 葬礼地点 in its own block; the general
    涉及人员/与本人关系/地点 rows printed them a second time (and empty where the block held them)."""
    from models.forms.report_form import report_form_data

    person = save_file(admin, secretary_id=None, basic={"name": "吴刚", "unit": unit.id}, parts=[]).record
    funeral = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "03").id,
        "timing": "事后", "matter_date": dt.date(2026, 3, 1), "report_date": dt.date(2026, 3, 5),
        "place": "东王家村", "persons": "吴某", "relation": "父亲"},
        block_values={"guests": "60", "venue": "青石镇殡仪馆"}).record
    rows = dict(report_form_data(report_id=funeral.id)["block"])
    assert (rows["逝世人姓名"], rows["与本人关系"], rows["葬礼地点"]) == ("吴某", "父亲", "青石镇殡仪馆；东王家村")
    text = "".join(text_of(render_form("report", report_id=funeral.id)).split())
    for label in ("与本人关系", "涉及人员", "地点"):
        assert text.count(label) == (1 if label != "涉及人员" else 0), label
    blank = "".join(text_of(render_form("blank-report", matter_type="03", timing="事后")).split())
    assert blank.count("与本人关系") == 1 and "涉及人员" not in blank


@pytest.mark.parametrize("content, block, title", [
    ("儿子王小明与李某某举行婚礼", {}, "操办婚礼事前报告表"),
    ("", {"partner": "李某某,青石镇中学教师"}, "操办婚礼事前报告表"),
    ("为母亲操办八十岁寿宴", {}, "操办喜庆事宜事前报告表"),
    ("新房落成,举办乔迁宴", {"planned_vehicles": "不用车"}, "操办喜庆事宜事前报告表"),
    ("操办婚嫁喜庆事宜", {}, "操办婚礼事前报告表")])  # (the type's own name says nothing)
def test_a_banquet_report_is_printed_on_the_wedding_form_only_for_a_wedding(admin, unit, content, block, title):
    """Every 婚嫁喜庆 report was titled by its type (操办婚嫁喜庆事宜事前报告表) — FORMS §4's form is
    操办婚礼事前报告表 — and a 寿宴 was asked 婚姻登记时间 and 结婚人配偶."""
    person = save_file(admin, secretary_id=None, basic={"name": "吴刚", "unit": unit.id}, parts=[]).record
    report = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "02").id,
        "timing": "事前", "matter_date": dt.date(2026, 10, 1), "report_date": dt.date(2026, 9, 20),
        "content": content}, block_values=block).record
    text = "".join(text_of(render_form("report", report_id=report.id)).split())
    assert text.startswith(title)
    wedding = title == "操办婚礼事前报告表"
    assert ("婚姻登记时间" in text) == wedding and ("结婚人配偶父母" in text) == wedding
    assert ("是否同城" in text) == wedding
    assert ("拟用婚礼车辆数及来源" if wedding else "拟用车辆数及来源") in text


def test_one_file_of_everyone_prints_everyone_it_can_and_names_whom_it_could_not(admin, unit):
    """The one-PDF batch (人事档案 of a township in one file, CLI print --all without --split)
    stopped at the first person whose form could not be printed, and printed nobody."""
    from models.app import printing

    bad = save_file(admin, secretary_id=None, basic={"name": "赵六", "unit": unit.id,
                                                     "current_post": "村党支部书记\U0001F409"}, parts=[]).record
    good = _large(admin, unit, relatives=2, employer_length=10, rewards=1)
    failed: list[str] = []
    done = []
    pdf = printing.render_combined("registration", [bad.id, good.id], failed=failed,
                                   progress=lambda n, total: done.append((n, total)))
    text = "".join(text_of(pdf).split())
    assert good.name in text and "赵六" not in text
    assert len(failed) == 1 and failed[0].startswith("赵六") and "U+1F409" in failed[0]
    assert done[-1] == (2, 2)  # the bar reaches its end
    with pytest.raises(ArchiveError, match="赵六"):  # nobody printable: said, no empty PDF
        printing.render_combined("registration", [bad.id], failed=[])


def test_a_batch_ticks_after_each_workers_first_person():
    """Printing a township of 34 showed 0 of 34 for over a second: the first tick waited for a
    whole handful of four. Each worker's first handful is one person; every job is printed once."""
    from models.app.printing import _handfuls

    handfuls = _handfuls(list(range(34)), 2)
    assert [len(h) for h in handfuls[:2]] == [1, 1] and max(map(len, handfuls)) <= 6
    assert [job for handful in handfuls for job in handful] == list(range(34))
    assert _handfuls([], 2) == [] and _handfuls([7], 2) == [[7]]


def _smallest_type(pdf: bytes) -> float:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    sizes = []

    def walk(item):
        if isinstance(item, LTChar):
            sizes.append(item.size)
        for child in getattr(item, "_objs", ()):
            walk(child)

    for page in extract_pages(io.BytesIO(pdf)):
        walk(page)
    return min(sizes)


@pytest.mark.parametrize("relatives, employer_length, rewards", [(20, 10, 0), (20, 40, 3), (0, 0, 25)])
@pytest.mark.parametrize("mode", ["fit", "continue"])
def test_the_registration_form_prints_nothing_below_7_pt_and_names_a_continued_part(admin, unit, relatives,
                                                                                   employer_length, rewards, mode):
    """Fit mode shrank 20 one-line relatives to 6 pt on the official page 2: what needs smaller
    type than 7 pt goes on to a continuation sheet, its part named again with (续)."""
    person = _large(admin, unit, relatives=relatives, employer_length=employer_length, rewards=rewards)
    pdf = render_form("registration", secretary_id=person.id, mode=mode)
    assert _smallest_type(pdf) >= 7.0
    if _pages(pdf) > 2:
        continued = "".join(text_of(pdf).split())
        assert "家庭主要成员及重要社会关系（续）" in continued or "奖惩情况（续）" in continued


def _texts(pdf: bytes) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _long(label: str, length: int) -> str:
    """``length`` characters of numbered sentences, ending in a mark found nowhere else."""
    text = "".join(f"{label}第{i}句。" for i in range(length // 6))
    return text[:length - 4] + "到此为止"


def test_a_report_whose_fields_are_at_their_limits_flows_on_with_its_sign_rows_together(admin, unit, today):
    """A 事项内容 of 20,000 characters (the write path's limit) was refused as "一栏内容太长,排不进一页":
    it flows on to more sheets, its part headed (续) there, and the rows a person signs stay together
    on the last sheet — the review's opinion and a block answer at their limits too."""
    person = save_file(admin, secretary_id=None, basic={"name": "李文", "unit": unit.id}, parts=[]).record
    data = {"secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "02").id,
            "timing": "事后", "matter_date": today - dt.timedelta(days=3), "report_date": today - dt.timedelta(days=2),
            "place": "本村", "content": _long("内容", 20_000), "details": {"other": _long("说明", 19_900)}}
    report = save_report(admin, report_id=None, data=data).record
    submit_report(admin, report.id)
    review_report(admin, report.id, result="同意", opinion=_long("意见", 20_000))
    pages = _texts(render_form("report", report_id=report.id))
    whole = "".join(pages)
    assert len(pages) > 2 and whole.count("到此为止") == 3
    assert "事项内容（续）" in whole and "李文" in pages[0]
    signs = ("报告人签名", "受理人", "党委负责人签字（盖章）", "纪委意见")
    assert all(sign in pages[-1] for sign in signs)
    assert not any(sign in page for page in pages[:-1] for sign in signs)


def test_a_form_that_cannot_be_laid_out_names_the_person_and_the_part(admin, unit, today, monkeypatch):
    """Said as "个人重大事项报告表有一栏内容太长", naming neither whose report nor which part."""
    person = save_file(admin, secretary_id=None, basic={"name": "李文", "unit": unit.id}, parts=[]).record
    data = {"secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "02").id,
            "timing": "事后", "matter_date": today - dt.timedelta(days=3), "report_date": today - dt.timedelta(days=2),
            "place": "本村", "content": "内容" * 2_000}
    report = save_report(admin, report_id=None, data=data).record
    monkeypatch.setitem(FORMS, "report", dataclasses.replace(FORMS["report"], layout=_too_tall))
    with pytest.raises(ArchiveError, match="李文的.*中“事项内容”一栏内容太长,排不进一页"):
        render_form("report", report_id=report.id)


def _too_tall(data: dict) -> list:
    return [Table([[data["content"]]], rowHeights=[400 * mm])]
