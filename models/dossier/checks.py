"""专审: the "三龄两历一身份" consistency checks organisation departments run on every file, the
completeness of a file, and the list of every file by its open warnings.

Each check is a warning, never a refusal; an accepted one (认定, ``models.personnel.findings``)
no longer counts as open. The consistency of dates and ID numbers is decided in
``models.values.consistency``, as saving a file decides it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.attachments.tables import Attachment
from models.errors import ValidationError
from models.org.tables import Unit
from models.personnel.catalogue import Material
from models.personnel.findings import Finding, Warning
from models.personnel.person import Assessment, FamilyMember, ResumeEntry, Secretary, SecretaryStatus
from models.values import clock, consistency, dates
from models.values.text import split_meanwhile

CHILDREN = ("儿子", "女儿", "长子", "次子", "三子", "长女", "次女", "三女", "子", "女")
PARENTS = ("父亲", "母亲")
STUDY = ("学生", "学习", "就读", "读书", "毕业")
PART_TIME = ("函授", "在职", "业余", "党校", "自学", "电大", "广播电视大学", "开放大学", "网络")  # 在职教育, not 全日制
# What the 登记表 prints: completeness is the share of these a file has
PRINTED = ("name", "sex", "birth_date", "ethnicity", "native_place", "birthplace", "party_date", "work_date",
           "health", "ft_education", "id_number", "current_post", "post_since")


@dataclass
class FileParts:
    """What the checks read of one file: the person and the parts, live rows in their order."""

    person: Secretary
    resume: list = field(default_factory=list)
    family: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    has_photo: bool = False
    has_materials: bool = False


PART_LISTS = {"resume": ResumeEntry, "family": FamilyMember, "assessments": Assessment, "findings": Finding}


def read_file_parts(secretary_ids: list[str]) -> list[FileParts]:
    """The parts of many files, each table read once for all of them (in chunks of ids), not once
    per file: the 专审 list of a district reads six queries' worth, not eleven per file."""
    files: dict[str, FileParts] = {}
    for chunk in _chunks(secretary_ids):
        for person in Secretary.select().where(Secretary.id.in_(chunk)):
            files[person.id] = FileParts(person)
        for name, model in PART_LISTS.items():
            rows = model.live().where(model.secretary.in_(chunk)).order_by(model.secretary, model.sort_order, model.id)
            for row in rows:
                getattr(files[row.secretary_id], name).append(row)
        for (secretary_id,) in Attachment.live().select(Attachment.secretary).where(
                Attachment.secretary.in_(chunk) & (Attachment.purpose == "photo")).distinct().tuples():
            files[secretary_id].has_photo = True
        for (secretary_id,) in Material.live().select(Material.secretary).where(
                Material.secretary.in_(chunk)).distinct().tuples():
            files[secretary_id].has_materials = True
    return [files[secretary_id] for secretary_id in secretary_ids if secretary_id in files]


