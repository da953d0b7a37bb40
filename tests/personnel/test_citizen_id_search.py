"""A masked number cannot be confirmed by searching for it (issue 18): only roles that see whole
numbers search by one, at most CITIZEN_ID_SEARCH_LIMIT an hour, each search audited masked."""

from supervision.models import AuditEntry

from .conftest import citizen_id, make_officer

REFUSED = {"q": ["您的角色只能看到遮挡后的公民身份号码，请按姓名查询。"]}


def test_a_supervisor_cannot_confirm_a_number_by_searching(api, supervisor, published_a):
    make_officer(published_a, sequence=7)
    number = citizen_id(7)
    shown = api(supervisor).get("/api/v1/officers/").json()["results"][0]["citizen_id"]
    assert "*" in shown
    response = api(supervisor).get(f"/api/v1/officers/?q={number}")
    assert response.status_code == 400
    assert response.json() == REFUSED
    assert api(supervisor).get("/api/v1/auxiliary-staff/?q=" + number).json() == REFUSED
    # By name they search as before.
    assert api(supervisor).get("/api/v1/officers/?q=张").json()["count"] == 1


def test_a_search_by_number_is_audited_masked(api, clerk_a, published_a):
    make_officer(published_a, sequence=7)
    number = citizen_id(7)
    assert api(clerk_a).get(f"/api/v1/officers/?q={number}").json()["count"] == 1
    entry = AuditEntry.objects.get(action="search_citizen_id")
    assert entry.actor == clerk_a
    assert number not in str(entry.after)
    assert entry.after["number"] == number[:4] + "*" * 10 + number[-4:]


def test_searches_by_number_are_limited(api, clerk_a, published_a, settings):
    settings.CITIZEN_ID_SEARCH_LIMIT = 3
    for n in range(3):
        assert api(clerk_a).get(f"/api/v1/officers/?q={citizen_id(n)}").status_code == 200
    response = api(clerk_a).get(f"/api/v1/officers/?q={citizen_id(9)}")
    assert response.status_code == 400
    assert response.json() == {"q": ["本小时内按公民身份号码查询的次数过多，请稍后再试。"]}
