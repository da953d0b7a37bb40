"""Security events in the audit trail (issue 18): a refusal names the user, an export names the
list and its filters with any long number masked."""

from supervision.models import AuditEntry
from supervision.security.events import masked


def test_a_refused_api_request_is_audited_with_the_user(api, supervisor):
    response = api(supervisor).post("/api/v1/departments/", {"code": "X"}, format="json")
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action="permission_denied")
    assert entry.object_id == str(supervisor.pk)
    assert entry.actor == supervisor
    assert entry.after == {"address": "127.0.0.1", "method": "POST", "path": "/api/v1/departments/"}


def test_the_public_s_refusals_are_not_events(api, db):
    assert api().get("/api/v1/departments/").status_code in (401, 403)
    assert not AuditEntry.objects.filter(action="permission_denied").exists()


def test_an_export_is_audited_with_masked_filters(browser, legal):
    browser.force_login(legal)
    response = browser.get("/personnel/officers/?export=xlsx&q=341302199001011234")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == legal
    assert entry.after["filters"] == {"q": "3413**********1234"}
    assert "341302199001011234" not in str(entry.after)


def test_masking_keeps_short_values():
    assert masked("张三") == "张三"
    assert masked("2026") == "2026"
    assert masked("皖ZFZJJ202600007") == "皖ZFZJJ2026*0007"
