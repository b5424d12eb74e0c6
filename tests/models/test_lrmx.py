"""任免审批表 files (.lrmx, .lrm + .pic): read as the editor writes them, imported through the write
path with a preview, exported in the editor's shape, and stable across round trips."""
import base64
import datetime as dt
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from models.errors import ArchiveError
from models.io.cards import apply_import, card_of, export_cards, plan_import
from models.io.lrmx import ELEMENTS, read_lrmx
from models.personnel.person import Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary
from models.attachments.photos import current_photo
from models.attachments.tables import Attachment
from models.writing.actor import SYSTEM

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lrmx"


def imported(admin, unit, *paths, **options):
    plans = plan_import(list(paths))
    assert [p.problem for p in plans] == [""] * len(plans)
    apply_import(admin, plans, unit_id=unit.id, **options)
    return plans


def test_a_padded_lrmx_with_unknown_elements_imports_every_part(admin, unit, tmp_path):
    [plan] = imported(admin, unit, FIXTURES / "padded.lrmx")
    person = Secretary.get(Secretary.name == "欧阳䶮")
    assert (person.id_number, person.sex, person.birth_date, person.party_date) == (
        "37028119750312019X", "1", "1975.03.12", "1996.07")  # stripped, upper-case X, yyyyMMdd kept
    resume = [(r.start, r.end, r.text) for r in ResumeEntry.live().where(ResumeEntry.secretary == person.id)
              .order_by(ResumeEntry.sort_order)]
    assert resume[:2] == [("1990.09", "1993.07", "胶州市第三中学学生"), ("1993.08", "2018.01", "东王家村务农")]
    assert resume[2][:2] == ("2018.01", None) and "（其间：2019.03--2021.07在青岛市委党校函授学习）" in resume[2][2]
    # a line not starting with a digit continues the one before; one starting with a digit that is
    # not a period is kept as text (and listed in the preview), never dropped
    assert resume[3] == (None, None, "2021年换届连任") and plan.card.unparsed == ["2021年换届连任"]
    family = {f.name: f for f in FamilyMember.live().where(FamilyMember.secretary == person.id)}
    assert family["欧阳老"].deceased and not family["李𠇔"].deceased
    assert [(a.year, a.result) for a in Assessment.live().order_by(Assessment.year)] == [(2023, "优秀"), (2024, "称职")]
    assert "2025年待定" in person.remarks and "1999年曾受表彰" in person.remarks  # kept as text, not dropped
    [reward] = RewardPunishment.live()
    assert (reward.date, reward.authority, reward.text) == ("2022.06", "中共胶州市委", "优秀党务工作者")
    source = Attachment.get((Attachment.secretary == person.id) & (Attachment.purpose == "source"))
    assert source.file_name == "padded.lrmx"  # the original, with the elements this program does not know
    assert plan.card.extras == {"XinZengZiDuan": "某新版编辑器的字段"} and current_photo(person.id) is None


def test_an_older_lrm_in_gbk_with_its_pic(admin, unit):
    imported(admin, unit, FIXTURES / "older.lrm")
    person = Secretary.get(Secretary.name == "王丽")
    assert (person.sex, person.ethnicity, person.ft_education, person.pt_degree) == ("2", "03", "大专", "学士")
    assert person.pt_school == "中央党校函授学院经济管理专业"
    assert [f.name for f in FamilyMember.live().order_by(FamilyMember.sort_order)] == ["张三", "张小"]
    assert ResumeEntry.live().count() == 2 and current_photo(person.id) is not None


