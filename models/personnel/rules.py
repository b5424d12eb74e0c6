"""The checks of a personnel file and its parts, registered with the write path."""
from __future__ import annotations

from models.codes.lists import in_code_list
from models.codes.tables import MaterialCategory
from models.org.tables import Unit
from models.personnel.catalogue import Material
from models.personnel.person import Appointment, Assessment, ResumeEntry, Secretary, SecretaryStatus, Training
from models.personnel.registers import Loan
from models.personnel.transfers import Transfer
from models.storage.record import live_exists
from models.values import consistency
from models.values.pinyin import name_keys
from models.writing.rules import in_order, one_of, period_rule, problem, register


def secretary_rule(merged, clean, existing, problems, warnings, today) -> None:
    if "name" in clean:
        clean["name_initials"], clean["name_pinyin"] = name_keys(clean["name"])
    _id_number(merged, clean, problems, warnings, today)
    in_code_list(Secretary, merged, "sex", "性别", problems)
    in_code_list(Secretary, merged, "ethnicity", "民族", problems)
    one_of(Secretary, merged, "status", tuple(SecretaryStatus), problems)
    if merged.get("status") not in (None, SecretaryStatus.SERVING) and not merged.get("status_date"):
        problems.append(problem(Secretary, "status_date", f"状态为“{merged['status']}”时须填写变更时间"))
    for name in ("party_date", "work_date", "post_since", "first_secretary_date"):
        in_order(Secretary, merged, "birth_date", name, problems)
    in_order(Secretary, merged, "first_secretary_date", "post_since", warnings)
    if consistency.joined_party_young(merged.get("birth_date"), merged.get("party_date")):
        warnings.append(problem(Secretary, "party_date", f"入党时不满{consistency.PARTY_AGE}周岁,请核对"))


def _id_number(merged, clean, problems, warnings, today) -> None:
    """The ID number fills an empty birth date and sex, and a different one is a warning (an
    archive-certified birth date may differ)."""
    number = merged.get("id_number")
    if not number:
        return
    read = consistency.read_id_number(number, today=today)
    for name, derived in (("birth_date", consistency.birth_month(read)), ("sex", read.sex_code)):
        if merged.get(name) is None:
            clean[name] = merged[name] = derived
    if not consistency.birth_agrees(merged["birth_date"], read):
        warnings.append(problem(Secretary, "birth_date", f"与身份证号中的出生日期({read.birth_date:%Y.%m.%d})不一致,"
                                                         "请核对(档案认定的出生日期可以不同)"))
    if not consistency.sex_agrees(merged["sex"], read):
        warnings.append(problem(Secretary, "sex", "与身份证号第17位表示的性别不一致,请核对"))


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
        problems.append(problem(Secretary, "id_number",
                                f"与已有档案“{other.name}({unit.name})”的身份证号相同,同一人只能建一份档案"))


def assessment_rule(merged, clean, existing, problems, warnings, today) -> None:
    year = merged.get("year")
    if year is not None and not 1950 <= year <= today.year:
        problems.append(problem(Assessment, "year", f"“{year}”不是有效的考核年度"))
    in_code_list(Assessment, merged, "result", "年度考核结果", problems, by="name")


def material_rule(merged, clean, existing, problems, warnings, today) -> None:
    category = merged.get("category")
    if category and not live_exists(MaterialCategory, code=category):
        problems.append(problem(Material, "category", f"“{category}”不是有效的类号"))
    for name in ("copies", "pages"):
        if merged.get(name) is not None and merged[name] < 0:
            problems.append(problem(Material, name, "不能为负数"))


def loan_rule(merged, clean, existing, problems, warnings, today) -> None:
    lent = merged.get("lent_date")
    for name in ("due_date", "returned_date"):
        if lent and merged.get(name) and merged[name] < lent:
            problems.append(problem(Loan, name, f"不能早于借出日期({lent.isoformat()})"))


def transfer_rule(merged, clean, existing, problems, warnings, today) -> None:
    one_of(Transfer, merged, "direction", Transfer.DIRECTIONS, problems)
    if merged.get("receipt_date") and merged.get("date") and merged["receipt_date"] < merged["date"]:
        problems.append(problem(Transfer, "receipt_date", "不能早于转递日期"))


register(Secretary, rule=secretary_rule, unique=unique_id_number)
for _period in (ResumeEntry, Training, Appointment):
    register(_period, rule=period_rule(_period))
register(Assessment, rule=assessment_rule)
register(Material, rule=material_rule)
register(Loan, rule=loan_rule)
register(Transfer, rule=transfer_rule)
