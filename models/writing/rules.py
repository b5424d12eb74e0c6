"""Checks between fields of one record, and against the rest of the archive.

Each rule gets the record as it would be after the change (``merged``), the cleaned changes
(``clean``, which it may complete, e.g. birth date from the ID number), the existing record or
None, and lists to append problems (blocking) and warnings (shown, not blocking) to.
"""
from __future__ import annotations

import json

from models.accounts.tables import User
from models.codes.tables import CodeItem, MaterialCategory
from models.errors import FieldProblem, ValidationError
from models.matters.deadlines import report_due_date
from models.matters.tables import (REVIEWED_STATUSES, Campaign, MatterReport, MatterType, ReportKind, ReportStatus,
                                   Timing, Verification)
from models.org.tables import Unit
from models.personnel.catalogue import Material
from models.personnel.person import Appointment, Assessment, ResumeEntry, Secretary, SecretaryStatus, Training
from models.personnel.registers import Loan
from models.personnel.transfers import Transfer
from models.storage.record import live_exists
from models.values import dates, idcard
from models.values.pinyin import name_keys
from models.writing.actor import ROLES

PARTY_AGE = 18


def _label(model, name: str) -> str:
    return model._meta.fields[name].verbose_name


def _problem(model, name: str, message: str) -> FieldProblem:
    return FieldProblem(name, _label(model, name), message)


def _one_of(model, merged, name, allowed, problems) -> None:
    value = merged.get(name)
    if value is not None and value not in allowed:
        problems.append(_problem(model, name, f"“{value}”不在可选范围内({'、'.join(allowed)})"))


def _in_code_list(model, merged, name, list_name, problems, *, by="code") -> None:
    value = merged.get(name)
    if value is None:
        return
    if not live_exists(CodeItem, list_name=list_name, **{by: value}):
        problems.append(_problem(model, name, f"“{value}”不在代码表“{list_name}”中"))


def _order(model, merged, first, second, problems, message="不能早于") -> None:
    a, b = merged.get(first), merged.get(second)
    if a and b and dates.is_before(b, a):
        problems.append(_problem(model, second, f"{message}{_label(model, first)}({a})"))


# -- the personnel file ---------------------------------------------------------------------

def secretary_rule(merged, clean, existing, problems, warnings, today) -> None:
    if "name" in clean:
        clean["name_initials"], clean["name_pinyin"] = name_keys(clean["name"])
    _id_number(merged, clean, existing, problems, warnings, today)
    _in_code_list(Secretary, merged, "sex", "性别", problems)
    _in_code_list(Secretary, merged, "ethnicity", "民族", problems)
    _one_of(Secretary, merged, "status", tuple(SecretaryStatus), problems)
    if merged.get("status") not in (None, SecretaryStatus.SERVING) and not merged.get("status_date"):
        problems.append(_problem(Secretary, "status_date", f"状态为“{merged['status']}”时须填写变更时间"))
    birth = merged.get("birth_date")
    for name in ("party_date", "work_date", "post_since", "first_secretary_date"):
        _order(Secretary, merged, "birth_date", name, problems)
    _order(Secretary, merged, "first_secretary_date", "post_since", warnings)
    party = merged.get("party_date")
    age = dates.age_at(birth, dates.earliest_day(party)) if birth and party else None
    if age is not None and age < PARTY_AGE:
        warnings.append(_problem(Secretary, "party_date", f"入党时不满{PARTY_AGE}周岁,请核对"))


def _id_number(merged, clean, existing, problems, warnings, today) -> None:
    number = merged.get("id_number")
    if not number:
        return
    parsed = idcard.parse(number, today=today)
    derived_birth = dates.from_date(parsed.birth_date, "month")
    for name, derived in (("birth_date", derived_birth), ("sex", parsed.sex_code)):
        if merged.get(name) is None:
            clean[name] = merged[name] = derived
    birth = merged["birth_date"]
    if birth[:7] != derived_birth[: len(birth[:7])]:
        warnings.append(_problem(Secretary, "birth_date",
                                 f"与身份证号中的出生日期({derived_birth})不一致,请核对(档案认定的出生日期可以不同)"))
    if merged["sex"] != parsed.sex_code:
        warnings.append(_problem(Secretary, "sex", "与身份证号第17位表示的性别不一致,请核对"))


