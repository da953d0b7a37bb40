"""A masked number cannot be confirmed by searching for it (issue 18): only roles that see whole
numbers search by one, at most CITIZEN_ID_SEARCH_LIMIT an hour, each search audited masked; and
no whole number ever travels in an address (GET): pages and the API search by POST, and the page
the search leads to is addressed by a keyed hash of the number."""

import pytest

from supervision.models import AuditEntry
from supervision.security import citizen_ids

from .conftest import citizen_id, make_officer

REFUSED = {"q": ["您的角色只能看到遮挡后的公民身份号码，请按姓名查询。"]}
IN_ADDRESS = {
    "q": [
        "完整的公民身份号码不能出现在网址中：请使用页面上的查询表单（以 POST 方式提交），"
        "或以 POST 方式提交到接口的查询功能。"
    ]
}


def search(api, user, number, what="officers"):
    return api(user).post(f"/api/v1/{what}/search/", {"q": number}, format="json")


def test_a_supervisor_cannot_confirm_a_number_by_searching(api, supervisor, published_a):
    make_officer(published_a, sequence=7)
    number = citizen_id(7)
    shown = api(supervisor).get("/api/v1/officers/").json()["results"][0]["citizen_id"]
    assert "*" in shown
    response = search(api, supervisor, number)
    assert response.status_code == 400
    assert response.json() == REFUSED
    assert search(api, supervisor, number, "auxiliary-staff").json() == REFUSED
    # By name they search as before.
    assert api(supervisor).get("/api/v1/officers/?q=张").json()["count"] == 1


@pytest.mark.parametrize("what", ["officers", "auxiliary-staff"])
def test_no_whole_number_in_an_api_address(api, legal, clerk_a, published_a, what):
    make_officer(published_a, sequence=7)
    for user in (legal, clerk_a):
        response = api(user).get(f"/api/v1/{what}/?q={citizen_id(7)}")
        assert response.status_code == 400
        assert response.json() == IN_ADDRESS
    assert not AuditEntry.objects.filter(action="search_citizen_id").exists()


def test_a_search_by_number_is_audited_masked(api, clerk_a, published_a):
    make_officer(published_a, sequence=7)
    number = citizen_id(7)
    response = search(api, clerk_a, number)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    # Lists show the number masked for everyone, a search's too (the whole one is asked for).
    assert response.json()["results"][0]["citizen_id"] == number[:4] + "*" * 10 + number[-4:]
    entry = AuditEntry.objects.get(action="search_citizen_id")
    assert entry.actor == clerk_a
    assert number not in str(entry.after)
    assert entry.after["number"] == number[:4] + "*" * 10 + number[-4:]


def test_searches_by_number_are_limited(api, clerk_a, published_a, settings):
    settings.CITIZEN_ID_SEARCH_LIMIT = 3
    for n in range(3):
        assert search(api, clerk_a, citizen_id(n)).status_code == 200
    response = search(api, clerk_a, citizen_id(9))
    assert response.status_code == 400
    assert response.json() == {"q": ["本小时内按公民身份号码查询的次数过多，请稍后再试。"]}


def test_the_page_searches_by_post_and_its_address_holds_a_keyed_hash(browser, legal, published_a):
    officer = make_officer(published_a, sequence=7)
    other = make_officer(published_a, name="李娜", sequence=8)
    number = citizen_id(7)
    browser.force_login(legal)
    page = browser.get("/personnel/officers/").content.decode()
    assert '<form method="post" action="/personnel/officers/"' in page
    response = browser.post("/personnel/officers/", {"q": number})
    assert response.status_code == 302
    address = response["Location"]
    assert number not in address
    assert f"q={citizen_ids.token_for(number)}" in address
    listed = browser.get(address).content.decode()
    assert officer.get_absolute_url() in listed
    assert other.get_absolute_url() not in listed
    # The export and the next pages carry the hash too; the search was audited once.
    assert browser.get(address + "&export=xlsx").status_code == 200
    assert AuditEntry.objects.filter(action="search_citizen_id").count() == 1
    # Typed into an address, the number is refused; another session's hash means nothing.
    typed = browser.get(f"/personnel/officers/?q={number}").content.decode()
    assert "完整的公民身份号码不能出现在网址中" in typed
    browser.logout()
    legal.refresh_from_db()  # logging out ended every session of the user
    browser.force_login(legal)
    assert "已失效" in browser.get(address).content.decode()


def test_a_search_by_name_is_posted_and_listed_as_before(browser, clerk_a, published_a):
    make_officer(published_a, sequence=7)
    browser.force_login(clerk_a)
    response = browser.post("/personnel/officers/", {"q": "张"})
    assert response["Location"] == "/personnel/officers/?q=%E5%BC%A0"
    assert not AuditEntry.objects.filter(action="search_citizen_id").exists()
