"""The consistency of a person's dates and ID number, decided once.

Saving a file (a warning beside the field), the 专审 checks of 信息核验 and the file editor's
fields as they are typed all ask here, so that the three never disagree about a person: what the
ID number says of the birth date and sex, and whether someone was old enough when they joined the
Party or started work. Dates are the forms' partial dates (``1975``, ``1975.03``, ``1975.03.08``):
only a difference their precision shows counts.
"""
from __future__ import annotations

import datetime as dt

from models.values import dates, idcard

PARTY_AGE = 18  # 入党: at least 18 (the Party's constitution)
WORK_AGE = 16  # 参加工作: at least 16 (the labour law)


def read_id_number(number: str, *, today: dt.date | None = None) -> idcard.IdNumber:
    """The number read as GB 11643 (ValidationError when it is not one)."""
    return idcard.parse(number, today=today)


def birth_month(read: idcard.IdNumber) -> str:
    """The birth date as a file keeps it when the ID number fills it: ``1975.03``."""
    return dates.from_date(read.birth_date, "month")


def birth_agrees(birth: str | None, read: idcard.IdNumber) -> bool:
    """Whether a file's 出生年月 says what the ID number says, as precisely as it is written
    (``1975`` agrees with any day of 1975; ``1975.03.08`` only with that day). Empty agrees."""
    if not birth:
        return True
    return dates.from_date(read.birth_date, "day")[:len(birth)] == birth


def sex_agrees(sex_code: str | None, read: idcard.IdNumber) -> bool:
    """Whether a file's 性别 (GB/T 2261.1 code) is that of the ID number's 17th digit. Empty agrees."""
    return not sex_code or sex_code == read.sex_code


def younger_than(birth: str, when: str, years: int) -> bool:
    """Whether a person born ``birth`` was certainly younger than ``years`` at ``when`` (a date
    before the birth itself counts as younger)."""
    age = dates.age_at(birth, dates.latest_day(when))
    return age is None or age < years


def joined_party_young(birth: str | None, party: str | None) -> bool:
    """入党时未满18周岁: a warning, never a refusal (archive dates can be wrong either way)."""
    return bool(birth and party) and younger_than(birth, party, PARTY_AGE)


def started_work_young(birth: str | None, work: str | None) -> bool:
    """参加工作时未满16周岁."""
    return bool(birth and work) and younger_than(birth, work, WORK_AGE)
