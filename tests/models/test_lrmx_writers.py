"""任免审批表 files as other cadre systems write them (../shared/LRMX.md, "What real writers
send"): each shape imports without refusing the file, and what cannot become rows travels on in
its own element at export — never as 无, never dropped. The files are written here from that
section, one shape each."""
import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from models.dossier.saving import save_file
from models.io.cards import apply_import, export_cards, plan_import
from models.io.lrmx import parse_resume, read_lrmx, split_party_date
from models.personnel.person import RewardPunishment, Secretary
from models.writing.actor import SYSTEM


def card(tmp_path, name: str = "other.lrmx", *, declaration: bool = True, **elements) -> object:
    """A file as another writer makes it: only the elements given, in the order given."""
    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text in elements.items())
    text = ('<?xml version="1.0" encoding="UTF-8"?>' if declaration else "") + f"<Person>{body}</Person>"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(admin, unit, *paths):
    plans = plan_import(list(paths))
    assert [p.problem for p in plans] == [""] * len(plans)
    apply_import(admin, plans, unit_id=unit.id, names_confirmed=True)
    return plans


def exported(tmp_path, person) -> ET.Element:
    [path] = export_cards(SYSTEM, [person.id], tmp_path / "out", age_at=dt.date(2026, 11, 1))
    return ET.parse(path).getroot()


PROSE_REWARDS = ("2019年6月，被中共××市委授予优秀共产党员；2016.06  被××评为优秀党务工作者；"
                 "2020年3月，因违反工作纪律，给予党内警告处分")


def test_rewards_written_as_prose_travel_on_as_that_text_never_as_nothing(admin, unit, tmp_path):
    """Before: the prose went to 备注 and the export said <JiangChengQingKuang>无 — a 处分 lost
    on the way district → township → district."""
    path = card(tmp_path, XingMing="王芳", XingBie="女", ChuShengNianYue="197809", JiangChengQingKuang=PROSE_REWARDS)
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "王芳")
    sent = exported(tmp_path, person).findtext("JiangChengQingKuang")
    assert sent != "无"
    for item in ("中共××市委,优秀共产党员", "××,优秀党务工作者", "给予党内警告处分"):
        assert item in sent
    again = plan_import([tmp_path / "out"])
    assert [p.action for p in again] == ["无变化"]  # import → export → import is stable


def test_rows_and_prose_are_both_sent(admin, unit, tmp_path):
    path = card(tmp_path, XingMing="李强", ChuShengNianYue="197501",
                JiangChengQingKuang="2022.06,中共胶州市委,优秀党务工作者；热心公益，群众评价好")
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "李强")
    assert RewardPunishment.live().count() == 1
    sent = exported(tmp_path, person).findtext("JiangChengQingKuang")
    assert "2022.06,中共胶州市委,优秀党务工作者" in sent and "热心公益，群众评价好" in sent


@pytest.mark.parametrize("written, date, party", [
    ("2001.08", "2001.08", ""), ("200108", "200108", ""), ("(民盟)", "", "民盟"), ("民盟", "", "民盟"),
    ("民建；民盟", "", "民建；民盟"), ("200108；民建", "200108", "民建"), ("民建200108", "200108", "民建"),
    ("民建2001.08", "2001.08", "民建"), ("无党派", "", "无党派"), ("2001.06；民建", "2001.06", "民建")])
def test_the_party_date_is_split_into_the_date_and_the_party(written, date, party):
    assert split_party_date(written) == (date, party)


def test_a_party_date_naming_a_party_imports_and_is_sent_on(admin, unit, tmp_path):
    """Before: 200106；民建 refused the whole file and stopped the batch."""
    first = card(tmp_path, "a.lrmx", XingMing="赵敏", ChuShengNianYue="197003", RuDangShiJian="200106；民建")
    second = card(tmp_path, "b.lrmx", XingMing="钱进", ChuShengNianYue="197104", RuDangShiJian="无党派")
    imported(admin, unit, first, second)
    zhao, qian = Secretary.get(Secretary.name == "赵敏"), Secretary.get(Secretary.name == "钱进")
    assert zhao.party_date == "2001.06" and qian.party_date is None
    assert exported(tmp_path, zhao).findtext("RuDangShiJian") == "200106；民建"
    assert exported(tmp_path / "q", qian).findtext("RuDangShiJian") == "无党派"


