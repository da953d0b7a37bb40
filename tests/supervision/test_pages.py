"""The browser side: login, home per role, language switch, audit pages, 404s."""

import pytest

from supervision.models import AuditEntry
from tests.factories import PASSWORD


def test_login_page_is_in_chinese(browser, db):
    page = browser.get("/accounts/login/").content.decode()
    assert "登录" in page
    assert "执法监督平台" in page
    assert 'lang="zh-hans"' in page


def test_wrong_password_says_so_in_chinese_without_saying_which(browser, clerk_a):
    wrong_password = browser.post("/accounts/login/", {"username": "clerk_a", "password": "x"})
    unknown_user = browser.post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert wrong_password.status_code == 200
    assert "用户名或密码不正确，请重新输入。" in wrong_password.content.decode()
    assert "用户名或密码不正确，请重新输入。" in unknown_user.content.decode()


def test_login_leads_home_showing_who_and_department(browser, clerk_a):
    response = browser.post(
        "/accounts/login/", {"username": "clerk_a", "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert "部门填报员" in page
    assert "宿州市住房和城乡建设局" in page
    assert "只能查看本部门的记录" in page


def test_home_needs_a_login(browser, db):
    response = browser.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("persona", "sees_audit", "sees_admin"),
    [
        ("legal", True, False),
        ("admin_user", True, True),
        ("clerk_a", False, False),
        ("supervisor", False, False),
    ],
)
def test_navigation_follows_the_role(browser, request, persona, sees_audit, sees_admin):
    browser.force_login(request.getfixturevalue(persona))
    page = browser.get("/").content.decode()
    assert ('href="/audit/"' in page) is sees_audit
    assert ('href="/admin/"' in page) is sees_admin


def test_logout(browser, clerk_a):
    browser.force_login(clerk_a)
    response = browser.post("/accounts/logout/")
    assert response.status_code == 302
    assert browser.get("/").status_code == 302


def test_language_switch_to_english_and_back(browser, clerk_a):
    browser.force_login(clerk_a)
    browser.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = browser.get("/").content.decode()
    assert "Department clerk" in page
    assert "Log out" in page
    browser.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "退出登录" in browser.get("/").content.decode()


def test_only_the_administrator_enters_the_django_admin(browser, legal, admin_user):
    browser.force_login(legal)
    assert browser.get("/admin/").status_code == 302
    browser.force_login(admin_user)
    assert browser.get("/admin/").status_code == 200


def test_a_change_in_the_admin_lands_in_the_audit_trail(browser, admin_user, department_a):
    browser.force_login(admin_user)
    response = browser.post(
        f"/admin/supervision/department/{department_a.pk}/change/",
        {
            "code": "ZJJ",
            "name": "宿州市住房和城乡建设局",
            "region": "埇桥区",
            "credit_code": department_a.credit_code,
            "jurisdiction": department_a.jurisdiction_id,
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.for_record(department_a).get()
    assert entry.actor == admin_user
    assert entry.changes == [("region", "宿州市", "埇桥区")]


def test_the_department_admin_has_no_view_on_site_link(browser, admin_user, department_a):
    # A department has no page of its own; the link used to open the entity with the same id.
    browser.force_login(admin_user)
    page = browser.get(f"/admin/supervision/department/{department_a.pk}/change/")
    assert page.status_code == 200
    assert "/r/" not in page.content.decode()


def test_legal_office_reads_a_records_history_in_the_browser(browser, api, legal, department_a):
    api(legal).patch(f"/api/v1/departments/{department_a.pk}/", {"region": "埇桥区"}, format="json")
    browser.force_login(legal)
    page = browser.get(
        f"/audit/?model=supervision.department&id={department_a.pk}"
    ).content.decode()
    assert "宿州市住房和城乡建设局 的变更记录" in page
    assert "行政区域：宿州市 → 埇桥区" in page
    assert "<td>修改" in page
    assert "legal" in page


def test_legal_office_reads_history_through_the_api(api, legal, department_a):
    api(legal).patch(f"/api/v1/departments/{department_a.pk}/", {"region": "埇桥区"}, format="json")
    body = (
        api(legal)
        .get(f"/api/v1/audit-entries/?model=supervision.department&object_id={department_a.pk}")
        .json()
    )
    assert body["count"] == 1
    entry = body["results"][0]
    assert entry["model"] == "supervision.department"
    assert entry["actor"] == "legal"
    assert entry["before"]["region"] == "宿州市"
    assert entry["after"]["region"] == "埇桥区"


def test_clerks_cannot_read_the_audit_trail(browser, api, clerk_a):
    browser.force_login(clerk_a)
    assert browser.get("/audit/").status_code == 404
    assert api(clerk_a).get("/api/v1/audit-entries/").status_code == 403


def test_an_unknown_page_answers_a_chinese_404(browser, clerk_a):
    browser.force_login(clerk_a)
    response = browser.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_audit_trail_with_an_unknown_model_is_404(browser, legal):
    browser.force_login(legal)
    assert browser.get("/audit/?model=nothing.here").status_code == 404


def test_api_docs_and_schema_are_served_without_a_cdn(browser, legal):
    browser.force_login(legal)
    docs = browser.get("/api/docs/").content.decode()
    assert "//cdn" not in docs
    assert "unpkg" not in docs
    schema = browser.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/departments/" in schema.content


def test_pages_speak_chinese_whatever_the_browser_sends(client, clerk_a):
    client.force_login(clerk_a)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "退出登录" in page


def test_the_api_follows_accept_language(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="en").json() == {
        "detail": "Not found."
    }
