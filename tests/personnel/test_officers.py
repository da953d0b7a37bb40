"""Officers and auxiliary staff: registering them, the masking of ID numbers for every role, scoping,
bad input, query counts and the export."""

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from personnel import services
from personnel.models import AuxiliaryStaff, Officer
from supervision.models import AuditEntry
from tests.entities.conftest import make_entity

from .conftest import certify, citizen_id, make_officer

MASKED = "3413**********"


def officer_payload(target, **changes):
    return {
        "name": "赵磊",
        "citizen_id": citizen_id(31),
        "entity": target.pk,
        "post": "质量监督员",
        "on_establishment": True,
        **changes,
    }


def test_a_clerk_registers_an_officer_in_their_department(api, clerk_a, published_a):
    response = api(clerk_a).post("/api/v1/officers/", officer_payload(published_a), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["department"] == published_a.department_id
    assert body["citizen_id"] == MASKED + citizen_id(31)[-4:]
    assert body["may_enforce"] is False
    assert body["enforce_reasons"] == ["未持有行政执法证。"]
    officer = Officer.objects.get()
    assert AuditEntry.objects.for_record(officer).get().action == "create"


def test_a_lower_case_x_is_stored_upper_case(api, clerk_a, published_a):
    number = next(citizen_id(n) for n in range(100) if citizen_id(n).endswith("X"))
    response = api(clerk_a).post(
        "/api/v1/officers/",
        officer_payload(published_a, citizen_id=number.lower()),
        format="json",
    )
    assert response.status_code == 201
    assert Officer.objects.get().citizen_id == number


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {
                "citizen_id": citizen_id(31)[:17] + "0"
                if citizen_id(31)[-1] != "0"
                else citizen_id(31)[:17] + "1"
            },
            "citizen_id",
            "公民身份号码校验码不正确，请核对。",
        ),
        ({"citizen_id": "12345"}, "citizen_id", "公民身份号码应为18位，当前为5位。"),
        ({"name": ""}, "name", "该字段不能为空。"),
        ({"post": ""}, "post", "该字段不能为空。"),
        ({"entity": 999999}, "entity", "无效主键 “999999” － 对象不存在。"),
        ({"department": 1}, "department", "不接受该字段。"),
    ],
)
def test_bad_input_is_a_field_error_in_chinese_and_saves_nothing(
    api, clerk_a, published_a, change, field, message
):
    response = api(clerk_a).post(
        "/api/v1/officers/", officer_payload(published_a, **change), format="json"
    )
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not Officer.objects.exists()


def test_a_duplicate_id_number_is_refused(api, clerk_a, officer_a, published_a):
    response = api(clerk_a).post(
        "/api/v1/officers/",
        officer_payload(published_a, citizen_id=officer_a.citizen_id),
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"citizen_id": ["该公民身份号码的执法人员已登记。"]}


def test_the_entity_must_be_of_the_officers_department(api, legal, published_a, published_b):
    response = api(legal).post(
        "/api/v1/officers/",
        officer_payload(published_b, department=published_a.department_id),
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"entity": ["执法主体须属于该人员所在部门。"]}


def test_a_clerk_cannot_use_another_departments_entity(api, clerk_a, published_b):
    response = api(clerk_a).post("/api/v1/officers/", officer_payload(published_b), format="json")
    assert response.status_code == 400
    assert "entity" in response.json()


