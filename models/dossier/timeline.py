"""Everything about one person in date order (时间线), and the history of their file (修改记录)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from peewee import ForeignKeyField

from models.accounts.users import user_names
from models.codes.lists import CODED_FIELDS, shown_code
from models.dossier.saving import FILE_TABLE_BY_NAME, FILE_TABLES, SAVE
from models.matters.person_reports import ReportLine, person_reports
from models.matters.tables import ReportKind, Verification
from models.org.tables import Township, Unit
from models.personnel.catalogue import Material
from models.personnel.person import (Appointment, Assessment, ResumeEntry, RewardPunishment, Secretary, SecretaryStatus,
                                     Training)
from models.personnel.registers import AccessLog, Loan
from models.personnel.transfers import Transfer
from models.writing.audit import AuditEntry

ACTIONS = {"create": "新建", "update": "修改", "delete": "删除", "restore": "恢复", "view": "查看",
           "print": "打印", "export": "导出", "undo": "撤销", "restored": "恢复备份", "import": "导入交换包",
           "pin": "登记乡镇密钥", "setting": "设置", "baseline": "建立基线", "repair_log": "修复操作日志"}


@dataclass(frozen=True)
class TimelineItem:
    when: str  # partial date text as printed (1975.03 / 2024.05.06)
    kind: str
    text: str


def _day(value) -> str:
    return value.strftime("%Y.%m.%d") if value else ""


def person_timeline(secretary_id: str) -> list[TimelineItem]:
    """Resume, appointments, rewards, assessments, training, materials, registers and reports."""
    person = Secretary.get_by_id(secretary_id)
    items = [TimelineItem(person.birth_date or "", "出生", person.name)] if person.birth_date else []
    mine = lambda model: model.live().where(model.secretary == secretary_id)  # noqa: E731
    items += [TimelineItem(r.start or "", "简历", f"{r.start or ''}--{r.end or ''} {r.text}") for r in mine(ResumeEntry)]
    items += [TimelineItem(a.start or "", "任职", " ".join(filter(None, (a.post, a.term, a.method))))
              for a in mine(Appointment)]
    items += [TimelineItem(r.date or "", r.kind, r.text) for r in mine(RewardPunishment)]
    items += [TimelineItem(f"{a.year}.12", "年度考核", f"{a.year}年度 {a.result}") for a in mine(Assessment)]
    items += [TimelineItem(t.start or "", "培训", t.name) for t in mine(Training)]
    items += [TimelineItem(m.date or "", "档案材料", m.title) for m in mine(Material)]
    items += [TimelineItem(_day(a.date), "查阅", f"{a.reader} {a.purpose}") for a in mine(AccessLog)]
    items += [TimelineItem(_day(loan.lent_date), "借阅", f"{loan.borrower} {loan.status}") for loan in mine(Loan)]
    items += [TimelineItem(_day(t.date), "转递", f"{t.direction} {t.counterpart}") for t in mine(Transfer)]
    items += [_report_item(line) for line in person_reports(secretary_id)]
    items += [TimelineItem(_day(v.date), "抽查核实", f"{v.result} {v.disposition or ''}".strip())
              for v in mine(Verification)]
    if person.status != SecretaryStatus.SERVING and person.status_date:
        items.append(TimelineItem(person.status_date, "状态变更", person.status))
    items += same_person_elsewhere(person)
    return sorted(items, key=lambda item: item.when)


def same_person_elsewhere(person: Secretary) -> list[TimelineItem]:
    """The other files of the same person (same ID number): after a 转递 the district holds the
    file the old township marked 调出 and the one the new township opened; each shows the other."""
    if not person.id_number:
        return []
    others = (Secretary.select(Secretary, Unit, Township).join(Unit).join(Township)
              .where((Secretary.id_number == person.id_number) & (Secretary.id != person.id) &
                     Secretary.deleted_at.is_null()))
    return [TimelineItem(other.status_date or other.post_since or "", "同一人",
                         f"{other.unit.township.name} {other.unit.name}的档案({other.status})") for other in others]


def _report_item(line: ReportLine) -> TimelineItem:
    if line.kind == ReportKind.CENTRALISED:
        return TimelineItem(line.report_date, ReportKind.CENTRALISED, line.matter)
    return TimelineItem(line.report_date, "一事一报", f"{line.timing}报告:{line.matter}")


@dataclass(frozen=True)
class HistoryItem:
    at: str
    actor: str
    action: str
    summary: str
    changes: str


def file_record_ids(secretary_id: str) -> list[str]:
    """The ids of the file and of every row that belongs to it, deleted ones included."""
    ids = [secretary_id]
    for model in FILE_TABLES[1:]:  # (the person's own row: ``secretary_id``)
        ids += [r.id for r in model.select(model.id).where(model.secretary == secretary_id)]
    return ids


def file_history(secretary_id: str) -> list[HistoryItem]:
    """The audit log of the file and its parts, newest first, in the clerk's words."""
    query = (AuditEntry.select().where(AuditEntry.record_id.in_(file_record_ids(secretary_id)) &
                                       (AuditEntry.action != SAVE))  # a marker: its entries are listed
             .order_by(AuditEntry.seq.desc()))
    names = user_names()
    return [HistoryItem(local_time(e.at), names.get(e.actor, e.actor), ACTIONS.get(e.action, e.action), e.summary,
                        _describe_changes(e.table, e.changes)) for e in query]


def local_time(stamp: str) -> str:
    """A stored UTC time as the clerk's local time, to the minute."""
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


HIDDEN_IN_HISTORY = {"secretary", "sort_order", "details"}


def _describe_changes(table: str, changes: str) -> str:
    if not table:
        return ""  # an event (a print, an export): its summary says it all; its details are for the program
    model = FILE_TABLE_BY_NAME.get(table)
    fields = model._meta.fields if model else {}
    parts = []
    for name, value in json.loads(changes or "{}").items():
        if name == "__conflicts":
            parts += [_conflict_text(conflict) for conflict in value[1]]
            continue
        if name in HIDDEN_IN_HISTORY or name.startswith("__") or (model is not None and name in model.derived):
            continue
        label = fields[name].verbose_name if name in fields else name
        if isinstance(value, list) and len(value) == 2:
            old, new = (_shown(fields.get(name), v) for v in value)
            parts.append(f"{label}:{old} → {new}" if old else f"{label}:{new}")
        else:
            parts.append(f"{label}:{value}")
    return ";".join(parts)


def _conflict_text(conflict: dict) -> str:
    """A field both the district and the township changed: both values, and which was kept."""
    kept = "区县" if conflict["kept"] == "district" else "乡镇"
    return (f"冲突:{conflict['label']} 区县“{conflict['district'] or ''}”/乡镇“{conflict['township'] or ''}”,"
            f"采用{kept}的值")


def _shown(field, value) -> str:
    """A logged value as the clerk would write it: 是/否, the name of a linked record."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and field.name in CODED_FIELDS:
        return str(shown_code(field.name, value))
    if isinstance(field, ForeignKeyField):
        linked = field.rel_model.get_or_none(field.rel_model.id == value)
        return linked.describe() if linked is not None else str(value)
    return str(value)
