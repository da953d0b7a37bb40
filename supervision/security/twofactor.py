"""Two-factor login (TOTP, django-otp) for the roles in ``TWO_FACTOR_ROLES`` (GB/T 22239-2019
8.1.4.1 d: 应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术).

After the password, such a user enters a six-digit code from an authenticator app: at the first
login they register the app by scanning a QR code (``/accounts/two-factor/setup/``), afterwards
they type the current code (``/accounts/two-factor/``). Until then every page sends them there
and the API answers 403; ``POST /api/v1/auth/token/`` takes the code as ``otp``. A lost phone:
the administrator deletes the user's device in the admin, and the user registers a new one.
Wrong codes are throttled by django-otp (each failure doubles the wait) and audited.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from supervision import audit

from .network import client_address


def required_for(user) -> bool:
    roles = settings.TWO_FACTOR_ROLES
    return bool(
        user.is_authenticated and (user.role in roles or (user.is_superuser and "admin" in roles))
    )


def device_of(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def check_code(user, code: str, *, request=None) -> bool:
    """Whether ``code`` is the current code of the user's registered device; audited if not."""
    device = device_of(user)
    if device is not None and device.verify_token(str(code or "").strip()):
        if request is not None and hasattr(request, "session"):
            otp_login(request, device)
        return True
    audit.record_event(
        audit.Action.TWO_FACTOR_FAILED,
        user=user,
        actor=user,
        address=client_address(request) if request is not None else "",
    )
    return False


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return settings.LOGIN_REDIRECT_URL


@login_required
def verify(request):
    if device_of(request.user) is None:
        return redirect("two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if check_code(request.user, form.cleaned_data["code"], request=request):
            return redirect(_next(request))
        form.add_error("code", _("The code is not correct, or came too soon after a wrong one."))
    return render(
        request, "security/two_factor.html", {"form": form, "next": _next(request)}, status=200
    )


@login_required
def setup(request):
    if device_of(request.user) is not None:
        return redirect("two-factor")
    device = device_of(request.user, confirmed=False) or TOTPDevice.objects.create(
        user=request.user, name=_("Authenticator app"), confirmed=False
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record_event(
                audit.Action.TWO_FACTOR_ENROLL,
                user=request.user,
                actor=request.user,
                address=client_address(request),
            )
            return redirect(_next(request))
        form.add_error("code", _("The code is not correct, or came too soon after a wrong one."))
    context = {
        "form": form,
        "next": _next(request),
        "setup": True,
        "secret": base64.b32encode(device.bin_key).decode(),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
    }
    return render(request, "security/two_factor.html", context)
