"""A stress file and a minimal file, as the forms are checked against them (issue: printed forms)."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from reportlab import rl_config

from models.matters.campaigns import file_campaign_report, open_campaign
from models.matters.tables import MatterReport, MatterType, Verification
from models.matters.workflow import save_report, submit_report
from models.personnel.catalogue import Material
from models.personnel.person import Secretary
from models.dossier.saving import save_file
from models.writing.rows import PartChanges, RowChange
from models.writing import services

RELATIONS = ("妻子", "儿子", "女儿", "父亲", "母亲", "岳父", "岳母", "兄", "弟", "姐", "妹", "儿媳")
LONG_PLACE = "新疆维吾尔自治区乌鲁木齐县"
LONG_POST = "青石镇东王家村党总支书记、村委会主任、村集体经济股份经济合作社理事长、村务监督委员会主任"
RARE_NAME = "欧阳𠇔䶮"


@pytest.fixture(autouse=True)
def invariant_pdfs():
    """Same input, same bytes: no time stamps or random ids in the PDFs under test."""
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 420), (200, 210, 230)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _rows(items: list[dict]) -> list[RowChange]:
    return [RowChange(values) for values in items]


def _stress_parts() -> list[PartChanges]:
    resume = [{"start": f"{1980 + i}.{1 + i % 9:02d}", "end": f"{1981 + i}.{1 + i % 9:02d}",
               "text": f"某某县某某乡镇某某村第{i + 1}段工作经历说明文字以测试换行{'和更多的文字' * (i % 3)}"}
              for i in range(24)]
    resume.append({"start": "2004.09", "end": None,
                   "text": "新疆维吾尔自治区乌鲁木齐县某某乡某某村党支部书记、村委会主任"})
    family = [{"relation": relation, "name": f"王{'某' * (1 + i % 2)}{'𠇔' if i == 3 else ''}", "birth_date": "1970.01",
               "political_status": "中共党员", "deceased": i == 5,
               "employer_post": "新疆维吾尔自治区乌鲁木齐县某某乡某某村村民委员会委员兼会计" if i % 2 else "务农"}
              for i, relation in enumerate(RELATIONS)]
    rewards = [{"date": "2019.07", "kind": "奖励", "text": "被评为全县优秀党组织书记", "authority": "中共某某县委"},
               {"date": "2022.06", "kind": "奖励", "text": "被评为全市乡村振兴先进个人", "authority": "某某市人民政府"}]
    assessments = [{"year": year, "result": "称职" if year < 2024 else "优秀"} for year in (2022, 2023, 2024)]
    training = [{"start": "2023.03", "end": "2023.03", "name": "全市村党组织书记乡村振兴专题培训班（第三期）",
                 "organiser": "中共某某市委组织部、某某市委党校", "hours": "40", "days": "5"}]
    appointments = [{"post": "东王家村党总支书记", "start": "2021.01", "term": "第十一届", "method": "选举",
                     "document": "青组字〔2021〕3号", "concurrent_head": True}]
    return [PartChanges("resume_entry", _rows(resume)), PartChanges("family_member", _rows(family)),
            PartChanges("reward_punishment", _rows(rewards)), PartChanges("assessment", _rows(assessments)),
            PartChanges("training", _rows(training)), PartChanges("appointment", _rows(appointments))]


STRESS_BASIC = {
    "name": RARE_NAME, "birth_date": "1975.03", "sex": "1", "ethnicity": "02", "native_place": LONG_PLACE,
    "birthplace": LONG_PLACE + "托里乡", "party_date": "1998.07", "work_date": "1993.08", "health": "健康",
    "tech_title": "高级农艺师(农业技术推广研究员)", "specialty": "农业技术推广、基层党建和乡村治理工作",
    "ft_education": "大学", "ft_degree": "农学学士",
    "ft_school": "新疆农业大学农学院农学专业(函授)与新疆大学政治与公共管理学院行政管理专业",
    "ft_degree_school": "新疆大学政治与公共管理学院行政管理专业", "pt_degree_school": "中国农业大学农业推广专业",
    "pt_education": "研究生", "pt_degree": "农业推广硕士", "pt_school": "中共新疆维吾尔自治区委员会党校经济管理专业",
    "current_post": LONG_POST, "post_since": "2021.01", "first_secretary_date": "2010.03", "concurrent_head": True,
    "phone": "13800138000", "proposed_post": "青石镇东王家村党总支书记", "proposed_removal": "青石镇东王家村村委会主任",
    "appointment_reason": "工作需要,经村党员大会选举产生。", "id_number": "650121197503120013"}


def _registers(admin, person_id: str) -> None:
    from models.personnel.registers import AccessLog, Loan
    from models.personnel.transfers import Transfer

    services.create(admin, AccessLog, {"secretary": person_id, "date": dt.date(2026, 3, 2), "reader": "孙立",
                                       "reader_unit": "某某市委组织部干部监督科", "reader_post": "副科长",
                                       "purpose": "换届资格审查", "content": "干部任免审批表、年度考核材料、奖惩材料",
                                       "approver": "周部长", "copies_made": 1, "handler": "组织干事",
                                       "reader_political": "中共党员", "reader_phone": "0991-5812345",
                                       "unit_opinion": "同意查阅", "leader_opinion": "同意",
                                       "instructed_on": dt.date(2026, 3, 1)})
    services.create(admin, Loan, {"secretary": person_id, "lent_date": dt.date(2026, 10, 1), "borrower": "纪委工作人员",
                                  "borrower_unit": "某某市纪委监委第三审查调查室", "purpose": "核查",
                                  "due_date": dt.date(2026, 10, 8), "approver": "周部长"})
    services.create(admin, Transfer, {"secretary": person_id, "direction": "转出", "date": dt.date(2026, 5, 6),
                                      "counterpart": "中共某某县委组织部", "reason": "工作调动", "originals": 1,
                                      "duplicates": 0, "materials": 23, "doc_word": "青组档", "doc_number": "12"})


def _materials(admin, person_id: str) -> None:
    for category, title, date in (("1", "干部履历表", "2004.09.01"), ("4-1", "大学毕业登记表", "1997.07.01"),
                                  ("4-2", "高级农艺师任职资格证书复印件", "2018.12.20"),
                                  ("9", "村党组织书记选举结果报告单及批复", "2021.01.15")):
        services.create(admin, Material, {"secretary": person_id, "category": category, "title": title, "date": date,
                                          "copies": 1, "pages": 2})


def campaign_2025(admin):
    """The 2025 round (opened once, whichever file is made first)."""
    from models.matters.tables import Campaign
    return Campaign.live().where(Campaign.year == 2025).first() or open_campaign(admin, year=2025)


def _reports(admin, person_id: str) -> dict:
    wedding = MatterType.get(MatterType.code == "02").id
    before = save_report(admin, report_id=None, data={
        "secretary": person_id, "kind": "平时报告", "matter_type": wedding, "timing": "事前",
        "matter_date": dt.date(2026, 10, 20), "report_date": dt.date(2026, 10, 1), "place": "东王家村文化广场",
        "persons": "欧阳小明", "relation": "儿子", "content": "儿子欧阳小明与李某某举行婚礼," * 8},
        block_values={"registration_date": "2026.10.01", "same_city": "是", "venue": "东王家村文化广场",
                      "guests": "180", "tables": "18", "price_per_table": "600", "scope": "亲属及本村村民"}).record
    funeral = save_report(admin, report_id=None, data={
        "secretary": person_id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "03").id,
        "timing": "事后", "matter_date": dt.date(2026, 3, 1), "report_date": dt.date(2026, 3, 20),
        "late_reason": "丧事期间本人在外地处理后事,返回后即补报。"},
        block_values={"deceased": "欧阳某", "deceased_relation": "父亲", "guests": "60"}).record
    for handed_in in (before, funeral):  # filed, as a dossier prints them (a draft it leaves out)
        submit_report(admin, handed_in.id, today=handed_in.report_date)
    campaign = campaign_2025(admin)
    centralised = file_campaign_report(admin, campaign, person_id, answers={"04": "2025年4月赴香港探亲,已按规定报批"},
                                       report_date=dt.date(2026, 1, 20))
    services.create(admin, Verification, {"secretary": person_id, "report": centralised.id, "year": 2025,
                                          "date": dt.date(2026, 3, 1), "result": "如实报告"})
    return {"before": before.id, "funeral": funeral.id, "centralised": centralised.id}


@pytest.fixture
def stress(admin, unit):
    """25 resume lines, 12 relatives, a photo, long places and posts, rare characters, every register."""
    person = save_file(admin, secretary_id=None, basic={**STRESS_BASIC, "unit": unit.id}, parts=_stress_parts(),
                       photo=_photo()).record
    _registers(admin, person.id)
    _materials(admin, person.id)
    return {"person": Secretary.get_by_id(person.id), **_reports(admin, person.id)}


@pytest.fixture
def minimal(admin, unit):
    """A name and a village, nothing more; one report and a centralised 无."""
    person = services.create(admin, Secretary, {"name": "丁一", "unit": unit.id}).record
    report = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "99").id,
        "timing": "事后", "matter_date": dt.date(2026, 6, 1)}).record
    campaign = campaign_2025(admin)
    file_campaign_report(admin, campaign, person.id, report_date=dt.date(2026, 1, 10))
    return {"person": Secretary.get_by_id(person.id), "report": report.id,
            "centralised": MatterReport.live().where(MatterReport.campaign == campaign.id).first().id}
