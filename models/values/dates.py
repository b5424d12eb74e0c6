"""Partial dates as the forms write them: ``yyyy``, ``yyyy.mm`` or ``yyyy.mm.dd``.

Stored as that normalised text, which sorts correctly as a string, and never with an invented
day. Input is forgiving: ``1975-3``, ``1975/03``, ``1975年3月``, ``197503`` and full-width digits
are all read as ``1975.03``.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from models.errors import ValidationError

_SEPARATED = re.compile(r"^(\d{4})(?:[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?)?月?)?年?$")
_FULL_DAY = re.compile(r"^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$|^(\d{4})(\d{2})(\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
FORMAT_HINT = "请按“1975”“1975.03”或“1975.03.08”的格式填写"


def _clean(raw: str) -> str:
    return "".join(unicodedata.normalize("NFKC", raw).split())


def parse_partial(raw: str | None, *, field: str, label: str, today: dt.date | None = None) -> str | None:
    """Normalise a partial date; ``None`` for empty input; ValidationError when not a date."""
    text = _clean(raw or "")
    if not text:
        return None
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if not match:
        raise ValidationError.single(field, label, f"“{raw}”不是日期,{FORMAT_HINT}")
    year, month, day = (int(g) if g else None for g in match.groups())
    _check_real(year, month, day, raw, field, label)
    value = _format(year, month, day)
    if today is not None and value > _format(today.year, today.month, today.day)[: len(value)]:
        raise ValidationError.single(field, label, f"“{value}”晚于今天")
    return value


def read_day(raw) -> dt.date | None:
    """A whole day as a clerk types it (``2026-03-17``, ``2026.3.17``, ``2026/03/17``,
    ``2026年3月17日``, ``20260317``, full-width digits; a date as it is), None when the text is not
    one. The one reading of a typed day: the write path, the report editor's live 是否按期 and the
    ledger's period all use it."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    match = _FULL_DAY.match(_clean(str(raw or "")))
    try:
        return dt.date(*(int(g) for g in match.groups() if g)) if match else None
    except ValueError:  # 2026-02-30
        return None


def _check_real(year, month, day, raw, field, label) -> None:
    if not 1900 <= year <= 2100:
        raise ValidationError.single(field, label, f"年份“{year}”不在1900—2100之间")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError.single(field, label, f"“{raw}”的月份不存在")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValidationError.single(field, label, f"“{raw}”不是真实的日期") from None


def _format(year: int, month: int | None, day: int | None) -> str:
    text = f"{year:04d}"
    if month is not None:
        text += f".{month:02d}"
        if day is not None:
            text += f".{day:02d}"
    return text


def from_date(value: dt.date, precision: str = "month") -> str:
    """A full date as a partial one of the given precision (``year``, ``month``, ``day``)."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}.{value.month:02d}"
    return f"{value.year:04d}.{value.month:02d}.{value.day:02d}"


def earliest_day(partial: str) -> dt.date:
    """The first day a partial date can mean (``1975.03`` → 1975-03-01)."""
    parts = [int(p) for p in partial.split(".")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def latest_day(partial: str) -> dt.date:
    """The last day a partial date can mean (``1975.03`` → 1975-03-31)."""
    parts = [int(p) for p in partial.split(".")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def age_at(birth: str | None, when: dt.date) -> int | None:
    """Whole years of age at ``when`` (month precision, as the forms compute it)."""
    if not birth:
        return None
    parts = [int(p) for p in birth.split(".")]
    months = (when.year - parts[0]) * 12 + (when.month - (parts[1] if len(parts) > 1 else 1))
    return months // 12 if months >= 0 else None


def is_before(first: str, second: str) -> bool:
    """Whether ``first`` certainly lies before ``second`` (both partial)."""
    return latest_day(first) < earliest_day(second)
