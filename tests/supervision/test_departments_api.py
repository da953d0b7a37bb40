"""Departments through the API: scoping, who may write, bad input, the audit trail."""

import pytest

from supervision.models import AuditEntry, Department

VALID = {
    "code": "LYJ",
    "name": "宿州市林业局",
    "region": "宿州市",
    "credit_code": "91350100M000100Y43",
}


def test_list_is_paginated_with_the_documented_fields(api, legal, department_a, department_b):
    body = api(legal).get("/api/v1/departments/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert set(body["results"][0]) == {
        "id",
        "code",
        "name",
        "region",
        "credit_code",
        "jurisdiction",
        "is_legal_office",
    }
    assert body["results"][0]["jurisdiction"] == "341300"


def test_pages_are_numbered(api, legal, department_a, department_b):
    body = api(legal).get("/api/v1/departments/?page=2&page_size=2").json()
    assert body["count"] == 3
    assert len(body["results"]) == 1
    assert body["previous"] is not None
    assert body["next"] is None


def test_a_page_past_the_end_answers_404_json(api, legal):
    response = api(legal).get("/api/v1/departments/?page=99")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_clerk_sees_only_their_department(api, clerk_a, department_b):
    body = api(clerk_a).get("/api/v1/departments/").json()
    assert [d["code"] for d in body["results"]] == ["ZJJ"]


def test_clerk_of_a_gets_404_for_department_b(api, clerk_a, department_b):
    response = api(clerk_a).get(f"/api/v1/departments/{department_b.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_supervisor_sees_no_department_by_default(api, supervisor, department_a):
    assert api(supervisor).get("/api/v1/departments/").json()["count"] == 0


def test_public_cannot_list(api, department_a):
    assert api().get("/api/v1/departments/").status_code == 401


def test_the_legal_office_creates_with_an_audit_entry(api, legal):
    user = legal
    response = api(user).post("/api/v1/departments/", VALID, format="json")
    assert response.status_code == 201, response.json()
    department = Department.objects.get(code="LYJ")
    entry = AuditEntry.objects.for_record(department).get()
    assert entry.action == "create"
    assert entry.actor == user
    assert entry.after["credit_code"] == VALID["credit_code"]


def test_the_administrator_reads_departments_and_keeps_them_in_the_admin(
    api, browser, admin_user, department_a
):
    # The organisation chart is theirs to read (a clerk's account names a department); they
    # change it in the Django admin, where every change is audited too.
    assert api(admin_user).get("/api/v1/departments/").json()["count"] >= 1
    browser.force_login(admin_user)
    url = f"/admin/supervision/department/{department_a.pk}/change/"
    assert browser.get(url).status_code == 200


def test_clerk_may_not_create_or_edit(api, clerk_a, department_a):
    assert api(clerk_a).post("/api/v1/departments/", VALID, format="json").status_code == 403
    response = api(clerk_a).patch(
        f"/api/v1/departments/{department_a.pk}/", {"name": "x"}, format="json"
    )
    assert response.status_code == 403
    assert Department.objects.get(pk=department_a.pk).name == "宿州市住房和城乡建设局"


def test_edit_records_before_and_after(api, legal, department_a):
    response = api(legal).patch(
        f"/api/v1/departments/{department_a.pk}/", {"region": "埇桥区"}, format="json"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.for_record(department_a).get()
    assert entry.action == "change"
    assert entry.changes == [("region", "宿州市", "埇桥区")]


def test_an_edit_that_changes_nothing_writes_no_entry(api, legal, department_a):
    api(legal).patch(f"/api/v1/departments/{department_a.pk}/", {"region": "宿州市"}, format="json")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"credit_code": "91350100M000100Y44"},
            "credit_code",
            "统一社会信用代码校验码不正确，请核对。",
        ),
        ({"credit_code": "123"}, "credit_code", "统一社会信用代码应为18位，当前为3位。"),
        ({"name": "局" * 101}, "name", "请确保这个字段不能超过 100 个字符。"),
        ({"code": ""}, "code", "该字段不能为空。"),
        ({"is_legal_office": "perhaps"}, "is_legal_office", "必须是有效的布尔值。"),
        ({"code": ["ZJJ"]}, "code", "不是有效的字符串。"),
        ({"owner": 1}, "owner", "不接受该字段。"),
        ({"id": 99}, "id", "不接受该字段。"),
    ],
)
def test_bad_input_gives_a_field_error_and_saves_nothing(api, legal, change, field, message):
    response = api(legal).post("/api/v1/departments/", {**VALID, **change}, format="json")
    assert response.status_code == 400
    assert message in response.json()[field]
    assert not Department.objects.filter(code="LYJ").exists()
    assert not AuditEntry.objects.exists()


def test_a_duplicate_code_is_a_field_error(api, legal, department_a):
    response = api(legal).post("/api/v1/departments/", {**VALID, "code": "ZJJ"}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()


def test_a_second_legal_office_is_refused(api, legal):
    response = api(legal).post(
        "/api/v1/departments/", {**VALID, "is_legal_office": True}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["该行政区划已设有政府法制机构，不能重复设置。"]}


def test_malformed_json_is_a_400(api, legal):
    response = api(legal).generic(
        "POST", "/api/v1/departments/", '{"code": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_an_unknown_api_url_answers_json_404(api, legal, browser):
    response = api(legal).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。"}
    assert browser.get("/api/nothing/here").json() == {"detail": "未找到。"}
