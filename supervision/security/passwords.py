"""The password policy (等保2.0 level 3, GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求并定期更换).

- ``CharacterClassValidator``: three of the four classes (upper, lower, digit, symbol); the length
  is Django's ``MinimumLengthValidator`` (10), the username and common passwords Django's own.
- ``HistoryValidator``: not one of the last ``PASSWORD_HISTORY`` passwords. Its ``password_changed``
  is called by ``User.save`` whatever the door (own change, admin, ``changepassword``): it keeps
  the new hash, revokes the user's API tokens and audits the change.
- ``must_change(user)``: a password set by the administrator, or older than ``PASSWORD_MAX_AGE_DAYS``.
"""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class CharacterClassValidator:
    classes_required = 3

    def validate(self, password, user=None):
        classes = [
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.classes_required:
            raise ValidationError(
                _(
                    "The password must mix at least three of: capital letters, small letters, "
                    "digits and symbols."
                ),
                code="password_too_simple",
            )

    def get_help_text(self):
        return _(
            "Your password must mix at least three of: capital letters, small letters, digits "
            "and symbols."
        )


class HistoryValidator:
    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory

        recent = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[
            : settings.PASSWORD_HISTORY
        ]
        hashes = [user.password, *recent] if user.password else list(recent)
        if any(check_password(password, stored) for stored in hashes):
            raise ValidationError(
                _("The password must differ from your last %(count)d passwords.")
                % {"count": settings.PASSWORD_HISTORY},
                code="password_reused",
            )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        from supervision import audit

        from .models import ApiToken, PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[
            settings.PASSWORD_HISTORY :
        ]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()
        revoked = ApiToken.objects.filter(user=user).revoke()
        audit.record_event(
            audit.Action.PASSWORD_CHANGE, user=user, detail={"tokens_revoked": revoked}
        )

    def get_help_text(self):
        return _("Your password must differ from your last %(count)d passwords.") % {
            "count": settings.PASSWORD_HISTORY
        }


def expired(user, now=None) -> bool:
    """Older than ``PASSWORD_MAX_AGE_DAYS`` (0 turns the periodic change off)."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    # Every door that sets a password (``set_password``: the change page, the admin,
    # ``createsuperuser``) dates it, and the migration dated the accounts that were there; an
    # account without a date has a password no one set through the portal (a fixture).
    if not days or user.password_changed_at is None:
        return False
    return user.password_changed_at + datetime.timedelta(days=days) <= (now or timezone.now())


def must_change(user) -> bool:
    return bool(user.must_change_password) or expired(user)
