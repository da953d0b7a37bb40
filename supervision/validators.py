"""Validators for the national identifiers the portal stores: unified social credit codes
(GB 32100) and citizen identity numbers (GB 11643).

A citizen identity number is personal data: these messages never quote it, and it is never
logged.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, S, V, Z).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(body: str) -> str:
    """The 18th character of a unified social credit code whose first 17 are ``body``."""
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(length)d."),
            code="length",
            params={"length": len(value)},
        )
    wrong = sorted({c for c in value if c not in CREDIT_CODE_CHARSET})
    if wrong:
        raise ValidationError(
            _(
                "A unified social credit code uses only digits and capital letters other than"
                " I, O, S, V and Z; not allowed here: %(chars)s."
            ),
            code="characters",
            params={"chars": " ".join(wrong)},
        )
    if not value[2:8].isdigit():
        raise ValidationError(
            _(
                "Characters 3 to 8 of a unified social credit code are the region code (six digits)."
            ),
            code="region",
        )
    expected = credit_code_check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong: please verify it."),
            code="check",
        )


# Citizen identity numbers (公民身份号码), GB 11643-1999: a six-digit address code, the birth date
# as YYYYMMDD, a three-digit order code and a check character (ISO 7064 MOD 11-2, X for 10).
CITIZEN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CITIZEN_ID_CHECK_CHARACTERS = "10X98765432"

# GB/T 2260 province-level codes: the first two digits of every address code.
PROVINCE_CODES = frozenset(
    {
        *("11", "12", "13", "14", "15"),
        *("21", "22", "23"),
        *("31", "32", "33", "34", "35", "36", "37"),
        *("41", "42", "43", "44", "45", "46"),
        *("50", "51", "52", "53", "54"),
        *("61", "62", "63", "64", "65"),
        *("71", "81", "82"),
    }
)


def citizen_id_check_character(body: str) -> str:
    """The 18th character of a citizen ID number whose first 17 digits are ``body``."""
    total = sum(int(c) * w for c, w in zip(body, CITIZEN_ID_WEIGHTS, strict=True))
    return CITIZEN_ID_CHECK_CHARACTERS[total % 11]


def normalize_citizen_id(value) -> str:
    """Spaces trimmed and a lower-case check ``x`` raised, as rosters often carry them."""
    return str(value or "").strip().upper()


def validate_citizen_id(value: str) -> None:
    if len(value) != 18:
        raise ValidationError(
            _("A citizen ID number has 18 characters; this one has %(length)d."),
            code="length",
            params={"length": len(value)},
        )
    if not value[:17].isdigit() or not value[:17].isascii() or value[17] not in "0123456789X":
        raise ValidationError(
            _("A citizen ID number is 17 digits followed by a digit or the letter X."),
            code="characters",
        )
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first two digits of a citizen ID number are not a province code."),
            code="region",
        )
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > timezone.localdate():
        raise ValidationError(
            _("Digits 7 to 14 of a citizen ID number are not a possible date of birth."),
            code="birth_date",
        )
    if value[17] != citizen_id_check_character(value[:17]):
        raise ValidationError(
            _("The check digit of this citizen ID number is wrong: please verify it."),
            code="check",
        )


def mask_citizen_id(value: str) -> str:
    """``341302198001011234`` → ``3413**********1234``: the region and the last four only."""
    if not value:
        return ""
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