def test_export_then_import_gives_the_same_person_and_again_changes_nothing(admin, unit, tmp_path):
    imported(admin, unit, FIXTURES / "padded.lrmx", FIXTURES / "older.lrm")
    people = {p.name: p.id for p in Secretary.live()}
    before = {name: card_of(person_id) for name, person_id in people.items()}
    [first, second] = export_cards(SYSTEM, sorted(people.values()), tmp_path / "out", age_at=dt.date(2026, 11, 1))
    written = ET.parse(first).getroot()
    assert [child.tag for child in written] == [element for element, _ in ELEMENTS]  # the editor's order
    assert written.findtext("JiSuanNianLingShiJian") == "20261101" and written.findtext("Version") == "3.2.1.16"
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"欧阳䶮_019X.lrmx", "王丽.lrmx"}
    for relative in written.iter("Item"):
        assert len(relative.findtext("ChuShengRiQi")) == 6
    births = {ET.parse(path).getroot().findtext("ChuShengNianYue") for path in (first, second)}
    assert "197503" in births and all(len(b) == 6 for b in births)  # not 19750312: a reader prints 8 digits raw
    again = plan_import([tmp_path / "out"])
    assert {p.action for p in again} == {"无变化"}  # import → export → import is stable
    for row in Secretary.live():  # into a fresh archive: field by field the same
        services_delete(admin, row.id)
    imported(admin, unit, tmp_path / "out")
    after = {p.name: card_of(p.id) for p in Secretary.live()}
    for name, card in before.items():
        card.basic["birth_date"] = card.basic["birth_date"][:7]  # files carry yyyyMM: a fresh archive gets the month
        for part in ("basic", "resume", "family", "assessments", "rewards"):
            assert getattr(after[name], part) == getattr(card, part), (name, part)
        assert (after[name].photo is None) == (card.photo is None)


def services_delete(admin, person_id):
    from models.writing import services
    services.delete(admin, Secretary, person_id, reason="测试:模拟新档案")


def test_a_changed_file_shows_each_field_then_updates_the_person(admin, unit, tmp_path):
    imported(admin, unit, FIXTURES / "padded.lrmx")
    changed = tmp_path / "changed.lrmx"
    text = (FIXTURES / "padded.lrmx").read_text(encoding="utf-8").replace("<JianKangZhuangKuang>健康",
                                                                          "<JianKangZhuangKuang>良好")
    changed.write_text(text.replace("2024年度考核为称职", "2024年度考核为优秀"), encoding="utf-8")
    [plan] = plan_import([changed])
    assert plan.matched_by == "身份证号" and plan.changes == [("健康状况", "健康", "良好")]
    assert plan.parts == ["年度考核"]
    apply_import(admin, [plan], unit_id=None)
    assert Secretary.get(Secretary.name == "欧阳䶮").health == "良好"
    assert [a.result for a in Assessment.live().order_by(Assessment.year)] == ["优秀", "优秀"]
    assert Assessment.select().where(Assessment.deleted_at.is_null(False)).count() == 2  # replaced, kept in the bin


@pytest.mark.parametrize("content, words", [
    (b"this is not xml", "不是有效的XML文件"),
    (b"<?xml version='1.0'?><Root/>", "不是任免审批表的“Person”"),
    ("<?xml version='1.0' encoding='UTF-8'?><Person><XingMing>张</XingMing></Person>".encode("gbk"), "不是有效的XML"),
    (b"<Person><ZhaoPian>%%%</ZhaoPian></Person>", "照片(ZhaoPian)不是有效的base64编码"),
    (b"<Person><ZhaoPian>" + base64.b64encode(b"\0" * (6 << 20)) + b"</ZhaoPian></Person>", "照片过大"),
])
def test_a_malformed_file_is_refused_naming_the_file(content, words, tmp_path):
    path = tmp_path / "坏文件.lrmx"
    path.write_bytes(content)
    [plan] = plan_import([path])
    assert plan.action == "有问题" and "“坏文件.lrmx”" in plan.problem and words in plan.problem


def test_a_date_that_is_not_a_date_names_the_field_and_nothing_is_half_imported(admin, unit, tmp_path):
    good = tmp_path / "good.lrmx"
    shutil.copy(FIXTURES / "padded.lrmx", good)
    bad = tmp_path / "bad.lrmx"
    bad.write_text((FIXTURES / "padded.lrmx").read_text(encoding="utf-8")
                   .replace("37028119750312019x", "")
                   .replace("<XingMing>  欧阳䶮  </XingMing>", "<XingMing>李五</XingMing>")
                   .replace("<RuDangShiJian>199607", "<RuDangShiJian>2999.13"), encoding="utf-8")
    plans = plan_import([good, bad])
    with pytest.raises(ArchiveError, match="“bad.lrmx”.*入党时间.*没有导入任何文件"):
        apply_import(admin, plans, unit_id=unit.id)
    assert Secretary.live().count() == 0


