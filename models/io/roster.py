"""The Excel roster (花名册): export every file as one row; import rows as new or updated files.

An import is all or nothing: every row is validated by the ordinary services inside one
transaction, and any problem (reported as "第N行 …") leaves the archive as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook

from models.codes.lists import code_map
from models.errors import ArchiveError, ValidationError
from models.io.xlsx import text_cell
from models.org.tables import Township, Unit
from models.org.units import register_unit
from models.personnel.person import Secretary
from models.storage.db import db
from models.storage.files import save_atomically
from models.writing import services
from models.writing.actor import Actor

COLUMNS = (("乡镇", None), ("村(社区)", None), ("姓名", "name"), ("身份证号", "id_number"), ("性别", "sex"),
           ("出生年月", "birth_date"), ("民族", "ethnicity"), ("全日制学历", "ft_education"),
           ("现任职务", "current_post"), ("任现职时间", "post_since"), ("是否一肩挑", "concurrent_head"),
           ("联系电话", "phone"), ("状态", "status"))


def export_roster(path: Path) -> int:
    sexes, ethnicities = code_map("性别"), code_map("民族")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append([title for title, _ in COLUMNS])
    query = (Secretary.select(Secretary, Unit, Township).join(Unit).join(Township)
             .where(Secretary.deleted_at.is_null()).order_by(Township.sort_order, Unit.sort_order, Unit.name))
    count = 0
    for p in query:
        values = [p.unit.township.name, p.unit.name, p.name, p.id_number or "", sexes.get(p.sex or "", ""),
                  p.birth_date or "", ethnicities.get(p.ethnicity or "", ""), p.ft_education or "",
                  p.current_post or "", p.post_since or "", "是" if p.concurrent_head else "否", p.phone or "", p.status]
        sheet.append([text_cell(sheet, v, text=True) for v in values])
        count += 1
    save_atomically(path, book.save)
    return count


@dataclass
class RosterImport:
    created: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)


class _DryRun(Exception):
    pass


def import_roster(actor: Actor, path: Path, *, dry_run: bool = False) -> RosterImport:
    rows = _read(path)
    result = RosterImport()
    try:
        with db.atomic():
            for number, row in rows:
                try:
                    _apply_row(actor, row, result)
                except ArchiveError as error:
                    result.problems.append(f"第{number}行 {error}")
            if result.problems or dry_run:
                raise _DryRun  # roll everything back: nothing is half imported
    except _DryRun:
        pass
    return result


def _read(path: Path) -> list[tuple[int, dict]]:
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ArchiveError(f"无法读取花名册“{path}”:不是有效的Excel文件({type(error).__name__})") from None
    lines = list(sheet.iter_rows(values_only=True))
    if not lines:
        raise ArchiveError("花名册是空的")
    header = [str(v or "").strip() for v in lines[0]]
    missing = [title for title, _ in COLUMNS[:3] if title not in header]
    if missing:
        raise ArchiveError(f"花名册缺少列:{'、'.join(missing)}")
    return [(index, {h: ("" if v is None else str(v).strip()) for h, v in zip(header, line)})
            for index, line in enumerate(lines[1:], start=2) if any(v not in (None, "") for v in line)]


def _apply_row(actor: Actor, row: dict, result: RosterImport) -> None:
    sexes = {name: code for code, name in code_map("性别").items()}
    ethnicities = {name: code for code, name in code_map("民族").items()}
    data = {name: row.get(title, "") for title, name in COLUMNS if name and row.get(title, "") != ""}
    if "sex" in data:
        data["sex"] = sexes.get(data["sex"], data["sex"])
    if "ethnicity" in data:
        data["ethnicity"] = ethnicities.get(data["ethnicity"], data["ethnicity"])
    data["unit"] = _unit(actor, row.get("乡镇", ""), row.get("村(社区)", ""))
    existing = Secretary.live().where(Secretary.id_number == (data.get("id_number") or "").upper()).first() \
        if data.get("id_number") else None
    if existing:
        services.update(actor, Secretary, existing.id, data)
        result.updated += 1
    else:
        services.create(actor, Secretary, data)
        result.created += 1


def _unit(actor: Actor, township: str, name: str) -> str:
    if not name:
        raise ValidationError.single("unit", "村(社区)", "不能为空")
    unit = (Unit.select().join(Township).where((Township.name == township) & (Unit.name == name) &
                                                Unit.deleted_at.is_null()).first())
    if unit is None:
        kind = "社区" if name.endswith("社区") else "村"
        unit = register_unit(actor, township_name=township, name=name, kind=kind)
    return unit.id
