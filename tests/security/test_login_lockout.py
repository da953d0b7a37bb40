"""Login failures lock the account and the address (django-axes), on every door that checks a
password: the login page, the admin's login and POST /api/v1/auth/token/. Every step is audited."""

import datetime

import time_machine
from django.test import Client

from supervision.models import AuditEntry
from tests.factories import PASSWORD

LOCKED = "登录失败次数过多：该账号或地址已被锁定 30 分钟。如需提前解锁，请联系系统管理员。"


def web_login(client, username, password, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def api_login(api, username, password, **extra):
    return api().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra
    )


def actions(*names):
    return list(
        AuditEntry.objects.filter(action__in=names).order_by("id").values_list("action", flat=True)
    )


def test_the_fifth_failure_locks_the_account_even_for_the_right_password(browser, clerk_a):
    for attempt in range(1, 5):
        response = web_login(browser, "clerk_a", f"wrong-{attempt}")
        assert response.status_code == 200, attempt
        assert "用户名或密码不正确" in response.content.decode()
    fifth = web_login(browser, "clerk_a", "wrong-5")
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    right = web_login(browser, "clerk_a", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in browser.session
    # Another address is locked out of the account too: the account is what is protected.
    other = web_login(Client(REMOTE_ADDR="10.9.9.9"), "clerk_a", PASSWORD)
    assert other.status_code == 429
    # django-axes signals the lockout while it counts the fifth failure, before it is audited.
    assert actions("login_failed", "lockout", "login") == [
        *["login_failed"] * 4,
        "lockout",
        *["login_failed"] * 3,
    ]
    lockout = AuditEntry.objects.get(action="lockout")
    assert lockout.object_id == str(clerk_a.pk)
    assert lockout.after == {"address": "127.0.0.1", "failures": 5}


def test_the_lockout_lasts_thirty_minutes(browser, clerk_a):
    start = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for attempt in range(5):
            web_login(browser, "clerk_a", f"wrong-{attempt}")
        clock.shift(datetime.timedelta(minutes=29))
        assert web_login(browser, "clerk_a", PASSWORD).status_code == 429
        clock.shift(datetime.timedelta(minutes=2))  # 31 minutes after the fifth failure
        response = web_login(browser, "clerk_a", PASSWORD)
        assert response.status_code == 302
        assert browser.session["_auth_user_id"] == str(clerk_a.pk)


def test_the_api_and_the_login_page_count_together(browser, api, clerk_a):
    for attempt in range(3):
        web_login(browser, "clerk_a", f"wrong-{attempt}")
    assert api_login(api, "clerk_a", "wrong-3").status_code == 400
    locked = api_login(api, "clerk_a", "wrong-4")
    assert locked.status_code == 429
    assert locked.json() == {"detail": LOCKED}
    assert api_login(api, "clerk_a", PASSWORD).status_code == 429


def test_the_admin_login_is_locked_too(client, admin_user):
    for attempt in range(5):
        response = client.post(
            "/admin/login/", {"username": "admin", "password": f"wrong-{attempt}"}
        )
    assert response.status_code == 429
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429


def test_a_forged_forwarded_for_does_not_escape_the_address_lock(browser, clerk_a, clerk_b):
    # Five failures on five different (made-up) accounts from one address, each claiming another
    # client in X-Forwarded-For: the portal trusts no proxy, so the address is REMOTE_ADDR.
    for attempt in range(5):
        web_login(browser, f"nobody-{attempt}", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    response = web_login(browser, "clerk_b", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429
    # Failures for accounts that do not exist name no account in the audit trail.
    failures = AuditEntry.objects.filter(action="login_failed", object_id="")
    assert failures.count() == 5
    assert set(failures.values_list("object_repr", flat=True)) == {""}


def test_behind_a_trusted_proxy_the_client_is_the_proxy_s_entry(settings, clerk_a, clerk_b):
    settings.PUBLIC_TRUSTED_PROXIES = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for attempt in range(5):
        web_login(proxy, f"nobody-{attempt}", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")
    # Another client behind the same proxy is not locked out by the first one's failures.
    assert (
        web_login(proxy, "clerk_b", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
    )
    assert (
        web_login(proxy, "clerk_b", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    )


def test_the_administrator_unlocks_and_it_is_audited(browser, client, clerk_a, admin_user):
    from axes.models import AccessAttempt

    for attempt in range(5):
        web_login(browser, "clerk_a", f"wrong-{attempt}")
    assert web_login(browser, "clerk_a", PASSWORD).status_code == 429
    client.force_login(admin_user)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": attempts},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    unlock = AuditEntry.objects.get(action="unlock")
    assert unlock.actor == admin_user
    assert unlock.object_id == str(clerk_a.pk)
    assert web_login(browser, "clerk_a", PASSWORD).status_code == 302


def test_a_clerk_cannot_reach_the_attempts(browser, clerk_a):
    browser.force_login(clerk_a)
    assert browser.get("/admin/axes/accessattempt/").status_code == 302  # to the admin's login


def test_a_login_and_a_logout_are_audited(browser, clerk_a):
    assert web_login(browser, "clerk_a", PASSWORD).status_code == 302
    browser.post("/accounts/logout/")
    assert actions("login", "logout") == ["login", "logout"]
    login = AuditEntry.objects.get(action="login")
    assert login.object_id == str(clerk_a.pk)
    assert login.after == {"address": "127.0.0.1"}
