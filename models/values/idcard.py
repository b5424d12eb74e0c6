"""GB 11643 citizen identity numbers (居民身份证号码).

18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male) and an
ISO 7064 MOD 11-2 check character. Old 15-digit numbers (2-digit year, no check character) are
converted. Only the province prefix is checked against the code list: area codes change over time
but old numbers stay valid.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from models.errors import ValidationError
from models.values import clock
from models.values.reference import province_codes

FIELD = "id_number"
LABEL = "身份证号"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: dt.date
    sex_code: str  # GB/T 2261.1: "1" 男, "2" 女

    @property
    def province_code(self) -> str:
        return self.number[:2]


def check_character(body17: str) -> str:
    """The MOD 11-2 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(body17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def _fail(message: str) -> ValidationError:
    return ValidationError.single(FIELD, LABEL, message)


def normalise(raw: str) -> str:
    """Full-width digits and letters to ASCII, spaces removed, ``x`` upper-cased."""
    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(text.split()).upper()


def convert_15_to_18(number15: str) -> str:
    """An old 15-digit number (born 19xx) to its 18-digit form with the check character."""
    body = number15[:6] + "19" + number15[6:]
    return body + check_character(body)


def parse(raw: str, *, today: dt.date | None = None) -> IdNumber:
    """Validate and normalise an identity number; raise ValidationError naming what is wrong."""
    number = normalise(raw)
    if not number:
        raise _fail("不能为空")
    if len(number) == 15:
        if not number.isdigit():
            raise _fail("15位旧号码只能由数字组成")
        number = convert_15_to_18(number)
    elif len(number) != 18:
        raise _fail(f"应为18位(现为{len(number)}位)")
    body, check = number[:17], number[17]
    if not body.isascii() or not body.isdigit():
        raise _fail("前17位只能是数字")
    if check not in "0123456789X":
        raise _fail("最后一位只能是数字或X")
    if number[:2] not in province_codes():
        raise _fail(f"开头的省份代码“{number[:2]}”不存在")
    birth = _birth_date(number[6:14], today or clock.today())
    expected = check_character(body)
    if check != expected:
        raise _fail(f"校验码错误(最后一位应为{expected}),请核对号码")
    sex = "1" if int(number[16]) % 2 == 1 else "2"
    return IdNumber(number, birth, sex)


def _birth_date(digits: str, today: dt.date) -> dt.date:
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise _fail(f"其中的出生日期“{digits}”不是真实的日期") from None
    if birth > today:
        raise _fail(f"其中的出生日期“{digits}”晚于今天")
    if birth.year < 1900:
        raise _fail(f"其中的出生日期“{digits}”早于1900年")
    return birth


def mask(number: str) -> str:
    """For forms that do not need the number in full: keep area and last four."""
    if len(number) != 18:
        return number
    return number[:6] + "********" + number[14:]
