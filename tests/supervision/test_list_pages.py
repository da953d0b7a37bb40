"""Registry lists filter in place: htmx asks for the results alone, everyone else gets the page.

Every list built with ``supervision.web.pages.list_page`` extends ``web/list.html``; these tests
hold each of them to it, and check the officer and entity lists' filters row by row.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import EnforcementEntity
from tests.entities.conftest import make_entity
from tests.personnel.conftest import make_officer

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/", "HX-Target": "results"}

LISTS = [
    "/entities/",
    "/entities/entrustments/",
    "/personnel/officers/",
    "/personnel/auxiliary-staff/",
    "/personnel/certificates/",
    "/personnel/reviews/",
    "/personnel/conduct/",
    "/training/courses/",
    "/training/plans/",
]


@pytest.fixture
def two_officers(department_a, department_b):
    housing = make_entity(
        department_a, "宿州市住房和城乡建设局", EnforcementEntity.Status.PUBLISHED
    )
    transport = make_entity(department_b, "宿州市交通运输局", EnforcementEntity.Status.PUBLISHED)
    return make_officer(housing, "王建国", 11), make_officer(transport, "李交通", 12)


def test_the_htmx_filter_answers_the_results_alone(browser, legal, two_officers):
    browser.force_login(legal)
    url = "/personnel/officers/?q=王建国"
    with CaptureQueriesContext(connection) as whole:
        page = browser.get(url)
    with CaptureQueriesContext(connection) as alone:
        results = browser.get(url, headers=HTMX)
    html = results.content.decode()
    assert results.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert "<table" in html
    assert "王建国" in html
    assert "李交通" not in html
    assert len(alone) <= len(whole), (len(alone), len(whole))
    assert "王建国" in page.content.decode()


def test_the_htmx_results_carry_the_export_link_of_the_new_filter(browser, legal, two_officers):
    browser.force_login(legal)
    html = browser.get("/personnel/officers/?q=王建国&page=1", headers=HTMX).content.decode()
    assert 'id="export-link"' in html
    assert 'hx-swap-oob="true"' in html
    assert 'href="?q=%E7%8E%8B%E5%BB%BA%E5%9B%BD&amp;export=xlsx"' in html


def test_without_htmx_the_filter_is_a_plain_form_on_the_whole_page(browser, legal, two_officers):
    browser.force_login(legal)
    response = browser.get("/personnel/officers/?q=李交通")
    html = response.content.decode()
    assert "<html" in html
    # A search by citizen ID number is posted (issue 18): this list's form is a plain POST.
    assert '<form method="post" action="/personnel/officers/"' in html
    assert "李交通" in html
    assert "王建国" not in html
    response = browser.get("/personnel/certificates/?q=李交通")
    html = response.content.decode()
    assert '<form method="get" action="/personnel/certificates/"' in html
    assert 'hx-get="/personnel/certificates/"' in html
    assert 'hx-target="#results"' in html
    assert 'hx-push-url="true"' in html
    assert '<button type="submit">筛选</button>' in html
    assert '<div id="results" class="results">' in html


@pytest.mark.parametrize(
    "headers",
    [
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
        {"HX-Request": "true", "HX-Boosted": "true"},
    ],
    ids=["history-restore", "boosted-link"],
)
def test_other_htmx_requests_get_the_whole_page(browser, legal, two_officers, headers):
    browser.force_login(legal)
    html = browser.get("/personnel/officers/?q=王建国", headers=headers).content.decode()
    assert "<html" in html


def test_caches_keep_the_page_and_the_results_apart(browser, legal, two_officers):
    browser.force_login(legal)
    for headers in ({}, HTMX):
        response = browser.get("/personnel/officers/", headers=headers)
        assert "HX-Request" in response["Vary"]
        assert "HX-Target" in response["Vary"]


def test_the_entity_list_filters_in_place_too(browser, clerk_a, two_officers):
    browser.force_login(clerk_a)
    published = two_officers[0].entity
    draft = make_entity(published.department, "宿州市住房和城乡建设局城建监察支队")
    html = browser.get("/entities/?status=draft", headers=HTMX).content.decode()
    assert "<html" not in html
    assert f'href="{draft.get_absolute_url()}"' in html
    assert f'href="{published.get_absolute_url()}"' not in html


@pytest.mark.parametrize("url", LISTS)
def test_every_list_answers_htmx_with_its_results_and_a_browser_with_the_page(browser, legal, url):
    browser.force_login(legal)
    page = browser.get(url).content.decode()
    results = browser.get(url, headers=HTMX).content.decode()
    assert "<html" in page
    assert page.count('id="results"') == 1
    assert "<html" not in results
    assert 'id="results"' not in results
    assert "<table" in results
    assert 'id="export-link"' in results
