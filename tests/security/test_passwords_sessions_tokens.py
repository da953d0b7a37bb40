"""Passwords (complexity, history, expiry, the administrator's one changed at first login),
sessions (idle and absolute limits, logout ends them all) and API tokens (hashed, expiring,
revocable, revoked by a password change)."""

import datetime
import itertools

import pytest
import time_machine
from django.test import Client

from supervision.models import ApiToken, AuditEntry, User
from tests.factories import PASSWORD

NEW = "Neu#Passwort2027"


def change(client, old, new, again=None):
    return client.post(
        "/accounts/password_change/",
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def login(username, password=PASSWORD, **extra):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", **extra)
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def token_for(api, username, password=PASSWORD):
    response = api().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def with_token(api, token):
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


# Passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1#short", "密码长度太短。密码必须包含至少 10 个字符。"),
        ("alllowercase123", "密码须至少包含大写字母、小写字母、数字、符号中的三类。"),
        ("Password123", "这个密码太常见了。"),
        ("clerk_a#Zone1", "密码跟 用户名 太相似了。"),
    ],
)
def test_a_weak_password_is_refused_on_the_field(clerk_a, password, message):
    client = login("clerk_a")
    response = change(client, PASSWORD, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    clerk_a.refresh_from_db()
    assert clerk_a.check_password(PASSWORD)


def test_the_change_page_changes_the_password_and_ends_the_other_sessions(clerk_a, api):
    here, elsewhere = login("clerk_a"), login("clerk_a", REMOTE_ADDR="10.1.1.1")
    token = token_for(api, "clerk_a")
    response = change(here, PASSWORD, NEW)
    assert response.status_code == 302
    assert here.get("/").status_code == 200  # this session goes on
    assert elsewhere.get("/").status_code == 302  # the other one is over
    assert with_token(api, token).get("/api/v1/me/").status_code == 401  # tokens revoked
    entry = AuditEntry.objects.get(action="password_change")
    assert entry.object_id == str(clerk_a.pk)
    assert entry.after == {"tokens_revoked": 1}
    assert NEW not in str(entry.after)
    assert "pbkdf" not in str(entry.after)


def test_the_last_five_passwords_are_not_reused(clerk_a):
    client = login("clerk_a")
    history = [PASSWORD, *(f"Neu#Passwort{year}" for year in range(2027, 2032))]
    for old, new in itertools.pairwise(history):
        assert change(client, old, new).status_code == 302, new
    current = history[-1]
    for earlier in history[-5:]:
        response = change(client, current, earlier)
        assert "新密码不得与最近 5 次使用的密码相同。" in response.content.decode(), earlier
    # The sixth one back may come again.
    assert change(client, current, history[0]).status_code == 302


def test_a_password_set_by_the_administrator_is_changed_at_the_first_login(
    client, admin_user, department_a, api
):
    client.force_login(admin_user)
    response = client.post(
        "/admin/supervision/user/add/",
        {
            "username": "clerk_new",
            "role": "clerk",
            "department": department_a.pk,
            "usable_password": "true",
            "password1": "Start#2026pass",
            "password2": "Start#2026pass",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="clerk_new").must_change_password
    newcomer = login("clerk_new", "Start#2026pass")
    assert newcomer.get("/personnel/officers/")["Location"].startswith("/accounts/password_change/")
    refused = api().post(
        "/api/v1/auth/token/",
        {"username": "clerk_new", "password": "Start#2026pass"},
        format="json",
    )
    assert refused.status_code == 403
    assert change(newcomer, "Start#2026pass", NEW).status_code == 302
    assert newcomer.get("/personnel/officers/").status_code == 200
    assert not User.objects.get(username="clerk_new").must_change_password


def test_a_password_older_than_ninety_days_must_be_changed(clerk_a):
    start = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        clerk_a.set_password(PASSWORD)
        clerk_a.save()
        clock.shift(datetime.timedelta(days=89))
        assert login("clerk_a").get("/").status_code == 200
        clock.shift(datetime.timedelta(days=1))
        response = login("clerk_a").get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/password_change/")


def test_the_period_is_a_setting(clerk_a, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    clerk_a.password_changed_at = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    clerk_a.save()
    assert login("clerk_a").get("/").status_code == 200


# Sessions -----------------------------------------------------------------------------------


def test_a_session_ends_after_thirty_idle_minutes(clerk_a):
    start = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = login("clerk_a")
        for _step in range(4):  # active every 29 minutes: still signed in after two hours
            clock.shift(datetime.timedelta(minutes=29))
            assert client.get("/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        assert client.get("/").status_code == 302


def test_a_session_ends_twelve_hours_after_the_login_however_busy(clerk_a):
    start = datetime.datetime(2026, 12, 3, 0, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = login("clerk_a")
        for _step in range(47):  # every 15 minutes for 11 h 45 min
            clock.shift(datetime.timedelta(minutes=15))
            assert client.get("/").status_code == 200
        clock.shift(datetime.timedelta(minutes=16))
        assert client.get("/").status_code == 302


def test_logging_out_ends_every_session_of_the_user(clerk_a, clerk_b):
    here, elsewhere = login("clerk_a"), login("clerk_a", REMOTE_ADDR="10.1.1.1")
    someone_else = login("clerk_b")
    here.post("/accounts/logout/")
    assert elsewhere.get("/").status_code == 302
    assert someone_else.get("/").status_code == 200


# API tokens ---------------------------------------------------------------------------------


def test_a_token_is_stored_hashed(api, clerk_a):
    token = token_for(api, "clerk_a")
    stored = ApiToken.objects.get(user=clerk_a)
    assert token not in (stored.digest, stored.hint)
    assert stored.hint == token[:8]
    assert AuditEntry.objects.filter(action="login", object_id=str(clerk_a.pk)).exists()


def test_a_token_expires_after_thirty_days(api, clerk_a):
    start = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        clerk_a.set_password(PASSWORD)  # the password is new, so it does not expire first
        clerk_a.save()
        token = token_for(api, "clerk_a")
        clock.shift(datetime.timedelta(days=29, hours=23))
        assert with_token(api, token).get("/api/v1/me/").status_code == 200
        clock.shift(datetime.timedelta(hours=1))
        response = with_token(api, token).get("/api/v1/me/")
        assert response.status_code == 401
        assert response.json() == {"detail": "令牌无效或已过期。"}


def test_the_user_revokes_the_token_they_use(api, clerk_a):
    token, other = token_for(api, "clerk_a"), token_for(api, "clerk_a")
    assert with_token(api, token).delete("/api/v1/auth/token/").status_code == 204
    assert with_token(api, token).get("/api/v1/me/").status_code == 401
    assert with_token(api, other).get("/api/v1/me/").status_code == 200
    assert AuditEntry.objects.filter(action="token_revoke").count() == 1


def test_the_administrator_revokes_a_token(api, client, clerk_a, admin_user):
    token = token_for(api, "clerk_a")
    client.force_login(admin_user)
    response = client.post(
        "/admin/supervision/apitoken/",
        {"action": "revoke", "_selected_action": [ApiToken.objects.get().pk]},
    )
    assert response.status_code == 302
    assert with_token(api, token).get("/api/v1/me/").status_code == 401
    assert AuditEntry.objects.get(action="token_revoke").actor == admin_user
