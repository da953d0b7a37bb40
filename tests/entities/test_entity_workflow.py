"""Enforcement entities: draft → submitted → approved | rejected → published → revoked, through
the services, the API and the browser; scoping; the establishment document behind the scope."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entities import services
from entities.models import EnforcementEntity
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry

from .conftest import make_entity, pdf

S = EnforcementEntity.Status


def test_a_clerk_registers_an_entity_in_their_own_department(api, clerk_a, department_a):
    response = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "宿州市建设工程质量安全监督站",
            "kind": "authorised",
            "legal_basis": "《建设工程质量管理条例》第四十六条",
            "establishment_document": pdf(),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {"id", "department", "name", "kind", "legal_basis", "status"} <= set(body)
    assert body["department"] == department_a.pk
    assert body["status"] == "draft"
    entity = EnforcementEntity.objects.get()
    assert entity.establishment_document.name.startswith("entities/establishment/")
    assert "三定方案" not in entity.establishment_document.name  # a random name on disk
    assert AuditEntry.objects.for_record(entity).get().action == "create"


def test_a_clerk_may_not_name_the_department(api, clerk_a, department_b):
    response = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "某主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "department": department_b.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"department": ["不接受该字段。"]}
    assert not EnforcementEntity.objects.exists()


def test_the_legal_office_names_the_department(api, legal, department_b):
    response = api(legal).post(
        "/api/v1/entities/",
        {
            "name": "某主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "department": department_b.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    assert EnforcementEntity.objects.get().department == department_b


def test_the_legal_office_must_name_the_department(api, legal):
    response = api(legal).post(
        "/api/v1/entities/", {"name": "某主体", "kind": "statutory", "legal_basis": "某法"}
    )
    assert response.status_code == 400
    assert "department" in response.json()


def test_a_duplicate_name_in_the_department_is_a_field_error(api, clerk_a, entity_a):
    response = api(clerk_a).post(
        "/api/v1/entities/",
        {"name": entity_a.name, "kind": "statutory", "legal_basis": "某法"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["本部门已有同名执法主体。"]}


def test_an_upload_that_is_not_a_document_is_refused(api, clerk_a):
    response = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "某主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "establishment_document": pdf("run.exe"),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert "establishment_document" in response.json()
    assert not EnforcementEntity.objects.exists()


def test_the_whole_workflow_through_the_api(api, clerk_a, legal, entity_a):
    url = f"/api/v1/entities/{entity_a.pk}"
    assert api(clerk_a).post(f"{url}/submit/").json()["status"] == "submitted"
    assert api(legal).post(f"{url}/approve/").json()["status"] == "approved"
    body = api(legal).post(f"{url}/publish/").json()
    assert body["status"] == "published"
    assert body["published_on"]
    revoked = api(legal).post(f"{url}/revoke/", {"reason": "机构改革，职能划转"}, format="json")
    assert revoked.json()["status"] == "revoked"
    assert revoked.json()["revocation_reason"] == "机构改革，职能划转"
    actions = list(
        AuditEntry.objects.for_record(entity_a).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["submit", "approve", "publish", "revoke"]


def test_rejection_needs_reasons_and_the_clerk_resubmits(api, clerk_a, legal, entity_a):
    url = f"/api/v1/entities/{entity_a.pk}"
    api(clerk_a).post(f"{url}/submit/")
    missing = api(legal).post(f"{url}/reject/", {}, format="json")
    assert missing.status_code == 400
    assert missing.json() == {"reason": ["该字段是必填项。"]}
    blank = api(legal).post(f"{url}/reject/", {"reason": "   "}, format="json")
    assert blank.status_code == 400
    rejected = api(legal).post(f"{url}/reject/", {"reason": "执法依据条款不全"}, format="json")
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["rejection_reason"] == "执法依据条款不全"
    edit = api(clerk_a).patch(
        url + "/", {"legal_basis": "《建筑法》第七条、第六十四条"}, format="json"
    )
    assert edit.status_code == 200
    assert api(clerk_a).post(f"{url}/submit/").json()["status"] == "submitted"


@pytest.mark.parametrize(
    ("status", "action", "reason"),
    [
        (S.DRAFT, "approve", "只有已提交审核的执法主体可以审核通过。"),
        (S.DRAFT, "publish", "只有审核通过的执法主体可以公告。"),
        (S.SUBMITTED, "submit", "只有草稿或被退回的执法主体可以提交审核。"),
        (S.SUBMITTED, "publish", "只有审核通过的执法主体可以公告。"),
        (S.APPROVED, "approve", "只有已提交审核的执法主体可以审核通过。"),
        (S.PUBLISHED, "publish", "只有审核通过的执法主体可以公告。"),
        (S.REJECTED, "revoke", "只有已公告的执法主体可以撤销。"),
        (S.REVOKED, "revoke", "只有已公告的执法主体可以撤销。"),
    ],
)
def test_a_transition_the_state_does_not_allow_is_409_with_the_reason(
    api, legal, department_a, status, action, reason
):
    entity = make_entity(department_a, status=status)
    response = api(legal).post(
        f"/api/v1/entities/{entity.pk}/{action}/", {"reason": "理由"}, format="json"
    )
    assert response.status_code == 409
    assert response.json() == {"detail": reason}
    entity.refresh_from_db()
    assert entity.status == status
    assert not AuditEntry.objects.for_record(entity).exists()


def test_submitting_without_the_establishment_document_is_refused(api, clerk_a, department_a):
    entity = make_entity(department_a, establishment_document="")
    response = api(clerk_a).post(f"/api/v1/entities/{entity.pk}/submit/")
    assert response.status_code == 409
    assert response.json() == {"detail": "请先上传三定方案，再提交审核。"}


@pytest.mark.parametrize("action", ["approve", "publish"])
def test_a_clerk_cannot_decide_on_their_own_entity(api, clerk_a, department_a, action):
    entity = make_entity(department_a, status=S.SUBMITTED if action == "approve" else S.APPROVED)
    response = api(clerk_a).post(f"/api/v1/entities/{entity.pk}/{action}/")
    assert response.status_code == 403
    assert response.json() == {"detail": "只有政府法制机构可以进行此项操作。"}


def test_a_submitted_entity_cannot_be_edited(api, clerk_a, department_a):
    entity = make_entity(department_a, status=S.SUBMITTED)
    response = api(clerk_a).patch(f"/api/v1/entities/{entity.pk}/", {"name": "新名"}, format="json")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "只有草稿或被退回的执法主体可以修改，该执法主体当前状态为“已报送”。"
    }


def test_clerk_b_gets_404_on_clerk_as_entity_everywhere(api, browser, clerk_b, entity_a):
    client = api(clerk_b)
    assert client.get(f"/api/v1/entities/{entity_a.pk}/").status_code == 404
    assert client.post(f"/api/v1/entities/{entity_a.pk}/submit/").status_code == 404
    assert client.patch(f"/api/v1/entities/{entity_a.pk}/", {"name": "x"}).status_code == 404
    browser.force_login(clerk_b)
    for url in ["", "edit/", "document/"]:
        assert browser.get(f"/entities/{entity_a.pk}/{url}").status_code == 404
    assert browser.post(f"/entities/{entity_a.pk}/submit/").status_code == 404
    entity_a.refresh_from_db()
    assert entity_a.status == S.DRAFT
    assert [e["id"] for e in client.get("/api/v1/entities/").json()["results"]] == []


def test_the_public_is_sent_to_log_in(api, browser, entity_a):
    assert api().get("/api/v1/entities/").status_code == 401
    for url in ["/entities/", f"/entities/{entity_a.pk}/", f"/entities/{entity_a.pk}/document/"]:
        response = browser.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_document_is_served_only_through_the_scoped_view(browser, clerk_a, legal, entity_a):
    browser.force_login(clerk_a)
    response = browser.get(f"/entities/{entity_a.pk}/document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    # the media folder is not served at all
    assert browser.get(f"/media/{entity_a.establishment_document.name}").status_code == 404


def test_the_browser_workflow(browser, clerk_a, legal, department_a):
    browser.force_login(clerk_a)
    page = browser.get("/entities/new/").content.decode()
    assert "登记执法主体" in page
    response = browser.post(
        "/entities/new/",
        {
            "name": "宿州市建筑市场稽查支队",
            "kind": "authorised",
            "legal_basis": "《中华人民共和国建筑法》第七条",
            "enforcement_areas": "建筑市场",
            "establishment_document": pdf(),
        },
    )
    entity = EnforcementEntity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/entities/{entity.pk}/"
    detail = browser.get(f"/entities/{entity.pk}/").content.decode()
    assert "执法主体已登记为草稿。" in detail
    assert "提交政府法制机构审核" in detail
    browser.post(f"/entities/{entity.pk}/submit/")
    browser.force_login(legal)
    page = browser.get(f"/entities/{entity.pk}/").content.decode()
    assert "审核通过" in page
    assert "退回" in page
    refused = browser.post(f"/entities/{entity.pk}/publish/", follow=True).content.decode()
    assert "只有审核通过的执法主体可以公告。" in refused
    browser.post(f"/entities/{entity.pk}/approve/")
    browser.post(f"/entities/{entity.pk}/publish/")
    entity.refresh_from_db()
    assert entity.status == S.PUBLISHED
    no_reason = browser.post(f"/entities/{entity.pk}/revoke/", {"reason": ""}, follow=True)
    assert "请填写理由。" in no_reason.content.decode()
    browser.post(f"/entities/{entity.pk}/revoke/", {"reason": "机构撤销"})
    entity.refresh_from_db()
    assert entity.status == S.REVOKED


def test_the_form_shows_errors_in_chinese_and_saves_nothing(browser, clerk_a):
    browser.force_login(clerk_a)
    response = browser.post("/entities/new/", {"name": "", "kind": "nonsense", "legal_basis": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "该字段是必填项。" in page
    assert "选择一个有效的选项" in page
    assert not EnforcementEntity.objects.exists()


def test_a_supervisor_cannot_register_entities(browser, api, supervisor):
    browser.force_login(supervisor)
    assert browser.get("/entities/new/").status_code == 404
    response = api(supervisor).post(
        "/api/v1/entities/", {"name": "x", "kind": "statutory", "legal_basis": "y"}
    )
    assert response.status_code == 403


def test_services_refuse_without_the_right_role(clerk_a, clerk_b, department_a):
    entity = make_entity(department_a, status=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.entity_approve(entity=entity, actor=clerk_a)
    with pytest.raises(PermissionDenied):
        services.entity_submit(entity=make_entity(department_a, "另一个"), actor=clerk_b)
    with pytest.raises(ValidationError):
        services.entity_reject(entity=entity, actor=_legal(department_a), reason="")
    with pytest.raises(TransitionNotAllowed):
        services.entity_publish(entity=entity, actor=_legal(department_a))


def _legal(department):
    from supervision.models import User

    return User.objects.get_or_create(username="legal2", defaults={"role": User.Role.LEGAL_OFFICE})[
        0
    ]


def _entities(department, count):
    for i in range(count):
        make_entity(department, f"执法主体{i:02d}", establishment_document="")


@pytest.mark.parametrize("url", ["/api/v1/entities/", "/entities/"])
def test_the_list_costs_the_same_queries_for_3_and_30_rows(
    api, browser, legal, department_a, django_assert_max_num_queries, url
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser.force_login(legal)
    client = api(legal)
    counts = []
    for total in (3, 30):
        EnforcementEntity.objects.all().delete()
        _entities(department_a, total)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url) if url.startswith("/api") else browser.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_list_exports_the_filtered_rows(browser, clerk_a, department_a):
    from io import BytesIO

    from openpyxl import load_workbook

    make_entity(department_a, "甲主体", status=S.PUBLISHED)
    make_entity(department_a, "乙主体", status=S.DRAFT)
    browser.force_login(clerk_a)
    response = browser.get("/entities/?status=published&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("部门", "名称", "类别")
    assert [r[1] for r in rows[1:]] == ["甲主体"]
    assert rows[1][5] == "已公告"
