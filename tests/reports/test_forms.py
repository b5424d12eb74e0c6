"""The printed forms: the record's values in the extracted text, every rare character kept,
nothing outside the page, every font embedded."""
import datetime as dt
import io
import subprocess

import pytest
from pypdf import PdfReader

from models.demo.builder import build_demo
from models.forms.catalogue import catalogue_data
from models.forms.dossier import dossier_data
from models.forms.registration import registration_data
from models.forms.report_form import report_form_data
from models.matters.deadlines import current_campaign_year
from models.matters.tables import MatterReport
from models.personnel.person import Secretary
from models.writing import services
from models.writing.actor import SYSTEM
from reports.base import UnprintableText
from models.app.forms import FORMS
from tests.support.pdf_layout import embedded_fonts

STRESS_MATTER = ("本人儿子张小明与李某某定于二〇二六年十二月二十日在本村文化广场举行婚礼," * 6)[:200]


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


def positions_inside(pdf: bytes) -> bool:
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        points = []
        page.extract_text(visitor_text=lambda text, cm, tm, *_: points.append((tm[4], tm[5])) if text.strip() else None)
        if any(not (0 <= x <= width and 0 <= y <= height) for x, y in points):
            return False
    return True


@pytest.fixture
def demo(admin):
    build_demo(SYSTEM, secretaries=12, seed=9)
    return Secretary.select().where(Secretary.status == "在任").first()


def test_registration_form_holds_the_record(demo):
    data = registration_data(secretary_id=demo.id, age_at=dt.date(2026, 11, 1))
    pdf = FORMS["registration"].render(data, classification="内部")
    text = squeeze(text_of(pdf))
    for value in (demo.name, demo.birth_date, demo.id_number, demo.current_post, "简", "家庭主要"):
        assert squeeze(value) in text
    assert all(embedded_fonts(pdf).values()) and embedded_fonts(pdf)
    assert positions_inside(pdf)


def rare_only_char() -> str:
    """A character of CJK Ext. B that only the rare-character font has (tests the fallback)."""
    from reports.fonts import register_fonts
    fonts = register_fonts()
    common = set(fonts["Song"].face.charToGlyph) | set(fonts["Hei"].face.charToGlyph)
    return chr(min(c for c in fonts["Rare"].face.charToGlyph if c >= 0x20000 and c not in common))


def stress_person(admin, unit):
    person = services.create(admin, Secretary, {"name": "王𠇔" + rare_only_char(), "unit": unit.id, "birth_date": "1970.05",
                                                "current_post": "东王家村党支部书记、村委会主任"}).record
    from models.dossier.saving import save_file
    from models.writing.rows import PartChanges, RowChange
    resume = [RowChange({"start": f"{1980 + i // 2}.{1 + i % 12:02d}", "end": f"{1980 + i // 2}.{1 + i % 12:02d}",
                         "text": f"第{i + 1}段经历:在某某村从事集体经济与党建工作"}) for i in range(40)]
    family = [RowChange({"relation": "儿子" if i % 2 else "女儿", "name": "刘䶮" if i == 0 else "王" + "甲乙丙丁戊己庚辛壬癸子丑"[i],
                         "birth_date": "1995.03", "employer_post": "外出务工"}) for i in range(12)]
    save_file(admin, secretary_id=person.id, basic={}, parts=[PartChanges("resume_entry", resume),
                                                           PartChanges("family_member", family)])
    return person


def test_a_stress_record_keeps_every_character_and_stays_on_the_page(admin, unit):
    person = stress_person(admin, unit)
    data = registration_data(secretary_id=person.id)
    pdf = FORMS["registration"].render(data)
    text = squeeze(text_of(pdf))
    assert "王𠇔" + rare_only_char() in text and "刘䶮" in text
    for _, line in data["resume"]:
        assert squeeze(line) in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2  # continued, not clipped
    assert positions_inside(pdf)
    assert any("HanaMinB" in name for name in embedded_fonts(pdf)) and all(embedded_fonts(pdf).values())


def test_a_long_matter_prints_in_full(admin, unit):
    person = stress_person(admin, unit)
    from models.matters.tables import MatterType
    from models.matters.workflow import save_report
    report = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "02").id,
        "timing": "事前", "matter_date": dt.date(2026, 12, 20), "content": STRESS_MATTER},
        block_values={"tables": "12"}).record
    pdf = FORMS["report"].render(report_form_data(report_id=report.id))
    text = squeeze(text_of(pdf))
    assert squeeze(STRESS_MATTER) in text and "王𠇔" in text and "桌数" in text


