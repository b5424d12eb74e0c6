"""Every refusal of ``writing.rules``, one case each: the record is refused with a Chinese message
naming the field, and nothing is written."""
import datetime as dt

import pytest

from models.accounts.tables import User
from models.errors import ValidationError
from models.matters.tables import Campaign, MatterReport, MatterType, Verification
from models.org.tables import Unit
from models.personnel.catalogue import Material
from models.personnel.person import Appointment, Assessment, ResumeEntry, Secretary, Training
from models.personnel.registers import Loan
from models.personnel.transfers import Transfer
from models.writing import services
from models.writing.audit import AuditEntry
from tests.conftest import TODAY

VALID_ID = "11010519491231002X"


@pytest.fixture
def world(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id, "id_number": VALID_ID}).record
    wedding = MatterType.get(MatterType.code == "02")
    campaign = services.create(admin, Campaign, {"year": 2025, "opened_on": dt.date(2026, 1, 1),
                                                 "due_date": dt.date(2026, 1, 31)}).record
    before = services.create(admin, MatterReport, {
        "secretary": person.id, "kind": "平时报告", "matter_type": wedding.id, "timing": "事前",
        "matter_date": dt.date(2026, 12, 20)}).record
    return {"person": person.id, "unit": unit.id, "township": unit.township_id, "wedding": wedding.id,
            "campaign": campaign.id, "before": before.id}


def person(w, **data):
    return Secretary, {"name": "李四", "unit": w["unit"], **data}


def report(w, **data):
    return MatterReport, {"secretary": w["person"], "kind": "平时报告", "matter_type": w["wedding"], "timing": "事后",
                          "matter_date": dt.date(2026, 3, 1), **data}


def part(model, w, **data):
    return model, {"secretary": w["person"], **data}


