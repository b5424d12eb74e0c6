"""The roster (花名册): every file as one light row, searchable as the clerk types.

The whole roster is read in one query (10,000 files in a few tens of milliseconds) and kept
as tuples; search and filters then run in memory, which keeps each keystroke well under the
50 ms the clerk would notice.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from models.codes.lists import code_map
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage.db import db
from models.values import clock, dates

COLUMNS = ("乡镇", "村(社区)", "姓名", "性别", "年龄", "学历", "任现职时间", "一肩挑", "状态", "联系电话")


@dataclass(frozen=True, slots=True)
class RosterRow:
    id: str
    township_id: str
    unit_id: str
    status: str
    cells: tuple  # display values in COLUMNS order
    haystack: str  # lower-case text searched: name, pinyin, initials, ID number, village, township


@dataclass(frozen=True)
class RosterFilter:
    text: str = ""
    township_id: str | None = None
    unit_id: str | None = None
    status: str | None = None


def normalise_query(text: str) -> str:
    """Full-width to half-width, spaces dropped, lower-case (so ``ZS`` and ``ｚｓ`` find 张三)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def load_roster(*, today: dt.date | None = None, deleted: bool = False, limit: int | None = None) -> list[RosterRow]:
    """All live files (or those in the recycle bin), ordered by township, village and name; the
    first ``limit`` of them when given."""
    today = today or clock.today()
    sexes = code_map("性别")
    query = (Secretary.select(Secretary.id, Township.id, Unit.id, Township.name, Unit.name, Secretary.name,
                              Secretary.sex, Secretary.birth_date, Secretary.ft_education, Secretary.pt_education,
                              Secretary.post_since, Secretary.concurrent_head, Secretary.status, Secretary.phone,
                              Secretary.id_number, Secretary.name_initials, Secretary.name_pinyin)
             .join(Unit).join(Township)
             .where(Secretary.deleted_at.is_null(not deleted))
             .order_by(Township.sort_order, Township.name, Unit.sort_order, Unit.name, Secretary.name_pinyin,
                       Secretary.id)
             .limit(limit))
    # the rows as SQLite gives them (all text but a 0/1 flag): converting each of a district's
    # 50,000 × 17 values through the fields was most of the register's first showing
    return [_row(values, sexes, today) for values in db.execute_sql(*query.sql())]


def _row(values: tuple, sexes: dict, today: dt.date) -> RosterRow:
    (record_id, township_id, unit_id, township, unit, name, sex, birth, ft_education, pt_education,
     post_since, head, status, phone, id_number, initials, pinyin) = values
    age = dates.age_at(birth, today)
    cells = (township, unit, name, sexes.get(sex or "", ""), age, pt_education or ft_education or "",
             post_since or "", "是" if head else "否", status, phone or "")
    haystack = "\x1f".join((name, initials, pinyin, id_number or "", unit, township, phone or "")).lower()
    return RosterRow(record_id, township_id, unit_id, status, cells, haystack)


def narrows(wanted: RosterFilter, before: RosterFilter) -> bool:
    """Whether every row ``wanted`` accepts is among those ``before`` accepted: the same choices
    and the typed text grown around the earlier one."""
    return ((wanted.township_id, wanted.unit_id, wanted.status) == (before.township_id, before.unit_id, before.status)
            and normalise_query(before.text) in normalise_query(wanted.text))


def filter_rows(rows: list[RosterRow], wanted: RosterFilter) -> list[RosterRow]:
    """The rows ``wanted`` accepts, in their order. Each keystroke scans a district's 50,000 rows:
    the typed text is normalised once and each test is one comprehension over what is left."""
    text = normalise_query(wanted.text)
    found = [row for row in rows if text in row.haystack] if text else list(rows)
    for attribute in ("township_id", "unit_id", "status"):
        value = getattr(wanted, attribute)
        if value:
            found = [row for row in found if getattr(row, attribute) == value]
    return found