@pytest.mark.parametrize("padded", ["王  芳", "王\u3000\u3000芳", " 王 芳 "])
def test_a_padded_name_is_the_name_and_matches_the_file_already_there(admin, unit, tmp_path, padded):
    """Before: 王  芳 was stored with its spaces and, without an ID number, became a second person."""
    save_file(admin, secretary_id=None, basic={"name": "王芳", "unit": unit.id, "birth_date": "1978.09"}, parts=[])
    [plan] = plan_import([card(tmp_path, XingMing=padded, ChuShengNianYue="197809", XianRenZhiWu="村党支部书记")])
    assert plan.card.basic["name"] == "王芳" and plan.person_id is not None  # matched by 姓名 + 出生年月
    apply_import(admin, [plan], unit_id=unit.id, names_confirmed=True)
    assert [p.name for p in Secretary.live()] == ["王芳"]


def test_a_padded_family_name_is_stored_without_its_padding(admin, unit, tmp_path):
    family = ("<Item><ChengWei>妻子</ChengWei><XingMing>李  𠇔</XingMing><ChuShengRiQi>197602</ChuShengRiQi>"
              "<ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>务农</GongZuoDanWeiJiZhiWu></Item>")
    card_ = read_lrmx(f"<Person><XingMing>张三</XingMing><JiaTingChengYuan>{family}</JiaTingChengYuan></Person>"
                      .encode(), "x.lrmx")
    assert card_.family[0]["name"] == "李𠇔"


@pytest.mark.parametrize("line", ["2014.11--至今     东王家村党支部书记", "2014.11--今 东王家村党支部书记",
                                  "2014.11-- 至今 东王家村党支部书记"])
def test_up_to_now_is_an_open_end_not_text(line):
    assert parse_resume(line)[0] == [("2014.11", "", "东王家村党支部书记")]


def test_the_current_post_up_to_now_is_exported_open(admin, unit, tmp_path):
    imported(admin, unit, card(tmp_path, XingMing="孙立", ChuShengNianYue="197210",
                               JianLi="1990.09--2014.10  务农\n2014.11--至今     东王家村党支部书记"))
    sent = exported(tmp_path, Secretary.get(Secretary.name == "孙立")).findtext("JianLi")
    assert "至今" not in sent and sent.splitlines()[-1].startswith("2014.11--") and "东王家村党支部书记" in sent


def test_dates_are_exported_as_year_and_month(admin, unit, tmp_path):
    """Before: 出生年月 and a relative's 出生日期 went out as 19780915 (a reader prints it raw)."""
    family = ("<Item><ChengWei>儿子</ChengWei><XingMing>周小</XingMing><ChuShengRiQi>20030512</ChuShengRiQi>"
              "</Item>")
    imported(admin, unit, card(tmp_path, XingMing="周正", ChuShengNianYue="19780915",
                               JiaTingChengYuan=family))
    root = exported(tmp_path, Secretary.get(Secretary.name == "周正"))
    assert root.findtext("ChuShengNianYue") == "197809"
    assert [item.findtext("ChuShengRiQi") for item in root.iter("Item")] == ["200305"]


def test_a_character_escaped_as_two_surrogate_references_reads_as_itself(tmp_path):
    """One writer's escaper writes 𠇔 (U+201D4) as &#55360;&#56788;, which XML refuses."""
    for escaped in ("&#55360;&#56788;", "&#xD840;&#xDDD4;"):
        read = read_lrmx(f"<Person><XingMing>&#26446;{escaped}</XingMing></Person>".encode(), "x.lrmx")
        assert read.basic["name"] == "李\U000201D4"


