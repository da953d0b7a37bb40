"""Security events in the audit trail (GB/T 22239-2019 8.1.4.3: 安全审计): logins, failures,
lockouts and logouts, from Django's and django-axes' signals. Connected in ``SupervisionConfig``.
"""

import re
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F

from supervision import audit

from .middleware import LOGIN_AT, SEEN_AT
from .network import client_address


def _account(username):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def _address(request):
    return client_address(request) if request is not None else ""


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now
    audit.record_event(audit.Action.LOGIN, user=user, address=_address(request))


def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:  # no client: a command or a test, nothing to protect against
        return
    detail = {"locked": True} if getattr(request, "axes_locked_out", False) else None
    audit.record_event(
        audit.Action.LOGIN_FAILED,
        user=_account(credentials.get("username")),
        address=_address(request),
        detail=detail,
    )


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    # django-axes signals again for every attempt during the lockout; those are failures
    # (recorded above), the lockout itself is the attempt that reached the limit.
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    audit.record_event(
        audit.Action.LOCKOUT,
        user=_account(username),
        address=ip_address or _address(request),
        detail={"failures": request.axes_failures_since_start},
    )


def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    # Logging out ends every session of the user: the generation is part of the session hash.
    get_user_model().objects.filter(pk=user.pk).update(
        session_generation=F("session_generation") + 1
    )
    audit.record_event(audit.Action.LOGOUT, user=user, actor=user, address=_address(request))


def connect():
    user_logged_in.connect(on_login, dispatch_uid="security-login")
    user_login_failed.connect(on_login_failed, dispatch_uid="security-login-failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="security-locked-out")
    user_logged_out.connect(on_logout, dispatch_uid="security-logout")


# Events the portal's own code reports --------------------------------------------------------

_IDENTIFIER = re.compile(r"[0-9]{6,}[0-9Xx]*")


def masked(value: str) -> str:
    """A filter value as the audit trail keeps it: long digit runs (citizen ID numbers,
    certificate numbers) shown as ``3413**********1234``."""
    return _IDENTIFIER.sub(lambda m: m[0][:4] + "*" * (len(m[0]) - 8) + m[0][-4:], value)[:200]


def _filters(request) -> dict:
    skip = {"export", "format", "page", "csrfmiddlewaretoken"}
    return {k: masked(v) for k, v in request.GET.items() if k not in skip and v}


def exported(request, what: str) -> None:
    """An export of a list (``?export=xlsx``): who, which list, with which filters."""
    audit.record_event(
        audit.Action.EXPORT,
        user=request.user,
        actor=request.user,
        address=_address(request),
        detail={"export": what, "filters": _filters(request)},
    )


def permission_denied(request) -> None:
    """A signed-in user refused (403): who, what they asked for. The public's refusals are the
    login page's business."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    audit.record_event(
        audit.Action.PERMISSION_DENIED,
        user=user,
        actor=user,
        address=_address(request),
        detail={"method": request.method, "path": masked(request.path)},
    )


def citizen_id_searched(request, number: str) -> None:
    """A search by a whole citizen ID number: refused to a role that sees numbers masked, limited
    to ``CITIZEN_ID_SEARCH_LIMIT`` an hour per user, audited with the number masked.

    Raises ``ValidationError`` on the search field (``q``) when refused.
    """
    from django.core.cache import cache
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from supervision.validators import mask_citizen_id

    user = getattr(request, "user", None)
    if user is None or not (user.supervises_departments or user.is_clerk):
        raise ValidationError(
            _("Your role sees citizen ID numbers masked: search by name instead."),
            code="citizen_id_search_refused",
        )
    window = int(time.time() // 3600)
    key = f"citizen-id-search:{user.pk}:{window}"
    cache.add(key, 0, timeout=3700)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3700)
        count = 1
    if count > settings.CITIZEN_ID_SEARCH_LIMIT:
        raise ValidationError(
            _("Too many searches by citizen ID number this hour: try again later."),
            code="citizen_id_search_limit",
        )
    audit.record_event(
        audit.Action.SEARCH_CITIZEN_ID,
        user=user,
        actor=user,
        address=_address(request),
        detail={"number": mask_citizen_id(number)},
    )
