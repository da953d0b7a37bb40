"""A complaint's timeline as an English and a Chinese reader read it: what the portal wrote
(the conclusion deadline, "concluded on time", the finding it raised) in each one's language,
what people typed as typed; its acceptance named 受理, a rectification's acceptance 验收."""

import pytest
from django.conf import settings

from complaints import services
from supervision import rectification
from supervision.models import AuditEntry
from supervision.models_rectification import Finding
from tests.clock import at

from .conftest import D, answered


def in_english(browser, url):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        return browser.get(url).content.decode()
    finally:
        del browser.cookies[settings.LANGUAGE_COOKIE_NAME]


@pytest.fixture
def concluded(legal, clerk_a, department_a):
    complaint = answered(legal, clerk_a, department_a, outcome="true")
    with at(D(2026, 3, 12)):
        return services.complaint_approve(complaint=complaint, actor=legal)


def test_the_timeline_reads_in_the_readers_language(browser, legal, concluded):
    browser.force_login(legal)
    url = f"/complaints/{concluded.pk}/"
    chinese = browser.get(url).content.decode()
    english = in_english(browser, url)
    assert "按期办结。" in chinese
    assert "Concluded on time." in english
    assert "Concluded on time." not in chinese
    assert "按期办结。" not in english
    # the conclusion deadline, explained when it was accepted
    assert "期限30日" in chinese
    assert "The period of 30 days" in english
    assert '{"note"' not in chinese + english
    # the answer the clerk typed stays as typed
    assert "经调取执法记录仪视频，情况属实。" in english


def test_the_api_reads_the_same_entries_in_the_requests_language(api, legal, concluded):
    url = f"/api/v1/audit-entries/?model=complaints.complaint&object_id={concluded.pk}"
    client = api(legal)
    reasons = {
        language: {
            e["action"]: e["reason"]
            for e in client.get(url, HTTP_ACCEPT_LANGUAGE=language).json()["results"]
        }
        for language in ("zh-hans", "en")
    }
    assert reasons["zh-hans"]["approve"] == "按期办结。"
    labels = {e["action"]: e["action_label"] for e in client.get(url).json()["results"]}
    assert labels["accept"] == "已受理"
    assert reasons["en"]["approve"] == "Concluded on time."


def test_the_finding_it_raised_reads_in_each_language(browser, api, legal, concluded):
    (finding,) = Finding.objects.from_source(concluded)
    browser.force_login(legal)
    chinese = browser.get(f"/findings/{finding.pk}/").content.decode()
    english = in_english(browser, f"/findings/{finding.pk}/")
    assert f"投诉{concluded.reference}" in chinese
    assert "核查结论：属实" in chinese
    assert f"Complaint {concluded.reference}" in english
    assert "Conclusion: True" in english
    listed = in_english(browser, "/findings/?state=open")
    assert f"Complaint {concluded.reference}" in listed
    data = api(legal).get(f"/api/v1/findings/{finding.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["source_label"] == f"Complaint {concluded.reference}"
    assert data["problem"].startswith("Complained of: ")


def test_accept_is_named_for_the_record_type(browser, legal, clerk_a, concluded):
    (finding,) = Finding.objects.from_source(concluded)
    with at(D(2026, 3, 20)):
        rectification.finding_report(finding=finding, actor=clerk_a, text="已组织整改并书面检查。")
    with at(D(2026, 3, 23)):
        rectification.finding_accept(finding=finding, actor=legal)
    # one stored code for both
    assert set(
        AuditEntry.objects.filter(action="accept").values_list("content_type__model", flat=True)
    ) >= {
        "complaint",
        "finding",
    }
    browser.force_login(legal)
    complaint_trail = browser.get(
        f"/audit/?model=complaints.complaint&id={concluded.pk}"
    ).content.decode()
    finding_trail = browser.get(
        f"/audit/?model=supervision.finding&id={finding.pk}"
    ).content.decode()
    assert "<td>已受理" in complaint_trail
    assert "已验收" not in complaint_trail
    assert "<td>已验收" in finding_trail
    assert "已受理" not in finding_trail
    assert "<td>已接受" not in complaint_trail + finding_trail
    # the record's own page names it the same way
    assert "已受理" in browser.get(f"/complaints/{concluded.pk}/").content.decode()
    assert "已验收" in browser.get(f"/findings/{finding.pk}/").content.decode()
