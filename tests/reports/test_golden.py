"""Every printed form, for a stress file and a minimal file, read back as a reader sees it: no
character overprints another or crosses a rule of its cell, nothing leaves the page, the expected
text is there, the page count is the official one, the 密级 is on every page and every font is
embedded."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from models.app.printing import render_form
from models.errors import ArchiveError
from models.forms.registration import registration_data
from reports.base import NothingToPrint
from models.app.forms import FORMS
from tests.reports.conftest import LONG_PLACE, LONG_POST, RARE_NAME, RELATIONS
from tests.support import pdf_layout

MARK = "内部"


def printed(kind: str, **selection) -> bytes:
    form = FORMS[kind]
    pdf = form.render(form.data(**selection), classification=MARK)
    if os.environ.get("SCREENSHOTS"):  # to look at the pages (pdftoppm)
        (Path(os.environ["SCREENSHOTS"]) / f"{kind}.pdf").write_bytes(pdf)
    return pdf


def read(pdf: bytes) -> tuple[list[pdf_layout.Page], str]:
    """The pages, checked as every form must be, and their text without white space."""
    pages = pdf_layout.pages(pdf)
    assert pages, "an empty PDF"
    for page in pages:
        assert not pdf_layout.overprints(page), pdf_layout.overprints(page)[:5]
        assert not pdf_layout.crossings(page), pdf_layout.crossings(page)[:5]
        assert not pdf_layout.outside(page), pdf_layout.outside(page)[:5]
        assert MARK in "".join(g.text for g in page.glyphs[:40]) or MARK in "".join(g.text for g in page.glyphs), \
            f"第{page.number}页没有密级"
    fonts = pdf_layout.embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    return pages, "".join(g.text for page in pages for g in page.glyphs)


def squeeze(text: str) -> str:
    return "".join(text.split())


def on_one_line(pages: list[pdf_layout.Page], wanted: str) -> bool:
    """``wanted`` is printed whole on one line of some page (not wrapped)."""
    for page in pages:
        lines: dict[int, list] = {}
        for glyph in page.glyphs:
            lines.setdefault(round(glyph.y0), []).append(glyph)
        if any(wanted in "".join(g.text for g in sorted(line, key=lambda g: g.x0)) for line in lines.values()):
            return True
    return False


MM = 72 / 25.4


def room_after(pages: list[pdf_layout.Page], label: str) -> float:
    """The blank space on the line after ``label`` up to the next character (points)."""
    for page in pages:
        lines: dict[int, list] = {}
        for glyph in page.glyphs:
            lines.setdefault(round(glyph.y0), []).append(glyph)
        for line in lines.values():
            line.sort(key=lambda g: g.x0)
            text = "".join(g.text for g in line)
            at = text.find(label)
            if at >= 0 and at + len(label) < len(line):
                return line[at + len(label)].x0 - line[at + len(label) - 1].x1
    raise AssertionError(f"没有“{label}”")


def room_below(pages: list[pdf_layout.Page], label: str) -> float:
    """The blank height under the line holding ``label``, across that line's width (points)."""
    for page in pages:
        lines: dict[int, list] = {}
        for glyph in page.glyphs:
            lines.setdefault(round(glyph.y0), []).append(glyph)
        for y, line in lines.items():
            line.sort(key=lambda g: g.x0)
            text = "".join(g.text for g in line)
            at = text.find(label)
            if at < 0:
                continue
            left, right = line[at].x0, line[at + len(label) - 1].x1
            under = [g.y1 for g in page.glyphs if g.y1 < y and g.x1 > left and g.x0 < right]
            return y - max(under, default=0)
    raise AssertionError(f"没有“{label}”")


# -- one person's forms ----------------------------------------------------------------------------

def test_the_registration_form_of_a_long_file_keeps_to_the_official_two_pages(stress):
    person = stress["person"]
    pages, text = read(printed("registration", secretary_id=person.id, age_at=dt.date(2026, 11, 1),
                               filled_by="李干事"))
    assert len(pages) == 2
    data = registration_data(secretary_id=person.id)
    for expected in (RARE_NAME, LONG_PLACE, "拟任职务", "青石镇东王家村党总支书记", "拟免职务", "任免理由",
                     "届次", "第十一届", "中共青石镇委员会", "计算年龄时间：2026.11", "填表人：李干事", "（51岁）",
                     "2022年度、2023年度考核均为称职；2024年度考核为优秀", "被评为全县优秀党组织书记",
                     "新疆大学政治与公共管理学院行政管理专业", "中国农业大学农业推广专业",
                     *(line for _, line in data["resume"]), *(m["name"] for m in data["family"]), *RELATIONS):
        assert squeeze(expected) in text, expected
    assert "年月日" in text  # the seals' dates, with room to write


def test_the_registration_form_continues_on_more_pages_when_asked(stress):
    pages, text = read(printed("registration", secretary_id=stress["person"].id, mode="continue"))
    assert len(pages) >= 3
    assert squeeze(LONG_POST) in text and "第1页共" in text
    resumed = [page for page in pages if "简历（续）" in "".join(g.text for g in page.glyphs)]
    assert [page.number for page in resumed] == [2]  # the sheet the 简历 runs on to says so, once


