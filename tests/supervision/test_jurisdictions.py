"""Levels of government: the city's legal office sees the counties' records but handles only its
own departments' work; a county's office sees its own and those below, never another county's;
notices carry the issuing office's name, seal and gap-free numbers."""

import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cases.models import MajorDecision
from entities.models import EnforcementEntity
from supervision import bulletins, notices
from supervision.models import Department, Jurisdiction, Notice
from supervision.notices import NoticeDraft
from tests.clock import at
from tests.factories import (
    CertificateFactory,
    ClerkFactory,
    DepartmentFactory,
    EnforcementEntityFactory,
    LegalStaffFactory,
    MajorDecisionFactory,
    OfficerFactory,
    SupervisorFactory,
    TrainingPlanFactory,
)

D = datetime.date


def jurisdiction(code, name, parent, prefix):
    return Jurisdiction.objects.create(
        code=code,
        name=name,
        parent=parent,
        office_name=f"{name}人民政府法制办公室",
        number_prefix=prefix,
        seal_text=f"{name}人民政府法制办公室",
    )


def office_staff(place, code):
    office = DepartmentFactory(
        code=code, name=f"{place.name}人民政府法制办公室", jurisdiction=place, is_legal_office=True
    )
    return LegalStaffFactory(department=office)


@pytest.fixture
def city(db):
    return Jurisdiction.objects.root()


@pytest.fixture
def dangshan(city):
    return jurisdiction("341321", "砀山县", city, "砀法监通")


@pytest.fixture
def xiaoxian(city):
    return jurisdiction("341322", "萧县", city, "萧法监通")


@pytest.fixture
def dangshan_department(dangshan):
    return DepartmentFactory(code="DS-SJJ", name="砀山县市场监督管理局", jurisdiction=dangshan)


@pytest.fixture
def xiaoxian_department(xiaoxian):
    return DepartmentFactory(code="XX-SJJ", name="萧县市场监督管理局", jurisdiction=xiaoxian)


@pytest.fixture
def dangshan_legal(dangshan):
    return office_staff(dangshan, "DS-FZB")


@pytest.fixture
def xiaoxian_legal(xiaoxian):
    return office_staff(xiaoxian, "XX-FZB")


@pytest.fixture
def records(department_a, dangshan_department, xiaoxian_department):
    """One entity, officer with certificate, decision and training plan in each of a city
    department, a 砀山县 department and a 萧县 department."""
    made = {}
    for place, department in (
        ("city", department_a),
        ("dangshan", dangshan_department),
        ("xiaoxian", xiaoxian_department),
    ):
        entity = EnforcementEntityFactory(department=department, name=f"{department.name}执法队")
        officer = OfficerFactory(entity=entity, name=f"{place}执法员")
        made[place] = {
            "entity": entity,
            "officer": officer,
            "certificate": CertificateFactory(officer=officer),
            "decision": MajorDecisionFactory(department=department),
            "plan": TrainingPlanFactory(department=department),
        }
    return made


DETAIL_PAGES = {
    "entity": "/entities/{pk}/",
    "officer": "/personnel/officers/{pk}/",
    "certificate": "/personnel/certificates/{pk}/",
    "decision": "/cases/decisions/{pk}/",
    "plan": "/training/plans/{pk}/",
}
API = {
    "entity": "/api/v1/entities/",
    "officer": "/api/v1/officers/",
    "certificate": "/api/v1/certificates/",
    "decision": "/api/v1/decisions/",
    "plan": "/api/v1/training/plans/",
}


def test_a_county_office_sees_its_own_records_and_not_the_citys_or_another_countys(
    browser, api, records, dangshan_legal
):
    browser.force_login(dangshan_legal)
    client = api(dangshan_legal)
    for kind, page in DETAIL_PAGES.items():
        own = records["dangshan"][kind]
        assert browser.get(page.format(pk=own.pk)).status_code == 200, kind
        for other in ("city", "xiaoxian"):
            record = records[other][kind]
            assert browser.get(page.format(pk=record.pk)).status_code == 404, (kind, other)
            assert client.get(f"{API[kind]}{record.pk}/").status_code == 404, (kind, other)
        listed = {row["id"] for row in client.get(API[kind]).json()["results"]}
        assert listed == {own.pk}, kind