def test_the_printed_report_says_how_late_it_was_as_the_register_does(admin, unit, today):
    """A funeral (事后, 15 days) reported 20 days after it: the paper says 逾期5天, as every screen."""
    person = stress_person(admin, unit)
    from models.matters.tables import MatterType
    from models.matters.workflow import save_report, submit_report
    report = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "03").id,
        "timing": "事后", "matter_date": today - dt.timedelta(days=40), "report_date": today - dt.timedelta(days=20),
        "late_reason": "外出务工未及时得知"}).record
    submit_report(admin, report.id, today=today)  # (a draft has no verdict yet)
    text = squeeze(text_of(FORMS["report"].render(report_form_data(report_id=report.id))))
    due = today - dt.timedelta(days=25)
    assert f"截止时间{due:%Y.%m.%d}是否按期逾期5天" in text and "外出务工未及时得知" in text


def test_a_character_no_font_has_is_reported_before_printing(demo):
    data = registration_data(secretary_id=demo.id)
    data["name"] = "张\U000F0000"  # a private-use code point: no shipped font has it
    with pytest.raises(UnprintableText, match="U\\+F0000"):
        FORMS["registration"].render(data)


def test_catalogue_and_dossier(demo, tmp_path):
    catalogue = text_of(FORMS["catalogue"].render(catalogue_data(secretary_id=demo.id)))
    assert "一、履历类材料" in catalogue and "干部履历表" in catalogue
    reports = MatterReport.live().where(MatterReport.secretary == demo.id)
    ordinary = reports.where(MatterReport.kind == "平时报告").count()
    centralised = reports.where(MatterReport.kind == "集中报告").count()
    pdf = FORMS["dossier"].render(dossier_data(secretary_id=demo.id))
    text = text_of(pdf)
    assert "人事档案" in text and "基本情况登记表" in squeeze(text) and "第1页共" in squeeze(text)
    assert squeeze(text).count("个人重大事项报告表") == ordinary  # each 一事一报 report on its form
    assert squeeze(text).count("个人有关事项集中报告表") == centralised  # each round's on the 集中报告表
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf)
    pages = subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], capture_output=True)
    assert pages.returncode == 0 and len(list(tmp_path.glob("page-*.png"))) == len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_dossier_is_one_document_listing_its_parts(demo):
    """One layout for all the forms: each font's glyphs embedded once (not once per form), the
    PDF's outline leads to each form, the 登记簿 on landscape pages after the portrait ones."""
    pdf = FORMS["dossier"].render(dossier_data(secretary_id=demo.id))
    reader = PdfReader(io.BytesIO(pdf))
    titles = [entry.title for entry in reader.outline]
    assert titles[:4] == ["封面", "档案材料目录", "基本情况登记表", "培训及任职情况"] and titles[-1] == "查阅借阅登记簿"
    book = reader.get_destination_page_number(reader.outline[-1])
    assert all(page.mediabox.width < page.mediabox.height for page in reader.pages[:book])
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages[book:])
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    assert len(fonts) < len(titles) and all(embedded_fonts(pdf).values())


def test_a_dossiers_forms_read_the_person_once(demo, monkeypatch):
    """Every form of the dossier names the person, their village and township: read once for all
    (a batch of 209 dossiers read them once per form), and the forms say the same as alone."""
    from models.storage.db import db

    alone = registration_data(secretary_id=demo.id)
    tables = []
    execute = db.obj.execute_sql
    monkeypatch.setattr(db.obj, "execute_sql", lambda sql, params=None, commit=None: tables.append(
        sql.split(" FROM ", 1)[-1].split()[0]) or execute(sql, params))
    data = dossier_data(secretary_id=demo.id)
    assert tables.count('"secretary"') == 1 and '"unit"' not in tables and '"township"' not in tables
    assert data["registration"] == alone and data["unit"] == data["catalogue"]["unit"]