def test_the_photo_is_exported_as_a_small_jpeg(admin, unit, tmp_path):
    imported(admin, unit, FIXTURES / "older.lrm")
    [path] = export_cards(SYSTEM, [Secretary.live().first().id], tmp_path, age_at=dt.date(2026, 11, 1))
    photo = read_lrmx(path.read_bytes(), path.name).photo
    assert photo == base64.b64decode(ET.parse(path).getroot().findtext("ZhaoPian"))  # plain base64, no prefix
    with Image.open(io.BytesIO(photo)) as image:
        assert image.format == "JPEG" and image.width <= 376 and image.height <= 460 and len(photo) < 1 << 20


def test_a_file_without_id_number_matched_by_name_and_birth_needs_a_confirmation(admin, unit, tmp_path):
    imported(admin, unit, FIXTURES / "older.lrm")  # 王丽 has no ID number
    changed = tmp_path / "王丽.lrm"
    changed.write_bytes((FIXTURES / "older.lrm").read_bytes().replace("健康".encode("gbk"), "良好".encode("gbk")))
    [plan] = plan_import([changed])
    assert plan.matched_by == "姓名+出生年月" and plan.action == "更新"
    with pytest.raises(ArchiveError, match="按姓名\\+出生年月匹配到已有档案"):
        apply_import(admin, [plan], unit_id=unit.id)
    assert Secretary.get(Secretary.name == "王丽").health == "健康"
    apply_import(admin, [plan], unit_id=unit.id, names_confirmed=True)
    assert Secretary.get(Secretary.name == "王丽").health == "良好" and Secretary.live().count() == 1


def test_the_command_line_previews_then_imports_and_exports(tmp_path):
    import json
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    run = lambda *args: subprocess.run([sys.executable, str(root / "main.py"), *map(str, args), "--db",  # noqa: E731
                                        tmp_path / "a.sqlite"], capture_output=True, text=True, cwd=root)
    assert run("init", "--township", "青石镇").returncode == 0
    unplaced = run("lrmx", "import", FIXTURES, "--dry-run")  # new files, and no village to put them in
    assert unplaced.returncode == 1 and "--village" in unplaced.stdout + unplaced.stderr
    preview = run("lrmx", "import", FIXTURES, "--dry-run", "--json", "--village", "东王家村")
    files = {f["file"]: f for f in json.loads(preview.stdout)["files"]}
    assert preview.returncode == 0 and files["padded.lrmx"]["action"] == "新建"
    assert files["padded.lrmx"]["unparsed_resume"] == ["2021年换届连任"]
    missing = run("lrmx", "import", FIXTURES)
    assert missing.returncode == 1 and "--village" in missing.stdout + missing.stderr
    done = run("lrmx", "import", FIXTURES, "--village", "东王家村")
    assert done.returncode == 0 and "新建2份" in done.stdout
    out = run("lrmx", "export", "--all", "--out", tmp_path / "out", "--age-at", "2026-11-01")
    assert out.returncode == 0 and len(list((tmp_path / "out").glob("*.lrmx"))) == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.lrmx").write_text("not xml")
    refused = run("lrmx", "import", bad, "--village", "东王家村")
    assert refused.returncode == 1 and "“x.lrmx”:不是有效的XML文件" in refused.stdout
    assert "Traceback" not in refused.stderr
    (bad / "new.lrmx").write_text((FIXTURES / "padded.lrmx").read_text(encoding="utf-8")  # a new person
                                  .replace("37028119750312019x", "").replace("欧阳䶮", "李五"), encoding="utf-8")
    refused = run("lrmx", "import", bad, "--village", "西王家村")  # the bad file refuses the batch
    assert refused.returncode == 1 and "x.lrmx" in refused.stdout
    import sqlite3
    with sqlite3.connect(tmp_path / "a.sqlite") as archive:
        villages = {name for (name,) in archive.execute("SELECT name FROM unit")}
    assert villages == {"东王家村"}  # a refused import leaves no village behind