def test_the_city_office_sees_every_county(api, records, legal):
    client = api(legal)
    for kind, url in API.items():
        listed = {row["id"] for row in client.get(url).json()["results"]}
        assert listed == {records[place][kind].pk for place in records}, kind


def test_a_county_office_exports_only_its_own_rows(browser, records, dangshan_legal):
    browser.force_login(dangshan_legal)
    response = browser.get("/entities/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row}
    assert records["dangshan"]["entity"].name in cells
    assert records["city"]["entity"].name not in cells
    assert records["xiaoxian"]["entity"].name not in cells


def test_filings_go_to_the_office_of_the_same_level(api, records, legal, dangshan_legal):
    """The city's office sees a county entity but cannot approve it; the county's office can."""
    entity = records["dangshan"]["entity"]
    EnforcementEntity.objects.filter(pk=entity.pk).update(status=EnforcementEntity.Status.SUBMITTED)
    refused = api(legal).post(f"/api/v1/entities/{entity.pk}/approve/")
    assert refused.status_code == 403
    assert "同级" in refused.json()["detail"]
    entity.refresh_from_db()
    assert entity.status == EnforcementEntity.Status.SUBMITTED
    assert api(dangshan_legal).post(f"/api/v1/entities/{entity.pk}/approve/").status_code == 200
    entity.refresh_from_db()
    assert entity.status == EnforcementEntity.Status.APPROVED


def test_a_county_office_cannot_review_a_city_decision(api, records, dangshan_legal):
    decision = records["city"]["decision"]
    response = api(dangshan_legal).post(
        f"/api/v1/decisions/{decision.pk}/review/", {"result": "passed"}, format="json"
    )
    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.review_status == MajorDecision.ReviewStatus.PENDING


def test_a_legal_office_registers_records_only_for_its_own_departments(
    api, legal, department_a, dangshan_department
):
    body = {"name": "执法队", "kind": "statutory", "legal_basis": "《行政处罚法》"}
    county = api(legal).post(
        "/api/v1/entities/", {**body, "department": dangshan_department.pk}, format="json"
    )
    assert county.status_code == 400
    assert "department" in county.json()
    assert not EnforcementEntity.objects.filter(department=dangshan_department).exists()


def test_a_county_office_creates_departments_in_its_jurisdiction_only(
    api, dangshan_legal, city, dangshan
):
    body = {"code": "DS-JTJ", "name": "砀山县交通运输局", "region": "砀山县"}
    body["credit_code"] = "91350100M000100Y43"
    made = api(dangshan_legal).post("/api/v1/departments/", body, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["jurisdiction"] == "341321"
    upward = api(dangshan_legal).post(
        "/api/v1/departments/",
        {**body, "code": "SZ-X", "name": "宿州市某局", "jurisdiction": city.code},
        format="json",
    )
    assert upward.status_code == 400
    assert "jurisdiction" in upward.json()
    assert Department.objects.filter(jurisdiction=dangshan).count() == 2  # its office, and this


def test_a_county_clerk_sees_only_their_department(api, records, dangshan_department):
    clerk = ClerkFactory(department=dangshan_department)
    listed = {row["id"] for row in api(clerk).get("/api/v1/entities/").json()["results"]}
    assert listed == {records["dangshan"]["entity"].pk}


# Notices ------------------------------------------------------------------------------------


def draft(department, key):
    return NoticeDraft(
        kind=Notice.Kind.OVERDUE,
        department_id=department.pk,
        subject="逾期",
        body="正文",
        object_key=key,
    )


def test_notices_of_a_county_carry_its_office_and_its_own_numbers(
    department_a, dangshan_department
):
    issued = notices.issue(
        [
            draft(department_a, "a:1"),
            draft(dangshan_department, "d:1"),
            draft(department_a, "a:2"),
            draft(dangshan_department, "d:2"),
        ],
        rule="r",
        day=D(2026, 12, 3),
    )
    assert [(n.number, n.office_name) for n in issued] == [
        ("宿法监通〔2026〕1号", "宿州市人民政府法制办公室"),
        ("砀法监通〔2026〕1号", "砀山县人民政府法制办公室"),
        ("宿法监通〔2026〕2号", "宿州市人民政府法制办公室"),
        ("砀法监通〔2026〕2号", "砀山县人民政府法制办公室"),
    ]
    assert issued[1].seal_text == "砀山县人民政府法制办公室"
    (next_county,) = notices.issue(
        [draft(dangshan_department, "d:3")], rule="r", day=D(2026, 12, 4)
    )
    assert next_county.number == "砀法监通〔2026〕3号"


def test_a_county_notice_pdf_is_the_countys_document(browser, dangshan_department, dangshan_legal):
    (notice,) = notices.issue([draft(dangshan_department, "d:1")], rule="r", day=D(2026, 12, 3))
    browser.force_login(dangshan_legal)
    response = browser.get(f"/notices/{notice.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_notices_are_read_within_the_jurisdiction(
    browser, department_a, dangshan_department, xiaoxian_department, legal, dangshan_legal
):
    city_notice, county_notice, other_notice = notices.issue(
        [
            draft(department_a, "a:1"),
            draft(dangshan_department, "d:1"),
            draft(xiaoxian_department, "x:1"),
        ],
        rule="r",
        day=D(2026, 12, 3),
    )
    browser.force_login(dangshan_legal)
    assert browser.get(f"/notices/{county_notice.pk}/").status_code == 200
    assert browser.get(f"/notices/{city_notice.pk}/").status_code == 404
    assert browser.get(f"/notices/{other_notice.pk}/pdf/").status_code == 404
    browser.force_login(legal)
    assert browser.get(f"/notices/{other_notice.pk}/").status_code == 200


def test_the_city_issues_a_bulletin_to_a_county_government(
    browser, legal, dangshan, dangshan_department, dangshan_legal, xiaoxian_legal
):
    # Built from the records of the county's departments (issue 9): drafted, then issued.
    browser.force_login(legal)
    with at(D(2026, 11, 30)):
        response = browser.post(
            "/notices/bulletin/",
            {"start": "2026-11-01", "end": "2026-11-30", "to_jurisdiction": dangshan.pk},
        )
        assert response.status_code == 302
        assert browser.post(response["Location"], {"action": "issue"}).status_code == 302
    bulletin = Notice.objects.get(kind=Notice.Kind.BULLETIN)
    assert bulletin.number.startswith("宿法监通〔")
    assert bulletin.addressee == "砀山县人民政府"
    assert f"{dangshan_department.name}：2025年度案卷目录的报送" in bulletin.body
    browser.force_login(dangshan_legal)
    assert browser.get(f"/notices/{bulletin.pk}/").status_code == 200
    browser.force_login(xiaoxian_legal)
    assert browser.get(f"/notices/{bulletin.pk}/").status_code == 404


def test_a_county_office_addresses_bulletins_below_it_only(
    browser, dangshan, dangshan_legal, city, xiaoxian
):
    jurisdiction("341371", "砀山经济开发区", dangshan, "砀开法监通")
    browser.force_login(dangshan_legal)
    for elsewhere in (city, xiaoxian):
        response = browser.post(
            "/notices/bulletin/",
            {"start": "2026-11-01", "end": "2026-11-30", "to_jurisdiction": elsewhere.pk},
        )
        assert response.status_code == 400
        assert "to_jurisdiction" in response.context["form"].errors
    assert not Notice.objects.exists()


def test_a_county_bulletin_to_all_departments_reaches_only_the_countys_clerks(
    api, dangshan_legal, dangshan_department, department_a
):
    with at(D(2026, 11, 30)):
        draft = bulletins.bulletin_draft(
            start=D(2026, 11, 1), end=D(2026, 11, 30), actor=dangshan_legal
        )
        bulletin = bulletins.draft_issue(draft=draft, actor=dangshan_legal)
    assert bulletin.addressee == "砀山县人民政府各部门"
    assert dangshan_department.name in bulletin.body
    assert department_a.name not in bulletin.body
    county_clerk = ClerkFactory(department=dangshan_department)
    city_clerk = ClerkFactory(department=department_a)
    assert api(county_clerk).get(f"/api/v1/notices/{bulletin.pk}/").status_code == 200
    assert api(city_clerk).get(f"/api/v1/notices/{bulletin.pk}/").status_code == 404


def test_only_the_issuing_office_voids_its_documents_and_sees_its_drafts(
    api, legal, dangshan_legal, dangshan_department, department_a
):
    with at(D(2026, 11, 30)):
        draft = bulletins.bulletin_draft(
            start=D(2026, 11, 1), end=D(2026, 11, 30), actor=dangshan_legal
        )
        assert api(legal).get(f"/api/v1/notice-drafts/{draft.pk}/").status_code == 404
        assert api(dangshan_legal).get(f"/api/v1/notice-drafts/{draft.pk}/").status_code == 200
        issued = api(dangshan_legal).post(f"/api/v1/notice-drafts/{draft.pk}/issue/").json()
        assert issued["number"].startswith("砀法监通〔2026〕")
        by_city = api(legal).post(
            f"/api/v1/notices/{issued['id']}/void/", {"reason": "越级作废"}, format="json"
        )
        assert by_city.status_code == 403
        assert not Notice.objects.get(pk=issued["id"]).is_void
        # A county office criticises the departments of its own level only.
        elsewhere = api(dangshan_legal).post(
            "/api/v1/notices/criticism/",
            {"department": department_a.pk, "reason": "逾期未备案。"},
            format="json",
        )
        assert elsewhere.status_code == 400
        assert "department" in elsewhere.json()


# The calendar, the audit trail, the public site --------------------------------------------


def test_the_holiday_calendar_is_entered_by_the_city_only(browser, legal, dangshan_legal):
    browser.force_login(dangshan_legal)
    page = browser.get("/calendar/")
    assert page.status_code == 200
    assert "由市政府法制机构录入" in page.content.decode()
    refused = browser.post("/calendar/", {"year": 2030, "days": "2030-10-01,休,国庆节"})
    assert refused.status_code == 403
    browser.force_login(legal)
    assert (
        browser.post("/calendar/", {"year": 2030, "days": "2030-10-01,休,国庆节"}).status_code
        == 302
    )


def test_a_county_office_reads_its_own_audit_trail(api, records, legal, dangshan_legal):
    county_entity, city_entity = records["dangshan"]["entity"], records["city"]["entity"]
    for entity, office in ((county_entity, dangshan_legal), (city_entity, legal)):
        EnforcementEntity.objects.filter(pk=entity.pk).update(
            status=EnforcementEntity.Status.SUBMITTED
        )
        assert api(office).post(f"/api/v1/entities/{entity.pk}/approve/").status_code == 200

    def trail(user):
        entries = api(user).get("/api/v1/audit-entries/").json()["results"]
        return {(e["object_id"], e["action"]) for e in entries}

    assert trail(dangshan_legal) == {(str(county_entity.pk), "approve")}
    assert trail(legal) == {(str(county_entity.pk), "approve"), (str(city_entity.pk), "approve")}


def test_the_public_chooses_a_county_and_verifies_any_certificate(client, records, dangshan):
    county_officer = records["dangshan"]["officer"]
    city_officer = records["city"]["officer"]
    for officer in (county_officer, city_officer):
        EnforcementEntity.objects.filter(pk=officer.entity_id).update(
            status=EnforcementEntity.Status.PUBLISHED
        )
    number = records["city"]["certificate"].number
    in_county = client.get("/public/", {"q": city_officer.name, "jurisdiction": "341321"})
    assert number not in in_county.content.decode()
    everywhere = client.get("/public/", {"q": city_officer.name})
    assert number in everywhere.content.decode()
    assert (
        client.get(f"/public/certificates/{number}/", {"jurisdiction": "341321"}).status_code == 200
    )
    entities = client.get("/public/entities/", {"jurisdiction": "341321"}).content.decode()
    assert records["dangshan"]["entity"].name in entities
    assert records["city"]["entity"].name not in entities
    assert client.get("/public/entities/", {"jurisdiction": "nonsense"}).status_code == 200


# Query counts do not grow with the depth of the tree ----------------------------------------


def test_list_pages_cost_the_same_queries_at_every_depth(browser, city, dangshan):
    zone = jurisdiction("341371", "砀山经济开发区", dangshan, "砀开法监通")
    deeper = jurisdiction("341372", "开发区某街道", zone, "街法监通")
    counts = {}
    for place, code in ((dangshan, "L1"), (zone, "L2"), (deeper, "L3")):
        department = DepartmentFactory(jurisdiction=place)
        EnforcementEntityFactory(department=department)
        MajorDecisionFactory(department=department)
        staff = office_staff(place, code)
        browser.force_login(staff)
        for url in ("/entities/", "/cases/decisions/", "/personnel/officers/"):
            browser.get(url)  # warm the session and content-type caches
            with CaptureQueriesContext(connection) as captured:
                assert browser.get(url).status_code == 200
            counts.setdefault(url, []).append(len(captured))
    for url, per_depth in counts.items():
        assert len(set(per_depth)) == 1, (url, per_depth)


def test_a_record_page_offers_actions_only_to_the_office_that_handles_it(
    browser, records, legal, dangshan_legal
):
    entity = records["dangshan"]["entity"]
    EnforcementEntity.objects.filter(pk=entity.pk).update(status=EnforcementEntity.Status.SUBMITTED)
    approve = f"/entities/{entity.pk}/approve/"
    browser.force_login(legal)
    page = browser.get(f"/entities/{entity.pk}/").content.decode()
    assert entity.name in page
    assert approve not in page
    browser.force_login(dangshan_legal)
    assert approve in browser.get(f"/entities/{entity.pk}/").content.decode()


def test_a_supervisor_appointed_by_a_county_reads_the_rosters_of_their_contact_department(
    api, records, dangshan, dangshan_department, xiaoxian_department
):
    supervisor = SupervisorFactory(jurisdiction=dangshan, contact_departments=[dangshan_department])
    listed = {row["id"] for row in api(supervisor).get("/api/v1/officers/").json()["results"]}
    assert listed == {records["dangshan"]["officer"].pk}
    # Another department of the same county is not theirs to read.
    other = records["xiaoxian"]["officer"]
    assert api(supervisor).get(f"/api/v1/officers/{other.pk}/").status_code == 404


def test_a_county_bulletin_is_emailed_to_the_countys_clerks_only(
    django_capture_on_commit_callbacks,
    dangshan_legal,
    dangshan_department,
    department_a,
):
    ClerkFactory(department=dangshan_department, email="county@example.gov.cn")
    ClerkFactory(department=department_a, email="city@example.gov.cn")
    with at(D(2026, 11, 30)), django_capture_on_commit_callbacks(execute=True):
        draft = bulletins.bulletin_draft(
            start=D(2026, 11, 1), end=D(2026, 11, 30), actor=dangshan_legal
        )
        bulletins.draft_issue(draft=draft, actor=dangshan_legal)
    assert [message.to for message in mail.outbox] == [["county@example.gov.cn"]]
