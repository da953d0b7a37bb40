"""Token authentication and /api/v1/me/ for every role."""

import pytest

from supervision.models import User
from tests.factories import PASSWORD


@pytest.mark.parametrize("persona", ["legal", "clerk_a", "supervisor", "admin_user"])
def test_token_then_me_for_every_role(request, api, persona):
    user = request.getfixturevalue(persona)
    response = api().post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]

    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me/").json()
    assert me["username"] == user.username
    assert me["role"] == user.role
    if user.department_id:
        assert me["department"] == {
            "id": user.department.id,
            "code": user.department.code,
            "name": user.department.name,
        }
    else:
        assert me["department"] is None


def test_each_login_gets_a_new_token_and_both_work(api, clerk_a):
    body = {"username": "clerk_a", "password": PASSWORD}
    first = api().post("/api/v1/auth/token/", body, format="json").json()["token"]
    second = api().post("/api/v1/auth/token/", body, format="json").json()["token"]
    assert first != second
    for token in (first, second):
        client = api()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get("/api/v1/me/").status_code == 200


def test_wrong_password_is_refused_without_saying_which_part(api, clerk_a):
    response = api().post(
        "/api/v1/auth/token/", {"username": "clerk_a", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "用户名或密码不正确。"}
    unknown = api().post(
        "/api/v1/auth/token/", {"username": "ghost", "password": "nope"}, format="json"
    )
    assert unknown.json() == response.json()


def test_token_request_with_missing_field_gives_field_errors(api, db):
    response = api().post("/api/v1/auth/token/", {"username": "clerk_a"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"password": ["该字段是必填项。"]}


def test_a_bad_token_is_refused(api, db):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_an_inactive_user_gets_no_token(api, clerk_a):
    User.objects.filter(pk=clerk_a.pk).update(is_active=False)
    response = api().post(
        "/api/v1/auth/token/", {"username": "clerk_a", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400


def test_me_needs_a_login(api, db):
    response = api().get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_errors_follow_the_request_language(api, db):
    client = api()
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.json() == {"detail": "身份认证信息未提供。"}
