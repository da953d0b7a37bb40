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