@pytest.mark.parametrize("persona", ["legal", "clerk_a", "supervisor"])
def test_id_numbers_masked_for_everyone_in_api_lists_pages_and_export(
    api, browser, request, officer_a, persona
):
    user = request.getfixturevalue(persona)
    full, masked = officer_a.citizen_id, MASKED + officer_a.citizen_id[-4:]
    listing = api(user).get("/api/v1/officers/").json()["results"][0]
    assert listing["citizen_id"] == masked
    assert api(user).get(f"/api/v1/officers/{officer_a.pk}/").json()["citizen_id"] == masked
    browser.force_login(user)
    for url in ["/personnel/officers/", f"/personnel/officers/{officer_a.pk}/"]:
        page = browser.get(url).content.decode()
        assert masked in page
        assert full not in page
    export = browser.get("/personnel/officers/?export=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == masked


@pytest.mark.parametrize(
    ("persona", "may_see"),
    [("legal", True), ("clerk_a", True), ("supervisor", False)],
)
def test_the_whole_number_on_the_officers_page_on_demand_audited(
    api, browser, request, officer_a, persona, may_see
):
    user = request.getfixturevalue(persona)
    full = officer_a.citizen_id
    browser.force_login(user)
    page = browser.get(f"/personnel/officers/{officer_a.pk}/").content.decode()
    assert ("显示完整号码" in page) is may_see
    shown = browser.post(f"/personnel/officers/{officer_a.pk}/citizen-id/", follow=True)
    assert (full in shown.content.decode()) is may_see
    by_api = api(user).post(f"/api/v1/officers/{officer_a.pk}/citizen-id/")
    if may_see:
        assert by_api.json() == {"citizen_id": full}
    else:
        assert by_api.status_code == 403
    showings = AuditEntry.objects.for_record(officer_a).filter(action="show_citizen_id")
    assert showings.count() == (2 if may_see else 0)
    assert all(entry.actor == user for entry in showings)
    # Asking is a POST: a GET of the address shows nothing.
    assert browser.get(f"/personnel/officers/{officer_a.pk}/citizen-id/").status_code == 405


def test_the_administrator_sees_no_officer_and_no_number(api, browser, admin_user, officer_a):
    # Separation of duties (三权分立): accounts, not registries.
    assert api(admin_user).get("/api/v1/officers/").json()["count"] == 0
    assert api(admin_user).get(f"/api/v1/officers/{officer_a.pk}/").status_code == 404
    browser.force_login(admin_user)
    assert browser.get(f"/personnel/officers/{officer_a.pk}/").status_code == 404
    assert officer_a.citizen_id[-4:] not in browser.get("/personnel/officers/").content.decode()


def test_clerk_b_never_sees_clerk_as_officer(api, browser, clerk_b, officer_a):
    assert api(clerk_b).get(f"/api/v1/officers/{officer_a.pk}/").status_code == 404
    assert api(clerk_b).get("/api/v1/officers/").json()["count"] == 0
    assert api(clerk_b).patch(f"/api/v1/officers/{officer_a.pk}/", {"post": "x"}).status_code == 404
    browser.force_login(clerk_b)
    for url in ["", "edit/", "certificates/new/", "conduct/new/"]:
        assert browser.get(f"/personnel/officers/{officer_a.pk}/{url}").status_code == 404
    assert officer_a.citizen_id not in browser.get("/personnel/officers/").content.decode()


def test_the_public_is_sent_to_log_in(api, browser, officer_a):
    assert api().get("/api/v1/officers/").status_code == 401
    assert api().get("/api/v1/auxiliary-staff/").status_code == 401
    response = browser.get(f"/personnel/officers/{officer_a.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_supervisor_reads_but_does_not_write(api, supervisor, officer_a, published_a):
    assert api(supervisor).get("/api/v1/officers/").json()["count"] == 1
    response = api(supervisor).post(
        "/api/v1/officers/", officer_payload(published_a), format="json"
    )
    assert response.status_code == 403
    assert (
        api(supervisor).patch(f"/api/v1/officers/{officer_a.pk}/", {"post": "x"}).status_code == 403
    )


def test_editing_an_officer_is_audited(api, clerk_a, officer_a):
    response = api(clerk_a).patch(
        f"/api/v1/officers/{officer_a.pk}/", {"on_establishment": False}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["enforce_reasons"][0] == "该人员不在编在岗。"
    entry = AuditEntry.objects.for_record(officer_a).get()
    assert entry.changes == [("on_establishment", True, False)]


def test_the_browser_registers_and_edits(browser, clerk_a, published_a):
    browser.force_login(clerk_a)
    assert "登记执法人员" in browser.get("/personnel/officers/new/").content.decode()
    bad = browser.post(
        "/personnel/officers/new/", {**officer_payload(published_a), "citizen_id": "341302"}
    )
    assert "公民身份号码应为18位，当前为6位。" in bad.content.decode()
    assert not Officer.objects.exists()
    response = browser.post("/personnel/officers/new/", officer_payload(published_a))
    officer = Officer.objects.get()
    assert response["Location"] == f"/personnel/officers/{officer.pk}/"
    page = browser.get(response["Location"]).content.decode()
    assert "执法人员已登记。" in page
    assert "不得执法" in page
    assert "未持有行政执法证。" in page
    browser.post(
        f"/personnel/officers/{officer.pk}/edit/",
        {**officer_payload(published_a), "post": "法规科科员"},
    )
    officer.refresh_from_db()
    assert officer.post == "法规科科员"


@pytest.mark.parametrize("persona", ["clerk_a", "legal"])
def test_the_edit_form_never_carries_the_whole_id_number(
    browser, request, officer_a, published_a, persona
):
    browser.force_login(request.getfixturevalue(persona))
    url = f"/personnel/officers/{officer_a.pk}/edit/"
    full, masked = officer_a.citizen_id, MASKED + officer_a.citizen_id[-4:]
    page = browser.get(url).content.decode()
    assert full not in page
    assert f'placeholder="{masked}"' in page
    assert f"已登记号码为{masked}。不修改请留空" in page
    # Another field wrong: the form comes back, still without the number.
    again = browser.post(url, {**officer_payload(published_a), "citizen_id": "", "name": ""})
    assert again.status_code == 400
    assert full not in again.content.decode()
    # Nothing typed in: the stored number is kept, and the rest is saved.
    kept = browser.post(url, {**officer_payload(published_a), "citizen_id": "", "post": "科员"})
    assert kept.status_code == 302
    officer_a.refresh_from_db()
    assert (officer_a.citizen_id, officer_a.post) == (full, "科员")
    assert not AuditEntry.objects.for_record(officer_a).filter(action="show_citizen_id").exists()


def test_typing_a_new_id_number_on_the_edit_form_changes_it(
    browser, clerk_a, officer_a, published_a
):
    browser.force_login(clerk_a)
    url = f"/personnel/officers/{officer_a.pk}/edit/"
    full = officer_a.citizen_id
    bad = browser.post(url, {**officer_payload(published_a), "citizen_id": "34130219800101001"})
    assert bad.status_code == 400
    assert "公民身份号码应为18位，当前为17位。" in bad.content.decode()
    wrong_check = full[:-1] + ("0" if full[-1] != "0" else "1")
    bad = browser.post(url, {**officer_payload(published_a), "citizen_id": wrong_check})
    assert bad.status_code == 400
    assert "公民身份号码校验码不正确，请核对。" in bad.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.citizen_id == full
    new = citizen_id(77)
    changed = browser.post(url, {**officer_payload(published_a), "citizen_id": new.lower()})
    assert changed.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.citizen_id == new


def test_the_auxiliary_staff_edit_form_never_carries_the_whole_id_number(
    browser, clerk_a, department_a
):
    staff = services.auxiliary_create(
        actor=clerk_a,
        name="钱进",
        citizen_id=citizen_id(61),
        duties="协助现场勘查",
        contract_starts_on=datetime.date(2026, 1, 1),
        contract_ends_on=datetime.date(2027, 12, 31),
    )
    browser.force_login(clerk_a)
    url = f"/personnel/auxiliary-staff/{staff.pk}/"
    assert citizen_id(61) not in browser.get(url).content.decode()
    saved = browser.post(
        url,
        {
            "name": "钱进",
            "citizen_id": "",
            "duties": "协助调查",
            "contract_starts_on": "2026-01-01",
            "contract_ends_on": "2027-12-31",
        },
    )
    assert saved.status_code == 302
    staff.refresh_from_db()
    assert (staff.citizen_id, staff.duties) == (citizen_id(61), "协助调查")


def _officers(entity, count, legal, start=0):
    for n in range(start, start + count):
        officer = make_officer(entity, f"人员{n:03d}", 100 + n)
        if n % 2:
            certify(officer, legal)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/officers/",
        "/personnel/officers/",
        "/personnel/officers/?export=xlsx",
        "/api/v1/certificates/",
        "/personnel/certificates/",
        "/personnel/certificates/?export=xlsx",
        "/api/v1/annual-reviews/",
        "/personnel/reviews/",
        "/personnel/reviews/record/",
        "/api/v1/auxiliary-staff/",
    ],
)
def test_officer_lists_cost_the_same_queries_for_3_and_30_rows(
    api, browser, legal, published_a, url
):
    browser.force_login(legal)
    client = api(legal)
    counts = []
    for count, start in ((3, 0), (27, 3)):
        _officers(published_a, count, legal, start)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url) if url.startswith("/api/") else browser.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert Officer.objects.count() == 30
    assert counts[0] == counts[1], counts