def test_a_file_without_declaration_in_cdata_with_numeric_references_imports(admin, unit, tmp_path):
    path = card(tmp_path, declaration=False, XingMing="&#29579;&#33459;", ChuShengNianYue="197809",
                JianLi="<![CDATA[2014.11--至今  东王家村党支部书记]]>",
                JiangChengQingKuang="<![CDATA[2019年6月，被中共××市委授予优秀共产党员；]]>")
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "王芳")
    assert "中共××市委,优秀共产党员" in exported(tmp_path, person).findtext("JiangChengQingKuang")


@pytest.mark.parametrize("written, rows, rest", [
    ("2023年度考核为优秀；2024年度考核为称职", [(2023, "优秀"), (2024, "称职")], ""),
    ("2022年度考核称职、2023年度考核优秀", [(2022, "称职"), (2023, "优秀")], ""),
    ("2020年年度考核合格;2021年年度考核基本合格。", [(2020, "合格"), (2021, "基本合格")], ""),
    ("2022年：称职；2023年：优秀", [(2022, "称职"), (2023, "优秀")], ""),
    ("2022、2023、2024年度考核均为称职", [(2022, "称职"), (2023, "称职"), (2024, "称职")], ""),
    ("2021年度考核基本称职，2022年度考核不合格", [(2021, "基本称职"), (2022, "不合格")], ""),
    ("2024年度考核为优秀；2025年待定", [(2024, "优秀")], "2025年待定"),
    ("无", [], "")])
def test_assessments_in_every_shape_become_rows(written, rows, rest):
    from models.io.lrmx import parse_assessments
    assert parse_assessments(written) == (rows, rest)


def test_the_newer_scale_imports_as_rows_and_is_sent_on(admin, unit, tmp_path):
    """Before: 2020年年度考核合格 imported as no row at all, and 专审 reported those years missing."""
    from models.personnel.person import Assessment
    imported(admin, unit, card(tmp_path, XingMing="吴刚", ChuShengNianYue="197502",
                               NianDuKaoHeJieGuo="2022、2023年度考核均为合格；2024年：基本合格"))
    person = Secretary.get(Secretary.name == "吴刚")
    assert [(a.year, a.result) for a in Assessment.live().order_by(Assessment.year)] == [
        (2022, "合格"), (2023, "合格"), (2024, "基本合格")]
    sent = exported(tmp_path, person).findtext("NianDuKaoHeJieGuo")
    assert "2022年度考核为合格" in sent and "2024年度考核为基本合格" in sent


def test_two_cards_of_one_person_in_a_batch_apply_the_later_one(admin, unit, tmp_path):
    """Before: a folder with an old and a newer card refused the whole batch (同一人只能建一份档案)."""
    folder = tmp_path / "cards"
    folder.mkdir()
    card(folder, "old.lrmx", XingMing="郑和", ChuShengNianYue="197205", XianRenZhiWu="村委会委员",
         TianBiaoShiJian="20200105")
    card(folder, "new.lrmx", XingMing="郑  和", ChuShengNianYue="197205", XianRenZhiWu="村党支部书记",
         TianBiaoShiJian="20250310")
    card(folder, "other.lrmx", XingMing="冯远", ChuShengNianYue="198001")
    plans = {p.path.name: p for p in plan_import([folder])}
    assert plans["old.lrmx"].action == "被较新的文件取代" and plans["old.lrmx"].superseded_by == "new.lrmx"
    assert plans["new.lrmx"].action == "新建" and plans["other.lrmx"].action == "新建"
    apply_import(admin, list(plans.values()), unit_id=unit.id)
    assert sorted(p.name for p in Secretary.live()) == ["冯远", "郑和"]
    assert Secretary.get(Secretary.name == "郑和").current_post == "村党支部书记"  # the later card's