def unique_id_number(merged, existing, problems) -> None:
    """One file per person in a township. (A district holds the files of all its townships: a
    secretary who moved is on file in both, the old one 调出, and the two are shown as one person.)"""
    number = merged.get("id_number")
    if not number or not merged.get("unit") or not live_exists(Secretary, id_number=number):
        return  # (the usual case, answered by the index alone)
    township = Unit.select(Unit.township).where(Unit.id == merged["unit"])
    # only the columns the message needs: this runs for every file written
    query = (Secretary.live(Secretary.id, Secretary.name, Secretary.unit).join(Unit)
             .where((Secretary.id_number == number) & Unit.township.in_(township)))
    if existing is not None:
        query = query.where(Secretary.id != existing.id)
    other = query.first()
    if other is not None:
        unit = Unit.get_by_id(other.unit_id)
        problems.append(_problem(Secretary, "id_number",
                                 f"与已有档案“{other.name}({unit.name})”的身份证号相同,同一人只能建一份档案"))


def period_rule(model):
    def rule(merged, clean, existing, problems, warnings, today) -> None:
        _order(model, merged, "start", "end", problems)
    return rule


def assessment_rule(merged, clean, existing, problems, warnings, today) -> None:
    year = merged.get("year")
    if year is not None and not 1950 <= year <= today.year:
        problems.append(_problem(Assessment, "year", f"“{year}”不是有效的考核年度"))
    _in_code_list(Assessment, merged, "result", "年度考核结果", problems, by="name")


def material_rule(merged, clean, existing, problems, warnings, today) -> None:
    category = merged.get("category")
    if category and not live_exists(MaterialCategory, code=category):
        problems.append(_problem(Material, "category", f"“{category}”不是有效的类号"))
    for name in ("copies", "pages"):
        if merged.get(name) is not None and merged[name] < 0:
            problems.append(_problem(Material, name, "不能为负数"))


def loan_rule(merged, clean, existing, problems, warnings, today) -> None:
    lent = merged.get("lent_date")
    for name in ("due_date", "returned_date"):
        if lent and merged.get(name) and merged[name] < lent:
            problems.append(_problem(Loan, name, f"不能早于借出日期({lent.isoformat()})"))


def transfer_rule(merged, clean, existing, problems, warnings, today) -> None:
    _one_of(Transfer, merged, "direction", Transfer.DIRECTIONS, problems)
    if merged.get("receipt_date") and merged.get("date") and merged["receipt_date"] < merged["date"]:
        problems.append(_problem(Transfer, "receipt_date", "不能早于转递日期"))


# -- matters --------------------------------------------------------------------------------

def matter_type_rule(merged, clean, existing, problems, warnings, today) -> None:
    _one_of(MatterType, merged, "timing", tuple(Timing), problems)
    for name in ("days_before", "days_after"):
        if merged.get(name) is not None and not 0 <= merged[name] <= 365:
            problems.append(_problem(MatterType, name, "应在0—365天之间"))
    timing = merged.get("timing") or ""
    if timing in (Timing.BEFORE, Timing.BOTH) and merged.get("days_before") is None:
        problems.append(_problem(MatterType, "days_before", "事前报告的事项须填写提前天数"))
    if timing in (Timing.AFTER, Timing.BOTH) and merged.get("days_after") is None:
        problems.append(_problem(MatterType, "days_after", "事后报告的事项须填写报告天数"))