def test_dossiers_printed_together_read_each_table_once_and_say_the_same(demo, monkeypatch):
    """(print --all, 批量打印: a handful of people at a time.) Each dossier says what it says
    printed alone; the people and each list of their files are read in one query for them all."""
    from models.forms.people import FILE_LISTS, read_files_of
    from models.storage import memo
    from models.storage.db import db

    people = [person.id for person in Secretary.live().order_by(Secretary.id)]
    alone = [dossier_data(secretary_id=person, age_at=dt.date(2026, 11, 1)) for person in people]
    tables = []
    execute = db.obj.execute_sql
    monkeypatch.setattr(db.obj, "execute_sql", lambda sql, params=None, commit=None: tables.append(
        sql.split(" FROM ", 1)[-1].split()[0]) or execute(sql, params))
    with memo.batch():
        read_files_of(people)
        together = [dossier_data(secretary_id=person, age_at=dt.date(2026, 11, 1)) for person in people]
    assert together == alone and len(people) == 12
    for table in ["secretary", "material_category"] + [model._meta.table_name for model in FILE_LISTS]:
        assert tables.count(f'"{table}"') == 1, table
    assert len(tables) < 10 * len(people)  # (read alone: 21 a dossier)


def test_a_cancelled_batch_finishes_what_it_began_and_lists_every_file_it_wrote(archive, demo, tmp_path):
    """(批量打印 → 取消: the files being written are finished, no other is begun, and the count
    the clerk is told is the files in the folder.)"""
    from models.app import printing

    people = [person.id for person in Secretary.live().order_by(Secretary.id)]
    jobs = [(person, tmp_path / f"{number:02d}.pdf") for number, person in enumerate(people)]
    written = printing.print_many(archive, "registration", jobs, workers=2, cancelled=lambda: True)
    assert sorted(written) == sorted(tmp_path.glob("*.pdf")) and 0 < len(written) <= 2 < len(jobs)


def test_archive_wide_forms_hold_their_figures(demo, today):
    from models.figures.statistics import year_stats
    from models.forms.campaign import campaign_print_data
    from models.forms.ledger import ledger_print_data
    from models.forms.registers import register_book_data
    from models.forms.transfer import transfer_data
    from models.personnel.transfers import Transfer

    ledger = ledger_print_data()
    text = squeeze(text_of(FORMS["ledger"].render(ledger)))
    assert "个人重大事项报告登记台账" in text and ledger["rows"][0][3] in text
    assert "********" in text and demo.id_number not in text  # masked on the list
    pdf = FORMS["ledger"].render(ledger)
    assert float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width) > 800  # landscape
    assert positions_inside(pdf)
    stats = year_stats(current_campaign_year(today))  # the round the demo opened
    text = squeeze(text_of(FORMS["stats"].render(stats)))
    assert f"{stats['coverage']:.1%}" in text and stats["townships"][0]["township"] in text
    campaign = campaign_print_data(year=current_campaign_year(today))
    assert "集中报告表" in squeeze(text_of(FORMS["campaign"].render(campaign)))
    assert "查阅登记簿" in squeeze(text_of(FORMS["register"].render(register_book_data())))
    if Transfer.select().exists():
        transfer = Transfer.select().first()
        slip = squeeze(text_of(FORMS["transfer"].render(transfer_data(secretary_id=transfer.secretary_id,
                                                                      transfer=transfer))))
        sent = transfer.direction == "转出"  # (a file received: its 回执 alone)
        assert slip.count("转递单") >= (2 if sent else 0) and "回执" in slip


def test_a_meanwhile_study_prints_on_its_own_line_under_its_host(admin, unit):
    """As the editor prints it: （其间：…） starts a line of its own, under the host post's text;
    before, it ran on inline after the post."""
    from models.personnel.person import ResumeEntry
    from tests.support import pdf_layout

    person = services.create(SYSTEM, Secretary, {"name": "陈明", "unit": unit.id}).record
    services.create(SYSTEM, ResumeEntry, {"secretary": person.id, "start": "1993.08", "end": "2018.01",
                                          "text": "林场护林员（其间：2010.09--2013.07在青岛广播电视大学学习）"})
    data = registration_data(secretary_id=person.id)
    assert data["resume"] == [("1993.08--2018.01", "林场护林员"), ("", "（其间：2010.09--2013.07在青岛广播电视大学学习）")]
    page = pdf_layout.pages(FORMS["registration"].render(data))[0]
    glyph = lambda char: next(g for g in page.glyphs if g.text == char)  # noqa: E731
    assert glyph("护").y0 - glyph("其").y0 > 5  # a line of its own, under the post
    opening = next(g for g in page.glyphs if g.text == "（" and abs(g.y0 - glyph("其").y0) < 2)
    assert abs(opening.x0 - glyph("林").x0) < 1  # in the post's column