def test_study_meanwhile_is_exported_on_its_own_line_and_read_back_into_its_host(admin, unit, tmp_path):
    resume = "1993.08--2018.01  东王家村务农（其间：2010.09--2013.07在青岛广播电视大学学习）\n2018.01--         东王家村党支部书记"
    imported(admin, unit, card(tmp_path, XingMing="陈明", ChuShengNianYue="197503", JianLi=resume))
    person = Secretary.get(Secretary.name == "陈明")
    sent = exported(tmp_path, person).findtext("JianLi").splitlines()
    assert sent[0] == "1993.08--2018.01  东王家村务农"
    assert sent[1] == " " * 18 + "（其间：2010.09--2013.07在青岛广播电视大学学习）"
    assert [p.action for p in plan_import([tmp_path / "out"])] == ["无变化"]


def test_the_export_is_in_the_editors_style(admin, unit, tmp_path):
    imported(admin, unit, card(tmp_path, XingMing="陈明", ChuShengNianYue="197503"))
    [path] = export_cards(SYSTEM, [Secretary.get(Secretary.name == "陈明").id], tmp_path / "out",
                          age_at=dt.date(2026, 11, 1))
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<Person>')
    assert "<NiRenZhiWu></NiRenZhiWu>" in text and " />" not in text


@pytest.mark.parametrize("written, row", [
    ("2019年6月，被中共××市委授予优秀共产党员；",
     {"date": "2019年6月", "authority": "中共××市委", "text": "优秀共产党员", "kind": "奖励"}),
    ("2018年09月，经××局批准，授予优秀教师；",
     {"date": "2018年09月", "authority": "××局", "text": "优秀教师", "kind": "奖励"}),
    ("2016.06  被××评为优秀共产党员",
     {"date": "2016.06", "authority": "××", "text": "优秀共产党员", "kind": "奖励"}),
    ("2021年，××县委授予优秀党务工作者称号。",
     {"date": "2021年", "authority": "××县委", "text": "优秀党务工作者称号", "kind": "奖励"}),
    ("2020年3月，因违反工作纪律，给予党内警告处分。",
     {"date": "2020年3月", "authority": "", "text": "因违反工作纪律，给予党内警告处分", "kind": "惩处"}),
    ("2017.05  受到××纪委诫勉谈话",
     {"date": "2017.05", "authority": "××纪委", "text": "诫勉谈话", "kind": "惩处"}),
    ("2022.06,中共胶州市委,优秀党务工作者。",
     {"date": "2022.06", "authority": "中共胶州市委", "text": "优秀党务工作者", "kind": "奖励"})])
def test_rewards_written_as_prose_become_rows(written, row):
    """Before: prose items stayed text (or took a 因…/经…批准 clause for the 批准机关 and kept a
    stray 。); each becomes a row with its time (as written: the write path reads it), 批准机关 and
    what was given."""
    from models.io.lrmx import parse_rewards
    assert parse_rewards(written) == ([row], "")


def test_prose_rewards_are_rows_and_every_item_travels_on(admin, unit, tmp_path):
    path = card(tmp_path, XingMing="周岚", ChuShengNianYue="197811", JiangChengQingKuang=PROSE_REWARDS + "；热心公益")
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "周岚")
    rows = RewardPunishment.live().where(RewardPunishment.secretary == person).order_by(RewardPunishment.date)
    assert [(r.date, r.kind) for r in rows] == [("2016.06", "奖励"), ("2019.06", "奖励"), ("2020.03", "惩处")]
    sent = exported(tmp_path, person).findtext("JiangChengQingKuang")
    for item in ("优秀共产党员", "优秀党务工作者", "党内警告处分", "热心公益"):
        assert item in sent
    assert "。；" not in sent and "；；" not in sent
    assert [p.action for p in plan_import([tmp_path / "out"])] == ["无变化"]