def matter_report_rule(merged, clean, existing, problems, warnings, today) -> None:
    _one_of(MatterReport, merged, "kind", tuple(ReportKind), problems)
    _one_of(MatterReport, merged, "timing", (Timing.BEFORE, Timing.AFTER), problems)
    _one_of(MatterReport, merged, "status", tuple(ReportStatus), problems)
    _in_code_list(MatterReport, merged, "review_result", "审核结果", problems, by="name")
    if merged.get("kind") == ReportKind.ORDINARY and not merged.get("matter_type"):
        problems.append(_problem(MatterReport, "matter_type", "平时报告须选择事项类别"))
    if merged.get("kind") == ReportKind.CENTRALISED and not merged.get("campaign"):
        problems.append(_problem(MatterReport, "campaign", "集中报告须选择报告年度"))
    if merged.get("details"):
        try:
            json.loads(merged["details"])
        except ValueError:
            problems.append(_problem(MatterReport, "details", "格式不正确"))
    if merged.get("report_date") and merged["report_date"] > today:
        problems.append(_problem(MatterReport, "report_date", "不能晚于今天"))
    if merged.get("timing") == Timing.AFTER and merged.get("matter_date") and merged["matter_date"] > today:
        problems.append(_problem(MatterReport, "matter_date", "事后报告的事项须已经发生,事项时间不能晚于今天"))
    if merged.get("prior_report") and merged.get("timing") != Timing.AFTER:
        problems.append(_problem(MatterReport, "prior_report", "只有事后报告才能关联事前报告"))
    if not problems and not (existing is not None and existing.status in REVIEWED_STATUSES):
        clean["due_date"] = report_due_date(merged)  # fixed from the moment the report is reviewed


def campaign_rule(merged, clean, existing, problems, warnings, today) -> None:
    if merged.get("opened_on") and merged.get("due_date") and merged["due_date"] < merged["opened_on"]:
        problems.append(_problem(Campaign, "due_date", "不能早于开始日期"))


def unique_campaign_year(merged, existing, problems) -> None:
    query = Campaign.live().where(Campaign.year == merged.get("year"))
    if existing is not None:
        query = query.where(Campaign.id != existing.id)
    if query.exists():
        problems.append(_problem(Campaign, "year", f"{merged.get('year')}年度的集中报告已经存在"))


def verification_rule(merged, clean, existing, problems, warnings, today) -> None:
    _in_code_list(Verification, merged, "result", "核实结果", problems, by="name")


def unit_rule(merged, clean, existing, problems, warnings, today) -> None:
    _one_of(Unit, merged, "kind", Unit.KINDS, problems)


def unique_unit_name(merged, existing, problems) -> None:
    """A village registered twice in one township (typed here; a package brings what it brings)."""
    name, township = (merged.get("name") or "").strip(), merged.get("township")
    if not name or not township or not live_exists(Unit, name=name, township=township):
        return  # (the usual case: no village of that name anywhere in the township)
    twin = Unit.live().where((Unit.name == name) & (Unit.township == township))
    if existing is not None:
        twin = twin.where(Unit.id != existing.id)
    if twin.exists():
        problems.append(_problem(Unit, "name", f"本乡镇已有“{name}”,同一个村(社区)不要登记两次"))


def user_rule(merged, clean, existing, problems, warnings, today) -> None:
    _one_of(User, merged, "role", ROLES, problems)


RULES = {
    Secretary: secretary_rule,
    ResumeEntry: period_rule(ResumeEntry),
    Training: period_rule(Training),
    Appointment: period_rule(Appointment),
    Assessment: assessment_rule,
    Material: material_rule,
    Loan: loan_rule,
    Transfer: transfer_rule,
    MatterType: matter_type_rule,
    MatterReport: matter_report_rule,
    Campaign: campaign_rule,
    Verification: verification_rule,
    Unit: unit_rule,
    User: user_rule,
}

# Rules across the archive, for records typed or written here (not for records a package brings)
UNIQUE = {
    Secretary: unique_id_number,
    Unit: unique_unit_name,
    Campaign: unique_campaign_year,
}

__all__ = ["RULES", "UNIQUE", "ValidationError"]
