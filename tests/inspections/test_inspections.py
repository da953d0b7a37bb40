"""Special inspections through their services, pages and API: who sees which, the transitions
(409 when the state does not allow them), findings in the rectification loop, the report as
numbered bulletins (and their PDF), bad input."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from inspections import services
from inspections.models import Inspection
from supervision import notices
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry, Finding, Notice
from tests.clock import at
from tests.factories import SupervisorFactory

from .conftest import new_inspection

D = datetime.date
AUGUST_31 = D(2026, 8, 31)


def add_finding(inspection, legal, department, problem="现场执法未全程记录。", due=AUGUST_31):
    with at(D(2026, 7, 22)):
        return services.inspection_finding(
            inspection=inspection,
            actor=legal,
            department=department,
            problem=problem,
            standard="《行政执法全过程记录制度》",
            due_on=due,
        )


# Who sees which ---------------------------------------------------------------------------------


def test_the_legal_office_and_the_team_see_it_a_clerk_once_it_is_under_way(
    api, inspection, legal, clerk_a, clerk_b, supervisor, county_legal
):
    url = f"/api/v1/inspections/{inspection.pk}/"
    assert api(legal).get(url).status_code == 200
    assert api(supervisor).get(url).status_code == 200
    # A planned (perhaps unannounced) inspection is not shown to the departments.
    assert api(clerk_a).get(url).status_code == 404
    with at(D(2026, 7, 20)):
        services.inspection_start(inspection=inspection, actor=legal)
    assert api(clerk_a).get(url).status_code == 200
    assert api(clerk_b).get(url).status_code == 200  # 交通运输局 is inspected too
    assert api(SupervisorFactory()).get(url).status_code == 404  # not on the team
    assert api(county_legal).get(url).status_code == 404  # another jurisdiction's office


def test_a_clerk_of_a_department_not_inspected_gets_404(legal, department_a, clerk_b, browser):
    inspection = new_inspection(legal, [department_a])
    with at(D(2026, 7, 20)):
        services.inspection_start(inspection=inspection, actor=legal)
    browser.force_login(clerk_b)
    assert browser.get(f"/inspections/{inspection.pk}/").status_code == 404
    assert inspection.title not in browser.get("/inspections/").content.decode()


def test_the_city_office_sees_a_countys_inspection(legal, county_legal, county_department, api):
    inspection = new_inspection(county_legal, [county_department])
    assert inspection.office == county_legal.jurisdiction
    assert api(legal).get(f"/api/v1/inspections/{inspection.pk}/").status_code == 200


# Planning -----------------------------------------------------------------------------------------


def test_departments_of_another_jurisdiction_and_a_clerk_on_the_team_are_refused(
    api, legal, department_a, county_department, clerk_a
):
    answer = api(legal).post(
        "/api/v1/inspections/",
        {
            "title": "专项检查",
            "field": "construction",
            "departments": [department_a.pk, county_department.pk],
            "methods": ["on_site"],
            "start_on": "2026-07-20",
            "end_on": "2026-07-10",
            "team": [clerk_a.pk],
            "scope": "案卷",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json() == {"team": [f"无效主键 “{clerk_a.pk}” － 对象不存在。"]}
    answer = api(legal).post(
        "/api/v1/inspections/",
        {
            "title": "专项检查",
            "field": "construction",
            "departments": [department_a.pk, county_department.pk],
            "methods": ["on_site"],
            "start_on": "2026-07-20",
            "end_on": "2026-07-10",
            "scope": "案卷",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "departments": ["请选择本级政府所属部门。"],
        "end_on": ["检查结束日期不能早于开始日期。"],
    }
    assert Inspection.objects.count() == 0


def test_the_api_refuses_a_client_setting_the_status(api, legal, department_a):
    answer = api(legal).post(
        "/api/v1/inspections/",
        {
            "title": "专项检查",
            "field": "construction",
            "departments": [department_a.pk],
            "methods": ["on_site"],
            "start_on": "2026-07-20",
            "end_on": "2026-07-21",
            "scope": "案卷",
            "status": "concluded",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "status" in answer.json()


def test_a_clerk_cannot_plan_one(api, clerk_a, department_a):
    answer = api(clerk_a).post(
        "/api/v1/inspections/",
        {
            "title": "专项检查",
            "field": "construction",
            "departments": [department_a.pk],
            "methods": ["on_site"],
            "start_on": "2026-07-20",
            "end_on": "2026-07-21",
            "scope": "案卷",
        },
        format="json",
    )
    assert answer.status_code == 403


def test_planned_through_the_api_with_several_methods(api, legal, department_a, supervisor):
    with at(D(2026, 7, 1)):
        answer = api(legal).post(
            "/api/v1/inspections/",
            {
                "title": "建筑工地扬尘治理执法监督专项检查",
                "field": "construction",
                "departments": [department_a.pk],
                "methods": ["unannounced", "briefing"],
                "start_on": "2026-07-20",
                "end_on": "2026-07-24",
                "team": [supervisor.pk, legal.pk],
                "scope": "在建工地扬尘治理执法",
            },
            format="json",
        )
    assert answer.status_code == 201, answer.json()
    data = answer.json()
    assert data["status"] == "draft"
    assert data["office"] == legal.jurisdiction_id
    inspection = Inspection.objects.get(pk=data["id"])
    assert inspection.method_labels == ["明察暗访", "听取汇报"]
    assert set(inspection.team.all()) == {supervisor, legal}


# Transitions ----------------------------------------------------------------------------------


def test_transitions_and_409s(api, inspection, legal):
    client = api(legal)
    base = f"/api/v1/inspections/{inspection.pk}"
    with at(D(2026, 7, 20)):
        conclude = client.post(f"{base}/conclude/")
        assert conclude.status_code == 409
        assert conclude.json()["detail"] == "只有正在实施的检查可以结束。"
        assert client.post(f"{base}/report/").status_code == 409
        assert client.post(f"{base}/start/").json()["status"] == "under_way"
        assert client.post(f"{base}/start/").status_code == 409
        assert client.post(f"{base}/conclude/").json()["concluded_on"] == "2026-07-20"
        assert client.patch(f"{base}/", {"title": "改"}, format="json").status_code == 409
    actions = list(
        AuditEntry.objects.for_record(inspection)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "start", "conclude"]


def test_the_departments_are_fixed_once_it_starts(under_way, legal, department_a):
    with pytest.raises(ValidationError) as refused:
        services.inspection_update(inspection=under_way, actor=legal, departments=[department_a])
    assert "检查开始后不能再变更被检查单位。" in str(refused.value)
    with at(D(2026, 7, 21)):
        services.inspection_update(inspection=under_way, actor=legal, scope="补充：调阅案卷20卷")
    under_way.refresh_from_db()
    assert under_way.scope == "补充：调阅案卷20卷"


# Findings and the report --------------------------------------------------------------------


def test_findings_go_into_the_rectification_loop(under_way, legal, department_a):
    finding = add_finding(under_way, legal, department_a)
    assert finding.status == Finding.Status.ORDERED
    assert finding.due_on == D(2026, 8, 31)
    assert finding.source_label == under_way.title
    assert list(Finding.objects.from_source(under_way)) == [finding]


def test_a_finding_against_a_department_not_inspected_is_refused(legal, department_a, department_b):
    inspection = new_inspection(legal, [department_a])
    with at(D(2026, 7, 20)):
        services.inspection_start(inspection=inspection, actor=legal)
    with pytest.raises(ValidationError) as refused:
        add_finding(inspection, legal, department_b)
    assert "请从被检查单位中选择。" in str(refused.value)


def test_no_finding_on_a_planned_inspection(inspection, legal, department_a):
    with pytest.raises(TransitionNotAllowed):
        add_finding(inspection, legal, department_a)


def test_the_report_is_a_numbered_bulletin_to_each_department(
    under_way, legal, department_a, department_b, clerk_a, clerk_b, api
):
    add_finding(under_way, legal, department_a, "对3处工地扬尘问题未依法立案查处。")
    add_finding(under_way, legal, department_a, "执法文书未载明复查期限。", due=D(2026, 9, 15))
    with at(D(2026, 7, 27)):
        services.inspection_conclude(inspection=under_way, actor=legal)
        services.inspection_report(inspection=under_way, actor=legal)
    under_way.refresh_from_db()
    assert under_way.status == Inspection.Status.REPORTED
    reports = list(Notice.objects.filter(rule="inspection_report").order_by("sequence"))
    assert [(n.department, n.number) for n in reports] == [
        (department_b, "宿法监通〔2026〕1号"),
        (department_a, "宿法监通〔2026〕2号"),
    ]
    own = reports[1]
    assert own.kind == Notice.Kind.BULLETIN
    assert own.subject == "关于“交通运输领域执法监督专项检查”情况的通报"
    assert own.due_date == D(2026, 9, 15)
    assert (
        "1. 对3处工地扬尘问题未依法立案查处。（依据：《行政执法全过程记录制度》）整改期限：2026年8月31日。"
        in own.body
    )
    assert "检查中未发现宿州市交通运输局存在问题。" in reports[0].body
    # Each department reads its own, not the other's.
    assert [n["id"] for n in api(clerk_a).get("/api/v1/notices/").json()["results"]] == [own.pk]
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(notices.render_pdf(own))).pages
    ).replace(" ", "")
    assert "宿法监通〔2026〕2号" in text
    assert "整改期限：2026年9月15日" in text
    # Issued once: the inspection is now reported.
    with at(D(2026, 7, 28)), pytest.raises(TransitionNotAllowed):
        services.inspection_report(inspection=under_way, actor=legal)


# Pages ----------------------------------------------------------------------------------------


def test_planning_through_the_page(browser, legal, department_a, supervisor):
    browser.force_login(legal)
    assert browser.get("/inspections/new/").status_code == 200
    with at(D(2026, 7, 1)):
        answer = browser.post(
            "/inspections/new/",
            {
                "title": "食品药品领域执法监督专项检查",
                "field": "food_and_drugs",
                "departments": [department_a.pk],
                "methods": ["case_files"],
                "start_on": "2026-07-20",
                "end_on": "2026-07-22",
                "team": [supervisor.pk],
                "scope": "调阅行政处罚案卷",
            },
        )
    inspection = Inspection.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/inspections/{inspection.pk}/"
    page = browser.get(answer["Location"]).content.decode()
    assert "食品药品领域执法监督专项检查" in page
    assert "调阅案卷" in page
    assert 'aria-label="面包屑导航"' in page or "breadcrumbs" in page


def test_bad_input_on_the_page_is_a_400_in_chinese(browser, legal, department_a):
    browser.force_login(legal)
    answer = browser.post(
        "/inspections/new/",
        {
            "title": "专项检查",
            "field": "transport",
            "departments": [department_a.pk],
            "start_on": "2026-07-20",
            "end_on": "2026-07-10",
            "scope": "x",
        },
    )
    assert answer.status_code == 400
    assert '<p class="field-error">该字段是必填项。</p>' in answer.content.decode()
    assert Inspection.objects.count() == 0


def test_a_clerk_cannot_open_the_planning_page(browser, clerk_a):
    browser.force_login(clerk_a)
    assert browser.get("/inspections/new/").status_code == 404


def test_the_whole_inspection_in_the_browser(browser, under_way, legal, department_a):
    browser.force_login(legal)
    base = f"/inspections/{under_way.pk}"
    with at(D(2026, 7, 22)):
        answer = browser.post(
            f"{base}/finding/",
            {"department": department_a.pk, "problem": "未全程记录", "due_on": "2026-08-31"},
        )
        assert answer.status_code == 302
        bad = browser.post(f"{base}/finding/", {"department": department_a.pk, "problem": ""})
        assert bad.status_code == 400
        assert browser.post(f"{base}/start/").status_code == 409
        assert browser.post(f"{base}/conclude/").status_code == 302
        # The report without its confirmation is refused, then issued.
        refused = browser.post(f"{base}/report/", {"confirm_required": "1"})
        assert refused.status_code == 400
        done = browser.post(f"{base}/report/", {"confirm_required": "1", "confirmed": "1"})
        assert done.status_code == 302
    page = browser.get(f"{base}/").content.decode()
    assert "未全程记录" in page
    assert "宿法监通〔2026〕" in page


def test_the_exports(browser, under_way, legal, department_a):
    add_finding(under_way, legal, department_a)
    browser.force_login(legal)
    for url in ("/inspections/?export=xlsx", "/inspections/findings/?export=xlsx"):
        answer = browser.get(url)
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )
