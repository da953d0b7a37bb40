"""Pages that read naturally: yes/no filters offer 全部, every form marks required fields the same
way with the language's colon, one date format on pages and ISO in the API, breadcrumbs on record
pages, a grouped navigation, a favicon, and no blank 405 after a refused 打开目录."""

import datetime
import re

from django.urls import reverse

from tests.clock import at
from tests.factories import CertificateFactory, EnforcementEntityFactory

D = datetime.date


def test_yes_no_filters_offer_all_by_default(browser, legal):
    browser.force_login(legal)
    for url, name in [
        ("/personnel/officers/", "on_establishment"),
        ("/training/plans/", "filed"),
    ]:
        page = browser.get(url).content.decode()
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
        assert select, url
        options = re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))
        assert options == ["全部", "是", "否"], url
        assert "未知" not in select.group(1)


def test_a_yes_no_filter_still_filters(browser, legal):
    browser.force_login(legal)
    assert browser.get("/training/plans/?filed=true").status_code == 200
    assert browser.get("/training/plans/?filed=false").status_code == 200


def test_required_fields_are_marked_one_way_with_chinese_colons(browser, clerk_a):
    browser.force_login(clerk_a)
    page = browser.get("/entities/new/").content.decode()
    assert '<span class="required" aria-hidden="true">*</span>名称：</label>' in page
    assert "执法领域：</label>" in page  # optional: no mark
    assert '执法领域：</label><span class="required"' not in page
    browser.post("/i18n/setlang/", {"language": "en", "next": "/entities/new/"})
    english = browser.get("/entities/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "：</label>" not in english
    assert "Name: </label>" in english


def test_pages_show_one_date_format_and_the_api_iso(browser, api, legal, department_a):
    certificate = CertificateFactory(officer__department=department_a)
    browser.force_login(legal)
    page = browser.get(f"/personnel/certificates/{certificate.pk}/").content.decode()
    assert "2025年3月1日" in page
    assert not re.search(r">\s*2025-03-01\s*<", page)
    data = api(legal).get(f"/api/v1/certificates/{certificate.pk}/").json()
    assert data["issued_on"] == "2025-03-01"


def test_record_pages_have_breadcrumbs(browser, legal, department_a):
    entity = EnforcementEntityFactory(department=department_a, name="某执法大队")
    browser.force_login(legal)
    page = browser.get(f"/entities/{entity.pk}/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="当前位置">(.*?)</nav>', page, re.S)
    assert crumbs
    assert '<a href="/">首页</a>' in crumbs.group(1)
    assert '<a href="/entities/">执法主体</a>' in crumbs.group(1)
    assert '<li aria-current="page">某执法大队</li>' in crumbs.group(1)


def test_the_legal_offices_navigation_is_grouped(browser, legal):
    browser.force_login(legal)
    page = browser.get("/").content.decode()
    nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', page, re.S).group(1)
    groups = re.findall(r"<summary>([^<]*)</summary>", nav)
    assert groups == ["主体与人员", "决定与案卷", "执法监督"]
    # at most seven entries on the bar itself: the rest sit in the groups
    top_level = re.sub(r"<details.*?</details>", "", nav, flags=re.S)
    assert len(re.findall(r"<a ", top_level)) + len(groups) <= 8
    assert ">执法人员</a>" in nav
    assert ">操作日志</a>" in nav


def test_a_clerk_sees_the_supervision_links_main_gave_them_but_not_the_trail(browser, clerk_a):
    # Since main's findings, evaluations and complaints a clerk has a 执法监督 group too; the
    # audit trail and holiday schedules stay the legal office's.
    browser.force_login(clerk_a)
    nav = browser.get("/").content.decode()
    assert "执法监督</summary>" in nav
    assert "/audit/" not in nav
    assert "/calendar/" not in nav


def test_a_favicon_is_served_locally(browser, legal):
    browser.force_login(legal)
    page = browser.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in page
    redirect = browser.get("/favicon.ico")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/static/favicon.svg"


def test_after_a_refused_opening_the_filters_ask_the_list(browser, clerk_a):
    browser.force_login(clerk_a)
    with at(D(2026, 1, 10)):
        refused = browser.post("/cases/catalogues/open/", {"year": "2026"})
        assert refused.status_code == 400
        page = refused.content.decode()
        assert 'action="/cases/catalogues/"' in page
        assert 'hx-get="/cases/catalogues/"' in page
        # an old link or bookmark to the opening page lands on the list, never a blank 405
        followed = browser.get("/cases/catalogues/open/?year=2025")
    assert followed.status_code == 302
    assert followed["Location"] == "/cases/catalogues/?year=2025"


def test_the_catalogue_list_filters_in_place(browser, legal):
    browser.force_login(legal)
    with at(D(2026, 1, 10)):
        partial = browser.get(
            "/cases/catalogues/?year=2025", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
        )
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()


def test_the_findings_link_opens_the_page_not_the_api(browser, legal):
    browser.force_login(legal)
    response = browser.get(reverse("finding-list"), follow=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_date_times_read_in_one_format_per_language_in_beijing_time(browser, api, legal):
    """English 3 Dec 2026, 01:12 (24-hour, never "Dec. 3, 2026, 1:12 a.m."), Chinese
    2026年12月3日 01:12; both in Asia/Shanghai; the API in ISO 8601."""
    from django.conf import settings
    from django.db import transaction

    from supervision import audit

    entity = EnforcementEntityFactory(name="某执法大队")
    # 01:00 on 3 December in Beijing is 17:00 UTC on 2 December.
    with at(D(2026, 12, 3), hour=1), transaction.atomic():
        audit.record(entity, action="change", actor=legal)
    browser.force_login(legal)
    chinese = browser.get("/audit/?action=change").content.decode()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = browser.get("/audit/?action=change").content.decode()
    assert "2026年12月3日 01:00" in chinese
    assert "3 Dec 2026, 01:00" in english
    assert not re.search(r"a\.m\.|p\.m\.|Dec\. 3", english)
    data = api(legal).get("/api/v1/audit-entries/", HTTP_ACCEPT_LANGUAGE="en").json()
    (shown,) = [e for e in data["results"] if e["action"] == "change"]
    assert shown["at"].startswith("2026-12-03T01:00:00+08:00") or shown["at"].startswith(
        "2026-12-02T17:00:00"
    )
