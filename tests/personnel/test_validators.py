"""GB 11643 citizen ID numbers: real-format numbers pass, each kind of wrong one is refused."""

import pytest
from django.core.exceptions import ValidationError

from supervision.validators import (
    citizen_id_check_character,
    mask_citizen_id,
    normalize_citizen_id,
    validate_citizen_id,
)

from .conftest import D, citizen_id

# The standard's worked example (GB 11643-1999, Annex A): 11010519491231002X.
STANDARD_EXAMPLE = "11010519491231002X"


def test_the_standards_example_passes():
    validate_citizen_id(STANDARD_EXAMPLE)
    assert citizen_id_check_character("11010519491231002") == "X"


@pytest.mark.parametrize(
    "number",
    [
        citizen_id(1),  # 埇桥区
        citizen_id(7, region="341321", born=D(1990, 2, 28)),  # 砀山县
        citizen_id(999, region="110105", born=D(1949, 12, 31)),
        citizen_id(5, region="440305", born=D(2000, 2, 29)),  # a leap day
        citizen_id(42, region="650102", born=D(1962, 10, 1)),
    ],
)
def test_numbers_with_computed_check_digits_pass(number):
    validate_citizen_id(number)


def test_each_check_value_including_x_is_reached():
    seen = {citizen_id(n)[-1] for n in range(200)}
    assert seen == set("0123456789X")


def _with_last(number, character):
    return number[:17] + character


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        ("34130219850615001", "length", "公民身份号码应为18位，当前为17位。"),
        (citizen_id(1) + "0", "length", "公民身份号码应为18位，当前为19位。"),
        ("", "length", "公民身份号码应为18位，当前为0位。"),
        ("34130219850615001Y", "characters", "公民身份号码由17位数字和1位数字或字母X组成。"),
        ("3413021985061500１7", "characters", "公民身份号码由17位数字和1位数字或字母X组成。"),
        ("3413A2198506150017", "characters", "公民身份号码由17位数字和1位数字或字母X组成。"),
        ("34130219850615001x", "characters", "公民身份号码由17位数字和1位数字或字母X组成。"),
        (
            citizen_id(1, region="991302"),
            "region",
            "公民身份号码前两位不是有效的省级行政区划代码。",
        ),
        (
            citizen_id(1, region="001302"),
            "region",
            "公民身份号码前两位不是有效的省级行政区划代码。",
        ),
        ("341302198502300017", "birth_date", "公民身份号码第7至14位不是有效的出生日期。"),
        ("341302198513010017", "birth_date", "公民身份号码第7至14位不是有效的出生日期。"),
        (
            citizen_id(1, born=D(1899, 12, 31)),
            "birth_date",
            "公民身份号码第7至14位不是有效的出生日期。",
        ),
        (
            citizen_id(1, born=D(2026, 6, 16)),
            "birth_date",
            "公民身份号码第7至14位不是有效的出生日期。",
        ),
    ],
)
def test_each_kind_of_wrong_number_is_refused_with_its_reason(number, code, message):
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id(number)
    assert caught.value.code == code
    assert caught.value.messages == [message]


@pytest.mark.parametrize("position", range(17))
def test_changing_any_one_digit_breaks_the_check(position):
    number = citizen_id(1, born=D(1985, 6, 15))
    digit = str((int(number[position]) + 1) % 10)
    changed = number[:position] + digit + number[position + 1 :]
    # a changed digit may also make the region or the birth date impossible: refused either way
    with pytest.raises(ValidationError):
        validate_citizen_id(changed)


@pytest.mark.parametrize("wrong", [c for c in "0123456789X" if c != citizen_id(3)[-1]])
def test_every_wrong_check_character_is_refused(wrong):
    number = citizen_id(3)
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id(_with_last(number, wrong))
    assert caught.value.code == "check"
    assert caught.value.messages == ["公民身份号码校验码不正确，请核对。"]


def test_the_message_never_quotes_the_number():
    number = _with_last(citizen_id(3), "0" if citizen_id(3)[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id(number)
    assert number not in " ".join(caught.value.messages)


def test_a_lower_case_x_and_spaces_are_normalised():
    assert normalize_citizen_id(" 11010519491231002x ") == STANDARD_EXAMPLE


def test_masking_keeps_the_region_and_the_last_four():
    assert mask_citizen_id("341302198506150017") == "3413**********0017"
    assert mask_citizen_id("") == ""
