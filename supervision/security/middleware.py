"""Middleware of the security doors: session lifetime, the forced password change, no-store."""

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import passwords

LOGIN_AT = "_security_login_at"
SEEN_AT = "_security_seen_at"
# The last-seen time is written at most this often: not a session write on every request.
SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """A session ends ``SESSION_IDLE_MINUTES`` after its last request and ``SESSION_ABSOLUTE_HOURS``
    after its login (GB/T 22239-2019 8.1.4.1 b: 登录连接超时自动退出). Only this session ends:
    the user's others run their own clocks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = time.time()
            login_at = session.setdefault(LOGIN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = settings.SESSION_IDLE_MINUTES * 60
            absolute = settings.SESSION_ABSOLUTE_HOURS * 3600
            if now - seen_at > idle or now - login_at > absolute:
                session.flush()
                request.user = AnonymousUser()
            elif now - seen_at >= SEEN_RESOLUTION or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A user whose password was set by the administrator, or has expired, changes it before
    anything else: pages redirect to the change page, the API answers 403."""

    allowed = ("/accounts/", "/static/", "/i18n/", "/healthz/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.allowed)
            and passwords.must_change(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Your password must be changed before you go on.")}, status=403
                )
            return redirect(f"{reverse('password_change')}?{urlencode({'next': request.path})}")
        return self.get_response(request)


class NoStoreMiddleware:
    """What a signed-in user sees, every API answer and every export stay out of caches and the
    browser's history (they hold citizen ID numbers and unpublished records)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith(("/api/", "/admin/")):
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
        return response