def test_a_file_with_another_id_number_is_never_matched_by_name(admin, unit, tmp_path):
    imported(admin, unit, FIXTURES / "padded.lrmx")
    other = tmp_path / "同名不同人.lrmx"
    other.write_text((FIXTURES / "padded.lrmx").read_text(encoding="utf-8")
                     .replace("37028119750312019x", "110101197503120014"), encoding="utf-8")
    [plan] = plan_import([other])
    assert plan.action == "新建" and plan.matched_by == ""  # a second person, not an update of the first


def test_changed_relatives_and_reimports_are_seen_exactly(admin, unit, tmp_path):
    [first] = imported(admin, unit, FIXTURES / "padded.lrmx")
    again = plan_import([FIXTURES / "padded.lrmx"])
    assert [p.action for p in again] == ["无变化"]  # nothing appended to 备注 twice, no rows recycled
    changed = tmp_path / "changed.lrmx"
    changed.write_text((FIXTURES / "padded.lrmx").read_text(encoding="utf-8")
                       .replace("东王家村村民", "青岛某公司职员"), encoding="utf-8")
    [plan] = plan_import([changed])
    assert plan.parts == ["家庭成员"]
    apply_import(admin, [plan], unit_id=None)
    person = Secretary.get(Secretary.name == "欧阳䶮")
    assert person.remarks.count("2025年待定") == 1
    wife = FamilyMember.get(FamilyMember.name == "李𠇔", FamilyMember.deleted_at.is_null())
    assert wife.employer_post == "青岛某公司职员"


def test_resume_dates_with_a_day_and_text_lines_keep_their_place(admin, unit, tmp_path):
    card = tmp_path / "days.lrmx"
    card.write_text("<Person><XingMing>赵六</XingMing><JianLi>1990.09.01--1993.07.15  学生\n"
                    "2001年起兼任会计\n1993.08--  务农</JianLi></Person>", encoding="utf-8")
    imported(admin, unit, card)
    rows = [(r.start, r.end, r.text) for r in ResumeEntry.live().order_by(ResumeEntry.sort_order)]
    assert rows == [("1990.09", "1993.07", "学生"), (None, None, "2001年起兼任会计"), ("1993.08", None, "务农")]


@pytest.mark.parametrize("content, words", [
    ("<?xml version='1.0' encoding='GB2312'?><Person><XingMing>张</XingMing></Person>".encode("gb2312"), "编码"),
    (b"<Person><XingMing>A</XingMing><ZhaoPian>" + base64.b64encode(b"not an image") + b"</ZhaoPian></Person>",
     "照片不是可用的图片"),
])
def test_an_unreadable_encoding_or_photo_is_a_problem_of_that_file_only(content, words, archive, tmp_path):
    path = tmp_path / "x.lrmx"
    path.write_bytes(content)
    [plan] = plan_import([path, FIXTURES / "padded.lrmx"])[:1]
    assert plan.action == "有问题" and words in plan.problem


def test_what_the_write_path_refuses_is_that_files_problem_in_the_preview(admin, unit, tmp_path):
    bad = tmp_path / "bad-id.lrmx"
    bad.write_text("<Person><XingMing>钱七</XingMing><ShenFenZheng>370281197503120019</ShenFenZheng></Person>",
                   encoding="utf-8")  # a wrong check digit: only the write path's rules know
    plans = plan_import([bad, FIXTURES / "older.lrm"], actor=admin, unit_id=unit.id)
    assert plans[0].action == "有问题" and "“bad-id.lrmx”" in plans[0].problem and "身份证号" in plans[0].problem
    assert plans[1].action == "新建" and Secretary.select().count() == 0  # the trial left nothing behind
    from models.archive.check import run_check
    assert run_check().ok  # nor a trace in the audit log
    apply_import(admin, plans, unit_id=unit.id, skip_bad=True)
    assert [p.name for p in Secretary.live()] == ["王丽"]
