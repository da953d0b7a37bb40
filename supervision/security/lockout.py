"""Login lockout (django-axes): the backend every login door passes, the answer a locked-out
caller gets, and the administrator's unlock.

Every door that checks a password (the login page, the admin's login, ``POST
/api/v1/auth/token/``) calls ``django.contrib.auth.authenticate`` with the request, so django-axes
counts the failures of all three together, per username and per client address.
"""

from axes.backends import AxesStandaloneBackend
from axes.utils import reset
from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from supervision import audit


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for the doors that pass a request (all the portal's HTTP doors).

    Code that authenticates without a request (a management command, a test's ``login``) has no
    client to lock out; it is let through to the password check rather than refused.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_message() -> str:
    from django.conf import settings

    return _(
        "Too many failed logins: this account or address is locked for %(minutes)d minutes. "
        "Ask the administrator to unlock it sooner."
    ) % {"minutes": settings.LOGIN_LOCKOUT_MINUTES}


def lockout_response(request, original_response=None, credentials=None):
    """429 with the reason: JSON for the API, the login page for the browser."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    return render(request, "security/locked_out.html", {"message": lockout_message()}, status=429)


def unlock(*, actor, username: str = "", address: str = "") -> int:
    """Lift the lockout of an account or an address before it runs out; audited."""
    if not (actor.is_authenticated and (actor.is_administrator or actor.is_legal_office)):
        raise PermissionError("Only the administrator or the legal office unlocks logins.")
    removed = 0
    if username:
        removed += reset(username=username)
    if address:
        removed += reset(ip=address)
    user = get_user_model().objects.filter(username=username).first() if username else None
    audit.record_event(
        audit.Action.UNLOCK,
        user=user,
        actor=actor,
        address=address,
        detail={"attempts_removed": removed},
    )
    return removed
