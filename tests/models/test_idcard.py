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


# Published examples, one for every remainder of the weighted sum (0–10), written down by people
# other than this product: the standard's own examples, validator libraries' documented cases,
# and explanatory articles. The expected check character is the one printed in the source, not
# one this product computes.
PUBLISHED = {
    0: "360426199101010071",   # python-stdnum, cn.ric docstring
    1: "110101199003078670",   # guanguans/id-validator test suite
    2: "11010519491231002X",   # GB 11643-1999, appendix example
    3: "110101199003070759",   # godscan README (weak-password generator example)
    4: "140120197901010008",   # guanguans/id-validator test suite (historical 太原 code)
    5: "110101199003074557",   # a PII-middleware test fixture ("GB 11643 校验位正确")
    6: "500154199301135886",   # jxlwqq/id-validator test suite
    8: "130133197204039024",   # a widely copied Java regular-expression exercise
    9: "370101190102039973",   # worked example in an article on the algorithm (济南, 1901-02-03)
    10: "440308199901101512",  # jxlwqq/id-validator README
}


@pytest.mark.parametrize("remainder, number", sorted(PUBLISHED.items()))
def test_published_numbers_are_accepted_and_every_other_check_character_refused(remainder, number):
    assert "10X98765432"[remainder] == number[-1]  # the table of GB 11643, as printed in the standard
    assert idcard.parse(number).number == number
    for wrong in set("0123456789X") - {number[-1]}:
        with pytest.raises(ValidationError, match="校验码错误"):
            idcard.parse(number[:17] + wrong)


def test_the_remainder_without_a_published_example_agrees_with_iso_7064_computed_another_way():
    """Remainder 7 (check character 5): no published number was found, so the check character is
    computed by ISO 7064's recursive definition (not the product's weight table) and the product
    must agree with it, and refuse the ten others."""
    def iso7064(body: str) -> str:
        carry = 0
        for digit in body:
            carry = ((carry + int(digit)) * 2) % 11
        return "X" if (12 - carry) % 11 == 10 else str((12 - carry) % 11)

    body = next(f"37028119800101{n:03d}" for n in range(1000) if iso7064(f"37028119800101{n:03d}") == "5")
    assert idcard.parse(body + "5").number == body + "5"
    for wrong in set("0123456789X") - {"5"}:
        with pytest.raises(ValidationError, match="校验码错误"):
            idcard.parse(body + wrong)


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
