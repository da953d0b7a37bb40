"""The demo's complaints; the list page and the API read the same number of times for 3 or 30
complaints; the API schema documents the complaints' actions."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint
from tests.clock import at

from .conftest import D, accepted, register

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_complaints_in_every_state_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    count = Complaint.objects.count()
    call_command("seed_demo")
    assert Complaint.objects.count() == count == 12
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    assert set(Complaint.objects.values_list("channel", flat=True)) == set(Complaint.Channel.values)
    assert Complaint.objects.overdue().exists()
    assert Complaint.objects.filter(extension_days__isnull=False).exists()
    assert Complaint.objects.verified().filter(outcome="true").exclude(officer_name="").exists()
    assert Complaint.objects.filter(department__jurisdiction__code="341321").exists()


def _many(legal, department, count):
    for n in range(count):
        if n % 2:
            register(legal, department)
        else:
            accepted(legal, department)


def _queries(client, url, count, legal, department):
    Complaint.objects.all().delete()
    _many(legal, department, count)
    with at(D(2026, 3, 20)), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_list_page_reads_the_same_for_3_or_30(browser, legal, department_a):
    browser.force_login(legal)
    with at(D(2026, 3, 20)):
        browser.get("/complaints/")  # the session and the calendar warm up
    assert _queries(browser, "/complaints/", 3, legal, department_a) == _queries(
        browser, "/complaints/", 30, legal, department_a
    )


def test_the_api_list_reads_the_same_for_3_or_30(api, legal, department_a):
    client = api(legal)
    assert _queries(client, "/api/v1/complaints/", 3, legal, department_a) == _queries(
        client, "/api/v1/complaints/", 30, legal, department_a
    )


def test_the_schema_documents_the_complaints_api(browser, legal):
    browser.force_login(legal)
    paths = browser.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for action in ("accept", "refer", "refuse", "assign", "extend", "answer", "approve", "return"):
        assert f"/api/v1/complaints/{{id}}/{action}/" in paths
    assert "/api/v1/public/complaints/" in paths


def test_the_home_pages_lead_to_the_complaints(browser, legal, clerk_a):
    browser.force_login(legal)
    assert "/complaints/?status=received" in browser.get("/").content.decode()
    browser.force_login(clerk_a)
    assert "交办本部门的投诉" in browser.get("/").content.decode()


def test_the_filters_answer_the_same_on_the_page_and_the_api(browser, api, legal, department_a):
    late, _ = register(legal, department_a, received_on=D(2026, 3, 2), channel="email")
    on_time = accepted(legal, department_a, on=D(2026, 3, 16))
    browser.force_login(legal)
    with at(D(2026, 3, 17)):
        for query, expected in (
            ("overdue=true", [late]),
            ("overdue=false", [on_time]),
            ("channel=email", [late]),
            ("status=assigned", [on_time]),
            ("received_on_after=2026-03-10", [on_time]),
        ):
            page = browser.get(f"/complaints/?{query}")
            assert [c.pk for c in page.context["page"]] == [c.pk for c in expected], query
            rows = api(legal).get(f"/api/v1/complaints/?{query}").json()["results"]
            assert [r["id"] for r in rows] == [c.pk for c in expected], query
        bad = api(legal).get("/api/v1/complaints/?status=nonsense")
    assert bad.status_code == 400
    assert "status" in bad.json()