def test_the_officer_list_shows_who_may_enforce_and_exports_the_filter(browser, legal, published_a):
    ready = make_officer(published_a, "可执法", 1)
    certify(ready, legal)
    make_officer(published_a, "未持证", 2)
    browser.force_login(legal)
    page = browser.get("/personnel/officers/").content.decode()
    assert page.count("可以执法") == 1
    assert page.count("不得执法") == 1
    export = browser.get("/personnel/officers/?q=可执法&export=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "姓名",
        "公民身份号码",
        "部门",
        "执法主体",
        "岗位",
        "在编在岗",
        "今日可否执法",
    )
    assert [r[0] for r in rows[1:]] == ["可执法"]
    assert rows[1][6] == "是"
    by_id = browser.post("/personnel/officers/", {"q": ready.citizen_id}, follow=True)
    by_id = by_id.content.decode()
    assert "可执法" in by_id
    assert "未持证" not in by_id


def test_auxiliary_staff_registry(api, browser, clerk_a, clerk_b, supervisor, department_a):
    payload = {
        "name": "钱进",
        "citizen_id": citizen_id(61),
        "duties": "协助现场勘查、拍照取证",
        "contract_starts_on": "2026-01-01",
        "contract_ends_on": "2027-12-31",
    }
    created = api(clerk_a).post("/api/v1/auxiliary-staff/", payload, format="json")
    assert created.status_code == 201
    staff = AuxiliaryStaff.objects.get()
    assert staff.department == department_a
    wrong = api(clerk_a).post(
        "/api/v1/auxiliary-staff/",
        {**payload, "citizen_id": citizen_id(62), "contract_ends_on": "2025-12-31"},
        format="json",
    )
    assert wrong.status_code == 400
    assert wrong.json() == {"contract_ends_on": ["合同届满日须晚于起始日。"]}
    assert api(supervisor).get("/api/v1/auxiliary-staff/").json()["results"][0]["citizen_id"] == (
        MASKED + citizen_id(61)[-4:]
    )
    assert api(clerk_b).get(f"/api/v1/auxiliary-staff/{staff.pk}/").status_code == 404
    browser.force_login(clerk_b)
    assert browser.get(f"/personnel/auxiliary-staff/{staff.pk}/").status_code == 404
    browser.force_login(clerk_a)
    page = browser.get("/personnel/auxiliary-staff/").content.decode()
    assert "钱进" in page
    # Masked in the list for everyone, the department's own clerk too.
    assert citizen_id(61) not in page
    assert MASKED + citizen_id(61)[-4:] in page
    export = browser.get("/personnel/auxiliary-staff/?export=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("钱进", MASKED + citizen_id(61)[-4:])
    shown = api(clerk_a).post(f"/api/v1/auxiliary-staff/{staff.pk}/citizen-id/")
    assert shown.json() == {"citizen_id": citizen_id(61)}


def test_an_unpublished_entity_is_still_a_home_for_registration(api, clerk_a, department_a):
    draft = make_entity(department_a, "草稿主体")
    response = api(clerk_a).post("/api/v1/officers/", officer_payload(draft), format="json")
    assert response.status_code == 201
    assert response.json()["enforce_reasons"][0] == "所属执法主体“草稿主体”未公告。"


def test_every_page_that_shows_an_officer_says_whether_they_may_enforce(
    browser, legal, certificate_a, officer_a
):
    from personnel.models import ConductCategory, ConductRecord

    record = ConductRecord.objects.create(
        officer=officer_a,
        occurred_on=certificate_a.issued_on,
        category=ConductCategory.objects.first(),
        description="情况",
        source="other",
    )
    browser.force_login(legal)
    for url in [
        "/personnel/officers/",
        f"/personnel/officers/{officer_a.pk}/",
        "/personnel/certificates/",
        f"/personnel/certificates/{certificate_a.pk}/",
        "/personnel/reviews/",
        "/personnel/reviews/record/",
        "/personnel/conduct/",
        f"/personnel/conduct/{record.pk}/",
    ]:
        assert "可以执法" in browser.get(url).content.decode(), url
