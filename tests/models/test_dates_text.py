import datetime as dt

import pytest

from models.errors import ValidationError
from models.values import dates, text

TODAY = dt.date(2026, 11, 24)


def parse(raw):
    return dates.parse_partial(raw, field="birth_date", label="出生年月", today=TODAY)


@pytest.mark.parametrize("raw, stored", [
    ("1975", "1975"), ("1975.03", "1975.03"), ("1975.3", "1975.03"), ("1975-3", "1975.03"),
    ("1975/03/08", "1975.03.08"), ("1975年3月", "1975.03"), ("1975年3月8日", "1975.03.08"),
    ("197503", "1975.03"), ("１９７５．０３", "1975.03"), ("", None), ("  ", None),
])
def test_partial_dates_are_stored_as_typed_without_inventing_a_day(raw, stored):
    assert parse(raw) == stored


@pytest.mark.parametrize("raw, message", [
    ("1975.13", "月份不存在"), ("1975.02.30", "不是真实的日期"), ("2027", "晚于今天"),
    ("2026.12", "晚于今天"), ("abc", "不是日期"), ("1850", "不在1900—2100之间"),
])
def test_bad_dates_are_refused_naming_the_field(raw, message):
    with pytest.raises(ValidationError) as caught:
        parse(raw)
    assert message in str(caught.value)
    assert str(caught.value).startswith("出生年月:")


def test_partial_date_ranges_and_ages():
    assert dates.latest_day("2024.02") == dt.date(2024, 2, 29)
    assert dates.latest_day("1975") == dt.date(1975, 12, 31)
    assert dates.earliest_day("1975.03") == dt.date(1975, 3, 1)
    assert dates.is_before("1986.09", "1990.07")
    assert not dates.is_before("1990", "1990.07")  # overlapping: not certainly before
    assert dates.age_at("1968.05", dt.date(2024, 5, 1)) == 56
    assert dates.age_at("1968.05", dt.date(2024, 4, 30)) == 55


def test_names_keep_rare_characters_outside_the_bmp():
    assert text.clean_name("  王𠇔 ") == "王𠇔"
    assert text.clean_name("刘䶮") == "刘䶮"
    assert text.clean_name("阿依古丽·买买提") == "阿依古丽·买买提"


@pytest.mark.parametrize("raw, message", [
    ("", "不能为空"), ("张\u0000三", "控制字符"), ("张三3", "不应出现的字符"), ("张" * 31, "不能超过30个字"),
])
def test_bad_names_are_refused(raw, message):
    with pytest.raises(ValidationError, match=message):
        text.clean_name(raw)


def test_phone_numbers():
    assert text.clean_phone("138 0013 8000") is not None
    assert text.clean_phone("13800138000、0532-87654321") == "13800138000、0532-87654321"
    with pytest.raises(ValidationError, match="联系电话:“12345”不是有效的电话号码"):
        text.clean_phone("12345")
