"""The registries are reachable from the navigation and home page of each role that uses them."""

import pytest


@pytest.mark.parametrize(
    ("persona", "entities", "officers"),
    [("legal", True, True), ("clerk_a", True, True), ("supervisor", False, True)],
)
def test_links_follow_the_role(db, browser, request, persona, entities, officers):
    browser.force_login(request.getfixturevalue(persona))
    page = browser.get("/").content.decode()
    assert ('href="/entities/"' in page) is entities
    assert ('href="/personnel/officers/"' in page) is officers
    assert ("执法人员" in page) is officers


def test_the_api_schema_lists_the_registries(browser, legal):
    browser.force_login(legal)
    schema = browser.get("/api/schema/").content.decode()
    for path in [
        "/api/v1/entities/{id}/reject/",
        "/api/v1/entrustments/",
        "/api/v1/officers/",
        "/api/v1/auxiliary-staff/",
        "/api/v1/certificates/{id}/withhold/",
        "/api/v1/annual-reviews/bulk/",
        "/api/v1/conduct-records/{id}/verify/",
        "/api/v1/public/certificates/",
        "/api/v1/public/entities/",
    ]:
        assert path in schema
    assert "CertificateStatusEnum" in schema


def test_in_chinese_the_officers_links_name_the_register_not_a_count(browser, clerk_a):
    browser.force_login(clerk_a)
    for url in ["/", "/personnel/officers/"]:
        page = browser.get(url).content.decode()
        assert '<a href="/personnel/officers/">执法人员</a>' in page
        assert "执法人员数" not in page
    tabs = browser.get("/personnel/certificates/").content.decode()
    assert 'class="button" href="/personnel/officers/">执法人员</a>' in tabs
