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