def test_the_degrees_school_is_kept_sent_on_and_printed(admin, unit, tmp_path):
    """Before: …XueWei_BiYeYuanXiaoXi was dropped on import and exported empty."""
    from models.forms.registration import registration_data
    imported(admin, unit, card(tmp_path, XingMing="孙立", ChuShengNianYue="197606",
                               QuanRiZhiJiaoYu_XueLi="大学", QuanRiZhiJiaoYu_XueWei="法学学士",
                               QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi="山东大学法律系",
                               QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi="山东大学法学专业",
                               ZaiZhiJiaoYu_XueWei="管理学硕士",
                               ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi="中央党校经济管理专业"))
    person = Secretary.get(Secretary.name == "孙立")
    assert (person.ft_degree_school, person.pt_degree_school) == ("山东大学法学专业", "中央党校经济管理专业")
    sent = exported(tmp_path, person)
    assert sent.findtext("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi") == "山东大学法学专业"
    assert sent.findtext("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi") == "中央党校经济管理专业"
    assert [p.action for p in plan_import([tmp_path / "out"])] == ["无变化"]
    printed = registration_data(secretary_id=person.id, age_at=dt.date(2026, 11, 1))
    assert printed["ft"]["school"] == "山东大学法律系\n山东大学法学专业"
    assert printed["pt"]["school"] == "中央党校经济管理专业"


def test_the_degrees_school_of_an_lrm_is_kept(tmp_path):
    from models.io.lrmx import read_lrm
    fields = [""] * 33
    fields[0], fields[2] = "孙立", "197606"
    fields[9], fields[10] = "大学#法学学士@#", "山东大学法律系#山东大学法学专业@#中央党校经济管理专业"
    card = read_lrm(('"' + '","'.join(fields) + '"').encode("gbk"), "孙立.lrm")
    assert (card.basic["ft_school"], card.basic["ft_degree_school"], card.basic["pt_degree_school"]) == (
        "山东大学法律系", "山东大学法学专业", "中央党校经济管理专业")


def test_the_card_filler_is_kept_and_sent_on(admin, unit, tmp_path):
    """Before: TianBiaoRen was read and forgotten: the card sent on said nobody filled it in."""
    from models.forms.registration import registration_data
    imported(admin, unit, card(tmp_path, XingMing="钱坤", ChuShengNianYue="197104", TianBiaoRen="张明"))
    person = Secretary.get(Secretary.name == "钱坤")
    assert person.filled_by == "张明"
    assert exported(tmp_path, person).findtext("TianBiaoRen") == "张明"
    assert [p.action for p in plan_import([tmp_path / "out"])] == ["无变化"]
    # the 登记表 is filled by whoever prints it here, not by the card's filler
    assert registration_data(secretary_id=person.id)["filled_by"] == ""
    assert registration_data(secretary_id=person.id, filled_by="李干事")["filled_by"] == "李干事"
    [again] = export_cards(SYSTEM, [person.id], tmp_path / "again", age_at=dt.date(2026, 11, 1), filled_by="李干事")
    assert ET.parse(again).getroot().findtext("TianBiaoRen") == "李干事"


