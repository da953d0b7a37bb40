"""Two-factor login (TOTP) for the legal office and the administrator (issue 18): registered at
the first login, asked after the password on every login, on the pages, the admin and the API."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from supervision.models import AuditEntry
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _two_factor_roles(settings):
    settings.TWO_FACTOR_ROLES = ["legal_office", "admin"]


def current_code(device) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def unthrottle(device):
    """django-otp makes the next try wait after a wrong code (1 s, doubling): the test's clock
    does not wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )


def login(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_legal_office_registers_an_app_at_the_first_login(legal):
    client = login("legal")
    response = client.get("/cases/decisions/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    setup = client.get("/accounts/two-factor/", follow=True)
    page = setup.content.decode()
    assert "请用手机上的身份验证器应用扫描此二维码" in page
    assert re.search(r'<img src="data:image/svg\+xml', page)
    device = TOTPDevice.objects.get(user=legal)
    assert not device.confirmed
    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    unthrottle(device)
    done = client.post("/accounts/two-factor/setup/", {"code": current_code(device)})
    assert done.status_code == 302
    assert client.get("/cases/decisions/").status_code == 200
    assert AuditEntry.objects.filter(action="two_factor_enroll", object_id=str(legal.pk)).exists()


def test_a_registered_user_enters_the_code_after_the_password(legal):
    device = TOTPDevice.objects.create(user=legal, name="phone", confirmed=True)
    client = login("legal")
    assert client.get("/").status_code == 302
    wrong = client.post("/accounts/two-factor/", {"code": "123456", "next": "/"})
    assert wrong.status_code == 200
    assert "验证码不正确，或距上次输错时间过短。" in wrong.content.decode()
    assert AuditEntry.objects.filter(action="two_factor_failed").count() == 1
    unthrottle(device)
    right = client.post("/accounts/two-factor/", {"code": current_code(device), "next": "/"})
    assert right.status_code == 302
    assert right["Location"] == "/"
    assert client.get("/").status_code == 200


def test_the_admin_site_needs_the_code_too(admin_user):
    TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    client = login("admin")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_clerks_sign_in_with_the_password_alone_unless_set(clerk_a, settings):
    assert login("clerk_a").get("/").status_code == 200
    settings.TWO_FACTOR_ROLES = ["legal_office", "admin", "clerk"]
    assert login("clerk_a").get("/").status_code == 302


def test_the_api_token_needs_the_code(api, legal):
    device = TOTPDevice.objects.create(user=legal, name="phone", confirmed=True)
    body = {"username": "legal", "password": PASSWORD}
    missing = api().post("/api/v1/auth/token/", body, format="json")
    assert missing.status_code == 400
    assert missing.json() == {"otp": ["您的角色登录须提供双因素验证码。"]}
    granted = api().post(
        "/api/v1/auth/token/", {**body, "otp": current_code(device)}, format="json"
    )
    assert granted.status_code == 200, granted.content
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {granted.json()['token']}")
    assert client.get("/api/v1/me/").status_code == 200


def test_a_session_without_the_code_gets_403_from_the_api(legal):
    client = login("legal")
    response = client.get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json() == {"detail": "请先在平台上输入双因素验证码。"}
