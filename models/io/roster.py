"""The Excel roster (花名册): export every file as one row; import rows as new or updated files.

An import is all or nothing: every row is validated by the ordinary services inside one
transaction, and any problem (reported as "第N行 …") leaves the archive as it was.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path


from models.codes.lists import code_map, shown_code
from models.errors import ArchiveError, ValidationError
from models.io.xlsx import PROGRESS_EVERY, text_cell
from models.org.tables import Township, Unit
from models.org.units import register_unit
from models.personnel.person import Secretary
from models.values import idcard
from models.storage.db import db
from models.storage.files import save_atomically
from models.writing import services
from models.writing.actor import Actor
from models.writing.validation import clean_record

COLUMNS = (("乡镇", None), ("村(社区)", None), ("姓名", "name"), ("身份证号", "id_number"), ("性别", "sex"),
           ("出生年月", "birth_date"), ("民族", "ethnicity"), ("全日制学历", "ft_education"),
           ("现任职务", "current_post"), ("任现职时间", "post_since"), ("是否一肩挑", "concurrent_head"),
           ("联系电话", "phone"), ("状态", "status"))


def export_roster(actor: Actor, path: Path, *, progress=None) -> int:
    """Every live file's row of the 花名册 into an Excel workbook (atomically), the export audited;
    ``progress(done, total)`` every thousand people."""
    from openpyxl import Workbook  # (loaded on an export or import, not with the page: 0.1 s of a start-up)

    sexes, ethnicities = code_map("性别"), code_map("民族")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append([title for title, _ in COLUMNS])
    query = (Secretary.select(Secretary, Unit, Township).join(Unit).join(Township)
             .where(Secretary.deleted_at.is_null())
             .order_by(Township.sort_order, Unit.sort_order, Unit.name, Secretary.name_pinyin, Secretary.id))
    count, total = 0, query.count() if progress is not None else 0
    for p in query:
        values = [p.unit.township.name, p.unit.name, p.name, p.id_number or "", sexes.get(p.sex or "", ""),
                  p.birth_date or "", ethnicities.get(p.ethnicity or "", ""), p.ft_education or "",
                  p.current_post or "", p.post_since or "", "是" if p.concurrent_head else "否", p.phone or "", p.status]
        sheet.append([text_cell(sheet, v, text=True) for v in values])
        count += 1
        if progress is not None and (count % PROGRESS_EVERY == 0 or count == total):
            progress(count, total)
    save_atomically(path, book.save)
    services.record_event(actor, action="export", model=None, record_id=None, summary=f"导出花名册:{count}人",
                          details={"file": path.name, "people": count})
    return count


@dataclass
class RosterImport:
    created: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)
    # row by row, for the preview: (row number, 姓名, 村(社区), what happens or what is wrong)
    lines: list[tuple[int, str, str, str]] = field(default_factory=list)


class _DryRun(Exception):
    pass


def import_roster(actor: Actor, path: Path, *, dry_run: bool = False) -> RosterImport:
    rows = _read(path)
    result = RosterImport()
    try:
        with db.atomic():
            for number, row in rows:
                where = (row.get("姓名", ""), row.get("村(社区)", ""))
                try:
                    outcome = _apply_row(actor, row, result)
                except ArchiveError as error:
                    result.problems.append(f"第{number}行 {error}")
                    outcome = f"有问题:{error}"
                result.lines.append((number, *where, outcome))
            if result.problems or dry_run:
                raise _DryRun  # roll everything back: nothing is half imported
    except _DryRun:
        pass
    return result


MAX_ROWS, MAX_COLUMNS = 20_000, 60  # a township's roster is tens of rows, a district's a few thousand
MAX_UNPACKED = 64 * 1024 * 1024  # what the workbook may expand to: refused before reading it (zip bombs)


def _read(path: Path) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook  # (see export_roster)

    _check_container(path)
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > MAX_ROWS + 1 or declared_columns > MAX_COLUMNS * 10:
            raise ArchiveError(f"花名册“{path.name}”的表格范围过大({declared_rows}行×{declared_columns}列),"
                               f"最多{MAX_ROWS}行;请删去多余的行列后再导入")
        lines = [[(cell.value, getattr(cell, "number_format", "General")) for cell in line]
                 for line in sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)]
    except ArchiveError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ArchiveError(f"无法读取花名册“{path}”:不是有效的Excel文件({type(error).__name__})") from None
    if len(lines) > MAX_ROWS + 1:
        raise ArchiveError(f"花名册“{path.name}”超过{MAX_ROWS}行,请分成几个文件导入")
    if not lines:
        raise ArchiveError("花名册是空的")
    header = [str(v or "").strip() for v, _ in lines[0]]
    missing = [title for title, _ in COLUMNS[:3] if title not in header]
    if missing:
        raise ArchiveError(f"花名册缺少列:{'、'.join(missing)}")
    rows = [(index, _row(header, line)) for index, line in enumerate(lines[1:], start=2)
            if any(v not in (None, "") for v, _ in line)]
    _refuse_repeated_people(rows)
    return rows


MONTH_COLUMNS = frozenset({"出生年月", "任现职时间"})  # 1979.02: a date cell gives its year and month
UNREADABLE = "__unreadable__"  # a row's cells that cannot be read as what the clerk meant


def _row(header: list[str], line: list[tuple]) -> dict:
    row, unreadable = {}, []
    for title, (value, number_format) in zip(header, line):
        if not title:
            continue
        try:
            row[title] = _cell_text(title, value, number_format)
        except ValueError as error:
            unreadable.append(f"“{title}”{error}")
    if unreadable:
        row[UNREADABLE] = ";".join(unreadable)
    return row


def _cell_text(title: str, value, number_format: str) -> str:
    """A cell as the text the clerk sees in Excel: every workbook from another office has date
    and number cells (a date cell read as “1979-02-01 00:00:00” was refused as not a date)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y.%m}" if title in MONTH_COLUMNS else f"{value:%Y.%m.%d}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    if title == "身份证号" and isinstance(value, float) and value >= 1e15:  # Excel keeps 15 digits:
        raise ValueError("是数字单元格,Excel只保留了前15位(后几位已丢失);请把该列设为文本格式后重新填写")
    if float(value).is_integer():
        return str(int(value))  # 13800138000, not 13800138000.0
    shown = re.search(r"\.(0+)", number_format)  # 0.00: Excel shows two decimals
    decimals = len(shown.group(1)) if shown else 0
    if title not in MONTH_COLUMNS:
        return f"{value:.{decimals}f}" if shown else repr(value)
    # a month typed as a number: the stored digits, never rounded to the format (2021.12 in a
    # "0.0" cell is December), padded where the format shows more (2021.1 in "0.00" is 2021.10)
    year, _, month = repr(value).partition(".")
    month = month.ljust(decimals, "0")
    if len(month) == 1:  # Excel turned a typed 1979.10 into 1979.1, and shows no more
        raise ValueError(f"是数字“{value}”,分不清是{year}.0{month}还是{year}.{month}0;请把该列设为文本格式后重新填写")
    return f"{year}.{month}"


