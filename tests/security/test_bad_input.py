"""Input that cannot be parsed or stored answers 400 with the reason, never 500: JSON nested
5,000 levels deep (the anonymous token endpoint included), NUL characters in query strings."""

import pytest

from supervision.security.middleware import MAX_JSON_DEPTH, json_depth

DEEP = "[" * 5000 + "]" * 5000
NESTED_TOO_DEEP = {"non_field_errors": ["JSON 文档的嵌套层级超过 64 层。"]}


@pytest.mark.parametrize(
    "url", ["/api/v1/auth/token/", "/api/v1/departments/", "/api/v1/notices/bulletin/"]
)
def test_a_deeply_nested_body_is_a_400(api, legal, url):
    response = api(legal).post(url, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == NESTED_TOO_DEEP


def test_the_anonymous_token_endpoint_too(api, db):
    response = api().post(
        "/api/v1/auth/token/", '{"username": ' + DEEP + "}", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == NESTED_TOO_DEEP


def test_ordinary_nesting_reaches_the_serializer(api, legal):
    body = '{"start": ' + "[" * 10 + "]" * 10 + ', "end": "2026-03-31"}'
    response = api(legal).post("/api/v1/notices/bulletin/", body, content_type="application/json")
    assert response.status_code == 400
    assert "start" in response.json()


def test_brackets_inside_strings_do_not_count():
    assert (
        json_depth(
            b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\""}'
        )
        == 1
    )
    assert json_depth(b"[" * (MAX_JSON_DEPTH + 1)) == MAX_JSON_DEPTH + 1


def test_a_nul_in_the_audit_filter_is_a_field_error(api, browser, legal):
    response = api(legal).get("/api/v1/audit-entries/?model=%00")
    assert response.status_code == 400
    assert response.json() == {"model": ["该值含有 NUL 字符。"]}
    browser.force_login(legal)
    page = browser.get("/audit/?model=%00")
    assert page.status_code == 400
    assert "该值含有 NUL 字符。" in page.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/personnel/officers/?q=%00",
        "/notices/%00/",
        "/api/v1/officers/?q=a%00b",
    ],
)
def test_a_nul_anywhere_is_a_400(api, legal, url):
    assert api(legal).get(url).status_code == 400