def test_an_empty_field_prints_empty_and_only_rewards_say_none(minimal):
    pages, text = read(printed("registration", secretary_id=minimal["person"].id, age_at=dt.date(2026, 11, 1)))
    assert len(pages) == 2 and "丁一" in text
    assert text.count("无") == 1  # 奖惩情况 无, as the official form writes; 民族, 入党时间 … empty
    assert "（岁）" not in text.replace("出生年月（岁）", "")  # no age without a birth date


def test_the_catalogue_shows_sub_classes_under_their_category(stress, minimal):
    pages, text = read(printed("catalogue", secretary_id=stress["person"].id))
    for expected in ("一、履历类材料", "四-1", "学历学位类材料", "大学毕业登记表", "四-2", "九、",
                     "村党组织书记选举结果报告单及批复"):
        assert expected in text, expected
    assert text.index("四、") < text.index("四-1") < text.index("四-2") < text.index("五、")
    read(printed("catalogue", secretary_id=minimal["person"].id))


def test_the_transfer_slip_names_the_files_own_township_with_room_to_sign(stress, minimal):
    pages, text = read(printed("transfer", secretary_id=stress["person"].id))
    assert len(pages) == 1
    for expected in ("存根", "已由中共青石镇委员会转往中共某某县委组织部", "青组档字第12号", "中共某某县委组织部：兹将",
                     "中共青石镇委员会：你处于2026年5月6日转来", "发件人签名：", "收件人签名：", "（机关盖章）",
                     "沿此线剪开"):
        assert expected in text, expected
    assert room_below(pages, "发件人签名：") >= 38 * MM  # to sign, and for a 40–42 mm seal (it was about 10 mm)
    with pytest.raises(ArchiveError, match="没有转递记录"):
        printed("transfer", secretary_id=minimal["person"].id)


def test_the_registers_print_post_content_signature_and_flag_overdue_loans(stress):
    pages, text = read(printed("register", secretary_id=stress["person"].id))
    assert float(PdfReader(io.BytesIO(printed("register"))).pages[0].mediabox.width) > 800  # landscape
    for expected in ("副科长", "干部任免审批表、年度考核材料、奖惩材料", "查阅人签名", "借阅人签名", "逾期未还",
                     "2026.10.08", "中共党员", "0991-5812345", "单位意见", "同意查阅", "领导意见（批准人）/批示时间",
                     "同意（周部长）", "2026.03.01"):
        assert expected in text, expected


def test_the_report_form_prints_the_official_block_at_the_report_date(stress):
    pages, text = read(printed("report", report_id=stress["before"]))
    for expected in ("操办婚礼事前报告表", "婚姻登记时间", "2026.10.01", "是否同城/同地合办", "拟宴请人数", "180", "600",
                     "宴请人员范围", "结婚人配偶姓名、单位职务", "党委负责人签字（盖章）", "纪委意见",
                     "计算年龄时间：2026.10.01",
                     RARE_NAME, "儿子欧阳小明与李某某举行婚礼"):
        assert expected in text, expected
    assert "600.0" not in text and "宴请费用合计" not in text  # 事后 only
    assert "年龄51" in text  # born 1975.03, reported 2026.10.01: the age that day
    late = read(printed("report", report_id=stress["funeral"]))[1]
    assert "逾期说明" in late and "丧事期间本人在外地处理后事" in late and "逝世人姓名" in late


def test_the_campaign_form_lists_every_type_and_refuses_a_person_who_has_not_filed(stress, minimal, admin, unit):
    pages, text = read(printed("campaign", year=2025, secretary_id=stress["person"].id))
    assert "2025年度个人有关事项集中报告表" in text and "2025年4月赴香港探亲,已按规定报批" in text
    assert "党委负责人签字（盖章）" in text and "报告人签名" in text
    _, nothing = read(printed("campaign", year=2025, secretary_id=minimal["person"].id))
    assert nothing.count("无") >= 13  # every type answered 无
    from models.personnel.person import Secretary
    from models.writing import services
    late = services.create(admin, Secretary, {"name": "未报人", "unit": unit.id}).record
    with pytest.raises(ArchiveError, match="未报人还没有提交2025年度集中报告"):
        printed("campaign", year=2025, secretary_id=late.id)


def test_the_dossier_holds_every_form_each_numbered_on_its_own(stress, minimal):
    pages, text = read(printed("dossier", secretary_id=stress["person"].id, age_at=dt.date(2026, 11, 1)))
    for expected in ("人事档案", "干部人事档案材料目录", "村（社区）党组织书记基本情况登记表", "培训及任职情况",
                     "全市村党组织书记乡村振兴专题培训班", "东王家村党总支书记", "青组字〔2021〕3号",
                     "操办婚礼事前报告表", "操办葬礼情况报告表",
                     "干部人事档案材料转递单（存根）", "干部人事档案查阅登记簿", "干部人事档案借阅登记簿"):
        assert expected in text, expected
    # the two 一事一报 reports on their form, the centralised one on the 集中报告表 with its answers
    assert text.count("事前报告表") + text.count("情况报告表") == 2 and "2025年度个人有关事项集中报告表" in text
    assert "2025年4月赴香港探亲,已按规定报批" in text
    firsts = [page for page in pages if "第1页共" in "".join(g.text for g in page.glyphs)]
    # every part starts again at 第 1 页 (a one-page part too, like the 集中报告表; not the cover)
    assert len(firsts) >= 4
    assert "第" not in "".join(g.text for g in pages[0].glyphs)  # the cover carries no number
    minimal_pages, minimal_text = read(printed("dossier", secretary_id=minimal["person"].id))
    assert "转递单" not in minimal_text and "培训及任职情况" in minimal_text


