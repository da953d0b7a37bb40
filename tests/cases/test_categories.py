"""The catalogue of major decisions (重大执法决定事项目录): clerks keep their own, the legal
office sees and keeps all."""

from cases.models import MajorDecisionCategory
from supervision.models import AuditEntry

URL = "/api/v1/decision-categories/"


def test_a_clerk_keeps_their_own_categories_in_the_browser(browser, clerk_a, category_b):
    browser.force_login(clerk_a)
    assert "新增事项" in browser.get("/cases/categories/").content.decode()
    response = browser.post(
        "/cases/categories/new/",
        {"title": "吊销资质证书", "criteria": "涉及资质的处罚。", "is_active": "on"},
        follow=True,
    )
    text = response.content.decode()
    assert "事项已添加。" in text
    assert "吊销资质证书" in text
    assert "吊销道路运输经营许可证" not in text  # department B's
    category = MajorDecisionCategory.objects.get(title="吊销资质证书")
    assert category.department == clerk_a.department
    assert AuditEntry.objects.for_record(category).get().action == "create"


def test_the_category_form_shows_errors_in_chinese(browser, clerk_a, category_a):
    browser.force_login(clerk_a)
    empty = browser.post("/cases/categories/new/", {"title": "", "criteria": ""})
    assert empty.status_code == 400
    assert "该字段是必填项。" in empty.content.decode()
    duplicate = browser.post("/cases/categories/new/", {"title": category_a.title, "criteria": "x"})
    assert duplicate.status_code == 400
    assert "本部门已有同名的重大执法决定事项。" in duplicate.content.decode()
    assert MajorDecisionCategory.objects.count() == 1


def test_the_legal_office_sees_all_and_names_the_department(
    browser, legal, category_a, category_b, department_b
):
    browser.force_login(legal)
    text = browser.get("/cases/categories/").content.decode()
    assert category_a.title in text
    assert category_b.title in text
    response = browser.post(
        "/cases/categories/new/",
        {"department": department_b.pk, "title": "暂扣车辆", "criteria": "扣押超过30日。"},
    )
    assert response.status_code == 302
    assert MajorDecisionCategory.objects.get(title="暂扣车辆").department == department_b


def test_clerk_b_gets_404_on_department_a_categories(browser, api, clerk_b, category_a):
    browser.force_login(clerk_b)
    assert browser.get(f"/cases/categories/{category_a.pk}/edit/").status_code == 404
    assert (
        browser.post(f"/cases/categories/{category_a.pk}/edit/", {"title": "x"}).status_code == 404
    )
    assert api(clerk_b).get(f"{URL}{category_a.pk}/").status_code == 404
    assert (
        api(clerk_b).patch(f"{URL}{category_a.pk}/", {"title": "x"}, format="json").status_code
        == 404
    )
    assert MajorDecisionCategory.objects.get().title == category_a.title


def test_the_api(api, legal, clerk_a, clerk_b, category_a, category_b, department_a, supervisor):
    body = api(clerk_a).get(URL).json()
    assert [(c["title"], c["department"]) for c in body["results"]] == [
        (category_a.title, department_a.pk)
    ]
    assert set(body["results"][0]) == {"id", "department", "title", "criteria", "is_active"}
    assert api(legal).get(URL).json()["count"] == 2
    assert api(legal).get(f"{URL}?department={department_a.pk}").json()["count"] == 1
    assert api(supervisor).get(URL).json()["count"] == 0
    assert (
        api(supervisor).post(URL, {"title": "x", "criteria": "y"}, format="json").status_code == 403
    )
    created = api(clerk_a).post(URL, {"title": "强制拆除", "criteria": "强拆决定。"}, format="json")
    assert created.status_code == 201
    assert created.json()["department"] == department_a.pk
    off = api(clerk_a).patch(f"{URL}{created.json()['id']}/", {"is_active": False}, format="json")
    assert off.json()["is_active"] is False
    assert api(clerk_a).get(f"{URL}?is_active=true").json()["count"] == 1
    legal_without = api(legal).post(URL, {"title": "t", "criteria": "c"}, format="json")
    assert legal_without.status_code == 400
    assert legal_without.json() == {"department": ["该字段是必填项。"]}


def test_the_navigation_and_home_page_lead_here(browser, clerk_a, legal, supervisor):
    for user in (clerk_a, legal):
        browser.force_login(user)
        text = browser.get("/").content.decode()
        assert 'href="/cases/decisions/"' in text
        assert "重大行政执法决定" in text
        assert "案卷目录备案" in text
        assert "重大执法决定事项目录" in text
    browser.force_login(supervisor)
    assert 'href="/cases/decisions/"' not in browser.get("/").content.decode()
