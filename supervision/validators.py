"""Validators for the national identifiers the portal stores."""

from django.core.exceptions import ValidationError
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
