"""Bad-conduct records: reported, then verified or dismissed by the legal office; a verified
record makes the officer ineligible for "advanced" that year and counts for the department."""

import io

import pytest
from openpyxl import load_workbook

from personnel.models import ConductCategory, ConductRecord
from personnel.selectors import eligible_for_advanced, verified_conduct_by_department
from supervision.models import AuditEntry

from .conftest import D, make_officer


@pytest.fixture
def category(db):
    return ConductCategory.objects.get(name="粗暴执法、态度恶劣")


def report(api, user, officer, category, **changes):
    return api(user).post(
        "/api/v1/conduct-records/",
        {
            "officer": officer.pk,
            "occurred_on": "2026-05-20",
            "category": category.pk,
            "source": "complaint",
            "description": "检查中对当事人言语粗暴。",
            **changes,
        },
        format="json",
    )


def test_the_default_categories_are_there_and_the_admin_edits_them(browser, admin_user, api, legal):
    names = [c["name"] for c in api(legal).get("/api/v1/conduct-categories/").json()]
    assert "未出示执法证件执法" in names
    assert len(names) == 10
    browser.force_login(admin_user)
    response = browser.post(
        "/admin/personnel/conductcategory/add/",
        {"name": "擅自委托无资格人员执法", "description": "", "is_active": "on", "position": 11},
    )
    assert response.status_code == 302
    assert ConductCategory.objects.filter(name="擅自委托无资格人员执法").exists()


def test_reported_then_verified_and_the_officer_is_not_advanced_that_year(
    api, clerk_a, legal, officer_a, category
):
    created = report(api, clerk_a, officer_a, category)
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "reported"
    assert eligible_for_advanced(officer_a, 2026) is True
    record_id = created.json()["id"]
    assert api(clerk_a).post(f"/api/v1/conduct-records/{record_id}/verify/").status_code == 403
    verified = api(legal).post(
        f"/api/v1/conduct-records/{record_id}/verify/", {"reason": "经调查核实"}, format="json"
    )
    assert verified.json()["status"] == "verified"
    assert verified.json()["decided_on"] == "2026-06-15"
    assert eligible_for_advanced(officer_a, 2026) is False
    assert eligible_for_advanced(officer_a, 2025) is True
    assert verified_conduct_by_department(2026) == {officer_a.department_id: 1}
    record = ConductRecord.objects.get()
    assert [e.action for e in AuditEntry.objects.for_record(record).order_by("id")] == [
        "create",
        "verify",
    ]


def test_a_dismissed_record_does_not_count(api, clerk_a, legal, officer_a, category):
    record_id = report(api, clerk_a, officer_a, category).json()["id"]
    url = f"/api/v1/conduct-records/{record_id}"
    assert api(legal).post(f"{url}/dismiss/", {}, format="json").json() == {
        "reason": ["该字段是必填项。"]
    }
    dismissed = api(legal).post(f"{url}/dismiss/", {"reason": "经查不属实"}, format="json")
    assert dismissed.json()["status"] == "dismissed"
    assert eligible_for_advanced(officer_a, 2026) is True
    assert verified_conduct_by_department(2026) == {}
    again = api(legal).post(f"{url}/verify/", {}, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "只有已报告的记录可以核实认定。"}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"occurred_on": "2026-06-16"}, "occurred_on", "日期不能晚于今天。"),
        ({"description": ""}, "description", "该字段不能为空。"),
        ({"source": "rumour"}, "source", "“rumour” 不是合法选项。"),
    ],
)
def test_bad_input(api, clerk_a, officer_a, category, change, field, message):
    response = report(api, clerk_a, officer_a, category, **change)
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not ConductRecord.objects.exists()


def test_an_unused_category_is_refused(api, clerk_a, officer_a, category):
    category.is_active = False
    category.save()
    response = report(api, clerk_a, officer_a, category)
    assert response.status_code == 400
    assert "category" in response.json()


def test_scoping(api, browser, clerk_a, clerk_b, officer_a, category):
    record_id = report(api, clerk_a, officer_a, category).json()["id"]
    assert api(clerk_b).get(f"/api/v1/conduct-records/{record_id}/").status_code == 404
    assert report(api, clerk_b, officer_a, category).status_code == 400  # not an officer of theirs
    browser.force_login(clerk_b)
    assert browser.get(f"/personnel/conduct/{record_id}/").status_code == 404
    assert browser.get(f"/personnel/conduct/{record_id}/evidence/").status_code == 404
    assert api().get("/api/v1/conduct-records/").status_code == 401


def test_the_browser_workflow_and_the_department_figures(
    browser, clerk_a, legal, officer_a, published_a, category
):
    browser.force_login(clerk_a)
    response = browser.post(
        f"/personnel/officers/{officer_a.pk}/conduct/new/",
        {
            "occurred_on": "2026-05-20",
            "category": category.pk,
            "source": "supervision",
            "description": "未出示证件",
        },
    )
    record = ConductRecord.objects.get()
    assert response["Location"] == f"/personnel/conduct/{record.pk}/"
    browser.force_login(legal)
    assert "核实认定" in browser.get(response["Location"]).content.decode()
    browser.post(f"/personnel/conduct/{record.pk}/verify/", {"reason": ""})
    record.refresh_from_db()
    assert record.status == "verified"
    officer_page = browser.get(f"/personnel/officers/{officer_a.pk}/").content.decode()
    assert "否：本年度有经核实的不良执法行为记录" in officer_page
    other = make_officer(published_a, "李强", 12)
    assert (
        "2026年度可否评为先进" in browser.get(f"/personnel/officers/{other.pk}/").content.decode()
    )
    listing = browser.get("/personnel/conduct/").content.decode()
    assert "2026年各部门经核实的不良执法行为记录" in listing
    assert "宿州市住房和城乡建设局: 1" in listing


def test_the_list_exports_the_filtered_rows(browser, legal, officer_a, category):
    from io import BytesIO

    from openpyxl import load_workbook

    for status in ("reported", "verified"):
        ConductRecord.objects.create(
            officer=officer_a,
            occurred_on=D(2026, 5, 1),
            category=category,
            description=status,
            source="other",
            status=status,
        )
    browser.force_login(legal)
    export = browser.get("/personnel/conduct/?status=verified&export=xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[5] for r in rows[1:]] == ["verified"]


def test_in_chinese_a_records_source_is_where_it_came_from(browser, legal, officer_a):
    """ "source" is also the document a holiday schedule follows (依据文件): a record's has its own
    context, or the catalogues merged would give one translation to both."""
    browser.force_login(legal)
    listing = browser.get("/personnel/conduct/").content.decode()
    assert '<label for="id_source">来源：</label>' in listing
    assert "依据文件" not in listing
    export = browser.get("/personnel/conduct/?export=xlsx")
    headers = next(load_workbook(io.BytesIO(export.content)).active.values)
    assert "来源" in headers


def test_a_category_reads_in_the_readers_language(
    api, browser, clerk_a, legal, officer_a, category
):
    assert report(api, clerk_a, officer_a, category).status_code == 201
    browser.force_login(legal)
    assert "粗暴执法、态度恶劣" in browser.get("/personnel/conduct/").content.decode()
    browser.cookies["django_language"] = "en"
    english = browser.get("/personnel/conduct/").content.decode()
    assert "Rough enforcement or abusive manner" in english
    assert "粗暴执法、态度恶劣" not in english
    # A category the administrator added without an English name keeps its Chinese one.
    added = ConductCategory.objects.create(name="擅自委托无资格人员执法", position=11)
    assert str(added) == "擅自委托无资格人员执法"