CASES = {  # refusal → (record, field, words in the message)
    "性别不在代码表": (lambda w: person(w, sex="3"), "sex", "不在代码表“性别”中"),
    "民族不在代码表": (lambda w: person(w, ethnicity="99"), "ethnicity", "不在代码表“民族”中"),
    "状态不在范围": (lambda w: person(w, status="退休"), "status", "不在可选范围内"),
    "离任无变更时间": (lambda w: person(w, status="离任"), "status_date", "须填写变更时间"),
    "入党早于出生": (lambda w: person(w, birth_date="1970.05", party_date="1969.01"), "party_date", "不能早于出生年月"),
    "参加工作早于出生": (lambda w: person(w, birth_date="1970.05", work_date="1960"), "work_date", "不能早于出生年月"),
    "任现职早于出生": (lambda w: person(w, birth_date="1970.05", post_since="1969.12"), "post_since", "不能早于"),
    "首任书记早于出生": (lambda w: person(w, birth_date="1970.05", first_secretary_date="1969"),
                         "first_secretary_date", "不能早于"),
    "身份证号重复": (lambda w: person(w, id_number=VALID_ID.lower()), "id_number", "同一人只能建一份档案"),
    "简历止早于起": (lambda w: part(ResumeEntry, w, start="2000.05", end="1999.01", text="务农"), "end", "不能早于"),
    "培训止早于起": (lambda w: part(Training, w, start="2020.05", end="2020.04", name="培训"), "end", "不能早于"),
    "任职免早于任": (lambda w: part(Appointment, w, post="书记", start="2021.03", end="2018.01"), "end", "不能早于"),
    "考核年度无效": (lambda w: part(Assessment, w, year=1900, result="称职"), "year", "不是有效的考核年度"),
    "考核年度在将来": (lambda w: part(Assessment, w, year=TODAY.year + 1, result="称职"), "year",
                       "不是有效的考核年度"),
    "考核结果不在代码表": (lambda w: part(Assessment, w, year=2024, result="很好"), "result", "不在代码表"),
    "类号无效": (lambda w: part(Material, w, category="11", title="材料"), "category", "不是有效的类号"),
    "份数为负": (lambda w: part(Material, w, category="1", title="材料", copies=-1), "copies", "不能为负数"),
    "页数为负": (lambda w: part(Material, w, category="1", title="材料", pages=-2), "pages", "不能为负数"),
    "应还早于借出": (lambda w: part(Loan, w, lent_date=dt.date(2026, 5, 10), borrower="王", due_date=dt.date(2026, 5, 1)),
                     "due_date", "不能早于借出日期"),
    "归还早于借出": (lambda w: part(Loan, w, lent_date=dt.date(2026, 5, 10), borrower="王", due_date=dt.date(2026, 5, 17),
                                  returned_date=dt.date(2026, 5, 9)), "returned_date", "不能早于借出日期"),
    "转递方向无效": (lambda w: part(Transfer, w, direction="外调", date=dt.date(2026, 5, 1), counterpart="区委组织部"),
                     "direction", "不在可选范围内"),
    "回执早于转递": (lambda w: part(Transfer, w, direction="转出", date=dt.date(2026, 5, 1), counterpart="区委组织部",
                                  receipt_date=dt.date(2026, 4, 30)), "receipt_date", "不能早于转递日期"),
    "事项时限类型无效": (lambda w: (MatterType, {"code": "50", "name": "x", "timing": "事中"}), "timing", "不在可选范围内"),
    "天数超出范围": (lambda w: (MatterType, {"code": "51", "name": "x", "timing": "事后", "days_after": 400}),
                     "days_after", "0—365"),
    "事前无提前天数": (lambda w: (MatterType, {"code": "52", "name": "x", "timing": "事前"}), "days_before",
                       "须填写提前天数"),
    "事后无报告天数": (lambda w: (MatterType, {"code": "53", "name": "x", "timing": "事前+事后", "days_before": 3}),
                       "days_after", "须填写报告天数"),
    "报告类别无效": (lambda w: report(w, kind="临时报告"), "kind", "不在可选范围内"),
    "报告事前事后无效": (lambda w: report(w, timing="事中"), "timing", "不在可选范围内"),
    "报告状态无效": (lambda w: report(w, status="作废"), "status", "不在可选范围内"),
    "审核结果不在代码表": (lambda w: report(w, status="已审核", review_result="通过"), "review_result", "不在代码表"),
    "平时报告无事项类别": (lambda w: report(w, matter_type=None), "matter_type", "须选择事项类别"),
    "集中报告无年度": (lambda w: report(w, kind="集中报告", matter_type=None), "campaign", "须选择报告年度"),
    "专项信息不是JSON": (lambda w: report(w, details="{桌数"), "details", "格式不正确"),
    "报告时间在将来": (lambda w: report(w, report_date=TODAY + dt.timedelta(days=1)), "report_date",
                       "不能晚于今天"),
    "事前报告关联事前报告": (lambda w: report(w, timing="事前", prior_report=w["before"]), "prior_report",
                              "只有事后报告才能关联事前报告"),
    "集中报告截止早于开始": (lambda w: (Campaign, {"year": 2023, "opened_on": dt.date(2024, 2, 1),
                                                   "due_date": dt.date(2024, 1, 31)}), "due_date", "不能早于开始日期"),
    "集中报告年度重复": (lambda w: (Campaign, {"year": 2025, "opened_on": dt.date(2026, 1, 1),
                                               "due_date": dt.date(2026, 1, 31)}), "year", "已经存在"),
    "核实结果不在代码表": (lambda w: (Verification, {"secretary": w["person"], "date": dt.date(2026, 5, 1),
                                                     "result": "差不多"}), "result", "不在代码表"),
    "村社区类别无效": (lambda w: (Unit, {"township": w["township"], "name": "新村", "kind": "镇"}), "kind",
                       "不在可选范围内"),
    "用户角色无效": (lambda w: (User, {"username": "x", "display_name": "x", "role": "boss", "password_hash": "x"}),
                     "role", "不在可选范围内"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_rule_refuses_with_the_field_named(world, admin, case):
    make, field, words = CASES[case]
    model, data = make(world)
    audited, rows = AuditEntry.select().count(), model.select().count()
    with pytest.raises(ValidationError) as refused:
        services.create(admin, model, data)
    problem = next(p for p in refused.value.problems if p.field == field)
    assert words in problem.message
    assert problem.label == model._meta.fields[field].verbose_name  # the field's Chinese name
    assert (AuditEntry.select().count(), model.select().count()) == (audited, rows)


def test_an_update_is_refused_by_the_same_rules(world, admin):
    with pytest.raises(ValidationError, match="不能早于出生年月"):
        services.update(admin, Secretary, world["person"], {"party_date": "1940"})  # born 1949.12
    with pytest.raises(ValidationError, match="已经存在"):
        other = services.create(admin, Campaign, {"year": 2024, "opened_on": dt.date(2025, 1, 1),
                                                  "due_date": dt.date(2025, 1, 31)}).record
        services.update(admin, Campaign, other.id, {"year": 2025})