def _whole_file(tmp_path, name: str, text: str, *, newline: str = "\n") -> object:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_a_vendor_file_escaped_in_another_order_without_version_imports_whole(admin, unit, tmp_path):
    """Entity-escaped text, 家庭成员 after 身份证, the photo last, no Version, empty elements left out."""
    from models.personnel.person import Assessment, FamilyMember, ResumeEntry
    path = _whole_file(tmp_path, "vendor.lrmx", """<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<Person>
  <XingMing>&#36213;&#21018;</XingMing><XingBie>男</XingBie><ChuShengNianYue>1972.05</ChuShengNianYue>
  <MinZu>汉族</MinZu><RuDangShiJian>1995.07</RuDangShiJian><CanJiaGongZuoShiJian>1990.08</CanJiaGongZuoShiJian>
  <ShenFenZheng>370281197205150016</ShenFenZheng>
  <JiaTingChengYuan><!-- 家庭成员 --><Item><ChengWei>妻子</ChengWei><XingMing>&#21016;&#26757;</XingMing>
    <ChuShengRiQi>19740312</ChuShengRiQi><ZhengZhiMianMao>群众</ZhengZhiMianMao>
    <GongZuoDanWeiJiZhiWu>青石镇农机站&amp;合作社</GongZuoDanWeiJiZhiWu></Item></JiaTingChengYuan>
  <JianLi>1990.08--2014.10  东王家村村民&#10;2014.11--  东王家村党支部书记</JianLi>
  <NianDuKaoHeJieGuo>2022年度考核称职，2023年度考核优秀，2024年度考核合格</NianDuKaoHeJieGuo>
  <JiangChengQingKuang>2018年09月，经××局批准，授予优秀共产党员&lt;个人&gt;</JiangChengQingKuang>
  <ZhaoPian />
</Person>""")
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "赵刚")
    assert [(f.name, f.employer_post) for f in FamilyMember.live()] == [("刘梅", "青石镇农机站&合作社")]
    assert [(r.start, r.end) for r in ResumeEntry.live().order_by(ResumeEntry.start)] == [
        ("1990.08", "2014.10"), ("2014.11", None)]
    assert sorted((a.year, a.result) for a in Assessment.live()) == [(2022, "称职"), (2023, "优秀"), (2024, "合格")]
    [reward] = RewardPunishment.live()
    assert (reward.date, reward.authority, reward.text) == ("2018.09", "××局", "优秀共产党员<个人>")
    again = plan_import([path])
    assert [p.action for p in again] == ["无变化"], (again[0].changes, again[0].parts)  # the same file: nothing
    exported(tmp_path, person)
    back = plan_import([tmp_path / "out"])
    assert [p.action for p in back] == ["无变化"], (back[0].changes, back[0].parts)


def test_a_crlf_file_with_a_padded_name_no_id_and_up_to_now_imports_whole(admin, unit, tmp_path):
    from models.personnel.person import ResumeEntry
    path = _whole_file(tmp_path, "crlf.lrmx", """<?xml version="1.0" encoding="UTF-8"?>
<Person>
<XingMing>王  芳</XingMing>
<XingBie>女</XingBie>
<ChuShengNianYue>19780915</ChuShengNianYue>
<JianLi>1996.07--2014.10  东王家村妇女主任
2014.11--至今     东王家村党支部书记</JianLi>
<JiangChengQingKuang>无</JiangChengQingKuang>
<ShenFenZheng></ShenFenZheng>
</Person>""", newline="\r\n")
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "王芳")
    assert person.id_number is None and person.birth_date == "1978.09.15"
    assert [(r.end, r.text) for r in ResumeEntry.live().order_by(ResumeEntry.start)] == [
        ("2014.10", "东王家村妇女主任"), (None, "东王家村党支部书记")]
    sent = exported(tmp_path, person)
    assert sent.findtext("ChuShengNianYue") == "197809" and "至今" not in sent.findtext("JianLi")
    assert [p.action for p in plan_import([tmp_path / "out"])] == ["无变化"]


def test_a_template_file_with_padded_values_year_colon_grades_and_prose_rewards_imports_whole(admin, unit, tmp_path):
    from models.personnel.person import Assessment
    path = _whole_file(tmp_path, "template.lrmx", """<?xml version="1.0" encoding="UTF-8"?>
<Person>
    <XingMing>
        孙立
    </XingMing>
    <ChuShengNianYue>  197606  </ChuShengNianYue>
    <NianDuKaoHeJieGuo>
        2022年：称职；2023年：优秀；2024年：基本合格
    </NianDuKaoHeJieGuo>
    <JiangChengQingKuang>
        2019年6月，被中共××市委授予优秀共产党员；
        2016.06  被××评为优秀党务工作者；
        2020年3月，因违反工作纪律，给予党内警告处分。
    </JiangChengQingKuang>
</Person>""")
    imported(admin, unit, path)
    person = Secretary.get(Secretary.name == "孙立")
    assert sorted((a.year, a.result) for a in Assessment.live()) == [(2022, "称职"), (2023, "优秀"), (2024, "基本合格")]
    assert sorted((r.date, r.kind) for r in RewardPunishment.live()) == [
        ("2016.06", "奖励"), ("2019.06", "奖励"), ("2020.03", "惩处")]
    sent = exported(tmp_path, person)
    assert "2024年度考核为基本合格" in sent.findtext("NianDuKaoHeJieGuo")
    assert "因违反工作纪律，给予党内警告处分" in sent.findtext("JiangChengQingKuang")
    assert [p.action for p in plan_import([tmp_path / "out"])] == ["无变化"]


