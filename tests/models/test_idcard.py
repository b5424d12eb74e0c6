import datetime as dt
import random

import pytest

from models.errors import ValidationError
from models.values import idcard

VALID = "11010519491231002X"


def make(body17: str) -> str:
    return body17 + idcard.check_character(body17)


def test_a_published_example_is_valid_and_yields_birth_and_sex():
    parsed = idcard.parse(VALID)
    assert parsed.number == VALID
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.sex_code == "2"  # 17th digit 2 is even: female


def test_full_width_digits_spaces_and_lower_case_x_are_normalised():
    assert idcard.parse("１１０１０５１９４９１２３１００２ｘ").number == VALID
    assert idcard.parse(" 110105 19491231 002x ").number == VALID


def test_every_wrong_check_character_is_rejected_over_thousands_of_bodies():
    rng = random.Random(11643)
    rejected = 0
    for _ in range(3000):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 80))
        body = f"37028{rng.randrange(10)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        right = idcard.check_character(body)
        assert idcard.parse(body + right).number == body + right
        for wrong in set("0123456789X") - {right}:
            with pytest.raises(ValidationError, match="校验码错误"):
                idcard.parse(body + wrong)
            rejected += 1
    assert rejected == 3000 * 10


def test_old_fifteen_digit_numbers_are_converted():
    number = idcard.parse("370281650312123").number
    assert number[:17] == "37028119650312123"
    assert number == make("37028119650312123")


@pytest.mark.parametrize("raw, message", [
    ("", "不能为空"),
    ("1234", "应为18位"),
    (make("99010519491231002"), "省份代码“99”不存在"),
    (make("11010519490230002"), "不是真实的日期"),
    (make("11010520991231002"), "晚于今天"),
    ("11010519491231002A", "最后一位只能是数字或X"),
    ("1101051949123100AX", "前17位只能是数字"),
])
def test_wrong_numbers_get_a_chinese_message_naming_the_field(raw, message):
    with pytest.raises(ValidationError) as caught:
        idcard.parse(raw)
    assert message in str(caught.value)
    assert caught.value.problems[0].label == "身份证号"


def test_leap_day_birth_dates():
    assert idcard.parse(make("37028119920229001")).birth_date == dt.date(1992, 2, 29)
    with pytest.raises(ValidationError, match="不是真实的日期"):
        idcard.parse(make("37028119930229001"))


def test_mask_keeps_area_and_last_four():
    assert idcard.mask(VALID) == "110105********002X"