def _chunks(ids: list[str], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def check_file(secretary_id: str, *, today: dt.date | None = None) -> list[Warning]:
    """Every warning of the eight checks for one file, each with its 认定 when accepted."""
    return check_parts(read_file_parts([secretary_id])[0], today=today or clock.today())


def check_parts(file: FileParts, *, today: dt.date) -> list[Warning]:
    person, resume = file.person, [r for r in file.resume if r.start]
    found = (_identity(person) + _party_age(person) + _work_age(person, resume) + _resume(person, resume) +
             _education(person, resume) + _assessments(person, file.assessments, today) +
             _family(person, file.family))
    accepted = {(f.check, f.subject): f for f in file.findings}
    return [Warning(w.check, w.text, w.fields, accepted.get((w.check, w.text))) for w in found]


def _identity(person: Secretary) -> list[Warning]:
    if not person.id_number:
        return []
    try:
        read = consistency.read_id_number(person.id_number)
    except ValidationError:  # an old number the rules refuse now: the field check reports it
        return []
    warnings = []
    if not consistency.birth_agrees(person.birth_date, read):
        born = f"{read.birth_date:%Y.%m.%d}"[:len(person.birth_date)]  # as precise as the field
        warnings.append(Warning("出生年月", f"出生年月{person.birth_date}与身份证号中的{born}不一致",
                                ("出生年月", "身份证号")))
    if not consistency.sex_agrees(person.sex, read):
        warnings.append(Warning("身份", "性别与身份证号第17位不一致", ("性别", "身份证号")))
    return warnings


def _party_age(person: Secretary) -> list[Warning]:
    if not person.party_date:
        return [Warning("党龄", "没有入党时间(党组织书记应为中共党员)", ("入党时间",))]
    if consistency.joined_party_young(person.birth_date, person.party_date):
        return [Warning("党龄", f"入党时间{person.party_date}时未满{consistency.PARTY_AGE}周岁", ("入党时间", "出生年月"))]
    return []


def own_text(entry: ResumeEntry) -> str:
    """What a resume line says of itself: a （其间：…学习） inside it is study beside the work,
    never what makes the work a study line."""
    return split_meanwhile(entry.text)[0]


def _is_study(entry: ResumeEntry) -> bool:
    return any(word in own_text(entry) for word in STUDY)


def _first_job(resume: list[ResumeEntry]) -> ResumeEntry | None:
    return next((r for r in resume if not _is_study(r)), None)


def _work_age(person: Secretary, resume: list[ResumeEntry]) -> list[Warning]:
    warnings = []
    if consistency.started_work_young(person.birth_date, person.work_date):
        warnings.append(Warning("工龄", f"参加工作时间{person.work_date}时未满{consistency.WORK_AGE}周岁",
                                ("参加工作时间", "出生年月")))
    first = _first_job(resume)
    if person.work_date and first and first.start[:7] != person.work_date[:7]:
        warnings.append(Warning("工龄", f"参加工作时间{person.work_date}与简历中第一份工作的起始时间"
                                       f"{first.start}不一致", ("参加工作时间", "简历")))
    return warnings


def _resume(person: Secretary, resume: list[ResumeEntry]) -> list[Warning]:
    warnings = []
    for entry in resume:
        if entry.end and dates.is_before(entry.end, entry.start):
            warnings.append(Warning("简历", f"“{entry.start}--{entry.end} {entry.text}”截止早于起始", ("简历",)))
    for before, after in zip(resume, resume[1:]):
        if not before.end:
            continue
        gap = (dates.earliest_day(after.start) - dates.latest_day(before.end)).days
        if gap > 31:
            warnings.append(Warning("简历", f"{before.end}至{after.start}之间有{gap // 30}个月空档", ("简历",)))
        elif gap < -31:
            warnings.append(Warning("简历", f"“{after.start} {after.text}”与上一段经历重叠", ("简历",)))
    if resume and resume[-1].end and person.status == SecretaryStatus.SERVING:
        warnings.append(Warning("简历", "在任人员简历的最后一段应至今(截止时间为空)", ("简历",)))
    return warnings


def _education(person: Secretary, resume: list[ResumeEntry]) -> list[Warning]:
    study = [r for r in resume if _is_study(r) and r.end and not any(word in own_text(r) for word in PART_TIME)]
    first = _first_job(resume)
    if not person.ft_education or not study or not person.birth_date:
        return []
    finished = study[-1].end
    if consistency.younger_than(person.birth_date, finished, 15):
        return [Warning("学历", f"全日制学历{finished}毕业时未满15周岁", ("全日制教育学历", "简历"))]
    if first and dates.is_before(first.start, finished):  # full-time study ends before work starts
        return [Warning("学历", f"全日制学历毕业({finished})晚于参加工作({first.start})",
                        ("全日制教育学历", "简历"))]
    return []


def _assessments(person: Secretary, assessments: list, today: dt.date) -> list[Warning]:
    if person.status != SecretaryStatus.SERVING:
        return []
    since = int((person.post_since or "1900")[:4])
    years = [year for year in range(today.year - 3, today.year) if year >= since]
    counted = [a.year for a in assessments]
    missing = [str(year) for year in years if counted.count(year) == 0]
    repeated = [str(year) for year in years if counted.count(year) > 1]
    warnings = []
    if missing:
        warnings.append(Warning("年度考核", f"缺少{'、'.join(missing)}年度的考核结果", ("年度考核",)))
    if repeated:
        warnings.append(Warning("年度考核", f"{'、'.join(repeated)}年度的考核结果重复", ("年度考核",)))
    return warnings


def _family(person: Secretary, family: list) -> list[Warning]:
    if not person.birth_date:
        return []
    warnings = []
    for relative in family:
        if not relative.birth_date:
            continue
        if relative.relation in CHILDREN and consistency.younger_than(person.birth_date, relative.birth_date, 15):
            warnings.append(Warning("家庭成员", f"{relative.relation}{relative.name}与本人年龄相差不足15岁",
                                    ("家庭成员", "出生年月")))
        if relative.relation in PARENTS and consistency.younger_than(relative.birth_date, person.birth_date, 15):
            warnings.append(Warning("家庭成员", f"{relative.relation}{relative.name}与本人年龄相差不足15岁",
                                    ("家庭成员", "出生年月")))
    return warnings


def completeness(secretary_id: str) -> float:
    """The share of what the 登记表 prints that the file has (photo, resume, family, materials too)."""
    return parts_completeness(read_file_parts([secretary_id])[0])


def parts_completeness(file: FileParts) -> float:
    have = [bool(getattr(file.person, name)) for name in PRINTED]
    have += [file.has_photo, bool(file.resume), bool(file.family), bool(file.assessments), file.has_materials]
    return sum(have) / len(have)


@dataclass(frozen=True)
class FileAudit:
    secretary_id: str
    name: str
    unit: str
    open_warnings: int
    accepted: int
    completeness: float
    warnings: tuple[str, ...]  # the open ones' sentences


def audit_files(*, today: dt.date | None = None, progress=None, cancelled=None) -> list[FileAudit] | None:
    """Every file: open warnings first (most first), then the least complete. ``progress(done,
    total)`` after each chunk of files; None when ``cancelled()``."""
    today = today or clock.today()
    people = list(Secretary.live().select(Secretary.id, Secretary.name, Unit.name.alias("unit_name")).join(Unit)
                  .order_by(Secretary.name_pinyin, Secretary.id).objects())
    rows = []
    for start in range(0, len(people), AUDIT_CHUNK):
        if cancelled is not None and cancelled():
            return None
        chunk = people[start:start + AUDIT_CHUNK]
        for person, file in zip(chunk, read_file_parts([p.id for p in chunk])):
            warnings = check_parts(file, today=today)
            open_texts = tuple(w.text for w in warnings if w.open)
            rows.append(FileAudit(person.id, person.name, person.unit_name, len(open_texts),
                                  len(warnings) - len(open_texts), parts_completeness(file), open_texts))
        if progress is not None:
            progress(start + len(chunk), len(people))
    return sorted(rows, key=lambda r: (-r.open_warnings, r.completeness, r.name))


AUDIT_CHUNK = 500  # files checked between two reports of progress