@pytest.mark.parametrize("written", [
    "2019年6月份，被县委评为优秀党员", "2019年13月，被县委评为优秀党员", "2019.02.30被镇党委授予优秀党员",
    "2019年13月,县委,优秀党员", "1998年至2000年连续三年被评为先进", "2019年6月，本人被评为先进", "2018年获得。"])
def test_a_reward_item_that_is_no_row_stays_text_and_never_refuses_the_file(written):
    """A time that is no date (6月份, 13月, 02.30) refused the whole file; a clause before 被 was
    taken for the 批准机关; 获得 alone became a row of 得."""
    from models.io.lrmx import parse_rewards
    rows, rest = parse_rewards(written)
    assert rows == [] and rest == written.rstrip("。")


def test_two_awards_in_one_sentence_are_two_rows_and_a_reason_keeps_its_own_words():
    from models.io.lrmx import parse_rewards
    rows, rest = parse_rewards("2019年获县优秀党员称号，2020年获市劳模称号")
    assert [(r["date"], r["text"]) for r in rows] == [("2019年", "县优秀党员称号"), ("2020年", "市劳模称号")] and rest == ""
    [row], _ = parse_rewards("2019年6月，因被县纪委约谈后仍不改正，被县纪委给予警告处分")
    assert (row["authority"], row["text"]) == ("县纪委", "因被县纪委约谈后仍不改正，给予警告处分")


def test_a_long_hostile_reward_item_is_read_in_linear_time():
    import time
    from models.io.lrmx import parse_rewards
    started = time.process_time()
    rows, rest = parse_rewards("2019年6月，因" + "被" * 20000)
    assert rows == [] and len(rest) > 20000 and time.process_time() - started < 1


def test_a_name_and_month_shared_by_two_files_matches_neither(admin, unit, tmp_path):
    """Two 王伟 born in 1978.09 (no ID numbers): a file sending 197809 was matched to the first."""
    for day in ("03", "25"):
        from models.writing import services
        services.create(admin, Secretary, {"name": "王伟", "unit": unit.id, "birth_date": f"1978.09.{day}"})
    [planned] = plan_import([card(tmp_path, XingMing="王伟", ChuShengNianYue="197809", XianRenZhiWu="村主任")])
    assert planned.person_id is None and "2份" in planned.problem and "身份证号" in planned.problem


def test_a_long_card_filler_imports():
    from models.personnel.person import Secretary as Person
    assert Person.filled_by.max_length >= 60


@pytest.mark.parametrize("text, host, meanwhile", [
    ("东王家村务农（其间：在中央党校（函授）学习）", "东王家村务农", "（其间：在中央党校（函授）学习）"),
    ("村主任（其间：学习）兼会计", "村主任", "（其间：学习）兼会计"),
    ("村主任(其间:2010.09--2013.07函授学习)", "村主任", "(其间:2010.09--2013.07函授学习)"),
    ("村党支部书记", "村党支部书记", "")])
def test_meanwhile_is_everything_from_its_opening_on(text, host, meanwhile):
    """A nested （函授） was cut at its own ）: the 登记表 and the export split the text in the
    wrong place and the round trip changed it."""
    from models.io.lrmx import format_resume
    from models.values.text import split_meanwhile
    assert split_meanwhile(text) == (host, meanwhile)
    assert parse_resume(format_resume([("1993.08", "2018.01", text)]))[0] == [("1993.08", "2018.01", text)]
