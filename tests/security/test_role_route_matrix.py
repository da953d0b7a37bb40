"""Every role against every route without parameters (from the URL configuration): the public
reaches only the public pages, nobody meets a server error, read-only roles reach no form that
writes, and only the legal office and the administrator read the audit trail."""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

PERSONAS = ["public", "clerk_a", "supervisor", "auditor", "legal", "admin_user"]
PUBLIC = {
    "/accounts/login/",
    "/public/",
    "/public/entities/",
    "/healthz/",
    "/favicon.ico",
    "/api/v1/public/certificates/",
    "/api/v1/public/entities/",
}
WRITE_FORMS = re.compile(r"/(new|open|import|record|bulletin)/$")
# The public site (the lookup, complaints, publication): every page under these prefixes.
PUBLIC_PREFIXES = ("/public/", "/api/v1/public/")
AUDIT = {"/audit/", "/api/v1/audit-entries/"}
# An invited supervisor records the interference they meet (issue 13) and their supervision
# activities (issue 12): the forms they write.
SUPERVISOR_WRITES = {"/accountability/interference/new/", "/supervisors/activities/new/"}


def routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    found = set()
    for route in walk(get_resolver().url_patterns):
        route = route.replace("^", "").replace("$", "")
        if "<" in route or "(?P" in route or route.startswith("admin/") or "\\" in route:
            continue
        found.add("/" + route)
    return sorted(found)


ROUTES = routes()


def is_public(route) -> bool:
    return route in PUBLIC or route.startswith(PUBLIC_PREFIXES)


def client_for(request, persona):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    if persona != "public":
        client.force_login(request.getfixturevalue(persona))
    return client


def kind(response) -> str:
    code = response.status_code
    if code == 302 and "/accounts/login/" in response.get("Location", ""):
        return "login"
    if code in (401, 403, 404, 405):
        return "refused"
    return str(code)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_matrix(request, persona, legal_department, department_a):
    client = client_for(request, persona)
    matrix = {route: kind(client.get(route)) for route in ROUTES}
    problems = []
    for route, outcome in matrix.items():
        if outcome.startswith("5"):
            problems.append(f"{route}: server error")
        if (
            persona == "public"
            and not is_public(route)
            and outcome not in ("login", "refused", "302")
        ):
            problems.append(f"{route}: the public got {outcome}")
        if route in AUDIT and persona in ("clerk_a", "supervisor", "public") and outcome == "200":
            problems.append(f"{route}: {persona} reads the audit trail")
        if (
            persona in ("supervisor", "auditor")
            and not is_public(route)
            and not (persona == "supervisor" and route in SUPERVISOR_WRITES)
            and WRITE_FORMS.search(route)
            and outcome == "200"
        ):
            problems.append(f"{route}: a read-only {persona} reaches a form that writes")
    assert problems == [], "\n".join(problems)
    # Every route answered: the URL configuration really was walked.
    assert len(matrix) > 50
    if persona in ("legal", "admin_user", "auditor"):
        assert matrix["/audit/"] == "200"
        assert matrix["/api/v1/audit-entries/"] == "200"
    if persona == "public":
        reached = {route for route, outcome in matrix.items() if outcome == "200"}
        assert {route for route in reached if not is_public(route)} <= {"/api/v1/auth/token/"}


@pytest.mark.parametrize("persona", ["clerk_a", "supervisor", "auditor", "legal"])
def test_only_the_administrator_enters_the_admin(request, persona):
    client = client_for(request, persona)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_administrator_enters_the_admin(client, admin_user):
    client.force_login(admin_user)
    for url in [
        "/admin/",
        "/admin/supervision/user/",
        "/admin/axes/accessattempt/",
        "/admin/supervision/apitoken/",
        "/admin/otp_totp/totpdevice/",
    ]:
        assert client.get(url).status_code == 200, url