# -- the archive's lists ---------------------------------------------------------------------------

def test_the_ledger_numbers_its_rows_and_keeps_masked_ids_on_one_line(stress, minimal):
    pages, text = read(printed("ledger", date_from=dt.date(2025, 1, 1), date_to=dt.date(2026, 12, 31)))
    assert "序号" in text and "报告时间2025.01.01至2026.12.31" in text
    assert on_one_line(pages, "650121********0013") and "650121197503120013" not in text
    assert text.count("集中报告") >= 2 and RARE_NAME in text
    with pytest.raises(ArchiveError, match="没有符合条件的报告"):
        printed("ledger", year=1999)


def test_the_statistics_separate_late_filers_from_those_missing_past_the_deadline(stress, minimal, admin, unit):
    from models.personnel.person import Secretary
    from models.writing import services
    services.create(admin, Secretary, {"name": "未报人", "unit": unit.id})
    pages, text = read(printed("stats", year=2025))
    for expected in ("逾期报送", "其中已过截止日", "未报人", "三、抽查核实", "如实报告", "集中报告覆盖率", "66.7%",
                     "制表人：", "审核人："):
        assert expected in text, expected


def test_the_receipt_of_an_imported_package(admin):
    data = {"township": "青石镇", "sequence": 3, "created_at": "2026-11-20 10:00", "imported_at": "2026-11-21 09:30",
            "imported_by": "admin", "sha256": "ab" * 32, "counts": {"new": 12, "updated": 3, "conflicts": 1}}
    pages, text = read(FORMS["receipt"].render(data, classification=MARK))
    assert "ab" * 32 in text and "冲突（保留区县版本，待核对）" in text and "接收单位（盖章）" in text


# -- blank forms -----------------------------------------------------------------------------------

def test_blank_forms_for_hand_filling(admin):
    _, after = read(printed("blank-report", matter_type="02", timing="事后"))
    assert "宴请费用合计（元）" in after and "婚姻登记时间" not in after and "报告人签名" in after
    _, before = read(printed("blank-report", matter_type="操办丧事"))
    assert "逝世人姓名" in before
    with pytest.raises(ArchiveError, match="事后报告的事项"):
        printed("blank-report", matter_type="03", timing="事前")
    _, campaign = read(printed("blank-campaign", year=2026))
    assert "2026年度个人有关事项集中报告表" in campaign and "外出离岗" in campaign
    _, any_year = read(printed("blank-campaign"))
    assert "______年度个人有关事项集中报告表" in any_year  # a line to write the year on (it was blank spaces)
    pages, registration = read(printed("blank-registration"))
    assert len(pages) == 2 and "无" not in registration and "拟任职务" in registration


def test_nothing_to_print_is_an_error_not_an_empty_pdf():
    from reports.base import PageSetup, render
    with pytest.raises(NothingToPrint):
        render([], PageSetup("集中报告表"))


def test_the_print_command_exits_1_and_writes_nothing_when_there_is_nothing_to_print(archive, admin, unit, tmp_path):
    from models.personnel.person import Secretary
    from models.archive.lifecycle import close_archive
    from models.writing import services
    from tests.reports.conftest import campaign_2025
    services.create(admin, Secretary, {"name": "未报人", "unit": unit.id})
    campaign_2025(admin)
    close_archive()
    out = tmp_path / "campaign.pdf"
    run = subprocess.run([sys.executable, "main.py", "--db", str(archive), "print", "campaign", "--year", "2025",
                          "--secretary", "未报人", "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 1 and "未报人还没有提交2025年度集中报告" in run.stderr and not out.exists()
    run = subprocess.run([sys.executable, "main.py", "--db", str(archive), "--json", "print", "registration",
                          "--secretary", "未报人", "--age-at", "2026-01-15", "--out", str(tmp_path / "r.pdf")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["files"] == [str(tmp_path / "r.pdf")]


def test_a_print_records_its_age_date_for_a_reprint(stress, admin):
    from models.app.printing import last_options, log_print
    person = stress["person"].id
    log_print(admin, "registration", {"secretary_id": person, "age_at": dt.date(2026, 5, 1), "mode": "fit"})
    assert last_options("registration", person)["age_at"] == "2026-05-01"
    again = render_form("registration", secretary_id=person, age_at=dt.date.fromisoformat("2026-05-01"))
    assert "计算年龄时间：2026.05" in pdf_layout.text(again)
