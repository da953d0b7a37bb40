"""Middleware of the security doors: session lifetime, the forced password change, no-store."""

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseBadRequest, JsonResponse
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


class TwoFactorRequiredMiddleware:
    """A user whose role signs in with two factors goes nowhere else until the code is entered:
    pages redirect to the code page (or the registration of an app), the API answers 403."""

    allowed = ("/accounts/", "/static/", "/i18n/", "/healthz/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import twofactor

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.allowed)
            and twofactor.required_for(user)
            and not user.is_verified()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Enter your two-factor code in the portal first.")}, status=403
                )
            return redirect(f"{reverse('two-factor')}?{urlencode({'next': request.path})}")
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


# A JSON document nested deeper than this is refused before any parser recurses into it.
MAX_JSON_DEPTH = 64


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text, counted without parsing it
    (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


class BadInputMiddleware:
    """Input no door can store or parse answers 400, not 500: a NUL character in the address or
    the query string (PostgreSQL refuses it in text), a JSON body nested deeper than
    ``MAX_JSON_DEPTH`` (Python's parser would exhaust its recursion)."""

    def __init__(self, get_response):
        self.get_response = get_response

    # The public lookup cleans its own queries and answers an odd one with an empty result.
    cleans_its_own = ("/public/", "/api/v1/public/")

    def __call__(self, request):
        errors = {}
        if request.path.startswith(self.cleans_its_own):
            return self.get_response(request)
        if "\x00" in request.path:
            errors["path"] = [_("The address contains a NUL character.")]
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                errors[key.replace("\x00", "")] = [_("This value contains a NUL character.")]
        if (
            not errors
            and request.content_type == "application/json"
            and request.method != "GET"
            and json_depth(request.body) > MAX_JSON_DEPTH
        ):
            errors["non_field_errors"] = [
                _("The JSON document is nested more than %(depth)d levels deep.")
                % {"depth": MAX_JSON_DEPTH}
            ]
        if errors:
            if request.path.startswith("/api/"):
                return JsonResponse(errors, status=400)
            return HttpResponseBadRequest(
                " ".join(str(m) for messages in errors.values() for m in messages),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