def _check_container(path: Path) -> None:
    """A workbook is a zip: its members' sizes are read before anything is unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile):
        raise ArchiveError(f"无法读取花名册“{path}”:不是有效的Excel文件") from None
    unpacked = sum(info.file_size for info in infos)
    squeezed = any(info.compress_size and info.file_size / info.compress_size > 200 and info.file_size > 1 << 20
                   for info in infos)
    if unpacked > MAX_UNPACKED or squeezed:
        raise ArchiveError(f"花名册“{path.name}”的内容异常(解压后过大),已拒绝;请另存为普通的Excel文件后再导入")


def _refuse_repeated_people(rows: list[tuple[int, dict]]) -> None:
    """Two rows with the same person (the ID number as typed, 15 digits or full-width alike)."""
    seen: dict[str, int] = {}
    for number, row in rows:
        raw = row.get("身份证号", "")
        if not raw:
            continue
        try:
            key = idcard.parse(raw).number
        except ValidationError:
            continue  # reported with the row itself
        if key in seen:
            raise ArchiveError(f"花名册第{seen[key]}行和第{number}行是同一个身份证号({idcard.mask(key)}),"
                               "请合并为一行后再导入;没有导入任何数据")
        seen[key] = number


def _apply_row(actor: Actor, row: dict, result: RosterImport) -> str:
    if UNREADABLE in row:
        raise ArchiveError(row[UNREADABLE])
    sexes = {name: code for code, name in code_map("性别").items()}
    ethnicities = {name: code for code, name in code_map("民族").items()}
    data = {name: row.get(title, "") for title, name in COLUMNS if name and row.get(title, "") != ""}
    if "sex" in data:
        data["sex"] = sexes.get(data["sex"], data["sex"])
    if "ethnicity" in data:
        data["ethnicity"] = ethnicities.get(data["ethnicity"], data["ethnicity"])
    data["unit"] = _unit(actor, row.get("乡镇", ""), row.get("村(社区)", ""))
    existing = _existing(data.get("id_number"))
    if existing:
        differences = _differences(existing, data)
        if not differences:
            return "与档案一致"
        services.update(actor, Secretary, existing.id, data)
        result.updated += 1
        return "更新:" + ";".join(differences)
    services.create(actor, Secretary, data)
    result.created += 1
    return "新建档案"


def _differences(person: Secretary, data: dict) -> list[str]:
    """Field by field, what the roster would change in the file (as the yearly reconciliation
    with the district reads it): ``联系电话:138… → 139…``."""
    clean, _ = clean_record(Secretary, data, existing=person)
    stored = services.stored_values(person)
    words = []
    for name, new in clean.items():
        old = stored.get(name)
        if name in Secretary.derived or (old or None) == (new or None) or str(old) == str(new):
            continue
        label = Secretary._meta.fields[name].verbose_name
        units = {u.id: u.name for u in Unit.select().where(Unit.id.in_([old, new]))} if name == "unit" else {}
        old, new = (units.get(v) or shown_code(name, v) for v in (old, new))
        words.append(f"{label}:{old or '(空)'} → {new or '(空)'}")
    return words


def _existing(raw: str | None):
    """The file of this ID number (typed with 15 digits or full-width, it is the same person)."""
    if not raw:
        return None
    try:
        number = idcard.parse(raw).number
    except ValidationError:
        return None  # the services name the field when the row is written
    return Secretary.live().where(Secretary.id_number == number).first()


def _unit(actor: Actor, township: str, name: str) -> str:
    if not name:
        raise ValidationError.single("unit", "村(社区)", "不能为空")
    unit = (Unit.select().join(Township).where((Township.name == township) & (Unit.name == name) &
                                                Unit.deleted_at.is_null()).first())
    if unit is None:
        kind = "社区" if name.endswith("社区") else "村"
        unit = register_unit(actor, township_name=township, name=name, kind=kind)
    return unit.id
