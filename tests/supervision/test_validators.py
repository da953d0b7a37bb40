import pytest
from django.core.exceptions import ValidationError

from supervision.validators import validate_credit_code

REAL_CODES = [
    "91350100M000100Y43",  # the standard's worked example
    "9144030071526726XG",
    "914403001922038216",
    "91110000600001760P",
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("9135010M000100Y43", "length"),  # 17 characters
        ("91350100M000100Y433", "length"),  # 19 characters
        ("", "length"),
        ("91350100M000100I43", "characters"),  # I is not in the character set
        ("91350100M000100O43", "characters"),  # O
        ("91350100M000100S43", "characters"),  # S
        ("91350100M000100Y4Z", "characters"),  # Z as check character
        ("91350100m000100y43", "characters"),  # lower case
        ("913501A0M000100Y43", "region"),  # region code must be digits
        ("91350100M000100Y44", "check"),  # wrong check character
        ("91350100M000101Y43", "check"),  # one body character changed
        ("9144030071526726XH", "check"),
    ],
)
def test_each_kind_of_wrong_code_is_refused_with_its_reason(code, error_code):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert caught.value.code == error_code
