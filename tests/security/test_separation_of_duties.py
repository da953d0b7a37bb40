"""Separation of duties (三权分立, issue 18): the security auditor reads the audit trail and the
security events and nothing else; they change nothing."""

import pytest

from supervision.models import AuditEntry


def test_the_auditor_reads_the_audit_trail_and_the_security_events(browser, api, auditor, clerk_a):
    api(clerk_a).get("/api/v1/audit-entries/")  # a clerk refused: a security event
    browser.force_login(auditor)
    page = browser.get("/audit/")
    assert page.status_code == 200
    assert 'href="/audit/"' in browser.get("/").content.decode()
    entries = api(auditor).get("/api/v1/audit-entries/")
    assert entries.status_code == 200
    assert "permission_denied" in {e["action"] for e in entries.json()["results"]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/departments/",
        "/api/v1/officers/",
        "/api/v1/decisions/",
        "/api/v1/entities/",
        "/api/v1/notices/",
        "/api/v1/training/courses/",
    ],
)
def test_the_auditor_reads_no_registry(api, auditor, clerk_a, url):
    response = api(auditor).get(url)
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.json()["count"] == 0


def test_the_auditor_changes_nothing(api, auditor, department_a):
    before = AuditEntry.objects.exclude(action="permission_denied").count()
    for url, body in [
        ("/api/v1/departments/", {"code": "X", "name": "x", "region": "x", "credit_code": "x"}),
        ("/api/v1/notices/bulletin/", {"start": "2026-03-01", "end": "2026-03-31"}),
        ("/api/v1/decision-categories/", {"title": "t", "criteria": "c"}),
    ]:
        assert api(auditor).post(url, body, format="json").status_code in (400, 403, 404), url
    assert AuditEntry.objects.exclude(action="permission_denied").count() == before


def test_the_auditor_has_no_admin(client, auditor):
    client.force_login(auditor)
    assert client.get("/admin/").status_code == 302


# The system administrator keeps the accounts and reads no registry ---------------------------


REGISTRY_APIS = [
    "/api/v1/officers/",
    "/api/v1/auxiliary-staff/",
    "/api/v1/certificates/",
    "/api/v1/decisions/",
    "/api/v1/entities/",
    "/api/v1/notices/",
    "/api/v1/complaints/",
    "/api/v1/findings/",
    "/api/v1/training/courses/",
    "/api/v1/evaluations/",
]


@pytest.fixture
def registries(legal, clerk_a, department_a):
    """One record in several registries, made by their own people."""
    from tests.factories import EnforcementEntityFactory, MajorDecisionFactory, OfficerFactory

    entity = EnforcementEntityFactory(department=department_a)
    OfficerFactory(department=department_a, entity=entity)
    MajorDecisionFactory(department=department_a)
    return entity


@pytest.mark.parametrize("url", REGISTRY_APIS)
def test_the_administrator_reads_no_registry_through_the_api(
    api, admin_user, legal, registries, url
):
    assert api(legal).get(url).status_code == 200
    response = api(admin_user).get(url)
    assert response.status_code in (200, 403, 404)
    if response.status_code == 200:
        assert response.json()["count"] == 0


def test_the_administrator_reads_no_registry_page(browser, admin_user, registries):
    browser.force_login(admin_user)
    for url in [
        "/entities/",
        f"/entities/{registries.pk}/",
        "/personnel/officers/",
        "/cases/decisions/",
        "/complaints/",
        "/findings/",
    ]:
        response = browser.get(url)
        assert (
            response.status_code in (403, 404) or registries.name not in response.content.decode()
        ), url
    assert browser.get(f"/entities/{registries.pk}/").status_code == 404


def test_the_administrator_s_admin_has_no_registry(browser, admin_user, registries):
    browser.force_login(admin_user)
    index = browser.get("/admin/").content.decode()
    assert "/admin/supervision/user/" in index
    assert "/admin/supervision/department/" in index
    for url in [
        "/admin/cases/majordecision/",
        "/admin/entities/enforcemententity/",
        "/admin/evaluations/campaign/",
        "/admin/supervision/auditentry/",
        "/admin/publication/normativedocument/",
    ]:
        assert browser.get(url).status_code == 404, url
    assert not admin_user.has_perm("accountability.see_interference")
    assert not admin_user.has_perm("cases.view_majordecision")
    assert admin_user.has_perm("supervision.change_user")


def test_the_administrator_keeps_accounts_calendar_and_their_own_trail(
    browser, admin_user, clerk_a, registries
):
    from django.db import transaction

    from supervision import audit

    with transaction.atomic():
        audit.record(registries, action="create", actor=clerk_a, after=audit.snapshot(registries))
    audit.record_event(audit.Action.LOGIN_FAILED, user=clerk_a, address="10.0.0.9")
    browser.force_login(admin_user)
    home = browser.get("/").content.decode()
    assert "三权分立" in home
    assert 'href="/calendar/"' in home
    assert "逾期" not in home  # no registry figure on their home page
    assert browser.get("/calendar/").status_code == 200
    assert browser.get(f"/admin/supervision/user/{clerk_a.pk}/change/").status_code == 200
    # The accounts' part of the trail is theirs to read; the registries' is not.
    trail = browser.get("/audit/").content.decode()
    assert "登录失败" in trail
    readable = AuditEntry.objects.for_user(admin_user)
    assert readable.filter(action="login_failed").exists()
    assert not readable.filter(content_type__app_label="entities").exists()
    assert browser.get(
        f"/audit/?model=entities.enforcemententity&id={registries.pk}"
    ).status_code in (
        200,
        404,
    )
    assert (
        registries.name
        not in browser.get("/audit/?model=entities.enforcemententity").content.decode()
    )
